"""Fuzzing the loader and the whole validator with mutated records, random text and bytes.

Each example writes one file into a copy of tests/fixtures/valid (built once per module, the
file restored after every example) and runs `validate_data_root` on it. Whatever the file
holds, the contract of DESIGN.md ("Errors and bad input") must hold:

- no exception ever leaves the validator, and it answers within a bounded time;
- every finding has a file, a line and column >= 1, a message and a known code;
- the mutated file either loads (and then has no errors, or errors of its own), or it has at
  least one error located in that very file; the files that were not touched only ever get
  cross-record errors (an unknown reference, a duplicate id), never YAML or schema errors.

A few mutated data roots also go through `intlpolicy validate` itself: exit 0 or 1, and no
traceback on either stream.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import VALID_TODAY, invoke, run_on
from intlpolicy.findings import CODES, Finding, Severity
from intlpolicy.loading import yamlparse
from intlpolicy.services.validate import ValidationResult, validate_data_root

VALID = Path(__file__).parent / "fixtures" / "valid"
SHOWN: Final = "data"  # the display root: findings name files data/<kind>/<id>.yaml
TIME_LIMIT: Final = 2.0  # seconds for one whole validation of the (small) data root

# The valid records, byte for byte, by their path inside the data root.
RECORDS: Final[dict[str, bytes]] = {
    path.relative_to(VALID).as_posix(): path.read_bytes() for path in sorted(VALID.rglob("*.yaml"))
}
RECORD_PATHS: Final = sorted(RECORDS)
# A file that is not there in the valid root: random content may also arrive as a new record.
NEW_RECORD: Final = "projects/fuzzed.yaml"

# The only errors a file that was not touched may get: its references or id now clash with
# the mutated record. Anything else (YAML, schema) in an unchanged file would be misplaced.
CROSS_RECORD_CODES: Final = frozenset({"unknown-reference", "duplicate-id"})

FUZZ_SETTINGS: Final = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# --- strategies ----------------------------------------------------------------------------

SPECIAL: Final = [
    *":-[]{}&*!#|>'\"?,%@`~",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufeff",
    "\ufffe",
    " ",
    ": ",
    "- ",
    "!!",
    "!!python/object/apply:os.system",
    "!custom",
    "<<",
    "---",
    "...",
    "&a ",
    "*a",
    "*missing",
    "? ",
    "\n  ",
    "\n- ",
    "|\n  ",
    ">-\n  ",
]
# Byte sequences that are never valid UTF-8 (or not where they are put).
BAD_BYTES: Final = [
    b"\xff",
    b"\xfe",
    b"\xc3",
    b"\x80",
    b"\xe2\x82",
    b"\xed\xa0\x80",  # an encoded surrogate
    b"\xf4\x90\x80\x80",  # above U+10FFFF
    b"\xc0\xaf",  # overlong
]
# Words of the valid records: replacing a value with one of them makes near-valid records
# that reach the schema and the cross-record checks, not only the parser.
WORDS: Final = sorted(
    {
        word
        for text in RECORDS.values()
        for word in re.findall(r"[A-Za-z_][A-Za-z0-9_-]*", text.decode("utf-8"))
    }
)

_scalar_text = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=12),
    st.lists(st.sampled_from([*SPECIAL, *"ab01 "]), max_size=6).map("".join),
)


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar that reads back as `text` (escapes as JSON does)."""
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable() and char not in "\u2028\u2029\ufeff":
            out.append(char)
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


_scalar = st.one_of(
    _scalar_text,  # plain, possibly broken YAML
    _scalar_text.map(_quoted),
    _scalar_text.map(lambda text: "'" + text.replace("'", "''") + "'"),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=True, places=None).map(str),
    st.sampled_from(
        [
            "true",
            "false",
            "True",
            "yes",
            "NO",
            "on",
            "~",
            "null",
            "",
            ".inf",
            "-.inf",
            ".nan",
            "0x1F",
            "0o17",
            "1e400",
            "-0",
            "2024-13-45",
            "2024-02-29",
            "2023-02-29",
            "0000-01-01",
            "12:30",
            "1_000",
            "950 000",
            "950000,50",
            "!!int abc",
            "!!str 1",
            "!!binary aGVq",
            "!!timestamp 2024-01-01",
            "!!python/name:os.system",
            "!!python/object/apply:os.system ['true']",
            "&x [1, 2]",
            "*x",
            "https://example.org",
            "javascript:alert(1)",
        ]
    ),
)


def _flow(values: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    lists = st.lists(values, max_size=4).map(lambda items: "[" + ", ".join(items) + "]")
    keys = st.one_of(st.sampled_from(WORDS), st.text(max_size=5))
    mappings = st.lists(st.tuples(keys, values), max_size=4).map(
        lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
    )
    return st.one_of(lists, mappings)


YAML_VALUES: Final = st.recursive(_scalar, _flow, max_leaves=8)

# `key: value` in a block line or inside a flow mapping: the value's span can be replaced.
_KEY_VALUE = re.compile(rb"[A-Za-z_]+: ([^,{}\[\]\n#]*)")


def _lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\n")


@st.composite
def _mutate_once(draw: st.DrawFn, raw: bytes) -> bytes:
    operation = draw(
        st.sampled_from(
            [
                "delete",
                "insert-text",
                "insert-bytes",
                "duplicate-line",
                "swap-lines",
                "delete-line",
                "indent",
                "replace-value",
            ]
        )
    )
    if not raw:
        return draw(st.binary(max_size=8))
    position = draw(st.integers(min_value=0, max_value=len(raw)))
    lines = _lines(raw)
    line = draw(st.integers(min_value=0, max_value=len(lines) - 1))
    if operation == "delete":
        count = draw(st.integers(min_value=1, max_value=3))
        return raw[:position] + raw[position + count :]
    if operation == "insert-text":
        pieces = draw(
            st.lists(
                st.one_of(st.sampled_from(SPECIAL), st.text(max_size=3)), min_size=1, max_size=5
            )
        )
        return (
            raw[:position]
            + "".join(pieces).encode("utf-8", errors="surrogatepass")
            + raw[position:]
        )
    if operation == "insert-bytes":
        inserted = draw(st.one_of(st.sampled_from(BAD_BYTES), st.binary(min_size=1, max_size=4)))
        return raw[:position] + inserted + raw[position:]
    if operation == "duplicate-line":
        lines.insert(line, lines[line])
    elif operation == "swap-lines":
        other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        lines[line], lines[other] = lines[other], lines[line]
    elif operation == "delete-line":
        del lines[line]
    elif operation == "indent":
        indent = draw(
            st.sampled_from([b"", b" ", b"  ", b"   ", b"    ", b"\t", b"  \t", b" " * 8])
        )
        lines[line] = indent + lines[line].lstrip(b" \t")
    else:  # replace-value
        spans = [match.span(1) for match in _KEY_VALUE.finditer(raw)]
        if not spans:
            return raw
        start, end = draw(st.sampled_from(spans))
        value = draw(YAML_VALUES).encode("utf-8", errors="surrogatepass")
        return raw[:start] + value + raw[end:]
    return b"\n".join(lines)


@st.composite
def mutated_records(draw: st.DrawFn) -> tuple[str, bytes]:
    """One valid record with one to four random edits."""
    rel = draw(st.sampled_from(RECORD_PATHS))
    raw = RECORDS[rel]
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        raw = draw(_mutate_once(raw))
    return rel, raw


@st.composite
def value_replacements(draw: st.DrawFn) -> tuple[str, bytes]:
    """One valid record with a single value replaced: mostly well-formed, often near-valid."""
    rel = draw(st.sampled_from(RECORD_PATHS))
    raw = RECORDS[rel]
    spans = [match.span(1) for match in _KEY_VALUE.finditer(raw)]
    start, end = draw(st.sampled_from(spans))
    value = draw(YAML_VALUES).encode("utf-8", errors="surrogatepass")
    return rel, raw[:start] + value + raw[end:]


TARGETS: Final = st.sampled_from([*RECORD_PATHS, NEW_RECORD])

_YAMLISH_TEXT = st.lists(
    st.one_of(st.sampled_from(SPECIAL), st.sampled_from(WORDS), st.text(max_size=3)),
    max_size=60,
).map("".join)

# --- the data root and the invariants --------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the valid data root per module; each example restores what it changed."""
    root = tmp_path_factory.mktemp("fuzz") / SHOWN
    shutil.copytree(VALID, root)
    return root


@contextmanager
def written(root: Path, rel: str, content: bytes) -> Iterator[None]:
    """`content` in `root/rel` for the duration; the valid record (or nothing) afterwards."""
    path = root / rel
    path.write_bytes(content)
    try:
        yield
    finally:
        if rel in RECORDS:
            path.write_bytes(RECORDS[rel])
        else:
            path.unlink()


def shown_path(rel: str) -> str:
    return os.path.join(SHOWN, *rel.split("/"))


def assert_well_formed(finding: Finding) -> None:
    assert finding.file, finding
    assert finding.file.startswith(SHOWN + os.sep) or finding.file == SHOWN, finding
    assert isinstance(finding.line, int) and finding.line >= 1, finding
    assert isinstance(finding.column, int) and finding.column >= 1, finding
    assert finding.code in CODES, finding
    assert finding.severity is CODES[finding.code][0], finding
    assert finding.message.strip(), finding
    assert "Traceback" not in finding.message, finding


_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")


def editor_lines(content: bytes) -> list[str]:
    """The lines of a file as an editor shows them: split on \\n, \\r\\n and \\r only (not on
    U+0085 or U+2028), a final line break ending the last line, a BOM not shown."""
    text = content.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = _LINE_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def assert_inside(finding: Finding, content: bytes) -> None:
    """The finding's line and character column are a place in the file an editor can show."""
    lines = editor_lines(content)
    assert 1 <= finding.line <= len(lines), (finding, len(lines))
    width = len(lines[finding.line - 1])
    assert 1 <= finding.column <= width + 1, (finding, lines[finding.line - 1])


def validate_with(root: Path, rel: str, content: bytes) -> ValidationResult:
    """Validate the root with `content` at `rel`, checking every invariant of the contract."""
    with written(root, rel, content):
        started = time.monotonic()
        result = validate_data_root(root, VALID_TODAY, SHOWN)
        elapsed = time.monotonic() - started
    assert elapsed < TIME_LIMIT, f"validate took {elapsed:.2f} s"
    for finding in result.findings:
        assert_well_formed(finding)
    here = shown_path(rel)
    for finding in result.findings:
        if finding.file == here:
            assert_inside(finding, content)
    errors_here = [f for f in result.errors if f.file == here]
    elsewhere = [f for f in result.errors if f.file != here]
    loaded = any(source.rel == rel for source in result.records.sources.values())
    if not loaded:
        assert errors_here, f"{rel} was left out of the records without an error in it"
    for finding in elsewhere:
        assert finding.code in CROSS_RECORD_CODES, (
            f"an unchanged file got {finding.code} from a change to {rel}: {finding}"
        )
    if result.errors and not errors_here:
        assert loaded and all(f.code in CROSS_RECORD_CODES for f in result.errors)
    return result


# --- the properties ------------------------------------------------------------------------


def test_the_valid_root_is_clean(fuzz_root: Path) -> None:
    """The baseline every property mutates: no findings at all, and the restore works."""
    result = validate_data_root(fuzz_root, VALID_TODAY, SHOWN)
    assert result.findings == []
    assert result.record_count == len(RECORDS)


@given(mutated=mutated_records())
@FUZZ_SETTINGS
def test_mutated_records_never_crash_and_are_located(
    fuzz_root: Path, mutated: tuple[str, bytes]
) -> None:
    rel, content = mutated
    validate_with(fuzz_root, rel, content)


@given(mutated=value_replacements())
@FUZZ_SETTINGS
def test_replaced_values_never_crash_and_are_located(
    fuzz_root: Path, mutated: tuple[str, bytes]
) -> None:
    rel, content = mutated
    validate_with(fuzz_root, rel, content)


@given(rel=TARGETS, content=st.binary(max_size=2048))
@FUZZ_SETTINGS
def test_random_bytes_never_crash(fuzz_root: Path, rel: str, content: bytes) -> None:
    result = validate_with(fuzz_root, rel, content)
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        codes = {f.code for f in result.errors if f.file == shown_path(rel)}
        assert codes == {"not-utf8"}


@given(rel=TARGETS, text=st.one_of(st.text(max_size=400), _YAMLISH_TEXT))
@FUZZ_SETTINGS
def test_random_text_never_crashes(fuzz_root: Path, rel: str, text: str) -> None:
    validate_with(fuzz_root, rel, text.encode("utf-8", errors="surrogatepass"))


@given(mutated=mutated_records())
@FUZZ_SETTINGS
def test_the_parser_alone_raises_only_yaml_problems(mutated: tuple[str, bytes]) -> None:
    """Below the validator: `yamlparse.load` gives a value or a YamlProblem, nothing else."""
    _, content = mutated
    text = content.decode("utf-8", errors="replace")
    try:
        yamlparse.load(text)
    except yamlparse.YamlProblem as problem:
        assert problem.code in CODES
        assert problem.line >= 0 and problem.column >= 0


# Where positions went wrong: text after non-ASCII characters (bytes counted for characters),
# U+0085 and U+2028 (counted as line breaks), a file cut off without its final line break,
# an unclosed quote (placed at the end), a duplicate key through an alias.
_POSITION_PIECES: Final = [
    "Å",
    "ÅÅÅÅ",
    "€",
    "😀",
    "\x85",
    "\u2028",
    "\u2029",
    "\r",
    "\r\n",
    "\n",
    '"',
    "'",
    "\x01",
    "\x1b",
    ": ",
    "&k ",
    "*k ",
    "[",
    "{",
]


@st.composite
def position_traps(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid record with a few of the pieces above put in, then perhaps cut off."""
    rel = draw(st.sampled_from(RECORD_PATHS))
    text = RECORDS[rel].decode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        piece = "".join(draw(st.lists(st.sampled_from(_POSITION_PIECES), min_size=1, max_size=4)))
        text = text[:at] + piece + text[at:]
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return rel, text.encode("utf-8")


@given(mutated=position_traps())
@settings(
    max_examples=1400,  # with the 4 × 150 above: 2 000 fuzz cases checked for positions
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_every_position_lies_inside_the_file(fuzz_root: Path, mutated: tuple[str, bytes]) -> None:
    rel, content = mutated
    validate_with(fuzz_root, rel, content)


# --- through the command line ---------------------------------------------------------------


@given(mutated=mutated_records())
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_validate_command_on_mutated_records(
    fuzz_root: Path, mutated: tuple[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    rel, content = mutated
    run_on(monkeypatch, VALID_TODAY)
    with written(fuzz_root, rel, content):
        for output_format in ("text", "json"):
            result = invoke("validate", "--data", fuzz_root, "--format", output_format)
            assert result.exit_code in (0, 1), result.output
            if result.exit_code == 1:
                assert Severity.ERROR.value in result.stdout
