"""Parsing an SQS record of the order-handoff queue into the event contract.

The record body is the EventBridge event as Event Relay delivered it (the pipe forwards the
body unchanged); the platform event fields sit under ``detail.payload``.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.parser.models import EventBridgeModel
from pydantic import BaseModel, ConfigDict, ValidationError

from sferp.errors import InvalidEventError
from sferp.models.order import MAX_VERSION, OrderHandoffEvent
from sferp.models.salesforce_id import to_18
from sferp.order_handoff import names as handoff_names


class RelayDetail(BaseModel):
    """``detail`` of an Event Relay event. Only ``payload`` is required; ``schemaId``, ``id``
    (event UUID) and ``replayId`` may be present, and nothing here depends on them."""

    model_config = ConfigDict(extra="allow")

    payload: dict[str, Any]


class RelayEnvelope(EventBridgeModel):
    detail: RelayDetail
    # EventBridge always sets ``account``; archive replays re-sent through other tools and
    # moto's SQS target do not, and nothing downstream needs it.
    account: str | None = None  # type: ignore[assignment]


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"]) or "event"
        message = str(err["msg"]).removeprefix("Value error, ")
        parts.append(f"{field}: {message}")
    return "; ".join(parts)


def _order_id_hint(payload: Any) -> str | None:
    """The Order Id, when the payload has a usable one, so Salesforce can be told of a failure."""
    if not isinstance(payload, dict):
        return None
    try:
        return to_18(str(payload.get("Order_Id__c", "")).strip())
    except ValueError:
        return None


def _version_hint(payload: Any) -> int | None:
    """The Order version, when the payload has a usable one (a whole number within the contract's range)."""
    if not isinstance(payload, dict):
        return None
    value = payload.get("Order_Version__c")
    if isinstance(value, bool):
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= MAX_VERSION else None


def parse_order_event(body: str, *, max_lines: int = handoff_names.MAX_LINES_DEFAULT) -> OrderHandoffEvent:
    """Return the event, or raise ``InvalidEventError`` with a reason a person can act on.

    Total on purpose: whatever the body holds (any size, depth, number or encoding), the answer is
    the event or ``InvalidEventError`` — never another exception, which would retry a message that
    can never succeed five times while it holds back its order's group, and end in the DLQ
    without a reason."""
    try:
        event = _parse(body)
    except InvalidEventError:
        raise
    except (RecursionError, ArithmeticError, ValueError, TypeError, UnicodeError) as exc:
        raise InvalidEventError(f"event could not be read: {type(exc).__name__}") from exc
    if event.lines is not None and len(event.lines) > max_lines:
        raise InvalidEventError(
            f"order has {len(event.lines)} lines; at most {max_lines} are accepted "
            "(cdk.json flows.order_handoff.max_lines)",
            salesforce_order_id=event.order_id,
            order_version=event.version,
        )
    return event


def _parse(body: str) -> OrderHandoffEvent:
    try:
        raw = json.loads(body)
    except json.JSONDecodeError as exc:
        raise InvalidEventError(f"body is not JSON: {exc.msg} at position {exc.pos}") from exc
    except RecursionError as exc:
        raise InvalidEventError("body nests deeper than any Event Relay event can") from exc
    # Tolerate a pipe configured without the input template (the whole SQS record forwarded).
    if isinstance(raw, dict) and "detail" not in raw and isinstance(raw.get("body"), str):
        try:
            raw = json.loads(raw["body"])
        except json.JSONDecodeError as exc:
            raise InvalidEventError(f"forwarded body is not JSON: {exc.msg}") from exc
        except RecursionError as exc:
            raise InvalidEventError("forwarded body nests deeper than any Event Relay event can") from exc
    try:
        envelope = RelayEnvelope.model_validate(raw)
    except ValidationError as exc:
        raise InvalidEventError(f"not an Event Relay event: {_describe(exc)}") from exc
    payload = envelope.detail.payload
    try:
        return OrderHandoffEvent.model_validate(payload)
    except ValidationError as exc:
        raise InvalidEventError(
            f"invalid Order_Handoff__e: {_describe(exc)}",
            salesforce_order_id=_order_id_hint(payload),
            order_version=_version_hint(payload),
        ) from exc
