"""The fast body scan (``_citation_matches``): it searches for a law's name only where the word
right before a «§» can end one (``_last_word``), so the punctuation a writer puts between
the name and the «§» (« - », « – », «:», «)», an abbreviation's dot) must not hide the name.
Each citation is compared with its full text: a name the scan missed would still be found as
a continuation («§ 2 b» after a law), with a shorter text.

Written from mutants that survived ``make mutants`` (docs/testing.md).
"""

from __future__ import annotations

from datetime import date

import pytest

from law_fixtures import BHL
from tverrfaglig.laws.parser import _last_word, find_citations
from tverrfaglig.laws.registry import LawRegistry

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("body", "text", "law_text"),
    [
        ("Bhl. § 2 b gjelder.", "Bhl. § 2 b", "Bhl"),
        ("Se barnehageloven - § 2 b.", "barnehageloven - § 2 b", "barnehageloven"),
        ("Se barnehageloven – § 2 b.", "barnehageloven – § 2 b", "barnehageloven"),
        ("Se barnehageloven: § 2 b.", "barnehageloven: § 2 b", "barnehageloven"),
        ("Se barnehageloven (bhl) § 2 b.", "bhl) § 2 b", "bhl"),
        (
            "Se lov om barnehager (barnehageloven) - § 2 b.",
            "barnehageloven) - § 2 b",
            "barnehageloven",
        ),
    ],
)
def test_the_name_before_a_section_sign_is_found_past_punctuation(
    registry: LawRegistry, body: str, text: str, law_text: str
) -> None:
    [cite] = find_citations(body, 1, registry, TODAY)
    assert (cite.text, cite.law_text, cite.law.id if cite.law else None, cite.sections) == (
        text,
        law_text,
        BHL,
        ("2b",),
    )


@pytest.mark.parametrize(
    ("body", "text", "law_text", "law_id"),
    [
        # an unknown law of seven letters, the shortest «…lova» (three letters and «lova»)
        ("Etter tollova § 3 skal varene deklareres.", "tollova § 3", "tollova", None),
        # a footnote mark glued to the name (KMD rundskriv 2000, see test_parser_grammar)
        (
            "Se ligningsloven10) § 3 om dette.",
            "ligningsloven10) § 3",
            "ligningsloven",
            "LOV-1980-06-13-24",
        ),
        ("Se artikkel 12Grunnloven § 104.", "Grunnloven § 104", "Grunnloven", "LOV-1814-05-17"),
        # an abbreviation with a footnote mark (added while the full run ran)
        ("Se bvl12) § 4-1 om dette.", "bvl12) § 4-1", "bvl", "LOV-2021-06-18-97"),
    ],
)
def test_a_name_the_registry_lacks_or_glued_to_digits_is_found_with_its_section(
    registry: LawRegistry, body: str, text: str, law_text: str, law_id: str | None
) -> None:
    cite = find_citations(body, 1, registry, TODAY)[-1]
    assert (cite.text, cite.law_text, cite.law.id if cite.law else None) == (
        text,
        law_text,
        law_id,
    )


@pytest.mark.parametrize(
    ("body", "text", "chapter"),
    [
        # «İ» is two characters in lower case: the keywords are found in the text as written
        ("Se İ. Barnehageloven kapittel 2 gjelder.", "Barnehageloven kapittel 2", "2"),
        # a keyword at the very start of a body that ends in a letter
        ("Kapittel 5 i barnehageloven gjelder", "Kapittel 5", "5"),
    ],
)
def test_a_chapter_keyword_anywhere_in_a_body(
    registry: LawRegistry, body: str, text: str, chapter: str
) -> None:
    [cite] = find_citations(body, 1, registry, TODAY)
    assert (cite.text, cite.law.id if cite.law else None, cite.chapter) == (text, BHL, chapter)


@pytest.mark.parametrize(
    ("before", "word"),
    [
        ("Se barnehageloven ", "barnehageloven"),
        ("Se barnehageloven. ", "barnehageloven"),
        ("Se (barnehageloven) ", "barnehageloven"),
        ("Se barnehageloven - ", "barnehageloven"),
        ("Se barnehageloven: ", "barnehageloven"),
        ("GDPR » ", "GDPR"),
        ("Se a_loven ", "a_loven"),
        ("ab_c ", "ab_c"),
        ("Se jf. ", "jf"),
        ("", ""),
        # at most 60 characters back
        ("x" * 65 + " ", "x" * 59),
    ],
)
def test_the_last_word_before_a_keyword(before: str, word: str) -> None:
    assert _last_word(before + "§ 3", len(before)) == word
