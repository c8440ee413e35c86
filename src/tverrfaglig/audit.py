"""``tvf audit``: a tilsynsrapport (audit readiness report) from the handbook.

The state administrator's audit of how municipalities follow up children with mental health
problems looked for ten things (seed ``003``, «Hva så vi etter i tilsynet?»). Each becomes a
:class:`Criterion`, scored from evidence in the handbook as *oppfylt* (met), *delvis oppfylt*
(partly met) or *ikke oppfylt* (not met), with the evidence (documents, networks, dates) and
what is missing. What the handbook cannot show (whether employees actually know the routines,
say) is said plainly, with the evidence that would help, instead of being guessed; one
criterion is judged *kan ikke vurderes ut fra håndboka* as a whole.

The rules are explicit constants and small functions, one per criterion, documented as a table
in ``docs/audit.md``. Everything reads; nothing writes except :func:`write_report`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from .checks import check, citations
from .config import Config
from .document import Document, as_date
from .errors import TvfError
from .files import write_atomic
from .findings import Finding, Severity
from .handbook import load_handbook
from .meetings import (
    Network,
    current_action_items,
    date_no,
    evaluation_overdue,
    first_meeting,
    last_evaluation,
    meetings_this_school_year,
    networks,
    school_year_label,
    twelve_months_before,
)
from .outdated import markdown_escape
from .pii import contains_national_id
from .revisions import add_months

MET = "met"
PARTLY = "partly"
NOT_MET = "not_met"
CANNOT_JUDGE = "cannot_judge"
STATUSES = (MET, PARTLY, NOT_MET, CANNOT_JUDGE)
STATUS_NO = {MET: "oppfylt", PARTLY: "delvis oppfylt", NOT_MET: "ikke oppfylt",
             CANNOT_JUDGE: "kan ikke vurderes ut fra håndboka"}

CURRENT_SHARE_MET = 0.9  # criterion 1: share of approved documents that are current
CURRENT_SHARE_PARTLY = 0.5
MAX_LISTED = 25  # longer lists of evidence or gaps are cut, saying how many more there are
MAX_TERM_MONTHS = 13  # a leader term longer than this is not "one year at a time"
ROUTINE_TYPES = ("procedure", "attachment", "plan")

# Law IDs as in the registry that ships with tvf (a handbook's laws.yaml may add names).
HOL = "LOV-2011-06-24-30"  # helse- og omsorgstjenesteloven
OPPL = "LOV-2023-06-09-30"  # opplæringslova (2023)
OPPL_1998 = "LOV-1998-07-17-61"
BHL = "LOV-2005-06-17-64"  # barnehageloven
BVL = "LOV-2021-06-18-97"  # barnevernsloven (2021)
BVL_1992 = "LOV-1992-07-17-100"
HPL = "LOV-1999-07-02-64"  # helsepersonelloven
PBRL = "LOV-1999-07-02-63"  # pasient- og brukerrettighetsloven


class Duty(NamedTuple):
    """A statutory duty to cooperate, and the section that said it before a law was replaced."""

    label: str
    law: str
    section: str
    old_label: str | None = None
    old_law: str | None = None
    old_section: str | None = None


COOPERATION_DUTIES = (
    Duty("helse- og omsorgstjenesteloven § 3-4", HOL, "3-4"),
    Duty("opplæringslova § 24-1", OPPL, "24-1",
         "opplæringslova (1998) § 15-8", OPPL_1998, "15-8"),
    Duty("barnehageloven § 2 b", BHL, "2b"),
    Duty("barnevernsloven § 15-8", BVL, "15-8",
         "barnevernloven (1992) § 3-2", BVL_1992, "3-2"),
)
INDIVIDUAL_PLAN = (HOL, "7-1")
COORDINATOR = (HOL, "7-2a")
CONCERN_DUTIES = ((BVL, "13-2"), (HPL, "33"))
GROUP_WORDS = ("ansvarsgruppe", "samarbeidsmøte", "tverrfaglig team", "tverrfaglige team",
               "konsultasjonsteam", "tverrfaglig møte", "tverrfaglige møte")
IP_WORDS = ("individuell plan",)
COORDINATOR_WORDS = ("koordinator",)
CONCERN_WORDS = ("bekymring",)
PARTICIPATION_WORDS = ("brukermedvirkning", "medvirkning")


# --- The report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A document to link to: its path relative to the handbook root, and the link text."""

    label: str
    path: str


@dataclass(frozen=True)
class Evidence:
    """One line of evidence, or of what is missing, with the documents it rests on."""

    text: str
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Criterion:
    number: int
    key: str
    title: str  # as the audit put it
    status: str
    reason: str  # why this status, in one or two sentences
    rule: str  # the thresholds, in words
    evidence: tuple[Evidence, ...] = ()
    missing: tuple[Evidence, ...] = ()
    not_judged: str | None = None  # what the handbook cannot show
    would_help: tuple[str, ...] = ()  # evidence that would show it

    @property
    def status_text(self) -> str:
        return STATUS_NO[self.status]


@dataclass(frozen=True)
class AuditReport:
    root: Path
    title: str
    municipality: str | None
    today: dt.date
    criteria: tuple[Criterion, ...]
    documents: int
    networks: int
    notes: tuple[str, ...] = ()

    def count(self, status: str) -> int:
        return sum(1 for c in self.criteria if c.status == status)

    def criterion(self, key: str) -> Criterion:
        return next(c for c in self.criteria if c.key == key)

    def summary_text(self) -> str:
        return ", ".join(f"{self.count(s)} {STATUS_NO[s]}" for s in STATUSES if self.count(s))

    def statuses(self) -> dict[str, str]:
        return {c.key: c.status for c in self.criteria}


# --- Facts about the handbook, gathered once ---------------------------------------------------


@dataclass
class _Facts:
    config: Config
    today: dt.date
    documents: list[Document]  # handbook documents that are not retired
    findings: dict[str, set[str]]  # path -> codes
    finding_list: list[Finding]
    networks: list[Network]
    cites: dict[str, set[tuple[str, str]]]  # path -> {(law id, section or "")}
    by_id: dict[str, Document] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for doc in self.documents:
            if doc.id:
                self.by_id.setdefault(doc.id, doc)

    @property
    def approved(self) -> list[Document]:
        return [d for d in self.documents if d.status == "approved"]

    def problem(self, doc: Document) -> str | None:
        """Why an approved document is not current, or None when it is: it has an owner, a
        review date that has not passed, and content unchanged since it was approved."""
        if doc.status != "approved":
            return "er et utkast (ikke godkjent)"
        owner = doc.get("owner")
        if not (isinstance(owner, str) and owner.strip()):
            return "mangler ansvarlig (owner)"
        review_by = as_date(doc.get("review_by"))
        if review_by is None:
            return "mangler revisjonsdato (review_by)"
        if review_by < self.today:
            return f"revisjonsdatoen {review_by} er passert"
        if "TVF302" in self.findings.get(doc.path, set()):
            return "er endret etter at det ble godkjent (TVF302)"
        return None

    def current(self, doc: Document) -> bool:
        return self.problem(doc) is None

    def routines(self) -> list[Document]:
        return [d for d in self.documents if d.type in ROUTINE_TYPES]

    def cites_any(self, doc: Document, wanted: Iterable[tuple[str, str]]) -> bool:
        mine = self.cites.get(doc.path, set())
        return any(w in mine for w in wanted)

    def has_code(self, path: str, code: str) -> bool:
        return code in self.findings.get(path, set())

    def findings_of(self, paths: Iterable[str], code: str) -> list[Finding]:
        wanted = set(paths)
        return [f for f in self.finding_list if f.code == code and f.path in wanted]


def _gather(root: Path, today: dt.date) -> tuple[_Facts, list[Finding]]:
    handbook = load_handbook(root)
    report = check(handbook, today=today)
    by_path: dict[str, set[str]] = {}
    for finding in report.findings:
        by_path.setdefault(finding.path, set()).add(finding.code)
    docs = [d for d in handbook.documents
            if d.meta is not None and d.is_handbook_document and d.status != "retired"]
    cites: dict[str, set[tuple[str, str]]] = {}
    for doc in docs:
        found: set[tuple[str, str]] = set()
        for cite in citations(doc, handbook.laws, today):
            if cite.law is None:
                continue
            found.add((cite.law.id, ""))
            found.update((cite.law.id, section) for section in cite.sections)
        cites[doc.path] = found
    facts = _Facts(handbook.config, today, docs, by_path, list(report.findings),
                   sorted(networks(handbook).values(), key=lambda n: n.slug), cites)
    return facts, list(report.findings)


def _doc_link(doc: Document) -> Link:
    label = f"{doc.id} {doc.title}" if doc.id else (doc.title or doc.path)
    return Link(label, doc.path)


def _network_link(network: Network) -> Link:
    return Link(network.title, network.document.path)


def _links(docs: Sequence[Document]) -> tuple[Link, ...]:
    return tuple(_doc_link(d) for d in docs[:MAX_LISTED])


def _more(count: int) -> str:
    return f" (og {count - MAX_LISTED} til)" if count > MAX_LISTED else ""


def _capped(items: list[Evidence], what: str = "tvf outdated viser alle") -> list[Evidence]:
    if len(items) <= MAX_LISTED:
        return items
    return [*items[:MAX_LISTED], Evidence(f"… og {len(items) - MAX_LISTED} til ({what}).")]


def _words(doc: Document, words: Iterable[str], *, body: bool = True) -> bool:
    text = doc.title.casefold()
    if body:
        text += "\n" + doc.body.casefold()
    return any(w in text for w in words)


def _within_year(day: dt.date, today: dt.date) -> bool:
    """In the twelve months up to and including today."""
    return twelve_months_before(today) < day <= today


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def _score(parts: int, total: int) -> str:
    return MET if parts == total else (PARTLY if parts else NOT_MET)


# --- The criteria --------------------------------------------------------------------------------


def organisation(f: _Facts) -> Criterion:
    approved = f.approved
    current = [d for d in approved if f.current(d)]
    measures = [d for d in current if d.type == "measure"]
    share = len(current) / len(approved) if approved else 0.0
    owners: dict[str, int] = {}
    for doc in current:
        owner = str(doc.get("owner")).strip()
        owners[owner] = owners.get(owner, 0) + 1
    evidence = [Evidence(f"{len(current)} av {len(approved)} godkjente dokumenter har ansvarlig "
                         f"(owner), en revisjonsdato som ikke er passert, og er uendret siden "
                         f"godkjenningen ({_percent(share)}).")]
    if owners:
        listed = sorted(owners.items(), key=lambda o: (-o[1], o[0].casefold()))
        evidence.append(Evidence(
            f"{_n(len(owners), 'ansvarlig enhet eller rolle', 'ansvarlige enheter eller roller')}: "
            + ", ".join(f"{o} ({n})" for o, n in listed[:MAX_LISTED]) + _more(len(listed))
            + "."))
    if measures:
        evidence.append(Evidence(f"{len(measures)} tiltak beskriver tjenestene, hvert med "
                                 "ansvarlig.", _links(measures)))
    missing = [Evidence(f"{d.id or d.path} {f.problem(d)}.", (_doc_link(d),))
               for d in f.documents if not f.current(d)]
    if not measures:
        missing.insert(0, Evidence("Ingen gjeldende tiltak (type: measure) beskriver tjenestene "
                                   "og hvem som har ansvaret for dem."))
    if approved and share >= CURRENT_SHARE_MET and measures:
        status, reason = MET, "Tjenestene og oppgavene er beskrevet i godkjente dokumenter med " \
                              "ansvarlig og gyldig revisjonsdato."
    elif approved and share >= CURRENT_SHARE_PARTLY:
        status, reason = PARTLY, "Mange dokumenter har ansvarlig og gyldig revisjonsdato, men " \
                                 "ikke nok til at organiseringen fremstår som oppdatert."
    else:
        status, reason = NOT_MET, "For få godkjente dokumenter har ansvarlig og gyldig " \
                                  "revisjonsdato."
    return Criterion(
        1, "organisering", "Tydelig og oversiktlig organisering av tjenestene og oppgavene",
        status, reason,
        f"Oppfylt når minst {_percent(CURRENT_SHARE_MET)} av de godkjente dokumentene er gjeldende "
        "(ansvarlig, revisjonsdato ikke passert, uendret siden godkjenning) og minst ett tiltak "
        f"beskriver en tjeneste; delvis når minst {_percent(CURRENT_SHARE_PARTLY)} er gjeldende; "
        "ellers ikke oppfylt.",
        tuple(evidence), tuple(_capped(missing)))


def meeting_structures(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    missing: list[Evidence] = []
    complete = held_any = 0
    for network in f.networks:
        held = [(day, doc) for day, doc in network.minutes if _within_year(day, f.today)]
        recipient = network.recipient(f.config)
        for day, doc in held:
            sent = doc.get("sent")
            sent_day = as_date(sent.get("date")) if isinstance(sent, dict) else None
            how = f"sendt {sent_day} til {sent.get('to')}" if isinstance(sent, dict) \
                and sent_day else "ikke merket som sendt"
            evidence.append(Evidence(f"{network.title}: referat fra møtet {day} ({how}).",
                                     (Link(f"Referat {day}", doc.path),)))
        this_year = meetings_this_school_year(network, f.today)
        evidence.append(Evidence(
            f"{network.title}: {len(this_year)} av {network.meetings_per_year} møter holdt eller "
            f"planlagt skoleåret {school_year_label(f.today)}; referatene sendes til "
            f"{recipient}.", (_network_link(network),)))
        paths = [network.document.path, *(d.path for _, d in network.agendas),
                 *(d.path for _, d in network.minutes)]
        problems = [*f.findings_of(paths, "TVF402"), *f.findings_of(paths, "TVF403"),
                    *f.findings_of(paths, "TVF406")]
        for finding in problems:
            missing.append(Evidence(f"{network.title}: {finding.message}",
                                    (Link(finding.path, finding.path),)))
        if not held:
            missing.append(Evidence(f"{network.title}: ingen referat fra de siste tolv "
                                    "månedene.", (_network_link(network),)))
        held_any += bool(held)
        complete += bool(held) and not problems
    if not f.networks:
        missing.append(Evidence("Ingen tverrfaglige nettverk (type: network) i håndboka."))
    if f.networks and complete == len(f.networks):
        status, reason = MET, "Alle nettverkene har holdt møter med referat det siste året, " \
                              "sendt referatene, og har møtene for skoleåret holdt eller planlagt."
    elif held_any:
        status, reason = PARTLY, "Nettverkene møtes, men ikke alle har referat fra det siste " \
                                 "året, sendte referater og nok møter holdt eller planlagt."
    else:
        status, reason = NOT_MET, "Håndboka viser ingen nettverksmøter med referat det siste " \
                                  "året."
    return Criterion(
        2, "moter_rapportering", "Møte- og rapporteringsstrukturer", status, reason,
        "Oppfylt når det finnes minst ett nettverk, og hvert nettverk har referat fra minst ett "
        "møte de siste tolv månedene, ingen holdte møter uten referat (TVF403), ingen referater "
        "som ikke er sendt (TVF406) og nok møter holdt eller planlagt i skoleåret (TVF402); "
        "delvis når minst ett nettverk har referat fra de siste tolv månedene; ellers ikke "
        "oppfylt.",
        tuple(evidence), tuple(_capped(missing)))


def knowing_each_other(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    for network in f.networks:
        services = sorted({m.service for m in network.members}, key=str.casefold)
        if services:
            count = _n(len(services), "tjeneste", "tjenester")
            evidence.append(Evidence(f"{network.title} samler {count}: {', '.join(services)}.",
                                     (_network_link(network),)))
    measures = [d for d in f.documents if d.type == "measure" and f.current(d)]
    if measures:
        evidence.append(Evidence(f"Håndboka beskriver {len(measures)} tiltak og tjenester, som "
                                 "de andre tjenestene kan slå opp i (se punkt 1)."))
    return Criterion(
        3, "kjennskap", "Kjent med de andre tjenestene", CANNOT_JUDGE,
        "Håndboka kan vise at tjenestene har felles arenaer og en oversikt over hverandre, men "
        "ikke om de ansatte faktisk kjenner de andre tjenestene.",
        "Vurderes ikke ut fra håndboka; nettverkenes medlemmer og tiltakene vises som "
        "støttende dokumentasjon.",
        tuple(evidence), (),
        "Om de ansatte kjenner de andre tjenestenes oppgaver og ansvar, kan ikke vurderes ut fra "
        "håndboka.",
        ("referater der tjenestene presenterer seg for hverandre i nettverksmøtene",
         "program for felles fagdager eller kompetanseheving på tvers av tjenestene",
         "opplæring av nyansatte i de andre tjenestenes oppgaver",
         "en kort spørreundersøkelse blant de ansatte"))


def routines(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    missing: list[Evidence] = []
    covered = 0
    partial = False
    for duty in COOPERATION_DUTIES:
        citing = [d for d in f.routines() if f.cites_any(d, [(duty.law, duty.section)])]
        current = [d for d in citing if f.current(d)]
        if current:
            covered += 1
            count = _n(len(current), "gjeldende rutine", "gjeldende rutiner")
            evidence.append(Evidence(f"{duty.label}: {count} viser til samarbeidsplikten"
                                     f"{_more(len(current))}.", _links(current)))
        elif citing:
            partial = True
            missing.append(Evidence(f"{duty.label}: bare rutiner som ikke er gjeldende viser "
                                    "til plikten.", _links(citing)))
        else:
            missing.append(Evidence(f"{duty.label}: ingen rutine viser til samarbeidsplikten."))
        if duty.old_law is not None and duty.old_section is not None:
            old = [d for d in f.documents
                   if f.cites_any(d, [(duty.old_law, duty.old_section)])]
            if old:
                missing.append(Evidence(f"Viser fortsatt til {duty.old_label}, som er "
                                        f"erstattet av {duty.label}.", _links(old)))
    total = len(COOPERATION_DUTIES)
    status = _score(covered, total)
    if status == NOT_MET and partial:
        status = PARTLY
    reason = {MET: "Gjeldende rutiner viser til alle de fire samarbeidspliktene.",
              PARTLY: f"Gjeldende rutiner viser til {covered} av {total} samarbeidsplikter.",
              NOT_MET: "Ingen rutine viser til samarbeidspliktene."}[status]
    return Criterion(
        4, "rutiner", "Samarbeidsrutiner – og at disse er kjent", status, reason,
        "Oppfylt når gjeldende rutiner (prosedyre, vedlegg eller plan) til sammen viser til alle "
        "fire samarbeidspliktene: helse- og omsorgstjenesteloven § 3-4, opplæringslova § 24-1, "
        "barnehageloven § 2 b og barnevernsloven § 15-8; delvis når de viser til minst én (eller "
        "bare rutiner som ikke er gjeldende gjør det); ellers ikke oppfylt.",
        tuple(evidence), tuple(_capped(missing)),
        "Om rutinene er kjent blant de ansatte, kan ikke vurderes ut fra håndboka.",
        ("dokumentert gjennomgang av rutinene i hver tjeneste (dato og hvem som var med)",
         "opplæringsplan for nyansatte som omfatter samarbeidsrutinene",
         "egenkontroll eller internrevisjon av at rutinene følges",
         "avviksmeldinger som gjelder samarbeid mellom tjenestene"))


def not_person_dependent(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    missing: list[Evidence] = []
    rotating = recorded = 0
    for network in f.networks:
        leader = network.leader
        ok, why = _leader_term(network, f.today)
        if leader.term_start is not None and leader.term_end is not None:
            recorded += 1
        who = (f"{leader.name} ({leader.role})" if leader.name and leader.role
               else leader.name or leader.role or "ikke oppgitt")
        if ok:
            evidence.append(Evidence(f"{network.title}: leder er {who}, valgt for "
                                     f"{leader.term_start}–{leader.term_end}; ledervervet går på "
                                     "omgang.", (_network_link(network),)))
        else:
            missing.append(Evidence(f"{network.title}: {why}.", (_network_link(network),)))
        items = [i for i in current_action_items(network) if not i.done]
        overdue = [i for i in items if i.overdue(f.today)]
        if items:
            count = _n(len(items), "åpent oppfølgingspunkt", "åpne oppfølgingspunkter")
            evidence.append(Evidence(f"{network.title}: {count}, hvert med ansvarlig tjeneste "
                                     "og frist.", (_network_link(network),)))
        for item in overdue:
            missing.append(Evidence(f"{network.title}: oppfølgingspunktet «{item.text}» "
                                    f"(ansvar: {item.owner}) hadde frist {item.deadline} (TVF404).",
                                    (Link(f"Referat {item.meeting}", item.path),)))
        rotating += ok and not overdue
    owned = [d for d in f.approved if isinstance(d.get("owner"), str) and d.get("owner")]
    if f.approved:
        evidence.append(Evidence(f"{len(owned)} av {len(f.approved)} godkjente dokumenter har en "
                                 "ansvarlig enhet eller rolle (owner)."))
    if not f.networks:
        missing.append(Evidence("Ingen tverrfaglige nettverk (type: network) med leder og "
                                "lederperiode i håndboka."))
    if f.networks and rotating == len(f.networks):
        status, reason = MET, "Nettverkene har ledere valgt for ett år om gangen, og " \
                              "oppfølgingspunktene har ansvarlig og frist og følges opp i tide."
    elif recorded:
        status, reason = PARTLY, "Nettverkene har lederperioder, men ikke alle er gjeldende og " \
                                 "ett år lange, eller oppfølgingspunkter er over fristen."
    else:
        status, reason = NOT_MET, "Håndboka viser ingen lederperioder som sikrer at " \
                                  "ledervervet går på omgang."
    return Criterion(
        5, "ikke_personavhengig",
        "Tiltak som gjør at oppfølgingen ikke blir personavhengig og tilfeldig", status, reason,
        "Oppfylt når det finnes minst ett nettverk, og hvert nettverk har en gjeldende "
        f"lederperiode (term_start og term_end, ikke utløpt, høyst {MAX_TERM_MONTHS} måneder) og "
        "ingen oppfølgingspunkter over fristen (TVF404); delvis når minst ett nettverk har "
        "lederperiode ført inn; ellers ikke oppfylt.",
        tuple(evidence), tuple(_capped(missing)),
        "Om oppfølgingen av det enkelte barnet i praksis avhenger av enkeltpersoner (for "
        "eksempel når en koordinator slutter), kan ikke vurderes ut fra håndboka.",
        ("rutine for stedfortreder og overlapping når en koordinator eller leder slutter",
         "oversikt over tidligere ledere av nettverkene (git-historikken til nettverksfilene "
         "viser den)"))


def _leader_term(network: Network, today: dt.date) -> tuple[bool, str]:
    """Whether the leader's term shows rotation (recorded, current, at most about a year), and
    why not."""
    leader = network.leader
    if leader.term_start is None or leader.term_end is None:
        return False, "lederperioden (term_start og term_end) er ikke ført inn"
    if leader.term_end < today:
        return False, f"lederperioden gikk ut {leader.term_end} (TVF401)"
    if leader.term_end > add_months(leader.term_start, MAX_TERM_MONTHS):
        return False, (f"lederperioden {leader.term_start}–{leader.term_end} er lengre enn "
                       "ett år; mandatet sier at lederen velges for ett år om gangen")
    return True, ""


def groups_and_coordinator(f: _Facts) -> Criterion:
    parts: tuple[tuple[str, str | None, Callable[[Document], bool]], ...] = (
        ("individuell plan", "helse- og omsorgstjenesteloven § 7-1",
         lambda d: f.cites_any(d, [INDIVIDUAL_PLAN]) or _words(d, IP_WORDS, body=False)),
        ("koordinator", "helse- og omsorgstjenesteloven § 7-2 a",
         lambda d: f.cites_any(d, [COORDINATOR]) or _words(d, COORDINATOR_WORDS, body=False)),
        ("ansvarsgrupper og samarbeidsmøter", None,
         lambda d: _words(d, GROUP_WORDS)),
    )
    evidence: list[Evidence] = []
    missing: list[Evidence] = []
    covered = 0
    stale = False
    for what, law, matches in parts:
        found = [d for d in f.routines() if matches(d)]
        current = [d for d in found if f.current(d)]
        stale = stale or bool(found)
        basis = f" ({law})" if law else ""
        if current:
            covered += 1
            evidence.append(Evidence(f"Rutine for {what}{basis}:", _links(current)))
        else:
            missing.append(Evidence(f"Ingen gjeldende rutine for {what}{basis}"
                                    + (" (de som finnes, er ikke gjeldende)." if found else "."),
                                    _links(found)))
    status = _score(covered, len(parts))
    if status == NOT_MET and stale:
        status = PARTLY
    reason = {MET: "Håndboka har gjeldende rutiner for individuell plan, koordinator og "
                   "ansvarsgrupper eller samarbeidsmøter.",
              PARTLY: f"Håndboka har gjeldende rutiner for {covered} av {len(parts)} deler"
                      + ("." if covered else ", men det finnes rutiner som ikke er gjeldende."),
              NOT_MET: "Håndboka har ingen gjeldende rutiner for individuell plan, koordinator "
                       "eller ansvarsgrupper."}[status]
    return Criterion(
        6, "ansvarsgrupper_koordinator", "Ansvarsgrupper/samarbeidsmøter og koordinator",
        status, reason,
        "Tre deler, hver oppfylt av en gjeldende rutine (prosedyre, vedlegg eller plan): "
        "individuell plan (viser til helse- og omsorgstjenesteloven § 7-1, eller «individuell "
        "plan» i tittelen), koordinator (viser til § 7-2 a, eller «koordinator» i tittelen) og "
        "ansvarsgrupper/samarbeidsmøter (" + ", ".join(f"«{w}»" for w in GROUP_WORDS)
        + " i tittel eller tekst). Oppfylt når alle tre finnes; delvis når én eller to finnes, "
        "eller bare rutiner som ikke er gjeldende; ellers ikke oppfylt.",
        tuple(evidence), tuple(_capped(missing)))


def coordination(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    missing: list[Evidence] = []
    coordinator = f.config.coordinator
    if coordinator:
        evidence.append(Evidence(f"Koordinator for håndboka og samarbeidet: {coordinator} "
                                 "(tvf.toml)."))
    else:
        missing.append(Evidence("Ingen koordinator er oppgitt i tvf.toml ([handbook] "
                                "coordinator)."))
    mandated = 0
    for network in f.networks:
        mandate = f.by_id.get(network.mandate) if network.mandate else None
        if mandate is not None and f.current(mandate):
            mandated += 1
            evidence.append(Evidence(f"{network.title} arbeider etter mandatet {mandate.id} "
                                     f"«{mandate.title}».", (_doc_link(mandate),
                                                             _network_link(network))))
        elif mandate is not None:
            missing.append(Evidence(f"{network.title}: mandatet {mandate.id} "
                                    f"{f.problem(mandate)}.", (_doc_link(mandate),)))
        else:
            what = f"mandatet {network.mandate} finnes ikke" if network.mandate \
                else "har ikke mandat (mandate)"
            missing.append(Evidence(f"{network.title}: {what}.", (_network_link(network),)))
    if not f.networks:
        missing.append(Evidence("Ingen tverrfaglige nettverk (type: network) i håndboka."))
    shared = [d for d in f.routines() if f.current(d)
              and isinstance(d.get("applies_to"), list) and len(d.get("applies_to")) >= 2]
    if shared:
        count = _n(len(shared), "gjeldende rutine", "gjeldende rutiner")
        evidence.append(Evidence(f"{count} gjelder for flere tjenester (applies_to)"
                                 f"{_more(len(shared))}.", _links(shared)))
    else:
        missing.append(Evidence("Ingen gjeldende rutine gjelder for flere tjenester "
                                "(applies_to med minst to tjenester)."))
    parts = sum((bool(coordinator), bool(f.networks) and mandated == len(f.networks),
                 bool(shared)))
    status = _score(parts, 3)
    reason = {MET: "Samarbeidet har en koordinator, nettverkene arbeider etter et gjeldende "
                   "mandat, og rutinene gjelder på tvers av tjenestene.",
              PARTLY: f"{parts} av 3 tegn på koordinering finnes i håndboka.",
              NOT_MET: "Håndboka viser ingen koordinator, mandat eller felles rutiner."}[status]
    return Criterion(
        7, "koordinering", "Koordinering av tjenestene", status, reason,
        "Tre deler: en koordinator i tvf.toml ([handbook] coordinator); minst ett nettverk, og "
        "hvert nettverk har et mandat (mandate) som er et gjeldende dokument; minst én gjeldende "
        "rutine som gjelder for to eller flere tjenester (applies_to). Oppfylt når alle tre "
        "finnes; delvis når én eller to finnes; ellers ikke oppfylt.",
        tuple(evidence), tuple(_capped(missing)))


def evaluation(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    missing: list[Evidence] = []
    evaluated = overdue = 0
    for network in f.networks:
        last = last_evaluation(network, f.today + dt.timedelta(days=1))
        planned = [day for day, doc in network.agendas
                   if day >= f.today and doc.get("evaluation") is True]
        if last is not None and _within_year(last, f.today):
            evaluated += 1
            doc = next(d for day, d in network.minutes if day == last
                       and d.get("evaluation") is True)
            evidence.append(Evidence(f"{network.title}: arbeidet ble evaluert {last}.",
                                     (Link(f"Referat {last}", doc.path),)))
            continue
        if evaluation_overdue(network, f.today):
            overdue += 1
            when = f"siste evaluering var {last}" if last else "ingen evaluering er registrert"
            missing.append(Evidence(f"{network.title}: ingen evaluering de siste tolv månedene "
                                    f"({when}); mandatet krever årlig evaluering (TVF405).",
                                    (_network_link(network),)))
        else:
            first = first_meeting(network)
            since = f" siden {first}" if first else ""
            due = f", senest {add_months(first, 12)}" if first else ""
            missing.append(Evidence(f"{network.title}: ikke evaluert ennå; nettverket har møttes"
                                    f"{since}, så evalueringen er ikke forfalt{due}.",
                                    (_network_link(network),)))
        if planned:
            evidence.append(Evidence(f"{network.title}: evalueringen står på sakslisten til "
                                     f"møtet {planned[0]}.", (_network_link(network),)))
    if not f.networks:
        missing.append(Evidence("Ingen tverrfaglige nettverk (type: network) i håndboka."))
    if f.networks and evaluated == len(f.networks):
        status, reason = MET, "Alle nettverkene har evaluert arbeidet sitt de siste tolv " \
                              "månedene."
    elif f.networks and (evaluated or not overdue):
        status, reason = PARTLY, "Ikke alle nettverkene har evaluert arbeidet sitt de siste " \
                                 "tolv månedene" + ("" if overdue else ", men ingen evaluering "
                                                    "er forfalt ennå") + "."
    else:
        status, reason = NOT_MET, "Ingen nettverk har evaluert arbeidet sitt de siste tolv " \
                                  "månedene."
    return Criterion(
        8, "evaluering", "Evaluering av samarbeidsstrukturene", status, reason,
        "Oppfylt når det finnes minst ett nettverk, og hvert nettverk har et referat med "
        "evaluation: true de siste tolv månedene; delvis når minst ett har det, eller når ingen "
        "evaluering er forfalt ennå (nettverk yngre enn ett år); ellers ikke oppfylt.",
        tuple(evidence), tuple(_capped(missing)))


def capturing_needs(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    missing: list[Evidence] = []
    routines = [d for d in f.routines() if f.cites_any(d, CONCERN_DUTIES)
                or _words(d, CONCERN_WORDS, body=False)]
    current = [d for d in routines if f.current(d)]
    if current:
        evidence.append(Evidence("Gjeldende rutiner for bekymring og opplysningsplikt på tvers "
                                 f"av tjenestene{_more(len(current))}:", _links(current)))
    else:
        missing.append(Evidence("Ingen gjeldende rutine for bekymring eller opplysningsplikt "
                                "(barnevernsloven § 13-2, helsepersonelloven § 33)"
                                + (" (de som finnes, er ikke gjeldende)." if routines else "."),
                                _links(routines)))
    across = 0
    for network in f.networks:
        sources = {i.sender.strip().casefold(): i.sender.strip() for i in network.inputs
                   if i.sender and i.date and _within_year(i.date, f.today)}
        for item in current_action_items(network):
            if _within_year(item.meeting, f.today):
                sources.setdefault(item.owner.strip().casefold(), item.owner.strip())
        names = sorted(sources.values(), key=str.casefold)
        if len(names) >= 2:
            across += 1
            evidence.append(Evidence(f"{network.title}: saker og oppfølgingspunkter fra "
                                     f"{len(names)} tjenester eller roller det siste året: "
                                     f"{', '.join(names)}.", (_network_link(network),)))
        else:
            missing.append(Evidence(f"{network.title}: innspill eller oppfølgingspunkter fra "
                                    "færre enn to tjenester det siste året.",
                                    (_network_link(network),)))
    if not f.networks:
        missing.append(Evidence("Ingen tverrfaglige nettverk (type: network) som fanger opp "
                                "behov på systemnivå."))
    parts = bool(current) + bool(across)
    status = _score(parts, 2)
    reason = {MET: "Det finnes rutiner for å melde og følge opp bekymring på tvers av "
                   "tjenestene, og nettverkene tar opp saker fra flere tjenester.",
              PARTLY: "Bare én av to deler finnes: rutiner for bekymring, eller nettverk som tar "
                      "opp saker fra flere tjenester.",
              NOT_MET: "Håndboka viser verken rutiner for bekymring på tvers av tjenestene "
                       "eller nettverk som tar opp saker fra flere tjenester."}[status]
    return Criterion(
        9, "fanger_opp_behov",
        "Følger med på om tjenestene fanger opp behov for tjenester både fra eget "
        "ansvarsområde og tilstøtende ansvarsområder", status, reason,
        "To deler: en gjeldende rutine som viser til barnevernsloven § 13-2 eller "
        "helsepersonelloven § 33, eller har «bekymring» i tittelen; og minst ett nettverk med "
        "innspill (from) eller oppfølgingspunkter (ansvar) fra minst to ulike tjenester eller "
        "roller de siste tolv månedene. Oppfylt når begge finnes; delvis når én finnes; ellers "
        "ikke oppfylt.",
        tuple(evidence), tuple(_capped(missing)),
        "Om tjenestene faktisk fanger opp behovene, for eksempel for barn som avvises av eller "
        "avsluttes i BUP, kan ikke vurderes ut fra håndboka.",
        ("oversikt over bekymringsmeldinger og henvisninger mellom tjenestene (antall, ikke "
         "enkeltsaker)",
         "avviksmeldinger om barn som har falt mellom tjenestene",
         "rutine for oppfølging når spesialisthelsetjenesten avviser eller avslutter et barn"))


def user_participation(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    missing: list[Evidence] = []
    since = twelve_months_before(f.today)
    invited = 0
    for network in f.networks:
        found: list[tuple[dt.date, list[str], Document]] = []
        for day, doc in sorted((*network.agendas, *network.minutes), key=lambda m: m[0]):
            names = doc.get("user_representatives")
            if day > since and isinstance(names, list):
                listed = [n.strip() for n in names if isinstance(n, str) and n.strip()]
                if listed:
                    found.append((day, listed, doc))
        if found:
            invited += 1
            for day, names, doc in found:
                tense = "invitert til" if day >= f.today else "med på"
                evidence.append(Evidence(f"{network.title}: {', '.join(names)} {tense} møtet "
                                         f"{day}.", (Link(doc.title or doc.path, doc.path),)))
        else:
            missing.append(Evidence(f"{network.title}: ingen brukerrepresentanter (elevråd, "
                                    "foreldreutvalg, ungdomsråd) invitert de siste tolv månedene "
                                    "eller til planlagte møter.", (_network_link(network),)))
    described = [d for d in f.documents if f.current(d)
                 and (f.cites_any(d, [(PBRL, "3-1")]) or _words(d, PARTICIPATION_WORDS))]
    if described:
        count = _n(len(described), "gjeldende dokument", "gjeldende dokumenter")
        evidence.append(Evidence(f"{count} omtaler brukermedvirkning{_more(len(described))}.",
                                 _links(described)))
    if not f.networks:
        missing.append(Evidence("Ingen tverrfaglige nettverk (type: network) som kan invitere "
                                "brukerrepresentanter."))
    status = _score(invited, len(f.networks)) if f.networks else NOT_MET
    reason = {MET: "Alle nettverkene har invitert brukerrepresentanter det siste året eller "
                   "til et planlagt møte.",
              PARTLY: f"{invited} av {len(f.networks)} nettverk har invitert "
                      "brukerrepresentanter.",
              NOT_MET: "Håndboka viser ingen nettverk som har invitert brukerrepresentanter."
              }[status]
    return Criterion(
        10, "brukermedvirkning", "Brukermedvirkning", status, reason,
        "Oppfylt når det finnes minst ett nettverk, og hvert nettverk har sakslister eller "
        "referater med user_representatives de siste tolv månedene eller for et planlagt møte; "
        "delvis når noen har det; ellers ikke oppfylt. Dokumenter som omtaler brukermedvirkning "
        "(pasient- og brukerrettighetsloven § 3-1, «medvirkning») vises som støttende "
        "dokumentasjon.",
        tuple(evidence), tuple(_capped(missing)),
        "Om brukernes syn faktisk påvirker arbeidet, kan ikke vurderes ut fra håndboka.",
        ("referater der innspill fra elevråd, foreldreutvalg eller ungdomsråd er fulgt opp",
         "resultater fra brukerundersøkelser eller samtaler med barn og foresatte"))


CRITERIA: tuple[Callable[[_Facts], Criterion], ...] = (
    organisation, meeting_structures, knowing_each_other, routines, not_person_dependent,
    groups_and_coordinator, coordination, evaluation, capturing_needs, user_participation,
)


def audit(root: Path, *, today: dt.date) -> AuditReport:
    """Score every criterion of the audit from the handbook at ``root``."""
    facts, findings = _gather(root, today)
    notes = []
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        notes.append(f"tvf check finner {len(errors)} feil i håndboka. "
                     "Dokumenter med feil kan mangle i vurderingen: rett dem først (kjør tvf "
                     "check).")
    return AuditReport(root=root, title=facts.config.title,
                       municipality=facts.config.municipality, today=today,
                       criteria=tuple(make(facts) for make in CRITERIA),
                       documents=len(facts.documents), networks=len(facts.networks),
                       notes=tuple(notes))


# --- Rendering and writing -----------------------------------------------------------------------

def md(text: object) -> str:
    """Text safe inside Markdown (and in a Markdown table cell)."""
    return markdown_escape(str(text))


def _href(path: str, root: Path, base: Path) -> str:
    target = (root / path).resolve()
    try:
        rel = Path(os.path.relpath(target, base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        rel = target.as_posix()
    return quote(rel, safe="/._-~")


def context(report: AuditReport, link_base: Path) -> dict[str, object]:
    """What the templates get: plain data, links relative to ``link_base``."""

    def evidence(items: Iterable[Evidence]) -> list[dict[str, object]]:
        return [{"text": e.text,
                 "links": [{"label": link.label, "href": _href(link.path, report.root, link_base),
                            "path": link.path} for link in e.links]} for e in items]

    return {
        "title": "Tilsynsrapport",
        "handbook": {"title": report.title, "municipality": report.municipality},
        "today": report.today.isoformat(),
        "today_text": date_no(report.today),
        "documents": report.documents,
        "networks": report.networks,
        "notes": list(report.notes),
        "summary": [{"status": s, "text": STATUS_NO[s], "count": report.count(s)}
                    for s in STATUSES],
        "criteria": [{
            "number": c.number, "key": c.key, "title": c.title, "status": c.status,
            "status_text": c.status_text, "reason": c.reason, "rule": c.rule,
            "evidence": evidence(c.evidence), "missing": evidence(c.missing),
            "not_judged": c.not_judged, "would_help": list(c.would_help),
        } for c in report.criteria],
    }


def render_audit(report: AuditReport, fmt: str, *, link_base: Path) -> str:
    """The report as ``markdown`` or ``html`` (one self-contained file), from the templates
    ``audit.md.j2`` and ``audit.html.j2`` (a handbook's own ``templates/`` may override them).
    A report that would hold what looks like a national identity number is refused."""
    if fmt not in ("markdown", "html"):
        raise TvfError(f"Ukjent format «{fmt}» for tilsynsrapporten.",
                       hint="Bruk --format markdown eller --format html.")
    html = fmt == "html"
    from .templating import environment, render  # Jinja2 only when a report is rendered

    env = environment(report.root, autoescape=html)
    env.filters["md"] = md
    text = render(env, "audit.html.j2" if html else "audit.md.j2", context(report, link_base))
    if contains_national_id(text):
        raise TvfError("Tilsynsrapporten ville inneholdt det som ser ut som et fødselsnummer "
                       "(TVF501), så den er ikke skrevet.",
                       hint="Kjør tvf check for å finne dokumentet, og fjern nummeret.")
    return text


def write_report(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename, so
    a reader never sees half a report; an existing file is replaced."""
    folder = path.absolute().parent
    if path.is_dir():
        raise TvfError(f"{path} er en mappe.", hint="Oppgi et filnavn, f.eks. tilsyn.md.")
    if not folder.is_dir():
        raise TvfError(f"Mappen {folder} finnes ikke, så {path.name} kan ikke skrives der.",
                       hint="Lag mappen først, eller velg en annen --output.")
    write_atomic(path, text)

