"""Starting a reconciliation run from another flow: the customer flow, when Salesforce says its
change stream overflowed (``GAP_OVERFLOW``), asks for a targeted run of the Accounts changed since
then. Adapter: ``sferp.adapters.aws.stepfunctions`` (StartExecution on the nightly state machine)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import Any


class ReconciliationTrigger(ABC):
    @abstractmethod
    def start_targeted(self, entity: str, *, since: datetime, reason: str) -> dict[str, Any]:
        """Start a run of ``entity`` over what changed since ``since`` (on both sides). Starting
        the same run twice (a redelivered overflow event) starts it once."""
