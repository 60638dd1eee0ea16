"""The ERP status flow locally: its slice of the stack in moto, from the flow's specs
(``sferp.erp_status.names``, the ones ``infra/constructs/erp_status.py`` builds from), and a
runtime that plays the poll schedule (a call of the real handler with the schedule's payload), the
ERP's event broker (CloudEvents put on the ERP bus), the pipe (grouping by the ERP order) and the
event source mapping, calling the real ``functions/erp_status/handler.py``."""

from __future__ import annotations

import contextlib
import io
import json
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sferp import names
from sferp.erp_status import names as status_names
from sferp.settings import FlowMode
from sferp.write_queue import names as queue_names
from sferp_tools.local.harness import (
    EventSourceMapping,
    QueueRef,
    collect_emf_metrics,
    create_route,
    create_table,
    queues_empty,
    route_pipe,
)
from sferp_tools.local.write_queue import LocalWriteQueue


@dataclass
class LocalErpStatusStack:
    session: Any  # boto3 Session inside an active mock_aws
    environment: str = "local"
    region: str = "us-east-1"
    queues: dict[str, QueueRef] = field(default_factory=dict)
    table: str = ""

    @property
    def erp_bus(self) -> str:
        return names.resource_name(self.environment, names.ERP_BUS)

    def create(self) -> None:
        self.queues = create_route(
            self.session,
            region=self.region,
            env_name=self.environment,
            route=status_names.ROUTE,
            pattern=status_names.sales_order_event_pattern(),
            queues=status_names.QUEUES,
            bus=self.erp_bus,
        )
        dynamodb = self.session.client("dynamodb", region_name=self.region)
        self.table = create_table(dynamodb, status_names.STATE_TABLE_SPEC, self.environment)

    def handler_environment(self, mode: FlowMode, write_queue_url: str | None = None) -> dict[str, str]:
        """The variables the CDK stack sets on the function, pointing at the moto resources."""
        extra = {queue_names.ENV_QUEUE_URL: write_queue_url} if write_queue_url else {}
        return {
            **extra,
            names.ENV_ENVIRONMENT: self.environment,
            names.ENV_FLOW_MODE: mode.value,
            status_names.ENV_STATE_TABLE: self.table,
            status_names.ENV_QUEUE_URL: self.queues["queue"].url,
            status_names.ENV_DLQ_URL: self.queues["dlq"].url,
            status_names.ENV_PRICE_SYNC: "true",
            names.ENV_SALESFORCE_ADAPTER: "embedded",
            names.ENV_ERP_ADAPTER: "embedded",
        }


def sales_order_event(erp_order_id: str, *, event_id: str, changed: bool = True) -> dict[str, Any]:
    """A SAP ``SalesOrder.Changed`` (or ``Created``) business event as it reaches EventBridge: the
    CloudEvent in structured mode in ``detail``, its type as the ``detail-type``, the key only."""
    event_type = status_names.SALES_ORDER_EVENT_TYPES[0 if changed else 1]
    return {
        "source": "sap.s4.beh",
        "detail-type": event_type,
        "detail": {
            "specversion": "1.0",
            "type": event_type,
            "source": "/default/sap.s4.beh/local",
            "id": event_id,
            "datacontenttype": "application/json",
            "data": {"SalesOrder": erp_order_id},
        },
    }


class LocalErpStatus:
    """The ERP status flow inside a running local stack (the same moto session, ERP and org): its
    stack from the specs, the real handler, and a runtime that can be stepped."""

    def __init__(
        self, *, session: Any, erp: Any, org: Any, mode: FlowMode = FlowMode.LIVE, write_queue: bool = True
    ) -> None:
        from sferp.erp_status import app
        from sferp.erp_status.settings import ErpStatusSettings
        from sferp_tools.local.harness import load_handler

        self.stack = LocalErpStatusStack(session=session)
        self.stack.create()
        # As cdk.json deploys it: the Orders' changes go through the shared write queue.
        self.write_queue = LocalWriteQueue(session=session, org=org) if write_queue else None
        settings = ErpStatusSettings.from_env(
            self.stack.handler_environment(mode, self.write_queue.queue.url if self.write_queue else None)
        )
        app.set_dependencies(app.build_dependencies(settings, boto_session=session, erp=erp, salesforce=org))
        self._app = app
        self.handler = load_handler("erp_status").lambda_handler
        self._sqs = session.client("sqs", region_name=self.stack.region)
        self._events = session.client("events", region_name=self.stack.region)
        self._pipe = route_pipe(
            self._sqs,
            self.stack.queues,
            group_path=status_names.MESSAGE_GROUP_ID_PATH,
            batch_size=status_names.PIPE_BATCH_SIZE,
        )
        self._esm = EventSourceMapping(
            sqs=self._sqs,
            queue=self.stack.queues["queue"],
            handler=self.handler,
            function_name=names.resource_name(self.stack.environment, status_names.FUNCTION),
            region=self.stack.region,
            batch_size=status_names.BATCH_SIZE,
        )
        self.counts: Counter[str] = Counter()
        self.dead_letter_reasons: list[str] = []
        self.polls: list[dict[str, Any]] = []

    def close(self) -> None:
        self._app.set_dependencies(None)
        if self.write_queue is not None:
            self.write_queue.close()

    @property
    def metrics(self) -> dict[str, list[float]]:
        return self._esm.metrics

    def publish(self, events: Iterable[dict[str, Any]]) -> None:
        """Put ERP business events on the ERP bus as the ERP's event broker does, 10 a call."""
        entries = [
            {
                "Source": e["source"],
                "DetailType": e["detail-type"],
                "Detail": json.dumps(e["detail"]),
                "EventBusName": self.stack.erp_bus,
            }
            for e in events
        ]
        for start in range(0, len(entries), 10):
            self._events.put_events(Entries=entries[start : start + 10])

    def poll(self) -> dict[str, Any]:
        """The orders schedule's invocation, through the handler (its EMF metrics collected)."""
        answer = self._scheduled(status_names.POLL_TASK)
        self.polls.append(answer)
        self.counts["unlinked"] += len(answer.get("unlinked", []))
        return answer

    def poll_products(self) -> dict[str, Any]:
        """The products schedule's invocation, through the handler."""
        return self._scheduled(status_names.PRODUCTS_POLL_TASK)

    def _scheduled(self, task: str) -> dict[str, Any]:
        from sferp_tools.local.lambda_context import LocalLambdaContext

        context = LocalLambdaContext(
            function_name=names.resource_name(self.stack.environment, status_names.FUNCTION)
        )
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            answer = dict(self.handler({"task": task}, context))
        collect_emf_metrics(printed.getvalue(), self._esm.metrics)
        return answer

    def step(self) -> int:
        """One pipe pump and one batch; what moved or was consumed."""
        moved = self._pipe.pump()
        batch = self._esm.poll()
        if batch is None:
            # The flow's queue is empty: the batching window closes on what the flow queued.
            return moved + (self.write_queue.step() if self.write_queue is not None else 0)
        outcome = self._app.get_processor().last_outcome
        self.counts["written"] += len(outcome.written)
        self.counts["skipped"] += len(outcome.skipped)
        self.counts["unlinked"] += len(outcome.unlinked)
        self.counts["dead_lettered"] += len(outcome.dead_letters)
        self.counts["failed"] += len(batch.failed)
        self.dead_letter_reasons += [letter.reason for letter in outcome.dead_letters]
        return moved + len(batch.messages)

    def drain(self, *, max_rounds: int = 1000) -> None:
        for _ in range(max_rounds):
            if not self.step() and self.idle():
                return
        raise RuntimeError(f"erp status queues did not drain after {max_rounds} rounds")

    def idle(self) -> bool:
        flow_idle = queues_empty(self._sqs, [self.stack.queues["buffer"].url, self.stack.queues["queue"].url])
        return flow_idle and (self.write_queue is None or self.write_queue.idle())


@dataclass
class FulfilmentRun:
    """What ``run_fulfilment`` did: per ERP order the statuses it was moved through, and the
    Salesforce API calls and records the flow wrote."""

    moves: dict[str, list[str]] = field(default_factory=dict)  # Salesforce Order Id -> statuses
    polls: int = 0
    events: int = 0
    salesforce_calls: int = 0
    records_written: int = 0


def run_fulfilment(
    flow: LocalErpStatus,
    erp: Any,
    org: Any,
    *,
    rng: Any,
    rounds: int = 3,
    event_share: float = 0.5,
    salesforce_error_rate: float = 0.0,
    erp_outage_round: int | None = None,
) -> FulfilmentRun:
    """The ERP's logistics and billing move every open order along (a partial delivery, the rest
    with a tracking number, the invoice), one step per round; after each round the ERP publishes
    a ``SalesOrder.Changed`` event for ``event_share`` of the orders it moved, the poll schedule
    fires, and the flow drains. Salesforce fails ``salesforce_error_rate`` of its calls throughout;
    ``erp_outage_round`` takes the ERP down for that round's reads (the events' keyed reads and the
    poll), which the next round's poll and SQS's retries make up for."""
    from sferp.errors import ErpError

    run = FulfilmentRun()
    calls = org.api_calls
    records = sum(1 for w in org.writes)
    org.error_rate = salesforce_error_rate
    flow.poll()  # the first poll: the handed-off orders as the ERP has them (OPEN)
    flow.drain()
    run.polls += 1
    steps = ("partial", "rest", "invoice")
    for round_number in range(rounds):
        step = steps[min(round_number, len(steps) - 1)]
        moved: list[str] = []
        for order in erp.sales_orders():
            if order.status not in ("OPEN", "IN_DELIVERY", "SHIPPED") or (step == "invoice") != (
                order.status == "SHIPPED"
            ):
                continue
            if step == "partial":
                erp.post_delivery(order.external_reference, share="0.5")
            elif step == "rest":
                erp.post_delivery(
                    order.external_reference,
                    share=1 - (order.shipped_share or 0),
                    tracking_reference=f"1Z{order.erp_order_id}",
                )
            else:
                erp.post_invoice(order.external_reference)
            moved.append(order.erp_order_id)
        now = {o.erp_order_id: o for o in erp.sales_orders()}  # the ERP's own view, no port call
        for number in moved:
            run.moves.setdefault(now[number].external_reference, []).append(now[number].status)
        with_event = [n for n in moved if rng.random() < event_share]
        flow.publish(sales_order_event(n, event_id=f"{n}-{round_number}") for n in with_event)
        run.events += len(with_event)
        outage = erp.outage() if erp_outage_round == round_number else contextlib.nullcontext()
        with outage:
            flow.step()  # the events' batch meets the outage (its messages are retried)
            try:
                with warnings.catch_warnings():
                    # A poll that fails emits no metric; Powertools warns about the empty flush.
                    warnings.filterwarnings("ignore", message="No application metrics to publish")
                    flow.poll()
                run.polls += 1
            except ErpError:
                pass  # the schedule retries; the watermark did not move
        flow.drain()
    # The schedule fires once more after the last round (what the outage or a retried write
    # left behind), and Salesforce recovers for it.
    org.error_rate = 0.0
    flow.poll()
    run.polls += 1
    flow.drain()
    run.salesforce_calls = org.api_calls - calls
    run.records_written = sum(1 for w in org.writes) - records
    return run


def run_local(
    *,
    orders: int = 40,
    seed: int = 0,
    salesforce_error_rate: float = 0.0,
    erp_outage_round: int | None = None,
    log_stream: Any | None = None,
) -> dict[str, Any]:
    """Hand ``orders`` generated orders off through the local order handoff, then let the ERP
    deliver and invoice them while the ERP status flow runs (``run_fulfilment``); the report
    compares every Salesforce Order with its ERP order."""
    import random

    import boto3
    from moto import mock_aws

    from sferp.faults import ErpFaults
    from sferp_tools.local.environment import MOTO_ENV, environment
    from sferp_tools.local.harness import logs_to
    from sferp_tools.local.order_handoff import run_order_handoff
    from sferp_tools.synthetic.order_handoff import generate

    scenario = generate(orders, seed=seed, duplicate_rate=0.2, reorder_rate=0.3, cancel_rate=0.1)
    handoff = run_order_handoff(
        scenario.events, seed=seed, prepare=lambda _e, org: scenario.seed_org(org), log_stream=log_stream
    )
    erp, org = handoff.erp, handoff.org
    erp.faults = ErpFaults()
    with environment(MOTO_ENV), mock_aws(), logs_to(log_stream):
        session = boto3.session.Session(region_name=MOTO_ENV["AWS_REGION"])
        flow = LocalErpStatus(session=session, erp=erp, org=org)
        try:
            run = run_fulfilment(
                flow,
                erp,
                org,
                rng=random.Random(seed),  # noqa: S311 - not cryptography
                salesforce_error_rate=salesforce_error_rate,
                erp_outage_round=erp_outage_round,
            )
            prices = _price_step(flow, erp, org)
        finally:
            flow.close()
    final = {o.external_reference: o for o in erp.sales_orders()}
    rows = []
    for reference, order in sorted(final.items()):
        record = org.get_record("Order", reference) or {}
        rows.append(
            {
                "salesforce_order_id": reference,
                "erp_order_id": order.erp_order_id,
                "erp_status": order.status,
                "salesforce_status": record.get(status_names.SF_FIELD_STATUS),
                "invoice_number": record.get(status_names.SF_FIELD_INVOICE_NUMBER),
                "tracking_reference": record.get(status_names.SF_FIELD_TRACKING),
                "moved_through": run.moves.get(reference, []),
            }
        )
    history = {w.id for w in org.writes if w.object == status_names.SF_HISTORY}
    return {
        "orders": rows,
        "counts": {
            "erp_orders": len(final),
            "in_step": sum(1 for r in rows if r["erp_status"] == r["salesforce_status"]),
            "polls": run.polls,
            "erp_events": run.events,
            "records_failed_and_retried": flow.counts["failed"],
            "states_written": flow.counts["written"],
            "states_skipped_as_stale_or_duplicate": flow.counts["skipped"],
            "dead_lettered": flow.counts["dead_lettered"],
            "history_records": len(history),
            "salesforce_api_calls": run.salesforce_calls,
            "salesforce_records_written": run.records_written,
            # The write queue's writer function: its invocations (one a batching window) and what
            # it did with the changes (written, superseded by a newer one, retried, rejected).
            "writer_invocations": flow.write_queue.invocations if flow.write_queue else 0,
            "writer_changes": dict(sorted(flow.write_queue.counts.items())) if flow.write_queue else {},
            "writer_rejections": list(flow.write_queue.rejections) if flow.write_queue else [],
        },
        "products": prices,
        "dead_letters": list(flow.dead_letter_reasons),
        "metrics": {name: sum(values) for name, values in sorted(flow.metrics.items())},
    }


def _price_step(flow: LocalErpStatus, erp: Any, org: Any) -> dict[str, Any]:
    """The ERP's list prices for the run's materials reach the standard price book; then one price
    changes and one material is deactivated, and the next products poll carries both."""
    from decimal import Decimal

    skus = sorted({str(item["sku"]) for order in erp.sales_orders() for item in order.items})
    erp.seed_products(
        {"sku": sku, "name": f"Material {sku}", "list_price": Decimal("10.00") + n, "currency": "EUR"}
        for n, sku in enumerate(skus)
    )
    first = flow.poll_products()
    changed, retired = skus[0], skus[-1]
    erp.seed_products(
        [
            {
                "sku": changed,
                "name": f"Material {changed}",
                "list_price": Decimal("99.90"),
                "currency": "EUR",
            },
            {
                "sku": retired,
                "name": f"Material {retired}",
                "list_price": Decimal("10.00"),
                "currency": "EUR",
                "active": False,
            },
        ]
    )
    second = flow.poll_products()
    entries = {
        row[status_names.SF_PRICE_KEY]: row
        for row in org.query("SELECT Id, ERP_Price_Key__c, UnitPrice, IsActive FROM PricebookEntry")
    }
    return {
        "first_poll": first,
        "second_poll": second,
        "price_changed": {"sku": changed, "price_book": str(entries[f"{changed}:EUR"]["UnitPrice"])},
        "deactivated": {"sku": retired, "active": entries[f"{retired}:EUR"]["IsActive"]},
        "price_book_entries": len(entries),
    }


def register(parser: Any) -> None:
    """``sferp local erp_status run``, on the flow's parser (``sferp_tools.local.cli`` makes it)."""
    import argparse
    from pathlib import Path

    sub = parser.add_subparsers(dest="erp_status_command", metavar="COMMAND")
    run = sub.add_parser(
        "run",
        help="hand generated orders off, then deliver and invoice them in the ERP while the flow runs",
        description=(
            "Orders are handed off through the local order handoff; then the embedded ERP delivers "
            "half of each, the rest with a tracking number, and invoices it, one step a round. After "
            "each round the ERP publishes SalesOrder.Changed events for some orders (CloudEvents on "
            "the ERP bus) and the poll schedule fires; the flow's real handler runs in moto. The "
            "report compares every Salesforce Order with its ERP order."
        ),
    )
    run.add_argument("--orders", type=int, default=40)
    run.add_argument("--seed", type=int, default=0)
    run.add_argument(
        "--salesforce-error-rate", type=float, default=0.0, help="share of Salesforce calls that fail"
    )
    run.add_argument("--erp-outage-round", type=int, default=None, help="the round (0-2) the ERP is down for")
    run.add_argument("--report", type=Path, required=True, help="where to write the JSON report")

    def _run(args: argparse.Namespace) -> int:
        report = run_local(
            orders=args.orders,
            seed=args.seed,
            salesforce_error_rate=args.salesforce_error_rate,
            erp_outage_round=args.erp_outage_round,
            log_stream=open(args.report.with_suffix(".log.jsonl"), "w", encoding="utf-8"),  # noqa: SIM115
        )
        args.report.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
        counts = report["counts"]
        print(
            f"{counts['in_step']} of {counts['erp_orders']} Salesforce Orders show their ERP status; "
            f"{counts['salesforce_api_calls']} Salesforce calls for {counts['salesforce_records_written']} "
            f"records written; report: {args.report}"
        )
        return 0 if counts["in_step"] == counts["erp_orders"] else 1

    run.set_defaults(func=_run)

    def _help(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    parser.set_defaults(func=_help)
