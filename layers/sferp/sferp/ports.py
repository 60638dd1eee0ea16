"""Ports: what the logic needs from Salesforce and the ERP, shaped by the real APIs.

``ErpGateway`` follows SAP S/4HANA's OData services (``API_SALES_ORDER_SRV`` with deep insert
and ``PurchaseOrderByCustomer`` as external reference, the material stock / availability APIs,
business partners) so that an OData adapter can implement it without the logic changing;
the embedded SQLite ERP implements the same contract for local runs and tests.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sferp.models.order import ErpOrderAck, ErpSalesOrder, SalesforceOrder
from sferp.models.records import (
    ApiUsage,
    ErpCustomer,
    ErpProduct,
    ErpSalesOrderRecord,
    RecordResult,
    RecordUpdate,
    StockAvailability,
)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class ErpGateway(ABC):
    """The ERP as the integration sees it. Every method may raise the ``Erp*Error`` family."""

    @abstractmethod
    def upsert_sales_order(self, order: ErpSalesOrder) -> ErpOrderAck:
        """Create the order, or update the one whose external reference matches.

        Implementations must look the external reference up before creating, so a retry after
        a timeout (write done, answer lost) never makes a second order.
        """

    @abstractmethod
    def cancel_sales_order(self, external_reference: str, *, source_version: int) -> ErpOrderAck:
        """Cancel (reject all items of) the order with this external reference."""

    @abstractmethod
    def get_sales_order(self, external_reference: str) -> ErpSalesOrderRecord | None:
        """The order with this external reference, or None."""

    @abstractmethod
    def get_availability(
        self, plant: str, skus: Sequence[str], *, timeout_s: float | None = None
    ) -> dict[str, StockAvailability]:
        """Availability of many SKUs at one plant in ONE call (never one call per SKU).

        ``timeout_s`` is the caller's remaining time budget: adapters enforce it on the socket
        (connect and read) and raise ``ErpTimeoutError`` when it runs out; None = their default.
        """

    @abstractmethod
    def changed_customers(self, since: datetime) -> Iterator[ErpCustomer]:
        """Customers changed (or deleted) at or after ``since``, paging as the server does."""

    @abstractmethod
    def changed_products(self, since: datetime) -> Iterator[ErpProduct]:
        """Products / prices changed at or after ``since``."""

    @abstractmethod
    def changed_sales_orders(self, since: datetime) -> Iterator[ErpSalesOrderRecord]:
        """Sales orders changed at or after ``since``."""

    @abstractmethod
    def update_customers(self, updates: Sequence[RecordUpdate]) -> list[RecordResult]:
        """Batch update of ERP-side customer fields; per-record results, never all-or-nothing."""

    # Keyed look-ups for reconciliation: a record changed on one side only needs its counterpart
    # from the other side. The defaults scan the changed-since extract from the epoch, which is
    # correct for every adapter; adapters with a keyed query (OData ``$filter=... in (...)``)
    # should override them.
    def customers_by_number(self, numbers: Sequence[str]) -> Iterator[ErpCustomer]:
        """The customers with these customer numbers (deleted ones included)."""
        wanted = set(numbers)
        if wanted:
            yield from (c for c in self.changed_customers(_EPOCH) if c.customer_number in wanted)

    def products_by_sku(self, skus: Sequence[str]) -> Iterator[ErpProduct]:
        """The products with these SKUs."""
        wanted = set(skus)
        if wanted:
            yield from (p for p in self.changed_products(_EPOCH) if p.sku in wanted)

    def sales_orders_by_reference(self, references: Sequence[str]) -> Iterator[ErpSalesOrderRecord]:
        """The sales orders with these external references (one ``get_sales_order`` each by default)."""
        for reference in dict.fromkeys(references):
            record = self.get_sales_order(reference)
            if record is not None:
                yield record

    def close(self) -> None:  # noqa: B027 - optional hook, most adapters hold nothing
        """Release connections."""


class SalesforceGateway(ABC):
    """Salesforce as the integration sees it. Every method may raise the ``Salesforce*Error`` family."""

    @abstractmethod
    def get_order(self, order_id: str, *, version: int) -> SalesforceOrder:
        """The Order and its OrderItems in ONE query (used when the event carries no lines)."""

    @abstractmethod
    def update_records(self, sobject: str, updates: Sequence[RecordUpdate]) -> list[RecordResult]:
        """Update records by id through sObject Collections (200 records a call, allOrNone=false)."""

    @abstractmethod
    def bulk_query(self, soql: str, *, include_deleted: bool = False) -> Iterator[dict[str, Any]]:
        """Bulk API 2.0 query (``queryAll`` when ``include_deleted``), streamed."""

    @abstractmethod
    def bulk_upsert(
        self, sobject: str, external_id_field: str, records: Sequence[dict[str, Any]]
    ) -> list[RecordResult]:
        """Bulk API 2.0 upsert: one job per call, per-record results."""

    @abstractmethod
    def publish_event(self, event_name: str, fields: dict[str, Any]) -> None:
        """Publish a platform event."""

    @property
    @abstractmethod
    def api_usage(self) -> ApiUsage | None:
        """The last ``Sforce-Limit-Info`` reading, if any call was made."""

    @property
    @abstractmethod
    def api_calls(self) -> int:
        """REST/Bulk calls this gateway has made (for metrics and benchmarks)."""
