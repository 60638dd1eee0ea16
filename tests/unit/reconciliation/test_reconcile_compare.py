"""The compare engine on generated exports with planted drift of every class."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
from sferp_tools.synthetic.reconciliation import ERP_COLUMNS, SALESFORCE_COLUMNS, Drift, generate_accounts

from sferp.models.entities import ACCOUNTS, ORDERS, PRODUCTS, Owner
from sferp.reconciliation.compare import (
    ReconcileResult,
    compare_partition,
    compare_partition_reference,
    merge_results,
    reconcile_files,
)
from sferp.reconciliation.csv_io import MalformedRowError, MissingColumnError, split_export
from sferp.reconciliation.rules import Reason, Rules

ROWS = 4000
DRIFT = 0.05  # 200 drifted records, every kind planted 18 times or more


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory):
    directory = tmp_path_factory.mktemp("exports")
    sf, erp = directory / "sf.csv", directory / "erp.csv"
    planted = generate_accounts(sf, erp, ROWS, DRIFT, seed=11)
    return sf, erp, planted


def test_every_planted_class_is_found_with_exact_counts(exports):
    # Given exports with planted drift of every kind
    sf, erp, planted = exports
    assert set(planted.drift) == set(Drift)
    # When the engine compares them in-process
    outcome = reconcile_files("accounts", sf, erp, Rules(), partitions=3, workers=1)
    result = outcome.result
    # Then every class, fix and review count is exactly the planted one
    assert {k: v for k, v in result.counts.items() if v} == dict(planted.counts)
    assert len(result.salesforce_fixes) == planted.salesforce_fixes
    assert len(result.erp_fixes) == planted.erp_fixes
    assert len(result.review) == planted.review
    assert result.format_only == planted.format_only
    assert (outcome.salesforce_rows, outcome.erp_rows) == (planted.salesforce_rows, planted.erp_rows)
    # And the review reasons are the ones each planted kind calls for
    reasons = Counter(item.reason for item in result.review)
    per_kind = planted.drift
    assert reasons == {
        Reason.ONLY_IN_SALESFORCE: per_kind[Drift.ORPHAN],
        Reason.DELETED_ON_ONE_SIDE: per_kind[Drift.SF_DELETED],
        Reason.DELETE_VS_UPDATE: per_kind[Drift.ERP_DELETED_VS_UPDATE],
        Reason.WITHIN_CLOCK_SKEW: per_kind[Drift.SHARED_SKEW],
        Reason.FIX_FAILS_VALIDATION: per_kind[Drift.INVALID_FIX],
        Reason.DUPLICATE_KEY: per_kind[Drift.DUPLICATE_KEY],
    }


def test_fixes_carry_the_owners_values(exports):
    # Given the planted exports
    sf, erp, _ = exports
    # When compared
    result = reconcile_files("accounts", sf, erp, Rules(), workers=1).result
    # Then ERP fixes carry Salesforce-owned values and Salesforce fixes ERP-owned ones
    erp_fields = Counter(name for fix in result.erp_fixes for name in fix.fields)
    sf_fields = Counter(name for fix in result.salesforce_fixes for name in fix.fields)
    assert set(erp_fields) == {"name", "billing_email", "city"}
    assert {"Credit_Limit__c", "Payment_Terms__c", "Name", "ERP_Customer_Number__c"} <= set(sf_fields)
    created = [fix for fix in result.salesforce_fixes if fix.key.startswith("X")]
    assert created and all(fix.fields["ERP_Customer_Number__c"] == fix.key for fix in created)
    assert all("Id" not in fix.fields for fix in created)


def test_partitioned_result_equals_single_partition_result(exports):
    # Given the same exports
    sf, erp, _ = exports
    # When compared as one partition, as seven, and as seven across two worker processes
    single = reconcile_files("accounts", sf, erp, Rules(), engine="reference", partitions=1, workers=1).result
    seven = reconcile_files("accounts", sf, erp, Rules(), engine="reference", partitions=7, workers=1).result
    pooled = reconcile_files("accounts", sf, erp, Rules(), engine="reference", partitions=7, workers=2).result
    columnar = reconcile_files("accounts", sf, erp, Rules()).result
    # Then everything but the partition count is identical, and the columnar engine agrees
    expected = single.to_dict() | {"partitions": 7}
    assert seven.to_dict() == expected
    assert pooled.to_dict() == expected
    assert columnar.to_dict() == single.to_dict()


def test_partial_results_round_trip_through_json_and_merge(exports, tmp_path: Path):
    # Given partition files as the Step Functions extract would write them
    sf, erp, _ = exports
    sf_stats = split_export(ACCOUNTS, Owner.SALESFORCE, sf, tmp_path, 4)
    erp_stats = split_export(ACCOUNTS, Owner.ERP, erp, tmp_path, 4)
    # When each partition is compared on its own and the partial results travel as JSON
    partials = [
        ReconcileResult.from_dict(compare_partition("accounts", a, b, Rules()).to_dict())
        for a, b in zip(sf_stats.paths, erp_stats.paths, strict=True)
    ]
    merged = merge_results(partials)
    # Then the merge equals the local pipeline's result (one columnar pass, so one "partition"),
    # and each partition equals the reference engine's result for it
    local = reconcile_files("accounts", sf, erp, Rules()).result
    assert merged.to_dict() == local.to_dict() | {"partitions": 4}
    for a, b in zip(sf_stats.paths, erp_stats.paths, strict=True):
        assert compare_partition("accounts", a, b, Rules()) == compare_partition_reference(
            "accounts", a, b, Rules()
        )


def test_merge_refuses_mixed_entities():
    # Given partial results of two entities / Then merging them is an error
    with pytest.raises(ValueError, match="different entities"):
        merge_results([ReconcileResult(entity="accounts"), ReconcileResult(entity="orders")])


def _write(path: Path, header: tuple[str, ...] | list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(header), restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _account(number: str, **overrides: str) -> tuple[dict[str, str], dict[str, str]]:
    sf = {
        "Id": "001000000000001AAA",
        "IsDeleted": "false",
        "Name": "Acme GmbH",
        "BillingStreet": "Main St 1",
        "BillingCountryCode": "DE",
        "ERP_Customer_Number__c": number,
        "Credit_Limit__c": "1000",
        "Payment_Terms__c": "NT30",
        "LastModifiedDate": "2024-05-01T10:00:00.000Z",
        "SystemModstamp": "2024-05-01T10:00:00.000Z",
    }
    erp = {
        "customer_number": number,
        "salesforce_account_id": "001000000000001AAA",
        "name": "Acme GmbH",
        "street": "Main St 1",
        "country": "DE",
        "credit_limit": "1000",
        "payment_terms": "NT30",
        "changed_at": "2024-05-01 10:00:00",
        "deleted": "false",
    }
    for key, value in overrides.items():
        side, column = key.split("__", 1)
        (sf if side == "sf" else erp)[column] = value
    return sf, erp


def test_values_with_separators_newlines_and_quotes_survive(tmp_path: Path):
    # Given equal values full of CSV and partition-format specials, and a street that differs
    special = 'Acme "Best"\tGmbH\x1f, Ltd'
    sf1, erp1 = _account("C1", sf__Name=special, erp__name=special)
    sf2, erp2 = _account("C2", sf__BillingStreet="Main St 1\nSuite 5\\b", erp__street="Main St 1")
    sf = _write(tmp_path / "sf.csv", SALESFORCE_COLUMNS, [sf1, sf2])
    erp = _write(tmp_path / "erp.csv", ERP_COLUMNS, [erp1, erp2])
    # When compared
    result = reconcile_files("accounts", sf, erp, Rules(), workers=1).result
    # Then the equal record is in sync and the fix keeps the two-line street verbatim
    assert result.counts["in_sync"] == 1 and result.counts["field_conflict"] == 1
    assert [fix.fields for fix in result.erp_fixes] == [{"street": "Main St 1\nSuite 5\\b"}]


def test_duplicate_live_keys_go_to_review_and_queryall_twins_do_not(tmp_path: Path):
    # Given two live Salesforce accounts with one customer number, and a deleted twin of another
    sf_a, erp_a = _account("C1")
    sf_b, erp_b = _account("C2")
    dup = dict(sf_a, Id="001000000000002AAA", Name="Acme Copy")
    twin = dict(sf_b, Id="001000000000003AAA", IsDeleted="true", Name="Old")
    sf = _write(tmp_path / "sf.csv", SALESFORCE_COLUMNS, [sf_a, dup, twin, sf_b])
    erp = _write(tmp_path / "erp.csv", ERP_COLUMNS, [erp_a, erp_b])
    # When compared
    result = reconcile_files("accounts", sf, erp, Rules(), workers=1).result
    # Then the duplicate is reviewed (no fix could be placed safely) and the twin is ignored
    assert dict(result.counts) == {"duplicate_key": 1, "in_sync": 1}
    assert [(r.key, r.reason) for r in result.review] == [("C1", Reason.DUPLICATE_KEY)]
    assert not result.salesforce_fixes and not result.erp_fixes


def test_deleted_on_one_side_and_absent_on_the_other_is_in_sync(tmp_path: Path):
    # Given a record deleted in Salesforce the ERP never had, and one deleted on both sides
    sf_gone, _ = _account("C1", sf__IsDeleted="true")
    sf_both, erp_both = _account("C2", sf__IsDeleted="true", erp__deleted="1")
    sf = _write(tmp_path / "sf.csv", SALESFORCE_COLUMNS, [sf_gone, sf_both])
    erp = _write(tmp_path / "erp.csv", ERP_COLUMNS, [erp_both])
    # When compared / Then both agree
    result = reconcile_files("accounts", sf, erp, Rules(), workers=1).result
    assert dict(result.counts) == {"in_sync": 2} and not result.review


def test_an_erp_customer_whose_account_was_purged_is_reviewed_not_re_created(tmp_path: Path):
    # Given an ERP customer that names its Account, which Salesforce no longer holds at all (purged:
    # not even queryAll returns it), and an ERP customer no Account ever had
    sf_kept, erp_kept = _account("C1")
    _, erp_purged = _account("C2", erp__salesforce_account_id="001000000000005AAA")
    _, erp_new = _account("C3", erp__salesforce_account_id="")
    sf = _write(tmp_path / "sf.csv", SALESFORCE_COLUMNS, [sf_kept])
    erp = _write(tmp_path / "erp.csv", ERP_COLUMNS, [erp_kept, erp_purged, erp_new])
    # When compared
    result = reconcile_files("accounts", sf, erp, Rules(), workers=1).result
    # Then the purged Account's customer goes to review with the reason, and is not re-created
    [review] = result.review
    assert (review.key, review.reason) == ("C2", Reason.LINKED_RECORD_NOT_FOUND)
    assert "Account 001000000000005AAA" in (review.detail or "") and "not re-created" in (review.detail or "")
    # And only the customer no Account ever had becomes a new Account
    assert [fix.key for fix in result.salesforce_fixes] == ["C3"]


def test_rows_without_a_link_key_are_counted_not_compared(tmp_path: Path):
    # Given a Salesforce account not yet linked to an ERP customer
    sf_row, erp_row = _account("C1")
    prospect = dict(sf_row, ERP_Customer_Number__c="  ", Id="001000000000009AAA")
    sf = _write(tmp_path / "sf.csv", SALESFORCE_COLUMNS, [sf_row, prospect])
    erp = _write(tmp_path / "erp.csv", ERP_COLUMNS, [erp_row])
    # When compared
    result = reconcile_files("accounts", sf, erp, Rules(), workers=1).result
    # Then it is reported as unlinked and nothing else changes
    assert dict(result.counts) == {"in_sync": 1}
    assert dict(result.unlinked) == {"salesforce": 1}


def test_orders_match_15_and_18_character_ids(tmp_path: Path):
    # Given a Salesforce order export with 15-character ids and the ERP's 18-character references
    sf = _write(
        tmp_path / "sf.csv",
        ["Id", "IsDeleted", "ERP_Order_Number__c", "ERP_Order_Status__c", "LastModifiedDate"],
        [
            {
                "Id": "801000000000001",
                "IsDeleted": "false",
                "ERP_Order_Number__c": "",
                "ERP_Order_Status__c": "",
                "LastModifiedDate": "2024-05-01T10:00:00Z",
            },
        ],
    )
    erp = _write(
        tmp_path / "erp.csv",
        ["external_reference", "erp_order_id", "status", "changed_at", "deleted"],
        [
            {
                "external_reference": "801000000000001AAA",
                "erp_order_id": "4711",
                "status": "shipped",
                "changed_at": "2024-05-01 11:00:00",
                "deleted": "",
            }
        ],
    )
    # When compared
    result = reconcile_files(ORDERS, sf, erp, Rules(), workers=1).result
    # Then the missed write-back is found and fixed from the ERP (it owns both fields)
    assert dict(result.counts) == {"field_conflict": 1}
    assert [(f.key, f.fields) for f in result.salesforce_fixes] == [
        ("801000000000001AAA", {"ERP_Order_Number__c": "4711", "ERP_Order_Status__c": "SHIPPED"})
    ]


def test_products_missing_in_salesforce_are_created_as_product2_on_the_erp_sku(tmp_path: Path):
    # Given an ERP product Salesforce lacks
    header = ["Id", "IsDeleted", "ERP_SKU__c", "Name", "IsActive", "LastModifiedDate"]
    sf = _write(tmp_path / "sf.csv", header, [])
    erp = _write(
        tmp_path / "erp.csv",
        ["sku", "name", "list_price", "currency", "active", "changed_at", "deleted"],
        [
            {
                "sku": "SKU-1",
                "name": "Widget",
                "list_price": "9.90",
                "currency": "eur",
                "active": "X",
                "changed_at": "2024-05-01 10:00:00",
                "deleted": "",
            }
        ],
    )
    # When compared
    result = reconcile_files(PRODUCTS, sf, erp, Rules(), workers=1).result
    # Then it is upserted on the external id with normalised values, and no price is written
    # (PricebookEntry is not the reconciliation's to write)
    assert [(f.key, f.fields) for f in result.salesforce_fixes] == [
        ("SKU-1", {"ERP_SKU__c": "SKU-1", "Name": "Widget", "IsActive": "true"})
    ]


def test_split_names_the_missing_column_and_the_short_row(tmp_path: Path):
    # Given an export without the link key column, and one with a truncated row
    no_key = _write(tmp_path / "a.csv", [c for c in SALESFORCE_COLUMNS if c != "ERP_Customer_Number__c"], [])
    short = tmp_path / "b.csv"
    short.write_text(",".join(SALESFORCE_COLUMNS) + "\n" + "001,false,Acme\n", encoding="utf-8")
    # When split / Then the errors name the file, the column and the line
    with pytest.raises(MissingColumnError, match=re.escape("a.csv: missing column 'ERP_Customer_Number__c'")):
        split_export(ACCOUNTS, Owner.SALESFORCE, no_key, tmp_path, 1)
    with pytest.raises(MalformedRowError, match=re.escape("b.csv: line 2: fewer columns than the header")):
        split_export(ACCOUNTS, Owner.SALESFORCE, short, tmp_path, 1)


def test_compare_refuses_a_partition_of_another_side(exports, tmp_path: Path):
    # Given partition files / When the sides are swapped / Then the header check refuses them
    sf, erp, _ = exports
    sf_stats = split_export(ACCOUNTS, Owner.SALESFORCE, sf, tmp_path, 1)
    erp_stats = split_export(ACCOUNTS, Owner.ERP, erp, tmp_path, 1)
    with pytest.raises(Exception, match="not a accounts salesforce partition"):
        compare_partition("accounts", erp_stats.paths[0], sf_stats.paths[0], Rules())
