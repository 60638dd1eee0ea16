"""Benchmark: the inventory lookup in-process, through the real handler (moto DynamoDB, embedded ERP).

Not a test. Measures, per scenario, the latency of one POST /availability (API Gateway proxy event
-> handler -> resolver -> service -> cache / ERP -> response):

- hit: every SKU is fresh in the cache;
- miss: nothing cached, the embedded ERP adds 50 ms per call;
- breaker open: the ERP is down and the circuit is open (answers from the stale cache);
- Zipf: ERP calls per 1,000 lookups with skewed SKU mixes (fresh TTL 60 s): cold (cache empty at
  the start) and warm (the next 1,000 lookups), without warm-up; and ``with_warmup``: one scheduled
  warm-up of the catalogue, then 1,000 lookups, the warm-up's ERP calls counted in the total.

    .venv/bin/python bench/bench_inventory.py [--lookups 500]

Results go to bench/results/inventory.json. Targets (issue 3): p99 <= 10 ms on a hit and with the
breaker open; <= 100 ERP calls per 1,000 lookups with the Zipf mix. ``targets_met`` records them.
ERP calls are bounded below by the distinct SKUs a mix brings in (a first sight is always a miss),
so the figure depends on the mix: two are measured and both are reported.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "inventory.json"
sys.path.insert(0, str(REPO / "layers" / "sferp"))

from aws_lambda_powertools.utilities.circuit_breaker import CircuitState  # noqa: E402
from sferp_tools.local.inventory_lookup import LocalInventory  # noqa: E402

from sferp.adapters.erp.embedded import EmbeddedErp  # noqa: E402
from sferp.faults import ErpFaults  # noqa: E402

PLANT = "1000"
CATALOGUE = [f"SKU-{n:05d}" for n in range(2_000)]
HIT_P99_MS = 10.0
OPEN_P99_MS = 10.0
ZIPF_MAX_ERP_CALLS = 100


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p99_ms": round(p99, 3),
        "max_ms": round(ordered[-1], 3),
        "n": len(ordered),
    }


def _time(local: LocalInventory, items: list[tuple[str, float]]) -> tuple[float, Any]:
    started = time.perf_counter()
    answer = local.post(PLANT, items)
    elapsed = (time.perf_counter() - started) * 1000.0
    assert answer.status == 200, answer.body
    return elapsed, answer


def _erp() -> EmbeddedErp:
    erp = EmbeddedErp()
    erp.seed_stock(PLANT, dict.fromkeys(CATALOGUE, 100))
    return erp


def bench_hit(lookups: int) -> dict[str, Any]:
    with LocalInventory(erp=_erp(), log_stream=io.StringIO(), fresh_ttl_s=3600) as local:
        skus = CATALOGUE[:50]
        local.post(PLANT, [(sku, 1) for sku in skus])  # fill the cache
        for _ in range(20):  # warm up imports and moto
            _time(local, [(skus[0], 1)])
        samples = []
        for n in range(lookups):
            elapsed, answer = _time(local, [(skus[n % 50], 1), (skus[(n + 7) % 50], 2)])
            assert all(item["source"] == "cache" for item in answer.body["items"])
            samples.append(elapsed)
    return _percentiles(samples)


def bench_miss(lookups: int) -> dict[str, Any]:
    erp = _erp()
    with LocalInventory(erp=erp, log_stream=io.StringIO(), fresh_ttl_s=0) as local:
        _time(local, [(CATALOGUE[0], 1)])
        erp.faults = ErpFaults(latency_ms=50)
        samples = []
        for n in range(lookups):
            # Unique SKUs: every lookup misses and goes to the ERP (one call for both items).
            elapsed, _ = _time(local, [(CATALOGUE[(2 * n) % 2000], 1), (CATALOGUE[(2 * n + 1) % 2000], 1)])
            samples.append(elapsed)
    return _percentiles(samples) | {"erp_added_latency_ms": 50}


def bench_breaker_open(lookups: int) -> dict[str, Any]:
    erp = _erp()
    with LocalInventory(erp=erp, log_stream=io.StringIO(), fresh_ttl_s=0, breaker_failures=3) as local:
        skus = CATALOGUE[:50]
        local.post(PLANT, [(sku, 1) for sku in skus])
        time.sleep(1.01)  # the cached values are now older than the fresh TTL (0 s)
        samples = []
        with erp.outage():
            for _ in range(5):
                _time(local, [(skus[0], 1)])
            assert local.dependencies.breaker.state() is CircuitState.OPEN
            calls = erp.call_count
            for n in range(lookups):
                elapsed, answer = _time(local, [(skus[n % 50], 1), (skus[(n + 7) % 50], 2)])
                assert all(item["source"] == "stale" for item in answer.body["items"])
                samples.append(elapsed)
            assert erp.call_count == calls, "the ERP was called while the breaker was open"
    return _percentiles(samples)


def bench_zipf(*, skus: int, s: float, max_items: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    catalogue = CATALOGUE[:skus]
    weights = [1.0 / (rank**s) for rank in range(1, len(catalogue) + 1)]
    erp = _erp()
    result: dict[str, Any] = {
        "skus": skus,
        "zipf_s": s,
        "items_per_lookup": f"1-{max_items}",
        "fresh_ttl_s": 60,
    }
    with LocalInventory(erp=erp, log_stream=io.StringIO(), fresh_ttl_s=60) as local:
        for phase in ("cold", "warm"):
            before = erp.calls["get_availability"]
            for _ in range(1_000):
                picked = rng.choices(catalogue, weights=weights, k=rng.randint(1, max_items))
                local.post(PLANT, [(sku, 1) for sku in picked])
            result[f"{phase}_erp_calls_per_1000_lookups"] = erp.calls["get_availability"] - before
    result["with_warmup"] = _zipf_with_warmup(catalogue, weights, max_items=max_items, seed=seed)
    return result


def _zipf_with_warmup(
    catalogue: list[str], weights: list[float], *, max_items: int, seed: int
) -> dict[str, Any]:
    """The same mix (same seed) after ONE scheduled warm-up of the whole catalogue; the warm-up's ERP
    calls (product master pages + availability batches) are counted in the total."""
    rng = random.Random(seed)
    erp = _erp()
    erp.seed_products({"sku": sku, "name": sku} for sku in catalogue)
    with LocalInventory(erp=erp, log_stream=io.StringIO(), fresh_ttl_s=60, seed_demo_stock=False) as local:
        summary = local.warm_up(PLANT)
        assert summary["stopped"] is None, summary
        warmup_calls = erp.call_count
        started = time.monotonic()
        before = erp.call_count
        for _ in range(1_000):
            picked = rng.choices(catalogue, weights=weights, k=rng.randint(1, max_items))
            local.post(PLANT, [(sku, 1) for sku in picked])
        lookup_calls = erp.call_count - before
        elapsed_s = time.monotonic() - started
    return {
        "counted": "warm-up ERP calls (product master pages + availability batches of 200) + lookup ERP calls, "
        "for one warm-up followed by 1,000 lookups",
        "warmup_skus": summary["skus_warmed"],
        "warmup_erp_calls": warmup_calls,
        "lookup_erp_calls": lookup_calls,
        "erp_calls_per_1000_lookups": warmup_calls + lookup_calls,
        # One warm-up covers the lookups only while its values are fresh: in production the warm-up
        # costs its calls every interval, whatever the traffic (see docs/inventory.md).
        "lookups_within_fresh_ttl": elapsed_s <= 60,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=500)
    args = parser.parse_args(argv)
    results = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "hit": bench_hit(args.lookups),
        "miss": bench_miss(min(args.lookups, 200)),
        "breaker_open": bench_breaker_open(args.lookups),
        # A quote's lines against a wide catalogue, and single-SKU Flow lookups on a hotter mix.
        "zipf": [bench_zipf(skus=2_000, s=1.2, max_items=5), bench_zipf(skus=500, s=1.5, max_items=1)],
    }
    results["targets"] = {
        "hit_p99_ms_max": HIT_P99_MS,
        "breaker_open_p99_ms_max": OPEN_P99_MS,
        "zipf_erp_calls_per_1000_max": ZIPF_MAX_ERP_CALLS,
    }
    ok = (
        results["hit"]["p99_ms"] <= HIT_P99_MS
        and results["breaker_open"]["p99_ms"] <= OPEN_P99_MS
        and all(mix["warm_erp_calls_per_1000_lookups"] <= ZIPF_MAX_ERP_CALLS for mix in results["zipf"])
    )
    results["targets_met_with_warmup"] = (
        results["hit"]["p99_ms"] <= HIT_P99_MS
        and results["breaker_open"]["p99_ms"] <= OPEN_P99_MS
        and all(
            mix["with_warmup"]["erp_calls_per_1000_lookups"] <= ZIPF_MAX_ERP_CALLS for mix in results["zipf"]
        )
    )
    results["targets_met"] = ok
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    # Reported, not fatal: performance figures, not correctness checks.
    print(
        "inventory bench: latency targets and Zipf ERP calls "
        f"{'met' if ok else 'NOT met'} without cache warm-up, "
        f"{'met' if results['targets_met_with_warmup'] else 'NOT met'} with it",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
