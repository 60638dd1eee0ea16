"""docs/operations.md lists exactly the stack's alarms, with their severity and runbook."""

from __future__ import annotations

from pathlib import Path

from synth_support import REPO_ROOT, Synth

from infra.operations_doc import DOC, alarm_table, current_table


def test_the_alarm_table_is_the_stacks(synths: dict[str, Synth]) -> None:
    # Given the prod stack (the table's source) and the committed document
    prod = synths["prod"]
    # Then the table is what the stack defines (regenerate: python -m infra.operations_doc)
    assert current_table(DOC.read_text(encoding="utf-8")) == alarm_table(prod.stack.alarm_specs, "prod")
    # And every environment has the same alarms (names differ only by the environment)
    for synth in synths.values():
        assert alarm_table(synth.stack.alarm_specs, synth.env_name) == alarm_table(
            prod.stack.alarm_specs, "prod"
        )


def test_every_runbook_the_table_links_exists_and_ends_in_commands(synths: dict[str, Synth]) -> None:
    for spec in synths["prod"].stack.alarm_specs:
        text = (REPO_ROOT / spec.runbook).read_text(encoding="utf-8")
        remedy = text.split("## Remedy", 1)[-1]
        assert "`" in remedy, f"{spec.runbook}: its remedy names no command"
        assert Path(REPO_ROOT / spec.runbook).suffix == ".md"
