"""Order handoff consumer: SQS FIFO queue + FIFO DLQ, the order-state table, the Lambda and its
event source mapping, with a least-privilege role (explicit actions only)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as event_sources
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.constructs import lambda_defaults
from infra.constructs.constants import resource_name
from infra.constructs.kms import USE_ACTIONS
from infra.constructs.nag import acknowledge
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
_RUNTIME_REASON = (
    "Python 3.13 is the runtime the design fixes; the dependency layer is built for cp313 aarch64 "
    "wheels (infra/layer_build.py). Moving to a newer runtime is a deliberate change of both together."
)
_XRAY_REASON = (
    "X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions; AWS "
    "requires Resource '*' for active tracing (the actions themselves are explicit)."
)


class OrderHandoff(Construct):
    """FIFO queue -> Lambda (partial batch response) -> DynamoDB state, ERP, Salesforce write-back."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        env_name: str,
        key: kms.IKey,
        code_dir: Path,
        layer_dirs: dict[str, Path],
        flow_mode: str,
        erp_environment: Mapping[str, str],
        salesforce_secret: secretsmanager.ISecret,
        erp_secret: secretsmanager.ISecret,
        log_retention: logs.RetentionDays,
        log_level: str,
        reserved_concurrency: int | None,
        removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, construct_id)

        # --- Queues --------------------------------------------------------------------------
        self.dlq = sqs.Queue(
            self,
            "DeadLetterQueue",
            queue_name=f"{resource_name(env_name, 'order-handoff-dlq')}.fifo",
            fifo=True,  # a FIFO queue can only redrive into a FIFO DLQ
            content_based_deduplication=True,
            encryption=sqs.QueueEncryption.KMS,
            encryption_master_key=key,
            enforce_ssl=True,
            retention_period=Duration.seconds(handoff_names.ORDER_HANDOFF_DLQ_RETENTION_S),
            removal_policy=removal_policy,
        )
        self.queue = sqs.Queue(
            self,
            "Queue",
            queue_name=f"{resource_name(env_name, 'order-handoff')}.fifo",
            fifo=True,
            # The pipe sends no deduplication id; the body (the EventBridge event with its id) is the
            # key. It only drops transport re-sends within 5 minutes; logical duplicates are caught
            # by the business-key idempotency in the handler.
            content_based_deduplication=True,
            encryption=sqs.QueueEncryption.KMS,
            encryption_master_key=key,
            enforce_ssl=True,
            visibility_timeout=Duration.seconds(handoff_names.ORDER_HANDOFF_VISIBILITY_TIMEOUT_S),
            retention_period=Duration.seconds(handoff_names.ORDER_HANDOFF_QUEUE_RETENTION_S),
            dead_letter_queue=sqs.DeadLetterQueue(
                queue=self.dlq, max_receive_count=handoff_names.ORDER_HANDOFF_MAX_RECEIVE_COUNT
            ),
            removal_policy=removal_policy,
        )

        # --- Order state (idempotency + version guard) ----------------------------------------
        self.table = encrypted_table(
            self,
            "OrderState",
            table_name=resource_name(env_name, "order-state"),
            partition_key=handoff_names.ORDER_STATE_PARTITION_KEY,
            ttl_attribute=handoff_names.ORDER_STATE_TTL_ATTRIBUTE,
            key=key,
            removal_policy=removal_policy,
        )

        # --- Function ------------------------------------------------------------------------
        self.log_group, self.role = lambda_defaults.function_log_group_and_role(
            self,
            log_group_id="LogGroup",
            role_id="Role",
            function_name=resource_name(env_name, "order-handoff"),
            key=key,
            retention=log_retention,
            removal_policy=removal_policy,
            description=f"sferp {env_name} order handoff function (least privilege)",
        )
        statements = [
            iam.PolicyStatement(actions=list(_TABLE_ACTIONS), resources=[self.table.table_arn]),
            iam.PolicyStatement(actions=list(_SOURCE_QUEUE_ACTIONS), resources=[self.queue.queue_arn]),
            # Poison messages are dead-lettered by the handler at once, with their reason.
            iam.PolicyStatement(actions=["sqs:SendMessage"], resources=[self.dlq.queue_arn]),
            iam.PolicyStatement(
                actions=["secretsmanager:GetSecretValue"],
                resources=[salesforce_secret.secret_arn, erp_secret.secret_arn],
            ),
            # Queues, table and secrets are all encrypted with the environment key.
            iam.PolicyStatement(actions=[*USE_ACTIONS, "kms:DescribeKey"], resources=[key.key_arn]),
        ]
        for statement in statements:
            self.role.add_to_policy(statement)

        self.sferp_layer = lambda_.LayerVersion(
            self,
            "SferpLayer",
            code=lambda_.Code.from_asset(str(layer_dirs["sferp"])),
            compatible_runtimes=[lambda_defaults.RUNTIME],
            compatible_architectures=[lambda_defaults.ARCHITECTURE],
            description="sferp shared package (domain, ports, adapters)",
        )
        self.deps_layer = lambda_.LayerVersion(
            self,
            "DependencyLayer",
            code=lambda_.Code.from_asset(str(layer_dirs["deps"])),
            compatible_runtimes=[lambda_defaults.RUNTIME],
            compatible_architectures=[lambda_defaults.ARCHITECTURE],
            description="Powertools, pydantic, simple-salesforce (manylinux2014_aarch64, cp313)",
        )

        self.function = lambda_defaults.python_function(
            self,
            "Function",
            function_name=resource_name(env_name, "order-handoff"),
            description="Order handoff: Salesforce Order_Handoff__e -> ERP sales order, with write-back",
            code_dir=code_dir,
            handler="handler.lambda_handler",
            memory_mb=handoff_names.ORDER_HANDOFF_FUNCTION_MEMORY_MB,
            timeout_s=handoff_names.ORDER_HANDOFF_FUNCTION_TIMEOUT_S,
            log_group=self.log_group,
            log_level=log_level,
            role=self.role,
            layers=[self.deps_layer, self.sferp_layer],
            reserved_concurrent_executions=reserved_concurrency,
            environment={
                # Stack identity for logs, metrics dimensions and table keys.
                names.ENV_ENVIRONMENT: env_name,
                # off | shadow | live: the phased rollout switch, changed per environment in cdk.json.
                names.ENV_FLOW_MODE: flow_mode,
                handoff_names.ENV_ORDER_STATE_TABLE: self.table.table_name,
                # The handler dead-letters poison messages itself (no five pointless retries).
                handoff_names.ENV_DLQ_URL: self.dlq.queue_url,
                # ARNs only: the values are read at run time through Powertools Parameters.
                names.ENV_SALESFORCE_SECRET_ARN: salesforce_secret.secret_arn,
                names.ENV_ERP_SECRET_ARN: erp_secret.secret_arn,
                # Adapter, timeout and, for OData, the host and version (never credentials).
                **erp_environment,
                # The cloud always talks to a real org; "embedded" is for local runs only.
                names.ENV_SALESFORCE_ADAPTER: "simple_salesforce",
            },
        )
        # The ESM: partial batch response, so a failed record holds back only its own message
        # group (FIFO) instead of the whole batch being retried.
        self.event_source = event_sources.SqsEventSource(
            self.queue,
            batch_size=handoff_names.ORDER_HANDOFF_BATCH_SIZE,
            report_batch_item_failures=True,
            # Flow mode "off": the mapping exists but is disabled, so events wait in the queue
            # (up to its retention) instead of being consumed; switching to shadow/live resumes.
            enabled=flow_mode != "off",
        )
        self.function.add_event_source(self.event_source)
        self._acknowledge_findings()

    def _acknowledge_findings(self) -> None:
        policy = self.role.node.find_child("DefaultPolicy")
        acknowledge(policy, "AwsSolutions-IAM5[Resource::*]", _XRAY_REASON)
        for rule_id in ("AwsSolutions-L1", "Serverless-LambdaLatestVersion"):
            acknowledge(self.function, rule_id, _RUNTIME_REASON)
        acknowledge(
            self.dlq,
            "Serverless-SQSRedrivePolicy",
            "This queue IS the processing dead-letter queue (terminal). Messages leave it only by an "
            "operator's decision: sferp ops dlq inspect / redrive (docs/runbooks/processing-dlq-not-empty.md).",
        )
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
