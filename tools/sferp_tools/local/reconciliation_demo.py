"""The reconciliation step of ``make demo``: drift planted on both sides, found, fixed, reported."""

from __future__ import annotations

from pathlib import Path

from sferp.settings import FlowMode
from sferp_tools.local.reconciliation import run_local


def demo_step(*, out: Path, seed: int) -> None:
    print("\n== Nightly reconciliation (Step Functions in moto, embedded ERP and org) ==")
    report = Path(out) / "reconcile-report.json"
    code, line = run_local(
        mode=FlowMode.LIVE, run_date="2024-05-01", accounts=40, seed=seed, report_path=report
    )
    print(f"  {line}")
    if code == 0:
        print(f"  report: {report} (HTML: {report.with_suffix('.html')})")
