"""Composition of the inventory lookup: settings -> adapters -> breaker -> service.

Built once per execution environment (cold start) and cached, like ``sferp.order_handoff.app``.
Tests, the local CLI and the local server call ``set_dependencies`` with the embedded ERP and
moto (or in-memory) stores instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.circuit_breaker import CircuitState, CircuitTransition

from sferp import wiring
from sferp.inventory.breaker import ErpBreaker, dynamodb_persistence
from sferp.inventory.cache import AvailabilityCache, DynamoAvailabilityCache
from sferp.inventory.service import InventoryService
from sferp.inventory.settings import InventorySettings
from sferp.observability import logger, metrics, use_flow_dimensions
from sferp.ports import ErpGateway
from sferp.settings import FlowMode


@dataclass
class Dependencies:
    environment: str
    mode: FlowMode
    budget_ms: int
    service: InventoryService
    breaker: ErpBreaker
    erp: ErpGateway
    cache: AvailabilityCache
    warm_max_skus: int = wiring.INVENTORY_WARM_MAX_SKUS_DEFAULT


_dependencies: Dependencies | None = None


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
        metrics.add_metric(name=wiring.METRIC_INVENTORY_BREAKER_OPENED, unit=MetricUnit.Count, value=1)
    elif transition.to_state is CircuitState.CLOSED:
        metrics.add_metric(name=wiring.METRIC_INVENTORY_BREAKER_CLOSED, unit=MetricUnit.Count, value=1)


def build_erp(settings: InventorySettings) -> ErpGateway:
    # One ERP factory for every flow (same variables, same secret). The per-request budget, not
    # erp_timeout_s, bounds each availability call (passed as timeout_s on the call).
    from sferp.order_handoff.app import build_erp as build_flow_erp

    return build_flow_erp(settings)


def build_service(
    settings: InventorySettings,
    *,
    erp: ErpGateway,
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
    erp: ErpGateway | None = None,
    breaker_state_cache_s: int = wiring.INVENTORY_BREAKER_STATE_CACHE_S,
) -> Dependencies:
    if dynamodb_client is None:
        import boto3

        dynamodb_client = boto3.session.Session().client("dynamodb")
    breaker = ErpBreaker(
        dynamodb_persistence(settings.table_name, dynamodb_client),
        failure_threshold=settings.breaker_failures,
        recovery_timeout_s=settings.breaker_recovery_s,
        state_cache_s=breaker_state_cache_s,
        on_transition=on_breaker_transition,
    )
    return build_service(
        settings,
        erp=erp or build_erp(settings),
        cache=DynamoAvailabilityCache(settings.table_name, dynamodb_client),
        breaker=breaker,
    )


def set_dependencies(dependencies: Dependencies | None) -> None:
    """Install (or with None, forget) the dependencies; the next invocation uses them."""
    global _dependencies
    _dependencies = dependencies
    if dependencies is not None:
        use_flow_dimensions(environment=dependencies.environment, flow=wiring.FLOW_INVENTORY_LOOKUP)


def get_dependencies() -> Dependencies:
    if _dependencies is None:
        settings = InventorySettings.from_env()
        set_dependencies(build_dependencies(settings))
        logger.info(
            "inventory lookup configured", extra={"mode": settings.mode.value, "erp": settings.erp_adapter}
        )
    assert _dependencies is not None
    return _dependencies


def in_lambda() -> bool:
    return "AWS_LAMBDA_FUNCTION_NAME" in os.environ
