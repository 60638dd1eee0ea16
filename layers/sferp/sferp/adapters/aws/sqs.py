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


def _send_batches(
    client: SQSClient, url: str, entries: Sequence[dict[str, Any]], batch_size: int = 10
) -> None:
    """``SendMessageBatch`` in chunks; any entry SQS refused raises with its code, so the caller
    fails (and runs again) instead of going on past a message it did not send."""
    for start in range(0, len(entries), batch_size):
        chunk = [{"Id": str(i), **entry} for i, entry in enumerate(entries[start : start + batch_size])]
        answer = client.send_message_batch(QueueUrl=url, Entries=chunk)  # type: ignore[arg-type]
        failed = answer.get("Failed") or []
        if failed:
            first = failed[0]
            raise RuntimeError(
                f"SQS refused {len(failed)} of {len(chunk)} messages: {first.get('Code')}: {first.get('Message')}"
            )


class SqsFifoSender(MessageSender):
    """``SendMessageBatch`` of ten to a FIFO queue; any entry SQS refused raises with its code, so
    the caller (a poll) fails and runs again instead of advancing past a change it did not queue."""

    def __init__(self, queue_url: str, client: SQSClient, *, batch_size: int = 10) -> None:
        self._url = queue_url
        self._client = client
        self._batch_size = batch_size

    def send(self, messages: Sequence[OutgoingMessage]) -> None:
        entries = [
            {
                "MessageBody": m.body,
                "MessageGroupId": m.group_id,
                "MessageDeduplicationId": m.deduplication_id[:128],
            }
            for m in messages
        ]
        _send_batches(self._client, self._url, entries, self._batch_size)


class SqsStandardSender(QueueSender):
    """``SendMessageBatch`` of ten to a standard queue; any entry SQS refused raises with its code."""

    def __init__(self, queue_url: str, client: SQSClient) -> None:
        self._url = queue_url
        self._client = client

    def send_bodies(self, bodies: Sequence[str], *, delay_seconds: int = 0) -> None:
        _send_batches(
            self._client, self._url, [{"MessageBody": body, "DelaySeconds": delay_seconds} for body in bodies]
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
