"""The grammar branch's rules (merged at 19:00 UTC on 3 December 2026), read whole: a chapter
that repeats the chapter cited before it, «dagens § N» with the law named after it in the
sentence, and a formal citation glued to the end of a name.

Written from mutants that survived the full ``make mutants`` run of the parser; added while it
ran, so they are not in its figures (docs/testing.md says which survivors they kill).
"""

from __future__ import annotations

from datetime import date

import pytest

from law_fixtures import BVL_1992, OPPL_1998, OPPL_2023, cited_fields
from tverrfaglig.laws.parser import find_citations
from tverrfaglig.laws.registry import LawRegistry

TODAY = date(2026, 6, 1)
HABF = "FOR-2011-12-16-1256"


Whole = tuple[str, int | None, str, str | None, tuple[str, ...], str | None, str]
# What each citation is compared by, in the order of Whole.
FIELDS = "text line law_text law sections chapter qualifier"


def whole(registry: LawRegistry, body: str) -> list[Whole]:
    return cited_fields(registry, body, FIELDS, TODAY)  # type: ignore[return-value]


def test_a_chapter_that_repeats_the_chapter_before_it(registry: LawRegistry) -> None:
    # Fagbokforlaget (issuu), as in test_parser_grammar.test_a_law_named_with_its_era
    body = (
        "Kapittel 12 i ny opplæringslov\n(Kapittel 12 erstatter deler av kapittel 9 A i "
        "tidligere opplæringslov)."
    )
    assert whole(registry, body) == [
        ("Kapittel 12", 1, "ny opplæringslov", OPPL_2023, (), "12", ""),
        ("Kapittel 12", 2, "ny opplæringslov", OPPL_2023, (), "12", ""),
        ("kapittel 9 A", 2, "tidligere opplæringslov", OPPL_1998, (), "9A", ""),
    ]


TODAYS = "Oppheve dagens § 2-1 tredje ledd om at kommunestyret kan legge oppgaver etter "


@pytest.mark.parametrize(
    ("body", "law_text", "law_id"),
    [
        (TODAYS + "barnevernloven til et folkevalgt organ.", "barnevernloven", BVL_1992),
        # a later sentence does not count
        (
            TODAYS + "barnevernloven til et folkevalgt organ. Dette gjelder fra 2025.",
            "barnevernloven",
            BVL_1992,
        ),
        # an unknown law, or a reference back, is passed over for the law named after it
        (
            TODAYS + "xyzloven og barnevernloven til et folkevalgt organ.",
            "barnevernloven",
            BVL_1992,
        ),
        (TODAYS + "loven og barnevernloven til et folkevalgt organ.", "barnevernloven", BVL_1992),
        # a regulation counts
        (
            TODAYS + "habiliteringsforskriften og barnevernloven til et organ.",
            "habiliteringsforskriften",
            HABF,
        ),
    ],
)
def test_todays_section_takes_the_law_named_after_it(
    registry: LawRegistry, body: str, law_text: str, law_id: str
) -> None:
    assert whole(registry, body) == [
        ("§ 2-1 tredje ledd", 1, law_text, law_id, ("2-1",), None, "tredje ledd")
    ]


def test_a_formal_citation_glued_to_the_end_of_a_name(registry: LawRegistry) -> None:
    body = "Se opplæringslova 17. juli 1998 nr. 61 og LOV-2005-06-17-64."
    assert whole(registry, body) == [
        ("lova 17. juli 1998 nr. 61", 1, "LOV-1998-07-17-61", OPPL_1998, (), None, ""),
        ("LOV-2005-06-17-64", 1, "LOV-2005-06-17-64", "LOV-2005-06-17-64", (), None, ""),
    ]


def test_articles_glued_to_a_conventions_capitals(registry: LawRegistry) -> None:
    """«EMK8», «GDPR6»: the grammar branch's glued articles, every field; capitals that are no
    convention's («ABC3») are passed over."""
    body = "Innledning.\nDette følger av ABC3, GDPR6 og EMK8."
    assert [
        (c.text, c.line, c.law_text, c.law.id if c.law else None, c.articles)
        for c in find_citations(body, 1, registry, TODAY)
    ] == [
        ("GDPR6", 2, "GDPR", "LOV-2018-06-15-38/gdpr", ("6",)),
        ("EMK8", 2, "EMK", "LOV-1999-05-21-30/emkn", ("8",)),
    ]
