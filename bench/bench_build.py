#!/usr/bin/env python3
"""Benchmark ``tvf build`` on the bundled handbook and on a large synthetic handbook.

Not a test: a standalone script for the lead and for profiling. It times the installed
``tvf build`` as a subprocess (wall-clock and CPU time of the process and its workers, with
Python start-up and imports), side by side with the floor (``floor.py``: one process that reads
every file and parses its front matter with libyaml's C loader) **in the same rounds**, so a
machine loaded by others moves both; it prints the load average before and after:

- the bundled handbook (``handbook/``), the same four ways as below, against
  ``python -c pass`` (its README and templates are no documents ``floor.py`` could read);
- a synthetic handbook of N documents (default 10,000, written by ``bench_check.generate``,
  or a copy of an existing one given with ``--handbook``): a first build into an empty folder
  with an empty cache (*cold*: neither the site nor ``tvf check``'s cache), a first build into an
  empty folder with the check's cache filled (a site built anew after ``tvf check`` ran), a
  rebuild where nothing changed, and a rebuild after one document changed.

Each round runs every scenario once, then the floor; ``--repeat`` rounds. With ``--baseline``
another ``tvf`` (say, ``main``'s, installed in another virtualenv) runs the same scenarios in
the same rounds, right after this one, on the same handbook, into its own output folders. The
script prints, per scenario, the minimum and median seconds, the median ratio to the floor of
the same round, the median CPU seconds (user + system of the command and its workers, from
``os.wait4``), the largest maximum RSS, how many files each build wrote, and the floor's median
seconds and CPU. Every build must exit 0; when one does not, the script prints its output and
exits 1. The check's cache lives in a temporary ``XDG_CACHE_HOME``, never the user's.

    python bench/bench_build.py                          # 10,000 documents, 3 rounds
    python bench/bench_build.py --docs 2000 --repeat 5
    python bench/bench_build.py --handbook /tmp/hb10k    # an existing handbook
    python bench/bench_build.py --jobs 1                 # one process
    python bench/bench_build.py --baseline /tmp/venv-main/bin/tvf   # side by side with main

Only the standard library is used (and ``bench_check.py`` beside this file).
"""

from __future__ import annotations

import argparse
import itertools
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
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import find_tvf, generate

BUNDLED = Path(__file__).resolve().parents[1] / "handbook"
TODAY = "2026-11-25"
_EDITS = itertools.count(1)  # the «ett dokument endret» scenarios' edits, all different
WRITTEN_RE = re.compile(r": (\d+) fil(?:er)? (?:ville blitt )?skrevet")  # «1 fil skrevet» too


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """Run ``cmd``; its wall-clock seconds, CPU seconds (user + system, with its workers), its
    maximum resident set size in MB (the largest of the process and its workers) and its
    output. Exits the script when it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)  # this command's own usage, with its workers
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    rss = usage.ru_maxrss / 1024  # KB on Linux
    if proc.returncode != 0:
        print(f"FEIL: {' '.join(cmd)} (exit-status {proc.returncode})", file=sys.stderr)
        print(stdout[-3000:], stderr[-3000:], sep="\n", file=sys.stderr)
        sys.exit(1)
    return seconds, cpu, rss, stdout


@dataclass
class Scenario:
    label: str
    prepare: Callable[[], None]
    cmd: list[str]
    floor: list[str]
    times: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    floor_times: list[float] = field(default_factory=list)
    floor_cpus: list[float] = field(default_factory=list)
    written: int = -1


def scenarios(
    tvf: str,
    handbook: Path,
    out: Path,
    cache: Path,
    jobs: int | None,
    name: str,
    *,
    floor: list[str] | None = None,
) -> list[Scenario]:
    cmd = [tvf, "build", "--handbook", str(handbook), "--out", str(out), "--today", TODAY]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    if floor is None:
        floor = [sys.executable, str(Path(__file__).resolve().parent / "floor.py"), str(handbook)]
    target = next(p for p in sorted(handbook.rglob("*.md")) if p.name != "README.md")
    original = target.read_bytes()

    def cold() -> None:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)

    def fresh() -> None:
        shutil.rmtree(out, ignore_errors=True)

    def nothing() -> None:
        pass

    def touch_one() -> None:  # a new text every time, also when two tvfs share the handbook
        target.write_bytes(original + f"\nEndring {next(_EDITS)}.\n".encode())

    return [
        Scenario(f"{name}: første bygg, kald", cold, cmd, floor),
        Scenario(f"{name}: første bygg, sjekk-buffer fylt", fresh, cmd, floor),
        Scenario(f"{name}: uendret", nothing, cmd, floor),
        Scenario(f"{name}: ett dokument endret", touch_one, cmd, floor),
    ]


def run_rounds(groups: list[list[Scenario]], repeat: int, env: dict[str, str]) -> None:
    """Each round: every scenario in order, then the floor of its handbook once."""
    for _ in range(repeat):
        for group in groups:
            floor_seconds, floor_cpu, _rss, _out = timed(group[0].floor, env)
            for scenario in group:
                scenario.prepare()
                seconds, cpu, rss, stdout = timed(scenario.cmd, env)
                scenario.times.append(seconds)
                scenario.cpus.append(cpu)
                scenario.rss.append(rss)
                scenario.ratios.append(seconds / floor_seconds)
                match = WRITTEN_RE.search(stdout)
                scenario.written = int(match.group(1)) if match else -1
            again, again_cpu, _rss, _out = timed(group[0].floor, env)
            for scenario in group:  # against the better of the floors around the round
                scenario.ratios[-1] = scenario.times[-1] / min(floor_seconds, again)
                scenario.floor_times.append(min(floor_seconds, again))
                scenario.floor_cpus.append(min(floor_cpu, again_cpu))


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=10_000, help="antall dokumenter (10000)")
    parser.add_argument("--repeat", type=int, default=3, help="antall runder (3)")
    parser.add_argument("--handbook", type=Path, help="bruk denne håndboka i stedet for å lage en")
    parser.add_argument("--jobs", type=int, help="sendes videre som tvf build --jobs")
    parser.add_argument("--tvf", help="sti til tvf (standard: ved siden av python, så PATH)")
    parser.add_argument(
        "--baseline", help="en annen tvf (f.eks. mains) som kjøres i de samme rundene"
    )
    args = parser.parse_args(argv)
    if args.docs < 1 or args.repeat < 1:
        parser.error("--docs og --repeat må være minst 1")

    tvf = find_tvf(args.tvf)
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="tvf-bench-build-") as tmp:
        work = Path(tmp)
        cache = work / "cache"
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        bundled = work / "bundled"
        shutil.copytree(BUNDLED, bundled)  # the touched document must not be the real one
        versions = [(tvf, "")] + ([(args.baseline, " (grunnlinje)")] if args.baseline else [])
        groups = [
            scenarios(
                command,
                bundled,
                work / f"site-bundled{n}",
                cache,
                args.jobs,
                f"medfølgende håndbok{suffix}",
                floor=[sys.executable, "-c", "pass"],  # floor.py reads only generated handbooks
            )
            for n, (command, suffix) in enumerate(versions)
        ]
        if args.handbook is not None:  # copied: the script changes a document of it
            big = work / "given"
            shutil.copytree(args.handbook, big)
            docs = sum(1 for _ in big.rglob("*.md"))
        else:
            big, docs = work / "synthetic", args.docs
            start = time.perf_counter()
            generate(big, args.docs)
            print(f"Skrev {args.docs} dokumenter på {time.perf_counter() - start:.2f} s")
        groups.extend(
            scenarios(
                command, big, work / f"site-big{n}", cache, args.jobs, f"{docs} dokumenter{suffix}"
            )
            for n, (command, suffix) in enumerate(versions)
        )
        run_rounds(groups, args.repeat, env)

    print()
    print(f"maskin:     {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPU-er")
    print(f"python:     {platform.python_implementation()} {platform.python_version()}")
    print(f"tvf:        {tvf}{'' if args.jobs is None else f' --jobs {args.jobs}'}")
    if args.baseline:
        print(f"grunnlinje: {args.baseline}")
    print(f"runder:     {args.repeat}")
    print(f"load:       før {load_before}, etter {load_average()} (1, 5, 15 min)")
    for group in groups:
        print(
            f"{'gulvet (' + group[0].label.split(':')[0] + '):':<56} median "
            f"{statistics.median(group[0].floor_times):7.3f} s, "
            f"CPU {statistics.median(group[0].floor_cpus):6.2f} s"
        )
        for sc in group:
            print(
                f"{sc.label + ':':<56} min {min(sc.times):7.3f} s, median "
                f"{statistics.median(sc.times):7.3f} s, {statistics.median(sc.ratios):6.2f} × "
                f"gulvet, CPU {statistics.median(sc.cpus):6.2f} s, maks RSS "
                f"{max(sc.rss):5.0f} MB  ({sc.written} filer skrevet)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
