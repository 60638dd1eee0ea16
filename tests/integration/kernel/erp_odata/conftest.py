"""The SAP test peer (standard variant) for the integration tests: one server per session,
emptied per test. The contract suite runs both variants (tests/contract)."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from sferp_tools.local.demo import load_odata_test_peer  # the one loader (demo and tests share the module)

from sferp.adapters.erp.odata import ODataErpGateway
from sferp.adapters.erp.odata_mapping import BasicCredentials, ODataErpConfig

PAGE_SIZE = 3  # small, so that every extract here crosses page boundaries
ACCOUNT_ID = "001000000000001AAA"
SKUS = ("SKU-100", "SKU-200", "SKU-300")


@pytest.fixture(scope="session")
def peer() -> ModuleType:
    return load_odata_test_peer()


@pytest.fixture(scope="session")
def sap_server(peer: ModuleType) -> Iterator[Any]:
    server = peer.start_server(page_size=PAGE_SIZE)
    yield server
    server.stop()


@pytest.fixture
def make_gateway(sap_server: Any, peer: ModuleType) -> Iterator[Any]:
    """Build gateways against the (emptied) server; ``**overrides`` go to ``ODataErpConfig``."""
    sap_server.reset()
    made: list[ODataErpGateway] = []

    def make(password: str | None = None, **overrides: Any) -> ODataErpGateway:
        config = ODataErpConfig(base_url=sap_server.base_url, odata_version="v2", **overrides)
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
def seeded(sap_server: Any) -> Any:
    """Master data every order test needs: three materials and one customer coupled to ACCOUNT_ID."""
    for sku in SKUS:
        sap_server.product(sku, name=f"Material {sku}")
    sap_server.customer("17100001", name="Peer Customer GmbH", salesforce_account_id=ACCOUNT_ID)
    return sap_server
