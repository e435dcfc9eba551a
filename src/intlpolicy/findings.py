"""Findings: what `validate` reports, each with its Swedish message.

A finding's code decides its severity and message template; the table of codes is
`finding_codes.py` (`CODES`, also importable from here). `message_for` fills a template.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from intlpolicy.finding_codes import CODE_WORDS, CODES, Severity

__all__ = [
    "CODES",
    "CODE_WORDS",
    "Finding",
    "Severity",
    "closest",
    "did_you_mean",
    "format_path",
    "message_for",
    "severity_of",
    "shorten",
]


MAX_QUOTED: Final = 80  # characters of a record's value quoted in a message
# (`problem` is the program's own text, with any record value in it shortened where it is made)
_QUOTED_PARAMS: Final = frozenset({"value", "found", "key", "tag"})


def shorten(text: str) -> str:
    return text if len(text) <= MAX_QUOTED else text[:MAX_QUOTED] + "…"


def _shortened(name: str, value: Any) -> Any:
    if name in _QUOTED_PARAMS and isinstance(value, str):
        return shorten(value)
    return value


def message_for(code: str, params: dict[str, Any]) -> str:
    """The Swedish message of a code, filled with its parameters.

    Values quoted from a record are shortened: a finding is one line, however long the text.
    """
    filled = {k: _shortened(k, v) for k, v in params.items()}
    for name, tables in CODE_WORDS.items():
        if name in params:
            for suffix, words in tables.items():
                filled[f"{name}_{suffix}"] = words[params[name]]
    return CODES[code][1].format(**filled)


def severity_of(code: str) -> Severity:
    return CODES[code][0]


@dataclass(frozen=True, slots=True)
class Finding:
    """One located finding. `line` and `column` are 1-based; `path` is dotted with indexes."""

    file: str
    line: int
    column: int
    record: str
    path: str
    code: str
    severity: Severity
    message: str
    # The command that makes the fix the finding asks for (placeholders in capitals, like
    # the options' metavars: DATUM, NAMN), or None when the fix is a hand edit.
    fix: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "record": self.record,
            "path": self.path,
            "code": self.code,
            "message": self.message,
            "fix": self.fix,
        }


def closest(value: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `value` (a likely typo), or None when none is close."""
    matches = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    """` – menade du 'x'?` for the closest candidate, to end a message with; else ``."""
    match = closest(value, candidates)
    return f" – menade du '{match}'?" if match is not None else ""


def format_path(path: tuple[str | int, ...]) -> str:
    """('participants', 0, 'organisation') -> 'participants[0].organisation'."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif out:
            out.append(f".{part}")
        else:
            out.append(part)
    return "".join(out)
