"""Ownership, conflict policy, normalisation and fix validation, table-driven."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sferp.models.entities import ACCOUNTS, FieldSpec, Kind, Owner, normalise, validate_fix
from sferp.reconciliation.rules import Policy, Reason, Rules, delete_reason, parse_timestamp, resolve_field

FIELDS = {f.name: f for f in ACCOUNTS.fields}
T0 = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
SKEW = timedelta(seconds=120)


@pytest.mark.parametrize(
    ("field", "sf_value", "erp_value", "expected_target", "expected_value"),
    [
        # Salesforce owns identity and contact data: its value goes to the ERP.
        ("name", "Acme GmbH", "ACME", Owner.ERP, "Acme GmbH"),
        ("street", "Main St 1\nSuite 5", "Main St 1", Owner.ERP, "Main St 1\nSuite 5"),
        ("phone", "+49 30 1", None, Owner.ERP, "+49 30 1"),
        ("country", "DE", "AT", Owner.ERP, "DE"),
        # The ERP owns credit and terms: its value goes to Salesforce, even when Salesforce is newer.
        ("credit_limit", "5000", "7000", Owner.SALESFORCE, "7000"),
        ("payment_terms", "NT30", "NT60", Owner.SALESFORCE, "NT60"),
    ],
)
def test_owner_wins_for_owned_fields(field, sf_value, erp_value, expected_target, expected_value):
    # Given a differing owned field where the non-owner changed last
    # When it is resolved
    resolution = resolve_field(
        FIELDS[field],
        salesforce_value=sf_value,
        erp_value=erp_value,
        salesforce_modified=T0 + timedelta(days=1),
        erp_modified=T0 + timedelta(days=2),
        rules=Rules(),
    )
    # Then the owner's value is written to the other side
    assert (resolution.target, resolution.value, resolution.reason) == (expected_target, expected_value, None)


@pytest.mark.parametrize(
    ("sf_offset_s", "expected_target", "expected_reason"),
    [
        (0, None, Reason.WITHIN_CLOCK_SKEW),
        (119.999, None, Reason.WITHIN_CLOCK_SKEW),  # just inside
        (120, None, Reason.WITHIN_CLOCK_SKEW),  # exactly at the allowance: nobody wins
        (-120, None, Reason.WITHIN_CLOCK_SKEW),
        (120.001, Owner.ERP, None),  # just outside: Salesforce is newer, its value goes to the ERP
        (-120.001, Owner.SALESFORCE, None),  # the ERP is newer
        (86400, Owner.ERP, None),
    ],
)
def test_last_update_wins_with_clock_skew(sf_offset_s, expected_target, expected_reason):
    # Given a shared field changed on both sides sf_offset_s apart
    erp_modified = T0
    sf_modified = T0 + timedelta(seconds=sf_offset_s)
    # When last update wins with a 120 s allowance
    resolution = resolve_field(
        FIELDS["billing_email"],
        salesforce_value="sf@example.com",
        erp_value="erp@example.com",
        salesforce_modified=sf_modified,
        erp_modified=erp_modified,
        rules=Rules(policy=Policy.LAST_UPDATE_WINS, clock_skew=SKEW),
    )
    # Then the newer side wins only outside the allowance
    assert (resolution.target, resolution.reason) == (expected_target, expected_reason)
    if expected_target is Owner.ERP:
        assert resolution.value == "sf@example.com"
    if expected_target is Owner.SALESFORCE:
        assert resolution.value == "erp@example.com"


@pytest.mark.parametrize(
    ("priority", "since", "sf_modified", "erp_modified", "expected_target", "expected_reason"),
    [
        (Owner.ERP, None, T0 + timedelta(days=1), T0, Owner.SALESFORCE, None),
        (Owner.SALESFORCE, None, T0, T0 + timedelta(days=1), Owner.ERP, None),
        # Only the ERP changed since the last run: priority settles it.
        (Owner.ERP, T0, T0 - timedelta(days=1), T0 + timedelta(hours=1), Owner.SALESFORCE, None),
        # Both changed since the last run: a human decides.
        (
            Owner.ERP,
            T0,
            T0 + timedelta(hours=2),
            T0 + timedelta(hours=1),
            None,
            Reason.BOTH_CHANGED_SINCE_LAST_RUN,
        ),
        (Owner.ERP, None, None, None, Owner.SALESFORCE, None),  # priority needs no timestamps
    ],
)
def test_system_priority(priority, since, sf_modified, erp_modified, expected_target, expected_reason):
    # Given a shared field and the system-priority policy
    rules = Rules(policy=Policy.SYSTEM_PRIORITY, priority=priority, since=since)
    # When it is resolved
    resolution = resolve_field(
        FIELDS["billing_email"],
        salesforce_value="sf@example.com",
        erp_value="erp@example.com",
        salesforce_modified=sf_modified,
        erp_modified=erp_modified,
        rules=rules,
    )
    # Then the priority system wins unless both changed since the last run
    assert (resolution.target, resolution.reason) == (expected_target, expected_reason)


def test_last_update_wins_without_a_timestamp_goes_to_review():
    # Given a shared field where one side has no modification time
    # When it is resolved by last update wins
    resolution = resolve_field(
        FIELDS["billing_email"],
        salesforce_value="a@example.com",
        erp_value="b@example.com",
        salesforce_modified=None,
        erp_modified=T0,
        rules=Rules(),
    )
    # Then nobody wins
    assert resolution.reason is Reason.MISSING_TIMESTAMP and not resolution.is_fix


@pytest.mark.parametrize(
    ("field", "sf_value", "erp_value", "detail"),
    [
        ("name", "x" * 81, "short", "salesforce value longer than 80 characters"),
        ("name", None, "Acme", "salesforce value required field would be emptied"),
        ("country", "D1", "DE", "salesforce value not an ISO 3166-1 alpha-2 country code"),
        ("credit_limit", "1", "-5", "erp value not a non-negative number"),
        ("credit_limit", "1", "lots", "erp value not a number"),
        ("payment_terms", "NT30", "NET30DAYS", "erp value longer than 4 characters"),
    ],
)
def test_a_fix_that_fails_validation_goes_to_review(field, sf_value, erp_value, detail):
    # Given an owner's value the other side would reject
    # When it is resolved
    resolution = resolve_field(
        FIELDS[field],
        salesforce_value=sf_value,
        erp_value=erp_value,
        salesforce_modified=T0,
        erp_modified=T0,
        rules=Rules(),
    )
    # Then it is not written but reviewed, with the reason
    assert (resolution.target, resolution.reason, resolution.detail) == (
        None,
        Reason.FIX_FAILS_VALIDATION,
        detail,
    )


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        (Kind.TEXT, "  Acme \n  GmbH ", "Acme GmbH"),
        (Kind.TEXT, "   ", None),
        (Kind.TEXT, "", None),
        (Kind.TEXT, "Acme", "Acme"),
        (Kind.CODE, " nt30 ", "NT30"),
        (Kind.COUNTRY, "de", "DE"),
        (Kind.EMAIL, " Billing@Example.COM ", "billing@example.com"),
        (Kind.DECIMAL, "1000.00", "1000"),
        (Kind.DECIMAL, "1e3", "1000"),
        (Kind.DECIMAL, "0.50", "0.5"),
        (Kind.DECIMAL, "-0.0", "0"),
        (Kind.DECIMAL, "12abc", "12abc"),
        (Kind.BOOL, "TRUE", "true"),
        (Kind.BOOL, "0", "false"),
        (Kind.BOOL, "", None),
    ],
)
def test_normalisation(kind, raw, expected):
    # Given a raw export value / When normalised / Then it has the documented canonical form
    assert normalise(kind, raw) == expected


def test_validate_fix_accepts_valid_values():
    # Given valid values for each target / Then none is refused
    assert validate_fix(FIELDS["credit_limit"], "1000", target=Owner.SALESFORCE) is None
    assert (
        validate_fix(FieldSpec("x", "X", "x", Kind.BOOL, Owner.ERP), "true", target=Owner.SALESFORCE) is None
    )
    assert validate_fix(FIELDS["street"], None, target=Owner.ERP) is None


@pytest.mark.parametrize(
    ("deleted_at", "survivor_modified", "expected"),
    [
        (T0, T0 + timedelta(days=1), Reason.DELETE_VS_UPDATE),
        (T0, T0 + SKEW, Reason.DELETED_ON_ONE_SIDE),  # within the allowance: not provably after
        (T0, T0 - timedelta(days=1), Reason.DELETED_ON_ONE_SIDE),
        (None, T0, Reason.DELETED_ON_ONE_SIDE),
    ],
)
def test_delete_reason(deleted_at, survivor_modified, expected):
    # Given a record deleted on one side / Then the reason says whether the survivor changed after
    assert (
        delete_reason(deleted_at=deleted_at, survivor_modified=survivor_modified, rules=Rules()) is expected
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-05-01T10:00:00.000Z", T0),
        ("2024-05-01 10:00:00", T0),
        ("2024-05-01T12:00:00+02:00", T0),
        ("", None),
        ("yesterday", None),
    ],
)
def test_parse_timestamp(raw, expected):
    # Given export timestamps in Salesforce and ERP formats / Then they parse to the same instant
    assert parse_timestamp(raw) == expected
