"""Changes to a round-trip document that keep the look of the record: a new field where the
model has it, a mapping updated in place (its flow or block style kept), a list item in the
style of the items before it. The fixing commands (`services/record_edits.py`) use them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from intlpolicy.editing.roundtrip import writable


def set_in_model_order(mapping: CommentedMap, key: str, value: Any, model: type[BaseModel]) -> None:
    """Set `key`; a key the mapping lacks goes where the model has it (before the first
    later field present), so a new field lands where a person would look for it. A new
    mapping among siblings that are all written `{…}` is written so too."""
    node = writable(value)
    siblings = [v for k, v in mapping.items() if k != key and isinstance(v, CommentedMap)]
    if isinstance(node, CommentedMap) and siblings and all(v.fa.flow_style() for v in siblings):
        node.fa.set_flow_style()  # `{date: …}` among `{…}` siblings
    if key in mapping:
        mapping[key] = node
        return
    order = [field.alias or name for name, field in model.model_fields.items()]
    later = order[order.index(key) + 1 :] if key in order else []
    keys = list(mapping.keys())
    position = next((keys.index(k) for k in keys if k in later), len(keys))
    mapping.insert(position, key, node)


def update_mapping(mapping: CommentedMap, values: dict[str, Any]) -> None:
    """Set fields of an existing mapping in place: its style (flow `{…}` or block) and the
    comments on it stay."""
    for key, value in values.items():
        mapping[key] = writable(value)


def append_like_siblings(sequence: CommentedSeq, item: dict[str, Any]) -> None:
    """Append a mapping in the style of the items before it (flow `- {…}` or block)."""
    node = writable(item)
    last = sequence[-1] if len(sequence) else None
    if isinstance(last, CommentedMap) and last.fa.flow_style():
        node.fa.set_flow_style()
    sequence.append(node)


def block_sequence(items: list[dict[str, Any]]) -> CommentedSeq:
    """A new block sequence (`- name: …` on lines of their own), e.g. in place of `[]`."""
    sequence = CommentedSeq(writable(item) for item in items)
    sequence.fa.set_block_style()
    return sequence
