"""The writer function as Lambda runs it, against moto (the write queue, its DLQ and the
desired-state table from their specs) and the embedded org: flows' changes sent through SQS in
many small messages are written in one window's calls; a refused record and an unreadable message
land in the write DLQ with their reasons as SQS message attributes; a redrive of the DLQ writes."""

from __future__ import annotations

import json

import boto3
import pytest
from moto import mock_aws
from sferp_tools.embedded_org import EmbeddedSalesforceOrg
from sferp_tools.local.environment import MOTO_ENV, environment
from sferp_tools.local.write_queue import LocalWriteQueue

from sferp.adapters.aws.sqs import SqsStandardSender
from sferp.ports.queues import REASON_ATTRIBUTE
from sferp.salesforce_writer import RecordChange, WriteOutcome
from sferp.write_queue.sender import QueuedWriter


@pytest.fixture
def writer():  # type: ignore[no-untyped-def]
    org = EmbeddedSalesforceOrg()
    with environment(MOTO_ENV), mock_aws():
        session = boto3.session.Session(region_name=MOTO_ENV["AWS_REGION"])
        local = LocalWriteQueue(session=session, org=org)
        try:
            yield local, org, session.client("sqs")
        finally:
            local.close()


def _change(order_id: str, version: int) -> RecordChange:
    return RecordChange(
        "Order", order_id, {"Note__c": f"v{version}"}, version, flow="erp_status", reference="m-1"
    )


def test_many_small_sends_are_one_window_and_few_calls(writer) -> None:  # type: ignore[no-untyped-def]
    local, org, sqs = writer
    ids = [org.add_record("Order", Note__c=None) for _ in range(400)]
    sender = QueuedWriter(SqsStandardSender(local.queue.url, sqs))
    # Given 40 flow batches of 10 orders each, their second version after the first
    for version in (1, 2):
        for start in range(0, 400, 10):
            results = sender.write([_change(i, version) for i in ids[start : start + 10]])
            assert {r.outcome for r in results} == {WriteOutcome.QUEUED}
    # When the window closes
    calls = org.api_calls
    local.drain()
    # Then one invocation wrote 400 records in 2 calls (200 a call), each at its newest version
    assert local.invocations == 1
    assert org.api_calls - calls == 2
    assert {org.get_record("Order", i)["Note__c"] for i in ids} == {"v2"}


def test_refused_and_unreadable_messages_keep_their_reasons_and_a_redrive_writes(writer) -> None:  # type: ignore[no-untyped-def]
    local, org, sqs = writer
    ids = [org.add_record("Order", Note__c=None) for _ in range(2)]
    org.delete_record("Order", ids[0])
    QueuedWriter(SqsStandardSender(local.queue.url, sqs)).write([_change(i, 1) for i in ids])
    sqs.send_message(QueueUrl=local.queue.url, MessageBody='{"v": 1, "changes": "all"}')
    local.drain()
    assert org.get_record("Order", ids[1])["Note__c"] == "v1"
    letters = sqs.receive_message(
        QueueUrl=local.dlq_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"]
    )["Messages"]
    reasons = sorted(m["MessageAttributes"][REASON_ATTRIBUTE]["StringValue"] for m in letters)
    assert reasons[0] == "Salesforce rejected the write: ENTITY_IS_DELETED: entity is deleted"
    assert reasons[1] == "not a write-queue message: the message's changes are not a non-empty list"
    # And once the Order is restored, redriving its dead letter writes it
    [refused] = [
        m for m in letters if "ENTITY_IS_DELETED" in m["MessageAttributes"][REASON_ATTRIBUTE]["StringValue"]
    ]
    assert json.loads(refused["Body"])["flow"] == "erp_status"
    org.undelete_record("Order", ids[0])
    sqs.send_message(QueueUrl=local.queue.url, MessageBody=refused["Body"])
    local.drain()
    assert org.get_record("Order", ids[0])["Note__c"] == "v1"
