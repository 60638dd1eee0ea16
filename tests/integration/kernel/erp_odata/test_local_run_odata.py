"""``run_order_handoff`` (the engine of ``sferp local run`` and ``make demo``) against the CAP OData
v4 server through the S/4HANA adapter: the same outcome as with the embedded ERP."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from sferp_tools.local.demo import seed_odata_products
from sferp_tools.local.order_handoff import RunFaults, run_order_handoff
from sferp_tools.synthetic.order_handoff import generate


def _outcome(report: dict[str, Any]) -> dict[str, tuple[str, int, list[tuple[str, float, float]]]]:
    return {
        order["salesforce_order_id"]: (
            order["status"],
            order["source_version"],
            sorted((line["sku"], line["quantity"], line["unit_price"]) for line in order["lines"]),
        )
        for order in report["erp"]["sales_orders"]
    }


def test_local_run_against_odata_hands_each_order_over_once(cap_server: Any, make_gateway: Any) -> None:
    # Given a generated stream (duplicates, reordered updates, cancels, poison events), the CAP
    # server with the materials it orders, and handler crashes after ERP writes plus a short outage
    scenario = generate(10, seed=1)
    seed_odata_products(cap_server)
    gateway = make_gateway()
    faults = RunFaults.from_specs(["handler_crash_rate=0.2"])

    def run(erp_factory: Any) -> dict[str, Any]:
        return run_order_handoff(
            scenario.events,
            faults=faults,
            seed=1,
            prepare=lambda _erp, org: scenario.seed_org(org),
            erp_outage=(2, 2),
            erp_factory=erp_factory,
        ).report

    # When the stream runs through the local stack into the OData ERP, and into the embedded ERP
    odata = run(lambda: gateway)
    embedded = run(None)

    # Then the OData ERP holds exactly one sales order per Salesforce order
    per_order = Counter(order["salesforce_order_id"] for order in odata["erp"]["sales_orders"])
    assert per_order == Counter(dict.fromkeys(scenario.orders, 1))
    # ... in the same final state (status, version, lines) as the embedded ERP
    assert _outcome(odata) == _outcome(embedded)
    assert {status for status, _, _ in _outcome(odata).values()} >= {"OPEN", "CANCELLED"}
    # ... the crashes and the outage really happened and were retried, and only poison was dead-lettered
    assert odata["counts"]["handler_crashes"] > 0
    assert odata["metrics"]["RetriableFailures"]["sum"] > 0
    assert all(entry["salesforce_order_id"] not in scenario.orders for entry in odata["dead_letters"])
    # ... and those orders are on the CAP server itself (read by a fresh adapter)
    on_server = make_gateway().changed_sales_orders(datetime(1970, 1, 1, tzinfo=UTC))
    assert sorted(record.external_reference for record in on_server) == sorted(scenario.orders)
