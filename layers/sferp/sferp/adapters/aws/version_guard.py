"""The version guard on DynamoDB: one item per record (``<partition key> = <prefix><key>``),
conditional writes keep the highest rank, so concurrent Lambdas cannot move a record backwards."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sferp.ports.state import Rank, VersionedRecord, VersionGuard

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

# Reserved item attributes; the flow's own attributes are stored beside them as strings.
_VERSION = "version"
_TIE = "action_rank"
_UPDATED = "updated_at"


class DynamoVersionGuard(VersionGuard):
    def __init__(
        self,
        table_name: str,
        client: DynamoDBClient,
        *,
        key_prefix: str,
        partition_key: str,
        ttl_attribute: str,
        marks: tuple[str, ...] = (),
    ) -> None:
        self._table = table_name
        self._client = client
        self._prefix = key_prefix
        self._pk = partition_key
        self._ttl = ttl_attribute
        self._marks = marks

    def _key(self, key: str) -> dict[str, dict[str, str]]:
        return {self._pk: {"S": self._prefix + key}}

    def get(self, key: str) -> VersionedRecord | None:
        item = self._client.get_item(
            TableName=self._table,
            Key=self._key(key),
            ConsistentRead=True,  # a FIFO group's next message must see the previous write
        ).get("Item")
        if not item:
            return None
        reserved = {self._pk, _VERSION, _TIE, _UPDATED, self._ttl, *self._marks}
        return VersionedRecord(
            key=key,
            rank=(int(item[_VERSION]["N"]), int(item[_TIE]["N"])),
            attributes={
                name: value["S"] for name, value in item.items() if name not in reserved and "S" in value
            },
            marks={name: int(item[name]["N"]) for name in self._marks if name in item},
            updated_at=float(item.get(_UPDATED, {"N": "0"})["N"]),
        )

    def advance(self, key: str, rank: Rank, attributes: Mapping[str, str]) -> bool:
        names = {f"#a{i}": name for i, name in enumerate(attributes)}
        assignments = "".join(f", #a{i} = :a{i}" for i in range(len(attributes)))
        request: dict[str, Any] = {
            "TableName": self._table,
            "Key": self._key(key),
            # The record stays as long as it is the guard: a TTL left from an idempotency record
            # of the same table must not expire it.
            "UpdateExpression": f"SET {_VERSION} = :v, {_TIE} = :r, {_UPDATED} = :t{assignments} REMOVE {self._ttl}",
            "ConditionExpression": (
                f"attribute_not_exists({_VERSION}) OR {_VERSION} < :v OR ({_VERSION} = :v AND {_TIE} <= :r)"
            ),
            "ExpressionAttributeValues": {
                ":v": {"N": str(rank[0])},
                ":r": {"N": str(rank[1])},
                ":t": {"N": str(time.time())},
                **{f":a{i}": {"S": value} for i, value in enumerate(attributes.values())},
            },
        }
        if names:  # DynamoDB refuses an empty ExpressionAttributeNames
            request["ExpressionAttributeNames"] = names
        try:
            self._client.update_item(**request)
        except self._client.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def mark(self, key: str, name: str, value: int) -> None:
        try:
            self._client.update_item(
                TableName=self._table,
                Key=self._key(key),
                UpdateExpression="SET #m = :v",
                ConditionExpression=f"attribute_exists({_VERSION}) AND (attribute_not_exists(#m) OR #m < :v)",
                ExpressionAttributeNames={"#m": name},
                ExpressionAttributeValues={":v": {"N": str(value)}},
            )
        except self._client.exceptions.ConditionalCheckFailedException:
            pass  # a higher mark is already recorded
