"""The ERP status flow on its ports: poller -> FIFO queue -> batch -> Salesforce writer, against the
embedded ERP and org and in-memory state. What the issue asks: statuses move Open -> Invoiced with
their fields, nothing older overwrites newer under duplicates and reordering, the watermark's
lookback misses nothing and a rerun writes nothing twice, unlinked orders are counted, every
refused record lands in the DLQ with its reason, and the CloudEvents path takes the same road."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sferp_tools.embedded_org import EmbeddedSalesforceOrg
from sferp_tools.fakes import InMemoryDeadLetterQueue, InMemoryFifoQueue, InMemoryVersionGuard

from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.erp_status import names as status_names
from sferp.erp_status.batch import ErpStatusBatchProcessor
from sferp.erp_status.poller import ErpOrderPoller, poll_message
from sferp.erp_status.service import ErpStatusService
from sferp.models.order import ErpSalesOrder, ErpSalesOrderItem
from sferp.ports.desired_state import InMemoryDesiredState
from sferp.salesforce_writer import SalesforceWriter
from sferp.settings import FlowMode

ACCOUNT = "001000000000001AAA"


def _erp_order(reference: str) -> ErpSalesOrder:
    return ErpSalesOrder(
        external_reference=reference,
        customer_reference=ACCOUNT,
        currency="EUR",
        items=(
            ErpSalesOrderItem(
                item_number=10,
                sku="SKU-1",
                quantity=Decimal(4),
                unit_price=Decimal("12.50"),
                external_line_id=f"{reference}-1",
            ),
        ),
        source_version=1,
    )


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float = 1) -> None:
        self.now += timedelta(minutes=minutes)


class Flow:
    """The flow's pieces wired as app.Dependencies wires them, on in-memory adapters."""

    def __init__(self, mode: FlowMode = FlowMode.LIVE, *, orders: int = 3) -> None:
        self.clock = Clock()
        self.erp = EmbeddedErp(clock=self.clock, strict=False)
        self.org = EmbeddedSalesforceOrg()
        self.applied = InMemoryVersionGuard()
        self.queue = InMemoryFifoQueue()
        self.dlq = InMemoryDeadLetterQueue()
        self.mode = mode
        self.writer_state = InMemoryDesiredState()
        self.poller = ErpOrderPoller(
            erp=self.erp, queue=self.queue, applied=self.applied, mode=mode, clock=self.clock
        )
        self.processor = self.new_processor()
        self.order_ids = [self.hand_off(n) for n in range(orders)]

    def new_processor(self) -> ErpStatusBatchProcessor:
        return ErpStatusBatchProcessor(
            erp=self.erp,
            service=ErpStatusService(applied=self.applied),
            writer=SalesforceWriter(self.org, state=self.writer_state),
            dead_letters=self.dlq,
            mode=self.mode,
        )

    def hand_off(self, n: int) -> str:
        """What the order handoff leaves behind: a Salesforce Order and its ERP order."""
        order_id = self.org.add_order(f"801{n:012d}", account_id=ACCOUNT, status="Activated")
        self.erp.upsert_sales_order(_erp_order(order_id))
        return order_id

    def poll_and_apply(self) -> dict[str, Any]:
        self.poller.poll()
        return self.processor.process({"Records": self.queue.take()})

    def order(self, order_id: str) -> dict[str, Any]:
        record = self.org.get_record("Order", order_id)
        assert record is not None
        return record

    def history(self, order_id: str) -> list[str]:
        rows = [
            w.fields
            for w in self.org.writes
            if w.object == status_names.SF_HISTORY and w.fields[status_names.SF_HISTORY_ORDER] == order_id
        ]
        return [r[status_names.SF_HISTORY_STATUS] for r in rows]


@pytest.fixture
def flow() -> Flow:
    return Flow()


def test_orders_move_from_open_to_invoiced_with_their_fulfilment_fields(flow: Flow) -> None:
    # Given three handed-off orders, a first poll (which only sets the watermark's base)
    flow.poll_and_apply()
    first = flow.order_ids[0]
    # When the ERP ships 40 %, then the rest with a tracking number, then invoices, a poll after each
    flow.clock.advance()
    flow.erp.post_delivery(first, share="0.4")
    flow.clock.advance()
    flow.poll_and_apply()
    assert flow.order(first)[status_names.SF_FIELD_STATUS] == "IN_DELIVERY"
    assert flow.order(first)[status_names.SF_FIELD_SHIPPED_PERCENT] == Decimal("40.00")
    flow.clock.advance()
    flow.erp.post_delivery(first, share="0.6", tracking_reference="1Z999AA10123456784")
    flow.clock.advance()
    flow.poll_and_apply()
    flow.clock.advance()
    invoice = flow.erp.post_invoice(first)
    flow.clock.advance()
    flow.poll_and_apply()
    # Then the Salesforce Order shows the ERP's final state, each field as the ERP has it
    order = flow.order(first)
    assert order[status_names.SF_FIELD_STATUS] == "INVOICED"
    assert order[status_names.SF_FIELD_INVOICE_NUMBER] == invoice
    assert order[status_names.SF_FIELD_INVOICE_DATE] == flow.clock.now.date()
    assert order[status_names.SF_FIELD_NET_AMOUNT] == Decimal("50.00")
    assert order[status_names.SF_FIELD_TRACKING] == "1Z999AA10123456784"
    assert order[status_names.SF_FIELD_SHIPPED_PERCENT] == Decimal("100.00")
    # And its history has one record per status it went through (the first poll's OPEN included)
    assert flow.history(first) == ["OPEN", "IN_DELIVERY", "SHIPPED", "INVOICED"]
    # And the orders the ERP did not move stay OPEN, with no invoice field written as empty
    untouched = flow.order(flow.order_ids[1])
    assert untouched[status_names.SF_FIELD_STATUS] == "OPEN"
    assert status_names.SF_FIELD_INVOICE_NUMBER not in untouched
    assert status_names.SF_FIELD_DELIVERY_DATE not in untouched
    assert not flow.dlq.letters
    # And the flow wrote no field but those its metadata and permission set declare
    declared = {
        "Order": set(status_names.SF_ORDER_FIELDS_WRITTEN),
        status_names.SF_HISTORY: set(status_names.SF_HISTORY_FIELDS_WRITTEN),
    }
    assert all(set(w.fields) <= declared[w.object] for w in flow.org.writes), flow.org.writes


def test_a_rerun_of_the_same_poll_writes_nothing_twice(flow: Flow) -> None:
    # Given every order's state applied once
    flow.poll_and_apply()
    writes = len(flow.org.writes)
    calls = flow.org.api_calls
    # When the poll runs again inside the lookback, past SQS's deduplication window
    flow.clock.advance(5)
    flow.queue.forget_deduplication()
    answer = flow.poll_and_apply()
    # Then the same states are read and queued again, and nothing is written or called
    assert answer == {"batchItemFailures": []}
    assert len(flow.org.writes) == writes
    assert flow.org.api_calls == calls
    assert len(flow.processor.last_outcome.skipped) == 3


def test_a_change_committed_just_before_the_watermark_is_not_missed(flow: Flow) -> None:
    # Given orders created at 08:00 and a poll at 08:05 (the watermark)
    flow.clock.advance(5)
    flow.poll_and_apply()
    # When a change stamped 08:03 commits only after that poll (a long transaction, an application
    # server's clock behind), and the next poll runs at 08:10
    flow.erp._clock = lambda: flow.clock.now - timedelta(minutes=2)
    flow.erp.post_delivery(flow.order_ids[2], share=1)
    flow.clock.advance(5)
    flow.poll_and_apply()
    # Then the 10-minute lookback reads it: the order is shipped in Salesforce
    assert flow.order(flow.order_ids[2])[status_names.SF_FIELD_STATUS] == "SHIPPED"


def test_duplicated_and_reordered_states_never_put_an_older_status_over_a_newer_one() -> None:
    # Given ten orders, each with its four states as separate messages, sent twice and shuffled
    flow = Flow(orders=10)
    states = []
    for order_id in flow.order_ids:
        states.append(flow.erp.get_sales_order(order_id))
        for step in ("0.5", "0.5", None):
            flow.clock.advance()
            if step:
                flow.erp.post_delivery(order_id, share=step)
            else:
                flow.erp.post_invoice(order_id)
            states.append(flow.erp.get_sales_order(order_id))
    messages = [poll_message(s) for s in states if s is not None] * 2
    random.Random(7).shuffle(messages)
    # When they arrive in batches of ten (different orders interleaved, one order's out of order)
    for start in range(0, len(messages), 10):
        records = [
            {"messageId": f"m{start + i}", "body": m.body, "attributes": {"MessageGroupId": m.group_id}}
            for i, m in enumerate(messages[start : start + 10])
        ]
        flow.processor.process({"Records": records})
    # Then every order ends INVOICED and no order's status was ever written older after newer
    rank = {"OPEN": 0, "IN_DELIVERY": 1, "SHIPPED": 2, "INVOICED": 3}
    assert {flow.order(o)[status_names.SF_FIELD_STATUS] for o in flow.order_ids} == {"INVOICED"}
    seen: dict[str, int] = {}
    for write in flow.org.writes:
        if write.object == "Order" and status_names.SF_FIELD_STATUS in write.fields:
            now = rank[write.fields[status_names.SF_FIELD_STATUS]]
            assert now >= seen.get(write.id, -1), write
            seen[write.id] = now


def test_an_erp_order_without_a_salesforce_order_is_counted_and_not_queued(flow: Flow) -> None:
    # Given an order created in the ERP directly (its customer reference is no Salesforce Order Id)
    flow.poll_and_apply()
    flow.clock.advance()
    flow.erp.upsert_sales_order(_erp_order("PO-4711"))
    # When polled (the lookback reads the three handed-off orders again too)
    result = flow.poller.poll()
    # Then it is reported by number, and only the linked orders are queued
    assert result.read == 4 and result.queued == 3
    assert result.unlinked == ["0000000004"] and result.as_dict()["unlinked"] == ["0000000004"]
    assert all(m.group_id != "0000000004" for m in flow.queue.sent)


def test_salesforce_refusing_one_order_dead_letters_it_with_the_reason_and_writes_the_rest(
    flow: Flow,
) -> None:
    # Given one Salesforce Order deleted since the handoff
    flow.org.delete_record("Order", flow.order_ids[0])
    # When the statuses arrive
    answer = flow.poll_and_apply()
    # Then that one is in the DLQ with Salesforce's code, and the others are written
    assert answer == {"batchItemFailures": []}
    [letter] = flow.dlq.letters
    assert "ENTITY_IS_DELETED" in letter.reason and letter.salesforce_order_id == flow.order_ids[0]
    assert {flow.order(o)[status_names.SF_FIELD_STATUS] for o in flow.order_ids[1:]} == {"OPEN"}


def test_a_status_the_adapter_could_not_map_is_dead_lettered_with_the_erp_codes(flow: Flow) -> None:
    # Given an order state whose status the adapter reports as UNMAPPED
    state = flow.erp.get_sales_order(flow.order_ids[0])
    assert state is not None
    odd = state.model_copy(update={"status": "UNMAPPED", "status_detail": "OverallSDProcessStatus=X"})
    message = poll_message(odd)
    # When applied
    flow.processor.process(
        {
            "Records": [
                {"messageId": "m1", "body": message.body, "attributes": {"MessageGroupId": message.group_id}}
            ]
        }
    )
    # Then nothing is written and the DLQ says which codes to map
    [letter] = flow.dlq.letters
    assert "OverallSDProcessStatus=X" in letter.reason
    assert status_names.SF_FIELD_STATUS not in flow.order(flow.order_ids[0])


def test_a_salesforce_outage_fails_the_messages_and_their_groups_for_a_retry(flow: Flow) -> None:
    # Given Salesforce failing every call
    flow.org.error_rate = 1.0
    # When a batch arrives / Then every message is reported failed (SQS retries), none dead-lettered
    flow.poller.poll()
    records = flow.queue.take()
    answer = flow.processor.process({"Records": records})
    assert len(answer["batchItemFailures"]) == len(records) == 3
    assert not flow.dlq.letters
    # And when Salesforce is back, the retry writes them
    flow.org.error_rate = 0.0
    assert flow.processor.process({"Records": records}) == {"batchItemFailures": []}
    assert {flow.order(o)[status_names.SF_FIELD_STATUS] for o in flow.order_ids} == {"OPEN"}


def _cloud_event(erp_order_id: Any, *, event_type: str = status_names.SALES_ORDER_EVENT_TYPES[0]) -> str:
    return json.dumps(
        {
            "version": "0",
            "id": "e-1",
            "detail-type": event_type,
            "source": "sap.s4",
            "detail": {
                "specversion": "1.0",
                "type": event_type,
                "source": "/default/sap.s4.beh/244",
                "id": "5f3a-1",
                "time": "2026-12-01T08:00:00Z",
                "datacontenttype": "application/json",
                "data": {"SalesOrder": erp_order_id},
            },
        }
    )


def test_an_erp_business_event_is_followed_by_a_read_and_written_like_a_poll(flow: Flow) -> None:
    # Given an order shipped in the ERP and its SalesOrder.Changed event (the key only)
    flow.erp.post_delivery(flow.order_ids[1], share=1)
    state = flow.erp.get_sales_order(flow.order_ids[1])
    assert state is not None
    records = [
        {
            "messageId": "e1",
            "body": _cloud_event(state.erp_order_id),
            "attributes": {"MessageGroupId": state.erp_order_id},
        },
        {"messageId": "e2", "body": _cloud_event(None), "attributes": {"MessageGroupId": "x"}},
    ]
    # When the batch is processed
    answer = flow.processor.process({"Records": records})
    # Then the order is read and written, the malformed event is dead-lettered with the reason
    assert answer == {"batchItemFailures": []}
    assert flow.order(flow.order_ids[1])[status_names.SF_FIELD_STATUS] == "SHIPPED"
    assert flow.history(flow.order_ids[1]) == ["SHIPPED"]
    [letter] = flow.dlq.letters
    assert "data.SalesOrder None" in letter.reason
    # And a poll of the same change afterwards writes nothing more
    writes = len(flow.org.writes)
    flow.poll_and_apply()
    assert [w for w in flow.org.writes[writes:] if w.id == flow.order_ids[1]] == []


def test_an_erp_outage_on_the_events_read_fails_them_for_a_retry(flow: Flow) -> None:
    state = flow.erp.get_sales_order(flow.order_ids[0])
    assert state is not None
    records = [
        {
            "messageId": "e1",
            "body": _cloud_event(state.erp_order_id),
            "attributes": {"MessageGroupId": state.erp_order_id},
        }
    ]
    with flow.erp.outage():
        answer = flow.processor.process({"Records": records})
    assert answer == {"batchItemFailures": [{"itemIdentifier": "e1"}]}
    assert not flow.dlq.letters


def test_shadow_mode_reads_and_plans_but_writes_nothing() -> None:
    flow = Flow(FlowMode.SHADOW)
    flow.poll_and_apply()
    assert len(flow.processor.last_outcome.shadow) == 3
    assert not [w for w in flow.org.writes if w.object in ("Order", status_names.SF_HISTORY)]


def test_a_failed_send_leaves_the_watermark_where_it_was(flow: Flow) -> None:
    flow.poll_and_apply()
    before = flow.applied.get(status_names.WATERMARK_KEY)
    flow.clock.advance(5)
    flow.queue.fail_next = "SQS down"
    with pytest.raises(RuntimeError, match="SQS down"):
        flow.poller.poll()
    assert flow.applied.get(status_names.WATERMARK_KEY) == before


def test_a_poll_message_carries_the_state_without_the_items(flow: Flow) -> None:
    state = flow.erp.get_sales_order(flow.order_ids[0])
    assert state is not None and state.items
    body = json.loads(poll_message(state).body)
    assert "items" not in body["order"] and body["order"]["status"] == "OPEN"
