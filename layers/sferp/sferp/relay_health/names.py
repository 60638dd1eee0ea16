"""The relay health check's names and numbers: its function and schedule, the Salesforce object it
reads, the relays' evidence queries, environment variables and metric names. Read by
``infra/constructs/relay_health.py``, the local runtime and the tests."""

from __future__ import annotations

from typing import Final

FLOW_RELAY_HEALTH: Final = "relay_health"

# --- Physical names (suffixes after sferp-<env>-) ---------------------------------------------------
FUNCTION: Final = "relay-health"
SCHEDULE: Final = "relay-health-check"
TASK: Final = "check_relays"  # the schedule's payload {"task": ...}
FUNCTION_TIMEOUT_S: Final = 60
FUNCTION_MEMORY_MB: Final = 256

# --- Salesforce (Object Reference: EventRelayFeedback, API 56.0+) -------------------------------------
# One feedback record per relay that runs, pauses or failed; stopping a relay deletes its record
# (Event Relay guide, "Manage the State of an Event Relay"), so a configured relay without one is
# reported as STOPPED. RemoteResource is the relay's partner event source, the name cdk.json gives.
SF_FEEDBACK: Final = "EventRelayFeedback"
SF_FEEDBACK_FIELDS: Final = (
    "Id",
    "RemoteResource",
    "Status",
    "ErrorCode",
    "ErrorMessage",
    "ErrorTime",
    "LastRelayedEventTime",
)
STATUS_RUNNING: Final = "RUNNING"
STATUS_STOPPED: Final = "STOPPED"  # what sferp reports for a relay without a feedback record
# The picklist's documented values; any other is reported as not running with the value named.
KNOWN_STATUSES: Final = ("RUNNING", "PAUSED", "STOPPED", "ERROR")

# What Salesforce published while a relay was silent: records that make the relayed channel
# publish (the order trigger publishes Order_Handoff__e on activation; an Account change makes an
# AccountChangeEvent). At most EVIDENCE_LIMIT are read: one is enough to call a silence wrong.
EVIDENCE: Final = {
    "events": ("Order", "ActivatedDate"),  # the platform-event relay (Order_Handoff__e)
    "changes": ("Account", "LastModifiedDate"),  # the Change Data Capture relay (AccountChangeEvent)
}
EVIDENCE_LIMIT: Final = 200

SILENT_WINDOW_MIN: Final = 30  # default: minutes without a relayed event before evidence is read

# --- Environment variables -----------------------------------------------------------------------------
ENV_RELAYS: Final = "SFERP_EVENT_RELAYS"  # JSON: {"events": "<partner source>", "changes": "<...>"}
ENV_SILENT_WINDOW_MIN: Final = "SFERP_RELAY_SILENT_WINDOW_MIN"

# --- Metrics (each with the extra dimension ``relay``: events or changes) -------------------------------
DIMENSION_RELAY: Final = "relay"
METRIC_RUNNING: Final = "RelayRunning"  # 1 RUNNING, 0 anything else
METRIC_ERROR: Final = "RelayError"  # 1 when the relay reported an error since the last check
METRIC_SILENT: Final = "RelaySilent"  # 1 when silent past the window while Salesforce published
METRIC_SILENT_MIN: Final = "RelaySilentMinutes"  # minutes since the last relayed event
