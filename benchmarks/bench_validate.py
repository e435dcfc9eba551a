"""Time `intlpolicy validate` against a bare PyYAML parse of the same synthetic data root.

    .venv/bin/python benchmarks/bench_validate.py [--sizes 1000,10000] [--runs 5] [--startup]

For each size N a data root is generated into benchmarks/out/N/ (reused when present; delete
the folder to regenerate). Every measurement is a fresh interpreter, timed from spawn to exit;
the figure is the median of --runs runs after one untimed warm-up. Peak RSS comes from the
kernel's rusage of that one child (os.wait4). `--startup` adds `python -m intlpolicy --help`
against the `--help` of a one-command typer app (benchmarks/typer_floor.py), median of 10.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
OUT = HERE / "out"
PYTHON = sys.executable
STARTUP_RUNS = 10


@dataclass(frozen=True)
class Sample:
    seconds: float
    returncode: int
    maxrss_mib: float


@dataclass(frozen=True)
class Measured:
    seconds: float  # median
    maxrss_mib: float  # highest over the runs


@dataclass(frozen=True)
class Probe:
    available: bool
    note: str


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Run the package from the checkout, installed or not."""
    env = dict(os.environ) | (extra or {})
    src = str(PROJECT / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


def run_once(cmd: list[str], extra_env: dict[str, str] | None = None) -> Sample:
    """One run with output discarded; the rusage of exactly this child gives its peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=child_env(extra_env),
        cwd=PROJECT,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen from waiting
    return Sample(seconds, proc.returncode, usage.ru_maxrss / 1024)  # ru_maxrss is KiB on Linux


def measure(cmd: list[str], runs: int, extra_env: dict[str, str] | None = None) -> Measured:
    samples = [run_once(cmd, extra_env) for _ in range(runs)]
    bad = [s.returncode for s in samples if s.returncode != 0]
    if bad:
        raise RuntimeError(f"{' '.join(cmd)} exited {bad[0]}")
    return Measured(
        statistics.median(s.seconds for s in samples), max(s.maxrss_mib for s in samples)
    )


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


# ---------------------------------------------------------------------------------------------
# Data roots


def ensure_root(n: int) -> Path:
    target = OUT / str(n)
    if target.is_dir():
        return target
    tmp = OUT / f".tmp-{n}"  # renamed into place only when complete and checked
    shutil.rmtree(tmp, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"generating {target.relative_to(PROJECT)} ...", file=sys.stderr)
    subprocess.run(
        [PYTHON, str(HERE / "generate.py"), str(n), str(tmp), "--check"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    tmp.rename(target)
    return target


def count_records(root: Path) -> int:
    return sum(1 for _ in root.rglob("*.yaml"))


# ---------------------------------------------------------------------------------------------
# The two commands


def bare_cmd(root: Path) -> list[str]:
    return [PYTHON, str(HERE / "bare_parse.py"), str(root)]


def validate_cmd(root: Path) -> list[str]:
    return [PYTHON, "-m", "intlpolicy", "validate", "--data", str(root), "--format", "json"]


def probe_validate(root: Path) -> Probe:
    """The untimed warm-up run: is the command there, and what did it find?"""
    try:
        done = subprocess.run(
            validate_cmd(root),
            capture_output=True,
            text=True,
            env=child_env(),
            cwd=PROJECT,
            timeout=900,
        )
    except subprocess.TimeoutExpired:
        return Probe(False, "timed out after 900 s")
    try:
        report = json.loads(done.stdout)
        findings = (len(report["errors"]), len(report["warnings"]), report["records"])
    except (ValueError, KeyError, TypeError):
        reason = last_line(done.stderr) if done.stderr.strip() else "no JSON report on stdout"
        return Probe(False, f"exit {done.returncode}: {reason}")
    if done.returncode not in (0, 1):
        return Probe(False, f"exit {done.returncode}")
    errors, warnings, records = findings
    note = f"exit {done.returncode}, records {records}, {errors} errors, {warnings} warnings"
    if errors:
        codes = Counter(str(e.get("code")) for e in report["errors"]).most_common(3)
        note += " (top error codes: " + ", ".join(f"{c} ×{k}" for c, k in codes) + ")"
    return Probe(True, note)


@dataclass(frozen=True)
class Row:
    records: int
    bare: Measured
    validate: Measured | None


def bench_size(n: int, runs: int) -> tuple[Row, Probe]:
    root = ensure_root(n)
    records = count_records(root)
    run_once(bare_cmd(root))  # warm the page cache
    probe = probe_validate(root)
    bare_samples: list[Sample] = []
    validate_samples: list[Sample] = []
    for _ in range(runs):  # interleaved, so a noisy moment hits both alike
        bare_samples.append(run_once(bare_cmd(root)))
        if probe.available:
            validate_samples.append(run_once(validate_cmd(root)))
    if any(s.returncode != 0 for s in bare_samples):
        raise RuntimeError(f"bare_parse.py failed on {root}")
    bare = Measured(
        statistics.median(s.seconds for s in bare_samples), max(s.maxrss_mib for s in bare_samples)
    )
    validate = None
    if validate_samples:
        codes = {s.returncode for s in validate_samples}
        if not codes <= {0, 1}:
            return Row(records, bare, None), Probe(False, f"exit codes {sorted(codes)}")
        validate = Measured(
            statistics.median(s.seconds for s in validate_samples),
            max(s.maxrss_mib for s in validate_samples),
        )
    return Row(records, bare, validate), probe


def growth(now: float | None, before: float | None) -> str:
    return "—" if now is None or before is None else f"×{now / before:.2f}"


def size_table(rows: list[Row]) -> str:
    lines = [
        "| records | bare parse s | validate s | validate/bare | validate peak MiB "
        "| bare peak MiB | growth: records | growth: bare | growth: validate |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    previous: Row | None = None
    for row in rows:
        v = row.validate
        cells = [
            f"{row.records}",
            f"{row.bare.seconds:.3f}",
            f"{v.seconds:.3f}" if v else "n/a",
            f"{v.seconds / row.bare.seconds:.2f}" if v else "n/a",
            f"{v.maxrss_mib:.1f}" if v else "n/a",
            f"{row.bare.maxrss_mib:.1f}",
        ]
        if previous is None:
            cells += ["—", "—", "—"]
        else:
            pv = previous.validate
            cells += [
                growth(row.records, previous.records),
                growth(row.bare.seconds, previous.bare.seconds),
                growth(v.seconds if v else None, pv.seconds if pv else None),
            ]
        lines.append("| " + " | ".join(cells) + " |")
        previous = row
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Start-up


def startup_table() -> str:
    floor_cmd = [PYTHON, str(HERE / "typer_floor.py"), "--help"]
    floor_label = "typer floor, plain help (`TYPER_FLOOR_PLAIN=1 typer_floor.py --help`)"
    commands: list[tuple[str, list[str], dict[str, str]]] = [
        ("`python -c pass`", [PYTHON, "-c", "pass"], {}),
        ("typer floor, rich help (`typer_floor.py --help`)", floor_cmd, {}),
        (floor_label, floor_cmd, {"TYPER_FLOOR_PLAIN": "1"}),
        ("`python -m intlpolicy --help`", [PYTHON, "-m", "intlpolicy", "--help"], {}),
    ]
    medians: dict[str, float | str] = {}
    for label, cmd, extra in commands:
        warm = run_once(cmd, extra)
        if warm.returncode != 0:
            medians[label] = f"n/a (exit {warm.returncode})"
        else:
            medians[label] = measure(cmd, STARTUP_RUNS, extra).seconds
    floor = medians[floor_label]
    lines = ["| command | median s | vs plain typer floor ms |", "| --- | ---: | ---: |"]
    for label, value in medians.items():
        if isinstance(value, str):
            lines.append(f"| {label} | {value} | n/a |")
            continue
        over = f"{(value - floor) * 1000:+.0f}" if isinstance(floor, float) else "n/a"
        lines.append(f"| {label} | {value:.3f} | {over} |")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------


def environment() -> str:
    import yaml

    libyaml = "libyaml" if getattr(yaml, "__with_libyaml__", False) else "NO libyaml"
    try:
        commit = subprocess.run(
            ["git", "-C", str(PROJECT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return (
        f"Python {platform.python_version()}, PyYAML {yaml.__version__} ({libyaml}), "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, "
        f"checkout {commit}"
    )


def parse_sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=[1000, 10000],
        help="comma-separated record counts (default 1000,10000; '' for none)",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (median)")
    parser.add_argument(
        "--startup",
        action="store_true",
        help="also compare `intlpolicy --help` with a one-command typer app",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    print(f"Environment: {environment()}; median of {args.runs} runs.\n")
    if args.sizes:
        rows: list[Row] = []
        notes: list[str] = []
        for n in sorted(args.sizes):
            row, probe = bench_size(n, args.runs)
            rows.append(row)
            status = "validate" if probe.available else "validate UNAVAILABLE"
            notes.append(f"- N={n} ({row.records} records): {status}: {probe.note}")
        print(size_table(rows))
        print()
        print("\n".join(notes))
    if args.startup:
        print(f"\nStart-up, median of {STARTUP_RUNS} runs:\n")
        print(startup_table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
