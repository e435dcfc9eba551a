"""What the yearly report is made of: frozen figures, ready for a template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from intlpolicy.findings import Finding
from intlpolicy.models import CompiledReport, Organisation, Policy, Project, Report
from intlpolicy.models.report import Activity


@dataclass(frozen=True, slots=True)
class ActivityEntry:
    organisation: Organisation
    activity: Activity
    example: bool


@dataclass(frozen=True, slots=True)
class CommitteeActivities:
    organisation: Organisation
    activities: list[Activity]


@dataclass(frozen=True, slots=True)
class FocusSection:
    key: str
    title: str
    committees: list[CommitteeActivities]
    count: int


@dataclass(frozen=True, slots=True)
class ProjectRow:
    project: Project
    total_budget_sek: Decimal | None
    own_budget_sek: Decimal | None
    received_sek: Decimal
    active: bool  # running during the year (a row may also be there for a payment only)
    started: bool
    ended: bool


@dataclass(frozen=True, slots=True)
class CommitteeProjects:
    organisation: Organisation
    rows: list[ProjectRow]
    received_sek: Decimal


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    project: Project
    organisation: Organisation
    route: str
    reason_code: str
    total_budget_sek: Decimal | None
    notice: str  # recorded | missing | late | not_required


@dataclass(frozen=True, slots=True)
class LinkUse:
    """A network or twin city, and which committees took part with which activities."""

    name: str
    id: str
    detail: str  # member since / country and year
    committees: list[CommitteeActivities]
    members: list[Organisation]


@dataclass(frozen=True, slots=True)
class ReportEntry:
    organisation: Organisation
    report: Report


@dataclass(frozen=True, slots=True)
class FollowUp:
    missing_reports: list[Organisation]  # no submitted report: none at all, or a draft
    drafts: list[Organisation]  # of those, the committees whose report is a draft
    missing_contacts: list[Organisation]
    applications_without_notice: list[ApplicationRow]
    warnings: list[Finding]


@dataclass(frozen=True, slots=True)
class Identity:
    """What the caller says about a document (the records say the rest): its date, its
    diary number (None: not yet given) and the date of the commit its records are from."""

    issued: date
    diary_number: str | None = None
    committed: date | None = None


@dataclass(frozen=True, slots=True)
class AnnualReport:
    year: int
    complete: bool  # the year is over
    register_from: int | None  # the first year the register covers; None: no year yet
    compiled: CompiledReport | None  # the compiled report's decision trail, when recorded
    policy: Policy | None
    commit: str | None
    dirty: bool
    example_data: bool
    # The document's identity for its title page: its date, diary number (None: not yet
    # given), sender (the policy's `issuer`) and the date of the data's commit.
    issued: date
    diary_number: str | None
    sender: str | None
    committed: date | None
    committees_active: list[Organisation]
    committee_reports: list[ReportEntry]
    company_reports: list[ReportEntry]
    other_reports: list[ReportEntry]
    activity_count: int
    activities_by_focus: dict[str, int]
    focus_sections: list[FocusSection]
    projects_owner: int
    projects_partner: int
    projects_started: int
    projects_ended: int
    projects_by_committee: list[CommitteeProjects]
    applications: list[ApplicationRow]
    applications_by_route: dict[str, int]
    received_sek: Decimal
    networks: list[LinkUse]
    twin_cities: list[LinkUse]
    follow_up: FollowUp

    @property
    def committees_reported(self) -> int:
        return len(self.committee_reports)

    @property
    def covered(self) -> bool:
        """The register holds the committees' reports of the year: duties can be judged."""
        return self.register_from is not None and self.year >= self.register_from
