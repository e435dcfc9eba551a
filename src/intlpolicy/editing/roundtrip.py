"""Round-trip edits of a record: ruamel.yaml keeps comments, key order, quoting, flow style
and blank lines, so a record loaded and dumped with no change is the same bytes, and a changed
field changes only its own lines.

A file is first parsed by the same YAML 1.2 reader that `validate` uses (`loading.parsing`):
what `validate` refuses (a syntax error, a tag, an alias, a second document, a file that is
not a mapping) is refused here too, with the same Swedish message, file and line. Only then is
it loaded round-trip. Numbers keep the text they were written with (`12000000.00` stays
`12000000.00`), a null is written `null`.
"""

from __future__ import annotations

import difflib
import io
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

from intlpolicy.editing.yamltext import NotUnicode, scalar_text
from intlpolicy.errors import Refused
from intlpolicy.findings import Finding
from intlpolicy.loading.files import MAX_FILE_BYTES, OneFileReader
from intlpolicy.loading.locate import locate
from intlpolicy.loading.parsing import parse_source
from intlpolicy.loading.records import Issue, Source
from intlpolicy.loading.yamlwords import swedish_problem

__all__ = ["Document", "DocumentRefused", "unified_diff"]

_FLOAT_TAG: Final = "tag:yaml.org,2002:float"
_INT_TAG: Final = "tag:yaml.org,2002:int"
_NULL_TAG: Final = "tag:yaml.org,2002:null"
_DATE_TAG: Final = "tag:yaml.org,2002:timestamp"
# A key alone on its line, then the first item of a block sequence under it.
_SEQUENCE_RE: Final = re.compile(
    rb"^( *)[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*#[^\n]*\n)*( *)- ", re.M
)


class DocumentRefused(Refused):
    """A record that cannot be edited: its YAML is broken, or it is no mapping."""


class NumberText(str):
    """A number as it is written in the file (`950000.00`, `1e6`): dumped as the same text."""


def _represent_number(representer: RoundTripRepresenter, value: NumberText) -> Any:
    return representer.represent_scalar(_FLOAT_TAG, str(value))


class DateText(ScalarString):
    """A date as written (`2024-02-30`, no date at all, is kept for the model to refuse,
    as `validate` does); written plain. A ScalarString, so that ruamel.yaml does not turn it
    back into the quoted text it replaces (`fmt` unquotes dates with it)."""

    __slots__ = ()


def _represent_date_text(representer: RoundTripRepresenter, value: DateText) -> Any:
    return representer.represent_scalar(_DATE_TAG, str(value))


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    """A Decimal as written (`11.50`); a whole number (`--rate 11`) plain as an integer,
    never `!!float '11'`: the reader reads both as the same Decimal."""
    text = format(value, "f")
    tag = _FLOAT_TAG if "." in text else _INT_TAG
    return representer.represent_scalar(tag, text)


def _represent_null(representer: RoundTripRepresenter, value: None) -> Any:
    return representer.represent_scalar(_NULL_TAG, "null")


def _construct_number(constructor: Any, node: Any) -> NumberText:
    return NumberText(constructor.construct_scalar(node))


def _construct_date(constructor: Any, node: Any) -> Any:
    try:
        return constructor.construct_yaml_timestamp(node)
    except ValueError:
        return DateText(constructor.construct_scalar(node))


def _ignore_aliases(data: Any) -> bool:
    """Write `data` out in full wherever it is used, unless it carries an anchor read from
    the file (`&budget`): only the file's own aliases are written as aliases."""
    anchor = getattr(data, "anchor", None)
    return getattr(anchor, "value", None) is None


def _yaml(sequence_offset: int, line_break: str | None) -> YAML:
    round_trip = YAML(typ="rt", pure=True)  # safe: builds no objects from tags
    round_trip.preserve_quotes = True
    round_trip.width = 4096  # never fold a long line
    round_trip.indent(mapping=2, sequence=sequence_offset + 2, offset=sequence_offset)
    round_trip.allow_unicode = True
    # One value set in two places (a rate for two amounts) is written twice, never as an
    # anchor and an alias (`&id001` … `*id001`); an anchor and its aliases written in the
    # file stay as they are.
    round_trip.representer.ignore_aliases = _ignore_aliases
    if line_break is not None:
        round_trip.line_break = line_break  # type: ignore[assignment]  # typed too narrowly
    round_trip.constructor.add_constructor(_FLOAT_TAG, _construct_number)
    round_trip.constructor.add_constructor(_DATE_TAG, _construct_date)
    round_trip.representer.add_representer(NumberText, _represent_number)
    round_trip.representer.add_representer(DateText, _represent_date_text)
    round_trip.representer.add_representer(Decimal, _represent_decimal)
    round_trip.representer.add_representer(type(None), _represent_null)
    return round_trip


def _sequence_offset(raw: bytes) -> int:
    """How far a block sequence's `-` stands in from its key in this file (2 by default)."""
    match = _SEQUENCE_RE.search(raw)
    if match is None:
        return 2
    return max(0, len(match.group(2)) - len(match.group(1)))


def _refuse(shown: str, findings: list[Finding]) -> DocumentRefused:
    first = findings[0]
    return DocumentRefused(
        "edit-not-readable",
        findings,
        file=shown,
        line=first.line,
        column=first.column,
        problem=first.message,
    )


@dataclass
class Document:
    """A record loaded for editing: `data` is the round-trip mapping, `original` the bytes it
    was read from; `dump()` gives the bytes of the document as it is now."""

    data: CommentedMap
    original: bytes
    shown: str
    _yaml: YAML

    @classmethod
    def load(cls, path: Path, shown: str | None = None, *, canonical: bool = False) -> Document:
        """Read and load `path` (shown in messages as `shown`). Raises DocumentRefused."""
        label = str(path) if shown is None else shown
        try:
            with open(path, "rb") as stream:
                raw = stream.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            from intlpolicy.editing.atomic import os_cause

            raise DocumentRefused("edit-unreadable", file=label, cause=os_cause(error)) from None
        return cls.from_bytes(raw, label, canonical=canonical)

    @classmethod
    def from_bytes(cls, raw: bytes, shown: str, *, canonical: bool = False) -> Document:
        """Load a record's bytes; the same checks as `validate`'s reader first.

        `canonical`: dump in the canonical layout (a list's `-` two spaces in from its key,
        `\n` line ends) instead of the file's own."""
        reader = OneFileReader("record.yaml", raw)
        issues: list[Issue] = []
        source = Source(reader.rel, shown, shown)
        if parse_source(source, reader, issues) is None:
            raise _refuse(shown, locate(issues, reader.read_text))
        if canonical:
            round_trip = _yaml(2, None)
        else:
            line_break = "\r\n" if b"\r\n" in raw else None
            round_trip = _yaml(_sequence_offset(raw), line_break)
        try:
            data = round_trip.load(raw)
        except MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            raise DocumentRefused(
                "edit-not-readable",
                file=shown,
                line=line,
                column=column,
                problem="YAML-fel: " + swedish_problem(error.context, error.problem),
            ) from None
        return cls(data, raw, shown, round_trip)

    @classmethod
    def new(cls, data: CommentedMap, shown: str = "") -> Document:
        """A document not read from a file (a new record): `original` is empty."""
        return cls(data, b"", shown, _yaml(2, None))

    def dump(self) -> bytes:
        stream = io.BytesIO()
        self._yaml.dump(self.data, stream)
        return stream.getvalue()

    def get(self, keys: tuple[str | int, ...]) -> Any:
        node: Any = self.data
        for key in keys:
            node = node[key]
        return node

    def set(self, keys: tuple[str | int, ...], value: Any) -> None:
        """Set the field at `keys` (mapping keys and list indexes) to `value`; a missing
        key is added at the end of its mapping (a missing or null mapping on the way too).
        Texts that YAML would read as something else (`NO`, `2024-13-01`, `a: b`) are
        written in double quotes. A text that is not valid UTF-8 is refused
        (`edit-not-unicode`)."""
        if not keys:
            raise ValueError("keys must name a field")
        parent: Any = self.data
        for key in keys[:-1]:  # a missing (or null) mapping on the way is added
            if isinstance(key, str) and isinstance(parent, dict) and parent.get(key) is None:
                parent[key] = CommentedMap()
            parent = parent[key]
        try:
            parent[keys[-1]] = writable(value)
        except NotUnicode:  # bytes a terminal passed on as they came
            raise DocumentRefused("edit-not-unicode", file=self.shown, value=value) from None


def writable(value: Any) -> Any:
    """`value` as the document holds it: texts quoted when plain text would not read back
    as the same text, mappings and lists as round-trip nodes."""
    if isinstance(value, str) and type(value) is str:
        return value if scalar_text(value) == value else DoubleQuotedScalarString(value)
    if isinstance(value, dict) and not isinstance(value, CommentedMap):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = writable(item)
        return node
    if isinstance(value, list | tuple) and not isinstance(value, CommentedSeq):
        return CommentedSeq(writable(item) for item in value)
    return value


def diff_label(path_label: str) -> str:
    """The path of a diff's `a/`/`b/` labels, so that `patch -p1` applies the diff from the
    folder the command ran in, as it does git's: the path as shown, without a leading `/` or
    `./` (`./projects/p.yaml` -> `projects/p.yaml`, `/tmp/x/projects/p.yaml` ->
    `tmp/x/projects/p.yaml`, applied from `/`). patch refuses a name with `..`, so a path
    shown above the current folder (the data root found upwards, `../projects/p.yaml`) is
    labelled from the current folder when the file lies below it (`p.yaml`), else by its
    absolute path (applied from `/`)."""
    label = posixpath.normpath(path_label)
    if label == os.pardir or label.startswith(os.pardir + "/"):
        absolute = os.path.abspath(label)
        below = os.path.relpath(absolute)
        label = absolute if below.split(os.sep, 1)[0] == os.pardir else below
    return label.replace(os.sep, "/").lstrip("/")


def unified_diff(path_label: str, before: bytes, after: bytes) -> str:
    """The change as `diff -u` (and git) shows it, labelled `a/PATH` and `b/PATH` (empty
    when nothing changed)."""
    old = before.decode("utf-8", errors="replace").splitlines(keepends=True)
    new = after.decode("utf-8", errors="replace").splitlines(keepends=True)
    label = diff_label(path_label)
    lines = difflib.unified_diff(old, new, f"a/{label}", f"b/{label}")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


# A change to a record: a function that edits the round-trip mapping in place.
Change = Callable[[CommentedMap], None]
