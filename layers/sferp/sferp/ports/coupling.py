"""The cross-reference between Salesforce Accounts and ERP customers (the coupling).

One Account has at most one ERP customer and one ERP customer at most one Account; the store
refuses a second partner on either side instead of silently keeping two (``CouplingConflictError``:
a human decides, through the review queue). Each coupling says who made it, when and how, so an
operator can tell a customer the integration created from one it found in the ERP or moved on an
Account merge. Adapters: DynamoDB (``sferp.adapters.aws.coupling``), in memory
(``sferp_tools.fakes``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from sferp.errors import PermanentError


class CouplingHow(StrEnum):
    CREATED = "created"  # the integration created the ERP customer from the Account
    FOUND = "found"  # the ERP already held the Account's Id as the customer's external id
    MERGED = "merged"  # moved from an Account merged into this one
    MANUAL = "manual"  # an operator (review decision)


@dataclass(frozen=True)
class Coupling:
    account_id: str  # 18 characters
    customer_number: str
    coupled_at: float  # epoch seconds
    coupled_by: str  # the flow or the operator
    how: CouplingHow
    account_deleted: bool = False  # the Account is in the recycle bin (the ERP customer is flagged)


class CouplingConflictError(PermanentError):
    """The Account or the customer is coupled to another partner already."""


class CouplingStore(ABC):
    @abstractmethod
    def for_account(self, account_id: str) -> Coupling | None:
        """The coupling of this Account (strongly consistent), or None."""

    @abstractmethod
    def for_customer(self, customer_number: str) -> Coupling | None:
        """The coupling of this ERP customer, or None."""

    @abstractmethod
    def couple(self, account_id: str, customer_number: str, *, by: str, how: CouplingHow) -> Coupling:
        """Store the coupling both ways, atomically. Coupling the same pair again returns the
        stored one; a different partner on either side raises ``CouplingConflictError``."""

    @abstractmethod
    def move(self, from_account: str, to_account: str, *, by: str) -> Coupling:
        """Move a coupling to another Account (a merge's survivor), atomically; raises
        ``CouplingConflictError`` when the target has a coupling of its own."""

    @abstractmethod
    def set_account_deleted(self, account_id: str, *, deleted: bool) -> None:
        """Remember that the Account was deleted (or undeleted)."""

    @abstractmethod
    def all(self) -> Iterator[Coupling]:
        """Every coupling (the nightly run's key map)."""
