"""``sferp ops order_handoff replay`` against the order-handoff bus, rule and archive in moto."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from ops_world import ENV, OpsWorld, order_id, relay_event
from sferp_tools.ops.replay import REPLAY_NAME_MAX, replay_name

from sferp import names
from sferp.order_handoff import names as handoff_names

ARCHIVE = f"sferp-{ENV}-order-handoff"


@pytest.fixture
def archived(world: OpsWorld) -> tuple[str, str]:
    """The stack's archive holding two order events; returns the --from/--to window around them."""
    world.events.create_archive(
        ArchiveName=ARCHIVE,
        EventSourceArn=world.events.describe_event_bus(Name=world.stack.names["bus"])["Arn"],
        EventPattern=json.dumps(handoff_names.order_handoff_event_pattern()),
        RetentionDays=7,
    )
    start = datetime.now(UTC) - timedelta(minutes=5)
    world.events.put_events(
        Entries=[
            {
                "Source": names.SIMULATED_SALESFORCE_SOURCE,
                "DetailType": handoff_names.ORDER_HANDOFF_DETAIL_TYPE,
                "Detail": json.dumps(json.loads(relay_event(order_id(n)))["detail"]),
                "EventBusName": world.stack.names["bus"],
            }
            for n in (1, 2)
        ]
    )
    world.drain("buffer")  # the original delivery; the test looks for the replayed copies
    return start.isoformat(), datetime.now(UTC).isoformat()


def test_replay_sends_the_window_again_to_the_order_handoff_rule(
    world: OpsWorld, archived: tuple[str, str], run_cli: Any
) -> None:
    # Given the archive holds two order events
    start, end = archived

    # When the window is replayed for the environment
    code, out, _ = run_cli("ops", "order_handoff", "replay", "--env", ENV, "--from", start, "--to", end)

    # Then both events reach the buffer again, marked as replayed, and the output says how to
    # follow the replay and why it is safe
    assert code == 0
    replayed = [json.loads(m["Body"]) for m in world.drain("buffer")]
    assert sorted(e["detail"]["payload"]["Order_Id__c"] for e in replayed) == [order_id(1), order_id(2)]
    name = replayed[0]["replay-name"]
    assert f"aws events describe-replay --replay-name {name}" in out
    assert "idempotent" in out
    assert world.events.describe_replay(ReplayName=name)["Destination"]["FilterArns"] == [
        world.events.describe_rule(Name=world.stack.names["rule"], EventBusName=world.stack.names["bus"])[
            "Arn"
        ]
    ]


def test_replaying_the_same_window_twice_starts_one_replay(
    world: OpsWorld, archived: tuple[str, str], run_cli: Any
) -> None:
    # Given a window already replayed
    start, end = archived
    first, _, _ = run_cli(
        "ops",
        "order_handoff",
        "replay",
        "--archive",
        ARCHIVE,
        "--rule",
        world.stack.names["rule"],
        "--from",
        start,
        "--to",
        end,
    )
    world.drain("buffer")

    # When the same command runs again
    second, out, _ = run_cli(
        "ops",
        "order_handoff",
        "replay",
        "--archive",
        ARCHIVE,
        "--rule",
        world.stack.names["rule"],
        "--from",
        start,
        "--to",
        end,
    )

    # Then it reports the earlier replay and sends nothing
    assert first == second == 0
    assert "started before; its state is COMPLETED" in out
    assert world.drain("buffer") == []
    assert len(world.events.list_replays()["Replays"]) == 1


def test_replay_dry_run_starts_nothing(world: OpsWorld, archived: tuple[str, str], run_cli: Any) -> None:
    # Given an archive
    start, end = archived

    # When replayed with --dry-run
    code, out, _ = run_cli(
        "ops", "order_handoff", "replay", "--env", ENV, "--from", start, "--to", end, "--dry-run"
    )

    # Then the plan is shown and no replay exists
    assert code == 0
    assert "Dry run: nothing started." in out and ARCHIVE in out
    assert world.events.list_replays()["Replays"] == []


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--archive", "no-such-archive"], "archive no-such-archive not found"),
        (["--env", ENV, "--event-bus", "default"], "replays an archive only into the bus it archives"),
        (
            ["--env", ENV, "--rule", "no-such-rule"],
            "rule no-such-rule on bus sferp-local-salesforce not found",
        ),
        (["--env", ENV, "--from", "yesterday"], "not an ISO-8601 time"),
        ([], "name the archive"),
    ],
)
def test_replay_errors_are_one_line_and_exit_2(
    world: OpsWorld, archived: tuple[str, str], run_cli: Any, argv: list[str], expected: str
) -> None:
    # Given an archive and a valid window
    start, end = archived
    window = [] if "--from" in argv else ["--from", start]

    # When the replay is asked for with one thing wrong
    code, out, err = run_cli("ops", "order_handoff", "replay", *window, "--to", end, *argv)

    # Then one line names it and nothing starts
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and expected in err
    assert world.events.list_replays()["Replays"] == []


def test_replay_window_must_be_in_the_past(world: OpsWorld, archived: tuple[str, str], run_cli: Any) -> None:
    # Given / When a window ending tomorrow
    start, _ = archived
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    code, _, err = run_cli("ops", "order_handoff", "replay", "--env", ENV, "--from", start, "--to", tomorrow)

    # Then it is refused
    assert code == 2 and "--to is in the future" in err


def test_replay_names_are_deterministic_and_valid() -> None:
    # Given a partner-style archive name with characters replays do not allow
    start = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
    end = start + timedelta(hours=1)
    archive = "sferp-production-eu-order-handoff/with:odd chars"

    # When named twice, and once with a salt
    first = replay_name(archive, start, end, rule_arns=["arn:r"])
    again = replay_name(archive, start, end, rule_arns=["arn:r"])
    salted = replay_name(archive, start, end, rule_arns=["arn:r"], salt="2")

    # Then the name is stable, within EventBridge's limits, and a salt changes it
    assert first == again != salted
    assert len(first) <= REPLAY_NAME_MAX
    assert all(c.isalnum() or c in ".-_" for c in first)
    assert "20261129T0800-20261129T0900" in first


def test_ops_backfill_of_order_events_is_the_archive_replay(
    world: OpsWorld, archived: tuple[str, str], run_cli: Any
) -> None:
    # Given the archive holding two order events / When the order events of the window are backfilled
    start, end = archived
    code, out, err = run_cli(
        "ops", "backfill", "--env", ENV, "--entity", "order_events", "--since", start, "--to", end
    )
    # Then it is the replay of that window into the order-handoff rule (one replay, safe to repeat)
    assert code == 0, err
    replayed = [json.loads(m["Body"]) for m in world.drain("buffer")]
    assert sorted(e["detail"]["payload"]["Order_Id__c"] for e in replayed) == [order_id(1), order_id(2)]
    assert "idempotent" in out


def test_ops_backfill_refuses_a_window_that_does_not_fit_the_entity(run_cli: Any) -> None:
    code, out, err = run_cli("ops", "backfill", "--env", ENV, "--entity", "order_events", "--full")
    assert code == 2 and out == "" and "replays a window: give --since" in err
    code, _, err = run_cli(
        "ops",
        "backfill",
        "--env",
        ENV,
        "--entity",
        "accounts",
        "--since",
        "2026-11-01T00:00:00Z",
        "--to",
        "2026-11-02T00:00:00Z",
    )
    assert code == 2 and "--to goes with --entity order_events" in err
    # A reconciled entity's backfill is the targeted run (its dry run calls no AWS)
    code, out, _ = run_cli(
        "ops",
        "backfill",
        "--env",
        "prod",
        "--entity",
        "accounts",
        "--since",
        "2026-11-01T00:00:00Z",
        "--dry-run",
    )
    assert code == 0 and "sferp-prod-reconciliation" in out and "Dry run: nothing started." in out
