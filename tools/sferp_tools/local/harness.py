"""The one local runtime: the AWS pieces every flow's local runner plays, in one home.

moto does EventBridge (bus, rules, patterns, SQS targets), SQS (FIFO ordering and group
hold-back, content-based deduplication, redrive after ``maxReceiveCount``), DynamoDB, S3 and
Step Functions (its interpreter runs a state machine definition). What it lacks is played here:
- **resources from the same specs as the stack** (``create_queue``, ``create_table`` read the
  ``QueueSpec`` / ``TableSpec`` of ``sferp.<flow>.names`` that ``infra/constructs`` builds from);
- **the EventBridge Pipe** (``Pipe``): buffer queue -> FIFO queue with the message group resolved
  per event from a JSON path;
- **the SQS event source mapping** (``EventSourceMapping``): batches, the partial batch response
  (moto's own SQS->Lambda trigger ignores it), deleting what succeeded, and virtual time (a failed
  or crashed record is visible again at once instead of after the visibility timeout);
- **API Gateway** (``rest_event``): the REST (v1) proxy event the deployed API sends;
- **Step Functions' Lambda tasks** (``StepFunctionsLambda``): moto's interpreter invokes the real
  handler in-process, with injectable crashes;
- **the handler as Lambda loads it** (``load_handler``: by file, ``functions/<flow>/handler.py``).
A flow's local runner (``sferp_tools.local.<flow>``) composes these; docs/adding_a_flow.md.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import logging
import re
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, cast
from unittest import mock

from sferp.names import (
    PIPE_INPUT_TEMPLATE,
    RULE_TARGET_MAX_EVENT_AGE_S,
    RULE_TARGET_RETRY_ATTEMPTS,
    SALESFORCE_BUS,
    QueueSpec,
    RoutedQueues,
    TableSpec,
    resource_name,
)
from sferp_tools.local.erp_wrappers import SimulatedCrash
from sferp_tools.local.lambda_context import LocalLambdaContext

REPO_ROOT = Path(__file__).resolve().parents[3]
FUNCTIONS_DIR = REPO_ROOT / "functions"
ACCOUNT_ID = "123456789012"  # moto's default account


# --- the handler as Lambda loads it ---------------------------------------------------------------
def handler_path(flow: str) -> Path:
    return FUNCTIONS_DIR / flow / "handler.py"


def load_handler_module(path: Path, name: str) -> ModuleType:
    """Import a ``functions/<flow>/handler.py`` the way Lambda does: by file, not as a package."""
    if not path.is_file():
        raise FileNotFoundError(f"handler not found: {path} (run from a checkout of the repository)")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_handler(flow: str) -> ModuleType:
    return load_handler_module(handler_path(flow), f"sferp_local_{flow}_handler")


@contextlib.contextmanager
def logs_to(stream: Any | None) -> Iterator[None]:
    """Powertools' JSON logs go to ``stream`` for the block (None: leave them where they are).

    The stream is swapped without ``setStream``, which flushes the old one: that may be a stream
    somebody has closed since (pytest's capture of an earlier test), and one that is closed is
    never put back (stdout is)."""
    if stream is None:
        yield
        return
    from sferp.observability import logger

    # Powertools' registered handler is a StreamHandler (typed as a plain Handler).
    handler = cast("logging.StreamHandler[Any]", logger.registered_handler)
    previous = handler.stream
    handler.stream = stream
    try:
        yield
    finally:
        handler.stream = previous if not getattr(previous, "closed", False) else sys.stdout


# --- resources from the stack's specs ----------------------------------------------------------------
@dataclass(frozen=True)
class QueueRef:
    name: str
    url: str
    arn: str


def create_queue(sqs: Any, spec: QueueSpec, env_name: str) -> QueueRef:
    """The queue (and first its dead-letter queue) as ``infra/constructs/queues.py`` builds it."""
    attributes = {"MessageRetentionPeriod": str(spec.retention_s)}
    if spec.fifo:
        attributes["FifoQueue"] = "true"
    if spec.content_based_deduplication:
        attributes["ContentBasedDeduplication"] = "true"
    if spec.visibility_timeout_s is not None:
        attributes["VisibilityTimeout"] = str(spec.visibility_timeout_s)
    if spec.dead_letter is not None:
        dead_letter = create_queue(sqs, spec.dead_letter, env_name)
        attributes["RedrivePolicy"] = json.dumps(
            {"deadLetterTargetArn": dead_letter.arn, "maxReceiveCount": spec.max_receive_count}
        )
    name = spec.name(env_name)
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return QueueRef(name=name, url=url, arn=arn)


def create_table(dynamodb: Any, spec: TableSpec, env_name: str) -> str:
    """The table as ``infra/constructs/tables.py`` builds it: string keys, on demand, TTL."""
    keys = [(spec.partition_key, "HASH")] + ([(spec.sort_key, "RANGE")] if spec.sort_key else [])
    name = spec.name(env_name)
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": key, "KeyType": kind} for key, kind in keys],
        AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"} for key, _ in keys],
        BillingMode="PAY_PER_REQUEST",
    )
    if spec.ttl_attribute:
        dynamodb.update_time_to_live(
            TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": spec.ttl_attribute}
        )
    return name


def create_route(
    session: Any,
    *,
    region: str,
    env_name: str,
    route: str,
    pattern: Mapping[str, Any],
    queues: RoutedQueues,
    bus: str | None = None,
) -> dict[str, QueueRef]:
    """A flow's route as ``infra/constructs/route.py`` builds it: the bus (the Salesforce bus
    shared by every flow unless ``bus`` names another; created once), the rule with its retry
    policy and delivery DLQ, the buffer, the FIFO queue and its DLQ. Returns the queues by role
    (buffer, queue, delivery_dlq, dlq)."""
    sqs = session.client("sqs", region_name=region)
    events = session.client("events", region_name=region)
    refs = {
        "buffer": create_queue(sqs, queues.buffer, env_name),
        "queue": create_queue(sqs, queues.queue, env_name),
    }
    # The dead-letter queues were created with their sources (the specs' redrive policies).
    for key, spec in (("delivery_dlq", queues.delivery_dlq), ("dlq", queues.dlq)):
        url = sqs.get_queue_url(QueueName=spec.name(env_name))["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        refs[key] = QueueRef(name=spec.name(env_name), url=url, arn=arn)
    bus = bus or resource_name(env_name, SALESFORCE_BUS)
    try:
        events.create_event_bus(Name=bus)
    except events.exceptions.ResourceAlreadyExistsException:
        pass  # another flow's route created it
    rule = resource_name(env_name, route)
    events.put_rule(Name=rule, EventBusName=bus, EventPattern=json.dumps(pattern))
    events.put_targets(
        Rule=rule,
        EventBusName=bus,
        Targets=[
            {
                "Id": "buffer",
                "Arn": refs["buffer"].arn,
                "RetryPolicy": {
                    "MaximumEventAgeInSeconds": RULE_TARGET_MAX_EVENT_AGE_S,
                    "MaximumRetryAttempts": RULE_TARGET_RETRY_ATTEMPTS,
                },
                "DeadLetterConfig": {"Arn": refs["delivery_dlq"].arn},
            }
        ],
    )
    return refs


def queues_empty(sqs: Any, urls: list[str]) -> bool:
    """No message in these queues, visible or in flight."""
    for url in urls:
        attrs = sqs.get_queue_attributes(
            QueueUrl=url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )["Attributes"]
        if int(attrs["ApproximateNumberOfMessages"]) or int(attrs["ApproximateNumberOfMessagesNotVisible"]):
            return False
    return True


def route_pipe(sqs: Any, queues: Mapping[str, QueueRef], *, group_path: str, batch_size: int) -> Pipe:
    """The route's pipe, buffer -> FIFO queue, as ``infra/constructs/route.py`` builds it."""
    return Pipe(
        sqs=sqs,
        source=queues["buffer"],
        target=queues["queue"],
        group_path=group_path,
        input_template=PIPE_INPUT_TEMPLATE,
        batch_size=batch_size,
    )


# --- EventBridge Pipes ---------------------------------------------------------------------------------
# The JSON path syntax EventBridge Pipes documents for dynamic target parameters ("Target
# parameters", EventBridge User Guide): dot notation with alphanumerics, dashes and underscores, and
# array indices. The local pipe plays exactly this subset; anything else raises.
_PIPE_PATH_PART = re.compile(r"^([A-Za-z0-9_/-]+)((?:\[\d+\])*)$")


def json_path_get(document: Any, path: str) -> Any:
    """Resolve the JSONPath subset EventBridge Pipes accepts (``$.a.b``, ``$.a.list[0]``)."""
    if not path.startswith("$."):
        raise ValueError(f"unsupported path {path!r}")
    value = document
    for part in path[2:].split("."):
        match = _PIPE_PATH_PART.match(part)
        if match is None:
            raise ValueError(f"unsupported path {path!r} (part {part!r})")
        if not isinstance(value, dict) or match.group(1) not in value:
            return None
        value = value[match.group(1)]
        for index in re.findall(r"\[(\d+)\]", match.group(2)):
            if not isinstance(value, list) or int(index) >= len(value):
                return None
            value = value[int(index)]
    return value


@dataclass
class Pipe:
    """SQS source -> SQS FIFO target with ``MessageGroupId`` from ``group_path`` of each record.

    Only the input template ``<$.body>`` (forward the body unchanged) is played. A record whose
    group path does not resolve fails the target call, as in Pipes: it becomes visible again in
    the source and the source's redrive policy eventually moves it to its DLQ."""

    sqs: Any
    source: QueueRef
    target: QueueRef
    group_path: str
    input_template: str
    batch_size: int
    failures: dict[str, str] = field(default_factory=dict)  # source message id -> reason
    seconds: float = 0.0

    def __post_init__(self) -> None:
        if self.input_template != "<$.body>":
            raise ValueError(f"the local pipe plays only the <$.body> template, not {self.input_template!r}")

    def pump(self) -> int:
        started = time.perf_counter()
        moved = 0
        while True:
            messages = self.sqs.receive_message(
                QueueUrl=self.source.url, MaxNumberOfMessages=self.batch_size, AttributeNames=["All"]
            ).get("Messages", [])
            if not messages:
                break
            for message in messages:
                try:
                    body = json.loads(message["Body"])
                except json.JSONDecodeError:
                    body = None
                group = json_path_get({"body": body}, self.group_path) if body is not None else None
                if not isinstance(group, str) or not group:
                    self.failures[message["MessageId"]] = (
                        f"pipe: message group id path {self.group_path} not found in the event"
                    )
                    self.sqs.change_message_visibility(
                        QueueUrl=self.source.url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
                    )
                    continue
                self.sqs.send_message(
                    QueueUrl=self.target.url, MessageBody=message["Body"], MessageGroupId=group
                )
                self.sqs.delete_message(QueueUrl=self.source.url, ReceiptHandle=message["ReceiptHandle"])
                moved += 1
        self.seconds += time.perf_counter() - started
        return moved


def matches_pattern(event: Mapping[str, Any], pattern: Mapping[str, Any]) -> bool:
    """The EventBridge pattern subset the flows use: nested objects, and per leaf one of exact
    strings, ``{"prefix": ...}`` or ``{"anything-but": <string>}``. A pattern this does not
    understand raises, rather than guessing."""
    for key, expected in pattern.items():
        value = event.get(key) if isinstance(event, Mapping) else None
        if isinstance(expected, Mapping):
            if not isinstance(value, Mapping) or not matches_pattern(value, expected):
                return False
            continue
        if not isinstance(value, str):
            return False
        if not any(_matches_leaf(value, alternative) for alternative in expected):
            return False
    return True


def _matches_leaf(value: str, alternative: Any) -> bool:
    if isinstance(alternative, str):
        return value == alternative
    if isinstance(alternative, dict) and set(alternative) == {"prefix"}:
        return value.startswith(alternative["prefix"])
    if isinstance(alternative, dict) and set(alternative) == {"anything-but"}:
        if not isinstance(alternative["anything-but"], str):
            raise ValueError(f"the local matcher does not play the pattern {alternative!r}")
        return value != alternative["anything-but"]
    raise ValueError(f"the local matcher does not play the pattern {alternative!r}")


# --- the SQS event source mapping -------------------------------------------------------------------
@dataclass
class Batch:
    messages: list[dict[str, Any]]
    response: dict[str, Any] | None  # None: the invocation crashed
    failed: set[str]  # message ids that stay in the queue


@dataclass
class EventSourceMapping:
    """SQS queue -> handler, batches of ``batch_size``, ReportBatchItemFailures on."""

    sqs: Any
    queue: QueueRef
    handler: Callable[[dict[str, Any], Any], dict[str, Any]]
    function_name: str
    region: str
    batch_size: int
    around: Callable[[int], contextlib.AbstractContextManager[Any]] = field(
        default=lambda _n: contextlib.nullcontext()
    )
    invocations: int = 0
    crashes: int = 0
    records: int = 0
    seconds: float = 0.0
    metrics: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    # Each invocation's printed output (its EMF with dimensions), for a caller that keeps metrics
    # per virtual time (the drill's CloudWatch).
    emf_sink: Callable[[str], None] | None = None

    def poll(self) -> Batch | None:
        """One receive and one invocation; None when the queue had nothing visible."""
        messages: list[dict[str, Any]] = []
        while True:
            # SQS hands out 10 a receive; a larger batch (a standard queue with a batching window)
            # is what Lambda's poller gathers over several receives within the window.
            got = self.sqs.receive_message(
                QueueUrl=self.queue.url,
                MaxNumberOfMessages=min(10, self.batch_size - len(messages)),
                AttributeNames=["All"],
                MessageAttributeNames=["All"],
            ).get("Messages", [])
            messages += got
            if not got or self.batch_size <= 10 or len(messages) >= self.batch_size:
                break
        if not messages:
            return None
        event = {"Records": [self._record(m) for m in messages]}
        self.invocations += 1
        self.records += len(messages)
        captured = io.StringIO()
        started = time.perf_counter()
        response: dict[str, Any] | None
        try:
            with contextlib.redirect_stdout(captured), self.around(self.invocations):
                response = self.handler(event, LocalLambdaContext(function_name=self.function_name))
        except SimulatedCrash:
            self.crashes += 1
            response = None
        finally:
            self.seconds += time.perf_counter() - started
            collect_emf_metrics(captured.getvalue(), self.metrics)
            if self.emf_sink is not None:
                self.emf_sink(captured.getvalue())
        if response is None:
            failed = {m["MessageId"] for m in messages}
        else:
            failed = {item["itemIdentifier"] for item in response.get("batchItemFailures", [])}
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
        for start in range(0, len(retry), 10):
            # Virtual time: the visibility timeout (or the handler's back-off) has elapsed.
            self.sqs.change_message_visibility_batch(
                QueueUrl=self.queue.url, Entries=retry[start : start + 10]
            )
        for start in range(0, len(done), 10):
            # The event source mapping deletes what the partial batch response did not name.
            self.sqs.delete_message_batch(QueueUrl=self.queue.url, Entries=done[start : start + 10])
        return Batch(messages=messages, response=response, failed=failed)

    def _record(self, message: dict[str, Any]) -> dict[str, Any]:
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
            "eventSourceARN": self.queue.arn,
            "awsRegion": self.region,
        }


def emf_documents(output: str) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Every EMF (document, metric directive) a handler printed (Powertools Metrics writes to stdout)."""
    for line in output.splitlines():
        line = line.strip()
        if not line.startswith("{") or '"_aws"' not in line:
            continue
        try:
            document = json.loads(line)
        except json.JSONDecodeError:
            continue
        for directive in document["_aws"].get("CloudWatchMetrics", []):
            yield document, directive


def emf_values(document: dict[str, Any], name: str) -> list[float]:
    value = document.get(name)
    return [float(v) for v in (value if isinstance(value, list) else [value]) if v is not None]


def collect_emf_metrics(output: str, into: dict[str, list[float]]) -> None:
    """The values of every EMF metric a handler printed, by name."""
    for document, directive in emf_documents(output):
        for metric in directive.get("Metrics", []):
            into[metric["Name"]].extend(emf_values(document, metric["Name"]))


# --- API Gateway (REST, proxy integration) --------------------------------------------------------------
def rest_event(
    method: str,
    path: str,
    *,
    body: Any = None,
    query: Mapping[str, str] | None = None,
    raw_body: str | None = None,
    resource: str | None = None,
    path_parameters: Mapping[str, str] | None = None,
    stage: str = "local",
) -> dict[str, Any]:
    """An API Gateway REST (v1) proxy event as the deployed API sends it (IAM identity included)."""
    text = raw_body if raw_body is not None else (json.dumps(body) if body is not None else None)
    return {
        "resource": resource or path,
        "path": path,
        "httpMethod": method,
        "headers": {"Content-Type": "application/json", "Host": "localhost"},
        "multiValueHeaders": {"Content-Type": ["application/json"], "Host": ["localhost"]},
        "queryStringParameters": dict(query) if query else None,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": dict(path_parameters) if path_parameters else None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": resource or path,
            "httpMethod": method,
            "path": f"/{stage}{path}",
            "stage": stage,
            "requestId": str(uuid.uuid4()),
            "accountId": ACCOUNT_ID,
            "identity": {
                "sourceIp": "127.0.0.1",
                "userArn": f"arn:aws:iam::{ACCOUNT_ID}:user/salesforce-local",
            },
        },
        "body": text,
        "isBase64Encoded": False,
    }


# --- Step Functions' Lambda tasks ---------------------------------------------------------------------
class SimulatedTaskCrash(Exception):
    """A task's Lambda invocation dies (timeout, out of memory). Not in the Retry list, so the
    state machine's Catch records the run as failed, as after exhausted retries in AWS."""


@dataclass
class _Fault:
    key: str
    when: str  # "before" | "after" the work


@dataclass
class StepFunctionsLambda:
    """While active, every Lambda invoke of moto's Step Functions interpreter runs ``handler``
    in-process and answers as Lambda does (an ``Unhandled`` function error on an exception).
    ``fail_once(key)`` makes the next invocation whose ``key_of(event)`` is ``key`` crash before
    or after its work, as a timed-out or killed invocation would."""

    handler: Callable[[dict[str, Any], Any], Any]
    function_name: str
    key_of: Callable[[dict[str, Any]], str]
    invocations: list[str] = field(default_factory=list)
    _faults: list[_Fault] = field(default_factory=list)

    def fail_once(self, key: str, *, when: str = "before") -> None:
        self._faults.append(_Fault(key, when))

    def patch(self) -> contextlib.AbstractContextManager[Any]:
        from moto.awslambda.models import LambdaBackend

        return mock.patch.object(LambdaBackend, "invoke", self._invoke())

    def _invoke(self) -> Callable[..., bytes]:
        harness = self

        def invoke(
            _backend: Any,
            function_name: str,
            qualifier: Any,
            body: Any,
            headers: Any,
            response_headers: dict[str, str],
        ) -> bytes:
            event = json.loads(body) if body else {}
            key = harness.key_of(event)
            harness.invocations.append(key)
            fault = next((f for f in harness._faults if f.key == key), None)
            try:
                if fault is not None and fault.when == "before":
                    harness._faults.remove(fault)
                    raise SimulatedTaskCrash(f"{key} killed before its work")
                answer = harness.handler(event, LocalLambdaContext(function_name=harness.function_name))
                if fault is not None and fault.when == "after":
                    harness._faults.remove(fault)
                    raise SimulatedTaskCrash(f"{key} killed after its work, before answering")
            except Exception as exc:
                response_headers["x-amz-function-error"] = "Unhandled"
                return json.dumps({"errorType": type(exc).__name__, "errorMessage": str(exc)[:1000]}).encode()
            return json.dumps(answer, default=str).encode()

        return invoke
