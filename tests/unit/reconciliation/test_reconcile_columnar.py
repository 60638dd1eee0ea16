"""The columnar engine (DuckDB) gives exactly the reference engine's results, on generated drift
and on the awkward inputs real exports contain; it refuses what it cannot read with a reason."""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path
from types import SimpleNamespace

import pytest
from sferp_tools.synthetic.reconciliation import ERP_COLUMNS, SALESFORCE_COLUMNS, generate_accounts

from sferp.models.entities import ACCOUNTS, ORDERS, Owner
from sferp.reconciliation import columnar
from sferp.reconciliation.columnar import MIN_MEMORY_LIMIT_MB, WHITESPACE, EngineMemoryError
from sferp.reconciliation.compare import (
    RecordClass,
    compare_partition,
    compare_partition_reference,
    reconcile_files,
)
from sferp.reconciliation.csv_io import InputFileError, MalformedRowError, split_export
from sferp.reconciliation.rules import Policy, Rules


@pytest.fixture(autouse=True, params=["one read", "two reads"])
def reads(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Every test here runs in both plans: values stored at the first read (what inputs up to a
    few times the memory limit get), and the inputs read a second time for the records to
    classify (what larger ones get)."""
    twice = request.param == "two reads"
    monkeypatch.setattr(columnar, "_ONE_READ_INPUT_PER_LIMIT", 0.0 if twice else math.inf)
    return 2 if twice else 1


def _both(entity, sf: Path, erp: Path, rules: Rules, **columnar):
    reference = reconcile_files(entity, sf, erp, rules, engine="reference", partitions=3, workers=1).result
    result = reconcile_files(entity, sf, erp, rules, **columnar).result
    return reference.to_dict() | {"partitions": 1}, result.to_dict()


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_generated_drift_gives_the_reference_result(tmp_path: Path, seed: int):
    # Given exports with every planted drift kind
    sf, erp = tmp_path / "sf.csv", tmp_path / "erp.csv"
    planted = generate_accounts(sf, erp, 3000, 0.05, seed=seed)
    # When both engines compare them, under two policies
    for rules in (Rules(), Rules(policy=Policy.SYSTEM_PRIORITY, priority=Owner.SALESFORCE)):
        reference, columnar = _both("accounts", sf, erp, rules)
        # Then the results are identical, field by field and item by item
        assert columnar == reference
    assert columnar["counts"]["in_sync"] > 0 and sum(columnar["counts"].values()) >= planted.erp_rows


def _write(path: Path, columns, rows, *, bom: bool = False, quote_all: bool = False) -> Path:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _account(i: int, **over: str) -> tuple[dict[str, str], dict[str, str]]:
    sf = {c: "" for c in SALESFORCE_COLUMNS}
    erp = {c: "" for c in ERP_COLUMNS}
    number, sid = f"C{i:09d}", f"001{i:015d}"
    sf.update(
        Id=sid,
        IsDeleted="false",
        Name=f"Customer {i}",
        BillingCountryCode="DE",
        ERP_Customer_Number__c=number,
        Credit_Limit__c="1000",
        LastModifiedDate="2024-05-01T10:00:00.000Z",
        SystemModstamp="2024-05-01T10:00:00.000Z",
    )
    erp.update(
        customer_number=number,
        salesforce_account_id=sid,
        name=f"Customer {i}",
        country="DE",
        credit_limit="1000",
        changed_at="2024-05-01 11:00:00",
        deleted="false",
    )
    for key, value in over.items():
        side, column = key.split("__", 1)
        (sf if side == "sf" else erp)[column] = value
    return sf, erp


def test_awkward_exports_give_the_reference_result(tmp_path: Path):
    # Given exports with the layouts and values real ones contain
    pairs = [
        _account(0),
        _account(1, sf__Name='Say "hello", world'),  # quotes and a comma
        _account(2, sf__BillingStreet="two\nlines", erp__street="two lines"),  # format-only newline
        _account(3, sf__BillingStreet="tab\there", erp__street="tab\there"),  # a tab: escaped in partitions
        _account(4, sf__Name="unit\x1fsep", erp__name="unit sep"),  # the partition separator itself
        _account(5, sf__ERP_Customer_Number__c="\u00a0C000000005 "),  # NBSP and space around the key
        _account(6, sf__IsDeleted=" TRUE "),  # deleted in Salesforce, spelled loosely
        _account(7, erp__deleted="x"),  # deleted in the ERP
        _account(8, erp__deleted="No", erp__credit_limit="1000.00"),  # format-only decimal
        _account(9, sf__ERP_Customer_Number__c=""),  # unlinked on the Salesforce side
        _account(10, erp__name="Customer ten"),  # a conflict on a Salesforce-owned field
        _account(11, sf__Name="Ünïcødé 名前", erp__name="Ünïcødé 名前"),
    ]
    sf_rows = [p[0] for p in pairs]
    erp_rows = [p[1] for p in pairs]
    # a duplicate live key in Salesforce, a queryAll twin, and two deleted twins beside a live ERP record
    sf_rows.append(dict(_account(0)[0], Id="001999999999999990"))
    sf_rows.append(dict(_account(1)[0], IsDeleted="true", Id="001999999999999991"))
    sf_rows.append(dict(_account(12)[0], IsDeleted="true", LastModifiedDate="2024-05-02T10:00:00.000Z"))
    sf_rows.append(dict(_account(12)[0], IsDeleted="true", LastModifiedDate="2024-05-03T10:00:00.000Z"))
    erp_rows.append(_account(12)[1])
    erp_rows.append(_account(13)[1])  # only in the ERP: created in Salesforce
    sf_rows.append(_account(14)[0])  # only in Salesforce: review
    random.Random(5).shuffle(sf_rows)
    sf = _write(tmp_path / "sf.csv", SALESFORCE_COLUMNS, sf_rows, bom=True, quote_all=True)
    erp = _write(tmp_path / "erp.csv", ERP_COLUMNS, erp_rows)
    # When both engines compare them
    reference, columnar = _both("accounts", sf, erp, Rules())
    # Then the results are identical and every class is represented
    assert columnar == reference
    counts = columnar["counts"]
    for record_class in (
        "in_sync",
        "field_conflict",
        "deleted",
        "only_erp",
        "only_salesforce",
        "duplicate_key",
    ):
        assert counts[record_class] > 0, record_class
    assert columnar["format_only"] >= 2
    assert columnar["unlinked"] == {"salesforce": 1}


def test_a_tiny_memory_limit_spills_and_gives_the_same_result(tmp_path: Path):
    # Given exports larger than the engine's memory limit allows it to hold
    sf, erp = tmp_path / "sf.csv", tmp_path / "erp.csv"
    generate_accounts(sf, erp, 60_000, 0.02, seed=11)
    # When compared with DuckDB limited to its floor and one thread
    reference, columnar = _both("accounts", sf, erp, Rules(), memory_limit_mb=MIN_MEMORY_LIMIT_MB, threads=1)
    # Then DuckDB spills instead of failing, and the result is the same
    assert columnar == reference


def test_a_limit_below_the_floor_is_a_clear_configuration_error(tmp_path: Path):
    sf, erp = tmp_path / "sf.csv", tmp_path / "erp.csv"
    generate_accounts(sf, erp, 60_000, 0.02, seed=11)
    with pytest.raises(EngineMemoryError, match=r"needs more than its .* memory limit to read sf.csv"):
        reconcile_files("accounts", sf, erp, Rules(), memory_limit_mb=8, threads=1)


def test_salesforce_ids_are_normalised_to_18_characters_on_both_sides(tmp_path: Path):
    # Given a 15-character Order Id in Salesforce and the 18-character one in the ERP
    sf = _write(
        tmp_path / "sf.csv",
        ["Id", "IsDeleted", "ERP_Order_Number__c", "ERP_Order_Status__c", "LastModifiedDate"],
        [{"Id": "801000000000001", "IsDeleted": "false", "ERP_Order_Number__c": "4711",
          "ERP_Order_Status__c": "OPEN", "LastModifiedDate": "2024-05-01T10:00:00Z"}],
    )  # fmt: skip
    erp = _write(
        tmp_path / "erp.csv",
        ["external_reference", "erp_order_id", "status", "changed_at", "deleted"],
        [{"external_reference": "801000000000001AAA", "erp_order_id": "4711", "status": "open",
          "changed_at": "2024-05-01 11:00:00", "deleted": ""}],
    )  # fmt: skip
    # When compared / Then the keys pair (no one-sided records) and both engines agree
    reference, columnar = _both(ORDERS, sf, erp, Rules())
    assert columnar == reference
    assert columnar["counts"][RecordClass.IN_SYNC.value] == 1


def test_values_holding_the_separator_are_never_taken_for_other_values(tmp_path: Path):
    # Given records whose values, joined by the separator, read alike though the values differ
    # (where one value ends moved), and one whose separator-holding values are equal on both sides
    pairs = [
        _account(20, sf__Name="a\x1fb", sf__BillingStreet="c", erp__name="a", erp__street="b\x1fc"),
        _account(21, sf__Name="x\x1fy", erp__name="x\x1fy"),
        _account(22),
    ]
    sf = _write(tmp_path / "sf.csv", SALESFORCE_COLUMNS, [p[0] for p in pairs])
    erp = _write(tmp_path / "erp.csv", ERP_COLUMNS, [p[1] for p in pairs])
    # When both engines compare them
    reference, columnar = _both(ACCOUNTS, sf, erp, Rules())
    # Then the moved boundary is a difference, the equal values are in sync, as in the reference
    assert columnar == reference
    assert columnar["counts"][RecordClass.IN_SYNC.value] == 2
    assert columnar["fields_differing"] == {"name": 1, "street": 1}


@pytest.mark.parametrize(
    "key_hash",
    [
        "0",  # every key in one group
        "hash(k) % 3",  # groups of many keys
        # only the two one-sided keys share a group: one record a side, both live, equal values
        "CASE WHEN k IN ('C000007001', 'C000007002') THEN 0 ELSE hash(k) + 1 END",
    ],
)
def test_keys_whose_hashes_collide_are_still_told_apart(tmp_path: Path, monkeypatch, key_hash: str):
    # Given drift of every kind, and a record only in Salesforce beside a record only in the ERP
    # with the same values (one group of two, one record a side, if their key hashes collide)
    sf, erp = tmp_path / "sf.csv", tmp_path / "erp.csv"
    generate_accounts(sf, erp, 300, 0.1, seed=3)
    only_sf, _ = _account(7001)
    _, only_erp = _account(7002)
    only_erp.update(name=only_sf["Name"], salesforce_account_id=only_sf["Id"])
    with open(sf, "a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, SALESFORCE_COLUMNS, quoting=csv.QUOTE_ALL).writerow(only_sf)
    with open(erp, "a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, ERP_COLUMNS).writerow(only_erp)
    # When the pairing groups by a key hash under which keys collide
    monkeypatch.setattr(columnar, "_KEY_HASH", key_hash)
    reference, result = _both(ACCOUNTS, sf, erp, Rules())
    # Then every key is still classified by itself, exactly as the reference engine does
    assert result == reference
    assert result["counts"]["in_sync"] > 0


def test_the_pairing_in_passes_gives_the_one_pass_result(tmp_path: Path, monkeypatch):
    # Given drift of every kind, and a pass that holds only ~256 keys (as 10M keys in 256 MiB)
    sf, erp = tmp_path / "sf.csv", tmp_path / "erp.csv"
    generate_accounts(sf, erp, 3000, 0.05, seed=11)
    one_pass = reconcile_files("accounts", sf, erp, Rules(), memory_limit_mb=256).result.to_dict()
    passes: list[int] = []
    real_pair = columnar._pair
    monkeypatch.setattr(columnar, "_GROUPS_PER_MIB", 1)
    monkeypatch.setattr(columnar, "_GROUPS_PER_MIB_WITHOUT_VALUES", 1)
    monkeypatch.setattr(columnar, "_pair", lambda *a, **k: passes.append(real_pair(*a, **k)) or passes[-1])
    # When the keys are paired in slices of their hashes
    sliced = reconcile_files("accounts", sf, erp, Rules(), memory_limit_mb=256).result.to_dict()
    # Then it took several passes and found exactly what one pass finds
    assert passes and passes[0] > 10
    assert sliced == one_pass


def test_partition_files_compare_exactly_like_the_reference(tmp_path: Path):
    # Given partition files (the Distributed Map's input) holding escaped values
    sf, erp = tmp_path / "sf.csv", tmp_path / "erp.csv"
    generate_accounts(sf, erp, 2000, 0.05, seed=9)
    with open(sf, "a", encoding="utf-8", newline="") as handle:
        row = dict(_account(5000, sf__BillingStreet="a\tb\x1fc")[0])
        csv.DictWriter(handle, SALESFORCE_COLUMNS, quoting=csv.QUOTE_ALL).writerow(row)
    sf_parts = split_export(ACCOUNTS, Owner.SALESFORCE, sf, tmp_path, 3)
    erp_parts = split_export(ACCOUNTS, Owner.ERP, erp, tmp_path, 3)
    # When each pair is compared by both engines / Then the results are identical
    for a, b in zip(sf_parts.paths, erp_parts.paths, strict=True):
        assert compare_partition(ACCOUNTS, a, b, Rules()) == compare_partition_reference(
            ACCOUNTS, a, b, Rules()
        )


def test_a_bad_deleted_flag_is_named_like_the_reference_does(tmp_path: Path):
    # Given an ERP row whose deleted flag is not a boolean
    sf_row, erp_row = _account(1, erp__deleted="maybe")
    sf = _write(tmp_path / "sf.csv", SALESFORCE_COLUMNS, [sf_row])
    erp = _write(tmp_path / "erp.csv", ERP_COLUMNS, [erp_row])
    # When compared / Then the error names the file, the line and the value
    with pytest.raises(MalformedRowError, match=r"erp.csv: line 2: deleted flag 'maybe' is not a boolean"):
        reconcile_files("accounts", sf, erp, Rules())


def test_a_row_with_extra_columns_is_refused_with_duckdbs_reason(tmp_path: Path):
    # Given an ERP export with one row longer than its header (the reference reader ignores the
    # extra cell; the columnar reader cannot know which cell shifted, so it refuses the file)
    sf_row, erp_row = _account(1)
    sf = _write(tmp_path / "sf.csv", SALESFORCE_COLUMNS, [sf_row])
    erp = _write(tmp_path / "erp.csv", ERP_COLUMNS, [erp_row])
    with open(erp, "a", encoding="utf-8") as handle:
        handle.write("C1,x,y,z,a,b,c,d,e,f,g,h,false,extra\n")
    # When compared / Then it is refused with the file named, never read shifted
    with pytest.raises(MalformedRowError, match=r"erp.csv: not a well-formed CSV export"):
        reconcile_files("accounts", sf, erp, Rules())


def test_the_sql_salesforce_id_normaliser_equals_the_python_one():
    # Given ids in every spelling: 15 characters, 18 in mixed, upper and lower case, broken
    # checksums, a digit marked upper case, wrong lengths and characters
    import duckdb

    from sferp.models.entities import salesforce_id_key
    from sferp.models.salesforce_id import to_18
    from sferp.reconciliation import columnar

    rng = random.Random(18)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    ids = ["", "001", "001000000000000AAA-", "0010000000000001", "00100000000000!", "0" * 15, "0" * 18]
    for _ in range(3000):
        body = "".join(rng.choice(alphabet) for _ in range(15))
        full = to_18(body)
        ids += [
            body,
            full,
            full.upper(),
            full.lower(),
            full[:15] + "ZZZ",
            full[:15].lower() + "555",
            full[:15] + "a1!",
        ]
    name, macro = columnar._SQL_NORMALISER_MACROS[salesforce_id_key]
    con = duckdb.connect()
    con.execute(macro)
    # When both normalise them / Then every answer is the same (unchanged where Python refuses)
    rows = con.execute(f"SELECT s, {name}(s) FROM unnest(?::VARCHAR[]) AS t(s)", [ids]).fetchall()
    assert len(rows) == len(ids)
    mismatches = [(raw, sql) for raw, sql in rows if sql != salesforce_id_key(raw)]
    assert mismatches == []


def test_the_trimmed_characters_are_what_str_strip_removes():
    # The key trim macro must strip exactly what the reference engine's str.strip() strips
    assert "".join(chr(c) for c in range(0x110000) if chr(c).isspace()) == WHITESPACE


def test_large_inputs_are_read_twice_and_small_ones_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # Given the real rule (1.5 bytes of input per byte of memory limit) and a 1 MiB limit
    monkeypatch.setattr(columnar, "_ONE_READ_INPUT_PER_LIMIT", 1.5)
    small, large = tmp_path / "small", tmp_path / "large"
    small.write_bytes(b"x" * (3 * 2**19))  # exactly 1.5 MiB
    large.write_bytes(b"x" * (3 * 2**19 + 1))
    limit = columnar.EngineLimits(memory_limit_mb=1)
    # Then the plan follows the input's size, unless it is set
    assert not columnar._reads_twice((SimpleNamespace(path=small),), limit)  # type: ignore[arg-type]
    assert columnar._reads_twice((SimpleNamespace(path=large),), limit)  # type: ignore[arg-type]
    assert not columnar._reads_twice(
        (SimpleNamespace(path=large),),  # type: ignore[arg-type]
        columnar.EngineLimits(memory_limit_mb=1, read_twice=False),
    )


def test_an_export_that_changes_between_the_two_reads_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: int
):
    # Given exports read twice, and an ERP export appended to while the keys are paired
    sf, erp = tmp_path / "sf.csv", tmp_path / "erp.csv"
    planted = generate_accounts(sf, erp, 500, 0.05, seed=3)
    real_pair = columnar._pair

    def pair_then_append(*args, **kwargs):
        passes = real_pair(*args, **kwargs)
        with open(erp, "a", encoding="utf-8", newline="") as handle:
            csv.DictWriter(handle, ERP_COLUMNS).writerow(_account(9000)[1])
        return passes

    monkeypatch.setattr(columnar, "_pair", pair_then_append)
    if reads == 1:
        # (read once, the change comes too late to matter: the first version is compared)
        outcome = columnar.compare_csv_files(ACCOUNTS, sf, erp, Rules())
        assert outcome.reads == 1 and outcome.erp_rows == planted.erp_rows
        return
    # When compared / Then the run stops naming the file, rather than count two versions as one
    with pytest.raises(InputFileError, match=r"erp.csv: changed while it was compared"):
        columnar.compare_csv_files(ACCOUNTS, sf, erp, Rules())


def test_an_export_removed_between_the_two_reads_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # Given exports read twice, and the Salesforce export deleted while the keys are paired
    monkeypatch.setattr(columnar, "_ONE_READ_INPUT_PER_LIMIT", 0.0)
    sf, erp = tmp_path / "sf.csv", tmp_path / "erp.csv"
    generate_accounts(sf, erp, 200, 0.05, seed=4)
    real_pair = columnar._pair
    monkeypatch.setattr(columnar, "_pair", lambda *a, **k: (sf.unlink(), real_pair(*a, **k))[1])
    # When compared / Then the error names that file
    with pytest.raises(InputFileError, match=r"sf.csv: changed while it was compared"):
        columnar.compare_csv_files(ACCOUNTS, sf, erp, Rules())
