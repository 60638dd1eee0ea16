"""Generated order-handoff traffic: what Salesforce Event Relay would deliver on a busy day,
with the faults of real life planted in it (duplicates, reordering, cancels, poison events).

Used by ``make demo``, the end-to-end tests and the benchmarks. Deterministic for a seed.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sferp import names
from sferp.models.salesforce_id import to_18
from sferp.order_handoff import names as handoff_names

RELAY_SOURCE = f"{names.SALESFORCE_PARTNER_SOURCE_PREFIX}/00D5g000004EXAMPLE/0YLRO000000EXAMPLE"
SKUS = ("MAT-1000", "MAT-1001", "MAT-2000", "MAT-2001", "MAT-3000", "MAT-4000", "MAT-5000", "MAT-6000")


def salesforce_id(prefix: str, number: int) -> str:
    """A syntactically valid 18-character id (``801`` = Order, ``001`` = Account)."""
    return to_18(f"{prefix}5g0000{number:06d}")


@dataclass
class PlannedOrder:
    order_id: str
    account_id: str
    order_number: str
    currency: str
    versions: list[dict[str, Any]] = field(default_factory=list)  # payloads, in publish order
    lines_in_event: bool = True
    lines: list[dict[str, Any]] = field(default_factory=list)  # the order's current lines in Salesforce
    reordered: bool = False  # its newest change is published before the one it replaces

    @property
    def final(self) -> dict[str, Any]:
        rank = {"CREATE": 0, "UPDATE": 1, "CANCEL": 2}
        return max(self.versions, key=lambda p: (p["Order_Version__c"], rank[p["Action__c"]]))


@dataclass
class Scenario:
    events: list[dict[str, Any]]
    orders: dict[str, PlannedOrder]
    poison: list[dict[str, Any]]  # the poison events and why they are poison
    duplicates: int
    reordered: int

    def seed_org(self, org: Any) -> None:
        """The orders exist in Salesforce before their events are published."""
        for order in self.orders.values():
            org.add_order(
                order.order_id,
                account_id=order.account_id,
                order_number=order.order_number,
                currency=order.currency,
                lines=order.lines,
                version=order.final["Order_Version__c"],
            )
        for poison in self.poison:
            order_id = poison.get("order_id")
            if order_id:
                org.add_order(order_id, account_id=salesforce_id("001", 999999), order_number="POISON")

    def org_records(self) -> list[dict[str, Any]]:
        """The Orders with their OrderItems as the org holds them (what ``seed_org`` creates),
        for ``sferp local order_handoff run --org``: events without ``Lines__c`` are handed off by
        reading the OrderItems from Salesforce, so the local org must have them."""
        records = [
            {
                "order_id": order.order_id,
                "account_id": order.account_id,
                "order_number": order.order_number,
                "currency": order.currency,
                "version": order.final["Order_Version__c"],
                "lines": [dict(line) for line in order.lines],
            }
            for order in self.orders.values()
        ]
        records += [
            {
                "order_id": p["order_id"],
                "account_id": salesforce_id("001", 999999),
                "order_number": "POISON",
                "lines": [],
            }
            for p in self.poison
            if p.get("order_id")
        ]
        return records

    def write_jsonl(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as handle:
            for event in self.events:
                handle.write(json.dumps(event) + "\n")


def relay_event(payload: dict[str, Any], created: datetime, rng: random.Random) -> dict[str, Any]:
    """An EventBridge event as Salesforce Event Relay delivers it."""
    return {
        "version": "0",
        "id": str(uuid.UUID(int=rng.getrandbits(128))),
        "detail-type": handoff_names.ORDER_HANDOFF_DETAIL_TYPE,
        "source": RELAY_SOURCE,
        "account": "123456789012",
        "time": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": "us-east-1",
        "resources": [],
        "detail": {
            "payload": payload,
            "schemaId": "0EeRO000000EXAMPLE",
            "id": str(uuid.UUID(int=rng.getrandbits(128))),
        },
    }


def _lines(rng: random.Random, count: int) -> list[dict[str, Any]]:
    return [
        {
            "line_id": f"L{n + 1:03d}",
            "product_code": rng.choice(SKUS),
            "quantity": rng.randint(1, 40),
            "unit_price": float(Decimal(rng.randint(500, 25000)) / 100),
        }
        for n in range(count)
    ]


def generate(
    orders: int = 40,
    *,
    seed: int = 7,
    duplicate_rate: float = 0.3,
    update_rate: float = 0.4,
    cancel_rate: float = 0.1,
    reorder_rate: float = 0.3,
    lines_in_event_rate: float = 0.85,
    poison: int = 3,
    start: datetime | None = None,
) -> Scenario:
    """Build a stream of ``Order_Handoff__e`` events.

    - every order is created (version 1); some are updated (version 2, new quantities), some of
      those cancelled (version 3);
    - ``reorder_rate`` of the updated orders have their last two events published out of order;
    - ``duplicate_rate`` of all events are published again (a new EventBridge id, same payload:
      a Flow that fired twice, a replay from the archive);
    - some events carry no ``Lines__c`` (the handler fetches the order from Salesforce);
    - ``poison`` events that can never succeed (negative quantity, lines that are not JSON, an
      unknown action, a missing Order Id).
    """
    rng = random.Random(seed)  # noqa: S311 - test data
    now = start or datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
    planned: dict[str, PlannedOrder] = {}
    stream: list[tuple[float, dict[str, Any]]] = []
    reordered = 0
    for n in range(orders):
        order_id = salesforce_id("801", n + 1)
        order = PlannedOrder(
            order_id=order_id,
            account_id=salesforce_id("001", rng.randint(1, max(orders // 3, 1))),
            order_number=f"{n + 1:08d}",
            currency=rng.choice(["EUR", "USD", "GBP"]),
            lines_in_event=rng.random() < lines_in_event_rate,
        )
        lines = _lines(rng, rng.randint(1, 4))
        base = {
            "Order_Id__c": order_id,
            "Account_Id__c": order.account_id,
            "Order_Number__c": order.order_number,
            "Currency_Iso_Code__c": order.currency,
            "Requested_Delivery_Date__c": (now + timedelta(days=rng.randint(3, 30))).date().isoformat(),
            "CreatedById": "0055g00000EXAMPLE",
        }
        t0 = n * 1.0 + rng.random()
        versions = [{**base, "Action__c": "CREATE", "Order_Version__c": 1, "Lines__c": json.dumps(lines)}]
        if rng.random() < update_rate:
            changed = [{**line, "quantity": line["quantity"] + rng.randint(1, 5)} for line in lines]
            versions.append(
                {**base, "Action__c": "UPDATE", "Order_Version__c": 2, "Lines__c": json.dumps(changed)}
            )
            if rng.random() < cancel_rate / max(update_rate, 0.01):
                versions.append({**base, "Action__c": "CANCEL", "Order_Version__c": 3})
        order.lines = lines
        times = [t0 + 0.2 * i for i in range(len(versions))]
        if len(versions) > 1 and rng.random() < reorder_rate:
            times[-1], times[-2] = times[-2], times[-1]  # the newest change overtakes the previous one
            order.reordered = True
            reordered += 1
        for version_payload, t in zip(versions, times, strict=True):
            payload = version_payload
            if not order.lines_in_event and payload["Action__c"] != "CANCEL":
                payload = {k: v for k, v in payload.items() if k != "Lines__c"}
            # Salesforce sends CreatedDate as ISO-8601 or as epoch milliseconds; use both.
            created = now + timedelta(seconds=t)
            payload["CreatedDate"] = (
                created.strftime("%Y-%m-%dT%H:%M:%S.000+0000")
                if rng.random() < 0.5
                else int(created.timestamp() * 1000)
            )
            order.versions.append(payload)
            stream.append((t, payload))
        planned[order_id] = order

    poison_events: list[dict[str, Any]] = []
    kinds = ["negative_quantity", "lines_not_json", "unknown_action", "missing_order_id"]
    for i in range(poison):
        kind = kinds[i % len(kinds)]
        poison_id: str | None = salesforce_id("801", 900000 + i)
        payload = {
            "Order_Id__c": poison_id,
            "Account_Id__c": salesforce_id("001", 999999),
            "Action__c": "CREATE",
            "Order_Version__c": 1,
            "CreatedDate": now.strftime("%Y-%m-%dT%H:%M:%S.000+0000"),
            "Lines__c": json.dumps(_lines(rng, 1)),
        }
        if kind == "negative_quantity":
            payload["Lines__c"] = json.dumps(
                [{"line_id": "L001", "product_code": "MAT-1000", "quantity": -3, "unit_price": 10}]
            )
        elif kind == "lines_not_json":
            payload["Lines__c"] = "[{line_id: L001"
        elif kind == "unknown_action":
            payload["Action__c"] = "DELETE"
        else:
            del payload["Order_Id__c"]
            poison_id = None
        poison_events.append({"kind": kind, "order_id": poison_id, "payload": payload})
        stream.append((rng.random() * max(orders, 1), payload))

    stream.sort(key=lambda item: item[0])
    events = [relay_event(payload, now + timedelta(seconds=t), rng) for t, payload in stream]
    duplicates = 0
    for event in list(events):
        if rng.random() < duplicate_rate:
            copy = relay_event(event["detail"]["payload"], now, rng)  # a new envelope, the same change
            events.insert(min(len(events), events.index(event) + rng.randint(1, 8)), copy)
            duplicates += 1
    return Scenario(
        events=events, orders=planned, poison=poison_events, duplicates=duplicates, reordered=reordered
    )


def order_event(
    order_id: str,
    account_id: str,
    *,
    lines: list[dict[str, Any]],
    version: int = 1,
    action: str = "CREATE",
    currency: str = "EUR",
    created: datetime = datetime(2026, 12, 1, 8, 0, tzinfo=UTC),
) -> dict[str, Any]:
    """One ``Order_Handoff__e`` with its lines, as Event Relay delivers it (a scripted scenario's
    single order; ``generate`` makes whole streams)."""
    payload = {
        "Order_Id__c": order_id,
        "Account_Id__c": account_id,
        "Order_Version__c": version,
        "Action__c": action,
        "CreatedDate": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "Currency_Iso_Code__c": currency,
        "Lines__c": json.dumps(lines),
    }
    return relay_event(payload, created, random.Random(f"{order_id}:{version}:{action}"))  # noqa: S311 - ids, not secrets
