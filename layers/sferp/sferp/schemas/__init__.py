"""Versioned event contracts, as JSON Schema generated from the Pydantic models.

Regenerate with ``make schemas`` (``python -m sferp_tools.schemas``); ``tests/unit/order_handoff/test_order_contract.py`` fails when
a file and its model disagree, so a contract change is always a reviewed diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).parent


def order_handoff_v1() -> dict[str, Any]:
    from sferp.models.order import SCHEMA_VERSION, OrderHandoffEvent, OrderLine

    schema = OrderHandoffEvent.model_json_schema(by_alias=True, mode="validation")
    # The wire form of Lines__c names the line's schema (the model's field schema cannot).
    schema.setdefault("$defs", {})["OrderLine"] = OrderLine.model_json_schema(mode="validation")
    for alternative in schema["properties"]["Lines__c"]["anyOf"]:
        if alternative.get("type") == "array":
            alternative["items"] = {"$ref": "#/$defs/OrderLine"}
    schema["$id"] = f"https://sferp.dev/schemas/order_handoff.v{SCHEMA_VERSION}.json"
    schema["title"] = "Order_Handoff__e"
    schema["description"] = (
        "Fields of the Order_Handoff__e platform event, under detail.payload of the EventBridge event "
        "that Salesforce Event Relay delivers. Unknown fields are ignored."
    )
    return schema


SCHEMAS = {"order_handoff.v1.json": order_handoff_v1}


def render(name: str) -> str:
    return json.dumps(SCHEMAS[name](), indent=2, sort_keys=True) + "\n"


def write_all() -> list[Path]:
    written = []
    for name in SCHEMAS:
        path = SCHEMA_DIR / name
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written
