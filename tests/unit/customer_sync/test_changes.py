"""ChangeEventHeader semantics on real-shaped AccountChangeEvent payloads, as Event Relay puts
them into an EventBridge event's ``detail`` (fields under ``payload``, header inside it)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from sferp.customer_sync.changes import ChangeType, is_echo, parse_account_change
from sferp.errors import InvalidEventError
from sferp.models.entities import ACCOUNTS, Owner

A1, A2 = "001000000000001AAA", "001000000000002AAA"
INTEGRATION_USER = "005000000000009AAA"
# The Account fields Salesforce owns, to ERP attributes: the reconciliation's ownership map
OWNED = {f.salesforce: f.erp for f in ACCOUNTS.fields if f.owner is Owner.SALESFORCE and f.salesforce != "Id"}
ERP_OWNED = frozenset(f.salesforce for f in ACCOUNTS.fields if f.owner is Owner.ERP)


def header(change_type: str, *records: str, **overrides: Any) -> dict[str, Any]:
    return {
        "entityName": "Account",
        "recordIds": list(records),
        "changeType": change_type,
        "changeOrigin": "com/salesforce/api/soap/63.0;client=SfdcInternalAPI/",
        "transactionKey": "0002343d-9d90-e395-ed20-cf416ba652ad",
        "sequenceNumber": 1,
        "commitTimestamp": 1764576000000,
        "commitNumber": 10960550405098,
        "commitUser": "005000000000001AAA",
        "changedFields": [],
        "nulledFields": [],
        "diffFields": [],
        **overrides,
    }


def detail(change_header: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"payload": {"ChangeEventHeader": change_header, **fields}}


def test_a_create_carries_every_field_with_compound_addresses_flattened() -> None:
    [change] = parse_account_change(
        detail(
            header("CREATE", A1),
            Name="Acme GmbH",
            BillingAddress={
                "Street": "Hauptstr. 1",
                "City": "Berlin",
                "PostalCode": "10115",
                "CountryCode": "DE",
            },
            Phone="+49 30 1",
            OwnerId="005000000000001AAA",
        )
    )
    assert change.header.change_type is ChangeType.CREATE and change.account_id == A1
    assert change.header.commit_timestamp == datetime(2025, 12, 1, 8, 0, tzinfo=UTC)
    assert change.owned_changes(OWNED) == {
        "name": "Acme GmbH",
        "street": "Hauptstr. 1",
        "city": "Berlin",
        "postal_code": "10115",
        "country": "DE",
        "phone": "+49 30 1",
    }
    assert not change.reread


def test_an_update_counts_only_the_fields_the_header_names_and_their_parts() -> None:
    [change] = parse_account_change(
        detail(
            header(
                "UPDATE",
                A1,
                changedFields=["BillingAddress.City", "LastModifiedDate", "Phone"],
                nulledFields=["Phone"],
            ),
            BillingAddress={"City": "Leipzig"},
            LastModifiedDate="2025-12-01T08:00:00.000Z",
        )
    )
    # The city changed, the phone was cleared (absent from the payload, named in nulledFields)
    assert change.owned_changes(OWNED) == {"city": "Leipzig", "phone": None}
    assert change.touched == {"BillingCity", "LastModifiedDate", "Phone"}


def test_one_event_for_several_records_is_one_change_each_with_its_own_identity() -> None:
    changes = parse_account_change(
        detail(header("UPDATE", A1, A2, changedFields=["Phone"]), Phone="+1 555 0100")
    )
    assert [c.account_id for c in changes] == [A1, A2]
    assert all(c.owned_changes(OWNED) == {"phone": "+1 555 0100"} for c in changes)
    assert changes[0].identity != changes[1].identity
    # A redelivery of the same event has the same identities (idempotency on the change)
    again = parse_account_change(
        detail(header("UPDATE", A1, A2, changedFields=["Phone"]), Phone="+1 555 0100")
    )
    assert [c.identity for c in again] == [c.identity for c in changes]


def test_record_ids_are_normalised_to_18_characters() -> None:
    [change] = parse_account_change(detail(header("DELETE", "001000000000001")))
    assert change.account_id == A1
    assert change.values == {} and change.owned_changes(OWNED) == {}


@pytest.mark.parametrize("gap", ["GAP_CREATE", "GAP_UPDATE", "GAP_DELETE", "GAP_UNDELETE"])
def test_gap_events_carry_no_data_and_ask_for_a_re_read(gap: str) -> None:
    [change] = parse_account_change(detail(header(gap, A1), Name="ignored"))
    assert change.reread and change.values == {} and change.header.change_type.is_gap


def test_an_overflow_names_no_record() -> None:
    assert parse_account_change(detail(header("GAP_OVERFLOW"))) == []


def test_a_diff_field_is_never_taken_as_a_value() -> None:
    [change] = parse_account_change(
        detail(
            header("UPDATE", A1, changedFields=["Description"], diffFields=["Description"]),
            Description="@@ -1 +1 @@",
        )
    )
    assert change.reread and "Description" not in change.values


def test_echoes_are_recognised() -> None:
    mine = parse_account_change(
        detail(header("UPDATE", A1, commitUser=INTEGRATION_USER, changedFields=["Name"]), Name="X")
    )[0]
    erp_values = parse_account_change(
        detail(
            header("UPDATE", A1, changedFields=["Credit_Limit__c", "LastModifiedDate"]), Credit_Limit__c=5000
        )
    )[0]
    a_user = parse_account_change(detail(header("UPDATE", A1, changedFields=["Name"]), Name="Y"))[0]
    assert is_echo(mine, integration_user_id=INTEGRATION_USER[:15], erp_owned=ERP_OWNED)
    assert is_echo(erp_values, integration_user_id=INTEGRATION_USER, erp_owned=ERP_OWNED)
    assert not is_echo(a_user, integration_user_id=INTEGRATION_USER, erp_owned=ERP_OWNED)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"commitTimestamp": 1764576000}, "looks like epoch seconds"),
        ({"commitTimestamp": "2025-12-01T08:00:00Z"}, "epoch milliseconds"),
        ({"changeType": "SNAPSHOT"}, "unknown changeType"),
        ({"recordIds": ["001*"]}, "wildcard"),
        ({"recordIds": []}, "without record ids"),
        ({"recordIds": ["001000000000001AA\n"]}, "recordIds holds"),
        ({"entityName": "Contact"}, "not Account"),
        ({"transactionKey": ""}, "transactionKey"),
        ({"commitNumber": "10960550405098"}, "commitNumber must be an integer"),
    ],
)
def test_what_cannot_be_understood_is_rejected_with_the_reason(
    overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidEventError, match=message):
        parse_account_change(detail(header("UPDATE", A1, **overrides)))


def test_an_unknown_part_of_a_compound_field_is_rejected() -> None:
    with pytest.raises(InvalidEventError, match="unknown part 'Planet'"):
        parse_account_change(
            detail(
                header("UPDATE", A1, changedFields=["BillingAddress.Planet"]),
                BillingAddress={"Planet": "Mars"},
            )
        )
