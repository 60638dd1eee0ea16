"""The composition root's cached dependencies, one helper for every flow.

A Lambda execution environment builds its adapters once (at cold start, from validated settings)
and reuses them for every invocation; tests and the local runtime install their own (embedded
adapters, moto clients) instead. Before this helper each flow had its own copy of the same
global-variable singleton.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Lazy(Generic[T]):
    def __init__(self, build: Callable[[], T], *, on_set: Callable[[T], None] | None = None) -> None:
        self._build = build
        self._on_set = on_set
        self._value: T | None = None

    def get(self) -> T:
        """The installed value, built on first use."""
        if self._value is None:
            self.set(self._build())
        assert self._value is not None
        return self._value

    def set(self, value: T | None) -> None:
        """Install (or with None, forget) the value; the next ``get`` uses it."""
        self._value = value
        if value is not None and self._on_set is not None:
            self._on_set(value)

    @property
    def is_set(self) -> bool:
        return self._value is not None
