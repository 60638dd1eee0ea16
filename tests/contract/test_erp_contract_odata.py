"""The ErpGateway contract, run against ``ODataErpGateway`` talking to the CAP OData v4 server.

The server (``tests/odata_server``) is started once per session on a free loopback port; every
test gets a fresh, empty ERP through the server's test-support ``reset`` action. Without Node.js
these tests fail with the reason (see ``ODataServerError``), they are not skipped.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import pytest
from sferp_tools.local.demo import load_odata_test_peer  # the one loader (demo and tests share the module)

from sferp.adapters.erp.odata import ODataErpGateway
from sferp.adapters.erp.odata_mapping import BasicCredentials, ODataErpConfig, ServicePaths

from .erp_contract import ErpGatewayContract, ErpSeed

# Small pages: every extract in the suite crosses page boundaries (server-driven paging).
PAGE_SIZE = 3


class CapSeed:
    """The contract's seeding hook: rows loaded straight into the CAP server, not via the adapter."""

    def __init__(self, server: Any, gateway: ODataErpGateway) -> None:
        self._server = server
        self._gateway = gateway
        self._next_customer = 2000000

    def stock(self, plant: str, quantities: Mapping[str, Decimal]) -> None:
        rows: list[dict[str, Any]] = []
        for sku, quantity in quantities.items():
            # Spread over two storage locations plus blocked stock, as a real plant holds it:
            # the adapter must add up unrestricted-use stock only.
            first = quantity - 1 if quantity >= 1 else quantity
            rows.append(_stock_row(sku, plant, "0001", "01", first))
            if quantity >= 1:
                rows.append(_stock_row(sku, plant, "0002", "01", Decimal(1)))
            rows.append(_stock_row(sku, plant, "0001", "07", Decimal(5)))
        self._server.load("A_MatlStkInAcctMod", rows)

    def customer(self, *, name: str, salesforce_account_id: str | None = None) -> str:
        self._next_customer += 1
        number = str(self._next_customer)
        self._server.load(
            "A_BusinessPartner",
            [
                {
                    "BusinessPartner": number,
                    "BusinessPartnerFullName": name,
                    "YY1_SalesforceAccountId_bus": salesforce_account_id,
                }
            ],
        )
        return number

    def product(self, *, sku: str, name: str, list_price: Decimal, currency: str) -> None:
        self._server.load(
            "A_Product",
            [
                {
                    "Product": sku,
                    "ProductDescription": name,
                    "YY1_ListPrice_PRD": str(list_price),
                    "YY1_ListPriceCurrency_PRD": currency,
                }
            ],
        )

    def tick(self) -> None:
        # CAP stamps LastChangeDateTime with millisecond resolution from the server clock.
        time.sleep(0.01)

    def request_count(self) -> int:
        return self._gateway.call_count


def _stock_row(sku: str, plant: str, location: str, stock_type: str, quantity: Decimal) -> dict[str, Any]:
    return {
        "Material": sku,
        "Plant": plant,
        "StorageLocation": location,
        "InventoryStockType": stock_type,
        "MaterialBaseUnit": "PC",
        "MatlWrhsStkQtyInMatlBaseUnit": str(quantity),
    }


@pytest.fixture(scope="session")
def cap_server() -> Iterator[Any]:
    peer = load_odata_test_peer()
    server = peer.start_server(page_size=PAGE_SIZE)
    yield server
    server.stop()


def odata_gateway_for(server: Any) -> ODataErpGateway:
    peer = load_odata_test_peer()
    config = ODataErpConfig(
        base_url=server.base_url,
        odata_version="v4",
        services=ServicePaths.single(peer.SERVICE_PATH),
    )
    return ODataErpGateway(
        config, BasicCredentials(auth="basic", username=peer.USERNAME, password=peer.PASSWORD)
    )


@pytest.fixture
def erp_gateway(cap_server: Any) -> Iterator[ODataErpGateway]:
    cap_server.reset()
    gateway = odata_gateway_for(cap_server)
    yield gateway
    gateway.close()


@pytest.fixture
def erp_seed(cap_server: Any, erp_gateway: ODataErpGateway) -> ErpSeed:
    return CapSeed(cap_server, erp_gateway)


class TestODataErpContract(ErpGatewayContract):
    """Everything the contract promises, against ``ODataErpGateway`` + CAP OData v4."""
