"""``sferp local order_handoff run`` with AccountChangeEvent lines beside the orders: a new
Account becomes an ERP customer through the customer flow, and its order is handed off with that
customer number (the Account is not in the initial load)."""

from __future__ import annotations

from typing import Any

from sferp_tools.local.order_handoff import run_order_handoff
from sferp_tools.synthetic.customer_sync import ChangeStream
from sferp_tools.synthetic.order_handoff import order_event

ACCOUNT = "001000000000777AAA"


def _order(order_id: str, account: str) -> dict[str, Any]:
    return order_event(
        order_id, account, lines=[{"line_id": "L1", "product_code": "MAT-1", "quantity": 2, "unit_price": 10}]
    )


def test_a_new_account_and_its_order_in_one_run() -> None:
    stream = ChangeStream()
    events = [
        stream.event(
            "CREATE", [ACCOUNT], {"Name": "Nordwind AG", "BillingCity": "Hamburg", "BillingCountryCode": "DE"}
        ),
        _order("801000000000777AAA", ACCOUNT),
        stream.event("UPDATE", [ACCOUNT], {"BillingCountryCode": "Deutschland"}),  # the ERP cannot take it
    ]
    report = run_order_handoff(events).report
    sync = report["customer_sync"]
    [coupling] = sync["couplings"]
    assert coupling["account_id"] == ACCOUNT and coupling["how"] == "created"
    [order] = report["erp"]["sales_orders"]
    assert order["customer_number"] == coupling["customer_number"]
    assert sync["outcomes"] == {"created": 1}
    [letter] = sync["dead_letters"]
    assert "BillingCountryCode" in letter["reason"]
    # The order's balance is unchanged by the Account events (they are the other flow's)
    assert report["balance"]["unaccounted"] == 0 and report["counts"]["events_in"] == 1
    # And the Account shows its ERP customer number and the failed change
    account_writes = [u for u in report["salesforce"]["updates"] if u["object"] == "Account"]
    assert any(
        u["fields"].get("ERP_Customer_Number__c") == coupling["customer_number"] for u in account_writes
    )
    assert account_writes[-1]["fields"]["ERP_Sync_Status__c"] == "Error"
