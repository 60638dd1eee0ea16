"""The customer flow against the SAP test peer (SAP's EDMX for API_BUSINESS_PARTNER, SAP's gateway
rules) through the S/4HANA adapter: a new Account becomes a business partner coupled by
BusinessPartnerIDByExtSystem, a city change reaches its address, a delete blocks it, a merge
re-links it, and the credit limit (not in API_BUSINESS_PARTNER) is never written to Salesforce."""

from __future__ import annotations

from typing import Any

from sferp_tools.embedded_org import EmbeddedSalesforceOrg
from sferp_tools.local.customer_sync import InMemoryCustomerSync
from sferp_tools.synthetic.customer_sync import ChangeStream

from sferp.adapters.erp.odata import ODataErpGateway

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


def test_the_customer_flow_against_sap_business_partners(gateway: ODataErpGateway) -> None:
    org, stream = EmbeddedSalesforceOrg(), ChangeStream()
    sync = InMemoryCustomerSync.build(gateway, org, integration_user_id=INTEGRATION_USER)
    org.add_account(NEW, **FIELDS)
    org.add_account(SURVIVOR, Name="Nordwind (dup)")
    # A new Account becomes a business partner, coupled through BusinessPartnerIDByExtSystem
    assert sync.run(stream.event("CREATE", [NEW], FIELDS))["batchItemFailures"] == []
    partner = gateway.customer_for_account(NEW)
    assert partner is not None and (partner.name, partner.city, partner.postal_code) == (
        "Nordwind Handels AG",
        "Hamburg",
        "20457",
    )
    assert org.get_record("Account", NEW)["ERP_Customer_Number__c"] == partner.customer_number
    # A city change reaches the partner's address
    sync.run(stream.event("UPDATE", [NEW], {"BillingCity": "Bremen", "BillingPostalCode": "28195"}))
    moved = gateway.customer_for_account(NEW)
    assert (moved.city, moved.postal_code) == ("Bremen", "28195")
    # The poller writes nothing: SAP's API has no credit limit, payment terms did not change
    assert sync.poller.poll().written == 0
    assert "Credit_Limit__c" not in org.get_record("Account", NEW)
    # A merge into an Account without a partner re-links the partner to the survivor
    org.merge_accounts(SURVIVOR, NEW)
    sync.run(stream.event("DELETE", [NEW]))
    relinked = gateway.customer_for_account(SURVIVOR)
    assert relinked is not None and relinked.customer_number == partner.customer_number
    assert gateway.customer_for_account(NEW) is None and not relinked.blocked
    # A plain delete of the survivor blocks the partner (never a delete in SAP)
    org.delete_record("Account", SURVIVOR)
    sync.run(stream.event("DELETE", [SURVIVOR]))
    [blocked] = list(gateway.customers_by_number([partner.customer_number]))
    assert blocked.blocked and not blocked.deleted
    assert sync.dlq.letters == []


def test_a_name_sap_cannot_hold_is_refused_before_any_sap_call(
    gateway: ODataErpGateway, sap_server: Any
) -> None:
    org, stream = EmbeddedSalesforceOrg(), ChangeStream()
    sync = InMemoryCustomerSync.build(gateway, org, integration_user_id=INTEGRATION_USER)
    too_long = FIELDS | {"Name": "N" * 81}
    org.add_account(NEW, **too_long)
    sync.run(stream.event("CREATE", [NEW], too_long))
    [letter] = sync.dlq.letters
    assert "cannot become an ERP customer" in letter.reason and "name" in letter.reason
    assert gateway.customer_for_account(NEW) is None
