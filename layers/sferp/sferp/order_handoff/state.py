"""Where the order handoff remembers what it has applied: the version guard and the idempotency
guard. Both are ports with a DynamoDB adapter (production, moto) and an in-memory one (unit tests).

Two guards because they protect different things:
- the *idempotency guard* (Powertools Idempotency, keyed on Order Id + version + action) makes a
  redelivered or duplicated event return the first answer instead of calling the ERP again;
- the *version guard* (one item per order with the highest applied version) drops an event that is
  older than what the ERP already holds, which FIFO order alone cannot prevent (Salesforce may
  publish version 3 before version 2 commits, and DLQ redrives replay old events).
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sferp import wiring
from sferp.errors import StateStoreUnavailableError
from sferp.models.order import OrderAction

T = TypeVar("T")

_ACTION_RANK = {OrderAction.CREATE: 0, OrderAction.UPDATE: 1, OrderAction.CANCEL: 2}


def change_rank(version: int, action: OrderAction) -> tuple[int, int]:
    """Total order of changes to one order. Within one version a CANCEL outranks an UPDATE,
    which outranks a CREATE, so "cancel v3" after "update v3" applies but not the reverse."""
    return (version, _ACTION_RANK[action])


@dataclass(frozen=True)
class OrderState:
    order_id: str
    version: int
    action: OrderAction
    erp_order_id: str | None
    erp_status: str | None
    written_back_version: int  # -1: no write-back confirmed yet
    updated_at: float

    @property
    def rank(self) -> tuple[int, int]:
        return change_rank(self.version, self.action)


class OrderStateStore(ABC):
    @abstractmethod
    def get(self, order_id: str) -> OrderState | None: ...

    @abstractmethod
    def record_applied(
        self, order_id: str, *, version: int, action: OrderAction, erp_order_id: str, erp_status: str
    ) -> bool:
        """Store the applied change unless a higher-ranked one is already stored. True if stored."""

    @abstractmethod
    def record_written_back(self, order_id: str, version: int) -> None:
        """Remember that Salesforce shows the outcome of ``version``."""


class IdempotencyGuard(ABC):
    @abstractmethod
    def run_once(self, key: dict[str, Any], fn: Callable[[], dict[str, Any]]) -> tuple[dict[str, Any], bool]:
        """Run ``fn`` once per ``key``; return (result, replayed) where replayed means a stored
        result was returned without running ``fn``."""


# --- in-memory adapters (unit tests, benchmarks) ------------------------------------------------
class InMemoryOrderStateStore(OrderStateStore):
    def __init__(self) -> None:
        self._items: dict[str, OrderState] = {}
        self._lock = threading.Lock()

    def get(self, order_id: str) -> OrderState | None:
        return self._items.get(order_id)

    def record_applied(
        self, order_id: str, *, version: int, action: OrderAction, erp_order_id: str, erp_status: str
    ) -> bool:
        with self._lock:
            current = self._items.get(order_id)
            if current is not None and current.rank > change_rank(version, action):
                return False
            self._items[order_id] = OrderState(
                order_id=order_id,
                version=version,
                action=action,
                erp_order_id=erp_order_id,
                erp_status=erp_status,
                written_back_version=current.written_back_version if current else -1,
                updated_at=time.time(),
            )
            return True

    def record_written_back(self, order_id: str, version: int) -> None:
        with self._lock:
            current = self._items.get(order_id)
            if current is not None and version > current.written_back_version:
                self._items[order_id] = OrderState(**{**current.__dict__, "written_back_version": version})


class InMemoryIdempotencyGuard(IdempotencyGuard):
    def __init__(self) -> None:
        self._results: dict[str, dict[str, Any]] = {}

    def run_once(self, key: dict[str, Any], fn: Callable[[], dict[str, Any]]) -> tuple[dict[str, Any], bool]:
        marker = repr(sorted(key.items()))
        if marker in self._results:
            return self._results[marker], True
        result = fn()
        self._results[marker] = result
        return result, False


# --- DynamoDB adapters --------------------------------------------------------------------------
_STATE_PREFIX = "order#"


class DynamoOrderStateStore(OrderStateStore):
    """One item per order (``id = order#<OrderId>``) in the order-state table, beside the
    Powertools idempotency records. Conditional writes keep the highest rank."""

    def __init__(self, table_name: str, client: Any) -> None:
        self._table = table_name
        self._client = client

    def get(self, order_id: str) -> OrderState | None:
        item = self._client.get_item(
            TableName=self._table,
            Key={wiring.ORDER_STATE_PARTITION_KEY: {"S": _STATE_PREFIX + order_id}},
            ConsistentRead=True,  # a FIFO group's next message must see the previous write
        ).get("Item")
        if not item:
            return None
        return OrderState(
            order_id=order_id,
            version=int(item["version"]["N"]),
            action=OrderAction(item["action"]["S"]),
            erp_order_id=item.get("erp_order_id", {}).get("S"),
            erp_status=item.get("erp_status", {}).get("S"),
            written_back_version=int(item.get("written_back_version", {"N": "-1"})["N"]),
            updated_at=float(item.get("updated_at", {"N": "0"})["N"]),
        )

    def record_applied(
        self, order_id: str, *, version: int, action: OrderAction, erp_order_id: str, erp_status: str
    ) -> bool:
        rank = _ACTION_RANK[action]
        try:
            self._client.update_item(
                TableName=self._table,
                Key={wiring.ORDER_STATE_PARTITION_KEY: {"S": _STATE_PREFIX + order_id}},
                UpdateExpression=(
                    "SET version = :v, action_rank = :r, #action = :a, erp_order_id = :e, "
                    "erp_status = :s, updated_at = :t "
                    "REMOVE " + wiring.ORDER_STATE_TTL_ATTRIBUTE
                ),
                ConditionExpression=(
                    "attribute_not_exists(version) OR version < :v OR (version = :v AND action_rank <= :r)"
                ),
                ExpressionAttributeNames={"#action": "action"},
                ExpressionAttributeValues={
                    ":v": {"N": str(version)},
                    ":r": {"N": str(rank)},
                    ":a": {"S": action.value},
                    ":e": {"S": erp_order_id},
                    ":s": {"S": erp_status},
                    ":t": {"N": str(time.time())},
                },
            )
        except self._client.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def record_written_back(self, order_id: str, version: int) -> None:
        try:
            self._client.update_item(
                TableName=self._table,
                Key={wiring.ORDER_STATE_PARTITION_KEY: {"S": _STATE_PREFIX + order_id}},
                UpdateExpression="SET written_back_version = :v",
                ConditionExpression=(
                    "attribute_exists(version) AND "
                    "(attribute_not_exists(written_back_version) OR written_back_version < :v)"
                ),
                ExpressionAttributeValues={":v": {"N": str(version)}},
            )
        except self._client.exceptions.ConditionalCheckFailedException:
            pass  # a newer write-back is already recorded


class PowertoolsIdempotencyGuard(IdempotencyGuard):
    """Powertools Idempotency on the order-state table, keyed on the business key only.

    ``key`` is hashed by Powertools (``event_key_jmespath`` selects it), so the transport
    envelope (EventBridge id, SQS message id), which differs on every delivery path, never
    takes part.
    """

    def __init__(self, table_name: str, client: Any, *, lambda_context: Any | None = None) -> None:
        from aws_lambda_powertools.utilities.idempotency import (
            DynamoDBPersistenceLayer,
            IdempotencyConfig,
            idempotent_function,
        )

        self._replayed = threading.local()

        def _on_replay(response: Any, _record: Any) -> Any:
            self._replayed.flag = True
            return response

        self.config = IdempotencyConfig(
            event_key_jmespath="key",
            raise_on_no_idempotency_key=True,
            expires_after_seconds=wiring.IDEMPOTENCY_TTL_S,
            response_hook=_on_replay,  # type: ignore[arg-type]  # a plain function fits the Protocol at runtime
        )
        if lambda_context is not None:
            self.config.register_lambda_context(lambda_context)
        persistence = DynamoDBPersistenceLayer(
            table_name=table_name,
            key_attr=wiring.ORDER_STATE_PARTITION_KEY,
            expiry_attr=wiring.ORDER_STATE_TTL_ATTRIBUTE,
            boto3_client=client,
        )

        @idempotent_function(
            data_keyword_argument="request",
            persistence_store=persistence,
            config=self.config,
            key_prefix="order-handoff",
        )
        def _run(*, request: dict[str, Any], fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
            return fn()

        self._run = _run

    def register_lambda_context(self, lambda_context: Any) -> None:
        """In-progress records expire with the invocation, so a crashed attempt does not block
        its retry for the whole idempotency TTL."""
        self.config.register_lambda_context(lambda_context)

    def run_once(self, key: dict[str, Any], fn: Callable[[], dict[str, Any]]) -> tuple[dict[str, Any], bool]:
        from aws_lambda_powertools.utilities.idempotency.exceptions import BaseError as IdempotencyError
        from botocore.exceptions import BotoCoreError, ClientError

        self._replayed.flag = False
        try:
            result = self._run(request={"key": key}, fn=fn)
        except (IdempotencyError, ClientError, BotoCoreError) as exc:
            # An attempt of the same change still in progress (a crashed or concurrent invocation),
            # or DynamoDB throttling: both heal by themselves. Errors raised by ``fn`` pass unchanged.
            raise StateStoreUnavailableError(f"idempotency store: {type(exc).__name__}") from exc
        return result, bool(getattr(self._replayed, "flag", False))
