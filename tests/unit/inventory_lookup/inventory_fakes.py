"""Fakes of the inventory unit tests: an in-memory breaker store, a clock, the harness."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aws_lambda_powertools.utilities.circuit_breaker.persistence import (
    CircuitBreakerPersistenceLayer,
    CircuitStateRecord,
)
from aws_lambda_powertools.utilities.circuit_breaker.persistence.base import CircuitBreakerExistingLockError
from aws_lambda_powertools.utilities.circuit_breaker.states import CircuitState
from sferp_tools.fakes import InMemoryAvailabilityCache

from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.inventory_lookup.breaker import ErpBreaker
from sferp.inventory_lookup.service import InventoryService
from sferp.settings import FlowMode


class MemoryBreakerStore(CircuitBreakerPersistenceLayer):
    """Powertools' persistence contract in a dict, including the conditional probe election."""

    def __init__(self) -> None:
        super().__init__()
        self.records: dict[str, CircuitStateRecord] = {}

    def _get_record(self, name: str) -> CircuitStateRecord | None:
        return self.records.get(name)

    def _put_record(
        self, record: CircuitStateRecord, condition: str | None = None, expected_opened_at: int | None = None
    ) -> None:
        if condition == "half_open":
            current = self.records.get(record.name)
            if (
                current is None
                or current.state != CircuitState.OPEN
                or current.half_open_owner is not None
                or current.opened_at != expected_opened_at
            ):
                raise CircuitBreakerExistingLockError
        self.records[record.name] = record

    def _update_record(self, record: CircuitStateRecord) -> None:
        self.records[record.name] = record


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 30, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class Harness:
    erp: EmbeddedErp
    cache: InMemoryAvailabilityCache
    store: MemoryBreakerStore
    breaker: ErpBreaker
    clock: Clock
    transitions: list[Any]

    def service(
        self, mode: FlowMode = FlowMode.LIVE, *, fresh_ttl_s: int = 60, max_stale_age_s: int = 3600
    ) -> InventoryService:
        return InventoryService(
            erp=self.erp,
            cache=self.cache,
            breaker=self.breaker,
            mode=mode,
            fresh_ttl_s=fresh_ttl_s,
            max_stale_age_s=max_stale_age_s,
            clock=self.clock,
        )
