"""tvf's citation parser on the corpus of real passages (issue 13; contract 4.1).

``tools/corpus_predict.py`` runs the real parser (``find_citations``) on every passage of
``tests/laws/corpus/citations.yaml`` and scores it per form (``tools/citation_corpus.py``). The
targets are recall ≥ 0.95 and precision ≥ 0.99 per form. Forms that miss them are listed in
:data:`SHORT_OF_TARGET` and expected to fail their target test (strict: the test fails when one
starts to meet it, so the list is kept true); docs/laws.md says why each misses. No form may
fall below the figures measured when this was written (:data:`MEASURED`).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from tverrfaglig.laws import LawRegistry, find_citations

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import corpus_predict  # noqa: E402
from citation_corpus import Label, load_corpus, precision, recall, score_passages  # noqa: E402

RECALL_TARGET = 0.95
PRECISION_TARGET = 0.99

#: (tp, fp, fn) per form, measured on the corpus after the grammar of real passages, the
#: law-identity work (dated passages, registry names, legal-basis mentions) and the round after
#: them (glued Lovdata IDs, regulations by full title, Lovdata page titles, «gjeldende <law>»,
#: bills' «Til § N»), and the round after that (the registry's laws with checked IDs, glued
#: names, more cues for a law a text rests on, «dagens § N», compound sections, chapters cited
#: again, glued convention articles; three labels fixed).
MEASURED = {
    "plain": (145, 0, 5),
    "list": (158, 1, 4),
    "chapter": (25, 1, 2),
    "lovdata-id": (8, 0, 0),
    "lovdata-url": (4, 2, 2),
    "whole-law": (117, 0, 13),
    "qualifier": (135, 3, 5),
    "genitive": (22, 0, 1),
    "reverse": (21, 1, 2),
    "long-title": (108, 0, 5),
    "name-variant": (53, 0, 2),
    "range": (19, 0, 0),
    "continuation": (117, 1, 4),
    "article": (61, 3, 3),
    "regulation": (74, 0, 7),
    "no-law": (36, 0, 1),
    "abbreviation": (27, 4, 6),
    "decimal": (2, 0, 0),
    "shared-name": (89, 7, 11),
    "other-law": (136, 5, 12),
    "quiet": (167, 6, 14),
    "all": (492, 12, 33),
}

#: The forms that miss at least one target today (docs/laws.md, «The corpus» says why): all
#: but the ten below.
SHORT_OF_TARGET = frozenset(MEASURED) - {
    "continuation",
    "decimal",
    "genitive",
    "list",
    "long-title",
    "lovdata-id",
    "name-variant",
    "no-law",
    "plain",
    "range",
}


@pytest.fixture(scope="module")
def scores() -> dict[str, tuple[int, int, int]]:
    registry = LawRegistry.default()
    # Each passage dated as its source dates it (``written``), as tvf check dates a document.
    return score_passages(
        load_corpus(), lambda passage: corpus_predict.predict_passage(passage, registry)
    )


def test_every_form_is_scored(scores: dict[str, tuple[int, int, int]]) -> None:
    assert sorted(scores) == sorted(MEASURED)


@pytest.mark.parametrize("form", sorted(MEASURED))
def test_no_form_gets_worse(scores: dict[str, tuple[int, int, int]], form: str) -> None:
    got, then = scores[form], MEASURED[form]
    assert (recall(got) or 0) >= (recall(then) or 0), (form, got, then)
    assert (precision(got) or 0) >= (precision(then) or 0), (form, got, then)


@pytest.mark.parametrize(
    "form",
    [
        pytest.param(
            form,
            marks=pytest.mark.xfail(strict=True, reason="short of the target: see docs/laws.md"),
        )
        if form in SHORT_OF_TARGET
        else form
        for form in sorted(MEASURED)
    ],
)
def test_form_meets_the_target(scores: dict[str, tuple[int, int, int]], form: str) -> None:
    assert (recall(scores[form]) or 0) >= RECALL_TARGET
    assert (precision(scores[form]) or 0) >= PRECISION_TARGET


def test_every_law_key_maps_to_a_registry_id_or_is_outside_it() -> None:
    registry = LawRegistry.default()
    inside = {key for key, law_id in corpus_predict.LAW_KEYS.items() if registry.by_id(law_id)}
    # The laws of issue 13's list are all in the registry now.
    assert {
        "grunnloven",
        "barneloven",
        "privatskolelova",
        "straffeloven",
        "likestillings-og-diskrimineringsloven",
        "introduksjonsloven",
        "integreringsloven",
        "arbeids-og-velferdsforvaltningsloven",
        "krisesenterlova",
        "familievernkontorloven",
        "barnekonvensjonen",
        "emk",
        "gdpr",
        "forskrift-habilitering",
        "forskrift-helsestasjon",
        "forskrift-opplæringslova-2006",
        "rammeplan-barnehage",
    } <= inside


# --- Real sentences, one per form of 4.1 (quoted from the corpus) ----------------------------

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # continuation: Prop. 57 L (2022–2023), «forskrifta» refers back to the regulation
        (
            "Formålet med foreldresamarbeidet er å «bidra til eleven si faglege og sosiale "
            "utvikling», jf. forskrift til opplæringslova § 20-1. Skolen skal halde kontakten med "
            "foreldra, halde foreldremøte, invitere til samtale med kontaktlærar og elles sørgje "
            "for informasjon og varsling om forhold som gjeld eleven, jf. forskrifta §§ 20-3 og "
            "20-4.",
            [
                Label("forskrift-opplæringslova-2006", section="20-1"),
                Label("forskrift-opplæringslova-2006", section="20-3"),
                Label("forskrift-opplæringslova-2006", section="20-4"),
            ],
        ),
        # regulation, chapter: «forskrift til opplæringslova» is never the act
        (
            "Det er gitt nærare reglar om foreldresamarbeid i forskrift til opplæringslova "
            "kapittel 20.",
            [Label("forskrift-opplæringslova-2006", chapter="20")],
        ),
        # name variants, lists: a list of the 14 welfare acts' cooperation duties
        (
            "Pasient- og brukerrettighetsloven § 2-5c\nBarnehageloven § 2b\nNav-loven § 15a\n"
            "Krisesenterloven § 4\nSosialtjenesteloven § 13",
            [
                Label("pasient-og-brukerrettighetsloven", section="2-5c"),
                Label("barnehageloven", section="2b"),
                Label("arbeids-og-velferdsforvaltningsloven", section="15a"),
                Label("krisesenterlova", section="4"),
                Label("sosialtjenesteloven", section="13"),
            ],
        ),
        # no-law: a section sign with no law in the passage (TVF208)
        ("Taushetsplikt (§§ 13 – 13 f)", [Label(None, section="13"), Label(None, section="13f")]),
        # old numbering: the 1998 act's § 15-8 under the shared name (TVF207)
        (
            "Opplæringsloven § 4A-14 og § 15-8",
            [
                Label("opplæringslova-1998", section="4A-14"),
                Label("opplæringslova-1998", section="15-8"),
            ],
        ),
        # quiet: a copy of a statute's table of contents
        (
            "Kapittel 1\nInnhaldet i opplæringa\n§ 1-1\nOpplæringa i grunnskolen\n§ 1-1a\n"
            "Rett til fysisk aktivitet",
            [],
        ),
    ],
)
def test_real_passages(text: str, expected: list[Label]) -> None:
    assert corpus_predict.predict(text) == expected


def test_articles_of_the_gdpr_in_a_real_passage() -> None:
    """«Personopplysningsloven og personvernforordningen artikkel 6 – 11 og 21 gjev utfyllande
    informasjon.» (a range and a list of articles, expanded with the data's article list)."""
    text = (
        "Personopplysningsloven og personvernforordningen artikkel 6 – 11 og 21 gjev "
        "utfyllande informasjon."
    )
    (cite,) = find_citations(text, 1, LawRegistry.default(), TODAY)
    assert cite.law is not None and cite.law.id == "LOV-2018-06-15-38/gdpr"
    assert cite.articles == ("6", "7", "8", "9", "10", "11", "21")
