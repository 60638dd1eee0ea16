"""The inventory lookup on this machine: moto DynamoDB, the embedded ERP, the real handler.

Used by ``sferp local inventory_lookup query|warm|serve``, the demo, the benchmark and the
integration tests. Requests go through ``functions/inventory_lookup/handler.py`` as API Gateway
REST proxy events, exactly as in the cloud; only the adapters behind the ports differ.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from urllib.parse import quote

from sferp import names
from sferp.inventory_lookup import names as inventory_names
from sferp.settings import FlowMode
from sferp_tools.local.environment import LOCAL_REGION, MOTO_ENV, environment
from sferp_tools.local.harness import create_table, load_handler, logs_to, rest_event
from sferp_tools.local.lambda_context import LocalLambdaContext

LOCAL_ENV = "local"
LOCAL_TABLE = inventory_names.TABLE_SPEC.name(LOCAL_ENV)

# A small demo catalogue at two plants (SAP-style plants and material numbers).
DEMO_STOCK: Mapping[str, Mapping[str, int]] = {
    "1000": {"MAT-100": 120, "MAT-200": 8, "MAT-300": 0, "MAT-400": 45, "MAT-500": 1_000},
    "2000": {"MAT-100": 30, "MAT-200": 0, "MAT-600": 12},
}


@dataclass
class ApiAnswer:
    status: int
    body: Any
    headers: dict[str, str]


class LocalInventory:
    """``with LocalInventory() as inv: inv.post("1000", [("MAT-100", 5)])``."""

    def __init__(
        self,
        *,
        erp: Any | None = None,
        mode: FlowMode = FlowMode.LIVE,
        budget_ms: int = inventory_names.INVENTORY_BUDGET_MS_DEFAULT,
        fresh_ttl_s: int = inventory_names.INVENTORY_CACHE_FRESH_TTL_S_DEFAULT,
        max_stale_age_s: int = inventory_names.INVENTORY_MAX_STALE_AGE_S_DEFAULT,
        breaker_failures: int = inventory_names.INVENTORY_BREAKER_FAILURE_THRESHOLD,
        breaker_recovery_s: int = inventory_names.INVENTORY_BREAKER_RECOVERY_TIMEOUT_S,
        breaker_state_cache_s: int = inventory_names.INVENTORY_BREAKER_STATE_CACHE_S,
        warm_max_skus: int = inventory_names.INVENTORY_WARM_MAX_SKUS_DEFAULT,
        seed_demo_stock: bool = True,
        environment: str = "local",
        log_stream: Any | None = None,
    ) -> None:
        from sferp.adapters.erp.embedded import EmbeddedErp

        self.erp = erp if erp is not None else EmbeddedErp()
        if seed_demo_stock:
            for plant, stock in DEMO_STOCK.items():
                self.erp.seed_stock(plant, stock)
            # The product master the warm-up reads: every demo material (a material without a
            # stock row at a plant is known there with nothing available).
            self.erp.seed_products(
                {"sku": sku, "name": sku}
                for sku in sorted({s for stock in DEMO_STOCK.values() for s in stock})
            )
        self._settings_env = {
            names.ENV_ENVIRONMENT: environment,
            inventory_names.ENV_INVENTORY_MODE: mode.value,
            inventory_names.ENV_INVENTORY_TABLE: LOCAL_TABLE,
            inventory_names.ENV_INVENTORY_BUDGET_MS: str(budget_ms),
            inventory_names.ENV_INVENTORY_FRESH_TTL_S: str(fresh_ttl_s),
            inventory_names.ENV_INVENTORY_MAX_STALE_AGE_S: str(max_stale_age_s),
            inventory_names.ENV_INVENTORY_BREAKER_FAILURES: str(breaker_failures),
            inventory_names.ENV_INVENTORY_BREAKER_RECOVERY_S: str(breaker_recovery_s),
            inventory_names.ENV_INVENTORY_WARM_MAX_SKUS: str(warm_max_skus),
            names.ENV_ERP_ADAPTER: "embedded",
        }
        self._breaker_state_cache_s = breaker_state_cache_s
        self._log_stream = log_stream  # handler logs and EMF metrics go here instead of stdout
        self._stack = contextlib.ExitStack()
        # The embedded ERP is thread-safe; the handler module and moto are shared by the server's
        # threads, and Powertools' resolver keeps per-request state, so requests are serialized.
        self._lock = threading.Lock()
        self.handler: ModuleType | None = None
        self.dynamodb: Any = None

    def __enter__(self) -> LocalInventory:
        import boto3
        from moto import mock_aws

        from sferp.inventory_lookup import app
        from sferp.inventory_lookup.settings import InventorySettings

        self._stack.enter_context(logs_to(self._log_stream))
        self._stack.enter_context(environment(MOTO_ENV))
        self._stack.enter_context(mock_aws())
        self.dynamodb = boto3.session.Session(region_name=LOCAL_REGION).client("dynamodb")
        create_table(self.dynamodb, inventory_names.TABLE_SPEC, LOCAL_ENV)
        settings = InventorySettings.from_env(self._settings_env)
        self.dependencies = app.build_dependencies(
            settings,
            dynamodb_client=self.dynamodb,
            erp=self.erp,
            breaker_state_cache_s=self._breaker_state_cache_s,
        )
        app.set_dependencies(self.dependencies)
        self._stack.callback(app.set_dependencies, None)
        self.handler = load_handler("inventory_lookup")
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def invoke(self, event: dict[str, Any]) -> ApiAnswer:
        result = self._call(event)
        body_text = result.get("body") or ""
        try:
            body = json.loads(body_text) if body_text else None
        except json.JSONDecodeError:
            body = body_text
        headers = dict(result.get("headers") or {})
        return ApiAnswer(status=int(result["statusCode"]), body=body, headers=headers)

    def warm_up(self, plant: str) -> dict[str, Any]:
        """One scheduled warm-up of ``plant``, as EventBridge Scheduler invokes the function."""
        from sferp.inventory_lookup.warmup import warmup_event

        return self._call(warmup_event(plant))

    def _call(self, event: dict[str, Any]) -> dict[str, Any]:
        assert self.handler is not None, "use LocalInventory as a context manager"
        context = _InventoryContext(function_name=names.resource_name(LOCAL_ENV, inventory_names.FUNCTION))
        with self._lock:
            # EMF metrics are printed; keep them with the logs when a log stream was given.
            redirect = (
                contextlib.redirect_stdout(self._log_stream)
                if self._log_stream is not None
                else contextlib.nullcontext()
            )
            with redirect:
                result: dict[str, Any] = self.handler.lambda_handler(event, context)
        return result

    def post(self, plant: str, items: Sequence[tuple[str, float]]) -> ApiAnswer:
        body = {"plant": plant, "items": [{"sku": sku, "quantity": qty} for sku, qty in items]}
        return self.invoke(rest_event("POST", inventory_names.INVENTORY_PATH, body=body))

    def get(self, sku: str, plant: str, quantity: float | None = None) -> ApiAnswer:
        query = {"plant": plant} | ({"quantity": f"{quantity:g}"} if quantity is not None else {})
        path = f"{inventory_names.INVENTORY_PATH}/{quote(sku, safe='')}"
        return self.invoke(
            rest_event(
                "GET",
                path,
                query=query,
                resource=f"{inventory_names.INVENTORY_PATH}/{{sku}}",
                path_parameters={"sku": sku},
            )
        )


class _InventoryContext(LocalLambdaContext):
    """A context whose remaining time is the function timeout (the budget caps itself by it)."""

    def get_remaining_time_in_millis(self) -> int:
        return inventory_names.INVENTORY_FUNCTION_TIMEOUT_S * 1000
