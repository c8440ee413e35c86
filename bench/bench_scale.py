#!/usr/bin/env python3
"""How ``tvf check``, ``tvf build`` and ``tvf outdated`` grow from 1,000 to 50,000 documents.

Not a test: a standalone script for the lead. For each size (default 1,000, 5,000, 10,000,
20,000 and 50,000 documents) it writes the synthetic handbook of ``bench_check.py``, gives it
the git history of ``bench_outdated.py`` (``--commits``, default 2,000 commits of 20 documents
each), and then, in rounds, runs as processes of their own, one after the other:

- the floor (``floor.py``: read every file, parse its front matter with libyaml's C loader,
  resolve the IDs and references, in one process);
- ``tvf check --no-cache`` (cold);
- ``tvf outdated --no-cache --format json`` (cold: every file and the whole ``git log``);
- ``tvf outdated --format json`` once more (warm: the caches the run before filled);
- ``tvf build --out DIR`` into an empty folder (cold), ``--build-repeat`` times (default once:
  at 50,000 documents it takes minutes).

Each run is started by a small Python process of its own that records, for that run alone,
the wall-clock time, the CPU time of the command and every process it waited for (user +
system, ``RUSAGE_CHILDREN``) and the peak resident memory of the largest of those processes
(``ru_maxrss``; the worker processes and ``git`` are processes of their own, so this is the
largest single process, not the sum). The load average is printed before and after each size.
The table gives the median of the rounds, the ratio to the floor of the same rounds, and the
wall and CPU time per document (µs), which stays flat when a command grows linearly.

    python bench/bench_scale.py                              # 1k … 50k, 3 rounds
    python bench/bench_scale.py --sizes 1000,5000 --repeat 2
    python bench/bench_scale.py --sizes 50000 --commands build --repeat 1
    python bench/bench_scale.py --json /tmp/scale.json        # also write the figures as JSON

Only the standard library is used (and ``bench_check.py``, ``bench_outdated.py`` and
``floor.py`` beside this file); ``--tvf`` may be a command with arguments
(``--tvf "python -m tverrfaglig"``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_check import find_tvf, generate  # noqa: E402
from bench_outdated import TODAY, make_history, set_review_dates  # noqa: E402

COMMANDS = ("floor", "check", "outdated", "outdated_warm", "build")

# Runs one command and prints its wall time, CPU time and peak RSS, for that command alone.
_MEASURE = """\
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
ok = done.returncode in json.loads(sys.argv[1])
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                  "rss_kb": usage.ru_maxrss, "status": done.returncode,
                  "tail": "" if ok else (done.stdout[-1500:] + done.stderr[-1500:]).decode()}))
"""


def measure(cmd: Sequence[str], ok: Sequence[int], env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, json.dumps(list(ok)), *cmd],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    if result["status"] not in ok:
        sys.exit(f"FEIL: {' '.join(cmd)} ga exit-status {result['status']}\n{result['tail']}")
    return result


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def run_size(
    docs: int, args: argparse.Namespace, tvf: list[str], base: Path
) -> dict[str, list[dict[str, float]]]:
    root = base / f"hb-{docs}"
    if not (root / ".git").is_dir():
        if root.exists():
            shutil.rmtree(root)
        start = time.perf_counter()
        generate(root, docs)
        set_review_dates(root, docs)
        make_history(root, args.commits, 20, 4)
        print(f"[{docs}] skrev håndboka og historikken på {time.perf_counter() - start:.1f} s")
    env = {**os.environ, "XDG_CACHE_HOME": str(base / f"cache-{docs}")}
    outdated = [*tvf, "outdated", "--handbook", str(root), "--today", TODAY, "--format", "json"]
    commands: dict[str, tuple[list[str], tuple[int, ...]]] = {
        "floor": ([sys.executable, str(HERE / "floor.py"), str(root)], (0,)),
        "check": ([*tvf, "check", "--handbook", str(root), "--no-cache"], (0,)),
        "outdated": ([*outdated, "--no-cache"], (0, 1)),
        "outdated_warm": (outdated, (0, 1)),
    }
    figures: dict[str, list[dict[str, float]]] = {name: [] for name in args.commands}
    print(f"[{docs}] last før: {load()}")
    for round_no in range(args.repeat):
        for name, (cmd, ok) in commands.items():
            if name not in args.commands:
                continue
            if name == "outdated_warm" and round_no == 0:
                measure(outdated, ok, env)  # fill the caches
            figures[name].append(measure(cmd, ok, env))
        if "build" in args.commands and round_no < args.build_repeat:
            out = base / f"site-{docs}"
            if out.exists():
                shutil.rmtree(out)
            cmd = [*tvf, "build", "--handbook", str(root), "--out", str(out)]
            figures["build"].append(measure(cmd, (0,), env))
            shutil.rmtree(out, ignore_errors=True)
        print(f"[{docs}] runde {round_no + 1}: " + _round_text(figures), flush=True)
    print(f"[{docs}] last etter: {load()}")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return figures


def _round_text(figures: dict[str, list[dict[str, float]]]) -> str:
    return ", ".join(f"{name} {runs[-1]['wall']:.2f} s" for name, runs in figures.items() if runs)


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def table(results: dict[int, dict[str, list[dict[str, float]]]]) -> str:
    lines = [
        "| dokumenter | kommando | vegg (median) | × gulvet | CPU | maks RSS | µs vegg/dok. "
        "| µs CPU/dok. | runder |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for docs, figures in results.items():
        floor = _median(figures["floor"], "wall") if figures.get("floor") else None
        for name, runs in figures.items():
            if not runs:
                continue
            wall, cpu = _median(runs, "wall"), _median(runs, "cpu")
            rss = max(run["rss_kb"] for run in runs) / 1024
            ratio = f"{wall / floor:.2f}" if floor and name != "floor" else ""
            lines.append(
                f"| {docs} | {name} | {wall:.2f} s | {ratio} | {cpu:.2f} s | {rss:.0f} MB | "
                f"{wall / docs * 1e6:.0f} | {cpu / docs * 1e6:.0f} | {len(runs)} |"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--sizes", default="1000,5000,10000,20000,50000", help="antall dokumenter, kommaseparert"
    )
    parser.add_argument(
        "--commands",
        default=",".join(COMMANDS),
        help=f"hva som måles, kommaseparert ({', '.join(COMMANDS)})",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runder per størrelse (3)")
    parser.add_argument(
        "--build-repeat", type=int, default=1, help="kjøringer av tvf build per størrelse (1)"
    )
    parser.add_argument("--commits", type=int, default=2000, help="commits i historikken (2000)")
    parser.add_argument("--dir", type=Path, help="lag håndbøkene her (og gjenbruk dem)")
    parser.add_argument("--keep", action="store_true", help="behold håndbøkene etterpå")
    parser.add_argument("--json", type=Path, help="skriv tallene som JSON hit også")
    parser.add_argument("--tvf", help="tvf-kommandoen (standard: ved siden av python, så PATH)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.commands = [c.strip() for c in args.commands.split(",") if c.strip()]
    unknown = set(args.commands) - set(COMMANDS)
    if unknown:
        parser.error(f"ukjent kommando: {', '.join(sorted(unknown))}")
    if "floor" not in args.commands:
        args.commands.insert(0, "floor")  # every ratio is against the floor of the same rounds
    if min([*sizes, args.repeat, args.commits]) < 1 or args.build_repeat < 0:
        parser.error("tallene må være minst 1")
    tvf = shlex.split(args.tvf) if args.tvf and " " in args.tvf else [find_tvf(args.tvf)]

    print(f"maskin: {platform.platform()}, {os.cpu_count()} CPU-er")
    print(f"python: {platform.python_implementation()} {platform.python_version()}")
    print(f"tvf:    {' '.join(tvf)}")
    results: dict[int, dict[str, list[dict[str, float]]]] = {}
    with tempfile.TemporaryDirectory(prefix="tvf-bench-scale-") as tmp:
        base = args.dir or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        for docs in sizes:
            results[docs] = run_size(docs, args, tvf, base)
            if args.json:
                args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print()
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
