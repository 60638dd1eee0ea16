"""Lambda entry point of the Event Relay health check: the schedule's ``{"task": "check_relays"}``
-> one ``EventRelayFeedback`` read -> a metric set per relay (``sferp.relay_health``).

An unhealthy relay is a result, not a failure: the metrics raise the alarms. A failed read
(Salesforce down, the credentials expired) raises, so the schedule retries and the relay alarms,
which treat missing data as breaching, fire if it keeps failing.

Its metrics are printed per relay as they are made (EMF, one set per relay dimension), so the
handler has no flush of its own. Thin on purpose: Powertools wiring and one call into ``sferp.relay_health``.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from sferp.observability import logger
from sferp.relay_health import app
from sferp.relay_health import names as relay_names

# Config first: a missing or wrong variable fails the cold start, not the first check.
if app.in_lambda():
    app.get_checker()


@logger.inject_lambda_context(clear_state=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if event.get("task") != relay_names.TASK:
        raise ValueError(f"relay health got an event it does not know: keys {sorted(event)}")
    results = app.get_checker().check()
    return {"relays": [r.as_dict() for r in results], "healthy": all(r.healthy for r in results)}
