"""Fault injection for the embedded adapters (local runs, tests, benchmarks).

The embedded ERP (and any other embedded stand-in) asks a ``FaultInjector`` before every call
what should go wrong: nothing, an error, or a timeout. Settings come from a frozen model that the
CLI builds from ``--fault name=value`` strings, so a typo fails the run at once instead of
silently injecting nothing.

Timeouts on writes are split in two on purpose: half happen before the write, half after it has
committed (the answer is lost, the write is not). The second kind is the one that creates
duplicate orders in real life, so the integration must be tested against it.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sferp.errors import ConfigurationError


class FaultSpecError(ConfigurationError, ValueError):
    """A ``--fault`` setting is malformed, unknown or out of range.

    Also a ``ValueError`` so argparse ``type=`` callables report it as a usage error.
    """


def parse_fault_specs(specs: Iterable[str]) -> dict[str, str]:
    """``["erp_error_rate=0.2", ...]`` -> ``{"erp_error_rate": "0.2", ...}``; values stay strings."""
    parsed: dict[str, str] = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise FaultSpecError(f"fault {spec!r} is not of the form name=value")
        if name in parsed:
            raise FaultSpecError(f"fault {name!r} is given twice")
        parsed[name] = value
    return parsed


class Faults(BaseModel):
    """What goes wrong, and how often. Rates are probabilities per call."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    error_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    timeout_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    latency_ms: float = Field(default=0.0, ge=0.0)  # added to every call, failing or not
    seed: int | None = None  # reproducible draws when no random generator is injected

    @model_validator(mode="after")
    def _rates_fit(self) -> Self:
        # One draw decides the outcome, so error and timeout share the unit interval.
        if self.error_rate + self.timeout_rate > 1.0:
            raise ValueError("error_rate + timeout_rate must not exceed 1")
        return self

    @property
    def injects_failures(self) -> bool:
        return self.error_rate > 0.0 or self.timeout_rate > 0.0

    @classmethod
    def from_specs(cls, specs: Iterable[str], *, prefix: str = "") -> Self:
        """Build from ``name=value`` strings, e.g. ``ErpFaults.from_specs(specs, prefix="erp_")``."""
        return cls.from_mapping(parse_fault_specs(specs), prefix=prefix)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], *, prefix: str = "") -> Self:
        """Build from ``{name: value}``; every name must be ``prefix`` + a field of this model."""
        known = sorted(cls.model_fields)
        fields: dict[str, Any] = {}
        for name, value in values.items():
            short = name.removeprefix(prefix) if name.startswith(prefix) else None
            if short not in known:
                choices = ", ".join(prefix + field for field in known)
                raise FaultSpecError(f"unknown fault {name!r} (known: {choices})")
            fields[short] = value
        try:
            return cls(**fields)
        except ValidationError as exc:
            problems = "; ".join(_describe(error, prefix) for error in exc.errors())
            raise FaultSpecError(f"invalid fault setting: {problems}") from exc


def _describe(error: Any, prefix: str) -> str:
    location = ".".join(str(part) for part in error.get("loc", ()))
    message = str(error.get("msg", "invalid value"))
    return f"{prefix}{location}: {message}" if location else message


class ErpFaults(Faults):
    """Faults of the embedded ERP (CLI names carry the ``erp_`` prefix: ``erp_error_rate=0.2``)."""


class FaultOutcome(StrEnum):
    NONE = "none"
    ERROR = "error"
    OUTAGE = "outage"
    TIMEOUT_BEFORE_WRITE = "timeout_before_write"  # reads always time out "before"
    TIMEOUT_AFTER_WRITE = "timeout_after_write"  # the write committed, the answer is lost


class FaultInjector:
    """Decides per call what goes wrong; the adapter turns the outcome into its own errors.

    ``rng`` and ``sleep`` are injectable so tests script the draws and never really sleep.
    """

    def __init__(
        self,
        faults: Faults | None = None,
        *,
        rng: random.Random | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._faults = faults or Faults()
        self._rng_injected = rng is not None
        # Not for security: reproducible chaos for tests and demos.
        self._rng = rng or random.Random(self._faults.seed)  # noqa: S311
        self._sleep = sleep
        self._lock = threading.Lock()
        self._outages = 0

    @property
    def faults(self) -> Faults:
        return self._faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        # A new seed restarts the sequence so a scripted scenario replays the same way; an
        # injected generator is the caller's and is never replaced.
        if not self._rng_injected and faults.seed is not None and faults.seed != self._faults.seed:
            self._rng = random.Random(faults.seed)  # noqa: S311
        self._faults = faults

    @property
    def in_outage(self) -> bool:
        return self._outages > 0

    @contextmanager
    def outage(self) -> Iterator[None]:
        """Every call inside the block fails as unavailable (nesting and threads are fine)."""
        with self._lock:
            self._outages += 1
        try:
            yield
        finally:
            with self._lock:
                self._outages -= 1

    def draw(self, *, write: bool, max_wait_s: float | None = None) -> FaultOutcome:
        """The outcome of the next call; sleeps the added latency first.

        ``max_wait_s`` plays a caller's socket timeout: added latency beyond it is cut off there
        and the call times out, and an injected timeout costs the caller that whole wait (as a
        real one does). Without it, injected timeouts return at once, as before.
        """
        if self._outages:
            # A refused connection fails fast: no added latency.
            return FaultOutcome.OUTAGE
        faults = self._faults
        latency_s = faults.latency_ms / 1000.0
        if max_wait_s is not None and latency_s > max_wait_s:
            self._sleep(max(0.0, max_wait_s))
            return FaultOutcome.TIMEOUT_BEFORE_WRITE
        if latency_s > 0.0:
            self._sleep(latency_s)
        if not faults.injects_failures:
            return FaultOutcome.NONE
        with self._lock:  # keeps a seeded sequence intact when threads share the injector
            roll = self._rng.random()
            if roll < faults.error_rate:
                return FaultOutcome.ERROR
            if roll < faults.error_rate + faults.timeout_rate:
                if max_wait_s is not None:
                    self._sleep(max(0.0, max_wait_s - latency_s))
                if write and self._rng.random() < 0.5:
                    return FaultOutcome.TIMEOUT_AFTER_WRITE
                return FaultOutcome.TIMEOUT_BEFORE_WRITE
        return FaultOutcome.NONE
