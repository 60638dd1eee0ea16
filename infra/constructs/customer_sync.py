"""Customer flow: its route on the Salesforce bus (``AccountChangeEvent`` through the same rule ->
buffer -> pipe -> FIFO shape as the order handoff, grouped by the Account Id), the FIFO queue and
DLQ, the state table (coupling, per-Account order, idempotency), the function and its alarms.

The CDC events reach the bus through an Event Relay of their own (a relay relays one channel, and
a change-event channel cannot hold platform events): ``infra/salesforce/relay/`` and
``docs/salesforce_setup.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from constructs import Construct

from infra.config import CustomerSyncConfig
from infra.constructs import constants
from infra.constructs.alarms import AlarmSpec, queue_flow_alarms, routed_queue_alarms, runbook_alarm
from infra.constructs.functions import SQS_CONSUME_ACTIONS, consume_fifo_queue, sferp_function
from infra.constructs.queues import spec_queue, terminal_dlq
from infra.constructs.route import RouteSpec, SalesforceRoute
from infra.constructs.schedules import schedule_role, scheduled_invoke
from infra.constructs.shared import Shared
from infra.constructs.tables import encrypted_table
from sferp import names
from sferp.customer_sync import names as sync_names

# Coupling (transactions of Put/Delete with conditions), order, idempotency, leases; the coupling's
# scan is the nightly run's, not this function's.
_TABLE_ACTIONS = (
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",  # the Salesforce writer reads a batch's desired state at once
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:ConditionCheckItem",
)

ERP_POLL_RETRY_ATTEMPTS: Final = 2
ERP_POLL_MAX_EVENT_AGE_S: Final = 5 * 60  # seconds

ROUTE_SPEC = RouteSpec(
    route=sync_names.ROUTE,
    label="customer sync",
    pattern=sync_names.account_change_event_pattern(),
    buffer=sync_names.BUFFER_SPEC,
    delivery_dlq=sync_names.DELIVERY_DLQ_SPEC,
    message_group_id_path=sync_names.MESSAGE_GROUP_ID_PATH,
    rule_description="AccountChangeEvent from Salesforce -> customer sync buffer",
    archive_description="AccountChangeEvent events for replay after an outage",
    pipe_description="Sets the FIFO message group to the Account Id of each change event",
    delivery_runbook="docs/runbooks/customer_sync-delivery-failures.md",
    pipe_batch_size=sync_names.PIPE_BATCH_SIZE,
    archive_pattern=sync_names.archive_event_pattern(),
)


class CustomerSync(Construct):
    """FIFO queue -> Lambda (partial batch response) -> coupling store, ERP customers, Account status."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        shared: Shared,
        config: CustomerSyncConfig,
        code_dir: Path,
        reconciliation_state_machine_arn: str | None = None,
        bus: events.IEventBus | None = None,
        erp_bus: events.IEventBus | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        env_name = shared.env_name
        self.alarm_specs: list[AlarmSpec] = []

        self.dlq = terminal_dlq(
            self,
            "DeadLetterQueue",
            shared=shared,
            spec=sync_names.DLQ_SPEC,
            what="processing dead-letter queue",
            runbook="docs/runbooks/customer_sync-dlq-not-empty.md",
        )
        self.queue = spec_queue(
            self, "Queue", shared=shared, spec=sync_names.QUEUE_SPEC, dead_letter_queue=self.dlq
        )
        self.table = encrypted_table(
            self,
            "State",
            spec=sync_names.STATE_TABLE_SPEC,
            env_name=env_name,
            key=shared.key,
            removal_policy=shared.removal_policy,
        )

        statements = [
            iam.PolicyStatement(actions=list(_TABLE_ACTIONS), resources=[self.table.table_arn]),
            iam.PolicyStatement(actions=list(SQS_CONSUME_ACTIONS), resources=[self.queue.queue_arn]),
            iam.PolicyStatement(actions=["sqs:SendMessage"], resources=[self.dlq.queue_arn]),
        ]
        environment = {
            names.ENV_FLOW_MODE: config.mode,
            sync_names.ENV_STATE_TABLE: self.table.table_name,
            sync_names.ENV_DLQ_URL: self.dlq.queue_url,
            sync_names.ENV_INTEGRATION_USER_ID: config.integration_user_id,
            sync_names.ENV_ON_ACCOUNT_DELETE: config.on_account_delete,
            sync_names.ENV_ERP_POLL_LOOKBACK_MIN: str(config.erp_poll_lookback_minutes),
        }
        if config.targeted_reconciliation and reconciliation_state_machine_arn:
            environment[sync_names.ENV_RECONCILIATION_STATE_MACHINE_ARN] = reconciliation_state_machine_arn
            statements.append(
                iam.PolicyStatement(
                    actions=["states:StartExecution"], resources=[reconciliation_state_machine_arn]
                )
            )
        built = sferp_function(
            self,
            "",
            shared=shared,
            name=names.resource_name(env_name, sync_names.FUNCTION),
            description="Customer sync: Salesforce AccountChangeEvent -> ERP customer, with the coupling",
            role_description=f"sferp {env_name} customer sync function (least privilege)",
            code_dir=code_dir,
            handler="handler.lambda_handler",
            memory_mb=sync_names.FUNCTION_MEMORY_MB,
            timeout_s=sync_names.FUNCTION_TIMEOUT_S,
            statements=statements,
            uses_salesforce=True,
            uses_erp=True,
            environment=environment,
            reserved_concurrent_executions=config.reserved_concurrency,
        )
        self.function, self.role, self.log_group = built.function, built.role, built.log_group
        self.event_source = consume_fifo_queue(
            self.function, self.queue, batch_size=sync_names.BATCH_SIZE, enabled=config.mode != "off"
        )
        self.route = SalesforceRoute(
            self,
            "Route",
            shared=shared,
            spec=ROUTE_SPEC,
            target=self.queue,
            archive_retention_days=config.archive_retention_days,
            bus=bus,
        )
        self.bus = bus or shared.salesforce_bus
        self._overflow_rule(shared)
        if erp_bus is not None:
            self._erp_events_rule(shared, erp_bus)
        self._erp_poll_schedule(shared, config)
        self._alarms(shared)

    def _overflow_rule(self, shared: Shared) -> None:
        """GAP_OVERFLOW names no record, so the pipe (grouping by the first record id) cannot
        forward it: its own rule puts it straight into the FIFO queue with a static group."""
        self.overflow_rule = self._direct_rule(
            shared,
            "OverflowRule",
            route=sync_names.OVERFLOW_ROUTE,
            bus=self.bus,
            pattern=sync_names.gap_overflow_event_pattern(),
            group=sync_names.OVERFLOW_MESSAGE_GROUP,
            description="AccountChangeEvent GAP_OVERFLOW -> customer sync FIFO queue (static message group)",
            sid="EventBridgeOverflowRuleSends",
        )

    def _erp_events_rule(self, shared: Shared, erp_bus: events.IEventBus) -> None:
        """ERP business events about customers (key only) -> the FIFO queue; the handler reads
        the customer and writes the ERP-owned fields as the poller does."""
        self.erp_events_rule = self._direct_rule(
            shared,
            "ErpEventsRule",
            route=sync_names.ERP_EVENTS_ROUTE,
            bus=erp_bus,
            pattern=sync_names.erp_customer_event_pattern(),
            group=sync_names.ERP_EVENTS_MESSAGE_GROUP,
            description="ERP business partner events -> customer sync FIFO queue (static message group)",
            sid="EventBridgeErpEventsRuleSends",
        )

    def _direct_rule(
        self,
        shared: Shared,
        construct_id: str,
        *,
        route: str,
        bus: events.IEventBus,
        pattern: dict[str, Any],
        group: str,
        description: str,
        sid: str,
    ) -> events.CfnRule:
        """A rule straight into the FIFO queue with a static message group (no pipe), its
        delivery failures in the route's delivery DLQ."""
        rule = events.CfnRule(
            self,
            construct_id,
            name=names.resource_name(shared.env_name, route),
            description=description,
            event_bus_name=bus.event_bus_name,
            event_pattern=pattern,
            state="ENABLED",
            targets=[
                events.CfnRule.TargetProperty(
                    id="customer-sync-queue",
                    arn=self.queue.queue_arn,
                    sqs_parameters=events.CfnRule.SqsParametersProperty(message_group_id=group),
                    retry_policy=events.CfnRule.RetryPolicyProperty(
                        maximum_event_age_in_seconds=names.RULE_TARGET_MAX_EVENT_AGE_S,
                        maximum_retry_attempts=names.RULE_TARGET_RETRY_ATTEMPTS,
                    ),
                    dead_letter_config=events.CfnRule.DeadLetterConfigProperty(
                        arn=self.route.delivery_dlq.queue_arn
                    ),
                )
            ],
        )
        for queue in (self.queue, self.route.delivery_dlq):
            queue.add_to_resource_policy(
                iam.PolicyStatement(
                    sid=sid,
                    principals=[iam.ServicePrincipal("events.amazonaws.com")],
                    actions=["sqs:SendMessage"],
                    resources=[queue.queue_arn],
                    conditions={"ArnEquals": {"aws:SourceArn": rule.attr_arn}},
                )
            )
        return rule

    def _erp_poll_schedule(self, shared: Shared, config: CustomerSyncConfig) -> None:
        """ERP -> Salesforce: the scheduled poll of ERP-owned customer fields, into the same function."""
        # Scheduler's dead-letter queue must be a standard queue: the route's delivery DLQ (alarmed).
        self.schedule_role = schedule_role(
            self,
            "ErpPollScheduleRole",
            shared=shared,
            target=self.function,
            dead_letter_queue=self.route.delivery_dlq,
            description=f"sferp {shared.env_name} customer sync ERP poll schedule (invokes the function only)",
        )
        self.erp_poll_schedule = scheduled_invoke(
            self,
            "ErpPollSchedule",
            name=names.resource_name(shared.env_name, sync_names.ERP_POLL_SCHEDULE),
            description="ERP -> Salesforce: ERP-owned customer fields changed since the watermark",
            expression=config.erp_poll_schedule,
            enabled=config.mode != "off",
            target=self.function,
            role=self.schedule_role,
            payload={"task": sync_names.ERP_POLL_TASK},
            retry_attempts=ERP_POLL_RETRY_ATTEMPTS,
            # A late poll is worth nothing once the next one ran: retry within one interval only.
            max_event_age_s=ERP_POLL_MAX_EVENT_AGE_S,
            dead_letter_queue=self.route.delivery_dlq,
        )

    def _alarms(self, shared: Shared) -> None:
        minute = Duration.seconds(constants.ALARM_PERIOD_S)

        def alarm(construct_id: str, **settings: Any) -> None:
            self.alarm_specs.append(
                runbook_alarm(self, construct_id, env_name=shared.env_name, topics=shared.topics, **settings)
            )

        def flow_metric(name: str) -> cloudwatch.Metric:
            return cloudwatch.Metric(
                namespace=names.METRICS_NAMESPACE,
                metric_name=name,
                dimensions_map=names.metric_dimensions(shared.env_name, sync_names.FLOW_CUSTOMER_SYNC),
                statistic="Sum",
                period=minute,
            )

        routed_queue_alarms(
            alarm,
            queue=self.queue,
            dlq=self.dlq,
            delivery_dlq=self.route.delivery_dlq,
            id_prefix="CustomerSync",
            runbook_prefix="customer_sync",
            severity="critical",
            dlq_summary="Account changes are in the customer sync DLQ: they did not reach the ERP customer.",
            delivery_summary="AccountChangeEvents are in the delivery DLQ: EventBridge or the pipe could not deliver them.",
            what="Account change",
        )
        queue_flow_alarms(
            alarm,
            env_name=shared.env_name,
            flow=sync_names.FLOW_CUSTOMER_SYNC,
            queue=self.queue,
            dead_letter_metric=sync_names.METRIC_DEAD_LETTERED,
            id_prefix="CustomerSync",
            runbook_prefix="customer_sync",
            what="Account changes",
            error_severity="warning",
            queue_depth=shared.queue_depth_alarm_messages,
        )
        alarm(
            "CustomerSyncGapOverflow",
            runbook="customer_sync-gap-overflow",
            severity="warning",
            summary="Salesforce overflowed the Account change stream (GAP_OVERFLOW): a targeted reconciliation runs.",
            metric=flow_metric(sync_names.METRIC_OVERFLOWS),
            threshold=0,
        )
