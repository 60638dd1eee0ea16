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

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from constructs import Construct

from infra.config import OrderHandoffConfig
from infra.constructs import constants
from infra.constructs.alarms import AlarmSpec, flow_metric, queue_flow_alarms, runbook_alarm, share_of_records
from infra.constructs.functions import SQS_CONSUME_ACTIONS, consume_fifo_queue, sferp_function
from infra.constructs.queues import spec_queue, terminal_dlq
from infra.constructs.route import RouteSpec, SalesforceRoute
from infra.constructs.shared import Shared
from infra.constructs.tables import encrypted_table
from sferp import names
from sferp.order_handoff import names as handoff_names

# The handler's own DynamoDB calls (idempotency and version guard); no Scan, no Query, no batch.
# BatchGetItem: the Salesforce writer reads a batch's desired state at once (prefix sfw#).
_TABLE_ACTIONS = (
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
)
# The FIFO source queue: the ESM's receive/delete plus the handler's back-off on retriable errors.
# The handler's retry back-off moves a failed message's visibility (SqsVisibilityRetryScheduler).
_SOURCE_QUEUE_ACTIONS = (*SQS_CONSUME_ACTIONS, "sqs:ChangeMessageVisibility")


ROUTE_SPEC = RouteSpec(
    route=handoff_names.ROUTE,
    label="order handoff",
    pattern=handoff_names.order_handoff_event_pattern(),
    buffer=handoff_names.BUFFER_SPEC,
    delivery_dlq=handoff_names.DELIVERY_DLQ_SPEC,
    message_group_id_path=handoff_names.MESSAGE_GROUP_ID_PATH,
    rule_description="Order_Handoff__e from Salesforce -> order handoff buffer",
    archive_description="Order_Handoff__e events for replay (sferp ops order_handoff replay)",
    pipe_description="Sets the FIFO message group to the Salesforce Order Id of each event",
    delivery_runbook="docs/runbooks/order_handoff-delivery-failures.md",
    pipe_batch_size=handoff_names.PIPE_BATCH_SIZE,
)


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
        self.event_source = consume_fifo_queue(
            self.function,
            self.queue,
            batch_size=handoff_names.ORDER_HANDOFF_BATCH_SIZE,
            enabled=config.mode != "off",
        )

        self.route = SalesforceRoute(
            self,
            "Route",
            shared=shared,
            spec=ROUTE_SPEC,
            target=self.queue,
            archive_retention_days=config.archive_retention_days,
        )
        self._alarms(shared)

    def read_coupling(self, table: dynamodb.ITable) -> None:
        """Resolve ERP customers through the customer flow's coupling (read only: GetItem)."""
        self.function.add_environment(handoff_names.ENV_COUPLING_TABLE, table.table_name)
        self.role.add_to_policy(
            iam.PolicyStatement(actions=["dynamodb:GetItem"], resources=[table.table_arn])
        )

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
        queue_flow_alarms(
            alarm,
            env_name=shared.env_name,
            flow=handoff_names.FLOW_ORDER_HANDOFF,
            queue=self.queue,
            dead_letter_metric=handoff_names.METRIC_DEAD_LETTERED,
            id_prefix="",
            runbook_prefix="order_handoff",
            what="order events",
            error_severity="critical",  # an ERP outage: orders stop reaching the ERP
            queue_depth=shared.queue_depth_alarm_messages,
        )
        alarm(
            "SyncFailureRate",
            runbook="order_handoff-sync-failure-rate",
            severity="warning",
            summary=f"More than {constants.SYNC_FAILURE_RATE_PCT:g} % of order write-backs to Salesforce fail.",
            metric=share_of_records(
                shared.env_name,
                handoff_names.FLOW_ORDER_HANDOFF,
                failed_metrics=(handoff_names.METRIC_WRITEBACK_FAILURES,),
                label="Write-back failure rate (%)",
            ),
            threshold=constants.SYNC_FAILURE_RATE_PCT,
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
            metric=flow_metric(
                shared.env_name,
                handoff_names.FLOW_ORDER_HANDOFF,
                handoff_names.METRIC_WRITEBACK_REJECTED,
                period=minute,
            ),
            threshold=0,
        )
        alarm(
            "ValidationFailures",
            runbook="order_handoff-validation-failures",
            severity="warning",
            summary="Orders were refused for their content (the event does not validate, or the ERP rejects "
            "the order): dead-lettered with the reason, the Salesforce Order shows Error.",
            metric=flow_metric(
                shared.env_name,
                handoff_names.FLOW_ORDER_HANDOFF,
                handoff_names.METRIC_VALIDATION_FAILURES,
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
