"""The reconciliation state machine executed in moto's Step Functions interpreter, tasks run by
the real handler, against the embedded ERP and org with drift planted on both sides."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sferp_tools.local.reconciliation import NAMES, LocalReconcile, embedded_systems, plant_drift

from sferp.models.records import RecordUpdate
from sferp.settings import FlowMode

RUN = "2024-05-01"
NEXT_RUN = "2024-05-02"


@pytest.fixture
def systems() -> Iterator[tuple[Any, Any, Any]]:
    with embedded_systems() as (erp, org):
        yield erp, org, plant_drift(erp, org, accounts=20, products=6)


def _state(erp: Any, org: Any) -> dict[str, Any]:
    """What both systems hold, minus timestamps (a rerun must end in exactly this)."""
    customers = {
        c["customer_number"]: {k: v for k, v in c.items() if k != "changed_at"}
        for c in (
            row.model_dump(mode="json")
            for row in erp.customers_by_number([f"{1_000_000 + i:010d}" for i in range(40)])
        )
    }
    accounts = sorted(
        (
            r.get("ERP_Customer_Number__c") or "",
            r.get("Name"),
            r.get("Phone"),
            r.get("Credit_Limit__c"),
            r.get("IsDeleted"),
        )
        for r in org._records["Account"].values()
    )
    products = sorted(
        (r.get("ERP_SKU__c"), r.get("Name"), r.get("IsActive")) for r in org._records["Product2"].values()
    )
    return {"customers": customers, "accounts": accounts, "products": products}


def _writes(erp: Any, org: Any) -> tuple[int, int]:
    return len(org.writes), erp.calls["update_customers"]


def test_a_run_finds_every_planted_class_fixes_both_sides_and_reports(systems: tuple[Any, Any, Any]) -> None:
    # Given drift planted on both sides
    erp, org, planted = systems
    with LocalReconcile(erp=erp, org=org, partitions=3) as local:
        # When the state machine runs for a run date
        execution = local.start(RUN)
        report = local.report(RUN)
        html = local.html(RUN)
        review = local.review.items()
        watermark = local.ledger.watermark("accounts")
    # Then it ran in moto's interpreter, with the Distributed Map over the S3 partitions
    assert execution.status == "SUCCEEDED"
    assert "MapRunStarted" in execution.history and "MapRunSucceeded" in execution.history
    # And the report shows exactly the planted classes and the fixes per side
    assert report is not None
    for entity, counts in planted.counts.items():
        got = {k: v for k, v in report["entities"][entity]["counts"].items() if v}
        assert got == counts, entity
        assert report["entities"][entity]["fixes"]["salesforce"]["total"] == planted.salesforce_fixes.get(
            entity, 0
        )
        assert report["entities"][entity]["fixes"]["erp"]["total"] == planted.erp_fixes.get(entity, 0)
    assert report["run"]["totals"]["fixed"] == 8 and report["run"]["totals"]["failed"] == 0
    assert "<h1>Reconciliation report</h1>" in html
    # And the owner's values now stand on both sides
    state = _state(erp, org)
    assert all(c["phone"] != "+49 0" for c in state["customers"].values())
    assert ("0001000000", "Customer 000 GmbH", "+49 30 100000", "1000", False) in state["accounts"]
    # the renamed product has the ERP's name again, the missing one exists, keyed by the ERP SKU
    assert ("SKU-0000", "Widget 0", True) in state["products"]
    assert ("SKU-0005", "Widget 5", "true") in state["products"]
    # And what no rule settles is in the review queue with why
    reasons = {(i["pk"], i["reason"]) for i in review}
    assert ("accounts#0009999999", "only_in_salesforce") in reasons
    assert ("accounts#0001000005", "deleted_on_one_side") in reasons
    # And the watermark moved only at the end of the successful run
    assert watermark is not None
    # Salesforce traffic: one Bulk API 2.0 upsert job per object with fixes (6 calls each)
    applied = report["run"]["applied"]
    assert applied["accounts"]["salesforce"]["salesforce_api_calls"] == 6
    assert applied["products"]["salesforce"]["salesforce_api_calls"] == 6


def test_the_next_run_extracts_the_delta_and_fetches_counterparts(systems: tuple[Any, Any, Any]) -> None:
    # Given a successful first run
    erp, org, _ = systems
    with LocalReconcile(erp=erp, org=org, partitions=2) as local:
        assert local.start(RUN).status == "SUCCEEDED"
        # When only the ERP changes one customer's Salesforce-owned phone afterwards
        erp.update_customers([RecordUpdate(key="0001000010", fields={"phone": "+49 99"})])
        execution = local.start("2024-05-02")
        report = local.report("2024-05-02")
    # Then the next run sees the delta (not the full data set) and, with the Account fetched as
    # counterpart, resolves the ERP edit as drift of a Salesforce-owned field
    assert execution.status == "SUCCEEDED"
    assert report is not None and report["run"]["full_extract"] is False
    accounts = report["entities"]["accounts"]
    fixes = {r["key"]: r["fields"] for r in accounts["fixes"]["erp"]["records"]}
    assert fixes["0001000010"] == {"phone": "+49 30 100010"}
    # (the first run's own fixes changed records after its extract started: they are in this
    # delta too, in sync, and the Account it created sends its new Id back to the ERP)
    assert accounts["counts"]["field_conflict"] == 2 and accounts["fields_differing"] == {
        "phone": 1,
        "salesforce_id": 1,
    }


def test_the_same_run_date_cannot_start_twice(systems: tuple[Any, Any, Any]) -> None:
    erp, org, _ = systems
    with LocalReconcile(erp=erp, org=org, partitions=2) as local:
        # Given the run of a date started
        first = local.start(RUN)
        writes = _writes(erp, org)
        # When the scheduler delivers the same date again
        second = local.start(RUN)
        # Then no second execution starts, and a rerun under another name finds the run done
        rerun = local.start(RUN, name=f"reconcile-{RUN}-manual")
    assert first.status == "SUCCEEDED" and second.status == "ALREADY_EXISTS" and not second.started
    assert rerun.status == "SUCCEEDED" and "MapRunStarted" not in rerun.history
    assert _writes(erp, org) == writes


def test_shadow_mode_writes_nothing_to_either_system(systems: tuple[Any, Any, Any]) -> None:
    erp, org, planted = systems
    before = _state(erp, org)
    writes = _writes(erp, org)
    # Given shadow mode; when the run completes
    with LocalReconcile(erp=erp, org=org, mode=FlowMode.SHADOW, partitions=2) as local:
        execution = local.start(RUN)
        report = local.report(RUN)
    # Then the report counts what would be written and neither system changed
    assert execution.status == "SUCCEEDED"
    assert report is not None and report["mode"] == "shadow"
    assert report["run"]["applied"]["accounts"] == {"erp": None, "salesforce": None}
    assert (
        report["entities"]["accounts"]["fixes"]["salesforce"]["total"] == planted.salesforce_fixes["accounts"]
    )
    assert _state(erp, org) == before and _writes(erp, org) == writes


@pytest.fixture(scope="module")
def clean_state() -> tuple[dict[str, Any], tuple[int, int]]:
    with embedded_systems() as (erp, org):
        plant_drift(erp, org, accounts=20, products=6)
        before = _writes(erp, org)
        with LocalReconcile(erp=erp, org=org, partitions=2) as local:
            assert local.start(RUN).status == "SUCCEEDED"
        after = _writes(erp, org)
        return _state(erp, org), (after[0] - before[0], after[1] - before[1])


@pytest.mark.parametrize(
    ("task", "when"),
    [
        ("extract", "before"),
        ("extract", "after"),
        ("compare", "before"),
        ("resolve", "after"),
        ("apply", "before"),
        ("apply", "after"),
        ("report", "after"),
        ("advance_watermark", "before"),
    ],
)
def test_a_rerun_after_a_failure_at_any_step_applies_nothing_twice(
    systems: tuple[Any, Any, Any], clean_state: tuple[dict[str, Any], tuple[int, int]], task: str, when: str
) -> None:
    erp, org, _ = systems
    expected_state, expected_writes = clean_state
    before = _writes(erp, org)
    with LocalReconcile(erp=erp, org=org, partitions=2) as local:
        # Given a run whose step dies once
        local.fail_once(task, when=when)
        failed = local.start(RUN)
        status = local.ledger.get(RUN, "status")
        watermark_after_failure = local.ledger.watermark("accounts")
        # When ops rerun the same run date (a new execution name, the same run)
        rerun = local.start(RUN, name=f"reconcile-{RUN}-rerun")
    # Then the failed run was recorded, and the watermark did not move
    assert (failed.status == "FAILED" and "RecordFailure" in str(failed.history)) or failed.status == "FAILED"
    assert status is not None and status["status"] == "failed"
    assert watermark_after_failure is None
    # And the rerun ends in the same state as an undisturbed run, with every write made once
    assert rerun.status == "SUCCEEDED"
    after = _writes(erp, org)
    assert (after[0] - before[0], after[1] - before[1]) == expected_writes
    assert _state(erp, org) == expected_state


class _KilledAfterBulkWrite:
    """The org's bulk upsert lands, then the invocation dies before the ledger says "done"."""

    def __init__(self, org: Any) -> None:
        self.org = org
        self.armed = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self.org, name)

    def bulk_upsert(self, *args: Any, **kwargs: Any) -> Any:
        results = self.org.bulk_upsert(*args, **kwargs)
        if self.armed:
            self.armed = False
            raise RuntimeError("killed after the bulk job")
        return results


def test_a_run_killed_mid_apply_does_not_write_the_landed_fixes_again(
    systems: tuple[Any, Any, Any], clean_state: tuple[dict[str, Any], tuple[int, int]]
) -> None:
    erp, org, _ = systems
    expected_state, expected_writes = clean_state
    before = _writes(erp, org)
    killer = _KilledAfterBulkWrite(org)
    with LocalReconcile(erp=erp, org=killer, partitions=2) as local:
        # Given the accounts' Salesforce job landed and the task died before recording it
        assert local.start(RUN).status == "FAILED"
        assert local.ledger.get(RUN, "apply#accounts#salesforce")["status"] == "started"
        # When the run is rerun
        rerun = local.start(RUN, name=f"reconcile-{RUN}-rerun")
        summary = local.ledger.get(RUN, "apply#accounts#salesforce")["summary"]
    # Then the rerun checked the target first and wrote only what was not there yet
    assert rerun.status == "SUCCEEDED"
    assert summary["already_in_place"] == summary["fixes"] and summary["written"] == 0
    after = _writes(erp, org)
    assert (after[0] - before[0], after[1] - before[1]) == expected_writes
    assert _state(erp, org) == expected_state


def test_each_entity_has_its_own_watermark(systems: Any) -> None:
    # Given a successful run, after which one stream's watermark is reset (an entity added later,
    # or an operator forcing a full extract of that entity alone)
    erp, org, _ = systems
    with LocalReconcile(erp=erp, org=org, partitions=2) as local:
        assert local.start(RUN).status == "SUCCEEDED"
        first = {entity: local.ledger.watermark(entity) for entity in ("accounts", "orders", "products")}
        local.session.client("dynamodb").delete_item(
            TableName=NAMES["runs"], Key={"pk": {"S": "watermark"}, "sk": {"S": "products"}}
        )
        # When the next night runs
        assert local.start(NEXT_RUN).status == "SUCCEEDED"
        meta = local.artifacts.get_json(f"runs/{NEXT_RUN}/extract.json")
        after = {entity: local.ledger.watermark(entity) for entity in ("accounts", "orders", "products")}
    # Then every stream had a watermark after the first run
    assert all(first.values())
    # And the next run read accounts and orders incrementally, products in full
    assert meta["since"]["accounts"] is not None and meta["since"]["orders"] is not None
    assert meta["since"]["products"] is None and meta["full"] is False
    # And each watermark moved forward again on success
    assert all(after[e] is not None and after[e] >= first[e] for e in ("accounts", "orders"))  # type: ignore[operator]
    assert after["products"] is not None


def test_a_rerun_of_an_older_date_after_a_newer_success_writes_nothing(systems: Any) -> None:
    erp, org, _ = systems
    with LocalReconcile(erp=erp, org=org, partitions=2) as local:
        # Given the run of a date that failed before applying its fixes
        local.fail_once("apply", when="before")
        assert local.start(RUN).status == "FAILED"
        # And the next night's run, which succeeded (its fixes are the targets' values now)
        assert local.start(NEXT_RUN).status == "SUCCEEDED"
        writes = _writes(erp, org)
        # When ops rerun the older date (its extract is the older snapshot)
        stale = local.start(RUN, name=f"reconcile-{RUN}-rerun-1")
        status = local.ledger.get(RUN, "status")
        after_refusal = _writes(erp, org)
        # And, on purpose, once more with force
        forced = local.start(RUN, name=f"reconcile-{RUN}-rerun-2", force=True)
    # Then the rerun applied nothing and failed with the reason
    assert stale.status == "FAILED" and after_refusal == writes
    assert status is not None and status["error"] == "StaleRunError"
    assert "is older than run 2024-05-02" in status["cause"]
    # And with force it ran to the end
    assert forced.status == "SUCCEEDED"


def test_a_targeted_run_covers_its_entity_from_its_start_and_leaves_the_watermark(systems: Any) -> None:
    # Given a successful nightly run
    erp, org, _ = systems
    with LocalReconcile(erp=erp, org=org, partitions=2) as local:
        assert local.start(RUN).status == "SUCCEEDED"
        watermark = local.ledger.watermark("accounts")
        # When the customer flow asks for a targeted run after a change-event overflow
        since = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
        execution = local.start_targeted("accounts", since=since, reason="cdc-gap-overflow")
        again = local.start_targeted("accounts", since=since, reason="cdc-gap-overflow")
        meta = local.artifacts.get_json(f"runs/{execution.name}/extract.json")
        after = local.ledger.watermark("accounts")
    # Then it ran under its own id, for accounts only, from the overflow (minus the lookback)
    assert execution.status == "SUCCEEDED" and execution.name != RUN
    assert meta is not None and list(meta["entities"]) == ["accounts"] and meta["targeted"] is True
    assert meta["since"]["accounts"] <= since.isoformat()
    # And the nightly watermark did not move; a second trigger for the same overflow started nothing
    assert after == watermark
    assert again.started is False


def test_a_targeted_run_with_an_unknown_entity_fails_with_the_reason(systems: Any) -> None:
    from sferp.reconciliation.tasks import InvalidRunInputError, run_id_of

    with pytest.raises(InvalidRunInputError, match="run_id"):
        run_id_of({"run_date": RUN, "run_id": "../../etc"})
    erp, org, _ = systems
    with LocalReconcile(erp=erp, org=org, partitions=2) as local:
        sfn = local.session.client("stepfunctions")
        arn = sfn.start_execution(
            stateMachineArn=local.state_machine_arn,
            name="targeted-bad",
            input=json.dumps({"run_date": RUN, "run_id": f"{RUN}-x", "entities": ["invoices"]}),
        )["executionArn"]
        execution = local._wait("targeted-bad", arn, 60.0)
    assert execution.status == "FAILED"


def test_the_coupling_store_is_the_accounts_key_map_and_uncoupled_records_are_reported(systems: Any) -> None:
    from sferp_tools.fakes import InMemoryCouplingStore

    from sferp.ports.coupling import CouplingHow
    from sferp.reconciliation import app

    erp, org, _ = systems
    live = [
        r for r in org._records["Account"].values() if not r["IsDeleted"] and r.get("ERP_Customer_Number__c")
    ]
    # Given an Account whose ERP customer number write-back never landed, coupled in the store,
    # and a second one coupled there too
    lost, kept = live[0], live[1]
    number = lost["ERP_Customer_Number__c"]
    lost["ERP_Customer_Number__c"] = None
    store = InMemoryCouplingStore()
    store.couple(lost["Id"], number, by="customer_sync", how=CouplingHow.CREATED)
    store.couple(kept["Id"], kept["ERP_Customer_Number__c"], by="customer_sync", how=CouplingHow.FOUND)
    with LocalReconcile(erp=erp, org=org, partitions=2) as local:
        app.get_context().coupling = store
        assert local.start(RUN).status == "SUCCEEDED"
        meta = local.artifacts.get_json(f"runs/{RUN}/extract.json")
        report = local.report(RUN)
    coupling = meta["entities"]["accounts"]["coupling"]
    # Then the Account is compared under its coupled number instead of counted as unlinked
    assert coupling["keys_filled"] == 1 and coupling["keys_mismatched"] == []
    # And the records the store does not couple are counted on both sides, in the report too
    assert coupling["uncoupled_salesforce"] == len(live) - 2
    assert coupling["uncoupled_erp"] > 0
    assert report is not None and report["inputs"]["accounts"]["coupling"] == coupling


def test_the_apply_pauses_near_the_api_limit_and_resumes_by_itself(
    systems: tuple[Any, Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given an org at 85 % of its daily API limit (the guard pauses at 80 %)
    from sferp.reconciliation import tasks

    erp, org, _planted = systems
    org.set_api_used(85_000, total=100_000)
    guard = tasks._pause_near_the_api_limit
    pauses: list[int] = []

    def pause_then_the_window_moves_on(ctx: Any, spec: Any, keys: Any) -> None:
        try:
            guard(ctx, spec, keys)
        except tasks.ApiQuotaPausedError:
            # What Salesforce held when the apply paused; then the 24-hour window moves on
            pauses.append(len([w for w in org.writes if w.object in ("Account", "Product2")]))
            org.set_api_used(0)
            raise

    monkeypatch.setattr(tasks, "_pause_near_the_api_limit", pause_then_the_window_moves_on)
    with LocalReconcile(erp=erp, org=org, partitions=3) as local:
        # When the run reaches its apply
        execution = local.start(RUN)
        report = local.report(RUN)
    # Then the apply paused once with nothing written to Salesforce, Step Functions retried it,
    # and the retry wrote the fixes (the ERP side, applied before the pause, was not applied twice)
    assert pauses == [0]
    assert execution.status == "SUCCEEDED"
    assert local.invocations.count("apply") == 2
    assert report is not None and report["run"]["totals"]["fixed"] == 8
    assert report["run"]["totals"]["failed"] == 0
