"""SalesforceSimpleGateway against simple-salesforce's real HTTP, mocked with ``responses``.

No network: every URL below is registered with ``responses``; an unregistered call fails the test.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import responses
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from responses import matchers

from sferp.adapters.salesforce.simple import SalesforceSimpleGateway
from sferp.errors import (
    RetriableError,
    SalesforceAuthError,
    SalesforceNotFoundError,
    SalesforceRecordError,
    SalesforceRequestLimitError,
    SalesforceUnavailableError,
)
from sferp.models.records import ApiUsage, RecordUpdate
from sferp.secrets import parse_salesforce_credentials

INSTANCE = "https://acme.my.salesforce.com"
API = f"{INSTANCE}/services/data/v63.0"
LOGIN_TOKEN_URL = "https://login.salesforce.com/services/oauth2/token"
MY_DOMAIN_TOKEN_URL = f"{INSTANCE}/services/oauth2/token"
ORDER_ID = "801000000000001AAA"
ACCOUNT_ID = "001000000000001AAA"
CONSUMER_KEY = "3MVG9-consumer-key-value"
CONSUMER_SECRET = "consumer-secret-value-1234"


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    # A throwaway key: the JWT bearer flow needs a real RS256 signature to be produced.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def private_pem(rsa_key: rsa.RSAPrivateKey) -> str:
    return rsa_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture
def jwt_credentials(private_pem: str):
    return parse_salesforce_credentials(
        {
            "auth": "jwt",
            "consumer_key": CONSUMER_KEY,
            "username": "integration@acme.com",
            "private_key": private_pem,
        }
    )


class RecordingSleep:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def sleep() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
def gateway(jwt_credentials, sleep: RecordingSleep) -> SalesforceSimpleGateway:
    return SalesforceSimpleGateway(
        jwt_credentials, sleep=sleep, rng=random.Random(7), bulk_poll_interval_s=0.0, monotonic=lambda: 0.0
    )


def token_response(token: str = "token-1") -> dict:
    return {"access_token": token, "instance_url": INSTANCE, "token_type": "Bearer", "id": "x"}


def add_token(rsps: responses.RequestsMock, *tokens: str, url: str = LOGIN_TOKEN_URL) -> None:
    for token in tokens or ("token-1",):
        rsps.add(responses.POST, url, json=token_response(token))


def order_query_result(*, items: list[dict] | None = None, total: int = 1) -> dict:
    records = []
    if total:
        records.append(
            {
                "attributes": {"type": "Order"},
                "Id": ORDER_ID,
                "AccountId": ACCOUNT_ID,
                "OrderNumber": "00000101",
                "EffectiveDate": "2026-11-29",
                "Order_Version__c": 3.0,
                "CurrencyIsoCode": "EUR",
                "OrderItems": {
                    "totalSize": len(items or []),
                    "done": True,
                    "records": items or [],
                },
            }
        )
    return {"totalSize": total, "done": True, "records": records}


ITEMS = [
    {"Id": "802000000000001AAA", "Product2": {"ProductCode": "SKU-1"}, "Quantity": 2.0, "UnitPrice": 19.99},
    {"Id": "802000000000002AAA", "Product2": {"ProductCode": "SKU-2"}, "Quantity": 1.5, "UnitPrice": 0.1},
]


# --- login ----------------------------------------------------------------------------------------
@responses.activate
def test_jwt_login_is_lazy_and_signs_a_valid_assertion(jwt_credentials, rsa_key, sleep) -> None:
    # Given a gateway with JWT bearer credentials
    gateway = SalesforceSimpleGateway(jwt_credentials, sleep=sleep)
    # Then constructing it made no HTTP call
    assert len(responses.calls) == 0

    # When the first call is made
    add_token(responses)
    responses.add(responses.GET, f"{API}/query/", json=order_query_result(items=ITEMS))
    gateway.get_order(ORDER_ID, version=3)

    # Then it logged in with an RS256 assertion for the consumer key and the login audience
    token_call = responses.calls[0]
    form = parse_qs(token_call.request.body)
    assert form["grant_type"] == ["urn:ietf:params:oauth:grant-type:jwt-bearer"]
    claims = jwt.decode(
        form["assertion"][0],
        rsa_key.public_key(),
        algorithms=["RS256"],
        audience="https://login.salesforce.com",
    )
    assert claims["iss"] == CONSUMER_KEY
    assert claims["sub"] == "integration@acme.com"
    # And the query went to the instance from the token response with the new bearer token
    assert responses.calls[1].request.headers["Authorization"] == "Bearer token-1"
    assert gateway.logins == 1


@responses.activate
def test_client_credentials_login_posts_basic_auth_to_my_domain(sleep) -> None:
    # Given client credentials for the org's My Domain
    creds = parse_salesforce_credentials(
        {
            "auth": "client_credentials",
            "consumer_key": CONSUMER_KEY,
            "consumer_secret": CONSUMER_SECRET,
            "domain": "https://acme.my.salesforce.com",
        }
    )
    add_token(responses, url=MY_DOMAIN_TOKEN_URL)
    responses.add(responses.GET, f"{API}/query/", json=order_query_result(items=ITEMS))

    # When the gateway makes its first call
    SalesforceSimpleGateway(creds, sleep=sleep).get_order(ORDER_ID, version=3)

    # Then the token request used the client credentials grant with HTTP Basic auth
    request = responses.calls[0].request
    assert parse_qs(request.body) == {"grant_type": ["client_credentials"]}
    assert request.headers["Authorization"].startswith("Basic ")


@responses.activate
def test_rejected_login_raises_auth_error(gateway: SalesforceSimpleGateway) -> None:
    # Given the token endpoint refuses the assertion
    responses.add(
        responses.POST,
        LOGIN_TOKEN_URL,
        status=400,
        json={"error": "invalid_grant", "error_description": "user hasn't approved this consumer"},
    )
    # When / Then the call fails with the retriable auth error (and no API call was made)
    with pytest.raises(SalesforceAuthError, match="invalid_grant"):
        gateway.get_order(ORDER_ID, version=3)
    assert gateway.api_calls == 0


@responses.activate
def test_login_does_not_log_or_warn_secret_values(
    jwt_credentials, private_pem: str, sleep, caplog: pytest.LogCaptureFixture
) -> None:
    # Given a first login that is refused as "not approved" (simple-salesforce then warns with
    # a URL holding the consumer key), and a second that works
    responses.add(
        responses.POST,
        LOGIN_TOKEN_URL,
        status=400,
        json={"error": "invalid_grant", "error_description": "user hasn't approved this consumer"},
    )
    add_token(responses)
    responses.add(responses.GET, f"{API}/query/", json=order_query_result(items=ITEMS))
    gateway = SalesforceSimpleGateway(jwt_credentials, sleep=sleep)
    caplog.set_level("DEBUG")
    # When both logins happen
    import warnings

    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        with pytest.raises(SalesforceAuthError):
            gateway.get_order(ORDER_ID, version=3)
        gateway.get_order(ORDER_ID, version=3)
    # Then nothing logged or warned contains the key, the consumer key or the access token
    logged = " ".join(str(record.__dict__) for record in caplog.records) + " ".join(
        str(w.message) for w in warned
    )
    assert "salesforce login" in logged
    for secret in (CONSUMER_KEY, "token-1", private_pem.splitlines()[1]):
        assert secret not in logged


# --- session expiry -------------------------------------------------------------------------------
@responses.activate
def test_expired_session_logs_in_again_and_succeeds(gateway: SalesforceSimpleGateway) -> None:
    # Given the first query answers 401 INVALID_SESSION_ID and the second succeeds
    add_token(responses, "token-1", "token-2")
    responses.add(
        responses.GET,
        f"{API}/query/",
        status=401,
        json=[{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}],
    )
    responses.add(responses.GET, f"{API}/query/", json=order_query_result(items=ITEMS))

    # When the order is fetched
    order = gateway.get_order(ORDER_ID, version=3)

    # Then there were two logins and the retry carried the new token
    token_calls = [c for c in responses.calls if c.request.url == LOGIN_TOKEN_URL]
    assert len(token_calls) == 2
    assert gateway.logins == 2
    assert responses.calls[-1].request.headers["Authorization"] == "Bearer token-2"
    assert order.order_id == ORDER_ID


@responses.activate
def test_expired_session_during_a_bulk_step_logs_in_again(gateway: SalesforceSimpleGateway) -> None:
    # Given simple-salesforce's bulk path does not renew sessions: the job creation answers 401 once
    add_token(responses, "token-1", "token-2")
    responses.add(
        responses.POST,
        f"{API}/jobs/query",
        status=401,
        json=[{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}],
    )
    responses.add(responses.POST, f"{API}/jobs/query", json={"id": "750Q1", "state": "UploadComplete"})
    responses.add(responses.GET, f"{API}/jobs/query/750Q1", json={"id": "750Q1", "state": "JobComplete"})
    responses.add(
        responses.GET,
        f"{API}/jobs/query/750Q1/results",
        body="Id,Name\n001A,Acme\n",
        headers={"Sforce-Locator": "null"},
    )

    # When the bulk query runs
    rows = list(gateway.bulk_query("SELECT Id, Name FROM Account"))

    # Then the gateway logged in again itself and repeated the step with the new token
    assert rows == [{"Id": "001A", "Name": "Acme"}]
    assert gateway.logins == 2
    job_posts = [c for c in responses.calls if c.request.url == f"{API}/jobs/query"]
    assert [c.request.headers["Authorization"] for c in job_posts] == ["Bearer token-1", "Bearer token-2"]


@responses.activate
def test_session_still_invalid_after_new_login_is_an_auth_error(gateway: SalesforceSimpleGateway) -> None:
    # Given every bulk call answers 401 even with a fresh session
    add_token(responses, "token-1", "token-2")
    responses.add(
        responses.POST,
        f"{API}/jobs/query",
        status=401,
        json=[{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}],
    )
    # When / Then it gives up after one new login instead of looping
    with pytest.raises(SalesforceAuthError):
        list(gateway.bulk_query("SELECT Id FROM Account"))
    assert gateway.logins == 2


# --- back-off ---------------------------------------------------------------------------------------
@responses.activate
def test_request_limit_exceeded_backs_off_then_raises(gateway: SalesforceSimpleGateway, sleep) -> None:
    # Given the org's API allowance is used up
    add_token(responses)
    responses.add(
        responses.GET,
        f"{API}/query/",
        status=403,
        json=[{"message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"}],
    )
    # When / Then the call is tried three times, sleeping (injected) in between, then fails retriably
    with pytest.raises(SalesforceRequestLimitError, match="REQUEST_LIMIT_EXCEEDED") as caught:
        gateway.get_order(ORDER_ID, version=3)
    assert isinstance(caught.value, RetriableError)
    assert len([c for c in responses.calls if "/query/" in c.request.url]) == 3
    assert len(sleep.calls) == 2
    # Full jitter under the caps: first wait <= 0.5 s, second <= 1 s, total within the budget
    assert 0 <= sleep.calls[0] <= 0.5
    assert 0 <= sleep.calls[1] <= 1.0
    assert sum(sleep.calls) <= 8.0


@responses.activate
def test_total_sleep_is_capped(jwt_credentials, sleep) -> None:
    # Given a gateway allowed many attempts but only 0.3 s of sleep in total
    gateway = SalesforceSimpleGateway(
        jwt_credentials,
        sleep=sleep,
        max_attempts=10,
        backoff_base_s=1.0,
        max_total_sleep_s=0.3,
        rng=random.Random(1),
    )
    add_token(responses)
    responses.add(responses.GET, f"{API}/query/", status=503, body="Service Unavailable")
    # When / Then it stops once the budget is spent, long before ten attempts
    with pytest.raises(SalesforceUnavailableError):
        gateway.get_order(ORDER_ID, version=3)
    assert sum(sleep.calls) <= 0.3 + 1e-9
    assert len(responses.calls) - 1 < 10


@responses.activate
def test_5xx_is_retried_then_succeeds(gateway: SalesforceSimpleGateway, sleep) -> None:
    # Given Salesforce answers 503 once, then the result
    add_token(responses)
    responses.add(responses.GET, f"{API}/query/", status=503, body="<html>Service Unavailable</html>")
    responses.add(responses.GET, f"{API}/query/", json=order_query_result(items=ITEMS))
    # When the order is fetched
    order = gateway.get_order(ORDER_ID, version=3)
    # Then it succeeded after one back-off
    assert len(order.lines) == 2
    assert len(sleep.calls) == 1


@responses.activate
def test_bad_request_is_not_retried(gateway: SalesforceSimpleGateway, sleep) -> None:
    # Given a 400 MALFORMED_QUERY
    add_token(responses)
    responses.add(
        responses.GET,
        f"{API}/query/",
        status=400,
        json=[{"message": "invalid ID field", "errorCode": "INVALID_QUERY_FILTER_OPERATOR"}],
    )
    # When / Then it fails permanently at once, without sleeping
    with pytest.raises(SalesforceRecordError, match="INVALID_QUERY_FILTER_OPERATOR"):
        gateway.get_order(ORDER_ID, version=3)
    assert sleep.calls == []


# --- get_order ------------------------------------------------------------------------------------
@responses.activate
def test_get_order_is_one_query_with_the_items_subquery(gateway: SalesforceSimpleGateway) -> None:
    # Given the order and its items
    add_token(responses)
    responses.add(
        responses.GET,
        f"{API}/query/",
        json=order_query_result(items=ITEMS),
        headers={"Sforce-Limit-Info": "api-usage=25/15000"},
    )
    # When it is fetched
    order = gateway.get_order(ORDER_ID, version=3)
    # Then one query carried the OrderItems subquery and the escaped id
    queries = [c for c in responses.calls if "/query/" in c.request.url]
    assert len(queries) == 1
    soql = parse_qs(urlparse(queries[0].request.url).query)["q"][0]
    assert "(SELECT Id, Product2.ProductCode, Quantity, UnitPrice FROM OrderItems" in soql
    assert soql.endswith(f"FROM Order WHERE Id = '{ORDER_ID}'")
    # And the lines are exact decimals
    assert order.account_id == ACCOUNT_ID
    assert order.currency == "EUR"
    assert order.version == 3
    assert [(line.product_code, line.quantity, line.unit_price) for line in order.lines] == [
        ("SKU-1", Decimal("2.0"), Decimal("19.99")),
        ("SKU-2", Decimal("1.5"), Decimal("0.1")),
    ]
    # And the usage header was read
    assert gateway.api_usage == ApiUsage(used=25, total=15000)
    assert gateway.api_calls == 1


@responses.activate
def test_get_order_escapes_the_id(gateway: SalesforceSimpleGateway) -> None:
    # Given an id carrying a quote (never valid, but never trusted either)
    add_token(responses)
    responses.add(responses.GET, f"{API}/query/", json=order_query_result(total=0))
    # When it is looked up
    with pytest.raises(SalesforceNotFoundError):
        gateway.get_order("x' OR Id != '", version=1)
    # Then the quote was escaped inside the literal
    soql = parse_qs(urlparse(responses.calls[-1].request.url).query)["q"][0]
    assert soql.endswith("WHERE Id = 'x\\' OR Id != \\''")


@responses.activate
def test_get_order_not_found(gateway: SalesforceSimpleGateway) -> None:
    add_token(responses)
    responses.add(responses.GET, f"{API}/query/", json=order_query_result(total=0))
    with pytest.raises(SalesforceNotFoundError):
        gateway.get_order(ORDER_ID, version=3)


@responses.activate
def test_get_order_item_without_product_code_is_a_record_error(gateway: SalesforceSimpleGateway) -> None:
    add_token(responses)
    items = [{"Id": "802000000000001AAA", "Product2": None, "Quantity": 1.0, "UnitPrice": 1.0}]
    responses.add(responses.GET, f"{API}/query/", json=order_query_result(items=items))
    with pytest.raises(SalesforceRecordError, match="product_code"):
        gateway.get_order(ORDER_ID, version=3)


@responses.activate
def test_get_order_follows_items_paging(gateway: SalesforceSimpleGateway) -> None:
    # Given an order whose items continue on a second page
    add_token(responses)
    result = order_query_result(items=ITEMS[:1])
    result["records"][0]["OrderItems"].update(
        {"done": False, "nextRecordsUrl": "/services/data/v63.0/query/01gX-2000"}
    )
    responses.add(responses.GET, f"{API}/query/", json=result)
    responses.add(
        responses.GET, f"{API}/query/01gX-2000", json={"done": True, "totalSize": 2, "records": ITEMS[1:]}
    )
    # When it is fetched / Then both pages' lines are there
    order = gateway.get_order(ORDER_ID, version=3)
    assert [line.product_code for line in order.lines] == ["SKU-1", "SKU-2"]


@responses.activate
def test_a_rest_query_follows_its_pages_and_drops_the_attributes(gateway: SalesforceSimpleGateway) -> None:
    # Given a query whose records continue on a second page
    add_token(responses)
    first = {
        "done": False,
        "totalSize": 3,
        "nextRecordsUrl": "/services/data/v63.0/query/01gP-2000",
        "records": [
            {"attributes": {"type": "PricebookEntry"}, "Id": "01u1", "ERP_Price_Key__c": "A:EUR"},
            {"attributes": {"type": "PricebookEntry"}, "Id": "01u2", "ERP_Price_Key__c": "B:EUR"},
        ],
    }
    responses.add(responses.GET, f"{API}/query/", json=first)
    responses.add(
        responses.GET,
        f"{API}/query/01gP-2000",
        json={
            "done": True,
            "totalSize": 3,
            "records": [{"attributes": {}, "Id": "01u3", "ERP_Price_Key__c": "C:EUR"}],
        },
    )
    # When queried / Then every page's records come back as plain dicts
    rows = gateway.query(
        "SELECT Id, ERP_Price_Key__c FROM PricebookEntry WHERE ERP_Price_Key__c IN ('A:EUR')"
    )
    assert rows == [
        {"Id": "01u1", "ERP_Price_Key__c": "A:EUR"},
        {"Id": "01u2", "ERP_Price_Key__c": "B:EUR"},
        {"Id": "01u3", "ERP_Price_Key__c": "C:EUR"},
    ]
    assert (
        responses.calls[-2].request.params["q"].startswith("SELECT Id, ERP_Price_Key__c FROM PricebookEntry")
    )


# --- update_records -----------------------------------------------------------------------------
def _collections_ok(request) -> tuple[int, dict, str]:
    body = json.loads(request.body)
    return 200, {}, json.dumps([{"id": r["id"], "success": True, "errors": []} for r in body["records"]])


@responses.activate
def test_450_updates_take_3_collection_calls(gateway: SalesforceSimpleGateway) -> None:
    # Given 450 write-backs
    add_token(responses)
    responses.add_callback(responses.PATCH, f"{API}/composite/sobjects", callback=_collections_ok)
    updates = [RecordUpdate(key=f"801{i:015d}", fields={"ERP_Sync_Status__c": "Synced"}) for i in range(450)]
    # When they are sent
    results = gateway.update_records("Order", updates)
    # Then three calls of 200, 200 and 50 records went out, allOrNone false, each typed
    patches = [c for c in responses.calls if c.request.method == "PATCH"]
    bodies = [json.loads(c.request.body) for c in patches]
    assert [len(b["records"]) for b in bodies] == [200, 200, 50]
    assert all(b["allOrNone"] is False for b in bodies)
    assert bodies[0]["records"][0] == {
        "attributes": {"type": "Order"},
        "id": "801000000000000000",
        "ERP_Sync_Status__c": "Synced",
    }
    assert len(results) == 450 and all(r.ok for r in results)
    assert gateway.api_calls == 3


@responses.activate
def test_record_errors_are_mapped_per_record(gateway: SalesforceSimpleGateway) -> None:
    # Given one success, one deleted record, one locked row and one validation error
    add_token(responses)
    responses.add(
        responses.PATCH,
        f"{API}/composite/sobjects",
        json=[
            {"id": "801A", "success": True, "errors": []},
            {
                "success": False,
                "errors": [{"statusCode": "ENTITY_IS_DELETED", "message": "entity is deleted"}],
            },
            {
                "success": False,
                "errors": [{"statusCode": "UNABLE_TO_LOCK_ROW", "message": "unable to obtain"}],
            },
            {
                "success": False,
                "errors": [{"statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION", "message": "closed orders"}],
            },
        ],
    )
    updates = [
        RecordUpdate(key=k, fields={"ERP_Sync_Status__c": "Synced"}) for k in ("801A", "801B", "801C", "801D")
    ]
    # When they are sent
    results = gateway.update_records("Order", updates)
    # Then each has its own outcome; only the lock is retriable
    assert [(r.key, r.ok, r.retriable) for r in results] == [
        ("801A", True, False),
        ("801B", False, False),
        ("801C", False, True),
        ("801D", False, False),
    ]
    assert results[1].error == "ENTITY_IS_DELETED: entity is deleted"
    assert results[3].error is not None and results[3].error.startswith("FIELD_CUSTOM_VALIDATION_EXCEPTION")


@responses.activate
def test_upsert_by_external_id_uses_collections_with_per_record_results(
    gateway: SalesforceSimpleGateway,
) -> None:
    # Given 250 status-history records keyed by their change key, one of them without a key
    add_token(responses)
    url = f"{API}/composite/sobjects/ERP_Order_Status_Change__c/Change_Key__c"

    def answer(request) -> tuple[int, dict, str]:
        body = json.loads(request.body)
        rows = [
            {"id": f"a01{i:015d}", "success": True, "errors": [], "created": True}
            for i, _ in enumerate(body["records"])
        ]
        if body["records"][0]["Change_Key__c"] == "K-1":
            rows[1] = {
                "success": False,
                "errors": [{"statusCode": "FIELD_INTEGRITY_EXCEPTION", "message": "bad lookup"}],
            }
        return 200, {}, json.dumps(rows)

    responses.add_callback(responses.PATCH, url, callback=answer)
    records = [{"Change_Key__c": f"K-{i}", "Status__c": "OPEN"} for i in range(1, 250)]
    records.insert(5, {"Change_Key__c": "", "Status__c": "OPEN"})
    # When upserted
    results = gateway.upsert_records("ERP_Order_Status_Change__c", "Change_Key__c", records)
    # Then two Collections calls (200 + 49) went to the external-id resource, typed, no record id
    bodies = [json.loads(c.request.body) for c in responses.calls if c.request.method == "PATCH"]
    assert [len(b["records"]) for b in bodies] == [200, 49]
    assert all(b["allOrNone"] is False for b in bodies)
    assert bodies[0]["records"][0] == {
        "attributes": {"type": "ERP_Order_Status_Change__c"},
        "Change_Key__c": "K-1",
        "Status__c": "OPEN",
    }
    assert gateway.api_calls == 2
    # And each record has its result, keyed by its external id, in the request's order
    assert len(results) == 250
    assert results[5].ok is False and results[5].error == "MISSING_ARGUMENT: Change_Key__c"
    assert results[1].key == "K-2" and results[1].error == "FIELD_INTEGRITY_EXCEPTION: bad lookup"
    assert sum(r.ok for r in results) == 248


@responses.activate
def test_duplicate_ids_in_one_batch_are_merged(gateway: SalesforceSimpleGateway) -> None:
    # Given two write-backs for the same order in one batch (two events of one message group)
    add_token(responses)
    responses.add_callback(responses.PATCH, f"{API}/composite/sobjects", callback=_collections_ok)
    updates = [
        RecordUpdate(key="801A", fields={"ERP_Sync_Status__c": "Error", "ERP_Sync_Message__c": "x"}),
        RecordUpdate(key="801B", fields={"ERP_Sync_Status__c": "Synced"}),
        RecordUpdate(key="801A", fields={"ERP_Sync_Status__c": "Synced"}),
    ]
    # When they are sent
    results = gateway.update_records("Order", updates)
    # Then the record appears once with the later value winning, and every input gets a result
    body = json.loads(responses.calls[-1].request.body)
    assert [r["id"] for r in body["records"]] == ["801A", "801B"]
    assert body["records"][0]["ERP_Sync_Status__c"] == "Synced"
    assert body["records"][0]["ERP_Sync_Message__c"] == "x"
    assert [r.key for r in results] == ["801A", "801B", "801A"]


@responses.activate
def test_no_updates_make_no_call(gateway: SalesforceSimpleGateway) -> None:
    assert gateway.update_records("Order", []) == []
    assert len(responses.calls) == 0


# --- publish_event ------------------------------------------------------------------------------
@responses.activate
def test_publish_event_posts_to_the_event_sobject(gateway: SalesforceSimpleGateway) -> None:
    add_token(responses)
    responses.add(
        responses.POST,
        f"{API}/sobjects/Order_Handoff__e",
        status=201,
        json={"id": "e00xx0000000001AAA", "success": True, "errors": []},
        match=[matchers.json_params_matcher({"Order_Id__c": ORDER_ID, "Order_Version__c": 2})],
    )
    gateway.publish_event("Order_Handoff__e", {"Order_Id__c": ORDER_ID, "Order_Version__c": 2})
    assert gateway.api_calls == 1


@responses.activate
def test_publish_event_failure_raises_record_error(gateway: SalesforceSimpleGateway) -> None:
    add_token(responses)
    responses.add(
        responses.POST,
        f"{API}/sobjects/Order_Handoff__e",
        status=201,
        json={"id": None, "success": False, "errors": [{"statusCode": "LIMIT_EXCEEDED"}]},
    )
    with pytest.raises(SalesforceRecordError, match="LIMIT_EXCEEDED"):
        gateway.publish_event("Order_Handoff__e", {"Order_Id__c": ORDER_ID})


def test_names_that_are_not_api_names_are_refused(gateway: SalesforceSimpleGateway) -> None:
    with pytest.raises(ValueError, match="API name"):
        gateway.publish_event("../sobjects/User", {})


# --- Bulk API 2.0 -----------------------------------------------------------------------------------
@responses.activate
def test_bulk_query_polls_and_pages_with_the_locator(gateway: SalesforceSimpleGateway, sleep) -> None:
    # Given a queryAll job that is in progress once, then complete, with two result pages
    add_token(responses)
    responses.add(
        responses.POST,
        f"{API}/jobs/query",
        json={"id": "750Q", "state": "UploadComplete"},
        match=[
            matchers.json_params_matcher(
                {
                    "operation": "queryAll",
                    "query": "SELECT Id, Name, IsDeleted FROM Account",
                    "contentType": "CSV",
                    "columnDelimiter": "COMMA",
                    "lineEnding": "LF",
                }
            )
        ],
    )
    responses.add(responses.GET, f"{API}/jobs/query/750Q", json={"id": "750Q", "state": "InProgress"})
    responses.add(responses.GET, f"{API}/jobs/query/750Q", json={"id": "750Q", "state": "JobComplete"})
    responses.add(
        responses.GET,
        f"{API}/jobs/query/750Q/results",
        body='Id,Name,IsDeleted\n001A,"Acme, Inc.",false\n',
        headers={"Sforce-Locator": "LOC2", "Sforce-Limit-Info": "api-usage=40/15000"},
        match=[matchers.query_param_matcher({"maxRecords": "50000"})],
    )
    responses.add(
        responses.GET,
        f"{API}/jobs/query/750Q/results",
        body="Id,Name,IsDeleted\n001B,,true\n",
        headers={"Sforce-Locator": "null"},
        match=[matchers.query_param_matcher({"maxRecords": "50000", "locator": "LOC2"})],
    )
    # When the rows are read
    rows = list(gateway.bulk_query("SELECT Id, Name, IsDeleted FROM Account", include_deleted=True))
    # Then both pages are streamed as dicts, empty cells as None
    assert rows == [
        {"Id": "001A", "Name": "Acme, Inc.", "IsDeleted": "false"},
        {"Id": "001B", "Name": None, "IsDeleted": "true"},
    ]
    assert sleep.calls == [0.0]  # one poll wait
    assert gateway.api_calls == 5
    assert gateway.api_usage == ApiUsage(used=40, total=15000)


@responses.activate
def test_bulk_query_failed_job_is_a_record_error(gateway: SalesforceSimpleGateway) -> None:
    add_token(responses)
    responses.add(responses.POST, f"{API}/jobs/query", json={"id": "750Q", "state": "UploadComplete"})
    responses.add(
        responses.GET,
        f"{API}/jobs/query/750Q",
        json={"id": "750Q", "state": "Failed", "errorMessage": "INVALID_FIELD: No such column 'Nope'"},
    )
    with pytest.raises(SalesforceRecordError, match="INVALID_FIELD"):
        list(gateway.bulk_query("SELECT Nope FROM Account"))


@responses.activate
def test_bulk_query_poll_timeout_is_retriable(jwt_credentials, sleep) -> None:
    # Given a job that never finishes and a clock that runs past the deadline
    ticks = iter([0.0, 5.0, 11.0])
    gateway = SalesforceSimpleGateway(
        jwt_credentials,
        sleep=sleep,
        bulk_timeout_s=10.0,
        bulk_poll_interval_s=1.0,
        monotonic=lambda: next(ticks),
    )
    add_token(responses)
    responses.add(responses.POST, f"{API}/jobs/query", json={"id": "750Q", "state": "UploadComplete"})
    responses.add(responses.GET, f"{API}/jobs/query/750Q", json={"id": "750Q", "state": "InProgress"})
    with pytest.raises(SalesforceUnavailableError, match="still InProgress"):
        list(gateway.bulk_query("SELECT Id FROM Account"))
    assert sleep.calls == [1.0]


def _ingest_job(job_id: str, spec: dict[str, Any], successful: str, failed: str, *, polls: int = 1) -> None:
    """A Bulk API 2.0 ingest job that takes the given spec and ends JobComplete after ``polls``
    InProgress answers, with these result CSVs."""
    responses.add(
        responses.POST,
        f"{API}/jobs/ingest",
        json={"id": job_id, "state": "Open"},
        match=[
            matchers.json_params_matcher(
                {**spec, "contentType": "CSV", "lineEnding": "LF", "columnDelimiter": "COMMA"}
            )
        ],
    )
    responses.add(responses.PUT, f"{API}/jobs/ingest/{job_id}/batches", status=201)
    responses.add(
        responses.PATCH,
        f"{API}/jobs/ingest/{job_id}",
        json={"id": job_id, "state": "UploadComplete"},
        match=[matchers.json_params_matcher({"state": "UploadComplete"})],
    )
    for _ in range(polls):
        responses.add(
            responses.GET, f"{API}/jobs/ingest/{job_id}", json={"id": job_id, "state": "InProgress"}
        )
    responses.add(responses.GET, f"{API}/jobs/ingest/{job_id}", json={"id": job_id, "state": "JobComplete"})
    responses.add(responses.GET, f"{API}/jobs/ingest/{job_id}/successfulResults/", body=successful)
    responses.add(responses.GET, f"{API}/jobs/ingest/{job_id}/failedResults/", body=failed)


@responses.activate
def test_bulk_upsert_runs_one_job_and_maps_results(gateway: SalesforceSimpleGateway) -> None:
    # Given an ingest job that accepts two records and rejects one
    add_token(responses)
    _ingest_job(
        "750I",
        {"object": "Account", "externalIdFieldName": "ERP_Customer_Number__c", "operation": "upsert"},
        '"sf__Id","sf__Created",ERP_Customer_Number__c,Name,Phone\n'
        '001A,true,C-1,Acme,#N/A\n001B,false,C-2,"Beta, Ltd",+49 1\n',
        '"sf__Id","sf__Error",ERP_Customer_Number__c,Name,Phone\n'
        ",UNABLE_TO_LOCK_ROW:unable to obtain exclusive access:--,C-3,Gamma,\n",
    )
    records = [
        {"ERP_Customer_Number__c": "C-1", "Name": "Acme", "Phone": None},
        {"ERP_Customer_Number__c": "C-2", "Name": "Beta, Ltd", "Phone": "+49 1"},
        {"ERP_Customer_Number__c": "C-3", "Name": "Gamma"},
        {"Name": "no key"},
    ]
    # When they are upserted
    results = gateway.bulk_upsert("Account", "ERP_Customer_Number__c", records)
    # Then the CSV upload had the external id first and #N/A for an explicit null
    upload = next(c for c in responses.calls if c.request.method == "PUT")
    assert upload.request.headers["Content-Type"] == "text/csv"
    assert upload.request.body.decode() == (
        'ERP_Customer_Number__c,Name,Phone\nC-1,Acme,#N/A\nC-2,"Beta, Ltd",+49 1\nC-3,Gamma,\n'
    )
    # And each record has its result, in input order
    assert [(r.key, r.ok, r.retriable) for r in results] == [
        ("C-1", True, False),
        ("C-2", True, False),
        ("C-3", False, True),
        ("", False, False),
    ]
    assert results[3].error == "MISSING_ARGUMENT: ERP_Customer_Number__c"


@responses.activate
def test_bulk_upsert_aborted_job_marks_unprocessed_records(gateway: SalesforceSimpleGateway) -> None:
    add_token(responses)
    responses.add(responses.POST, f"{API}/jobs/ingest", json={"id": "750I", "state": "Open"})
    responses.add(responses.PUT, f"{API}/jobs/ingest/750I/batches", status=201)
    responses.add(responses.PATCH, f"{API}/jobs/ingest/750I", json={"id": "750I", "state": "UploadComplete"})
    responses.add(
        responses.GET,
        f"{API}/jobs/ingest/750I",
        json={"id": "750I", "state": "Failed", "errorMessage": "boom"},
    )
    responses.add(
        responses.GET, f"{API}/jobs/ingest/750I/successfulResults/", body='"sf__Id","sf__Created",K__c\n'
    )
    responses.add(responses.GET, f"{API}/jobs/ingest/750I/failedResults/", body='"sf__Id","sf__Error",K__c\n')
    results = gateway.bulk_upsert("Account", "K__c", [{"K__c": "1"}])
    assert results[0].ok is False
    assert results[0].error == "NOT_PROCESSED: job Failed: boom"
    assert results[0].retriable is True


@responses.activate
def test_bulk_upsert_upload_failure_aborts_the_job(gateway: SalesforceSimpleGateway) -> None:
    # Given the upload is refused
    add_token(responses)
    responses.add(responses.POST, f"{API}/jobs/ingest", json={"id": "750I", "state": "Open"})
    responses.add(
        responses.PUT,
        f"{API}/jobs/ingest/750I/batches",
        status=400,
        json=[{"errorCode": "INVALIDJOBSTATE", "message": "bad"}],
    )
    responses.add(
        responses.PATCH,
        f"{API}/jobs/ingest/750I",
        json={"id": "750I", "state": "Aborted"},
        match=[matchers.json_params_matcher({"state": "Aborted"})],
    )
    # When / Then the error surfaces and the job was aborted rather than left open
    with pytest.raises(SalesforceRecordError, match="INVALIDJOBSTATE"):
        gateway.bulk_upsert("Account", "K__c", [{"K__c": "1"}])
    assert responses.calls[-1].request.method == "PATCH"


@responses.activate
def test_get_account_reads_the_fields_the_customer_create_needs_in_one_query(gateway) -> None:
    # Given an Account as the REST query API returns it, and one that does not exist
    add_token(responses)
    account = {
        "attributes": {"type": "Account", "url": "/services/data/v63.0/sobjects/Account/001x"},
        "Id": "001000000000404AAA",
        "Name": "Neukunde GmbH",
        "BillingStreet": None,
        "BillingCity": "Leipzig",
        "BillingPostalCode": "04109",
        "BillingCountryCode": "DE",
        "Phone": None,
        "ERP_Customer_Number__c": None,
    }
    query = responses.add(
        responses.GET, f"{API}/query/", json={"totalSize": 1, "done": True, "records": [account]}
    )
    responses.add(responses.GET, f"{API}/query/", json={"totalSize": 0, "done": True, "records": []})
    # When both are read / Then one SOQL query each, the fields as given, None for the missing one
    found = gateway.get_account("001000000000404AAA")
    assert found == {k: v for k, v in account.items() if k != "attributes"}
    soql = parse_qs(query.calls[0].request.url.split("?", 1)[1])["q"][0]
    assert soql.startswith(
        "SELECT Id, Name, BillingStreet, BillingCity, BillingPostalCode, BillingCountryCode"
    )
    assert soql.endswith("FROM Account WHERE Id = '001000000000404AAA'")
    assert gateway.get_account("001000000000405AAA") is None


@responses.activate
def test_bulk_update_runs_one_update_job_by_id_and_maps_results(gateway: SalesforceSimpleGateway) -> None:
    # Given an ingest job that updates one Order and refuses another (deleted); an update names
    # no external id field: the Id column is the key
    add_token(responses)
    _ingest_job(
        "750U",
        {"object": "Order", "operation": "update"},
        '"sf__Id","sf__Created",Id,ERP_Order_Status__c\n801000000000001AAA,false,801000000000001AAA,SHIPPED\n',
        '"sf__Id","sf__Error",Id,ERP_Order_Status__c\n'
        ",ENTITY_IS_DELETED:entity is deleted:--,801000000000002AAA,INVOICED\n",
        polls=0,
    )
    updates = [
        RecordUpdate(key="801000000000001AAA", fields={"ERP_Order_Status__c": "OPEN"}),
        RecordUpdate(key="801000000000002AAA", fields={"ERP_Order_Status__c": "INVOICED"}),
        RecordUpdate(
            key="801000000000001AAA", fields={"ERP_Order_Status__c": "SHIPPED"}
        ),  # same record again
    ]
    # When they are updated in bulk
    results = gateway.bulk_update("Order", updates)
    # Then the upload has the Id first and one row per record (its last values)
    upload = next(c for c in responses.calls if c.request.method == "PUT")
    assert upload.request.body.decode() == (
        "Id,ERP_Order_Status__c\n801000000000001AAA,SHIPPED\n801000000000002AAA,INVOICED\n"
    )
    # And every update has its record's result, in input order, with Salesforce's reason
    assert [(r.key, r.ok, r.retriable) for r in results] == [
        ("801000000000001AAA", True, False),
        ("801000000000002AAA", False, False),
        ("801000000000001AAA", True, False),
    ]
    assert (results[1].error or "").startswith("ENTITY_IS_DELETED")
