"""Property: whatever JSON arrives — around a valid event or not — parsing answers with the event
or with ``InvalidEventError`` and a reason; no other exception ever escapes.

``make test`` runs a fixed number of examples (the ``ci`` profile); ``make fuzz`` runs the
``fuzz`` profile (``SFERP_FUZZ_EXAMPLES``, default 100,000) and prints how many it tried.
"""

from __future__ import annotations

import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sferp.errors import InvalidEventError
from sferp.models.order import OrderHandoffEvent
from sferp.order_handoff.envelope import parse_order_event

settings.register_profile(
    "ci", max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("SFERP_FUZZ_EXAMPLES", "100000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("SFERP_HYPOTHESIS_PROFILE", "ci"))

VALID: dict[str, Any] = {
    "Order_Id__c": "8015g000000ABCDAA4",
    "Account_Id__c": "0015g000000XYZ1AAO",
    "Order_Number__c": "00000100",
    "Order_Version__c": 3,
    "Action__c": "UPDATE",
    "Currency_Iso_Code__c": "EUR",
    "Requested_Delivery_Date__c": "2026-12-15",
    "CreatedDate": 1764403200000,
    "Lines__c": json.dumps([{"line_id": "L1", "product_code": "MAT-1", "quantity": 2, "unit_price": 9.5}]),
}

# JSON-shaped values, including the awkward ones: huge and non-finite numbers, control and bidi
# characters, deep nesting, booleans where numbers go.
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.sampled_from(["", " ", "\x00", "\u202e", "1e3", "NaN", "3.0", "EUR", "CANCEL", "[", "{}"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def payloads(draw: st.DrawFn) -> dict[str, Any]:
    """A valid payload with some fields replaced by arbitrary JSON, removed, or added."""
    payload = dict(VALID)
    for field in draw(st.lists(st.sampled_from(sorted(VALID)), max_size=4, unique=True)):
        if draw(st.booleans()):
            payload[field] = draw(json_values)
        else:
            payload.pop(field)
    if draw(st.booleans()):
        line = draw(
            st.dictionaries(
                st.sampled_from(["line_id", "product_code", "quantity", "unit_price"]), json_values
            )
        )
        payload["Lines__c"] = draw(st.sampled_from([json.dumps([line]), [line], json.dumps(line)]))
    return payload


def _envelope(payload: Any) -> str:
    return json.dumps(
        {
            "detail-type": "Order_Handoff__e",
            "source": "aws.partner/salesforce.com/00D/0YL",
            "id": "x",
            "version": "0",
            "time": "2026-11-29T08:00:00Z",
            "region": "eu-central-1",
            "resources": [],
            "detail": {"payload": payload},
        }
    )


def _check(body: str) -> None:
    try:
        event = parse_order_event(body)
    except InvalidEventError as exc:
        assert exc.reason.strip()
        return
    assert isinstance(event, OrderHandoffEvent)
    # An accepted event is one the ERP can take: a canonical Id, a bounded version, plain decimals.
    assert len(event.order_id) == 18 and 0 <= event.version <= 2**53 - 1
    for line in event.lines or ():
        assert "E" not in str(line.quantity) and line.product_code.strip()


@given(payloads())
def test_parsing_answers_every_payload_around_a_valid_one(payload: dict[str, Any]) -> None:
    _check(_envelope(payload))


@given(json_values)
def test_parsing_answers_any_json_body(value: Any) -> None:
    _check(json.dumps(value))
    _check(_envelope(value))


@given(st.text(max_size=200))
def test_parsing_answers_any_text(text: str) -> None:
    _check(text)
