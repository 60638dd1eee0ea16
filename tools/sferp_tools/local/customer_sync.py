"""The customer flow locally: its slice of the stack in moto, from the flow's specs
(``sferp.customer_sync.names``, the ones ``infra/constructs/customer_sync.py`` builds from), and a
runtime that puts ``AccountChangeEvent``s on the bus as Event Relay would, plays the pipe (grouping
by the Account Id) and the event source mapping, and calls the real
``functions/customer_sync/handler.py``."""

from __future__ import annotations

import contextlib
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sferp import names
from sferp.customer_sync import names as sync_names
from sferp.settings import FlowMode
from sferp_tools.local.harness import (
    EventSourceMapping,
    QueueRef,
    collect_emf_metrics,
    create_route,
    create_table,
    matches_pattern,
    queues_empty,
    route_pipe,
)

# The integration user of the local org: the Account write-backs are its changes (echoes).
LOCAL_INTEGRATION_USER = "005000000000009AAA"

if TYPE_CHECKING:
    from sferp_tools.local.write_queue import LocalWriteQueue


@dataclass
class LocalCustomerSyncStack:
    session: Any  # boto3 Session inside an active mock_aws
    environment: str = "local"
    region: str = "us-east-1"
    queues: dict[str, QueueRef] = field(default_factory=dict)
    table: str = ""

    def create(self) -> None:
        self.queues = create_route(
            self.session,
            region=self.region,
            env_name=self.environment,
            route=sync_names.ROUTE,
            pattern=sync_names.account_change_event_pattern(),
            queues=sync_names.QUEUES,
        )
        # GAP_OVERFLOW's own rule: straight to the FIFO queue with a static group (no record id
        # for the pipe to group by), as infra/constructs/customer_sync.py builds it.
        events = self.session.client("events", region_name=self.region)
        rule = names.resource_name(self.environment, sync_names.OVERFLOW_ROUTE)
        events.put_rule(
            Name=rule, EventBusName=self.bus, EventPattern=json.dumps(sync_names.gap_overflow_event_pattern())
        )
        events.put_targets(
            Rule=rule,
            EventBusName=self.bus,
            Targets=[
                {
                    "Id": "customer-sync-queue",
                    "Arn": self.queues["queue"].arn,
                    "SqsParameters": {"MessageGroupId": sync_names.OVERFLOW_MESSAGE_GROUP},
                    "DeadLetterConfig": {"Arn": self.queues["delivery_dlq"].arn},
                }
            ],
        )
        # ERP business events: their own bus, a rule straight into the FIFO queue (static group).
        try:
            events.create_event_bus(Name=self.erp_bus)
        except events.exceptions.ResourceAlreadyExistsException:
            pass
        rule = names.resource_name(self.environment, sync_names.ERP_EVENTS_ROUTE)
        events.put_rule(
            Name=rule,
            EventBusName=self.erp_bus,
            EventPattern=json.dumps(sync_names.erp_customer_event_pattern()),
        )
        events.put_targets(
            Rule=rule,
            EventBusName=self.erp_bus,
            Targets=[
                {
                    "Id": "customer-sync-queue",
                    "Arn": self.queues["queue"].arn,
                    "SqsParameters": {"MessageGroupId": sync_names.ERP_EVENTS_MESSAGE_GROUP},
                    "DeadLetterConfig": {"Arn": self.queues["delivery_dlq"].arn},
                }
            ],
        )
        dynamodb = self.session.client("dynamodb", region_name=self.region)
        self.table = create_table(dynamodb, sync_names.STATE_TABLE_SPEC, self.environment)

    @property
    def bus(self) -> str:
        return names.resource_name(self.environment, names.SALESFORCE_BUS)

    @property
    def erp_bus(self) -> str:
        return names.resource_name(self.environment, names.ERP_BUS)

    def handler_environment(self, mode: FlowMode, *, integration_user_id: str) -> dict[str, str]:
        """The variables the CDK stack sets on the function, pointing at the moto resources."""
        return {
            names.ENV_ENVIRONMENT: self.environment,
            names.ENV_FLOW_MODE: mode.value,
            sync_names.ENV_STATE_TABLE: self.table,
            sync_names.ENV_DLQ_URL: self.queues["dlq"].url,
            sync_names.ENV_INTEGRATION_USER_ID: integration_user_id,
            names.ENV_SALESFORCE_ADAPTER: "embedded",
            names.ENV_ERP_ADAPTER: "embedded",
        }


class CustomerSyncRuntime:
    """Bus -> rule -> buffer -> pipe (group = first record id) -> FIFO -> event source mapping."""

    def __init__(
        self, *, stack: LocalCustomerSyncStack, handler: Callable[[dict[str, Any], Any], dict[str, Any]]
    ) -> None:
        self.stack = stack
        self._sqs = stack.session.client("sqs", region_name=stack.region)
        self._events = stack.session.client("events", region_name=stack.region)
        self._pipe = route_pipe(
            self._sqs,
            stack.queues,
            group_path=sync_names.MESSAGE_GROUP_ID_PATH,
            batch_size=sync_names.PIPE_BATCH_SIZE,
        )
        self._esm = EventSourceMapping(
            sqs=self._sqs,
            queue=stack.queues["queue"],
            handler=handler,
            function_name=names.resource_name(stack.environment, sync_names.FUNCTION),
            region=stack.region,
            batch_size=sync_names.BATCH_SIZE,
        )
        self.not_matched = 0
        self.invocations = 0
        self.failed_records: Counter[str] = Counter()

    def publish(self, events: Iterable[dict[str, Any]]) -> None:
        """Put events on their bus as Event Relay (or the ERP's event broker) does, 10 a PutEvents
        call; what no rule of this flow matches is counted, as EventBridge accepts it and no rule
        sees it."""
        salesforce = (sync_names.account_change_event_pattern(), sync_names.gap_overflow_event_pattern())
        batches: dict[str, list[dict[str, Any]]] = {self.stack.bus: [], self.stack.erp_bus: []}
        for event in events:
            if matches_pattern(event, sync_names.erp_customer_event_pattern()):
                bus = self.stack.erp_bus
            elif any(matches_pattern(event, pattern) for pattern in salesforce):
                bus = self.stack.bus
            else:
                self.not_matched += 1
                continue
            batches[bus].append(
                {
                    "Source": event["source"],
                    "DetailType": event["detail-type"],
                    "Detail": json.dumps(event["detail"]),
                    "EventBusName": bus,
                }
            )
        for entries in batches.values():
            for start in range(0, len(entries), 10):
                self._events.put_events(Entries=entries[start : start + 10])

    def pump(self) -> int:
        return self._pipe.pump()

    def consume_once(self) -> int:
        batch = self._esm.poll()
        if batch is None:
            return 0
        self.invocations += 1
        for message_id in batch.failed:
            self.failed_records[message_id] += 1
        return len(batch.messages)

    def empty(self) -> bool:
        return self._empty()

    def drain(self, *, max_rounds: int = 1000) -> None:
        """Pump and consume until both queues are empty (a record failing for good ends in the DLQ
        through the redrive policy: each poll is one receive)."""
        for _ in range(max_rounds):
            moved = self.pump()
            consumed = self.consume_once()
            if not moved and not consumed and self._empty():
                return
        raise RuntimeError(f"customer sync queues did not drain after {max_rounds} rounds")

    def _empty(self) -> bool:
        return queues_empty(self._sqs, [self.stack.queues["buffer"].url, self.stack.queues["queue"].url])

    def dead_letters(self) -> list[dict[str, Any]]:
        """What the DLQ holds, with the handler's reason (read and made visible again)."""
        messages = self._sqs.receive_message(
            QueueUrl=self.stack.queues["dlq"].url,
            MaxNumberOfMessages=10,
            MessageAttributeNames=["All"],
            VisibilityTimeout=0,
        ).get("Messages", [])
        return messages

    @property
    def emitted_metrics(self) -> dict[str, list[float]]:
        return self._esm.metrics


def is_account_change(event: Any) -> bool:
    """An ``AccountChangeEvent`` (the customer flow's), as the rules on the bus tell them apart."""
    return isinstance(event, dict) and event.get("detail-type") == sync_names.ACCOUNT_CHANGE_DETAIL_TYPE


def created_accounts(events: Iterable[Any]) -> list[str]:
    """The Accounts the events create (CREATE): they become ERP customers through the flow, so a
    run must not load them into the ERP beforehand."""
    from sferp.models.salesforce_id import to_18

    created: dict[str, None] = {}
    for event in events:
        if not is_account_change(event):
            continue
        header = (event.get("detail", {}).get("payload") or {}).get("ChangeEventHeader") or {}
        if header.get("changeType") in ("CREATE", "GAP_CREATE"):
            for record in header.get("recordIds") or ():
                try:
                    created[to_18(str(record))] = None
                except ValueError:
                    continue  # the flow dead-letters it with the reason
    return list(created)


def seed_org_from_changes(org: Any, events: Iterable[Any]) -> None:
    """The org holds what the change events say was committed: each created Account with its
    fields (a gap re-read and the Account write-back need the record to exist)."""
    from sferp.customer_sync.changes import parse_account_change
    from sferp.errors import InvalidEventError

    for event in events:
        if not is_account_change(event):
            continue
        try:
            changes = parse_account_change(event.get("detail") or {})
        except (InvalidEventError, AttributeError):
            continue  # the flow dead-letters it with the reason
        for change in changes:
            if (
                change.header.change_type.value == "CREATE"
                and org.get_record("Account", change.account_id) is None
            ):
                org.add_account(change.account_id, **dict(change.values))


class LocalCustomerSync:
    """The customer flow inside a running local order-handoff stack (the same moto session, ERP
    and org): its stack from the specs, the real handler, and a runtime that can be stepped."""

    def __init__(
        self,
        *,
        session: Any,
        erp: Any,
        org: Any,
        mode: FlowMode,
        integration_user_id: str,
        write_queue: LocalWriteQueue | None = None,
    ) -> None:
        from sferp.customer_sync import app
        from sferp.customer_sync.settings import CustomerSyncSettings
        from sferp_tools.local.harness import load_handler

        self.stack = LocalCustomerSyncStack(session=session)
        self.stack.create()
        # ``write_queue``: a LocalWriteQueue the stack shares (flows.customer_sync.write_queue).
        variables = self.stack.handler_environment(mode, integration_user_id=integration_user_id)
        if write_queue is not None:
            variables[names.ENV_SALESFORCE_WRITE_QUEUE_URL] = write_queue.queue.url
        self.write_queue = write_queue
        settings = CustomerSyncSettings.from_env(variables)
        app.set_dependencies(app.build_dependencies(settings, boto_session=session, erp=erp, salesforce=org))
        self._app = app
        self.handler = load_handler("customer_sync").lambda_handler
        self.runtime = CustomerSyncRuntime(stack=self.stack, handler=self.handler)
        self.outcomes: Counter[str] = Counter()
        self.dead_lettered = 0
        self.overflows = 0

    def close(self) -> None:
        self._app.set_dependencies(None)

    @property
    def coupling(self) -> Any:
        """The flow's coupling store (DynamoDB in moto), for the order handoff to read."""
        return self._app.get_dependencies().coupling

    def publish(self, events: Iterable[dict[str, Any]]) -> None:
        self.runtime.publish(events)

    def step(self) -> int:
        """One pipe pump and one batch; what moved or was consumed."""
        moved = self.runtime.pump()
        consumed = self.runtime.consume_once()
        if consumed:
            outcome = self._app.get_processor().last_outcome
            self.outcomes.update(r.outcome.value for r in outcome.results)
            self.dead_lettered += len(outcome.dead_letters)
            self.overflows += len(outcome.overflows)
        return moved + consumed

    def idle(self) -> bool:
        return self.runtime.empty() and (self.write_queue is None or self.write_queue.idle())

    def poll_erp(self) -> dict[str, Any]:
        """The scheduled ERP -> Salesforce poll, through the handler."""
        from sferp_tools.local.lambda_context import LocalLambdaContext

        context = LocalLambdaContext(
            function_name=names.resource_name(self.stack.environment, sync_names.FUNCTION)
        )
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):  # the EMF metrics Powertools prints, as in Lambda
            answer = dict(self.handler({"task": sync_names.ERP_POLL_TASK}, context))
        collect_emf_metrics(printed.getvalue(), self.runtime.emitted_metrics)
        return answer

    def report(self, erp: Any) -> dict[str, Any]:
        """ERP customers, the coupling, what the flow did and what it dead-lettered."""
        couplings = sorted(self._app.get_dependencies().coupling.all(), key=lambda c: c.account_id)
        listed = {c.customer_number for c in couplings}
        customers = [
            c.model_dump(mode="json", exclude={"changed_at"}) for c in erp.customers_by_number(sorted(listed))
        ]
        return {
            "outcomes": dict(sorted(self.outcomes.items())),
            "dead_lettered": self.dead_lettered,
            "overflows": self.overflows,
            "not_matched_by_rule": self.runtime.not_matched,
            "couplings": [
                {
                    "account_id": c.account_id,
                    "customer_number": c.customer_number,
                    "how": c.how.value,
                    "by": c.coupled_by,
                    "account_deleted": c.account_deleted,
                }
                for c in couplings
            ],
            "erp_customers": customers,
            "dead_letters": [
                {
                    "reason": m["MessageAttributes"]["sferp-reason"]["StringValue"]
                    if "sferp-reason" in m.get("MessageAttributes", {})
                    else "(no reason: moved by the redrive policy)",
                }
                for m in self.runtime.dead_letters()
            ],
        }


def message_group_of(event: dict[str, Any]) -> str:
    """The FIFO message group a customer-flow event gets in AWS: the pipe's first record id for
    change events, the static group of its direct rule for overflows and ERP events."""
    payload = (event.get("detail") or {}).get("payload")
    if isinstance(payload, dict):
        records = (payload.get("ChangeEventHeader") or {}).get("recordIds") or []
        return str(records[0]) if records else sync_names.OVERFLOW_MESSAGE_GROUP
    return sync_names.ERP_EVENTS_MESSAGE_GROUP


@dataclass
class InMemoryCustomerSync:
    """The customer flow's logic on in-memory stores (``sferp_tools.fakes``) and the given ERP and
    org, fed SQS records built as the queue delivers them: for tests against any ERP adapter."""

    erp: Any
    org: Any
    processor: Any
    poller: Any
    coupling: Any
    dlq: Any
    _seq: int = 0

    @classmethod
    def build(
        cls,
        erp: Any,
        org: Any,
        *,
        mode: FlowMode = FlowMode.LIVE,
        integration_user_id: str = LOCAL_INTEGRATION_USER,
        on_account_delete: str = "block",
        reconciliation: Any | None = None,
    ) -> InMemoryCustomerSync:
        from sferp.customer_sync.batch import CustomerBatchProcessor
        from sferp.customer_sync.erp_poller import ErpCustomerPoller
        from sferp.customer_sync.service import CustomerSyncService
        from sferp.ports.desired_state import InMemoryDesiredState
        from sferp.salesforce_writer import SalesforceWriter
        from sferp_tools.fakes import (
            InMemoryCouplingStore,
            InMemoryDeadLetterQueue,
            InMemoryIdempotencyGuard,
            InMemoryRecordLock,
            InMemoryVersionGuard,
        )

        coupling, applied, dlq = InMemoryCouplingStore(), InMemoryVersionGuard(), InMemoryDeadLetterQueue()
        service = CustomerSyncService(
            erp=erp,
            salesforce=org,
            coupling=coupling,
            applied=applied,
            guard=InMemoryIdempotencyGuard(),
            lock=InMemoryRecordLock(),
            mode=mode,
            integration_user_id=integration_user_id,
            on_account_delete=on_account_delete,
        )
        writer = SalesforceWriter(org, state=InMemoryDesiredState())
        poller = ErpCustomerPoller(
            erp=erp,
            salesforce=org,
            coupling=coupling,
            applied=applied,
            mode=mode,
            dead_letters=dlq,
            writer=writer,
        )
        processor = CustomerBatchProcessor(
            service=service,
            salesforce=org,
            dead_letters=dlq,
            mode=mode,
            reconciliation=reconciliation,
            writer=writer,
            erp_poller=poller,
        )
        return cls(erp, org, processor, poller, coupling, dlq)

    def run(self, *events: dict[str, Any]) -> dict[str, Any]:
        """One SQS batch of these events through the processor; its partial batch response."""
        records = []
        for event in events:
            self._seq += 1
            records.append(
                {
                    "messageId": f"m{self._seq}",
                    "receiptHandle": f"r{self._seq}",
                    "body": json.dumps(event),
                    "attributes": {"ApproximateReceiveCount": "1", "MessageGroupId": message_group_of(event)},
                    "messageAttributes": {},
                    "eventSource": "aws:sqs",
                }
            )
        return dict(self.processor.process({"Records": records}, None))
