"""In-memory fakes of the kernel's and the flows' ports, for unit tests, benchmarks and local runs.
They record what they were sent; none of them ships in the Lambda layer."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from sferp.inventory_lookup.cache import AvailabilityCache, CachedAvailability
from sferp.inventory_lookup.errors import CacheUnavailableError
from sferp.order_handoff.state import KEY_PREFIX, OrderStateStore
from sferp.ports.coupling import Coupling, CouplingConflictError, CouplingHow, CouplingStore
from sferp.ports.queues import (
    DeadLetter,
    DeadLetterQueue,
    MessageSender,
    OutgoingMessage,
    QueueSender,
    RetryScheduler,
)
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


class InMemoryFifoQueue(MessageSender):
    """A FIFO queue's sending side with SQS's deduplication (same id within the window: dropped),
    and ``records`` to hand what was sent to a consumer as an SQS event's records."""

    def __init__(self) -> None:
        self.sent: list[OutgoingMessage] = []
        self._seen: set[str] = set()
        self.fail_next: str | None = None  # the next send raises this

    def send(self, messages: Sequence[OutgoingMessage]) -> None:
        if self.fail_next:
            reason, self.fail_next = self.fail_next, None
            raise RuntimeError(reason)
        for message in messages:
            if message.deduplication_id not in self._seen:
                self._seen.add(message.deduplication_id)
                self.sent.append(message)

    def forget_deduplication(self) -> None:
        """SQS's five-minute window has passed."""
        self._seen.clear()

    def take(self) -> list[dict[str, Any]]:
        """Every message sent so far, as SQS records, in order; the queue is emptied."""
        records = [
            {
                "messageId": f"m-{n}-{m.deduplication_id}",
                "body": m.body,
                "attributes": {"MessageGroupId": m.group_id, "MessageDeduplicationId": m.deduplication_id},
            }
            for n, m in enumerate(self.sent)
        ]
        self.sent = []
        return records


class InMemoryStandardQueue(QueueSender):
    """A standard queue with delays, on a clock (virtual time in the local runtime): ``take``
    hands out what is visible now as SQS records, up to ``limit``; ``give_back`` makes failed
    records visible again (SQS's visibility timeout, here at once)."""

    def __init__(self, clock: Callable[[], Any] | None = None) -> None:
        self._clock = clock
        self._pending: list[tuple[Any, int, str]] = []  # (visible from, sequence, body)
        self._sequence = 0
        self.sends = 0  # SendMessageBatch calls
        self.fail_next: str | None = None

    def send_bodies(self, bodies: Sequence[str], *, delay_seconds: int = 0) -> None:
        if self.fail_next:
            reason, self.fail_next = self.fail_next, None
            raise RuntimeError(reason)
        now = self._clock() if self._clock else None
        visible = now + timedelta(seconds=delay_seconds) if now is not None and delay_seconds else now
        self.sends += (len(bodies) + 9) // 10
        for body in bodies:
            self._sequence += 1
            self._pending.append((visible, self._sequence, body))

    def __len__(self) -> int:
        return len(self._pending)

    def take(self, limit: int | None = None) -> list[dict[str, Any]]:
        now = self._clock() if self._clock else None
        ready = [p for p in self._pending if p[0] is None or now is None or p[0] <= now]
        ready = ready[:limit] if limit is not None else ready
        taken = {p[1] for p in ready}
        self._pending = [p for p in self._pending if p[1] not in taken]
        return [{"messageId": f"w-{seq}", "body": body, "attributes": {}} for _, seq, body in ready]

    def give_back(self, records: Iterable[Mapping[str, Any]]) -> None:
        now = self._clock() if self._clock else None
        for record in records:
            self._pending.append((now, int(str(record["messageId"]).split("-")[1]), str(record["body"])))


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
    "InMemoryCouplingStore",
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


class InMemoryCouplingStore(CouplingStore):
    """The coupling in two dicts, with the DynamoDB store's refusals (a second partner on either
    side is a ``CouplingConflictError``)."""

    def __init__(self) -> None:
        self._by_account: dict[str, Coupling] = {}
        self._by_customer: dict[str, str] = {}
        self._lock = threading.Lock()

    def for_account(self, account_id: str) -> Coupling | None:
        return self._by_account.get(account_id)

    def for_customer(self, customer_number: str) -> Coupling | None:
        account = self._by_customer.get(customer_number)
        return self._by_account.get(account) if account else None

    def couple(self, account_id: str, customer_number: str, *, by: str, how: CouplingHow) -> Coupling:
        with self._lock:
            existing = self._by_account.get(account_id)
            if existing is not None:
                if existing.customer_number == customer_number:
                    return existing
                raise CouplingConflictError(
                    f"Account {account_id} is coupled to ERP customer {existing.customer_number} already, "
                    f"not {customer_number}"
                )
            other = self._by_customer.get(customer_number)
            if other is not None and other != account_id:
                raise CouplingConflictError(
                    f"ERP customer {customer_number} is coupled to Account {other} already; "
                    f"Account {account_id} cannot take it"
                )
            coupling = Coupling(account_id, customer_number, time.time(), by, how)
            self._by_account[account_id] = coupling
            self._by_customer[customer_number] = account_id
            return coupling

    def move(self, from_account: str, to_account: str, *, by: str) -> Coupling:
        with self._lock:
            source = self._by_account.get(from_account)
            if source is None:
                raise CouplingConflictError(f"Account {from_account} has no coupling to move")
            if to_account in self._by_account:
                raise CouplingConflictError(
                    f"cannot move ERP customer {source.customer_number} from Account {from_account} to "
                    f"{to_account}: the target has a coupling of its own or the source changed meanwhile"
                )
            del self._by_account[from_account]
            moved = Coupling(to_account, source.customer_number, time.time(), by, CouplingHow.MERGED)
            self._by_account[to_account] = moved
            self._by_customer[source.customer_number] = to_account
            return moved

    def set_account_deleted(self, account_id: str, *, deleted: bool) -> None:
        with self._lock:
            existing = self._by_account.get(account_id)
            if existing is not None:
                self._by_account[account_id] = replace(existing, account_deleted=deleted)

    def all(self) -> Iterator[Coupling]:
        yield from list(self._by_account.values())
