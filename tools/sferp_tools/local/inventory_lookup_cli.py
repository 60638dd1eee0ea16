"""``sferp local inventory_lookup query|warm|serve``: the inventory API on this machine.

Both run the real handler (``functions/inventory_lookup/handler.py``) against moto DynamoDB and the
embedded ERP with the demo catalogue (``sferp_tools.local.inventory_lookup.DEMO_STOCK``).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from typing import Any

from sferp.faults import ErpFaults, FaultSpecError


def register_local(commands: Any) -> None:
    """Add the inventory commands to the ``sferp local inventory_lookup`` sub-parsers."""
    lookup = commands.add_parser(
        "query",
        help="look up availability through the local inventory handler",
        description="Each SKU[:QTY] becomes one item of a POST /availability request (QTY defaults to 1).",
    )
    lookup.add_argument("--plant", required=True, help="ERP plant, e.g. 1000")
    lookup.add_argument("items", nargs="+", metavar="SKU[:QTY]")
    lookup.add_argument("--json", action="store_true", help="print the response body as JSON")
    _fault_args(lookup)
    lookup.set_defaults(func=_inventory)

    warm = commands.add_parser(
        "warm",
        help="run one scheduled cache warm-up of a plant through the local inventory handler",
        description="Reads the embedded ERP's product master and refreshes the cache, 200 SKUs per ERP call.",
    )
    warm.add_argument("--plant", required=True, help="ERP plant, e.g. 1000")
    warm.add_argument("--lookup", nargs="*", default=[], metavar="SKU[:QTY]", help="then look these up")
    _fault_args(warm)
    warm.set_defaults(func=_inventory_warm)

    serve = commands.add_parser(
        "serve",
        help="serve the inventory API on 127.0.0.1 (no auth; local only)",
        description="POST /availability and GET /availability/{sku}?plant=... on http://127.0.0.1:PORT",
    )
    serve.add_argument("--port", type=int, default=8080)
    _fault_args(serve)
    serve.set_defaults(func=_serve)


def _fault_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="embedded ERP faults: erp_error_rate, erp_timeout_rate, erp_latency_ms",
    )
    parser.add_argument("--budget-ms", type=int, default=None, help="time budget per lookup (default 1500)")


def _parse_items(specs: list[str]) -> list[tuple[str, float]]:
    items = []
    for spec in specs:
        sku, _, qty = spec.partition(":")
        try:
            items.append((sku, float(qty) if qty else 1.0))
        except ValueError as exc:
            raise ValueError(f"{spec!r}: quantity must be a number") from exc
    return items


def _local(args: argparse.Namespace, log_stream: Any) -> Any:
    from sferp.adapters.erp.embedded import EmbeddedErp
    from sferp.inventory_lookup import names as inventory_names
    from sferp_tools.local.inventory_lookup import LocalInventory

    faults = ErpFaults.from_specs(args.fault, prefix="erp_")
    budget = args.budget_ms or inventory_names.INVENTORY_BUDGET_MS_DEFAULT
    return LocalInventory(erp=EmbeddedErp(faults=faults), budget_ms=budget, log_stream=log_stream)


def _inventory(args: argparse.Namespace) -> int:
    try:
        items = _parse_items(args.items)
        local = _local(args, io.StringIO())
    except (ValueError, FaultSpecError) as exc:
        print(f"sferp local inventory_lookup query: error: {exc}", file=sys.stderr)
        return 2
    with local:
        answer = local.post(args.plant, items)
    if args.json or answer.status != 200:
        print(json.dumps(answer.body, indent=2))
        return 0 if answer.status == 200 else 1
    print(format_table(answer.body))
    return 0


def _inventory_warm(args: argparse.Namespace) -> int:
    try:
        items = _parse_items(args.lookup)
        local = _local(args, io.StringIO())
    except (ValueError, FaultSpecError) as exc:
        print(f"sferp local inventory_lookup warm: error: {exc}", file=sys.stderr)
        return 2
    with local:
        summary = local.warm_up(args.plant)
        print(format_warmup(summary))
        if items:
            print(format_table(local.post(args.plant, items).body))
    return 0 if summary["stopped"] is None else 1


def format_warmup(summary: dict[str, Any]) -> str:
    stopped = summary["stopped"]
    return (
        f"warm-up plant {summary['plant']}: {summary['skus_warmed']} of {summary['skus_listed']} SKUs written fresh, "
        f"{summary['erp_calls']} ERP call(s) ({summary['availability_calls']} availability batch(es))"
        + (f" - STOPPED: {stopped}" if stopped else "")
    )


def format_table(body: dict[str, Any]) -> str:
    rows = [("SKU", "REQUESTED", "AVAILABLE QTY", "AVAILABLE", "SOURCE", "AS OF", "NOTE")]
    for item in body["items"]:
        note = item.get("reason") or ""
        if item.get("staleAgeSeconds") is not None:
            note = f"{note} stale {item['staleAgeSeconds']}s".strip()
        quantity = item.get("availableQuantity")
        rows.append(
            (
                item["sku"],
                f"{item['requestedQuantity']:g}",
                "-" if quantity is None else f"{quantity:g}",
                "yes" if item["available"] else "no",
                item["source"],
                (item.get("asOf") or "-")[:19],
                note,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    footer = f"plant {body['plant']}" + (" - DEGRADED (ERP did not answer)" if body.get("degraded") else "")
    return "\n".join([*lines, footer])


def _serve(args: argparse.Namespace) -> int:
    from sferp_tools.local.inventory_lookup_server import serve

    try:
        local = _local(args, None)
    except (ValueError, FaultSpecError) as exc:
        print(f"sferp local inventory_lookup serve: error: {exc}", file=sys.stderr)
        return 2
    with local:
        return serve(local, port=args.port)
