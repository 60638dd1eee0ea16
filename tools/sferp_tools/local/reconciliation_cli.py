"""``sferp local reconciliation compare``: the compare engine on two exports, offline. Writes nothing to either system."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from sferp.errors import PermanentError
from sferp.models.entities import ENTITIES, Owner, get_entity
from sferp.reconciliation.columnar import DEFAULT_MEMORY_LIMIT_MB
from sferp.reconciliation.compare import Engine, reconcile_files
from sferp.reconciliation.report import DEFAULT_LIST_CAP, build_report, write_html, write_json
from sferp.reconciliation.rules import DEFAULT_CLOCK_SKEW, Policy, Rules, parse_timestamp

EXIT_OK = 0
EXIT_INPUT = 2  # bad arguments or input files, the same code argparse uses


class ProgressBar:
    """A one-line bar on a terminal; redraws only when the shown percentage changes."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self._stream = stream
        self._width = width
        self._last: tuple[str, int] | None = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        percent = min(100, done * 100 // total) if total else 100
        if self._last == (phase, percent):
            return
        self._last = (phase, percent)
        filled = self._width * percent // 100
        self._stream.write(f"\r{phase:<8} [{'#' * filled}{'.' * (self._width - filled)}] {percent:3d}%")
        self._stream.flush()

    def close(self) -> None:
        if self._last is not None:
            self._stream.write("\n")
            self._stream.flush()


def register_run(commands: Any) -> None:
    """``sferp local reconciliation run``; the moto runtime it drives is imported only when it runs
    (``compare`` is measured as a whole process and needs none of it)."""
    parser = commands.add_parser(
        "run",
        help="run the reconciliation state machine in moto against the embedded ERP and org",
        description="Plants drift on both sides, runs the real state machine definition in moto's Step "
        "Functions interpreter with the real handler, and prints the report's totals.",
    )
    parser.add_argument("--mode", choices=["live", "shadow"], default="live")
    parser.add_argument("--run-date", default=datetime.now(UTC).date().isoformat(), help="YYYY-MM-DD")
    parser.add_argument("--accounts", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--report", default=None, help="write the JSON report here (and the HTML beside it)")

    def _run(args: argparse.Namespace) -> int:
        from sferp.settings import FlowMode
        from sferp_tools.local.reconciliation import run_local

        code, line = run_local(
            mode=FlowMode(args.mode),
            run_date=args.run_date,
            accounts=args.accounts,
            seed=args.seed,
            report_path=args.report,
        )
        print(line)
        return code

    parser.set_defaults(func=_run)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="compare a Salesforce export with an ERP export and report drift (writes nothing)",
        description="Compare a Salesforce data export with an ERP export; columns per entity are in "
        "docs/reconciliation.md. Exit 0 on success, 2 on a bad argument or input file.",
    )
    parser.add_argument("--entity", required=True, help=f"one of: {', '.join(sorted(ENTITIES))}")
    parser.add_argument("--salesforce", required=True, type=Path, metavar="SF.csv")
    parser.add_argument("--erp", required=True, type=Path, metavar="ERP.csv")
    parser.add_argument("--report", required=True, type=Path, metavar="OUT.json")
    parser.add_argument("--html", type=Path, metavar="OUT.html")
    parser.add_argument(
        "--engine",
        choices=[e.value for e in Engine],
        default=Engine.COLUMNAR.value,
        help="columnar (DuckDB, default) or reference (plain Python, record by record)",
    )
    parser.add_argument(
        "--memory-limit-mb",
        type=int,
        metavar="MiB",
        help=f"columnar: DuckDB's memory limit, it spills to disk beyond it (default {DEFAULT_MEMORY_LIMIT_MB})",
    )
    parser.add_argument("--threads", type=int, help="columnar: DuckDB threads (default: all cores)")
    parser.add_argument(
        "--partitions", type=int, help="reference: key-hash partitions (default: one per 16 MiB of input)"
    )
    parser.add_argument(
        "--workers", type=int, help="reference: processes (default: up to 2; 1 runs in-process)"
    )
    parser.add_argument("--policy", choices=[p.value for p in Policy], default=Policy.LAST_UPDATE_WINS.value)
    parser.add_argument(
        "--clock-skew",
        type=float,
        default=DEFAULT_CLOCK_SKEW.total_seconds(),
        metavar="SECONDS",
        help="last_update_wins: changes closer than this go to review",
    )
    parser.add_argument(
        "--priority",
        choices=[Owner.SALESFORCE.value, Owner.ERP.value],
        default=Owner.ERP.value,
        help="system_priority winner",
    )
    parser.add_argument("--since", metavar="ISO8601", help="watermark of the last successful run")
    parser.add_argument(
        "--list-cap", type=int, default=DEFAULT_LIST_CAP, help="items listed per report section"
    )
    parser.add_argument(
        "--progress", action="store_true", help="show the progress bar even when stderr is not a TTY"
    )
    parser.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"sferp local reconciliation compare: error: {message}", file=sys.stderr)
    return EXIT_INPUT


def run(args: argparse.Namespace) -> int:
    try:
        entity = get_entity(args.entity)
    except PermanentError as exc:
        return _fail(str(exc))
    since = None
    if args.since:
        since = parse_timestamp(args.since)
        if since is None:
            return _fail(f"--since {args.since!r} is not an ISO 8601 timestamp")
    engine = Engine(args.engine)
    for option, value, owner in (
        ("--partitions", args.partitions, Engine.REFERENCE),
        ("--workers", args.workers, Engine.REFERENCE),
        ("--memory-limit-mb", args.memory_limit_mb, Engine.COLUMNAR),
        ("--threads", args.threads, Engine.COLUMNAR),
    ):
        if value is not None and engine is not owner:
            return _fail(f"{option} applies to --engine {owner.value} only")
        if value is not None and value < 1:
            return _fail(f"{option} must be at least 1")
    if args.partitions is not None and args.partitions < 1:
        return _fail("--partitions must be at least 1")
    if args.workers is not None and args.workers < 1:
        return _fail("--workers must be at least 1")
    if args.clock_skew < 0:
        return _fail("--clock-skew must not be negative")
    rules = Rules(
        policy=Policy(args.policy),
        clock_skew=timedelta(seconds=args.clock_skew),
        priority=Owner(args.priority),
        since=since,
    )
    bar = ProgressBar(sys.stderr) if (args.progress or sys.stderr.isatty()) else None
    try:
        outcome = reconcile_files(
            entity,
            args.salesforce,
            args.erp,
            rules,
            engine=engine,
            memory_limit_mb=args.memory_limit_mb,
            threads=args.threads,
            partitions=args.partitions,
            workers=args.workers,
            on_progress=bar,
        )
    except PermanentError as exc:
        if bar is not None:
            bar.close()
        return _fail(str(exc))
    if bar is not None:
        bar.close()
    report = build_report(
        [outcome.result],
        rules=rules,
        duration_s=outcome.duration_s,
        phases_s=outcome.phases_s,
        inputs={
            "salesforce": {"path": str(args.salesforce), "rows": outcome.salesforce_rows},
            "erp": {"path": str(args.erp), "rows": outcome.erp_rows},
        },
        cap=args.list_cap,
    )
    try:
        write_json(report, args.report)
        if args.html:
            write_html(report, args.html)
    except OSError as exc:
        return _fail(f"cannot write the report ({exc})")
    section = report["entities"][entity.name]
    counts = " ".join(f"{k}={v}" for k, v in section["counts"].items())
    print(
        f"{entity.name}: {section['records_compared']} compared, {counts}; fixes salesforce="
        f"{section['fixes']['salesforce']['total']} erp={section['fixes']['erp']['total']}; "
        f"review={section['review']['total']}; {report['duration_s']} s -> {args.report}"
    )
    return EXIT_OK
