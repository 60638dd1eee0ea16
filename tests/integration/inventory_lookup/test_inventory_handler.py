"""The inventory handler end to end: API Gateway proxy events in, status codes and bodies out."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from aws_lambda_powertools.utilities.circuit_breaker import CircuitState
from aws_lambda_powertools.utilities.circuit_breaker.base import CircuitBreakerHandler
from sferp_tools.local.harness import rest_event
from sferp_tools.local.inventory_lookup import LocalInventory

from sferp.faults import ErpFaults
from sferp.inventory_lookup import app as inventory_app
from sferp.inventory_lookup import names as inventory_names
from sferp.settings import FlowMode

# --- status codes ------------------------------------------------------------------------------


def test_post_answers_200_with_every_field(inventory: LocalInventory) -> None:
    # Given stock at plant 1000 / When three items are posted
    answer = inventory.post("1000", [("MAT-100", 5), ("MAT-200", 10), ("NO-SUCH", 1)])
    # Then 200 with one answer per item in request order
    assert answer.status == 200
    body = answer.body
    assert body["plant"] == "1000" and body["degraded"] is False
    first, second, unknown = body["items"]
    assert first == {
        "sku": "MAT-100",
        "requestedQuantity": 5.0,
        "availableQuantity": 120.0,
        "available": True,
        "availableDate": None,
        "source": "erp",
        "asOf": first["asOf"],
        "staleAgeSeconds": None,
        "reason": None,
    }
    assert first["asOf"] is not None
    assert (second["available"], second["reason"]) == (False, "insufficient_quantity")
    # And a SKU the ERP does not know is an answer with a reason, not a 500
    assert (unknown["available"], unknown["reason"], unknown["source"]) == (False, "unknown_sku", "erp")


def test_get_one_sku_answers_200(inventory: LocalInventory) -> None:
    answer = inventory.get("MAT-200", "1000", quantity=3)
    assert answer.status == 200
    assert [(i["sku"], i["available"], i["requestedQuantity"]) for i in answer.body["items"]] == [
        ("MAT-200", True, 3.0)
    ]


def test_malformed_json_is_400(inventory: LocalInventory) -> None:
    answer = inventory.invoke(rest_event("POST", inventory_names.INVENTORY_PATH, raw_body="{not json"))
    assert answer.status == 400
    assert answer.body["message"] == "request body is not valid JSON"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"plant": "1000", "items": [{"sku": "MAT-1", "quantity": -5}]}, "items.0.quantity"),
        ({"plant": "1000", "items": []}, "items"),
        ({"plant": "TOO-LONG", "items": [{"sku": "MAT-1"}]}, "plant"),
        ({"items": [{"sku": "MAT-1"}]}, "plant"),
        ({"plant": "1000", "items": [{"sku": "MAT-1"}] * 201}, "items"),
        ({"plant": "1000", "items": [{"sku": "bad sku!", "quantity": 1}]}, "items.0.sku"),
    ],
)
def test_invalid_field_is_422_naming_it(inventory: LocalInventory, body: dict[str, Any], field: str) -> None:
    # Given a request with one invalid field / When it is posted
    answer = inventory.invoke(rest_event("POST", inventory_names.INVENTORY_PATH, body=body))
    # Then 422 names the field, and the ERP was never asked
    assert answer.status == 422
    assert field in [error["field"] for error in answer.body["errors"]]
    assert inventory.erp.call_count == 0


def test_get_without_plant_is_422(inventory: LocalInventory) -> None:
    event = rest_event(
        "GET",
        f"{inventory_names.INVENTORY_PATH}/MAT-100",
        resource=f"{inventory_names.INVENTORY_PATH}/{{sku}}",
    )
    answer = inventory.invoke(event)
    assert answer.status == 422
    assert [e["field"] for e in answer.body["errors"]] == ["plant"]


def test_unknown_path_is_404(inventory: LocalInventory) -> None:
    answer = inventory.invoke(rest_event("GET", "/stock"))
    assert answer.status == 404


def test_off_mode_is_503() -> None:
    with LocalInventory(mode=FlowMode.OFF) as local:
        answer = local.post("1000", [("MAT-100", 1)])
        assert answer.status == 503
        assert local.erp.call_count == 0


def test_unexpected_failure_is_500_without_details(
    inventory: LocalInventory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a bug deep in the service
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(inventory.dependencies.service, "lookup", broken)
    # When a request arrives / Then 500, and the body reveals nothing internal
    answer = inventory.post("1000", [("MAT-100", 1)])
    assert answer.status == 500
    assert "secret" not in json.dumps(answer.body)


# --- cache -------------------------------------------------------------------------------------


def test_cache_miss_then_hit(inventory: LocalInventory) -> None:
    # Given a first lookup (miss -> ERP)
    first = inventory.post("1000", [("MAT-100", 1), ("MAT-400", 1)])
    # When the same SKUs are asked again
    second = inventory.post("1000", [("MAT-100", 1), ("MAT-400", 1)])
    # Then the second answer comes from the cache, with the ERP read time, and no further ERP call
    assert [i["source"] for i in first.body["items"]] == ["erp", "erp"]
    assert [i["source"] for i in second.body["items"]] == ["cache", "cache"]
    assert second.body["items"][0]["asOf"][:19] == first.body["items"][0]["asOf"][:19]
    assert inventory.erp.calls["get_availability"] == 1


def test_cache_items_are_keyed_by_plant_and_sku_with_ttl(inventory: LocalInventory) -> None:
    inventory.post("1000", [("MAT-100", 1)])
    item = inventory.dynamodb.get_item(
        TableName="sferp-local-inventory", Key={"pk": {"S": "stock#1000#MAT-100"}}
    )["Item"]
    assert int(item[inventory_names.INVENTORY_TABLE_TTL_ATTRIBUTE]["N"]) > time.time() + 3600


def test_stale_answer_when_the_erp_is_down() -> None:
    # Given a value cached and then older than the fresh TTL (0 s)
    with LocalInventory(fresh_ttl_s=0, breaker_state_cache_s=0) as local:
        local.post("1000", [("MAT-100", 1)])
        time.sleep(1.05)
        # When the ERP is down
        with local.erp.outage():
            answer = local.post("1000", [("MAT-100", 1), ("MAT-400", 1)])
    # Then the cached SKU is answered stale with its age, the other explicitly unavailable
    stale, missing = answer.body["items"]
    assert answer.status == 200 and answer.body["degraded"] is True
    assert (stale["source"], stale["availableQuantity"]) == ("stale", 120.0)
    assert stale["staleAgeSeconds"] >= 1
    assert (missing["source"], missing["reason"], missing["available"]) == ("none", "erp_unavailable", False)


def test_one_erp_call_for_all_misses_of_a_request(inventory: LocalInventory) -> None:
    # Given 200 SKUs none of which is cached
    skus = [f"SKU-{n:03d}" for n in range(200)]
    inventory.erp.seed_stock("1000", dict.fromkeys(skus, 3))
    # When they are posted in one request
    answer = inventory.post("1000", [(sku, 1) for sku in skus])
    # Then the ERP got exactly one call and every item is answered
    assert answer.status == 200
    assert inventory.erp.calls["get_availability"] == 1
    assert all(item["available"] for item in answer.body["items"])


# --- breaker and budget ------------------------------------------------------------------------


def test_breaker_opens_after_consecutive_failures_and_closes_after_a_probe(
    inventory: LocalInventory, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1_800_000_000]
    monkeypatch.setattr(CircuitBreakerHandler, "_now", staticmethod(lambda: now[0]))
    breaker = inventory.dependencies.breaker
    # Given three consecutive ERP failures (the threshold)
    with inventory.erp.outage():
        for _ in range(3):
            assert inventory.post("1000", [("MAT-100", 1)]).status == 200
        # Then the breaker is open (in DynamoDB) and the ERP is no longer called
        assert breaker.state() is CircuitState.OPEN
        calls = inventory.erp.call_count
        answer = inventory.post("1000", [("MAT-100", 1)])
        assert inventory.erp.call_count == calls
        assert answer.body["items"][0]["source"] == "none"
    state_item = inventory.dynamodb.get_item(
        TableName="sferp-local-inventory", Key={"pk": {"S": breaker.name}}
    )["Item"]
    assert state_item["state"]["S"] == "OPEN"
    # When the recovery timeout passes and the ERP is back
    now[0] += inventory_names.INVENTORY_BREAKER_RECOVERY_TIMEOUT_S + 1
    answer = inventory.post("1000", [("MAT-100", 1)])
    # Then the half-open probe succeeds, the answer is fresh, and the breaker is closed
    assert answer.body["items"][0]["source"] == "erp"
    assert breaker.state() is CircuitState.CLOSED


def test_breaker_state_is_shared_across_lambdas(inventory: LocalInventory) -> None:
    # Given the breaker opened by one execution environment
    with inventory.erp.outage():
        for _ in range(3):
            inventory.post("1000", [("MAT-100", 1)])
    # When a second environment (its own persistence object, same table) looks at the circuit
    from sferp.inventory_lookup.settings import InventorySettings

    other = inventory_app.build_dependencies(
        InventorySettings.from_env(inventory._settings_env),
        dynamodb_client=inventory.dynamodb,
        erp=inventory.erp,
        breaker_state_cache_s=0,
    )
    # Then it sees the circuit open and does not call the ERP
    assert other.breaker.state() is CircuitState.OPEN


def test_erp_down_every_lookup_answered_within_budget() -> None:
    # Given a hanging ERP (5 s latency) and a 400 ms budget, some SKUs cached, some not
    with LocalInventory(budget_ms=400, fresh_ttl_s=0, breaker_failures=3, breaker_state_cache_s=0) as local:
        local.post("1000", [("MAT-100", 1)])
        local.erp.faults = ErpFaults(latency_ms=5000)
        durations = []
        answers = []
        # When ten lookups arrive (the breaker opens after three)
        for _ in range(10):
            started = time.monotonic()
            answers.append(local.post("1000", [("MAT-100", 1), ("MAT-400", 1)]))
            durations.append(time.monotonic() - started)
    # Then every one is answered 200 - stale or explicitly unavailable - within the budget
    assert all(a.status == 200 for a in answers)
    assert all([i["source"] for i in a.body["items"]] == ["stale", "none"] for a in answers)
    assert max(durations) < 0.4 + 0.1  # budget plus handler overhead
    # And once open, the breaker answers at once
    assert max(durations[4:]) < 0.1


def test_metrics_are_emitted(inventory: LocalInventory, capsys: pytest.CaptureFixture[str]) -> None:
    inventory.post("1000", [("MAT-100", 1)])
    inventory.post("1000", [("MAT-100", 1)])
    emf = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith('{"_aws"')]
    lookups = [m for m in emf if inventory_names.METRIC_INVENTORY_LOOKUPS in m]
    assert [m[inventory_names.METRIC_INVENTORY_CACHE_HITS] for m in lookups] == [[0.0], [1.0]]
    assert lookups[0]["flow"] == inventory_names.FLOW_INVENTORY_LOOKUP
