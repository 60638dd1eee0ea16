"""The Salesforce writer's desired-state store on DynamoDB: one item per record
(``<partition key> = <prefix><sObject>/<key field>/<key>``) holding, per field, the newest version
and its value. A claim is a read and a conditional write on the item's revision, retried on a
conflict, so two Lambdas claiming the same record at once both see each other's versions."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sferp.errors import RetriableError
from sferp.ports.desired_state import Claim, DesiredStateStore, Versioned

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

_FIELDS = "fields"  # a map: field -> {"v": version, "x": value as JSON}
_REVISION = "rev"
_BATCH_GET_MAX = 100
_CLAIM_ATTEMPTS = 5


class DesiredStateConflictError(RetriableError):
    """A record's item kept changing under this claim (another writer); the batch is retried."""


class DynamoDesiredState(DesiredStateStore):
    def __init__(
        self,
        table_name: str,
        client: DynamoDBClient,
        *,
        key_prefix: str = "sfw#",
        partition_key: str = "pk",
        ttl_attribute: str = "expires_at",
        ttl_days: int = 35,
    ) -> None:
        self._table = table_name
        self._client = client
        self._prefix = key_prefix
        self._pk = partition_key
        self._ttl = ttl_attribute
        self._ttl_s = ttl_days * 86_400

    def _key(self, record: str) -> dict[str, Any]:
        return {self._pk: {"S": self._prefix + record}}

    def _read(self, records: Sequence[str]) -> dict[str, tuple[int, dict[str, Versioned]]]:
        found: dict[str, tuple[int, dict[str, Versioned]]] = {}
        unique = list(dict.fromkeys(records))
        for start in range(0, len(unique), _BATCH_GET_MAX):
            keys: list[dict[str, Any]] = [self._key(r) for r in unique[start : start + _BATCH_GET_MAX]]
            while keys:
                answer = self._client.batch_get_item(
                    RequestItems={self._table: {"Keys": keys, "ConsistentRead": True}}
                )
                for item in answer.get("Responses", {}).get(self._table, []):
                    record = item[self._pk]["S"][len(self._prefix) :]
                    fields = {
                        name: (int(value["M"]["v"]["N"]), json.loads(value["M"]["x"]["S"]))
                        for name, value in item.get(_FIELDS, {}).get("M", {}).items()
                    }
                    found[record] = (int(item[_REVISION]["N"]), fields)
                unprocessed: Any = answer.get("UnprocessedKeys") or {}
                keys = list((unprocessed.get(self._table) or {}).get("Keys") or [])
        return found

    def newest(self, records: Sequence[str]) -> dict[str, dict[str, Versioned]]:
        stored = self._read(records)
        return {r: stored.get(r, (0, {}))[1] for r in records}

    def claim(self, claims: Sequence[Claim]) -> dict[str, dict[str, Versioned]]:
        granted: dict[str, dict[str, Versioned]] = {}
        pending = list(claims)
        for _ in range(_CLAIM_ATTEMPTS):
            if not pending:
                return granted
            stored = self._read([c.record for c in pending])
            conflicted: list[Claim] = []
            for claim in pending:
                revision, fields = stored.get(claim.record, (0, {}))
                mine = {
                    name: (version, value)
                    for name, (version, value) in claim.fields.items()
                    if name not in fields or version >= fields[name][0]
                }
                if not mine:
                    granted[claim.record] = {}
                    continue
                if self._put(claim.record, revision, {**fields, **mine}):
                    granted[claim.record] = mine
                else:
                    conflicted.append(claim)
            pending = conflicted
        if pending:
            raise DesiredStateConflictError(f"{len(pending)} record(s) kept changing under the claim")
        return granted

    def _put(self, record: str, revision: int, fields: dict[str, Versioned]) -> bool:
        item = {
            **self._key(record),
            _REVISION: {"N": str(revision + 1)},
            _FIELDS: {
                "M": {
                    name: {"M": {"v": {"N": str(version)}, "x": {"S": json.dumps(value, default=str)}}}
                    for name, (version, value) in fields.items()
                }
            },
            self._ttl: {"N": str(int(time.time()) + self._ttl_s)},
        }
        condition = f"attribute_not_exists({self._pk})" if revision == 0 else f"{_REVISION} = :revision"
        values = {} if revision == 0 else {":revision": {"N": str(revision)}}
        try:
            self._client.put_item(
                TableName=self._table,
                Item=item,
                ConditionExpression=condition,
                **({"ExpressionAttributeValues": values} if values else {}),  # type: ignore[arg-type]
            )
        except self._client.exceptions.ConditionalCheckFailedException:
            return False
        return True
