"""The OpenAPI document of the inventory API, generated from the resolver and its models.

``python -m sferp_tools.openapi`` writes ``docs/openapi/inventory.json``; a test regenerates
it and fails when the file and the code differ. Salesforce External Services read OpenAPI 3.0,
while Powertools (pydantic 2) emits 3.1 (``anyOf [..., {"type": "null"}]``, ``examples`` arrays,
``const``), so the document is lowered to 3.0 (``nullable: true``, ``example``, ``enum``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from sferp import __version__

OPENAPI_PATH = Path(__file__).resolve().parents[2] / "docs" / "openapi" / "inventory.json"
TITLE = "sferp inventory availability"
DESCRIPTION = (
    "Real-time ERP stock for Salesforce. Register as an External Service through a Named Credential "
    "that signs requests with AWS Signature Version 4 (service execute-api); see docs/inventory.md."
)


def generate() -> str:
    from sferp.inventory_lookup.api import app

    raw = json.loads(
        app.get_openapi_json_schema(
            title=TITLE,
            version=__version__,
            description=DESCRIPTION,
            servers=[],  # the Named Credential supplies the URL per org
        )
    )
    document = _to_openapi_30(raw)
    document["openapi"] = "3.0.3"
    document.pop("servers", None)
    document = _for_external_services(document)
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def _for_external_services(document: dict[str, Any]) -> dict[str, Any]:
    """What External Services require beyond OpenAPI 3.0: no ``$ref`` with siblings (3.0 ignores
    them, so ``nullable`` beside a ``$ref`` is lost and a real ``null`` fails validation: the
    referenced schema is inlined instead), and no unused components (Powertools' default
    ``HTTPValidationError`` / ``ValidationError`` carry an ``anyOf`` and a property named ``type``,
    an Apex reserved word; this API answers its own ``ErrorResponse``)."""
    schemas = document.get("components", {}).get("schemas", {})

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node and len(node) > 1:
            name = node["$ref"].rsplit("/", 1)[-1]
            merged = {**schemas[name], **{k: v for k, v in node.items() if k != "$ref"}}
            merged.pop("title", None)
            if merged.get("nullable") and isinstance(merged.get("enum"), list) and None not in merged["enum"]:
                # 3.0.3: an enum must list null itself for a nullable value to accept it.
                merged["enum"] = [*merged["enum"], None]
            return inline(merged)
        return {key: inline(value) for key, value in node.items()}

    document = inline(document)
    schemas = document.get("components", {}).get("schemas", {})
    while True:
        text = json.dumps({k: v for k, v in document.items() if k != "components"}) + json.dumps(schemas)
        unused = [name for name in schemas if f'"#/components/schemas/{name}"' not in text]
        if not unused:
            return document
        for name in unused:
            del schemas[name]


def _to_openapi_30(node: Any) -> Any:
    if isinstance(node, list):
        return [_to_openapi_30(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _to_openapi_30(value) for key, value in node.items()}
    any_of = out.get("anyOf")
    if isinstance(any_of, list) and any(part == {"type": "null"} for part in any_of):
        rest = [part for part in any_of if part != {"type": "null"}]
        out.pop("anyOf")
        if len(rest) == 1:
            out.update(rest[0])
        else:
            out["anyOf"] = rest
        out["nullable"] = True
    examples = out.get("examples")
    if isinstance(examples, list) and "schema" not in out:
        # In a schema, 3.1's "examples" (a list) is 3.0's "example" (one value).
        out.pop("examples")
        if examples:
            out["example"] = examples[0]
    if "const" in out:
        out["enum"] = [out.pop("const")]
    # 3.1 writes exclusive bounds as numbers; 3.0 (what External Services read) as booleans.
    for bound, flag in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        value = out.get(bound)
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[flag] = value
            out[bound] = True
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else OPENAPI_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(generate(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
