"""The compare engine: pair records by link key per partition, classify, resolve, merge.

Memory is bounded by one partition, not by the input: ``split_export`` streams each export into
partition files, ``compare_partition`` holds one partition of both sides, and ``merge_results``
adds partial results up. The Step Functions Distributed Map calls ``compare_partition`` once per
S3 partition pair and merges the JSON of the partial results (``to_dict`` / ``from_dict``).

Speed: a record pair whose raw mapped values are byte-identical is in sync without normalising
anything (normalisation is a function, so equal input gives equal output). Only the rest,
typically a few percent, is decoded, normalised and compared field by field.
"""

from __future__ import annotations

import gc
import logging
import math
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sferp.models.entities import (
    EntitySpec,
    MissingAction,
    Owner,
    fix_value,
    get_entity,
    normalise,
    validate_fix,
)
from sferp.models.record_update import RecordUpdate
from sferp.reconciliation.csv_io import SplitStats, decode_values, read_partition, split_export
from sferp.reconciliation.rules import Reason, Rules, delete_reason, parse_timestamp, resolve_field

if TYPE_CHECKING:  # pragma: no cover - typing only
    from concurrent.futures import Future

    from sferp.reconciliation.columnar import EngineLimits


# A standard-library child of the "sferp" logger rather than a Powertools one: where a Lambda
# handler has set up Powertools' Logger(service="sferp"), these lines reach its JSON handler by
# propagation just the same, and the offline compare, measured as a whole process, does not pay
# the 40 ms of importing Powertools.
logger = logging.getLogger("sferp.reconciliation")


PARTITION_TARGET_BYTES = 16 * 1024 * 1024  # per input file: ~70k account rows, ~40 MB in memory per worker
MAX_PARTITIONS = 1024


class RecordClass(StrEnum):
    IN_SYNC = "in_sync"
    ONLY_SALESFORCE = "only_salesforce"
    ONLY_ERP = "only_erp"
    DELETED = "deleted"
    FIELD_CONFLICT = "field_conflict"
    DUPLICATE_KEY = "duplicate_key"  # the link key appears on more than one live record of a side


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A difference no rule settles: both values and why, for the manual review queue."""

    key: str
    record_class: RecordClass
    reason: Reason
    field: str | None = None
    salesforce_value: str | None = None
    erp_value: str | None = None
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "record_class": self.record_class.value,
            "reason": self.reason.value,
            "field": self.field,
            "salesforce_value": self.salesforce_value,
            "erp_value": self.erp_value,
            "detail": self.detail,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReviewItem:
        return cls(
            key=data["key"],
            record_class=RecordClass(data["record_class"]),
            reason=Reason(data["reason"]),
            field=data.get("field"),
            salesforce_value=data.get("salesforce_value"),
            erp_value=data.get("erp_value"),
            detail=data.get("detail"),
        )


@dataclass(slots=True)
class ReconcileResult:
    """A partial (one partition) or merged result. Fix keys are the link key on both sides:
    Salesforce fixes are a Bulk API 2.0 upsert on ``entity.salesforce_key``."""

    entity: str
    counts: Counter[str] = field(default_factory=Counter)
    format_only: int = 0  # raw values differed, normalised values were equal
    fields_differing: Counter[str] = field(default_factory=Counter)
    unlinked: Counter[str] = field(default_factory=Counter)  # per side: rows without a link key
    salesforce_fixes: list[RecordUpdate] = field(default_factory=list)
    erp_fixes: list[RecordUpdate] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    partitions: int = 1

    @property
    def compared(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "counts": {c.value: self.counts.get(c.value, 0) for c in RecordClass},
            "format_only": self.format_only,
            "fields_differing": dict(sorted(self.fields_differing.items())),
            "unlinked": dict(self.unlinked),
            "salesforce_fixes": [u.to_json() for u in self.salesforce_fixes],
            "erp_fixes": [u.to_json() for u in self.erp_fixes],
            "review": [r.to_dict() for r in self.review],
            "partitions": self.partitions,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReconcileResult:
        return cls(
            entity=data["entity"],
            counts=Counter({k: v for k, v in data["counts"].items() if v}),
            format_only=data["format_only"],
            fields_differing=Counter(data["fields_differing"]),
            unlinked=Counter(data["unlinked"]),
            salesforce_fixes=[RecordUpdate.from_json(u) for u in data["salesforce_fixes"]],
            erp_fixes=[RecordUpdate.from_json(u) for u in data["erp_fixes"]],
            review=[ReviewItem.from_dict(r) for r in data["review"]],
            partitions=data["partitions"],
        )


def merge_results(results: Iterable[ReconcileResult]) -> ReconcileResult:
    """Add partial results up; lists come out sorted by key so any partitioning gives the same result."""
    results = list(results)
    if not results:
        raise ValueError("nothing to merge")
    entities = {r.entity for r in results}
    if len(entities) != 1:
        raise ValueError(f"cannot merge results of different entities: {sorted(entities)}")
    merged = ReconcileResult(entity=results[0].entity, partitions=0)
    for part in results:
        merged.counts.update(part.counts)
        merged.format_only += part.format_only
        merged.fields_differing.update(part.fields_differing)
        merged.unlinked.update(part.unlinked)
        merged.salesforce_fixes.extend(part.salesforce_fixes)
        merged.erp_fixes.extend(part.erp_fixes)
        merged.review.extend(part.review)
        merged.partitions += part.partitions
    merged.counts = +merged.counts  # drop zero entries so equal runs compare equal
    merged.salesforce_fixes.sort(key=lambda u: u.key)
    merged.erp_fixes.sort(key=lambda u: u.key)
    merged.review.sort(key=lambda r: (r.key, r.field or ""))
    return merged


# A partition record is (modified, payload); payload = deleted flag + raw values + LF.
_Record = tuple[str, str]


def choose_records(rows: Iterable[tuple[str, str, _Record]]) -> tuple[dict[str, _Record], set[str]]:
    """One record per key from (key, deleted flag, record), and the keys held by more than one live
    record. queryAll returns a deleted row beside its live successor: the live one counts. Of
    deleted rows only, the latest (by modification time, then content) does, so the choice never
    depends on the order rows arrive in (the columnar engine reads in parallel)."""
    records: dict[str, _Record] = {}
    duplicates: set[str] = set()
    setdefault = records.setdefault
    for key, flag, record in rows:
        previous = setdefault(key, record)
        if previous is not record:
            if previous[1][0] == "1":
                if flag != "1" or record > previous:
                    records[key] = record
            elif flag != "1":
                duplicates.add(key)
    return records, duplicates


def _partition_rows(path: Path, entity: EntitySpec, side: Owner) -> Iterator[tuple[str, str, _Record]]:
    for line in read_partition(path, entity, side):
        modified, key, payload = line.split("\t", 2)
        yield key, payload[0], (modified, payload)


def classify_records(
    spec: EntitySpec,
    salesforce: dict[str, _Record],
    erp: dict[str, _Record],
    sf_dupes: set[str],
    erp_dupes: set[str],
    rules: Rules,
    result: ReconcileResult,
) -> None:
    """Classify every key of ``salesforce`` and ``erp`` (consumed) into ``result``: the part of a
    compare both engines share, for the records that are not identical."""
    # A duplicated link key cannot be paired safely: a fix could land on the wrong record.
    for key in sorted(sf_dupes | erp_dupes):
        salesforce.pop(key, None)
        erp.pop(key, None)
        side = "Salesforce" if key in sf_dupes else "ERP"
        result.counts[RecordClass.DUPLICATE_KEY] += 1
        result.review.append(
            ReviewItem(
                key, RecordClass.DUPLICATE_KEY, Reason.DUPLICATE_KEY, detail=f"several live {side} records"
            )
        )
    in_sync = 0
    slow: list[tuple[str, _Record | None, _Record | None]] = []
    pop = salesforce.pop
    for key, erp_record in erp.items():
        sf_record = pop(key, None)
        # The fast path: identical raw mapped values and deleted flag "0" on both sides.
        if sf_record is not None and sf_record[1] == erp_record[1] and erp_record[1][0] == "0":
            in_sync += 1
        else:
            slow.append((key, sf_record, erp_record))
    slow.extend((key, leftover, None) for key, leftover in salesforce.items())
    if in_sync:
        result.counts[RecordClass.IN_SYNC] += in_sync
    for key, sf_side, erp_side in slow:
        _classify(spec, key, sf_side, erp_side, rules, result)
    result.review.sort(key=lambda r: (r.key, r.field or ""))


def compare_partition(
    entity: EntitySpec | str,
    salesforce_partition: Path,
    erp_partition: Path,
    rules: Rules,
    *,
    limits: EngineLimits | None = None,
    workdir: Path | None = None,
) -> ReconcileResult:
    """Compare one partition of both sides with the columnar engine (the Distributed Map's child).
    Pure function of its inputs (safe to rerun)."""
    from sferp.reconciliation.columnar import compare_partition_files

    spec = get_entity(entity) if isinstance(entity, str) else entity
    return compare_partition_files(
        spec, Path(salesforce_partition), Path(erp_partition), rules, limits=limits, workdir=workdir
    )


def compare_partition_reference(
    entity: EntitySpec | str, salesforce_partition: Path, erp_partition: Path, rules: Rules
) -> ReconcileResult:
    """The reference engine: the same comparison in plain Python, record by record. Kept to prove
    the columnar engine equal to it (tests) and to run where DuckDB is not installed."""
    spec = get_entity(entity) if isinstance(entity, str) else entity
    result = ReconcileResult(entity=spec.name)
    # The loaded partition is millions of small tuples that never form cycles; the cyclic GC
    # would rescan them on every allocation burst and triple the load time.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        salesforce, sf_dupes = choose_records(
            _partition_rows(Path(salesforce_partition), spec, Owner.SALESFORCE)
        )
        erp, erp_dupes = choose_records(_partition_rows(Path(erp_partition), spec, Owner.ERP))
    finally:
        if gc_was_enabled:
            gc.enable()
    classify_records(spec, salesforce, erp, sf_dupes, erp_dupes, rules, result)
    return result


def _classify(
    spec: EntitySpec,
    key: str,
    sf_record: _Record | None,
    erp_record: _Record | None,
    rules: Rules,
    result: ReconcileResult,
) -> None:
    n = len(spec.fields)
    sf_deleted = sf_record is not None and sf_record[1][0] == "1"
    erp_deleted = erp_record is not None and erp_record[1][0] == "1"
    if erp_record is None or sf_record is None:
        present, deleted = (sf_record, sf_deleted) if erp_record is None else (erp_record, erp_deleted)
        assert present is not None
        if deleted:
            result.counts[RecordClass.IN_SYNC] += 1  # gone on one side, absent on the other: agreed
            return
        values = decode_values(present[1][1:], n)
        if erp_record is None:
            result.counts[RecordClass.ONLY_SALESFORCE] += 1
            action, reason = spec.on_only_salesforce, Reason.ONLY_IN_SALESFORCE
        else:
            result.counts[RecordClass.ONLY_ERP] += 1
            action, reason = spec.on_only_erp, Reason.ONLY_IN_ERP
        backlink = _salesforce_backlink(spec, values) if erp_record is not None else None
        if action is MissingAction.CREATE_IN_SALESFORCE and backlink:
            # The ERP says which Salesforce record this is, and Salesforce has none by the link key,
            # not even deleted: re-creating it would bring back a purged record (or duplicate one
            # that lacks the key). A human decides.
            result.review.append(
                ReviewItem(
                    key,
                    RecordClass.ONLY_ERP,
                    Reason.LINKED_RECORD_NOT_FOUND,
                    detail=(
                        f"the ERP record names {spec.salesforce_object} {backlink}, which Salesforce does not "
                        f"hold by {spec.salesforce_key}, not even in the recycle bin: purged (hard-deleted) "
                        f"or without {spec.salesforce_key}; not re-created"
                    ),
                )
            )
        elif action is MissingAction.CREATE_IN_SALESFORCE and erp_record is not None:
            _create_in_salesforce(spec, key, values, result)
        else:
            record_class = RecordClass.ONLY_SALESFORCE if erp_record is None else RecordClass.ONLY_ERP
            result.review.append(ReviewItem(key, record_class, reason))
        return
    if sf_deleted and erp_deleted:
        result.counts[RecordClass.IN_SYNC] += 1
        return
    if sf_deleted or erp_deleted:
        result.counts[RecordClass.DELETED] += 1
        gone, alive = (sf_record, erp_record) if sf_deleted else (erp_record, sf_record)
        reason = delete_reason(
            deleted_at=parse_timestamp(gone[0]), survivor_modified=parse_timestamp(alive[0]), rules=rules
        )
        detail = "deleted in Salesforce" if sf_deleted else "deleted in the ERP"
        result.review.append(ReviewItem(key, RecordClass.DELETED, reason, detail=detail))
        return
    sf_values = decode_values(sf_record[1][1:], n)
    erp_values = decode_values(erp_record[1][1:], n)
    # Equal text normalises equally: only the fields whose text differs are normalised (most
    # records that differ at all differ in one field).
    differing = [
        (spec.fields[i], sf_values[i], erp_values[i])
        for i in range(n)
        if sf_values[i] != erp_values[i]
        and normalise(spec.fields[i].kind, sf_values[i]) != normalise(spec.fields[i].kind, erp_values[i])
    ]
    if not differing:
        result.counts[RecordClass.IN_SYNC] += 1
        result.format_only += 1
        return
    result.counts[RecordClass.FIELD_CONFLICT] += 1
    sf_modified, erp_modified = parse_timestamp(sf_record[0]), parse_timestamp(erp_record[0])
    sf_fix: dict[str, Any] = {}
    erp_fix: dict[str, Any] = {}
    for spec_field, sf_raw, erp_raw in differing:
        result.fields_differing[spec_field.name] += 1
        sf_value, erp_value = fix_value(spec_field.kind, sf_raw), fix_value(spec_field.kind, erp_raw)
        resolution = resolve_field(
            spec_field,
            salesforce_value=sf_value,
            erp_value=erp_value,
            salesforce_modified=sf_modified,
            erp_modified=erp_modified,
            rules=rules,
        )
        if resolution.target is Owner.SALESFORCE:
            sf_fix[spec_field.salesforce] = resolution.value
        elif resolution.target is Owner.ERP:
            erp_fix[spec_field.erp] = resolution.value
        else:
            assert resolution.reason is not None
            result.review.append(
                ReviewItem(
                    key,
                    RecordClass.FIELD_CONFLICT,
                    resolution.reason,
                    spec_field.name,
                    sf_value,
                    erp_value,
                    resolution.detail,
                )
            )
    if sf_fix:
        result.salesforce_fixes.append(RecordUpdate(key=key, fields=sf_fix))
    if erp_fix:
        result.erp_fixes.append(RecordUpdate(key=key, fields=erp_fix))


def _salesforce_backlink(spec: EntitySpec, erp_values: list[str]) -> str | None:
    """The Salesforce record Id the ERP record keeps (the field mapped to ``Id``), if any."""
    for spec_field, raw in zip(spec.fields, erp_values, strict=True):
        if spec_field.salesforce == "Id":
            return raw.strip() or None
    return None


def _create_in_salesforce(spec: EntitySpec, key: str, erp_values: list[str], result: ReconcileResult) -> None:
    """An upsert on the external id creates the record; every mapped value must be valid for Salesforce."""
    fields: dict[str, Any] = {spec.salesforce_key: key}
    for spec_field, raw in zip(spec.fields, erp_values, strict=True):
        if spec_field.salesforce == spec.salesforce_key or spec_field.salesforce == "Id":
            continue  # the Id is assigned by Salesforce on insert
        value = fix_value(spec_field.kind, raw)
        problem = validate_fix(spec_field, value, target=Owner.SALESFORCE)
        if problem is not None:
            result.review.append(
                ReviewItem(
                    key,
                    RecordClass.ONLY_ERP,
                    Reason.FIX_FAILS_VALIDATION,
                    spec_field.name,
                    None,
                    value,
                    f"erp value {problem}",
                )
            )
            return
        if value is not None:
            fields[spec_field.salesforce] = value
    result.salesforce_fixes.append(RecordUpdate(key=key, fields=fields))


# --- the local pipeline: split, compare partitions (in parallel), merge ----------------------

ProgressCallback = Callable[[str, int, int], None]  # (phase, done, total)

_split_counters: Any = None  # shared byte counters, set in each worker by the pool initializer


def _init_worker(counters: Any) -> None:
    global _split_counters
    _split_counters = counters


def _split_task(
    entity: str, side: str, source: str, directory: str, partitions: int, slot: int
) -> SplitStats:
    def report(done: int) -> None:
        if _split_counters is not None:
            _split_counters[slot] = done

    gc.disable()  # see compare_partition: no cycles in csv rows
    return split_export(get_entity(entity), Owner(side), Path(source), Path(directory), partitions, report)


def _compare_task(entity: str, sf_path: str, erp_path: str, rules: Rules) -> ReconcileResult:
    return compare_partition_reference(entity, Path(sf_path), Path(erp_path), rules)


def default_partitions(*paths: Path) -> int:
    biggest = max((p.stat().st_size for p in paths if p.exists()), default=0)
    return max(1, min(MAX_PARTITIONS, math.ceil(biggest / PARTITION_TARGET_BYTES)))


class Engine(StrEnum):
    COLUMNAR = "columnar"  # DuckDB: the default, see sferp.reconciliation.columnar
    REFERENCE = "reference"  # plain Python over key-hash partitions, record by record


@dataclass(slots=True)
class RunOutcome:
    result: ReconcileResult
    salesforce_rows: int
    erp_rows: int
    duration_s: float
    engine: Engine = Engine.COLUMNAR
    phases_s: dict[str, float] = field(default_factory=dict)


def reconcile_files(
    entity: EntitySpec | str,
    salesforce_csv: Path,
    erp_csv: Path,
    rules: Rules,
    *,
    engine: Engine | str = Engine.COLUMNAR,
    memory_limit_mb: int | None = None,
    threads: int | None = None,
    partitions: int | None = None,
    workers: int | None = None,
    workdir: Path | None = None,
    on_progress: ProgressCallback | None = None,
) -> RunOutcome:
    """Reconcile two exports on this machine.

    The columnar engine (default) takes ``memory_limit_mb`` and ``threads``; the reference engine
    takes ``partitions`` and ``workers`` (``workers=1`` runs in-process, no subprocesses)."""
    spec = get_entity(entity) if isinstance(entity, str) else entity
    engine = Engine(engine)
    if engine is Engine.COLUMNAR:
        from sferp.reconciliation.columnar import DEFAULT_MEMORY_LIMIT_MB, EngineLimits, compare_csv_files

        started = time.perf_counter()
        limits = EngineLimits(memory_limit_mb=memory_limit_mb or DEFAULT_MEMORY_LIMIT_MB, threads=threads)
        columnar = compare_csv_files(
            spec, salesforce_csv, erp_csv, rules, limits=limits, workdir=workdir, on_progress=on_progress
        )
        merged = merge_results([columnar.result])
        merged.unlinked = columnar.result.unlinked
        duration = time.perf_counter() - started
        logger.info(
            "reconciliation compared",
            extra={
                "entity": spec.name,
                "engine": engine.value,
                "records": merged.compared,
                "duration_s": round(duration, 3),
                "phases_s": columnar.phases_s,  # where the time went: read, join, fetch, classify
                "reads": columnar.reads,  # 2: the inputs were read again for the records to classify
            },
        )
        return RunOutcome(
            merged, columnar.salesforce_rows, columnar.erp_rows, duration, engine, columnar.phases_s
        )
    return _reconcile_reference(
        spec,
        salesforce_csv,
        erp_csv,
        rules,
        partitions=partitions,
        workers=workers,
        workdir=workdir,
        on_progress=on_progress,
    )


def _reconcile_reference(
    spec: EntitySpec,
    salesforce_csv: Path,
    erp_csv: Path,
    rules: Rules,
    *,
    partitions: int | None,
    workers: int | None,
    workdir: Path | None,
    on_progress: ProgressCallback | None,
) -> RunOutcome:
    started = time.perf_counter()
    sources = (Path(salesforce_csv), Path(erp_csv))
    n = partitions or default_partitions(*sources)
    workers = workers or min(2, os.cpu_count() or 1)
    total_bytes = sum(p.stat().st_size for p in sources if p.exists())
    scratch = Path(tempfile.mkdtemp(prefix="sferp-reconcile-", dir=workdir))
    try:
        if workers == 1:
            stats = _run_inline(spec, sources, scratch, n, rules, total_bytes, on_progress)
        else:
            stats = _run_pool(spec, sources, scratch, n, rules, workers, total_bytes, on_progress)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    (sf_stats, erp_stats), parts = stats
    merged = merge_results(parts)
    merged.unlinked.update({"salesforce": sf_stats.unlinked, "erp": erp_stats.unlinked})
    merged.unlinked = Counter({k: v for k, v in merged.unlinked.items() if v})
    duration = time.perf_counter() - started
    logger.info(
        "reconciliation compared",
        extra={
            "entity": spec.name,
            "engine": Engine.REFERENCE.value,
            "partitions": n,
            "records": merged.compared,
            "duration_s": round(duration, 3),
        },
    )
    return RunOutcome(merged, sf_stats.rows, erp_stats.rows, duration, Engine.REFERENCE)


_Stats = tuple[tuple[SplitStats, SplitStats], list[ReconcileResult]]


def _run_inline(
    spec: EntitySpec,
    sources: Sequence[Path],
    scratch: Path,
    n: int,
    rules: Rules,
    total_bytes: int,
    on_progress: ProgressCallback | None,
) -> _Stats:
    done_before = 0
    stats = []
    for side, source in zip((Owner.SALESFORCE, Owner.ERP), sources, strict=True):
        offset = done_before

        def report(done: int, offset: int = offset) -> None:
            if on_progress is not None:
                on_progress("split", offset + done, total_bytes)

        stats.append(split_export(spec, side, source, scratch, n, report))
        done_before += source.stat().st_size
    parts = []
    for i, (sf_path, erp_path) in enumerate(zip(stats[0].paths, stats[1].paths, strict=True)):
        parts.append(compare_partition_reference(spec, sf_path, erp_path, rules))
        if on_progress is not None:
            on_progress("compare", i + 1, n)
    return (stats[0], stats[1]), parts


def _run_pool(
    spec: EntitySpec,
    sources: Sequence[Path],
    scratch: Path,
    n: int,
    rules: Rules,
    workers: int,
    total_bytes: int,
    on_progress: ProgressCallback | None,
) -> _Stats:
    # Imported here: only the reference engine runs a pool, and multiprocessing costs the
    # columnar path's start-up ~15 ms.
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # fork: workers inherit the imported package (no re-import per worker), and the CLI has no threads.
    context = multiprocessing.get_context("fork")
    counters = context.Array("q", 2, lock=False)
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(counters,)
    ) as pool:
        split_futures = [
            pool.submit(_split_task, spec.name, side.value, str(source), str(scratch), n, slot)
            for slot, (side, source) in enumerate(zip((Owner.SALESFORCE, Owner.ERP), sources, strict=True))
        ]
        _wait_all(split_futures, lambda: on_progress and on_progress("split", sum(counters), total_bytes))
        sf_stats, erp_stats = (f.result() for f in split_futures)
        compare_futures = [
            pool.submit(_compare_task, spec.name, str(a), str(b), rules)
            for a, b in zip(sf_stats.paths, erp_stats.paths, strict=True)
        ]
        pending: set[Future[ReconcileResult]] = set(compare_futures)
        while pending:
            _, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
            if on_progress is not None:
                on_progress("compare", n - len(pending), n)
        parts = [f.result() for f in compare_futures]
    return (sf_stats, erp_stats), parts


def _wait_all(futures: Sequence[Future[Any]], tick: Callable[[], object]) -> None:
    from concurrent.futures import FIRST_COMPLETED, wait

    pending = set(futures)
    while pending:
        _, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
        tick()
        for future in futures:
            if future.done() and future.exception() is not None:
                raise future.exception()  # type: ignore[misc]  # fail fast on a bad input file
