"""Ctrl-C soak: interrupt `intlpolicy validate` on a large data root many times.

    .venv/bin/python benchmarks/ctrl_c_soak.py [--records 30000] [--runs 50] [--limit 2.0]

Each run starts `intlpolicy validate --data ROOT --no-cache` in its own process group (as a terminal
job), waits until its worker processes parse (plus a varying delay, so the interruption lands
at different moments), and sends SIGINT to the whole group, as a terminal's Ctrl-C does. A
run passes when the command exits 130 within `--limit` seconds and no process of its group is
left. The data root is benchmarks/out/N/, written by generate.py if missing. Prints one line
per failure and a summary; exits 1 if any run failed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "out"


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def one_run(root: Path, delay: float, limit: float) -> tuple[bool, str, float]:
    env = {**os.environ, "INTLPOLICY_TODAY": "2026-11-26"}
    env.pop("INTLPOLICY_DEBUG", None)
    process = subprocess.Popen(
        # --no-cache: every run parses in the pool (a stored result would end at once)
        [sys.executable, "-m", "intlpolicy", "validate", "--data", str(root), "--no-cache"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not _children(process.pid) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    if process.poll() is not None:
        return False, f"ended before it was interrupted (exit {process.returncode})", 0.0
    time.sleep(delay)
    sent = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    try:
        _, err = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return False, f"still running {limit} s after Ctrl-C", time.monotonic() - sent
    took = time.monotonic() - sent
    time.sleep(0.05)
    if _group_alive(process.pid):
        os.killpg(process.pid, signal.SIGKILL)
        return False, "a process of its group outlived it", took
    text = err.decode("utf-8", errors="replace")
    if process.returncode != 130 or "Traceback" in text:
        return False, f"exit {process.returncode}: {text[-300:]}", took
    return True, "", took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=30000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds to exit after SIGINT")
    args = parser.parse_args(argv)
    # Started in the background by a shell, this process ignores SIGINT, and the commands it
    # starts would inherit that; a handler of its own is reset to the default in them.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    root = OUT / str(args.records)
    if not root.is_dir():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(args.records), str(root)], check=True
        )
    files = sum(1 for _ in root.rglob("*.yaml"))
    failures = 0
    slowest = 0.0
    for run in range(args.runs):
        delay = 0.05 + 0.1 * (run % 20)  # 0.05 s to 2 s into the parse
        ok, why, took = one_run(root, delay, args.limit)
        slowest = max(slowest, took)
        if not ok:
            failures += 1
            print(f"run {run + 1}: FAILED: {why}", flush=True)
    print(
        f"{args.runs} runs on {files} files: {args.runs - failures} exited 130 within "
        f"{args.limit} s with no process left, {failures} failed; slowest exit {slowest:.2f} s"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
