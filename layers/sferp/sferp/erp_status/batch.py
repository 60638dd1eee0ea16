"""One SQS FIFO batch of ERP order states -> the Salesforce Orders, in as few calls as the batch allows.

Two kinds of message share the queue and the path: a poll's order state (``{"source": "poll",
"order": {...}}``) and an ERP business event (the EventBridge event, through the pipe), which
names the order only. Per batch:

1. Parse every message; one that can never be understood is dead-lettered at once with the reason.
2. Read the orders the batch's events name in one keyed ERP call; an ERP outage fails those
   messages (SQS retries them), the poll states go on.
3. Plan each state (``service.ErpStatusService.plan``): unlinked orders are counted and logged,
   unmapped statuses dead-lettered with the ERP's codes, stale and duplicate states skipped.
4. Write every planned change of the batch through the shared Salesforce writer at once: the
   Orders in one sObject Collections call, the history records in one upsert; or, where the
   environment has the write queue, onto the queue (``QUEUED``), where the writer function writes
   a whole batching window's changes together (``sferp.write_queue``).
5. Per message: every write landed -> remembered (a re-poll writes nothing); Salesforce refused a
   record -> dead-lettered with Salesforce's code and message; a retriable failure -> the message
   fails and, FIFO, so does every later message of its group in the batch.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from sferp.erp_status import names as status_names
from sferp.erp_status.erp_events import parse_erp_order_event
from sferp.erp_status.service import Decision, ErpStatusService, Source, StatusPlan
from sferp.errors import ErpError, InvalidEventError, RetriableError
from sferp.fifo import leave_in_queue, record_outcomes
from sferp.models.records import ERP_ORDER_STATUSES, ErpSalesOrderRecord
from sferp.observability import logger, metrics
from sferp.ports.erp import SalesOrderChangesPort
from sferp.ports.queues import DeadLetter, DeadLetterQueue
from sferp.salesforce_writer import ChangeWriter, WriteOutcome, WriteResult
from sferp.settings import FlowMode


@dataclass
class BatchOutcome:
    """What one batch did (the local runtime's report and the tests read it)."""

    written: list[StatusPlan] = field(default_factory=list)
    skipped: list[StatusPlan] = field(default_factory=list)  # stale or duplicate
    unlinked: list[str] = field(default_factory=list)  # ERP order numbers
    dead_letters: list[DeadLetter] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)  # message id -> reason (retried)
    shadow: list[StatusPlan] = field(default_factory=list)


@dataclass
class _Message:
    message_id: str
    group: str
    body: str
    source: Source = Source.POLL
    order: ErpSalesOrderRecord | None = None
    erp_order_id: str | None = None  # an event: the order it names
    error: str | None = None


def _parse(record: Mapping[str, Any]) -> _Message:
    body = str(record.get("body", ""))
    attributes = record.get("attributes") or {}
    message = _Message(str(record["messageId"]), str(attributes.get("MessageGroupId", "")), body)
    try:
        data = json.loads(body)
    except ValueError:
        message.error = "the message body is not JSON"
        return message
    if not isinstance(data, Mapping):
        message.error = "the message body is not a JSON object"
        return message
    try:
        if "detail-type" in data:
            message.source = Source.EVENT
            message.erp_order_id = parse_erp_order_event(data).erp_order_id
        elif data.get("source") == "poll" and isinstance(data.get("order"), Mapping):
            message.order = ErpSalesOrderRecord.model_validate(data["order"])
        else:
            message.error = "neither a poll's order state nor an ERP sales order event"
    except InvalidEventError as exc:
        message.error = str(exc)
    except ValueError as exc:  # pydantic's ValidationError
        message.error = f"the poll's order state does not validate: {str(exc).splitlines()[0]}"
    return message


class ErpStatusBatchProcessor:
    def __init__(
        self,
        *,
        erp: SalesOrderChangesPort,
        service: ErpStatusService,
        writer: ChangeWriter,
        dead_letters: DeadLetterQueue,
        mode: FlowMode,
    ) -> None:
        self._erp = erp
        self._service = service
        self._writer = writer
        self._dead_letters = dead_letters
        self._mode = mode
        self.last_outcome = BatchOutcome()

    def process(self, event: Mapping[str, Any], context: Any = None) -> dict[str, Any]:
        del context
        records = list(event.get("Records", []))
        outcome = BatchOutcome()
        self.last_outcome = outcome
        if self._mode is FlowMode.OFF:
            return leave_in_queue("erp status", records)
        messages = [_parse(r) for r in records]
        self._read_event_orders(messages, outcome)
        plans: dict[str, StatusPlan] = {}
        for message in messages:
            if message.message_id in outcome.failures:
                continue
            if message.error is not None:
                self._dead_letter(message, message.error, None, outcome)
                continue
            assert message.order is not None
            plan = self._service.plan(message.order, message.source)
            if plan.decision is Decision.UNLINKED:
                outcome.unlinked.append(message.order.erp_order_id)
                metrics.add_metric(name=status_names.METRIC_UNLINKED, unit=MetricUnit.Count, value=1)
                logger.warning(
                    "ERP order without a Salesforce Order: not synced", extra={"reason": plan.reason}
                )
            elif plan.decision is Decision.REFUSED:
                if plan.order.status not in ERP_ORDER_STATUSES:
                    metrics.add_metric(name=status_names.METRIC_UNMAPPED, unit=MetricUnit.Count, value=1)
                self._dead_letter(message, plan.reason or "refused", plan.salesforce_order_id, outcome)
            elif plan.decision in (Decision.STALE, Decision.DUPLICATE):
                outcome.skipped.append(plan)
                metrics.add_metric(name=status_names.METRIC_STALE_IGNORED, unit=MetricUnit.Count, value=1)
            elif self._mode is FlowMode.SHADOW:
                outcome.shadow.append(plan)
            else:
                plans[message.message_id] = plan
        if outcome.shadow:
            logger.info("shadow: would write ERP order statuses", extra={"orders": len(outcome.shadow)})
        if plans:
            self._write(messages, plans, outcome)
        failed = self._fail_groups(messages, outcome)
        record_outcomes(len(records), len(failed))
        return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}

    def _read_event_orders(self, messages: Sequence[_Message], outcome: BatchOutcome) -> None:
        wanted = [m.erp_order_id for m in messages if m.erp_order_id and m.error is None]
        if not wanted:
            return
        try:
            found = {o.erp_order_id: o for o in self._erp.sales_orders_by_number(wanted)}
        except (RetriableError, ErpError) as exc:
            logger.warning("orders of the ERP events not read: retried", extra={"reason": str(exc)})
            for message in messages:
                if message.erp_order_id and message.error is None:
                    outcome.failures[message.message_id] = f"{type(exc).__name__}: {exc}"
            return
        for message in messages:
            if message.erp_order_id and message.error is None:
                message.order = found.get(message.erp_order_id)
                if message.order is None:
                    message.error = f"the ERP has no sales order {message.erp_order_id} (the event names one)"

    def _write(
        self, messages: Sequence[_Message], plans: Mapping[str, StatusPlan], outcome: BatchOutcome
    ) -> None:
        ordered = [(m, plans[m.message_id]) for m in messages if m.message_id in plans]
        changes = [change for _, plan in ordered for change in plan.changes]
        results = iter(self._writer.write(changes))
        for message, plan in ordered:
            answers: list[WriteResult] = [next(results) for _ in plan.changes]
            refused = [a for a in answers if a.outcome is WriteOutcome.REJECTED]
            again = [a for a in answers if a.outcome in (WriteOutcome.RETRY, WriteOutcome.DEFERRED)]
            if refused:
                reason = "; ".join(
                    f"Salesforce refused {a.change.sobject} {a.change.key}: {a.error_code}: {a.message}"
                    for a in refused
                )
                self._dead_letter(message, reason, plan.salesforce_order_id, outcome)
            elif again:
                first = again[0]
                outcome.failures[message.message_id] = (
                    f"{first.outcome.value}: {first.error_code or ''} {first.message or ''}".strip()
                )
            else:
                self._service.applied(plan)
                outcome.written.append(plan)
        if outcome.written:
            metrics.add_metric(
                name=status_names.METRIC_STATUSES_WRITTEN, unit=MetricUnit.Count, value=len(outcome.written)
            )

    def _fail_groups(self, messages: Sequence[_Message], outcome: BatchOutcome) -> list[str]:
        """FIFO: a failed message fails every later message of its group in the batch."""
        failed: list[str] = []
        broken: set[str] = set()
        for message in messages:
            if message.message_id in outcome.failures or message.group in broken:
                outcome.failures.setdefault(
                    message.message_id, "held back behind a failed message of its group"
                )
                failed.append(message.message_id)
                broken.add(message.group)
        return failed

    def _dead_letter(
        self, message: _Message, reason: str, salesforce_order_id: str | None, outcome: BatchOutcome
    ) -> None:
        letter = DeadLetter(
            body=message.body,
            reason=reason,
            message_group_id=message.group or "erp-status",
            source_message_id=message.message_id,
            salesforce_order_id=salesforce_order_id,
        )
        try:
            self._dead_letters.send(letter)
        except Exception as exc:
            outcome.failures[message.message_id] = f"not dead-lettered ({exc}); retried"
            return
        outcome.dead_letters.append(letter)
        metrics.add_metric(name=status_names.METRIC_DEAD_LETTERED, unit=MetricUnit.Count, value=1)
        logger.error(
            "ERP order state dead-lettered", extra={"reason": reason, "message_id": message.message_id}
        )
