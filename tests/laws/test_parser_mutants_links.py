"""Lovdata links read whole (``parse_lovdata_url``): the law, the section, the chapter and the
``KAPITTEL_N`` anchor, exactly (handbook-format.md 4: a Lovdata URL names a law).

Written from mutants that survived ``make mutants`` (docs/testing.md).
"""

from __future__ import annotations

from datetime import date

import pytest

from tverrfaglig.laws.parser import UrlParts, find_citations, parse_lovdata_url
from tverrfaglig.laws.registry import LawRegistry

TODAY = date(2026, 6, 1)

BHL = "LOV-2005-06-17-64"
HPL = "LOV-1999-07-02-64"


@pytest.mark.parametrize(
    ("url", "parts"),
    [
        ("https://lovdata.no/lov/2005-06-17-64", UrlParts(BHL, None, None)),
        ("https://lovdata.no/lov/2005-06-17-64/§2b", UrlParts(BHL, "2b", None)),
        # «%A7» is «§» written in Latin-1, not UTF-8 («%C2%A7»)
        ("https://lovdata.no/lov/2005-06-17-64/%A72b", UrlParts(BHL, "2b", None)),
        ("https://lovdata.no/lov/2005-06-17-64/%C2%A72b", UrlParts(BHL, "2b", None)),
        # a query is no part of the section
        ("https://lovdata.no/lov/2005-06-17-64/§2b?q=samarbeid", UrlParts(BHL, "2b", None)),
        # the short form's chapters: kap5, kapX (Roman)
        ("https://lovdata.no/lov/1999-07-02-64/kap5", UrlParts(HPL, None, "5")),
        ("https://lovdata.no/lov/1999-07-02-64/kapX", UrlParts(HPL, None, "X")),
        # KAPITTEL_N counts chapters by position: an anchor, never a chapter
        (
            "https://lovdata.no/lov/1999-07-02-64/KAPITTEL_5",
            UrlParts(HPL, None, None, "KAPITTEL_5"),
        ),
        (
            "https://lovdata.no/dokument/NL/lov/1999-07-02-64/kapittel_5",
            UrlParts(HPL, None, None, "KAPITTEL_5"),
        ),
        (
            "https://lovdata.no/dokument/NL/lov/1999-07-02-64/KAPITTEL_5?q=x#KAPITTEL_5",
            UrlParts(HPL, None, None, "KAPITTEL_5"),
        ),
        # the long form has no «kap5» chapters
        ("https://lovdata.no/dokument/NL/lov/1999-07-02-64/kap5", UrlParts(HPL, None, None)),
        # a fragment that names a section: that section, and no anchor
        (
            "https://lovdata.no/dokument/NL/lov/1999-07-02-64/KAPITTEL_5#§33",
            UrlParts(HPL, "33", None),
        ),
    ],
)
def test_a_lovdata_link_read_whole(url: str, parts: UrlParts) -> None:
    assert parse_lovdata_url(url) == parts


def test_a_link_at_the_very_start_of_a_body(registry: LawRegistry) -> None:
    """The fast scan looks for a link from 12 characters before «lovdata» («https://www.»),
    and no further back than the start of the body."""
    [cite] = find_citations("lovdata.no/lov/2005-06-17-64/§2b gjelder.", 1, registry, TODAY)
    assert (cite.text, cite.url, cite.law_text) == ("lovdata.no/lov/2005-06-17-64/§2b",) * 3
    assert (cite.law.id if cite.law else None, cite.sections) == (BHL, ("2b",))


@pytest.mark.parametrize(
    ("body", "text", "sections", "line"),
    [
        # «lovdata» in capitals or with a capital L is still a link to find
        ("Se LOVDATA.NO/LOV/2005-06-17-64 for loven.", "LOVDATA.NO/LOV/2005-06-17-64", (), 1),
        (
            "Se Lovdata.no/lov/2005-06-17-64/§2b for loven.",
            "Lovdata.no/lov/2005-06-17-64/§2b",
            ("2b",),
            1,
        ),
        # a Markdown link is one citation, also at the start of a body or of a line; its
        # text gives the section when the link has none
        (
            "[barnehageloven § 2 b](https://lovdata.no/lov/2005-06-17-64) gjelder.",
            "[barnehageloven § 2 b](https://lovdata.no/lov/2005-06-17-64)",
            ("2b",),
            1,
        ),
        (
            "Innledning.\n[barnehageloven § 2 b](https://lovdata.no/lov/2005-06-17-64) gjelder.",
            "[barnehageloven § 2 b](https://lovdata.no/lov/2005-06-17-64)",
            ("2b",),
            2,
        ),
        # another link after it on the line does not hide it
        (
            "Se [barnehageloven](https://lovdata.no/lov/2005-06-17-64/§2b) og "
            "[mer](https://example.com).",
            "[barnehageloven](https://lovdata.no/lov/2005-06-17-64/§2b)",
            ("2b",),
            1,
        ),
    ],
)
def test_links_to_lovdata_in_a_body(
    registry: LawRegistry, body: str, text: str, sections: tuple[str, ...], line: int
) -> None:
    [cite] = find_citations(body, 1, registry, TODAY)
    assert (cite.text, cite.line, cite.law.id if cite.law else None, cite.sections) == (
        text,
        line,
        BHL,
        sections,
    )


def test_a_markdown_link_in_emphasis(registry: LawRegistry) -> None:
    body = "Se *[barnehageloven § 2 b](https://lovdata.no/lov/2005-06-17-64)*."
    [cite] = find_citations(body, 1, registry, TODAY)
    assert cite.text == "[barnehageloven § 2 b](https://lovdata.no/lov/2005-06-17-64)"
    assert (cite.law.id if cite.law else None, cite.sections) == (BHL, ("2b",))


def test_a_citation_in_brackets_before_a_link(registry: LawRegistry) -> None:
    """A «[» that starts no Markdown link: the scan for the link goes past the citation in
    the brackets, and both are found."""
    body = "[Se barnehageloven § 2 b] og https://lovdata.no/lov/1999-07-02-64/§33."
    assert [
        (c.text, c.law.id if c.law else None, c.sections)
        for c in find_citations(body, 1, registry, TODAY)
    ] == [
        ("barnehageloven § 2 b", BHL, ("2b",)),
        ("https://lovdata.no/lov/1999-07-02-64/§33", "LOV-1999-07-02-64", ("33",)),
    ]


def test_a_link_to_no_law_does_not_hide_the_citations_after_it(registry: LawRegistry) -> None:
    body = "Se https://lovdata.no/lov/2005-13-45-1 og barnehageloven § 2."
    assert [(c.text, c.sections) for c in find_citations(body, 1, registry, TODAY)] == [
        ("barnehageloven § 2", ("2",))
    ]


def test_the_line_of_a_citation_in_a_body_that_starts_with_a_blank_line(
    registry: LawRegistry,
) -> None:
    [cite] = find_citations("\nSe barnehageloven § 2 b.", 5, registry, TODAY)
    assert (cite.text, cite.line) == ("barnehageloven § 2 b", 6)
