"""Benchmark: the ERP status flow as built, in virtual time: Salesforce API calls per written
record and the latency from an ERP change to its Salesforce write, by the poll path and by the
event path, at 100, 1,000 and 10,000 ERP order changes a minute.

Not a test. Ten minutes (two at 10,000 a minute) of ERP changes (orders moving OPEN -> IN_DELIVERY -> SHIPPED -> INVOICED,
spread uniformly) against the embedded ERP and org, the flow's real poller, batch processor and
writer on in-memory state. Poll path: the schedule fires every 5 minutes; what it queued is
consumed in FIFO batches of 10 at once; a change's latency is the next poll's time minus the
change's time. Event path: each change publishes its key-only event; the FIFO event source
receives about once a second (long polling), at most 10 messages a batch (FIFO event sources have
no batching window). In-process: each batch is written by its own invocation, at once. Write queue
(``write_queue``): the flow queues its changes; Lambda's window opens on the first message and
closes ``BATCHING_WINDOW_S`` later, when the writer function writes everything queued (up to
1,000 messages an invocation). A change's latency runs from its ERP time to its Salesforce write;
one invocation's own processing time is not modelled. "Records written" counts Orders and history
records.

    .venv/bin/python bench/bench_erp_status.py      # results: bench/results/erp_status.json
"""

from __future__ import annotations

import json
import os
import platform
import random
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from statistics import mean
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

from sferp_tools.embedded_org import EmbeddedSalesforceOrg  # noqa: E402
from sferp_tools.fakes import (  # noqa: E402
    InMemoryDeadLetterQueue,
    InMemoryFifoQueue,
    InMemoryStandardQueue,
    InMemoryVersionGuard,
)

from sferp.adapters.erp.embedded import EmbeddedErp  # noqa: E402
from sferp.erp_status.batch import ErpStatusBatchProcessor  # noqa: E402
from sferp.erp_status.poller import ErpOrderPoller  # noqa: E402
from sferp.erp_status.service import ErpStatusService  # noqa: E402
from sferp.models.order import ErpSalesOrder, ErpSalesOrderItem  # noqa: E402
from sferp.observability import logger, metrics  # noqa: E402
from sferp.ports.desired_state import InMemoryDesiredState  # noqa: E402
from sferp.salesforce_writer import SalesforceWriter  # noqa: E402
from sferp.settings import FlowMode  # noqa: E402
from sferp.write_queue import names as queue_names  # noqa: E402
from sferp.write_queue.processor import WriteQueueProcessor  # noqa: E402
from sferp.write_queue.sender import QueuedWriter  # noqa: E402

metrics.add_metric = lambda **_: None  # thousands of batches of EMF
logger.setLevel("WARNING")  # one INFO line per quote-to-cash stage would be the bench's output

RESULTS = REPO / "bench" / "results" / "erp_status.json"
RATES = (100, 1_000, 10_000)
MINUTES = 10
# 10,000 a minute for 2 minutes (20,000 changes): the embedded org's external-id upsert reads its
# whole history table a call, which makes ten minutes at that rate take over half an hour here.
MINUTES_AT = {10_000: 2}
POLL_EVERY_S = 300
START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
ACCOUNT = "001000000000001AAA"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def _event(erp_order_id: str) -> str:
    kind = "sap.s4.beh.salesorder.v1.SalesOrder.Changed.v1"
    return json.dumps(
        {
            "detail-type": kind,
            "detail": {
                "specversion": "1.0",
                "type": kind,
                "source": "/bench",
                "id": erp_order_id,
                "data": {"SalesOrder": erp_order_id},
            },
        }
    )


def run(rate: int, path: str, *, write_queue: bool, seed: int = 1) -> dict[str, Any]:
    minutes = MINUTES_AT.get(rate, MINUTES)
    rng = random.Random(seed)
    clock = Clock()
    erp = EmbeddedErp(clock=clock, strict=False, page_size=5000)
    org = EmbeddedSalesforceOrg(clock=clock)
    applied, queue = InMemoryVersionGuard(), InMemoryFifoQueue()
    writes = InMemoryStandardQueue(clock)
    window = WriteQueueProcessor(
        writer=SalesforceWriter(org, state=InMemoryDesiredState()),
        queue=writes,
        dead_letters=InMemoryDeadLetterQueue(),
    )
    processor = ErpStatusBatchProcessor(
        erp=erp,
        service=ErpStatusService(applied=applied),
        writer=QueuedWriter(writes) if write_queue else SalesforceWriter(org, state=InMemoryDesiredState()),
        dead_letters=InMemoryDeadLetterQueue(),
        mode=FlowMode.LIVE,
    )
    poller = ErpOrderPoller(erp=erp, queue=queue, applied=applied, mode=FlowMode.LIVE, clock=clock)
    changes_total = rate * minutes
    orders = max(1, changes_total // 3)  # three changes an order: partial, rest, invoice
    references = []
    for n in range(orders):
        reference = org.add_order(f"801{n:012d}", account_id=ACCOUNT, status="Activated")
        erp.upsert_sales_order(
            ErpSalesOrder(
                external_reference=reference,
                customer_reference=ACCOUNT,
                currency="EUR",
                items=(
                    ErpSalesOrderItem(
                        item_number=10,
                        sku="MAT-1",
                        quantity=Decimal(2),
                        unit_price=Decimal(5),
                        external_line_id="L1",
                    ),
                ),
                source_version=1,
            )
        )
        references.append(reference)
    clock.now = START - timedelta(seconds=1)
    poller.poll()  # the watermark's base; the OPEN states are the handoff's, not measured
    processor.process({"Records": queue.take()})
    window.process({"Records": writes.take()})
    numbers = {o.external_reference: o.erp_order_id for o in erp.sales_orders()}
    steps = {reference: 0 for reference in references}
    # Each order three times, shuffled: an order's n-th occurrence is its n-th change.
    sequence = references * 3
    rng.shuffle(sequence)
    times = sorted(rng.uniform(0, minutes * 60) for _ in range(changes_total))
    calls_before, writes_before = org.api_calls, len(org.writes)
    waiting_poll: list[float] = []  # change times the next poll will read
    waiting_window: list[float] = []  # change times on the write queue, written when the window closes
    latencies: list[float] = []
    window_closes: float | None = None
    invocations = 0

    def handed(times_: list[float], at: float) -> None:
        """The flow handed these changes on at ``at``: written now, or when the window closes."""
        nonlocal window_closes
        if not write_queue:
            latencies.extend(at - t for t in times_)
            return
        waiting_window.extend(times_)
        if window_closes is None:
            window_closes = at + queue_names.BATCHING_WINDOW_S  # Lambda's window opens on the first message

    def close_window() -> None:
        nonlocal window_closes, invocations
        assert window_closes is not None
        clock.now = START + timedelta(seconds=window_closes)
        while len(writes):
            window.process({"Records": writes.take(limit=queue_names.BATCH_SIZE)})
            invocations += 1
        latencies.extend(window_closes - t for t in waiting_window)
        waiting_window.clear()
        window_closes = None

    batch: list[dict[str, Any]] = []
    batch_times: list[float] = []

    def consume_events(at: float) -> None:
        """The FIFO event source's receive at ``at``: what arrived since the last one, <= 10."""
        nonlocal batch, batch_times
        if batch:
            clock.now = START + timedelta(seconds=at)
            processor.process({"Records": batch})
            handed(batch_times, at)
            batch, batch_times = [], []

    next_poll = POLL_EVERY_S
    seq = 0
    end = minutes * 60 + POLL_EVERY_S
    for at in [*times, end]:
        while True:  # what happens before this change, in time order
            due = [
                t for t in (next_poll if path == "poll" else None, window_closes) if t is not None and t <= at
            ]
            if not due:
                break
            if window_closes is not None and window_closes == min(due):
                close_window()
                continue
            clock.now = START + timedelta(seconds=next_poll)
            poller.poll()
            records = queue.take()
            for first in range(0, len(records), 10):
                processor.process({"Records": records[first : first + 10]})
            handed(waiting_poll, next_poll)
            waiting_poll = []
            next_poll += POLL_EVERY_S
        if batch and int(at) != int(batch_times[0]):
            consume_events(int(batch_times[0]) + 1)  # the event source receives about once a second
        if at >= end:
            break
        clock.now = START + timedelta(seconds=at)
        if not sequence:
            continue
        reference = sequence.pop()
        step = steps[reference]
        if step == 0:
            erp.post_delivery(reference, share="0.5")
        elif step == 1:
            erp.post_delivery(reference, share="0.5", tracking_reference="1Z")
        else:
            erp.post_invoice(reference)
        steps[reference] += 1
        if path == "poll":
            waiting_poll.append(at)
            continue
        seq += 1
        number = numbers[reference]
        batch.append(
            {"messageId": f"e{seq}", "body": _event(number), "attributes": {"MessageGroupId": number}}
        )
        batch_times.append(at)
        if len(batch) == 10:  # a FIFO batch's maximum
            consume_events(at)
    if window_closes is not None:
        close_window()
    calls = org.api_calls - calls_before
    written = len(org.writes) - writes_before
    final = sum(
        1
        for order in erp.sales_orders()
        if (org.get_record("Order", order.external_reference) or {}).get("ERP_Order_Status__c")
        == order.status
    )
    return {
        "rate_per_minute": rate,
        "minutes": minutes,
        "path": path,
        "write_queue": write_queue,
        "erp_changes": sum(steps.values()),
        "records_written": written,
        "salesforce_calls": calls,
        "calls_per_record": round(calls / max(written, 1), 4),
        "writer_invocations": invocations if write_queue else None,
        "latency_s_mean": round(mean(latencies), 1) if latencies else None,
        "latency_s_max": round(max(latencies), 1) if latencies else None,
        "orders_in_step": f"{final}/{len(references)}",
    }


def main() -> int:
    rows = []
    for rate in RATES:
        for path in ("poll", "event"):
            for write_queue in (False, True):
                rows.append(run(rate, path, write_queue=write_queue))
                row = rows[-1]
                print(
                    f"{row['rate_per_minute']:>6}/min {row['path']:<5} "
                    f"{'write queue' if write_queue else 'in-process '}: {row['calls_per_record']:.4f} calls/record "
                    f"({row['salesforce_calls']} calls, {row['records_written']} records), latency mean "
                    f"{row['latency_s_mean']} s, max {row['latency_s_max']} s, in step {row['orders_in_step']}",
                    flush=True,
                )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
                "minutes": MINUTES,
                "minutes_at_rate": {str(k): v for k, v in MINUTES_AT.items()},
                "poll_every_s": POLL_EVERY_S,
                "target_calls_per_record_at_1000_per_minute": 0.01,
                "rows": rows,
                "batching_window_s": queue_names.BATCHING_WINDOW_S,
                "note": "in-process: the flow writes each FIFO batch (<= 10 messages) in one writer call; "
                "write queue: the flow queues its changes and the writer function writes a whole "
                "batching window's (up to 1,000 messages an invocation)",
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"-> {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
