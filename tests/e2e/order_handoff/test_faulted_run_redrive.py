"""A faulted local run followed by the DLQ runbook's redrive converges: every order that was in the
DLQ is handed off exactly once, including those whose ERP write had committed before its answer was
lost, and its Salesforce status moves from Error to the ERP's state with the ERP number."""

from __future__ import annotations

from collections import Counter

from sferp_tools.local.order_handoff import RunFaults, run_order_handoff
from sferp_tools.synthetic.order_handoff import generate


def test_a_faulted_run_then_a_redrive_converges() -> None:
    # Given a run where the ERP times out (half the time after the write committed) or fails often
    # enough that orders exhaust their five receives and land in the DLQ with Error in Salesforce
    scenario = generate(40, seed=3, poison=2)
    faults = RunFaults.from_specs(["erp_timeout_rate=0.5", "erp_error_rate=0.3"])
    run = run_order_handoff(
        scenario.events, faults=faults, seed=5, prepare=lambda _e, org: scenario.seed_org(org), redrive=True
    )
    redrive = run.report["redrive"]
    assert redrive["dead_lettered_orders"] > 0 and redrive["error_before_redrive"] > 0
    # ... some of them already in the ERP: the write committed, the answer was lost
    assert redrive["committed_before_the_answer_was_lost"] > 0
    # When the faults are over and the DLQ is redriven (sferp ops' own redrive) / Then every one of
    # them converged: in the ERP exactly once, the Order showing the ERP's state and number
    assert redrive["moved"] >= redrive["dead_lettered_orders"]
    assert redrive["in_erp_exactly_once"] == redrive["dead_lettered_orders"]
    assert redrive["converged_after_redrive"] == redrive["dead_lettered_orders"]
    assert (
        redrive["not_converged"] == []
        and len(redrive["error_to_converged"]) == redrive["error_before_redrive"]
    )
    # And across the whole run no order exists twice in the ERP; only the poison events stay behind
    per_order = Counter(o["salesforce_order_id"] for o in run.report["erp"]["sales_orders"])
    assert per_order and max(per_order.values()) == 1
    poison_events = sum(
        1 for e in scenario.events if e["detail"]["payload"] in [p["payload"] for p in scenario.poison]
    )
    assert redrive["invalid_payloads_left"] == poison_events
    statuses = {
        w["id"]: w["fields"]["ERP_Sync_Status__c"]
        for w in run.report["salesforce"]["updates"]
        if "ERP_Sync_Status__c" in w["fields"]
    }  # the last write-back of each Order
    assert all(statuses[o] in ("Synced", "Cancelled") for o in per_order)
