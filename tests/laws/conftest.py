"""Fixtures for the tests of tverrfaglig.laws; the helpers they share are in law_fixtures.py."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from law_fixtures import Art, body_citing, good_files, law_xml, pack
from tverrfaglig.laws.parser import ScanInfo
from tverrfaglig.laws.registry import LawRegistry

from helpers import doc_text, handbook, meta

# What the default registry builds lazily with the parser's functions and keeps: its compiled
# patterns (names_pattern, body_regex, mention_regex, prefix_regex), its ScanInfo (scan_info) and
# the laws resolve() found (it calls parse_lovdata_url). None of it is rebuilt while the
# registry lives, and the default registry lives as long as the process.
_reset_for: str | None = None


def _forget_parser_results(registry: LawRegistry) -> None:
    for name, value in list(vars(registry).items()):
        if isinstance(value, re.Pattern | ScanInfo):
            setattr(registry, name, None)  # each property builds it again when it is None
    registry._resolved.clear()


@pytest.fixture(autouse=True)
def _registry_built_by_the_mutant() -> Iterator[None]:
    """Only under ``make mutants`` (mutmut sets ``MUTANT_UNDER_TEST``): mutmut forks every
    mutant's test run from a process that has already built the default registry (cached by
    ``functools.cache``), so without this a mutant of a function that builds the registry's
    patterns would never run. Each mutant's process forgets what the registry built, once,
    so it is built again with the mutant active; in mutmut's first run («stats»), which
    records which tests reach which functions, it is forgotten before every test, so every
    test that uses the patterns is recorded as reaching the functions that build them
    (docs/testing.md)."""
    global _reset_for
    mutant = os.environ.get("MUTANT_UNDER_TEST")
    if mutant and (mutant == "stats" or mutant != _reset_for):
        _forget_parser_results(LawRegistry.default())
        _reset_for = mutant
    yield


# Under a mutant, one test (setup, call and teardown) that runs longer than this is taken for
# a mutant that loops forever: the process exits with mutmut's code for a timeout (36), so the
# mutant is reported as a timeout, never as killed. No test of tests/laws takes a second on
# its own; mutmut's own limit, from how long the tests took in its first run, would hold the
# process for one to two minutes (docs/testing.md).
_HANG_SECONDS = 20.0


def _hang(_signum: int, _frame: FrameType | None) -> None:
    os._exit(36)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    if os.environ.get("MUTANT_UNDER_TEST", "") in ("", "stats", "fail"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _hang)
    signal.setitimer(signal.ITIMER_REAL, _HANG_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def registry() -> LawRegistry:
    return LawRegistry.default()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The good laws and one malformed file (a cited law, cut off mid-tag)."""
    files = good_files()
    files["nl-19990702-064.xml"] = law_xml(
        "LOV-1999-07-02-64",
        "Lov om helsepersonell m.v. (helsepersonelloven)",
        "Helsepersonelloven – hpl",
        [Art("33", "§ 33", "Opplysningsplikt")],
    )[:700]
    return pack(tmp_path / "gjeldende-lover.tar.bz2", files)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return handbook(
        tmp_path / "hb",
        {
            "prosedyrer/a.md": doc_text(
                meta(
                    "IV.7-2",
                    title="Forpliktende samarbeid",
                    valid_from=dt.date(2020, 1, 1),
                    legal_basis=[
                        "barnehageloven § 2 b",
                        "forvaltningsloven § 13",
                        "helsepersonelloven § 33",
                    ],
                ),
                body_citing(),
            ),
            "prosedyrer/b.md": doc_text(
                meta(
                    "IV.7-5",
                    title="Individuell plan",
                    valid_from=dt.date(2023, 1, 1),
                    legal_basis=[
                        "helse- og omsorgstjenesteloven § 7-2 a",
                        "LOV-1998-07-17-61 § 15-8",
                    ],
                )
            ),
        },
    )
