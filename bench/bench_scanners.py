#!/usr/bin/env python3
"""Benchmark the two text scanners every document goes through in ``tvf check``.

Not a test: a standalone script (the timed guards that used to sit in the unit tests live
here now). In-process, with the package imported:

- law citations: ``laws.find_citations`` over N bodies of ordinary handbook prose with two
  citations each (default 2,000 bodies; a body is about 2 KB);
- national identity numbers: ``pii.contains_national_id`` over N documents of ordinary text
  full of dates, times, phone numbers and section numbers, none of them an identity number
  (default 10,000 documents).

Each is run ``--repeat`` times; the script prints the minimum and median seconds. It exits 1
if a scanner finds what it should not (or misses what it should).

    .venv/bin/python bench/bench_scanners.py
    .venv/bin/python bench/bench_scanners.py --bodies 5000 --documents 20000 --repeat 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import sys
import time
from collections.abc import Callable

from tverrfaglig.laws import LawRegistry, find_citations
from tverrfaglig.pii import contains_national_id

TODAY = dt.date(2026, 11, 25)
FILLER = (
    "Kommunen skal sikre at barn og unge får hjelp tidlig, og at kunnskap om tiltak deles "
    "mellom tjenestene. Kapasitet i helsestasjon og skolehelsetjenesten følges opp. "
) * 10
BODY = (
    f"# Rutine\n\n{FILLER}\n\nKommunen har plikt etter helse- og omsorgstjenesteloven "
    f"§ 3-4, jf. § 3-1.\n\n{FILLER}\nSe [bhl § 2 b](https://lovdata.no/lov/2005-06-17-64).\n"
)
ORDINARY = (
    "Barnet følges opp av helsesykepleier og skolen, se IV.7-2 og "
    "barnehageloven § 2 b. Møte 12. januar 2026 kl. 10.30, tlf. 77 00 00 00. "
) * 15


def timed(work: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _run in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return times, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", type=int, default=2000)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    registry = LawRegistry.default()
    bodies = [BODY.replace("Rutine", f"Rutine {i}") for i in range(args.bodies)]
    citation_times, found = timed(
        lambda: sum(len(find_citations(b, 1, registry, TODAY)) for b in bodies), args.repeat
    )
    pii_times, hits = timed(
        lambda: sum(contains_national_id(ORDINARY) for _doc in range(args.documents)), args.repeat
    )

    print(f"maskin:     {platform.platform()}, {platform.machine()}")
    print(f"python:     {platform.python_implementation()} {platform.python_version()}")
    print(
        f"lovhenvisninger, {args.bodies} tekster: min {min(citation_times):.3f} s, "
        f"median {statistics.median(citation_times):.3f} s ({found} funnet)"
    )
    print(
        f"fødselsnumre, {args.documents} dokumenter: min {min(pii_times):.3f} s, "
        f"median {statistics.median(pii_times):.3f} s"
    )
    # Three citations per text: hol § 3-4, «jf. § 3-1» (the law cited last in the paragraph,
    # handbook-format.md 4.1) and bhl § 2 b.
    if found != 3 * args.bodies or hits:
        print("feil: skannerne fant ikke det de skulle", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
