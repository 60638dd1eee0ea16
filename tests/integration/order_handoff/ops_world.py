"""Helpers of the ``sferp ops`` tests: the order-handoff resources in moto and ways to fill the DLQs."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sferp_tools.local.order_handoff import LocalOrderHandoffStack
from sferp_tools.synthetic.order_handoff import salesforce_id

from sferp.adapters.aws.sqs import SqsDeadLetterQueue
from sferp.ports.queues import DeadLetter

ENV = "local"  # LocalOrderHandoffStack's environment: resources are sferp-local-...
ACCOUNT = salesforce_id("001", 1)


def order_id(n: int) -> str:
    return salesforce_id("801", n)


def relay_event(order: str | None, version: int = 1, action: str = "CREATE") -> str:
    payload: dict[str, Any] = {
        "Account_Id__c": ACCOUNT,
        "Order_Version__c": version,
        "Action__c": action,
        "Currency_Iso_Code__c": "EUR",
        "CreatedDate": "2026-11-29T08:00:00.000Z",
        "Lines__c": json.dumps(
            [
                {"line_id": "L1", "product_code": "SECRET-SKU-1", "quantity": 2, "unit_price": 10},
                {"line_id": "L2", "product_code": "SECRET-SKU-2", "quantity": 1, "unit_price": 5},
            ]
        ),
    }
    if order:
        payload["Order_Id__c"] = order
    return json.dumps(
        {
            "version": "0",
            "id": str(uuid.uuid4()),
            "detail-type": "Order_Handoff__e",
            "source": "aws.partner/salesforce.com/00D/0YL",
            "detail": {"payload": payload},
        }
    )


@dataclass
class OpsWorld:
    stack: LocalOrderHandoffStack
    sqs: Any
    events: Any

    def dead_letter(self, order: str, reason: str, version: int = 1) -> None:
        """What the handler does with a poison message (sferp.adapters.aws.sqs)."""
        SqsDeadLetterQueue(self.stack.urls["dlq"], self.sqs).send(
            DeadLetter(
                body=relay_event(order, version),
                reason=reason,
                message_group_id=order,
                source_message_id=str(uuid.uuid4()),
                salesforce_order_id=order,
            )
        )

    def exhaust_retries(self, order: str) -> None:
        """A message that fails maxReceiveCount times: SQS's redrive moves it, without a reason."""
        url = self.stack.urls["queue"]
        self.sqs.send_message(QueueUrl=url, MessageBody=relay_event(order), MessageGroupId=order)
        for _ in range(10):
            if not self.sqs.receive_message(QueueUrl=url, VisibilityTimeout=0).get("Messages"):
                break

    def delivery_failure(self, order: str) -> None:
        """An event EventBridge could not deliver to the buffer (it adds ERROR_* attributes)."""
        self.sqs.send_message(
            QueueUrl=self.stack.urls["delivery_dlq"],
            MessageBody=relay_event(order),
            MessageAttributes={
                "ERROR_CODE": {"DataType": "String", "StringValue": "SQS.KmsAccessDenied"},
                "ERROR_MESSAGE": {"DataType": "String", "StringValue": "KMS key policy denies events"},
            },
        )

    def drain(self, key: str) -> list[dict[str, Any]]:
        """Consume every message of a queue (the test's view of where messages ended up)."""
        found: list[dict[str, Any]] = []
        while True:
            batch = self.sqs.receive_message(
                QueueUrl=self.stack.urls[key],
                MaxNumberOfMessages=10,
                AttributeNames=["All"],
                MessageAttributeNames=["All"],
            ).get("Messages", [])
            if not batch:
                return found
            for message in batch:
                found.append(message)
                self.sqs.delete_message(QueueUrl=self.stack.urls[key], ReceiptHandle=message["ReceiptHandle"])

    def depth(self, key: str) -> int:
        attributes = self.sqs.get_queue_attributes(
            QueueUrl=self.stack.urls[key], AttributeNames=["ApproximateNumberOfMessages"]
        )["Attributes"]
        return int(attributes["ApproximateNumberOfMessages"])
