"""The message-group paths the pipes use are in the JSON path syntax EventBridge Pipes documents for
dynamic target parameters (EventBridge User Guide, "Amazon EventBridge Pipes targets" > "Target
parameters": dot notation, alphanumerics, dashes, underscores, array indices), and the local pipe
resolves them as Pipes would — including not resolving, which fails the pipe's target call."""

from __future__ import annotations

import re

import pytest
from sferp_tools.local.harness import json_path_get

from sferp.customer_sync import names as sync_names
from sferp.order_handoff import names as handoff_names

# Dot-separated parts of [A-Za-z0-9_-], each optionally followed by [n] indices.
DOCUMENTED = re.compile(r"^\$(\.[A-Za-z0-9_-]+(\[\d+\])*)+$")


@pytest.mark.parametrize("path", [handoff_names.MESSAGE_GROUP_ID_PATH, sync_names.MESSAGE_GROUP_ID_PATH])
def test_group_paths_use_the_documented_syntax(path: str) -> None:
    assert DOCUMENTED.match(path), path


def test_the_local_pipe_resolves_indices_and_reports_what_does_not_resolve() -> None:
    body = {"body": {"detail": {"payload": {"ChangeEventHeader": {"recordIds": ["001A", "001B"]}}}}}
    assert json_path_get(body, sync_names.MESSAGE_GROUP_ID_PATH) == "001A"
    empty = {"body": {"detail": {"payload": {"ChangeEventHeader": {"recordIds": []}}}}}
    assert json_path_get(empty, sync_names.MESSAGE_GROUP_ID_PATH) is None  # GAP_OVERFLOW's shape
    with pytest.raises(ValueError, match="unsupported path"):
        json_path_get(body, "$.body..detail")
    with pytest.raises(ValueError, match="unsupported path"):
        json_path_get(body, "$.body.detail[*]")
