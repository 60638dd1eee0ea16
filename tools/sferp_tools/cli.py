"""The ``sferp`` command line. Each command group lives in its own module and registers itself
here; this module only dispatches."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sferp import __version__

# Each module exposes ``register(subparsers)``; its commands set ``func`` on their parser.
COMMAND_MODULES: tuple[str, ...] = (
    "sferp_tools.local.cli",
    "sferp_tools.ops.cli",
)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(prog="sferp", description="Salesforce <-> ERP integration on AWS")
    parser.add_argument("--version", action="version", version=f"sferp {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    return int(func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
