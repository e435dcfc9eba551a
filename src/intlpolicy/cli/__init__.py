"""The command line: parse options, call one library function, pick a renderer, exit.

Each command lives in its own module and registers itself on `app` when imported; the group
(`app.COMMAND_MODULES`) imports a command's module only when that command is run or listed.
Heavy imports (the models, YAML, jinja2, rich tables) happen inside the commands, so that a
run starts fast. Importing this package imports no typer: a plain `validate` run is started
without it (`cli/validate_run.py`); the typer application is `cli/app.py: app`.
"""

from __future__ import annotations

from intlpolicy.cli.runtime import data_root, today, without_pydantic_plugins

__all__ = ["data_root", "main", "today"]


def main() -> None:
    """Run the command line; ends in SystemExit. The console entry point (`launch.run`) runs
    it so that no traceback reaches the user."""
    from intlpolicy.cli.app import app

    without_pydantic_plugins()
    app(standalone_mode=True)
