"""Event Relay health from ``EventRelayFeedback``: a stopped, paused, failing or silent relay is
reported with its reason and the metric the relay alarms read; ``RUNNING`` alone is not health,
and a quiet org (nothing published) is not a silent relay."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sferp_tools.embedded_org import EmbeddedSalesforceOrg
from sferp_tools.local.harness import load_handler

from sferp.errors import ConfigurationError
from sferp.relay_health import app
from sferp.relay_health import names as relay_names
from sferp.relay_health.service import RelayHealthChecker
from sferp.relay_health.settings import RelayHealthSettings

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)
EVENTS = "aws.partner/salesforce.com/00D000000000001EAA/0YL000000000001GAA"
CHANGES = "aws.partner/salesforce.com/00D000000000001EAA/0YL000000000002GAA"


def _checker(org: EmbeddedSalesforceOrg) -> RelayHealthChecker:
    return RelayHealthChecker(
        salesforce=org,
        relays={"events": EVENTS, "changes": CHANGES},
        environment="prod",
        silent_window=timedelta(minutes=30),
        clock=lambda: NOW,
    )


def _feedback(org: EmbeddedSalesforceOrg, source: str, status: str = "RUNNING", **fields) -> None:
    fields.setdefault(
        "LastRelayedEventTime", (NOW - timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M:%S.000+0000")
    )
    org.add_record(relay_names.SF_FEEDBACK, RemoteResource=source, Status=status, **fields)


def _metrics(printed: str) -> dict[tuple[str, str], float]:
    found = {}
    for line in printed.splitlines():
        if '"CloudWatchMetrics"' not in line:
            continue
        document = json.loads(line)
        [directive] = document["_aws"]["CloudWatchMetrics"]
        assert directive["Dimensions"] == [["environment", "flow", "relay", "service"]]
        assert (document["environment"], document["flow"]) == ("prod", "relay_health")
        for metric in directive["Metrics"]:
            found[(document["relay"], metric["Name"])] = document[metric["Name"]][0]
    return found


def test_running_relays_that_relay_are_healthy_and_say_so_in_metrics(capsys):
    org = EmbeddedSalesforceOrg()
    _feedback(org, EVENTS)
    _feedback(org, CHANGES)
    results = _checker(org).check()
    assert [r.healthy for r in results] == [True, True]
    published = _metrics(capsys.readouterr().out)
    assert published[("events", "RelayRunning")] == 1
    assert published[("events", "RelaySilent")] == 0 and published[("changes", "RelayError")] == 0
    assert published[("events", "RelaySilentMinutes")] == 2.0


def test_a_relay_without_feedback_is_stopped(capsys):
    org = EmbeddedSalesforceOrg()
    _feedback(org, EVENTS)
    [events, changes] = _checker(org).check()
    assert events.healthy
    assert changes.status == "STOPPED" and not changes.running
    assert "stopping deletes its feedback" in changes.problems[0]
    assert _metrics(capsys.readouterr().out)[("changes", "RelayRunning")] == 0


@pytest.mark.parametrize(
    ("status", "reason"), [("PAUSED", "status PAUSED"), ("DEGRADED", "not one sferp knows")]
)
def test_a_relay_that_is_not_running_is_reported_with_its_status(status, reason):
    org = EmbeddedSalesforceOrg()
    _feedback(org, EVENTS, status=status)
    [events, _] = _checker(org).check()
    assert not events.running and reason in events.problems[0]


def test_a_recent_error_is_reported_with_salesforces_code_and_message(capsys):
    org = EmbeddedSalesforceOrg()
    _feedback(
        org,
        EVENTS,
        ErrorCode="AWS_CREDENTIALS_EXPIRED",  # illustrative: sferp passes Salesforce's code on as it is
        ErrorMessage="The named credential's AWS credentials are not valid.",
        ErrorTime=(NOW - timedelta(minutes=4)).strftime("%Y-%m-%dT%H:%M:%S.000+0000"),
    )
    _feedback(org, CHANGES, ErrorCode="OLD", ErrorTime=(NOW - timedelta(days=2)).isoformat())
    [events, changes] = _checker(org).check()
    assert events.error and "AWS_CREDENTIALS_EXPIRED" in events.problems[0]
    assert not changes.error  # an error long past the window is history, not news
    assert _metrics(capsys.readouterr().out)[("events", "RelayError")] == 1


def test_running_but_silent_while_salesforce_published_is_a_silent_relay(capsys):
    # Given both relays RUNNING, nothing relayed for two hours, Orders activated an hour ago
    org = EmbeddedSalesforceOrg()
    two_hours_ago = (NOW - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S.000+0000")
    _feedback(org, EVENTS, LastRelayedEventTime=two_hours_ago)
    _feedback(org, CHANGES, LastRelayedEventTime=two_hours_ago)
    for _ in range(3):
        org.add_record("Order", ActivatedDate=NOW - timedelta(hours=1))
    org.add_record("Order", ActivatedDate=NOW - timedelta(hours=3))  # before the silence: relayed
    # When checked
    calls = org.api_calls
    [events, changes] = _checker(org).check()
    # Then the events relay is silent (3 Orders activated since its last event), the CDC relay is
    # only quiet (no Account changed), and the check cost one feedback query and two evidence queries
    assert (
        events.silent and events.unrelayed_evidence == 3 and "3 Order records changed" in events.problems[0]
    )
    assert changes.healthy and not changes.silent
    assert org.api_calls - calls == 3
    published = _metrics(capsys.readouterr().out)
    assert published[("events", "RelaySilent")] == 1 and published[("changes", "RelaySilent")] == 0


def test_the_settings_refuse_relays_they_cannot_check():
    base = {"SFERP_ENVIRONMENT": "prod", "SFERP_SALESFORCE_ADAPTER": "embedded"}
    ok = RelayHealthSettings.from_env({**base, relay_names.ENV_RELAYS: json.dumps({"events": EVENTS})})
    assert ok.relays == {"events": EVENTS} and ok.silent_window_min == relay_names.SILENT_WINDOW_MIN
    with pytest.raises(ConfigurationError, match="unknown relays"):
        RelayHealthSettings.from_env({**base, relay_names.ENV_RELAYS: json.dumps({"orders": EVENTS})})
    with pytest.raises(ConfigurationError, match="not Event Relay partner event sources"):
        RelayHealthSettings.from_env({**base, relay_names.ENV_RELAYS: json.dumps({"events": "my-bus"})})


def test_the_handler_checks_on_its_schedules_payload_and_refuses_anything_else():
    org = EmbeddedSalesforceOrg()
    _feedback(org, EVENTS, status="PAUSED")
    _feedback(org, CHANGES)
    app.set_checker(_checker(org))
    try:
        handler = load_handler("relay_health").lambda_handler
        from sferp_tools.local.lambda_context import LocalLambdaContext

        answer = handler(
            {"task": relay_names.TASK}, LocalLambdaContext(function_name="sferp-prod-relay-health")
        )
        assert answer["healthy"] is False
        assert [r["status"] for r in answer["relays"]] == ["PAUSED", "RUNNING"]
        with pytest.raises(ValueError, match="does not know"):
            handler({"Records": []}, LocalLambdaContext(function_name="sferp-prod-relay-health"))
    finally:
        app.set_checker(None)
