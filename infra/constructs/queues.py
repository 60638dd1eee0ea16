"""Queue builders every flow uses: encrypted with the shared key, TLS-only, from a flow's
``QueueSpec`` where it declares one."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.constructs.nag import acknowledge
from infra.constructs.shared import Shared
from sferp.names import QueueSpec

DLQ_RETENTION_S = 14 * 24 * 60 * 60  # seconds; the SQS maximum


def spec_queue(
    scope: Construct,
    construct_id: str,
    *,
    shared: Shared,
    spec: QueueSpec,
    dead_letter_queue: sqs.IQueue | None = None,
) -> sqs.Queue:
    """A queue from its ``QueueSpec`` (the same spec the local runtime creates it from)."""
    if (spec.dead_letter is None) != (dead_letter_queue is None):
        raise ValueError(f"{spec.suffix}: give the dead-letter queue exactly when the spec has one")
    return sqs.Queue(
        scope,
        construct_id,
        queue_name=spec.name(shared.env_name),
        fifo=spec.fifo or None,
        content_based_deduplication=spec.content_based_deduplication or None,
        encryption=sqs.QueueEncryption.KMS,
        encryption_master_key=shared.key,
        enforce_ssl=True,
        visibility_timeout=(
            Duration.seconds(spec.visibility_timeout_s) if spec.visibility_timeout_s is not None else None
        ),
        retention_period=Duration.seconds(spec.retention_s),
        dead_letter_queue=(
            sqs.DeadLetterQueue(queue=dead_letter_queue, max_receive_count=spec.max_receive_count or 1)
            if dead_letter_queue is not None
            else None
        ),
        removal_policy=shared.removal_policy,
    )


def terminal_dlq(
    scope: Construct,
    construct_id: str,
    *,
    shared: Shared,
    name: str | None = None,
    spec: QueueSpec | None = None,
    what: str,
    runbook: str,
    fifo: bool = False,
    nag_rules: tuple[str, ...] = ("Serverless-SQSRedrivePolicy",),
) -> sqs.Queue:
    """A dead-letter queue that messages leave only by an operator's decision; ``what`` and
    ``runbook`` go into the acknowledgement of the rules asking a DLQ for a DLQ of its own."""
    if spec is not None:
        queue = spec_queue(scope, construct_id, shared=shared, spec=spec)
    else:
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
