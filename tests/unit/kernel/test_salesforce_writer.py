"""The shared Salesforce writer: order-safe under duplicates and reordering, per-record results with
Salesforce's reasons, few calls, and the API-quota guard."""

from __future__ import annotations

import json
import random

import pytest
from sferp_tools.embedded_org import _BULK_INGEST_CALLS as BULK_INGEST_CALLS
from sferp_tools.embedded_org import EmbeddedSalesforceOrg

from sferp.errors import ConfigurationError
from sferp.ports.desired_state import InMemoryDesiredState
from sferp.ports.queues import DeadLetter, DeadLetterQueue
from sferp.salesforce_writer import RecordChange, SalesforceWriter, WriteOutcome, WriterSettings


class _Letters(DeadLetterQueue):
    def __init__(self) -> None:
        self.letters: list[DeadLetter] = []

    def send(self, letter: DeadLetter) -> None:
        self.letters.append(letter)


def _org_with_orders(n: int, **org_options) -> tuple[EmbeddedSalesforceOrg, list[str]]:
    org = EmbeddedSalesforceOrg(**org_options)
    ids = [org.add_record("Order", Note__c=None) for _ in range(n)]
    return org, ids


def _status(order_id: str, version: int, **extra) -> RecordChange:
    return RecordChange("Order", order_id, {"Note__c": f"v{version}", **extra}, version, flow="erp_status")


def test_duplicated_and_reordered_changes_leave_the_newest_state():
    # Given 50 orders, each with versions 1..6 of its status, every change sent twice, all shuffled
    org, ids = _org_with_orders(50)
    changes = [_status(i, v) for i in ids for v in range(1, 7)] * 2
    random.Random(3).shuffle(changes)
    writer = SalesforceWriter(org, state=InMemoryDesiredState())
    # When written in batches of 37, in that order
    outcomes = []
    for start in range(0, len(changes), 37):
        outcomes += writer.write(changes[start : start + 37])
    # Then every order shows version 6, and no older version was written after a newer one
    assert {org.get_record("Order", i)["Note__c"] for i in ids} == {"v6"}
    last_seen: dict[str, int] = {}
    for write in org.writes:
        version = int(write.fields["Note__c"][1:])
        assert version >= last_seen.get(write.id, 0), write
        last_seen[write.id] = version
    assert {r.outcome for r in outcomes} <= {WriteOutcome.WRITTEN, WriteOutcome.SUPERSEDED}


def test_fields_of_one_record_are_versioned_one_by_one():
    # Given a newer change of one field and an older change of another field of the same order
    org, [order] = _org_with_orders(1)
    writer = SalesforceWriter(org, state=InMemoryDesiredState())
    writer.write([RecordChange("Order", order, {"Note__c": "Shipped"}, 9)])
    # When the older change of the other field arrives late
    [late] = writer.write([RecordChange("Order", order, {"ERP_Order_Number__c": "4711"}, 3)])
    # Then it is still written: nothing newer is known for that field
    assert late.outcome is WriteOutcome.WRITTEN
    record = org.get_record("Order", order)
    assert (record["Note__c"], record["ERP_Order_Number__c"]) == ("Shipped", "4711")


def test_a_rejected_record_has_salesforces_reason_and_the_rest_are_written():
    # Given three orders, one of them deleted in Salesforce, and a value too long for another
    org, ids = _org_with_orders(4)
    org.delete_record("Order", ids[1])
    letters = _Letters()
    writer = SalesforceWriter(org, state=InMemoryDesiredState(), dead_letters=letters)
    changes = [_status(ids[0], 1), _status(ids[1], 1), _status(ids[2], 1, ERP_Order_Number__c="x" * 500)]
    changes.append(_status(ids[3], 1))
    # When written in one batch
    results = writer.write(changes)
    # Then the good ones are written, each bad one carries Salesforce's code and message
    assert [r.outcome for r in results] == [
        WriteOutcome.WRITTEN,
        WriteOutcome.REJECTED,
        WriteOutcome.REJECTED,
        WriteOutcome.WRITTEN,
    ]
    assert results[1].error_code == "ENTITY_IS_DELETED"
    assert results[2].error_code == "STRING_TOO_LONG" and "ERP_Order_Number__c" in (results[2].message or "")
    # And both land in the dead-letter queue with that reason and what was to be written
    assert [json.loads(letter.body)["key"] for letter in letters.letters] == [ids[1], ids[2]]
    assert letters.letters[0].reason.startswith("Salesforce rejected the write: ENTITY_IS_DELETED")


def test_a_failed_call_is_retry_and_the_retry_writes():
    # Given an org that refuses every call (HTTP 503 / request limit)
    org, [order] = _org_with_orders(1, error_rate=1.0)
    writer = SalesforceWriter(org, state=InMemoryDesiredState())
    # When written / Then the change is to be retried, nothing is lost
    [result] = writer.write([_status(order, 2)])
    assert result.outcome is WriteOutcome.RETRY
    # And once Salesforce answers again, the retry writes it
    org.error_rate = 0.0
    [again] = writer.write([_status(order, 2)])
    assert again.outcome is WriteOutcome.WRITTEN
    assert org.get_record("Order", order)["Note__c"] == "v2"


def test_a_batch_is_one_collection_call_per_200_records():
    # Given 1,000 orders, each with three status changes in the batch
    org, ids = _org_with_orders(1000)
    writer = SalesforceWriter(org, state=InMemoryDesiredState())
    changes = [_status(i, v) for v in (1, 2, 3) for i in ids]
    # When written at once
    calls = org.api_calls
    results = writer.write(changes)
    # Then 1,000 records go in 5 calls (200 a call), only the newest of each written
    assert org.api_calls - calls == 5
    assert sum(r.outcome is WriteOutcome.WRITTEN for r in results) == 1000
    assert sum(r.outcome is WriteOutcome.SUPERSEDED for r in results) == 2000


def test_the_quota_guard_defers_non_urgent_writes_and_resumes():
    # Given an org at 85 % of its daily API limit and a guard at 80 %
    org, ids = _org_with_orders(2, api_total=10_000, api_used_start=8_500)
    org.get_record("Order", ids[0])  # inspection, not an API call
    writer = SalesforceWriter(org, state=InMemoryDesiredState(), settings=WriterSettings(defer_at_share=0.8))
    writer.write([_status(ids[0], 1)])  # a first call reads Sforce-Limit-Info
    urgent = _status(ids[0], 2)
    price = RecordChange("Order", ids[1], {"Note__c": "price"}, 1, urgent=False, flow="prices")
    # When an urgent and a non-urgent change arrive
    results = writer.write([urgent, price])
    # Then the urgent one is written and the other deferred (not dropped, not written)
    assert [r.outcome for r in results] == [WriteOutcome.WRITTEN, WriteOutcome.DEFERRED]
    assert org.get_record("Order", ids[1])["Note__c"] is None
    # And once the daily usage falls below the share, the deferred change is written
    org.set_api_used(0)  # the 24-hour window moved on
    writer.write([_status(ids[0], 3)])
    assert writer.deferring is False
    [resumed] = writer.write([price])
    assert resumed.outcome is WriteOutcome.WRITTEN


def test_a_newer_claim_made_while_writing_is_written_after():
    # Given two writers sharing one store, and the second claims a newer version while the first
    # is inside its Salesforce call
    org, [order] = _org_with_orders(1)
    state = InMemoryDesiredState()
    first, second = SalesforceWriter(org, state=state), SalesforceWriter(org, state=state)
    real_update = org.update_records
    raced = []

    def update_with_race(sobject, updates):
        if not raced:
            raced.append(True)
            # the second writer runs entirely within the first's call: claims and writes v2
            second.write([_status(order, 2)])
        return real_update(sobject, updates)

    org.update_records = update_with_race  # type: ignore[method-assign]
    # When the first writer writes v1 (landing after v2)
    first.write([_status(order, 1)])
    # Then the first writer notices the newer claim and writes v2 again: the newest state wins
    assert org.get_record("Order", order)["Note__c"] == "v2"
    assert [w.fields["Note__c"] for w in org.writes] == ["v2", "v1", "v2"]


def _products(n: int, version: int = 1) -> list[RecordChange]:
    return [
        RecordChange(
            "Product2",
            f"SKU-{i}",
            {"Name": f"Product {i}", "IsActive": True},
            version,
            key_field="ERP_SKU__c",
        )
        for i in range(n)
    ]


def test_external_id_changes_up_to_the_threshold_go_in_collections_upserts():
    # Given 500 products keyed by their ERP SKU (an external id), below the Bulk threshold
    org = EmbeddedSalesforceOrg()
    writer = SalesforceWriter(org, state=InMemoryDesiredState())
    # When written / Then three sObject Collections upserts (200 a call) create them all
    calls = org.api_calls
    results = writer.write(_products(500))
    assert all(r.outcome is WriteOutcome.WRITTEN for r in results)
    assert org.api_calls - calls == 3
    assert len({w.id for w in org.writes}) == 500
    # And written again at a newer version, they are updated (no second record per SKU)
    writer.write(_products(500, version=2))
    assert len({w.id for w in org.writes}) == 500


def test_external_id_changes_above_the_threshold_go_in_one_bulk_upsert():
    # Given 500 products and a Bulk threshold of 100 records
    org = EmbeddedSalesforceOrg()
    writer = SalesforceWriter(org, state=InMemoryDesiredState(), settings=WriterSettings(bulk_threshold=100))
    # When written / Then one Bulk API 2.0 job upserts them all
    calls = org.api_calls
    results = writer.write(_products(500))
    assert all(r.outcome is WriteOutcome.WRITTEN for r in results)
    assert org.api_calls - calls == BULK_INGEST_CALLS  # one job: create, upload, close, poll, results
    assert len({w.id for w in org.writes}) == 500


def test_id_keyed_changes_above_the_threshold_go_in_one_bulk_update():
    # Given 450 orders and a Bulk threshold of 300 records
    org, ids = _org_with_orders(450)
    writer = SalesforceWriter(org, state=InMemoryDesiredState(), settings=WriterSettings(bulk_threshold=300))
    # When all 450 are written / Then one Bulk API 2.0 update job writes them, not three Collections calls
    calls = org.api_calls
    results = writer.write([_status(order_id, 1) for order_id in ids])
    assert all(r.outcome is WriteOutcome.WRITTEN for r in results)
    assert org.api_calls - calls == BULK_INGEST_CALLS
    assert {(org.get_record("Order", i) or {}).get("Note__c") for i in ids} == {"v1"}
    # And at the threshold or under it, Collections (200 a call): 300 records are two calls
    calls = org.api_calls
    writer.write([_status(order_id, 2) for order_id in ids[:300]])
    assert org.api_calls - calls == 2


def test_a_bulk_update_reports_each_refused_record_and_writes_the_rest():
    # Given 5 orders, one of them deleted in Salesforce, and a threshold below the batch
    org, ids = _org_with_orders(5)
    org.delete_record("Order", ids[2])
    dead = _Letters()
    writer = SalesforceWriter(
        org, state=InMemoryDesiredState(), settings=WriterSettings(bulk_threshold=2), dead_letters=dead
    )
    results = writer.write([_status(order_id, 1) for order_id in ids])
    outcomes = {r.change.key: r.outcome for r in results}
    assert outcomes.pop(ids[2]) is WriteOutcome.REJECTED
    assert set(outcomes.values()) == {WriteOutcome.WRITTEN}
    [letter] = dead.letters
    assert letter.salesforce_order_id == ids[2] and "ENTITY_IS_DELETED" in letter.reason


def test_writer_thresholds_come_from_the_environment_and_bad_values_name_the_variable():
    settings = WriterSettings.from_environment(
        {"SFERP_WRITER_BULK_THRESHOLD": "5000", "SFERP_WRITER_DEFER_AT_SHARE": "0.7"}
    )
    assert (settings.bulk_threshold, settings.defer_at_share) == (5000, 0.7)
    assert WriterSettings.from_environment({}) == WriterSettings()
    for variable, value in (
        ("SFERP_WRITER_BULK_THRESHOLD", "lots"),
        ("SFERP_WRITER_BULK_THRESHOLD", "10"),  # below one Collections call
        ("SFERP_WRITER_DEFER_AT_SHARE", "1.5"),
    ):
        with pytest.raises(ConfigurationError, match=variable):
            WriterSettings.from_environment({variable: value})
