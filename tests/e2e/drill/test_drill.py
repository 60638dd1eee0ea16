"""``sferp local drill``: an ERP outage during a stream of orders, judged by the synthesized stack's
own alarms on the metrics the handlers emitted, recovered with the runbook's commands; every order
ends in the ERP exactly once with its write-back, the alarms return to OK, and the HTML report is
self-contained and renders its charts and outcome table in a real headless browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sferp_tools.local.drill import DrillRun, render_html, run_drill, runbook_commands

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def drill() -> DrillRun:
    return run_drill()


def test_the_outage_raises_the_record_and_dlq_alarms_and_the_runbook_brings_them_back(
    drill: DrillRun,
) -> None:
    fired = {c["alarm"] for c in drill.alarm_changes if c["state"] == "ALARM"}
    # The stack's own alarms, evaluated on what the handlers emitted: the two an ERP outage must raise
    assert {"sferp-dev-processing-dlq-not-empty", "sferp-dev-record-error-rate"} <= fired
    # ... during the outage, not before it
    outage = [m.minute for m in drill.minutes if m.fault]
    assert all(outage[0] <= c["minute"] for c in drill.alarm_changes if c["state"] == "ALARM")
    # The drill ran the runbook's commands, as the runbook writes them, once the ERP was back
    commands = runbook_commands()
    assert [s["command"] for s in drill.steps] == [
        commands["inspect"].replace("<env>", "local") + " --max 50",
        commands["redrive"].replace("<env>", "local"),
    ]
    assert all(s["exit_code"] == 0 for s in drill.steps) and drill.steps[0]["minute"] > outage[-1]
    assert "maxReceiveCount exceeded" in drill.steps[0]["output"]
    # Every alarm is OK at the end, and nothing was lost or handed off twice
    assert drill.outcome["alarms_in_alarm_at_the_end"] == []
    assert drill.outcome["nothing_lost"] is True
    assert (
        drill.outcome["in_erp_exactly_once"]
        == drill.outcome["orders"]
        == drill.outcome["written_back_synced"]
    )
    assert drill.outcome["dead_letters_left"] == 0


def test_the_report_is_self_contained(drill: DrillRun) -> None:
    page = render_html(drill)
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "an external resource"
    assert "@import" not in page and "url(" not in page
    assert page.count("<svg") == 3 and 'id="outcome"' in page and "nothing lost" in page


def _render(path: Path, tmp_path: Path) -> tuple[str, list[str]]:
    """The page as a real browser lays it out: its DOM after load, and every console message."""
    assert CHROMIUM
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return result.stdout, console


_MEASURE = """<script>
window.addEventListener("load", () => {
  const out = {};
  out.polylines = [...document.querySelectorAll("svg polyline")].map(p => Math.round(p.getBBox().width));
  out.cells = [...document.querySelectorAll("svg rect.alarm, svg rect.ok")].filter(r => r.getBBox().width > 0).length;
  out.rows = document.querySelectorAll("#outcome tr").length;
  out.svgs = [...document.querySelectorAll("svg")].map(s => Math.round(s.getBoundingClientRect().width));
  const pre = document.createElement("pre"); pre.id = "measured"; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="chromium is not installed (.ci/run installs it)"
)
def test_the_report_renders_its_charts_and_outcome_in_a_headless_browser(
    drill: DrillRun, tmp_path: Path
) -> None:
    import json

    assert CHROMIUM, "chromium is missing: .ci/run installs it (apt-get install chromium)"
    report = tmp_path / "drill.html"
    report.write_text(render_html(drill), encoding="utf-8")
    # The report as it is: no console message at all (it has no script; a failed load would log)
    dom, console = _render(report, tmp_path)
    assert console == [] and 'id="outcome"' in dom
    # The same page with a measuring script appended (the test's, not the report's): the browser
    # laid out every chart line, the alarm time line and the outcome table
    measured_page = tmp_path / "measured.html"
    measured_page.write_text(render_html(drill).replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    dom, console = _render(measured_page, tmp_path)
    assert console == []
    measured: dict[str, Any] = json.loads(re.search(r'<pre id="measured">(.*?)</pre>', dom).group(1))  # type: ignore[union-attr]
    assert len(measured["polylines"]) == 7 and all(w > 100 for w in measured["polylines"])
    assert measured["cells"] >= 2 * len(drill.minutes)
    assert measured["rows"] == len(drill.outcome) and all(w >= 300 for w in measured["svgs"])


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="chromium is not installed (.ci/run installs it)"
)
def test_the_browser_check_sees_a_console_error(tmp_path: Path) -> None:
    # The check above can fail: a page that logs is caught
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><p>x</p><script>console.error("boom")</script>', encoding="utf-8")
    _, console = _render(page, tmp_path)
    assert any("boom" in line for line in console)


def test_near_the_api_limit_the_guard_defers_and_nothing_is_lost() -> None:
    run = run_drill(scenario="api-limit")
    # The org at 86 % of its daily limit: the stack's warning alarm fires (not the critical one, 90 %)
    fired = {c["alarm"] for c in run.alarm_changes if c["state"] == "ALARM"}
    assert fired == {"sferp-dev-salesforce-api-usage-warning"}
    # The guard held back the non-urgent writes while usage was high, and wrote them once it fell;
    # every order's urgent write-back went on throughout
    assert run.outcome["salesforce_writes_deferred"] > 0
    assert run.outcome["non_urgent_writes_all_written_at_the_end"] is True
    assert run.outcome["nothing_lost"] is True and run.outcome["alarms_in_alarm_at_the_end"] == []
    high = [m for m in run.minutes if m.fault]
    assert high and high[-1].synced == sum(m.published for m in high)  # write-backs were not deferred


def test_a_silent_relay_raises_the_relay_alarm_and_the_backlog_arrives_once() -> None:
    run = run_drill(scenario="relay-silent")
    changes = [(c["alarm"], c["state"]) for c in run.alarm_changes]
    # RUNNING all along, but nothing relayed while orders were activated: only the silence alarm
    assert changes == [("sferp-prod-relay-events-silent", "ALARM"), ("sferp-prod-relay-events-silent", "OK")]
    silent = [m.minute for m in run.minutes if m.fault]
    fired_at = run.alarm_changes[0]["minute"]
    assert silent[0] + 30 <= fired_at <= silent[-1]  # past the stack's 30-minute window, during the silence
    # The runbook's gap-closing command (its dry run, offline) ran after the relay relayed again
    [step] = run.steps
    assert step["command"].startswith(
        "sferp ops reconciliation backfill --env local --entity orders --since "
    )
    assert step["exit_code"] == 0 and step["minute"] > silent[-1]
    assert run.outcome["nothing_lost"] is True and run.outcome["in_erp_more_than_once"] == 0
