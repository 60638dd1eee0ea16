"""``EmbeddedSalesforceOrg``: an in-memory Salesforce org for local runs, the demo and tests.

It behaves like the real adapter where the integration can tell the difference: the same
per-record results (unknown id, deleted record, restricted picklist, text too long), the same
merge of duplicate ids in one update, API calls counted the way the org counts them (one per
sObject Collections chunk, one per query, several per Bulk API job), simulated
``Sforce-Limit-Info`` usage, and injected failures (``SalesforceUnavailableError`` /
``SalesforceRequestLimitError``) drawn from an injectable ``random.Random``.

Every applied record write is kept, in order, in ``writes``; the local runtime reports them as
``salesforce.updates``. Published platform events are kept apart in ``published_events``.
"""

from __future__ import annotations

import random
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from sferp import customers, names
from sferp.adapters.salesforce.common import (
    check_api_name,
    chunked,
    csv_cell,
    json_value,
    merge_updates,
)
from sferp.erp_status import names as status_names
from sferp.errors import (
    SalesforceNotFoundError,
    SalesforceRecordError,
    SalesforceRequestLimitError,
    SalesforceUnavailableError,
)
from sferp.models.order import OrderLine, SalesforceOrder, SyncStatus
from sferp.models.records import ERP_ORDER_STATUSES, ApiUsage, RecordResult, RecordUpdate
from sferp.models.salesforce_id import to_18
from sferp.order_handoff import names as handoff_names
from sferp.ports import SalesforceGateway

DEFAULT_API_TOTAL: Final = 15_000  # a Developer/Enterprise org's daily allowance, roughly
_ID_PREFIXES: Final = {
    "Account": "001",
    "Order": "801",
    "OrderItem": "802",
    "Product2": "01t",
    "Pricebook2": "01s",
    "PricebookEntry": "01u",
}
# What the real org refuses on writes, as the Object Reference gives it (the same table
# tests/unit/kernel/data/salesforce_standard_fields.json vendors; a test keeps them equal):
# fields that can be set on create only, and fields a create needs.
CREATE_ONLY_FIELDS: Final = {
    "OrderItem": frozenset({"Product2Id"}),
    "PricebookEntry": frozenset({"Pricebook2Id", "Product2Id", "CurrencyIsoCode"}),
}
REQUIRED_ON_CREATE: Final = {
    "Account": frozenset({"Name"}),
    "Product2": frozenset({"Name"}),
    "PricebookEntry": frozenset({"Pricebook2Id", "Product2Id", "UnitPrice"}),
}
_REFERENCES: Final = {
    ("PricebookEntry", "Product2Id"): "Product2",
    ("PricebookEntry", "Pricebook2Id"): "Pricebook2",
}
_PICKLISTS: Final = {
    ("Order", handoff_names.SF_FIELD_SYNC_STATUS): frozenset(
        {"Pending", *(status.value for status in SyncStatus)}  # Pending is set by the Flow
    ),
    ("Account", customers.SF_FIELD_SYNC_STATUS): frozenset({"Synced", "Error"}),
    ("Order", status_names.SF_FIELD_STATUS): frozenset(ERP_ORDER_STATUSES),
    (status_names.SF_HISTORY, status_names.SF_HISTORY_STATUS): frozenset(ERP_ORDER_STATUSES),
    (status_names.SF_HISTORY, status_names.SF_HISTORY_SOURCE): frozenset(status_names.HISTORY_SOURCES),
}
_TEXT_LIMITS: Final = {
    ("Order", handoff_names.SF_FIELD_SYNC_MESSAGE): handoff_names.SF_SYNC_MESSAGE_MAX,
    ("Order", handoff_names.SF_FIELD_ERP_ORDER_NUMBER): 40,
    ("Account", customers.SF_FIELD_SYNC_MESSAGE): customers.SF_SYNC_MESSAGE_MAX,
    ("Order", status_names.SF_FIELD_TRACKING): status_names.SF_TRACKING_MAX,
    ("Order", status_names.SF_FIELD_INVOICE_NUMBER): 40,
    (status_names.SF_HISTORY, status_names.SF_HISTORY_KEY): 80,
    (status_names.SF_HISTORY, status_names.SF_HISTORY_ERP_CODES): status_names.SF_ERP_CODES_MAX,
}
# Bulk API 2.0 calls per job: create, poll, results (query); create, upload, close, poll,
# successful and failed results (ingest).
_BULK_QUERY_CALLS: Final = 3
_QUERY_PAGE: Final = 2000  # REST query records per page (one call each)
_BULK_INGEST_CALLS: Final = 6


@dataclass(frozen=True)
class SalesforceWrite:
    """One record write the org applied."""

    object: str
    id: str
    fields: dict[str, Any]
    at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "object": self.object,
            "id": self.id,
            "fields": {name: json_value(value) for name, value in self.fields.items()},
            "at": json_value(self.at),
        }


@dataclass(frozen=True)
class PublishedEvent:
    name: str
    fields: dict[str, Any]
    at: datetime


@dataclass
class _Query:
    sobject: str
    fields: list[str]
    conditions: list[tuple[str, str, Any]] = field(default_factory=list)
    limit: int | None = None


_LIMIT_RE = re.compile(r"\s+LIMIT\s+(?P<n>\d+)\s*$", re.I)
_SELECT_RE = re.compile(
    r"^\s*SELECT\s+(?P<fields>.+?)\s+FROM\s+(?P<obj>\w+)(?:\s+WHERE\s+(?P<where>.+?))?\s*$", re.I | re.S
)
_COND_RE = re.compile(r"^\s*(?P<field>\w+)\s*(?P<op>!=|<>|>=|<=|=|>|<)\s*(?P<value>.+?)\s*$", re.S)
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IN_RE = re.compile(r"(?P<field>\w+)\s+IN\s*\((?P<values>(?:\s*'(?:[^'\\]|\\.)*'\s*,?)*)\)", re.I)
_IN_VALUE_RE = re.compile(r"'(?:[^'\\]|\\.)*'")


def _literal(text: str) -> Any:
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("\\'", "'").replace("\\\\", "\\")
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "null":
        return None
    if _DATETIME_RE.match(text):
        normalised = text.replace("Z", "+00:00")
        if normalised[-5] in "+-" and normalised[-4:].isdigit():
            normalised = f"{normalised[:-2]}:{normalised[-2:]}"
        return datetime.fromisoformat(normalised)
    if _DATE_RE.match(text):
        return date.fromisoformat(text)
    try:
        return Decimal(text)
    except InvalidOperation:
        raise SalesforceRecordError(f"MALFORMED_QUERY: unsupported literal {text!r}") from None


def _parse_soql(soql: str) -> _Query:
    limit_match = _LIMIT_RE.search(soql)
    limit = int(limit_match.group("n")) if limit_match else None
    if limit_match:
        soql = soql[: limit_match.start()]
    match = _SELECT_RE.match(soql)
    where = match.group("where") or "" if match else ""
    # ``field IN ('a', 'b')`` is the one parenthesised form supported (reconciliation's keyed look-ups).
    where_without_in = _IN_RE.sub("", where)
    if not match or re.search(
        r"\b(ORDER\s+BY|LIMIT|GROUP\s+BY|OFFSET)\b|\(",
        match.group("fields") + where_without_in,
        re.I,
    ):
        raise SalesforceRecordError(
            "MALFORMED_QUERY: the embedded org supports SELECT fields FROM Object [WHERE f op literal [AND ...]]"
        )
    fields = [f.strip() for f in match.group("fields").split(",") if f.strip()]
    conditions = []
    if match.group("where"):
        for part in re.split(r"\s+AND\s+", match.group("where"), flags=re.I):
            in_match = _IN_RE.fullmatch(part.strip())
            if in_match:
                values = frozenset(_literal(v) for v in _IN_VALUE_RE.findall(in_match.group("values")))
                conditions.append((in_match.group("field"), "IN", values))
                continue
            cond = _COND_RE.match(part)
            if not cond:
                raise SalesforceRecordError(f"MALFORMED_QUERY: unsupported condition {part.strip()!r}")
            conditions.append((cond.group("field"), cond.group("op"), _literal(cond.group("value"))))
    return _Query(sobject=match.group("obj"), fields=fields, conditions=conditions, limit=limit)


def _matches(record: dict[str, Any], conditions: Iterable[tuple[str, str, Any]]) -> bool:
    for name, op, expected in conditions:
        actual = _get_ci(record, name)
        if op == "IN":
            if actual not in expected:
                return False
            continue
        if expected is None or actual is None:
            equal = actual is expected
            if (op == "=" and not equal) or (op in ("!=", "<>") and equal) or op not in ("=", "!=", "<>"):
                return False
            continue
        if isinstance(expected, Decimal) and isinstance(actual, int | float | Decimal):
            actual = Decimal(str(actual))
        try:
            ok = {
                "=": actual == expected,
                "!=": actual != expected,
                "<>": actual != expected,
                ">": actual > expected,
                ">=": actual >= expected,
                "<": actual < expected,
                "<=": actual <= expected,
            }[op]
        except TypeError:
            ok = False
        if not ok:
            return False
    return True


def _get_ci(record: dict[str, Any], name: str) -> Any:
    if name in record:
        return record[name]
    lowered = name.lower()
    for key, value in record.items():
        if key.lower() == lowered:
            return value
    return None


class EmbeddedSalesforceOrg(SalesforceGateway):
    """An in-memory org: Orders with OrderItems, Accounts and any other object by API name."""

    def __init__(
        self,
        *,
        error_rate: float = 0.0,
        rng: random.Random | None = None,
        clock: Callable[[], datetime] | None = None,
        api_total: int = DEFAULT_API_TOTAL,
        api_used_start: int = 0,
    ) -> None:
        self._lock = threading.RLock()
        self._rng = rng or random.Random()  # noqa: S311 - fault injection, not cryptography
        self._clock = clock or (lambda: datetime.now(UTC))
        self._api_total = api_total
        self._api_used_start = api_used_start
        self._calls = 0
        self._records: dict[str, dict[str, dict[str, Any]]] = {}
        self._order_items: dict[str, tuple[OrderLine, ...]] = {}
        self._writes: list[SalesforceWrite] = []
        self._events: list[PublishedEvent] = []
        self._id_counter = 0
        self.error_rate = error_rate
        # Every org has its standard price book (Setup cannot delete it): list prices live there.
        pricebook = self._new_record(self._next_id("Pricebook2"))
        pricebook.update({"Name": "Standard Price Book", "IsStandard": True, "IsActive": True})
        self._records["Pricebook2"] = {pricebook["Id"]: pricebook}

    # --- seeding and inspection -----------------------------------------------------------------
    def set_api_used(self, used_before_calls: int, *, total: int | None = None) -> None:
        """The org's API usage before this gateway's own calls (another integration's load, or a
        new 24-hour window: 0), and optionally its daily allowance."""
        with self._lock:
            self._api_used_start = used_before_calls
            if total is not None:
                self._api_total = total

    @property
    def error_rate(self) -> float:
        return self._error_rate

    @error_rate.setter
    def error_rate(self, rate: float) -> None:
        if not 0.0 <= rate <= 1.0:
            raise ValueError("error_rate must be between 0 and 1")
        self._error_rate = rate

    def add_order(
        self,
        order_id: str,
        *,
        account_id: str,
        lines: Iterable[OrderLine | dict[str, Any]] = (),
        order_number: str | None = None,
        currency: str | None = "EUR",
        version: int = 1,
        status: str = "Draft",
        **fields: Any,
    ) -> str:
        """Seed (or replace) an Order with its OrderItems; returns its 18-character id. Not an API call."""
        oid, aid = to_18(order_id), to_18(account_id)
        parsed = tuple(
            line if isinstance(line, OrderLine) else OrderLine.model_validate(line) for line in lines
        )
        with self._lock:
            if aid not in self._records.setdefault("Account", {}):
                # Account.Name is required in Salesforce: an Account the seed creates implicitly
                # gets one, as a user would have had to give it.
                self._records["Account"][aid] = {**self._new_record(aid), "Name": f"Account {aid[-6:]}"}
            record = self._new_record(oid)
            record.update(
                {
                    "AccountId": aid,
                    "OrderNumber": order_number,
                    "CurrencyIsoCode": currency,
                    "Status": status,
                    "Order_Version__c": version,
                    **fields,
                }
            )
            self._records.setdefault("Order", {})[oid] = record
            self._order_items[oid] = parsed
        return oid

    def has_order(self, order_id: str) -> bool:
        with self._lock:
            record = self._records.get("Order", {}).get(to_18(order_id))
            return record is not None and not record["IsDeleted"]

    def add_account(self, account_id: str, **fields: Any) -> str:
        aid = to_18(account_id)
        with self._lock:
            record = self._new_record(aid)
            record.update(fields)
            self._records.setdefault("Account", {})[aid] = record
        return aid

    def add_record(self, sobject: str, record_id: str | None = None, **fields: Any) -> str:
        """Seed any object (Product2, custom objects); a new id is generated when none is given."""
        check_api_name(sobject)
        with self._lock:
            rid = to_18(record_id) if record_id else self._next_id(sobject)
            record = self._new_record(rid)
            record.update(fields)
            self._records.setdefault(sobject, {})[rid] = record
        return rid

    def set_fields(self, sobject: str, record_id: str, **fields: Any) -> None:
        """Change a record's fields as a user or Salesforce itself would (activation, a relay's
        feedback): seeding, not an API call, and no check of what the API would refuse."""
        with self._lock:
            record = self._records.get(sobject, {}).get(to_18(record_id))
            if record is None:
                raise KeyError(f"{sobject} {record_id} does not exist")
            record.update(fields)
            record["SystemModstamp"] = self._clock()

    def delete_record(self, sobject: str, record_id: str) -> None:
        """Move a record to the recycle bin: updates then fail with ENTITY_IS_DELETED."""
        with self._lock:
            record = self._records.get(sobject, {}).get(to_18(record_id))
            if record is None:
                raise KeyError(f"{sobject} {record_id} does not exist")
            record["IsDeleted"] = True
            record["SystemModstamp"] = self._clock()

    def undelete_record(self, sobject: str, record_id: str) -> None:
        """Restore a record from the recycle bin (what a user's Undelete does)."""
        self.set_fields(sobject, record_id, IsDeleted=False)

    def get_record(self, sobject: str, record_id: str) -> dict[str, Any] | None:
        with self._lock:
            record = self._records.get(sobject, {}).get(to_18(record_id))
            return dict(record) if record is not None else None

    @property
    def writes(self) -> list[SalesforceWrite]:
        with self._lock:
            return list(self._writes)

    @property
    def published_events(self) -> list[PublishedEvent]:
        with self._lock:
            return list(self._events)

    # --- port: metrics ----------------------------------------------------------------------------
    @property
    def api_usage(self) -> ApiUsage | None:
        with self._lock:
            if self._calls == 0:
                return None
            return ApiUsage(
                used=min(self._api_used_start + self._calls, self._api_total), total=self._api_total
            )

    @property
    def api_calls(self) -> int:
        with self._lock:
            return self._calls

    # --- internals ----------------------------------------------------------------------------------
    def _new_record(self, record_id: str) -> dict[str, Any]:
        return {"Id": record_id, "IsDeleted": False, "SystemModstamp": self._clock()}

    def _next_id(self, sobject: str) -> str:
        self._id_counter += 1
        prefix = _ID_PREFIXES.get(sobject, "a00")
        return to_18(f"{prefix}{self._id_counter:012d}")

    def _api_call(self, operation: str, calls: int = 1) -> None:
        """Count the call(s) and maybe fail, before anything is applied (like a refused request)."""
        self._calls += calls
        if self._error_rate and self._rng.random() < self._error_rate:
            if self._rng.random() < 0.5:
                raise SalesforceUnavailableError(f"{operation}: injected fault (HTTP 503)")
            raise SalesforceRequestLimitError(f"{operation}: injected fault (REQUEST_LIMIT_EXCEEDED)")

    def _field_error(self, sobject: str, name: str, value: Any) -> str | None:
        allowed = _PICKLISTS.get((sobject, name))
        if allowed is not None and value not in allowed:
            return f"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: {name}: bad value for restricted picklist field"
        limit = _TEXT_LIMITS.get((sobject, name))
        if limit is not None and value is not None and len(str(value)) > limit:
            return f"STRING_TOO_LONG: {name}: data value too large (max length={limit})"
        return None

    @staticmethod
    def _create_only_error(sobject: str, name: str) -> str | None:
        if name in CREATE_ONLY_FIELDS.get(sobject, ()):
            return f"INVALID_FIELD_FOR_INSERT_UPDATE: Unable to create/update fields: {name}"
        return None

    def _create_error(self, sobject: str, fields: dict[str, Any]) -> str | None:
        missing = sorted(n for n in REQUIRED_ON_CREATE.get(sobject, ()) if fields.get(n) in (None, ""))
        if missing:
            return f"REQUIRED_FIELD_MISSING: Required fields are missing: [{', '.join(missing)}]"
        for (obj, name), target in _REFERENCES.items():
            if obj == sobject and name in fields:
                record = self._records.get(target, {}).get(str(fields[name]))
                if record is None or record["IsDeleted"]:
                    return f"FIELD_INTEGRITY_EXCEPTION: {name}: id value of incorrect type or not found"
        return None

    def _apply(self, sobject: str, update: RecordUpdate, now: datetime) -> RecordResult:
        try:
            rid = to_18(update.key)
        except ValueError:
            return RecordResult(key=update.key, ok=False, error=f"MALFORMED_ID: {sobject} id is not valid")
        record = self._records.get(sobject, {}).get(rid)
        if record is None:
            return RecordResult(key=update.key, ok=False, error=f"NOT_FOUND: {sobject} {rid} does not exist")
        if record["IsDeleted"]:
            return RecordResult(key=update.key, ok=False, error="ENTITY_IS_DELETED: entity is deleted")
        for name, value in update.fields.items():
            error = self._field_error(sobject, name, value) or self._create_only_error(sobject, name)
            if error:
                return RecordResult(key=update.key, ok=False, error=error)
        record.update(update.fields)
        record["SystemModstamp"] = now
        self._writes.append(SalesforceWrite(object=sobject, id=rid, fields=dict(update.fields), at=now))
        return RecordResult(key=update.key, ok=True)

    # --- port ---------------------------------------------------------------------------------------
    def get_order(self, order_id: str, *, version: int) -> SalesforceOrder:
        with self._lock:
            self._api_call("get_order")
            oid = to_18(order_id)
            record = self._records.get("Order", {}).get(oid)
            if record is None or record["IsDeleted"]:
                raise SalesforceNotFoundError(f"Order {oid} not found")
            return SalesforceOrder(
                order_id=oid,
                account_id=record["AccountId"],
                order_number=record.get("OrderNumber"),
                currency=record.get("CurrencyIsoCode"),
                requested_delivery_date=record.get("Requested_Delivery_Date__c"),
                lines=self._order_items.get(oid, ()),
                version=version,
            )

    def get_account(self, account_id: str) -> dict[str, Any] | None:
        with self._lock:
            self._api_call("get_account")
            return self._account_fields(to_18(account_id))

    def get_accounts(self, account_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        with self._lock:
            for chunk in chunked(
                list(dict.fromkeys(to_18(i) for i in account_ids)), names.SF_ACCOUNT_IDS_PER_QUERY
            ):
                self._api_call("get_accounts")
                for account_id in chunk:
                    fields = self._account_fields(account_id)
                    if fields is not None:
                        found[account_id] = fields
        return found

    def merged_into(self, account_ids: Sequence[str]) -> dict[str, str]:
        merged: dict[str, str] = {}
        with self._lock:
            for chunk in chunked(
                list(dict.fromkeys(to_18(i) for i in account_ids)), names.SF_ACCOUNT_IDS_PER_QUERY
            ):
                self._api_call("merged_into")
                for account_id in chunk:
                    record = self._records.get("Account", {}).get(account_id)
                    if record is not None and record["IsDeleted"] and record.get("MasterRecordId"):
                        merged[account_id] = record["MasterRecordId"]
        return merged

    def merge_accounts(self, master_id: str, loser_id: str) -> None:
        """Merge ``loser_id`` into ``master_id`` as Salesforce does: the loser goes to the recycle
        bin with ``MasterRecordId`` pointing at the master. Not an API call (a user's action)."""
        with self._lock:
            loser = self._records["Account"][to_18(loser_id)]
            loser["IsDeleted"] = True
            loser["MasterRecordId"] = to_18(master_id)
            loser["SystemModstamp"] = self._clock()

    def _account_fields(self, account_id: str) -> dict[str, Any] | None:
        record = self._records.get("Account", {}).get(account_id)
        if record is None or record["IsDeleted"]:
            return None
        return {field: record.get(field) for field in customers.SF_ACCOUNT_FIELDS} | {"Id": record["Id"]}

    def update_records(self, sobject: str, updates: Sequence[RecordUpdate]) -> list[RecordResult]:
        check_api_name(sobject)
        if not updates:
            return []
        merged, positions = merge_updates(updates)
        merged_results: list[RecordResult] = []
        with self._lock:
            for chunk in chunked(merged, names.SF_COLLECTION_MAX_RECORDS):
                self._api_call("update_records")
                now = self._clock()
                merged_results.extend(self._apply(sobject, update, now) for update in chunk)
        return [merged_results[i].model_copy(update={"key": updates[n].key}) for n, i in enumerate(positions)]

    def publish_event(self, event_name: str, fields: dict[str, Any]) -> None:
        check_api_name(event_name, "event")
        with self._lock:
            self._api_call("publish_event")
            self._events.append(PublishedEvent(name=event_name, fields=dict(fields), at=self._clock()))

    def query(self, soql: str) -> list[dict[str, Any]]:
        """REST SOQL: one call per 2,000 records returned (at least one), values as stored."""
        parsed = _parse_soql(soql)
        with self._lock:
            rows = [
                {name: _get_ci(record, name) for name in parsed.fields}
                for record in self._records.get(parsed.sobject, {}).values()
                if not record["IsDeleted"] and _matches(record, parsed.conditions)
            ][: parsed.limit]
            self._api_call("query", calls=max(1, -(-len(rows) // _QUERY_PAGE)))
        return rows

    def bulk_query(self, soql: str, *, include_deleted: bool = False) -> Iterator[dict[str, Any]]:
        query = _parse_soql(soql)
        with self._lock:
            self._api_call("bulk_query", calls=_BULK_QUERY_CALLS)
            # Snapshot under the lock, stream outside it: a Bulk job's results are fixed at job end.
            rows = [
                {name: csv_cell(_get_ci(record, name)) for name in query.fields}
                for record in self._records.get(query.sobject, {}).values()
                if (include_deleted or not record["IsDeleted"]) and _matches(record, query.conditions)
            ]
        yield from rows

    def upsert_records(
        self, sobject: str, external_id_field: str, records: Sequence[dict[str, Any]]
    ) -> list[RecordResult]:
        """sObject Collections upsert: one call per 200 records, the same per-record rules."""
        check_api_name(sobject)
        check_api_name(external_id_field, "field")
        results: list[RecordResult] = []
        with self._lock:
            for chunk in chunked(list(records), names.SF_COLLECTION_MAX_RECORDS):
                self._api_call("upsert_records")
                results.extend(self._upsert(sobject, external_id_field, chunk, self._clock()))
        return results

    def bulk_update(self, sobject: str, updates: Sequence[RecordUpdate]) -> list[RecordResult]:
        """Bulk API 2.0 update by Id: one job (its calls) for any number of records, the same
        per-record rules as sObject Collections."""
        check_api_name(sobject)
        if not updates:
            return []
        merged, positions = merge_updates(updates)
        with self._lock:
            self._api_call("bulk_update", calls=_BULK_INGEST_CALLS)
            now = self._clock()
            merged_results = [self._apply(sobject, update, now) for update in merged]
        return [merged_results[i].model_copy(update={"key": updates[n].key}) for n, i in enumerate(positions)]

    def bulk_upsert(
        self, sobject: str, external_id_field: str, records: Sequence[dict[str, Any]]
    ) -> list[RecordResult]:
        check_api_name(sobject)
        check_api_name(external_id_field, "field")
        with self._lock:
            self._api_call("bulk_upsert", calls=_BULK_INGEST_CALLS)
            return self._upsert(sobject, external_id_field, records, self._clock())

    def _upsert(
        self, sobject: str, external_id_field: str, records: Sequence[dict[str, Any]], now: datetime
    ) -> list[RecordResult]:
        results: list[RecordResult] = []
        store = self._records.setdefault(sobject, {})
        # The external id's values, looked up once a call (a scan per record made large local runs
        # and the benchmarks quadratic); records this call creates are added as they are.
        index: dict[str, list[dict[str, Any]]] = {}
        for existing in store.values():
            if not existing["IsDeleted"] and existing.get(external_id_field) is not None:
                index.setdefault(str(existing.get(external_id_field)), []).append(existing)
        for incoming in records:
            key_value = incoming.get(external_id_field)
            if key_value in (None, ""):
                results.append(RecordResult(key="", ok=False, error=f"MISSING_ARGUMENT: {external_id_field}"))
                continue
            key = str(key_value)
            matches = index.get(key, [])
            if len(matches) > 1:
                results.append(RecordResult(key=key, ok=False, error=f"DUPLICATE_EXTERNAL_ID: {key}"))
                continue
            fields = {k: v for k, v in incoming.items() if k not in ("Id", "IsDeleted", "SystemModstamp")}
            error = next((e for k, v in fields.items() if (e := self._field_error(sobject, k, v))), None)
            if matches:
                error = error or next((e for k in fields if (e := self._create_only_error(sobject, k))), None)
            else:
                error = error or self._create_error(sobject, fields)
            if error:
                results.append(RecordResult(key=key, ok=False, error=error))
                continue
            if matches:
                record = matches[0]
            else:
                record = self._new_record(self._next_id(sobject))
                store[record["Id"]] = record
                index[key] = [record]
            record.update(fields)
            record["SystemModstamp"] = now
            self._writes.append(SalesforceWrite(object=sobject, id=record["Id"], fields=fields, at=now))
            results.append(RecordResult(key=key, ok=True))
        return results


def from_settings(settings: Any, environ: Any = None) -> EmbeddedSalesforceOrg:
    """The registry's factory for local runs (a fresh, empty org)."""
    return EmbeddedSalesforceOrg()
