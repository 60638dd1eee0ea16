"""Inspect and redrive the order-handoff dead-letter queues without losing a message.

Two DLQs hold what did not reach the ERP (docs/runbooks/):
- the processing DLQ (FIFO): poison messages the handler dead-lettered itself, with the reason in
  message attributes (``sferp.ports.queues``), and messages SQS moved there after
  ``maxReceiveCount`` failed receives (no reason attribute);
- the delivery DLQ (standard): events the rule target or the pipe could not deliver.

Inspecting receives messages and makes them visible again at once: nothing is consumed. Redrive
either starts an SQS message move task (``StartMessageMoveTask``; AWS supports FIFO DLQs -> FIFO
queues since late 2023, the task runs server-side) or, to move only some orders or where the API
is not available, sends each message to the source queue and deletes it from the DLQ only after
the send succeeded.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Final

from sferp.models.salesforce_id import to_18
from sferp.ports.queues import ORDER_ID_ATTRIBUTE, REASON_ATTRIBUTE
from sferp_tools.ops.aws import QUEUE_SUFFIXES, OpsError, aws_call, describe_aws_error, resource_name

SQS_RECEIVE_MAX: Final = 10  # ReceiveMessage returns at most 10 messages a call
# Long polling (>= 1 s) asks every SQS server; a short poll of a standard queue samples a few and
# can come back empty while messages wait, which would end a redrive early.
RECEIVE_WAIT_S: Final = 1  # seconds
PEEK_VISIBILITY_S: Final = 60  # seconds; messages are released explicitly long before this
# Hidden while the redrive walks the queue, so no message is received (and sent) twice in a run.
REDRIVE_VISIBILITY_S: Final = 300  # seconds
MAX_RECEIVE_REASON: Final = "maxReceiveCount exceeded"
# EventBridge sets these on events it dead-letters (rule target DLQ).
EVENTBRIDGE_ERROR_CODE: Final = "ERROR_CODE"
EVENTBRIDGE_ERROR_MESSAGE: Final = "ERROR_MESSAGE"
REDRIVEN_FROM_ATTRIBUTE: Final = "sferp-redriven-from"
# A move task only exists where the endpoint implements it; these answers mean "use the loop".
_MOVE_TASK_UNAVAILABLE: Final = frozenset(
    {"UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", "InvalidAction"}
)


@dataclass(frozen=True)
class QueueRef:
    url: str
    arn: str
    # A queue with a redrive policy is a live source queue, not a DLQ: every receive counts
    # toward its maxReceiveCount, so reading it here could push messages into its DLQ.
    has_redrive_policy: bool = False

    @property
    def name(self) -> str:
        return self.url.rstrip("/").rsplit("/", 1)[-1]

    @property
    def fifo(self) -> bool:
        return self.name.endswith(".fifo")


def resolve_queue(sqs: Any, value: str, *, env: str | None = None) -> QueueRef:
    """A queue URL, ARN or name, or with ``env`` one of the short names in ``QUEUE_SUFFIXES``."""
    text = value.strip()
    if not text:
        raise OpsError("empty queue name")
    if env and text in QUEUE_SUFFIXES:
        text = resource_name(env, QUEUE_SUFFIXES[text])
    if text.startswith(("https://", "http://")):
        url = text
    else:
        kwargs: dict[str, str] = {}
        if text.startswith("arn:"):
            parts = text.split(":")
            if len(parts) != 6 or parts[2] != "sqs":
                raise OpsError(f"not an SQS queue ARN: {value}")
            text, kwargs["QueueOwnerAWSAccountId"] = parts[5], parts[4]
        elif "/" in text:
            raise OpsError(f"not a queue name, URL or ARN: {value}")
        hint = "" if env else f" (short names {', '.join(QUEUE_SUFFIXES)} need --env)"
        with aws_call(f"queue {text}{hint}"):
            url = sqs.get_queue_url(QueueName=text, **kwargs)["QueueUrl"]
    with aws_call(f"queue {url}"):
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn", "RedrivePolicy"])[
            "Attributes"
        ]
    return QueueRef(
        url=url, arn=attributes["QueueArn"], has_redrive_policy=bool(attributes.get("RedrivePolicy"))
    )


def _require_dlq(queue: QueueRef) -> None:
    if queue.has_redrive_policy:
        raise OpsError(
            f"{queue.name} is a source queue (it has a redrive policy), not a dead-letter queue: reading it "
            "here would count toward its maxReceiveCount"
        )


def source_queue_of(sqs: Any, dlq: QueueRef) -> QueueRef:
    """The queue whose redrive policy points at ``dlq`` (the redrive target when ``--to`` is absent)."""
    _require_dlq(dlq)
    with aws_call(f"dead-letter sources of {dlq.name}"):
        urls = sqs.list_dead_letter_source_queues(QueueUrl=dlq.url).get("queueUrls", [])
    if len(urls) != 1:
        found = ", ".join(url.rsplit("/", 1)[-1] for url in urls) or "none"
        raise OpsError(f"{dlq.name} is the DLQ of {len(urls)} queues ({found}): name the target with --to")
    return resolve_queue(sqs, urls[0])


def queue_depth(sqs: Any, queue: QueueRef) -> tuple[int, int]:
    """(visible, in flight) as SQS approximates them."""
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    with aws_call(f"queue {queue.name}"):
        attributes = sqs.get_queue_attributes(QueueUrl=queue.url, AttributeNames=names)["Attributes"]
    return int(attributes.get(names[0], 0)), int(attributes.get(names[1], 0))


@dataclass(frozen=True)
class DlqMessage:
    message_id: str
    salesforce_order_id: str | None
    reason: str
    sent_at: datetime | None
    message_group_id: str | None
    receive_count: int
    summary: str
    body: str = field(repr=False)
    # True when the handler dead-lettered it as invalid (a reason attribute): a redrive alone
    # cannot make it succeed.
    invalid_payload: bool = False

    def age_s(self, now: datetime) -> float | None:
        return None if self.sent_at is None else max(0.0, (now - self.sent_at).total_seconds())

    def as_dict(self, *, now: datetime, show_body: bool = False) -> dict[str, Any]:
        age = self.age_s(now)
        result: dict[str, Any] = {
            "message_id": self.message_id,
            "salesforce_order_id": self.salesforce_order_id,
            "reason": self.reason,
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
            "age_s": None if age is None else round(age),
            "message_group_id": self.message_group_id,
            "receive_count": self.receive_count,
            "summary": self.summary,
            "invalid_payload": self.invalid_payload,
        }
        if show_body:
            result["body"] = self.body
        return result


def parse_message(raw: dict[str, Any]) -> DlqMessage:
    attributes = raw.get("MessageAttributes") or {}
    system = raw.get("Attributes") or {}
    body = str(raw.get("Body", ""))
    try:
        document: Any = json.loads(body)
    except json.JSONDecodeError:
        document = None
    payload = _payload_of(document)
    order_id = _string_attribute(attributes, ORDER_ID_ATTRIBUTE)
    if order_id is None and isinstance(payload.get("Order_Id__c"), str) and payload["Order_Id__c"]:
        order_id = payload["Order_Id__c"]
    sent_ms = system.get("SentTimestamp")
    return DlqMessage(
        message_id=str(raw["MessageId"]),
        salesforce_order_id=order_id,
        reason=_reason(attributes),
        sent_at=datetime.fromtimestamp(int(sent_ms) / 1000, tz=UTC) if sent_ms else None,
        message_group_id=system.get("MessageGroupId"),
        receive_count=int(system.get("ApproximateReceiveCount", 0)),
        summary=summarise(body, document),
        body=body,
        invalid_payload=_string_attribute(attributes, REASON_ATTRIBUTE) is not None,
    )


def _string_attribute(attributes: dict[str, Any], name: str) -> str | None:
    value = (attributes.get(name) or {}).get("StringValue")
    return value if isinstance(value, str) and value else None


def _reason(attributes: dict[str, Any]) -> str:
    reason = _string_attribute(attributes, REASON_ATTRIBUTE)
    if reason:
        return reason
    code = _string_attribute(attributes, EVENTBRIDGE_ERROR_CODE)
    if code:
        message = _string_attribute(attributes, EVENTBRIDGE_ERROR_MESSAGE)
        return f"EventBridge delivery failed: {code}" + (f": {message}" if message else "")
    # SQS moved it after maxReceiveCount failed receives; the handler's logs hold the last error.
    return MAX_RECEIVE_REASON


def _payload_of(document: Any) -> dict[str, Any]:
    if isinstance(document, dict):
        detail = document.get("detail")
        if isinstance(detail, dict) and isinstance(detail.get("payload"), dict):
            return detail["payload"]
    return {}


def summarise(body: str, document: Any) -> str:
    """One line about a message: what kind of event, which action and version, how many lines —
    enough to decide, without printing the order's contents."""
    size = f"{len(body.encode('utf-8')):,} bytes"
    if document is None:
        return f"not JSON, {size}"
    if not isinstance(document, dict):
        return f"JSON {type(document).__name__}, not an event, {size}"
    payload = _payload_of(document)
    head = [str(document.get("detail-type") or "no detail-type")]
    header = payload.get("ChangeEventHeader") if payload else None
    if isinstance(header, dict):
        # A change event (customer flow): the change and the field names, never their values.
        raw_records, raw_fields = header.get("recordIds"), header.get("changedFields")
        records: list[Any] = raw_records if isinstance(raw_records, list) else []
        fields: list[Any] = raw_fields if isinstance(raw_fields, list) else []
        what = f"{header.get('changeType')} {', '.join(map(str, records[:3]))}{' ...' if len(records) > 3 else ''}"
        changed = f", changed: {', '.join(map(str, fields[:6]))}" if fields else ""
        return f"{head[0]} {what.strip()}{changed}, {size}"
    detail = document.get("detail")
    if isinstance(detail, dict) and detail.get("specversion") is not None:
        # An ERP business event (CloudEvent): its type and key.
        raw_data = detail.get("data")
        data: dict[str, Any] = raw_data if isinstance(raw_data, dict) else {}
        return f"{head[0]} BusinessPartner {data.get('BusinessPartner')}, {size}"
    if not payload:
        return f"{head[0]}, no detail.payload, {size}"
    for key, prefix in (("Action__c", ""), ("Order_Version__c", "v"), ("Currency_Iso_Code__c", "")):
        if payload.get(key) not in (None, ""):
            head.append(f"{prefix}{payload[key]}")
    return f"{' '.join(head)}, {_lines_summary(payload.get('Lines__c'))}, {size}"


def _lines_summary(lines: Any) -> str:
    if lines in (None, ""):
        return "lines not in the event"
    try:
        parsed = json.loads(lines) if isinstance(lines, str) else lines
    except json.JSONDecodeError:
        return "unparseable Lines__c"
    if isinstance(parsed, list):
        return f"{len(parsed)} line{'s' if len(parsed) != 1 else ''}"
    return "Lines__c is not a list"


# --- reading without consuming ---------------------------------------------------------------------
def _receive(sqs: Any, queue: QueueRef, *, limit: int, visibility_s: int) -> list[dict[str, Any]]:
    with aws_call(f"queue {queue.name}"):
        response = sqs.receive_message(
            QueueUrl=queue.url,
            MaxNumberOfMessages=max(1, min(SQS_RECEIVE_MAX, limit)),
            VisibilityTimeout=visibility_s,
            WaitTimeSeconds=RECEIVE_WAIT_S,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        )
    return list(response.get("Messages", []))


def _release(sqs: Any, queue: QueueRef, handles: Sequence[str]) -> None:
    """Make received messages visible again. A failure here loses nothing: the messages come back
    by themselves when their visibility timeout ends."""
    for start in range(0, len(handles), SQS_RECEIVE_MAX):
        entries = [
            {"Id": str(n), "ReceiptHandle": handle, "VisibilityTimeout": 0}
            for n, handle in enumerate(handles[start : start + SQS_RECEIVE_MAX])
        ]
        with aws_call(f"queue {queue.name}"):
            sqs.change_message_visibility_batch(QueueUrl=queue.url, Entries=entries)


def inspect_dlq(sqs: Any, queue: QueueRef, *, max_messages: int) -> list[DlqMessage]:
    """Up to ``max_messages`` messages of ``queue``, left in the queue.

    FIFO queues return no further message of a group while one of it is in flight, so a group with
    more than ten dead letters shows its first ten.
    """
    _require_dlq(queue)
    seen: dict[str, DlqMessage] = {}
    handles: list[str] = []
    try:
        while len(seen) < max_messages:
            batch = _receive(sqs, queue, limit=max_messages - len(seen), visibility_s=PEEK_VISIBILITY_S)
            if not batch:
                break
            for raw in batch:
                handles.append(raw["ReceiptHandle"])
                seen.setdefault(raw["MessageId"], parse_message(raw))
    finally:
        _release(sqs, queue, handles)
    return list(seen.values())[:max_messages]


# --- redrive -----------------------------------------------------------------------------------
class RedriveMethod(StrEnum):
    AUTO = "auto"  # a move task when every message moves, else send + delete
    MOVE_TASK = "move-task"
    COPY = "copy"  # SendMessage to the target, then DeleteMessage from the DLQ


@dataclass
class RedriveResult:
    dlq: QueueRef
    target: QueueRef
    method: RedriveMethod
    dry_run: bool
    moved: list[DlqMessage] = field(default_factory=list)  # or, in a dry run, would move
    left: int = 0  # messages seen and left in the DLQ (not selected)
    arrived_during_run: int = 0  # dead-lettered after the redrive began; left for the next look
    missing_order_ids: list[str] = field(default_factory=list)
    task_handle: str | None = None
    fallback_reason: str | None = None


def redrive(
    sqs: Any,
    dlq: QueueRef,
    target: QueueRef,
    *,
    order_ids: Iterable[str] = (),
    dry_run: bool = False,
    method: RedriveMethod = RedriveMethod.AUTO,
) -> RedriveResult:
    # Operators paste Ids in any spelling; dead letters carry the canonical 18-character form
    # (or, for a payload that never validated, the raw field, matched as given).
    wanted = {_canonical(order_id) for order_id in order_ids}
    _require_dlq(dlq)
    if dlq.url == target.url:
        raise OpsError(f"the redrive target is the DLQ itself ({dlq.name})")
    if dlq.fifo != target.fifo:
        raise OpsError(f"{dlq.name} and {target.name} must both be FIFO or both standard queues")
    if wanted and method is RedriveMethod.MOVE_TASK:
        raise OpsError("a move task moves every message; --order-id needs --method copy (or auto)")
    result = RedriveResult(dlq=dlq, target=target, method=RedriveMethod.COPY, dry_run=dry_run)
    if method is not RedriveMethod.COPY and not wanted:
        if dry_run:
            # Lists what is there; the real run would start a move task.
            result.method = RedriveMethod.MOVE_TASK
            _copy_loop(sqs, result, wanted)
            return result
        handle, unavailable = _start_move_task(sqs, dlq, target, required=method is RedriveMethod.MOVE_TASK)
        if handle is not None:
            result.method, result.task_handle = RedriveMethod.MOVE_TASK, handle
            return result
        result.fallback_reason = unavailable
    _copy_loop(sqs, result, wanted)
    return result


def _start_move_task(
    sqs: Any, dlq: QueueRef, target: QueueRef, *, required: bool
) -> tuple[str | None, str | None]:
    """(task handle, None), or (None, why) when this endpoint has no move tasks and ``required``
    is False."""
    from botocore.exceptions import ClientError

    what = f"message move task {dlq.name} -> {target.name}"
    try:
        # DestinationArn is always explicit: messages the handler dead-lettered itself were sent
        # to the DLQ, so SQS knows no "original source queue" for them.
        response = sqs.start_message_move_task(SourceArn=dlq.arn, DestinationArn=target.arn)
    except NotImplementedError as exc:  # emulators (moto, LocalStack) without the API
        if required:
            raise OpsError("this SQS endpoint does not implement StartMessageMoveTask") from exc
        return None, "StartMessageMoveTask is not implemented by this endpoint"
    except ClientError as exc:
        code = str(exc.response.get("Error", {}).get("Code", ""))
        if code in _MOVE_TASK_UNAVAILABLE and not required:
            return None, f"StartMessageMoveTask refused ({code})"
        raise OpsError(describe_aws_error(exc, what=what)) from exc
    return str(response["TaskHandle"]), None


def _copy_loop(sqs: Any, result: RedriveResult, wanted: set[str]) -> None:
    dlq, target = result.dlq, result.target
    # Anything dead-lettered after this moment (a redriven poison message that failed again) is
    # left alone, so a run ends instead of sending the same message round in circles.
    started = datetime.now(UTC)
    found: set[str] = set()
    held: list[str] = []  # received and not deleted: made visible again at the end
    try:
        while True:
            batch = _receive(sqs, dlq, limit=SQS_RECEIVE_MAX, visibility_s=REDRIVE_VISIBILITY_S)
            if not batch:
                break
            for raw in batch:
                held.append(raw["ReceiptHandle"])
                message = parse_message(raw)
                if message.sent_at is not None and message.sent_at >= started:
                    result.arrived_during_run += 1
                    continue
                if wanted and _canonical(message.salesforce_order_id or "") not in wanted:
                    result.left += 1
                    continue
                if message.salesforce_order_id:
                    found.add(_canonical(message.salesforce_order_id))
                if not result.dry_run:
                    _send_to_target(sqs, target, message)
                    with aws_call(f"queue {dlq.name}"):
                        try:
                            sqs.delete_message(QueueUrl=dlq.url, ReceiptHandle=raw["ReceiptHandle"])
                        except Exception as exc:
                            raise OpsError(
                                f"message {message.message_id} was sent to {target.name} but not deleted "
                                f"from {dlq.name}; it is in both (the handler ignores the duplicate): {exc}"
                            ) from exc
                    held.pop()
                result.moved.append(message)
    finally:
        _release(sqs, dlq, held)
    result.missing_order_ids = sorted(wanted - found)


def _send_to_target(sqs: Any, target: QueueRef, message: DlqMessage) -> None:
    # The dead-lettering attributes (reason, order id) stay behind: should the message fail again,
    # its next DLQ copy must not show the old reason.
    kwargs: dict[str, Any] = {
        "QueueUrl": target.url,
        "MessageBody": message.body,
        "MessageAttributes": {
            REDRIVEN_FROM_ATTRIBUTE: {"DataType": "String", "StringValue": message.message_id}
        },
    }
    if target.fifo:
        group = message.message_group_id or message.salesforce_order_id
        if not group:
            raise OpsError(f"message {message.message_id} has no message group id to redrive it with")
        # Same group: the order's events stay in order. A new deduplication id: the content-based
        # one of the original send may still be inside SQS's five-minute deduplication window.
        kwargs["MessageGroupId"] = group
        kwargs["MessageDeduplicationId"] = f"redrive-{uuid.uuid4().hex}"
    with aws_call(f"queue {target.name}"):
        sqs.send_message(**kwargs)


def format_age(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    total = int(seconds)
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d{hours:02d}h"
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


def now_utc() -> datetime:
    return datetime.now(UTC)


def _canonical(order_id: str) -> str:
    try:
        return to_18(order_id)
    except ValueError:
        return order_id
