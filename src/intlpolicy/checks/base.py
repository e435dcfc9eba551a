"""What every check receives, and the registry that runs them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from intlpolicy.loading.records import Issue, RecordSet


@dataclass(frozen=True, slots=True)
class CheckContext:
    records: RecordSet
    today: date


Check = Callable[[CheckContext], Iterable[Issue]]

REGISTRY: list[Check] = []


def check(function: Check) -> Check:
    """Register a cross-record check."""
    REGISTRY.append(function)
    return function
