"""cdk-nag v3 acknowledgements: every one names its rule (and finding) and carries a written reason."""

from __future__ import annotations

from aws_cdk import Acknowledgment, Validations
from constructs import IConstruct


def acknowledge(scope: IConstruct, rule_id: str, reason: str) -> None:
    """Acknowledge one cdk-nag finding on ``scope`` (and its children) with the reason it is accepted."""
    if len(reason.strip()) < 20:
        # A one-word reason is no reason; keep the audit trail meaningful.
        raise ValueError(f"cdk-nag acknowledgement {rule_id} needs a written reason")
    Validations.of(scope).acknowledge(Acknowledgment(id=rule_id, reason=reason))
