"""The route of a flow that Salesforce events drive: rule on the Salesforce bus (+ archive), SQS
buffer, the EventBridge Pipe that sets the FIFO message group, delivery DLQ.

Why the buffer and the pipe: a rule's SQS target only takes a *static* MessageGroupId, but one
record's events must share a group (the Salesforce record Id) and different records must not. A
pipe can set ``MessageGroupId`` from a JSON path of each event. The rule target keeps
EventBridge's own retry policy and a delivery DLQ, the buffer redrives to the same DLQ, and an
archive on the bus keeps the matched events for replay. The order handoff and the customer flow
build theirs from this one construct.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aws_cdk import Stack
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk import aws_pipes as pipes
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.constructs.functions import SQS_CONSUME_ACTIONS
from infra.constructs.kms import USE_ACTIONS
from infra.constructs.queues import spec_queue, terminal_dlq
from infra.constructs.shared import Shared
from sferp import names


@dataclass(frozen=True)
class RouteSpec:
    route: str  # physical name suffix of the rule, the archive and the pipe
    label: str  # "order handoff": in descriptions
    pattern: dict[str, Any]
    buffer: names.QueueSpec
    delivery_dlq: names.QueueSpec
    message_group_id_path: str  # JSON path into the buffer's SQS record
    rule_description: str
    archive_description: str
    pipe_description: str
    delivery_runbook: str
    pipe_batch_size: int = 10
    archive_pattern: dict[str, Any] | None = None  # None: the rule's pattern


class SalesforceRoute(Construct):
    """Salesforce bus -> rule (+ archive) -> SQS buffer -> EventBridge Pipe -> the flow's FIFO queue."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        shared: Shared,
        spec: RouteSpec,
        target: sqs.IQueue,
        archive_retention_days: int,
        bus: events.IEventBus | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        # The Salesforce bus, unless the flow's events arrive on a bus of their own (CDC's relay).
        bus = bus or shared.salesforce_bus
        env_name = shared.env_name
        pattern: dict[str, Any] = spec.pattern

        # Standard queues: EventBridge target DLQs cannot be FIFO, and neither can a rule target
        # without a static group id.
        self.delivery_dlq = terminal_dlq(
            self,
            "DeliveryDeadLetterQueue",
            shared=shared,
            spec=spec.delivery_dlq,
            what="delivery dead-letter queue of the rule target and the buffer",
            runbook=spec.delivery_runbook,
        )
        # An event the pipe cannot forward (e.g. no id to group by) ends in the delivery DLQ, alarmed.
        self.buffer = spec_queue(
            self, "Buffer", shared=shared, spec=spec.buffer, dead_letter_queue=self.delivery_dlq
        )

        # --- Rule (L1: the names pattern goes in verbatim, with prefix matching) -----------------
        self.rule = events.CfnRule(
            self,
            "Rule",
            name=names.resource_name(env_name, spec.route),
            description=spec.rule_description,
            event_bus_name=bus.event_bus_name,
            event_pattern=pattern,
            state="ENABLED",
            targets=[
                events.CfnRule.TargetProperty(
                    id=spec.buffer.suffix,
                    arn=self.buffer.queue_arn,
                    retry_policy=events.CfnRule.RetryPolicyProperty(
                        maximum_event_age_in_seconds=names.RULE_TARGET_MAX_EVENT_AGE_S,
                        maximum_retry_attempts=names.RULE_TARGET_RETRY_ATTEMPTS,
                    ),
                    # Delivery failures are kept, not dropped.
                    dead_letter_config=events.CfnRule.DeadLetterConfigProperty(
                        arn=self.delivery_dlq.queue_arn
                    ),
                )
            ],
        )
        for queue in (self.buffer, self.delivery_dlq):
            queue.add_to_resource_policy(
                iam.PolicyStatement(
                    sid="EventBridgeRuleSends",
                    principals=[iam.ServicePrincipal("events.amazonaws.com")],
                    actions=["sqs:SendMessage"],
                    resources=[queue.queue_arn],
                    conditions={"ArnEquals": {"aws:SourceArn": self.rule.attr_arn}},
                )
            )

        # --- Archive (replay) ------------------------------------------------------------------
        self.archive = events.CfnArchive(
            self,
            "Archive",
            archive_name=names.resource_name(env_name, spec.route),
            description=spec.archive_description,
            source_arn=bus.event_bus_arn,
            event_pattern=spec.archive_pattern or pattern,
            retention_days=archive_retention_days,
        )

        # --- Pipe: buffer -> FIFO with a per-event message group --------------------------------
        self.pipe_name = names.resource_name(env_name, spec.route)
        self.pipe_log_group = logs.LogGroup(
            self,
            "PipeLogGroup",
            log_group_name=f"/aws/vendedlogs/pipes/{self.pipe_name}",
            retention=shared.log_retention,
            encryption_key=shared.key,
            removal_policy=shared.removal_policy,
        )
        self.pipe_role = iam.Role(
            self,
            "PipeRole",
            assumed_by=iam.ServicePrincipal(
                "pipes.amazonaws.com",
                conditions={"StringEquals": {"aws:SourceAccount": Stack.of(self).account}},
            ),
            description=f"sferp {env_name} {spec.label} pipe: buffer -> FIFO",
        )
        for statement in (
            iam.PolicyStatement(
                actions=list(SQS_CONSUME_ACTIONS),
                resources=[self.buffer.queue_arn],
            ),
            iam.PolicyStatement(actions=["sqs:SendMessage"], resources=[target.queue_arn]),
            iam.PolicyStatement(actions=list(USE_ACTIONS), resources=[shared.key.key_arn]),
            iam.PolicyStatement(
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[self.pipe_log_group.log_group_arn],
            ),
        ):
            self.pipe_role.add_to_policy(statement)

        self.pipe = pipes.CfnPipe(
            self,
            "Pipe",
            name=self.pipe_name,
            description=spec.pipe_description,
            role_arn=self.pipe_role.role_arn,
            source=self.buffer.queue_arn,
            source_parameters=pipes.CfnPipe.PipeSourceParametersProperty(
                sqs_queue_parameters=pipes.CfnPipe.PipeSourceSqsQueueParametersProperty(
                    batch_size=spec.pipe_batch_size
                )
            ),
            target=target.queue_arn,
            target_parameters=pipes.CfnPipe.PipeTargetParametersProperty(
                input_template=names.PIPE_INPUT_TEMPLATE,
                sqs_queue_parameters=pipes.CfnPipe.PipeTargetSqsQueueParametersProperty(
                    message_group_id=spec.message_group_id_path
                ),
            ),
            log_configuration=pipes.CfnPipe.PipeLogConfigurationProperty(
                level="ERROR",
                cloudwatch_logs_log_destination=pipes.CfnPipe.CloudwatchLogsLogDestinationProperty(
                    log_group_arn=self.pipe_log_group.log_group_arn
                ),
            ),
        )
        # The role's policy must exist before the pipe starts polling.
        self.pipe.node.add_dependency(self.pipe_role)
