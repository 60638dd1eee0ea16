"""Runtime settings of the Lambda functions, read once from the environment at cold start.

A missing or invalid variable fails the cold start with the variable's name, instead of a
default that hides the misconfiguration until an order goes missing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sferp import wiring
from sferp.errors import ConfigurationError


class FlowMode(StrEnum):
    """The seed's phased rollout: ``shadow`` reads both sides and writes nothing."""

    OFF = "off"
    SHADOW = "shadow"
    LIVE = "live"


class OrderHandoffSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    environment: str = Field(min_length=1, alias=wiring.ENV_ENVIRONMENT)
    flow_mode: FlowMode = Field(alias=wiring.ENV_FLOW_MODE)
    order_state_table: str = Field(min_length=1, alias=wiring.ENV_ORDER_STATE_TABLE)
    dlq_url: str = Field(min_length=1, alias=wiring.ENV_DLQ_URL)
    salesforce_adapter: Literal["simple_salesforce", "embedded"] = Field(alias=wiring.ENV_SALESFORCE_ADAPTER)
    salesforce_secret_arn: str | None = Field(default=None, alias=wiring.ENV_SALESFORCE_SECRET_ARN)
    erp_adapter: Literal["embedded", "odata"] = Field(alias=wiring.ENV_ERP_ADAPTER)
    erp_secret_arn: str | None = Field(default=None, alias=wiring.ENV_ERP_SECRET_ARN)
    erp_timeout_s: float = Field(default=10.0, gt=0, le=25, alias=wiring.ENV_ERP_TIMEOUT_S)

    @model_validator(mode="after")
    def _secrets_for_real_adapters(self) -> OrderHandoffSettings:
        if self.salesforce_adapter == "simple_salesforce" and not self.salesforce_secret_arn:
            raise ValueError(
                f"{wiring.ENV_SALESFORCE_SECRET_ARN} is required for the simple_salesforce adapter"
            )
        if self.erp_adapter == "odata" and not self.erp_secret_arn:
            raise ValueError(f"{wiring.ENV_ERP_SECRET_ARN} is required for the odata ERP adapter")
        return self

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> OrderHandoffSettings:
        env = os.environ if environ is None else environ
        try:
            return cls.model_validate(dict(env))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}" for err in exc.errors()
            )
            raise ConfigurationError(f"invalid order-handoff settings: {problems}") from exc
