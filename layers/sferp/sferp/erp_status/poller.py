"""The scheduled change poller: ERP sales orders changed since the watermark -> the FIFO queue,
one message per order state, grouped by the ERP order (so one order's changes apply in order).

* **Watermark with a lookback**: each poll reads the orders changed since the last poll's start
  minus ``lookback``, so a change committed just before the watermark (a long transaction, a clock
  a little behind) is read on the next poll. Re-reading costs no write: the message's
  deduplication id is ``<order>:<change time>`` (SQS drops a resend within five minutes), and after
  that the consumer's per-order memory finds it stale or already applied.
* Unlinked orders (no Salesforce Order Id: created in the ERP directly) are counted, logged with
  their numbers and returned in the result; they are not queued.
* The watermark moves only after every message is queued: a failed send raises (the schedule
  retries) and the next poll reads the same changes again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from sferp.erp_status import names as status_names
from sferp.erp_status.service import change_millis, change_rank, linked_order_id
from sferp.models.records import ErpSalesOrderRecord
from sferp.observability import logger, metrics
from sferp.ports.erp import SalesOrderChangesPort
from sferp.ports.queues import MessageSender, OutgoingMessage
from sferp.ports.state import VersionGuard
from sferp.settings import FlowMode


@dataclass
class PollResult:
    read: int = 0
    queued: int = 0
    unlinked: list[str] = field(default_factory=list)  # ERP order numbers without a Salesforce Order
    since: datetime | None = None
    watermark: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "queued": self.queued,
            "unlinked": list(self.unlinked),
            "since": self.since.isoformat() if self.since else None,
            "watermark": self.watermark.isoformat() if self.watermark else None,
        }


def poll_message(order: ErpSalesOrderRecord, source: str = "poll") -> OutgoingMessage:
    return OutgoingMessage(
        body=order_message_body(order, source),
        group_id=order.erp_order_id,
        deduplication_id=f"{order.erp_order_id}:{change_millis(order.changed_at)}",
    )


def order_message_body(order: ErpSalesOrderRecord, source: str = "poll") -> str:
    # Without the items: the flow reads none, and an order of hundreds of lines would push a batch
    # of ten past SQS's SendMessageBatch payload limit.
    state = order.model_dump_json(exclude={"items"})
    return '{"source": "%s", "order": %s}' % (source, state)  # noqa: UP031 - no re-encode


class ErpOrderPoller:
    def __init__(
        self,
        *,
        erp: SalesOrderChangesPort,
        queue: MessageSender,
        applied: VersionGuard,
        mode: FlowMode,
        lookback: timedelta = timedelta(minutes=status_names.POLL_LOOKBACK_MIN),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._erp = erp
        self._queue = queue
        self._applied = applied
        self._mode = mode
        self._lookback = lookback
        self._clock = clock

    def poll(self) -> PollResult:
        started = self._clock()
        result = PollResult()
        if self._mode is FlowMode.OFF:
            logger.info("erp status is off: no poll")
            return result
        mark = self._applied.get(status_names.WATERMARK_KEY)
        # First poll: from now minus the lookback. Older history is the nightly run's (the poller
        # does not replay the ERP's whole order book into Salesforce).
        base = datetime.fromtimestamp(mark.rank[0] / 1000, tz=UTC) if mark else started
        result.since = since = base - self._lookback
        messages: list[OutgoingMessage] = []
        for order in self._erp.changed_sales_orders(since):
            result.read += 1
            if linked_order_id(order.external_reference) is None:
                result.unlinked.append(order.erp_order_id)
                continue
            messages.append(poll_message(order))
        if result.unlinked:
            logger.warning(
                "ERP orders without a Salesforce Order (created in the ERP?): not synced",
                extra={"erp_order_ids": result.unlinked[:50], "count": len(result.unlinked)},
            )
        # Shadow queues too: the consumer decides (it writes nothing in shadow).
        self._queue.send(messages)
        result.queued = len(messages)
        self._applied.advance(status_names.WATERMARK_KEY, change_rank(started), {"at": started.isoformat()})
        result.watermark = started
        metrics.add_metric(name=status_names.METRIC_POLLED, unit=MetricUnit.Count, value=result.read)
        metrics.add_metric(
            name=status_names.METRIC_UNLINKED, unit=MetricUnit.Count, value=len(result.unlinked)
        )
        logger.info("erp order changes polled", extra=result.as_dict())
        return result
