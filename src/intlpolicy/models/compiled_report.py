"""compiled-reports/<year>.yaml: the compiled yearly report (samlad redovisning) of one year
and its decision trail: when kommunstyrelsen and kommunfullmäktige handled it, under which
diarienummer, and where the facts come from."""

from __future__ import annotations

from intlpolicy.models.common import IsoDate, SchemaVersion, Strict, Text, Year


class CompiledReport(Strict):
    schema_version: SchemaVersion
    year: Year
    ks_date: IsoDate | None = None
    ks_diary_number: Text | None = None
    kf_date: IsoDate | None = None
    kf_diary_number: Text | None = None
    source: Text | None = None

    @property
    def key(self) -> str:
        return str(self.year)
