"""The committed OpenAPI document is what the code generates (regenerate: python -m sferp_tools.openapi)
and what External Services accept: each of their schema rules is a test, and real answers of the
API validate against the document."""

from __future__ import annotations

import json
import re

from sferp_tools.openapi import OPENAPI_PATH, generate


def test_openapi_file_matches_the_code() -> None:
    # Given the committed file / When the document is regenerated from the resolver
    generated = generate()
    # Then they are identical
    assert OPENAPI_PATH.read_text(encoding="utf-8") == generated, (
        "docs/openapi/inventory.json is out of date: run .venv/bin/python -m sferp_tools.openapi"
    )


def test_openapi_is_external_services_ready() -> None:
    document = json.loads(generate())
    # OpenAPI 3.0 (External Services), both operations with ids Flow builders see, no 3.1 null types
    assert document["openapi"].startswith("3.0")
    assert document["paths"]["/availability"]["post"]["operationId"] == "checkAvailability"
    assert document["paths"]["/availability/{sku}"]["get"]["operationId"] == "checkSkuAvailability"
    assert '"type": "null"' not in json.dumps(document)


# Apex reserved words (the Apex Developer Guide's list): External Services turns each property into
# an Apex class member, so none may be used as a property name.
APEX_RESERVED = frozenset(
    [
        "abstract",
        "activate",
        "and",
        "any",
        "array",
        "as",
        "asc",
        "autonomous",
        "begin",
        "bigdecimal",
        "blob",
        "boolean",
        "break",
        "bulk",
        "by",
        "byte",
        "case",
        "cast",
        "catch",
        "char",
        "class",
        "collect",
        "commit",
        "const",
        "continue",
        "currency",
        "date",
        "datetime",
        "decimal",
        "default",
        "delete",
        "desc",
        "do",
        "double",
        "else",
        "end",
        "enum",
        "exception",
        "exit",
        "export",
        "extends",
        "false",
        "final",
        "finally",
        "float",
        "for",
        "from",
        "global",
        "goto",
        "group",
        "having",
        "hint",
        "if",
        "implements",
        "import",
        "in",
        "inner",
        "insert",
        "instanceof",
        "int",
        "integer",
        "interface",
        "into",
        "join",
        "like",
        "limit",
        "list",
        "long",
        "loop",
        "map",
        "merge",
        "new",
        "not",
        "null",
        "nulls",
        "number",
        "object",
        "of",
        "on",
        "or",
        "outer",
        "override",
        "package",
        "parallel",
        "pragma",
        "private",
        "protected",
        "public",
        "retrieve",
        "return",
        "rollback",
        "select",
        "set",
        "short",
        "sobject",
        "sort",
        "static",
        "string",
        "super",
        "switch",
        "synchronized",
        "system",
        "testmethod",
        "then",
        "this",
        "throw",
        "time",
        "transaction",
        "trigger",
        "true",
        "try",
        "type",
        "undelete",
        "update",
        "upsert",
        "using",
        "virtual",
        "void",
        "webservice",
        "when",
        "where",
        "while",
    ]
)


def _walk(node: object, path: str = "$") -> list[tuple[str, dict]]:
    found: list[tuple[str, dict]] = []
    if isinstance(node, dict):
        found.append((path, node))
        for key, value in node.items():
            found += _walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            found += _walk(value, f"{path}[{n}]")
    return found


def test_the_document_passes_external_services_schema_rules() -> None:
    from openapi_spec_validator import validate

    document = json.loads(generate())
    validate(document)  # a valid OpenAPI 3.0 document in the first place
    nodes = _walk(document)
    # No anyOf / oneOf / allOf anywhere (External Services reject them)
    assert not [p for p, n in nodes if {"anyOf", "oneOf", "allOf"} & set(n)]
    # No $ref with siblings: 3.0 ignores them, so a nullable beside a $ref would be lost
    assert not [p for p, n in nodes if "$ref" in n and len(n) > 1]
    # Every component is used
    text = json.dumps({k: v for k, v in document.items() if k != "components"}) + json.dumps(
        document["components"]
    )
    assert all(f'"#/components/schemas/{name}"' in text for name in document["components"]["schemas"])
    # No property is an Apex reserved word
    properties = {name for _, n in nodes for name in (n.get("properties") or {})}
    assert not {name.lower() for name in properties} & APEX_RESERVED
    # Names appear in Flow as written: External Services re-encode "_" as "x5f" (and other
    # non-alphanumerics likewise), so every property is plain camelCase letters and digits
    assert [name for name in sorted(properties) if not re.fullmatch(r"[a-z][A-Za-z0-9]*", name)] == []
    assert {
        "requestedQuantity",
        "availableQuantity",
        "availableDate",
        "asOf",
        "staleAgeSeconds",
    } <= properties


def test_answers_use_the_wire_names_and_python_keeps_its_own() -> None:
    from sferp.inventory_lookup.models import ItemAvailability, Source

    item = ItemAvailability(
        sku="MAT-1", requested_quantity=2, available=True, source=Source.ERP, stale_age_seconds=5
    )
    wire = json.loads(item.model_dump_json())
    assert wire["requestedQuantity"] == 2 and wire["staleAgeSeconds"] == 5
    assert not [key for key in wire if "_" in key]
    assert ItemAvailability.model_validate(wire) == item  # the wire form reads back


def test_real_answers_validate_against_the_document() -> None:
    from openapi_schema_validator import OAS30Validator
    from sferp_tools.local.harness import rest_event
    from sferp_tools.local.inventory_lookup import LocalInventory

    from sferp.inventory_lookup import names as inventory_names

    document = json.loads(generate())
    resolver = {"components": document["components"]}

    def validate(answer: object, schema_ref: str) -> None:
        schema = {**resolver, "$ref": schema_ref}
        OAS30Validator(schema).validate(answer)

    ok = "#/components/schemas/AvailabilityResponse"
    error = "#/components/schemas/ErrorResponse"
    with LocalInventory(
        fresh_ttl_s=0
    ) as inventory:  # every cached value answers as stale once the ERP is down
        # fresh, unknown SKU and short stock (reason set; as_of and dates present or null)
        answer = inventory.post("1000", [("MAT-100", 5), ("NOPE", 1), ("MAT-200", 50)])
        assert answer.status == 200
        validate(answer.body, ok)
        assert {item["reason"] for item in answer.body["items"]} == {
            None,
            "unknown_sku",
            "insufficient_quantity",
        }
        # again (reason null), then the ERP down: stale with its age, and nothing cached at all
        validate(inventory.get("MAT-100", "1000", 3).body, ok)
        inventory.erp.faults = inventory.erp.faults.model_copy(update={"error_rate": 1.0})
        degraded = inventory.post("1000", [("MAT-100", 1), ("MAT-400", 1)])
        validate(degraded.body, ok)
        assert {item["source"] for item in degraded.body["items"]} == {"stale", "none"}
        # the error answers
        validate(inventory.invoke(rest_event("GET", "/availability/MAT-200")).body, error)
        validate(
            inventory.invoke(rest_event("POST", inventory_names.INVENTORY_PATH, raw_body="{oops")).body, error
        )
