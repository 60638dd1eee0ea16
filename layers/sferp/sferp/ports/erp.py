"""The ERP ports, split by role and shaped by the real ERP APIs (SAP S/4HANA's OData services:
``API_SALES_ORDER_SRV`` with deep insert and ``PurchaseOrderByCustomer`` as the external
reference, material stock / availability, business partners, products).

Why split: an adapter implements the roles the environments using it need, and a flow asks for
the roles it uses (the inventory lookup needs ``AvailabilityPort`` and ``ProductPort`` only), so a
new ERP does not have to stub what no flow of its environments calls. ``ErpGateway`` is every
role at once: what the embedded ERP and the SAP OData adapter implement today. Every method may
raise the ``Erp*Error`` family (``sferp.errors``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

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

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class _Closable(ABC):  # noqa: B024 - a mixin with one optional hook, no abstract method on purpose
    def close(self) -> None:  # noqa: B027 - optional hook, most adapters hold nothing
        """Release connections."""


class SalesOrderPort(_Closable):
    """Sales orders by external reference (the Salesforce Order Id)."""

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

    def sales_orders_by_reference(self, references: Sequence[str]) -> Iterator[ErpSalesOrderRecord]:
        """The sales orders with these external references (one ``get_sales_order`` each by default)."""
        for reference in dict.fromkeys(references):
            record = self.get_sales_order(reference)
            if record is not None:
                yield record


class AvailabilityPort(_Closable):
    @abstractmethod
    def get_availability(
        self, plant: str, skus: Sequence[str], *, timeout_s: float | None = None
    ) -> dict[str, StockAvailability]:
        """Availability of many SKUs at one plant in ONE call (never one call per SKU).

        ``timeout_s`` is the caller's remaining time budget: adapters enforce it on the socket
        (connect and read) and raise ``ErpTimeoutError`` when it runs out; None = their default.
        """


class CustomerPort(_Closable):
    @abstractmethod
    def changed_customers(self, since: datetime) -> Iterator[ErpCustomer]:
        """Customers changed (or deleted) at or after ``since``, paging as the server does."""

    @abstractmethod
    def update_customers(self, updates: Sequence[RecordUpdate]) -> list[RecordResult]:
        """Batch update of ERP-side customer fields; per-record results, never all-or-nothing."""

    @abstractmethod
    def create_customer(self, customer: NewErpCustomer) -> ErpCustomer:
        """Create the customer coupled to ``customer.salesforce_account_id`` where the ERP keeps
        external ids, or return the one already coupled (idempotent: a retry after a lost answer
        creates no second customer)."""

    @abstractmethod
    def customer_for_account(self, salesforce_account_id: str) -> ErpCustomer | None:
        """The customer coupled to this Salesforce Account, or None."""

    @abstractmethod
    def set_customer_blocked(self, customer_number: str, *, blocked: bool) -> None:
        """Block (no new orders) or unblock a customer. Never a delete: an ERP keeps its
        customers for its documents."""

    @property
    def supported_customer_fields(self) -> frozenset[str]:
        """The ``ErpCustomer`` fields this ERP holds (reads and writes). A field outside it is
        always ``None`` in ``changed_customers`` because the ERP API does not carry it, so a
        comparison must leave it out instead of reading "empty" (e.g. SAP's credit limit is not
        in API_BUSINESS_PARTNER)."""
        return UPDATABLE_CUSTOMER_FIELDS

    # Keyed look-ups for reconciliation: a record changed on one side only needs its counterpart
    # from the other side. The default scans the changed-since extract from the epoch, which is
    # correct for every adapter; adapters with a keyed query (OData ``$filter=... in (...)``)
    # should override it.
    def customers_by_number(self, numbers: Sequence[str]) -> Iterator[ErpCustomer]:
        """The customers with these customer numbers (deleted ones included)."""
        wanted = set(numbers)
        if wanted:
            yield from (c for c in self.changed_customers(_EPOCH) if c.customer_number in wanted)


class ProductPort(_Closable):
    @abstractmethod
    def changed_products(self, since: datetime) -> Iterator[ErpProduct]:
        """Products / prices changed at or after ``since``."""

    def products_by_sku(self, skus: Sequence[str]) -> Iterator[ErpProduct]:
        """The products with these SKUs."""
        wanted = set(skus)
        if wanted:
            yield from (p for p in self.changed_products(_EPOCH) if p.sku in wanted)


class SalesOrderChangesPort(_Closable):
    """Changes since a watermark, for the nightly run and the ERP -> Salesforce status flow."""

    @abstractmethod
    def changed_sales_orders(self, since: datetime) -> Iterator[ErpSalesOrderRecord]:
        """Sales orders changed at or after ``since``, in change order, with their status,
        fulfilment and invoicing fields where the ERP's API carries them."""

    def sales_orders_by_number(self, erp_order_ids: Sequence[str]) -> Iterator[ErpSalesOrderRecord]:
        """The sales orders with these ERP document numbers (an ERP business event names only
        the number). The default scans the extract from the epoch; adapters with a keyed query
        should override it."""
        wanted = set(erp_order_ids)
        if wanted:
            yield from (o for o in self.changed_sales_orders(_EPOCH) if o.erp_order_id in wanted)


class ErpGateway(SalesOrderPort, AvailabilityPort, CustomerPort, ProductPort, SalesOrderChangesPort):
    """Every role at once: the full ERP the nightly reconciliation reads both ways."""
