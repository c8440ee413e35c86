#!/usr/bin/env python3
"""The speed guard: ``tvf check`` measured against its floors in the same run, failing loudly
when a ratio has grown by more than 20 % over the one recorded in ``bench/guard.json``.

Every figure is a ratio to a floor measured in the same rounds, so a busy or slow machine
moves both: ``tvf check`` cold (``--no-cache``), warm (nothing changed) and with one file
changed, against ``bench/floor.py`` (one process: read every file, libyaml's C loader,
resolve IDs and references); ``tvf check`` on the bundled handbook and ``tvf --help``
against ``python -c pass``. Each round runs every command once, in turn; the times shown are
the medians of the rounds, and the ratio guarded is that of the fastest rounds (noise only adds
time). Peak memory (RSS) of each command is printed too.

    python bench/bench_guard.py --light          # CI: 1,000 documents, 5 rounds, no RSS
    python bench/bench_guard.py                   # 10,000 documents
    python bench/bench_guard.py --docs 50000 --repeat 3 --no-guard
    python bench/bench_guard.py --light --record  # write the ratios of this run to guard.json
    python bench/bench_guard.py --no-build --no-guard   # tvf check only, 10,000 documents

``tvf build`` is guarded too, against the same floor: a first build into an empty folder
(``build_cold``) and a build after one document changed (``build_one_changed``, incremental).

Exit status 1 when a ratio regressed (or a run failed), 0 otherwise.
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
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_check import find_tvf, generate  # noqa: E402

GUARD_FILE = HERE / "guard.json"
ROOT = HERE.parent
TOLERANCE = 1.20


def run(cmd: Sequence[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Wall-clock seconds, peak RSS in KB (the largest process) and stdout of ``cmd``; the CPU
    seconds it used (user and system, with its worker processes) are added to :data:`CPU`."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(
            f"FEIL: {' '.join(cmd)} ga exit-status {proc.returncode}\n"
            f"{out.decode()[-2000:]}{err.decode()[-2000:]}"
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return seconds, after.ru_maxrss, out.decode()  # ru_maxrss: the largest child so far


#: The CPU seconds of each run, in order.
CPU: list[float] = []


def measure(
    docs: int, repeat: int, tvf: str, *, light: bool = False, build: bool = True
) -> dict[str, dict[str, float]]:
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="tvf-guard-") as tmp:
        root = Path(tmp) / "handbook"
        generate(root, docs)
        # As an installed tvf runs: its bytecode compiled (pip does it on install), so
        # PYTHONDONTWRITEBYTECODE, when set, would make every run compile every module again.
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        compile_package = (
            "import compileall, os, tverrfaglig\n"
            "compileall.compile_dir(os.path.dirname(tverrfaglig.__file__), quiet=1)\n"
        )
        subprocess.run([python, "-c", compile_package], env=env, capture_output=True, check=False)
        # A handbook in use is older than the cache's racy window (cache.RACY_SECONDS): a
        # folder written within it is not recorded for replay.
        time.sleep(2.1)
        changed = root / "prosedyrer" / "000" / "dokument-00000.md"
        original = changed.read_bytes()
        flip = [0]

        def change_one() -> None:
            flip[0] += 1
            changed.write_bytes(original + b"\nEndret %d.\n" % flip[0])

        site = Path(tmp) / "site"
        built = root / "prosedyrer" / "000" / "dokument-00003.md"
        built_original = built.read_bytes()

        def fresh_site() -> None:
            shutil.rmtree(site, ignore_errors=True)

        def change_built() -> None:
            flip[0] += 1
            built.write_bytes(built_original + b"\nEndret %d.\n" % flip[0])

        with_build = build
        # One date for check and build: the date is part of the check cache's key, so runs
        # with two dates would each throw the other's cache away.
        today = ["--today", "2026-11-25"]
        build = [tvf, "build", "--handbook", str(root), "--out", str(site), *today]
        check = [tvf, "check", "--handbook", str(root), *today]
        bundled = [tvf, "check", "--handbook", str(ROOT / "handbook")]
        commands: dict[str, tuple[list[str], Callable[[], None] | None]] = {
            "floor": ([python, str(HERE / "floor.py"), str(root)], None),
            "cold": ([*check, "--no-cache"], None),
            "warm": (check, None),
            "one_changed": (check, change_one),
            "pass": ([python, "-c", "pass"], None),
            "bundled": (bundled, None),
            "help": ([tvf, "--help"], None),
            "build_cold": (build, fresh_site),
            "build_one_changed": (build, change_built),
        }
        if not with_build:
            del commands["build_cold"], commands["build_one_changed"]
        run(check, env)  # fill the cache
        run(bundled, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        rss: dict[str, int] = {}
        for _ in range(repeat):
            for name, (cmd, before) in commands.items():
                if before is not None:
                    before()
                seconds, _rss, _out = run(cmd, env)
                times[name].append(seconds)
                cpu[name].append(CPU[-1])
        # Peak RSS per command: each measured alone after the timing rounds, so the largest
        # child so far is this one (RUSAGE_CHILDREN keeps the maximum).
        for name in (
            ()
            if light
            else (
                "pass",
                "help",
                "bundled",
                "warm",
                "floor",
                "cold",
                "build_one_changed",
                "build_cold",
            )
        ):
            if name not in commands:
                continue
            cmd, before = commands[name]
            if before is not None:
                before()
            rss[name] = _alone_rss(cmd, env)
    medians = {name: statistics.median(values) for name, values in times.items()}
    # The ratio compares the fastest round of each: noise on a shared machine only ever adds
    # time, and a 15 ms floor (python -c pass) moves by half itself between rounds.
    fastest = {name: min(values) for name, values in times.items()}
    floors = {
        "cold": "floor",
        "warm": "floor",
        "one_changed": "floor",
        "bundled": "pass",
        "help": "pass",
        "build_cold": "floor",
        "build_one_changed": "floor",
    }
    return {
        name: {
            "seconds": medians[name],
            "floor": medians[floor],
            "ratio": fastest[name] / fastest[floor],
            "cpu": statistics.median(cpu[name]),
            "rss_mb": rss.get(name, 0) / 1024,
        }
        for name, floor in floors.items()
        if name in times
    } | {
        name: {
            "seconds": medians[name],
            "cpu": statistics.median(cpu[name]),
            "rss_mb": rss.get(name, 0) / 1024,
        }
        for name in ("floor", "pass")
    }


def _alone_rss(cmd: Sequence[str], env: dict[str, str]) -> int:
    """Peak RSS in KB of ``cmd`` (and the worker processes it waited for)."""
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], capture_output=True, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *cmd], capture_output=True, text=True, env=env, check=True
    )
    return int(done.stdout.strip())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--light", action="store_true", help="1 000 dokumenter, til CI")
    parser.add_argument("--repeat", type=int, default=None, help="runder (5, også med --light)")
    parser.add_argument(
        "--record", action="store_true", help="skriv forholdstallene til guard.json"
    )
    parser.add_argument("--no-guard", action="store_true", help="bare mål, ikke sammenlign")
    parser.add_argument("--no-build", action="store_true", help="bare tvf check, ikke tvf build")
    parser.add_argument("--tvf", help="sti til tvf")
    args = parser.parse_args(argv)
    docs = 1000 if args.light else args.docs
    repeat = args.repeat or 5  # medians of five: the CI guard must not fail on noise
    tvf = find_tvf(args.tvf)
    start = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    figures = measure(docs, repeat, tvf, light=args.light, build=not args.no_build)
    print(
        f"dokumenter {docs}, {repeat} runder, {platform.platform()}, {os.cpu_count()} CPU-er, "
        f"Python {platform.python_version()}, {time.perf_counter() - start:.1f} s i alt, "
        f"last {load:.1f} før og {os.getloadavg()[0] if hasattr(os, 'getloadavg') else 0:.1f} "
        "etter"
    )
    for name, figure in figures.items():
        ratio = f"  {figure['ratio']:.2f} × {figure['floor']:.3f} s" if "ratio" in figure else ""
        memory = f"  maks RSS {figure['rss_mb']:.0f} MB" if figure["rss_mb"] else ""
        cpu = f"  CPU {figure['cpu']:.3f} s"
        print(f"  {name:<12} median {figure['seconds']:.3f} s{cpu}{ratio}{memory}")
    key = str(docs)
    recorded = json.loads(GUARD_FILE.read_text(encoding="utf-8")) if GUARD_FILE.exists() else {}
    if args.record:
        recorded[key] = {name: round(f["ratio"], 3) for name, f in figures.items() if "ratio" in f}
        GUARD_FILE.write_text(
            json.dumps(recorded, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"skrev {GUARD_FILE}")
        return 0
    if args.no_guard or key not in recorded:
        if not args.no_guard:
            print(f"(ingen forholdstall for {docs} dokumenter i {GUARD_FILE.name})")
        return 0
    failed = _regressions(figures, recorded[key])
    if failed:  # a busy machine can push one round over: measure again before failing
        print("over grensen; måler én gang til", file=sys.stderr)
        again = measure(docs, repeat, tvf, light=args.light, build=not args.no_build)
        failed = [
            line
            for line in _regressions(again, recorded[key])
            if line.split(":")[0] in {old.split(":")[0] for old in failed}
        ]
    if failed:
        print(
            "\n*** tvf ER BLITT TREGERE (mer enn 20 % over gulvet målt i samme kjøring) ***",
            file=sys.stderr,
        )
        for line in failed:
            print(f"  {line}", file=sys.stderr)
        return 1
    print("ingen forholdstall er mer enn 20 % verre enn i guard.json")
    return 0


def _regressions(figures: dict[str, dict[str, float]], limits: dict[str, float]) -> list[str]:
    return [
        f"{name}: {figures[name]['ratio']:.2f} × gulvet, var {limit:.2f} "
        f"(grensen er {limit * TOLERANCE:.2f})"
        for name, limit in limits.items()
        if name in figures and figures[name]["ratio"] > limit * TOLERANCE
    ]


if __name__ == "__main__":
    sys.exit(main())
