"""Runtime settings of the inventory lookup function, read once at cold start.

Same rules as ``sferp.settings``: a missing or invalid variable fails the cold start with its
name. The ERP connection settings (and their validation) are the shared ``ErpConnectionSettings``,
so the one ERP factory (``sferp.order_handoff.app.build_erp``) builds the adapter for this flow too.
"""

from __future__ import annotations

from typing import ClassVar, Self

from pydantic import Field, model_validator

from sferp import names
from sferp.inventory_lookup import names as inventory_names
from sferp.settings import ErpConnectionSettings, FlowMode


class InventorySettings(ErpConnectionSettings):
    _label: ClassVar[str] = "inventory"

    environment: str = Field(min_length=1, alias=names.ENV_ENVIRONMENT)
    mode: FlowMode = Field(alias=inventory_names.ENV_INVENTORY_MODE)
    table_name: str = Field(min_length=1, alias=inventory_names.ENV_INVENTORY_TABLE)
    budget_ms: int = Field(
        default=inventory_names.INVENTORY_BUDGET_MS_DEFAULT,
        ge=200,
        le=5_000,
        alias=inventory_names.ENV_INVENTORY_BUDGET_MS,
    )
    fresh_ttl_s: int = Field(
        default=inventory_names.INVENTORY_CACHE_FRESH_TTL_S_DEFAULT,
        ge=0,
        alias=inventory_names.ENV_INVENTORY_FRESH_TTL_S,
    )
    max_stale_age_s: int = Field(
        default=inventory_names.INVENTORY_MAX_STALE_AGE_S_DEFAULT,
        ge=1,
        alias=inventory_names.ENV_INVENTORY_MAX_STALE_AGE_S,
    )
    breaker_failures: int = Field(
        default=inventory_names.INVENTORY_BREAKER_FAILURE_THRESHOLD,
        ge=1,
        alias=inventory_names.ENV_INVENTORY_BREAKER_FAILURES,
    )
    breaker_recovery_s: int = Field(
        default=inventory_names.INVENTORY_BREAKER_RECOVERY_TIMEOUT_S,
        ge=1,
        alias=inventory_names.ENV_INVENTORY_BREAKER_RECOVERY_S,
    )
    # SKUs of the product master one scheduled warm-up reads and refreshes per plant.
    warm_max_skus: int = Field(
        default=inventory_names.INVENTORY_WARM_MAX_SKUS_DEFAULT,
        ge=1,
        le=inventory_names.INVENTORY_WARM_MAX_SKUS_LIMIT,
        alias=inventory_names.ENV_INVENTORY_WARM_MAX_SKUS,
    )

    @model_validator(mode="after")
    def _ages(self) -> Self:
        if self.max_stale_age_s < self.fresh_ttl_s:
            raise ValueError(
                f"{inventory_names.ENV_INVENTORY_MAX_STALE_AGE_S} must be >= {inventory_names.ENV_INVENTORY_FRESH_TTL_S}"
            )
        return self
