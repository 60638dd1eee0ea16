"""ODataErpGateway against the SAP test peer (SAP's published metadata, OData v2, SAP's gateway
rules): protocol behaviour beyond the contract, the call counts per operation, and proof that
the peer refuses what SAP refuses (so a pass here means something)."""

from __future__ import annotations

import os
import socket
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from types import ModuleType
from typing import Any

import pytest
import requests

from sferp.adapters.erp.odata import ODataErpGateway
from sferp.adapters.erp.odata_mapping import (
    BasicCredentials,
    ODataErpConfig,
    ODataMapping,
    SalesOrderNames,
)
from sferp.errors import ErpAuthError, ErpConflictError, ErpRejectedError, ErpUnavailableError
from sferp.models.order import ErpSalesOrder, ErpSalesOrderItem
from sferp.models.records import RecordUpdate

ACCOUNT_ID = "001000000000001AAA"  # coupled to customer 17100001 by the seeded fixture

REFERENCE = "801000000000000042"
BEGINNING = datetime(2000, 1, 1, tzinfo=UTC)


def _order(
    reference: str = REFERENCE,
    *,
    lines: dict[str, str] | None = None,
    version: int = 1,
    delivery: date | None = None,
) -> ErpSalesOrder:
    wanted = lines or {"SKU-100": "2"}
    return ErpSalesOrder(
        external_reference=reference,
        customer_reference=ACCOUNT_ID,
        currency="EUR",
        requested_delivery_date=delivery,
        items=tuple(
            ErpSalesOrderItem(
                item_number=10 * (n + 1),
                sku=sku,
                quantity=Decimal(quantity),
                unit_price=Decimal("9.50"),
                external_line_id=f"L{n + 1}",
            )
            for n, (sku, quantity) in enumerate(wanted.items())
        ),
        source_version=version,
    )


class RawClient:
    """Straight HTTP to the peer, as another SAP client would send it (CSRF token fetched)."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.session = requests.Session()
        self.session.auth = server.session.auth
        root = f"{server.base_url}/sap/opu/odata/sap/API_SALES_ORDER_SRV"
        fetched = self.session.get(root + "/", headers={"X-CSRF-Token": "Fetch"}, timeout=10)
        self.headers = {
            "X-CSRF-Token": fetched.headers["x-csrf-token"],
            "Accept": "application/json",
            "Content-Type": "application/json",
        }

    def send(self, method: str, path: str, body: Any = None, **headers: str) -> requests.Response:
        url = f"{self.server.base_url}/sap/opu/odata/sap/{path}"
        return self.session.request(method, url, json=body, headers={**self.headers, **headers}, timeout=10)


# --- calls per operation ------------------------------------------------------------------------
def test_calls_per_create_update_and_cancel(gateway: ODataErpGateway, seeded: Any) -> None:
    # Given a cold adapter and an order the ERP has never seen
    # When it is handed off, then a second order
    gateway.upsert_sales_order(_order())
    first = dict(gateway.calls)
    gateway.upsert_sales_order(_order("801000000000000043"))
    # Then the first took the lookup (carrying the CSRF fetch), the Account's customer lookup and
    # the deep insert; the second reused the token and the cached customer
    assert first == {"lookup": 1, "customer_lookup": 1, "create": 1}
    assert gateway.call_count - sum(first.values()) == 2

    # When one item's quantity changes / Then a lookup and one item PATCH, no header PATCH
    before = gateway.call_count
    gateway.upsert_sales_order(_order(lines={"SKU-100": "5"}, version=2))
    assert gateway.call_count - before == 2

    # When a line is added and the delivery date moves / Then lookup + header PATCH + item POST
    before = gateway.call_count
    gateway.upsert_sales_order(
        _order(lines={"SKU-100": "5", "SKU-200": "1"}, version=3, delivery=date(2026, 12, 24))
    )
    assert gateway.call_count - before == 3
    record = gateway.get_sales_order(REFERENCE)
    assert record is not None
    assert [(i["sku"], i["quantity"], i["rejected"]) for i in record.items] == [
        ("SKU-100", Decimal(5), False),
        ("SKU-200", Decimal(1), False),
    ]

    # When it is cancelled / Then lookup + one PATCH per open item, and it reads back cancelled
    before = gateway.call_count
    gateway.cancel_sales_order(REFERENCE, source_version=4)
    assert gateway.call_count - before == 3
    record = gateway.get_sales_order(REFERENCE)
    assert record is not None and record.status == "CANCELLED"


def test_a_retried_handoff_with_nothing_changed_writes_nothing(gateway: ODataErpGateway, seeded: Any) -> None:
    # Given an order that was created, but whose answer the caller never saw
    first = gateway.upsert_sales_order(_order())
    # When the same handoff is retried
    before = gateway.call_count
    again = gateway.upsert_sales_order(_order())
    # Then the lookup found the one document and nothing needed writing
    assert (again.created, again.erp_order_id) == (False, first.erp_order_id)
    assert gateway.call_count - before == 1
    assert [o.erp_order_id for o in gateway.changed_sales_orders(BEGINNING)] == [first.erp_order_id]


def test_a_dropped_line_is_rejected_not_deleted(gateway: ODataErpGateway, seeded: Any) -> None:
    gateway.upsert_sales_order(_order(lines={"SKU-100": "1", "SKU-200": "2"}))
    gateway.upsert_sales_order(_order(lines={"SKU-100": "1"}, version=2))
    record = gateway.get_sales_order(REFERENCE)
    assert record is not None and record.status == "OPEN"
    assert [(i["item_number"], i["rejected"]) for i in record.items] == [(10, False), (20, True)]


def test_a_stale_etag_is_refused_by_the_peer_and_upsert_rereads_once(
    gateway: ODataErpGateway, seeded: Any, sap_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given an order, a snapshot of it, and a change made in SAP after the snapshot
    gateway.upsert_sales_order(_order())
    stale = gateway._find_order(REFERENCE)
    assert stale is not None
    time.sleep(0.01)  # the ETag is the millisecond change stamp
    raw = RawClient(sap_server)
    changed = raw.send(
        "PATCH",
        f"API_SALES_ORDER_SRV/A_SalesOrder('{stale['SalesOrder']}')",
        {"RequestedDeliveryDate": "/Date(1798070400000)/"},
        **{"If-Match": "*"},
    )
    assert changed.status_code == 200, changed.text

    # When a header write uses the stale ETag, SAP refuses it (412) ...
    with pytest.raises(ErpConflictError):
        gateway._update_order(stale, _order(version=2, delivery=date(2027, 1, 4)))

    # ... and an upsert whose first read is stale reads again and succeeds
    real_find = gateway._find_order
    reads = iter([stale])
    monkeypatch.setattr(gateway, "_find_order", lambda ref: next(reads, None) or real_find(ref))
    gateway.upsert_sales_order(_order(version=3, delivery=date(2027, 1, 5)))
    record = gateway._find_order(REFERENCE)
    assert record is not None and record["RequestedDeliveryDate"] == "/Date(1799107200000)/"


# --- SAP's rejections become clear reasons ---------------------------------------------------------
def test_sap_rejections_carry_sap_s_message(make_gateway: Any, seeded: Any) -> None:
    gateway = make_gateway()
    with pytest.raises(ErpRejectedError, match="Material SKU-NOPE does not exist"):
        gateway.upsert_sales_order(_order(lines={"SKU-NOPE": "1"}))
    # A sales area the customer is not extended to (another installation's org data)
    other_area = make_gateway(
        mapping=ODataMapping(
            sales_order=SalesOrderNames(
                header_defaults={
                    "SalesOrderType": "OR",
                    "SalesOrganization": "1010",
                    "DistributionChannel": "10",
                    "OrganizationDivision": "00",
                }
            )
        )
    )
    with pytest.raises(
        ErpRejectedError, match="Sold-to party 17100001 not defined for sales area 1010/10/00"
    ):
        other_area.upsert_sales_order(_order())


def test_an_extension_field_the_system_lacks_is_a_clear_rejection(make_gateway: Any, seeded: Any) -> None:
    # Given the adapter configured for an extension field a standard system does not have
    gateway = make_gateway(
        mapping=ODataMapping(sales_order=SalesOrderNames(source_version="YY1_SourceVersion_SDH"))
    )
    # When it creates an order / Then SAP's gateway refuses the unknown property, and says which
    with pytest.raises(ErpRejectedError, match="Property 'YY1_SourceVersion_SDH' is invalid"):
        gateway.upsert_sales_order(_order())


def test_wrong_credentials_are_an_auth_error(make_gateway: Any, seeded: Any) -> None:
    gateway = make_gateway(password="wrong")
    with pytest.raises(ErpAuthError, match="401"):
        gateway.get_sales_order(REFERENCE)


# --- the peer is as strict as SAP ----------------------------------------------------------------
def test_the_peer_refuses_what_sap_refuses(gateway: ODataErpGateway, seeded: Any, sap_server: Any) -> None:
    gateway.upsert_sales_order(_order())
    number = gateway._find_order(REFERENCE)["SalesOrder"]  # type: ignore[index]
    raw = RawClient(sap_server)
    header = f"API_SALES_ORDER_SRV/A_SalesOrder('{number}')"
    # A deep update (the old adapter's cancel): refused, nothing rejected
    deep = raw.send(
        "PATCH",
        header,
        {"to_Item": [{"SalesOrderItem": "10", "SalesDocumentRjcnReason": "61"}]},
        **{"If-Match": "*"},
    )
    assert (
        deep.status_code == 400 and "Deep update is not supported" in deep.json()["error"]["message"]["value"]
    )
    # A read-only property, a PATCH without If-Match, a write without a CSRF token
    read_only = raw.send("PATCH", header, {"LastChangeDateTime": "/Date(0)/"}, **{"If-Match": "*"})
    assert read_only.status_code == 400 and "read-only" in read_only.json()["error"]["message"]["value"]
    assert raw.send("PATCH", header, {"RequestedDeliveryDate": "/Date(0)/"}).status_code == 428
    no_token = raw.send("PATCH", header, {}, **{"If-Match": "*", "X-CSRF-Token": ""})
    assert (no_token.status_code, no_token.headers.get("x-csrf-token")) == (403, "Required")
    # The Salesforce Account Id as sold-to party (SAP's is Edm.String(10) and must exist)
    create = {
        "SalesOrderType": "OR",
        "SalesOrganization": "1710",
        "DistributionChannel": "10",
        "OrganizationDivision": "00",
        "SoldToParty": ACCOUNT_ID,
        "to_Item": [{"SalesOrderItem": "10", "Material": "SKU-100", "RequestedQuantity": "1"}],
    }
    assert raw.send("POST", "API_SALES_ORDER_SRV/A_SalesOrder", create).status_code == 400
    # SAP-shaped error bodies: error.code, error.message.value, innererror.errordetails
    error = deep.json()["error"]
    assert error["code"] and error["innererror"]["errordetails"][0]["message"]
    record = gateway.get_sales_order(REFERENCE)
    assert record is not None and record.status == "OPEN"


# --- availability, extracts, CSRF ------------------------------------------------------------------
def test_availability_of_fifty_skus_is_one_request_of_own_unrestricted_stock(
    gateway: ODataErpGateway, sap_server: Any
) -> None:
    # Given 50 SKUs with own stock, and sales-order stock beside one of them
    skus = [f"SKU-{n:03d}" for n in range(50)]
    for n, sku in enumerate(skus):
        sap_server.stock(sku, "1000", n)
    sap_server.stock(skus[10], "1000", 12, special="E", sales_order="4711")
    # When availability of all 50 is asked for
    result = gateway.get_availability("1000", skus)
    # Then one request (an or-chain: v2 has no "in") answered all, special stock not promised
    assert gateway.calls["availability"] == 1
    assert [result[sku].available_quantity for sku in skus] == [Decimal(n) for n in range(50)]


def test_customer_extract_pages_and_reads_the_sub_entities(gateway: ODataErpGateway, sap_server: Any) -> None:
    # Given 10 customers (and a supplier-only partner) and a server page size of 3
    for n in range(10):
        sap_server.customer(str(17200000 + n), name=f"Customer {n}", payment_terms="NT30")
    sap_server.load(
        "API_BUSINESS_PARTNER.A_BusinessPartner", [{"BusinessPartner": "30000001", "Supplier": "30000001"}]
    )
    # When everything is extracted
    customers = list(gateway.changed_customers(BEGINNING))
    # Then each customer came once from 4 pages, with address, phone and payment terms
    assert sorted(c.customer_number for c in customers) == [str(17200000 + n) for n in range(10)]
    assert gateway.calls["extract"] == 4
    first = customers[0]
    assert (first.city, first.country, first.phone, first.payment_terms) == (
        "Berlin",
        "DE",
        "+49 30 0",
        "NT30",
    )
    assert first.credit_limit is None  # not in API_BUSINESS_PARTNER: never a made-up value


def test_customer_updates_write_each_sub_entity_and_never_the_derived_name(
    gateway: ODataErpGateway, sap_server: Any
) -> None:
    sap_server.customer("17100009", name="Old Name AG", salesforce_account_id=ACCOUNT_ID)
    fields = {
        "name": "Neue Name Aktiengesellschaft fuer Sehr Lange Namen Und Mehr",
        "city": "Oslo",
        "phone": "+47 1",
        "payment_terms": "NT45",
        "credit_limit": "1000",
    }
    [refused] = gateway.update_customers([RecordUpdate(key="17100009", fields=fields)])
    assert not refused.ok and "credit_limit" in (refused.error or "")
    del fields["credit_limit"]
    [result] = gateway.update_customers([RecordUpdate(key="17100009", fields=fields)])
    assert result.ok, result.error
    [customer] = [c for c in gateway.changed_customers(BEGINNING) if c.customer_number == "17100009"]
    assert (customer.city, customer.phone, customer.payment_terms) == ("Oslo", "+47 1", "NT45")


def test_csrf_token_is_fetched_once_and_refetched_after_the_session_expires(
    gateway: ODataErpGateway, sap_server: Any
) -> None:
    sap_server.customer("17100010", name="X GmbH")
    # A cold adapter: the token fetch rides on the partner read before the first write
    gateway.update_customers([RecordUpdate(key="17100010", fields={"city": "Oslo"})])
    gateway.update_customers([RecordUpdate(key="17100010", fields={"city": "Bergen"})])
    assert gateway.calls["csrf"] == 0
    # The SAP session ends: the next write meets 403 Required, fetches a new token once, succeeds
    sap_server.expire_sessions()
    [result] = gateway.update_customers([RecordUpdate(key="17100010", fields={"city": "Trondheim"})])
    assert result.ok, result.error
    assert gateway.calls["csrf"] == 1


def test_connection_refused_is_retriable() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = ODataErpConfig(base_url=f"http://127.0.0.1:{port}", odata_version="v2")
    gateway = ODataErpGateway(
        config, BasicCredentials(auth="basic", username="u", password="p"), sleep=lambda _s: None
    )
    with pytest.raises(ErpUnavailableError):
        gateway.get_sales_order(REFERENCE)


def test_without_node_the_peer_fails_with_a_clear_message(
    peer: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", os.devnull)
    with pytest.raises(peer.ODataServerError, match=r"Node\.js >= 20"):
        peer.start_server()
