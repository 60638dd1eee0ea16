"""The inventory API: Powertools REST resolver with request/response validation and OpenAPI.

Routes parse into the models of ``sferp.inventory_lookup.models``, call the service once and map the
result; every failure mode has exactly one status code, set here:

- 200 answered (also when the ERP is down: items are ``stale`` or ``none`` with a reason)
- 400 the body is not JSON; 422 a field is invalid (the body names it)
- 404 unknown path; 503 the flow is ``off``; 500 a bug (logged, no details to the caller)
- 403 (IAM) and 429 (throttling) come from API Gateway before the function runs.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.metrics import MetricUnit

from sferp.inventory_lookup import app as inventory_app
from sferp.inventory_lookup import names as inventory_names
from sferp.inventory_lookup.budget import TimeBudget
from sferp.inventory_lookup.errors import InventoryDisabledError
from sferp.inventory_lookup.models import (
    MAX_QUANTITY,
    PLANT_PATTERN,
    SKU_PATTERN,
    AvailabilityRequest,
    AvailabilityResponse,
    ErrorResponse,
    FieldError,
    ItemRequest,
)
from sferp.inventory_lookup.service import LookupStats
from sferp.observability import logger, metrics
from sferp.order_handoff import names as handoff_names

app = APIGatewayRestResolver(enable_validation=True)

_ERROR_CONTENT: dict[str, Any] = {"application/json": {"model": ErrorResponse}}
# Naming our own responses replaces Powertools' default 200, so the success body is listed too:
# a Salesforce External Service builds its Flow outputs from it.
_ERRORS: dict[int, OpenAPIResponse] = {
    200: {
        "description": "Availability per item (source erp, cache, stale or none)",
        "content": {"application/json": {"model": AvailabilityResponse}},
    },
    400: {"description": "The body is not valid JSON", "content": _ERROR_CONTENT},
    422: {"description": "A field is invalid; errors[].field names it", "content": _ERROR_CONTENT},
    503: {"description": "Inventory lookup is switched off in this environment", "content": _ERROR_CONTENT},
}


@app.post(
    inventory_names.INVENTORY_PATH,
    summary="Availability of many SKUs at one plant",
    description="1 to 200 items. Cached values younger than the fresh TTL answer at once; all other SKUs "
    "go to the ERP in one call within the time budget. When the ERP cannot answer, items carry the last "
    "known value (source stale, with its age) or source none with reason erp_unavailable.",
    operation_id="checkAvailability",
    tags=["availability"],
    responses=_ERRORS,
)
def post_availability(request: AvailabilityRequest) -> AvailabilityResponse:
    return _lookup(request.plant, request.items)


@app.get(
    f"{inventory_names.INVENTORY_PATH}/<sku>",
    summary="Availability of one SKU at one plant",
    operation_id="checkSkuAvailability",
    tags=["availability"],
    responses=_ERRORS,
)
def get_availability(
    sku: Annotated[str, Path(pattern=SKU_PATTERN, description="ERP material number (SKU)")],
    plant: Annotated[str, Query(pattern=PLANT_PATTERN, description="ERP plant")],
    quantity: Annotated[float, Query(gt=0, le=MAX_QUANTITY, description="Quantity to check")] = 1,
) -> AvailabilityResponse:
    return _lookup(plant, [ItemRequest(sku=sku, quantity=quantity)])


def _lookup(plant: str, items: list[ItemRequest]) -> AvailabilityResponse:
    deps = inventory_app.get_dependencies()
    context = app.lambda_context
    remaining = context.get_remaining_time_in_millis() if context is not None else None
    # Budget from now: API Gateway and the cold start already used their share before this line.
    budget = TimeBudget(deps.budget_ms, lambda_remaining_ms=remaining)
    result = deps.service.lookup(plant, items, budget=budget)
    _emit(result.stats, budget.elapsed_ms())
    if result.response.degraded:
        logger.info(
            "availability answered degraded",
            extra={"plant": plant, "stale": result.stats.stale, "unavailable": result.stats.unavailable},
        )
    return result.response


def _emit(stats: LookupStats, latency_ms: float) -> None:
    count = MetricUnit.Count
    metrics.add_metric(name=inventory_names.METRIC_INVENTORY_LOOKUPS, unit=count, value=1)
    metrics.add_metric(name=inventory_names.METRIC_INVENTORY_ITEMS, unit=count, value=stats.items)
    metrics.add_metric(
        name=inventory_names.METRIC_INVENTORY_LATENCY_MS, unit=MetricUnit.Milliseconds, value=latency_ms
    )
    metrics.add_metric(name=inventory_names.METRIC_INVENTORY_CACHE_HITS, unit=count, value=stats.cache_hits)
    metrics.add_metric(
        name=inventory_names.METRIC_INVENTORY_CACHE_MISSES, unit=count, value=stats.cache_misses
    )
    metrics.add_metric(name=inventory_names.METRIC_INVENTORY_STALE_ANSWERS, unit=count, value=stats.stale)
    metrics.add_metric(
        name=inventory_names.METRIC_INVENTORY_UNAVAILABLE_ANSWERS, unit=count, value=stats.unavailable
    )
    metrics.add_metric(name=inventory_names.METRIC_INVENTORY_ERP_CALLS, unit=count, value=stats.erp_calls)
    if stats.erp_failed:
        metrics.add_metric(name=inventory_names.METRIC_INVENTORY_ERP_FAILURES, unit=count, value=1)
    if stats.breaker_rejected:
        metrics.add_metric(name=inventory_names.METRIC_INVENTORY_BREAKER_REJECTED, unit=count, value=1)
    if stats.erp_latency_ms is not None:
        metrics.add_metric(
            name=handoff_names.METRIC_ERP_LATENCY_MS, unit=MetricUnit.Milliseconds, value=stats.erp_latency_ms
        )
    if stats.shadow_writes_skipped:
        metrics.add_metric(
            name=handoff_names.METRIC_SHADOW_SKIPPED, unit=count, value=stats.shadow_writes_skipped
        )


def _error(status: HTTPStatus, message: str, errors: list[FieldError] | None = None) -> Response[str]:
    body = ErrorResponse(message=message, errors=errors or [])
    return Response(
        status_code=status.value, content_type=content_types.APPLICATION_JSON, body=body.model_dump_json()
    )


def _field(loc: Any) -> str:
    # ("body", "items", 0, "quantity") -> "items.0.quantity"; ("query", "plant") -> "plant"
    parts = [str(part) for part in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    return ".".join(parts) or "body"


@app.exception_handler(RequestValidationError)
def _invalid_request(exc: RequestValidationError) -> Response[str]:
    problems = exc.errors()
    if any(problem.get("type") == "json_invalid" for problem in problems):
        return _error(HTTPStatus.BAD_REQUEST, "request body is not valid JSON")
    errors = [
        FieldError(field=_field(p.get("loc", ())), message=str(p.get("msg", "invalid"))) for p in problems
    ]
    logger.info("invalid request", extra={"fields": [e.field for e in errors]})
    return _error(HTTPStatus.UNPROCESSABLE_ENTITY, "invalid request", errors)


@app.exception_handler(InventoryDisabledError)
def _disabled(exc: InventoryDisabledError) -> Response[str]:
    return _error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))


@app.not_found
def _not_found(_exc: NotFoundError) -> Response[str]:
    return _error(HTTPStatus.NOT_FOUND, "no such resource")


@app.exception_handler(RecursionError)
def _too_deep(_exc: RecursionError) -> Response[str]:
    # The body's JSON nests deeper than the parser goes: a malformed request, not a server error.
    return _error(HTTPStatus.BAD_REQUEST, "request body nests deeper than any availability request can")


def refuse_oversized(event: dict[str, Any]) -> dict[str, Any] | None:
    """413 for a body over ``INVENTORY_MAX_BODY_BYTES``, answered before anything parses it; None
    for every other request. (200 items fit in a few KB; API Gateway itself allows 10 MB.)"""
    body = event.get("body")
    if not isinstance(body, str) or len(body) <= inventory_names.INVENTORY_MAX_BODY_BYTES // 4:
        return None  # fast path: 4 bytes per character at most
    size = len(body.encode("utf-8", "surrogatepass"))
    if size <= inventory_names.INVENTORY_MAX_BODY_BYTES:
        return None
    answer = ErrorResponse(
        message=f"request body of {size} bytes is over the {inventory_names.INVENTORY_MAX_BODY_BYTES} byte limit",
        errors=[],
    )
    return {
        "statusCode": HTTPStatus.REQUEST_ENTITY_TOO_LARGE.value,
        "headers": {"Content-Type": content_types.APPLICATION_JSON},
        "body": answer.model_dump_json(),
        "isBase64Encoded": False,
    }


@app.exception_handler(Exception)
def _unexpected(exc: Exception) -> Response[str]:
    # A bug, not a failure mode: log it with the stack, tell the caller nothing internal.
    logger.exception("inventory lookup failed", extra={"error_type": type(exc).__name__})
    return _error(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error")
