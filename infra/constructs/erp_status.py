"""ERP status flow (ERP -> Salesforce): the ERP bus's sales order events through the same rule ->
buffer -> pipe -> FIFO shape as the Salesforce routes (grouped by the ERP order number), the
scheduled change poller (which sends to the same FIFO queue), the FIFO queue and DLQ, the state
table (watermark, newest state per order, the writer's desired state), the function and its alarms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from aws_cdk import Duration
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from constructs import Construct

from infra.config import ErpStatusConfig
from infra.constructs import constants
from infra.constructs.alarms import (
    AlarmSpec,
    flow_metric,
    queue_flow_alarms,
    routed_queue_alarms,
    runbook_alarm,
)
from infra.constructs.functions import SQS_CONSUME_ACTIONS, consume_fifo_queue, sferp_function
from infra.constructs.queues import spec_queue, terminal_dlq
from infra.constructs.route import RouteSpec, SalesforceRoute
from infra.constructs.schedules import schedule_role, scheduled_invoke
from infra.constructs.shared import Shared
from infra.constructs.tables import encrypted_table
from infra.constructs.write_queue import WriteQueue
from sferp import names
from sferp.erp_status import names as status_names

_TABLE_ACTIONS = (
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",  # the Salesforce writer reads a batch's desired state at once
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
)

POLL_RETRY_ATTEMPTS: Final = 2
POLL_MAX_EVENT_AGE_S: Final = 5 * 60  # a late poll is worth nothing once the next one ran

ROUTE_SPEC = RouteSpec(
    route=status_names.ROUTE,
    label="erp status",
    pattern=status_names.sales_order_event_pattern(),
    buffer=status_names.BUFFER_SPEC,
    delivery_dlq=status_names.DELIVERY_DLQ_SPEC,
    message_group_id_path=status_names.MESSAGE_GROUP_ID_PATH,
    rule_description="ERP sales order events (CloudEvents) -> erp status buffer",
    archive_description="ERP sales order events for replay after an outage",
    pipe_description="Sets the FIFO message group to the ERP sales order of each event",
    delivery_runbook="docs/runbooks/erp_status-delivery-failures.md",
    pipe_batch_size=status_names.PIPE_BATCH_SIZE,
)


class ErpStatus(Construct):
    """Poller and ERP events -> FIFO queue (grouped by ERP order) -> Lambda -> Salesforce Orders."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        shared: Shared,
        config: ErpStatusConfig,
        code_dir: Path,
        erp_bus: events.IEventBus,
        write_queue: WriteQueue | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        env_name = shared.env_name
        self.alarm_specs: list[AlarmSpec] = []
        self.dlq = terminal_dlq(
            self,
            "DeadLetterQueue",
            shared=shared,
            spec=status_names.DLQ_SPEC,
            what="processing dead-letter queue",
            runbook="docs/runbooks/erp_status-dlq-not-empty.md",
        )
        self.queue = spec_queue(
            self, "Queue", shared=shared, spec=status_names.QUEUE_SPEC, dead_letter_queue=self.dlq
        )
        self.table = encrypted_table(
            self,
            "State",
            spec=status_names.STATE_TABLE_SPEC,
            env_name=env_name,
            key=shared.key,
            removal_policy=shared.removal_policy,
        )
        statements = [
            iam.PolicyStatement(actions=list(_TABLE_ACTIONS), resources=[self.table.table_arn]),
            iam.PolicyStatement(actions=list(SQS_CONSUME_ACTIONS), resources=[self.queue.queue_arn]),
            # The poller sends to the flow's own FIFO queue; dead letters go to its DLQ.
            iam.PolicyStatement(
                actions=["sqs:SendMessage"], resources=[self.queue.queue_arn, self.dlq.queue_arn]
            ),
        ]
        built = sferp_function(
            self,
            "",
            shared=shared,
            name=names.resource_name(env_name, status_names.FUNCTION),
            description="ERP status: ERP sales order changes (poller and events) -> Salesforce Orders",
            role_description=f"sferp {env_name} erp status function (least privilege)",
            code_dir=code_dir,
            handler="handler.lambda_handler",
            memory_mb=status_names.FUNCTION_MEMORY_MB,
            timeout_s=status_names.FUNCTION_TIMEOUT_S,
            statements=statements,
            uses_salesforce=True,
            uses_erp=True,
            environment={
                names.ENV_FLOW_MODE: config.mode,
                status_names.ENV_STATE_TABLE: self.table.table_name,
                status_names.ENV_QUEUE_URL: self.queue.queue_url,
                status_names.ENV_DLQ_URL: self.dlq.queue_url,
                status_names.ENV_POLL_LOOKBACK_MIN: str(config.poll_lookback_minutes),
                status_names.ENV_PRICE_SYNC: "true" if config.price_sync else "false",
            },
            reserved_concurrent_executions=config.reserved_concurrency,
        )
        self.function, self.role, self.log_group = built.function, built.role, built.log_group
        if write_queue is not None:
            # The Orders' changes go to the write queue (the writer function batches them).
            write_queue.connect(self.function)
        self.event_source = consume_fifo_queue(
            self.function, self.queue, batch_size=status_names.BATCH_SIZE, enabled=config.mode != "off"
        )
        self.route = SalesforceRoute(
            self,
            "Route",
            shared=shared,
            spec=ROUTE_SPEC,
            target=self.queue,
            archive_retention_days=config.archive_retention_days,
            bus=erp_bus,
        )
        self._poll_schedule(shared, config)
        self._alarms(shared)

    def _poll_schedule(self, shared: Shared, config: ErpStatusConfig) -> None:
        # Scheduler's dead-letter queue must be a standard queue: the route's delivery DLQ (alarmed).
        self.schedule_role = schedule_role(
            self,
            "PollScheduleRole",
            shared=shared,
            target=self.function,
            dead_letter_queue=self.route.delivery_dlq,
            description=f"sferp {shared.env_name} erp status poll schedule (invokes the function only)",
        )
        self.poll_schedule, self.products_poll_schedule = (
            scheduled_invoke(
                self,
                construct_id,
                name=names.resource_name(shared.env_name, suffix),
                description=description,
                expression=expression,
                enabled=config.mode != "off",
                target=self.function,
                role=self.schedule_role,
                payload={"task": task},
                retry_attempts=POLL_RETRY_ATTEMPTS,
                max_event_age_s=POLL_MAX_EVENT_AGE_S,
                dead_letter_queue=self.route.delivery_dlq,
            )
            for construct_id, suffix, task, expression, description in (
                (
                    "PollSchedule",
                    status_names.POLL_SCHEDULE,
                    status_names.POLL_TASK,
                    config.poll_schedule,
                    "ERP -> Salesforce: sales orders changed since the watermark -> the FIFO queue",
                ),
                (
                    "ProductsPollSchedule",
                    status_names.PRODUCTS_POLL_SCHEDULE,
                    status_names.PRODUCTS_POLL_TASK,
                    config.products_poll_schedule,
                    "ERP -> Salesforce: products and list prices changed since their watermark",
                ),
            )
        )

    def _alarms(self, shared: Shared) -> None:
        minute = Duration.seconds(constants.ALARM_PERIOD_S)

        def alarm(construct_id: str, **settings: Any) -> None:
            self.alarm_specs.append(
                runbook_alarm(self, construct_id, env_name=shared.env_name, topics=shared.topics, **settings)
            )

        routed_queue_alarms(
            alarm,
            queue=self.queue,
            dlq=self.dlq,
            delivery_dlq=self.route.delivery_dlq,
            id_prefix="ErpStatus",
            runbook_prefix="erp_status",
            # A status reaches Salesforce late, nothing reaches the ERP wrong: warning, not a page.
            severity="warning",
            dlq_summary="ERP order states are in the erp status DLQ: Salesforce Orders do not show them.",
            delivery_summary="ERP sales order events or polls failed to reach the erp status queue or function.",
            what="ERP order change",
        )
        queue_flow_alarms(
            alarm,
            env_name=shared.env_name,
            flow=status_names.FLOW_ERP_STATUS,
            queue=self.queue,
            dead_letter_metric=status_names.METRIC_DEAD_LETTERED,
            id_prefix="ErpStatus",
            runbook_prefix="erp_status",
            what="ERP order changes",
            error_severity="warning",
            queue_depth=shared.queue_depth_alarm_messages,
        )
        alarm(
            "ErpStatusUnmapped",
            runbook="erp_status-unmapped-status",
            severity="warning",
            summary="The ERP reports order statuses the adapter's configuration does not map: not written.",
            metric=flow_metric(
                shared.env_name, status_names.FLOW_ERP_STATUS, status_names.METRIC_UNMAPPED, period=minute
            ),
            threshold=0,
        )
