"""Lambda entry point of the customer flow: SQS FIFO batch of AccountChangeEvents -> ERP customers.

Thin on purpose: Powertools wiring and one call into ``sferp.customer_sync``.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from sferp.customer_sync import app
from sferp.observability import logger, metrics

# Config first: a missing or wrong variable fails the cold start, not the first change.
if app.in_lambda():
    app.get_dependencies()


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    guard = app.get_dependencies().guard
    if hasattr(guard, "register_lambda_context"):
        guard.register_lambda_context(context)
    return app.get_processor().process(event, context)
