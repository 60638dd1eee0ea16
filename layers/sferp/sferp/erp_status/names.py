"""The ERP status flow's names and numbers: the ERP's sales order events, the message-group hop,
its FIFO queue and consumer, the state table (watermark, last applied status per order, the
writer's desired state), the Salesforce fields, environment variables and metric names. Read by
``infra/constructs/erp_status.py``, the local runtime and the ops commands."""

from __future__ import annotations

from typing import Any, Final

from sferp import names

FLOW_ERP_STATUS: Final = "erp_status"

# --- Physical names (suffixes after sferp-<env>-) ---------------------------------------------------
STATE_TABLE: Final = "erp-status"
FUNCTION: Final = "erp-status"
ROUTE: Final = "erp-status"
POLL_SCHEDULE: Final = "erp-status-poll"

# --- ERP business events (CloudEvents on the ERP bus, erp_events.py) -----------------------------
SALES_ORDER_EVENT_TYPES: Final = (
    "sap.s4.beh.salesorder.v1.SalesOrder.Changed.v1",
    "sap.s4.beh.salesorder.v1.SalesOrder.Created.v1",
)


def sales_order_event_pattern() -> dict[str, Any]:
    """ERP sales order events on the ERP bus (``sferp-<env>-erp``)."""
    return {"detail-type": list(SALES_ORDER_EVENT_TYPES)}


# --- The message-group hop (SQS buffer -> EventBridge Pipe -> SQS FIFO), grouped by ERP order -----
# An event names one sales order (data.SalesOrder): its group, so one order's changes apply in
# order while different orders go in parallel. The poller sends straight to the FIFO queue with the
# same group (the ERP document number).
MESSAGE_GROUP_ID_PATH: Final = "$.body.detail.data.SalesOrder"
PIPE_BATCH_SIZE: Final = 10
BUFFER_VISIBILITY_TIMEOUT_S: Final = 60
BUFFER_MAX_RECEIVE_COUNT: Final = 5

# --- FIFO queue and consumer -----------------------------------------------------------------------
FUNCTION_TIMEOUT_S: Final = 120  # seconds; a poll reads pages of changed orders and sends them
FUNCTION_MEMORY_MB: Final = 512
VISIBILITY_TIMEOUT_S: Final = 6 * FUNCTION_TIMEOUT_S  # AWS guidance: >= 6 x the function timeout
MAX_RECEIVE_COUNT: Final = 5
BATCH_SIZE: Final = 10  # the FIFO maximum
DLQ_RETENTION_S: Final = 14 * 24 * 60 * 60
QUEUE_RETENTION_S: Final = 4 * 24 * 60 * 60

# --- State: one table ----------------------------------------------------------------------------------
PARTITION_KEY: Final = "pk"
TTL_ATTRIBUTE: Final = "expiration"
WRITES_PREFIX: Final = "sfw#"  # the Salesforce writer's desired state of the Orders' ERP fields
APPLIED_PREFIX: Final = "applied#"  # per ERP order: the newest change applied, its status and times
WATERMARK_KEY: Final = "watermark#erp-orders"
PRODUCTS_WATERMARK_KEY: Final = "watermark#erp-products"

# --- The scheduled poller (same function, a scheduled event) ---------------------------------------
POLL_TASK: Final = "poll_erp_orders"  # the schedule's payload {"task": ...}
POLL_LOOKBACK_MIN: Final = 10  # minutes re-read before the watermark (clock skew, late commits)
SQS_SEND_BATCH: Final = 10  # SendMessageBatch's maximum
PRODUCTS_POLL_SCHEDULE: Final = "erp-status-products-poll"  # the products schedule's name suffix
PRODUCTS_POLL_TASK: Final = "poll_erp_products"

# --- Environment variables -----------------------------------------------------------------------------
ENV_STATE_TABLE: Final = "SFERP_ERP_STATUS_TABLE"
ENV_QUEUE_URL: Final = "SFERP_ERP_STATUS_QUEUE_URL"
ENV_DLQ_URL: Final = "SFERP_DLQ_URL"
ENV_POLL_LOOKBACK_MIN: Final = "SFERP_ERP_POLL_LOOKBACK_MIN"
ENV_PRICE_SYNC: Final = "SFERP_PRICE_SYNC"

# --- Salesforce: the Order's ERP fields and the status history ------------------------------------------
SF_ORDER: Final = "Order"
SF_FIELD_STATUS: Final = "ERP_Order_Status__c"  # restricted picklist: sferp.models.records.ERP_ORDER_STATUSES
SF_FIELD_STATUS_CHANGED_AT: Final = "ERP_Status_Changed_At__c"
SF_FIELD_DELIVERY_DATE: Final = "ERP_Delivery_Date__c"
SF_FIELD_SHIPPED_PERCENT: Final = "ERP_Shipped_Percent__c"
SF_FIELD_TRACKING: Final = "ERP_Tracking_Reference__c"
SF_FIELD_INVOICE_NUMBER: Final = "ERP_Invoice_Number__c"
SF_FIELD_INVOICE_DATE: Final = "ERP_Invoice_Date__c"
SF_FIELD_NET_AMOUNT: Final = "ERP_Net_Amount__c"
SF_HISTORY: Final = "ERP_Order_Status_Change__c"
SF_HISTORY_KEY: Final = "Change_Key__c"  # external id: <ERP order>:<status>:<change time, ms>
SF_HISTORY_ORDER: Final = "Order__c"
SF_HISTORY_STATUS: Final = "Status__c"
SF_HISTORY_ERP_CODES: Final = "ERP_Status_Codes__c"
SF_HISTORY_CHANGED_AT: Final = "Changed_At__c"
SF_HISTORY_SOURCE: Final = "Source__c"  # Poll or Event
# Every field the flow writes (tests/unit/kernel/test_salesforce_fields.py checks the metadata and
# the permission set against these; the flow's tests check it writes no other).
SF_ORDER_FIELDS_WRITTEN: Final = (
    SF_FIELD_STATUS,
    SF_FIELD_STATUS_CHANGED_AT,
    SF_FIELD_DELIVERY_DATE,
    SF_FIELD_SHIPPED_PERCENT,
    SF_FIELD_TRACKING,
    SF_FIELD_INVOICE_NUMBER,
    SF_FIELD_INVOICE_DATE,
    SF_FIELD_NET_AMOUNT,
)
SF_HISTORY_FIELDS_WRITTEN: Final = (
    SF_HISTORY_KEY,
    SF_HISTORY_ORDER,
    SF_HISTORY_STATUS,
    SF_HISTORY_ERP_CODES,
    SF_HISTORY_CHANGED_AT,
    SF_HISTORY_SOURCE,
)
# Products and list prices (products.py)
SF_PRODUCT: Final = "Product2"
SF_PRODUCT_KEY: Final = "ERP_SKU__c"
SF_PRODUCT_FIELDS_WRITTEN: Final = (SF_PRODUCT_KEY, "Name", "ProductCode", "IsActive")
SF_PRICE_ENTRY: Final = "PricebookEntry"
SF_PRICE_KEY: Final = "ERP_Price_Key__c"  # external id: <SKU>:<currency>
SF_PRICE_FIELDS_WRITTEN: Final = (SF_PRICE_KEY, "UnitPrice", "IsActive")  # on create and on update
SF_PRICE_FIELDS_ON_CREATE: Final = (
    "Pricebook2Id",
    "Product2Id",
    "CurrencyIsoCode",
)  # create-only in Salesforce
SF_FIELD_STATUS_CONFLICT: Final = "ERP_Status_Conflict__c"  # a formula in Salesforce: read, never written
SF_TRACKING_MAX: Final = 80
SF_ERP_CODES_MAX: Final = 255
HISTORY_SOURCES: Final = ("Poll", "Event")

# --- Metrics -----------------------------------------------------------------------------------------
METRIC_STATUSES_WRITTEN: Final = "OrderStatusesWritten"
METRIC_UNLINKED: Final = "UnlinkedErpOrders"  # ERP orders no Salesforce Order is linked to
METRIC_UNMAPPED: Final = "UnmappedErpStatuses"
METRIC_STALE_IGNORED: Final = "StaleChangesIgnored"
METRIC_DEAD_LETTERED: Final = "DeadLettered"
METRIC_POLLED: Final = "ErpOrderChangesPolled"
METRIC_TO_SHIPPED_S: Final = "ErpOrderToShippedSeconds"  # quote-to-cash: ERP order created -> shipped
METRIC_PRODUCTS_WRITTEN: Final = "ProductsWritten"
METRIC_PRICES_WRITTEN: Final = "ListPricesWritten"
METRIC_TO_INVOICED_S: Final = "ShippedToInvoicedSeconds"  # quote-to-cash: shipped -> invoiced

# --- Specs ---------------------------------------------------------------------------------------------
QUEUES: Final = names.routed_queues(
    "erp-status",
    queue_retention_s=QUEUE_RETENTION_S,
    dlq_retention_s=DLQ_RETENTION_S,
    visibility_timeout_s=VISIBILITY_TIMEOUT_S,
    max_receive_count=MAX_RECEIVE_COUNT,
    buffer_visibility_timeout_s=BUFFER_VISIBILITY_TIMEOUT_S,
    buffer_max_receive_count=BUFFER_MAX_RECEIVE_COUNT,
)
DLQ_SPEC: Final = QUEUES.dlq
QUEUE_SPEC: Final = QUEUES.queue
DELIVERY_DLQ_SPEC: Final = QUEUES.delivery_dlq
BUFFER_SPEC: Final = QUEUES.buffer
STATE_TABLE_SPEC: Final = names.TableSpec(
    STATE_TABLE, partition_key=PARTITION_KEY, ttl_attribute=TTL_ATTRIBUTE
)
