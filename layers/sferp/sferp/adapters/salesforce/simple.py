"""``SalesforceGateway`` on simple-salesforce (REST, sObject Collections, Bulk API 2.0).

This is the only module that imports simple-salesforce; nothing imports this module at module
level (the factory imports it when the real adapter is chosen), because simple-salesforce and
its SOAP dependency cost ~130 ms of cold start that the embedded runs never need.

Resilience, in order of what happens on a call:

1. Lazy login on the first call (JWT bearer or client credentials, from ``sferp.secrets``).
2. ``INVALID_SESSION_ID`` (401): log in again and repeat the call once. simple-salesforce already
   does this inside its REST helpers; its Bulk API 2.0 path does not, so the gateway does it for
   every call, bulk steps included.
3. ``REQUEST_LIMIT_EXCEEDED`` (403) and 5xx / connection errors: a few attempts with full-jitter
   back-off under a total sleep budget, then ``SalesforceRequestLimitError`` /
   ``SalesforceUnavailableError`` (retriable: SQS redelivers later). The budget keeps a Lambda from
   sleeping through its own timeout.
4. Anything else maps to the permanent ``Salesforce*Error`` family with ``raise ... from exc``.
"""

from __future__ import annotations

import json
import random
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any, Final, TypeVar

import requests
from pydantic import ValidationError
from simple_salesforce import Salesforce, format_soql
from simple_salesforce.exceptions import (
    SalesforceAuthenticationFailed,
    SalesforceExpiredSession,
    SalesforceGeneralError,
    SalesforceMalformedRequest,
    SalesforceMoreThanOneRecord,
    SalesforceRefusedRequest,
    SalesforceResourceNotFound,
)
from simple_salesforce.exceptions import SalesforceError as SimpleSalesforceError
from simple_salesforce.util import exception_handler

from sferp import customers, names
from sferp.adapters.salesforce.common import (
    RETRIABLE_RECORD_ERRORS,
    check_api_name,
    chunked,
    column_order,
    json_value,
    merge_updates,
    parse_csv,
    short,
    to_csv,
)
from sferp.errors import (
    SalesforceAuthError,
    SalesforceError,
    SalesforceNotFoundError,
    SalesforceRecordError,
    SalesforceRequestLimitError,
    SalesforceUnavailableError,
)
from sferp.models.order import OrderLine, SalesforceOrder
from sferp.models.records import ApiUsage, RecordResult, RecordUpdate
from sferp.observability import logger
from sferp.order_handoff import names as handoff_names
from sferp.ports import SalesforceGateway
from sferp.secrets import (
    DEFAULT_SECRET_MAX_AGE_S,
    ClientCredentials,
    JwtBearerCredentials,
    SalesforceCredentials,
    load_salesforce_credentials,
)
from sferp.settings import SalesforceConnectionSettings

T = TypeVar("T")

# sferp.names.SALESFORCE_API_VERSION (Spring '25); Bulk API 2.0 queryAll and locators need >= 47.0
DEFAULT_API_VERSION: Final = names.SALESFORCE_API_VERSION
# What the order handoff reads of an Order and its OrderItems (one query); the metadata test checks
# the fields exist and the integration permission set can read them.
ORDER_FIELDS: Final = (
    "Id",
    "AccountId",
    "OrderNumber",
    "EffectiveDate",
    handoff_names.SF_FIELD_ORDER_VERSION,
)
ORDER_ITEM_FIELDS: Final = ("Id", "Product2.ProductCode", "Quantity", "UnitPrice")
REQUEST_LIMIT_EXCEEDED: Final = "REQUEST_LIMIT_EXCEEDED"
_BULK_FINAL_STATES: Final = frozenset({"JobComplete", "Failed", "Aborted"})
# Bulk API 2.0 accepts up to 150 MB of CSV per upload; stay well below to leave room for encoding.
_BULK_UPLOAD_MAX_BYTES: Final = 100 * 1024 * 1024

CredentialsSource = SalesforceCredentials | Callable[[], SalesforceCredentials]


class _TimeoutSession(requests.Session):
    """A requests session whose every call (logins included) has a timeout.

    simple-salesforce passes no timeout to its login POST; without one a hung TCP connection
    would hold the Lambda until its own timeout.
    """

    def __init__(self, timeout_s: float) -> None:
        super().__init__()
        self._timeout_s = timeout_s

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        kwargs.setdefault("timeout", self._timeout_s)
        return super().request(method, url, *args, **kwargs)


def _error_code(exc: SimpleSalesforceError) -> str | None:
    """The ``errorCode`` of a REST error body (``[{"errorCode": ..., "message": ...}]``)."""
    content = exc.content
    if isinstance(content, list) and content and isinstance(content[0], dict):
        code = content[0].get("errorCode")
        return str(code) if code else None
    if isinstance(content, dict):
        code = content.get("errorCode")
        return str(code) if code else None
    return None


def _error_text(exc: SimpleSalesforceError) -> str:
    content = exc.content
    if isinstance(content, list) and content and isinstance(content[0], dict):
        first = content[0]
        return short(f"{first.get('errorCode', 'ERROR')}: {first.get('message', '')}")
    if isinstance(content, dict):
        return short(f"{content.get('errorCode', 'ERROR')}: {content.get('message', '')}")
    body = content.decode("utf-8", "replace") if isinstance(content, bytes) else str(content)
    return short(f"HTTP {exc.status}: {body}")


def _map_error(exc: Exception, operation: str) -> SalesforceError:
    """simple-salesforce / requests exceptions -> sferp's Salesforce error family."""
    if isinstance(exc, SalesforceAuthenticationFailed):
        # A token endpoint answering 5xx is an outage, not a bad credential.
        if isinstance(exc.code, int) and exc.code >= 500:
            return SalesforceUnavailableError(f"{operation}: login endpoint answered {exc.code}")
        return SalesforceAuthError(f"{operation}: login failed ({exc.code}): {short(exc.auth_message)}")
    if isinstance(exc, SalesforceExpiredSession):
        return SalesforceAuthError(f"{operation}: session still invalid after a new login")
    if isinstance(exc, SalesforceRefusedRequest):
        if _error_code(exc) == REQUEST_LIMIT_EXCEEDED:
            return SalesforceRequestLimitError(f"{operation}: {_error_text(exc)}")
        return SalesforceRecordError(f"{operation}: refused: {_error_text(exc)}")
    if isinstance(exc, SalesforceResourceNotFound):
        return SalesforceNotFoundError(f"{operation}: {_error_text(exc)}")
    if isinstance(exc, SalesforceMalformedRequest | SalesforceMoreThanOneRecord):
        return SalesforceRecordError(f"{operation}: {_error_text(exc)}")
    if isinstance(exc, SalesforceGeneralError):
        if exc.status >= 500:
            return SalesforceUnavailableError(f"{operation}: {_error_text(exc)}")
        if exc.status == 429:
            return SalesforceRequestLimitError(f"{operation}: {_error_text(exc)}")
        return SalesforceRecordError(f"{operation}: {_error_text(exc)}")
    if isinstance(exc, requests.RequestException):
        # Timeouts, refused connections, TLS errors and unparseable bodies: transient.
        return SalesforceUnavailableError(f"{operation}: {type(exc).__name__}")
    return SalesforceUnavailableError(f"{operation}: {type(exc).__name__}")


_HANDLED: Final = (SimpleSalesforceError, requests.RequestException, json.JSONDecodeError)


def _query_more(sf: Salesforce, *, url: str) -> Any:
    return sf.query_more(url, identifier_is_url=True)


def _restful(sf: Salesforce, *, path: str, method: str, body: str) -> Any:
    return sf.restful(path, method=method, data=body)


def _keyed_records(
    sobject: str, external_id_field: str, records: Sequence[dict[str, Any]]
) -> tuple[dict[int, RecordResult], list[tuple[int, dict[str, Any]]]]:
    """An upsert's records split by position: those without the external id (refused here, as
    Salesforce would) and those to send."""
    check_api_name(sobject)
    check_api_name(external_id_field, "field")
    refused: dict[int, RecordResult] = {}
    sendable: list[tuple[int, dict[str, Any]]] = []
    for i, record in enumerate(records):
        if record.get(external_id_field) in (None, ""):
            refused[i] = RecordResult(key="", ok=False, error=f"MISSING_ARGUMENT: {external_id_field}")
        else:
            sendable.append((i, record))
    return refused, sendable


class SalesforceSimpleGateway(SalesforceGateway):
    """The real Salesforce org through simple-salesforce. One instance per warm container."""

    def __init__(
        self,
        credentials: CredentialsSource,
        *,
        api_version: str = DEFAULT_API_VERSION,
        request_timeout_s: float = 10.0,
        max_attempts: int = 3,
        backoff_base_s: float = 0.5,
        backoff_cap_s: float = 4.0,
        max_total_sleep_s: float = 8.0,
        bulk_poll_interval_s: float = 2.0,
        bulk_timeout_s: float = 600.0,
        bulk_page_size: int = 50_000,
        multi_currency: bool = True,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._credentials = credentials
        self._api_version = api_version
        self._max_attempts = max_attempts
        self._backoff_base_s = backoff_base_s
        self._backoff_cap_s = backoff_cap_s
        self._max_total_sleep_s = max_total_sleep_s
        self._bulk_poll_interval_s = bulk_poll_interval_s
        self._bulk_timeout_s = bulk_timeout_s
        self._bulk_page_size = bulk_page_size
        self._multi_currency = multi_currency
        self._sleep = sleep
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not cryptography
        self._monotonic = monotonic
        self._http = _TimeoutSession(request_timeout_s)
        self._http.hooks["response"].append(self._count_call)
        self._lock = threading.Lock()
        self._sf: Salesforce | None = None
        self._usage: ApiUsage | None = None
        self._calls = 0
        self.logins = 0  # successful OAuth token requests (diagnostics, tests)

    @classmethod
    def from_secret(
        cls, secret_id: str, *, max_age: int = DEFAULT_SECRET_MAX_AGE_S, **options: Any
    ) -> SalesforceSimpleGateway:
        """A gateway whose credentials come from Secrets Manager at each login (cached by Powertools),
        so a rotated secret is picked up by the next login instead of the next cold start."""
        return cls(lambda: load_salesforce_credentials(secret_id, max_age=max_age), **options)

    # --- port: metrics ------------------------------------------------------------------------
    @property
    def api_usage(self) -> ApiUsage | None:
        return self._usage

    @property
    def api_calls(self) -> int:
        return self._calls

    # --- session handling ---------------------------------------------------------------------
    def _count_call(self, response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
        # Every REST and Bulk API 2.0 request (they all live under /services/data/) counts against
        # the org's API allowance; OAuth token requests do not, but are counted as logins
        # (simple-salesforce also logs in again by itself inside its REST helpers).
        path = response.request.path_url if response.request else ""
        if "/services/data/" in path:
            self._calls += 1
        elif path.startswith("/services/oauth2/token") and response.status_code == 200:
            self.logins += 1

    def _resolve_credentials(self) -> SalesforceCredentials:
        return self._credentials() if callable(self._credentials) else self._credentials

    def _client(self) -> Salesforce:
        with self._lock:
            if self._sf is None:
                self._sf = self._login()
            return self._sf

    def _login(self) -> Salesforce:
        # simple-salesforce warns with an authorize URL that embeds the consumer key when the app
        # is not approved; warnings reach the function's logs, so they are silenced here and the
        # failure surfaces as SalesforceAuthError instead.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return self._login_unwarned()

    def _login_unwarned(self) -> Salesforce:
        creds = self._resolve_credentials()
        common: dict[str, Any] = {
            "session": self._http,
            "version": self._api_version,
            # Decimals, not floats: prices and quantities must reach the ERP exactly.
            "parse_float": Decimal,
        }
        if isinstance(creds, JwtBearerCredentials):
            sf = Salesforce(
                username=creds.username,
                consumer_key=creds.consumer_key.get_secret_value(),
                privatekey=creds.private_key.get_secret_value(),
                domain=creds.domain,
                instance_url=creds.token_host,
                **common,
            )
        elif isinstance(creds, ClientCredentials):
            sf = Salesforce(
                consumer_key=creds.consumer_key.get_secret_value(),
                consumer_secret=creds.consumer_secret.get_secret_value(),
                domain=creds.domain,
                **common,
            )
        else:  # pragma: no cover - the discriminated union has two members
            raise TypeError(f"unsupported credentials {type(creds).__name__}")
        logger.info("salesforce login", auth=creds.auth, instance=sf.sf_instance)
        return sf

    def _drop_session(self) -> None:
        with self._lock:
            self._sf = None

    def _remember_usage(self, sf: Salesforce) -> None:
        # simple-salesforce parses Sforce-Limit-Info ("api-usage=25/15000") into
        # sf.api_usage["api-usage"] = Usage(used, total) on every successful REST call.
        usage = sf.api_usage.get("api-usage") if sf.api_usage else None
        if usage is not None:
            self._usage = ApiUsage(used=usage.used, total=usage.total)

    def _backoff_delay(self, attempt: int, slept: float) -> float:
        ceiling = min(self._backoff_cap_s, self._backoff_base_s * (2 ** (attempt - 1)))
        # Full jitter: many containers hitting the same limit must not retry in lock-step.
        return min(self._rng.uniform(0, ceiling), max(0.0, self._max_total_sleep_s - slept))

    def _call(self, operation: str, fn: Callable[[Salesforce], T]) -> T:
        """Run ``fn`` with login, one re-login on an expired session, and bounded back-off."""
        attempt = 0
        slept = 0.0
        relogged = False
        while True:
            attempt += 1
            try:
                sf = self._client()
                result = fn(sf)
                self._remember_usage(sf)
                return result
            except SalesforceExpiredSession as exc:
                if relogged:
                    raise _map_error(exc, operation) from exc
                logger.info("salesforce session expired, logging in again", operation=operation)
                self._drop_session()
                relogged = True
                attempt -= 1  # a new session is not a retry of a failing call
                continue
            except _HANDLED as exc:
                error = _map_error(exc, operation)
                if not isinstance(error, SalesforceRequestLimitError | SalesforceUnavailableError):
                    raise error from exc
                delay = self._backoff_delay(attempt, slept)
                if attempt >= self._max_attempts or (delay <= 0 and slept >= self._max_total_sleep_s):
                    logger.warning(
                        "salesforce call gave up",
                        operation=operation,
                        attempts=attempt,
                        error_type=type(error).__name__,
                    )
                    raise error from exc
                logger.warning(
                    "salesforce call failed, backing off",
                    operation=operation,
                    attempt=attempt,
                    error_type=type(error).__name__,
                    delay_s=round(delay, 3),
                )
                self._sleep(delay)
                slept += delay

    def _raw(
        self,
        sf: Salesforce,
        method: str,
        path: str,
        *,
        body: bytes | str | None = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        """A request under /services/data/vXX.X/ with simple-salesforce's headers and error mapping.

        Used for Bulk API 2.0, whose CSV bodies simple-salesforce's JSON helpers cannot carry.
        """
        all_headers = dict(sf.headers)
        all_headers.update(headers or {})
        response = sf.session.request(
            method, sf.base_url + path, headers=all_headers, data=body, params=params
        )
        if response.status_code >= 300:
            exception_handler(response, name=path)
        limit_info = response.headers.get("Sforce-Limit-Info")
        if limit_info:
            sf.api_usage = Salesforce.parse_api_usage(limit_info)
        return response

    def _bulk_json(
        self, operation: str, method: str, path: str, payload: dict[str, Any] | None = None
    ) -> Any:
        body = json.dumps(payload) if payload is not None else None
        response = self._call(operation, lambda sf: self._raw(sf, method, path, body=body))
        return response.json() if response.content else None

    # --- port: orders ---------------------------------------------------------------------------
    def get_account(self, account_id: str) -> dict[str, Any] | None:
        soql = format_soql(
            "SELECT {fields:literal} FROM Account WHERE Id = {account_id}",
            fields=", ".join(customers.SF_ACCOUNT_FIELDS),
            account_id=account_id,
        )
        records = self._call("get_account", lambda sf: sf.query(soql)).get("records") or []
        if not records:
            return None
        return {k: v for k, v in records[0].items() if k != "attributes"}

    def get_accounts(self, account_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for chunk in chunked(list(dict.fromkeys(account_ids)), names.SF_ACCOUNT_IDS_PER_QUERY):
            soql = format_soql(
                "SELECT {fields:literal} FROM Account WHERE Id IN {ids}",
                fields=", ".join(customers.SF_ACCOUNT_FIELDS),
                ids=chunk,
            )
            answer: dict[str, Any] = self._call("get_accounts", partial(_query_all, soql=soql))
            for record in answer.get("records") or []:
                found[record["Id"]] = {k: v for k, v in record.items() if k != "attributes"}
        return found

    def query(self, soql: str) -> list[dict[str, Any]]:
        # simple-salesforce's query_all follows nextRecordsUrl: one call per page of 2,000.
        answer: dict[str, Any] = self._call("query", partial(_query_all, soql=soql))
        return [{k: v for k, v in r.items() if k != "attributes"} for r in answer.get("records") or []]

    def merged_into(self, account_ids: Sequence[str]) -> dict[str, str]:
        merged: dict[str, str] = {}
        for chunk in chunked(list(dict.fromkeys(account_ids)), names.SF_ACCOUNT_IDS_PER_QUERY):
            soql = format_soql(
                "SELECT Id, MasterRecordId FROM Account WHERE Id IN {ids} AND IsDeleted = true", ids=chunk
            )
            answer: dict[str, Any] = self._call(
                "merged_into", partial(_query_all, soql=soql, include_deleted=True)
            )
            for record in answer.get("records") or []:
                if record.get("MasterRecordId"):
                    merged[record["Id"]] = record["MasterRecordId"]
        return merged

    def _order_soql(self, order_id: str) -> str:
        fields = list(ORDER_FIELDS)
        if self._multi_currency:
            # CurrencyIsoCode exists only in multi-currency orgs; querying it elsewhere fails.
            fields.append("CurrencyIsoCode")
        items = f"(SELECT {', '.join(ORDER_ITEM_FIELDS)} FROM OrderItems ORDER BY Id)"  # noqa: S608 - fixed API names
        return format_soql(
            "SELECT {fields:literal}, {items:literal} FROM Order WHERE Id = {order_id}",
            fields=", ".join(fields),
            items=items,
            order_id=order_id,
        )

    def get_order(self, order_id: str, *, version: int) -> SalesforceOrder:
        soql = self._order_soql(order_id)
        result = self._call("get_order", lambda sf: sf.query(soql))
        records = result.get("records") or []
        if not records:
            raise SalesforceNotFoundError(
                f"Order {order_id} not found (or not visible to the integration user)"
            )
        order = records[0]
        item_rows = list(self._order_items(order.get("OrderItems")))
        sf_version = order.get("Order_Version__c")
        if sf_version is not None and int(sf_version) != version:
            # The Order moved on since the event was published; the lines read now belong to the
            # newer version, whose own event follows and will be applied by the version guard.
            logger.info(
                "order version differs from event", order_version=int(sf_version), event_version=version
            )
        try:
            lines = tuple(
                OrderLine(
                    line_id=row["Id"],
                    product_code=(row.get("Product2") or {}).get("ProductCode") or "",
                    quantity=row["Quantity"],
                    unit_price=row["UnitPrice"],
                )
                for row in item_rows
            )
            return SalesforceOrder(
                order_id=order["Id"],
                account_id=order["AccountId"],
                order_number=order.get("OrderNumber"),
                currency=order.get("CurrencyIsoCode"),
                requested_delivery_date=None,
                lines=lines,
                version=version,
            )
        except (ValidationError, KeyError) as exc:
            # Field names only: the rows are order data and stay out of messages and logs.
            where = (
                "; ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors(include_input=False))
                if isinstance(exc, ValidationError)
                else str(exc)
            )
            raise SalesforceRecordError(f"Order {order_id} has unusable OrderItems ({where})") from exc

    def _order_items(self, subquery: dict[str, Any] | None) -> Iterator[dict[str, Any]]:
        # A subquery returns its first page inline; long orders continue via nextRecordsUrl.
        page = subquery
        while page:
            yield from page.get("records") or []
            next_url = page.get("nextRecordsUrl")
            if page.get("done", True) or not next_url:
                return
            page = self._call("get_order_items", partial(_query_more, url=next_url))

    # --- port: batch updates ------------------------------------------------------------------
    def update_records(self, sobject: str, updates: Sequence[RecordUpdate]) -> list[RecordResult]:
        check_api_name(sobject)
        if not updates:
            return []
        merged, positions = merge_updates(updates)
        merged_results: list[RecordResult] = []
        for chunk in chunked(merged, names.SF_COLLECTION_MAX_RECORDS):
            body = json.dumps(
                {
                    # Per-record outcomes: one bad record must not roll back the write-backs of
                    # the rest of the batch.
                    "allOrNone": False,
                    "records": [
                        {
                            "attributes": {"type": sobject},
                            "id": update.key,
                            **{name: json_value(value) for name, value in update.fields.items()},
                        }
                        for update in chunk
                    ],
                }
            )
            # A PATCH that sets fields is idempotent, so retrying a chunk after a 5xx is safe.
            response = self._call(
                "update_records",
                partial(_restful, path="composite/sobjects", method="PATCH", body=body),
            )
            merged_results.extend(self._collection_results(chunk, response))
        results = [merged_results[i] for i in positions]
        failed = sum(1 for r in results if not r.ok)
        logger.info("salesforce records updated", sobject=sobject, records=len(results), failed=failed)
        return results

    def upsert_records(
        self, sobject: str, external_id_field: str, records: Sequence[dict[str, Any]]
    ) -> list[RecordResult]:
        results, sendable = _keyed_records(sobject, external_id_field, records)
        for chunk in chunked(sendable, names.SF_COLLECTION_MAX_RECORDS):
            body = json.dumps(
                {
                    "allOrNone": False,
                    # The external id travels in each record, never an "id" (the API refuses
                    # record ids on this resource).
                    "records": [
                        {
                            "attributes": {"type": sobject},
                            **{name: json_value(value) for name, value in record.items() if name != "Id"},
                        }
                        for _, record in chunk
                    ],
                }
            )
            # An upsert keyed by an external id is idempotent: a retried chunk updates what the
            # first attempt created instead of creating it twice.
            response = self._call(
                "upsert_records",
                partial(
                    _restful,
                    path=f"composite/sobjects/{sobject}/{external_id_field}",
                    method="PATCH",
                    body=body,
                ),
            )
            keyed = [RecordUpdate(key=str(record[external_id_field])) for _, record in chunk]
            for (i, _), result in zip(chunk, self._collection_results(keyed, response), strict=True):
                results[i] = result
        ordered = [results[i] for i in range(len(records))]
        failed = sum(1 for r in ordered if not r.ok)
        logger.info("salesforce records upserted", sobject=sobject, records=len(ordered), failed=failed)
        return ordered

    @staticmethod
    def _collection_results(chunk: Sequence[RecordUpdate], response: Any) -> list[RecordResult]:
        rows = response if isinstance(response, list) else []
        results = []
        # sObject Collections answers in request order; failed rows carry no id.
        for i, update in enumerate(chunk):
            row = rows[i] if i < len(rows) and isinstance(rows[i], dict) else None
            if row is None:
                results.append(RecordResult(key=update.key, ok=False, error="NO_RESULT", retriable=True))
            elif row.get("success"):
                results.append(RecordResult(key=update.key, ok=True))
            else:
                errors = row.get("errors") or [{}]
                code = str(errors[0].get("statusCode", "UNKNOWN_ERROR"))
                text = "; ".join(
                    f"{e.get('statusCode', 'UNKNOWN_ERROR')}: {e.get('message', '')}" for e in errors
                )
                results.append(
                    RecordResult(
                        key=update.key, ok=False, error=short(text), retriable=code in RETRIABLE_RECORD_ERRORS
                    )
                )
        return results

    # --- port: platform events ------------------------------------------------------------------
    def publish_event(self, event_name: str, fields: dict[str, Any]) -> None:
        check_api_name(event_name, "event")
        body = json.dumps({name: json_value(value) for name, value in fields.items()})
        # A retry after a 5xx may publish twice; subscribers dedupe on the business key anyway.
        result = self._call(
            "publish_event", lambda sf: sf.restful(f"sobjects/{event_name}", method="POST", data=body)
        )
        if not isinstance(result, dict) or not result.get("success"):
            errors = (result or {}).get("errors") if isinstance(result, dict) else None
            raise SalesforceRecordError(f"publishing {event_name} failed: {short(str(errors))}")
        logger.info("platform event published", event_name=event_name)

    # --- port: Bulk API 2.0 -----------------------------------------------------------------------
    def _wait_for_job(self, kind: str, job_id: str) -> dict[str, Any]:
        deadline = self._monotonic() + self._bulk_timeout_s
        while True:
            job = self._bulk_json(f"bulk_{kind}_poll", "GET", f"jobs/{kind}/{job_id}")
            if job.get("state") in _BULK_FINAL_STATES:
                return dict(job)
            if self._monotonic() >= deadline:
                raise SalesforceUnavailableError(
                    f"bulk {kind} job {job_id} still {job.get('state')} after {self._bulk_timeout_s:.0f} s"
                )
            self._sleep(self._bulk_poll_interval_s)

    def bulk_query(self, soql: str, *, include_deleted: bool = False) -> Iterator[dict[str, Any]]:
        job = self._bulk_json(
            "bulk_query_create",
            "POST",
            "jobs/query",
            {
                "operation": "queryAll" if include_deleted else "query",
                "query": soql,
                "contentType": "CSV",
                "columnDelimiter": "COMMA",
                "lineEnding": "LF",
            },
        )
        job_id = str(job["id"])
        logger.info("bulk query job created", job_id=job_id, include_deleted=include_deleted)
        final = self._wait_for_job("query", job_id)
        if final.get("state") != "JobComplete":
            raise SalesforceRecordError(
                f"bulk query job {job_id} {final.get('state')}: {short(str(final.get('errorMessage', '')))}"
            )
        locator: str | None = None
        rows = 0
        while True:
            params: dict[str, Any] = {"maxRecords": self._bulk_page_size}
            if locator:
                params["locator"] = locator
            response = self._call(
                "bulk_query_results",
                partial(
                    self._raw,
                    method="GET",
                    path=f"jobs/query/{job_id}/results",
                    params=params,
                    headers={"Accept": "text/csv"},
                ),
            )
            for row in parse_csv(response.content.decode("utf-8")):
                rows += 1
                yield row
            locator = response.headers.get("Sforce-Locator")
            # The last page says "null" (the string) for its locator.
            if not locator or locator == "null":
                break
        logger.info("bulk query job read", job_id=job_id, rows=rows)

    def bulk_upsert(
        self, sobject: str, external_id_field: str, records: Sequence[dict[str, Any]]
    ) -> list[RecordResult]:
        return self._ingest(sobject, "upsert", external_id_field, records)

    def bulk_update(self, sobject: str, updates: Sequence[RecordUpdate]) -> list[RecordResult]:
        """Bulk API 2.0 ``update`` by Id: one job, per-record results keyed by the Id sent."""
        merged, positions = merge_updates(updates)  # one row per record: a job locks it once
        results = self._ingest(sobject, "update", "Id", [{"Id": u.key, **u.fields} for u in merged])
        return [results[i].model_copy(update={"key": updates[n].key}) for n, i in enumerate(positions)]

    def _ingest(
        self, sobject: str, operation: str, key_field: str, records: Sequence[dict[str, Any]]
    ) -> list[RecordResult]:
        """One Bulk API 2.0 ingest job (``upsert`` on an external id, or ``update`` by Id)."""
        results, sendable = _keyed_records(sobject, key_field, records)
        if not sendable:
            return [results[i] for i in range(len(records))]
        csv_text = to_csv([r for _, r in sendable], column_order((r for _, r in sendable), key_field))
        payload = csv_text.encode("utf-8")
        if len(payload) > _BULK_UPLOAD_MAX_BYTES:
            raise ValueError(
                f"bulk {operation} of {len(payload)} bytes exceeds one job's upload; split the records"
            )

        spec: dict[str, Any] = {"object": sobject}
        if operation == "upsert":
            spec["externalIdFieldName"] = key_field
        spec |= {"contentType": "CSV", "operation": operation, "lineEnding": "LF", "columnDelimiter": "COMMA"}
        job = self._bulk_json(f"bulk_{operation}_create", "POST", "jobs/ingest", spec)
        job_id = str(job["id"])
        logger.info(f"bulk {operation} job created", job_id=job_id, sobject=sobject, records=len(sendable))
        try:
            self._call(
                f"bulk_{operation}_upload",
                lambda sf: self._raw(
                    sf,
                    "PUT",
                    f"jobs/ingest/{job_id}/batches",
                    body=payload,
                    headers={"Content-Type": "text/csv"},
                ),
            )
            self._bulk_json(
                f"bulk_{operation}_close", "PATCH", f"jobs/ingest/{job_id}", {"state": "UploadComplete"}
            )
        except SalesforceError:
            self._abort_job(job_id)
            raise
        final = self._wait_for_job("ingest", job_id)
        by_key = self._ingest_results(job_id, key_field)
        state = str(final.get("state"))
        job_error = short(str(final.get("errorMessage") or ""))
        for i, record in sendable:
            key = str(record[key_field])
            results[i] = by_key.get(key) or RecordResult(
                key=key,
                ok=False,
                # Not processed: the job failed or was aborted before reaching the record.
                error=f"NOT_PROCESSED: job {state}" + (f": {job_error}" if job_error else ""),
                retriable=state != "JobComplete",
            )
        ordered = [results[i] for i in range(len(records))]
        logger.info(
            f"bulk {operation} job finished",
            job_id=job_id,
            state=state,
            processed=final.get("numberRecordsProcessed"),
            failed=sum(1 for r in ordered if not r.ok),
        )
        return ordered

    def _ingest_results(self, job_id: str, external_id_field: str) -> dict[str, RecordResult]:
        by_key: dict[str, RecordResult] = {}
        for kind in ("successfulResults", "failedResults"):
            response = self._call(
                f"bulk_ingest_{kind}",
                partial(
                    self._raw,
                    method="GET",
                    path=f"jobs/ingest/{job_id}/{kind}/",
                    headers={"Accept": "text/csv"},
                ),
            )
            for row in parse_csv(response.content.decode("utf-8")):
                key = row.get(external_id_field) or ""
                if kind == "successfulResults":
                    by_key[key] = RecordResult(key=key, ok=True)
                else:
                    error = row.get("sf__Error") or "UNKNOWN_ERROR"
                    code = error.split(":", 1)[0]
                    by_key[key] = RecordResult(
                        key=key, ok=False, error=short(error), retriable=code in RETRIABLE_RECORD_ERRORS
                    )
        return by_key

    def _abort_job(self, job_id: str) -> None:
        try:
            self._bulk_json("bulk_ingest_abort", "PATCH", f"jobs/ingest/{job_id}", {"state": "Aborted"})
        except SalesforceError:
            # Best effort: an open job expires on its own after 24 hours.
            logger.warning("bulk job could not be aborted", job_id=job_id)

    def close(self) -> None:
        self._http.close()


def from_settings(
    settings: SalesforceConnectionSettings, environ: Mapping[str, str] | None = None
) -> SalesforceSimpleGateway:
    """The registry's factory (simple-salesforce, and zeep under it, load only when chosen: they
    are the largest share of a cold start)."""
    assert settings.salesforce_secret_arn  # SalesforceConnectionSettings requires it for this adapter
    return SalesforceSimpleGateway.from_secret(settings.salesforce_secret_arn)


def _query_all(sf: Salesforce, *, soql: str, include_deleted: bool = False) -> dict[str, Any]:
    """Every page of a REST query (``query_all`` follows ``nextRecordsUrl``); ``include_deleted``
    uses the queryAll resource, which sees the recycle bin."""
    return dict(sf.query_all(soql, include_deleted=include_deleted))
