"""Order-handoff benchmarks (issue 2). Not a test: it measures and writes bench/results/order_handoff.json.

1. Cold import time of the handler module against ``import boto3`` alone, in the same run
   (fresh interpreters, median of N). Target: at most 1.5x.
2. Salesforce API calls per handed-off order when the lines are in the event. Target: <= 0.2.
3. Events per second through the local runtime, and where the time goes.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "order_handoff.json"
RUNS = int(os.environ.get("SFERP_BENCH_IMPORT_RUNS", "9"))
STDLIB = sysconfig.get_paths()["stdlib"]

_IMPORT_HANDLER = f"""
import time, importlib.util
t = time.perf_counter()
spec = importlib.util.spec_from_file_location("handler", {str(ROOT / "functions/order_handoff/handler.py")!r})
module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
print(time.perf_counter() - t)
"""
# What Lambda's init phase does beyond the import: boto3 clients and the idempotency layer, which
# the handler builds at init (sferp.order_handoff.app.build_dependencies) without network calls.
_FULL_INIT = _IMPORT_HANDLER.replace(
    "print(time.perf_counter() - t)",
    """
import boto3
from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer
session = boto3.session.Session(region_name="eu-central-1")
session.client("dynamodb"); session.client("sqs")
print(time.perf_counter() - t)
""",
)
_IMPORT_BOTO3 = """
import time
t = time.perf_counter()
import boto3
print(time.perf_counter() - t)
"""


def _time_import(code: str) -> float:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    env.pop("AWS_LAMBDA_FUNCTION_NAME", None)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return float(out.stdout.strip().splitlines()[-1])


def bench_imports() -> dict[str, float]:
    # Warm the bytecode caches once so both sides are measured from .pyc, as in a Lambda image.
    _time_import(_IMPORT_HANDLER)
    boto3_times, handler_times, init_times = [], [], []
    for _ in range(RUNS):  # interleaved so machine noise hits both alike
        boto3_times.append(_time_import(_IMPORT_BOTO3))
        handler_times.append(_time_import(_IMPORT_HANDLER))
        init_times.append(_time_import(_FULL_INIT))
    b, h = statistics.median(boto3_times), statistics.median(handler_times)
    full = statistics.median(init_times)
    # Does the handler import pull in simple-salesforce? It must not.
    check = subprocess.run(
        [sys.executable, "-c", _IMPORT_HANDLER + "\nimport sys; print('simple_salesforce' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    return {
        "boto3_import_ms": round(b * 1000, 1),
        "handler_import_ms": round(h * 1000, 1),
        "ratio": round(h / b, 2),
        "init_with_boto3_clients_and_idempotency_ms": round(full * 1000, 1),
        "init_ratio": round(full / b, 2),
        "target_ratio": 1.5,
        "simple_salesforce_imported_by_handler": check == "True",
        "runs": RUNS,
    }


def bench_api_calls_and_throughput() -> dict[str, object]:
    from sferp_tools.local.order_handoff import run_order_handoff
    from sferp_tools.synthetic.order_handoff import generate

    scenario = generate(300, seed=42, duplicate_rate=0.3, lines_in_event_rate=1.0, poison=0)
    # Once without the profiler for the throughput figure, once with it for where the time goes.
    started = time.perf_counter()
    plain = run_order_handoff(
        scenario.events, prepare=lambda _e, org: scenario.seed_org(org), log_stream=io.StringIO()
    )
    plain_seconds = time.perf_counter() - started
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    run = run_order_handoff(
        scenario.events, prepare=lambda _e, org: scenario.seed_org(org), log_stream=io.StringIO()
    )
    profiler.disable()
    elapsed = time.perf_counter() - started
    counts = run.report["counts"]
    handed = counts["handed_off"] + counts["cancelled"]
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(25)
    by_module: dict[str, float] = {}
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.items():
        key = "other"
        for marker in (
            "moto",
            "botocore",
            "aws_lambda_powertools",
            "pydantic",
            "sferp",
            "boto3",
            "jsonpath_ng",
        ):
            if f"/{marker}/" in filename:
                key = marker
                break
        else:
            if filename.startswith(STDLIB) or filename.startswith("<") or filename == "~":
                # C builtins and the standard library (datetime, copy, json, re), mostly on moto's behalf
                key = "stdlib and builtins"
        by_module[key] = by_module.get(key, 0.0) + tottime
    total = sum(by_module.values()) or 1.0
    return {
        "events": counts["events_in"],
        "orders": len(scenario.orders),
        "changes_handed_off": handed,
        "salesforce_api_calls": counts["salesforce_api_calls"],
        "salesforce_api_calls_per_handed_off_order": round(counts["salesforce_api_calls"] / handed, 3),
        "target_api_calls_per_order": 0.2,
        "handler_invocations": counts["handler_invocations"],
        "records_per_invocation": round(
            counts["records_received"] / max(counts["handler_invocations"], 1), 2
        ),
        "events_per_second": round(plain.report["counts"]["events_in"] / plain_seconds, 1),
        "seconds": round(plain_seconds, 2),
        "seconds_with_profiler": round(elapsed, 2),
        "timing": run.report["timing"],
        "self_time_share_by_package": {
            k: round(v / total, 3) for k, v in sorted(by_module.items(), key=lambda kv: -kv[1])
        },
        "profile_top_cumulative": stream.getvalue().splitlines()[:45],
    }


def main() -> int:
    results = {"imports": bench_imports(), "local_runtime": bench_api_calls_and_throughput()}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    imports, local = results["imports"], results["local_runtime"]
    print(
        f"handler import {imports['handler_import_ms']} ms vs boto3 {imports['boto3_import_ms']} ms "
        f"= {imports['ratio']}x (target <= 1.5x)"
    )
    print(
        f"Salesforce API calls per handed-off order: {local['salesforce_api_calls_per_handed_off_order']} (target <= 0.2)"
    )
    print(
        f"local runtime: {local['events_per_second']} events/s; self time by package: {local['self_time_share_by_package']}"
    )
    print(f"results: {RESULTS}")
    ok = imports["ratio"] <= 1.5 and local["salesforce_api_calls_per_handed_off_order"] <= 0.2
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
