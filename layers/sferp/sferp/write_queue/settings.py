"""Runtime settings of the writer function, read once at cold start (the rules of
``sferp.settings``: a missing or invalid variable fails the cold start with its name)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from sferp import names
from sferp.settings import SalesforceConnectionSettings
from sferp.write_queue import names as queue_names


class WriteQueueSettings(SalesforceConnectionSettings):
    _label: ClassVar[str] = "salesforce-writer"

    environment: str = Field(min_length=1, alias=names.ENV_ENVIRONMENT)
    state_table: str = Field(min_length=1, alias=queue_names.ENV_STATE_TABLE)
    queue_url: str = Field(min_length=1, alias=queue_names.ENV_QUEUE_URL)
    dlq_url: str = Field(min_length=1, alias=queue_names.ENV_DLQ_URL)
