"""``sferp local ...``: run the integration on this machine (moto + embedded ERP and org)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import IO, Any

from sferp.errors import ConfigurationError


def register(subparsers: Any, words: list[str] | None = None) -> None:
    """``sferp local``: every flow's commands, or (``words`` given) only the flow they name; the
    others get their entry in the list but not their commands (nor the imports those need)."""
    wanted = words[0].replace("-", "_") if words and not words[0].startswith("-") else None

    def built(flow: str) -> bool:  # an unknown word gets every flow, so argparse lists them all
        return wanted in (None, flow) or wanted not in (*LAZY_FLOWS, "order_handoff", "demo")

    local = subparsers.add_parser("local", help="run the integration locally (no AWS, no Salesforce, no ERP)")
    commands = local.add_subparsers(dest="local_command", metavar="FLOW")
    # One sub-command per flow, named by the flow id (the hyphenated spelling is accepted too).
    handoff = flow_parser(
        commands, "order_handoff", "the order handoff: Order_Handoff__e -> ERP sales orders"
    )
    handoff_commands = handoff.add_subparsers(dest="order_handoff_command", metavar="COMMAND")

    run = handoff_commands.add_parser(
        "run",
        help="feed a JSON-lines file of EventBridge events through the local order-handoff stack",
        description=(
            "Each line of --events is one EventBridge event as Salesforce Event Relay delivers it. "
            "The events go onto the local bus, through the pipe and the FIFO queue to the real handler; "
            "the command runs until the queues drain and writes a JSON report. AccountChangeEvent lines "
            "(Change Data Capture, the customer flow) run through the customer flow beside the orders, in "
            "file order; the report then gains the couplings and the ERP customers."
        ),
    )
    run.add_argument("--events", required=True, type=Path, help="JSON-lines file of EventBridge events")
    run.add_argument("--report", required=True, type=Path, help="where to write the JSON report")
    run.add_argument("--seed", type=int, default=0, help="seed for fault injection (default 0)")
    run.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="erp_error_rate, erp_timeout_rate, erp_latency_ms, handler_crash_rate, salesforce_error_rate",
    )
    run.add_argument("--mode", choices=["live", "shadow"], default="live", help="flow mode (default live)")
    run.add_argument("--log-file", type=Path, default=None, help="write the handler's JSON logs here")
    run.add_argument(
        "--org",
        type=Path,
        default=None,
        help="JSON file of the org's Orders with their OrderItems (default: EVENTS.org.json when it exists, "
        "as `generate` writes it); events without Lines__c are handed off by reading these",
    )
    run.add_argument(
        "--no-seed-org",
        dest="seed_org",
        action="store_false",
        help="do not create the Orders the events name in the embedded org first (write-backs then fail NOT_FOUND)",
    )
    run.add_argument(
        "--redrive",
        action="store_true",
        help="after the run, as the DLQ runbook says: faults over, redrive the processing DLQ, drain again "
        "(the report's `redrive` says what converged)",
    )
    run.set_defaults(func=_run)

    generate = handoff_commands.add_parser(
        "generate", help="write a generated stream of Order_Handoff__e events"
    )
    generate.add_argument("--orders", type=int, default=40)
    generate.add_argument("--seed", type=int, default=7)
    generate.add_argument("--duplicate-rate", type=float, default=0.3)
    generate.add_argument("--poison", type=int, default=4)
    generate.add_argument("--out", type=Path, required=True)
    generate.set_defaults(func=_generate)

    demo = commands.add_parser("demo", help="the guided demo behind `make demo`")
    demo.add_argument(
        "--out", type=Path, default=Path(".sferp/demo"), help="where to keep events, logs and reports"
    )
    demo.add_argument("--orders", type=int, default=36)
    demo.add_argument("--seed", type=int, default=11)
    demo.add_argument(
        "--erp",
        choices=["embedded", "odata"],
        default="embedded",
        help="embedded SQLite ERP (default) or the SAP test peer in tests/odata_server (SAP's EDMX as OData v2; needs Node.js 20+)",
    )
    demo.set_defaults(func=_demo)
    inventory = flow_parser(commands, "inventory_lookup", LAZY_FLOWS["inventory_lookup"])
    if built("inventory_lookup"):
        from sferp_tools.local.inventory_lookup_cli import register_local

        register_local(inventory.add_subparsers(dest="inventory_lookup_command", metavar="COMMAND"))
    reconciliation = flow_parser(commands, "reconciliation", LAZY_FLOWS["reconciliation"])
    if built("reconciliation"):
        from sferp_tools.local.reconciliation_cli import register as register_compare
        from sferp_tools.local.reconciliation_cli import register_run as register_reconcile

        reconciliation_commands = reconciliation.add_subparsers(
            dest="reconciliation_command", metavar="COMMAND"
        )
        register_reconcile(reconciliation_commands)
        register_compare(reconciliation_commands)
    erp_status = flow_parser(commands, "erp_status", LAZY_FLOWS["erp_status"])
    if built("erp_status"):
        from sferp_tools.local.erp_status import register as register_erp_status

        register_erp_status(erp_status)
    drill = commands.add_parser("drill", help=LAZY_FLOWS["drill"])
    if built("drill"):
        from sferp_tools.local.drill import register as register_drill

        register_drill(drill)
    for parser in (local, handoff, inventory, reconciliation, erp_status, drill):
        if parser.get_default("func") is None:
            parser.set_defaults(func=_print_help(parser))


# The ``sferp local`` entries whose commands are built only when asked for (see ``register``).
LAZY_FLOWS: dict[str, str] = {
    "inventory_lookup": "the inventory lookup API: query, warm, serve",
    "reconciliation": "the reconciliation: a run in moto, or compare two exports offline",
    "erp_status": "the ERP status flow: ERP order changes -> Salesforce Orders",
    "drill": "an ERP outage judged by the stack's alarms and recovered with the runbook's commands",
}


def flow_parser(commands: Any, flow: str, help_text: str) -> argparse.ArgumentParser:
    """The sub-command of one flow: its id, and the id with hyphens for those who type it so."""
    aliases = [flow.replace("_", "-")] if "_" in flow else []
    parser: argparse.ArgumentParser = commands.add_parser(flow, aliases=aliases, help=help_text)
    return parser


def _print_help(parser: argparse.ArgumentParser) -> Any:
    def show(_args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return 2

    return show


class _Progress:
    """A progress line on stderr, at most once a second, for long runs."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._last = 0.0
        self._started = time.monotonic()

    def __call__(self, state: dict[str, int]) -> None:
        now = time.monotonic()
        if now - self._last < 1.0:
            return
        self._last = now
        print(
            f"\r  {state['records']} records in {state['invocations']} batches "
            f"({self.total} events in, {now - self._started:.0f}s)",
            end="",
            file=sys.stderr,
            flush=True,
        )

    def done(self) -> None:
        if self._last:
            print(file=sys.stderr)


def _seed_org_from_events(events: list[Any], org_records: list[dict[str, Any]] | None = None) -> Any:
    """Create in the embedded org every Order the events name, with the lines they carry, so the
    write-back has records to update and events without lines can be fetched; ``org_records``
    (from ``--org``) are the org's own Orders and OrderItems and win over what the events imply."""
    from sferp.models.salesforce_id import to_18

    def prepare(_erp: Any, org: Any) -> None:
        latest: dict[str, dict[str, Any]] = {}
        for event in events:
            detail = event.get("detail") if isinstance(event, dict) else None
            payload = detail.get("payload") if isinstance(detail, dict) else None
            if not isinstance(payload, dict):
                continue
            try:
                order_id = to_18(str(payload.get("Order_Id__c", "")))
                account_id = to_18(str(payload.get("Account_Id__c", "")))
            except ValueError:
                continue
            lines = payload.get("Lines__c")
            try:
                parsed = json.loads(lines) if isinstance(lines, str) else None
            except json.JSONDecodeError:
                parsed = None
            entry = latest.setdefault(order_id, {"account_id": account_id, "lines": []})
            if isinstance(parsed, list) and all(isinstance(x, dict) for x in parsed):
                valid = [
                    x for x in parsed if isinstance(x.get("quantity"), int | float) and x["quantity"] > 0
                ]
                if len(valid) == len(parsed):
                    entry["lines"] = parsed
            entry["order_number"] = payload.get("Order_Number__c")
        for order_id, entry in latest.items():
            org.add_order(
                order_id,
                account_id=entry["account_id"],
                lines=entry["lines"],
                order_number=entry.get("order_number"),
            )
        for record in org_records or ():
            org.add_order(
                record["order_id"],
                account_id=record["account_id"],
                lines=record.get("lines") or [],
                order_number=record.get("order_number"),
                currency=record.get("currency") or "EUR",
                version=int(record.get("version") or 1),
            )

    return prepare


def _read_org(path: Path) -> list[dict[str, Any]]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        raise ValueError(f"{path}: not a JSON file of Orders ({type(exc).__name__})") from exc
    if not isinstance(records, list) or not all(
        isinstance(r, dict) and isinstance(r.get("order_id"), str) and isinstance(r.get("account_id"), str)
        for r in records
    ):
        raise ValueError(f"{path}: expected a list of {{order_id, account_id, lines ...}} objects")
    return records


def _run(args: argparse.Namespace) -> int:
    from sferp.settings import FlowMode
    from sferp_tools.local.order_handoff import RunFaults, read_events, run_order_handoff

    try:
        faults = RunFaults.from_specs(args.fault)
        events = read_events(args.events)
        org_path = args.org or (org_file_for(args.events) if org_file_for(args.events).is_file() else None)
        org_records = _read_org(org_path) if org_path is not None else None
    except (ValueError, ConfigurationError) as exc:
        print(f"sferp local order_handoff run: error: {exc}", file=sys.stderr)
        return 2
    progress = _Progress(len(events))
    log_path: Path | None = args.log_file
    log_stream: IO[str]
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log_stream = log_path.open("w", encoding="utf-8")
    else:
        import io

        log_stream = io.StringIO()  # keep the terminal readable; --log-file keeps them
    try:
        result = run_order_handoff(
            events,
            faults=faults,
            seed=args.seed,
            mode=FlowMode(args.mode),
            prepare=_seed_org_from_events(events, org_records) if args.seed_org else None,
            progress=progress,
            log_stream=log_stream,
            redrive=args.redrive,
        )
    except RuntimeError as exc:
        # The runtime's bound on rounds (it never loops for ever): say so, no traceback.
        print(f"sferp local order_handoff run: error: {exc}", file=sys.stderr)
        return 1
    finally:
        progress.done()
        log_stream.close()
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(result.report, indent=2, default=str) + "\n", encoding="utf-8")
    counts = result.report["counts"]
    print(
        f"{counts['events_in']} events: {counts['handed_off']} handed off, {counts['cancelled']} cancelled, "
        f"{counts['duplicates_ignored']} duplicates and {counts['stale_ignored']} stale ignored, "
        f"{counts['dead_lettered']} dead-lettered; {counts['erp_sales_orders']} ERP orders. Report: {args.report}"
    )
    sync = result.report.get("customer_sync")
    if sync is not None:
        done = ", ".join(f"{n} {what}" for what, n in sync["outcomes"].items()) or "nothing applied"
        print(
            f"Account changes: {done}, {sync['dead_lettered']} dead-lettered; "
            f"{len(sync['couplings'])} Accounts coupled to ERP customers."
        )
    redriven = result.report.get("redrive")
    if redriven is not None:
        print(
            f"Redrive: {redriven['moved']} messages back to the queue; {redriven['dead_lettered_orders']} dead-lettered "
            f"orders, {redriven['committed_before_the_answer_was_lost']} already in the ERP (answer lost); now "
            f"{redriven['converged_after_redrive']} show the ERP's state with its number (Synced or Cancelled), "
            f"{redriven['in_erp_exactly_once']} in the ERP exactly once, {len(redriven['error_to_converged'])} moved "
            f"from Error; {redriven['invalid_payloads_left']} invalid payloads stay in the DLQ."
        )
    return 0


def _generate(args: argparse.Namespace) -> int:
    from sferp_tools.synthetic.order_handoff import generate

    scenario = generate(args.orders, seed=args.seed, duplicate_rate=args.duplicate_rate, poison=args.poison)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    scenario.write_jsonl(str(args.out))
    org_path = org_file_for(args.out)
    org_path.write_text(json.dumps(scenario.org_records(), indent=1) + "\n", encoding="utf-8")
    print(
        f"{len(scenario.events)} events for {len(scenario.orders)} orders written to {args.out} "
        f"(the org's Orders and OrderItems: {org_path})"
    )
    return 0


def org_file_for(events: Path) -> Path:
    """Where ``generate`` puts the org's records beside an events file (``X.jsonl`` -> ``X.org.json``)."""
    return events.with_suffix(".org.json")


def _demo(args: argparse.Namespace) -> int:
    from sferp_tools.local.demo import run_demo

    return run_demo(out=args.out, orders=args.orders, seed=args.seed, erp=args.erp)
