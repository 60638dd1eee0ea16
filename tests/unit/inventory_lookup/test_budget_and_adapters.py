"""The time budget, and that both ERP adapters enforce it on the call itself."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests

from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.adapters.erp.odata import ODataErpGateway
from sferp.adapters.erp.odata_mapping import BasicCredentials, ODataErpConfig
from sferp.errors import ErpTimeoutError
from sferp.faults import ErpFaults
from sferp.inventory_lookup.budget import TimeBudget


def test_budget_is_capped_by_the_lambda_remaining_time() -> None:
    # Given 1.5 s budget but only 700 ms left in the invocation
    budget = TimeBudget(1500, lambda_remaining_ms=700)
    # Then the budget is what Lambda leaves minus its safety margin
    assert budget.total_ms == pytest.approx(500)
    erp_s = budget.for_erp()
    assert erp_s is not None and erp_s <= 0.4


def test_budget_counts_down_on_its_clock() -> None:
    now = [100.0]
    budget = TimeBudget(1000, clock=lambda: now[0])
    now[0] += 0.6
    assert budget.remaining_s() == pytest.approx(0.4)
    assert budget.for_erp() == pytest.approx(0.3)  # minus the 100 ms reserve
    now[0] += 0.35
    assert budget.for_erp() is None


def test_embedded_erp_times_out_at_the_given_timeout() -> None:
    # Given an ERP with 5 s added latency
    erp = EmbeddedErp(faults=ErpFaults(latency_ms=5000))
    erp.seed_stock("1000", {"MAT-1": 1})
    started = time.monotonic()
    # When availability is asked with a 100 ms timeout / Then it times out after ~100 ms
    with pytest.raises(ErpTimeoutError):
        erp.get_availability("1000", ["MAT-1"], timeout_s=0.1)
    assert time.monotonic() - started < 0.5


class _RecordingSession(requests.Session):
    def __init__(self) -> None:
        super().__init__()
        self.timeouts: list[Any] = []

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.timeouts.append(kwargs.get("timeout"))
        response = requests.Response()
        response.status_code = 200
        response._content = b'{"value": []}'
        response.url = url
        return response


def test_odata_adapter_passes_the_remaining_budget_as_socket_timeout() -> None:
    # Given the OData adapter with 3 s connect / 10 s read timeouts
    session = _RecordingSession()
    gateway = ODataErpGateway(
        ODataErpConfig(base_url="https://erp.example.com", odata_version="v4"),
        BasicCredentials(auth="basic", username="u", password="p"),  # type: ignore[arg-type]
        session=session,
    )
    # When availability is asked with a 0.8 s budget
    gateway.get_availability("1000", ["MAT-1"], timeout_s=0.8)
    # Then both socket timeouts are cut to the budget
    connect, read = session.timeouts[0]
    assert connect <= 0.8 and read <= 0.8


def test_odata_adapter_refuses_to_start_a_request_without_budget() -> None:
    session = _RecordingSession()
    gateway = ODataErpGateway(
        ODataErpConfig(base_url="https://erp.example.com", odata_version="v4"),
        BasicCredentials(auth="basic", username="u", password="p"),  # type: ignore[arg-type]
        session=session,
    )
    with pytest.raises(ErpTimeoutError):
        gateway.get_availability("1000", ["MAT-1"], timeout_s=0.0)
    assert session.timeouts == []
