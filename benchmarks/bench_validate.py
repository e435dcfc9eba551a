"""Time `intlpolicy validate` against a bare PyYAML parse of the same synthetic data root.

    .venv/bin/python benchmarks/bench_validate.py [--sizes 1000,10000] [--runs 5] [--startup]

The quick subset of bench_all.py, kept for its command line: the "scale" section (validate
against bare_parse.py, growth, peak memory of validate and its workers) and, with --startup,
the "startup" section. No check-jsonschema, no annual-report; nothing written to
benchmarks/out/figures.md. Every measurement is done by bench_all.py; see its docstring.
"""

from __future__ import annotations

import argparse
import sys

from bench_all import main as bench_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000,10000", help="comma-separated record counts (default 1000,10000)"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (median)")
    parser.add_argument(
        "--startup",
        action="store_true",
        help="also compare `intlpolicy --help` with a one-command typer app",
    )
    args = parser.parse_args(argv)
    sections = "scale,startup" if args.startup else "scale"
    return bench_all(
        ["--sizes", args.sizes, "--runs", str(args.runs), "--only", sections, "--markdown", ""]
    )


if __name__ == "__main__":
    sys.exit(main())
