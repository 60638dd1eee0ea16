"""Event ingest: Salesforce events on EventBridge -> rule -> SQS buffer -> EventBridge Pipe -> SQS FIFO.

Why the buffer and the pipe: a rule's SQS target only takes a *static* MessageGroupId, but one
order's events must share a group (the Salesforce Order Id) and different orders must not. A pipe
can set ``MessageGroupId`` from a JSON path of each event. The rule target keeps EventBridge's own
retry policy and a delivery DLQ, the buffer redrives to the same DLQ, and an archive on the bus
keeps the matched events for replay.
"""

from __future__ import annotations

from typing import Any

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_pipes as pipes
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.constructs.constants import resource_name
from infra.constructs.kms import USE_ACTIONS
from infra.constructs.nag import acknowledge
from sferp.order_handoff import names as handoff_names


class EventIngest(Construct):
    """Bus (partner or custom), rule, archive, buffer queue, delivery DLQ and the group-setting pipe."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        env_name: str,
        key: kms.IKey,
        partner_event_source_name: str | None,
        archive_retention: Duration,
        target_queue: sqs.IQueue,
        log_retention: logs.RetentionDays,
        removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, construct_id)
        pattern: dict[str, Any] = handoff_names.order_handoff_event_pattern()

        # --- Bus -----------------------------------------------------------------------------
        if partner_event_source_name:
            # Event Relay: the partner bus is *created* from the partner event source (its name
            # must equal the source name); Salesforce's relay then starts delivering to it.
            self.bus = events.EventBus(self, "Bus", event_source_name=partner_event_source_name)
        else:
            # No Event Relay yet: a custom bus that tools (and sferp) put simulated events on.
            self.bus = events.EventBus(self, "Bus", event_bus_name=resource_name(env_name, "salesforce"))

        # --- Delivery DLQ and buffer ------------------------------------------------------------
        # Standard queues: EventBridge target DLQs cannot be FIFO, and neither can a rule target
        # without a static group id.
        self.delivery_dlq = sqs.Queue(
            self,
            "DeliveryDeadLetterQueue",
            queue_name=resource_name(env_name, "order-handoff-delivery-dlq"),
            encryption=sqs.QueueEncryption.KMS,
            encryption_master_key=key,
            enforce_ssl=True,
            retention_period=Duration.seconds(handoff_names.ORDER_HANDOFF_DLQ_RETENTION_S),
            removal_policy=removal_policy,
        )
        self.buffer = sqs.Queue(
            self,
            "Buffer",
            queue_name=resource_name(env_name, "order-handoff-buffer"),
            encryption=sqs.QueueEncryption.KMS,
            encryption_master_key=key,
            enforce_ssl=True,
            visibility_timeout=Duration.seconds(handoff_names.BUFFER_VISIBILITY_TIMEOUT_S),
            retention_period=Duration.seconds(handoff_names.ORDER_HANDOFF_QUEUE_RETENTION_S),
            # An event the pipe cannot forward (e.g. no Order Id to group by) ends here, alarmed.
            dead_letter_queue=sqs.DeadLetterQueue(
                queue=self.delivery_dlq, max_receive_count=handoff_names.BUFFER_MAX_RECEIVE_COUNT
            ),
            removal_policy=removal_policy,
        )

        acknowledge(
            self.delivery_dlq,
            "Serverless-SQSRedrivePolicy",
            "This queue IS the delivery dead-letter queue (terminal) of the rule target and the buffer. "
            "Messages leave it only by an operator's decision (docs/runbooks/delivery-failures.md).",
        )

        # --- Rule (L1: the wiring pattern goes in verbatim, with prefix matching) -----------------
        self.rule = events.CfnRule(
            self,
            "Rule",
            name=resource_name(env_name, "order-handoff"),
            description="Order_Handoff__e from Salesforce -> order handoff buffer",
            event_bus_name=self.bus.event_bus_name,
            event_pattern=pattern,
            state="ENABLED",
            targets=[
                events.CfnRule.TargetProperty(
                    id="order-handoff-buffer",
                    arn=self.buffer.queue_arn,
                    retry_policy=events.CfnRule.RetryPolicyProperty(
                        maximum_event_age_in_seconds=handoff_names.RULE_TARGET_MAX_EVENT_AGE_S,
                        maximum_retry_attempts=handoff_names.RULE_TARGET_RETRY_ATTEMPTS,
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
            archive_name=resource_name(env_name, "order-handoff"),
            description="Order_Handoff__e events for replay (sferp ops replay)",
            source_arn=self.bus.event_bus_arn,
            event_pattern=pattern,
            retention_days=int(archive_retention.to_days()),
        )

        # --- Pipe: buffer -> FIFO with a per-event message group --------------------------------
        self.pipe_name = resource_name(env_name, "order-handoff")
        self.pipe_log_group = logs.LogGroup(
            self,
            "PipeLogGroup",
            log_group_name=f"/aws/vendedlogs/pipes/{self.pipe_name}",
            retention=log_retention,
            encryption_key=key,
            removal_policy=removal_policy,
        )
        self.pipe_role = iam.Role(
            self,
            "PipeRole",
            assumed_by=iam.ServicePrincipal(
                "pipes.amazonaws.com",
                conditions={"StringEquals": {"aws:SourceAccount": Stack.of(self).account}},
            ),
            description=f"sferp {env_name} order handoff pipe: buffer -> FIFO",
        )
        for statement in (
            iam.PolicyStatement(
                actions=["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
                resources=[self.buffer.queue_arn],
            ),
            iam.PolicyStatement(actions=["sqs:SendMessage"], resources=[target_queue.queue_arn]),
            iam.PolicyStatement(actions=list(USE_ACTIONS), resources=[key.key_arn]),
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
            description="Sets the FIFO message group to the Salesforce Order Id of each event",
            role_arn=self.pipe_role.role_arn,
            source=self.buffer.queue_arn,
            source_parameters=pipes.CfnPipe.PipeSourceParametersProperty(
                sqs_queue_parameters=pipes.CfnPipe.PipeSourceSqsQueueParametersProperty(
                    batch_size=handoff_names.PIPE_BATCH_SIZE
                )
            ),
            target=target_queue.queue_arn,
            target_parameters=pipes.CfnPipe.PipeTargetParametersProperty(
                input_template=handoff_names.PIPE_INPUT_TEMPLATE,
                sqs_queue_parameters=pipes.CfnPipe.PipeTargetSqsQueueParametersProperty(
                    message_group_id=handoff_names.MESSAGE_GROUP_ID_PATH
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
