"""The chaos run at scale (issue 9): >= 10,000 events — duplicates, reordering, cancels, poison —
through the local stack with every fault at once. Not a test: it measures and writes
bench/results/order_handoff_chaos.json, and exits 1 if an invariant breaks:

- no Salesforce order has two ERP orders;
- nothing is lost: every event in is handed off, cancelled, a duplicate, stale, dead-lettered or
  not matched by the rule (the report's balance leaves 0 unaccounted);
- every dead letter carries its reason.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from sferp_tools.local.order_handoff import RunFaults, run_order_handoff
from sferp_tools.synthetic.order_handoff import generate

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "order_handoff_chaos.json"
ORDERS = int(os.environ.get("SFERP_BENCH_CHAOS_ORDERS", "5200"))
FAULTS = [
    "erp_error_rate=0.2",
    "erp_timeout_rate=0.05",
    "handler_crash_rate=0.05",
    "salesforce_error_rate=0.1",
]


def main() -> int:
    scenario = generate(ORDERS, seed=2027, duplicate_rate=0.3, reorder_rate=0.4, poison=40)
    started = time.perf_counter()
    run = run_order_handoff(
        scenario.events,
        faults=RunFaults.from_specs(FAULTS),
        seed=9,
        prepare=lambda _e, org: scenario.seed_org(org),
        log_stream=io.StringIO(),
    )
    seconds = time.perf_counter() - started
    report = run.report
    per_order = Counter(order["salesforce_order_id"] for order in report["erp"]["sales_orders"])
    doubled = sorted(order for order, count in per_order.items() if count > 1)
    without_reason = [entry for entry in report["dead_letters"] if not entry["reason"].strip()]
    stages = Counter(entry["stage"] for entry in report["dead_letters"])
    result = {
        "events": len(scenario.events),
        "orders": len(scenario.orders),
        "faults": FAULTS,
        "seconds": round(seconds, 1),
        "events_per_second": round(len(scenario.events) / seconds, 1),
        "counts": report["counts"],
        "balance": report["balance"],
        "dead_letters_by_stage": dict(stages),
        "orders_with_two_erp_orders": len(doubled),
        "dead_letters_without_reason": len(without_reason),
        "invariants_hold": not doubled and not without_reason and report["balance"]["unaccounted"] == 0,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"chaos: {result['events']} events in {result['seconds']} s ({result['events_per_second']}/s); "
        f"{len(doubled)} orders with two ERP orders; unaccounted {report['balance']['unaccounted']}; "
        f"{len(report['dead_letters'])} dead letters, {len(without_reason)} without a reason"
    )
    return 0 if result["invariants_hold"] else 1


if __name__ == "__main__":
    sys.exit(main())
