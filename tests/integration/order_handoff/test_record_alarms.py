"""The record-level alarms see what Lambda's Errors cannot: an ERP outage fails records through the
partial batch response, and the record-error-rate alarm, evaluated with the stack's own definition
on the metrics the handler emitted, crosses its threshold; a healthy batch stays below it."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from infra.constructs import constants
from infra.constructs.alarms import record_error_rate
from sferp import names
from sferp.order_handoff import names as handoff_names
from tests.integration.conftest import HandlerHarness, order_id, relay_body


def _emitted(out: str) -> Counter[str]:
    """Sum of every EMF metric the handler printed, by name."""
    totals: Counter[str] = Counter()
    for line in out.splitlines():
        if '"_aws"' not in line:
            continue
        document = json.loads(line)
        for directive in document["_aws"]["CloudWatchMetrics"]:
            for metric in directive["Metrics"]:
                values = document[metric["Name"]]
                totals[metric["Name"]] += sum(values) if isinstance(values, list) else values
    return totals


def _evaluate(expression: str, values: dict[str, float]) -> float:
    """CloudWatch metric math for the two functions the alarm uses: FILL(m, 0) and IF(c, a, b)."""
    python = re.sub(r"FILL\((\w+), 0\)", r"\1", expression)
    match = re.fullmatch(r"IF\((.+?), (.+), (\w+)\)", python)
    assert match, expression
    condition, then, otherwise = match.groups()
    env: dict[str, Any] = {"__builtins__": {}, **values}
    return float(eval(then, env) if eval(condition, env) else eval(otherwise, env))


def _rate(harness_out: str) -> float:
    alarm = record_error_rate(
        "test", handoff_names.FLOW_ORDER_HANDOFF, failed_metrics=(handoff_names.METRIC_DEAD_LETTERED,)
    )
    totals = _emitted(harness_out)
    values = {name: float(totals.get(metric.metric_name, 0)) for name, metric in alarm.using_metrics.items()}
    return _evaluate(alarm.expression, values)


def test_an_erp_outage_puts_the_record_error_rate_over_its_threshold(harness: HandlerHarness, capsys) -> None:  # type: ignore[no-untyped-def]
    # Given the ERP is down while a batch of ten orders arrives
    records = [harness.record(relay_body(order_id(n), 1)) for n in range(1, 11)]
    with harness.erp.outage():
        response = harness.invoke(*records)
    # Then Lambda sees no error (the failures go back through the partial batch response) ...
    assert len(harness.failed(response)) == 10
    # ... but the record error rate, computed as the alarm computes it, is 100 %
    rate = _rate(capsys.readouterr().out)
    assert rate == 100.0 and rate > constants.RECORD_ERROR_RATE_PCT


def test_a_healthy_batch_stays_below_it(harness: HandlerHarness, capsys) -> None:  # type: ignore[no-untyped-def]
    records = [harness.record(relay_body(order_id(n), 1)) for n in range(1, 11)]
    assert harness.failed(harness.invoke(*records)) == []
    assert _rate(capsys.readouterr().out) == 0.0


def test_a_poison_event_counts_as_a_failed_record(harness: HandlerHarness, capsys) -> None:  # type: ignore[no-untyped-def]
    # Given one dead-lettered poison event among four good ones / Then the rate is 20 %
    records = [harness.record(relay_body(order_id(n), 1)) for n in range(1, 5)]
    records.append(harness.record(relay_body(order_id(5), 1, Action__c="DELETE")))
    assert harness.failed(harness.invoke(*records)) == []
    assert _rate(capsys.readouterr().out) == 20.0


def test_validation_failures_count_refused_content_not_outages(harness: HandlerHarness, capsys) -> None:  # type: ignore[no-untyped-def]
    # Given a poison event (an action the schema refuses) beside a good one / Then one validation failure
    records = [
        harness.record(relay_body(order_id(1), 1)),
        harness.record(relay_body(order_id(2), 1, Action__c="DELETE")),
    ]
    assert harness.failed(harness.invoke(*records)) == []
    assert _emitted(capsys.readouterr().out)[handoff_names.METRIC_VALIDATION_FAILURES] == 1
    # And an ERP outage is retried, not a validation failure
    with harness.erp.outage():
        harness.invoke(harness.record(relay_body(order_id(3), 1)))
    assert _emitted(capsys.readouterr().out)[handoff_names.METRIC_VALIDATION_FAILURES] == 0


def test_the_api_usage_alarms_read_what_the_writer_publishes(harness: HandlerHarness, capsys) -> None:  # type: ignore[no-untyped-def]
    # Given an org at 85 % of its daily API limit, and the stack's API usage alarms
    from aws_cdk import App, Stack
    from aws_cdk import aws_sns as sns

    from infra.constructs.alarms import SalesforceApiAlarms

    stack = Stack(App(), "AlarmsUnderTest")
    topics = {severity: sns.Topic(stack, severity) for severity in ("critical", "warning")}
    alarms = SalesforceApiAlarms(
        stack,
        "SalesforceApi",
        env_name="test",
        topics=topics,
        flows=(handoff_names.FLOW_ORDER_HANDOFF, "customer_sync"),
    )
    harness.org.set_api_used(85_000, total=100_000)
    # When a batch is handed off and written back
    assert harness.failed(harness.invoke(harness.record(relay_body(order_id(1), 1)))) == []
    # Then the usage the writer published, through the alarm's expression, is ~85 %: the warning
    # (80 %) fires, the critical (90 %) does not
    documents = [json.loads(line) for line in capsys.readouterr().out.splitlines() if '"_aws"' in line]
    usage = max(
        value
        for d in documents
        if names.METRIC_SALESFORCE_API_USAGE_PCT in d
        for value in (
            d[names.METRIC_SALESFORCE_API_USAGE_PCT]
            if isinstance(d[names.METRIC_SALESFORCE_API_USAGE_PCT], list)
            else [d[names.METRIC_SALESFORCE_API_USAGE_PCT]]
        )
    )
    assert 85.0 <= usage < 86.0
    python = re.sub(r"FILL\((\w+), 0\)", r"\1", alarms.usage.expression).replace("MAX(", "max(")
    values = {"usage0": usage, "usage1": 0.0}  # the customer flow wrote nothing
    assert alarms.usage.using_metrics["usage0"].dimensions == names.metric_dimensions(
        "test", handoff_names.FLOW_ORDER_HANDOFF
    )
    seen = float(eval(python, {"__builtins__": {"max": max}, **values}))
    assert seen == usage
    assert {spec.severity for spec in alarms.alarm_specs} == {"warning", "critical"}
    assert constants.SALESFORCE_API_WARNING_PCT <= seen < constants.SALESFORCE_API_CRITICAL_PCT
