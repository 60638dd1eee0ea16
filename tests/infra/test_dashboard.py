"""The environment's dashboard: every alarm on it, and no widget for a metric nothing publishes."""

from __future__ import annotations

import ast
import json
import re

from synth_support import REPO_ROOT, Synth


def _dashboard_body(synth: Synth) -> str:
    [dashboard] = [r for r in synth.resources.values() if r["Type"] == "AWS::CloudWatch::Dashboard"]
    body = dashboard["Properties"]["DashboardBody"]
    if isinstance(body, dict) and "Fn::Join" in body:
        return "".join(part if isinstance(part, str) else json.dumps(part) for part in body["Fn::Join"][1])
    return str(body)


_PUBLISHERS = {"add_metric", "single_metric", "_publish_metric"}


def _published_metric_names() -> set[str]:
    """The names every ``metrics.add_metric(name=...)`` in the runtime package passes: the
    constants it names, resolved from the modules that define them."""
    package = REPO_ROOT / "layers" / "sferp" / "sferp"
    constants: dict[str, str] = {}
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.AnnAssign | ast.Assign) and isinstance(
                getattr(node, "value", None), ast.Constant
            ):
                targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
                for target in targets:
                    if isinstance(target, ast.Name) and target.id.startswith("METRIC_"):
                        constants[target.id] = node.value.value  # type: ignore[union-attr]
    published: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if called in _PUBLISHERS:
                # the metric's name: the keyword name=, or the second positional argument of the
                # relay check's _publish_metric(relay, name, value)
                given = [k.value for k in node.keywords if k.arg == "name"]
                if called == "_publish_metric" and len(node.args) >= 2:
                    given.append(node.args[1])
                for value in given:
                    name = value.attr if isinstance(value, ast.Attribute) else getattr(value, "id", None)
                    if isinstance(value, ast.Constant):
                        published.add(value.value)
                    elif name in constants:
                        published.add(constants[name])
                    elif name == "metric":  # a loop over (outcome, metric) pairs of constants
                        published |= {v for k, v in constants.items() if k.startswith("METRIC_WRITER_")}
    return published


def test_every_alarm_is_on_the_dashboard(synth: Synth) -> None:
    # Given the dashboard body / Then the alarm status widget references every alarm of the stack
    body = _dashboard_body(synth)
    assert '"type":"alarm"' in body
    for spec in synth.stack.alarm_specs:
        assert spec.alarm is not None, spec.name
        logical_id = synth.stack.get_logical_id(spec.alarm.node.default_child)  # type: ignore[arg-type]
        assert f'"Fn::GetAtt": ["{logical_id}", "Arn"]' in body, spec.name


def test_no_widget_shows_a_metric_nothing_publishes(synth: Synth) -> None:
    body = _dashboard_body(synth)
    shown = set(re.findall(r'\["sferp","([A-Za-z]+)"', body))
    assert shown, "no sferp metric on the dashboard"
    assert shown <= _published_metric_names(), shown - _published_metric_names()
