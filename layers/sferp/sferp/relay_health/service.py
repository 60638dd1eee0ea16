"""One check of the environment's Event Relays: read ``EventRelayFeedback`` (one REST query for
every relay), judge each configured relay, and publish what the relay alarms read.

A relay is healthy when it is ``RUNNING``, reported no error within the window, and either relayed
an event within the window or Salesforce published nothing it should have relayed since its last
event. ``RUNNING`` alone is not health: a relay whose partner event source was deleted, or whose
events the bus refuses, can keep that status while nothing arrives — so a silence past the window
is checked against what Salesforce published (``names.EVIDENCE``: Orders activated for the
platform-event relay, Accounts changed for the Change Data Capture relay), at most one query each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit, single_metric

from sferp import names
from sferp.adapters.salesforce.common import soql_datetime
from sferp.observability import logger, metrics
from sferp.ports import SalesforceGateway
from sferp.relay_health import names as relay_names


@dataclass
class RelayHealth:
    relay: str  # events or changes
    source: str  # the partner event source
    status: str
    running: bool
    error: bool
    silent: bool
    error_code: str | None = None
    error_message: str | None = None
    error_time: datetime | None = None
    last_relayed: datetime | None = None
    silent_minutes: float | None = None  # None: never relayed an event
    unrelayed_evidence: int = 0  # records Salesforce changed since the last relayed event (capped)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("error_time", "last_relayed"):
            data[key] = data[key].isoformat() if data[key] else None
        data["healthy"] = self.healthy
        return data


def _as_datetime(value: Any) -> datetime | None:
    """A Salesforce dateTime as REST gives it (``2026-12-01T08:00:00.000+0000``) or a datetime."""
    if value is None or value == "":
        return None
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class RelayHealthChecker:
    def __init__(
        self,
        *,
        salesforce: SalesforceGateway,
        relays: Mapping[str, str],
        environment: str,
        silent_window: timedelta = timedelta(minutes=relay_names.SILENT_WINDOW_MIN),
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._salesforce = salesforce
        self._relays = dict(relays)
        self._environment = environment
        self._window = silent_window
        self._clock = clock or (lambda: datetime.now(UTC))

    def check(self) -> list[RelayHealth]:
        now = self._clock()
        rows = self._salesforce.query(
            f"SELECT {', '.join(relay_names.SF_FEEDBACK_FIELDS)} FROM {relay_names.SF_FEEDBACK}"  # noqa: S608 - fixed API names
        )
        by_source: dict[str, dict[str, Any]] = {}
        for row in rows:
            by_source.setdefault(str(row.get("RemoteResource") or ""), row)
        results = [
            self._judge(relay, source, by_source.get(source), now) for relay, source in self._relays.items()
        ]
        for result in results:
            self._publish(result)
        return results

    def _judge(self, relay: str, source: str, row: Mapping[str, Any] | None, now: datetime) -> RelayHealth:
        if row is None:
            health = RelayHealth(
                relay, source, relay_names.STATUS_STOPPED, running=False, error=False, silent=False
            )
            health.problems.append(
                "no EventRelayFeedback for this partner event source: the relay is stopped (stopping deletes "
                "its feedback) or was never started; events published meanwhile are not relayed"
            )
            return health
        status = str(row.get("Status") or "")
        error_time = _as_datetime(row.get("ErrorTime"))
        last = _as_datetime(row.get("LastRelayedEventTime"))
        health = RelayHealth(
            relay,
            source,
            status,
            running=status == relay_names.STATUS_RUNNING,
            error=status == "ERROR" or (error_time is not None and now - error_time <= self._window),
            silent=False,
            error_code=row.get("ErrorCode"),
            error_message=row.get("ErrorMessage"),
            error_time=error_time,
            last_relayed=last,
            silent_minutes=round((now - last).total_seconds() / 60, 1) if last else None,
        )
        if status not in relay_names.KNOWN_STATUSES:
            health.problems.append(f"status {status!r} is not one sferp knows: treated as not running")
        elif not health.running:
            health.problems.append(f"status {status}: events are not relayed")
        if health.error:
            health.problems.append(
                f"error {health.error_code or '?'} at {error_time}: {health.error_message or ''}".strip()
            )
        if last is None or now - last > self._window:
            since = last or now - timedelta(hours=24)
            health.unrelayed_evidence = self._evidence(relay, since)
            if health.unrelayed_evidence:
                health.silent = True
                obj, _ = relay_names.EVIDENCE[relay]
                health.problems.append(
                    f"nothing relayed since {last or 'ever'} while {health.unrelayed_evidence}"
                    f"{'+' if health.unrelayed_evidence >= relay_names.EVIDENCE_LIMIT else ''} {obj} records changed"
                )
        return health

    def _evidence(self, relay: str, since: datetime) -> int:
        obj, field_name = relay_names.EVIDENCE[relay]
        rows = self._salesforce.query(
            f"SELECT Id FROM {obj} WHERE {field_name} > {soql_datetime(since)} LIMIT {relay_names.EVIDENCE_LIMIT}"  # noqa: S608 - fixed API names, a formatted datetime
        )
        return len(rows)

    def _publish(self, health: RelayHealth) -> None:
        self._publish_metric(health.relay, relay_names.METRIC_RUNNING, 1 if health.running else 0)
        self._publish_metric(health.relay, relay_names.METRIC_ERROR, 1 if health.error else 0)
        self._publish_metric(health.relay, relay_names.METRIC_SILENT, 1 if health.silent else 0)
        if health.silent_minutes is not None:
            self._publish_metric(health.relay, relay_names.METRIC_SILENT_MIN, health.silent_minutes)
        log = logger.info if health.healthy else logger.error
        log("event relay checked", extra=health.as_dict())

    def _publish_metric(self, relay: str, name: str, value: float) -> None:
        """One metric with the relay as an extra dimension, printed at once as EMF (a metric set of
        its own: the function's default set has no relay dimension)."""
        dimensions = names.metric_dimensions(self._environment, relay_names.FLOW_RELAY_HEALTH)
        dimensions.pop("service")  # Powertools adds it
        with single_metric(
            name=name,
            unit=MetricUnit.Count,
            value=value,
            namespace=metrics.namespace,
            default_dimensions=dimensions,
        ) as metric:
            metric.add_dimension(name=relay_names.DIMENSION_RELAY, value=relay)
