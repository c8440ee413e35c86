"""The citation grammar on real sentences (issue 13; handbook-format.md 4 and 4.1).

Every sentence here is quoted from the corpus of real passages (tests/laws/corpus/citations.yaml),
with its source; each test pins one rule of the grammar that the corpus showed missing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tverrfaglig.laws.parser import Citation, find_citations
from tverrfaglig.laws.registry import LawRegistry, load_registry

TODAY = date(2026, 6, 1)
KHTL = "LOV-1982-11-19-66"  # kommunehelsetjenesteloven (repealed)
KOML = "LOV-2018-06-22-83"  # kommuneloven
KSL = "LOV-2009-06-19-44"  # krisesenterlova
HOL = "LOV-2011-06-24-30"
FVL = "LOV-1967-02-10"
BKN = "LOV-1999-05-21-30/bkn"
GRL = "LOV-1814-05-17"


@pytest.fixture(scope="module")
def default() -> LawRegistry:
    return LawRegistry.default()


def cited(text: str, registry: LawRegistry) -> list[tuple[str | None, tuple[str, ...]]]:
    """Each citation as (law ID or the unknown law's text, its sections/articles/chapter)."""

    def units(cite: Citation) -> tuple[str, ...]:
        return cite.sections or cite.articles or ((cite.chapter,) if cite.chapter else ())

    return [
        (
            None
            if cite.unresolved
            else cite.law.id
            if cite.law is not None
            else f"?{cite.law_text}",
            units(cite),
        )
        for cite in find_citations(text, 1, registry, TODAY)
    ]


def test_a_chapter_letter_written_apart(default: LawRegistry) -> None:
    # Udir-3-2017 Skolemiljø, 6.1 (Utdanningsdirektoratet): «§ 9 A-4» is § 9A-4, not § 9A.
    text = (
        "For å sikre elevene denne retten, har skolen en aktivitetsplikt etter "
        "oppll. § 9 A-4. Det er en skjerpet aktivitetsplikt i saker der ansatte krenker "
        "elever, jf. oppll. § 9 A-5."
    )
    found = [units for _law, units in cited(text, default)]
    assert found == [("9A-4",), ("9A-5",)]
    # A lower-case letter after a space stays the section's letter (section 4: «§ 2 b»).
    assert cited("barnehageloven § 2 b-samarbeid", default)[0][1] == ("2b",)


def test_unicode_hyphens_inside_a_section(default: LawRegistry) -> None:
    # Forslag til ny folkehelselov (høringsnotat), pkt. 12.1.1: U+2010 in «§ 1‐4».
    text = (
        "Kommunens helsetjeneste skal etter kommunehelsetjenesteloven § 1\u20104 ”til enhver tid”."
    )
    assert cited(text, default) == [(KHTL, ("1-4",))]
    cite = find_citations(text, 1, default, TODAY)[0]
    assert cite.nonstandard == ()  # a hyphen, not the en dash tvf notes


def test_footnote_digits_glued_to_a_law_name(default: LawRegistry) -> None:
    # KMD rundskriv 2000, Taushetsplikt for folkevalgte, pkt. 4.1 (regjeringen.no): the
    # footnote marks «10)», «11)», «12)» sit between each law and its «§»; the sections are
    # those laws', not forvaltningsloven's (named earlier in the paragraph).
    text = (
        "I den grad man er underlagt taushetsplikt etter slik særlov gjelder reglene i "
        "forvaltningsloven som utfyllende regler, se dennes § 13 f. Viktige særregler finnes i "
        "ligningsloven10) § 3-13, sosialtjenesteloven11) § 8-8 og barnevernloven12) § 6-7."
    )
    found = cited(text, default)
    assert found[0] == (FVL, ("13f",))
    # ligningsloven (1980, repealed 2017) is in the registry now: the name names it.
    assert found[1] == ("LOV-1980-06-13-24", ("3-13",))
    assert [law for law, _units in found[2:]] == [
        default.resolve("sosialtjenesteloven", TODAY).id,  # type: ignore[union-attr]
        default.resolve("barnevernloven", TODAY).id,  # type: ignore[union-attr]
    ]
    assert FVL not in {law for law, _units in found[1:]}


def test_an_article_with_the_next_law_glued_to_it(default: LawRegistry) -> None:
    # Udir-2-2016, 3. Barnets sjølvråderett (Utdanningsdirektoratet): a lost space.
    text = (
        "etter alder og mognad, jf. barnekonvensjonen artikkel 12Grunnloven § 104 første ledd "
        "og barnelova § 31."
    )
    found = cited(text, default)
    assert found[:2] == [(BKN, ("12",)), (GRL, ("104",))]
    # A number and a lower-case word stay apart from any article: «art. 5tje» is nothing.
    assert cited("barnekonvensjonen artikkel 5te", default) == []


def test_more_sections_after_one_section_sign(default: LawRegistry) -> None:
    # Balsfjord kommune, Child Coordinator: «§ 3-4 og 7-2a».
    text = "Helse- og omsorgstjenesteloven § 3-4 og 7-2a\nIntegreringsloven § 50."
    assert cited(text, default)[0] == (HOL, ("3-4", "7-2a"))
    # Only sections with a dash, and only when the first has one: «hol § 2 og 3» is § 2, and a
    # number of something else stays out («§ 3-4 og 7. trinn»).
    assert cited("hol § 2 og 3", default) == [(HOL, ("2",))]
    assert cited("hol § 3-4 og 7-2 trinn", default) == [(HOL, ("3-4",))]


def test_a_chapter_continues_the_law_of_the_chapter_before(default: LawRegistry) -> None:
    # regjeringen.no, Veileder om interkommunalt samarbeid, pkt. 6.1.
    text = (
        "Kommuneloven kapittel 18 har regler for interkommunalt politisk råd og kapittel 19 har "
        "regler for kommunalt oppgavefellesskap. Disse kapitlene regulerer bare de mest sentrale "
        "forholdene. Se kapittel 4."
    )
    assert cited(text, default) == [(KOML, ("18",)), (KOML, ("19",))]


def test_a_chapter_after_a_section_is_the_texts_own(default: LawRegistry) -> None:
    # Forslag til ny folkehelselov (høringsnotat), pkt. 12.1.1: «kapittel 11» is the paper's.
    text = (
        "Kommunens helsetjeneste skal etter kommunehelsetjenesteloven § 1-4 ha oversikt. En "
        "bredere redegjørelse er gitt i kapittel 11."
    )
    assert cited(text, default) == [(KHTL, ("1-4",))]


def test_an_amending_act_is_not_what_a_later_section_refers_to(default: LawRegistry) -> None:
    # Bufdir, Rundskriv til krisesenterlova (20/2026).
    text = (
        "Disse omfatter blant annet krisesenterlova § 4 om samarbeid og samordning, § 6 om "
        "opplysningsplikt til barnevernstjenesten og § 7 om politiattest. Videre ble § 6 a føyd "
        "til med lov 11. juni 2021 nr. 78 (i kraft 1. august 2022). Reglene om internkontroll i "
        "§ 8 ble opphevet med lov 19. juni 2020 nr. 89 (i kraft 1. januar 2021), og følger nå "
        "av kommuneloven § 25-1."
    )
    found = cited(text, default)
    assert (KSL, ("8",)) in found
    assert [units for law, units in found if law == KSL] == [
        ("4",),
        ("6",),
        ("7",),
        ("6a",),
        ("8",),
    ]
    # The amending acts are still cited, as whole laws.
    assert ("?LOV-2021-06-11-78", ()) in found or ("LOV-2021-06-11-78", ()) in found


def test_a_law_name_hyphenated_at_a_line_break(default: LawRegistry) -> None:
    # 9pdf.net, «3.9.4 Departementets vurderinger»: «regnskaps-loven» is regnskapsloven (in the
    # registry since the laws real texts cite were added), not «loven» (a back-reference to
    # likestillings- og diskrimineringsloven).
    text = (
        "i samsvar med likestillings- og diskrimineringsloven §§ 26 og 26 a og regnskaps-loven "
        "§ 3 – 3c."
    )
    found = cited(text, default)
    assert found[-1][0] == "LOV-1998-07-17-56"
    # A known law hyphenated the same way is that law.
    assert cited("jf. opplærings-lova § 9 A-4", default)[0][1] == ("9A-4",)


OPPL_1998 = "LOV-1998-07-17-61"
OPPL_2023 = "LOV-2023-06-09-30"


def test_a_law_named_with_its_era(default: LawRegistry) -> None:
    # Fagbokforlaget, Krav til det psykososiale og fysiske skolemiljøet (issuu): «ny» is the
    # act in force, «tidligere» the repealed act that shared its name.
    text = (
        "Kapittel 12 i ny opplæringslov\n(Kapittel 12 erstatter deler av kapittel 9 A i "
        "tidligere opplæringslov)."
    )
    found = cited(text, default)
    assert found[0] == (OPPL_2023, ("12",))
    assert found[-1] == (OPPL_1998, ("9A",))


def test_ny_lov_refers_back_to_the_law_named_new(default: LawRegistry) -> None:
    # Statsforvalteren i Oslo og Viken, «Ny opplæringslov: Informasjon og veiledning»
    # (20.02.2024): «kap. 11 i ny lov» after «ny opplæringslov».
    text = (
        "Videre kommer ny opplæringslov til å være tema på vår kommende kommunesamling 16. - "
        "17. april for kommunalsjefer, hvor Utdanningsdirektoratet skal snakke om kap. 11 i ny "
        "lov."
    )
    assert cited(text, default) == [(OPPL_2023, ("11",))]
    # With no law named «ny …» before it, «kapittel 11 i ny lov» is a text's own: quiet.
    assert cited("Dette er omtalt i kapittel 11 i ny lov.", default) == []


def test_a_draft_act_is_no_law(default: LawRegistry) -> None:
    # Prop. 169 L (2016–2017), pkt. 14.1: «forslag til ny barnevernlov …
    # forslag til ny § 7» is a draft's section (TVF208), not barnevernsloven § 7.
    text = (
        "Også Barnevernslovutvalget har i sitt forslag til ny barnevernlov utformet en ny "
        "bestemmelse om opplysningsplikt. Utvalgets forslag til ny § 7 er tilpasset utvalgets "
        "øvrige forslag til nye bestemmelser."
    )
    assert cited(text, default) == [(None, ("7",))]


def test_an_unknown_law_by_its_title(default: LawRegistry) -> None:
    # Stortinget, Lov om familievernkontorer (Lagtinget 5. juni 1997): a law tvf does not know,
    # by its title; an unknown law (TVF201), not a section sign with no law (TVF208).
    text = (
        "Familievernkontorene skal foreta mekling etter lov om ekteskap § 26 og barneloven § 34 "
        "tredje ledd og § 44 tredje ledd."
    )
    found = cited(text, default)
    # ekteskapsloven is in the registry now (the laws real texts cite), so its title names it.
    assert found[0] == ("LOV-1991-07-04-47", ("26",))
    assert [units for _law, units in found[1:]] == [("34",), ("44",)]
    # A title the registry lacks (husleieloven's, written by us after the sentence above) is an
    # unknown law, not the law cited before or after it.
    found = cited(
        "Leieavtalen sies opp etter lov om husleieavtaler § 9-5 og barneloven § 34.", default
    )
    assert found[0] == ("?lov om husleieavtaler", ("9-5",))
    # Helsedirektoratet, Veileder om rehabilitering …, kap. 1.1: a title written another way
    # is not the law cited before it (helse- og omsorgstjenesteloven).
    text = (
        "jfr. pasient- og brukerrettighetsloven § 1-3, punkt d, helse- og omsorgstjenesteloven "
        "§ 3-2, pkt 5 og i spesialisthelsetjenesten jfr. lov om spesialisthelsetjeneste § 2-1 a."
    )
    # «lov om spesialisthelsetjeneste» is a title variant the registry now knows.
    assert cited(text, default)[-1] == ("LOV-1999-07-02-61", ("2-1a",))
    # The title ends right before the «§», in a word that can end one: in «lov om
    # husleieavtaler, jf. § 4» and «… og § 4» the unknown title is not read as a law before
    # the «§», and the section has no law that can be told.
    assert cited("Se lov om husleieavtaler, jf. § 4.", default) == [(None, ("4",))]
    assert cited("Se lov om husleieavtaler og § 4.", default) == [(None, ("4",))]
    # A title the registry knows (ekteskapsloven's, among the laws real texts cite) is the law
    # named last in the paragraph, which a «§» with no law right before it continues (4.1).
    assert cited("Se lov om ekteskap, jf. § 4.", default) == [("LOV-1991-07-04-47", ("4",))]


def test_an_unknown_regulation_by_title_or_name(default: LawRegistry) -> None:
    # A list of a regulation's sections (Lovdata headings) and Helsedirektoratet,
    # Helsepersonelloven med kommentarer, § 39.
    text = (
        "- Forskrift om familiebarnehager - § 1. Forskriftens formål og virkeområde\n"
        "- Forskrift om familiebarnehager - § 2. Godkjenning av organiseringen"
    )
    # Forskrift om familiebarnehager (FOR-2005-12-16-1555) is in the registry now: its title
    # names it.
    assert cited(text, default) == [
        ("FOR-2005-12-16-1555", ("1",)),
        ("FOR-2005-12-16-1555", ("2",)),
    ]
    # A regulation the registry lacks, in the same form (written by us), is an unknown one,
    # not the law cited before it.
    text = (
        "- Forskrift om internkontroll i kommunalt NAV - § 1. Formål\n"
        "- Forskrift om internkontroll i kommunalt NAV - § 2. Virkeområde"
    )
    assert cited(text, default) == [
        ("?Forskrift om internkontroll i kommunalt NAV", ("1",)),
        ("?Forskrift om internkontroll i kommunalt NAV", ("2",)),
    ]
    # journalforskriften (2000) is in the registry now: its name names it.
    text = "må derfor opprette pasientjournalsystemer, jf. journalforskriften § 4."
    assert cited(text, default) == [("FOR-2000-12-21-1385", ("4",))]


def test_a_translated_table_of_contents_is_quiet(default: LawRegistry) -> None:
    # global-regulation.com, The Law On Patient And User Rights (machine translation).
    text = (
        "Chapter overview: Chapter 1. General provisions (§ § 1-1-1-3) Chapter 2. The right to "
        "health and care services and transportation (§ § 2-1-2-8)"
    )
    assert cited(text, default) == []


def test_a_paragraph_that_names_no_law_continues_the_one_before(default: LawRegistry) -> None:
    # Forslag til ny folkehelselov (høringsnotat), pkt. 12.1.1.
    text = (
        "Kommunens helsetjeneste skal etter kommunehelsetjenesteloven § 1-4 ha oversikt over "
        "helsetilstanden i kommunen.\n\nKommunestyret skal videre etter § 4a\u20102 ha tilsyn "
        "med faktorer i miljøet. Disse omfatter blant annet sosiale miljøfaktorer jf. § 4a\u20101, "
        "første ledd."
    )
    assert cited(text, default) == [(KHTL, ("1-4",)), (KHTL, ("4A-2",)), (KHTL, ("4A-1",))]
    # Karnov Group, helse- og omsorgstjenesteloven (introduction): «loven» and the sections of
    # the second paragraph are the act the first one names; «mens § 13-3» is no genitive.
    text = (
        "Lov 24. juni 2011 nr. 30 om kommunale helse- og omsorgstjenester m.m. (helse- og "
        "omsorgstjenesteloven eller hol.) hører under Helse- og omsorgsdepartementet (HOD).\n\n"
        "Med unntak av § 3-5 tredje ledd og § 13-3 annet ledd nr. 15 og nr. 23 trådte loven i "
        "kraft 1. januar 2012, jf. § 13-1 og kgl.res. 16. desember 2011 nr. 1252. Paragraf 3-5 "
        "tredje ledd trådte først i kraft 1. januar 2016, mens § 13-3 annet ledd i sin helhet "
        "trådte i kraft 1. april 2014."
    )
    assert [units for law, units in cited(text, default) if law == HOL] == [
        (),
        ("3-5",),
        ("13-3",),
        ("13-1",),
        ("3-5",),
        ("13-3",),
    ]


def test_only_the_paragraph_right_before_and_only_when_none_is_named(
    default: LawRegistry,
) -> None:
    first = "Kommunen har plikt etter helse- og omsorgstjenesteloven § 3-4.\n\n"
    # A paragraph that names a law of its own keeps it.
    assert cited(first + "Etter barnehageloven § 2 b og § 4 skal …", default)[1:] == [
        ("LOV-2005-06-17-64", ("2b",)),
        ("LOV-2005-06-17-64", ("4",)),
    ]
    # A text's own paragraphs stay its own: a heading, «avtalens § 3», «§ 3 i avtalen».
    assert cited(first + "§ 3 Formål\n\nAvtalens § 3 gjelder. Se § 5 i avtalen.", default) == [
        (HOL, ("3-4",))
    ]
    # Not a section the law before has not got (its list is complete): «Se § 5 nedenfor»
    # stays a section sign with no law (TVF208), not helse- og omsorgstjenesteloven § 5.
    assert cited(first + "Rutinen gjelder fra 1. januar. Se § 5 nedenfor.", default)[1:] == [
        (None, ("5",))
    ]
    # Two paragraphs back is too far.
    assert cited(first + "Et avsnitt uten lov.\n\nJf. § 4.", default)[1:] == [(None, ("4",))]


def test_den_nye_names_the_successor(default: LawRegistry) -> None:
    # nybarnevernlov.no, «Den nye barnevernloven § 3-1: Frivillig hjelpetiltak»: «barnevernloven»
    # is the 1992 act's name, «den nye» its successor, barnevernsloven (2021).
    text = "Den nye barnevernloven § 3-1 gir barnevernstjenesten ansvaret for å tilby tiltak."
    ((law, units),) = cited(text, default)
    assert (law, units) == ("LOV-2021-06-18-97", ("3-1",))
    (cite,) = find_citations(text, 1, default, TODAY)
    assert cite.law_text == "nye barnevernloven"


def test_a_section_goes_to_the_law_in_the_paragraph_that_has_it(tmp_path: Path) -> None:
    # Prop. 222 L (2020–2021), pkt. 4.1 (regjeringen.no): the nearest law before «§ 4-3» is
    # forvaltningsloven, which has no § 4-3; the act named later in the paragraph has it. With
    # a handbook that lists the 1992 act's sections (laws.yaml), tvf can tell.
    (tmp_path / "laws.yaml").write_text(
        '- id: LOV-1992-07-17-100\n  sections: ["4-1", "4-2", "4-3", "6-4"]\n',
        encoding="utf-8",
    )
    registry, findings = load_registry(tmp_path)
    assert findings == []
    text = (
        "Det følger av forvaltningsloven § 17, som også gjelder for barnevernstjenesten, at "
        "forvaltningen skal påse at saken er så godt opplyst som mulig før det treffes vedtak. "
        "Etter § 4-3 annet ledd skal undersøkelsen gjennomføres slik at den minst mulig skader "
        "noen som den berører. Utover dette er det ikke nærmere regulert i barnevernloven hvor "
        "omfattende en undersøkelse skal være."
    )
    assert cited(text, registry) == [(FVL, ("17",)), ("LOV-1992-07-17-100", ("4-3",))]
    # With the default registry the 1992 act's list is partial, rebuilt from its amendments;
    # it holds § 4-3, and a partial list that holds a section proves it (only a section missing
    # from it proves nothing), so the act named later in the paragraph has it here too.
    assert cited(text, LawRegistry.default())[1] == ("LOV-1992-07-17-100", ("4-3",))
    # A section a partial list lacks proves nothing: the nearest law stays (written by us).
    other = text.replace("§ 4-3", "§ 4-99")
    assert cited(other, LawRegistry.default())[1] == (FVL, ("4-99",))


BVL_1992 = "LOV-1992-07-17-100"


def test_a_section_list_goes_on_after_another_law_put_in_it(default: LawRegistry) -> None:
    # Statsforvalteren i Oslo og Viken, Lunner kommune – landsomfattende tilsyn med
    # barneverntjenesten 2021 (helsetilsynet.no): «jf. fvl. § 17» is put into barnevernloven's
    # list, which goes on after it.
    text = (
        "Dette er brudd på barnevernloven §§ 1-4, 4-3, jf. fvl. § 17, 6-1, 6-3, 6-3 a, 2-1, "
        "2 ledd og kommunelovens § 25-1"
    )
    assert cited(text, default) == [
        (BVL_1992, ("1-4", "4-3")),
        (FVL, ("17",)),
        (BVL_1992, ("6-1", "6-3", "6-3a", "2-1")),
        (KOML, ("25-1",)),
    ]
    # Not when the law put in has sections with a dash too: «hol §§ 3-1, 3-2, jf. pbrl.
    # § 2-1, 2-5» — whose 2-5 it is cannot be told.
    text = "hol §§ 3-1, 3-2, jf. pasient- og brukerrettighetsloven § 2-1, 2-5"
    assert [units for _law, units in cited(text, default)] == [("3-1", "3-2"), ("2-1",)]


def test_an_id_glued_to_the_word_before_it(default: LawRegistry) -> None:
    # Luster kommune: Helse- og omsorgstenestelova (Lovdata's metadata reproduced),
    # http://luster.custompublish.com/helse-og-omsorgstenestelova.5905914-392225.html
    text = (
        "DatoLOV-2011-06-24-30\nDepartementHelse- og omsorgsdepartementet\n"
        "Sist endretLOV-2023-12-20-106 fra 01.01.2024\n"
        "EndrerLOV-1982-11-19-66, LOV-1991-12-13-81"
    )
    assert [law for law, _units in cited(text, default)] == [
        HOL,
        "?LOV-2023-12-20-106",  # an amending act the registry does not know (TVF201)
        KHTL,
        "LOV-1991-12-13-81",
    ]
    # Only an ID in capitals is read so: a word ending in «-lov-» stays a word.
    assert cited("skolelov-2011-06-24-30", default) == []


def test_gjeldende_law_is_the_law_its_name_means(default: LawRegistry) -> None:
    # Prop. 133 L (2020–2021), pkt. 25.1 Merknader (regjeringen.no): «gjeldende barnevernlov»
    # is the law the name means (read as the name alone is, with the document's date for a
    # shared name), not a section sign with no law.
    text = "Bestemmelsen er en videreføring av § 1-1 i gjeldende barnevernlov."
    assert cited(text, default) == cited("Se barnevernloven § 1-1.", default)
    assert cited(text, default) == [(BVL_1992, ("1-1",))]
    (cite,) = find_citations(text, 1, default, TODAY)
    assert cite.law_text == "barnevernloven"  # the name, not «gjeldende …»
    # «dagens lov» names no law: a section sign with no law, as before.
    assert cited("Paragrafen vidarefører dagens lov § 9 A-4.", default) == [(None, ("9A-4",))]


def test_a_bills_commentary_heading_takes_the_act_named_under_it(default: LawRegistry) -> None:
    # Prop. 89 L (2019–2020) (integreringsloven), pkt. 14 Merknader (regjeringen.no).
    text = (
        "Til § 1\n\nBestemmelsen regulerer formålet med integreringsloven. Formålet med loven er "
        "at innvandrere tidlig integreres i det norske samfunnet og blir økonomisk selvstendige, "
        "jf. første ledd første punktum."
    )
    assert cited(text, default) == [("LOV-2020-11-06-127", ("1",))]
    # Prop. 169 L (2016–2017), pkt. 17.1 (regjeringen.no).
    text = (
        "Til § 1-5\nBestemmelsen er ny. Det fremgår av bestemmelsen at barn har rett til "
        "nødvendige tiltak etter barnevernloven når vilkårene for tiltaket er oppfylt."
    )
    assert cited(text, default) == [(BVL_1992, ("1-5",))]
    # Prop. 90 L (2010–2011), pkt. 22 Merknader: the laws under it are cited with sections of
    # their own, so the heading's act (the bill's) cannot be told: TVF208 as before.
    text = (
        "Til § 1 Formål\n\nBestemmelsen er omtalt i kapittel 9 om formål. Bestemmelsen bygger på "
        "lov om fylkeskommuners oppgaver i folkehelsearbeidet § 1 og kommunehelsetjenesteloven "
        "§ 1-2."
    )
    assert cited(text, default)[0] == (None, ("1",))
    # Not a heading: «til § 3» inside a sentence stays what it was.
    assert cited("Vi viser til § 3.\n\nTjenester etter barnevernloven.", default) == [
        (None, ("3",))
    ]


def test_a_chapter_repeated_in_the_same_paragraph_cites_it_again(default: LawRegistry) -> None:
    # Fagbokforlaget: Krav til det psykososiale og fysiske skolemiljøet (issuu): «Kapittel 12»
    # again, right after «Kapittel 12 i ny opplæringslov».
    text = (
        "Kapittel 12 i ny opplæringslov\n"
        "(Kapittel 12 erstatter deler av kapittel 9 A i tidligere opplæringslov)."
    )
    found = cited(text, default)
    assert found[:2] == [(OPPL_2023, ("12",)), (OPPL_2023, ("12",))]
    # Another chapter with no law stays the text's own (written by us), and so does the same
    # number in the next paragraph.
    assert cited("Kapittel 12 i ny opplæringslov. Se kapittel 4.", default) == [
        (OPPL_2023, ("12",))
    ]
    assert cited("Kapittel 12 i ny opplæringslov.\n\nSe kapittel 12.", default) == [
        (OPPL_2023, ("12",))
    ]


def test_a_name_followed_by_its_date_and_number(default: LawRegistry) -> None:
    # Helserettsportalen: Hpl. §§ 39–41 dokumentasjonsplikt: the regulation's name, then
    # its date and number; «1.» is a date, not a section.
    text = (
        "Bestemmelsen må ses i sammenheng med helsepersonelloven § 41, som har et utfyllende "
        "forskriftsverk og som gir detaljregler om hva som skal med. Pasientjournalforskriften "
        "1. mars 2019 nr. 168 inneholder krav til journalens innhold."
    )
    assert cited(text, default) == [("LOV-1999-07-02-64", ("41",)), ("FOR-2019-03-01-168", ())]
    # Not inside a word that is no name of a law (written by us): «Tillov 1. mars …» is no law.
    assert cited("Se Tillovx 1. mars 2019 nr. 168.", default) == []


GDPR = "LOV-2018-06-15-38/gdpr"


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        (
            "Barnets uttalerett er lovfestet i bvl §6-3, 1.ledd, jf. BK12, jf. Grl § 104.",
            "9pdf.net: prinsippet om barnets beste og samværsnekt etter barnevernloven",
            [("LOV-2021-06-18-97", ("6-3",)), (BKN, ("12",)), (GRL, ("104",))],
        ),
        (
            "Personopplysningsloven (2018) GDPR A6, GDPR A9 | Kommuneloven (2018) §25-1",
            "NAV: Rundskriv til lov om sosiale tjenester i NAV, «Henvisninger i teksten»",
            [(GDPR, ("6",)), (GDPR, ("9",)), (KOML, ("25-1",))],
        ),
        # Not a number that goes on, nor a convention's capitals apart from the number, nor
        # capitals that name no convention (written by us).
        ("Se BK1.2 og BK12a i tabellen, NOU2016 og IS12.", "written by us", []),
        ("Møtet i rom BK 12.", "written by us", []),
    ],
)
def test_a_convention_glued_to_an_article_number(
    text: str,
    source: str,
    expected: list[tuple[str | None, tuple[str, ...]]],
    default: LawRegistry,
) -> None:
    assert cited(text, default) == expected, source


def test_a_section_that_starts_a_compound_word_with_its_law_after_it(
    default: LawRegistry,
) -> None:
    # regjeringen.no: Veileder om interkommunalt samarbeid, pkt. 6.1.
    text = (
        "Kommunalt oppgavefelleskap og interkommunalt politisk råd kom inn i kommuneloven (2018) "
        "som egne samarbeidsmodeller. Litt forenklet kan man si at disse samarbeidsformene "
        "erstattet de tidligere § 27-styrene etter kommuneloven (1992) og de uregulerte "
        "regionrådene."
    )
    assert cited(text, default) == [("LOV-1992-09-25-107", ("27",))]
    # Without a law right after the compound, the section continues the law before it
    # (written by us).
    assert cited("Etter kommuneloven (1992) ble § 27-styrene vanlige.", default) == [
        ("LOV-1992-09-25-107", ("27",))
    ]


def test_a_chapter_after_a_page_s_breadcrumbs(default: LawRegistry) -> None:
    # sandtro.no: GDPR Artikkel 6, its navigation line copied as text: chapter II, the range of its
    # articles, and article 6.
    text = (
        "GDPR » Kapittel II Prinsipper (art. 5-11) » Artikkel 6. Behandlingens lovlighet "
        "(behandlingsgrunnlag)"
    )
    assert cited(text, default)[0] == (GDPR, ("II",))


def test_todays_section_takes_the_law_named_after_it_in_the_sentence(
    default: LawRegistry,
) -> None:
    # NOU 2016: 16 Ny barnevernslov, pkt. 7.1 Sammendrag (the act of 1992, then in force).
    text = (
        "Oppheve dagens § 2-1 tredje ledd om at kommunestyret kan legge oppgaver etter "
        "barnevernloven til et folkevalgt organ."
    )
    assert cited(text, default) == [(BVL_1992, ("2-1",))]
    # Not a law in the next sentence, nor one after another section (written by us): the
    # «dagens § 2-1» stays quiet as before.
    assert cited("Oppheve dagens § 2-1. Se barnevernloven.", default) == []
    assert cited("Dagens § 2-1 og § 3 etter barnevernloven.", default) == [(None, ("3",))]


def test_a_repeated_chapter_in_a_path_or_a_text_s_own_stays_quiet(default: LawRegistry) -> None:
    # docs/laws.md: «pasient- og brukerrettighetsloven kapittel 4A … linked as `…/kap4A`»: a
    # chapter in a path is no citation, whatever was cited before it; nor is the text's own.
    text = "pasient- og brukerrettighetsloven kapittel 4A is `KAPITTEL_5`; linked as `…/kap4A`."
    assert cited(text, default) == [("LOV-1999-07-02-63", ("4A",))]
    text = "Se opplæringslova kapittel 12. Dette står i kapittel 12 i denne rapporten."
    assert cited(text, default) == [("LOV-2023-06-09-30", ("12",))]
