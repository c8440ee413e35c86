"""Fixtures for the tests of tverrfaglig.laws; the helpers they share are in law_fixtures.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from law_fixtures import Art, body_citing, good_files, law_xml, pack
from tverrfaglig.laws.registry import LawRegistry

from helpers import doc_text, handbook, meta


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
