"""``AccountChangeEvent`` (Change Data Capture) as Salesforce defines it, read into one
``AccountChange`` per changed record. Pure functions: no AWS, no ERP. The first piece of the
``customer_sync`` flow (issue 12); the handler, queue and coupling store are not built yet.

What the header means (Salesforce's Change Data Capture developer guide, "ChangeEventHeader
Fields"), and how it is honoured here:

* ``changeType``: CREATE and UNDELETE carry every non-null field; UPDATE only the changed ones
  (``changedFields`` names them, ``nulledFields`` those set to null, which the payload omits);
  DELETE carries no field. ``GAP_*`` types carry no field data at all (the record must be read
  again), ``GAP_OVERFLOW`` not even record ids (a targeted reconciliation from its
  ``commitTimestamp``).
* ``recordIds``: one event may stand for several records that got the same change in one
  transaction; each becomes its own ``AccountChange``. A wildcard (``001*``: a field type
  conversion) names no record and is rejected with the reason.
* Compound fields (``BillingAddress``) arrive as an object holding only their changed parts, and
  ``changedFields`` names the parts (``BillingAddress.City``): they are flattened into the parts'
  own API names (``BillingCity``).
* ``diffFields``: large text fields sent as a diff, not a value; a diff is never applied as a
  value — the change asks for a re-read instead.
* ``commitTimestamp`` is epoch milliseconds (a value in the range of epoch seconds is rejected, not
  read as 1970); ``commitNumber``/``sequenceNumber``/``transactionKey`` order and identify the
  change (the idempotency key is the change, not the transport message).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Final

from sferp.errors import InvalidEventError
from sferp.models.salesforce_id import to_18

ENTITY: Final = "Account"
DETAIL_TYPE: Final = "AccountChangeEvent"
# Compound address fields and the API names of their parts.
COMPOUND_FIELDS: Final[Mapping[str, Mapping[str, str]]] = {
    prefix + "Address": {
        "Street": prefix + "Street",
        "City": prefix + "City",
        "PostalCode": prefix + "PostalCode",
        "State": prefix + "State",
        "StateCode": prefix + "StateCode",
        "Country": prefix + "Country",
        "CountryCode": prefix + "CountryCode",
        "Latitude": prefix + "Latitude",
        "Longitude": prefix + "Longitude",
        "GeocodeAccuracy": prefix + "GeocodeAccuracy",
    }
    for prefix in ("Billing", "Shipping")
}
# Epoch milliseconds of 2001-09-09: anything smaller is not a commit time in milliseconds.
_MIN_EPOCH_MS: Final = 1_000_000_000_000


class ChangeType(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    DELETE = "DELETE"
    UNDELETE = "UNDELETE"
    GAP_CREATE = "GAP_CREATE"
    GAP_UPDATE = "GAP_UPDATE"
    GAP_DELETE = "GAP_DELETE"
    GAP_UNDELETE = "GAP_UNDELETE"
    GAP_OVERFLOW = "GAP_OVERFLOW"

    @property
    def is_gap(self) -> bool:
        return self.value.startswith("GAP_")


@dataclass(frozen=True)
class ChangeHeader:
    entity_name: str
    change_type: ChangeType
    record_ids: tuple[str, ...]
    commit_timestamp: datetime
    commit_number: int
    commit_user: str
    transaction_key: str
    sequence_number: int
    change_origin: str = ""
    changed_fields: tuple[str, ...] = ()
    nulled_fields: tuple[str, ...] = ()
    diff_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class AccountChange:
    """One Account's change. ``values`` holds the fields the event carries, by API name (compound
    fields flattened); ``nulled`` those set to null; ``reread`` says the event carries no usable
    data for this record (a gap, a diff field) and the record must be read from Salesforce."""

    account_id: str
    header: ChangeHeader
    values: Mapping[str, Any] = field(default_factory=dict)
    nulled: frozenset[str] = frozenset()
    reread: bool = False

    @property
    def identity(self) -> str:
        """The change's identity for idempotency: the transaction and the change's place in it,
        for this record (a redelivery or a replay has the same identity; the transport id differs)."""
        return f"{self.header.transaction_key}:{self.header.sequence_number}:{self.account_id}"

    @property
    def touched(self) -> frozenset[str]:
        """Every field this change sets or clears."""
        return frozenset(self.values) | self.nulled

    def owned_changes(self, owned: Mapping[str, str]) -> dict[str, Any]:
        """The changes of the fields ``owned`` maps (Salesforce API name -> ERP attribute), as ERP
        attributes; a cleared field maps to None. Empty: nothing the ERP must hear about."""
        changes = {owned[name]: value for name, value in self.values.items() if name in owned}
        changes.update({owned[name]: None for name in self.nulled if name in owned})
        return changes


def committed_by(change: AccountChange, user_id: str) -> bool:
    """The change was committed by this user (15- or 18-character Ids compare alike)."""
    return bool(change.header.commit_user) and _same_user(change.header.commit_user, user_id)


def is_echo(change: AccountChange, *, integration_user_id: str, erp_owned: frozenset[str]) -> bool:
    """A change the integration itself caused: committed by its user, or one that touches only
    ERP-owned fields (values the integration wrote). Not sent back to the ERP."""
    if committed_by(change, integration_user_id):
        return True
    system = {"LastModifiedDate", "LastModifiedById", "SystemModstamp"}
    touched = change.touched - system
    return bool(touched) and touched <= erp_owned


def _same_user(a: str, b: str) -> bool:
    try:
        return to_18(a) == to_18(b)
    except ValueError:
        return a == b


def parse_account_change(detail: Mapping[str, Any]) -> list[AccountChange]:
    """The ``detail`` of an EventBridge event from Event Relay (fields under ``payload``, the header
    under ``payload.ChangeEventHeader``) -> one change per record. ``InvalidEventError`` names what
    cannot be understood."""
    payload = detail.get("payload")
    if not isinstance(payload, Mapping):
        raise InvalidEventError("AccountChangeEvent without a payload object")
    header = _header(payload.get("ChangeEventHeader"))
    if header.entity_name != ENTITY:
        raise InvalidEventError(f"change event for {header.entity_name!r}, not {ENTITY}")
    if header.change_type is ChangeType.GAP_OVERFLOW:
        return []  # no record ids: the caller starts a targeted reconciliation from commit_timestamp
    values = _flatten({k: v for k, v in payload.items() if k != "ChangeEventHeader"})
    nulled = frozenset(_flatten_name(name) for name in header.nulled_fields)
    carries_data = header.change_type in (ChangeType.CREATE, ChangeType.UPDATE, ChangeType.UNDELETE)
    diffs = frozenset(_flatten_name(name) for name in header.diff_fields)
    if header.change_type is ChangeType.UPDATE:
        # Only what the header names as changed counts; a diff is not a value.
        changed = {_flatten_name(name) for name in header.changed_fields}
        values = {k: v for k, v in values.items() if k in changed and k not in diffs}
    if not carries_data:
        values, nulled = {}, frozenset()
    reread = header.change_type.is_gap or bool(diffs)
    return [
        AccountChange(account_id=record, header=header, values=dict(values), nulled=nulled, reread=reread)
        for record in header.record_ids
    ]


def _header(raw: Any) -> ChangeHeader:
    if not isinstance(raw, Mapping):
        raise InvalidEventError("AccountChangeEvent without a ChangeEventHeader")
    try:
        change_type = ChangeType(str(raw.get("changeType")))
    except ValueError:
        raise InvalidEventError(f"unknown changeType {raw.get('changeType')!r}") from None
    records = raw.get("recordIds")
    if not isinstance(records, Sequence) or isinstance(records, str):
        raise InvalidEventError("recordIds must be an array of record ids")
    if change_type is not ChangeType.GAP_OVERFLOW and not records:
        raise InvalidEventError(f"{change_type.value} without record ids")
    ids: list[str] = []
    for record in records:
        text = str(record)
        if text.endswith("*"):
            raise InvalidEventError(
                f"recordIds holds the wildcard {text!r} (a field type conversion): no record to sync; reconcile instead"
            )
        try:
            ids.append(to_18(text))
        except ValueError as exc:
            raise InvalidEventError(f"recordIds holds {text!r}: {exc}") from None
    stamp = raw.get("commitTimestamp")
    if isinstance(stamp, bool) or not isinstance(stamp, int):
        raise InvalidEventError(f"commitTimestamp must be epoch milliseconds, got {stamp!r}")
    if stamp < _MIN_EPOCH_MS:
        raise InvalidEventError(f"commitTimestamp {stamp} looks like epoch seconds, not milliseconds")
    for name in ("commitNumber", "sequenceNumber"):
        if isinstance(raw.get(name), bool) or not isinstance(raw.get(name), int):
            raise InvalidEventError(f"{name} must be an integer, got {raw.get(name)!r}")
    if not raw.get("transactionKey"):
        raise InvalidEventError("ChangeEventHeader without a transactionKey")
    return ChangeHeader(
        entity_name=str(raw.get("entityName") or ""),
        change_type=change_type,
        record_ids=tuple(dict.fromkeys(ids)),
        commit_timestamp=datetime.fromtimestamp(stamp / 1000, tz=UTC),
        commit_number=int(raw["commitNumber"]),
        commit_user=str(raw.get("commitUser") or ""),
        transaction_key=str(raw["transactionKey"]),
        sequence_number=int(raw["sequenceNumber"]),
        change_origin=str(raw.get("changeOrigin") or ""),
        changed_fields=tuple(raw.get("changedFields") or ()),
        nulled_fields=tuple(raw.get("nulledFields") or ()),
        diff_fields=tuple(raw.get("diffFields") or ()),
    )


def _flatten_name(name: str) -> str:
    """``BillingAddress.City`` -> ``BillingCity``; other names unchanged."""
    compound, _, part = name.partition(".")
    parts = COMPOUND_FIELDS.get(compound)
    if parts is None or not part:
        return name
    if part not in parts:
        raise InvalidEventError(f"unknown part {part!r} of the compound field {compound}")
    return parts[part]


def _flatten(fields: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in fields.items():
        parts = COMPOUND_FIELDS.get(name)
        if parts is None:
            out[name] = value
            continue
        if value is None:
            continue
        if not isinstance(value, Mapping):
            raise InvalidEventError(f"the compound field {name} is not an object")
        for part, part_value in value.items():
            if part not in parts:
                raise InvalidEventError(f"unknown part {part!r} of the compound field {name}")
            out[parts[part]] = part_value
    return out
