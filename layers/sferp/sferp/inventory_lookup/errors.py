"""Failure modes of the inventory lookup, each mapped to one answer at the API edge."""

from __future__ import annotations

from sferp.errors import RetriableError, SferpError


class InventoryDisabledError(SferpError):
    """The flow is ``off`` in this environment: the API answers 503 without touching anything."""


class CacheUnavailableError(RetriableError):
    """The availability cache (DynamoDB) could not be read or written. Lookups go on without it."""
