"""One ERP sales order state -> the Salesforce Order's ERP fields and a status-history record.

On ports only. For each ERP order state (from a poll or read after an event):

* **Linked or not**: the ERP keeps the Salesforce Order Id as its external reference (SAP's
  ``PurchaseOrderByCustomer``). An order without one, or with something that is not an Order Id
  (an order created in the ERP directly), is *unlinked*: counted and reported, never guessed.
* **Known status or not**: the adapter maps its ERP's codes to sferp's statuses (the picklist's
  API names); a status it could not map (``UNMAPPED``) is refused with the ERP's codes as the
  reason, never written as something else.
* **Newest only, once**: per ERP order the newest applied change is kept (the kernel's version
  guard, ranked by the ERP's change time); an older state arriving late is stale and the same state
  again (a re-poll inside the lookback, a redelivery) is a duplicate: both are skipped, and the
  writer's per-field versions (the same change time) keep any race from writing older over newer.
* **Only what the ERP says**: a field the ERP does not provide (no delivery yet, an ERP whose
  adapter reads no billing documents) is left out of the write, never written as 0 or empty.
* **History**: each change of status also upserts one ``ERP_Order_Status_Change__c`` (the Order,
  the status, the ERP's codes, the ERP's change time, Poll or Event), keyed by
  ``<ERP order>:<status>:<change time>``, so a duplicate writes the same record again, not a second.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from sferp.erp_status import names as status_names
from sferp.models.records import ERP_ORDER_STATUSES, ErpSalesOrderRecord
from sferp.models.salesforce_id import to_18
from sferp.observability import logger, metrics
from sferp.ports.state import VersionGuard
from sferp.salesforce_writer import RecordChange

_ORDER_KEY_PREFIX = "801"  # every Salesforce Order Id starts with its object's key prefix


class Source(StrEnum):
    POLL = "Poll"
    EVENT = "Event"


class Decision(StrEnum):
    WRITE = "write"
    STALE = "stale"  # an older state than the one applied
    DUPLICATE = "duplicate"  # the state applied already (a re-poll inside the lookback, a redelivery)
    UNLINKED = "unlinked"  # no Salesforce Order to write to
    REFUSED = "refused"  # a state sferp cannot write (unmapped status, a value too long)


@dataclass(frozen=True)
class StatusPlan:
    """What to do with one ERP order state."""

    order: ErpSalesOrderRecord
    source: Source
    decision: Decision
    salesforce_order_id: str | None = None
    reason: str | None = None
    changes: tuple[RecordChange, ...] = ()
    status_changed: bool = False
    previous: Mapping[str, str] = field(default_factory=dict)


def change_rank(changed_at: datetime) -> tuple[int, int]:
    """One ERP order's states in order: its change time in milliseconds."""
    return (change_millis(changed_at), 0)


def change_millis(changed_at: datetime) -> int:
    return int(changed_at.timestamp() * 1000)


def linked_order_id(external_reference: str | None) -> str | None:
    """The 18-character Salesforce Order Id the ERP order carries, or None if it carries none."""
    text = (external_reference or "").strip()
    if not text.startswith(_ORDER_KEY_PREFIX):
        return None
    try:
        return to_18(text)
    except ValueError:
        return None


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


class ErpStatusService:
    def __init__(self, *, applied: VersionGuard, flow: str = status_names.FLOW_ERP_STATUS) -> None:
        self._applied = applied
        self._flow = flow

    def plan(self, order: ErpSalesOrderRecord, source: Source) -> StatusPlan:
        salesforce_id = linked_order_id(order.external_reference)
        if salesforce_id is None:
            return StatusPlan(
                order,
                source,
                Decision.UNLINKED,
                reason=f"ERP order {order.erp_order_id} carries no Salesforce Order Id "
                f"(external reference {order.external_reference!r})",
            )
        if order.status not in ERP_ORDER_STATUSES:
            return StatusPlan(
                order,
                source,
                Decision.REFUSED,
                salesforce_id,
                reason=f"ERP order {order.erp_order_id}: status {order.status!r} is not one sferp maps "
                f"(the ERP's codes: {order.status_detail or 'none given'}); map them in the adapter's configuration",
            )
        if order.tracking_reference and len(order.tracking_reference) > status_names.SF_TRACKING_MAX:
            return StatusPlan(
                order,
                source,
                Decision.REFUSED,
                salesforce_id,
                reason=f"ERP order {order.erp_order_id}: tracking reference longer than "
                f"{status_names.SF_TRACKING_MAX} characters (not cut: a cut reference tracks nothing)",
            )
        last = self._applied.get(self._key(order))
        if last is not None and change_rank(order.changed_at) < last.rank:
            return StatusPlan(order, source, Decision.STALE, salesforce_id)
        if last is not None and change_rank(order.changed_at) == last.rank:
            return StatusPlan(order, source, Decision.DUPLICATE, salesforce_id)
        previous = dict(last.attributes) if last is not None else {}
        status_changed = previous.get("status") != order.status
        version = change_millis(order.changed_at)
        fields: dict[str, Any] = {status_names.SF_FIELD_STATUS: order.status}
        if status_changed:
            fields[status_names.SF_FIELD_STATUS_CHANGED_AT] = order.changed_at
        for name, value in (
            (status_names.SF_FIELD_DELIVERY_DATE, order.delivery_date),
            (
                status_names.SF_FIELD_SHIPPED_PERCENT,
                (order.shipped_share * 100).quantize(Decimal("0.01"))
                if order.shipped_share is not None
                else None,
            ),
            (status_names.SF_FIELD_TRACKING, order.tracking_reference),
            (status_names.SF_FIELD_INVOICE_NUMBER, order.invoice_number),
            (status_names.SF_FIELD_INVOICE_DATE, order.invoice_date),
            (status_names.SF_FIELD_NET_AMOUNT, order.net_amount),
        ):
            if value is not None:  # what the ERP does not say is not written (never 0 or empty)
                fields[name] = value
        changes = [
            RecordChange(
                status_names.SF_ORDER,
                salesforce_id,
                fields,
                version,
                flow=self._flow,
                reference=order.erp_order_id,
            )
        ]
        if status_changed:
            changes.append(
                RecordChange(
                    status_names.SF_HISTORY,
                    f"{order.erp_order_id}:{order.status}:{version}",
                    {
                        status_names.SF_HISTORY_ORDER: salesforce_id,
                        status_names.SF_HISTORY_STATUS: order.status,
                        status_names.SF_HISTORY_ERP_CODES: (order.status_detail or order.status)[
                            : status_names.SF_ERP_CODES_MAX
                        ],
                        status_names.SF_HISTORY_CHANGED_AT: order.changed_at,
                        status_names.SF_HISTORY_SOURCE: source.value,
                    },
                    version,
                    key_field=status_names.SF_HISTORY_KEY,
                    flow=self._flow,
                    reference=order.erp_order_id,
                )
            )
        return StatusPlan(
            order,
            source,
            Decision.WRITE,
            salesforce_id,
            changes=tuple(changes),
            status_changed=status_changed,
            previous=previous,
        )

    def applied(self, plan: StatusPlan) -> None:
        """Every write of the plan landed (or a newer state had): remember the state, so a re-poll
        or a redelivery of it writes nothing, and emit the quote-to-cash stage durations its
        status change completes."""
        order = plan.order
        attributes = {
            "status": order.status,
            "changed_at": _iso(order.changed_at),
            "salesforce_order_id": plan.salesforce_order_id or "",
        }
        for name in ("created_at", "shipped_at"):
            if plan.previous.get(name):
                attributes[name] = plan.previous[name]
        if order.created_at is not None:
            attributes["created_at"] = _iso(order.created_at)
        if plan.status_changed and order.status == "SHIPPED":
            attributes["shipped_at"] = _iso(order.changed_at)
            seconds = self._stage("created -> shipped", attributes.get("created_at"), order)
            if seconds is not None:
                metrics.add_metric(
                    name=status_names.METRIC_TO_SHIPPED_S, unit=MetricUnit.Seconds, value=seconds
                )
        if plan.status_changed and order.status == "INVOICED":
            seconds = self._stage("shipped -> invoiced", attributes.get("shipped_at"), order)
            if seconds is not None:
                metrics.add_metric(
                    name=status_names.METRIC_TO_INVOICED_S, unit=MetricUnit.Seconds, value=seconds
                )
        self._applied.advance(self._key(order), change_rank(order.changed_at), attributes)

    @staticmethod
    def _stage(stage: str, since: str | None, order: ErpSalesOrderRecord) -> float | None:
        """A quote-to-cash stage's duration in seconds, or None when its start was never seen (an
        order older than the flow): no duration is made up."""
        if not since:
            return None
        seconds = (order.changed_at - datetime.fromisoformat(since.replace("Z", "+00:00"))).total_seconds()
        if seconds < 0:
            return None
        logger.info(
            "quote-to-cash stage",
            extra={"stage": stage, "seconds": seconds, "erp_order_id": order.erp_order_id},
        )
        return seconds

    @staticmethod
    def _key(order: ErpSalesOrderRecord) -> str:
        return f"{status_names.APPLIED_PREFIX}{order.erp_order_id}"
