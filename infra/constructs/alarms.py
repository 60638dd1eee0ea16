"""Alarm topics (one encrypted SNS topic per severity) and the one builder of every flow's alarms:
each alarm names its runbook and notifies the topic of its severity."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from aws_cdk import ArnFormat, Aws, Stack
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cloudwatch_actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from infra.constructs.constants import resource_name, runbook_path
from infra.constructs.nag import acknowledge


@dataclass(frozen=True)
class AlarmSpec:
    """What the infra tests and the runbooks index rely on: name, runbook, severity."""

    name: str
    runbook: str
    severity: str


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
