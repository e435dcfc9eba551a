"""The figures of the compiled yearly report (Redovisning av nämndernas internationella arbete).

Pure: records in, figures out; no I/O and no formatting. The total budgets of projects are the
whole projects' budgets (all partners), so they are shown per project and never summed as if
they were the city's money; the sums are of money received during the year (`payments`).

`figures` holds what the report is made of; `activities` the committees, their reports and
activities, networks and twin cities; `projects` the EU projects and applications; `annual`
puts them together.
"""

from intlpolicy.compilation.annual import compile_annual_report
from intlpolicy.compilation.figures import (
    ActivityEntry,
    AnnualReport,
    ApplicationRow,
    CommitteeActivities,
    CommitteeProjects,
    FocusSection,
    FollowUp,
    Identity,
    LinkUse,
    ProjectRow,
    ReportEntry,
)

__all__ = [
    "ActivityEntry",
    "AnnualReport",
    "ApplicationRow",
    "CommitteeActivities",
    "CommitteeProjects",
    "FocusSection",
    "FollowUp",
    "Identity",
    "LinkUse",
    "ProjectRow",
    "ReportEntry",
    "compile_annual_report",
]
