"""Salesforce Order -> ERP sales order. Pure functions; unit tested in tests/unit/order_handoff/test_mapping.py."""

from __future__ import annotations

from sferp.errors import InvalidEventError
from sferp.models.order import ErpSalesOrder, ErpSalesOrderItem, OrderHandoffEvent, SalesforceOrder

# SAP numbers sales order items 10, 20, 30 ... so that items can be inserted between them later.
ITEM_NUMBER_STEP = 10
DEFAULT_CURRENCY = "USD"


def order_from_event(event: OrderHandoffEvent) -> SalesforceOrder:
    """The order as the event describes it (only valid when the event carries its lines)."""
    if event.lines is None:
        raise ValueError("the event carries no lines; fetch the order from Salesforce")
    return SalesforceOrder(
        order_id=event.order_id,
        account_id=event.account_id,
        order_number=event.order_number,
        currency=event.currency,
        requested_delivery_date=event.requested_delivery_date,
        lines=event.lines,
        version=event.version,
    )


def to_erp_sales_order(order: SalesforceOrder, *, default_currency: str = DEFAULT_CURRENCY) -> ErpSalesOrder:
    """Map an order with its lines to the ERP document.

    Lines are sorted by ``line_id`` before numbering so that the same order always maps to the
    same item numbers, whatever order Salesforce listed them in (an update then replaces items
    one for one instead of shuffling them).
    """
    if not order.lines:
        raise InvalidEventError("order has no lines", salesforce_order_id=order.order_id)
    lines = sorted(order.lines, key=lambda line: line.line_id)
    items = tuple(
        ErpSalesOrderItem(
            item_number=(index + 1) * ITEM_NUMBER_STEP,
            sku=line.product_code.strip().upper(),
            quantity=line.quantity,
            unit_price=line.unit_price,
            external_line_id=line.line_id,
        )
        for index, line in enumerate(lines)
    )
    return ErpSalesOrder(
        external_reference=order.order_id,
        customer_reference=order.account_id,
        order_number_hint=order.order_number,
        currency=(order.currency or default_currency).upper(),
        requested_delivery_date=order.requested_delivery_date,
        items=items,
        source_version=order.version,
    )
