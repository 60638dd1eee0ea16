"""The order-handoff batch against simple-salesforce's real HTTP (``responses``): session expiry in
the middle of a write-back, REQUEST_LIMIT_EXCEEDED, and the API usage Salesforce reports."""

from __future__ import annotations

import json
import random

import pytest
import responses
from sferp_tools.fakes import (
    InMemoryDeadLetterQueue,
    InMemoryIdempotencyGuard,
    InMemoryRecordLock,
    NoRetryScheduler,
    in_memory_order_state,
)
from sferp_tools.local.lambda_context import LocalLambdaContext

from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.adapters.salesforce.simple import SalesforceSimpleGateway
from sferp.order_handoff import names as handoff_names
from sferp.order_handoff.batch import OrderBatchProcessor
from sferp.order_handoff.service import OrderHandoffService
from sferp.order_handoff.state import OrderStateStore
from sferp.secrets import parse_salesforce_credentials
from sferp.settings import FlowMode
from tests.integration.conftest import order_id, relay_body

INSTANCE = "https://acme.my.salesforce.com"
API = f"{INSTANCE}/services/data/v62.0"
TOKEN_URL = f"{INSTANCE}/services/oauth2/token"
QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:sferp-test-order-handoff.fifo"


def record(body: str, n: int) -> dict:
    return {
        "messageId": f"m{n}",
        "receiptHandle": f"r{n}",
        "body": body,
        "attributes": {
            "ApproximateReceiveCount": "1",
            "MessageGroupId": json.loads(body)["detail"]["payload"]["Order_Id__c"],
        },
        "messageAttributes": {},
        "eventSource": "aws:sqs",
        "eventSourceARN": QUEUE_ARN,
        "awsRegion": "us-east-1",
    }


@pytest.fixture
def gateway() -> SalesforceSimpleGateway:
    credentials = parse_salesforce_credentials(
        {
            "auth": "client_credentials",
            "consumer_key": "key-123456",
            "consumer_secret": "secret-123456",
            "domain": "acme.my",
        }
    )
    return SalesforceSimpleGateway(credentials, sleep=lambda _s: None, rng=random.Random(1))


def processor(
    gateway: SalesforceSimpleGateway, erp: EmbeddedErp, state: OrderStateStore
) -> OrderBatchProcessor:
    service = OrderHandoffService(
        erp=erp,
        salesforce=gateway,
        state=state,
        guard=InMemoryIdempotencyGuard(),
        lock=InMemoryRecordLock(),
        mode=FlowMode.LIVE,
    )
    return OrderBatchProcessor(
        service=service,
        salesforce=gateway,
        dead_letters=InMemoryDeadLetterQueue(),
        retries=NoRetryScheduler(),
        mode=FlowMode.LIVE,
        record_written_back=state.record_written_back,
    )


def token(value: str) -> dict:
    return {"access_token": value, "instance_url": INSTANCE, "token_type": "Bearer", "id": "x"}


@responses.activate
def test_session_expiry_during_write_back_logs_in_again_and_succeeds(
    gateway: SalesforceSimpleGateway,
) -> None:
    # Given Salesforce answers the first write-back with 401 INVALID_SESSION_ID
    responses.add(responses.POST, TOKEN_URL, json=token("token-1"))
    responses.add(responses.POST, TOKEN_URL, json=token("token-2"))
    responses.add(
        responses.PATCH,
        f"{API}/composite/sobjects",
        status=401,
        json=[{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}],
    )
    orders = [order_id(n) for n in (1, 2, 3)]
    responses.add(
        responses.PATCH,
        f"{API}/composite/sobjects",
        json=[{"id": o, "success": True, "errors": []} for o in orders],
        headers={"Sforce-Limit-Info": "api-usage=4120/15000"},
    )
    erp, state = EmbeddedErp(), in_memory_order_state()
    # When a batch of three orders is handled
    response = processor(gateway, erp, state).process(
        {"Records": [record(relay_body(o, 1), n) for n, o in enumerate(orders)]}, LocalLambdaContext("f")
    )
    # Then nothing is left for retry, the ERP has the three orders, and the write-back went in one
    # collections call carried by the new session
    assert response == {"batchItemFailures": []}
    assert len(erp.sales_orders()) == 3
    patches = [c for c in responses.calls if c.request.method == "PATCH"]
    assert len(patches) == 2 and patches[-1].request.headers["Authorization"] == "Bearer token-2"
    sent = json.loads(patches[-1].request.body)
    assert sent["allOrNone"] is False
    assert [r.get("Id", r.get("id")) for r in sent["records"]] == orders
    assert {r[handoff_names.SF_FIELD_SYNC_STATUS] for r in sent["records"]} == {"Synced"}
    assert all(r["attributes"]["type"] == "Order" for r in sent["records"])
    # And the API usage Salesforce reported is read
    assert gateway.api_usage is not None and (gateway.api_usage.used, gateway.api_usage.total) == (
        4120,
        15000,
    )
    assert all(state.get(o).written_back_version == 1 for o in orders)  # type: ignore[union-attr]


@responses.activate
def test_request_limit_exceeded_leaves_the_batch_for_retry(gateway: SalesforceSimpleGateway) -> None:
    # Given the org's API allowance is used up
    responses.add(responses.POST, TOKEN_URL, json=token("token-1"))
    for _ in range(3):
        responses.add(
            responses.PATCH,
            f"{API}/composite/sobjects",
            status=403,
            json=[{"message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"}],
        )
    erp, state = EmbeddedErp(), in_memory_order_state()
    o = order_id(4)
    # When the batch is handled
    response = processor(gateway, erp, state).process(
        {"Records": [record(relay_body(o, 1), 1)]}, LocalLambdaContext("f")
    )
    # Then the message is left for SQS to retry; the ERP order exists once and a retry will only write back
    assert response == {"batchItemFailures": [{"itemIdentifier": "m1"}]}
    assert len(erp.sales_orders()) == 1
    assert state.get(o).written_back_version == -1  # type: ignore[union-attr]
