"""The cache warm-up (refresh-ahead): batching, breaker, time budget, fresh values."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime

import pytest
from aws_lambda_powertools.utilities.circuit_breaker import CircuitState
from inventory_fakes import Harness

from sferp.faults import ErpFaults
from sferp.inventory_lookup.budget import TimeBudget
from sferp.inventory_lookup.models import ItemRequest, Source
from sferp.inventory_lookup.service import (
    WARMUP_BREAKER_OPEN,
    WARMUP_ERP_FAILED,
    WARMUP_SKIPPED_MODE,
    WARMUP_TIME_EXHAUSTED,
)
from sferp.models.records import ErpProduct
from sferp.settings import FlowMode


def _catalogue(harness: Harness, count: int, *, inactive: int = 0) -> list[str]:
    skus = [f"SKU-{n:04d}" for n in range(count)]
    harness.erp.seed_products({"sku": sku, "name": sku} for sku in skus)
    harness.erp.seed_products({"sku": f"OLD-{n}", "name": "old", "active": False} for n in range(inactive))
    harness.erp.seed_stock("1000", dict.fromkeys(skus, 7))
    return skus


def test_450_skus_are_three_erp_calls_and_land_fresh_in_the_cache(harness: Harness) -> None:
    # Given 450 active SKUs (and inactive ones that must not be warmed)
    skus = _catalogue(harness, 450, inactive=20)
    service = harness.service(fresh_ttl_s=60)
    # When the plant is warmed up
    stats = service.warm_up("1000", max_skus=2000, budget_ms=1500)
    # Then 200 + 200 + 50: three availability calls, every active SKU written, nothing stopped
    assert harness.erp.calls["get_availability"] == 3
    assert (stats.availability_calls, stats.skus_listed, stats.skus_warmed, stats.stopped) == (
        3,
        450,
        450,
        None,
    )
    cached = harness.cache.get_many("1000", [*skus, "OLD-0"])
    assert len(cached) == 450 and "OLD-0" not in cached
    assert {entry.as_of for entry in cached.values()} == {harness.clock.now}
    # And a lookup of any of them is answered from the cache without the ERP
    calls = harness.erp.call_count
    result = service.lookup("1000", [ItemRequest(sku=skus[449], quantity=5)], budget=TimeBudget(1500))
    assert result.response.items[0].source is Source.CACHE
    assert result.response.items[0].available_quantity == 7
    assert harness.erp.call_count == calls


def test_max_skus_caps_the_warm_up(harness: Harness) -> None:
    _catalogue(harness, 450)
    stats = harness.service().warm_up("1000", max_skus=250, budget_ms=1500)
    assert (stats.skus_listed, stats.skus_warmed, stats.availability_calls) == (250, 250, 2)


def test_open_breaker_means_no_erp_call(harness: Harness) -> None:
    # Given a circuit opened by three failed lookups
    _catalogue(harness, 10)
    service = harness.service()
    with harness.erp.outage():
        for _ in range(3):
            service.lookup("1000", [ItemRequest(sku="SKU-0001", quantity=1)], budget=TimeBudget(1500))
    assert harness.breaker.state() is CircuitState.OPEN
    calls = harness.erp.call_count
    # When a warm-up runs
    stats = service.warm_up("1000", max_skus=100, budget_ms=1500)
    # Then it neither reads the master nor asks for availability
    assert harness.erp.call_count == calls
    assert (stats.stopped, stats.erp_calls, stats.skus_warmed) == (WARMUP_BREAKER_OPEN, 0, 0)


def test_erp_failure_stops_after_one_call(harness: Harness) -> None:
    _catalogue(harness, 450)
    harness.erp.faults = ErpFaults(error_rate=1.0)
    stats = harness.service().warm_up("1000", max_skus=2000, budget_ms=1500)
    # The master read fails: no availability call is made, nothing is written
    assert stats.stopped == WARMUP_ERP_FAILED
    assert harness.erp.calls["get_availability"] == 0
    assert harness.cache.get_many("1000", ["SKU-0000"]) == {}


def test_each_call_gets_the_budget_as_its_timeout(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a product master that answers at once and availability calls that take 2 s
    _catalogue(harness, 10)
    read_master = harness.erp.changed_products

    def master_then_slow(since: datetime) -> Iterator[ErpProduct]:
        products = list(read_master(since))
        harness.erp.faults = ErpFaults(latency_ms=2000)
        return iter(products)

    monkeypatch.setattr(harness.erp, "changed_products", master_then_slow)
    started = time.monotonic()
    # When a warm-up runs with a 300 ms budget per call
    stats = harness.service().warm_up("1000", max_skus=10, budget_ms=300)
    # Then the availability call was cut off at the budget, not after 2 s, and nothing was written
    assert time.monotonic() - started < 1.0
    assert (stats.availability_calls, stats.stopped, stats.skus_warmed) == (1, WARMUP_ERP_FAILED, 0)


def test_stops_when_the_lambda_has_no_time_for_another_batch(harness: Harness) -> None:
    # Given 450 SKUs and a Lambda with time for exactly one more budgeted batch
    _catalogue(harness, 450)
    remaining = iter([2500, 1000, 1000])
    stats = harness.service().warm_up(
        "1000", max_skus=2000, budget_ms=1500, lambda_remaining_ms=lambda: next(remaining)
    )
    # Then one batch ran and the warm-up stopped instead of running into the timeout
    assert (stats.availability_calls, stats.skus_warmed, stats.stopped) == (1, 200, WARMUP_TIME_EXHAUSTED)


def test_shadow_and_off_do_not_warm(harness: Harness) -> None:
    _catalogue(harness, 10)
    for mode in (FlowMode.SHADOW, FlowMode.OFF):
        stats = harness.service(mode).warm_up("1000", max_skus=10, budget_ms=1500)
        assert stats.stopped == WARMUP_SKIPPED_MODE
    assert harness.erp.call_count == 0
