"""The columnar compare path: DuckDB reads, fingerprints, deduplicates and joins both sides; Python
classifies only the records that are not identical.

All in DuckDB (C++, multi-threaded, out-of-core); each input is read once, or twice when large:

1. **Read.** Each side goes into a temporary table: key, deleted flag, timestamp, the mapped raw
   values as one string (joined by US) and a 64-bit fingerprint of them (the string's hash with
   the byte lengths of the values, so where each value ends counts too). Partition files (the
   Distributed Map's input) carry the raw values as one string already, so there the comparison
   is the string itself, exact. Inputs over 1.5 times the memory limit are read twice instead:
   the first read stores only the key hash, the flag and the fingerprint (20 bytes a record, not
   ~190), and step 3 reads the files again for the few records it needs (see ``_reads_twice``).
2. **Pair.** One hash aggregate over both sides' keys: a key with one live record on each side
   and equal fingerprints is in sync (nearly every key); every other key is set aside, and the
   in-sync count is what is left of the linked records.
3. **Classify.** The records of the set-aside keys (the 1-2 % that differ, the only ones a report
   has anything to say about) are fetched from the tables and go through the same per-record
   rules as the reference engine (``compare.choose_records``, ``compare.classify_records``):
   duplicates, queryAll twins, normalisation, ownership, conflict policy, review reasons.

Memory is bounded by DuckDB's ``memory_limit`` (its tables, hash aggregate and hash join spill to
``temp_directory`` beyond it), plus the differing records Python holds, which grow with the
drift, not with the rows. Measured in ``bench/bench_reconcile.py``; the choice of DuckDB over
Polars and PyArrow is in docs/decision_log.md (2026-12-02).

DuckDB ships only in the reconciliation function's layer: it is imported here, lazily, and nothing
outside the reconciliation package imports this module.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sferp.errors import PermanentError
from sferp.models.entities import EntitySpec, Owner, get_entity, salesforce_id_key
from sferp.models.salesforce_id import SUFFIX_ALPHABET
from sferp.reconciliation.csv_io import (
    FORMAT,
    SEP,
    InputFileError,
    MalformedRowError,
    encode_payload,
    header_line,
    open_export,
    split_export,
)

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sferp.reconciliation.compare import ReconcileResult
    from sferp.reconciliation.rules import Rules

# What Python's str.strip() removes (the reference engine strips keys and flags with it); DuckDB's
# trim() without characters removes spaces only. Spelled out rather than computed from
# str.isspace() over every code point, which cost 55 ms of each run's start (a test checks the two
# agree).
WHITESPACE: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# The offline CLI's limit. 1M x 1M accounts hold 378 MiB of tables: at 320 MiB about 15 % of them
# spill (the whole run 2.1 s, 430 MiB RSS), at 256 MiB a third (2.55 s, 367 MiB). The limit bounds
# a local run whatever its input; decision log 2026-12-03 ("320 MiB").
DEFAULT_MEMORY_LIMIT_MB: Final = 320
MIN_MEMORY_LIMIT_MB: Final = 128  # below this DuckDB cannot hold one CSV read buffer (measured)
# What the pairing groups by (see _pair); a test makes every key collide to prove the result does
# not depend on it.
_KEY_HASH: Final = "hash(k)"
# Keys a pass of the pairing aggregate holds per MiB of DuckDB's memory limit: 1.28M at 256 MiB,
# where one pass over 10M x 10M took 6.5 s and eight took 4.9 s (fewer spill far more).
_GROUPS_PER_MIB: Final = 5_000
# The same when the tables hold no values (inputs read twice): the memory is the aggregate's. At
# 10M x 10M and 320 MiB: 7 passes 3.8-3.9 s, 4 passes 3.2 s, 2 passes 2.6-3.0 s, 1 pass 3.2 s.
_GROUPS_PER_MIB_WITHOUT_VALUES: Final = 20_000
# Above this many bytes of input per byte of memory limit, the first read keeps only what the
# pairing needs (h, d, f: 20 bytes a record) and the records to classify are read from the files a
# second time. Storing every record's values costs about a byte of table per byte of CSV, and what
# does not fit spills: compressed, written and read back. Whole runs at a 320 MiB limit (one read
# against two): 1M x 1M (369 MiB of input) 1.66-1.74 s against 1.75-1.87 s; 2M 3.79-4.87 s
# against 3.45-3.55 s; 3M 5.77-6.64 s against 5.14-5.27 s; 10M 27.8-29.5 s against 17.4-17.6 s.
# Decision log 2026-12-03 ("read twice").
_ONE_READ_INPUT_PER_LIMIT: Final = 1.5


# The records of the keys to classify, from a side's table or its input read again (``_fetch``).
_FETCH_SQL: Final = "SELECT k, m, d, p FROM {relation} SEMI JOIN slow_keys USING (h)"


def _key_hash() -> str:
    """The key's hash, NULL for a record without a key (so no pass reads the key itself)."""
    return f"CASE WHEN k <> '' THEN {_KEY_HASH} END"


_FALSE_FLAGS: Final = ("", "false", "0", "no", "n")
_TRUE_FLAGS: Final = ("true", "1", "yes", "y", "x")


class EngineMemoryError(PermanentError):
    """DuckDB could not fit the work in its memory limit even with spilling (the limit is below
    what one read buffer needs). The limit is configuration: raise it."""


class ColumnarUnsupportedError(PermanentError):
    """The entity needs something the columnar engine does not implement (a key normaliser
    without an SQL form): refused with the reason rather than compared differently."""


class ColumnarEngineMissingError(RuntimeError):
    """DuckDB is not installed where the columnar path runs (it ships in the reconciliation layer)."""


@dataclass(frozen=True, slots=True)
class EngineLimits:
    """DuckDB's resources: its memory limit (it spills beyond it) and its threads (None: all cores).
    ``read_twice``: whether to read the inputs a second time for the records to classify instead
    of storing every record's values (None: decided by the input's size against the limit)."""

    memory_limit_mb: int = DEFAULT_MEMORY_LIMIT_MB
    threads: int | None = None
    read_twice: bool | None = None


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError as exc:  # pragma: no cover - the layer and the dev venv both have it
        raise ColumnarEngineMissingError(
            "the columnar reconciliation engine needs the duckdb package (layers/requirements-reconciliation.txt)"
        ) from exc
    return duckdb


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _first_line(exc: Exception) -> str:
    """DuckDB's messages run over several lines (hints, a caret under the SQL): the first says it."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# --- the two kinds of input -------------------------------------------------------------------


class _Source:
    """One side's input as SQL: ``rows_sql`` selects (k, h, m, d, p, f) per record: key, the key's
    hash, modified, deleted flag, the values as one string and the fingerprint the pairing
    compares."""

    side: Owner
    path: Path
    unit: str  # "record" or "partition line", for messages
    same_fingerprint: str = "bit_xor(f) = 0"  # the pairing's test that a group's two f are equal

    def rows_sql(self) -> str:
        raise NotImplementedError

    def refetch_sql(self) -> str:
        """(k, m, d, p) of the records of the keys in ``slow_keys``, read from the input again."""
        return _FETCH_SQL.format(relation=f"({self.rows_sql()})")

    def record(self, row: tuple[Any, ...]) -> tuple[str, str, tuple[str, str]] | None:
        """(key, flag, (modified, payload)) of a fetched (k, m, d, p) row, the reference engine's
        record; None when ``p`` cannot be split back into its values (see ``_CsvSource``)."""
        raise NotImplementedError

    def values_sql(self) -> str:
        """(k, m, d, <value columns>) per record, for the few records ``record`` cannot split."""
        raise NotImplementedError

    def values_row(self, row: tuple[Any, ...]) -> tuple[str, str, tuple[str, str]] | None:
        raise NotImplementedError

    def explain_failure(self, exc: Exception) -> InputFileError:
        raise NotImplementedError


@dataclass
class _CsvSource(_Source):
    spec: EntitySpec
    side: Owner
    path: Path
    unit: str = "record"

    def __post_init__(self) -> None:
        handle, index = open_export(self.path, self.spec, self.side)  # header errors as today
        handle.close()
        self.width = max(index.values()) + 1
        if self.side is Owner.SALESFORCE:
            key, deleted, modified = (
                self.spec.salesforce_key,
                self.spec.salesforce_deleted,
                self.spec.salesforce_modified,
            )
            mapped = [f.salesforce for f in self.spec.fields]
        else:
            key, deleted, modified = self.spec.erp_key, self.spec.erp_deleted, self.spec.erp_modified
            mapped = [f.erp for f in self.spec.fields]
        self._key, self._deleted, self._modified = (
            f"c{index[key]}",
            f"c{index[deleted]}",
            f"c{index[modified]}",
        )
        self._values = [f"c{index[c]}" for c in mapped]
        self.normaliser = (
            self.spec.salesforce_key_normaliser
            if self.side is Owner.SALESFORCE
            else self.spec.erp_key_normaliser
        )
        if self.normaliser is not None:
            _sql_normaliser(self.normaliser)  # refuse an entity the engine cannot key, before reading

    def values_sql(self) -> str:
        columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(self.width))
        key = f"sferp_trim({self._key})"
        if self.normaliser is not None:
            key = f"CASE WHEN {key} = '' THEN '' ELSE {_sql_normaliser(self.normaliser)}({key}) END"
        raw_flag = self._deleted
        flag = f"lower(sferp_trim({raw_flag}))"
        values = ", ".join(f"{c} AS v{i}" for i, c in enumerate(self._values))
        # auto_detect off: the header was checked above and every column is text, so DuckDB's
        # sniffer (and its type guesses) never see the data. strict_mode: a row with the wrong
        # number of columns or a broken quote is an error, never a silently shifted record.
        # force_not_null: an empty cell is the empty string, as in the reference reader (cheaper
        # than a coalesce per value: ~0.1 CPU-s per million rows).
        not_null = ", ".join(f"'c{i}'" for i in range(self.width))
        return (
            f"SELECT {key} AS k, {self._modified} AS m, "
            # Exports write "false"/"true": those two skip the general spelling check.
            f"CASE {raw_flag} WHEN 'false' THEN 0 WHEN 'true' THEN 1 ELSE CASE WHEN {flag} IN {_FALSE_FLAGS} "
            f"THEN 0 WHEN {flag} IN {_TRUE_FLAGS} THEN 1 END END AS d, "
            f"{values} FROM read_csv({_sql_text(str(self.path))}, header = true, auto_detect = false, "
            f"columns = {{{columns}}}, delim = ',', quote = '\"', escape = '\"', strict_mode = true, "
            f"force_not_null = [{not_null}], encoding = 'utf-8')"
        )

    def rows_sql(self) -> str:
        # The values are stored as one string (one column costs far less to store and spill than
        # one per field: measured 1.7 s against 2.1 s for the whole pairing at 1M x 1M). The
        # fingerprint hashes the key, that string and the byte lengths of every value but the
        # last: the lengths tell where each value ends, so two records share a fingerprint only
        # if key and values are equal or the 64-bit hash collides (a value holding the separator
        # cannot make different records look alike). The key is in it because the pairing groups
        # by the key's hash (h), see _pair.
        count = len(self._values)
        values = ", ".join(f"v{i}" for i in range(count))
        lengths = "".join(f", strlen(v{i})" for i in range(count - 1))
        return (
            f"SELECT k, {_key_hash()} AS h, m, d, p, hash(k, p{lengths}) AS f FROM "
            f"(SELECT k, m, d, concat_ws(chr(31), {values}) AS p, {values} FROM ({self.values_sql()}))"
        )

    def refetch_sql(self) -> str:
        # The join first, on the key's hash alone: the value string is then built for the few
        # records kept, not for every one (1M-row Salesforce export: 0.34 s against 0.41 s).
        values = ", ".join(f"v{i}" for i in range(len(self._values)))
        return (
            f"SELECT k, m, d, concat_ws(chr(31), {values}) AS p FROM "
            f"(SELECT *, {_key_hash()} AS h FROM ({self.values_sql()})) SEMI JOIN slow_keys USING (h)"
        )

    def record(self, row: tuple[Any, ...]) -> tuple[str, str, tuple[str, str]] | None:
        key, modified, joined = row[0], row[1], row[3]
        if joined.count(SEP) != len(self._values) - 1:
            return None  # a value holds the separator: read again as columns (values_row)
        flag = "1" if row[2] == 1 else "0"
        if "\t" in joined or "\n" in joined or "\r" in joined:
            return key, flag, (modified, encode_payload(flag, joined.split(SEP)))
        return key, flag, (modified, flag + joined)  # encode_payload's result, without a split

    def values_row(self, row: tuple[Any, ...]) -> tuple[str, str, tuple[str, str]] | None:
        """The record of a (k, m, d, v0, ...) row from ``values_sql``; None for a row whose
        values hold no separator (``record`` already had it)."""
        values = row[3:]
        if all(SEP not in value for value in values):
            return None
        flag = "1" if row[2] == 1 else "0"
        return row[0], flag, (row[1], encode_payload(flag, values))

    def explain_failure(self, exc: Exception) -> InputFileError:
        # The reference reader names the line and the problem exactly as before; DuckDB is the
        # stricter of the two (a row with extra columns), so when the reference reader accepts the
        # file DuckDB's own message is the reason.
        scratch = Path(tempfile.mkdtemp(prefix="sferp-explain-"))
        try:
            split_export(self.spec, self.side, self.path, scratch, 1)
        except InputFileError as reference:
            return reference
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return MalformedRowError(self.path, f"not a well-formed CSV export: {_first_line(exc)}")


@dataclass
class _PartitionSource(_Source):
    spec: EntitySpec
    side: Owner
    path: Path
    unit: str = "partition line"
    same_fingerprint: str = "min(f) = max(f)"  # f is text here (exact), which XOR cannot take

    def __post_init__(self) -> None:
        try:
            with open(self.path, encoding="utf-8", newline="\n") as handle:
                first = handle.readline()
        except OSError as exc:
            raise InputFileError(self.path, f"cannot open partition ({exc.strerror or exc})") from exc
        if first != header_line(self.spec, self.side):
            raise InputFileError(
                self.path, f"not a {self.spec.name} {self.side.value} partition (header {first.strip()!r})"
            )
        self.normaliser = None

    def rows_sql(self) -> str:
        # The partition format (csv_io): modified TAB key TAB flag+values; no quoting, values with
        # a TAB, CR, LF or US are escaped by the writer. The fingerprint is the key and the value
        # block themselves: exact (partitions are small; a key holds no TAB in this format).
        return (
            f"SELECT k, {_key_hash()} AS h, m, d, p, k || chr(9) || p AS f FROM (SELECT coalesce(k, '') AS k, "
            "coalesce(m, '') AS m, CASE left(p, 1) WHEN '0' THEN 0 WHEN '1' THEN 1 END AS d, p "
            f"FROM read_csv({_sql_text(str(self.path))}, header = false, skip = 1, auto_detect = false, "
            "columns = {'m': 'VARCHAR', 'k': 'VARCHAR', 'p': 'VARCHAR'}, delim = '\t', quote = '', "
            "escape = '', strict_mode = true, encoding = 'utf-8'))"
        )

    def record(self, row: tuple[Any, ...]) -> tuple[str, str, tuple[str, str]] | None:
        key, modified, payload = row[0], row[1], row[3]
        return key, payload[0], (modified, payload + "\n")

    def explain_failure(self, exc: Exception) -> InputFileError:
        return MalformedRowError(self.path, f"not a partition file of format {FORMAT}: {_first_line(exc)}")


# --- the engine ---------------------------------------------------------------------------------


@dataclass(slots=True)
class ColumnarOutcome:
    result: ReconcileResult
    salesforce_rows: int
    erp_rows: int
    phases_s: dict[str, float]
    reads: int = 1  # 2: the inputs were read again for the records to classify


def _reads_twice(sources: tuple[_Source, ...], limits: EngineLimits) -> bool:
    if limits.read_twice is not None:
        return limits.read_twice
    size = sum(source.path.stat().st_size for source in sources)
    return size > _ONE_READ_INPUT_PER_LIMIT * limits.memory_limit_mb * 2**20


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _check_unchanged(sources: tuple[_Source, ...], stamps: list[tuple[int, int]]) -> None:
    """Two reads of a file are one input only if nothing wrote to it in between."""
    for source, stamp in zip(sources, stamps, strict=True):
        try:
            same = _stamp(source.path) == stamp
        except OSError:
            same = False
        if not same:
            raise InputFileError(
                source.path,
                "changed while it was compared (inputs this large are read twice); "
                "compare a copy that nothing writes to",
            )


def _connect(scratch: Path, limits: EngineLimits) -> Any:
    duckdb = _duckdb()
    config: dict[str, Any] = {
        "memory_limit": f"{limits.memory_limit_mb}MB",
        "temp_directory": str(scratch / "spill"),
        # No pass needs file order (see compare.choose_records): parallel reads are free to reorder.
        "preserve_insertion_order": False,
        "enable_external_access": True,  # read_csv on local files; nothing else is attached
        # Never fetch an extension at run time (Lambda has no route out, and the engine needs
        # none), and keep DuckDB's home (~/.duckdb) in the scratch directory: Lambda's home is
        # read-only.
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "home_directory": str(scratch),
    }
    if limits.threads is not None:
        config["threads"] = limits.threads
    con = duckdb.connect(":memory:", config=config)
    # Every join here has the small side (the keys to fetch) on the right. DuckDB knows no
    # cardinality for read_csv (auto_detect is off) and would otherwise build its hash table on the
    # whole file and probe it with the few keys: 0.55 s against 0.37 s for one 1M-row export, and
    # at 10M that table spills (20 s against 7.8 s for the second read of both exports).
    con.execute("SET disabled_optimizers = 'build_side_probe_side'")
    # str.strip() semantics at the cost of a plain read: trim(s, chars) with the 29 Unicode
    # whitespace characters costs ~0.4 s per million values, and nearly every key starts and ends
    # with a printable ASCII character, which needs no trim at all.
    con.execute(
        "CREATE MACRO sferp_trim(s) AS CASE WHEN s = '' THEN '' "
        "WHEN ascii(s) BETWEEN 33 AND 126 AND ascii(right(s, 1)) BETWEEN 33 AND 126 THEN s "
        f"ELSE trim(s, {_sql_text(WHITESPACE)}) END"
    )
    return con


def _sid_suffix_sql(body: str) -> str:
    """SQL for the 3-character checksum of a 15-character id ``body``: per 5 characters, a bit for
    each upper-case letter, as an index into the suffix alphabet (``salesforce_id._suffix``)."""
    chunks = []
    for chunk in range(3):
        bits = " + ".join(
            f"CASE WHEN substr({body}, {chunk * 5 + i + 1}, 1) BETWEEN 'A' AND 'Z' THEN {1 << i} ELSE 0 END"
            for i in range(5)
        )
        chunks.append(f"substr({_sql_text(SUFFIX_ALPHABET)}, 1 + {bits}, 1)")
    return " || ".join(chunks)


def _sid_restore_sql(body: str, suffix: str) -> str:
    """SQL restoring the case of a single-case 18-character id's body from its suffix; NULL when
    the suffix is not a checksum or marks a digit as upper case (``salesforce_id.to_18``)."""
    alphabet = _sql_text(SUFFIX_ALPHABET)
    parts = []
    for position in range(15):
        chunk, bit = divmod(position, 5)
        char = f"substr({body}, {position + 1}, 1)"
        flag = f"((strpos({alphabet}, substr({suffix}, {chunk + 1}, 1)) - 1) >> {bit}) & 1 = 1"
        parts.append(
            f"CASE WHEN {flag} THEN CASE WHEN regexp_full_match({char}, '[A-Za-z]') THEN upper({char}) END "
            f"ELSE lower({char}) END"
        )
    valid = " AND ".join(f"strpos({alphabet}, substr({suffix}, {i}, 1)) > 0" for i in (1, 2, 3))
    return f"CASE WHEN {valid} THEN {' || '.join(parts)} END"


# The key normalisers the entity table uses, as SQL macros: the columnar reader calls no Python per
# row (a DuckDB Python function would also need numpy, which neither the layer nor the package
# ships). tests/unit/reconciliation/test_reconcile_columnar.py checks each against its Python twin.
_SQL_NORMALISER_MACROS: Final[dict[Callable[[str], str], tuple[str, str]]] = {
    salesforce_id_key: (
        "sferp_sfid18",
        "CREATE MACRO sferp_sfid18(s) AS CASE "
        f"WHEN regexp_full_match(s, '[a-zA-Z0-9]{{15}}') THEN s || {_sid_suffix_sql('s')} "
        "WHEN regexp_full_match(s, '[a-zA-Z0-9]{18}') THEN CASE "
        "WHEN regexp_matches(left(s, 15), '[A-Z]') AND regexp_matches(left(s, 15), '[a-z]') THEN "
        f"CASE WHEN {_sid_suffix_sql('left(s, 15)')} = upper(right(s, 3)) THEN left(s, 15) || upper(right(s, 3)) "
        "ELSE s END "
        f"ELSE coalesce(({_sid_restore_sql('left(s, 15)', 'upper(right(s, 3))')}) || upper(right(s, 3)), s) END "
        "ELSE s END",
    ),
}


def _sql_normaliser(normaliser: Callable[[str], str]) -> str:
    try:
        return _SQL_NORMALISER_MACROS[normaliser][0]
    except KeyError:
        raise ColumnarUnsupportedError(
            f"key normaliser {getattr(normaliser, '__name__', normaliser)!r} has no SQL form in the columnar "
            "engine; add one to columnar._SQL_NORMALISER_MACROS (or run --engine reference)"
        ) from None


def _register_normalisers(con: Any, sources: tuple[_Source, ...]) -> None:
    """The SQL macros of the key normalisers these sources use, each created once."""
    normalisers = {source.normaliser for source in sources} - {None}  # type: ignore[attr-defined]
    for normaliser in normalisers:
        con.execute(_SQL_NORMALISER_MACROS[normaliser][1])


def _load_side(
    con: Any, source: _Source, table: str, limits: EngineLimits, *, values: bool = True
) -> tuple[int, int]:
    """Read one side into a temporary table (DuckDB keeps it in memory up to its limit and spills
    the rest to disk), with each record's fingerprints; without the key, timestamp and values
    unless ``values``. Returns (rows with a key, rows without)."""
    duckdb = _duckdb()
    columns = "*" if values else "h, d, f"
    try:
        con.execute(f"CREATE TEMP TABLE {table} AS SELECT {columns} FROM ({source.rows_sql()})")
        linked, unlinked, bad = con.execute(
            f"SELECT count(h), count(*) - count(h), count(*) FILTER (WHERE h IS NOT NULL AND d IS NULL) "
            f"FROM {table}"
        ).fetchone()
    except duckdb.OutOfMemoryException as exc:
        raise EngineMemoryError(
            f"the columnar engine needs more than its {limits.memory_limit_mb} MiB memory limit to read "
            f"{source.path.name}: raise it (at least {MIN_MEMORY_LIMIT_MB} MiB)"
        ) from exc
    except duckdb.Error as exc:
        raise source.explain_failure(exc) from exc
    if bad:
        # A deleted flag that is not a boolean: the reference reader finds the first such line and
        # says which. (Unlike the partition format, this path has no trouble with a tab or a
        # newline inside a key or timestamp, so it does not refuse them.)
        raise source.explain_failure(ValueError("a deleted flag is not a boolean"))
    return int(linked), int(unlinked)


# In sync: one record per key on each side, both live, equal fingerprints. A hash aggregate over
# both sides finds the rest: a key held by more than one record on a side (a duplicate, or a
# deleted queryAll twin beside the live record), one-sided, deleted or differing keys are
# classified record by record. Every other key is in sync, so their count is the linked records
# minus the fetched ones.
#
# - It groups by the key's 64-bit hash, not the key: an aggregate on an integer spills far less
#   than one on strings (measured at 10M x 10M: 8.2 s against 11.1 s, and the fetch 3.9 s against
#   8.1 s; at 1M about 0.1 s less). Still exact: keys whose hashes collide share a group, which
#   then has too many records or two fingerprints (the fingerprint holds the key), so it is set
#   aside and Python classifies its records by their real keys. Two different keys could pass as
#   one in-sync pair only if their key hashes and their fingerprints both collided.
# - Three aggregates, not five: each record is one bit, t = 1 << (2 * deleted + side) (1 a live
#   Salesforce record, 2 a live ERP one, 4 and 8 deleted), and two records OR to 3 only as one
#   live record a side (a one-byte state; sum() of the integers kept a 128-bit one: the pairing
#   0.12-0.14 s against 0.15-0.18 s at 1M); two equal 64-bit fingerprints XOR to 0, and two
#   different ones never do.
# - In passes over slices of the key hashes when the keys outnumber what one pass holds in the
#   memory limit: each pass's hash table then fits instead of spilling.
_SLOW_KEYS_SLICE_SQL: Final = """
INSERT INTO slow_keys
    SELECT h FROM (
        SELECT h, 1::UTINYINT << (2 * d)::UTINYINT AS t, f FROM side_salesforce WHERE h IS NOT NULL{slice}
        UNION ALL SELECT h, 2::UTINYINT << (2 * d)::UTINYINT AS t, f FROM side_erp WHERE h IS NOT NULL{slice}
    ) GROUP BY h
    HAVING NOT (count(*) = 2 AND bit_or(t) = 3 AND {same})
"""


def _pair(con: Any, source: _Source, keys: int, limits: EngineLimits, *, values: bool = True) -> int:
    """Fill ``slow_keys`` (the key hashes to classify record by record); returns the passes.
    ``values``: whether the side tables hold the values (they then share the memory limit)."""
    per_mib = _GROUPS_PER_MIB if values else _GROUPS_PER_MIB_WITHOUT_VALUES
    passes = max(1, -(-keys // (limits.memory_limit_mb * per_mib)))
    con.execute("CREATE TEMP TABLE slow_keys (h UBIGINT)")
    for part in range(passes):
        part_slice = f" AND h % {passes} = {part}" if passes > 1 else ""
        con.execute(_SLOW_KEYS_SLICE_SQL.format(slice=part_slice, same=source.same_fingerprint))
    return passes


@dataclass(slots=True)
class _Fetched:
    rows: int = 0  # records of the slow keys read from the side's table


def _fetch(
    con: Any, source: _Source, table: str | None, fetched: _Fetched
) -> Iterator[tuple[str, str, tuple[str, str]]]:
    """Every record of a key that is not in sync (in any order: ``choose_records`` does not
    depend on it), from the side's table, or from its input read again (``table`` None). A
    record whose values hold the separator cannot be split back from its stored string: the few
    keys with one are read again from the input, as columns."""
    query = _FETCH_SQL.format(relation=table) if table else source.refetch_sql()
    cursor = con.execute(query)
    split_again: set[str] = set()
    while batch := cursor.fetchmany(10_000):
        fetched.rows += len(batch)
        for row in batch:
            record = source.record(row)
            if record is None:
                split_again.add(row[0])
            else:
                yield record
    if not split_again:
        return
    con.execute(
        "CREATE OR REPLACE TEMP TABLE split_again AS SELECT unnest(?::VARCHAR[]) AS k", [sorted(split_again)]
    )
    cursor = con.execute(f"SELECT * FROM ({source.values_sql()}) SEMI JOIN split_again USING (k)")
    while batch := cursor.fetchmany(10_000):
        for row in batch:
            record = source.values_row(row)
            if record is not None:
                yield record


def compare_sources(
    spec: EntitySpec,
    salesforce: _Source,
    erp: _Source,
    rules: Rules,
    *,
    limits: EngineLimits,
    scratch: Path,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> ColumnarOutcome:
    from sferp.reconciliation.compare import ReconcileResult, RecordClass, choose_records, classify_records

    phases: dict[str, float] = {}
    started = time.perf_counter()
    sources = (salesforce, erp)
    twice = _reads_twice(sources, limits)
    stamps = [_stamp(source.path) for source in sources] if twice else []
    con = _connect(scratch, limits)
    try:
        _register_normalisers(con, sources)
        sf_rows, sf_unlinked = _load_side(con, salesforce, "side_salesforce", limits, values=not twice)
        if on_progress is not None:
            on_progress("read", 1, 2)
        erp_rows, erp_unlinked = _load_side(con, erp, "side_erp", limits, values=not twice)
        if on_progress is not None:
            on_progress("read", 2, 2)
        phases["read_s"] = time.perf_counter() - started

        mark = time.perf_counter()
        _pair(con, salesforce, max(sf_rows, erp_rows), limits, values=not twice)
        phases["join_s"] = time.perf_counter() - mark

        mark = time.perf_counter()
        sf_fetched, erp_fetched = _Fetched(), _Fetched()
        sf_from, erp_from = (None, None) if twice else ("side_salesforce", "side_erp")

        def fetch_side(source: _Source, table: str | None, fetched: _Fetched) -> Any:
            try:
                return choose_records(_fetch(con, source, table, fetched))
            except _duckdb().Error as exc:
                if not twice:
                    raise
                _check_unchanged(sources, stamps)  # replaced or cut short since the first read
                raise source.explain_failure(exc) from exc

        sf_records, sf_dupes = fetch_side(salesforce, sf_from, sf_fetched)
        erp_records, erp_dupes = fetch_side(erp, erp_from, erp_fetched)
        phases["fetch_s"] = time.perf_counter() - mark
    finally:
        con.close()
    if twice:
        _check_unchanged(sources, stamps)

    # Every linked record not fetched is the one record of an in-sync key on its side, so both
    # sides must agree on how many there are.
    in_sync = sf_rows - sf_fetched.rows
    if in_sync != erp_rows - erp_fetched.rows:  # pragma: no cover - the aggregate above guarantees it
        raise RuntimeError(
            f"columnar pairing inconsistent: {in_sync} in-sync Salesforce records, "
            f"{erp_rows - erp_fetched.rows} ERP"
        )
    mark = time.perf_counter()
    result = ReconcileResult(entity=spec.name)
    if in_sync:
        result.counts[RecordClass.IN_SYNC] += int(in_sync)
    classify_records(spec, sf_records, erp_records, sf_dupes, erp_dupes, rules, result)
    result.unlinked = Counter({k: v for k, v in (("salesforce", sf_unlinked), ("erp", erp_unlinked)) if v})
    phases["classify_s"] = time.perf_counter() - mark
    if on_progress is not None:
        on_progress("compare", 1, 1)
    return ColumnarOutcome(
        result, sf_rows, erp_rows, {k: round(v, 4) for k, v in phases.items()}, 2 if twice else 1
    )


def compare_csv_files(
    entity: EntitySpec | str,
    salesforce_csv: Path,
    erp_csv: Path,
    rules: Rules,
    *,
    limits: EngineLimits | None = None,
    workdir: Path | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> ColumnarOutcome:
    """Reconcile two exports (the local CLI and the benchmark)."""
    spec = get_entity(entity) if isinstance(entity, str) else entity
    salesforce = _CsvSource(spec, Owner.SALESFORCE, Path(salesforce_csv))
    erp = _CsvSource(spec, Owner.ERP, Path(erp_csv))
    scratch = Path(tempfile.mkdtemp(prefix="sferp-columnar-", dir=workdir))
    try:
        return compare_sources(
            spec,
            salesforce,
            erp,
            rules,
            limits=limits or EngineLimits(),
            scratch=scratch,
            on_progress=on_progress,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def compare_partition_files(
    spec: EntitySpec,
    salesforce_partition: Path,
    erp_partition: Path,
    rules: Rules,
    *,
    limits: EngineLimits | None = None,
    workdir: Path | None = None,
) -> ReconcileResult:
    """One partition pair of the Step Functions run (the Distributed Map's child)."""
    salesforce = _PartitionSource(spec, Owner.SALESFORCE, Path(salesforce_partition))
    erp = _PartitionSource(spec, Owner.ERP, Path(erp_partition))
    scratch = Path(tempfile.mkdtemp(prefix="sferp-columnar-", dir=workdir))
    try:
        outcome = compare_sources(
            spec, salesforce, erp, rules, limits=limits or EngineLimits(), scratch=scratch
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return outcome.result
