"""``sferp local run`` end to end: EventBridge -> pipe -> SQS FIFO -> handler -> ERP -> write-back."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from sferp_tools.cli import main
from sferp_tools.local.order_handoff import RunFaults, run_order_handoff
from sferp_tools.synthetic.order_handoff import generate

from sferp.order_handoff import names as handoff_names

pytestmark = pytest.mark.e2e


def test_a_thousand_events_with_every_fault_at_once() -> None:
    # Given >= 1,000 events: 30 % duplicates, reordered updates, cancels and poison events
    scenario = generate(560, seed=2026, duplicate_rate=0.3, reorder_rate=0.4, poison=6)
    assert len(scenario.events) >= 1000
    # When they run through the local stack with all four faults at once
    faults = RunFaults.from_specs(
        [
            "erp_error_rate=0.2",
            "erp_timeout_rate=0.05",
            "handler_crash_rate=0.05",
            "salesforce_error_rate=0.1",
        ]
    )
    run = run_order_handoff(
        scenario.events, faults=faults, seed=5, prepare=lambda _e, org: scenario.seed_org(org)
    )
    report = run.report
    # Then the faults really happened
    assert report["counts"]["handler_crashes"] > 0
    assert report["metrics"][handoff_names.METRIC_RETRIABLE_FAILURES]["sum"] > 0

    erp_by_ref = defaultdict(list)
    for order in report["erp"]["sales_orders"]:
        erp_by_ref[order["salesforce_order_id"]].append(order)
    dead = defaultdict(list)
    for entry in report["dead_letters"]:
        assert entry["reason"], "every dead letter carries its reason"
        dead[entry["salesforce_order_id"]].append(entry)
    last_write = {}
    for update in report["salesforce"]["updates"]:
        last_write[update["id"]] = update["fields"]

    # No order reached the ERP twice
    assert all(len(orders) == 1 for orders in erp_by_ref.values())
    for order_id, planned in scenario.orders.items():
        final = planned.final
        in_erp = erp_by_ref.get(order_id, [None])[0]
        if order_id in dead:
            # In the DLQ with a reason; Salesforce never claims a sync that did not happen
            fields = last_write.get(order_id, {})
            if in_erp is not None and fields.get(handoff_names.SF_FIELD_SYNC_STATUS) == "Synced":
                assert fields[handoff_names.SF_FIELD_ERP_ORDER_NUMBER] == in_erp["erp_order_id"]
            continue
        # Every other order is in the ERP exactly once, at its newest version, and Salesforce agrees
        fields = last_write[order_id]
        if final["Action__c"] == "CANCEL":
            assert fields[handoff_names.SF_FIELD_SYNC_STATUS] == "Cancelled"
            if in_erp is not None:
                assert in_erp["status"] == "CANCELLED"
            continue
        assert in_erp is not None, f"{order_id} is neither in the ERP nor in the DLQ"
        assert in_erp["source_version"] == final["Order_Version__c"]
        assert in_erp["status"] == "OPEN"
        assert fields[handoff_names.SF_FIELD_SYNC_STATUS] == "Synced"
        assert fields[handoff_names.SF_FIELD_ERP_ORDER_NUMBER] == in_erp["erp_order_id"]
        assert f"version {final['Order_Version__c']}" in fields[handoff_names.SF_FIELD_SYNC_MESSAGE]

    # Every poison event is dead-lettered with its reason
    for poison in scenario.poison:
        if poison["order_id"]:
            assert any(e["stage"] == "handler" for e in dead[poison["order_id"]])
        else:
            assert any("message group id path" in e["reason"] for e in dead[None])
    # Most orders made it despite the faults (the DLQ is the exception, not the rule)
    assert len(erp_by_ref) >= 0.9 * len(scenario.orders)
    # And the counts are exact: every event in is handed off, cancelled, a duplicate, stale,
    # dead-lettered or not matched by the rule — none is unaccounted for
    assert report["balance"] == {
        "events_in": len(scenario.events),
        "accounted": len(scenario.events),
        "unaccounted": 0,
    }


def test_without_faults_nothing_but_poison_is_dead_lettered() -> None:
    scenario = generate(60, seed=3, poison=4)
    report = run_order_handoff(scenario.events, prepare=lambda _e, org: scenario.seed_org(org)).report
    assert report["counts"]["dead_lettered"] == sum(
        1 for e in scenario.events if e["detail"]["payload"] in [p["payload"] for p in scenario.poison]
    )
    assert report["counts"]["erp_sales_orders"] == len(scenario.orders)
    # One collections call per batch: far below one API call per order
    handed = report["counts"]["handed_off"] + report["counts"]["cancelled"]
    assert report["counts"]["salesforce_api_calls"] < handed


def test_cli_run_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = tmp_path / "events.jsonl"
    scenario = generate(12, seed=9, poison=2)
    scenario.write_jsonl(str(events))
    # A JSON line that is not an event at all is rejected with its reason, not a crash
    with events.open("a") as handle:
        handle.write(json.dumps({"hello": "world"}) + "\n")
    report_path = tmp_path / "out" / "report.json"
    code = main(
        [
            "local",
            "order_handoff",
            "run",
            "--events",
            str(events),
            "--report",
            str(report_path),
            "--seed",
            "1",
            "--fault",
            "erp_error_rate=0.2",
            "--log-file",
            str(tmp_path / "log.jsonl"),
        ]
    )
    assert code == 0
    report = json.loads(report_path.read_text())
    for key in ("events_in", "handed_off", "duplicates_ignored", "stale_ignored", "dead_lettered"):
        assert key in report["counts"]
    assert report["counts"]["events_in"] == len(scenario.events) + 1
    assert any("rejected at the event bus" in d["reason"] for d in report["dead_letters"])
    order = report["erp"]["sales_orders"][0]
    assert {"erp_order_id", "salesforce_order_id", "status", "currency", "lines"} <= set(order)
    assert {"sku", "quantity", "unit_price", "rejected"} == set(order["lines"][0])
    assert {"object", "id", "fields"} == set(report["salesforce"]["updates"][0])
    assert "handed off" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "fault", "message"),
    [
        ("{not json\n", None, "not a JSON line"),
        ("", None, "no events"),
        ("[" * 100_000 + "]" * 100_000 + "\n", None, "nests deeper"),
        ('{"a": 1}\n', "erp_eror_rate=0.1", "unknown fault"),
        ('{"a": 1}\n', "handler_crash_rate=2", "between 0 and 1"),
    ],
)
def test_cli_rejects_bad_input_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, fault: str | None, message: str
) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text(content)
    args = ["local", "order_handoff", "run", "--events", str(events), "--report", str(tmp_path / "r.json")]
    if fault:
        args += ["--fault", fault]
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "r.json").exists()


def test_cli_counts_odd_events_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given a stream with events no Event Relay sends: detail null, detail a string, a detail-type
    # no rule matches, an Id with a trailing newline, an event over EventBridge's size limit
    scenario = generate(6, seed=4, poison=0)
    base = scenario.events[0]
    payload = base["detail"]["payload"]
    odd = [
        {**base, "detail": None},
        {**base, "detail": "a string"},
        {**base, "detail-type": "Something_Else__e"},
        {
            **base,
            "detail": {
                **base["detail"],
                "payload": {**payload, "Order_Id__c": payload["Order_Id__c"] + "\n"},
            },
        },
        {**base, "detail": {**base["detail"], "payload": {**payload, "Order_Number__c": "x" * 300_000}}},
    ]
    events = tmp_path / "events.jsonl"
    events.write_text("".join(json.dumps(e) + "\n" for e in [*scenario.events, *odd]))
    report_path = tmp_path / "report.json"
    # When the run reads it
    code = main(["local", "order_handoff", "run", "--events", str(events), "--report", str(report_path)])
    # Then it finishes, every odd event is counted where it went, and nothing is unaccounted for
    assert code == 0
    report = json.loads(report_path.read_text())
    assert report["counts"]["not_matched_by_rule"] == 1
    reasons = [d["reason"] for d in report["dead_letters"]]
    assert sum("missing 'detail' object" in r for r in reasons) == 2
    assert any("byte entry limit" in r for r in reasons)
    assert any("not a Salesforce id" in r for r in reasons)
    assert report["balance"]["unaccounted"] == 0


def test_generated_stream_has_what_it_promises() -> None:
    scenario = generate(100, seed=1, duplicate_rate=0.3)
    payloads = Counter(json.dumps(e["detail"]["payload"], sort_keys=True) for e in scenario.events)
    assert sum(n - 1 for n in payloads.values()) == scenario.duplicates
    assert scenario.reordered > 0


def test_the_readme_example_hands_off_every_valid_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given the README's two commands (generate, then run without faults), as a user types them
    events, report_path = tmp_path / "events.jsonl", tmp_path / "report.json"
    assert main(["local", "order_handoff", "generate", "--orders", "80", "--out", str(events)]) == 0
    assert (tmp_path / "events.org.json").is_file()  # the org's Orders and OrderItems, beside the events
    assert main(["local", "order_handoff", "run", "--events", str(events), "--report", str(report_path)]) == 0
    report = json.loads(report_path.read_text())
    # Then every order of the stream is in the ERP once (events without Lines__c read the OrderItems)
    planned = {
        json.loads(line)["detail"]["payload"].get("Order_Id__c") for line in events.read_text().splitlines()
    }
    in_erp = [o["salesforce_order_id"] for o in report["erp"]["sales_orders"]]
    assert len(in_erp) == len(set(in_erp)) == report["counts"]["erp_sales_orders"]
    assert not [d for d in report["dead_letters"] if "no lines" in d["reason"]]
    # And only the generator's poison events are dead-lettered, each with its reason
    assert len(report["dead_letters"]) <= 6 and all(d["reason"] for d in report["dead_letters"])
    assert len(in_erp) >= len(planned) - 6
    assert report["balance"]["unaccounted"] == 0


def test_write_backs_through_the_write_queue_converge_under_faults_in_fewer_calls() -> None:
    # Given 300 orders with duplicates and reordering, and ERP and Salesforce faults
    scenario = generate(300, seed=77, duplicate_rate=0.3, reorder_rate=0.4, poison=0)
    faults = RunFaults.from_specs(["erp_error_rate=0.1", "salesforce_error_rate=0.1"])

    def run(write_queue: bool) -> dict:
        return run_order_handoff(
            scenario.events,
            faults=faults,
            seed=11,
            prepare=lambda _e, org: scenario.seed_org(org),
            write_queue=write_queue,
        ).report

    # When the write-backs go through the shared write queue and its writer function
    queued, direct = run(True), run(False)
    # Then the writer function ran, and every order not dead-lettered shows its ERP number
    assert queued["write_queue"]["writer_invocations"] > 0
    refused = {line.split()[1].rstrip(":") for line in queued["write_queue"]["rejections"]}
    dead = {entry["salesforce_order_id"] for entry in queued["dead_letters"]} | refused
    erp_by_ref = {o["salesforce_order_id"]: o for o in queued["erp"]["sales_orders"]}
    last_write = {u["id"]: u["fields"] for u in queued["salesforce"]["updates"]}
    converged = 0
    for order_id, planned in scenario.orders.items():
        if order_id in dead or planned.final["Action__c"] == "CANCEL":
            continue
        fields = last_write[order_id]
        assert fields[handoff_names.SF_FIELD_SYNC_STATUS] == "Synced"
        assert fields[handoff_names.SF_FIELD_ERP_ORDER_NUMBER] == erp_by_ref[order_id]["erp_order_id"]
        converged += 1
    assert converged > 200
    # And no ERP order twice, and fewer Salesforce calls than writing each Lambda batch itself
    assert len(erp_by_ref) == len(queued["erp"]["sales_orders"])
    assert queued["counts"]["salesforce_api_calls"] < direct["counts"]["salesforce_api_calls"]
