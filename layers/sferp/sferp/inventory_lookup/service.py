"""The lookup logic: cache first, one batched ERP call for all misses within the time budget,
behind the circuit breaker, and the last known value (flagged stale, with its age) when the ERP
cannot answer. Never sees a Lambda event.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Protocol

from sferp.errors import ErpError
from sferp.inventory_lookup import names as inventory_names
from sferp.inventory_lookup.breaker import BreakerOpen, ErpBreaker
from sferp.inventory_lookup.budget import TimeBudget
from sferp.inventory_lookup.cache import AvailabilityCache, CachedAvailability
from sferp.inventory_lookup.errors import CacheUnavailableError, InventoryDisabledError
from sferp.inventory_lookup.models import AvailabilityResponse, ItemAvailability, ItemRequest, Reason, Source
from sferp.models.records import ErpProduct, StockAvailability
from sferp.observability import logger
from sferp.settings import FlowMode


class InventoryErp(Protocol):
    """The ERP roles the inventory lookup uses (``sferp.ports.erp``): availability, and the
    product master for the warm-up. Any adapter implementing both fits."""

    def get_availability(
        self, plant: str, skus: Sequence[str], *, timeout_s: float | None = None
    ) -> dict[str, StockAvailability]: ...

    def changed_products(self, since: datetime) -> Iterator[ErpProduct]: ...


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class LookupStats:
    """What one lookup did; the API layer turns it into metrics."""

    items: int = 0
    cache_hits: int = 0
    cache_misses: int = 0
    stale: int = 0
    unavailable: int = 0
    erp_calls: int = 0
    erp_failed: bool = False
    breaker_rejected: bool = False
    erp_latency_ms: float | None = None
    shadow_writes_skipped: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LookupResult:
    response: AvailabilityResponse
    stats: LookupStats


# Why a warm-up stopped before its last batch (None: it finished).
WARMUP_SKIPPED_MODE = "mode_not_live"
WARMUP_BREAKER_OPEN = "breaker_open"
WARMUP_ERP_FAILED = "erp_failed"
WARMUP_TIME_EXHAUSTED = "time_exhausted"
WARMUP_CACHE_UNAVAILABLE = "cache_unavailable"

# A batch starts only when the Lambda has a whole ERP budget left plus this, for the cache write
# (200 items = 8 BatchWriteItem calls) and the metrics flush: a warm-up must end, not time out.
_WARMUP_TAIL_MS = 500  # milliseconds


@dataclass
class WarmupStats:
    """What one warm-up of one plant did; the handler turns it into metrics and its return value."""

    plant: str
    skus_listed: int = 0  # active SKUs of the product master, capped at max_skus
    skus_warmed: int = 0  # written fresh to the cache
    master_reads: int = 0  # product master reads (one per run, however many pages it takes)
    availability_calls: int = 0  # get_availability batches (at most INVENTORY_MAX_ITEMS SKUs each)
    stopped: str | None = None

    @property
    def erp_calls(self) -> int:
        return self.master_reads + self.availability_calls


class InventoryService:
    def __init__(
        self,
        *,
        erp: InventoryErp,
        cache: AvailabilityCache,
        breaker: ErpBreaker,
        mode: FlowMode,
        fresh_ttl_s: int,
        max_stale_age_s: int,
        clock: Callable[[], datetime] = _utcnow,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._erp = erp
        self._cache = cache
        self._breaker = breaker
        self._mode = mode
        self._fresh_ttl_s = fresh_ttl_s
        self._max_stale_age_s = max_stale_age_s
        self._clock = clock
        self._monotonic = monotonic

    def lookup(self, plant: str, items: Sequence[ItemRequest], *, budget: TimeBudget) -> LookupResult:
        if self._mode is FlowMode.OFF:
            raise InventoryDisabledError("inventory lookup is off in this environment")
        stats = LookupStats(items=len(items))
        skus = list(dict.fromkeys(item.sku for item in items))
        now = self._clock()
        try:
            cached = self._cache.get_many(plant, skus)
        except CacheUnavailableError as exc:
            # Without the cache every SKU is a miss: slower, still correct.
            logger.warning("availability cache unavailable", extra={"error": str(exc)})
            cached = {}
        fresh = {sku: e for sku, e in cached.items() if e.age_s(now) <= self._fresh_ttl_s}
        misses = [sku for sku in skus if sku not in fresh]
        stats.cache_hits = sum(1 for item in items if item.sku in fresh)
        stats.cache_misses = len(items) - stats.cache_hits

        from_erp: dict[str, CachedAvailability] = {}
        if misses:
            from_erp = self._fetch(plant, misses, budget, stats)

        answers = [self._answer(item, fresh, from_erp, cached, now, stats) for item in items]
        response = AvailabilityResponse(
            plant=plant, items=answers, degraded=any(a.source in (Source.STALE, Source.NONE) for a in answers)
        )
        return LookupResult(response=response, stats=stats)

    def _fetch(
        self, plant: str, misses: list[str], budget: TimeBudget, stats: LookupStats
    ) -> dict[str, CachedAvailability]:
        timeout_s = budget.for_erp()
        if timeout_s is None:
            stats.erp_failed = True
            stats.notes.append("budget_exhausted")
            logger.warning("no time left for the ERP", extra={"misses": len(misses)})
            return {}

        def call() -> dict[str, StockAvailability]:
            # ONE call for every miss of the request, whatever their number.
            stats.erp_calls += 1
            return self._erp.get_availability(plant, misses, timeout_s=timeout_s)

        started = self._monotonic()
        try:
            result = self._breaker.call(call)
        except ErpError as exc:
            stats.erp_failed = True
            stats.erp_latency_ms = (self._monotonic() - started) * 1000.0
            logger.warning(
                "erp availability failed",
                extra={
                    "error_type": type(exc).__name__,
                    "misses": len(misses),
                    "timeout_s": round(timeout_s, 3),
                },
            )
            return {}
        if isinstance(result, BreakerOpen):
            stats.breaker_rejected = True
            stats.erp_failed = True
            return {}
        stats.erp_latency_ms = (self._monotonic() - started) * 1000.0
        entries = _entries(plant, misses, result, self._clock())
        self._store(entries, stats)
        return entries

    def warm_up(
        self,
        plant: str,
        *,
        max_skus: int,
        budget_ms: int,
        lambda_remaining_ms: Callable[[], int] | None = None,
    ) -> WarmupStats:
        """Refresh-ahead: read the active SKUs of the product master (at most ``max_skus``), fetch
        their availability at ``plant`` in batches of ``INVENTORY_MAX_ITEMS`` (one ERP call each,
        each within its own time budget, through the breaker) and write them to the cache as fresh
        values, so lookups stop paying an ERP call for a SKU's first sight in a TTL window.

        Never raises for an ERP or cache failure: it stops, says why in ``stopped``, and the next
        scheduled run tries again (a retry of a refresh is pointless once the next one is due).
        """
        stats = WarmupStats(plant=plant)
        if self._mode is not FlowMode.LIVE:
            # off: the flow is disabled; shadow: changes nothing, the cache included.
            stats.stopped = WARMUP_SKIPPED_MODE
            return stats

        def read_master() -> list[str]:
            stats.master_reads += 1
            return _active_skus(self._erp.changed_products(_EPOCH), max_skus)

        try:
            listed = self._breaker.call(read_master)
        except ErpError as exc:
            logger.warning("warm-up: product master read failed", extra={"error_type": type(exc).__name__})
            stats.stopped = WARMUP_ERP_FAILED
            return stats
        if isinstance(listed, BreakerOpen):
            stats.stopped = WARMUP_BREAKER_OPEN
            return stats
        stats.skus_listed = len(listed)

        size = inventory_names.INVENTORY_MAX_ITEMS
        for start in range(0, len(listed), size):
            remaining_ms = lambda_remaining_ms() if lambda_remaining_ms is not None else None
            if remaining_ms is not None and remaining_ms < budget_ms + _WARMUP_TAIL_MS:
                stats.stopped = WARMUP_TIME_EXHAUSTED
                break
            stopped = self._warm_batch(plant, listed[start : start + size], budget_ms, remaining_ms, stats)
            if stopped is not None:
                stats.stopped = stopped
                break
        return stats

    def _warm_batch(
        self, plant: str, skus: list[str], budget_ms: int, remaining_ms: int | None, stats: WarmupStats
    ) -> str | None:
        budget = TimeBudget(budget_ms, lambda_remaining_ms=remaining_ms, clock=self._monotonic)
        timeout_s = budget.for_erp()
        if timeout_s is None:
            return WARMUP_TIME_EXHAUSTED

        def call() -> dict[str, StockAvailability]:
            stats.availability_calls += 1
            return self._erp.get_availability(plant, skus, timeout_s=timeout_s)

        try:
            result = self._breaker.call(call)
        except ErpError as exc:
            # Stop at the first failure: the next batches would most likely fail too, and each
            # failure feeds the breaker that the reps' lookups depend on.
            logger.warning(
                "warm-up: erp availability failed",
                extra={"error_type": type(exc).__name__, "plant": plant, "skus": len(skus)},
            )
            return WARMUP_ERP_FAILED
        if isinstance(result, BreakerOpen):
            return WARMUP_BREAKER_OPEN
        entries = _entries(plant, skus, result, self._clock())
        try:
            self._cache.put_many(entries.values(), expire_after_s=self._max_stale_age_s)
        except CacheUnavailableError as exc:
            logger.warning("warm-up: cache write failed", extra={"error": str(exc)})
            return WARMUP_CACHE_UNAVAILABLE
        stats.skus_warmed += len(entries)
        return None

    def _store(self, entries: dict[str, CachedAvailability], stats: LookupStats) -> None:
        if self._mode is FlowMode.SHADOW:
            # Shadow: answer from the ERP every time, change nothing (not even the cache), and
            # count what live mode would have written.
            stats.shadow_writes_skipped = len(entries)
            return
        try:
            self._cache.put_many(entries.values(), expire_after_s=self._max_stale_age_s)
        except CacheUnavailableError as exc:
            logger.warning("availability cache write failed", extra={"error": str(exc)})

    def _answer(
        self,
        item: ItemRequest,
        fresh: dict[str, CachedAvailability],
        from_erp: dict[str, CachedAvailability],
        cached: dict[str, CachedAvailability],
        now: datetime,
        stats: LookupStats,
    ) -> ItemAvailability:
        if item.sku in fresh:
            return _from_entry(item, fresh[item.sku], Source.CACHE)
        if item.sku in from_erp:
            return _from_entry(item, from_erp[item.sku], Source.ERP)
        last = cached.get(item.sku)
        if last is not None and last.age_s(now) <= self._max_stale_age_s:
            stats.stale += 1
            answer = _from_entry(item, last, Source.STALE)
            return answer.model_copy(update={"stale_age_seconds": int(last.age_s(now))})
        stats.unavailable += 1
        return ItemAvailability(
            sku=item.sku,
            requested_quantity=item.quantity,
            available=False,
            source=Source.NONE,
            reason=Reason.ERP_UNAVAILABLE,
        )


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _active_skus(products: Iterable[ErpProduct], max_skus: int) -> list[str]:
    """The first ``max_skus`` active SKUs in the master's own order; stops reading (no further
    pages) once enough are found."""
    skus: dict[str, None] = {}
    for product in products:
        if product.active:
            skus[product.sku] = None
            if len(skus) >= max_skus:
                break
    return list(skus)


def _entries(
    plant: str, skus: Sequence[str], result: dict[str, StockAvailability], read_at: datetime
) -> dict[str, CachedAvailability]:
    entries = {
        sku: CachedAvailability(
            plant=plant,
            sku=sku,
            known=stock.known,
            available_quantity=stock.available_quantity,
            available_date=stock.available_date,
            as_of=read_at,
        )
        for sku, stock in result.items()
    }
    # A SKU the ERP left out of its answer is one it does not know.
    for sku in skus:
        entries.setdefault(
            sku,
            CachedAvailability(
                plant=plant,
                sku=sku,
                known=False,
                available_quantity=Decimal(0),
                available_date=None,
                as_of=read_at,
            ),
        )
    return entries


def _from_entry(item: ItemRequest, entry: CachedAvailability, source: Source) -> ItemAvailability:
    if not entry.known:
        return ItemAvailability(
            sku=item.sku,
            requested_quantity=item.quantity,
            available=False,
            source=source,
            as_of=entry.as_of,
            reason=Reason.UNKNOWN_SKU,
        )
    quantity = float(entry.available_quantity)
    available = quantity >= item.quantity
    return ItemAvailability(
        sku=item.sku,
        requested_quantity=item.quantity,
        available_quantity=quantity,
        available=available,
        available_date=entry.available_date,
        source=source,
        as_of=entry.as_of,
        reason=None if available else Reason.INSUFFICIENT_QUANTITY,
    )
