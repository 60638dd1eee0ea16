"""Generated account exports with planted drift of every class and the counts the engine must find.

Used by the unit tests, the benchmark and the demo. The planted kinds assume the default rules
(``last_update_wins``, 120 s clock skew, no watermark).
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

SALESFORCE_COLUMNS = (
    "Id",
    "IsDeleted",
    "Name",
    "BillingStreet",
    "BillingCity",
    "BillingPostalCode",
    "BillingCountryCode",
    "Phone",
    "ERP_Customer_Number__c",
    "Credit_Limit__c",
    "Payment_Terms__c",
    "Billing_Email__c",
    "SystemModstamp",
    "LastModifiedDate",
)
ERP_COLUMNS = (
    "customer_number",
    "salesforce_account_id",
    "name",
    "street",
    "city",
    "postal_code",
    "country",
    "phone",
    "credit_limit",
    "payment_terms",
    "billing_email",
    "changed_at",
    "deleted",
)

_SF_BASE = "2024-05-01T10:00:00.000Z"
_SF_SKEW = "2024-05-01T10:01:00.000Z"  # 60 s after the ERP change: inside the 120 s allowance
_SF_LATER = "2024-05-02T10:00:00.000Z"  # a day later: outside any allowance
_ERP_BASE = "2024-05-01 10:00:00"


class Drift(StrEnum):
    ORPHAN = "orphan"  # one Salesforce-only and one ERP-only record
    SF_DELETED = "sf_deleted"
    ERP_DELETED_VS_UPDATE = "erp_deleted_vs_update"
    SF_OWNED = "sf_owned"
    ERP_OWNED = "erp_owned"
    SHARED_NEWER = "shared_newer"
    SHARED_SKEW = "shared_within_skew"
    INVALID_FIX = "invalid_fix"
    MULTI = "multi_field"
    FORMAT_ONLY = "format_only"
    QUERYALL_TWIN = "queryall_twin"  # a deleted Salesforce row beside the live one with the same key
    DUPLICATE_KEY = "duplicate_key"  # a second live Salesforce Account carrying the same customer number


@dataclass(slots=True)
class Planted:
    """What the engine must report for the generated files."""

    counts: Counter[str] = field(default_factory=Counter)
    salesforce_fixes: int = 0
    erp_fixes: int = 0
    review: int = 0
    format_only: int = 0
    salesforce_rows: int = 0
    erp_rows: int = 0
    drift: Counter[str] = field(default_factory=Counter)


def _base(i: int) -> tuple[list[str], list[str]]:
    number = f"C{i:09d}"
    sf_id = f"001{i:015d}"
    name = f"Customer {i} GmbH"
    street = f"{i % 997} Main Street"
    city = f"City {i % 5000}"
    postal = f"{10000 + i % 89999}"
    phone = f"+49 30 {i:07d}"
    credit = f"{(i % 100) * 1000}"
    email = f"billing{i}@example.com"
    sf = [
        sf_id,
        "false",
        name,
        street,
        city,
        postal,
        "DE",
        phone,
        number,
        credit,
        "NT30",
        email,
        _SF_BASE,
        _SF_BASE,
    ]
    erp = [number, sf_id, name, street, city, postal, "DE", phone, credit, "NT30", email, _ERP_BASE, "false"]
    return sf, erp


def generate_accounts(
    salesforce_csv: Path, erp_csv: Path, rows: int, drift: float = 0.01, seed: int = 7
) -> Planted:
    """Write ``rows`` linked accounts per side, ``drift`` of them planted with a difference."""
    planted = Planted()
    kinds = list(Drift)
    drifted = round(rows * drift)
    chosen = random.Random(seed).sample(range(rows), drifted)  # noqa: S311 - test data, not secrets
    plan = {index: kinds[n % len(kinds)] for n, index in enumerate(chosen)}
    counts = planted.counts
    with (
        open(salesforce_csv, "w", encoding="utf-8", newline="") as sf_file,
        open(erp_csv, "w", encoding="utf-8", newline="") as erp_file,
    ):
        # Salesforce data exports quote every value; ERP extracts usually quote only when needed.
        sf_out = csv.writer(sf_file, quoting=csv.QUOTE_ALL)
        erp_out = csv.writer(erp_file)
        sf_out.writerow(SALESFORCE_COLUMNS)
        erp_out.writerow(ERP_COLUMNS)
        for i in range(rows):
            sf, erp = _base(i)
            kind = plan.get(i)
            write_sf = write_erp = True
            if kind is None:
                counts["in_sync"] += 1
            else:
                planted.drift[kind] += 1
                if kind is Drift.ORPHAN:
                    erp[0] = f"X{i:09d}"  # the ERP record links to no Account
                    erp[1] = ""
                    counts["only_salesforce"] += 1
                    counts["only_erp"] += 1
                    planted.review += 1  # only in Salesforce: the ERP assigns customer numbers
                    planted.salesforce_fixes += 1  # only in the ERP: created by upsert
                elif kind is Drift.SF_DELETED:
                    sf[1] = "true"
                    counts["deleted"] += 1
                    planted.review += 1
                elif kind is Drift.ERP_DELETED_VS_UPDATE:
                    erp[12] = "true"
                    sf[2] = sf[2] + " AG"
                    sf[13] = _SF_LATER
                    counts["deleted"] += 1
                    planted.review += 1
                elif kind is Drift.SF_OWNED:
                    sf[2] = sf[2] + " & Co. KG"
                    counts["field_conflict"] += 1
                    planted.erp_fixes += 1
                elif kind is Drift.ERP_OWNED:
                    erp[8] = str(int(erp[8]) + 500)
                    counts["field_conflict"] += 1
                    planted.salesforce_fixes += 1
                elif kind is Drift.SHARED_NEWER:
                    sf[11] = f"ar{i}@example.com"
                    sf[13] = _SF_LATER
                    counts["field_conflict"] += 1
                    planted.erp_fixes += 1
                elif kind is Drift.SHARED_SKEW:
                    sf[11] = f"ap{i}@example.com"
                    sf[13] = _SF_SKEW
                    counts["field_conflict"] += 1
                    planted.review += 1
                elif kind is Drift.INVALID_FIX:
                    sf[2] = "Customer with a very long legal name " + "x" * 60  # over the ERP's 80
                    counts["field_conflict"] += 1
                    planted.review += 1
                elif kind is Drift.MULTI:
                    sf[4] = sf[4] + " Nord"
                    erp[9] = "NT60"
                    counts["field_conflict"] += 1
                    planted.erp_fixes += 1
                    planted.salesforce_fixes += 1
                elif kind is Drift.FORMAT_ONLY:
                    erp[8] = erp[8] + ".00"
                    erp[6] = "de"
                    erp[2] = "  " + erp[2].replace(" ", "  ") + " "
                    counts["in_sync"] += 1
                    planted.format_only += 1
                elif kind is Drift.DUPLICATE_KEY:
                    duplicate = list(sf)
                    duplicate[0] = f"001{i:012d}DUP"
                    duplicate[2] = sf[2] + " (duplicate)"
                    sf_out.writerow(duplicate)
                    planted.salesforce_rows += 1
                    counts["duplicate_key"] += 1
                    planted.review += 1
                else:  # QUERYALL_TWIN
                    twin = list(sf)
                    twin[0] = f"001{i:012d}DEL"
                    twin[1] = "true"
                    twin[2] = "Merged away"
                    sf_out.writerow(twin)
                    planted.salesforce_rows += 1
                    counts["in_sync"] += 1
            if write_sf:
                sf_out.writerow(sf)
                planted.salesforce_rows += 1
            if write_erp:
                erp_out.writerow(erp)
                planted.erp_rows += 1
    return planted
