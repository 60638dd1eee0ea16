"""The order handoff's names and numbers: event pattern, the message-group hop, the FIFO queue
and its consumer, the order-state table, metric names, the Order fields it writes back, and the
physical names of its resources (``sferp.names.resource_name`` prefixes them per environment).
Read by ``infra/constructs/order_handoff.py``, ``sferp_tools.ops`` and ``sferp_tools.local``."""

from __future__ import annotations

from typing import Any, Final

from sferp import names

FLOW_ORDER_HANDOFF: Final = "order_handoff"
WRITES_PREFIX: Final = "sfw#"  # the Salesforce writer's desired state of the write-back fields (state table)

# --- Physical names (suffixes after sferp-<env>-) ---------------------------------------------------
STATE_TABLE: Final = "order-state"
FUNCTION: Final = "order-handoff"
ROUTE: Final = "order-handoff"  # the rule, the pipe and the archive on the Salesforce bus

# --- EventBridge ------------------------------------------------------------------------------------
ORDER_HANDOFF_DETAIL_TYPE: Final = "Order_Handoff__e"


def order_handoff_event_pattern() -> dict[str, Any]:
    """The EventBridge rule pattern for order handoff events."""
    return {
        "source": [{"prefix": names.SALESFORCE_PARTNER_SOURCE_PREFIX}, names.SIMULATED_SALESFORCE_SOURCE],
        "detail-type": [ORDER_HANDOFF_DETAIL_TYPE],
    }


# Rule target (rule -> SQS buffer): EventBridge retries delivery for up to this long, then the
# event goes to the delivery DLQ instead of being dropped.
RULE_TARGET_MAX_EVENT_AGE_S: Final = names.RULE_TARGET_MAX_EVENT_AGE_S
RULE_TARGET_RETRY_ATTEMPTS: Final = names.RULE_TARGET_RETRY_ATTEMPTS

# --- Order handoff: the message-group hop (SQS buffer -> EventBridge Pipe -> SQS FIFO) -----------
# A rule target only takes a static MessageGroupId; the pipe takes a JSON path into the body.
MESSAGE_GROUP_ID_PATH: Final = "$.body.detail.payload.Order_Id__c"
# The pipe forwards the EventBridge event itself, not the SQS record wrapped around it.
PIPE_INPUT_TEMPLATE: Final = names.PIPE_INPUT_TEMPLATE
PIPE_BATCH_SIZE: Final = 10
BUFFER_VISIBILITY_TIMEOUT_S: Final = 60  # seconds; a pipe delivery to SQS takes well under that
BUFFER_MAX_RECEIVE_COUNT: Final = 5  # then the event sits in the delivery DLQ (alarmed)

# --- Order handoff: FIFO queue and consumer ----------------------------------------------------
ORDER_HANDOFF_FUNCTION_TIMEOUT_S: Final = 30  # seconds; one batch of 10 orders, ERP budget included
ORDER_HANDOFF_FUNCTION_MEMORY_MB: Final = 512
# AWS guidance: visibility timeout >= 6 x function timeout, so a message is not redelivered while
# a slow or retried invocation still holds it.
ORDER_HANDOFF_VISIBILITY_TIMEOUT_S: Final = 6 * ORDER_HANDOFF_FUNCTION_TIMEOUT_S
# The per-order lease around the ERP write: no invocation outlives its function timeout, so a
# crashed holder blocks its order only until then (the retry's back-off is at least as long).
ORDER_LEASE_S: Final = ORDER_HANDOFF_FUNCTION_TIMEOUT_S
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

ENV_ORDER_STATE_TABLE: Final = "SFERP_ORDER_STATE_TABLE"
ENV_MAX_LINES: Final = "SFERP_ORDER_MAX_LINES"
# Lines per order the handoff accepts (cdk.json flows.order_handoff.max_lines). A sales order API
# takes far fewer in one deep insert than Salesforce lets a Flow put into Lines__c (131,072 chars).
MAX_LINES_DEFAULT: Final = 1_000
MAX_LINES_LIMIT: Final = 10_000
ENV_DLQ_URL: Final = "SFERP_DLQ_URL"
# What an order for an Account no ERP customer is coupled to does (cdk.json
# flows.order_handoff.uncoupled_account): create the customer from the Account, wait for the
# customer flow to couple it (retry with back-off, then the DLQ), or reject it at once.
ENV_UNCOUPLED_ACCOUNT: Final = "SFERP_UNCOUPLED_ACCOUNT"
# The customer flow's table, read for the coupling (Account -> ERP customer); unset: the ERP
# adapters find the customer by the Account's external id.
ENV_COUPLING_TABLE: Final = names.ENV_COUPLING_TABLE
UNCOUPLED_ACCOUNT_POLICIES: Final = ("create", "wait", "reject")
# --- Metrics (namespace and dimensions: sferp.names) ---------------------------------------------

METRIC_ORDERS_HANDED_OFF: Final = "OrdersHandedOff"
METRIC_ORDERS_CANCELLED: Final = "OrdersCancelled"
METRIC_DUPLICATES_IGNORED: Final = "DuplicatesIgnored"
METRIC_STALE_IGNORED: Final = "StaleIgnored"
METRIC_DEAD_LETTERED: Final = "DeadLettered"
METRIC_RETRIABLE_FAILURES: Final = "RetriableFailures"
METRIC_SHADOW_SKIPPED: Final = "ShadowWritesSkipped"
METRIC_ERP_LATENCY_MS: Final = "ErpLatency"
METRIC_END_TO_END_LAG_MS: Final = "EndToEndLag"
METRIC_WRITEBACK_FAILURES: Final = "WritebackFailures"  # every failed write-back, retriable or not
METRIC_WRITEBACK_REJECTED: Final = "WritebackRejected"  # refused for good: dead-lettered, alarmed
# Orders whose content the integration or the ERP refused (an event that does not validate, an
# order the ERP rejects: unknown material, blocked customer): dead-lettered, each alarmed.
METRIC_VALIDATION_FAILURES: Final = "ValidationFailures"
METRIC_CUSTOMERS_CREATED: Final = "CustomersCreated"  # ERP customers created for uncoupled Accounts

# --- Salesforce Order fields the write-back sets ------------------------------------------------
SF_ORDER_OBJECT: Final = "Order"
SF_FIELD_ERP_ORDER_NUMBER: Final = "ERP_Order_Number__c"
SF_FIELD_SYNC_STATUS: Final = "ERP_Sync_Status__c"
SF_FIELD_SYNC_MESSAGE: Final = "ERP_Sync_Message__c"
SF_FIELD_SYNCED_AT: Final = "ERP_Synced_At__c"
SF_FIELD_ORDER_VERSION: Final = "Order_Version__c"  # raised by the Order Flow, read with the Order
SF_SYNC_MESSAGE_MAX: Final = 255  # the Text(255) length of ERP_Sync_Message__c


# --- The flow's queues and table, as the stack and the local runtime create them ------------------
QUEUES: Final = names.routed_queues(
    "order-handoff",
    queue_retention_s=ORDER_HANDOFF_QUEUE_RETENTION_S,
    dlq_retention_s=ORDER_HANDOFF_DLQ_RETENTION_S,
    visibility_timeout_s=ORDER_HANDOFF_VISIBILITY_TIMEOUT_S,
    max_receive_count=ORDER_HANDOFF_MAX_RECEIVE_COUNT,
    buffer_visibility_timeout_s=BUFFER_VISIBILITY_TIMEOUT_S,
    buffer_max_receive_count=BUFFER_MAX_RECEIVE_COUNT,
)
DLQ_SPEC: Final = QUEUES.dlq
QUEUE_SPEC: Final = QUEUES.queue
DELIVERY_DLQ_SPEC: Final = QUEUES.delivery_dlq
BUFFER_SPEC: Final = QUEUES.buffer
QUEUE: Final = QUEUE_SPEC.suffix  # order-handoff.fifo
DLQ: Final = DLQ_SPEC.suffix  # order-handoff-dlq.fifo
BUFFER: Final = BUFFER_SPEC.suffix  # order-handoff-buffer
DELIVERY_DLQ: Final = DELIVERY_DLQ_SPEC.suffix  # order-handoff-delivery-dlq
STATE_TABLE_SPEC: Final = names.TableSpec(
    STATE_TABLE, partition_key=ORDER_STATE_PARTITION_KEY, ttl_attribute=ORDER_STATE_TTL_ATTRIBUTE
)
