"""The ERP status handler as Lambda runs it, against moto (the flow's table and queues from its
specs) and the embedded ERP and org: the scheduled poll's payload, a FIFO batch with a poll state
and a CloudEvent, state kept in DynamoDB across a new execution environment, and an event shape
the handler does not know."""

from __future__ import annotations

from decimal import Decimal

import boto3
import pytest
from moto import mock_aws
from sferp_tools.embedded_org import EmbeddedSalesforceOrg
from sferp_tools.local.environment import MOTO_ENV, environment
from sferp_tools.local.erp_status import LocalErpStatus, sales_order_event
from sferp_tools.local.lambda_context import LocalLambdaContext

from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.erp_status import names as status_names
from sferp.models.order import ErpSalesOrder, ErpSalesOrderItem
from sferp.settings import FlowMode

ACCOUNT = "001000000000001AAA"


@pytest.fixture
def flow():  # type: ignore[no-untyped-def]
    erp, org = EmbeddedErp(strict=False), EmbeddedSalesforceOrg()
    with environment(MOTO_ENV), mock_aws():
        session = boto3.session.Session(region_name=MOTO_ENV["AWS_REGION"])
        local = LocalErpStatus(session=session, erp=erp, org=org, mode=FlowMode.LIVE)
        try:
            yield local, erp, org, session
        finally:
            local.close()


def _hand_off(erp: EmbeddedErp, org: EmbeddedSalesforceOrg, n: int) -> str:
    order_id = org.add_order(f"801{n:012d}", account_id=ACCOUNT, status="Activated")
    erp.upsert_sales_order(
        ErpSalesOrder(
            external_reference=order_id,
            customer_reference=ACCOUNT,
            currency="EUR",
            items=(
                ErpSalesOrderItem(
                    item_number=10,
                    sku="SKU-1",
                    quantity=Decimal(2),
                    unit_price=Decimal(5),
                    external_line_id="L1",
                ),
            ),
            source_version=1,
        )
    )
    return order_id


def test_the_poll_and_an_event_reach_the_orders_through_moto(flow) -> None:  # type: ignore[no-untyped-def]
    local, erp, org, session = flow
    orders = [_hand_off(erp, org, n) for n in range(3)]
    # When the schedule fires: the orders are queued in the FIFO queue, grouped by ERP order
    answer = local.poll()
    assert answer["queued"] == 3 and answer["watermark"]
    local.drain()
    assert {org.get_record("Order", o)[status_names.SF_FIELD_STATUS] for o in orders} == {"OPEN"}
    # And an ERP business event for a shipped order goes bus -> rule -> buffer -> pipe -> FIFO
    erp.post_delivery(orders[0], share=1)
    number = erp.get_sales_order(orders[0]).erp_order_id
    local.publish([sales_order_event(number, event_id="e-1")])
    local.drain()
    assert org.get_record("Order", orders[0])[status_names.SF_FIELD_STATUS] == "SHIPPED"
    # And the state table holds the watermark and each order's applied state
    table = session.resource("dynamodb").Table(local.stack.table)
    keys = {item[status_names.PARTITION_KEY] for item in table.scan()["Items"]}
    assert status_names.WATERMARK_KEY in keys
    assert f"{status_names.APPLIED_PREFIX}{number}" in keys
    # And the writer's desired state of the Orders is the write queue's (the Orders' changes went
    # through it, as cdk.json deploys the flow)
    assert local.write_queue is not None
    writes = session.resource("dynamodb").Table(local.write_queue.table).scan()["Items"]
    assert any(item["pk"].startswith(f"sfw#Order/Id/{orders[0]}") for item in writes)


def test_a_new_execution_environment_finds_the_state_and_writes_nothing_twice(flow) -> None:  # type: ignore[no-untyped-def]
    local, erp, org, session = flow
    _hand_off(erp, org, 7)
    local.poll()
    local.drain()
    writes = len(org.writes)
    # When a cold start builds the dependencies again (same table) and the poll re-reads the order
    from sferp.erp_status import app
    from sferp.erp_status.settings import ErpStatusSettings

    settings = ErpStatusSettings.from_env(local.stack.handler_environment(FlowMode.LIVE))
    app.set_dependencies(app.build_dependencies(settings, boto_session=session, erp=erp, salesforce=org))
    local.poll()
    local.drain()
    # Then the state in DynamoDB says it was applied: nothing is written again
    assert len(org.writes) == writes


def test_an_event_the_handler_does_not_know_is_refused_with_its_keys(flow) -> None:  # type: ignore[no-untyped-def]
    local, *_ = flow
    with pytest.raises(ValueError, match=r"keys \['detail', 'source'\]"):
        local.handler(
            {"source": "x", "detail": {}}, LocalLambdaContext(function_name="sferp-local-erp-status")
        )
