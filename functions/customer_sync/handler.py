"""Lambda entry point of the customer flow, both directions:

* an SQS FIFO batch of AccountChangeEvents -> ERP customers (``batch.CustomerBatchProcessor``);
* the scheduled ``{"task": "poll_erp_customers"}`` -> the ERP-owned customer fields changed since
  the watermark -> Accounts (``erp_poller.ErpCustomerPoller``).

One function because both need the same ERP, Salesforce and state (the coupling, the per-record
order); thin on purpose: Powertools wiring and one call into ``sferp.customer_sync``.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from sferp.customer_sync import app
from sferp.customer_sync import names as sync_names
from sferp.observability import logger, metrics

# Config first: a missing or wrong variable fails the cold start, not the first change.
if app.in_lambda():
    app.get_dependencies()


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if event.get("task") == sync_names.ERP_POLL_TASK:
        return app.get_dependencies().poller().poll().as_dict()
    if "Records" not in event:
        # Neither shape: say what arrived instead of guessing (no record is lost: nothing was read).
        raise ValueError(f"customer sync got an event it does not know: keys {sorted(event)}")
    guard = app.get_dependencies().guard
    if hasattr(guard, "register_lambda_context"):
        guard.register_lambda_context(context)
    return app.get_processor().process(event, context)
