"""The request's time budget: what is left of it is what the ERP call may take."""

from __future__ import annotations

import time
from collections.abc import Callable

from sferp.inventory_lookup import names as inventory_names

# Lambda needs a moment after the handler returns to hand the answer back to API Gateway.
_LAMBDA_SAFETY_MS = 200  # milliseconds


class TimeBudget:
    """A deadline fixed when the request starts (monotonic clock, immune to wall-clock jumps)."""

    def __init__(
        self,
        total_ms: int,
        *,
        lambda_remaining_ms: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clock = clock
        self.started = clock()
        limit_ms = float(total_ms)
        if lambda_remaining_ms is not None:
            # The budget never outlives the invocation: a cold start eats into both.
            limit_ms = min(limit_ms, float(lambda_remaining_ms - _LAMBDA_SAFETY_MS))
        self.total_ms = max(0.0, limit_ms)
        self._deadline = self.started + self.total_ms / 1000.0

    def remaining_s(self) -> float:
        return max(0.0, self._deadline - self._clock())

    def elapsed_ms(self) -> float:
        return (self._clock() - self.started) * 1000.0

    def for_erp(self) -> float | None:
        """Seconds the ERP call may take (the socket timeout), or None when too little is left
        for a call to be worth making."""
        left_ms = self.remaining_s() * 1000.0 - inventory_names.INVENTORY_BUDGET_RESERVE_MS
        if left_ms < inventory_names.INVENTORY_MIN_ERP_CALL_MS:
            return None
        return left_ms / 1000.0
