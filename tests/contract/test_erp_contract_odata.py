"""The ErpGateway contract, run against ``ODataErpGateway`` talking to the SAP test peer: SAP's
published metadata served as OData v2 at SAP's paths (``tests/odata_server``), in both variants:
a standard system, and one with an installation's ``YY1_*`` extension fields configured.

The peer is started once per session and variant on a free loopback port; every test gets a
fresh, empty ERP through the peer's test-support ``reset``. Without Node.js these tests fail with
the reason (see ``ODataServerError``), they are not skipped.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sferp_tools.local.demo import load_odata_test_peer  # the one loader (demo and tests share the module)

from sferp.adapters.erp.odata import ODataErpGateway
from sferp.adapters.erp.odata_mapping import (
    BasicCredentials,
    ODataErpConfig,
    ODataMapping,
    SalesOrderItemNames,
    SalesOrderNames,
)

from .erp_contract import ACCOUNT_ID, SKUS, ErpGatewayContract, ErpSeed, sales_order

# Small pages: every extract in the suite crosses page boundaries (server-driven paging).
PAGE_SIZE = 3


def extended_mapping() -> ODataMapping:
    """The installation's extension fields, as its erp.odata.sap.extensions block names them."""
    return ODataMapping(
        sales_order=SalesOrderNames(source_version="YY1_SourceVersion_SDH"),
        sales_order_item=SalesOrderItemNames(
            unit_price="YY1_UnitPrice_SDI", external_line_id="YY1_SalesforceLineId_SDI"
        ),
    )


class SapPeerSeed:
    """The contract's seeding hook: rows loaded straight into the peer's database, the way SAP's
    own master-data processes create them (a business partner with its customer role, sales
    area, company code, address and phone; a product with its English description)."""

    provides_prices = False  # SAP prices through condition records, which the adapter does not read
    provides_invoices = True  # billing documents (API_BILLING_DOCUMENT_SRV)

    def __init__(self, server: Any, gateway: ODataErpGateway, *, variant: str) -> None:
        # The Salesforce version and line data live in YY1_* fields: only an extended system keeps them.
        self.keeps_source_version = self.keeps_line_data = variant == "extended"
        self._server = server
        self._gateway = gateway
        self._next_customer = 17100000
        # Business partner change stamps have whole-second resolution (LastChangeDate +
        # LastChangeTime): seeds carry a clock of their own, a second apart, in the past.
        self._clock = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
        self._shipped: dict[str, dict[int, Decimal]] = {}  # reference -> item -> quantity delivered

    def stock(self, plant: str, quantities: Mapping[str, Decimal]) -> None:
        stock = self._server.stock
        for sku, quantity in quantities.items():
            # Spread over two storage locations, plus blocked stock and special stocks (sales
            # order stock E, consignment K) as a real plant holds them: only the plant's own
            # unrestricted-use stock may be promised.
            stock(sku, plant, quantity - 1 if quantity >= 1 else quantity)
            if quantity >= 1:
                stock(sku, plant, Decimal(1), location="0002")
            stock(sku, plant, Decimal(5), stock_type="07")
            stock(sku, plant, Decimal(6), special="E", sales_order="1")
            stock(sku, plant, Decimal(6), special="K", supplier="300001")

    def customer(self, *, name: str, salesforce_account_id: str | None = None) -> str:
        self._next_customer += 1
        # Business partner change stamps have whole-second resolution (LastChangeDate +
        # LastChangeTime): seeds carry a clock of their own, a second apart, in the past.
        self._clock += timedelta(seconds=1)
        return self._server.customer(
            str(self._next_customer),
            name=name,
            salesforce_account_id=salesforce_account_id,
            changed=self._clock,
        )

    def product(self, *, sku: str, name: str, list_price: Decimal, currency: str) -> None:
        del list_price, currency  # SAP's product master carries no list price
        self._server.product(sku, name=name)

    def tick(self) -> None:
        # Sales orders and products: CAP stamps LastChangeDateTime in milliseconds from the
        # server clock. Business partners: the seed clock moves past the next second.
        self._clock += timedelta(seconds=5)
        time.sleep(0.01)

    def request_count(self) -> int:
        return self._gateway.call_count

    def ship(self, reference: str, *, complete: bool) -> None:
        # SAP's logistics: an outbound delivery with its goods issue posted (40 % of every open
        # item first, the rest when completing), and the order's header statuses SAP's delivery
        # processing updates itself (read-only in the API): delivery status B (partly) or C
        # (completely delivered), the processing status C once nothing is left to do.
        order = self._gateway.get_sales_order(reference)
        assert order is not None
        done = self._shipped.setdefault(reference, {})
        lines = []
        for item in order.items:
            if item["rejected"]:
                continue
            left = item["quantity"] - done.get(item["item_number"], Decimal(0))
            quantity = left if complete else (item["quantity"] * Decimal("0.4")).quantize(Decimal("0.001"))
            done[item["item_number"]] = done.get(item["item_number"], Decimal(0)) + quantity
            lines.append((str(item["item_number"]), quantity, "PC"))
        self._server.delivery(
            order.erp_order_id, lines, bill_of_lading="1Z999AA10123456784" if complete else ""
        )
        statuses = (
            {"OverallTotalDeliveryStatus": "C", "OverallSDProcessStatus": "C"}
            if complete
            else {"OverallTotalDeliveryStatus": "B", "OverallSDProcessStatus": "B"}
        )
        self._server.load(
            "API_SALES_ORDER_SRV.A_SalesOrder", [{"SalesOrder": order.erp_order_id, **statuses}]
        )

    def invoice(self, reference: str) -> None:
        # SAP's billing: a billing document referring to the order. The order itself is not
        # touched, so the adapter must find the invoice through the document's own change time.
        order = self._gateway.get_sales_order(reference)
        assert order is not None
        self._server.billing_document(order.erp_order_id)


def sap_gateway_for(server: Any, *, variant: str = "standard", **overrides: Any) -> ODataErpGateway:
    peer = load_odata_test_peer()
    config = ODataErpConfig(
        base_url=server.base_url,
        odata_version="v2",
        mapping=overrides.pop("mapping", None)
        or (extended_mapping() if variant == "extended" else ODataMapping()),
        **overrides,
    )
    return ODataErpGateway(
        config, BasicCredentials(auth="basic", username=peer.USERNAME, password=peer.PASSWORD)
    )


@pytest.fixture(scope="session", params=["standard", "extended"])
def sap_peer(request: pytest.FixtureRequest) -> Iterator[tuple[Any, str]]:
    peer = load_odata_test_peer()
    server = peer.start_server(page_size=PAGE_SIZE, variant=request.param)
    yield server, request.param
    server.stop()


@pytest.fixture
def erp_gateway(sap_peer: tuple[Any, str]) -> Iterator[ODataErpGateway]:
    server, variant = sap_peer
    server.reset()
    gateway = sap_gateway_for(server, variant=variant)
    yield gateway
    gateway.close()


@pytest.fixture
def erp_seed(sap_peer: tuple[Any, str], erp_gateway: ODataErpGateway) -> ErpSeed:
    return SapPeerSeed(sap_peer[0], erp_gateway, variant=sap_peer[1])


class TestODataErpContract(ErpGatewayContract):
    """Everything the contract promises, against ``ODataErpGateway`` + the SAP peer (v2)."""


class TestSapFulfilmentDocuments:
    """What only SAP's delivery and billing documents can say, read as SAP publishes them."""

    @pytest.fixture(autouse=True)
    def _order(self, sap_peer: tuple[Any, str], erp_gateway: ODataErpGateway, erp_seed: SapPeerSeed) -> None:
        for sku in SKUS:
            erp_seed.product(sku=sku, name=f"Material {sku}", list_price=Decimal("9.50"), currency="EUR")
        erp_seed.customer(name="Document Customer", salesforce_account_id=ACCOUNT_ID)
        self.server, self.gateway = sap_peer[0], erp_gateway
        self.reference = "801000000000000900"
        self.number = erp_gateway.upsert_sales_order(sales_order(self.reference)).erp_order_id

    def _read(self) -> Any:
        [record] = self.gateway.sales_orders_by_number([self.number])
        return record

    def _ship_everything(self, unit: str = "PC") -> None:
        self.server.delivery(
            self.number, [("10", Decimal(2), unit), ("20", Decimal(1), unit)], bill_of_lading="BOL-1"
        )
        self.server.load(
            "API_SALES_ORDER_SRV.A_SalesOrder",
            [{"SalesOrder": self.number, "OverallTotalDeliveryStatus": "C", "OverallSDProcessStatus": "C"}],
        )

    def test_a_delivery_before_its_goods_issue_ships_nothing(self) -> None:
        self.server.delivery(
            self.number, [("10", Decimal(2), "PC")], goods_issued=False, bill_of_lading="BOL-0"
        )
        record = self._read()
        assert (record.shipped_share, record.delivery_date, record.tracking_reference) == (
            Decimal(0),
            None,
            None,
        )

    def test_an_order_changed_only_through_its_delivery_is_polled(self) -> None:
        # Given a watermark after the order, and a goods issue that leaves the order untouched
        watermark = self._read().changed_at + timedelta(milliseconds=1)
        self.server.delivery(self.number, [("10", Decimal(2), "PC")])
        # Then the poll still finds the order, with what the delivery says, exactly once
        polled = list(self.gateway.changed_sales_orders(watermark))
        assert [(o.erp_order_id, o.shipped_share) for o in polled] == [(self.number, Decimal("0.6667"))]
        assert polled[0].delivery_date == datetime.now(UTC).date()

    def test_quantities_in_another_unit_give_no_share_rather_than_a_wrong_one(self) -> None:
        self._ship_everything(unit="KAR")
        record = self._read()
        assert record.shipped_share is None
        assert (record.status, record.tracking_reference) == ("SHIPPED", "BOL-1")

    def test_a_cancelled_invoice_or_a_credit_memo_is_no_invoice(self) -> None:
        self._ship_everything()
        self.server.billing_document(self.number, cancelled=True)
        self.server.billing_document(self.number, category="O")  # credit memo
        record = self._read()
        assert (record.status, record.invoice_number, record.invoice_date) == ("SHIPPED", None, None)
        # When the real invoice posts / Then the order is invoiced with it, and newer than before
        number = self.server.billing_document(self.number)
        invoiced = self._read()
        assert (invoiced.status, invoiced.invoice_number) == ("INVOICED", number)
        assert invoiced.changed_at > record.changed_at

    def test_an_open_order_with_an_invoice_is_not_called_invoiced(self) -> None:
        # A down payment or a partial invoice before shipping: the number is reported, the status
        # stays what the order's header says
        number = self.server.billing_document(self.number)
        record = self._read()
        assert (record.status, record.invoice_number) == ("OPEN", number)

    def test_an_installation_without_the_document_apis_reports_none_of_their_fields(
        self, sap_peer: tuple[Any, str]
    ) -> None:
        server, variant = sap_peer
        mapping = extended_mapping() if variant == "extended" else ODataMapping()
        off = mapping.model_copy(
            update={
                "delivery": mapping.delivery.model_copy(update={"enabled": False}),
                "billing": mapping.billing.model_copy(update={"enabled": False}),
            }
        )
        self._ship_everything()
        self.server.billing_document(self.number)
        gateway = sap_gateway_for(server, variant=variant, mapping=off)
        try:
            before = gateway.call_count
            [record] = gateway.sales_orders_by_number([self.number])
            assert gateway.call_count - before == 1  # the order only
        finally:
            gateway.close()
        assert (record.status, record.shipped_share, record.invoice_number) == ("SHIPPED", None, None)

    def test_a_full_extract_reads_no_document_lists(self) -> None:
        # From the epoch every order is read anyway: the documents are read per page of orders,
        # never listed on their own (a full billing document list of a large system is costly)
        self.server.billing_document(self.number)
        before = self.gateway.call_count
        [record] = list(self.gateway.changed_sales_orders(datetime(1970, 1, 1, tzinfo=UTC)))
        assert record.invoice_number is not None
        # the orders, the delivery items (none, so no header read), the billing items and headers
        assert self.gateway.call_count - before == 4
