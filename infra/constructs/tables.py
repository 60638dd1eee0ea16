"""The DynamoDB table every sferp store uses, from its ``TableSpec`` (the same spec the local
runtime creates it from): on-demand, point-in-time recovery, the environment key."""

from __future__ import annotations

from aws_cdk import RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_kms as kms
from constructs import Construct

from sferp.names import TableSpec


def encrypted_table(
    scope: Construct,
    construct_id: str,
    *,
    spec: TableSpec,
    env_name: str,
    key: kms.IKey,
    removal_policy: RemovalPolicy,
) -> dynamodb.Table:
    """String keys; on demand because every sferp store is bursty with a low average (orders by day,
    lookups in working hours, reconciliation once a night); PITR because AwsSolutions-DDB3 asks for it
    and it is cheap next to losing the idempotency or review state."""
    return dynamodb.Table(
        scope,
        construct_id,
        table_name=spec.name(env_name),
        partition_key=dynamodb.Attribute(name=spec.partition_key, type=dynamodb.AttributeType.STRING),
        sort_key=(
            dynamodb.Attribute(name=spec.sort_key, type=dynamodb.AttributeType.STRING)
            if spec.sort_key
            else None
        ),
        time_to_live_attribute=spec.ttl_attribute,
        billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
        point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
            point_in_time_recovery_enabled=True
        ),
        encryption=dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryption_key=key,
        removal_policy=removal_policy,
    )
