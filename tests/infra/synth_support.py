"""Shared helpers of the infra tests (imported by conftest and the test modules)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
# jsii prints a Node-version banner at every start; synth works on Node 20.
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

from aws_cdk.assertions import Template  # noqa: E402

from infra.stacks.sferp_stack import SferpStack  # noqa: E402

SYNTH_ENVIRONMENTS = ("dev", "prod")


@dataclass(frozen=True)
class Synth:
    env_name: str
    stack: SferpStack
    template: Template
    resources: dict[str, Any]  # the synthesized template's Resources, as plain JSON
    template_path: Path


def cdk_context(env_name: str) -> dict[str, Any]:
    """The context the CDK CLI would pass for ``-c env=NAME``: cdk.json plus the env choice."""
    context = json.loads((REPO_ROOT / "cdk.json").read_text())["context"]
    return {**context, "env": env_name}
