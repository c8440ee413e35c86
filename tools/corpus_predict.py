"""Run tvf's real citation parser on the corpus of real passages (issue 13) and score it.

:func:`predict` reads a passage as a body (``laws.basis.find_body_citations``, the same
reading ``tvf check`` uses) and maps what it finds to the corpus's law keys with
:data:`LAW_KEYS`, the one table from corpus keys to registry IDs. A passage's ``written`` date
(the last day its source dates it to) is passed as the citing document's date, the way ``tvf
check`` passes a document's ``valid_from``. A citation tvf reports as the repealed law sharing a
name with the law in force (TVF207: the section is not in the law in force but was in the
repealed one, or the passage was written before the law in force came into force) counts as the
repealed law, as tvf's message says: what a coordinator sees. A section sign with no law
(TVF208) is ``law: null``.

    python tools/corpus_predict.py            # the per-form table (Markdown)
    python tools/corpus_predict.py --misses   # and every passage with a miss or a false hit
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from citation_corpus import Label, Passage, format_table, load_corpus, match, score_passages
from tverrfaglig.laws import Citation, LawRegistry
from tverrfaglig.laws.basis import find_body_citations
from tverrfaglig.laws.renumbering import OldNumbering, cited_as

#: The day the corpus is read on: names shared by a repealed law and its successor mean the
#: law in force on this day (handbook-format.md, 4.1).
TODAY = date(2026, 6, 1)

#: Corpus law key → registry ID (tests/laws/corpus/citations.yaml, «Law keys»). Keys whose
#: law the registry does not have map to the ID the text cites, where the corpus gives one.
LAW_KEYS: dict[str, str] = {
    "opplæringslova-1998": "LOV-1998-07-17-61",
    "opplæringslova-2023": "LOV-2023-06-09-30",
    "barnevernloven-1992": "LOV-1992-07-17-100",
    "barnevernsloven-2021": "LOV-2021-06-18-97",
    "barnehageloven": "LOV-2005-06-17-64",
    "helse-og-omsorgstjenesteloven": "LOV-2011-06-24-30",
    "pasient-og-brukerrettighetsloven": "LOV-1999-07-02-63",
    "helsepersonelloven": "LOV-1999-07-02-64",
    "forvaltningsloven": "LOV-1967-02-10",
    "folkehelseloven": "LOV-2011-06-24-29",
    "personopplysningsloven": "LOV-2018-06-15-38",
    "sosialtjenesteloven": "LOV-2009-12-18-131",
    "spesialisthelsetjenesteloven": "LOV-1999-07-02-61",
    "psykisk-helsevernloven": "LOV-1999-07-02-62",
    "kommuneloven": "LOV-2018-06-22-83",
    "politiloven": "LOV-1995-08-04-53",
    "menneskerettsloven": "LOV-1999-05-21-30",
    "grunnloven": "LOV-1814-05-17",
    "barneloven": "LOV-1981-04-08-7",
    "privatskolelova": "LOV-2003-07-04-84",
    "straffeloven": "LOV-2005-05-20-28",
    "likestillings-og-diskrimineringsloven": "LOV-2017-06-16-51",
    "integreringsloven": "LOV-2020-11-06-127",
    "introduksjonsloven": "LOV-2003-07-04-80",
    "arbeids-og-velferdsforvaltningsloven": "LOV-2006-06-16-20",
    "krisesenterlova": "LOV-2009-06-19-44",
    "familievernkontorloven": "LOV-1997-06-19-62",
    "barnekonvensjonen": "LOV-1999-05-21-30/bkn",
    "emk": "LOV-1999-05-21-30/emkn",
    "sp": "LOV-1999-05-21-30/spn",
    "øsk": "LOV-1999-05-21-30/oskn",
    "gdpr": "LOV-2018-06-15-38/gdpr",
    "forskrift-habilitering": "FOR-2011-12-16-1256",
    "forskrift-helsestasjon": "FOR-2018-10-19-1584",
    "forskrift-helsestasjon-2003": "FOR-2003-04-03-450",
    "forskrift-opplæringslova-2006": "FOR-2006-06-23-724",
    "opplæringsforskrifta-2024": "FOR-2024-06-03-900",
    "rammeplan-barnehage": "FOR-2017-04-24-487",
    "pasientjournalforskriften": "FOR-2019-03-01-168",
    "kommunehelsetjenesteloven": "LOV-1982-11-19-66",
    "sosialtjenesteloven-1991": "LOV-1991-12-13-81",
    "kommuneloven-1992": "LOV-1992-09-25-107",
    "helseforetaksloven": "LOV-2001-06-15-93",
    "diskrimineringsloven-seksuell-orientering": "LOV-2013-06-21-58",
    "likestillingsloven-2013": "LOV-2013-06-21-59",
    "diskrimineringsloven-etnisitet": "LOV-2013-06-21-60",
    "diskriminerings-og-tilgjengelighetsloven": "LOV-2013-06-21-61",
    "sykehusloven": "LOV-1969-06-19-57",
    "endringslov-2023-12-20-106": "LOV-2023-12-20-106",
    "endringslov-2021-06-11-78": "LOV-2021-06-11-78",
    "endringslov-2020-06-19-89": "LOV-2020-06-19-89",
    "forskrift-individuell-plan-velferdstjenester": "FOR-2022-06-22-1110",
    "forskrift-ledelse-kvalitetsforbedring": "FOR-2016-10-28-1250",
    "forskrift-fysisk-sikkerhet-krisesenter": "FOR-2017-03-07-282",
    "forskrift-oversikt-folkehelsen": "FOR-2012-06-28-692",
    "journalforskriften-1989": "FOR-1989-03-17-277",
    # Laws the registry gained for the texts that cite them (data/laws.yaml, «Other laws»).
    "straffeloven-1902": "LOV-1902-05-22-10",
    "vergemålsloven": "LOV-2010-03-26-9",
    "navneloven": "LOV-2002-06-07-19",
    "politiregisterloven": "LOV-2010-05-28-16",
    "tannhelsetjenesteloven": "LOV-1983-06-03-54",
    "ekteskapsloven": "LOV-1991-07-04-47",
    "smittevernloven": "LOV-1994-08-05-55",
    "regnskapsloven": "LOV-1998-07-17-56",
    "foreldelsesloven": "LOV-1979-05-18-18",
    "forbrukerkjøpsloven": "LOV-2002-06-21-34",
    "forskrift-miljørettet-helsevern": "FOR-2003-04-25-486",
    "journalforskriften-2000": "FOR-2000-12-21-1385",
    "rammeplan-barnehage-2006": "FOR-2006-03-01-266",
    "vergemålsloven-1927": "LOV-1927-04-22-3",
    "ligningsloven": "LOV-1980-06-13-24",
    "samordningsloven": "LOV-1957-07-06-26",
    "fylkeskommuners-folkehelselov": "LOV-2009-06-19-65",
    "forskrift-familiebarnehager": "FOR-2005-12-16-1555",
    "forskrift-foreldrebetaling": "FOR-2005-12-16-1478",
    "forskrift-miljørettet-helsevern-barnehager-skoler": "FOR-1995-12-01-928",
    "forskrift-sosiale-tjenester-uten-fast-bopel": "FOR-2011-12-16-1251",
}
_BY_ID = {law_id: key for key, law_id in LAW_KEYS.items()}


def predict(
    text: str, registry: LawRegistry | None = None, written: date | None = None
) -> list[Label]:
    """What tvf's parser finds in ``text`` of a document written on ``written`` (None: no
    date known), as corpus labels."""
    registry = registry or LawRegistry.default()
    labels: list[Label] = []
    for cite in find_body_citations(text, 1, registry, TODAY):
        if cite.unresolved:
            key = None
        else:
            law_id = cite.law.id if cite.law is not None else cite.law_text
            key = _BY_ID.get(law_id, f"?{cite.law_text}")
        units = (
            [("article", a) for a in cite.articles]
            or [("section", s) for s in cite.sections]
            or ([("chapter", cite.chapter)] if cite.chapter else [])
        )
        if not units:
            if key is not None:
                labels.append(Label(_meant(registry, cite, None, written, key)))
            continue
        for unit, number in units:
            section = number if unit == "section" else None
            chapter = number if unit == "chapter" else None
            unit_key = (
                key if unit == "article" else _meant(registry, cite, section, written, key, chapter)
            )
            labels.append(Label(unit_key, **{unit: number}))
    return labels


def _meant(
    registry: LawRegistry,
    cite: Citation,
    section: str | None,
    written: date | None,
    key: str | None,
    chapter: str | None = None,
) -> str | None:
    """The corpus key of the law tvf reports ``cite`` as citing (:func:`cited_as`)."""
    if cite.law is None:
        return key
    meant = cited_as(registry, cite.law, cite.law_text, section, written, chapter)
    if meant is None:
        return key
    old_law = meant.old_law if isinstance(meant, OldNumbering) else meant
    return _BY_ID.get(old_law.id, key)


def predict_passage(passage: Passage, registry: LawRegistry | None = None) -> list[Label]:
    """:func:`predict` on a corpus passage, dated as its source dates it."""
    return predict(passage.text, registry, passage.written_by)


def main(argv: list[str]) -> int:
    passages = load_corpus()
    registry = LawRegistry.default()
    scores = score_passages(passages, lambda passage: predict_passage(passage, registry))
    table = format_table(scores, passages)
    print(table, end="")
    if "--misses" in argv:
        for passage in passages:
            got = predict_passage(passage, registry)
            tp, fp, fn = match(passage.citations, got)
            if fp or fn:
                print(
                    f"\n#{passage.index} {passage.forms} written={passage.written} "
                    f"tp={tp} fp={fp} fn={fn}"
                )
                print("  text:", passage.text[:400].replace("\n", "\\n"))
                print("  gold:", [(c.law, c.number, c.range_to) for c in passage.citations])
                print("  got: ", [(c.law, c.number) for c in got])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
