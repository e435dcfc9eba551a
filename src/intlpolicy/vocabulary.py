"""The records' closed vocabularies, defined once: the models type their fields with these
`Literal`s and the command line derives its choices from them. No pydantic here, so the
command line can import it without paying for the models at start-up."""

from __future__ import annotations

from typing import Literal

# A project's part in it: projektägare or partner.
Role = Literal["owner", "partner"]

# The routes of the EU funding routine (`route-project`, `list --route`).
Route = Literal["ks_information", "eu_network", "not_applicable"]

# The kinds of record `list` shows, as the command names them.
ListKind = Literal["projects", "organisations", "reports", "networks", "twin-cities"]
