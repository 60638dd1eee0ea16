"""Lambda entry point of the order handoff: SQS FIFO batch -> ERP sales orders -> Salesforce write-back.

Thin on purpose: Powertools wiring and one call into ``sferp.order_handoff``. The logic never
sees this event.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from sferp.observability import logger, metrics
from sferp.order_handoff import app

# Config first: in Lambda the settings are validated and the adapters built during init, so a
# missing or wrong variable fails the cold start (an init error) instead of the first order.
if app.in_lambda():
    app.get_dependencies()


# No Powertools Tracer here: its X-Ray SDK would double this module's cold import (see
# docs/decision_log.md). The function keeps Lambda active tracing, which records each invocation;
# ERP latency and end-to-end lag are metrics.
@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    guard = app.get_dependencies().guard
    if hasattr(guard, "register_lambda_context"):
        guard.register_lambda_context(context)
    return app.get_processor().process(event, context)
