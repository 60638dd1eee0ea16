"""The customer flow's use case for ONE Account change: Salesforce -> ERP customer.

No Lambda event and no boto3 here: the ERP, Salesforce, the coupling store and the guards are
injected ports. The batch layer (``batch.py``) parses the events, re-reads the Accounts of gap
events in batches, calls ``apply`` once per change and writes the Accounts' sync status of a
whole batch in one Salesforce call.

What one change does, in this order:

1. **Echo**: a change committed by the integration user, or one touching only ERP-owned fields
   (values the integration wrote), is not sent back (``changes.is_echo``).
2. **Order**: per Account, the newest applied change's (commit number, sequence number) is kept
   (the kernel's version guard); an older change is counted and ignored.
3. **Once**: the change's identity (transaction key, sequence number, record), not the transport
   id, runs the ERP write once; a duplicate or a replay makes no second call.
4. **Write**: CREATE (or an UPDATE of an Account the ERP does not know yet) creates the customer
   from the Account's Salesforce-owned data and couples it; UPDATE sends the changed
   Salesforce-owned fields only (none: no ERP call); DELETE blocks the customer or flags the
   coupling, by policy (never a delete in the ERP); UNDELETE lifts that and sends the fields.
   Every value is validated against what the ERP takes before any write; a change that can never
   succeed raises ``AccountRejectedError`` with the fields named.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from sferp import customers
from sferp.customer_sync import names as sync_names
from sferp.customer_sync.changes import AccountChange, ChangeType, committed_by, is_echo
from sferp.customer_sync.erp_poller import encode_values, erp_owned_values, erp_rank
from sferp.errors import ErpRejectedError, ErpUnavailableError, PermanentError
from sferp.models.records import RecordUpdate
from sferp.models.salesforce_id import to_18
from sferp.observability import logger, metrics
from sferp.ports import SalesforceGateway
from sferp.ports.coupling import Coupling, CouplingHow, CouplingStore
from sferp.ports.erp import CustomerPort
from sferp.ports.state import IdempotencyGuard, Rank, RecordLock, VersionGuard
from sferp.settings import FlowMode

_DELETES = (ChangeType.DELETE, ChangeType.GAP_DELETE)
_UNDELETES = (ChangeType.UNDELETE, ChangeType.GAP_UNDELETE)


class Outcome(StrEnum):
    CREATED = "created"  # a new ERP customer, coupled
    COUPLED = "coupled"  # the ERP held the Account's Id already: coupled, fields sent
    UPDATED = "updated"
    NO_OWNED_CHANGE = "no_owned_change"  # nothing Salesforce owns changed: no ERP call
    BLOCKED = "blocked"
    FLAGGED = "flagged"  # deleted Account, policy "flag": the coupling says so, the ERP is untouched
    UNBLOCKED = "unblocked"
    MERGED = "merged"  # the merged (deleted) Account's coupling moved to the surviving Account
    NOT_COUPLED = "not_coupled"  # a delete of an Account that never had an ERP customer
    GONE = "gone"  # a gap re-read found no Account: nothing to sync
    ECHO = "echo"
    STALE = "stale"
    DUPLICATE = "duplicate"
    SHADOW = "shadow"


class AccountRejectedError(PermanentError):
    """The Account's change can never reach the ERP as it is; the reason names the fields."""

    def __init__(self, account_id: str, reason: str) -> None:
        super().__init__(reason)
        self.account_id = account_id
        self.reason = reason


@dataclass(frozen=True)
class ChangeResult:
    outcome: Outcome
    account_id: str
    customer_number: str | None = None
    writeback: RecordUpdate | None = None  # the Account's sync status (and ERP customer number)
    changed: Mapping[str, Any] = field(default_factory=dict)  # ERP attributes sent


def change_rank(change: AccountChange) -> Rank:
    """Total order of one Account's changes: the org-wide commit number, then the place in it."""
    return (change.header.commit_number, change.header.sequence_number)


def status_writeback(
    account_id: str, *, ok: bool, message: str, now: datetime, customer_number: str | None = None
) -> RecordUpdate:
    fields: dict[str, Any] = {
        customers.SF_FIELD_SYNC_STATUS: "Synced" if ok else "Error",
        customers.SF_FIELD_SYNC_MESSAGE: message[: customers.SF_SYNC_MESSAGE_MAX],
        customers.SF_FIELD_SYNCED_AT: now.isoformat().replace("+00:00", "Z"),
    }
    if customer_number is not None:
        fields[customers.SF_FIELD_ERP_CUSTOMER_NUMBER] = customer_number
    return RecordUpdate(key=account_id, fields=fields)


class CustomerSyncService:
    def __init__(
        self,
        *,
        erp: CustomerPort,
        salesforce: SalesforceGateway,
        coupling: CouplingStore,
        applied: VersionGuard,
        guard: IdempotencyGuard,
        lock: RecordLock,
        mode: FlowMode,
        integration_user_id: str,
        on_account_delete: str = "block",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if on_account_delete not in sync_names.ON_ACCOUNT_DELETE_POLICIES:
            raise ValueError(f"unknown on_account_delete policy {on_account_delete!r}")
        self._erp = erp
        self._salesforce = salesforce
        self._coupling = coupling
        self._applied = applied
        self._guard = guard
        self._lock = lock
        self._mode = mode
        self._integration_user = to_18(integration_user_id)
        self._on_delete = on_account_delete
        self._clock = clock
        self._supported = erp.supported_customer_fields

    def apply(
        self, change: AccountChange, *, account: Mapping[str, Any] | None = None, master: str | None = None
    ) -> ChangeResult:
        """Apply one change. ``account`` is the Account as re-read from Salesforce for a change
        that asks for a re-read (gaps, diff fields); None there means it no longer exists. ``master``
        is, for a DELETE, the Account it was merged into (``MasterRecordId``), if it was."""
        aid = change.account_id
        # The integration created the Account for an ERP customer: couple them (not an echo).
        created_for_customer = self._created_for_an_erp_customer(change)
        if not created_for_customer and is_echo(
            change, integration_user_id=self._integration_user, erp_owned=customers.ERP_OWNED
        ):
            metrics.add_metric(name=sync_names.METRIC_ECHOES_SUPPRESSED, unit=MetricUnit.Count, value=1)
            return ChangeResult(Outcome.ECHO, aid)
        rank = change_rank(change)
        last = self._applied.get(aid)
        if last is not None and rank < last.rank:
            metrics.add_metric(name=sync_names.METRIC_STALE_IGNORED, unit=MetricUnit.Count, value=1)
            logger.info("older change ignored", extra={"account_id": aid, "rank": rank, "applied": last.rank})
            return ChangeResult(Outcome.STALE, aid)
        if self._mode is not FlowMode.LIVE:
            metrics.add_metric(name=sync_names.METRIC_SHADOW_SKIPPED, unit=MetricUnit.Count, value=1)
            logger.info(
                "shadow: would apply the change", extra={"account_id": aid, "type": change.header.change_type}
            )
            return ChangeResult(Outcome.SHADOW, aid)

        with self._lock.hold(f"account#{aid}", lease_s=sync_names.ACCOUNT_LEASE_S):
            stored, replayed = self._guard.run_once(
                {"change": change.identity},
                lambda: self._write(change, account, master, created_for_customer).to_store(),
            )
        if replayed:
            metrics.add_metric(name=sync_names.METRIC_DUPLICATES_IGNORED, unit=MetricUnit.Count, value=1)
            return ChangeResult(Outcome.DUPLICATE, aid, stored.get("customer_number"))
        result = _Written.from_store(stored)
        self._applied.advance(aid, rank, {"change": change.identity, "outcome": result.outcome})
        now = self._clock()
        writeback = (
            status_writeback(
                result.target or aid,
                ok=True,
                message=result.message,
                now=now,
                customer_number=result.write_number,
            )
            if result.message
            else None
        )
        return ChangeResult(Outcome(result.outcome), aid, result.customer_number, writeback, result.changed)

    # --- the ERP write, run once per change identity ------------------------------------------------
    def _write(
        self,
        change: AccountChange,
        account: Mapping[str, Any] | None,
        master: str | None,
        created_for_customer: bool = False,
    ) -> _Written:
        aid = change.account_id
        kind = change.header.change_type
        if created_for_customer:
            return self._couple_created(aid, str(change.values[customers.SF_FIELD_ERP_CUSTOMER_NUMBER]))
        if kind in _DELETES:
            return self._merged(aid, master) if master else self._deleted(aid)
        if change.reread and account is None:
            metrics.add_metric(name=sync_names.METRIC_GAP_REREADS, unit=MetricUnit.Count, value=1)
            return _Written(Outcome.GONE.value)
        if change.reread:
            metrics.add_metric(name=sync_names.METRIC_GAP_REREADS, unit=MetricUnit.Count, value=1)
        full = account is not None or kind in (ChangeType.CREATE, ChangeType.UNDELETE)
        values: dict[str, Any]
        if account is not None:
            values = {name: account.get(name) for name in customers.SALESFORCE_OWNED}
        elif full:
            # CREATE and UNDELETE carry every non-null field: an absent owned field is null.
            values = {name: change.values.get(name) for name in customers.SALESFORCE_OWNED}
        else:
            values = dict(change.values) | dict.fromkeys(change.nulled)

        coupling, found = self._coupled(aid)
        if kind in _UNDELETES and coupling is not None:
            self._coupling.set_account_deleted(aid, deleted=False)
            if self._on_delete == "block":
                self._erp.set_customer_blocked(coupling.customer_number, blocked=False)
            metrics.add_metric(name=sync_names.METRIC_CUSTOMERS_UNBLOCKED, unit=MetricUnit.Count, value=1)
        if coupling is None:
            return self._create(aid, values if full else None)
        changes = self._erp_changes(aid, values)
        if not changes:
            metrics.add_metric(name=sync_names.METRIC_NO_OWNED_CHANGE, unit=MetricUnit.Count, value=1)
            outcome = Outcome.UNBLOCKED if kind in _UNDELETES else Outcome.NO_OWNED_CHANGE
            if found:
                outcome = Outcome.COUPLED
            message = (
                ""
                if outcome is Outcome.NO_OWNED_CHANGE
                else f"ERP customer {coupling.customer_number}: {outcome.value}"
            )
            return _Written(
                outcome.value,
                coupling.customer_number,
                write_number=coupling.customer_number if found else None,
                message=message,
            )
        self._update_customer(aid, coupling.customer_number, changes, "update")
        metrics.add_metric(name=sync_names.METRIC_CUSTOMERS_UPDATED, unit=MetricUnit.Count, value=1)
        outcome = Outcome.UNBLOCKED if kind in _UNDELETES else Outcome.UPDATED
        if found:
            outcome = Outcome.COUPLED
        return _Written(
            outcome.value,
            coupling.customer_number,
            write_number=coupling.customer_number if found else None,
            changed=changes,
            message=f"ERP customer {coupling.customer_number} updated: {', '.join(sorted(changes))}",
        )

    def _update_customer(self, aid: str, number: str, fields: Mapping[str, Any], what: str) -> None:
        """One customer's fields in the ERP; a refusal for now is retried, one for good names the
        Account (``aid``) that shows it."""
        [result] = self._erp.update_customers([RecordUpdate(key=number, fields=dict(fields))])
        if result.ok:
            return
        if result.retriable:
            raise ErpUnavailableError(f"ERP customer {number}: {what} not applied: {result.error}")
        raise AccountRejectedError(aid, f"the ERP refused the {what} of customer {number}: {result.error}")

    def _created_for_an_erp_customer(self, change: AccountChange) -> bool:
        """An Account the integration itself created with an ERP customer number (the nightly run
        creating Accounts for ERP customers Salesforce lacks): not an echo to drop, a coupling to
        record."""
        return (
            change.header.change_type is ChangeType.CREATE
            and bool(change.values.get(customers.SF_FIELD_ERP_CUSTOMER_NUMBER))
            and committed_by(change, self._integration_user)
            and self._coupling.for_account(change.account_id) is None
        )

    def _couple_created(self, aid: str, number: str) -> _Written:
        """Couple the Account to the customer it was created for; nothing else goes to the ERP
        but its back-link, which must not point at another Account."""
        found = list(self._erp.customers_by_number([number]))
        if not found:
            raise AccountRejectedError(
                aid, f"Account {aid} was created for ERP customer {number}, which the ERP does not have"
            )
        [customer] = found
        if customer.salesforce_account_id not in (None, "", aid):
            raise AccountRejectedError(
                aid,
                f"Account {aid} was created for ERP customer {number}, which names Account "
                f"{customer.salesforce_account_id}: two Accounts for one customer (review)",
            )
        self._coupling.couple(aid, number, by=sync_names.FLOW_CUSTOMER_SYNC, how=CouplingHow.FOUND)
        if customer.salesforce_account_id != aid and "salesforce_account_id" in self._supported:
            self._update_customer(aid, number, {"salesforce_account_id": aid}, f"link to Account {aid}")
        return _Written(
            Outcome.COUPLED.value,
            number,
            message=f"coupled to ERP customer {number} (Account created for it)",
        )

    def _coupled(self, aid: str) -> tuple[Coupling | None, bool]:
        """The Account's coupling: the store's, else the one the ERP keeps (its external id),
        stored on the way (then True: the Account does not show the number yet)."""
        coupling = self._coupling.for_account(aid)
        if coupling is not None:
            return coupling, False
        found = self._erp.customer_for_account(aid)
        if found is None:
            return None, False
        coupled = self._coupling.couple(
            aid, found.customer_number, by=sync_names.FLOW_CUSTOMER_SYNC, how=CouplingHow.FOUND
        )
        return coupled, True

    def _create(self, aid: str, values: Mapping[str, Any] | None) -> _Written:
        if values is None:
            # An UPDATE carries only what changed; a customer needs the whole Account.
            account = self._salesforce.get_account(aid)
            if account is None:
                return _Written(Outcome.GONE.value)
            values = {name: account.get(name) for name in customers.SALESFORCE_OWNED}
        try:
            new = customers.new_customer_from_account({"Id": aid, **values})
        except customers.AccountNotValidForErpError as exc:
            raise AccountRejectedError(aid, str(exc)) from None
        try:
            created = self._erp.create_customer(new)
        except ErpRejectedError as exc:
            raise AccountRejectedError(aid, f"the ERP refused the customer: {exc}") from exc
        self._coupling.couple(
            aid, created.customer_number, by=sync_names.FLOW_CUSTOMER_SYNC, how=CouplingHow.CREATED
        )
        # The ERP-owned values a new customer starts with are not news for the Account: the ERP ->
        # Salesforce poller must not send its creation back as a change.
        self._applied.advance(
            f"erp#{created.customer_number}",
            erp_rank(created.changed_at),
            {"values": encode_values(erp_owned_values(created, self._supported))},
        )
        metrics.add_metric(name=sync_names.METRIC_CUSTOMERS_CREATED, unit=MetricUnit.Count, value=1)
        logger.info(
            "erp customer created", extra={"account_id": aid, "customer_number": created.customer_number}
        )
        return _Written(
            Outcome.CREATED.value,
            created.customer_number,
            write_number=created.customer_number,
            message=f"ERP customer {created.customer_number} created",
        )

    def _erp_changes(self, aid: str, values: Mapping[str, Any]) -> dict[str, str | None]:
        changes = {k: v for k, v in customers.erp_changes(values).items() if k in self._supported}
        reasons = customers.validate_erp_changes(changes)
        if reasons:
            raise AccountRejectedError(aid, f"Account {aid} cannot be sent to the ERP: {'; '.join(reasons)}")
        return changes

    def _merged(self, aid: str, master: str) -> _Written:
        """A merge: the loser's coupling moves to the survivor when that one has none (and the
        ERP's external id follows); when both have an ERP customer, nothing is decided here: two
        customers for one Account go to review (the DLQ, the survivor shows Error)."""
        coupling = self._coupling.for_account(aid)
        if coupling is None:
            return _Written(Outcome.NOT_COUPLED.value)
        number = coupling.customer_number
        survivor, _ = self._coupled(master)
        if survivor is not None and survivor.customer_number != number:
            raise AccountRejectedError(
                master,
                f"Account {aid} (ERP customer {number}) was merged into Account {master}, which has "
                f"ERP customer {survivor.customer_number}: two ERP customers for one Account; merge them "
                "in the ERP and keep one coupling (review)",
            )
        if survivor is None:
            self._coupling.move(aid, master, by=sync_names.FLOW_CUSTOMER_SYNC)
        if "salesforce_account_id" in self._supported:
            # The ERP's own back-link follows, so its external-id lookup finds the survivor.
            self._update_customer(
                master, number, {"salesforce_account_id": master}, f"re-link to Account {master}"
            )
        metrics.add_metric(name=sync_names.METRIC_MERGES, unit=MetricUnit.Count, value=1)
        return _Written(
            Outcome.MERGED.value,
            number,
            write_number=number,
            message=f"ERP customer {number}: coupling moved from merged Account {aid}",
            target=master,
        )

    def _deleted(self, aid: str) -> _Written:
        coupling = self._coupling.for_account(aid)
        if coupling is None:
            return _Written(Outcome.NOT_COUPLED.value)
        self._coupling.set_account_deleted(aid, deleted=True)
        if self._on_delete == "flag":
            logger.warning(
                "account deleted; its ERP customer is flagged, not blocked", extra={"account_id": aid}
            )
            return _Written(Outcome.FLAGGED.value, coupling.customer_number)
        self._erp.set_customer_blocked(coupling.customer_number, blocked=True)
        metrics.add_metric(name=sync_names.METRIC_CUSTOMERS_BLOCKED, unit=MetricUnit.Count, value=1)
        return _Written(Outcome.BLOCKED.value, coupling.customer_number)


@dataclass(frozen=True)
class _Written:
    """What the ERP write did, in the form the idempotency store keeps (strings and a dict)."""

    outcome: str
    customer_number: str | None = None
    write_number: str | None = None  # the number the Account must show (a new coupling)
    changed: Mapping[str, Any] = field(default_factory=dict)
    message: str = ""  # the Account's sync message; empty: no write-back (nothing to tell)
    target: str | None = None  # the Account the write-back goes to (a merge: the survivor)

    def to_store(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "customer_number": self.customer_number,
            "write_number": self.write_number,
            "changed": dict(self.changed),
            "message": self.message,
            "target": self.target,
        }

    @classmethod
    def from_store(cls, stored: Mapping[str, Any]) -> _Written:
        return cls(
            outcome=str(stored["outcome"]),
            customer_number=stored.get("customer_number"),
            write_number=stored.get("write_number"),
            changed=stored.get("changed") or {},
            message=str(stored.get("message") or ""),
            target=stored.get("target"),
        )
