"""Logger, tracer and metrics, created once for the whole package.

Service name, log level and metrics namespace come from the ``POWERTOOLS_*`` variables that the
CDK stack sets on every function; the defaults here only serve local runs and tests.
"""

from __future__ import annotations

import os

from aws_lambda_powertools import Logger, Metrics, Tracer

from sferp import wiring

os.environ.setdefault("POWERTOOLS_SERVICE_NAME", wiring.SERVICE_NAME)
os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", wiring.METRICS_NAMESPACE)

logger = Logger()
tracer = Tracer()
metrics = Metrics()
