"""The YAML parsers' problems in Swedish.

libyaml (the reader of `validate`) and ruamel.yaml (the round-trip loader of the editing
commands) describe a syntax error in English, as a context (`while parsing a flow sequence`)
and a problem (`did not find expected ',' or ']'`). A person reads the Swedish text made
here: the problem, then in parentheses where it was. A text not in the tables (a parser of
another version) becomes a general Swedish sentence; the parser's English is never shown.
"""

from __future__ import annotations

from typing import Final

__all__ = ["MISSING_COLON", "TAB", "TAB_IN_INDENT", "swedish_problem"]

_INDENT: Final = "kontrollera indraget"
_QUOTE: Final = "sätt texten inom citattecken"
# A tab: a sentence of its own, never followed by where it was (a tab is never a quoting matter).
TAB_IN_INDENT: Final = (
    "tabb i indraget: YAML tillåter bara mellanslag där; byt tabben mot mellanslag"
)
TAB: Final = "tabb där YAML bara tillåter mellanslag; byt tabben mot mellanslag"
MISSING_COLON: Final = "kolon (:) saknas efter nyckeln; skriv nyckel: värde"

# libyaml's contexts (and ruamel.yaml's, which are mostly the same words).
_CONTEXTS: Final[dict[str, str]] = {
    "while parsing a flow sequence": "i listan inom [ ]",
    "while parsing a flow mapping": "i fälten inom { }",
    "while parsing a block mapping": "bland fälten",
    "while parsing a block collection": "i listan med -",
    "while parsing a quoted scalar": "i texten inom citattecken",
    "while scanning a quoted scalar": "i texten inom citattecken",
    "while scanning a double-quoted scalar": "i texten inom citattecken",
    "while scanning a plain scalar": "i en text utan citattecken",
    "while scanning a block scalar": "i textblocket efter | eller >",
    "while scanning an anchor": "i ett &ankare",
    "while scanning an alias": "i ett *alias",
    "while scanning a tag": "i en !tagg",
    "while parsing a tag": "i en !tagg",
    "while scanning a directive": "i ett %-direktiv",
    "while scanning a %YAML directive": "i direktivet %YAML",
    "while scanning a %TAG directive": "i direktivet %TAG",
    "while parsing a %TAG directive": "i direktivet %TAG",
    "while scanning a tag directive": "i direktivet %TAG",
    "while parsing a tag directive": "i direktivet %TAG",
}
# Contexts that say nothing a reader needs.
_SILENT_CONTEXTS: Final = frozenset(
    {
        "while scanning for the next token",
        "while scanning a simple key",
        "while parsing a node",
        "while parsing a block node",
        "while parsing a flow node",
    }
)

# libyaml's problems, word for word.
_PROBLEMS: Final[dict[str, str]] = {
    "block sequence entries are not allowed in this context": (
        f"ett listelement (-) får inte stå här; {_INDENT}"
    ),
    "control characters are not allowed": "styrtecken är inte tillåtna i YAML; ta bort dem",
    "could not find expected ':'": MISSING_COLON,
    "could not find expected directive name": "direktivets namn saknas",
    "did not find URI escaped octet": "en ogiltig %-kod i taggen",
    "did not find expected '!'": "'!' saknas",
    "did not find expected ',' or ']'": "',' eller ']' saknas; stäng listan med ]",
    "did not find expected ',' or '}'": "',' eller '}' saknas; stäng fälten med }",
    "did not find expected '-' indicator": f"ett listelement (-) väntades; {_INDENT}",
    "did not find expected <document start>": (
        "text efter postens slut (...); en fil ska ha en post"
    ),
    "did not find expected <stream-start>": "filen kunde inte läsas som YAML",
    "did not find expected alphabetic or numeric character": (
        "namnet saknas; en bokstav eller siffra väntades"
    ),
    "did not find expected comment or line break": "en kommentar eller radbrytning väntades",
    "did not find expected digit or '.' character": "en siffra eller punkt väntades",
    "did not find expected hexdecimal number": "en hexadecimal siffra väntades",
    "did not find expected key": f"en nyckel (namn: värde) väntades; {_INDENT}",
    "did not find expected node content": "ett värde saknas",
    "did not find expected tag URI": "taggens namn saknas",
    "did not find expected version number": "versionsnumret saknas",
    "did not find expected whitespace": "ett blanksteg väntades",
    "did not find expected whitespace or line break": "ett blanksteg eller radbrytning väntades",
    "did not find the expected '>'": "'>' saknas",
    "found a tab character that violates indentation": TAB_IN_INDENT,
    "found a tab character where an indentation space is expected": TAB_IN_INDENT,
    "found an incorrect leading UTF-8 octet": "ogiltig UTF-8 i taggen",
    "found an incorrect trailing UTF-8 octet": "ogiltig UTF-8 i taggen",
    "found an indentation indicator equal to 0": "indraget får inte anges som 0",
    "found character that cannot start any token": (
        f"ett tecken som inte kan inleda ett värde (t.ex. @ eller `); {_QUOTE}"
    ),
    "found duplicate %TAG directive": "direktivet %TAG står två gånger",
    "found duplicate %YAML directive": "direktivet %YAML står två gånger",
    "found extremely long version number": "versionsnumret är för långt",
    "found incompatible YAML document": "filen anger en YAML-version som inte stöds (%YAML)",
    "incompatible %YAML directive": "filen anger en YAML-version som inte stöds (%YAML)",
    "found invalid Unicode character escape code": "en ogiltig Unicode-kod (\\u…)",
    "found undefined tag handle": "ett okänt taggprefix (!…!)",
    "found unexpected ':'": f"ett oväntat kolon (:); {_QUOTE}",
    "found unexpected document indicator": "en oväntad dokumentgräns (--- eller ...)",
    "found unexpected end of stream": "filen tar slut innan det som började är avslutat",
    "found unexpected non-alphabetical character": "ett oväntat tecken",
    "found unknown directive name": "ett okänt direktiv",
    "found unknown escape character": (
        "en okänd kod efter \\; skriv \\\\ för ett omvänt snedstreck eller använd enkla citattecken"
    ),
    "mapping keys are not allowed in this context": f"en nyckel får inte stå här; {_INDENT}",
    "mapping values are not allowed in this context": (
        f"ett kolon (:) får inte stå här; {_INDENT}, eller {_QUOTE} om den innehåller ': '"
    ),
    # the composer (PyYAML's, over libyaml)
    "found undefined alias": "aliaset (*namn) hänvisar till ett ankare som inte finns",
    "second occurrence": "samma ankare (&namn) står två gånger",
    "exceeded maximum nesting depth": "för många nivåer inuti varandra",
}
# ruamel.yaml's (and pure-Python PyYAML's) problems, which name the character or token
# found: matched by their beginning.
_PROBLEM_STARTS: Final[tuple[tuple[str, str], ...]] = (
    ("expected ',' or ']'", _PROBLEMS["did not find expected ',' or ']'"]),
    ("expected ',' or '}'", _PROBLEMS["did not find expected ',' or '}'"]),
    ("expected <block end>", f"en rad står med fel indrag; {_INDENT}"),
    ("expected <block mapping end>", f"en rad står med fel indrag; {_INDENT}"),
    ("expected '<document start>'", _PROBLEMS["did not find expected <document start>"]),
    ("expected the node content", "ett värde saknas"),
    ("expected alphabetic or numeric character", "en bokstav eller siffra väntades"),
    ("expected a comment or a line break", "en kommentar eller radbrytning väntades"),
    ("expected indentation indicator", "indraget får inte anges som 0"),
    ("expected chomping or indentation indicators", "ett ogiltigt tecken efter | eller >"),
    ("expected escape sequence", "en ogiltig kod efter \\"),
    ("expected URI", "en ogiltig tagg"),
    ("expected ' '", "ett blanksteg väntades"),
    ("expected '", "ett tecken saknas"),
    ("expected a digit", "en siffra väntades"),
    # ruamel.yaml's tab: in the indentation or after a key or value (libyaml reads the latter)
    ("found character '\\t'", TAB),
    ("found character", _PROBLEMS["found character that cannot start any token"]),
    ("found unknown escape character", _PROBLEMS["found unknown escape character"]),
    ("found undefined tag handle", _PROBLEMS["found undefined tag handle"]),
    ("found undefined alias", _PROBLEMS["found undefined alias"]),
    ("found incompatible YAML document", _PROBLEMS["found incompatible YAML document"]),
    ("found unexpected document separator", _PROBLEMS["found unexpected document indicator"]),
    ("found non-comment content after document end", "text efter postens slut (...)"),
    ("mapping values are not allowed", _PROBLEMS["mapping values are not allowed in this context"]),
    (
        "sequence entries are not allowed",
        _PROBLEMS["block sequence entries are not allowed in this context"],
    ),
    ("second occurrence", _PROBLEMS["second occurrence"]),
    ("but found another document", "filen innehåller flera YAML-dokument (---)"),
)
_UNCLOSED: Final = "citattecknet stängs aldrig; avsluta texten med samma citattecken"
# A context and problem that together say more than each: one sentence.
_PAIRS: Final[dict[tuple[str, str], str]] = {
    ("while scanning a quoted scalar", "found unexpected end of stream"): _UNCLOSED,
    ("while scanning a double-quoted scalar", "found unexpected end of stream"): _UNCLOSED,
    ("while parsing a flow sequence", "did not find expected ',' or ']'"): (
        "listan inom [ ] stängs inte; skilj värdena med ',' och avsluta med ]"
    ),
    ("while parsing a flow mapping", "did not find expected ',' or '}'"): (
        "fälten inom { } stängs inte; skilj fälten med ',' och avsluta med }"
    ),
}
_UNKNOWN: Final = "texten följer inte YAML:s regler här"


def _problem(problem: str) -> str:
    known = _PROBLEMS.get(problem)
    if known is not None:
        return known
    for start, swedish in _PROBLEM_STARTS:
        if problem.startswith(start):
            return swedish
    return _UNKNOWN


def _context(context: str) -> str:
    if context in _SILENT_CONTEXTS or context.startswith("found duplicate anchor"):
        return ""
    return _CONTEXTS.get(context, "")


def swedish_problem(context: str | None, problem: str | None) -> str:
    """The parser's `problem` (where it was: `context`) as a Swedish sentence."""
    if not problem:
        problem, context = context, None
    pair = _PAIRS.get(((context or "").strip(), (problem or "").strip()))
    if pair is not None:
        return pair
    text = _problem((problem or "").strip())
    if text in (TAB, TAB_IN_INDENT):
        return text
    where = _context((context or "").strip())
    return f"{text} ({where})" if where else text
