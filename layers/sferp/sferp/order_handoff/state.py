"""What the order handoff remembers per order, on top of the kernel's version guard
(``sferp.ports.state``): the highest (version, action) applied, the ERP order number and status,
and the highest version whose outcome Salesforce shows."""

from __future__ import annotations

from dataclasses import dataclass

from sferp.models.order import OrderAction
from sferp.ports.state import Rank, VersionGuard

_ACTION_RANK = {OrderAction.CREATE: 0, OrderAction.UPDATE: 1, OrderAction.CANCEL: 2}
# The version-guard key of an order, beside the Powertools idempotency records in the same table.
KEY_PREFIX = "order#"
WRITTEN_BACK = "written_back_version"


def change_rank(version: int, action: OrderAction) -> Rank:
    """Total order of changes to one order. Within one version a CANCEL outranks an UPDATE,
    which outranks a CREATE, so "cancel v3" after "update v3" applies but not the reverse."""
    return (version, _ACTION_RANK[action])


@dataclass(frozen=True)
class OrderState:
    order_id: str
    version: int
    action: OrderAction
    erp_order_id: str | None
    erp_status: str | None
    written_back_version: int  # -1: no write-back confirmed yet
    updated_at: float

    @property
    def rank(self) -> Rank:
        return change_rank(self.version, self.action)


class OrderStateStore:
    """The order handoff's view of its version guard."""

    def __init__(self, guard: VersionGuard) -> None:
        self._guard = guard

    def get(self, order_id: str) -> OrderState | None:
        record = self._guard.get(order_id)
        if record is None:
            return None
        return OrderState(
            order_id=order_id,
            version=record.rank[0],
            action=OrderAction(record.attributes["action"]),
            erp_order_id=record.attributes.get("erp_order_id"),
            erp_status=record.attributes.get("erp_status"),
            written_back_version=record.marks.get(WRITTEN_BACK, -1),
            updated_at=record.updated_at,
        )

    def record_applied(
        self, order_id: str, *, version: int, action: OrderAction, erp_order_id: str, erp_status: str
    ) -> bool:
        """Store the applied change unless a higher-ranked one is already stored. True if stored."""
        return self._guard.advance(
            order_id,
            change_rank(version, action),
            {"action": action.value, "erp_order_id": erp_order_id, "erp_status": erp_status},
        )

    def record_written_back(self, order_id: str, version: int) -> None:
        """Remember that Salesforce shows the outcome of ``version``."""
        self._guard.mark(order_id, WRITTEN_BACK, version)
