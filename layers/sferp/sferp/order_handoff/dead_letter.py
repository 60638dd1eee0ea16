"""Dead-lettering a message at once, with its reason, instead of letting SQS retry it five times.

Why not just fail the record: SQS moves a message to the DLQ only after ``maxReceiveCount``
receives, so a payload that can never succeed would burn five attempts and ~20 minutes of its
message group's time, and the DLQ copy would not say why. The handler sends it to the DLQ with
the reason as message attributes, then reports the record as processed.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

REASON_ATTRIBUTE = "sferp-reason"
ORDER_ID_ATTRIBUTE = "sferp-salesforce-order-id"
SOURCE_MESSAGE_ID_ATTRIBUTE = "sferp-source-message-id"
SQS_ATTRIBUTE_MAX = 256 * 1024  # SQS message size limit, body + attributes


@dataclass(frozen=True)
class DeadLetter:
    body: str
    reason: str
    message_group_id: str
    source_message_id: str
    salesforce_order_id: str | None


class DeadLetterQueue(ABC):
    @abstractmethod
    def send(self, letter: DeadLetter) -> None:
        """Keep the message with its reason; raise if it could not be kept (the record then
        fails and SQS keeps it, so nothing is lost)."""


class SqsDeadLetterQueue(DeadLetterQueue):
    def __init__(self, queue_url: str, client: Any) -> None:
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


class InMemoryDeadLetterQueue(DeadLetterQueue):
    def __init__(self) -> None:
        self.letters: list[DeadLetter] = []

    def send(self, letter: DeadLetter) -> None:
        self.letters.append(letter)
