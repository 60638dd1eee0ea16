"""``sferp ops ...``: inspect and redrive dead-letter queues, replay from the EventBridge archive,
follow and rerun reconciliation runs (``reconcile.py``), work the review queue (``review.py``).

Exit codes: 0 done; 1 done in part (an ``--order-id`` was not in the DLQ); 2 nothing done (bad
arguments, queue or archive not found, no permission) with one line on stderr saying why.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sferp_tools.ops.aws import ARCHIVE_SUFFIX, QUEUE_SUFFIXES, RULE_SUFFIX, OpsError, resource_name

EXIT_PARTIAL = 1
EXIT_FAILED = 2
SAFE_TO_REPEAT = (
    "Safe to repeat: the handler is idempotent on (Order Id, Order_Version__c, action) and the ERP "
    "upsert is keyed by the Salesforce Order Id, so anything already applied is counted as a "
    "duplicate (DuplicatesIgnored) or stale (StaleIgnored), never written twice."
)


def register(subparsers: Any, _words: list[str] | None = None) -> None:
    ops = subparsers.add_parser(
        "ops", help="operations: DLQs, archive replay, reconciliation runs and the review queue"
    )
    commands = ops.add_subparsers(dest="ops_command", metavar="FLOW")
    from sferp_tools.local.cli import flow_parser

    # One sub-command per flow, named by the flow id: what an operator does to that flow.
    handoff = flow_parser(commands, "order_handoff", "the order handoff: its DLQs and archive replay")
    handoff_commands = handoff.add_subparsers(dest="order_handoff_command", metavar="COMMAND")
    reconciliation = flow_parser(
        commands,
        "reconciliation",
        "the nightly reconciliation: runs (status, rerun, report) and the review queue",
    )
    reconciliation_commands = reconciliation.add_subparsers(dest="reconciliation_command", metavar="COMMAND")

    # Every leaf takes the AWS options, so they can follow the command as runbooks write them.
    aws = argparse.ArgumentParser(add_help=False)
    aws.add_argument("--region", default=None, help="AWS region (default: your AWS configuration)")
    aws.add_argument("--profile", default=None, help="AWS profile (default: your AWS configuration)")
    aws.add_argument(
        "--env",
        default=None,
        help="environment name (dev, staging, prod): resolves the stack's resource names sferp-<env>-...",
    )
    queue_help = (
        "queue URL, ARN or name; with --env also "
        + " | ".join(f"{alias} (sferp-<env>-{suffix})" for alias, suffix in QUEUE_SUFFIXES.items())
        + " (default with --env: processing)"
    )

    dlq = handoff_commands.add_parser("dlq", help="the order handoff's dead-letter queues")
    dlq_commands = dlq.add_subparsers(dest="dlq_command", metavar="COMMAND")

    inspect = dlq_commands.add_parser(
        "inspect",
        parents=[aws],
        help="list dead letters with their reasons, without consuming them",
        description="Receives messages and makes them visible again at once: nothing leaves the queue.",
    )
    inspect.add_argument("--queue", default=None, help=queue_help)
    inspect.add_argument("--max", type=_positive, default=20, help="at most this many messages (default 20)")
    inspect.add_argument("--json", action="store_true", help="print JSON instead of text")
    inspect.add_argument("--show-body", action="store_true", help="include each message body (order data!)")
    inspect.set_defaults(func=_guarded("order_handoff dlq inspect", _inspect))

    redrive = dlq_commands.add_parser(
        "redrive",
        parents=[aws],
        help="move dead letters back to their source queue",
        description=(
            "Moves messages from a DLQ back to its source queue (found from the queues' redrive "
            "policy unless --to names it). Without --order-id a server-side SQS move task "
            "(StartMessageMoveTask) moves them all; with --order-id, or where move tasks are not "
            "available, each message is sent to the target (same message group, a new deduplication "
            "id) and deleted from the DLQ only after the send succeeded."
        ),
    )
    redrive.add_argument("--queue", default=None, help=queue_help)
    redrive.add_argument("--to", default=None, help="target queue (default: the DLQ's source queue)")
    redrive.add_argument(
        "--order-id",
        dest="order_ids",
        action="extend",
        nargs="+",
        default=[],
        metavar="ID",
        help="only the messages of these Salesforce Order Ids (15 or 18 characters)",
    )
    redrive.add_argument("--dry-run", action="store_true", help="list what would move; move nothing")
    redrive.add_argument(
        "--method",
        choices=["auto", "move-task", "copy"],
        default="auto",
        help="auto (default): a move task when every message moves, else send + delete; copy: always send + delete",
    )
    redrive.set_defaults(func=_guarded("order_handoff dlq redrive", _redrive))

    replay = handoff_commands.add_parser(
        "replay",
        parents=[aws],
        help="replay a time window from the EventBridge archive",
        description=(
            "Starts an EventBridge archive replay of [--from, --to) into the archive's bus, filtered to "
            "the order-handoff rule. The replay name is derived from archive, window and rules, so "
            "running the same command again reports the running replay instead of replaying twice."
        ),
    )
    replay.add_argument(
        "--archive", default=None, help="archive name or ARN (default with --env: sferp-<env>-order-handoff)"
    )
    replay.add_argument("--from", dest="start", required=True, help="ISO-8601 start (UTC when no zone)")
    replay.add_argument("--to", dest="end", required=True, help="ISO-8601 end (UTC when no zone)")
    replay.add_argument("--event-bus", default=None, help="bus name or ARN (default: the archive's own bus)")
    replay.add_argument(
        "--rule",
        dest="rules",
        action="append",
        default=[],
        help="only these rules receive the events (default with --env: sferp-<env>-order-handoff)",
    )
    replay.add_argument(
        "--name-suffix",
        default="",
        help="replay the same window again on purpose (gives the replay a new name)",
    )
    replay.add_argument("--dry-run", action="store_true", help="check and show the replay; start nothing")
    replay.set_defaults(func=_guarded("order_handoff replay", _replay))

    # The review queue and the reconciliation runs: their parsers live with their commands.
    from sferp_tools.ops import reconciliation as reconcile
    from sferp_tools.ops import review

    reconcile.register(reconciliation_commands, aws=aws, guarded=_guarded)
    review.register(reconciliation_commands, aws=aws, guarded=_guarded)
    # The review queue is the reconciliation's, and what operators reach for by name: also `sferp ops review`.
    review.register(commands, aws=aws, guarded=_guarded)

    backfill = commands.add_parser(
        "backfill",
        parents=[aws],
        help="re-sync an entity or a time window: a targeted reconciliation run, or an archive replay",
        description=(
            "Re-syncs what a flow may have missed, the way that fits it: accounts, orders or products "
            "-> a targeted reconciliation run over --since (or --full: every record), compared, fixed "
            "in live mode and reported (sferp ops reconciliation backfill); order_events -> the order "
            "handoff's Order_Handoff__e events from --since to --to replayed from the EventBridge "
            "archive (sferp ops order_handoff replay), handed off again idempotently. --dry-run shows "
            "what would start and starts nothing."
        ),
    )
    backfill.add_argument(
        "--entity", required=True, choices=[*BACKFILL_ENTITIES, "order_events"], help="what to re-sync"
    )
    window = backfill.add_mutually_exclusive_group()
    window.add_argument("--since", default=None, metavar="ISO8601", help="from this time (UTC when no zone)")
    window.add_argument("--full", action="store_true", help="every record (reconciled entities only)")
    backfill.add_argument(
        "--to", dest="until", default=None, metavar="ISO8601", help="order_events: until (default now)"
    )
    backfill.add_argument("--dry-run", action="store_true", help="show what would start; start nothing")
    backfill.add_argument(
        "--json", action="store_true", help="print JSON instead of text (reconciled entities)"
    )
    backfill.set_defaults(func=_guarded("backfill", _backfill_any))

    for parser in (ops, handoff, reconciliation, dlq):
        parser.set_defaults(func=_help_of(parser))


BACKFILL_ENTITIES = ("accounts", "orders", "products")


def _backfill_any(args: argparse.Namespace) -> int:
    """``sferp ops backfill``: the reconciliation's targeted run, or the order events' replay."""
    from sferp_tools.ops import reconciliation as reconcile

    if args.entity in BACKFILL_ENTITIES:
        if args.until:
            raise OpsError(
                "--to goes with --entity order_events (a replay window); a reconciliation run covers --since to now"
            )
        return int(reconcile._backfill(argparse.Namespace(**{**vars(args), "state_machine": None})))
    if args.full or not args.since:
        raise OpsError("--entity order_events replays a window: give --since ISO8601 (and --to, default now)")
    end = args.until or datetime.now(UTC).replace(microsecond=0).isoformat()
    return int(
        _replay(
            argparse.Namespace(
                **vars(args),
                start=args.since,
                end=end,
                archive=None,
                event_bus=None,
                rules=[],
                name_suffix="",
            )
        )
    )


def _help_of(parser: argparse.ArgumentParser) -> Any:
    def show(_args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return EXIT_FAILED

    return show


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _guarded(name: str, command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Every failure the operator can act on becomes one line and exit code 2."""

    def run(args: argparse.Namespace) -> int:
        from sferp_tools.ops.aws import describe_aws_error

        try:
            return command(args)
        except OpsError as exc:
            message = str(exc)
        except Exception as exc:
            from botocore.exceptions import BotoCoreError, ClientError

            if not isinstance(exc, ClientError | BotoCoreError):
                raise
            message = describe_aws_error(exc, what=name)
        print(f"sferp ops {name}: error: {message}", file=sys.stderr)
        return EXIT_FAILED

    return run


def _clients(args: argparse.Namespace, service: str) -> Any:
    from sferp_tools.ops import aws

    return aws.client(aws.session(region=args.region, profile=args.profile), service)


def _queue_value(args: argparse.Namespace) -> str:
    if args.queue:
        return str(args.queue)
    if args.env:
        return "processing"
    raise OpsError("name the queue: --queue URL_OR_NAME, or --env ENV for the processing DLQ")


# --- dlq inspect -------------------------------------------------------------------------------------
def _inspect(args: argparse.Namespace) -> int:
    from sferp_tools.ops.dlq import format_age, inspect_dlq, now_utc, queue_depth, resolve_queue

    sqs = _clients(args, "sqs")
    queue = resolve_queue(sqs, _queue_value(args), env=args.env)
    messages = inspect_dlq(sqs, queue, max_messages=args.max)
    visible, in_flight = queue_depth(sqs, queue)
    now = now_utc()
    if args.json:
        document = {
            "queue": queue.name,
            "queue_url": queue.url,
            "approximate_visible": visible,
            "approximate_in_flight": in_flight,
            "messages": [m.as_dict(now=now, show_body=args.show_body) for m in messages],
        }
        print(json.dumps(document, indent=2))
        return 0
    print(
        f"{queue.name}: {len(messages)} message(s) shown, about {visible} in the queue"
        + (f" and {in_flight} in flight" if in_flight else "")
    )
    for message in messages:
        print(
            f"- {message.message_id}  order {message.salesforce_order_id or '(unknown)'}  "
            f"age {format_age(message.age_s(now))}  receives {message.receive_count}"
        )
        print(f"    reason:  {message.reason}")
        print(f"    payload: {message.summary}")
        if args.show_body:
            print(f"    body:    {message.body}")
    if len(messages) >= args.max and visible > len(messages):
        print(f"(more messages: raise --max above {args.max})")
    return 0


# --- dlq redrive -------------------------------------------------------------------------------------
def _redrive(args: argparse.Namespace) -> int:
    from sferp.models.salesforce_id import to_18
    from sferp_tools.ops.dlq import RedriveMethod, redrive, resolve_queue, source_queue_of

    try:
        order_ids = [to_18(value) for value in args.order_ids]
    except ValueError as exc:
        raise OpsError(f"--order-id: {exc}") from exc
    sqs = _clients(args, "sqs")
    dlq = resolve_queue(sqs, _queue_value(args), env=args.env)
    target = resolve_queue(sqs, args.to, env=args.env) if args.to else source_queue_of(sqs, dlq)
    result = redrive(
        sqs, dlq, target, order_ids=order_ids, dry_run=args.dry_run, method=RedriveMethod(args.method)
    )
    if result.fallback_reason:
        print(f"{result.fallback_reason}: using send + delete instead")
    if result.task_handle:
        print(f"Started an SQS message move task (StartMessageMoveTask) {dlq.name} -> {target.name}.")
        print("SQS moves every message in the background, oldest first.")
        print(f"Follow it: aws sqs list-message-move-tasks --source-arn {dlq.arn}")
        print(f"  task handle: {result.task_handle}")
    else:
        how = (
            "a move task (StartMessageMoveTask; send + delete where the endpoint lacks it)"
            if result.method is RedriveMethod.MOVE_TASK
            else "send + delete (same message group, new deduplication id)"
        )
        verb = "Would move" if result.dry_run else "Moved"
        print(f"{verb} {len(result.moved)} message(s) {dlq.name} -> {target.name} with {how}.")
        for message in result.moved:
            print(
                f"- {message.message_id}  order {message.salesforce_order_id or '(unknown)'}  {message.reason}"
            )
        poison = [m for m in result.moved if m.invalid_payload]
        if poison:
            print(
                f"{len(poison)} of them were dead-lettered as invalid: they fail again (at once, with "
                "their reason) until the record is fixed in Salesforce."
            )
        if result.left:
            print(f"{result.left} message(s) of other orders stay in {dlq.name}.")
        if result.arrived_during_run:
            print(
                f"{result.arrived_during_run} message(s) arrived in {dlq.name} during the run and stay there."
            )
    if not result.dry_run:
        print(SAFE_TO_REPEAT)
    if result.missing_order_ids:
        print(
            f"sferp ops order_handoff dlq redrive: not in {dlq.name}: {', '.join(result.missing_order_ids)}",
            file=sys.stderr,
        )
        return EXIT_PARTIAL
    return 0


# --- replay ------------------------------------------------------------------------------------------
def _replay(args: argparse.Namespace) -> int:
    from sferp_tools.ops.replay import parse_time, plan_replay, start_replay

    archive = args.archive or (resource_name(args.env, ARCHIVE_SUFFIX) if args.env else None)
    if not archive:
        raise OpsError("name the archive: --archive NAME, or --env ENV for sferp-<env>-order-handoff")
    rules = args.rules or ([resource_name(args.env, RULE_SUFFIX)] if args.env else [])
    events = _clients(args, "events")
    plan = plan_replay(
        events,
        archive=archive,
        start=parse_time(args.start, option="--from"),
        end=parse_time(args.end, option="--to"),
        event_bus=args.event_bus,
        rules=rules,
        salt=args.name_suffix,
    )
    for warning in plan.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Replay {plan.name}")
    print(f"  archive  {plan.archive_name} ({plan.archive_arn})")
    print(f"  window   {plan.start.isoformat()} -> {plan.end.isoformat()}")
    print(f"  into     {plan.bus_arn}")
    print(f"  rules    {', '.join(plan.rule_arns) or 'every rule on the bus'}")
    if args.dry_run:
        print("Dry run: nothing started.")
        return 0
    started = start_replay(events, plan)
    if started.already_existed:
        print(f"This replay was started before; its state is {started.state}. Nothing new was started.")
        print("To replay the same window again on purpose, add --name-suffix (e.g. --name-suffix 2).")
    else:
        print(f"Started; state {started.state}.")
    region = f" --region {args.region}" if args.region else ""
    print(
        f"Follow it: aws events describe-replay --replay-name {plan.name}{region}"
        "  (STARTING -> RUNNING -> COMPLETED)"
    )
    print(SAFE_TO_REPEAT)
    return 0
