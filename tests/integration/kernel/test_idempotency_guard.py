"""The idempotency guard on DynamoDB (moto): replays, and store trouble reported as retriable."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from sferp.adapters.aws.idempotency import PowertoolsIdempotencyGuard
from sferp.errors import ErpRejectedError, StateStoreUnavailableError
from sferp.order_handoff import names as handoff_names


class _Crash(BaseException):
    """A process death: nothing in the guard may catch it."""


@pytest.fixture
def guard():  # type: ignore[no-untyped-def]
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName="state",
            KeySchema=[{"AttributeName": handoff_names.ORDER_STATE_PARTITION_KEY, "KeyType": "HASH"}],
            AttributeDefinitions=[
                {"AttributeName": handoff_names.ORDER_STATE_PARTITION_KEY, "AttributeType": "S"}
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        yield PowertoolsIdempotencyGuard(
            "state",
            client,
            key_prefix="order-handoff",
            partition_key=handoff_names.ORDER_STATE_PARTITION_KEY,
            ttl_attribute=handoff_names.ORDER_STATE_TTL_ATTRIBUTE,
            expires_after_s=handoff_names.IDEMPOTENCY_TTL_S,
        )


KEY = {"order_id": "8015g0000000001AAA", "version": 1, "action": "CREATE"}


def test_second_run_replays_the_stored_answer(guard) -> None:  # type: ignore[no-untyped-def]
    calls = []
    first = guard.run_once(KEY, lambda: calls.append(1) or {"erp_order_id": "1"})
    again = guard.run_once(KEY, lambda: calls.append(2) or {"erp_order_id": "2"})
    assert first == ({"erp_order_id": "1"}, False)
    assert again == ({"erp_order_id": "1"}, True)
    assert calls == [1]


def test_an_attempt_still_in_progress_is_retriable(guard) -> None:  # type: ignore[no-untyped-def]
    # Given an attempt that died inside the guard (its record stays in progress)
    def die() -> dict:
        raise _Crash

    with pytest.raises(_Crash):
        guard.run_once(KEY, die)
    # When the same change comes again while that record has not expired
    with pytest.raises(StateStoreUnavailableError, match="IdempotencyAlreadyInProgressError"):
        guard.run_once(KEY, lambda: {"erp_order_id": "1"})


def test_errors_of_the_work_itself_pass_unchanged(guard) -> None:  # type: ignore[no-untyped-def]
    def rejected() -> dict:
        raise ErpRejectedError("unknown material")

    with pytest.raises(ErpRejectedError):
        guard.run_once(KEY, rejected)
    # and the key is free again: a later attempt runs
    assert guard.run_once(KEY, lambda: {"erp_order_id": "3"}) == ({"erp_order_id": "3"}, False)
