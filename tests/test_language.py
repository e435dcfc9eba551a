"""One language: every `--help` and every usage error a person can meet is Swedish.

The check is deliberately small: a list of English function and interface words, matched as
whole words, outside code-like tokens (options, codes, metavars, paths, quoted values). An
English sentence cannot be written without some of them; a Swedish one never uses them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer._completion_shared
import typer.completion
import typer.main

import intlpolicy.cli as cli_package
import intlpolicy.cli.app as cli_app
from conftest import command_group, invoke
from intlpolicy.cli import new_options
from intlpolicy.launch import guarded
from intlpolicy.loading import root

# English words that no Swedish text here uses (so not "in", "by", "all", "data", "argument").
_ENGLISH = """the and of to is are was for with this that these show message exit exits invalid
    value values error errors usage options option commands command default required missing
    arguments no such try help not or on from when else only each every its it be
    an file folder record records write read root aborted got unexpected extra choose
    possible did you mean create render check apply without instead never whether which
    your into than one two day date year budget rate currency draft decide overrides
    committee's project's fail fails too warning warnings"""
ENGLISH_WORDS = frozenset(_ENGLISH.split())

# A token that is code, not prose: an option, a path, a key, an env var or metavar, a number.
_CODE = re.compile(r"^-|[_/|=$<>{}\[\]@~+\d]|\.\w|^[A-ZÅÄÖ]{2,}$")
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")


def english_words(text: str) -> list[str]:
    """The English words of `text` that stand outside code and quoted values."""
    found = []
    for token in _QUOTED.sub(" ", text).split():
        word = token.strip(".,;:!?()…")
        if not word or _CODE.search(word):
            continue
        if word.lower() in ENGLISH_WORDS:
            found.append(word)
    return found


def _tree(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, sub in getattr(command, "commands", {}).items():
        found += _tree(sub, (*path, name))
    return found


COMMANDS = _tree(command_group())
# The command names are code, though one of them (`rate`) is an English word too.
COMMAND_NAMES = frozenset(name for path in COMMANDS for name in path)


def test_the_check_finds_english_and_passes_swedish() -> None:
    shown = english_words("Show this message and exit.")
    assert shown == ["Show", "this", "message", "and", "exit"]
    assert english_words("Error: Invalid value for '--format': 'xml' is not one of") == [
        "Error",
        "Invalid",
        "value",
        "for",
        "is",
        "not",
        "one",
        "of",
    ]
    swedish = "Fel: ogiltigt värde för '--format': 'the' är inte något av text | json."
    assert english_words(swedish) == []
    assert english_words("--no-such-option INTLPOLICY_DATA <file> ks_information e.g. 2024") == []


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) or "intlpolicy" for p in COMMANDS])
def test_every_help_is_swedish(path: tuple[str, ...]) -> None:
    result = invoke(*path, "--help", terminal_width=80)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Användning: intlpolicy {' '.join(path)}".rstrip())
    prose = [word for word in english_words(result.stdout) if word not in COMMAND_NAMES]
    assert prose == [], result.stdout
    # click's own placeholders for an option's value (words in capitals pass the check above)
    defaults = re.findall(
        r"\b(?:TEXT|INTEGER|FLOAT|BOOLEAN|PATH|FILE|DIRECTORY|CHOICE)\b", result.stdout
    )
    assert defaults == [], result.stdout


USAGE_ERRORS = {
    "unknown option": ("validate", "--formt", "text"),
    "unknown option, no suggestion": ("validate", "--colour"),
    "bad --format choice": ("validate", "--format", "xml"),
    "bad --role choice": ("route-project", "--role", "leader"),
    "bad argument choice": ("publish", "vänorter"),
    "missing argument": ("history",),
    "missing argument with choices": ("list",),
    "missing option": ("annual-report",),
    "option without its value": ("validate", "--format"),
    "flag given a value": ("validate", "--strict=yes"),
    "extra argument": ("validate", "extra"),
    "extra arguments": ("schema", "one", "two"),
    "bad --year type": ("annual-report", "--year", "tjugo"),
    "a year with decimals": ("list", "projects", "--year", "2024.5"),
    "unknown command": ("valdate",),
    "unknown subcommand": ("new", "projekt"),
}


@pytest.mark.parametrize("args", USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_every_usage_error_is_swedish(args: tuple[str, ...]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Fel: " in result.stderr
    assert english_words(result.output) == [], result.output


def test_an_output_file_that_is_a_folder_is_a_swedish_usage_error(tmp_path: Path) -> None:
    result = invoke("annual-report", "--year", "2024", "--output", tmp_path)
    assert result.exit_code == 2
    assert f"Fel: ogiltigt värde för '--output': '{tmp_path}' är en mapp, inte en fil" in (
        result.stderr
    )


def test_an_unknown_option_suggests_the_close_one() -> None:
    result = invoke("validate", "--formt", "text")
    assert result.stderr.endswith("Fel: flaggan --formt finns inte – menade du '--format'?\n")
    command = invoke("valdate")
    assert command.stderr.endswith("Fel: kommandot 'valdate' finns inte – menade du 'validate'?\n")
    subcommand = invoke("new", "projekt")
    assert subcommand.exit_code == 2
    assert subcommand.stderr.endswith(
        "Fel: kommandot 'projekt' finns inte – menade du 'project'?\n"
    )


@pytest.mark.parametrize(
    ("args", "typed", "meant"),
    [(("list", "project"), "project", "projects"), (("list", "projects", "--format", "tabel"),
     "tabel", "table")],
)  # fmt: skip
def test_a_value_that_is_not_a_choice_suggests_the_close_one(
    args: tuple[str, ...], typed: str, meant: str
) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    error = result.stderr.splitlines()[-1]
    assert error.startswith("Fel: ogiltigt värde för ") and f"'{typed}' är inte något av" in error
    assert error.endswith(f" – menade du '{meant}'?")
    assert "menade du" not in invoke("list", "nope").stderr  # nothing is close to nope


def test_a_bad_year_says_what_a_year_is() -> None:
    result = invoke("annual-report", "--year", "tjugo")
    assert result.stderr.splitlines() == [
        "Användning: intlpolicy annual-report [FLAGGOR]",
        "Skriv 'intlpolicy annual-report --help' för hjälp.",
        "",
        "Fel: ogiltigt värde för '--year': 'tjugo' är inget heltal",
    ]


def test_end_of_input_at_a_prompt_is_a_swedish_abort(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-D at a question of `new` ends it (Ctrl-C is an interruption: test_scaffold.py)."""
    monkeypatch.setattr(new_options, "_interactive", lambda: True)
    result = invoke("new", "network", "--data", valid_root, input="")
    assert result.exit_code == 1
    assert result.stderr.endswith("intlpolicy: avbrutet\n")
    assert english_words(result.output) == []


@pytest.mark.parametrize(
    ("raised", "code", "said"),
    [
        (KeyboardInterrupt(), 130, "intlpolicy: avbrutet\n"),
        (
            RuntimeError("list index out of range"),
            1,
            'intlpolicy: internt fel (RuntimeError: "list index out of range"); kör igen med '
            "INTLPOLICY_DEBUG=1 och rapportera felet\n",
        ),
    ],
    ids=["Ctrl-C", "a bug"],
)
def test_the_entry_point_says_an_interruption_or_a_bug_in_swedish(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    raised: BaseException,
    code: int,
    said: str,
) -> None:
    def run(**_: object) -> None:
        raise raised

    monkeypatch.setattr(cli_app, "app", run)
    with pytest.raises(SystemExit) as exited:
        guarded(cli_package.main)  # as the console entry point (`launch.run`) runs it
    assert exited.value.code == code
    assert capsys.readouterr().err == said


def test_ctrl_c_inside_a_command_is_said_in_swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(root, "resolve_data_root", interrupted)
    result = invoke("list", "projects")
    assert (result.exit_code, result.stderr) == (130, "intlpolicy: avbrutet\n")


def test_a_wrong_answer_at_a_prompt_is_told_in_swedish_and_asked_again(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_options, "_interactive", lambda: True)
    args = ("new", "twin-city", "--data", valid_root, "--city", "Vasa", "--country", "FI")
    result = invoke(*args, input="nittonhundrafyrtio\n1940\n")
    assert result.exit_code == 0, result.output
    assert "Fel: svara med ett heltal, t.ex. 2024" in result.stderr
    assert result.output.count("År för avtalet") == 2
    assert english_words(result.output) == []


# Broken YAML as a person writes it; every parser problem a person can meet has a Swedish
# text, with the line and column.
BROKEN_YAML = {
    "flow-list": "id: x\nname: [oavslutad\n",
    "flow-mapping": "id: x\nname: {a: 1\n",
    "quote": "id: x\nname: 'oavslutad\n",
    "indent": "id: x\n  name: y\n",
    "colon": "id: x\nname: a: b\n",
    "tab": "id: x\n\tname: y\n",
    "list-in-mapping": "id: x\n- a\n",
    "undefined-alias": "id: *saknas\n",
    "anchor-twice": "a: &x 1\nb: &x 2\n",
    "escape": 'id: "a\\qb"\n',
    "block-indent-0": "id: |0\n  x\n",
    "no-colon": "id: x\nname\nfoo: 1\n",
    "at-sign": "id: x\nname: @foo\n",
    "directive": "%FOO bar\n---\nid: x\n",
    "yaml-version": "%YAML 2.0\n---\nid: x\n",
    "tag-handle": "id: !e!foo x\n",
    "after-end": "id: x\n... foo\n",
    "empty-anchor": "a: & x\n",
    "list-indent": "a:\n  - 1\n  b: 2\n",
    "separator-in-quote": "a: 'x\n---\ny'\n",
    "tab-in-block": "a: |\n\t x\n",
}
# The parsers' own words (libyaml, ruamel.yaml), besides the English of ENGLISH_WORDS.
_PARSER = """while parsing scanning found expected allowed undefined alias anchor stream
    occurrence character token mapping sequence scalar indentation indicator context
    directive tag document block flow simple key quoted plain but got"""
PARSER_WORDS = frozenset(_PARSER.split())


def parser_english(text: str) -> list[str]:
    words = [token.strip(".,;:!?()…'\"").lower() for token in text.split()]
    return english_words(text) + [word for word in words if word in PARSER_WORDS]


def test_a_yaml_error_is_told_in_full_and_a_quoted_value_is_shortened(
    valid_root: Path,
) -> None:
    record = valid_root / "projects" / "green-transitions.yaml"
    record.write_text("id: x\nfocus_areas: [a\npartners:\n  - b\n", encoding="utf-8")
    found = json.loads(invoke("validate", "--format", "json", "--data", valid_root).stdout)
    assert [f["message"] for f in found["errors"]] == [
        "YAML-fel: listan inom [ ] stängs inte; skilj värdena med ',' och avsluta med ] "
        "(den börjar på rad 2)"
    ]
    record.write_text("id: !!bool " + "x" * 200 + "\n", encoding="utf-8")
    found = json.loads(invoke("validate", "--format", "json", "--data", valid_root).stdout)
    assert [f["message"] for f in found["errors"]] == [
        f"YAML-fel: värdet '{'x' * 80}…' passar inte taggen bool"
    ]


def test_an_unclosed_list_names_the_line_it_opens_on() -> None:
    from intlpolicy.loading.yamlparse import YamlProblem, load

    with pytest.raises(YamlProblem) as found:
        load("id: x\nfocus_areas: [a\npartners:\n  - b\n")
    assert (found.value.line + 1, found.value.column + 1) == (3, 9)
    assert found.value.params["problem"] == (
        "listan inom [ ] stängs inte; skilj värdena med ',' och avsluta med ] (den börjar på rad 2)"
    )


def test_the_check_finds_the_parsers_english() -> None:
    assert parser_english("YAML-fel: while parsing a flow sequence: did not find expected")
    assert parser_english("found undefined alias")
    assert not parser_english("YAML-fel: listan inom [ ] stängs inte; avsluta med ]")


@pytest.mark.parametrize("name", sorted(BROKEN_YAML))
def test_a_yaml_error_is_told_in_swedish_by_validate_and_by_an_edit(
    name: str, valid_root: Path
) -> None:
    record = valid_root / "projects" / "green-transitions.yaml"
    record.write_text(BROKEN_YAML[name], encoding="utf-8")
    checked = invoke("validate", "--data", valid_root)
    lines = [line for line in checked.stdout.splitlines() if "green-transitions" in line]
    assert len(lines) == 1 and re.search(r"\.yaml:\d+:\d+: error yaml-syntax YAML-fel: ", lines[0])
    assert not parser_english(lines[0].split("YAML-fel: ", 1)[1]), lines[0]
    before = record.read_bytes()
    edited = invoke(
        "notice", "green-transitions", "--eu-network", "--date", "2024-09-02", "--data", valid_root
    )
    assert edited.exit_code == 1 and record.read_bytes() == before
    assert re.search(r"\.yaml:\d+:\d+: YAML-fel: ", edited.stderr), edited.stderr
    assert not parser_english(edited.stderr.split("YAML-fel: ", 1)[1]), edited.stderr


# ruamel.yaml reads these (a reused anchor is only its warning; an unknown directive is skipped)
ROUND_TRIP_READS = frozenset({"anchor-twice", "directive"})


@pytest.mark.filterwarnings("ignore::ruamel.yaml.error.ReusedAnchorWarning")
@pytest.mark.parametrize("name", sorted(BROKEN_YAML))
def test_the_round_trip_parsers_problems_are_swedish(name: str) -> None:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    from intlpolicy.loading.yamlwords import swedish_problem

    if name in ROUND_TRIP_READS:  # libyaml refuses them first (tested above)
        YAML(typ="rt", pure=True).load(BROKEN_YAML[name])
        return
    with pytest.raises(MarkedYAMLError) as refused:
        YAML(typ="rt", pure=True).load(BROKEN_YAML[name])
    error = refused.value
    text = swedish_problem(error.context, error.problem)
    assert text and not parser_english(text), (error.context, error.problem, text)
    assert text != swedish_problem("", "found a thing never seen"), "a known problem"


def test_a_problem_no_table_knows_is_still_swedish() -> None:
    from intlpolicy.loading.yamlwords import swedish_problem

    text = swedish_problem("while doing something new", "found a thing never seen")
    assert text == "texten följer inte YAML:s regler här"


def detected_shell(monkeypatch: pytest.MonkeyPatch, shell: str) -> None:
    """The shell the completion options find (typer asks the process tree)."""
    for module in (typer._completion_shared, typer.completion):
        monkeypatch.setattr(module, "_get_shell_name", lambda: shell)


def test_installing_completion_is_told_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    detected_shell(monkeypatch, "bash")
    result = invoke("--install-completion")
    script = tmp_path / ".bash_completions" / "intlpolicy.sh"
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Tabbkompletteringen för bash är installerad i {script}.\n"
        "Den gäller från nästa gång du startar terminalen.\n"
    )
    assert "complete -o default" in script.read_text(encoding="utf-8")


@pytest.mark.parametrize("option", ["--install-completion", "--show-completion"])
def test_a_shell_without_completion_is_refused_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    detected_shell(monkeypatch, "tcsh")
    result = invoke(option)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "intlpolicy: skalet 'tcsh' stöds inte; tabbkompletteringen finns för bash, zsh, fish "
        "och PowerShell\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_completion_script_is_shown_as_typer_writes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    detected_shell(monkeypatch, "zsh")
    result = invoke("--show-completion")
    assert result.exit_code == 0
    expected = typer._completion_shared.get_completion_script(
        prog_name="intlpolicy", complete_var="_INTLPOLICY_COMPLETE", shell="zsh"
    )
    assert result.stdout == expected + "\n"
