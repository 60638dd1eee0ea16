"""Template assertions for the inventory cache warm-up: schedule, role, DLQ, alarms.

cdk.json configures no warm_plants anywhere (the default: off), so the session's dev/prod synths are the
"off" case; the "on" case is dev with warm_plants ["1000", "2000"], synthesized here with cdk-nag on.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from aws_cdk.assertions import Template
from synth_support import REPO_ROOT, Synth, cdk_context

from infra.app import build_app
from sferp.inventory_lookup import names as inventory_names

WARM_PLANTS = ["1000", "2000"]


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Synth:
    context = copy.deepcopy(cdk_context("dev"))
    context["sferp:environments"]["dev"]["flows"]["inventory_lookup"].update(
        warm_plants=WARM_PLANTS, warm_max_skus=1500
    )
    app, stack = build_app(context=context, outdir=str(tmp_path_factory.mktemp("cdk-warm")))
    # app.synth() runs the cdk-nag plugins: it raises if any finding is unacknowledged.
    assembly = app.synth()
    template_path = Path(assembly.get_stack_artifact(stack.artifact_id).template_full_path)
    resources = json.loads(template_path.read_text())["Resources"]
    return Synth("dev", stack, Template.from_stack(stack), resources, template_path)


def _of_type(synth: Synth, resource_type: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in synth.resources.items() if v["Type"] == resource_type}


def _inventory(synth: Synth) -> dict[str, Any]:
    return cdk_context(synth.env_name)["sferp:environments"][synth.env_name]["flows"]["inventory_lookup"]


def _warmup_schedules(synth: Synth) -> list[dict[str, Any]]:
    return [
        s
        for s in _of_type(synth, "AWS::Scheduler::Schedule").values()
        if "inventory-warmup" in s["Properties"]["Name"]
    ]


def test_one_schedule_per_configured_plant_invoking_the_inventory_function(warm: Synth) -> None:
    dev = warm
    # Given dev (live, 60 s fresh TTL) warming plants 1000 and 2000
    schedules = {s["Properties"]["Name"]: s for s in _warmup_schedules(dev)}
    assert sorted(schedules) == ["sferp-dev-inventory-warmup-1000", "sferp-dev-inventory-warmup-2000"]
    props = schedules["sferp-dev-inventory-warmup-1000"]["Properties"]
    # Then it fires every minute (the fresh TTL), live = enabled, with the warm-up event of the plant
    assert props["ScheduleExpression"] == "rate(1 minute)"
    assert props["State"] == "ENABLED"
    assert props["FlexibleTimeWindow"] == {"Mode": "OFF"}
    target = props["Target"]
    assert json.loads(target["Input"]) == {"sferp": "inventory-warmup", "plant": "1000"}
    (function_id,) = [
        k
        for k, r in _of_type(dev, "AWS::Lambda::Function").items()
        if inventory_names.ENV_INVENTORY_TABLE in r["Properties"].get("Environment", {}).get("Variables", {})
    ]
    assert target["Arn"] == {"Fn::GetAtt": [function_id, "Arn"]}
    # And a failed invoke is retried within one interval, then dead-lettered
    assert target["RetryPolicy"]["MaximumRetryAttempts"] >= 1
    assert target["RetryPolicy"]["MaximumEventAgeInSeconds"] == 60
    dlq_id = target["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0]
    dlq = dev.resources[dlq_id]
    assert dlq["Type"] == "AWS::SQS::Queue"
    assert "KmsMasterKeyId" in dlq["Properties"]


def test_schedule_role_can_only_invoke_this_function(warm: Synth) -> None:
    dev = warm
    schedule, _ = _warmup_schedules(dev)
    role_id = schedule["Properties"]["Target"]["RoleArn"]["Fn::GetAtt"][0]
    role = dev.resources[role_id]
    statement = role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]
    assert statement["Principal"] == {"Service": "scheduler.amazonaws.com"}
    assert "aws:SourceAccount" in statement["Condition"]["StringEquals"]
    policies = [
        p
        for p in _of_type(dev, "AWS::IAM::Policy").values()
        if any(r.get("Ref") == role_id for r in p["Properties"]["Roles"])
    ]
    statements = [s for p in policies for s in p["Properties"]["PolicyDocument"]["Statement"]]
    invoke = [s for s in statements if "lambda:InvokeFunction" in json.dumps(s["Action"])]
    assert len(invoke) == 1 and invoke[0]["Action"] == "lambda:InvokeFunction"
    assert "Fn::GetAtt" in invoke[0]["Resource"]  # the function's ARN, not "*"
    actions = {
        a for s in statements for a in (s["Action"] if isinstance(s["Action"], list) else [s["Action"]])
    }
    assert not [a for a in actions if "*" in a]
    assert actions - {"lambda:InvokeFunction", "sqs:SendMessage"} <= {
        "kms:Decrypt",
        "kms:Encrypt",
        "kms:GenerateDataKey",
    }


def test_dlq_is_tls_only_and_its_alarm_names_the_runbook(warm: Synth) -> None:
    dev = warm
    schedule, _ = _warmup_schedules(dev)
    dlq_id = schedule["Properties"]["Target"]["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0]
    queue_policies = [
        p
        for p in _of_type(dev, "AWS::SQS::QueuePolicy").values()
        if {"Ref": dlq_id} in p["Properties"]["Queues"]
    ]
    assert any(
        s["Effect"] == "Deny" and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        for p in queue_policies
        for s in p["Properties"]["PolicyDocument"]["Statement"]
    )
    alarms = {
        a["Properties"]["AlarmName"]: a["Properties"]
        for a in _of_type(dev, "AWS::CloudWatch::Alarm").values()
    }
    dlq_alarm = alarms["sferp-dev-inventory-warmup-dlq-not-empty"]
    assert dlq_alarm["Dimensions"][0]["Value"] == {"Fn::GetAtt": [dlq_id, "QueueName"]}
    assert (dlq_alarm["Threshold"], dlq_alarm["EvaluationPeriods"]) == (0, 1)
    stalled = alarms["sferp-dev-inventory-warmup-stalled"]
    assert stalled["MetricName"] == inventory_names.METRIC_INVENTORY_WARMUP_SKUS
    assert stalled["TreatMissingData"] == "breaching"
    for alarm in (dlq_alarm, stalled):
        runbook = alarm["AlarmDescription"].split("Runbook: ", 1)[1].strip()
        assert runbook == "docs/runbooks/inventory_lookup-warmup-failed.md"
        assert (REPO_ROOT / runbook).is_file()


def test_async_invocations_are_not_retried_by_lambda(warm: Synth) -> None:
    (config,) = _of_type(warm, "AWS::Lambda::EventInvokeConfig").values()
    assert config["Properties"]["MaximumRetryAttempts"] == 0


def test_no_warm_plants_means_no_schedule_and_no_dlq(synth: Synth) -> None:
    assert not _inventory(synth).get("warm_plants")
    assert _warmup_schedules(synth) == []
    assert not [q for q in _of_type(synth, "AWS::SQS::Queue").values() if "inventory-warmup" in json.dumps(q)]
    assert _of_type(synth, "AWS::Lambda::EventInvokeConfig") == {}


def test_every_policy_of_the_warm_stack_has_explicit_actions(warm: Synth) -> None:
    for logical_id, policy in _of_type(warm, "AWS::IAM::Policy").items():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            assert not [a for a in actions if "*" in a], logical_id


def test_warm_function_environment_validates_as_its_settings(warm: Synth) -> None:
    from sferp.inventory_lookup.settings import InventorySettings

    (function,) = [
        r
        for r in _of_type(warm, "AWS::Lambda::Function").values()
        if inventory_names.ENV_INVENTORY_TABLE in r["Properties"].get("Environment", {}).get("Variables", {})
    ]
    variables = {
        k: v if isinstance(v, str) else "resolved"
        for k, v in function["Properties"]["Environment"]["Variables"].items()
    }
    assert InventorySettings.from_env(variables).warm_max_skus == 1500


def test_function_environment_carries_the_warm_up_cap(synth: Synth) -> None:
    from sferp.inventory_lookup.settings import InventorySettings

    (function,) = [
        r
        for r in _of_type(synth, "AWS::Lambda::Function").values()
        if inventory_names.ENV_INVENTORY_TABLE in r["Properties"].get("Environment", {}).get("Variables", {})
    ]
    variables = {
        k: v if isinstance(v, str) else "resolved"
        for k, v in function["Properties"]["Environment"]["Variables"].items()
    }
    settings = InventorySettings.from_env(variables)
    assert settings.warm_max_skus == _inventory(synth).get(
        "warm_max_skus", inventory_names.INVENTORY_WARM_MAX_SKUS_DEFAULT
    )


def test_config_rejects_a_rate_that_lets_warmed_values_expire() -> None:
    from infra.config import InventoryConfig

    base = cdk_context("dev")["sferp:environments"]["dev"]["flows"]["inventory_lookup"]
    # Given a 60 s fresh TTL: the default rate is one minute
    assert InventoryConfig.model_validate(base | {"warm_plants": ["1000"]}).warm_rate == 1
    # Then a 5-minute rate, a duplicate plant or a malformed plant is refused
    for bad in ({"warm_rate_minutes": 5}, {"warm_plants": ["1000", "1000"]}, {"warm_plants": ["10#0"]}):
        with pytest.raises(ValueError):
            InventoryConfig.model_validate(base | {"warm_plants": ["1000"]} | bad)
