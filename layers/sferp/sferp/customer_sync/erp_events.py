"""ERP business events for customers: SAP S/4HANA's business partner events, as CloudEvents on the
environment's ERP bus (``sferp-<env>-erp``). They carry the key only (``data.BusinessPartner``),
so each is followed by a read of the customer through the ERP port, then goes the poller's way
(``ErpCustomerPoller.apply_customer``: the same per-customer order and the same memory of what was
written, so an event and a poll of the same change write the Account once).

How the events reach EventBridge (SAP Integration Suite / Event Mesh / Advanced Event Mesh
bridging) is outside sferp and not checkable offline; what this module accepts: an EventBridge
event whose ``detail-type`` is the CloudEvent ``type`` and whose ``detail`` is the CloudEvent in
structured mode (``specversion`` 1.0, ``type``, ``source``, ``id``, ``data``), as SAP documents the
event types ``sap.s4.beh.businesspartner.v1.BusinessPartner.Changed.v1`` and ``…Created.v1``
(SAP Business Accelerator Hub, "Business Partner Events"). Anything else is rejected with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from sferp.cloudevents import cloud_event
from sferp.errors import InvalidEventError

BUSINESS_PARTNER_EVENT_TYPES: Final = (
    "sap.s4.beh.businesspartner.v1.BusinessPartner.Changed.v1",
    "sap.s4.beh.businesspartner.v1.BusinessPartner.Created.v1",
)
_MAX_KEY = 10  # SAP business partner numbers: CHAR 10


@dataclass(frozen=True)
class ErpCustomerEvent:
    event_id: str
    event_type: str
    customer_number: str


def is_erp_customer_event(message: Mapping[str, Any]) -> bool:
    return message.get("detail-type") in BUSINESS_PARTNER_EVENT_TYPES


def parse_erp_customer_event(message: Mapping[str, Any]) -> ErpCustomerEvent:
    detail, data = cloud_event(message)
    key = data.get("BusinessPartner") if data is not None else None
    if not isinstance(key, str) or not key.strip() or len(key.strip()) > _MAX_KEY:
        raise InvalidEventError(f"CloudEvent data.BusinessPartner {key!r} is not a business partner number")
    return ErpCustomerEvent(
        event_id=str(detail["id"]), event_type=str(detail["type"]), customer_number=key.strip()
    )
