"""Logger, tracer and metrics, created once for the whole package.

Service name, log level and metrics namespace come from the ``POWERTOOLS_*`` variables that the
CDK stack sets on every function; the defaults here only serve local runs and tests.

The tracer is created on first use (``from sferp.observability import tracer`` triggers it): the
X-Ray SDK behind Powertools' Tracer costs ~100-190 ms of cold start even when tracing is disabled,
so a handler that does not need SDK subsegments (order handoff: Lambda's active tracing records
the invocation, ERP latency is a metric) never pays for it. See docs/decision_log.md.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools import Logger, Metrics

from sferp import names

if TYPE_CHECKING:
    from aws_lambda_powertools import Tracer

os.environ.setdefault("POWERTOOLS_SERVICE_NAME", names.SERVICE_NAME)
os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", names.METRICS_NAMESPACE)

logger = Logger()
metrics = Metrics()
_tracer: Tracer | None = None


def get_tracer() -> Tracer:
    global _tracer
    if _tracer is None:
        from aws_lambda_powertools import Tracer

        _tracer = Tracer()
    return _tracer


def __getattr__(name: str) -> Any:  # PEP 562: ``tracer`` is built lazily
    if name == "tracer":
        return get_tracer()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def use_flow_dimensions(*, environment: str, flow: str) -> None:
    """Set the default dimensions every metric of this process carries (``names.metric_dimensions``).

    A deployed function serves one flow; the local runtime runs several flows in one process, so
    the previous flow's dimensions are cleared first instead of being overwritten with a warning.
    """
    metrics.clear_default_dimensions()
    # Also drops the current dimension set (still holding the previous flow's defaults); called
    # when dependencies are installed, before any metric of the new flow is added.
    metrics.clear_metrics()
    metrics.set_default_dimensions(environment=environment, flow=flow)
