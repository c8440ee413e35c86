"""The registry's names in the fast body scan (``scan_info``): how far before a «§» a citation
may start, for the packaged names (the longest is 100 characters) and for a handbook's own
``laws.yaml`` names, including one whose last word is no word at all («prøvelova (–)»: then
every «§» is searched the whole reach back).

Written from mutants of ``scan_info`` that survived ``make mutants`` (docs/testing.md); with
the fixture in tests/laws/conftest.py each mutant builds the registry's patterns itself.
"""

from __future__ import annotations

from datetime import date

import pytest

from tverrfaglig.laws.model import Law
from tverrfaglig.laws.parser import _REF_WORDS, find_citations, scan_info
from tverrfaglig.laws.registry import LawRegistry, read_registry_text

TODAY = date(2026, 6, 1)
PROVE = "LOV-2099-01-01-1"
OWN_NAMES = f"""- id: {PROVE}
  title: Lov om prøving
  names: ["prøvelova (–)", "pvl"]
"""


@pytest.fixture(scope="module")
def own() -> LawRegistry:
    registry, findings = read_registry_text(OWN_NAMES)
    assert findings == []
    return registry


@pytest.mark.parametrize(
    ("body", "text", "law_id"),
    [
        ("Etter prøvelova (–) § 3 skal det prøves.", "prøvelova (–) § 3", PROVE),
        ("Etter pvl § 3 skal det prøves.", "pvl § 3", PROVE),
        ("Etter barnehageloven § 2 skal det.", "barnehageloven § 2", "LOV-2005-06-17-64"),
        (
            "Etter forskrift om habilitering og rehabilitering, individuell plan og koordinator "
            "§ 16 skal det.",
            "forskrift om habilitering og rehabilitering, individuell plan og koordinator § 16",
            "FOR-2011-12-16-1256",
        ),
    ],
)
def test_a_handbooks_own_names_in_the_body(
    own: LawRegistry, body: str, text: str, law_id: str
) -> None:
    [cite] = find_citations(body, 1, own, TODAY)
    assert (cite.text, cite.law.id if cite.law else None) == (text, law_id)


@pytest.mark.parametrize(
    ("body", "text", "law_id"),
    [
        (
            "Etter forskrift om habilitering og rehabilitering, individuell plan og koordinator "
            "§ 16 skal det.",
            "forskrift om habilitering og rehabilitering, individuell plan og koordinator § 16",
            "FOR-2011-12-16-1256",
        ),
        (
            "Etter forskrift om kommunens helsefremmende og forebyggende arbeid i helsestasjons- "
            "og skolehelsetjenesten § 2-1 skal det.",
            "forskrift om kommunens helsefremmende og forebyggende arbeid i helsestasjons- og "
            "skolehelsetjenesten § 2-1",
            "FOR-2018-10-19-1584",
        ),
        (
            "Etter lov om helsepersonell m.v. § 33 skal det.",
            "lov om helsepersonell m.v. § 33",
            "LOV-1999-07-02-64",
        ),
        (
            "Etter pasient- og brukerrettighetslovens § 3-1 skal det.",
            "pasient- og brukerrettighetslovens § 3-1",
            "LOV-1999-07-02-63",
        ),
    ],
)
def test_long_names_and_names_ending_in_an_abbreviation(
    registry: LawRegistry, body: str, text: str, law_id: str
) -> None:
    [cite] = find_citations(body, 1, registry, TODAY)
    assert (cite.text, cite.law.id if cite.law else None) == (text, law_id)


def test_a_name_written_pasient_og_is_read_whole(registry: LawRegistry) -> None:
    """«pasient-og» for «pasient- og» (the module's docstring): the name pattern reads it."""
    [cite] = find_citations("Se pasient-og brukerrettighetsloven § 3-1.", 1, registry, TODAY)
    assert (cite.text, cite.law_text, cite.sections) == (
        "pasient-og brukerrettighetsloven § 3-1",
        "pasient-og brukerrettighetsloven",
        ("3-1",),
    )


def test_a_name_written_pasient_og_is_the_law(registry: LawRegistry) -> None:
    """Found by mutation testing (an xfail until the fourth round): the registry compares names
    with their spaces (name_key), so the parser resolves «pasient-og …» as «pasient- og …»."""
    [cite] = find_citations("Se pasient-og brukerrettighetsloven § 3-1.", 1, registry, TODAY)
    assert cite.law is not None and cite.law.id == "LOV-1999-07-02-63"


def test_a_registry_with_no_names_finds_no_name() -> None:
    """The pattern of no names never matches (an empty one would match before every «§»)."""
    empty = LawRegistry([])
    assert [
        (c.text, c.law_text, c.unresolved)
        for c in find_citations("Se § 3 og xyzloven § 4.", 1, empty, TODAY)
    ] == [("§ 3", "", True), ("xyzloven § 4", "xyzloven", False)]


def test_how_far_back_each_last_word_of_a_name_is_searched() -> None:
    """``scan_info``: a citation whose name ends in a word may start twice the name's length
    and 12 characters before its keyword (a name may be written with more space than it
    has), the longest of the names that end in the word; a «…loven»/«…lova» also in the
    genitive; any citation at most twice the longest name and 20 characters back, and never
    less than 60 (a Lovdata ID or a formal citation). The back-references keep their own
    reach (30) unless a name ending in the word reaches further («…konvensjonen»)."""
    registry = LawRegistry(
        [
            Law(
                id=PROVE,
                title="Lov om prøving",
                names=("prøvelova", "pvl", "lov om prøving av lange navn i tester"),
            ),
            Law(
                id="LOV-1999-05-21-30/bkn",
                title="Konvensjon om barnets rettigheter",
                names=("BK", "barnekonvensjonen", "konvensjonen"),
                kind="convention",
            ),
        ]
    )
    info = scan_info(registry)
    assert info.back == 2 * 37 + 20
    assert info.abbreviations == {"BK": registry.by_id("LOV-1999-05-21-30/bkn")}
    assert info.final_words is not None
    own = {word: reach for word, reach in info.final_words.items() if word not in _REF_WORDS}
    assert own == {
        "prøvelova": 2 * 9 + 12,
        "prøvelovas": 2 * 9 + 12,
        "pvl": 2 * 3 + 12,
        "tester": 2 * 37 + 12,
        "bk": 2 * 2 + 12,
        "barnekonvensjonen": 2 * 17 + 12,
    }
    assert info.final_words["konvensjonen"] == 2 * 12 + 12
    assert {word: info.final_words[word] for word in ("loven", "lova", "dennes")} == dict.fromkeys(
        ("loven", "lova", "dennes"), 30
    )


def test_a_registry_with_only_short_names_is_searched_60_characters_back() -> None:
    info = scan_info(LawRegistry([Law(id=PROVE, title="Lov om prøving", names=("pvl",))]))
    assert info.back == 60
