"""The logical ids of stateful resources are pinned: a construct moved or renamed in a refactoring
would make CloudFormation replace the resource on the next deploy (a new, empty table or queue;
a named one even fails the deploy with "already exists"). Changing this list is a deliberate
decision with a migration plan, not a side effect."""

from __future__ import annotations

import json
from pathlib import Path

from synth_support import Synth

PINNED = json.loads((Path(__file__).parent / "stateful_logical_ids.json").read_text())
STATEFUL = (
    "AWS::SQS::Queue",
    "AWS::DynamoDB::Table",
    "AWS::S3::Bucket",
    "AWS::KMS::Key",
    "AWS::SecretsManager::Secret",
    "AWS::Events::EventBus",
    "AWS::Logs::LogGroup",
    "AWS::SNS::Topic",
    "AWS::Events::Archive",
    "AWS::StepFunctions::StateMachine",
)


def test_stateful_resources_keep_their_logical_ids(synth: Synth) -> None:
    # Given the synthesized stack / Then every stateful resource has the logical id it was deployed with
    found = sorted(
        f"{r['Type']} {logical_id}" for logical_id, r in synth.resources.items() if r["Type"] in STATEFUL
    )
    assert found == PINNED[synth.env_name]
