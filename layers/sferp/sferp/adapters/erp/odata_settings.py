"""Runtime settings of the SAP OData adapter, its own (not part of every flow's ERP settings).

The stack sets these variables from the environment's ``erp.odata`` block in cdk.json
(``infra/config.py`` validates the same rules at synth); ``sferp.adapters.registry`` reads them
when it builds the adapter at cold start, so a wrong value fails the cold start naming it.
Credentials stay in the ERP secret.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar, Final, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sferp.settings import EnvSettings

ENV_BASE_URL: Final = "SFERP_ERP_BASE_URL"  # scheme + host (+ port), no path
ENV_ODATA_VERSION: Final = "SFERP_ERP_ODATA_VERSION"  # v2 (S/4HANA API_*_SRV) | v4
ENV_SERVICE_PATH: Final = "SFERP_ERP_SERVICE_PATH"  # optional: one service for every entity set
ENV_SAP_CLIENT: Final = "SFERP_ERP_SAP_CLIENT"  # optional: the sap-client query parameter
ENV_SAP: Final = "SFERP_ERP_SAP"  # JSON: the installation's SapSettings (cdk.json erp.odata.sap)

_EXTENSION_FIELD = r"^YY1_[A-Za-z0-9_]{1,26}$"  # SAP key-user extension fields: YY1_ + 1..26


class SapExtensions(BaseModel):
    """Key-user extension fields (Custom Fields and Logic) an installation added for Salesforce
    references. Each is optional; a standard system has none, and sferp then keeps the order
    version only in its version guard and lets SAP price the order (docs/erp_odata.md)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source_version: str | None = Field(
        default=None, pattern=_EXTENSION_FIELD
    )  # on A_SalesOrder, e.g. YY1_SourceVersion_SDH
    item_unit_price: str | None = Field(default=None, pattern=_EXTENSION_FIELD)  # on A_SalesOrderItem
    item_line_id: str | None = Field(default=None, pattern=_EXTENSION_FIELD)  # on A_SalesOrderItem


class SapSettings(BaseModel):
    """What every SAP installation decides itself, with SAP's meaning (docs/erp_odata.md).
    Part of the environment's ``erp.odata.sap`` block in cdk.json; validated at synth
    (infra/config.py uses this model) and again at cold start."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # The sales area orders are created in (VKORG / VTWEG / SPART); the sold-to party must be
    # extended to it, or SAP rejects the order ("not defined for sales area").
    sales_organization: str = Field(pattern=r"^[A-Z0-9]{4}$")
    distribution_channel: str = Field(pattern=r"^[A-Z0-9]{2}$")
    division: str = Field(pattern=r"^[A-Z0-9]{2}$")
    # The sales document type (AUART as the API names it, e.g. OR standard order).
    order_type: str = Field(pattern=r"^[A-Z0-9]{1,4}$")
    # The reason for rejection (ABGRU) set on every item of an order cancelled in Salesforce.
    rejection_reason: str = Field(pattern=r"^[A-Z0-9]{2}$")
    # The company code whose customer data holds the payment terms (A_CustomerCompany).
    company_code: str = Field(pattern=r"^[A-Z0-9]{4}$")
    # The language of the product description read as the product name.
    description_language: str = Field(default="EN", pattern=r"^[A-Z]{2}$")
    # SAP prices through condition records, which this adapter does not read: list prices are
    # not synced from SAP ("off" is the only value until a condition-record reader exists).
    price_sync: Literal["off"] = "off"
    extensions: SapExtensions = SapExtensions()

    def mapping(self) -> Any:
        """The adapter's ODataMapping for this installation."""
        from sferp.adapters.erp.odata_mapping import (
            CustomerNames,
            ODataMapping,
            ProductNames,
            SalesOrderItemNames,
            SalesOrderNames,
        )

        return ODataMapping(
            sales_order=SalesOrderNames(
                source_version=self.extensions.source_version,
                header_defaults={
                    "SalesOrderType": self.order_type,
                    "SalesOrganization": self.sales_organization,
                    "DistributionChannel": self.distribution_channel,
                    "OrganizationDivision": self.division,
                },
            ),
            sales_order_item=SalesOrderItemNames(
                unit_price=self.extensions.item_unit_price,
                external_line_id=self.extensions.item_line_id,
                cancel_reason_code=self.rejection_reason,
            ),
            customer=CustomerNames(company_code=self.company_code),
            product=ProductNames(language=self.description_language),
        )


_LOCAL_HOSTS: Final = frozenset({"localhost", "127.0.0.1", "::1"})


class ODataSettings(EnvSettings):
    _label: ClassVar[str] = "OData ERP adapter"

    base_url: str = Field(alias=ENV_BASE_URL)
    odata_version: Literal["v2", "v4"] = Field(alias=ENV_ODATA_VERSION)
    # Absent: SAP's standard path per API (/sap/opu/odata/sap/API_SALES_ORDER_SRV, ...).
    service_path: str | None = Field(default=None, pattern=r"^/\S*$", alias=ENV_SERVICE_PATH)
    sap_client: str | None = Field(default=None, pattern=r"^[0-9]{3}$", alias=ENV_SAP_CLIENT)
    sap: SapSettings = Field(alias=ENV_SAP)

    @field_validator("sap", mode="before")
    @classmethod
    def _sap_json(cls, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    @field_validator("base_url")
    @classmethod
    def _origin_only(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError("must be an https:// URL of the ERP host")
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            raise ValueError(
                f"must be scheme and host only, e.g. https://my-s4.example.com; put a service path in {ENV_SERVICE_PATH}"
            )
        if parts.scheme == "http" and parts.hostname not in _LOCAL_HOSTS:
            raise ValueError("must use https:// (http:// only for a local test server)")
        return value.strip().rstrip("/")
