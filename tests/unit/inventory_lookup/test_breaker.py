"""The circuit breaker around the ERP: opens after consecutive failures, serves stale while open,
closes after a successful half-open probe, reopens after a failed one."""

from __future__ import annotations

import pytest
from aws_lambda_powertools.utilities.circuit_breaker import CircuitState
from aws_lambda_powertools.utilities.circuit_breaker.base import CircuitBreakerHandler
from inventory_fakes import Harness

from sferp.inventory_lookup.budget import TimeBudget
from sferp.inventory_lookup.models import ItemRequest, Source


def lookup(harness: Harness, sku: str = "MAT-1") -> Source:
    harness.clock.advance(1)  # past the (zero) fresh TTL: every lookup needs the ERP
    result = harness.service(fresh_ttl_s=0).lookup("1000", [ItemRequest(sku=sku)], budget=TimeBudget(1500))
    return result.response.items[0].source


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The breaker's clock (unix seconds), moved by the test."""
    now = [1_800_000_000]
    monkeypatch.setattr(CircuitBreakerHandler, "_now", staticmethod(lambda: now[0]))
    return now


def test_breaker_opens_after_consecutive_failures_and_stops_calling_the_erp(
    harness: Harness, wall: list[int]
) -> None:
    # Given a value in the cache and a threshold of 3
    assert lookup(harness) is Source.ERP
    with harness.erp.outage():
        # When the ERP fails three times in a row
        sources = [lookup(harness) for _ in range(3)]
        calls_when_open = harness.erp.calls["get_availability"]
        # Then the circuit is open, and further lookups answer stale without calling the ERP
        assert harness.breaker.state() is CircuitState.OPEN
        assert [lookup(harness) for _ in range(5)] == [Source.STALE] * 5
        assert harness.erp.calls["get_availability"] == calls_when_open
    assert sources == [Source.STALE] * 3
    assert [(t.from_state, t.to_state) for t in harness.transitions] == [
        (CircuitState.CLOSED, CircuitState.OPEN)
    ]


def test_non_consecutive_failures_do_not_open(harness: Harness, wall: list[int]) -> None:
    # Given failures interleaved with successes
    for _ in range(3):
        with harness.erp.outage():
            lookup(harness)
            lookup(harness)
        lookup(harness)
    # Then the streak never reached 3 and the circuit stays closed
    assert harness.breaker.state() is CircuitState.CLOSED


def test_successful_probe_closes_the_breaker(harness: Harness, wall: list[int]) -> None:
    # Given an open circuit
    with harness.erp.outage():
        for _ in range(3):
            lookup(harness)
    assert harness.breaker.state() is CircuitState.OPEN
    # When the recovery timeout has passed and the ERP is back
    wall[0] += 31
    source = lookup(harness)
    # Then the probe went to the ERP, and the circuit is closed again
    assert source is Source.ERP
    assert harness.breaker.state() is CircuitState.CLOSED
    assert [t.to_state for t in harness.transitions] == [
        CircuitState.OPEN,
        CircuitState.HALF_OPEN,
        CircuitState.CLOSED,
    ]


def test_failed_probe_reopens_the_breaker(harness: Harness, wall: list[int]) -> None:
    # Given an open circuit whose recovery timeout has passed
    with harness.erp.outage():
        for _ in range(3):
            lookup(harness)
        wall[0] += 31
        # When the probe fails
        calls = harness.erp.calls["get_availability"]
        lookup(harness)
        # Then exactly one probe call was made and the circuit is open again
        assert harness.erp.calls["get_availability"] == calls + 1
        assert harness.breaker.state() is CircuitState.OPEN
        lookup(harness)
        assert harness.erp.calls["get_availability"] == calls + 1


def test_refused_request_does_not_count_as_erp_failure(harness: Harness, wall: list[int]) -> None:
    # Given an ERP that rejects the request (a business error, not an outage)
    from sferp.errors import ErpRejectedError

    def reject(*_args: object, **_kwargs: object) -> None:
        raise ErpRejectedError("bad material")

    harness.erp.get_availability = reject  # type: ignore[method-assign]
    # When it happens more often than the threshold
    for _ in range(5):
        lookup(harness)
    # Then the circuit stays closed
    assert harness.breaker.state() is CircuitState.CLOSED
