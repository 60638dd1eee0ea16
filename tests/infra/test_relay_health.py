"""Event Relay health where the environment has Event Relay (prod in cdk.json), and nothing where it
has none (dev, staging): a function whose settings validate as the handler's and name exactly the
configured partner event sources, a five-minute schedule, and per-relay alarms on the metrics the
check emits, the not-running one treating a missing check as breaching."""

from __future__ import annotations

import json
from typing import Any

from synth_support import Synth

from sferp import names
from sferp.relay_health import names as relay_names
from sferp.relay_health.settings import RelayHealthSettings


def _of_type(synth: Synth, kind: str) -> dict[str, dict[str, Any]]:
    return {k: r for k, r in synth.resources.items() if r["Type"] == kind}


def _functions(synth: Synth) -> list[dict[str, Any]]:
    return [
        r
        for r in _of_type(synth, "AWS::Lambda::Function").values()
        if relay_names.ENV_RELAYS in r["Properties"].get("Environment", {}).get("Variables", {})
    ]


def test_only_an_environment_with_event_relay_checks_relays(dev: Synth, prod: Synth) -> None:
    assert _functions(dev) == [] and dev.stack.relay_health is None
    [function] = _functions(prod)
    variables = function["Properties"]["Environment"]["Variables"]
    settings = RelayHealthSettings.from_env(
        {k: v if isinstance(v, str) else "arn:aws:resolved:at:deploy" for k, v in variables.items()}
    )
    assert settings.relays == {
        "events": "aws.partner/salesforce.com/00D000000000001EAA/0YL000000000001GAA",
        "changes": "aws.partner/salesforce.com/00D000000000001EAA/0YL000000000002GAA",
    }
    assert settings.salesforce_adapter == "simple_salesforce" and settings.silent_window_min == 30


def test_the_check_runs_every_five_minutes_with_its_task(prod: Synth) -> None:
    [schedule] = [
        r["Properties"]
        for r in _of_type(prod, "AWS::Scheduler::Schedule").values()
        if r["Properties"]["Name"] == names.resource_name("prod", relay_names.SCHEDULE)
    ]
    assert schedule["ScheduleExpression"] == "rate(5 minutes)"
    assert json.loads(schedule["Target"]["Input"]) == {"task": relay_names.TASK}
    assert schedule["Target"]["DeadLetterConfig"]["Arn"]


def test_each_relay_has_its_three_alarms_on_the_metrics_the_check_emits(prod: Synth) -> None:
    alarms = {
        r["Properties"]["AlarmName"].removeprefix("sferp-prod-"): r["Properties"]
        for r in _of_type(prod, "AWS::CloudWatch::Alarm").values()
        if "-relay-" in r["Properties"]["AlarmName"]
    }
    assert set(alarms) == {
        f"relay-{relay}-{kind}"
        for relay in ("events", "changes")
        for kind in ("not-running", "error", "silent")
    }
    for name, alarm in alarms.items():
        relay = name.split("-")[1]
        dimensions = {d["Name"]: d["Value"] for d in alarm["Dimensions"]}
        assert dimensions == {
            **names.metric_dimensions("prod", relay_names.FLOW_RELAY_HEALTH),
            "relay": relay,
        }
        assert alarm["MetricName"] in (
            relay_names.METRIC_RUNNING,
            relay_names.METRIC_ERROR,
            relay_names.METRIC_SILENT,
        )
    running = alarms["relay-events-not-running"]
    assert running["MetricName"] == relay_names.METRIC_RUNNING and running["TreatMissingData"] == "breaching"
    assert running["ComparisonOperator"] == "LessThanThreshold" and running["Threshold"] == 1
    assert "[critical]" in alarms["relay-events-silent"]["AlarmDescription"]
