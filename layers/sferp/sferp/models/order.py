"""The order-handoff contract (``Order_Handoff__e`` v1) and the ERP sales order it maps to.

The platform event fields arrive under ``detail.payload`` of the EventBridge event that
Salesforce Event Relay delivers. The JSON Schema in ``sferp/schemas/order_handoff.v1.json`` is
generated from these models (``sferp schema``) and a test keeps the two equal.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sferp.models.salesforce_id import SalesforceId

SCHEMA_VERSION = "1"


class OrderAction(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    CANCEL = "CANCEL"


class SyncStatus(StrEnum):
    """Values of the Order picklist ``ERP_Sync_Status__c``."""

    SYNCED = "Synced"
    ERROR = "Error"
    CANCELLED = "Cancelled"


class OrderLine(BaseModel):
    """One line of ``Lines__c`` (or one OrderItem fetched from Salesforce)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    line_id: str = Field(min_length=1, max_length=80)
    product_code: str = Field(min_length=1, max_length=40)
    quantity: Decimal = Field(gt=0, max_digits=15, decimal_places=3)
    unit_price: Decimal = Field(ge=0, max_digits=18, decimal_places=4)


def parse_created_date(value: Any) -> datetime:
    """``CreatedDate`` arrives as an ISO-8601 string or as epoch milliseconds; both occur."""
    if isinstance(value, bool):  # bool is an int; never a date
        raise ValueError("CreatedDate must be an ISO-8601 string or epoch milliseconds")
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return datetime.fromtimestamp(int(text) / 1000, tz=UTC)
        # Salesforce writes "+0000" offsets ("2026-11-29T08:00:00.000+0000"): normalise to "+00:00".
        if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():
            text = f"{text[:-2]}:{text[-2:]}"
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    raise ValueError("CreatedDate must be an ISO-8601 string or epoch milliseconds")


class OrderHandoffEvent(BaseModel):
    """``Order_Handoff__e`` as published by the Salesforce Flow (schema version 1)."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True)

    order_id: SalesforceId = Field(alias="Order_Id__c")
    account_id: SalesforceId = Field(alias="Account_Id__c")
    order_number: str | None = Field(default=None, alias="Order_Number__c", max_length=30)
    action: OrderAction = Field(default=OrderAction.CREATE, alias="Action__c")
    # Required although Salesforce would let a Flow leave it empty: without a version the
    # reorder guard cannot tell an old event from a new one (see docs/decision_log.md).
    version: int = Field(alias="Order_Version__c", ge=0)
    currency: str | None = Field(default=None, alias="Currency_Iso_Code__c", min_length=3, max_length=3)
    requested_delivery_date: date | None = Field(default=None, alias="Requested_Delivery_Date__c")
    lines: tuple[OrderLine, ...] | None = Field(default=None, alias="Lines__c")
    created_at: datetime = Field(alias="CreatedDate")
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

    @field_validator("version", mode="before")
    @classmethod
    def _version_number(cls, value: Any) -> Any:
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
