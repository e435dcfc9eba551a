"""Record text made safe for a terminal: control characters shown escaped, never sent raw.

A record, a file name or a commit subject can hold an ESC (`\\x1b]0;title\\x07`, `\\x1b[2J`),
which a terminal would obey, or a line break, which would forge a line of the output (a whole
finding). Every text output passes such text through `printable`, on a terminal or not.
JSON needs none of this: `json.dumps` escapes control characters itself.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_NAMED: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Line and paragraph separators, and the bidirectional controls that reorder what is shown
# (a "Trojan Source" name): not Cc, but a terminal or an editor acts on them.
_OTHER: Final = "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROL: Final = re.compile(
    "["
    + "".join(chr(c) for c in range(0x110) if unicodedata.category(chr(c)) == "Cc")
    + _OTHER
    + "]"
)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`"E\\nFAKE"` -> `"E\\\\nFAKE"`: every control character as its escape; other text as is."""
    return _CONTROL.sub(_escaped, text)
