"""Runtime settings of the Lambda functions, read once from the environment at cold start.

A missing or invalid variable fails the cold start with the variable's name, instead of a
default that hides the misconfiguration until an order goes missing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum
from typing import ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sferp import names
from sferp.errors import ConfigurationError
from sferp.order_handoff import names as handoff_names


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

    salesforce_adapter: Literal["simple_salesforce", "embedded"] = Field(alias=names.ENV_SALESFORCE_ADAPTER)
    salesforce_secret_arn: str | None = Field(default=None, alias=names.ENV_SALESFORCE_SECRET_ARN)

    @model_validator(mode="after")
    def _salesforce_secret(self) -> Self:
        if self.salesforce_adapter == "simple_salesforce" and not self.salesforce_secret_arn:
            raise ValueError(
                f"{names.ENV_SALESFORCE_SECRET_ARN} is required for the simple_salesforce adapter"
            )
        return self


class ErpConnectionSettings(EnvSettings):
    """Which ERP adapter a function uses, its secret and its call timeout: what every adapter
    shares. Each adapter's own settings (the OData host, version, sap-client ...) are its own
    model (``sferp.adapters.erp.odata_settings``), read when ``sferp.adapters.registry`` builds it."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    _label: ClassVar[str] = "ERP"

    erp_adapter: Literal["embedded", "odata"] = Field(alias=names.ENV_ERP_ADAPTER)
    erp_secret_arn: str | None = Field(default=None, alias=names.ENV_ERP_SECRET_ARN)
    # One ERP call must leave room in the 30 s invocation (handoff_names.ORDER_HANDOFF_FUNCTION_TIMEOUT_S)
    # for the Salesforce write-back; infra/config.py checks the same bound at synth.
    erp_timeout_s: float = Field(
        default=10.0, gt=0, le=names.ERP_TIMEOUT_MAX_S, alias=names.ENV_ERP_TIMEOUT_S
    )

    @model_validator(mode="after")
    def _secret(self) -> Self:
        # The embedded ERP has no credentials; every real one keeps them in its secret.
        if self.erp_adapter != "embedded" and not self.erp_secret_arn:
            raise ValueError(f"{names.ENV_ERP_SECRET_ARN} required for the {self.erp_adapter} ERP adapter")
        return self


class OrderHandoffSettings(ErpConnectionSettings, SalesforceConnectionSettings):
    _label: ClassVar[str] = "order-handoff"

    environment: str = Field(min_length=1, alias=names.ENV_ENVIRONMENT)
    flow_mode: FlowMode = Field(alias=names.ENV_FLOW_MODE)
    order_state_table: str = Field(min_length=1, alias=handoff_names.ENV_ORDER_STATE_TABLE)
    dlq_url: str = Field(min_length=1, alias=handoff_names.ENV_DLQ_URL)
    max_lines: int = Field(
        default=handoff_names.MAX_LINES_DEFAULT,
        ge=1,
        le=handoff_names.MAX_LINES_LIMIT,
        alias=handoff_names.ENV_MAX_LINES,
    )
    uncoupled_account: Literal["create", "wait", "reject"] = Field(
        default="reject", alias=handoff_names.ENV_UNCOUPLED_ACCOUNT
    )
    coupling_table: str | None = Field(default=None, min_length=1, alias=handoff_names.ENV_COUPLING_TABLE)
    # The shared Salesforce write queue (sferp.write_queue) where cdk.json turns it on for this flow
    # (flows.order_handoff.write_queue): the write-backs go there instead of to Salesforce directly.
    write_queue_url: str | None = Field(
        default=None, min_length=1, alias=names.ENV_SALESFORCE_WRITE_QUEUE_URL
    )
