"""The one scheduled-invoke builder: EventBridge Scheduler -> a sferp function, with a role that
can invoke only that function and dead-letter only into the given queue."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aws_cdk import Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_scheduler as scheduler
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.constructs.kms import USE_ACTIONS
from infra.constructs.shared import Shared


def schedule_role(
    scope: Construct,
    construct_id: str,
    *,
    shared: Shared,
    target: lambda_.IFunction,
    dead_letter_queue: sqs.IQueue,
    description: str,
) -> iam.Role:
    role = iam.Role(
        scope,
        construct_id,
        assumed_by=iam.ServicePrincipal(
            "scheduler.amazonaws.com",
            # Only schedules of this account may assume it (confused-deputy protection).
            conditions={"StringEquals": {"aws:SourceAccount": Stack.of(scope).account}},
        ),
        description=description,
    )
    for statement in (
        iam.PolicyStatement(actions=["lambda:InvokeFunction"], resources=[target.function_arn]),
        # Scheduler delivers dead-letter events with the schedule's execution role.
        iam.PolicyStatement(actions=["sqs:SendMessage"], resources=[dead_letter_queue.queue_arn]),
        iam.PolicyStatement(actions=list(USE_ACTIONS), resources=[shared.key.key_arn]),
    ):
        role.add_to_policy(statement)
    return role


def scheduled_invoke(
    scope: Construct,
    construct_id: str,
    *,
    name: str,
    description: str,
    expression: str,
    enabled: bool,
    target: lambda_.IFunction,
    role: iam.IRole,
    payload: Mapping[str, Any],
    retry_attempts: int,
    max_event_age_s: int,
    dead_letter_queue: sqs.IQueue,
    time_zone: str | None = None,
) -> scheduler.CfnSchedule:
    """A schedule at an exact time (no flexible window: the target may derive a date from it)."""
    schedule = scheduler.CfnSchedule(
        scope,
        construct_id,
        name=name,
        description=description,
        schedule_expression=expression,
        schedule_expression_timezone=time_zone,
        flexible_time_window=scheduler.CfnSchedule.FlexibleTimeWindowProperty(mode="OFF"),
        state="ENABLED" if enabled else "DISABLED",
        target=scheduler.CfnSchedule.TargetProperty(
            arn=target.function_arn,
            role_arn=role.role_arn,
            input=json.dumps(dict(payload)),
            retry_policy=scheduler.CfnSchedule.RetryPolicyProperty(
                maximum_retry_attempts=retry_attempts,
                maximum_event_age_in_seconds=max_event_age_s,
            ),
            dead_letter_config=scheduler.CfnSchedule.DeadLetterConfigProperty(
                arn=dead_letter_queue.queue_arn
            ),
        ),
    )
    # The role's policy must exist before the schedule first tries to use it.
    schedule.node.add_dependency(role)
    return schedule
