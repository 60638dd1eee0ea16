"""Runtime settings of the ERP status flow's function, read once at cold start (the rules of
``sferp.settings``: a missing or invalid variable fails the cold start with its name)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from sferp import names
from sferp.erp_status import names as status_names
from sferp.settings import ErpConnectionSettings, FlowMode, SalesforceConnectionSettings
from sferp.write_queue import names as queue_names


class ErpStatusSettings(ErpConnectionSettings, SalesforceConnectionSettings):
    _label: ClassVar[str] = "erp-status"

    environment: str = Field(min_length=1, alias=names.ENV_ENVIRONMENT)
    flow_mode: FlowMode = Field(alias=names.ENV_FLOW_MODE)
    state_table: str = Field(min_length=1, alias=status_names.ENV_STATE_TABLE)
    queue_url: str = Field(min_length=1, alias=status_names.ENV_QUEUE_URL)
    dlq_url: str = Field(min_length=1, alias=status_names.ENV_DLQ_URL)
    # List prices to the standard price book (off for an ERP whose adapter reads no prices: SAP).
    price_sync: bool = Field(default=False, alias=status_names.ENV_PRICE_SYNC)
    # Where the Orders' changes go: the write queue (the writer function batches them across
    # invocations) when set, else the writer in this function (one Lambda batch at a time).
    write_queue_url: str | None = Field(default=None, min_length=1, alias=queue_names.ENV_QUEUE_URL)
    poll_lookback_min: int = Field(
        default=status_names.POLL_LOOKBACK_MIN, ge=0, le=24 * 60, alias=status_names.ENV_POLL_LOOKBACK_MIN
    )
