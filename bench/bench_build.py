#!/usr/bin/env python3
"""Benchmark ``tvf build`` on the bundled handbook and on a large synthetic handbook.

Not a test: a standalone script for the lead and for profiling. It times the installed
``tvf build`` as a subprocess (wall-clock, with Python start-up and imports):

- the bundled handbook (``handbook/``): a first build into an empty folder, and a rebuild
  where nothing changed;
- a synthetic handbook of N documents (default 10,000, written by ``bench_check.generate``,
  or a copy of an existing one given with ``--handbook``): a first build, a rebuild where
  nothing changed, and a rebuild after one document changed.

Each is run ``--repeat`` times; the script prints the minimum and median seconds and how many
files each build wrote. Every build must exit 0; when one does not, the script prints its
output and exits 1.

    python bench/bench_build.py                          # 10,000 documents, 3 runs each
    python bench/bench_build.py --docs 2000 --repeat 5
    python bench/bench_build.py --handbook /tmp/hb10k    # an existing handbook
    python bench/bench_build.py --jobs 1                 # one process

Only the standard library is used (and ``bench_check.py`` beside this file).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import find_tvf, generate

BUNDLED = Path(__file__).resolve().parents[1] / "handbook"
TODAY = "2026-11-25"
WRITTEN_RE = re.compile(r": (\d+) filer (?:ville blitt )?skrevet")


def build(tvf: str, handbook: Path, out: Path, jobs: int | None) -> tuple[float, int]:
    """Run one ``tvf build``; return its wall-clock seconds and how many files it wrote."""
    cmd = [tvf, "build", "--handbook", str(handbook), "--out", str(out), "--today", TODAY]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(f"FEIL: {' '.join(cmd)} (exit-status {done.returncode})", file=sys.stderr)
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
        sys.exit(1)
    match = WRITTEN_RE.search(done.stdout)
    return seconds, int(match.group(1)) if match else -1


def measure(
    label: str, repeat: int, prepare: Callable[[], None], run: Callable[[], tuple[float, int]]
) -> tuple[str, list[float], int]:
    times: list[float] = []
    written = 0
    for _ in range(repeat):
        prepare()
        seconds, written = run()
        times.append(seconds)
    return label, times, written


def scenarios(
    tvf: str, handbook: Path, out: Path, repeat: int, jobs: int | None, name: str
) -> list[tuple[str, list[float], int]]:
    def fresh() -> None:
        shutil.rmtree(out, ignore_errors=True)

    def nothing() -> None:
        pass

    target = next(p for p in sorted(handbook.rglob("*.md")) if p.name != "README.md")
    original = target.read_bytes()
    counter = [0]

    def touch_one() -> None:
        counter[0] += 1
        target.write_bytes(original + f"\nEndring {counter[0]}.\n".encode())

    def run() -> tuple[float, int]:
        return build(tvf, handbook, out, jobs)

    results = [measure(f"{name}: første bygg", repeat, fresh, run)]
    results.append(measure(f"{name}: uendret", repeat, nothing, run))
    try:
        results.append(measure(f"{name}: ett dokument endret", repeat, touch_one, run))
    finally:
        target.write_bytes(original)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=10_000, help="antall dokumenter (10000)")
    parser.add_argument("--repeat", type=int, default=3, help="antall kjøringer av hver (3)")
    parser.add_argument("--handbook", type=Path, help="bruk denne håndboka i stedet for å lage en")
    parser.add_argument("--jobs", type=int, help="sendes videre som tvf build --jobs")
    parser.add_argument("--tvf", help="sti til tvf (standard: ved siden av python, så PATH)")
    args = parser.parse_args(argv)
    if args.docs < 1 or args.repeat < 1:
        parser.error("--docs og --repeat må være minst 1")

    tvf = find_tvf(args.tvf)
    results: list[tuple[str, list[float], int]] = []
    with tempfile.TemporaryDirectory(prefix="tvf-bench-build-") as tmp:
        work = Path(tmp)
        bundled = work / "bundled"
        shutil.copytree(BUNDLED, bundled)  # the touched document must not be the real one
        results += scenarios(
            tvf, bundled, work / "site-bundled", args.repeat, args.jobs, "medfølgende håndbok"
        )
        if args.handbook is not None:  # copied: the script changes a document of it
            big = work / "given"
            shutil.copytree(args.handbook, big)
            docs = sum(1 for _ in big.rglob("*.md"))
        else:
            big, docs = work / "synthetic", args.docs
            start = time.perf_counter()
            generate(big, args.docs)
            print(f"Skrev {args.docs} dokumenter på {time.perf_counter() - start:.2f} s")
        results += scenarios(
            tvf, big, work / "site-big", args.repeat, args.jobs, f"{docs} dokumenter"
        )

    print()
    print(f"maskin:     {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPU-er")
    print(f"python:     {platform.python_implementation()} {platform.python_version()}")
    print(f"tvf:        {tvf}{'' if args.jobs is None else f' --jobs {args.jobs}'}")
    print(f"kjøringer:  {args.repeat}")
    for label, times, written in results:
        print(
            f"{label + ':':<40} min {min(times):7.3f} s, median "
            f"{statistics.median(times):7.3f} s  ({written} filer skrevet)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
