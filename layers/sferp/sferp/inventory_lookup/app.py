"""Composition of the inventory lookup: settings -> adapters -> breaker -> service.

Built once per execution environment (cold start) and cached (``sferp.lazy``).
Tests, the local CLI and the local server call ``set_dependencies`` with the embedded ERP and
moto (or in-memory) stores instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.circuit_breaker import CircuitState, CircuitTransition

from sferp.adapters.registry import build_erp
from sferp.inventory_lookup import names as inventory_names
from sferp.inventory_lookup.breaker import ErpBreaker
from sferp.inventory_lookup.cache import AvailabilityCache
from sferp.inventory_lookup.service import InventoryErp, InventoryService
from sferp.inventory_lookup.settings import InventorySettings
from sferp.lazy import Lazy
from sferp.observability import logger, metrics, use_flow_dimensions
from sferp.settings import FlowMode


@dataclass
class Dependencies:
    environment: str
    mode: FlowMode
    budget_ms: int
    service: InventoryService
    breaker: ErpBreaker
    erp: InventoryErp
    cache: AvailabilityCache
    warm_max_skus: int = inventory_names.INVENTORY_WARM_MAX_SKUS_DEFAULT


def on_breaker_transition(transition: CircuitTransition) -> None:
    """Breaker state changes are rare: a log line and a metric each (the alarm reads the metric)."""
    logger.warning(
        "erp circuit breaker changed state",
        extra={
            "circuit": transition.circuit_name,
            "from_state": str(transition.from_state),
            "to_state": str(transition.to_state),
        },
    )
    if transition.to_state is CircuitState.OPEN:
        metrics.add_metric(
            name=inventory_names.METRIC_INVENTORY_BREAKER_OPENED, unit=MetricUnit.Count, value=1
        )
    elif transition.to_state is CircuitState.CLOSED:
        metrics.add_metric(
            name=inventory_names.METRIC_INVENTORY_BREAKER_CLOSED, unit=MetricUnit.Count, value=1
        )


def build_service(
    settings: InventorySettings,
    *,
    erp: InventoryErp,
    cache: AvailabilityCache,
    breaker: ErpBreaker,
) -> Dependencies:
    service = InventoryService(
        erp=erp,
        cache=cache,
        breaker=breaker,
        mode=settings.mode,
        fresh_ttl_s=settings.fresh_ttl_s,
        max_stale_age_s=settings.max_stale_age_s,
    )
    return Dependencies(
        environment=settings.environment,
        mode=settings.mode,
        budget_ms=settings.budget_ms,
        service=service,
        breaker=breaker,
        erp=erp,
        cache=cache,
        warm_max_skus=settings.warm_max_skus,
    )


def build_dependencies(
    settings: InventorySettings,
    *,
    dynamodb_client: Any | None = None,
    erp: InventoryErp | None = None,
    breaker_state_cache_s: int = inventory_names.INVENTORY_BREAKER_STATE_CACHE_S,
) -> Dependencies:
    if dynamodb_client is None:
        import boto3

        dynamodb_client = boto3.session.Session().client("dynamodb")
    from sferp.inventory_lookup.aws import DynamoAvailabilityCache, dynamodb_persistence

    breaker = ErpBreaker(
        dynamodb_persistence(settings.table_name, dynamodb_client),
        failure_threshold=settings.breaker_failures,
        recovery_timeout_s=settings.breaker_recovery_s,
        state_cache_s=breaker_state_cache_s,
        on_transition=on_breaker_transition,
    )
    return build_service(
        settings,
        # The per-request budget, not erp_timeout_s, bounds each availability call (timeout_s).
        erp=erp or build_erp(settings),
        cache=DynamoAvailabilityCache(settings.table_name, dynamodb_client),
        breaker=breaker,
    )


def _from_environment() -> Dependencies:
    settings = InventorySettings.from_env()
    dependencies = build_dependencies(settings)
    logger.info(
        "inventory lookup configured", extra={"mode": settings.mode.value, "erp": settings.erp_adapter}
    )
    return dependencies


_dependencies: Lazy[Dependencies] = Lazy(
    _from_environment,
    on_set=lambda d: use_flow_dimensions(
        environment=d.environment, flow=inventory_names.FLOW_INVENTORY_LOOKUP
    ),
)


def set_dependencies(dependencies: Dependencies | None) -> None:
    """Install (or with None, forget) the dependencies; the next invocation uses them."""
    _dependencies.set(dependencies)


def get_dependencies() -> Dependencies:
    return _dependencies.get()


def in_lambda() -> bool:
    return "AWS_LAMBDA_FUNCTION_NAME" in os.environ
