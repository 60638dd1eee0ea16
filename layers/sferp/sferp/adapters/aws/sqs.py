"""SQS adapters of the queue ports: the dead-letter queue a handler writes to with the reason,
and the retry back-off through the message's visibility timeout."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from sferp.observability import logger
from sferp.ports.queues import (
    ORDER_ID_ATTRIBUTE,
    REASON_ATTRIBUTE,
    SOURCE_MESSAGE_ID_ATTRIBUTE,
    DeadLetter,
    DeadLetterQueue,
    MessageSender,
    OutgoingMessage,
    QueueSender,
    RetryScheduler,
)

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient


class SqsDeadLetterQueue(DeadLetterQueue):
    def __init__(self, queue_url: str, client: SQSClient) -> None:
        self._url = queue_url
        self._client = client

    def send(self, letter: DeadLetter) -> None:
        attributes = {
            REASON_ATTRIBUTE: {"DataType": "String", "StringValue": letter.reason[:1000] or "unknown"},
            SOURCE_MESSAGE_ID_ATTRIBUTE: {"DataType": "String", "StringValue": letter.source_message_id},
        }
        if letter.salesforce_order_id:
            attributes[ORDER_ID_ATTRIBUTE] = {"DataType": "String", "StringValue": letter.salesforce_order_id}
        kwargs: dict[str, Any] = {
            "QueueUrl": self._url,
            "MessageBody": letter.body,
            "MessageAttributes": attributes,
        }
        if self._url.endswith(".fifo"):
            kwargs["MessageGroupId"] = letter.message_group_id
            # The source message id makes a re-send after a crash land once, not twice.
            kwargs["MessageDeduplicationId"] = f"dl-{letter.source_message_id}"[:128]
        self._client.send_message(**kwargs)


class SqsFifoSender(MessageSender):
    """``SendMessageBatch`` of ten; any entry SQS refused raises with its code, so the caller (a
    poll) fails and runs again instead of advancing past a change it did not queue."""

    def __init__(self, queue_url: str, client: SQSClient, *, batch_size: int = 10) -> None:
        self._url = queue_url
        self._client = client
        self._batch_size = batch_size

    def send(self, messages: Sequence[OutgoingMessage]) -> None:
        for start in range(0, len(messages), self._batch_size):
            chunk = messages[start : start + self._batch_size]
            answer = self._client.send_message_batch(
                QueueUrl=self._url,
                Entries=[
                    {
                        "Id": str(i),
                        "MessageBody": m.body,
                        "MessageGroupId": m.group_id,
                        "MessageDeduplicationId": m.deduplication_id[:128],
                    }
                    for i, m in enumerate(chunk)
                ],
            )
            failed = answer.get("Failed") or []
            if failed:
                first = failed[0]
                raise RuntimeError(
                    f"SQS refused {len(failed)} of {len(chunk)} messages: {first.get('Code')}: {first.get('Message')}"
                )


class SqsStandardSender(QueueSender):
    """``SendMessageBatch`` of ten to a standard queue; any entry SQS refused raises with its code."""

    def __init__(self, queue_url: str, client: SQSClient) -> None:
        self._url = queue_url
        self._client = client

    def send_bodies(self, bodies: Sequence[str], *, delay_seconds: int = 0) -> None:
        for start in range(0, len(bodies), 10):
            chunk = bodies[start : start + 10]
            answer = self._client.send_message_batch(
                QueueUrl=self._url,
                Entries=[
                    {"Id": str(i), "MessageBody": body, "DelaySeconds": delay_seconds}
                    for i, body in enumerate(chunk)
                ],
            )
            failed = answer.get("Failed") or []
            if failed:
                first = failed[0]
                raise RuntimeError(
                    f"SQS refused {len(failed)} of {len(chunk)} messages: {first.get('Code')}: {first.get('Message')}"
                )


class SqsVisibilityRetryScheduler(RetryScheduler):
    def __init__(self, client: SQSClient) -> None:
        self._client = client

    @staticmethod
    def queue_url(event_source_arn: str) -> str:
        _, _, _, region, account, name = event_source_arn.split(":", 5)
        return f"https://sqs.{region}.amazonaws.com/{account}/{name}"

    def delay(self, record: SQSRecord, seconds: int) -> None:
        try:
            self._client.change_message_visibility(
                QueueUrl=self.queue_url(record.event_source_arn),
                ReceiptHandle=record.receipt_handle,
                VisibilityTimeout=seconds,
            )
        except Exception:
            logger.warning("could not set retry back-off", extra={"message_id": record.message_id})
