"""ERP -> Salesforce for products and list prices, which the ERP owns: a scheduled poll of the ERP's
changed products into ``Product2`` (upsert on ``ERP_SKU__c``) and their list prices into the
standard price book's ``PricebookEntry`` per currency, through the shared writer as non-urgent
changes (near the org's API limit they wait; the watermark waits for them).

* **Nothing made up**: a product without a name is not created (Salesforce needs one; the product
  is refused with Salesforce's reason and dead-lettered), a name the ERP does not give is never
  written as empty, and a product without a price gets no price book entry (never a price of 0).
* **Deactivated, not deleted**: a product the ERP deactivates is ``IsActive = false`` on
  ``Product2`` and on its entries; sferp deletes nothing.
* **Entries are created once, then only priced**: ``Pricebook2Id``, ``Product2Id`` and
  ``CurrencyIsoCode`` can be set on create only (the Object Reference), so the poll reads which
  entries exist (one query per 200 keys, on ``ERP_Price_Key__c`` = ``<SKU>:<currency>``), updates
  those by Id (``UnitPrice``, ``IsActive``) and upserts the missing ones on the key with their
  product's Id (one more query for the new products' Ids).
* **Price sync can be off** per environment (``flows.erp_status.price_sync``): for SAP it must be,
  since the adapter reads no pricing condition records (``docs/erp_status.md``); products still
  sync. Multi-currency orgs only (``CurrencyIsoCode``), as the order handoff assumes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from sferp import names
from sferp.erp_status import names as status_names
from sferp.erp_status.service import change_millis, change_rank
from sferp.models.records import ErpProduct
from sferp.observability import logger, metrics
from sferp.ports import SalesforceGateway
from sferp.ports.erp import ProductPort
from sferp.ports.queues import DeadLetter, DeadLetterQueue
from sferp.ports.state import VersionGuard
from sferp.salesforce_writer import RecordChange, SalesforceWriter, WriteOutcome, WriteResult
from sferp.settings import FlowMode

_KEYS_PER_QUERY = names.SF_ACCOUNT_IDS_PER_QUERY  # a SOQL IN list that stays well inside the URL limit


@dataclass
class ProductPollResult:
    read: int = 0
    products_written: int = 0
    prices_written: int = 0
    without_price: int = 0
    refused: dict[str, str] = field(default_factory=dict)  # SKU (or price key) -> Salesforce's reason
    held_back: list[datetime] = field(default_factory=list)
    since: datetime | None = None
    watermark: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "products_written": self.products_written,
            "prices_written": self.prices_written,
            "without_price": self.without_price,
            "refused": dict(self.refused),
            "since": self.since.isoformat() if self.since else None,
            "watermark": self.watermark.isoformat() if self.watermark else None,
        }


def price_key(sku: str, currency: str) -> str:
    return f"{sku}:{currency}"


def _quoted(values: Sequence[str]) -> str:
    return ", ".join("'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'" for v in values)


class ErpProductPoller:
    def __init__(
        self,
        *,
        erp: ProductPort,
        salesforce: SalesforceGateway,
        writer: SalesforceWriter,
        applied: VersionGuard,
        dead_letters: DeadLetterQueue,
        mode: FlowMode,
        price_sync: bool,
        lookback: timedelta = timedelta(minutes=status_names.POLL_LOOKBACK_MIN),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._erp = erp
        self._salesforce = salesforce
        self._writer = writer
        self._applied = applied
        self._dead_letters = dead_letters
        self._mode = mode
        self._price_sync = price_sync
        self._lookback = lookback
        self._clock = clock

    def poll(self) -> ProductPollResult:
        started = self._clock()
        result = ProductPollResult()
        if self._mode is FlowMode.OFF:
            return result
        mark = self._applied.get(status_names.PRODUCTS_WATERMARK_KEY)
        base = datetime.fromtimestamp(mark.rank[0] / 1000, tz=UTC) if mark else started
        result.since = since = base - self._lookback
        products = list(self._erp.changed_products(since))
        result.read = len(products)
        if self._mode is FlowMode.SHADOW:
            logger.info("shadow: would write ERP products", extra={"products": len(products)})
            return result
        landed = self._write_products(products, result)
        if self._price_sync:
            self._write_prices([p for p in products if p.sku in landed], result)
        watermark = min([started, *result.held_back])
        self._applied.advance(
            status_names.PRODUCTS_WATERMARK_KEY, change_rank(watermark), {"at": watermark.isoformat()}
        )
        result.watermark = watermark
        metrics.add_metric(
            name=status_names.METRIC_PRODUCTS_WRITTEN, unit=MetricUnit.Count, value=result.products_written
        )
        metrics.add_metric(
            name=status_names.METRIC_PRICES_WRITTEN, unit=MetricUnit.Count, value=result.prices_written
        )
        logger.info("erp products polled", extra=result.as_dict())
        return result

    # --- Product2 -----------------------------------------------------------------------------------
    def _write_products(self, products: Sequence[ErpProduct], result: ProductPollResult) -> set[str]:
        changes = []
        for product in products:
            fields: dict[str, Any] = {"ProductCode": product.sku, "IsActive": product.active}
            if product.name:
                fields["Name"] = product.name
            changes.append(
                RecordChange(
                    status_names.SF_PRODUCT,
                    product.sku,
                    fields,
                    change_millis(product.changed_at),
                    key_field=status_names.SF_PRODUCT_KEY,
                    urgent=False,
                    flow=status_names.FLOW_ERP_STATUS,
                )
            )
        landed: set[str] = set()
        by_sku = {p.sku: p for p in products}
        for answer in self._writer.write(changes):
            sku = answer.change.key
            if answer.outcome in (WriteOutcome.WRITTEN, WriteOutcome.SUPERSEDED):
                result.products_written += answer.outcome is WriteOutcome.WRITTEN
                landed.add(sku)
            else:
                self._not_written(answer, by_sku[sku], result)
        return landed

    # --- PricebookEntry -------------------------------------------------------------------------------
    def _write_prices(self, products: Sequence[ErpProduct], result: ProductPollResult) -> None:
        priced = []
        for product in products:
            if product.list_price is None or not product.currency:
                result.without_price += 1  # no entry: a price is never made up as 0
                continue
            priced.append(product)
        if not priced:
            return
        [pricebook] = self._salesforce.query("SELECT Id FROM Pricebook2 WHERE IsStandard = true")
        keys = [price_key(p.sku, str(p.currency)) for p in priced]
        existing = self._ids_by(status_names.SF_PRICE_ENTRY, status_names.SF_PRICE_KEY, keys)
        new_skus = [p.sku for p, k in zip(priced, keys, strict=True) if k not in existing]
        product_ids = (
            self._ids_by(status_names.SF_PRODUCT, status_names.SF_PRODUCT_KEY, new_skus) if new_skus else {}
        )
        changes = []
        for product, key in zip(priced, keys, strict=True):
            version = change_millis(product.changed_at)
            price = {"UnitPrice": product.list_price, "IsActive": product.active}
            if key in existing:
                changes.append(
                    RecordChange(
                        status_names.SF_PRICE_ENTRY,
                        existing[key],
                        price,
                        version,
                        urgent=False,
                        flow=status_names.FLOW_ERP_STATUS,
                        reference=key,
                    )
                )
            else:
                # The create-only fields (status_names.SF_PRICE_FIELDS_ON_CREATE), on create only.
                create = {
                    **price,
                    "Pricebook2Id": pricebook["Id"],
                    "Product2Id": product_ids.get(product.sku),
                    "CurrencyIsoCode": product.currency,
                }
                changes.append(
                    RecordChange(
                        status_names.SF_PRICE_ENTRY,
                        key,
                        create,
                        version,
                        key_field=status_names.SF_PRICE_KEY,
                        urgent=False,
                        flow=status_names.FLOW_ERP_STATUS,
                        reference=key,
                    )
                )
        by_key = dict(zip(keys, priced, strict=True))
        for answer in self._writer.write(changes):
            if answer.outcome is WriteOutcome.WRITTEN:
                result.prices_written += 1
            elif answer.outcome is not WriteOutcome.SUPERSEDED:
                assert answer.change.reference is not None
                self._not_written(answer, by_key[answer.change.reference], result)

    def _ids_by(self, sobject: str, key_field: str, values: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(values))
        for start in range(0, len(unique), _KEYS_PER_QUERY):
            chunk = unique[start : start + _KEYS_PER_QUERY]
            soql = f"SELECT Id, {key_field} FROM {sobject} WHERE {key_field} IN ({_quoted(chunk)})"  # noqa: S608 - quoted literals
            for row in self._salesforce.query(soql):
                found[str(row[key_field])] = str(row["Id"])
        return found

    # --- refusals -------------------------------------------------------------------------------------
    def _not_written(self, answer: WriteResult, product: ErpProduct, result: ProductPollResult) -> None:
        key = answer.change.reference or answer.change.key
        reason = (
            "deferred: Salesforce API usage above the guard"
            if answer.outcome is WriteOutcome.DEFERRED
            else f"{answer.error_code}: {answer.message}"
        )
        result.refused[key] = reason
        if answer.outcome in (WriteOutcome.RETRY, WriteOutcome.DEFERRED):
            result.held_back.append(product.changed_at)  # the next poll reads it again
            return
        logger.error("ERP product not written to Salesforce", extra={"key": key, "reason": reason})
        self._dead_letters.send(
            DeadLetter(
                body=json.dumps(
                    {
                        "source": "erp-product-poller",
                        "object": answer.change.sobject,
                        "key": key,
                        "product": product.model_dump(mode="json"),
                    }
                ),
                reason=f"{answer.change.sobject} {key}: Salesforce refused it: {reason}",
                message_group_id=product.sku,
                source_message_id=f"erp-products:{key}:{change_millis(product.changed_at)}",
                salesforce_order_id=None,
            )
        )
