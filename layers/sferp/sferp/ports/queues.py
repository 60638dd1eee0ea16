"""Dead letters and retry back-off for every queue-driven flow.

Dead-lettering at once, with the reason, instead of letting SQS retry five times: SQS moves a
message to the DLQ only after ``maxReceiveCount`` receives, so a payload that can never succeed
would burn five attempts and ~20 minutes of its message group's time, and the DLQ copy would not
say why. The handler sends it to the DLQ with the reason as message attributes, then reports the
record as processed. Adapters: ``sferp.adapters.aws.sqs``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

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


class RetryScheduler(ABC):
    @abstractmethod
    def delay(self, record: SQSRecord, seconds: int) -> None:
        """Make the message visible again after ``seconds`` (best effort)."""


@dataclass(frozen=True)
class OutgoingMessage:
    """A message for a FIFO queue: its group orders it, its deduplication id makes a resend within
    SQS's five-minute window a no-op."""

    body: str
    group_id: str
    deduplication_id: str


class MessageSender(ABC):
    @abstractmethod
    def send(self, messages: Sequence[OutgoingMessage]) -> None:
        """Send every message (in batches of ten) or raise: a message SQS did not take is never
        silently dropped."""


class QueueSender(ABC):
    """A standard queue's sending side (no groups, no deduplication: the receiver is idempotent)."""

    @abstractmethod
    def send_bodies(self, bodies: Sequence[str], *, delay_seconds: int = 0) -> None:
        """Send every body (in batches of ten), visible after ``delay_seconds``, or raise: a body
        SQS did not take is never silently dropped."""
