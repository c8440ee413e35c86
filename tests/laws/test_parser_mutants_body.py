"""Citations in a body read whole (``find_citations``): the qualifier after a named law's
section, a Markdown link whose text gives the section or chapter (and the note on a
non-standard form), «denne lova» with a qualifier or a chapter, a reference back in a later
paragraph, a formal citation of a day that does not exist, and a name that is not read as the
law named before it (handbook-format.md 4.1).

Written from the mutants of ``find_citations`` that survived ``make mutants`` (docs/testing.md).
"""

from __future__ import annotations

from datetime import date

import pytest

from law_fixtures import BHL, HPL, OPPL_2023, cited_fields
from tverrfaglig.laws.parser import find_citations
from tverrfaglig.laws.registry import LawRegistry

TODAY = date(2026, 6, 1)


Whole = tuple[
    str, int | None, str, str | None, tuple[str, ...], str | None, str, tuple[str, ...], bool
]
# What each citation is compared by, in the order of Whole.
FIELDS = "text line law_text law sections chapter qualifier nonstandard unresolved"


def whole(registry: LawRegistry, body: str) -> list[Whole]:
    return cited_fields(registry, body, FIELDS, TODAY)  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Se barnehageloven § 2 b første ledd og [opplæringslova § 15.8]"
            "(https://lovdata.no/lov/2023-06-09-30) og [helsepersonelloven kapittel 5]"
            "(https://lovdata.no/lov/1999-07-02-64).",
            [
                (
                    "barnehageloven § 2 b",
                    1,
                    "barnehageloven",
                    BHL,
                    ("2b",),
                    None,
                    "første ledd",
                    (),
                    False,
                ),
                (
                    "[opplæringslova § 15.8](https://lovdata.no/lov/2023-06-09-30)",
                    1,
                    "https://lovdata.no/lov/2023-06-09-30",
                    OPPL_2023,
                    ("15-8",),
                    None,
                    "",
                    ("«§ 15.8» leses som «§ 15-8»",),
                    False,
                ),
                (
                    "[helsepersonelloven kapittel 5](https://lovdata.no/lov/1999-07-02-64)",
                    1,
                    "https://lovdata.no/lov/1999-07-02-64",
                    HPL,
                    (),
                    "5",
                    "",
                    (),
                    False,
                ),
            ],
        ),
        (
            "Denne lova § 3 første ledd gjelder.\nDenne lova kapittel 2 gjelder.",
            [
                ("Denne lova § 3", 1, "", None, ("3",), None, "første ledd", (), True),
                ("Denne lova kapittel 2", 2, "", None, (), "2", "", (), True),
            ],
        ),
        (
            "A.\n\nBarnehageloven gjelder. Loven § 2 b sier noe.",
            [("Loven § 2 b", 3, "Barnehageloven", BHL, ("2b",), None, "", (), False)],
        ),
        # 31 February is no day: no law, and the citation after it is still read
        (
            "Se lov 31. februar 2005 nr. 64 § 3 og barnehageloven § 2.",
            [("barnehageloven § 2", 1, "barnehageloven", BHL, ("2",), None, "", (), False)],
        ),
        # «opplæringslova» is the act in force, not the earlier act named before it
        (
            "Etter tidligere opplæringslov gjaldt dette. Nå gjelder opplæringslova § 15-8.",
            [
                (
                    "opplæringslova § 15-8",
                    1,
                    "opplæringslova",
                    OPPL_2023,
                    ("15-8",),
                    None,
                    "",
                    (),
                    False,
                )
            ],
        ),
    ],
)
def test_citations_in_a_body_read_whole(
    registry: LawRegistry, body: str, expected: list[Whole]
) -> None:
    assert whole(registry, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a law cited as a whole and with a section in the same paragraph: once, with the section
        (
            "Lov 17. juni 2005 nr. 64 om barnehager gjelder. Se barnehageloven § 2.",
            [("barnehageloven § 2", 1, "barnehageloven", BHL, ("2",), None, "", (), False)],
        ),
        (
            "LOV-2005-06-17-64 gjelder. Se barnehageloven § 2.",
            [("barnehageloven § 2", 1, "barnehageloven", BHL, ("2",), None, "", (), False)],
        ),
        # … and a whole law after it is still cited
        (
            "Lov 17. juni 2005 nr. 64 om barnehager gjelder. Se barnehageloven § 2. Se også "
            "LOV-1999-07-02-64.",
            [
                ("barnehageloven § 2", 1, "barnehageloven", BHL, ("2",), None, "", (), False),
                ("LOV-1999-07-02-64", 1, "LOV-1999-07-02-64", HPL, (), None, "", (), False),
            ],
        ),
        # in another paragraph: both
        (
            "Lov 17. juni 2005 nr. 64 om barnehager gjelder.\n\nSe barnehageloven § 2.",
            [
                ("Lov 17. juni 2005 nr. 64", 1, "LOV-2005-06-17-64", BHL, (), None, "", (), False),
                ("barnehageloven § 2", 3, "barnehageloven", BHL, ("2",), None, "", (), False),
            ],
        ),
        # «denne lova» keeps its notes and articles too
        (
            "Denne lova § 15.8 gjelder.",
            [
                (
                    "Denne lova § 15.8",
                    1,
                    "",
                    None,
                    ("15-8",),
                    None,
                    "",
                    ("«§ 15.8» leses som «§ 15-8»",),
                    True,
                )
            ],
        ),
    ],
)
def test_a_whole_law_and_the_texts_own_act(
    registry: LawRegistry, body: str, expected: list[Whole]
) -> None:
    assert whole(registry, body) == expected


def test_the_texts_own_act_with_articles(registry: LawRegistry) -> None:
    [cite] = find_citations("Denne lova artikkel 3 gjelder.", 1, registry, TODAY)
    assert (cite.text, cite.articles, cite.unresolved, cite.law) == (
        "Denne lova artikkel 3",
        ("3",),
        True,
        None,
    )
