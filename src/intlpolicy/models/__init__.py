"""Pydantic models of the eight record kinds, and the folder each kind lives in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from pydantic import BaseModel

from intlpolicy.labels import RECORD_KINDS
from intlpolicy.models.compiled_report import CompiledReport
from intlpolicy.models.network import Network
from intlpolicy.models.organisation import Organisation
from intlpolicy.models.policy import Policy
from intlpolicy.models.practice import PracticeRule
from intlpolicy.models.project import Project
from intlpolicy.models.report import Report
from intlpolicy.models.twin_city import TwinCity
from intlpolicy.vocabulary import RecordKindName


@dataclass(frozen=True, slots=True)
class RecordKind:
    name: RecordKindName  # singular, used in messages and JSON
    folder: str  # folder under the data root
    model: type[BaseModel]

    @property
    def label(self) -> str:
        """Swedish, for messages: `organisationen`."""
        return RECORD_KINDS[self.name]


KINDS: Final = (
    RecordKind("policy", "policy", Policy),
    RecordKind("organisation", "organisations", Organisation),
    RecordKind("project", "projects", Project),
    RecordKind("report", "reports", Report),
    RecordKind("network", "networks", Network),
    RecordKind("twin_city", "twin-cities", TwinCity),
    RecordKind("compiled_report", "compiled-reports", CompiledReport),
    RecordKind("practice", "practice", PracticeRule),
)
KIND_BY_FOLDER: Final = {kind.folder: kind for kind in KINDS}

__all__ = [
    "KINDS",
    "KIND_BY_FOLDER",
    "CompiledReport",
    "Network",
    "Organisation",
    "Policy",
    "PracticeRule",
    "Project",
    "RecordKind",
    "Report",
    "TwinCity",
]
