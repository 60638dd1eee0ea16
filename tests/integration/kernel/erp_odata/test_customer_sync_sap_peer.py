"""The customer flow against the SAP test peer (SAP's EDMX for API_BUSINESS_PARTNER, SAP's gateway
rules) through the S/4HANA adapter: a new Account becomes a business partner coupled by
BusinessPartnerIDByExtSystem, a city change reaches its address, a delete blocks it, a merge
re-links it, and the credit limit (not in API_BUSINESS_PARTNER) is never written to Salesforce."""

from __future__ import annotations

import json
from typing import Any

from sferp_tools.embedded_org import EmbeddedSalesforceOrg
from sferp_tools.fakes import (
    InMemoryCouplingStore,
    InMemoryDeadLetterQueue,
    InMemoryIdempotencyGuard,
    InMemoryRecordLock,
    InMemoryVersionGuard,
)
from sferp_tools.synthetic.customer_sync import ChangeStream

from sferp.adapters.erp.odata import ODataErpGateway
from sferp.customer_sync.batch import CustomerBatchProcessor
from sferp.customer_sync.erp_poller import ErpCustomerPoller
from sferp.customer_sync.service import CustomerSyncService
from sferp.settings import FlowMode

INTEGRATION_USER = "005000000000009AAA"
NEW, SURVIVOR = "001000000000501AAA", "001000000000502AAA"
FIELDS = {
    "Name": "Nordwind Handels AG",
    "BillingStreet": "Kaistrasse 5",
    "BillingCity": "Hamburg",
    "BillingPostalCode": "20457",
    "BillingCountryCode": "DE",
    "Phone": "+49 40 5",
}


def _processor(erp: ODataErpGateway, org: EmbeddedSalesforceOrg) -> tuple[CustomerBatchProcessor, Any, Any]:
    coupling, applied, dlq = InMemoryCouplingStore(), InMemoryVersionGuard(), InMemoryDeadLetterQueue()
    service = CustomerSyncService(
        erp=erp,
        salesforce=org,
        coupling=coupling,
        applied=applied,
        guard=InMemoryIdempotencyGuard(),
        lock=InMemoryRecordLock(),
        mode=FlowMode.LIVE,
        integration_user_id=INTEGRATION_USER,
    )
    poller = ErpCustomerPoller(
        erp=erp, salesforce=org, coupling=coupling, applied=applied, mode=FlowMode.LIVE, dead_letters=dlq
    )
    processor = CustomerBatchProcessor(
        service=service,
        salesforce=org,
        dead_letters=dlq,
        mode=FlowMode.LIVE,
        reconciliation=None,
        erp_poller=poller,
    )
    return processor, poller, dlq


def _run(processor: CustomerBatchProcessor, *events: dict[str, Any]) -> dict[str, Any]:
    records = [
        {
            "messageId": f"m{n}",
            "receiptHandle": f"r{n}",
            "body": json.dumps(event),
            "attributes": {
                "ApproximateReceiveCount": "1",
                "MessageGroupId": event["detail"]["payload"]["ChangeEventHeader"]["recordIds"][0],
            },
            "messageAttributes": {},
            "eventSource": "aws:sqs",
        }
        for n, event in enumerate(events)
    ]
    return processor.process({"Records": records}, None)


def test_the_customer_flow_against_sap_business_partners(gateway: ODataErpGateway) -> None:
    org, stream = EmbeddedSalesforceOrg(), ChangeStream()
    processor, poller, dlq = _processor(gateway, org)
    org.add_account(NEW, **FIELDS)
    org.add_account(SURVIVOR, Name="Nordwind (dup)")
    # A new Account becomes a business partner, coupled through BusinessPartnerIDByExtSystem
    assert _run(processor, stream.event("CREATE", [NEW], FIELDS))["batchItemFailures"] == []
    partner = gateway.customer_for_account(NEW)
    assert partner is not None and (partner.name, partner.city, partner.postal_code) == (
        "Nordwind Handels AG",
        "Hamburg",
        "20457",
    )
    assert org.get_record("Account", NEW)["ERP_Customer_Number__c"] == partner.customer_number
    # A city change reaches the partner's address
    _run(processor, stream.event("UPDATE", [NEW], {"BillingCity": "Bremen", "BillingPostalCode": "28195"}))
    moved = gateway.customer_for_account(NEW)
    assert (moved.city, moved.postal_code) == ("Bremen", "28195")
    # The poller writes nothing: SAP's API has no credit limit, payment terms did not change
    assert poller.poll().written == 0
    assert "Credit_Limit__c" not in org.get_record("Account", NEW)
    # A merge into an Account without a partner re-links the partner to the survivor
    org.merge_accounts(SURVIVOR, NEW)
    _run(processor, stream.event("DELETE", [NEW]))
    relinked = gateway.customer_for_account(SURVIVOR)
    assert relinked is not None and relinked.customer_number == partner.customer_number
    assert gateway.customer_for_account(NEW) is None and not relinked.blocked
    # A plain delete of the survivor blocks the partner (never a delete in SAP)
    org.delete_record("Account", SURVIVOR)
    _run(processor, stream.event("DELETE", [SURVIVOR]))
    [blocked] = list(gateway.customers_by_number([partner.customer_number]))
    assert blocked.blocked and not blocked.deleted
    assert dlq.letters == []


def test_a_name_sap_cannot_hold_is_refused_before_any_sap_call(
    gateway: ODataErpGateway, sap_server: Any
) -> None:
    org, stream = EmbeddedSalesforceOrg(), ChangeStream()
    processor, _, dlq = _processor(gateway, org)
    too_long = FIELDS | {"Name": "N" * 81}
    org.add_account(NEW, **too_long)
    _run(processor, stream.event("CREATE", [NEW], too_long))
    [letter] = dlq.letters
    assert "cannot become an ERP customer" in letter.reason and "name" in letter.reason
    assert gateway.customer_for_account(NEW) is None
