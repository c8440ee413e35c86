"""Tests for laws, their sections and chapters, and their names (tverrfaglig.laws.model)."""

from __future__ import annotations

from datetime import date

import pytest

from law_fixtures import BHL, FVL_1967, HOL, HPL, OPPL_1998, PBRL
from tverrfaglig.laws.model import normalise_chapter, normalise_section
from tverrfaglig.laws.registry import LawRegistry

# --- Law -------------------------------------------------------------------------------------


def test_law_short_name_and_repeal(registry: LawRegistry) -> None:
    old = registry.by_id(OPPL_1998)
    assert old is not None
    assert old.short_name == "opplæringslova"
    assert old.is_repealed(date(2024, 8, 1))
    assert not old.is_repealed(date(2024, 7, 31))


@pytest.mark.parametrize(
    ("law_id", "section", "chapter", "url"),
    [
        (OPPL_1998, None, None, "https://lovdata.no/lov/1998-07-17-61"),
        (OPPL_1998, "15-8", None, "https://lovdata.no/lov/1998-07-17-61/§15-8"),
        (BHL, "2b", None, "https://lovdata.no/lov/2005-06-17-64/§2b"),
        (BHL, "2 b", None, "https://lovdata.no/lov/2005-06-17-64/§2b"),
        (HOL, "7-2a", None, "https://lovdata.no/lov/2011-06-24-30/§7-2a"),
        (PBRL, "4A-1", None, "https://lovdata.no/lov/1999-07-02-63/§4A-1"),
        (HPL, None, "5", "https://lovdata.no/lov/1999-07-02-64/kap5"),
        (PBRL, None, "4A", "https://lovdata.no/lov/1999-07-02-63/kap4A"),
        (PBRL, None, "4a", "https://lovdata.no/lov/1999-07-02-63/kap4A"),
        (HOL, None, "V", "https://lovdata.no/lov/2011-06-24-30/kapV"),
        (FVL_1967, "11", None, "https://lovdata.no/lov/1967-02-10/§11"),
        (FVL_1967, None, None, "https://lovdata.no/lov/1967-02-10"),
    ],
)
def test_law_url(
    registry: LawRegistry, law_id: str, section: str | None, chapter: str | None, url: str
) -> None:
    law = registry.by_id(law_id)
    assert law is not None
    assert law.url(section=section, chapter=chapter) == url
    assert "KAPITTEL" not in law.url(chapter="5")


# --- Normalising sections and chapters -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 b", "2b"),
        ("2b", "2b"),
        ("2B", "2b"),
        ("15-8", "15-8"),
        ("7-2 a", "7-2a"),
        ("7-2a", "7-2a"),
        ("12A-1", "12A-1"),
        ("4a-1", "4A-1"),
        ("4a-1 B", "4A-1b"),
        ("3", "3"),
        ("§ 3-4", "3-4"),
        ("15.8", "15-8"),
        ("15–8", "15-8"),
        ("", None),
        ("abc", None),
        ("2 bc", None),
        ("3-", None),
        ("-3", None),
        ("3 og 4", None),
    ],
)
def test_normalise_section(text: str, expected: str | None) -> None:
    assert normalise_section(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5", "5"),
        ("4a", "4A"),
        ("4 A", "4A"),
        ("v", "V"),
        ("IV", "IV"),
        ("kapittel 5", "5"),
        ("", None),
        ("x", "X"),
        ("fem", None),
        ("5-1", None),
    ],
)
def test_normalise_chapter(text: str, expected: str | None) -> None:
    assert normalise_chapter(text) == expected
