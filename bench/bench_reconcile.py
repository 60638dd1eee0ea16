"""Benchmark: the reconciliation engine against datacompy (pandas and Polars) on the same files.

Not a test. Generates N vs N account rows with planted drift, then runs each contender in a fresh
subprocess and records wall time and peak RSS:

    .venv/bin/python bench/bench_reconcile.py                 # 1,000,000 rows per side, 1 % drift
    .venv/bin/python bench/bench_reconcile.py --rows 50000    # quick
    .venv/bin/python bench/bench_reconcile.py --repeat 3      # best of 3 per contender (noisy machines)

Results go to bench/results/reconcile.json. The engine's counts must equal the planted ones (the
script exits 1 otherwise); datacompy's counts are printed beside them. datacompy only diffs rows
and columns (no normalisation, ownership or resolution), so it does strictly less work.

Peak memory: a contender's own ru_maxrss plus, for the engine's worker processes, the largest
worker's ru_maxrss times the number of workers (RUSAGE_CHILDREN only reports the largest one, so
this is an upper bound of what was resident at once).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "reconcile.json"
CONTENDERS = ("engine", "datacompy_polars", "datacompy_pandas")

# The mapped columns both datacompy runs compare, renamed to one schema (what the engine maps).
SF_TO_COMMON = {
    "ERP_Customer_Number__c": "customer_number",
    "Id": "salesforce_id",
    "Name": "name",
    "BillingStreet": "street",
    "BillingCity": "city",
    "BillingPostalCode": "postal_code",
    "BillingCountryCode": "country",
    "Phone": "phone",
    "Credit_Limit__c": "credit_limit",
    "Payment_Terms__c": "payment_terms",
    "Billing_Email__c": "billing_email",
    "IsDeleted": "deleted",
}
ERP_TO_COMMON = {
    "customer_number": "customer_number",
    "salesforce_account_id": "salesforce_id",
    "name": "name",
    "street": "street",
    "city": "city",
    "postal_code": "postal_code",
    "country": "country",
    "phone": "phone",
    "credit_limit": "credit_limit",
    "payment_terms": "payment_terms",
    "billing_email": "billing_email",
    "deleted": "deleted",
}


def _peak_mib(workers: int) -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    largest_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "self_mib": round(own, 1),
        "largest_worker_mib": round(largest_child, 1),
        "peak_mib": round(own + largest_child * workers, 1),
    }


def child_engine(sf: Path, erp: Path, workers: int) -> dict[str, Any]:
    from sferp.reconciliation.compare import reconcile_files
    from sferp.reconciliation.rules import Rules

    outcome = reconcile_files("accounts", sf, erp, Rules(), workers=workers)
    result = outcome.result
    return {
        "counts": dict(result.counts),
        "salesforce_fixes": len(result.salesforce_fixes),
        "erp_fixes": len(result.erp_fixes),
        "review": len(result.review),
        "format_only": result.format_only,
        "partitions": result.partitions,
        "memory": _peak_mib(workers),
    }


def child_polars(sf: Path, erp: Path) -> dict[str, Any]:
    import datacompy
    import polars as pl

    # All columns as strings: the engine compares exported text too, and inference would differ per side.
    left = pl.read_csv(sf, infer_schema=False).select(list(SF_TO_COMMON)).rename(SF_TO_COMMON)
    right = pl.read_csv(erp, infer_schema=False).select(list(ERP_TO_COMMON)).rename(ERP_TO_COMMON)
    compare = datacompy.PolarsCompare(
        left, right, join_columns="customer_number", df1_name="sf", df2_name="erp"
    )
    return _datacompy_counts(
        compare, compare.df1_unq_rows.height, compare.df2_unq_rows.height, compare.intersect_rows.height
    )


def child_pandas(sf: Path, erp: Path) -> dict[str, Any]:
    import datacompy
    import pandas as pd

    left = pd.read_csv(sf, dtype=str, keep_default_na=False, usecols=list(SF_TO_COMMON)).rename(
        columns=SF_TO_COMMON
    )
    right = pd.read_csv(erp, dtype=str, keep_default_na=False, usecols=list(ERP_TO_COMMON)).rename(
        columns=ERP_TO_COMMON
    )
    compare = datacompy.PandasCompare(
        left, right, join_columns="customer_number", df1_name="sf", df2_name="erp"
    )
    return _datacompy_counts(
        compare, len(compare.df1_unq_rows), len(compare.df2_unq_rows), len(compare.intersect_rows)
    )


def _datacompy_counts(compare: Any, only_sf: int, only_erp: int, intersect: int) -> dict[str, Any]:
    matching = int(compare.count_matching_rows())  # numpy ints are not JSON
    return {
        "counts": {
            "only_in_sf": int(only_sf),
            "only_in_erp": int(only_erp),
            "matched_equal": matching,
            "matched_differing": int(intersect) - matching,
        },
        "memory": _peak_mib(0),
    }


def run_child(args: argparse.Namespace) -> None:
    sf, erp = Path(args.sf), Path(args.erp)
    if args.child == "engine":
        data = child_engine(sf, erp, args.workers)
    elif args.child == "datacompy_polars":
        data = child_polars(sf, erp)
    else:
        data = child_pandas(sf, erp)
    print(json.dumps(data))


def measure(contender: str, sf: Path, erp: Path, workers: int) -> dict[str, Any]:
    """One fresh interpreter per contender, so imports and caches of one never help another."""
    command = [
        sys.executable,
        __file__,
        "--child",
        contender,
        "--sf",
        str(sf),
        "--erp",
        str(erp),
        "--workers",
        str(workers),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{contender} failed:\n{done.stderr}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    data["wall_s"] = round(wall, 3)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows per side")
    parser.add_argument("--drift", type=float, default=0.01)
    parser.add_argument("--repeat", type=int, default=1, help="runs per contender; the fastest is reported")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="engine processes")
    parser.add_argument("--only", choices=CONTENDERS, action="append", help="run only these contenders")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--child", choices=CONTENDERS, help=argparse.SUPPRESS)
    parser.add_argument("--sf", help=argparse.SUPPRESS)
    parser.add_argument("--erp", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return 0

    from sferp_tools.synthetic.reconciliation import generate_accounts

    contenders = args.only or list(CONTENDERS)
    with tempfile.TemporaryDirectory(prefix="sferp-bench-") as scratch:
        sf, erp = Path(scratch) / "salesforce_accounts.csv", Path(scratch) / "erp_customers.csv"
        started = time.perf_counter()
        planted = generate_accounts(sf, erp, args.rows, args.drift)
        generated_s = time.perf_counter() - started
        print(
            f"generated {planted.salesforce_rows} Salesforce / {planted.erp_rows} ERP rows "
            f"({(sf.stat().st_size + erp.stat().st_size) / 2**20:.0f} MiB) in {generated_s:.1f} s",
            flush=True,
        )
        runs: dict[str, list[dict[str, Any]]] = {c: [] for c in contenders}
        for attempt in range(args.repeat):
            for contender in contenders:
                data = measure(contender, sf, erp, args.workers)
                runs[contender].append(data)
                print(
                    f"[{attempt + 1}/{args.repeat}] {contender:<17} {data['wall_s']:7.2f} s "
                    f"{data['memory']['peak_mib']:8.1f} MiB  {data['counts']}",
                    flush=True,
                )
    best = {c: min(r, key=lambda d: d["wall_s"]) for c, r in runs.items()}
    expected = {k: v for k, v in planted.counts.items() if v}
    verdict: dict[str, Any] = {}
    if "engine" in best:
        engine = best["engine"]
        verdict["exact_counts"] = (
            engine["counts"] == expected
            and engine["salesforce_fixes"] == planted.salesforce_fixes
            and engine["erp_fixes"] == planted.erp_fixes
            and engine["review"] == planted.review
        )
        if "datacompy_polars" in best:
            polars_run = best["datacompy_polars"]
            verdict["faster_than_datacompy_polars"] = engine["wall_s"] < polars_run["wall_s"]
            verdict["at_most_half_the_memory_of_datacompy_polars"] = (
                engine["memory"]["peak_mib"] <= polars_run["memory"]["peak_mib"] / 2
            )
    report = {
        "benchmark": "reconcile accounts: engine vs datacompy",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_end": os.getloadavg(),
        },
        "rows_per_side": args.rows,
        "drift": args.drift,
        "planted": {
            "counts": expected,
            "salesforce_fixes": planted.salesforce_fixes,
            "erp_fixes": planted.erp_fixes,
            "review": planted.review,
            "salesforce_rows": planted.salesforce_rows,
            "erp_rows": planted.erp_rows,
        },
        "best": best,
        "runs": runs,
        "verdict": verdict,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"planted: {expected}")
    print(f"verdict: {verdict} -> {args.out}")
    return 0 if verdict.get("exact_counts", True) else 1


if __name__ == "__main__":
    sys.exit(main())
