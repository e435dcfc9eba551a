"""What `validate` does once its options are read, without typer.

The typer command (`cli/validate_command.py`) reads the options and calls `run_validate`. A
run whose options are all plain (`run_cache.plain_validate`: --data, --format, --strict,
--no-cache) is started here directly by the console entry point (`launch.py`), without
importing typer and the command line (about 15 ms of the daily run's start); anything else,
--help and every mistake included, goes through typer, which reads and explains it. Both ways
end in the same function, and a refusal is said by the same `runtime.report_refusal`.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

from intlpolicy.cli.runtime import (
    data_root,
    json_refusals,
    refusals_as_json,
    report_refusal,
    revision_reader,
    today,
    without_pydantic_plugins,
)
from intlpolicy.exitcodes import ExitCode
from intlpolicy.loading import run_cache

if TYPE_CHECKING:
    from intlpolicy.reports.findings_output import Rendered


def resolved_format(chosen: str) -> str:
    """`auto` is github in GitHub Actions, else text; any other name is itself."""
    if chosen != "auto":
        return chosen
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def run_validate(
    data: str | None, output_format: str, strict: bool, rev: str | None, no_cache: bool
) -> NoReturn:
    """Validate the data root, print the findings in `output_format`, exit with the code."""
    from intlpolicy.checks.fixes import as_run_from
    from intlpolicy.cli.progress import progress_bar, wanted
    from intlpolicy.reports.findings_output import RENDERERS, Options
    from intlpolicy.services.validate import Source, ValidationResult, validate_source

    chosen = resolved_format(output_format)
    refusals_as_json(chosen == "json")
    root, shown = data_root(data, at_revision=rev is not None)
    reader = revision_reader(root, shown, rev)
    with progress_bar(wanted(machine_output=chosen != "text")) as progress:
        source = Source(root, shown, reader, progress, cached=not no_cache and rev is None)
        result = validate_source(source, today())
    result = ValidationResult(result.records, as_run_from(result.findings, data, rev is not None))
    rendered = RENDERERS[chosen](result, Options(strict, colour=sys.stdout.isatty()))
    _print_and_keep(rendered, ExitCode.OK if result.ok(strict) else ExitCode.FINDINGS)


def _print_and_keep(rendered: Rendered, code: ExitCode) -> NoReturn:
    """Print the run's output, then keep it for a run made again on the same records
    (`loading/run_cache.py`; only when the console entry point expects it)."""
    sys.stdout.write(rendered.stdout)
    sys.stderr.write(rendered.stderr)
    sys.stdout.flush()  # written in full: only then is the run's output kept
    run_cache.keep(rendered.stdout, rendered.stderr, int(code))
    raise SystemExit(int(code))


def run_plain(plain: run_cache.Plain) -> NoReturn:
    """A plain `validate` run from the console entry point: as through typer, refusals too
    (said as the command group says them, `cli/app.py: _OrderedGroup.invoke`)."""
    from intlpolicy.errors import Refused

    without_pydantic_plugins()
    json_refusals.set(False)
    try:
        run_validate(plain.data, plain.output_format, plain.strict, None, plain.no_cache)
    except Refused as refused:
        report_refusal(refused)
        raise SystemExit(int(refused.exit_code)) from None
