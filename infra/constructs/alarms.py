"""Alarm topics (one encrypted SNS topic per severity) and the one builder of every flow's alarms:
each alarm names its runbook and notifies the topic of its severity."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aws_cdk import ArnFormat, Aws, Duration, Stack
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cloudwatch_actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from infra.constructs import constants
from infra.constructs.constants import resource_name, runbook_path
from infra.constructs.nag import acknowledge
from sferp import names


@dataclass(frozen=True)
class AlarmSpec:
    """What the infra tests and the runbooks index rely on: name, runbook, severity."""

    name: str
    runbook: str
    severity: str
    summary: str = ""
    alarm: cloudwatch.IAlarm | None = field(default=None, compare=False, repr=False)  # for the dashboard


class AlarmTopics(Construct):
    """The environment's two alarm topics, ``critical`` and ``warning``; every flow's alarms
    notify them (``runbook_alarm``)."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        env_name: str,
        key: kms.IKey,
        critical_emails: Sequence[str],
        warning_emails: Sequence[str],
    ) -> None:
        super().__init__(scope, construct_id)
        self.topics: dict[str, sns.ITopic] = {
            "critical": self._topic("Critical", env_name, "critical", key, critical_emails),
            "warning": self._topic("Warning", env_name, "warning", key, warning_emails),
        }

    def _topic(
        self, construct_id: str, env_name: str, severity: str, key: kms.IKey, emails: Sequence[str]
    ) -> sns.Topic:
        topic = sns.Topic(
            self,
            construct_id,
            topic_name=resource_name(env_name, severity),
            display_name=f"sferp {env_name} {severity}",
            master_key=key,
            enforce_ssl=True,
        )
        # enforce_ssl creates a topic policy, which replaces SNS's default one: allow this
        # account's alarms explicitly.
        topic.add_to_resource_policy(
            iam.PolicyStatement(
                sid="CloudWatchAlarmsPublish",
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                actions=["sns:Publish"],
                resources=[topic.topic_arn],
                conditions={
                    "ArnLike": {
                        "aws:SourceArn": Stack.of(self).format_arn(
                            service="cloudwatch",
                            resource="alarm",
                            resource_name="*",
                            arn_format=ArnFormat.COLON_RESOURCE_NAME,
                        )
                    },
                    "StringEquals": {"aws:SourceAccount": Aws.ACCOUNT_ID},
                },
            )
        )
        for email in emails:
            subscription = topic.add_subscription(subscriptions.EmailSubscription(email))
            acknowledge(
                subscription,
                "Serverless-SNSRedrivePolicy",
                "Email subscriptions of alarm topics: an undeliverable notification cannot be replayed "
                "usefully later; the alarm state itself stays in CloudWatch and is re-sent on the next change.",
            )
        return topic


def runbook_alarm(
    scope: Construct,
    construct_id: str,
    *,
    env_name: str,
    topics: Mapping[str, sns.ITopic],
    runbook: str,
    severity: str,
    summary: str,
    metric: cloudwatch.IMetric,
    threshold: float,
    comparison: cloudwatch.ComparisonOperator = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluation_periods: int = 1,
    datapoints_to_alarm: int = 1,
    # No data = nothing failed (DLQ metrics and FailedInvocations are sparse).
    treat_missing: cloudwatch.TreatMissingData = cloudwatch.TreatMissingData.NOT_BREACHING,
) -> AlarmSpec:
    """An alarm named ``sferp-<env>-<kebab id>`` whose description names its runbook, notifying the
    topic of its severity on ALARM and on OK. Every flow's alarms are made here."""
    name = resource_name(env_name, _kebab(construct_id))
    alarm = cloudwatch.Alarm(
        scope,
        construct_id,
        alarm_name=name,
        alarm_description=f"[{severity}] {summary} Runbook: {runbook_path(runbook)}",
        metric=metric,
        threshold=threshold,
        comparison_operator=comparison,
        evaluation_periods=evaluation_periods,
        datapoints_to_alarm=datapoints_to_alarm,
        treat_missing_data=treat_missing,
    )
    action = cloudwatch_actions.SnsAction(topics[severity])
    alarm.add_alarm_action(action)
    alarm.add_ok_action(action)
    return AlarmSpec(
        name=name, runbook=runbook_path(runbook), severity=severity, summary=summary, alarm=alarm
    )


def _kebab(name: str) -> str:
    """``ProcessingDlqNotEmpty`` -> ``processing-dlq-not-empty``, ``Inventory5xxRate`` ->
    ``inventory-5xx-rate``, ``ErpLatencyP95`` -> ``erp-latency-p95``."""
    out: list[str] = []
    for index, char in enumerate(name):
        previous = name[index - 1] if index else ""
        if (char.isupper() and previous and not previous.isupper()) or (
            char.isdigit() and previous.islower()
        ):
            out.append("-")
        out.append(char.lower())
    return "".join(out)


def share_of_records(
    env_name: str, flow: str, *, failed_metrics: tuple[str, ...], label: str
) -> cloudwatch.MathExpression:
    """Percent of a flow's records counted by ``failed_metrics`` (summed), out of the records its
    handler received (``sferp.names.METRIC_RECORDS_RECEIVED``). No records is 0 %, not missing data."""
    period = Duration.seconds(constants.RATE_ALARM_PERIOD_S)

    def metric(name: str) -> cloudwatch.Metric:
        return cloudwatch.Metric(
            namespace=names.METRICS_NAMESPACE,
            metric_name=name,
            dimensions_map=names.metric_dimensions(env_name, flow),
            statistic="Sum",
            period=period,
        )

    using = {"received": metric(names.METRIC_RECORDS_RECEIVED)}
    failed_ids = []
    for index, name in enumerate(failed_metrics):
        using[f"failed{index}"] = metric(name)
        failed_ids.append(f"FILL(failed{index}, 0)")
    return cloudwatch.MathExpression(
        expression=f"IF(FILL(received, 0) > 0, 100 * ({' + '.join(failed_ids)}) / received, 0)",
        using_metrics=using,
        label=label,
        period=period,
    )


def flow_metric(
    env_name: str,
    flow: str,
    name: str,
    *,
    period: Duration,
    statistic: str = "Sum",
    extra_dimensions: Mapping[str, str] | None = None,
) -> cloudwatch.Metric:
    """A metric a flow's handlers publish (namespace ``sferp``, the flow's dimension set, plus
    ``extra_dimensions`` where the flow adds one of its own, e.g. the relay check's ``relay``)."""
    return cloudwatch.Metric(
        namespace=names.METRICS_NAMESPACE,
        metric_name=name,
        dimensions_map={**names.metric_dimensions(env_name, flow), **(extra_dimensions or {})},
        statistic=statistic,
        period=period,
    )


def record_error_rate(
    env_name: str, flow: str, *, failed_metrics: tuple[str, ...]
) -> cloudwatch.MathExpression:
    """Percent of a flow's records that failed: handed back to SQS (``RecordsFailed``) or counted by
    the flow's own ``failed_metrics`` (e.g. DeadLettered). What Lambda's Errors never shows,
    because failed records go back through the partial batch response."""
    return share_of_records(
        env_name,
        flow,
        failed_metrics=(names.METRIC_RECORDS_FAILED, *failed_metrics),
        label="Record error rate (%)",
    )


def queue_flow_alarms(
    add: Callable[..., None],
    *,
    env_name: str,
    flow: str,
    queue: Any,
    dead_letter_metric: str,
    id_prefix: str,
    runbook_prefix: str,
    what: str,
    error_severity: str,
    queue_depth: int = constants.QUEUE_DEPTH_ALARM_MESSAGES,
) -> None:
    """The record-level alarms every queue-driven flow has: its record error rate (failed or
    dead-lettered records, which Lambda's Errors never count) and its main queue's depth over
    ``queue_depth`` messages (the environment's ``alarm_subscriptions.queue_depth_messages``).
    ``add`` is the flow's ``runbook_alarm`` partial; ``what`` names the records ("order events")."""
    add(
        f"{id_prefix}RecordErrorRate",
        runbook=f"{runbook_prefix}-record-error-rate",
        severity=error_severity,
        summary=f"More than {constants.RECORD_ERROR_RATE_PCT:g} % of {what} fail or are dead-lettered.",
        metric=record_error_rate(env_name, flow, failed_metrics=(dead_letter_metric,)),
        threshold=constants.RECORD_ERROR_RATE_PCT,
        evaluation_periods=constants.RATE_ALARM_EVALUATION_PERIODS,
        datapoints_to_alarm=constants.RATE_ALARM_DATAPOINTS,
    )
    add(
        f"{id_prefix}QueueDepth",
        runbook=f"{runbook_prefix}-queue-depth",
        severity="warning",
        summary=f"More than {queue_depth:,} {what} wait in the flow's queue.",
        metric=queue.metric_approximate_number_of_messages_visible(
            period=Duration.seconds(constants.ALARM_PERIOD_S), statistic="Maximum"
        ),
        threshold=queue_depth,
        evaluation_periods=constants.RATE_ALARM_EVALUATION_PERIODS,
        datapoints_to_alarm=constants.RATE_ALARM_DATAPOINTS,
    )


def routed_queue_alarms(
    add: Callable[..., None],
    *,
    queue: Any,
    dlq: Any,
    delivery_dlq: Any,
    id_prefix: str,
    runbook_prefix: str,
    severity: str,
    dlq_summary: str,
    delivery_summary: str,
    what: str,
) -> None:
    """The three queue alarms of a flow behind a route (rule -> buffer -> pipe -> FIFO): its DLQ
    not empty, its delivery DLQ not empty (at ``severity``), and its oldest message's age."""
    minute = Duration.seconds(constants.ALARM_PERIOD_S)
    add(
        f"{id_prefix}DlqNotEmpty",
        runbook=f"{runbook_prefix}-dlq-not-empty",
        severity=severity,
        summary=dlq_summary,
        metric=dlq.metric_approximate_number_of_messages_visible(period=minute, statistic="Maximum"),
        threshold=0,
    )
    add(
        f"{id_prefix}DeliveryDlqNotEmpty",
        runbook=f"{runbook_prefix}-delivery-failures",
        severity=severity,
        summary=delivery_summary,
        metric=delivery_dlq.metric_approximate_number_of_messages_visible(period=minute, statistic="Maximum"),
        threshold=0,
    )
    add(
        f"{id_prefix}OldestMessageAge",
        runbook=f"{runbook_prefix}-oldest-message-age",
        severity="warning",
        summary=f"The oldest {what} waits > {constants.OLDEST_MESSAGE_AGE_S // 60} min.",
        metric=queue.metric_approximate_age_of_oldest_message(period=minute, statistic="Maximum"),
        threshold=constants.OLDEST_MESSAGE_AGE_S,
    )


class SalesforceApiAlarms(Construct):
    """The org's Salesforce API usage as a share of its daily limit, from the
    ``SalesforceApiUsagePercent`` every flow's Salesforce writer publishes after its calls
    (``Sforce-Limit-Info``): the highest reading of any flow, warning and critical. The writer
    defers non-urgent writes from ``salesforce_writer.defer_at_share`` (cdk.json, default 80 %) on;
    the warning fires at that share."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        env_name: str,
        topics: Mapping[str, sns.ITopic],
        flows: Sequence[str],
        warning_pct: float = constants.SALESFORCE_API_WARNING_PCT,
    ) -> None:
        super().__init__(scope, construct_id)
        period = Duration.seconds(constants.RATE_ALARM_PERIOD_S)
        using = {
            f"usage{i}": cloudwatch.Metric(
                namespace=names.METRICS_NAMESPACE,
                metric_name=names.METRIC_SALESFORCE_API_USAGE_PCT,
                dimensions_map=names.metric_dimensions(env_name, flow),
                statistic="Maximum",
                period=period,
            )
            for i, flow in enumerate(flows)
        }
        self.usage = usage = cloudwatch.MathExpression(
            expression=f"MAX([{', '.join(f'FILL(usage{i}, 0)' for i in range(len(flows)))}])",
            using_metrics=using,
            label="Salesforce API usage (% of the daily limit)",
            period=period,
        )
        self.alarm_specs = [
            runbook_alarm(
                self,
                construct_id_,
                env_name=env_name,
                topics=topics,
                runbook="salesforce-api-usage",
                severity=severity,
                summary=f"The Salesforce org has used more than {share:g} % of its daily API limit "
                f"(sferp defers non-urgent writes from {warning_pct:g} % on).",
                metric=usage,
                threshold=share,
                comparison=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            )
            for construct_id_, severity, share in (
                ("SalesforceApiUsageWarning", "warning", warning_pct),
                ("SalesforceApiUsageCritical", "critical", constants.SALESFORCE_API_CRITICAL_PCT),
            )
        ]
