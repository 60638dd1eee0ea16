"""Order handoff: its route on the Salesforce bus (rule, archive, SQS buffer, the pipe that sets the
message group, delivery DLQ), the SQS FIFO queue and FIFO DLQ, the order-state table, the
function with its event source mapping, and the flow's alarms.

Why the buffer and the pipe: a rule's SQS target only takes a *static* MessageGroupId, but one
order's events must share a group (the Salesforce Order Id) and different orders must not. A pipe
can set ``MessageGroupId`` from a JSON path of each event. The rule target keeps EventBridge's own
retry policy and a delivery DLQ, the buffer redrives to the same DLQ, and an archive on the bus
keeps the matched events for replay.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aws_cdk import Duration, Stack
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda_event_sources as event_sources
from aws_cdk import aws_logs as logs
from aws_cdk import aws_pipes as pipes
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.config import OrderHandoffConfig
from infra.constructs import constants
from infra.constructs.alarms import AlarmSpec, runbook_alarm
from infra.constructs.functions import sferp_function
from infra.constructs.kms import USE_ACTIONS
from infra.constructs.nag import acknowledge
from infra.constructs.queues import spec_queue, terminal_dlq
from infra.constructs.shared import Shared
from infra.constructs.tables import encrypted_table
from sferp import names
from sferp.order_handoff import names as handoff_names

# The handler's own DynamoDB calls (idempotency and version guard); no Scan, no Query, no batch.
_TABLE_ACTIONS = ("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem")
# The FIFO source queue: the ESM's receive/delete plus the handler's back-off on retriable errors.
_SOURCE_QUEUE_ACTIONS = (
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
    "sqs:ChangeMessageVisibility",
)


class OrderHandoffRoute(Construct):
    """Salesforce bus -> rule (+ archive) -> SQS buffer -> EventBridge Pipe -> the flow's FIFO queue."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        shared: Shared,
        config: OrderHandoffConfig,
        target: sqs.IQueue,
    ) -> None:
        super().__init__(scope, construct_id)
        env_name = shared.env_name
        pattern: dict[str, Any] = handoff_names.order_handoff_event_pattern()

        # Standard queues: EventBridge target DLQs cannot be FIFO, and neither can a rule target
        # without a static group id.
        self.delivery_dlq = terminal_dlq(
            self,
            "DeliveryDeadLetterQueue",
            shared=shared,
            spec=handoff_names.DELIVERY_DLQ_SPEC,
            what="delivery dead-letter queue of the rule target and the buffer",
            runbook="docs/runbooks/order_handoff-delivery-failures.md",
        )
        # An event the pipe cannot forward (e.g. no Order Id to group by) ends in the delivery DLQ, alarmed.
        self.buffer = spec_queue(
            self, "Buffer", shared=shared, spec=handoff_names.BUFFER_SPEC, dead_letter_queue=self.delivery_dlq
        )

        # --- Rule (L1: the names pattern goes in verbatim, with prefix matching) -----------------
        self.rule = events.CfnRule(
            self,
            "Rule",
            name=names.resource_name(env_name, handoff_names.ROUTE),
            description="Order_Handoff__e from Salesforce -> order handoff buffer",
            event_bus_name=shared.salesforce_bus.event_bus_name,
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
            archive_name=names.resource_name(env_name, handoff_names.ROUTE),
            description="Order_Handoff__e events for replay (sferp ops order_handoff replay)",
            source_arn=shared.salesforce_bus.event_bus_arn,
            event_pattern=pattern,
            retention_days=config.archive_retention_days,
        )

        # --- Pipe: buffer -> FIFO with a per-event message group --------------------------------
        self.pipe_name = names.resource_name(env_name, handoff_names.ROUTE)
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
            description=f"sferp {env_name} order handoff pipe: buffer -> FIFO",
        )
        for statement in (
            iam.PolicyStatement(
                actions=["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
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
            description="Sets the FIFO message group to the Salesforce Order Id of each event",
            role_arn=self.pipe_role.role_arn,
            source=self.buffer.queue_arn,
            source_parameters=pipes.CfnPipe.PipeSourceParametersProperty(
                sqs_queue_parameters=pipes.CfnPipe.PipeSourceSqsQueueParametersProperty(
                    batch_size=handoff_names.PIPE_BATCH_SIZE
                )
            ),
            target=target.queue_arn,
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


class OrderHandoff(Construct):
    """FIFO queue -> Lambda (partial batch response) -> DynamoDB state, ERP, Salesforce write-back."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        shared: Shared,
        config: OrderHandoffConfig,
        code_dir: Path,
    ) -> None:
        super().__init__(scope, construct_id)
        env_name = shared.env_name
        self.alarm_specs: list[AlarmSpec] = []

        # --- Queues --------------------------------------------------------------------------
        self.dlq = terminal_dlq(
            self,
            "DeadLetterQueue",
            shared=shared,
            spec=handoff_names.DLQ_SPEC,  # FIFO: a FIFO queue can only redrive into a FIFO DLQ
            what="processing dead-letter queue",
            runbook="sferp ops order_handoff dlq inspect / redrive, docs/runbooks/order_handoff-dlq-not-empty.md",
        )
        # Content-based deduplication only drops transport re-sends within 5 minutes; logical
        # duplicates are caught by the business-key idempotency in the handler.
        self.queue = spec_queue(
            self, "Queue", shared=shared, spec=handoff_names.QUEUE_SPEC, dead_letter_queue=self.dlq
        )

        # --- Order state (idempotency + version guard) ----------------------------------------
        self.table = encrypted_table(
            self,
            "OrderState",
            spec=handoff_names.STATE_TABLE_SPEC,
            env_name=env_name,
            key=shared.key,
            removal_policy=shared.removal_policy,
        )

        # --- Function ------------------------------------------------------------------------
        built = sferp_function(
            self,
            "",
            shared=shared,
            name=names.resource_name(env_name, handoff_names.FUNCTION),
            description="Order handoff: Salesforce Order_Handoff__e -> ERP sales order, with write-back",
            role_description=f"sferp {env_name} order handoff function (least privilege)",
            code_dir=code_dir,
            handler="handler.lambda_handler",
            memory_mb=handoff_names.ORDER_HANDOFF_FUNCTION_MEMORY_MB,
            timeout_s=handoff_names.ORDER_HANDOFF_FUNCTION_TIMEOUT_S,
            statements=[
                iam.PolicyStatement(actions=list(_TABLE_ACTIONS), resources=[self.table.table_arn]),
                iam.PolicyStatement(actions=list(_SOURCE_QUEUE_ACTIONS), resources=[self.queue.queue_arn]),
                # Poison messages are dead-lettered by the handler at once, with their reason.
                iam.PolicyStatement(actions=["sqs:SendMessage"], resources=[self.dlq.queue_arn]),
            ],
            uses_salesforce=True,
            uses_erp=True,
            environment={
                # off | shadow | live: the phased rollout switch, changed per environment in cdk.json.
                names.ENV_FLOW_MODE: config.mode,
                handoff_names.ENV_ORDER_STATE_TABLE: self.table.table_name,
                # The handler dead-letters poison messages itself (no five pointless retries).
                handoff_names.ENV_DLQ_URL: self.dlq.queue_url,
                handoff_names.ENV_MAX_LINES: str(config.max_lines),
                handoff_names.ENV_UNCOUPLED_ACCOUNT: config.uncoupled_account,
            },
            reserved_concurrent_executions=config.reserved_concurrency,
        )
        self.function, self.role, self.log_group = built.function, built.role, built.log_group
        # The ESM: partial batch response, so a failed record holds back only its own message
        # group (FIFO) instead of the whole batch being retried.
        self.event_source = event_sources.SqsEventSource(
            self.queue,
            batch_size=handoff_names.ORDER_HANDOFF_BATCH_SIZE,
            report_batch_item_failures=True,
            # Flow mode "off": the mapping exists but is disabled, so events wait in the queue
            # (up to its retention) instead of being consumed; switching to shadow/live resumes.
            enabled=config.mode != "off",
        )
        self.function.add_event_source(self.event_source)

        self.route = OrderHandoffRoute(self, "Route", shared=shared, config=config, target=self.queue)
        self._alarms(shared)
        self._acknowledge_findings()

    def _alarms(self, shared: Shared) -> None:
        minute = Duration.seconds(constants.ALARM_PERIOD_S)
        five_minutes = Duration.seconds(constants.RATE_ALARM_PERIOD_S)
        route = self.route

        def alarm(construct_id: str, **settings: Any) -> None:
            self.alarm_specs.append(
                runbook_alarm(self, construct_id, env_name=shared.env_name, topics=shared.topics, **settings)
            )

        alarm(
            "ProcessingDlqNotEmpty",
            runbook="order_handoff-dlq-not-empty",
            severity="critical",
            summary="Order handoff messages are in the processing DLQ: orders did not reach the ERP.",
            metric=self.dlq.metric_approximate_number_of_messages_visible(period=minute, statistic="Maximum"),
            threshold=0,
        )
        alarm(
            "DeliveryDlqNotEmpty",
            runbook="order_handoff-delivery-failures",
            severity="critical",
            summary="Events are in the delivery DLQ: EventBridge or the pipe could not deliver them.",
            metric=route.delivery_dlq.metric_approximate_number_of_messages_visible(
                period=minute, statistic="Maximum"
            ),
            threshold=0,
        )
        alarm(
            "RuleFailedInvocations",
            runbook="order_handoff-delivery-failures",
            severity="critical",
            summary="The EventBridge rule failed to deliver events to the buffer queue.",
            # Rules on a custom or partner bus publish with both dimensions.
            metric=cloudwatch.Metric(
                namespace=constants.EVENTS_NAMESPACE,
                metric_name=constants.EVENTS_FAILED_METRIC,
                dimensions_map={
                    "EventBusName": shared.salesforce_bus.event_bus_name,
                    "RuleName": route.rule.ref,
                },
                statistic="Sum",
                period=minute,
            ),
            threshold=0,
        )
        alarm(
            "OldestMessageAge",
            runbook="order_handoff-oldest-message-age",
            severity="critical",
            summary=f"The oldest order handoff message waits > {constants.OLDEST_MESSAGE_AGE_S // 60} min.",
            metric=self.queue.metric_approximate_age_of_oldest_message(period=minute, statistic="Maximum"),
            threshold=constants.OLDEST_MESSAGE_AGE_S,
        )
        alarm(
            "HandlerErrorRate",
            runbook="order_handoff-handler-error-rate",
            severity="warning",
            summary=f"Order handoff invocations fail > {constants.HANDLER_ERROR_RATE_PCT:g} %.",
            metric=cloudwatch.MathExpression(
                # IF(): no invocations is 0 %, not a division by zero (INSUFFICIENT_DATA).
                expression="IF(invocations > 0, 100 * errors / invocations, 0)",
                using_metrics={
                    "errors": self.function.metric_errors(period=five_minutes, statistic="Sum"),
                    "invocations": self.function.metric_invocations(period=five_minutes, statistic="Sum"),
                },
                label="Error rate (%)",
                period=five_minutes,
            ),
            threshold=constants.HANDLER_ERROR_RATE_PCT,
            evaluation_periods=constants.RATE_ALARM_EVALUATION_PERIODS,
            datapoints_to_alarm=constants.RATE_ALARM_DATAPOINTS,
        )
        alarm(
            "ErpLatencyP95",
            runbook="order_handoff-erp-latency",
            severity="warning",
            summary=f"ERP p95 latency > {constants.ERP_LATENCY_P95_MS} ms.",
            # The handler emits this metric (EMF) with exactly these dimensions.
            metric=cloudwatch.Metric(
                namespace=names.METRICS_NAMESPACE,
                metric_name=handoff_names.METRIC_ERP_LATENCY_MS,
                dimensions_map=names.metric_dimensions(shared.env_name, handoff_names.FLOW_ORDER_HANDOFF),
                statistic="p95",
                period=five_minutes,
            ),
            threshold=constants.ERP_LATENCY_P95_MS,
            evaluation_periods=constants.RATE_ALARM_EVALUATION_PERIODS,
            datapoints_to_alarm=constants.RATE_ALARM_DATAPOINTS,
        )
        alarm(
            "WritebackRejected",
            runbook="order_handoff-writeback-rejected",
            severity="critical",
            summary="Salesforce refused order write-backs for good: the ERP has the orders, Salesforce does not "
            "show their ERP numbers (the events are in the processing DLQ).",
            metric=cloudwatch.Metric(
                namespace=names.METRICS_NAMESPACE,
                metric_name=handoff_names.METRIC_WRITEBACK_REJECTED,
                dimensions_map=names.metric_dimensions(shared.env_name, handoff_names.FLOW_ORDER_HANDOFF),
                statistic="Sum",
                period=minute,
            ),
            threshold=0,
        )
        alarm(
            "PipeExecutionFailed",
            runbook="order_handoff-pipe-failures",
            severity="warning",
            summary="The order handoff pipe failed executions (events retry, then go to the delivery DLQ).",
            metric=cloudwatch.Metric(
                namespace=constants.PIPES_NAMESPACE,
                metric_name=constants.PIPES_FAILED_METRIC,
                dimensions_map={"PipeName": route.pipe_name},
                statistic="Sum",
                period=five_minutes,
            ),
            threshold=0,
        )

    def _acknowledge_findings(self) -> None:
        esm = next(child for child in self.function.node.children if "SqsEventSource" in child.node.id)
        acknowledge(
            esm,
            "Serverless-LambdaEventSourceMappingDestination",
            "On-failure destinations exist only for stream and Kafka sources; for an SQS source the "
            "queue's redrive policy (maxReceiveCount -> FIFO DLQ) is the failure destination.",
        )
        acknowledge(
            self.function,
            "Serverless-LambdaDLQ",
            "The function is invoked synchronously by the SQS event source mapping; failed records "
            "go to the source queue's redrive DLQ (maxReceiveCount) or are dead-lettered by the handler. "
            "A function-level async DLQ would never receive anything.",
        )
