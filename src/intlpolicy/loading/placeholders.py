"""A fix's placeholder (NAMN, DIARIENUMMER …, `labels.PLACEHOLDERS`) left as a record's value.

A hint copied into the YAML by hand and not filled in would otherwise pass: the yearly report
would print "DIARIENUMMER" to KS. It is a fact of the file alone, so it is found as the file is
read (in the parse workers when there are many files) and kept with the file's other issues in
the per-file cache: a warm run does not look again. The parsed mapping is walked as it was
written (every value, nested mappings and lists), so a new text field is covered and the path
names the keys the YAML writes. A placeholder where the schema wants a date, an amount or an
e-mail address is the schema's finding alone (`modelerrors.validate_record`).
"""

from __future__ import annotations

import re
from typing import Any, Final

from intlpolicy.labels import PLACEHOLDERS
from intlpolicy.loading.records import Issue, Source

CODE: Final = "placeholder-left"
_WORDS: Final = frozenset(PLACEHOLDERS)
# Any placeholder anywhere in a file's text (one pass, in C): else the file is not walked.
_ANY: Final = re.compile("|".join(map(re.escape, sorted(_WORDS, key=len, reverse=True))))

Path = tuple[str | int, ...]


def placeholder_issues(source: Source, data: dict[str, Any], text: str) -> list[Issue]:
    """An issue for every text in the file's mapping (read from `text`) that is exactly a
    placeholder. A file none of whose words is one (the usual record) is not walked."""
    if _ANY.search(text) is None:
        return []
    return [
        Issue(source, CODE, {"placeholder": word, "meaning": PLACEHOLDERS[word]}, path)
        for word, path in _found(data, ())
    ]


def _found(value: Any, path: Path) -> list[tuple[str, Path]]:
    items = value.items() if value.__class__ is dict else enumerate(value)
    found: list[tuple[str, Path]] = []
    for key, item in items:
        kind = item.__class__
        if kind is str:
            if item in _WORDS:
                found.append((item, (*path, key)))
        elif kind is dict or kind is list:
            found += _found(item, (*path, key))
    return found
