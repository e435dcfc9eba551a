"""`intlpolicy fmt --check` against `intlpolicy validate` on the same generated data root.

    python benchmarks/bench_fmt.py [--size 10000] [--runs 5]

Generates `benchmarks/out/<size>/` with generate.py when it is missing, then runs the two
commands in fresh processes, interleaved (validate, fmt, validate, …) after one untimed
warm-up each, and prints the median wall time of each and their ratio (issue 12's target:
fmt --check ≤ 2 × validate). Both must succeed: the generated records are valid and canonical.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _run(command: list[str]) -> float:
    env = {**os.environ, "INTLPOLICY_TODAY": "2026-11-26"}
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = HERE / "out" / str(args.size)
    if not root.is_dir():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(args.size), str(root)], check=True
        )
    intlpolicy = [sys.executable, "-m", "intlpolicy"]
    commands = {
        "validate": [*intlpolicy, "validate", "--data", str(root), "--format", "json"],
        "fmt --check": [*intlpolicy, "fmt", "--check", "--data", str(root)],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():
        _run(command)  # warm-up: the page cache, the bytecode
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(_run(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print("| files | validate s | fmt --check s | fmt --check / validate |")
    print("| ---: | ---: | ---: | ---: |")
    ratio = medians["fmt --check"] / medians["validate"]
    print(
        f"| {args.size} | {medians['validate']:.3f} | {medians['fmt --check']:.3f} | {ratio:.2f} |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
