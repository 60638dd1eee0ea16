"""Salesforce record ids: 15-character case-sensitive or 18-character case-insensitive."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

_ID_RE = re.compile(r"^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$")
_SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def to_18(record_id: str) -> str:
    """Return the 18-character form of a Salesforce id.

    Why: Flows and reports hand out both forms; keys in DynamoDB, the ERP reference and the
    message group must agree, so everything is normalised to 18 characters at the edge.
    """
    if not _ID_RE.match(record_id):
        raise ValueError(f"not a Salesforce id: {record_id!r} (expected 15 or 18 letters/digits)")
    if len(record_id) == 18:
        return record_id
    suffix = ""
    for chunk in range(3):
        bits = 0
        for i, ch in enumerate(record_id[chunk * 5 : chunk * 5 + 5]):
            if "A" <= ch <= "Z":
                bits |= 1 << i
        suffix += _SUFFIX_ALPHABET[bits]
    return record_id + suffix


SalesforceId = Annotated[str, AfterValidator(to_18)]
