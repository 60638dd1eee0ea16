"""The customer flow's resources protect production: its own route for AccountChangeEvents grouped
by Account, encrypted FIFO queue with a DLQ, a function whose settings validate as the handler's,
least privilege (StartExecution on the reconciliation only), alarms with runbooks."""

from __future__ import annotations

import copy
import json
from typing import Any

from aws_cdk.assertions import Template
from synth_support import Synth, cdk_context

from infra.app import build_app
from sferp import names
from sferp.customer_sync import names as sync_names
from sferp.customer_sync.erp_events import BUSINESS_PARTNER_EVENT_TYPES
from sferp.customer_sync.settings import CustomerSyncSettings


def _of_type(synth: Synth, kind: str) -> dict[str, dict[str, Any]]:
    return {k: r for k, r in synth.resources.items() if r["Type"] == kind}


def _function(synth: Synth) -> dict[str, Any]:
    [function] = [
        r
        for r in _of_type(synth, "AWS::Lambda::Function").values()
        if sync_names.ENV_STATE_TABLE in r["Properties"].get("Environment", {}).get("Variables", {})
    ]
    return function


def _resolve(value: Any) -> str:
    return value if isinstance(value, str) else "arn:aws:states:eu-central-1:123456789012:stateMachine:x"


def test_the_rule_matches_account_change_events_and_the_pipe_groups_by_account(synth: Synth) -> None:
    [rule] = [
        r
        for r in _of_type(synth, "AWS::Events::Rule").values()
        if r["Properties"].get("Name") == names.resource_name(synth.env_name, sync_names.ROUTE)
    ]
    assert rule["Properties"]["EventPattern"]["detail-type"] == ["AccountChangeEvent"]
    target = rule["Properties"]["Targets"][0]
    assert target["DeadLetterConfig"]["Arn"] and target["RetryPolicy"]["MaximumRetryAttempts"] == 185
    [pipe] = [
        r
        for r in _of_type(synth, "AWS::Pipes::Pipe").values()
        if r["Properties"]["Name"] == names.resource_name(synth.env_name, sync_names.ROUTE)
    ]
    group = pipe["Properties"]["TargetParameters"]["SqsQueueParameters"]["MessageGroupId"]
    assert group == "$.body.detail.payload.ChangeEventHeader.recordIds[0]"


def test_gap_overflow_has_its_own_rule_into_the_fifo_queue_with_a_static_group(synth: Synth) -> None:
    rules = {r["Properties"].get("Name"): r for r in _of_type(synth, "AWS::Events::Rule").values()}
    routed = rules[names.resource_name(synth.env_name, sync_names.ROUTE)]["Properties"]
    overflow = rules[names.resource_name(synth.env_name, sync_names.OVERFLOW_ROUTE)]["Properties"]
    # The routed rule leaves GAP_OVERFLOW out (no record id for the pipe to group by) ...
    header = routed["EventPattern"]["detail"]["payload"]["ChangeEventHeader"]
    assert header["changeType"] == [{"anything-but": "GAP_OVERFLOW"}]
    # ... and the overflow rule takes exactly it, into the FIFO queue, with a DLQ
    assert overflow["EventPattern"]["detail"]["payload"]["ChangeEventHeader"]["changeType"] == [
        "GAP_OVERFLOW"
    ]
    [target] = overflow["Targets"]
    assert target["SqsParameters"]["MessageGroupId"] == sync_names.OVERFLOW_MESSAGE_GROUP
    queue = synth.resources[target["Arn"]["Fn::GetAtt"][0]]["Properties"]
    assert queue["QueueName"] == sync_names.QUEUE_SPEC.name(synth.env_name)
    assert target["DeadLetterConfig"]["Arn"]
    # The archive keeps both kinds
    [archive] = [
        r
        for r in _of_type(synth, "AWS::Events::Archive").values()
        if r["Properties"]["ArchiveName"] == names.resource_name(synth.env_name, sync_names.ROUTE)
    ]
    assert "detail" not in archive["Properties"]["EventPattern"]


def test_the_fifo_queue_is_encrypted_and_redrives_to_its_fifo_dlq(synth: Synth) -> None:
    queues = {r["Properties"].get("QueueName"): r for r in _of_type(synth, "AWS::SQS::Queue").values()}
    queue = queues[sync_names.QUEUE_SPEC.name(synth.env_name)]["Properties"]
    assert queue["FifoQueue"] is True and queue["KmsMasterKeyId"]
    assert queue["RedrivePolicy"]["maxReceiveCount"] == sync_names.MAX_RECEIVE_COUNT
    assert queue["VisibilityTimeout"] == 6 * sync_names.FUNCTION_TIMEOUT_S
    assert queues[sync_names.DLQ_SPEC.name(synth.env_name)]["Properties"]["FifoQueue"] is True


def test_the_function_environment_validates_as_the_handler_settings(synth: Synth) -> None:
    variables = _function(synth)["Properties"]["Environment"]["Variables"]
    settings = CustomerSyncSettings.from_env({k: _resolve(v) for k, v in variables.items()})
    assert settings.environment == synth.env_name
    assert settings.salesforce_adapter == "simple_salesforce"
    # A GAP_OVERFLOW starts a targeted reconciliation: the state machine is wired in
    assert settings.reconciliation_state_machine_arn


def test_the_role_may_start_the_reconciliation_and_nothing_broader(synth: Synth) -> None:
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
    assert "states:StartExecution" in actions
    assert not any(a.endswith(":*") or a == "*" for a in actions)
    assert "dynamodb:Scan" not in actions


def test_every_alarm_of_the_flow_names_its_runbook(synth: Synth) -> None:
    ours = synth.stack.customer_sync.alarm_specs
    assert {s.runbook for s in ours} == {
        names.runbook_path(r)
        for r in (
            "customer_sync-dlq-not-empty",
            "customer_sync-delivery-failures",
            "customer_sync-oldest-message-age",
            "customer_sync-gap-overflow",
            "customer_sync-record-error-rate",
            "customer_sync-queue-depth",
        )
    }


def test_mode_off_disables_the_event_source_mapping(tmp_path) -> None:  # type: ignore[no-untyped-def]
    context = copy.deepcopy(cdk_context("dev"))
    context["sferp:environments"]["dev"]["flows"]["customer_sync"]["mode"] = "off"
    app, stack = build_app(context=context, outdir=str(tmp_path))
    app.synth()
    mappings = Template.from_stack(stack).find_resources("AWS::Lambda::EventSourceMapping")
    ours = [m for m in mappings.values() if "CustomerSync" in str(m["Properties"]["FunctionName"])]
    assert ours and all(m["Properties"]["Enabled"] is False for m in ours)


def test_the_erp_poll_schedule_invokes_the_function_with_its_task_and_a_standard_dlq(synth: Synth) -> None:
    [schedule] = [
        r
        for r in _of_type(synth, "AWS::Scheduler::Schedule").values()
        if r["Properties"]["Name"] == names.resource_name(synth.env_name, sync_names.ERP_POLL_SCHEDULE)
    ]
    target = schedule["Properties"]["Target"]
    assert json.loads(target["Input"]) == {"task": sync_names.ERP_POLL_TASK}
    function_id = target["Arn"]["Fn::GetAtt"][0]
    assert (
        sync_names.ENV_STATE_TABLE in synth.resources[function_id]["Properties"]["Environment"]["Variables"]
    )
    dlq = synth.resources[target["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0]]["Properties"]
    assert "FifoQueue" not in dlq  # Scheduler takes a standard queue only
    mode = synth.stack.node.try_get_context("sferp:environments")[synth.env_name]["flows"]["customer_sync"][
        "mode"
    ]
    assert schedule["Properties"]["State"] == ("DISABLED" if mode == "off" else "ENABLED")


def test_change_events_arrive_on_their_own_partner_bus_where_a_cdc_relay_is_configured(prod: Synth) -> None:
    # Given prod with two relays: platform events and Change Data Capture (a relay relays one channel)
    buses = {k: r["Properties"] for k, r in _of_type(prod, "AWS::Events::EventBus").items()}
    by_source = {p["EventSourceName"]: k for k, p in buses.items() if "EventSourceName" in p}
    config = prod.stack.node.try_get_context("sferp:environments")["prod"]["event_bus"]
    cdc_bus = by_source[config["cdc_partner_event_source_name"]]
    platform_bus = by_source[config["partner_event_source_name"]]
    rules = {r["Properties"]["Name"]: r["Properties"] for r in _of_type(prod, "AWS::Events::Rule").values()}
    # Then both customer-sync rules are on the CDC bus, the order handoff's on the other
    for suffix in (sync_names.ROUTE, sync_names.OVERFLOW_ROUTE):
        assert rules[names.resource_name("prod", suffix)]["EventBusName"] == {"Ref": cdc_bus}
    assert rules[names.resource_name("prod", "order-handoff")]["EventBusName"] == {"Ref": platform_bus}


def test_erp_business_events_reach_the_fifo_queue_from_the_erp_bus(synth: Synth) -> None:
    rules = {r["Properties"]["Name"]: r["Properties"] for r in _of_type(synth, "AWS::Events::Rule").values()}
    rule = rules[names.resource_name(synth.env_name, sync_names.ERP_EVENTS_ROUTE)]
    assert rule["EventPattern"] == {"detail-type": list(BUSINESS_PARTNER_EVENT_TYPES)}
    bus = synth.resources[rule["EventBusName"]["Ref"]]["Properties"]
    assert bus["Name"] == names.resource_name(synth.env_name, names.ERP_BUS)
    [target] = rule["Targets"]
    assert target["SqsParameters"]["MessageGroupId"] == sync_names.ERP_EVENTS_MESSAGE_GROUP
    assert target["DeadLetterConfig"]["Arn"]


def test_the_order_handoff_reads_the_coupling_and_may_only_read_it(synth: Synth) -> None:
    from sferp.order_handoff import names as handoff_names

    [handoff] = [
        r
        for r in _of_type(synth, "AWS::Lambda::Function").values()
        if handoff_names.ENV_ORDER_STATE_TABLE in r["Properties"].get("Environment", {}).get("Variables", {})
    ]
    table_ref = handoff["Properties"]["Environment"]["Variables"][handoff_names.ENV_COUPLING_TABLE]
    table_id = table_ref["Ref"]
    assert synth.resources[table_id]["Properties"]["TableName"] == sync_names.STATE_TABLE_SPEC.name(
        synth.env_name
    )
    role_id = handoff["Properties"]["Role"]["Fn::GetAtt"][0]
    on_table = [
        s
        for p in _of_type(synth, "AWS::IAM::Policy").values()
        if {"Ref": role_id} in p["Properties"]["Roles"]
        for s in p["Properties"]["PolicyDocument"]["Statement"]
        if table_id in json.dumps(s["Resource"])
    ]
    assert [s["Action"] for s in on_table] == ["dynamodb:GetItem"]
