"""The inventory lookup's names and numbers: the API path and limits, the time budget, cache
and breaker settings, the warm-up event, metric names and the physical names of its resources."""

from __future__ import annotations

from typing import Final

from sferp import names

# --- Physical names (suffixes after sferp-<env>-) ---------------------------------------------------
TABLE: Final = "inventory"
FUNCTION: Final = "inventory-lookup"
API: Final = "inventory"
INVOKER_ROLE: Final = "inventory-invoker"  # the role Salesforce's external credential assumes (STS)
API_LOGS: Final = "inventory-api"  # the access log group and the WAF web ACL
WARMUP_DLQ: Final = "inventory-warmup-dlq"


def warmup_schedule(plant: str) -> str:
    return f"inventory-warmup-{plant}"


# --- Inventory lookup (real-time API: API Gateway -> Lambda -> cache -> ERP) --------------------
FLOW_INVENTORY_LOOKUP: Final = "inventory_lookup"
INVENTORY_PATH: Final = "/availability"  # POST: many SKUs; GET /availability/{sku}?plant=: one
INVENTORY_MAX_ITEMS: Final = 200  # items per POST; two DynamoDB BatchGetItem pages at most
INVENTORY_MAX_BODY_BYTES: Final = (
    256 * 1024
)  # bytes; 200 items take a few KB: anything larger is refused (413)
INVENTORY_FUNCTION_TIMEOUT_S: Final = 6  # seconds; a cold start plus the whole time budget
INVENTORY_FUNCTION_MEMORY_MB: Final = 1024  # CPU scales with memory; the API is latency-bound
# The seed alarms at 2 s response time; the ERP gets what is left of 1.5 s so that a slow ERP
# still leaves room for the cache read, the answer and API Gateway's own overhead.
INVENTORY_BUDGET_MS_DEFAULT: Final = 1_500  # milliseconds
INVENTORY_BUDGET_RESERVE_MS: Final = 100  # milliseconds kept back for cache writes and the answer
INVENTORY_MIN_ERP_CALL_MS: Final = 50  # milliseconds; with less left the ERP is not called at all
INVENTORY_CACHE_FRESH_TTL_S_DEFAULT: Final = 60  # seconds a cached value answers as "cache"
INVENTORY_MAX_STALE_AGE_S_DEFAULT: Final = 24 * 60 * 60  # seconds a value may answer as "stale"
# Table keys: one table holds the cache items ("stock#<plant>#<sku>") and the circuit breaker
# state ("breaker#<name>"); both expire through the same TTL attribute.
INVENTORY_TABLE_PARTITION_KEY: Final = "pk"
INVENTORY_TABLE_TTL_ATTRIBUTE: Final = "expiration"
INVENTORY_CACHE_KEY_PREFIX: Final = "stock"
INVENTORY_BREAKER_KEY_PREFIX: Final = "breaker"
# Circuit breaker (Powertools circuit_breaker, DynamoDB state shared by all concurrent Lambdas).
INVENTORY_BREAKER_FAILURE_THRESHOLD: Final = 5  # consecutive failed ERP calls in one environment
INVENTORY_BREAKER_RECOVERY_TIMEOUT_S: Final = 30  # seconds open before a half-open probe
INVENTORY_BREAKER_SUCCESS_THRESHOLD: Final = 1  # successful probes that close it again
INVENTORY_BREAKER_STATE_CACHE_S: Final = 2  # seconds an environment trusts its copy of the state

ENV_INVENTORY_MODE: Final = "SFERP_INVENTORY_MODE"
ENV_INVENTORY_TABLE: Final = "SFERP_INVENTORY_TABLE"
ENV_INVENTORY_BUDGET_MS: Final = "SFERP_INVENTORY_BUDGET_MS"
ENV_INVENTORY_FRESH_TTL_S: Final = "SFERP_INVENTORY_FRESH_TTL_S"
ENV_INVENTORY_MAX_STALE_AGE_S: Final = "SFERP_INVENTORY_MAX_STALE_AGE_S"
ENV_INVENTORY_BREAKER_FAILURES: Final = "SFERP_INVENTORY_BREAKER_FAILURES"
ENV_INVENTORY_BREAKER_RECOVERY_S: Final = "SFERP_INVENTORY_BREAKER_RECOVERY_S"
ENV_INVENTORY_WARM_MAX_SKUS: Final = "SFERP_INVENTORY_WARM_MAX_SKUS"

METRIC_INVENTORY_LOOKUPS: Final = "InventoryLookups"  # requests answered
METRIC_INVENTORY_ITEMS: Final = "InventoryItems"  # items answered
METRIC_INVENTORY_LATENCY_MS: Final = "InventoryLatency"
METRIC_INVENTORY_CACHE_HITS: Final = "InventoryCacheHits"  # items answered from a fresh cache value
METRIC_INVENTORY_CACHE_MISSES: Final = "InventoryCacheMisses"  # items that needed the ERP
METRIC_INVENTORY_STALE_ANSWERS: Final = "InventoryStaleAnswers"
METRIC_INVENTORY_UNAVAILABLE_ANSWERS: Final = "InventoryUnavailableAnswers"
METRIC_INVENTORY_ERP_CALLS: Final = "InventoryErpCalls"
METRIC_INVENTORY_ERP_FAILURES: Final = "InventoryErpFailures"
METRIC_INVENTORY_BREAKER_OPENED: Final = "InventoryBreakerOpened"
METRIC_INVENTORY_BREAKER_CLOSED: Final = "InventoryBreakerClosed"
METRIC_INVENTORY_BREAKER_REJECTED: Final = "InventoryBreakerRejected"  # requests answered without the ERP
METRIC_INVENTORY_WARMUP_SKUS: Final = "InventoryWarmupSkus"  # SKUs a warm-up wrote fresh to the cache
METRIC_INVENTORY_WARMUP_ERP_CALLS: Final = "InventoryWarmupErpCalls"  # master read + availability batches

# Cache warm-up (refresh-ahead of the catalogue head): EventBridge Scheduler invokes the inventory
# function with {"sferp": "inventory-warmup", "plant": "<plant>"}, one schedule per plant.
INVENTORY_WARMUP_EVENT_KEY: Final = "sferp"
INVENTORY_WARMUP_EVENT_VALUE: Final = "inventory-warmup"
INVENTORY_WARM_MAX_SKUS_DEFAULT: Final = 2_000  # SKUs per plant and run
INVENTORY_WARM_MAX_SKUS_LIMIT: Final = 10_000  # 50 batches: what fits the function timeout with a fast ERP

# The cache items and the breaker state share one table and one TTL attribute.
TABLE_SPEC: Final = names.TableSpec(
    TABLE, partition_key=INVENTORY_TABLE_PARTITION_KEY, ttl_attribute=INVENTORY_TABLE_TTL_ATTRIBUTE
)
