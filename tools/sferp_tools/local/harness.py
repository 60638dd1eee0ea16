"""An in-process AWS for the order handoff: moto plus the parts moto does not play.

What moto does: EventBridge (bus, rule, event pattern, SQS target), SQS (FIFO ordering and
group hold-back, content-based deduplication, redrive after ``maxReceiveCount``), DynamoDB.
What this runtime adds, because moto lacks it:
- the **EventBridge Pipe** between the buffer queue and the FIFO queue, resolving the
  message group id from ``handoff_names.MESSAGE_GROUP_ID_PATH`` per event;
- the **event source mapping**: batches of ``handoff_names.ORDER_HANDOFF_BATCH_SIZE``, the partial
  batch response (moto's own SQS->Lambda trigger ignores it), deleting what succeeded;
- **virtual time**: a failed or crashed batch becomes visible again at once instead of after the
  visibility timeout, so a run with faults finishes in seconds.
Every name and number comes from ``sferp.wiring``, the module the CDK stack reads too.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import random
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from sferp import names
from sferp.order_handoff import names as handoff_names
from sferp.settings import FlowMode
from sferp_tools.local.erp_wrappers import SimulatedCrash
from sferp_tools.local.lambda_context import LocalLambdaContext

REPO_ROOT = Path(__file__).resolve().parents[3]
ORDER_HANDOFF_HANDLER = REPO_ROOT / "functions" / "order_handoff" / "handler.py"
ACCOUNT_ID = "123456789012"  # moto's default account


def load_handler_module(path: Path, name: str) -> ModuleType:
    """Import a ``functions/<flow>/handler.py`` the way Lambda does: by file, not as a package."""
    if not path.is_file():
        raise FileNotFoundError(f"handler not found: {path} (run from a checkout of the repository)")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def json_path_get(document: Any, path: str) -> Any:
    """Resolve the dotted JSONPath subset EventBridge Pipes accepts (``$.a.b``)."""
    if not path.startswith("$."):
        raise ValueError(f"unsupported path {path!r}")
    value = document
    for part in path[2:].split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


@dataclass
class InvocationStats:
    invocations: int = 0
    crashes: int = 0
    records: int = 0
    seconds_in_handler: float = 0.0
    seconds_in_pipe: float = 0.0
    seconds_in_bus: float = 0.0


@dataclass
class DeadLetterEntry:
    salesforce_order_id: str | None
    reason: str
    stage: str  # bus | delivery | handler | redrive
    body: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"salesforce_order_id": self.salesforce_order_id, "reason": self.reason, "stage": self.stage}


@dataclass
class LocalOrderHandoffStack:
    """The order-handoff slice of the stack, created in moto from ``sferp.wiring``."""

    session: Any  # boto3 Session inside an active mock_aws
    environment: str = "local"
    region: str = "us-east-1"
    names: dict[str, str] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    arns: dict[str, str] = field(default_factory=dict)

    def create(self) -> None:
        env = self.environment
        sqs = self.session.client("sqs", region_name=self.region)
        events = self.session.client("events", region_name=self.region)
        dynamodb = self.session.client("dynamodb", region_name=self.region)
        self.names = {
            "bus": names.resource_name(env, names.SALESFORCE_BUS),
            "rule": names.resource_name(env, handoff_names.ROUTE),
            "delivery_dlq": names.resource_name(env, handoff_names.DELIVERY_DLQ),
            "buffer": names.resource_name(env, handoff_names.BUFFER),
            "dlq": names.resource_name(env, handoff_names.DLQ),
            "queue": names.resource_name(env, handoff_names.QUEUE),
            "table": names.resource_name(env, handoff_names.STATE_TABLE),
        }
        self._queue(
            sqs, "delivery_dlq", {"MessageRetentionPeriod": str(handoff_names.ORDER_HANDOFF_DLQ_RETENTION_S)}
        )
        self._queue(
            sqs,
            "buffer",
            {
                "VisibilityTimeout": str(handoff_names.BUFFER_VISIBILITY_TIMEOUT_S),
                "RedrivePolicy": json.dumps(
                    {
                        "deadLetterTargetArn": self.arns["delivery_dlq"],
                        "maxReceiveCount": handoff_names.BUFFER_MAX_RECEIVE_COUNT,
                    }
                ),
            },
        )
        self._queue(
            sqs,
            "dlq",
            {"FifoQueue": "true", "MessageRetentionPeriod": str(handoff_names.ORDER_HANDOFF_DLQ_RETENTION_S)},
        )
        self._queue(
            sqs,
            "queue",
            {
                "FifoQueue": "true",
                "ContentBasedDeduplication": "true",
                "VisibilityTimeout": str(handoff_names.ORDER_HANDOFF_VISIBILITY_TIMEOUT_S),
                "MessageRetentionPeriod": str(handoff_names.ORDER_HANDOFF_QUEUE_RETENTION_S),
                "RedrivePolicy": json.dumps(
                    {
                        "deadLetterTargetArn": self.arns["dlq"],
                        "maxReceiveCount": handoff_names.ORDER_HANDOFF_MAX_RECEIVE_COUNT,
                    }
                ),
            },
        )
        events.create_event_bus(Name=self.names["bus"])
        events.put_rule(
            Name=self.names["rule"],
            EventBusName=self.names["bus"],
            EventPattern=json.dumps(handoff_names.order_handoff_event_pattern()),
        )
        events.put_targets(
            Rule=self.names["rule"],
            EventBusName=self.names["bus"],
            Targets=[
                {
                    "Id": "buffer",
                    "Arn": self.arns["buffer"],
                    "RetryPolicy": {
                        "MaximumEventAgeInSeconds": handoff_names.RULE_TARGET_MAX_EVENT_AGE_S,
                        "MaximumRetryAttempts": handoff_names.RULE_TARGET_RETRY_ATTEMPTS,
                    },
                    "DeadLetterConfig": {"Arn": self.arns["delivery_dlq"]},
                }
            ],
        )
        dynamodb.create_table(
            TableName=self.names["table"],
            KeySchema=[{"AttributeName": handoff_names.ORDER_STATE_PARTITION_KEY, "KeyType": "HASH"}],
            AttributeDefinitions=[
                {"AttributeName": handoff_names.ORDER_STATE_PARTITION_KEY, "AttributeType": "S"}
            ],
            BillingMode="PAY_PER_REQUEST",
        )

    def _queue(self, sqs: Any, key: str, attributes: dict[str, str]) -> None:
        url = sqs.create_queue(QueueName=self.names[key], Attributes=attributes)["QueueUrl"]
        self.urls[key] = url
        self.arns[key] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]

    def handler_environment(self, mode: FlowMode) -> dict[str, str]:
        """The variables the CDK stack sets on the function, pointing at the moto resources."""
        return {
            names.ENV_ENVIRONMENT: self.environment,
            names.ENV_FLOW_MODE: mode.value,
            handoff_names.ENV_ORDER_STATE_TABLE: self.names["table"],
            handoff_names.ENV_DLQ_URL: self.urls["dlq"],
            names.ENV_SALESFORCE_ADAPTER: "embedded",
            names.ENV_ERP_ADAPTER: "embedded",
        }


class LocalRuntime:
    """Feeds events into the local stack and plays the pipe and the event source mapping."""

    def __init__(
        self,
        *,
        stack: LocalOrderHandoffStack,
        handler: Callable[[dict[str, Any], Any], dict[str, Any]],
        outcome_source: Callable[[], Any],
        rng: random.Random,
        progress: Callable[[dict[str, int]], None] | None = None,
        around_invocation: Callable[[int], contextlib.AbstractContextManager[Any]] | None = None,
    ) -> None:
        self.stack = stack
        # Scripted conditions per invocation number (the demo's "ERP outage from batch 3 to 5").
        self._around = around_invocation or (lambda _n: contextlib.nullcontext())
        self._handler = handler
        self._outcome_source = outcome_source
        self._rng = rng
        self._progress = progress
        self._sqs = stack.session.client("sqs", region_name=stack.region)
        self._events = stack.session.client("events", region_name=stack.region)
        self.stats = InvocationStats()
        self.outcomes: Counter[str] = Counter()
        self.bus_rejections: list[DeadLetterEntry] = []
        self.last_failure: dict[str, str] = {}  # message id -> last failure reason
        self.delivery_failure: dict[str, str] = {}  # buffer message id -> reason
        self.emitted_metrics: dict[str, list[float]] = defaultdict(list)
        self.events_in = 0
        self.delivered_to_queue = 0

    # -- Event Relay -> bus ------------------------------------------------------------------------
    def publish(self, events: Iterable[dict[str, Any]]) -> None:
        """Put events on the bus as Event Relay would (PutEvents takes 10 entries a call)."""
        started = time.perf_counter()
        batch: list[dict[str, Any]] = []
        for event in events:
            self.events_in += 1
            problem = _envelope_problem(event)
            if problem:
                self.bus_rejections.append(
                    DeadLetterEntry(
                        _order_id_of(event), f"rejected at the event bus: {problem}", "bus", json.dumps(event)
                    )
                )
                continue
            batch.append(
                {
                    "Source": event["source"],
                    "DetailType": event["detail-type"],
                    "Detail": json.dumps(event["detail"]),
                    "EventBusName": self.stack.names["bus"],
                }
            )
            if len(batch) == 10:
                self._put(batch)
                batch = []
        if batch:
            self._put(batch)
        self.stats.seconds_in_bus += time.perf_counter() - started

    def _put(self, entries: list[dict[str, Any]]) -> None:
        result = self._events.put_events(Entries=entries)
        for entry, answer in zip(entries, result["Entries"], strict=True):
            if "ErrorCode" in answer:
                self.bus_rejections.append(
                    DeadLetterEntry(
                        None, f"rejected at the event bus: {answer['ErrorCode']}", "bus", entry["Detail"]
                    )
                )

    # -- the pipe: buffer -> FIFO with a per-event message group ----------------------------------------
    def pump_pipe(self) -> int:
        started = time.perf_counter()
        moved = 0
        while True:
            messages = self._sqs.receive_message(
                QueueUrl=self.stack.urls["buffer"],
                MaxNumberOfMessages=handoff_names.PIPE_BATCH_SIZE,
                AttributeNames=["All"],
            ).get("Messages", [])
            if not messages:
                break
            for message in messages:
                try:
                    body = json.loads(message["Body"])
                except json.JSONDecodeError:
                    body = None
                group = (
                    json_path_get({"body": body}, handoff_names.MESSAGE_GROUP_ID_PATH)
                    if body is not None
                    else None
                )
                if not isinstance(group, str) or not group:
                    # Pipes fail the target call when a dynamic path does not resolve; the buffer's
                    # redrive policy then moves the event to the delivery DLQ.
                    self.delivery_failure[message["MessageId"]] = (
                        f"pipe: message group id path {handoff_names.MESSAGE_GROUP_ID_PATH} not found in the event"
                    )
                    self._sqs.change_message_visibility(
                        QueueUrl=self.stack.urls["buffer"],
                        ReceiptHandle=message["ReceiptHandle"],
                        VisibilityTimeout=0,
                    )
                    continue
                assert (
                    handoff_names.PIPE_INPUT_TEMPLATE == "<$.body>"
                )  # the template forwards the body unchanged
                self._sqs.send_message(
                    QueueUrl=self.stack.urls["queue"], MessageBody=message["Body"], MessageGroupId=group
                )
                self._sqs.delete_message(
                    QueueUrl=self.stack.urls["buffer"], ReceiptHandle=message["ReceiptHandle"]
                )
                moved += 1
        self.delivered_to_queue += moved
        self.stats.seconds_in_pipe += time.perf_counter() - started
        return moved

    # -- the event source mapping ------------------------------------------------------------------
    def consume_once(self) -> int:
        messages = self._sqs.receive_message(
            QueueUrl=self.stack.urls["queue"],
            MaxNumberOfMessages=handoff_names.ORDER_HANDOFF_BATCH_SIZE,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if not messages:
            return 0
        event = {"Records": [self._lambda_record(m) for m in messages]}
        context = LocalLambdaContext(
            function_name=names.resource_name(self.stack.environment, handoff_names.FUNCTION)
        )
        self.stats.invocations += 1
        self.stats.records += len(messages)
        captured = io.StringIO()
        started = time.perf_counter()
        try:
            with contextlib.redirect_stdout(captured), self._around(self.stats.invocations):
                response = self._handler(event, context)
        except SimulatedCrash:
            self.stats.crashes += 1
            response = None
        finally:
            self.stats.seconds_in_handler += time.perf_counter() - started
            self._collect_metrics(captured.getvalue())
        if response is None:
            failed = {m["MessageId"] for m in messages}
            for message_id in failed:
                self.last_failure[message_id] = "handler crashed before acknowledging"
        else:
            failed = {item["itemIdentifier"] for item in response.get("batchItemFailures", [])}
            outcome = self._outcome_source()
            for message_id, value in outcome.handled.items():
                if message_id not in failed:
                    self.outcomes[value] += 1
            self.outcomes["dead_lettered_by_handler"] += len(outcome.dead_letters)
            self.last_failure.update(outcome.failures)
        retry = [
            {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 0}
            for n, m in enumerate(messages)
            if m["MessageId"] in failed
        ]
        done = [
            {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]}
            for n, m in enumerate(messages)
            if m["MessageId"] not in failed
        ]
        if retry:
            # Virtual time: the visibility timeout (or the handler's back-off) has elapsed.
            self._sqs.change_message_visibility_batch(QueueUrl=self.stack.urls["queue"], Entries=retry)
        if done:
            # The event source mapping deletes what the partial batch response did not name.
            self._sqs.delete_message_batch(QueueUrl=self.stack.urls["queue"], Entries=done)
        return len(messages)

    def _lambda_record(self, message: dict[str, Any]) -> dict[str, Any]:
        attributes = message.get("Attributes", {})
        record_attributes = {
            "ApproximateReceiveCount": attributes.get("ApproximateReceiveCount", "1"),
            "SentTimestamp": attributes.get("SentTimestamp", "0"),
            "SenderId": attributes.get("SenderId", ACCOUNT_ID),
            "ApproximateFirstReceiveTimestamp": attributes.get("ApproximateFirstReceiveTimestamp", "0"),
            "MessageGroupId": attributes.get("MessageGroupId", ""),
            "MessageDeduplicationId": attributes.get("MessageDeduplicationId", ""),
            "SequenceNumber": attributes.get("SequenceNumber", "0"),
        }
        return {
            "messageId": message["MessageId"],
            "receiptHandle": message["ReceiptHandle"],
            "body": message["Body"],
            "attributes": record_attributes,
            "messageAttributes": {},
            "md5OfBody": message.get("MD5OfBody", ""),
            "eventSource": "aws:sqs",
            "eventSourceARN": self.stack.arns["queue"],
            "awsRegion": self.stack.region,
        }

    def _collect_metrics(self, output: str) -> None:
        for line in output.splitlines():
            line = line.strip()
            if not line.startswith("{") or '"_aws"' not in line:
                continue
            try:
                document = json.loads(line)
            except json.JSONDecodeError:
                continue
            for directive in document["_aws"].get("CloudWatchMetrics", []):
                for metric in directive.get("Metrics", []):
                    value = document.get(metric["Name"])
                    values = value if isinstance(value, list) else [value]
                    self.emitted_metrics[metric["Name"]].extend(float(v) for v in values if v is not None)

    # -- until the queues are empty ----------------------------------------------------------------
    def drain(self, *, max_rounds: int | None = None) -> None:
        limit = max_rounds or max(1000, self.events_in * 50)
        for _ in range(limit):
            moved = self.pump_pipe()
            consumed = self.consume_once()
            if self._progress is not None and consumed:
                self._progress({"records": self.stats.records, "invocations": self.stats.invocations})
            if not moved and not consumed and self._queues_empty():
                return
        raise RuntimeError(f"queues did not drain after {limit} rounds")

    def _queues_empty(self) -> bool:
        for key in ("buffer", "queue"):
            attrs = self._sqs.get_queue_attributes(
                QueueUrl=self.stack.urls[key],
                AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
            )["Attributes"]
            if int(attrs["ApproximateNumberOfMessages"]) or int(
                attrs["ApproximateNumberOfMessagesNotVisible"]
            ):
                return False
        return True

    # -- what ended in a DLQ -----------------------------------------------------------------------
    def dead_letters(self) -> list[DeadLetterEntry]:
        entries = list(self.bus_rejections)
        for message in self._read_all(self.stack.urls["delivery_dlq"]):
            reason = self.delivery_failure.get(
                message["MessageId"], "EventBridge could not deliver to the buffer"
            )
            entries.append(
                DeadLetterEntry(_order_id_in_body(message["Body"]), reason, "delivery", message["Body"])
            )
        for message in self._read_all(self.stack.urls["dlq"]):
            attributes = message.get("MessageAttributes", {})
            if "sferp-reason" in attributes:
                reason = attributes["sferp-reason"]["StringValue"]
                order_id = attributes.get("sferp-salesforce-order-id", {}).get("StringValue")
                stage = "handler"
            else:
                last = self.last_failure.get(message["MessageId"], "unknown")
                reason = f"failed {handoff_names.ORDER_HANDOFF_MAX_RECEIVE_COUNT} times (maxReceiveCount); last error: {last}"
                order_id = _order_id_in_body(message["Body"])
                stage = "redrive"
            entries.append(DeadLetterEntry(order_id, reason, stage, message["Body"]))
        return entries

    def _read_all(self, url: str) -> list[dict[str, Any]]:
        """Read a DLQ without consuming it (messages are made visible again afterwards)."""
        seen: dict[str, dict[str, Any]] = {}
        handles: list[str] = []
        while True:
            batch = self._sqs.receive_message(
                QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"], MessageAttributeNames=["All"]
            ).get("Messages", [])
            if not batch:
                break
            for message in batch:
                seen.setdefault(message["MessageId"], message)
                handles.append(message["ReceiptHandle"])
        for handle in handles:
            self._sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=0)
        return list(seen.values())

    def metric_summary(self) -> dict[str, dict[str, float]]:
        summary: dict[str, dict[str, float]] = {}
        for name, values in sorted(self.emitted_metrics.items()):
            ordered = sorted(values)
            summary[name] = {
                "samples": len(values),
                "sum": round(sum(values), 3),
                "min": round(ordered[0], 3),
                "max": round(ordered[-1], 3),
                "p50": round(statistics.median(ordered), 3),
                "p95": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 3),
            }
        return summary


def _envelope_problem(event: Any) -> str | None:
    if not isinstance(event, dict):
        return "not a JSON object"
    for key in ("source", "detail-type"):
        if not isinstance(event.get(key), str) or not event[key]:
            return f"missing {key!r}"
    if not isinstance(event.get("detail"), dict):
        return "missing 'detail' object"
    return None


def _order_id_of(event: Any) -> str | None:
    if isinstance(event, dict):
        detail = event.get("detail")
        if isinstance(detail, dict) and isinstance(detail.get("payload"), dict):
            value = detail["payload"].get("Order_Id__c")
            return value if isinstance(value, str) and value else None
    return None


def _order_id_in_body(body: str) -> str | None:
    try:
        return _order_id_of(json.loads(body))
    except json.JSONDecodeError:
        return None
