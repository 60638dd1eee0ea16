"""ERP business events about sales orders: SAP S/4HANA's sales order events, as CloudEvents on the
environment's ERP bus (``sferp-<env>-erp``). They carry the key only (``data.SalesOrder``), so
each is followed by a keyed read of the order through the ERP port (one read for a batch's
events), then goes the poller's way (the same plan, the same per-order memory, so an event and a
poll of the same change write the Order once).

How the events reach EventBridge (SAP Integration Suite / Event Mesh / Advanced Event Mesh
bridging) is outside sferp and not checkable offline; what this module accepts: an EventBridge
event whose ``detail-type`` is the CloudEvent ``type`` and whose ``detail`` is the CloudEvent in
structured mode (``specversion`` 1.0, ``type``, ``source``, ``id``, ``data``), for the types
``sap.s4.beh.salesorder.v1.SalesOrder.Changed.v1`` and ``…Created.v1`` (SAP Business
Accelerator Hub, "Sales Order Events"). Anything else is rejected with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from sferp.cloudevents import cloud_event
from sferp.erp_status.names import SALES_ORDER_EVENT_TYPES
from sferp.errors import InvalidEventError

_MAX_KEY: Final = 10  # SAP sales document numbers: CHAR 10


@dataclass(frozen=True)
class ErpOrderEvent:
    event_id: str
    event_type: str
    erp_order_id: str


def parse_erp_order_event(message: Mapping[str, Any]) -> ErpOrderEvent:
    if message.get("detail-type") not in SALES_ORDER_EVENT_TYPES:
        raise InvalidEventError(f"detail-type {message.get('detail-type')!r} is not an ERP sales order event")
    detail, data = cloud_event(message)
    key = data.get("SalesOrder") if data is not None else None
    if not isinstance(key, str) or not key.strip() or len(key.strip()) > _MAX_KEY:
        raise InvalidEventError(f"CloudEvent data.SalesOrder {key!r} is not a sales document number")
    return ErpOrderEvent(event_id=str(detail["id"]), event_type=str(detail["type"]), erp_order_id=key.strip())
