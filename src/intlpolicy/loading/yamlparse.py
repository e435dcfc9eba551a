"""Safe, fast YAML parsing with the YAML 1.2 core schema.

libyaml (through PyYAML's C parser) builds the node tree; this module resolves scalars by
the YAML 1.2 core schema (so `NO` stays a string and `1:20` is not 80) and constructs plain
Python values itself. Floats become `Decimal` from the exact text written, so a binary float
never reaches the arithmetic. Only the core tags are accepted; nothing is ever instantiated
from a tag. Aliases are allowed but their expanded size is capped.

`scalar_text` goes the other way for one text: a scalar that reads back as exactly that text,
for the records `new` writes and the values `history` shows.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Final

import yaml
from yaml.nodes import Node, ScalarNode, SequenceNode

from intlpolicy.findings import shorten
from intlpolicy.loading.yamlerrors import YamlProblem, marked_problem, reader_problem

__all__ = ["YamlProblem", "compose", "load", "resolve_scalar"]

MAX_EXPANDED_NODES: Final = 20_000
MAX_DEPTH: Final = 64
# A number, as written, of at most this many characters and with an exponent of at most this.
MAX_NUMBER_CHARS: Final = 40
MAX_EXPONENT: Final = 40
_LONG_TEXT: Final = 64  # characters: a text this long counts as one node per this many

_TAG = "tag:yaml.org,2002:"
STR: Final = _TAG + "str"
INT: Final = _TAG + "int"
FLOAT: Final = _TAG + "float"
BOOL: Final = _TAG + "bool"
NULL: Final = _TAG + "null"
SEQ: Final = _TAG + "seq"
MAP: Final = _TAG + "map"
CORE_TAGS: Final = frozenset({STR, INT, FLOAT, BOOL, NULL, SEQ, MAP})

_NULL_RE = re.compile(r"~|null|Null|NULL")
_BOOL_RE = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT_RE = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_RE = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
# Only a plain scalar starting with one of these can be anything but a string.
_MAYBE_TYPED_FIRST = frozenset("~nNtTfF-+.0123456789")


def resolve_scalar(value: str, implicit: tuple[bool, bool]) -> str:
    """The YAML 1.2 core schema tag of an untagged scalar."""
    if not implicit[0]:
        return STR
    if value == "":
        return NULL
    if value[0] not in _MAYBE_TYPED_FIRST:
        return STR
    if _INT_RE.fullmatch(value):
        return INT
    if _FLOAT_RE.fullmatch(value):
        return FLOAT
    if _NULL_RE.fullmatch(value):
        return NULL
    if _BOOL_RE.fullmatch(value):
        return BOOL
    return STR


class _Resolving:
    """Mixin: PyYAML parsers call `resolve` for every node without an explicit tag."""

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return resolve_scalar(value, implicit)
        return SEQ if kind is SequenceNode else MAP

    # The pure-Python composer calls these; libyaml's does not.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _Untyped(_Resolving):
    """Mixin: every node gets the same tag, for a tree walked only for its keys' texts and
    their positions (`compose(..., typed=False)`): about a quarter less time than resolving
    each scalar by the core schema."""

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        return ""


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _Parser(CParser, _Resolving):
        pass

    class _UntypedParser(CParser, _Untyped):
        pass

else:  # pragma: no cover - PyYAML without libyaml

    class _Parser(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _Resolving,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)

    class _UntypedParser(_Parser, _Untyped):  # type: ignore[no-redef]
        pass


def compose(text: str, typed: bool = True) -> Node | None:
    """The node tree of a single-document YAML text (None when it has no document).
    `typed=False`: the nodes carry no tag (for positions only); the same problems are raised."""
    try:
        parser = _Parser(text) if typed else _UntypedParser(text)
    except yaml.reader.ReaderError as exc:
        raise reader_problem(exc, text) from None
    try:
        node: Node | None = parser.get_single_node()
        return node
    except yaml.MarkedYAMLError as exc:
        raise marked_problem(exc, text) from None
    except yaml.reader.ReaderError as exc:
        raise reader_problem(exc, text) from None
    finally:
        parser.dispose()


def load(text: str) -> Any:
    """Parse one YAML document into plain Python values (dict, list, str, int, Decimal, ...).

    Raises YamlProblem with the position of the first problem.
    """
    node = compose(text)
    if node is None:
        return None
    try:
        return _Constructor().construct(node, 0)
    except YamlProblem as problem:
        raise problem.placed_in(text) from None


class _Constructor:
    """Builds Python values from nodes; memoises collections so aliases are not re-expanded."""

    __slots__ = ("aliased", "done", "in_progress", "long_texts", "sizes")

    def __init__(self) -> None:
        self.done: dict[int, Any] = {}
        self.sizes: dict[int, int] = {}
        self.in_progress: set[int] = set()
        self.long_texts: set[int] = set()
        self.aliased = False  # set once a collection is reached a second time (an alias)

    def construct(self, node: Node, depth: int) -> Any:
        value, size = self._node(node, depth)
        if self.aliased and size > MAX_EXPANDED_NODES:
            raise YamlProblem.at(
                "alias-expansion",
                node.start_mark,
                limit=MAX_EXPANDED_NODES,
            )
        return value

    def _node(self, node: Node, depth: int) -> tuple[Any, int]:
        if type(node) is ScalarNode:
            length = len(node.value)
            if length <= _LONG_TEXT:
                return _scalar(node), 1
            # A long text counts by its length, and reaching it twice means an alias: so an
            # alias of a long text cannot multiply the output unnoticed.
            key = id(node)
            if key in self.long_texts:
                self.aliased = True
            self.long_texts.add(key)
            return _scalar(node), 1 + length // _LONG_TEXT
        key = id(node)
        if key in self.done:
            self.aliased = True
            return self.done[key], self.sizes[key]
        if key in self.in_progress:
            mark = node.start_mark
            raise YamlProblem.at(
                "recursive-alias",
                mark,
            )
        if depth >= MAX_DEPTH:
            mark = node.start_mark
            raise YamlProblem.at("too-deep", mark, limit=MAX_DEPTH)
        tag = node.tag
        if tag not in CORE_TAGS:
            mark = node.start_mark
            raise YamlProblem.at("unsupported-tag", mark, tag=tag)
        self.in_progress.add(key)
        value: Any
        if type(node) is SequenceNode:
            if tag != SEQ:
                raise _tag_mismatch(node)
            value, size = self._sequence(node, depth)
        else:
            if tag != MAP:
                raise _tag_mismatch(node)
            value, size = self._mapping(node, depth)
        self.in_progress.discard(key)
        self.done[key] = value
        self.sizes[key] = size
        if self.aliased and size > MAX_EXPANDED_NODES:
            mark = node.start_mark
            raise YamlProblem.at("alias-expansion", mark, limit=MAX_EXPANDED_NODES)
        return value, size

    def _sequence(self, node: Node, depth: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        size = 1
        for child in node.value:
            value, child_size = self._node(child, depth + 1)
            items.append(value)
            size += child_size
        return items, size

    def _mapping(self, node: Node, depth: int) -> tuple[dict[str, Any], int]:
        mapping: dict[str, Any] = {}
        size = 1
        for number, (key_node, value_node) in enumerate(node.value):
            if type(key_node) is not ScalarNode:
                raise YamlProblem.at("invalid-key", key_node.start_mark, key="(en samling)")
            key = _scalar(key_node)
            if type(key) is not str:
                raise YamlProblem.at("invalid-key", key_node.start_mark, key=repr(key_node.value))
            if key in mapping:
                first = next(k for k, _ in node.value if k.value == key)
                problem = YamlProblem.at("duplicate-key", key_node.start_mark, key=key)
                problem.params["first"] = first.start_mark
                if key_node is first:  # written through an alias: placed after the pair before
                    problem.index = node.value[number - 1][1].end_mark.index
                    problem.skip_blank = True
                raise problem
            value, child_size = self._node(value_node, depth + 1)
            mapping[key] = value
            size += child_size
        return mapping, size


def _number_in_range(value: str) -> bool:
    """A number short enough to convert at once (Python refuses ints over 4300 digits), with
    an exponent small enough that the exact arithmetic and its printing stay small."""
    if len(value) > MAX_NUMBER_CHARS:
        return False
    exponent = max(value.find("e"), value.find("E"))
    return exponent < 0 or abs(int(value[exponent + 1 :])) <= MAX_EXPONENT


def _tag_mismatch(node: Node) -> YamlProblem:
    mark = node.start_mark
    return YamlProblem.at("unsupported-tag", mark, tag=node.tag)


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag
    value: str = node.value
    if tag == STR:
        return value
    if tag in (INT, FLOAT) and not _number_in_range(value):
        raise YamlProblem.at(
            "number-too-long",
            node.start_mark,
            value=value,
            digits=MAX_NUMBER_CHARS,
            exponent=MAX_EXPONENT,
        )
    if tag == INT:
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        if _INT_RE.fullmatch(value):
            return int(value)
    elif tag == FLOAT:
        if _FLOAT_RE.fullmatch(value):
            lowered = value.lower()
            if lowered.endswith("inf"):
                return Decimal("-Infinity" if lowered.startswith("-") else "Infinity")
            if lowered.endswith("nan"):
                return Decimal("NaN")
            return Decimal(value)
    elif tag == NULL:
        if _NULL_RE.fullmatch(value) or value == "":
            return None
    elif tag == BOOL:
        if _BOOL_RE.fullmatch(value):
            return value.lower() == "true"
    else:
        mark = node.start_mark
        raise YamlProblem.at("unsupported-tag", mark, tag=tag)
    # An explicit core tag on a value that does not fit it, e.g. `!!int abc`.
    mark = node.start_mark
    raise YamlProblem.at(
        "yaml-syntax",
        mark,
        problem=f"värdet '{shorten(value)}' passar inte taggen {tag.removeprefix(_TAG)}",
    )
