"""``run_order_handoff`` (the engine of ``sferp local run`` and ``make demo``) against the SAP
test peer (standard system) through the S/4HANA adapter: the same outcome as with the embedded
ERP, where a standard SAP system keeps the same facts (status, materials, quantities)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from sferp_tools.local.demo import odata_master_data_loader
from sferp_tools.local.order_handoff import RunFaults, run_order_handoff
from sferp_tools.synthetic.order_handoff import generate


def _outcome(report: dict[str, Any]) -> dict[str, tuple[str, list[tuple[str, float]]]]:
    return {
        # (a standard SAP system keeps no Salesforce version or unit price; rejected items stay)
        order["salesforce_order_id"]: (
            order["status"],
            sorted((line["sku"], line["quantity"]) for line in order["lines"] if not line["rejected"]),
        )
        for order in report["erp"]["sales_orders"]
    }


def test_local_run_against_odata_hands_each_order_over_once(sap_server: Any, make_gateway: Any) -> None:
    # Given a generated stream (duplicates, reordered updates, cancels, poison events), the CAP
    # peer, and handler crashes after ERP writes plus a short outage
    scenario = generate(10, seed=1)
    gateway = make_gateway()
    faults = RunFaults.from_specs(["handler_crash_rate=0.2"])

    def run(erp_factory: Any) -> dict[str, Any]:
        odata = erp_factory is not None
        return run_order_handoff(
            scenario.events,
            faults=faults,
            seed=1,
            prepare=lambda _erp, org: scenario.seed_org(org),
            erp_outage=(2, 2),
            erp_factory=erp_factory,
            load_master_data=odata_master_data_loader(sap_server) if odata else None,
        ).report

    # When the stream runs through the local stack into the OData ERP, and into the embedded ERP
    odata = run(lambda: gateway)
    embedded = run(None)

    # Then the OData ERP holds exactly one sales order per Salesforce order
    per_order = Counter(order["salesforce_order_id"] for order in odata["erp"]["sales_orders"])
    assert per_order == Counter(dict.fromkeys(scenario.orders, 1))
    # ... in the same final state (status, version, lines) as the embedded ERP
    assert _outcome(odata) == _outcome(embedded)
    assert {status for status, _ in _outcome(odata).values()} >= {"OPEN", "CANCELLED"}
    # ... the crashes and the outage really happened and were retried, and only poison was dead-lettered
    assert odata["counts"]["handler_crashes"] > 0
    assert odata["metrics"]["RetriableFailures"]["sum"] > 0
    assert all(entry["salesforce_order_id"] not in scenario.orders for entry in odata["dead_letters"])
    # ... and those orders are on the peer itself (read by a fresh adapter)
    on_server = make_gateway().changed_sales_orders(datetime(1970, 1, 1, tzinfo=UTC))
    assert sorted(record.external_reference for record in on_server) == sorted(scenario.orders)
