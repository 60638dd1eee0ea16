"""One record to change, the unit every write port takes.

A frozen dataclass rather than a pydantic model: the reconciliation engine builds thousands of
these and its command-line run is measured as a whole process, where importing pydantic for this
one two-field type cost about 0.13 s of a 2 s run (docs/decision_log.md, 2026-12-03). It checks its
own two fields, so a wrong type still fails where the update is made, not at the port.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any


def _json_value(value: Any) -> Any:
    """A field value as JSON (what pydantic's ``mode="json"`` gave: decimals and dates as text)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"a field value of type {type(value).__name__} has no JSON form")


@dataclass(frozen=True, slots=True)
class RecordUpdate:
    """One record to change: the key the target system knows it by and the fields to set."""

    key: str
    fields: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.key, str):
            raise TypeError(f"RecordUpdate.key must be a string, not {type(self.key).__name__}")
        if not isinstance(self.fields, dict) or not all(isinstance(n, str) for n in self.fields):
            raise TypeError("RecordUpdate.fields must be a dict of field names to values")

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "fields": {n: _json_value(v) for n, v in self.fields.items()}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RecordUpdate:
        return cls(key=data["key"], fields=dict(data.get("fields") or {}))
