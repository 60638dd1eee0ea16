"""The customer flow's names and numbers: the ``AccountChangeEvent`` pattern, the message-group
hop, its FIFO queue and consumer, its state table (coupling, per-Account order, idempotency),
environment variables and metric names. Read by ``infra/constructs/customer_sync.py``, the local
runtime and the ops commands."""

from __future__ import annotations

from typing import Any, Final

from sferp import names

FLOW_CUSTOMER_SYNC: Final = "customer_sync"

# --- Physical names (suffixes after sferp-<env>-) ---------------------------------------------------
STATE_TABLE: Final = "customer-sync"
FUNCTION: Final = "customer-sync"
ROUTE: Final = "customer-sync"

# --- EventBridge ------------------------------------------------------------------------------------
# Event Relay puts the change event's name in detail-type, as it does for platform events (not
# checkable offline: docs/customer_sync.md). The relay of this flow relays a CDC channel of its
# own (a relay's channel holds either platform events or change events, not both).
ACCOUNT_CHANGE_DETAIL_TYPE: Final = "AccountChangeEvent"
SF_CDC_CHANNEL: Final = "Sferp_Customer_Sync__chn"


def account_change_event_pattern() -> dict[str, Any]:
    """Every AccountChangeEvent that names its records: all but GAP_OVERFLOW."""
    return {
        "source": [{"prefix": names.SALESFORCE_PARTNER_SOURCE_PREFIX}, names.SIMULATED_SALESFORCE_SOURCE],
        "detail-type": [ACCOUNT_CHANGE_DETAIL_TYPE],
        "detail": {"payload": {"ChangeEventHeader": {"changeType": [{"anything-but": "GAP_OVERFLOW"}]}}},
    }


def gap_overflow_event_pattern() -> dict[str, Any]:
    """GAP_OVERFLOW names no record (``recordIds`` is empty), so the pipe, which groups by the first
    record id, could not forward it (a dynamic path that does not resolve fails the pipe's target
    call). Its own rule sends it straight to the FIFO queue with a static message group."""
    return {
        "source": [{"prefix": names.SALESFORCE_PARTNER_SOURCE_PREFIX}, names.SIMULATED_SALESFORCE_SOURCE],
        "detail-type": [ACCOUNT_CHANGE_DETAIL_TYPE],
        "detail": {"payload": {"ChangeEventHeader": {"changeType": ["GAP_OVERFLOW"]}}},
    }


def archive_event_pattern() -> dict[str, Any]:
    """The archive keeps both kinds."""
    return {
        "source": [{"prefix": names.SALESFORCE_PARTNER_SOURCE_PREFIX}, names.SIMULATED_SALESFORCE_SOURCE],
        "detail-type": [ACCOUNT_CHANGE_DETAIL_TYPE],
    }


def erp_customer_event_pattern() -> dict[str, Any]:
    """ERP business events about customers on the ERP bus (``erp_events.py``)."""
    from sferp.customer_sync.erp_events import BUSINESS_PARTNER_EVENT_TYPES

    return {"detail-type": list(BUSINESS_PARTNER_EVENT_TYPES)}


# ERP events go straight into the FIFO queue in one static group: they carry the key only and each
# is followed by a read, so their order matters little; one group keeps them from overtaking each
# other at the cost of one batch at a time (master data, not a stream).
ERP_EVENTS_ROUTE: Final = "customer-sync-erp-events"
ERP_EVENTS_MESSAGE_GROUP: Final = "erp-customer-events"
OVERFLOW_ROUTE: Final = "customer-sync-overflow"  # the overflow rule's name suffix
OVERFLOW_MESSAGE_GROUP: Final = "gap-overflow"


# --- The message-group hop (SQS buffer -> EventBridge Pipe -> SQS FIFO), as in the order handoff ---
# One event may name several records (the same change in one transaction); the first Id groups
# it, and the handler applies each record's change under that record's own version guard.
MESSAGE_GROUP_ID_PATH: Final = "$.body.detail.payload.ChangeEventHeader.recordIds[0]"
PIPE_BATCH_SIZE: Final = 10
BUFFER_VISIBILITY_TIMEOUT_S: Final = 60
BUFFER_MAX_RECEIVE_COUNT: Final = 5

# --- FIFO queue and consumer -----------------------------------------------------------------------
FUNCTION_TIMEOUT_S: Final = 60  # seconds; ten changes, a gap re-read and one Account write-back
FUNCTION_MEMORY_MB: Final = 512
VISIBILITY_TIMEOUT_S: Final = 6 * FUNCTION_TIMEOUT_S  # AWS guidance: >= 6 x the function timeout
MAX_RECEIVE_COUNT: Final = 5
BATCH_SIZE: Final = 10
DLQ_RETENTION_S: Final = 14 * 24 * 60 * 60
QUEUE_RETENTION_S: Final = 4 * 24 * 60 * 60
ACCOUNT_LEASE_S: Final = FUNCTION_TIMEOUT_S

# --- State: one table, three kinds of item -----------------------------------------------------------
PARTITION_KEY: Final = names.COUPLING_PARTITION_KEY
TTL_ATTRIBUTE: Final = "expiration"
COUPLING_PREFIX: Final = (
    names.COUPLING_KEY_PREFIX
)  # coupling#account#<18-char Id> and coupling#customer#<number>
WRITES_PREFIX: Final = "sfw#"  # the Salesforce writer's desired state of the Accounts' status fields
APPLIED_PREFIX: Final = "applied#"  # the newest change applied per Account (commit number, sequence)
IDEMPOTENCY_PREFIX: Final = "customer-sync"  # Powertools idempotency records, by change identity
IDEMPOTENCY_TTL_S: Final = 7 * 24 * 60 * 60  # longer than the 72 h Salesforce keeps change events

# --- Environment variables -----------------------------------------------------------------------------
ENV_STATE_TABLE: Final = "SFERP_CUSTOMER_SYNC_TABLE"
ENV_DLQ_URL: Final = "SFERP_DLQ_URL"
ENV_INTEGRATION_USER_ID: Final = "SFERP_SF_INTEGRATION_USER_ID"
ENV_ON_ACCOUNT_DELETE: Final = "SFERP_ON_ACCOUNT_DELETE"
ON_ACCOUNT_DELETE_POLICIES: Final = ("block", "flag")
ENV_RECONCILIATION_STATE_MACHINE_ARN: Final = "SFERP_RECONCILIATION_STATE_MACHINE_ARN"

# --- ERP -> Salesforce: the scheduled change poller (same function, a scheduled event) -------------
ERP_POLL_SCHEDULE: Final = "customer-sync-erp-poll"  # the schedule's name suffix
ERP_POLL_TASK: Final = "poll_erp_customers"  # the schedule's payload {"task": ...}
ERP_POLL_LOOKBACK_MIN: Final = 10  # minutes re-read before the watermark (clock skew, late commits)
ENV_ERP_POLL_LOOKBACK_MIN: Final = "SFERP_ERP_POLL_LOOKBACK_MIN"

# --- Metrics -----------------------------------------------------------------------------------------
METRIC_CUSTOMERS_CREATED: Final = "CustomersCreated"
METRIC_CUSTOMERS_UPDATED: Final = "CustomersUpdated"
METRIC_CUSTOMERS_BLOCKED: Final = "CustomersBlocked"
METRIC_CUSTOMERS_UNBLOCKED: Final = "CustomersUnblocked"
METRIC_MERGES: Final = "AccountMergesApplied"
METRIC_NO_OWNED_CHANGE: Final = "ChangesWithoutOwnedFields"
METRIC_ECHOES_SUPPRESSED: Final = "EchoesSuppressed"
METRIC_STALE_IGNORED: Final = "StaleChangesIgnored"
METRIC_DUPLICATES_IGNORED: Final = "DuplicateChangesIgnored"
METRIC_GAP_REREADS: Final = "GapRecordsReread"
METRIC_OVERFLOWS: Final = "GapOverflows"
METRIC_DEAD_LETTERED: Final = "DeadLettered"
METRIC_RETRIABLE_FAILURES: Final = "RetriableFailures"
METRIC_SHADOW_SKIPPED: Final = "ShadowWritesSkipped"
METRIC_WRITEBACK_FAILURES: Final = "WritebackFailures"
METRIC_ERP_CHANGES_WRITTEN: Final = "ErpChangesWritten"  # ERP-owned customer fields written to Accounts
METRIC_ERP_CHANGES_UNCOUPLED: Final = "ErpChangesUncoupled"  # changed ERP customers no Account is coupled to

# --- Specs ---------------------------------------------------------------------------------------------
QUEUES: Final = names.routed_queues(
    "customer-sync",
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
