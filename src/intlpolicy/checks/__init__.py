"""Cross-record checks and the policy's duties: small functions in a registry."""

from __future__ import annotations

from intlpolicy.checks import (
    applications,
    duties,
    examples,
    identity,
    references,
)
from intlpolicy.checks.base import REGISTRY, CheckContext
from intlpolicy.loading.records import Issue


def run_checks(context: CheckContext) -> list[Issue]:
    return [issue for check in REGISTRY for issue in check(context)]


__all__ = [
    "REGISTRY",
    "CheckContext",
    "applications",
    "duties",
    "examples",
    "identity",
    "references",
    "run_checks",
]
