"""The reconciliation's DynamoDB stores: the run ledger with the per-entity watermarks, and
the review queue. With the kernel's S3 artifact store (``sferp.adapters.aws.s3``), the only
modules of the flow that touch boto3."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from sferp import names
from sferp.errors import RetriableError
from sferp.reconciliation import names as reconcile_names
from sferp.reconciliation.compare import ReviewItem

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import WriteRequestOutputTypeDef, WriteRequestTypeDef

PK = reconcile_names.RECONCILE_TABLE_PARTITION_KEY
WATERMARK_PK = reconcile_names.RECONCILE_WATERMARK_PARTITION
SK = reconcile_names.RECONCILE_TABLE_SORT_KEY


class ReconcileStoreError(RetriableError):
    """S3 or DynamoDB refused a call the workflow needs (throttling, a brief outage)."""


class RunLedger:
    """Per run date: which steps finished (so a rerun skips them), and the watermark.

    One watermark per stream (entity): ("watermark", "<entity>"), so an entity added later starts
    with a full extract while the others stay incremental, and one entity's trouble never moves
    another's cursor. Run items are ("run#<date>", "<marker>").
    """

    def __init__(self, table: str, dynamodb: DynamoDBClient, *, clock: Any = None) -> None:
        self.table = table
        self._db = dynamodb
        self._clock = clock or (lambda: datetime.now(UTC))

    def _expiry(self) -> str:
        return str(int(time.time()) + reconcile_names.RECONCILE_LEDGER_TTL_S)

    def get(self, run_id: str, marker: str) -> dict[str, Any] | None:
        try:
            item = self._db.get_item(
                TableName=self.table, Key={PK: {"S": f"run#{run_id}"}, SK: {"S": marker}}, ConsistentRead=True
            ).get("Item")
        except ClientError as exc:
            raise ReconcileStoreError(f"cannot read the run ledger ({marker})") from exc
        if item is None:
            return None
        return json.loads(item["doc"]["S"])

    def put(self, run_id: str, marker: str, document: dict[str, Any]) -> None:
        try:
            self._db.put_item(
                TableName=self.table,
                Item={
                    PK: {"S": f"run#{run_id}"},
                    SK: {"S": marker},
                    "doc": {"S": json.dumps(document, separators=(",", ":"), default=str)},
                    "updated_at": {"S": self._clock().isoformat()},
                    reconcile_names.RECONCILE_TABLE_TTL_ATTRIBUTE: {"N": self._expiry()},
                },
            )
        except ClientError as exc:
            raise ReconcileStoreError(f"cannot write the run ledger ({marker})") from exc

    def watermark(self, entity: str) -> datetime | None:
        try:
            item = self._db.get_item(
                TableName=self.table, Key={PK: {"S": WATERMARK_PK}, SK: {"S": entity}}, ConsistentRead=True
            ).get("Item")
        except ClientError as exc:
            raise ReconcileStoreError("cannot read the watermark") from exc
        return datetime.fromisoformat(item["value"]["S"]) if item else None

    def watermark_run(self, entity: str) -> str | None:
        """The run that set the entity's watermark (the last successful run for it), or None."""
        try:
            item = self._db.get_item(
                TableName=self.table, Key={PK: {"S": WATERMARK_PK}, SK: {"S": entity}}, ConsistentRead=True
            ).get("Item")
        except ClientError as exc:
            raise ReconcileStoreError("cannot read the watermark") from exc
        return item["run_id"]["S"] if item and "run_id" in item else None

    def advance_watermark(self, entity: str, value: datetime, run_id: str) -> bool:
        """Move the entity's watermark forward to ``value``; never back (a late rerun of an old date)."""
        try:
            self._db.update_item(
                TableName=self.table,
                Key={PK: {"S": WATERMARK_PK}, SK: {"S": entity}},
                UpdateExpression="SET #v = :v, run_id = :r",
                ConditionExpression="attribute_not_exists(#v) OR #v < :v",
                ExpressionAttributeNames={"#v": "value"},
                # ISO 8601 UTC with a fixed layout sorts like the instant it names.
                ExpressionAttributeValues={
                    ":v": {"S": value.astimezone(UTC).isoformat()},
                    ":r": {"S": run_id},
                },
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise ReconcileStoreError("cannot advance the watermark") from exc
        return True


class ReviewQueue:
    """One item per open difference ("<entity>#<key>", "<field>|-"), with both values and why.

    Writing the same difference again (a rerun, or the next night) overwrites it: the queue
    holds what is open now, with the run that last saw it."""

    def __init__(self, table: str, dynamodb: DynamoDBClient) -> None:
        self.table = table
        self._db = dynamodb

    def put_many(self, entity: str, items: Iterable[ReviewItem], *, run_id: str, mode: str) -> int:
        requests: list[WriteRequestTypeDef] = []
        for item in items:
            doc = item.to_dict()
            attributes: dict[str, Any] = {
                PK: {"S": f"{entity}#{item.key}"},
                SK: {"S": item.field or "-"},
                "entity": {"S": entity},
                "status": {"S": "open"},
                "run_id": {"S": run_id},
                "mode": {"S": mode},
            }
            for name in ("record_class", "reason", "salesforce_value", "erp_value", "detail"):
                if doc.get(name) is not None:
                    attributes[name] = {"S": str(doc[name])}
            put: WriteRequestTypeDef = {"PutRequest": {"Item": attributes}}
            requests.append(put)
        written = 0
        for start in range(0, len(requests), names.DYNAMODB_BATCH_WRITE_MAX):
            chunk = requests[start : start + names.DYNAMODB_BATCH_WRITE_MAX]
            written += self._write_chunk(chunk)
        return written

    def _write_chunk(self, chunk: Sequence[WriteRequestTypeDef]) -> int:
        pending: Sequence[WriteRequestTypeDef | WriteRequestOutputTypeDef] = list(chunk)
        for attempt in range(6):
            try:
                answer = self._db.batch_write_item(RequestItems={self.table: pending})
            except ClientError as exc:
                raise ReconcileStoreError("cannot write the review queue") from exc
            pending = answer.get("UnprocessedItems", {}).get(self.table, [])
            if not pending:
                return len(chunk)
            time.sleep(min(2.0, 0.05 * 2**attempt))  # DynamoDB asks for back-off on unprocessed items
        raise ReconcileStoreError(f"review queue: {len(pending)} items still unprocessed after retries")

    def items(self) -> list[dict[str, Any]]:
        """Every item (ops and tests; the queue is small by design)."""
        out: list[dict[str, Any]] = []
        for page in self._db.get_paginator("scan").paginate(TableName=self.table):
            out.extend({k: next(iter(v.values())) for k, v in item.items()} for item in page.get("Items", []))
        return sorted(out, key=lambda i: (i[PK], i[SK]))
