"""The local evaluation of the stack's alarms: the template's alarm shapes read as CloudWatch
defines them (single metric, metric math, a queue named by Fn::GetAtt), CloudWatch's statistics,
the metric-math functions the stack uses, datapoints to alarm and the missing-data treatments."""

from __future__ import annotations

import pytest
from sferp_tools.local.alarms import (
    VirtualCloudWatch,
    _python,
    alarms_from_template,
    evaluate,
    period_value,
)

DIMS = [
    {"Name": "environment", "Value": "dev"},
    {"Name": "flow", "Value": "order_handoff"},
    {"Name": "service", "Value": "sferp"},
]
TEMPLATE = {
    "Dlq": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "sferp-dev-order-handoff-dlq.fifo"}},
    "DlqAlarm": {
        "Type": "AWS::CloudWatch::Alarm",
        "Properties": {
            "AlarmName": "sferp-dev-processing-dlq-not-empty",
            "AlarmDescription": "[critical] DLQ. Runbook: docs/runbooks/order_handoff-dlq-not-empty.md",
            "Namespace": "AWS/SQS",
            "MetricName": "ApproximateNumberOfMessagesVisible",
            "Dimensions": [{"Name": "QueueName", "Value": {"Fn::GetAtt": ["Dlq", "QueueName"]}}],
            "Statistic": "Maximum",
            "Period": 60,
            "Threshold": 0,
            "ComparisonOperator": "GreaterThanThreshold",
            "EvaluationPeriods": 1,
            "TreatMissingData": "notBreaching",
        },
    },
    "RateAlarm": {
        "Type": "AWS::CloudWatch::Alarm",
        "Properties": {
            "AlarmName": "sferp-dev-record-error-rate",
            "AlarmDescription": "[warning] rate. Runbook: docs/runbooks/order_handoff-record-error-rate.md",
            "ComparisonOperator": "GreaterThanThreshold",
            "Threshold": 5,
            "EvaluationPeriods": 3,
            "DatapointsToAlarm": 2,
            "TreatMissingData": "notBreaching",
            "Metrics": [
                {
                    "Id": "expr_1",
                    "Expression": "IF(FILL(received, 0) > 0, 100 * (FILL(failed0, 0)) / received, 0)",
                },
                {
                    "Id": "received",
                    "MetricStat": {
                        "Metric": {"Namespace": "sferp", "MetricName": "RecordsReceived", "Dimensions": DIMS},
                        "Period": 300,
                        "Stat": "Sum",
                    },
                },
                {
                    "Id": "failed0",
                    "MetricStat": {
                        "Metric": {"Namespace": "sferp", "MetricName": "RecordsFailed", "Dimensions": DIMS},
                        "Period": 300,
                        "Stat": "Sum",
                    },
                },
            ],
        },
    },
}


def _alarms():
    return {a.name: a for a in alarms_from_template(TEMPLATE)}


def test_the_template_is_read_as_cloudwatch_defines_it():
    alarms = _alarms()
    dlq = alarms["sferp-dev-processing-dlq-not-empty"]
    assert (dlq.severity, dlq.runbook) == ("critical", "docs/runbooks/order_handoff-dlq-not-empty.md")
    assert dlq.queries[0].dimensions == (("QueueName", "sferp-dev-order-handoff-dlq.fifo"),)
    rate = alarms["sferp-dev-record-error-rate"]
    assert rate.expression and {q.id for q in rate.queries} == {"received", "failed0"}
    assert (rate.period, rate.evaluation_periods, rate.datapoints) == (300, 3, 2)


def test_local_names_and_dimensions_are_read_as_the_stacks_environment():
    watch = VirtualCloudWatch(env_name="dev")
    watch.put(
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
        {"QueueName": "sferp-local-order-handoff-dlq.fifo"},
        3,
        10,
    )
    watch.put_emf(
        '{"_aws":{"Timestamp":0,"CloudWatchMetrics":[{"Namespace":"sferp","Dimensions":[["environment","flow","service"]],'
        '"Metrics":[{"Name":"RecordsReceived","Unit":"Count"}]}]},"environment":"local","flow":"order_handoff",'
        '"service":"sferp","RecordsReceived":[10.0]}',
        at=10,
    )
    alarms = _alarms()
    assert evaluate(alarms["sferp-dev-processing-dlq-not-empty"], watch, 60) == "ALARM"
    assert period_value(alarms["sferp-dev-record-error-rate"], watch, 0, 300) == 0.0


def test_a_rate_alarm_needs_two_of_three_breaching_periods_and_returns_to_ok():
    watch = VirtualCloudWatch(env_name="dev")
    rate = _alarms()["sferp-dev-record-error-rate"]
    dims = {"environment": "dev", "flow": "order_handoff", "service": "sferp"}
    for period, (received, failed) in enumerate([(10, 0), (10, 10), (10, 10), (10, 0), (10, 0)]):
        watch.put("sferp", "RecordsReceived", dims, received, period * 300 + 1)
        watch.put("sferp", "RecordsFailed", dims, failed, period * 300 + 1)
    assert [evaluate(rate, watch, (p + 1) * 300) for p in range(5)] == ["OK", "OK", "ALARM", "ALARM", "OK"]


@pytest.mark.parametrize(
    ("expression", "values", "expected"),
    [
        (
            "IF(FILL(received, 0) > 0, 100 * (FILL(failed0, 0)) / received, 0)",
            {"received": None, "failed0": None},
            0.0,
        ),
        (
            "IF(FILL(received, 0) > 0, 100 * (FILL(failed0, 0)) / received, 0)",
            {"received": 4, "failed0": 1},
            25.0,
        ),
        ("MAX([FILL(usage0, 0), FILL(usage1, 0)])", {"usage0": 85, "usage1": None}, 85.0),
        ("IF(hits + misses >= 100, 100 * hits / (hits + misses), 100)", {"hits": 90, "misses": 10}, 90.0),
    ],
)
def test_the_stacks_metric_math_is_evaluated_as_cloudwatch_does(expression, values, expected):
    from sferp_tools.local.alarms import _fill, _max

    assert eval(_python(expression), {"__builtins__": {}, "_fill": _fill, "_max": _max}, values) == expected


def test_metric_math_it_does_not_know_is_refused_not_guessed():
    with pytest.raises(ValueError, match="not evaluated locally"):
        _python("ANOMALY_DETECTION_BAND(m1, 2)")


def test_missing_data_breaching_alarms_when_nothing_arrives():
    template = {
        "A": {
            "Type": "AWS::CloudWatch::Alarm",
            "Properties": {
                "AlarmName": "sferp-prod-relay-events-not-running",
                "AlarmDescription": "[critical] x Runbook: docs/runbooks/relay_health-not-running.md",
                "Namespace": "sferp",
                "MetricName": "RelayRunning",
                "Dimensions": [],
                "Statistic": "Minimum",
                "Period": 300,
                "Threshold": 1,
                "ComparisonOperator": "LessThanThreshold",
                "EvaluationPeriods": 3,
                "DatapointsToAlarm": 2,
                "TreatMissingData": "breaching",
            },
        }
    }
    [alarm] = alarms_from_template(template)
    watch = VirtualCloudWatch(env_name="prod")
    assert evaluate(alarm, watch, 900) == "ALARM"
    for t in (100, 400, 700):
        watch.put("sferp", "RelayRunning", {}, 1, t)
    assert evaluate(alarm, watch, 900) == "OK"
