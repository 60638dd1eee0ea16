"""The committed OpenAPI document is what the code generates (regenerate: make openapi)."""

from __future__ import annotations

import json

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
