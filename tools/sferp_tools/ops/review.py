"""Work the reconciliation's manual review queue: list, show and resolve items.

The nightly run parks what no ownership rule settles in the review table
(``sferp-<env>-reconcile-review``, written by ``sferp.reconciliation.aws.ReviewQueue``):
one item per open difference, keyed ("<entity>#<key>", "<field>" or "-" for a whole-record
difference). Operators address an item as ``<entity>#<key>#<field>``, the two keys joined.

Resolving applies the decision, then records it and closes the item: the reconciliation's task
function (``sferp-<env>-reconcile-task``, task ``apply_decision``) writes the chosen value to the
side(s) that differ through the same adapters as the nightly apply, and refuses in shadow or off
mode, for a whole-record difference, or for a side sferp never writes, with the reason;
``--record-only`` records a decision without writing (the value then goes in by hand). ``retry-all``
writes again the fixes a target refused (reason ``fix_rejected_by_target``, task ``retry_fixes``)
and closes the items that land. The next run confirms either: the difference is gone, or the run
writes the item again as open, and the decision stays in the trail.

The trail: every decision is also its own item ("decision#<entity>#<key>", "<field>#<when>"),
written in the same transaction as the status change. The nightly run overwrites review items,
never decision items, so who decided what, when and why survives a reopened item.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Final

from sferp.reconciliation import definition as d
from sferp.reconciliation import names as reconcile_names
from sferp.reconciliation.rules import Reason
from sferp_tools.ops.aws import OpsError, aws_call, describe_aws_error, resource_name
from sferp_tools.ops.reconciliation import parse_run_date

REVIEW_TABLE_SUFFIX: Final = reconcile_names.REVIEW_TABLE
DECISION_PREFIX: Final = "decision#"
RECORD_LEVEL: Final = "-"  # the sort key of a whole-record difference (ReviewQueue.put_many)
OPEN: Final = "open"
RESOLVED: Final = "resolved"
NOTE_MAX: Final = 1000  # characters; a reason, not a document
PK: Final = reconcile_names.RECONCILE_TABLE_PARTITION_KEY
SK: Final = reconcile_names.RECONCILE_TABLE_SORT_KEY


class Take(StrEnum):
    SALESFORCE = "salesforce"  # Salesforce's value stands
    ERP = "erp"  # the ERP's value stands
    VALUE = "value"  # neither: the operator's --value


def table_name(*, env: str | None, table: str | None) -> str:
    if table:
        return table.split(":table/", 1)[-1]
    if env:
        return resource_name(env, REVIEW_TABLE_SUFFIX)
    raise OpsError(f"name the review table: --env ENV (sferp-<env>-{REVIEW_TABLE_SUFFIX}) or --table NAME")


def item_id(pk: str, sk: str) -> str:
    return f"{pk}#{sk}"


def parse_item_id(text: str) -> tuple[str, str]:
    """``<entity>#<key>#<field>`` -> (partition key, sort key). Entity and field names hold no
    '#', the key may."""
    value = text.strip()
    entity, _, rest = value.partition("#")
    key, _, field_name = rest.rpartition("#")
    if not entity or not key or not field_name or value.startswith(DECISION_PREFIX):
        raise OpsError(
            f"not a review item id: {text!r} (expected <entity>#<key>#<field>, as `review list` shows)"
        )
    return f"{entity}#{key}", field_name


def _plain(attribute: dict[str, Any]) -> Any:
    """A DynamoDB attribute value as Python (the table only holds strings, numbers and maps)."""
    kind, value = next(iter(attribute.items()))
    if kind == "M":
        return {k: _plain(v) for k, v in value.items()}
    if kind == "NULL":
        return None
    return value


@dataclass(frozen=True)
class Resolution:
    take: str
    value: str | None
    note: str
    by: str
    at: str
    applied: str | None = None  # what the task function wrote, e.g. "erp: ok"; None: recorded only


@dataclass(frozen=True)
class ReviewRecord:
    id: str
    entity: str
    key: str
    field: str | None
    status: str
    reason: str
    record_class: str
    salesforce_value: str | None
    erp_value: str | None
    detail: str | None
    run_date: str
    mode: str
    resolution: Resolution | None = None
    history: tuple[dict[str, Any], ...] = ()

    @classmethod
    def from_item(cls, raw: dict[str, Any]) -> ReviewRecord:
        item = {k: _plain(v) for k, v in raw.items()}
        pk, sk = str(item[PK]), str(item[SK])
        entity, _, key = pk.partition("#")
        resolution = None
        if item.get("resolved_by"):
            resolution = Resolution(
                take=str(item.get("resolution_take", "")),
                value=item.get("resolution_value"),
                note=str(item.get("resolution_note", "")),
                by=str(item["resolved_by"]),
                at=str(item.get("resolved_at", "")),
                applied=item.get("resolution_applied"),
            )
        return cls(
            id=item_id(pk, sk),
            entity=str(item.get("entity") or entity),
            key=key,
            field=None if sk == RECORD_LEVEL else sk,
            status=str(item.get("status", OPEN)),
            reason=str(item.get("reason", "")),
            record_class=str(item.get("record_class", "")),
            salesforce_value=item.get("salesforce_value"),
            erp_value=item.get("erp_value"),
            detail=item.get("detail"),
            run_date=str(item.get("run_id", "")),
            mode=str(item.get("mode", "")),
            resolution=resolution,
        )

    def as_dict(self) -> dict[str, Any]:
        document = asdict(self)
        document["history"] = list(self.history)
        return document


def _scan(dynamodb: Any, table: str) -> Iterator[dict[str, Any]]:
    with aws_call(f"review table {table}"):
        for page in dynamodb.get_paginator("scan").paginate(TableName=table):
            yield from page.get("Items", [])


def list_items(
    dynamodb: Any,
    table: str,
    *,
    status: str | None = OPEN,
    entity: str | None = None,
    run_date: str | None = None,
) -> list[ReviewRecord]:
    """Review items, filtered. A scan: the queue holds what is open now, a few hundred items at
    most (ReviewQueue.items does the same)."""
    records = [
        ReviewRecord.from_item(raw)
        for raw in _scan(dynamodb, table)
        if not str(_plain(raw[PK])).startswith(DECISION_PREFIX)
    ]
    return sorted(
        (
            r
            for r in records
            if (status is None or r.status == status)
            and (entity is None or r.entity == entity)
            and (run_date is None or r.run_date == run_date)
        ),
        key=lambda r: (r.run_date, r.entity, r.key, r.field or ""),
    )


def get_item(dynamodb: Any, table: str, text: str, *, with_history: bool = True) -> ReviewRecord:
    pk, sk = parse_item_id(text)
    with aws_call(f"review table {table}"):
        raw = dynamodb.get_item(TableName=table, Key={PK: {"S": pk}, SK: {"S": sk}}, ConsistentRead=True).get(
            "Item"
        )
    if raw is None:
        raise OpsError(f"review item {text} not found in {table}")
    record = ReviewRecord.from_item(raw)
    if not with_history:
        return record
    return ReviewRecord(**{**record.__dict__, "history": tuple(decisions_of(dynamodb, table, pk, sk))})


def decisions_of(dynamodb: Any, table: str, pk: str, sk: str) -> list[dict[str, Any]]:
    """Every decision ever recorded for the item, oldest first."""
    out: list[dict[str, Any]] = []
    with aws_call(f"review table {table}"):
        pages = dynamodb.get_paginator("query").paginate(
            TableName=table,
            KeyConditionExpression="#pk = :pk AND begins_with(#sk, :field)",
            ExpressionAttributeNames={"#pk": PK, "#sk": SK},
            ExpressionAttributeValues={":pk": {"S": DECISION_PREFIX + pk}, ":field": {"S": f"{sk}#"}},
        )
        for page in pages:
            for raw in page.get("Items", []):
                item = {k: _plain(v) for k, v in raw.items()}
                out.append({k: item.get(k) for k in ("at", "by", "take", "value", "note", "seen_in_run")})
    return out


def caller_arn(sts: Any) -> str:
    """Who is resolving: the operator's AWS identity (an assumed role names the session)."""
    with aws_call("the caller identity (sts:GetCallerIdentity)"):
        return str(sts.get_caller_identity()["Arn"])


def _already_closed(record: ReviewRecord) -> str:
    who = f" by {record.resolution.by} at {record.resolution.at}" if record.resolution else ""
    return f"review item {record.id} is already {record.status}{who}"


def plan_resolution(
    record: ReviewRecord, *, take: Take, value: str | None, note: str, by: str, now: datetime | None = None
) -> Resolution:
    """Check the decision against the item; returns what would be recorded."""
    if record.status != OPEN:
        raise OpsError(_already_closed(record))
    note = note.strip()
    if not note:
        raise OpsError("--note must say why (it is the audit trail)")
    if len(note) > NOTE_MAX:
        raise OpsError(f"--note is longer than {NOTE_MAX} characters")
    if take is Take.VALUE:
        if value is None:
            raise OpsError("--take value needs --value V")
        if record.field is None:
            raise OpsError(
                f"review item {record.id} is a whole-record difference ({record.record_class}): "
                "take salesforce or erp"
            )
        chosen: str | None = value
    else:
        if value is not None:
            raise OpsError(f"--value goes with --take value, not --take {take.value}")
        chosen = record.salesforce_value if take is Take.SALESFORCE else record.erp_value
    at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    return Resolution(take=take.value, value=chosen, note=note, by=by, at=at)


def record_resolution(dynamodb: Any, table: str, record: ReviewRecord, resolution: Resolution) -> None:
    """Close the item and add the decision to the trail, both or neither."""
    from botocore.exceptions import ClientError

    pk, sk = parse_item_id(record.id)
    values: dict[str, Any] = {
        ":resolved": {"S": RESOLVED},
        ":open": {"S": OPEN},
        ":by": {"S": resolution.by},
        ":at": {"S": resolution.at},
        ":take": {"S": resolution.take},
        ":note": {"S": resolution.note},
    }
    update = "SET #status = :resolved, resolved_by = :by, resolved_at = :at, resolution_take = :take, resolution_note = :note"
    if resolution.value is not None:
        values[":value"] = {"S": resolution.value}
        update += ", resolution_value = :value"
    else:
        update += " REMOVE resolution_value"
    if resolution.applied is not None:
        values[":applied"] = {"S": resolution.applied}
        update = update.replace(
            ", resolution_note = :note", ", resolution_note = :note, resolution_applied = :applied"
        )
    decision: dict[str, Any] = {
        PK: {"S": DECISION_PREFIX + pk},
        SK: {"S": f"{sk}#{resolution.at}"},
        "item_id": {"S": record.id},
        "entity": {"S": record.entity},
        "at": {"S": resolution.at},
        "by": {"S": resolution.by},
        "take": {"S": resolution.take},
        "note": {"S": resolution.note},
        "seen_in_run": {"S": record.run_date},
        "reason": {"S": record.reason},
    }
    for name, text in (
        ("applied", resolution.applied),
        ("value", resolution.value),
        ("salesforce_value", record.salesforce_value),
        ("erp_value", record.erp_value),
    ):
        if text is not None:
            decision[name] = {"S": text}
    try:
        dynamodb.transact_write_items(
            TransactItems=[
                {
                    "Update": {
                        "TableName": table,
                        "Key": {PK: {"S": pk}, SK: {"S": sk}},
                        "UpdateExpression": update,
                        # The nightly run may have rewritten or the item been resolved since it was
                        # read: decide only on the open item the operator saw.
                        "ConditionExpression": "attribute_exists(#pk) AND #status = :open",
                        "ExpressionAttributeNames": {"#pk": PK, "#status": "status"},
                        "ExpressionAttributeValues": values,
                    }
                },
                {
                    "Put": {
                        "TableName": table,
                        "Item": decision,
                        "ConditionExpression": "attribute_not_exists(#pk)",
                        "ExpressionAttributeNames": {"#pk": PK},
                    }
                },
            ]
        )
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "TransactionCanceledException":
            raise OpsError(describe_aws_error(exc, what=f"review table {table}")) from exc
        # Say why from the item as it is now (not found, or resolved by someone else meanwhile).
        current = get_item(dynamodb, table, record.id, with_history=False)
        if current.status != OPEN:
            raise OpsError(_already_closed(current)) from exc
        raise OpsError(f"review item {record.id} changed while resolving it: run the command again") from exc


def format_value(value: str | None, width: int) -> str:
    if value is None:
        return "(none)"
    text = value.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(records: list[ReviewRecord], *, width: int = 24) -> list[str]:
    header = ["ID", "ENTITY", "KEY", "FIELD", "SALESFORCE", "ERP", "REASON", "RUN DATE"]
    resolved = any(r.resolution for r in records)
    if resolved:
        header.append("DECISION")
    rows = [header]
    for r in records:
        row = [
            r.id,
            r.entity,
            r.key,
            r.field or RECORD_LEVEL,
            format_value(r.salesforce_value, width),
            format_value(r.erp_value, width),
            r.reason,
            r.run_date,
        ]
        if resolved:
            row.append(f"{r.resolution.take} by {r.resolution.by}" if r.resolution else "")
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]


def to_json(records: list[ReviewRecord]) -> str:
    return json.dumps([r.as_dict() for r in records], indent=2)


# --- the command line (registered by sferp_tools.ops.cli) -------------------------------------------------
RESOLVE_DESCRIPTION: Final = (
    "Applies the decision and records it: the reconciliation's task function writes the chosen value "
    "to the side(s) that differ (take salesforce: the ERP gets Salesforce's value; take erp: "
    "Salesforce gets the ERP's; take value: both get --value), through the same adapters as the "
    "nightly apply. Then the decision (who: your AWS identity from sts:GetCallerIdentity; when; "
    "which side or value; why; what was written) is recorded and the item resolved, atomically with "
    "an audit item later runs never overwrite. Refused, with the reason and nothing written or "
    "recorded: in shadow or off mode, a whole-record difference, a value the field's rules refuse, "
    "a side sferp never writes. --record-only records the decision without writing (enter the value "
    "by hand). The next run confirms the fix or reopens the item."
)
RETRY_DESCRIPTION: Final = (
    "Writes again, through the reconciliation's task function, the fixes a target refused at apply "
    "time (open items with reason fix_rejected_by_target, or the --reason given), once the cause is "
    "fixed (a validation rule, a locked record, a missing permission). Items whose fix lands are "
    "resolved with a 'retry' decision by you; the others stay open with the target's new answer. "
    "Items needing a decision (conflicts) are listed and left alone. Refused in shadow or off mode."
)
_UNAPPLIABLE_MODES: Final = ("shadow", "off")


def function_name(env: str | None, function: str | None) -> str:
    if function:
        return function.split(":function:", 1)[-1]
    if env:
        return resource_name(env, reconcile_names.TASK_FUNCTION)
    raise OpsError(
        f"name the reconciliation task function: --env ENV (sferp-<env>-{reconcile_names.TASK_FUNCTION}) "
        "or --function NAME"
    )


def invoke_task(lambda_client: Any, function: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Call the task function synchronously; its own refusal (shadow mode, a value the field's
    rules refuse) comes back as an OpsError with the function's message."""
    with aws_call(f"the reconciliation task function {function} (lambda:InvokeFunction)"):
        answer = lambda_client.invoke(
            FunctionName=function, InvocationType="RequestResponse", Payload=json.dumps(payload).encode()
        )
    raw = answer["Payload"].read() if hasattr(answer["Payload"], "read") else answer["Payload"]
    body = json.loads(raw or b"null")
    if answer.get("FunctionError"):
        message = body.get("errorMessage") if isinstance(body, dict) else str(body)
        kind = body.get("errorType") if isinstance(body, dict) else "error"
        raise OpsError(f"{function} refused: {kind}: {message}")
    if not isinstance(body, dict):
        raise OpsError(f"{function} answered {body!r}, not a result")
    return body


def plan_apply(record: ReviewRecord, resolution: Resolution) -> dict[str, Any]:
    """The task function's payload for a decision, or why it cannot be applied."""
    if record.field is None:
        raise OpsError(
            f"review item {record.id} is a whole-record difference ({record.record_class}): nothing to "
            "write field by field; settle it in the target system and use --record-only"
        )
    if record.mode in _UNAPPLIABLE_MODES:
        raise OpsError(
            f"review item {record.id} was found by a {record.mode} run: {record.mode} writes nothing to "
            "Salesforce or the ERP; --record-only records the decision"
        )
    return {
        "task": d.TASK_APPLY_DECISION,
        "decision": {
            "entity": record.entity,
            "key": record.key,
            "field": record.field,
            "take": resolution.take,
            "value": resolution.value,
            "by": resolution.by,
            "note": resolution.note,
        },
    }


def register(commands: Any, *, aws: Any, guarded: Any) -> None:
    review = commands.add_parser("review", help="the reconciliation's manual review queue")
    review_commands = review.add_subparsers(dest="review_command", metavar="COMMAND")
    table_help = f"review table name or ARN (default with --env: sferp-<env>-{REVIEW_TABLE_SUFFIX})"
    function_help = (
        f"task function name or ARN (default with --env: sferp-<env>-{reconcile_names.TASK_FUNCTION})"
    )

    listing = review_commands.add_parser(
        "list", parents=[aws], help="review items (default: the open ones)", description="One line per item."
    )
    listing.add_argument("--table", default=None, help=table_help)
    listing.add_argument("--run-date", default=None, help="only items last seen by this run (YYYY-MM-DD)")
    listing.add_argument("--entity", default=None, help="only this entity (accounts, products, orders)")
    listing.add_argument("--status", choices=[OPEN, RESOLVED], default=OPEN, help="default: open")
    listing.add_argument("--json", action="store_true", help="print JSON (values in full) instead of a table")
    listing.set_defaults(func=guarded("reconciliation review list", _list))

    show = review_commands.add_parser(
        "show", parents=[aws], help="one item with both values, why, and its decisions"
    )
    show.add_argument("id", metavar="ID", help="<entity>#<key>#<field>, as `review list` shows it")
    show.add_argument("--table", default=None, help=table_help)
    show.add_argument("--json", action="store_true", help="print JSON instead of text")
    show.set_defaults(func=guarded("reconciliation review show", _show))

    resolve = review_commands.add_parser(
        "resolve",
        parents=[aws],
        help="apply a decision on an item to the target system, record it and close the item",
        description=RESOLVE_DESCRIPTION,
    )
    resolve.add_argument("id", metavar="ID", help="<entity>#<key>#<field>, as `review list` shows it")
    resolve.add_argument("--table", default=None, help=table_help)
    resolve.add_argument(
        "--take",
        choices=[t.value for t in Take],
        required=True,
        help="salesforce or erp: that side's value stands; value: neither, --value V does",
    )
    resolve.add_argument("--value", default=None, help="the value that stands (with --take value)")
    resolve.add_argument("--note", required=True, help="why (kept in the audit trail)")
    resolve.add_argument(
        "--record-only", action="store_true", help="record the decision without writing it to either system"
    )
    resolve.add_argument("--function", default=None, help=function_help)
    resolve.add_argument(
        "--dry-run", action="store_true", help="show what would be written and recorded; do neither"
    )
    resolve.set_defaults(func=guarded("reconciliation review resolve", _resolve))

    retry = review_commands.add_parser(
        "retry-all",
        parents=[aws],
        help="write again the fixes a target refused, and close the items that land",
        description=RETRY_DESCRIPTION,
    )
    retry.add_argument("--table", default=None, help=table_help)
    retry.add_argument("--function", default=None, help=function_help)
    retry.add_argument("--entity", default=None, help="only this entity (accounts, products, orders)")
    retry.add_argument("--run-date", default=None, help="only items last seen by this run (YYYY-MM-DD)")
    retry.add_argument(
        "--reason",
        default=Reason.FIX_REJECTED.value,
        help=f"only items with this reason (default {Reason.FIX_REJECTED.value})",
    )
    retry.add_argument("--dry-run", action="store_true", help="list what would be retried; write nothing")
    retry.add_argument("--json", action="store_true", help="print JSON instead of text")
    retry.set_defaults(func=guarded("reconciliation review retry-all", _retry_all))

    review.set_defaults(func=lambda _args: review.print_help(sys.stderr) or 2)


def _dynamodb(args: Any) -> Any:
    from sferp_tools.ops import cli as ops_cli

    return ops_cli._clients(args, "dynamodb")


def _list(args: Any) -> int:
    table = table_name(env=args.env, table=args.table)
    run_date = parse_run_date(args.run_date) if args.run_date else None
    records = list_items(_dynamodb(args), table, status=args.status, entity=args.entity, run_date=run_date)
    if args.json:
        print(to_json(records))
        return 0
    filters = ", ".join(
        f"{name} {value}" for name, value in (("entity", args.entity), ("run date", run_date)) if value
    )
    print(f"{table}: {len(records)} {args.status} item(s)" + (f" ({filters})" if filters else ""))
    if records:
        print("\n".join(render_table(records)))
    if args.status == OPEN and records:
        print(
            "Resolve one: sferp ops reconciliation review resolve ID --take salesforce|erp|value [--value V] --note WHY"
        )
    return 0


def _show(args: Any) -> int:
    table = table_name(env=args.env, table=args.table)
    record = get_item(_dynamodb(args), table, args.id)
    if args.json:
        print(json.dumps(record.as_dict(), indent=2))
        return 0
    print(f"{record.id}  ({record.status})")
    for label, value in (
        ("entity", record.entity),
        ("key", record.key),
        ("field", record.field or f"{RECORD_LEVEL} (whole record)"),
        ("class", record.record_class),
        ("reason", record.reason),
        ("salesforce", format_value(record.salesforce_value, 200)),
        ("erp", format_value(record.erp_value, 200)),
        ("detail", record.detail or ""),
        ("run date", f"{record.run_date} ({record.mode})" if record.mode else record.run_date),
    ):
        if value:
            print(f"  {label:<11}{value}")
    if record.resolution:
        r = record.resolution
        print(f"  {'resolved':<11}take {r.take} = {format_value(r.value, 200)} by {r.by} at {r.at}: {r.note}")
        print(f"  {'written':<11}{r.applied or 'nothing (recorded only)'}")
    for decision in record.history:
        print(
            f"  {'decision':<11}{decision['at']} {decision['by']}: take {decision['take']} = "
            f"{format_value(decision.get('value'), 200)} ({decision['note']})"
        )
    return 0


def _resolve(args: Any) -> int:
    from sferp_tools.ops import cli as ops_cli

    table = table_name(env=args.env, table=args.table)
    dynamodb = _dynamodb(args)
    record = get_item(dynamodb, table, args.id, with_history=False)
    by = caller_arn(ops_cli._clients(args, "sts"))
    resolution = plan_resolution(record, take=Take(args.take), value=args.value, note=args.note, by=by)
    payload = None if args.record_only else plan_apply(record, resolution)
    targets = {"salesforce": "the ERP", "erp": "Salesforce"}.get(resolution.take, "Salesforce and the ERP")
    if args.dry_run:
        print(
            f"Would {'record' if payload is None else f'write to {targets} and record'} on {record.id}: "
            f"take {resolution.take} = {format_value(resolution.value, 200)}"
        )
        print(f"  by {resolution.by} at {resolution.at}: {resolution.note}")
        print("Dry run: nothing written, nothing recorded.")
        return 0
    if payload is not None:
        function = function_name(args.env, args.function)
        answer = invoke_task(ops_cli._clients(args, "lambda"), function, payload)
        results = answer.get("results") or {}
        if not answer.get("applied"):
            refused = "; ".join(f"{side}: {r.get('error')}" for side, r in results.items() if not r.get("ok"))
            raise OpsError(f"not applied, nothing recorded: {refused}")
        resolution = dataclasses.replace(
            resolution, applied=", ".join(f"{side} {r.get('column')}: ok" for side, r in results.items())
        )
    record_resolution(dynamodb, table, record, resolution)
    print(f"Recorded on {record.id}: take {resolution.take} = {format_value(resolution.value, 200)}")
    print(f"  by {resolution.by} at {resolution.at}: {resolution.note}")
    if resolution.applied:
        print(f"Written: {resolution.applied}. The next reconciliation run confirms it.")
    else:
        print(
            f"Nothing was written to Salesforce or the ERP (--record-only): set the value in {targets} by hand. "
            "The next reconciliation run confirms it, or reopens the item if the difference is still there."
        )
    return 0


def _retry_all(args: Any) -> int:
    from sferp_tools.ops import cli as ops_cli

    table = table_name(env=args.env, table=args.table)
    dynamodb = _dynamodb(args)
    run_date = parse_run_date(args.run_date) if args.run_date else None
    records = list_items(dynamodb, table, status=OPEN, entity=args.entity, run_date=run_date)
    wanted = [r for r in records if r.reason == args.reason]
    retryable = [
        r for r in wanted if r.reason == Reason.FIX_REJECTED.value and r.mode not in _UNAPPLIABLE_MODES
    ]
    left = [r for r in wanted if r not in retryable]
    lines = [f"{table}: {len(wanted)} open item(s) with reason {args.reason}, {len(retryable)} to retry"]
    lines += [
        f"  not retried: {r.id}: {'found by a ' + r.mode + ' run' if r.mode in _UNAPPLIABLE_MODES else 'needs a decision: review resolve'}"
        for r in left
    ]
    if args.dry_run or not retryable:
        lines += [f"  would retry: {r.id}" for r in retryable] if args.dry_run else []
        print(
            json.dumps({"retry": [r.id for r in retryable], "not_retried": [r.id for r in left]})
            if args.json
            else "\n".join(lines)
        )
        return 0
    by = caller_arn(ops_cli._clients(args, "sts"))
    answer = invoke_task(
        ops_cli._clients(args, "lambda"),
        function_name(args.env, args.function),
        {
            "task": d.TASK_RETRY_FIXES,
            "items": [{"entity": r.entity, "key": r.key, "run_id": r.run_date} for r in retryable],
        },
    )
    outcome = {(str(x.get("entity")), str(x.get("key"))): x for x in answer.get("results") or []}
    at = datetime.now(UTC).isoformat(timespec="seconds")
    landed, failed = [], []
    for record in retryable:
        result = outcome.get((record.entity, record.key)) or {"ok": False, "error": "no answer for it"}
        if result.get("ok"):
            record_resolution(
                dynamodb,
                table,
                record,
                Resolution(
                    take="retry",
                    value=None,
                    note="retry-all: the refused fix was written again",
                    by=by,
                    at=at,
                    applied="ok",
                ),
            )
            landed.append(record.id)
        else:
            failed.append((record.id, str(result.get("error"))))
    if args.json:
        print(
            json.dumps(
                {
                    "resolved": landed,
                    "still_open": [{"id": i, "error": e} for i, e in failed],
                    "not_retried": [r.id for r in left],
                }
            )
        )
    else:
        lines += [f"  written and resolved: {i}" for i in landed]
        lines += [f"  still refused (open): {i}: {e}" for i, e in failed]
        print("\n".join(lines))
    return 1 if failed else 0
