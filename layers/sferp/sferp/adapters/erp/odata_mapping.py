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

# The customer attributes this adapter can write to API_BUSINESS_PARTNER. Credit limits are not in
# that API (SAP credit management, API_CRDTMBUSINESSPARTNER, is not implemented): never read,
# never written, reported as not supported.
WRITABLE_CUSTOMER_FIELDS: Final = frozenset(
    {"name", "street", "city", "postal_code", "country", "phone", "payment_terms", "salesforce_account_id"}
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SalesOrderNames(_Frozen):
    """``A_SalesOrder`` with its ``to_Item`` composition (API_SALES_ORDER_SRV)."""

    entity_set: str = "A_SalesOrder"
    key: str = "SalesOrder"
    # The Salesforce Order Id (18 characters) in SAP's "Customer Reference" (35): the lookup key
    # of the idempotent create.
    external_reference: str = "PurchaseOrderByCustomer"
    customer: str = "SoldToParty"
    currency: str = "TransactionCurrency"
    requested_delivery_date: str = "RequestedDeliveryDate"
    process_status: str = "OverallSDProcessStatus"
    rejection_status: str = "OverallSDDocumentRejectionSts"
    # SAP has no standard field for "which Salesforce order version is this": a key-user
    # extension field (e.g. YY1_SourceVersion_SDH) where the installation has one; None on a
    # standard system (sferp's version guard holds the version).
    source_version: str | None = None
    changed_at: str = "LastChangeDateTime"
    items: str = "to_Item"
    # Organisational data SAP needs to create an order; from the environment's erp.odata.sap
    # block in cdk.json (SapSettings), SAP's sample values only as defaults for tests.
    header_defaults: dict[str, str] = Field(
        default_factory=lambda: {
            "SalesOrderType": "OR",
            "SalesOrganization": "1710",
            "DistributionChannel": "10",
            "OrganizationDivision": "00",
        }
    )
    delivery_status: str = "OverallTotalDeliveryStatus"
    net_amount: str = "TotalNetAmount"
    # OverallSDProcessStatus -> sferp status (A not yet, B partially, C completely processed). A
    # code missing here is not guessed: the order's status is reported UNMAPPED with SAP's codes.
    status_by_process_status: dict[str, str] = Field(
        default_factory=lambda: {"A": "OPEN", "B": "OPEN", "C": "SHIPPED"}
    )
    # OverallTotalDeliveryStatus (A not yet, B partially, C completely delivered) refines an order
    # the processing status calls OPEN: deliveries exist, goods are on their way. SHIPPED comes
    # from the processing status; INVOICED from a billing document (BillingNames), which this
    # version of A_SalesOrder has no status for.
    status_by_delivery_status: dict[str, str] = Field(
        default_factory=lambda: {"B": "IN_DELIVERY", "C": "IN_DELIVERY"}
    )
    # OverallSDDocumentRejectionSts value meaning "every item rejected" = cancelled.
    fully_rejected: str = "C"


class SalesOrderItemNames(_Frozen):
    """``A_SalesOrderItem``."""

    entity_set: str = "A_SalesOrderItem"
    item_number: str = "SalesOrderItem"
    material: str = "Material"
    quantity: str = "RequestedQuantity"
    # SAP prices the order through its pricing conditions; the Salesforce unit price is sent only
    # where an installation has an extension field a pricing routine reads (YY1_UnitPrice_SDI).
    unit_price: str | None = None
    # The Salesforce OrderItem Id, only where an extension field exists (YY1_SalesforceLineId_SDI);
    # on a standard system items are matched by sferp's deterministic item numbers (see
    # docs/erp_odata.md).
    external_line_id: str | None = None
    rejection_reason: str = "SalesDocumentRjcnReason"
    # The unit of RequestedQuantity: a shipped share is computed only where the delivery counts
    # in the same unit (never a ratio of cases to pieces).
    quantity_unit: str = "RequestedQuantityUnit"
    # The installation's reason code for "cancelled by the customer in Salesforce".
    cancel_reason_code: str = "61"
    defaults: dict[str, str] = Field(default_factory=dict)


class DeliveryNames(_Frozen):
    """Outbound deliveries (API_OUTBOUND_DELIVERY_SRV): the goods issue date, the shipped
    quantities and a tracking reference of a sales order's deliveries. ``enabled=False`` where the
    installation's communication arrangement does not include the API: the fields are then not
    reported (never guessed)."""

    enabled: bool = True
    header_set: str = "A_OutbDeliveryHeader"
    item_set: str = "A_OutbDeliveryItem"
    key: str = "DeliveryDocument"
    # On the item: the sales order (and its item) the delivery item was created from.
    order_reference: str = "ReferenceSDDocument"
    order_item_reference: str = "ReferenceSDDocumentItem"
    quantity: str = "ActualDeliveryQuantity"  # in the sales unit, as RequestedQuantity
    quantity_unit: str = "DeliveryQuantityUnit"
    # OverallGoodsMovementStatus C: goods issue posted (the goods have left); A/B: not yet.
    goods_movement_status: str = "OverallGoodsMovementStatus"
    goods_issued: str = "C"
    goods_issue_date: str = "ActualGoodsMovementDate"
    # SAP's delivery header has no carrier tracking number; the bill of lading is where a shipping
    # process records one. None: report no tracking reference.
    tracking_reference: str | None = "BillOfLading"
    # Deliveries carry change DATES only (no time stamp): a poll reads the deliveries created or
    # changed since the watermark's day, and the flow skips states it has already applied.
    created_on: str = "CreationDate"
    changed_on: str = "LastChangeDate"


class BillingNames(_Frozen):
    """Billing documents (API_BILLING_DOCUMENT_SRV, read-only): invoice number and date."""

    enabled: bool = True
    header_set: str = "A_BillingDocument"
    item_set: str = "A_BillingDocumentItem"
    key: str = "BillingDocument"
    order_reference: str = "SalesDocument"  # on the item: the sales order billed
    date: str = "BillingDocumentDate"
    cancelled: str = "BillingDocumentIsCancelled"
    # SDDocumentCategory of an invoice (M); a cancellation (N), credit memo (O) or pro forma (U)
    # is not one.
    category: str = "SDDocumentCategory"
    invoice_categories: tuple[str, ...] = ("M",)
    changed_at: str = "LastChangeDateTime"  # UTC, like A_SalesOrder's


class StockNames(_Frozen):
    """``A_MatlStkInAcctMod`` (API_MATERIAL_STOCK_SRV): one row per storage location, batch,
    special stock and stock type."""

    entity_set: str = "A_MatlStkInAcctMod"
    material: str = "Material"
    plant: str = "Plant"
    stock_type: str = "InventoryStockType"
    special_stock_type: str = "InventorySpecialStockType"
    quantity: str = "MatlWrhsStkQtyInMatlBaseUnit"
    # Only unrestricted-use stock (01) can be promised; quality (02) and blocked (07) cannot.
    available_stock_types: tuple[str, ...] = ("01",)
    # Only the plant's own stock: special stocks (E sales-order stock, W/K consignment, Q project,
    # ...) belong to another order, customer or supplier and are never promised.
    available_special_stock_types: tuple[str, ...] = ("",)


class CustomerNames(_Frozen):
    """The business partner as a customer (API_BUSINESS_PARTNER): the partner, its standard
    address with the address's phone numbers, and the customer's company-code data."""

    entity_set: str = "A_BusinessPartner"
    key: str = "BusinessPartner"
    # The customer number of the partner's customer role (read-only; "" without the role).
    customer: str = "Customer"
    # SAP derives the full name from the name fields; the adapter writes the organisation's
    # name lines (40 characters each) and reads the full name.
    full_name: str = "BusinessPartnerFullName"
    name_lines: tuple[str, ...] = ("OrganizationBPName1", "OrganizationBPName2")
    # SAP's standard field for the partner's number in another system: the Salesforce Account Id
    # (18 characters; the field holds 20).
    salesforce_account_id: str = "BusinessPartnerIDByExtSystem"
    changed_date: str = "LastChangeDate"
    changed_time: str = "LastChangeTime"
    deleted: str = "IsMarkedForArchiving"
    blocked: str = "BusinessPartnerIsBlocked"
    addresses: str = "to_BusinessPartnerAddress"
    address_set: str = "A_BusinessPartnerAddress"
    address_fields: dict[str, str] = Field(
        default_factory=lambda: {
            "street": "StreetName",
            "city": "CityName",
            "postal_code": "PostalCode",
            "country": "Country",
        }
    )
    phones: str = "to_PhoneNumber"
    phone_set: str = "A_AddressPhoneNumber"
    phone: str = "PhoneNumber"
    customer_role: str = "to_Customer"
    companies: str = "to_CustomerCompany"
    company_set: str = "A_CustomerCompany"
    # Payment terms live per company code (A_CustomerCompany.PaymentTerms).
    company_code: str = "1710"
    payment_terms: str = "PaymentTerms"


class ProductNames(_Frozen):
    """The material master (API_PRODUCT_SRV): ``A_Product`` with its ``to_Description``."""

    entity_set: str = "A_Product"
    key: str = "Product"
    descriptions: str = "to_Description"
    description: str = "ProductDescription"
    language_field: str = "Language"
    language: str = "EN"
    deleted: str = "IsMarkedForDeletion"
    changed_at: str = "LastChangeDateTime"


class ODataMapping(_Frozen):
    """Per-installation entity and property names; defaults are SAP's."""

    sales_order: SalesOrderNames = SalesOrderNames()
    sales_order_item: SalesOrderItemNames = SalesOrderItemNames()
    delivery: DeliveryNames = DeliveryNames()
    billing: BillingNames = BillingNames()
    stock: StockNames = StockNames()
    customer: CustomerNames = CustomerNames()
    product: ProductNames = ProductNames()


class ServicePaths(_Frozen):
    """Path of each OData service below the base URL (SAP: one service per API)."""

    sales_order: str = "/sap/opu/odata/sap/API_SALES_ORDER_SRV"
    stock: str = "/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV"
    business_partner: str = "/sap/opu/odata/sap/API_BUSINESS_PARTNER"
    product: str = "/sap/opu/odata/sap/API_PRODUCT_SRV"
    delivery: str = "/sap/opu/odata/sap/API_OUTBOUND_DELIVERY_SRV"
    billing: str = "/sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV"

    @classmethod
    def single(cls, path: str) -> ServicePaths:
        """Every entity set in one service (the CAP test peer, or a custom SAP gateway service)."""
        return cls(
            sales_order=path,
            stock=path,
            business_partner=path,
            product=path,
            delivery=path,
            billing=path,
        )


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
    # How long a Salesforce Account -> SAP customer lookup (BusinessPartnerIDByExtSystem) is
    # reused within one container: the coupling rarely changes, and a stale hit still fails
    # safely at SAP (an unknown or blocked sold-to party is rejected).
    customer_cache_ttl_s: float = Field(default=900.0, ge=0)

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
