"""A block of full-line comments in a round-trip document, found by the words it opens with
and rewritten (or removed) in place: every other comment keeps its bytes.

ruamel keeps the comment lines above a key in the comment token of whatever came before it
(often the end-of-line comment of the last field of the mapping above, several levels in),
so the block is found by walking every token of the document. A block is the line that opens
with `# {opening}` and the comment lines straight after it in the same token, indented as it
is (up to a blank line, another indentation or the next key).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruamel.yaml.comments import CommentedBase
from ruamel.yaml.tokens import CommentToken


def _slots(node: Any) -> Iterator[tuple[list[Any], int]]:
    """Every place a comment token sits in `node` and below: (the list, its index)."""
    if isinstance(node, CommentedBase):
        attribute = node.ca
        held: list[Any] = [attribute.comment, attribute.end, *attribute.items.values()]
        yield from _in_lists(held)
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        yield from _slots(child)


def _in_lists(held: Any) -> Iterator[tuple[list[Any], int]]:
    if not isinstance(held, list):
        return
    for index, item in enumerate(held):
        if isinstance(item, CommentToken):
            yield held, index
        else:
            yield from _in_lists(item)


def rewrite_comment_block(data: Any, opening: str, lines: list[str] | None) -> bool:
    """Replace the block that opens with `# {opening}` by `lines` (each written `# line`,
    indented as the block was), or remove it (`lines` None). Returns whether a block was
    found; without one the document is unchanged."""
    for held, index in _slots(data):
        token: CommentToken = held[index]
        text = token.value.splitlines(keepends=True)
        start = next(
            (n for n, line in enumerate(text) if line.lstrip(" ").startswith(f"# {opening}")),
            None,
        )
        if start is None:
            continue
        indent = text[start][: len(text[start]) - len(text[start].lstrip(" "))]
        end = start + 1
        while end < len(text) and text[end].startswith(f"{indent}#"):
            end += 1
        new = [f"{indent}# {line}\n" for line in lines or []]
        value = "".join([*text[:start], *new, *text[end:]])
        if value:
            token.value = value
        else:
            held[index] = None  # a token must hold a comment
        return True
    return False
