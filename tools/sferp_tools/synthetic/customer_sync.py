"""``AccountChangeEvent``s in the shape Event Relay delivers them to EventBridge (fields under
``detail.payload``, the header under ``detail.payload.ChangeEventHeader``), for tests, the local
runtime and the demo. The header fields follow Salesforce's "ChangeEventHeader Fields"
reference: epoch-millisecond ``commitTimestamp``, an org-wide increasing ``commitNumber``, the
transaction's ``transactionKey`` with a ``sequenceNumber`` per change in it, compound address
fields as objects whose changed parts ``changedFields`` names (``BillingAddress.City``)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sferp import names
from sferp.customer_sync import names as sync_names
from sferp.customer_sync.changes import COMPOUND_FIELDS

SALES_USER = "005000000000001AAA"
# Epoch ms of 2026-12-01T08:00:00Z; each event of a ChangeStream is one commit later.
_START_MS = 1_764_576_000_000
_START_COMMIT = 10_960_550_405_098


def _compound(fields: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """API-name fields -> the payload's shape (address parts in their compound object) and the
    ``changedFields`` names Salesforce uses for them."""
    payload: dict[str, Any] = {}
    changed: list[str] = []
    parts = {api: (compound, part) for compound, ps in COMPOUND_FIELDS.items() for part, api in ps.items()}
    for name, value in fields.items():
        if name in parts:
            compound, part = parts[name]
            payload.setdefault(compound, {})[part] = value
            changed.append(f"{compound}.{part}")
        else:
            payload[name] = value
            changed.append(name)
    return payload, changed


class ChangeStream:
    """Consecutive commits of one org: each ``event`` is the next commit."""

    def __init__(self, *, start_ms: int = _START_MS, start_commit: int = _START_COMMIT) -> None:
        self._ms = itertools.count(start_ms, 1000)
        self._commit = itertools.count(start_commit, 7)

    def event(
        self,
        change_type: str,
        record_ids: Sequence[str],
        fields: Mapping[str, Any] | None = None,
        *,
        nulled: Sequence[str] = (),
        commit_user: str = SALES_USER,
        diff: Sequence[str] = (),
        commit_ms: int | None = None,
        commit_number: int | None = None,
        transaction_key: str | None = None,
        sequence_number: int = 1,
    ) -> dict[str, Any]:
        """The EventBridge event for one change (``fields`` by API name; address parts are put
        into their compound object)."""
        payload, changed = _compound(fields or {})
        if change_type == "UPDATE":
            changed = [*changed, *nulled, "LastModifiedDate"]
            payload["LastModifiedDate"] = "2026-12-01T08:00:00.000Z"
        else:
            changed = []
        commit_timestamp = commit_ms if commit_ms is not None else next(self._ms)
        header: dict[str, Any] = {
            "entityName": "Account",
            "recordIds": list(record_ids),
            "changeType": change_type,
            "changeOrigin": "com/salesforce/api/rest/63.0",
            "transactionKey": transaction_key or str(uuid.uuid4()),
            "sequenceNumber": sequence_number,
            "commitTimestamp": commit_timestamp,
            "commitNumber": commit_number if commit_number is not None else next(self._commit),
            "commitUser": commit_user,
            "changedFields": changed,
            "nulledFields": list(nulled),
            "diffFields": list(diff),
        }
        stamp = datetime.fromtimestamp(commit_timestamp / 1000, tz=UTC)
        return {
            "version": "0",
            "id": str(uuid.uuid4()),
            "detail-type": sync_names.ACCOUNT_CHANGE_DETAIL_TYPE,
            "source": names.SIMULATED_SALESFORCE_SOURCE,
            "account": "123456789012",
            "time": stamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "region": "eu-central-1",
            "resources": [],
            "detail": {"payload": {"ChangeEventHeader": header, **payload}},
        }


def business_partner_event(
    number: str, *, changed: bool = True, event_id: str | None = None
) -> dict[str, Any]:
    """SAP's business partner event (key only) as a CloudEvent in structured mode, on EventBridge
    with the CloudEvent type as ``detail-type`` (the shape ``sferp.customer_sync.erp_events`` reads)."""
    kind = "Changed" if changed else "Created"
    event_type = f"sap.s4.beh.businesspartner.v1.BusinessPartner.{kind}.v1"
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": event_type,
        "source": "sap.s4",
        "account": "123456789012",
        "time": "2026-12-01T08:00:00Z",
        "region": "eu-central-1",
        "resources": [],
        "detail": {
            "specversion": "1.0",
            "type": event_type,
            "source": "/default/sap.s4.beh/0000000000",
            "id": event_id or str(uuid.uuid4()),
            "time": "2026-12-01T08:00:00Z",
            "datacontenttype": "application/json",
            "data": {"BusinessPartner": number},
        },
    }
