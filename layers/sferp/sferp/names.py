"""Names and numbers every flow shares: physical resource names, the Salesforce event bus, the
environment variables of the shared settings, metric namespace and dimensions, API limits.

Each flow's own names and numbers (queues, tables, event patterns, metric names, timeouts) live
in ``sferp.<flow>.names``. The CDK constructs (``infra/``), the ops commands and the local
runtime read both, so the stack that is deployed, the commands that operate it and the stack that
``make demo`` runs cannot drift apart. Nothing here depends on the environment: per-environment
settings live in ``cdk.json`` and are validated by ``infra/config.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# --- Physical names -------------------------------------------------------------------------------
STACK_PREFIX: Final = "sferp"


def resource_name(env_name: str, suffix: str) -> str:
    """``sferp-<env>-<suffix>``: every physical name of an environment starts the same way."""
    return f"{STACK_PREFIX}-{env_name}-{suffix}"


@dataclass(frozen=True)
class TableSpec:
    """A DynamoDB table as every side builds it (CDK, the local runtime, the ops commands):
    string keys, on demand, TTL on ``ttl_attribute`` when set."""

    suffix: str
    partition_key: str
    sort_key: str | None = None
    ttl_attribute: str | None = None

    def name(self, env_name: str) -> str:
        return resource_name(env_name, self.suffix)


@dataclass(frozen=True)
class QueueSpec:
    """An SQS queue as every side builds it. Times in seconds; ``dead_letter`` with
    ``max_receive_count`` is the redrive policy."""

    suffix: str  # a FIFO queue's ends in ".fifo"
    retention_s: int
    visibility_timeout_s: int | None = None  # None: the SQS default (30 s)
    content_based_deduplication: bool = False
    dead_letter: QueueSpec | None = None
    max_receive_count: int | None = None

    @property
    def fifo(self) -> bool:
        return self.suffix.endswith(".fifo")

    def name(self, env_name: str) -> str:
        return resource_name(env_name, self.suffix)


# --- The Salesforce event bus (Event Relay), shared by every flow that Salesforce events drive ----
SALESFORCE_BUS: Final = "salesforce"  # the custom bus sferp-<env>-salesforce, where Event Relay is not set up
# Event Relay partner sources look like "aws.partner/salesforce.com/<orgId>/<relayId>".
SALESFORCE_PARTNER_SOURCE_PREFIX: Final = "aws.partner/salesforce.com"
# The bus ERP business events arrive on (CloudEvents, e.g. SAP's business partner events), shared
# by every flow that ERP events drive: sferp-<env>-erp.
ERP_BUS: Final = "erp"
# A route's rule target (rule -> SQS buffer): EventBridge retries delivery for up to this long,
# then the event goes to the delivery DLQ instead of being dropped.
RULE_TARGET_MAX_EVENT_AGE_S: Final = 24 * 60 * 60  # seconds; the EventBridge maximum
RULE_TARGET_RETRY_ATTEMPTS: Final = 185  # the EventBridge maximum
# A route's pipe forwards the EventBridge event itself, not the SQS record wrapped around it.
PIPE_INPUT_TEMPLATE: Final = "<$.body>"
# PutEvents refuses sources that start with "aws.", so environments without Event Relay (and the
# local runtime) publish with this source onto a custom bus instead.
SIMULATED_SALESFORCE_SOURCE: Final = "sferp.salesforce"

# --- Environment variables the handlers read (set by CDK, validated by sferp.settings) ---------
ENV_ENVIRONMENT: Final = "SFERP_ENVIRONMENT"
ENV_FLOW_MODE: Final = "SFERP_FLOW_MODE"
ENV_SALESFORCE_SECRET_ARN: Final = "SFERP_SALESFORCE_SECRET_ARN"  # noqa: S105 - a variable name, not a secret
ENV_ERP_SECRET_ARN: Final = "SFERP_ERP_SECRET_ARN"  # noqa: S105 - a variable name, not a secret
ENV_ERP_ADAPTER: Final = "SFERP_ERP_ADAPTER"
ENV_ERP_TIMEOUT_S: Final = "SFERP_ERP_TIMEOUT_S"
# One ERP call must leave room in the 30 s order-handoff invocation for the Salesforce write-back;
# checked at synth (infra/config.py) and at cold start (sferp.settings).
ERP_TIMEOUT_MAX_S: Final = 25  # seconds
ENV_SALESFORCE_ADAPTER: Final = "SFERP_SALESFORCE_ADAPTER"
# The Salesforce writer's thresholds (cdk.json salesforce_writer, on every function that writes).
ENV_WRITER_BULK_THRESHOLD: Final = "SFERP_WRITER_BULK_THRESHOLD"
ENV_WRITER_DEFER_AT_SHARE: Final = "SFERP_WRITER_DEFER_AT_SHARE"
# The shared write queue's URL, on the functions whose flow sends its changes there.
ENV_SALESFORCE_WRITE_QUEUE_URL: Final = "SFERP_SALESFORCE_WRITE_QUEUE_URL"
# The customer flow's table, which holds the coupling (Account <-> ERP customer); the order handoff
# and the reconciliation read it (unset: they go without).
ENV_COUPLING_TABLE: Final = "SFERP_COUPLING_TABLE"
COUPLING_KEY_PREFIX: Final = "coupling#"
COUPLING_PARTITION_KEY: Final = "id"

# --- Metrics and observability ------------------------------------------------------------------
METRICS_NAMESPACE: Final = "sferp"
SERVICE_NAME: Final = "sferp"  # POWERTOOLS_SERVICE_NAME of every function
# Record-level outcomes every queue-driven flow emits per Lambda batch (with its flow's
# dimensions), so an alarm sees failures the partial batch response hides from Lambda's Errors:
# records received, and records handed back to SQS to retry (failed, or held back behind a failed
# message of their group). Dead-lettered records are each flow's DeadLettered.
METRIC_RECORDS_RECEIVED: Final = "RecordsReceived"
METRIC_RECORDS_FAILED: Final = "RecordsFailed"
METRIC_SALESFORCE_API_USED: Final = "SalesforceApiUsed"
METRIC_SALESFORCE_API_USAGE_PCT: Final = "SalesforceApiUsagePercent"


def metric_dimensions(environment: str, flow: str) -> dict[str, str]:
    """The exact dimension set every sferp metric carries; alarms must use the same set.

    Powertools adds ``service`` itself; ``environment`` and ``flow`` are default dimensions.
    """
    return {"service": SERVICE_NAME, "environment": environment, "flow": flow}


# --- Runbooks (alarm descriptions name them) ----------------------------------------------------
RUNBOOK_BASE: Final = "docs/runbooks"


def runbook_path(name: str) -> str:
    """The repository path of an alarm's runbook; alarm descriptions carry it."""
    return f"{RUNBOOK_BASE}/{name}.md"


# --- Salesforce API version ---------------------------------------------------------------------
# The newest version whose Metadata API schema is checked offline (the WSDL inside the installed
# simple-salesforce is 63.0): the adapter's REST / Bulk API 2.0 calls and sfdx-project.json's
# sourceApiVersion use it; a test keeps the three equal.
SALESFORCE_API_VERSION: Final = "63.0"

# --- Service limits -----------------------------------------------------------------------------
SF_COLLECTION_MAX_RECORDS: Final = 200  # sObject Collections accept 200 records a call
# Ids in one "WHERE Id IN (...)" re-read: 200 x 21 characters keeps the SOQL far below its
# 100,000-character limit and a REST query answers 200 records on its first page or two.
SF_ACCOUNT_IDS_PER_QUERY: Final = 200
SALESFORCE_SOQL_MAX_CHARS: Final = 100_000  # Bulk API 2.0 query length limit
DYNAMODB_BATCH_GET_MAX: Final = 100  # keys per BatchGetItem call (DynamoDB limit)
DYNAMODB_BATCH_WRITE_MAX: Final = 25  # items per BatchWriteItem call (DynamoDB limit)


@dataclass(frozen=True)
class RoutedQueues:
    """The queues of a flow that Salesforce events reach through the bus: the rule's buffer (with
    its delivery DLQ) and, behind the pipe that sets the message group, the FIFO queue (with its
    DLQ). Every such flow builds the four the same way."""

    buffer: QueueSpec
    delivery_dlq: QueueSpec
    queue: QueueSpec
    dlq: QueueSpec


def routed_queues(
    base: str,
    *,
    queue_retention_s: int,
    dlq_retention_s: int,
    visibility_timeout_s: int,
    max_receive_count: int,
    buffer_visibility_timeout_s: int,
    buffer_max_receive_count: int,
) -> RoutedQueues:
    """``<base>-buffer`` -> ``<base>.fifo``, with ``<base>-delivery-dlq`` and ``<base>-dlq.fifo``."""
    dlq = QueueSpec(f"{base}-dlq.fifo", retention_s=dlq_retention_s, content_based_deduplication=True)
    delivery_dlq = QueueSpec(f"{base}-delivery-dlq", retention_s=dlq_retention_s)
    return RoutedQueues(
        buffer=QueueSpec(
            f"{base}-buffer",
            retention_s=queue_retention_s,
            visibility_timeout_s=buffer_visibility_timeout_s,
            dead_letter=delivery_dlq,
            max_receive_count=buffer_max_receive_count,
        ),
        delivery_dlq=delivery_dlq,
        queue=QueueSpec(
            f"{base}.fifo",
            retention_s=queue_retention_s,
            visibility_timeout_s=visibility_timeout_s,
            # The pipe sends no deduplication id; the body (the EventBridge event with its id) is the key.
            content_based_deduplication=True,
            dead_letter=dlq,
            max_receive_count=max_receive_count,
        ),
        dlq=dlq,
    )
