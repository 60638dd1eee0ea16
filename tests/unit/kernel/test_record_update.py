"""RecordUpdate: the unit every write port takes, a frozen dataclass that checks its two fields."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from sferp.models.record_update import RecordUpdate
from sferp.models.records import RecordUpdate as ReExported


def test_the_records_module_re_exports_the_same_type() -> None:
    assert ReExported is RecordUpdate


def test_json_form_round_trips_and_spells_decimals_and_dates_as_text() -> None:
    # Given an update with the value types the flows write
    update = RecordUpdate(
        key="C1",
        fields={
            "credit_limit": Decimal("5000.50"),
            "delivered_on": date(2026, 12, 3),
            "stamp": datetime(2026, 12, 3, 10, 0, tzinfo=UTC),
            "name": "ACME",
            "closed": False,
            "phone": None,
            "lines": 3,
        },
    )
    # When it is written as JSON and read back
    data = json.loads(json.dumps(update.to_json()))
    # Then the text forms are those pydantic's JSON mode gave, and it reads back equal in text form
    assert data == {
        "key": "C1",
        "fields": {
            "credit_limit": "5000.50",
            "delivered_on": "2026-12-03",
            "stamp": "2026-12-03T10:00:00+00:00",
            "name": "ACME",
            "closed": False,
            "phone": None,
            "lines": 3,
        },
    }
    assert RecordUpdate.from_json(data) == RecordUpdate(key="C1", fields=data["fields"])


def test_a_value_without_a_json_form_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match="set"):
        RecordUpdate(key="C1", fields={"tags": {"a"}}).to_json()


@pytest.mark.parametrize(("key", "fields"), [(None, {}), (17, {}), ("C1", [("name", "x")]), ("C1", {1: "x"})])
def test_a_wrong_key_or_fields_fails_where_the_update_is_made(key: object, fields: object) -> None:
    with pytest.raises(TypeError, match="RecordUpdate"):
        RecordUpdate(key=key, fields=fields)  # type: ignore[arg-type]


def test_it_is_frozen_and_compares_by_value() -> None:
    update = RecordUpdate(key="C1", fields={"city": "Lyon"})
    assert update == RecordUpdate(key="C1", fields={"city": "Lyon"})
    with pytest.raises(AttributeError):
        update.key = "C2"  # type: ignore[misc]
