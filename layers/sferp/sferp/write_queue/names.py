"""The write queue's names and numbers: its standard queue and DLQ, the writer function, its
desired-state table, the batching window and the message format. Read by
``infra/constructs/write_queue.py``, the local runtime, the benchmark and the flows that send to it."""

from __future__ import annotations

from typing import Final

from sferp import names

FLOW_SALESFORCE_WRITER: Final = "salesforce_writer"  # the metrics' Flow dimension of the writer function

# --- Physical names (suffixes after sferp-<env>-) ---------------------------------------------------
QUEUE: Final = "salesforce-writes"
DLQ: Final = "salesforce-writes-dlq"
FUNCTION: Final = "salesforce-writer"
STATE_TABLE: Final = "salesforce-writes"

# --- The batching window --------------------------------------------------------------------------
# bench/bench_salesforce_writer.py: 10 s gives 0.006 calls per record at 1,000 records a minute
# (target 0.01) and adds at most 10 s (mean 5 s) before a sales rep sees the change; 5 s gives
# 0.012 (misses), 20 s gains nothing at that load. Lambda waits up to this long, or until
# BATCH_SIZE messages or 6 MB arrived, before it invokes the writer.
BATCHING_WINDOW_S: Final = 10
BATCH_SIZE: Final = 1000  # messages an invocation; a message carries up to CHANGES_PER_MESSAGE changes
# Two writers at most: more would split a window's changes into more, smaller Salesforce calls,
# and Salesforce counts concurrent long requests per org. (The event source's minimum is 2.)
MAX_CONCURRENCY: Final = 2
CHANGES_PER_MESSAGE: Final = 100
MAX_BODY_BYTES: Final = 200 * 1024  # below SQS's 256 KiB with room for the attributes
DEFER_DELAY_S: Final = 900  # SQS's longest delay: deferred (non-urgent) changes come back then
MESSAGE_VERSION: Final = 1

FUNCTION_TIMEOUT_S: Final = 120
FUNCTION_MEMORY_MB: Final = 512
VISIBILITY_TIMEOUT_S: Final = 6 * FUNCTION_TIMEOUT_S  # AWS guidance: >= 6 x the function timeout
MAX_RECEIVE_COUNT: Final = 5
QUEUE_RETENTION_S: Final = 4 * 24 * 60 * 60
DLQ_RETENTION_S: Final = 14 * 24 * 60 * 60

# --- State -----------------------------------------------------------------------------------------
PARTITION_KEY: Final = "pk"
TTL_ATTRIBUTE: Final = "expiration"
WRITES_PREFIX: Final = "sfw#"

# --- Environment variables (the writer function's, and ENV_QUEUE_URL for the flows that send) -----
ENV_QUEUE_URL: Final = names.ENV_SALESFORCE_WRITE_QUEUE_URL
ENV_STATE_TABLE: Final = "SFERP_SALESFORCE_WRITES_TABLE"
ENV_DLQ_URL: Final = "SFERP_SALESFORCE_WRITES_DLQ_URL"

# --- Metrics ----------------------------------------------------------------------------------------
METRIC_CHANGES_QUEUED: Final = "SalesforceChangesQueued"  # by the sending flow (its dimensions)
METRIC_CHANGES_RECEIVED: Final = "SalesforceChangesReceived"  # by the writer function
METRIC_CHANGES_REQUEUED: Final = "SalesforceChangesRequeued"  # deferred: back on the queue, delayed
METRIC_DEAD_LETTERED: Final = "DeadLettered"  # messages the writer could not read, rejected records

# --- Specs -------------------------------------------------------------------------------------------
DLQ_SPEC: Final = names.QueueSpec(DLQ, retention_s=DLQ_RETENTION_S)
QUEUE_SPEC: Final = names.QueueSpec(
    QUEUE,
    retention_s=QUEUE_RETENTION_S,
    visibility_timeout_s=VISIBILITY_TIMEOUT_S,
    dead_letter=DLQ_SPEC,
    max_receive_count=MAX_RECEIVE_COUNT,
)
STATE_TABLE_SPEC: Final = names.TableSpec(
    STATE_TABLE, partition_key=PARTITION_KEY, ttl_attribute=TTL_ATTRIBUTE
)
