"""The one declarative place (in the kernel, because the reconciliation and the customer flow
read the same ownership map) that says, per reconciled entity, which Salesforce column maps to
which ERP column, how a value is normalised before comparing, who owns it, and what a valid fix
looks like. The engine, the CLI, the docs (docs/reconciliation.md) and the later Step Functions
extract all read these tables; nothing else hard-codes a field name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from sferp.errors import PermanentError
from sferp.models.salesforce_id import to_18


class UnknownEntityError(PermanentError):
    """The entity name is not one of :data:`ENTITIES`."""


class Owner(StrEnum):
    """Who decides a field's value. ``shared`` fields are settled by the configured policy."""

    SALESFORCE = "salesforce"
    ERP = "erp"
    SHARED = "shared"


class Kind(StrEnum):
    """How a value is normalised before comparing. Every kind maps empty / whitespace-only to null."""

    TEXT = "text"  # trim, collapse inner whitespace runs (incl. newlines) to one space; case kept
    CODE = "code"  # as text, then upper-cased (payment terms, postal codes)
    COUNTRY = "country"  # ISO 3166-1 alpha-2, upper-cased; a fix must be two letters
    EMAIL = "email"  # trimmed, lower-cased
    DECIMAL = "decimal"  # numeric value: "1000", "1000.00", " 1e3 " are equal; unparsable stays as text
    BOOL = "bool"  # true/1/yes/y/x -> "true"; false/0/no/n -> "false"


_TRUE = frozenset({"true", "1", "yes", "y", "x"})
_FALSE = frozenset({"false", "0", "no", "n"})
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise(kind: Kind, raw: str) -> str | None:
    """Canonical form of ``raw`` for comparison (documented in docs/reconciliation.md)."""
    text = " ".join(raw.split())
    if not text:
        return None
    if kind is Kind.TEXT:
        return text
    if kind in (Kind.CODE, Kind.COUNTRY):
        return text.upper()
    if kind is Kind.EMAIL:
        return text.lower()
    if kind is Kind.DECIMAL:
        try:
            value = Decimal(text)
        except InvalidOperation:
            return text  # left as text so it differs, and the fix validation names it
        if not value.is_finite():
            return text
        # normalize() drops trailing zeros; "f" avoids "1E+3"; +0 folds "-0" into "0".
        return format(value.normalize() + 0, "f")
    lowered = text.lower()
    if lowered in _TRUE:
        return "true"
    if lowered in _FALSE:
        return "false"
    return text


def fix_value(kind: Kind, raw: str) -> str | None:
    """The value written to the other side: canonical, except free text keeps its inner layout
    (a two-line street stays two lines) and is only trimmed."""
    if kind is Kind.TEXT:
        return raw.strip() or None
    return normalise(kind, raw)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One compared field. ``*_max_length`` is the target system's limit; a fix longer than that
    fails validation and goes to review instead of being rejected by the target at apply time."""

    name: str
    salesforce: str
    erp: str
    kind: Kind
    owner: Owner
    required: bool = False
    salesforce_max_length: int | None = None
    erp_max_length: int | None = None


def validate_fix(field: FieldSpec, value: str | None, *, target: Owner) -> str | None:
    """Why ``value`` must not be written to ``target`` (``None`` when it may)."""
    if value is None:
        return "required field would be emptied" if field.required else None
    limit = field.salesforce_max_length if target is Owner.SALESFORCE else field.erp_max_length
    if limit is not None and len(value) > limit:
        return f"longer than {limit} characters"
    if field.kind is Kind.DECIMAL:
        try:
            number = Decimal(value)
        except InvalidOperation:
            return "not a number"
        if not number.is_finite() or number < 0:
            return "not a non-negative number"
    if field.kind is Kind.COUNTRY and not _COUNTRY_RE.match(value):
        return "not an ISO 3166-1 alpha-2 country code"
    if field.kind is Kind.EMAIL and not _EMAIL_RE.match(value):
        return "not an e-mail address"
    if field.kind is Kind.BOOL and value not in ("true", "false"):
        return "not a boolean"
    return None


class MissingAction(StrEnum):
    """What to do with a live record that exists on one side only."""

    REVIEW = "review"
    CREATE_IN_SALESFORCE = "create_in_salesforce"  # Bulk API 2.0 upsert on the external id


@dataclass(frozen=True, slots=True)
class EntitySpec:
    """One reconciled entity. Both CSV sides carry the link key, a deleted flag and a modification
    timestamp besides the mapped fields; the Salesforce side is a data export (API names)."""

    name: str
    salesforce_object: str
    salesforce_key: str  # link key column on the Salesforce side (also the Bulk upsert external id)
    erp_key: str
    fields: tuple[FieldSpec, ...]
    on_only_salesforce: MissingAction = MissingAction.REVIEW
    on_only_erp: MissingAction = MissingAction.REVIEW
    salesforce_deleted: str = "IsDeleted"
    salesforce_modified: str = "LastModifiedDate"  # user changes; SystemModstamp also moves on system jobs
    erp_deleted: str = "deleted"
    erp_modified: str = "changed_at"
    # Keys are compared exactly after this; orders normalise Salesforce ids to 18 characters.
    salesforce_key_normaliser: Callable[[str], str] | None = None
    erp_key_normaliser: Callable[[str], str] | None = None

    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def columns(self, side: Owner) -> tuple[str, ...]:
        """Columns a CSV export of ``side`` must have (extra columns are ignored)."""
        if side is Owner.SALESFORCE:
            mapped = tuple(f.salesforce for f in self.fields)
            meta = (self.salesforce_key, self.salesforce_deleted, self.salesforce_modified)
        else:
            mapped = tuple(f.erp for f in self.fields)
            meta = (self.erp_key, self.erp_deleted, self.erp_modified)
        return tuple(dict.fromkeys(meta + mapped))


def salesforce_id_key(value: str) -> str:
    # A malformed id cannot match anything on the ERP side; keep it as given so it still shows.
    try:
        return to_18(value)
    except ValueError:
        return value


_SF, _ERP, _SHARED = Owner.SALESFORCE, Owner.ERP, Owner.SHARED

ACCOUNTS = EntitySpec(
    name="accounts",
    salesforce_object="Account",
    salesforce_key="ERP_Customer_Number__c",
    erp_key="customer_number",
    fields=(
        # Salesforce owns the customer's identity and contact data (sales keeps it current).
        FieldSpec("name", "Name", "name", Kind.TEXT, _SF, True, 255, 80),
        FieldSpec("street", "BillingStreet", "street", Kind.TEXT, _SF, False, 255, 60),
        FieldSpec("city", "BillingCity", "city", Kind.TEXT, _SF, False, 40, 40),
        FieldSpec("postal_code", "BillingPostalCode", "postal_code", Kind.CODE, _SF, False, 20, 10),
        FieldSpec("country", "BillingCountryCode", "country", Kind.COUNTRY, _SF, False, 2, 2),
        FieldSpec("phone", "Phone", "phone", Kind.TEXT, _SF, False, 40, 30),
        # The ERP keeps the back-link so its users can jump to the Account.
        FieldSpec("salesforce_id", "Id", "salesforce_account_id", Kind.TEXT, _SF, False, 18, 18),
        # Finance owns credit and terms in the ERP; Salesforce shows them read-only.
        FieldSpec("credit_limit", "Credit_Limit__c", "credit_limit", Kind.DECIMAL, _ERP, False, 18, 18),
        FieldSpec("payment_terms", "Payment_Terms__c", "payment_terms", Kind.CODE, _ERP, False, 4, 4),
        # Both sales and accounts receivable edit the invoice address: settled by the policy.
        FieldSpec("billing_email", "Billing_Email__c", "billing_email", Kind.EMAIL, _SHARED, False, 80, 241),
    ),
    on_only_salesforce=MissingAction.REVIEW,  # the ERP assigns customer numbers; a dangling link needs a human
    on_only_erp=MissingAction.CREATE_IN_SALESFORCE,  # the customer exists, sales must see it
)

PRODUCTS = EntitySpec(
    name="products",
    # Product2 keyed by the custom external id ERP_SKU__c (Text(40), unique): the one object whose
    # Name and IsActive a Bulk API upsert may set. Not PricebookEntry: its Name and ProductCode are
    # read-only copies of Product2's, it has no external id, and a create needs the standard price
    # book's and the product's Ids. List prices per currency reach the standard PricebookEntry
    # through the ERP -> Salesforce flow (docs/decision_log.md, 2026-12-02).
    salesforce_object="Product2",
    salesforce_key="ERP_SKU__c",
    erp_key="sku",
    fields=(
        FieldSpec("name", "Name", "name", Kind.TEXT, _ERP, True, 255, 40),
        # Deactivated in the ERP -> deactivated, never deleted, in Salesforce.
        FieldSpec("active", "IsActive", "active", Kind.BOOL, _ERP, True),
    ),
    on_only_salesforce=MissingAction.REVIEW,
    on_only_erp=MissingAction.CREATE_IN_SALESFORCE,  # the ERP's material master flows to Product2
)

ORDERS = EntitySpec(
    name="orders",
    salesforce_object="Order",
    salesforce_key="Id",  # the ERP stores the Salesforce Order Id as its external reference
    erp_key="external_reference",
    fields=(
        FieldSpec("erp_order_number", "ERP_Order_Number__c", "erp_order_id", Kind.TEXT, _ERP, False, 20, 20),
        FieldSpec("erp_status", "ERP_Order_Status__c", "status", Kind.CODE, _ERP, False, 40, 40),
    ),
    # Orders are created by the order handoff, never by reconciliation: a one-sided order is a
    # lost event or a manual entry and a human decides.
    on_only_salesforce=MissingAction.REVIEW,
    on_only_erp=MissingAction.REVIEW,
    salesforce_key_normaliser=salesforce_id_key,
    erp_key_normaliser=salesforce_id_key,
)

ENTITIES: dict[str, EntitySpec] = {e.name: e for e in (ACCOUNTS, PRODUCTS, ORDERS)}


def get_entity(name: str) -> EntitySpec:
    try:
        return ENTITIES[name]
    except KeyError:
        known = ", ".join(sorted(ENTITIES))
        raise UnknownEntityError(f"unknown entity {name!r} (known: {known})") from None
