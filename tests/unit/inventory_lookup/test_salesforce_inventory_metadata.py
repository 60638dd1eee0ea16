"""The Salesforce side of the inventory lookup: external credential, named credential, permission set.

Salesforce signs its calls to the inventory API with AWS Signature Version 4. The pieces only work
together when their names line up (named credential -> external credential -> principal ->
permission set) and the signature is made for API Gateway (service ``execute-api``). The keys
themselves are entered in Setup and must never land in the repository; the last tests scan every
file under ``infra/salesforce`` for anything shaped like an AWS key.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
ROOT = REPO / "infra" / "salesforce"
DEFAULT = ROOT / "force-app" / "main" / "default"
NS = {"md": "http://soap.sforce.com/2006/04/metadata"}

NAMED_CREDENTIAL = "Sferp_Inventory_API"
EXTERNAL_CREDENTIAL = "Sferp_Inventory_SigV4"
PRINCIPAL = "Sferp_Inventory_Invoker"
PERMISSION_SET = "Sferp_Inventory_Lookup"
OPENAPI = REPO / "docs" / "openapi" / "inventory.json"

# Access key ids start with a four-letter prefix (AKIA long-term, ASIA temporary) + 16 characters;
# secret access keys are 40 characters of base64.
ACCESS_KEY_ID = re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])")
SECRET_ACCESS_KEY = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
# Element or parameter names under which a key could be stored in metadata (legacy named
# credentials had awsAccessKey / awsSecretAccessKey fields; the Connect API uses awsAccessKeyId).
KEY_FIELD = re.compile(r"aws_?(?:access_?key|secret)", re.IGNORECASE)


def parse(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def text(element: ET.Element, tag: str) -> str | None:
    found = element.find(f"md:{tag}", NS)
    return found.text if found is not None else None


def external_credential() -> ET.Element:
    return parse(DEFAULT / "externalCredentials" / f"{EXTERNAL_CREDENTIAL}.externalCredential-meta.xml")


def named_credential() -> ET.Element:
    return parse(DEFAULT / "namedCredentials" / f"{NAMED_CREDENTIAL}.namedCredential-meta.xml")


def ec_parameters(parameter_type: str) -> dict[str, ET.Element]:
    return {
        str(text(p, "parameterName")): p
        for p in external_credential().findall("md:externalCredentialParameters", NS)
        if text(p, "parameterType") == parameter_type
    }


def replacements() -> dict[tuple[str, str], str]:
    project = json.loads((ROOT / "sfdx-project.json").read_text())
    return {(r["filename"], r["stringToReplace"]): r["replaceWithEnv"] for r in project["replacements"]}


def secrets_in(content: str) -> list[str]:
    return [
        *ACCESS_KEY_ID.findall(content),
        *SECRET_ACCESS_KEY.findall(content),
        *KEY_FIELD.findall(content),
    ]


def test_named_credential_is_a_secured_endpoint_using_the_external_credential() -> None:
    # Given the named credential Flows and Apex call
    credential = named_credential()
    # Then it is the new-style kind that delegates authentication to an external credential
    assert text(credential, "namedCredentialType") == "SecuredEndpoint"
    assert text(credential, "generateAuthorizationHeader") == "true"
    parameters = credential.findall("md:namedCredentialParameters", NS)
    authentication = [p for p in parameters if text(p, "parameterType") == "Authentication"]
    assert [text(p, "externalCredential") for p in authentication] == [EXTERNAL_CREDENTIAL]
    # And that external credential is shipped alongside it
    assert (DEFAULT / "externalCredentials" / f"{EXTERNAL_CREDENTIAL}.externalCredential-meta.xml").is_file()


def test_named_credential_url_is_a_placeholder_filled_at_deploy_time() -> None:
    # Given the URL parameter of the named credential
    urls = [
        text(p, "parameterValue")
        for p in named_credential().findall("md:namedCredentialParameters", NS)
        if text(p, "parameterType") == "Url"
    ]
    # Then it is the placeholder, and sfdx-project.json replaces it from an environment variable
    assert urls == ["__INVENTORY_API_URL__"]
    filename = f"force-app/main/default/namedCredentials/{NAMED_CREDENTIAL}.namedCredential-meta.xml"
    assert replacements()[(filename, "__INVENTORY_API_URL__")] == "SFERP_INVENTORY_API_URL"


def test_external_credential_signs_for_api_gateway_with_sigv4() -> None:
    # Given the external credential
    credential = external_credential()
    # Then it signs with AWS Signature Version 4 for the execute-api service
    assert text(credential, "authenticationProtocol") == "AwsSv4"
    auth = ec_parameters("AuthParameter")
    assert text(auth["AwsService"], "parameterValue") == "execute-api"
    # And the region is the stack's, supplied at deploy time (a wrong region fails every signature)
    assert text(auth["AwsRegion"], "parameterValue") == "__AWS_REGION__"
    filename = f"force-app/main/default/externalCredentials/{EXTERNAL_CREDENTIAL}.externalCredential-meta.xml"
    assert replacements()[(filename, "__AWS_REGION__")] == "SFERP_AWS_REGION"


def test_external_credential_signs_with_temporary_credentials_from_sts() -> None:
    # Given the external credential / Then it uses the STS variant: Salesforce assumes the stack's
    # invoker role and signs with its session, so no long-lived key can call the API
    variant = ec_parameters("AuthProtocolVariant")
    assert text(variant["AuthProtocolVariant"], "parameterValue") == "AwsSv4_STS"
    auth = ec_parameters("AuthParameter")
    assert text(auth["AwsAccountId"], "parameterValue") == "__AWS_ACCOUNT_ID__"
    duration = ec_parameters("AuthProviderUrlQueryParameter")["AwsStsDuration"]
    assert 900 <= int(text(duration, "parameterValue")) <= 3600  # STS bounds; the role allows 1 h
    filename = f"force-app/main/default/externalCredentials/{EXTERNAL_CREDENTIAL}.externalCredential-meta.xml"
    assert replacements()[(filename, "__AWS_ACCOUNT_ID__")] == "SFERP_AWS_ACCOUNT_ID"


def test_external_credential_has_exactly_one_named_principal() -> None:
    # One shared IAM identity for the org: reps never hold AWS keys, so no per-user principal
    assert list(ec_parameters("NamedPrincipal")) == [PRINCIPAL]
    assert ec_parameters("PerUserPrincipal") == {}
    assert text(ec_parameters("NamedPrincipal")[PRINCIPAL], "sequenceNumber") == "1"


def test_permission_set_grants_the_principal_and_nothing_else_to_write() -> None:
    # Given the permission set assigned to the users who check stock
    perm = parse(DEFAULT / "permissionsets" / f"{PERMISSION_SET}.permissionset-meta.xml")
    # Then it enables the external credential's principal ("<external credential>-<principal>")
    grants = {
        text(access, "externalCredentialPrincipal"): text(access, "enabled")
        for access in perm.findall("md:externalCredentialPrincipalAccesses", NS)
    }
    assert grants == {f"{EXTERNAL_CREDENTIAL}-{PRINCIPAL}": "true"}
    # And grants no record changes and no field access
    for permission in perm.findall("md:objectPermissions", NS):
        for flag in ("allowCreate", "allowEdit", "allowDelete", "modifyAllRecords", "viewAllRecords"):
            assert text(permission, flag) == "false", (text(permission, "object"), flag)
    assert perm.findall("md:fieldPermissions", NS) == []


def test_every_replacement_placeholder_appears_in_its_file() -> None:
    # A placeholder renamed in one place only would deploy literally (or fail the replacement)
    for filename, placeholder in replacements():
        assert placeholder in (ROOT / filename).read_text(), (filename, placeholder)


@pytest.mark.parametrize(
    "planted",
    [
        "AKIA" + "IOSFODNN7EXAMPLE",  # AWS's documented example access key id
        "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY",  # AWS's documented example secret
        "<awsAccessKey>x</awsAccessKey>",
        "<parameterName>awsSecretAccessKey</parameterName>",
    ],
)
def test_secret_scan_finds_a_planted_key(planted: str) -> None:
    # Given a metadata file into which someone pasted a key
    content = f"<NamedCredential>\n    <parameterValue>{planted}</parameterValue>\n</NamedCredential>"
    # Then the scan used below reports it
    assert secrets_in(content)


def test_no_aws_keys_in_any_salesforce_metadata_file() -> None:
    # Given every file under infra/salesforce (metadata, project file, anything added later)
    files = [path for path in ROOT.rglob("*") if path.is_file()]
    assert any(path.suffix == ".xml" for path in files)
    # Then none holds an access key id, a secret access key or a field meant to hold one
    found = {
        str(path.relative_to(ROOT)): hits
        for path in files
        if (hits := secrets_in(path.read_text(encoding="utf-8", errors="replace")))
    }
    assert found == {}


def test_setup_guide_names_every_inventory_component() -> None:
    # The admin follows the guide; a renamed component the guide still calls by its old name
    # leaves them searching Setup for something that does not exist.
    guide = (REPO / "docs" / "salesforce_setup.md").read_text()
    for name in (NAMED_CREDENTIAL, EXTERNAL_CREDENTIAL, PRINCIPAL, PERMISSION_SET, "SFERP_INVENTORY_API_URL"):
        assert name in guide, name


def test_openapi_operations_declare_their_success_body_for_external_services() -> None:
    # Given the contract registered as the External Service
    document = json.loads(OPENAPI.read_text())
    # Then every operation has an operationId (the Flow action's name) and a JSON 200 body (its outputs)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation.get("operationId"), (path, method)
            success = operation["responses"].get("200", {})
            assert "schema" in success.get("content", {}).get("application/json", {}), (path, method)


def test_openapi_uses_the_30_form_of_exclusive_bounds() -> None:
    # Given the document declared as OpenAPI 3.0.x (what External Services read)
    document = json.loads(OPENAPI.read_text())
    assert document["openapi"].startswith("3.0")
    # Then exclusiveMinimum / exclusiveMaximum are booleans, as 3.0 defines them
    bounds: list[object] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            bounds.extend(v for k, v in node.items() if k in ("exclusiveMinimum", "exclusiveMaximum"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    assert all(isinstance(bound, bool) for bound in bounds), bounds
