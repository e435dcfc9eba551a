"""typer's own words in Swedish: the one place they are translated.

typer (0.29) parses the command line with its own copy of click (`typer._click`), which writes
English without gettext: `Usage:`, `Show this message and exit.`, `Error: …`, `Try '… --help'
for help.`, and the usage errors. typer itself looks a few words up through gettext (`Options`,
`[default: …]`, `Aborted!`). `install()` puts Swedish in both places, once per process: the
gettext words from `GETTEXT`, the help and error lines from the constants below, and each
usage error as `swedish_message()` words it. A text not covered stays English, and
tests/test_language.py fails on it. This leans on typer's internals, so pyproject.toml pins
typer's minor version; the test walks every command's help and the usage errors, so a typer
that words things differently is caught there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from typer._click.exceptions import ClickException, UsageError

# Words typer looks up through gettext (in typer.core) -> Swedish.
GETTEXT: Final[Mapping[str, str]] = {
    "Options": "Flaggor",
    "Arguments": "Argument",
    "Commands": "Kommandon",
    "default: {default}": "standard: {default}",
    "required": "obligatorisk",
    "env var: {var}": "miljövariabel: {var}",
    "(dynamic)": "(beräknas)",
    "Aborted!": "intlpolicy: avbrutet",
    "Missing command.": "ange ett kommando",
    "No such command {name!r}.": "kommandot {name!r} finns inte",
}

USAGE_PREFIX: Final = "Användning: "
HELP_OPTION_HELP: Final = "Visa den här hjälpen."
ERROR_PREFIX: Final = "Fel: "
HELP_HINT: Final = "Skriv '{command} {option}' för hjälp."

# What typer writes in the usage line without gettext: `Usage: intlpolicy [OPTIONS] COMMAND`.
TYPER_SETTINGS: Final[dict[str, Any]] = {
    "options_metavar": "[FLAGGOR]",
    "subcommand_metavar": "KOMMANDO [ARGUMENT]...",
}

# The help of the completion options typer adds to the top command, by the option's name.
COMPLETION_HELP: Final[Mapping[str, str]] = {
    "install_completion": "Installera tabbkomplettering för det skal du använder.",
    "show_completion": "Visa tabbkompletteringen för det skal du använder, för att kopiera "
    "den eller anpassa installationen.",
}

# What the completion options print (typer writes them in English, without gettext): each
# line's pattern -> the Swedish line. Lines that match none (the script itself) stay as they are.
COMPLETION_LINES: Final[tuple[tuple[str, str], ...]] = (
    (
        r"(?P<shell>\S+) completion installed in (?P<path>.+)",
        "Tabbkompletteringen för {shell} är installerad i {path}.",
    ),
    (
        r"Completion will take effect once you restart the terminal",
        "Den gäller från nästa gång du startar terminalen.",
    ),
    (
        r"Shell (?P<shell>\S*) (?:is )?not supported\.",
        "intlpolicy: skalet '{shell}' stöds inte; tabbkompletteringen finns för bash, zsh, "
        "fish och PowerShell",
    ),
    (
        r"Couldn't get PowerShell user profile",
        "intlpolicy: PowerShells användarprofil gick inte att hitta",
    ),
    (
        r"Couldn't decode the path automatically",
        "intlpolicy: sökvägen till PowerShells användarprofil gick inte att läsa",
    ),
)

# The usage errors click builds as one English text: its pattern -> the Swedish text.
MESSAGE_PATTERNS: Final[tuple[tuple[str, str], ...]] = (
    (r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", "för många argument: '{args}'"),
    (r"(?P<message>.*)\. Did you mean (?P<names>.*)\?", "{message} – menade du {names}?"),
    (r"Option (?P<name>'.*') requires an argument\.", "flaggan {name} kräver ett värde"),
    (r"Option (?P<name>'.*') requires (?P<n>\d+) arguments\.", "flaggan {name} kräver {n} värden"),
    (r"Option (?P<name>'.*') does not take a value\.", "flaggan {name} tar inget värde"),
    (r"Argument (?P<name>'.*') takes (?P<n>\d+) values\.", "argumentet {name} tar {n} värden"),
    (
        r"Value error, (?P<value>.*) is not one of (?P<choices>.*)\.",
        "{value} är inte något av {choices}",
    ),
    (r"file (?P<path>'.*') is a directory\.", "{path} är en mapp, inte en fil"),
    (r"dir (?P<path>'.*') is a file\.", "{path} är en fil, inte en mapp"),
    (r"(?:file|dir|path) (?P<path>'.*') does not exist\.", "{path} finns inte"),
    (r"(?:file|dir|path) (?P<path>'.*') is not readable\.", "{path} går inte att läsa"),
    (r"(?:file|dir|path) (?P<path>'.*') is not writable\.", "{path} går inte att skriva till"),
    (r"Value (?P<value>.*) is not a valid \w+\.", "{value} är inget giltigt värde"),
)

# pydantic's errors for a value typer converts (`--year abc`), by the error's type.
VALUE_ERRORS: Final[Mapping[str, str]] = {
    "int_parsing": "{input!r} är inget heltal",
    "int_from_float": "{input!r} är inget heltal",
    "int_type": "{input!r} är inget heltal",
    "float_parsing": "{input!r} är inget tal",
    "bool_parsing": "{input!r} är varken sant eller falskt",
}

# The type typer shows beside a parameter without a metavar of its own (`--x <str>`).
TYPE_LABELS: Final[Mapping[str, str]] = {
    "<str>": "<text>",
    "<int>": "<heltal>",
    "<float>": "<tal>",
    "<file>": "<fil>",
    "<dir>": "<mapp>",
    "<path>": "<sökväg>",
}

# A parameter as a usage error names it: "saknar flaggan '--year'".
PARAMETER_KINDS: Final[Mapping[str, str]] = {"argument": "argumentet", "option": "flaggan"}


def gettext(message: str) -> str:
    """typer's `_()`: the Swedish text, or the English one when there is none."""
    return GETTEXT.get(message, message)


def translated(text: str) -> str:
    """One of click's English message texts in Swedish (a Swedish one is left as it is)."""
    for pattern, swedish in MESSAGE_PATTERNS:
        found = re.fullmatch(pattern, text, flags=re.DOTALL)
        if found:
            return swedish.format(**found.groupdict())
    return text


def _value_error(error: ClickException) -> str | None:
    """pydantic's error behind a bad value, in Swedish, when its type is one we word."""
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    if not callable(errors):
        return None
    first = errors()[0] if errors() else {}
    template = VALUE_ERRORS.get(first.get("type", ""))
    return None if template is None else template.format(input=first.get("input"))


def swedish_message(error: ClickException) -> str:
    """The usage error's message in Swedish: the kind of error, the parameter, the detail."""
    from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption

    from intlpolicy.cli.usage_hints import closest_choice

    if isinstance(error, NoSuchOption):
        text = f"flaggan {error.option_name} finns inte"
        if error.possibilities:
            names = " eller ".join(f"'{name}'" for name in sorted(error.possibilities))
            text += f" – menade du {names}?"  # as findings.did_you_mean says it
        return text
    if isinstance(error, BadParameter):
        hint = _parameter_hint(error)
        if isinstance(error, MissingParameter):
            return _missing(error, hint)
        detail = _value_error(error) or translated(error.message) + closest_choice(error)
        return f"ogiltigt värde för {hint}: {detail}" if hint else f"ogiltigt värde: {detail}"
    return translated(error.format_message())


def _parameter_hint(error: Any) -> str:
    from typer._click.exceptions import _join_param_hints

    if error.param_hint is not None:
        return _join_param_hints(error.param_hint) or ""
    return str(error.param.get_error_hint()) if error.param is not None else ""


def _missing(error: Any, hint: str) -> str:
    param_type = error.param_type or (error.param.param_type_name if error.param else "")
    text = f"saknar {PARAMETER_KINDS.get(param_type, 'värdet')}{' ' + hint if hint else ''}"
    choices = getattr(getattr(error.param, "type_descriptor", None), "choices", None)
    if error.param is not None and choices:
        text += "; välj bland " + ", ".join(str(getattr(c, "value", c)) for c in choices)
    return text


def _show_error(self: ClickException, file: IO[Any] | None = None) -> None:
    from typer._click._compat import get_text_stderr
    from typer._click.utils import echo

    echo(ERROR_PREFIX + swedish_message(self), file=file or get_text_stderr())


def _show_usage_error(self: UsageError, file: IO[Any] | None = None) -> None:
    """click's `UsageError.show`, in Swedish: the usage line, where help is, the error."""
    from typer._click._compat import get_text_stderr
    from typer._click.utils import echo

    file = file or get_text_stderr()
    ctx = self.ctx
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = HELP_HINT.format(command=ctx.command_path, option=ctx.help_option_names[0])
            hint += "\n"
        echo(f"{ctx.get_usage()}\n{hint}", file=file, color=ctx.color)
    echo(ERROR_PREFIX + swedish_message(self), file=file, color=ctx.color if ctx else None)


def install() -> None:
    """Make typer speak Swedish in this process (idempotent)."""
    import typer.core
    from typer._click import core, exceptions, formatting

    setattr(typer.core, "_", gettext)  # noqa: B010 - a module's gettext, replaced
    setattr(exceptions.ClickException, "show", _show_error)  # noqa: B010
    setattr(exceptions.UsageError, "show", _show_usage_error)  # noqa: B010

    write_usage = formatting.HelpFormatter.write_usage
    if not getattr(write_usage, "swedish", False):

        def swedish_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
            write_usage(self, prog, args, USAGE_PREFIX if prefix is None else prefix)

        swedish_usage.swedish = True  # type: ignore[attr-defined]
        setattr(formatting.HelpFormatter, "write_usage", swedish_usage)  # noqa: B010

    _install_type_labels()
    _install_unbroken_hyphens()
    get_help_option = core.Command.get_help_option
    if not getattr(get_help_option, "swedish", False):

        def swedish_help_option(self: Any, ctx: Any) -> Any:
            option = get_help_option(self, ctx)
            if option is not None:
                option.help = HELP_OPTION_HELP
            return option

        swedish_help_option.swedish = True  # type: ignore[attr-defined]
        setattr(core.Command, "get_help_option", swedish_help_option)  # noqa: B010


def _install_type_labels() -> None:
    """Swedish type labels; an argument with a metavar of its own shows only its choices."""
    import typer.core

    display_type = typer.core._TyperParameter.display_type
    if getattr(display_type, "swedish", False):
        return

    def swedish_type(self: Any, ctx: Any) -> str:
        label = str(display_type(self, ctx))
        return TYPE_LABELS.get(label, label)

    def argument_type(self: Any, ctx: Any) -> str | None:
        if self.metavar is not None and not self.type_descriptor.is_choice:
            return None
        return swedish_type(self, ctx)

    swedish_type.swedish = True  # type: ignore[attr-defined]
    setattr(typer.core._TyperParameter, "display_type", swedish_type)  # noqa: B010
    setattr(typer.core.TyperArgument, "display_type_rich", argument_type)  # noqa: B010


def _install_unbroken_hyphens() -> None:
    """Help is wrapped at spaces only: `ÅÅÅÅ-MM-DD`, `twin-cities`, `green-transitions` and
    `EU-nätverket` stay whole on one line."""
    from typer._click._textwrap import TextWrapper

    init = TextWrapper.__init__
    if getattr(init, "swedish", False):
        return

    def unbroken(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **{**kwargs, "break_on_hyphens": False})

    unbroken.swedish = True  # type: ignore[attr-defined]
    setattr(TextWrapper, "__init__", unbroken)  # noqa: B010


def translate_completion_help(params: list[Any]) -> None:
    """Swedish help for typer's `--install-completion` and `--show-completion`, and Swedish
    lines from what they print."""
    for param in params:
        text = COMPLETION_HELP.get(getattr(param, "name", None) or "")
        if text is not None:
            param.help = text
            if not getattr(param.callback, "swedish", False):
                param.callback = _swedish_output(param.callback)


def completion_line(line: str) -> str:
    """One line the completion options print, in Swedish (the script's lines unchanged)."""
    for pattern, swedish in COMPLETION_LINES:
        found = re.fullmatch(pattern, line)
        if found:
            return swedish.format(**found.groupdict())
    return line


def _swedish_output(callback: Any) -> Any:
    """`callback` (which prints and exits), with each line it prints in Swedish; a refusal
    (`intlpolicy: …`) on stderr, where typer sometimes does not put it."""
    import contextlib
    import io
    import sys

    def swedish(*args: Any) -> Any:
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                return callback(*args)
        finally:
            for said, stream in ((out, sys.stdout), (err, sys.stderr)):
                for line in said.getvalue().splitlines(keepends=True):
                    body = line.rstrip("\r\n")
                    text = completion_line(body)
                    refusal = text.startswith("intlpolicy: ")
                    (sys.stderr if refusal else stream).write(text + line[len(body) :])

    swedish.swedish = True  # type: ignore[attr-defined]
    return swedish
