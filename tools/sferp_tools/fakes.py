"""In-memory fakes of the kernel's and the flows' ports, for unit tests, benchmarks and local runs.
They record what they were sent; none of them ships in the Lambda layer."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from sferp.inventory_lookup.cache import AvailabilityCache, CachedAvailability
from sferp.inventory_lookup.errors import CacheUnavailableError
from sferp.order_handoff.state import KEY_PREFIX, OrderStateStore
from sferp.ports.queues import DeadLetter, DeadLetterQueue, RetryScheduler
from sferp.ports.state import IdempotencyGuard, Rank, RecordLock, VersionedRecord, VersionGuard


class InMemoryVersionGuard(VersionGuard):
    def __init__(self) -> None:
        self._items: dict[str, VersionedRecord] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> VersionedRecord | None:
        return self._items.get(key)

    def advance(self, key: str, rank: Rank, attributes: Mapping[str, str]) -> bool:
        with self._lock:
            current = self._items.get(key)
            if current is not None and current.rank > rank:
                return False
            self._items[key] = VersionedRecord(
                key=key,
                rank=rank,
                attributes=dict(attributes),
                marks=dict(current.marks) if current else {},
                updated_at=time.time(),
            )
            return True

    def mark(self, key: str, name: str, value: int) -> None:
        with self._lock:
            current = self._items.get(key)
            if current is not None and value > current.marks.get(name, -1):
                marks = {**current.marks, name: value}
                self._items[key] = VersionedRecord(
                    key=key,
                    rank=current.rank,
                    attributes=current.attributes,
                    marks=marks,
                    updated_at=current.updated_at,
                )


def in_memory_order_state() -> OrderStateStore:
    """The order handoff's state store over an in-memory version guard."""
    return OrderStateStore(InMemoryVersionGuard())


class InMemoryIdempotencyGuard(IdempotencyGuard):
    def __init__(self) -> None:
        self._results: dict[str, dict[str, Any]] = {}

    def run_once(self, key: dict[str, Any], fn: Callable[[], dict[str, Any]]) -> tuple[dict[str, Any], bool]:
        marker = repr(sorted(key.items()))
        if marker in self._results:
            return self._results[marker], True
        result = fn()
        self._results[marker] = result
        return result, False


class InMemoryDeadLetterQueue(DeadLetterQueue):
    def __init__(self) -> None:
        self.letters: list[DeadLetter] = []

    def send(self, letter: DeadLetter) -> None:
        self.letters.append(letter)


class NoRetryScheduler(RetryScheduler):
    def __init__(self) -> None:
        self.delays: list[tuple[str, int]] = []

    def delay(self, record: SQSRecord, seconds: int) -> None:
        self.delays.append((record.message_id, seconds))


class InMemoryAvailabilityCache(AvailabilityCache):
    """Dict-backed cache for unit tests and the in-process benchmark's baseline."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, str], CachedAvailability] = {}
        self._lock = threading.Lock()
        self.read_calls = 0
        self.write_calls = 0
        self.fail = False  # tests flip this to play a DynamoDB outage

    def get_many(self, plant: str, skus: Sequence[str]) -> dict[str, CachedAvailability]:
        self.read_calls += 1
        if self.fail:
            raise CacheUnavailableError("availability cache read failed (injected)")
        with self._lock:
            return {sku: self._items[(plant, sku)] for sku in skus if (plant, sku) in self._items}

    def put_many(self, entries: Iterable[CachedAvailability], *, expire_after_s: int) -> None:
        self.write_calls += 1
        if self.fail:
            raise CacheUnavailableError("availability cache write failed (injected)")
        with self._lock:
            for entry in entries:
                self._items[(entry.plant, entry.sku)] = entry


__all__ = [
    "KEY_PREFIX",
    "InMemoryAvailabilityCache",
    "InMemoryDeadLetterQueue",
    "InMemoryIdempotencyGuard",
    "InMemoryRecordLock",
    "InMemoryVersionGuard",
    "NoRetryScheduler",
    "in_memory_order_state",
]


class InMemoryRecordLock(RecordLock):
    """Leases in a dict; ``clock`` lets a test expire them."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._leases: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self._clock = clock
        self.refused = 0

    def acquire(self, key: str, *, lease_s: int) -> str | None:
        with self._lock:
            held = self._leases.get(key)
            if held is not None and held[1] > self._clock():
                self.refused += 1
                return None
            token = f"t{len(self._leases)}-{self._clock()}"
            self._leases[key] = (token, self._clock() + lease_s)
            return token

    def release(self, key: str, token: str) -> None:
        with self._lock:
            if self._leases.get(key, ("", 0.0))[0] == token:
                del self._leases[key]
