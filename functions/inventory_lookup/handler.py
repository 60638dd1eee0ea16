"""Lambda entry point of the inventory lookup: API Gateway (REST, IAM auth) -> availability, and
the scheduled cache warm-up (EventBridge Scheduler, ``{"sferp": "inventory-warmup", ...}``).

Thin on purpose: Powertools wiring, the warm-up route and the resolver of ``sferp.inventory_lookup.api``.
The logic never sees this event.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from sferp.inventory_lookup import app, warmup
from sferp.inventory_lookup.api import app as resolver
from sferp.inventory_lookup.api import refuse_oversized
from sferp.observability import logger, metrics, tracer

# Config first: in Lambda the settings are validated and the adapters built during init, so a
# missing or wrong variable fails the cold start (an init error) instead of the first request.
if app.in_lambda():
    app.get_dependencies()


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True)
@metrics.log_metrics(capture_cold_start_metric=True)
@tracer.capture_lambda_handler(capture_response=False)  # keeps availability payloads out of traces
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    # The schedule's event is not an API Gateway request: route it before the resolver sees it.
    if warmup.is_warmup_event(event):
        return warmup.handle(event, context)
    # An oversized body is answered 413 before the resolver parses it.
    return refuse_oversized(event) or resolver.resolve(event, context)
