"""Lambda entry point of the Salesforce writer function: an SQS batch of the write queue (what the
flows queued within the batching window) -> Salesforce, in as few calls as the batch allows
(``sferp.write_queue.processor.WriteQueueProcessor``).

Thin on purpose: Powertools wiring and one call into ``sferp.write_queue``.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from sferp.observability import logger, metrics
from sferp.write_queue import app

# Config first: a missing or wrong variable fails the cold start, not the first change.
if app.in_lambda():
    app.get_dependencies()


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if "Records" not in event:
        raise ValueError(f"salesforce writer got an event it does not know: keys {sorted(event)}")
    return app.get_processor().process(event, context)
