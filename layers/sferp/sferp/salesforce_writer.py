"""The one component that writes record changes to Salesforce, for every flow (issue 13).

A flow hands it ``RecordChange``s (object, Id or external id, fields, the version of the change at
its source, urgent or not); the writer

1. **defers** non-urgent changes (reconciliation fixes, prices) while the org's API usage, read
   from ``Sforce-Limit-Info`` on the last call, is at or above ``defer_at_share`` of the daily
   limit; urgent ones (order write-backs, sync errors) are written regardless. Deferred changes
   come back to the flow as ``DEFERRED`` to be offered again later: nothing is dropped, and writing
   resumes by itself once usage is below the share;
2. **coalesces** the batch: one entry per record, each field at its newest version (a field's
   older versions in the same batch are ``SUPERSEDED``);
3. **claims** the fields in the desired-state store (``sferp.ports.desired_state``): a field whose
   stored version is newer than the change's is not written (``SUPERSEDED``), so a duplicate or a
   late, reordered message never puts an older state over a newer one;
4. **writes** with sObject Collections (200 records a call, per-record results) up to
   ``bulk_threshold`` records of one object a batch, and above it with one Bulk API 2.0 job (an
   update by Id or an upsert on the external id; a job costs about six calls whatever its size, so
   it pays only for large batches);
5. **re-checks** the store for what it wrote: if a newer version of a field was claimed while it
   was writing (another invocation), it writes the newest once more, so the last write is always
   the newest state;
6. reports **per change**: ``WRITTEN``; ``REJECTED`` with Salesforce's error code and message (a
   validation rule, a deleted or locked record, a missing permission), also sent to the dead-letter
   queue with that reason when one is given; ``RETRY`` for a retriable failure (row lock, 5xx,
   request limit) the flow should retry; ``SUPERSEDED``; ``DEFERRED``.

The batching window across invocations is the write queue's (``sferp.write_queue``, one writer
function for a window's changes). See docs/salesforce_writer.md.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

from aws_lambda_powertools.metrics import MetricUnit

from sferp import names
from sferp.adapters.salesforce.common import RETRIABLE_RECORD_ERRORS, check_api_name
from sferp.errors import ConfigurationError, RetriableError, SalesforceError
from sferp.models.records import RecordResult, RecordUpdate
from sferp.observability import logger, metrics
from sferp.ports import SalesforceGateway
from sferp.ports.desired_state import Claim, DesiredStateStore, Versioned
from sferp.ports.queues import DeadLetter, DeadLetterQueue

METRIC_WRITER_DEFERRED = "SalesforceWritesDeferred"
METRIC_WRITER_REJECTED = "SalesforceWritesRejected"
METRIC_WRITER_SUPERSEDED = "SalesforceWritesSuperseded"
METRIC_WRITER_WRITTEN = "SalesforceRecordsWritten"
_STATUS_CODE_RE = re.compile(r"[A-Z][A-Z0-9_]*")


class WriteOutcome(StrEnum):
    WRITTEN = "written"
    SUPERSEDED = "superseded"  # a newer version of every field of the change is (or was) written
    REJECTED = "rejected"  # Salesforce refused the record for good: code and message in the result
    RETRY = "retry"  # a failure a later attempt can fix
    DEFERRED = "deferred"  # non-urgent, held back by the API-quota guard
    QUEUED = "queued"  # on the write queue (sferp.write_queue): the writer function writes it


@dataclass(frozen=True, slots=True)
class RecordChange:
    """One record's desired fields from one source change. ``version`` orders the changes of one
    record (a Salesforce order version, an ERP change time in epoch milliseconds): higher is newer."""

    sobject: str
    key: str
    fields: Mapping[str, Any]
    version: int
    key_field: str = "Id"  # or an external id field (an upsert)
    urgent: bool = True
    flow: str = "unknown"
    reference: str | None = None  # the flow's handle for the result (a message id)


# --- A change as JSON (the write queue's messages, the DLQ's bodies), its values' types kept -----
# Salesforce takes numbers as JSON numbers and dates as ISO strings; a Decimal price must not turn
# into a float on the way, nor a date into a string the writer cannot tell from text. Tagged values
# keep the type; anything else is refused at encoding (a TypeError naming the field), not guessed.
_TAGS: dict[str, Any] = {
    "$decimal": Decimal,
    "$date": date.fromisoformat,
    "$datetime": datetime.fromisoformat,
}


def _encode_value(name: str, value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    raise TypeError(f"field {name}: a {type(value).__name__} is not a Salesforce field value")


def _decode_value(value: Any) -> Any:
    if isinstance(value, Mapping):
        if len(value) == 1:
            ((tag, text),) = value.items()
            if tag in _TAGS and isinstance(text, str):
                return _TAGS[tag](text)
        raise ValueError(f"not a field value: {json.dumps(value)[:200]}")
    return value


def change_to_json(change: RecordChange) -> dict[str, Any]:
    return {
        "sobject": change.sobject,
        "key_field": change.key_field,
        "key": change.key,
        "fields": {n: _encode_value(n, v) for n, v in change.fields.items()},
        "version": change.version,
        "urgent": change.urgent,
        "flow": change.flow,
        "reference": change.reference,
    }


def change_from_json(data: Any) -> RecordChange:
    """The change a ``change_to_json`` made; a ValueError says what is missing or wrong."""
    if not isinstance(data, Mapping):
        raise ValueError("a record change is a JSON object")
    try:
        fields = data["fields"]
        version = data["version"]
        sobject, key = str(data["sobject"]), str(data["key"])
    except KeyError as exc:
        raise ValueError(f"a record change without {exc.args[0]!r}") from exc
    if not isinstance(fields, Mapping):
        raise ValueError("a record change's fields are a JSON object")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError("a record change's version is an integer")
    change = RecordChange(
        sobject=sobject,
        key=key,
        fields={str(n): _decode_value(v) for n, v in fields.items()},
        version=version,
        key_field=str(data.get("key_field") or "Id"),
        urgent=bool(data.get("urgent", True)),
        flow=str(data.get("flow") or "unknown"),
        reference=None if data.get("reference") is None else str(data["reference"]),
    )
    check_api_name(change.sobject)
    check_api_name(change.key_field, "field")
    for name in change.fields:
        check_api_name(name, "field")
    return change


class ChangeWriter(Protocol):
    """What a flow writes its record changes through: the writer in-process, or the write queue."""

    def write(self, changes: Sequence[RecordChange]) -> list[WriteResult]: ...


@dataclass(frozen=True, slots=True)
class WriteResult:
    change: RecordChange
    outcome: WriteOutcome
    error_code: str | None = None
    message: str | None = None


@dataclass(frozen=True, slots=True)
class WriterSettings:
    defer_at_share: float = 0.8  # of the org's daily API limit
    collection_size: int = names.SF_COLLECTION_MAX_RECORDS
    # Above this many records of one object a batch, one Bulk API 2.0 job (about six calls whatever
    # the size) instead of one Collections call per 200: 2,000 records are ten Collections calls,
    # where a Bulk job starts to cost fewer calls and less of the org's time.
    bulk_threshold: int = 2000

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> WriterSettings:
        """The environment's thresholds (cdk.json ``salesforce_writer``: ``bulk_threshold``,
        ``defer_at_share``, set on every function that writes); the defaults where a variable is
        absent (local runs, tests). A value that is not a number in range fails with its name."""
        env = os.environ if environ is None else environ
        defaults = cls()
        values: dict[str, Any] = {}
        for variable, attribute, parse, low, high in (
            (
                names.ENV_WRITER_BULK_THRESHOLD,
                "bulk_threshold",
                int,
                names.SF_COLLECTION_MAX_RECORDS,
                150_000_000,
            ),
            (names.ENV_WRITER_DEFER_AT_SHARE, "defer_at_share", float, 0.5, 0.95),
        ):
            raw = env.get(variable)
            if raw is None:
                continue
            try:
                value = parse(raw)
            except ValueError:
                value = None
            if value is None or not low <= value <= high:
                raise ConfigurationError(f"{variable}={raw!r}: expected a number from {low} to {high}")
            values[attribute] = value
        return replace(defaults, **values)


@dataclass
class _Record:
    sobject: str
    key_field: str
    key: str
    fields: dict[str, Versioned] = field(default_factory=dict)  # field -> (version, value)
    changes: list[RecordChange] = field(default_factory=list)

    @property
    def address(self) -> str:
        return f"{self.sobject}/{self.key_field}/{self.key}"


def _split_error(error: str | None) -> tuple[str, str]:
    """Salesforce's ``STATUS_CODE: message`` (as the adapters report record errors) as a pair."""
    text = error or "UNKNOWN_ERROR: no result returned"
    code, separator, message = text.partition(": ")
    if separator and _STATUS_CODE_RE.fullmatch(code):
        return code, message
    return "UNKNOWN_ERROR", text


class SalesforceWriter:
    def __init__(
        self,
        salesforce: SalesforceGateway,
        *,
        state: DesiredStateStore,
        settings: WriterSettings | None = None,
        dead_letters: DeadLetterQueue | None = None,
    ) -> None:
        self._salesforce = salesforce
        self._state = state
        self._settings = settings or WriterSettings.from_environment()
        self._dead_letters = dead_letters

    @property
    def deferring(self) -> bool:
        """Whether non-urgent writes are held back now (the last ``Sforce-Limit-Info`` reading)."""
        usage = self._salesforce.api_usage
        return usage is not None and usage.ratio >= self._settings.defer_at_share

    def write(self, changes: Sequence[RecordChange]) -> list[WriteResult]:
        results: dict[int, WriteResult] = {}
        deferring = self.deferring
        records: dict[str, _Record] = {}
        for index, change in enumerate(changes):
            check_api_name(change.sobject)
            check_api_name(change.key_field, "field")
            if deferring and not change.urgent:
                results[index] = WriteResult(change, WriteOutcome.DEFERRED)
                continue
            record = records.setdefault(
                f"{change.sobject}/{change.key_field}/{change.key}",
                _Record(change.sobject, change.key_field, change.key),
            )
            record.changes.append(change)
            for name, value in change.fields.items():
                current = record.fields.get(name)
                if current is None or change.version >= current[0]:
                    record.fields[name] = (change.version, value)
        if deferring and any(r.outcome is WriteOutcome.DEFERRED for r in results.values()):
            deferred = sum(1 for r in results.values() if r.outcome is WriteOutcome.DEFERRED)
            metrics.add_metric(name=METRIC_WRITER_DEFERRED, unit=MetricUnit.Count, value=deferred)
            logger.warning(
                "API usage above the guard: non-urgent Salesforce writes deferred",
                extra={"deferred": deferred, "share": self._settings.defer_at_share},
            )
        try:
            outcomes = self._write_records(list(records.values())) if records else {}
        finally:
            self._publish_api_usage()
        for index, change in enumerate(changes):
            if index in results:
                continue
            results[index] = self._result_for(change, records, outcomes)
        self._count(results.values())
        return [results[i] for i in range(len(changes))]

    # --- one batch of records ---------------------------------------------------------------------
    def _write_records(
        self, records: list[_Record]
    ) -> dict[str, tuple[WriteOutcome, str | None, str | None, set[str]]]:
        """Per record address: (outcome, error code, message, fields written)."""
        granted = self._state.claim([Claim(r.address, r.fields) for r in records])
        outcomes: dict[str, tuple[WriteOutcome, str | None, str | None, set[str]]] = {}
        to_write: list[tuple[_Record, dict[str, Versioned]]] = []
        for record in records:
            fields = granted.get(record.address, {})
            if fields:
                to_write.append((record, fields))
            else:
                outcomes[record.address] = (WriteOutcome.SUPERSEDED, None, None, set())
        written = self._send(to_write, outcomes)
        if written:
            self._rewrite_newer(written, outcomes)
        return outcomes

    def _send(
        self,
        batch: list[tuple[_Record, dict[str, Versioned]]],
        outcomes: dict[str, tuple[WriteOutcome, str | None, str | None, set[str]]],
    ) -> list[tuple[_Record, dict[str, Versioned]]]:
        """Write ``batch``; fill ``outcomes``; return what was written."""
        written: list[tuple[_Record, dict[str, Versioned]]] = []
        groups: dict[tuple[str, str], list[tuple[_Record, dict[str, Versioned]]]] = {}
        for record, fields in batch:
            groups.setdefault((record.sobject, record.key_field), []).append((record, fields))
        for (sobject, key_field), items in groups.items():
            try:
                if key_field == "Id":
                    update = (
                        self._salesforce.update_records
                        if len(items) <= self._settings.bulk_threshold
                        else self._salesforce.bulk_update
                    )
                    results = update(
                        sobject,
                        [RecordUpdate(key=r.key, fields={n: v for n, (_, v) in f.items()}) for r, f in items],
                    )
                else:
                    upsert = (
                        self._salesforce.upsert_records
                        if len(items) <= self._settings.bulk_threshold
                        else self._salesforce.bulk_upsert
                    )
                    results = upsert(
                        sobject,
                        key_field,
                        [{key_field: r.key, **{n: v for n, (_, v) in f.items()}} for r, f in items],
                    )
            except SalesforceError as exc:
                outcome = WriteOutcome.RETRY if isinstance(exc, RetriableError) else WriteOutcome.REJECTED
                code, message = _split_error(str(exc))
                for record, _ in items:
                    outcomes[record.address] = (outcome, code, message, set())
                continue
            by_key: dict[str, RecordResult] = {}
            for result in results:
                by_key.setdefault(result.key, result)
            for record, fields in items:
                found = by_key.get(record.key)
                if found is not None and found.ok:
                    outcomes[record.address] = (WriteOutcome.WRITTEN, None, None, set(fields))
                    written.append((record, fields))
                    continue
                code, message = _split_error(found.error if found else None)
                retriable = found is None or found.retriable or code in RETRIABLE_RECORD_ERRORS
                outcomes[record.address] = (
                    WriteOutcome.RETRY if retriable else WriteOutcome.REJECTED,
                    code,
                    message,
                    set(),
                )
        return written

    def _rewrite_newer(
        self,
        written: list[tuple[_Record, dict[str, Versioned]]],
        outcomes: dict[str, tuple[WriteOutcome, str | None, str | None, set[str]]],
    ) -> None:
        """Another writer claimed a newer version while this one wrote: write the newest again."""
        newest = self._state.newest([r.address for r, _ in written])
        again: list[tuple[_Record, dict[str, Versioned]]] = []
        for record, fields in written:
            stored = newest.get(record.address, {})
            newer = {
                n: stored[n] for n, (version, _) in fields.items() if n in stored and stored[n][0] > version
            }
            if newer:
                again.append((record, newer))
        if again:
            logger.info("a newer version arrived while writing: written again", extra={"records": len(again)})
            rewritten: dict[str, tuple[WriteOutcome, str | None, str | None, set[str]]] = {}
            self._send(again, rewritten)
            for address, (outcome, code, message, _) in rewritten.items():
                if outcome is not WriteOutcome.WRITTEN:
                    # The writer that claimed the newer version writes and re-checks it too.
                    logger.warning(
                        "newer version not written again",
                        extra={"record": address, "error_code": code, "reason": message},
                    )

    def _publish_api_usage(self) -> None:
        """The org's API usage as of the last call (``Sforce-Limit-Info``), with the flow's
        dimensions: what the Salesforce API usage alarms read (infra/constructs/alarms.py)."""
        usage = self._salesforce.api_usage
        if usage is not None:
            metrics.add_metric(name=names.METRIC_SALESFORCE_API_USED, unit=MetricUnit.Count, value=usage.used)
            metrics.add_metric(
                name=names.METRIC_SALESFORCE_API_USAGE_PCT,
                unit=MetricUnit.Percent,
                value=round(usage.ratio * 100, 2),
            )

    # --- results ----------------------------------------------------------------------------------
    @staticmethod
    def _result_for(
        change: RecordChange,
        records: dict[str, _Record],
        outcomes: dict[str, tuple[WriteOutcome, str | None, str | None, set[str]]],
    ) -> WriteResult:
        address = f"{change.sobject}/{change.key_field}/{change.key}"
        record = records[address]
        outcome, code, message, fields = outcomes[address]
        if outcome is WriteOutcome.WRITTEN:
            # This change's own fields: written if one of them was written at this change's version.
            mine = {n for n in change.fields if n in fields and record.fields[n][0] == change.version}
            return WriteResult(
                change, WriteOutcome.WRITTEN if mine or not change.fields else WriteOutcome.SUPERSEDED
            )
        return WriteResult(change, outcome, code, message)

    def _count(self, results: Any) -> None:
        results = list(results)
        for outcome, metric in (
            (WriteOutcome.WRITTEN, METRIC_WRITER_WRITTEN),
            (WriteOutcome.SUPERSEDED, METRIC_WRITER_SUPERSEDED),
            (WriteOutcome.REJECTED, METRIC_WRITER_REJECTED),
        ):
            count = sum(1 for r in results if r.outcome is outcome)
            if count:
                metrics.add_metric(name=metric, unit=MetricUnit.Count, value=count)
        rejected = [r for r in results if r.outcome is WriteOutcome.REJECTED]
        for result in rejected:
            logger.error(
                "Salesforce rejected a record",
                extra={
                    "flow": result.change.flow,
                    "sobject": result.change.sobject,
                    "key": result.change.key,
                    "error_code": result.error_code,
                    "reason": result.message,
                },
            )
            if self._dead_letters is not None:
                # Kept with Salesforce's reason; redriving it after the cause is fixed writes it.
                self._dead_letters.send(
                    DeadLetter(
                        # The write queue reads this body back (change_from_json): redriving the
                        # DLQ to the write queue writes it once the cause is fixed.
                        body=json.dumps(change_to_json(result.change)),
                        reason=f"Salesforce rejected the write: {result.error_code}: {result.message}",
                        message_group_id=result.change.key,
                        source_message_id=result.change.reference
                        or f"{result.change.flow}-{result.change.key}",
                        salesforce_order_id=result.change.key if result.change.sobject == "Order" else None,
                    )
                )
