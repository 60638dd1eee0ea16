"""Compare two synthesized CloudFormation templates by what they deploy, not by logical id.

A restructuring of the CDK app moves constructs, which renames logical ids; a plain diff then
shows every moved resource as deleted and added. Here each resource gets a content hash of its
type, properties, condition and dependencies, with every ``Ref`` / ``Fn::GetAtt`` / ``DependsOn``
replaced by the target's own hash (computed first: CloudFormation templates are acyclic), so a
resource that deploys the same thing under a new logical id matches. What remains unmatched is a
real difference; pairs of the same type and physical name are shown property by property.

``python -m sferp_tools.template_diff BEFORE.json AFTER.json`` prints the differences and the
renamed logical ids; exit 1 when anything but logical ids and metadata differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# CDK asset object keys: the SHA-256 of the asset's content, e.g. "3f...9a.zip".
_ASSET_KEY = re.compile(r"^[0-9a-f]{64}\.(zip|json)$")
_NAME_PROPERTIES = (
    "QueueName",
    "TableName",
    "FunctionName",
    "AlarmName",
    "TopicName",
    "LogGroupName",
    "ArchiveName",
    "StateMachineName",
    "BucketName",
    "AliasName",
    "Name",
)


class _Hasher:
    def __init__(self, template: Mapping[str, Any], *, ignore_assets: bool = False) -> None:
        self.ignore_assets = ignore_assets
        self.resources: Mapping[str, Any] = template.get("Resources", {})
        self.hashes: dict[str, str] = {}
        self._visiting: set[str] = set()

    def of(self, logical_id: str) -> str:
        if logical_id in self.hashes:
            return self.hashes[logical_id]
        if logical_id not in self.resources:  # a parameter, a pseudo parameter or a condition
            return f"external:{logical_id}"
        if logical_id in self._visiting:
            raise ValueError(f"reference cycle through {logical_id}")
        self._visiting.add(logical_id)
        resource = self.resources[logical_id]
        canonical = {
            "Type": resource.get("Type"),
            "Properties": self.resolve(resource.get("Properties", {})),
            "Condition": resource.get("Condition"),
            "DependsOn": sorted(self.of(d) for d in _as_list(resource.get("DependsOn"))),
            "DeletionPolicy": resource.get("DeletionPolicy"),
            "UpdateReplacePolicy": resource.get("UpdateReplacePolicy"),
        }
        digest = hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()[:16]
        self._visiting.discard(logical_id)
        self.hashes[logical_id] = digest
        return digest

    def resolve(self, node: Any) -> Any:
        if isinstance(node, str) and self.ignore_assets and _ASSET_KEY.match(node):
            return "<asset>"
        if isinstance(node, dict):
            if set(node) == {"Ref"}:
                return {"Ref": self.of(node["Ref"])}
            if set(node) == {"Fn::GetAtt"}:
                target, *attribute = node["Fn::GetAtt"]
                return {"Fn::GetAtt": [self.of(target), *attribute]}
            if set(node) == {"Fn::Sub"} and isinstance(node["Fn::Sub"], str):
                return {"Fn::Sub": node["Fn::Sub"]}
            return {key: self.resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [self.resolve(value) for value in node]
        return node


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _physical_name(resource: Mapping[str, Any]) -> str | None:
    properties = resource.get("Properties", {})
    for key in _NAME_PROPERTIES:
        if isinstance(properties.get(key), str):
            return f"{resource['Type']}:{properties[key]}"
    return None


def compare(
    before: Mapping[str, Any], after: Mapping[str, Any], *, ignore_assets: bool = False
) -> dict[str, Any]:
    """``ignore_assets``: treat asset contents (function code, layers) as equal, to see the
    template's own differences apart from code changes."""
    left, right = _Hasher(before, ignore_assets=ignore_assets), _Hasher(after, ignore_assets=ignore_assets)
    left_ids = {logical_id: left.of(logical_id) for logical_id in before.get("Resources", {})}
    right_ids = {logical_id: right.of(logical_id) for logical_id in after.get("Resources", {})}
    right_by_hash: dict[str, list[str]] = {}
    for logical_id, digest in right_ids.items():
        right_by_hash.setdefault(digest, []).append(logical_id)
    renamed: list[tuple[str, str]] = []
    only_before: list[str] = []
    for logical_id, digest in sorted(left_ids.items()):
        candidates = right_by_hash.get(digest)
        if candidates:
            match = logical_id if logical_id in candidates else candidates[0]
            candidates.remove(match)
            if match != logical_id:
                renamed.append((logical_id, match))
        else:
            only_before.append(logical_id)
    only_after = sorted(logical_id for ids in right_by_hash.values() for logical_id in ids)
    # Pair what differs by type and physical name (or by logical id) to show the property changes.
    changed: list[dict[str, Any]] = []
    after_by_name = {_physical_name(after["Resources"][i]) or i: i for i in only_after}
    for logical_id in list(only_before):
        key = _physical_name(before["Resources"][logical_id]) or logical_id
        partner = after_by_name.get(key)
        if partner is None:
            continue
        only_before.remove(logical_id)
        only_after.remove(partner)
        changed.append(
            {
                "before": logical_id,
                "after": partner,
                "properties": _property_diff(
                    left.resolve(before["Resources"][logical_id].get("Properties", {})),
                    right.resolve(after["Resources"][partner].get("Properties", {})),
                ),
            }
        )
    return {
        "renamed": renamed,
        "changed": changed,
        "removed": only_before,
        "added": only_after,
        "outputs_differ": before.get("Outputs") != after.get("Outputs"),
    }


def _property_diff(a: Any, b: Any, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        lines: list[str] = []
        for key in sorted(set(a) | set(b)):
            lines += _property_diff(a.get(key), b.get(key), f"{path}.{key}" if path else key)
        return lines
    if a != b:
        return [f"{path}: {json.dumps(a)[:300]} -> {json.dumps(b)[:300]}"]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="template_diff", description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument(
        "--ignore-assets", action="store_true", help="asset contents (code, layers) count as equal"
    )
    args = parser.parse_args(argv)
    result = compare(
        json.loads(args.before.read_text()),
        json.loads(args.after.read_text()),
        ignore_assets=args.ignore_assets,
    )
    print(f"renamed logical ids: {len(result['renamed'])}")
    for old, new in result["renamed"]:
        print(f"  {old} -> {new}")
    for entry in result["changed"]:
        print(f"changed: {entry['before']} -> {entry['after']}")
        for line in entry["properties"]:
            print(f"    {line}")
    for logical_id in result["removed"]:
        print(f"only before: {logical_id}")
    for logical_id in result["added"]:
        print(f"only after: {logical_id}")
    if result["outputs_differ"]:
        print("outputs differ")
    differs = result["changed"] or result["removed"] or result["added"] or result["outputs_differ"]
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
