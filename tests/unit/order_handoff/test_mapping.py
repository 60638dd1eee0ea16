from __future__ import annotations

from decimal import Decimal

import pytest

from sferp.errors import InvalidEventError
from sferp.models.order import OrderLine, SalesforceOrder
from sferp.order_handoff.mapping import to_erp_sales_order


def order(lines: tuple[OrderLine, ...], currency: str | None = "eur") -> SalesforceOrder:
    return SalesforceOrder(
        order_id="8015g000000ABCDAA4",
        account_id="0015g000000XYZ1AAO",
        order_number="00000123",
        currency=currency,
        lines=lines,
        version=4,
    )


def test_items_are_numbered_by_line_id_in_steps_of_ten() -> None:
    # Given lines in arbitrary order
    lines = (
        OrderLine(line_id="L2", product_code=" mat-2 ", quantity=Decimal(1), unit_price=Decimal("3.5")),
        OrderLine(line_id="L1", product_code="MAT-1", quantity=Decimal("2.5"), unit_price=Decimal(10)),
    )
    # When mapped
    document = to_erp_sales_order(order(lines))
    # Then the ERP document is keyed by the Salesforce ids and numbered deterministically
    assert document.external_reference == "8015g000000ABCDAA4"
    assert document.customer_reference == "0015g000000XYZ1AAO"
    assert document.currency == "EUR" and document.source_version == 4
    assert [(i.item_number, i.sku, i.external_line_id) for i in document.items] == [
        (10, "MAT-1", "L1"),
        (20, "MAT-2", "L2"),
    ]
    assert document.items[0].quantity == Decimal("2.5")


def test_default_currency_and_empty_orders() -> None:
    line = OrderLine(line_id="L1", product_code="X", quantity=Decimal(1), unit_price=Decimal(0))
    assert to_erp_sales_order(order((line,), currency=None)).currency == "USD"
    with pytest.raises(InvalidEventError, match="no lines"):
        to_erp_sales_order(order(()))
