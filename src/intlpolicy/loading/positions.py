"""Positions of fields in a YAML text, for findings.

The fast path keeps no positions. Only the files that have findings are composed again here,
and a field path such as ('participants', 0, 'organisation') is walked through the node tree.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, SequenceNode

from intlpolicy.loading.yamlerrors import editor_position
from intlpolicy.loading.yamlparse import YamlProblem, compose


class Locator:
    """Finds 1-based (line, column) of field paths in one YAML text."""

    def __init__(self, text: str | None) -> None:
        self._root: Node | None = None
        self._text = text or ""
        if text is not None:
            try:
                self._root = compose(text, typed=False)
            except YamlProblem:
                self._root = None

    def locate(self, path: tuple[str | int, ...], at_key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (or of its key, with `at_key`).

        When the path does not exist all the way (a missing field), the position of the deepest
        part that exists is given: that is where the field has to be added.
        """
        node = self._root
        if node is None:
            return 1, 1
        mark = node.start_mark
        for index, part in enumerate(path):
            last = index == len(path) - 1
            child: Node | None = None
            if isinstance(node, MappingNode) and isinstance(part, str):
                for key_node, value_node in node.value:
                    if key_node.value == part:
                        child = value_node
                        if last and at_key:
                            return self._position(key_node.start_mark.index)
                        break
            elif (
                isinstance(node, SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                child = node.value[part]
            if child is None:
                break
            node = child
            mark = node.start_mark
        return self._position(mark.index)

    def _position(self, index: int) -> tuple[int, int]:
        line, column = editor_position(self._text, index)
        return line + 1, column + 1
