"""The availability cache: a port, its DynamoDB adapter and an in-memory one for tests and benches.

One item per plant and SKU. ``as_of`` is when the ERP value was read; freshness and staleness are
decided by the service from that age, not by DynamoDB TTL, because TTL deletes lazily (up to
days late). The TTL attribute only keeps the table from growing: items expire after the maximum
stale age, when they could no longer answer anyway.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from sferp import wiring
from sferp.inventory.errors import CacheUnavailableError
from sferp.observability import logger

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
    return f"{wiring.INVENTORY_CACHE_KEY_PREFIX}#{plant}#{sku}"


class DynamoAvailabilityCache(AvailabilityCache):
    """The cache table, through the low-level client (no resource layer: cheaper cold start)."""

    def __init__(self, table_name: str, client: Any) -> None:
        self._table = table_name
        self._client = client
        self.read_calls = 0
        self.write_calls = 0

    def get_many(self, plant: str, skus: Sequence[str]) -> dict[str, CachedAvailability]:
        wanted = list(dict.fromkeys(skus))
        found: dict[str, CachedAvailability] = {}
        pk = wiring.INVENTORY_TABLE_PARTITION_KEY
        for start in range(0, len(wanted), wiring.DYNAMODB_BATCH_GET_MAX):
            keys: list[dict[str, Any]] = [
                {pk: {"S": cache_key(plant, sku)}}
                for sku in wanted[start : start + wiring.DYNAMODB_BATCH_GET_MAX]
            ]
            attempts = 0
            while keys:
                self.read_calls += 1
                try:
                    response = self._client.batch_get_item(RequestItems={self._table: {"Keys": keys}})
                except (ClientError, BotoCoreError) as exc:
                    raise CacheUnavailableError(
                        f"availability cache read failed: {type(exc).__name__}"
                    ) from exc
                for item in response.get("Responses", {}).get(self._table, []):
                    entry = _from_item(item)
                    if entry is not None:
                        found[entry.sku] = entry
                keys = response.get("UnprocessedKeys", {}).get(self._table, {}).get("Keys", [])
                attempts += 1
                if keys and attempts > _UNPROCESSED_RETRIES:
                    logger.warning("cache keys left unprocessed", extra={"count": len(keys)})
                    break
        return found

    def put_many(self, entries: Iterable[CachedAvailability], *, expire_after_s: int) -> None:
        requests = [{"PutRequest": {"Item": _to_item(entry, expire_after_s)}} for entry in entries]
        for start in range(0, len(requests), wiring.DYNAMODB_BATCH_WRITE_MAX):
            chunk = requests[start : start + wiring.DYNAMODB_BATCH_WRITE_MAX]
            self.write_calls += 1
            try:
                response = self._client.batch_write_item(RequestItems={self._table: chunk})
            except (ClientError, BotoCoreError) as exc:
                raise CacheUnavailableError(f"availability cache write failed: {type(exc).__name__}") from exc
            left = response.get("UnprocessedItems", {}).get(self._table, [])
            if left:
                # A cache write that does not land costs one more ERP call later, nothing else.
                logger.warning("cache items left unwritten", extra={"count": len(left)})


def _to_item(entry: CachedAvailability, expire_after_s: int) -> dict[str, Any]:
    as_of_ms = int(entry.as_of.timestamp() * 1000)
    item: dict[str, Any] = {
        wiring.INVENTORY_TABLE_PARTITION_KEY: {"S": cache_key(entry.plant, entry.sku)},
        "plant": {"S": entry.plant},
        "sku": {"S": entry.sku},
        "known": {"BOOL": entry.known},
        "available_quantity": {"N": str(entry.available_quantity)},
        "as_of_ms": {"N": str(as_of_ms)},
        wiring.INVENTORY_TABLE_TTL_ATTRIBUTE: {"N": str(as_of_ms // 1000 + expire_after_s)},
    }
    if entry.available_date is not None:
        item["available_date"] = {"S": entry.available_date.isoformat()}
    return item


def _from_item(item: dict[str, Any]) -> CachedAvailability | None:
    try:
        return CachedAvailability(
            plant=item["plant"]["S"],
            sku=item["sku"]["S"],
            known=bool(item["known"]["BOOL"]),
            available_quantity=Decimal(item["available_quantity"]["N"]),
            available_date=date.fromisoformat(item["available_date"]["S"])
            if "available_date" in item
            else None,
            as_of=datetime.fromtimestamp(int(item["as_of_ms"]["N"]) / 1000, tz=UTC),
        )
    except (KeyError, ValueError, ArithmeticError):
        # A malformed item (an older schema, a manual edit) is a miss, not a failed request.
        logger.warning("malformed cache item ignored")
        return None


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
