"""One SQS FIFO batch of ``AccountChangeEvent``s -> ``CustomerSyncService.apply`` per record.

* Parse every record first; a record that can never be understood is dead-lettered at once with
  the reason (``InvalidEventError``), and so is a change the ERP can never take
  (``AccountRejectedError``, ``CouplingConflictError``), whose Account then shows ``Error`` with it.
* Re-read the Accounts of every gap (and diff-field) change of the batch in one query per 200 Ids
  before applying anything, so a gap storm costs one Salesforce call per 200 records.
* ``GAP_OVERFLOW`` names no records: start a targeted reconciliation of the Accounts changed
  since its ``commitTimestamp``, and count it.
* A retriable failure (ERP down, the Account's lease held) fails the record and, FIFO, every later
  record of its group in the batch (Powertools' ``SqsFifoPartialProcessor``); SQS redelivers them
  after the visibility timeout and, after the last attempt, moves them to the DLQ (redrive policy).
* The Accounts' sync status of the whole batch is written in one sObject Collections call at the
  end; a refused or failed status write is logged and counted, never retried on its own (the ERP
  holds the change already; the next change writes the status again).
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from sferp import customers
from sferp.customer_sync import names as sync_names
from sferp.customer_sync.changes import AccountChange, ChangeType, parse_account_change
from sferp.customer_sync.erp_events import is_erp_customer_event, parse_erp_customer_event
from sferp.customer_sync.erp_poller import ErpCustomerPoller, PollResult
from sferp.customer_sync.service import (
    AccountRejectedError,
    ChangeResult,
    CustomerSyncService,
    status_writeback,
)
from sferp.errors import (
    ConfigurationError,
    InvalidEventError,
    PermanentError,
    RetriableError,
    SalesforceError,
)
from sferp.fifo import fifo_processor, leave_in_queue, record_outcomes
from sferp.models.records import RecordUpdate
from sferp.observability import logger, metrics
from sferp.ports import SalesforceGateway
from sferp.ports.queues import DeadLetter, DeadLetterQueue
from sferp.ports.reconciliation import ReconciliationTrigger
from sferp.salesforce_writer import ChangeWriter, RecordChange, WriteOutcome
from sferp.settings import FlowMode


@dataclass
class BatchOutcome:
    """What one batch did (the local runtime's report and the tests read it)."""

    results: list[ChangeResult] = field(default_factory=list)
    dead_letters: list[DeadLetter] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)  # message id -> reason (retried)
    overflows: list[datetime] = field(default_factory=list)
    writebacks: list[RecordUpdate] = field(default_factory=list)
    writeback_errors: list[str] = field(default_factory=list)
    erp_events: list[PollResult] = field(default_factory=list)
    erp_event_messages: dict[str, str] = field(default_factory=dict)  # message id -> customer number


@dataclass
class _Parsed:
    changes: list[AccountChange] = field(default_factory=list)
    overflow_since: datetime | None = None
    erp_customer: str | None = None  # an ERP business event: the customer it names
    error: str | None = None


class CustomerBatchProcessor:
    def __init__(
        self,
        *,
        service: CustomerSyncService,
        salesforce: SalesforceGateway,
        dead_letters: DeadLetterQueue,
        mode: FlowMode,
        reconciliation: ReconciliationTrigger | None,
        writer: ChangeWriter,
        erp_poller: ErpCustomerPoller | None = None,
    ) -> None:
        self._writer = writer
        self._service = service
        self._salesforce = salesforce
        self._dead_letters = dead_letters
        self._mode = mode
        self._reconciliation = reconciliation
        self._erp_poller = erp_poller
        self.last_outcome = BatchOutcome()

    def process(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        records = event.get("Records", [])
        outcome = BatchOutcome()
        self.last_outcome = outcome
        if self._mode is FlowMode.OFF:
            return leave_in_queue("customer sync", records)

        parsed = {r["messageId"]: _parse(r.get("body", "")) for r in records}
        accounts = self._reread(parsed)
        merged = self._merges(parsed)
        processor = fifo_processor()

        def record_handler(record: SQSRecord) -> str:
            return self._handle(record, parsed[record.message_id], accounts, merged, outcome)

        with processor(records=records, handler=record_handler, lambda_context=context):
            processor.process()
        failed = [str(item["itemIdentifier"]) for item in processor.response()["batchItemFailures"]]
        failed = self._apply_erp_events(outcome, failed)
        for message_id in failed:
            outcome.failures.setdefault(message_id, "held back behind a failed message of its group")
        self._write_status(outcome)
        record_outcomes(len(records), len(failed))
        return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}

    # --- before the records: the batch's re-reads ---------------------------------------------------
    def _reread(self, parsed: Mapping[str, _Parsed]) -> dict[str, dict[str, Any]] | None:
        wanted = [c.account_id for p in parsed.values() for c in p.changes if c.reread]
        if not wanted:
            return {}
        try:
            return self._salesforce.get_accounts(wanted)
        except SalesforceError as exc:
            # Unread: the records that need it fail (retried) below; the others go on.
            logger.warning("accounts not re-read", extra={"reason": str(exc), "accounts": len(wanted)})
            return None

    def _merges(self, parsed: Mapping[str, _Parsed]) -> dict[str, str] | None:
        """For the batch's deletes, the Accounts they were merged into (one queryAll per 200)."""
        deleted = [
            c.account_id
            for p in parsed.values()
            for c in p.changes
            if c.header.change_type in (ChangeType.DELETE, ChangeType.GAP_DELETE)
        ]
        if not deleted:
            return {}
        try:
            return self._salesforce.merged_into(deleted)
        except SalesforceError as exc:
            logger.warning("merges not read", extra={"reason": str(exc), "accounts": len(deleted)})
            return None

    # --- one record ------------------------------------------------------------------------------------
    def _handle(
        self,
        record: SQSRecord,
        parsed: _Parsed,
        accounts: dict[str, dict[str, Any]] | None,
        merged: dict[str, str] | None,
        outcome: BatchOutcome,
    ) -> str:
        logger.append_keys(message_id=record.message_id)
        if parsed.error is not None:
            self._dead_letter(record, parsed.error, None, outcome)
            return "dead_lettered"
        if parsed.overflow_since is not None:
            self._overflow(parsed.overflow_since, outcome)
            return "overflow"
        if parsed.erp_customer is not None:
            return self._erp_event(record, parsed.erp_customer, outcome)
        done: list[str] = []
        for change in parsed.changes:
            try:
                if change.reread and accounts is None:
                    raise _SalesforceReadFailedError(
                        "the Accounts of this gap could not be re-read from Salesforce"
                    )
                deleting = change.header.change_type in (ChangeType.DELETE, ChangeType.GAP_DELETE)
                if deleting and merged is None:
                    raise _SalesforceReadFailedError(
                        "the merges of this delete could not be read from Salesforce"
                    )
                account = accounts.get(change.account_id) if change.reread and accounts is not None else None
                master = merged.get(change.account_id) if deleting and merged is not None else None
                result = self._service.apply(change, account=account, master=master)
            except PermanentError as exc:  # AccountRejectedError, CouplingConflictError, ErpRejectedError ...
                reason = (
                    exc.reason if isinstance(exc, AccountRejectedError) else f"{type(exc).__name__}: {exc}"
                )
                # A merge conflict is shown on the surviving Account, which the error names.
                self._dead_letter(record, reason, getattr(exc, "account_id", change.account_id), outcome)
                continue
            except RetriableError as exc:
                metrics.add_metric(name=sync_names.METRIC_RETRIABLE_FAILURES, unit=MetricUnit.Count, value=1)
                outcome.failures[record.message_id] = f"{type(exc).__name__}: {exc}"
                logger.warning(
                    "change failed, SQS will retry",
                    extra={"reason": str(exc), "account_id": change.account_id},
                )
                # The changes of this event applied before stay applied: a redelivery finds them
                # by their identity and makes no second ERP call.
                raise
            outcome.results.append(result)
            if result.writeback is not None:
                outcome.writebacks.append(result.writeback)
            done.append(result.outcome.value)
        return ",".join(done) or "nothing"

    def _erp_event(self, record: SQSRecord, customer_number: str, outcome: BatchOutcome) -> str:
        """Collected; the batch's ERP events are applied together after the records (one keyed
        ERP read, Accounts written 200 a call)."""
        if self._erp_poller is None:
            raise ConfigurationError("ERP business events arrive but no ERP -> Salesforce path is configured")
        outcome.erp_event_messages[record.message_id] = customer_number
        return "erp_event_collected"

    def _apply_erp_events(self, outcome: BatchOutcome, failed: list[str]) -> list[str]:
        """Apply the collected ERP events; on a retriable failure they are all failed (one message
        group: SQS redelivers them in order), the rest of the batch stands."""
        wanted = {m: n for m, n in outcome.erp_event_messages.items() if m not in failed}
        if not wanted or self._erp_poller is None:
            return failed
        try:
            outcome.erp_events.append(self._erp_poller.apply_customers(list(wanted.values())))
        except RetriableError as exc:
            metrics.add_metric(
                name=sync_names.METRIC_RETRIABLE_FAILURES, unit=MetricUnit.Count, value=len(wanted)
            )
            logger.warning(
                "ERP events failed, SQS will retry", extra={"reason": str(exc), "events": len(wanted)}
            )
            for message_id in wanted:
                outcome.failures[message_id] = f"{type(exc).__name__}: {exc}"
            return [*failed, *wanted]
        return failed

    def _overflow(self, since: datetime, outcome: BatchOutcome) -> None:
        metrics.add_metric(name=sync_names.METRIC_OVERFLOWS, unit=MetricUnit.Count, value=1)
        outcome.overflows.append(since)
        if self._mode is not FlowMode.LIVE or self._reconciliation is None:
            logger.error(
                "change events overflowed and no targeted reconciliation is configured; "
                "the nightly run settles the accounts",
                extra={"since": since.isoformat()},
            )
            return
        started = self._reconciliation.start_targeted("accounts", since=since, reason="cdc-gap-overflow")
        logger.warning(
            "change events overflowed: targeted reconciliation started",
            extra={"since": since.isoformat(), **started},
        )

    def _dead_letter(
        self, record: SQSRecord, reason: str, account_id: str | None, outcome: BatchOutcome
    ) -> None:
        letter = DeadLetter(
            body=record.body,
            reason=reason
            if account_id is None or account_id in reason
            else f"Account {account_id}: {reason}",
            message_group_id=record.attributes.message_group_id or "unknown",
            source_message_id=record.message_id,
            salesforce_order_id=None,
        )
        self._dead_letters.send(letter)  # raises if it cannot be kept: the record fails, nothing is lost
        outcome.dead_letters.append(letter)
        metrics.add_metric(name=sync_names.METRIC_DEAD_LETTERED, unit=MetricUnit.Count, value=1)
        logger.error("change dead-lettered", extra={"reason": reason, "account_id": account_id})
        if account_id is not None and self._mode is FlowMode.LIVE:
            outcome.writebacks.append(
                status_writeback(account_id, ok=False, message=reason, now=datetime.now(UTC))
            )

    # --- after the records: the Accounts' status, one call ---------------------------------------------
    def _write_status(self, outcome: BatchOutcome) -> None:
        if not outcome.writebacks:
            return
        # Through the shared writer: one call for the batch, the newest status per Account and
        # field (a customer number written by an earlier change of the batch stays), and never an
        # older status over a newer one written by another invocation. Versions are processing
        # times: per Account the FIFO queue and the applied guard make processing order the
        # change order, and a status says what the newest processing did.
        base = time.time_ns() // 1000
        changes = [
            RecordChange(
                customers.SF_ACCOUNT_OBJECT,
                update.key,
                update.fields,
                base + n,
                flow=sync_names.FLOW_CUSTOMER_SYNC,
            )
            for n, update in enumerate(outcome.writebacks)
        ]
        results = self._writer.write(changes)
        failed: dict[str, str] = {}
        for result in results:
            if result.outcome in (WriteOutcome.REJECTED, WriteOutcome.RETRY):
                failed[result.change.key] = f"{result.error_code}: {result.message}"
        for account_id, reason in failed.items():
            outcome.writeback_errors.append(f"{account_id}: {reason}")
            metrics.add_metric(name=sync_names.METRIC_WRITEBACK_FAILURES, unit=MetricUnit.Count, value=1)
            logger.error("account sync status refused", extra={"account_id": account_id, "reason": reason})


class _SalesforceReadFailedError(RetriableError):
    """A read of the batch's Accounts (gap re-reads, merges) failed; the records that need it are
    retried."""


def _parse(body: str) -> _Parsed:
    try:
        message = json.loads(body)
    except json.JSONDecodeError as exc:
        return _Parsed(error=f"not JSON: {exc}")
    if not isinstance(message, dict) or not isinstance(message.get("detail"), dict):
        return _Parsed(error="not an EventBridge event with a detail object")
    detail = message["detail"]
    if is_erp_customer_event(message):
        try:
            return _Parsed(erp_customer=parse_erp_customer_event(message).customer_number)
        except InvalidEventError as exc:
            return _Parsed(error=exc.reason)
    try:
        header = (detail.get("payload") or {}).get("ChangeEventHeader") or {}
        if header.get("changeType") == ChangeType.GAP_OVERFLOW.value:
            stamp = header.get("commitTimestamp")
            if isinstance(stamp, bool) or not isinstance(stamp, int) or stamp < 1_000_000_000_000:
                return _Parsed(
                    error=f"GAP_OVERFLOW without a commitTimestamp in epoch milliseconds: {stamp!r}"
                )
            return _Parsed(overflow_since=datetime.fromtimestamp(stamp / 1000, tz=UTC))
        return _Parsed(changes=parse_account_change(detail))
    except InvalidEventError as exc:
        return _Parsed(error=exc.reason)
    except AttributeError:
        return _Parsed(error="payload or ChangeEventHeader is not an object")
