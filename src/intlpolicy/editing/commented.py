"""A new record as a round-trip document: every field with its Swedish description as an
end-of-line comment (from `models/descriptions.py`, the one source for schemas, comments and
docs), lined up at column 32 as in data/, and full-line comments where a handläggare fills
in more. Dumped by the same ruamel.yaml settings that edit records (`editing/roundtrip.py`),
so a value is quoted exactly when plain text would read back as something else.
"""

from __future__ import annotations

from typing import Any, Final

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from intlpolicy.editing.roundtrip import Document, writable
from intlpolicy.models.descriptions import field_description

__all__ = ["COMMENT_COLUMN", "NotUnicode", "RecordBuilder", "block", "flow_list"]

COMMENT_COLUMN: Final = 32  # where the `#` of a field's comment stands (0-based)


class NotUnicode(ValueError):
    """A text holds a lone surrogate (bytes that were not UTF-8): it cannot be written."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


def _check_unicode(value: Any) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise NotUnicode(value) from None


def flow_list(values: list[Any]) -> CommentedSeq:
    """A list written on one line, `[a, b]`."""
    seq = CommentedSeq(writable(value) for value in values)
    seq.fa.set_flow_style()
    return seq


def block(value: str) -> str:
    """A text as a `|` block when a block can hold it (it reads back with a final line
    break); else the text itself, quoted as needed. A block cannot hold a leading space or
    line break, trailing spaces or line breaks, or characters that must be escaped."""
    lines = value.split("\n")
    if not value or value[0] in " \n" or value.endswith("\n"):
        return value
    if any(line.endswith(" ") or not line.isprintable() for line in lines):
        return value
    literal: str = LiteralScalarString(value + "\n")
    return literal


class RecordBuilder:
    """Fields in the order they are given; `comment` adds a full-line comment after the
    field written last (at any depth), as the records in data/ have them."""

    def __init__(self) -> None:
        self.data = CommentedMap()
        self._last: tuple[CommentedMap, str, str] | None = None

    def field(
        self, model: type[BaseModel], key: str, value: Any, into: CommentedMap | None = None
    ) -> Any:
        """Set `key` to `value` in `into` (the record by default), commented with the
        field's description; returns the value as the document holds it (for nesting)."""
        _check_unicode(value)
        target = self.data if into is None else into
        held = value if isinstance(value, CommentedMap | CommentedSeq) else writable(value)
        target[key] = held
        comment = f"# {field_description(model, key)}"
        if isinstance(held, LiteralScalarString):  # the comment stands after the `|`
            padding = " " * max(1, COMMENT_COLUMN - len(f"{key}: |"))
            target.ca.items[key] = [None, None, None, [padding + comment]]
        else:
            target.yaml_add_eol_comment(comment, key, column=COMMENT_COLUMN)
        self._last = (target, key, comment)
        return held

    def comment(self, text: str) -> None:
        if self._last is None:
            raise ValueError("a comment follows a field")
        target, key, comment = self._last
        comment = f"{comment}\n# {text}"
        target.yaml_add_eol_comment(comment, key, column=COMMENT_COLUMN)
        self._last = (target, key, comment)

    def text(self) -> str:
        return Document.new(self.data).dump().decode("utf-8")
