"""Every input the contract cannot accept is dead-lettered at once with its reason, and the
Salesforce Order shows it; none makes the handler raise (which would retry a hopeless message
five times while it holds back its order's group, then dead-letter it without a reason)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sferp.order_handoff import names as handoff_names
from tests.integration.conftest import HandlerHarness, order_id, relay_body

LINE = {"line_id": "L1", "product_code": "MAT-1", "quantity": 1, "unit_price": 10}


def _lines(*lines: dict[str, Any]) -> str:
    return json.dumps(list(lines))


CASES = [
    ("created_overflow", {"CreatedDate": 10**20}, "CreatedDate"),
    ("created_float_huge", {"CreatedDate": 1e300}, "CreatedDate"),
    ("created_epoch_seconds", {"CreatedDate": 1764403200}, "looks like epoch seconds"),
    ("created_digits_huge", {"CreatedDate": "9" * 40}, "CreatedDate"),
    ("version_beyond_int64", {"Order_Version__c": 2**63}, "Order_Version__c"),
    ("version_huge_float", {"Order_Version__c": 1e300}, "Order_Version__c"),
    ("version_boolean", {"Order_Version__c": True}, "not true/false"),
    ("lines_nested_deep", {"Lines__c": "[" * 100_000 + "]" * 100_000}, "Lines__c"),
    ("currency_not_iso", {"Currency_Iso_Code__c": "ABC"}, "ISO 4217"),
    ("currency_emoji", {"Currency_Iso_Code__c": "€€€"}, "ISO 4217"),
    ("currency_nul", {"Currency_Iso_Code__c": "EU\x00"}, "ISO 4217"),
    ("sku_blank", {"Lines__c": _lines({**LINE, "product_code": "   "})}, "product_code is blank"),
    ("sku_bidi", {"Lines__c": _lines({**LINE, "product_code": "MAT\u202e1"})}, "U+202E"),
    ("line_id_newline", {"Lines__c": _lines({**LINE, "line_id": "L\n1"})}, "U+000A"),
    ("order_number_control", {"Order_Number__c": "0001\x07"}, "U+0007"),
    ("quantity_boolean", {"Lines__c": _lines({**LINE, "quantity": True})}, "not true/false"),
    (
        "quantity_infinite",
        {"Lines__c": '[{"line_id": "L1", "product_code": "M", "quantity": 1e999, "unit_price": 1}]'},
        "quantity",
    ),
    (
        "too_many_lines",
        {"Lines__c": _lines(*({**LINE, "line_id": f"L{n}"} for n in range(1_001)))},
        "at most 1000",
    ),
]


@pytest.mark.parametrize(("name", "fields", "reason"), CASES, ids=[c[0] for c in CASES])
def test_a_malformed_event_is_dead_lettered_at_once_with_its_reason(
    harness: HandlerHarness, name: str, fields: dict[str, Any], reason: str
) -> None:
    # Given an event of a known order with one field the contract cannot accept
    order = order_id(3)
    body = relay_body(order, 2, **fields)
    # When the handler gets it (first delivery)
    response = harness.invoke(harness.record(body))
    # Then it is not retried: it went to the DLQ at once, with a reason that names the problem
    assert harness.failed(response) == []
    letters = harness.dlq()
    assert len(letters) == 1
    stated = letters[0]["MessageAttributes"]["sferp-reason"]["StringValue"]
    assert reason in stated, stated
    # And nothing reached the ERP, and the Order shows the error
    assert order not in harness.erp_orders()
    assert harness.sf_status(order)[handoff_names.SF_FIELD_SYNC_STATUS] == "Error"


def test_a_body_nested_deeper_than_json_allows_is_dead_lettered(harness: HandlerHarness) -> None:
    # Given a record whose whole body is a deeply nested JSON document
    body = '{"detail": ' * 50_000 + "{}" + "}" * 50_000
    # When / Then it is dead-lettered with the reason, not raised
    assert harness.failed(harness.invoke(harness.record(body, group="g-deep"))) == []
    stated = harness.dlq()[0]["MessageAttributes"]["sferp-reason"]["StringValue"]
    assert "nests deeper" in stated


def test_decimals_reach_the_erp_in_plain_form(harness: HandlerHarness) -> None:
    # Given a quantity written as "1e3" and a price as "2.50"
    order = order_id(4)
    body = relay_body(order, 1, Lines__c=_lines({**LINE, "quantity": "1e3", "unit_price": "2.50"}))
    # When it is handed off
    assert harness.failed(harness.invoke(harness.record(body))) == []
    # Then the ERP got 1000, not 1E+3
    item = harness.erp_orders()[order].items[0]
    assert str(item["quantity"]) in ("1000", "1000.000") and "E" not in str(item["quantity"])
