"""The one builder of sferp functions: encrypted log group, own least-privilege role, the function
with the shared runtime settings (``lambda_defaults``), the grants every function of a flow needs,
and the cdk-nag acknowledgements that every sferp function carries for the same reasons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from infra.constructs import lambda_defaults
from infra.constructs.kms import USE_ACTIONS
from infra.constructs.nag import acknowledge
from infra.constructs.shared import Shared
from sferp import names

RUNTIME_REASON = (
    "Python 3.13 is the runtime the design fixes; the dependency layer is built for cp313 aarch64 "
    "wheels (infra/layer_build.py). Moving to a newer runtime is a deliberate change of both together."
)
XRAY_REASON = (
    "X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions; AWS "
    "requires Resource '*' for active tracing (the actions themselves are explicit)."
)


@dataclass(frozen=True)
class SferpFunction:
    function: lambda_.Function
    role: iam.Role
    log_group: logs.LogGroup


def sferp_function(
    scope: Construct,
    id_prefix: str,
    *,
    shared: Shared,
    name: str,
    description: str,
    role_description: str,
    code_dir: Path,
    handler: str,
    memory_mb: int,
    timeout_s: int,
    environment: Mapping[str, str],
    statements: Sequence[iam.PolicyStatement] = (),
    uses_salesforce: bool = False,
    uses_erp: bool = False,
    describe_key: bool = True,
    extra_layers: Sequence[lambda_.ILayerVersion] = (),
    **options: Any,
) -> SferpFunction:
    """``<id_prefix>LogGroup``, ``<id_prefix>Role`` and ``<id_prefix>Function`` in ``scope``.

    ``name`` is the full physical name (``sferp-<env>-...``). ``uses_salesforce`` / ``uses_erp``
    give the function the secret's ARN (never its value) and read access to it, and for the ERP
    the adapter's variables; ``statements`` are the function's own least-privilege grants.
    ``options`` go to Lambda as they are (reserved concurrency, ephemeral storage ...).
    """
    log_group, role = lambda_defaults.function_log_group_and_role(
        scope,
        log_group_id=f"{id_prefix}LogGroup",
        role_id=f"{id_prefix}Role",
        function_name=name,
        key=shared.key,
        retention=shared.log_retention,
        removal_policy=shared.removal_policy,
        description=role_description,
    )
    variables: dict[str, str] = {names.ENV_ENVIRONMENT: shared.env_name, **environment}
    secrets = []
    if uses_salesforce:
        secrets.append(shared.salesforce_secret.secret_arn)
        # ARNs only: the values are read at run time through Powertools Parameters.
        variables[names.ENV_SALESFORCE_SECRET_ARN] = shared.salesforce_secret.secret_arn
        # The cloud always talks to a real org; "embedded" is for local runs only.
        variables[names.ENV_SALESFORCE_ADAPTER] = "simple_salesforce"
        variables.update(shared.writer_environment)
    if uses_erp:
        secrets.append(shared.erp_secret.secret_arn)
        variables[names.ENV_ERP_SECRET_ARN] = shared.erp_secret.secret_arn
        variables.update(shared.erp_environment)
    grants = list(statements)
    if secrets:
        grants.append(iam.PolicyStatement(actions=["secretsmanager:GetSecretValue"], resources=secrets))
    # Queues, tables, buckets and secrets are all encrypted with the environment key.
    key_actions = [*USE_ACTIONS, "kms:DescribeKey"] if describe_key else list(USE_ACTIONS)
    grants.append(iam.PolicyStatement(actions=key_actions, resources=[shared.key.key_arn]))
    for statement in grants:
        role.add_to_policy(statement)

    function = lambda_defaults.python_function(
        scope,
        f"{id_prefix}Function",
        function_name=name,
        description=description,
        code_dir=code_dir,
        handler=handler,
        memory_mb=memory_mb,
        timeout_s=timeout_s,
        log_group=log_group,
        log_level=shared.log_level,
        role=role,
        layers=(*shared.layers, *extra_layers),
        environment=variables,
        **options,
    )
    acknowledge(role.node.find_child("DefaultPolicy"), "AwsSolutions-IAM5[Resource::*]", XRAY_REASON)
    for rule_id in ("AwsSolutions-L1", "Serverless-LambdaLatestVersion"):
        acknowledge(function, rule_id, RUNTIME_REASON)
    return SferpFunction(function=function, role=role, log_group=log_group)


# What an SQS event source mapping needs on its queue (the function's role, or a pipe's).
SQS_CONSUME_ACTIONS = ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")


def consume_fifo_queue(function: lambda_.Function, queue: Any, *, batch_size: int, enabled: bool) -> Any:
    """The function's SQS event source mapping on a FIFO queue: partial batch response, so a failed
    record holds back only its own message group instead of the whole batch being retried. Disabled
    when the flow is off: events wait in the queue (up to its retention) instead of being consumed;
    switching to shadow/live resumes."""
    return consume_queue(function, queue, batch_size=batch_size, enabled=enabled)


def consume_queue(
    function: lambda_.Function,
    queue: Any,
    *,
    batch_size: int,
    enabled: bool = True,
    batching_window_s: int | None = None,
    max_concurrency: int | None = None,
) -> Any:
    """The function's SQS event source mapping with partial batch response; a standard queue may
    add a batching window and a cap on concurrent invocations. Carries the two cdk-nag
    acknowledgements every such mapping needs, with their reasons."""
    from aws_cdk import Duration
    from aws_cdk import aws_lambda_event_sources as event_sources

    source = event_sources.SqsEventSource(
        queue,
        batch_size=batch_size,
        report_batch_item_failures=True,
        enabled=enabled,
        max_batching_window=Duration.seconds(batching_window_s) if batching_window_s is not None else None,
        max_concurrency=max_concurrency,
    )
    function.add_event_source(source)
    esm = next(child for child in function.node.children if "SqsEventSource" in child.node.id)
    acknowledge(
        esm,
        "Serverless-LambdaEventSourceMappingDestination",
        "On-failure destinations exist only for stream and Kafka sources; for an SQS source the "
        "queue's redrive policy (maxReceiveCount -> its DLQ) is the failure destination.",
    )
    acknowledge(
        function,
        "Serverless-LambdaDLQ",
        "The function is invoked synchronously by the SQS event source mapping; failed records "
        "go to the source queue's redrive DLQ (maxReceiveCount) or are dead-lettered by the handler. "
        "A function-level async DLQ would never receive anything.",
    )
    return source
