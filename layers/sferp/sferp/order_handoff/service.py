"""The order-handoff use case for ONE event: guard, map, hand to the ERP, decide the write-back.

No Lambda event, no boto3 here: the ERP, Salesforce and the guards are injected ports. The
batch layer (``batch.py``) calls this once per SQS record and sends the write-backs of a
whole batch in one Salesforce call.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from sferp import customers
from sferp.errors import CustomerNotCoupledError, ErpCustomerMissingError, ErpNotFoundError, InvalidEventError
from sferp.models.order import ErpOrderAck, OrderAction, OrderHandoffEvent, SyncStatus
from sferp.models.records import RecordUpdate
from sferp.observability import logger, metrics
from sferp.order_handoff import names as handoff_names
from sferp.order_handoff.mapping import order_from_event, to_erp_sales_order
from sferp.order_handoff.state import OrderStateStore, change_rank
from sferp.ports import SalesforceGateway, SalesOrderPort
from sferp.ports.coupling import CouplingStore
from sferp.ports.erp import CustomerPort
from sferp.ports.state import IdempotencyGuard, RecordLock
from sferp.settings import FlowMode


class Outcome(StrEnum):
    HANDED_OFF = "handed_off"
    CANCELLED = "cancelled"
    DUPLICATE = "duplicate"
    STALE = "stale"
    SHADOW = "shadow"


@dataclass(frozen=True)
class HandoffResult:
    outcome: Outcome
    order_id: str
    version: int
    erp_order_id: str | None = None
    writeback: RecordUpdate | None = None


def _iso(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def writeback_fields(
    *, status: SyncStatus, message: str, erp_order_id: str | None, now: datetime
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        handoff_names.SF_FIELD_SYNC_STATUS: status.value,
        handoff_names.SF_FIELD_SYNC_MESSAGE: message[: handoff_names.SF_SYNC_MESSAGE_MAX],
        handoff_names.SF_FIELD_SYNCED_AT: _iso(now),
    }
    if erp_order_id:
        fields[handoff_names.SF_FIELD_ERP_ORDER_NUMBER] = erp_order_id
    return fields


def error_writeback(
    order_id: str, reason: str, *, now: datetime, status: SyncStatus = SyncStatus.ERROR
) -> RecordUpdate:
    return RecordUpdate(
        key=order_id,
        fields=writeback_fields(status=status, message=reason, erp_order_id=None, now=now),
    )


class OrderHandoffService:
    def __init__(
        self,
        *,
        erp: SalesOrderPort,
        salesforce: SalesforceGateway,
        state: OrderStateStore,
        guard: IdempotencyGuard,
        lock: RecordLock,
        mode: FlowMode,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        customers: CustomerPort | None = None,
        coupling: CouplingStore | None = None,
        uncoupled_account: str = "reject",
    ) -> None:
        if uncoupled_account not in handoff_names.UNCOUPLED_ACCOUNT_POLICIES:
            raise ValueError(f"unknown uncoupled_account policy {uncoupled_account!r}")
        if uncoupled_account == "create" and customers is None:
            raise ValueError("uncoupled_account 'create' needs the ERP's customer port")
        self._customers = customers
        self._coupling = coupling
        self._uncoupled_account = uncoupled_account
        self._erp = erp
        self._salesforce = salesforce
        self._state = state
        self._guard = guard
        self._lock = lock
        self._mode = mode
        self._clock = clock

    def handle(self, event: OrderHandoffEvent) -> HandoffResult:
        """Apply one event. Raises ``PermanentError`` (dead-letter) or ``RetriableError`` (retry)."""
        logger.append_keys(salesforce_order_id=event.order_id, order_version=event.version)
        skipped = self._already_applied(event)
        if skipped is not None:
            return skipped

        if self._mode is FlowMode.SHADOW:
            return self._shadow(event)

        # One invocation at a time writes one order to the ERP: its upsert is find-then-create, so
        # two invocations of one order at once (a redrive racing the live stream, two versions in
        # two FIFO groups) could both create. A busy order is retried (RecordBusyError).
        with self._lock.hold(event.order_id, lease_s=handoff_names.ORDER_LEASE_S):
            # Another invocation may have applied this change, or a newer one, while we came here.
            skipped = self._already_applied(event)
            if skipped is not None:
                return skipped
            # ``replayed`` is True when an earlier attempt reached the ERP but died before recording
            # the state (a crash, a timeout): the idempotency record returns its answer, and this
            # attempt finishes the job without a second ERP call.
            ack, replayed = self._apply_once(event)
            stored = self._state.record_applied(
                event.order_id,
                version=event.version,
                action=event.action,
                erp_order_id=ack.erp_order_id,
                erp_status=ack.status,
            )
        if not stored:
            # A higher-ranked change landed between our read and our write (only possible when a
            # DLQ redrive races the live stream). Nightly reconciliation re-checks the order.
            metrics.add_metric(name=handoff_names.METRIC_STALE_IGNORED, unit=MetricUnit.Count, value=1)
            logger.warning("newer version applied concurrently", extra={"erp_order_id": ack.erp_order_id})
            return HandoffResult(Outcome.STALE, event.order_id, event.version, ack.erp_order_id)

        if event.action is OrderAction.CANCEL:
            metrics.add_metric(name=handoff_names.METRIC_ORDERS_CANCELLED, unit=MetricUnit.Count, value=1)
            outcome = Outcome.CANCELLED
        else:
            metrics.add_metric(name=handoff_names.METRIC_ORDERS_HANDED_OFF, unit=MetricUnit.Count, value=1)
            outcome = Outcome.HANDED_OFF
        lag_ms = (self._clock() - event.created_at).total_seconds() * 1000
        metrics.add_metric(
            name=handoff_names.METRIC_END_TO_END_LAG_MS, unit=MetricUnit.Milliseconds, value=max(lag_ms, 0)
        )
        logger.info(
            "order handed off" if outcome is Outcome.HANDED_OFF else "order cancelled in ERP",
            extra={"erp_order_id": ack.erp_order_id, "erp_created": ack.created, "replayed": replayed},
        )
        return HandoffResult(
            outcome,
            event.order_id,
            event.version,
            ack.erp_order_id,
            self._success_writeback(event, ack.erp_order_id),
        )

    def _already_applied(self, event: OrderHandoffEvent) -> HandoffResult | None:
        """The result for an event the ERP already holds (stale or duplicate), or None."""
        current = self._state.get(event.order_id)
        rank = change_rank(event.version, event.action)
        if current is not None and rank < current.rank:
            metrics.add_metric(name=handoff_names.METRIC_STALE_IGNORED, unit=MetricUnit.Count, value=1)
            logger.info(
                "stale event ignored",
                extra={"applied_version": current.version, "applied_action": current.action.value},
            )
            return HandoffResult(Outcome.STALE, event.order_id, event.version, current.erp_order_id)
        if current is not None and rank == current.rank:
            # The same change again (redelivery, a second publish, an archive replay): the ERP
            # already holds it, so no ERP call; write back only if Salesforce never heard.
            metrics.add_metric(name=handoff_names.METRIC_DUPLICATES_IGNORED, unit=MetricUnit.Count, value=1)
            logger.info("duplicate event ignored", extra={"erp_order_id": current.erp_order_id})
            writeback = None
            if current.written_back_version < event.version:
                writeback = self._success_writeback(event, current.erp_order_id or "")
            return HandoffResult(
                Outcome.DUPLICATE, event.order_id, event.version, current.erp_order_id, writeback
            )
        return None

    def _success_writeback(self, event: OrderHandoffEvent, erp_order_id: str) -> RecordUpdate:
        cancelled = event.action is OrderAction.CANCEL
        return RecordUpdate(
            key=event.order_id,
            fields=writeback_fields(
                status=SyncStatus.CANCELLED if cancelled else SyncStatus.SYNCED,
                message=(
                    (
                        f"Cancelled in ERP order {erp_order_id} (version {event.version})"
                        if erp_order_id
                        else f"Cancelled before it reached the ERP (version {event.version})"
                    )
                    if cancelled
                    else f"ERP order {erp_order_id} (version {event.version})"
                ),
                erp_order_id=erp_order_id,
                now=self._clock(),
            ),
        )

    def _apply_once(self, event: OrderHandoffEvent) -> tuple[ErpOrderAck, bool]:
        def apply() -> dict[str, Any]:
            return self._call_erp(event).model_dump(mode="json")

        key = {"order_id": event.order_id, "version": event.version, "action": event.action.value}
        result, replayed = self._guard.run_once(key, apply)
        return ErpOrderAck.model_validate(result), replayed

    def _call_erp(self, event: OrderHandoffEvent) -> ErpOrderAck:
        if event.action is OrderAction.CANCEL:
            try:
                return self._timed(
                    lambda: self._erp.cancel_sales_order(event.order_id, source_version=event.version)
                )
            except ErpNotFoundError:
                # Cancelled before its create reached the ERP (Salesforce published the cancel
                # first, or the create is in the DLQ). Recording the cancel makes the late create
                # stale, so the ERP never gets an order Salesforce has already cancelled.
                logger.info("cancel for an order the ERP never received")
                return ErpOrderAck(
                    erp_order_id="",
                    external_reference=event.order_id,
                    status="CANCELLED",
                    created=False,
                    source_version=event.version,
                )
        order = (
            order_from_event(event)
            if event.lines is not None
            # One SOQL query with the OrderItems subquery when the Flow did not put the lines in.
            else self._salesforce.get_order(event.order_id, version=event.version)
        )
        document = to_erp_sales_order(order)
        coupling = self._coupling.for_account(order.account_id) if self._coupling is not None else None
        if coupling is not None and not coupling.account_deleted:
            # The customer flow's cross-reference names the customer: no lookup by external id.
            document = document.model_copy(update={"customer_number": coupling.customer_number})
        try:
            return self._timed(lambda: self._erp.upsert_sales_order(document))
        except ErpCustomerMissingError as exc:
            if self._uncoupled_account == "wait":
                raise CustomerNotCoupledError(
                    f"Account {order.account_id} has no ERP customer yet ({exc})"
                ) from exc
            if self._uncoupled_account == "reject":
                raise
        # Policy "create": the customer from the Account's current data, coupled to it, then the order.
        self._create_customer(order.account_id, event.order_id)
        return self._timed(lambda: self._erp.upsert_sales_order(document))

    def _create_customer(self, account_id: str, order_id: str) -> None:
        assert self._customers is not None  # __init__ requires it for this policy
        account = self._salesforce.get_account(account_id)
        if account is None:
            raise InvalidEventError(
                f"Account {account_id} of the order does not exist in Salesforce (or is not visible)",
                salesforce_order_id=order_id,
            )
        try:
            customer = customers.new_customer_from_account(account)
        except customers.AccountNotValidForErpError as exc:
            raise InvalidEventError(str(exc), salesforce_order_id=order_id) from None
        created = self._customers.create_customer(customer)
        metrics.add_metric(name=handoff_names.METRIC_CUSTOMERS_CREATED, unit=MetricUnit.Count, value=1)
        logger.info(
            "erp customer created for the order's account", extra={"customer_number": created.customer_number}
        )
        if account.get(customers.SF_FIELD_ERP_CUSTOMER_NUMBER) != created.customer_number:
            # The Account shows its ERP customer number. A refusal of this record is logged, not
            # retried: the coupling is in the ERP already and the next order finds it there; a
            # failed call raises and the message is retried like any Salesforce failure.
            [result] = self._salesforce.update_records(
                customers.SF_ACCOUNT_OBJECT,
                [
                    RecordUpdate(
                        key=account_id,
                        fields={customers.SF_FIELD_ERP_CUSTOMER_NUMBER: created.customer_number},
                    )
                ],
            )
            if not result.ok:
                logger.warning(
                    "ERP customer number not written to the Account", extra={"reason": result.error}
                )

    @staticmethod
    def _timed(call: Callable[[], ErpOrderAck]) -> ErpOrderAck:
        started = time.perf_counter()
        try:
            return call()
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            metrics.add_metric(
                name=handoff_names.METRIC_ERP_LATENCY_MS, unit=MetricUnit.Milliseconds, value=elapsed_ms
            )

    def _shadow(self, event: OrderHandoffEvent) -> HandoffResult:
        """Read and map, write nothing: proves the mapping on live traffic before go-live."""
        if event.action is not OrderAction.CANCEL:
            order = (
                order_from_event(event)
                if event.lines is not None
                else self._salesforce.get_order(event.order_id, version=event.version)
            )
            document = to_erp_sales_order(order)
            existing = self._erp.get_sales_order(event.order_id)
            logger.info(
                "shadow: would upsert ERP order",
                extra={"items": len(document.items), "exists_in_erp": existing is not None},
            )
        else:
            logger.info("shadow: would cancel ERP order")
        metrics.add_metric(name=handoff_names.METRIC_SHADOW_SKIPPED, unit=MetricUnit.Count, value=1)
        return HandoffResult(Outcome.SHADOW, event.order_id, event.version)
