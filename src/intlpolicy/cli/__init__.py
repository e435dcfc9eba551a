"""The command line: parse options, call one library function, pick a renderer, exit.

Each command lives in its own module and registers itself on `app` when imported; the group
(`app.COMMAND_MODULES`) imports a command's module only when that command is run or listed.
Heavy imports (the models, YAML, jinja2, rich tables) happen inside the commands, so that a
run starts fast.
"""

from __future__ import annotations

import os
import sys
import types

from intlpolicy.cli.app import app, data_root, today

__all__ = ["app", "data_root", "main", "today"]


def main() -> None:
    """Run the command line; ends in SystemExit. The console entry point (`launch.run`) runs
    it so that no traceback reaches the user."""
    _without_pydantic_plugins()
    app(standalone_mode=True)


def _without_pydantic_plugins() -> None:
    """No pydantic plugin is used: skip their discovery, which scans every installed package
    and imports `importlib.metadata` (~10 ms) even when switched off by the documented
    PYDANTIC_DISABLE_PLUGINS. A plugin list the user names in that variable is respected."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    name = "pydantic.plugin._loader"
    switched_off = os.environ["PYDANTIC_DISABLE_PLUGINS"] in ("__all__", "1", "true")
    if switched_off and name not in sys.modules:  # pydantic asks it at its first model
        loader = types.ModuleType(name)
        setattr(loader, "get_plugins", lambda: ())  # noqa: B010 - a module built here
        sys.modules[name] = loader
