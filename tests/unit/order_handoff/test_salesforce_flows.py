"""The publisher side in the repo: record-triggered Flows that raise ``Order_Version__c`` and publish
``Order_Handoff__e`` with what the contract requires (the schema check is in
tests/unit/kernel/test_salesforce_metadata_schema.py)."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from sferp.models.order import OrderHandoffEvent
from sferp.order_handoff import names as handoff_names

DEFAULT = Path(__file__).resolve().parents[3] / "infra" / "salesforce" / "force-app" / "main" / "default"
NS = {"md": "http://soap.sforce.com/2006/04/metadata"}


def flow(name: str) -> ElementTree.Element:
    return ElementTree.parse(DEFAULT / "flows" / f"{name}.flow-meta.xml").getroot()


def test_the_version_flow_raises_the_version_before_save_and_marks_pending() -> None:
    root = flow("Sferp_Order_Version")
    start = root.find("md:start", NS)
    assert start is not None
    assert start.findtext("md:object", namespaces=NS) == "Order"
    assert start.findtext("md:triggerType", namespaces=NS) == "RecordBeforeSave"
    assigned = {
        item.findtext("md:assignToReference", namespaces=NS)
        for item in root.findall("md:assignments/md:assignmentItems", NS)
    }
    assert assigned == {
        f"$Record.{handoff_names.SF_FIELD_ORDER_VERSION}",
        f"$Record.{handoff_names.SF_FIELD_SYNC_STATUS}",
    }
    assert root.findtext("md:status", namespaces=NS) == "Active"


def test_the_publish_flow_creates_the_event_with_every_required_field() -> None:
    root = flow("Sferp_Order_Handoff_Publish")
    start = root.find("md:start", NS)
    assert start is not None and start.findtext("md:triggerType", namespaces=NS) == "RecordAfterSave"
    create = root.find("md:recordCreates", NS)
    assert (
        create is not None
        and create.findtext("md:object", namespaces=NS) == handoff_names.ORDER_HANDOFF_DETAIL_TYPE
    )
    fields = {a.findtext("md:field", namespaces=NS) for a in create.findall("md:inputAssignments", NS)}
    # Every field it sets exists on the event, and it sets every field the contract requires
    # (CreatedDate is the platform's own)
    event_fields = {
        p.name.removesuffix(".field-meta.xml")
        for p in (DEFAULT / "objects" / "Order_Handoff__e" / "fields").iterdir()
    }
    assert fields <= event_fields
    required = {
        info.alias
        for info in OrderHandoffEvent.model_fields.values()
        if info.is_required() and info.alias != "CreatedDate"
    }
    assert required <= fields, required - fields
