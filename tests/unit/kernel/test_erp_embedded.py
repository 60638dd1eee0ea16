"""EmbeddedErp beyond the port contract: fault injection, call counting, seeding, threads, files."""

from __future__ import annotations

import random
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.errors import (
    ConfigurationError,
    ErpCustomerMissingError,
    ErpNotFoundError,
    ErpRejectedError,
    ErpTimeoutError,
    ErpUnavailableError,
)
from sferp.faults import ErpFaults, FaultInjector, FaultOutcome, FaultSpecError, parse_fault_specs
from sferp.models.order import ErpSalesOrder, ErpSalesOrderItem
from sferp.models.records import RecordUpdate

ORDER_ID = "801000000000001AAA"
ACCOUNT_ID = "001000000000001AAA"
BEGINNING = datetime(2000, 1, 1, tzinfo=UTC)


class ScriptedRandom(random.Random):
    """Returns the scripted draws in order, so a test decides exactly which fault strikes."""

    def __init__(self, *draws: float) -> None:
        super().__init__(0)
        self.draws = list(draws)

    def random(self) -> float:
        if not self.draws:
            raise AssertionError("the ERP drew more random numbers than the test scripted")
        return self.draws.pop(0)


class RecordingSleep:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def order(
    reference: str = ORDER_ID, *, version: int = 1, sku: str = "SKU-1", quantity: int = 2
) -> ErpSalesOrder:
    return ErpSalesOrder(
        external_reference=reference,
        customer_reference=ACCOUNT_ID,
        currency="EUR",
        requested_delivery_date=date(2026, 2, 1),
        items=(
            ErpSalesOrderItem(
                item_number=10,
                sku=sku,
                quantity=Decimal(quantity),
                unit_price=Decimal("4.20"),
                external_line_id="L1",
            ),
        ),
        source_version=version,
    )


@pytest.fixture
def erp() -> Iterator[EmbeddedErp]:
    gateway = loaded(EmbeddedErp())
    yield gateway
    gateway.close()


def loaded(erp: EmbeddedErp) -> EmbeddedErp:
    """The strict ERP after an initial master-data load: the test Account and SKU-1/SKU-2."""
    erp.seed_master_data(accounts=[ACCOUNT_ID], skus=["SKU-1", "SKU-2"])
    return erp


# --- faults: parsing ---------------------------------------------------------------------------
def test_faults_parse_from_name_value_strings() -> None:
    # Given CLI-style fault settings with the ERP prefix
    specs = ["erp_error_rate=0.2", "erp_timeout_rate = 0.05", "erp_latency_ms=50", "erp_seed=7"]

    # When they are parsed
    faults = ErpFaults.from_specs(specs, prefix="erp_")

    # Then every field is set with its type
    assert faults == ErpFaults(error_rate=0.2, timeout_rate=0.05, latency_ms=50.0, seed=7)


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        (["erp_eror_rate=0.2"], "unknown fault 'erp_eror_rate'"),
        (["salesforce_error_rate=0.1"], "unknown fault 'salesforce_error_rate'"),
        (["erp_error_rate"], "not of the form name=value"),
        (["erp_error_rate="], "not of the form name=value"),
        (["erp_error_rate=abc"], "erp_error_rate"),
        (["erp_error_rate=1.5"], "erp_error_rate"),
        (["erp_latency_ms=-1"], "erp_latency_ms"),
        (["erp_error_rate=0.7", "erp_timeout_rate=0.5"], "must not exceed 1"),
        (["erp_error_rate=0.1", "erp_error_rate=0.2"], "given twice"),
    ],
)
def test_bad_fault_settings_fail_naming_the_problem(specs: list[str], message: str) -> None:
    # Given a malformed, unknown or out-of-range fault setting
    # When it is parsed
    # Then parsing fails with a configuration error that names it
    with pytest.raises(FaultSpecError, match=message) as caught:
        ErpFaults.from_specs(specs, prefix="erp_")
    assert isinstance(caught.value, ConfigurationError)
    assert isinstance(caught.value, ValueError)


def test_unknown_fault_error_lists_the_known_names() -> None:
    # Given a typo in a fault name
    # When it is parsed
    # Then the error tells the user what is accepted
    with pytest.raises(FaultSpecError, match="erp_timeout_rate"):
        ErpFaults.from_specs(["erp_timout_rate=0.1"], prefix="erp_")


def test_fault_specs_split_into_names_and_values_for_routing() -> None:
    # Given the mixed --fault values of one CLI run
    # When they are split
    parsed = parse_fault_specs(["erp_error_rate=0.2", "handler_crash_rate=0.05"])

    # Then each name maps to its raw value, ready to be routed by prefix
    assert parsed == {"erp_error_rate": "0.2", "handler_crash_rate": "0.05"}


# --- faults: errors and timeouts ---------------------------------------------------------------
def test_an_injected_error_raises_unavailable_and_writes_nothing() -> None:
    # Given an ERP whose next draw falls inside the error rate
    erp = loaded(EmbeddedErp(faults=ErpFaults(error_rate=0.5), rng=ScriptedRandom(0.2)))

    # When an order is upserted
    # Then the call fails as retriable-unavailable and no order exists
    with pytest.raises(ErpUnavailableError):
        erp.upsert_sales_order(order())
    assert erp.sales_orders() == []
    assert erp.calls["upsert_sales_order"] == 1
    assert erp.failed_calls["upsert_sales_order"] == 1


def test_error_rate_strikes_about_as_often_as_configured() -> None:
    # Given a seeded error rate of 30 %
    erp = loaded(EmbeddedErp(faults=ErpFaults(error_rate=0.3, seed=42)))
    erp.seed_stock("1000", {"SKU-1": 1})

    # When the ERP is called a thousand times
    failures = 0
    for _ in range(1000):
        try:
            erp.get_availability("1000", ["SKU-1"])
        except ErpUnavailableError:
            failures += 1

    # Then roughly 30 % of the calls failed, and every attempt was counted
    assert 250 <= failures <= 350
    assert erp.calls["get_availability"] == 1000
    assert erp.failed_calls["get_availability"] == failures


def test_timeout_before_the_write_loses_the_write() -> None:
    # Given a timeout draw (0.3 < 0 + 0.5) followed by a "before the write" coin (0.7 >= 0.5)
    erp = loaded(EmbeddedErp(faults=ErpFaults(timeout_rate=0.5), rng=ScriptedRandom(0.3, 0.7)))

    # When an order is upserted
    # Then the call times out and nothing was written
    with pytest.raises(ErpTimeoutError):
        erp.upsert_sales_order(order())
    assert erp.sales_orders() == []


def test_timeout_after_commit_keeps_the_write_and_the_retry_finds_it() -> None:
    # Given a timeout draw followed by an "after the write" coin (0.1 < 0.5)
    erp = loaded(EmbeddedErp(faults=ErpFaults(timeout_rate=0.5), rng=ScriptedRandom(0.3, 0.1)))

    # When an order is upserted, times out, and is retried once the ERP answers again
    with pytest.raises(ErpTimeoutError):
        erp.upsert_sales_order(order())
    erp.faults = ErpFaults()
    retry = erp.upsert_sales_order(order())

    # Then the lost answer's write is there, the retry updated it, and there is one order
    assert retry.created is False
    orders = erp.sales_orders()
    assert [o.external_reference for o in orders] == [ORDER_ID]
    assert orders[0].erp_order_id == retry.erp_order_id


def test_timeout_after_commit_on_cancel_leaves_the_order_cancelled() -> None:
    # Given an open order and a late timeout scripted for the cancel
    erp = loaded(EmbeddedErp(faults=ErpFaults(timeout_rate=0.5), rng=ScriptedRandom(0.9, 0.3, 0.1)))
    erp.upsert_sales_order(order())  # draw 0.9: no fault

    # When the cancel times out after committing
    with pytest.raises(ErpTimeoutError):
        erp.cancel_sales_order(ORDER_ID, source_version=2)

    # Then the order is cancelled all the same
    assert erp.sales_orders()[0].status == "CANCELLED"


def test_reads_time_out_without_tossing_the_write_coin() -> None:
    # Given a timeout draw and no second number scripted
    erp = loaded(EmbeddedErp(faults=ErpFaults(timeout_rate=1.0), rng=ScriptedRandom(0.5)))

    # When a read is made
    # Then it times out (a second draw would fail the ScriptedRandom)
    with pytest.raises(ErpTimeoutError):
        erp.get_sales_order(ORDER_ID)


def test_injector_splits_write_timeouts_about_half_after_commit() -> None:
    # Given an injector that always times out
    injector = FaultInjector(ErpFaults(timeout_rate=1.0, seed=3))

    # When it decides a thousand writes
    outcomes = [injector.draw(write=True) for _ in range(1000)]

    # Then about half of the timeouts come after the write
    after = outcomes.count(FaultOutcome.TIMEOUT_AFTER_WRITE)
    assert 400 <= after <= 600
    assert after + outcomes.count(FaultOutcome.TIMEOUT_BEFORE_WRITE) == 1000


def test_same_seed_same_faults() -> None:
    # Given two ERPs with the same seeded faults
    first = loaded(EmbeddedErp(faults=ErpFaults(error_rate=0.5, seed=11)))
    second = loaded(EmbeddedErp(faults=ErpFaults(error_rate=0.5, seed=11)))

    # When both serve the same calls
    def outcomes(erp: EmbeddedErp) -> list[bool]:
        results = []
        for _ in range(50):
            try:
                erp.get_sales_order(ORDER_ID)
                results.append(True)
            except ErpUnavailableError:
                results.append(False)
        return results

    first_outcomes, second_outcomes = outcomes(first), outcomes(second)

    # Then they fail on the same calls
    assert first_outcomes == second_outcomes
    assert False in first_outcomes
    assert True in first_outcomes


# --- faults: latency and outage ----------------------------------------------------------------
def test_latency_is_slept_through_the_injected_sleep() -> None:
    # Given 250 ms of added latency and a recording sleep
    sleep = RecordingSleep()
    erp = loaded(EmbeddedErp(faults=ErpFaults(latency_ms=250), sleep=sleep))

    # When two calls are made
    erp.upsert_sales_order(order())
    erp.get_availability("1000", ["SKU-1"])

    # Then each asked to sleep a quarter of a second
    assert sleep.calls == [0.25, 0.25]


def test_no_latency_means_no_sleep() -> None:
    # Given no faults at all
    sleep = RecordingSleep()
    erp = loaded(EmbeddedErp(sleep=sleep))

    # When a call is made
    erp.get_sales_order(ORDER_ID)

    # Then nothing slept
    assert sleep.calls == []


def test_outage_fails_every_call_until_it_ends() -> None:
    # Given a healthy ERP with an order
    erp = loaded(EmbeddedErp())
    erp.upsert_sales_order(order())

    # When calls are made inside an (even nested) outage
    with erp.outage():
        with pytest.raises(ErpUnavailableError):
            erp.get_sales_order(ORDER_ID)
        with erp.outage(), pytest.raises(ErpUnavailableError):
            erp.cancel_sales_order(ORDER_ID, source_version=2)
        with pytest.raises(ErpUnavailableError):
            erp.upsert_sales_order(order(version=3))

    # Then nothing changed during it, and calls succeed once it is over
    record = erp.get_sales_order(ORDER_ID)
    assert record is not None
    assert (record.status, record.source_version) == ("OPEN", 1)


def test_faults_can_be_changed_at_runtime() -> None:
    # Given a healthy ERP
    erp = EmbeddedErp()
    erp.get_sales_order(ORDER_ID)

    # When every call is set to fail, then set back
    erp.faults = ErpFaults(error_rate=1.0)
    with pytest.raises(ErpUnavailableError):
        erp.get_sales_order(ORDER_ID)
    erp.faults = ErpFaults()

    # Then calls succeed again
    assert erp.get_sales_order(ORDER_ID) is None


# --- call counting -----------------------------------------------------------------------------
def test_availability_of_many_skus_is_one_call(erp: EmbeddedErp) -> None:
    # Given stock for 300 SKUs
    skus = [f"SKU-{n}" for n in range(300)]
    erp.seed_stock("1000", dict.fromkeys(skus, 5), available_date=date(2026, 3, 1))

    # When all of them (and duplicates) are asked for at once
    result = erp.get_availability("1000", [*skus, *skus[:10]])

    # Then one call answered them all; seeding was not counted
    assert erp.call_count == 1
    assert len(result) == 300
    assert result["SKU-7"].available_date == date(2026, 3, 1)


def test_an_extract_costs_pages_plus_one() -> None:
    # Given 10 customers and a page size of 5
    erp = EmbeddedErp(page_size=5)
    erp.seed_customers([{"name": f"Customer {n}"} for n in range(10)])

    # When every customer is extracted
    customers = list(erp.changed_customers(BEGINNING))

    # Then two full pages and one empty page were fetched
    assert len(customers) == 10
    assert erp.calls["changed_customers"] == 3


def test_reset_calls_clears_the_counters(erp: EmbeddedErp) -> None:
    # Given some calls
    erp.get_sales_order(ORDER_ID)

    # When the counters are reset
    erp.reset_calls()

    # Then they start from zero
    assert erp.call_count == 0


# --- business rules beyond the contract --------------------------------------------------------
def test_an_order_for_an_uncoupled_account_is_refused_and_the_lenient_erp_makes_a_stub() -> None:
    # Given the strict default with no customers, and a lenient one (the deployed dev stack)
    strict, lenient = EmbeddedErp(), EmbeddedErp(strict=False)
    strict.seed_products([{"sku": "SKU-1"}])
    # When an order for an Account no customer is coupled to arrives
    # Then the strict ERP refuses it naming the Account, and nothing is written
    with pytest.raises(ErpCustomerMissingError, match=f"account {ACCOUNT_ID} has no ERP customer"):
        strict.upsert_sales_order(order())
    assert strict.sales_orders() == []
    # And the lenient one creates a stub customer coupled to the Account
    lenient.upsert_sales_order(order())
    [customer] = list(lenient.changed_customers(BEGINNING))
    assert customer.salesforce_account_id == ACCOUNT_ID
    assert len(customer.customer_number) == 10


def test_the_sold_to_party_is_the_coupled_customer_and_seeding_couples_once(erp: EmbeddedErp) -> None:
    # Given the loaded ERP; a second load couples nothing new
    [number] = erp.seed_master_data(accounts=[ACCOUNT_ID]).values()
    # When an order is handed off / Then it carries the customer number, not the Account Id
    erp.upsert_sales_order(order())
    record = erp.get_sales_order(ORDER_ID)
    assert record is not None and record.customer_reference == number != ACCOUNT_ID
    assert len(list(erp.changed_customers(BEGINNING))) == 1


def test_strict_products_rejects_unknown_materials(erp: EmbeddedErp) -> None:
    # Given the strict ERP that knows SKU-1 and SKU-2 only
    # When orders for a known and an unknown SKU arrive
    erp.upsert_sales_order(order("801000000000001AAA", sku="SKU-1"))
    # Then the unknown one is refused, naming the SKU, and nothing of it was written
    with pytest.raises(ErpRejectedError, match="SKU-X"):
        erp.upsert_sales_order(order("801000000000002AAA", sku="SKU-X"))
    assert [o.external_reference for o in erp.sales_orders()] == ["801000000000001AAA"]


def test_a_product_without_a_price_has_none_never_zero() -> None:
    erp = EmbeddedErp()
    erp.seed_products([{"sku": "SKU-1", "name": "One"}])
    [product] = list(erp.changed_products(BEGINNING))
    assert (product.list_price, product.currency) == (None, None)


def test_lenient_products_accept_unknown_materials() -> None:
    # Given the lenient ERP with an empty material master
    # When an order for an unknown SKU arrives
    ack = EmbeddedErp(strict=False).upsert_sales_order(order(sku="SKU-X"))

    # Then it is accepted
    assert ack.created is True


def test_shipped_orders_cannot_be_changed_or_cancelled(erp: EmbeddedErp) -> None:
    # Given an order the ERP has shipped
    erp.upsert_sales_order(order())
    erp.set_order_status(ORDER_ID, "SHIPPED")

    # When Salesforce tries to change or cancel it
    # Then the ERP refuses both
    with pytest.raises(ErpRejectedError, match="SHIPPED"):
        erp.upsert_sales_order(order(version=2))
    with pytest.raises(ErpRejectedError, match="SHIPPED"):
        erp.cancel_sales_order(ORDER_ID, source_version=2)


def test_set_order_status_of_an_unknown_order_fails(erp: EmbeddedErp) -> None:
    # Given no order
    # When its status is set
    # Then the ERP says it does not exist
    with pytest.raises(ErpNotFoundError):
        erp.set_order_status(ORDER_ID, "SHIPPED")


def test_repeated_item_numbers_are_rejected(erp: EmbeddedErp) -> None:
    # Given an order whose two items share item number 10
    item = ErpSalesOrderItem(
        item_number=10, sku="A", quantity=Decimal(1), unit_price=Decimal(1), external_line_id="L1"
    )
    bad = order().model_copy(update={"items": (item, item.model_copy(update={"external_line_id": "L2"}))})

    # When it is upserted
    # Then the ERP refuses it
    with pytest.raises(ErpRejectedError, match="item number"):
        erp.upsert_sales_order(bad)


def test_update_customers_refuses_unknown_fields_and_bad_values(erp: EmbeddedErp) -> None:
    # Given two customers, one of which already holds an Account Id
    first, second = erp.seed_customers(
        [{"name": "First", "salesforce_account_id": ACCOUNT_ID}, {"name": "Second"}]
    )

    # When a batch sets an unknown field, a bad credit limit, a duplicate Account Id and a good value
    results = erp.update_customers(
        [
            RecordUpdate(key=first, fields={"favourite_colour": "blue"}),
            RecordUpdate(key=first, fields={"credit_limit": "lots"}),
            RecordUpdate(key=second, fields={"salesforce_account_id": ACCOUNT_ID}),
            RecordUpdate(key=second, fields={"credit_limit": "5000.00"}),
        ]
    )

    # Then only the good one applied; the others fail alone with their reason
    assert [r.ok for r in results] == [False, False, False, True]
    assert "favourite_colour" in (results[0].error or "")
    assert "credit_limit" in (results[1].error or "")
    customers = {c.customer_number: c for c in erp.changed_customers(BEGINNING)}
    assert customers[second].credit_limit == Decimal("5000.00")
    assert customers[second].salesforce_account_id is None


def test_deleted_customers_cannot_be_updated() -> None:
    # Given a customer flagged as deleted
    erp = EmbeddedErp()
    [number] = erp.seed_customers([{"name": "Gone", "deleted": True}])

    # When it is updated
    [result] = erp.update_customers([RecordUpdate(key=number, fields={"phone": "1"})])

    # Then the update is refused, and the extract still reports the deletion
    assert result.ok is False
    assert [c.deleted for c in erp.changed_customers(BEGINNING)] == [True]


def test_document_numbers_come_from_a_ten_digit_range(erp: EmbeddedErp) -> None:
    # Given an empty ERP
    # When three orders are created
    ids = [erp.upsert_sales_order(order(f"80100000000000{n}AAA")).erp_order_id for n in range(1, 4)]

    # Then they are consecutive, zero-padded 10-digit numbers
    assert ids == ["0000000001", "0000000002", "0000000003"]


def test_naive_watermarks_are_read_as_utc() -> None:
    # Given an order written at 08:00 UTC
    now = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    erp = loaded(EmbeddedErp(clock=lambda: now))
    erp.upsert_sales_order(order())

    # When extracts start just before and just after, without a timezone
    before = list(erp.changed_sales_orders(datetime(2026, 1, 5, 7, 59)))
    after = list(erp.changed_sales_orders(datetime(2026, 1, 5, 8, 1)))

    # Then the naive times were taken as UTC
    assert len(before) == 1
    assert after == []


def test_snapshot_is_json_ready_for_reports(erp: EmbeddedErp) -> None:
    # Given one order, cancelled
    [customer] = erp.seed_master_data(accounts=[ACCOUNT_ID]).values()
    ack = erp.upsert_sales_order(order(quantity=3))
    erp.cancel_sales_order(ORDER_ID, source_version=2)
    erp.seed_stock("1000", {"SKU-1": Decimal("1.5")})

    # When a snapshot is taken
    snapshot = erp.snapshot()

    # Then it carries what the run report needs, decimals as exact strings
    assert snapshot["sales_orders"] == [
        {
            "erp_order_id": ack.erp_order_id,
            "salesforce_order_id": ORDER_ID,
            "customer_number": customer,
            "salesforce_account_id": ACCOUNT_ID,
            "status": "CANCELLED",
            "currency": "EUR",
            "source_version": 2,
            "changed_at": snapshot["sales_orders"][0]["changed_at"],
            "lines": [
                {
                    "item_number": 10,
                    "sku": "SKU-1",
                    "quantity": "3",
                    "unit_price": "4.20",
                    "external_line_id": "L1",
                    "rejected": True,
                }
            ],
        }
    ]
    assert snapshot["stock"] == [
        {"plant": "1000", "sku": "SKU-1", "available_quantity": "1.5", "available_date": None}
    ]
    assert [c["salesforce_account_id"] for c in snapshot["customers"]] == [ACCOUNT_ID]


# --- threads and files -------------------------------------------------------------------------
def test_concurrent_upserts_of_one_reference_make_one_order(erp: EmbeddedErp) -> None:
    # Given eight threads that upsert the same order at the same moment
    barrier = threading.Barrier(8)
    acks = []
    errors: list[BaseException] = []

    def worker(version: int) -> None:
        try:
            barrier.wait()
            acks.append(erp.upsert_sales_order(order(version=version)))
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]

    # When they all run
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Then exactly one created the order and all agree on its number
    assert errors == []
    assert sum(ack.created for ack in acks) == 1
    assert len({ack.erp_order_id for ack in acks}) == 1
    assert len(erp.sales_orders()) == 1


def test_concurrent_upserts_of_many_references_all_land(erp: EmbeddedErp) -> None:
    # Given four threads each creating 25 distinct orders
    def worker(offset: int) -> None:
        for n in range(25):
            erp.upsert_sales_order(order(f"801{offset * 100 + n:012d}AAA"))

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(4)]

    # When they run in parallel
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Then 100 orders exist with 100 different numbers
    orders = erp.sales_orders()
    assert len(orders) == 100
    assert len({o.erp_order_id for o in orders}) == 100
    assert erp.calls["upsert_sales_order"] == 100


def test_a_file_database_uses_wal_and_survives_a_reopen(tmp_path: Path) -> None:
    # Given an ERP on a file with one order
    path = tmp_path / "erp.sqlite"
    erp = loaded(EmbeddedErp(path))
    ack = erp.upsert_sales_order(order())
    erp.close()

    # When the file is opened again
    reopened = loaded(EmbeddedErp(path))

    # Then the order is still there, numbering continues, and the journal is WAL
    record = reopened.get_sales_order(ORDER_ID)
    assert record is not None
    assert record.erp_order_id == ack.erp_order_id
    assert reopened.upsert_sales_order(order("801000000000002AAA")).erp_order_id == "0000000002"
    reopened.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_extract_pages_stay_stable_when_records_change_mid_extract() -> None:
    # Given 6 orders on pages of 2, and a clock that moves on every write
    clock = {"now": datetime(2026, 1, 5, tzinfo=UTC)}

    def tick() -> datetime:
        clock["now"] += timedelta(seconds=1)
        return clock["now"]

    erp = loaded(EmbeddedErp(page_size=2, clock=tick))
    references = [f"80100000000000{n}AAA" for n in range(6)]
    for reference in references:
        erp.upsert_sales_order(order(reference))

    # When the first order is updated while the extract is on its first page
    extract = erp.changed_sales_orders(BEGINNING)
    seen = [next(extract).external_reference]
    erp.upsert_sales_order(order(references[0], version=2))
    seen += [o.external_reference for o in extract]

    # Then every order was seen, the changed one again at its new position (at least once each)
    assert set(seen) == set(references)
    assert seen[-1] == references[0]
