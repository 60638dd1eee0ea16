"""The customer flow's logic on ports: AccountChangeEvents (Event Relay's shape) -> the embedded
ERP (strict, as SAP) and the embedded org, with in-memory coupling, order and idempotency stores."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from sferp_tools.embedded_org import EmbeddedSalesforceOrg
from sferp_tools.local.customer_sync import InMemoryCustomerSync
from sferp_tools.synthetic.customer_sync import ChangeStream, business_partner_event

from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.customer_sync.service import Outcome
from sferp.errors import ErpUnavailableError
from sferp.models.records import NewErpCustomer, RecordUpdate
from sferp.models.salesforce_id import to_18
from sferp.ports.coupling import CouplingHow
from sferp.ports.reconciliation import ReconciliationTrigger
from sferp.settings import FlowMode

INTEGRATION_USER = "005000000000009AAA"
A1, A2, A3 = "001000000000001AAA", "001000000000002AAA", "001000000000003AAA"
ACME = {
    "Name": "Acme GmbH",
    "BillingStreet": "Hauptstr. 1",
    "BillingCity": "Berlin",
    "BillingPostalCode": "10115",
    "BillingCountryCode": "DE",
    "Phone": "+49 30 1",
}


@dataclass
class Triggers(ReconciliationTrigger):
    started: list[tuple[str, datetime, str]] = field(default_factory=list)

    def start_targeted(self, entity: str, *, since: datetime, reason: str) -> dict[str, Any]:
        self.started.append((entity, since, reason))
        return {"run_id": f"run-{len(self.started)}", "started": True}


@dataclass
class Flow(InMemoryCustomerSync):
    triggers: Triggers = field(default_factory=Triggers)
    stream: ChangeStream = field(default_factory=ChangeStream)

    def outcomes(self) -> list[str]:
        return [r.outcome.value for r in self.processor.last_outcome.results]

    def customer(self, account_id: str) -> Any:
        return self.erp.customer_for_account(account_id)


def make_flow(mode: FlowMode = FlowMode.LIVE, on_delete: str = "block") -> Flow:
    triggers = Triggers()
    sync = InMemoryCustomerSync.build(
        EmbeddedErp(),
        EmbeddedSalesforceOrg(),
        mode=mode,
        integration_user_id=INTEGRATION_USER[:15],
        on_account_delete=on_delete,
        reconciliation=triggers,
    )
    return Flow(sync.erp, sync.org, sync.processor, sync.poller, sync.coupling, sync.dlq, triggers=triggers)


def failed(response: dict[str, Any]) -> Sequence[str]:
    return [item["itemIdentifier"] for item in response["batchItemFailures"]]


def test_a_new_account_becomes_a_coupled_erp_customer_and_shows_its_number() -> None:
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    assert failed(flow.run(flow.stream.event("CREATE", [A1], ACME))) == []
    customer = flow.customer(A1)
    assert customer is not None
    assert (customer.name, customer.city, customer.country) == ("Acme GmbH", "Berlin", "DE")
    coupling = flow.coupling.for_account(A1)
    assert coupling is not None and coupling.customer_number == customer.customer_number
    assert coupling.how.value == "created" and coupling.coupled_by == "customer_sync"
    account = flow.org.get_record("Account", A1)
    assert account is not None
    assert account["ERP_Customer_Number__c"] == customer.customer_number
    assert account["ERP_Sync_Status__c"] == "Synced"
    assert flow.outcomes() == [Outcome.CREATED.value]


def test_an_update_sends_only_the_changed_salesforce_owned_fields() -> None:
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    calls = flow.erp.calls["update_customers"]
    flow.run(flow.stream.event("UPDATE", [A1], {"BillingCity": "Hamburg"}, nulled=["Phone"]))
    customer = flow.customer(A1)
    assert (customer.city, customer.phone, customer.street) == ("Hamburg", None, "Hauptstr. 1")
    assert flow.erp.calls["update_customers"] == calls + 1
    [result] = flow.processor.last_outcome.results
    assert dict(result.changed) == {"city": "Hamburg", "phone": None}


def test_a_change_of_no_salesforce_owned_field_makes_no_erp_call() -> None:
    flow = make_flow()
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    before = sum(flow.erp.calls.values())
    # A sales user edits the description and the billing e-mail (shared: the nightly policy's)
    flow.run(
        flow.stream.event(
            "UPDATE", [A1], {"Description": "key account", "Billing_Email__c": "ap@acme.example"}
        )
    )
    assert flow.outcomes() == [Outcome.NO_OWNED_CHANGE.value]
    assert sum(flow.erp.calls.values()) == before


def test_echoes_of_the_integration_are_not_sent_back() -> None:
    flow = make_flow()
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    before = sum(flow.erp.calls.values())
    # The integration's own write-back (its user), and ERP-owned values a person could not write
    flow.run(
        flow.stream.event(
            "UPDATE", [A1], {"ERP_Sync_Status__c": "Synced", "Name": "x"}, commit_user=INTEGRATION_USER
        ),
        flow.stream.event("UPDATE", [A1], {"Credit_Limit__c": 5000, "Payment_Terms__c": "NT30"}),
    )
    assert flow.outcomes() == [Outcome.ECHO.value, Outcome.ECHO.value]
    assert sum(flow.erp.calls.values()) == before
    assert flow.customer(A1).name == "Acme GmbH"


def test_an_older_change_is_ignored_and_a_duplicate_makes_no_second_erp_call() -> None:
    flow = make_flow()
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    newer = flow.stream.event("UPDATE", [A1], {"BillingCity": "Hamburg"}, commit_number=20_000_000_000_000)
    older = flow.stream.event("UPDATE", [A1], {"BillingCity": "Munich"}, commit_number=19_000_000_000_000)
    flow.run(newer)
    calls = flow.erp.calls["update_customers"]
    # The same change again (a replay from the archive: new transport id, same change identity)
    replay = json.loads(json.dumps(newer)) | {"id": "another-eventbridge-id"}
    flow.run(older, replay)
    assert flow.outcomes() == [Outcome.STALE.value, Outcome.DUPLICATE.value]
    assert flow.erp.calls["update_customers"] == calls
    assert flow.customer(A1).city == "Hamburg"


def test_one_event_for_several_records_applies_to_each() -> None:
    flow = make_flow()
    for account in (A1, A2):
        flow.run(flow.stream.event("CREATE", [account], ACME | {"Name": f"Acme {account[-4:]}"}))
    flow.run(flow.stream.event("UPDATE", [A1, A2], {"Phone": "+49 40 2"}))
    assert flow.customer(A1).phone == flow.customer(A2).phone == "+49 40 2"
    assert flow.outcomes() == [Outcome.UPDATED.value, Outcome.UPDATED.value]


def test_an_update_of_an_account_the_erp_does_not_know_creates_it_from_the_whole_account() -> None:
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    flow.run(flow.stream.event("UPDATE", [A1], {"Phone": "+49 30 9"}))
    customer = flow.customer(A1)
    # The Account as Salesforce holds it, not just the changed field
    assert customer is not None and customer.name == "Acme GmbH"
    assert flow.outcomes() == [Outcome.CREATED.value]


def test_an_account_the_erp_already_holds_is_coupled_not_created_twice() -> None:
    flow = make_flow()
    [existing] = flow.erp.seed_master_data(accounts=[A1]).values()
    flow.org.add_account(A1, **ACME)
    flow.run(flow.stream.event("UPDATE", [A1], {"BillingCity": "Hamburg"}))
    assert flow.outcomes() == [Outcome.COUPLED.value]
    assert flow.coupling.for_account(A1).customer_number == existing
    assert flow.erp.calls["create_customer"] == 0
    assert flow.org.get_record("Account", A1)["ERP_Customer_Number__c"] == existing


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"Name": None}, "Name: required field would be emptied"),
        ({"BillingCountryCode": "D1"}, "BillingCountryCode: not an ISO 3166-1 alpha-2 country code"),
        ({"BillingCountryCode": "Germany"}, "BillingCountryCode: longer than 2 characters"),
        ({"BillingCity": "x" * 41}, "BillingCity: longer than 40 characters"),
    ],
)
def test_a_change_the_erp_cannot_take_is_dead_lettered_and_shown_on_the_account(
    fields: dict[str, Any], reason: str
) -> None:
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    before = flow.customer(A1)
    nulled = [k for k, v in fields.items() if v is None]
    response = flow.run(
        flow.stream.event("UPDATE", [A1], {k: v for k, v in fields.items() if v is not None}, nulled=nulled)
    )
    assert failed(response) == []  # dead-lettered at once, not retried
    [letter] = flow.dlq.letters
    assert reason in letter.reason and A1 in letter.reason
    account = flow.org.get_record("Account", A1)
    assert account["ERP_Sync_Status__c"] == "Error" and reason in account["ERP_Sync_Message__c"]
    assert flow.customer(A1) == before  # nothing written


def test_a_new_account_without_a_name_never_becomes_a_nameless_customer() -> None:
    flow = make_flow()
    flow.org.add_account(A1, BillingCity="Berlin")
    flow.run(flow.stream.event("CREATE", [A1], {"BillingCity": "Berlin"}))
    assert flow.customer(A1) is None
    [letter] = flow.dlq.letters
    assert "cannot become an ERP customer" in letter.reason and "name" in letter.reason


def test_delete_blocks_and_undelete_lifts_never_a_delete_in_the_erp() -> None:
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    flow.run(flow.stream.event("DELETE", [A1]))
    assert flow.customer(A1).blocked and not flow.customer(A1).deleted
    assert flow.coupling.for_account(A1).account_deleted
    flow.run(flow.stream.event("UNDELETE", [A1], ACME | {"Phone": "+49 30 7"}))
    customer = flow.customer(A1)
    assert not customer.blocked and customer.phone == "+49 30 7"
    assert not flow.coupling.for_account(A1).account_deleted
    assert flow.outcomes() == [Outcome.UNBLOCKED.value]


def test_delete_with_the_flag_policy_leaves_the_erp_customer_alone() -> None:
    flow = make_flow(on_delete="flag")
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    flow.run(flow.stream.event("DELETE", [A1]))
    assert not flow.customer(A1).blocked
    assert flow.coupling.for_account(A1).account_deleted
    assert flow.outcomes() == [Outcome.FLAGGED.value]


def test_gap_events_are_reread_in_one_query_per_200_accounts() -> None:
    flow = make_flow()
    accounts = [to_18(f"001{n:012d}") for n in range(1, 251)]
    for account in accounts:
        flow.org.add_account(account, **ACME | {"Name": f"Acme {account[-4:]}"})
    calls = flow.org.api_calls
    # Ten gap events of 25 records each in one batch: 250 re-reads
    response = flow.run(*(flow.stream.event("GAP_CREATE", accounts[i : i + 25]) for i in range(0, 250, 25)))
    assert failed(response) == []
    assert all(flow.customer(a) is not None for a in accounts)
    # Two re-read queries (200 + 50) and one sObject Collections call per 200 status writes
    assert flow.org.api_calls - calls == 2 + 2
    assert flow.outcomes().count(Outcome.CREATED.value) == 250


def test_a_gap_for_an_account_that_is_gone_syncs_nothing() -> None:
    flow = make_flow()
    flow.run(flow.stream.event("GAP_UPDATE", [A3]))
    assert flow.outcomes() == [Outcome.GONE.value] and flow.customer(A3) is None


def test_an_overflow_starts_a_targeted_reconciliation_from_its_commit_time() -> None:
    flow = make_flow()
    event = flow.stream.event("GAP_OVERFLOW", [], commit_ms=1_764_576_000_000)
    assert failed(flow.run(event)) == []
    [(entity, since, reason)] = flow.triggers.started
    assert (entity, since.isoformat(), reason) == (
        "accounts",
        "2025-12-01T08:00:00+00:00",
        "cdc-gap-overflow",
    )
    assert flow.processor.last_outcome.overflows == [since]


def test_an_erp_outage_retries_the_record_and_the_rest_of_its_group_in_order() -> None:
    flow = make_flow()
    flow.run(flow.stream.event("CREATE", [A1], ACME), flow.stream.event("CREATE", [A2], ACME))
    original = flow.erp.update_customers

    def down(*args: Any, **kwargs: Any) -> Any:
        raise ErpUnavailableError("ERP down")

    flow.erp.update_customers = down  # type: ignore[method-assign]
    first = flow.stream.event("UPDATE", [A1], {"BillingCity": "Hamburg"})
    second = flow.stream.event("UPDATE", [A1], {"BillingCity": "Munich"})
    response = flow.run(first, second)
    assert failed(response) == ["m3", "m4"]  # the group's later change waits behind the failed one
    flow.erp.update_customers = original  # type: ignore[method-assign]
    flow.run(first, second)
    assert flow.customer(A1).city == "Munich"


def test_shadow_mode_reads_and_writes_nothing() -> None:
    flow = make_flow(mode=FlowMode.SHADOW)
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    assert flow.customer(A1) is None and flow.outcomes() == [Outcome.SHADOW.value]
    assert flow.org.writes == []


def test_an_event_that_cannot_be_understood_is_dead_lettered_with_the_reason() -> None:
    flow = make_flow()
    event = flow.stream.event("UPDATE", [A1], {"Phone": "1"})
    event["detail"]["payload"]["ChangeEventHeader"]["commitTimestamp"] = 1_764_576_000  # seconds
    flow.run(event)
    [letter] = flow.dlq.letters
    assert "epoch seconds" in letter.reason


# --- ERP -> Salesforce: the ERP-owned fields --------------------------------------------------------
def _erp_sets(flow: Flow, account: str, **fields: Any) -> None:
    customer = flow.customer(account)
    [result] = flow.erp.update_customers([RecordUpdate(key=customer.customer_number, fields=fields)])
    assert result.ok


def test_an_erp_credit_limit_change_reaches_the_account_and_nothing_salesforce_owns_is_touched() -> None:
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    # A sales user renames the Account in Salesforce meanwhile (the ERP still has the old name)
    flow.org.update_records("Account", [RecordUpdate(key=A1, fields={"Name": "Acme Group"})])
    _erp_sets(flow, A1, credit_limit=Decimal("50000"), payment_terms="NT30")
    result = flow.poller.poll()
    account = flow.org.get_record("Account", A1)
    assert (account["Credit_Limit__c"], account["Payment_Terms__c"]) == (Decimal("50000"), "NT30")
    assert account["Name"] == "Acme Group"  # Salesforce-owned: never written from the ERP
    assert result.written == 1 and result.api_calls == 1


def test_a_change_crosses_each_way_at_most_once() -> None:
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    # Salesforce -> ERP: a new Account becomes a customer (one create)
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    # The poller sees the new customer: nothing of the ERP's is news for the Account
    assert flow.poller.poll().written == 0
    # Salesforce -> ERP: a city change (one update); the poller sees the customer changed, but
    # nothing the ERP owns did: no write back
    flow.run(flow.stream.event("UPDATE", [A1], {"BillingCity": "Hamburg"}))
    assert flow.erp.calls["update_customers"] == 1
    writes = len(flow.org.writes)
    assert flow.poller.poll().unchanged == 1 and len(flow.org.writes) == writes
    # ERP -> Salesforce: the credit limit (one write) ...
    _erp_sets(flow, A1, credit_limit=Decimal("7500"))
    assert flow.poller.poll().written == 1
    # ... whose change event (by the integration user) is not sent back to the ERP
    erp_calls = sum(flow.erp.calls.values())
    flow.run(flow.stream.event("UPDATE", [A1], {"Credit_Limit__c": 7500}, commit_user=INTEGRATION_USER))
    assert flow.outcomes() == [Outcome.ECHO.value] and sum(flow.erp.calls.values()) == erp_calls
    # And the next poll writes nothing again
    assert flow.poller.poll().written == 0


def test_an_erp_customer_no_account_is_coupled_to_is_counted_not_guessed() -> None:
    flow = make_flow()
    # A customer created in the ERP directly (no Salesforce Id), and one whose Account was deleted
    flow.erp.seed_customers([{"name": "Walk-in", "credit_limit": "10"}])
    created = flow.erp.create_customer(NewErpCustomer(salesforce_account_id=A3, name="Gone GmbH"))
    flow.coupling.couple(A3, created.customer_number, by="test", how=CouplingHow.MANUAL)
    flow.coupling.set_account_deleted(A3, deleted=True)
    result = flow.poller.poll()
    assert (result.read, result.uncoupled, result.written) == (2, 2, 0)
    assert flow.org.writes == []


def test_a_refused_account_write_is_dead_lettered_with_salesforces_reason() -> None:
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    flow.org.delete_record("Account", A1)  # deleted in Salesforce: updates fail ENTITY_IS_DELETED
    _erp_sets(flow, A1, payment_terms="NT60")
    result = flow.poller.poll()
    assert list(result.refused) == [A1]
    [letter] = flow.dlq.letters
    assert "ERP-owned fields" in letter.reason and "ENTITY_IS_DELETED" in letter.reason


def test_the_watermark_with_lookback_rereads_without_writing_twice() -> None:
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    _erp_sets(flow, A1, credit_limit=Decimal("1"))
    first = flow.poller.poll()
    second = flow.poller.poll()  # the lookback re-reads the same change
    assert first.written == 1 and second.read >= 1 and second.written == 0
    assert second.since is not None and first.watermark is not None and second.since < first.watermark


def test_one_batch_writes_each_account_once_keeping_every_field_it_must_show() -> None:
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    calls = flow.org.api_calls
    # A create and a change the ERP cannot take, in one batch
    flow.run(
        flow.stream.event("CREATE", [A1], ACME),
        flow.stream.event("UPDATE", [A1], {"BillingCountryCode": "D1"}),
    )
    account = flow.org.get_record("Account", A1)
    assert account["ERP_Customer_Number__c"] == flow.customer(A1).customer_number
    assert account["ERP_Sync_Status__c"] == "Error"
    assert flow.org.api_calls - calls == 1  # one sObject Collections call for the batch


# --- Account merges ------------------------------------------------------------------------------
def test_a_merged_accounts_coupling_moves_to_the_survivor_without_one() -> None:
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    flow.org.add_account(A2, **ACME | {"Name": "Acme (duplicate)"})
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    number = flow.customer(A1).customer_number
    # A user merges A1 into A2 (A2 never reached the ERP): Salesforce deletes A1
    flow.org.merge_accounts(A2, A1)
    flow.run(flow.stream.event("DELETE", [A1]))
    assert flow.outcomes() == [Outcome.MERGED.value]
    coupling = flow.coupling.for_account(A2)
    assert coupling is not None and coupling.customer_number == number and coupling.how.value == "merged"
    assert flow.coupling.for_account(A1) is None
    # The ERP's back-link follows, the customer stays unblocked, the survivor shows the number
    assert flow.erp.customer_for_account(A2).customer_number == number
    assert not flow.erp.customer_for_account(A2).blocked
    assert flow.org.get_record("Account", A2)["ERP_Customer_Number__c"] == number


def test_a_merge_of_two_coupled_accounts_goes_to_review_and_keeps_both_customers() -> None:
    flow = make_flow()
    for account in (A1, A2):
        flow.org.add_account(account, **ACME)
        flow.run(flow.stream.event("CREATE", [account], ACME))
    flow.org.merge_accounts(A2, A1)
    flow.run(flow.stream.event("DELETE", [A1]))
    [letter] = flow.dlq.letters
    assert "two ERP customers for one Account" in letter.reason
    # Nothing decided silently: both couplings stay, the survivor shows the error
    assert flow.coupling.for_account(A1) is not None and flow.coupling.for_account(A2) is not None
    assert flow.org.get_record("Account", A2)["ERP_Sync_Status__c"] == "Error"


def test_a_plain_delete_reads_no_merge_and_blocks() -> None:
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    flow.org.delete_record("Account", A1)
    flow.run(flow.stream.event("DELETE", [A1]))
    assert flow.outcomes() == [Outcome.BLOCKED.value]


# --- ERP business events (key only, followed by a read) -------------------------------------------
def test_an_erp_business_event_is_followed_by_a_read_and_writes_the_account_once() -> None:
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    flow.run(flow.stream.event("CREATE", [A1], ACME))
    number = flow.customer(A1).customer_number
    _erp_sets(flow, A1, credit_limit=Decimal("900"))
    flow.run(business_partner_event(number))
    assert flow.org.get_record("Account", A1)["Credit_Limit__c"] == Decimal("900")
    # The poll that follows (or a redelivered event) writes nothing again
    writes = len(flow.org.writes)
    flow.run(business_partner_event(number))
    assert flow.poller.poll().written == 0 and len(flow.org.writes) == writes


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda e: e["detail"].update(specversion="0.3"), "specversion"),
        (lambda e: e["detail"].update(data={}), "BusinessPartner"),
        (
            lambda e: e["detail"].update(type="sap.s4.beh.businesspartner.v1.BusinessPartner.Deleted.v1"),
            "differs",
        ),
    ],
)
def test_an_erp_event_that_cannot_be_understood_is_dead_lettered(mangle: Any, reason: str) -> None:
    flow = make_flow()
    event = business_partner_event("0001000000")
    mangle(event)
    flow.run(event)
    [letter] = flow.dlq.letters
    assert reason in letter.reason


def test_an_account_the_nightly_run_created_for_an_erp_customer_is_coupled_not_dropped_as_echo() -> None:
    flow = make_flow()
    # Given an ERP customer Salesforce lacked, and the Account the reconciliation created for it
    [number] = flow.erp.seed_customers([{"name": "ERP Only GmbH", "city": "Kiel"}])
    fields = {"Name": "ERP Only GmbH", "BillingCity": "Kiel", "ERP_Customer_Number__c": number}
    flow.org.add_account(A3, **fields)
    # When its CREATE comes back by the integration user
    flow.run(flow.stream.event("CREATE", [A3], fields, commit_user=INTEGRATION_USER))
    # Then Account and customer are coupled (store and the ERP's back-link), nothing else written
    assert flow.outcomes() == [Outcome.COUPLED.value]
    assert flow.coupling.for_account(A3).customer_number == number
    assert flow.erp.customer_for_account(A3).customer_number == number
    assert flow.erp.calls["create_customer"] == 0
    # And a later change of the Account reaches that customer
    flow.run(flow.stream.event("UPDATE", [A3], {"Phone": "+49 431 1"}))
    assert flow.erp.customer_for_account(A3).phone == "+49 431 1"


def test_a_batch_of_erp_events_is_one_read_and_one_write_and_fails_together() -> None:
    flow = make_flow()
    accounts = (A1, A2, A3)
    for account in accounts:
        flow.org.add_account(account, **ACME)
        flow.run(flow.stream.event("CREATE", [account], ACME))
        _erp_sets(flow, account, payment_terms="NT14")
    numbers = [flow.customer(a).customer_number for a in accounts]
    # A Salesforce outage: the three events fail together and stay in the queue
    flow.org.error_rate = 1.0
    response = flow.run(*(business_partner_event(n) for n in numbers))
    assert len(failed(response)) == 3
    flow.org.error_rate = 0.0
    calls = flow.org.api_calls
    assert failed(flow.run(*(business_partner_event(n) for n in numbers))) == []
    assert flow.org.api_calls - calls == 1  # the three Accounts in one sObject Collections call
    assert all(flow.org.get_record("Account", a)["Payment_Terms__c"] == "NT14" for a in accounts)


def test_the_accounts_status_goes_through_the_writer_and_a_refusal_keeps_salesforces_reason() -> None:
    # Given two new Accounts in one batch, the second deleted in Salesforce before its status is written
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    flow.org.add_account(A2, **ACME)
    original = flow.org.update_records

    def delete_then_update(sobject, updates):  # type: ignore[no-untyped-def]
        if sobject == "Account" and any(u.key == A2 for u in updates):
            flow.org.delete_record("Account", A2)
        return original(sobject, updates)

    flow.org.update_records = delete_then_update  # type: ignore[method-assign]
    calls = flow.org.api_calls
    # When both are created in the ERP
    flow.run(flow.stream.event("CREATE", [A1], ACME), flow.stream.event("CREATE", [A2], ACME))
    # Then one Salesforce call wrote both statuses, the first Account shows Synced, and the
    # refusal of the second is kept with Salesforce's status code
    assert flow.org.api_calls - calls == 1
    assert flow.org.get_record("Account", A1)["ERP_Sync_Status__c"] == "Synced"
    assert flow.processor.last_outcome.writeback_errors == [f"{A2}: ENTITY_IS_DELETED: entity is deleted"]


def test_near_the_api_limit_the_erp_owned_fields_wait_and_then_land() -> None:
    # Given a coupled Account and an org at 85 % of its daily API limit (the writer's guard: 80 %)
    flow = make_flow()
    flow.org.add_account(A1, **ACME)
    flow.run(flow.stream.event("CREATE", [A1], ACME))  # a first call reads Sforce-Limit-Info ...
    flow.org.set_api_used(85_000, total=100_000)
    flow.org.get_accounts([A1])  # ... and so does this one, at 85 %
    _erp_sets(flow, A1, credit_limit=Decimal("50000"))
    # When the poller runs / Then the ERP-owned change is deferred (non-urgent), held back, not lost
    result = flow.poller.poll()
    assert result.written == 0 and result.held_back and "deferred" in result.refused[A1]
    assert flow.org.get_record("Account", A1).get("Credit_Limit__c") != Decimal("50000")
    # And once usage is below the guard, the next poll writes it
    flow.org.set_api_used(0)
    flow.org.get_accounts([A1])
    assert flow.poller.poll().written == 1
    assert flow.org.get_record("Account", A1)["Credit_Limit__c"] == Decimal("50000")
