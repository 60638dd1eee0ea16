"""``sferp local drill``: an ERP outage during a stream of orders, in the local runtime on virtual
time, judged by the stack's own alarms, and recovered by following the runbook's commands.

The minute-by-minute script: Salesforce activates orders (``Order_Handoff__e`` through the local
bus, pipe and FIFO queue to the real handler); from ``outage_from`` to ``outage_to`` every ERP call
fails, the handler hands the records back, SQS retries them and after 5 receives moves them to the
processing DLQ. Each minute the handlers' EMF and samples of the queues go into a virtual
CloudWatch, and every alarm of the synthesized stack (``sferp_tools.local.alarms``) is evaluated.
When the ERP is back and the DLQ alarm is in ALARM, the drill runs the commands its runbook
(``docs/runbooks/order_handoff-dlq-not-empty.md``) gives — ``dlq inspect``, then ``dlq redrive`` —
through the real ``sferp`` CLI against the local (moto) queues, and runs on until every alarm is OK.
The report says whether every order reached the ERP exactly once with its write-back, and shows the
time line as a self-contained HTML page (inline SVG, no script, no external font or stylesheet).

Variants (``--scenario``): ``api-limit`` (the org at 86 % of its daily API limit, non-urgent price
writes beside the orders: the guard defers them, the warning alarm fires, nothing is lost) and
``relay-silent`` (the prod stack's alarms: the relay RUNNING but silent while orders are activated,
judged by the relay health check; the runbook's backfill dry run once it relays again).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sferp import names
from sferp.settings import FlowMode
from sferp_tools.local.alarms import REPO_ROOT, StackAlarm, VirtualCloudWatch, load_stack_alarms, states

RUNBOOK = "docs/runbooks/order_handoff-dlq-not-empty.md"
LOCAL_ENV_NAME = "local"
DLQ_ALARM = "processing-dlq-not-empty"
RECORD_ALARM = "record-error-rate"
MINUTE = 60


@dataclass
class DrillMinute:
    minute: int
    published: int
    fault: bool  # the scenario's fault (ERP down, API usage high, relay silent) this minute
    in_erp: int  # ERP sales orders so far
    synced: int  # Salesforce Orders showing Synced so far
    queue: int
    dlq: int
    invocations: int
    failed_records: int  # records handed back to SQS this minute (RecordsFailed)
    alarms: dict[str, str] = field(default_factory=dict)


@dataclass
class DrillRun:
    scenario: str
    environment: str
    minutes: list[DrillMinute] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)  # the runbook commands run, with output
    outcome: dict[str, Any] = field(default_factory=dict)
    alarm_changes: list[dict[str, Any]] = field(default_factory=list)
    watched: tuple[str, ...] = ()  # alarms shown on the time line even when OK throughout

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "environment": self.environment,
            "outcome": self.outcome,
            "steps": self.steps,
            "alarm_changes": self.alarm_changes,
            "minutes": [m.__dict__ for m in self.minutes],
        }


def runbook_commands(runbook: str = RUNBOOK) -> dict[str, str]:
    """The runbook's ``dlq inspect`` and ``dlq redrive`` commands as it writes them (the drill runs
    what operators are told to run, with ``<env>`` filled in)."""
    text = (REPO_ROOT / runbook).read_text(encoding="utf-8")
    found = {}
    for verb in ("inspect", "redrive"):
        pattern = rf"`(sferp ops order_handoff dlq {verb} --env <env>)[^`]*`"
        match = re.search(pattern, text)
        if match is None:
            raise RuntimeError(f"{runbook} gives no `sferp ops order_handoff dlq {verb} --env <env>` command")
        found[verb] = match.group(1)
    return found


@contextlib.contextmanager
def _local_handoff(
    orders: int, seed: int, *, api_used: int = 0
) -> Iterator[tuple[Any, Any, Any, Any, dict[str, bool], Any, list[str]]]:
    """The local order handoff (moto stack, real handler, embedded ERP and org), steppable."""
    from sferp.adapters.erp.embedded import EmbeddedErp
    from sferp_tools.embedded_org import EmbeddedSalesforceOrg
    from sferp_tools.local.order_handoff import local_handoff, master_data_of
    from sferp_tools.synthetic.order_handoff import generate

    scenario = generate(
        orders, seed=seed, duplicate_rate=0.0, update_rate=0.0, cancel_rate=0.0, reorder_rate=0.0, poison=0
    )
    erp = EmbeddedErp(rng=random.Random(seed))  # noqa: S311 - not cryptography
    org = EmbeddedSalesforceOrg(rng=random.Random(seed + 1), api_total=API_TOTAL, api_used_start=api_used)  # noqa: S311
    scenario.seed_org(org)
    accounts, skus = master_data_of(scenario.events, org)
    erp.seed_master_data(accounts=accounts, skus=skus)
    switch = {"erp_down": False}
    captured: list[str] = []
    with local_handoff(
        erp=erp,
        org=org,
        mode=FlowMode.LIVE,
        rng=random.Random(seed),  # noqa: S311
        log_stream=io.StringIO(),
        around_invocation=lambda _n: erp.outage() if switch["erp_down"] else contextlib.nullcontext(),
        on_emf=captured.append,
    ) as (runtime, session):
        yield runtime, erp, org, scenario, switch, session, captured


def _depth(sqs: Any, url: str) -> int:
    attributes = sqs.get_queue_attributes(
        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(
        attributes["ApproximateNumberOfMessagesNotVisible"]
    )


def _run_cli(command: str, env: str) -> dict[str, Any]:
    """A runbook command through the real ``sferp`` CLI (in-process, against moto)."""
    from sferp_tools import cli

    argv = command.replace("<env>", env).split()[1:]  # drop "sferp"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return {
        "command": " ".join(["sferp", *argv]),
        "exit_code": code,
        "output": out.getvalue()[-4000:],
        "error": err.getvalue()[-2000:],
    }


SCENARIOS = {
    # scenario: (stack environment, orders a minute, minutes of orders, fault from, fault to)
    "erp-outage": ("dev", 4, 20, 4, 10),
    # 86 % of the daily API limit used by others; the 24-hour window moves on at minute 12.
    "api-limit": ("dev", 4, 20, 0, 11),
    # The platform-event relay relays nothing from minute 5 to 44 while orders are activated (the
    # silence must outlast the stack's relay_silent_minutes, 30); run again, it relays the backlog.
    "relay-silent": ("prod", 1, 50, 5, 44),
}
RELAY_RUNBOOK = "docs/runbooks/relay_health-silent.md"
# What each scenario must raise (shown on the time line even while OK).
WATCHED = {
    "erp-outage": lambda env: (f"sferp-{env}-{DLQ_ALARM}", f"sferp-{env}-{RECORD_ALARM}"),
    "api-limit": lambda env: (
        f"sferp-{env}-salesforce-api-usage-warning",
        f"sferp-{env}-salesforce-api-usage-critical",
    ),
    "relay-silent": lambda env: (f"sferp-{env}-relay-events-silent", f"sferp-{env}-relay-events-not-running"),
}
FAULT_LABEL = {
    "erp-outage": "the ERP was down",
    "api-limit": "the org was above 80 % of its daily API limit",
    "relay-silent": "the Event Relay relayed nothing",
}
API_USED_SHARE = 0.86
API_TOTAL = 100_000
START_AT = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _backfill_command() -> str:
    text = (REPO_ROOT / RELAY_RUNBOOK).read_text(encoding="utf-8")
    match = re.search(r"`(sferp ops reconciliation backfill --env <env> [^`]*--dry-run)`", text)
    if match is None:
        raise RuntimeError(
            f"{RELAY_RUNBOOK} gives no `sferp ops reconciliation backfill ... --dry-run` command"
        )
    return match.group(1)


def run_drill(
    *,
    scenario: str = "erp-outage",
    max_minutes: int = 120,
    batches_per_minute: int = 6,
    seed: int = 0,
    alarms: tuple[StackAlarm, ...] | None = None,
) -> DrillRun:
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown drill scenario {scenario!r}: one of {sorted(SCENARIOS)}")
    stack_env, orders_per_minute, order_minutes, fault_from, fault_to = SCENARIOS[scenario]
    stack_alarms = alarms if alarms is not None else load_stack_alarms(stack_env)
    watch = VirtualCloudWatch(env_name=stack_env)
    run = DrillRun(scenario=scenario, environment=stack_env, watched=WATCHED[scenario](stack_env))
    commands = runbook_commands()
    total = orders_per_minute * order_minutes
    api_used = int(API_TOTAL * API_USED_SHARE) if scenario == "api-limit" else 0
    with _local_handoff(total, seed, api_used=api_used) as (
        runtime,
        erp,
        org,
        events_of,
        switch,
        session,
        captured,
    ):
        sqs = session.client("sqs")
        stack = runtime.stack
        events = list(events_of.events)
        order_ids = sorted({str(e["detail"]["payload"]["Order_Id__c"]) for e in events})
        relays = _relay_check(org, stack_env) if scenario == "relay-silent" else None
        if relays is not None:
            # The check has run every 5 minutes before the drill (its not-running alarms treat a
            # missing check as breaching): a healthy quarter of an hour of history.
            for back in (15, 10, 5):
                watch.put_emf(relays.check(START_AT - timedelta(minutes=back)), -back * MINUTE)
        prices = _NonUrgentWrites(org) if scenario == "api-limit" else None
        withheld: list[dict[str, Any]] = []
        previous: dict[str, str] = {}
        recovered = scenario == "api-limit"  # the guard needs no operator; the others need the runbook
        clock = {"now": START_AT}
        for minute in range(max_minutes):
            clock["now"] = START_AT + timedelta(minutes=minute)
            in_fault = fault_from <= minute <= fault_to
            switch["erp_down"] = scenario == "erp-outage" and in_fault
            if scenario == "api-limit" and minute == fault_to + 1:
                org.set_api_used(0)  # the org's 24-hour window moved on
            wave = events[minute * orders_per_minute : (minute + 1) * orders_per_minute]
            for event in wave:  # activated in Salesforce now (what the relay check reads as evidence)
                order_id = str(event["detail"]["payload"]["Order_Id__c"])
                if org.has_order(order_id):
                    org.set_fields("Order", order_id, ActivatedDate=clock["now"])
            if scenario == "relay-silent" and in_fault:
                withheld += wave  # published in Salesforce, not relayed
            else:
                relayed = withheld + wave
                withheld = []
                runtime.publish(relayed)
                if relays is not None and relayed:
                    relays.relayed(clock["now"])
            if prices is not None:
                prices.offer(minute)
            invocations_before = runtime.stats.invocations
            failed_before = sum(runtime.emitted_metrics.get(names.METRIC_RECORDS_FAILED, []))
            for _ in range(batches_per_minute):
                runtime.pump_pipe()
                if not runtime.consume_once():
                    break
            at = minute * MINUTE
            if relays is not None and minute % 5 == 4:  # the relay check's 5-minute schedule
                captured.append(relays.check(clock["now"]))
            for output in captured:
                watch.put_emf(output, at + MINUTE / 2)
            captured.clear()
            depth = {key: _depth(sqs, stack.urls[key]) for key in ("queue", "dlq", "buffer", "delivery_dlq")}
            for key in ("queue", "dlq", "buffer", "delivery_dlq"):
                watch.put(
                    "AWS/SQS",
                    "ApproximateNumberOfMessagesVisible",
                    {"QueueName": stack.names[key]},
                    depth[key],
                    at + MINUTE - 1,
                )
            now = states(stack_alarms, watch, at + MINUTE)
            for name, state in now.items():
                if previous.get(name, "OK") != state:
                    run.alarm_changes.append({"minute": minute, "alarm": name, "state": state})
            previous = now
            run.minutes.append(
                DrillMinute(
                    minute=minute,
                    published=len(wave),
                    fault=in_fault,
                    in_erp=len({o.external_reference for o in erp.sales_orders()}),
                    synced=sum(
                        1
                        for oid in order_ids
                        if (org.get_record("Order", oid) or {}).get("ERP_Sync_Status__c") == "Synced"
                    ),
                    queue=depth["queue"],
                    dlq=depth["dlq"],
                    invocations=runtime.stats.invocations - invocations_before,
                    failed_records=int(
                        sum(runtime.emitted_metrics.get(names.METRIC_RECORDS_FAILED, [])) - failed_before
                    ),
                    alarms={k: v for k, v in now.items() if v == "ALARM" or k in run.watched},
                )
            )
            if not recovered and not in_fault and minute > fault_to:
                recovered = _follow_runbook(run, scenario, minute, now, stack_env, commands, relays)
            finished = (
                minute >= order_minutes and minute > fault_to and depth["queue"] == 0 and depth["dlq"] == 0
            )
            if finished and recovered and all(v == "OK" for v in now.values()):
                break
        per_order = Counter(o.external_reference for o in erp.sales_orders())
        synced = {
            oid
            for oid in order_ids
            if (org.get_record("Order", oid) or {}).get("ERP_Sync_Status__c") == "Synced"
            and (org.get_record("Order", oid) or {}).get("ERP_Order_Number__c")
        }
        ever_alarmed = sorted({c["alarm"] for c in run.alarm_changes if c["state"] == "ALARM"})
        deferred = sum(runtime.emitted_metrics.get("SalesforceWritesDeferred", []))
        run.outcome = {
            "orders": len(order_ids),
            "in_erp_exactly_once": sum(1 for oid in order_ids if per_order.get(oid) == 1),
            "in_erp_more_than_once": sum(1 for oid in order_ids if per_order.get(oid, 0) > 1),
            "missing_in_erp": sum(1 for oid in order_ids if oid not in per_order),
            "written_back_synced": len(synced),
            "dead_letters_left": _depth(sqs, stack.urls["dlq"]),
            "salesforce_writes_deferred": int(deferred) + (prices.deferred if prices else 0),
            "alarms_that_fired": ever_alarmed,
            "alarms_in_alarm_at_the_end": sorted(k for k, v in previous.items() if v == "ALARM"),
            "minutes": len(run.minutes),
            "nothing_lost": all(per_order.get(oid) == 1 for oid in order_ids)
            and len(synced) == len(order_ids)
            and (prices is None or prices.all_written),
        }
        if prices is not None:
            run.outcome["non_urgent_writes_all_written_at_the_end"] = prices.all_written
    return run


def _follow_runbook(
    run: DrillRun,
    scenario: str,
    minute: int,
    now: dict[str, str],
    stack_env: str,
    commands: dict[str, str],
    relays: _RelayCheck | None,
) -> bool:
    """The runbook's commands once the fault is over and its alarm is in ALARM; whether done."""
    if scenario == "erp-outage" and now.get(f"sferp-{stack_env}-{DLQ_ALARM}") == "ALARM":
        # docs/runbooks/order_handoff-dlq-not-empty.md: what is in the DLQ and why, then redrive.
        run.steps.append({"minute": minute, **_run_cli(commands["inspect"] + " --max 50", "local")})
        run.steps.append({"minute": minute, **_run_cli(commands["redrive"], "local")})
        return True
    if scenario == "relay-silent" and relays is not None and relays.silence_started is not None:
        # docs/runbooks/relay_health-silent.md: the relay is run again (Salesforce Setup, not a
        # sferp command: the drill's relay relays its backlog when the silence ends), then the gap
        # is closed from the last relayed event on; its dry run is what the drill can run offline.
        since = relays.silence_started.strftime("%Y-%m-%dT%H:%M:%SZ")
        command = _backfill_command().replace("<last_relayed>", since)
        run.steps.append({"minute": minute, **_run_cli(command, LOCAL_ENV_NAME)})
        return True
    return False


class _NonUrgentWrites:
    """Non-urgent Salesforce writes beside the order handoff (list-price updates, as the ERP status
    flow's products poll makes them) through the shared writer: deferred while the org is above the
    guard's share, offered again every minute (as the poll's watermark waits for them), written
    once usage falls."""

    def __init__(self, org: Any, products: int = 5) -> None:
        from sferp.ports.desired_state import InMemoryDesiredState
        from sferp.salesforce_writer import SalesforceWriter

        self.org = org
        self.writer = SalesforceWriter(org, state=InMemoryDesiredState())
        self.ids = [
            org.add_record("Product2", ERP_SKU__c=f"MAT-{n}", Name=f"Material {n}", IsActive=True)
            for n in range(products)
        ]
        self.pending: dict[str, Any] = {}
        self.deferred = 0
        self.written = 0
        self.wanted: dict[str, str] = {}

    def offer(self, minute: int) -> None:
        from sferp.salesforce_writer import RecordChange, WriteOutcome

        product = self.ids[minute % len(self.ids)]
        name = f"Material {product[-4:]} rev {minute}"
        self.wanted[product] = name
        self.pending[product] = RecordChange(
            "Product2", product, {"Name": name}, minute + 1, urgent=False, flow="drill"
        )
        for result in self.writer.write(list(self.pending.values())):
            if result.outcome is WriteOutcome.DEFERRED:
                self.deferred += 1
            elif result.outcome in (WriteOutcome.WRITTEN, WriteOutcome.SUPERSEDED):
                self.written += 1
                self.pending.pop(result.change.key, None)

    @property
    def all_written(self) -> bool:
        return not self.pending and all(
            (self.org.get_record("Product2", p) or {}).get("Name") == name for p, name in self.wanted.items()
        )


class _RelayCheck:
    """The relay health check (``sferp.relay_health``) on the drill's org: the environment's two
    relays as ``EventRelayFeedback`` records, the events relay's ``LastRelayedEventTime`` moved by
    what the drill relays, checked on the virtual clock."""

    def __init__(self, org: Any, silent_minutes: int, relays: dict[str, str]) -> None:
        from sferp.relay_health.service import RelayHealthChecker

        self.org = org
        self.relays = relays
        self.last: datetime = START_AT
        self.silence_started: datetime | None = None
        self._now = START_AT
        self.feedback = {
            name: org.add_record(
                "EventRelayFeedback", RemoteResource=source, Status="RUNNING", LastRelayedEventTime=START_AT
            )
            for name, source in relays.items()
        }
        self.checker = RelayHealthChecker(
            salesforce=org,
            relays=relays,
            environment=LOCAL_ENV_NAME,
            silent_window=timedelta(minutes=silent_minutes),
            clock=lambda: self._now,
        )

    def relayed(self, at: datetime) -> None:
        if self.silence_started is None and at - self.last > timedelta(minutes=1):
            self.silence_started = self.last
        self.last = at
        self.org.set_fields("EventRelayFeedback", self.feedback["events"], LastRelayedEventTime=at)

    def check(self, at: datetime) -> str:
        self._now = at
        if "changes" in self.feedback:  # the quiet CDC relay: healthy throughout
            self.org.set_fields("EventRelayFeedback", self.feedback["changes"], LastRelayedEventTime=at)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            self.checker.check()
        return printed.getvalue()


def _event_bus(stack_env: str) -> dict[str, Any]:
    """The environment's ``event_bus`` block in cdk.json (its relays and their silent window)."""
    context = json.loads((REPO_ROOT / "cdk.json").read_text(encoding="utf-8"))["context"]
    return dict(context["sferp:environments"][stack_env]["event_bus"])


def _relay_check(org: Any, stack_env: str) -> _RelayCheck:
    bus = _event_bus(stack_env)
    relays = {"events": bus["partner_event_source_name"], "changes": bus.get("cdc_partner_event_source_name")}
    return _RelayCheck(org, int(bus.get("relay_silent_minutes", 30)), {k: v for k, v in relays.items() if v})


# --- the HTML report -------------------------------------------------------------------------------------
_WIDTH, _HEIGHT, _PAD = 720, 180, 36


def _line_chart(title: str, minutes: list[DrillMinute], series: dict[str, tuple[str, list[float]]]) -> str:
    top = max([1.0, *(v for _, values in series.values() for v in values)])
    n = max(1, len(minutes) - 1)

    def x(i: int) -> float:
        return _PAD + i * (_WIDTH - 2 * _PAD) / n

    def y(v: float) -> float:
        return _HEIGHT - _PAD + 10 - v * (_HEIGHT - 2 * _PAD) / top

    outage = [m.minute for m in minutes if m.fault]
    parts = [
        f'<svg role="img" aria-label="{html.escape(title)}" width="{_WIDTH}" height="{_HEIGHT}" viewBox="0 0 {_WIDTH} {_HEIGHT}">'
    ]
    if outage:
        parts.append(
            f'<rect class="outage" x="{x(outage[0]):.1f}" y="10" width="{max(2.0, x(outage[-1]) - x(outage[0])):.1f}" '
            f'height="{_HEIGHT - 2 * _PAD}"><title>the fault</title></rect>'
        )
    parts.append(f'<line x1="{_PAD}" y1="{y(0):.1f}" x2="{_WIDTH - _PAD}" y2="{y(0):.1f}" class="axis"/>')
    parts.append(
        f'<text x="4" y="{y(top):.1f}" class="tick">{top:g}</text><text x="4" y="{y(0):.1f}" class="tick">0</text>'
    )
    for i in range(0, len(minutes), 5):
        parts.append(f'<text x="{x(i):.1f}" y="{_HEIGHT - 4}" class="tick">{minutes[i].minute}</text>')
    for label, (colour, values) in series.items():
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(
            f'<polyline class="series" stroke="{colour}" points="{points}"><title>{html.escape(label)}</title></polyline>'
        )
    parts.append("</svg>")
    legend = " ".join(
        f'<span class="key" style="border-color:{colour}">{html.escape(label)}</span>'
        for label, (colour, _) in series.items()
    )
    return f"<figure><figcaption>{html.escape(title)} {legend}</figcaption>{''.join(parts)}</figure>"


def _alarm_chart(run: DrillRun) -> str:
    names_ = sorted({name for m in run.minutes for name in m.alarms})
    cell = max(4, (_WIDTH - 260) // max(1, len(run.minutes)))
    height = 20 * len(names_) + 24
    parts = [
        f'<svg role="img" aria-label="alarm states" width="{260 + cell * len(run.minutes)}" height="{height}">'
    ]
    for row, name in enumerate(names_):
        parts.append(f'<text x="0" y="{20 * row + 14}" class="tick">{html.escape(name)}</text>')
        for col, minute in enumerate(run.minutes):
            state = minute.alarms.get(name, "OK")
            parts.append(
                f'<rect x="{260 + col * cell}" y="{20 * row + 2}" width="{cell - 1}" height="16" class="{state.lower()}">'
                f"<title>minute {minute.minute}: {state}</title></rect>"
            )
    parts.append("</svg>")
    return f"<figure><figcaption>Alarm states per minute (the stack's alarms; red ALARM, green OK)</figcaption>{''.join(parts)}</figure>"


def render_html(run: DrillRun) -> str:
    m = run.minutes
    outcome = run.outcome
    rows = "".join(
        f"<tr><th>{html.escape(k.replace('_', ' '))}</th><td>{html.escape(str(v))}</td></tr>"
        for k, v in outcome.items()
    )
    steps = "".join(
        f"<li>minute {s['minute']}: <code>{html.escape(s['command'])}</code> → exit {s['exit_code']}"
        f"<pre>{html.escape(s['output'][-1500:])}</pre></li>"
        for s in run.steps
    )
    verdict = "nothing lost" if outcome.get("nothing_lost") else "ORDERS LOST OR DUPLICATED"
    charts = [
        _line_chart(
            "Throughput: orders published and in the ERP (cumulative)",
            m,
            {
                "published": (
                    "#1f77b4",
                    [float(sum(x.published for x in m[: i + 1])) for i in range(len(m))],
                ),
                "in the ERP": ("#2ca02c", [float(x.in_erp) for x in m]),
                "written back Synced": ("#9467bd", [float(x.synced) for x in m]),
            },
        ),
        _line_chart(
            "Lag: orders not yet in the ERP, in the queue and dead-lettered (DLQ); records failed a minute",
            m,
            {
                "not yet in the ERP": (
                    "#8c564b",
                    [float(sum(x.published for x in m[: i + 1]) - m[i].in_erp) for i in range(len(m))],
                ),
                "queue": ("#ff7f0e", [float(x.queue) for x in m]),
                "DLQ": ("#d62728", [float(x.dlq) for x in m]),
                "records failed": ("#7f7f7f", [float(x.failed_records) for x in m]),
            },
        ),
        _alarm_chart(run),
    ]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sferp drill: {html.escape(run.scenario)}</title>
<style>
body{{font-family:system-ui,sans-serif;margin:2rem;color:#222}} table{{border-collapse:collapse}}
th,td{{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}} figure{{margin:1.5rem 0}}
.axis{{stroke:#999}} .tick{{font-size:11px;fill:#555}} .series{{fill:none;stroke-width:2}}
.outage{{fill:#fdd}} .alarm{{fill:#d62728}} .ok{{fill:#2ca02c}} .key{{border-left:12px solid;padding-left:4px;margin-left:8px;font-size:12px}}
pre{{background:#f6f6f6;padding:.5rem;max-height:12rem;overflow:auto;font-size:11px}}
</style></head><body>
<h1>sferp drill: {html.escape(run.scenario)} ({html.escape(verdict)})</h1>
<p>The {html.escape(run.environment)} stack's alarms evaluated on the metrics the local handlers emitted,
minute by minute in virtual time; {html.escape(FAULT_LABEL[run.scenario])} in the shaded minutes.</p>
<table id="outcome">{rows}</table>
{"".join(charts)}
<h2>Runbook commands run</h2><ol id="steps">{steps}</ol>
</body></html>
"""


def register(parser: Any) -> None:
    """``sferp local drill``'s options, on its parser (``sferp_tools.local.cli`` makes it)."""
    parser.description = __doc__.split("\n\n")[0] if __doc__ else None
    parser.add_argument("--report", type=Path, default=None, help="write the JSON report here")
    parser.add_argument("--html", type=Path, default=None, help="write the HTML report here")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--scenario",
        choices=sorted(SCENARIOS),
        default="erp-outage",
        help="erp-outage (default), api-limit (the org near its daily API limit), relay-silent",
    )

    def _run(args: argparse.Namespace) -> int:
        run = run_drill(scenario=args.scenario, seed=args.seed)
        if args.report:
            args.report.write_text(json.dumps(run.as_dict(), indent=2, default=str) + "\n", encoding="utf-8")
        if args.html:
            args.html.write_text(render_html(run), encoding="utf-8")
        o = run.outcome
        print(
            f"drill {run.scenario}: {o['orders']} orders, {o['in_erp_exactly_once']} in the ERP exactly once, "
            f"{o['written_back_synced']} written back Synced, {o['dead_letters_left']} dead letters left"
        )
        print(
            f"alarms that fired: {', '.join(o['alarms_that_fired']) or 'none'}; "
            f"in ALARM at the end: {', '.join(o['alarms_in_alarm_at_the_end']) or 'none'}"
        )
        for step in run.steps:
            print(f"minute {step['minute']}: {step['command']} -> exit {step['exit_code']}")
        return 0 if o["nothing_lost"] and not o["alarms_in_alarm_at_the_end"] else 1

    parser.set_defaults(func=_run)
