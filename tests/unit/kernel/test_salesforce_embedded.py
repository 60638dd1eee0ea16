"""EmbeddedSalesforceOrg: the in-memory org used by local runs, the demo and the tests."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sferp_tools.embedded_org import EmbeddedSalesforceOrg

from sferp.errors import (
    SalesforceNotFoundError,
    SalesforceRecordError,
    SalesforceRequestLimitError,
    SalesforceUnavailableError,
)
from sferp.models.records import ApiUsage, RecordUpdate
from sferp.order_handoff import names as handoff_names

ORDER_15 = "801000000000001"
ACCOUNT = "001000000000001AAA"
T0 = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def org(clock: Clock) -> EmbeddedSalesforceOrg:
    org = EmbeddedSalesforceOrg(clock=clock)
    org.add_order(
        ORDER_15,
        account_id=ACCOUNT,
        order_number="00000101",
        lines=[{"line_id": "L1", "product_code": "SKU-1", "quantity": "2", "unit_price": "9.5"}],
        version=2,
    )
    return org


def synced(order_id: str, number: str = "SO-1") -> RecordUpdate:
    return RecordUpdate(
        key=order_id,
        fields={
            handoff_names.SF_FIELD_SYNC_STATUS: "Synced",
            handoff_names.SF_FIELD_ERP_ORDER_NUMBER: number,
        },
    )


def test_get_order_returns_seeded_lines_with_18_char_ids(org: EmbeddedSalesforceOrg) -> None:
    # When a seeded order (given with its 15-character id) is fetched
    order = org.get_order(ORDER_15, version=2)
    # Then ids are normalised to 18 characters and the lines are there
    assert order.order_id == "801000000000001AAA"
    assert order.account_id == ACCOUNT
    assert [(line.product_code, line.quantity) for line in order.lines] == [("SKU-1", Decimal("2"))]
    # And it cost one API call
    assert org.api_calls == 1


def test_get_order_unknown_raises_not_found(org: EmbeddedSalesforceOrg) -> None:
    with pytest.raises(SalesforceNotFoundError):
        org.get_order("801000000000009AAA", version=1)


def test_update_records_applies_and_records_every_write(org: EmbeddedSalesforceOrg, clock: Clock) -> None:
    # Given two write-backs at different times
    org.update_records("Order", [synced(ORDER_15, "SO-1")])
    clock.now = T0 + timedelta(minutes=1)
    results = org.update_records("Order", [synced(ORDER_15, "SO-2")])
    # Then both writes are recorded in order with their time, and the record holds the last
    assert results[0].ok
    assert [
        (w.object, w.id, w.fields[handoff_names.SF_FIELD_ERP_ORDER_NUMBER], w.at) for w in org.writes
    ] == [
        ("Order", "801000000000001AAA", "SO-1", T0),
        ("Order", "801000000000001AAA", "SO-2", T0 + timedelta(minutes=1)),
    ]
    record = org.get_record("Order", ORDER_15)
    assert record is not None and record[handoff_names.SF_FIELD_ERP_ORDER_NUMBER] == "SO-2"
    assert record["SystemModstamp"] == T0 + timedelta(minutes=1)
    assert org.writes[0].to_dict()["at"] == "2026-11-29T08:00:00.000Z"


def test_unknown_and_deleted_records_fail_per_record(org: EmbeddedSalesforceOrg) -> None:
    # Given a second order that was deleted
    deleted = org.add_order("801000000000002AAA", account_id=ACCOUNT)
    org.delete_record("Order", deleted)
    # When a batch names the live order, an unknown one and the deleted one
    results = org.update_records("Order", [synced(ORDER_15), synced("801000000000009AAA"), synced(deleted)])
    # Then only the live order is written; the others fail without being retriable
    assert [r.ok for r in results] == [True, False, False]
    assert results[1].error is not None and results[1].error.startswith("NOT_FOUND")
    assert results[2].error is not None and results[2].error.startswith("ENTITY_IS_DELETED")
    assert not any(r.retriable for r in results)
    assert len(org.writes) == 1


def test_restricted_picklist_and_text_length_are_enforced(org: EmbeddedSalesforceOrg) -> None:
    results = org.update_records(
        "Order",
        [
            RecordUpdate(key=ORDER_15, fields={handoff_names.SF_FIELD_SYNC_STATUS: "Done"}),
            RecordUpdate(key=ORDER_15, fields={handoff_names.SF_FIELD_SYNC_MESSAGE: "x" * 256}),
        ],
    )
    # The two updates of one record are merged (as the real adapter does), so both carry its outcome
    assert [r.ok for r in results] == [False, False]
    assert results[0].error is not None and "RESTRICTED_PICKLIST" in results[0].error
    assert org.writes == []


def test_one_api_call_per_collections_chunk(org: EmbeddedSalesforceOrg) -> None:
    # Given 450 updates (most of them unknown ids)
    updates = [synced(f"801{i:015d}") for i in range(450)]
    # When they are sent
    results = org.update_records("Order", updates)
    # Then it counts three calls, like three sObject Collections requests of 200
    assert len(results) == 450
    assert org.api_calls == 3
    assert org.api_usage == ApiUsage(used=3, total=15000)


def test_api_usage_is_none_before_any_call_and_grows_from_the_start_value() -> None:
    org = EmbeddedSalesforceOrg(api_used_start=100)
    assert org.api_usage is None
    org.add_order("801000000000001AAA", account_id=ACCOUNT)
    org.get_order("801000000000001AAA", version=1)
    assert org.api_usage == ApiUsage(used=101, total=15000)


def test_error_rate_injects_both_retriable_errors_and_writes_nothing() -> None:
    # Given an org that always fails, with a seeded random generator
    org = EmbeddedSalesforceOrg(error_rate=1.0, rng=random.Random(3))
    org.add_order("801000000000001AAA", account_id=ACCOUNT)
    # When many calls are made
    seen = set()
    for _ in range(20):
        with pytest.raises((SalesforceUnavailableError, SalesforceRequestLimitError)) as caught:
            org.update_records("Order", [synced("801000000000001AAA")])
        seen.add(type(caught.value))
    # Then both kinds occurred and nothing was applied
    assert seen == {SalesforceUnavailableError, SalesforceRequestLimitError}
    assert org.writes == []


def test_error_rate_is_reproducible_with_the_same_seed() -> None:
    def outcomes(seed: int) -> list[bool]:
        org = EmbeddedSalesforceOrg(error_rate=0.5, rng=random.Random(seed))
        org.add_order("801000000000001AAA", account_id=ACCOUNT)
        result = []
        for _ in range(30):
            try:
                org.get_order("801000000000001AAA", version=1)
                result.append(True)
            except (SalesforceUnavailableError, SalesforceRequestLimitError):
                result.append(False)
        return result

    assert outcomes(11) == outcomes(11)
    assert True in outcomes(11) and False in outcomes(11)


def test_error_rate_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="error_rate"):
        EmbeddedSalesforceOrg(error_rate=1.5)


def test_bulk_query_filters_on_the_systemmodstamp_watermark(org: EmbeddedSalesforceOrg, clock: Clock) -> None:
    # Given one account changed before the watermark and one after, and one deleted after
    org.add_account("001000000000002AAA", Name="Old")
    clock.now = T0 + timedelta(hours=2)
    org.add_account("001000000000003AAA", Name="New", AnnualRevenue=Decimal("12.5"))
    gone = org.add_account("001000000000004AAA", Name="Gone")
    org.delete_record("Account", gone)
    soql = "SELECT Id, Name, AnnualRevenue, SystemModstamp FROM Account WHERE SystemModstamp > 2026-11-29T09:00:00Z"
    # When queried without and with deleted records
    live = list(org.bulk_query(soql))
    everything = list(org.bulk_query(soql, include_deleted=True))
    # Then only records after the watermark come back, as CSV strings like the real Bulk API
    assert live == [
        {
            "Id": "001000000000003AAA",
            "Name": "New",
            "AnnualRevenue": "12.5",
            "SystemModstamp": "2026-11-29T10:00:00.000Z",
        }
    ]
    assert {row["Id"] for row in everything} == {"001000000000003AAA", gone}
    assert org.api_calls == 6


def test_bulk_query_supports_string_and_null_conditions(org: EmbeddedSalesforceOrg) -> None:
    org.add_account("001000000000002AAA", Name="O'Neil", Phone=None)
    rows = list(org.bulk_query("SELECT Id FROM Account WHERE Name = 'O\\'Neil' AND Phone = null"))
    assert rows == [{"Id": "001000000000002AAA"}]


def test_bulk_query_refuses_what_it_cannot_evaluate(org: EmbeddedSalesforceOrg) -> None:
    with pytest.raises(SalesforceRecordError, match="MALFORMED_QUERY"):
        list(org.bulk_query("SELECT Id FROM Account ORDER BY Name"))


def test_bulk_upsert_by_external_id_creates_then_updates(org: EmbeddedSalesforceOrg) -> None:
    # Given a first upsert that creates two accounts
    first = org.bulk_upsert(
        "Account",
        "ERP_Customer_Number__c",
        [
            {"ERP_Customer_Number__c": "C-1", "Name": "Acme"},
            {"ERP_Customer_Number__c": "C-2", "Name": "Beta"},
        ],
    )
    # When the same key comes again with a new name, plus a record without a key
    second = org.bulk_upsert(
        "Account",
        "ERP_Customer_Number__c",
        [
            {"ERP_Customer_Number__c": "C-1", "Name": "Acme GmbH"},
            {"Name": "no key"},
        ],
    )
    # Then the first call created, the second updated the same record
    assert [r.ok for r in first] == [True, True]
    assert [(r.key, r.ok) for r in second] == [("C-1", True), ("", False)]
    rows = list(org.bulk_query("SELECT Id, Name FROM Account WHERE ERP_Customer_Number__c = 'C-1'"))
    assert len(rows) == 1 and rows[0]["Name"] == "Acme GmbH"
    assert [w.object for w in org.writes] == ["Account", "Account", "Account"]


def test_publish_event_is_kept_apart_from_record_writes(org: EmbeddedSalesforceOrg) -> None:
    org.publish_event("Order_Handoff__e", {"Order_Id__c": "801000000000001AAA"})
    assert [e.name for e in org.published_events] == ["Order_Handoff__e"]
    assert org.writes == []
    assert org.api_calls == 1


def test_concurrent_updates_lose_no_write(org: EmbeddedSalesforceOrg) -> None:
    # Given eight threads each writing 50 times
    def work(n: int) -> None:
        for i in range(50):
            org.update_records("Order", [synced(ORDER_15, f"SO-{n}-{i}")])

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Then every write was recorded and counted once
    assert len(org.writes) == 400
    assert org.api_calls == 400


def test_price_book_entries_follow_the_real_orgs_create_and_update_rules(org: EmbeddedSalesforceOrg) -> None:
    # Given the org's standard price book and a product
    [pricebook] = org.query("SELECT Id FROM Pricebook2 WHERE IsStandard = true")
    [product] = org.upsert_records("Product2", "ERP_SKU__c", [{"ERP_SKU__c": "MAT-1", "Name": "Material 1"}])
    assert product.ok
    [row] = org.query("SELECT Id, Name FROM Product2 WHERE ERP_SKU__c = 'MAT-1'")
    # When an entry is created without a price / for a product that does not exist / properly
    key = "ERP_Price_Key__c"
    base = {key: "MAT-1:EUR", "Pricebook2Id": pricebook["Id"], "CurrencyIsoCode": "EUR"}
    no_price, no_product, created = org.upsert_records(
        "PricebookEntry",
        key,
        [
            {**base, "Product2Id": row["Id"]},
            {**base, key: "X:EUR", "Product2Id": "01t000000000999AAA", "UnitPrice": 1},
            {**base, "Product2Id": row["Id"], "UnitPrice": 12.5},
        ],
    )
    assert no_price.error == "REQUIRED_FIELD_MISSING: Required fields are missing: [UnitPrice]"
    assert no_product.error is not None and no_product.error.startswith("FIELD_INTEGRITY_EXCEPTION")
    assert created.ok
    # Then an update may change the price but not the product, price book or currency
    [entry] = org.query("SELECT Id, UnitPrice FROM PricebookEntry WHERE ERP_Price_Key__c = 'MAT-1:EUR'")
    [moved] = org.update_records(
        "PricebookEntry", [RecordUpdate(key=entry["Id"], fields={"Product2Id": row["Id"]})]
    )
    assert moved.error == "INVALID_FIELD_FOR_INSERT_UPDATE: Unable to create/update fields: Product2Id"
    [priced] = org.update_records("PricebookEntry", [RecordUpdate(key=entry["Id"], fields={"UnitPrice": 13})])
    assert priced.ok
    [again] = org.upsert_records(
        "PricebookEntry", key, [{key: "MAT-1:EUR", "CurrencyIsoCode": "USD", "UnitPrice": 1}]
    )
    assert again.error is not None and "CurrencyIsoCode" in again.error


def test_a_rest_query_costs_one_call_per_page_of_2000(org: EmbeddedSalesforceOrg) -> None:
    for n in range(2500):
        org.add_record("Product2", Name=f"P{n}", IsActive=True)
    calls = org.api_calls
    assert len(org.query("SELECT Id FROM Product2 WHERE IsActive = true")) == 2500
    assert org.api_calls - calls == 2
