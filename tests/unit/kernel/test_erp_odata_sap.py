"""ODataErpGateway against S/4HANA behaviour that CAP does not have, with ``responses``.

Payloads follow SAP's documentation of API_SALES_ORDER_SRV / API_BUSINESS_PARTNER (OData v2):
``d.results`` envelopes, ``__next`` links, ``/Date(ms)/`` values, decimals as strings,
``error.message.value`` error bodies, the CSRF token handshake and ``Retry-After``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
import requests
import responses
from responses import matchers

from sferp.adapters.erp.odata import ODataErpGateway
from sferp.adapters.erp.odata_mapping import (
    BasicCredentials,
    OAuthClientCredentials,
    ODataErpConfig,
    ODataMapping,
    SalesOrderNames,
)
from sferp.errors import (
    ConfigurationError,
    ErpAuthError,
    ErpRejectedError,
    ErpThrottledError,
    ErpTimeoutError,
    ErpUnavailableError,
)
from sferp.models.order import ErpSalesOrder, ErpSalesOrderItem
from sferp.models.records import RecordUpdate

HOST = "https://my-s4.example.com"
SO = f"{HOST}/sap/opu/odata/sap/API_SALES_ORDER_SRV"
BP = f"{HOST}/sap/opu/odata/sap/API_BUSINESS_PARTNER"
STOCK = f"{HOST}/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV"
REF = "801000000000000001"
TOKEN = "pq8Ds9kFSNhuRRuGz3qzPg=="
BASIC = BasicCredentials(auth="basic", username="COMM_USER", password="secret")


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def gateway(config: ODataErpConfig | None = None, credentials: Any = BASIC, **kwargs: Any) -> ODataErpGateway:
    return ODataErpGateway(config or ODataErpConfig(base_url=HOST), credentials, **kwargs)


def order(version: int = 1, sku: str = "TG11") -> ErpSalesOrder:
    return ErpSalesOrder(
        external_reference=REF,
        customer_reference="17100001",
        currency="EUR",
        requested_delivery_date=datetime(2026, 12, 1).date(),
        items=(
            ErpSalesOrderItem(
                item_number=10,
                sku=sku,
                quantity=Decimal("2.500"),
                unit_price=Decimal("9.50"),
                external_line_id="802L1",
            ),
        ),
        source_version=version,
    )


def v2_order(*, rejected: bool = False) -> dict[str, Any]:
    return {
        "__metadata": {"etag": "W/\"datetimeoffset'2026-11-29T09%3A00%3A00.1234567Z'\""},
        "SalesOrder": "4711",
        "PurchaseOrderByCustomer": REF,
        "SoldToParty": "17100001",
        "TransactionCurrency": "EUR",
        "OverallSDProcessStatus": "A",
        "OverallSDDocumentRejectionSts": "C" if rejected else "A",
        "YY1_SourceVersion_SDH": 1,
        "LastChangeDateTime": "/Date(1795942800000+0000)/",
        "to_Item": {
            "results": [
                {
                    "__metadata": {"type": "API_SALES_ORDER_SRV.A_SalesOrderItemType"},
                    "SalesOrder": "4711",
                    "SalesOrderItem": "10",
                    "Material": "TG11",
                    "RequestedQuantity": "2.500",
                    "YY1_UnitPrice_SDI": "9.5000",
                    "YY1_SalesforceLineId_SDI": "802L1",
                    "SalesDocumentRjcnReason": "61" if rejected else "",
                }
            ]
        },
    }


def sap_error(status: int, code: str, text: str, **headers: str) -> dict[str, Any]:
    body = {
        "error": {"code": code, "message": {"lang": "en", "value": text}, "innererror": {"errordetails": []}}
    }
    return {"status": status, "json": body, "headers": headers}


@responses.activate
def test_create_fetches_the_csrf_token_on_the_lookup_and_deep_inserts_with_it() -> None:
    # Given S/4HANA with no order for the reference; it hands out a CSRF token on a GET with Fetch
    lookup = responses.get(
        f"{SO}/A_SalesOrder",
        json={"d": {"results": []}},
        headers={"x-csrf-token": TOKEN},
        match=[matchers.header_matcher({"X-CSRF-Token": "Fetch"})],
    )
    create = responses.post(
        f"{SO}/A_SalesOrder",
        status=201,
        json={"d": {**v2_order(), "to_Item": {"results": []}}},
        match=[matchers.header_matcher({"X-CSRF-Token": TOKEN})],
    )
    erp = gateway()

    # When the order is handed off
    ack = erp.upsert_sales_order(order())

    # Then two calls: the lookup (which fetched the token) and one deep insert carrying it
    assert (ack.erp_order_id, ack.created, ack.status) == ("4711", True, "OPEN")
    assert erp.call_count == 2 and lookup.call_count == 1 and create.call_count == 1
    assert "PurchaseOrderByCustomer%20eq%20'801000000000000001'" in lookup.calls[0].request.url
    body = json.loads(create.calls[0].request.body)
    assert body["SalesOrderType"] == "OR" and body["SalesOrganization"] == "1710"
    assert body["PurchaseOrderByCustomer"] == REF
    assert body["RequestedDeliveryDate"] == "/Date(1796083200000)/"  # Edm.DateTime in v2 JSON
    assert body["to_Item"] == [
        {
            "SalesOrderItem": "10",
            "Material": "TG11",
            "RequestedQuantity": "2.500",
            "YY1_UnitPrice_SDI": "9.50",
            "YY1_SalesforceLineId_SDI": "802L1",
        }
    ]


@responses.activate
def test_the_token_is_reused_and_refetched_once_when_sap_says_required() -> None:
    # Given a token from an earlier read, which S/4HANA has since invalidated (session ended)
    responses.get(f"{SO}/A_SalesOrder", json={"d": {"results": []}}, headers={"x-csrf-token": "old"})
    responses.post(
        f"{SO}/A_SalesOrder",
        status=403,
        body="CSRF token validation failed",
        headers={"x-csrf-token": "Required"},
        match=[matchers.header_matcher({"X-CSRF-Token": "old"})],
    )
    fetch = responses.get(f"{SO}/", headers={"x-csrf-token": TOKEN})
    retried = responses.post(
        f"{SO}/A_SalesOrder",
        status=201,
        json={"d": v2_order()},
        match=[matchers.header_matcher({"X-CSRF-Token": TOKEN})],
    )
    erp = gateway()

    # When two orders are created
    erp.upsert_sales_order(order())
    erp.upsert_sales_order(order())

    # Then the 403 led to one refetch and one retry; the new token served the second order too
    assert fetch.call_count == 1
    assert retried.call_count == 2
    assert erp.calls["csrf"] == 1


@responses.activate
def test_a_second_csrf_refusal_is_not_retried_forever() -> None:
    # Given S/4HANA refusing every token
    responses.get(f"{SO}/A_SalesOrder", json={"d": {"results": []}}, headers={"x-csrf-token": "t"})
    responses.get(f"{SO}/", headers={"x-csrf-token": "t2"})
    post = responses.post(f"{SO}/A_SalesOrder", status=403, headers={"x-csrf-token": "Required"})

    # When an order is created
    # Then after one refetch the failure surfaces as an auth error
    with pytest.raises(ErpAuthError):
        gateway().upsert_sales_order(order())
    assert post.call_count == 2


@responses.activate
def test_update_patches_with_the_etag_from_the_lookup() -> None:
    # Given an existing order in v2 form with its ETag in __metadata
    responses.get(
        f"{SO}/A_SalesOrder", json={"d": {"results": [v2_order()]}}, headers={"x-csrf-token": TOKEN}
    )
    patch = responses.patch(f"{SO}/A_SalesOrder('4711')", status=204)

    # When version 2 is handed off
    ack = gateway().upsert_sales_order(order(version=2))

    # Then the PATCH carried If-Match and the token, and the ack says updated
    assert (ack.created, ack.erp_order_id, ack.source_version) == (False, "4711", 2)
    sent = patch.calls[0].request
    assert sent.headers["If-Match"] == "W/\"datetimeoffset'2026-11-29T09%3A00%3A00.1234567Z'\""
    assert sent.headers["X-CSRF-Token"] == TOKEN
    assert json.loads(sent.body)["YY1_SourceVersion_SDH"] == 2


@responses.activate
def test_without_deep_update_changed_items_are_refused_and_unchanged_items_are_left_alone() -> None:
    # Given an installation on API_SALES_ORDER_SRV v2, which takes no deep update
    responses.get(
        f"{SO}/A_SalesOrder", json={"d": {"results": [v2_order()]}}, headers={"x-csrf-token": TOKEN}
    )
    patch = responses.patch(f"{SO}/A_SalesOrder('4711')", status=204)
    erp = gateway(ODataErpConfig(base_url=HOST, deep_update=False))

    # When an update changes the material, and another changes only the header
    with pytest.raises(ErpRejectedError, match="no deep update"):
        erp.upsert_sales_order(order(version=2, sku="OTHER"))
    erp.upsert_sales_order(order(version=3))

    # Then only the header was patched, without to_Item
    assert patch.call_count == 1
    assert "to_Item" not in json.loads(patch.calls[0].request.body)


@responses.activate
def test_cancel_rejects_every_item_and_a_cancelled_order_reads_back_cancelled() -> None:
    # Given an open order
    responses.get(
        f"{SO}/A_SalesOrder", json={"d": {"results": [v2_order()]}}, headers={"x-csrf-token": TOKEN}
    )
    patch = responses.patch(f"{SO}/A_SalesOrder('4711')", status=204)

    # When it is cancelled
    ack = gateway().cancel_sales_order(REF, source_version=2)

    # Then every item got the rejection reason
    assert ack.status == "CANCELLED"
    items = json.loads(patch.calls[0].request.body)["to_Item"]
    assert [(i["SalesOrderItem"], i["SalesDocumentRjcnReason"]) for i in items] == [("10", "61")]
    assert all("__metadata" not in i for i in items)


@responses.activate
def test_v2_read_back_parses_results_envelopes_dates_and_string_decimals() -> None:
    # Given a cancelled order as API_SALES_ORDER_SRV returns it
    responses.get(f"{SO}/A_SalesOrder", json={"d": {"results": [v2_order(rejected=True)]}})

    # When it is read back
    record = gateway().get_sales_order(REF)

    # Then the v2 forms became typed values
    assert record is not None
    assert record.status == "CANCELLED"
    assert record.changed_at == datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    assert record.items[0]["quantity"] == Decimal("2.500")
    assert record.items[0]["rejected"] is True


@responses.activate
def test_v2_extract_follows_next_links_and_filters_with_a_datetimeoffset_literal() -> None:
    # Given two pages of business partners, linked by __next
    page2 = f"{BP}/A_BusinessPartner?$skiptoken=2"
    first = responses.get(
        f"{BP}/A_BusinessPartner",
        json={
            "d": {
                "results": [
                    {
                        "BusinessPartner": "1",
                        "BusinessPartnerFullName": "A",
                        "CreditLimitAmount": "100.00",
                        "StreetName": "",
                        "LastChangeDateTime": "/Date(1795942800000+0000)/",
                    }
                ],
                "__next": page2,
            }
        },
    )
    responses.get(
        page2,
        json={
            "d": {
                "results": [
                    {
                        "BusinessPartner": "2",
                        "BusinessPartnerFullName": "B",
                        "LastChangeDateTime": "/Date(1795942900000+0000)/",
                    }
                ]
            }
        },
    )

    # When customers changed since a watermark are extracted
    customers = list(gateway().changed_customers(datetime(2026, 11, 1, 8, 0, 0, 123456, tzinfo=UTC)))

    # Then both pages were read; the filter is a v2 literal rounded UP to milliseconds
    assert [c.customer_number for c in customers] == ["1", "2"]
    assert customers[0].credit_limit == Decimal("100.00")
    assert customers[0].street is None  # SAP's "" for an empty field
    assert "LastChangeDateTime%20ge%20datetimeoffset'2026-11-01T08:00:00.124Z'" in first.calls[0].request.url


@responses.activate
def test_v2_availability_is_an_or_chain_in_one_request_summing_unrestricted_stock() -> None:
    # Given stock rows over two storage locations and a blocked row
    stock = responses.get(
        f"{STOCK}/A_MatlStkInAcctMod",
        json={
            "d": {
                "results": [
                    {
                        "Material": "TG11",
                        "InventoryStockType": "01",
                        "MatlWrhsStkQtyInMatlBaseUnit": "10.000",
                    },
                    {"Material": "TG11", "InventoryStockType": "01", "MatlWrhsStkQtyInMatlBaseUnit": "2.000"},
                    {"Material": "TG11", "InventoryStockType": "07", "MatlWrhsStkQtyInMatlBaseUnit": "5.000"},
                ]
            }
        },
    )

    # When two SKUs are asked for
    result = gateway().get_availability("1710", ["TG11", "TG12"])

    # Then one request with an "or" chain (v2 has no "in"), blocked stock not counted
    assert stock.call_count == 1
    assert "(Material%20eq%20'TG11'%20or%20Material%20eq%20'TG12')" in stock.calls[0].request.url
    assert result["TG11"].available_quantity == Decimal("12.000")
    assert result["TG12"].known is False


@responses.activate
def test_sap_error_text_is_in_the_rejection() -> None:
    # Given S/4HANA refusing the document with its documented v2 error body
    responses.get(f"{SO}/A_SalesOrder", json={"d": {"results": []}}, headers={"x-csrf-token": TOKEN})
    responses.post(f"{SO}/A_SalesOrder", **sap_error(400, "V1/391", "Material TG99 does not exist"))

    # When the order is created
    # Then the permanent error carries SAP's message and code
    with pytest.raises(ErpRejectedError, match=r"Material TG99 does not exist \(V1/391\)"):
        gateway().upsert_sales_order(order(sku="TG99"))


@responses.activate
def test_429_waits_retry_after_then_succeeds() -> None:
    # Given S/4HANA throttling once with Retry-After: 2
    responses.get(f"{SO}/A_SalesOrder", status=429, headers={"Retry-After": "2"})
    responses.get(f"{SO}/A_SalesOrder", json={"d": {"results": []}})
    sleeps = Sleeps()

    # When a read is made
    assert gateway(sleep=sleeps).get_sales_order(REF) is None

    # Then the adapter waited exactly what SAP asked for
    assert sleeps == [2.0]


@responses.activate
def test_a_retry_after_beyond_the_budget_goes_back_to_the_caller() -> None:
    # Given a Retry-After longer than the in-process wait budget
    responses.get(f"{SO}/A_SalesOrder", status=429, headers={"Retry-After": "120"})
    sleeps = Sleeps()

    # When a read is made
    # Then no sleep: the throttle error carries the wait for SQS to honour
    with pytest.raises(ErpThrottledError) as caught:
        gateway(sleep=sleeps).get_sales_order(REF)
    assert caught.value.retry_after_s == 120.0
    assert sleeps == []


@responses.activate
def test_5xx_is_retried_with_backoff_and_bounded() -> None:
    # Given an ERP answering 503 to everything
    get = responses.get(f"{SO}/A_SalesOrder", **sap_error(503, "/IWBEP/CM_MGW_RT/020", "Service unavailable"))
    sleeps = Sleeps()

    # When a read is made
    with pytest.raises(ErpUnavailableError, match="Service unavailable"):
        gateway(sleep=sleeps).get_sales_order(REF)

    # Then three attempts with doubling back-off
    assert get.call_count == 3
    assert sleeps == [0.5, 1.0]


@responses.activate
def test_a_create_answered_500_is_not_retried_in_process() -> None:
    # Given a create that fails with 500 (it may have been processed)
    responses.get(f"{SO}/A_SalesOrder", json={"d": {"results": []}}, headers={"x-csrf-token": TOKEN})
    post = responses.post(f"{SO}/A_SalesOrder", status=500)

    # When it is handed off
    # Then the error goes to the caller, whose retry starts with the lookup
    with pytest.raises(ErpUnavailableError):
        gateway(sleep=Sleeps()).upsert_sales_order(order())
    assert post.call_count == 1


@responses.activate
def test_a_read_timeout_is_a_timeout_error() -> None:
    # Given an ERP that does not answer in time
    responses.get(f"{SO}/A_SalesOrder", body=requests.exceptions.ReadTimeout("read timed out"))

    # When a read is made
    # Then it is the retriable timeout error
    with pytest.raises(ErpTimeoutError):
        gateway().get_sales_order(REF)


@responses.activate
def test_oauth_token_is_cached_until_expiry_and_refetched_on_401() -> None:
    # Given client credentials, a token valid for 3600 s, and a clock we move
    now = [1000.0]
    token = responses.post(
        "https://auth.example.com/oauth/token",
        json={"access_token": "abc", "expires_in": 3600, "token_type": "bearer"},
        match=[matchers.urlencoded_params_matcher({"grant_type": "client_credentials"})],
    )
    reads = responses.get(f"{SO}/A_SalesOrder", json={"d": {"results": []}})
    creds = OAuthClientCredentials(
        auth="oauth_client_credentials",
        token_url="https://auth.example.com/oauth/token",
        client_id="sb-client",
        client_secret="s3cret",
    )
    erp = gateway(credentials=creds, clock=lambda: now[0])

    # When it reads twice, then again after the token expired
    erp.get_sales_order(REF)
    erp.get_sales_order(REF)
    now[0] += 3600
    erp.get_sales_order(REF)

    # Then the token was fetched once per lifetime and sent as a bearer token
    assert token.call_count == 2
    assert reads.calls[0].request.headers["Authorization"] == "Bearer abc"


@responses.activate
def test_oauth_401_refetches_the_token_once() -> None:
    # Given a token the ERP no longer accepts
    token = responses.post(
        "https://auth.example.com/oauth/token", json={"access_token": "t", "expires_in": 3600}
    )
    responses.get(f"{SO}/A_SalesOrder", status=401)
    responses.get(f"{SO}/A_SalesOrder", json={"d": {"results": []}})
    creds = OAuthClientCredentials(
        auth="oauth_client_credentials",
        token_url="https://auth.example.com/oauth/token",
        client_id="c",
        client_secret="s",
    )

    # When it reads
    assert gateway(credentials=creds).get_sales_order(REF) is None

    # Then one new token and one repeat
    assert token.call_count == 2


@responses.activate
def test_field_names_come_from_the_installation_mapping() -> None:
    # Given an installation keeping the Salesforce Order Id in its own extension field
    mapping = ODataMapping(sales_order=SalesOrderNames(external_reference="YY1_SFOrderId_SDH"))
    get = responses.get(f"{SO}/A_SalesOrder", json={"d": {"results": []}})

    # When an order is looked up
    gateway(ODataErpConfig(base_url=HOST, mapping=mapping, sap_client="100")).get_sales_order(REF)

    # Then the filter uses that field, and the sap-client is sent
    assert "YY1_SFOrderId_SDH%20eq%20'801000000000000001'" in get.calls[0].request.url
    assert "sap-client=100" in get.calls[0].request.url


@responses.activate
def test_update_customers_results_per_record_and_stops_calling_during_an_outage() -> None:
    # Given one customer SAP updates, one it does not know, and then an outage
    responses.get(f"{SO}/", headers={"x-csrf-token": TOKEN})
    responses.patch(f"{BP}/A_BusinessPartner('1')", status=204)
    responses.patch(
        f"{BP}/A_BusinessPartner('2')", **sap_error(404, "/IWBEP/CM_MGW_RT/021", "Resource not found")
    )
    down = responses.patch(f"{BP}/A_BusinessPartner('3')", status=503)
    erp = gateway(sleep=Sleeps())

    # When five updates are sent (one with a field this installation does not map)
    results = erp.update_customers(
        [
            RecordUpdate(key="1", fields={"credit_limit": Decimal("5000.00")}),
            RecordUpdate(key="5", fields={"shoe_size": 42}),
            RecordUpdate(key="2", fields={"city": "Walldorf"}),
            RecordUpdate(key="3", fields={"city": "Walldorf"}),
            RecordUpdate(key="4", fields={"city": "Walldorf"}),
        ]
    )

    # Then each record has its own outcome; after the outage no more calls were made
    assert [(r.key, r.ok, r.retriable) for r in results] == [
        ("1", True, False),
        ("5", False, False),
        ("2", False, False),
        ("3", False, True),
        ("4", False, True),
    ]
    assert "shoe_size" in (results[1].error or "")
    assert down.call_count == 3  # the bounded retries of record 3 only


def test_credentials_come_from_a_secret_and_errors_never_show_values() -> None:
    # Given secrets as Secrets Manager would return them
    config = ODataErpConfig(base_url=HOST)
    good = {"auth": "basic", "username": "COMM_USER", "password": "pw"}
    bad = {"auth": "basic", "username": "COMM_USER", "password": ""}

    # When the adapter is built from them
    erp = ODataErpGateway.from_secret(config, "arn:secret", fetch=lambda _id, _age: good)

    # Then a good one works and a bad one names the field, not the value
    assert erp.call_count == 0
    with pytest.raises(ConfigurationError, match="password") as caught:
        ODataErpGateway.from_secret(config, "arn:secret", fetch=lambda _id, _age: bad)
    assert "COMM_USER" not in str(caught.value)
