"""The order-handoff contract (``Order_Handoff__e`` v1) and the ERP sales order it maps to.

The platform event fields arrive under ``detail.payload`` of the EventBridge event that
Salesforce Event Relay delivers. The JSON Schema in ``sferp/schemas/order_handoff.v1.json`` is
generated from these models (``sferp schema``) and a test keeps the two equal.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Final

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from sferp.models.currencies import ISO_4217
from sferp.models.salesforce_id import to_18


def _strict_string(value: object) -> object:
    # No coercion: a number or a list is not an id, and surrounding blanks are not trimmed away
    # silently in a key (the pattern rejects them with the reason).
    if not isinstance(value, str):
        raise ValueError("a Salesforce id must be a string")
    return value


# A Salesforce record id field: 15 or 18 characters in, the canonical 18-character form kept.
SalesforceId = Annotated[str, BeforeValidator(_strict_string), AfterValidator(to_18)]

SCHEMA_VERSION = "1"
# A version is a counter the Flow raises; 2^53 - 1 is the largest integer every hop (JSON numbers,
# DynamoDB, SQLite, SAP's text fields) carries exactly.
MAX_VERSION = 2**53 - 1
# Epoch milliseconds between 1973-03-03 and 5138-11-16: a number outside is not a time Salesforce
# sent (a value in seconds, or garbage), and is rejected rather than read as 1970.
_EPOCH_MS_MIN = 10**11
_EPOCH_MS_MAX = 10**14


def _text_problem(value: str) -> str | None:
    """Why a key-like text (SKU, line id, order number) cannot go to the ERP, or None."""
    if not value.strip():
        return "is blank"
    for ch in value:
        category = unicodedata.category(ch)
        # Cc: control characters (NUL, newline, tab ...); Cf: format characters, among them the
        # bidi overrides (U+202A..U+202E, U+2066..U+2069) that make a text display other than it is.
        if category in ("Cc", "Cf"):
            return f"contains the control or format character U+{ord(ch):04X}"
    return None


def _clean_text(value: Any, field: str) -> Any:
    if isinstance(value, str):
        value = value.strip()
        problem = _text_problem(value)
        if problem:
            raise ValueError(f"{field} {problem}")
    return value


def _plain_decimal(value: Any, field: str) -> Any:
    """Booleans are not numbers here; "1e3" becomes 1000 (the ERP gets a plain decimal)."""
    if isinstance(value, bool):
        raise ValueError(f"{field} must be a number, not true/false")
    try:
        number = Decimal(str(value)) if isinstance(value, int | float | str) else value
    except ArithmeticError as exc:
        raise ValueError(f"{field} is not a number") from exc
    if isinstance(number, Decimal):
        if not number.is_finite():
            raise ValueError(f"{field} must be a finite number")
        if abs(number.adjusted()) > 30:
            raise ValueError(f"{field} is out of range")
        return Decimal(format(number, "f"))
    return number


class OrderAction(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    CANCEL = "CANCEL"


class SyncStatus(StrEnum):
    """Values of the Order picklist ``ERP_Sync_Status__c``."""

    SYNCED = "Synced"
    ERROR = "Error"
    CANCELLED = "Cancelled"
    WAITING = "Waiting"  # retried: the Account has no ERP customer yet


class OrderLine(BaseModel):
    """One line of ``Lines__c`` (or one OrderItem fetched from Salesforce)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    line_id: str = Field(min_length=1, max_length=80)
    product_code: str = Field(min_length=1, max_length=40)
    quantity: Decimal = Field(gt=0, max_digits=15, decimal_places=3)
    unit_price: Decimal = Field(ge=0, max_digits=18, decimal_places=4)

    @field_validator("line_id", "product_code", mode="before")
    @classmethod
    def _key_text(cls, value: Any, info: Any) -> Any:
        return _clean_text(value, info.field_name)

    @field_validator("quantity", "unit_price", mode="before")
    @classmethod
    def _numbers(cls, value: Any, info: Any) -> Any:
        return _plain_decimal(value, info.field_name)


def parse_created_date(value: Any) -> datetime:
    """``CreatedDate`` arrives as an ISO-8601 string or as epoch milliseconds; both occur."""
    if isinstance(value, bool):  # bool is an int; never a date
        raise ValueError("CreatedDate must be an ISO-8601 string or epoch milliseconds")
    if isinstance(value, int | float):
        return _from_epoch_ms(value)
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return _from_epoch_ms(int(text))
        # Salesforce writes "+0000" offsets ("2026-11-29T08:00:00.000+0000"): normalise to "+00:00".
        if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():
            text = f"{text[:-2]}:{text[-2:]}"
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    raise ValueError("CreatedDate must be an ISO-8601 string or epoch milliseconds")


def _from_epoch_ms(value: float) -> datetime:
    if value != value or not _EPOCH_MS_MIN <= value <= _EPOCH_MS_MAX:  # NaN compares unequal
        hint = " (it looks like epoch seconds)" if 10**9 <= value < _EPOCH_MS_MIN else ""
        raise ValueError(f"CreatedDate {value!r} is not epoch milliseconds of a plausible time{hint}")
    return datetime.fromtimestamp(value / 1000, tz=UTC)


# The JSON Schema of a field as Event Relay sends it (the wire form), where it differs from the
# parsed type: the published schema (sferp/schemas/order_handoff.v1.json) describes the wire.
_WIRE_CREATED_DATE: Final = WithJsonSchema(
    {
        "anyOf": [
            {
                "type": "integer",
                "minimum": _EPOCH_MS_MIN,
                "maximum": _EPOCH_MS_MAX,
                "description": "epoch milliseconds",
            },
            {"type": "string", "format": "date-time"},
        ],
        "description": "Event Relay sends epoch milliseconds; ISO 8601 is accepted too. Epoch seconds are rejected.",
    },
    mode="validation",
)
_WIRE_LINES: Final = WithJsonSchema(
    {
        "anyOf": [
            {
                "type": "string",
                "contentMediaType": "application/json",
                "description": "the Long Text Area field: a JSON array of lines, as text",
            },
            # The items' schema (OrderLine's) is put in by sferp.schemas: a $ref cannot be named here.
            {"type": "array", "items": {"type": "object"}},
            {"type": "null"},
        ],
        "description": "The order's lines; absent or null: read from the Order's OrderItems.",
    },
    mode="validation",
)
_WIRE_ID: Final = WithJsonSchema(
    {
        "type": "string",
        "pattern": "^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$",
        "description": "a Salesforce Id, 15 or 18 characters",
    },
    mode="validation",
)
_WIRE_DATE: Final = WithJsonSchema(
    {
        "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}],
        "description": "YYYY-MM-DD. Not checkable offline: the form Event Relay uses for Date fields; "
        "anything else is rejected with a reason.",
    },
    mode="validation",
)


class OrderHandoffEvent(BaseModel):
    """``Order_Handoff__e`` as published by the Salesforce Flow (schema version 1)."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True)

    order_id: Annotated[SalesforceId, _WIRE_ID] = Field(alias="Order_Id__c")
    account_id: Annotated[SalesforceId, _WIRE_ID] = Field(alias="Account_Id__c")
    order_number: str | None = Field(default=None, alias="Order_Number__c", max_length=30)
    action: OrderAction = Field(default=OrderAction.CREATE, alias="Action__c")
    # Required although Salesforce would let a Flow leave it empty: without a version the
    # reorder guard cannot tell an old event from a new one (see docs/decision_log.md).
    version: int = Field(alias="Order_Version__c", ge=0, le=MAX_VERSION)
    currency: str | None = Field(default=None, alias="Currency_Iso_Code__c", min_length=3, max_length=3)
    requested_delivery_date: Annotated[date | None, _WIRE_DATE] = Field(
        default=None, alias="Requested_Delivery_Date__c"
    )
    lines: Annotated[tuple[OrderLine, ...] | None, _WIRE_LINES] = Field(default=None, alias="Lines__c")
    created_at: Annotated[datetime, _WIRE_CREATED_DATE] = Field(alias="CreatedDate")
    created_by_id: str | None = Field(default=None, alias="CreatedById")

    @field_validator("action", mode="before")
    @classmethod
    def _action_default(cls, value: Any) -> Any:
        # Flows often publish an empty string for "not set".
        if value is None or value == "":
            return OrderAction.CREATE
        if isinstance(value, str):
            return value.strip().upper()
        return value

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, value: Any) -> Any:
        if value is None or value == "":
            return None
        if not isinstance(value, str) or value.strip().upper() not in ISO_4217:
            raise ValueError(f"{value!r} is not an ISO 4217 currency code")
        return value.strip().upper()

    @field_validator("order_number", mode="before")
    @classmethod
    def _order_number(cls, value: Any) -> Any:
        if value is None or value == "":
            return None
        return _clean_text(value, "Order_Number__c")

    @field_validator("version", mode="before")
    @classmethod
    def _version_number(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("Order_Version__c must be a whole number, not true/false")
        # Platform event Number fields arrive as JSON numbers with a fraction ("3.0").
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError("Order_Version__c must be a whole number")
            return int(value)
        return value

    @field_validator("lines", mode="before")
    @classmethod
    def _lines_json(cls, value: Any) -> Any:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValueError(f"Lines__c is not valid JSON: {exc.msg}") from exc
            except RecursionError as exc:
                raise ValueError("Lines__c nests deeper than any order line can") from exc
        if not isinstance(value, list):
            raise ValueError("Lines__c must hold a JSON array of lines")
        return value

    @field_validator("created_at", mode="before")
    @classmethod
    def _created(cls, value: Any) -> datetime:
        return parse_created_date(value)

    @model_validator(mode="after")
    def _lines_unique(self) -> OrderHandoffEvent:
        if self.lines is not None:
            ids = [line.line_id for line in self.lines]
            if len(ids) != len(set(ids)):
                raise ValueError("Lines__c has duplicate line_id values")
            if self.action is not OrderAction.CANCEL and not self.lines:
                raise ValueError("Lines__c is an empty array; an order needs at least one line")
        return self

    @property
    def business_key(self) -> str:
        """The idempotency key: never the transport id, which differs on every redelivery path."""
        return f"{self.order_id}#{self.version}#{self.action.value}"


class SalesforceOrder(BaseModel):
    """An Order with its lines, from the event or fetched from Salesforce."""

    model_config = ConfigDict(frozen=True)

    order_id: str
    account_id: str
    order_number: str | None = None
    currency: str | None = None
    requested_delivery_date: date | None = None
    lines: tuple[OrderLine, ...]
    version: int


class ErpSalesOrderItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    item_number: int = Field(ge=10)  # SAP numbers items 10, 20, 30 ...
    sku: str
    quantity: Decimal
    unit_price: Decimal
    external_line_id: str


class ErpSalesOrder(BaseModel):
    """The ERP document, shaped after SAP ``A_SalesOrder`` with ``to_Item``."""

    model_config = ConfigDict(frozen=True)

    external_reference: str  # SAP PurchaseOrderByCustomer = the Salesforce Order Id
    customer_reference: str  # sold-to party reference = the Salesforce Account Id
    # The ERP customer the coupling store names for the Account (the customer flow's); None: the
    # adapter finds it by the Account's external id in the ERP. Never the Account Id.
    customer_number: str | None = None
    order_number_hint: str | None = None
    currency: str
    requested_delivery_date: date | None = None
    items: tuple[ErpSalesOrderItem, ...]
    source_version: int


class ErpOrderAck(BaseModel):
    """What the ERP answers to an upsert or a cancel."""

    model_config = ConfigDict(frozen=True)

    erp_order_id: str
    external_reference: str
    status: str  # OPEN | CANCELLED | SHIPPED | INVOICED
    created: bool  # False when the upsert found and updated an existing document
    source_version: int
