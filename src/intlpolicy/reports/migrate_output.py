"""`migrate` output: the diff of every upgraded record, then one Swedish summary line."""

from __future__ import annotations

from collections.abc import Sequence

from intlpolicy.text import printable


def _records(count: int) -> str:
    return f"{count} post" if count == 1 else f"{count} poster"


def migration_text(
    diffs: Sequence[str], target: int, *, dry_run: bool, current: int, skipped: Sequence[str]
) -> str:
    """The diffs as `diff -u` shows them, and what was (or, with dry_run, would be) done."""
    lines = [printable(line) for diff in diffs for line in diff.splitlines()]
    upgraded = sum(1 for diff in diffs if diff)
    if not upgraded:
        lines.append(
            f"Inget att uppgradera: {_records(current)} har redan postformat {target} eller senare."
        )
    elif dry_run:
        lines.append(
            f"Provkörning: {_records(upgraded)} skulle få postformat {target} ({current} har "
            "det redan); ingenting skrevs."
        )
    else:
        lines.append(
            f"{_records(upgraded)} uppgraderades till postformat {target} ({current} hade det "
            "redan); kommentarerna är kvar."
        )
    if skipped:
        lines.append(
            f"{len(skipped)} {'fil' if len(skipped) == 1 else 'filer'} uppgraderades inte, "
            "eftersom de inte kan läsas eller saknar "
            f"ett giltigt schema_version (se intlpolicy validate): " + printable(", ".join(skipped))
        )
    return "\n".join(lines) + "\n"
