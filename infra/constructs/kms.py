"""The environment's customer managed KMS key (queues, table, secrets, log groups, topics).

The key policy is written out instead of using CDK's default, because the default grants the
account root ``kms:*`` and CDK's ``grant*`` helpers add ``kms:ReEncrypt*`` / ``kms:GenerateDataKey*``:
the project allows no wildcard actions anywhere. Callers grant their principals explicit actions
(see ``USE_ACTIONS``) in the principals' own policies.
"""

from __future__ import annotations

from typing import Final

from aws_cdk import Aws, RemovalPolicy, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from constructs import Construct

# What the account (via IAM policies) may do with the key. Enumerated rather than "kms:*" so the
# policy has no wildcard action; it still contains every administrative action, so the account
# can never lock itself out (the CloudFormation lockout safety check needs PutKeyPolicy).
ACCOUNT_ACTIONS: Final = (
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:CreateGrant",
    "kms:Decrypt",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListAliases",
    "kms:ListGrants",
    "kms:ListKeyPolicies",
    "kms:ListKeyRotations",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:RetireGrant",
    "kms:RevokeGrant",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
)
# What a service principal or a function role needs to read and write encrypted data.
USE_ACTIONS: Final = ("kms:Decrypt", "kms:GenerateDataKey")
# CloudWatch Logs encrypts each log event batch and re-encrypts on key rotation.
_LOGS_ACTIONS: Final = (
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:DescribeKey",
)


class EnvironmentKey(Construct):
    """One KMS key per environment, rotation on, with the service principals that must use it."""

    def __init__(
        self, scope: Construct, construct_id: str, *, env_name: str, removal_policy: RemovalPolicy
    ) -> None:
        super().__init__(scope, construct_id)
        stack = Stack.of(self)
        policy = iam.PolicyDocument(
            statements=[
                iam.PolicyStatement(
                    sid="AccountAdministrationAndIamDelegation",
                    principals=[iam.AccountRootPrincipal()],
                    actions=list(ACCOUNT_ACTIONS),
                    resources=["*"],  # in a key policy "*" means "this key"
                ),
                iam.PolicyStatement(
                    sid="CloudWatchLogsEncryptsThisAccountsLogGroups",
                    principals=[iam.ServicePrincipal(f"logs.{Aws.REGION}.amazonaws.com")],
                    actions=list(_LOGS_ACTIONS),
                    resources=["*"],
                    conditions={
                        "ArnLike": {
                            "kms:EncryptionContext:aws:logs:arn": stack.format_arn(
                                service="logs", resource="log-group", resource_name="*"
                            )
                        }
                    },
                ),
                # EventBridge writes rule-target deliveries and dead letters into encrypted queues.
                iam.PolicyStatement(
                    sid="EventBridgeSendsToEncryptedQueues",
                    principals=[iam.ServicePrincipal("events.amazonaws.com")],
                    actions=list(USE_ACTIONS),
                    resources=["*"],
                    conditions={"StringEquals": {"aws:SourceAccount": Aws.ACCOUNT_ID}},
                ),
                # CloudWatch alarm actions publish to the encrypted SNS topics.
                iam.PolicyStatement(
                    sid="CloudWatchAlarmsPublishToEncryptedTopics",
                    principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                    actions=list(USE_ACTIONS),
                    resources=["*"],
                    conditions={"StringEquals": {"aws:SourceAccount": Aws.ACCOUNT_ID}},
                ),
            ]
        )
        self.key = kms.Key(
            self,
            "Key",
            description=f"sferp {env_name}: queues, order state, secrets, logs, alarm topics",
            alias=f"alias/sferp-{env_name}",
            enable_key_rotation=True,
            policy=policy,
            removal_policy=removal_policy,
        )

    def use_statement(self) -> iam.PolicyStatement:
        """The statement a principal needs to read and write data encrypted with this key."""
        return iam.PolicyStatement(actions=list(USE_ACTIONS), resources=[self.key.key_arn])
