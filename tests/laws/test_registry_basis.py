"""A law named as a legal basis without a section (laws.basis; corpus form «whole-law»), on
sentences quoted from the corpus's texts (tests/laws/corpus/citations.yaml), and the sentences
that must stay quiet."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tverrfaglig.laws import LawRegistry
from tverrfaglig.laws.basis import find_body_citations

from helpers import doc_text, handbook, meta, run_check

TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def registry() -> LawRegistry:
    return LawRegistry.default()


def laws_of(text: str, registry: LawRegistry) -> list[tuple[str | None, tuple[str, ...]]]:
    return [
        (cite.law.id if cite.law else None, cite.sections)
        for cite in find_body_citations(text, 1, registry, TODAY)
    ]


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        (
            "Kommunen skal tilby koordinator for barn med behov for langvarige og koordinerte "
            "tjenester etter helse- og omsorgstjenesteloven.",
            "Trondheim kommune: Koordinator og barnekoordinator",
            [("LOV-2011-06-24-30", ())],
        ),
        (
            "Forskriften er hjemlet i lov om kommunale helse- og omsorgstjenester m.m. "
            "(helse- og omsorgstjenesteloven) og lov om vern mot smittsomme sykdommer "
            "(smittevernloven).",
            "Helsedirektoratet: Veileder til forskrift om kommunens helsefremmende og "
            "forebyggende arbeid i helsestasjons- og skolehelsetjenesten",
            [("LOV-2011-06-24-30", ()), ("LOV-1994-08-05-55", ())],
        ),
        (
            "Drift av barnehager reguleres av lover, forskrifter og barnehagens vedtekter.\n\n"
            "Alle barnehager skal i følge barnehageloven ha vedtekter.",
            "Familiebarnehagegruppen: Vedtekter",
            [("LOV-2005-06-17-64", ())],
        ),
        (
            "I norsk lovgivning er barns rett til å bli hørt i helsespørsmål som angår dem, "
            "sikret i pasientrettighetsloven og psykisk helsevernloven. Alle lover finnes på "
            "www.lovdata.no.",
            "Voksne for Barn: Med loven i hånd",
            [("LOV-1999-07-02-63", ()), ("LOV-1999-07-02-62", ())],
        ),
        (
            "Vedtektene gir opplysninger som er viktige for foreldrenes forhold til barnehagen "
            "Alle barnehager skal ha vedtekter (barnehageloven) Det er barnehageeier som "
            "fastsetter vedtektene",
            "Tønsberg kommune: Vedtekter for barnehagene",
            [("LOV-2005-06-17-64", ())],
        ),
        (
            "Lover\n\nDette er en lovregulert tjeneste.\n\nLov om sosiale tjenester i arbeids- "
            "og velferdsforvaltningen § 17 Opplysning, råd og veiledning\nLov om "
            "behandlingsmåten i forvaltningssaker (forvaltningsloven)",
            "Nordre Land kommune: Opplysninger, råd og veiledning",
            [("LOV-2009-12-18-131", ("17",)), ("LOV-1967-02-10", ())],
        ),
        (
            "Personopplysningsloven og personvernforordningen artikkel 6 – 11 og 21 gjev "
            "utfyllande informasjon.",
            "Ulvik herad: Personvern, Formål",
            [("LOV-2018-06-15-38/gdpr", ()), ("LOV-2018-06-15-38", ())],
        ),
    ],
)
def test_a_law_the_text_rests_on_is_cited_as_a_whole(
    registry: LawRegistry, text: str, source: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert laws_of(text, registry) == expected, source


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        # The same law with a section in the text: counted through the section.
        (
            "I følge opplæringsloven § 14-1 er det statsforvalteren som fører tilsyn med at "
            "kommunene og fylkeskommunene oppfyller de pliktene de er pålagt i eller i medhold av "
            "opplæringsloven.",
            "Udir-05-2013, Del II, 11. Statsforvalterens tilsynsansvar",
            [("LOV-2023-06-09-30", ("14-1",))],
        ),
        # A law merely named as the subject of a sentence stays quiet.
        (
            "Akuttvedtak etter barnevernloven er enten det loven kaller hastevedtak eller det som "
            "omtales som midlertidige vedtak.",
            "NOU 2005: 9, pkt. 18.1",
            [],
        ),
        (
            "Taushetsplikten etter forvaltningsloven innebærer en plikt til å hindre at "
            "uvedkommende får informasjon av personlig eller forretningsmessig karakter.",
            "Taushetsplikt, opplysningsrett og opplysningsplikt i forvaltningen – en veileder",
            [],
        ),
        # A list heading followed by a sentence, not by names of laws.
        (
            "Lover\n\nDette er en lovregulert tjeneste.",
            "Nordre Land kommune: Opplysninger, råd og veiledning",
            [],
        ),
    ],
)
def test_what_stays_as_it_was(
    registry: LawRegistry, text: str, source: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert laws_of(text, registry) == expected, source


def test_a_list_headed_lovgrunnlag(registry: LawRegistry) -> None:
    text = (
        "Lovgrunnlag:\n"
        "- Lov om behandlingsmåten i forvaltningssaker (forvaltningsloven)\n"
        "- Barnehageloven - Lovdata\n"
        "- Barnehageloven regulerer det meste som gjelder barnehagene i kommunen.\n"
    )
    assert laws_of(text, registry) == [("LOV-1967-02-10", ()), ("LOV-2005-06-17-64", ())]


def test_tvf_check_reads_a_repealed_basis_law(tmp_path: Path) -> None:
    """A document that rests on a repealed act hears about it (TVF203), with the line."""
    body = "Tekst.\n\nTiltaket ble gitt som tjenester etter kommunehelsetjenesteloven.\n"
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta("I.1-1"), body)})
    found = [f for f in run_check(root).findings if f.code == "TVF203"]
    assert len(found) == 1
    assert "kommunehelsetjenesteloven" in found[0].message


HAB = "FOR-2011-12-16-1256"  # forskrift om habilitering og rehabilitering, …


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        (
            "Forskrift om individuell plan ved ytelse av velferdstjenester.\n"
            "Forskrift om habilitering, rehabilitering og koordinator.",
            "Levanger kommune: Individuell plan, list «Aktuelt lovverk»",
            [("FOR-2022-06-22-1110", ()), (HAB, ())],
        ),
        (
            "Bestemmelsene utdypes i forskrift om habilitering og rehabilitering, individuell "
            "plan og koordinator. Rutiner for samarbeid mellom kommunene og "
            "spesialisthelsetjenesten skal nedfelles i samarbeidsavtaler jf. helse- og "
            "omsorgstjenesteloven §§ 6-1 og 6-2.",
            "Vennesla kommune: Koordinerende enhet",
            [("LOV-2011-06-24-30", ("6-1", "6-2")), (HAB, ())],
        ),
        (
            "I tråd med Folkehelselova §5 og forskrift om oversikt over folkehelsa skal kommunen "
            "kvart fjerde år utarbeida ei skriftleg oversikt over helsestilstanden.",
            "Jondal kommune: Folkehelse (20.06.2017)",
            [("LOV-2011-06-24-29", ("5",)), ("FOR-2012-06-28-692", ())],
        ),
        # With a section, the parser cites it; the title adds nothing.
        (
            "§ 19 i forskrift om habilitering og rehabilitering, individuell plan og koordinator "
            "gir oppskrift på hovedpunktene i en plan:",
            "Helsedirektoratet (corpus #36)",
            [(HAB, ("19",))],
        ),
    ],
)
def test_a_regulation_named_by_its_full_title(
    text: str,
    source: str,
    expected: list[tuple[str | None, tuple[str, ...]]],
    registry: LawRegistry,
) -> None:
    assert laws_of(text, registry) == expected, source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # A regulation being made is not cited (Lovdata, Lovtidend 7. mars 2006).
        (
            "Kunnskapsdepartementet fastsatte 1. mars 2006 forskrift om rammeplan for "
            "barnehagens innhold og oppgaver.",
            "Lovdata: Forskrift om rammeplan for barnehagens innhold og oppgaver",
        ),
        # A title that goes on is another regulation (Storfjord kommune: School Health Services;
        # «… i barnehager og skoler» is the repealed regulation of 1995, not FOR-2003-04-25-486).
        (
            "Rules and regulations\nForskrift om miljørettet helsevern i barnehager og skoler",
            "Storfjord kommune: School Health Services (English page)",
        ),
        # A regulation's own heading, with how it was made on the next line (Forskrift om
        # foreldrebetaling i barnehager (2005), as reproduced on skoledata.net).
        (
            "Forskrift om foreldrebetaling i barnehager\nFastsatt ved kgl.res. 16. desember 2005 "
            "med hjemmel i",
            "skoledata.net: Forskrift om foreldrebetaling i barnehager",
        ),
        # The repealed regulation of 2006 has the title of the one in force (written by us):
        # which is meant cannot be told, and a repealed one would be an error (TVF203).
        (
            "Barnehagen følger forskrift om rammeplan for barnehagens innhold og oppgaver.",
            "written by us",
        ),
    ],
)
def test_a_regulation_title_that_is_not_a_citation(
    text: str, source: str, registry: LawRegistry
) -> None:
    assert laws_of(text, registry) == [], source


def test_a_lovdata_page_title_on_a_line_of_its_own(registry: LawRegistry) -> None:
    # Seed «Mandat tverrfaglige nettverk», list «Lover, veiledere og retningslinjer»
    # (/work/shared/seeds/000_f57a712796a4a10c.txt): link texts copied from Lovdata's pages.
    text = (
        "Barnehageloven § 2 b.Samarbeid og samordning\n"
        "Lov om pasient- og brukerrettigheter (pasient- og brukerrettighetsloven) - Lovdata\n"
        "Lov om helsepersonell m.v. (helsepersonelloven) - Kapittel 5. Taushetsplikt og "
        "opplysningsrett - Lovdata"
    )
    assert laws_of(text, registry) == [
        ("LOV-2005-06-17-64", ("2b",)),
        ("LOV-1999-07-02-64", ()),  # kapittel 5 (the chapter is not in this tuple)
        ("LOV-1999-07-02-63", ()),
    ]
    # A name in running text before «- Lovdata» is not a page title (written by us).
    text = "Les mer om barnehageloven og annet regelverk - Lovdata"
    assert laws_of(text, registry) == []


def test_laws_find_reads_a_regulation_title_and_a_glued_id(tmp_path: Path) -> None:
    """The real CLI on a text (Vennesla kommune: Koordinerende enhet; Luster kommune's copy of
    Lovdata's header for helse- og omsorgstenestelova)."""
    from law_fixtures import invoke

    text = tmp_path / "utkast.txt"
    text.write_text(
        "Bestemmelsene utdypes i forskrift om habilitering og rehabilitering, individuell plan "
        "og koordinator.\n\nDatoLOV-2011-06-24-30\n",
        encoding="utf-8",
    )
    code, output = invoke("laws", "find", str(text), "--format", "json")
    assert code == 0
    found = {(c["law"], c["section"], c["documents"][0]["line"]) for c in json.loads(output)}
    assert found == {("FOR-2011-12-16-1256", None, 1), ("LOV-2011-06-24-30", None, 3)}


def test_a_list_of_laws_glued_together_where_its_line_breaks_were_lost(
    registry: LawRegistry,
) -> None:
    # Storfjord kommune: School Health Services (English page): a list «Laws» whose items lost
    # their line breaks when the page was read as text.
    text = (
        "This is a statutory service. See Section 3-1 of the Health Care Act.\nLaws\n"
        "Helse- og omsorgstjenestelovenHelsepersonelloven\nPasient- og brukerrettighetsloven\n"
        "Rules and regulations\nForskrift om helsestasjons- og skolehelsetjenestenForskrift om "
        "miljørettet helsevern i barnehager og skoler"
    )
    assert laws_of(text, registry) == [
        ("LOV-2011-06-24-30", ()),
        ("LOV-1999-07-02-64", ()),
        ("LOV-1999-07-02-63", ()),
        ("FOR-2018-10-19-1584", ()),
        # The regulation of 1995, repealed 2023-07-01 (a repealed basis is still cited: TVF203).
        ("FOR-1995-12-01-928", ()),
    ]
    old = registry.by_id("FOR-1995-12-01-928")
    assert old is not None and old.replaced_by == "FOR-2023-03-28-449"


@pytest.mark.parametrize(
    "text",
    [
        # A capital inside a word is no glued name: «iPad», and a law's name inside a word.
        "Elevene bruker iPad i undervisningen.",
        "Se HelsepersonellovenKommentarer.",
        # In a list of laws, a name glued to a word that is no name is not the line's name.
        "Lover\nHelsepersonellovenKommentarer til paragrafene",
        "Lover\nBarnehagelovenx",
    ],
)
def test_glue_is_only_a_change_of_case_between_two_names(text: str, registry: LawRegistry) -> None:
    assert laws_of(text, registry) == []


@pytest.mark.parametrize(
    "text",
    [
        # A short name given to the law named right before the brackets is no citation of its
        # own (Stortinget's rammeplan of 2017; written by us after Lovdata's titles).
        "Forskrift om rammeplan for barnehagens innhold og oppgaver (rammeplanen) fastsetter "
        "utfyllende bestemmelser.",
        "Lov om barnehager (barnehageloven) trådte i kraft i 2006.",
        # A title alone on its line, without its short name, may be a heading (written by us).
        "Lov om behandlingsmåten i forvaltningssaker\n\nLoven gjelder for forvaltningsorganer.",
        # Not a name in brackets that is no law's, nor a section in them.
        "Alle barnehager skal ha vedtekter (se vedtektene).",
    ],
)
def test_a_name_in_brackets_that_is_not_a_source(text: str, registry: LawRegistry) -> None:
    assert laws_of(text, registry) == []


def test_two_laws_named_together(registry: LawRegistry) -> None:
    # NOU 2004: 18 Helhet og plan i sosial- og helsetjenestene, pkt. 8.2. Read here without its
    # date, «Sosialtjenesteloven» is the act in force; the corpus, with the date, the act of 1991.
    text = (
        "Både Kommunehelsetjenesteloven og Sosialtjenesteloven har bestemmelser om rettskrav "
        "på tjenester når visse vilkår er oppfylt."
    )
    assert [law for law, _units in laws_of(text, registry)] == [
        "LOV-1982-11-19-66",
        "LOV-2009-12-18-131",
    ]
    # One law named alone is still no citation in running text (written by us).
    assert laws_of("Kommunehelsetjenesteloven og kommunen har ansvar.", registry) == []


def test_a_title_with_the_act_s_year(registry: LawRegistry) -> None:
    # Juridika Innsikt: Barnevernsloven – nytt og gammelt på samme tid.
    text = (
        "Lov om barnevern (barnevernsloven) LOV-2021-06-18-97 trådte med noen få unntak i kraft "
        "1.1.2023. Den avløser dermed lov om barneverntjenester fra 1992, og et svært viktig "
        "felt innenfor velferdsretten har fått en oppdatert lovgivning."
    )
    assert [law for law, _units in laws_of(text, registry)] == [
        "LOV-2021-06-18-97",
        "LOV-1992-07-17-100",
    ]
    # Not a year that is not the act's own (written by us).
    assert laws_of("Endringer i lov om barneverntjenester fra 2009 trådte i kraft.", registry) == []


def test_an_unknown_law_in_a_list_after_a_cue(registry: LawRegistry) -> None:
    # Ot.prp. nr. 13 (1998-99), pkt. 13.2.1: legeloven is not in the registry; the list «… og
    # sykehusloven» after «i medhold av» goes on past it. (The regulation of 1989, cited by date
    # and number, is not in the registry either: an unknown law, TVF201.)
    text = (
        "Mer detaljerte regler finner man i forskrift av 17 mars 1989 nr 277 om leges og "
        "helseinstitusjons journal for pasient (kalt journalforskriften), som er gitt i medhold "
        "av legeloven og sykehusloven."
    )
    assert [law for law, _units in laws_of(text, registry)] == [None, "LOV-1969-06-19-57"]
    # An unknown law does not start a list under a heading (written by us).
    assert laws_of("Lover\nlegeloven og sykehusloven", registry) == []
