"""``ErpGateway`` over SAP S/4HANA's OData APIs (v2 and v4), proven against a CAP OData v4 server.

Protocol behaviour, and why:

* Sales orders are created WITH their items in one deep insert (``A_SalesOrder`` + ``to_Item``),
  after a lookup by ``PurchaseOrderByCustomer`` (= the Salesforce Order Id), so a retry after a
  lost answer finds the order instead of making a second one.
* Updates PATCH the header with ``If-Match: <ETag>`` read by that lookup; the full ``to_Item``
  list replaces the items (deep update). A 412 (someone changed it in between) is re-read and
  retried once, then surfaces as ``ErpConflictError``.
* Cancellation is SAP's: every item gets a rejection reason; the order counts as cancelled when
  all items are rejected (or the header rejection status says so).
* Writes carry an ``X-CSRF-Token``. The token is fetched with the first GET (``X-CSRF-Token:
  Fetch`` rides on the lookup, so it costs no extra call), reused for every later write, and
  refetched once when the server answers 403 ``x-csrf-token: Required``. A server that issues no
  token (CAP without an approuter) is remembered as such.
* 429 and 5xx are retried with exponential back-off honouring ``Retry-After`` (bounded;
  ``sleep`` is injectable). POST is retried only on 429/503, which mean "not processed";
  any other failure of a create goes back to the caller, whose retry starts with the lookup.
* v2 ``d.results`` / ``__next`` and v4 ``value`` / ``@odata.nextLink`` are both read.
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
    BasicCredentials,
    ErpCredentials,
    OAuthClientCredentials,
    ODataErpConfig,
    ServicePaths,
)
from sferp.adapters.erp.odata_settings import ODataSettings
from sferp.errors import (
    ErpAuthError,
    ErpConflictError,
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
    ErpCustomer,
    ErpProduct,
    ErpSalesOrderRecord,
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
_V2_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
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
        item_names = self._names.sales_order_item
        for attempt in (1, 2):
            existing = self._find_order(external_reference)
            if existing is None:
                raise ErpNotFoundError(f"no sales order with {so.external_reference} {external_reference}")
            erp_order_id = str(existing[so.key])
            if self._order_status(existing) == "CANCELLED":
                # A retried cancel after a lost answer: already done, nothing to write.
                return self._ack(erp_order_id, external_reference, "CANCELLED", False, source_version)
            items = [
                {
                    **_writable_item(item, item_names.item_number),
                    item_names.rejection_reason: item_names.cancel_reason_code,
                }
                for item in self._items_of(existing)
            ]
            body = {so.source_version: source_version, so.items: items}
            try:
                self._request(
                    "cancel",
                    "PATCH",
                    self._entity_url("sales_order", so.entity_set, erp_order_id),
                    body=body,
                    etag=self._etag_of(existing),
                )
            except ErpConflictError:
                if attempt == 2:
                    raise
                continue
            logger.info("erp sales order cancelled", erp_order_id=erp_order_id)
            return self._ack(erp_order_id, external_reference, "CANCELLED", False, source_version)
        raise AssertionError("unreachable")  # pragma: no cover

    def get_sales_order(self, external_reference: str) -> ErpSalesOrderRecord | None:
        entity = self._find_order(external_reference)
        return None if entity is None else self._order_record(entity)

    def changed_sales_orders(self, since: datetime) -> Iterator[ErpSalesOrderRecord]:
        so = self._names.sales_order
        for entity in self._changed(
            "sales_order", so.entity_set, so.changed_at, so.key, since, expand=so.items
        ):
            yield self._order_record(entity)

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
                "$select": ",".join((names.material, names.stock_type, names.quantity)),
            }
            url = self._collection_url("stock", names.entity_set)
            for row in self._pages("availability", url, params, deadline=deadline):
                sku = str(row[names.material])
                totals.setdefault(sku, Decimal(0))  # any row means the plant knows the material
                if str(row.get(names.stock_type)) in names.available_stock_types:
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
        key = names.fields["customer_number"]
        for row in self._changed("business_partner", names.entity_set, names.changed_at, key, since):
            values: dict[str, Any] = {}
            for attribute, prop in names.fields.items():
                value = row.get(prop)
                if attribute == "credit_limit":
                    values[attribute] = _decimal(value)
                elif attribute == "name":
                    values[attribute] = str(value or "")
                else:
                    # SAP returns "" for an empty text field where CAP returns null.
                    values[attribute] = str(value) if value not in (None, "") else None
            yield ErpCustomer(
                **values,
                changed_at=_parse_datetime(row[names.changed_at]),
                deleted=bool(row.get(names.deleted)),
            )

    def changed_products(self, since: datetime) -> Iterator[ErpProduct]:
        names = self._names.product
        for row in self._changed("product", names.entity_set, names.changed_at, names.key, since):
            yield ErpProduct(
                sku=str(row[names.key]),
                name=str(row.get(names.name) or ""),
                list_price=_decimal(row.get(names.list_price)) or Decimal(0),
                currency=str(row.get(names.currency) or ""),
                active=not bool(row.get(names.deleted)),
                changed_at=_parse_datetime(row[names.changed_at]),
            )

    def update_customers(self, updates: Sequence[RecordUpdate]) -> list[RecordResult]:
        # One PATCH per record: per-record results without $batch changeset semantics (a
        # changeset is all-or-nothing, which the port forbids). See docs/erp_odata.md.
        names = self._names.customer
        results: list[RecordResult] = []
        outage: RetriableError | None = None
        for update in updates:
            if outage is not None:
                # The ERP is down: do not hammer it record by record; the caller retries these.
                results.append(RecordResult(key=update.key, ok=False, error=str(outage), retriable=True))
                continue
            unmapped = sorted(set(update.fields) - (set(names.fields) - {"customer_number"}))
            if unmapped:
                results.append(
                    RecordResult(
                        key=update.key, ok=False, error=f"fields not mapped for this ERP: {unmapped}"
                    )
                )
                continue
            body = {names.fields[attr]: _json_value(value) for attr, value in update.fields.items()}
            try:
                self._request(
                    "customer_update",
                    "PATCH",
                    self._entity_url("business_partner", names.entity_set, update.key),
                    body=body,
                    # Master data carries no ETag we read first; "*" satisfies servers that
                    # require If-Match (SAP answers 428 without it).
                    etag="*",
                )
            except ErpNotFoundError:
                results.append(RecordResult(key=update.key, ok=False, error="customer not found"))
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

    def _order_body(self, order: ErpSalesOrder) -> dict[str, Any]:
        so = self._names.sales_order
        body: dict[str, Any] = {
            so.customer: order.customer_reference,
            so.currency: order.currency,
            so.source_version: order.source_version,
        }
        if order.requested_delivery_date is not None:
            body[so.requested_delivery_date] = self._date_value(order.requested_delivery_date)
        body[so.items] = [self._item_body(item) for item in order.items]
        return body

    def _item_body(self, item: Any) -> dict[str, Any]:
        names = self._names.sales_order_item
        return {
            **names.defaults,
            names.item_number: str(item.item_number),
            names.material: item.sku,
            names.quantity: _json_value(item.quantity),
            names.unit_price: _json_value(item.unit_price),
            names.external_line_id: item.external_line_id,
        }

    def _create_order(self, order: ErpSalesOrder) -> ErpOrderAck:
        so = self._names.sales_order
        body = {
            **so.header_defaults,
            so.external_reference: order.external_reference,
            **self._order_body(order),
        }
        response = self._request(
            "create", "POST", self._collection_url("sales_order", so.entity_set), body=body
        )
        entity = self._single(response)
        erp_order_id = str(entity[so.key])
        logger.info("erp sales order created", erp_order_id=erp_order_id, items=len(order.items))
        return self._ack(erp_order_id, order.external_reference, "OPEN", True, order.source_version)

    def _update_order(self, existing: dict[str, Any], order: ErpSalesOrder) -> ErpOrderAck:
        so = self._names.sales_order
        erp_order_id = str(existing[so.key])
        body = self._order_body(order)
        if not self._config.deep_update:
            current = [
                (int(i[self._names.sales_order_item.item_number]), i[self._names.sales_order_item.material])
                for i in self._items_of(existing)
            ]
            if current != [(i.item_number, i.sku) for i in order.items]:
                raise ErpRejectedError(
                    "this ERP takes no deep update and the items changed; change them in the ERP"
                )
            del body[so.items]
        self._request(
            "update",
            "PATCH",
            self._entity_url("sales_order", so.entity_set, erp_order_id),
            body=body,
            etag=self._etag_of(existing),
        )
        status = self._names.sales_order.status_by_process_status.get(
            str(existing.get(so.process_status) or "A"), "OPEN"
        )
        logger.info("erp sales order updated", erp_order_id=erp_order_id, items=len(order.items))
        return self._ack(erp_order_id, order.external_reference, status, False, order.source_version)

    def _items_of(self, entity: Mapping[str, Any]) -> list[dict[str, Any]]:
        raw = entity.get(self._names.sales_order.items) or []
        if isinstance(raw, dict):  # v2: {"results": [...]}
            raw = raw.get("results", [])
        number = self._names.sales_order_item.item_number
        return sorted(raw, key=lambda item: int(item[number]))

    def _order_status(self, entity: Mapping[str, Any]) -> str:
        so = self._names.sales_order
        items = self._items_of(entity)
        reason = self._names.sales_order_item.rejection_reason
        if entity.get(so.rejection_status) == so.fully_rejected or (
            items and all(item.get(reason) for item in items)
        ):
            return "CANCELLED"
        return so.status_by_process_status.get(str(entity.get(so.process_status) or "A"), "OPEN")

    def _order_record(self, entity: Mapping[str, Any]) -> ErpSalesOrderRecord:
        so = self._names.sales_order
        names = self._names.sales_order_item
        version = entity.get(so.source_version)
        return ErpSalesOrderRecord(
            erp_order_id=str(entity[so.key]),
            external_reference=str(entity[so.external_reference]),
            customer_reference=str(entity.get(so.customer) or ""),
            status=self._order_status(entity),
            currency=str(entity.get(so.currency) or ""),
            source_version=int(version) if version not in (None, "") else 0,
            items=tuple(
                {
                    "item_number": int(item[names.item_number]),
                    "sku": str(item.get(names.material) or ""),
                    "quantity": _decimal(item.get(names.quantity)) or Decimal(0),
                    "unit_price": _decimal(item.get(names.unit_price)) or Decimal(0),
                    "external_line_id": str(item.get(names.external_line_id) or ""),
                    "rejected": bool(item.get(names.rejection_reason)),
                }
                for item in self._items_of(entity)
            ),
            changed_at=_parse_datetime(entity[so.changed_at]),
        )

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
    def _changed(
        self,
        service: str,
        entity_set: str,
        changed_at: str,
        key: str,
        since: datetime,
        *,
        expand: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        # Ordered by change time then key: server-driven paging is offset-based on CAP and
        # SAP, and only a total order makes page boundaries stable.
        params = {
            "$filter": f"{changed_at} ge {self._datetime_literal(since)}",
            "$orderby": f"{changed_at},{key}",
        }
        if expand:
            params["$expand"] = expand
        yield from self._pages("extract", self._collection_url(service, entity_set), params)

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


def _writable_item(item: Mapping[str, Any], item_number: str) -> dict[str, Any]:
    """An item as read, minus annotations, navigation and v2 metadata, ready to PATCH back."""
    return {
        key: _json_value(value)
        for key, value in item.items()
        if not key.startswith(("@", "__")) and not isinstance(value, dict | list)
    } | {item_number: str(item[item_number])}


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
        read_timeout_s=settings.erp_timeout_s,
    )
    return ODataErpGateway.from_secret(config, settings.erp_secret_arn)
