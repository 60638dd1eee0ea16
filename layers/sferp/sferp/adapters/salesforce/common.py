"""Helpers both Salesforce adapters share (the real one and the embedded org).

Nothing here imports simple-salesforce, so the embedded org and the local runtime stay cheap.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Final, TypeVar

from sferp.models.records import RecordUpdate

T = TypeVar("T")

# Record-level errors that a later retry can fix: another transaction held the row lock.
# Everything else (validation rule, deleted record, bad picklist value) fails the same way again.
RETRIABLE_RECORD_ERRORS: Final = frozenset({"UNABLE_TO_LOCK_ROW"})

# Bulk API 2.0 CSV: "#N/A" sets a field to null; an empty cell leaves it unchanged.
BULK_NULL: Final = "#N/A"

_API_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")

ERROR_TEXT_MAX: Final = 500  # characters kept of a Salesforce error message


def check_api_name(name: str, what: str = "sObject") -> str:
    """Object and event names go into URL paths; refuse anything that is not an API name."""
    if not _API_NAME_RE.match(name):
        raise ValueError(f"{what} name {name!r} is not a Salesforce API name")
    return name


def soql_datetime(value: datetime) -> str:
    """SOQL dateTime literal, whole seconds, UTC (floored: earlier is always safe)."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def merge_updates(updates: Sequence[RecordUpdate]) -> tuple[list[RecordUpdate], list[int]]:
    """Merge updates of the same record (later fields win) and map each input to its merged entry.

    Why: one DML list may name a record only once ("Duplicate id in list"), and a FIFO batch can
    hold two events of the same order, so two write-backs for one Order Id do happen.
    """
    merged_fields: dict[str, dict[str, Any]] = {}
    for update in updates:
        merged_fields.setdefault(update.key, {}).update(update.fields)
    order = list(merged_fields)
    index = {key: i for i, key in enumerate(order)}
    merged = [RecordUpdate(key=key, fields=merged_fields[key]) for key in order]
    return merged, [index[update.key] for update in updates]


def format_datetime(value: datetime) -> str:
    """Salesforce's dateTime format: UTC with milliseconds and ``Z``."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{aware.microsecond // 1000:03d}Z"


def json_value(value: Any) -> Any:
    """A field value as the REST API's JSON expects it."""
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # JSON numbers; Salesforce stores at most 18 digits, well inside a double's exact range
        # for the amounts and quantities we send.
        return float(value)
    return value


def csv_cell(value: Any) -> str | None:
    """A value as Bulk API 2.0 CSV shows it (``None`` stays ``None``: an empty cell)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_csv(records: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """Records as a Bulk API 2.0 ingest CSV (LF line endings, ``#N/A`` for explicit nulls)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        row = []
        for column in columns:
            if column not in record:
                row.append("")
            else:
                cell = csv_cell(record[column])
                row.append(BULK_NULL if cell is None else cell)
        writer.writerow(row)
    return buffer.getvalue()


def parse_csv(text: str) -> Iterator[dict[str, str | None]]:
    """Bulk API 2.0 result CSV -> dicts; empty cells (nulls) become ``None``."""
    for row in csv.DictReader(io.StringIO(text)):
        yield {key: (value if value != "" else None) for key, value in row.items()}


def column_order(records: Iterable[dict[str, Any]], first: str) -> list[str]:
    """Every field any record sets, the external id first, then in order of appearance."""
    columns = [first]
    seen = {first}
    for record in records:
        for key in record:
            if key not in seen:
                seen.add(key)
                columns.append(key)
    return columns


def short(text: str) -> str:
    return text if len(text) <= ERROR_TEXT_MAX else text[: ERROR_TEXT_MAX - 3] + "..."
