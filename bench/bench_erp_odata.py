"""ERP calls per operation of ODataErpGateway, measured against the CAP OData v4 test peer.

    .venv/bin/python bench/bench_erp_odata.py   # writes bench/results/erp_odata.json

Targets from issue 5: at most 3 calls per order handoff (CSRF token included, reused), 1 call per
availability request of 50 SKUs, and pages + 1 calls per 10,000-record extract.
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
from sferp.adapters.erp.odata_mapping import BasicCredentials, ODataErpConfig, ServicePaths
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
        server.load("A_Product", [{"Product": s, "ProductDescription": s} for s in SKUS])
        server.load(
            "A_MatlStkInAcctMod",
            [
                {
                    "Material": s,
                    "Plant": "1000",
                    "StorageLocation": loc,
                    "InventoryStockType": "01",
                    "MatlWrhsStkQtyInMatlBaseUnit": "10",
                }
                for s in SKUS
                for loc in ("0001", "0002")
            ],
        )
        for start in range(0, EXTRACT_RECORDS, 2000):
            server.load(
                "A_BusinessPartner",
                [
                    {"BusinessPartner": str(5_000_000 + n), "BusinessPartnerFullName": f"Customer {n}"}
                    for n in range(start, min(start + 2000, EXTRACT_RECORDS))
                ],
            )
        config = ODataErpConfig(
            base_url=server.base_url, odata_version="v4", services=ServicePaths.single(peer.SERVICE_PATH)
        )
        gateway = ODataErpGateway(
            config, BasicCredentials(auth="basic", username=peer.USERNAME, password=peer.PASSWORD)
        )

        cold_calls, cold_kinds = _delta(gateway, lambda: gateway.upsert_sales_order(_order(0)))
        t0 = time.perf_counter()
        warm = [
            _delta(gateway, lambda n=n: gateway.upsert_sales_order(_order(n)))[0] for n in range(1, ORDERS)
        ]
        handoff_ms = (time.perf_counter() - t0) / len(warm) * 1000
        update_calls, update_kinds = _delta(gateway, lambda: gateway.upsert_sales_order(_order(1, version=2)))
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
            "server": "@sap/cds 9.9.3 + @cap-js/sqlite 2.4.2 (sql.js), OData v4, in-memory",
            "server_startup_s": round(startup_s, 2),
            "server_page_size": PAGE_SIZE,
            "order_handoff": {
                "target_max_calls": 3,
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
