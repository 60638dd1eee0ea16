"""Property of the real handler (moto, embedded ERP and org): for any batch of records whose
payloads are arbitrary JSON around valid ones, every record is either handled or dead-lettered
with a reason, the response names only retriable failures, and no exception escapes."""

from __future__ import annotations

import contextlib
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sferp.order_handoff import app
from tests.integration.conftest import make_harness, order_id
from tests.unit.order_handoff.test_contract_properties import VALID, _envelope, payloads

EXAMPLES = int(os.environ.get("SFERP_HANDLER_FUZZ_EXAMPLES", "60"))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.lists(payloads(), min_size=1, max_size=3))
def test_every_record_is_handled_or_dead_lettered_with_a_reason(batch: list[dict[str, Any]]) -> None:
    with contextlib.ExitStack() as stack:
        harness = stack.enter_context(contextlib.contextmanager(make_harness)())
        # Orders the harness seeds in the org, so write-backs of valid ones can land
        records = []
        for n, payload in enumerate(batch, start=1):
            if payload.get("Order_Id__c") == VALID["Order_Id__c"]:
                payload = {**payload, "Order_Id__c": order_id(n)}
            records.append(harness.record(_envelope(payload), group=f"g{n}"))
        # When the handler gets the batch / Then it answers (no exception escapes)
        response = harness.invoke(*records)
        failed = set(harness.failed(response))
        letters = harness.dlq()
        dead = {m["MessageAttributes"]["sferp-source-message-id"]["StringValue"] for m in letters}
        handled = set(app.get_processor().last_outcome.handled)
        # And every record is accounted for once: handled or dead-lettered with a reason; none is
        # left to retry (the embedded systems are up, so nothing is retriable)
        assert not failed
        assert all(m["MessageAttributes"]["sferp-reason"]["StringValue"].strip() for m in letters)
        assert {r["messageId"] for r in records} == handled | dead and not handled & dead
