"""The Salesforce port: what every flow needs from Salesforce, shaped by its REST, sObject
Collections and Bulk API 2.0 APIs. Adapters: ``sferp.adapters.salesforce.simple`` (production) and
the embedded org of ``sferp_tools`` (local runs and tests, not shipped in the Lambda layer)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from typing import Any

from sferp.models.order import SalesforceOrder
from sferp.models.records import ApiUsage, RecordResult, RecordUpdate


class SalesforceGateway(ABC):
    """Salesforce as the integration sees it. Every method may raise the ``Salesforce*Error`` family."""

    @abstractmethod
    def get_order(self, order_id: str, *, version: int) -> SalesforceOrder:
        """The Order and its OrderItems in ONE query (used when the event carries no lines)."""

    @abstractmethod
    def get_account(self, account_id: str) -> dict[str, Any] | None:
        """The Account's fields the integration reads (``sferp.customers.SF_ACCOUNT_FIELDS``),
        or None when it does not exist (or is not visible). One query."""

    @abstractmethod
    def get_accounts(self, account_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The same fields of many Accounts by Id, at most ``sferp.names.SF_ACCOUNT_IDS_PER_QUERY``
        Ids a query (a re-read after a Change Data Capture gap); an Account that does not exist
        (or was deleted) is absent from the answer."""

    @abstractmethod
    def merged_into(self, account_ids: Sequence[str]) -> dict[str, str]:
        """For deleted Accounts, the Account each was merged into (``MasterRecordId``, read with
        queryAll, which sees the recycle bin), at most ``SF_ACCOUNT_IDS_PER_QUERY`` Ids a query.
        An Account deleted without a merge, or not deleted, is absent from the answer."""

    @abstractmethod
    def update_records(self, sobject: str, updates: Sequence[RecordUpdate]) -> list[RecordResult]:
        """Update records by id through sObject Collections (200 records a call, allOrNone=false)."""

    @abstractmethod
    def query(self, soql: str) -> list[dict[str, Any]]:
        """A REST SOQL query (every page: one call per 2,000 records), records without their
        ``attributes``. For small keyed look-ups; large extracts use ``bulk_query``."""

    @abstractmethod
    def bulk_query(self, soql: str, *, include_deleted: bool = False) -> Iterator[dict[str, Any]]:
        """Bulk API 2.0 query (``queryAll`` when ``include_deleted``), streamed."""

    @abstractmethod
    def bulk_upsert(
        self, sobject: str, external_id_field: str, records: Sequence[dict[str, Any]]
    ) -> list[RecordResult]:
        """Bulk API 2.0 upsert: one job per call, per-record results."""

    def bulk_update(self, sobject: str, updates: Sequence[RecordUpdate]) -> list[RecordResult]:
        """Bulk API 2.0 update by Id: one job for any number of records (about six calls), per-record
        results keyed by the Id given. For large batches, where Collections would cost one call
        per 200. The default goes through ``update_records`` (same results, more calls)."""
        return self.update_records(sobject, updates)

    def upsert_records(
        self, sobject: str, external_id_field: str, records: Sequence[dict[str, Any]]
    ) -> list[RecordResult]:
        """Upsert by an external id through sObject Collections (``PATCH composite/sobjects/
        <object>/<field>``, API 46+, 200 records a call, allOrNone=false), per-record results keyed
        by the external id value. For small batches: one call per 200 records where a Bulk job
        costs about six. The default goes through ``bulk_upsert`` (same results, more calls)."""
        return self.bulk_upsert(sobject, external_id_field, records)

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
