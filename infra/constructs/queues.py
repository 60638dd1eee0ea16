"""Queue builders every flow uses: encrypted, TLS-only, from the shared key."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.constructs.nag import acknowledge
from infra.constructs.shared import Shared

DLQ_RETENTION_S = 14 * 24 * 60 * 60  # seconds; the SQS maximum


def terminal_dlq(
    scope: Construct,
    construct_id: str,
    *,
    shared: Shared,
    name: str,
    what: str,
    runbook: str,
    fifo: bool = False,
    nag_rules: tuple[str, ...] = ("Serverless-SQSRedrivePolicy",),
) -> sqs.Queue:
    """A dead-letter queue that messages leave only by an operator's decision; ``what`` and
    ``runbook`` go into the acknowledgement of the rules asking a DLQ for a DLQ of its own."""
    queue = sqs.Queue(
        scope,
        construct_id,
        queue_name=name,
        fifo=fifo or None,  # a FIFO queue can only redrive into a FIFO DLQ
        content_based_deduplication=True if fifo else None,
        encryption=sqs.QueueEncryption.KMS,
        encryption_master_key=shared.key,
        enforce_ssl=True,
        retention_period=Duration.seconds(DLQ_RETENTION_S),
        removal_policy=shared.removal_policy,
    )
    for rule_id in nag_rules:
        acknowledge(
            queue,
            rule_id,
            f"This queue IS the {what} (terminal). Messages leave it only by an operator's decision "
            f"({runbook}).",
        )
    return queue
