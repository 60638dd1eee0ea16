"""ODataErpGateway against a real OData v4 server (SAP CAP): protocol behaviour beyond the contract."""

from __future__ import annotations

import os
import socket
import time
from datetime import UTC, datetime
from decimal import Decimal
from types import ModuleType
from typing import Any

import pytest

from sferp.adapters.erp.odata import ODataErpGateway
from sferp.adapters.erp.odata_mapping import BasicCredentials, ODataErpConfig, ServicePaths
from sferp.errors import ErpAuthError, ErpConflictError, ErpRejectedError, ErpUnavailableError
from sferp.models.order import ErpSalesOrder, ErpSalesOrderItem
from sferp.models.records import RecordUpdate

REFERENCE = "801000000000000042"
BEGINNING = datetime(2000, 1, 1, tzinfo=UTC)


def _order(reference: str = REFERENCE, *, sku: str = "SKU-100", version: int = 1) -> ErpSalesOrder:
    return ErpSalesOrder(
        external_reference=reference,
        customer_reference="001000000000001AAA",
        currency="EUR",
        items=(
            ErpSalesOrderItem(
                item_number=10,
                sku=sku,
                quantity=Decimal("2"),
                unit_price=Decimal("9.50"),
                external_line_id="L1",
            ),
        ),
        source_version=version,
    )


def test_first_handoff_costs_two_calls_and_the_csrf_probe_rides_on_the_lookup(
    gateway: ODataErpGateway, seeded: Any
) -> None:
    # Given a cold adapter (no CSRF token yet) and an order the ERP has never seen
    # When it is handed off, and then a second order
    gateway.upsert_sales_order(_order())
    first = gateway.call_count
    gateway.upsert_sales_order(_order("801000000000000043"))

    # Then each handoff took a lookup and a deep insert, and no separate token fetch was needed
    assert first == 2
    assert gateway.call_count - first == 2
    assert gateway.calls["csrf"] == 0
    assert (gateway.calls["lookup"], gateway.calls["create"]) == (2, 2)


def test_a_retried_handoff_updates_instead_of_creating_a_second_order(
    gateway: ODataErpGateway, seeded: Any
) -> None:
    # Given an order that was created, but whose answer the caller never saw
    first = gateway.upsert_sales_order(_order())

    # When the same handoff is retried
    again = gateway.upsert_sales_order(_order())

    # Then the lookup found the order: one document, updated in place
    assert again.created is False
    assert again.erp_order_id == first.erp_order_id
    orders = list(gateway.changed_sales_orders(BEGINNING))
    assert [o.erp_order_id for o in orders] == [first.erp_order_id]


def test_a_stale_etag_is_refused_by_the_server_and_upsert_rereads_once(
    gateway: ODataErpGateway, seeded: Any, cap_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given an order, a snapshot of it, and a change made in the ERP after the snapshot
    gateway.upsert_sales_order(_order())
    stale = gateway._find_order(REFERENCE)
    assert stale is not None
    time.sleep(0.01)  # the ETag is the millisecond change stamp
    patched = cap_server.session.patch(
        f"{cap_server.service_url}/A_SalesOrder('{stale['SalesOrder']}')",
        json={"RequestedDeliveryDate": "2026-12-24"},
        headers={"If-Match": "*"},  # CAP, like SAP, answers 428 to a PATCH without If-Match
        timeout=10,
    )
    assert patched.status_code == 200

    # When a write uses the stale ETag, the server refuses it (412) ...
    with pytest.raises(ErpConflictError):
        gateway._update_order(stale, _order(version=2))

    # ... and an upsert whose first read is stale reads again and succeeds
    real_find = gateway._find_order
    reads = iter([stale])
    monkeypatch.setattr(gateway, "_find_order", lambda ref: next(reads, None) or real_find(ref))
    ack = gateway.upsert_sales_order(_order(version=3))
    assert ack.source_version == 3
    record = gateway.get_sales_order(REFERENCE)
    assert record is not None and record.source_version == 3


def test_a_business_rejection_carries_the_servers_message(gateway: ODataErpGateway, seeded: Any) -> None:
    # Given an order for a material the ERP does not know
    # When it is handed off
    # Then the ERP's own message text is in the permanent error
    with pytest.raises(ErpRejectedError, match="Material SKU-NOPE does not exist"):
        gateway.upsert_sales_order(_order(sku="SKU-NOPE"))


def test_wrong_credentials_are_an_auth_error(make_gateway: Any, seeded: Any) -> None:
    # Given an adapter with a wrong password
    gateway = make_gateway(password="wrong")

    # When it reads
    # Then the 401 is an auth error (retriable: rotated secrets heal), not a business rejection
    with pytest.raises(ErpAuthError, match="401"):
        gateway.get_sales_order(REFERENCE)


@pytest.mark.parametrize("use_in", [True, False], ids=["in-operator", "or-chain"])
def test_availability_of_fifty_skus_is_one_request(make_gateway: Any, cap_server: Any, use_in: bool) -> None:
    # Given stock rows for 50 SKUs at one plant (more rows than one page of the other entities)
    skus = [f"SKU-{n:03d}" for n in range(50)]
    cap_server.load(
        "A_MatlStkInAcctMod",
        [
            {
                "Material": sku,
                "Plant": "1000",
                "StorageLocation": "0001",
                "InventoryStockType": "01",
                "MatlWrhsStkQtyInMatlBaseUnit": str(n),
            }
            for n, sku in enumerate(skus)
        ],
    )
    gateway = make_gateway(use_in_operator=use_in)

    # When availability of all 50 is asked for
    result = gateway.get_availability("1000", skus)

    # Then one request answered all of them
    assert gateway.call_count == 1
    assert [result[sku].available_quantity for sku in skus] == [Decimal(n) for n in range(50)]


def test_extract_follows_next_links_across_pages(gateway: ODataErpGateway, cap_server: Any) -> None:
    # Given 10 customers and a server page size of 3
    cap_server.load(
        "A_BusinessPartner",
        [{"BusinessPartner": str(3000000 + n), "BusinessPartnerFullName": f"C{n}"} for n in range(10)],
    )
    # When everything is extracted
    customers = list(gateway.changed_customers(BEGINNING))

    # Then each customer came once, in 4 pages (3 + 3 + 3 + 1)
    assert sorted(c.customer_number for c in customers) == [str(3000000 + n) for n in range(10)]
    assert gateway.calls["extract"] == 4


def test_a_cold_write_fetches_the_csrf_probe_once_and_tolerates_a_server_without_tokens(
    gateway: ODataErpGateway, cap_server: Any
) -> None:
    # Given a customer and a cold adapter whose first call is a write (no lookup to ride on)
    cap_server.load("A_BusinessPartner", [{"BusinessPartner": "4000001", "BusinessPartnerFullName": "X"}])

    # When two batches of updates are sent
    gateway.update_customers([RecordUpdate(key="4000001", fields={"city": "Oslo"})])
    gateway.update_customers([RecordUpdate(key="4000001", fields={"city": "Bergen"})])

    # Then the token probe ran once (CAP issues no token; the adapter remembers that)
    assert gateway.calls["csrf"] == 1
    assert gateway.calls["customer_update"] == 2


def test_connection_refused_is_retriable(peer: ModuleType) -> None:
    # Given a port nothing listens on
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = ODataErpConfig(
        base_url=f"http://127.0.0.1:{port}",
        odata_version="v4",
        services=ServicePaths.single(peer.SERVICE_PATH),
    )
    gateway = ODataErpGateway(
        config, BasicCredentials(auth="basic", username="u", password="p"), sleep=lambda _s: None
    )

    # When the adapter reads
    # Then it is an outage for the retry machinery, not a crash
    with pytest.raises(ErpUnavailableError):
        gateway.get_sales_order(REFERENCE)


def test_without_node_the_peer_fails_with_a_clear_message(
    peer: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a machine without Node.js on the PATH
    monkeypatch.setenv("PATH", os.devnull)

    # When the test peer is started
    # Then the error says what is missing and what to install (no silent skip)
    with pytest.raises(peer.ODataServerError, match=r"Node\.js >= 20"):
        peer.start_server()
