"""``sferp local reconcile``: the real state machine in moto's Step Functions interpreter.

What is real: the ASL document (``workflow.definition.state_machine_definition``, the one the
CDK construct deploys), moto's interpreter running it (``execute_state_machine``: Choice, Catch,
Retry, and the Distributed Map reading its items from the S3 manifest), S3 with KMS, DynamoDB,
the handler file ``functions/reconciliation/handler.py`` with its Powertools decorators, the engine.

What this runtime adds: moto's Lambda would run the function in Docker, so
``LambdaBackend.invoke`` is replaced (only inside ``LocalReconcile``) by a call into the handler
module in this process; an exception becomes a ``FunctionError`` answer with its class name as
``errorType``, exactly what the interpreter's Retry / Catch match on. Nothing else differs: moto
5.2's interpreter runs the Distributed Map with the S3 ItemReader, so there is no inline-Map
fallback (children run in threads, where AWS runs child executions).
"""

from __future__ import annotations

import contextlib
import io
import json
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from unittest import mock

from sferp import names
from sferp.reconciliation import names as reconcile_names
from sferp.settings import FlowMode
from sferp_tools.local.environment import MOTO_ENV, environment
from sferp_tools.local.harness import REPO_ROOT, load_handler_module
from sferp_tools.local.lambda_context import LocalLambdaContext

RECONCILE_HANDLER = REPO_ROOT / "functions" / "reconciliation" / "handler.py"
FUNCTION_NAME = "sferp-local-reconcile-tasks"
FUNCTION_ARN = f"arn:aws:lambda:us-east-1:123456789012:function:{FUNCTION_NAME}"
ROLE_ARN = "arn:aws:iam::123456789012:role/sferp-local-reconcile"
NAMES = {
    "bucket": "sferp-local-reconcile",
    "runs": "sferp-local-reconcile-runs",
    "review": "sferp-local-reconcile-review",
}
POLL_S = 0.02


class SimulatedCrash(Exception):
    """The task's Lambda invocation dies (timeout, out of memory). Not in the Retry list, so the
    state machine's Catch records the run as failed, as after exhausted retries in AWS."""


@dataclass
class Execution:
    name: str
    arn: str | None
    status: str
    started: bool
    history: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class _Fault:
    task: str
    when: str  # "before" | "after"


class LocalReconcile:
    """A local stack for repeated runs (first run, failed run, rerun) against one ERP and org."""

    def __init__(
        self,
        *,
        erp: Any,
        org: Any,
        mode: FlowMode = FlowMode.LIVE,
        partitions: int = 4,
        lookback_minutes: int = reconcile_names.RECONCILE_LOOKBACK_MINUTES_DEFAULT,
        log_stream: io.StringIO | None = None,
    ) -> None:
        self.erp = erp
        self.org = org
        self.mode = mode
        self.partitions = partitions
        self.lookback_minutes = lookback_minutes
        self.log_stream = log_stream or io.StringIO()
        self.invocations: list[str] = []
        self._faults: list[_Fault] = []
        self._stack = contextlib.ExitStack()
        self.session: Any = None
        self.state_machine_arn = ""

    # --- set-up -------------------------------------------------------------------------------
    def __enter__(self) -> LocalReconcile:
        import boto3
        from moto import mock_aws
        from moto.awslambda.models import LambdaBackend

        from sferp.adapters.aws.s3 import ArtifactStore
        from sferp.observability import logger
        from sferp.reconciliation import app
        from sferp.reconciliation.aws import ReviewQueue, RunLedger
        from sferp.reconciliation.definition import state_machine_definition
        from sferp.reconciliation.tasks import WorkflowContext

        stack = self._stack
        stack.enter_context(warnings.catch_warnings())
        # A task without metrics (compare) makes Powertools warn on every invocation; noise here.
        warnings.filterwarnings("ignore", message="No application metrics to publish")
        stack.enter_context(
            environment({**MOTO_ENV, "POWERTOOLS_METRICS_NAMESPACE": names.METRICS_NAMESPACE})
        )
        stack.enter_context(mock_aws(config={"stepfunctions": {"execute_state_machine": True}}))
        stack.enter_context(mock.patch.object(LambdaBackend, "invoke", self._make_invoke()))
        self.session = boto3.session.Session(region_name=MOTO_ENV["AWS_REGION"])
        kms_key = self.session.client("kms").create_key(Description="sferp local reconcile")["KeyMetadata"][
            "KeyId"
        ]
        s3 = self.session.client("s3")
        s3.create_bucket(Bucket=NAMES["bucket"])
        s3.put_bucket_encryption(
            Bucket=NAMES["bucket"],
            ServerSideEncryptionConfiguration={
                "Rules": [
                    {
                        "ApplyServerSideEncryptionByDefault": {
                            "SSEAlgorithm": "aws:kms",
                            "KMSMasterKeyID": kms_key,
                        }
                    }
                ]
            },
        )
        dynamodb = self.session.client("dynamodb")
        for table in (NAMES["runs"], NAMES["review"]):
            dynamodb.create_table(
                TableName=table,
                BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[
                    {"AttributeName": reconcile_names.RECONCILE_TABLE_PARTITION_KEY, "AttributeType": "S"},
                    {"AttributeName": reconcile_names.RECONCILE_TABLE_SORT_KEY, "AttributeType": "S"},
                ],
                KeySchema=[
                    {"AttributeName": reconcile_names.RECONCILE_TABLE_PARTITION_KEY, "KeyType": "HASH"},
                    {"AttributeName": reconcile_names.RECONCILE_TABLE_SORT_KEY, "KeyType": "RANGE"},
                ],
            )
        # Retries are kept (same errors, same attempts) at one second: no local fault is retriable
        # and a 20 s back-off would only slow a local run down.
        definition = state_machine_definition(FUNCTION_ARN, retry_interval_s=1)
        sfn = self.session.client("stepfunctions")
        self.state_machine_arn = sfn.create_state_machine(
            name="sferp-local-reconciliation",
            definition=json.dumps(definition),
            roleArn=ROLE_ARN,
            type="STANDARD",
        )["stateMachineArn"]
        self.ledger = RunLedger(NAMES["runs"], dynamodb)
        self.review = ReviewQueue(NAMES["review"], dynamodb)
        self.artifacts = ArtifactStore(NAMES["bucket"], s3, kms_key_id=kms_key)
        self.module = load_handler_module(RECONCILE_HANDLER, "sferp_local_reconcile_handler")
        previous = getattr(logger.registered_handler, "stream", None)
        logger.registered_handler.setStream(self.log_stream)  # type: ignore[attr-defined]
        stack.callback(lambda: previous is not None and logger.registered_handler.setStream(previous))  # type: ignore[attr-defined]
        app.set_context(
            WorkflowContext(
                mode=self.mode,
                environment="local",
                salesforce=self.org,
                erp=self.erp,
                artifacts=self.artifacts,
                ledger=self.ledger,
                review=self.review,
                lookback=timedelta(minutes=self.lookback_minutes),
                partitions=self.partitions,
            )
        )
        stack.callback(app.set_context, None)
        # Powertools Metrics prints EMF to stdout; keep it with the logs, off the terminal.
        stack.enter_context(contextlib.redirect_stdout(self.log_stream))
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def set_mode(self, mode: FlowMode) -> None:
        from sferp.reconciliation import app

        self.mode = mode
        app.get_context().mode = mode

    # --- the in-process Lambda ----------------------------------------------------------------
    def fail_once(self, task: str, *, when: str = "before") -> None:
        """The next invocation of ``task`` dies before (or after) doing its work."""
        self._faults.append(_Fault(task, when))

    def _make_invoke(self) -> Callable[..., bytes]:
        local = self

        def invoke(
            _backend: Any,
            function_name: str,
            qualifier: Any,
            body: Any,
            headers: Any,
            response_headers: dict[str, str],
        ) -> bytes:
            event = json.loads(body) if body else {}
            task = str(event.get("task"))
            local.invocations.append(task)
            fault = next((f for f in local._faults if f.task == task), None)
            try:
                if fault is not None and fault.when == "before":
                    local._faults.remove(fault)
                    raise SimulatedCrash(f"{task} killed before its work")
                answer = local.module.lambda_handler(event, LocalLambdaContext(function_name=FUNCTION_NAME))
                if fault is not None and fault.when == "after":
                    local._faults.remove(fault)
                    raise SimulatedCrash(f"{task} killed after its work, before answering")
            except Exception as exc:
                response_headers["x-amz-function-error"] = "Unhandled"
                return json.dumps({"errorType": type(exc).__name__, "errorMessage": str(exc)[:1000]}).encode()
            return json.dumps(answer, default=str).encode()

        return invoke

    # --- runs ---------------------------------------------------------------------------------
    def start(
        self, run_date: str, *, name: str | None = None, full: bool = False, timeout_s: float = 60.0
    ) -> Execution:
        from sferp.reconciliation.app import start_run

        sfn = self.session.client("stepfunctions")
        started = start_run(
            sfn, state_machine_arn=self.state_machine_arn, run_date=run_date, full=full, name=name
        )
        if not started["started"]:
            return Execution(name=started["execution"], arn=None, status="ALREADY_EXISTS", started=False)
        arn = started["execution_arn"]
        deadline = time.monotonic() + timeout_s
        while True:
            described = sfn.describe_execution(executionArn=arn)
            if described["status"] != "RUNNING":
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"execution {arn} still running after {timeout_s} s")
            time.sleep(POLL_S)
        history = [e["type"] for e in sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]]
        return Execution(
            started["execution"], arn, described["status"], True, history, described.get("error")
        )

    def report(self, run_date: str) -> dict[str, Any] | None:
        return self.artifacts.get_json(f"reports/{run_date}/report.json")

    def html(self, run_date: str) -> str:
        body = self.session.client("s3").get_object(
            Bucket=NAMES["bucket"], Key=f"reports/{run_date}/report.html"
        )["Body"]
        return body.read().decode()


# --- the planted drift (demo, CLI and tests) -----------------------------------------------------
@dataclass(frozen=True)
class PlantedDrift:
    """What ``plant_drift`` planted, per entity and class (what the report must show)."""

    counts: dict[str, dict[str, int]]
    salesforce_fixes: dict[str, int]
    erp_fixes: dict[str, int]


def plant_drift(erp: Any, org: Any, *, accounts: int = 40, products: int = 12, seed: int = 0) -> PlantedDrift:
    """Seed the embedded ERP and org with matching master data, then plant drift on both sides:
    accounts: an ERP-owned field off in Salesforce (credit limit), a Salesforce-owned field off in
    the ERP (phone), a customer missing in Salesforce (created there), an Account whose customer
    number points nowhere (review), an Account deleted in Salesforce (review); products: a price
    off in the price book, a product missing there; orders: a status write-back the event missed."""
    import random

    rng = random.Random(seed)  # noqa: S311 - test data
    old = datetime.now(UTC) - timedelta(days=2)
    customers = []
    for i in range(accounts):
        customers.append(
            {
                "customer_number": f"{1_000_000 + i:010d}",
                "name": f"Customer {i:03d} GmbH",
                "street": f"Hauptstrasse {i}",
                "city": rng.choice(["Berlin", "Hamburg", "Munich"]),
                "postal_code": f"{10000 + i}",
                "country": "DE",
                "phone": f"+49 30 {100000 + i}",
                "credit_limit": str(1000 * (i + 1)),
                "payment_terms": "NT30",
                "changed_at": old,
            }
        )
    account_ids = {}
    for c in customers:
        account_ids[c["customer_number"]] = org.add_record(
            "Account",
            ERP_Customer_Number__c=c["customer_number"],
            Name=c["name"],
            BillingStreet=c["street"],
            BillingCity=c["city"],
            BillingPostalCode=c["postal_code"],
            BillingCountryCode=c["country"],
            Phone=c["phone"],
            Credit_Limit__c=c["credit_limit"],
            Payment_Terms__c=c["payment_terms"],
            LastModifiedDate=old,
        )
    for c in customers:
        c["salesforce_account_id"] = account_ids[c["customer_number"]]
    # Drift: the last customer exists only in the ERP (created in Salesforce by the run).
    only_erp = {
        **customers[-1],
        "customer_number": f"{1_000_000 + accounts:010d}",
        "salesforce_account_id": None,
    }
    erp.seed_customers([*customers, only_erp])
    numbers = [c["customer_number"] for c in customers]
    sf_id = account_ids
    # ERP-owned field wrong in Salesforce -> Salesforce fix.
    for n in numbers[0:3]:
        org.get_record("Account", sf_id[n])
        org._records["Account"][sf_id[n]]["Credit_Limit__c"] = "1"
    # Salesforce-owned field wrong in the ERP -> ERP fix.
    erp.update_customers(
        [
            __import__("sferp.models.records", fromlist=["RecordUpdate"]).RecordUpdate(
                key=n, fields={"phone": "+49 0"}
            )
            for n in numbers[3:5]
        ]
    )
    # A dangling link: an Account whose customer number the ERP does not know -> review.
    org.add_record(
        "Account", ERP_Customer_Number__c="0009999999", Name="Dangling link AG", LastModifiedDate=old
    )
    # Deleted in Salesforce, alive in the ERP -> review.
    org.delete_record("Account", sf_id[numbers[5]])
    # Products: the ERP price list vs the standard price book.
    skus = [
        {
            "sku": f"SKU-{i:04d}",
            "name": f"Widget {i}",
            "list_price": f"{10 + i}.50",
            "currency": "EUR",
            "active": True,
            "changed_at": old,
        }
        for i in range(products)
    ]
    erp.seed_products(skus)
    for p in skus[:-1]:  # the last product is missing in Salesforce -> created there
        org.add_record(
            "PricebookEntry",
            ProductCode=p["sku"],
            Name=p["name"],
            UnitPrice="99.00" if p is skus[0] else p["list_price"],  # one wrong price -> Salesforce fix
            CurrencyIsoCode=p["currency"],
            IsActive=True,
            LastModifiedDate=old,
        )
    return PlantedDrift(
        counts={
            "accounts": {
                "field_conflict": 5,
                "only_erp": 1,
                "only_salesforce": 1,
                "deleted": 1,
                "in_sync": accounts - 6,
            },
            "products": {"field_conflict": 1, "only_erp": 1, "in_sync": products - 2},
        },
        salesforce_fixes={"accounts": 4, "products": 2},
        erp_fixes={"accounts": 2},
    )


@contextlib.contextmanager
def embedded_systems() -> Iterator[tuple[Any, Any]]:
    from sferp.adapters.erp.embedded import EmbeddedErp
    from sferp_tools.embedded_org import EmbeddedSalesforceOrg

    erp = EmbeddedErp()
    org = EmbeddedSalesforceOrg()
    try:
        yield erp, org
    finally:
        erp.close()


def summary_line(report: dict[str, Any]) -> str:
    totals = report["run"]["totals"]
    return (
        f"reconciliation {report['run']['run_id']} ({report['mode']}): {totals['compared']} compared, "
        f"{totals['drift']} drifted ({totals['drift_percent']} %), {totals['fixed']} fixed, "
        f"{totals['review']} to review, {totals['failed']} failed; "
        f"{report['run']['salesforce_api_calls']} Salesforce API calls"
    )


def run_local(
    *, mode: FlowMode, run_date: str, accounts: int, seed: int, report_path: Any | None
) -> tuple[int, str]:
    """Plant drift, run the state machine once, return (exit code, summary) and write the report."""
    from pathlib import Path

    with embedded_systems() as (erp, org), LocalReconcile(erp=erp, org=org, mode=mode) as local:
        plant_drift(erp, org, accounts=accounts, seed=seed)
        execution = local.start(run_date)
        report = local.report(run_date)
        html = local.html(run_date) if report else None
    if execution.status != "SUCCEEDED" or report is None:
        return 1, f"reconciliation {execution.name} ended {execution.status} ({execution.error})"
    if report_path is not None:
        path = Path(report_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        path.with_suffix(".html").write_text(html or "", encoding="utf-8")
    return 0, summary_line(report)


def register(commands: Any) -> None:
    """``sferp local reconcile`` (called from ``sferp_tools.local.cli``)."""
    import argparse

    parser = commands.add_parser(
        "reconcile",
        help="run the reconciliation state machine in moto against the embedded ERP and org",
        description="Plants drift on both sides, runs the real state machine definition in moto's Step "
        "Functions interpreter with the real handler, and prints the report's totals.",
    )
    parser.add_argument("--mode", choices=["live", "shadow"], default="live")
    parser.add_argument("--run-date", default=datetime.now(UTC).date().isoformat(), help="YYYY-MM-DD")
    parser.add_argument("--accounts", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--report", default=None, help="write the JSON report here (and the HTML beside it)")

    def _run(args: argparse.Namespace) -> int:
        code, line = run_local(
            mode=FlowMode(args.mode),
            run_date=args.run_date,
            accounts=args.accounts,
            seed=args.seed,
            report_path=args.report,
        )
        print(line)
        return code

    parser.set_defaults(func=_run)
