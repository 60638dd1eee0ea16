"""The customer-master step of ``make demo`` tells what happened, and what it tells is true."""

from __future__ import annotations

from pathlib import Path

import pytest
from sferp_tools.local.customer_sync_demo import demo_step


def test_the_demo_story_runs_and_shows_each_step(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    demo_step(out=tmp_path, seed=11)
    lines = {
        line.strip().rsplit("  ", 1)[0].strip(): line.strip().rsplit(" ", 1)[-1]
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("  ")
    }
    assert (
        lines["new Account Nordwind AG -> ERP customer"] == lines["the Account shows ERP_Customer_Number__c"]
    )
    assert lines["order for uncoupled Suedwind GmbH, first attempt"] == "Waiting"
    assert lines["the Order shows"] == "Synced"
    assert lines["ERP credit limit 50000 -> Account Credit_Limit__c"] == "50000"
    assert lines["its change event (by the integration user) -> ERP calls"] == "0"
    assert lines["Salesforce calls (1 re-read query + 1 status write)"] == "2"
    assert lines["GAP_OVERFLOW -> targeted reconciliation started"].startswith(
        "2025-12-01-cdc-gap-overflow-accounts-"
    )
