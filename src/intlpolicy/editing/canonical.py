"""The one canonical layout of a record (`intlpolicy fmt`): keys in the model's order, 2-space
indents with a list's `-` two spaces in from its key, dates unquoted, numbers as written,
comments kept, `\\n` line ends.

Formatting is a round trip through ruamel.yaml, which is slow; most files are canonical
already, so a cheap check comes first: the key order on the mapping the fast reader already
parsed (`misordered`), and a line-by-line look at the text (`layout_may_differ`). Only a file
that either says may differ is formatted. The cheap check errs only one way: a file it lets
through is one the round trip leaves as it is (tested on every record file).
"""

from __future__ import annotations

import functools
import re
import types
from datetime import date
from typing import Annotated, Any, Final, Union, get_args, get_origin

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from intlpolicy.editing.roundtrip import DateText, Document
from intlpolicy.loading import yamlparse

__all__ = [
    "canonical_bytes",
    "canonicalise",
    "layout_may_differ",
    "misordered",
    "reorder_top_level",
]

# What a canonical line may look like: `key: value  # comment`, `- value`, `- key: value`,
# a key that opens a block, a comment. Values: a plain scalar, a quoted text without escapes,
# or a flow collection of those (nested too), one space after `:` and `,`, no space
# inside the brackets' ends. A quoted date is never canonical (fmt unquotes it).
_PLAIN: Final = r"[^\s\"'|>{\[&*!%@`#,?:](?:[^#\"':]|:(?! ))*?"
_QUOTED: Final = r"\"[^\"\\]*\"|'[^'\n]*'"  # without escapes: kept as written
_WORD: Final = r"[^\s\"'{}\[\],#:]+(?: [^\s\"'{}\[\],#:]+)*"
_FLOW: Final = r"[{\[][^#]*?"  # checked token by token (`_flow_kept`)
_FLOW_TOKEN_RE: Final = re.compile(rf"[{{}}\[\]]|, |: |{_QUOTED}|{_WORD}")
_VALUE: Final = rf"{_PLAIN}|{_QUOTED}|{_FLOW}"
_LINE_RE: Final = re.compile(
    rf"(?P<indent> *)(?P<dashes>(?:- )*)"
    rf"(?:(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?: (?P<value>{_VALUE}|[|>][-+]?))?"
    rf"|(?P<item>{_VALUE}))"
    r"(?: +#.*)?"
)
_QUOTED_DATE_RE: Final = re.compile(r"[\"'][0-9]{4}-[0-9]{2}-[0-9]{2}[\"']")


_CANONICAL_INT_RE: Final = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DATE_LIKE_RE: Final = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")


def _plain_kept(value: str) -> bool:
    """Whether ruamel.yaml writes the plain scalar `value` back as it stands: `True`, `~`,
    `+1`, `0x1F`, `1_000`, `2024-9-1` and a date with a time are written otherwise."""
    if not value or value[0] in "\"'":
        return True
    tag = yamlparse.resolve_scalar(value, (True, False))
    if tag == yamlparse.STR:
        if value[0] in "+-0123456789" and ("_" in value or value[1:2] in ("b", "B")):
            return False
        date_like = _DATE_LIKE_RE.match(value)
        return date_like is None or (len(value) == 10 and date_like.end() == 10)
    if tag == yamlparse.INT:
        return _CANONICAL_INT_RE.fullmatch(value) is not None
    if tag in (yamlparse.NULL, yamlparse.BOOL):
        return value in ("null", "true", "false")
    return True  # a number with a point or exponent: kept as written (NumberText)


def _flow_kept(text: str) -> bool:
    """Whether a flow collection is written as ruamel.yaml writes it: `{a: 1, b: [x, y]}`,
    one space after `,` and `:`, none inside the brackets, balanced, scalars kept."""
    depth = 0
    previous = ""
    position = 0
    while position < len(text):
        match = _FLOW_TOKEN_RE.match(text, position)
        if match is None:
            return False
        token = match.group(0)
        position = match.end()
        if token in "{[":
            depth += 1
        elif token in "}]":
            depth -= 1
            if depth < 0 or previous in (", ", ": "):
                return False
        elif token in (", ", ": "):
            if previous in ("{", "[", ", ", ": "):
                return False
        elif not _plain_kept(token):
            return False
        previous = token
        if depth == 0 and position < len(text):
            return False
    return depth == 0


def _scalars_kept(match: re.Match[str]) -> bool:
    written = match["value"] if match["key"] is not None else match["item"]
    if written is None or written[0] in "|>":
        return True
    if written[0] in "{[":
        return _flow_kept(written)
    return _plain_kept(written)


def layout_may_differ(raw: bytes) -> bool:
    """False only when every line is in the canonical form and each block is indented by
    exactly two spaces more than the key that opens it."""
    if b"\r" in raw or b"\t" in raw or not raw.endswith(b"\n") or raw.startswith(b"\xef\xbb\xbf"):
        return True
    text = raw.decode("utf-8")
    levels = [0]  # the columns where a key or a `-` of an open block stands
    opening: int | None = 0  # the column the next line must have (after `key:`)
    scalar_above: int | None = None  # inside a `|` or `>` block: the key's column
    for line in text.split("\n")[:-1]:
        stripped = line.lstrip(" ")
        if scalar_above is not None:
            if not stripped or len(line) - len(stripped) > scalar_above:
                continue
            scalar_above = None
        if not stripped or stripped.startswith("#"):
            continue
        if line.endswith(" ") or len(line) > 4000 or stripped.startswith(("---", "...")):
            return True
        match = _LINE_RE.fullmatch(line)
        if match is None or _QUOTED_DATE_RE.search(line) or not _scalars_kept(match):
            return True
        indent = len(match["indent"])
        if opening is not None:
            if indent != opening:
                return True
            levels.append(indent)
        elif indent not in levels:
            return True
        del levels[levels.index(indent) + 1 :]
        column = indent + len(match["dashes"])  # where the key or the item stands
        if column != indent:
            levels.append(column)
        value = match["value"]
        opening = None
        if match["key"] is not None and value is None:
            opening = column + 2
        elif value is not None and value[0] in "|>":
            scalar_above = column
    return False


def _unwrap(annotation: Any) -> list[Any]:
    """The plain types inside an annotation: `X | None`, `list[X]`, `Annotated[X, …]`."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType, list, tuple):
        return [inner for arg in get_args(annotation) for inner in _unwrap(arg)]
    return [annotation]


def _declared_order(model: type[BaseModel]) -> list[str]:
    """The model's field names, its own first, then those it inherits (a payment's year
    before the amount it has as Money)."""
    names: list[str] = []
    for cls in model.__mro__:
        for name in getattr(cls, "__annotations__", {}):
            if name in model.model_fields and name not in names:
                names.append(name)
    return names


@functools.cache
def _fields(model: type[BaseModel]) -> dict[str, tuple[int, type[BaseModel] | None, bool]]:
    """YAML key -> (position, the model of its value if it is a mapping, is a date)."""
    fields: dict[str, tuple[int, type[BaseModel] | None, bool]] = {}
    for position, name in enumerate(_declared_order(model)):
        info = model.model_fields[name]
        inner = _unwrap(info.annotation)
        nested = next((t for t in inner if isinstance(t, type) and issubclass(t, BaseModel)), None)
        is_date = any(t is date for t in inner)
        fields[info.alias or name] = (position, nested, is_date)
    return fields


def _order(keys: list[Any], fields: dict[str, tuple[int, Any, bool]]) -> list[Any]:
    """Known keys in the model's order, then unknown ones as they stand."""
    known = sorted((k for k in keys if k in fields), key=lambda k: fields[k][0])
    return known + [k for k in keys if k not in fields]


def misordered(data: Any, model: type[BaseModel]) -> bool:
    """Whether any mapping of the (fast-read) record has its keys out of the model's order."""
    if isinstance(data, list):
        return any(misordered(item, model) for item in data)
    if not isinstance(data, dict):
        return False
    fields = _fields(model)
    keys = list(data)
    if keys != _order(keys, fields):
        return True
    for key in keys:
        nested = fields[key][1] if key in fields else None
        if nested is not None and misordered(data[key], nested):
            return True
    return False


def canonicalise(data: Any, model: type[BaseModel], *, reorder: bool = True) -> None:
    """Put the round-trip record in the canonical layout, in place: keys in the model's
    order (each key keeps the comments ruamel.yaml attaches to it), a quoted date in a date
    field unquoted. `reorder=False`: not this mapping's own keys (the record's top level is
    reordered as text, `reorder_top_level`, so comments above a key move with it)."""
    if isinstance(data, CommentedSeq):
        for item in data:
            canonicalise(item, model)
        return
    if not isinstance(data, CommentedMap):
        return
    fields = _fields(model)
    if reorder:
        for key in _order(list(data), fields):
            data.move_to_end(key)
    for key, value in data.items():
        if key not in fields:
            continue
        _, nested, is_date = fields[key]
        if nested is not None:
            canonicalise(value, nested)
        elif is_date and isinstance(value, str) and _is_date(value):
            data[key] = DateText(value)


_TOP_KEY_RE: Final = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*|\"[^\"]*\"|'[^']*'):(?: |$)")


def _top_key(line: str) -> str | None:
    match = _TOP_KEY_RE.match(line)
    return None if match is None else match.group(1).strip("\"'")


def _loose(line: str) -> bool:
    """A blank line or a comment at the left margin: it goes with the key below it."""
    return not line.strip() or line.startswith("#")


def reorder_top_level(text: str, model: type[BaseModel]) -> str:
    """The record's top-level keys in the model's order, as text: each key moves with its
    block and the comments at the left margin right above it; comments at the end stay."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if _top_key(line) is not None]
    if not starts:
        return text
    end = len(lines)
    while end > starts[-1] + 1 and _loose(lines[end - 1]):
        end -= 1
    chunks: list[tuple[str, list[str]]] = []
    begin = list(starts)
    for n in range(len(starts)):
        floor = starts[n - 1] + 1 if n else 0
        while begin[n] > floor and _loose(lines[begin[n] - 1]):
            begin[n] -= 1
    for n, start in enumerate(starts):
        stop = begin[n + 1] if n + 1 < len(starts) else end
        key = _top_key(lines[start])
        assert key is not None
        chunks.append((key, lines[begin[n] : stop]))
    fields = _fields(model)
    order = _order([key for key, _ in chunks], fields)
    by_key = dict(chunks)
    body = [line for key in order for line in by_key[key]]
    return "\n".join(lines[: begin[0]] + body + lines[end:])


def _is_date(value: str) -> bool:
    return re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is not None


def canonical_bytes(raw: bytes, model: type[BaseModel], shown: str) -> bytes:
    """The record's bytes in the canonical layout (the same bytes when it is canonical).
    Raises DocumentRefused for a file that cannot be read as a record."""
    document = Document.from_bytes(raw, shown, canonical=True)
    canonicalise(document.data, model, reorder=False)
    text = document.dump().decode("utf-8")
    return reorder_top_level(text, model).encode("utf-8")
