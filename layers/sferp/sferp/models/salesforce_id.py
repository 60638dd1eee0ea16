"""Salesforce record ids: 15-character case-sensitive or 18-character case-insensitive.

Every id that becomes a key (the idempotency key, the version guard, the ERP's external
reference, a lookup) goes through ``to_18`` first, so one record has one key whatever spelling
arrives: the 15-character form, or the 18-character form in upper, lower or mixed case.

Plain Python, no pydantic: the reconciliation's compare command keys every record through here and
starts faster without it. The pydantic field type (``SalesforceId``) is in ``sferp.models.order``.
"""

from __future__ import annotations

import re

_ID_RE = re.compile(r"[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?")
# The 3-character suffix encodes, 5 characters at a time, which of the first 15 are upper case.
SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def _suffix(record_id_15: str) -> str:
    suffix = ""
    for chunk in range(3):
        bits = 0
        for i, ch in enumerate(record_id_15[chunk * 5 : chunk * 5 + 5]):
            if "A" <= ch <= "Z":
                bits |= 1 << i
        suffix += SUFFIX_ALPHABET[bits]
    return suffix


def to_18(record_id: str) -> str:
    """The canonical 18-character form of a Salesforce id.

    A 15-character id is case-sensitive: its suffix is computed. An 18-character id is
    case-insensitive: spelled in one case throughout (upper- or lower-cased on the way), the case
    of its first 15 characters is restored from the suffix; spelled in mixed case, as Salesforce
    writes it, the suffix must be its checksum. So every spelling of one record is one key. Raises
    ``ValueError`` for a bad length, a character that is not a letter or digit (a trailing newline
    included), or a suffix that does not fit the id.
    """
    if not isinstance(record_id, str) or not _ID_RE.fullmatch(record_id):
        raise ValueError(f"not a Salesforce id: {record_id!r} (expected 15 or 18 letters/digits)")
    if len(record_id) == 15:
        return record_id + _suffix(record_id)
    body, suffix = record_id[:15], record_id[15:].upper()
    if any(c.isupper() for c in body) and any(c.islower() for c in body):
        # Mixed case, as Salesforce writes it: the case is the original one and must fit the suffix.
        if _suffix(body) != suffix:
            raise ValueError(f"not a Salesforce id: {record_id!r} (checksum {suffix!r} does not match)")
        return body + suffix
    # One case throughout (upper- or lower-cased on the way): the suffix restores the original.
    restored = []
    for chunk, code in enumerate(suffix):
        bits = SUFFIX_ALPHABET.find(code)
        if bits < 0:
            raise ValueError(f"not a Salesforce id: {record_id!r} (suffix {suffix!r} is not a checksum)")
        for i, ch in enumerate(body[chunk * 5 : chunk * 5 + 5]):
            upper = bool(bits & (1 << i))
            if upper and not ch.isalpha():
                raise ValueError(f"not a Salesforce id: {record_id!r} (checksum does not match)")
            restored.append(ch.upper() if upper else ch.lower())
    return "".join(restored) + suffix
