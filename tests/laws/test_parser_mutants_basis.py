"""``parse_legal_basis`` read whole: every field of the citation and every message exactly.

Written from the mutants of ``parse_legal_basis`` that survived ``make mutants``
(docs/testing.md): the other tests check the law and the sections, so a citation that lost its
text, line, qualifier or articles, or a message that lost its example, went unnoticed.
The entries are the forms of handbook-format.md, section 4 (``legal_basis``), as a handbook
writes them.
"""

from __future__ import annotations

from datetime import date

import pytest

from law_fixtures import BHL, HOL, HPL, OPPL_1998, OPPL_2023
from tverrfaglig.laws.parser import Citation, parse_legal_basis
from tverrfaglig.laws.registry import LawRegistry

TODAY = date(2026, 11, 25)
LINE = 9
BKN = "LOV-1999-05-21-30/bkn"  # barnekonvensjonen
EXAMPLE = "for eksempel «barnehageloven § 2 b» eller «opplæringslova §§ 24-1 og 24-2»"


def expected(registry: LawRegistry, text: str, law_id: str | None, **fields: object) -> Citation:
    law = registry.by_id(law_id) if law_id is not None else None
    assert (law is None) == (law_id is None), law_id
    return Citation(text=text, line=LINE, law=law, **fields)  # type: ignore[arg-type]


def parsed(registry: LawRegistry, entry: object) -> Citation | str:
    return parse_legal_basis(entry, LINE, registry, TODAY)


# --- Messages (TVF003) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "what"),
    [
        (3, "et tall"),
        (None, "en tom verdi"),
        (True, "en sannhetsverdi"),
        (["barnehageloven § 2 b"], "en liste"),
        (date(2024, 1, 1), "en dato"),
    ],
)
def test_an_entry_that_is_not_text_is_named_with_an_example(
    registry: LawRegistry, entry: object, what: str
) -> None:
    assert parsed(registry, entry) == (
        f"Hver hjemmel i «legal_basis» må være tekst ({EXAMPLE}), ikke {what}."
    )


@pytest.mark.parametrize("entry", ["", "   ", " \n\t "])
def test_an_empty_entry_asks_for_a_law_and_a_section(registry: LawRegistry, entry: str) -> None:
    assert parsed(registry, entry) == (
        f"En hjemmel i «legal_basis» er tom; skriv loven og paragrafen, {EXAMPLE}."
    )


@pytest.mark.parametrize(
    "entry",
    [
        "https://www.helsedirektoratet.no/veiledere/samarbeid",
        "lovdata.no/forskrift/2006-06-28-724",
    ],
)
def test_a_link_that_is_not_to_a_law_on_lovdata_is_refused(
    registry: LawRegistry, entry: str
) -> None:
    assert parsed(registry, entry) == (
        f"«{entry}» er ikke en lenke til en lov på Lovdata "
        "(https://lovdata.no/lov/… eller https://lovdata.no/dokument/NL/lov/…)."
    )


@pytest.mark.parametrize("entry", ["barnehageloven § x", "barnehageloven §", "§ første ledd"])
def test_a_section_sign_with_no_section_is_refused_with_an_example(
    registry: LawRegistry, entry: str
) -> None:
    assert parsed(registry, entry) == (f"Forstår ikke paragrafen i «{entry}»; skriv {EXAMPLE}.")


@pytest.mark.parametrize(
    "entry", ["helsepersonelloven kapittel fem", "helsepersonelloven kap.", "Hpl Kapittel"]
)
def test_a_chapter_with_no_number_is_refused_with_an_example(
    registry: LawRegistry, entry: str
) -> None:
    assert parsed(registry, entry) == (
        f"Forstår ikke kapittelet i «{entry}»; skriv for eksempel «helsepersonelloven kapittel 5»."
    )


# --- Citations, every field --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "law_id"),
    [
        ("lov 17. juli 1998 nr. 61.", OPPL_1998),
        ("Lov 17. juli 1998 nr. 61", OPPL_1998),
        ("LOV 1998-07-17 nr 61 .", OPPL_1998),
        ("forskrift 16. desember 2011 nr. 1256", "FOR-2011-12-16-1256"),
    ],
)
def test_a_formal_citation_alone_is_the_whole_law_by_its_id(
    registry: LawRegistry, entry: str, law_id: str
) -> None:
    assert parsed(registry, entry) == expected(registry, entry, law_id, law_text=law_id)


def test_a_formal_citation_of_a_law_the_registry_lacks_keeps_its_text(
    registry: LawRegistry,
) -> None:
    """A formal citation tvf cannot tell from the whole text is read as a name (unknown)."""
    entry = "lov 2. jux 1999 nr. 64"
    assert parsed(registry, entry) == expected(registry, entry, None, law_text=entry)


@pytest.mark.parametrize(
    ("entry", "law_text", "law_id"),
    [
        ("barnehageloven", "barnehageloven", BHL),
        ("barnehageloven (om samarbeid)", "barnehageloven", BHL),
        ("Lov om ingenting", "Lov om ingenting", None),
        # «artikkel» with no number: not an article, the law alone
        ("barnekonvensjonen, artikkel om barnets beste", "barnekonvensjonen", BKN),
        ("Barnekonvensjonen Artikkel", "Barnekonvensjonen", BKN),
        ("barnekonvensjonen art. tolv", "barnekonvensjonen", BKN),
    ],
)
def test_a_law_alone(registry: LawRegistry, entry: str, law_text: str, law_id: str | None) -> None:
    assert parsed(registry, entry) == expected(registry, entry, law_id, law_text=law_text)


@pytest.mark.parametrize(
    ("entry", "law_text", "law_id", "section", "qualifier"),
    [
        ("barnehageloven § 2 b første ledd", "barnehageloven", BHL, "2b", "første ledd"),
        ("helsepersonelloven § 33, første ledd", "helsepersonelloven", HPL, "33", "første ledd"),
        ("Hpl. § 33 annet ledd nr. 2", "Hpl.", HPL, "33", "annet ledd nr. 2"),
    ],
)
def test_a_qualifier_after_the_section_is_kept_as_written(
    registry: LawRegistry, entry: str, law_text: str, law_id: str, section: str, qualifier: str
) -> None:
    assert parsed(registry, entry) == expected(
        registry, entry, law_id, law_text=law_text, sections=(section,), qualifier=qualifier
    )


@pytest.mark.parametrize(
    ("entry", "law_text", "law_id", "sections", "qualifier"),
    [
        ("§ 2-12 i opplæringslova.", "opplæringslova", OPPL_2023, ("2-12",), ""),
        (
            "jf. § 3-4 første ledd i helse- og omsorgstjenesteloven",
            "helse- og omsorgstjenesteloven",
            HOL,
            ("3-4",),
            "første ledd",
        ),
        ("§ 2-12 i opplæringslova (om samarbeid)", "opplæringslova", OPPL_2023, ("2-12",), ""),
        ("Se § 4 i barnehageloven", "barnehageloven", BHL, ("4",), ""),
        ("§ 4 i Lov om ingenting", "Lov om ingenting", None, ("4",), ""),
        (
            "etter §§ 3-1 til 3-3 i opplæringslova",
            "opplæringslova",
            OPPL_2023,
            ("3-1", "3-2", "3-3"),
            "",
        ),
    ],
)
def test_a_section_before_its_law(
    registry: LawRegistry,
    entry: str,
    law_text: str,
    law_id: str | None,
    sections: tuple[str, ...],
    qualifier: str,
) -> None:
    """Reverse order (handbook-format.md 4.1): «§ 2-12 i opplæringslova»."""
    assert parsed(registry, entry) == expected(
        registry, entry, law_id, law_text=law_text, sections=sections, qualifier=qualifier
    )


@pytest.mark.parametrize(
    ("entry", "sections", "qualifier"),
    [("§ 3 første ledd", ("3",), "første ledd"), ("jf. §§ 3 og 4", ("3", "4"), "")],
)
def test_a_section_with_no_law_is_unresolved_with_its_text_and_line(
    registry: LawRegistry, entry: str, sections: tuple[str, ...], qualifier: str
) -> None:
    assert parsed(registry, entry) == expected(
        registry,
        entry,
        None,
        law_text="",
        sections=sections,
        qualifier=qualifier,
        unresolved=True,
    )


@pytest.mark.parametrize(
    ("entry", "law_text", "law_id", "sections"),
    [
        ("lov 17. juli 1998 nr. 61 § 15-8", OPPL_1998, OPPL_1998, ("15-8",)),
        (
            "forskrift 16. desember 2011 nr. 1256 § 16",
            "FOR-2011-12-16-1256",
            "FOR-2011-12-16-1256",
            ("16",),
        ),
        ("lov-2000-01-01-1 § 2", "LOV-2000-01-01-1", None, ("2",)),
        ("xyzloven – § 3", "xyzloven", None, ("3",)),
        ("xyzloven: § 3", "xyzloven", None, ("3",)),
        ("Lov om ingenting, § 3", "Lov om ingenting", None, ("3",)),
    ],
)
def test_the_law_before_the_section_by_id_or_unknown(
    registry: LawRegistry,
    entry: str,
    law_text: str,
    law_id: str | None,
    sections: tuple[str, ...],
) -> None:
    assert parsed(registry, entry) == expected(
        registry, entry, law_id, law_text=law_text, sections=sections
    )


def test_a_range_is_expanded_with_the_laws_sections(registry: LawRegistry) -> None:
    entry = "opplæringslova §§ 3-1 til 3-4"
    assert parsed(registry, entry) == expected(
        registry,
        entry,
        OPPL_2023,
        law_text="opplæringslova",
        sections=("3-1", "3-2", "3-3", "3-4"),
    )


def test_articles_of_a_convention(registry: LawRegistry) -> None:
    entry = "barnekonvensjonen artikkel 3 og 12"
    assert parsed(registry, entry) == expected(
        registry, entry, BKN, law_text="barnekonvensjonen", articles=("3", "12")
    )


def test_a_chapter(registry: LawRegistry) -> None:
    entry = "helsepersonelloven kap. 5 om taushetsplikt"
    assert parsed(registry, entry) == expected(
        registry, entry, HPL, law_text="helsepersonelloven", chapter="5"
    )


def test_a_nonstandard_section_is_noted(registry: LawRegistry) -> None:
    entry = "opplæringslova § 15.8"
    assert parsed(registry, entry) == expected(
        registry,
        entry,
        OPPL_2023,
        law_text="opplæringslova",
        sections=("15-8",),
        nonstandard=("«§ 15.8» leses som «§ 15-8»",),
    )


def test_a_lovdata_link_keeps_line_text_and_url(registry: LawRegistry) -> None:
    entry = "https://lovdata.no/lov/2005-06-17-64/§2b"
    assert parsed(registry, entry) == expected(
        registry, entry, BHL, law_text=entry, sections=("2b",), url=entry
    )
