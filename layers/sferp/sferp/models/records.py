"""Records that cross the ports other than the order contract: ERP master data, stock, batch results."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Re-exported: the ports and flows import it from here with the other records.
from sferp.models.record_update import RecordUpdate as RecordUpdate


class StockAvailability(BaseModel):
    """Availability of one SKU at one plant, as the ERP reports it."""

    model_config = ConfigDict(frozen=True)

    sku: str
    plant: str
    known: bool = True  # False: the ERP has no such material at this plant
    available_quantity: Decimal = Decimal(0)
    available_date: date | None = None


class ErpCustomer(BaseModel):
    """Customer master (SAP business partner), the ERP side of an Account."""

    model_config = ConfigDict(frozen=True)

    customer_number: str
    salesforce_account_id: str | None = None
    name: str
    street: str | None = None
    city: str | None = None
    postal_code: str | None = None
    country: str | None = None
    phone: str | None = None
    credit_limit: Decimal | None = None
    payment_terms: str | None = None
    changed_at: datetime
    deleted: bool = False
    blocked: bool = False  # no new orders (SAP: BusinessPartnerIsBlocked); lifted, not deleted


class NewErpCustomer(BaseModel):
    """A customer to create in the ERP from a Salesforce Account, coupled to it by its Id. Only
    values Salesforce actually holds: a missing one stays missing (never an empty name)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    salesforce_account_id: str = Field(pattern=r"^[A-Za-z0-9]{18}$")
    name: str = Field(min_length=1, max_length=80)
    street: str | None = Field(default=None, max_length=60)
    city: str | None = Field(default=None, max_length=40)
    postal_code: str | None = Field(default=None, max_length=10)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    phone: str | None = Field(default=None, max_length=30)

    @field_validator("name", "street", "city", "postal_code", "phone", mode="before")
    @classmethod
    def _trimmed(cls, value: object) -> object:
        if isinstance(value, str):
            value = " ".join(value.split())
            return value or None
        return value


# The customer fields an ``update_customers`` call may set, for every adapter alike: each
# attribute but the key and the bookkeeping.
UPDATABLE_CUSTOMER_FIELDS: Final = frozenset(ErpCustomer.model_fields) - {
    "customer_number",
    "changed_at",
    "deleted",
    "blocked",  # set_customer_blocked, not a field update
}


class ErpProduct(BaseModel):
    """Material master, with its list price where the ERP provides one.

    A price the ERP does not provide is ``None``, never 0: downstream writers skip it. A price
    comes with its currency or not at all."""

    model_config = ConfigDict(frozen=True)

    sku: str
    name: str | None = None  # no description in the ERP: no name (never an empty one)
    list_price: Decimal | None = Field(default=None, ge=0)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    active: bool = True
    changed_at: datetime

    @model_validator(mode="after")
    def _price_with_currency(self) -> ErpProduct:
        if (self.list_price is None) != (self.currency is None):
            raise ValueError("a list price needs its currency and a currency its price")
        return self


class ErpSalesOrderRecord(BaseModel):
    """A sales order as read back from the ERP (reconciliation, status sync)."""

    model_config = ConfigDict(frozen=True)

    erp_order_id: str
    external_reference: str
    customer_reference: str
    status: str
    currency: str
    source_version: int | None = None  # None: the ERP keeps no Salesforce version
    items: tuple[dict[str, Any], ...] = ()
    changed_at: datetime
    # Fulfilment and invoicing, where the ERP's API carries them; None = the ERP does not say (never
    # written as 0 or empty into Salesforce).
    created_at: datetime | None = None
    net_amount: Decimal | None = None  # the order's net value in ``currency``
    delivery_date: date | None = None  # goods issued (the last delivery's)
    shipped_share: Decimal | None = None  # shipped quantity / ordered quantity of the open items, 0..1
    tracking_reference: str | None = None
    invoice_number: str | None = None
    invoice_date: date | None = None
    # The ERP's own codes behind ``status`` (e.g. SAP's header statuses), for a reason when they
    # map to no status sferp knows.
    status_detail: str | None = None


# The order statuses sferp reports (ErpSalesOrderRecord.status), the API names of the Salesforce
# picklist ERP_Order_Status__c. Each adapter maps its ERP's codes to these in its configuration;
# a combination it cannot map is reported as UNMAPPED_ORDER_STATUS with the codes in status_detail.
ERP_ORDER_STATUSES: Final = ("OPEN", "IN_DELIVERY", "SHIPPED", "INVOICED", "CANCELLED", "REJECTED")
UNMAPPED_ORDER_STATUS: Final = "UNMAPPED"


class RecordResult(BaseModel):
    """Per-record outcome of a batch write. ``retriable`` separates a locked row from a bad value."""

    model_config = ConfigDict(frozen=True)

    key: str
    ok: bool
    error: str | None = None
    retriable: bool = False


class ApiUsage(BaseModel):
    """Salesforce API allowance as reported by ``Sforce-Limit-Info: api-usage=used/total``."""

    model_config = ConfigDict(frozen=True)

    used: int
    total: int

    @property
    def ratio(self) -> float:
        return self.used / self.total if self.total else 0.0
