"""The sferp stack of one environment: the shared resources, then one construct per flow.

The stack owns tags, the resources no single flow owns (KMS key, secrets, layers, alarm topics,
the Salesforce event bus) and the wiring between them; each flow construct takes the ``Shared``
handle and its own typed config block (``flows.<flow>`` in cdk.json).

Construct ids are part of CloudFormation logical ids: renaming one replaces its resources
(a table, a queue, a bus) on the next deploy. ``tests/infra/test_logical_ids.py`` pins the
logical ids of every stateful resource for that reason.
"""

from __future__ import annotations

from pathlib import Path

from aws_cdk import RemovalPolicy, Stack, Tags
from aws_cdk import aws_events as events
from aws_cdk import aws_logs as logs
from constructs import Construct

from infra.config import EnvironmentConfig
from infra.constructs.alarms import AlarmSpec, AlarmTopics, SalesforceApiAlarms
from infra.constructs.customer_sync import CustomerSync
from infra.constructs.dashboard import SferpDashboard
from infra.constructs.erp_status import ErpStatus
from infra.constructs.inventory_lookup import InventoryLookup
from infra.constructs.kms import EnvironmentKey
from infra.constructs.order_handoff import OrderHandoff
from infra.constructs.reconciliation import Reconciliation
from infra.constructs.relay_health import RelayHealth
from infra.constructs.secrets import IntegrationSecrets
from infra.constructs.shared import SalesforceEventBus, SferpLayers, Shared
from infra.constructs.write_queue import WriteQueue
from sferp import names
from sferp.customer_sync import names as sync_names
from sferp.erp_status import names as status_names
from sferp.order_handoff import names as handoff_names
from sferp.write_queue import names as queue_names

_REMOVAL_POLICIES = {"destroy": RemovalPolicy.DESTROY, "retain": RemovalPolicy.RETAIN}


class SferpStack(Stack):
    """Salesforce <-> ERP for one environment: order handoff, inventory lookup, reconciliation, customer sync."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        env_name: str,
        config: EnvironmentConfig,
        code_root: Path,
        layer_dirs: dict[str, Path],
        **kwargs: object,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)  # type: ignore[arg-type]
        removal_policy = _REMOVAL_POLICIES[config.removal_policy]

        Tags.of(self).add("sferp:environment", env_name)
        Tags.of(self).add("sferp:managed-by", "cdk")
        for key, value in config.tags.items():
            Tags.of(self).add(key, value)

        # --- shared by every flow ------------------------------------------------------------------
        self.security = EnvironmentKey(self, "Security", env_name=env_name, removal_policy=removal_policy)
        self.secrets = IntegrationSecrets(
            self,
            "Secrets",
            env_name=env_name,
            key=self.security.key,
            salesforce_auth=config.salesforce.auth,
            salesforce_login_url=config.salesforce.login_url,
            # One API version for the adapter and the metadata (sferp.names; checked against the WSDL).
            salesforce_api_version=names.SALESFORCE_API_VERSION,
            erp_adapter=config.erp.adapter,
            erp_base_url=config.erp.base_url,
            removal_policy=removal_policy,
        )
        self.layers = SferpLayers(self, "Layers", layer_dirs=layer_dirs)
        self.alarm_topics = AlarmTopics(
            self,
            "Alarms",
            env_name=env_name,
            key=self.security.key,
            critical_emails=config.alarm_subscriptions.critical,
            warning_emails=config.alarm_subscriptions.warning,
        )
        # "EventIngest": the id the bus had when the order handoff owned it; kept so the bus's
        # logical id (and with Event Relay, the partner bus itself) is not replaced.
        self.salesforce_bus = SalesforceEventBus(
            self,
            "EventIngest",
            env_name=env_name,
            partner_event_source_name=config.event_bus.partner_event_source_name,
        )
        # Change Data Capture arrives through a relay of its own, so on a partner bus of its own when
        # Event Relay is set up; otherwise on the same custom bus.
        # "CdcEventIngest": a new construct id (nothing deployed has it yet).
        self.cdc_bus = (
            SalesforceEventBus(
                self,
                "CdcEventIngest",
                env_name=env_name,
                partner_event_source_name=config.event_bus.cdc_partner_event_source_name,
            ).bus
            if config.event_bus.cdc_partner_event_source_name
            else self.salesforce_bus.bus
        )
        # ERP business events (CloudEvents) arrive on a custom bus of their own; how the ERP's event
        # broker puts them there is set up outside sferp (docs/customer_sync.md).
        self.erp_bus = events.EventBus(
            self, "ErpEvents", event_bus_name=names.resource_name(env_name, names.ERP_BUS)
        )
        shared = Shared(
            env_name=env_name,
            key=self.security.key,
            layers=self.layers.all,
            reconciliation_layer=self.layers.reconciliation,
            salesforce_secret=self.secrets.salesforce,
            erp_secret=self.secrets.erp,
            erp_environment=config.erp.handler_environment(),
            topics=self.alarm_topics.topics,
            salesforce_bus=self.salesforce_bus.bus,
            log_retention=_retention(config.log_retention_days),
            log_level=config.log_level,
            removal_policy=removal_policy,
            queue_depth_alarm_messages=config.alarm_subscriptions.queue_depth_messages,
            writer_environment=config.salesforce_writer.handler_environment(),
        )
        self.shared = shared

        # --- one construct per flow (code in functions/<flow>/) -------------------------------------
        flows = config.flows
        self.order_handoff = OrderHandoff(
            self,
            "OrderHandoff",
            shared=shared,
            config=flows.order_handoff,
            code_dir=code_root / "order_handoff",
        )
        # "InventoryApi": the construct id predates the flow id; kept for stable logical ids.
        self.inventory = InventoryLookup(
            self,
            "InventoryApi",
            shared=shared,
            config=flows.inventory_lookup,
            code_dir=code_root / "inventory_lookup",
        )
        self.reconciliation = Reconciliation(
            self,
            "Reconciliation",
            shared=shared,
            config=flows.reconciliation,
            code_dir=code_root / "reconciliation",
        )
        self.customer_sync = CustomerSync(
            self,
            "CustomerSync",
            shared=shared,
            config=flows.customer_sync,
            code_dir=code_root / "customer_sync",
            bus=self.cdc_bus,
            erp_bus=self.erp_bus,
            # A GAP_OVERFLOW starts a targeted run of the nightly state machine.
            reconciliation_state_machine_arn=self.reconciliation.state_machine.state_machine_arn,
        )
        # The shared Salesforce write queue and its writer function (issue 13): the flows that
        # send their record changes there instead of writing each Lambda batch themselves.
        self.write_queue = WriteQueue(
            self,
            "SalesforceWriter",
            shared=shared,
            config=config.salesforce_writer,
            code_dir=code_root / "salesforce_writer",
        )
        # The flows cdk.json sends through the queue (flows.<flow>.write_queue).
        if flows.order_handoff.write_queue:
            self.write_queue.connect(self.order_handoff.function)
        if flows.customer_sync.write_queue:
            self.write_queue.connect(self.customer_sync.function)
        self.erp_status = ErpStatus(
            self,
            "ErpStatus",
            shared=shared,
            config=flows.erp_status,
            code_dir=code_root / "erp_status",
            erp_bus=self.erp_bus,
            write_queue=self.write_queue if flows.erp_status.write_queue else None,
        )
        # Event Relay health, where the environment has Event Relay (a partner event source).
        relays = config.event_bus.relays()
        self.relay_health = (
            RelayHealth(
                self,
                "RelayHealth",
                shared=shared,
                relays=relays,
                schedule=config.event_bus.relay_check_schedule,
                silent_window_min=config.event_bus.relay_silent_minutes,
                code_dir=code_root / "relay_health",
            )
            if relays
            else None
        )
        # The order handoff resolves the ERP customer through the customer flow's coupling.
        self.order_handoff.read_coupling(self.customer_sync.table)
        # ... and the nightly run keys accounts by it.
        self.reconciliation.read_coupling(self.customer_sync.table)
        # The org's API usage, as the flows that write to Salesforce read it.
        self.salesforce_api = SalesforceApiAlarms(
            self,
            "SalesforceApi",
            env_name=env_name,
            warning_pct=round(config.salesforce_writer.defer_at_share * 100, 1),
            topics=self.alarm_topics.topics,
            flows=(
                handoff_names.FLOW_ORDER_HANDOFF,
                sync_names.FLOW_CUSTOMER_SYNC,
                status_names.FLOW_ERP_STATUS,
                queue_names.FLOW_SALESFORCE_WRITER,
            ),
        )
        self.dashboard = SferpDashboard(
            self,
            "Operations",
            env_name=env_name,
            order_queue=self.order_handoff.queue,
            customer_queue=self.customer_sync.queue,
            status_queue=self.erp_status.queue,
            write_queue=self.write_queue.queue,
            alarms=self.alarm_specs,
            relays=sorted(relays),
        )

    @property
    def alarm_specs(self) -> list[AlarmSpec]:
        """Every alarm of the stack: name, runbook, severity."""
        return [
            *self.order_handoff.alarm_specs,
            *self.inventory.alarm_specs,
            *self.reconciliation.alarm_specs,
            *self.customer_sync.alarm_specs,
            *self.erp_status.alarm_specs,
            *self.write_queue.alarm_specs,
            *(self.relay_health.alarm_specs if self.relay_health else []),
            *self.salesforce_api.alarm_specs,
        ]


_RETENTION_DAYS = {
    1: logs.RetentionDays.ONE_DAY,
    3: logs.RetentionDays.THREE_DAYS,
    5: logs.RetentionDays.FIVE_DAYS,
    7: logs.RetentionDays.ONE_WEEK,
    14: logs.RetentionDays.TWO_WEEKS,
    30: logs.RetentionDays.ONE_MONTH,
    60: logs.RetentionDays.TWO_MONTHS,
    90: logs.RetentionDays.THREE_MONTHS,
    120: logs.RetentionDays.FOUR_MONTHS,
    150: logs.RetentionDays.FIVE_MONTHS,
    180: logs.RetentionDays.SIX_MONTHS,
    365: logs.RetentionDays.ONE_YEAR,
    400: logs.RetentionDays.THIRTEEN_MONTHS,
    545: logs.RetentionDays.EIGHTEEN_MONTHS,
    731: logs.RetentionDays.TWO_YEARS,
    1096: logs.RetentionDays.THREE_YEARS,
    1827: logs.RetentionDays.FIVE_YEARS,
    2192: logs.RetentionDays.SIX_YEARS,
    2557: logs.RetentionDays.SEVEN_YEARS,
    2922: logs.RetentionDays.EIGHT_YEARS,
    3288: logs.RetentionDays.NINE_YEARS,
    3653: logs.RetentionDays.TEN_YEARS,
}


def _retention(days: int) -> logs.RetentionDays:
    # config.py restricts days to CloudWatch's periods, so the lookup cannot miss for valid config.
    return _RETENTION_DAYS[days]
