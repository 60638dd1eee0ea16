"""Lambda settings every sferp function shares, set once (runtime, architecture, logging, tracing)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from sferp import names

# Python 3.13 on Graviton: the dependency layer is built for exactly this pair
# (infra/layer_build.py: manylinux2014_aarch64, cp313); change them together.
RUNTIME: Final = lambda_.Runtime.PYTHON_3_13
ARCHITECTURE: Final = lambda_.Architecture.ARM_64
LOGGING_FORMAT: Final = lambda_.LoggingFormat.JSON
TRACING: Final = lambda_.Tracing.ACTIVE
# Lambda's own platform lines (START/END/REPORT) at WARN: the REPORT line is still emitted as a
# metric; INFO platform logs cost money and add nothing Powertools does not already log.
SYSTEM_LOG_LEVEL: Final = lambda_.SystemLogLevel.WARN

_APPLICATION_LOG_LEVELS: Final = {
    "DEBUG": lambda_.ApplicationLogLevel.DEBUG,
    "INFO": lambda_.ApplicationLogLevel.INFO,
    "WARNING": lambda_.ApplicationLogLevel.WARN,
    "ERROR": lambda_.ApplicationLogLevel.ERROR,
}


def application_log_level(level: str) -> lambda_.ApplicationLogLevel:
    """Lambda's JSON-log filter level; kept equal to POWERTOOLS_LOG_LEVEL so the two never disagree."""
    return _APPLICATION_LOG_LEVELS[level]


def function_log_group_and_role(
    scope: Construct,
    *,
    log_group_id: str,
    role_id: str,
    function_name: str,
    key: kms.IKey,
    retention: logs.RetentionDays,
    removal_policy: RemovalPolicy,
    description: str,
) -> tuple[logs.LogGroup, iam.Role]:
    """The explicit, encrypted log group of a function and its own role, allowed to write only there.

    Why not AWSLambdaBasicExecutionRole: it allows every log group in the account. The caller adds
    the function's other (least-privilege) statements to the returned role.
    """
    log_group = logs.LogGroup(
        scope,
        log_group_id,
        log_group_name=f"/aws/lambda/{function_name}",
        retention=retention,
        encryption_key=key,
        removal_policy=removal_policy,
    )
    role = iam.Role(
        scope,
        role_id,
        assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
        description=description,
    )
    role.add_to_policy(
        iam.PolicyStatement(
            actions=["logs:CreateLogStream", "logs:PutLogEvents"],
            resources=[log_group.log_group_arn],
        )
    )
    return log_group, role


def python_function(
    scope: Construct,
    construct_id: str,
    *,
    function_name: str,
    description: str,
    code_dir: Path,
    handler: str,
    memory_mb: int,
    timeout_s: int,
    log_level: str,
    log_group: logs.ILogGroup,
    role: iam.IRole,
    layers: Sequence[lambda_.ILayerVersion],
    environment: Mapping[str, str],
    **options: Any,
) -> lambda_.Function:
    """A sferp function with the shared settings above; ``options`` are passed to Lambda as they are
    (reserved concurrency, ephemeral storage ...)."""
    return lambda_.Function(
        scope,
        construct_id,
        function_name=function_name,
        description=description,
        code=lambda_.Code.from_asset(str(code_dir), exclude=["__pycache__", "*.pyc"]),
        handler=handler,
        runtime=RUNTIME,
        architecture=ARCHITECTURE,
        memory_size=memory_mb,
        timeout=Duration.seconds(timeout_s),
        tracing=TRACING,
        logging_format=LOGGING_FORMAT,
        application_log_level_v2=application_log_level(log_level),
        system_log_level_v2=SYSTEM_LOG_LEVEL,
        log_group=log_group,
        role=role,
        layers=list(layers),
        environment={
            **environment,
            # Powertools reads these itself: one service name for every function, so logs, traces
            # and metrics group together; the namespace the alarms read from.
            "POWERTOOLS_SERVICE_NAME": names.SERVICE_NAME,
            "POWERTOOLS_METRICS_NAMESPACE": names.METRICS_NAMESPACE,
            # Same level as Lambda's JSON log filter, so Powertools never logs lines Lambda drops
            # (or warns about the mismatch at every cold start).
            "POWERTOOLS_LOG_LEVEL": log_level,
        },
        **options,
    )
