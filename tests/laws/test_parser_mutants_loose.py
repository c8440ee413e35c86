"""A «§», chapter or article with no law right before it, read whole: continuation within a
paragraph, reverse order («§ 2-12 i opplæringslova», «artikkel 8 EMK»), a document's own
headings and paragraphs (quiet), and a section sign with no law (TVF208) (handbook-format.md
4.1). Every field of each citation is compared: text, line, law, sections, articles, qualifier,
notes.

Written from the mutants of ``_loose_unit`` that survived ``make mutants`` (docs/testing.md).
"""

from __future__ import annotations

from datetime import date

import pytest

from law_fixtures import BHL, OPPL_2023, cited_fields
from tverrfaglig.laws.registry import LawRegistry

TODAY = date(2026, 6, 1)
EMK = "LOV-1999-05-21-30/emkn"
BKN = "LOV-1999-05-21-30/bkn"


Whole = tuple[
    str, int | None, str, str | None, tuple[str, ...], tuple[str, ...], str, tuple[str, ...], bool
]
# What each citation is compared by, in the order of Whole.
FIELDS = "text line law_text law sections articles qualifier nonstandard unresolved"


def whole(registry: LawRegistry, body: str) -> list[Whole]:
    return cited_fields(registry, body, FIELDS, TODAY)  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # continuation, with a qualifier (kept, and part of the text)
        (
            "Barnehageloven gjelder. Etter § 2 b første ledd skal kommunen samarbeide.",
            ("§ 2 b første ledd", 1, "Barnehageloven", BHL, ("2b",), (), "første ledd", (), False),
        ),
        (
            "Barnehageloven gjelder. Etter § 2 b, første ledd, skal kommunen samarbeide.",
            ("§ 2 b, første ledd", 1, "Barnehageloven", BHL, ("2b",), (), "første ledd", (), False),
        ),
        (
            "Barnehageloven gjelder. Se § 15.8 første ledd.",
            (
                "§ 15.8 første ledd",
                1,
                "Barnehageloven",
                BHL,
                ("15-8",),
                (),
                "første ledd",
                ("«§ 15.8» leses som «§ 15-8»",),
                False,
            ),
        ),
        # a range, expanded with the law's sections
        (
            "Barnehageloven gjelder. Se §§ 1 til 3.",
            (
                "§§ 1 til 3",
                1,
                "Barnehageloven",
                BHL,
                ("1", "1a", "2", "2a", "2b", "3"),
                (),
                "",
                (),
                False,
            ),
        ),
        # a «/» elsewhere in the text is no link
        (
            "Kommunen/fylkeskommunen skal etter barnehageloven samarbeide, jf. § 2 b.",
            ("§ 2 b", 1, "barnehageloven", BHL, ("2b",), (), "", (), False),
        ),
        # a line that starts with a word and then «§» is no heading
        (
            "Barnehageloven gjelder.\nI § 2 b står det mer.",
            ("§ 2 b", 2, "Barnehageloven", BHL, ("2b",), (), "", (), False),
        ),
        # reverse order, with a qualifier between
        (
            "Dette følger av § 2-12 første ledd i opplæringslova.",
            (
                "§ 2-12 første ledd",
                1,
                "opplæringslova",
                OPPL_2023,
                ("2-12",),
                (),
                "første ledd",
                (),
                False,
            ),
        ),
        # a section sign with no law: TVF208, with its qualifier
        (
            "Se § 3 første ledd nedenfor.",
            ("§ 3 første ledd", 1, "", None, ("3",), (), "første ledd", (), True),
        ),
    ],
)
def test_a_section_with_no_law_right_before_it(
    registry: LawRegistry, body: str, expected: Whole
) -> None:
    assert whole(registry, body) == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a convention right after the article («artikkel 8 EMK»), also when another
        # convention was named before it
        (
            "Etter artikkel 8 EMK har alle rett til respekt for privatliv.",
            ("artikkel 8", 1, "EMK", EMK, (), ("8",), "", (), False),
        ),
        (
            "Barnekonvensjonen gjelder. Etter artikkel 8 EMK har alle rett til respekt for "
            "privatliv.",
            ("artikkel 8", 1, "EMK", EMK, (), ("8",), "", (), False),
        ),
        # glued to it (a lost space in a PDF)
        (
            "Dette følger av artikkel 12Barnekonvensjonen.",
            ("artikkel 12", 1, "Barnekonvensjonen", BKN, (), ("12",), "", (), False),
        ),
        (
            "Dette følger av artikkel 3 i barnekonvensjonen.",
            ("artikkel 3", 1, "barnekonvensjonen", BKN, (), ("3",), "", (), False),
        ),
        # an article is a convention's: not the law named before it
        (
            "Barnehageloven gjelder. Se artikkel 3.",
            ("artikkel 3", 1, "", None, (), ("3",), "", (), True),
        ),
        ("Se artikkel 3 nedenfor.", ("artikkel 3", 1, "", None, (), ("3",), "", (), True)),
    ],
)
def test_an_article_with_no_law_right_before_it(
    registry: LawRegistry, body: str, expected: Whole
) -> None:
    assert whole(registry, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "Se https://lovdata.no/forskrift/2006-06-28-724/§3 for mer.",
        "Se lovdata.no/forskrift/2006-06-28-724/§3\nog mer.",
        "## § 3 Formål\n\nTeksten.",
        "> § 3 Formål",
        "Avtalens § 3 gjelder.",
    ],
)
def test_a_section_in_a_link_a_heading_or_another_text_is_quiet(
    registry: LawRegistry, body: str
) -> None:
    assert whole(registry, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an unknown law in this paragraph, before the «§»: that law, not the one before
        (
            "Etter barnehageloven gjelder dette.\n\nEtter xyzloven gjelder § 4.",
            ("§ 4", 3, "xyzloven", None, ("4",), (), "", (), False),
        ),
        # only after it: the law of the paragraph before
        (
            "Etter barnehageloven gjelder dette.\n\nKommunestyret skal etter § 4 gjøre noe, jf. "
            "xyzloven.",
            ("§ 4", 3, "barnehageloven", BHL, ("4",), (), "", (), False),
        ),
    ],
)
def test_the_law_of_the_paragraph_before(registry: LawRegistry, body: str, expected: Whole) -> None:
    assert whole(registry, body) == [expected]
