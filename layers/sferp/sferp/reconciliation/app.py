"""Composition of the reconciliation tasks: settings -> adapters -> stores -> task dispatch.

Built once per execution environment and cached; tests and ``sferp local reconciliation run`` install
embedded adapters and moto clients with ``set_context``. Also the starter's logic (the
scheduler's target): one execution per run date.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sferp.adapters.aws.s3 import ArtifactStore
from sferp.adapters.registry import build_erp, build_salesforce
from sferp.errors import PermanentError
from sferp.lazy import Lazy
from sferp.observability import logger, use_flow_dimensions
from sferp.reconciliation import definition as d
from sferp.reconciliation import names as reconcile_names
from sferp.reconciliation import tasks
from sferp.reconciliation.aws import ReviewQueue, RunLedger
from sferp.reconciliation.definition import execution_name
from sferp.reconciliation.settings import ReconcileSettings, StarterSettings


class UnknownTaskError(PermanentError):
    """The state machine asked for a task this handler does not know."""


def build_context(settings: ReconcileSettings, *, boto_session: Any | None = None) -> tasks.WorkflowContext:
    import boto3

    from sferp.adapters.aws.coupling import coupling_store_for_table

    session = boto_session or boto3.session.Session()
    dynamodb = session.client("dynamodb")
    return tasks.WorkflowContext(
        mode=settings.mode,
        environment=settings.environment,
        salesforce=build_salesforce(settings),
        erp=build_erp(settings),
        artifacts=ArtifactStore(settings.bucket, session.client("s3"), kms_key_id=settings.kms_key_id),
        ledger=RunLedger(settings.run_table, dynamodb),
        review=ReviewQueue(settings.review_table, dynamodb),
        lookback=timedelta(minutes=settings.lookback_minutes),
        partitions=settings.partitions,
        coupling=coupling_store_for_table(settings.coupling_table, dynamodb),
    )


def _from_environment() -> tasks.WorkflowContext:
    settings = ReconcileSettings.from_env()
    context = build_context(settings)
    logger.info("reconciliation configured", extra={"mode": settings.mode.value, "erp": settings.erp_adapter})
    return context


_context: Lazy[tasks.WorkflowContext] = Lazy(
    _from_environment,
    on_set=lambda c: use_flow_dimensions(environment=c.environment, flow=reconcile_names.FLOW_RECONCILIATION),
)


def set_context(context: tasks.WorkflowContext | None) -> None:
    """Install (or with None, forget) the dependencies; the next invocation uses them."""
    _context.set(context)


def get_context() -> tasks.WorkflowContext:
    return _context.get()


def dispatch(event: dict[str, Any]) -> dict[str, Any]:
    """Run the task the state machine names; the answer becomes the state's result."""
    ctx = get_context()
    task = event.get("task")
    execution_input = event.get("input") or {}
    logger.append_keys(reconcile_task=task, run_date=execution_input.get("run_date"))
    if task == d.TASK_EXTRACT:
        return tasks.extract(ctx, execution_input)
    if task == d.TASK_COMPARE:
        return tasks.compare(ctx, event["item"])
    if task == d.TASK_RESOLVE:
        return tasks.resolve(ctx, execution_input)
    if task == d.TASK_APPLY:
        return tasks.apply(ctx, execution_input)
    if task == d.TASK_REPORT:
        return tasks.report(ctx, execution_input, str(event.get("execution", "")))
    if task == d.TASK_WATERMARK:
        return tasks.advance_watermark(ctx, execution_input)
    if task == d.TASK_APPLY_DECISION:
        return tasks.apply_decision(ctx, event.get("decision") or {})
    if task == d.TASK_RETRY_FIXES:
        return tasks.retry_fixes(ctx, event.get("items") or [])
    if task == d.TASK_FAILURE:
        error = event.get("error") or {}
        return tasks.record_failure(
            ctx, execution_input, error if isinstance(error, dict) else {"Error": str(error)}
        )
    raise UnknownTaskError(f"unknown reconciliation task {task!r}")


# --- the starter: EventBridge Scheduler -> one execution per run date ---------------------------
def run_date_for(scheduled_time: str, time_zone: str) -> str:
    """The run date is the scheduled instant's calendar date in the schedule's time zone."""
    instant = datetime.fromisoformat(scheduled_time.replace("Z", "+00:00"))
    return instant.astimezone(ZoneInfo(time_zone)).date().isoformat()


def start_run(
    sfn: Any,
    *,
    state_machine_arn: str,
    run_date: str,
    full: bool = False,
    name: str | None = None,
    force: bool = False,
) -> dict[str, Any]:
    """StartExecution named after the run date. A second start for the same date (the scheduler
    delivers at least once, or someone clicks twice) finds the name taken and does nothing."""
    execution = name or execution_name(run_date)
    document: dict[str, Any] = {"run_date": run_date}
    if full:
        document["full"] = True
    if force:
        document["force"] = True
    try:
        answer = sfn.start_execution(
            stateMachineArn=state_machine_arn, name=execution, input=json.dumps(document)
        )
    except sfn.exceptions.ExecutionAlreadyExists:
        logger.info("reconciliation run already started", extra={"execution": execution})
        return {"execution": execution, "started": False}
    logger.info("reconciliation run started", extra={"execution": execution})
    return {"execution": execution, "execution_arn": answer["executionArn"], "started": True}


def start_from_schedule(
    event: dict[str, Any], *, sfn: Any | None = None, settings: StarterSettings | None = None
) -> dict[str, Any]:
    settings = settings or StarterSettings.from_env()
    if sfn is None:
        import boto3

        sfn = boto3.client("stepfunctions")
    run_date = event.get("run_date") or run_date_for(str(event["scheduled_time"]), settings.time_zone)
    return start_run(
        sfn, state_machine_arn=settings.state_machine_arn, run_date=run_date, full=bool(event.get("full"))
    )
