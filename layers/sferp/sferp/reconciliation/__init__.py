"""Reconciliation: find and settle drift between Salesforce and the ERP.

``sferp.models.entities`` (mapping and ownership, the one place, in the kernel), ``rules`` (who wins), ``csv_io`` (exports and
partition files), ``compare`` (``compare_partition`` / ``merge_results`` / ``reconcile_files``),
``report`` (JSON and HTML), and the offline compare (``sferp_tools.local.reconciliation_cli``). See docs/reconciliation.md.
"""

from sferp.models.entities import ENTITIES, EntitySpec, FieldSpec, Owner, get_entity
from sferp.reconciliation.compare import (
    ReconcileResult,
    RecordClass,
    ReviewItem,
    compare_partition,
    merge_results,
    reconcile_files,
)
from sferp.reconciliation.rules import Policy, Reason, Rules

__all__ = [
    "ENTITIES",
    "EntitySpec",
    "FieldSpec",
    "Owner",
    "Policy",
    "Reason",
    "ReconcileResult",
    "RecordClass",
    "ReviewItem",
    "Rules",
    "compare_partition",
    "get_entity",
    "merge_results",
    "reconcile_files",
]
