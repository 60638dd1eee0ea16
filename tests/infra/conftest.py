"""Synthesize the dev and prod stacks once per session (in-process, cdk-nag on) for the infra tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aws_cdk.assertions import Template
from synth_support import REPO_ROOT, SYNTH_ENVIRONMENTS, Synth, cdk_context

from infra.app import build_app


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.infra)


@pytest.fixture(scope="session")
def cdk_json_context() -> dict[str, Any]:
    return json.loads((REPO_ROOT / "cdk.json").read_text())["context"]


@pytest.fixture(scope="session")
def synths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Synth]:
    out: dict[str, Synth] = {}
    for env_name in SYNTH_ENVIRONMENTS:
        outdir = tmp_path_factory.mktemp(f"cdk-{env_name}")
        app, stack = build_app(context=cdk_context(env_name), outdir=str(outdir))
        # app.synth() runs the cdk-nag plugins: it raises if any finding is unacknowledged.
        assembly = app.synth()
        template_path = Path(assembly.get_stack_artifact(stack.artifact_id).template_full_path)
        resources = json.loads(template_path.read_text())["Resources"]
        out[env_name] = Synth(env_name, stack, Template.from_stack(stack), resources, template_path)
    return out


@pytest.fixture(scope="session")
def dev(synths: dict[str, Synth]) -> Synth:
    return synths["dev"]


@pytest.fixture(scope="session")
def prod(synths: dict[str, Synth]) -> Synth:
    return synths["prod"]


@pytest.fixture(params=SYNTH_ENVIRONMENTS, scope="session")
def synth(request: pytest.FixtureRequest, synths: dict[str, Synth]) -> Synth:
    return synths[request.param]
