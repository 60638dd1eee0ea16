"""``sferp ops ... dlq inspect`` says what a dead letter of each flow is, without its data."""

from __future__ import annotations

import json

from sferp_tools.ops.dlq import summarise
from sferp_tools.synthetic.customer_sync import ChangeStream, business_partner_event


def _summary(event: dict) -> str:
    body = json.dumps(event)
    return summarise(body, json.loads(body))


def test_a_change_event_shows_its_change_and_field_names_not_values() -> None:
    event = ChangeStream().event("UPDATE", ["001000000000001AAA"], {"BillingCity": "Geheimstadt"})
    summary = _summary(event)
    assert summary.startswith("AccountChangeEvent UPDATE 001000000000001AAA, changed: BillingAddress.City")
    assert "Geheimstadt" not in summary


def test_an_erp_business_event_shows_its_type_and_key() -> None:
    summary = _summary(business_partner_event("0001000007"))
    assert summary.startswith(
        "sap.s4.beh.businesspartner.v1.BusinessPartner.Changed.v1 BusinessPartner 0001000007"
    )
