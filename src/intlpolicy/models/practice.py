"""practice/<code>.yaml: one rule of the city's application of the policy (*stadens
tillämpning*), kept apart from the policy's own words.

A practice rule has a stable code (its id), a one-line Swedish reason, the day from which it
applies, a switch, and its parameters. `text` is what outputs show after *Stadens tillämpning,
inte policyns ord:*; `{name}` in it is filled from the parameters. The code reads its numbers
from here (`Practice.number`), never from constants.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from pydantic import StrictBool, StrictInt, StrictStr

from intlpolicy.models.common import Id, IsoDate, SchemaVersion, Strict, Text

# The label every output puts before a practice rule's text.
PRACTICE_LABEL: Final = "Stadens tillämpning, inte policyns ord"


class PracticeRule(Strict):
    schema_version: SchemaVersion
    id: Id  # the rule's code, stable: findings and JSON name it
    text: Text
    reason: Text
    applies_from: IsoDate
    enabled: StrictBool = True
    parameters: dict[StrictStr, StrictInt | Text] = {}

    def wording(self) -> str:
        """The rule's text with its parameters filled in."""
        return self.text.format_map({key: str(value) for key, value in self.parameters.items()})


@dataclass(frozen=True, slots=True)
class Practice:
    """The practice rules of a data root, by code. A rule that is switched off, missing, or
    not yet applicable on the day asked about is not applied."""

    rules: Mapping[str, PracticeRule]

    @classmethod
    def of(cls, rules: Iterable[PracticeRule]) -> Practice:
        return cls({rule.id: rule for rule in rules})

    def rule(self, code: str, day: date | None = None) -> PracticeRule | None:
        found = self.rules.get(code)
        if found is None or not found.enabled:
            return None
        if day is not None and day < found.applies_from:
            return None
        return found

    def number(self, code: str, name: str, day: date | None = None) -> int | None:
        """An integer parameter of an applied rule, or None when the rule is not applied."""
        found = self.rule(code, day)
        value = found.parameters.get(name) if found is not None else None
        return value if isinstance(value, int) else None

    def labelled(self, code: str) -> str:
        """`Stadens tillämpning, inte policyns ord: <text>` for an output."""
        return f"{PRACTICE_LABEL}: {self.rules[code].wording()}"


NO_PRACTICE: Final = Practice({})
