"""The ERP -> Salesforce step of ``make demo``: orders handed off, then delivered and invoiced in the
ERP while the ERP status flow runs (the poll schedule and the ERP's business events), with
Salesforce failing a share of its calls and the ERP down for one round."""

from __future__ import annotations

import json
from pathlib import Path

from sferp_tools.local.erp_status import run_local


def _line(label: str, value: object) -> None:
    print(f"  {label:<58} {value}")


def demo_step(*, out: Path, seed: int) -> None:
    print("\n== ERP -> Salesforce: order status, fulfilment and invoicing (erp_status) ==")
    with (Path(out) / "erp-status-demo.log.jsonl").open("w", encoding="utf-8") as log:
        report = run_local(
            orders=16, seed=seed, salesforce_error_rate=0.2, erp_outage_round=1, log_stream=log
        )
    path = Path(out) / "erp_status_report.json"
    path.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    counts = report["counts"]
    _line("orders handed off, then moved along by the ERP", counts["erp_orders"])
    _line("faults", "Salesforce fails 20 % of calls; ERP down in round 2")
    shown = [r for r in report["orders"] if r["erp_status"] == "INVOICED"][:3]
    for row in shown:
        path_taken = " -> ".join(["OPEN", *row["moved_through"]])
        _line(f"Order {row['salesforce_order_id']} in the ERP", path_taken)
        _line(
            "  the Salesforce Order shows",
            f"{row['salesforce_status']}, invoice {row['invoice_number']}, tracking {row['tracking_reference']}",
        )
    cancelled = [r for r in report["orders"] if r["erp_status"] == "CANCELLED"]
    if cancelled:
        _line(
            "cancelled orders, shown as cancelled", f"{len(cancelled)} -> {cancelled[0]['salesforce_status']}"
        )
    _line("Salesforce Orders showing their ERP status", f"{counts['in_step']} of {counts['erp_orders']}")
    _line("polls / ERP business events (CloudEvents)", f"{counts['polls']} / {counts['erp_events']}")
    _line("records failed by the faults and retried", counts["records_failed_and_retried"])
    _line(
        "states written / skipped as stale or duplicate",
        f"{counts['states_written']} / {counts['states_skipped_as_stale_or_duplicate']}",
    )
    _line("status history records (ERP_Order_Status_Change__c)", counts["history_records"])
    written = counts["salesforce_records_written"]
    calls = counts["salesforce_api_calls"]
    _line(
        "Salesforce writer: API calls / records written",
        f"{calls} / {written} ({calls / max(written, 1):.3f} a record)",
    )
    _line(
        "  through the write queue: writer invocations (windows)",
        f"{counts['writer_invocations']} ({', '.join(f'{k} {v}' for k, v in counts['writer_changes'].items())})",
    )
    _line("dead-lettered (each with its reason)", counts["dead_lettered"])
    products = report["products"]
    _line("ERP list prices -> standard price book entries", products["price_book_entries"])
    _line(
        f"  {products['price_changed']['sku']} repriced to 99.90 in the ERP -> price book",
        products["price_changed"]["price_book"],
    )
    _line(
        f"  {products['deactivated']['sku']} deactivated in the ERP -> IsActive",
        products["deactivated"]["active"],
    )
    _line("report", path)
    _line("run it again", "sferp local erp_status run --orders 40 --report /tmp/erp_status.json")
