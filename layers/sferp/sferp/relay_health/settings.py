"""Runtime settings of the relay health function, read once at cold start (the rules of
``sferp.settings``: a missing or invalid variable fails the cold start with its name)."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from pydantic import Field, field_validator

from sferp import names
from sferp.relay_health import names as relay_names
from sferp.settings import SalesforceConnectionSettings


class RelayHealthSettings(SalesforceConnectionSettings):
    _label: ClassVar[str] = "relay-health"

    environment: str = Field(min_length=1, alias=names.ENV_ENVIRONMENT)
    # relay name (a key of relay_names.EVIDENCE) -> its partner event source
    relays: dict[str, str] = Field(alias=relay_names.ENV_RELAYS)
    silent_window_min: int = Field(
        default=relay_names.SILENT_WINDOW_MIN, ge=5, le=24 * 60, alias=relay_names.ENV_SILENT_WINDOW_MIN
    )

    @field_validator("relays", mode="before")
    @classmethod
    def _json(cls, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    @field_validator("relays")
    @classmethod
    def _known(cls, value: dict[str, str]) -> dict[str, str]:
        if not value:
            raise ValueError("no relay to check")
        unknown = sorted(set(value) - set(relay_names.EVIDENCE))
        if unknown:
            raise ValueError(f"unknown relays {unknown}: one of {sorted(relay_names.EVIDENCE)}")
        bad = sorted(
            s for s in value.values() if not s.startswith(names.SALESFORCE_PARTNER_SOURCE_PREFIX + "/")
        )
        if bad:
            raise ValueError(f"not Event Relay partner event sources: {bad}")
        return value
