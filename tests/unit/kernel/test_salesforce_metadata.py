"""The SFDX metadata in infra/salesforce/ matches the Python contract it feeds.

If someone adds a field to ``OrderHandoffEvent`` but not to the platform event (or renames a
write-back field in ``sferp.wiring`` only), Salesforce and the integration stop agreeing; this
test catches it before a deploy does.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sferp.customer_sync import names as sync_names
from sferp.models.order import OrderHandoffEvent, SyncStatus
from sferp.order_handoff import names as handoff_names

ROOT = Path(__file__).resolve().parents[3] / "infra" / "salesforce"
DEFAULT = ROOT / "force-app" / "main" / "default"
RELAY = ROOT / "relay" / "main" / "default"
NS = {"md": "http://soap.sforce.com/2006/04/metadata"}
EVENT_DIR = DEFAULT / "objects" / handoff_names.ORDER_HANDOFF_DETAIL_TYPE
ORDER_FIELDS = DEFAULT / "objects" / "Order" / "fields"


def parse(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def text(element: ET.Element, tag: str) -> str | None:
    found = element.find(f"md:{tag}", NS)
    return found.text if found is not None else None


def fields_in(directory: Path) -> dict[str, ET.Element]:
    return {
        path.name.removesuffix(".field-meta.xml"): parse(path) for path in directory.glob("*.field-meta.xml")
    }


def test_sfdx_project_points_at_force_app() -> None:
    project = json.loads((ROOT / "sfdx-project.json").read_text())
    # force-app is the routine package; relay/ is deployed once (test_routine_deploys_never_touch_the_event_relay)
    assert [d["path"] for d in project["packageDirectories"]] == ["force-app", "relay"]
    # Every replacement names a file that exists, so a deploy cannot silently skip it
    for replacement in project["replacements"]:
        assert (ROOT / replacement["filename"]).is_file()


def test_platform_event_is_high_volume_and_published_after_commit() -> None:
    event = parse(EVENT_DIR / f"{handoff_names.ORDER_HANDOFF_DETAIL_TYPE}.object-meta.xml")
    assert text(event, "eventType") == "HighVolume"
    # After commit: a rolled-back Order change must never reach the ERP
    assert text(event, "publishBehavior") == "PublishAfterCommit"


def test_event_fields_match_the_order_handoff_contract() -> None:
    # Given the custom fields of the contract (CreatedDate / CreatedById are standard fields)
    contract = {
        field.alias
        for field in OrderHandoffEvent.model_fields.values()
        if field.alias and field.alias.endswith("__c")
    }
    # Then the platform event defines exactly those
    metadata = fields_in(EVENT_DIR / "fields")
    assert set(metadata) == contract
    for name, element in metadata.items():
        assert text(element, "fullName") == name


@pytest.mark.parametrize(
    ("name", "type_", "length", "required"),
    [
        ("Order_Id__c", "Text", "18", "true"),
        ("Account_Id__c", "Text", "18", "true"),
        ("Action__c", "Text", "10", "false"),
        ("Currency_Iso_Code__c", "Text", "3", "false"),
        ("Requested_Delivery_Date__c", "Date", None, "false"),
        ("Lines__c", "LongTextArea", "131072", "false"),
    ],
)
def test_event_field_types(name: str, type_: str, length: str | None, required: str) -> None:
    element = parse(EVENT_DIR / "fields" / f"{name}.field-meta.xml")
    assert (text(element, "type"), text(element, "length"), text(element, "required")) == (
        type_,
        length,
        required,
    )


def test_event_text_lengths_admit_what_the_model_admits() -> None:
    # Salesforce must not accept a value the handler then rejects as too long (or the reverse)
    element = parse(EVENT_DIR / "fields" / "Order_Number__c.field-meta.xml")
    max_len = next(
        m.max_length
        for m in OrderHandoffEvent.model_fields["order_number"].metadata
        if hasattr(m, "max_length")
    )
    assert text(element, "length") == str(max_len)


def test_event_version_is_a_whole_number() -> None:
    element = parse(EVENT_DIR / "fields" / "Order_Version__c.field-meta.xml")
    assert (text(element, "type"), text(element, "scale")) == ("Number", "0")


def test_order_write_back_fields_exist_with_the_wiring_names() -> None:
    fields = fields_in(ORDER_FIELDS)
    for name in (
        handoff_names.SF_FIELD_ERP_ORDER_NUMBER,
        handoff_names.SF_FIELD_SYNC_STATUS,
        handoff_names.SF_FIELD_SYNC_MESSAGE,
        handoff_names.SF_FIELD_SYNCED_AT,
    ):
        assert name in fields, name
    assert "Order_Version__c" in fields
    assert text(fields[handoff_names.SF_FIELD_SYNC_MESSAGE], "length") == str(
        handoff_names.SF_SYNC_MESSAGE_MAX
    )
    assert text(fields[handoff_names.SF_FIELD_SYNCED_AT], "type") == "DateTime"
    assert text(fields[handoff_names.SF_FIELD_ERP_ORDER_NUMBER], "externalId") == "true"


def test_sync_status_picklist_is_restricted_and_holds_every_status_the_code_writes() -> None:
    element = parse(ORDER_FIELDS / f"{handoff_names.SF_FIELD_SYNC_STATUS}.field-meta.xml")
    value_set = element.find("md:valueSet", NS)
    assert value_set is not None
    assert text(value_set, "restricted") == "true"
    values = {v.text for v in value_set.findall("md:valueSetDefinition/md:value/md:fullName", NS)}
    assert values == {"Pending", *(status.value for status in SyncStatus)}


def test_permission_set_edits_exactly_the_fields_the_code_writes() -> None:
    # The custom fields the flows write (test_salesforce_fields.py collects them from the code),
    # and no other: least privilege
    from test_salesforce_fields import _master_detail, touched

    _, writes, _, _ = touched()
    perm = parse(DEFAULT / "permissionsets" / "Sferp_Integration.permissionset-meta.xml")
    editable = {
        text(fp, "field") for fp in perm.findall("md:fieldPermissions", NS) if text(fp, "editable") == "true"
    }
    assert editable == {
        f"{obj}.{field}"
        for obj, fields in writes.items()
        for field in fields
        if field.endswith("__c") and not _master_detail(obj, field)  # no field permission exists for one
    }
    objects = {text(op, "object"): op for op in perm.findall("md:objectPermissions", NS)}
    assert text(objects["Order"], "allowEdit") == "true"
    # The nightly run and the ERP status flow upsert Product2 (ERP_SKU__c); the flow creates and
    # prices standard price book entries; the price books themselves are only read
    assert text(objects["Product2"], "allowEdit") == "true"
    assert text(objects["PricebookEntry"], "allowEdit") == "true"
    assert text(objects["PricebookEntry"], "allowCreate") == "true"
    assert text(objects["Pricebook2"], "allowEdit") == "false"
    assert all(text(op, "allowDelete") == "false" for op in objects.values())


@pytest.mark.parametrize(
    ("relay_file", "member_file", "entity", "channel_type"),
    [
        (
            "Sferp_Order_Handoff_Relay",
            "Sferp_Order_Handoff_chn_Order_Handoff_e",
            handoff_names.ORDER_HANDOFF_DETAIL_TYPE,
            "event",
        ),
        # Change Data Capture: a data channel of its own (it cannot hold platform events), its own relay
        (
            "Sferp_Customer_Sync_Relay",
            "Sferp_Customer_Sync_chn_AccountChangeEvent",
            sync_names.ACCOUNT_CHANGE_DETAIL_TYPE,
            "data",
        ),
    ],
)
def test_event_relay_uses_the_channel_and_the_named_credential(
    relay_file: str, member_file: str, entity: str, channel_type: str
) -> None:
    relay = parse(RELAY / "eventRelays" / f"{relay_file}.eventRelay-meta.xml")
    channel = text(relay, "eventChannel")
    assert text(relay, "state") == "STOP"  # the only state allowed at creation
    destination = text(relay, "destinationResourceName")
    assert destination is not None and destination.startswith("callout:")
    credential = (
        DEFAULT / "namedCredentials" / f"{destination.removeprefix('callout:')}.namedCredential-meta.xml"
    )
    assert text(parse(credential), "endpoint") == "arn:aws:__AWS_REGION_UPPER__:__AWS_ACCOUNT_ID__"
    member = parse(
        DEFAULT / "platformEventChannelMembers" / f"{member_file}.platformEventChannelMember-meta.xml"
    )
    assert text(member, "eventChannel") == channel
    assert text(member, "selectedEntity") == entity
    definition = parse(DEFAULT / "platformEventChannels" / f"{channel}.platformEventChannel-meta.xml")
    assert text(definition, "channelType") == channel_type
    if channel_type == "data":
        assert channel == sync_names.SF_CDC_CHANNEL


def test_routine_deploys_never_touch_the_event_relay() -> None:
    # Given the routine package (force-app, deployed on every change) and the project file
    project = json.loads((ROOT / "sfdx-project.json").read_text())
    directories = {d["path"]: d.get("default", False) for d in project["packageDirectories"]}
    # Then the relay is in its own, non-default package directory and nowhere in force-app: a
    # redeploy of force-app cannot stop a running relay (its source state is STOP)
    assert directories == {"force-app": True, "relay": False}
    assert not list((ROOT / "force-app").rglob("*.eventRelay-meta.xml"))
    assert sorted(p.name for p in (ROOT / "relay").rglob("*-meta.xml")) == [
        "Sferp_Customer_Sync_Relay.eventRelay-meta.xml",
        "Sferp_Order_Handoff_Relay.eventRelay-meta.xml",
    ]
    # And every deploy command the docs give for routine changes names force-app explicitly
    guide = (ROOT.parents[1] / "docs" / "salesforce_setup.md").read_text()
    commands = [
        line.strip() for line in guide.splitlines() if line.strip().startswith("sf project deploy start")
    ]
    assert commands
    assert all("--source-dir force-app" in c or "--source-dir relay" in c for c in commands), commands
    # One deploy creates both relays in a new org; the CDC relay alone is added to an org whose
    # order-handoff relay runs (deploying the whole directory would stop it)
    relay_deploys = [c for c in commands if "--source-dir relay" in c]
    assert len(relay_deploys) == 2
    assert any("Sferp_Customer_Sync_Relay.eventRelay-meta.xml" in c for c in relay_deploys)
