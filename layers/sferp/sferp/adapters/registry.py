"""The one adapter registry and factory: an adapter name from the settings -> a built adapter.

Every flow builds its ERP and Salesforce adapters here (before, the order handoff owned the
factories and the other flows imported them from it). Adapters are named by module path and
imported only when chosen, so an environment's cold start loads only its own adapters
(requests and the OData client stay out of embedded runs, simple-salesforce out of the
inventory lookup). Adapters of ``sferp_tools`` (the embedded Salesforce org) are not in the
Lambda layer: choosing one there fails the cold start with a clear message.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any, Final

from sferp.errors import ConfigurationError
from sferp.ports.erp import ErpGateway
from sferp.ports.salesforce import SalesforceGateway
from sferp.settings import ErpConnectionSettings, SalesforceConnectionSettings

# name -> "module:factory"; a factory takes (settings, environ) and returns the adapter.
ERP_ADAPTERS: Final[Mapping[str, str]] = {
    "embedded": "sferp.adapters.erp.embedded:from_settings",
    "odata": "sferp.adapters.erp.odata:from_settings",
}
SALESFORCE_ADAPTERS: Final[Mapping[str, str]] = {
    "simple_salesforce": "sferp.adapters.salesforce.simple:from_settings",
    # Local runs and tests only (sferp_tools is not shipped in the Lambda layer).
    "embedded": "sferp_tools.embedded_org:from_settings",
}


def _factory(registry: Mapping[str, str], kind: str, name: str) -> Callable[..., Any]:
    target = registry.get(name)
    if target is None:
        raise ConfigurationError(f"unknown {kind} adapter {name!r} (known: {', '.join(sorted(registry))})")
    module_name, _, attribute = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise ConfigurationError(
            f"the {kind} adapter {name!r} is not installed here ({module_name}); "
            "adapters of sferp_tools run locally only, never in Lambda"
        ) from exc
    factory: Callable[..., Any] = getattr(module, attribute)
    return factory


def build_erp(settings: ErpConnectionSettings, environ: Mapping[str, str] | None = None) -> ErpGateway:
    """The ERP adapter the settings name; its own settings are read from ``environ`` (default:
    the process environment) and validated here, at cold start."""
    adapter: ErpGateway = _factory(ERP_ADAPTERS, "ERP", settings.erp_adapter)(settings, environ)
    return adapter


def build_salesforce(
    settings: SalesforceConnectionSettings, environ: Mapping[str, str] | None = None
) -> SalesforceGateway:
    adapter: SalesforceGateway = _factory(SALESFORCE_ADAPTERS, "Salesforce", settings.salesforce_adapter)(
        settings, environ
    )
    return adapter
