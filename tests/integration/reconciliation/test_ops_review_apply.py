"""``sferp ops reconciliation review resolve`` applying a decision and ``review retry-all`` writing
refused fixes again, end to end: the review items come from a real run of the state machine in
moto against the embedded ERP and org, and the CLI's Lambda call reaches the real task handler
in-process (moto cannot run a Lambda without Docker; everything else is moto or embedded)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from sferp_tools.local.lambda_context import LocalLambdaContext
from sferp_tools.local.reconciliation import LocalReconcile, embedded_systems, plant_drift
from sferp_tools.ops import cli as ops_cli

from sferp.models.records import RecordResult
from sferp.reconciliation.compare import RecordClass, ReviewItem
from sferp.reconciliation.rules import Reason
from sferp.settings import FlowMode

RUN = "2024-05-01"


class _RefusingOrg:
    """The org with a validation rule that refuses Account writes to chosen customers."""

    def __init__(self, org: Any) -> None:
        self.org = org
        self.refused: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.org, name)

    def bulk_upsert(self, sobject: str, key_field: str, records: list[dict[str, Any]]) -> list[RecordResult]:
        allowed = [r for r in records if str(r.get(key_field)) not in self.refused or sobject != "Account"]
        results = self.org.bulk_upsert(sobject, key_field, allowed) if allowed else []
        return results + [
            RecordResult(
                key=str(r[key_field]), ok=False, error="FIELD_CUSTOM_VALIDATION_EXCEPTION: credit locked"
            )
            for r in records
            if r not in allowed
        ]


class _TaskFunction:
    """``lambda.invoke`` of the reconciliation task function, answered by its real handler as
    Lambda answers: a raised error comes back as FunctionError with errorType and errorMessage."""

    def __init__(self, local: LocalReconcile) -> None:
        self.local = local
        self.payloads: list[dict[str, Any]] = []

    def invoke(self, *, FunctionName: str, InvocationType: str, Payload: bytes) -> dict[str, Any]:
        assert FunctionName == "sferp-local-reconcile-task" and InvocationType == "RequestResponse"
        event = json.loads(Payload)
        self.payloads.append(event)
        try:
            body: Any = self.local.module.lambda_handler(
                event, LocalLambdaContext(function_name=FunctionName)
            )
        except Exception as exc:
            return {
                "FunctionError": "Unhandled",
                "Payload": io.BytesIO(
                    json.dumps({"errorType": type(exc).__name__, "errorMessage": str(exc)}).encode()
                ),
            }
        return {"Payload": io.BytesIO(json.dumps(body, default=str).encode())}


@pytest.fixture
def reconciled(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[LocalReconcile, Any, Any, _RefusingOrg, _TaskFunction]]:
    """A run whose Salesforce credit-limit fixes are refused for two customers (review items with
    reason fix_rejected_by_target), and the CLI's clients on the same moto account."""
    with embedded_systems() as (erp, org):
        plant_drift(erp, org, accounts=20, products=4)
        refusing = _RefusingOrg(org)
        refusing.refused = {f"{1_000_000 + n:010d}" for n in range(20)}
        with LocalReconcile(erp=erp, org=refusing, partitions=2) as local:
            assert local.start(RUN).status == "SUCCEEDED"
            function = _TaskFunction(local)
            session = local.session

            def clients(_args: Any, service: str) -> Any:
                return function if service == "lambda" else session.client(service)

            monkeypatch.setattr(ops_cli, "_clients", clients)
            yield local, erp, org, refusing, function


def _park(
    local: LocalReconcile, entity: str, key: str, field: str, salesforce: str, erp: str, **run: str
) -> str:
    """A field conflict in the review table, written by the workflow's own review writer."""
    local.review.put_many(
        entity,
        [
            ReviewItem(
                key,
                RecordClass.FIELD_CONFLICT,
                Reason.BOTH_CHANGED_SINCE_LAST_RUN,
                field=field,
                salesforce_value=salesforce,
                erp_value=erp,
            )
        ],
        run_id=run.get("run_id", RUN),
        mode=run.get("mode", "live"),
    )
    return f"{entity}#{key}#{field}"


def _open_items(run_cli: Any) -> list[dict[str, Any]]:
    code, out, _ = run_cli("ops", "reconciliation", "review", "list", "--env", "local", "--json")
    assert code == 0
    return json.loads(out)


def test_retry_all_writes_the_refused_fixes_once_the_cause_is_gone_and_closes_them(
    reconciled, run_cli
) -> None:  # type: ignore[no-untyped-def]
    local, _, org, refusing, function = reconciled
    refused = [i for i in _open_items(run_cli) if i["reason"] == "fix_rejected_by_target"]
    assert refused, "the run refused no fix"
    keys = {i["key"] for i in refused}
    # Given the validation rule still in place: retry-all tries, the items stay open with the answer
    code, out, err = run_cli("ops", "reconciliation", "review", "retry-all", "--env", "local")
    assert code == 1, err
    assert "still refused (open)" in out and "credit locked" in out
    # When the rule is lifted and retry-all runs again
    refusing.refused = set()
    code, out, _ = run_cli("ops", "reconciliation", "review", "retry-all", "--env", "local", "--json")
    # Then every refused fix is written and its item resolved by the caller with a "retry" decision
    answer = json.loads(out)
    assert code == 0 and sorted(answer["resolved"]) == sorted(i["id"] for i in refused)
    assert not any(i["reason"] == "fix_rejected_by_target" for i in _open_items(run_cli))
    by_number = {r.get("ERP_Customer_Number__c"): r for r in org._records["Account"].values()}
    customers = {c.customer_number: c for c in local.erp.customers_by_number(sorted(keys))}
    for key in keys:
        assert str(by_number[key]["Credit_Limit__c"]) == str(customers[key].credit_limit)
    assert function.payloads[-1]["task"] == "retry_fixes"


def test_resolve_applies_the_chosen_value_to_the_other_side_and_records_what_it_wrote(
    reconciled, run_cli
) -> None:  # type: ignore[no-untyped-def]
    local, erp, _, refusing, _ = reconciled
    refusing.refused = set()
    # Given a field conflict the run parked (the workflow's own review writer)
    number = "0001000003"
    _park(local, "accounts", number, "phone", "+49 30 555", "+49 30 100003")
    item = f"accounts#{number}#phone"
    # When the operator takes Salesforce's value
    code, out, err = run_cli(
        "ops",
        "reconciliation",
        "review",
        "resolve",
        item,
        "--env",
        "local",
        "--take",
        "salesforce",
        "--note",
        "sales confirmed",
    )
    # Then the ERP customer has it, and the decision records what was written
    assert code == 0, err
    assert "Written: erp phone: ok" in out
    [customer] = erp.customers_by_number([number])
    assert customer.phone == "+49 30 555"
    code, shown, _ = run_cli("ops", "reconciliation", "review", "show", item, "--env", "local", "--json")
    record = json.loads(shown)
    assert record["status"] == "resolved" and record["resolution"]["applied"] == "erp phone: ok"


def test_resolve_refuses_in_shadow_mode_and_writes_and_records_nothing(reconciled, run_cli) -> None:  # type: ignore[no-untyped-def]
    local, erp, _, _, _ = reconciled
    number = "0001000004"
    _park(local, "accounts", number, "phone", "+49 1", "+49 2")
    local.set_mode(FlowMode.SHADOW)
    [before] = erp.customers_by_number([number])
    code, out, err = run_cli(
        "ops",
        "reconciliation",
        "review",
        "resolve",
        f"accounts#{number}#phone",
        "--env",
        "local",
        "--take",
        "salesforce",
        "--note",
        "x",
    )
    assert code == 2 and out == ""
    assert "NotLiveError" in err and "in shadow mode" in err and "nothing recorded" not in err
    [after] = erp.customers_by_number([number])
    assert after.phone == before.phone
    status = [i["status"] for i in _open_items(run_cli) if i["id"] == f"accounts#{number}#phone"]
    assert status == ["open"]
    code, _, err = run_cli("ops", "reconciliation", "review", "retry-all", "--env", "local")
    assert code == 2 and "in shadow mode" in err


def test_resolve_refuses_what_it_cannot_apply_with_the_reason(reconciled, run_cli) -> None:  # type: ignore[no-untyped-def]
    local, _, _, _, function = reconciled
    _park(local, "products", "SKU-9", "name", "A", "B")
    _park(local, "accounts", "0001000005", "country", "DE", "DE", run_id="2024-04-30", mode="shadow")
    cases = [
        ("products#SKU-9#name", ["--take", "salesforce"], "sferp never writes products to the ERP"),
        ("accounts#0001000005#country", ["--take", "erp"], "was found by a shadow run"),
        ("accounts#0001000003#phone", ["--take", "value", "--value", "x"], "not found"),
    ]
    for item, argv, expected in cases:
        code, _, err = run_cli(
            "ops", "reconciliation", "review", "resolve", item, "--env", "local", *argv, "--note", "n"
        )
        assert code == 2 and expected in err, (item, err)
    assert all(
        p["task"] != "apply_decision" or p["decision"]["entity"] == "products" for p in function.payloads
    )
