"""Operational alarms -> one encrypted SNS topic per severity. Every alarm names its runbook."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aws_cdk import ArnFormat, Aws, Duration, Stack
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cloudwatch_actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.constructs import constants
from infra.constructs.constants import resource_name, runbook_path
from infra.constructs.nag import acknowledge
from sferp import names
from sferp.order_handoff import names as handoff_names


@dataclass(frozen=True)
class AlarmSpec:
    """What the infra tests and the runbooks index rely on: name, runbook, severity."""

    name: str
    runbook: str
    severity: str


class OperationalAlarms(Construct):
    """Topics ``critical`` and ``warning`` and the order-handoff alarms."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        env_name: str,
        key: kms.IKey,
        critical_emails: Sequence[str],
        warning_emails: Sequence[str],
        processing_queue: sqs.IQueue,
        processing_dlq: sqs.IQueue,
        delivery_dlq: sqs.IQueue,
        event_bus_name: str,
        rule_name: str,
        function: lambda_.IFunction,
        pipe_name: str,
    ) -> None:
        super().__init__(scope, construct_id)
        self._env_name = env_name
        self.specs: list[AlarmSpec] = []
        self.topics = {
            "critical": self._topic("Critical", env_name, "critical", key, critical_emails),
            "warning": self._topic("Warning", env_name, "warning", key, warning_emails),
        }
        minute = Duration.seconds(constants.ALARM_PERIOD_S)
        five_minutes = Duration.seconds(constants.RATE_ALARM_PERIOD_S)

        self._alarm(
            "ProcessingDlqNotEmpty",
            runbook="processing-dlq-not-empty",
            severity="critical",
            summary="Order handoff messages are in the processing DLQ: orders did not reach the ERP.",
            metric=processing_dlq.metric_approximate_number_of_messages_visible(
                period=minute, statistic="Maximum"
            ),
            threshold=0,
        )
        self._alarm(
            "DeliveryDlqNotEmpty",
            runbook="delivery-failures",
            severity="critical",
            summary="Events are in the delivery DLQ: EventBridge or the pipe could not deliver them.",
            metric=delivery_dlq.metric_approximate_number_of_messages_visible(
                period=minute, statistic="Maximum"
            ),
            threshold=0,
        )
        self._alarm(
            "RuleFailedInvocations",
            runbook="delivery-failures",
            severity="critical",
            summary="The EventBridge rule failed to deliver events to the buffer queue.",
            # Rules on a custom or partner bus publish with both dimensions.
            metric=cloudwatch.Metric(
                namespace=constants.EVENTS_NAMESPACE,
                metric_name=constants.EVENTS_FAILED_METRIC,
                dimensions_map={"EventBusName": event_bus_name, "RuleName": rule_name},
                statistic="Sum",
                period=minute,
            ),
            threshold=0,
        )
        self._alarm(
            "OldestMessageAge",
            runbook="oldest-message-age",
            severity="critical",
            summary=f"The oldest order handoff message waits > {constants.OLDEST_MESSAGE_AGE_S // 60} min.",
            metric=processing_queue.metric_approximate_age_of_oldest_message(
                period=minute, statistic="Maximum"
            ),
            threshold=constants.OLDEST_MESSAGE_AGE_S,
        )
        self._alarm(
            "HandlerErrorRate",
            runbook="handler-error-rate",
            severity="warning",
            summary=f"Order handoff invocations fail > {constants.HANDLER_ERROR_RATE_PCT:g} %.",
            metric=cloudwatch.MathExpression(
                # IF(): no invocations is 0 %, not a division by zero (INSUFFICIENT_DATA).
                expression="IF(invocations > 0, 100 * errors / invocations, 0)",
                using_metrics={
                    "errors": function.metric_errors(period=five_minutes, statistic="Sum"),
                    "invocations": function.metric_invocations(period=five_minutes, statistic="Sum"),
                },
                label="Error rate (%)",
                period=five_minutes,
            ),
            threshold=constants.HANDLER_ERROR_RATE_PCT,
            evaluation_periods=constants.RATE_ALARM_EVALUATION_PERIODS,
            datapoints_to_alarm=constants.RATE_ALARM_DATAPOINTS,
        )
        self._alarm(
            "ErpLatencyP95",
            runbook="erp-latency",
            severity="warning",
            summary=f"ERP p95 latency > {constants.ERP_LATENCY_P95_MS} ms.",
            # The handler emits this metric (EMF) with exactly these dimensions.
            metric=cloudwatch.Metric(
                namespace=names.METRICS_NAMESPACE,
                metric_name=handoff_names.METRIC_ERP_LATENCY_MS,
                dimensions_map=names.metric_dimensions(env_name, handoff_names.FLOW_ORDER_HANDOFF),
                statistic="p95",
                period=five_minutes,
            ),
            threshold=constants.ERP_LATENCY_P95_MS,
            evaluation_periods=constants.RATE_ALARM_EVALUATION_PERIODS,
            datapoints_to_alarm=constants.RATE_ALARM_DATAPOINTS,
        )
        self._alarm(
            "PipeExecutionFailed",
            runbook="pipe-failures",
            severity="warning",
            summary="The order handoff pipe failed executions (events retry, then go to the delivery DLQ).",
            metric=cloudwatch.Metric(
                namespace=constants.PIPES_NAMESPACE,
                metric_name=constants.PIPES_FAILED_METRIC,
                dimensions_map={"PipeName": pipe_name},
                statistic="Sum",
                period=five_minutes,
            ),
            threshold=0,
        )

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

    def _alarm(self, construct_id: str, **settings: Any) -> None:
        self.specs.append(
            runbook_alarm(self, construct_id, env_name=self._env_name, topics=self.topics, **settings)
        )


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
    return AlarmSpec(name=name, runbook=runbook_path(runbook), severity=severity)


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
