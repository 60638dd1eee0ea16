"""The ErpGateway contract, run against the embedded SQLite ERP (in memory and on a file)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from sferp.adapters.erp.embedded import EmbeddedErp

from .erp_contract import ErpGatewayContract, ErpSeed


class FakeClock:
    """Time that moves only when told, so watermarks are exact."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 1.0) -> None:
        self.now += timedelta(seconds=seconds)


class EmbeddedSeed:
    """The contract's seeding hook, through the embedded ERP's own seeding helpers."""

    provides_prices = True
    keeps_source_version = True
    keeps_line_data = True
    provides_invoices = True

    def __init__(self, erp: EmbeddedErp, clock: FakeClock) -> None:
        self._erp = erp
        self._clock = clock

    def stock(self, plant: str, quantities: Mapping[str, Decimal]) -> None:
        self._erp.seed_stock(plant, quantities)

    def customer(self, *, name: str, salesforce_account_id: str | None = None) -> str:
        [number] = self._erp.seed_customers([{"name": name, "salesforce_account_id": salesforce_account_id}])
        return number

    def product(self, *, sku: str, name: str, list_price: Decimal, currency: str) -> None:
        self._erp.seed_products([{"sku": sku, "name": name, "list_price": list_price, "currency": currency}])

    def tick(self) -> None:
        self._clock.advance()

    def ship(self, reference: str, *, complete: bool) -> None:
        # The first (partial) delivery takes 40 %, a completing one the rest.
        current = self._erp.get_sales_order(reference)
        shipped = current.shipped_share if current and current.shipped_share else Decimal(0)
        share = Decimal(1) - shipped if complete else Decimal("0.4")
        self._erp.post_delivery(reference, share=share, tracking_reference="1Z999AA10123456784")

    def invoice(self, reference: str) -> None:
        self._erp.post_invoice(reference)

    def request_count(self) -> int:
        return self._erp.call_count


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


# A small page size makes every extract in the suite cross page boundaries.
@pytest.fixture(params=["memory", "file"])
def erp_gateway(request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock) -> Iterator[EmbeddedErp]:
    path = ":memory:" if request.param == "memory" else tmp_path / "erp.sqlite"
    erp = EmbeddedErp(path, clock=clock, page_size=3, strict=True)
    yield erp
    erp.close()


@pytest.fixture
def erp_seed(erp_gateway: EmbeddedErp, clock: FakeClock) -> ErpSeed:
    return EmbeddedSeed(erp_gateway, clock)


class TestEmbeddedErpContract(ErpGatewayContract):
    """Everything the contract promises, against ``EmbeddedErp``."""
