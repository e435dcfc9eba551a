"""The floor for `intlpolicy validate`: read and parse every *.yaml under ROOT, nothing else.

    python benchmarks/bare_parse.py ROOT

Uses PyYAML's libyaml-backed CSafeLoader, the fastest safe loader available to Python.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def parse_all(root: Path) -> int:
    count = 0
    for path in sorted(root.rglob("*.yaml")):
        with path.open("rb") as fh:
            yaml.load(fh, Loader=yaml.CSafeLoader)
        count += 1
    return count


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: bare_parse.py ROOT", file=sys.stderr)
        return 2
    print(f"parsed {parse_all(Path(argv[0]))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
