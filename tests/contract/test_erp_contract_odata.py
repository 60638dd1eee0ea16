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

from .erp_contract import ErpGatewayContract, ErpSeed

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
    provides_invoices = False  # billing documents (API_BILLING_DOCUMENT_SRV) are not read

    def __init__(self, server: Any, gateway: ODataErpGateway, *, variant: str) -> None:
        # The Salesforce version and line data live in YY1_* fields: only an extended system keeps them.
        self.keeps_source_version = self.keeps_line_data = variant == "extended"
        self._server = server
        self._gateway = gateway
        self._next_customer = 17100000
        # Business partner change stamps have whole-second resolution (LastChangeDate +
        # LastChangeTime): seeds carry a clock of their own, a second apart, in the past.
        self._clock = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)

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
        # SAP's delivery processing updates the order's header statuses itself (read-only in the
        # API): delivery status B (partly) or C (completely delivered), and the processing status C
        # once nothing is left to do. Written straight into the peer's database, as SAP would.
        order = self._gateway.get_sales_order(reference)
        assert order is not None
        statuses = (
            {"OverallTotalDeliveryStatus": "C", "OverallSDProcessStatus": "C"}
            if complete
            else {"OverallTotalDeliveryStatus": "B", "OverallSDProcessStatus": "B"}
        )
        self._server.load(
            "API_SALES_ORDER_SRV.A_SalesOrder", [{"SalesOrder": order.erp_order_id, **statuses}]
        )

    def invoice(self, reference: str) -> None:
        raise AssertionError("the SAP adapter does not read billing documents")


def sap_gateway_for(server: Any, *, variant: str = "standard", **overrides: Any) -> ODataErpGateway:
    peer = load_odata_test_peer()
    config = ODataErpConfig(
        base_url=server.base_url,
        odata_version="v2",
        mapping=extended_mapping() if variant == "extended" else ODataMapping(),
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
