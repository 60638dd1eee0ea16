"""The run report: JSON for machines (schema ``sferp.reconciliation.report/1``), one HTML page for people."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sferp.models.entities import get_entity
from sferp.reconciliation.compare import ReconcileResult, RecordClass
from sferp.reconciliation.rules import Rules

SCHEMA = "sferp.reconciliation.report/1"
DEFAULT_LIST_CAP = 1000  # items listed per section; totals are always exact


def entity_section(result: ReconcileResult, *, cap: int = DEFAULT_LIST_CAP) -> dict[str, Any]:
    spec = get_entity(result.entity)
    return {
        "counts": {c.value: result.counts.get(c.value, 0) for c in RecordClass},
        "records_compared": result.compared,
        "format_only_differences": result.format_only,
        "fields_differing": dict(sorted(result.fields_differing.items())),
        "unlinked_rows": dict(sorted(result.unlinked.items())),
        "fixes": {
            "salesforce": {
                "object": spec.salesforce_object,
                "upsert_external_id": spec.salesforce_key,
                "total": len(result.salesforce_fixes),
                "records": [u.to_json() for u in result.salesforce_fixes[:cap]],
            },
            "erp": {
                "key": spec.erp_key,
                "total": len(result.erp_fixes),
                "records": [u.to_json() for u in result.erp_fixes[:cap]],
            },
        },
        "review": {"total": len(result.review), "items": [r.to_dict() for r in result.review[:cap]]},
        "partitions": result.partitions,
    }


def build_report(
    results: list[ReconcileResult],
    *,
    rules: Rules,
    duration_s: float,
    inputs: dict[str, Any] | None = None,
    failures: list[dict[str, Any]] | None = None,
    cap: int = DEFAULT_LIST_CAP,
    generated_at: datetime | None = None,
    phases_s: dict[str, float] | None = None,
) -> dict[str, Any]:
    failures = failures or []
    timing = {"phases_s": phases_s} if phases_s else {}  # the columnar engine's, where it ran in one process
    return {
        "schema": SCHEMA,
        "generated_at": (generated_at or datetime.now(UTC)).isoformat(),
        "mode": "compare_only",  # the offline CLI never writes to either system
        "rules": rules.to_dict(),
        "inputs": inputs or {},
        "duration_s": round(duration_s, 3),
        **timing,
        "entities": {r.entity: entity_section(r, cap=cap) for r in results},
        "failures": {"total": len(failures), "items": failures[:cap]},
        "list_cap": cap,
    }


def write_json(report: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(report, indent=2, sort_keys=False) + "\n", encoding="utf-8")


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:72rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#777}
"""


def _table(headers: list[str], rows: list[list[Any]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{html.escape(str(v))}</td>'
            if i in numeric
            else f"<td>{html.escape('' if v is None else str(v))}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(report: dict[str, Any]) -> str:
    """A single self-contained page (no scripts, no external assets)."""
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>sferp reconciliation report</title>",
        f"<style>{_CSS}</style></head><body><h1>Reconciliation report</h1>",
        f"<p class='muted'>Generated {html.escape(report['generated_at'])} · duration {report['duration_s']} s · "
        f"policy {html.escape(str(report['rules']['policy']))} · clock skew {report['rules']['clock_skew_s']} s · "
        f"mode {html.escape(report['mode'])}</p>",
    ]
    for name, section in report["entities"].items():
        parts.append(f"<h2>{html.escape(name)}</h2>")
        parts.append(_table(["class", "records"], [[k, v] for k, v in section["counts"].items()], {1}))
        parts.append(
            f"<p>{section['records_compared']} records compared; {section['format_only_differences']} differed "
            f"only in format. Fixes: Salesforce {section['fixes']['salesforce']['total']}, "
            f"ERP {section['fixes']['erp']['total']}. Review: {section['review']['total']}.</p>"
        )
        if section["fields_differing"]:
            parts.append("<h3>Fields differing</h3>")
            parts.append(
                _table(["field", "records"], [[k, v] for k, v in section["fields_differing"].items()], {1})
            )
        items = section["review"]["items"]
        if items:
            shown = (
                f" (first {len(items)} of {section['review']['total']})"
                if len(items) < section["review"]["total"]
                else ""
            )
            parts.append(f"<h3>Manual review{html.escape(shown)}</h3>")
            parts.append(
                _table(
                    ["key", "class", "field", "Salesforce", "ERP", "reason", "detail"],
                    [
                        [
                            i["key"],
                            i["record_class"],
                            i["field"],
                            i["salesforce_value"],
                            i["erp_value"],
                            i["reason"],
                            i["detail"],
                        ]
                        for i in items
                    ],
                )
            )
        for side in ("salesforce", "erp"):
            fixes = section["fixes"][side]
            if fixes["records"]:
                parts.append(
                    f"<h3>Fixes for {'Salesforce' if side == 'salesforce' else 'the ERP'} ({fixes['total']})</h3>"
                )
                parts.append(
                    _table(
                        ["key", "fields"],
                        [[r["key"], json.dumps(r["fields"], sort_keys=True)] for r in fixes["records"]],
                    )
                )
    if report["failures"]["total"]:
        parts.append("<h2>Failures</h2>")
        parts.append(_table(["failure"], [[json.dumps(f)] for f in report["failures"]["items"]]))
    parts.append("</body></html>\n")
    return "".join(parts)


def write_html(report: dict[str, Any], path: Path) -> None:
    path.write_text(render_html(report), encoding="utf-8")
