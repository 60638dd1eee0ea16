"""The write queue: flows' changes packed onto a standard queue, one writer function writing a
whole batching window's changes at once, order-safe whatever SQS duplicates or reorders, every
refused record and unreadable message kept with its reason, deferred changes back by themselves."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sferp_tools.embedded_org import EmbeddedSalesforceOrg
from sferp_tools.fakes import InMemoryStandardQueue

from sferp.ports.desired_state import InMemoryDesiredState
from sferp.ports.queues import DeadLetter, DeadLetterQueue
from sferp.salesforce_writer import (
    RecordChange,
    SalesforceWriter,
    WriteOutcome,
    WriterSettings,
    change_from_json,
    change_to_json,
)
from sferp.write_queue import names as queue_names
from sferp.write_queue.processor import WriteQueueProcessor, read_message
from sferp.write_queue.sender import QueuedWriter, pack


class _Letters(DeadLetterQueue):
    def __init__(self) -> None:
        self.letters: list[DeadLetter] = []

    def send(self, letter: DeadLetter) -> None:
        self.letters.append(letter)


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _setup(org: EmbeddedSalesforceOrg, **writer_settings):
    clock = _Clock()
    queue = InMemoryStandardQueue(clock)
    letters = _Letters()
    writer = SalesforceWriter(
        org,
        state=InMemoryDesiredState(),
        dead_letters=letters,
        settings=WriterSettings(**writer_settings) if writer_settings else None,
    )
    processor = WriteQueueProcessor(writer=writer, queue=queue, dead_letters=letters)
    return clock, queue, letters, processor


def _status(order_id: str, version: int, *, urgent: bool = True, **extra) -> RecordChange:
    return RecordChange(
        "Order", order_id, {"Note__c": f"v{version}", **extra}, version, urgent=urgent, flow="erp_status"
    )


def test_a_change_keeps_its_values_types_through_the_queue():
    change = RecordChange(
        "PricebookEntry",
        "MAT-1:EUR",
        {
            "UnitPrice": Decimal("19.90"),
            "Valid_From__c": date(2026, 12, 1),
            "Changed_At__c": datetime(2026, 12, 1, 8, 30, tzinfo=UTC),
            "IsActive": True,
            "Quantity__c": 3,
            "Note__c": None,
        },
        1764577800000,
        key_field="ERP_Price_Key__c",
        urgent=False,
        flow="erp_status",
        reference="m-1",
    )
    again = change_from_json(json.loads(json.dumps(change_to_json(change))))
    assert again == change
    assert isinstance(again.fields["UnitPrice"], Decimal)


def test_a_value_that_is_no_field_value_is_refused_with_the_field_named():
    with pytest.raises(TypeError, match="field Tags__c"):
        change_to_json(RecordChange("Order", "801x", {"Tags__c": {"a", "b"}}, 1))


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("not json", "not JSON"),
        ("[1]", "not a JSON object"),
        ('{"v": 9, "changes": []}', "format 9"),
        ('{"v": 1, "changes": []}', "non-empty list"),
        ('{"v": 1, "changes": [{"sobject": "Order", "fields": {}, "version": 1}]}', "without 'key'"),
        ('{"sobject": "Order", "key": "1", "fields": {"a b": 1}, "version": 1}', "not a Salesforce API name"),
        ('{"sobject": "Order", "key": "1", "fields": {}, "version": "1"}', "version is an integer"),
        (
            '{"sobject": "Order", "key": "1", "fields": {"X__c": {"$float": "1"}}, "version": 1}',
            "not a field value",
        ),
    ],
)
def test_a_message_that_cannot_be_read_says_why(body, reason):
    with pytest.raises(ValueError, match=reason):
        read_message(body)


def test_changes_are_packed_a_hundred_a_message_and_sent_ten_messages_a_call():
    changes = [_status(f"801{n:015d}", 1) for n in range(250)]
    bodies = pack(changes)
    assert [len(json.loads(b)["changes"]) for b in bodies] == [100, 100, 50]
    assert all(len(b) <= queue_names.MAX_BODY_BYTES for b in bodies)
    queue = InMemoryStandardQueue()
    results = QueuedWriter(queue).write(changes)
    assert {r.outcome for r in results} == {WriteOutcome.QUEUED}
    assert len(queue) == 3 and queue.sends == 1


def test_a_change_larger_than_a_message_is_refused_before_anything_is_sent():
    with pytest.raises(ValueError, match="more than a message holds"):
        pack([_status("801x", 1, Big__c="x" * queue_names.MAX_BODY_BYTES)])


def test_the_queue_not_taking_the_changes_is_retry_for_every_one():
    queue = InMemoryStandardQueue()
    queue.fail_next = "AWS.SimpleQueueService.NonExistentQueue"
    results = QueuedWriter(queue).write([_status("801a", 1), _status("801b", 1)])
    assert [r.outcome for r in results] == [WriteOutcome.RETRY, WriteOutcome.RETRY]
    assert results[0].error_code == "QUEUE_UNAVAILABLE" and "NonExistentQueue" in (results[0].message or "")


def test_a_window_of_many_small_sends_is_written_in_few_calls():
    # Given 1,000 orders whose changes arrive from 100 flow batches of 10 (a FIFO batch each)
    org = EmbeddedSalesforceOrg()
    ids = [org.add_record("Order", Note__c=None) for _ in range(1000)]
    _, queue, _, processor = _setup(org)
    sender = QueuedWriter(queue)
    for start in range(0, 1000, 10):
        sender.write([_status(i, 1) for i in ids[start : start + 10]])
    # When the writer function takes the window's messages in one batch
    calls = org.api_calls
    answer = processor.process({"Records": queue.take(limit=queue_names.BATCH_SIZE)})
    # Then 1,000 records cost 5 Salesforce calls (200 a call), not 100
    assert answer == {"batchItemFailures": []}
    assert org.api_calls - calls == 5
    assert {org.get_record("Order", i)["Note__c"] for i in ids} == {"v1"}


def test_duplicated_and_reordered_messages_never_put_an_older_state_over_a_newer_one():
    # Given 40 orders with versions 1..5 each, every message sent twice, delivered shuffled over
    # several invocations (a standard queue promises neither order nor once)
    org = EmbeddedSalesforceOrg()
    ids = [org.add_record("Order", Note__c=None) for _ in range(40)]
    _, queue, _, processor = _setup(org)
    changes = [_status(i, v) for i in ids for v in range(1, 6)]
    random.Random(5).shuffle(changes)
    sender = QueuedWriter(queue)
    for start in range(0, len(changes), 7):
        sender.write(changes[start : start + 7])
        sender.write(changes[start : start + 7])
    records = queue.take()
    random.Random(6).shuffle(records)
    for start in range(0, len(records), 9):
        processor.process({"Records": records[start : start + 9]})
    # Then every order shows version 5, and no write went back in version
    assert {org.get_record("Order", i)["Note__c"] for i in ids} == {"v5"}
    last: dict[str, int] = {}
    for write in org.writes:
        version = int(write.fields["Note__c"][1:])
        assert version >= last.get(write.id, 0), write
        last[write.id] = version


def test_a_refused_record_is_dead_lettered_with_salesforces_reason_and_a_redrive_writes_it():
    # Given three orders in one message, one deleted in Salesforce
    org = EmbeddedSalesforceOrg()
    ids = [org.add_record("Order", Note__c=None) for _ in range(3)]
    org.delete_record("Order", ids[1])
    _, queue, letters, processor = _setup(org)
    QueuedWriter(queue).write([_status(i, 1) for i in ids])
    # When written
    answer = processor.process({"Records": queue.take()})
    # Then the message is done (retrying cannot help), the other two are written, and the refused
    # change is in the DLQ with Salesforce's code, the flow that sent it and what was to be written
    assert answer == {"batchItemFailures": []}
    assert [org.get_record("Order", i)["Note__c"] for i in (ids[0], ids[2])] == ["v1", "v1"]
    [letter] = letters.letters
    assert letter.reason.startswith("Salesforce rejected the write: ENTITY_IS_DELETED")
    assert json.loads(letter.body)["flow"] == "erp_status"
    assert processor.last_outcome.count(WriteOutcome.REJECTED) == 1
    # And once the record is back (undeleted), redriving the dead letter to the queue writes it
    org.undelete_record("Order", ids[1])
    queue.send_bodies([letter.body])
    assert processor.process({"Records": queue.take()}) == {"batchItemFailures": []}
    assert org.get_record("Order", ids[1])["Note__c"] == "v1"


def test_an_unreadable_message_is_dead_lettered_and_the_rest_are_written():
    org = EmbeddedSalesforceOrg()
    [order] = [org.add_record("Order", Note__c=None)]
    _, queue, letters, processor = _setup(org)
    queue.send_bodies(["{broken"])
    QueuedWriter(queue).write([_status(order, 1)])
    answer = processor.process({"Records": queue.take()})
    assert answer == {"batchItemFailures": []}
    assert org.get_record("Order", order)["Note__c"] == "v1"
    [letter] = letters.letters
    assert (
        letter.body == "{broken"
        and letter.reason == "not a write-queue message: the message body is not JSON"
    )


def test_a_retriable_failure_fails_the_message_and_its_retry_writes():
    # Given an org refusing every call (503)
    org = EmbeddedSalesforceOrg(error_rate=1.0)
    [order] = [org.add_record("Order", Note__c=None)]
    _, queue, letters, processor = _setup(org)
    QueuedWriter(queue).write([_status(order, 1)])
    records = queue.take()
    # When written / Then the message fails for SQS to give it again; nothing is dead-lettered
    answer = processor.process({"Records": records})
    assert answer == {"batchItemFailures": [{"itemIdentifier": records[0]["messageId"]}]}
    assert letters.letters == []
    # And once Salesforce answers, the retry writes it
    org.error_rate = 0.0
    queue.give_back(records)
    assert processor.process({"Records": queue.take()}) == {"batchItemFailures": []}
    assert org.get_record("Order", order)["Note__c"] == "v1"


def test_near_the_api_limit_non_urgent_changes_come_back_later_by_themselves():
    # Given an org at 85 % of its daily limit and the guard at 80 %
    org = EmbeddedSalesforceOrg(api_total=10_000, api_used_start=8_500)
    ids = [org.add_record("Order", Note__c=None) for _ in range(2)]
    clock, queue, _, processor = _setup(org, defer_at_share=0.8)
    QueuedWriter(queue).write([_status(ids[0], 1)])
    processor.process({"Records": queue.take()})  # a first call reads Sforce-Limit-Info
    # When an urgent and a non-urgent change arrive together
    QueuedWriter(queue).write([_status(ids[0], 2), _status(ids[1], 1, urgent=False)])
    answer = processor.process({"Records": queue.take()})
    # Then the urgent one is written, the other is back on the queue for 15 minutes (the message done)
    assert answer == {"batchItemFailures": []}
    assert org.get_record("Order", ids[0])["Note__c"] == "v2"
    assert org.get_record("Order", ids[1])["Note__c"] is None
    assert processor.last_outcome.requeued == 1
    assert queue.take() == []  # not visible yet
    # And once the window moved on and usage fell, it comes back and is written
    org.set_api_used(0)
    clock.now += timedelta(seconds=queue_names.DEFER_DELAY_S)
    QueuedWriter(queue).write([_status(ids[0], 3)])  # the next call reads the lower usage
    processor.process({"Records": queue.take()})
    clock.now += timedelta(seconds=1)
    processor.process({"Records": queue.take()})
    assert org.get_record("Order", ids[1])["Note__c"] == "v1"
