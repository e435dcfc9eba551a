"""The guarantees of SECURITY.md and of DESIGN.md ("Errors and bad input"), tested as an
attacker would try them: YAML that wants to run code or to blow up, record text that wants to
become HTML, paths that want out of the data root, writes interrupted halfway, Ctrl-C, and
commands that should only read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Final

import pytest

import intlpolicy
from conftest import VALID_TODAY, Repo, edit, invoke, run_on
from intlpolicy.editing.atomic import WriteFailed, WriteRefused, write_atomically
from intlpolicy.loading import yamlparse
from intlpolicy.services.validate import ValidationResult, validate_data_root

SHOWN: Final = "data"
FIXTURES: Final = Path(__file__).parent / "fixtures"
SOURCE: Final = Path(intlpolicy.__file__).parent  # src/intlpolicy


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def validate(root: Path) -> ValidationResult:
    return validate_data_root(root, VALID_TODAY, SHOWN)


def codes_in(result: ValidationResult, rel: str) -> set[str]:
    shown = os.path.join(SHOWN, *rel.split("/"))
    return {f.code for f in result.errors if f.file == shown}


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) and the sha256 of its content."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(folder).as_posix()] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
        elif path.is_dir():
            found[path.relative_to(folder).as_posix() + "/"] = "folder"
    return found


# A project on the KS route (12 000 000 kr, exactly the threshold): `--draft` writes for it.
KS_PROJECT: Final = """\
schema_version: 1
id: ks-project
title: Ett stort projekt
organisation: kulturnamnden
role: owner
funding: {eu: true}
total_budget: {amount: 12000000, currency: SEK}
"""


# === 1. YAML is never executed ================================================================

UNSAFE_PATTERNS: Final = [
    r"\byaml\.load\(",
    r"\byaml\.load_all\(",
    r"\byaml\.unsafe_load",
    r"\byaml\.full_load",
    r"\bfrom yaml import [^\n]*\b(load|unsafe_load|full_load|load_all)\b",
    r"Loader\s*=\s*(yaml\.)?(Loader|UnsafeLoader|FullLoader)\b",
    r"\bUnsafeLoader\b",
    r"\bFullLoader\b",
    r"\bUnsafeConstructor\b",
    r"\bFullConstructor\b",
    r"""typ\s*=\s*["']unsafe["']""",
    r"""YAML\(\s*typ\s*=\s*["'](unsafe|full)["']""",
    r"\bpickle\.loads?\(",
    r"\beval\(",
    r"\bexec\(",
]


def test_no_code_path_loads_yaml_unsafely() -> None:
    files = sorted(SOURCE.rglob("*.py"))
    assert len(files) > 20, f"the source tree was not found at {SOURCE}"
    hits = [
        f"{path.relative_to(SOURCE)}:{text[: match.start()].count(chr(10)) + 1}: {match.group(0)}"
        for path in files
        for text in [path.read_text(encoding="utf-8")]
        for pattern in UNSAFE_PATTERNS
        for match in re.finditer(pattern, text)
        if (path.relative_to(SOURCE).as_posix(), pattern) not in _OWN_CACHE
    ]
    assert hits == []


# The one exception: the per-file cache unpickles what this tool pickled into the user's own
# cache folder (mode 0700, entries owned by the user and checksummed; SECURITY.md), never
# anything from the data root or the records.
_OWN_CACHE: Final = {("loading/record_cache.py", r"\bpickle\.loads?\(")}


def test_the_parser_is_built_on_the_plain_libyaml_parser() -> None:
    """Only a parser and our own constructor: no PyYAML constructor class in its bases."""
    import yaml

    parser = yamlparse._Parser  # the class `compose` uses
    constructors = [
        base for base in parser.__mro__ if issubclass(base, yaml.constructor.BaseConstructor)
    ]
    assert constructors == []
    assert not hasattr(parser, "construct_document")


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "pwned"


def _code_running_records(marker: Path) -> list[str]:
    command = f"touch {marker}"
    return [
        f"!!python/object/apply:os.system [{command!r}]",
        f"!!python/object/apply:subprocess.call [[touch, '{marker}']]",
        f"!!python/object/new:os.system [{command!r}]",
        "!!python/name:os.system ''",
        "!!python/module:os ''",
        f"!!python/object:os.system {{args: [{command!r}]}}",
        f"!<tag:yaml.org,2002:python/object/apply:os.system> [{command!r}]",
    ]


def test_python_tags_in_any_record_run_nothing(valid_root: Path, marker: Path) -> None:
    targets = {
        "projects/green-transitions.yaml": "title: Green Transitions in the Öresund Region",
        "organisations/kulturnamnden.yaml": "name: Kulturnämnden",
        "policy/policy-2024.yaml": "title: Policy för Malmö stads internationella arbete",
    }
    for tagged in _code_running_records(marker):
        for rel, line in targets.items():
            path = valid_root / rel
            original = path.read_text(encoding="utf-8")
            key = line.split(":", 1)[0]
            edit(path, line, f"{key}: {tagged}")
            result = validate(valid_root)
            assert "unsupported-tag" in codes_in(result, rel), (tagged, result.findings)
            # route-project reads the project, its organisation and every policy version.
            routed = invoke("route-project", "green-transitions", "--data", str(valid_root))
            assert routed.exit_code == 1, routed.output
            assert "unsupported-tag" in routed.stderr
            path.write_text(original, encoding="utf-8")
            assert not marker.exists(), f"{tagged} in {rel} ran code"


def test_python_tag_as_a_whole_document_and_as_a_key(valid_root: Path, marker: Path) -> None:
    path = valid_root / "projects" / "green-transitions.yaml"
    for text in (
        f"!!python/object/apply:os.system ['touch {marker}']\n",
        f"? !!python/object/apply:os.system ['touch {marker}']\n: 1\n",
        f"--- !!python/object/apply:os.system ['touch {marker}']\n",
    ):
        path.write_text(text, encoding="utf-8")
        result = validate(valid_root)
        assert codes_in(result, "projects/green-transitions.yaml") & {
            "unsupported-tag",
            "invalid-key",
        }
        assert invoke("validate", "--data", str(valid_root)).exit_code == 1
        assert not marker.exists()


# === 2. Bounded work per file ==================================================================


def _billion_laughs() -> str:
    lines = ["schema_version: 1", "id: green-transitions", 'a: &a ["lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def _timed(root: Path) -> tuple[ValidationResult, float]:
    started = time.monotonic()
    result = validate(root)
    return result, time.monotonic() - started


def test_billion_laughs_is_refused_quickly(valid_root: Path) -> None:
    rel = "projects/green-transitions.yaml"
    write(valid_root / rel, _billion_laughs())
    result, elapsed = _timed(valid_root)
    assert elapsed < 2.0
    assert codes_in(result, rel) == {"alias-expansion"}
    finding = next(f for f in result.errors if f.code == "alias-expansion")
    assert finding.line >= 3 and finding.column >= 1
    cli = invoke("validate", "--data", str(valid_root))
    assert cli.exit_code == 1 and "alias-expansion" in cli.stdout


def test_a_two_mebibyte_record_is_refused_before_it_is_parsed(valid_root: Path) -> None:
    rel = "projects/green-transitions.yaml"
    path = valid_root / rel
    # Valid YAML all the way, so only the size can refuse it.
    padding = "".join(f"# {'x' * 76}\n" for _ in range(2 * 1024 * 1024 // 79 + 1))
    path.write_text(path.read_text(encoding="utf-8") + padding, encoding="utf-8")
    assert path.stat().st_size > 2 * 1024 * 1024
    result, elapsed = _timed(valid_root)
    assert elapsed < 2.0
    [finding] = [f for f in result.errors if f.code == "file-too-large"]
    assert (finding.line, finding.column) == (1, 1)
    assert str(path.stat().st_size) in finding.message
    routed = invoke("route-project", "green-transitions", "--data", str(valid_root))
    assert routed.exit_code == 1 and "file-too-large" in routed.stderr


def test_a_record_just_under_the_limit_is_read_in_bounded_time(valid_root: Path) -> None:
    rel = "projects/green-transitions.yaml"
    path = valid_root / rel
    base = path.read_text(encoding="utf-8")
    items = (1024 * 1024 - len(base.encode("utf-8")) - 100) // 10
    path.write_text(base + "extra:\n" + "- xxxxxxx\n" * items, encoding="utf-8")
    assert path.stat().st_size <= 1024 * 1024
    result, elapsed = _timed(valid_root)
    assert elapsed < 5.0
    assert codes_in(result, rel) == {"unknown-key"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Unclosed, so libyaml's own nesting limit stops them: a syntax error.
        ("a: " + "[" * 100_000, "yaml-syntax"),
        ("a: " + "{a: " * 50_000, "yaml-syntax"),
        ("".join(" " * i + "k:\n" for i in range(1100)), "yaml-syntax"),  # 600 KB
        ("- " * 5000 + "x\n", "yaml-syntax"),
        # Well-formed but deeper than the records' limit.
        ("a: " + "[" * 500 + "]" * 500 + "\n", "too-deep"),
        ("a: &a [*a]\n", "recursive-alias"),
    ],
    ids=["flow-lists", "flow-mappings", "block-mappings", "block-lists", "closed", "recursive"],
)
def test_deep_nesting_is_a_finding_not_a_crash(valid_root: Path, text: str, code: str) -> None:
    rel = "projects/green-transitions.yaml"
    write(valid_root / rel, text)
    result, elapsed = _timed(valid_root)
    assert elapsed < 2.0
    assert codes_in(result, rel) == {code}


def _scalar_alias_bomb(anchor_size: int, aliases: int) -> str:
    """Well under 1 MiB: one big text anchored once, then aliased many times where the
    schema wants a mapping, so that every alias becomes a finding that quotes the text."""
    return (
        "schema_version: 1\n"
        "id: green-transitions\n"
        f"big: &big {'x' * anchor_size}\n"
        "partners: [" + ", ".join(["*big"] * aliases) + "]\n"
    )


def test_aliases_of_a_long_text_do_not_multiply_the_output(valid_root: Path) -> None:
    """The alias cap must count aliases of *scalars* too, and a finding must not quote a
    whole value: otherwise a 56 KB file gives 50 MB of messages (and at 1 MiB tens of
    gigabytes: a denial of service in CI). Regression test for a bug fixed in e82cb6e."""
    rel = "projects/green-transitions.yaml"
    path = write(valid_root / rel, _scalar_alias_bomb(50_000, 1_000))
    size = path.stat().st_size
    result, elapsed = _timed(valid_root)
    assert elapsed < 2.0
    assert codes_in(result, rel)
    output = sum(len(f.message) + len(f.path) for f in result.findings)
    assert output < 20 * size, f"{size} bytes of input gave {output} characters of findings"


def test_a_finding_does_not_quote_a_whole_file(valid_root: Path) -> None:
    """A record that is one long text is `not-a-mapping`; the message says so in a line
    and does not echo the file back (route-project FILE would print any file it is pointed
    at)."""
    rel = "projects/green-transitions.yaml"
    write(valid_root / rel, "word " * 100_000 + "\n")
    result = validate(valid_root)
    [finding] = [f for f in result.errors if f.code == "not-a-mapping"]
    assert len(finding.message) < 1000, f"{len(finding.message)} characters"


# === 3. Escaped output ==========================================================================

SCRIPT: Final = "<script>alert(1)</script>"
PAYLOAD: Final = f"{SCRIPT}\" onmouseover=\"alert(2)' onfocus='alert(3)<img src=x onerror=alert(4)>"
ESCAPED_SCRIPT: Final = "&lt;script&gt;alert(1)&lt;/script&gt;"
# A URL the schema accepts (no spaces, https://) that tries to leave its attribute.
HOSTILE_URL: Final = 'https://example.org/"onmouseover="alert(5)"><script>alert(6)</script>'
TEXT_KEYS: Final = frozenset(
    {
        "name",
        "title",
        "city",
        "summary",
        "description",
        "administration",
        "programme",
        "fund",
        "source",
    }
)


def _flow(value: Any) -> str:
    """A value as YAML 1.2 flow text that reads back as the same value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    assert isinstance(value, dict), value
    return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"


def _poisoned(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _poisoned(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poisoned(item, key) for item in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return f"{value} {PAYLOAD}"
    if isinstance(value, str) and key == "url":
        return HOSTILE_URL
    return value


def poisoned_root(fixture: str, tmp_path: Path) -> Path:
    """A copy of a fixture root with the payload appended to every free text the schema has
    (names, titles, summaries, descriptions, ...) and a hostile URL on every network."""
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / fixture, root)
    for path in root.rglob("*.yaml"):
        data = yamlparse.load(path.read_text(encoding="utf-8"))
        path.write_text(_flow(_poisoned(data)) + "\n", encoding="utf-8")
    assert validate(root).errors == []
    return root


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_no_injection(html: str) -> None:
    assert ESCAPED_SCRIPT in html, "the payload did not reach the output: the test has no teeth"
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    parsed = Tags()
    parsed.feed(html)
    parsed.close()
    assert [tag for tag, _ in parsed.tags if tag in ("script", "img", "iframe", "object")] == []
    for tag, attrs in parsed.tags:
        for name, value in attrs:
            assert not name.startswith("on"), f"<{tag} {name}={value!r}>"
            if name in ("href", "src", "xlink:href", "action", "formaction"):
                assert value is not None
                assert value.startswith(("#", "https://", "http://")), f"<{tag} {name}={value!r}>"
    # The payload comes back as text, whole: nothing of it became markup.
    assert SCRIPT in "".join(parsed.text)


def test_annual_report_html_escapes_record_text(tmp_path: Path) -> None:
    root = poisoned_root("annual", tmp_path)
    result = invoke("annual-report", "--year", "2024", "--format", "html", "--data", str(root))
    assert result.exit_code == 0, result.output
    assert_no_injection(result.stdout)
    assert "<svg" in result.stdout  # the charts, built from names, are there and escaped too


@pytest.mark.parametrize("fixture", ["valid", "annual"])
@pytest.mark.parametrize("which", ["networks", "twin-cities"])
def test_published_html_escapes_record_text(tmp_path: Path, fixture: str, which: str) -> None:
    root = poisoned_root(fixture, tmp_path)
    result = invoke("publish", which, "--format", "html", "--data", str(root))
    assert result.exit_code == 0, result.output
    assert_no_injection(result.stdout)


def test_a_hostile_url_stays_inside_its_href(tmp_path: Path) -> None:
    root = poisoned_root("valid", tmp_path)
    html = invoke("publish", "networks", "--format", "html", "--data", str(root)).stdout
    parsed = Tags()
    parsed.feed(html)
    hrefs = [value for tag, attrs in parsed.tags if tag == "a" for name, value in attrs]
    assert hrefs == [HOSTILE_URL]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "javascript://example.org/%0Aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "https:/evil.example",
        "java\tscript:alert(1)",
    ],
)
def test_a_non_web_url_never_becomes_a_link(valid_root: Path, url: str) -> None:
    path = valid_root / "networks" / "eurocities.yaml"
    edit(path, "url: https://eurocities.eu", f"url: {_flow(url)}")
    assert "invalid-url" in codes_in(validate(valid_root), "networks/eurocities.yaml")
    for output_format in ("html", "json"):
        result = invoke("publish", "networks", "--format", output_format, "--data", str(valid_root))
        assert result.exit_code == 1
        assert "href" not in result.stdout
        if output_format == "json":  # the refusal as JSON (its findings quote the value)
            assert json.loads(result.stdout)["ok"] is False
        else:
            assert result.stdout == ""


# === 4. No personal data in published outputs ===================================================


def _contacts(root: Path) -> set[str]:
    """Names, e-mail addresses and their local parts of every contact person."""
    found: set[str] = set()
    for path in (root / "organisations").glob("*.yaml"):
        data = yamlparse.load(path.read_text(encoding="utf-8"))
        for contact in data.get("eu_network_contacts") or []:
            email = contact["email"]
            found |= {contact["name"], email, email.split("@")[0]}
    return found


@pytest.mark.parametrize("fixture", ["valid", "annual"])
def test_published_lists_carry_no_contact_persons(tmp_path: Path, fixture: str) -> None:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / fixture, root)
    # Every organisation with contacts takes part in a network, with a source, so each is
    # published.
    network = root / "networks" / "eurocities.yaml"
    sourced = network.read_text(encoding="utf-8").replace("to: null}", "to: null, source: Test}")
    network.write_text(sourced, encoding="utf-8")
    with_contacts = sorted(
        path.stem
        for path in (root / "organisations").glob("*.yaml")
        if "eu_network_contacts:\n  - " in path.read_text(encoding="utf-8")
    )
    assert with_contacts
    lines = "".join(
        f"  - {{organisation: {ident}, role: observer, from: 2024-01-01, to: null, source: Test}}\n"
        for ident in with_contacts
        if f"organisation: {ident}," not in network.read_text(encoding="utf-8")
    )
    network.write_text(network.read_text(encoding="utf-8") + lines, encoding="utf-8")
    assert validate(root).errors == []
    contacts = _contacts(root)
    assert len(contacts) >= 6
    for which in ("networks", "twin-cities"):
        for output_format in ("json", "html"):
            result = invoke("publish", which, "--format", output_format, "--data", str(root))
            assert result.exit_code == 0, result.output
            leaked = sorted(c for c in contacts if c.lower() in result.stdout.lower())
            assert leaked == [], f"publish {which} --format {output_format}"
            assert "@" not in result.stdout
    names = invoke("publish", "networks", "--format", "json", "--data", str(root)).stdout
    for ident in with_contacts:  # the organisations themselves are published
        assert f'"organisation_id": "{ident}"' in names


# === 5. Ids and paths cannot lead out of the data root =========================================


@pytest.mark.parametrize(
    ("rel", "old", "new", "path"),
    [
        ("projects/green-transitions.yaml", "id: green-transitions", "id: ../evil", "id"),
        (
            "projects/green-transitions.yaml",
            "organisation: kulturnamnden",
            "organisation: ../organisations/kulturnamnden",
            "organisation",
        ),
        (
            "organisations/malmo-live-konserthus-ab.yaml",
            "parent: malmo-stadshus-ab",
            "parent: ../../etc/passwd",
            "parent",
        ),
        (
            "reports/2024/kulturnamnden.yaml",
            "networks: [eurocities]",
            "networks: [../networks/eurocities]",
            "activities[0].networks[0]",
        ),
        (
            "networks/eurocities.yaml",
            "{organisation: kulturnamnden,",
            "{organisation: /etc/passwd,",
            "participants[0].organisation",
        ),
    ],
)
def test_an_id_with_a_path_is_invalid(
    valid_root: Path, rel: str, old: str, new: str, path: str
) -> None:
    edit(valid_root / rel, old, new)
    result = validate(valid_root)
    found = [f for f in result.errors if f.code == "invalid-id"]
    assert [(f.file, f.path) for f in found] == [(os.path.join(SHOWN, *rel.split("/")), path)]


EVIL_IDS: Final = ["../evil", "../../evil", "/tmp/evil", "..", "a/../../evil", "evil/..", ".evil"]


@pytest.fixture
def workspace(valid_root: Path) -> Path:
    """The folder around the data root: nothing may appear or change anywhere in it."""
    return valid_root.parent


def _new_commands(root: Path, evil: str) -> list[list[str]]:
    data = ["--data", str(root)]
    project = ["--title", "T", "--organisation", "kulturnamnden", "--role", "owner"]
    city = ["--city", "C", "--country", "EE", "--since", "1990"]
    owned_by = ["--title", "T", "--organisation", evil, "--role", "owner", "--budget", "1"]
    return [
        ["new", "project", *data, *project, "--budget", "100", "--id", evil],
        ["new", "organisation", *data, "--name", "N", "--kind", "other", "--id", evil],
        ["new", "network", *data, "--name", "N", "--id", evil],
        ["new", "twin-city", *data, *city, "--id", evil],
        ["new", "report", *data, "--organisation", evil, "--year", "2024", "--summary", "S"],
        ["new", "project", *data, *owned_by],
        ["new", "organisation", *data, "--name", "N", "--kind", "company", "--parent", evil],
    ]


@pytest.mark.parametrize("evil", EVIL_IDS)
def test_new_refuses_an_id_that_is_a_path(valid_root: Path, workspace: Path, evil: str) -> None:
    # A record outside the data root that a traversal could find and treat as real.
    write(
        workspace / "evil.yaml", (FIXTURES / "valid/organisations/kulturnamnden.yaml").read_text()
    )
    before = snapshot(workspace)
    for command in _new_commands(valid_root, evil):
        result = invoke(*command)
        assert result.exit_code == 1, (command, result.output)
        assert result.stderr.strip().startswith("intlpolicy: "), result.stderr
        assert snapshot(workspace) == before, command


def test_new_makes_a_safe_id_from_a_hostile_title(valid_root: Path, workspace: Path) -> None:
    before = set(snapshot(workspace))
    result = invoke(
        "new", "project", "--data", str(valid_root), "--title", "../../etc/evil",
        "--organisation", "kulturnamnden", "--role", "owner", "--budget", "100",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert set(snapshot(workspace)) - before == {"data/projects/etc-evil.yaml"}


def test_route_project_with_a_path_outside_gives_a_clear_error(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(valid_root)
    for reference in ("../../etc/passwd", "../../../../../../../../etc/passwd", "../evil.yaml"):
        result = invoke("route-project", reference, "--data", ".")
        assert result.exit_code == 1, result.output
        assert result.stderr.strip().splitlines()[-1].startswith("intlpolicy: ")
    for reference in ("/etc/passwd", "/etc", "/dev/zero", "/proc/self/environ"):
        result = invoke("route-project", reference, "--data", ".")
        assert result.exit_code == 1, (reference, result.output)
        assert result.stdout == ""
        assert result.stderr.strip().splitlines()[-1].startswith("intlpolicy: ")


def test_route_project_organisation_option_is_an_id_not_a_path(
    valid_root: Path, workspace: Path
) -> None:
    """`--organisation ../outside` must not read organisations/../../outside.yaml: an
    organisation record outside the data root, never validated, would decide the route."""
    write(workspace / "outside.yaml", "schema_version: 1\nid: outside\nname: Utanför\n"
          "kind: committee\nactive: {from: null, to: null}\n")  # fmt: skip
    result = invoke(
        "route-project", "--budget", "100", "--organisation", "../../outside",
        "--data", str(valid_root),
    )  # fmt: skip
    assert result.exit_code == 1, result.stdout
    assert "Utanför" not in result.stdout


@pytest.fixture
def git_root(valid_root: Path, git_isolated: None) -> Path:
    top = valid_root.parent
    write(top / "README.md", "Records.\n")
    Repo(top).commit("Records")
    return valid_root


@pytest.mark.parametrize("record", ["../../etc/passwd", "/etc/passwd", "../../evil", "../../"])
def test_history_of_a_path_outside_gives_a_clear_error(
    git_root: Path, record: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(git_root)
    result = invoke("history", record, "--data", ".")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.strip().startswith("intlpolicy: ")


@pytest.mark.parametrize("record", ["../README.md", "..", "./", "../data", "projects/"])
def test_history_of_something_in_the_repository_that_is_no_record_is_an_error(
    git_root: Path, record: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repository holds more than the data root; a file beside the data root, or a
    folder, is not a record, and listing its commits as one ("kunde inte läsas: filen är
    ingen mappning") misleads."""
    monkeypatch.chdir(git_root)
    result = invoke("history", record, "--data", ".")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.strip().startswith("intlpolicy: ")


def test_output_and_draft_write_only_the_file_asked_for(valid_root: Path, workspace: Path) -> None:
    write(valid_root / "projects" / "ks-project.yaml", KS_PROJECT)
    out = workspace / "out"
    out.mkdir()
    before = snapshot(workspace)
    commands = [
        ["annual-report", "--year", "2024", "--format", "html", "--output", str(out / "a.html")],
        ["publish", "networks", "--output", str(out / "n.html")],
        ["route-project", "ks-project", "--draft", str(out / "d.md")],
    ]
    for command in commands:
        assert invoke(*command, "--data", str(valid_root)).exit_code == 0
    after = snapshot(workspace)
    assert set(after) - set(before) == {"out/a.html", "out/n.html", "out/d.md"}
    assert {k: v for k, v in after.items() if k in before} == before


# === 6. Writes are atomic =========================================================================


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name[0] == ".")


@pytest.mark.parametrize("error", [KeyboardInterrupt, OSError])
@pytest.mark.parametrize("where", ["os.replace", "os.fsync", "os.fchmod"])
def test_an_interrupted_replace_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type[BaseException], where: str
) -> None:
    target = write(tmp_path / "report.html", "old content\n")
    target.chmod(0o640)

    def fail(*args: object, **kwargs: object) -> None:
        raise error("interrupted")

    monkeypatch.setattr(where, fail)
    with pytest.raises(_told_as(error)):
        write_atomically(target, "new content " * 10_000, overwrite=True)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("error", [KeyboardInterrupt, OSError])
def test_an_interrupted_create_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    target = tmp_path / "new.yaml"

    def fail(*args: object, **kwargs: object) -> None:
        raise error("interrupted")

    monkeypatch.setattr("os.link", fail)
    with pytest.raises(_told_as(error)):
        write_atomically(target, "x: 1\n", overwrite=False)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def _told_as(error: type[BaseException]) -> type[BaseException]:
    """A failed write is a refusal that names the path and the cause; Ctrl-C stays Ctrl-C."""
    return WriteFailed if error is OSError else error


class _HalfWriter:
    """A stream that writes half of what it is given, then fails like a full disk would."""

    def __init__(self, stream: Any, error: type[BaseException]) -> None:
        self._stream = stream
        self._error = error

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()

    def write(self, text: str) -> int:
        self._stream.write(text[: len(text) // 2])
        self._stream.flush()
        if self._error is OSError:
            raise OSError(28, "No space left on device")
        raise self._error()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@pytest.mark.parametrize("error", [KeyboardInterrupt, OSError])
def test_a_write_failing_midway_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    target = write(tmp_path / "draft.md", "# Old draft\n")
    real_fdopen = os.fdopen

    def half(fd: int, *args: Any, **kwargs: Any) -> _HalfWriter:
        return _HalfWriter(real_fdopen(fd, *args, **kwargs), error)

    monkeypatch.setattr("os.fdopen", half)
    with pytest.raises(_told_as(error)):
        write_atomically(target, "# New draft\n" * 1000, overwrite=True)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "# Old draft\n"
    assert _leftovers(tmp_path) == []


def test_an_existing_file_is_refused_without_overwrite(tmp_path: Path) -> None:
    target = write(tmp_path / "kept.yaml", "# a comment\nkeep: me\n")
    with pytest.raises(WriteRefused):
        write_atomically(target, "replaced\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == "# a comment\nkeep: me\n"
    assert _leftovers(tmp_path) == []


BROKEN_TEMPLATES: Final = ["{{ no_such_variable }}\n", "{% if %}\n", "{{ report.nothing.here }}\n"]


@pytest.mark.parametrize("template", BROKEN_TEMPLATES)
def test_a_failed_render_keeps_the_existing_output(
    valid_root: Path, workspace: Path, template: str
) -> None:
    write(valid_root / "projects" / "ks-project.yaml", KS_PROJECT)
    templates = workspace / "templates"
    for name in ("annual-report.html.j2", "networks.html.j2", "informationsarende.md.j2"):
        write(templates / name, template)
    out = workspace / "out"
    old = {name: write(out / name, f"old {name}\n") for name in ("a.html", "n.html", "d.md")}
    data = ["--data", str(valid_root)]
    commands = [
        ["annual-report", "--year", "2024", "--format", "html", "--output", str(old["a.html"])],
        ["publish", "networks", "--output", str(old["n.html"])],
        ["route-project", "ks-project", "--draft", str(old["d.md"]), "--force"],
    ]
    for command in commands:
        result = invoke(*command, *data)
        assert result.exit_code == 1, (command, result.output)
        assert ".j2" in result.stderr
    for name, path in old.items():
        assert path.read_text(encoding="utf-8") == f"old {name}\n"
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "d.md", "n.html"]


def test_refused_records_keep_the_existing_output(valid_root: Path, workspace: Path) -> None:
    edit(valid_root / "networks" / "eurocities.yaml", "name: Eurocities", "name: [broken")
    out = workspace / "out"
    report = write(out / "a.html", "old report\n")
    listing = write(out / "n.html", "old list\n")
    data = ["--data", str(valid_root)]
    assert invoke("annual-report", "--year", "2024", "--output", str(report), *data).exit_code == 1
    assert invoke("publish", "networks", "--output", str(listing), *data).exit_code == 1
    assert report.read_text(encoding="utf-8") == "old report\n"
    assert listing.read_text(encoding="utf-8") == "old list\n"
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "n.html"]


def test_draft_does_not_overwrite_without_force(valid_root: Path, workspace: Path) -> None:
    write(valid_root / "projects" / "ks-project.yaml", KS_PROJECT)
    target = write(workspace / "d.md", "# handläggarens egna ändringar\n")
    result = invoke(
        "route-project", "ks-project", "--draft", str(target), "--data", str(valid_root)
    )
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "# handläggarens egna ändringar\n"


# === 7. Ctrl-C ====================================================================================

RECORDS_FOR_A_SLOW_RUN: Final = 3000


@pytest.fixture(scope="module")
def large_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid root plus 3000 projects with 40 partners each: over a second to validate,
    and above the size at which parsing moves to a pool of worker processes."""
    root = tmp_path_factory.mktemp("large") / "data"
    shutil.copytree(FIXTURES / "valid", root)
    base = (root / "projects" / "green-transitions.yaml").read_text(encoding="utf-8")
    partners = "".join(f"  - {{name: Partner {i}, country: DK}}\n" for i in range(40))
    base = base.replace(
        "partners:\n  - {name: Københavns Kommune, country: DK}\n", f"partners:\n{partners}"
    )
    for i in range(RECORDS_FOR_A_SLOW_RUN):
        name = f"project-{i:05d}"
        text = base.replace("id: green-transitions", f"id: {name}")
        (root / "projects" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root


def _start(root: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "INTLPOLICY_TODAY": VALID_TODAY.isoformat(), "PYTHONUNBUFFERED": "1"}
    env.pop("INTLPOLICY_DEBUG", None)
    return subprocess.Popen(
        [sys.executable, "-m", "intlpolicy", "validate", "--data", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group, as a job in a terminal has
        # A shell's background job (a CI runner may start one) inherits Ctrl-C ignored, and
        # Python keeps it ignored; the command in a terminal has the default action.
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )


def _ctrl_c_as_in_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _interrupt(process: subprocess.Popen[bytes], *, group: bool) -> tuple[int, str]:
    """Ctrl-C: to the command alone, or to its process group as a terminal sends it."""
    if group:
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise AssertionError("intlpolicy did not stop after Ctrl-C") from None
    return process.returncode, err.decode("utf-8", errors="replace")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_to_the_command_exits_130_without_traceback(large_root: Path) -> None:
    process = _start(large_root)
    time.sleep(0.3)
    # On a slow machine the command may still be importing: wait until its workers run.
    deadline = time.monotonic() + 5
    while (
        Path("/proc/self/task").is_dir()
        and (os.cpu_count() or 1) > 1
        and not _children(process.pid)
        and process.poll() is None
        and time.monotonic() < deadline
    ):
        time.sleep(0.01)
    time.sleep(0.1)
    assert process.poll() is None, "validation ended before it could be interrupted"
    code, err = _interrupt(process, group=False)
    assert "Traceback" not in err, err
    assert code == 130, err


# Worker processes to find in /proc and interrupt: Linux, and more than one CPU (on one CPU
# validate rightly parses in a single process). Where both hold, no workers is a failure.
def needs_workers(test: Callable[..., None]) -> Callable[..., None]:
    linux = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc (Linux)")
    cpus = pytest.mark.skipif(
        (os.cpu_count() or 1) < 2, reason="one CPU: validate starts no worker processes"
    )
    return linux(cpus(test))


def _workers_started(process: subprocess.Popen[bytes]) -> None:
    """Fail, after stopping it, if the command ended or started no workers within 10 s."""
    if not _children(process.pid):
        process.kill()
        process.communicate()
        pytest.fail(
            f"no worker processes were started on {os.cpu_count()} CPUs "
            f"for {RECORDS_FOR_A_SLOW_RUN} records"
        )


@needs_workers
def test_ctrl_c_in_a_terminal_while_workers_parse_exits_130_without_traceback(
    large_root: Path,
) -> None:
    """A terminal sends SIGINT to the whole foreground process group: the command *and*
    its worker processes. No worker may print a traceback either. Which process reacts
    first is a race, so the interruption is tried a few times."""
    for _ in range(3):
        process = _start(large_root)
        deadline = time.monotonic() + 10
        while not _children(process.pid) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        _workers_started(process)
        time.sleep(0.2)  # the workers are parsing
        code, err = _interrupt(process, group=True)
        assert "Traceback" not in err, err[:2000]
        assert code == 130, err[:2000]


@needs_workers
def test_ctrl_c_as_the_workers_start_leaves_no_process_behind(large_root: Path) -> None:
    """Ctrl-C just as the pool forks its workers: the command exits 130 and takes its
    workers with it. A worker left behind blocks for ever on its task queue and holds the
    command's stdout and stderr open, so whoever reads them (a pipe, CI, pre-commit) hangs.
    The window is a few milliseconds wide, so several moments around it are tried."""
    for attempt in range(12):
        process = _start(large_root)
        deadline = time.monotonic() + 10
        while not _children(process.pid) and process.poll() is None:
            if time.monotonic() > deadline:
                break
            time.sleep(0.001)
        _workers_started(process)
        time.sleep(0.002 * (attempt % 6))
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: only what it started
            process.communicate()
            raise AssertionError(
                f"attempt {attempt}: the command exited with {process.returncode} but its "
                "workers lived on, holding its output open"
            ) from None
        assert process.returncode == 130
        time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, 0)
            os.killpg(process.pid, signal.SIGKILL)
            raise AssertionError(f"attempt {attempt}: a worker outlived the command")


# === 8. Commands that read never write ==========================================================


def test_no_command_edits_an_existing_record_but_through_the_round_trip_layer() -> None:
    """Only `new` and `apply_edit` write into the data root: `new` only creates
    (overwrite=False); `apply_edit` rewrites a record only as the round-trip document dumps
    it (comments and key order kept: tests/test_roundtrip.py), after the checks of
    tests/test_edits.py. The other writers write where --output/--draft point (or the schema
    files)."""
    calls = {
        (path.relative_to(SOURCE).as_posix(), line.strip())
        for path in SOURCE.rglob("*.py")
        if path.relative_to(SOURCE).as_posix() != "editing/atomic.py"
        for line in path.read_text(encoding="utf-8").splitlines()
        if "write_atomically(" in line
    }
    writers = {name for name, _ in calls}
    assert writers <= {
        "services/scaffold.py",
        "services/edits.py",
        "services/init_repository.py",
        "services/migrate.py",
        "services/schema.py",
        "cli/app.py",
        "cli/route_command.py",
    }, calls
    assert (
        "services/scaffold.py",
        "write_atomically(target, record.text, overwrite=False)",
    ) in calls
    assert {call for name, call in calls if name == "services/edits.py"} == {
        "write_atomically(path, after, overwrite=True)"
    }
    # `init` only creates, in a new folder; `migrate` puts back the exact bytes it read into a
    # file it upgraded itself in the same run, when a later upgrade is refused.
    assert {call for name, call in calls if name == "services/init_repository.py"} == {
        "write_atomically(path, raw, overwrite=False)"
    }
    assert {call for name, call in calls if name == "services/migrate.py"} == {
        "write_atomically(result.path, result.before, overwrite=True)"
    }
    other_writes = [
        f"{path.relative_to(SOURCE)}: {match.group(0)}"
        for path in SOURCE.rglob("*.py")
        for match in re.finditer(
            r"\.write_(text|bytes)\(|\bopen\([^)]*['\"][wax+]|os\.(rename|replace|remove|unlink)\(",
            path.read_text(encoding="utf-8"),
        )
        # atomic writes; the caches' entries, only in the user's cache folder (SECURITY.md)
        if path.relative_to(SOURCE).as_posix() not in ("editing/atomic.py", "loading/cachefiles.py")
    ]
    assert other_writes == []


def _output_commands(target: Path) -> list[list[str]]:
    return [
        ["annual-report", "--year", "2024", "--format", "html", "--output", str(target)],
        ["publish", "networks", "--output", str(target)],
        ["route-project", "ks-project", "--draft", str(target), "--force"],
        ["route-project", "ks-project", "--draft", str(target)],
    ]


@pytest.mark.parametrize("how", ["record", "record-relative", "yaml-outside", "symlink"])
def test_output_and_draft_never_replace_a_record(
    valid_root: Path, workspace: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    write(valid_root / "projects" / "ks-project.yaml", KS_PROJECT)
    record = valid_root / "organisations" / "kulturnamnden.yaml"
    target = {
        "record": record,
        "record-relative": Path("data/organisations/kulturnamnden.yaml"),
        "yaml-outside": write(workspace / "kept.yaml", "# ett eget dokument\nkeep: me\n"),
        "symlink": workspace / "report.html",
    }[how]
    if how == "symlink":
        target.symlink_to(record)
    monkeypatch.chdir(workspace)
    before = snapshot(workspace)
    for command in _output_commands(target):
        result = invoke(*command, "--data", str(valid_root))
        assert result.exit_code == 1, (command, result.output)
        assert result.stderr.strip().startswith("intlpolicy: ")
        assert snapshot(workspace) == before, command


def test_new_never_overwrites_an_existing_record(valid_root: Path) -> None:
    policy = valid_root / "organisations" / "kulturnamnden.yaml"
    commented = "# Nämnden bildades 2021.\n" + policy.read_text(encoding="utf-8")
    policy.write_text(commented, encoding="utf-8")
    before = snapshot(valid_root)
    result = invoke(
        "new", "organisation", "--data", str(valid_root), "--name", "Kulturnämnden",
        "--kind", "committee", "--id", "kulturnamnden",
    )  # fmt: skip
    assert result.exit_code == 1
    assert snapshot(valid_root) == before
    assert policy.read_text(encoding="utf-8") == commented


def _reading_commands(root: Path) -> list[list[str]]:
    data = ["--data", str(root)]
    commands = [
        ["validate", *data, "--format", output_format]
        for output_format in ("text", "json", "github")
    ]
    commands += [["validate", *data, "--strict"]]
    commands += [
        ["list", kind, *data, "--format", output_format]
        for kind in ("projects", "organisations", "reports", "networks", "twin-cities")
        for output_format in ("table", "json", "csv")
    ]
    commands += [
        ["route-project", "green-transitions", *data],
        ["route-project", "green-transitions", *data, "--format", "json"],
        ["route-project", str(root / "projects" / "green-transitions.yaml"), *data],
        ["route-project", "--budget", "13 000 000", "--organisation", "kulturnamnden", *data],
        ["annual-report", "--year", "2024", *data],
        ["annual-report", "--year", "2024", "--format", "html", *data],
        ["publish", "networks", *data],
        ["publish", "twin-cities", "--format", "json", *data],
        ["schema"],
    ]
    return commands


def test_reading_commands_change_nothing(
    valid_root: Path, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_on(monkeypatch, VALID_TODAY)  # no findings, not even warnings: --strict exits 0
    write(valid_root / "projects" / "ks-project.yaml", KS_PROJECT)
    before = snapshot(workspace)
    for command in _reading_commands(valid_root):
        result = invoke(*command)
        assert result.exit_code == 0, (command, result.output)
        assert snapshot(workspace) == before, command


def test_reading_commands_change_nothing_in_a_repository(
    git_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also with git: history and --rev read the object store; the work tree, the index and
    the rest of .git stay as they were."""
    run_on(monkeypatch, VALID_TODAY)
    top = git_root.parent
    before = snapshot(top)
    data = ["--data", str(git_root)]
    commands = [
        *_reading_commands(git_root),
        ["history", "green-transitions", *data],
        ["history", "2024/kulturnamnden", *data, "--format", "json"],
        ["validate", "--rev", "HEAD", *data],
        ["route-project", "green-transitions", "--rev", "HEAD", *data],
        ["annual-report", "--year", "2024", "--rev", "HEAD", *data],
    ]
    for command in commands:
        result = invoke(*command)
        assert result.exit_code == 0, (command, result.output)
        assert snapshot(top) == before, command


def test_a_broken_record_changes_nothing_either(valid_root: Path, workspace: Path) -> None:
    path = valid_root / "projects" / "green-transitions.yaml"
    path.write_bytes(b"title: [\xff\n\x00")
    before = snapshot(workspace)
    for command in _reading_commands(valid_root):
        result = invoke(*command)
        assert result.exit_code in (0, 1), (command, result.output)
        assert snapshot(workspace) == before, command


# === 9. Only regular files inside the data root are read =======================================

TWIN_TEXT: Final = "schema_version: 1\nid: {id}\ncity: Vasa\ncountry: FI\nagreement: twin_city\n"


def _only(result: ValidationResult, rel: str) -> list[tuple[str, int, int]]:
    shown = os.path.join(SHOWN, *rel.split("/"))
    return [(f.code, f.line, f.column) for f in result.errors if f.file == shown]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_named_like_a_record_does_not_hang_validate(valid_root: Path) -> None:
    os.mkfifo(valid_root / "twin-cities" / "pipe.yaml")
    started = time.monotonic()
    process = subprocess.run(
        [sys.executable, "-m", "intlpolicy", "validate", "--data", str(valid_root)],
        capture_output=True,
        timeout=30,
        env={**os.environ, "INTLPOLICY_TODAY": VALID_TODAY.isoformat()},
    )
    assert time.monotonic() - started < 30
    assert process.returncode == 1
    assert b"pipe.yaml:1:1: error not-a-regular-file" in process.stdout, process.stdout


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_an_endless_device_is_not_read(valid_root: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    (valid_root / "twin-cities" / "endless.yaml").symlink_to(device)
    assert _only(validate(valid_root), "twin-cities/endless.yaml") == [
        ("symlink-outside-root", 1, 1)
    ]


def test_a_link_to_a_file_outside_never_shows_its_content(valid_root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("root:x:0:0:HEMLIGT:/root:/bin/bash\n", encoding="utf-8")
    (valid_root / "twin-cities" / "passwd.yaml").symlink_to(secret)
    result = validate(valid_root)
    assert _only(result, "twin-cities/passwd.yaml") == [("symlink-outside-root", 1, 1)]
    assert not any("HEMLIGT" in f.message or "root:x" in f.message for f in result.findings)


def test_a_link_to_a_record_outside_is_not_loaded(valid_root: Path, tmp_path: Path) -> None:
    outside = write(tmp_path / "elsewhere" / "riga.yaml", TWIN_TEXT.format(id="riga"))
    (valid_root / "twin-cities" / "riga.yaml").symlink_to(outside)
    (valid_root / "networks-elsewhere").symlink_to(outside.parent, target_is_directory=True)
    result = validate(valid_root)
    assert "riga" not in result.records.twin_cities
    assert _only(result, "twin-cities/riga.yaml") == [("symlink-outside-root", 1, 1)]
    assert ("symlink-outside-root", 1, 1) in _only(result, "networks-elsewhere")


def test_a_link_to_a_record_inside_the_root_is_read(valid_root: Path) -> None:
    (valid_root / "twin-cities" / "tallinn-2.yaml").symlink_to("tallinn.yaml")
    result = validate(valid_root)
    assert _only(result, "twin-cities/tallinn-2.yaml") == [
        ("duplicate-id", 2, 5)
    ]  # read: its id is taken


def test_the_size_cap_holds_on_the_bytes_read(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A size that is reported small (a file that grows, a /proc file) does not lift the cap."""
    from intlpolicy.loading.files import MAX_FILE_BYTES, DiskReader

    path = write(valid_root / "twin-cities" / "grows.yaml", "# x\n" * (MAX_FILE_BYTES // 2))
    monkeypatch.setattr(DiskReader, "size", lambda self, rel: 10)
    assert len(DiskReader(valid_root).read_bytes("twin-cities/grows.yaml")) == MAX_FILE_BYTES + 1
    assert _only(validate(valid_root), "twin-cities/grows.yaml") == [("file-too-large", 1, 1)]
    assert path.stat().st_size == 2 * MAX_FILE_BYTES


def _networks_unreadable(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As `chmod 000 networks` does for a user who is not root (root reads it anyway)."""
    real_scandir = os.scandir
    networks = str(root / "networks")

    def refusing(path: Any = ".") -> Any:
        if os.fspath(path) == networks:
            raise PermissionError(13, "Permission denied", networks)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)


def test_an_unreadable_folder_is_an_error(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _networks_unreadable(valid_root, monkeypatch)
    result = validate(valid_root)
    unreadable = [f for f in result.errors if f.code == "unreadable-folder"]
    assert [(f.file, f.line, f.column) for f in unreadable] == [(f"{SHOWN}/networks", 1, 1)]
    assert "mappen kunde inte läsas (åtkomst nekad)" in unreadable[0].message


def test_publish_refuses_when_a_folder_is_unreadable(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _networks_unreadable(valid_root, monkeypatch)
    run_on(monkeypatch, VALID_TODAY)
    result = invoke("publish", "networks", "--data", str(valid_root))
    assert result.exit_code == 1
    assert "networks" in result.output and "kunde inte läsas" in result.output


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any folder")
def test_a_folder_without_permissions_is_an_error(valid_root: Path) -> None:
    folder = valid_root / "networks"
    folder.chmod(0)
    try:
        assert "unreadable-folder" in codes_in(validate(valid_root), "networks")
    finally:
        folder.chmod(0o755)


def test_a_file_name_that_is_not_utf8_keeps_every_finding(valid_root: Path) -> None:
    """PYTHONIOENCODING=utf-8 makes a surrogate in a file name unprintable: it is escaped."""
    os.rename(
        valid_root / "twin-cities" / "tallinn.yaml",
        os.fsencode(valid_root / "twin-cities") + b"/v\xe4ster.yaml",
    )
    env = {**os.environ, "INTLPOLICY_TODAY": VALID_TODAY.isoformat(), "PYTHONIOENCODING": "utf-8"}
    for fmt in ("text", "json"):
        process = subprocess.run(
            [
                sys.executable,
                "-m",
                "intlpolicy",
                "validate",
                "--data",
                str(valid_root),
                "--format",
                fmt,
            ],
            capture_output=True,
            timeout=60,
            env=env,
        )
        assert process.returncode == 1, process.stderr
        assert b"Traceback" not in process.stderr and b"internt fel" not in process.stderr
        assert b"v\\\\xe4ster.yaml" in process.stdout or b"v\\xe4ster.yaml" in process.stdout
        assert b"unknown-reference" in process.stdout  # the other findings are all there


# --------------------------------------------------------------------------------------------
# Writing: what `--output` and `--draft` may replace, how a failed write is told, temporary
# files left by `kill -9`, the year of the yearly report, and templates that want to run code.


def _publish_to(root: Path, target: Path | str) -> Any:
    return invoke("publish", "networks", "--data", str(root), "--output", str(target))


def _read_fifo(fifo: Path, into: list[bytes]) -> Any:
    import threading

    def drain() -> None:
        with open(fifo, "rb") as stream:
            into.append(stream.read())

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    return reader


def test_output_into_a_fifo_writes_into_it_and_leaves_it_a_fifo(
    valid_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stat

    run_on(monkeypatch, VALID_TODAY)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = _read_fifo(fifo, received)
    result = _publish_to(valid_root, fifo)
    reader.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"Eurocities" in received[0]


def test_output_through_a_symlink_replaces_its_target_and_keeps_the_link(
    valid_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_on(monkeypatch, VALID_TODAY)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "networks.html"
    target.write_text("old\n")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    result = _publish_to(valid_root, link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "Eurocities" in target.read_text()
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["networks.html"]


def test_output_dash_is_stdout(valid_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_on(monkeypatch, VALID_TODAY)
    monkeypatch.chdir(valid_root.parent)
    result = _publish_to(valid_root, "-")
    assert result.exit_code == 0, result.output
    assert "Eurocities" in result.stdout
    assert not (valid_root.parent / "-").exists()


def _skip_without_dev_full() -> None:
    import stat

    if not os.path.exists("/dev/full") or not stat.S_ISCHR(os.stat("/dev/full").st_mode):
        pytest.skip("no /dev/full device")


def _one_swedish_line(result: Any, path: str, cause: str) -> None:
    assert result.exit_code == 1, result.output
    assert "internt fel" not in result.output and "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and path in lines[0] and cause in lines[0], result.stderr


def test_output_onto_a_full_device_is_one_swedish_line(
    valid_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link to /dev/full: the device is written in place (and is full), never replaced."""
    _skip_without_dev_full()
    run_on(monkeypatch, VALID_TODAY)
    link = tmp_path / "full"
    link.symlink_to("/dev/full")
    _one_swedish_line(_publish_to(valid_root, link), str(link), "disken är full")
    assert link.is_symlink()


def test_output_with_a_name_too_long_is_one_swedish_line(
    valid_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_on(monkeypatch, VALID_TODAY)
    target = tmp_path / ("n" * 300 + ".html")
    _one_swedish_line(_publish_to(valid_root, target), "nnnn", "filnamnet är för långt")


def test_output_into_a_read_only_folder_is_one_swedish_line(
    valid_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root writes into any folder: the refusal of the file system is simulated."""
    import tempfile

    def read_only(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(kwargs.get("dir")))

    run_on(monkeypatch, VALID_TODAY)
    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    target = tmp_path / "networks.html"
    _one_swedish_line(_publish_to(valid_root, target), str(target), "åtkomst nekad")


def _cli(*args: str, stdout: Any) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "INTLPOLICY_TODAY": VALID_TODAY.isoformat()}
    return subprocess.run(
        [sys.executable, "-m", "intlpolicy", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=60,
        env=env,
    )


def test_a_full_stdout_is_one_swedish_line(valid_root: Path) -> None:
    _skip_without_dev_full()
    with open("/dev/full", "wb") as full:  # written through, never replaced
        for args in (("publish", "networks"), ("validate",), ("schema",)):
            process = _cli(*args, "--data", str(valid_root), stdout=full)
            lines = process.stderr.decode().splitlines()
            assert process.returncode == 1, process.stderr
            assert len(lines) == 1 and "disken är full" in lines[0], process.stderr
            assert "internt fel" not in lines[0]


def test_a_reader_that_goes_away_ends_the_command_quietly(valid_root: Path) -> None:
    """`| head -1`: the reader has gone before the command writes; no message, no traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        for args in (("publish", "networks"), ("validate",)):
            process = _cli(*args, "--data", str(valid_root), stdout=write_end)
            assert process.stderr == b"", process.stderr
            assert process.returncode in (0, 1)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("year", ["0", "99999", "-2024", str(10**30)])
def test_a_year_that_is_no_year_is_a_usage_error(annual_root: Path, year: str) -> None:
    result = invoke("annual-report", "--data", str(annual_root), "--year", year)
    assert result.exit_code == 2, result.output
    assert "inget år" in result.stderr and "internt fel" not in result.output


def test_a_template_beside_the_data_root_cannot_run_a_command(
    valid_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_on(monkeypatch, VALID_TODAY)
    proof = tmp_path / "ran"
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "networks.html.j2").write_text(
        f"{{{{ cycler.__init__.__globals__.os.system('touch {proof}') }}}}\n"
    )
    target = tmp_path / "networks.html"
    result = _publish_to(valid_root, target)
    assert result.exit_code == 1, result.output
    assert "mallen" in result.stderr and "internt fel" not in result.output
    assert not proof.exists() and not target.exists()


def test_a_stale_temporary_file_is_a_warning_and_a_fresh_one_is_ignored(
    valid_root: Path,
) -> None:
    """`kill -9` during a write leaves `.NAME.XXXXXXXX.tmp` beside the target."""
    stale = valid_root / "networks" / ".eurocities.yaml.k3j9x2ab.tmp"
    fresh = valid_root / "networks" / ".other.yaml.a8d7f6e5.tmp"
    stale.write_text("id: half-writ")
    fresh.write_text("id: being-written")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    report = json.loads(invoke("validate", "--data", str(valid_root), "--format", "json").stdout)
    assert not [f for f in report["errors"] if ".tmp" in f["file"]]
    temporary = [f for f in report["warnings"] if ".tmp" in f["file"]]
    assert [f["code"] for f in temporary] == ["stale-temporary-file"]
    assert temporary[0]["file"].endswith("networks/.eurocities.yaml.k3j9x2ab.tmp")
