"""The writer function's side of the write queue: one SQS batch (everything that arrived in the
batching window, up to ``BATCH_SIZE`` messages) -> one call to the Salesforce writer.

Per batch:

1. Read every message; one that can never be understood (not JSON, an unknown format, a change
   without a key or with a field that is not an API name) goes to the write DLQ at once with the
   reason, the rest go on. A message may also be one bare change: what the writer puts in the DLQ
   for a rejected record, so a redrive of the DLQ to this queue writes it.
2. Write every change of the batch at once (``SalesforceWriter.write``): coalesced per record,
   newest version per field, sObject Collections 200 a call (Bulk above the threshold).
3. Per message: a change Salesforce refused went to the write DLQ with Salesforce's code and
   message (the writer does that, with the sending flow named); a retriable failure fails the
   message, and SQS gives it again (its other changes are written again at the same version, which
   the desired state allows and Salesforce takes as the same value); deferred changes (non-urgent,
   API usage above the guard) go back on the queue with ``DEFER_DELAY_S`` delay, so they come back
   by themselves once usage is below the share.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from sferp.fifo import record_outcomes
from sferp.observability import logger, metrics
from sferp.ports.queues import DeadLetter, DeadLetterQueue, QueueSender
from sferp.salesforce_writer import (
    RecordChange,
    SalesforceWriter,
    WriteOutcome,
    WriteResult,
    change_from_json,
)
from sferp.write_queue import names as queue_names
from sferp.write_queue.sender import pack


@dataclass
class WriteBatchOutcome:
    """What one batch did (the local runtime, the benchmark and the tests read it)."""

    results: list[WriteResult] = field(default_factory=list)
    dead_letters: list[DeadLetter] = field(default_factory=list)  # unreadable messages
    failures: dict[str, str] = field(default_factory=dict)  # message id -> reason (retried)
    requeued: int = 0

    def count(self, outcome: WriteOutcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)


def read_message(body: str) -> list[RecordChange]:
    """The changes of one write-queue message; a ValueError says why it cannot be read."""
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise ValueError("the message body is not JSON") from exc
    if not isinstance(data, Mapping):
        raise ValueError("the message body is not a JSON object")
    if "changes" not in data:
        return [change_from_json(data)]  # one change: a redriven dead letter
    if data.get("v") != queue_names.MESSAGE_VERSION:
        raise ValueError(f"message format {data.get('v')!r} is not {queue_names.MESSAGE_VERSION}")
    changes = data["changes"]
    if not isinstance(changes, list) or not changes:
        raise ValueError("the message's changes are not a non-empty list")
    return [change_from_json(change) for change in changes]


class WriteQueueProcessor:
    def __init__(
        self,
        *,
        writer: SalesforceWriter,
        queue: QueueSender,
        dead_letters: DeadLetterQueue,
        defer_delay_s: int = queue_names.DEFER_DELAY_S,
    ) -> None:
        self._writer = writer
        self._queue = queue
        self._dead_letters = dead_letters
        self._defer_delay_s = defer_delay_s
        self.last_outcome = WriteBatchOutcome()

    def process(self, event: Mapping[str, Any], context: Any = None) -> dict[str, Any]:
        del context
        outcome = WriteBatchOutcome()
        self.last_outcome = outcome
        messages: list[tuple[str, list[RecordChange]]] = []
        for record in event.get("Records", []):
            message_id, body = str(record["messageId"]), str(record.get("body", ""))
            try:
                messages.append((message_id, read_message(body)))
            except ValueError as exc:
                self._dead_letter(message_id, body, str(exc), outcome)
        changes = [change for _, own in messages for change in own]
        if changes:
            metrics.add_metric(
                name=queue_names.METRIC_CHANGES_RECEIVED, unit=MetricUnit.Count, value=len(changes)
            )
        results = iter(self._writer.write(changes) if changes else [])
        deferred: list[tuple[str, RecordChange]] = []
        for message_id, own in messages:
            answers = [next(results) for _ in own]
            outcome.results.extend(answers)
            retry = next((a for a in answers if a.outcome is WriteOutcome.RETRY), None)
            if retry is not None:
                outcome.failures[message_id] = (
                    f"retry: {retry.error_code or ''} {retry.message or ''}".strip()
                )
                continue
            deferred += [(message_id, a.change) for a in answers if a.outcome is WriteOutcome.DEFERRED]
        self._requeue(deferred, outcome)
        record_outcomes(len(event.get("Records", [])), len(outcome.failures))
        return {"batchItemFailures": [{"itemIdentifier": m} for m in outcome.failures]}

    def _requeue(self, deferred: list[tuple[str, RecordChange]], outcome: WriteBatchOutcome) -> None:
        if not deferred:
            return
        try:
            self._queue.send_bodies(pack([c for _, c in deferred]), delay_seconds=self._defer_delay_s)
        except Exception as exc:
            # Not back on the queue: the messages they came in fail and SQS gives them again.
            for message_id, _ in deferred:
                outcome.failures.setdefault(message_id, f"deferred changes not requeued ({exc})")
            return
        outcome.requeued = len(deferred)
        metrics.add_metric(
            name=queue_names.METRIC_CHANGES_REQUEUED, unit=MetricUnit.Count, value=len(deferred)
        )
        logger.info(
            "non-urgent Salesforce writes deferred: back on the write queue",
            extra={"changes": len(deferred), "delay_s": self._defer_delay_s},
        )

    def _dead_letter(self, message_id: str, body: str, reason: str, outcome: WriteBatchOutcome) -> None:
        letter = DeadLetter(
            body=body,
            reason=f"not a write-queue message: {reason}",
            message_group_id="salesforce-writes",
            source_message_id=message_id,
            salesforce_order_id=None,
        )
        try:
            self._dead_letters.send(letter)
        except Exception as exc:
            outcome.failures[message_id] = f"not dead-lettered ({exc}); retried"
            return
        outcome.dead_letters.append(letter)
        metrics.add_metric(name=queue_names.METRIC_DEAD_LETTERED, unit=MetricUnit.Count, value=1)
        logger.error("write-queue message dead-lettered", extra={"reason": reason, "message_id": message_id})
