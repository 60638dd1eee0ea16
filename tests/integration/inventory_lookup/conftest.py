"""Integration fixtures: the real handler with API Gateway proxy events, moto DynamoDB (cache and
breaker state) and the embedded ERP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from aws_lambda_powertools.utilities.circuit_breaker import base as breaker_base
from sferp_tools.local.inventory_lookup import LocalInventory


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
def inventory() -> Iterator[LocalInventory]:
    # State cache 0: every request reads the breaker item, as a fresh environment would.
    with LocalInventory(breaker_failures=3, breaker_state_cache_s=0, fresh_ttl_s=60) as local:
        yield local
