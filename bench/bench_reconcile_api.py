"""Salesforce API calls per 10,000 fixed records (issue 4: at most 6 per object, one Bulk API 2.0 job).

Runs the real reconciliation state machine locally (moto + the real handler) against the embedded
org, whose call counting mirrors the Bulk API 2.0 job steps (ingest: create, upload, close, poll,
successful and failed results = 6; query: create, poll, results = 3), with N Accounts whose
ERP-owned credit limit drifted, and counts the calls the apply step made.
Writes bench/results/reconcile_api.json; exits 1 if the budget is exceeded.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from sferp_tools.local.reconciliation import LocalReconcile, embedded_systems, plant_drift

BUDGET_PER_OBJECT = 6


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "reconcile_api.json")
    args = parser.parse_args()
    started = time.perf_counter()
    with embedded_systems() as (erp, org):
        plant_drift(erp, org, accounts=args.records, products=2)
        for record in org._records["Account"].values():
            if record.get("ERP_Customer_Number__c", "").startswith("0001"):
                record["Credit_Limit__c"] = "1"
        with LocalReconcile(erp=erp, org=org, partitions=8) as local:
            execution = local.start("2024-05-01", timeout_s=600)
            report = local.report("2024-05-01")
    if report is None:
        print(f"run ended {execution.status}: {execution.error}", file=sys.stderr)
        return 1
    accounts = report["run"]["applied"]["accounts"]["salesforce"]
    result = {
        "records_fixed_in_salesforce": accounts["applied"],
        "salesforce_api_calls_apply_accounts": accounts["salesforce_api_calls"],
        "calls_per_10000_fixed": round(
            accounts["salesforce_api_calls"] * 10_000 / max(1, accounts["applied"]), 3
        ),
        "budget_per_object": BUDGET_PER_OBJECT,
        "salesforce_api_calls_whole_run": report["run"]["salesforce_api_calls"],
        "counted_by": "EmbeddedSalesforceOrg (Bulk API 2.0 job steps), not a live org",
        "seconds": round(time.perf_counter() - started, 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result))
    return 0 if accounts["salesforce_api_calls"] <= BUDGET_PER_OBJECT else 1


if __name__ == "__main__":
    sys.exit(main())
