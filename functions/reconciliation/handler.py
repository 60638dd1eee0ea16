"""Lambda entry points of the nightly reconciliation.

``lambda_handler``: every Step Functions task (extract, compare, resolve, apply, report,
watermark, record_failure), dispatched on ``event["task"]``. One function rather than seven:
the steps share adapters, secrets and stores, so seven roles would differ only in the compare
step's missing secret access, while seven functions would multiply cold starts and config.
``start_handler``: the EventBridge Scheduler target (its own function and role: it can only
start this one state machine).
"""

from __future__ import annotations

import os
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from sferp.observability import logger, metrics, tracer
from sferp.reconciliation import app
from sferp.reconciliation import names as reconcile_names

# Config first: in Lambda a wrong variable fails the cold start, not the nightly run's first step.
# Only the task function has the run table; the starter shares this file but not the adapters.
if "AWS_LAMBDA_FUNCTION_NAME" in os.environ and reconcile_names.ENV_RECONCILE_RUN_TABLE in os.environ:
    app.get_context()


@logger.inject_lambda_context(correlation_id_path="input.run_date", clear_state=True)
@metrics.log_metrics(capture_cold_start_metric=True)
@tracer.capture_lambda_handler(capture_response=False)  # keeps record values out of traces
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.dispatch(event)


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler(capture_response=False)
def start_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.start_from_schedule(event)
