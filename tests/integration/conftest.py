"""Integration fixtures: the real handler against moto, the embedded ERP and the embedded org."""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from moto import mock_aws
from sferp_tools import cli
from sferp_tools.embedded_org import EmbeddedSalesforceOrg
from sferp_tools.fakes import NoRetryScheduler
from sferp_tools.local.harness import handler_path, load_handler_module
from sferp_tools.local.lambda_context import LocalLambdaContext
from sferp_tools.local.order_handoff import LocalOrderHandoffStack

from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.order_handoff import app
from sferp.settings import FlowMode, OrderHandoffSettings

ACCOUNT = "0015g000000XYZ1AAO"


def order_id(n: int) -> str:
    from sferp_tools.synthetic.order_handoff import salesforce_id

    return salesforce_id("801", n)


def relay_body(order: str, version: int, action: str = "CREATE", **extra: Any) -> str:
    payload: dict[str, Any] = {
        "Order_Id__c": order,
        "Account_Id__c": ACCOUNT,
        "Order_Version__c": version,
        "Action__c": action,
        "CreatedDate": "2026-11-29T08:00:00.000Z",
        "Currency_Iso_Code__c": "EUR",
    }
    if action != "CANCEL":
        payload["Lines__c"] = json.dumps(
            [{"line_id": "L1", "product_code": "MAT-1", "quantity": version, "unit_price": 10}]
        )
    payload.update(extra)
    payload = {k: v for k, v in payload.items() if v is not None}
    return json.dumps(
        {
            "version": "0",
            "id": str(uuid.uuid4()),
            "detail-type": "Order_Handoff__e",
            "source": "aws.partner/salesforce.com/00D/0YL",
            "account": "123456789012",
            "time": "2026-11-29T08:00:00Z",
            "region": "us-east-1",
            "resources": [],
            "detail": {"payload": payload},
        }
    )


@dataclass
class HandlerHarness:
    stack: LocalOrderHandoffStack
    erp: EmbeddedErp
    org: EmbeddedSalesforceOrg
    retries: NoRetryScheduler
    handler: Any
    sqs: Any

    def record(self, body: str, group: str | None = None, receive_count: int = 1) -> dict[str, Any]:
        message_id = str(uuid.uuid4())
        return {
            "messageId": message_id,
            "receiptHandle": f"rh-{message_id}",
            "body": body,
            "attributes": {
                "ApproximateReceiveCount": str(receive_count),
                "SentTimestamp": "1",
                "SenderId": "x",
                "ApproximateFirstReceiveTimestamp": "1",
                "MessageGroupId": group
                if group is not None
                else json.loads(body)["detail"]["payload"].get("Order_Id__c", ""),
                "MessageDeduplicationId": message_id,
                "SequenceNumber": "1",
            },
            "messageAttributes": {},
            "md5OfBody": "",
            "eventSource": "aws:sqs",
            "eventSourceARN": self.stack.arns["queue"],
            "awsRegion": "us-east-1",
        }

    def invoke(self, *records: dict[str, Any]) -> dict[str, Any]:
        return self.handler({"Records": list(records)}, LocalLambdaContext(function_name="order-handoff"))

    def failed(self, response: dict[str, Any]) -> list[str]:
        return [item["itemIdentifier"] for item in response["batchItemFailures"]]

    def dlq(self) -> list[dict[str, Any]]:
        messages = self.sqs.receive_message(
            QueueUrl=self.stack.urls["dlq"], MaxNumberOfMessages=10, MessageAttributeNames=["All"]
        ).get("Messages", [])
        return messages

    def erp_orders(self) -> dict[str, Any]:
        return {o.external_reference: o for o in self.erp.sales_orders()}

    def sf_status(self, order: str) -> dict[str, Any]:
        record = self.org.get_record("Order", order)
        assert record is not None
        return record


# Every material the integration tests' events order.
TEST_SKUS = ("MAT-1", "MAT-9", "M")


def loaded_erp(**kwargs: Any) -> EmbeddedErp:
    """The strict embedded ERP after the master-data load these tests' orders need: a customer
    coupled to ``ACCOUNT`` and the test materials (an order for anything else is refused, as
    SAP refuses it)."""
    erp = EmbeddedErp(**kwargs)
    erp.seed_master_data(accounts=[ACCOUNT], skus=TEST_SKUS)
    return erp


def make_harness(mode: FlowMode = FlowMode.LIVE, **environment: str) -> Iterator[HandlerHarness]:
    with mock_aws():
        session = boto3.session.Session(region_name="us-east-1")
        stack = LocalOrderHandoffStack(session=session)
        stack.create()
        erp = loaded_erp()
        org = EmbeddedSalesforceOrg()
        for n in range(1, 21):
            org.add_order(
                order_id(n),
                account_id=ACCOUNT,
                lines=[{"line_id": "L1", "product_code": "MAT-9", "quantity": 7, "unit_price": 3}],
            )
        sqs = session.client("sqs")
        retries = NoRetryScheduler()
        settings = OrderHandoffSettings.from_env(
            {**stack.handler_environment(mode), "SFERP_ENVIRONMENT": "test", **environment}
        )
        dependencies = app.build_dependencies(settings, boto_session=session, erp=erp, salesforce=org)
        app.set_dependencies(dataclasses.replace(dependencies, retries=retries))
        module = load_handler_module(handler_path("order_handoff"), "sferp_test_order_handoff_handler")
        try:
            yield HandlerHarness(stack, erp, org, retries, module.lambda_handler, sqs)
        finally:
            app.set_dependencies(None)


@pytest.fixture
def harness() -> Iterator[HandlerHarness]:
    yield from make_harness()


@pytest.fixture
def shadow_harness() -> Iterator[HandlerHarness]:
    yield from make_harness(FlowMode.SHADOW)


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Any:
    """``sferp ...`` in-process: (exit code, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli.main(["--version"] if not argv else list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
