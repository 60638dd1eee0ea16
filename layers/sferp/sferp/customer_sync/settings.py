"""Runtime settings of the customer flow's function, read once at cold start (the rules of
``sferp.settings``: a missing or invalid variable fails the cold start with its name)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, field_validator

from sferp import names
from sferp.customer_sync import names as sync_names
from sferp.models.salesforce_id import to_18
from sferp.settings import ErpConnectionSettings, FlowMode, SalesforceConnectionSettings


class CustomerSyncSettings(ErpConnectionSettings, SalesforceConnectionSettings):
    _label: ClassVar[str] = "customer-sync"

    environment: str = Field(min_length=1, alias=names.ENV_ENVIRONMENT)
    flow_mode: FlowMode = Field(alias=names.ENV_FLOW_MODE)
    state_table: str = Field(min_length=1, alias=sync_names.ENV_STATE_TABLE)
    dlq_url: str = Field(min_length=1, alias=sync_names.ENV_DLQ_URL)
    # The user the integration writes Salesforce as: its changes are echoes, never sent back.
    integration_user_id: str = Field(
        pattern=r"^005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$", alias=sync_names.ENV_INTEGRATION_USER_ID
    )
    on_account_delete: Literal["block", "flag"] = Field(
        default="block", alias=sync_names.ENV_ON_ACCOUNT_DELETE
    )
    # Where a GAP_OVERFLOW starts a targeted run; None: logged, the nightly run settles it.
    reconciliation_state_machine_arn: str | None = Field(
        default=None, alias=sync_names.ENV_RECONCILIATION_STATE_MACHINE_ARN
    )

    # The shared Salesforce write queue (flows.customer_sync.write_queue); None: write in-process.
    write_queue_url: str | None = Field(
        default=None, min_length=1, alias=names.ENV_SALESFORCE_WRITE_QUEUE_URL
    )

    erp_poll_lookback_min: int = Field(
        default=sync_names.ERP_POLL_LOOKBACK_MIN, ge=0, le=24 * 60, alias=sync_names.ENV_ERP_POLL_LOOKBACK_MIN
    )

    @field_validator("integration_user_id")
    @classmethod
    def _user(cls, value: str) -> str:
        return to_18(value)  # a 15-character Id from Setup compares like the 18-character one
