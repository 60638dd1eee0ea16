"""Typed, validated per-environment settings of the CDK app.

The settings live in ``cdk.json`` under the context key ``sferp:environments`` (one block per
environment). ``infra/app.py`` validates the whole block at every synth, so a typo in the prod
block fails a dev synth in CI long before anyone deploys prod, and every error names the setting
by its path (``environments.prod.alarm_subscriptions.critical.0: ...``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from sferp import names
from sferp.adapters.erp import odata_settings
from sferp.inventory_lookup import names as inventory_names
from sferp.inventory_lookup.models import PLANT_PATTERN
from sferp.order_handoff import names as handoff_names
from sferp.reconciliation import names as reconcile_names
from sferp.write_queue import names as queue_names

CONTEXT_KEY: Final = "sferp:environments"
ENV_CONTEXT_KEY: Final = "env"

# CloudWatch Logs accepts only these retention periods (days).
LOG_RETENTION_DAYS: Final = frozenset(
    {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}
)
_ENV_NAME_RE: Final = re.compile(r"^[a-z][a-z0-9-]{0,15}$")
# Deliberately simple: catches typos and placeholders; SNS confirms the address itself.
_EMAIL_RE: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PARTNER_SOURCE_PREFIX: Final = f"{names.SALESFORCE_PARTNER_SOURCE_PREFIX}/"

Email = Annotated[str, Field(pattern=_EMAIL_RE.pattern)]


class ConfigError(ValueError):
    """The cdk.json context is missing a setting, has an invalid one, or names an unknown environment."""


class _Strict(BaseModel):
    # extra="forbid": a misspelt key ("archive_retention_day") must fail, not silently default.
    model_config = ConfigDict(frozen=True, extra="forbid")


class EventBusConfig(_Strict):
    # The Salesforce Event Relay partner event source, e.g.
    # "aws.partner/salesforce.com/00Dxx0000000000/0YLxx0000000000". null = no Event Relay yet:
    # the stack creates the custom bus sferp-<env>-salesforce and events are put with the
    # simulated source from sferp.names.
    partner_event_source_name: str | None = None
    # The partner event source of the second relay, the Change Data Capture one (a relay relays one
    # channel, and a change-event channel cannot hold platform events): the stack creates a second
    # partner bus from it for the customer flow. null = the customer flow's rules go on the bus above.
    cdc_partner_event_source_name: str | None = None
    # Event Relay health (relay_health): how often each relay's EventRelayFeedback is read, and how
    # long a relay may relay nothing before what Salesforce published meanwhile is checked.
    relay_check_schedule: str = Field(default="rate(5 minutes)", pattern=r"^(rate|cron)\(.+\)$")
    relay_silent_minutes: int = Field(default=30, ge=5, le=24 * 60)

    def relays(self) -> dict[str, str]:
        """The environment's relays by name (relay_health's ``events`` and ``changes``)."""
        found = {"events": self.partner_event_source_name, "changes": self.cdc_partner_event_source_name}
        return {name: source for name, source in found.items() if source}

    @model_validator(mode="after")
    def _two_sources(self) -> EventBusConfig:
        if (
            self.cdc_partner_event_source_name
            and self.cdc_partner_event_source_name == self.partner_event_source_name
        ):
            raise ValueError(
                "cdc_partner_event_source_name must be the CDC relay's own source, not the platform-event relay's"
            )
        return self

    @field_validator("partner_event_source_name", "cdc_partner_event_source_name")
    @classmethod
    def _partner_source(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(_PARTNER_SOURCE_PREFIX):
            raise ValueError(
                f"must start with '{_PARTNER_SOURCE_PREFIX}' (the Event Relay partner event source)"
            )
        return value


class AlarmSubscriptions(_Strict):
    # Email addresses per severity; may be empty (e.g. dev), the topics exist regardless so other
    # subscribers (chat, paging) can be attached outside this stack.
    critical: list[Email]
    warning: list[Email]
    # Messages waiting in a flow's main queue (not its DLQ) before its queue-depth alarm fires:
    # size it to what the environment drains in a few minutes.
    queue_depth_messages: int = Field(default=1_000, ge=1, le=10_000_000)


class ODataConfig(_Strict):
    """The SAP OData adapter's own settings (sferp.adapters.erp.odata_settings at cold start)."""

    # Scheme and host only (https://my-s4.example.com); SAP's standard service paths are the
    # adapter's defaults, ``service_path`` overrides them with one path for every entity set.
    base_url: str = Field(pattern=r"^https://[A-Za-z0-9.-]+(:[0-9]+)?$")
    odata_version: Literal["v2", "v4"] = "v2"  # S/4HANA's API_*_SRV services are OData v2
    service_path: str | None = Field(default=None, pattern=r"^/\S*$")
    sap_client: str | None = Field(default=None, pattern=r"^[0-9]{3}$")
    # The installation's sales area, order type, rejection reason, company code and extension
    # fields (the runtime's own model, so synth and cold start validate the same rules).
    sap: odata_settings.SapSettings

    def handler_environment(self) -> dict[str, str]:
        variables = {
            odata_settings.ENV_BASE_URL: self.base_url,
            odata_settings.ENV_ODATA_VERSION: self.odata_version,
            odata_settings.ENV_SAP: self.sap.model_dump_json(),
        }
        if self.service_path:
            variables[odata_settings.ENV_SERVICE_PATH] = self.service_path
        if self.sap_client:
            variables[odata_settings.ENV_SAP_CLIENT] = self.sap_client
        return variables


class ErpConfig(_Strict):
    """Which ERP adapter the environment uses and, per adapter, a block of its own settings, so a
    new adapter adds its block instead of widening everyone's."""

    adapter: Literal["embedded", "odata"]
    timeout_s: float = Field(gt=0, le=names.ERP_TIMEOUT_MAX_S)
    odata: ODataConfig | None = None

    @model_validator(mode="after")
    def _check(self) -> ErpConfig:
        if self.adapter == "odata" and self.odata is None:
            raise ValueError(
                "odata: the adapter's block (base_url, odata_version ...) is required when adapter is 'odata'"
            )
        if self.adapter != "odata" and self.odata is not None:
            raise ValueError("odata: only for adapter 'odata' (remove the block or change the adapter)")
        return self

    @property
    def base_url(self) -> str | None:
        """The ERP host, where the adapter has one (the secret's template names it)."""
        return self.odata.base_url if self.odata else None

    def handler_environment(self) -> dict[str, str]:
        """The variables every function that calls the ERP gets (ErpConnectionSettings and the
        chosen adapter's own settings)."""
        variables = {names.ENV_ERP_ADAPTER: self.adapter, names.ENV_ERP_TIMEOUT_S: f"{self.timeout_s:g}"}
        if self.odata is not None:
            variables.update(self.odata.handler_environment())
        return variables


class SalesforceConfig(_Strict):
    auth: Literal["jwt", "client_credentials"]
    login_url: str = Field(pattern=r"^https://[A-Za-z0-9.-]+\.salesforce\.com/?$")


class OrderHandoffConfig(_Strict):
    """The order handoff of one environment (flows.order_handoff)."""

    mode: Literal["off", "shadow", "live"]
    # The archive of Order_Handoff__e events on the Salesforce bus (sferp ops order_handoff replay).
    archive_retention_days: int = Field(ge=1, le=3650)
    # None = unreserved. A cap protects the ERP from a burst (each concurrent batch is ERP load).
    reserved_concurrency: int | None = Field(default=None, ge=1, le=1000)
    # Lines per order; an order with more is dead-lettered with that reason.
    max_lines: int = Field(default=handoff_names.MAX_LINES_DEFAULT, ge=1, le=handoff_names.MAX_LINES_LIMIT)
    # An order for an Account no ERP customer is coupled to: create the customer from the
    # Account's data, wait (retry, then the DLQ) for the customer flow, or reject at once.
    uncoupled_account: Literal["create", "wait", "reject"] = "reject"
    # The write-backs go to the shared Salesforce write queue (batched across invocations by the
    # writer function, at most its batching window later) instead of each Lambda batch's own call.
    write_queue: bool = False


class InventoryConfig(_Strict):
    """The inventory lookup API of one environment (flows.inventory_lookup)."""

    mode: Literal["off", "shadow", "live"]
    cache_fresh_ttl_s: int = Field(ge=0, le=24 * 60 * 60)  # seconds a cached value answers as "cache"
    max_stale_age_s: int = Field(ge=1, le=7 * 24 * 60 * 60)  # seconds a value may still answer as "stale"
    budget_ms: int = Field(ge=200, le=5_000)  # milliseconds for the whole lookup, ERP call included
    throttling_rate_limit: float = Field(gt=0, le=10_000)  # requests per second (stage)
    throttling_burst_limit: int = Field(ge=1, le=5_000)  # requests (stage)
    waf_enabled: bool
    waf_rate_limit: int = Field(default=2_000, ge=100)  # requests per 5 minutes per IP (WAF minimum 100)
    # The base IAM principals whose keys Salesforce's external credential holds: they may only
    # assume the invoker role (STS), the one principal the API admits. Empty = the role trusts the
    # account (principals whose own IAM policy lets them assume it).
    invoker_principal_arns: list[str] = Field(default_factory=list)
    # Cache warm-up (refresh-ahead): one EventBridge Scheduler schedule per plant invokes the function,
    # which refreshes up to warm_max_skus active SKUs of the product master. Empty = no schedule.
    warm_plants: list[Annotated[str, Field(pattern=PLANT_PATTERN)]] = Field(default_factory=list)
    warm_max_skus: int = Field(
        default=inventory_names.INVENTORY_WARM_MAX_SKUS_DEFAULT,
        ge=1,
        le=inventory_names.INVENTORY_WARM_MAX_SKUS_LIMIT,
    )
    # Minutes between warm-ups; None = every cache_fresh_ttl_s (rounded down to whole minutes).
    warm_rate_minutes: int | None = Field(default=None, ge=1, le=24 * 60)

    @property
    def warm_rate(self) -> int:
        """Minutes between two warm-ups of a plant."""
        return self.warm_rate_minutes or max(1, self.cache_fresh_ttl_s // 60)

    @model_validator(mode="after")
    def _check(self) -> InventoryConfig:
        if self.max_stale_age_s < self.cache_fresh_ttl_s:
            raise ValueError("max_stale_age_s: must be at least cache_fresh_ttl_s")
        if len(set(self.warm_plants)) != len(self.warm_plants):
            raise ValueError("warm_plants: a plant is listed twice")
        # Scheduler's finest rate is one minute; a warmed value must still be fresh when the next
        # warm-up runs, or the lookups in between pay the first-sight misses again.
        if self.warm_plants and self.warm_rate * 60 > self.cache_fresh_ttl_s:
            raise ValueError(
                "warm_rate_minutes: a warm-up every "
                f"{self.warm_rate} min leaves values older than cache_fresh_ttl_s ({self.cache_fresh_ttl_s} s); "
                "use a shorter rate or a fresh TTL of at least 60 s"
            )
        # The seed alarms at 2 s; a budget that does not fit into the function timeout is a typo.
        if self.budget_ms >= inventory_names.INVENTORY_FUNCTION_TIMEOUT_S * 1000:
            raise ValueError(
                f"budget_ms: must be below the function timeout ({inventory_names.INVENTORY_FUNCTION_TIMEOUT_S} s)"
            )
        for arn in self.invoker_principal_arns:
            if not re.match(r"^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/.+$", arn):
                raise ValueError(f"invoker_principal_arns: {arn!r} is not an IAM user or role ARN")
        return self


# EventBridge Scheduler's cron: six fields (minutes hours day-of-month month day-of-week year).
_SCHEDULER_CRON_RE: Final = re.compile(r"^cron\((\S+ ){5}\S+\)$")


class ReconciliationConfig(_Strict):
    """The nightly reconciliation of one environment (flows.reconciliation: EventBridge Scheduler
    -> Step Functions)."""

    # off: everything is deployed but the schedule is DISABLED; shadow: compare, report and fill
    # the review queue, write nothing; live: also apply the fixes.
    mode: Literal["off", "shadow", "live"]
    schedule: str = Field(pattern=_SCHEDULER_CRON_RE.pattern)  # e.g. "cron(30 2 * * ? *)"
    time_zone: str  # IANA name; the run date is the scheduled instant's date in this zone
    lookback_minutes: int = Field(
        default=reconcile_names.RECONCILE_LOOKBACK_MINUTES_DEFAULT, ge=0, le=24 * 60
    )
    drift_alarm_threshold_pct: float = Field(gt=0, le=100)  # the seed: sync failure > 10 %
    partitions: int = Field(ge=1, le=1024)  # S3 partitions per entity = Distributed Map children
    max_concurrency: int = Field(default=reconcile_names.RECONCILE_MAX_CONCURRENCY, ge=1, le=1000)

    @field_validator("time_zone")
    @classmethod
    def _time_zone(cls, value: str) -> str:
        # Scheduler would reject an unknown zone only at deploy; the starter needs the same name.
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {value!r}") from exc
        return value


class CustomerSyncConfig(_Strict):
    """The customer flow of one environment (flows.customer_sync): AccountChangeEvents -> ERP customers."""

    mode: Literal["off", "shadow", "live"]
    # The Salesforce user the integration writes as (Setup > Users; 15 or 18 characters): its
    # own changes come back as change events and must not be sent to the ERP again.
    integration_user_id: str = Field(pattern=r"^005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$")
    # A deleted Account: block its ERP customer (no new orders), or only flag the coupling.
    on_account_delete: Literal["block", "flag"] = "block"
    # The archive of AccountChangeEvents on the Salesforce bus (replay after an outage).
    archive_retention_days: int = Field(ge=1, le=3650)
    reserved_concurrency: int | None = Field(default=None, ge=1, le=1000)
    # A GAP_OVERFLOW starts a targeted run of the nightly reconciliation's state machine.
    targeted_reconciliation: bool = True
    # ERP -> Salesforce: the poller of ERP-owned customer fields (EventBridge Scheduler expression)
    # and how far before its watermark each poll reads again.
    erp_poll_schedule: str = Field(default="rate(5 minutes)", pattern=r"^(rate|cron)\(.+\)$")
    erp_poll_lookback_minutes: int = Field(default=10, ge=0, le=24 * 60)
    # The Accounts' changes (sync status and the ERP poll's) go to the shared Salesforce write queue.
    write_queue: bool = False


class ErpStatusConfig(_Strict):
    """The ERP status flow of one environment (flows.erp_status): ERP sales order changes ->
    Salesforce Orders (status, fulfilment, invoicing, history)."""

    mode: Literal["off", "shadow", "live"]
    # The archive of ERP sales order events on the ERP bus (replay after an outage).
    archive_retention_days: int = Field(ge=1, le=3650)
    reserved_concurrency: int | None = Field(default=None, ge=1, le=1000)
    # The change poller (EventBridge Scheduler expression) and how far before its watermark each
    # poll reads again (late commits, clock skew).
    poll_schedule: str = Field(default="rate(5 minutes)", pattern=r"^(rate|cron)\(.+\)$")
    poll_lookback_minutes: int = Field(default=10, ge=0, le=24 * 60)
    # Products (Product2) and, where the ERP's adapter reads them, list prices (the standard price
    # book) on a schedule of their own. price_sync must stay off for SAP: the adapter reads no
    # pricing condition records, so it has no price to write (docs/erp_status.md).
    products_poll_schedule: str = Field(default="rate(15 minutes)", pattern=r"^(rate|cron)\(.+\)$")
    price_sync: bool = False
    # The Orders' status changes go through the write queue (batched across invocations by the
    # writer function) instead of each Lambda batch writing its own (at most 10 orders a call).
    write_queue: bool = False


class WriteQueueConfig(_Strict):
    """The Salesforce write queue and its writer function (salesforce_writer): how long Lambda
    gathers changes before it invokes the writer, and how many writers run at once."""

    # bench/bench_salesforce_writer.py: 10 s meets 0.01 calls per record at 1,000 a minute.
    batching_window_s: int = Field(default=queue_names.BATCHING_WINDOW_S, ge=1, le=300)
    # The event source's minimum is 2; more writers split a window into smaller calls.
    max_concurrency: int = Field(default=queue_names.MAX_CONCURRENCY, ge=2, le=20)
    # Every function that writes to Salesforce (the writer function and the flows writing in-process):
    # above this many records of one object a batch, one Bulk API 2.0 job instead of Collections
    # calls (200 records each); at this share of the org's daily API limit, non-urgent writes are
    # deferred (the API-usage warning alarm fires at the same share).
    bulk_threshold: int = Field(default=2000, ge=200, le=150_000_000)
    defer_at_share: float = Field(default=0.8, ge=0.5, le=0.85)

    def handler_environment(self) -> dict[str, str]:
        return {
            names.ENV_WRITER_BULK_THRESHOLD: str(self.bulk_threshold),
            names.ENV_WRITER_DEFER_AT_SHARE: str(self.defer_at_share),
        }


class FlowsConfig(_Strict):
    """One block per flow, named by the flow id: the flow's whole configuration."""

    order_handoff: OrderHandoffConfig
    inventory_lookup: InventoryConfig
    reconciliation: ReconciliationConfig
    customer_sync: CustomerSyncConfig
    erp_status: ErpStatusConfig


class EnvironmentConfig(_Strict):
    """The settings of one environment (one stack)."""

    account: str | None = Field(default=None, pattern=r"^[0-9]{12}$")
    region: str = Field(pattern=r"^[a-z]{2}(-gov)?-[a-z]+-[0-9]$")
    event_bus: EventBusConfig
    log_retention_days: int
    alarm_subscriptions: AlarmSubscriptions
    flows: FlowsConfig
    salesforce_writer: WriteQueueConfig = WriteQueueConfig()
    erp: ErpConfig
    salesforce: SalesforceConfig
    removal_policy: Literal["destroy", "retain"]
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    tags: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _prices_need_an_erp_that_has_them(self) -> EnvironmentConfig:
        if self.flows.erp_status.price_sync and self.erp.adapter == "odata":
            raise ValueError(
                "flows.erp_status.price_sync: the SAP OData adapter reads no pricing condition records, "
                "so it has no list price to sync; set it to false (products still sync)"
            )
        return self

    @field_validator("log_retention_days")
    @classmethod
    def _retention(cls, value: int) -> int:
        if value not in LOG_RETENTION_DAYS:
            raise ValueError(f"must be one of the CloudWatch Logs periods {sorted(LOG_RETENTION_DAYS)}")
        return value


class AppConfig(_Strict):
    environments: dict[str, EnvironmentConfig] = Field(min_length=1)

    @field_validator("environments")
    @classmethod
    def _names(cls, value: dict[str, EnvironmentConfig]) -> dict[str, EnvironmentConfig]:
        for name in value:
            # The name becomes part of queue, topic and stack names.
            if not _ENV_NAME_RE.match(name):
                raise ValueError(f"environment name {name!r} must match {_ENV_NAME_RE.pattern}")
        return value


def _format_errors(exc: ValidationError) -> str:
    lines = []
    for error in exc.errors():
        path = (
            ".".join(str(part) for part in ("environments", *error["loc"][1:]))
            if error["loc"]
            else "environments"
        )
        message = error["msg"]
        if error["type"] == "missing":
            message = "required setting is missing"
        elif error["type"] == "extra_forbidden":
            message = "unknown setting (typo?)"
        lines.append(f"  {path}: {message}")
    return "\n".join(lines)


def load_app_config(environments: Any) -> AppConfig:
    """Validate the ``sferp:environments`` context block; raise ConfigError naming each bad setting."""
    if environments is None:
        raise ConfigError(f"cdk.json context has no '{CONTEXT_KEY}' block (one entry per environment)")
    if not isinstance(environments, Mapping):
        raise ConfigError(f"cdk.json context '{CONTEXT_KEY}' must be an object keyed by environment name")
    try:
        return AppConfig.model_validate({"environments": dict(environments)})
    except ValidationError as exc:
        raise ConfigError(
            f"invalid settings in cdk.json context '{CONTEXT_KEY}':\n{_format_errors(exc)}"
        ) from exc


def select_environment(config: AppConfig, env_name: Any) -> EnvironmentConfig:
    """The settings of the environment chosen with ``-c env=NAME``."""
    known = ", ".join(sorted(config.environments))
    if not env_name:
        raise ConfigError(f"choose an environment with -c {ENV_CONTEXT_KEY}=NAME (known: {known})")
    if not isinstance(env_name, str) or env_name not in config.environments:
        raise ConfigError(f"unknown environment {env_name!r} (known: {known})")
    return config.environments[env_name]
