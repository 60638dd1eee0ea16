"""Every ``sferp`` command the README shows parses with the real CLI, as written.

The commands that only need the local runtime run in the e2e tests and ``.ci/run``; the ``ops``
ones need AWS, so here they are checked as far as offline allows: the words and flags exist.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from sferp_tools.cli import build_parser

README = Path(__file__).resolve().parents[3] / "README.md"


def readme_commands() -> list[str]:
    lines = README.read_text(encoding="utf-8").splitlines()
    commands, pending = [], ""
    for line in lines:
        text = (pending + " " + line.strip()) if pending else line.strip()
        if text.endswith("\\"):
            pending = text[:-1].strip()
            continue
        pending = ""
        if ".venv/bin/sferp " in text:
            commands.append(text[text.index(".venv/bin/sferp ") :].split("`")[0])
    return list(dict.fromkeys(commands))


def test_the_readme_shows_sferp_commands() -> None:
    words = {tuple(shlex.split(c, comments=True)[1:3]) for c in readme_commands()}
    assert {("local", "order_handoff"), ("local", "inventory_lookup"), ("ops", "reconciliation")} <= words


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_parses(command: str) -> None:
    argv = shlex.split(command, comments=True)
    assert argv[0] == ".venv/bin/sferp"
    build_parser().parse_args(argv[1:])  # argparse exits (SystemExit) on an unknown word or flag
