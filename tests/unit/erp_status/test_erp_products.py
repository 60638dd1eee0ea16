"""Products and list prices from the ERP: new and changed products reach Product2, list prices the
standard price book per currency, a product without a price gets no entry (never 0), a deactivated
product is deactivated (never deleted), entries are created once and then only priced (the org
refuses create-only fields on update), the quota guard defers and the watermark waits, and price
sync off writes products only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sferp_tools.embedded_org import EmbeddedSalesforceOrg
from sferp_tools.fakes import InMemoryDeadLetterQueue, InMemoryVersionGuard

from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.erp_status import names as status_names
from sferp.erp_status.products import ErpProductPoller, price_key
from sferp.models.records import ErpProduct
from sferp.ports.desired_state import InMemoryDesiredState
from sferp.ports.erp import ProductPort
from sferp.salesforce_writer import SalesforceWriter
from sferp.settings import FlowMode


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class Products:
    def __init__(self, *, price_sync: bool = True, mode: FlowMode = FlowMode.LIVE) -> None:
        self.clock = Clock()
        self.erp = EmbeddedErp(clock=self.clock)
        self.org = EmbeddedSalesforceOrg()
        self.applied = InMemoryVersionGuard()
        self.dlq = InMemoryDeadLetterQueue()
        self.poller = ErpProductPoller(
            erp=self.erp,
            salesforce=self.org,
            writer=SalesforceWriter(self.org, state=InMemoryDesiredState()),
            applied=self.applied,
            dead_letters=self.dlq,
            mode=mode,
            price_sync=price_sync,
            clock=self.clock,
        )

    def seed(self, *products: dict[str, Any]) -> None:
        self.erp.seed_products([{"changed_at": self.clock.now, **p} for p in products])

    def tick(self, minutes: int = 5) -> None:
        self.clock.now += timedelta(minutes=minutes)

    def product(self, sku: str) -> dict[str, Any] | None:
        rows = self.org.query(
            f"SELECT Id, Name, ProductCode, IsActive FROM Product2 WHERE ERP_SKU__c = '{sku}'"
        )
        return rows[0] if rows else None

    def entries(self) -> dict[str, dict[str, Any]]:
        rows = self.org.query(
            "SELECT Id, ERP_Price_Key__c, UnitPrice, IsActive, CurrencyIsoCode, Product2Id FROM PricebookEntry"
        )
        return {r[status_names.SF_PRICE_KEY]: r for r in rows}


def test_new_products_and_their_prices_reach_product2_and_the_standard_price_book() -> None:
    flow = Products()
    flow.seed(
        {"sku": "MAT-1", "name": "Pump", "list_price": "12.50", "currency": "EUR"},
        {"sku": "MAT-2", "name": "Valve", "list_price": None},
    )
    result = flow.poller.poll()
    assert (result.read, result.products_written, result.prices_written, result.without_price) == (2, 2, 1, 1)
    pump = flow.product("MAT-1")
    assert pump == {"Id": pump["Id"], "Name": "Pump", "ProductCode": "MAT-1", "IsActive": True}
    entries = flow.entries()
    # One entry, in the product's currency, on the product; the product without a price has none
    assert set(entries) == {price_key("MAT-1", "EUR")}
    entry = entries["MAT-1:EUR"]
    assert (entry["UnitPrice"], entry["CurrencyIsoCode"], entry["Product2Id"]) == (
        Decimal("12.50"),
        "EUR",
        pump["Id"],
    )
    assert not flow.dlq.letters


def test_a_price_change_updates_the_entry_and_never_resends_create_only_fields() -> None:
    flow = Products()
    flow.seed({"sku": "MAT-1", "name": "Pump", "list_price": "12.50", "currency": "EUR"})
    flow.poller.poll()
    # When the ERP changes the price
    flow.tick()
    flow.seed({"sku": "MAT-1", "name": "Pump", "list_price": "13.10", "currency": "EUR"})
    writes = len(flow.org.writes)
    result = flow.poller.poll()
    # Then the one entry has the new price, written by Id with the updatable fields only
    assert result.prices_written == 1 and not result.refused
    [entry] = flow.entries().values()
    assert entry["UnitPrice"] == Decimal("13.10")
    [price_write] = [w for w in flow.org.writes[writes:] if w.object == "PricebookEntry"]
    assert set(price_write.fields) <= {"UnitPrice", "IsActive"}


def test_a_deactivated_product_is_deactivated_not_deleted() -> None:
    flow = Products()
    flow.seed({"sku": "MAT-1", "name": "Pump", "list_price": "12.50", "currency": "EUR"})
    flow.poller.poll()
    flow.tick()
    flow.seed({"sku": "MAT-1", "name": "Pump", "list_price": "12.50", "currency": "EUR", "active": False})
    flow.poller.poll()
    product = flow.product("MAT-1")
    assert product is not None and product["IsActive"] is False
    assert flow.entries()["MAT-1:EUR"]["IsActive"] is False


class _NamelessErp(ProductPort):
    """An ERP whose product has no description in the language sferp reads (SAP's can lack one)."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def changed_products(self, since: datetime) -> Iterator[ErpProduct]:
        yield ErpProduct(sku="MAT-9", name=None, list_price=None, currency=None, changed_at=self._clock.now)


def test_a_product_without_a_name_is_refused_with_salesforces_reason_never_created_empty() -> None:
    flow = Products()
    flow.poller._erp = _NamelessErp(flow.clock)
    result = flow.poller.poll()
    assert result.products_written == 0 and flow.product("MAT-9") is None
    [letter] = flow.dlq.letters
    assert "REQUIRED_FIELD_MISSING" in letter.reason and "Name" in letter.reason


def test_near_the_api_limit_products_wait_and_the_watermark_waits_for_them() -> None:
    flow = Products()
    flow.poller.poll()  # the watermark's base
    flow.tick()
    flow.seed({"sku": "MAT-1", "name": "Pump", "list_price": "12.50", "currency": "EUR"})
    flow.org.set_api_used(14_000)  # 93 % of the daily limit: above the writer's 80 % guard
    flow.org.query("SELECT Id FROM Pricebook2 WHERE IsStandard = true")  # a call reads the usage
    result = flow.poller.poll()
    assert result.products_written == 0 and "deferred" in result.refused["MAT-1"]
    assert result.watermark is not None and result.watermark <= flow.clock.now - timedelta(minutes=0)
    # When usage drops (a new day) / Then the next poll writes it
    flow.org.set_api_used(0)
    flow.org.query("SELECT Id FROM Pricebook2 WHERE IsStandard = true")
    flow.tick(60)
    assert flow.poller.poll().products_written == 1


def test_price_sync_off_writes_products_only() -> None:
    flow = Products(price_sync=False)
    flow.seed({"sku": "MAT-1", "name": "Pump", "list_price": "12.50", "currency": "EUR"})
    result = flow.poller.poll()
    assert result.products_written == 1 and result.prices_written == 0
    assert flow.entries() == {}


@pytest.mark.parametrize("mode", [FlowMode.SHADOW, FlowMode.OFF])
def test_shadow_and_off_write_nothing(mode: FlowMode) -> None:
    flow = Products(mode=mode)
    flow.seed({"sku": "MAT-1", "name": "Pump", "list_price": "12.50", "currency": "EUR"})
    flow.poller.poll()
    assert flow.product("MAT-1") is None
