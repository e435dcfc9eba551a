"""Pydantic models of the six record kinds, and the folder each kind lives in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from pydantic import BaseModel

from intlpolicy.models.network import Network
from intlpolicy.models.organisation import Organisation
from intlpolicy.models.policy import Policy
from intlpolicy.models.project import Project
from intlpolicy.models.report import Report
from intlpolicy.models.twin_city import TwinCity


@dataclass(frozen=True, slots=True)
class RecordKind:
    name: str  # singular, used in messages and JSON
    folder: str  # folder under the data root
    model: type[BaseModel]
    label: str  # Swedish, for messages


KINDS: Final = (
    RecordKind("policy", "policy", Policy, "policyversionen"),
    RecordKind("organisation", "organisations", Organisation, "organisationen"),
    RecordKind("project", "projects", Project, "projektet"),
    RecordKind("report", "reports", Report, "årsredovisningen"),
    RecordKind("network", "networks", Network, "nätverket"),
    RecordKind("twin_city", "twin-cities", TwinCity, "vänorten"),
)
KIND_BY_FOLDER: Final = {kind.folder: kind for kind in KINDS}

__all__ = [
    "KINDS",
    "KIND_BY_FOLDER",
    "Network",
    "Organisation",
    "Policy",
    "Project",
    "RecordKind",
    "Report",
    "TwinCity",
]
