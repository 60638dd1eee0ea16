"""The SAP side checked against SAP's own published metadata (the vendored EDMX), offline:

* the vendored files are the published ones (hashes from tests/odata_server/sap-metadata/README.md);
* the peer's imported model (``npm run import``) has every property of every entity the adapter
  uses, with SAP's length and creatable/updatable flags: the peer cannot widen or loosen SAP;
* every property the adapter's default (standard-system) mapping reads exists in SAP's metadata,
  and every property it writes is creatable or updatable there.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from sferp.adapters.erp.odata_mapping import ODataMapping

PEER = Path(__file__).resolve().parents[2] / "odata_server"
METADATA = PEER / "sap-metadata"
EDM = "{http://schemas.microsoft.com/ado/2008/09/edm}"
SAP = "{http://www.sap.com/Protocols/SAPData}"
SHA256 = {
    "API_SALES_ORDER_SRV.edmx": "4150781b6d1206ead8af43ea4c282c266272928868a18891e0afa5c1dadde63f",
    "API_PRODUCT_SRV.edmx": "0ee269a2d9420323cdbd37a248ec8a66d487163fabbc262166a7a01f0ce6b84d",
    "API_BUSINESS_PARTNER.edmx": "08ff3fff508b60163c03afbca6367a3544742465edc3e143a6386145c4a2c71b",
    "API_MATERIAL_STOCK_SRV.edmx": "f61af6587533628e249da8ff8a92f2cd828f9e8856cd31d04dab16dae0a00aa9",
    "API_OUTBOUND_DELIVERY_SRV.edmx": "0c11f5024615dd817cbd748a7ae28b49def2ff142b7d753d2f7d3340b1359cc5",
    "API_BILLING_DOCUMENT_SRV.edmx": "9ecd33b521e6462dc4c0a953fef3ee83cee5dea54c813672aacd03f61904643c",
}
USED = {
    "API_SALES_ORDER_SRV": ("A_SalesOrder", "A_SalesOrderItem"),
    "API_BUSINESS_PARTNER": (
        "A_BusinessPartner",
        "A_BusinessPartnerAddress",
        "A_AddressPhoneNumber",
        "A_Customer",
        "A_CustomerCompany",
        "A_CustomerSalesArea",
    ),
    "API_PRODUCT_SRV": ("A_Product", "A_ProductDescription"),
    "API_MATERIAL_STOCK_SRV": ("A_MatlStkInAcctMod",),
    "API_OUTBOUND_DELIVERY_SRV": ("A_OutbDeliveryHeader", "A_OutbDeliveryItem"),
    "API_BILLING_DOCUMENT_SRV": ("A_BillingDocument", "A_BillingDocumentItem"),
}


class Prop:
    def __init__(self, edm_type: str, length: str | None, creatable: bool, updatable: bool) -> None:
        self.type, self.length, self.creatable, self.updatable = edm_type, length, creatable, updatable


def edmx(service: str) -> dict[str, dict[str, Prop]]:
    """Entity set -> property -> Prop, from SAP's EDMX."""
    root = ElementTree.parse(METADATA / f"{service}.edmx").getroot()
    types = {}
    for entity_type in root.iter(f"{EDM}EntityType"):
        types[entity_type.get("Name")] = {
            p.get("Name"): Prop(
                p.get("Type") or "",
                p.get("MaxLength"),
                p.get(f"{SAP}creatable") != "false",
                p.get(f"{SAP}updatable") != "false",
            )
            for p in entity_type.findall(f"{EDM}Property")
        }
    sets = {}
    for entity_set in root.iter(f"{EDM}EntitySet"):
        type_name = (entity_set.get("EntityType") or "").split(".")[-1]
        sets[entity_set.get("Name")] = types[type_name]
    return sets


def imported(service: str) -> dict[str, dict[str, Prop]]:
    """Entity -> element -> Prop, from the peer's imported CDS (a small reader of what `cds import` writes)."""
    text = (PEER / "srv" / "external" / f"{service}.cds").read_text(encoding="utf-8")
    entities: dict[str, dict[str, Prop]] = {}
    for match in re.finditer(r"\n  entity (\w+) \{\n(.*?)\n  \};", text, re.S):
        elements: dict[str, Prop] = {}
        annotations: list[str] = []
        for line in match.group(2).splitlines():
            line = line.strip()
            if line.startswith("} actions {"):
                break  # bound actions' parameters (API_OUTBOUND_DELIVERY_SRV) are not elements
            if line.startswith("@"):
                annotations.append(line)
                continue
            element = re.match(r"(?:key )?(\w+) : (\w+)(?:\((\d+)(?:, ?\d+)?\))?", line)
            if element and not line.startswith(("/**", "*")):
                elements[element.group(1)] = Prop(
                    element.group(2),
                    element.group(3),
                    "@sap.creatable : 'false'" not in annotations,
                    "@sap.updatable : 'false'" not in annotations,
                )
            if line.endswith(";"):
                annotations = []
        entities[match.group(1)] = elements
    return entities


@pytest.mark.parametrize("name", sorted(SHA256))
def test_the_vendored_metadata_is_the_published_file(name: str) -> None:
    assert hashlib.sha256((METADATA / name).read_bytes()).hexdigest() == SHA256[name]


@pytest.mark.parametrize("service", sorted(USED))
def test_the_peer_model_is_sap_s_model(service: str) -> None:
    sap, peer = edmx(service), imported(service)
    for entity in USED[service]:
        for name, prop in sap[entity].items():
            assert name in peer[entity], f"{entity}.{name} missing in the peer"
            mine = peer[entity][name]
            if prop.type == "Edm.String":
                assert mine.length == prop.length, (
                    f"{entity}.{name}: length {mine.length} != SAP's {prop.length}"
                )
            assert (mine.creatable, mine.updatable) == (prop.creatable, prop.updatable), f"{entity}.{name}"
        assert not set(peer[entity]) - set(sap[entity]) - _navigations(service, entity), entity


def _navigations(service: str, entity: str) -> set[str]:
    root = ElementTree.parse(METADATA / f"{service}.edmx").getroot()
    for entity_type in root.iter(f"{EDM}EntityType"):
        if entity_type.get("Name") in (entity, entity + "Type"):
            return {n.get("Name") or "" for n in entity_type.findall(f"{EDM}NavigationProperty")}
    return set()


def test_the_standard_mapping_reads_and_writes_only_what_sap_has_and_allows() -> None:
    names = ODataMapping()
    so, bp, prd, stock = (
        edmx(s)
        for s in ("API_SALES_ORDER_SRV", "API_BUSINESS_PARTNER", "API_PRODUCT_SRV", "API_MATERIAL_STOCK_SRV")
    )
    header, item = so["A_SalesOrder"], so["A_SalesOrderItem"]
    # Written on create (deep insert) and on update
    for field in (
        names.sales_order.external_reference,
        names.sales_order.customer,
        names.sales_order.currency,
        names.sales_order.requested_delivery_date,
        *names.sales_order.header_defaults,
    ):
        assert header[field].creatable, field
    for field in (names.sales_order.requested_delivery_date, names.sales_order.currency):
        assert header[field].updatable, field
    for field in (
        names.sales_order_item.material,
        names.sales_order_item.quantity,
        names.sales_order_item.rejection_reason,
    ):
        assert item[field].creatable and item[field].updatable, field
    # Read only
    for field in (
        names.sales_order.process_status,
        names.sales_order.rejection_status,
        names.sales_order.changed_at,
    ):
        assert field in header and not header[field].updatable, field
    # No extension field on a standard system
    assert names.sales_order.source_version is None
    assert names.sales_order_item.unit_price is None and names.sales_order_item.external_line_id is None
    # SoldToParty is SAP's 10-character customer number: an 18-character Salesforce Id cannot fit
    assert header[names.sales_order.customer].length == "10"
    # Business partner: the key, the external id, the derived (read-only) full name, the name lines
    c = names.customer
    partner = bp["A_BusinessPartner"]
    assert not partner[c.full_name].updatable and not partner[c.customer].updatable
    assert all(partner[line].updatable for line in c.name_lines)
    assert (
        partner[c.salesforce_account_id].updatable and int(partner[c.salesforce_account_id].length or 0) >= 18
    )
    assert {c.changed_date, c.changed_time} <= set(partner) and "LastChangeDateTime" not in partner
    assert all(bp["A_BusinessPartnerAddress"][f].updatable for f in c.address_fields.values())
    assert bp["A_AddressPhoneNumber"][c.phone].updatable
    assert bp["A_CustomerCompany"][c.payment_terms].updatable
    # Product: the description lives in A_ProductDescription; A_Product has no description or price
    p = names.product
    assert p.description in prd["A_ProductDescription"] and p.description not in prd["A_Product"]
    assert not any("Price" in name for name in prd["A_Product"])
    assert p.changed_at in prd["A_Product"]
    # Stock: the special stock indicator exists, so own stock can be told from special stock
    assert {names.stock.special_stock_type, names.stock.stock_type, names.stock.quantity} <= set(
        stock["A_MatlStkInAcctMod"]
    )


def test_the_documents_the_mapping_reads_are_in_sap_s_metadata() -> None:
    # Deliveries and billing documents are only read: every property exists with a type the
    # adapter parses, and the billing API is read-only as a whole (no write can be attempted).
    names = ODataMapping()
    delivery, billing = edmx("API_OUTBOUND_DELIVERY_SRV"), edmx("API_BILLING_DOCUMENT_SRV")
    d, b = names.delivery, names.billing
    header, item = delivery[d.header_set], delivery[d.item_set]
    assert {
        d.key,
        d.goods_movement_status,
        d.goods_issue_date,
        d.tracking_reference,
        d.created_on,
        d.changed_on,
    } <= set(header)
    assert header[d.goods_issue_date].type == header[d.changed_on].type == "Edm.DateTime"
    assert "LastChangeDateTime" not in header  # deliveries have change dates only: polled by day
    assert {d.key, d.order_reference, d.order_item_reference, d.quantity, d.quantity_unit} <= set(item)
    assert item[d.quantity].type == "Edm.Decimal"
    assert header[d.tracking_reference].length == "35"  # BillOfLading fits Text(80) uncut
    bill_header, bill_item = billing[b.header_set], billing[b.item_set]
    assert {b.key, b.date, b.cancelled, b.category, b.changed_at} <= set(bill_header)
    assert (
        bill_header[b.changed_at].type == "Edm.DateTimeOffset"
        and bill_header[b.cancelled].type == "Edm.Boolean"
    )
    assert {b.key, b.order_reference} <= set(bill_item)
    root = ElementTree.parse(METADATA / "API_BILLING_DOCUMENT_SRV.edmx").getroot()
    billing_set = next(s for s in root.iter(f"{EDM}EntitySet") if s.get("Name") == b.header_set)
    assert billing_set.get(f"{SAP}creatable") == "false" and billing_set.get(f"{SAP}updatable") == "false"
    # The sales order item's unit, against which shipped quantities are compared
    assert names.sales_order_item.quantity_unit in edmx("API_SALES_ORDER_SRV")["A_SalesOrderItem"]
