"""The CAP OData v4 test peer for the integration tests: one server per session, emptied per test."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from sferp_tools.local.demo import load_odata_test_peer  # the one loader (demo and tests share the module)

from sferp.adapters.erp.odata import ODataErpGateway
from sferp.adapters.erp.odata_mapping import BasicCredentials, ODataErpConfig, ServicePaths

PAGE_SIZE = 3  # small, so that every extract here crosses page boundaries


@pytest.fixture(scope="session")
def peer() -> ModuleType:
    return load_odata_test_peer()


@pytest.fixture(scope="session")
def cap_server(peer: ModuleType) -> Iterator[Any]:
    server = peer.start_server(page_size=PAGE_SIZE)
    yield server
    server.stop()


@pytest.fixture
def make_gateway(cap_server: Any, peer: ModuleType) -> Iterator[Any]:
    """Build gateways against the (emptied) server; ``**overrides`` go to ``ODataErpConfig``."""
    cap_server.reset()
    made: list[ODataErpGateway] = []

    def make(password: str | None = None, **overrides: Any) -> ODataErpGateway:
        config = ODataErpConfig(
            base_url=cap_server.base_url,
            odata_version="v4",
            services=ServicePaths.single(peer.SERVICE_PATH),
            **overrides,
        )
        credentials = BasicCredentials(
            auth="basic", username=peer.USERNAME, password=password or peer.PASSWORD
        )
        gateway = ODataErpGateway(config, credentials, sleep=lambda _s: None)
        made.append(gateway)
        return gateway

    yield make
    for gateway in made:
        gateway.close()


@pytest.fixture
def gateway(make_gateway: Any) -> ODataErpGateway:
    return make_gateway()


@pytest.fixture
def seeded(cap_server: Any) -> Any:
    """Master data every order test needs: three materials and one customer."""
    cap_server.load(
        "A_Product",
        [
            {
                "Product": sku,
                "ProductDescription": sku,
                "YY1_ListPrice_PRD": "9.50",
                "YY1_ListPriceCurrency_PRD": "EUR",
            }
            for sku in ("SKU-100", "SKU-200", "SKU-300")
        ],
    )
    return cap_server
