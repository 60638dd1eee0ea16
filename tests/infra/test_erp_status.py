"""The ERP status flow's resources protect production: the ERP bus's sales order events through a
pipe that groups them by ERP order, an encrypted FIFO queue with a DLQ, the poll schedule with a
standard DLQ, a function whose settings validate as the handler's, least privilege, alarms with
runbooks, and a switch that turns it all off."""

from __future__ import annotations

import copy
import json
from typing import Any

from aws_cdk.assertions import Template
from synth_support import Synth, cdk_context

from infra.app import build_app
from sferp import names
from sferp.erp_status import names as status_names
from sferp.erp_status.settings import ErpStatusSettings
from sferp.write_queue import names as queue_names


def _of_type(synth: Synth, kind: str) -> dict[str, dict[str, Any]]:
    return {k: r for k, r in synth.resources.items() if r["Type"] == kind}


def _function(synth: Synth) -> dict[str, Any]:
    [function] = [
        r
        for r in _of_type(synth, "AWS::Lambda::Function").values()
        if status_names.ENV_STATE_TABLE in r["Properties"].get("Environment", {}).get("Variables", {})
    ]
    return function


def test_sales_order_events_on_the_erp_bus_are_grouped_by_erp_order(synth: Synth) -> None:
    [rule] = [
        r
        for r in _of_type(synth, "AWS::Events::Rule").values()
        if r["Properties"].get("Name") == names.resource_name(synth.env_name, status_names.ROUTE)
    ]
    assert rule["Properties"]["EventPattern"] == {"detail-type": list(status_names.SALES_ORDER_EVENT_TYPES)}
    bus = synth.resources[rule["Properties"]["EventBusName"]["Ref"]]["Properties"]
    assert bus["Name"] == names.resource_name(synth.env_name, names.ERP_BUS)
    assert rule["Properties"]["Targets"][0]["DeadLetterConfig"]["Arn"]
    [pipe] = [
        r
        for r in _of_type(synth, "AWS::Pipes::Pipe").values()
        if r["Properties"]["Name"] == names.resource_name(synth.env_name, status_names.ROUTE)
    ]
    group = pipe["Properties"]["TargetParameters"]["SqsQueueParameters"]["MessageGroupId"]
    assert group == "$.body.detail.data.SalesOrder"


def test_the_fifo_queue_is_encrypted_and_redrives_to_its_fifo_dlq(synth: Synth) -> None:
    queues = {r["Properties"].get("QueueName"): r for r in _of_type(synth, "AWS::SQS::Queue").values()}
    queue = queues[status_names.QUEUE_SPEC.name(synth.env_name)]["Properties"]
    assert queue["FifoQueue"] is True and queue["KmsMasterKeyId"]
    assert queue["RedrivePolicy"]["maxReceiveCount"] == status_names.MAX_RECEIVE_COUNT
    assert queue["VisibilityTimeout"] == 6 * status_names.FUNCTION_TIMEOUT_S
    assert queues[status_names.DLQ_SPEC.name(synth.env_name)]["Properties"]["FifoQueue"] is True


def test_the_function_environment_validates_as_the_handler_settings(synth: Synth) -> None:
    variables = _function(synth)["Properties"]["Environment"]["Variables"]
    resolved = {
        k: v if isinstance(v, str) else "https://sqs.eu-central-1.amazonaws.com/1/x"
        for k, v in variables.items()
    }
    settings = ErpStatusSettings.from_env(resolved)
    assert settings.environment == synth.env_name
    assert settings.poll_lookback_min == 10


def test_the_role_sends_only_to_its_own_queues_and_has_no_wildcards(synth: Synth) -> None:
    function = _function(synth)
    role_id = function["Properties"]["Role"]["Fn::GetAtt"][0]
    statements = [
        s
        for p in _of_type(synth, "AWS::IAM::Policy").values()
        if {"Ref": role_id} in p["Properties"]["Roles"]
        for s in p["Properties"]["PolicyDocument"]["Statement"]
    ]
    actions = {
        a for s in statements for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    }
    assert not any(a.endswith(":*") or a == "*" for a in actions)
    assert not actions & {"dynamodb:Scan", "dynamodb:DeleteItem", "dynamodb:Query"}
    sends = [s for s in statements if "sqs:SendMessage" in json.dumps(s["Action"])]
    targets = {
        json.dumps(r)
        for s in sends
        for r in (s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]])
    }
    queue_ids = {
        k
        for k, r in _of_type(synth, "AWS::SQS::Queue").items()
        if r["Properties"].get("QueueName")
        in (
            status_names.QUEUE_SPEC.name(synth.env_name),
            status_names.DLQ_SPEC.name(synth.env_name),
            # The Orders' changes go to the shared Salesforce write queue.
            queue_names.QUEUE_SPEC.name(synth.env_name),
        )
    }
    assert all(any(q in t for q in queue_ids) for t in targets), targets


def test_the_poll_schedule_invokes_the_function_with_its_task_and_a_standard_dlq(synth: Synth) -> None:
    [schedule] = [
        r
        for r in _of_type(synth, "AWS::Scheduler::Schedule").values()
        if r["Properties"]["Name"] == names.resource_name(synth.env_name, status_names.POLL_SCHEDULE)
    ]
    target = schedule["Properties"]["Target"]
    assert json.loads(target["Input"]) == {"task": status_names.POLL_TASK}
    dlq = synth.resources[target["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0]]["Properties"]
    assert "FifoQueue" not in dlq  # Scheduler takes a standard queue only
    assert schedule["Properties"]["ScheduleExpression"] == "rate(5 minutes)"


def test_every_alarm_of_the_flow_names_its_runbook(synth: Synth) -> None:
    ours = synth.stack.erp_status.alarm_specs
    assert {s.runbook for s in ours} == {
        names.runbook_path(r)
        for r in (
            "erp_status-dlq-not-empty",
            "erp_status-delivery-failures",
            "erp_status-oldest-message-age",
            "erp_status-record-error-rate",
            "erp_status-queue-depth",
            "erp_status-unmapped-status",
        )
    }


def test_mode_off_disables_the_consumer_and_the_poll(tmp_path) -> None:  # type: ignore[no-untyped-def]
    context = copy.deepcopy(cdk_context("dev"))
    context["sferp:environments"]["dev"]["flows"]["erp_status"]["mode"] = "off"
    app, stack = build_app(context=context, outdir=str(tmp_path))
    app.synth()
    template = Template.from_stack(stack)
    mappings = template.find_resources("AWS::Lambda::EventSourceMapping")
    ours = [m for m in mappings.values() if "ErpStatus" in str(m["Properties"]["FunctionName"])]
    assert ours and all(m["Properties"]["Enabled"] is False for m in ours)
    schedules = template.find_resources("AWS::Scheduler::Schedule")
    [poll] = [
        s
        for s in schedules.values()
        if s["Properties"]["Name"] == names.resource_name("dev", status_names.POLL_SCHEDULE)
    ]
    assert poll["Properties"]["State"] == "DISABLED"


def test_the_products_poll_has_its_own_schedule_and_price_sync_follows_the_config(synth: Synth) -> None:
    [schedule] = [
        r
        for r in _of_type(synth, "AWS::Scheduler::Schedule").values()
        if r["Properties"]["Name"] == names.resource_name(synth.env_name, status_names.PRODUCTS_POLL_SCHEDULE)
    ]
    assert json.loads(schedule["Properties"]["Target"]["Input"]) == {"task": status_names.PRODUCTS_POLL_TASK}
    assert schedule["Properties"]["ScheduleExpression"] == "rate(15 minutes)"
    config = synth.stack.node.try_get_context("sferp:environments")[synth.env_name]
    variables = _function(synth)["Properties"]["Environment"]["Variables"]
    assert variables[status_names.ENV_PRICE_SYNC] == (
        "true" if config["flows"]["erp_status"]["price_sync"] else "false"
    )


def test_price_sync_is_refused_for_the_sap_adapter_with_the_reason() -> None:
    import pytest

    from infra.config import ConfigError, load_app_config

    context = copy.deepcopy(cdk_context("prod"))
    context["sferp:environments"]["prod"]["flows"]["erp_status"]["price_sync"] = True
    with pytest.raises(ConfigError, match="reads no pricing condition records"):
        load_app_config(context["sferp:environments"])
