"""Fixtures of the ``sferp ops`` tests: moto with the stack's order-handoff resources."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from moto import mock_aws
from ops_world import ENV, OpsWorld
from sferp_tools.local.order_handoff import LocalOrderHandoffStack
from sferp_tools.ops import dlq as ops_dlq


@pytest.fixture(autouse=True)
def _short_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    # moto answers at once; a long poll on an empty queue would only add a second per call.
    monkeypatch.setattr(ops_dlq, "RECEIVE_WAIT_S", 0)


@pytest.fixture
def world() -> Iterator[OpsWorld]:
    with mock_aws():
        session = boto3.session.Session(region_name="us-east-1")
        stack = LocalOrderHandoffStack(session=session, environment=ENV)
        stack.create()
        yield OpsWorld(stack=stack, sqs=session.client("sqs"), events=session.client("events"))
