"""Problems in a YAML text, placed where an editor shows them.

libyaml counts a line break in U+0085 and U+2028 too, and reports a forbidden character's
offset in bytes of UTF-8. A position here is a 1-based line and character column of the file
as an editor shows it: lines split on `\\n`, `\\r\\n` and `\\r` only, and never past the end.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from intlpolicy.loading.yamlwords import MISSING_COLON, TAB, TAB_IN_INDENT, swedish_problem

_FLOW_CONTEXTS = frozenset({"while parsing a flow sequence", "while parsing a flow mapping"})
_NO_COLON = "could not find expected ':'"
_COLON_HERE = "mapping values are not allowed in this context"
# Where libyaml notices a key without `:` before the next key: that key's colon (the two
# read as one text), or the next key itself (the text ended by a comment).
_NEXT_KEY = frozenset({"did not find expected key", "did not find expected <document start>"})
_KEY_LINE = re.compile(r"[a-z][a-z0-9_]*( +[^\s:#]+)?")
_WORD = re.compile(r"[^\s'\"#\[\]{},&*!|>%@`-]\S*")


class YamlProblem(Exception):
    """A problem in a YAML text, with a 0-based position and a finding code.

    `index` is the character offset the position is computed from, once the text is known.
    """

    def __init__(self, code: str, line: int, column: int, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.line = line
        self.column = column
        self.params = params
        self.index: int | None = None
        self.skip_blank = False  # the position is the first thing written after `index`

    @classmethod
    def at(cls, code: str, mark: Any, **params: Any) -> YamlProblem:
        problem = cls(code, mark.line, mark.column, **params)
        problem.index = mark.index
        return problem

    def placed_in(self, text: str) -> YamlProblem:
        """The same problem, its line and column counted as an editor counts them."""
        if self.index is not None:
            index = _next_written(text, self.index) if self.skip_blank else self.index
            self.line, self.column = editor_position(text, index)
            self.index = None
        first = getattr(self.params.get("first"), "index", None)
        if isinstance(first, int):  # a mark: the line it is on
            self.params["first"] = editor_position(text, first)[0] + 1
        return self


def _next_written(text: str, index: int) -> int:
    """The offset of the first character after `index` that is not blank, a comma or a
    comment."""
    while index < len(text):
        if text[index] == "#":
            while index < len(text) and text[index] not in "\r\n":
                index += 1
        elif text[index] in " \t\r\n,":
            index += 1
        else:
            break
    return index


def editor_position(text: str, index: int, *, more: bool = False) -> tuple[int, int]:
    """0-based (line, column) of the character at `index`, as an editor counts them.

    An offset at or past the end is placed at the end of the last line (a final line break
    ends the last line; it does not start another) unless `more` says that the file goes on
    after `text`.
    """
    index = max(0, min(index, len(text)))
    if not more and index == len(text) and text.endswith(("\n", "\r")):
        index -= 2 if text.endswith("\r\n") else 1
    line = text.count("\n", 0, index) + text.count("\r", 0, index)
    line -= text.count("\r\n", 0, index)
    start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return line, index - start


def reader_problem(exc: yaml.reader.ReaderError, text: str) -> YamlProblem:
    """A character YAML does not allow (control characters, non-characters)."""
    position = exc.position if isinstance(exc.position, int) else 0
    # libyaml gives the offset in bytes of the UTF-8 text; the prefix before it is whole.
    index = len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))
    line, column = editor_position(text, index)
    character = exc.character
    code = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    return YamlProblem(
        "yaml-syntax",
        line,
        column,
        problem=f"tecknet {code} är inte tillåtet i YAML (styrtecken); ta bort det",
    )


def marked_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    # An unclosed quote runs to the end of the file: the quote that opens it is the place.
    if (
        exc.context_mark is not None
        and exc.context
        and "quoted scalar" in exc.context
        and exc.problem
        and "end of stream" in exc.problem
    ):
        mark = exc.context_mark
    if mark is not None:
        found = _tab(text, mark.index) or _missing_colon(exc, text)
        if found is not None:
            return found
    line, column = editor_position(text, mark.index) if mark is not None else (0, 0)
    if exc.context and "expected a single document" in exc.context:
        return YamlProblem("multiple-documents", line, column)
    problem = swedish_problem(exc.context, exc.problem)
    opened = exc.context_mark
    if exc.context in _FLOW_CONTEXTS and opened is not None and opened is not mark:
        opened_line = editor_position(text, opened.index)[0]
        if opened_line != line:  # an unclosed [ or {: the line that opens it
            problem += f" (den börjar på rad {opened_line + 1})"
    return YamlProblem("yaml-syntax", line, column, problem=problem)


def _line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def _tab(text: str, index: int) -> YamlProblem | None:
    """A tab where libyaml stopped: in the indentation (only blanks before it on its line)
    or after a `-` or a key."""
    if index >= len(text) or text[index] != "\t":
        return None
    indent = text[_line_start(text, index) : index].strip(" \t") == ""
    line, column = editor_position(text, index)
    return YamlProblem("yaml-syntax", line, column, problem=TAB_IN_INDENT if indent else TAB)


def _missing_colon(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem | None:
    """A key written without its `:`, placed at the key rather than where libyaml noticed.

    libyaml notices it on a later line: at the next token ("could not find expected ':'",
    the key being the context mark) or, when the key is the first of its mapping, at the next
    key, the key before read as a text."""
    if exc.problem == _NO_COLON and exc.context_mark is not None:
        return _colon_after(text, exc.context_mark.index)
    if exc.problem_mark is None or (exc.problem != _COLON_HERE and exc.problem not in _NEXT_KEY):
        return None
    index = exc.problem_mark.index
    start = _line_start(text, index)
    before = text[start:index]
    indent = len(before) - len(before.lstrip(" "))
    next_key = before.strip(" ")  # the next key: one word alone on its line before its colon
    if not (_WORD.fullmatch(next_key) if exc.problem == _COLON_HERE else next_key == ""):
        return None
    line, previous = "", start
    while start > 0:  # the line before, of the same indentation, read as one text with it
        previous = _line_start(text, start - 1)
        line = text[previous:start].rstrip("\r\n")
        start = previous
        if line.strip(" ") and not line.lstrip(" ").startswith("#"):
            break
    content = line.lstrip(" ")
    # A record's key is snake_case; a longer line is more likely a text than a key and value.
    key_value = content.split(" #")[0].rstrip(" ")
    if len(line) - len(content) != indent or not _KEY_LINE.fullmatch(key_value):
        return None
    return _colon_after(text, previous + indent)


def _colon_after(text: str, index: int) -> YamlProblem:
    line, column = editor_position(text, index)
    word = _WORD.match(text, index)
    if word is None:
        return YamlProblem("yaml-syntax", line, column, problem=MISSING_COLON)
    key = word.group()
    if len(key) > 40:
        key = key[:40] + "…"
    problem = f"kolon saknas efter '{key}'; skriv {key}: värde"
    return YamlProblem("yaml-syntax", line, column, problem=problem)
