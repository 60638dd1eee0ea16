"""The published schema describes the wire form as Event Relay delivers it, and the schema and the
model agree on real-shaped events: what one accepts the other accepts, what one refuses the other
refuses (epoch seconds, an Id with a bad length, lines that are not a JSON array)."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from sferp.models.order import OrderHandoffEvent
from sferp.schemas import SCHEMA_DIR

SCHEMA = json.loads((SCHEMA_DIR / "order_handoff.v1.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())

# The payload of an Event Relay delivery as Salesforce sends it: epoch-millisecond CreatedDate,
# Lines__c as the text of a JSON array, Number fields as JSON numbers with a fraction, nulls for
# fields the Flow left empty, a 15-character Id where the Flow used one.
REAL = {
    "CreatedDate": 1764403200123,
    "CreatedById": "0055g00000ABCDEAA2",
    "Order_Id__c": "8015g000000ABCDAA4",
    "Account_Id__c": "0015g000000XYZ1",
    "Order_Number__c": "00000123",
    "Order_Version__c": 3.0,
    "Action__c": "UPDATE",
    "Currency_Iso_Code__c": "EUR",
    "Requested_Delivery_Date__c": None,
    "Lines__c": json.dumps(
        [{"line_id": "802A1", "product_code": "MAT-100", "quantity": 2.0, "unit_price": 9.5}]
    ),
}


def _schema_accepts(payload: dict[str, Any]) -> bool:
    return VALIDATOR.is_valid(payload)


def _model_accepts(payload: dict[str, Any]) -> bool:
    try:
        OrderHandoffEvent.model_validate(payload)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"CreatedDate": "2026-11-29T08:00:00.000Z"},
        {"Lines__c": None, "Action__c": "CANCEL"},
        {"Requested_Delivery_Date__c": "2026-12-15"},
        {"Order_Version__c": 7},
    ],
    ids=["as-relayed", "iso-created-date", "no-lines", "delivery-date", "integer-version"],
)
def test_real_shaped_events_pass_the_schema_and_the_model(changes: dict[str, Any]) -> None:
    payload = {**REAL, **changes}
    assert _schema_accepts(payload), list(VALIDATOR.iter_errors(payload))
    assert _model_accepts(payload)


@pytest.mark.parametrize(
    "changes",
    [
        {"CreatedDate": 1764403200},  # epoch seconds: rejected, never read as 1970
        {"Order_Id__c": "8015g000000ABC"},  # 14 characters
        {"Order_Version__c": True},
        {"Lines__c": 42},
        {"Requested_Delivery_Date__c": "15.12.2026"},
    ],
    ids=["epoch-seconds", "short-id", "boolean-version", "lines-number", "local-date-form"],
)
def test_what_the_schema_refuses_the_model_refuses(changes: dict[str, Any]) -> None:
    payload = {**REAL, **changes}
    assert not _schema_accepts(payload)
    assert not _model_accepts(payload)


def test_the_schema_is_the_wire_form() -> None:
    properties = SCHEMA["properties"]
    # CreatedDate: epoch milliseconds or ISO 8601; Lines__c: the text of a JSON array (or an array, or null)
    assert {a.get("type") for a in properties["CreatedDate"]["anyOf"]} == {"integer", "string"}
    assert {a.get("type") for a in properties["Lines__c"]["anyOf"]} == {"string", "array", "null"}
    assert properties["Order_Id__c"]["pattern"] == "^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$"
