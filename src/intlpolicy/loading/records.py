"""What loading produces: the records by kind, where each came from, and unlocated issues."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from intlpolicy.models import (
    CompiledReport,
    Network,
    Organisation,
    Policy,
    PracticeRule,
    Project,
    RecordKind,
    Report,
    TwinCity,
)


@dataclass(frozen=True, slots=True)
class Source:
    """A file of the data root. `record` is the id it names (reports: `2024/kulturnamnden`)."""

    rel: str  # path inside the data root, with forward slashes
    file: str  # the path as the user sees it: the data root joined with `rel`
    record: str
    kind: RecordKind | None = None


@dataclass(frozen=True, slots=True)
class Issue:
    """A finding before its line and column are known.

    `position` is set when the parser already knows it (1-based); otherwise the field `path`
    is looked up in the file when the findings are located.
    """

    source: Source
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    path: tuple[str | int, ...] = ()
    at_key: bool = False
    position: tuple[int, int] | None = None
    fix: str | None = None  # the command that fixes it (see checks.fixes)


@dataclass(slots=True)
class RecordSet:
    """The valid records of a data root, by kind and id, and the sources they came from."""

    policies: dict[str, Policy] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)  # key: "2024/kulturnamnden"
    networks: dict[str, Network] = field(default_factory=dict)
    twin_cities: dict[str, TwinCity] = field(default_factory=dict)
    compiled_reports: dict[str, CompiledReport] = field(default_factory=dict)  # key: "2023"
    practice: dict[str, PracticeRule] = field(default_factory=dict)  # key: the rule's code
    # Every record a file names, valid or not: a reference to a broken record is not unknown.
    known: dict[str, set[str]] = field(default_factory=dict)
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    files: int = 0
    report_years: list[int] = field(default_factory=list)  # year folders under reports/

    def source(self, kind: str, key: str) -> Source:
        return self.sources[(kind, key)]

    def by_kind(self, kind: str) -> dict[str, Any]:
        table: dict[str, dict[str, Any]] = {
            "policy": self.policies,
            "organisation": self.organisations,
            "project": self.projects,
            "report": self.reports,
            "network": self.networks,
            "twin_city": self.twin_cities,
            "compiled_report": self.compiled_reports,
            "practice": self.practice,
        }
        return table[kind]

    def is_known(self, kind: str, key: str) -> bool:
        return key in self.known.get(kind, ())
