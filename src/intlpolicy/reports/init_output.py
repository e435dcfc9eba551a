"""`init` output: what was made, whether git has its first commit, and the next steps."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from intlpolicy.text import printable

BASES = {
    "malmo": "Malmö stads policy i kraft, organisationer och tillämpning",
    "blank": "ett exempel (example: true) av varje slags post",
}


def init_text(
    target: Path, base: str, records: Sequence[str], commit: str | None, git_problem: str | None
) -> str:
    shown = printable(str(target))
    lines = [f"Skapade förrådet {shown} med {len(records)} poster: {BASES[base]}."]
    if commit is not None:
        lines.append(f"git: första commit {commit} på grenen main.")
    else:
        lines.append(
            f"git: ingen commit ({printable(git_problem or '')}); filerna är skapade, "
            "gör den första commiten själv."
        )
    lines += [
        "Nästa steg:",
        f"  cd {shown}",
        "  intlpolicy validate",
        "  pip install pre-commit && pre-commit install",
        "Byt adressen till intlpolicys förråd i .github/workflows/records.yml",
        "och .gitlab-ci.yml (se README.md).",
    ]
    return "\n".join(lines) + "\n"
