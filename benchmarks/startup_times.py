"""Start-up of the city's daily commands on the embedded data/, as hyperfine would time them.

    .venv/bin/python benchmarks/startup_times.py [--runs 30]

Each command runs `--runs` times, interleaved with the others, as a fresh process with output
discarded (one untimed warm-up each); prints the median and the minimum wall time. Uses the same
environment as bench_all.py (bytecode cached, INTLPOLICY_TODAY pinned).
"""

from __future__ import annotations

import argparse
import statistics
import sys

from bench_all import PYTHON, intlpolicy, run_once

COMMANDS: dict[str, list[str]] = {
    "python -c 'import yaml'": [PYTHON, "-c", "import yaml"],
    "validate --data data --no-cache": intlpolicy("validate", "--data", "data", "--no-cache"),
    "validate --data data (whole-run cache hit)": intlpolicy("validate", "--data", "data"),
    "route-project green-transitions --data data": intlpolicy(
        "route-project", "green-transitions", "--data", "data"
    ),
    "annual-report --year 2024 --data data": intlpolicy(
        "annual-report", "--year", "2024", "--data", "data"
    ),
    "--help": intlpolicy("--help"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    for cmd in COMMANDS.values():
        run_once(cmd)
    times: dict[str, list[float]] = {label: [] for label in COMMANDS}
    for _ in range(args.runs):
        for label, cmd in COMMANDS.items():
            times[label].append(run_once(cmd).seconds)
    print("| command | median | min |\n| --- | ---: | ---: |")
    for label, samples in times.items():
        print(f"| `{label}` | {statistics.median(samples):.3f} s | {min(samples):.3f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
