"""The embedded ERP: an ``ErpGateway`` on SQLite, the default for local runs, tests and benchmarks.

The schema follows SAP S/4HANA where the integration can see it: a sales order header with a
10-digit document number from a number range and ``PurchaseOrderByCustomer`` (our external
reference, UNIQUE) carrying the Salesforce Order Id; items numbered 10, 20, ...; cancellation as
"reject every item"; business partners (customers), materials with list prices, and stock per
plant. It is deliberately not smarter than a real ERP: it stores the ``source_version`` it is
given (the version guard lives in the integration), and an update of a cancelled order is
refused as SAP would.

Faults (``sferp.faults``) are drawn before every port call so local runs can rehearse outages,
timeouts that lose the answer of a committed write, and slow answers.

Thread safety: one connection guarded by a lock. ``:memory:`` databases are private to their
connection, so one connection per thread would give every thread its own ERP; a lock keeps one
ERP and is fast enough for an in-process runtime. Added latency is slept outside the lock so
slow calls overlap as they would against a real server.
"""

from __future__ import annotations

import logging
import random
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

from sferp.errors import (
    ErpCustomerMissingError,
    ErpNotFoundError,
    ErpRejectedError,
    ErpTimeoutError,
    ErpUnavailableError,
)
from sferp.faults import ErpFaults, FaultInjector, FaultOutcome, Faults
from sferp.models.order import ErpOrderAck, ErpSalesOrder
from sferp.models.records import (
    UPDATABLE_CUSTOMER_FIELDS,
    ErpCustomer,
    ErpProduct,
    ErpSalesOrderRecord,
    NewErpCustomer,
    RecordResult,
    RecordUpdate,
    StockAvailability,
)
from sferp.ports import ErpGateway
from sferp.settings import ErpConnectionSettings

logger = logging.getLogger(__name__)

STATUS_OPEN: Final = "OPEN"
STATUS_CANCELLED: Final = "CANCELLED"
STATUS_SHIPPED: Final = "SHIPPED"
STATUS_INVOICED: Final = "INVOICED"
STATUS_IN_DELIVERY: Final = "IN_DELIVERY"  # partly shipped
ORDER_STATUSES: Final = (STATUS_OPEN, STATUS_IN_DELIVERY, STATUS_SHIPPED, STATUS_INVOICED, STATUS_CANCELLED)
_DELIVERY_NUMBER_START: Final = 80_000_000  # SAP's outbound deliveries: 80000000 ...
_INVOICE_NUMBER_START: Final = 90_000_000  # SAP's billing documents: 90000000 ...

DEFAULT_PAGE_SIZE: Final = 1000  # records per page of a changed-since extract
# SQLite versions before 3.32 allow 999 bound parameters per statement; stay below that.
_MAX_SQL_PARAMS: Final = 900
_ORDER_NUMBER_START: Final = 1
_CUSTOMER_NUMBER_START: Final = 1_000_000  # SAP business partners live in their own range


_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS number_ranges (
    name TEXT PRIMARY KEY,
    next_value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS customers (
    customer_number TEXT PRIMARY KEY,
    salesforce_account_id TEXT UNIQUE,
    name TEXT NOT NULL,
    street TEXT, city TEXT, postal_code TEXT, country TEXT, phone TEXT,
    credit_limit TEXT,
    payment_terms TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    blocked INTEGER NOT NULL DEFAULT 0,
    changed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS customers_changed ON customers (changed_at, customer_number);
CREATE TABLE IF NOT EXISTS products (
    sku TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    list_price TEXT,
    currency TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    changed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS products_changed ON products (changed_at, sku);
CREATE TABLE IF NOT EXISTS stock (
    plant TEXT NOT NULL,
    sku TEXT NOT NULL,
    available_quantity TEXT NOT NULL,
    available_date TEXT,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (plant, sku)
);
CREATE TABLE IF NOT EXISTS sales_orders (
    erp_order_id TEXT PRIMARY KEY,
    external_reference TEXT NOT NULL UNIQUE,  -- PurchaseOrderByCustomer
    customer_reference TEXT NOT NULL,
    customer_number TEXT NOT NULL REFERENCES customers (customer_number),
    order_number_hint TEXT,
    currency TEXT NOT NULL,
    requested_delivery_date TEXT,
    status TEXT NOT NULL CHECK (status IN ('OPEN', 'IN_DELIVERY', 'SHIPPED', 'INVOICED', 'CANCELLED')),
    source_version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sales_orders_changed ON sales_orders (changed_at, erp_order_id);
CREATE TABLE IF NOT EXISTS sales_order_items (
    erp_order_id TEXT NOT NULL REFERENCES sales_orders (erp_order_id) ON DELETE CASCADE,
    item_number INTEGER NOT NULL,
    sku TEXT NOT NULL,
    quantity TEXT NOT NULL,
    unit_price TEXT NOT NULL,
    external_line_id TEXT NOT NULL,
    rejected INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (erp_order_id, item_number)
);
-- Outbound deliveries (goods issued) and billing documents, one order to many, as SAP's document flow.
CREATE TABLE IF NOT EXISTS deliveries (
    delivery_number TEXT PRIMARY KEY,
    erp_order_id TEXT NOT NULL REFERENCES sales_orders (erp_order_id) ON DELETE CASCADE,
    shipped_share TEXT NOT NULL,
    tracking_reference TEXT,
    goods_issue_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS invoices (
    invoice_number TEXT PRIMARY KEY,
    erp_order_id TEXT NOT NULL REFERENCES sales_orders (erp_order_id) ON DELETE CASCADE,
    invoice_date TEXT NOT NULL,
    net_amount TEXT NOT NULL
);
"""


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _ts(value: datetime) -> str:
    """UTC text that sorts like the instant it names (fixed width, microseconds, 4-digit year)."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def _parse_ts(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _decimal(value: Decimal | int | float | str) -> Decimal:
    # Through str() so 0.1 (a float) becomes Decimal("0.1"), not its binary expansion.
    return value if isinstance(value, Decimal) else Decimal(str(value))


class EmbeddedErp(ErpGateway):
    """SQLite-backed ``ErpGateway`` with seeding helpers, call counters and fault injection."""

    def __init__(
        self,
        path: str | Path = ":memory:",
        *,
        faults: Faults | None = None,
        rng: random.Random | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] = _utcnow,
        page_size: int = DEFAULT_PAGE_SIZE,
        strict: bool = True,
    ) -> None:
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        self._injector = FaultInjector(faults or ErpFaults(), rng=rng, sleep=sleep)
        self._clock = clock
        self._page_size = page_size
        # Strict (the default) refuses what SAP refuses: an order for an Account no customer is
        # coupled to, or for a material the ERP does not know. Lenient invents stub customers and
        # takes any SKU: only for the deployed dev stack, which has no master-data load.
        self._strict = strict
        self._lock = threading.RLock()
        self._calls_lock = threading.Lock()
        self.calls: Counter[str] = Counter()
        self.failed_calls: Counter[str] = Counter()
        self.path = str(path)
        # check_same_thread=False: the lock, not the thread that opened it, guards the connection.
        # isolation_level=None: transactions are begun explicitly (BEGIN IMMEDIATE) below.
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        with self._lock:
            if self.path != ":memory:":
                # WAL lets readers (a report, a second process inspecting the file) run beside a writer.
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA busy_timeout=5000")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.executescript(_SCHEMA)
            columns = {row["name"] for row in self._conn.execute("PRAGMA table_info(customers)")}
            if "blocked" not in columns:  # a file written before customers could be blocked
                self._conn.execute("ALTER TABLE customers ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0")
            self._conn.execute(
                "INSERT OR IGNORE INTO number_ranges (name, next_value) VALUES (?, ?), (?, ?), (?, ?), (?, ?)",
                (
                    "sales_order",
                    _ORDER_NUMBER_START,
                    "customer",
                    _CUSTOMER_NUMBER_START,
                    "delivery",
                    _DELIVERY_NUMBER_START,
                    "invoice",
                    _INVOICE_NUMBER_START,
                ),
            )

    # --- fault injection and observability ------------------------------------------------------
    @property
    def faults(self) -> Faults:
        return self._injector.faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        """Change faults at runtime, e.g. to script a degraded phase in a demo."""
        self._injector.faults = faults

    def outage(self) -> AbstractContextManager[None]:
        """``with erp.outage(): ...`` - every call inside fails with ``ErpUnavailableError``."""
        return self._injector.outage()

    @property
    def call_count(self) -> int:
        """Port calls attempted (each page of an extract is one call, as it is one request)."""
        with self._calls_lock:
            return sum(self.calls.values())

    def reset_calls(self) -> None:
        with self._calls_lock:
            self.calls.clear()
            self.failed_calls.clear()

    def _begin_call(self, method: str, *, write: bool, max_wait_s: float | None = None) -> FaultOutcome:
        """Count the call and apply the injected faults that strike before the ERP acts."""
        with self._calls_lock:
            self.calls[method] += 1
        outcome = self._injector.draw(write=write, max_wait_s=max_wait_s)
        if outcome is FaultOutcome.NONE or outcome is FaultOutcome.TIMEOUT_AFTER_WRITE:
            return outcome
        self._record_failure(method, outcome)
        if outcome is FaultOutcome.TIMEOUT_BEFORE_WRITE:
            raise ErpTimeoutError(f"ERP call {method} timed out (injected fault)")
        raise ErpUnavailableError(f"ERP call {method} failed: service unavailable (injected {outcome})")

    def _end_write(self, method: str, outcome: FaultOutcome) -> None:
        """The write has committed; an injected late timeout now loses only the answer."""
        if outcome is FaultOutcome.TIMEOUT_AFTER_WRITE:
            self._record_failure(method, outcome)
            raise ErpTimeoutError(f"ERP call {method} timed out after the write (injected fault)")

    def _record_failure(self, method: str, outcome: FaultOutcome) -> None:
        with self._calls_lock:
            self.failed_calls[method] += 1
        logger.debug("erp fault injected", extra={"erp_method": method, "fault": outcome.value})

    # --- SQLite plumbing -------------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                # IMMEDIATE takes the write lock up front: a look-up-then-insert cannot interleave
                # with another process writing the same file.
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise ErpUnavailableError("embedded ERP database is busy") from exc
            try:
                yield self._conn
            except sqlite3.IntegrityError as exc:
                self._conn.execute("ROLLBACK")
                raise ErpRejectedError(f"ERP refused the document: {exc}") from exc
            except sqlite3.Error as exc:
                self._conn.execute("ROLLBACK")
                raise ErpUnavailableError(f"embedded ERP database error: {exc}") from exc
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise ErpUnavailableError(f"embedded ERP database error: {exc}") from exc

    @staticmethod
    def _next_number(conn: sqlite3.Connection, range_name: str) -> str:
        row = conn.execute("SELECT next_value FROM number_ranges WHERE name = ?", (range_name,)).fetchone()
        value = int(row["next_value"])
        conn.execute("UPDATE number_ranges SET next_value = ? WHERE name = ?", (value + 1, range_name))
        return f"{value:010d}"  # SAP document and partner numbers are 10 digits, zero-padded

    # --- sales orders ----------------------------------------------------------------------------
    def upsert_sales_order(self, order: ErpSalesOrder) -> ErpOrderAck:
        outcome = self._begin_call("upsert_sales_order", write=True)
        ack = self._write_sales_order(order)
        self._end_write("upsert_sales_order", outcome)
        return ack

    def _write_sales_order(self, order: ErpSalesOrder) -> ErpOrderAck:
        item_numbers = [item.item_number for item in order.items]
        if len(item_numbers) != len(set(item_numbers)):
            raise ErpRejectedError(f"sales order {order.external_reference} repeats an item number")
        now = _ts(self._clock())
        with self._transaction() as conn:
            if self._strict:
                self._check_products(conn, {item.sku for item in order.items})
            existing = conn.execute(
                "SELECT erp_order_id, status FROM sales_orders WHERE external_reference = ?",
                (order.external_reference,),
            ).fetchone()
            customer_number = (
                self._coupled_customer(conn, order.customer_number, order.customer_reference)
                if order.customer_number
                else self._customer_for(conn, order.customer_reference, now)
            )
            header = (
                order.customer_reference,
                customer_number,
                order.order_number_hint,
                order.currency,
                order.requested_delivery_date.isoformat() if order.requested_delivery_date else None,
                order.source_version,
                now,
            )
            if existing is None:
                erp_order_id = self._next_number(conn, "sales_order")
                conn.execute(
                    "INSERT INTO sales_orders (customer_reference, customer_number, order_number_hint,"
                    " currency, requested_delivery_date, source_version, changed_at, erp_order_id,"
                    " external_reference, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*header, erp_order_id, order.external_reference, STATUS_OPEN, now),
                )
                created = True
            else:
                erp_order_id = str(existing["erp_order_id"])
                if existing["status"] != STATUS_OPEN:
                    # SAP refuses changes to rejected or delivered documents; so do we.
                    raise ErpRejectedError(
                        f"sales order {erp_order_id} is {existing['status']} and cannot be changed"
                    )
                conn.execute(
                    "UPDATE sales_orders SET customer_reference = ?, customer_number = ?,"
                    " order_number_hint = ?, currency = ?, requested_delivery_date = ?,"
                    " source_version = ?, changed_at = ? WHERE erp_order_id = ?",
                    (*header, erp_order_id),
                )
                conn.execute("DELETE FROM sales_order_items WHERE erp_order_id = ?", (erp_order_id,))
                created = False
            conn.executemany(
                "INSERT INTO sales_order_items (erp_order_id, item_number, sku, quantity, unit_price,"
                " external_line_id) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        erp_order_id,
                        item.item_number,
                        item.sku,
                        str(item.quantity),
                        str(item.unit_price),
                        item.external_line_id,
                    )
                    for item in order.items
                ],
            )
        logger.debug(
            "erp sales order written",
            extra={"erp_order_id": erp_order_id, "created": created, "source_version": order.source_version},
        )
        return ErpOrderAck(
            erp_order_id=erp_order_id,
            external_reference=order.external_reference,
            status=STATUS_OPEN,
            created=created,
            source_version=order.source_version,
        )

    @staticmethod
    def _check_products(conn: sqlite3.Connection, skus: set[str]) -> None:
        if not skus:
            return
        marks = ", ".join("?" * len(skus))
        rows = conn.execute(f"SELECT sku FROM products WHERE sku IN ({marks})", sorted(skus)).fetchall()  # noqa: S608 - placeholders only
        unknown = sorted(skus - {str(row["sku"]) for row in rows})
        if unknown:
            raise ErpRejectedError(f"unknown material(s): {', '.join(unknown)}")

    @staticmethod
    def _coupled_customer(conn: sqlite3.Connection, number: str, reference: str) -> str:
        """The customer the coupling store names: it must exist and take orders."""
        row = conn.execute(
            "SELECT deleted, blocked FROM customers WHERE customer_number = ?", (number,)
        ).fetchone()
        if row is None:
            raise ErpCustomerMissingError(f"ERP customer {number} of account {reference} does not exist")
        if row["deleted"] or row["blocked"]:
            raise ErpRejectedError(f"the ERP customer {number} of account {reference} is blocked")
        return number

    def _customer_for(self, conn: sqlite3.Connection, reference: str, now: str) -> str:
        """The customer coupled to the Salesforce Account ``reference`` (its external id), never
        the Account Id itself as a customer number."""
        row = conn.execute(
            "SELECT customer_number, deleted, blocked FROM customers WHERE salesforce_account_id = ?"
            " ORDER BY customer_number LIMIT 2",
            (reference,),
        ).fetchall()
        if len(row) > 1:
            raise ErpRejectedError(f"account {reference} is coupled to more than one ERP customer")
        if row:
            if row[0]["deleted"] or row[0]["blocked"]:
                raise ErpRejectedError(
                    f"the ERP customer {row[0]['customer_number']} of account {reference} is blocked"
                )
            return str(row[0]["customer_number"])
        if self._strict:
            raise ErpCustomerMissingError(f"account {reference} has no ERP customer")
        number = self._next_number(conn, "customer")
        conn.execute(
            "INSERT INTO customers (customer_number, salesforce_account_id, name, changed_at)"
            " VALUES (?, ?, ?, ?)",
            (number, reference, f"Customer {reference}", now),
        )
        return number

    def cancel_sales_order(self, external_reference: str, *, source_version: int) -> ErpOrderAck:
        outcome = self._begin_call("cancel_sales_order", write=True)
        ack = self._write_cancellation(external_reference, source_version)
        self._end_write("cancel_sales_order", outcome)
        return ack

    def _write_cancellation(self, external_reference: str, source_version: int) -> ErpOrderAck:
        now = _ts(self._clock())
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT erp_order_id, status, source_version FROM sales_orders WHERE external_reference = ?",
                (external_reference,),
            ).fetchone()
            if row is None:
                raise ErpNotFoundError(f"no sales order with external reference {external_reference}")
            erp_order_id = str(row["erp_order_id"])
            if row["status"] == STATUS_CANCELLED:
                # Idempotent: the retry of a cancel whose answer was lost gets the same ack.
                return ErpOrderAck(
                    erp_order_id=erp_order_id,
                    external_reference=external_reference,
                    status=STATUS_CANCELLED,
                    created=False,
                    source_version=int(row["source_version"]),
                )
            if row["status"] != STATUS_OPEN:
                raise ErpRejectedError(
                    f"sales order {erp_order_id} is {row['status']} and cannot be cancelled"
                )
            conn.execute(
                "UPDATE sales_orders SET status = ?, source_version = ?, changed_at = ? WHERE erp_order_id = ?",
                (STATUS_CANCELLED, source_version, now, erp_order_id),
            )
            # SAP cancels a sales order by rejecting every item.
            conn.execute("UPDATE sales_order_items SET rejected = 1 WHERE erp_order_id = ?", (erp_order_id,))
        return ErpOrderAck(
            erp_order_id=erp_order_id,
            external_reference=external_reference,
            status=STATUS_CANCELLED,
            created=False,
            source_version=source_version,
        )

    def get_sales_order(self, external_reference: str) -> ErpSalesOrderRecord | None:
        self._begin_call("get_sales_order", write=False)
        with self._lock:
            rows = self._query(
                "SELECT * FROM sales_orders WHERE external_reference = ?", (external_reference,)
            )
            return self._order_records(rows)[0] if rows else None

    def _order_records(self, headers: Sequence[sqlite3.Row]) -> list[ErpSalesOrderRecord]:
        """Headers plus their items, fetched in one statement per batch of headers."""
        ids = [str(row["erp_order_id"]) for row in headers]
        items: dict[str, list[dict[str, Any]]] = {order_id: [] for order_id in ids}
        for start in range(0, len(ids), _MAX_SQL_PARAMS):
            chunk = ids[start : start + _MAX_SQL_PARAMS]
            marks = ", ".join("?" * len(chunk))
            for item in self._query(
                f"SELECT * FROM sales_order_items WHERE erp_order_id IN ({marks})"  # noqa: S608 - placeholders only
                " ORDER BY erp_order_id, item_number",
                chunk,
            ):
                items[str(item["erp_order_id"])].append(
                    {
                        "item_number": int(item["item_number"]),
                        "sku": str(item["sku"]),
                        "quantity": Decimal(item["quantity"]),
                        "unit_price": Decimal(item["unit_price"]),
                        "external_line_id": str(item["external_line_id"]),
                        "rejected": bool(item["rejected"]),
                    }
                )
        deliveries: dict[str, list[sqlite3.Row]] = {order_id: [] for order_id in ids}
        invoices: dict[str, sqlite3.Row] = {}
        for start in range(0, len(ids), _MAX_SQL_PARAMS):
            chunk = ids[start : start + _MAX_SQL_PARAMS]
            marks = ", ".join("?" * len(chunk))
            for delivery in self._query(
                f"SELECT * FROM deliveries WHERE erp_order_id IN ({marks}) ORDER BY delivery_number",  # noqa: S608
                chunk,
            ):
                deliveries[str(delivery["erp_order_id"])].append(delivery)
            for bill in self._query(
                f"SELECT * FROM invoices WHERE erp_order_id IN ({marks}) ORDER BY invoice_number",  # noqa: S608
                chunk,
            ):
                invoices[str(bill["erp_order_id"])] = bill  # the latest
        records = []
        for row in headers:
            order_id = str(row["erp_order_id"])
            order_items = items[order_id]
            shipped = deliveries[order_id]
            invoice = invoices.get(order_id)
            records.append(
                ErpSalesOrderRecord(
                    erp_order_id=order_id,
                    external_reference=str(row["external_reference"]),
                    customer_reference=str(row["customer_number"]),  # the sold-to party, as SAP reads it back
                    status=str(row["status"]),
                    currency=str(row["currency"]),
                    source_version=int(row["source_version"]),
                    items=tuple(order_items),
                    changed_at=_parse_ts(row["changed_at"]),
                    created_at=_parse_ts(row["created_at"]),
                    net_amount=sum(
                        (i["quantity"] * i["unit_price"] for i in order_items if not i["rejected"]),
                        Decimal(0),
                    ),
                    delivery_date=date.fromisoformat(shipped[-1]["goods_issue_date"]) if shipped else None,
                    shipped_share=min(
                        Decimal(1), sum((Decimal(d["shipped_share"]) for d in shipped), Decimal(0))
                    ),
                    tracking_reference=next(
                        (d["tracking_reference"] for d in reversed(shipped) if d["tracking_reference"]), None
                    ),
                    invoice_number=str(invoice["invoice_number"]) if invoice else None,
                    invoice_date=date.fromisoformat(invoice["invoice_date"]) if invoice else None,
                    status_detail=str(row["status"]),
                )
            )
        return records

    # --- availability ----------------------------------------------------------------------------
    def get_availability(
        self, plant: str, skus: Sequence[str], *, timeout_s: float | None = None
    ) -> dict[str, StockAvailability]:
        wanted = list(dict.fromkeys(skus))  # de-duplicated, request order kept
        if not wanted:
            return {}
        # timeout_s plays the socket timeout: injected latency beyond it ends in ErpTimeoutError.
        self._begin_call("get_availability", write=False, max_wait_s=timeout_s)
        result: dict[str, StockAvailability] = {}
        with self._lock:
            for start in range(0, len(wanted), _MAX_SQL_PARAMS):
                chunk = wanted[start : start + _MAX_SQL_PARAMS]
                values = ", ".join(["(?)"] * len(chunk))
                # A material in the master but without a stock row at this plant is known with
                # nothing available; only a material the ERP has never heard of is unknown.
                rows = self._query(
                    f"WITH wanted (sku) AS (VALUES {values}) "  # noqa: S608 - placeholders only
                    "SELECT w.sku, s.available_quantity, s.available_date, p.sku IS NOT NULL AS in_master "
                    "FROM wanted w LEFT JOIN stock s ON s.plant = ? AND s.sku = w.sku "
                    "LEFT JOIN products p ON p.sku = w.sku",
                    [*chunk, plant],
                )
                for row in rows:
                    sku = str(row["sku"])
                    if row["available_quantity"] is not None:
                        result[sku] = StockAvailability(
                            sku=sku,
                            plant=plant,
                            available_quantity=Decimal(row["available_quantity"]),
                            available_date=date.fromisoformat(row["available_date"])
                            if row["available_date"]
                            else None,
                        )
                    else:
                        result[sku] = StockAvailability(sku=sku, plant=plant, known=bool(row["in_master"]))
        return result

    # --- changed since a watermark ---------------------------------------------------------------
    def _pages(self, method: str, table: str, key: str, since: datetime) -> Iterator[sqlite3.Row]:
        """Keyset paging on (changed_at, key): stable even when records change between pages."""
        after: tuple[str, str] | None = None
        while True:
            self._begin_call(method, write=False)
            if after is None:
                rows = self._query(
                    f"SELECT * FROM {table} WHERE changed_at >= ? "  # noqa: S608 - fixed table names
                    f"ORDER BY changed_at, {key} LIMIT ?",
                    (_ts(since), self._page_size),
                )
            else:
                rows = self._query(
                    f"SELECT * FROM {table} WHERE changed_at > ? OR (changed_at = ? AND {key} > ?) "  # noqa: S608
                    f"ORDER BY changed_at, {key} LIMIT ?",
                    (after[0], after[0], after[1], self._page_size),
                )
            yield from rows
            if len(rows) < self._page_size:
                return
            after = (str(rows[-1]["changed_at"]), str(rows[-1][key]))

    def changed_customers(self, since: datetime) -> Iterator[ErpCustomer]:
        for row in self._pages("changed_customers", "customers", "customer_number", since):
            yield self._customer(row)

    def changed_products(self, since: datetime) -> Iterator[ErpProduct]:
        for row in self._pages("changed_products", "products", "sku", since):
            yield ErpProduct(
                sku=str(row["sku"]),
                name=str(row["name"]),
                list_price=Decimal(row["list_price"]) if row["list_price"] is not None else None,
                currency=str(row["currency"]) if row["currency"] is not None else None,
                active=bool(row["active"]),
                changed_at=_parse_ts(row["changed_at"]),
            )

    def changed_sales_orders(self, since: datetime) -> Iterator[ErpSalesOrderRecord]:
        page: list[sqlite3.Row] = []
        for row in self._pages("changed_sales_orders", "sales_orders", "erp_order_id", since):
            page.append(row)
            if len(page) == self._page_size:
                yield from self._order_records(page)
                page = []
        yield from self._order_records(page)

    @staticmethod
    def _customer(row: sqlite3.Row) -> ErpCustomer:
        return ErpCustomer(
            customer_number=str(row["customer_number"]),
            salesforce_account_id=row["salesforce_account_id"],
            name=str(row["name"]),
            street=row["street"],
            city=row["city"],
            postal_code=row["postal_code"],
            country=row["country"],
            phone=row["phone"],
            credit_limit=Decimal(row["credit_limit"]) if row["credit_limit"] is not None else None,
            payment_terms=row["payment_terms"],
            changed_at=_parse_ts(row["changed_at"]),
            deleted=bool(row["deleted"]),
            blocked=bool(row["blocked"]),
        )

    # --- customer create, coupling, block ----------------------------------------------------------
    def create_customer(self, customer: NewErpCustomer) -> ErpCustomer:
        outcome = self._begin_call("create_customer", write=True)
        now = _ts(self._clock())
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT * FROM customers WHERE salesforce_account_id = ?", (customer.salesforce_account_id,)
            ).fetchone()
            if row is None:
                number = self._next_number(conn, "customer")
                values = customer.model_dump()
                columns = ("customer_number", *values, "changed_at")
                conn.execute(
                    f"INSERT INTO customers ({', '.join(columns)})"  # noqa: S608 - model field names
                    f" VALUES ({', '.join('?' * len(columns))})",
                    (number, *values.values(), now),
                )
                row = conn.execute("SELECT * FROM customers WHERE customer_number = ?", (number,)).fetchone()
        self._end_write("create_customer", outcome)
        return self._customer(row)

    def customer_for_account(self, salesforce_account_id: str) -> ErpCustomer | None:
        self._begin_call("customer_for_account", write=False)
        rows = self._query(
            "SELECT * FROM customers WHERE salesforce_account_id = ?", (salesforce_account_id,)
        )
        return self._customer(rows[0]) if rows else None

    def set_customer_blocked(self, customer_number: str, *, blocked: bool) -> None:
        outcome = self._begin_call("set_customer_blocked", write=True)
        with self._transaction() as conn:
            updated = conn.execute(
                "UPDATE customers SET blocked = ?, changed_at = ? WHERE customer_number = ?",
                (int(blocked), _ts(self._clock()), customer_number),
            ).rowcount
        if not updated:
            raise ErpNotFoundError(f"customer {customer_number} does not exist")
        self._end_write("set_customer_blocked", outcome)

    # --- customer updates ------------------------------------------------------------------------
    def update_customers(self, updates: Sequence[RecordUpdate]) -> list[RecordResult]:
        if not updates:
            return []
        outcome = self._begin_call("update_customers", write=True)
        now = _ts(self._clock())
        results: list[RecordResult] = []
        with self._transaction() as conn:
            for update in updates:
                results.append(self._update_customer(conn, update, now))
        self._end_write("update_customers", outcome)
        return results

    @staticmethod
    def _update_customer(conn: sqlite3.Connection, update: RecordUpdate, now: str) -> RecordResult:
        unknown_fields = sorted(set(update.fields) - UPDATABLE_CUSTOMER_FIELDS)
        if unknown_fields:
            return RecordResult(
                key=update.key, ok=False, error=f"unknown field(s): {', '.join(unknown_fields)}"
            )
        row = conn.execute(
            "SELECT deleted FROM customers WHERE customer_number = ?", (update.key,)
        ).fetchone()
        if row is None:
            return RecordResult(key=update.key, ok=False, error=f"customer {update.key} does not exist")
        if row["deleted"]:
            return RecordResult(key=update.key, ok=False, error=f"customer {update.key} is deleted")
        values: dict[str, Any] = dict(update.fields)
        if values.get("credit_limit") is not None:
            try:
                values["credit_limit"] = str(_decimal(values["credit_limit"]))
            except InvalidOperation:
                return RecordResult(key=update.key, ok=False, error="credit_limit is not a number")
        if "name" in values and not values["name"]:
            return RecordResult(key=update.key, ok=False, error="name must not be empty")
        assignments = ", ".join(f"{column} = ?" for column in values)
        # A savepoint per record: one bad record (say a duplicate Account Id) fails alone.
        conn.execute("SAVEPOINT customer_update")
        try:
            conn.execute(
                f"UPDATE customers SET {assignments}, changed_at = ? WHERE customer_number = ?",  # noqa: S608 - whitelisted columns
                (*values.values(), now, update.key),
            )
        except sqlite3.IntegrityError as exc:
            conn.execute("ROLLBACK TO customer_update")
            conn.execute("RELEASE customer_update")
            return RecordResult(key=update.key, ok=False, error=f"rejected: {exc}")
        conn.execute("RELEASE customer_update")
        return RecordResult(key=update.key, ok=True)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # --- seeding and inspection (not part of the port; never counted, never faulted) -------------
    def seed_stock(
        self,
        plant: str,
        quantities: Mapping[str, Decimal | int | float | str],
        *,
        available_date: date | None = None,
    ) -> None:
        """Set the available quantity of each SKU at ``plant`` (replacing what was there)."""
        now = _ts(self._clock())
        with self._transaction() as conn:
            conn.executemany(
                "INSERT INTO stock (plant, sku, available_quantity, available_date, changed_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (plant, sku) DO UPDATE SET"
                " available_quantity = excluded.available_quantity,"
                " available_date = excluded.available_date, changed_at = excluded.changed_at",
                [
                    (
                        plant,
                        sku,
                        str(_decimal(quantity)),
                        available_date.isoformat() if available_date else None,
                        now,
                    )
                    for sku, quantity in quantities.items()
                ],
            )

    def seed_customers(self, customers: Iterable[Mapping[str, Any]]) -> list[str]:
        """Insert or replace customers; ``name`` is required, a missing ``customer_number`` is
        drawn from the number range. Returns the customer numbers in input order."""
        now = _ts(self._clock())
        numbers: list[str] = []
        columns = ("customer_number", "deleted", "changed_at", *sorted(UPDATABLE_CUSTOMER_FIELDS))
        with self._transaction() as conn:
            for customer in customers:
                unknown = set(customer) - set(columns)
                if unknown:
                    raise ValueError(f"unknown customer field(s): {', '.join(sorted(unknown))}")
                if not customer.get("name"):
                    raise ValueError("a seeded customer needs a name")
                number = str(customer.get("customer_number") or self._next_number(conn, "customer"))
                record = {column: customer.get(column) for column in columns}
                record.update(customer_number=number, deleted=int(bool(customer.get("deleted", False))))
                record["changed_at"] = _ts(customer["changed_at"]) if customer.get("changed_at") else now
                if record["credit_limit"] is not None:
                    record["credit_limit"] = str(_decimal(record["credit_limit"]))
                conn.execute(
                    f"INSERT OR REPLACE INTO customers ({', '.join(columns)})"  # noqa: S608 - fixed columns
                    f" VALUES ({', '.join('?' * len(columns))})",
                    [record[column] for column in columns],
                )
                numbers.append(number)
        return numbers

    def seed_master_data(self, *, accounts: Iterable[str] = (), skus: Iterable[str] = ()) -> dict[str, str]:
        """An initial master-data load: a customer coupled to every Salesforce Account that has
        none yet, and every material not known yet. Returns Account Id -> customer number.

        What a go-live does before the first order (and what the customer flow does afterwards);
        the local runtime and the tests call it so the strict ERP accepts their orders."""
        with self._transaction() as conn:
            coupled = {
                str(row["salesforce_account_id"]): str(row["customer_number"])
                for row in conn.execute(
                    "SELECT salesforce_account_id, customer_number FROM customers"
                    " WHERE salesforce_account_id IS NOT NULL"
                )
            }
            known = {str(row["sku"]) for row in conn.execute("SELECT sku FROM products")}
        missing = [a for a in dict.fromkeys(accounts) if a not in coupled]
        numbers = self.seed_customers(
            {"name": f"Customer of {a}", "salesforce_account_id": a} for a in missing
        )
        coupled.update(zip(missing, numbers, strict=True))
        self.seed_products({"sku": sku} for sku in dict.fromkeys(skus) if sku not in known)
        return {a: coupled[a] for a in dict.fromkeys(accounts)}

    def seed_products(self, products: Iterable[Mapping[str, Any]]) -> None:
        """Insert or replace materials: ``sku``, ``name``, ``list_price``, ``currency``, ``active``."""
        now = _ts(self._clock())
        with self._transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO products (sku, name, list_price, currency, active, changed_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        str(product["sku"]),
                        str(product.get("name") or product["sku"]),
                        # No price given: none stored (a price is never made up as 0).
                        str(_decimal(product["list_price"]))
                        if product.get("list_price") is not None
                        else None,
                        str(product["currency"]) if product.get("list_price") is not None else None,
                        int(bool(product.get("active", True))),
                        _ts(product["changed_at"]) if product.get("changed_at") else now,
                    )
                    for product in products
                ],
            )

    def sales_orders_by_number(self, erp_order_ids: Sequence[str]) -> Iterator[ErpSalesOrderRecord]:
        wanted = list(dict.fromkeys(erp_order_ids))
        if not wanted:
            return
        self._begin_call("sales_orders_by_number", write=False)
        with self._lock:
            for start in range(0, len(wanted), _MAX_SQL_PARAMS):
                chunk = wanted[start : start + _MAX_SQL_PARAMS]
                marks = ", ".join("?" * len(chunk))
                yield from self._order_records(
                    self._query(f"SELECT * FROM sales_orders WHERE erp_order_id IN ({marks})", chunk)  # noqa: S608
                )

    # --- the ERP's own processes (not port methods): shipping and billing ---------------------------
    def post_delivery(
        self,
        external_reference: str,
        *,
        share: Decimal | str = Decimal(1),
        tracking_reference: str | None = None,
    ) -> str:
        """Issue goods for ``share`` of the order's quantity (an outbound delivery): the order is
        IN_DELIVERY until everything is shipped, then SHIPPED. Returns the delivery number."""
        portion = _decimal(share)
        if not Decimal(0) < portion <= Decimal(1):
            raise ValueError(f"delivery share {portion} is not in (0, 1]")
        now = self._clock()
        with self._transaction() as conn:
            row = self._open_order(conn, external_reference, (STATUS_OPEN, STATUS_IN_DELIVERY), "delivered")
            shipped = sum(
                (
                    Decimal(r["shipped_share"])
                    for r in conn.execute(
                        "SELECT shipped_share FROM deliveries WHERE erp_order_id = ?", (row[0],)
                    )
                ),
                Decimal(0),
            )
            number = self._next_number(conn, "delivery")
            conn.execute(
                "INSERT INTO deliveries (delivery_number, erp_order_id, shipped_share, tracking_reference,"
                " goods_issue_date) VALUES (?, ?, ?, ?, ?)",
                (number, row[0], str(portion), tracking_reference, now.date().isoformat()),
            )
            status = STATUS_SHIPPED if shipped + portion >= 1 else STATUS_IN_DELIVERY
            conn.execute(
                "UPDATE sales_orders SET status = ?, changed_at = ? WHERE erp_order_id = ?",
                (status, _ts(now), row[0]),
            )
        return number

    def post_invoice(self, external_reference: str) -> str:
        """Bill a shipped order (a billing document over its net value): INVOICED. Returns the
        invoice number."""
        now = self._clock()
        with self._transaction() as conn:
            row = self._open_order(conn, external_reference, (STATUS_SHIPPED,), "invoiced")
            net = sum(
                (
                    Decimal(r["quantity"]) * Decimal(r["unit_price"])
                    for r in conn.execute(
                        "SELECT quantity, unit_price FROM sales_order_items WHERE erp_order_id = ? AND rejected = 0",
                        (row[0],),
                    )
                ),
                Decimal(0),
            )
            number = self._next_number(conn, "invoice")
            conn.execute(
                "INSERT INTO invoices (invoice_number, erp_order_id, invoice_date, net_amount) VALUES (?, ?, ?, ?)",
                (number, row[0], now.date().isoformat(), str(net)),
            )
            conn.execute(
                "UPDATE sales_orders SET status = ?, changed_at = ? WHERE erp_order_id = ?",
                (STATUS_INVOICED, _ts(now), row[0]),
            )
        return number

    @staticmethod
    def _open_order(
        conn: sqlite3.Connection, external_reference: str, allowed: Sequence[str], what: str
    ) -> tuple[str, str]:
        found = conn.execute(
            "SELECT erp_order_id, status FROM sales_orders WHERE external_reference = ?",
            (external_reference,),
        ).fetchone()
        if found is None:
            raise ErpNotFoundError(f"no sales order with external reference {external_reference}")
        if found["status"] not in allowed:
            raise ErpRejectedError(
                f"sales order {found['erp_order_id']} is {found['status']} and cannot be {what}"
            )
        return str(found["erp_order_id"]), str(found["status"])

    def set_order_status(self, external_reference: str, status: str) -> None:
        """Move an order along (SHIPPED, INVOICED) as the ERP's own processes would."""
        if status not in ORDER_STATUSES:
            raise ValueError(f"unknown status {status!r}")
        with self._transaction() as conn:
            updated = conn.execute(
                "UPDATE sales_orders SET status = ?, changed_at = ? WHERE external_reference = ?",
                (status, _ts(self._clock()), external_reference),
            ).rowcount
        if not updated:
            raise ErpNotFoundError(f"no sales order with external reference {external_reference}")

    def sales_orders(self) -> list[ErpSalesOrderRecord]:
        """Every sales order with its items, in document-number order."""
        with self._lock:
            return self._order_records(self._query("SELECT * FROM sales_orders ORDER BY erp_order_id"))

    def snapshot(self) -> dict[str, Any]:
        """JSON-ready contents for reports; decimals as strings so nothing is rounded."""
        with self._lock:
            orders = self.sales_orders()
            customers = [
                self._customer(row) for row in self._query("SELECT * FROM customers ORDER BY customer_number")
            ]
            stock = self._query("SELECT * FROM stock ORDER BY plant, sku")
        account_of = {c.customer_number: c.salesforce_account_id for c in customers}
        return {
            "sales_orders": [
                {
                    "erp_order_id": order.erp_order_id,
                    "salesforce_order_id": order.external_reference,
                    # The sold-to party the ERP holds, and the Account it is coupled to.
                    "customer_number": order.customer_reference,
                    "salesforce_account_id": account_of.get(order.customer_reference),
                    "status": order.status,
                    "currency": order.currency,
                    "source_version": order.source_version,
                    "changed_at": order.changed_at.isoformat(),
                    "lines": [
                        {
                            "item_number": item["item_number"],
                            "sku": item["sku"],
                            "quantity": str(item["quantity"]),
                            "unit_price": str(item["unit_price"]),
                            "external_line_id": item["external_line_id"],
                            "rejected": item["rejected"],
                        }
                        for item in order.items
                    ],
                }
                for order in orders
            ],
            "customers": [customer.model_dump(mode="json") for customer in customers],
            "stock": [
                {
                    "plant": row["plant"],
                    "sku": row["sku"],
                    "available_quantity": row["available_quantity"],
                    "available_date": row["available_date"],
                }
                for row in stock
            ],
        }


def from_settings(settings: ErpConnectionSettings, environ: Mapping[str, str] | None = None) -> EmbeddedErp:
    """The registry's factory. The embedded ERP in the cloud is for dev smoke tests only: its
    SQLite file lives and dies with the execution environment."""
    # Lenient: a deployed dev stack has no master-data load (see EmbeddedErp.__init__).
    return EmbeddedErp("/tmp/sferp-embedded-erp.sqlite", strict=False)  # noqa: S108 - Lambda's only writable path
