"""Settings of the reconciliation functions, read once at cold start (fail there when wrong)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from sferp import names
from sferp.reconciliation import names as reconcile_names
from sferp.settings import EnvSettings, ErpConnectionSettings, FlowMode, SalesforceConnectionSettings


class ReconcileSettings(ErpConnectionSettings, SalesforceConnectionSettings):
    """The task function's settings. The ERP connection (adapter, secret, timeout and the OData
    host/version/path/client) comes from ``ErpConnectionSettings``: ``build_erp`` reads those
    fields, and the stack sets the same variables on every function that calls the ERP."""

    _label: ClassVar[str] = "reconciliation"

    environment: str = Field(min_length=1, alias=names.ENV_ENVIRONMENT)
    mode: FlowMode = Field(alias=reconcile_names.ENV_RECONCILE_MODE)
    bucket: str = Field(min_length=3, alias=reconcile_names.ENV_RECONCILE_BUCKET)
    kms_key_id: str | None = Field(default=None, alias=reconcile_names.ENV_RECONCILE_KMS_KEY_ID)
    run_table: str = Field(min_length=1, alias=reconcile_names.ENV_RECONCILE_RUN_TABLE)
    review_table: str = Field(min_length=1, alias=reconcile_names.ENV_RECONCILE_REVIEW_TABLE)
    lookback_minutes: int = Field(ge=0, le=24 * 60, alias=reconcile_names.ENV_RECONCILE_LOOKBACK_MINUTES)
    partitions: int = Field(ge=1, le=1024, alias=reconcile_names.ENV_RECONCILE_PARTITIONS)
    # The customer flow's coupling: the accounts' key map (unset: ERP_Customer_Number__c alone).
    coupling_table: str | None = Field(default=None, min_length=1, alias=names.ENV_COUPLING_TABLE)


class StarterSettings(EnvSettings):
    """The scheduler's target: it only needs to know which state machine and which time zone."""

    _label: ClassVar[str] = "reconciliation starter"

    state_machine_arn: str = Field(min_length=1, alias=reconcile_names.ENV_RECONCILE_STATE_MACHINE_ARN)
    time_zone: str = Field(min_length=1, alias=reconcile_names.ENV_RECONCILE_TIME_ZONE)
