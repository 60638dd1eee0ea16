"""The scheduled cache warm-up: EventBridge Scheduler -> the inventory function -> ``warm_up``.

The schedule invokes the SAME function as the API (one deployment, one set of permissions, the
breaker and cache it already has) with a small event, ``{"sferp": "inventory-warmup", "plant":
"1000"}``; the handler routes it here before the REST resolver. One schedule per plant, so each
plant's run gets the whole function timeout and a failed plant does not hold up the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sferp.inventory_lookup import app
from sferp.inventory_lookup import names as inventory_names
from sferp.inventory_lookup.models import PLANT_PATTERN
from sferp.observability import logger, metrics


class WarmupRequestError(ValueError):
    """A warm-up event without a valid plant: a broken schedule definition, not a transient fault."""


class WarmupRequest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    sferp: Literal["inventory-warmup"]
    plant: str = Field(pattern=PLANT_PATTERN)


def is_warmup_event(event: Any) -> bool:
    return (
        isinstance(event, Mapping)
        and event.get(inventory_names.INVENTORY_WARMUP_EVENT_KEY)
        == inventory_names.INVENTORY_WARMUP_EVENT_VALUE
    )


def warmup_event(plant: str) -> dict[str, str]:
    """The event the schedule sends (the infra and the local runtime both build it here)."""
    return {
        inventory_names.INVENTORY_WARMUP_EVENT_KEY: inventory_names.INVENTORY_WARMUP_EVENT_VALUE,
        "plant": plant,
    }


def handle(event: Mapping[str, Any], context: LambdaContext) -> dict[str, Any]:
    try:
        request = WarmupRequest.model_validate(dict(event))
    except ValidationError as exc:
        # Raised: the invocation fails and lands in the DLQ, whose alarm names the runbook.
        raise WarmupRequestError(f"invalid warm-up event: {exc.error_count()} error(s)") from exc
    deps = app.get_dependencies()
    stats = deps.service.warm_up(
        request.plant,
        max_skus=deps.warm_max_skus,
        budget_ms=deps.budget_ms,
        lambda_remaining_ms=context.get_remaining_time_in_millis,
    )
    metrics.add_metric(
        name=inventory_names.METRIC_INVENTORY_WARMUP_SKUS, unit=MetricUnit.Count, value=stats.skus_warmed
    )
    metrics.add_metric(
        name=inventory_names.METRIC_INVENTORY_WARMUP_ERP_CALLS, unit=MetricUnit.Count, value=stats.erp_calls
    )
    summary = {
        "plant": stats.plant,
        "skus_listed": stats.skus_listed,
        "skus_warmed": stats.skus_warmed,
        "erp_calls": stats.erp_calls,
        "availability_calls": stats.availability_calls,
        "stopped": stats.stopped,
    }
    if stats.stopped is None:
        logger.info("inventory warm-up done", extra=summary)
    else:
        # Not an error of the invocation: the cache keeps its values and the next run retries.
        logger.warning("inventory warm-up stopped early", extra=summary)
    return summary
