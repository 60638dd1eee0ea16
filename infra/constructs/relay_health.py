"""Event Relay health (issue 14): a scheduled function that reads ``EventRelayFeedback`` for each
relay of the environment and publishes per-relay metrics, and the alarms on them: not running
(critical: events published meanwhile are lost for good once the relay is stopped), an error
(warning), silent while Salesforce published (critical). Built only where cdk.json names a partner
event source: without Event Relay there is no relay to watch."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from constructs import Construct

from infra.constructs import constants
from infra.constructs.alarms import AlarmSpec, flow_metric, runbook_alarm
from infra.constructs.functions import sferp_function
from infra.constructs.nag import acknowledge
from infra.constructs.queues import terminal_dlq
from infra.constructs.schedules import schedule_role, scheduled_invoke
from infra.constructs.shared import Shared
from sferp import names
from sferp.relay_health import names as relay_names

CHECK_RETRY_ATTEMPTS: Final = 2
CHECK_MAX_EVENT_AGE_S: Final = 5 * 60  # the next check is as good as a late one


def relay_metric(
    env_name: str, relay: str, name: str, *, statistic: str, period: Duration
) -> cloudwatch.Metric:
    """One relay's metric as the relay check publishes it (the flow's dimensions plus ``relay``)."""
    return flow_metric(
        env_name,
        relay_names.FLOW_RELAY_HEALTH,
        name,
        period=period,
        statistic=statistic,
        extra_dimensions={relay_names.DIMENSION_RELAY: relay},
    )


class RelayHealth(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        shared: Shared,
        relays: Mapping[str, str],  # relay name -> partner event source
        schedule: str,
        silent_window_min: int,
        code_dir: Path,
    ) -> None:
        super().__init__(scope, construct_id)
        env_name = shared.env_name
        self.alarm_specs: list[AlarmSpec] = []
        self.relays = dict(relays)
        built = sferp_function(
            self,
            "",
            shared=shared,
            name=names.resource_name(env_name, relay_names.FUNCTION),
            description="Event Relay health: EventRelayFeedback of each relay -> per-relay metrics",
            role_description=f"sferp {env_name} relay health function (least privilege)",
            code_dir=code_dir,
            handler="handler.lambda_handler",
            memory_mb=relay_names.FUNCTION_MEMORY_MB,
            timeout_s=relay_names.FUNCTION_TIMEOUT_S,
            uses_salesforce=True,
            environment={
                relay_names.ENV_RELAYS: json.dumps(self.relays, sort_keys=True),
                relay_names.ENV_SILENT_WINDOW_MIN: str(silent_window_min),
            },
        )
        self.function, self.role, self.log_group = built.function, built.role, built.log_group
        acknowledge(
            self.function,
            "Serverless-LambdaDLQ",
            "Invoked only by its schedule, whose own dead-letter queue takes a check that could not be "
            "delivered; a check that fails is worth nothing later (the next one runs in 5 minutes), and "
            "the not-running alarms treat the missing metrics as breaching.",
        )
        # Scheduler's dead-letter queue (a check that could not be delivered); the relay alarms
        # treat missing data as breaching, so a check that never runs raises them anyway.
        self.schedule_dlq = terminal_dlq(
            self,
            "ScheduleDeadLetterQueue",
            shared=shared,
            name=names.resource_name(env_name, "relay-health-schedule-dlq"),
            what="relay health schedule's dead-letter queue",
            runbook="docs/runbooks/relay_health-not-running.md",
            # Scheduler sends to it directly; it is no queue's redrive target.
            nag_rules=("Serverless-SQSRedrivePolicy", "AwsSolutions-SQS3"),
        )
        role = schedule_role(
            self,
            "ScheduleRole",
            shared=shared,
            target=self.function,
            dead_letter_queue=self.schedule_dlq,
            description=f"sferp {env_name} relay health schedule (invokes the function only)",
        )
        self.schedule = scheduled_invoke(
            self,
            "Schedule",
            name=names.resource_name(env_name, relay_names.SCHEDULE),
            description="Event Relay health: EventRelayFeedback -> metrics",
            expression=schedule,
            enabled=True,
            target=self.function,
            role=role,
            payload={"task": relay_names.TASK},
            retry_attempts=CHECK_RETRY_ATTEMPTS,
            max_event_age_s=CHECK_MAX_EVENT_AGE_S,
            dead_letter_queue=self.schedule_dlq,
        )
        for relay in self.relays:
            self._alarms(shared, relay, silent_window_min)

    def _alarms(self, shared: Shared, relay: str, silent_window_min: int) -> None:
        period = Duration.seconds(constants.RATE_ALARM_PERIOD_S)
        label = relay.capitalize()

        def metric(name: str, statistic: str) -> cloudwatch.Metric:
            return relay_metric(shared.env_name, relay, name, statistic=statistic, period=period)

        def alarm(construct_id: str, **settings: Any) -> None:
            self.alarm_specs.append(
                runbook_alarm(self, construct_id, env_name=shared.env_name, topics=shared.topics, **settings)
            )

        what = (
            "platform events (Order_Handoff__e)"
            if relay == "events"
            else "change events (AccountChangeEvent)"
        )
        alarm(
            f"Relay{label}NotRunning",
            runbook="relay_health-not-running",
            severity="critical",
            summary=f"The {relay} Event Relay is not RUNNING (or its check did not run): {what} do not reach AWS.",
            metric=metric(relay_names.METRIC_RUNNING, "Minimum"),
            threshold=1,
            comparison=cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
            evaluation_periods=constants.RATE_ALARM_EVALUATION_PERIODS,
            datapoints_to_alarm=constants.RATE_ALARM_DATAPOINTS,
            # No check is no proof of health: the check itself failing or not scheduled alarms.
            treat_missing=cloudwatch.TreatMissingData.BREACHING,
        )
        alarm(
            f"Relay{label}Error",
            runbook="relay_health-error",
            severity="warning",
            summary=f"The {relay} Event Relay reported an error (EventRelayFeedback.ErrorCode).",
            metric=metric(relay_names.METRIC_ERROR, "Maximum"),
            threshold=0,
        )
        alarm(
            f"Relay{label}Silent",
            runbook="relay_health-silent",
            severity="critical",
            summary=f"The {relay} Event Relay relayed nothing for > {silent_window_min} min while Salesforce "
            f"published {what}.",
            metric=metric(relay_names.METRIC_SILENT, "Maximum"),
            threshold=0,
            evaluation_periods=constants.RATE_ALARM_EVALUATION_PERIODS,
            datapoints_to_alarm=constants.RATE_ALARM_DATAPOINTS,
        )
