"""The record lease on DynamoDB: one item per record (``<partition key> = lock#<prefix><key>``),
taken by a conditional put that succeeds only when no unexpired lease exists."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from botocore.exceptions import BotoCoreError, ClientError

from sferp.errors import StateStoreUnavailableError
from sferp.ports.state import RecordLock

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient


class DynamoRecordLock(RecordLock):
    def __init__(
        self,
        table_name: str,
        client: DynamoDBClient,
        *,
        key_prefix: str,
        partition_key: str,
        ttl_attribute: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._table = table_name
        self._client = client
        self._prefix = f"lock#{key_prefix}"
        self._pk = partition_key
        self._ttl = ttl_attribute
        self._clock = clock

    def acquire(self, key: str, *, lease_s: int) -> str | None:
        token = uuid.uuid4().hex
        now = self._clock()
        try:
            self._client.put_item(
                TableName=self._table,
                Item={
                    self._pk: {"S": self._prefix + key},
                    "token": {"S": token},
                    "lease_until": {"N": f"{now + lease_s:.3f}"},
                    # Expired leases are cleaned up by TTL (an hour later: TTL deletes lazily).
                    self._ttl: {"N": str(int(now + lease_s + 3600))},
                },
                ConditionExpression="attribute_not_exists(#pk) OR lease_until < :now",
                ExpressionAttributeNames={"#pk": self._pk},
                ExpressionAttributeValues={":now": {"N": f"{now:.3f}"}},
            )
        except self._client.exceptions.ConditionalCheckFailedException:
            return None
        except (ClientError, BotoCoreError) as exc:
            raise StateStoreUnavailableError(f"record lock: {type(exc).__name__}") from exc
        return token

    def release(self, key: str, token: str) -> None:
        try:
            self._client.delete_item(
                TableName=self._table,
                Key={self._pk: {"S": self._prefix + key}},
                ConditionExpression="#token = :token",
                ExpressionAttributeNames={"#token": "token"},
                ExpressionAttributeValues={":token": {"S": token}},
            )
        except self._client.exceptions.ConditionalCheckFailedException:
            pass  # the lease had expired and another holder took it: not ours to delete
        except (ClientError, BotoCoreError):
            pass  # the lease expires by itself
