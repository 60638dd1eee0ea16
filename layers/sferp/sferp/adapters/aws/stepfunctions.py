"""Targeted reconciliation runs through Step Functions ``StartExecution``.

The execution's input is the reconciliation's own contract (``sferp.reconciliation.tasks``):
``run_date``, a ``run_id`` of its own (so a targeted run never collides with the nightly run of the
same date, whose id is the date), the ``entities`` to run and the ``since`` per entity. The
execution name is derived from the entity and the start point, so a redelivered trigger finds the
name taken (``ExecutionAlreadyExists``) and starts nothing."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import ClientError

from sferp.errors import RetriableError
from sferp.ports.reconciliation import ReconciliationTrigger


class ReconciliationStartError(RetriableError):
    """StartExecution failed (throttled, denied, the state machine missing): retried."""


def targeted_run_id(entity: str, since: datetime, reason: str) -> str:
    """``<date>-<reason>-<entity>-<hash>``: one id per (entity, start point, reason)."""
    digest = hashlib.sha256(f"{entity}|{since.isoformat()}|{reason}".encode()).hexdigest()[:12]
    return f"{since.astimezone(UTC).date().isoformat()}-{reason}-{entity}-{digest}"


def targeted_run_input(entity: str, since: datetime, reason: str) -> dict[str, Any]:
    """The execution input of a targeted run: one entity, from ``since``, no watermark move."""
    return {
        "run_date": datetime.now(UTC).date().isoformat(),
        "run_id": targeted_run_id(entity, since, reason),
        "entities": [entity],
        "since": {entity: since.astimezone(UTC).isoformat()},
        "reason": reason,
    }


class StepFunctionsReconciliationTrigger(ReconciliationTrigger):
    def __init__(self, client: Any, state_machine_arn: str) -> None:
        self._sfn = client
        self._arn = state_machine_arn

    def start_targeted(self, entity: str, *, since: datetime, reason: str) -> dict[str, Any]:
        document = targeted_run_input(entity, since, reason)
        run_id = document["run_id"]
        try:
            answer = self._sfn.start_execution(
                stateMachineArn=self._arn, name=run_id[:80], input=json.dumps(document)
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ExecutionAlreadyExists":
                return {"run_id": run_id, "started": False}
            raise ReconciliationStartError(f"targeted reconciliation not started: {exc}") from exc
        return {"run_id": run_id, "started": True, "execution_arn": answer["executionArn"]}
