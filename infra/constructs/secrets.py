"""The Salesforce and ERP credentials in Secrets Manager, encrypted with the environment key.

The stack creates each secret with a *placeholder* value: a JSON object carrying the non-secret
settings from cdk.json (auth flavour, login URL, API version) and a generated random string, so
no credential is ever in the template, in cdk.json or in an environment variable. The operator
then puts the real JSON (docs/runbooks/secrets.md describes the shapes and the command); until
then the function fails at its first secret read with a message naming the missing fields.
"""

from __future__ import annotations

import json

from aws_cdk import RemovalPolicy
from aws_cdk import aws_kms as kms
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.constructs.constants import resource_name, runbook_path
from infra.constructs.nag import acknowledge

_PLACEHOLDER_KEY = "placeholder"
_ROTATION_REASON = (
    "The Salesforce private key / client secret and the ERP credentials are issued by those systems "
    "and rotated there by their owners, then put here with the procedure in "
    f"{runbook_path('secrets')}; there is no API for a rotation Lambda to mint them."
)


class IntegrationSecrets(Construct):
    """``salesforce`` and ``erp`` secrets, CMK-encrypted, created with placeholder values."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        env_name: str,
        key: kms.IKey,
        salesforce_auth: str,
        salesforce_login_url: str,
        salesforce_api_version: str,
        erp_adapter: str,
        erp_base_url: str | None,
        removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, construct_id)
        # Referenced by ARN on purpose: with the Key object itself, the Secret L2 adds a key-policy
        # statement granting the account kms:GenerateDataKey* / kms:ReEncrypt* (wildcard actions).
        # The key policy already delegates explicit actions to IAM, and the function role grants
        # kms:Decrypt itself, so nothing is lost.
        key = kms.Key.from_key_arn(self, "EnvironmentKey", key.key_arn)
        self.salesforce = self._secret(
            "Salesforce",
            name=resource_name(env_name, "salesforce"),
            description=(
                "Salesforce API credentials (JSON). JWT bearer: "
                '{"auth":"jwt","consumer_key","username","private_key","login_url"}; client credentials: '
                '{"auth":"client_credentials","consumer_key","consumer_secret","domain"}. '
                f"See {runbook_path('secrets')}."
            ),
            template={
                "auth": salesforce_auth,
                "login_url": salesforce_login_url,
                "api_version": salesforce_api_version,
            },
            key=key,
            removal_policy=removal_policy,
        )
        self.erp = self._secret(
            "Erp",
            name=resource_name(env_name, "erp"),
            description=f"ERP API credentials (JSON, adapter-specific). See {runbook_path('secrets')}.",
            template={"adapter": erp_adapter, **({"base_url": erp_base_url} if erp_base_url else {})},
            key=key,
            removal_policy=removal_policy,
        )

    def _secret(
        self,
        construct_id: str,
        *,
        name: str,
        description: str,
        template: dict[str, str],
        key: kms.IKey,
        removal_policy: RemovalPolicy,
    ) -> secretsmanager.Secret:
        secret = secretsmanager.Secret(
            self,
            construct_id,
            secret_name=name,
            description=description,
            encryption_key=key,
            # A generated string under "placeholder": the template never holds a credential.
            generate_secret_string=secretsmanager.SecretStringGenerator(
                secret_string_template=json.dumps(template, sort_keys=True),
                generate_string_key=_PLACEHOLDER_KEY,
                exclude_punctuation=True,
            ),
            removal_policy=removal_policy,
        )
        acknowledge(secret, "AwsSolutions-SMG4", _ROTATION_REASON)
        return secret
