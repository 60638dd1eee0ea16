"""``sferp_tools.template_diff``: a moved construct (new logical id, same resource) is a rename, a
changed property is a difference, and references compare by what they point at."""

from __future__ import annotations

import copy
from typing import Any

from sferp_tools.template_diff import compare

BEFORE: dict[str, Any] = {
    "Resources": {
        "OldQueue1": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "sferp-dev-buffer"}},
        "Rule1": {
            "Type": "AWS::Events::Rule",
            "Properties": {"Name": "sferp-dev-r", "Targets": [{"Arn": {"Fn::GetAtt": ["OldQueue1", "Arn"]}}]},
        },
    }
}


def test_a_moved_resource_and_everything_that_refers_to_it_are_renames_only() -> None:
    # Given the same resources, the queue under a new logical id
    after = copy.deepcopy(BEFORE)
    after["Resources"]["NewQueue2"] = after["Resources"].pop("OldQueue1")
    after["Resources"]["Rule1"]["Properties"]["Targets"][0]["Arn"]["Fn::GetAtt"][0] = "NewQueue2"
    # When compared / Then only the logical id changed
    result = compare(BEFORE, after)
    assert result["renamed"] == [("OldQueue1", "NewQueue2")]
    assert not (result["changed"] or result["added"] or result["removed"])


def test_a_changed_property_is_paired_by_physical_name_and_shown() -> None:
    # Given the queue with another retention
    after = copy.deepcopy(BEFORE)
    after["Resources"]["OldQueue1"]["Properties"]["MessageRetentionPeriod"] = 60
    # When compared / Then the queue is changed (the rule too: it points at a changed queue)
    result = compare(BEFORE, after)
    queue = next(c for c in result["changed"] if c["before"] == "OldQueue1")
    assert queue["properties"] == ["MessageRetentionPeriod: null -> 60"]


def test_asset_contents_can_be_ignored() -> None:
    layer = {"Type": "AWS::Lambda::LayerVersion", "Properties": {"Content": {"S3Key": "a" * 64 + ".zip"}}}
    other = copy.deepcopy(layer)
    other["Properties"]["Content"]["S3Key"] = "b" * 64 + ".zip"
    assert compare({"Resources": {"L": layer}}, {"Resources": {"L": other}})["changed"]
    assert not compare({"Resources": {"L": layer}}, {"Resources": {"L": other}}, ignore_assets=True)[
        "changed"
    ]
