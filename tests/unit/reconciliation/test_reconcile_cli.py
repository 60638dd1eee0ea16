"""``sferp reconcile``: exit codes, one-line errors, the report files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sferp_tools.cli import main
from sferp_tools.synthetic.reconciliation import SALESFORCE_COLUMNS, generate_accounts


@pytest.fixture
def exports(tmp_path: Path):
    sf, erp = tmp_path / "sf.csv", tmp_path / "erp.csv"
    return sf, erp, generate_accounts(sf, erp, 1500, 0.03, seed=3)


def _error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def _compare(sf: Path, erp: Path, report: Path, *extra: str, entity: str = "accounts") -> int:
    """``sferp local reconciliation compare`` on two exports, plus ``extra`` flags."""
    argv = [
        "local",
        "reconciliation",
        "compare",
        "--entity",
        entity,
        "--salesforce",
        str(sf),
        "--erp",
        str(erp),
    ]
    return main([*argv, "--report", str(report), *extra])


def test_writes_json_and_html_reports(exports, tmp_path: Path, capsys):
    # Given two exports with planted drift
    sf, erp, planted = exports
    report, page = tmp_path / "out.json", tmp_path / "out.html"
    # When the command runs with a small list cap
    code = _compare(sf, erp, report, "--html", str(page), "--memory-limit-mb", "64", "--list-cap", "5")
    # Then it succeeds and the report has exact counts, totals and capped lists
    assert code == 0
    data = json.loads(report.read_text())
    section = data["entities"]["accounts"]
    assert {k: v for k, v in section["counts"].items() if v} == dict(planted.counts)
    assert section["review"]["total"] == planted.review and len(section["review"]["items"]) == 5
    assert section["fixes"]["salesforce"]["total"] == planted.salesforce_fixes
    assert section["fixes"]["salesforce"]["upsert_external_id"] == "ERP_Customer_Number__c"
    assert section["fixes"]["erp"]["total"] == planted.erp_fixes
    assert data["inputs"]["salesforce"]["rows"] == planted.salesforce_rows
    assert data["failures"] == {"total": 0, "items": []} and data["duration_s"] >= 0
    assert set(data["phases_s"]) == {"read_s", "join_s", "fetch_s", "classify_s"}
    html = page.read_text()
    assert html.startswith("<!doctype html>") and "Manual review (first 5 of" in html
    assert "accounts:" in capsys.readouterr().out


def test_progress_bar_is_forced_on_with_the_flag(exports, tmp_path: Path, capsys):
    # Given stderr is not a TTY under pytest
    sf, erp, _ = exports
    # When --progress is given / Then the bar is drawn and ends at 100 %
    assert _compare(sf, erp, tmp_path / "r.json", "--progress") == 0
    err = capsys.readouterr().err
    assert "read" in err and "compare" in err and "100%" in err


def test_reference_engine_options_are_refused_for_the_columnar_engine(exports, tmp_path: Path, capsys):
    # Given the default (columnar) engine / When a reference-engine option is passed
    sf, erp, _ = exports
    code = _compare(sf, erp, tmp_path / "r.json", "--partitions", "3")
    # Then it is refused with the reason, not silently ignored
    assert code == 2
    assert _error_line(capsys) == (
        "sferp local reconciliation compare: error: --partitions applies to --engine reference only"
    )
    # And with --engine reference it is taken
    assert (
        _compare(sf, erp, tmp_path / "r.json", "--engine", "reference", "--partitions", "3", "--workers", "1")
        == 0
    )


def test_no_progress_bar_when_not_a_tty(exports, tmp_path: Path, capsys):
    sf, erp, _ = exports
    assert _compare(sf, erp, tmp_path / "r.json") == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "unknown_entity",
            "sferp local reconciliation compare: error: unknown entity 'contacts' (known: accounts, orders, products)",
        ),
        (
            "missing_file",
            "sferp local reconciliation compare: error: {dir}/nope.csv: cannot open (No such file or directory)",
        ),
        (
            "missing_column",
            "sferp local reconciliation compare: error: {dir}/bad.csv: missing column 'Billing_Email__c'",
        ),
        (
            "empty_file",
            "sferp local reconciliation compare: error: {dir}/bad.csv: empty file (no header row)",
        ),
        ("not_utf8", "sferp local reconciliation compare: error: {dir}/bad.csv: not a UTF-8 CSV file"),
        (
            "bad_flag",
            "sferp local reconciliation compare: error: {dir}/bad.csv: line 2: deleted flag 'maybe' is not a boolean",
        ),
        (
            "bad_since",
            "sferp local reconciliation compare: error: --since 'last tuesday' is not an ISO 8601 timestamp",
        ),
    ],
)
def test_errors_are_one_line_with_exit_code_2(case, expected, exports, tmp_path: Path, capsys):
    # Given one broken input per case
    sf, erp, _ = exports
    bad = tmp_path / "bad.csv"
    entity, since = "accounts", []
    if case == "unknown_entity":
        entity = "contacts"
    elif case == "missing_file":
        sf = tmp_path / "nope.csv"
    elif case == "missing_column":
        bad.write_text(
            ",".join(c for c in SALESFORCE_COLUMNS if c != "Billing_Email__c") + "\n", encoding="utf-8"
        )
        sf = bad
    elif case == "empty_file":
        bad.write_text("", encoding="utf-8")
        sf = bad
    elif case == "not_utf8":
        bad.write_bytes(b"\xff\xfe\x00I\x00d\x00\n")
        sf = bad
    elif case == "bad_flag":
        row = ["001000000000001AAA", "maybe"] + ["x"] * (len(SALESFORCE_COLUMNS) - 2)
        bad.write_text(",".join(SALESFORCE_COLUMNS) + "\n" + ",".join(row) + "\n", encoding="utf-8")
        sf = bad
    else:
        since = ["--since", "last tuesday"]
    # When the command runs
    code = _compare(sf, erp, tmp_path / "r.json", *since, entity=entity)
    # Then it exits 2 with one line naming the file and the problem, and writes no report
    assert code == 2
    assert _error_line(capsys).startswith(expected.format(dir=tmp_path))
    assert not (tmp_path / "r.json").exists()


def test_the_offline_compare_loads_neither_pydantic_nor_powertools(exports, tmp_path: Path):
    # Given two exports and a fresh interpreter (the command is measured as a whole process)
    sf, erp, _ = exports
    report = tmp_path / "report.json"
    script = (
        "import json, sys\n"
        "from sferp_tools.cli import main\n"
        f"code = main(['local', 'reconciliation', 'compare', '--entity', 'accounts', '--salesforce', {str(sf)!r}, "
        f"'--erp', {str(erp)!r}, '--report', {str(report)!r}])\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    # When the compare runs to its report
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    code, modules = json.loads(done.stdout.strip().splitlines()[-1])
    # Then it succeeded without importing the two packages its start paid 0.15 s for
    assert code == 0 and report.exists()
    top = {name.split(".")[0] for name in modules}
    assert "duckdb" in top  # the engine did run
    assert not top & {"pydantic", "aws_lambda_powertools", "boto3", "moto"}
