"""The availability cache port (adapter: ``sferp.inventory_lookup.aws``; in-memory fake in
``sferp_tools.fakes``).

One item per plant and SKU. ``as_of`` is when the ERP value was read; freshness and staleness are
decided by the service from that age, not by DynamoDB TTL, because TTL deletes lazily (up to
days late). The TTL attribute only keeps the table from growing: items expire after the maximum
stale age, when they could no longer answer anyway.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sferp.inventory_lookup import names as inventory_names

# BatchGetItem may leave keys unprocessed under throttling; one retry, then they count as misses
# (a miss goes to the ERP, which is slower but still correct).
_UNPROCESSED_RETRIES = 1


@dataclass(frozen=True)
class CachedAvailability:
    plant: str
    sku: str
    known: bool
    available_quantity: Decimal
    available_date: date | None
    as_of: datetime

    def age_s(self, now: datetime) -> float:
        return max(0.0, (now - self.as_of).total_seconds())


class AvailabilityCache(ABC):
    """Read many SKUs of one plant at once; write the ERP's answers back."""

    @abstractmethod
    def get_many(self, plant: str, skus: Sequence[str]) -> dict[str, CachedAvailability]:
        """The cached entries that exist (any age); raises ``CacheUnavailableError``."""

    @abstractmethod
    def put_many(self, entries: Iterable[CachedAvailability], *, expire_after_s: int) -> None:
        """Store entries; raises ``CacheUnavailableError``."""


def cache_key(plant: str, sku: str) -> str:
    # Plants cannot contain "#" (PLANT_PATTERN), so the key is unambiguous whatever the SKU holds.
    return f"{inventory_names.INVENTORY_CACHE_KEY_PREFIX}#{plant}#{sku}"
