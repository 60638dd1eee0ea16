"""Every file under ``infra/salesforce/`` validates against the Metadata API schema, offline.

The schema is the one in the Metadata API WSDL that ships inside the installed simple-salesforce
(API version 63.0): the WSDL's ``<xsd:schema>`` with one root element per metadata type added, so
each source file (``<NamedCredential xmlns=...>``) is checked against its type — unknown elements
(such as a ``<description>`` that ``NamedCredential`` does not have), wrong order, wrong enums.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pytest
import simple_salesforce
from lxml import etree

from sferp import names

ROOT = Path(__file__).resolve().parents[3] / "infra" / "salesforce"
WSDL = Path(os.path.dirname(simple_salesforce.__file__)) / "metadata.wsdl"
MD = "http://soap.sforce.com/2006/04/metadata"
XSD = "http://www.w3.org/2001/XMLSchema"
FILES = sorted(p for p in ROOT.rglob("*-meta.xml"))


def wsdl_version() -> str:
    head = WSDL.read_text(encoding="utf-8")[:400]
    return head.split("Metadata API version", 1)[1].split()[0]


@cache
def schema() -> etree.XMLSchema:
    tree = etree.parse(str(WSDL))
    (xsd,) = tree.findall(f".//{{{XSD}}}schema")
    types = {t.get("name") for t in xsd.findall(f"{{{XSD}}}complexType")}
    for root_type in sorted({etree.parse(str(p)).getroot().tag.split("}")[1] for p in FILES}):
        assert root_type in types, f"{root_type} is not a type of Metadata API {wsdl_version()}"
        element = etree.SubElement(xsd, f"{{{XSD}}}element")
        element.set("name", root_type)
        element.set("type", f"tns:{root_type}")
    document = etree.ElementTree(etree.fromstring(etree.tostring(xsd)))
    # The schema uses the WSDL's "tns" prefix; declare it on the extracted schema element.
    root = document.getroot()
    text = etree.tostring(root).decode()
    if "xmlns:tns=" not in text:
        text = text.replace("<xsd:schema ", f'<xsd:schema xmlns:tns="{MD}" ', 1)
    return etree.XMLSchema(etree.fromstring(text.encode()))


def test_every_metadata_file_is_found() -> None:
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_metadata_file_validates_against_the_metadata_api_schema(path: Path) -> None:
    document = etree.parse(str(path))
    validator = schema()
    if not validator.validate(document):
        problems = "; ".join(f"line {e.line}: {e.message}" for e in validator.error_log)
        pytest.fail(f"{path.relative_to(ROOT)} does not deploy: {problems}")


def test_one_api_version_for_the_metadata_and_the_adapter() -> None:
    # The newest version whose schema is checked here, in sfdx-project.json and in every
    # environment's Salesforce settings (the adapter's REST/Bulk version)
    project = json.loads((ROOT / "sfdx-project.json").read_text())
    from sferp.adapters.salesforce.simple import DEFAULT_API_VERSION

    assert {project["sourceApiVersion"], names.SALESFORCE_API_VERSION, DEFAULT_API_VERSION} == {
        wsdl_version()
    }
