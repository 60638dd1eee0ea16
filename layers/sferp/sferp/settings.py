"""Runtime settings of the Lambda functions, read once from the environment at cold start.

A missing or invalid variable fails the cold start with the variable's name, instead of a
default that hides the misconfiguration until an order goes missing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum
from typing import ClassVar, Final, Literal, Self
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from sferp import wiring
from sferp.errors import ConfigurationError

_LOCAL_HOSTS: Final = frozenset({"localhost", "127.0.0.1", "::1"})


class FlowMode(StrEnum):
    """The seed's phased rollout: ``shadow`` reads both sides and writes nothing."""

    OFF = "off"
    SHADOW = "shadow"
    LIVE = "live"


class EnvSettings(BaseModel):
    """Settings read from environment variables (field aliases), validated once at cold start."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    _label: ClassVar[str] = "function"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Self:
        env = os.environ if environ is None else environ
        try:
            return cls.model_validate(dict(env))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}" for err in exc.errors()
            )
            raise ConfigurationError(f"invalid {cls._label} settings: {problems}") from exc


class SalesforceConnectionSettings(EnvSettings):
    """How a function reaches Salesforce: the adapter and, for the real one, its secret's ARN."""

    salesforce_adapter: Literal["simple_salesforce", "embedded"] = Field(alias=wiring.ENV_SALESFORCE_ADAPTER)
    salesforce_secret_arn: str | None = Field(default=None, alias=wiring.ENV_SALESFORCE_SECRET_ARN)

    @model_validator(mode="after")
    def _salesforce_secret(self) -> Self:
        if self.salesforce_adapter == "simple_salesforce" and not self.salesforce_secret_arn:
            raise ValueError(
                f"{wiring.ENV_SALESFORCE_SECRET_ARN} is required for the simple_salesforce adapter"
            )
        return self


class ErpConnectionSettings(EnvSettings):
    """How a function reaches the ERP. Every flow that calls the ERP reads the same variables, so
    one factory (``sferp.order_handoff.app.build_erp``) builds the adapter for all of them."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    _label: ClassVar[str] = "ERP"

    erp_adapter: Literal["embedded", "odata"] = Field(alias=wiring.ENV_ERP_ADAPTER)
    erp_secret_arn: str | None = Field(default=None, alias=wiring.ENV_ERP_SECRET_ARN)
    # One ERP call must leave room in the 30 s invocation (wiring.ORDER_HANDOFF_FUNCTION_TIMEOUT_S)
    # for the Salesforce write-back; infra/config.py checks the same bound at synth.
    erp_timeout_s: float = Field(
        default=10.0, gt=0, le=wiring.ERP_TIMEOUT_MAX_S, alias=wiring.ENV_ERP_TIMEOUT_S
    )
    # --- the OData adapter (required when erp_adapter == "odata") ---
    erp_base_url: str | None = Field(default=None, alias=wiring.ENV_ERP_BASE_URL)
    erp_odata_version: Literal["v2", "v4"] | None = Field(default=None, alias=wiring.ENV_ERP_ODATA_VERSION)
    # Absent: SAP's standard path per API (/sap/opu/odata/sap/API_SALES_ORDER_SRV, ...).
    erp_service_path: str | None = Field(default=None, pattern=r"^/\S*$", alias=wiring.ENV_ERP_SERVICE_PATH)
    erp_sap_client: str | None = Field(default=None, pattern=r"^[0-9]{3}$", alias=wiring.ENV_ERP_SAP_CLIENT)

    @field_validator("erp_base_url")
    @classmethod
    def _origin_only(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError("must be an https:// URL of the ERP host")
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            raise ValueError(
                f"must be scheme and host only, e.g. https://my-s4.example.com; "
                f"put a service path in {wiring.ENV_ERP_SERVICE_PATH}"
            )
        if parts.scheme == "http" and parts.hostname not in _LOCAL_HOSTS:
            raise ValueError("must use https:// (http:// only for a local test server)")
        return value.strip().rstrip("/")

    @model_validator(mode="after")
    def _odata_connection(self) -> Self:
        if self.erp_adapter == "odata":
            missing = [
                name
                for name, value in (
                    (wiring.ENV_ERP_SECRET_ARN, self.erp_secret_arn),
                    (wiring.ENV_ERP_BASE_URL, self.erp_base_url),
                    (wiring.ENV_ERP_ODATA_VERSION, self.erp_odata_version),
                )
                if not value
            ]
            if missing:
                raise ValueError(f"{', '.join(missing)} required for the odata ERP adapter")
        return self


class OrderHandoffSettings(ErpConnectionSettings, SalesforceConnectionSettings):
    _label: ClassVar[str] = "order-handoff"

    environment: str = Field(min_length=1, alias=wiring.ENV_ENVIRONMENT)
    flow_mode: FlowMode = Field(alias=wiring.ENV_FLOW_MODE)
    order_state_table: str = Field(min_length=1, alias=wiring.ENV_ORDER_STATE_TABLE)
    dlq_url: str = Field(min_length=1, alias=wiring.ENV_DLQ_URL)
