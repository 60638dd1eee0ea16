"""The single source of the integration's wiring: event patterns, queue and batch settings,
the message-group path, function timeouts, table keys, metric names.

The CDK constructs (``infra/``) and the local runtime (``sferp.local``) both read this module,
so the stack that is deployed and the stack that ``make demo`` runs cannot drift apart. Nothing
here depends on the environment: per-environment settings live in ``cdk.json`` context and are
validated by ``infra/config.py``.
"""

from __future__ import annotations

from typing import Any, Final

# --- Order handoff: EventBridge ----------------------------------------------------------------
ORDER_HANDOFF_DETAIL_TYPE: Final = "Order_Handoff__e"
# Event Relay partner sources look like "aws.partner/salesforce.com/<orgId>/<relayId>".
SALESFORCE_PARTNER_SOURCE_PREFIX: Final = "aws.partner/salesforce.com"
# PutEvents refuses sources that start with "aws.", so environments without Event Relay (and the
# local runtime) publish with this source onto a custom bus instead.
SIMULATED_SALESFORCE_SOURCE: Final = "sferp.salesforce"


def order_handoff_event_pattern() -> dict[str, Any]:
    """The EventBridge rule pattern for order handoff events."""
    return {
        "source": [{"prefix": SALESFORCE_PARTNER_SOURCE_PREFIX}, SIMULATED_SALESFORCE_SOURCE],
        "detail-type": [ORDER_HANDOFF_DETAIL_TYPE],
    }


# Rule target (rule -> SQS buffer): EventBridge retries delivery for up to this long, then the
# event goes to the delivery DLQ instead of being dropped.
RULE_TARGET_MAX_EVENT_AGE_S: Final = 24 * 60 * 60  # seconds; the EventBridge maximum
RULE_TARGET_RETRY_ATTEMPTS: Final = 185  # the EventBridge maximum

# --- Order handoff: the message-group hop (SQS buffer -> EventBridge Pipe -> SQS FIFO) -----------
# A rule target only takes a static MessageGroupId; the pipe takes a JSON path into the body.
MESSAGE_GROUP_ID_PATH: Final = "$.body.detail.payload.Order_Id__c"
# The pipe forwards the EventBridge event itself, not the SQS record wrapped around it.
PIPE_INPUT_TEMPLATE: Final = "<$.body>"
PIPE_BATCH_SIZE: Final = 10
BUFFER_VISIBILITY_TIMEOUT_S: Final = 60  # seconds; a pipe delivery to SQS takes well under that
BUFFER_MAX_RECEIVE_COUNT: Final = 5  # then the event sits in the delivery DLQ (alarmed)

# --- Order handoff: FIFO queue and consumer ----------------------------------------------------
ORDER_HANDOFF_FUNCTION_TIMEOUT_S: Final = 30  # seconds; one batch of 10 orders, ERP budget included
ORDER_HANDOFF_FUNCTION_MEMORY_MB: Final = 512
# AWS guidance: visibility timeout >= 6 x function timeout, so a message is not redelivered while
# a slow or retried invocation still holds it.
ORDER_HANDOFF_VISIBILITY_TIMEOUT_S: Final = 6 * ORDER_HANDOFF_FUNCTION_TIMEOUT_S
ORDER_HANDOFF_MAX_RECEIVE_COUNT: Final = 5
ORDER_HANDOFF_BATCH_SIZE: Final = 10  # the SQS FIFO event source maximum
ORDER_HANDOFF_DLQ_RETENTION_S: Final = 14 * 24 * 60 * 60  # seconds; the SQS maximum
ORDER_HANDOFF_QUEUE_RETENTION_S: Final = 4 * 24 * 60 * 60  # seconds
# Retriable failures push the message's visibility out with exponential back-off, capped so the
# five attempts span ~20 minutes of an ERP outage before the DLQ.
RETRY_BACKOFF_BASE_S: Final = 30  # seconds
RETRY_BACKOFF_MAX_S: Final = 600  # seconds

# --- Order handoff: state (idempotency + version guard) -----------------------------------------
ORDER_STATE_PARTITION_KEY: Final = "id"
ORDER_STATE_TTL_ATTRIBUTE: Final = "expiration"
IDEMPOTENCY_TTL_S: Final = 7 * 24 * 60 * 60  # seconds; longer than the event archive replay window we expect

# --- Environment variables the handlers read (set by CDK, validated by sferp.settings) ---------
ENV_ENVIRONMENT: Final = "SFERP_ENVIRONMENT"
ENV_FLOW_MODE: Final = "SFERP_FLOW_MODE"
ENV_ORDER_STATE_TABLE: Final = "SFERP_ORDER_STATE_TABLE"
ENV_DLQ_URL: Final = "SFERP_DLQ_URL"
ENV_SALESFORCE_SECRET_ARN: Final = "SFERP_SALESFORCE_SECRET_ARN"  # noqa: S105 - a variable name, not a secret
ENV_ERP_SECRET_ARN: Final = "SFERP_ERP_SECRET_ARN"  # noqa: S105 - a variable name, not a secret
ENV_ERP_ADAPTER: Final = "SFERP_ERP_ADAPTER"
ENV_ERP_TIMEOUT_S: Final = "SFERP_ERP_TIMEOUT_S"
# One ERP call must leave room in the 30 s order-handoff invocation for the Salesforce write-back;
# checked at synth (infra/config.py) and at cold start (sferp.settings).
ERP_TIMEOUT_MAX_S: Final = 25  # seconds
# The OData adapter's connection (required when SFERP_ERP_ADAPTER=odata; credentials stay in the secret).
ENV_ERP_BASE_URL: Final = "SFERP_ERP_BASE_URL"  # scheme + host (+ port), no path
ENV_ERP_ODATA_VERSION: Final = "SFERP_ERP_ODATA_VERSION"  # v2 (S/4HANA API_*_SRV) | v4
ENV_ERP_SERVICE_PATH: Final = "SFERP_ERP_SERVICE_PATH"  # optional: one service for every entity set
ENV_ERP_SAP_CLIENT: Final = "SFERP_ERP_SAP_CLIENT"  # optional: the sap-client query parameter
ENV_SALESFORCE_ADAPTER: Final = "SFERP_SALESFORCE_ADAPTER"

# --- Metrics -----------------------------------------------------------------------------------
METRICS_NAMESPACE: Final = "sferp"
FLOW_ORDER_HANDOFF: Final = "order_handoff"

METRIC_ORDERS_HANDED_OFF: Final = "OrdersHandedOff"
METRIC_ORDERS_CANCELLED: Final = "OrdersCancelled"
METRIC_DUPLICATES_IGNORED: Final = "DuplicatesIgnored"
METRIC_STALE_IGNORED: Final = "StaleIgnored"
METRIC_DEAD_LETTERED: Final = "DeadLettered"
METRIC_RETRIABLE_FAILURES: Final = "RetriableFailures"
METRIC_SHADOW_SKIPPED: Final = "ShadowWritesSkipped"
METRIC_ERP_LATENCY_MS: Final = "ErpLatency"
METRIC_END_TO_END_LAG_MS: Final = "EndToEndLag"
METRIC_SALESFORCE_API_USED: Final = "SalesforceApiUsed"
METRIC_SALESFORCE_API_USAGE_PCT: Final = "SalesforceApiUsagePercent"
METRIC_WRITEBACK_FAILURES: Final = "WritebackFailures"

# --- Salesforce Order fields the write-back sets ------------------------------------------------
SF_ORDER_OBJECT: Final = "Order"
SF_FIELD_ERP_ORDER_NUMBER: Final = "ERP_Order_Number__c"
SF_FIELD_SYNC_STATUS: Final = "ERP_Sync_Status__c"
SF_FIELD_SYNC_MESSAGE: Final = "ERP_Sync_Message__c"
SF_FIELD_SYNCED_AT: Final = "ERP_Synced_At__c"
SF_SYNC_MESSAGE_MAX: Final = 255  # the Text(255) length of ERP_Sync_Message__c
SF_COLLECTION_MAX_RECORDS: Final = 200  # sObject Collections accept 200 records a call

# --- Runbooks (alarm descriptions name them) ----------------------------------------------------
RUNBOOK_BASE: Final = "docs/runbooks"

# --- Observability -----------------------------------------------------------------------------
SERVICE_NAME: Final = "sferp"  # POWERTOOLS_SERVICE_NAME of every function


def metric_dimensions(environment: str, flow: str) -> dict[str, str]:
    """The exact dimension set every sferp metric carries; alarms must use the same set.

    Powertools adds ``service`` itself; ``environment`` and ``flow`` are default dimensions.
    """
    return {"service": SERVICE_NAME, "environment": environment, "flow": flow}


# --- Inventory lookup (real-time API: API Gateway -> Lambda -> cache -> ERP) --------------------
FLOW_INVENTORY_LOOKUP: Final = "inventory_lookup"
INVENTORY_PATH: Final = "/availability"  # POST: many SKUs; GET /availability/{sku}?plant=: one
INVENTORY_MAX_ITEMS: Final = 200  # items per POST; two DynamoDB BatchGetItem pages at most
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
DYNAMODB_BATCH_GET_MAX: Final = 100  # keys per BatchGetItem call (DynamoDB limit)
DYNAMODB_BATCH_WRITE_MAX: Final = 25  # items per BatchWriteItem call (DynamoDB limit)
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

# --- Nightly reconciliation (EventBridge Scheduler -> starter Lambda -> Step Functions) -----------
FLOW_RECONCILIATION: Final = "reconciliation"
RECONCILE_TASK_TIMEOUT_S: Final = 900  # seconds; the Lambda maximum: one entity's extract or apply
RECONCILE_TASK_MEMORY_MB: Final = 2048  # one partition of both sides in memory (~40 MB per 70k rows)
RECONCILE_STARTER_TIMEOUT_S: Final = 30  # seconds; one StartExecution call
RECONCILE_MAX_CONCURRENCY: Final = 40  # Distributed Map children at once; each holds one partition
RECONCILE_LOOKBACK_MINUTES_DEFAULT: Final = 10  # late commits land just below SystemModstamp's cursor
RECONCILE_EXECUTION_PREFIX: Final = "reconcile-"  # + run date: one execution name per run date
# Lambda service errors worth retrying inside the workflow (AWS's recommended Retry for lambda:invoke),
# plus the sferp errors whose same input may succeed later.
RECONCILE_RETRY_ERRORS: Final = (
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
    "ErpUnavailableError",
    "ErpTimeoutError",
    "ErpThrottledError",
    "SalesforceUnavailableError",
    "SalesforceRequestLimitError",
)
RECONCILE_RETRY_INTERVAL_S: Final = 20  # seconds before the first retry; doubled each time
RECONCILE_RETRY_ATTEMPTS: Final = 3
# Table keys: the run table holds the watermark ("watermark", "current") and the per-run ledger
# ("run#<date>", "apply#<entity>#<side>" ...); the review table one item per open difference.
RECONCILE_TABLE_PARTITION_KEY: Final = "pk"
RECONCILE_TABLE_SORT_KEY: Final = "sk"
RECONCILE_TABLE_TTL_ATTRIBUTE: Final = "expiration"
RECONCILE_LEDGER_TTL_S: Final = 90 * 24 * 60 * 60  # seconds; longer than any rerun of a run date
SALESFORCE_SOQL_MAX_CHARS: Final = 100_000  # Bulk API 2.0 query length limit

ENV_RECONCILE_MODE: Final = "SFERP_RECONCILE_MODE"
ENV_RECONCILE_BUCKET: Final = "SFERP_RECONCILE_BUCKET"
ENV_RECONCILE_KMS_KEY_ID: Final = "SFERP_RECONCILE_KMS_KEY_ID"
ENV_RECONCILE_RUN_TABLE: Final = "SFERP_RECONCILE_RUN_TABLE"
ENV_RECONCILE_REVIEW_TABLE: Final = "SFERP_RECONCILE_REVIEW_TABLE"
ENV_RECONCILE_LOOKBACK_MINUTES: Final = "SFERP_RECONCILE_LOOKBACK_MINUTES"
ENV_RECONCILE_PARTITIONS: Final = "SFERP_RECONCILE_PARTITIONS"
ENV_RECONCILE_STATE_MACHINE_ARN: Final = "SFERP_RECONCILE_STATE_MACHINE_ARN"
ENV_RECONCILE_TIME_ZONE: Final = "SFERP_RECONCILE_TIME_ZONE"

METRIC_RECONCILE_COMPARED: Final = "ReconcileRecordsCompared"
METRIC_RECONCILE_DRIFT: Final = "ReconcileDriftFound"
METRIC_RECONCILE_DRIFT_PCT: Final = "ReconcileDriftPercent"
METRIC_RECONCILE_FIXED: Final = "ReconcileFixed"
METRIC_RECONCILE_REVIEW: Final = "ReconcileSentToReview"
METRIC_RECONCILE_FAILED: Final = "ReconcileFixesFailed"
METRIC_RECONCILE_RUN_FAILED: Final = "ReconcileRunFailed"
METRIC_RECONCILE_SF_API_CALLS: Final = "ReconcileSalesforceApiCalls"
