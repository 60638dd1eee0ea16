"""Every Salesforce object and field the code reads or writes is defined in ``infra/salesforce/``
with a compatible type, and the integration permission set grants exactly the access the code
needs (read, edit, create). Collected from the code's own declarations, so a new field in a flow
fails here until its metadata and permission exist.

Standard objects and fields (Order.OrderNumber, Account.Name ...) are Salesforce's: they are listed,
not defined, and only their object permissions are checked.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree

from sferp import customers
from sferp.adapters.salesforce.simple import ORDER_FIELDS, ORDER_ITEM_FIELDS
from sferp.erp_status import names as status_names
from sferp.models.entities import Kind, Owner
from sferp.order_handoff import names as handoff_names
from sferp.reconciliation.extract import WORKFLOW_ENTITIES

ROOT = Path(__file__).resolve().parents[3] / "infra" / "salesforce" / "force-app" / "main" / "default"
NS = {"md": "http://soap.sforce.com/2006/04/metadata"}
PERMISSION_SET = ROOT / "permissionsets" / "Sferp_Integration.permissionset-meta.xml"
# Metadata field types a value of each reconciliation kind can be written into and read from.
COMPATIBLE = {
    Kind.TEXT: {"Text", "TextArea", "LongTextArea", "Picklist"},
    Kind.CODE: {"Text", "Picklist"},
    Kind.COUNTRY: {"Text", "Picklist"},
    Kind.EMAIL: {"Email", "Text"},
    Kind.DECIMAL: {"Number", "Currency", "Percent"},
    Kind.BOOL: {"Checkbox"},
}
# OrderItems are details of their Order: their access follows the Order's.
CONTROLLED_BY_PARENT = {"OrderItem"}


def touched() -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, Kind], set[str]]:
    """(reads by object, writes by object, kind per custom field, objects created)."""
    reads: dict[str, set[str]] = defaultdict(set)
    writes: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, Kind] = {}
    creates: set[str] = set()
    # Order handoff: reads the Order and its OrderItems, writes the sync fields, publishes the event
    reads["Order"] |= set(ORDER_FIELDS)
    reads["OrderItem"] |= {f.split(".")[0].replace("Product2", "Product2Id") for f in ORDER_ITEM_FIELDS}
    reads["Product2"].add("ProductCode")
    writes[handoff_names.SF_ORDER_OBJECT] |= {
        handoff_names.SF_FIELD_ERP_ORDER_NUMBER,
        handoff_names.SF_FIELD_SYNC_STATUS,
        handoff_names.SF_FIELD_SYNC_MESSAGE,
        handoff_names.SF_FIELD_SYNCED_AT,
    }
    creates.add(handoff_names.ORDER_HANDOFF_DETAIL_TYPE)
    # ... and, for an Account without an ERP customer (policy "create"), reads the Account and
    # writes its ERP customer number back
    reads[customers.SF_ACCOUNT_OBJECT] |= set(customers.SF_ACCOUNT_FIELDS)
    writes[customers.SF_ACCOUNT_OBJECT].add(customers.SF_FIELD_ERP_CUSTOMER_NUMBER)
    # Customer flow: re-reads Accounts after a CDC gap, writes the customer number and sync status
    writes[customers.SF_ACCOUNT_OBJECT] |= {
        customers.SF_FIELD_SYNC_STATUS,
        customers.SF_FIELD_SYNC_MESSAGE,
        customers.SF_FIELD_SYNCED_AT,
    }
    # ERP status flow: writes the Order's ERP fields and upserts its status history on Change Key
    writes[status_names.SF_ORDER] |= set(status_names.SF_ORDER_FIELDS_WRITTEN)
    writes[status_names.SF_HISTORY] |= set(status_names.SF_HISTORY_FIELDS_WRITTEN)
    creates.add(status_names.SF_HISTORY)
    # ... and products and list prices: Product2 on ERP_SKU__c, PricebookEntry created on its key
    # (with the create-only fields), then priced by Id; the standard price book is read
    writes[status_names.SF_PRODUCT] |= set(status_names.SF_PRODUCT_FIELDS_WRITTEN)
    writes[status_names.SF_PRICE_ENTRY] |= set(status_names.SF_PRICE_FIELDS_WRITTEN)
    creates |= {status_names.SF_PRODUCT, status_names.SF_PRICE_ENTRY}
    reads["Pricebook2"] |= {"Id", "IsStandard"}
    reads[status_names.SF_PRICE_ENTRY] |= {"Id", status_names.SF_PRICE_KEY}
    reads[status_names.SF_PRODUCT] |= {"Id", status_names.SF_PRODUCT_KEY}
    # Nightly reconciliation: reads every mapped field; writes what the ERP owns or shares, by a
    # Bulk upsert on the link key (create + edit)
    for spec in WORKFLOW_ENTITIES.values():
        obj = spec.salesforce_object
        reads[obj] |= {spec.salesforce_key, spec.salesforce_deleted, spec.salesforce_modified}
        for field in spec.fields:
            reads[obj].add(field.salesforce)
            kinds[f"{obj}.{field.salesforce}"] = field.kind
            if field.owner in (Owner.ERP, Owner.SHARED) and field.salesforce != "Id":
                writes[obj].add(field.salesforce)
        if spec.salesforce_key != "Id" and any(f.owner is not Owner.SALESFORCE for f in spec.fields):
            creates.add(obj)
            writes[obj].add(spec.salesforce_key)  # a created record gets its key from the upsert
    return reads, writes, kinds, creates


def field_meta(obj: str, field: str) -> ElementTree.Element | None:
    path = ROOT / "objects" / obj / "fields" / f"{field}.field-meta.xml"
    return ElementTree.parse(path).getroot() if path.is_file() else None


def permissions() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    root = ElementTree.parse(PERMISSION_SET).getroot()
    fields = {
        fp.findtext("md:field", namespaces=NS) or "": {c.tag.split("}")[1]: c.text or "" for c in fp}
        for fp in root.findall("md:fieldPermissions", NS)
    }
    objects = {
        op.findtext("md:object", namespaces=NS) or "": {c.tag.split("}")[1]: c.text or "" for c in op}
        for op in root.findall("md:objectPermissions", NS)
    }
    return fields, objects


def test_every_custom_field_the_code_touches_is_defined_with_a_compatible_type() -> None:
    reads, writes, kinds, _ = touched()
    missing, wrong = [], []
    for obj in sorted(set(reads) | set(writes)):
        for field in sorted(reads[obj] | writes[obj]):
            if not field.endswith("__c"):
                continue  # a standard field
            meta = field_meta(obj, field)
            if meta is None:
                missing.append(f"{obj}.{field}")
                continue
            kind = kinds.get(f"{obj}.{field}")
            field_type = meta.findtext("md:type", namespaces=NS)
            if kind is not None and field_type not in COMPATIBLE[kind]:
                wrong.append(f"{obj}.{field}: {field_type} for {kind.value}")
    assert not missing, f"fields the code uses but the metadata lacks: {missing}"
    assert not wrong, f"incompatible types: {wrong}"


def test_the_link_keys_of_upserts_are_external_ids() -> None:
    # A Bulk API upsert on a custom key needs it to be an External Id
    for spec in WORKFLOW_ENTITIES.values():
        if spec.salesforce_key.endswith("__c"):
            meta = field_meta(spec.salesforce_object, spec.salesforce_key)
            assert meta is not None and meta.findtext("md:externalId", namespaces=NS) == "true", spec.name
    history_key = field_meta(status_names.SF_HISTORY, status_names.SF_HISTORY_KEY)
    assert history_key is not None
    assert history_key.findtext("md:externalId", namespaces=NS) == "true"
    assert history_key.findtext("md:unique", namespaces=NS) == "true"


def _restricted_values(obj: str, field: str) -> set[str] | None:
    meta = field_meta(obj, field)
    if meta is None or meta.findtext("md:type", namespaces=NS) != "Picklist":
        return None
    assert meta.findtext("md:valueSet/md:restricted", namespaces=NS) == "true", (
        f"{obj}.{field} not restricted"
    )
    return {v.findtext("md:fullName", namespaces=NS) or "" for v in meta.iterfind(".//md:value", NS)}


def test_the_embedded_org_refuses_exactly_what_the_restricted_picklists_refuse() -> None:
    # The embedded org is the default every local run and test writes to: its picklists must be the
    # metadata's, value for value, or a value the real org refuses would pass every test.
    from sferp_tools.embedded_org import _PICKLISTS

    for (obj, field), allowed in _PICKLISTS.items():
        values = _restricted_values(obj, field)
        assert values is not None, f"{obj}.{field}: the embedded org restricts a field the metadata does not"
        extra = {"Pending"} if (obj, field) == ("Order", handoff_names.SF_FIELD_SYNC_STATUS) else set()
        assert values == set(allowed) | extra or values == set(allowed), (obj, field, values, allowed)
    # And every restricted picklist the flows write is enforced by the embedded org
    for obj, field in (
        (status_names.SF_ORDER, status_names.SF_FIELD_STATUS),
        (status_names.SF_HISTORY, status_names.SF_HISTORY_STATUS),
        (status_names.SF_HISTORY, status_names.SF_HISTORY_SOURCE),
        (customers.SF_ACCOUNT_OBJECT, customers.SF_FIELD_SYNC_STATUS),
    ):
        assert (obj, field) in _PICKLISTS, f"{obj}.{field}"


def _master_detail(obj: str, field: str) -> bool:
    meta = field_meta(obj, field)
    return meta is not None and meta.findtext("md:type", namespaces=NS) == "MasterDetail"


def test_the_integration_permission_set_grants_what_the_code_needs() -> None:
    reads, writes, _, creates = touched()
    field_perms, object_perms = permissions()
    for obj in sorted((set(reads) | set(writes)) - CONTROLLED_BY_PARENT):
        assert object_perms.get(obj, {}).get("allowRead") == "true", f"{obj}: no read"
    for obj in sorted(writes):
        assert object_perms[obj]["allowEdit"] == "true", f"{obj}: no edit"
    for obj in sorted(creates):
        assert object_perms.get(obj, {}).get("allowCreate") == "true", f"{obj}: no create"
    for obj, fields in writes.items():
        for field in fields:
            # A master-detail field takes no field permission (Salesforce refuses one): its access
            # is the object's.
            if field.endswith("__c") and not _master_detail(obj, field):
                assert field_perms.get(f"{obj}.{field}", {}).get("editable") == "true", (
                    f"{obj}.{field}: not editable"
                )
    for obj, fields in reads.items():
        for field in fields:
            if field.endswith("__c") and not _master_detail(obj, field):
                assert field_perms.get(f"{obj}.{field}", {}).get("readable") == "true", (
                    f"{obj}.{field}: not readable"
                )
    # And nothing may be deleted
    assert all(p.get("allowDelete") == "false" for p in object_perms.values())


STANDARD_FIELDS = json.loads((Path(__file__).parent / "data" / "salesforce_standard_fields.json").read_text())


def _standard(obj: str, field: str) -> list[str] | None:
    if field in STANDARD_FIELDS["_system"]:
        return STANDARD_FIELDS["_system"][field]
    return STANDARD_FIELDS.get(obj, {}).get(field)


def test_every_standard_field_the_code_touches_is_known_and_writable_where_written() -> None:
    # Salesforce's own fields cannot be checked against repo metadata; they are checked against the
    # Object Reference's Create/Update properties (vendored with their source). This is what
    # catches a write to a read-only copy such as PricebookEntry.Name.
    reads, writes, _, creates = touched()
    unknown = sorted(
        f"{obj}.{field}"
        for obj, fields in reads.items()
        for field in fields | writes[obj]
        if not field.endswith("__c") and _standard(obj, field) is None
    )
    assert not unknown, f"standard fields not in the vendored Object Reference table: {unknown}"
    not_updatable = sorted(
        f"{obj}.{field}"
        for obj, fields in writes.items()
        for field in fields
        if not field.endswith("__c") and "Update" not in (_standard(obj, field) or [])
    )
    assert not not_updatable, f"the code updates read-only standard fields: {not_updatable}"
    # The fields the ERP status flow sets only when it creates a price book entry are createable
    not_on_create = [
        f
        for f in status_names.SF_PRICE_FIELDS_ON_CREATE
        if "Create" not in (_standard("PricebookEntry", f) or [])
    ]
    assert not not_on_create, not_on_create
    # A reconciliation create (Bulk upsert of a record only the ERP has) sets every mapped field
    not_creatable = sorted(
        f"{spec.salesforce_object}.{field.salesforce}"
        for spec in WORKFLOW_ENTITIES.values()
        if spec.salesforce_object in creates
        for field in spec.fields
        if field.salesforce != "Id"
        and not field.salesforce.endswith("__c")
        and "Create" not in (_standard(spec.salesforce_object, field.salesforce) or [])
    )
    assert not not_creatable, f"the code creates records with non-createable fields: {not_creatable}"


def test_the_standard_field_table_would_catch_a_price_book_entry_upsert() -> None:
    # The defect this table exists for: PricebookEntry.Name and ProductCode are read-only copies of
    # Product2's, so an upsert that sets them fails in a real org.
    assert _standard("PricebookEntry", "Name") == [] and _standard("PricebookEntry", "ProductCode") == []
    assert "Update" in (_standard("Product2", "Name") or [])


def test_the_embedded_org_refuses_the_create_only_fields_the_object_reference_names() -> None:
    # The embedded org's create-only rule is the vendored Object Reference table's, field for field
    from sferp_tools.embedded_org import CREATE_ONLY_FIELDS

    for obj, fields in STANDARD_FIELDS.items():
        if obj.startswith("_"):
            continue
        create_only = {f for f, props in fields.items() if props == ["Create"]}
        assert CREATE_ONLY_FIELDS.get(obj, frozenset()) == create_only, obj
