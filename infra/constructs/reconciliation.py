"""Nightly reconciliation: EventBridge Scheduler -> starter Lambda -> Step Functions (STANDARD)
-> task Lambda, with the artifact bucket (KMS), the run ledger and review queue tables, and the
reconciliation alarms.

The state machine is ``sferp.reconciliation.definition.state_machine_definition`` verbatim
(the task function's ARN substituted); ``sferp local reconciliation run`` runs the same document in moto.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from aws_cdk import ArnFormat, Duration, RemovalPolicy, Size, Stack, Token
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

from infra.config import ReconciliationConfig
from infra.constructs import constants
from infra.constructs.alarms import AlarmSpec, runbook_alarm
from infra.constructs.functions import sferp_function
from infra.constructs.nag import acknowledge
from infra.constructs.queues import terminal_dlq
from infra.constructs.schedules import schedule_role, scheduled_invoke
from infra.constructs.shared import Shared
from infra.constructs.tables import encrypted_table
from sferp import names
from sferp.reconciliation import names as reconcile_names
from sferp.reconciliation.definition import state_machine_definition

# S3 prefixes of the artifact bucket's layout (sferp.reconciliation.names: runs/<date>/..., reports/<date>/...).
RUNS_PREFIX: Final = reconcile_names.RUNS_PREFIX
REPORTS_PREFIX: Final = reconcile_names.REPORTS_PREFIX
# Extracts hold customer master data: keep them only as long as a rerun of the date is plausible.
RUNS_RETENTION_DAYS: Final = 35
# Reports are the audit trail of what was found and fixed: a year and a bit, like the prod logs.
REPORTS_RETENTION_DAYS: Final = 400
NONCURRENT_VERSION_RETENTION_DAYS: Final = 7  # versioning protects against overwrites, not history
ACCESS_LOG_RETENTION_DAYS: Final = 90
# The scheduler retries a failed invoke of the starter for up to an hour, then dead-letters it:
# a run that starts more than an hour late should be a human decision.
SCHEDULE_RETRY_ATTEMPTS: Final = 10
SCHEDULE_MAX_EVENT_AGE_S: Final = 60 * 60
# A run that has not finished after this long is stuck (a hung partition, a throttled ERP).
STATE_MACHINE_TIMEOUT_S: Final = 6 * 60 * 60  # seconds
TASK_EPHEMERAL_STORAGE_MIB: Final = 2048  # /tmp: both sides of one partition, or one entity's extract
STARTER_MEMORY_MB: Final = 256  # one StartExecution call
DRIFT_ALARM_PERIOD_S: Final = 60 * 60  # seconds; the drift metric arrives once per run

# The tasks' own calls (stores.py): the ledger and watermark (GetItem/PutItem/conditional
# UpdateItem), the review queue (BatchWriteItem only; Scan is an operator's read).
_RUN_TABLE_ACTIONS: Final = ("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem")
_REVIEW_TABLE_ACTIONS: Final = ("dynamodb:BatchWriteItem",)


class Reconciliation(Construct):
    """The nightly Salesforce <-> ERP reconciliation of one environment."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        shared: Shared,
        config: ReconciliationConfig,
        code_dir: Path,
    ) -> None:
        super().__init__(scope, construct_id)
        env_name = shared.env_name
        self._env_name = env_name
        self.alarm_specs: list[AlarmSpec] = []
        stack = Stack.of(self)
        self.state_machine_name = names.resource_name(env_name, reconcile_names.STATE_MACHINE)
        # Built from the name, not from the resource: the state machine's own role needs this ARN
        # (Distributed Map children), and a reference to the resource would be circular.
        state_machine_arn = stack.format_arn(
            service="states",
            resource="stateMachine",
            resource_name=self.state_machine_name,
            arn_format=ArnFormat.COLON_RESOURCE_NAME,
        )
        executions_arn = stack.format_arn(
            service="states",
            resource="execution",
            resource_name=f"{self.state_machine_name}/*",
            arn_format=ArnFormat.COLON_RESOURCE_NAME,
        )

        self._storage(env_name, shared.key, shared.removal_policy)
        self._task_function(shared, config=config, code_dir=code_dir)
        self._state_machine(
            env_name,
            key=shared.key,
            state_machine_arn=state_machine_arn,
            executions_arn=executions_arn,
            max_concurrency=config.max_concurrency,
            log_retention=shared.log_retention,
            removal_policy=shared.removal_policy,
        )
        self._starter(shared, code_dir=code_dir, time_zone=config.time_zone)
        self._schedule(shared, mode=config.mode, expression=config.schedule, time_zone=config.time_zone)
        self._alarms(shared.topics, config.drift_alarm_threshold_pct)
        self._acknowledge_findings()

    # --- storage ---------------------------------------------------------------------------------
    def _storage(self, env_name: str, key: kms.IKey, removal_policy: RemovalPolicy) -> None:
        # Server access logs need SSE-S3 on the target bucket (S3 cannot log into SSE-KMS).
        self.access_log_bucket = s3.Bucket(
            self,
            "AccessLogs",
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            versioned=True,
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="expire-access-logs",
                    expiration=Duration.days(ACCESS_LOG_RETENTION_DAYS),
                    noncurrent_version_expiration=Duration.days(NONCURRENT_VERSION_RETENTION_DAYS),
                )
            ],
            removal_policy=removal_policy,
        )
        self.bucket = s3.Bucket(
            self,
            "Artifacts",
            encryption=s3.BucketEncryption.KMS,
            encryption_key=key,
            bucket_key_enabled=True,  # one KMS call per object batch, not per partition file
            enforce_ssl=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            versioned=True,
            server_access_logs_bucket=self.access_log_bucket,
            server_access_logs_prefix="artifacts/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="expire-run-extracts",
                    prefix=RUNS_PREFIX,
                    expiration=Duration.days(RUNS_RETENTION_DAYS),
                    noncurrent_version_expiration=Duration.days(NONCURRENT_VERSION_RETENTION_DAYS),
                ),
                s3.LifecycleRule(
                    id="expire-reports",
                    prefix=REPORTS_PREFIX,
                    expiration=Duration.days(REPORTS_RETENTION_DAYS),
                    noncurrent_version_expiration=Duration.days(NONCURRENT_VERSION_RETENTION_DAYS),
                ),
                s3.LifecycleRule(
                    id="abort-incomplete-uploads", abort_incomplete_multipart_upload_after=Duration.days(1)
                ),
            ],
            removal_policy=removal_policy,
        )

        # The watermark items never expire (no TTL attribute on them); run items do. Review items
        # stay until someone works them: no TTL (reconcile_names.*_TABLE_SPEC).
        self.run_table = encrypted_table(
            self,
            "RunTable",
            spec=reconcile_names.RUN_TABLE_SPEC,
            env_name=env_name,
            key=key,
            removal_policy=removal_policy,
        )
        self.review_table = encrypted_table(
            self,
            "ReviewTable",
            spec=reconcile_names.REVIEW_TABLE_SPEC,
            env_name=env_name,
            key=key,
            removal_policy=removal_policy,
        )

    # --- the task function -------------------------------------------------------------------------
    def read_coupling(self, table: dynamodb.ITable) -> None:
        """The accounts' key map from the customer flow's coupling (read only: one Scan a run)."""
        self.task_function.add_environment(names.ENV_COUPLING_TABLE, table.table_name)
        self.task_role.add_to_policy(
            iam.PolicyStatement(actions=["dynamodb:Scan"], resources=[table.table_arn])
        )

    def _task_function(self, shared: Shared, *, config: ReconciliationConfig, code_dir: Path) -> None:
        env_name = shared.env_name
        built = sferp_function(
            self,
            "Task",
            shared=shared,
            name=names.resource_name(env_name, reconcile_names.TASK_FUNCTION),
            description="Reconciliation tasks (extract, compare, resolve, apply, report, watermark)",
            role_description=f"sferp {env_name} reconciliation tasks (least privilege)",
            code_dir=code_dir,
            handler="handler.lambda_handler",
            memory_mb=reconcile_names.RECONCILE_TASK_MEMORY_MB,
            timeout_s=reconcile_names.RECONCILE_TASK_TIMEOUT_S,
            statements=[
                iam.PolicyStatement(actions=list(_RUN_TABLE_ACTIONS), resources=[self.run_table.table_arn]),
                iam.PolicyStatement(
                    actions=list(_REVIEW_TABLE_ACTIONS), resources=[self.review_table.table_arn]
                ),
                # Objects only under the two prefixes the tasks use.
                iam.PolicyStatement(
                    actions=["s3:GetObject", "s3:PutObject"],
                    resources=[
                        self.bucket.arn_for_objects(f"{RUNS_PREFIX}*"),
                        self.bucket.arn_for_objects(f"{REPORTS_PREFIX}*"),
                    ],
                ),
                # ListBucket: the partition results of a run, and a clean NoSuchKey (not AccessDenied)
                # when a rerun looks for an extract that does not exist yet.
                iam.PolicyStatement(actions=["s3:ListBucket"], resources=[self.bucket.bucket_arn]),
            ],
            uses_salesforce=True,
            uses_erp=True,
            environment={
                # off | shadow | live (cdk.json flows.reconciliation.mode); shadow writes nothing.
                reconcile_names.ENV_RECONCILE_MODE: config.mode,
                reconcile_names.ENV_RECONCILE_BUCKET: self.bucket.bucket_name,
                # Per-object SSE-KMS with this key, so a mis-set bucket default cannot downgrade it.
                reconcile_names.ENV_RECONCILE_KMS_KEY_ID: shared.key.key_arn,
                reconcile_names.ENV_RECONCILE_RUN_TABLE: self.run_table.table_name,
                reconcile_names.ENV_RECONCILE_REVIEW_TABLE: self.review_table.table_name,
                reconcile_names.ENV_RECONCILE_LOOKBACK_MINUTES: str(config.lookback_minutes),
                reconcile_names.ENV_RECONCILE_PARTITIONS: str(config.partitions),
            },
            # Partition files are staged in /tmp (both sides of one partition plus the result),
            # and DuckDB spills there beyond its memory limit.
            ephemeral_storage_size=Size.mebibytes(TASK_EPHEMERAL_STORAGE_MIB),
            # The compare step's columnar engine; no other function carries it.
            extra_layers=(shared.reconciliation_layer,),
        )
        self.task_function, self.task_role, self.task_log_group = built.function, built.role, built.log_group

    # --- the state machine -------------------------------------------------------------------------
    def _state_machine(
        self,
        env_name: str,
        *,
        key: kms.IKey,
        state_machine_arn: str,
        executions_arn: str,
        max_concurrency: int,
        log_retention: logs.RetentionDays,
        removal_policy: RemovalPolicy,
    ) -> None:
        # /aws/vendedlogs/: Step Functions delivers through CloudWatch Logs vended logs, and this
        # prefix keeps the log resource policy from growing per log group.
        self.state_machine_log_group = logs.LogGroup(
            self,
            "StateMachineLogGroup",
            log_group_name=f"/aws/vendedlogs/states/{self.state_machine_name}",
            retention=log_retention,
            encryption_key=key,
            removal_policy=removal_policy,
        )
        self.state_machine_role = iam.Role(
            self,
            "StateMachineRole",
            assumed_by=iam.ServicePrincipal("states.amazonaws.com"),
            description=f"sferp {env_name} reconciliation state machine (least privilege)",
        )
        for statement in (
            # Every Task state invokes the one task function (unqualified ARN, as in the definition).
            iam.PolicyStatement(
                actions=["lambda:InvokeFunction"], resources=[self.task_function.function_arn]
            ),
            # The Distributed Map runs its children as executions of this same state machine.
            iam.PolicyStatement(actions=["states:StartExecution"], resources=[state_machine_arn]),
            iam.PolicyStatement(
                actions=["states:DescribeExecution", "states:StopExecution"], resources=[executions_arn]
            ),
            # The ItemReader reads the partition manifest (runs/<date>/manifest.json), KMS-encrypted.
            iam.PolicyStatement(
                actions=["s3:GetObject"], resources=[self.bucket.arn_for_objects(f"{RUNS_PREFIX}*")]
            ),
            iam.PolicyStatement(actions=["s3:ListBucket"], resources=[self.bucket.bucket_arn]),
            iam.PolicyStatement(actions=["kms:Decrypt"], resources=[key.key_arn]),
        ):
            self.state_machine_role.add_to_policy(statement)

        definition = state_machine_definition(
            self.task_function.function_arn,
            max_concurrency=max_concurrency,
            timeout_s=STATE_MACHINE_TIMEOUT_S,
        )
        self.state_machine = sfn.StateMachine(
            self,
            "StateMachine",
            state_machine_name=self.state_machine_name,
            state_machine_type=sfn.StateMachineType.STANDARD,
            # The builder's document as-is; the function ARN token resolves at deploy.
            definition_body=sfn.DefinitionBody.from_string(json.dumps(definition)),
            role=self.state_machine_role,
            tracing_enabled=True,
            logs=sfn.LogOptions(
                destination=self.state_machine_log_group,
                level=sfn.LogLevel.ALL,
                # Record values (names, addresses, prices) stay out of the logs.
                include_execution_data=False,
            ),
            removal_policy=removal_policy,
        )

    # --- the starter (the scheduler's target) ------------------------------------------------------
    def _starter(self, shared: Shared, *, code_dir: Path, time_zone: str) -> None:
        env_name = shared.env_name
        # One DLQ for "tonight's run did not start": the scheduler's failed invokes and the
        # starter's failed asynchronous invocations (Scheduler invokes Lambda asynchronously).
        # Standard: Scheduler refuses FIFO.
        self.start_dlq = terminal_dlq(
            self,
            "StartDeadLetterQueue",
            shared=shared,
            name=names.resource_name(env_name, reconcile_names.START_DLQ),
            what="dead-letter queue of the reconciliation start",
            runbook="docs/runbooks/reconciliation-run-failed.md",
            nag_rules=("AwsSolutions-SQS3", "Serverless-SQSRedrivePolicy"),
        )
        built = sferp_function(
            self,
            "Starter",
            shared=shared,
            name=names.resource_name(env_name, reconcile_names.STARTER_FUNCTION),
            description="Reconciliation starter: one execution reconcile-<run date> per scheduled run",
            role_description=f"sferp {env_name} reconciliation starter (StartExecution on one state machine)",
            code_dir=code_dir,
            handler="handler.start_handler",
            memory_mb=STARTER_MEMORY_MB,
            timeout_s=reconcile_names.RECONCILE_STARTER_TIMEOUT_S,
            statements=[
                iam.PolicyStatement(
                    actions=["states:StartExecution"], resources=[self.state_machine.state_machine_arn]
                ),
                # Lambda delivers a failed asynchronous invocation to the DLQ with the function's role.
                iam.PolicyStatement(actions=["sqs:SendMessage"], resources=[self.start_dlq.queue_arn]),
            ],
            describe_key=False,
            environment={
                reconcile_names.ENV_RECONCILE_STATE_MACHINE_ARN: self.state_machine.state_machine_arn,
                # The same zone as the schedule: the run date is the scheduled instant's local date.
                reconcile_names.ENV_RECONCILE_TIME_ZONE: time_zone,
            },
        )
        self.starter_function, self.starter_role = built.function, built.role
        self.starter_log_group = built.log_group
        # Set on the L1: the L2's dead_letter_queue grants through the key's grant helpers, which
        # add wildcard KMS actions (kms:ReEncrypt*, kms:GenerateDataKey*); the role above has the
        # explicit ones.
        cfn_function = self.starter_function.node.default_child
        assert isinstance(cfn_function, lambda_.CfnFunction)
        cfn_function.dead_letter_config = lambda_.CfnFunction.DeadLetterConfigProperty(
            target_arn=self.start_dlq.queue_arn
        )

    # --- the schedule --------------------------------------------------------------------------------
    def _schedule(self, shared: Shared, *, mode: str, expression: str, time_zone: str) -> None:
        self.schedule_role = schedule_role(
            self,
            "ScheduleRole",
            shared=shared,
            target=self.starter_function,
            dead_letter_queue=self.start_dlq,
            description=f"sferp {shared.env_name} reconciliation schedule (invokes the starter only)",
        )
        self.schedule = scheduled_invoke(
            self,
            "Schedule",
            name=names.resource_name(shared.env_name, reconcile_names.SCHEDULE),
            description="Nightly Salesforce <-> ERP reconciliation (starts reconcile-<run date>)",
            expression=expression,
            time_zone=time_zone,
            # mode "off": deployed but never fires; switching to shadow/live enables it.
            enabled=mode != "off",
            target=self.starter_function,
            role=self.schedule_role,
            # The starter derives the run date from this (app.start_from_schedule).
            payload={"scheduled_time": "<aws.scheduler.scheduled-time>"},
            retry_attempts=SCHEDULE_RETRY_ATTEMPTS,
            max_event_age_s=SCHEDULE_MAX_EVENT_AGE_S,
            dead_letter_queue=self.start_dlq,
        )

    # --- alarms ----------------------------------------------------------------------------------------
    def _alarms(self, topics: Mapping[str, sns.ITopic], drift_threshold_pct: float) -> None:
        five_minutes = Duration.seconds(constants.RATE_ALARM_PERIOD_S)
        for construct_id, metric, what in (
            ("ReconcileExecutionsFailed", self.state_machine.metric_failed, "failed"),
            ("ReconcileExecutionsTimedOut", self.state_machine.metric_timed_out, "timed out"),
            ("ReconcileExecutionsAborted", self.state_machine.metric_aborted, "was aborted"),
        ):
            self._alarm(
                topics,
                construct_id,
                runbook="reconciliation-run-failed",
                severity="critical",
                summary=f"A reconciliation run {what}: tonight's drift is not fixed, the watermark did not move.",
                metric=metric(period=five_minutes, statistic="Sum"),
                threshold=0,
                treat_missing=cloudwatch.TreatMissingData.NOT_BREACHING,
            )
        self._alarm(
            topics,
            "ReconcileDriftHigh",
            runbook="reconciliation-drift-high",
            severity="warning",
            summary=f"Reconciliation drift > {drift_threshold_pct:g} % of the records compared.",
            # The report step publishes it once per run with exactly these dimensions (EMF).
            metric=cloudwatch.Metric(
                namespace=names.METRICS_NAMESPACE,
                metric_name=reconcile_names.METRIC_RECONCILE_DRIFT_PCT,
                dimensions_map=names.metric_dimensions(self._env_name, reconcile_names.FLOW_RECONCILIATION),
                statistic="Maximum",
                period=Duration.seconds(DRIFT_ALARM_PERIOD_S),
            ),
            threshold=drift_threshold_pct,
            # One data point a night: keep the state until the next run reports, instead of
            # flapping back to OK an hour later.
            treat_missing=cloudwatch.TreatMissingData.IGNORE,
        )
        self._alarm(
            topics,
            "ReconcileStartDlqNotEmpty",
            runbook="reconciliation-run-failed",
            severity="critical",
            summary="The nightly reconciliation did not start (scheduler or starter failures are in its DLQ).",
            metric=self.start_dlq.metric_approximate_number_of_messages_visible(
                period=Duration.seconds(constants.ALARM_PERIOD_S), statistic="Maximum"
            ),
            threshold=0,
            treat_missing=cloudwatch.TreatMissingData.NOT_BREACHING,
        )

    def _alarm(self, topics: Mapping[str, sns.ITopic], construct_id: str, **settings: Any) -> None:
        self.alarm_specs.append(
            runbook_alarm(self, construct_id, env_name=self._env_name, topics=topics, **settings)
        )

    # --- cdk-nag ---------------------------------------------------------------------------------------
    def _acknowledge_findings(self) -> None:
        stack = Stack.of(self)
        bucket_id = stack.get_logical_id(self.bucket.node.default_child)  # type: ignore[arg-type]
        prefixes_reason = (
            "Objects under one prefix of the reconciliation bucket ({prefix}): the tasks write per run "
            "date and partition, so object keys are only known at run time; the bucket itself is not open."
        )
        task_policy = self.task_role.node.find_child("DefaultPolicy")
        machine_policy = self.state_machine_role.node.find_child("DefaultPolicy")
        for policy in (task_policy, machine_policy):
            acknowledge(
                policy,
                f"AwsSolutions-IAM5[Resource::<{bucket_id}.Arn>/{RUNS_PREFIX}*]",
                prefixes_reason.format(prefix=RUNS_PREFIX),
            )
        acknowledge(
            task_policy,
            f"AwsSolutions-IAM5[Resource::<{bucket_id}.Arn>/{REPORTS_PREFIX}*]",
            prefixes_reason.format(prefix=REPORTS_PREFIX),
        )
        # The state machine's role has two kinds of statements on "*", and cdk-nag reports them as one
        # finding: the reason names both (the task functions' roles carry X-Ray only).
        acknowledge(
            machine_policy,
            "AwsSolutions-IAM5[Resource::*]",
            "Two statements on Resource '*', both required by AWS: X-Ray PutTraceSegments/PutTelemetryRecords/"
            "GetSampling* (no resource-level permissions) for tracing, and the CloudWatch Logs vended-log "
            "delivery actions (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, "
            "ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) that Step "
            "Functions needs to deliver execution logs; AWS documents them only with Resource '*'. The "
            "actions are explicit; the log group itself is encrypted and named.",
        )
        acknowledge(
            machine_policy,
            f"AwsSolutions-IAM5[Resource::{_nag_arn(stack, 'execution', f'{self.state_machine_name}/*')}]",
            "Distributed Map children are executions of this state machine whose names Step Functions "
            "generates; DescribeExecution/StopExecution are scoped to this state machine's executions only.",
        )
        acknowledge(
            self.task_function,
            "Serverless-LambdaDLQ",
            "Step Functions invokes the task function synchronously; a failed task is retried by the "
            "state machine and then caught by RecordFailure, so an asynchronous DLQ would never receive anything.",
        )
        acknowledge(
            self.access_log_bucket,
            "AwsSolutions-S1",
            "This is the server access log bucket of the reconciliation artifacts; logging its own "
            "access would only log the log deliveries.",
        )


def _nag_arn(stack: Stack, resource: str, resource_name: str) -> str:
    """The ARN as cdk-nag prints it in a finding id (unresolved pseudo parameters as <AWS::...>)."""

    def part(value: str, pseudo: str) -> str:
        return f"<AWS::{pseudo}>" if Token.is_unresolved(value) else value

    partition = part(stack.partition, "Partition")
    region = part(stack.region, "Region")
    account = part(stack.account, "AccountId")
    return f"arn:{partition}:states:{region}:{account}:{resource}:{resource_name}"
