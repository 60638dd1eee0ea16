"""The writer's desired-state store on DynamoDB (moto): the same guarantees as the in-memory one,
and a claim that loses a race on the item's revision re-reads instead of overwriting."""

from __future__ import annotations

import random

import boto3
import pytest
from moto import mock_aws
from sferp_tools.embedded_org import EmbeddedSalesforceOrg

from sferp.adapters.aws.desired_state import DesiredStateConflictError, DynamoDesiredState
from sferp.ports.desired_state import Claim
from sferp.salesforce_writer import RecordChange, SalesforceWriter, WriteOutcome


@pytest.fixture
def store():  # type: ignore[no-untyped-def]
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName="state",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        yield DynamoDesiredState("state", client)


def test_claims_keep_the_newest_version_per_field(store) -> None:  # type: ignore[no-untyped-def]
    # Given version 5 of a status and version 2 of a number claimed
    assert store.claim([Claim("Order/Id/801A", {"status": (5, "Shipped"), "number": (2, "4711")})]) == {
        "Order/Id/801A": {"status": (5, "Shipped"), "number": (2, "4711")}
    }
    # When an older status and a newer number are claimed
    granted = store.claim([Claim("Order/Id/801A", {"status": (3, "Open"), "number": (4, "4712")})])
    # Then only the number is granted, and the store holds the newest of each
    assert granted == {"Order/Id/801A": {"number": (4, "4712")}}
    assert store.newest(["Order/Id/801A", "Order/Id/none"]) == {
        "Order/Id/801A": {"status": (5, "Shipped"), "number": (4, "4712")},
        "Order/Id/none": {},
    }


def test_a_claim_that_loses_the_revision_race_reads_again(store) -> None:  # type: ignore[no-untyped-def]
    # Given another writer that claims a newer version between this claim's read and its write
    store.claim([Claim("Order/Id/801B", {"status": (1, "Open")})])
    real_put = store._put
    raced: list[bool] = []

    def put_after_a_rival(record, revision, fields):  # type: ignore[no-untyped-def]
        if not raced:
            raced.append(True)
            assert real_put(record, revision, {"status": (9, "Invoiced")})
        return real_put(record, revision, fields)

    store._put = put_after_a_rival
    # When this writer claims version 4 / Then it re-reads, sees 9, and is granted nothing
    assert store.claim([Claim("Order/Id/801B", {"status": (4, "Shipped")})]) == {"Order/Id/801B": {}}
    assert store.newest(["Order/Id/801B"])["Order/Id/801B"] == {"status": (9, "Invoiced")}


def test_an_item_that_keeps_changing_is_a_retriable_error(store) -> None:  # type: ignore[no-untyped-def]
    store._put = lambda record, revision, fields: False  # every conditional write loses
    with pytest.raises(DesiredStateConflictError):
        store.claim([Claim("Order/Id/801C", {"status": (1, "Open")})])


def test_the_writer_on_dynamodb_leaves_the_newest_state(store) -> None:  # type: ignore[no-untyped-def]
    # Given 120 orders (more than one BatchGetItem) and shuffled, duplicated versions
    org = EmbeddedSalesforceOrg()
    ids = [org.add_record("Order") for _ in range(120)]
    changes = [
        RecordChange("Order", i, {"Note__c": f"v{v}"}, v, flow="erp_status") for i in ids for v in (1, 2, 3)
    ] * 2
    random.Random(8).shuffle(changes)
    writer = SalesforceWriter(org, state=store)
    # When written in batches / Then every order ends at v3
    results = []
    for start in range(0, len(changes), 250):
        results += writer.write(changes[start : start + 250])
    assert {org.get_record("Order", i)["Note__c"] for i in ids} == {"v3"}
    assert {r.outcome for r in results} <= {WriteOutcome.WRITTEN, WriteOutcome.SUPERSEDED}
