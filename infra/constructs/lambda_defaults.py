"""Lambda settings every sferp function shares, set once (runtime, architecture, logging, tracing)."""

from __future__ import annotations

from typing import Final

from aws_cdk import aws_lambda as lambda_

# Python 3.13 on Graviton: the dependency layer is built for exactly this pair
# (infra/layer_build.py: manylinux2014_aarch64, cp313); change them together.
RUNTIME: Final = lambda_.Runtime.PYTHON_3_13
ARCHITECTURE: Final = lambda_.Architecture.ARM_64
LOGGING_FORMAT: Final = lambda_.LoggingFormat.JSON
TRACING: Final = lambda_.Tracing.ACTIVE
# Lambda's own platform lines (START/END/REPORT) at WARN: the REPORT line is still emitted as a
# metric; INFO platform logs cost money and add nothing Powertools does not already log.
SYSTEM_LOG_LEVEL: Final = lambda_.SystemLogLevel.WARN

_APPLICATION_LOG_LEVELS: Final = {
    "DEBUG": lambda_.ApplicationLogLevel.DEBUG,
    "INFO": lambda_.ApplicationLogLevel.INFO,
    "WARNING": lambda_.ApplicationLogLevel.WARN,
    "ERROR": lambda_.ApplicationLogLevel.ERROR,
}


def application_log_level(level: str) -> lambda_.ApplicationLogLevel:
    """Lambda's JSON-log filter level; kept equal to POWERTOOLS_LOG_LEVEL so the two never disagree."""
    return _APPLICATION_LOG_LEVELS[level]
