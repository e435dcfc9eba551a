"""Unit tests of the safe YAML 1.2 loader `intlpolicy.loading.yamlparse.load`."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intlpolicy.loading.yamlparse import YamlProblem, compose, load


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as info:
        load(text)
    return info.value


def value(scalar: str) -> Any:
    return load(f"x: {scalar}\n")["x"]


# --- YAML 1.2 core schema -------------------------------------------------------------------


@pytest.mark.parametrize(
    "scalar",
    [
        "NO", "no", "No", "yes", "Yes", "YES", "on", "On", "off", "OFF", "y", "n", "Y", "N",
        "1:20", "190:20:30", "2024-03-01", "2024-03-01T10:00:00Z", "2001-12-14 21:59:43.10",
        "0b101", "1_000", "0O17", "0X1F", "+0x1F", "0o18", "12 000 000", "1,5", "Infinity",
        "inf", "nan", "NULL_", "tRue", "nul", "=", "<<", ".", "+", "1.2.3", "-x",
    ],
)  # fmt: skip
def test_yaml_1_1_values_stay_strings(scalar: str) -> None:
    result = value(scalar)
    assert type(result) is str
    assert result == scalar


@pytest.mark.parametrize("scalar", ["true", "True", "TRUE"])
def test_true(scalar: str) -> None:
    assert value(scalar) is True


@pytest.mark.parametrize("scalar", ["false", "False", "FALSE"])
def test_false(scalar: str) -> None:
    assert value(scalar) is False


@pytest.mark.parametrize("text", ["x: ~", "x: null", "x: Null", "x: NULL", "x:", "x: !!null ''"])
def test_null(text: str) -> None:
    assert load(text) == {"x": None}


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [("0o17", 15), ("0x1F", 31), ("0x1f", 31), ("12", 12), ("-12", -12), ("+12", 12),
     ("0", 0), ("012", 12), ("!!int 7", 7), ("12000000", 12_000_000)],
)  # fmt: skip
def test_integers(scalar: str, expected: int) -> None:
    result = value(scalar)
    assert type(result) is int
    assert result == expected


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("11999999.99", "11999999.99"),
        ("11.4845", "11.4845"),
        ("0.1", "0.1"),
        ("-0.5", "-0.5"),
        ("+2.50", "2.50"),
        ("1.", "1"),
        (".5", "0.5"),
        ("1e3", "1E+3"),
        ("1.5E-2", "0.015"),
        ("!!float 3", "3"),
    ],
)
def test_floats_are_exact_decimals(scalar: str, expected: str) -> None:
    result = value(scalar)
    assert type(result) is Decimal
    assert result == Decimal(expected)


def test_decimal_keeps_the_written_digits() -> None:
    data = load("amount: 11999999.99\nrate: 11.4845\nzeroes: 2.50\n")
    assert data == {
        "amount": Decimal("11999999.99"),
        "rate": Decimal("11.4845"),
        "zeroes": Decimal("2.50"),
    }
    assert all(type(v) is Decimal for v in data.values())
    assert str(data["amount"]) == "11999999.99"
    assert str(data["rate"]) == "11.4845"
    assert str(data["zeroes"]) == "2.50"
    # The float would be 11999999.99 -> 11999999.990000000223517417907714843750
    assert data["amount"] * 1 == Decimal("11999999.99")
    assert Decimal(950000) * data["rate"] == Decimal("10910275.0000")


@pytest.mark.parametrize(
    ("scalar", "check"),
    [
        (".inf", lambda d: d.is_infinite() and d > 0),
        ("+.inf", lambda d: d.is_infinite() and d > 0),
        ("-.Inf", lambda d: d.is_infinite() and d < 0),
        (".NaN", lambda d: d.is_nan()),
        (".nan", lambda d: d.is_nan()),
    ],
)
def test_special_floats_are_decimals(scalar: str, check: Any) -> None:
    result = value(scalar)
    assert type(result) is Decimal
    assert check(result)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False))
@settings(max_examples=200, deadline=None)
def test_any_decimal_text_is_read_exactly(number: Decimal) -> None:
    text = f"{number:f}"
    result = value(text)
    assert type(result) in (int, Decimal)
    assert not isinstance(result, float)
    assert Decimal(result) == number


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [("'12'", "12"), ('"true"', "true"), ("'null'", "null"), ("!!str 1", "1"),
     ('"2024-03-01"', "2024-03-01"), ("'11.4845'", "11.4845"), ("''", "")],
)  # fmt: skip
def test_quoted_and_str_tagged_values_are_strings(scalar: str, expected: str) -> None:
    result = value(scalar)
    assert type(result) is str
    assert result == expected


def test_dates_stay_strings() -> None:
    data = load("adopted: 2024-08-29\nperiod: {start: 2024-09-01, end: 2027-08-31}\n")
    assert data == {"adopted": "2024-08-29", "period": {"start": "2024-09-01", "end": "2027-08-31"}}


def test_a_record() -> None:
    text = (
        "schema_version: 1\n"
        "id: green-transitions\n"
        "funding:\n"
        "  eu: true\n"
        "  programme: Interreg Öresund-Kattegat-Skagerrak\n"
        "partners:\n"
        "  - {name: Københavns Kommune, country: NO}\n"
        "application: {submitted: 2024-03-15, decided: null}\n"
        "summary: |\n"
        "  Rad ett.\n"
        "  Rad två.\n"
    )
    assert load(text) == {
        "schema_version": 1,
        "id": "green-transitions",
        "funding": {"eu": True, "programme": "Interreg Öresund-Kattegat-Skagerrak"},
        "partners": [{"name": "Københavns Kommune", "country": "NO"}],
        "application": {"submitted": "2024-03-15", "decided": None},
        "summary": "Rad ett.\nRad två.\n",
    }


@pytest.mark.parametrize("text", ["", "\n\n", "# bara en kommentar\n", "---\n", "--- \n...\n"])
def test_no_document_is_none(text: str) -> None:
    assert load(text) is None


def test_bom_is_ignored() -> None:
    assert load("\ufeffa: 1\n") == {"a": 1}


# --- tags ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "tag"),
    [
        ('x: !!python/object/apply:os.system ["echo pwned"]\n', 0, "python/object/apply"),
        ("a: 1\nx: !!python/name:os.system\n", 1, "python/name:os.system"),
        ("a: 1\nb: 2\nx: !!python/object:builtins.dict {}\n", 2, "python/object:"),
        ("a: 1\nx: !foo bar\n", 1, "!foo"),
        ("x:\n  - !foo {a: 1}\n", 1, "!foo"),
        ("a: 1\nx: !!binary aGVsbG8=\n", 1, "binary"),
        ("a: 1\nb: 2\nc: 3\nx: !!timestamp 2024-03-01\n", 3, "timestamp"),
        ("a: 1\nx: !!set {a, b}\n", 1, "set"),
        ("x: !!omap [{a: 1}]\n", 0, "omap"),
        ("x: !!pairs [{a: 1}]\n", 0, "pairs"),
        ("%TAG !e! tag:example.com,2000:\n---\nx: !e!thing 1\n", 2, "tag:example.com"),
        ("!!python/object/apply:os.system [echo]\n", 0, "python/object/apply"),
        ("x: !<tag:yaml.org,2002:python/none> ''\n", 0, "python/none"),
    ],
)
def test_unsupported_tags(text: str, line: int, tag: str) -> None:
    found = problem(text)
    assert found.code == "unsupported-tag"
    assert found.line == line
    assert tag in found.params["tag"]


def test_core_tag_on_the_wrong_kind_of_node() -> None:
    found = problem("a: 1\nx: !!map [1, 2]\n")
    assert found.code == "unsupported-tag"
    assert found.line == 1


def test_core_tag_that_does_not_fit_the_value() -> None:
    found = problem("a: 1\nx: !!int abc\n")
    assert found.code == "yaml-syntax"
    assert found.line == 1


def test_python_tags_never_run_anything(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    texts = [
        f'x: !!python/object/apply:os.system ["touch {marker}"]\n',
        f'x: !!python/object/apply:subprocess.call [["touch", "{marker}"]]\n',
        f'x: !!python/object/apply:builtins.open ["{marker}", "w"]\n',
        f'x: !!python/object/new:builtins.open ["{marker}", "w"]\n',
        f'!!python/object/apply:os.system ["touch {marker}"]\n',
        f'- a\n- !!python/object/apply:os.system ["touch {marker}"]\n',
        f'a: &a !!python/object/apply:os.system ["touch {marker}"]\nb: *a\n',
    ]
    for text in texts:
        with pytest.raises(YamlProblem) as info:
            load(text)
        assert info.value.code == "unsupported-tag"
    assert not marker.exists()


# --- structure problems --------------------------------------------------------------------


def test_duplicate_key() -> None:
    found = problem("schema_version: 1\nid: a\ntitle: A\nid: b\n")
    assert found.code == "duplicate-key"
    assert (found.line, found.column) == (3, 0)
    assert found.params["key"] == "id"
    assert found.params["first"] == 2  # 1-based line of the first `id`


def test_duplicate_key_nested_and_quoted() -> None:
    found = problem("a: 1\nfunding:\n  eu: true\n  'eu': false\n")
    assert found.code == "duplicate-key"
    assert (found.line, found.column) == (3, 2)
    assert found.params == {"key": "eu", "first": 3}


def test_duplicate_key_in_flow_mapping() -> None:
    found = problem("a: 1\nperiod: {start: 2024-01-01, start: 2024-02-01}\n")
    assert found.code == "duplicate-key"
    assert found.line == 1
    assert found.params["first"] == 2


def test_multiple_documents() -> None:
    found = problem("a: 1\n---\nb: 2\n")
    assert found.code == "multiple-documents"
    assert found.line == 1


def test_multiple_documents_with_explicit_start() -> None:
    assert problem("---\na: 1\n...\n---\na: 2\n").code == "multiple-documents"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nb: c: d\n", 1),
        ("a: 1\n  b: 2\n", 1),
        ("a: 1\nb:\n\t- x\n", 2),
        ("a: [1, 2\nb: 3\n", 1),
        ('a: "unterminated\n', 0),  # at the opening quote, not the end of the stream
        ("a: 1\n- b\n", 1),
        ("a: *missing\n", 0),
        ("a: &x 1\nb: &x 2\nc: [*x]\n", 1),  # a re-defined anchor is refused
        ("{", 0),  # the end of a one-line file is on its one line
        ("]", 0),
        ("a: @x\n", 0),
        ("a: `x`\n", 0),
        ("%YAML 1.2\n%YAML 1.2\n---\na: 1\n", 1),
    ],
)
def test_syntax_errors(text: str, line: int) -> None:
    found = problem(text)
    assert found.code == "yaml-syntax"
    assert found.params["problem"]
    assert found.line == line
    assert found.column >= 0


TAB_IN_INDENT = "tabb i indraget: YAML tillåter bara mellanslag där; byt tabben mot mellanslag"
TAB_ELSEWHERE = "tabb där YAML bara tillåter mellanslag; byt tabben mot mellanslag"
NO_COLON_QUOTED = "kolon (:) saknas efter nyckeln; skriv nyckel: värde"


def no_colon(key: str) -> str:
    return f"kolon saknas efter '{key}'; skriv {key}: värde"


# A tab in the indentation or a key without its `:`: libyaml notices it elsewhere (the tab as
# "a character that cannot start any token", the key on the line after it); the problem is
# placed and told where the person must fix it. (text, line, column: 1-based, problem)
@pytest.mark.parametrize(
    ("text", "line", "column", "said"),
    [
        ("application:\n\tsubmitted: 2024-09-16\n  decision: granted\n", 2, 1, TAB_IN_INDENT),
        ("application:\n  submitted: x\n\tdecision: y\n", 3, 1, TAB_IN_INDENT),
        ("application:\n  submitted: x\n  \tdecision: y\n", 3, 3, TAB_IN_INDENT),
        ("id: x\n\tname: y\n", 2, 1, TAB_IN_INDENT),
        ("a:\n\t- x\n", 2, 1, TAB_IN_INDENT),
        ("a:\n  - x\n\t- y\n", 3, 1, TAB_IN_INDENT),
        ("a:\n\tb\n", 2, 1, TAB_IN_INDENT),
        ("a: |\n\t x\n", 2, 1, TAB_IN_INDENT),
        ("a: 1\n\t# c\nb: 2\n", 2, 1, TAB_IN_INDENT),
        ("- a\n-\tb\n", 2, 2, TAB_ELSEWHERE),
        ("id: x\nrole partner\nfunding:\n  eu: true\n", 2, 1, no_colon("role")),
        ("id: x\nrole partner\n\n# c\nb: 2\n", 2, 1, no_colon("role")),
        ("id: x\nrole partner\n", 2, 1, no_colon("role")),  # the last line
        ("id: x\nrole partner", 2, 1, no_colon("role")),  # without its line break
        ("id: x\nrole\nb: 2\n", 2, 1, no_colon("role")),
        ("a:\n  b: 1\n  programme Erasmus+\n  c: 2\n", 3, 3, no_colon("programme")),
        ("a:\n  b: 1\n  programme Erasmus+\n", 3, 3, no_colon("programme")),
        ("a:\n  b: 1\n  programme Erasmus+\nc: 2\n", 3, 3, no_colon("programme")),
        ("a:\n  - x: 1\n    y 2\n    z: 3\n", 3, 5, no_colon("y")),
        ("a: 1\r\nrole partner\r\nb: 2\r\n", 2, 1, no_colon("role")),
        # the first key of a mapping: read as a text with the next key, or ended by a comment
        ("role partner\nb: 2\n", 1, 1, no_colon("role")),
        ("funding:\n  eu true\n  programme: x\n", 2, 3, no_colon("eu")),
        ("funding:\n  eu true  # c\n  programme: x\n", 2, 3, no_colon("eu")),
        ("role partner  # c\nb: 2\n", 1, 1, no_colon("role")),
        ("a: 1\n'role' partner\nb: 2\n", 2, 1, NO_COLON_QUOTED),
    ],
)  # fmt: skip
def test_a_tab_or_a_missing_colon_is_told_where_it_is(
    text: str, line: int, column: int, said: str
) -> None:
    found = problem(text)
    assert (found.code, found.line + 1, found.column + 1) == ("yaml-syntax", line, column)
    assert found.params == {"problem": said}


def test_a_tab_is_told_without_where_the_parser_was() -> None:
    from intlpolicy.loading.yamlwords import swedish_problem

    tab = swedish_problem(
        "while scanning a plain scalar", "found a tab character that violates indentation"
    )
    assert tab == TAB_IN_INDENT  # not "(i en text utan citattecken)": no quoting mends a tab


@pytest.mark.parametrize(
    "text",
    [
        "description:\n  vi arbetar med\n  följande: x\n",  # a text with ': ' in it
        "a: 1\nb: c: d\n",
        "a: 1\n  b: 2\n",
    ],
)
def test_a_colon_in_a_text_is_not_told_as_a_missing_colon(text: str) -> None:
    assert "kolon (:) får inte stå här" in problem(text).params["problem"]


@pytest.mark.parametrize(
    "text",
    ["a:\tb\n", "a: [1,\n\t2]\n", "a: {x: 1,\n\ty: 2}\n", "a: [\t1, 2]\n", "a: 1\t\nb: 2\n"],
)
def test_a_tab_after_a_key_or_inside_brackets_is_read(text: str) -> None:
    assert load(text) in ({"a": "b"}, {"a": [1, 2]}, {"a": {"x": 1, "y": 2}}, {"a": 1, "b": 2})


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghijklmnop":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    text = "\n".join(lines) + "\n"
    started = time.monotonic()
    found = problem(text)
    elapsed = time.monotonic() - started
    assert found.code == "alias-expansion"
    assert elapsed < 2.0
    assert found.line <= 5  # refused where it first grows too large, not at the end


def test_alias_bomb_through_mappings_is_refused_quickly() -> None:
    lines = ["a: &a {x: 1, y: 2, z: 3, w: 4}"]
    previous = "a"
    for index in range(1, 30):
        name = f"n{index}"
        lines.append(f"{name}: &{name} {{p: *{previous}, q: *{previous}, r: *{previous}}}")
        previous = name
    started = time.monotonic()
    found = problem("\n".join(lines) + "\n")
    assert found.code == "alias-expansion"
    assert time.monotonic() - started < 2.0


def test_large_document_without_aliases_is_not_an_alias_expansion() -> None:
    # 30 000 values in about 90 KB: large but well under the 1 MiB file limit, and there is
    # no anchor at all, so "aliases expand to too many nodes" would be a false message.
    text = "values: [" + ", ".join(["1"] * 30_000) + "]\n"
    assert len(text) < 1024 * 1024
    try:
        data = load(text)
    except YamlProblem as found:
        assert found.code != "alias-expansion", "no alias in the text"
    else:
        assert len(data["values"]) == 30_000


@pytest.mark.parametrize(
    "text",
    ["&a [*a]\n", "a: &a [*a]\n", "a: &a {b: *a}\n", "a: &a\n  b: [1, {c: *a}]\n", "&a {x: *a}"],
)
def test_recursive_alias(text: str) -> None:
    started = time.monotonic()
    found = problem(text)
    assert found.code in {"recursive-alias", "alias-expansion", "yaml-syntax"}
    assert time.monotonic() - started < 2.0


def test_recursive_alias_code() -> None:
    found = problem("a: 1\nb: &b [*b]\n")
    assert found.code == "recursive-alias"
    assert found.line == 1


def _nested(depth: int, kind: str) -> str:
    if kind == "flow-seq":
        return "x: " + "[" * depth + "1" + "]" * depth + "\n"
    if kind == "flow-map":
        return "x: " + "{a: " * depth + "1" + "}" * depth + "\n"
    if kind == "block-seq":
        return "".join("  " * level + "-\n" for level in range(depth)) + "  " * depth + "- 1\n"
    if kind == "block-map":
        return "".join("  " * level + "k:\n" for level in range(depth)) + "  " * depth + "k: 1\n"
    if kind == "mixed":
        return "".join("  " * level + "- k:\n" for level in range(depth)) + "  " * depth + "1\n"
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["flow-seq", "flow-map", "block-seq", "block-map", "mixed"])
@pytest.mark.parametrize("depth", [200, 2_000, 20_000])
def test_deep_nesting_is_refused_without_recursion_error(kind: str, depth: int) -> None:
    found = problem(_nested(depth, kind))
    assert found.code in {"too-deep", "yaml-syntax"}


def test_moderate_nesting_loads() -> None:
    assert load(_nested(20, "flow-seq")) is not None
    assert load(_nested(20, "block-map")) is not None


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\n1: x\n", 1),
        ("a: 1\n[a]: b\n", 1),
        ("? [a]\n: b\n", 0),
        ("? {a: 1}\n: b\n", 0),
        ("true: x\n", 0),
        ("~: x\n", 0),
        ("null: x\n", 0),
        ("1.5: x\n", 0),
        ("a:\n  2024: rapport\n", 1),
        ("{1: a}\n", 0),
    ],
)
def test_non_string_keys(text: str, line: int) -> None:
    found = problem(text)
    assert found.code == "invalid-key"
    assert found.line == line
    assert found.params["key"]


def test_quoted_number_key_is_fine() -> None:
    assert load("'1': x\n\"true\": y\n") == {"1": "x", "true": "y"}


def test_benign_anchors_and_aliases_load() -> None:
    text = (
        "total_budget:\n"
        "  amount: 950000\n"
        "  currency: EUR\n"
        "  exchange_rate: &rate {rate: 11.4845, date: 2024-03-01, source: InforEuro}\n"
        "eu_contribution: {amount: 570000, currency: EUR, exchange_rate: *rate}\n"
        "own_budget: {amount: 1000, currency: EUR, exchange_rate: *rate}\n"
        "name: &n Kulturnämnden\n"
        "again: *n\n"
    )
    data = load(text)
    rate = {"rate": Decimal("11.4845"), "date": "2024-03-01", "source": "InforEuro"}
    assert data["total_budget"]["exchange_rate"] == rate
    assert data["eu_contribution"]["exchange_rate"] == rate
    assert data["own_budget"]["exchange_rate"] == rate
    assert data["again"] == "Kulturnämnden"


def test_problem_positions_are_zero_based() -> None:
    found = problem("a: 1\nb: 2\n    c: !foo x\n")
    assert found.line >= 1
    assert found.column >= 0


# --- never anything but a value or YamlProblem ---------------------------------------------


def _load_or_problem(text: str) -> None:
    try:
        load(text)
    except YamlProblem as found:
        assert isinstance(found.code, str) and found.code
        assert found.line >= 0 and found.column >= 0


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_arbitrary_text_never_crashes(text: str) -> None:
    _load_or_problem(text)


@given(st.binary())
@settings(max_examples=300, deadline=None)
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    _load_or_problem(raw.decode("utf-8", errors="replace"))


_YAMLISH = st.lists(
    st.sampled_from([*"[]{}:-,&*!?|>'\"#%@`~\n\t ab01.", "!!", "<<", "---", ": ", "- ", "\n  "]),
    max_size=60,
).map("".join)


@given(_YAMLISH)
@settings(max_examples=300, deadline=None)
def test_yaml_like_text_never_crashes(text: str) -> None:
    _load_or_problem(text)


def _shape(text: str, typed: bool) -> Any:
    """The node tree without its tags (kinds, texts, marks), or the problem's code and place."""

    seen: set[int] = set()

    def walk(node: Any) -> Any:
        if id(node) in seen:  # an alias (perhaps of a collection that holds it)
            return "alias", node.start_mark.index
        seen.add(id(node))
        if isinstance(node.value, str):
            children: Any = node.value
        elif node.value and isinstance(node.value[0], tuple):
            children = [(walk(key), walk(value)) for key, value in node.value]
        else:
            children = [walk(child) for child in node.value]
        return type(node).__name__, node.start_mark.index, node.end_mark.index, children

    try:
        root = compose(text, typed)
    except YamlProblem as found:
        return found.code, found.line, found.column
    return None if root is None else walk(root)


@given(_YAMLISH)
@settings(max_examples=300, deadline=None)
def test_untyped_compose_is_the_same_tree_without_tags(text: str) -> None:
    # Positions are looked up in untyped trees (loading/positions.py): only the tags may differ.
    assert _shape(text, typed=False) == _shape(text, typed=True)


def test_untyped_compose_of_a_record() -> None:
    text = "id: a\nparticipants:\n  - organisation: b\n    share: 1.5\nnote: &x {k: [1, *y]}\n"
    assert _shape(text.replace("*y", "2"), typed=False) == _shape(text.replace("*y", "2"), True)
    assert _shape(text, typed=False) == _shape(text, typed=True)  # an undefined alias
    untyped = compose("a: 1\n", typed=False)
    assert untyped is not None and untyped.tag == ""


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\ufffe", "\uffff"])
def test_control_characters_are_a_problem_not_a_crash(char: str) -> None:
    found = problem(f"a: 1\nb: x{char}y\n")
    assert found.code == "yaml-syntax"
    assert (found.line, found.column) == (1, 4)
