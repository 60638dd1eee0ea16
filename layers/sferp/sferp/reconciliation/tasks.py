"""The logic of every workflow step. Steps are keyed by the run date (``run_id``): a rerun of a
failed or killed run (a new execution with the same run date) finds what the earlier attempt
finished in the run ledger and S3, reuses it, and applies nothing twice.

- extract: reused when the run's extract already exists (same snapshot, same result);
- compare: a pure function of the partition files, overwrites its own result;
- resolve: merge and review-queue writes are overwrites;
- apply: a ledger marker per entity and side ("started" before, "done" after the write). "done":
  skipped. "started" without "done" (killed mid-write): the fixes are checked against the
  target's current values first and only those not yet in place are written;
- report: metrics are published once per run (ledger marker); the files are overwrites;
- watermark: moves forward only, and only here, the last step.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from sferp.adapters.aws.s3 import ArtifactStore
from sferp.errors import PermanentError, RetriableError
from sferp.models.entities import EntitySpec, Owner, normalise, validate_fix
from sferp.models.records import RecordResult, RecordUpdate
from sferp.observability import logger, metrics
from sferp.ports import ErpGateway, SalesforceGateway
from sferp.ports.coupling import CouplingStore
from sferp.reconciliation import names as reconcile_names
from sferp.reconciliation.aws import ReviewQueue, RunLedger
from sferp.reconciliation.columnar import MIN_MEMORY_LIMIT_MB, EngineLimits
from sferp.reconciliation.compare import (
    ReconcileResult,
    RecordClass,
    ReviewItem,
    compare_partition,
    merge_results,
)
from sferp.reconciliation.csv_io import partition_path
from sferp.reconciliation.extract import (
    WORKFLOW_ENTITIES,
    erp_rows_by_key,
    extract_entity,
    salesforce_rows_by_key,
    workflow_entity,
)
from sferp.reconciliation.report import build_report, render_html
from sferp.reconciliation.rules import Reason, Rules
from sferp.settings import FlowMode

FAILURE_LIST_CAP = 1000  # failures listed in the report and ledger; totals stay exact


class InvalidRunInputError(PermanentError):
    """The execution input has no usable run date."""


class IncompleteCompareError(PermanentError):
    """Fewer partition results than the manifest lists: merging would hide drift."""


@dataclass
class WorkflowContext:
    mode: FlowMode
    environment: str
    salesforce: SalesforceGateway
    erp: ErpGateway
    artifacts: ArtifactStore
    ledger: RunLedger
    review: ReviewQueue
    lookback: timedelta
    partitions: int
    entities: tuple[str, ...] = tuple(WORKFLOW_ENTITIES)
    clock: Any = None
    # The customer flow's cross-reference: the accounts' key map (None: ERP_Customer_Number__c alone).
    coupling: CouplingStore | None = None

    def now(self) -> datetime:
        return self.clock() if self.clock else datetime.now(UTC)


_TARGETED_RUN_ID = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]{1,60}$")


def run_id_of(execution_input: dict[str, Any]) -> str:
    """The nightly run's id is its date; a targeted run (``run_id`` in the input, e.g. after a
    change-event overflow) has an id of its own that starts with the date, so its artifacts and
    ledger entries never mix with the nightly run's."""
    raw = str(execution_input.get("run_date", ""))
    try:
        run_date = datetime.strptime(raw, "%Y-%m-%d").date().isoformat()
    except ValueError as exc:
        raise InvalidRunInputError(f"run_date {raw!r} is not YYYY-MM-DD") from exc
    targeted = execution_input.get("run_id")
    if targeted is None:
        return run_date
    if not isinstance(targeted, str) or not _TARGETED_RUN_ID.match(targeted):
        raise InvalidRunInputError(f"run_id {targeted!r} is not <YYYY-MM-DD>-<lower-case words>")
    return targeted


def _targeted(
    ctx: WorkflowContext, execution_input: dict[str, Any]
) -> tuple[tuple[str, ...], dict[str, datetime]]:
    """The entities a targeted run covers and where each starts (the input's ``entities`` and
    ``since``); the nightly run: every entity, from its watermark."""
    wanted = execution_input.get("entities")
    if wanted is None:
        return ctx.entities, {}
    if not isinstance(wanted, list) or not wanted or any(name not in ctx.entities for name in wanted):
        raise InvalidRunInputError(f"entities {wanted!r}: a list of {', '.join(ctx.entities)}")
    since: dict[str, datetime] = {}
    for name, raw in (execution_input.get("since") or {}).items():
        if name not in wanted:
            raise InvalidRunInputError(f"since names {name!r}, which the run does not cover")
        try:
            since[name] = datetime.fromisoformat(str(raw))
        except ValueError as exc:
            raise InvalidRunInputError(f"since[{name!r}] {raw!r} is not an ISO 8601 time") from exc
        if since[name].tzinfo is None:
            raise InvalidRunInputError(f"since[{name!r}] {raw!r} has no time zone")
    return tuple(wanted), since


# --- extract ---------------------------------------------------------------------------------
def extract(ctx: WorkflowContext, execution_input: dict[str, Any]) -> dict[str, Any]:
    run_id = run_id_of(execution_input)
    status = ctx.ledger.get(run_id, "status")
    meta_key = reconcile_names.extract_key(run_id)
    if status is not None and status.get("status") == "succeeded":
        logger.info("reconciliation run already succeeded", extra={"run_id": run_id})
        return {"run_id": run_id, "already_succeeded": True}
    existing = ctx.artifacts.get_json(meta_key)
    if existing is not None:
        logger.info("reusing the run's extract", extra={"run_id": run_id})
        return {**_extract_answer(ctx, run_id), "reused": True}
    started = ctx.now()
    run_entities, targeted_since = _targeted(ctx, execution_input)
    # One watermark per stream: an entity without one (new, or reset) is extracted in full. A
    # targeted run starts where it was asked to (minus the same lookback).
    watermarks = {
        name: None if execution_input.get("full") else targeted_since.get(name) or ctx.ledger.watermark(name)
        for name in run_entities
    }
    sinces = {name: w - ctx.lookback if w is not None else None for name, w in watermarks.items()}
    calls_before = ctx.salesforce.api_calls
    entities: dict[str, Any] = {}
    manifest: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="sferp-extract-") as scratch:
        for name in run_entities:
            spec = workflow_entity(name, ctx.erp)
            key_map = (
                {c.account_id: c.customer_number for c in ctx.coupling.all() if not c.account_deleted}
                if ctx.coupling is not None and spec.salesforce_object == "Account"
                else None
            )
            result = extract_entity(
                spec,
                salesforce=ctx.salesforce,
                erp=ctx.erp,
                since=sinces[name],
                partitions=ctx.partitions,
                workdir=Path(scratch),
                key_map=key_map,
            )
            for index, (sf_path, erp_path) in enumerate(
                zip(result.salesforce.paths, result.erp.paths, strict=True)
            ):
                sf_key = reconcile_names.partition_key(run_id, name, sf_path.name)
                erp_key = reconcile_names.partition_key(run_id, name, erp_path.name)
                ctx.artifacts.upload(sf_key, sf_path)
                ctx.artifacts.upload(erp_key, erp_path)
                manifest.append(
                    {
                        "run_id": run_id,
                        "entity": name,
                        "partition": index,
                        "salesforce_key": sf_key,
                        "erp_key": erp_key,
                    }
                )
            entities[name] = {
                "salesforce_rows": result.salesforce.rows,
                "erp_rows": result.erp.rows,
                "unlinked": {"salesforce": result.salesforce.unlinked, "erp": result.erp.unlinked},
                "counterparts_fetched": result.counterparts_fetched,
                **({"coupling": result.coupling} if result.coupling is not None else {}),
                "partitions": ctx.partitions,
            }
    meta = {
        "run_id": run_id,
        "started_at": started.isoformat(),
        "watermarks": {name: w.isoformat() if w else None for name, w in watermarks.items()},
        "since": {name: v.isoformat() if v else None for name, v in sinces.items()},
        "full": all(v is None for v in sinces.values()),
        # A targeted run covers a window, not everything since the watermark: it must not move it.
        "targeted": "run_id" in execution_input,
        "entities": entities,
        "partitions": len(manifest),
        "salesforce_api_calls": ctx.salesforce.api_calls - calls_before,
    }
    # The manifest first, the meta last: the meta's presence means the extract is complete.
    ctx.artifacts.put_json(reconcile_names.manifest_key(run_id), manifest)
    ctx.artifacts.put_json(meta_key, meta)
    logger.info(
        "reconciliation extracted",
        extra={"run_id": run_id, "partitions": len(manifest), "full": meta["full"]},
    )
    return _extract_answer(ctx, run_id)


def _extract_answer(ctx: WorkflowContext, run_id: str) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "already_succeeded": False,
        "manifest_bucket": ctx.artifacts.bucket,
        "manifest_key": reconcile_names.manifest_key(run_id),
    }


def _meta(ctx: WorkflowContext, run_id: str) -> dict[str, Any]:
    meta = ctx.artifacts.get_json(reconcile_names.extract_key(run_id))
    if meta is None:
        raise IncompleteCompareError(f"run {run_id} has no extract")
    return meta


def _rules(meta: dict[str, Any], entity: str | None = None) -> Rules:
    # ``since`` for the rules is the entity's last successful run (not minus the lookback): "both
    # changed since the last run" is what the system-priority policy guards against. Without an
    # entity (the report's header) the oldest watermark, or none if any entity had none.
    watermarks = meta.get("watermarks") or {}
    values = [watermarks.get(entity)] if entity is not None else list(watermarks.values())
    if not values or any(v is None for v in values):
        return Rules(since=None)
    return Rules(since=min(datetime.fromisoformat(v) for v in values if v is not None))


# --- compare (one Distributed Map child per partition) -------------------------------------------
def lambda_engine_limits() -> EngineLimits:
    """DuckDB's share of this function: half its memory (AWS_LAMBDA_FUNCTION_MEMORY_SIZE, set by
    the Lambda runtime), never below the engine's floor."""
    memory = int(os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", reconcile_names.RECONCILE_TASK_MEMORY_MB))
    return EngineLimits(memory_limit_mb=max(MIN_MEMORY_LIMIT_MB, memory // 2))


def compare(ctx: WorkflowContext, item: dict[str, Any]) -> dict[str, Any]:
    run_id, entity, index = item["run_id"], item["entity"], int(item["partition"])
    spec = workflow_entity(entity, ctx.erp)
    meta = _meta(ctx, run_id)
    with tempfile.TemporaryDirectory(prefix="sferp-compare-") as scratch:
        directory = Path(scratch)
        sf_path = ctx.artifacts.download(
            item["salesforce_key"], partition_path(directory, Owner.SALESFORCE, index)
        )
        erp_path = ctx.artifacts.download(item["erp_key"], partition_path(directory, Owner.ERP, index))
        # The columnar engine, as offline; DuckDB gets half the function's memory and spills to
        # the function's /tmp beyond it (the other half is Python, the partition files' page
        # cache and the result).
        result = compare_partition(
            spec, sf_path, erp_path, _rules(meta, entity), limits=lambda_engine_limits(), workdir=directory
        )
    ctx.artifacts.put_json(reconcile_names.result_key(run_id, entity, index), result.to_dict())
    return {"partition": f"{entity}/{index}", "compared": result.compared}


# --- resolve: merge the partitions, fill the review queue -------------------------------------
def resolve(ctx: WorkflowContext, execution_input: dict[str, Any]) -> dict[str, Any]:
    run_id = run_id_of(execution_input)
    meta = _meta(ctx, run_id)
    summary: dict[str, Any] = {}
    for name in meta["entities"]:
        keys = ctx.artifacts.list_keys(reconcile_names.results_prefix(run_id, name))
        expected = meta["entities"][name]["partitions"]
        if len(keys) != expected:
            raise IncompleteCompareError(f"{name}: {len(keys)} of {expected} partition results")
        parts = [ReconcileResult.from_dict(ctx.artifacts.get_json(key) or {}) for key in keys]
        merged = merge_results(parts)
        merged.unlinked.update({k: v for k, v in meta["entities"][name]["unlinked"].items() if v})
        ctx.artifacts.put_json(reconcile_names.merged_key(run_id, name), merged.to_dict())
        queued = ctx.review.put_many(name, merged.review, run_id=run_id, mode=ctx.mode.value)
        summary[name] = {
            "compared": merged.compared,
            "drift": merged.compared - merged.counts.get(RecordClass.IN_SYNC.value, 0),
            "salesforce_fixes": len(merged.salesforce_fixes),
            "erp_fixes": len(merged.erp_fixes),
            "review": queued,
        }
    logger.info("reconciliation resolved", extra={"run_id": run_id, "summary": summary})
    return summary


def _merged(ctx: WorkflowContext, run_id: str, name: str) -> ReconcileResult:
    data = ctx.artifacts.get_json(reconcile_names.merged_key(run_id, name))
    if data is None:
        raise IncompleteCompareError(f"run {run_id}: {name} was not resolved")
    return ReconcileResult.from_dict(data)


# --- apply ----------------------------------------------------------------------------------------
def _same(spec: EntitySpec, side: Owner, fix: RecordUpdate, current: dict[str, Any]) -> bool:
    by_column = {(f.salesforce if side is Owner.SALESFORCE else f.erp): f for f in spec.fields}
    for column, value in fix.fields.items():
        field = by_column.get(column)
        now = current.get(column)
        now_text = "" if now is None else str(now)
        want = "" if value is None else str(value)
        if field is None:
            if now_text != want:
                return False
        elif normalise(field.kind, now_text) != normalise(field.kind, want):
            return False
    return True


def _not_yet_applied(
    ctx: WorkflowContext, spec: EntitySpec, side: Owner, fixes: list[RecordUpdate]
) -> list[RecordUpdate]:
    """After a kill mid-write: keep only the fixes the target does not show yet."""
    keys = [f.key for f in fixes]
    if side is Owner.SALESFORCE:
        rows = [
            r
            for r in salesforce_rows_by_key(ctx.salesforce, spec, keys)
            if str(r.get("IsDeleted")).lower() != "true"
        ]
        column, normaliser = spec.salesforce_key, spec.salesforce_key_normaliser
    else:
        rows = erp_rows_by_key(ctx.erp, spec, keys)
        column, normaliser = spec.erp_key, spec.erp_key_normaliser
    current = {}
    for row in rows:
        key = str(row.get(column) or "")
        current[normaliser(key) if normaliser and key else key] = row
    return [f for f in fixes if f.key not in current or not _same(spec, side, f, current[f.key])]


def _write(
    ctx: WorkflowContext, spec: EntitySpec, side: Owner, fixes: list[RecordUpdate]
) -> list[RecordResult]:
    if not fixes:
        return []
    if side is Owner.SALESFORCE:
        records = [{spec.salesforce_key: f.key, **f.fields} for f in fixes]
        # ONE Bulk API 2.0 job for the whole object, however many records.
        return ctx.salesforce.bulk_upsert(spec.salesforce_object, spec.salesforce_key, records)
    if spec.name == "accounts":
        return ctx.erp.update_customers(fixes)
    # The ERP owns every product and order field: the engine never asks for such a fix.
    return [RecordResult(key=f.key, ok=False, error=f"no ERP write for {spec.name}") for f in fixes]


def _apply_side(
    ctx: WorkflowContext, run_id: str, spec: EntitySpec, side: Owner, fixes: list[RecordUpdate]
) -> dict[str, Any]:
    marker = f"apply#{spec.name}#{side.value}"
    previous = ctx.ledger.get(run_id, marker)
    if previous is not None and previous["status"] == "done":
        return {**previous["summary"], "skipped_already_done": True}
    pending = fixes
    if previous is not None and previous["status"] == "started" and fixes:
        pending = _not_yet_applied(ctx, spec, side, fixes)
        logger.warning(
            "resuming an interrupted apply",
            extra={
                "run_id": run_id,
                "entity": spec.name,
                "side": side.value,
                "pending": len(pending),
                "total": len(fixes),
            },
        )
    ctx.ledger.put(run_id, marker, {"status": "started", "count": len(pending)})
    calls_before = ctx.salesforce.api_calls
    results = _write(ctx, spec, side, pending)
    failed = [r for r in results if not r.ok]
    failures = [{"entity": spec.name, "side": side.value, "key": r.key, "error": r.error} for r in failed]
    if failed:
        by_key = {f.key: f for f in pending}
        ctx.review.put_many(
            spec.name,
            [
                ReviewItem(
                    r.key,
                    RecordClass.FIELD_CONFLICT if r.key in by_key else RecordClass.ONLY_ERP,
                    Reason.FIX_REJECTED,
                    detail=f"{side.value}: {r.error}"[:500],
                )
                for r in failed
            ],
            run_id=run_id,
            mode=ctx.mode.value,
        )
    ctx.artifacts.put_json(reconcile_names.applied_key(run_id, spec.name, side.value), failures)
    summary = {
        "fixes": len(fixes),
        "already_in_place": len(fixes) - len(pending),
        "written": len(pending),
        "applied": len(results) - len(failed),
        "failed": len(failed),
        "failures_sample": failures[:20],
        "salesforce_api_calls": ctx.salesforce.api_calls - calls_before,
    }
    ctx.ledger.put(run_id, marker, {"status": "done", "summary": summary})
    return summary


class ApiQuotaPausedError(RetriableError):
    """The org is at or above RECONCILE_QUOTA_PAUSE_SHARE of its daily API limit: the Salesforce
    fixes wait (Step Functions retries the apply later); the ERP side is applied and recorded."""


def _pause_near_the_api_limit(ctx: WorkflowContext, spec: EntitySpec, keys: Sequence[str]) -> None:
    """Before a Salesforce apply: read the org's API usage (``Sforce-Limit-Info``; a one-record
    keyed query when this invocation has made no call yet) and pause at the guard's share."""
    if ctx.salesforce.api_usage is None:
        list(salesforce_rows_by_key(ctx.salesforce, spec, list(keys[:1])))
    usage = ctx.salesforce.api_usage
    if usage is not None and usage.ratio >= reconcile_names.RECONCILE_QUOTA_PAUSE_SHARE:
        metrics.add_metric(name=reconcile_names.METRIC_RECONCILE_QUOTA_PAUSED, unit=MetricUnit.Count, value=1)
        raise ApiQuotaPausedError(
            f"Salesforce API usage is {usage.used:,} of {usage.total:,} ({usage.ratio:.0%}), at or above the "
            f"{reconcile_names.RECONCILE_QUOTA_PAUSE_SHARE:.0%} guard: the {spec.name} fixes for Salesforce wait"
        )


class StaleRunError(PermanentError):
    """A newer run already succeeded: this run's snapshot may be older than the targets' values."""


def apply(ctx: WorkflowContext, execution_input: dict[str, Any]) -> dict[str, Any]:
    run_id = run_id_of(execution_input)
    meta = _meta(ctx, run_id)
    if ctx.mode is FlowMode.LIVE and not execution_input.get("force"):
        # A rerun of an older date after a newer run succeeded would write its older snapshot over
        # what the newer run (or a person) set since: refuse, unless an operator says otherwise.
        newer = sorted(
            {
                later
                for name in meta["entities"]
                if (later := ctx.ledger.watermark_run(name)) and later > run_id
            }
        )
        if newer:
            raise StaleRunError(
                f"run {run_id} is older than run {newer[-1]}, which has already succeeded: its snapshot may "
                "hold values older than the targets' current ones, so nothing is applied "
                "(sferp ops reconciliation rerun --force applies it anyway)"
            )
    out: dict[str, Any] = {}
    for name in meta["entities"]:
        spec = workflow_entity(name, ctx.erp)
        merged = _merged(ctx, run_id, name)
        if ctx.mode is not FlowMode.LIVE:
            out[name] = {
                "salesforce": {"would_apply": len(merged.salesforce_fixes)},
                "erp": {"would_apply": len(merged.erp_fixes)},
            }
            continue
        # ERP first: its fixes are field updates of existing customers; the Salesforce job may
        # create records, and a failure there should not hold back the ERP's corrections.
        erp_done = _apply_side(ctx, run_id, spec, Owner.ERP, merged.erp_fixes)
        marker = ctx.ledger.get(run_id, f"apply#{spec.name}#{Owner.SALESFORCE.value}")
        if merged.salesforce_fixes and not (marker is not None and marker["status"] == "done"):
            _pause_near_the_api_limit(ctx, spec, [f.key for f in merged.salesforce_fixes])
        out[name] = {
            "erp": erp_done,
            "salesforce": _apply_side(ctx, run_id, spec, Owner.SALESFORCE, merged.salesforce_fixes),
        }
    logger.info("reconciliation applied", extra={"run_id": run_id, "mode": ctx.mode.value})
    return out


# --- an operator's decisions (sferp ops reconciliation review resolve | retry-all) -----------------
class NotLiveError(PermanentError):
    """The reconciliation is in shadow or off: nothing is written, not even an operator's decision."""


def _require_live(ctx: WorkflowContext, what: str) -> None:
    if ctx.mode is not FlowMode.LIVE:
        raise NotLiveError(
            f"the reconciliation of this environment is in {ctx.mode.value} mode: {what} writes nothing "
            "to Salesforce or the ERP (record the decision only, or switch the flow to live)"
        )


def apply_decision(ctx: WorkflowContext, decision: dict[str, Any]) -> dict[str, Any]:
    """Write the value an operator chose for one review item to the side(s) that differ, through
    the same adapters and writes as the nightly apply: ``take`` salesforce -> the ERP gets
    Salesforce's value; erp -> Salesforce gets the ERP's; value -> both get ``value``. Every
    target is checked before anything is written (the field's rules, a side sferp never writes)."""
    _require_live(ctx, "applying a decision")
    entity, key, field_name = (str(decision.get(k) or "") for k in ("entity", "key", "field"))
    take, value = str(decision.get("take") or ""), decision.get("value")
    if entity not in WORKFLOW_ENTITIES:
        raise PermanentError(f"unknown entity {entity!r}: one of {sorted(WORKFLOW_ENTITIES)}")
    spec = workflow_entity(entity, ctx.erp)
    field = next((f for f in spec.fields if f.name == field_name), None)
    if field is None or not key:
        raise PermanentError(
            f"{entity} has no compared field {field_name!r} (or no key): only a field difference is applied; "
            "a whole-record difference is settled in the target system or by the entity's rules"
        )
    targets = {
        "salesforce": [Owner.ERP],
        "erp": [Owner.SALESFORCE],
        "value": [Owner.SALESFORCE, Owner.ERP],
    }.get(take)
    if targets is None:
        raise PermanentError(f"take {take!r} is not salesforce, erp or value")
    text = None if value is None else str(value)
    for side in targets:
        if side is Owner.ERP and spec.name != "accounts":
            raise PermanentError(
                f"sferp never writes {entity} to the ERP (the ERP owns them): take erp, or change it in the ERP"
            )
        problem = validate_fix(field, text, target=side)
        if problem:
            raise PermanentError(f"{text!r} cannot be written to {side.value}'s {field.name}: {problem}")
    results: dict[str, Any] = {}
    for side in targets:
        column = field.salesforce if side is Owner.SALESFORCE else field.erp
        if side is Owner.SALESFORCE:
            _pause_near_the_api_limit(ctx, spec, [key])
        [result] = _write(ctx, spec, side, [RecordUpdate(key=key, fields={column: text})])
        results[side.value] = {"ok": result.ok, "error": result.error, "column": column}
    applied = all(r["ok"] for r in results.values())
    logger.info(
        "review decision applied" if applied else "review decision refused by a target",
        extra={"entity": entity, "key": key, "field": field_name, "take": take, "results": results},
    )
    return {"applied": applied, "results": results}


def retry_fixes(ctx: WorkflowContext, items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Write again the fixes a target refused (review reason ``fix_rejected``): per item, the
    fixes its run planned for that key (the run's merged result), both sides, ERP first as the
    nightly apply does. An item whose run kept no fix for it is reported, not guessed."""
    _require_live(ctx, "retrying refused fixes")
    out: list[dict[str, Any]] = []
    by_run: dict[tuple[str, str], list[str]] = {}
    for item in items:
        by_run.setdefault((str(item.get("run_id") or ""), str(item.get("entity") or "")), []).append(
            str(item.get("key") or "")
        )
    for (run_id, entity), keys in sorted(by_run.items()):
        if entity not in WORKFLOW_ENTITIES:
            out += [
                {"entity": entity, "key": k, "ok": False, "error": f"unknown entity {entity!r}"} for k in keys
            ]
            continue
        spec = workflow_entity(entity, ctx.erp)
        try:
            merged = _merged(ctx, run_id, entity)
        except IncompleteCompareError as exc:
            out += [{"entity": entity, "key": k, "ok": False, "error": str(exc)} for k in keys]
            continue
        wanted = set(keys)
        found: set[str] = set()
        errors: dict[str, list[str]] = {}
        for side, fixes in ((Owner.ERP, merged.erp_fixes), (Owner.SALESFORCE, merged.salesforce_fixes)):
            mine = [f for f in fixes if f.key in wanted]
            found |= {f.key for f in mine}
            if side is Owner.SALESFORCE and mine:
                _pause_near_the_api_limit(ctx, spec, [f.key for f in mine])
            for result in _write(ctx, spec, side, mine):
                if not result.ok:
                    errors.setdefault(result.key, []).append(f"{side.value}: {result.error}")
        for key in keys:
            if key not in found:
                out.append(
                    {
                        "entity": entity,
                        "key": key,
                        "ok": False,
                        "error": f"run {run_id} planned no fix for it",
                    }
                )
            else:
                out.append(
                    {
                        "entity": entity,
                        "key": key,
                        "ok": key not in errors,
                        "error": "; ".join(errors.get(key, [])) or None,
                    }
                )
    return {"retried": len(out), "applied": sum(1 for r in out if r["ok"]), "results": out}


# --- report -----------------------------------------------------------------------------------
def report(ctx: WorkflowContext, execution_input: dict[str, Any], execution: str = "") -> dict[str, Any]:
    run_id = run_id_of(execution_input)
    meta = _meta(ctx, run_id)
    results = [_merged(ctx, run_id, name) for name in meta["entities"]]
    applied: dict[str, Any] = {}
    failures: list[dict[str, Any]] = []
    api_calls = int(meta.get("salesforce_api_calls", 0))
    fixed = failed = 0
    for name in meta["entities"]:
        applied[name] = {}
        for side in (Owner.ERP, Owner.SALESFORCE):
            entry = (
                ctx.ledger.get(run_id, f"apply#{name}#{side.value}") if ctx.mode is FlowMode.LIVE else None
            )
            summary = entry["summary"] if entry and entry.get("status") == "done" else None
            applied[name][side.value] = summary
            if summary:
                fixed += summary["applied"]
                failed += summary["failed"]
                api_calls += summary["salesforce_api_calls"]
                failures.extend(
                    ctx.artifacts.get_json(reconcile_names.applied_key(run_id, name, side.value)) or []
                )
    started = datetime.fromisoformat(meta["started_at"])
    document = build_report(
        results,
        rules=_rules(meta),
        duration_s=(ctx.now() - started).total_seconds(),
        inputs={
            name: {k: v for k, v in e.items() if k != "partitions"} for name, e in meta["entities"].items()
        },
        failures=failures,
        cap=FAILURE_LIST_CAP,
    )
    compared = sum(r.compared for r in results)
    drift = sum(r.compared - r.counts.get(RecordClass.IN_SYNC.value, 0) for r in results)
    review = sum(len(r.review) for r in results) + failed
    document["mode"] = ctx.mode.value
    document["run"] = {
        "run_id": run_id,
        "execution": execution,
        "environment": ctx.environment,
        "watermarks": meta["watermarks"],
        "since": meta["since"],
        "full_extract": meta["full"],
        "partitions": meta["partitions"],
        "applied": applied,
        "totals": {
            "compared": compared,
            "drift": drift,
            "drift_percent": round(100.0 * drift / compared, 3) if compared else 0.0,
            "fixed": fixed,
            "failed": failed,
            "review": review,
        },
        "salesforce_api_calls": api_calls,
    }
    report_json, report_html = reconcile_names.report_keys(run_id)
    ctx.artifacts.put_json(report_json, document)
    ctx.artifacts.put_bytes(report_html, render_html(document).encode(), "text/html; charset=utf-8")
    if ctx.ledger.get(run_id, "metrics") is None:  # once per run, however often the step reruns
        totals = document["run"]["totals"]
        metrics.add_metric(
            name=reconcile_names.METRIC_RECONCILE_COMPARED, unit=MetricUnit.Count, value=compared
        )
        metrics.add_metric(name=reconcile_names.METRIC_RECONCILE_DRIFT, unit=MetricUnit.Count, value=drift)
        metrics.add_metric(
            name=reconcile_names.METRIC_RECONCILE_DRIFT_PCT,
            unit=MetricUnit.Percent,
            value=totals["drift_percent"],
        )
        metrics.add_metric(name=reconcile_names.METRIC_RECONCILE_FIXED, unit=MetricUnit.Count, value=fixed)
        metrics.add_metric(name=reconcile_names.METRIC_RECONCILE_REVIEW, unit=MetricUnit.Count, value=review)
        metrics.add_metric(name=reconcile_names.METRIC_RECONCILE_FAILED, unit=MetricUnit.Count, value=failed)
        metrics.add_metric(
            name=reconcile_names.METRIC_RECONCILE_SF_API_CALLS, unit=MetricUnit.Count, value=api_calls
        )
        ctx.ledger.put(run_id, "metrics", {"published_at": ctx.now().isoformat(), "totals": totals})
    logger.info("reconciliation reported", extra={"run_id": run_id, **document["run"]["totals"]})
    return {
        "report_key": report_json,
        "html_key": report_html,
        **document["run"]["totals"],
    }


# --- watermark and failure ------------------------------------------------------------------------
def advance_watermark(ctx: WorkflowContext, execution_input: dict[str, Any]) -> dict[str, Any]:
    run_id = run_id_of(execution_input)
    meta = _meta(ctx, run_id)
    # The extract's start: everything changed after it is seen by the next run (minus lookback).
    value = datetime.fromisoformat(meta["started_at"])
    if meta.get("targeted"):
        moved = dict.fromkeys(meta["entities"], False)
    else:
        moved = {name: ctx.ledger.advance_watermark(name, value, run_id) for name in meta["entities"]}
    ctx.ledger.put(run_id, "status", {"status": "succeeded", "at": ctx.now().isoformat()})
    logger.info(
        "reconciliation watermark", extra={"run_id": run_id, "watermark": value.isoformat(), "moved": moved}
    )
    return {"watermark": value.isoformat(), "moved": moved}


def record_failure(
    ctx: WorkflowContext, execution_input: dict[str, Any], error: dict[str, Any]
) -> dict[str, Any]:
    try:
        run_id = run_id_of(execution_input)
    except InvalidRunInputError:
        run_id = "invalid"
    ctx.ledger.put(
        run_id,
        "status",
        {
            "status": "failed",
            "error": str(error.get("Error")),
            "cause": str(error.get("Cause"))[:2000],
            "at": ctx.now().isoformat(),
        },
    )
    metrics.add_metric(name=reconcile_names.METRIC_RECONCILE_RUN_FAILED, unit=MetricUnit.Count, value=1)
    logger.error("reconciliation run failed", extra={"run_id": run_id, "error": error.get("Error")})
    return {"run_id": run_id, "recorded": True}


__all__: Sequence[str] = (
    "WorkflowContext",
    "advance_watermark",
    "apply",
    "compare",
    "extract",
    "record_failure",
    "report",
    "resolve",
)
