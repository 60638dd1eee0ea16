"""The API contract of the inventory lookup (request and response bodies).

These models are the single source of the OpenAPI document (``docs/openapi/inventory.json``)
that Salesforce registers as an External Service, so field names and descriptions here are what
Flow builders see. Quantities are JSON numbers (External Services map them to Double); SKUs and
plants follow SAP's material (<= 40 characters) and plant (4 characters) keys.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Final

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from sferp.inventory_lookup import names as inventory_names

SKU_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"
PLANT_PATTERN: Final = r"^[A-Za-z0-9]{1,4}$"
MAX_QUANTITY: Final = 1_000_000_000

Sku = Annotated[
    str, Field(pattern=SKU_PATTERN, description="ERP material number (SKU)", examples=["MAT-100"])
]
Plant = Annotated[str, Field(pattern=PLANT_PATTERN, description="ERP plant", examples=["1000"])]
Quantity = Annotated[float, Field(gt=0, le=MAX_QUANTITY, description="Quantity the rep wants to quote")]


class Source(StrEnum):
    """Where an item's answer came from."""

    ERP = "erp"  # read from the ERP during this request
    CACHE = "cache"  # a cached ERP value younger than the fresh TTL
    STALE = "stale"  # the ERP could not answer in time; the last known value, with its age
    NONE = "none"  # the ERP could not answer and nothing usable was cached


class Reason(StrEnum):
    """Why an item is not available."""

    UNKNOWN_SKU = "unknown_sku"
    INSUFFICIENT_QUANTITY = "insufficient_quantity"
    ERP_UNAVAILABLE = "erp_unavailable"


class ItemRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sku: Sku
    quantity: Quantity = 1


class AvailabilityRequest(BaseModel):
    """``POST /availability``: availability of 1 to 200 SKUs at one plant."""

    model_config = ConfigDict(extra="forbid")

    plant: Plant
    items: list[ItemRequest] = Field(min_length=1, max_length=inventory_names.INVENTORY_MAX_ITEMS)


# Why camelCase on the wire: External Services turn every "_" in a property name into "x5f"
# (``requested_quantity`` would appear in Flow as ``requestedx5fquantity``), so the answer's
# properties are camelCase (``requestedQuantity``), the form Flow shows unchanged. Python keeps
# snake_case attributes; the models validate either form and always serialize the wire form.
_WIRE_NAMES: Final = ConfigDict(
    alias_generator=to_camel, validate_by_name=True, validate_by_alias=True, serialize_by_alias=True
)


class ItemAvailability(BaseModel):
    model_config = _WIRE_NAMES

    sku: str
    requested_quantity: float
    available_quantity: float | None = Field(
        default=None, description="Unrestricted stock at the plant; null when the ERP gave no value"
    )
    available: bool = Field(description="True when the plant has at least the requested quantity")
    available_date: date | None = Field(default=None, description="When the ERP expects stock, if it says")
    source: Source
    as_of: datetime | None = Field(default=None, description="When the value was read from the ERP (UTC)")
    stale_age_seconds: int | None = Field(default=None, description="Age of a stale value, in seconds")
    reason: Reason | None = Field(default=None, description="Why the item is not available")


class AvailabilityResponse(BaseModel):
    model_config = _WIRE_NAMES

    plant: str
    items: list[ItemAvailability]
    degraded: bool = Field(
        description="True when some answer is stale or missing because the ERP did not answer"
    )


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the offending field, e.g. items.0.quantity")
    message: str


class ErrorResponse(BaseModel):
    message: str
    errors: list[FieldError] = Field(default_factory=list)
