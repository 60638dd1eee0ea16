"""The flows' side of the write queue: ``QueuedWriter`` takes record changes like the writer does
and puts them on the write queue, packed up to ``CHANGES_PER_MESSAGE`` a message.

Its results are ``QUEUED`` (SQS has them; the writer function writes them within the batching
window) or ``RETRY`` for every change when SQS did not take them, so the flow's message fails and
SQS gives it again: nothing is lost between the flow and the queue. Salesforce's answer comes later
and goes where the writer function sends it (the write DLQ with Salesforce's code and message,
the per-flow metrics), not back to this call.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from aws_lambda_powertools.metrics import MetricUnit

from sferp.observability import logger, metrics
from sferp.ports import SalesforceGateway
from sferp.ports.desired_state import DesiredStateStore
from sferp.ports.queues import QueueSender
from sferp.salesforce_writer import (
    ChangeWriter,
    RecordChange,
    SalesforceWriter,
    WriteOutcome,
    WriteResult,
    change_to_json,
)
from sferp.write_queue import names as queue_names


def pack(changes: Sequence[RecordChange]) -> list[str]:
    """Message bodies of at most ``CHANGES_PER_MESSAGE`` changes and ``MAX_BODY_BYTES`` each."""
    bodies: list[str] = []
    current: list[str] = []
    size = 0
    for change in changes:
        encoded = json.dumps(change_to_json(change), separators=(",", ":"))
        if len(encoded) + 64 > queue_names.MAX_BODY_BYTES:
            raise ValueError(
                f"a change of {change.sobject} {change.key} is {len(encoded)} bytes: more than a message holds"
            )
        if current and (
            len(current) >= queue_names.CHANGES_PER_MESSAGE
            or size + len(encoded) + 64 > queue_names.MAX_BODY_BYTES
        ):
            bodies.append(_body(current))
            current, size = [], 0
        current.append(encoded)
        size += len(encoded) + 1
    if current:
        bodies.append(_body(current))
    return bodies


def _body(encoded: list[str]) -> str:
    return f'{{"v":{queue_names.MESSAGE_VERSION},"changes":[{",".join(encoded)}]}}'


class QueuedWriter:
    """A ``ChangeWriter`` that writes through the write queue (``sferp.write_queue``)."""

    def __init__(self, queue: QueueSender) -> None:
        self._queue = queue

    def write(self, changes: Sequence[RecordChange]) -> list[WriteResult]:
        if not changes:
            return []
        bodies = pack(changes)
        try:
            self._queue.send_bodies(bodies)
        except Exception as exc:
            # Some bodies may have been taken: the writer function's desired state makes a second
            # copy of a change harmless (same version: the same value written again, or nothing).
            logger.warning("write queue did not take the changes: retried", extra={"reason": str(exc)})
            return [WriteResult(c, WriteOutcome.RETRY, "QUEUE_UNAVAILABLE", str(exc)) for c in changes]
        metrics.add_metric(name=queue_names.METRIC_CHANGES_QUEUED, unit=MetricUnit.Count, value=len(changes))
        return [WriteResult(c, WriteOutcome.QUEUED) for c in changes]


def change_writer(
    queue: QueueSender | None, salesforce: SalesforceGateway, state: DesiredStateStore
) -> ChangeWriter:
    """What a flow writes through: the write queue where its stack sends it there (cdk.json
    ``flows.<flow>.write_queue``), else the writer in-process with the flow's own desired state."""
    if queue is not None:
        return QueuedWriter(queue)
    return SalesforceWriter(salesforce, state=state)
