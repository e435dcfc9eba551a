"""Problems in a YAML text, placed where an editor shows them.

libyaml counts a line break in U+0085 and U+2028 too, and reports a forbidden character's
offset in bytes of UTF-8. A position here is a 1-based line and character column of the file
as an editor shows it: lines split on `\\n`, `\\r\\n` and `\\r` only, and never past the end.
"""

from __future__ import annotations

from typing import Any

import yaml

from intlpolicy.loading.yamlwords import swedish_problem

_FLOW_CONTEXTS = frozenset({"while parsing a flow sequence", "while parsing a flow mapping"})


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
