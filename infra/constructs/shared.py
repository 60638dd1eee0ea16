"""What the stack shares with every flow construct.

The stack creates the resources no single flow owns — the environment's KMS key, the two
secrets, the Lambda layers, the alarm topics and the Salesforce event bus — and hands them to
each flow construct as one typed ``Shared`` value, with the settings every flow's functions
use. A flow construct owns everything else it needs (routes, queues, tables, functions, alarms)
and never creates something another flow uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from aws_cdk import RemovalPolicy
from aws_cdk import aws_events as events
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_sns as sns
from constructs import Construct

from infra.constructs import lambda_defaults
from sferp import names


@dataclass(frozen=True)
class Shared:
    env_name: str
    key: kms.IKey
    layers: tuple[lambda_.ILayerVersion, ...]
    # DuckDB, for the reconciliation task function only (sferp.reconciliation.columnar).
    reconciliation_layer: lambda_.ILayerVersion
    salesforce_secret: secretsmanager.ISecret
    erp_secret: secretsmanager.ISecret
    # Adapter, timeout and the adapter's own settings (never credentials): config.ErpConfig.
    erp_environment: Mapping[str, str]
    topics: Mapping[str, sns.ITopic]  # "critical" and "warning"
    salesforce_bus: events.IEventBus
    log_retention: logs.RetentionDays
    log_level: str
    removal_policy: RemovalPolicy
    # The queue-depth alarms' threshold (alarm_subscriptions.queue_depth_messages in cdk.json).
    queue_depth_alarm_messages: int = 1_000
    # The Salesforce writer's thresholds, on every function that uses Salesforce
    # (config.WriteQueueConfig.handler_environment).
    writer_environment: Mapping[str, str] = field(default_factory=dict)


class SferpLayers(Construct):
    """The two layers every function uses: the dependencies and the runtime package ``sferp``."""

    def __init__(self, scope: Construct, construct_id: str, *, layer_dirs: Mapping[str, Path]) -> None:
        super().__init__(scope, construct_id)
        self.sferp = lambda_.LayerVersion(
            self,
            "SferpLayer",
            code=lambda_.Code.from_asset(str(layer_dirs["sferp"])),
            compatible_runtimes=[lambda_defaults.RUNTIME],
            compatible_architectures=[lambda_defaults.ARCHITECTURE],
            description="sferp shared package (domain, ports, adapters)",
        )
        self.deps = lambda_.LayerVersion(
            self,
            "DependencyLayer",
            code=lambda_.Code.from_asset(str(layer_dirs["deps"])),
            compatible_runtimes=[lambda_defaults.RUNTIME],
            compatible_architectures=[lambda_defaults.ARCHITECTURE],
            description="Powertools, pydantic, simple-salesforce (manylinux2014_aarch64, cp313)",
        )
        self.reconciliation = lambda_.LayerVersion(
            self,
            "ReconciliationLayer",
            code=lambda_.Code.from_asset(str(layer_dirs["reconciliation"])),
            compatible_runtimes=[lambda_defaults.RUNTIME],
            compatible_architectures=[lambda_defaults.ARCHITECTURE],
            description="DuckDB for the reconciliation compare engine (manylinux2014_aarch64, cp313)",
        )

    @property
    def all(self) -> tuple[lambda_.ILayerVersion, ...]:
        return (self.deps, self.sferp)


class SalesforceEventBus(Construct):
    """The bus Salesforce events arrive on, shared by every flow that Salesforce events drive
    (each flow adds its own rule: its route)."""

    def __init__(
        self, scope: Construct, construct_id: str, *, env_name: str, partner_event_source_name: str | None
    ) -> None:
        super().__init__(scope, construct_id)
        if partner_event_source_name:
            # Event Relay: the partner bus is *created* from the partner event source (its name
            # must equal the source name); Salesforce's relay then starts delivering to it.
            self.bus = events.EventBus(self, "Bus", event_source_name=partner_event_source_name)
        else:
            # No Event Relay yet: a custom bus that tools (and sferp) put simulated events on.
            self.bus = events.EventBus(
                self, "Bus", event_bus_name=names.resource_name(env_name, names.SALESFORCE_BUS)
            )
