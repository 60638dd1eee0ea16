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
from sferp.ports.desired_state import InMemoryDesiredState
from sferp.salesforce_writer import SalesforceWriter
from sferp.secrets import parse_salesforce_credentials
from sferp.settings import FlowMode
from tests.integration.conftest import loaded_erp, order_id, relay_body

INSTANCE = "https://acme.my.salesforce.com"
API = f"{INSTANCE}/services/data/v63.0"
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
        writer=SalesforceWriter(gateway, state=InMemoryDesiredState()),
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
    erp, state = loaded_erp(), in_memory_order_state()
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
    erp, state = loaded_erp(), in_memory_order_state()
    o = order_id(4)
    # When the batch is handled
    response = processor(gateway, erp, state).process(
        {"Records": [record(relay_body(o, 1), 1)]}, LocalLambdaContext("f")
    )
    # Then the message is left for SQS to retry; the ERP order exists once and a retry will only write back
    assert response == {"batchItemFailures": [{"itemIdentifier": "m1"}]}
    assert len(erp.sales_orders()) == 1
    assert state.get(o).written_back_version == -1  # type: ignore[union-attr]


def _processor_with_dlq(
    gateway: SalesforceSimpleGateway, erp: EmbeddedErp, state: OrderStateStore
) -> tuple[OrderBatchProcessor, InMemoryDeadLetterQueue]:
    dlq = InMemoryDeadLetterQueue()
    service = OrderHandoffService(
        erp=erp,
        salesforce=gateway,
        state=state,
        guard=InMemoryIdempotencyGuard(),
        lock=InMemoryRecordLock(),
        mode=FlowMode.LIVE,
    )
    batch = OrderBatchProcessor(
        service=service,
        salesforce=gateway,
        dead_letters=dlq,
        retries=NoRetryScheduler(),
        mode=FlowMode.LIVE,
        record_written_back=state.record_written_back,
        writer=SalesforceWriter(gateway, state=InMemoryDesiredState()),
    )
    return batch, dlq


@pytest.mark.parametrize(
    ("status", "errors"),
    [
        (
            400,
            [
                {
                    "message": "No such column 'ERP_Order_Number__c' on sobject of type Order",
                    "errorCode": "INVALID_FIELD",
                }
            ],
        ),
        (
            403,
            [
                {
                    "message": "insufficient access rights on object id",
                    "errorCode": "INSUFFICIENT_ACCESS_OR_READONLY",
                }
            ],
        ),
        (404, [{"message": "The requested resource does not exist", "errorCode": "NOT_FOUND"}]),
    ],
    ids=["400-field-access-lost", "403-not-a-limit", "404"],
)
@responses.activate
def test_a_write_back_call_refused_for_good_is_dead_lettered_not_acknowledged(
    gateway: SalesforceSimpleGateway, status: int, errors: list[dict[str, str]]
) -> None:
    # Given the integration user lost access: the whole sObject Collections call is refused
    responses.add(responses.POST, TOKEN_URL, json=token("token-1"))
    responses.add(responses.PATCH, f"{API}/composite/sobjects", status=status, json=errors)
    erp, state = loaded_erp(), in_memory_order_state()
    orders = [order_id(n) for n in (5, 6)]
    batch, dlq = _processor_with_dlq(gateway, erp, state)
    records = [record(relay_body(o, 1), n) for n, o in enumerate(orders)]
    # When the batch is handled
    response = batch.process({"Records": records}, LocalLambdaContext("f"))
    # Then the ERP has the orders (that part is done) and SQS is not asked to retry ...
    assert response == {"batchItemFailures": []} and len(erp.sales_orders()) == 2
    # ... but nothing is acknowledged silently: every event is in the DLQ with Salesforce's code and
    # message, as its original body (a redrive after the fix re-runs it)
    assert sorted(letter.salesforce_order_id or "" for letter in dlq.letters) == sorted(orders)
    for letter in dlq.letters:
        assert letter.reason.startswith("write-back rejected by Salesforce:")
        assert errors[0]["errorCode"] in letter.reason and errors[0]["message"][:20] in letter.reason
        assert letter.body in {r["body"] for r in records}
    # And Salesforce has not been told otherwise: the write-back stays pending in the state
    assert all(state.get(o).written_back_version == -1 for o in orders)  # type: ignore[union-attr]


@responses.activate
def test_a_record_salesforce_refuses_is_dead_lettered_and_the_rest_written(
    gateway: SalesforceSimpleGateway,
) -> None:
    # Given Salesforce takes one write-back and refuses the other (a validation rule)
    ok, refused = order_id(7), order_id(8)
    responses.add(responses.POST, TOKEN_URL, json=token("token-1"))
    responses.add(
        responses.PATCH,
        f"{API}/composite/sobjects",
        json=[
            {"id": ok, "success": True, "errors": []},
            {
                "success": False,
                "errors": [
                    {
                        "statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                        "message": "Closed orders are locked",
                        "fields": [],
                    }
                ],
            },
        ],
    )
    erp, state = loaded_erp(), in_memory_order_state()
    batch, dlq = _processor_with_dlq(gateway, erp, state)
    # When both are handled in one batch
    response = batch.process(
        {"Records": [record(relay_body(ok, 1), 1), record(relay_body(refused, 1), 2)]},
        LocalLambdaContext("f"),
    )
    # Then the accepted one is recorded as written back, the refused one is dead-lettered with the reason
    assert response == {"batchItemFailures": []}
    assert state.get(ok).written_back_version == 1  # type: ignore[union-attr]
    assert [letter.salesforce_order_id for letter in dlq.letters] == [refused]
    assert "FIELD_CUSTOM_VALIDATION_EXCEPTION" in dlq.letters[0].reason
