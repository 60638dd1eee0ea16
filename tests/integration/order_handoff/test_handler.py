"""The order-handoff handler with crafted SQS FIFO batches (moto, embedded ERP and org)."""

from __future__ import annotations

import json

from sferp import names
from sferp.order_handoff import names as handoff_names
from tests.integration.conftest import HandlerHarness, order_id, relay_body


def test_duplicate_delivery_makes_one_erp_order(harness: HandlerHarness) -> None:
    # Given the same change delivered twice with different envelopes (a Flow firing twice)
    a, b = order_id(1), order_id(2)
    first = harness.record(relay_body(a, 1))
    again = harness.record(relay_body(a, 1))
    other = harness.record(relay_body(b, 1))
    # When they arrive in one batch and once more in a later batch
    assert harness.failed(harness.invoke(first, again, other)) == []
    assert harness.failed(harness.invoke(harness.record(relay_body(a, 1)))) == []
    # Then the ERP has exactly one order per Salesforce order
    orders = harness.erp_orders()
    assert sorted(orders) == sorted([a, b])
    assert harness.erp.calls["upsert_sales_order"] == 2
    # And Salesforce shows the ERP number, written in one collections call for the first batch
    record = harness.sf_status(a)
    assert record[handoff_names.SF_FIELD_SYNC_STATUS] == "Synced"
    assert record[handoff_names.SF_FIELD_ERP_ORDER_NUMBER] == orders[a].erp_order_id
    assert harness.org.api_calls == 1  # the second batch was a pure duplicate: nothing to write


def test_versions_1_3_2_leave_version_3_in_the_erp(harness: HandlerHarness) -> None:
    # Given version 3 overtakes version 2
    o = order_id(3)
    harness.invoke(harness.record(relay_body(o, 1)), harness.record(relay_body(o, 3, "UPDATE")))
    response = harness.invoke(harness.record(relay_body(o, 2, "UPDATE")))
    # Then the late version 2 is acknowledged and ignored, and the ERP keeps version 3
    assert harness.failed(response) == []
    held = harness.erp_orders()[o]
    assert held.source_version == 3
    assert [float(i["quantity"]) for i in held.items] == [3.0]
    assert "version 3" in harness.sf_status(o)[handoff_names.SF_FIELD_SYNC_MESSAGE]


def test_cancel(harness: HandlerHarness) -> None:
    o = order_id(4)
    harness.invoke(harness.record(relay_body(o, 1)))
    harness.invoke(harness.record(relay_body(o, 2, "CANCEL")))
    assert harness.erp_orders()[o].status == "CANCELLED"
    assert harness.sf_status(o)[handoff_names.SF_FIELD_SYNC_STATUS] == "Cancelled"
    # A create that arrives after the cancel is stale: the ERP order stays cancelled
    harness.invoke(harness.record(relay_body(o, 1)))
    assert harness.erp_orders()[o].status == "CANCELLED"


def test_cancel_before_create_never_creates_the_order(harness: HandlerHarness) -> None:
    o = order_id(5)
    assert harness.failed(harness.invoke(harness.record(relay_body(o, 2, "CANCEL")))) == []
    harness.invoke(harness.record(relay_body(o, 1)))
    assert o not in harness.erp_orders()
    assert harness.sf_status(o)[handoff_names.SF_FIELD_SYNC_STATUS] == "Cancelled"


def test_poison_message_is_dead_lettered_at_once_and_only_it(harness: HandlerHarness) -> None:
    # Given a batch: a good event of order A, a poison event of A, a later event of A, and order B
    a, b = order_id(6), order_id(7)
    good = harness.record(relay_body(a, 1))
    poison = harness.record(relay_body(a, 2, "UPDATE", Lines__c='[{"line_id": "L1", "quantity": -4}]'))
    later = harness.record(relay_body(a, 3, "UPDATE"))
    other = harness.record(relay_body(b, 1))
    # When the batch is handled (first attempt)
    response = harness.invoke(good, poison, later, other)
    # Then nothing is left for retry: the poison event went to the DLQ at once, with its reason
    assert harness.failed(response) == []
    letters = harness.dlq()
    assert len(letters) == 1
    attributes = letters[0]["MessageAttributes"]
    assert "quantity" in attributes["sferp-reason"]["StringValue"]
    assert attributes["sferp-salesforce-order-id"]["StringValue"] == a
    assert letters[0]["Body"] == poison["body"]
    # And the later event of A was applied after it, B independently
    assert harness.erp_orders()[a].source_version == 3
    assert b in harness.erp_orders()


def test_poison_without_order_id_does_not_touch_salesforce(harness: HandlerHarness) -> None:
    body = relay_body(order_id(8), 1, Order_Id__c=None)
    response = harness.invoke(harness.record(body, group="unknown"))
    assert harness.failed(response) == []
    assert "Order_Id__c" in harness.dlq()[0]["MessageAttributes"]["sferp-reason"]["StringValue"]
    assert harness.org.writes == []


def test_poison_marks_the_salesforce_order_as_error(harness: HandlerHarness) -> None:
    o = order_id(9)
    harness.invoke(harness.record(relay_body(o, 1, Action__c="DELETE")))
    record = harness.sf_status(o)
    assert record[handoff_names.SF_FIELD_SYNC_STATUS] == "Error"
    assert "Action__c" in record[handoff_names.SF_FIELD_SYNC_MESSAGE]


def test_an_order_for_an_account_without_an_erp_customer_is_not_sent_and_says_why(
    harness: HandlerHarness,
) -> None:
    # Given an order whose Account no ERP customer is coupled to (the strict ERP, as SAP)
    o, stranger = order_id(12), "001000000000404AAA"
    # When it is handled
    response = harness.invoke(harness.record(relay_body(o, 1, Account_Id__c=stranger)))
    # Then nothing reached the ERP (never the Salesforce Id as a customer), the event is in the
    # DLQ with the reason, and the Salesforce Order shows it
    assert harness.failed(response) == []
    assert o not in harness.erp_orders()
    [letter] = harness.dlq()
    assert (
        f"account {stranger} has no ERP customer"
        in letter["MessageAttributes"]["sferp-reason"]["StringValue"]
    )
    record = harness.sf_status(o)
    assert record[handoff_names.SF_FIELD_SYNC_STATUS] == "Error"
    assert f"account {stranger} has no ERP customer" in record[handoff_names.SF_FIELD_SYNC_MESSAGE]


def test_retriable_failure_holds_back_only_its_group(harness: HandlerHarness) -> None:
    # Given the ERP fails for the first call only
    a, b = order_id(10), order_id(11)
    first_a = harness.record(relay_body(a, 1))
    second_a = harness.record(relay_body(a, 2, "UPDATE"))
    first_b = harness.record(relay_body(b, 1))
    calls = {"n": 0}
    real = harness.erp.upsert_sales_order

    def flaky(order):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            from sferp.errors import ErpUnavailableError

            raise ErpUnavailableError("503 from the ERP")
        return real(order)

    harness.erp.upsert_sales_order = flaky  # type: ignore[method-assign]
    # When the batch runs
    response = harness.invoke(first_a, second_a, first_b)
    # Then A's messages are both reported failed (in order), B went through
    assert harness.failed(response) == [first_a["messageId"], second_a["messageId"]]
    assert list(harness.erp_orders()) == [b]
    # And the failed messages got an exponential back-off on their visibility
    assert [m for m, _ in harness.retries.delays] == [first_a["messageId"], second_a["messageId"]]
    assert all(
        handoff_names.RETRY_BACKOFF_BASE_S / 2 <= s <= handoff_names.RETRY_BACKOFF_BASE_S
        for _, s in harness.retries.delays
    )
    # When SQS redelivers them, they succeed: retried, not lost
    assert (
        harness.failed(harness.invoke(harness.record(first_a["body"]), harness.record(second_a["body"])))
        == []
    )
    assert harness.erp_orders()[a].source_version == 2


def test_erp_down_on_the_last_attempt_tells_salesforce(harness: HandlerHarness) -> None:
    o = order_id(12)
    with harness.erp.outage():
        response = harness.invoke(
            harness.record(relay_body(o, 1), receive_count=handoff_names.ORDER_HANDOFF_MAX_RECEIVE_COUNT)
        )
    assert len(harness.failed(response)) == 1  # SQS moves it to the DLQ after this attempt
    record = harness.sf_status(o)
    assert record[handoff_names.SF_FIELD_SYNC_STATUS] == "Error"
    assert "DLQ" in record[handoff_names.SF_FIELD_SYNC_MESSAGE]


def test_salesforce_down_during_write_back_retries_the_batch(harness: HandlerHarness) -> None:
    o = order_id(13)
    harness.org.error_rate = 1.0
    message = harness.record(relay_body(o, 1))
    assert harness.failed(harness.invoke(message)) == [message["messageId"]]
    # The ERP order exists once; the retry finds it (duplicate) and only writes back
    harness.org.error_rate = 0.0
    assert harness.failed(harness.invoke(harness.record(message["body"]))) == []
    assert len(harness.erp_orders()) == 1 and harness.erp.calls["upsert_sales_order"] == 1
    assert harness.sf_status(o)[handoff_names.SF_FIELD_SYNC_STATUS] == "Synced"


def test_lines_missing_from_the_event_are_fetched_from_salesforce(harness: HandlerHarness) -> None:
    o = order_id(14)
    harness.invoke(harness.record(relay_body(o, 1, Lines__c=None)))
    items = harness.erp_orders()[o].items
    assert [(i["sku"], float(i["quantity"])) for i in items] == [("MAT-9", 7.0)]


def test_shadow_mode_writes_nothing(shadow_harness: HandlerHarness) -> None:
    o = order_id(15)
    response = shadow_harness.invoke(shadow_harness.record(relay_body(o, 1)))
    assert shadow_harness.failed(response) == []
    assert shadow_harness.erp_orders() == {}
    assert shadow_harness.org.writes == []


def test_write_back_of_a_batch_is_one_collections_call(harness: HandlerHarness) -> None:
    records = [harness.record(relay_body(order_id(n), 1)) for n in range(1, 11)]
    assert harness.failed(harness.invoke(*records)) == []
    assert harness.org.api_calls == 1
    assert len(harness.org.writes) == 10


def test_metrics_are_emitted_as_emf(harness: HandlerHarness, capsys) -> None:  # type: ignore[no-untyped-def]
    harness.invoke(harness.record(relay_body(order_id(16), 1)), harness.record(relay_body(order_id(16), 1)))
    documents = [json.loads(line) for line in capsys.readouterr().out.splitlines() if '"_aws"' in line]
    emitted = {
        m["Name"]
        for d in documents
        for directive in d["_aws"]["CloudWatchMetrics"]
        for m in directive["Metrics"]
    }
    assert {
        handoff_names.METRIC_ORDERS_HANDED_OFF,
        handoff_names.METRIC_DUPLICATES_IGNORED,
        handoff_names.METRIC_ERP_LATENCY_MS,
    } <= emitted
    dims = documents[0]["_aws"]["CloudWatchMetrics"][0]["Dimensions"][0]
    assert set(dims) == set(names.metric_dimensions("test", handoff_names.FLOW_ORDER_HANDOFF))


def test_last_attempts_in_an_outage_tell_salesforce_in_one_call(harness: HandlerHarness) -> None:
    # Given two orders on their last attempt while the ERP is down
    a, b = order_id(17), order_id(18)
    last = handoff_names.ORDER_HANDOFF_MAX_RECEIVE_COUNT
    with harness.erp.outage():
        response = harness.invoke(
            harness.record(relay_body(a, 1), receive_count=last),
            harness.record(relay_body(b, 1), receive_count=last),
        )
    # Then both go to the DLQ through SQS, and Salesforce hears of both in one collections call
    assert len(harness.failed(response)) == 2
    assert harness.org.api_calls == 1
    assert {harness.sf_status(o)[handoff_names.SF_FIELD_SYNC_STATUS] for o in (a, b)} == {"Error"}


def test_every_spelling_of_one_order_id_is_one_erp_order(harness: HandlerHarness) -> None:
    # Given one order whose Id arrives as Salesforce writes it, as its 15-character form, and
    # upper- and lower-cased (a Flow formula, a spreadsheet, a hand-written replay)
    canonical = order_id(20)  # one of the Orders the harness seeds in the org
    spellings = [
        canonical,
        canonical[:15],
        canonical.upper(),
        canonical.lower(),
        canonical.swapcase().upper(),
    ]
    # When versions 1..5 arrive, one spelling each, each in its own group (the pipe groups by the
    # raw field), then a cancel in yet another spelling
    for version, spelling in enumerate(spellings, start=1):
        assert (
            harness.failed(harness.invoke(harness.record(relay_body(spelling, version), group=spelling)))
            == []
        )
    harness.invoke(harness.record(relay_body(canonical.lower(), 6, "CANCEL"), group=canonical.lower()))
    # Then the ERP holds exactly one order for it, at the newest version, and it is cancelled
    orders = harness.erp_orders()
    assert [key for key in orders if key.lower() == canonical.lower()] == [canonical]
    assert orders[canonical].status == "CANCELLED"
    assert harness.sf_status(canonical)[handoff_names.SF_FIELD_SYNC_STATUS] == "Cancelled"


def test_a_malformed_order_id_is_dead_lettered_with_its_reason(harness: HandlerHarness) -> None:
    # Given Ids that are not Salesforce Ids: a trailing newline, a bad checksum, a bad length
    canonical = order_id(19)
    # (mixed case as Salesforce writes it, so the suffix must be the checksum: it is not)
    bad = [canonical + "\n", canonical[:17], "801" + "0" * 11 + "!AAA", "801Ab00000Cd0EfAAA"]
    for spelling in bad:
        # When each arrives / Then it is acknowledged (not retried) and dead-lettered with the reason
        assert harness.failed(harness.invoke(harness.record(relay_body(spelling, 1)))) == []
    reasons = [m["MessageAttributes"]["sferp-reason"]["StringValue"] for m in harness.dlq()]
    assert len(reasons) == len(bad)
    assert all("Order_Id__c" in reason and "not a Salesforce id" in reason for reason in reasons), reasons
    assert canonical not in harness.erp_orders()


def test_a_late_failure_of_an_older_version_does_not_hide_the_newer_sync(harness: HandlerHarness) -> None:
    # Given version 3 handed off and written back as Synced
    o = order_id(17)
    harness.invoke(harness.record(relay_body(o, 3)))
    assert harness.sf_status(o)[handoff_names.SF_FIELD_SYNC_STATUS] == "Synced"
    # When a malformed event of version 1 of the same order arrives late (a redrive, a replay)
    response = harness.invoke(harness.record(relay_body(o, 1, Action__c="DELETE")))
    # Then it is dead-lettered with its reason, and the Order still shows version 3's sync:
    # the writer never puts an older state over a newer one
    assert harness.failed(response) == []
    assert harness.sf_status(o)[handoff_names.SF_FIELD_SYNC_STATUS] == "Synced"


def test_a_failure_of_a_newer_version_is_shown_over_the_older_sync(harness: HandlerHarness) -> None:
    # Given version 3 synced, then a malformed version 4 (the user's latest change)
    o = order_id(18)
    harness.invoke(harness.record(relay_body(o, 3)))
    harness.invoke(harness.record(relay_body(o, 4, Action__c="DELETE")))
    # Then the Order shows the failure of the change the user made last
    record = harness.sf_status(o)
    assert record[handoff_names.SF_FIELD_SYNC_STATUS] == "Error"
    assert "Action__c" in record[handoff_names.SF_FIELD_SYNC_MESSAGE]
