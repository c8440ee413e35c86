"""Paragraphs and section lists: «loven» in a paragraph that names no law refers to the law of
the paragraph before (handbook-format.md 4.1: continuation), and a list of sections after
«§§» is read item by item (ranges with «til» and a spaced dash, notes on non-standard forms).

Written from mutants that survived ``make mutants`` (docs/testing.md).
"""

from __future__ import annotations

from datetime import date

import pytest

from law_fixtures import BHL, OPPL_2023, cited_fields
from tverrfaglig.laws.parser import Citation, find_citations, parse_legal_basis
from tverrfaglig.laws.registry import LawRegistry

TODAY = date(2026, 6, 1)
FVL_1967 = "LOV-1967-02-10"
BVL_1992 = "LOV-1992-07-17-100"


Cited = tuple[str, int | None, str, str | None, tuple[str, ...], bool]
# What each citation is compared by, in the order of Cited.
FIELDS = "text line law_text law sections unresolved"


def cited(registry: LawRegistry, body: str) -> list[Cited]:
    return cited_fields(registry, body, FIELDS, TODAY)  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # «Loven» refers back to the law of the paragraph before, also for a section tvf
        # does not know it to have (TVF202 is the check's to give)
        (
            "Barnehageloven gjelder.\n\nLoven gjelder også, jf. § 2 b.",
            ("§ 2 b", 3, "Barnehageloven", BHL, ("2b",), False),
        ),
        (
            "Barnehageloven gjelder.\n\nLoven gjelder også, jf. § 99.",
            ("§ 99", 3, "Barnehageloven", BHL, ("99",), False),
        ),
        # an unknown regulation in the paragraph is no law «loven» can mean
        (
            "Barnehageloven gjelder.\n\nXyzforskriften og loven gjelder, jf. § 2 b.",
            ("§ 2 b", 3, "Barnehageloven", BHL, ("2b",), False),
        ),
        # a known one is: the paragraph names a law, so «loven» does not look back (TVF208)
        (
            "Barnehageloven gjelder.\n\nRammeplanen for barnehagen og loven gjelder, jf. § 2 b.",
            ("§ 2 b", 3, "", None, ("2b",), True),
        ),
        # a paragraph between others
        (
            "A.\n\nBarnehageloven gjelder, jf. § 2 b.\n\nC.",
            ("§ 2 b", 3, "Barnehageloven", BHL, ("2b",), False),
        ),
        # a law named in a later paragraph does not count
        (
            "Etter barnehageloven gjelder dette.\n\nKommunestyret skal etter § 4 gjøre noe.\n\n"
            "Opplæringslova gjelder.",
            ("§ 4", 3, "barnehageloven", BHL, ("4",), False),
        ),
    ],
)
def test_a_paragraph_that_names_no_law_refers_to_the_one_before(
    registry: LawRegistry, body: str, expected: Cited
) -> None:
    assert cited(registry, body) == [expected]


@pytest.mark.parametrize(
    ("entry", "law_id", "sections", "notes"),
    [
        (
            "barnehageloven §§ 1 til 3, 5 og 7",
            BHL,
            ("1", "1a", "2", "2a", "2b", "3", "5", "7"),
            (),
        ),
        # a range whose end the law does not have: its two ends (TVF202 is the check's)
        ("barnehageloven §§ 1 til 99", BHL, ("1", "99"), ()),
        (
            "forvaltningsloven §§ 13 – 13 e",
            FVL_1967,
            ("13", "13a", "13b", "13c", "13d", "13e"),
            (),
        ),
        # an en dash in one section is noted; after «§§» it may be a range, so not noted
        ("opplæringslova § 15–8", OPPL_2023, ("15-8",), ("«§ 15–8» leses som «§ 15-8»",)),
        ("opplæringslova §§ 15–8", OPPL_2023, ("15-8",), ()),
        ("opplæringslova § 15.8 a", OPPL_2023, ("15-8a",), ("«§ 15.8 a» leses som «§ 15-8a»",)),
    ],
)
def test_a_section_list_read_item_by_item(
    registry: LawRegistry,
    entry: str,
    law_id: str,
    sections: tuple[str, ...],
    notes: tuple[str, ...],
) -> None:
    cite = parse_legal_basis(entry, 1, registry, TODAY)
    assert isinstance(cite, Citation)
    assert (cite.law.id if cite.law else None, cite.sections, cite.nonstandard) == (
        law_id,
        sections,
        notes,
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a «§§» list of dashed sections goes on after a citation of another law put in it
        (
            "Barnevernloven §§ 1-4, 4-3, jf. fvl. § 17, 6-1 og 6-3.",
            [
                (
                    "Barnevernloven §§ 1-4, 4-3",
                    1,
                    "Barnevernloven",
                    BVL_1992,
                    ("1-4", "4-3"),
                    False,
                ),
                ("fvl. § 17", 1, "fvl", FVL_1967, ("17",), False),
                ("6-1 og 6-3", 1, "Barnevernloven", BVL_1992, ("6-1", "6-3"), False),
            ],
        ),
        # also after other citations, and after other «§§» lists that are not resumed
        (
            "Se barnehageloven § 2. Barnevernloven §§ 1-4, 4-3, jf. fvl. § 17, 6-1 og 6-3.",
            [
                ("barnehageloven § 2", 1, "barnehageloven", BHL, ("2",), False),
                (
                    "Barnevernloven §§ 1-4, 4-3",
                    1,
                    "Barnevernloven",
                    BVL_1992,
                    ("1-4", "4-3"),
                    False,
                ),
                ("fvl. § 17", 1, "fvl", FVL_1967, ("17",), False),
                ("6-1 og 6-3", 1, "Barnevernloven", BVL_1992, ("6-1", "6-3"), False),
            ],
        ),
        (
            "Barnevernloven §§ 4-1 og 4-2 gjelder. Barnevernloven §§ 1-4, 4-3, jf. fvl. § 17, 6-1.",
            [
                (
                    "Barnevernloven §§ 4-1 og 4-2",
                    1,
                    "Barnevernloven",
                    BVL_1992,
                    ("4-1", "4-2"),
                    False,
                ),
                (
                    "Barnevernloven §§ 1-4, 4-3",
                    1,
                    "Barnevernloven",
                    BVL_1992,
                    ("1-4", "4-3"),
                    False,
                ),
                ("fvl. § 17", 1, "fvl", FVL_1967, ("17",), False),
                ("6-1", 1, "Barnevernloven", BVL_1992, ("6-1",), False),
            ],
        ),
        (
            "Barnevernloven §§ 1-4, 4-3, jf. fvl. § 17 gjelder.\n\nBarnevernloven §§ 1-4, 4-3, jf. "
            "fvl. § 17, 6-1.",
            [
                (
                    "Barnevernloven §§ 1-4, 4-3",
                    1,
                    "Barnevernloven",
                    BVL_1992,
                    ("1-4", "4-3"),
                    False,
                ),
                ("fvl. § 17", 1, "fvl", FVL_1967, ("17",), False),
                (
                    "Barnevernloven §§ 1-4, 4-3",
                    3,
                    "Barnevernloven",
                    BVL_1992,
                    ("1-4", "4-3"),
                    False,
                ),
                ("fvl. § 17", 3, "fvl", FVL_1967, ("17",), False),
                ("6-1", 3, "Barnevernloven", BVL_1992, ("6-1",), False),
            ],
        ),
        # after one «§» it does not: «6-1 og 6-3» are no citation
        (
            "Barnevernloven § 1-4, jf. fvl. § 17, 6-1 og 6-3.",
            [
                ("Barnevernloven § 1-4", 1, "Barnevernloven", BVL_1992, ("1-4",), False),
                ("fvl. § 17", 1, "fvl", FVL_1967, ("17",), False),
            ],
        ),
    ],
)
def test_a_section_list_resumed_after_another_law(
    registry: LawRegistry, body: str, expected: list[Cited]
) -> None:
    assert cited(registry, body) == expected


@pytest.mark.parametrize(
    ("body", "law_id"),
    [
        (
            "Se lov-1999-07-02-64 om helsepersonell. Se også barnehageloven § 2.",
            "LOV-1999-07-02-64",
        ),
        ("Se for-2011-12-16-1256. Se også barnehageloven § 2.", "FOR-2011-12-16-1256"),
    ],
)
def test_a_lovdata_id_in_lower_case_cites_the_whole_law(
    registry: LawRegistry, body: str, law_id: str
) -> None:
    first = find_citations(body, 1, registry, TODAY)[0]
    assert (first.text, first.law_text, first.law.id if first.law else None) == (
        law_id.lower(),
        law_id,
        law_id,
    )
