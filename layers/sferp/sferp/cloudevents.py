"""ERP business events as they reach an EventBridge bus: the CloudEvent (structured mode) in the
event's ``detail``, its ``type`` repeated as the ``detail-type``. One check for every flow that
takes them (the customer flow's business partner events, the status flow's sales order events)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sferp.errors import InvalidEventError


def cloud_event(message: Mapping[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any] | None]:
    """The CloudEvent and its ``data`` (None when it has no object there), or InvalidEventError
    with the reason: specversion 1.0, a type equal to the detail-type, an id and a source."""
    detail = message.get("detail")
    if not isinstance(detail, Mapping):
        raise InvalidEventError("ERP event without a CloudEvent in detail")
    if detail.get("specversion") != "1.0":
        raise InvalidEventError(f"CloudEvent specversion {detail.get('specversion')!r}, not '1.0'")
    if detail.get("type") != message.get("detail-type"):
        raise InvalidEventError(
            f"CloudEvent type {detail.get('type')!r} differs from the detail-type {message.get('detail-type')!r}"
        )
    if not detail.get("id") or not detail.get("source"):
        raise InvalidEventError("CloudEvent without id or source")
    data = detail.get("data")
    return detail, data if isinstance(data, Mapping) else None
