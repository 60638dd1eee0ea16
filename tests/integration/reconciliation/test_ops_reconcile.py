"""``sferp ops reconciliation status|rerun|report`` against the real state machine run in moto
(``LocalReconcile``: the deployed definition, the real handler, the embedded ERP and org)."""

from __future__ import annotations

import contextlib
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError
from sferp_tools import cli
from sferp_tools.local.reconciliation import NAMES, LocalReconcile, embedded_systems, plant_drift
from sferp_tools.ops import cli as ops_cli
from sferp_tools.ops.reconciliation import RunExecution, next_execution_name

from sferp.reconciliation import names as reconcile_names
from sferp.reconciliation.extract import WORKFLOW_ENTITIES

ENV = "local"  # LocalReconcile's tables and state machine are sferp-local-...
RUN = "2024-05-01"
AWS = ["--env", ENV, "--region", "us-east-1"]
BUCKET = ["--bucket", NAMES["bucket"]]


@pytest.fixture
def local() -> Iterator[LocalReconcile]:
    with embedded_systems() as (erp, org):
        plant_drift(erp, org, accounts=12, products=4)
        with LocalReconcile(erp=erp, org=org, partitions=2) as stack:
            yield stack


def run_cli(*argv: str) -> tuple[int, str, str]:
    """``sferp ...`` in-process. LocalReconcile sends stdout to its log stream, so this captures
    the command's own output around it."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _status(*argv: str) -> dict[str, Any]:
    code, out, err = run_cli("ops", "reconciliation", "status", *AWS, *BUCKET, "--json", *argv)
    assert code == 0, err
    return dict(json.loads(out))


def _wait(local: LocalReconcile, name: str) -> str:
    sfn = local.session.client("stepfunctions")
    arn = f"{local.state_machine_arn.replace(':stateMachine:', ':execution:')}:{name}"
    deadline = time.monotonic() + 60
    while (status := sfn.describe_execution(executionArn=arn)["status"]) == "RUNNING":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return str(status)


class _Proxy:
    def __init__(self, inner: Any, **overrides: Any) -> None:
        self._inner = inner
        self._overrides = overrides

    def __getattr__(self, name: str) -> Any:
        return self._overrides.get(name) or getattr(self._inner, name)


# --- status --------------------------------------------------------------------------------------
def test_status_of_a_succeeded_run_shows_every_step_the_report_and_the_watermark(
    local: LocalReconcile,
) -> None:
    # Given a run that succeeded
    assert local.start(RUN).status == "SUCCEEDED"

    # When its status is asked for (without a run date: the latest)
    status = _status()

    # Then the execution, every step, the report and the watermark are there
    assert status["run_date"] == RUN
    assert [(e["name"], e["status"]) for e in status["executions"]] == [(f"reconcile-{RUN}", "SUCCEEDED")]
    assert status["status"]["status"] == "succeeded"
    steps = status["steps"]
    assert steps["extract"]["full"] is True
    assert steps["compare"]["done"] == steps["compare"]["of"] == steps["extract"]["partitions"]
    assert steps["resolve"] == sorted(WORKFLOW_ENTITIES)
    assert steps["apply"]["accounts/erp"] == {
        "status": "done",
        "applied": 2,
        "failed": 0,
        "already_in_place": 0,
    }
    assert steps["report"]["json"] == f"s3://{NAMES['bucket']}/reports/{RUN}/report.json"
    assert steps["report"]["totals"]["fixed"] == 8
    assert {w["run_id"] for w in status["watermarks"].values()} == {RUN} and status[
        "metrics_published"
    ] is True


def test_status_text_of_a_failed_run_names_the_error(local: LocalReconcile) -> None:
    # Given a run killed in its apply step
    local.fail_once("apply")
    assert local.start(RUN).status == "FAILED"

    # When its status is printed
    code, out, _ = run_cli("ops", "reconciliation", "status", *AWS, *BUCKET, "--run-date", RUN)

    # Then the failure, the steps done before it and the unmoved watermark are shown
    assert code == 0
    assert "run        failed at" in out and "SimulatedTaskCrash" in out
    assert "resolve    done" in out and "report     not written" in out
    assert "watermarks not set" in out


# --- rerun ---------------------------------------------------------------------------------------
def test_rerun_after_a_failure_uses_the_rerun_name_and_finishes_the_run(local: LocalReconcile) -> None:
    # Given a run killed after its apply wrote (the ledger says "started", the writes happened)
    local.fail_once("apply", when="after")
    assert local.start(RUN).status == "FAILED"
    writes_after_failure = len(local.org.writes), local.erp.calls["update_customers"]

    # When the run date is rerun
    code, out, err = run_cli("ops", "reconciliation", "rerun", *AWS, "--run-date", RUN)

    # Then a second execution with the rerun suffix runs the date to success
    assert code == 0, err
    assert f"execution  reconcile-{RUN}-rerun-1" in out and "Safe to rerun" in out
    assert _wait(local, f"reconcile-{RUN}-rerun-1") == "SUCCEEDED"
    status = _status("--run-date", RUN)
    assert status["status"]["status"] == "succeeded"
    assert [e["name"] for e in status["executions"]] == [f"reconcile-{RUN}-rerun-1", f"reconcile-{RUN}"]
    # And nothing was written twice: the rerun found the apply step done in the ledger
    assert (len(local.org.writes), local.erp.calls["update_customers"]) == writes_after_failure
    assert status["steps"]["apply"]["accounts/erp"] == {
        "status": "done",
        "applied": 2,
        "failed": 0,
        "already_in_place": 0,
    }

    # And a further rerun of the succeeded date is refused
    code, out, err = run_cli("ops", "reconciliation", "rerun", *AWS, "--run-date", RUN)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and f"run {RUN} already succeeded" in err


def test_rerun_of_a_date_that_never_started_takes_the_scheduler_name(local: LocalReconcile) -> None:
    # Given no execution for the date; When a dry run, then a real one
    dry_code, dry_out, _ = run_cli(
        "ops", "reconciliation", "rerun", *AWS, "--run-date", RUN, "--full", "--dry-run"
    )
    listed_after_dry_run = local.session.client("stepfunctions").list_executions(
        stateMachineArn=local.state_machine_arn
    )["executions"]
    code, out, _ = run_cli("ops", "reconciliation", "rerun", *AWS, "--run-date", RUN, "--full")

    # Then the dry run starts nothing, and the start uses reconcile-<date> with the full flag
    assert dry_code == 0 and "Dry run: nothing started." in dry_out and listed_after_dry_run == []
    assert code == 0 and f"execution  reconcile-{RUN}\n" in out
    assert '{"run_date": "2024-05-01", "full": true}' in out
    assert _wait(local, f"reconcile-{RUN}") == "SUCCEEDED"


def test_rerun_names_count_up_from_the_highest_attempt() -> None:
    # Given executions of the date with attempts 0, 1 and 3, and another date's attempt 7
    def execution(run_date: str, attempt: int) -> RunExecution:
        return RunExecution("n", "a", "FAILED", run_date, attempt, "t", None)

    executions = [execution(RUN, 0), execution(RUN, 3), execution(RUN, 1), execution("2024-05-02", 7)]

    # Then the next name follows the highest attempt of that date only
    assert next_execution_name(RUN, executions) == f"reconcile-{RUN}-rerun-4"
    assert next_execution_name("2024-05-03", executions) == "reconcile-2024-05-03"


def test_rerun_is_refused_while_an_execution_of_the_date_runs(
    local: LocalReconcile, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given Step Functions lists a RUNNING execution of the date
    sfn = local.session.client("stepfunctions")
    running = {
        "executions": [
            {
                "name": f"reconcile-{RUN}",
                "executionArn": "arn:aws:states:us-east-1:123456789012:execution:m:x",
                "status": "RUNNING",
                "startDate": "2024-05-01T02:00:00+00:00",
            }
        ]
    }
    pager = _Proxy(object(), paginate=lambda **_kwargs: [running])
    proxy = _Proxy(sfn, get_paginator=lambda op: pager if op == "list_executions" else sfn.get_paginator(op))
    real = ops_cli._clients
    monkeypatch.setattr(
        ops_cli, "_clients", lambda args, svc: proxy if svc == "stepfunctions" else real(args, svc)
    )

    # When a rerun is asked for
    code, _, err = run_cli("ops", "reconciliation", "rerun", *AWS, "--run-date", RUN)

    # Then it is refused, naming the running execution
    assert code == 2 and f"execution reconcile-{RUN} of run {RUN} is still RUNNING" in err


# --- report --------------------------------------------------------------------------------------
def test_report_prints_where_it_is_and_downloads_the_html(local: LocalReconcile, tmp_path: Path) -> None:
    # Given a finished run
    local.start(RUN)
    target = tmp_path / "report.html"

    # When the report is asked for with --html
    code, out, _ = run_cli(
        "ops", "reconciliation", "report", *AWS, *BUCKET, "--run-date", RUN, "--html", "--out", str(target)
    )

    # Then it names both S3 objects, the totals, and the downloaded file holds the HTML report
    assert code == 0
    assert f"s3://{NAMES['bucket']}/reports/{RUN}/report.json" in out
    assert "8 fixed" in out and f"Downloaded the HTML report to {target}" in out
    assert "<h1>Reconciliation report</h1>" in target.read_text(encoding="utf-8")


def test_report_bucket_comes_from_the_task_function_when_not_named(local: LocalReconcile) -> None:
    # Given a finished run and the deployed task function that names the bucket
    local.start(RUN)
    iam = local.session.client("iam")
    role = iam.create_role(RoleName="task", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    local.session.client("lambda").create_function(
        FunctionName=f"sferp-{ENV}-reconcile-task",
        Runtime="python3.13",
        Role=role,
        Handler="handler.lambda_handler",
        Code={"ZipFile": b"PK\x05\x06" + b"\x00" * 18},
        Environment={"Variables": {reconcile_names.ENV_RECONCILE_BUCKET: NAMES["bucket"]}},
    )

    # When the report is asked for without --bucket
    code, out, _ = run_cli("ops", "reconciliation", "report", *AWS, "--run-date", RUN, "--json")

    # Then it was read from that bucket
    assert code == 0 and json.loads(out)["run"]["run_id"] == RUN


# --- errors --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["report", *BUCKET, "--run-date", RUN], f"no report for run {RUN} in s3://{NAMES['bucket']}"),
        (
            ["report", "--run-date", RUN],
            f"function sferp-{ENV}-reconcile-task (it names the reconciliation bucket",
        ),
        (["report", *BUCKET, "--run-date", "yesterday"], "--run-date: 'yesterday' is not a date"),
        (["status", *BUCKET, "--state-machine", "nope"], "state machine nope not found"),
        (["status", *BUCKET], "no reconciliation execution found: pass --run-date"),
        (["rerun", "--run-date", RUN, "--state-machine", "nope"], "state machine nope not found"),
    ],
)
def test_not_found_is_one_line_and_exit_2(local: LocalReconcile, argv: list[str], expected: str) -> None:
    # Given a stack where nothing has run yet
    # When a command looks for something that is not there
    code, out, err = run_cli("ops", "reconciliation", *argv, *AWS)

    # Then one line names it
    assert code == 2 and out == ""
    assert (
        err.count("\n") == 1
        and expected in err
        and err.startswith(f"sferp ops reconciliation {argv[0]}: error: ")
    )


def test_no_permission_on_the_run_table_is_one_line_and_exit_2(
    local: LocalReconcile, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a finished run and credentials without dynamodb:Query on the run table
    local.start(RUN)

    def denied(**_kwargs: Any) -> Any:
        raise ClientError({"Error": {"Code": "AccessDeniedException", "Message": "not authorized"}}, "Query")

    dynamodb = local.session.client("dynamodb")
    proxy = _Proxy(dynamodb, get_paginator=lambda _op: _Proxy(object(), paginate=denied))
    real = ops_cli._clients
    monkeypatch.setattr(
        ops_cli, "_clients", lambda args, svc: proxy if svc == "dynamodb" else real(args, svc)
    )

    # When the status or a rerun is asked for
    for argv in (["status", *BUCKET], ["rerun", "--run-date", "2024-05-02"]):
        code, out, err = run_cli("ops", "reconciliation", *argv, *AWS)

        # Then one line names the missing permission and the table
        assert code == 2 and out == ""
        assert err == (
            f"sferp ops reconciliation {argv[0]}: error: no permission for Query on run table "
            f"sferp-{ENV}-reconcile-runs: not authorized\n"
        )


def test_rerun_of_a_date_older_than_the_last_success_needs_force(local: LocalReconcile) -> None:
    # Given a failed run of one date and a succeeded run of the next
    local.fail_once("apply", when="before")
    assert local.start(RUN).status == "FAILED"
    assert local.start("2024-05-02").status == "SUCCEEDED"
    # When ops rerun the older date
    code, out, err = run_cli("ops", "reconciliation", "rerun", *AWS, "--run-date", RUN, "--dry-run")
    # Then it is refused with the reason and the way out
    assert code == 2 and out == ""
    assert "older than run 2024-05-02" in err and "--force" in err
    # And with --force the plan carries the flag the apply step honours
    code, out, _ = run_cli("ops", "reconciliation", "rerun", *AWS, "--run-date", RUN, "--force", "--dry-run")
    assert code == 0 and '"force": true' in out


def test_backfill_dry_run_shows_the_targeted_run_and_starts_nothing(local: LocalReconcile) -> None:
    code, out, err = run_cli(
        "ops",
        "reconciliation",
        "backfill",
        *AWS,
        "--entity",
        "accounts",
        "--since",
        "2024-04-01T00:00:00Z",
        "--dry-run",
        "--json",
    )
    assert code == 0, err
    plan = json.loads(out)
    assert plan["dry_run"] is True and plan["started"] is False
    assert plan["input"]["entities"] == ["accounts"]
    assert plan["input"]["since"] == {"accounts": "2024-04-01T00:00:00+00:00"}
    assert plan["state_machine"] == f"sferp-{ENV}-reconciliation"
    sfn = local.session.client("stepfunctions")
    assert sfn.list_executions(stateMachineArn=local.state_machine_arn)["executions"] == []


def test_backfill_runs_the_entity_once_and_moves_no_watermark(local: LocalReconcile) -> None:
    # Given a full backfill of the accounts
    argv = ("ops", "reconciliation", "backfill", *AWS, "--entity", "accounts", "--full", "--json")
    code, out, err = run_cli(*argv)
    assert code == 0, err
    started = json.loads(out)
    assert started["started"] is True
    # Then the targeted run compares the accounts only and succeeds, and no watermark moved
    assert _wait(local, started["execution"]) == "SUCCEEDED"
    assert local.ledger.watermark("accounts") is None
    # And the same backfill again starts nothing twice
    code, out, _ = run_cli(*argv)
    assert code == 0 and json.loads(out)["already_started"] is True


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--entity", "contacts", "--full"), "unknown entity 'contacts'"),
        (("--entity", "accounts"), "say what to backfill: --since ISO8601 (a time window) or --full"),
        (
            ("--entity", "accounts", "--since", "yesterday"),
            "--since 'yesterday' is not an ISO 8601 timestamp",
        ),
        (("--entity", "accounts", "--since", "2999-01-01T00:00:00Z"), "is in the future"),
    ],
)
def test_backfill_refuses_what_it_cannot_do_with_the_reason(
    local: LocalReconcile, extra: tuple[str, ...], message: str
) -> None:
    code, _, err = run_cli("ops", "reconciliation", "backfill", *AWS, *extra)
    assert code == 2
    assert err.startswith("sferp ops reconciliation backfill: error:") and message in err
