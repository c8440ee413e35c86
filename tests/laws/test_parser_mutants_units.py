"""Sections, chapters and articles read whole: lone ranges after «§§», a chapter that continues
the law of the chapter before it, a bill's commentary heading «Til § N», a section sign with no
law, and the headings a citation shows (handbook-format.md 4 and 4.1).

Written from mutants that survived ``make mutants`` (docs/testing.md); each expectation is what
tvf gives today and what the contract asks for.
"""

from __future__ import annotations

from datetime import date

import pytest

from law_fixtures import BHL, HPL, OPPL_2023, cited_fields
from tverrfaglig.laws.parser import Citation, find_citations, parse_legal_basis
from tverrfaglig.laws.registry import LawRegistry

TODAY = date(2026, 6, 1)
FVL_1967 = "LOV-1967-02-10"  # forvaltningsloven: §§ 13, 13 a … 13 e, no § 13-13 e
KOML = "LOV-2018-06-22-83"  # kommuneloven
EMK = "LOV-1999-05-21-30/emkn"


Cited = tuple[str, int | None, str, str | None, tuple[str, ...], str | None, bool]
# What each citation is compared by, in the order of Cited.
FIELDS = "text line law_text law sections chapter unresolved"


def cited(registry: LawRegistry, body: str, first_line: int = 1) -> list[Cited]:
    return cited_fields(registry, body, FIELDS, TODAY, first_line)  # type: ignore[return-value]


def basis(registry: LawRegistry, entry: str) -> Citation:
    cite = parse_legal_basis(entry, 3, registry, TODAY)
    assert isinstance(cite, Citation), cite
    return cite


# --- «§§ A-B»: one section or a range ----------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "law_id", "sections"),
    [
        # the law's sections are known: a range when it has both ends and no such section
        ("forvaltningsloven §§ 13-13 e", FVL_1967, ("13", "13a", "13b", "13c", "13d", "13e")),
        ("forvaltningsloven §§ 13-99", FVL_1967, ("13-99",)),
        ("opplæringslova §§ 3-4", OPPL_2023, ("3-4",)),
        # not known: a range when the second number is larger, or the same with a letter
        ("xyzloven §§ 31-33", None, ("31", "33")),
        ("xyzloven §§ 13-13 e", None, ("13", "13e")),
        ("xyzloven §§ 2-1", None, ("2-1",)),
        ("xyzloven §§ 13-13", None, ("13-13",)),
        ("xyzloven §§ 5-2 a", None, ("5-2a",)),
    ],
)
def test_a_lone_pair_after_two_section_signs(
    registry: LawRegistry, entry: str, law_id: str | None, sections: tuple[str, ...]
) -> None:
    cite = basis(registry, entry)
    assert (cite.law.id if cite.law else None, cite.sections) == (law_id, sections)


# --- «og kapittel 19»: the law of the chapter before it ----------------------------------------


def test_a_chapter_continues_the_law_of_the_chapter_cited_before_it(
    registry: LawRegistry,
) -> None:
    body = "Kommuneloven kapittel 18 har regler for dette, og kapittel 19 har regler for noe annet."
    assert cited(registry, body, 4) == [
        ("Kommuneloven kapittel 18", 4, "Kommuneloven", KOML, (), "18", False),
        ("kapittel 19", 4, "Kommuneloven", KOML, (), "19", False),
    ]


def test_a_law_named_after_the_chapter_does_not_stop_the_continuation(
    registry: LawRegistry,
) -> None:
    body = "Kommuneloven kapittel 18 gjelder, og kapittel 19 gjelder også, som barnehageloven sier."
    assert cited(registry, body)[-1] == ("kapittel 19", 1, "Kommuneloven", KOML, (), "19", False)


def test_an_unknown_law_is_no_law_a_chapter_continues(registry: LawRegistry) -> None:
    body = "Barnehageloven kapittel 2 gjelder, og xyzloven kapittel 3, og kapittel 4 også."
    assert cited(registry, body) == [
        ("Barnehageloven kapittel 2", 1, "Barnehageloven", BHL, (), "2", False),
        ("xyzloven kapittel 3", 1, "xyzloven", None, (), "3", False),
    ]


def test_a_chapter_continues_also_far_into_a_body(registry: LawRegistry) -> None:
    before = "Dette er en innledning som ikke nevner noen lov. " * 6 + "\n\n"
    body = before + "Kommuneloven kapittel 18 gjelder, og kapittel 19 gjelder også."
    assert cited(registry, body)[-1] == ("kapittel 19", 3, "Kommuneloven", KOML, (), "19", False)


@pytest.mark.parametrize(("gap", "continued"), [(199, True), (200, True), (201, False)])
def test_a_chapter_continues_a_law_at_most_200_characters_before_it(
    registry: LawRegistry, gap: int, continued: bool
) -> None:
    """The limit of ``_chapter_continuation``: from the end of the law's name to the next
    «kapittel»."""
    head = "Opplæringslova kapittel 2 gjelder"
    filler = (" og" * 100)[: gap - len(head) + len("Opplæringslova") - 1]
    body = head + filler + " kapittel 3 også."
    assert body.index("kapittel 3") - len("Opplæringslova") == gap
    expected = [("Opplæringslova kapittel 2", 1, "Opplæringslova", OPPL_2023, (), "2", False)]
    if continued:
        expected.append(("kapittel 3", 1, "Opplæringslova", OPPL_2023, (), "3", False))
    assert cited(registry, body) == expected


# --- «Til § 1-5»: a bill's commentary heading -------------------------------------------------


@pytest.mark.parametrize(
    ("body", "law_text", "law_id"),
    [
        # the law named under the heading, not one named above it
        (
            "Merknader til de enkelte bestemmelsene\n\nInnledning\nbarnehageloven er endret.\n"
            "Til § 1-5\nBestemmelsen gjelder opplæringslova. Den er ny.\nOg mer.",
            "opplæringslova",
            OPPL_2023,
        ),
        (
            "Innledning\nbarnehageloven er endret.\n\nTil § 1-5\nBestemmelsen gjelder "
            "opplæringslova. Den er ny.\nOg mer.",
            "opplæringslova",
            OPPL_2023,
        ),
        # a back-reference («Loven») is no law's name: the next name is
        ("Til § 1-5\nLoven viderefører barnehageloven.", "barnehageloven", BHL),
        # a law cited with a section of its own, or after «§ … i», is another citation
        (
            "Til § 1-5\nJf. opplæringslova § 2. Bestemmelsen viderefører barnehageloven.",
            "barnehageloven",
            BHL,
        ),
        (
            "Til § 1-5\nBestemmelsen svarer til § 3 i opplæringslova. Den viderefører "
            "barnehageloven.",
            "barnehageloven",
            BHL,
        ),
        # the commentary ends at the next heading
        (
            "Til § 1-5\nBestemmelsen er ny.\n\nTil § 1-6\nBestemmelsen viderefører barnehageloven.",
            "",
            None,
        ),
        # and 400 characters after the heading's line
        (
            "Til § 1-5\n" + "Bestemmelsen er ny. " * 20 + "Den viderefører barnehageloven.\n"
            "\nTil § 1-6\nBestemmelsen er også ny.",
            "",
            None,
        ),
    ],
)
def test_a_commentary_heading_takes_the_law_named_under_it(
    registry: LawRegistry, body: str, law_text: str, law_id: str | None
) -> None:
    heading = next(c for c in find_citations(body, 1, registry, TODAY) if c.text == "§ 1-5")
    assert (heading.law_text, heading.law.id if heading.law else None) == (law_text, law_id)
    assert heading.unresolved == (law_id is None)


# --- A section sign with no law (TVF208), read whole --------------------------------------------


@pytest.mark.parametrize(
    ("entry", "fields"),
    [
        (
            "§ 15.8 første ledd",
            {
                "sections": ("15-8",),
                "qualifier": "første ledd",
                "nonstandard": ("«§ 15.8» leses som «§ 15-8»",),
            },
        ),
        ("artikkel 3 og 4", {"articles": ("3", "4")}),
        ("kapittel 5", {"chapter": "5"}),
    ],
)
def test_a_unit_with_no_law_keeps_what_it_cites(
    registry: LawRegistry, entry: str, fields: dict[str, object]
) -> None:
    expected = Citation(text=entry, line=3, law_text="", law=None, unresolved=True, **fields)  # type: ignore[arg-type]
    assert basis(registry, entry) == expected


# --- The law of a legal_basis entry ------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "law_text"),
    [
        # a full title: the whole text names the law
        ("Lov om barnehager (barnehageloven)", "Lov om barnehager (barnehageloven)"),
        # a name at the start, in any case
        ("Barnehageloven om samarbeid", "Barnehageloven"),
        ("BARNEHAGELOVEN om samarbeid", "BARNEHAGELOVEN"),
        # a name in parentheses, as in Lovdata's page titles
        ("Samarbeid (barnehageloven)", "Samarbeid (barnehageloven)"),
        (
            "Lov 17. juni 2005 nr. 64 om barnehager (barnehageloven) - Lovdata",
            "Lov 17. juni 2005 nr. 64 om barnehager (barnehageloven) - Lovdata",
        ),
    ],
)
def test_the_law_of_an_entry_with_words_around_its_name(
    registry: LawRegistry, entry: str, law_text: str
) -> None:
    cite = basis(registry, entry)
    assert (cite.law_text, cite.law.id if cite.law else None) == (law_text, BHL)


# --- What a citation shows ---------------------------------------------------------------------


def test_headings_of_sections_and_articles(registry: LawRegistry) -> None:
    assert basis(registry, "helsepersonelloven §§ 33 og 99").headings() == [
        ("§ 33", "Opplysningsplikt til barnevernet")
    ]
    assert basis(registry, "barnehageloven § 2 b").headings() == [
        ("§ 2b", "Samarbeid og samordning")
    ]
    assert basis(registry, "EMK artikkel 2 og 1").headings() == [
        ("artikkel 2", "Retten til liv"),
        ("artikkel 1", "Forpliktelse til å respektere menneskerettighetene"),
    ]
    assert basis(registry, "xyzloven § 3").headings() == []
    assert basis(registry, "§ 3").headings() == []
    cite = basis(registry, "helsepersonelloven § 33")
    assert cite.law is not None and cite.law.id == HPL


# --- A «§» in a paragraph that names no law: the law of the paragraph before -------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an unknown law before: that law, unknown
        (
            "Etter xyzloven gjelder dette.\n\nKommunestyret skal etter § 4 gjøre noe.",
            ("§ 4", 3, "xyzloven", None, ("4",), None, False),
        ),
        # a law whose complete list lacks the section: no law tvf can tell (TVF208)
        (
            "Etter barnehageloven gjelder dette.\n\nSe §§ 99 og 100 nedenfor.",
            ("§§ 99 og 100", 3, "", None, ("99", "100"), None, True),
        ),
        (
            "Etter barnehageloven gjelder dette.\n\nKommunestyret skal etter § 99 gjøre noe.",
            ("§ 99", 3, "", None, ("99",), None, True),
        ),
    ],
)
def test_a_section_in_a_paragraph_naming_no_law(
    registry: LawRegistry, body: str, expected: Cited
) -> None:
    assert cited(registry, body) == [expected]


# --- A «§» after a law that lacks it: the law in the paragraph that has it ---------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # forvaltningsloven has no § 2-1; of the two laws that have one, the nearest
        (
            "Barnevernloven og opplæringslova gjelder. Etter forvaltningsloven § 17 og § 2-1 "
            "skal det gjøres.",
            ("§ 2-1", 1, "opplæringslova", OPPL_2023, ("2-1",), None, False),
        ),
        # opplæringslova (2023) has no § 2-3 a, but the act it replaced, which shared the
        # name, had: the name's law stays (TVF207), not barnevernloven, which has a § 2-3 a
        (
            "Barnevernloven gjelder, og opplæringslova. Se § 2-3 a.",
            ("§ 2-3 a", 1, "opplæringslova", OPPL_2023, ("2-3a",), None, False),
        ),
    ],
)
def test_a_section_the_law_before_it_lacks(
    registry: LawRegistry, body: str, expected: Cited
) -> None:
    assert cited(registry, body)[-1] == expected


def test_an_unknown_law_by_its_title_at_the_start_of_a_line(registry: LawRegistry) -> None:
    body = "Innledning.\nLov om husdyr § 26 gjelder."
    assert cited(registry, body) == [("§ 26", 2, "Lov om husdyr", None, ("26",), None, False)]


@pytest.mark.parametrize(
    ("today", "law_id"), [(TODAY, OPPL_2023), (date(2020, 6, 1), "LOV-1998-07-17-61")]
)
def test_a_law_with_artikkel_and_no_number_is_read_by_the_date(
    registry: LawRegistry, today: date, law_id: str
) -> None:
    cite = parse_legal_basis("opplæringslova, artikkel om elevenes rettigheter", 3, registry, today)
    assert isinstance(cite, Citation)
    assert (cite.law_text, cite.law.id if cite.law else None) == ("opplæringslova", law_id)
