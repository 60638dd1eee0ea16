"""The sferp stack of one environment: composes the constructs, owns tags and the wiring between them."""

from __future__ import annotations

from pathlib import Path

from aws_cdk import Duration, RemovalPolicy, Stack, Tags
from aws_cdk import aws_logs as logs
from constructs import Construct

from infra.config import EnvironmentConfig
from infra.constructs.alarms import OperationalAlarms
from infra.constructs.event_ingest import EventIngest
from infra.constructs.inventory_api import InventoryApi
from infra.constructs.kms import EnvironmentKey
from infra.constructs.order_handoff import OrderHandoff
from infra.constructs.reconciliation import Reconciliation
from infra.constructs.secrets import IntegrationSecrets

_REMOVAL_POLICIES = {"destroy": RemovalPolicy.DESTROY, "retain": RemovalPolicy.RETAIN}


class SferpStack(Stack):
    """Salesforce -> EventBridge -> SQS FIFO -> Lambda -> ERP for one environment."""

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
        log_retention = _retention(config.log_retention_days)

        Tags.of(self).add("sferp:environment", env_name)
        Tags.of(self).add("sferp:managed-by", "cdk")
        for key, value in config.tags.items():
            Tags.of(self).add(key, value)

        security = EnvironmentKey(self, "Security", env_name=env_name, removal_policy=removal_policy)
        secrets = IntegrationSecrets(
            self,
            "Secrets",
            env_name=env_name,
            key=security.key,
            salesforce_auth=config.salesforce.auth,
            salesforce_login_url=config.salesforce.login_url,
            salesforce_api_version=config.salesforce.api_version,
            erp_adapter=config.erp.adapter,
            erp_base_url=config.erp.base_url,
            removal_policy=removal_policy,
        )
        order_handoff = OrderHandoff(
            self,
            "OrderHandoff",
            env_name=env_name,
            key=security.key,
            code_dir=code_root / "order_handoff",
            layer_dirs=layer_dirs,
            flow_mode=config.flows.order_handoff,
            erp_environment=config.erp.handler_environment(),
            salesforce_secret=secrets.salesforce,
            erp_secret=secrets.erp,
            log_retention=log_retention,
            log_level=config.log_level,
            reserved_concurrency=config.reserved_concurrency,
            removal_policy=removal_policy,
        )
        ingest = EventIngest(
            self,
            "EventIngest",
            env_name=env_name,
            key=security.key,
            partner_event_source_name=config.event_bus.partner_event_source_name,
            archive_retention=Duration.days(config.archive_retention_days),
            target_queue=order_handoff.queue,
            log_retention=log_retention,
            removal_policy=removal_policy,
        )
        self.alarms = OperationalAlarms(
            self,
            "Alarms",
            env_name=env_name,
            key=security.key,
            critical_emails=config.alarm_subscriptions.critical,
            warning_emails=config.alarm_subscriptions.warning,
            processing_queue=order_handoff.queue,
            processing_dlq=order_handoff.dlq,
            delivery_dlq=ingest.delivery_dlq,
            event_bus_name=ingest.bus.event_bus_name,
            rule_name=ingest.rule.ref,
            function=order_handoff.function,
            pipe_name=ingest.pipe_name,
        )
        self.inventory = InventoryApi(
            self,
            "InventoryApi",
            env_name=env_name,
            key=security.key,
            code_dir=code_root / "inventory_lookup",
            layers=[order_handoff.deps_layer, order_handoff.sferp_layer],
            mode=config.inventory.mode,
            erp_environment=config.erp.handler_environment(),
            erp_secret=secrets.erp,
            budget_ms=config.inventory.budget_ms,
            fresh_ttl_s=config.inventory.cache_fresh_ttl_s,
            max_stale_age_s=config.inventory.max_stale_age_s,
            throttling_rate_limit=config.inventory.throttling_rate_limit,
            throttling_burst_limit=config.inventory.throttling_burst_limit,
            waf_enabled=config.inventory.waf_enabled,
            waf_rate_limit=config.inventory.waf_rate_limit,
            invoker_principal_arns=config.inventory.invoker_principal_arns,
            warm_plants=config.inventory.warm_plants,
            warm_max_skus=config.inventory.warm_max_skus,
            warm_rate_minutes=config.inventory.warm_rate,
            alarm_topics=self.alarms.topics,
            log_retention=log_retention,
            log_level=config.log_level,
            removal_policy=removal_policy,
        )
        self.reconciliation = Reconciliation(
            self,
            "Reconciliation",
            env_name=env_name,
            key=security.key,
            code_dir=code_root / "reconciliation",
            layers=[order_handoff.deps_layer, order_handoff.sferp_layer],
            mode=config.reconciliation.mode,
            schedule_expression=config.reconciliation.schedule,
            time_zone=config.reconciliation.time_zone,
            lookback_minutes=config.reconciliation.lookback_minutes,
            drift_alarm_threshold_pct=config.reconciliation.drift_alarm_threshold_pct,
            partitions=config.reconciliation.partitions,
            max_concurrency=config.reconciliation.max_concurrency,
            erp_environment=config.erp.handler_environment(),
            salesforce_secret=secrets.salesforce,
            erp_secret=secrets.erp,
            alarm_topics=self.alarms.topics,
            log_retention=log_retention,
            log_level=config.log_level,
            removal_policy=removal_policy,
        )
        self.security = security
        self.secrets = secrets
        self.order_handoff = order_handoff
        self.ingest = ingest


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
