"""The order handoff's local runner (``sferp local order_handoff run``): the flow end to end.

moto plays AWS, with the pieces it lacks from ``sferp_tools.local.harness`` (the pipe, the event
source mapping, virtual time); ``EmbeddedErp`` plays the ERP, ``EmbeddedSalesforceOrg`` the org;
the handler is the real ``functions/order_handoff/handler.py`` with its Powertools decorators.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sferp import names
from sferp.faults import ErpFaults, FaultSpecError, parse_fault_specs
from sferp.models.records import (
    ErpSalesOrderRecord,
)
from sferp.order_handoff import names as handoff_names
from sferp.ports import ErpGateway
from sferp.settings import FlowMode
from sferp_tools.local.customer_sync import (
    LOCAL_INTEGRATION_USER,
    LocalCustomerSync,
    created_accounts,
    is_account_change,
    seed_org_from_changes,
)
from sferp_tools.local.environment import MOTO_ENV, environment
from sferp_tools.local.erp_wrappers import CrashAfterErpWrite, ScriptedOutage
from sferp_tools.local.harness import (
    EventSourceMapping,
    QueueRef,
    create_route,
    create_table,
    load_handler,
    logs_to,
    matches_pattern,
    queues_empty,
    route_pipe,
)
from sferp_tools.local.write_queue import LocalWriteQueue

HANDLER_FAULTS = ("handler_crash_rate", "salesforce_error_rate")
PUT_EVENTS_ENTRY_MAX = 256 * 1024  # bytes: EventBridge refuses a larger PutEvents entry
PUBLISH_WAVE = 20  # events put on the bus before the runtime drains the queues


@dataclass(frozen=True)
class RunFaults:
    erp: ErpFaults = field(default_factory=ErpFaults)
    handler_crash_rate: float = 0.0
    salesforce_error_rate: float = 0.0

    @classmethod
    def from_specs(cls, specs: Sequence[str]) -> RunFaults:
        values = parse_fault_specs(specs)
        erp_values = {k: v for k, v in values.items() if k.startswith("erp_")}
        other = {k: v for k, v in values.items() if not k.startswith("erp_")}
        for name in other:
            if name not in HANDLER_FAULTS:
                known = ", ".join(
                    [*(f"erp_{f}" for f in ErpFaults.model_fields if f != "seed"), *HANDLER_FAULTS]
                )
                raise FaultSpecError(f"unknown fault {name!r} (known: {known})")
        rates: dict[str, float] = {}
        for name, raw in other.items():
            try:
                rate = float(raw)
            except ValueError as exc:
                raise FaultSpecError(f"fault {name!r}: {raw!r} is not a number") from exc
            if not 0.0 <= rate <= 1.0:
                raise FaultSpecError(f"fault {name!r}: {rate} is not between 0 and 1")
            rates[name] = rate
        return cls(erp=ErpFaults.from_mapping(erp_values, prefix="erp_"), **rates)

    def as_dict(self) -> dict[str, float]:
        return {
            "erp_error_rate": self.erp.error_rate,
            "erp_timeout_rate": self.erp.timeout_rate,
            "erp_latency_ms": self.erp.latency_ms,
            "handler_crash_rate": self.handler_crash_rate,
            "salesforce_error_rate": self.salesforce_error_rate,
        }


@dataclass
class LocalRun:
    """The results of one run, for the report, the demo and the tests."""

    report: dict[str, Any]
    erp: Any
    org: Any


# --- the flow's slice of the stack, and the runtime that plays the pipe and the ESM ---------------
@dataclass
class InvocationStats:
    invocations: int = 0
    crashes: int = 0
    records: int = 0
    seconds_in_handler: float = 0.0
    seconds_in_pipe: float = 0.0
    seconds_in_bus: float = 0.0


@dataclass
class DeadLetterEntry:
    salesforce_order_id: str | None
    reason: str
    stage: str  # bus | delivery | handler | redrive
    body: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"salesforce_order_id": self.salesforce_order_id, "reason": self.reason, "stage": self.stage}


@dataclass
class LocalOrderHandoffStack:
    """The order-handoff slice of the stack, created in moto from the flow's specs
    (``sferp.order_handoff.names``), the ones ``infra/constructs/order_handoff.py`` builds from."""

    session: Any  # boto3 Session inside an active mock_aws
    environment: str = "local"
    region: str = "us-east-1"
    names: dict[str, str] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    arns: dict[str, str] = field(default_factory=dict)
    queues: dict[str, QueueRef] = field(default_factory=dict)

    def create(self) -> None:
        env = self.environment
        dynamodb = self.session.client("dynamodb", region_name=self.region)
        self.queues = create_route(
            self.session,
            region=self.region,
            env_name=env,
            route=handoff_names.ROUTE,
            pattern=handoff_names.order_handoff_event_pattern(),
            queues=handoff_names.QUEUES,
        )
        self.names = {key: ref.name for key, ref in self.queues.items()}
        self.urls = {key: ref.url for key, ref in self.queues.items()}
        self.arns = {key: ref.arn for key, ref in self.queues.items()}
        self.names["bus"] = names.resource_name(env, names.SALESFORCE_BUS)
        self.names["rule"] = names.resource_name(env, handoff_names.ROUTE)
        self.names["table"] = create_table(dynamodb, handoff_names.STATE_TABLE_SPEC, env)

    def handler_environment(self, mode: FlowMode, write_queue_url: str | None = None) -> dict[str, str]:
        """The variables the CDK stack sets on the function, pointing at the moto resources."""
        return {
            names.ENV_ENVIRONMENT: self.environment,
            names.ENV_FLOW_MODE: mode.value,
            handoff_names.ENV_ORDER_STATE_TABLE: self.names["table"],
            handoff_names.ENV_DLQ_URL: self.urls["dlq"],
            names.ENV_SALESFORCE_ADAPTER: "embedded",
            names.ENV_ERP_ADAPTER: "embedded",
            **({names.ENV_SALESFORCE_WRITE_QUEUE_URL: write_queue_url} if write_queue_url else {}),
        }


class LocalRuntime:
    """Feeds events into the local stack and plays the pipe and the event source mapping."""

    def __init__(
        self,
        *,
        stack: LocalOrderHandoffStack,
        handler: Callable[[dict[str, Any], Any], dict[str, Any]],
        outcome_source: Callable[[], Any],
        rng: random.Random,
        progress: Callable[[dict[str, int]], None] | None = None,
        around_invocation: Callable[[int], contextlib.AbstractContextManager[Any]] | None = None,
        on_emf: Callable[[str], None] | None = None,
        write_queue: LocalWriteQueue | None = None,
    ) -> None:
        self.stack = stack
        # flows.order_handoff.write_queue: the write-backs wait on the write queue for the writer
        # function, which runs when the flow's queue has nothing visible (its window closes).
        self.write_queue = write_queue
        # Scripted conditions per invocation number (the demo's "ERP outage from batch 3 to 5").
        self._around = around_invocation or (lambda _n: contextlib.nullcontext())
        self._handler = handler
        self._outcome_source = outcome_source
        self._rng = rng
        self._progress = progress
        self._sqs = stack.session.client("sqs", region_name=stack.region)
        self._events = stack.session.client("events", region_name=stack.region)
        self._pipe = route_pipe(
            self._sqs,
            stack.queues,
            group_path=handoff_names.MESSAGE_GROUP_ID_PATH,
            batch_size=handoff_names.PIPE_BATCH_SIZE,
        )
        self._esm = EventSourceMapping(
            sqs=self._sqs,
            queue=stack.queues["queue"],
            handler=handler,
            function_name=names.resource_name(stack.environment, handoff_names.FUNCTION),
            region=stack.region,
            batch_size=handoff_names.ORDER_HANDOFF_BATCH_SIZE,
            around=self._around,
            emf_sink=on_emf,  # each invocation's EMF with its dimensions (the drill's CloudWatch)
        )
        self.stats = InvocationStats()
        self.outcomes: Counter[str] = Counter()
        self.bus_rejections: list[DeadLetterEntry] = []
        self.last_failure: dict[str, str] = {}  # message id -> last failure reason
        self.events_in = 0
        self.not_matched = 0  # events on the bus that the order-handoff rule does not match
        self.delivered_to_queue = 0

    # -- Event Relay -> bus ------------------------------------------------------------------------
    def publish(self, events: Iterable[dict[str, Any]]) -> None:
        """Put events on the bus as Event Relay would (PutEvents takes 10 entries a call)."""
        started = time.perf_counter()
        batch: list[dict[str, Any]] = []
        for event in events:
            self.events_in += 1
            problem = _envelope_problem(event)
            if problem is None and not matches_pattern(event, handoff_names.order_handoff_event_pattern()):
                # EventBridge accepts it and no rule of this flow sees it: counted, not lost.
                self.not_matched += 1
                continue
            if problem:
                self.bus_rejections.append(
                    DeadLetterEntry(
                        _order_id_of(event), f"rejected at the event bus: {problem}", "bus", json.dumps(event)
                    )
                )
                continue
            batch.append(
                {
                    "Source": event["source"],
                    "DetailType": event["detail-type"],
                    "Detail": json.dumps(event["detail"]),
                    "EventBusName": self.stack.names["bus"],
                }
            )
            if len(batch) == 10:
                self._put(batch)
                batch = []
        if batch:
            self._put(batch)
        self.stats.seconds_in_bus += time.perf_counter() - started

    def _put(self, entries: list[dict[str, Any]]) -> None:
        result = self._events.put_events(Entries=entries)
        for entry, answer in zip(entries, result["Entries"], strict=True):
            if "ErrorCode" in answer:
                self.bus_rejections.append(
                    DeadLetterEntry(
                        None, f"rejected at the event bus: {answer['ErrorCode']}", "bus", entry["Detail"]
                    )
                )

    # -- the pipe and the event source mapping (sferp_tools.local.harness) ------------------------------
    def pump_pipe(self) -> int:
        moved = self._pipe.pump()
        self.delivered_to_queue += moved
        self.stats.seconds_in_pipe = self._pipe.seconds
        return moved

    def consume_once(self) -> int:
        batch = self._esm.poll()
        self.stats.invocations, self.stats.crashes = self._esm.invocations, self._esm.crashes
        self.stats.records, self.stats.seconds_in_handler = self._esm.records, self._esm.seconds
        if batch is None:
            return 0
        if batch.response is None:
            for message in batch.messages:
                self.last_failure[message["MessageId"]] = "handler crashed before acknowledging"
        else:
            outcome = self._outcome_source()
            for message_id, value in outcome.handled.items():
                if message_id not in batch.failed:
                    self.outcomes[value] += 1
            self.outcomes["dead_lettered_by_handler"] += len(outcome.dead_letters)
            self.last_failure.update(outcome.failures)
        return len(batch.messages)

    @property
    def delivery_failure(self) -> dict[str, str]:
        return self._pipe.failures

    @property
    def emitted_metrics(self) -> dict[str, list[float]]:
        return self._esm.metrics

    # -- until the queues are empty ----------------------------------------------------------------
    def drain(self, *, max_rounds: int | None = None) -> None:
        limit = max_rounds or max(1000, self.events_in * 50)
        for _ in range(limit):
            moved = self.pump_pipe()
            consumed = self.consume_once()
            if self._progress is not None and consumed:
                self._progress({"records": self.stats.records, "invocations": self.stats.invocations})
            written = self.write_queue.step() if self.write_queue is not None and not consumed else 0
            if not moved and not consumed and not written and self._queues_empty():
                return
        raise RuntimeError(f"queues did not drain after {limit} rounds")

    def _queues_empty(self) -> bool:
        flow = queues_empty(self._sqs, [self.stack.urls["buffer"], self.stack.urls["queue"]])
        return flow and (self.write_queue is None or self.write_queue.idle())

    # -- what ended in a DLQ -----------------------------------------------------------------------
    def dead_letters(self) -> list[DeadLetterEntry]:
        entries = list(self.bus_rejections)
        for message in self._drain_all(self.stack.urls["delivery_dlq"]):
            reason = self.delivery_failure.get(
                message["MessageId"], "EventBridge could not deliver to the buffer"
            )
            entries.append(
                DeadLetterEntry(_order_id_in_body(message["Body"]), reason, "delivery", message["Body"])
            )
        for message in self._drain_all(self.stack.urls["dlq"]):
            attributes = message.get("MessageAttributes", {})
            if "sferp-reason" in attributes:
                reason = attributes["sferp-reason"]["StringValue"]
                order_id = attributes.get("sferp-salesforce-order-id", {}).get("StringValue")
                stage = "handler"
            else:
                last = self.last_failure.get(message["MessageId"], "unknown")
                reason = f"failed {handoff_names.ORDER_HANDOFF_MAX_RECEIVE_COUNT} times (maxReceiveCount); last error: {last}"
                order_id = _order_id_in_body(message["Body"])
                stage = "redrive"
            entries.append(DeadLetterEntry(order_id, reason, stage, message["Body"]))
        return entries

    def _drain_all(self, url: str) -> list[dict[str, Any]]:
        """Take every message out of a DLQ at the end of the run (the local stack ends with it).

        Consuming, not peeking: in a FIFO queue a message in flight hides the rest of its group, so a
        peek under-counts and, once a pass outlasts the visibility timeout, never ends. Each round
        deletes what it received, so the rounds are bounded by the queue's size."""
        taken: dict[str, dict[str, Any]] = {}
        attributes = self._sqs.get_queue_attributes(
            QueueUrl=url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )["Attributes"]
        expected = int(attributes["ApproximateNumberOfMessages"]) + int(
            attributes["ApproximateNumberOfMessagesNotVisible"]
        )
        for _ in range(2 * expected + 10):
            batch = self._sqs.receive_message(
                QueueUrl=url,
                MaxNumberOfMessages=10,
                VisibilityTimeout=600,  # seconds: none comes back within the drain
                AttributeNames=["All"],
                MessageAttributeNames=["All"],
            ).get("Messages", [])
            if not batch:
                if len(taken) >= expected:
                    break
                continue
            for message in batch:
                taken.setdefault(message["MessageId"], message)
            self._sqs.delete_message_batch(
                QueueUrl=url,
                Entries=[{"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(batch)],
            )
        return list(taken.values())

    def metric_summary(self) -> dict[str, dict[str, float]]:
        summary: dict[str, dict[str, float]] = {}
        for name, values in sorted(self.emitted_metrics.items()):
            ordered = sorted(values)
            summary[name] = {
                "samples": len(values),
                "sum": round(sum(values), 3),
                "min": round(ordered[0], 3),
                "max": round(ordered[-1], 3),
                "p50": round(statistics.median(ordered), 3),
                "p95": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 3),
            }
        return summary


def _envelope_problem(event: Any) -> str | None:
    if not isinstance(event, dict):
        return "not a JSON object"
    for key in ("source", "detail-type"):
        if not isinstance(event.get(key), str) or not event[key]:
            return f"missing {key!r}"
    if not isinstance(event.get("detail"), dict):
        return "missing 'detail' object"
    size = len(json.dumps(event["detail"]).encode()) + len(event["source"]) + len(event["detail-type"])
    if size > PUT_EVENTS_ENTRY_MAX:
        return f"event of {size} bytes is larger than EventBridge's {PUT_EVENTS_ENTRY_MAX} byte entry limit"
    return None


def _order_id_of(event: Any) -> str | None:
    if isinstance(event, dict):
        detail = event.get("detail")
        if isinstance(detail, dict) and isinstance(detail.get("payload"), dict):
            value = detail["payload"].get("Order_Id__c")
            return value if isinstance(value, str) and value else None
    return None


def master_data_of(events: Sequence[Any], org: Any) -> tuple[list[str], list[str]]:
    """The Salesforce Accounts and product codes the run will need in the ERP: every Account of
    the org and of the events, every product of the org's order items and of the events' lines
    (normalised as the mapping sends them). What a go-live's initial load would provide."""
    from sferp.models.salesforce_id import to_18

    accounts: dict[str, None] = dict.fromkeys(org._records.get("Account", {}))
    skus: dict[str, None] = {}
    for items in org._order_items.values():
        skus.update(dict.fromkeys(line.product_code.strip().upper() for line in items))
    for event in events:
        detail = event.get("detail") if isinstance(event, dict) else None
        payload = detail.get("payload") if isinstance(detail, dict) else None
        if not isinstance(payload, dict):
            continue
        with contextlib.suppress(ValueError, TypeError):
            accounts[to_18(str(payload.get("Account_Id__c", "")))] = None
        lines = payload.get("Lines__c")
        with contextlib.suppress(ValueError, TypeError):
            lines = json.loads(lines) if isinstance(lines, str) else lines
        for line in lines if isinstance(lines, list) else ():
            code = line.get("product_code") if isinstance(line, dict) else None
            if isinstance(code, str) and code.strip():
                skus[code.strip().upper()] = None
    return list(accounts), list(skus)


def _order_id_in_body(body: str) -> str | None:
    try:
        return _order_id_of(json.loads(body))
    except json.JSONDecodeError:
        return None


def run_order_handoff(
    events: Sequence[Any],
    *,
    faults: RunFaults | None = None,
    seed: int = 0,
    mode: FlowMode = FlowMode.LIVE,
    prepare: Callable[[Any, Any], None] | None = None,
    progress: Callable[[dict[str, int]], None] | None = None,
    log_stream: IO[str] | None = None,
    erp_sleep: Callable[[float], None] | None = None,
    erp_outage: tuple[int, int] | None = None,
    erp_factory: Callable[[], ErpGateway] | None = None,
    load_master_data: Callable[[list[str], list[str]], None] | None = None,
    redrive: bool = False,
    write_queue: bool = False,
) -> LocalRun:
    """Publish ``events`` into the local stack, run until the queues drain, and report.

    ``prepare(erp, org)`` seeds the embedded systems before the first event (orders in the org,
    stock in the ERP). ``erp_outage=(first, last)`` makes every ERP call fail during those
    handler invocations (1-based), a short outage in the middle of the run. ``erp_factory``
    builds another ERP gateway instead of the embedded ERP (``make demo ERP=odata``); the
    ``erp_*`` faults are injected inside the embedded ERP and need it, while crashes, Salesforce
    faults and the outage work with any gateway. Before the first event, the Accounts and
    materials the run's orders refer to are loaded into the ERP (``EmbeddedErp.seed_master_data``,
    or ``load_master_data(accounts, skus)`` for another ERP), as a go-live's initial load would.
    ``redrive`` then plays the runbook once the faults are over: the processing DLQ is redriven
    with ``sferp ops``' own redrive and the queues drain again (the report's ``redrive``).
    ``write_queue`` sends the write-backs through the shared write queue and its writer function
    (``flows.order_handoff.write_queue``), as a stack with it on does.
    """
    from sferp.adapters.erp.embedded import EmbeddedErp
    from sferp.order_handoff import app
    from sferp_tools.embedded_org import EmbeddedSalesforceOrg

    faults = faults or RunFaults()
    erp: ErpGateway
    if erp_factory is not None:
        if faults.erp != ErpFaults():
            raise FaultSpecError("erp_* faults are injected by the embedded ERP; they need --erp embedded")
        erp = erp_factory()
    else:
        # One generator per fault source, so changing one rate does not reshuffle the others.
        erp = EmbeddedErp(
            faults=faults.erp,
            rng=random.Random(seed * 7919 + 1),  # noqa: S311 - fault injection
            sleep=erp_sleep or time.sleep,
        )
    org = EmbeddedSalesforceOrg(error_rate=0.0, rng=random.Random(seed * 7919 + 2))  # noqa: S311
    if prepare is not None:
        prepare(erp, org)
    # The strict embedded ERP (and SAP) refuse orders for Accounts no customer is coupled to and
    # for unknown materials: load the master data the run's orders refer to first.
    # AccountChangeEvents in the run: the org holds the Accounts they create, and those become ERP
    # customers through the customer flow, not through the initial load.
    seed_org_from_changes(org, events)
    accounts, skus = master_data_of(events, org)
    created = set(created_accounts(events))
    accounts = [a for a in accounts if a not in created]
    if load_master_data is not None:
        load_master_data(accounts, skus)
    elif isinstance(erp, EmbeddedErp):
        erp.seed_master_data(accounts=accounts, skus=skus)
    org.error_rate = faults.salesforce_error_rate
    outage: Callable[[], contextlib.AbstractContextManager[None]]
    reachable: ErpGateway = erp
    if isinstance(erp, EmbeddedErp):
        outage = erp.outage
    else:
        scripted = ScriptedOutage(erp)
        reachable, outage = scripted, scripted.outage
    crash_rng = random.Random(seed * 7919 + 3)  # noqa: S311 - fault injection
    crashing_erp = CrashAfterErpWrite(reachable, rate=faults.handler_crash_rate, rng=crash_rng)

    started = time.perf_counter()
    sync: LocalCustomerSync | None = None
    around = (
        (lambda n: outage() if erp_outage[0] <= n <= erp_outage[1] else contextlib.nullcontext())
        if erp_outage
        else None
    )
    with local_handoff(
        erp=crashing_erp,
        org=org,
        mode=mode,
        rng=random.Random(seed),  # noqa: S311
        log_stream=log_stream,
        progress=progress,
        around_invocation=around,
        write_queue=write_queue,
    ) as (runtime, session):
        try:
            if any(is_account_change(e) for e in events):
                sync = LocalCustomerSync(
                    session=session,
                    erp=reachable,
                    org=org,
                    mode=mode,
                    integration_user_id=LOCAL_INTEGRATION_USER,
                    write_queue=runtime.write_queue,  # one shared queue, as in the stack
                )
                # The handoff resolves customers through the flow's coupling, as deployed.
                app.set_dependencies(dataclasses.replace(app.get_dependencies(), coupling=sync.coupling))
            # Events arrive in waves, as from a live org, not as one flood: moto's receive
            # scans the whole queue, so a small queue keeps a 10,000-event run linear.
            for start in range(0, len(events), PUBLISH_WAVE):
                wave = events[start : start + PUBLISH_WAVE]
                if sync is None:
                    runtime.publish(wave)
                    runtime.drain()
                    continue
                sync.publish([e for e in wave if is_account_change(e)])
                runtime.publish([e for e in wave if not is_account_change(e)])
                _drain_together(runtime, sync)
            redrive_report = (
                _redrive_after_faults(runtime, session, erp, org, crashing_erp) if redrive else None
            )
            dead_letters = runtime.dead_letters()
            sync_report = sync.report(erp) if sync is not None else None
        finally:
            if sync is not None:
                sync.close()
    elapsed = time.perf_counter() - started
    # Counted before the listing below, which is itself a call to a real ERP.
    erp_calls = getattr(erp, "call_count", None)
    report = _report(
        runtime, _erp_orders(erp), erp_calls, org, crashing_erp, dead_letters, faults, seed, mode, elapsed
    )
    if sync_report is not None:
        report["customer_sync"] = sync_report
    if redrive_report is not None:
        report["redrive"] = redrive_report
    return LocalRun(report=report, erp=erp, org=org)


@contextlib.contextmanager
def local_handoff(
    *,
    erp: Any,
    org: Any,
    mode: FlowMode,
    rng: random.Random,
    log_stream: IO[str] | None = None,
    write_queue: bool = False,
    **runtime_options: Any,
) -> Iterator[tuple[LocalRuntime, Any]]:
    """The order handoff in a local stack: moto (entered here), the flow's resources from its specs,
    the real handler with the stores and queues it builds from the stack's variables, and the
    runtime that plays the pipe and the event source mapping (``runtime_options``: progress,
    around_invocation, on_emf). Yields the runtime and the moto session."""
    import boto3
    from moto import mock_aws

    from sferp.order_handoff import app
    from sferp.settings import OrderHandoffSettings

    with environment(MOTO_ENV), mock_aws():
        session = boto3.session.Session(region_name=MOTO_ENV["AWS_REGION"])
        stack = LocalOrderHandoffStack(session=session)
        stack.create()
        writes = LocalWriteQueue(session=session, org=org) if write_queue else None
        variables = stack.handler_environment(mode, writes.queue.url if writes else None)
        with environment(variables), logs_to(log_stream):
            module = load_handler("order_handoff")
            app.set_dependencies(
                app.build_dependencies(
                    OrderHandoffSettings.from_env(variables),
                    boto_session=session,
                    erp=erp,
                    salesforce=org,
                )
            )
            try:
                yield (
                    LocalRuntime(
                        stack=stack,
                        handler=module.lambda_handler,
                        outcome_source=lambda: app.get_processor().last_outcome,
                        rng=rng,
                        write_queue=writes,
                        **runtime_options,
                    ),
                    session,
                )
            finally:
                app.set_dependencies(None)
                if writes is not None:
                    writes.close()


def _redrive_after_faults(
    runtime: LocalRuntime, session: Any, erp: Any, org: Any, crashing_erp: Any
) -> dict[str, Any]:
    """The runbook after a faulted run (docs/runbooks/order_handoff-dlq-not-empty.md): the faults
    are over, the processing DLQ is redriven to the FIFO queue with ``sferp ops``' redrive, and the
    queues drain. Reports what was in the DLQ, which of those the ERP already held (a write that
    committed before its answer was lost), and how each Salesforce Order ends."""
    from sferp_tools.ops import dlq as ops_dlq

    sqs = session.client("sqs", region_name=runtime.stack.region)
    letters = ops_dlq.inspect_dlq(
        sqs, ops_dlq.resolve_queue(sqs, runtime.stack.urls["dlq"]), max_messages=10_000
    )
    orders = sorted(
        {m.salesforce_order_id for m in letters if m.salesforce_order_id and not m.invalid_payload}
    )
    in_erp = {o.external_reference for o in _erp_orders(erp)}

    def status(order_id: str) -> str | None:
        return (org.get_record("Order", order_id) or {}).get("ERP_Sync_Status__c")

    before = {oid: status(oid) for oid in orders}
    committed = [oid for oid in orders if oid in in_erp]
    # The faults are over (the ERP answers, the handler no longer dies, Salesforce takes writes).
    if hasattr(erp, "faults"):
        erp.faults = ErpFaults()
    crashing_erp.rate = 0.0
    org.error_rate = 0.0
    dlq_ref = ops_dlq.resolve_queue(sqs, runtime.stack.urls["dlq"])
    result = ops_dlq.redrive(sqs, dlq_ref, ops_dlq.resolve_queue(sqs, runtime.stack.urls["queue"]))
    runtime.drain()
    per_order = Counter(o.external_reference for o in _erp_orders(erp))
    after = {oid: status(oid) for oid in orders}

    def converged(order_id: str) -> bool:
        record = org.get_record("Order", order_id) or {}
        return after[order_id] in ("Synced", "Cancelled") and bool(record.get("ERP_Order_Number__c"))

    return {
        "dead_lettered_orders": len(orders),
        "invalid_payloads_left": sum(1 for m in letters if m.invalid_payload),
        "moved": len(result.moved),
        "method": result.method.value,
        "committed_before_the_answer_was_lost": len(committed),
        "error_before_redrive": sum(1 for v in before.values() if v == "Error"),
        # Converged: the Order shows the ERP's final state with the ERP number (Synced, or Cancelled
        # for an order cancelled after its handoff).
        "converged_after_redrive": sum(1 for oid in orders if converged(oid)),
        "in_erp_exactly_once": sum(1 for oid in orders if per_order.get(oid) == 1),
        "not_converged": [oid for oid in orders if not converged(oid)],
        "error_to_converged": [oid for oid in orders if before[oid] == "Error" and converged(oid)],
    }


def _drain_together(runtime: LocalRuntime, sync: LocalCustomerSync, *, max_rounds: int = 10_000) -> None:
    """Both flows step by step, the customer flow first in each round (an Account committed before
    its order is usually coupled before the order's handoff, as in a live org), until both idle."""
    for _ in range(max_rounds):
        worked = 0
        while step := sync.step():
            worked += step
        worked += runtime.pump_pipe() + runtime.consume_once()
        if not worked and runtime.write_queue is not None:
            worked += runtime.write_queue.step()  # both flows' changes, one window
        if not worked and sync.idle() and runtime._queues_empty():
            return
    raise RuntimeError(f"queues did not drain after {max_rounds} rounds")


def _erp_orders(erp: ErpGateway) -> list[ErpSalesOrderRecord]:
    from sferp.adapters.erp.embedded import EmbeddedErp

    if isinstance(erp, EmbeddedErp):
        return erp.sales_orders()  # straight from SQLite: no fault injection, no call counted
    everything = datetime(1970, 1, 1, tzinfo=UTC)
    return sorted(erp.changed_sales_orders(everything), key=lambda record: record.erp_order_id)


def _report(
    runtime: Any,
    erp_orders: list[ErpSalesOrderRecord],
    erp_calls: int | None,
    org: Any,
    crashing_erp: Any,
    dead_letters: list[Any],
    faults: RunFaults,
    seed: int,
    mode: FlowMode,
    elapsed: float,
) -> dict[str, Any]:
    orders = []
    for record in erp_orders:
        orders.append(
            {
                "erp_order_id": record.erp_order_id,
                "salesforce_order_id": record.external_reference,
                # The sold-to party: the ERP customer the Account is coupled to.
                "customer_number": record.customer_reference,
                "status": record.status,
                # None where the ERP keeps no Salesforce version (a standard SAP system)
                "source_version": record.source_version,
                "currency": record.currency,
                "lines": [
                    {
                        "sku": item["sku"],
                        "quantity": float(item["quantity"]),
                        # None where the ERP prices the order itself (a standard SAP system)
                        "unit_price": float(item["unit_price"]) if item["unit_price"] is not None else None,
                        "rejected": item["rejected"],
                    }
                    for item in record.items
                ],
            }
        )
    outcomes = runtime.outcomes
    stats = runtime.stats
    # Write-back rejections are events that were also handed off: not part of the event balance.
    event_letters = [e for e in dead_letters if not e.reason.startswith("write-back rejected")]
    accounted = (
        outcomes["handed_off"]
        + outcomes["cancelled"]
        + outcomes["duplicate"]
        + outcomes["stale"]
        + outcomes["shadow"]
        + len(event_letters)
        + runtime.not_matched
    )
    return {
        "run": {
            "mode": mode.value,
            "seed": seed,
            "faults": faults.as_dict(),
            "seconds": round(elapsed, 3),
            "events_per_second": round(runtime.events_in / elapsed, 1) if elapsed else None,
        },
        "counts": {
            "events_in": runtime.events_in,
            "delivered_to_queue": runtime.delivered_to_queue,
            "handed_off": outcomes["handed_off"],
            "cancelled": outcomes["cancelled"],
            "duplicates_ignored": outcomes["duplicate"],
            "stale_ignored": outcomes["stale"],
            "shadow_skipped": outcomes["shadow"],
            "dead_lettered": len(event_letters),
            "writeback_rejected": len(dead_letters) - len(event_letters),
            "not_matched_by_rule": runtime.not_matched,
            "erp_sales_orders": len(orders),
            "handler_invocations": stats.invocations,
            "handler_crashes": stats.crashes,
            "records_received": stats.records,
            "erp_calls": erp_calls,
            "salesforce_api_calls": org.api_calls,
        },
        # events in = handed off + cancelled + duplicates + stale + shadow-skipped + dead-lettered
        # + not matched by the rule; "unaccounted" is what that leaves (0 when nothing is lost).
        "balance": {
            "events_in": runtime.events_in,
            "accounted": accounted,
            "unaccounted": runtime.events_in - accounted,
        },
        "erp": {"sales_orders": orders},
        "salesforce": {
            "updates": [
                {"object": write.object, "id": write.id, "fields": write.to_dict()["fields"]}
                for write in org.writes
            ],
        },
        "dead_letters": [entry.as_dict() for entry in dead_letters],
        "metrics": runtime.metric_summary(),
        "timing": {
            "seconds_in_handler": round(stats.seconds_in_handler, 3),
            "seconds_in_pipe": round(stats.seconds_in_pipe, 3),
            "seconds_in_bus": round(stats.seconds_in_bus, 3),
        },
        # With the write queue: the writer function's invocations, its results per outcome, and
        # what Salesforce refused (in the write DLQ with that reason).
        **(
            {
                "write_queue": {
                    "writer_invocations": runtime.write_queue.invocations,
                    "changes": dict(sorted(runtime.write_queue.counts.items())),
                    "rejections": list(runtime.write_queue.rejections),
                }
            }
            if runtime.write_queue is not None
            else {}
        ),
    }


def _lines(handle: Any, path: Path) -> list[tuple[int, str]]:
    try:
        return list(enumerate(handle, start=1))
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte {exc.start})") from exc


def read_events(path: Path) -> list[Any]:
    """Read a JSON-lines file of EventBridge events. A line that is not JSON makes the whole file
    malformed (``ValueError`` naming the line); a JSON line that is not a valid event is kept and
    rejected downstream with its reason."""
    import json

    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    events: list[Any] = []
    with path.open(encoding="utf-8", errors="strict") as handle:
        lines = _lines(handle, path)
        for number, line in lines:
            if not line.strip():
                continue
            try:
                events.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(
                    f"{path}:{number}: not a JSON line ({exc.msg} at column {exc.colno})"
                ) from exc
            except RecursionError as exc:
                raise ValueError(f"{path}:{number}: the JSON nests deeper than an event can") from exc
    if not events:
        raise ValueError(f"{path}: no events in the file")
    return events
