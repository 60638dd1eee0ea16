"""What every SQS-FIFO-driven flow's batch layer does the same way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import SqsFifoPartialProcessor

from sferp import names
from sferp.observability import logger, metrics


def fifo_processor() -> SqsFifoPartialProcessor:
    """Powertools' FIFO partial-batch processor: a failed record fails every later record of its
    message group in the batch (and only of its group), so a group's order holds across retries."""
    # Our logger, so failed-record tracebacks land in the JSON logs, not on stderr.
    processor = SqsFifoPartialProcessor(skip_group_on_error=True, logger=logger)  # type: ignore[arg-type]
    # When every record fails (the ERP down), report them all as failed instead of raising: the
    # effect on SQS is the same, and the flow's end-of-batch work (write-backs) still runs.
    # (SqsFifoPartialProcessor does not take this option in its constructor.)
    processor.raise_on_entire_batch_failure = False
    return processor


def leave_in_queue(flow: str, records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The answer of a flow that is off: the stack disables its event source mapping, so if it
    runs anyway every message stays in the queue rather than being acted on."""
    logger.error(f"{flow} is off; leaving the batch in the queue", extra={"records": len(records)})
    return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in records]}


def record_outcomes(received: int, failed: int) -> None:
    """The batch's record-level outcome metrics (``names.METRIC_RECORDS_*``): what the
    record-error-rate alarms divide. Emitted for every batch, zeros included, so a rate is defined
    whenever records arrive."""
    metrics.add_metric(name=names.METRIC_RECORDS_RECEIVED, unit=MetricUnit.Count, value=received)
    metrics.add_metric(name=names.METRIC_RECORDS_FAILED, unit=MetricUnit.Count, value=failed)
