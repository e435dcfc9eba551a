"""The records' closed vocabularies, defined once: the models type their fields with these
`Literal`s and the command line derives its choices from them. No pydantic here, so the
command line can import it without paying for the models at start-up."""

from __future__ import annotations

from typing import Final, Literal, get_args

# The record kinds, by the singular name that messages and JSON use.
RecordKindName = Literal[
    "policy",
    "organisation",
    "project",
    "report",
    "network",
    "twin_city",
    "compiled_report",
    "practice",
]

# A project's part in it: projektägare or partner.
Role = Literal["owner", "partner"]

# The routes of the EU funding routine (`route-project`, `list --route`).
Route = Literal["ks_information", "eu_network", "not_applicable"]

# The kinds of record `list` shows, as the command names them.
ListKind = Literal[
    "projects", "organisations", "reports", "networks", "twin-cities", "compiled-reports"
]

# The funder's decision on an application.
Decision = Literal["pending", "granted", "rejected", "withdrawn"]

# What an organisation is: a nämnd, a wholly-owned company, or another body.
OrganisationKind = Literal["committee", "company", "other"]

# The policy's three directions for all international work.
FocusArea = Literal["verksamhetsutveckling", "strategisk-paverkan", "profilering"]
FOCUS_AREAS: Final[tuple[FocusArea, ...]] = get_args(FocusArea)

# What a yearly report's activity was.
ActivityKind = Literal[
    "network", "project", "exchange", "study_visit", "advocacy", "twin_city", "other"
]

# A city body's part in an international network.
ParticipantRole = Literal["member", "board", "observer", "partner"]

# A twin city (vänort) or a special cooperation agreement.
Agreement = Literal["twin_city", "special_cooperation"]

# The output formats of `history`: the keys of its renderer registry.
HistoryFormat = Literal["text", "json"]

# `init --from`: this project's data (Malmö) or one example of each kind.
InitBase = Literal["malmo", "blank"]

# Where a policy version's in-force date comes from: the decision (`adopted`) or the
# planned meeting day of the decision planning (`planned`).
DateBasis = Literal["adopted", "planned"]
