"""Tests for the law registry and the citation parser (tverrfaglig.laws)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tverrfaglig.findings import Severity
from tverrfaglig.laws import (
    Citation,
    Law,
    LawRegistry,
    _citation_matches,
    find_citations,
    load_registry,
    normalise_chapter,
    normalise_section,
    parse_legal_basis,
)

TODAY = date(2026, 11, 25)
BEFORE_REFORMS = date(2020, 1, 1)

HOL = "LOV-2011-06-24-30"
OPPL_1998 = "LOV-1998-07-17-61"
OPPL_2023 = "LOV-2023-06-09-30"
BHL = "LOV-2005-06-17-64"
PBRL = "LOV-1999-07-02-63"
HPL = "LOV-1999-07-02-64"
BVL_1992 = "LOV-1992-07-17-100"
BVL_2021 = "LOV-2021-06-18-97"
FVL_1967 = "LOV-1967-02-10"
FVL_2025 = "LOV-2025-06-20-81"

DEFAULT_IDS = [
    HOL,
    OPPL_1998,
    OPPL_2023,
    BHL,
    PBRL,
    HPL,
    BVL_1992,
    BVL_2021,
    "LOV-2011-06-24-29",
    FVL_1967,
    FVL_2025,
    "LOV-2018-06-15-38",
    "LOV-2009-12-18-131",
    "LOV-1999-07-02-61",
    "LOV-1999-07-02-62",
    "LOV-2018-06-22-83",
]


@pytest.fixture(scope="module")
def registry() -> LawRegistry:
    return LawRegistry.default()


def write_laws(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "laws.yaml").write_text(text, encoding="utf-8")
    return root


def cite_ids(cites: list[Citation]) -> list[str | None]:
    return [c.law.id if c.law else None for c in cites]


def only(cites: list[Citation]) -> Citation:
    assert len(cites) == 1, cites
    return cites[0]


def body_cite(text: str, registry: LawRegistry, today: date = TODAY) -> Citation:
    return only(find_citations(text, 1, registry, today))


# --- The default registry -------------------------------------------------------------------


def test_default_registry_has_all_laws_in_order(registry: LawRegistry) -> None:
    assert list(registry.laws) == DEFAULT_IDS
    assert [law.id for law in registry] == DEFAULT_IDS
    assert len(registry) == len(DEFAULT_IDS)


def test_default_registry_is_parsed_once() -> None:
    assert LawRegistry.default() is LawRegistry.default()


def test_default_registry_facts(registry: LawRegistry) -> None:
    old = registry.by_id(OPPL_1998)
    assert old is not None
    assert old.repealed == date(2024, 8, 1)
    assert old.replaced_by == OPPL_2023
    assert old.names == ("opplæringslova", "opplæringsloven", "oppll", "oppl")
    bvl = registry.by_id(BVL_1992)
    assert bvl is not None and bvl.repealed == date(2023, 1, 1) and bvl.replaced_by == BVL_2021
    new_fvl = registry.by_id(FVL_2025)
    assert new_fvl is not None and new_fvl.names == ()
    assert new_fvl.short_name == FVL_2025
    assert all(law.sections is None and law.chapters is None for law in registry)
    assert all(law.title.startswith("Lov om") for law in registry)


def test_load_registry_without_handbook_is_the_default(tmp_path: Path) -> None:
    assert load_registry(None) == (LawRegistry.default(), [])
    assert load_registry(tmp_path) == (LawRegistry.default(), [])


# --- Looking laws up ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("law_id", "expected"),
    [
        (OPPL_1998, OPPL_1998),
        ("lov-1998-07-17-61", OPPL_1998),
        ("Lov-1967-02-10", FVL_1967),
        (" LOV-2005-06-17-64 ", BHL),
        ("LOV-2000-01-01-1", None),
        ("barnehageloven", None),
    ],
)
def test_by_id(registry: LawRegistry, law_id: str, expected: str | None) -> None:
    law = registry.by_id(law_id)
    assert (law.id if law else None) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("barnehageloven", BHL),
        ("Barnehageloven", BHL),
        ("BHL", BHL),
        ("Bvl", BVL_2021),
        ("bvl.", BVL_2021),
        ("oppll.", OPPL_2023),
        ("Oppll", OPPL_2023),
        ("opplæringsloven", OPPL_2023),
        ("hol", HOL),
        ("Helse- og omsorgstjenesteloven", HOL),
        ("helse-  og\nomsorgstjenesteloven", HOL),
        ("pasient- og brukerrettighetsloven", PBRL),
        ("pasientrettighetsloven", PBRL),
        ("psykisk helsevernloven", "LOV-1999-07-02-62"),
        ("forvaltningsloven", FVL_1967),
        ("barnehagelovens", BHL),
        ("Lov om barnehager (barnehageloven)", BHL),
        (OPPL_1998, OPPL_1998),
        ("lov-1992-07-17-100", BVL_1992),
        (FVL_2025, FVL_2025),
        ("https://lovdata.no/lov/1998-07-17-61", OPPL_1998),
        ("https://lovdata.no/lov/2005-06-17-64/§2b", BHL),
        ("https://lovdata.no/lov/2005-06-17-64/%C2%A72b", BHL),
        ("http://www.lovdata.no/dokument/NL/lov/1999-07-02-64/KAPITTEL_5", HPL),
        ("lovdata.no/lov/1967-02-10", FVL_1967),
        ("xyzloven", None),
        ("barnevern", None),
        ("", None),
        ("   ", None),
        ("LOV-2000-01-01-1", None),
        ("https://lovdata.no/forskrift/2006-06-28-724", None),
        ("https://example.org/lov/1998-07-17-61", None),
    ],
)
def test_resolve(registry: LawRegistry, token: str, expected: str | None) -> None:
    law = registry.resolve(token, TODAY)
    assert (law.id if law else None) == expected


def test_shared_name_means_the_law_in_force(registry: LawRegistry) -> None:
    def resolved(token: str, today: date) -> str | None:
        law = registry.resolve(token, today)
        return law.id if law else None

    assert resolved("opplæringslova", TODAY) == OPPL_2023
    assert resolved("opplæringslova", BEFORE_REFORMS) == OPPL_1998
    assert resolved("oppll", date(2024, 7, 31)) == OPPL_1998
    assert resolved("oppll", date(2024, 8, 1)) == OPPL_2023
    assert resolved("bvl", TODAY) == BVL_2021
    assert resolved("bvl", BEFORE_REFORMS) == BVL_1992
    # An ID picks the other one.
    assert resolved(OPPL_1998, TODAY) == OPPL_1998


def test_a_name_of_only_a_repealed_law_means_that_law(registry: LawRegistry) -> None:
    law = registry.resolve("barnevernloven", TODAY)
    assert law is not None and law.id == BVL_1992
    assert law.is_repealed(TODAY)
    assert not law.is_repealed(BEFORE_REFORMS)
    successor = registry.by_id(BVL_2021)
    assert successor is not None and not successor.is_repealed(TODAY)


def test_all_sharing_a_name_repealed_means_the_one_repealed_last() -> None:
    laws = LawRegistry(
        [
            Law("LOV-1990-01-01-1", "Lov A", ("felles",), repealed=date(2010, 1, 1)),
            Law("LOV-1980-01-01-1", "Lov B", ("felles",), repealed=date(2015, 1, 1)),
            Law("LOV-1970-01-01-1", "Lov C", ("felles",), repealed=date(2000, 1, 1)),
        ]
    )
    law = laws.resolve("felles", TODAY)
    assert law is not None and law.id == "LOV-1980-01-01-1"
    law = laws.resolve("felles", date(2012, 1, 1))
    assert law is not None and law.id == "LOV-1980-01-01-1"  # the only one in force then


def test_a_successor_is_in_force_from_its_predecessors_repeal_whatever_the_order() -> None:
    new = Law("LOV-2023-06-09-30", "Ny lov", ("lova",))
    old = Law(
        "LOV-1998-07-17-61", "Gammel lov", ("lova",),
        repealed=date(2024, 8, 1), replaced_by="LOV-2023-06-09-30",
    )
    for order in ([new, old], [old, new]):
        laws = LawRegistry(order)
        assert getattr(laws.resolve("lova", BEFORE_REFORMS), "id", None) == old.id
        assert getattr(laws.resolve("lova", TODAY), "id", None) == new.id


# --- Law ------------------------------------------------------------------------------------


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


# --- Normalising sections and chapters ------------------------------------------------------


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


# --- legal_basis ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "law_id", "sections", "chapter"),
    [
        ("barnehageloven § 2 b", BHL, ("2b",), None),
        ("barnehageloven § 2 b Samarbeid og samordning", BHL, ("2b",), None),
        ("Barnehageloven § 2 b.Samarbeid og samordning", BHL, ("2b",), None),
        ("Barnehageloven §2b", BHL, ("2b",), None),
        ("Oppll. § 15-8", OPPL_2023, ("15-8",), None),
        ("Bvl § 3-2 Barneverntjenesten skal samarbeide", BVL_2021, ("3-2",), None),
        ("Hol § 3-1 Plikt til å legge til rette for samhandling", HOL, ("3-1",), None),
        ("helse- og omsorgstjenesteloven § 7-2 a Barnekoordinator", HOL, ("7-2a",), None),
        ("opplæringslova §§ 24-1, 24-2 og 24-3", OPPL_2023, ("24-1", "24-2", "24-3"), None),
        ("helse- og omsorgstjenesteloven § 3-4 i loven", HOL, ("3-4",), None),
        ("pbrl § 4A-1", PBRL, ("4A-1",), None),
        ("helsepersonelloven kapittel 5", HPL, (), "5"),
        ("helsepersonelloven kap. 5 om taushetsplikt", HPL, (), "5"),
        ("pbrl kapittel 4A", PBRL, (), "4A"),
        ("hol kapittel V", HOL, (), "V"),
        ("helse- og omsorgstjenesteloven", HOL, (), None),
        ("barnehageloven (om samarbeid)", BHL, (), None),
        ("LOV-1998-07-17-61 § 15-8", OPPL_1998, ("15-8",), None),
        ("lov-1998-07-17-61", OPPL_1998, (), None),
        ("https://lovdata.no/lov/2005-06-17-64/§2b", BHL, ("2b",), None),
        ("https://lovdata.no/lov/1998-07-17-61/%C2%A715-8", OPPL_1998, ("15-8",), None),
        ("https://lovdata.no/dokument/NL/lov/1999-07-02-64/KAPITTEL_5", HPL, (), None),
        (
            "Lov om helsepersonell m.v. (helsepersonelloven) - Kapittel 5. Taushetsplikt "
            "og opplysningsrett - Lovdata",
            HPL, (), "5",
        ),
        (
            "Lov om pasient- og brukerrettigheter (pasient- og brukerrettighetsloven) - Lovdata",
            PBRL, (), None,
        ),
    ],
)
def test_parse_legal_basis(
    registry: LawRegistry,
    entry: str,
    law_id: str,
    sections: tuple[str, ...],
    chapter: str | None,
) -> None:
    cite = parse_legal_basis(entry, 7, registry, TODAY)
    assert isinstance(cite, Citation), cite
    assert cite.law is not None and cite.law.id == law_id
    assert cite.sections == sections
    assert cite.chapter == chapter
    assert cite.line == 7
    assert cite.nonstandard == ()


def test_legal_basis_keeps_the_text_and_the_law_part(registry: LawRegistry) -> None:
    cite = parse_legal_basis("  Bvl.  § 3-2 \n", None, registry, TODAY)
    assert isinstance(cite, Citation)
    assert cite.text == "Bvl. § 3-2"
    assert cite.law_text == "Bvl."
    assert cite.line is None
    assert cite.url is None
    assert cite.link == "https://lovdata.no/lov/2021-06-18-97/§3-2"


def test_legal_basis_nonstandard_dot(registry: LawRegistry) -> None:
    cite = parse_legal_basis("Opplæringsloven § 15.8 Samarbeid og samordning", 3, registry, TODAY)
    assert isinstance(cite, Citation)
    assert cite.sections == ("15-8",)
    assert cite.nonstandard == ("«§ 15.8» leses som «§ 15-8»",)


def test_legal_basis_by_url_keeps_the_url(registry: LawRegistry) -> None:
    url = "https://lovdata.no/dokument/NL/lov/1999-07-02-64/KAPITTEL_5"
    cite = parse_legal_basis(url, 1, registry, TODAY)
    assert isinstance(cite, Citation)
    assert cite.url == url
    assert cite.law_text == url
    assert cite.chapter is None
    assert cite.link == url  # KAPITTEL_N counts by position: keep the link as written
    cite = parse_legal_basis("https://lovdata.no/lov/2005-06-17-64/%C2%A72b", 1, registry, TODAY)
    assert isinstance(cite, Citation)
    assert cite.link == "https://lovdata.no/lov/2005-06-17-64/§2b"


@pytest.mark.parametrize(
    ("entry", "law_text", "sections"),
    [
        ("xyzloven § 3", "xyzloven", ("3",)),
        ("Lov om ingenting", "Lov om ingenting", ()),
        ("LOV-2000-01-01-1 § 2", "LOV-2000-01-01-1", ("2",)),
        ("https://lovdata.no/lov/2000-01-01-1/§2", "https://lovdata.no/lov/2000-01-01-1/§2",
         ("2",)),
    ],
)
def test_legal_basis_unknown_law(
    registry: LawRegistry, entry: str, law_text: str, sections: tuple[str, ...]
) -> None:
    cite = parse_legal_basis(entry, 2, registry, TODAY)
    assert isinstance(cite, Citation)
    assert cite.law is None
    assert cite.law_text == law_text
    assert cite.sections == sections


@pytest.mark.parametrize(
    "entry",
    [
        3,
        None,
        True,
        date(2024, 1, 1),
        ["barnehageloven § 2 b"],
        {"lov": "barnehageloven"},
        "",
        "   ",
        "§ 3",
        "§§ 3 og 4",
        "barnehageloven § x",
        "barnehageloven §",
        "helsepersonelloven kapittel",
        "helsepersonelloven kapittel fem",
        "https://www.helsedirektoratet.no/veiledere/samarbeid",
        "https://lovdata.no/forskrift/2006-06-28-724",
    ],
)
def test_legal_basis_not_understood(registry: LawRegistry, entry: object) -> None:
    message = parse_legal_basis(entry, 4, registry, TODAY)
    assert isinstance(message, str)
    assert message and (message[0].isupper() or message[0] == "«") and message.endswith(".")


def test_legal_basis_name_resolves_by_date(registry: LawRegistry) -> None:
    cite = parse_legal_basis("opplæringslova § 15-8", 1, registry, BEFORE_REFORMS)
    assert isinstance(cite, Citation) and cite.law is not None and cite.law.id == OPPL_1998


# --- Citations in the body ------------------------------------------------------------------


def test_body_sections_and_lists(registry: LawRegistry) -> None:
    body = (
        "# Samarbeid\n"
        "\n"
        "Kommunen har plikt etter helse- og omsorgstjenesteloven § 3-4.\n"
        "Se også hol §§ 3-1, 3-4 og 7-2 a, og barnehageloven § 2 b.\n"
    )
    cites = find_citations(body, 5, registry, TODAY)
    assert [(c.text, c.line, c.sections) for c in cites] == [
        ("helse- og omsorgstjenesteloven § 3-4", 7, ("3-4",)),
        ("hol §§ 3-1, 3-4 og 7-2 a", 8, ("3-1", "3-4", "7-2a")),
        ("barnehageloven § 2 b", 8, ("2b",)),
    ]
    assert cite_ids(cites) == [HOL, HOL, BHL]
    assert [c.law_text for c in cites] == [
        "helse- og omsorgstjenesteloven", "hol", "barnehageloven"
    ]
    assert all(c.url is None and c.nonstandard == () for c in cites)


@pytest.mark.parametrize(
    ("text", "law_id", "sections", "chapter"),
    [
        ("etter bhl § 2b.", BHL, ("2b",), None),
        ("etter bhl §2 b, og", BHL, ("2b",), None),
        ("etter hol § 7-2 a om barnekoordinator", HOL, ("7-2a",), None),
        ("hol §§ 3-1 og 3-4 gjelder", HOL, ("3-1", "3-4"), None),
        ("hol §§ 3-1 til 3-4 gjelder", HOL, ("3-1", "3-4"), None),
        ("hol §§ 5, 6 og 7", HOL, ("5", "6", "7"), None),
        ("hol § 3-4 i loven", HOL, ("3-4",), None),
        ("hol § 2 og 3", HOL, ("2",), None),
        ("hol § 2 a og b", HOL, ("2a",), None),
        ("hol § 4 m.fl.", HOL, ("4",), None),
        ("hol § 3-1 første ledd", HOL, ("3-1",), None),
        ("pbrl § 4A-1 og", PBRL, ("4A-1",), None),
        ("pbrl § 4a-1 og", PBRL, ("4A-1",), None),
        ("Barnehageloven § 2 b.Samarbeid og samordning", BHL, ("2b",), None),
        ("bvl. § 3-2", BVL_2021, ("3-2",), None),
        ("oppll. § 15-8", OPPL_2023, ("15-8",), None),
        ("Oppll § 15-8 Skolen skal samarbeide", OPPL_2023, ("15-8",), None),
        ("barnehagelovens § 2 b", BHL, ("2b",), None),
        ("helsepersonelloven kapittel 5", HPL, (), "5"),
        ("helsepersonelloven kap. 5", HPL, (), "5"),
        ("hpl kap.5", HPL, (), "5"),
        ("pbrl kapittel 4A", PBRL, (), "4A"),
        ("pbrl Kapittel 4 a.", PBRL, (), "4A"),
        ("hol kapittel V.", HOL, (), "V"),
        ("LOV-1998-07-17-61 § 15-8", OPPL_1998, ("15-8",), None),
        ("lov-1998-07-17-61 kapittel 5", OPPL_1998, (), "5"),
        ("pasient- og brukerrettighetsloven § 3", PBRL, ("3",), None),
        ("pasient- og\nbrukerrettighetsloven § 3", PBRL, ("3",), None),
        ("psykisk helsevernloven § 2-1", "LOV-1999-07-02-62", ("2-1",), None),
        ("(barnehageloven § 1)", BHL, ("1",), None),
    ],
)
def test_body_citation_forms(
    registry: LawRegistry,
    text: str,
    law_id: str,
    sections: tuple[str, ...],
    chapter: str | None,
) -> None:
    cite = body_cite(text, registry)
    assert cite.law is not None and cite.law.id == law_id
    assert cite.sections == sections
    assert cite.chapter == chapter
    assert cite.nonstandard == ()


@pytest.mark.parametrize(
    "text",
    [
        "Barnehageloven gjelder for alle barnehager.",
        "Se opplæringslova og barnevernsloven.",
        "jf. § 3 og § 4",
        "kapittel 5 i loven",
        "Vi har god kunnskap og kapasitet.",
        "barnehageloven § x",
        "hol §-en om samarbeid",
        "alkohol § 3",
        "barnehageloven_ § 3",
        "Les mer på https://www.helsedirektoratet.no/veiledere/samarbeid",
        "https://lovdata.no/forskrift/2006-06-28-724/§3",
        "https://lovdata.no/dokument/SF/forskrift/2006-06-28-724",
        "",
    ],
)
def test_body_without_citations(registry: LawRegistry, text: str) -> None:
    assert find_citations(text, 1, registry, TODAY) == []


def test_body_nonstandard_dot(registry: LawRegistry) -> None:
    cite = body_cite("Opplæringsloven § 15.8 Samarbeid og samordning", registry)
    assert cite.sections == ("15-8",)
    assert cite.nonstandard == ("«§ 15.8» leses som «§ 15-8»",)
    cites = find_citations("hol §§ 3.1 og 3-4", 1, registry, TODAY)
    assert only(cites).sections == ("3-1", "3-4")
    assert only(cites).nonstandard == ("«§ 3.1» leses som «§ 3-1»",)


def test_body_unknown_law(registry: LawRegistry) -> None:
    cite = body_cite("etter xyzloven § 3 skal", registry)
    assert cite.law is None
    assert cite.law_text == "xyzloven"
    assert cite.text == "xyzloven § 3"
    assert cite.sections == ("3",)
    assert cite.link is None
    cite = body_cite("jf. barnelova kapittel 2", registry)
    assert cite.law is None and cite.law_text == "barnelova" and cite.chapter == "2"


def test_a_known_name_is_not_also_an_unknown_law(registry: LawRegistry) -> None:
    cites = find_citations("etter pasient- og brukerrettighetsloven § 3", 1, registry, TODAY)
    assert cite_ids(cites) == [PBRL]
    assert cites[0].law_text == "pasient- og brukerrettighetsloven"


def test_body_names_resolve_by_date(registry: LawRegistry) -> None:
    assert body_cite("Bvl § 3-2", registry, TODAY).law == registry.by_id(BVL_2021)
    assert body_cite("Bvl § 3-2", registry, BEFORE_REFORMS).law == registry.by_id(BVL_1992)
    old = body_cite("barnevernloven § 3-2", registry, TODAY).law
    assert old is not None and old.id == BVL_1992 and old.is_repealed(TODAY)


@pytest.mark.parametrize(
    ("url", "law_id", "sections", "chapter"),
    [
        ("https://lovdata.no/lov/2005-06-17-64/§2b", BHL, ("2b",), None),
        ("https://lovdata.no/lov/2005-06-17-64/%C2%A72b", BHL, ("2b",), None),
        ("https://lovdata.no/lov/1998-07-17-61/%c2%a715-8", OPPL_1998, ("15-8",), None),
        ("https://lovdata.no/lov/2011-06-24-30/§7-2a", HOL, ("7-2a",), None),
        ("https://lovdata.no/lov/1999-07-02-63/§4A-1", PBRL, ("4A-1",), None),
        ("https://lovdata.no/lov/1967-02-10/§11/ledd/1/setning/1", FVL_1967, ("11",), None),
        ("https://lovdata.no/lov/1998-07-17-61", OPPL_1998, (), None),
        ("https://lovdata.no/lov/1999-07-02-64/kap5", HPL, (), "5"),
        ("https://lovdata.no/lov/1999-07-02-63/kap4a", PBRL, (), "4A"),
        ("https://lovdata.no/lov/2011-06-24-30/kapV", HOL, (), "V"),
        ("http://lovdata.no/lov/2005-06-17-64", BHL, (), None),
        ("https://www.lovdata.no/lov/2005-06-17-64/§1", BHL, ("1",), None),
        ("www.lovdata.no/lov/2005-06-17-64/§1", BHL, ("1",), None),
        ("https://lovdata.no/dokument/NL/lov/2011-06-24-30", HOL, (), None),
        ("https://lovdata.no/dokument/NL/lov/2011-06-24-30/§3-4", HOL, ("3-4",), None),
        ("https://lovdata.no/dokument/NL/lov/2011-06-24-30/%C2%A73-4", HOL, ("3-4",), None),
        ("https://lovdata.no/dokument/NL/lov/1999-07-02-64/KAPITTEL_5", HPL, (), None),
        ("https://lovdata.no/dokument/NL/lov/1999-07-02-64/KAPITTEL_5#KAPITTEL_5", HPL, (), None),
        (
            "https://lovdata.no/dokument/NL/lov/1999-07-02-63"
            "?q=bruker%20og%20p%C3%A5r%C3%B8rende#KAPITTEL_7",
            PBRL, (), None,
        ),
        ("https://lovdata.no/dokument/NL/lov/2011-06-24-30/KAPITTEL_3#§3-4", HOL, ("3-4",), None),
        (
            "https://lovdata.no/dokument/NL/lov/2011-06-24-30/KAPITTEL_3#%C2%A73-4",
            HOL, ("3-4",), None,
        ),
    ],
)
def test_body_lovdata_links(
    registry: LawRegistry,
    url: str,
    law_id: str,
    sections: tuple[str, ...],
    chapter: str | None,
) -> None:
    cite = body_cite(f"Se {url} for mer.", registry)
    assert cite.law is not None and cite.law.id == law_id
    assert cite.url == url
    assert cite.text == url
    assert cite.law_text == url
    assert cite.sections == sections
    assert cite.chapter == chapter


def test_kapittel_links_cite_the_law_and_keep_the_link(registry: LawRegistry) -> None:
    url = "https://lovdata.no/dokument/NL/lov/1999-07-02-63?q=bruker#KAPITTEL_7"
    cite = body_cite(url, registry)
    assert cite.chapter is None and cite.sections == ()
    assert cite.link == url
    url = "https://lovdata.no/dokument/NL/lov/1999-07-02-64/KAPITTEL_5"
    assert body_cite(url, registry).link == url
    # Other links are given in Lovdata's short form.
    cite = body_cite("https://lovdata.no/dokument/NL/lov/2011-06-24-30/%C2%A73-4", registry)
    assert cite.link == "https://lovdata.no/lov/2011-06-24-30/§3-4"
    cite = body_cite("https://lovdata.no/dokument/NL/lov/2011-06-24-30", registry)
    assert cite.link == "https://lovdata.no/lov/2011-06-24-30"


def test_links_end_before_punctuation_and_markup(registry: LawRegistry) -> None:
    body = (
        "Se https://lovdata.no/lov/2005-06-17-64/§2b. Og (https://lovdata.no/lov/2011-06-24-30),\n"
        "<https://lovdata.no/lov/1999-07-02-64/kap5> og «https://lovdata.no/lov/1967-02-10».\n"
        "*https://lovdata.no/lov/2005-06-17-64/§1*\n"
    )
    cites = find_citations(body, 1, registry, TODAY)
    assert [c.url for c in cites] == [
        "https://lovdata.no/lov/2005-06-17-64/§2b",
        "https://lovdata.no/lov/2011-06-24-30",
        "https://lovdata.no/lov/1999-07-02-64/kap5",
        "https://lovdata.no/lov/1967-02-10",
        "https://lovdata.no/lov/2005-06-17-64/§1",
    ]
    assert [c.line for c in cites] == [1, 1, 2, 2, 3]


def test_link_to_a_law_not_in_the_registry(registry: LawRegistry) -> None:
    cite = body_cite("https://lovdata.no/lov/2000-01-01-1/§3", registry)
    assert cite.law is None
    assert cite.sections == ("3",)
    assert cite.link == "https://lovdata.no/lov/2000-01-01-1/§3"


def test_markdown_link_to_lovdata_is_one_citation(registry: LawRegistry) -> None:
    body = "Se [opplæringslova § 15-8](https://lovdata.no/lov/1998-07-17-61) her."
    cite = body_cite(body, registry)
    assert cite.law is not None and cite.law.id == OPPL_1998  # the link picks the law
    assert cite.sections == ("15-8",)  # the text gives the section
    assert cite.url == "https://lovdata.no/lov/1998-07-17-61"
    assert cite.text == "[opplæringslova § 15-8](https://lovdata.no/lov/1998-07-17-61)"
    cite = body_cite("[bhl](https://lovdata.no/lov/2005-06-17-64/%C2%A72b)", registry)
    assert cite.law is not None and cite.law.id == BHL and cite.sections == ("2b",)


def test_seed_links_and_lines(registry: LawRegistry) -> None:
    body = (
        "Lover, veiledere og retningslinjer\n"
        "\n"
        "Opplæringsloven § 15.8 Samarbeid og samordning\n"
        "Barnehageloven § 2 b.Samarbeid og samordning\n"
        "Lov om helsepersonell m.v. (helsepersonelloven) - Kapittel 5. Taushetsplikt\n"
        "\n"
        "https://lovdata.no/dokument/NL/lov/2011-06-24-30\n"
        "https://lovdata.no/lov/1998-07-17-61/%C2%A715-8\n"
        "https://www.helsedirektoratet.no/veiledere/samarbeid-om-tjenester\n"
        "https://lovdata.no/lov/2005-06-17-64/%C2%A72b\n"
        "https://lovdata.no/dokument/NL/lov/1999-07-02-63?q=bruker%20og%20p%C3%A5r%C3%B8rende#KAPITTEL_7\n"
        "https://lovdata.no/dokument/NL/lov/1999-07-02-64/KAPITTEL_5#KAPITTEL_5\n"
    )
    cites = find_citations(body, 10, registry, TODAY)
    assert [(c.line, c.law.id if c.law else None, c.sections, c.chapter) for c in cites] == [
        (12, OPPL_2023, ("15-8",), None),
        (13, BHL, ("2b",), None),
        (16, HOL, (), None),
        (17, OPPL_1998, ("15-8",), None),
        (19, BHL, ("2b",), None),
        (20, PBRL, (), None),
        (21, HPL, (), None),
    ]
    assert cites[0].nonstandard == ("«§ 15.8» leses som «§ 15-8»",)


def test_citation_link(registry: LawRegistry) -> None:
    assert body_cite("hol §§ 3-1 og 3-4", registry).link == (
        "https://lovdata.no/lov/2011-06-24-30/§3-1"
    )
    assert body_cite("pbrl kapittel 4A", registry).link == (
        "https://lovdata.no/lov/1999-07-02-63/kap4A"
    )
    cite = parse_legal_basis("barnehageloven", 1, registry, TODAY)
    assert isinstance(cite, Citation)
    assert cite.link == "https://lovdata.no/lov/2005-06-17-64"


def test_registry_sections_come_from_a_handbook(tmp_path: Path) -> None:
    root = write_laws(tmp_path, '- id: LOV-1998-07-17-61\n  sections: ["15-8", "2 b", 3]\n')
    laws, findings = load_registry(root)
    assert findings == []
    cite = body_cite("LOV-1998-07-17-61 § 15-8", laws)
    assert cite.law is not None and cite.law.sections == frozenset({"15-8", "2b", "3"})


# --- Speed and robustness of the body scan --------------------------------------------------


FRAGMENTS = [
    "bvl", "Bvl.", "hol", "pasient- og", "pasient-og", "brukerrettighetsloven",
    "helse- og\nomsorgstjenesteloven", "opplæringslova", "barnehagelovens", "xyzloven",
    "LOV-1998-07-17-61", "lov-2005-06-17-64", "§", "§§", " ", "\n", "\n\n", ", ", " og ",
    " i ", "3", "15-8", "15.8", "2 b", "7-2 a", "4A-1", "kapittel", "kap.", "kap", "V", "4A",
    "jf.", "[", "]", "(", ")", "](", "https://lovdata.no/lov/1998-07-17-61", "/§15-8",
    "%C2%A72b", "https://lovdata.no/dokument/NL/lov/1999-07-02-64/KAPITTEL_5", "#KAPITTEL_7",
    "?q=x", "lovdata.no/forskrift/2000-01-01-1", "www.lovdata.no/lov/2005-06-17-64", "ord",
    "kunnskap", "m.fl.", ".", "a", "b", "i", "æøå",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_fast_scan_finds_what_the_pattern_finds(parts: list[str]) -> None:
    registry = LawRegistry.default()
    body = "".join(parts)
    fast = [m.span() for m in _citation_matches(body, registry)]
    assert fast == [m.span() for m in registry.body_pattern.finditer(body)]
    for cite in find_citations(body, 1, registry, TODAY):
        assert cite.line is not None and 1 <= cite.line <= body.count("\n") + 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_parsing_never_raises(text: str) -> None:
    registry = LawRegistry.default()
    find_citations(text + " § 3 kap. 2 lovdata.no/lov/2000-01-01", 1, registry, TODAY)
    parse_legal_basis(text, 1, registry, TODAY)
    parse_legal_basis(text + " § 3", 1, registry, TODAY)
    registry.resolve(text, TODAY)


def test_scanning_many_bodies_finds_every_citation(registry: LawRegistry) -> None:
    """Speed is measured by bench/bench_scanners.py; this holds the count it relies on."""
    filler = (
        "Kommunen skal sikre at barn og unge får hjelp tidlig, og at kunnskap om tiltak deles "
        "mellom tjenestene. Kapasitet i helsestasjon og skolehelsetjenesten følges opp. "
    ) * 10
    body = (
        f"# Rutine\n\n{filler}\n\nKommunen har plikt etter helse- og omsorgstjenesteloven "
        f"§ 3-4, jf. § 3-1.\n\n{filler}\nSe [bhl § 2 b](https://lovdata.no/lov/2005-06-17-64).\n"
    )
    bodies = [body.replace("Rutine", f"Rutine {i}") for i in range(2000)]
    found = sum(len(find_citations(b, 1, registry, TODAY)) for b in bodies)
    assert found == 4000


# --- A handbook's laws.yaml -----------------------------------------------------------------


HANDBOOK_LAWS = """\
# Håndbokas egne lover
- id: LOV-1998-07-17-61
  sections: ["15-8", "15-9"]

- id: LOV-2005-06-17-64
  names: [barnehageloven, bhl, barnehagelova, bhgl]
  chapters: [1, 2, 3, 4a, v]

- id: LOV-1981-04-08-7
  title: Lov om barn og foreldre (barnelova)
  names: [barnelova, barneloven, bl]
"""


def test_handbook_laws_add_and_override(tmp_path: Path) -> None:
    laws, findings = load_registry(write_laws(tmp_path, HANDBOOK_LAWS))
    assert findings == []
    assert list(laws.laws) == [*DEFAULT_IDS, "LOV-1981-04-08-7"]
    old = laws.by_id(OPPL_1998)
    assert old is not None
    assert old.sections == frozenset({"15-8", "15-9"})
    default_old = LawRegistry.default().by_id(OPPL_1998)
    assert default_old is not None
    assert old.title == default_old.title and old.names == default_old.names
    assert old.repealed == date(2024, 8, 1) and old.replaced_by == OPPL_2023
    assert default_old.sections is None  # the default registry is left alone
    bhl = laws.by_id(BHL)
    assert bhl is not None and bhl.names[1] == "bhl"
    assert bhl.chapters == frozenset({"1", "2", "3", "4A", "V"})
    added = laws.resolve("Barneloven", TODAY)
    assert added is not None and added.id == "LOV-1981-04-08-7"
    assert added.title == "Lov om barn og foreldre (barnelova)"
    assert body_cite("barnelova § 30", laws).law == added
    assert find_citations("barnelova § 30", 1, LawRegistry.default(), TODAY)[0].law is None


def test_handbook_override_can_repeal_and_unrepeal(tmp_path: Path) -> None:
    text = (
        "- id: lov-1967-02-10\n  repealed: 2026-01-01\n  replaced_by: LOV-2025-06-20-81\n"
        "- id: LOV-2025-06-20-81\n  names: [forvaltningsloven, fvl]\n"
        "- id: LOV-1998-07-17-61\n  repealed: null\n  replaced_by: null\n"
    )
    laws, findings = load_registry(write_laws(tmp_path, text))
    assert findings == []
    assert getattr(laws.resolve("fvl", TODAY), "id", None) == FVL_2025
    assert getattr(laws.resolve("fvl", date(2025, 12, 31)), "id", None) == FVL_1967
    old = laws.by_id(OPPL_1998)
    assert old is not None and old.repealed is None and not old.is_repealed(TODAY)


def test_empty_laws_yaml_is_fine(tmp_path: Path) -> None:
    for text in ("", "# bare en kommentar\n", "[]\n"):
        laws, findings = load_registry(write_laws(tmp_path, text))
        assert findings == []
        assert list(laws.laws) == DEFAULT_IDS


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        # not valid YAML
        ("- id: LOV-2000-01-01-1\n  title: a: b\n", "TVF001", 2),
        ("- id: LOV-2000-01-01-1\n  title: Ny\n  names: [a, b\n", "TVF001", 3),
        ("- id: LOV-2000-01-01-1\n\ttitle: Ny\n", "TVF001", 2),
        ("- a\n---\n- b\n", "TVF001", 2),
        ("- !!python/object/apply:os.system [ls]\n", "TVF001", 1),
        # not a list
        ("id: LOV-2000-01-01-1\ntitle: Ny\n", "TVF001", 1),
        ("bare tekst\n", "TVF001", 1),
        # an entry without id, or a new one without title
        ("- id: LOV-2000-01-01-3\n  title: Ny\n- title: Uten id\n  names: [x]\n", "TVF002", 3),
        ("- id:\n  title: Tom id\n", "TVF002", 1),
        ("- id: LOV-2000-01-01-1\n  names: [nylov]\n", "TVF002", 1),
        # keys of the wrong form
        ("- id: LOV-2000-01-01-1\n  title: Ny\n  repealed: 2024-02-30\n", "TVF003", 3),
        ("- id: LOV-2000-01-01-1\n  title: Ny\n  repealed: i fjor\n", "TVF003", 3),
        ("- id: LOV-1998-07-17-61\n  repealed: [2024]\n", "TVF003", 2),
        ("- id: LOV-2000-13-01-1\n  title: Ny\n", "TVF003", 1),
        ("- title: Ny\n  id: Barneloven\n", "TVF003", 2),
        ("- id: 2000\n  title: Ny\n", "TVF003", 1),
        ("- id: LOV-2000-01-01-1\n  title: Ny\n  names: nylov\n", "TVF003", 3),
        ("- id: LOV-2000-01-01-1\n  title: Ny\n  names: [nylov, [x]]\n", "TVF003", 3),
        ("- id: LOV-2000-01-01-1\n  title: Ny\n  names: ['']\n", "TVF003", 3),
        ("- id: LOV-2000-01-01-1\n  title: [Ny]\n", "TVF003", 2),
        ("- id: LOV-1998-07-17-61\n  sections: [15.8]\n", "TVF003", 2),
        ("- id: LOV-1998-07-17-61\n  sections: [\"15-8\", tre]\n", "TVF003", 2),
        ("- id: LOV-1998-07-17-61\n  sections: \"15-8\"\n", "TVF003", 2),
        ("- id: LOV-1998-07-17-61\n  chapters: [fem]\n", "TVF003", 2),
        ("- id: LOV-1998-07-17-61\n  replaced_by: den nye\n", "TVF003", 2),
        ("- LOV-2000-01-01-1\n", "TVF003", 1),
    ],
)
def test_broken_laws_yaml(tmp_path: Path, text: str, code: str, line: int) -> None:
    laws, findings = load_registry(write_laws(tmp_path, text))
    assert [(f.code, f.line) for f in findings] == [(code, line)]
    finding = findings[0]
    assert finding.path == "laws.yaml"
    assert finding.severity is Severity.ERROR
    assert "laws.yaml" in finding.message
    # The bad entry is skipped; the default laws are all there, unchanged.
    assert list(laws.laws)[: len(DEFAULT_IDS)] == DEFAULT_IDS
    assert laws.by_id("LOV-2000-01-01-1") is None
    assert laws.by_id(OPPL_1998) == LawRegistry.default().by_id(OPPL_1998)


def test_bad_entries_are_skipped_and_good_ones_kept(tmp_path: Path) -> None:
    text = (
        "- id: LOV-2000-01-01-1\n"
        "  title: God lov\n"
        "  names: [godloven]\n"
        "- title: Uten id\n"
        "- id: LOV-2000-01-01-2\n"
        "  title: Dårlig dato\n"
        "  repealed: 2024-13-01\n"
        "- id: LOV-1998-07-17-61\n"
        "  sections: [\"15-8\"]\n"
    )
    laws, findings = load_registry(write_laws(tmp_path, text))
    assert [(f.code, f.line) for f in findings] == [("TVF002", 4), ("TVF003", 7)]
    assert laws.by_id("LOV-2000-01-01-1") is not None
    assert laws.by_id("LOV-2000-01-01-2") is None
    old = laws.by_id(OPPL_1998)
    assert old is not None and old.sections == frozenset({"15-8"})


def test_unreadable_laws_yaml(tmp_path: Path) -> None:
    (tmp_path / "laws.yaml").write_bytes(b"- id: \xff\xfe\n")
    laws, findings = load_registry(tmp_path)
    assert [(f.code, f.path) for f in findings] == [("TVF001", "laws.yaml")]
    assert list(laws.laws) == DEFAULT_IDS


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.dates(),
    st.text(max_size=20),
    st.sampled_from(["LOV-2000-01-01-1", "lov-1998-07-17-61", "2024-08-01", "15-8", "4A"]),
    st.lists(st.one_of(st.text(max_size=10), st.integers(), st.none()), max_size=4),
)
ENTRIES = st.one_of(
    st.dictionaries(
        st.sampled_from(
            ["id", "title", "names", "repealed", "replaced_by", "sections", "chapters", "x"]
        ),
        VALUES,
    ),
    VALUES,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(st.lists(ENTRIES, max_size=5), ENTRIES))
def test_load_registry_never_raises_on_structured_input(tmp_path: Path, data: object) -> None:
    write_laws(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    laws, findings = load_registry(tmp_path)
    assert len(laws) >= len(DEFAULT_IDS)
    assert all(f.path == "laws.yaml" and f.code in {"TVF001", "TVF002", "TVF003"} for f in findings)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=120))
def test_load_registry_never_raises_on_any_text(tmp_path: Path, text: str) -> None:
    write_laws(tmp_path, text)
    laws, findings = load_registry(tmp_path)
    assert len(laws) >= len(DEFAULT_IDS)
    assert all(f.line is None or f.line >= 1 for f in findings)
