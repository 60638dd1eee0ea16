"""Unit fixtures: the service with in-memory stores, a controllable clock and no network."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from aws_lambda_powertools.utilities.circuit_breaker import base as breaker_base
from inventory_fakes import Clock, Harness, MemoryBreakerStore
from sferp_tools.fakes import InMemoryAvailabilityCache

from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.inventory_lookup.breaker import ErpBreaker


@pytest.fixture(autouse=True)
def _fresh_breaker_counters() -> Iterator[None]:
    # Powertools keeps per-environment failure streaks at module level; each test is a new "environment".
    for counters in (
        breaker_base._LOCAL_FAILURES,
        breaker_base._LOCAL_SUCCESSES,
        breaker_base._LAST_OBSERVED_STATE,
    ):
        counters.clear()
    yield


@pytest.fixture
def harness() -> Harness:
    erp = EmbeddedErp()
    erp.seed_stock("1000", {"MAT-1": 10, "MAT-2": 0, "MAT-3": 5})
    store = MemoryBreakerStore()
    transitions: list[Any] = []
    breaker = ErpBreaker(
        store, failure_threshold=3, recovery_timeout_s=30, state_cache_s=0, on_transition=transitions.append
    )
    return Harness(erp, InMemoryAvailabilityCache(), store, breaker, Clock(), transitions)
