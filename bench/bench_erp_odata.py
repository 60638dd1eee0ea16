"""ERP calls per operation of ODataErpGateway, measured against the SAP test peer (SAP's
published metadata served as OData v2 at SAP's paths, standard system, tests/odata_server).

    .venv/bin/python bench/bench_erp_odata.py   # writes bench/results/erp_odata.json

Figures: calls per handoff (create, update, cancel; CSRF fetch and the Account's customer lookup
included), per availability request of 50 SKUs, per 10,000-customer extract (with address,
phone and company data expanded).
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

from sferp.adapters.erp.odata import ODataErpGateway
from sferp.adapters.erp.odata_mapping import BasicCredentials, ODataErpConfig
from sferp.models.order import ErpSalesOrder, ErpSalesOrderItem

ROOT = Path(__file__).resolve().parents[1]
RESULT = ROOT / "bench" / "results" / "erp_odata.json"
PAGE_SIZE = 1000  # the server's page size (cds.query.limit), like a gateway's default paging
EXTRACT_RECORDS = 10_000
SKUS = [f"SKU-{n:04d}" for n in range(50)]
ORDERS = 20


def _peer() -> ModuleType:
    name = "sferp_odata_test_peer"
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "odata_server" / "server.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _order(n: int, version: int = 1) -> ErpSalesOrder:
    return ErpSalesOrder(
        external_reference=f"801{n:015d}",
        customer_reference="001000000000001AAA",
        currency="EUR",
        items=tuple(
            ErpSalesOrderItem(
                item_number=10 * (i + 1),
                sku=SKUS[i],
                quantity=Decimal(i + 1),
                unit_price=Decimal("9.50"),
                external_line_id=f"L{i}",
            )
            for i in range(3)
        ),
        source_version=version,
    )


def _bulk(server: Any, entity: str, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), 500):
        server.load(entity, rows[start : start + 500])


def _customers(count: int) -> dict[str, list[dict[str, Any]]]:
    """``count`` business partners with the customer role, address, phone and company data."""
    stamp = {"LastChangeDate": "2026-01-05", "LastChangeTime": "08:00:00"}
    numbers = [str(5_000_000 + n) for n in range(count)]
    return {
        "API_BUSINESS_PARTNER.A_BusinessPartner": [
            {
                "BusinessPartner": n,
                "Customer": n,
                "BusinessPartnerCategory": "2",
                "OrganizationBPName1": f"Customer {n}",
                "BusinessPartnerFullName": f"Customer {n}",
                **stamp,
            }
            for n in numbers
        ],
        "API_BUSINESS_PARTNER.A_Customer": [{"Customer": n} for n in numbers],
        "API_BUSINESS_PARTNER.A_CustomerCompany": [
            {"Customer": n, "CompanyCode": "1710", "PaymentTerms": "0001"} for n in numbers
        ],
        "API_BUSINESS_PARTNER.A_BusinessPartnerAddress": [
            {"BusinessPartner": n, "AddressID": "9" + n, "CityName": "Berlin", "Country": "DE"}
            for n in numbers
        ],
        "API_BUSINESS_PARTNER.A_AddressPhoneNumber": [
            {"AddressID": "9" + n, "Person": "", "OrdinalNumber": "1", "PhoneNumber": "+49 30 0"}
            for n in numbers
        ],
    }


def _delta(gateway: ODataErpGateway, action: Any) -> tuple[int, dict[str, int]]:
    before = gateway.calls.copy()
    action()
    after = gateway.calls.copy()
    after.subtract(before)
    return sum(after.values()), {k: v for k, v in after.items() if v}


def main() -> int:
    peer = _peer()
    started = time.perf_counter()
    server = peer.start_server(page_size=PAGE_SIZE)
    startup_s = time.perf_counter() - started
    try:
        server.reset()
        for sku in SKUS:
            server.product(sku, name=f"Material {sku}")
            for location in ("0001", "0002"):
                server.stock(sku, "1000", 10, location=location)
            server.stock(sku, "1000", 4, special="E", sales_order="1")  # sales-order stock: not promised
        server.customer("17100001", name="Bench Customer", salesforce_account_id="001000000000001AAA")
        for entity, rows in _customers(EXTRACT_RECORDS).items():
            _bulk(server, entity, rows)
        config = ODataErpConfig(base_url=server.base_url, odata_version="v2")
        gateway = ODataErpGateway(
            config, BasicCredentials(auth="basic", username=peer.USERNAME, password=peer.PASSWORD)
        )

        cold_calls, cold_kinds = _delta(gateway, lambda: gateway.upsert_sales_order(_order(0)))
        t0 = time.perf_counter()
        warm = [
            _delta(gateway, lambda n=n: gateway.upsert_sales_order(_order(n)))[0] for n in range(1, ORDERS)
        ]
        handoff_ms = (time.perf_counter() - t0) / len(warm) * 1000
        # An update that changes one item's quantity (a real change; an identical one writes nothing)
        changed = _order(1, version=2)
        changed = changed.model_copy(
            update={
                "items": (changed.items[0].model_copy(update={"quantity": Decimal(9)}), *changed.items[1:])
            }
        )
        update_calls, update_kinds = _delta(gateway, lambda: gateway.upsert_sales_order(changed))
        cancel_calls, cancel_kinds = _delta(
            gateway, lambda: gateway.cancel_sales_order(_order(2).external_reference, source_version=2)
        )
        # Cold adapter whose first call is a write: the CSRF probe cannot ride on a lookup.
        cold_cancel = ODataErpGateway(
            config, BasicCredentials(auth="basic", username=peer.USERNAME, password=peer.PASSWORD)
        )
        cold_cancel_calls, cold_cancel_kinds = _delta(
            cold_cancel,
            lambda: cold_cancel.cancel_sales_order(_order(3).external_reference, source_version=2),
        )

        t0 = time.perf_counter()
        availability_calls, _ = _delta(gateway, lambda: gateway.get_availability("1000", SKUS))
        availability_ms = (time.perf_counter() - t0) * 1000

        extracted: list[Any] = []
        t0 = time.perf_counter()
        extract_calls, _ = _delta(
            gateway, lambda: extracted.extend(gateway.changed_customers(datetime(2000, 1, 1, tzinfo=UTC)))
        )
        extract_s = time.perf_counter() - t0
        pages = math.ceil(len(extracted) / PAGE_SIZE)

        result = {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "server": "SAP test peer: SAP's EDMX imported with @sap/cds 9.9.3, OData v2 via "
            "@cap-js-community/odata-v2-adapter 1.15.10, @cap-js/sqlite (sql.js) in memory",
            "server_startup_s": round(startup_s, 2),
            "server_page_size": PAGE_SIZE,
            "order_handoff": {
                "note": "create = lookup (carries the CSRF fetch) + the Account's customer lookup "
                "(cached per container) + deep insert; update = lookup + one request per changed "
                "header/item; cancel = lookup + one PATCH per open item (3 items here)",
                "first_create_cold_adapter_calls": cold_calls,
                "first_create_cold_adapter_by_kind": cold_kinds,
                "create_warm_calls_max": max(warm),
                "create_warm_ms_avg": round(handoff_ms, 1),
                "update_calls": update_calls,
                "update_by_kind": update_kinds,
                "cancel_calls": cancel_calls,
                "cancel_by_kind": cancel_kinds,
                "cancel_cold_adapter_calls": cold_cancel_calls,
                "cancel_cold_adapter_by_kind": cold_cancel_kinds,
            },
            "availability_50_skus": {
                "target_calls": 1,
                "calls": availability_calls,
                "ms": round(availability_ms, 1),
            },
            "extract_10000_customers": {
                "target_calls": "pages + 1",
                "records": len(extracted),
                "pages": pages,
                "calls": extract_calls,
                "seconds": round(extract_s, 2),
            },
        }
    finally:
        server.stop()
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
