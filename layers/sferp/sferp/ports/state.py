"""Idempotency and the version guard: what any flow that applies changes from a stream needs.

Two guards because they protect different things:
- the *idempotency guard* runs a side effect once per business key (e.g. Order Id + version +
  action), so a redelivered or duplicated message returns the first answer instead of calling
  the target system again;
- the *version guard* keeps, per record, the highest-ranked change applied, so a change older than
  what the target already holds is dropped; FIFO order alone cannot prevent that (Salesforce may
  publish version 3 before version 2 commits, and DLQ redrives replay old messages).
Adapters: ``sferp.adapters.aws`` (DynamoDB; Powertools Idempotency); in-memory fakes in
``sferp_tools.fakes`` for unit tests.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sferp.errors import RetriableError

Rank = tuple[int, int]  # (version, tie-break within a version): compared as a tuple


@dataclass(frozen=True)
class VersionedRecord:
    key: str
    rank: Rank
    attributes: Mapping[str, str]  # what the flow stored with the change (ERP number, status ...)
    marks: Mapping[str, int] = field(default_factory=dict)  # monotonic counters (e.g. written back)
    updated_at: float = 0.0


class VersionGuard(ABC):
    @abstractmethod
    def get(self, key: str) -> VersionedRecord | None:
        """The record's highest applied change (strongly consistent), or None."""

    @abstractmethod
    def advance(self, key: str, rank: Rank, attributes: Mapping[str, str]) -> bool:
        """Store this change unless a higher-ranked one is stored (an equal rank overwrites).
        Marks are kept. True if stored."""

    @abstractmethod
    def mark(self, key: str, name: str, value: int) -> None:
        """Raise the counter ``name`` of an existing record to ``value`` (never lowers it)."""


class IdempotencyGuard(ABC):
    @abstractmethod
    def run_once(self, key: dict[str, Any], fn: Callable[[], dict[str, Any]]) -> tuple[dict[str, Any], bool]:
        """Run ``fn`` once per ``key``; return (result, replayed) where replayed means a stored
        result was returned without running ``fn``."""


class RecordBusyError(RetriableError):
    """Another invocation holds the record's lease: this one retries later."""


class RecordLock(ABC):
    """A lease per record, so one invocation at a time writes one record to the target system.

    Why: an upsert by external reference is find-then-create in most ERP APIs (SAP's OData among
    them), so two invocations working on one order at once (a DLQ redrive racing the live stream,
    two versions in different FIFO groups) could both find nothing and both create. The lease
    expires by itself, so a crashed holder blocks its record only until ``lease_s`` has passed."""

    @abstractmethod
    def acquire(self, key: str, *, lease_s: int) -> str | None:
        """A token when the lease was taken, None while another holder's lease runs."""

    @abstractmethod
    def release(self, key: str, token: str) -> None:
        """Give the lease back (only the holder's token can)."""

    @contextmanager
    def hold(self, key: str, *, lease_s: int) -> Iterator[None]:
        token = self.acquire(key, lease_s=lease_s)
        if token is None:
            raise RecordBusyError(f"{key} is being written by another invocation; retrying")
        try:
            yield
        finally:
            self.release(key, token)
