"""Configuration of the SAP S/4HANA OData adapter: connection, protocol and per-installation names.

Two models, because they change for different reasons:

* ``ODataMapping`` — entity set and property names, code values. Every SAP installation adds
  its own extension fields (``YY1_*``) and code lists, so nothing of this is in the adapter's
  code. The defaults are SAP's standard names (``API_SALES_ORDER_SRV``, ``API_MATERIAL_STOCK_SRV``,
  ``API_BUSINESS_PARTNER``, ``API_PRODUCT_SRV``) plus the extension fields documented in
  ``docs/erp_odata.md``; the CAP test peer (``tests/odata_server``) uses the same names.
* ``ODataErpConfig`` — where the services live, which OData version they speak, timeouts and
  retry budget.

Credentials are a third model (``ErpCredentials``), read from Secrets Manager in Lambda.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from sferp.models.records import UPDATABLE_CUSTOMER_FIELDS

# ErpCustomer attributes an installation may map: the key and what update_customers may set.
CUSTOMER_ATTRIBUTES: Final = UPDATABLE_CUSTOMER_FIELDS | {"customer_number"}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SalesOrderNames(_Frozen):
    """``A_SalesOrder`` with its ``to_Item`` composition (API_SALES_ORDER_SRV)."""

    entity_set: str = "A_SalesOrder"
    key: str = "SalesOrder"
    external_reference: str = "PurchaseOrderByCustomer"
    customer: str = "SoldToParty"
    currency: str = "TransactionCurrency"
    requested_delivery_date: str = "RequestedDeliveryDate"
    process_status: str = "OverallSDProcessStatus"
    rejection_status: str = "OverallSDDocumentRejectionSts"
    # SAP has no field for "which Salesforce order version is this": a key-user extension field.
    source_version: str = "YY1_SourceVersion_SDH"
    changed_at: str = "LastChangeDateTime"
    items: str = "to_Item"
    # Organisational data SAP needs to create an order; fixed per installation.
    header_defaults: dict[str, str] = Field(
        default_factory=lambda: {
            "SalesOrderType": "OR",
            "SalesOrganization": "1710",
            "DistributionChannel": "10",
            "OrganizationDivision": "00",
        }
    )
    # OverallSDProcessStatus -> sferp status (A not yet, B partially, C completely processed).
    status_by_process_status: dict[str, str] = Field(
        default_factory=lambda: {"A": "OPEN", "B": "OPEN", "C": "SHIPPED"}
    )
    # OverallSDDocumentRejectionSts value meaning "every item rejected" = cancelled.
    fully_rejected: str = "C"


class SalesOrderItemNames(_Frozen):
    """``A_SalesOrderItem``."""

    item_number: str = "SalesOrderItem"
    material: str = "Material"
    quantity: str = "RequestedQuantity"
    # SAP prices through pricing conditions (to_PricingElement); the Salesforce unit price travels
    # in an extension field that a pricing routine reads (see docs/erp_odata.md).
    unit_price: str = "YY1_UnitPrice_SDI"
    external_line_id: str = "YY1_SalesforceLineId_SDI"
    rejection_reason: str = "SalesDocumentRjcnReason"
    # The installation's reason code for "cancelled by the customer in Salesforce".
    cancel_reason_code: str = "61"
    defaults: dict[str, str] = Field(default_factory=dict)


class StockNames(_Frozen):
    """``A_MatlStkInAcctMod`` (API_MATERIAL_STOCK_SRV): one row per storage location and stock type."""

    entity_set: str = "A_MatlStkInAcctMod"
    material: str = "Material"
    plant: str = "Plant"
    stock_type: str = "InventoryStockType"
    quantity: str = "MatlWrhsStkQtyInMatlBaseUnit"
    # Only unrestricted-use stock (01) can be promised; quality (02) and blocked (07) cannot.
    available_stock_types: tuple[str, ...] = ("01",)


class CustomerNames(_Frozen):
    """The business partner as a customer (API_BUSINESS_PARTNER, flattened; see docs/erp_odata.md)."""

    entity_set: str = "A_BusinessPartner"
    changed_at: str = "LastChangeDateTime"
    deleted: str = "IsMarkedForArchiving"
    # ErpCustomer attribute -> property. An attribute left out is neither read nor writable.
    fields: dict[str, str] = Field(
        default_factory=lambda: {
            "customer_number": "BusinessPartner",
            "name": "BusinessPartnerFullName",
            "street": "StreetName",
            "city": "CityName",
            "postal_code": "PostalCode",
            "country": "Country",
            "phone": "PhoneNumber",
            "credit_limit": "CreditLimitAmount",
            "payment_terms": "CustomerPaymentTerms",
            "salesforce_account_id": "YY1_SalesforceAccountId_bus",
        }
    )

    @field_validator("fields")
    @classmethod
    def _known_attributes(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = set(value) - CUSTOMER_ATTRIBUTES
        if unknown:
            raise ValueError(f"unknown customer attributes: {sorted(unknown)}")
        for required in ("customer_number", "name"):
            if required not in value:
                raise ValueError(f"customer attribute {required!r} must be mapped")
        return value


class ProductNames(_Frozen):
    """The material master with its list price (API_PRODUCT_SRV, flattened)."""

    entity_set: str = "A_Product"
    key: str = "Product"
    name: str = "ProductDescription"
    list_price: str = "YY1_ListPrice_PRD"
    currency: str = "YY1_ListPriceCurrency_PRD"
    deleted: str = "IsMarkedForDeletion"
    changed_at: str = "LastChangeDateTime"


class ODataMapping(_Frozen):
    """Per-installation entity and property names; defaults are SAP's."""

    sales_order: SalesOrderNames = SalesOrderNames()
    sales_order_item: SalesOrderItemNames = SalesOrderItemNames()
    stock: StockNames = StockNames()
    customer: CustomerNames = CustomerNames()
    product: ProductNames = ProductNames()


class ServicePaths(_Frozen):
    """Path of each OData service below the base URL (SAP: one service per API)."""

    sales_order: str = "/sap/opu/odata/sap/API_SALES_ORDER_SRV"
    stock: str = "/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV"
    business_partner: str = "/sap/opu/odata/sap/API_BUSINESS_PARTNER"
    product: str = "/sap/opu/odata/sap/API_PRODUCT_SRV"

    @classmethod
    def single(cls, path: str) -> ServicePaths:
        """Every entity set in one service (the CAP test peer, or a custom SAP gateway service)."""
        return cls(sales_order=path, stock=path, business_partner=path, product=path)


class ODataErpConfig(_Frozen):
    """How to reach one installation. ``base_url`` is scheme + host (+ port)."""

    base_url: str
    # API_SALES_ORDER_SRV and friends are OData v2 on S/4HANA; CAP and SAP's newer APIs are v4.
    odata_version: Literal["v2", "v4"] = "v2"
    services: ServicePaths = ServicePaths()
    sap_client: str | None = None  # sap-client query parameter, when the system needs one
    mapping: ODataMapping = ODataMapping()
    connect_timeout_s: float = Field(default=3.05, gt=0, le=30)  # seconds
    # Under the Lambda budget (handoff_names.ORDER_HANDOFF_FUNCTION_TIMEOUT_S) with room for a retry.
    read_timeout_s: float = Field(default=10.0, gt=0, le=60)  # seconds
    max_attempts: int = Field(default=3, ge=1, le=6)
    backoff_base_s: float = Field(default=0.5, ge=0)  # seconds; doubled per attempt
    # A Retry-After longer than this is not waited out in-process: the error goes to the
    # caller (SQS redelivers later) instead of holding a Lambda invocation idle.
    max_retry_wait_s: float = Field(default=5.0, ge=0)  # seconds
    # v2 has no "in" operator; v4 servers (CAP, OData 4.01) take Material in ('a','b').
    use_in_operator: bool | None = None  # None: True for v4, False for v2
    # SKUs per availability request: keeps the URL under gateway limits (~8 KB).
    max_skus_per_request: int = Field(default=100, ge=1, le=500)
    # Fraction digits of the timestamp literal in "changed since" filters, rounded UP so that
    # "ge" never returns records older than the watermark. CAP/SQLite compare timestamps as
    # millisecond strings; SAP's LastChangeDateTime holds up to 7 digits.
    filter_timestamp_digits: int = Field(default=3, ge=0, le=6)
    # CAP and SAP both take a PATCH of the header with the full to_Item list as "replace the
    # items" (deep update). API_SALES_ORDER_SRV (v2) does not: keep False there and the adapter
    # refuses updates that change items instead of silently dropping them.
    deep_update: bool = True

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must start with https:// (http:// only for local test servers)")
        return value.rstrip("/")

    @property
    def in_operator(self) -> bool:
        return self.odata_version == "v4" if self.use_in_operator is None else self.use_in_operator

    @property
    def timeout(self) -> tuple[float, float]:
        return (self.connect_timeout_s, self.read_timeout_s)


class _Secret(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", hide_input_in_errors=True)


class BasicCredentials(_Secret):
    """A communication user (SAP communication arrangement with basic authentication)."""

    auth: Literal["basic"]
    username: str = Field(min_length=1)
    password: SecretStr = Field(min_length=1)


class OAuthClientCredentials(_Secret):
    """OAuth 2.0 client credentials (SAP BTP / S/4HANA Cloud communication arrangement)."""

    auth: Literal["oauth_client_credentials"]
    token_url: str = Field(pattern=r"^https?://")
    client_id: str = Field(min_length=1)
    client_secret: SecretStr = Field(min_length=1)
    scope: str | None = None


ErpCredentials = Annotated[BasicCredentials | OAuthClientCredentials, Field(discriminator="auth")]
