"""One Lambda batch of the order-handoff FIFO queue.

- Records are processed in order with Powertools' ``SqsFifoPartialProcessor`` and
  ``skip_group_on_error``: a failure holds back only the rest of its own message group (one
  Salesforce order), other orders in the batch go on.
- A payload that can never succeed is dead-lettered at once with its reason (see
  ``sferp.ports.queues``) and Salesforce is told; retriable failures are reported to SQS with an
  exponential back-off on the message's visibility.
- The write-backs of the whole batch go to Salesforce in ONE sObject Collections call.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from sferp.errors import (
    CustomerNotCoupledError,
    ErpRejectedError,
    InvalidEventError,
    PermanentError,
    RetriableError,
)
from sferp.fifo import fifo_processor, leave_in_queue, record_outcomes
from sferp.models.order import SyncStatus
from sferp.models.records import RecordUpdate
from sferp.observability import logger, metrics
from sferp.order_handoff import names as handoff_names
from sferp.order_handoff.envelope import parse_order_event
from sferp.order_handoff.service import OrderHandoffService, error_writeback
from sferp.ports import SalesforceGateway
from sferp.ports.queues import DeadLetter, DeadLetterQueue, RetryScheduler
from sferp.salesforce_writer import ChangeWriter, RecordChange, WriteOutcome
from sferp.settings import FlowMode


def backoff_seconds(receive_count: int, rng: random.Random | None = None) -> int:
    """Exponential back-off with full jitter on the upper half: 30 s, 60 s, 120 s ... capped."""
    base = min(
        handoff_names.RETRY_BACKOFF_BASE_S * 2 ** max(receive_count - 1, 0), handoff_names.RETRY_BACKOFF_MAX_S
    )
    rng = rng or random.Random()  # noqa: S311 - jitter, not cryptography
    return int(base / 2 + rng.random() * base / 2)


@dataclass
class _Pending:
    message_id: str
    group_id: str
    update: RecordUpdate
    version: int | None
    body: str  # the event, so a dead-lettered write-back can be redriven like any event
    # The Order version the write-back is about (0 when the event could not be read): the
    # writer's order between write-backs of one Order. ``version`` stays None for an Error
    # write-back whose event is in the DLQ already.
    order_version: int = 0


@dataclass
class BatchOutcome:
    """What one batch did; the local runtime reads it for its report."""

    handled: dict[str, str] = field(default_factory=dict)  # message id -> outcome
    dead_letters: list[DeadLetter] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)  # message id -> reason


class OrderBatchProcessor:
    def __init__(
        self,
        *,
        service: OrderHandoffService,
        salesforce: SalesforceGateway,
        dead_letters: DeadLetterQueue,
        retries: RetryScheduler,
        mode: FlowMode,
        record_written_back: Any,
        writer: ChangeWriter,
        max_lines: int = handoff_names.MAX_LINES_DEFAULT,
    ) -> None:
        self._writer = writer
        self._service = service
        self._salesforce = salesforce
        self._dead_letters = dead_letters
        self._retries = retries
        self._mode = mode
        self._record_written_back = record_written_back
        self._max_lines = max_lines
        self.last_outcome = BatchOutcome()
        self._last_attempt_errors: list[tuple[RecordUpdate, int]] = []

    def process(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        records = event.get("Records", [])
        outcome = BatchOutcome()
        self.last_outcome = outcome
        if self._mode is FlowMode.OFF:
            return leave_in_queue("order handoff", records)

        pending: list[_Pending] = []
        self._last_attempt_errors = []
        processor = fifo_processor()

        def record_handler(record: SQSRecord) -> str:
            return self._handle_record(record, pending, outcome)

        with processor(records=records, handler=record_handler, lambda_context=context):
            processor.process()
        response = processor.response()
        failed_ids = {item["itemIdentifier"] for item in response["batchItemFailures"]}

        failed_ids |= self._flush_writebacks(pending, outcome)
        if self._last_attempt_errors:
            # After their last attempt these messages go to the DLQ: one call tells Salesforce.
            self._best_effort_writeback(self._last_attempt_errors)
        # FIFO: once a message of a group fails, every later message of that group in the batch
        # must fail too, or it would be applied ahead of the one that is retried.
        failed_groups: set[str] = set()
        ordered_failures: list[dict[str, str]] = []
        for raw in records:
            record = SQSRecord(raw)
            group = record.attributes.message_group_id or ""
            if record.message_id in failed_ids or group in failed_groups:
                failed_groups.add(group)
                ordered_failures.append({"itemIdentifier": record.message_id})
                outcome.failures.setdefault(
                    record.message_id, "held back behind a failed message of its group"
                )
                self._retries.delay(
                    record, backoff_seconds(int(record.attributes.approximate_receive_count or 1))
                )
        record_outcomes(len(records), len(ordered_failures))
        return {"batchItemFailures": ordered_failures}

    # -- one record -------------------------------------------------------------------------------
    def _handle_record(self, record: SQSRecord, pending: list[_Pending], outcome: BatchOutcome) -> str:
        group = record.attributes.message_group_id or ""
        logger.append_keys(message_id=record.message_id)
        logger.remove_keys(["salesforce_order_id", "order_version"])
        order_id: str | None = None
        order_version = 0  # unknown until the event is read
        try:
            event = parse_order_event(record.body, max_lines=self._max_lines)
            order_id, order_version = event.order_id, event.version
            result = self._service.handle(event)
        except PermanentError as exc:
            reason = exc.reason if isinstance(exc, InvalidEventError) else f"{type(exc).__name__}: {exc}"
            if isinstance(exc, InvalidEventError | ErpRejectedError):
                # The order's content was refused (by the event schema or by the ERP's rules): a
                # data problem someone must fix in Salesforce or the ERP, not an outage.
                metrics.add_metric(
                    name=handoff_names.METRIC_VALIDATION_FAILURES, unit=MetricUnit.Count, value=1
                )
            order_id = getattr(exc, "salesforce_order_id", None) or order_id
            order_version = getattr(exc, "order_version", None) or order_version
            self._dead_letter(record, reason, order_id, group, pending, outcome, order_version)
            return "dead_lettered"
        except RetriableError as exc:
            reason = f"{type(exc).__name__}: {exc}"
            metrics.add_metric(name=handoff_names.METRIC_RETRIABLE_FAILURES, unit=MetricUnit.Count, value=1)
            receive_count = int(record.attributes.approximate_receive_count or 1)
            final = receive_count >= handoff_names.ORDER_HANDOFF_MAX_RECEIVE_COUNT
            logger.warning(
                "record failed, SQS will retry"
                if not final
                else "record failed on its last attempt; SQS moves it to the DLQ",
                extra={"reason": reason, "receive_count": receive_count, "final_attempt": final},
            )
            outcome.failures[record.message_id] = reason
            if (
                isinstance(exc, CustomerNotCoupledError)
                and not final
                and order_id
                and self._mode is FlowMode.LIVE
            ):
                # The Order shows why it is not in the ERP yet while it waits for its customer.
                self._last_attempt_errors.append(
                    (
                        error_writeback(
                            order_id,
                            f"Waiting (attempt {receive_count} of {handoff_names.ORDER_HANDOFF_MAX_RECEIVE_COUNT}): {exc}",
                            now=datetime.now(UTC),
                            status=SyncStatus.WAITING,
                        ),
                        order_version,
                    )
                )
            if final and order_id and self._mode is FlowMode.LIVE:
                # Tell Salesforce at the end of this batch: after this attempt SQS moves the message
                # to the DLQ and no code of ours sees it again until ops redrive it.
                self._last_attempt_errors.append(
                    (
                        error_writeback(
                            order_id,
                            f"Not synced after {receive_count} attempts ({reason}); in the DLQ for ops",
                            now=datetime.now(UTC),
                        ),
                        order_version,
                    )
                )
            raise
        outcome.handled[record.message_id] = result.outcome.value
        if result.writeback is not None and self._mode is FlowMode.LIVE:
            pending.append(
                _Pending(
                    record.message_id, group, result.writeback, result.version, record.body, event.version
                )
            )
        return result.outcome.value

    def _dead_letter(
        self,
        record: SQSRecord,
        reason: str,
        order_id: str | None,
        group: str,
        pending: list[_Pending],
        outcome: BatchOutcome,
        order_version: int = 0,
    ) -> None:
        letter = DeadLetter(
            body=record.body,
            reason=reason,
            message_group_id=group or "unknown",
            source_message_id=record.message_id,
            salesforce_order_id=order_id,
        )
        # If this send fails the exception fails the record and SQS keeps the message: nothing is lost.
        self._dead_letters.send(letter)
        outcome.dead_letters.append(letter)
        metrics.add_metric(name=handoff_names.METRIC_DEAD_LETTERED, unit=MetricUnit.Count, value=1)
        logger.error("event dead-lettered", extra={"reason": reason, "salesforce_order_id": order_id})
        if order_id and self._mode is FlowMode.LIVE:
            pending.append(
                _Pending(
                    record.message_id,
                    group,
                    error_writeback(order_id, reason, now=datetime.now(UTC)),
                    None,
                    record.body,
                    order_version,
                )
            )

    # -- write-back -----------------------------------------------------------------------------
    def _flush_writebacks(self, pending: list[_Pending], outcome: BatchOutcome) -> set[str]:
        """Send all write-backs of the batch through the shared writer (one sObject Collections
        call; the newest state per Order and field, never an older one over a newer one another
        invocation wrote); return the message ids to retry."""
        if not pending:
            return set()
        changes = [
            RecordChange(
                handoff_names.SF_ORDER_OBJECT,
                item.update.key,
                item.update.fields,
                item.order_version,
                flow=handoff_names.FLOW_ORDER_HANDOFF,
                reference=item.message_id,
            )
            for item in pending
        ]
        results = self._writer.write(changes)  # it publishes the org's API usage after writing
        retry: set[str] = set()
        retry_keys: set[str] = set()
        for item, result in zip(pending, results, strict=True):
            if result.outcome is WriteOutcome.WRITTEN:
                if item.version is not None:
                    self._record_written_back(item.update.key, item.version)
                continue
            if result.outcome is WriteOutcome.SUPERSEDED:
                continue  # a newer state of this Order is written (or wanted) instead
            if result.outcome is WriteOutcome.QUEUED:
                # On the write queue (SQS has it): the writer function writes it within its window,
                # or puts it in the write DLQ with Salesforce's reason. Remembered as handed on, so
                # a redelivered event does not queue it again; redriving the write DLQ writes it.
                if item.version is not None:
                    self._record_written_back(item.update.key, item.version)
                continue
            reason = f"{result.error_code}: {result.message}"
            metrics.add_metric(name=handoff_names.METRIC_WRITEBACK_FAILURES, unit=MetricUnit.Count, value=1)
            if result.outcome is WriteOutcome.RETRY:
                logger.warning(
                    "write-back failed",
                    extra={"reason": reason, "retriable": True, "salesforce_order_id": item.update.key},
                )
                retry_keys.add(item.update.key)
                outcome.failures[item.message_id] = f"write-back: {reason}"
            else:
                self._reject_writeback(item, reason)
        # Every message of an Order whose write-back is retried goes back with it (FIFO order).
        retry |= {item.message_id for item in pending if item.update.key in retry_keys}
        return retry

    def _reject_writeback(self, item: _Pending, reason: str) -> None:
        """The ERP side is done; Salesforce refuses the write-back for good (deleted record,
        validation rule, lost field access). The event goes to the DLQ with Salesforce's code and
        message: redriving it after the cause is fixed writes the ERP number back (the ERP call is
        skipped as a duplicate), and the DLQ alarm and WritebackRejected tell ops."""
        logger.error(
            "write-back rejected by Salesforce",
            extra={"salesforce_order_id": item.update.key, "reason": reason},
        )
        metrics.add_metric(name=handoff_names.METRIC_WRITEBACK_REJECTED, unit=MetricUnit.Count, value=1)
        if item.version is None:
            return  # the Error write-back of an event that is in the DLQ already, with its reason
        self._dead_letters.send(
            DeadLetter(
                body=item.body,
                reason=f"write-back rejected by Salesforce: {reason}",
                message_group_id=item.group_id or "unknown",
                source_message_id=f"wb-{item.message_id}",
                salesforce_order_id=item.update.key,
            )
        )

    def _best_effort_writeback(self, updates: list[tuple[RecordUpdate, int]]) -> None:
        results = self._writer.write(
            [
                RecordChange(
                    handoff_names.SF_ORDER_OBJECT,
                    update.key,
                    update.fields,
                    version,
                    flow=handoff_names.FLOW_ORDER_HANDOFF,
                )
                for update, version in updates
            ]
        )
        for result in results:
            if result.outcome in (WriteOutcome.REJECTED, WriteOutcome.RETRY):
                logger.warning(
                    "could not report the failure to Salesforce",
                    extra={
                        "reason": f"{result.error_code}: {result.message}",
                        "salesforce_order_id": result.change.key,
                    },
                )
