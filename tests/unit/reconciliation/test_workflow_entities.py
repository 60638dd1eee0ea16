"""The nightly run compares only what the ERP holds: a field the ERP's API does not carry (SAP's
credit limit in API_BUSINESS_PARTNER) is left out, never "fixed" to empty in Salesforce."""

from __future__ import annotations

from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.reconciliation.extract import WORKFLOW_ENTITIES, workflow_entity


class _NoCreditLimitErp(EmbeddedErp):
    @property
    def supported_customer_fields(self) -> frozenset[str]:
        return super().supported_customer_fields - {"credit_limit"}


def test_an_account_field_the_erp_does_not_hold_is_not_compared() -> None:
    full = workflow_entity("accounts", EmbeddedErp())
    assert full is WORKFLOW_ENTITIES["accounts"]
    assert "credit_limit" in full.field_names()
    reduced = workflow_entity("accounts", _NoCreditLimitErp())
    assert "credit_limit" not in reduced.field_names()
    assert set(full.field_names()) - set(reduced.field_names()) == {"credit_limit"}


def test_the_sap_adapter_declares_the_credit_limit_unsupported() -> None:
    from sferp.adapters.erp.odata import ODataErpGateway
    from sferp.adapters.erp.odata_mapping import BasicCredentials, ODataErpConfig

    sap = ODataErpGateway(
        ODataErpConfig(base_url="https://my-s4.example.com"),
        BasicCredentials(auth="basic", username="u", password="p"),
    )
    assert "credit_limit" not in workflow_entity("accounts", sap).field_names()
    assert workflow_entity("products", sap) is WORKFLOW_ENTITIES["products"]
