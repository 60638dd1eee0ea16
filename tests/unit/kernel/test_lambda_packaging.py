"""What the Lambda layer ships, and what each handler loads.

The layer is the runtime package ``sferp`` only: the CLI, the local runtime, the ops commands, the
demo, the embedded Salesforce org, fakes and generators are the ``sferp_tools`` package and never
enter it. Each handler's import closure is checked in a fresh interpreter (as a cold start sees
it): no test, local-runtime or ops module, and no client library its adapters do not need.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from infra import layer_build

REPO = Path(__file__).resolve().parents[3]
DEV_ONLY = ("sferp_tools", "moto", "pytest", "responses", "tests", "_pytest")


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return layer_build.stage_sferp_layer(build_root=tmp_path_factory.mktemp("layer")) / "python"


def test_the_staged_layer_is_the_runtime_package_only(staged: Path) -> None:
    # Given the layer as synth stages it
    top = sorted(p.name for p in staged.iterdir())
    modules = sorted(str(p.relative_to(staged)) for p in staged.rglob("*.py"))
    # Then it holds the sferp package and nothing of the workstation tools
    assert top == ["sferp"]
    for dev_only in ("local", "ops", "cli.py", "demo.py", "fakes.py", "embedded_org.py", "synthetic"):
        assert not [m for m in modules if f"/{dev_only}" in f"/{m}"], dev_only
    # And no module imports a dev-only package or finds files through the repository's layout
    for path in staged.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                imported = (
                    [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                )
                for name in imported:
                    assert name.split(".")[0] not in DEV_ONLY, f"{path.relative_to(staged)} imports {name}"
        assert ".parents[" not in path.read_text(encoding="utf-8"), (
            f"{path.relative_to(staged)} walks up the tree"
        )


def _closure(handler: str, env: dict[str, str], *, cold_start: str = "") -> set[str]:
    """The modules loaded by importing ``functions/<handler>/handler.py`` the way Lambda does
    (by file), then running ``cold_start`` (a statement), in a fresh interpreter."""
    script = f"""
import importlib.util, json, os, sys
os.environ.update({env!r})
spec = importlib.util.spec_from_file_location("handler", {str(REPO / "functions" / handler / "handler.py")!r})
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
{cold_start}
print(json.dumps(sorted(sys.modules)))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


_AWS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "eu-central-1",
    "POWERTOOLS_TRACE_DISABLED": "true",
}
_EMBEDDED_ERP = {"SFERP_ERP_ADAPTER": "embedded", "SFERP_ENVIRONMENT": "test"}


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


HANDLERS = sorted(p.name for p in (REPO / "functions").iterdir() if (p / "handler.py").is_file())


def test_every_flow_has_a_handler() -> None:
    assert {"order_handoff", "inventory_lookup", "reconciliation", "customer_sync"} <= set(HANDLERS)


@pytest.mark.parametrize("handler", HANDLERS)
def test_no_handler_imports_dev_only_code(handler: str) -> None:
    # Given / When a handler module is imported as Lambda imports it
    loaded = _top(_closure(handler, _AWS))
    # Then nothing of the tools, the tests or their libraries is loaded
    assert not loaded & set(DEV_ONLY)
    # And no client library is loaded before an adapter that needs it is chosen
    assert not loaded & {"simple_salesforce", "zeep", "requests"}


def test_inventory_cold_start_with_the_embedded_erp_loads_no_http_client() -> None:
    # Given the inventory lookup configured for the embedded ERP
    env = {
        **_AWS,
        **_EMBEDDED_ERP,
        "SFERP_INVENTORY_MODE": "live",
        "SFERP_INVENTORY_TABLE": "sferp-test-inventory",
        "SFERP_INVENTORY_BUDGET_MS": "1500",
        "SFERP_INVENTORY_FRESH_TTL_S": "60",
        "SFERP_INVENTORY_MAX_STALE_AGE_S": "3600",
    }
    # When its dependencies are built as at a cold start
    loaded = _top(
        _closure(
            "inventory_lookup",
            env,
            cold_start="from sferp.inventory_lookup import app; app.get_dependencies()",
        )
    )
    # Then Salesforce's client (which the lookup never calls) and HTTP clients stay out
    assert not loaded & {"simple_salesforce", "zeep", "requests", *DEV_ONLY}


def test_order_handoff_cold_start_with_the_embedded_erp_loads_no_odata_client() -> None:
    # Given the order handoff with the embedded ERP (the Salesforce adapter is built separately)
    env = {
        **_AWS,
        **_EMBEDDED_ERP,
        "SFERP_FLOW_MODE": "live",
        "SFERP_ORDER_STATE_TABLE": "sferp-test-order-state",
        "SFERP_DLQ_URL": "https://sqs.eu-central-1.amazonaws.com/123456789012/q.fifo",
        "SFERP_SALESFORCE_ADAPTER": "simple_salesforce",
        "SFERP_SALESFORCE_SECRET_ARN": "arn:aws:secretsmanager:eu-central-1:123456789012:secret:sf",
    }
    # When the ERP adapter is built from the settings as at a cold start
    cold_start = (
        "from sferp.adapters.registry import build_erp; from sferp.settings import OrderHandoffSettings; "
        "build_erp(OrderHandoffSettings.from_env())"
    )
    loaded = _closure("order_handoff", env, cold_start=cold_start)
    # Then the OData adapter is not loaded, nor anything dev-only
    assert "sferp.adapters.erp.odata" not in loaded
    assert not _top(loaded) & set(DEV_ONLY)


def test_a_dev_only_adapter_fails_the_cold_start_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a Lambda environment without sferp_tools, configured for the embedded org
    from sferp.adapters import registry
    from sferp.errors import ConfigurationError
    from sferp.settings import SalesforceConnectionSettings

    monkeypatch.setitem(sys.modules, "sferp_tools.embedded_org", None)  # import fails as in the layer
    settings = SalesforceConnectionSettings.from_env({"SFERP_SALESFORCE_ADAPTER": "embedded"})
    # When the adapter is built / Then the error says why
    with pytest.raises(ConfigurationError, match="run locally only"):
        registry.build_salesforce(settings)
