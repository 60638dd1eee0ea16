"""``ErpGateway`` over SAP S/4HANA's standard OData v2 APIs, proven against a test peer built
from SAP's published metadata (tests/odata_server; docs/erp_odata.md).

Protocol behaviour, and why:

* Sales orders are created WITH their items in one deep insert (``A_SalesOrder`` + ``to_Item``),
  after a lookup by ``PurchaseOrderByCustomer`` (= the Salesforce Order Id), so a retry after a
  lost answer finds the order instead of making a second one. The sold-to party is the customer
  coupled to the Salesforce Account (``BusinessPartnerIDByExtSystem``), never the Account Id.
* SAP's v2 APIs apply no deep update: an update writes only what changed, the header with
  ``If-Match: <ETag>`` read by the lookup, each item on its own. A 412 (someone changed it in
  between) is re-read and retried once, then surfaces as ``ErpConflictError``.
* Cancellation is SAP's: every open item gets a rejection reason (one item PATCH each); the
  order counts as cancelled when all items are rejected (or the header rejection status says so).
* Writes carry an ``X-CSRF-Token``. The token is fetched with the first GET (``X-CSRF-Token:
  Fetch`` rides on the lookup, so it costs no extra call), reused for every later write, and
  refetched once when the server answers 403 ``x-csrf-token: Required``.
* 429 and 5xx are retried with exponential back-off honouring ``Retry-After`` (bounded;
  ``sleep`` is injectable). POST is retried only on 429/503, which mean "not processed";
  any other failure of a create goes back to the caller, whose retry starts with the lookup.
* v2 ``d.results`` / ``__next`` are read (and v4 ``value`` / ``@odata.nextLink`` for custom
  services, tested with ``responses`` only).
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from email.utils import parsedate_to_datetime
from typing import Any, Final
from urllib.parse import quote, urljoin

import requests

from sferp.adapters.erp.odata_mapping import (
    WRITABLE_CUSTOMER_FIELDS,
    BasicCredentials,
    BillingNames,
    DeliveryNames,
    ErpCredentials,
    OAuthClientCredentials,
    ODataErpConfig,
    ServicePaths,
)
from sferp.adapters.erp.odata_settings import ODataSettings
from sferp.errors import (
    ErpAuthError,
    ErpConflictError,
    ErpCustomerMissingError,
    ErpError,
    ErpNotFoundError,
    ErpRejectedError,
    ErpThrottledError,
    ErpTimeoutError,
    ErpUnavailableError,
    RetriableError,
)
from sferp.models.order import ErpOrderAck, ErpSalesOrder
from sferp.models.records import (
    UNMAPPED_ORDER_STATUS,
    ErpCustomer,
    ErpProduct,
    ErpSalesOrderRecord,
    NewErpCustomer,
    RecordResult,
    RecordUpdate,
    StockAvailability,
)
from sferp.observability import logger
from sferp.ports import ErpGateway
from sferp.settings import ErpConnectionSettings

CSRF_HEADER: Final = "X-CSRF-Token"
_NO_TOKEN: Final = ""  # the server issues no CSRF token; send none
_TOKEN_EXPIRY_SKEW_S: Final = 60  # seconds; renew an OAuth token this long before it expires
_ERROR_TEXT_MAX: Final = 500  # characters of an ERP error message kept in exceptions
# ``changed_sales_orders`` from before this reads every order: no document can name another one.
_FULL_EXTRACT_BEFORE: Final = datetime(1970, 1, 2, tzinfo=UTC)
_V2_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
_V2_TIME = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.\d+)?S)?$")
_IDEMPOTENT_METHODS: Final = frozenset({"GET", "HEAD", "PATCH", "PUT", "DELETE"})
# A POST answered 429 or 503 was not processed; any other 5xx might have been.
_POST_RETRY_STATUSES: Final = frozenset({429, 503})

Sleep = Callable[[float], None]
Clock = Callable[[], float]


class ODataErpGateway(ErpGateway):
    """SAP S/4HANA-style OData adapter. One instance per warm Lambda container (pooled session)."""

    def __init__(
        self,
        config: ODataErpConfig,
        credentials: BasicCredentials | OAuthClientCredentials,
        *,
        session: requests.Session | None = None,
        sleep: Sleep = time.sleep,
        clock: Clock = time.monotonic,
    ) -> None:
        self._config = config
        self._names = config.mapping
        self._credentials = credentials
        self._session = session or requests.Session()
        self._sleep = sleep
        self._clock = clock
        self._csrf_token: str | None = None  # None: not fetched yet
        self._oauth_token: str | None = None
        self._oauth_expires_at = 0.0
        self._lock = threading.Lock()
        self.calls: Counter[str] = Counter()
        # Salesforce Account Id -> (SAP customer number, monotonic expiry)
        self._sold_to_cache: dict[str, tuple[str, float]] = {}
        if isinstance(credentials, BasicCredentials):
            self._session.auth = (credentials.username, credentials.password.get_secret_value())
        self._session.headers.update({"Accept": "application/json"})

    @classmethod
    def from_secret(
        cls,
        config: ODataErpConfig,
        secret_id: str,
        *,
        fetch: Callable[[str, int], Any] | None = None,
    ) -> ODataErpGateway:
        """The adapter with credentials read from Secrets Manager (cached by Powertools)."""
        from sferp.secrets import fetch_json_secret, load_secret_model

        # ErpCredentials is an Annotated union, which type[M] cannot express; pydantic takes it.
        credentials: BasicCredentials | OAuthClientCredentials = load_secret_model(
            ErpCredentials,  # type: ignore[arg-type]
            secret_id,
            fetch=fetch or fetch_json_secret,
        )
        return cls(config, credentials)

    # --- measurements -----------------------------------------------------------------------------
    @property
    def call_count(self) -> int:
        """HTTP requests sent to the ERP (and its token endpoint), retries included."""
        return sum(self.calls.values())

    def close(self) -> None:
        self._session.close()

    # --- sales orders -----------------------------------------------------------------------------
    def upsert_sales_order(self, order: ErpSalesOrder) -> ErpOrderAck:
        existing = self._find_order(order.external_reference)
        if existing is None:
            return self._create_order(order)
        for attempt in (1, 2):
            if self._order_status(existing) == "CANCELLED":
                raise ErpRejectedError(
                    f"sales order {existing[self._names.sales_order.key]} is cancelled (all items "
                    "rejected); it cannot be updated"
                )
            try:
                return self._update_order(existing, order)
            except ErpConflictError:
                if attempt == 2:
                    raise
                # Changed between our read and our write (a user in SAP, a parallel redelivery):
                # read the new state and its ETag, then write again.
                existing = self._find_order(order.external_reference)
                if existing is None:
                    raise ErpNotFoundError(
                        f"sales order for {order.external_reference} disappeared during update"
                    ) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def cancel_sales_order(self, external_reference: str, *, source_version: int) -> ErpOrderAck:
        so = self._names.sales_order
        existing = self._find_order(external_reference)
        if existing is None:
            raise ErpNotFoundError(f"no sales order with {so.external_reference} {external_reference}")
        erp_order_id = str(existing[so.key])
        if self._order_status(existing) == "CANCELLED":
            # A retried cancel after a lost answer: already done, nothing to write.
            return self._ack(erp_order_id, external_reference, "CANCELLED", False, source_version)
        if so.source_version:
            self._patch_header(existing, {so.source_version: source_version}, kind="cancel")
        # SAP cancels by rejecting items: one PATCH of A_SalesOrderItem per open item (v2 applies
        # no deep update, so a header PATCH carrying to_Item would change nothing).
        for item in self._items_of(existing):
            if not item.get(self._names.sales_order_item.rejection_reason):
                self._reject_item(erp_order_id, item, kind="cancel")
        logger.info("erp sales order cancelled", erp_order_id=erp_order_id)
        return self._ack(erp_order_id, external_reference, "CANCELLED", False, source_version)

    def get_sales_order(self, external_reference: str) -> ErpSalesOrderRecord | None:
        entity = self._find_order(external_reference)
        return None if entity is None else self._order_record(entity)

    def changed_sales_orders(self, since: datetime) -> Iterator[ErpSalesOrderRecord]:
        """The orders whose own change time is at or after ``since``, in change order, then the
        orders changed only through a delivery or billing document since then (SAP's goods issue
        and billing update documents of their own; whether the order's LastChangeDateTime moves
        with them cannot be checked offline, so the documents are read as well)."""
        so = self._names.sales_order
        since = since if since.tzinfo else since.replace(tzinfo=UTC)
        params = {
            "$filter": f"{so.changed_at} ge {self._datetime_literal(since)}",
            # Ordered by change time then key: server-driven paging is offset-based, and only a
            # total order makes page boundaries stable.
            "$orderby": f"{so.changed_at},{so.key}",
            "$expand": so.items,
        }
        seen: set[str] = set()
        page: list[dict[str, Any]] = []
        for entity in self._pages("extract", self._collection_url("sales_order", so.entity_set), params):
            page.append(entity)
            if len(page) >= self._config.max_skus_per_request:
                yield from self._records_of(page, seen)
                page = []
        yield from self._records_of(page, seen)
        if since <= _FULL_EXTRACT_BEFORE:
            return  # a full extract (no watermark) has read every order already
        later = [number for number in self._orders_with_documents_since(since) if number not in seen]
        yield from self.sales_orders_by_number(later)

    def sales_orders_by_number(self, erp_order_ids: Sequence[str]) -> Iterator[ErpSalesOrderRecord]:
        so = self._names.sales_order
        wanted = list(dict.fromkeys(erp_order_ids))
        size = self._config.max_skus_per_request  # the same URL-length budget as a stock query
        for start in range(0, len(wanted), size):
            chunk = wanted[start : start + size]
            params = {"$filter": self._any_of(so.key, chunk), "$orderby": so.key, "$expand": so.items}
            url = self._collection_url("sales_order", so.entity_set)
            yield from self._records_of(list(self._pages("extract", url, params)))

    # --- fulfilment and billing documents ----------------------------------------------------------
    def _any_of(self, prop: str, values: Sequence[str]) -> str:
        if self._config.in_operator:
            return f"{prop} in ({','.join(_literal(v) for v in values)})"
        return " or ".join(f"{prop} eq {_literal(v)}" for v in values)

    def _keyed(
        self, service: str, entity_set: str, prop: str, values: Sequence[str], select: Sequence[str]
    ) -> Iterator[dict[str, Any]]:
        """Rows whose ``prop`` is one of ``values``, in URL-sized chunks, only the ``select``ed
        properties."""
        wanted = list(dict.fromkeys(v for v in values if v))
        size = self._config.max_skus_per_request
        for start in range(0, len(wanted), size):
            params = {
                "$filter": self._any_of(prop, wanted[start : start + size]),
                "$select": ",".join(select),
            }
            yield from self._pages("extract", self._collection_url(service, entity_set), params)

    def _records_of(
        self, entities: list[dict[str, Any]], seen: set[str] | None = None
    ) -> Iterator[ErpSalesOrderRecord]:
        """The records of a page of sales orders, with what their deliveries and billing
        documents say (four keyed reads a page, not four an order)."""
        if not entities:
            return
        key = self._names.sales_order.key
        numbers = [str(e[key]) for e in entities]
        deliveries = self._deliveries_of(numbers)
        invoices = self._invoices_of(numbers)
        for entity in entities:
            number = str(entity[key])
            if seen is not None:
                seen.add(number)
            yield self._order_record(entity, deliveries.get(number, []), invoices.get(number, []))

    def _documents_of(
        self,
        service: str,
        names: DeliveryNames | BillingNames,
        orders: Sequence[str],
        item_fields: Sequence[str],
        header_fields: Sequence[str],
    ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """(item, header) of every document item referring to one of ``orders``: the items by their
        order reference, then their documents' headers, two keyed reads (none when off)."""
        if not names.enabled or not orders:
            return []
        fields = dict.fromkeys((names.key, names.order_reference, *item_fields))
        items = list(self._keyed(service, names.item_set, names.order_reference, orders, list(fields)))
        documents = [str(i[names.key]) for i in items]
        headers = {
            str(h[names.key]): h
            for h in self._keyed(service, names.header_set, names.key, documents, [names.key, *header_fields])
        }
        return [(i, headers[str(i[names.key])]) for i in items if str(i[names.key]) in headers]

    def _deliveries_of(self, orders: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Sales order -> its delivery items, each with its delivery header under ``header``."""
        names = self._names.delivery
        header_fields = [names.goods_movement_status, names.goods_issue_date]
        if names.tracking_reference:
            header_fields.append(names.tracking_reference)
        out: dict[str, list[dict[str, Any]]] = {}
        item_fields = (names.order_item_reference, names.quantity, names.quantity_unit)
        for item, header in self._documents_of("delivery", names, orders, item_fields, header_fields):
            out.setdefault(str(item[names.order_reference]), []).append({**item, "header": header})
        return out

    def _invoices_of(self, orders: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Sales order -> the headers of its valid invoices (not cancelled, an invoice category)."""
        names = self._names.billing
        header_fields = (names.date, names.cancelled, names.category, names.changed_at)
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for item, header in self._documents_of("billing", names, orders, (), header_fields):
            if header.get(names.cancelled) or header.get(names.category) not in names.invoice_categories:
                continue
            out.setdefault(str(item[names.order_reference]), {})[str(header[names.key])] = header
        return {order: list(docs.values()) for order, docs in out.items()}

    def _orders_of_documents(
        self, service: str, names: DeliveryNames | BillingNames, changed: str
    ) -> list[str]:
        """The sales orders referred to by the items of the documents the ``changed`` filter finds."""
        params = {"$filter": changed, "$select": names.key}
        url = self._collection_url(service, names.header_set)
        documents = [str(row[names.key]) for row in self._pages("extract", url, params)]
        items = self._keyed(service, names.item_set, names.key, documents, (names.key, names.order_reference))
        return [str(row[names.order_reference]) for row in items]

    def _orders_with_documents_since(self, since: datetime) -> list[str]:
        """Sales orders with a billing document changed, or a delivery created or changed, since
        ``since`` (aware; deliveries by day: they carry no change time)."""
        orders: list[str] = []
        billing = self._names.billing
        if billing.enabled:
            changed = f"{billing.changed_at} ge {self._datetime_literal(since)}"
            orders += self._orders_of_documents("billing", billing, changed)
        delivery = self._names.delivery
        if delivery.enabled:
            day = f"datetime'{since.astimezone(UTC).date().isoformat()}T00:00:00'"
            changed = f"({delivery.created_on} ge {day} or {delivery.changed_on} ge {day})"
            orders += self._orders_of_documents("delivery", delivery, changed)
        return list(dict.fromkeys(o for o in orders if o))

    # --- availability -----------------------------------------------------------------------------
    def get_availability(
        self, plant: str, skus: Sequence[str], *, timeout_s: float | None = None
    ) -> dict[str, StockAvailability]:
        names = self._names.stock
        # The caller's time budget covers every request of this call (chunks, pages, retries).
        deadline = self._clock() + timeout_s if timeout_s is not None else None
        wanted = list(dict.fromkeys(skus))  # unique, order kept
        totals: dict[str, Decimal] = {}
        size = self._config.max_skus_per_request
        for start in range(0, len(wanted), size):
            chunk = wanted[start : start + size]
            if self._config.in_operator:
                materials = f"{names.material} in ({','.join(_literal(s) for s in chunk)})"
            else:
                materials = "(" + " or ".join(f"{names.material} eq {_literal(s)}" for s in chunk) + ")"
            params = {
                "$filter": f"{names.plant} eq {_literal(plant)} and {materials}",
                "$select": ",".join(
                    (names.material, names.stock_type, names.special_stock_type, names.quantity)
                ),
            }
            url = self._collection_url("stock", names.entity_set)
            for row in self._pages("availability", url, params, deadline=deadline):
                sku = str(row[names.material])
                totals.setdefault(sku, Decimal(0))  # any row means the plant knows the material
                if (
                    str(row.get(names.stock_type) or "") in names.available_stock_types
                    and str(row.get(names.special_stock_type) or "") in names.available_special_stock_types
                ):
                    totals[sku] += _decimal(row.get(names.quantity)) or Decimal(0)
        return {
            sku: StockAvailability(sku=sku, plant=plant, known=True, available_quantity=totals[sku])
            if sku in totals
            else StockAvailability(sku=sku, plant=plant, known=False)
            for sku in wanted
        }

    # --- master data ------------------------------------------------------------------------------
    def changed_customers(self, since: datetime) -> Iterator[ErpCustomer]:
        names = self._names.customer
        # A_BusinessPartner has no LastChangeDateTime: a change is a date plus a time of day
        # (seconds). The literal is rounded DOWN to the second: a record changed in the same
        # second as the watermark comes again (the consumers are idempotent), none is missed.
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        since = since.astimezone(UTC).replace(microsecond=0)
        day = f"datetime'{since.date().isoformat()}T00:00:00'"
        clock = f"time'PT{since.hour:02d}H{since.minute:02d}M{since.second:02d}S'"
        params = {
            "$filter": (
                f"({names.changed_date} gt {day} or ({names.changed_date} eq {day} and "
                f"{names.changed_time} ge {clock}))"
            ),
            "$orderby": f"{names.changed_date},{names.changed_time},{names.key}",
            "$expand": f"{names.addresses}/{names.phones},{names.customer_role}/{names.companies}",
        }
        url = self._collection_url("business_partner", names.entity_set)
        for row in self._pages("extract", url, params):
            if not row.get(names.customer):
                continue  # a partner without the customer role (supplier, contact person)
            yield self._customer_record(row)

    def changed_products(self, since: datetime) -> Iterator[ErpProduct]:
        names = self._names.product
        params = {
            "$filter": f"{names.changed_at} ge {self._datetime_literal(since)}",
            "$orderby": f"{names.changed_at},{names.key}",
            "$expand": names.descriptions,
        }
        for row in self._pages("extract", self._collection_url("product", names.entity_set), params):
            descriptions = {
                str(d.get(names.language_field) or ""): d.get(names.description)
                for d in _results(row.get(names.descriptions))
            }
            yield ErpProduct(
                sku=str(row[names.key]),
                # No description in the configured language: no name (never an empty one).
                name=str(descriptions.get(names.language) or "") or None,
                # SAP prices through condition records (pricing), which this adapter does not read:
                # no list price at all rather than a made-up one (docs/erp_odata.md).
                list_price=None,
                currency=None,
                active=not bool(row.get(names.deleted)),
                changed_at=_parse_datetime(row[names.changed_at]),
            )

    @property
    def supported_customer_fields(self) -> frozenset[str]:
        return WRITABLE_CUSTOMER_FIELDS

    def customer_for_account(self, salesforce_account_id: str) -> ErpCustomer | None:
        row = self._partner_of_account(salesforce_account_id)
        return (
            self._customer_record(row) if row is not None and row.get(self._names.customer.customer) else None
        )

    def create_customer(self, customer: NewErpCustomer) -> ErpCustomer:
        """One deep insert of the business partner (an organisation) with its standard address and
        phone number and its customer role, extended to the configured sales area and company
        code, coupled to the Account through BusinessPartnerIDByExtSystem. A lookup first makes a
        retry after a lost answer return the partner it created."""
        names = self._names.customer
        existing = self.customer_for_account(customer.salesforce_account_id)
        if existing is not None:
            return existing
        address: dict[str, Any] = {
            prop: getattr(customer, attribute)
            for attribute, prop in names.address_fields.items()
            if getattr(customer, attribute) is not None
        }
        if customer.phone is not None:
            address[names.phones] = [{names.phone: customer.phone, "IsDefaultPhoneNumber": True}]
        so = self._names.sales_order.header_defaults
        body: dict[str, Any] = {
            "BusinessPartnerCategory": "2",  # an organisation
            **_name_lines(customer.name, names.name_lines),
            names.salesforce_account_id: customer.salesforce_account_id,
            names.addresses: [address],
            names.customer_role: {
                names.companies: [{"CompanyCode": names.company_code}],
                "to_CustomerSalesArea": [
                    {
                        "SalesOrganization": so["SalesOrganization"],
                        "DistributionChannel": so["DistributionChannel"],
                        "Division": so["OrganizationDivision"],
                    }
                ],
            },
        }
        self._request(
            "customer_create", "POST", self._collection_url("business_partner", names.entity_set), body=body
        )
        created = self.customer_for_account(customer.salesforce_account_id)
        if created is None:
            raise ErpUnavailableError(
                f"SAP accepted the business partner for account {customer.salesforce_account_id} but does not return it"
            )
        self._sold_to_cache.pop(customer.salesforce_account_id, None)
        logger.info("erp customer created", customer_number=created.customer_number)
        return created

    def set_customer_blocked(self, customer_number: str, *, blocked: bool) -> None:
        names = self._names.customer
        partner = self._partner_of_customer(customer_number)
        key = {names.key: str(partner[names.key])}
        self._patch("customer_block", "business_partner", names.entity_set, key, {names.blocked: blocked})
        # A cached sold-to party of this customer must not outlive its block.
        self._sold_to_cache = {a: v for a, v in self._sold_to_cache.items() if v[0] != customer_number}

    def update_customers(self, updates: Sequence[RecordUpdate]) -> list[RecordResult]:
        # Per record: one read of the partner with its address and company data, then one PATCH
        # per sub-entity that changes (API_BUSINESS_PARTNER keeps address, phone and payment terms
        # in their own entities, and v2 applies no deep update). Per-record results, no $batch
        # changeset (all-or-nothing, which the port forbids). See docs/erp_odata.md.
        results: list[RecordResult] = []
        outage: RetriableError | None = None
        for update in updates:
            if outage is not None:
                # The ERP is down: do not hammer it record by record; the caller retries these.
                results.append(RecordResult(key=update.key, ok=False, error=str(outage), retriable=True))
                continue
            unsupported = sorted(set(update.fields) - WRITABLE_CUSTOMER_FIELDS)
            if unsupported:
                results.append(
                    RecordResult(
                        key=update.key,
                        ok=False,
                        error=f"fields this ERP adapter cannot write (API_BUSINESS_PARTNER): {unsupported}",
                    )
                )
                continue
            try:
                self._update_customer(update)
            except ErpNotFoundError as exc:
                results.append(RecordResult(key=update.key, ok=False, error=f"customer not found: {exc}"))
            except ErpRejectedError as exc:
                results.append(RecordResult(key=update.key, ok=False, error=str(exc)))
            except ErpConflictError as exc:
                results.append(RecordResult(key=update.key, ok=False, error=str(exc), retriable=True))
            except RetriableError as exc:
                outage = exc
                results.append(RecordResult(key=update.key, ok=False, error=str(exc), retriable=True))
            else:
                results.append(RecordResult(key=update.key, ok=True))
        failed = sum(1 for r in results if not r.ok)
        logger.info("erp customers updated", records=len(results), failed=failed)
        return results

    # --- customer internals -------------------------------------------------------------------------
    def _partners(self, kind: str, prop: str, value: str) -> list[dict[str, Any]]:
        """The business partners whose ``prop`` is ``value`` (at most 2: more is an error either
        way), with the address, phone and company data the customer record needs."""
        names = self._names.customer
        params = {
            "$filter": f"{prop} eq {_literal(value)}",
            "$expand": f"{names.addresses}/{names.phones},{names.customer_role}/{names.companies}",
            "$top": "2",
        }
        return list(self._pages(kind, self._collection_url("business_partner", names.entity_set), params))

    def _partner_of_account(self, salesforce_account_id: str) -> dict[str, Any] | None:
        names = self._names.customer
        rows = self._partners("customer_lookup", names.salesforce_account_id, salesforce_account_id)
        if len(rows) > 1:
            numbers = ", ".join(str(r[names.key]) for r in rows)
            raise ErpRejectedError(
                f"account {salesforce_account_id} is coupled to more than one SAP business partner ({numbers}); resolve in SAP"
            )
        return rows[0] if rows else None

    def _partner_of_customer(self, customer_number: str) -> dict[str, Any]:
        rows = self._partners("customer_read", self._names.customer.customer, customer_number)
        if not rows:
            raise ErpNotFoundError(f"no business partner with customer number {customer_number}")
        if len(rows) > 1:
            raise ErpRejectedError(f"{len(rows)} business partners carry customer number {customer_number}")
        return rows[0]

    def _update_customer(self, update: RecordUpdate) -> None:
        names = self._names.customer
        partner = self._partner_of_customer(update.key)
        number = str(partner[names.key])
        fields = update.fields
        header: dict[str, Any] = {}
        if "name" in fields:
            header.update(_name_lines(fields["name"], names.name_lines))
        if "salesforce_account_id" in fields:
            header[names.salesforce_account_id] = fields["salesforce_account_id"] or ""
        address_changes = {
            names.address_fields[a]: (fields[a] or "") for a in names.address_fields if a in fields
        }
        address = _standard_address(partner, names)
        if (address_changes or "phone" in fields) and address is None:
            raise ErpRejectedError(f"business partner {number} has no address; create it in SAP first")
        if header:
            self._patch("customer_update", "business_partner", names.entity_set, {names.key: number}, header)
        if address_changes and address is not None:
            key = {names.key: number, "AddressID": str(address["AddressID"])}
            self._patch("customer_update", "business_partner", names.address_set, key, address_changes)
        if "phone" in fields and address is not None:
            phones = _results(address.get(names.phones))
            if not phones:
                raise ErpRejectedError(
                    f"business partner {number} has no phone number to change; adding one is not implemented"
                )
            phone = next((p for p in phones if p.get("IsDefaultPhoneNumber")), phones[0])
            key = {k: str(phone[k]) for k in ("AddressID", "Person", "OrdinalNumber")}
            self._patch(
                "customer_update",
                "business_partner",
                names.phone_set,
                key,
                {names.phone: fields["phone"] or ""},
            )
        if "payment_terms" in fields:
            company = _company(partner, names)
            if company is None:
                raise ErpRejectedError(
                    f"customer {update.key} is not extended to company code {names.company_code}"
                )
            key = {"Customer": update.key, "CompanyCode": names.company_code}
            self._patch(
                "customer_update",
                "business_partner",
                names.company_set,
                key,
                {names.payment_terms: fields["payment_terms"] or ""},
            )

    def _customer_record(self, row: Mapping[str, Any]) -> ErpCustomer:
        names = self._names.customer
        address = _standard_address(row, names) or {}
        phones = _results(address.get(names.phones))
        phone = next((p for p in phones if p.get("IsDefaultPhoneNumber")), phones[0] if phones else {})
        company = _company(row, names) or {}
        name = row.get(names.full_name) or " ".join(
            str(row.get(line) or "") for line in names.name_lines if row.get(line)
        )
        return ErpCustomer(
            customer_number=str(row[names.customer]),
            salesforce_account_id=_text(row.get(names.salesforce_account_id)),
            name=str(name),
            street=_text(address.get(names.address_fields.get("street", ""))),
            city=_text(address.get(names.address_fields.get("city", ""))),
            postal_code=_text(address.get(names.address_fields.get("postal_code", ""))),
            country=_text(address.get(names.address_fields.get("country", ""))),
            phone=_text(phone.get(names.phone)),
            credit_limit=None,  # not in API_BUSINESS_PARTNER (credit management)
            payment_terms=_text(company.get(names.payment_terms)),
            changed_at=_date_and_time(row.get(names.changed_date), row.get(names.changed_time)),
            deleted=bool(row.get(names.deleted)),
            blocked=bool(row.get(names.blocked)),
        )

    def _sold_to_party(self, account_id: str) -> str:
        """The SAP customer coupled to a Salesforce Account: the business partner whose
        ``BusinessPartnerIDByExtSystem`` holds the Account Id. Never the Account Id itself."""
        now = self._clock()
        cached = self._sold_to_cache.get(account_id)
        if cached is not None and cached[1] > now:
            return cached[0]
        names = self._names.customer
        params = {
            "$filter": f"{names.salesforce_account_id} eq {_literal(account_id)}",
            "$select": ",".join((names.key, names.customer, names.blocked, names.deleted)),
            "$top": "2",
        }
        rows = list(
            self._pages("customer_lookup", self._collection_url("business_partner", names.entity_set), params)
        )
        if not rows:
            raise ErpCustomerMissingError(
                f"account {account_id} has no ERP customer (no SAP business partner with "
                f"{names.salesforce_account_id} = {account_id})"
            )
        if len(rows) > 1:
            numbers = ", ".join(str(r[names.key]) for r in rows)
            raise ErpRejectedError(
                f"account {account_id} is coupled to more than one SAP business partner ({numbers}); resolve in SAP"
            )
        row = rows[0]
        if not row.get(names.customer):
            raise ErpCustomerMissingError(
                f"account {account_id} has no ERP customer (business partner {row[names.key]} has no customer role)"
            )
        if row.get(names.blocked) or row.get(names.deleted):
            raise ErpRejectedError(
                f"the ERP customer {row[names.customer]} of account {account_id} is blocked or marked for archiving"
            )
        number = str(row[names.customer])
        self._sold_to_cache[account_id] = (number, now + self._config.customer_cache_ttl_s)
        return number

    # --- sales order internals --------------------------------------------------------------------
    def _find_order(self, external_reference: str) -> dict[str, Any] | None:
        so = self._names.sales_order
        params = {
            "$filter": f"{so.external_reference} eq {_literal(external_reference)}",
            "$expand": so.items,
            "$top": "2",
        }
        rows = list(self._pages("lookup", self._collection_url("sales_order", so.entity_set), params))
        if len(rows) > 1:
            # Someone keyed a second document with this reference by hand: a person must pick one.
            raise ErpRejectedError(
                f"{len(rows)} sales orders carry {so.external_reference} {external_reference}; resolve in the ERP"
            )
        return rows[0] if rows else None

    def _item_body(self, item: Any) -> dict[str, Any]:
        names = self._names.sales_order_item
        body = {
            **names.defaults,
            names.item_number: str(item.item_number),
            names.material: item.sku,
            names.quantity: _json_value(item.quantity),
        }
        if names.unit_price:
            body[names.unit_price] = _json_value(item.unit_price)
        if names.external_line_id:
            body[names.external_line_id] = item.external_line_id
        return body

    def _create_order(self, order: ErpSalesOrder) -> ErpOrderAck:
        so = self._names.sales_order
        body: dict[str, Any] = {
            **so.header_defaults,
            so.external_reference: order.external_reference,
            so.customer: (order.customer_number or self._sold_to_party(order.customer_reference)),
            so.currency: order.currency,
        }
        if so.source_version:
            body[so.source_version] = order.source_version
        if order.requested_delivery_date is not None:
            body[so.requested_delivery_date] = self._date_value(order.requested_delivery_date)
        # Deep insert: SAP creates the document with its items in one request.
        body[so.items] = [self._item_body(item) for item in order.items]
        response = self._request(
            "create", "POST", self._collection_url("sales_order", so.entity_set), body=body
        )
        entity = self._single(response)
        erp_order_id = str(entity[so.key])
        logger.info("erp sales order created", erp_order_id=erp_order_id, items=len(order.items))
        return self._ack(erp_order_id, order.external_reference, "OPEN", True, order.source_version)

    def _update_order(self, existing: dict[str, Any], order: ErpSalesOrder) -> ErpOrderAck:
        """Only what changed: a header PATCH (with the ETag) for changed header fields, then one
        request per changed item (PATCH), new item (POST through to_Item) or dropped item
        (rejected, as SAP removes an item from a live document)."""
        so = self._names.sales_order
        names = self._names.sales_order_item
        erp_order_id = str(existing[so.key])
        sold_to = order.customer_number or self._sold_to_party(order.customer_reference)
        if str(existing.get(so.customer) or "") != sold_to:
            raise ErpRejectedError(
                f"sales order {erp_order_id} belongs to sold-to party {existing.get(so.customer)}; "
                f"the Salesforce order now names customer {sold_to}, which SAP does not change on a document"
            )
        header: dict[str, Any] = {}
        if str(existing.get(so.currency) or "") != order.currency:
            header[so.currency] = order.currency
        wanted_date = order.requested_delivery_date
        current_date = existing.get(so.requested_delivery_date)
        current = _parse_datetime(current_date).date() if current_date else None
        if wanted_date is not None and wanted_date != current:
            header[so.requested_delivery_date] = self._date_value(wanted_date)
        if so.source_version and existing.get(so.source_version) != order.source_version:
            header[so.source_version] = order.source_version
        if header:
            self._patch_header(existing, header, kind="update")
        existing_items = {int(i[names.item_number]): i for i in self._items_of(existing)}
        wanted_items = {item.item_number: item for item in order.items}
        for number, item in wanted_items.items():
            body = self._item_body(item)
            current_item = existing_items.get(number)
            if current_item is None:
                self._request(
                    "update",
                    "POST",
                    self._entity_url("sales_order", so.entity_set, erp_order_id) + "/" + so.items,
                    body=body,
                )
                continue
            changes = {
                k: v
                for k, v in body.items()
                if k != names.item_number and not _same_value(current_item.get(k), v)
            }
            if current_item.get(names.rejection_reason):
                changes[names.rejection_reason] = ""  # the line is back in Salesforce
            if changes:
                key = {so.key: erp_order_id, names.item_number: str(number)}
                self._patch("update", "sales_order", names.entity_set, key, changes)
        for number, current_item in existing_items.items():
            if number not in wanted_items and not current_item.get(names.rejection_reason):
                self._reject_item(erp_order_id, current_item, kind="update")
        status = so.status_by_process_status.get(str(existing.get(so.process_status) or "A"), "OPEN")
        logger.info("erp sales order updated", erp_order_id=erp_order_id, items=len(order.items))
        return self._ack(erp_order_id, order.external_reference, status, False, order.source_version)

    def _patch_header(self, existing: Mapping[str, Any], body: Mapping[str, Any], *, kind: str) -> None:
        so = self._names.sales_order
        self._request(
            kind,
            "PATCH",
            self._entity_url("sales_order", so.entity_set, str(existing[so.key])),
            body=body,
            etag=self._etag_of(existing),
        )

    def _reject_item(self, erp_order_id: str, item: Mapping[str, Any], *, kind: str) -> None:
        names = self._names.sales_order_item
        key = {self._names.sales_order.key: erp_order_id, names.item_number: str(item[names.item_number])}
        self._patch(
            kind, "sales_order", names.entity_set, key, {names.rejection_reason: names.cancel_reason_code}
        )

    def _patch(
        self, kind: str, service: str, entity_set: str, key: Mapping[str, str], body: Mapping[str, Any]
    ) -> None:
        # Entities without an ETag in SAP's metadata (items, partner sub-entities): If-Match "*",
        # which SAP's gateway requires on every update (428 otherwise).
        self._request(kind, "PATCH", self._key_url(service, entity_set, key), body=body, etag="*")

    def _items_of(self, entity: Mapping[str, Any]) -> list[dict[str, Any]]:
        number = self._names.sales_order_item.item_number
        return sorted(_results(entity.get(self._names.sales_order.items)), key=lambda item: int(item[number]))

    def _order_status(self, entity: Mapping[str, Any]) -> str:
        so = self._names.sales_order
        items = self._items_of(entity)
        reason = self._names.sales_order_item.rejection_reason
        if entity.get(so.rejection_status) == so.fully_rejected or (
            items and all(item.get(reason) for item in items)
        ):
            return "CANCELLED"
        status = so.status_by_process_status.get(str(entity.get(so.process_status) or "A"))
        if status is None:
            return UNMAPPED_ORDER_STATUS  # a code the installation did not map: never guessed
        if status == "OPEN":
            return so.status_by_delivery_status.get(str(entity.get(so.delivery_status) or ""), status)
        return status

    def _status_detail(self, entity: Mapping[str, Any]) -> str:
        so = self._names.sales_order
        return " ".join(
            f"{name}={entity.get(name) or ''}"
            for name in (so.process_status, so.delivery_status, so.rejection_status)
        )

    def _order_record(
        self,
        entity: Mapping[str, Any],
        deliveries: Sequence[Mapping[str, Any]] = (),
        invoices: Sequence[Mapping[str, Any]] = (),
    ) -> ErpSalesOrderRecord:
        so = self._names.sales_order
        names = self._names.sales_order_item
        version = entity.get(so.source_version) if so.source_version else None
        status = self._order_status(entity)
        changed_at = _parse_datetime(entity[so.changed_at])
        billing = self._names.billing
        invoice_number = invoice_date = None
        if invoices:
            latest = max(invoices, key=lambda h: (_day(h.get(billing.date)), str(h[billing.key])))
            invoice_number = str(latest[billing.key])
            invoice_date = _day(latest.get(billing.date))
            invoice_date = None if invoice_date == date.min else invoice_date
            # The billing document's own change time (UTC) is a change of the order's state: a
            # state read later is never older than one read before it.
            changed_at = max(
                [
                    changed_at,
                    *(_parse_datetime(h[billing.changed_at]) for h in invoices if h.get(billing.changed_at)),
                ]
            )
            if status == "SHIPPED":
                status = "INVOICED"
        delivery_date, shipped_share, tracking = self._fulfilment(entity, deliveries)
        return ErpSalesOrderRecord(
            erp_order_id=str(entity[so.key]),
            external_reference=str(entity[so.external_reference]),
            customer_reference=str(entity.get(so.customer) or ""),
            status=status,
            currency=str(entity.get(so.currency) or ""),
            source_version=int(version) if version not in (None, "") else None,
            items=tuple(
                {
                    "item_number": int(item[names.item_number]),
                    "sku": str(item.get(names.material) or ""),
                    "quantity": _decimal(item.get(names.quantity)),
                    "unit_price": _decimal(item.get(names.unit_price)) if names.unit_price else None,
                    "external_line_id": str(item.get(names.external_line_id) or "")
                    if names.external_line_id
                    else None,
                    "rejected": bool(item.get(names.rejection_reason)),
                }
                for item in self._items_of(entity)
            ),
            changed_at=changed_at,
            # SAP prices the order itself: its net value where the pricing ran, else nothing.
            net_amount=_decimal(entity.get(so.net_amount))
            if entity.get(so.net_amount) not in (None, "")
            else None,
            delivery_date=delivery_date,
            shipped_share=shipped_share,
            tracking_reference=tracking,
            invoice_number=invoice_number,
            invoice_date=invoice_date,
            status_detail=self._status_detail(entity),
        )

    def _fulfilment(
        self, entity: Mapping[str, Any], deliveries: Sequence[Mapping[str, Any]]
    ) -> tuple[date | None, Decimal | None, str | None]:
        """(goods issue date of the last delivery, shipped share, the latest tracking reference)
        from the goods-issued delivery items; None where the documents do not say."""
        names = self._names.delivery
        if not names.enabled:
            return None, None, None
        issued = [d for d in deliveries if d["header"].get(names.goods_movement_status) == names.goods_issued]
        if not issued:
            return None, Decimal(0), None  # the deliveries were read: nothing has left yet
        # Latest goods issue first (then the higher document number, SAP's numbering order).
        issued.sort(
            key=lambda d: (_day(d["header"].get(names.goods_issue_date)), str(d[names.key])), reverse=True
        )
        day = _day(issued[0]["header"].get(names.goods_issue_date))
        tracking = next(
            (
                str(d["header"][names.tracking_reference])
                for d in issued
                if names.tracking_reference and d["header"].get(names.tracking_reference)
            ),
            None,
        )
        item = self._names.sales_order_item
        open_items = [i for i in self._items_of(entity) if not i.get(item.rejection_reason)]
        units = {str(i.get(item.quantity_unit) or "") for i in open_items} | {
            str(d.get(names.quantity_unit) or "") for d in issued
        }
        ordered = sum((_decimal(i.get(item.quantity)) or Decimal(0) for i in open_items), Decimal(0))
        share: Decimal | None = None
        if len(units) == 1 and ordered > 0:  # one unit on both sides; else no share rather than a wrong one
            shipped = sum((_decimal(d.get(names.quantity)) or Decimal(0) for d in issued), Decimal(0))
            share = min(Decimal(1), shipped / ordered).quantize(Decimal("0.0001"))
        return (day if day != date.min else None), share, tracking

    @staticmethod
    def _ack(erp_order_id: str, reference: str, status: str, created: bool, version: int) -> ErpOrderAck:
        return ErpOrderAck(
            erp_order_id=erp_order_id,
            external_reference=reference,
            status=status,
            created=created,
            source_version=version,
        )

    def _etag_of(self, entity: Mapping[str, Any]) -> str:
        etag = entity.get("@odata.etag") or (entity.get("__metadata") or {}).get("etag")
        # Without an ETag the entity is not concurrency-controlled; "*" matches any version.
        return str(etag) if etag else "*"

    # --- reading ----------------------------------------------------------------------------------
    def _pages(
        self, kind: str, url: str, params: Mapping[str, str], *, deadline: float | None = None
    ) -> Iterator[dict[str, Any]]:
        next_url: str | None = url + "?" + self._query(params)
        while next_url:
            response = self._request(kind, "GET", next_url, deadline=deadline)
            payload = _json(response)
            if "d" in payload:  # v2
                body = payload["d"]
                rows = body.get("results", []) if isinstance(body, dict) else body
                link = body.get("__next") if isinstance(body, dict) else None
            else:
                rows = payload.get("value", [])
                link = payload.get("@odata.nextLink")
            yield from rows
            # Next links may be relative to the collection (CAP) or absolute (SAP).
            next_url = urljoin(response.url or next_url, link) if link else None

    def _single(self, response: requests.Response) -> dict[str, Any]:
        payload = _json(response)
        entity = payload.get("d", payload)
        return entity if isinstance(entity, dict) else {}

    # --- URLs and literals --------------------------------------------------------------------------
    def _service_root(self, service: str) -> str:
        return self._config.base_url + getattr(self._config.services, service).rstrip("/") + "/"

    def _collection_url(self, service: str, entity_set: str) -> str:
        return self._service_root(service) + entity_set

    def _entity_url(self, service: str, entity_set: str, key: str) -> str:
        key_literal = quote(_literal(key), safe="'")
        return f"{self._collection_url(service, entity_set)}({key_literal})"

    def _key_url(self, service: str, entity_set: str, key: Mapping[str, str]) -> str:
        if len(key) == 1:
            return self._entity_url(service, entity_set, next(iter(key.values())))
        parts = ",".join(f"{name}={quote(_literal(value), safe=chr(39))}" for name, value in key.items())
        return f"{self._collection_url(service, entity_set)}({parts})"

    def _query(self, params: Mapping[str, str]) -> str:
        merged = dict(params)
        if self._config.sap_client:
            merged["sap-client"] = self._config.sap_client
        # Spaces as %20, not "+": OData servers read "+" literally in $filter.
        return "&".join(k + "=" + quote(v, safe="'(),$=:*") for k, v in merged.items())

    def _datetime_literal(self, value: datetime) -> str:
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        digits = self._config.filter_timestamp_digits
        step = 10 ** (6 - digits)  # microseconds per unit of the last digit kept
        micros = math.ceil(value.microsecond / step) * step
        value = value.replace(microsecond=0) + timedelta(microseconds=micros)
        text = value.strftime("%Y-%m-%dT%H:%M:%S")
        if digits:
            text += "." + f"{value.microsecond:06d}"[:digits]
        text += "Z"
        return f"datetimeoffset'{text}'" if self._config.odata_version == "v2" else text

    def _date_value(self, value: date) -> str:
        if self._config.odata_version == "v2":  # Edm.DateTime in v2 JSON
            epoch_ms = int(datetime(value.year, value.month, value.day, tzinfo=UTC).timestamp() * 1000)
            return f"/Date({epoch_ms})/"
        return value.isoformat()

    # --- HTTP -------------------------------------------------------------------------------------
    def _request(
        self,
        kind: str,
        method: str,
        url: str,
        *,
        body: Mapping[str, Any] | None = None,
        etag: str | None = None,
        deadline: float | None = None,
    ) -> requests.Response:
        write = method not in ("GET", "HEAD")
        csrf_refreshed = False
        auth_refreshed = False
        attempt = 0
        while True:
            attempt += 1
            headers: dict[str, str] = {}
            if self._config.odata_version == "v4":
                # Decimals travel as strings both ways, never through binary floats.
                headers["Accept"] = "application/json;IEEE754Compatible=true"
            if body is not None:
                headers["Content-Type"] = (
                    "application/json;IEEE754Compatible=true"
                    if self._config.odata_version == "v4"
                    else "application/json"
                )
            if etag is not None:
                headers["If-Match"] = etag
            headers.update(self._auth_headers())
            if write:
                token = self._ensure_csrf_token()
                if token:
                    headers[CSRF_HEADER] = token
            elif self._csrf_token is None:
                # Ride the token fetch on a read the adapter makes anyway (the lookup before a
                # create), so a handoff pays no extra call for it.
                headers[CSRF_HEADER] = "Fetch"
            response = self._send(
                kind, method, url, headers, body, timeout=self._timeout_until(deadline, kind)
            )
            if not write and self._csrf_token is None:
                self._remember_csrf_token(response)
            status = response.status_code
            if status < 400:
                return response
            if (
                status == 403
                and write
                and response.headers.get(CSRF_HEADER, "").lower() == "required"
                and not csrf_refreshed
            ):
                # Token expired with the server session: fetch a new one and repeat once.
                logger.info("erp csrf token rejected, fetching a new one", kind=kind)
                csrf_refreshed = True
                self._csrf_token = None
                attempt -= 1
                continue
            if status == 401 and isinstance(self._credentials, OAuthClientCredentials) and not auth_refreshed:
                auth_refreshed = True
                self._oauth_token = None
                attempt -= 1
                continue
            retry_allowed = method in _IDEMPOTENT_METHODS or status in _POST_RETRY_STATUSES
            if (status == 429 or status >= 500) and retry_allowed and attempt < self._config.max_attempts:
                delay = self._retry_delay(response, attempt)
                if delay is not None and deadline is not None and self._clock() + delay >= deadline:
                    delay = None  # the retry would not fit into the caller's budget
                if delay is not None:
                    logger.warning(
                        "erp call retried", kind=kind, status=status, attempt=attempt, delay_s=round(delay, 3)
                    )
                    self._sleep(delay)
                    continue
            raise self._error_for(response, kind)

    def _timeout_until(self, deadline: float | None, kind: str) -> tuple[float, float]:
        """(connect, read) socket timeouts: the configured ones, cut to what the budget leaves."""
        if deadline is None:
            return self._config.timeout
        remaining = deadline - self._clock()
        if remaining <= 0:
            raise ErpTimeoutError(f"ERP time budget used up before the request ({kind})")
        connect, read = self._config.timeout
        return (min(connect, remaining), min(read, remaining))

    def _send(
        self,
        kind: str,
        method: str,
        url: str,
        headers: dict[str, str],
        body: Mapping[str, Any] | None,
        *,
        timeout: tuple[float, float] | None = None,
    ) -> requests.Response:
        self.calls[kind] += 1
        data = json.dumps(body) if body is not None else None
        timeout = timeout or self._config.timeout
        try:
            return self._session.request(method, url, headers=headers, data=data, timeout=timeout)
        except requests.exceptions.ConnectTimeout as exc:
            raise ErpUnavailableError(f"ERP connect timeout ({kind})") from exc
        except requests.exceptions.Timeout as exc:
            # Read timeout: a write may have happened; the caller's retry starts with a lookup.
            raise ErpTimeoutError(f"ERP did not answer within {timeout[1]:g}s ({kind})") from exc
        except requests.exceptions.RequestException as exc:
            raise ErpUnavailableError(f"ERP connection failed ({kind}): {type(exc).__name__}") from exc

    def _retry_delay(self, response: requests.Response, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or None when the wait exceeds the budget."""
        delay = _retry_after_s(response.headers.get("Retry-After"))
        if delay is None:
            delay = self._config.backoff_base_s * (2 ** (attempt - 1))
        return delay if delay <= self._config.max_retry_wait_s else None

    def _error_for(self, response: requests.Response, kind: str) -> ErpError:
        status = response.status_code
        message = _error_message(response)
        text = f"ERP {kind} answered {status}: {message}"
        if status == 429:
            return ErpThrottledError(text, retry_after_s=_retry_after_s(response.headers.get("Retry-After")))
        if status >= 500:
            return ErpUnavailableError(text)
        if status in (401, 403):
            return ErpAuthError(text)
        if status == 404:
            return ErpNotFoundError(text)
        if status == 412:
            return ErpConflictError(text)
        if status == 408:
            return ErpTimeoutError(text)
        return ErpRejectedError(text)

    # --- CSRF and OAuth -----------------------------------------------------------------------------
    def _remember_csrf_token(self, response: requests.Response) -> None:
        if response.status_code < 400:
            self._csrf_token = response.headers.get(CSRF_HEADER, _NO_TOKEN)

    def _ensure_csrf_token(self) -> str:
        if self._csrf_token is None:
            # Nothing read yet in this container (e.g. a cancel after a cold start would still
            # look up first; update_customers does not): fetch on the service document.
            response = self._send(
                "csrf",
                "GET",
                self._service_root("sales_order")
                + ("?" + self._query({}) if self._config.sap_client else ""),
                {CSRF_HEADER: "Fetch", **self._auth_headers()},
                None,
            )
            if response.status_code >= 400:
                raise self._error_for(response, "csrf")
            self._csrf_token = response.headers.get(CSRF_HEADER, _NO_TOKEN)
            if self._csrf_token.lower() == "required":
                self._csrf_token = _NO_TOKEN
        return self._csrf_token

    def _auth_headers(self) -> dict[str, str]:
        if not isinstance(self._credentials, OAuthClientCredentials):
            return {}
        with self._lock:
            if self._oauth_token is None or self._clock() >= self._oauth_expires_at:
                self._fetch_oauth_token(self._credentials)
            return {"Authorization": f"Bearer {self._oauth_token}"}

    def _fetch_oauth_token(self, creds: OAuthClientCredentials) -> None:
        data = {"grant_type": "client_credentials"}
        if creds.scope:
            data["scope"] = creds.scope
        self.calls["oauth_token"] += 1
        try:
            response = requests.post(
                creds.token_url,
                data=data,
                auth=(creds.client_id, creds.client_secret.get_secret_value()),
                timeout=self._config.timeout,
            )
        except requests.exceptions.Timeout as exc:
            raise ErpTimeoutError("ERP token endpoint did not answer") from exc
        except requests.exceptions.RequestException as exc:
            raise ErpUnavailableError(f"ERP token endpoint failed: {type(exc).__name__}") from exc
        if response.status_code >= 500:
            raise ErpUnavailableError(f"ERP token endpoint answered {response.status_code}")
        if response.status_code >= 400:
            # The body may echo the client id; keep only the OAuth error code.
            code = _json(response).get("error", "unknown") if _is_json(response) else "unknown"
            raise ErpAuthError(f"ERP token request refused ({response.status_code}): {code}")
        payload = _json(response)
        self._oauth_token = str(payload["access_token"])
        expires_in = float(payload.get("expires_in", 3600))
        self._oauth_expires_at = self._clock() + max(0.0, expires_in - _TOKEN_EXPIRY_SKEW_S)
        logger.info("erp oauth token fetched", expires_in_s=expires_in)


# --- value helpers --------------------------------------------------------------------------------
def _literal(value: str) -> str:
    """An OData string literal: single quotes, inner quotes doubled."""
    return "'" + value.replace("'", "''") + "'"


def _results(value: Any) -> list[dict[str, Any]]:
    """An expanded to-many navigation: v2 ``{"results": [...]}`` or a plain list (v4)."""
    if isinstance(value, dict):
        value = value.get("results", [])
    return [v for v in value or [] if isinstance(v, dict)]


def _text(value: Any) -> str | None:
    # SAP returns "" for an empty text field where CAP returns null: both are "no value".
    return str(value) if value not in (None, "") else None


def _same_value(current: Any, wanted: Any) -> bool:
    if current in (None, "") and wanted in (None, ""):
        return True
    try:
        return Decimal(str(current)) == Decimal(str(wanted))
    except (ArithmeticError, ValueError):
        return str(current) == str(wanted)


def _name_lines(name: Any, lines: Sequence[str]) -> dict[str, str]:
    """An organisation's name split over SAP's 40-character name lines, at a space where one fits."""
    text = " ".join(str(name or "").split())
    if not text:
        raise ErpRejectedError("a business partner's name cannot be emptied")
    limit = 40
    if len(text) > limit * len(lines):
        raise ErpRejectedError(f"name longer than {limit * len(lines)} characters")
    out: dict[str, str] = {}
    rest = text
    for line in lines:
        if len(rest) <= limit:
            out[line], rest = rest, ""
            continue
        cut = rest.rfind(" ", 0, limit + 1)
        cut = cut if cut > 0 else limit
        out[line], rest = rest[:cut].rstrip(), rest[cut:].lstrip()
    return out


def _standard_address(partner: Mapping[str, Any], names: Any) -> dict[str, Any] | None:
    addresses = sorted(_results(partner.get(names.addresses)), key=lambda a: str(a.get("AddressID")))
    return addresses[0] if addresses else None


def _company(partner: Mapping[str, Any], names: Any) -> dict[str, Any] | None:
    role = partner.get(names.customer_role)
    if isinstance(role, dict) and "results" in role:  # a to-one expand is an object, never a list
        role = (role["results"] or [None])[0]
    companies = _results((role or {}).get(names.companies)) if isinstance(role, dict) else []
    return next((c for c in companies if str(c.get("CompanyCode")) == names.company_code), None)


def _date_and_time(day: Any, clock: Any) -> datetime:
    """SAP's LastChangeDate (v2 Edm.DateTime, midnight UTC) plus LastChangeTime (Edm.Time,
    ``PT10H15M00S``). Read as UTC: business partner change stamps are in UTC on S/4HANA Cloud."""
    if day in (None, ""):
        return datetime(1970, 1, 1, tzinfo=UTC)
    base = _parse_datetime(day).replace(hour=0, minute=0, second=0, microsecond=0)
    match = _V2_TIME.match(str(clock or ""))
    if match:
        hours, minutes, seconds = (int(g or 0) for g in match.groups())
        return base + timedelta(hours=hours, minutes=minutes, seconds=seconds)
    return base


def _day(value: Any) -> date:
    """The date of a v2 Edm.DateTime / v4 Edm.Date value; ``date.min`` for none (sorts first)."""
    if value in (None, ""):
        return date.min
    if isinstance(value, str) and len(value) == 10:
        return date.fromisoformat(value)  # v4 Edm.Date
    return _parse_datetime(value).date()


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")  # decimals as strings: v2 requires it, v4 takes it (IEEE754Compatible)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def _parse_datetime(value: Any) -> datetime:
    """v4 ISO-8601 (``2026-01-05T08:00:00.123Z``) or v2 ``/Date(1767600000000+0000)/``."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    text = str(value)
    match = _V2_DATE.match(text)
    if match:
        # The offset in a v2 DateTimeOffset is informational: the milliseconds are UTC.
        return datetime.fromtimestamp(int(match.group(1)) / 1000, tz=UTC)
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _retry_after_s(header: str | None) -> float | None:
    if not header:
        return None
    text = header.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _is_json(response: requests.Response) -> bool:
    return "json" in response.headers.get("Content-Type", "")


def _json(response: requests.Response) -> dict[str, Any]:
    if not response.content:
        return {}
    try:
        payload = response.json(parse_float=Decimal)
    except ValueError as exc:
        raise ErpUnavailableError(
            f"ERP answered {response.status_code} with a body that is not JSON"
        ) from exc
    return payload if isinstance(payload, dict) else {}


def _error_message(response: requests.Response) -> str:
    """SAP's message text: ``error.message`` (v4) or ``error.message.value`` (v2)."""
    try:
        payload = response.json()
    except ValueError:
        return response.reason or "no message"
    error = payload.get("error") if isinstance(payload, dict) else None
    if not isinstance(error, dict):
        return response.reason or "no message"
    message = error.get("message")
    if isinstance(message, dict):
        message = message.get("value")
    code = error.get("code")
    text = str(message or response.reason or "no message")
    if code and str(code) != str(response.status_code):
        text = f"{text} ({code})"
    return text[:_ERROR_TEXT_MAX]


def from_settings(
    settings: ErpConnectionSettings, environ: Mapping[str, str] | None = None
) -> ODataErpGateway:
    """The registry's factory: this adapter's own settings from the environment, the credentials
    from the ERP secret."""
    odata = ODataSettings.from_env(environ)
    assert settings.erp_secret_arn  # ErpConnectionSettings requires it for every real adapter
    config = ODataErpConfig(
        base_url=odata.base_url,
        odata_version=odata.odata_version,
        services=ServicePaths.single(odata.service_path) if odata.service_path else ServicePaths(),
        sap_client=odata.sap_client,
        mapping=odata.sap.mapping(),
        read_timeout_s=settings.erp_timeout_s,
    )
    return ODataErpGateway.from_secret(config, settings.erp_secret_arn)
