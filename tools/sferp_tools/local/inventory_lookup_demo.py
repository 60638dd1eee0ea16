"""The inventory step of ``make demo``: a few lookups, one of them during an ERP outage."""

from __future__ import annotations

import io
from pathlib import Path

from sferp_tools.local.inventory_lookup import LocalInventory
from sferp_tools.local.inventory_lookup_cli import format_table, format_warmup


def demo_step(*, out: Path, seed: int) -> None:
    del seed  # the lookups are deterministic
    log = io.StringIO()
    print("\n== Inventory lookup (API Gateway -> Lambda -> cache -> ERP, locally) ==")
    with LocalInventory(log_stream=log, fresh_ttl_s=60, breaker_failures=3) as local:
        steps = [
            (
                "first lookup: cache empty, one ERP call for all SKUs",
                [("MAT-100", 5), ("MAT-200", 10), ("MAT-999", 1)],
            ),
            ("same SKUs again: answered from the cache", [("MAT-100", 5), ("MAT-200", 10)]),
        ]
        for title, items in steps:
            print(f"\n-- {title}")
            print(format_table(local.post("1000", items).body))
        print("\n-- scheduled warm-up of plant 2000 (refresh-ahead), then a first lookup there: no ERP call")
        print(format_warmup(local.warm_up("2000")))
        print(format_table(local.post("2000", [("MAT-100", 5), ("MAT-600", 1)]).body))
        print("\n-- ERP outage: cached SKUs answer stale with their age, the rest explicitly unavailable")
        local.dependencies.service._fresh_ttl_s = 0
        with local.erp.outage():
            answer = local.post("1000", [("MAT-100", 5), ("MAT-400", 1)])
        print(format_table(answer.body))
        print(f"\nERP availability calls: {local.erp.calls['get_availability']}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "inventory-handler.log").write_text(log.getvalue(), encoding="utf-8")
    print(
        f"handler logs: {out / 'inventory-handler.log'}  |  try it: sferp local inventory_lookup serve --port 8080"
    )
