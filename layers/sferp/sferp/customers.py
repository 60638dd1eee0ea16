"""The customer master as every flow sees it: which Account fields the integration reads, which of
them Salesforce owns (and so may reach the ERP), which the ERP owns (and so may reach the
Account), and how an Account becomes an ERP customer.

Kernel, not a flow's: the order handoff (creating a customer for an uncoupled Account), the
customer flow (CDC) and the reconciliation read the same ownership map, declared once in
``sferp.models.entities.ACCOUNTS``; everything here is derived from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from pydantic import ValidationError

from sferp.errors import PermanentError
from sferp.models.entities import ACCOUNTS, FieldSpec, Owner, fix_value, validate_fix
from sferp.models.records import NewErpCustomer

SF_ACCOUNT_OBJECT: Final = "Account"
SF_FIELD_ERP_CUSTOMER_NUMBER: Final = ACCOUNTS.salesforce_key  # ERP_Customer_Number__c
# The Account's sync status (metadata: infra/salesforce/.../objects/Account/fields/).
SF_FIELD_SYNC_STATUS: Final = "ERP_Sync_Status__c"
SF_FIELD_SYNC_MESSAGE: Final = "ERP_Sync_Message__c"
SF_FIELD_SYNCED_AT: Final = "ERP_Synced_At__c"
SF_SYNC_MESSAGE_MAX: Final = 255

_BY_ERP: Final[Mapping[str, FieldSpec]] = {f.erp: f for f in ACCOUNTS.fields}

# Salesforce API name -> ERP attribute, for the fields Salesforce owns (the Id is the coupling,
# not a field to send). Shared fields are left to the nightly run's policy, not streamed.
SALESFORCE_OWNED: Final[Mapping[str, str]] = {
    f.salesforce: f.erp for f in ACCOUNTS.fields if f.owner is Owner.SALESFORCE and f.salesforce != "Id"
}
# Salesforce API names of the fields the ERP owns: written to the Account, never sent back.
ERP_OWNED: Final[frozenset[str]] = frozenset(f.salesforce for f in ACCOUNTS.fields if f.owner is Owner.ERP)
# What the integration reads of an Account (one query): the coupling, what it sends, its status.
SF_ACCOUNT_FIELDS: Final[tuple[str, ...]] = (
    "Id",
    *SALESFORCE_OWNED,
    SF_FIELD_ERP_CUSTOMER_NUMBER,
    "IsDeleted",
)


class AccountNotValidForErpError(PermanentError):
    """The Account's data can never be taken by the ERP as it is (the reasons name the fields)."""


def erp_changes(changes: Mapping[str, Any]) -> dict[str, str | None]:
    """Salesforce-owned Account fields (API name -> value, None = cleared) as ERP attributes in
    the form written to the ERP (``fix_value``: trimmed, codes upper-cased). Fields Salesforce does
    not own are left out; validation is ``validate_erp_changes``."""
    out: dict[str, str | None] = {}
    for name, value in changes.items():
        attribute = SALESFORCE_OWNED.get(name)
        if attribute is None:
            continue
        spec = _BY_ERP[attribute]
        out[attribute] = None if value is None else fix_value(spec.kind, str(value))
    return out


def validate_erp_changes(changes: Mapping[str, str | None]) -> list[str]:
    """Why these ERP attribute values must not be written (empty when they may): a required field
    emptied, a value longer than the ERP takes, a country that is not ISO 3166-1 alpha-2."""
    reasons = []
    for attribute, value in changes.items():
        spec = _BY_ERP[attribute]
        reason = validate_fix(spec, value, target=Owner.ERP)
        if reason:
            reasons.append(f"{spec.salesforce}: {reason}")
    return reasons


def new_customer_from_account(account: Mapping[str, Any]) -> NewErpCustomer:
    """The ERP customer an Account becomes: Salesforce-owned identity and address data only, as
    Salesforce holds it. Nothing is filled in: an Account the ERP cannot take (no name, a name
    too long, a country that is not ISO 3166 alpha-2) raises ``AccountNotValidForErpError`` with
    the fields named."""
    try:
        return NewErpCustomer(
            salesforce_account_id=account["Id"],
            name=account.get("Name") or "",
            street=account.get("BillingStreet"),
            city=account.get("BillingCity"),
            postal_code=account.get("BillingPostalCode"),
            country=account.get("BillingCountryCode"),
            phone=account.get("Phone"),
        )
    except ValidationError as exc:
        fields = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors(include_input=False)
        )
        raise AccountNotValidForErpError(
            f"Account {account.get('Id')} cannot become an ERP customer: {fields}"
        ) from None
