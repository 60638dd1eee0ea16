"""Settings of the reconciliation functions, read once at cold start (fail there when wrong)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sferp import wiring
from sferp.errors import ConfigurationError
from sferp.settings import ErpConnectionSettings, FlowMode


class ReconcileSettings(ErpConnectionSettings):
    """The task function's settings. The ERP connection (adapter, secret, timeout and the OData
    host/version/path/client) comes from ``ErpConnectionSettings``: ``build_erp`` reads those
    fields, and the stack sets the same variables on every function that calls the ERP."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    environment: str = Field(min_length=1, alias=wiring.ENV_ENVIRONMENT)
    mode: FlowMode = Field(alias=wiring.ENV_RECONCILE_MODE)
    bucket: str = Field(min_length=3, alias=wiring.ENV_RECONCILE_BUCKET)
    kms_key_id: str | None = Field(default=None, alias=wiring.ENV_RECONCILE_KMS_KEY_ID)
    run_table: str = Field(min_length=1, alias=wiring.ENV_RECONCILE_RUN_TABLE)
    review_table: str = Field(min_length=1, alias=wiring.ENV_RECONCILE_REVIEW_TABLE)
    lookback_minutes: int = Field(ge=0, le=24 * 60, alias=wiring.ENV_RECONCILE_LOOKBACK_MINUTES)
    partitions: int = Field(ge=1, le=1024, alias=wiring.ENV_RECONCILE_PARTITIONS)
    salesforce_adapter: Literal["simple_salesforce", "embedded"] = Field(alias=wiring.ENV_SALESFORCE_ADAPTER)
    salesforce_secret_arn: str | None = Field(default=None, alias=wiring.ENV_SALESFORCE_SECRET_ARN)

    @model_validator(mode="after")
    def _secrets_for_real_adapters(self) -> ReconcileSettings:
        if self.salesforce_adapter == "simple_salesforce" and not self.salesforce_secret_arn:
            raise ValueError(
                f"{wiring.ENV_SALESFORCE_SECRET_ARN} is required for the simple_salesforce adapter"
            )
        if self.erp_adapter == "odata" and not self.erp_secret_arn:
            raise ValueError(f"{wiring.ENV_ERP_SECRET_ARN} is required for the odata ERP adapter")
        return self

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ReconcileSettings:
        env = os.environ if environ is None else environ
        try:
            return cls.model_validate(dict(env))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}" for err in exc.errors()
            )
            raise ConfigurationError(f"invalid reconciliation settings: {problems}") from exc


class StarterSettings(BaseModel):
    """The scheduler's target: it only needs to know which state machine and which time zone."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    state_machine_arn: str = Field(min_length=1, alias=wiring.ENV_RECONCILE_STATE_MACHINE_ARN)
    time_zone: str = Field(min_length=1, alias=wiring.ENV_RECONCILE_TIME_ZONE)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> StarterSettings:
        env = os.environ if environ is None else environ
        try:
            return cls.model_validate(dict(env))
        except ValidationError as exc:
            raise ConfigurationError(f"invalid reconciliation starter settings: {exc.errors()}") from exc
