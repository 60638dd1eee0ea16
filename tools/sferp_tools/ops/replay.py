"""Replay a time window of order-handoff events from the EventBridge archive.

When events went missing (delivery DLQ expired, a rule was disabled, a bad deploy), the archive
still holds them for its retention period. A replay sends them to the archive's bus again, to
the order-handoff rule only, and the handler's idempotency (Order Id, ``Order_Version__c``,
action) turns everything already applied into a counted duplicate: replays are safe.

The replay name is derived from the archive and the window, so running the same command twice
reports the replay already started instead of sending the window a second time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from sferp_tools.ops.aws import OpsError, aws_call, describe_aws_error

# EventBridge replay names: [.\-_A-Za-z0-9]+, at most 64 characters.
REPLAY_NAME_MAX: Final = 64
_NAME_UNSAFE = re.compile(r"[^.\-_A-Za-z0-9]")
_ARCHIVE_STEM_MAX: Final = 26  # + "-" + 2 x 13-character times + "-" x 2 + 8-character digest = 63


def parse_time(text: str, *, option: str) -> datetime:
    """ISO-8601; a time without a zone is UTC (operators copy times from UTC dashboards)."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise OpsError(f"{option}: {text!r} is not an ISO-8601 time (e.g. 2026-11-29T08:00:00Z)") from exc
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def replay_name(
    archive_name: str, start: datetime, end: datetime, *, rule_arns: Sequence[str] = (), salt: str = ""
) -> str:
    """The same archive, window and rules always give the same name."""
    key = "|".join([archive_name, start.isoformat(), end.isoformat(), *sorted(rule_arns), salt])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    stem = _NAME_UNSAFE.sub("-", archive_name)[:_ARCHIVE_STEM_MAX]
    name = f"{stem}-{start:%Y%m%dT%H%M}-{end:%Y%m%dT%H%M}-{digest}"
    assert len(name) <= REPLAY_NAME_MAX
    return name


def _bus_name(bus_arn: str) -> str:
    # Partner bus names contain slashes (aws.partner/salesforce.com/<org>/<relay>).
    return bus_arn.split(":event-bus/", 1)[-1]


@dataclass(frozen=True)
class ReplayPlan:
    name: str
    archive_name: str
    archive_arn: str
    bus_arn: str
    rule_arns: tuple[str, ...]
    start: datetime
    end: datetime
    warnings: tuple[str, ...] = field(default=())


def plan_replay(
    events: Any,
    *,
    archive: str,
    start: datetime,
    end: datetime,
    event_bus: str | None = None,
    rules: Sequence[str] = (),
    salt: str = "",
    now: datetime | None = None,
) -> ReplayPlan:
    """Check the archive, the bus and the rules, and name the replay; starts nothing."""
    now = now or datetime.now(UTC)
    if start >= end:
        raise OpsError("--from must be before --to")
    if end > now:
        raise OpsError(f"--to is in the future ({end.isoformat()}); EventBridge replays only past events")
    archive_name = archive.split(":archive/", 1)[-1]
    with aws_call(f"archive {archive_name}"):
        described = events.describe_archive(ArchiveName=archive_name)
    bus_arn = str(described["EventSourceArn"])
    if event_bus:
        wanted = event_bus
        if not event_bus.startswith("arn:"):
            with aws_call(f"event bus {event_bus}"):
                wanted = str(events.describe_event_bus(Name=event_bus)["Arn"])
        if wanted != bus_arn:
            raise OpsError(
                f"EventBridge replays an archive only into the bus it archives ({_bus_name(bus_arn)}), "
                f"not {_bus_name(wanted)}"
            )
    rule_arns: list[str] = []
    for rule in rules:
        with aws_call(f"rule {rule} on bus {_bus_name(bus_arn)}"):
            rule_arns.append(str(events.describe_rule(Name=rule, EventBusName=_bus_name(bus_arn))["Arn"]))
    warnings: list[str] = []
    retention_days = int(described.get("RetentionDays") or 0)  # 0: kept indefinitely
    if retention_days and start < now - timedelta(days=retention_days):
        warnings.append(
            f"the archive keeps events for {retention_days} days: the window before "
            f"{(now - timedelta(days=retention_days)).isoformat(timespec='seconds')} is gone"
        )
    if not rule_arns:
        warnings.append("no rule named: every rule on the bus receives the replayed events")
    return ReplayPlan(
        name=replay_name(archive_name, start, end, rule_arns=rule_arns, salt=salt),
        archive_name=archive_name,
        archive_arn=str(described["ArchiveArn"]),
        bus_arn=bus_arn,
        rule_arns=tuple(rule_arns),
        start=start,
        end=end,
        warnings=tuple(warnings),
    )


@dataclass(frozen=True)
class ReplayStarted:
    state: str
    already_existed: bool


def start_replay(events: Any, plan: ReplayPlan) -> ReplayStarted:
    """Start the replay; if one with the plan's name exists, report its state instead."""
    from botocore.exceptions import ClientError

    destination: dict[str, Any] = {"Arn": plan.bus_arn}
    if plan.rule_arns:
        destination["FilterArns"] = list(plan.rule_arns)
    try:
        response = events.start_replay(
            ReplayName=plan.name,
            Description=f"sferp ops order_handoff replay {plan.start.isoformat()} -> {plan.end.isoformat()}",
            EventSourceArn=plan.archive_arn,
            EventStartTime=plan.start,
            EventEndTime=plan.end,
            Destination=destination,
        )
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "ResourceAlreadyExistsException":
            raise OpsError(describe_aws_error(exc, what=f"replay of archive {plan.archive_name}")) from exc
        with aws_call(f"replay {plan.name}"):
            state = str(events.describe_replay(ReplayName=plan.name).get("State", "UNKNOWN"))
        return ReplayStarted(state=state, already_existed=True)
    return ReplayStarted(state=str(response.get("State", "STARTING")), already_existed=False)
