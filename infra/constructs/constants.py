"""Names and alarm thresholds of the stack that are not shared with the runtime.

Everything the runtime also needs (physical names, queue settings, timeouts, metric names, env var
names) lives in ``sferp.names`` and ``sferp.<flow>.names``; this module only holds what the
infrastructure alone decides.
"""

from __future__ import annotations

from typing import Final

from sferp.names import resource_name, runbook_path

__all__ = ["resource_name", "runbook_path"]


# --- Alarm thresholds (the seed's numbers) --------------------------------------------------------
HANDLER_ERROR_RATE_PCT: Final = 5.0  # percent of invocations; the seed's "error rate > 5 %"
RECORD_ERROR_RATE_PCT: Final = (
    5.0  # percent of records failed or dead-lettered; the seed's "error rate > 5 %"
)
SYNC_FAILURE_RATE_PCT: Final = (
    10.0  # percent of records whose write-back failed; the seed's "sync failure > 10 %"
)
# Messages waiting in a flow's main queue: ~10 minutes of a busy hour's orders at the design load
# (docs/operations: raise it for an org that hands off more). Depth rises before age does when the
# consumer stops entirely.
QUEUE_DEPTH_ALARM_MESSAGES: Final = 1_000
# Shares of the org's daily Salesforce API limit (Sforce-Limit-Info). Warning where the writer
# starts deferring non-urgent writes (sferp.salesforce_writer.WriterSettings.defer_at_share);
# critical where urgent write-backs are at risk too.
SALESFORCE_API_WARNING_PCT: Final = 80.0
SALESFORCE_API_CRITICAL_PCT: Final = 90.0
OLDEST_MESSAGE_AGE_S: Final = 15 * 60  # seconds; the seed's "processing lag > 15 min"
ERP_LATENCY_P95_MS: Final = 2_000  # milliseconds; the seed's "response time > 2 s"
ALARM_PERIOD_S: Final = 60  # seconds; SQS and EventBridge publish one-minute data points
RATE_ALARM_PERIOD_S: Final = 300  # seconds; rates and percentiles need a few minutes of samples
RATE_ALARM_EVALUATION_PERIODS: Final = 3
RATE_ALARM_DATAPOINTS: Final = 2  # 2 of 3 five-minute periods: one slow spike does not page

# --- Pipe failure metric (AWS/EventBridge/Pipes, dimension PipeName) -----------------------------
PIPES_NAMESPACE: Final = "AWS/EventBridge/Pipes"
PIPES_FAILED_METRIC: Final = "ExecutionFailed"
EVENTS_NAMESPACE: Final = "AWS/Events"
EVENTS_FAILED_METRIC: Final = "FailedInvocations"


# --- Inventory lookup alarm thresholds (the seed's "response time > 2 s", "error rate > 5 %") ----
INVENTORY_LATENCY_P99_MS: Final = 2_000  # milliseconds, API Gateway Latency p99
INVENTORY_5XX_RATE_PCT: Final = 5.0  # percent of API requests
INVENTORY_CACHE_HIT_RATIO_MIN_PCT: Final = 50.0  # percent of items answered from the cache
INVENTORY_CACHE_RATIO_MIN_ITEMS: Final = 100  # items per 5 minutes before the ratio means anything
INVENTORY_STALE_ANSWERS_MAX: Final = 50  # stale + unavailable items per 5 minutes
