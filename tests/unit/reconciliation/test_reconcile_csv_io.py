"""The fast export reader must read exactly what the csv module reads."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sferp_tools.synthetic.reconciliation import SALESFORCE_COLUMNS, generate_accounts

from sferp.reconciliation.compare import reconcile_files
from sferp.reconciliation.csv_io import ExportReader, MissingColumnError
from sferp.reconciliation.rules import Rules

TRICKY = (
    '"a","b","c"\r\n'  # every value quoted (the Salesforce export fast path)
    "d,e,f\n"  # no quotes (the ERP fast path)
    '"g ""quoted""","h","i"\n'  # embedded quotes
    '"j","two\nlines","k"\n'  # a value spanning lines
    '"l",m,"n, with comma"\n'  # mixed quoting
    "\n"  # a blank line
    '"","",""\n'  # empty quoted values
    '"o","p","q"'  # no final newline
)


def test_export_reader_matches_the_csv_module():
    # Given a file with every quoting layout exports use
    expected = [row for row in csv.reader(io.StringIO(TRICKY, newline="")) if row]
    # When read with the fast reader
    reader = ExportReader(io.StringIO(TRICKY, newline=""), 3)
    rows = list(reader)
    # Then the records are identical and the line count includes the header line
    assert rows == expected
    assert reader.line_num == 1 + TRICKY.count("\n") + 1


def test_export_reader_reports_an_unterminated_quote():
    # Given a quoted value that never ends / When read / Then csv.Error names the problem
    with pytest.raises(csv.Error, match="inside a quoted value"):
        list(ExportReader(io.StringIO('"a","b\n'), 2))


def test_a_bad_file_fails_the_pooled_run_with_its_error(tmp_path: Path):
    # Given a good ERP export and a Salesforce export without its link key column
    sf, erp = tmp_path / "sf.csv", tmp_path / "erp.csv"
    generate_accounts(sf, erp, 100)
    sf.write_text(
        ",".join(c for c in SALESFORCE_COLUMNS if c != "ERP_Customer_Number__c") + "\n", encoding="utf-8"
    )
    # When reconciled with worker processes / Then the worker's error reaches the caller
    with pytest.raises(MissingColumnError, match="ERP_Customer_Number__c"):
        reconcile_files("accounts", sf, erp, Rules(), workers=2)
