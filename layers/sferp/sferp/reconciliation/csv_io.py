"""Streaming CSV input and the partition file format.

An export (Salesforce data export or ERP extract, layouts in docs/reconciliation.md) is read once,
row by row with the C ``csv`` reader, and split by a stable hash of the link key into N partition
files. A partition file is side-neutral: one line per record,

    <modified> TAB <key> TAB <deleted 0|1><mapped values joined by US (0x1f)> LF

with the mapped values in the entity's field order, exactly as exported (normalisation happens
only for records whose raw values differ, see ``compare``). Values containing TAB, CR, LF or US
are escaped and the value block starts with NUL. The first line names format, entity, side and
fields so a compare task can refuse a partition written for another layout. The Step Functions
extract writes the same files to S3, so ``compare_partition`` is the same code locally and there.
"""

from __future__ import annotations

import csv
import io
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import IO

from sferp.errors import PermanentError
from sferp.models.entities import EntitySpec, Owner

FORMAT = "#sferp-partition/1"
SEP = "\x1f"
ESCAPED = "\x00"
_DELETED = {"": "0", "false": "0", "true": "1", "FALSE": "0", "TRUE": "1", "False": "0", "True": "1"}
_DELETED_SLOW = {"0": "0", "1": "1", "no": "0", "yes": "1", "n": "0", "y": "1", "x": "1"}
_UNESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPE = {"t": "\t", "n": "\n", "r": "\r", "u": SEP, "\\": "\\"}


class InputFileError(PermanentError):
    """An input file cannot be used. ``str()`` is one line naming the file."""

    def __init__(self, path: Path | str, message: str) -> None:
        # args are what pickling replays: errors cross the worker-process boundary.
        super().__init__(str(path), message)
        self.path = str(path)
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class MissingColumnError(InputFileError):
    """A required column is absent from the header."""

    def __init__(self, path: Path | str, column: str) -> None:
        super().__init__(path, f"missing column {column!r}")
        self.args = (str(path), column)
        self.column = column


class MalformedRowError(InputFileError):
    """A row is too short, not decodable, or carries an unusable key or flag."""


@dataclass(slots=True)
class SplitStats:
    """What one side's split produced."""

    side: Owner
    rows: int = 0
    unlinked: int = 0  # rows without a link key: nothing to match them with
    paths: list[Path] = field(default_factory=list)


def partition_of(key: str, partitions: int) -> int:
    """Stable across processes and machines (the built-in ``hash`` is salted per process)."""
    return zlib.crc32(key.encode()) % partitions


def partition_path(directory: Path, side: Owner, index: int) -> Path:
    return directory / f"{side.value}-{index:05d}.part"


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace(SEP, "\\u")
    )


def encode_payload(flag: str, values: Sequence[str]) -> str:
    """A partition record's value block: the deleted flag, then the values joined by US, escaped
    (and marked with a leading NUL) only when a value holds TAB, CR, LF or US."""
    joined = SEP.join(values)
    if "\t" in joined or "\n" in joined or "\r" in joined or joined.count(SEP) != len(values) - 1:
        return flag + ESCAPED + SEP.join(_escape(v) for v in values)
    return flag + joined


def decode_values(payload: str, expected: int) -> list[str]:
    """The mapped raw values of a partition record (``payload`` without the deleted flag)."""
    payload = payload.rstrip("\n")
    if payload.startswith(ESCAPED):
        values = [
            _UNESCAPE_RE.sub(lambda m: _UNESCAPE.get(m.group(1), m.group(1)), v)
            for v in payload[1:].split(SEP)
        ]
    else:
        values = payload.split(SEP)
    if len(values) != expected:
        raise MalformedRowError("partition", f"record has {len(values)} values, expected {expected}")
    return values


def _deleted_flag(path: Path, raw: str, line: int) -> str:
    flag = _DELETED_SLOW.get(raw.strip().lower()) or _DELETED.get(raw.strip().lower())
    if flag is None:
        raise MalformedRowError(path, f"line {line}: deleted flag {raw!r} is not a boolean")
    return flag


def header_line(entity: EntitySpec, side: Owner) -> str:
    return "\t".join((FORMAT, entity.name, side.value, ",".join(entity.field_names()))) + "\n"


class ExportReader:
    """CSV records of an export, with fast paths for the two layouts exports actually use.

    A line without quotes is split on commas, a line where every field is quoted and no value
    holds a quote (a Salesforce data export) on ``","``; both give exactly what the ``csv`` module
    gives, at a fraction of its per-row cost. Anything else (embedded quotes, mixed quoting) is
    handed to ``csv``, and a record spanning lines is gathered until its quotes balance.
    """

    def __init__(self, handle: IO[str], columns: int, on_chunk: Callable[[], None] | None = None) -> None:
        self._handle = handle
        self._columns = columns
        self._on_chunk = on_chunk
        self.line_num = 1  # lines consumed incl. the header, for error messages (as csv.reader counts)

    def __iter__(self) -> Iterator[list[str]]:
        all_quoted = 2 * self._columns
        columns = self._columns
        pending: str | None = None
        while True:
            lines = self._handle.readlines(1 << 20)  # ~1 MiB per chunk keeps the loop free of bookkeeping
            if not lines:
                break
            for line in lines:
                self.line_num += 1
                if pending is not None:
                    pending += line
                    if pending.count('"') % 2:
                        continue
                    line, pending = pending, None
                    yield _csv_record(line)
                    continue
                quotes = line.count('"')
                if quotes == 0:
                    text = line.rstrip("\r\n")
                    if text:  # blank lines carry no record (as with csv.reader)
                        yield text.split(",")
                    continue
                if quotes == all_quoted:
                    text = line.rstrip("\r\n")
                    if text[0] == '"' and text[-1] == '"':
                        row = text[1:-1].split('","')
                        # All quotes are the outer pair plus the separators: no value holds one.
                        if len(row) == columns:
                            yield row
                            continue
                if quotes % 2:
                    pending = line  # a quoted value spans lines
                    continue
                yield _csv_record(line)
            if self._on_chunk is not None:
                self._on_chunk()
        if pending is not None:
            raise csv.Error("unexpected end of file inside a quoted value")


def _csv_record(text: str) -> list[str]:
    return next(csv.reader(text.splitlines(keepends=True)), [])


def open_export(path: Path, entity: EntitySpec, side: Owner) -> tuple[io.TextIOWrapper, dict[str, int]]:
    """Open an export and check its header against the entity's columns."""
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - caller closes
    except OSError as exc:
        raise InputFileError(path, f"cannot open ({exc.strerror or exc})") from exc
    try:
        first = handle.readline()
        header = _csv_record(first) if first.strip() else []
    except (UnicodeDecodeError, csv.Error) as exc:
        handle.close()
        raise InputFileError(path, f"not a UTF-8 CSV file ({exc})") from exc
    if not header:
        handle.close()
        raise InputFileError(path, "empty file (no header row)")
    index = {name.strip(): i for i, name in enumerate(header)}
    for column in entity.columns(side):
        if column not in index:
            handle.close()
            raise MissingColumnError(path, column)
    return handle, index


def split_export(
    entity: EntitySpec,
    side: Owner,
    source: Path,
    directory: Path,
    partitions: int,
    on_progress: Callable[[int], None] | None = None,
) -> SplitStats:
    """Stream ``source`` into ``partitions`` partition files in ``directory``."""
    stats = SplitStats(side=side, paths=[partition_path(directory, side, i) for i in range(partitions)])
    handle, index = open_export(source, entity, side)

    def chunk_done() -> None:
        if on_progress is not None:
            on_progress(handle.buffer.tell())  # type: ignore[attr-defined]  # a BufferedReader

    reader = ExportReader(handle, max(index.values()) + 1, chunk_done)
    if side is Owner.SALESFORCE:
        key_i, del_i, mod_i = (
            index[entity.salesforce_key],
            index[entity.salesforce_deleted],
            index[entity.salesforce_modified],
        )
        mapped = [index[f.salesforce] for f in entity.fields]
        normalise_key = entity.salesforce_key_normaliser
    else:
        key_i, del_i, mod_i = index[entity.erp_key], index[entity.erp_deleted], index[entity.erp_modified]
        mapped = [index[f.erp] for f in entity.fields]
        normalise_key = entity.erp_key_normaliser
    # itemgetter returns a bare value for one index; the loop needs a tuple either way.
    pick: Callable[[list[str]], tuple[str, ...]] = (
        itemgetter(*mapped) if len(mapped) > 1 else (lambda row: (row[mapped[0]],))
    )
    deleted_fast = _DELETED
    seps = len(mapped) - 1
    crc32 = zlib.crc32
    n = partitions
    rows = unlinked = 0
    with handle, ExitStack() as stack:
        writers = []
        for path in stats.paths:
            out = stack.enter_context(open(path, "w", encoding="utf-8", newline=""))
            out.write(header_line(entity, side))
            writers.append(out.write)
        try:
            for row in reader:
                key = row[key_i].strip()
                if normalise_key is not None and key:
                    key = normalise_key(key)
                if not key:
                    unlinked += 1
                    continue
                flag = deleted_fast.get(row[del_i]) or _deleted_flag(source, row[del_i], reader.line_num)
                values = SEP.join(pick(row))
                # C-level scans are far cheaper than escaping every record; a value holding
                # the separator shows up as one separator too many.
                if "\t" in values or "\n" in values or "\r" in values or values.count(SEP) != seps:
                    values = ESCAPED + SEP.join(_escape(v) for v in pick(row))
                modified = row[mod_i]
                if "\t" in key or "\n" in key or "\t" in modified or "\n" in modified:
                    raise MalformedRowError(
                        source, f"record ending line {reader.line_num}: tab or newline in key or timestamp"
                    )
                writers[crc32(key.encode()) % n](f"{modified}\t{key}\t{flag}{values}\n")
                rows += 1
        except IndexError:
            raise MalformedRowError(
                source, f"line {reader.line_num}: fewer columns than the header"
            ) from None
        except UnicodeDecodeError as exc:
            raise MalformedRowError(source, f"near line {reader.line_num}: not UTF-8 ({exc.reason})") from exc
        except csv.Error as exc:
            raise MalformedRowError(source, f"line {reader.line_num}: {exc}") from exc
    stats.rows = rows
    stats.unlinked = unlinked
    return stats


def read_partition(path: Path, entity: EntitySpec, side: Owner) -> Iterator[str]:
    """Yield a partition's record lines after checking its header (``path`` is closed at the end)."""
    try:
        handle = open(path, encoding="utf-8", newline="\n")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputFileError(path, f"cannot open partition ({exc.strerror or exc})") from exc
    with handle:
        first = handle.readline()
        if first != header_line(entity, side):
            raise InputFileError(
                path, f"not a {entity.name} {side.value} partition (header {first.strip()!r})"
            )
        yield from handle
