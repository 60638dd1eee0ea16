"""The Salesforce write queue (shared by the flows that send their record changes to it): a
standard SQS queue with its DLQ, the writer function consuming it with a batching window, the
desired-state table of every record written through it, and its alarms.

Standard, not FIFO, on purpose: a FIFO event source has no batching window and gives at most 10
messages an invocation, which is exactly the per-batch writing the queue exists to avoid. Order is
not the queue's job: the writer's desired state (newest version per record and field) makes any
delivery order and any duplicate safe (docs/salesforce_writer.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aws_cdk import Duration
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from infra.config import WriteQueueConfig
from infra.constructs import constants
from infra.constructs.alarms import AlarmSpec, queue_flow_alarms, runbook_alarm
from infra.constructs.functions import SQS_CONSUME_ACTIONS, consume_queue, sferp_function
from infra.constructs.queues import spec_queue, terminal_dlq
from infra.constructs.shared import Shared
from infra.constructs.tables import encrypted_table
from sferp import names
from sferp.write_queue import names as queue_names

_TABLE_ACTIONS = ("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem")


class WriteQueue(Construct):
    """Flows' record changes -> standard SQS queue -> (batching window) -> writer function -> Salesforce."""

    def __init__(
        self, scope: Construct, construct_id: str, *, shared: Shared, config: WriteQueueConfig, code_dir: Path
    ) -> None:
        super().__init__(scope, construct_id)
        env_name = shared.env_name
        self.alarm_specs: list[AlarmSpec] = []
        self.dlq = terminal_dlq(
            self,
            "DeadLetterQueue",
            shared=shared,
            spec=queue_names.DLQ_SPEC,
            what="Salesforce write dead-letter queue",
            runbook="docs/runbooks/salesforce_writer-dlq-not-empty.md",
        )
        self.queue = spec_queue(
            self, "Queue", shared=shared, spec=queue_names.QUEUE_SPEC, dead_letter_queue=self.dlq
        )
        self.table = encrypted_table(
            self,
            "State",
            spec=queue_names.STATE_TABLE_SPEC,
            env_name=env_name,
            key=shared.key,
            removal_policy=shared.removal_policy,
        )
        built = sferp_function(
            self,
            "",
            shared=shared,
            name=names.resource_name(env_name, queue_names.FUNCTION),
            description="Salesforce writer: the write queue's changes of a batching window -> Salesforce",
            role_description=f"sferp {env_name} salesforce writer function (least privilege)",
            code_dir=code_dir,
            handler="handler.lambda_handler",
            memory_mb=queue_names.FUNCTION_MEMORY_MB,
            timeout_s=queue_names.FUNCTION_TIMEOUT_S,
            statements=[
                iam.PolicyStatement(actions=list(_TABLE_ACTIONS), resources=[self.table.table_arn]),
                iam.PolicyStatement(
                    actions=list(SQS_CONSUME_ACTIONS),
                    resources=[self.queue.queue_arn],
                ),
                # Deferred changes go back on the queue (delayed); unreadable ones to the DLQ.
                iam.PolicyStatement(
                    actions=["sqs:SendMessage"], resources=[self.queue.queue_arn, self.dlq.queue_arn]
                ),
            ],
            uses_salesforce=True,
            environment={
                queue_names.ENV_STATE_TABLE: self.table.table_name,
                queue_names.ENV_QUEUE_URL: self.queue.queue_url,
                queue_names.ENV_DLQ_URL: self.dlq.queue_url,
            },
        )
        self.function, self.role, self.log_group = built.function, built.role, built.log_group
        self.event_source = consume_queue(
            self.function,
            self.queue,
            batch_size=queue_names.BATCH_SIZE,
            batching_window_s=config.batching_window_s,
            max_concurrency=config.max_concurrency,
        )
        self._alarms(shared)

    def connect(self, function: lambda_.Function) -> None:
        """Send a flow's record changes here: the queue's URL in ``ENV_QUEUE_URL`` (the flow's
        ``QueuedWriter`` reads it) and the right to send to it."""
        function.add_environment(queue_names.ENV_QUEUE_URL, self.queue.queue_url)
        function.add_to_role_policy(
            iam.PolicyStatement(actions=["sqs:SendMessage"], resources=[self.queue.queue_arn])
        )

    def _alarms(self, shared: Shared) -> None:
        minute = Duration.seconds(constants.ALARM_PERIOD_S)

        def alarm(construct_id: str, **settings: Any) -> None:
            self.alarm_specs.append(
                runbook_alarm(self, construct_id, env_name=shared.env_name, topics=shared.topics, **settings)
            )

        alarm(
            "SalesforceWriterDlqNotEmpty",
            runbook="salesforce_writer-dlq-not-empty",
            severity="warning",
            summary="Salesforce refused record changes (or they could not be read): they are in the write DLQ "
            "with the reason, and Salesforce does not show them.",
            metric=self.dlq.metric_approximate_number_of_messages_visible(period=minute, statistic="Maximum"),
            threshold=0,
        )
        # Deferred changes wait DEFER_DELAY_S on purpose; the alarm is for what waits longer.
        oldest_s = max(constants.OLDEST_MESSAGE_AGE_S, 2 * queue_names.DEFER_DELAY_S)
        alarm(
            "SalesforceWriterOldestMessageAge",
            runbook="salesforce_writer-oldest-message-age",
            severity="warning",
            summary=f"A record change waits > {oldest_s // 60} min to be written to Salesforce.",
            metric=self.queue.metric_approximate_age_of_oldest_message(period=minute, statistic="Maximum"),
            threshold=oldest_s,
        )
        queue_flow_alarms(
            alarm,
            env_name=shared.env_name,
            flow=queue_names.FLOW_SALESFORCE_WRITER,
            queue=self.queue,
            dead_letter_metric=queue_names.METRIC_DEAD_LETTERED,
            id_prefix="SalesforceWriter",
            runbook_prefix="salesforce_writer",
            what="record changes",
            error_severity="warning",
            queue_depth=shared.queue_depth_alarm_messages,
        )
