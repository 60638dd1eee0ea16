"""``sferp local order_handoff run``: the order handoff end to end on this machine.

moto plays AWS, ``EmbeddedErp`` the ERP, ``EmbeddedSalesforceOrg`` the org; the handler is the
real ``functions/order_handoff/handler.py`` with its Powertools decorators.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sferp.faults import ErpFaults, FaultSpecError, parse_fault_specs
from sferp.models.records import (
    ErpSalesOrderRecord,
)
from sferp.ports import ErpGateway
from sferp.settings import FlowMode
from sferp_tools.local.environment import MOTO_ENV, environment
from sferp_tools.local.erp_wrappers import CrashAfterErpWrite, ScriptedOutage

HANDLER_FAULTS = ("handler_crash_rate", "salesforce_error_rate")
PUBLISH_WAVE = 20  # events put on the bus before the runtime drains the queues


@dataclass(frozen=True)
class RunFaults:
    erp: ErpFaults = field(default_factory=ErpFaults)
    handler_crash_rate: float = 0.0
    salesforce_error_rate: float = 0.0

    @classmethod
    def from_specs(cls, specs: Sequence[str]) -> RunFaults:
        values = parse_fault_specs(specs)
        erp_values = {k: v for k, v in values.items() if k.startswith("erp_")}
        other = {k: v for k, v in values.items() if not k.startswith("erp_")}
        for name in other:
            if name not in HANDLER_FAULTS:
                known = ", ".join(
                    [*(f"erp_{f}" for f in ErpFaults.model_fields if f != "seed"), *HANDLER_FAULTS]
                )
                raise FaultSpecError(f"unknown fault {name!r} (known: {known})")
        rates: dict[str, float] = {}
        for name, raw in other.items():
            try:
                rate = float(raw)
            except ValueError as exc:
                raise FaultSpecError(f"fault {name!r}: {raw!r} is not a number") from exc
            if not 0.0 <= rate <= 1.0:
                raise FaultSpecError(f"fault {name!r}: {rate} is not between 0 and 1")
            rates[name] = rate
        return cls(erp=ErpFaults.from_mapping(erp_values, prefix="erp_"), **rates)

    def as_dict(self) -> dict[str, float]:
        return {
            "erp_error_rate": self.erp.error_rate,
            "erp_timeout_rate": self.erp.timeout_rate,
            "erp_latency_ms": self.erp.latency_ms,
            "handler_crash_rate": self.handler_crash_rate,
            "salesforce_error_rate": self.salesforce_error_rate,
        }


@dataclass
class LocalRun:
    """The results of one run, for the report, the demo and the tests."""

    report: dict[str, Any]
    erp: Any
    org: Any


def run_order_handoff(
    events: Sequence[Any],
    *,
    faults: RunFaults | None = None,
    seed: int = 0,
    mode: FlowMode = FlowMode.LIVE,
    prepare: Callable[[Any, Any], None] | None = None,
    progress: Callable[[dict[str, int]], None] | None = None,
    log_stream: IO[str] | None = None,
    erp_sleep: Callable[[float], None] | None = None,
    erp_outage: tuple[int, int] | None = None,
    erp_factory: Callable[[], ErpGateway] | None = None,
) -> LocalRun:
    """Publish ``events`` into the local stack, run until the queues drain, and report.

    ``prepare(erp, org)`` seeds the embedded systems before the first event (orders in the org,
    stock in the ERP). ``erp_outage=(first, last)`` makes every ERP call fail during those
    handler invocations (1-based), a short outage in the middle of the run. ``erp_factory``
    builds another ERP gateway instead of the embedded ERP (``make demo ERP=odata``); the
    ``erp_*`` faults are injected inside the embedded ERP and need it, while crashes, Salesforce
    faults and the outage work with any gateway.
    """
    import boto3
    from moto import mock_aws

    from sferp.adapters.erp.embedded import EmbeddedErp
    from sferp.observability import logger
    from sferp.order_handoff import app
    from sferp.settings import OrderHandoffSettings
    from sferp_tools.embedded_org import EmbeddedSalesforceOrg
    from sferp_tools.local.harness import (
        ORDER_HANDOFF_HANDLER,
        LocalOrderHandoffStack,
        LocalRuntime,
        load_handler_module,
    )

    faults = faults or RunFaults()
    erp: ErpGateway
    if erp_factory is not None:
        if faults.erp != ErpFaults():
            raise FaultSpecError("erp_* faults are injected by the embedded ERP; they need --erp embedded")
        erp = erp_factory()
    else:
        # One generator per fault source, so changing one rate does not reshuffle the others.
        erp = EmbeddedErp(
            faults=faults.erp,
            rng=random.Random(seed * 7919 + 1),  # noqa: S311 - fault injection
            sleep=erp_sleep or time.sleep,
        )
    org = EmbeddedSalesforceOrg(error_rate=0.0, rng=random.Random(seed * 7919 + 2))  # noqa: S311
    if prepare is not None:
        prepare(erp, org)
    org.error_rate = faults.salesforce_error_rate
    outage: Callable[[], contextlib.AbstractContextManager[None]]
    reachable: ErpGateway = erp
    if isinstance(erp, EmbeddedErp):
        outage = erp.outage
    else:
        scripted = ScriptedOutage(erp)
        reachable, outage = scripted, scripted.outage
    crash_rng = random.Random(seed * 7919 + 3)  # noqa: S311 - fault injection
    crashing_erp = CrashAfterErpWrite(reachable, rate=faults.handler_crash_rate, rng=crash_rng)

    started = time.perf_counter()
    with environment(MOTO_ENV), mock_aws():
        session = boto3.session.Session(region_name=MOTO_ENV["AWS_REGION"])
        stack = LocalOrderHandoffStack(session=session)
        stack.create()
        with environment(stack.handler_environment(mode)):
            module = load_handler_module(ORDER_HANDOFF_HANDLER, "sferp_local_order_handoff_handler")
            previous_stream = getattr(logger.registered_handler, "stream", None)
            if log_stream is not None:
                logger.registered_handler.setStream(log_stream)  # type: ignore[attr-defined]
            # The stores and queues exactly as the Lambda builds them from the stack's variables.
            app.set_dependencies(
                app.build_dependencies(
                    OrderHandoffSettings.from_env(stack.handler_environment(mode)),
                    boto_session=session,
                    erp=crashing_erp,
                    salesforce=org,
                )
            )
            try:
                runtime = LocalRuntime(
                    stack=stack,
                    handler=module.lambda_handler,
                    outcome_source=lambda: app.get_processor().last_outcome,
                    rng=random.Random(seed),  # noqa: S311
                    progress=progress,
                    around_invocation=(
                        (
                            lambda n: (
                                outage() if erp_outage[0] <= n <= erp_outage[1] else contextlib.nullcontext()
                            )
                        )
                        if erp_outage
                        else None
                    ),
                )
                # Events arrive in waves, as from a live org, not as one flood: moto's receive
                # scans the whole queue, so a small queue keeps a 10,000-event run linear.
                for start in range(0, len(events), PUBLISH_WAVE):
                    runtime.publish(events[start : start + PUBLISH_WAVE])
                    runtime.drain()
                dead_letters = runtime.dead_letters()
            finally:
                app.set_dependencies(None)
                if log_stream is not None and previous_stream is not None:
                    logger.registered_handler.setStream(previous_stream)  # type: ignore[attr-defined]
    elapsed = time.perf_counter() - started
    # Counted before the listing below, which is itself a call to a real ERP.
    erp_calls = getattr(erp, "call_count", None)
    report = _report(
        runtime, _erp_orders(erp), erp_calls, org, crashing_erp, dead_letters, faults, seed, mode, elapsed
    )
    return LocalRun(report=report, erp=erp, org=org)


def _erp_orders(erp: ErpGateway) -> list[ErpSalesOrderRecord]:
    from sferp.adapters.erp.embedded import EmbeddedErp

    if isinstance(erp, EmbeddedErp):
        return erp.sales_orders()  # straight from SQLite: no fault injection, no call counted
    everything = datetime(1970, 1, 1, tzinfo=UTC)
    return sorted(erp.changed_sales_orders(everything), key=lambda record: record.erp_order_id)


def _report(
    runtime: Any,
    erp_orders: list[ErpSalesOrderRecord],
    erp_calls: int | None,
    org: Any,
    crashing_erp: Any,
    dead_letters: list[Any],
    faults: RunFaults,
    seed: int,
    mode: FlowMode,
    elapsed: float,
) -> dict[str, Any]:
    orders = []
    for record in erp_orders:
        orders.append(
            {
                "erp_order_id": record.erp_order_id,
                "salesforce_order_id": record.external_reference,
                "status": record.status,
                "source_version": record.source_version,
                "currency": record.currency,
                "lines": [
                    {
                        "sku": item["sku"],
                        "quantity": float(item["quantity"]),
                        "unit_price": float(item["unit_price"]),
                    }
                    for item in record.items
                ],
            }
        )
    outcomes = runtime.outcomes
    stats = runtime.stats
    return {
        "run": {
            "mode": mode.value,
            "seed": seed,
            "faults": faults.as_dict(),
            "seconds": round(elapsed, 3),
            "events_per_second": round(runtime.events_in / elapsed, 1) if elapsed else None,
        },
        "counts": {
            "events_in": runtime.events_in,
            "delivered_to_queue": runtime.delivered_to_queue,
            "handed_off": outcomes["handed_off"],
            "cancelled": outcomes["cancelled"],
            "duplicates_ignored": outcomes["duplicate"],
            "stale_ignored": outcomes["stale"],
            "shadow_skipped": outcomes["shadow"],
            "dead_lettered": len(dead_letters),
            "erp_sales_orders": len(orders),
            "handler_invocations": stats.invocations,
            "handler_crashes": stats.crashes,
            "records_received": stats.records,
            "erp_calls": erp_calls,
            "salesforce_api_calls": org.api_calls,
        },
        "erp": {"sales_orders": orders},
        "salesforce": {
            "updates": [
                {"object": write.object, "id": write.id, "fields": write.to_dict()["fields"]}
                for write in org.writes
            ],
        },
        "dead_letters": [entry.as_dict() for entry in dead_letters],
        "metrics": runtime.metric_summary(),
        "timing": {
            "seconds_in_handler": round(stats.seconds_in_handler, 3),
            "seconds_in_pipe": round(stats.seconds_in_pipe, 3),
            "seconds_in_bus": round(stats.seconds_in_bus, 3),
        },
    }


def read_events(path: Path) -> list[Any]:
    """Read a JSON-lines file of EventBridge events. A line that is not JSON makes the whole file
    malformed (``ValueError`` naming the line); a JSON line that is not a valid event is kept and
    rejected downstream with its reason."""
    import json

    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    events: list[Any] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                events.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(
                    f"{path}:{number}: not a JSON line ({exc.msg} at column {exc.colno})"
                ) from exc
    if not events:
        raise ValueError(f"{path}: no events in the file")
    return events
