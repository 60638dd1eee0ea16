"""The coupling store on DynamoDB: two items per coupling, written in one transaction so neither
direction exists without the other.

``<prefix>account#<Account Id>`` holds the customer number and who/when/how;
``<prefix>customer#<customer number>`` holds the Account Id. Conditions on both items make a second
partner on either side fail instead of overwriting (two Lambdas coupling the same Account at
once: one wins, the other reads the winner)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from sferp import names
from sferp.errors import StateStoreUnavailableError
from sferp.ports.coupling import Coupling, CouplingConflictError, CouplingHow, CouplingStore

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient


class DynamoCouplingStore(CouplingStore):
    def __init__(
        self, table_name: str, client: DynamoDBClient, *, key_prefix: str, partition_key: str
    ) -> None:
        self._table = table_name
        self._client = client
        self._prefix = key_prefix
        self._pk = partition_key

    def _account_key(self, account_id: str) -> dict[str, Any]:
        return {self._pk: {"S": f"{self._prefix}account#{account_id}"}}

    def _customer_key(self, customer_number: str) -> dict[str, Any]:
        return {self._pk: {"S": f"{self._prefix}customer#{customer_number}"}}

    def _get(self, key: dict[str, Any]) -> dict[str, Any] | None:
        try:
            return self._client.get_item(TableName=self._table, Key=key, ConsistentRead=True).get("Item")
        except ClientError as exc:
            raise StateStoreUnavailableError(f"coupling store: {exc}") from exc

    def _coupling(self, account_id: str, item: dict[str, Any]) -> Coupling:
        return Coupling(
            account_id=account_id,
            customer_number=item["customer_number"]["S"],
            coupled_at=float(item["coupled_at"]["N"]),
            coupled_by=item["coupled_by"]["S"],
            how=CouplingHow(item["how"]["S"]),
            account_deleted=bool(item.get("account_deleted", {}).get("BOOL", False)),
        )

    def for_account(self, account_id: str) -> Coupling | None:
        item = self._get(self._account_key(account_id))
        return self._coupling(account_id, item) if item else None

    def for_customer(self, customer_number: str) -> Coupling | None:
        item = self._get(self._customer_key(customer_number))
        return self.for_account(item["account_id"]["S"]) if item else None

    def _account_item(
        self, account_id: str, customer_number: str, *, by: str, how: CouplingHow
    ) -> dict[str, Any]:
        return self._account_key(account_id) | {
            "customer_number": {"S": customer_number},
            "coupled_at": {"N": repr(time.time())},
            "coupled_by": {"S": by},
            "how": {"S": how.value},
        }

    def couple(self, account_id: str, customer_number: str, *, by: str, how: CouplingHow) -> Coupling:
        existing = self.for_account(account_id)
        if existing is not None:
            return self._same_or_conflict(existing, account_id, customer_number)
        try:
            self._client.transact_write_items(
                TransactItems=[
                    {
                        "Put": {
                            "TableName": self._table,
                            "Item": self._account_item(account_id, customer_number, by=by, how=how),
                            "ConditionExpression": "attribute_not_exists(#pk)",
                            "ExpressionAttributeNames": {"#pk": self._pk},
                        }
                    },
                    {
                        "Put": {
                            "TableName": self._table,
                            "Item": self._customer_key(customer_number) | {"account_id": {"S": account_id}},
                            "ConditionExpression": "attribute_not_exists(#pk) OR account_id = :account",
                            "ExpressionAttributeNames": {"#pk": self._pk},
                            "ExpressionAttributeValues": {":account": {"S": account_id}},
                        }
                    },
                ]
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "TransactionCanceledException":
                raise StateStoreUnavailableError(f"coupling store: {exc}") from exc
            # Someone coupled one side meanwhile: the same pair is fine, anything else a conflict.
            existing = self.for_account(account_id)
            if existing is not None:
                return self._same_or_conflict(existing, account_id, customer_number)
            other = self.for_customer(customer_number)
            raise CouplingConflictError(
                f"ERP customer {customer_number} is coupled to Account "
                f"{other.account_id if other else '(unknown)'} already; Account {account_id} cannot take it"
            ) from None
        stored = self.for_account(account_id)
        assert stored is not None  # just written, read strongly consistent
        return stored

    @staticmethod
    def _same_or_conflict(existing: Coupling, account_id: str, customer_number: str) -> Coupling:
        if existing.customer_number == customer_number:
            return existing
        raise CouplingConflictError(
            f"Account {account_id} is coupled to ERP customer {existing.customer_number} already, "
            f"not {customer_number}"
        )

    def move(self, from_account: str, to_account: str, *, by: str) -> Coupling:
        source = self.for_account(from_account)
        if source is None:
            raise CouplingConflictError(f"Account {from_account} has no coupling to move")
        number = source.customer_number
        try:
            self._client.transact_write_items(
                TransactItems=[
                    {
                        "Delete": {
                            "TableName": self._table,
                            "Key": self._account_key(from_account),
                            "ConditionExpression": "customer_number = :number",
                            "ExpressionAttributeValues": {":number": {"S": number}},
                        }
                    },
                    {
                        "Put": {
                            "TableName": self._table,
                            "Item": self._account_item(to_account, number, by=by, how=CouplingHow.MERGED),
                            "ConditionExpression": "attribute_not_exists(#pk)",
                            "ExpressionAttributeNames": {"#pk": self._pk},
                        }
                    },
                    {
                        "Put": {
                            "TableName": self._table,
                            "Item": self._customer_key(number) | {"account_id": {"S": to_account}},
                            "ConditionExpression": "account_id = :from",
                            "ExpressionAttributeValues": {":from": {"S": from_account}},
                        }
                    },
                ]
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "TransactionCanceledException":
                raise StateStoreUnavailableError(f"coupling store: {exc}") from exc
            raise CouplingConflictError(
                f"cannot move ERP customer {number} from Account {from_account} to {to_account}: "
                "the target has a coupling of its own or the source changed meanwhile"
            ) from None
        moved = self.for_account(to_account)
        assert moved is not None
        return moved

    def set_account_deleted(self, account_id: str, *, deleted: bool) -> None:
        try:
            self._client.update_item(
                TableName=self._table,
                Key=self._account_key(account_id),
                UpdateExpression="SET account_deleted = :deleted",
                ConditionExpression="attribute_exists(#pk)",
                ExpressionAttributeNames={"#pk": self._pk},
                ExpressionAttributeValues={":deleted": {"BOOL": deleted}},
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return  # nothing coupled: nothing to flag
            raise StateStoreUnavailableError(f"coupling store: {exc}") from exc

    def all(self) -> Iterator[Coupling]:
        prefix = f"{self._prefix}account#"
        paginator = self._client.get_paginator("scan")
        for page in paginator.paginate(
            TableName=self._table,
            FilterExpression="begins_with(#pk, :prefix)",
            ExpressionAttributeNames={"#pk": self._pk},
            ExpressionAttributeValues={":prefix": {"S": prefix}},
            ConsistentRead=True,
        ):
            for item in page.get("Items", []):
                yield self._coupling(item[self._pk]["S"][len(prefix) :], item)


def coupling_store_for_table(table: str | None, client: DynamoDBClient) -> DynamoCouplingStore | None:
    """The coupling store in the customer flow's table, for the flows that read it; None without one."""
    if table is None:
        return None
    return DynamoCouplingStore(
        table, client, key_prefix=names.COUPLING_KEY_PREFIX, partition_key=names.COUPLING_PARTITION_KEY
    )
