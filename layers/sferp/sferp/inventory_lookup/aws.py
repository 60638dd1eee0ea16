"""The inventory lookup's DynamoDB adapters: the availability cache and the circuit breaker's
state, in one table (cache items ``stock#<plant>#<sku>``, breaker items ``breaker#<name>``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from botocore.exceptions import BotoCoreError, ClientError

from sferp import names
from sferp.inventory_lookup import names as inventory_names
from sferp.inventory_lookup.cache import AvailabilityCache, CachedAvailability, cache_key
from sferp.inventory_lookup.errors import CacheUnavailableError
from sferp.observability import logger

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.circuit_breaker.persistence import CircuitBreakerDynamoDBPersistence
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import WriteRequestTypeDef

# BatchGetItem may leave keys unprocessed under throttling; one retry, then they count as misses
# (a miss goes to the ERP, which is slower but still correct).
_UNPROCESSED_RETRIES = 1


class DynamoAvailabilityCache(AvailabilityCache):
    """The cache table, through the low-level client (no resource layer: cheaper cold start)."""

    def __init__(self, table_name: str, client: DynamoDBClient) -> None:
        self._table = table_name
        self._client = client
        self.read_calls = 0
        self.write_calls = 0

    def get_many(self, plant: str, skus: Sequence[str]) -> dict[str, CachedAvailability]:
        wanted = list(dict.fromkeys(skus))
        found: dict[str, CachedAvailability] = {}
        pk = inventory_names.INVENTORY_TABLE_PARTITION_KEY
        for start in range(0, len(wanted), names.DYNAMODB_BATCH_GET_MAX):
            keys: list[dict[str, Any]] = [
                {pk: {"S": cache_key(plant, sku)}}
                for sku in wanted[start : start + names.DYNAMODB_BATCH_GET_MAX]
            ]
            attempts = 0
            while keys:
                self.read_calls += 1
                try:
                    response = self._client.batch_get_item(RequestItems={self._table: {"Keys": keys}})
                except (ClientError, BotoCoreError) as exc:
                    raise CacheUnavailableError(
                        f"availability cache read failed: {type(exc).__name__}"
                    ) from exc
                for item in response.get("Responses", {}).get(self._table, []):
                    entry = _from_item(item)
                    if entry is not None:
                        found[entry.sku] = entry
                unprocessed = response.get("UnprocessedKeys", {}).get(self._table)
                keys = [dict(key) for key in unprocessed["Keys"]] if unprocessed else []
                attempts += 1
                if keys and attempts > _UNPROCESSED_RETRIES:
                    logger.warning("cache keys left unprocessed", extra={"count": len(keys)})
                    break
        return found

    def put_many(self, entries: Iterable[CachedAvailability], *, expire_after_s: int) -> None:
        requests: list[WriteRequestTypeDef] = [
            {"PutRequest": {"Item": _to_item(entry, expire_after_s)}} for entry in entries
        ]
        for start in range(0, len(requests), names.DYNAMODB_BATCH_WRITE_MAX):
            chunk = requests[start : start + names.DYNAMODB_BATCH_WRITE_MAX]
            self.write_calls += 1
            try:
                response = self._client.batch_write_item(RequestItems={self._table: chunk})
            except (ClientError, BotoCoreError) as exc:
                raise CacheUnavailableError(f"availability cache write failed: {type(exc).__name__}") from exc
            left = response.get("UnprocessedItems", {}).get(self._table, [])
            if left:
                # A cache write that does not land costs one more ERP call later, nothing else.
                logger.warning("cache items left unwritten", extra={"count": len(left)})


def _to_item(entry: CachedAvailability, expire_after_s: int) -> dict[str, Any]:
    as_of_ms = int(entry.as_of.timestamp() * 1000)
    item: dict[str, Any] = {
        inventory_names.INVENTORY_TABLE_PARTITION_KEY: {"S": cache_key(entry.plant, entry.sku)},
        "plant": {"S": entry.plant},
        "sku": {"S": entry.sku},
        "known": {"BOOL": entry.known},
        "available_quantity": {"N": str(entry.available_quantity)},
        "as_of_ms": {"N": str(as_of_ms)},
        inventory_names.INVENTORY_TABLE_TTL_ATTRIBUTE: {"N": str(as_of_ms // 1000 + expire_after_s)},
    }
    if entry.available_date is not None:
        item["available_date"] = {"S": entry.available_date.isoformat()}
    return item


def _from_item(item: dict[str, Any]) -> CachedAvailability | None:
    try:
        return CachedAvailability(
            plant=item["plant"]["S"],
            sku=item["sku"]["S"],
            known=bool(item["known"]["BOOL"]),
            available_quantity=Decimal(item["available_quantity"]["N"]),
            available_date=date.fromisoformat(item["available_date"]["S"])
            if "available_date" in item
            else None,
            as_of=datetime.fromtimestamp(int(item["as_of_ms"]["N"]) / 1000, tz=UTC),
        )
    except (KeyError, ValueError, ArithmeticError):
        # A malformed item (an older schema, a manual edit) is a miss, not a failed request.
        logger.warning("malformed cache item ignored")
        return None


def dynamodb_persistence(table_name: str, client: DynamoDBClient) -> CircuitBreakerDynamoDBPersistence:
    from aws_lambda_powertools.utilities.circuit_breaker.persistence import CircuitBreakerDynamoDBPersistence

    """Breaker state in the inventory table: same key and TTL attribute as the cache items."""
    return CircuitBreakerDynamoDBPersistence(
        table_name=table_name,
        key_attr=inventory_names.INVENTORY_TABLE_PARTITION_KEY,
        expiry_attr=inventory_names.INVENTORY_TABLE_TTL_ATTRIBUTE,
        boto3_client=client,
    )
