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
    # And every environment has the same alarms (names differ only by the environment), but for
    # the Event Relay health alarms, which exist exactly where the environment has a relay
    for synth in synths.values():
        relays = synth.stack.relay_health.relays if synth.stack.relay_health else {}
        expected = [
            spec
            for spec in prod.stack.alarm_specs
            if not spec.runbook.startswith("docs/runbooks/relay_health-")
            or any(f"-relay-{relay}-" in spec.name for relay in relays)
        ]
        assert alarm_table(synth.stack.alarm_specs, synth.env_name) == alarm_table(expected, "prod")


def test_every_runbook_the_table_links_exists_and_ends_in_commands(synths: dict[str, Synth]) -> None:
    for spec in synths["prod"].stack.alarm_specs:
        text = (REPO_ROOT / spec.runbook).read_text(encoding="utf-8")
        remedy = text.split("## Remedy", 1)[-1]
        assert "`" in remedy, f"{spec.runbook}: its remedy names no command"
        assert Path(REPO_ROOT / spec.runbook).suffix == ".md"
