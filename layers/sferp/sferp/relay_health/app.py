"""Composition of the relay health check: settings -> the Salesforce adapter -> ``RelayHealthChecker``.

Built once per execution environment (cold start) and cached (``sferp.lazy``); tests and the
local runtime call ``set_checker`` with the embedded org instead.
"""

from __future__ import annotations

import os
from datetime import timedelta

from sferp.adapters.registry import build_salesforce
from sferp.lazy import Lazy
from sferp.observability import logger
from sferp.relay_health.service import RelayHealthChecker
from sferp.relay_health.settings import RelayHealthSettings


def build_checker(settings: RelayHealthSettings, *, salesforce: object | None = None) -> RelayHealthChecker:
    return RelayHealthChecker(
        salesforce=salesforce or build_salesforce(settings),  # type: ignore[arg-type]
        relays=settings.relays,
        environment=settings.environment,
        silent_window=timedelta(minutes=settings.silent_window_min),
    )


def _from_environment() -> RelayHealthChecker:
    settings = RelayHealthSettings.from_env()
    logger.info("relay health configured", extra={"relays": sorted(settings.relays)})
    return build_checker(settings)


_checker: Lazy[RelayHealthChecker] = Lazy(_from_environment)


def set_checker(checker: RelayHealthChecker | None) -> None:
    _checker.set(checker)


def get_checker() -> RelayHealthChecker:
    return _checker.get()


def in_lambda() -> bool:
    return "AWS_LAMBDA_FUNCTION_NAME" in os.environ
