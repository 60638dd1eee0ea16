"""The reconciliation's names and numbers: task and starter settings, the workflow's retry
policy, table keys, environment variables, metric names and the physical names of its resources."""

from __future__ import annotations

from typing import Final

from sferp import names

# --- Physical names (suffixes after sferp-<env>-) ---------------------------------------------------
STATE_MACHINE: Final = "reconciliation"
TASK_FUNCTION: Final = "reconcile-task"
STARTER_FUNCTION: Final = "reconcile-start"
RUN_TABLE: Final = "reconcile-runs"
REVIEW_TABLE: Final = "reconcile-review"
START_DLQ: Final = "reconcile-start-dlq"
SCHEDULE: Final = "reconciliation"

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
# The API-quota guard: at this share of the org's daily Salesforce API limit the apply pauses
# (the same share at which the Salesforce writer defers non-urgent writes), and Step Functions
# retries it every RECONCILE_QUOTA_PAUSE_INTERVAL_S, up to RECONCILE_QUOTA_PAUSE_ATTEMPTS times
# (4 hours), before the run fails and alarms.
RECONCILE_QUOTA_PAUSE_ERROR: Final = "ApiQuotaPausedError"
RECONCILE_QUOTA_PAUSE_SHARE: Final = 0.8
RECONCILE_QUOTA_PAUSE_INTERVAL_S: Final = 15 * 60
RECONCILE_QUOTA_PAUSE_ATTEMPTS: Final = 16
RECONCILE_RETRY_ATTEMPTS: Final = 3
# Table keys: the run table holds one watermark per entity ("watermark", "<entity>") and the per-run ledger
# ("run#<date>", "apply#<entity>#<side>" ...); the review table one item per open difference.
RECONCILE_TABLE_PARTITION_KEY: Final = "pk"
RECONCILE_TABLE_SORT_KEY: Final = "sk"
RECONCILE_WATERMARK_PARTITION: Final = "watermark"  # sort key: the entity (stream)
RECONCILE_TABLE_TTL_ATTRIBUTE: Final = "expiration"
RECONCILE_LEDGER_TTL_S: Final = 90 * 24 * 60 * 60  # seconds; longer than any rerun of a run date

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
METRIC_RECONCILE_QUOTA_PAUSED: Final = "ReconcileApplyPausedForApiQuota"

# The watermark items never expire (they carry no TTL attribute); run items do.
RUN_TABLE_SPEC: Final = names.TableSpec(
    RUN_TABLE,
    partition_key=RECONCILE_TABLE_PARTITION_KEY,
    sort_key=RECONCILE_TABLE_SORT_KEY,
    ttl_attribute=RECONCILE_TABLE_TTL_ATTRIBUTE,
)
# Review items stay until someone works them: no TTL.
REVIEW_TABLE_SPEC: Final = names.TableSpec(
    REVIEW_TABLE, partition_key=RECONCILE_TABLE_PARTITION_KEY, sort_key=RECONCILE_TABLE_SORT_KEY
)


# --- The artifact bucket's layout: the tasks write it, the stack grants and expires by its prefixes,
# the ops commands and the local runner read it. Everything of a run hangs off its run id (the date).
RUNS_PREFIX: Final = "runs/"  # extracts, partitions, results: kept as long as a rerun is plausible
REPORTS_PREFIX: Final = "reports/"  # the audit trail: kept for a year and more


def run_prefix(run_id: str) -> str:
    return f"{RUNS_PREFIX}{run_id}"


def extract_key(run_id: str) -> str:
    """The extract's meta document; its presence means the extract is complete."""
    return f"{run_prefix(run_id)}/extract.json"


def manifest_key(run_id: str) -> str:
    """The Distributed Map's ItemReader input: one entry per (entity, partition)."""
    return f"{run_prefix(run_id)}/manifest.json"


def partition_key(run_id: str, entity: str, file_name: str) -> str:
    return f"{run_prefix(run_id)}/partitions/{entity}/{file_name}"


def results_root(run_id: str) -> str:
    return f"{run_prefix(run_id)}/results/"


def results_prefix(run_id: str, entity: str) -> str:
    return f"{results_root(run_id)}{entity}/"


def result_key(run_id: str, entity: str, index: int) -> str:
    return f"{results_prefix(run_id, entity)}{index:05d}.json"


def merged_root(run_id: str) -> str:
    return f"{run_prefix(run_id)}/merged/"


def merged_key(run_id: str, entity: str) -> str:
    return f"{merged_root(run_id)}{entity}.json"


def applied_key(run_id: str, entity: str, side: str) -> str:
    return f"{run_prefix(run_id)}/applied/{entity}-{side}.json"


def report_keys(run_id: str) -> tuple[str, str]:
    """The report as JSON and as HTML."""
    return f"{REPORTS_PREFIX}{run_id}/report.json", f"{REPORTS_PREFIX}{run_id}/report.html"
