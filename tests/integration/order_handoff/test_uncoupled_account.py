"""An order whose Account has no ERP customer, under each policy of
``flows.order_handoff.uncoupled_account`` (the handler, moto, the strict embedded ERP and org):
never the Salesforce Id as the customer; create couples a customer made from the Account; wait
retries showing Waiting on the Order, then the DLQ with the reason; reject dead-letters at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sferp import customers
from sferp.order_handoff import names as handoff_names
from sferp.settings import FlowMode
from tests.integration.conftest import HandlerHarness, make_harness, order_id, relay_body

STRANGER = "001000000000404AAA"


def _harness(policy: str) -> Iterator[HandlerHarness]:
    for harness in make_harness(FlowMode.LIVE, **{handoff_names.ENV_UNCOUPLED_ACCOUNT: policy}):
        # The Orders of the uncoupled Account, in Salesforce (the write-back updates them)
        for n in range(40, 45):
            harness.org.add_order(order_id(n), account_id=STRANGER)
        yield harness


@pytest.fixture
def creating() -> Iterator[HandlerHarness]:
    yield from _harness("create")


@pytest.fixture
def waiting() -> Iterator[HandlerHarness]:
    yield from _harness("wait")


def test_create_makes_the_erp_customer_from_the_account_and_hands_the_order_off(
    creating: HandlerHarness,
) -> None:
    # Given an Account in Salesforce that no ERP customer is coupled to
    creating.org.add_account(
        STRANGER,
        Name="Neukunde GmbH",
        BillingCity="Leipzig",
        BillingPostalCode="04109",
        BillingCountryCode="DE",
    )
    first, second = order_id(40), order_id(41)
    # When two of its orders are handled
    response = creating.invoke(
        creating.record(relay_body(first, 1, Account_Id__c=STRANGER)),
        creating.record(relay_body(second, 1, Account_Id__c=STRANGER)),
    )
    # Then one customer was created from the Account's data and coupled, both orders carry it
    assert creating.failed(response) == []
    customer = creating.erp.customer_for_account(STRANGER)
    assert customer is not None
    assert (customer.name, customer.city, customer.postal_code, customer.country) == (
        "Neukunde GmbH",
        "Leipzig",
        "04109",
        "DE",
    )
    assert creating.erp.calls["create_customer"] == 1
    orders = creating.erp_orders()
    assert orders[first].customer_reference == orders[second].customer_reference == customer.customer_number
    # And the Account shows its ERP customer number, the Orders are Synced
    account = creating.org.get_record("Account", STRANGER)
    assert account is not None and account[customers.SF_FIELD_ERP_CUSTOMER_NUMBER] == customer.customer_number
    assert creating.sf_status(first)[handoff_names.SF_FIELD_SYNC_STATUS] == "Synced"


def test_create_refuses_an_account_the_erp_cannot_take_and_says_which_field(creating: HandlerHarness) -> None:
    # Given an Account whose country is not an ISO code (nothing is guessed or filled in)
    creating.org.add_account(STRANGER, Name="Irgendwo AG", BillingCountryCode="Deutschland")
    o = order_id(42)
    creating.invoke(creating.record(relay_body(o, 1, Account_Id__c=STRANGER)))
    # Then no customer and no order; the DLQ and the Order say why
    assert creating.erp.customer_for_account(STRANGER) is None and o not in creating.erp_orders()
    reason = creating.dlq()[0]["MessageAttributes"]["sferp-reason"]["StringValue"]
    assert f"Account {STRANGER} cannot become an ERP customer" in reason and "country" in reason
    assert "country" in creating.sf_status(o)[handoff_names.SF_FIELD_SYNC_MESSAGE]


def test_wait_retries_showing_waiting_then_dead_letters_with_the_reason(waiting: HandlerHarness) -> None:
    o = order_id(43)
    body = relay_body(o, 1, Account_Id__c=STRANGER)
    # When the order is handled (first attempt) / Then it is retried, the Order shows Waiting
    first = waiting.record(body)
    assert waiting.failed(waiting.invoke(first)) == [first["messageId"]]
    status = waiting.sf_status(o)
    assert status[handoff_names.SF_FIELD_SYNC_STATUS] == "Waiting"
    assert f"Account {STRANGER} has no ERP customer yet" in status[handoff_names.SF_FIELD_SYNC_MESSAGE]
    assert waiting.erp.customer_for_account(STRANGER) is None  # waiting creates nothing
    # When the customer is coupled meanwhile (the customer flow, or SAP by hand) / Then it goes through
    waiting.erp.seed_customers([{"name": "Spaeter GmbH", "salesforce_account_id": STRANGER}])
    assert waiting.failed(waiting.invoke(waiting.record(body, receive_count=2))) == []
    assert waiting.sf_status(o)[handoff_names.SF_FIELD_SYNC_STATUS] == "Synced"


def test_wait_ends_in_the_dlq_with_the_reason_after_the_last_attempt(waiting: HandlerHarness) -> None:
    o = order_id(44)
    last = waiting.record(
        relay_body(o, 1, Account_Id__c=STRANGER), receive_count=handoff_names.ORDER_HANDOFF_MAX_RECEIVE_COUNT
    )
    assert waiting.failed(waiting.invoke(last)) == [last["messageId"]]  # SQS moves it to the DLQ
    status = waiting.sf_status(o)
    assert status[handoff_names.SF_FIELD_SYNC_STATUS] == "Error"
    assert "has no ERP customer yet" in status[handoff_names.SF_FIELD_SYNC_MESSAGE]
    assert "in the DLQ" in status[handoff_names.SF_FIELD_SYNC_MESSAGE]


@pytest.fixture
def rejecting() -> Iterator[HandlerHarness]:
    yield from _harness("reject")


def test_the_handoff_resolves_the_customer_through_the_coupling_store(
    rejecting: HandlerHarness, tmp_path: object
) -> None:
    import dataclasses

    import boto3
    from sferp_tools.local.harness import create_table

    from sferp.adapters.aws.coupling import DynamoCouplingStore
    from sferp.customer_sync import names as sync_names
    from sferp.order_handoff import app
    from sferp.ports.coupling import CouplingHow

    # Given an ERP customer that keeps no Salesforce Id (coupled by the customer flow's store only)
    [number] = rejecting.erp.seed_customers([{"name": "Store Coupled GmbH"}])
    dynamodb = boto3.session.Session(region_name="us-east-1").client("dynamodb")
    table = create_table(dynamodb, sync_names.STATE_TABLE_SPEC, "test")
    store = DynamoCouplingStore(
        table, dynamodb, key_prefix=sync_names.COUPLING_PREFIX, partition_key=sync_names.PARTITION_KEY
    )
    store.couple(STRANGER, number, by="customer_sync", how=CouplingHow.CREATED)
    app.set_dependencies(dataclasses.replace(app.get_dependencies(), coupling=store))
    # When an order of the Account arrives (policy "reject": without the store it would be refused)
    order = order_id(42)
    response = rejecting.invoke(rejecting.record(relay_body(order, 1, Account_Id__c=STRANGER)))
    # Then it is handed off to the coupled customer
    assert rejecting.failed(response) == []
    assert rejecting.erp_orders()[order].customer_reference == number
