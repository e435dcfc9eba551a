"""A did-you-mean for a value typed on the command line that is not one of the choices.

Commands and options get theirs from click (`No such command …. Did you mean …?`, worded in
Swedish by `swedish_click`); a choice (`list project`, `--format tabel`) gets the same words
from `findings.did_you_mean`, the one place that picks the closest name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typer._click.exceptions import BadParameter


def closest_choice(error: BadParameter) -> str:
    """` – menade du 'projects'?` when the value is close to one of the choices; else ``."""
    from intlpolicy.findings import did_you_mean

    choices = getattr(getattr(error.param, "type_descriptor", None), "choices", None)
    errors = getattr(error.__cause__, "errors", None)
    if not choices or not callable(errors) or not errors():
        return ""
    typed = errors()[0].get("input")
    if not isinstance(typed, str):
        return ""
    return did_you_mean(typed, [str(getattr(choice, "value", choice)) for choice in choices])
