"""The typer application and what every command shares: the options, clean exits.

The data root, today and how a refusal is said are in `cli/runtime.py` (no typer), and are
named here too, where the commands take them from."""

import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, get_args

import typer
from typer.core import TyperGroup

from intlpolicy import __version__, vocabulary
from intlpolicy.cli import swedish_click
from intlpolicy.cli.runtime import (
    data_root,
    json_refusals,
    refusals_as_json,
    report_refusal,
    revision_reader,
    today,
)
from intlpolicy.exitcodes import EXIT_CODES_HELP, ExitCode

swedish_click.install()

__all__ = [  # from cli/runtime.py, for the commands
    "data_root",
    "refusals_as_json",
    "report_refusal",
    "revision_reader",
    "today",
]

# Every command, in the order `--help` lists them (the daily ones first), with the module
# under intlpolicy.cli that registers it on `app`. A module is imported only when its command
# is run or listed, so that the daily run does not pay for the other commands' imports.
COMMAND_MODULES: dict[str, str] = {
    "validate": "validate_command",
    "fmt": "fmt_command",
    "route-project": "route_command",
    "annual-report": "annual_report_command",
    "publish": "publish_command",
    "list": "list_command",
    "new": "new_command",
    "notice": "notice_command",
    "contact": "contact_command",
    "rate": "rate_command",
    "report-submit": "report_submit_command",
    "history": "history_command",
    "schema": "schema_command",
    "migrate": "migrate_command",
    "init": "init_command",
}


class _OrderedGroup(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        # typer appends its completion options after the group is made; word them here.
        params: list[Any] = super().get_params(ctx)
        swedish_click.translate_completion_help(params)
        return params

    def list_commands(self, ctx: Any) -> list[str]:
        extra = [name for name in super().list_commands(ctx) if name not in COMMAND_MODULES]
        return [*COMMAND_MODULES, *extra]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            self._load(COMMAND_MODULES[cmd_name])
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in COMMAND_MODULES:  # a typo: suggest among all commands
            for module in COMMAND_MODULES.values():
                self._load(module)
        return super().resolve_command(ctx, args)

    def _load(self, module: str) -> None:
        """Import a command's module (which registers it on `app`) and add what it
        registered to this group, as typer would have made it."""
        import typer.main as typer_main

        __import__(f"intlpolicy.cli.{module}")  # not importlib: `-X importtime` shows this
        settings: Any = {
            "pretty_exceptions_short": app.pretty_exceptions_short,
            "rich_markup_mode": app.rich_markup_mode,
        }
        for info in app.registered_commands:
            name = info.name or typer_main.get_command_name(info.callback.__name__)  # type: ignore[union-attr]
            if name not in self.commands:
                self.add_command(typer_main.get_command_from_info(info, **settings), name)
        for group_info in app.registered_groups:
            if group_info.name not in self.commands:
                group = typer_main.get_group_from_info(
                    group_info, suggest_commands=app.suggest_commands, **settings
                )
                self.add_command(group, group_info.name)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; the one place a refusal becomes a message and an exit code."""
        from intlpolicy.errors import Refused

        token = json_refusals.set(False)
        try:
            return super().invoke(ctx)
        except Refused as refused:
            report_refusal(refused)
            raise typer.Exit(int(refused.exit_code)) from None
        except KeyboardInterrupt:
            raise _interrupted() from None
        except typer.Abort as abort:
            # A prompt turns Ctrl-C (and Ctrl-D) into an abort; Ctrl-C is an interruption.
            if isinstance(abort.__context__, KeyboardInterrupt):
                raise _interrupted(after_prompt=True) from None
            raise
        finally:
            json_refusals.reset(token)


def _interrupted(*, after_prompt: bool = False) -> typer.Exit:
    """Ctrl-C: said as the entry point says it (launch.py), exit 130; on a line of its
    own after a question."""
    sys.stderr.write(("\n" if after_prompt else "") + swedish_click.GETTEXT["Aborted!"] + "\n")
    return typer.Exit(int(ExitCode.INTERRUPTED))


app = typer.Typer(
    name="intlpolicy",
    cls=_OrderedGroup,
    help=(
        "Poster, kontroller och redovisningar enligt Policy för Malmö stads internationella "
        "arbete.\n\n" + EXIT_CODES_HELP
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    **swedish_click.TYPER_SETTINGS,
)


def literal_choices(name: str, literal: Any) -> type[StrEnum]:
    """The choices of an option, from the model's `Literal`: one vocabulary, no copy of it.

    typer shows an Enum's values as the option's choices and checks them.
    """
    return format_choices(name, get_args(literal))


def worded_choices(names: dict[str, str]) -> str:
    """`owner (projektägare) eller partner`: an option's codes, each with its Swedish word
    (from `labels`) where the two differ, for the option's help."""
    shown = [code if code == word else f"{code} ({word})" for code, word in names.items()]
    return ", ".join(shown[:-1]) + " eller " + shown[-1]


def format_choices(name: str, names: Iterable[str]) -> type[StrEnum]:
    """The choices of `--format`, from the names of a command's renderers (its registry),
    so that a new format is one entry there and nothing here."""
    return StrEnum(name, {value: value for value in names})  # type: ignore[return-value]


if TYPE_CHECKING:  # mypy cannot follow an Enum made at run time; typer sees the real one
    Role = StrEnum
else:
    Role = literal_choices("Role", vocabulary.Role)


def guard_output(target: Path, root: Path) -> None:
    """Refuse an output file that would replace a record: inside the data root, or YAML."""
    from intlpolicy.editing.atomic import WriteRefused

    resolved = target.resolve()  # a link is followed, so its target is what is checked
    inside = resolved.is_relative_to(root.resolve())
    suffixes = {target.suffix.lower(), resolved.suffix.lower()}
    if inside or suffixes & {".yaml", ".yml"}:
        raise WriteRefused("output-over-record", path=target)


def write_output(text: str | bytes, target: Path | None, root: Path, what: str) -> None:
    """Write a rendered output to stdout (no `--output`, or `--output -`), or to `target` as
    `write_atomically` does (never over a record)."""
    from intlpolicy.editing.atomic import write_atomically
    from intlpolicy.text import printable

    if target is None or str(target) == "-":
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        return
    guard_output(target, root)
    write_atomically(target, text, overwrite=True)
    typer.echo(f"{what} skriven till {printable(str(target))}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"intlpolicy {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Visa versionen."),
    ] = False,
) -> None:
    """Poster, kontroller och redovisningar enligt Policy för Malmö stads internationella arbete."""


DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="MAPP",
        help="Mappen med posterna (standard: $INTLPOLICY_DATA, annars den första mappen data/ "
        "som innehåller policy/, sökt från den aktuella mappen och uppåt, så som git hittar "
        "sitt förråd).",
        show_default=False,
    ),
]


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        metavar="FIL",
        help="Skriv till den här filen (atomärt) i stället för till stdout; aldrig över en post.",
        dir_okay=False,
    ),
]

RevOption = Annotated[
    str | None,
    typer.Option(
        "--rev",
        metavar="REVISION",
        help="Läs posterna som de såg ut i den här git-revisionen (tagg, gren, HEAD~3, "
        "commit-id), direkt ur git; arbetskopian rörs inte.",
        show_default=False,
    ),
]
