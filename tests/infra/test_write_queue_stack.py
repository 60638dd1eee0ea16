"""The Salesforce write queue's resources protect production: a standard, encrypted queue that
redrives to its DLQ, the writer function consuming it with the configured batching window and at
most the configured writers at once, reporting per-message failures, settings that validate as
the function's, least privilege, alarms with runbooks, and the ERP status flow sending to it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from synth_support import Synth, cdk_context

from infra.config import CONTEXT_KEY, load_app_config, select_environment
from sferp import names
from sferp.customer_sync import names as sync_names
from sferp.erp_status import names as status_names
from sferp.order_handoff import names as handoff_names
from sferp.salesforce_writer import WriterSettings
from sferp.write_queue import names as queue_names
from sferp.write_queue.settings import WriteQueueSettings


def _of_type(synth: Synth, kind: str) -> dict[str, dict[str, Any]]:
    return {k: r for k, r in synth.resources.items() if r["Type"] == kind}


def _function(synth: Synth, marker: str) -> tuple[str, dict[str, Any]]:
    [found] = [
        (k, r)
        for k, r in _of_type(synth, "AWS::Lambda::Function").items()
        if marker in r["Properties"].get("Environment", {}).get("Variables", {})
    ]
    return found


def _queue_id(synth: Synth, spec_name: str) -> str:
    [queue_id] = [
        k
        for k, r in _of_type(synth, "AWS::SQS::Queue").items()
        if r["Properties"].get("QueueName") == spec_name
    ]
    return queue_id


def _statements(synth: Synth, function: dict[str, Any]) -> list[dict[str, Any]]:
    role = function["Properties"]["Role"]["Fn::GetAtt"][0]
    return [
        s
        for p in _of_type(synth, "AWS::IAM::Policy").values()
        if any(r.get("Ref") == role for r in p["Properties"]["Roles"])
        for s in p["Properties"]["PolicyDocument"]["Statement"]
    ]


def test_the_queue_is_standard_encrypted_and_redrives_to_its_dlq(synth: Synth) -> None:
    queue = synth.resources[_queue_id(synth, queue_names.QUEUE_SPEC.name(synth.env_name))]["Properties"]
    assert "FifoQueue" not in queue  # a FIFO event source has no batching window
    assert queue["KmsMasterKeyId"]
    assert queue["RedrivePolicy"]["maxReceiveCount"] == queue_names.MAX_RECEIVE_COUNT
    assert queue["VisibilityTimeout"] >= 6 * queue_names.FUNCTION_TIMEOUT_S
    dlq_id = _queue_id(synth, queue_names.DLQ_SPEC.name(synth.env_name))
    assert queue["RedrivePolicy"]["deadLetterTargetArn"] == {"Fn::GetAtt": [dlq_id, "Arn"]}


def test_the_writer_takes_a_window_of_changes_with_at_most_two_writers(synth: Synth) -> None:
    function_id, _ = _function(synth, queue_names.ENV_STATE_TABLE)
    queue_id = _queue_id(synth, queue_names.QUEUE_SPEC.name(synth.env_name))
    [mapping] = [
        r["Properties"]
        for r in _of_type(synth, "AWS::Lambda::EventSourceMapping").values()
        if r["Properties"]["FunctionName"] == {"Ref": function_id}
    ]
    assert mapping["EventSourceArn"] == {"Fn::GetAtt": [queue_id, "Arn"]}
    assert mapping["BatchSize"] == queue_names.BATCH_SIZE
    assert mapping["MaximumBatchingWindowInSeconds"] == queue_names.BATCHING_WINDOW_S
    assert mapping["ScalingConfig"] == {"MaximumConcurrency": queue_names.MAX_CONCURRENCY}
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]


def test_the_writer_settings_validate_and_its_role_is_least_privilege(synth: Synth) -> None:
    _, function = _function(synth, queue_names.ENV_STATE_TABLE)
    variables = function["Properties"]["Environment"]["Variables"]
    settings = WriteQueueSettings.from_env(
        {k: v if isinstance(v, str) else "arn:aws:resolved:at:deploy" for k, v in variables.items()}
    )
    assert settings.salesforce_adapter == "simple_salesforce" and settings.environment == synth.env_name
    statements = _statements(synth, function)
    actions = {
        a for s in statements for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    }
    assert not any(a.endswith(":*") or a == "*" for a in actions)
    assert not actions & {"dynamodb:Scan", "dynamodb:DeleteItem", "dynamodb:Query", "sqs:PurgeQueue"}


def test_the_erp_status_flow_sends_its_order_changes_to_the_queue(synth: Synth) -> None:
    _, function = _function(synth, status_names.ENV_STATE_TABLE)
    variables = function["Properties"]["Environment"]["Variables"]
    queue_id = _queue_id(synth, queue_names.QUEUE_SPEC.name(synth.env_name))
    assert variables[queue_names.ENV_QUEUE_URL] == {"Ref": queue_id}
    sends = [s for s in _statements(synth, function) if "sqs:SendMessage" in json.dumps(s["Action"])]
    assert any(json.dumps({"Fn::GetAtt": [queue_id, "Arn"]}) in json.dumps(s["Resource"]) for s in sends)


def test_every_writer_alarm_names_a_runbook_that_exists(synth: Synth) -> None:
    from pathlib import Path

    alarms = [
        r["Properties"]
        for r in _of_type(synth, "AWS::CloudWatch::Alarm").values()
        if "salesforce-writer" in r["Properties"]["AlarmName"]
    ]
    assert {a["AlarmName"].removeprefix(f"sferp-{synth.env_name}-") for a in alarms} == {
        "salesforce-writer-dlq-not-empty",
        "salesforce-writer-oldest-message-age",
        "salesforce-writer-record-error-rate",
        "salesforce-writer-queue-depth",
    }
    root = Path(__file__).resolve().parents[2]
    for alarm in alarms:
        [runbook] = [w for w in alarm["AlarmDescription"].split() if w.startswith("docs/runbooks/")]
        assert (root / runbook.rstrip(".,;)")).is_file(), runbook


def test_every_function_that_writes_to_salesforce_gets_the_writer_thresholds(synth: Synth) -> None:
    # The writer's Bulk threshold and deferral share come from cdk.json (salesforce_writer), on
    # every function holding the Salesforce secret: the writer function and the in-process flows.
    writers = [
        f
        for f in _of_type(synth, "AWS::Lambda::Function").values()
        if names.ENV_SALESFORCE_SECRET_ARN in f["Properties"].get("Environment", {}).get("Variables", {})
    ]
    assert len(writers) >= 4  # the writer function, the order handoff, the customer flow, ERP status
    context = cdk_context(synth.env_name)
    config = select_environment(load_app_config(context[CONTEXT_KEY]), synth.env_name).salesforce_writer
    for function in writers:
        variables = function["Properties"]["Environment"]["Variables"]
        settings = WriterSettings.from_environment(variables)
        assert (settings.bulk_threshold, settings.defer_at_share) == (
            config.bulk_threshold,
            config.defer_at_share,
        )
    # And the API-usage warning fires where the writer starts deferring
    [warning] = [
        a["Properties"]
        for a in _of_type(synth, "AWS::CloudWatch::Alarm").values()
        if str(a["Properties"].get("AlarmName", "")).endswith("salesforce-api-usage-warning")
    ]
    assert warning["Threshold"] == config.defer_at_share * 100


@pytest.mark.parametrize(
    ("flow", "marker"),
    [
        ("order_handoff", handoff_names.ENV_ORDER_STATE_TABLE),
        ("customer_sync", sync_names.ENV_INTEGRATION_USER_ID),
    ],
)
def test_a_flow_sends_to_the_write_queue_only_where_cdk_json_says(
    synth: Synth, flow: str, marker: str
) -> None:
    context = cdk_context(synth.env_name)
    wanted = getattr(select_environment(load_app_config(context[CONTEXT_KEY]), synth.env_name).flows, flow)
    _, function = _function(synth, marker)
    variables = function["Properties"]["Environment"]["Variables"]
    queue_id = _queue_id(synth, queue_names.QUEUE_SPEC.name(synth.env_name))
    sends = [
        s
        for s in _statements(synth, function)
        if "sqs:SendMessage" in (s["Action"] if isinstance(s["Action"], list) else [s["Action"]])
        and {"Fn::GetAtt": [queue_id, "Arn"]}
        in (s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]])
    ]
    if wanted.write_queue:
        assert variables[names.ENV_SALESFORCE_WRITE_QUEUE_URL] == {"Ref": queue_id}
        assert sends, "the handoff may send to the write queue"
    else:
        assert names.ENV_SALESFORCE_WRITE_QUEUE_URL not in variables
        assert not sends
