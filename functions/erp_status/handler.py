"""Lambda entry point of the ERP status flow (ERP -> Salesforce):

* the scheduled ``{"task": "poll_erp_products"}`` -> products and list prices changed since their
  watermark -> ``Product2`` and the standard price book (``erp_status.products.ErpProductPoller``);
* the scheduled ``{"task": "poll_erp_orders"}`` -> the ERP sales orders changed since the watermark
  -> the FIFO queue, grouped by order (``erp_status.poller.ErpOrderPoller``);
* an SQS FIFO batch of order states and ERP business events -> the Salesforce Orders' ERP fields
  and status history (``erp_status.batch.ErpStatusBatchProcessor``).

Thin on purpose: Powertools wiring and one call into ``sferp.erp_status``.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from sferp.erp_status import app
from sferp.erp_status import names as status_names
from sferp.observability import logger, metrics

# Config first: a missing or wrong variable fails the cold start, not the first change.
if app.in_lambda():
    app.get_dependencies()


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if event.get("task") == status_names.POLL_TASK:
        return app.get_dependencies().poller().poll().as_dict()
    if event.get("task") == status_names.PRODUCTS_POLL_TASK:
        return app.get_dependencies().product_poller().poll().as_dict()
    if "Records" not in event:
        # Neither shape: say what arrived instead of guessing (no record is lost: nothing was read).
        raise ValueError(f"erp status got an event it does not know: keys {sorted(event)}")
    return app.get_processor().process(event, context)
