"""The ErpGateway contract: what every ERP adapter promises the integration.

Reuse it from a module named ``test_erp_contract_<adapter>.py`` in this package::

    from .erp_contract import ErpGatewayContract

    @pytest.fixture
    def erp_gateway() -> Iterator[ErpGateway]: ...  # a fresh, empty ERP for each test

    @pytest.fixture
    def erp_seed(erp_gateway) -> ErpSeed: ...  # see the protocol below

    class TestMyAdapterContract(ErpGatewayContract):
        pass

The port has no seeding methods (a real ERP is loaded by its own processes), so each adapter
supplies an ``erp_seed`` hook that puts master data and stock in place the way its ERP can.

Read-back shape pinned here for every adapter: ``ErpSalesOrderRecord.items`` are dicts with
``item_number``, ``sku``, ``quantity`` (Decimal), ``unit_price`` (Decimal), ``external_line_id``
and ``rejected`` (bool); every ``changed_at`` is timezone-aware.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Protocol

import pytest

from sferp.errors import ErpCustomerMissingError, ErpNotFoundError, ErpRejectedError
from sferp.models.order import ErpSalesOrder, ErpSalesOrderItem
from sferp.models.records import NewErpCustomer, RecordUpdate
from sferp.ports import ErpGateway

ACCOUNT_ID = "001000000000001AAA"
MERGE_SURVIVOR_ID = "001000000000077AAA"  # an Account another was merged into
OTHER_ACCOUNT_ID = "001000000000002AAA"
NEW_ACCOUNT_ID = "001000000000003AAA"
PLANT = "1000"
SKUS = ("SKU-100", "SKU-200", "SKU-300")
# Far enough back that every record an adapter holds was changed after it.
BEGINNING = datetime(2000, 1, 1, tzinfo=UTC)


class ErpSeed(Protocol):
    """Adapter-specific setup for the contract tests (the port itself cannot seed).

    What an ERP keeps differs, and the contract says what each answer must be either way: a
    value the ERP does not keep is ``None``, never a default (0, ""):
    ``provides_prices`` (products carry a list price), ``keeps_source_version`` (a sales order
    stores the Salesforce version), ``keeps_line_data`` (items store the Salesforce unit price
    and line id), ``provides_invoices`` (the adapter reads billing documents: invoice number and
    date, and the INVOICED status)."""

    provides_prices: bool
    keeps_source_version: bool
    keeps_line_data: bool
    provides_invoices: bool

    def ship(self, reference: str, *, complete: bool) -> None:
        """Let the ERP's own logistics deliver the order: part of it, or all of it."""

    def invoice(self, reference: str) -> None:
        """Let the ERP's own billing invoice a shipped order (only where ``provides_invoices``)."""

    def stock(self, plant: str, quantities: Mapping[str, Decimal]) -> None:
        """Make ``quantities`` the available stock of these SKUs at ``plant``."""

    def customer(self, *, name: str, salesforce_account_id: str | None = None) -> str:
        """Create a customer; return the key the ERP knows it by (for ``update_customers``)."""

    def product(self, *, sku: str, name: str, list_price: Decimal, currency: str) -> None:
        """Create a material with its list price."""

    def tick(self) -> None:
        """Make every later write carry a later ``changed_at`` than any earlier write
        (advance a fake clock, or wait past the server's timestamp resolution)."""

    def request_count(self) -> int:
        """How many requests the adapter has sent to the ERP so far."""


def sales_order(
    reference: str,
    *,
    lines: Mapping[str, Decimal] | None = None,
    version: int = 1,
    currency: str = "EUR",
    account_id: str = ACCOUNT_ID,
) -> ErpSalesOrder:
    """An order with one item per (sku, quantity), numbered 10, 20, ... as the mapper does."""
    wanted = lines if lines is not None else {SKUS[0]: Decimal(2), SKUS[1]: Decimal(1)}
    return ErpSalesOrder(
        external_reference=reference,
        customer_reference=account_id,
        currency=currency,
        items=tuple(
            ErpSalesOrderItem(
                item_number=10 * (index + 1),
                sku=sku,
                quantity=quantity,
                unit_price=Decimal("9.50"),
                external_line_id=f"{reference}-L{index + 1}",
            )
            for index, (sku, quantity) in enumerate(wanted.items())
        ),
        source_version=version,
    )


def _reference(number: int) -> str:
    return f"801{number:015d}"  # shaped like an 18-character Salesforce Order Id


class ErpGatewayContract:
    """Every ``ErpGateway`` adapter must pass these. Subclass as ``Test<Adapter>Contract``."""

    @pytest.fixture(autouse=True)
    def _master_data(self, erp_seed: ErpSeed) -> None:
        # Real ERPs refuse orders for unknown customers or materials; seed them for every test.
        for sku in SKUS:
            erp_seed.product(sku=sku, name=f"Material {sku}", list_price=Decimal("9.50"), currency="EUR")
        self.customer_number = erp_seed.customer(name="Contract Customer", salesforce_account_id=ACCOUNT_ID)
        self.seed = erp_seed

    # --- referential integrity ------------------------------------------------------------------
    def test_an_order_for_an_account_without_an_erp_customer_is_refused_with_the_reason(
        self, erp_gateway: ErpGateway
    ) -> None:
        # Given an Account no ERP customer is coupled to
        order = sales_order(_reference(20), account_id="001000000000404AAA")
        # When its order is upserted / Then nothing is created and the reason names the Account
        with pytest.raises(ErpCustomerMissingError, match="account 001000000000404AAA has no ERP customer"):
            erp_gateway.upsert_sales_order(order)
        assert erp_gateway.get_sales_order(_reference(20)) is None

    def test_an_order_for_an_unknown_material_is_refused(self, erp_gateway: ErpGateway) -> None:
        with pytest.raises(ErpRejectedError, match="NO-SUCH-MATERIAL"):
            erp_gateway.upsert_sales_order(
                sales_order(_reference(21), lines={"NO-SUCH-MATERIAL": Decimal(1)})
            )
        assert erp_gateway.get_sales_order(_reference(21)) is None

    def test_the_erp_customer_is_the_coupled_customer_never_the_account_id(
        self, erp_gateway: ErpGateway
    ) -> None:
        erp_gateway.upsert_sales_order(sales_order(_reference(22)))
        record = erp_gateway.get_sales_order(_reference(22))
        assert record is not None
        assert record.customer_reference == self.customer_number != ACCOUNT_ID

    # --- upsert ---------------------------------------------------------------------------------
    def test_upsert_creates_an_open_order_with_an_id(self, erp_gateway: ErpGateway) -> None:
        # Given an order the ERP has never seen
        order = sales_order(_reference(1), version=1)

        # When it is upserted
        ack = erp_gateway.upsert_sales_order(order)

        # Then the ERP created it, numbered it and echoes the reference and version
        assert ack.created is True
        assert ack.erp_order_id
        assert ack.external_reference == order.external_reference
        assert ack.status == "OPEN"
        assert ack.source_version == 1

    def test_upsert_of_the_same_reference_updates_the_one_order(self, erp_gateway: ErpGateway) -> None:
        # Given an order created at version 1 with two items
        first = erp_gateway.upsert_sales_order(sales_order(_reference(2), version=1))

        # When the same external reference arrives again with other items at version 2
        changed = sales_order(_reference(2), lines={SKUS[2]: Decimal(7)}, version=2)
        second = erp_gateway.upsert_sales_order(changed)

        # Then the same document was updated, not a second one created, and its items replaced
        assert second.created is False
        assert second.erp_order_id == first.erp_order_id
        record = erp_gateway.get_sales_order(_reference(2))
        assert record is not None
        assert record.erp_order_id == first.erp_order_id
        assert record.source_version == (2 if self.seed.keeps_source_version else None)
        # (an ERP may keep a dropped item as rejected, as SAP does, instead of deleting it)
        assert [(item["sku"], item["quantity"]) for item in record.items if not item["rejected"]] == [
            (SKUS[2], Decimal(7))
        ]
        orders = list(erp_gateway.changed_sales_orders(BEGINNING))
        assert [o.external_reference for o in orders] == [_reference(2)]

    def test_upsert_stores_the_version_it_is_given_even_if_lower(self, erp_gateway: ErpGateway) -> None:
        # Given an order at version 5
        erp_gateway.upsert_sales_order(sales_order(_reference(3), version=5))

        # When an upsert with version 4 arrives (the version guard lives in the integration)
        ack = erp_gateway.upsert_sales_order(sales_order(_reference(3), version=4))

        # Then the ERP stores what it was given (where it keeps a version at all)
        assert ack.source_version == 4
        record = erp_gateway.get_sales_order(_reference(3))
        assert record is not None
        assert record.source_version == (4 if self.seed.keeps_source_version else None)

    def test_distinct_references_make_distinct_orders(self, erp_gateway: ErpGateway) -> None:
        # Given two orders with different external references
        # When both are upserted
        first = erp_gateway.upsert_sales_order(sales_order(_reference(4)))
        second = erp_gateway.upsert_sales_order(sales_order(_reference(5)))

        # Then each has its own document number
        assert first.created and second.created
        assert first.erp_order_id != second.erp_order_id

    # --- read back ------------------------------------------------------------------------------
    def test_get_sales_order_returns_the_document_with_its_items(self, erp_gateway: ErpGateway) -> None:
        # Given an order with two items
        order = sales_order(
            _reference(6), lines={SKUS[0]: Decimal("2.5"), SKUS[1]: Decimal(1)}, currency="USD"
        )
        ack = erp_gateway.upsert_sales_order(order)

        # When it is read back by its external reference
        record = erp_gateway.get_sales_order(_reference(6))

        # Then header and items are as sent
        assert record is not None
        assert record.erp_order_id == ack.erp_order_id
        assert record.customer_reference == self.customer_number
        assert record.currency == "USD"
        assert record.status == "OPEN"
        assert record.changed_at.tzinfo is not None
        assert [
            (i["item_number"], i["sku"], i["quantity"], i["unit_price"], i["external_line_id"], i["rejected"])
            for i in record.items
        ] == [
            (10, SKUS[0], Decimal("2.5"), *self._line_data(_reference(6), 1), False),
            (20, SKUS[1], Decimal(1), *self._line_data(_reference(6), 2), False),
        ]

    def _line_data(self, reference: str, line: int) -> tuple[Decimal | None, str | None]:
        if not self.seed.keeps_line_data:
            return (None, None)
        return (Decimal("9.50"), f"{reference}-L{line}")

    def test_get_sales_order_of_an_unknown_reference_is_none(self, erp_gateway: ErpGateway) -> None:
        # Given an ERP without that reference
        # When it is looked up
        # Then the answer is None, not an error
        assert erp_gateway.get_sales_order(_reference(999)) is None

    # --- cancel ---------------------------------------------------------------------------------
    def test_cancel_rejects_the_order_and_is_idempotent(self, erp_gateway: ErpGateway) -> None:
        # Given an open order
        created = erp_gateway.upsert_sales_order(sales_order(_reference(7), version=1))

        # When it is cancelled, and the cancel is repeated (a retry after a lost answer)
        first = erp_gateway.cancel_sales_order(_reference(7), source_version=2)
        again = erp_gateway.cancel_sales_order(_reference(7), source_version=2)

        # Then the order is CANCELLED with every item rejected, and both acks agree
        assert (first.status, again.status) == ("CANCELLED", "CANCELLED")
        assert first.erp_order_id == again.erp_order_id == created.erp_order_id
        record = erp_gateway.get_sales_order(_reference(7))
        assert record is not None
        assert record.status == "CANCELLED"
        assert record.items
        assert all(item["rejected"] for item in record.items)

    def test_cancel_of_an_unknown_reference_is_not_found(self, erp_gateway: ErpGateway) -> None:
        # Given an ERP without that reference
        # When it is cancelled
        # Then the ERP says the document does not exist
        with pytest.raises(ErpNotFoundError):
            erp_gateway.cancel_sales_order(_reference(998), source_version=1)

    def test_a_cancelled_order_cannot_be_updated(self, erp_gateway: ErpGateway) -> None:
        # Given a cancelled order
        erp_gateway.upsert_sales_order(sales_order(_reference(8), version=1))
        erp_gateway.cancel_sales_order(_reference(8), source_version=2)

        # When an update for it arrives
        # Then the ERP refuses it and the order stays cancelled
        with pytest.raises(ErpRejectedError):
            erp_gateway.upsert_sales_order(sales_order(_reference(8), version=3))
        record = erp_gateway.get_sales_order(_reference(8))
        assert record is not None
        assert record.status == "CANCELLED"

    # --- availability ---------------------------------------------------------------------------
    def test_availability_of_many_skus_in_one_request(
        self, erp_gateway: ErpGateway, erp_seed: ErpSeed
    ) -> None:
        # Given stock for two SKUs at the plant and a SKU no ERP master knows
        erp_seed.stock(PLANT, {SKUS[0]: Decimal(12), SKUS[1]: Decimal(0)})
        before = erp_seed.request_count()

        # When availability of all three is asked for
        result = erp_gateway.get_availability(PLANT, [SKUS[0], SKUS[1], "NO-SUCH-SKU"])

        # Then one request answered all of them, the unknown SKU flagged instead of failing
        assert erp_seed.request_count() - before == 1
        assert set(result) == {SKUS[0], SKUS[1], "NO-SUCH-SKU"}
        assert (result[SKUS[0]].known, result[SKUS[0]].available_quantity) == (True, Decimal(12))
        assert (result[SKUS[1]].known, result[SKUS[1]].available_quantity) == (True, Decimal(0))
        assert result["NO-SUCH-SKU"].known is False
        assert all(item.plant == PLANT for item in result.values())

    def test_availability_is_per_plant(self, erp_gateway: ErpGateway, erp_seed: ErpSeed) -> None:
        # Given stock of one SKU at two plants
        erp_seed.stock(PLANT, {SKUS[0]: Decimal(3)})
        erp_seed.stock("2000", {SKUS[0]: Decimal(40)})

        # When each plant is asked
        here = erp_gateway.get_availability(PLANT, [SKUS[0]])
        there = erp_gateway.get_availability("2000", [SKUS[0]])

        # Then each answers with its own stock
        assert here[SKUS[0]].available_quantity == Decimal(3)
        assert there[SKUS[0]].available_quantity == Decimal(40)

    # --- changed since a watermark --------------------------------------------------------------
    def test_changed_customers_since_a_watermark(self, erp_gateway: ErpGateway, erp_seed: ErpSeed) -> None:
        # Given two customers and a watermark taken after them
        first = erp_seed.customer(name="Early One")
        second = erp_seed.customer(name="Early Two")
        watermark = _after(record.changed_at for record in erp_gateway.changed_customers(BEGINNING))
        erp_seed.tick()

        # When one of them is updated and a third is created later
        [result] = erp_gateway.update_customers([RecordUpdate(key=second, fields={"city": "Lyon"})])
        third = erp_seed.customer(name="Late One")

        # Then only the later changes are extracted, with the change applied
        assert result.ok
        later = {c.customer_number: c for c in erp_gateway.changed_customers(watermark)}
        assert set(later) == {second, third}
        assert later[second].city == "Lyon"
        assert first not in later

    def test_changed_products_since_a_watermark(self, erp_gateway: ErpGateway, erp_seed: ErpSeed) -> None:
        # Given the seeded materials and a watermark taken after them
        watermark = _after(record.changed_at for record in erp_gateway.changed_products(BEGINNING))
        erp_seed.tick()

        # When a material is added later
        erp_seed.product(sku="SKU-NEW", name="New", list_price=Decimal("1.25"), currency="EUR")

        # Then only it is extracted
        later = list(erp_gateway.changed_products(watermark))
        # with its price where the ERP provides one, and never a made-up 0 where it does not
        price = (Decimal("1.25"), "EUR") if erp_seed.provides_prices else (None, None)
        assert [(p.sku, p.name, p.list_price, p.currency) for p in later] == [("SKU-NEW", "New", *price)]
        assert later[0].changed_at.tzinfo is not None

    def test_changed_sales_orders_since_a_watermark(self, erp_gateway: ErpGateway, erp_seed: ErpSeed) -> None:
        # Given two orders and a watermark taken after them
        erp_gateway.upsert_sales_order(sales_order(_reference(10)))
        erp_gateway.upsert_sales_order(sales_order(_reference(11)))
        watermark = _after(record.changed_at for record in erp_gateway.changed_sales_orders(BEGINNING))
        erp_seed.tick()

        # When one of them is cancelled later
        erp_gateway.cancel_sales_order(_reference(11), source_version=2)

        # Then only that order is extracted, in its new state and with its items
        later = list(erp_gateway.changed_sales_orders(watermark))
        assert [(o.external_reference, o.status) for o in later] == [(_reference(11), "CANCELLED")]
        assert later[0].items

    def test_fulfilment_moves_the_status_and_is_extracted_as_a_change(
        self, erp_gateway: ErpGateway, erp_seed: ErpSeed
    ) -> None:
        # Given an open order and a watermark taken after it
        ack = erp_gateway.upsert_sales_order(sales_order(_reference(12)))
        [created] = erp_gateway.sales_orders_by_number([ack.erp_order_id])
        assert (created.status, created.external_reference) == ("OPEN", _reference(12))
        watermark = _after([created.changed_at])
        erp_seed.tick()

        # When the ERP's logistics deliver part of it
        erp_seed.ship(_reference(12), complete=False)
        # Then it is extracted as changed, in delivery, with the ERP's own codes behind the status
        [partly] = list(erp_gateway.changed_sales_orders(watermark))
        assert (partly.erp_order_id, partly.status) == (ack.erp_order_id, "IN_DELIVERY")
        assert partly.status_detail
        assert partly.shipped_share == Decimal("0.4")

        # When the rest is delivered / Then it is shipped, and the keyed read agrees
        erp_seed.tick()
        erp_seed.ship(_reference(12), complete=True)
        [shipped] = erp_gateway.sales_orders_by_number([ack.erp_order_id, "9999999999"])
        assert shipped.status == "SHIPPED"
        assert shipped.changed_at >= partly.changed_at
        assert shipped.shipped_share == Decimal(1) and shipped.delivery_date is not None
        assert shipped.tracking_reference
        if erp_seed.provides_invoices:
            watermark = _after([shipped.changed_at])
            erp_seed.tick()
            erp_seed.invoice(_reference(12))
            # Then the invoice is extracted as a change of the order, newer than the shipped state
            [invoiced] = list(erp_gateway.changed_sales_orders(watermark))
            assert (invoiced.erp_order_id, invoiced.status) == (ack.erp_order_id, "INVOICED")
            assert invoiced.invoice_number and invoiced.invoice_date
            assert invoiced.changed_at > shipped.changed_at
            [keyed] = erp_gateway.sales_orders_by_number([ack.erp_order_id])
            assert (keyed.status, keyed.invoice_number) == ("INVOICED", invoiced.invoice_number)
        else:
            # An ERP whose billing the adapter does not read never reports an invoice it has not seen
            assert shipped.invoice_number is None and shipped.invoice_date is None

    def test_keyed_read_of_unknown_numbers_is_empty(self, erp_gateway: ErpGateway) -> None:
        assert list(erp_gateway.sales_orders_by_number(["9999999998", "9999999999"])) == []

    def test_extracts_return_every_record_once_in_change_order(
        self, erp_gateway: ErpGateway, erp_seed: ErpSeed
    ) -> None:
        # Given more orders than fit on one page of the adapters under test, written over time,
        # the first of them changed again last
        references = [_reference(100 + n) for n in range(8)]
        for number, reference in enumerate(references):
            erp_gateway.upsert_sales_order(sales_order(reference))
            if number % 3 == 0:
                erp_seed.tick()
        erp_seed.tick()
        # (a real change: an ERP may skip a write that changes nothing)
        erp_gateway.upsert_sales_order(sales_order(references[0], lines={SKUS[0]: Decimal(5)}, version=2))

        # When everything since the beginning is extracted
        orders = list(erp_gateway.changed_sales_orders(BEGINNING))

        # Then each order comes exactly once, oldest change first (by change, not by number)
        assert sorted(o.external_reference for o in orders) == sorted(references)
        stamps = [o.changed_at for o in orders]
        assert stamps == sorted(stamps)
        assert orders[-1].external_reference == references[0]

    # --- customers: create, coupling, block -------------------------------------------------------
    def test_create_customer_couples_it_to_the_account_and_is_idempotent(
        self, erp_gateway: ErpGateway
    ) -> None:
        # Given an Account no customer is coupled to
        new = NewErpCustomer(
            salesforce_account_id=NEW_ACCOUNT_ID,
            name="Neukunde Handelsgesellschaft mit beschraenkter Haftung Berlin",
            street="Unter den Linden 1",
            city="Berlin",
            postal_code="10117",
            country="DE",
            phone="+49 30 999",
        )
        assert erp_gateway.customer_for_account(NEW_ACCOUNT_ID) is None
        # When the customer is created, and the create is retried (a lost answer)
        created = erp_gateway.create_customer(new)
        again = erp_gateway.create_customer(new)
        # Then there is one customer, coupled to the Account, with the Account's values
        assert again.customer_number == created.customer_number
        found = erp_gateway.customer_for_account(NEW_ACCOUNT_ID)
        assert found is not None and found.customer_number == created.customer_number
        assert (found.name, found.city, found.postal_code, found.country, found.phone) == (
            new.name,
            "Berlin",
            "10117",
            "DE",
            "+49 30 999",
        )
        assert found.salesforce_account_id == NEW_ACCOUNT_ID and found.blocked is False
        assert [c.customer_number for c in erp_gateway.changed_customers(BEGINNING)].count(
            created.customer_number
        ) == 1
        # And an order for the Account now reaches the ERP with that customer
        erp_gateway.upsert_sales_order(sales_order(_reference(30), account_id=NEW_ACCOUNT_ID))
        record = erp_gateway.get_sales_order(_reference(30))
        assert record is not None and record.customer_reference == created.customer_number

    def test_a_blocked_customer_takes_no_orders_until_unblocked(self, erp_gateway: ErpGateway) -> None:
        # Given the contract customer, blocked
        erp_gateway.set_customer_blocked(self.customer_number, blocked=True)
        [customer] = [
            c for c in erp_gateway.changed_customers(BEGINNING) if c.customer_number == self.customer_number
        ]
        assert customer.blocked is True and customer.deleted is False
        # When an order for its Account arrives / Then the ERP refuses it, and takes it once unblocked
        with pytest.raises(ErpRejectedError, match="blocked"):
            erp_gateway.upsert_sales_order(sales_order(_reference(31)))
        erp_gateway.set_customer_blocked(self.customer_number, blocked=False)
        assert erp_gateway.upsert_sales_order(sales_order(_reference(31))).created is True

    def test_blocking_an_unknown_customer_is_not_found(self, erp_gateway: ErpGateway) -> None:
        with pytest.raises(ErpNotFoundError):
            erp_gateway.set_customer_blocked("9999999999", blocked=True)

    # --- batch updates --------------------------------------------------------------------------
    def test_update_customers_reports_per_record(self, erp_gateway: ErpGateway, erp_seed: ErpSeed) -> None:
        # Given one existing customer
        known = erp_seed.customer(name="Known GmbH", salesforce_account_id=OTHER_ACCOUNT_ID)

        # When a batch updates it and a customer that does not exist
        results = erp_gateway.update_customers(
            [
                RecordUpdate(key=known, fields={"phone": "+49 30 1234", "payment_terms": "NT30"}),
                RecordUpdate(key="9999999999", fields={"phone": "+1 555 0100"}),
            ]
        )

        # Then each record has its own result: the good one applied, the unknown one refused
        assert [(r.key, r.ok) for r in results] == [(known, True), ("9999999999", False)]
        assert results[1].error
        [customer] = [c for c in erp_gateway.changed_customers(BEGINNING) if c.customer_number == known]
        assert (customer.phone, customer.payment_terms) == ("+49 30 1234", "NT30")
        assert customer.salesforce_account_id == OTHER_ACCOUNT_ID

    def test_relinking_a_customer_to_a_merge_survivor_moves_the_coupling(
        self, erp_gateway: ErpGateway, erp_seed: ErpSeed
    ) -> None:
        # Given a customer coupled to an Account that Salesforce merges into another one
        number = erp_seed.customer(name="Merged GmbH", salesforce_account_id=OTHER_ACCOUNT_ID)
        # When the customer flow re-links it to the survivor (the ERP's external id)
        [result] = erp_gateway.update_customers(
            [RecordUpdate(key=number, fields={"salesforce_account_id": MERGE_SURVIVOR_ID})]
        )
        # Then the survivor finds the customer and the merged Account none
        assert result.ok, result.error
        found = erp_gateway.customer_for_account(MERGE_SURVIVOR_ID)
        assert found is not None and found.customer_number == number
        assert erp_gateway.customer_for_account(OTHER_ACCOUNT_ID) is None

    def test_an_order_naming_its_customer_goes_to_that_customer(
        self, erp_gateway: ErpGateway, erp_seed: ErpSeed
    ) -> None:
        # Given a customer the coupling store names for an Account the ERP keeps no external id of
        number = erp_seed.customer(name="Coupled Elsewhere GmbH", salesforce_account_id=None)
        order = sales_order(_reference(40), account_id=NEW_ACCOUNT_ID).model_copy(
            update={"customer_number": number}
        )
        # When the order is handed over / Then it is that customer's
        erp_gateway.upsert_sales_order(order)
        record = erp_gateway.get_sales_order(_reference(40))
        assert record is not None and record.customer_reference == number
        # And a customer number the ERP does not know is refused, never invented
        unknown = sales_order(_reference(41)).model_copy(update={"customer_number": "0009999999"})
        with pytest.raises(ErpRejectedError):
            erp_gateway.upsert_sales_order(unknown)
        assert erp_gateway.get_sales_order(_reference(41)) is None


def _after(stamps: Iterable[datetime]) -> datetime:
    """A watermark just past the newest of ``stamps`` (the extract is "changed at or after")."""
    values = list(stamps)
    assert values, "the extract returned nothing to take a watermark from"
    return max(values) + timedelta(microseconds=1)
