"""Extract: changed records of both sides since the watermark, plus the counterparts of keys that
changed on one side only (the engine compares snapshots: a record that simply did not change on
the other side must not look one-sided), split into partition files by key hash."""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sferp import names
from sferp.adapters.salesforce.common import soql_datetime
from sferp.models.entities import ACCOUNTS, ORDERS, PRODUCTS, EntitySpec, Owner
from sferp.ports import ErpGateway, SalesforceGateway
from sferp.reconciliation.csv_io import SplitStats, split_export

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# The engine's entities as the cloud extract can carry them. ``billing_email`` is left out of
# accounts: ``ErpCustomer`` (the ERP port) has no such field yet, so every Account with an
# invoice address would look drifted (docs/reconciliation.md, "Open points").
WORKFLOW_ENTITIES: dict[str, EntitySpec] = {
    "accounts": dataclasses.replace(
        ACCOUNTS, fields=tuple(f for f in ACCOUNTS.fields if f.name != "billing_email")
    ),
    "products": PRODUCTS,
    "orders": ORDERS,
}


def workflow_entity(name: str, erp: ErpGateway) -> EntitySpec:
    """The entity as this ERP can compare it: an account field the ERP does not hold (its API
    does not carry it, e.g. SAP's credit limit) is left out, so an ERP-owned field is never
    "fixed" to empty in Salesforce because the ERP could not read it."""
    spec = WORKFLOW_ENTITIES[name]
    if name != "accounts":
        return spec
    supported = erp.supported_customer_fields
    fields = tuple(f for f in spec.fields if f.erp in supported)
    return spec if len(fields) == len(spec.fields) else dataclasses.replace(spec, fields=fields)


def _quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _key_chunks(prefix: str, keys: Sequence[str]) -> Iterator[list[str]]:
    """Key lists whose ``IN (...)`` keeps the query under the Bulk API 2.0 length limit."""
    budget = names.SALESFORCE_SOQL_MAX_CHARS - len(prefix) - 100
    chunk: list[str] = []
    used = 0
    for key in keys:
        cost = len(_quote(key)) + 2
        if chunk and used + cost > budget:
            yield chunk
            chunk, used = [], 0
        chunk.append(key)
        used += cost
    if chunk:
        yield chunk


def salesforce_rows(
    salesforce: SalesforceGateway, spec: EntitySpec, *, since: datetime | None
) -> list[dict[str, Any]]:
    """queryAll (deleted rows included) of everything changed after ``since`` (all when None)."""
    columns = ", ".join(spec.columns(Owner.SALESFORCE))
    soql = f"SELECT {columns} FROM {spec.salesforce_object}"  # noqa: S608 - fixed API names from entities
    if since is not None:
        soql += f" WHERE SystemModstamp > {soql_datetime(since)}"
    return list(salesforce.bulk_query(soql, include_deleted=True))


def salesforce_rows_by_key(
    salesforce: SalesforceGateway, spec: EntitySpec, keys: Sequence[str]
) -> list[dict[str, Any]]:
    columns = ", ".join(spec.columns(Owner.SALESFORCE))
    prefix = f"SELECT {columns} FROM {spec.salesforce_object} WHERE {spec.salesforce_key} IN ("  # noqa: S608
    rows: list[dict[str, Any]] = []
    for chunk in _key_chunks(prefix, sorted(keys)):
        rows.extend(
            salesforce.bulk_query(prefix + ", ".join(_quote(k) for k in chunk) + ")", include_deleted=True)
        )
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _erp_row(spec: EntitySpec, record: Any) -> dict[str, str]:
    data = record.model_dump()
    data.setdefault("deleted", False)  # products and orders have no delete flag in the port
    return {column: _cell(data.get(column)) for column in spec.columns(Owner.ERP)}


def erp_rows(erp: ErpGateway, spec: EntitySpec, *, since: datetime | None) -> list[dict[str, str]]:
    start = since or _EPOCH
    source: Iterable[Any] = {
        "accounts": erp.changed_customers,
        "products": erp.changed_products,
        "orders": erp.changed_sales_orders,
    }[spec.name](start)
    return [_erp_row(spec, record) for record in source]


def erp_rows_by_key(erp: ErpGateway, spec: EntitySpec, keys: Sequence[str]) -> list[dict[str, str]]:
    lookup = {
        "accounts": erp.customers_by_number,
        "products": erp.products_by_sku,
        "orders": erp.sales_orders_by_reference,
    }[spec.name]
    return [_erp_row(spec, record) for record in lookup(sorted(keys))]


def _keys(spec: EntitySpec, side: Owner, rows: Iterable[dict[str, Any]]) -> set[str]:
    column = spec.salesforce_key if side is Owner.SALESFORCE else spec.erp_key
    normaliser = spec.salesforce_key_normaliser if side is Owner.SALESFORCE else spec.erp_key_normaliser
    keys = set()
    for row in rows:
        key = (row.get(column) or "").strip()
        if key:
            keys.add(normaliser(key) if normaliser else key)
    return keys


@dataclasses.dataclass
class EntityExtract:
    entity: str
    salesforce: SplitStats
    erp: SplitStats
    counterparts_fetched: dict[str, int]
    coupling: dict[str, Any] | None = None  # what the key map did (accounts with a coupling store)


def apply_key_map(spec: EntitySpec, sf_rows: list[dict[str, Any]], key_map: dict[str, str]) -> dict[str, Any]:
    """The coupling store is the key map: a Salesforce record it couples takes the coupled ERP key
    (an Account whose ERP_Customer_Number__c write-back never landed is compared, not "unlinked");
    one whose own key differs from the coupling is counted and listed (the coupling wins, the
    Account's number is corrected by the customer flow's next write, or a person)."""
    filled, mismatched, uncoupled = 0, [], 0
    for row in sf_rows:
        record_id = str(row.get("Id") or "")
        coupled = key_map.get(record_id)
        own = str(row.get(spec.salesforce_key) or "").strip()
        if coupled is None:
            if str(row.get(spec.salesforce_deleted) or "").lower() not in ("true", "1"):
                uncoupled += 1
            continue
        if not own:
            row[spec.salesforce_key] = coupled
            filled += 1
        elif own != coupled:
            mismatched.append({"salesforce_id": record_id, "salesforce_key": own, "coupled": coupled})
            row[spec.salesforce_key] = coupled
    return {"keys_filled": filled, "keys_mismatched": mismatched, "uncoupled_salesforce": uncoupled}


def extract_entity(
    spec: EntitySpec,
    *,
    salesforce: SalesforceGateway,
    erp: ErpGateway,
    since: datetime | None,
    partitions: int,
    workdir: Path,
    key_map: dict[str, str] | None = None,
) -> EntityExtract:
    sf_rows = salesforce_rows(salesforce, spec, since=since)
    coupling = apply_key_map(spec, sf_rows, key_map) if key_map is not None else None
    erp_data = erp_rows(erp, spec, since=since)
    if coupling is not None and key_map is not None:
        coupled_numbers = set(key_map.values())
        coupling["uncoupled_erp"] = sum(
            1
            for row in erp_data
            if str(row.get(spec.erp_key) or "") not in coupled_numbers
            and str(row.get(spec.erp_deleted) or "").lower() not in ("true", "1")
        )
    fetched = {"salesforce": 0, "erp": 0}
    if since is not None:
        sf_keys = _keys(spec, Owner.SALESFORCE, sf_rows)
        erp_keys = _keys(spec, Owner.ERP, erp_data)
        # The raw key as stored on the other side: orders' ids are normalised to 18 characters
        # on both sides, so the normalised key is what each side is queried by.
        missing_erp = sorted(sf_keys - erp_keys)
        missing_sf = sorted(erp_keys - sf_keys)
        if missing_erp:
            extra = erp_rows_by_key(erp, spec, missing_erp)
            fetched["erp"] = len(extra)
            erp_data.extend(extra)
        if missing_sf:
            extra_sf = salesforce_rows_by_key(salesforce, spec, missing_sf)
            fetched["salesforce"] = len(extra_sf)
            sf_rows.extend(extra_sf)
    stats = {}
    for side, rows in ((Owner.SALESFORCE, sf_rows), (Owner.ERP, erp_data)):
        columns = spec.columns(side)
        source = workdir / f"{spec.name}-{side.value}.csv"
        with source.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})
        target = workdir / spec.name
        target.mkdir(exist_ok=True)
        # The engine's own splitter: the partition files are byte-for-byte what the offline CLI makes.
        stats[side] = split_export(spec, side, source, target, partitions)
    return EntityExtract(spec.name, stats[Owner.SALESFORCE], stats[Owner.ERP], fetched, coupling)
