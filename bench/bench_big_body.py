#!/usr/bin/env python3
"""Benchmark ``tvf check`` on one huge body full of document IDs and citations.

A body of N MB of «Se IV.7-2 og I.1-2, jf. barnehageloven § 2 b.» lines: every line holds two
document references and a law citation. Body scanning must be linear in the body's size: the
line of each match is counted from the previous match, never from the start of the body (that
made 1 MB take 28 s and 10 MB never end). Side by side, in the same run, the floor: reading the
file and finding the same matches with one regular expression, counting lines the same way.

    .venv/bin/python bench/bench_big_body.py            # 1 MB and 10 MB
    .venv/bin/python bench/bench_big_body.py --mb 1 --mb 10 --mb 20 --repeat 3
    .venv/bin/python bench/bench_big_body.py --shape emphasis --shape references --mb 1

``--shape`` picks the body: ``lines`` (above, the default), ``emphasis`` (one line of «_a _a
_a …»: underscores that open emphasis and close nothing) or ``references`` (one paragraph of
«ny lov § 2 samme lov § 3 …» after «Ny opplæringslov.»: references back to the law named
before them). Each was once read in quadratic time by the citation parser.
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LINE = "Se IV.7-2 og I.1-2, jf. barnehageloven § 2 b.\n"
#: The bodies of ``--shape``: what starts the body, and what is repeated to fill it.
SHAPES = {
    "lines": ("", LINE),
    "emphasis": ("", "_a "),
    "references": ("Ny opplæringslov. ", "ny lov § 2 samme lov § 3 "),
}
FRONT = (
    '---\nid: IV.7-3\ntitle: Stor\ntype: procedure\nstatus: draft\nversion: "1.0"\n'
    "owner: Enhet\n---\n"
)
TOOL = Path(sys.executable).parent / "tvf"


def build(root: Path, megabytes: int, shape: str = "lines") -> Path:
    root.mkdir(parents=True)
    (root / "tvf.toml").write_text('[handbook]\ntitle = "Stor"\n', encoding="utf-8")
    for doc_id in ("IV.7-2", "I.1-2"):
        (root / f"{doc_id}.md").write_text(FRONT.replace("IV.7-3", doc_id), encoding="utf-8")
    start, repeated = SHAPES[shape]
    count = megabytes * 1024 * 1024 // len(repeated.encode())
    (root / "stor.md").write_text(FRONT + start + repeated * count + "\n", encoding="utf-8")
    return root


def floor(root: Path) -> int:
    """Read the big file and find its IDs with their lines, the same linear way."""
    text = (root / "stor.md").read_text(encoding="utf-8")
    found, line, counted = 0, 1, 0
    for match in re.finditer(r"\b[IVXLC]+(?:\.[0-9]+)*-[0-9]+\b", text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        found += 1
    return found


def timed(work: object, repeat: int) -> list[float]:
    times = []
    for _run in range(repeat):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, action="append")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append")
    args = parser.parse_args()
    print(f"maskin:     {platform.platform()}, {platform.machine()}")
    print(f"python:     {platform.python_implementation()} {platform.python_version()}")
    for shape, megabytes in [(s, mb) for s in args.shape or ["lines"] for mb in args.mb or [1, 10]]:
        with tempfile.TemporaryDirectory() as tmp:
            root = build(Path(tmp) / "hb", megabytes, shape)

            def check(root: Path = root) -> None:
                subprocess.run(
                    [str(TOOL), "check", "-H", str(root), "--format", "json"],
                    capture_output=True,
                    check=False,
                    timeout=600,
                )

            tvf = timed(check, args.repeat)
            base = timed(lambda root=root: floor(root), args.repeat)
            print(
                f"{shape:>10} {megabytes:>3} MB: tvf check min {min(tvf):6.2f} s, median "
                f"{statistics.median(tvf):6.2f} s | gulv (les + regex) min {min(base):6.2f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
