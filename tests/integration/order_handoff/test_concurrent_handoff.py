"""Two invocations hand off the same order at the same time (a DLQ redrive racing the live
stream, or two versions in two FIFO groups): the ERP still gets one order.

The ERP here is find-then-create, as SAP's OData API is (``PurchaseOrderByCustomer`` lookup, then a
deep insert): both invocations would find nothing and both create without the per-order lease.
The lease is the real DynamoDB adapter on moto.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from moto import mock_aws
from sferp_tools.embedded_org import EmbeddedSalesforceOrg
from sferp_tools.fakes import InMemoryIdempotencyGuard, in_memory_order_state
from sferp_tools.local.harness import create_table

from sferp.adapters.aws.lock import DynamoRecordLock
from sferp.errors import RetriableError
from sferp.models.order import ErpOrderAck, ErpSalesOrder, OrderHandoffEvent
from sferp.models.records import ErpSalesOrderRecord
from sferp.order_handoff import names as handoff_names
from sferp.order_handoff.service import OrderHandoffService, Outcome
from sferp.ports import SalesOrderPort
from sferp.ports.state import RecordLock
from sferp.settings import FlowMode

ORDER = "8015g000000ABCDAA4"


class FindThenCreateErp(SalesOrderPort):
    """Looks the reference up, then creates: both lookups of two racing calls see nothing."""

    def __init__(self) -> None:
        self.orders: dict[str, list[ErpSalesOrder]] = {}
        self.lookups = threading.Barrier(2, timeout=2)
        self.created = 0
        self._guard = threading.Lock()

    def upsert_sales_order(self, order: ErpSalesOrder) -> ErpOrderAck:
        existing = self.orders.get(order.external_reference)
        try:
            self.lookups.wait()  # the second caller looks up before the first has created
        except threading.BrokenBarrierError:
            pass  # the other caller never came (it was held off): go on alone
        with self._guard:
            if existing is None:
                self.created += 1
                self.orders.setdefault(order.external_reference, []).append(order)
                number = f"SO-{self.created}"
            else:
                existing[-1] = order
                number = f"SO-{len(self.orders[order.external_reference])}"
        return ErpOrderAck(
            erp_order_id=number,
            external_reference=order.external_reference,
            status="OPEN",
            created=existing is None,
            source_version=order.source_version,
        )

    def cancel_sales_order(self, external_reference: str, *, source_version: int) -> ErpOrderAck:
        raise NotImplementedError

    def get_sales_order(self, external_reference: str) -> ErpSalesOrderRecord | None:
        return None


class NoLock(RecordLock):
    """The control: what happens without the lease."""

    def acquire(self, key: str, *, lease_s: int) -> str | None:
        return "free-for-all"

    def release(self, key: str, token: str) -> None:
        pass


def _event(version: int) -> OrderHandoffEvent:
    return OrderHandoffEvent.model_validate(
        {
            "Order_Id__c": ORDER,
            "Account_Id__c": "0015g000000XYZ1AAO",
            "Order_Version__c": version,
            "Action__c": "CREATE" if version == 1 else "UPDATE",
            "Currency_Iso_Code__c": "EUR",
            "CreatedDate": datetime(2026, 11, 29, tzinfo=UTC).isoformat(),
            "Lines__c": [{"line_id": "L1", "product_code": "MAT-1", "quantity": version, "unit_price": 2}],
        }
    )


class AtomicClient:
    """The DynamoDB client with one request at a time: DynamoDB applies a conditional write
    atomically, moto's in-memory table does not when two threads write at once (under load both
    conditional puts could pass, which made this test flaky). What is tested is the lease logic."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def call(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                return attribute(*args, **kwargs)

        return call


@pytest.fixture
def dynamo_lock() -> Iterator[DynamoRecordLock]:
    with mock_aws():
        client = AtomicClient(boto3.client("dynamodb", region_name="us-east-1"))
        # The order-state table as the stack defines it (its spec); it holds the leases too
        table = create_table(client, handoff_names.STATE_TABLE_SPEC, "test")
        yield DynamoRecordLock(
            table,
            client,
            key_prefix="order#",
            partition_key=handoff_names.ORDER_STATE_PARTITION_KEY,
            ttl_attribute=handoff_names.ORDER_STATE_TTL_ATTRIBUTE,
        )


def _race(lock: RecordLock) -> tuple[FindThenCreateErp, list[Any]]:
    erp = FindThenCreateErp()
    service = OrderHandoffService(
        erp=erp,
        salesforce=EmbeddedSalesforceOrg(),
        state=in_memory_order_state(),
        guard=InMemoryIdempotencyGuard(),
        lock=lock,
        mode=FlowMode.LIVE,
    )
    results: list[Any] = [None, None]

    def hand_off(slot: int, version: int) -> None:
        try:
            results[slot] = service.handle(_event(version)).outcome
        except RetriableError as exc:
            results[slot] = exc

    threads = [threading.Thread(target=hand_off, args=(0, 1)), threading.Thread(target=hand_off, args=(1, 2))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return erp, results


def test_without_the_lease_the_race_makes_two_erp_orders() -> None:
    # Given / When versions 1 and 2 of one order are handed off at once without the lease
    erp, _ = _race(NoLock())
    # Then a find-then-create ERP gets two orders: the failure the lease exists for
    assert erp.created == 2


def test_with_the_lease_the_second_invocation_waits_and_one_erp_order_results(
    dynamo_lock: DynamoRecordLock,
) -> None:
    # Given / When versions 1 and 2 of one order are handed off at once
    erp, results = _race(dynamo_lock)
    # Then one invocation created the order and the other was refused for a retry
    assert erp.created == 1
    busy = [r for r in results if isinstance(r, RetriableError)]
    assert len(busy) == 1 and "another invocation" in str(busy[0])
    assert [r for r in results if r is Outcome.HANDED_OFF]
    # And the lease was given back: the retry of the refused one goes through
    assert dynamo_lock.acquire(ORDER, lease_s=30) is not None


def test_a_crashed_holder_blocks_its_order_only_until_the_lease_ends(dynamo_lock: DynamoRecordLock) -> None:
    # Given a holder that died without releasing (its lease runs for 30 s)
    assert dynamo_lock.acquire(ORDER, lease_s=30) is not None
    assert dynamo_lock.acquire(ORDER, lease_s=30) is None
    # When the lease has run out / Then the next invocation takes it
    later = DynamoRecordLock(
        handoff_names.STATE_TABLE_SPEC.name("test"),
        dynamo_lock._client,
        key_prefix="order#",
        partition_key=handoff_names.ORDER_STATE_PARTITION_KEY,
        ttl_attribute=handoff_names.ORDER_STATE_TTL_ATTRIBUTE,
        clock=lambda: datetime.now(UTC).timestamp() + 31,
    )
    assert later.acquire(ORDER, lease_s=30) is not None
