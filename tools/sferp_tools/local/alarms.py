"""The stack's CloudWatch alarms, evaluated locally on the metrics a local run emitted.

The definitions are the synthesized template's ``AWS::CloudWatch::Alarm`` resources (the stack's
own, not a copy): metric, statistic, period, threshold, comparison, evaluation periods, datapoints
to alarm, missing-data treatment, and the metric-math expressions the record-level alarms use.
The datapoints are what a local run put in ``VirtualCloudWatch``: the handlers' EMF (namespace
``sferp``, their dimensions) and samples of the local queues (``AWS/SQS``), at virtual times.

Two translations, said where they happen: the local stack's resources are named ``sferp-local-*``
and its metrics carry ``environment=local``; both are read as the synthesized environment's. And
the evaluation is CloudWatch's basic rule (the last ``EvaluationPeriods`` periods, ALARM when at
least ``DatapointsToAlarm`` of them breach), not its full state machine (no INSUFFICIENT_DATA
hysteresis).
"""

from __future__ import annotations

import functools
import json
import math
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[3]
LOCAL_ENV = "local"

_COMPARE = {
    "GreaterThanThreshold": lambda v, t: v > t,
    "GreaterThanOrEqualToThreshold": lambda v, t: v >= t,
    "LessThanThreshold": lambda v, t: v < t,
    "LessThanOrEqualToThreshold": lambda v, t: v <= t,
}


@dataclass(frozen=True)
class MetricQuery:
    id: str
    namespace: str
    name: str
    dimensions: tuple[tuple[str, str], ...]
    period: int
    stat: str


@dataclass(frozen=True)
class StackAlarm:
    name: str
    severity: str
    runbook: str
    comparison: str
    threshold: float
    evaluation_periods: int
    datapoints: int
    treat_missing: str
    queries: tuple[MetricQuery, ...]
    expression: str | None = None  # metric math over the queries' ids; None: the one query

    @property
    def period(self) -> int:
        return max(q.period for q in self.queries)


def _resolve(value: Any, resources: Mapping[str, Any]) -> str:
    """A dimension value: a literal, or a queue's name (``Fn::GetAtt [Queue, QueueName]``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "Fn::GetAtt" in value:
        logical_id, attribute = value["Fn::GetAtt"]
        properties = resources.get(logical_id, {}).get("Properties", {})
        if attribute == "QueueName" and "QueueName" in properties:
            return str(properties["QueueName"])
    return json.dumps(value, sort_keys=True)  # unresolvable: matches nothing local


def _query(
    qid: str, metric: Mapping[str, Any], period: int, stat: str, resources: Mapping[str, Any]
) -> MetricQuery:
    dimensions = tuple(
        sorted((str(d["Name"]), _resolve(d["Value"], resources)) for d in metric.get("Dimensions", []))
    )
    return MetricQuery(
        qid, str(metric["Namespace"]), str(metric["MetricName"]), dimensions, int(period), stat
    )


def alarms_from_template(resources: Mapping[str, Any]) -> list[StackAlarm]:
    alarms = []
    for resource in resources.values():
        if resource.get("Type") != "AWS::CloudWatch::Alarm":
            continue
        p = resource["Properties"]
        description = str(p.get("AlarmDescription", ""))
        severity = re.match(r"\[(\w+)\]", description)
        runbook = re.search(r"(docs/runbooks/[\w.-]+\.md)", description)
        expression, queries = None, []
        if "Metrics" in p:
            for entry in p["Metrics"]:
                if "Expression" in entry:
                    expression = str(entry["Expression"])
                else:
                    stat = entry["MetricStat"]
                    queries.append(
                        _query(entry["Id"], stat["Metric"], stat["Period"], stat["Stat"], resources)
                    )
        else:
            queries.append(
                _query(
                    "m",
                    p,
                    p["Period"],
                    str(p.get("Statistic") or p.get("ExtendedStatistic")),
                    resources,
                )
            )
        alarms.append(
            StackAlarm(
                name=str(p["AlarmName"]),
                severity=severity.group(1) if severity else "unknown",
                runbook=runbook.group(1) if runbook else "",
                comparison=str(p["ComparisonOperator"]),
                threshold=float(p["Threshold"]),
                evaluation_periods=int(p["EvaluationPeriods"]),
                datapoints=int(p.get("DatapointsToAlarm", p["EvaluationPeriods"])),
                treat_missing=str(p.get("TreatMissingData", "missing")),
                queries=tuple(queries),
                expression=expression,
            )
        )
    return sorted(alarms, key=lambda a: a.name)


@functools.cache
def load_stack_alarms(env_name: str = "dev") -> tuple[StackAlarm, ...]:
    """Synthesize the environment's stack (cdk.json's context, no cdk-nag) and read its alarms;
    once a process per environment (a synth takes seconds, and cdk.json does not change meanwhile)."""
    import os
    import tempfile

    os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))  # infra/ is the checkout's, not an installed package
    from infra.app import build_app

    context = json.loads((REPO_ROOT / "cdk.json").read_text(encoding="utf-8"))["context"]
    with tempfile.TemporaryDirectory() as outdir:
        app, stack = build_app(context={**context, "env": env_name}, outdir=outdir, nag=False)
        assembly = app.synth()
        template = Path(assembly.get_stack_artifact(stack.artifact_id).template_full_path)
        resources = json.loads(template.read_text(encoding="utf-8"))["Resources"]
    return tuple(alarms_from_template(resources))


# --- the datapoints ------------------------------------------------------------------------------------
@dataclass
class VirtualCloudWatch:
    """Datapoints at virtual times (seconds from the run's start), by metric identity."""

    env_name: str  # the synthesized environment the local names and dimensions are read as
    points: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[tuple[float, float]]] = field(
        default_factory=dict
    )

    def _local_as_stack(self, text: str) -> str:
        return text.replace(f"sferp-{LOCAL_ENV}-", f"sferp-{self.env_name}-")

    def put(self, namespace: str, name: str, dimensions: Mapping[str, str], value: float, at: float) -> None:
        dims = tuple(
            sorted(
                (
                    k,
                    self.env_name
                    if (k == "environment" and v == LOCAL_ENV)
                    else self._local_as_stack(str(v)),
                )
                for k, v in dimensions.items()
            )
        )
        self.points.setdefault((namespace, name, dims), []).append((at, float(value)))

    def put_emf(self, output: str, at: float) -> int:
        """Every EMF metric a handler printed, with its dimensions, at ``at``; how many."""
        from sferp_tools.local.harness import emf_documents, emf_values

        count = 0
        for document, directive in emf_documents(output):
            for dimension_set in directive.get("Dimensions", [[]]):
                dims = {d: str(document[d]) for d in dimension_set if d in document}
                for metric in directive.get("Metrics", []):
                    for value in emf_values(document, metric["Name"]):
                        self.put(directive["Namespace"], metric["Name"], dims, value, at)
                        count += 1
        return count

    def statistic(self, query: MetricQuery, start: float, end: float) -> float | None:
        values = [
            v
            for t, v in self.points.get((query.namespace, query.name, query.dimensions), [])
            if start <= t < end
        ]
        if not values:
            return None
        stat = query.stat
        if stat == "Sum":
            return sum(values)
        if stat == "Maximum":
            return max(values)
        if stat == "Minimum":
            return min(values)
        if stat in ("Average", "avg"):
            return sum(values) / len(values)
        if stat == "SampleCount":
            return float(len(values))
        if re.fullmatch(r"p\d+(\.\d+)?", stat):
            ordered = sorted(values)
            rank = max(0, math.ceil(float(stat[1:]) / 100 * len(ordered)) - 1)
            return ordered[rank]
        raise ValueError(f"statistic {stat!r} is not evaluated locally")


# --- metric math (the functions the stack's expressions use) --------------------------------------------
def _python(expression: str) -> str:
    """CloudWatch metric math -> a Python expression: IF(c, a, b) (lazy), FILL(m, v), MAX([...])."""
    text = expression
    while "IF(" in text:
        start = text.rindex("IF(")
        depth, parts, current = 0, [], ""
        i = start + 3
        while True:
            char = text[i]
            if char in "([":
                depth += 1
            elif char in ")]":
                if depth == 0:
                    break
                depth -= 1
            if char == "," and depth == 0:
                parts.append(current)
                current = ""
            else:
                current += char
            i += 1
        parts.append(current)
        if len(parts) != 3:
            raise ValueError(f"IF needs three arguments: {expression}")
        condition, then, otherwise = (p.strip() for p in parts)
        text = f"{text[:start]}(({then}) if ({condition}) else ({otherwise})){text[i + 1 :]}"
    text = re.sub(r"\bFILL\(", "_fill(", text)
    text = re.sub(r"\bMAX\(", "_max(", text)
    if re.search(r"[A-Z]{2,}\(", text):
        raise ValueError(f"metric math not evaluated locally: {expression}")
    return text


def _fill(value: float | None, default: float) -> float:
    return default if value is None else value


def _max(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def period_value(alarm: StackAlarm, cloudwatch: VirtualCloudWatch, start: float, end: float) -> float | None:
    values = {q.id: cloudwatch.statistic(q, start, end) for q in alarm.queries}
    if alarm.expression is None:
        return values[alarm.queries[0].id]
    try:
        result = eval(  # noqa: S307 - the stack's own metric math, translated above; no builtins
            _python(alarm.expression), {"__builtins__": {}, "_fill": _fill, "_max": _max}, dict(values)
        )
    except (TypeError, ZeroDivisionError):
        return None  # a missing metric the expression does not FILL
    return None if result is None else float(result)


def evaluate(alarm: StackAlarm, cloudwatch: VirtualCloudWatch, at: float) -> str:
    """``ALARM`` or ``OK`` at virtual time ``at`` (periods ending at ``at``)."""
    period = alarm.period
    breaching = 0
    seen = 0
    for k in range(alarm.evaluation_periods):
        end = at - k * period
        value = period_value(alarm, cloudwatch, end - period, end)
        if value is None:
            if alarm.treat_missing == "breaching":
                breaching += 1
                seen += 1
            elif alarm.treat_missing == "notBreaching":
                seen += 1
            continue
        seen += 1
        if _COMPARE[alarm.comparison](value, alarm.threshold):
            breaching += 1
    return "ALARM" if seen and breaching >= alarm.datapoints else "OK"


def states(alarms: Iterable[StackAlarm], cloudwatch: VirtualCloudWatch, at: float) -> dict[str, str]:
    return {a.name: evaluate(a, cloudwatch, at) for a in alarms}
