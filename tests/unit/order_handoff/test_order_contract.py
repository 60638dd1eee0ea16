"""The Order_Handoff__e contract: what a Flow may publish and how it is read."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from pydantic import ValidationError

from sferp.errors import InvalidEventError
from sferp.models.order import OrderAction, OrderHandoffEvent, parse_created_date
from sferp.models.salesforce_id import to_18
from sferp.order_handoff.envelope import parse_order_event
from sferp.schemas import SCHEMA_DIR, render

ORDER_ID = "8015g000000ABCDAA4"
ACCOUNT_ID = "0015g000000XYZ1AAO"


def payload(**overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "Order_Id__c": ORDER_ID,
        "Account_Id__c": ACCOUNT_ID,
        "Order_Version__c": 2.0,
        "CreatedDate": "2026-11-29T08:00:00.000+0000",
        "Lines__c": json.dumps(
            [{"line_id": "L1", "product_code": "mat-1", "quantity": 2, "unit_price": 9.5}]
        ),
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def relay(body: dict[str, object]) -> str:
    return json.dumps(
        {
            "version": "0",
            "id": "a",
            "detail-type": "Order_Handoff__e",
            "source": "aws.partner/salesforce.com/00D/0YL",
            "account": "1",
            "time": "2026-11-29T08:00:00Z",
            "region": "us-east-1",
            "resources": [],
            "detail": {"payload": body, "schemaId": "x", "replayId": "42"},
        }
    )


def test_defaults_and_normalisation() -> None:
    # Given a payload with a float version, no action and a 15-character account id
    event = OrderHandoffEvent.model_validate(payload(Account_Id__c="0015g000000XYZ1", Unknown__c="ignored"))
    # Then the version is an int, the action defaults to CREATE and ids are 18 characters
    assert event.version == 2
    assert event.action is OrderAction.CREATE
    assert event.account_id == to_18("0015g000000XYZ1") and len(event.account_id) == 18
    assert event.lines is not None and event.lines[0].quantity == Decimal(2)
    assert event.business_key == f"{ORDER_ID}#2#CREATE"


def test_to_18_known_value() -> None:
    # The checksum suffix of a well-known id form (the algorithm Salesforce documents)
    assert to_18("001A0000006Vm9r") == "001A0000006Vm9rIAC"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-29T08:00:00.000+0000", datetime(2026, 11, 29, 8, 0, tzinfo=UTC)),
        ("2026-11-29T08:00:00Z", datetime(2026, 11, 29, 8, 0, tzinfo=UTC)),
        (1795939200000, datetime(2026, 11, 29, 8, 0, tzinfo=UTC)),
        ("1795939200000", datetime(2026, 11, 29, 8, 0, tzinfo=UTC)),
    ],
)
def test_created_date_iso_or_epoch_millis(value: object, expected: datetime) -> None:
    assert parse_created_date(value) == expected


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"Order_Id__c": None}, "Order_Id__c"),
        ({"Order_Version__c": None}, "Order_Version__c"),
        ({"Order_Version__c": 2.5}, "whole number"),
        ({"Action__c": "DELETE"}, "Action__c"),
        ({"Lines__c": "[{oops"}, "not valid JSON"),
        (
            {
                "Lines__c": json.dumps(
                    [{"line_id": "L1", "product_code": "X", "quantity": -1, "unit_price": 1}]
                )
            },
            "greater than 0",
        ),
        ({"Lines__c": json.dumps({"line_id": "L1"})}, "JSON array"),
        ({"Lines__c": "[]"}, "at least one line"),
        ({"CreatedDate": True}, "CreatedDate"),
    ],
)
def test_poison_payloads_are_rejected_with_a_reason(overrides: dict[str, object], message: str) -> None:
    # Given an event that can never succeed
    with pytest.raises(InvalidEventError) as caught:
        parse_order_event(relay(payload(**overrides)))
    # Then the reason names the problem, and the Order Id is kept when it is usable
    assert message in caught.value.reason
    if "Order_Id__c" in payload(**overrides):
        assert caught.value.salesforce_order_id == ORDER_ID


def test_lowercase_action_and_cancel_without_lines() -> None:
    event = parse_order_event(relay(payload(Action__c="cancel", Lines__c=None)))
    assert event.action is OrderAction.CANCEL and event.lines is None


def test_envelope_errors_are_permanent() -> None:
    with pytest.raises(InvalidEventError, match="not JSON"):
        parse_order_event("{not json")
    with pytest.raises(InvalidEventError, match="not an Event Relay event"):
        parse_order_event(json.dumps({"detail": {"nopayload": 1}}))


def test_pipe_without_input_template_is_tolerated() -> None:
    # Given the whole SQS record forwarded by a pipe configured without the input template
    wrapped = json.dumps({"messageId": "m", "body": relay(payload())})
    assert parse_order_event(wrapped).order_id == ORDER_ID


def test_model_rejects_bad_ids() -> None:
    with pytest.raises(ValidationError):
        OrderHandoffEvent.model_validate(payload(Order_Id__c="not-an-id"))


def test_schema_file_matches_the_model() -> None:
    # The versioned schema in the repo is what the model generates (python -m sferp.schemas)
    on_disk = (SCHEMA_DIR / "order_handoff.v1.json").read_text(encoding="utf-8")
    assert on_disk == render("order_handoff.v1.json")
