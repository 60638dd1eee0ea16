"""``sferp ops order_handoff dlq inspect|redrive`` against the processing and delivery DLQs in moto."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError
from ops_world import ENV, OpsWorld, order_id
from sferp_tools.ops import cli as ops_cli
from sferp_tools.ops.aws import QUEUE_SUFFIXES
from sferp_tools.ops.dlq import MAX_RECEIVE_REASON, RedriveMethod, redrive, resolve_queue

from sferp.order_handoff import names as handoff_names

REPO_ROOT = Path(__file__).resolve().parents[3]


class _Proxy:
    """A real (moto) SQS client with chosen calls replaced, to play what moto cannot: denied
    permissions, and the StartMessageMoveTask API."""

    def __init__(self, inner: Any, **overrides: Any) -> None:
        self._inner = inner
        self._overrides = overrides

    def __getattr__(self, name: str) -> Any:
        return self._overrides.get(name) or getattr(self._inner, name)


def _denied(operation: str) -> Any:
    def call(**_kwargs: Any) -> Any:
        raise ClientError({"Error": {"Code": "AccessDenied", "Message": "not authorized"}}, operation)

    return call


# --- inspect ---------------------------------------------------------------------------------------
def test_inspect_shows_reasons_and_leaves_every_message_in_the_queue(world: OpsWorld, run_cli: Any) -> None:
    # Given a poison message the handler dead-lettered and one SQS moved after maxReceiveCount
    world.dead_letter(order_id(1), "Lines__c: quantity must be positive")
    world.exhaust_retries(order_id(2))
    assert world.depth("dlq") == 2

    # When the operator inspects the processing DLQ as JSON, twice
    code, out, _ = run_cli("ops", "order_handoff", "dlq", "inspect", "--env", ENV, "--json")
    again, out_again, _ = run_cli("ops", "order_handoff", "dlq", "inspect", "--env", ENV, "--json")

    # Then both reasons and order ids are shown, no body, and nothing was consumed
    assert code == again == 0
    document = json.loads(out)
    by_order = {m["salesforce_order_id"]: m for m in document["messages"]}
    assert by_order[order_id(1)]["reason"] == "Lines__c: quantity must be positive"
    assert by_order[order_id(2)]["reason"] == MAX_RECEIVE_REASON
    assert by_order[order_id(1)]["invalid_payload"] and not by_order[order_id(2)]["invalid_payload"]
    assert by_order[order_id(1)]["summary"].startswith("Order_Handoff__e CREATE v1 EUR, 2 lines,")
    assert all("body" not in m and m["age_s"] is not None for m in document["messages"])
    assert len(json.loads(out_again)["messages"]) == 2
    assert world.depth("dlq") == 2


def test_inspect_text_keeps_payload_bodies_out_unless_asked(world: OpsWorld, run_cli: Any) -> None:
    # Given a dead letter whose lines carry product codes
    world.dead_letter(order_id(3), "unknown action")

    # When inspected as text, without and with --show-body
    code, out, _ = run_cli("ops", "order_handoff", "dlq", "inspect", "--queue", world.stack.names["dlq"])
    _, with_body, _ = run_cli(
        "ops", "order_handoff", "dlq", "inspect", "--queue", world.stack.urls["dlq"], "--show-body"
    )

    # Then the plain listing names the order and reason but not the order's contents
    assert code == 0
    assert order_id(3) in out and "reason:  unknown action" in out and "age " in out
    assert "SECRET-SKU-1" not in out
    assert "SECRET-SKU-1" in with_body


def test_inspect_stops_at_max(world: OpsWorld, run_cli: Any) -> None:
    # Given three dead letters of three orders
    for n in (4, 5, 6):
        world.dead_letter(order_id(n), "bad payload")

    # When at most two are asked for
    code, out, _ = run_cli("ops", "order_handoff", "dlq", "inspect", "--env", ENV, "--max", "2", "--json")

    # Then two are shown and all three are still there
    assert code == 0
    assert len(json.loads(out)["messages"]) == 2
    assert world.depth("dlq") == 3


def test_inspect_delivery_dlq_reports_eventbridge_error(world: OpsWorld, run_cli: Any) -> None:
    # Given an event the rule target could not deliver
    world.delivery_failure(order_id(7))

    # When the delivery DLQ is inspected by its short name
    code, out, _ = run_cli(
        "ops", "order_handoff", "dlq", "inspect", "--env", ENV, "--queue", "delivery", "--json"
    )

    # Then the EventBridge error is the reason
    assert code == 0
    (message,) = json.loads(out)["messages"]
    assert (
        message["reason"] == "EventBridge delivery failed: SQS.KmsAccessDenied: KMS key policy denies events"
    )
    assert message["salesforce_order_id"] == order_id(7)


# --- redrive -------------------------------------------------------------------------------------------
def test_redrive_selected_orders_moves_only_them_with_their_group(world: OpsWorld, run_cli: Any) -> None:
    # Given dead letters of two orders
    world.dead_letter(order_id(10), "ERP rejected: unknown material", version=2)
    world.exhaust_retries(order_id(11))

    # When only order 10 is redriven (given as a 15-character id)
    code, out, _ = run_cli(
        "ops", "order_handoff", "dlq", "redrive", "--env", ENV, "--order-id", order_id(10)[:15]
    )

    # Then its message is back on the FIFO queue in its own group, without the old reason, and
    # only order 11's message is left in the DLQ
    assert code == 0
    assert "Moved 1 message(s)" in out and "send + delete" in out and "Safe to repeat" in out
    assert "1 of them were dead-lettered as invalid" in out
    (moved,) = world.drain("queue")
    assert moved["Attributes"]["MessageGroupId"] == order_id(10)
    assert moved["Attributes"]["MessageDeduplicationId"].startswith("redrive-")
    assert "sferp-reason" not in moved.get("MessageAttributes", {})
    assert json.loads(moved["Body"])["detail"]["payload"]["Order_Version__c"] == 2
    left = world.drain("dlq")
    assert [json.loads(m["Body"])["detail"]["payload"]["Order_Id__c"] for m in left] == [order_id(11)]


def test_redrive_all_falls_back_to_send_and_delete_where_move_tasks_are_missing(
    world: OpsWorld, run_cli: Any
) -> None:
    # Given two dead letters, and moto (which has no StartMessageMoveTask)
    world.dead_letter(order_id(12), "bad payload")
    world.dead_letter(order_id(13), "bad payload")

    # When everything is redriven
    code, out, _ = run_cli("ops", "order_handoff", "dlq", "redrive", "--env", ENV)

    # Then the command says so and moves both to the DLQ's source queue
    assert code == 0
    assert "StartMessageMoveTask is not implemented by this endpoint: using send + delete instead" in out
    assert world.depth("dlq") == 0
    assert len(world.drain("queue")) == 2


def test_redrive_uses_a_move_task_when_the_api_exists(world: OpsWorld) -> None:
    # Given an SQS endpoint with StartMessageMoveTask
    started: list[dict[str, Any]] = []

    def start_message_move_task(**kwargs: Any) -> dict[str, Any]:
        started.append(kwargs)
        return {"TaskHandle": "task-1"}

    sqs = _Proxy(world.sqs, start_message_move_task=start_message_move_task)
    world.dead_letter(order_id(14), "bad payload")
    dlq = resolve_queue(sqs, "processing", env=ENV)
    target = resolve_queue(sqs, "queue", env=ENV)

    # When every message is redriven
    result = redrive(sqs, dlq, target)

    # Then a move task is started with an explicit destination, and nothing is copied by hand
    assert result.method is RedriveMethod.MOVE_TASK and result.task_handle == "task-1"
    assert started == [{"SourceArn": world.stack.arns["dlq"], "DestinationArn": world.stack.arns["queue"]}]
    assert world.depth("dlq") == 1


def test_redrive_dry_run_moves_nothing(world: OpsWorld, run_cli: Any) -> None:
    # Given a dead letter
    world.dead_letter(order_id(15), "bad payload")

    # When redriven with --dry-run
    code, out, _ = run_cli(
        "ops", "order_handoff", "dlq", "redrive", "--env", ENV, "--dry-run", "--method", "copy"
    )

    # Then it is listed and stays where it is
    assert code == 0
    assert "Would move 1 message(s)" in out and order_id(15) in out
    assert world.depth("dlq") == 1 and world.depth("queue") == 0


def test_redrive_keeps_the_message_when_the_send_fails(
    world: OpsWorld, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a dead letter and no permission to send to the source queue
    world.dead_letter(order_id(16), "bad payload")
    proxy = _Proxy(world.sqs, send_message=_denied("SendMessage"))
    monkeypatch.setattr(ops_cli, "_clients", lambda _args, _service: proxy)

    # When redriven
    code, _, err = run_cli("ops", "order_handoff", "dlq", "redrive", "--env", ENV, "--method", "copy")

    # Then one clear line, exit 2, and the message is still in the DLQ and visible
    assert code == 2
    assert err.count("\n") == 1
    assert "no permission for SendMessage on queue sferp-local-order-handoff.fifo" in err
    assert world.depth("dlq") == 1


def test_redrive_reports_order_ids_that_are_not_in_the_dlq(world: OpsWorld, run_cli: Any) -> None:
    # Given a DLQ without order 18
    world.dead_letter(order_id(17), "bad payload")

    # When order 18 is asked for
    code, _, err = run_cli("ops", "order_handoff", "dlq", "redrive", "--env", ENV, "--order-id", order_id(18))

    # Then nothing moves and the missing id is named (exit 1: done in part)
    assert code == 1
    assert order_id(18) in err
    assert world.depth("dlq") == 1


def test_redrive_delivery_dlq_back_to_the_buffer(world: OpsWorld, run_cli: Any) -> None:
    # Given an undelivered event in the standard delivery DLQ
    world.delivery_failure(order_id(19))

    # When the delivery DLQ is redriven (target found from the buffer's redrive policy)
    code, out, _ = run_cli(
        "ops", "order_handoff", "dlq", "redrive", "--env", ENV, "--queue", "delivery", "--method", "copy"
    )

    # Then the event is back in the buffer, ready for the pipe
    assert code == 0
    assert "sferp-local-order-handoff-delivery-dlq -> sferp-local-order-handoff-buffer" in out
    (message,) = world.drain("buffer")
    assert json.loads(message["Body"])["detail"]["payload"]["Order_Id__c"] == order_id(19)
    assert world.depth("delivery_dlq") == 0


def test_redrive_refuses_a_target_of_the_other_queue_type(world: OpsWorld, run_cli: Any) -> None:
    # Given / When the FIFO DLQ is redriven into the standard buffer
    code, _, err = run_cli(
        "ops", "order_handoff", "dlq", "redrive", "--env", ENV, "--to", world.stack.names["buffer"]
    )

    # Then it is refused before anything moves
    assert code == 2
    assert "must both be FIFO or both standard" in err


@pytest.mark.parametrize("command", ["inspect", "redrive"])
def test_source_queues_are_not_read_as_dlqs(world: OpsWorld, run_cli: Any, command: str) -> None:
    # Given a message waiting in the live FIFO queue
    world.sqs.send_message(QueueUrl=world.stack.urls["queue"], MessageBody="{}", MessageGroupId=order_id(20))

    # When the operator points a DLQ command at that queue
    code, _, err = run_cli("ops", "order_handoff", "dlq", command, "--env", ENV, "--queue", "queue")

    # Then it is refused (each receive would count toward maxReceiveCount) and nothing was received
    assert code == 2 and "is a source queue" in err
    assert world.drain("queue")[0]["Attributes"]["ApproximateReceiveCount"] == "1"


# --- errors and names -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--queue", "no-such-queue"], "queue no-such-queue"),
        (["--queue", "processing"], "short names processing, delivery, queue, buffer need --env"),
        (["--env", "prod"], "queue sferp-prod-order-handoff-dlq.fifo"),
        ([], "name the queue"),
    ],
)
def test_queue_not_found_is_one_line_and_exit_2(
    world: OpsWorld, run_cli: Any, argv: list[str], expected: str
) -> None:
    # Given / When a queue that does not exist (or none) is named
    code, out, err = run_cli("ops", "order_handoff", "dlq", "inspect", *argv)

    # Then one line on stderr names it
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and expected in err


def test_no_permission_is_one_line_and_exit_2(
    world: OpsWorld, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given credentials without sqs:ReceiveMessage
    proxy = _Proxy(world.sqs, receive_message=_denied("ReceiveMessage"))
    monkeypatch.setattr(ops_cli, "_clients", lambda _args, _service: proxy)

    # When the DLQ is inspected
    code, _, err = run_cli("ops", "order_handoff", "dlq", "inspect", "--env", ENV)

    # Then the missing permission is named
    assert code == 2
    assert err == (
        "sferp ops order_handoff dlq inspect: error: no permission for ReceiveMessage on queue "
        "sferp-local-order-handoff-dlq.fifo: not authorized\n"
    )


def test_short_queue_names_are_the_flow_names_the_stack_uses() -> None:
    # Given the names the ops commands resolve / Then they are the order handoff's own names,
    # the module the CDK construct reads (test_stack.py asserts the template has them)
    assert set(QUEUE_SUFFIXES.values()) == {
        handoff_names.DLQ,
        handoff_names.DELIVERY_DLQ,
        handoff_names.QUEUE,
        handoff_names.BUFFER,
    }
