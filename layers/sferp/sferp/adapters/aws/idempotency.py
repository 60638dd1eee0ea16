"""Powertools Idempotency on a DynamoDB table, keyed on the business key only.

``key`` is hashed by Powertools (``event_key_jmespath`` selects it), so the transport envelope
(EventBridge id, SQS message id), which differs on every delivery path, never takes part.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sferp.errors import StateStoreUnavailableError
from sferp.ports.state import IdempotencyGuard

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient


class PowertoolsIdempotencyGuard(IdempotencyGuard):
    def __init__(
        self,
        table_name: str,
        client: DynamoDBClient,
        *,
        key_prefix: str,
        partition_key: str,
        ttl_attribute: str,
        expires_after_s: int,
        lambda_context: Any | None = None,
    ) -> None:
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
            expires_after_seconds=expires_after_s,
            response_hook=_on_replay,  # type: ignore[arg-type]  # a plain function fits the Protocol at runtime
        )
        if lambda_context is not None:
            self.config.register_lambda_context(lambda_context)
        persistence = DynamoDBPersistenceLayer(
            table_name=table_name,
            key_attr=partition_key,
            expiry_attr=ttl_attribute,
            boto3_client=client,
        )

        @idempotent_function(
            data_keyword_argument="request",
            persistence_store=persistence,
            config=self.config,
            key_prefix=key_prefix,
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
