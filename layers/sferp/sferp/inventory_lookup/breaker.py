"""The ERP circuit breaker: Powertools' ``circuit_breaker`` utility with DynamoDB state.

Why the Powertools utility (3.37 ships one) and not our own: it already does what a breaker
shared by concurrent Lambdas needs - state in DynamoDB (one item per circuit, TTL), a
write-free healthy path (failures are counted in memory per execution environment and only the
transition is written), a short local cache of the state, and a conditional write that elects
exactly one half-open prober across all environments, with a lease so a recycled prober cannot
strand the circuit. Its state lives in the inventory table next to the cache items.

Trade-off written down: "consecutive failures" are counted per execution environment, so with
N warm environments the fleet may see up to N x threshold failures before it opens. With the
time budget capping each failure at ~1.5 s that is acceptable, and it keeps DynamoDB writes off
the hot path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from aws_lambda_powertools.utilities.circuit_breaker import (
    CircuitBreakerConfig,
    CircuitInfo,
    CircuitState,
    CircuitTransition,
    circuit_breaker,
)
from aws_lambda_powertools.utilities.circuit_breaker.persistence import (
    CircuitBreakerPersistenceLayer,
)

from sferp.errors import ErpAuthError, ErpThrottledError, ErpTimeoutError, ErpUnavailableError
from sferp.inventory_lookup import names as inventory_names

T = TypeVar("T")

ERP_AVAILABILITY_CIRCUIT = f"{inventory_names.INVENTORY_BREAKER_KEY_PREFIX}#erp-availability"
# What says "the ERP is unhealthy". A refused document (ErpRejectedError) is the request's fault
# and must not open the circuit for everyone.
BREAKER_FAILURES: tuple[type[Exception], ...] = (
    ErpUnavailableError,
    ErpTimeoutError,
    ErpThrottledError,
    ErpAuthError,
)


@dataclass(frozen=True)
class BreakerOpen:
    """Returned instead of calling the ERP while the circuit is open (or another worker probes)."""

    state: CircuitState
    opened_at: int | None


class ErpBreaker:
    """Runs a zero-argument ERP call through the circuit; returns ``BreakerOpen`` when it is open."""

    def __init__(
        self,
        persistence: CircuitBreakerPersistenceLayer,
        *,
        name: str = ERP_AVAILABILITY_CIRCUIT,
        failure_threshold: int = inventory_names.INVENTORY_BREAKER_FAILURE_THRESHOLD,
        recovery_timeout_s: int = inventory_names.INVENTORY_BREAKER_RECOVERY_TIMEOUT_S,
        success_threshold: int = inventory_names.INVENTORY_BREAKER_SUCCESS_THRESHOLD,
        state_cache_s: int = inventory_names.INVENTORY_BREAKER_STATE_CACHE_S,
        on_transition: Callable[[CircuitTransition], None] | None = None,
    ) -> None:
        self.name = name
        self._persistence = persistence
        config = CircuitBreakerConfig(
            failure_threshold=failure_threshold,
            recovery_timeout=recovery_timeout_s,
            success_threshold=success_threshold,
            handled_exceptions=BREAKER_FAILURES,
            local_cache_max_age=state_cache_s,
        )
        self._protected = circuit_breaker(
            name=name,
            persistence_store=persistence,
            on_circuit_open=_rejected,
            on_transition=on_transition,
            config=config,
        )(_run)

    def call(self, fn: Callable[[], T]) -> T | BreakerOpen:
        result: T | BreakerOpen = self._protected(fn)
        return result

    def state(self) -> CircuitState:
        return self._persistence.get_state(self.name).state


def _run(fn: Callable[[], Any]) -> Any:
    return fn()


def _rejected(_fn: Callable[[], Any], *, circuit: CircuitInfo) -> BreakerOpen:
    return BreakerOpen(state=circuit.state, opened_at=circuit.opened_at)
