"""The state machine definition (one builder for CDK and the local runner) and the starter."""

from __future__ import annotations

from typing import Any

import pytest
from sferp_tools.embedded_org import EmbeddedSalesforceOrg

from sferp.errors import ConfigurationError
from sferp.reconciliation.app import run_date_for, start_run
from sferp.reconciliation.definition import TASKS, execution_name, state_machine_definition
from sferp.reconciliation.extract import _key_chunks
from sferp.reconciliation.settings import ReconcileSettings

ARN = "arn:aws:lambda:eu-central-1:123456789012:function:tasks"


def _tasks(definition: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: s for name, s in definition["States"].items() if s["Type"] == "Task"}


def test_every_top_level_task_records_a_failure_and_the_compare_fans_out_over_s3() -> None:
    # Given the definition
    definition = state_machine_definition(ARN, max_concurrency=7)
    # Then each top-level task (except RecordFailure itself) catches everything into RecordFailure
    for name, state in _tasks(definition).items():
        if name != "RecordFailure":
            assert state["Catch"] == [
                {"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "RecordFailure"}
            ]
        # Every task retries Lambda service errors (the Apply lists its API-quota pause first)
        assert state["Retry"][-1]["ErrorEquals"][0] == "Lambda.ServiceException"
    # And the compare is a Distributed Map reading the manifest from S3, one item per partition
    compare = definition["States"]["Compare"]
    assert compare["ItemProcessor"]["ProcessorConfig"]["Mode"] == "DISTRIBUTED"
    assert compare["ItemReader"]["Resource"] == "arn:aws:states:::s3:getObject"
    assert compare["MaxConcurrency"] == 7 and compare["ResultPath"] is None
    # And the watermark is the last step before success
    assert definition["States"]["AdvanceWatermark"]["Next"] == "Done"
    used = {s["Parameters"]["Payload"]["task"] for s in _tasks(definition).values()}
    assert used | {"compare"} == set(TASKS)


def test_the_run_date_is_the_schedule_date_in_its_time_zone() -> None:
    # 23:30 UTC on 1 May is already 2 May in Berlin (summer time)
    assert run_date_for("2024-05-01T23:30:00Z", "Europe/Berlin") == "2024-05-02"
    assert run_date_for("2024-05-01T23:30:00Z", "America/New_York") == "2024-05-01"
    assert execution_name("2024-05-02") == "reconcile-2024-05-02"


class _FakeSfn:
    class exceptions:
        class ExecutionAlreadyExists(Exception):
            pass

    def __init__(self) -> None:
        self.names: list[str] = []

    def start_execution(self, *, stateMachineArn: str, name: str, input: str) -> dict[str, str]:
        if name in self.names:
            raise self.exceptions.ExecutionAlreadyExists(name)
        self.names.append(name)
        return {"executionArn": f"{stateMachineArn}:{name}"}


def test_a_second_start_of_the_same_date_is_a_no_op() -> None:
    sfn = _FakeSfn()
    first = start_run(sfn, state_machine_arn="arn:sm", run_date="2024-05-01")
    second = start_run(sfn, state_machine_arn="arn:sm", run_date="2024-05-01")
    assert first["started"] is True and second["started"] is False
    assert sfn.names == ["reconcile-2024-05-01"]


def test_settings_fail_at_cold_start_naming_the_variable() -> None:
    with pytest.raises(ConfigurationError, match="SFERP_RECONCILE_BUCKET"):
        ReconcileSettings.from_env({"SFERP_ENVIRONMENT": "dev", "SFERP_RECONCILE_MODE": "live"})


def test_key_lists_are_chunked_under_the_soql_length_limit() -> None:
    keys = [f"{n:010d}" for n in range(20_000)]
    chunks = list(_key_chunks("SELECT Id FROM Account WHERE X IN (", keys))
    assert sum(len(c) for c in chunks) == 20_000 and len(chunks) > 1
    assert all(len(", ".join(f"'{k}'" for k in c)) < 100_000 for c in chunks)


def test_the_embedded_org_answers_keyed_in_queries() -> None:
    org = EmbeddedSalesforceOrg()
    org.add_record("Account", ERP_Customer_Number__c="1", Name="a")
    org.add_record("Account", ERP_Customer_Number__c="2", Name="b")
    rows = list(org.bulk_query("SELECT Name FROM Account WHERE ERP_Customer_Number__c IN ('2', 'x')"))
    assert rows == [{"Name": "b"}]


def test_the_apply_pauses_near_the_api_limit_before_any_other_retry() -> None:
    from sferp.reconciliation import names as reconcile_names
    from sferp.reconciliation.definition import state_machine_definition

    apply = state_machine_definition("arn:aws:lambda:eu-central-1:111111111111:function:f")["States"]["Apply"]
    pause, *others = apply["Retry"]
    # The first matching entry wins: the pause is first, steady, and long enough to let a
    # 24-hour API window move on (16 x 15 minutes)
    assert pause["ErrorEquals"] == [reconcile_names.RECONCILE_QUOTA_PAUSE_ERROR]
    assert pause["BackoffRate"] == 1.0
    assert pause["IntervalSeconds"] * pause["MaxAttempts"] == 4 * 3600
    assert others and reconcile_names.RECONCILE_QUOTA_PAUSE_ERROR not in others[0]["ErrorEquals"]
