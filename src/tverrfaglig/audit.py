"""``tvf audit``: a tilsynsrapport (audit readiness report) from the handbook.

The state administrator's audit of how municipalities follow up children with mental health
problems looked for ten things (seed ``003``, «Hva så vi etter i tilsynet?»). Each becomes a
:class:`Criterion`, scored from evidence in the handbook as *oppfylt* (met), *delvis oppfylt*
(partly met) or *ikke oppfylt* (not met), with the evidence (documents, networks, dates) and
what is missing. What the handbook cannot show (whether employees actually know the routines,
say) is said plainly, with the evidence that would help, instead of being guessed; one
criterion is judged *kan ikke vurderes ut fra håndboka* as a whole.

The rules are explicit constants and small functions, one per criterion, documented as a table
in ``docs/audit.md``. Everything reads; nothing writes except :func:`write_report`; the report
is rendered (Markdown, HTML) by :mod:`tverrfaglig.render.audit`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .checks import check, citations
from .config import Config
from .confirmations import CoverageReport, handbook_coverage
from .document import Document, as_date
from .errors import TvfError
from .files import write_atomic
from .findings import Finding, Severity
from .handbook import load_handbook
from .i18n import N_, _, ngettext
from .meetings import (
    ATTENDED,
    DECIDED,
    INVITED,
    Network,
    current_action_items,
    evaluation_overdue,
    first_meeting,
    last_evaluation,
    meetings_this_school_year,
    networks,
    records_evaluation,
    representations,
    school_year_label,
    twelve_months_before,
)
from .revisions import add_months

MET = "met"
PARTLY = "partly"
NOT_MET = "not_met"
CANNOT_JUDGE = "cannot_judge"
STATUSES = (MET, PARTLY, NOT_MET, CANNOT_JUDGE)
STATUS_NO = {
    MET: N_("oppfylt"),
    PARTLY: N_("delvis oppfylt"),
    NOT_MET: N_("ikke oppfylt"),
    CANNOT_JUDGE: N_("kan ikke vurderes ut fra håndboka"),
}  # translate with _()

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
    Duty("opplæringslova § 24-1", OPPL, "24-1", "opplæringslova (1998) § 15-8", OPPL_1998, "15-8"),
    Duty("barnehageloven § 2 b", BHL, "2b"),
    Duty("barnevernsloven § 15-8", BVL, "15-8", "barnevernloven (1992) § 3-2", BVL_1992, "3-2"),
)
INDIVIDUAL_PLAN = (HOL, "7-1")
COORDINATOR = (HOL, "7-2a")
CONCERN_DUTIES = ((BVL, "13-2"), (HPL, "33"))
GROUP_WORDS = (
    "ansvarsgruppe",
    "samarbeidsmøte",
    "tverrfaglig team",
    "tverrfaglige team",
    "konsultasjonsteam",
    "tverrfaglig møte",
    "tverrfaglige møte",
)
IP_WORDS = ("individuell plan",)
COORDINATOR_WORDS = ("koordinator",)
CONCERN_WORDS = ("bekymring",)
PARTICIPATION_WORDS = ("brukermedvirkning", "medvirkning")
NO_NETWORKS = N_("Ingen tverrfaglige nettverk (type: network) i håndboka.")


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
    title: str  # as the audit put it (in the language in use, like all text here)
    status: str
    reason: str  # why this status, in one or two sentences
    rule: str  # the thresholds, in words
    evidence: tuple[Evidence, ...] = ()
    missing: tuple[Evidence, ...] = ()
    not_judged: str | None = None  # what the handbook cannot show
    would_help: tuple[str, ...] = ()  # evidence that would show it
    source: str = ""  # where the criterion comes from (set by :func:`audit`)

    @property
    def status_text(self) -> str:
        return _(STATUS_NO[self.status])


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
        return ", ".join(f"{self.count(s)} {_(STATUS_NO[s])}" for s in STATUSES if self.count(s))

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
    coverage: CoverageReport | None = None  # reading confirmations, when tvf.toml has units

    def __post_init__(self) -> None:
        for doc in self.documents:
            if doc.id:
                self.by_id.setdefault(doc.id, doc)

    @property
    def approved(self) -> list[Document]:
        return [d for d in self.documents if d.status == "approved"]

    def problem(self, doc: Document) -> str | None:
        """Why an approved document is not current, or None when it is: it has an owner, a
        review date that has not passed, and content unchanged since it was approved.

        The reason is a predicate that follows the document's ID ("IV.7-5 mangler ansvarlig").
        """
        if doc.status != "approved":
            return _("er et utkast (ikke godkjent)")
        owner = doc.get("owner")
        if not (isinstance(owner, str) and owner.strip()):
            return _("mangler ansvarlig (owner)")
        review_by = as_date(doc.get("review_by"))
        if review_by is None:
            return _("mangler revisjonsdato (review_by)")
        if review_by < self.today:
            return _("revisjonsdatoen {date} er passert").format(date=review_by)
        if "TVF302" in self.findings.get(doc.path, set()):
            return _("er endret etter at det ble godkjent (TVF302)")
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
    docs = [
        d
        for d in handbook.documents
        if d.meta is not None and d.is_handbook_document and d.status != "retired"
    ]
    cites: dict[str, set[tuple[str, str]]] = {}
    for doc in docs:
        found: set[tuple[str, str]] = set()
        for cite in citations(doc, handbook.laws, today):
            if cite.law is None:
                continue
            found.add((cite.law.id, ""))
            found.update((cite.law.id, section) for section in cite.sections)
        cites[doc.path] = found
    facts = _Facts(
        handbook.config,
        today,
        docs,
        by_path,
        list(report.findings),
        sorted(networks(handbook).values(), key=lambda n: n.slug),
        cites,
        coverage=handbook_coverage(root, handbook.config, docs) if handbook.config.units else None,
    )
    return facts, list(report.findings)


def _doc_link(doc: Document) -> Link:
    label = f"{doc.id} {doc.title}" if doc.id else (doc.title or doc.path)
    return Link(label, doc.path)


def _network_link(network: Network) -> Link:
    return Link(network.title, network.document.path)


def _links(docs: Sequence[Document]) -> tuple[Link, ...]:
    return tuple(_doc_link(d) for d in docs[:MAX_LISTED])


def _more(count: int) -> str:
    """`` (og 3 til)`` after a list cut at :data:`MAX_LISTED`, else nothing."""
    if count <= MAX_LISTED:
        return ""
    return " " + _("(og {n} til)").format(n=count - MAX_LISTED)


def _capped(items: list[Evidence]) -> list[Evidence]:
    if len(items) <= MAX_LISTED:
        return items
    return [
        *items[:MAX_LISTED],
        Evidence(_("… og {n} til (tvf outdated viser alle).").format(n=len(items) - MAX_LISTED)),
    ]


def _words(doc: Document, words: Iterable[str], *, body: bool = True) -> bool:
    text = doc.title.casefold()
    if body:
        text += "\n" + doc.body.casefold()
    return any(w in text for w in words)


def _within_year(day: dt.date, today: dt.date) -> bool:
    """In the twelve months up to and including today."""
    return twelve_months_before(today) < day <= today


def _percent(share: float) -> str:
    # Norwegian writes a space before the per cent sign; English does not.
    return _("{n} %").format(n=round(share * 100))


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
    evidence = [
        Evidence(
            _(
                "{n} av {total} godkjente dokumenter har ansvarlig (owner), en "
                "revisjonsdato som ikke er passert, og er uendret siden godkjenningen "
                "({percent})."
            ).format(n=len(current), total=len(approved), percent=_percent(share))
        )
    ]
    if owners:
        listed = sorted(owners.items(), key=lambda o: (-o[1], o[0].casefold()))
        evidence.append(
            Evidence(
                ngettext(
                    "{n} ansvarlig enhet eller rolle",
                    "{n} ansvarlige enheter eller roller",
                    len(owners),
                ).format(n=len(owners))
                + ": "
                + ", ".join(f"{o} ({n})" for o, n in listed[:MAX_LISTED])
                + _more(len(listed))
                + "."
            )
        )
    if measures:
        evidence.append(
            Evidence(
                ngettext(
                    "{n} tiltak beskriver tjenestene, hvert med ansvarlig.",
                    "{n} tiltak beskriver tjenestene, hvert med ansvarlig.",
                    len(measures),
                ).format(n=len(measures)),
                _links(measures),
            )
        )
    missing = [
        Evidence(f"{d.id or d.path} {f.problem(d)}.", (_doc_link(d),))
        for d in f.documents
        if not f.current(d)
    ]
    if not measures:
        missing.insert(
            0,
            Evidence(
                _(
                    "Ingen gjeldende tiltak (type: measure) beskriver "
                    "tjenestene og hvem som har ansvaret for dem."
                )
            ),
        )
    if approved and share >= CURRENT_SHARE_MET and measures:
        status, reason = (
            MET,
            _(
                "Tjenestene og oppgavene er beskrevet i godkjente dokumenter "
                "med ansvarlig og gyldig revisjonsdato."
            ),
        )
    elif approved and share >= CURRENT_SHARE_PARTLY:
        status, reason = (
            PARTLY,
            _(
                "Mange dokumenter har ansvarlig og gyldig revisjonsdato, men "
                "ikke nok til at organiseringen fremstår som oppdatert."
            ),
        )
    else:
        status, reason = (
            NOT_MET,
            _("For få godkjente dokumenter har ansvarlig og gyldig revisjonsdato."),
        )
    return Criterion(
        1,
        "organisering",
        _("Tydelig og oversiktlig organisering av tjenestene og oppgavene"),
        status,
        reason,
        _(
            "Oppfylt når minst {met} av de godkjente dokumentene er gjeldende (ansvarlig, "
            "revisjonsdato ikke passert, uendret siden godkjenning) og minst ett tiltak beskriver "
            "en tjeneste; delvis når minst {partly} er gjeldende; ellers ikke oppfylt."
        ).format(met=_percent(CURRENT_SHARE_MET), partly=_percent(CURRENT_SHARE_PARTLY)),
        tuple(evidence),
        tuple(_capped(missing)),
    )


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
            if isinstance(sent, dict) and sent_day:
                text = _("{network}: referat fra møtet {date} (sendt {sent} til {to}).").format(
                    network=network.title, date=day, sent=sent_day, to=sent.get("to")
                )
            else:
                text = _("{network}: referat fra møtet {date} (ikke merket som sendt).").format(
                    network=network.title, date=day
                )
            evidence.append(Evidence(text, (Link(_("Referat {date}").format(date=day), doc.path),)))
        this_year = meetings_this_school_year(network, f.today)
        evidence.append(
            Evidence(
                _(
                    "{network}: {n} av {total} møter holdt eller planlagt skoleåret {school_year}; "
                    "referatene sendes til {recipient}."
                ).format(
                    network=network.title,
                    n=len(this_year),
                    total=network.meetings_per_year,
                    school_year=school_year_label(f.today),
                    recipient=recipient,
                ),
                (_network_link(network),),
            )
        )
        paths = [
            network.document.path,
            *(d.path for _unused, d in network.agendas),
            *(d.path for _unused, d in network.minutes),
        ]
        problems = [
            *f.findings_of(paths, "TVF402"),
            *f.findings_of(paths, "TVF403"),
            *f.findings_of(paths, "TVF406"),
        ]
        for finding in problems:
            missing.append(
                Evidence(f"{network.title}: {finding.message}", (Link(finding.path, finding.path),))
            )
        if not held:
            missing.append(
                Evidence(
                    _("{network}: ingen referat fra de siste tolv månedene.").format(
                        network=network.title
                    ),
                    (_network_link(network),),
                )
            )
        held_any += bool(held)
        complete += bool(held) and not problems
    if not f.networks:
        missing.append(Evidence(_(NO_NETWORKS)))
    if f.networks and complete == len(f.networks):
        status, reason = (
            MET,
            _(
                "Alle nettverkene har holdt møter med referat det siste året, "
                "sendt referatene, og har møtene for skoleåret holdt eller "
                "planlagt."
            ),
        )
    elif held_any:
        status, reason = (
            PARTLY,
            _(
                "Nettverkene møtes, men ikke alle har referat fra det siste "
                "året, sendte referater og nok møter holdt eller planlagt."
            ),
        )
    else:
        status, reason = (
            NOT_MET,
            _("Håndboka viser ingen nettverksmøter med referat det siste året."),
        )
    return Criterion(
        2,
        "moter_rapportering",
        _("Møte- og rapporteringsstrukturer"),
        status,
        reason,
        _(
            "Oppfylt når det finnes minst ett nettverk, og hvert nettverk har referat fra minst "
            "ett møte de siste tolv månedene, ingen holdte møter uten referat (TVF403), ingen "
            "referater som ikke er sendt (TVF406) og nok møter holdt eller planlagt i skoleåret "
            "(TVF402); delvis når minst ett nettverk har referat fra de siste tolv månedene; "
            "ellers ikke oppfylt."
        ),
        tuple(evidence),
        tuple(_capped(missing)),
    )


def knowing_each_other(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    for network in f.networks:
        services = sorted({m.service for m in network.members}, key=str.casefold)
        if services:
            evidence.append(
                Evidence(
                    ngettext(
                        "{network} samler {n} tjeneste: {services}.",
                        "{network} samler {n} tjenester: {services}.",
                        len(services),
                    ).format(network=network.title, n=len(services), services=", ".join(services)),
                    (_network_link(network),),
                )
            )
    measures = [d for d in f.documents if d.type == "measure" and f.current(d)]
    if measures:
        evidence.append(
            Evidence(
                _(
                    "Håndboka beskriver {n} tiltak og tjenester, som de andre "
                    "tjenestene kan slå opp i (se punkt 1)."
                ).format(n=len(measures))
            )
        )
    return Criterion(
        3,
        "kjennskap",
        _("Kjent med de andre tjenestene"),
        CANNOT_JUDGE,
        _(
            "Håndboka kan vise at tjenestene har felles arenaer og en oversikt over hverandre, men "
            "ikke om de ansatte faktisk kjenner de andre tjenestene."
        ),
        _(
            "Vurderes ikke ut fra håndboka; nettverkenes medlemmer og tiltakene vises som "
            "støttende dokumentasjon."
        ),
        tuple(evidence),
        (),
        _(
            "Om de ansatte kjenner de andre tjenestenes oppgaver og ansvar, kan ikke vurderes ut "
            "fra håndboka."
        ),
        (
            _("referater der tjenestene presenterer seg for hverandre i nettverksmøtene"),
            _("program for felles fagdager eller kompetanseheving på tvers av tjenestene"),
            _("opplæring av nyansatte i de andre tjenestenes oppgaver"),
            _("en kort spørreundersøkelse blant de ansatte"),
        ),
    )


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
            evidence.append(
                Evidence(
                    ngettext(
                        "{duty}: {n} gjeldende rutine viser til samarbeidsplikten{more}.",
                        "{duty}: {n} gjeldende rutiner viser til samarbeidsplikten{more}.",
                        len(current),
                    ).format(duty=duty.label, n=len(current), more=_more(len(current))),
                    _links(current),
                )
            )
        elif citing:
            partial = True
            missing.append(
                Evidence(
                    _("{duty}: bare rutiner som ikke er gjeldende viser til plikten.").format(
                        duty=duty.label
                    ),
                    _links(citing),
                )
            )
        else:
            missing.append(
                Evidence(
                    _("{duty}: ingen rutine viser til samarbeidsplikten.").format(duty=duty.label)
                )
            )
        if duty.old_law is not None and duty.old_section is not None:
            old = [d for d in f.documents if f.cites_any(d, [(duty.old_law, duty.old_section)])]
            if old:
                missing.append(
                    Evidence(
                        _("Viser fortsatt til {old}, som er erstattet av {new}.").format(
                            old=duty.old_label, new=duty.label
                        ),
                        _links(old),
                    )
                )
    total = len(COOPERATION_DUTIES)
    status = _score(covered, total)
    if status == NOT_MET and partial:
        status = PARTLY
    reason = {
        MET: _("Gjeldende rutiner viser til alle de fire samarbeidspliktene."),
        PARTLY: _("Gjeldende rutiner viser til {n} av {total} samarbeidsplikter.").format(
            n=covered, total=total
        ),
        NOT_MET: _("Ingen rutine viser til samarbeidspliktene."),
    }[status]
    rule = _(
        "Oppfylt når gjeldende rutiner (prosedyre, vedlegg eller plan) til sammen viser til "
        "alle fire samarbeidspliktene: helse- og omsorgstjenesteloven § 3-4, opplæringslova "
        "§ 24-1, barnehageloven § 2 b og barnevernsloven § 15-8; delvis når de viser til "
        "minst én (eller bare rutiner som ikke er gjeldende gjør det); ellers ikke oppfylt."
    )
    known = _routines_known(f)
    if known is not None:  # reading confirmations: whether the routines are known
        known_status, known_reason, known_evidence, known_missing = known
        evidence.extend(known_evidence)
        missing.extend(known_missing)
        if status != NOT_MET:
            status = MET if status == MET and known_status == MET else PARTLY
        return Criterion(
            4,
            "rutiner",
            _("Samarbeidsrutiner – og at disse er kjent"),
            status,
            f"{reason} {known_reason}",
            rule
            + " "
            + _(
                "At rutinene er kjent, vurderes ut fra lesebekreftelsene: hver "
                "gjeldende rutine skal være bekreftet lest av minst {threshold} % "
                "av de ansatte i enhetene den gjelder for (terskelen i tvf.toml). "
                "Er den ikke det, blir vurderingen høyst delvis oppfylt."
            ).format(threshold=f.coverage.threshold if f.coverage else 0),
            tuple(evidence),
            tuple(_capped(missing)),
        )
    return Criterion(
        4,
        "rutiner",
        _("Samarbeidsrutiner – og at disse er kjent"),
        status,
        reason,
        rule,
        tuple(evidence),
        tuple(_capped(missing)),
        _("Om rutinene er kjent blant de ansatte, kan ikke vurderes ut fra håndboka."),
        (
            _("dokumentert gjennomgang av rutinene i hver tjeneste (dato og hvem som var med)"),
            _("opplæringsplan for nyansatte som omfatter samarbeidsrutinene"),
            _("egenkontroll eller internrevisjon av at rutinene følges"),
            _("avviksmeldinger som gjelder samarbeid mellom tjenestene"),
            _("lesebekreftelser for gjeldende versjon av rutinene (tvf confirmations import)"),
        ),
    )


def _routines_known(f: _Facts) -> tuple[str, str, list[Evidence], list[Evidence]] | None:
    """Criterion 4's second half from the reading confirmations, or None without data."""
    report = f.coverage
    if report is None or not report.has_data:
        return None
    wanted = {d.id for d in f.routines() if f.current(d)}
    docs = [d for d in report.documents if d.id in wanted and d.required]
    if not docs:
        return None
    below = [d for d in docs if d.below(report.threshold)]
    date = report.data_date.date() if report.data_date else f.today
    evidence = [
        Evidence(
            _(
                "Lesebekreftelser (data til og med {date}, terskel {threshold} %): {n} av {total} "
                "gjeldende rutiner er bekreftet lest av nok av de ansatte de gjelder for."
            ).format(
                date=date, threshold=report.threshold, n=len(docs) - len(below), total=len(docs)
            ),
            tuple(Link(f"{d.id} {d.title}", d.path) for d in docs if d not in below)[:MAX_LISTED],
        )
    ]
    missing = [
        Evidence(
            _(
                "{id}: {confirmed} av {required} ({percent}) har bekreftet versjon {version}; "
                "under terskelen på {threshold} %."
            ).format(
                id=d.id,
                confirmed=d.confirmed,
                required=d.required,
                percent=_percent(d.share),
                version=d.version,
                threshold=report.threshold,
            ),
            (Link(f"{d.id} {d.title}", d.path),),
        )
        for d in below
    ]
    if not below:
        return (
            MET,
            _(
                "Alle gjeldende rutiner er bekreftet lest av minst {threshold} % av dem "
                "de gjelder for."
            ).format(threshold=report.threshold),
            evidence,
            missing,
        )
    return (
        PARTLY if any(d.confirmed for d in docs) else NOT_MET,
        ngettext(
            "{n} gjeldende rutine er bekreftet lest av for få.",
            "{n} gjeldende rutiner er bekreftet lest av for få.",
            len(below),
        ).format(n=len(below)),
        evidence,
        missing,
    )


def not_person_dependent(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    missing: list[Evidence] = []
    rotating = recorded = 0
    for network in f.networks:
        leader = network.leader
        ok, why = _leader_term(network, f.today)
        if leader.term_start is not None and leader.term_end is not None:
            recorded += 1
        who = (
            f"{leader.name} ({leader.role})"
            if leader.name and leader.role
            else leader.name or leader.role or _("ikke oppgitt")
        )
        if ok:
            evidence.append(
                Evidence(
                    _(
                        "{network}: leder er {leader}, valgt for {start}–{end}; ledervervet går på "
                        "omgang."
                    ).format(
                        network=network.title,
                        leader=who,
                        start=leader.term_start,
                        end=leader.term_end,
                    ),
                    (_network_link(network),),
                )
            )
        else:
            missing.append(Evidence(f"{network.title}: {why}.", (_network_link(network),)))
        items = [i for i in current_action_items(network) if not i.done]
        overdue = [i for i in items if i.overdue(f.today)]
        if items:
            evidence.append(
                Evidence(
                    ngettext(
                        "{network}: {n} åpent oppfølgingspunkt, hvert med ansvarlig tjeneste "
                        "og frist.",
                        "{network}: {n} åpne oppfølgingspunkter, hvert med ansvarlig tjeneste "
                        "og frist.",
                        len(items),
                    ).format(network=network.title, n=len(items)),
                    (_network_link(network),),
                )
            )
        for item in overdue:
            missing.append(
                Evidence(
                    _(
                        "{network}: oppfølgingspunktet «{text}» (ansvar: {owner}) hadde frist "
                        "{deadline} (TVF404)."
                    ).format(
                        network=network.title,
                        text=item.text,
                        owner=item.owner,
                        deadline=item.deadline,
                    ),
                    (Link(_("Referat {date}").format(date=item.meeting), item.path),),
                )
            )
        rotating += ok and not overdue
    owned = [d for d in f.approved if isinstance(d.get("owner"), str) and d.get("owner")]
    if f.approved:
        evidence.append(
            Evidence(
                _(
                    "{n} av {total} godkjente dokumenter har en ansvarlig enhet "
                    "eller rolle (owner)."
                ).format(n=len(owned), total=len(f.approved))
            )
        )
    if not f.networks:
        missing.append(
            Evidence(
                _(
                    "Ingen tverrfaglige nettverk (type: network) med leder og "
                    "lederperiode i håndboka."
                )
            )
        )
    if f.networks and rotating == len(f.networks):
        status, reason = (
            MET,
            _(
                "Nettverkene har ledere valgt for ett år om gangen, og "
                "oppfølgingspunktene har ansvarlig og frist og følges opp i "
                "tide."
            ),
        )
    elif recorded:
        status, reason = (
            PARTLY,
            _(
                "Nettverkene har lederperioder, men ikke alle er gjeldende og "
                "ett år lange, eller oppfølgingspunkter er over fristen."
            ),
        )
    else:
        status, reason = (
            NOT_MET,
            _("Håndboka viser ingen lederperioder som sikrer at ledervervet går på omgang."),
        )
    return Criterion(
        5,
        "ikke_personavhengig",
        _("Tiltak som gjør at oppfølgingen ikke blir personavhengig og tilfeldig"),
        status,
        reason,
        _(
            "Oppfylt når det finnes minst ett nettverk, og hvert nettverk har en gjeldende "
            "lederperiode (term_start og term_end, ikke utløpt, høyst {months} måneder) og ingen "
            "oppfølgingspunkter over fristen (TVF404); delvis når minst ett nettverk har "
            "lederperiode ført inn; ellers ikke oppfylt."
        ).format(months=MAX_TERM_MONTHS),
        tuple(evidence),
        tuple(_capped(missing)),
        _(
            "Om oppfølgingen av det enkelte barnet i praksis avhenger av enkeltpersoner (for "
            "eksempel når en koordinator slutter), kan ikke vurderes ut fra håndboka."
        ),
        (
            _("rutine for stedfortreder og overlapping når en koordinator eller leder slutter"),
            _(
                "oversikt over tidligere ledere av nettverkene (git-historikken til "
                "nettverksfilene "
                "viser den)"
            ),
        ),
    )


def _leader_term(network: Network, today: dt.date) -> tuple[bool, str]:
    """Whether the leader's term shows rotation (recorded, current, at most about a year), and
    why not (a clause that follows the network's name)."""
    leader = network.leader
    if leader.term_start is None or leader.term_end is None:
        return False, _("lederperioden (term_start og term_end) er ikke ført inn")
    if leader.term_end < today:
        return False, _("lederperioden gikk ut {date} (TVF401)").format(date=leader.term_end)
    if leader.term_end > add_months(leader.term_start, MAX_TERM_MONTHS):
        return False, _(
            "lederperioden {start}–{end} er lengre enn ett år; mandatet sier at "
            "lederen velges for ett år om gangen"
        ).format(start=leader.term_start, end=leader.term_end)
    return True, ""


def groups_and_coordinator(f: _Facts) -> Criterion:
    parts: tuple[tuple[str, str | None, Callable[[Document], bool]], ...] = (
        (
            N_("individuell plan"),
            "helse- og omsorgstjenesteloven § 7-1",
            lambda d: f.cites_any(d, [INDIVIDUAL_PLAN]) or _words(d, IP_WORDS, body=False),
        ),
        (
            N_("koordinator"),
            "helse- og omsorgstjenesteloven § 7-2 a",
            lambda d: f.cites_any(d, [COORDINATOR]) or _words(d, COORDINATOR_WORDS, body=False),
        ),
        (N_("ansvarsgrupper og samarbeidsmøter"), None, lambda d: _words(d, GROUP_WORDS)),
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
            evidence.append(
                Evidence(
                    _("Rutine for {what}{law}:").format(what=_(what), law=basis), _links(current)
                )
            )
        elif found:
            missing.append(
                Evidence(
                    _(
                        "Ingen gjeldende rutine for {what}{law} (de som finnes, er ikke gjeldende)."
                    ).format(what=_(what), law=basis),
                    _links(found),
                )
            )
        else:
            missing.append(
                Evidence(
                    _("Ingen gjeldende rutine for {what}{law}.").format(what=_(what), law=basis)
                )
            )
    status = _score(covered, len(parts))
    if status == NOT_MET and stale:
        status = PARTLY
    if covered:
        partly = _("Håndboka har gjeldende rutiner for {n} av {total} deler.")
    else:
        partly = _(
            "Håndboka har gjeldende rutiner for {n} av {total} deler, men det finnes "
            "rutiner som ikke er gjeldende."
        )
    reason = {
        MET: _(
            "Håndboka har gjeldende rutiner for individuell plan, koordinator og "
            "ansvarsgrupper eller samarbeidsmøter."
        ),
        PARTLY: partly.format(n=covered, total=len(parts)),
        NOT_MET: _(
            "Håndboka har ingen gjeldende rutiner for individuell plan, "
            "koordinator eller ansvarsgrupper."
        ),
    }[status]
    return Criterion(
        6,
        "ansvarsgrupper_koordinator",
        _("Ansvarsgrupper/samarbeidsmøter og koordinator"),
        status,
        reason,
        # The words in quotes are what tvf looks for in Norwegian documents: not translated.
        _(
            "Tre deler, hver oppfylt av en gjeldende rutine (prosedyre, vedlegg eller plan): "
            "individuell plan (viser til helse- og omsorgstjenesteloven § 7-1, eller «individuell "
            "plan» i tittelen), koordinator (viser til § 7-2 a, eller «koordinator» i tittelen) og "
            "ansvarsgrupper/samarbeidsmøter ({words} i tittel eller tekst). Oppfylt når alle tre "
            "finnes; delvis når én eller to finnes, eller bare rutiner som ikke er gjeldende; "
            "ellers ikke oppfylt."
        ).format(words=", ".join(f"«{w}»" for w in GROUP_WORDS)),
        tuple(evidence),
        tuple(_capped(missing)),
    )


def coordination(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    missing: list[Evidence] = []
    coordinator = f.config.coordinator
    if coordinator:
        evidence.append(
            Evidence(
                _("Koordinator for håndboka og samarbeidet: {coordinator} (tvf.toml).").format(
                    coordinator=coordinator
                )
            )
        )
    else:
        missing.append(
            Evidence(_("Ingen koordinator er oppgitt i tvf.toml ([handbook] coordinator)."))
        )
    mandated = 0
    for network in f.networks:
        mandate = f.by_id.get(network.mandate) if network.mandate else None
        if mandate is not None and f.current(mandate):
            mandated += 1
            evidence.append(
                Evidence(
                    _("{network} arbeider etter mandatet {id} «{title}».").format(
                        network=network.title, id=mandate.id, title=mandate.title
                    ),
                    (_doc_link(mandate), _network_link(network)),
                )
            )
        elif mandate is not None:
            missing.append(
                Evidence(
                    _("{network}: mandatet {id} {problem}.").format(
                        network=network.title, id=mandate.id, problem=f.problem(mandate)
                    ),
                    (_doc_link(mandate),),
                )
            )
        elif network.mandate:
            missing.append(
                Evidence(
                    _("{network}: mandatet {id} finnes ikke.").format(
                        network=network.title, id=network.mandate
                    ),
                    (_network_link(network),),
                )
            )
        else:
            missing.append(
                Evidence(
                    _("{network}: har ikke mandat (mandate).").format(network=network.title),
                    (_network_link(network),),
                )
            )
    if not f.networks:
        missing.append(Evidence(_(NO_NETWORKS)))
    shared = [
        d
        for d in f.routines()
        if f.current(d) and isinstance(d.get("applies_to"), list) and len(d.get("applies_to")) >= 2
    ]
    if shared:
        evidence.append(
            Evidence(
                ngettext(
                    "{n} gjeldende rutine gjelder for flere tjenester (applies_to){more}.",
                    "{n} gjeldende rutiner gjelder for flere tjenester (applies_to){more}.",
                    len(shared),
                ).format(n=len(shared), more=_more(len(shared))),
                _links(shared),
            )
        )
    else:
        missing.append(
            Evidence(
                _(
                    "Ingen gjeldende rutine gjelder for flere tjenester "
                    "(applies_to med minst to tjenester)."
                )
            )
        )
    parts = sum((bool(coordinator), bool(f.networks) and mandated == len(f.networks), bool(shared)))
    status = _score(parts, 3)
    reason = {
        MET: _(
            "Samarbeidet har en koordinator, nettverkene arbeider etter et gjeldende "
            "mandat, og rutinene gjelder på tvers av tjenestene."
        ),
        PARTLY: _("{n} av 3 tegn på koordinering finnes i håndboka.").format(n=parts),
        NOT_MET: _("Håndboka viser ingen koordinator, mandat eller felles rutiner."),
    }[status]
    return Criterion(
        7,
        "koordinering",
        _("Koordinering av tjenestene"),
        status,
        reason,
        _(
            "Tre deler: en koordinator i tvf.toml ([handbook] coordinator); minst ett nettverk, og "
            "hvert nettverk har et mandat (mandate) som er et gjeldende dokument; minst én "
            "gjeldende rutine som gjelder for to eller flere tjenester (applies_to). Oppfylt når "
            "alle tre finnes; delvis når én eller to finnes; ellers ikke oppfylt."
        ),
        tuple(evidence),
        tuple(_capped(missing)),
    )


def evaluation(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    missing: list[Evidence] = []
    evaluated = overdue = 0
    for network in f.networks:
        last = last_evaluation(network, f.today + dt.timedelta(days=1))
        planned = [
            day for day, doc in network.agendas if day >= f.today and doc.get("evaluation") is True
        ]
        if last is not None and _within_year(last, f.today):
            evaluated += 1
            doc = next(d for day, d in network.minutes if day == last and records_evaluation(d))
            evidence.append(
                Evidence(
                    _("{network}: arbeidet ble evaluert {date}.").format(
                        network=network.title, date=last
                    ),
                    (Link(_("Referat {date}").format(date=last), doc.path),),
                )
            )
            continue
        if evaluation_overdue(network, f.today):
            overdue += 1
            if last:
                text = _(
                    "{network}: ingen evaluering de siste tolv månedene (siste evaluering "
                    "var {date}); mandatet krever årlig evaluering (TVF405)."
                )
            else:
                text = _(
                    "{network}: ingen evaluering de siste tolv månedene (ingen evaluering "
                    "er registrert); mandatet krever årlig evaluering (TVF405)."
                )
            missing.append(
                Evidence(text.format(network=network.title, date=last), (_network_link(network),))
            )
        else:
            first = first_meeting(network)
            if first:
                text = _(
                    "{network}: ikke evaluert ennå; nettverket har møttes siden {first}, så "
                    "evalueringen er ikke forfalt, senest {due}."
                ).format(network=network.title, first=first, due=add_months(first, 12))
            else:
                text = _(
                    "{network}: ikke evaluert ennå; nettverket har møttes, så evalueringen "
                    "er ikke forfalt."
                ).format(network=network.title)
            missing.append(Evidence(text, (_network_link(network),)))
        for day, doc in network.minutes:
            if (
                _within_year(day, f.today)
                and doc.get("evaluation") is True
                and not records_evaluation(doc)
            ):
                missing.append(
                    Evidence(
                        _(
                            "{network}: referatet fra {date} har evaluation: true, men "
                            "evalueringspunktet er ikke fylt ut (ingen vedtak), så det teller ikke "
                            "som "
                            "en evaluering."
                        ).format(network=network.title, date=day),
                        (Link(_("Referat {date}").format(date=day), doc.path),),
                    )
                )
        if planned:
            evidence.append(
                Evidence(
                    _("{network}: evalueringen står på sakslisten til møtet {date}.").format(
                        network=network.title, date=planned[0]
                    ),
                    (_network_link(network),),
                )
            )
    if not f.networks:
        missing.append(Evidence(_(NO_NETWORKS)))
    if f.networks and evaluated == len(f.networks):
        status, reason = (
            MET,
            _("Alle nettverkene har evaluert arbeidet sitt de siste tolv månedene."),
        )
    elif f.networks and (evaluated or not overdue):
        status = PARTLY
        reason = (
            _("Ikke alle nettverkene har evaluert arbeidet sitt de siste tolv månedene.")
            if overdue
            else _(
                "Ikke alle nettverkene har evaluert arbeidet sitt de siste tolv månedene, men "
                "ingen evaluering er forfalt ennå."
            )
        )
    else:
        status, reason = (
            NOT_MET,
            _("Ingen nettverk har evaluert arbeidet sitt de siste tolv månedene."),
        )
    return Criterion(
        8,
        "evaluering",
        _("Evaluering av samarbeidsstrukturene"),
        status,
        reason,
        _(
            "Oppfylt når det finnes minst ett nettverk, og hvert nettverk har et referat med "
            "evaluation: true og evalueringspunktet fylt ut (et vedtak) de siste tolv månedene; "
            "delvis når minst ett har det, eller når "
            "ingen evaluering er forfalt ennå (nettverk yngre enn ett år); ellers ikke oppfylt."
        ),
        tuple(evidence),
        tuple(_capped(missing)),
    )


def capturing_needs(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    missing: list[Evidence] = []
    routines = [
        d
        for d in f.routines()
        if f.cites_any(d, CONCERN_DUTIES) or _words(d, CONCERN_WORDS, body=False)
    ]
    current = [d for d in routines if f.current(d)]
    if current:
        evidence.append(
            Evidence(
                _(
                    "Gjeldende rutiner for bekymring og opplysningsplikt på tvers "
                    "av tjenestene{more}:"
                ).format(more=_more(len(current))),
                _links(current),
            )
        )
    elif routines:
        missing.append(
            Evidence(
                _(
                    "Ingen gjeldende rutine for bekymring eller opplysningsplikt "
                    "(barnevernsloven § 13-2, helsepersonelloven § 33) (de som "
                    "finnes, er ikke gjeldende)."
                ),
                _links(routines),
            )
        )
    else:
        missing.append(
            Evidence(
                _(
                    "Ingen gjeldende rutine for bekymring eller opplysningsplikt "
                    "(barnevernsloven § 13-2, helsepersonelloven § 33)."
                )
            )
        )
    across = 0
    for network in f.networks:
        sources = {
            i.sender.strip().casefold(): i.sender.strip()
            for i in network.inputs
            if i.sender and i.date and _within_year(i.date, f.today)
        }
        for item in current_action_items(network):
            if _within_year(item.meeting, f.today):
                sources.setdefault(item.owner.strip().casefold(), item.owner.strip())
        names = sorted(sources.values(), key=str.casefold)
        if len(names) >= 2:
            across += 1
            evidence.append(
                Evidence(
                    _(
                        "{network}: saker og oppfølgingspunkter fra {n} tjenester eller roller det "
                        "siste året: {names}."
                    ).format(network=network.title, n=len(names), names=", ".join(names)),
                    (_network_link(network),),
                )
            )
        else:
            missing.append(
                Evidence(
                    _(
                        "{network}: innspill eller oppfølgingspunkter fra færre "
                        "enn to tjenester det siste året."
                    ).format(network=network.title),
                    (_network_link(network),),
                )
            )
    if not f.networks:
        missing.append(
            Evidence(
                _("Ingen tverrfaglige nettverk (type: network) som fanger opp behov på systemnivå.")
            )
        )
    parts = bool(current) + bool(across)
    status = _score(parts, 2)
    reason = {
        MET: _(
            "Det finnes rutiner for å melde og følge opp bekymring på tvers av "
            "tjenestene, og nettverkene tar opp saker fra flere tjenester."
        ),
        PARTLY: _(
            "Bare én av to deler finnes: rutiner for bekymring, eller nettverk som "
            "tar opp saker fra flere tjenester."
        ),
        NOT_MET: _(
            "Håndboka viser verken rutiner for bekymring på tvers av tjenestene "
            "eller nettverk som tar opp saker fra flere tjenester."
        ),
    }[status]
    return Criterion(
        9,
        "fanger_opp_behov",
        _(
            "Følger med på om tjenestene fanger opp behov for tjenester både fra eget "
            "ansvarsområde og tilstøtende ansvarsområder"
        ),
        status,
        reason,
        _(
            "To deler: en gjeldende rutine som viser til barnevernsloven § 13-2 eller "
            "helsepersonelloven § 33, eller har «bekymring» i tittelen; og minst ett nettverk med "
            "innspill (from) eller oppfølgingspunkter (ansvar) fra minst to ulike tjenester eller "
            "roller de siste tolv månedene. Oppfylt når begge finnes; delvis når én finnes; ellers "
            "ikke oppfylt."
        ),
        tuple(evidence),
        tuple(_capped(missing)),
        _(
            "Om tjenestene faktisk fanger opp behovene, for eksempel for barn som avvises av eller "
            "avsluttes i BUP, kan ikke vurderes ut fra håndboka."
        ),
        (
            _(
                "oversikt over bekymringsmeldinger og henvisninger mellom tjenestene (antall, ikke "
                "enkeltsaker)"
            ),
            _("avviksmeldinger om barn som har falt mellom tjenestene"),
            _("rutine for oppfølging når spesialisthelsetjenesten avviser eller avslutter et barn"),
        ),
    )


def user_participation(f: _Facts) -> Criterion:
    evidence: list[Evidence] = []
    missing: list[Evidence] = []
    since = twelve_months_before(f.today) + dt.timedelta(days=1)
    invited = decided_only = 0
    for network in f.networks:
        found = representations(network, since, dt.date.max)
        for rep in found:
            names = ", ".join(rep.names)
            link = (Link(_("Møtet {date}").format(date=rep.date), rep.path),)
            if ATTENDED in rep.kinds:
                evidence.append(
                    Evidence(
                        _("{network}: {names} møtte på møtet {date} (referatet).").format(
                            network=network.title, names=names, date=rep.date
                        ),
                        link,
                    )
                )
            if INVITED in rep.kinds:
                evidence.append(
                    Evidence(
                        _("{network}: invitert: {names} (møtet {date}).").format(
                            network=network.title, names=names, date=rep.date
                        ),
                        link,
                    )
                )
            if DECIDED in rep.kinds and not rep.kinds & {INVITED, ATTENDED}:
                evidence.append(
                    Evidence(
                        _(
                            "{network}: vedtatt å invitere, men ikke registrert som "
                            "invitert ennå: {names} (møtet {date})."
                        ).format(network=network.title, names=names, date=rep.date),
                        link,
                    )
                )
        if any(rep.kinds & {INVITED, ATTENDED} for rep in found):
            invited += 1
        elif found:
            decided_only += 1
            missing.append(
                Evidence(
                    _(
                        "{network}: bare vedtatt å invitere brukerrepresentanter; "
                        "invitasjonen er ikke registrert (user_representatives på "
                        "sakslisten, eller oppfølgingspunktet krysset av)."
                    ).format(network=network.title),
                    (_network_link(network),),
                )
            )
        else:
            missing.append(
                Evidence(
                    _(
                        "{network}: ingen brukerrepresentanter (elevråd, "
                        "foreldreutvalg, ungdomsråd) invitert de siste tolv "
                        "månedene eller til planlagte møter."
                    ).format(network=network.title),
                    (_network_link(network),),
                )
            )
    described = [
        d
        for d in f.documents
        if f.current(d) and (f.cites_any(d, [(PBRL, "3-1")]) or _words(d, PARTICIPATION_WORDS))
    ]
    if described:
        evidence.append(
            Evidence(
                ngettext(
                    "{n} gjeldende dokument omtaler brukermedvirkning{more}.",
                    "{n} gjeldende dokumenter omtaler brukermedvirkning{more}.",
                    len(described),
                ).format(n=len(described), more=_more(len(described))),
                _links(described),
            )
        )
    if not f.networks:
        missing.append(
            Evidence(
                _(
                    "Ingen tverrfaglige nettverk (type: network) som kan "
                    "invitere brukerrepresentanter."
                )
            )
        )
    status = _score(invited, len(f.networks)) if f.networks else NOT_MET
    if status == NOT_MET and decided_only:
        status = PARTLY
    reason = {
        MET: _(
            "Alle nettverkene har invitert brukerrepresentanter det siste året eller "
            "til et planlagt møte."
        ),
        PARTLY: _("{n} av {total} nettverk har invitert brukerrepresentanter.").format(
            n=invited, total=len(f.networks)
        ),
        NOT_MET: _("Håndboka viser ingen nettverk som har invitert brukerrepresentanter."),
    }[status]
    return Criterion(
        10,
        "brukermedvirkning",
        _("Brukermedvirkning"),
        status,
        reason,
        _(
            "Invitert (user_representatives på en saksliste, eller et oppfølgingspunkt om å "
            "invitere som er krysset av), møtte (user_representatives i et referat) og vedtatt å "
            "invitere (et åpent oppfølgingspunkt eller et vedtak) vises hver for seg. Oppfylt når "
            "det finnes minst ett nettverk, og hvert nettverk har invitert brukerrepresentanter "
            "eller hatt dem på møtet de siste tolv månedene eller til et planlagt møte; delvis når "
            "noen har det, eller bare har vedtatt å invitere; ellers ikke oppfylt. Dokumenter som "
            "omtaler "
            "brukermedvirkning (pasient- og brukerrettighetsloven § 3-1, «medvirkning») vises som "
            "støttende dokumentasjon."
        ),
        tuple(evidence),
        tuple(_capped(missing)),
        _("Om brukernes syn faktisk påvirker arbeidet, kan ikke vurderes ut fra håndboka."),
        (
            _("referater der innspill fra elevråd, foreldreutvalg eller ungdomsråd er fulgt opp"),
            _("resultater fra brukerundersøkelser eller samtaler med barn og foresatte"),
        ),
    )


#: Where each criterion comes from (translate with ``_``): the state administrator's list of what
#: the audit looked for (seed 003, «Hva så vi etter i tilsynet?»), except user participation,
#: which is one of the success factors of the Fafo report the audit cites.
AUDIT_SOURCE = N_("Statsforvalterens tilsyn: «Hva så vi etter i tilsynet?»")
FAFO_SOURCE = N_(
    "Fafo-rapporten «Trøbbel i grenseflatene», suksessfaktor 7 (brukermedvirkning), "
    "som tilsynet viste til"
)
SOURCES = {"brukermedvirkning": FAFO_SOURCE}


def never_met_when_partly_unknown(criterion: Criterion) -> Criterion:
    """A criterion whose evidence is partly unknown (it has a part the handbook cannot show) is
    never *oppfylt*: at most *delvis oppfylt*, saying what is missing."""
    if criterion.status != MET or not criterion.not_judged:
        return criterion
    return dataclasses.replace(
        criterion,
        status=PARTLY,
        reason=_(
            "{reason} Men en del av punktet kan ikke vurderes ut fra håndboka, så det er "
            "ikke oppfylt: {what}"
        ).format(reason=criterion.reason, what=criterion.not_judged),
        rule=_(
            "{rule} Et punkt der en del ikke kan vurderes ut fra håndboka, er aldri "
            "oppfylt, høyst delvis oppfylt."
        ).format(rule=criterion.rule),
    )


CRITERIA: tuple[Callable[[_Facts], Criterion], ...] = (
    organisation,
    meeting_structures,
    knowing_each_other,
    routines,
    not_person_dependent,
    groups_and_coordinator,
    coordination,
    evaluation,
    capturing_needs,
    user_participation,
)


def audit(root: Path, *, today: dt.date) -> AuditReport:
    """Score every criterion of the audit from the handbook at ``root``."""
    facts, findings = _gather(root, today)
    notes = []
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        notes.append(
            ngettext(
                "tvf check finner {n} feil i håndboka. Dokumenter med feil kan "
                "mangle i vurderingen: rett dem først (kjør tvf check).",
                "tvf check finner {n} feil i håndboka. Dokumenter med feil kan "
                "mangle i vurderingen: rett dem først (kjør tvf check).",
                len(errors),
            ).format(n=len(errors))
        )
    return AuditReport(
        root=root,
        title=facts.config.title,
        municipality=facts.config.municipality,
        today=today,
        criteria=tuple(_finish(make(facts)) for make in CRITERIA),
        documents=len(facts.documents),
        networks=len(facts.networks),
        notes=tuple(notes),
    )


def _finish(criterion: Criterion) -> Criterion:
    """The general rules every criterion goes through: its source, and never *oppfylt* while
    part of it cannot be judged."""
    source = _(SOURCES.get(criterion.key, AUDIT_SOURCE))
    return never_met_when_partly_unknown(dataclasses.replace(criterion, source=source))


# --- Writing -------------------------------------------------------------------------------------


def write_report(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename, so
    a reader never sees half a report; an existing file is replaced."""
    folder = path.absolute().parent
    if path.is_dir():
        raise TvfError(
            _("{path} er en mappe.").format(path=path),
            hint=_("Oppgi et filnavn, f.eks. tilsyn.md."),
        )
    if not folder.is_dir():
        raise TvfError(
            _("Mappen {folder} finnes ikke, så {name} kan ikke skrives der.").format(
                folder=folder, name=path.name
            ),
            hint=_("Lag mappen først, eller velg en annen --output."),
        )
    write_atomic(path, text)
