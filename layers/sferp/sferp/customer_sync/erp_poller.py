"""ERP -> Salesforce for the customer fields the ERP owns (credit limit, payment terms): a scheduled
change poller, through the ERP port's changed-since query.

* **Watermark with a lookback**: each poll reads the customers changed since the last poll's start
  minus ``lookback`` (a change committed just before the watermark, with a clock a little behind,
  is not missed); re-reading what was written already costs nothing, because of the next point.
* **Order-safe and echo-free**: per ERP customer the newest applied state is kept (the kernel's
  version guard, ranked by the ERP's change time) with the ERP-owned values it wrote. A customer
  whose ERP-owned values equal what Salesforce was last given is not written again: that is the
  case after the customer flow itself updated the customer's Salesforce-owned fields in the ERP
  (its change time moved, nothing the ERP owns did), so a change crosses each way at most once.
  The Account write that does happen comes back as a change event by the integration user, which
  the Salesforce -> ERP side suppresses as an echo.
* Only ERP-owned fields, only those the ERP holds (``supported_customer_fields``: SAP's business
  partner API has no credit limit), written in sObject Collections calls of 200; a Salesforce-owned
  field is never written from here. A customer no Account is coupled to is counted, not guessed.
* A record Salesforce refuses for good (validation rule, missing permission) is dead-lettered with
  Salesforce's code and message; one it refuses for now (a locked row) holds the watermark at its
  change time, so the next poll reads it again. A failed call raises (the schedule retries) and
  leaves the watermark where it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from sferp import customers
from sferp.customer_sync import names as sync_names
from sferp.errors import SalesforceUnavailableError
from sferp.models.entities import ACCOUNTS, Owner
from sferp.models.records import ErpCustomer, RecordUpdate
from sferp.observability import logger, metrics
from sferp.ports import SalesforceGateway
from sferp.ports.coupling import CouplingStore
from sferp.ports.erp import CustomerPort
from sferp.ports.queues import DeadLetter, DeadLetterQueue
from sferp.ports.state import VersionGuard
from sferp.salesforce_writer import ChangeWriter, RecordChange, WriteOutcome
from sferp.settings import FlowMode

WATERMARK_KEY = "watermark#erp-customers"
# ERP attribute -> Salesforce API name, for the fields the ERP owns.
ERP_OWNED_FIELDS = {f.erp: f.salesforce for f in ACCOUNTS.fields if f.owner is Owner.ERP}


@dataclass
class PollResult:
    read: int = 0
    written: int = 0
    unchanged: int = 0  # ERP-owned values as Salesforce already has them (echo of our own ERP write)
    stale: int = 0
    uncoupled: int = 0
    refused: dict[str, str] = field(default_factory=dict)  # Account Id -> Salesforce's reason
    held_back: list[datetime] = field(default_factory=list)  # change times refused for now
    since: datetime | None = None
    watermark: datetime | None = None
    api_calls: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "written": self.written,
            "unchanged": self.unchanged,
            "stale": self.stale,
            "uncoupled": self.uncoupled,
            "refused": dict(self.refused),
            "since": self.since.isoformat() if self.since else None,
            "watermark": self.watermark.isoformat() if self.watermark else None,
            "salesforce_api_calls": self.api_calls,
        }


def erp_rank(changed_at: datetime) -> tuple[int, int]:
    """One ERP customer's states in order: its change time in milliseconds."""
    return (int(changed_at.timestamp() * 1000), 0)


def erp_owned_values(customer: ErpCustomer, supported: frozenset[str]) -> dict[str, Any]:
    """The customer's ERP-owned fields the ERP holds, by Salesforce API name."""
    return {
        sf: getattr(customer, attribute)
        for attribute, sf in ERP_OWNED_FIELDS.items()
        if attribute in supported
    }


def encode_values(values: dict[str, Any]) -> str:
    """The form the version guard keeps them in (compared, never parsed back)."""
    return json.dumps({k: None if v is None else str(v) for k, v in values.items()}, sort_keys=True)


class ErpCustomerPoller:
    def __init__(
        self,
        *,
        erp: CustomerPort,
        salesforce: SalesforceGateway,
        coupling: CouplingStore,
        applied: VersionGuard,
        mode: FlowMode,
        dead_letters: DeadLetterQueue,
        writer: ChangeWriter,
        lookback: timedelta = timedelta(minutes=sync_names.ERP_POLL_LOOKBACK_MIN),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._writer = writer
        self._erp = erp
        self._salesforce = salesforce
        self._coupling = coupling
        self._applied = applied
        self._mode = mode
        self._dead_letters = dead_letters
        self._lookback = lookback
        self._clock = clock
        self._supported = erp.supported_customer_fields

    def poll(self) -> PollResult:
        started = self._clock()
        result = PollResult()
        mark = self._applied.get(WATERMARK_KEY)
        # First poll: from now minus the lookback. What changed before is the nightly run's (the
        # poller does not replay the ERP's whole history into Salesforce).
        base = datetime.fromtimestamp(mark.rank[0] / 1000, tz=UTC) if mark else started
        result.since = since = base - self._lookback
        pending: list[tuple[RecordUpdate, ErpCustomer, str]] = []
        for customer in self._erp.changed_customers(since):
            result.read += 1
            update = self._update_for(customer, result)
            if update is not None:
                pending.append(update)
        calls_before = self._salesforce.api_calls
        if self._mode is FlowMode.LIVE:
            self._write(pending, result)
        else:
            logger.info("shadow: would write ERP-owned fields", extra={"accounts": len(pending)})
        result.api_calls = self._salesforce.api_calls - calls_before
        if self._mode is FlowMode.LIVE:
            # Never past a change Salesforce refused for now: the next poll reads it again.
            watermark = min([started, *result.held_back])
            self._applied.advance(WATERMARK_KEY, erp_rank(watermark), {"at": watermark.isoformat()})
            result.watermark = watermark
        for name, value in (
            (sync_names.METRIC_ERP_CHANGES_WRITTEN, result.written),
            (sync_names.METRIC_ERP_CHANGES_UNCOUPLED, result.uncoupled),
            (sync_names.METRIC_WRITEBACK_FAILURES, len(result.refused)),
        ):
            metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)
        logger.info("erp customer changes polled", extra=result.as_dict())
        return result

    def apply_customer(self, customer_number: str) -> PollResult:
        """One customer an ERP business event names (the key only): read it, then as the poll."""
        return self.apply_customers([customer_number])

    def apply_customers(self, customer_numbers: Sequence[str]) -> PollResult:
        """The customers a batch of ERP business events names: one keyed read, then as the poll
        (Accounts written 200 a call)."""
        numbers = list(dict.fromkeys(customer_numbers))
        result = PollResult()
        if self._mode is not FlowMode.LIVE:
            logger.info("shadow: would sync the event's ERP customer", extra={"customer_numbers": numbers})
            return result
        pending = []
        for customer in self._erp.customers_by_number(numbers):
            result.read += 1
            update = self._update_for(customer, result)
            if update is not None:
                pending.append(update)
        calls_before = self._salesforce.api_calls
        self._write(pending, result)
        result.api_calls = self._salesforce.api_calls - calls_before
        if result.held_back:
            # A locked Account: the event is retried (SQS), not dropped.
            raise SalesforceUnavailableError(
                f"Accounts of ERP customers {', '.join(numbers)} refused for now: {', '.join(result.refused.values())}"
            )
        return result

    def _update_for(
        self, customer: ErpCustomer, result: PollResult
    ) -> tuple[RecordUpdate, ErpCustomer, str] | None:
        coupling = self._coupling.for_customer(customer.customer_number)
        account = coupling.account_id if coupling else customer.salesforce_account_id
        if not account or (coupling and coupling.account_deleted) or customer.deleted:
            result.uncoupled += 1
            return None
        values = erp_owned_values(customer, self._supported)
        encoded = encode_values(values)
        last = self._applied.get(f"erp#{customer.customer_number}")
        if last is not None and erp_rank(customer.changed_at) < last.rank:
            result.stale += 1
            return None
        if last is not None and last.attributes.get("values") == encoded:
            result.unchanged += 1
            return None
        return RecordUpdate(key=account, fields=values), customer, encoded

    def _write(self, pending: list[tuple[RecordUpdate, ErpCustomer, str]], result: PollResult) -> None:
        # Through the shared writer, as non-urgent changes at the ERP change time: near the org's
        # API limit they are deferred (held back like a retriable refusal, so the watermark waits
        # for them), and an older ERP state never overwrites a newer one already written.
        changes = [
            RecordChange(
                customers.SF_ACCOUNT_OBJECT,
                update.key,
                update.fields,
                erp_rank(customer.changed_at)[0],
                urgent=False,
                flow=sync_names.FLOW_CUSTOMER_SYNC,
            )
            for update, customer, _ in pending
        ]
        for (update, customer, encoded), answer in zip(pending, self._writer.write(changes), strict=True):
            # QUEUED: on the write queue (SQS has it); the writer function writes it, defers it near
            # the API limit or dead-letters it with Salesforce's reason, so the poll is done with it.
            if answer.outcome in (WriteOutcome.WRITTEN, WriteOutcome.QUEUED):
                result.written += 1
                self._applied.advance(
                    f"erp#{customer.customer_number}", erp_rank(customer.changed_at), {"values": encoded}
                )
                continue
            if answer.outcome is WriteOutcome.SUPERSEDED:
                result.stale += 1  # a newer state of these fields is written (or wanted) already
                continue
            reason = (
                "deferred: Salesforce API usage above the guard"
                if answer.outcome is WriteOutcome.DEFERRED
                else f"{answer.error_code}: {answer.message}"
            )
            result.refused[update.key] = reason
            logger.error(
                "ERP-owned fields not written to Salesforce",
                extra={"account_id": update.key, "reason": reason, "outcome": answer.outcome.value},
            )
            if answer.outcome in (WriteOutcome.RETRY, WriteOutcome.DEFERRED):
                result.held_back.append(customer.changed_at)
                continue
            self._dead_letters.send(
                DeadLetter(
                    body=json.dumps(
                        {
                            "source": "erp-customer-poller",
                            "customer_number": customer.customer_number,
                            "account_id": update.key,
                            "fields": {k: None if v is None else str(v) for k, v in update.fields.items()},
                            "erp_changed_at": customer.changed_at.isoformat(),
                        }
                    ),
                    reason=f"Account {update.key}: Salesforce refused the ERP-owned fields: {reason}",
                    message_group_id=update.key,
                    source_message_id=f"erp-poll:{customer.customer_number}:{customer.changed_at.isoformat()}",
                    salesforce_order_id=None,
                )
            )
