"""Every figure of the issue's "Speed and scale" section, with its target, from one command.

    .venv/bin/python benchmarks/bench_all.py --sizes 1000,10000,100000 --runs 3

Sections (all by default; pick some with --only scale,cjs,startup,report):

scale    `intlpolicy validate --format json` against `bare_parse.py` (PyYAML's CSafeLoader, one
         process) on synthetic roots of each --sizes and each --shapes (generator: no
         findings; findings: most files carry warnings); growth from one size to the next;
         peak memory of validate and its forked workers.
cjs      `check-jsonschema --schemafile S/<kind>.schema.json <files>` per kind, S exported by
         `intlpolicy schema --output S`, files in chunks (--cjs-chunk, and within ARG_MAX);
         a run is the sum of its chunks. At --cjs-sizes only: it is ~100x slower than validate.
startup  `intlpolicy --help` against `TYPER_FLOOR_PLAIN=1 typer_floor.py --help`, and
         `intlpolicy route-project green-transitions --data data` (absolute), median of
         --startup-runs.
report   `intlpolicy annual-report --year 2024` (markdown and html) against `validate`, all on
         the --report-size root.

Every run is a fresh process timed from spawn to exit with output discarded; each figure is the
median of its runs, which are interleaved (bare, validate, check-jsonschema, bare, ...) so that a
noisy moment hits all alike, after one untimed warm-up per command. Sizes of --large-from
records and more get --large-runs runs instead of --runs. Every intlpolicy run gets
INTLPOLICY_TODAY=2026-11-26, so the findings do not depend on the wall clock.

Data roots are generated into benchmarks/out/N/ by generate.py --check and reused while
benchmarks/out/N.stamp matches the generator's source and seed (else regenerated).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import itertools
import json
import os
import platform
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
OUT = HERE / "out"
CACHE = OUT / "xdg-cache"  # the caches of the benchmark's runs, never the user's
PYTHON = sys.executable
BIN = Path(sys.executable).parent
SEED = 1
TODAY = "2026-11-26"
GIB_MIB = 1024.0
SECTIONS = ("scale", "cjs", "startup", "report")

# The targets.
T_VALIDATE_VS_BARE = 1.3
# Issue 14's targets, by shape: validate / bare parse below 10 000 records and from 10 000 on.
T_RATIO_BY_SHAPE = {"generator": (0.85, 0.6), "findings": (1.3, 1.0)}
T_PEAK_10K_MIB = 200.0
# Warm (the per-file cache filled, one file changed since): validate / bare parse below 10 000
# records and from 10 000 on.
T_WARM_RATIO = (0.5, 0.4)
# Issue 14 sets its ratios at 2 000, 10 000 and 100 000 files; a smaller root (the start-up is
# most of its run) is shown for information.
T_RATIO_FROM = 2_000
# The city's daily run, `intlpolicy validate` on data/: cold (--no-cache) and a whole-run hit.
T_DAILY_COLD_SECONDS = 0.11
T_DAILY_HIT_SECONDS = 0.02
SHAPES = ("generator", "findings")
T_GROWTH_PER_10X = 11.0
T_PEAK_MIB = GIB_MIB
T_VALIDATE_VS_CJS = 0.1
T_HELP_VS_FLOOR = 1.2
T_ROUTE_SECONDS = 0.5
T_REPORT_VS_VALIDATE = 1.5
T_PDF_VS_HTML = 3.0  # issue 11: the PDF of the report costs at most 3x its HTML

# Folder of a record kind -> the file name stem `intlpolicy schema --output` writes.
SCHEMA_OF = {
    "policy": "policy",
    "organisations": "organisation",
    "projects": "project",
    "reports": "report",
    "networks": "network",
    "twin-cities": "twin-city",
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Running one command


@dataclass(frozen=True)
class Sample:
    seconds: float  # wall clock, spawn to exit
    cpu: float  # user + system of the process and every descendant it reaped (its workers)
    returncode: int
    maxrss_mib: float  # kernel ru_maxrss: the largest single process of the tree, not a sum
    output: str = ""  # stdout, when captured
    errors: str = ""  # stderr, when captured


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Run the package from the checkout, installed or not; pin today's date.

    Bytecode is cached (in benchmarks/out/pycache, so the source tree stays untouched) even
    when PYTHONDONTWRITEBYTECODE is set, as it is in some sandboxes: an installed package has
    its .pyc files, and compiling every module on every run would add ~70 ms to each start.
    """
    env = dict(os.environ) | {"INTLPOLICY_TODAY": TODAY, "XDG_CACHE_HOME": str(CACHE)}
    env |= extra or {}
    for name in ("INTLPOLICY_DATA", "GITHUB_ACTIONS", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    src = str(PROJECT / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


def run_once(
    cmd: list[str],
    extra_env: dict[str, str] | None = None,
    cwd: Path = PROJECT,
    capture: bool = False,
) -> Sample:
    """One run. With capture, stdout is kept in the sample and stderr in its `errors`."""
    with contextlib.ExitStack() as stack:
        errfile = stack.enter_context(tempfile.TemporaryFile()) if capture else None
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
            stderr=errfile if errfile is not None else subprocess.DEVNULL,
            env=child_env(extra_env),
            cwd=cwd,
        )
        output = errors = ""
        if proc.stdout is not None:
            output = proc.stdout.read().decode("utf-8", "replace")
            proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped: keep Popen from waiting
        if errfile is not None:
            errfile.seek(0)
            errors = errfile.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    maxrss = usage.ru_maxrss / 1024  # KiB on Linux
    return Sample(seconds, cpu, proc.returncode, maxrss, output, errors)


@dataclass
class Series:
    """The timed runs of one command."""

    label: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def maxrss_mib(self) -> float:
        return max(s.maxrss_mib for s in self.samples)

    def check(self, ok_codes: Iterable[int] = (0,)) -> None:
        codes = {s.returncode for s in self.samples}
        if not codes <= set(ok_codes):
            raise RuntimeError(f"{self.label}: exit codes {sorted(codes)}")


# ---------------------------------------------------------------------------------------------
# Memory of a process tree: validate forks a pool of parser workers, and the kernel's rusage
# gives only the largest single process. So /proc is sampled while it runs.


@dataclass(frozen=True)
class TreeMemory:
    rss_sum_mib: (
        float  # peak over samples of Σ VmRSS of the tree (shared pages counted per process)
    )
    pss_sum_mib: float  # peak over samples of Σ Pss (shared pages split between the sharers)
    processes: int  # most processes seen at once
    samples: int
    kernel_max_mib: float  # ru_maxrss from wait4: largest single process, exact


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(name))
    return children


def _tree(root: int) -> list[int]:
    children = _children_by_parent()
    pids, i = [root], 0
    while i < len(pids):
        pids += children.get(pids[i], [])
        i += 1
    return pids


def _kib(path: str, key: bytes) -> int:
    try:
        with open(path, "rb") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def run_sampled(cmd: list[str], interval: float = 0.02) -> tuple[Sample, TreeMemory]:
    """Run once (output captured) while a thread samples the RSS and PSS of the whole tree."""
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
        cwd=PROJECT,
    )
    peak = {"rss": 0, "pss": 0, "n": 0, "samples": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pids = _tree(proc.pid)
            rss = sum(_kib(f"/proc/{p}/status", b"VmRSS:") for p in pids)
            pss = sum(_kib(f"/proc/{p}/smaps_rollup", b"Pss:") for p in pids)
            peak["rss"] = max(peak["rss"], rss)
            peak["pss"] = max(peak["pss"], pss)
            peak["n"] = max(peak["n"], len(pids))
            peak["samples"] += 1
            done.wait(interval)

    watcher = threading.Thread(target=sample, daemon=True)
    start = time.perf_counter()
    watcher.start()
    # Drain stderr in a thread, stdout here, so neither pipe can fill up and block the child.
    err_chunks: list[bytes] = []
    assert proc.stdout is not None and proc.stderr is not None
    stderr = proc.stderr
    drain = threading.Thread(target=lambda: err_chunks.append(stderr.read()), daemon=True)
    drain.start()
    out = proc.stdout.read()
    drain.join()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    watcher.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    proc.stderr.close()
    sample_ = Sample(
        seconds,
        usage.ru_utime + usage.ru_stime,
        proc.returncode,
        usage.ru_maxrss / 1024,
        out.decode("utf-8", "replace"),
        b"".join(err_chunks).decode("utf-8", "replace"),
    )
    memory = TreeMemory(
        peak["rss"] / 1024, peak["pss"] / 1024, peak["n"], peak["samples"], usage.ru_maxrss / 1024
    )
    return sample_, memory


# ---------------------------------------------------------------------------------------------
# Data roots


def generator_stamp() -> str:
    digest = hashlib.sha256()
    for name in ("generate.py", "reference_data.py", "findings_shape.py"):
        digest.update((HERE / name).read_bytes())
    return f"seed {SEED} sha256 {digest.hexdigest()}\n"


def root_name(n: int, shape: str = "generator") -> str:
    return str(n) if shape == "generator" else f"{shape}-{n}"


def ensure_root(n: int, shape: str = "generator") -> Path:
    name = root_name(n, shape)
    target = OUT / name
    stamp = OUT / f"{name}.stamp"
    wanted = generator_stamp()
    if target.is_dir() and stamp.is_file() and stamp.read_text() == wanted:
        return target
    tmp = OUT / f".tmp-{name}"  # renamed into place only when complete and checked
    shutil.rmtree(tmp, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    # The findings shape breaks the invariants --check verifies, on purpose.
    how = ["--check"] if shape == "generator" else ["--shape", shape]
    log(f"generating {target.relative_to(PROJECT)} (generate.py {n} {' '.join(how)}) ...")
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, str(HERE / "generate.py"), str(n), str(tmp), "--seed", str(SEED), *how],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=HERE,
    )
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    stamp.write_text(wanted)
    log(f"generated {n} in {time.perf_counter() - started:.0f} s")
    return target


def yaml_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.yaml"))


# ---------------------------------------------------------------------------------------------
# Commands


def intlpolicy(*args: str) -> list[str]:
    """The console script a user runs (falls back to `python -m intlpolicy`)."""
    script = BIN / "intlpolicy"
    if script.is_file():
        return [str(script), *args]
    return [PYTHON, "-m", "intlpolicy", *args]


def bare_cmd(root: Path) -> list[str]:
    return [PYTHON, str(HERE / "bare_parse.py"), str(root)]


def validate_cmd(root: Path, cached: bool = False) -> list[str]:
    """Cold (`--no-cache`: every file parsed and validated) or with the caches."""
    cold = [] if cached else ["--no-cache"]
    return intlpolicy("validate", "--data", str(root), "--format", "json", *cold)


class OneFileChanged:
    """Changes one record file before each warm run (a comment line added, then taken away
    again), so that each warm run finds exactly one file changed since the run before it;
    leaves the file as it was."""

    def __init__(self, root: Path) -> None:
        self.path = sorted((root / "projects").glob("*.yaml"))[0]
        self.original = self.path.read_bytes()

    def change(self) -> None:
        now = self.path.read_bytes()
        changed = self.original + b"# bench\n" if now == self.original else self.original
        self.path.write_bytes(changed)

    def restore(self) -> None:
        self.path.write_bytes(self.original)


@dataclass(frozen=True)
class Findings:
    reported: bool  # validate ran and printed its JSON report
    clean: bool  # exit 0 and no errors
    note: str


def validate_findings(sample: Sample) -> Findings:
    """What a captured run of `validate --format json` found."""
    try:
        report = json.loads(sample.output)
        errors, warnings, records = report["errors"], report["warnings"], report["records"]
    except (ValueError, KeyError, TypeError):
        lines = [line for line in sample.errors.splitlines() if line.strip()]
        why = lines[-1] if lines else "no JSON report on stdout"
        return Findings(False, False, f"UNAVAILABLE: exit {sample.returncode}: {why}")
    if sample.returncode not in (0, 1):
        return Findings(False, False, f"UNAVAILABLE: exit {sample.returncode}")
    note = (
        f"exit {sample.returncode}, {records} records, {len(errors)} errors, "
        f"{len(warnings)} warnings"
    )
    if errors or warnings:
        codes = Counter(str(f.get("code")) for f in errors + warnings).most_common(3)
        note += " (top codes: " + ", ".join(f"{c} ×{k}" for c, k in codes) + ")"
    return Findings(True, sample.returncode == 0 and not errors, note)


# -- check-jsonschema ----------------------------------------------------------------------------


def cjs_executable() -> list[str] | None:
    script = BIN / "check-jsonschema"
    if script.is_file():
        return [str(script)]
    found = shutil.which("check-jsonschema")
    return [found] if found else None


def cjs_version(exe: list[str]) -> str:
    done = subprocess.run([*exe, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip().rsplit(" ", 1)[-1] or "unknown"


def export_schemas() -> Path:
    target = OUT / "schemas"
    shutil.rmtree(target, ignore_errors=True)
    done = run_once(intlpolicy("schema", "--output", str(target)), capture=True)
    if done.returncode != 0:
        raise RuntimeError(f"intlpolicy schema --output failed: {done.errors.strip()[-300:]}")
    return target


def arg_budget() -> int:
    """Bytes of argv a command may take: ARG_MAX less the environment, with half kept spare."""
    limit = os.sysconf("SC_ARG_MAX") if hasattr(os, "sysconf") else 131072
    env_bytes = sum(len(k) + len(v) + 2 + 8 for k, v in child_env().items())
    return max(32768, (limit - env_bytes) // 2)


def cjs_batches(root: Path, schemas: Path, exe: list[str], chunk: int) -> list[list[str]]:
    """One command per kind and chunk of files, paths relative to the root (the cwd)."""
    budget = arg_budget()
    by_kind: dict[str, list[str]] = {}
    for path in yaml_files(root):
        rel = path.relative_to(root).as_posix()
        by_kind.setdefault(rel.split("/", 1)[0], []).append(rel)
    batches: list[list[str]] = []
    for kind, files in by_kind.items():
        head = [*exe, "--schemafile", str(schemas / f"{SCHEMA_OF[kind]}.schema.json")]
        base = sum(len(a) + 1 + 8 for a in head)
        current: list[str] = []
        size = base
        for rel in files:
            cost = len(rel) + 1 + 8  # the string, its NUL, its argv pointer
            if current and (len(current) >= chunk or size + cost > budget):
                batches.append(head + current)
                current, size = [], base
            current.append(rel)
            size += cost
        if current:
            batches.append(head + current)
    return batches


def run_cjs(batches: list[list[str]], root: Path) -> tuple[Sample, int]:
    """All batches one after the other, as one sample (summed); also the failed batch count."""
    seconds = cpu = maxrss = 0.0
    failed = 0
    outputs: list[str] = []
    for cmd in batches:
        s = run_once(cmd, cwd=root, capture=True)
        seconds += s.seconds
        cpu += s.cpu
        maxrss = max(maxrss, s.maxrss_mib)
        if s.returncode != 0:
            failed += 1
            outputs.append((s.output + s.errors)[-2000:])
    return Sample(seconds, cpu, 1 if failed else 0, maxrss, "\n".join(outputs)), failed


# ---------------------------------------------------------------------------------------------
# Sections


@dataclass
class SizeResult:
    n: int
    records: int
    runs: int
    bare: Series
    validate: Series | None
    validate_note: str
    validate_clean: bool
    memory: TreeMemory | None
    warm: Series | None = None
    warm_memory: TreeMemory | None = None
    warm_note: str = ""
    cjs: Series | None = None
    cjs_batches: int = 0
    cjs_note: str = ""
    shape: str = "generator"

    @property
    def label(self) -> str:
        return f"{self.records:,} records" + ("" if self.shape == "generator" else ", findings")

    @property
    def ratio_target(self) -> float | None:
        below, from_10k = T_RATIO_BY_SHAPE[self.shape]
        if self.records < T_RATIO_FROM:
            return None
        return below if self.records < 10_000 else from_10k

    @property
    def warm_target(self) -> float | None:
        if self.records < T_RATIO_FROM:
            return None
        return T_WARM_RATIO[0] if self.records < 10_000 else T_WARM_RATIO[1]


def bench_size(
    n: int, runs: int, cjs: tuple[list[str], Path, int] | None, shape: str = "generator"
) -> SizeResult:
    root = ensure_root(n, shape)
    records = len(yaml_files(root))
    log(f"N={n} ({shape}): {records} files; warm-up of bare parse and validate (memory) ...")
    run_once(bare_cmd(root))  # warm the page cache
    warm, sampled = run_sampled(validate_cmd(root))
    found = validate_findings(warm)
    memory = sampled if found.reported else None
    bare = Series("bare parse")
    validate = Series("validate") if found.reported else None
    cjs_series: Series | None = None
    batches: list[list[str]] = []
    cjs_note = ""
    failed_batches = 0
    if cjs is not None:
        exe, schemas, chunk = cjs
        batches = cjs_batches(root, schemas, exe, chunk)
        cjs_series = Series("check-jsonschema")
        run_once(batches[0], cwd=root)  # warm its imports
    warm_series, warm_memory, warm_note = None, None, ""
    changing = OneFileChanged(root)
    if validate is not None:
        log(f"N={n} ({shape}): filling the caches, then one warm run (memory) ...")
        run_once(validate_cmd(root, cached=True))
        changing.change()
        warmed, warm_memory = run_sampled(validate_cmd(root, cached=True))
        same = warmed.output == warm.output and warmed.returncode == warm.returncode
        warm_note = "output identical to cold" if same else "OUTPUT DIFFERS FROM COLD"
        warm_series = Series("validate, warm")
    for i in range(runs):
        log(f"N={n}: run {i + 1}/{runs}")
        bare.samples.append(run_once(bare_cmd(root)))
        if validate is not None and warm_series is not None:
            validate.samples.append(run_once(validate_cmd(root)))
            changing.change()
            warm_series.samples.append(run_once(validate_cmd(root, cached=True)))
        if cjs_series is not None:
            sample, failed = run_cjs(batches, root)
            cjs_series.samples.append(sample)
            failed_batches = max(failed_batches, failed)
            if failed and not cjs_note:
                cjs_note = (
                    f"{failed} of {len(batches)} batches reported failures: "
                    + (sample.output.strip().splitlines() or ["?"])[-1][:200]
                )
    changing.restore()
    bare.check()
    if validate is not None:
        validate.check((0, 1))
    if warm_series is not None:
        warm_series.check((0, 1))
    if cjs_series is not None and not cjs_note:
        cjs_note = f"all {len(batches)} batches passed (`ok -- validation done`)"
    return SizeResult(
        n,
        records,
        runs,
        bare,
        validate,
        found.note,
        found.clean,
        memory,
        warm_series,
        warm_memory,
        warm_note,
        cjs_series,
        len(batches),
        cjs_note,
        shape,
    )


@dataclass
class StartupResult:
    series: dict[str, Series]
    route_note: str


DAILY_COLD = "`intlpolicy validate --no-cache` (daily run on data/, cold)"
DAILY_HIT = "`intlpolicy validate` (daily run on data/, whole-run cache hit)"


def bench_startup(runs: int) -> StartupResult:
    floor = [PYTHON, str(HERE / "typer_floor.py"), "--help"]
    commands: dict[str, tuple[list[str], dict[str, str]]] = {
        "`python -c pass`": ([PYTHON, "-c", "pass"], {}),
        "typer floor, rich help": (floor, {}),
        "typer floor, plain help": (floor, {"TYPER_FLOOR_PLAIN": "1"}),
        "`intlpolicy --help`": (intlpolicy("--help"), {}),
        "`intlpolicy route-project green-transitions --data data`": (
            intlpolicy("route-project", "green-transitions", "--data", "data"),
            {},
        ),
        "`python -c 'import yaml'`": ([PYTHON, "-c", "import yaml"], {}),
        DAILY_COLD: (intlpolicy("validate", "--no-cache"), {}),
        DAILY_HIT: (intlpolicy("validate"), {}),
    }
    for label, (cmd, extra) in commands.items():
        warm = run_once(cmd, extra, capture=True)  # untimed warm-up
        if warm.returncode != 0:
            raise RuntimeError(f"{label} exited {warm.returncode}: {warm.errors[-300:]}")
    series = {label: Series(label) for label in commands}
    log(f"start-up: {runs} interleaved runs of {len(commands)} commands")
    for _ in range(runs):
        for label, (cmd, extra) in commands.items():
            series[label].samples.append(run_once(cmd, extra))
    for s in series.values():
        s.check()
    route = run_once(
        commands["`intlpolicy route-project green-transitions --data data`"][0], capture=True
    )
    way = next(
        (ln.split(":", 1)[1].strip() for ln in route.output.splitlines() if ln.startswith("Väg:")),
        "?",
    )
    return StartupResult(series, f"route-project answered: {way}")


@dataclass
class ReportResult:
    n: int
    runs: int
    validate: Series
    markdown: Series
    html: Series
    pdf: Series
    notes: list[str]


def bench_report(n: int, runs: int) -> ReportResult:
    root = ensure_root(n)
    commands = {
        "validate": validate_cmd(root),
        "markdown": intlpolicy("annual-report", "--year", "2024", "--data", str(root)),
        "html": intlpolicy(
            "annual-report", "--year", "2024", "--data", str(root), "--format", "html"
        ),
        # The same HTML printed by WeasyPrint (pip install -e '.[pdf]'), to stdout (a pipe).
        "pdf": intlpolicy(
            "annual-report", "--year", "2024", "--data", str(root), "--format", "pdf"
        ),
    }
    notes = []
    for label, cmd in commands.items():
        warm = run_once(cmd, capture=True)
        if label == "validate":
            found = validate_findings(warm)
            notes.append(f"validate: {found.note}")
            if not found.clean:
                raise RuntimeError(f"the {n} root does not validate cleanly: {found.note}")
            continue
        expect = {"html": "<html", "pdf": "%PDF-"}.get(label, "# Redovisning")
        if warm.returncode != 0 or expect not in warm.output[:5000]:
            raise RuntimeError(f"annual-report ({label}) did not render: {warm.errors[-500:]}")
        notes.append(f"annual-report {label}: exit 0, {len(warm.output.encode()):,} bytes")
    series = {label: Series(label) for label in commands}
    log(f"annual-report on N={n}: {runs} interleaved runs")
    for _ in range(runs):
        for label, cmd in commands.items():
            series[label].samples.append(run_once(cmd))
    for s in series.values():
        s.check()
    return ReportResult(
        n, runs, series["validate"], series["markdown"], series["html"], series["pdf"], notes
    )


# ---------------------------------------------------------------------------------------------
# Output


def met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**NOT met**")


def f3(x: float) -> str:
    return f"{x:.3f}"


def _target(target: float | None) -> str:
    return "(info)" if target is None else f"≤ {target} (issue 14)"


def summary_table(
    sizes: list[SizeResult], startup: StartupResult | None, report: ReportResult | None
) -> str:
    rows: list[tuple[str, str, str, str]] = []
    for r in sizes:
        if r.validate is None:
            rows.append(
                (f"validate / bare parse, {r.label}", "n/a", _target(r.ratio_target), "n/a")
            )
            continue
        ratio = r.validate.seconds / r.bare.seconds
        rows.append(
            (
                f"1. validate / bare parse, {r.label} (wall, median of {r.runs})",
                f"{ratio:.2f} ({r.validate.seconds:.2f} s / {r.bare.seconds:.2f} s)",
                _target(r.ratio_target),
                "—" if r.ratio_target is None else met(ratio <= r.ratio_target),
            )
        )
    for r in sizes:
        if r.warm is None:
            continue
        ratio = r.warm.seconds / r.bare.seconds
        rows.append(
            (
                f"1. validate warm (one file changed) / bare parse, {r.label} "
                f"(median of {r.runs}; {r.warm_note})",
                f"{ratio:.2f} ({r.warm.seconds:.2f} s / {r.bare.seconds:.2f} s)",
                _target(r.warm_target),
                "—"
                if r.warm_target is None
                else met(ratio <= r.warm_target and r.warm_note.startswith("output identical")),
            )
        )
    for prev, r in itertools.pairwise(sizes):
        if prev.validate is None or r.validate is None or prev.shape != r.shape:
            continue
        grow = r.records / prev.records
        t = r.validate.seconds / prev.validate.seconds
        per10 = t * 10 / grow  # time growth scaled to exactly 10× records
        rows.append(
            (
                f"1. growth of validate time, {prev.label} → {r.label} (×{grow:g})",
                f"×{t:.2f}" + ("" if abs(grow - 10) < 1e-9 else f" (×{per10:.2f} per 10×)"),
                f"≤ ×{T_GROWTH_PER_10X:g} per 10× records",
                met(per10 <= T_GROWTH_PER_10X),
            )
        )
    measured = [
        (size, how, m)
        for size in sizes
        for how, m in (("cold", size.memory), ("warm", size.warm_memory))
        if m is not None
    ]
    for r, how, m in measured:
        worst = max(m.rss_sum_mib, m.kernel_max_mib)
        limit = T_PEAK_MIB if r.records >= 100_000 else T_PEAK_10K_MIB
        judged = r.records >= 10_000
        rows.append(
            (
                f"1. peak memory of validate + workers, {how}, {r.label} "
                f"(Σ RSS / Σ PSS sampled; largest process)",
                f"{m.rss_sum_mib:.0f} / {m.pss_sum_mib:.0f} MiB; {m.kernel_max_mib:.0f} MiB",
                f"≤ {limit:.0f} MiB" if judged else "(info)",
                met(worst <= limit) if judged else "—",
            )
        )
    for r in sizes:
        if r.cjs is None:
            continue
        if r.validate is not None:
            ratio = r.validate.seconds / r.cjs.seconds
            rows.append(
                (
                    f"2. validate / check-jsonschema, {r.label}",
                    f"{ratio:.3f} (1/{1 / ratio:.0f}; {r.validate.seconds:.2f} s / "
                    f"{r.cjs.seconds:.1f} s)",
                    f"≤ {T_VALIDATE_VS_CJS} (1/10)",
                    met(ratio <= T_VALIDATE_VS_CJS),
                )
            )
        rows.append(
            (
                f"2. check-jsonschema / bare parse, {r.label}",
                f"{r.cjs.seconds / r.bare.seconds:.1f}",
                "(info)",
                "—",
            )
        )
    if startup is not None:
        s = startup.series
        help_ = s["`intlpolicy --help`"].seconds
        floor = s["typer floor, plain help"].seconds
        route = s["`intlpolicy route-project green-transitions --data data`"].seconds
        n_runs = len(s["`intlpolicy --help`"].samples)
        rows.append(
            (
                f"3. `intlpolicy --help` / plain typer floor (median of {n_runs})",
                f"{help_ / floor:.2f} ({help_ * 1000:.0f} ms / {floor * 1000:.0f} ms)",
                f"≤ {T_HELP_VS_FLOOR}",
                met(help_ / floor <= T_HELP_VS_FLOOR),
            )
        )
        rows.append(
            (
                f"3. `route-project green-transitions` on the embedded data (median of {n_runs})",
                f"{route * 1000:.0f} ms",
                f"well under {T_ROUTE_SECONDS} s",
                met(route < T_ROUTE_SECONDS),
            )
        )
        for label, target in ((DAILY_COLD, T_DAILY_COLD_SECONDS), (DAILY_HIT, T_DAILY_HIT_SECONDS)):
            took = s[label].seconds
            rows.append(
                (
                    f"3. {label} (median of {n_runs})",
                    f"{took * 1000:.0f} ms",
                    f"≤ {target * 1000:.0f} ms (issue 14)",
                    met(took <= target),
                )
            )
    if report is not None:
        v = report.validate.seconds
        for label, series in (("markdown", report.markdown), ("html", report.html)):
            rows.append(
                (
                    f"4. annual-report --year 2024 ({label}) / validate, {report.n:,} records "
                    f"(median of {report.runs})",
                    f"{series.seconds / v:.2f} ({series.seconds:.2f} s / {v:.2f} s)",
                    f"≤ {T_REPORT_VS_VALIDATE}",
                    met(series.seconds / v <= T_REPORT_VS_VALIDATE),
                )
            )
        pdf, html = report.pdf.seconds, report.html.seconds
        rows.append(
            (
                f"4. annual-report --year 2024 (pdf) / (html), {report.n:,} records "
                f"(median of {report.runs})",
                f"{pdf / html:.2f} ({pdf:.2f} s / {html:.2f} s)",
                f"≤ {T_PDF_VS_HTML}",
                met(pdf / html <= T_PDF_VS_HTML),
            )
        )
    lines = ["| figure | measured | target | |", "| --- | ---: | --- | --- |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def scale_table(sizes: list[SizeResult]) -> str:
    lines = [
        "| shape | records | runs | bare s | validate cold s | cold / bare | validate warm s "
        "| warm / bare | bare CPU s | cold CPU s | warm CPU s | check-jsonschema s "
        "| check-jsonschema CPU s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    for r in sizes:
        v, c, w = r.validate, r.cjs, r.warm
        lines.append(
            "| "
            + " | ".join(
                [
                    r.shape,
                    f"{r.records:,}",
                    str(r.runs),
                    f3(r.bare.seconds),
                    f3(v.seconds) if v else "n/a",
                    f"{v.seconds / r.bare.seconds:.2f}" if v else "n/a",
                    f3(w.seconds) if w else "n/a",
                    f"{w.seconds / r.bare.seconds:.2f}" if w else "n/a",
                    f"{r.bare.cpu:.2f}",
                    f"{v.cpu:.2f}" if v else "n/a",
                    f"{w.cpu:.2f}" if w else "n/a",
                    f"{c.seconds:.1f}" if c else "—",
                    f"{c.cpu:.1f}" if c else "—",
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def memory_table(sizes: list[SizeResult]) -> str:
    lines = [
        "| shape | records | run | Σ RSS peak MiB | Σ PSS peak MiB | largest process MiB "
        "(kernel) | processes | samples | bare parse MiB (kernel) |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in sizes:
        for how, m in (("cold", r.memory), ("warm", r.warm_memory)):
            if m is None:
                continue
            lines.append(
                f"| {r.shape} | {r.records:,} | {how} | {m.rss_sum_mib:.0f} | "
                f"{m.pss_sum_mib:.0f} | "
                f"{m.kernel_max_mib:.0f} | {m.processes} | {m.samples} | "
                f"{r.bare.maxrss_mib:.0f} |"
            )
    return "\n".join(lines)


def startup_table(result: StartupResult) -> str:
    lines = ["| command | median ms | min ms |", "| --- | ---: | ---: |"]
    for label, s in result.series.items():
        lines.append(
            f"| {label} | {s.seconds * 1000:.0f} | {min(x.seconds for x in s.samples) * 1000:.0f} |"
        )
    return "\n".join(lines)


def report_table(result: ReportResult) -> str:
    lines = [
        "| command | median s | CPU s | peak MiB (largest process) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, s in (
        ("validate --format json", result.validate),
        ("annual-report --year 2024", result.markdown),
        ("annual-report --year 2024 --format html", result.html),
        ("annual-report --year 2024 --format pdf", result.pdf),
    ):
        lines.append(f"| `{label}` | {s.seconds:.3f} | {s.cpu:.2f} | {s.maxrss_mib:.0f} |")
    return "\n".join(lines)


def machine() -> str:
    import yaml

    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kib = _kib("/proc/meminfo", b"MemTotal:")
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "-C", str(PROJECT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    libyaml = "libyaml" if getattr(yaml, "__with_libyaml__", False) else "NO libyaml"
    return (
        f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}, {ram} RAM, "
        f"{platform.system()} {platform.release()} {platform.machine()}; "
        f"Python {platform.python_version()}, PyYAML {yaml.__version__} ({libyaml}); "
        f"checkout {commit}"
    )


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat), and ours."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """This script and every child it has reaped."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def parse_sizes(text: str) -> list[int]:
    return sorted({int(p) for p in re.split(r"[,\s]+", text) if p.strip()})


def parse_sections(text: str) -> list[str]:
    chosen = [p.strip() for p in text.split(",") if p.strip()]
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown section(s) {sorted(unknown)}; pick from {SECTIONS}"
        )
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=[1000, 10000, 100000],
        help="record counts for scale (default 1000,10000,100000)",
    )
    parser.add_argument(
        "--shapes",
        type=lambda text: [s for s in text.split(",") if s],
        default=list(SHAPES),
        help="data shapes for scale (default generator,findings; findings: generate.py "
        "--shape findings, most files carry warnings)",
    )
    parser.add_argument("--runs", type=int, default=3, help="timed runs per command (median)")
    parser.add_argument(
        "--large-from",
        type=int,
        default=100_000,
        help="sizes from this many records get --large-runs runs",
    )
    parser.add_argument(
        "--large-runs", type=int, default=None, help="timed runs at large sizes (default: --runs)"
    )
    parser.add_argument(
        "--cjs-sizes",
        type=parse_sizes,
        default=[1000, 10000],
        help="sizes that also run check-jsonschema (default 1000,10000; "
        "each 10 000 records take ~80 s per run)",
    )
    parser.add_argument(
        "--cjs-chunk",
        type=int,
        default=2000,
        help="files per check-jsonschema command (default 2000)",
    )
    parser.add_argument("--startup-runs", type=int, default=10)
    parser.add_argument(
        "--report-size",
        type=int,
        default=10000,
        help="the root annual-report is timed on (default 10000)",
    )
    parser.add_argument(
        "--only",
        type=parse_sections,
        default=list(SECTIONS),
        help=f"comma-separated sections (default all: {','.join(SECTIONS)})",
    )
    parser.add_argument(
        "--markdown",
        type=lambda text: Path(text) if text else None,
        default=OUT / "figures.md",
        help="also write the tables here (default benchmarks/out/figures.md)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or (args.large_runs is not None and args.large_runs < 1):
        parser.error("runs must be at least 1")
    large_runs = args.large_runs or args.runs

    started = time.perf_counter()
    busy_before, own_before, load_before = busy_cpu_seconds(), own_cpu_seconds(), os.getloadavg()
    given = sys.argv[1:] if argv is None else argv
    command = shlex.join(["python", "benchmarks/bench_all.py", *given])
    sizes: list[SizeResult] = []
    startup: StartupResult | None = None
    report: ReportResult | None = None
    cjs_info = ""
    if "scale" in args.only or "cjs" in args.only:
        cjs_setup = None
        if "cjs" in args.only and args.cjs_sizes:
            exe = cjs_executable()
            if exe is None:
                cjs_info = (
                    "check-jsonschema not installed: "
                    "`.venv/bin/pip install -e '.[bench]'` (or `pip install check-jsonschema`)"
                )
                log(cjs_info)
            else:
                cjs_setup = (exe, export_schemas(), args.cjs_chunk)
                cjs_info = (
                    f"check-jsonschema {cjs_version(exe)}, schemas from "
                    f"`intlpolicy schema --output`, ≤ {args.cjs_chunk} files per command"
                )
        wanted = args.sizes if "scale" in args.only else args.cjs_sizes
        shapes = args.shapes if "scale" in args.only else ["generator"]
        for shape in shapes:
            for n in wanted:
                runs = large_runs if n >= args.large_from else args.runs
                cjs_here = cjs_setup and n in args.cjs_sizes and shape == "generator"
                sizes.append(bench_size(n, runs, cjs_setup if cjs_here else None, shape))
    if "startup" in args.only:
        startup = bench_startup(args.startup_runs)
    if "report" in args.only:
        report = bench_report(args.report_size, args.runs)
    elapsed = time.perf_counter() - started
    others = (busy_cpu_seconds() - busy_before) - (own_cpu_seconds() - own_before)
    load_after = os.getloadavg()

    parts = [
        f"Machine: {machine()}.",
        f"Command: `{command.strip()}` ({elapsed / 60:.1f} min).",
        f"Other load: processes not started by this command used {max(0.0, others):.0f} "
        f"CPU-seconds during it ({max(0.0, others) / elapsed:.0%} of one core on average; "
        f"load average {load_before[0]:.2f} at the start, {load_after[0]:.2f} at the end). "
        "Near 0 % means the figures are undisturbed.",
        "",
        summary_table(sizes, startup, report),
    ]
    if sizes:
        parts += [
            "",
            "Validate and its floors (wall-clock medians; CPU is user+system of the process and "
            "the workers it forked and reaped):",
            "",
            scale_table(sizes),
            "",
        ]
        parts += [
            f"- {r.label}: validate {r.validate_note}"
            + (f"; check-jsonschema: {r.cjs_note}" if r.cjs else "")
            for r in sizes
        ]
        if cjs_info:
            parts += [f"- {cjs_info}"]
        parts += [
            "",
            "Peak memory of `validate` (one warm-up run, /proc sampled every 20 ms): Σ RSS adds "
            "the resident set of the parent and each forked worker, so pages the workers still "
            "share with the parent copy-on-write count once per process (an upper bound); Σ PSS "
            "splits shared pages between the sharers (the tree's real footprint); the kernel "
            "figure is ru_maxrss from wait4, the largest single process of the tree (what "
            "`/usr/bin/time -v` reports), exact but never a sum. The target is judged on the "
            "larger of Σ RSS and the kernel figure.",
            "",
            memory_table(sizes),
        ]
    if startup is not None:
        parts += ["", f"Start-up ({startup.route_note}):", "", startup_table(startup)]
    if report is not None:
        parts += [
            "",
            f"annual-report on {report.n:,} records ({'; '.join(report.notes)}):",
            "",
            report_table(report),
        ]
    text = "\n".join(parts) + "\n"
    print(text)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(text, encoding="utf-8")
        log(f"tables written to {args.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
