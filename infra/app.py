"""Composition root of the sferp CDK app: ``-c env=NAME`` -> typed config -> one stack.

``npx cdk synth -c env=dev`` runs this module (see cdk.json). Environment differences enter only
here: the settings come from the ``sferp:environments`` context in cdk.json, are validated by
``infra/config.py`` and handed to the stack as typed values; no construct reads context or
environment variables. cdk-nag (AwsSolutions + Serverless) runs at every synth and fails it on
any finding that is not acknowledged with a reason. Synth needs no AWS credentials, no Docker and
no network (the dependency layer is built once from PyPI and cached under ``.build/``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
# Run as a script ("python infra/app.py"), sys.path[0] is infra/, where infra/constructs would
# shadow the `constructs` library: put the repository root there instead.
if sys.path and Path(sys.path[0] or ".").resolve() == REPO_ROOT / "infra":
    sys.path[0] = str(REPO_ROOT)
elif str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
# The shared package is normally installed (editable) in the venv; synth must not depend on it.
if importlib.util.find_spec("sferp") is None:
    sys.path.append(str(REPO_ROOT / "layers" / "sferp"))
# jsii prints a banner on every start when Node is older than its newest release lines; synth
# works on Node 20 (the CDK CLI pinned in package.json supports it).
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

from aws_cdk import App, Environment, Validations  # noqa: E402
from cdk_nag import AwsSolutionsChecks, ServerlessChecks  # noqa: E402

from infra import layer_build  # noqa: E402
from infra.config import CONTEXT_KEY, ENV_CONTEXT_KEY, ConfigError, load_app_config, select_environment  # noqa: E402
from infra.stacks.sferp_stack import SferpStack  # noqa: E402

FUNCTIONS_DIR = REPO_ROOT / "functions"


def stack_name(env_name: str) -> str:
    return f"sferp-{env_name}"


def build_app(
    *,
    context: Mapping[str, Any] | None = None,
    outdir: str | None = None,
    nag: bool = True,
) -> tuple[App, SferpStack]:
    """Build the app for the environment named in context ``env``; return the app and its stack.

    ``context`` is for in-process callers (tests); under the CDK CLI the context arrives from
    cdk.json and ``-c`` by itself.
    """
    app = App(context=dict(context) if context is not None else None, outdir=outdir)
    config = load_app_config(app.node.try_get_context(CONTEXT_KEY))
    env_name = app.node.try_get_context(ENV_CONTEXT_KEY)
    env_config = select_environment(config, env_name)

    layer_dirs = {
        "deps": layer_build.build_dependency_layer(),
        "reconciliation": layer_build.build_reconciliation_layer(),
        "sferp": layer_build.stage_sferp_layer(),
    }
    stack = SferpStack(
        app,
        stack_name(env_name),
        stack_name=stack_name(env_name),
        description=f"sferp {env_name}: Salesforce <-> ERP integration (order handoff)",
        env=Environment(account=env_config.account, region=env_config.region),
        # Deleting the prod stack by accident must not be one command away.
        termination_protection=env_config.removal_policy == "retain",
        env_name=env_name,
        config=env_config,
        code_root=FUNCTIONS_DIR,
        layer_dirs=layer_dirs,
    )
    if nag:
        # Both packs at every synth; any unacknowledged finding fails the synth.
        Validations.of(app).add_plugins(AwsSolutionsChecks(app), ServerlessChecks(app))
    return app, stack


def main() -> int:
    try:
        app, _ = build_app()
    except (ConfigError, layer_build.LayerBuildError) as exc:
        print(f"sferp: {exc}", file=sys.stderr)
        return 1
    app.synth()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
