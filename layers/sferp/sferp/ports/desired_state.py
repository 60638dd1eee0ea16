"""The Salesforce writer's memory: per record and field, the newest desired value and its version.

Why a store and not just "compare and skip": two writers (two Lambda invocations, a redrive beside
a fresh event) can each hold a different version of one field. The store decides which one is the
newest *before* either writes (``claim``), and after writing each writer reads it again
(``newest``) and writes once more if a newer version arrived meanwhile, so the last write to
Salesforce is always the newest state, whatever order the messages ran in. Adapters:
``InMemoryDesiredState`` (here: tests, local runs) and ``sferp.adapters.aws.desired_state``
(DynamoDB).
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Versioned = tuple[int, Any]  # (version, value)


@dataclass(frozen=True, slots=True)
class Claim:
    """One record's fields as a writer wants them, each with its version."""

    record: str  # "<sObject>/<key field>/<key>"
    fields: Mapping[str, Versioned]


class DesiredStateStore(ABC):
    @abstractmethod
    def claim(self, claims: Sequence[Claim]) -> dict[str, dict[str, Versioned]]:
        """Record each claimed field whose version is at least the stored one; return, per record,
        the fields the caller may write (its own values). A field with an older version than the
        stored one is left out: something newer is already wanted."""

    @abstractmethod
    def newest(self, records: Sequence[str]) -> dict[str, dict[str, Versioned]]:
        """The stored newest value and version of every field of these records."""


class InMemoryDesiredState(DesiredStateStore):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: dict[str, dict[str, Versioned]] = {}

    def claim(self, claims: Sequence[Claim]) -> dict[str, dict[str, Versioned]]:
        granted: dict[str, dict[str, Versioned]] = {}
        with self._lock:
            for claim in claims:
                stored = self._state.setdefault(claim.record, {})
                mine = granted.setdefault(claim.record, {})
                for field, (version, value) in claim.fields.items():
                    current = stored.get(field)
                    if current is None or version >= current[0]:
                        stored[field] = (version, value)
                        mine[field] = (version, value)
        return granted

    def newest(self, records: Sequence[str]) -> dict[str, dict[str, Versioned]]:
        with self._lock:
            return {r: dict(self._state.get(r, {})) for r in records}
