"""Who wins a differing field: ownership first, then the configured policy for shared fields.

Kept free of I/O and of the CSV layout so the table-driven tests pin every branch, and so the
Step Functions compare task applies exactly the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sferp.models.entities import FieldSpec, Owner, validate_fix


class Policy(StrEnum):
    LAST_UPDATE_WINS = "last_update_wins"
    SYSTEM_PRIORITY = "system_priority"


class Reason(StrEnum):
    """Why a difference went to manual review instead of being fixed."""

    WITHIN_CLOCK_SKEW = "both_changed_within_clock_skew"
    BOTH_CHANGED_SINCE_LAST_RUN = "both_changed_since_last_run"
    MISSING_TIMESTAMP = "missing_modification_timestamp"
    FIX_FAILS_VALIDATION = "fix_fails_validation"
    DELETE_VS_UPDATE = "delete_against_update"
    DELETED_ON_ONE_SIDE = "deleted_on_one_side"
    ONLY_IN_SALESFORCE = "only_in_salesforce"
    ONLY_IN_ERP = "only_in_erp"
    DUPLICATE_KEY = "duplicate_link_key"
    FIX_REJECTED = "fix_rejected_by_target"
    # The ERP record links a Salesforce record (its back-link, e.g. the customer's Account Id) that
    # the extract, which reads the recycle bin too (queryAll), did not find by the link key: the
    # record was purged (hard-deleted), or it lacks the link key. Never re-created blindly.
    LINKED_RECORD_NOT_FOUND = (
        "linked_salesforce_record_not_found"  # the workflow's apply step: the target refused the fix
    )


DEFAULT_CLOCK_SKEW = timedelta(
    seconds=120
)  # NTP-synced hosts differ by far less; ERP app servers don't always


@dataclass(frozen=True, slots=True)
class Rules:
    """The run's conflict policy. ``since`` is the last successful run's watermark, when known."""

    policy: Policy = Policy.LAST_UPDATE_WINS
    clock_skew: timedelta = DEFAULT_CLOCK_SKEW
    priority: Owner = Owner.ERP  # for SYSTEM_PRIORITY
    since: datetime | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "policy": self.policy.value,
            "clock_skew_s": self.clock_skew.total_seconds(),
            "priority": self.priority.value,
            "since": self.since.isoformat() if self.since else None,
        }


@dataclass(frozen=True, slots=True)
class Resolution:
    """Exactly one of: write ``value`` to ``target``, or send to review with ``reason``."""

    target: Owner | None = None
    value: str | None = None
    reason: Reason | None = None
    detail: str | None = None

    @property
    def is_fix(self) -> bool:
        return self.target is not None


def parse_timestamp(raw: str) -> datetime | None:
    """Salesforce exports ``2024-05-01T10:00:00.000Z``; ERPs often omit the zone (taken as UTC)."""
    text = raw.strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _fix(field: FieldSpec, winner: Owner, value: str | None) -> Resolution:
    target = Owner.ERP if winner is Owner.SALESFORCE else Owner.SALESFORCE
    problem = validate_fix(field, value, target=target)
    if problem is not None:
        return Resolution(reason=Reason.FIX_FAILS_VALIDATION, detail=f"{winner.value} value {problem}")
    return Resolution(target=target, value=value)


def resolve_field(
    field: FieldSpec,
    *,
    salesforce_value: str | None,
    erp_value: str | None,
    salesforce_modified: datetime | None,
    erp_modified: datetime | None,
    rules: Rules,
) -> Resolution:
    """Settle one differing field. Values are the fix values (see ``entities.fix_value``)."""
    if field.owner is Owner.SALESFORCE:
        return _fix(field, Owner.SALESFORCE, salesforce_value)
    if field.owner is Owner.ERP:
        return _fix(field, Owner.ERP, erp_value)
    if rules.policy is Policy.SYSTEM_PRIORITY:
        # Priority settles stale drift; a deliberate edit on both sides since the last run is
        # something the priority rule would silently throw away, so a human looks at it.
        if (
            rules.since is not None
            and salesforce_modified is not None
            and erp_modified is not None
            and salesforce_modified > rules.since
            and erp_modified > rules.since
        ):
            return Resolution(reason=Reason.BOTH_CHANGED_SINCE_LAST_RUN)
        winner = rules.priority
    else:
        if salesforce_modified is None or erp_modified is None:
            return Resolution(reason=Reason.MISSING_TIMESTAMP)
        # Within the allowance the clocks cannot tell which change came last (edge inclusive).
        if abs(salesforce_modified - erp_modified) <= rules.clock_skew:
            return Resolution(reason=Reason.WITHIN_CLOCK_SKEW)
        winner = Owner.SALESFORCE if salesforce_modified > erp_modified else Owner.ERP
    return _fix(field, winner, salesforce_value if winner is Owner.SALESFORCE else erp_value)


def delete_reason(*, deleted_at: datetime | None, survivor_modified: datetime | None, rules: Rules) -> Reason:
    """A record deleted on one side and alive on the other. Deletes are never propagated
    automatically (an Account delete cascades in Salesforce); the reason tells the reviewer
    whether the survivor was edited after the delete."""
    if (
        deleted_at is not None
        and survivor_modified is not None
        and survivor_modified > deleted_at + rules.clock_skew
    ):
        return Reason.DELETE_VS_UPDATE
    return Reason.DELETED_ON_ONE_SIDE
