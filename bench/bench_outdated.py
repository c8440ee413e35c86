#!/usr/bin/env python3
"""Benchmark ``tvf outdated`` on a large synthetic handbook with a long git history.

Not a test: a standalone script for the lead and for profiling. It writes the synthetic
handbook of ``bench_check.py`` (default 10,000 documents), gives every 25th document a review
date that has passed and the next one a review date within the 60-day window, and makes a git
repository of it with a history of ``--commits`` commits (default 2,000) over ``--years``
years, written in one ``git fast-import`` stream (a few seconds, no process per commit):

- the first commit adds every file;
- each later commit changes ``--files-per-commit`` random documents (default 20) with its own
  author and author/committer date, so the last-changed dates spread over the years and some
  documents have not changed for more than 24 months;
- the last commit that touches a file writes its final content, so the working tree is clean.

Then it measures, in ``--repeat`` rounds, each command once per round and as a process of its
own (with a fresh measuring process per run, as ``bench_scale.py``: wall-clock time, CPU time
of the command and its children, peak RSS of the largest process):

- the floor of ``tvf check`` (``floor.py``) and the floor of git: the same ``git log
  --name-only`` over the handbook that tvf runs, alone;
- ``tvf outdated --handbook DIR --today 2026-11-25 --no-cache`` (cold: every file is read and
  checked, and the whole ``git log`` runs), as a table and with ``--format json``;
- ``tvf outdated`` with its cache filled by the run before (warm: nothing changed, the same
  HEAD), as a table and with ``--format json``;

(``--compare TVF``: another tvf, say an older version, cold and warm in the same rounds,
with a cache of its own) and prints the
median and minimum of each, its ratio to the floor of the same rounds, and how
many items of each kind the report had. Exit status 1 (something is overdue) is expected; any
other status, or JSON that does not parse or differs between cold and warm, stops the script
with status 1. The cache lives in a temporary ``XDG_CACHE_HOME``.

    python bench/bench_outdated.py                       # 10,000 documents, 2,000 commits
    python bench/bench_outdated.py --docs 2000 --commits 500 --repeat 3
    python bench/bench_outdated.py --keep /tmp/hb-git    # keep the handbook and its history
    python bench/bench_outdated.py --generate-only --keep /tmp/hb-git

Only the standard library and git are used (and ``bench_check.py`` beside this file).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import platform
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_check import document_path, find_tvf, generate  # noqa: E402

TODAY = "2026-11-25"
SEED = 20261125
AUTHORS = (
    "Kari Nordmann <kari@example.invalid>",
    "Ola Nordmann <ola@example.invalid>",
    "Koordinator <koordinator@example.invalid>",
    "Helsesykepleier <helse@example.invalid>",
    "PP-rådgiver <ppt@example.invalid>",
)
OVERDUE_EVERY = 25  # document i with i % 25 == 0 gets a review date that has passed …
OVERDUE_REVIEW = "2026-06-01"
DUE_REVIEW = "2027-01-10"  # … and i % 25 == 1 one within the 60-day window


def set_review_dates(root: Path, docs: int) -> None:
    """Every 25th document overdue for review, the next one due within the window."""
    for i in range(docs):
        kind = i % OVERDUE_EVERY
        if kind > 1:
            continue
        path = root / document_path(i)
        text = path.read_text(encoding="utf-8")
        new = OVERDUE_REVIEW if kind == 0 else DUE_REVIEW
        path.write_text(
            text.replace("review_by: 2099-01-01", f"review_by: {new}", 1), encoding="utf-8"
        )


def make_history(root: Path, commits: int, per_commit: int, years: int) -> float:
    """Make ``root`` a git repository with ``commits`` commits; return the seconds it took."""
    start_time = time.perf_counter()
    files = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and (p.suffix == ".md" or p.name == "tvf.toml")
    )
    docs = [f for f in files if f.endswith(".md")]
    rng = random.Random(SEED)
    touches: list[list[str]] = [files]
    touches += [rng.sample(docs, min(per_commit, len(docs))) for _ in range(commits - 1)]
    last = {name: i for i, group in enumerate(touches) for name in group}
    final = {name: (root / name).read_bytes() for name in files}

    end = dt.datetime.fromisoformat(f"{TODAY}T12:00:00+01:00") - dt.timedelta(days=5)
    first = end - dt.timedelta(days=365 * years)
    span = int((end - first).total_seconds())
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main", str(root)], check=True)
    proc = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=root, stdin=subprocess.PIPE)
    assert proc.stdin is not None
    out = proc.stdin

    def data(payload: bytes) -> None:
        out.write(b"data %d\n" % len(payload))
        out.write(payload)
        out.write(b"\n")

    for i, group in enumerate(touches):
        when = int(first.timestamp()) + (span * i // max(commits - 1, 1))
        author = AUTHORS[i % len(AUTHORS)]
        out.write(
            f"commit refs/heads/main\nauthor {author} {when} +0100\n"
            f"committer {author} {when} +0100\n".encode()
        )
        subject = "Legg inn håndboka" if i == 0 else f"Oppdater {len(group)} dokumenter ({i})"
        data(subject.encode())
        for name in group:
            content = final[name]
            if last[name] != i:
                content += f"\n<!-- utkast {i} -->\n".encode()
            out.write(f"M 100644 inline {name}\n".encode())
            data(content)
    out.close()
    if proc.wait() != 0:
        sys.exit("git fast-import feilet")
    # fast-import writes commits, not the index: read HEAD into it so the tree is clean.
    subprocess.run(["git", "reset", "--quiet"], cwd=root, check=True)
    return time.perf_counter() - start_time


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=10_000, help="antall dokumenter (10000)")
    parser.add_argument("--commits", type=int, default=2000, help="antall commits (2000)")
    parser.add_argument(
        "--files-per-commit",
        type=int,
        default=20,
        help="dokumenter endret per commit etter den første (20)",
    )
    parser.add_argument("--years", type=int, default=4, help="historikken spenner over (4) år")
    parser.add_argument("--repeat", type=int, default=5, help="antall runder (5)")
    parser.add_argument(
        "--existing",
        type=Path,
        help="mål på en håndbok laget før med --generate-only --keep (samme --docs)",
    )
    parser.add_argument("--keep", type=Path, help="skriv håndboka hit og behold den")
    parser.add_argument(
        "--generate-only", action="store_true", help="bare lag håndboka og historikken"
    )
    parser.add_argument("--tvf", help="sti til tvf (standard: ved siden av python, så PATH)")
    parser.add_argument(
        "--compare",
        metavar="TVF",
        help="mål også denne tvf-en (f.eks. en eldre versjon) i de samme rundene, som tabell",
    )
    args = parser.parse_args(argv)
    if min(args.docs, args.commits, args.files_per_commit, args.years, args.repeat) < 1:
        parser.error("tallene må være minst 1")
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"{args.keep} finnes og er ikke tom")

    with tempfile.TemporaryDirectory(prefix="tvf-bench-outdated-") as tmp:
        root = args.existing or args.keep or Path(tmp) / "handbook"
        if args.existing is None:
            start = time.perf_counter()
            generate(root, args.docs)
            set_review_dates(root, args.docs)
            print(f"Skrev {args.docs} dokumenter på {time.perf_counter() - start:.2f} s")
            seconds = make_history(root, args.commits, args.files_per_commit, args.years)
            print(f"Laget {args.commits} commits med git fast-import på {seconds:.2f} s")
        if args.generate_only:
            if not args.keep:
                print("(--generate-only uten --keep: den midlertidige mappa slettes nå)")
            return 0

        from bench_scale import measure  # (bench_scale imports this module)

        tvf = shlex.split(args.tvf) if args.tvf and " " in args.tvf else [find_tvf(args.tvf)]
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        # As an installed tvf runs: with its bytecode written (pip compiles it on install).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        base = [*tvf, "outdated", "--handbook", str(root), "--today", TODAY]
        git_log = [
            "git",
            "-C",
            str(root),
            "-c",
            "core.quotepath=off",
            "log",
            "--format=%x1e%H%x1f%aI%x1f%an%x1f%s",
            "--name-only",
            "--no-renames",
            "--",
            str(root),
        ]
        commands: dict[str, tuple[list[str], tuple[int, ...], dict[str, str]]] = {
            "gulvet (floor.py)": ([sys.executable, str(HERE / "floor.py"), str(root)], (0,), env),
            "git log alene": (git_log, (0,), env),
            "kald, tabell": ([*base, "--no-cache"], (0, 1), env),
            "kald, json": ([*base, "--no-cache", "--format", "json"], (0, 1), env),
            "varm, tabell": (base, (0, 1), env),
            "varm, json": ([*base, "--format", "json"], (0, 1), env),
        }
        if args.compare:
            # The other tvf keeps its cache apart: the cache's key holds tvf's own files, so two
            # tvfs sharing one would each throw the other's away.
            other_env = {**env, "XDG_CACHE_HOME": str(Path(tmp) / "cache-compare")}
            other = [
                *shlex.split(args.compare),
                "outdated",
                "--handbook",
                str(root),
                "--today",
                TODAY,
            ]
            commands[f"{args.compare}, kald, tabell"] = ([*other, "--no-cache"], (0, 1), env)
            commands[f"{args.compare}, varm, tabell"] = (other, (0, 1), other_env)
            measure(other, (0, 1), other_env)  # fill its cache
        loads = [os.getloadavg()[0]]
        measure(base, (0, 1), env)  # fill the cache
        figures: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, (cmd, ok, run_env) in commands.items():
                figures[name].append(measure(cmd, ok, run_env))
            loads.append(os.getloadavg()[0])
        cold = subprocess.run(
            [*base, "--no-cache", "--format", "json"], capture_output=True, env=env, check=False
        )
        warm = subprocess.run(
            [*base, "--format", "json"], capture_output=True, env=env, check=False
        )
        if cold.stdout != warm.stdout:
            sys.exit("FEIL: rapporten med bufferen er ikke den samme som uten")
        try:
            report = json.loads(warm.stdout)
        except ValueError:
            sys.exit("FEIL: --format json skrev ikke gyldig JSON")
        kinds = collections.Counter(item["kind"] for item in report["items"])

    print()
    print(f"dokumenter:      {args.docs}")
    print(
        f"commits:         {args.commits} ({args.files_per_commit} dokumenter per commit, "
        f"{args.years} år)"
    )
    print(f"maskin:          {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPU-er")
    print(f"python:          {platform.python_implementation()} {platform.python_version()}")
    print(f"tvf:             {' '.join(tvf)}")
    print(f"runder:          {args.repeat}")
    print(f"last (1 min):    {min(loads):.1f}–{max(loads):.1f}")
    floor = statistics.median(r["wall"] for r in figures["gulvet (floor.py)"])
    print()
    print("| måling | vegg, median | vegg, minimum | × gulvet (median) | CPU, median | maks RSS |")
    print("|---|---|---|---|---|---|")
    for name, runs in figures.items():
        wall = statistics.median(r["wall"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        rss = max(r["rss_kb"] for r in runs) / 1024
        ratio = "" if name.startswith("gulvet") else f"{wall / floor:.2f}"
        print(
            f"| {name} | {wall:.3f} s | {min(r['wall'] for r in runs):.3f} s | {ratio} | "
            f"{cpu:.3f} s | {rss:.0f} MB |"
        )
    print()
    print("punkter:         " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
