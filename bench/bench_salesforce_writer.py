"""Benchmark: Salesforce API calls per written record by the shared writer, against write latency.

Not a test. For each load (100, 1,000 and 10,000 record changes a minute, a quarter of them a
second change of an order already changed) and each batching window (1 to 60 s), ten minutes of
changes are generated in virtual time, collected per window and handed to
``sferp.salesforce_writer.SalesforceWriter`` in one call per window, against the embedded org,
which counts every REST call (sObject Collections: 200 records a call). Reported per cell: calls
per written record, and the write-back latency a change sees (from its arrival to its window's
end: mean and max).

    .venv/bin/python bench/bench_salesforce_writer.py      # results: bench/results/salesforce_writer.json

What this measures is the writer's batching for a given batch. The window itself is not built
yet: today each flow hands the writer the records of its own Lambda batch (at most 10 on a FIFO
queue), so the figures for windows above one batch are what the planned write queue (issue 13)
would give, not what the deployed flows do.
"""

from __future__ import annotations

import json
import os
import platform
import random
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

from sferp_tools.embedded_org import EmbeddedSalesforceOrg  # noqa: E402

from sferp import salesforce_writer  # noqa: E402
from sferp.models.records import ERP_ORDER_STATUSES as STATUSES  # noqa: E402
from sferp.ports.desired_state import InMemoryDesiredState  # noqa: E402
from sferp.salesforce_writer import RecordChange, SalesforceWriter, WriteOutcome  # noqa: E402

# The writer emits CloudWatch metrics (EMF) per batch; thousands of batches would flood the output.
salesforce_writer.metrics.add_metric = lambda **_: None  # type: ignore[method-assign]

RESULTS = REPO / "bench" / "results" / "salesforce_writer.json"
RATES = (100, 1_000, 10_000)  # record changes a minute
WINDOWS = (1, 5, 10, 20, 60)  # seconds
MINUTES = 10
TARGET = 0.01  # calls per written record at 1,000 a minute


def run(rate: int, window: int, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    org = EmbeddedSalesforceOrg()
    total = rate * MINUTES
    orders = [org.add_record("Order") for _ in range(max(1, int(total * 0.75)))]
    arrivals = sorted(rng.uniform(0, MINUTES * 60) for _ in range(total))
    versions: dict[str, int] = {}
    changes: list[tuple[float, RecordChange]] = []
    for n, at in enumerate(arrivals):
        order = orders[n] if n < len(orders) else rng.choice(orders)
        versions[order] = versions.get(order, 0) + 1
        fields = {
            "ERP_Order_Status__c": STATUSES[versions[order] % len(STATUSES)],
            "ERP_Order_Number__c": f"{n:010d}",
        }
        changes.append((at, RecordChange("Order", order, fields, versions[order], flow="bench")))
    writer = SalesforceWriter(org, state=InMemoryDesiredState())
    latencies: list[float] = []
    written = 0
    start = org.api_calls
    index = 0
    end = window
    while index < len(changes):
        batch: list[RecordChange] = []
        while index < len(changes) and changes[index][0] < end:
            latencies.append(end - changes[index][0])
            batch.append(changes[index][1])
            index += 1
        if batch:
            written += len(
                {
                    c.key
                    for c, r in zip(batch, writer.write(batch), strict=True)
                    if r.outcome is WriteOutcome.WRITTEN
                }
            )
        end += window
    calls = org.api_calls - start
    return {
        "rate_per_minute": rate,
        "window_s": window,
        "changes": total,
        "records_written": written,
        "calls": calls,
        "calls_per_written_record": round(calls / written, 4),
        "latency_mean_s": round(sum(latencies) / len(latencies), 2),
        "latency_max_s": round(max(latencies), 2),
    }


def main() -> int:
    cells = [run(rate, window) for rate in RATES for window in WINDOWS]
    for cell in cells:
        print(
            f"{cell['rate_per_minute']:>6}/min window {cell['window_s']:>2} s: "
            f"{cell['calls_per_written_record']:.4f} calls/record, latency mean {cell['latency_mean_s']} s, "
            f"max {cell['latency_max_s']} s"
        )
    worst = run(1, 60)  # one record a minute: every window holds one record
    chosen = next(c for c in cells if c["rate_per_minute"] == 1_000 and c["window_s"] == 10)
    report = {
        "benchmark": "Salesforce writer: API calls per written record vs latency",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "minutes": MINUTES,
        "cells": cells,
        "worst_case_one_record_per_window": worst,
        "chosen_window_s": 10,
        "verdict": {
            "calls_per_record_at_1000_per_minute": chosen["calls_per_written_record"],
            "meets_0_01_at_1000_per_minute": chosen["calls_per_written_record"] <= TARGET,
            "worst_case_at_most_one_call_per_record": worst["calls_per_written_record"] <= 1.0,
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"verdict: {report['verdict']} -> {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
