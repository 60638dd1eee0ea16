"""ODataErpGateway where the SAP test peer cannot play SAP: throttling (429 + ``Retry-After``),
5xx and timeouts, OAuth token endpoints, repeated CSRF refusals, credentials handling, with
``responses``. Everything the peer can show (creates, updates, cancels, CSRF, ETags, paging,
error bodies, customers) is tested against it in tests/integration/kernel/erp_odata and the
contract suite; the hand-written payloads that used to stand in for those were removed with the
wrong v2 assumptions they encoded (YY1 fields on a standard system, deep update, deep cancel).
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
ACCOUNT = "001000000000001AAA"
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
        customer_reference=ACCOUNT,
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
        "LastChangeDateTime": "/Date(1795942800000+0000)/",
        "to_Item": {
            "results": [
                {
                    "__metadata": {"type": "API_SALES_ORDER_SRV.A_SalesOrderItemType"},
                    "SalesOrder": "4711",
                    "SalesOrderItem": "10",
                    "Material": "TG11",
                    "RequestedQuantity": "2.500",
                    "SalesDocumentRjcnReason": "61" if rejected else "",
                }
            ]
        },
    }


def customer_lookup() -> None:
    """SAP's answer to "which business partner is coupled to this Account" (one, a customer)."""
    responses.get(
        f"{BP}/A_BusinessPartner",
        json={
            "d": {
                "results": [
                    {
                        "BusinessPartner": "17100001",
                        "Customer": "17100001",
                        "BusinessPartnerIsBlocked": False,
                        "IsMarkedForArchiving": False,
                    }
                ]
            }
        },
    )


def sap_error(status: int, code: str, text: str, **headers: str) -> dict[str, Any]:
    body = {
        "error": {"code": code, "message": {"lang": "en", "value": text}, "innererror": {"errordetails": []}}
    }
    return {"status": status, "json": body, "headers": headers}


@responses.activate
def test_a_second_csrf_refusal_is_not_retried_forever() -> None:
    # Given S/4HANA refusing every token
    responses.get(f"{SO}/A_SalesOrder", json={"d": {"results": []}}, headers={"x-csrf-token": "t"})
    responses.get(f"{SO}/", headers={"x-csrf-token": "t2"})
    customer_lookup()
    post = responses.post(f"{SO}/A_SalesOrder", status=403, headers={"x-csrf-token": "Required"})

    # When an order is created
    # Then after one refetch the failure surfaces as an auth error
    with pytest.raises(ErpAuthError):
        gateway().upsert_sales_order(order())
    assert post.call_count == 2


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
    customer_lookup()
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
    partner = {
        "BusinessPartner": "1",
        "Customer": "1",
        "to_BusinessPartnerAddress": {
            "results": [{"BusinessPartner": "1", "AddressID": "22", "to_PhoneNumber": {"results": []}}]
        },
        "to_Customer": {"to_CustomerCompany": {"results": []}},
    }

    def read(request: Any) -> tuple[int, dict[str, str], str]:
        url = request.url
        if "Customer%20eq%20'1'" in url:
            return 200, {"x-csrf-token": TOKEN}, json.dumps({"d": {"results": [partner]}})
        if "Customer%20eq%20'2'" in url:
            return 200, {}, json.dumps({"d": {"results": []}})
        return 503, {}, ""

    reads = responses.add_callback(responses.GET, f"{BP}/A_BusinessPartner", callback=read)
    address = responses.patch(
        f"{BP}/A_BusinessPartnerAddress(BusinessPartner='1',AddressID='22')", status=204
    )
    erp = gateway(sleep=Sleeps())

    # When five updates are sent (one with a field this adapter cannot write)
    results = erp.update_customers(
        [
            RecordUpdate(key="1", fields={"city": "Walldorf"}),
            RecordUpdate(key="5", fields={"credit_limit": Decimal("5000.00")}),
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
    assert "credit_limit" in (results[1].error or "")
    assert json.loads(address.calls[0].request.body) == {"CityName": "Walldorf"}
    assert reads.call_count == 2 + 3  # records 1 and 2, then the bounded retries of record 3 only


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
