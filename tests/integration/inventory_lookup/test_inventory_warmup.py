"""The scheduled warm-up through the real handler: a Scheduler event in, moto DynamoDB filled."""

from __future__ import annotations

import pytest
from sferp_tools.local.inventory_lookup import LocalInventory

from sferp.inventory_lookup import names as inventory_names
from sferp.inventory_lookup.warmup import WarmupRequestError, warmup_event


def test_scheduler_event_warms_the_cache_and_lookups_skip_the_erp(inventory: LocalInventory) -> None:
    # Given the demo catalogue and an empty cache
    # When EventBridge Scheduler invokes the function with the warm-up event of plant 2000
    summary = inventory.warm_up("2000")
    # Then one master read and one availability batch refreshed every active SKU
    assert summary == {
        "plant": "2000",
        "skus_listed": 6,
        "skus_warmed": 6,
        "erp_calls": 2,
        "availability_calls": 1,
        "stopped": None,
    }
    # And the values are in the DynamoDB cache, so a first lookup answers from it without the ERP
    calls = inventory.erp.calls["get_availability"]
    answer = inventory.post("2000", [("MAT-600", 5), ("MAT-500", 1)])
    assert answer.status == 200
    assert [(i["source"], i["available"]) for i in answer.body["items"]] == [
        ("cache", True),
        ("cache", False),
    ]
    assert inventory.erp.calls["get_availability"] == calls


def test_warm_up_during_an_outage_stops_without_raising(inventory: LocalInventory) -> None:
    with inventory.erp.outage():
        summary = inventory.warm_up("1000")
    assert (summary["stopped"], summary["skus_warmed"]) == ("erp_failed", 0)


def test_invalid_warm_up_event_fails_the_invocation() -> None:
    with LocalInventory() as local:
        with pytest.raises(WarmupRequestError):
            local._call(
                {
                    inventory_names.INVENTORY_WARMUP_EVENT_KEY: inventory_names.INVENTORY_WARMUP_EVENT_VALUE,
                    "plant": "#1",
                }
            )
        # A regular API request is still routed to the resolver
        assert local.get("MAT-100", "1000").status == 200


def test_event_shape_is_what_the_schedule_sends() -> None:
    assert warmup_event("1000") == {"sferp": "inventory-warmup", "plant": "1000"}
