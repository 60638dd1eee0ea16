"""ERP gateways that wrap another one to script what the local runtime plays: a handler that dies
after the ERP call, an ERP outage in front of a server that cannot inject faults itself."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator, Sequence
from datetime import datetime

from sferp.errors import ErpUnavailableError
from sferp.models.order import ErpOrderAck, ErpSalesOrder
from sferp.models.records import (
    ErpCustomer,
    ErpProduct,
    ErpSalesOrderRecord,
    NewErpCustomer,
    RecordResult,
    RecordUpdate,
    StockAvailability,
)
from sferp.ports import ErpGateway


class ErpGatewayWrapper(ErpGateway):
    """Forwards every call to ``inner``. Subclasses hook in before a call or after a write."""

    def __init__(self, inner: ErpGateway) -> None:
        self.inner = inner

    def _before(self) -> None:
        """Runs before every call."""

    def _after_write(self) -> None:
        """Runs after a successful upsert or cancel, before its answer is returned."""

    def upsert_sales_order(self, order: ErpSalesOrder) -> ErpOrderAck:
        self._before()
        ack = self.inner.upsert_sales_order(order)
        self._after_write()
        return ack

    def cancel_sales_order(self, external_reference: str, *, source_version: int) -> ErpOrderAck:
        self._before()
        ack = self.inner.cancel_sales_order(external_reference, source_version=source_version)
        self._after_write()
        return ack

    def get_sales_order(self, external_reference: str) -> ErpSalesOrderRecord | None:
        self._before()
        return self.inner.get_sales_order(external_reference)

    def get_availability(
        self, plant: str, skus: Sequence[str], *, timeout_s: float | None = None
    ) -> dict[str, StockAvailability]:
        self._before()
        return self.inner.get_availability(plant, skus, timeout_s=timeout_s)

    def changed_customers(self, since: datetime) -> Iterator[ErpCustomer]:
        self._before()
        return self.inner.changed_customers(since)

    def changed_products(self, since: datetime) -> Iterator[ErpProduct]:
        self._before()
        return self.inner.changed_products(since)

    def changed_sales_orders(self, since: datetime) -> Iterator[ErpSalesOrderRecord]:
        self._before()
        return self.inner.changed_sales_orders(since)

    def update_customers(self, updates: Sequence[RecordUpdate]) -> list[RecordResult]:
        self._before()
        return self.inner.update_customers(updates)

    def create_customer(self, customer: NewErpCustomer) -> ErpCustomer:
        self._before()
        created = self.inner.create_customer(customer)
        self._after_write()
        return created

    def customer_for_account(self, salesforce_account_id: str) -> ErpCustomer | None:
        self._before()
        return self.inner.customer_for_account(salesforce_account_id)

    def set_customer_blocked(self, customer_number: str, *, blocked: bool) -> None:
        self._before()
        self.inner.set_customer_blocked(customer_number, blocked=blocked)
        self._after_write()

    @property
    def supported_customer_fields(self) -> frozenset[str]:
        return self.inner.supported_customer_fields


class SimulatedCrash(BaseException):
    """The Lambda process dies (out of memory, timeout) after the ERP call and before it
    acknowledges. A BaseException so that no ``except Exception`` in the handler path catches it,
    just as nothing catches a real crash."""


class CrashAfterErpWrite(ErpGatewayWrapper):
    """After a successful write, the process 'dies' with probability ``rate``."""

    def __init__(self, inner: ErpGateway, *, rate: float, rng: random.Random) -> None:
        super().__init__(inner)
        self.rate = rate
        self._rng = rng
        self.crashes = 0

    def _after_write(self) -> None:
        if self.rate and self._rng.random() < self.rate:
            self.crashes += 1
            raise SimulatedCrash("handler crashed after the ERP call")


class ScriptedOutage(ErpGatewayWrapper):
    """Every call fails with ``ErpUnavailableError`` while the outage lasts, before it reaches the
    ERP: the demo's "ERP down" for gateways that cannot inject faults themselves (a real OData
    server). The embedded ERP has its own ``outage()``."""

    def __init__(self, inner: ErpGateway) -> None:
        super().__init__(inner)
        self._down = False

    @contextlib.contextmanager
    def outage(self) -> Iterator[None]:
        self._down = True
        try:
            yield
        finally:
            self._down = False

    def _before(self) -> None:
        if self._down:
            raise ErpUnavailableError("ERP unavailable (scripted outage)")
