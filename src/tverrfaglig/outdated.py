"""``tvf outdated``: what in the handbook is out of date, and who must act.

The coordinator's monthly question. The answer is built from three sources, each read once:

* the findings of ``tvf check`` (the same per-document and cross-document checks, run in worker
  processes on large handbooks), turned into items by code: review date passed (TVF301),
  changed without approval (TVF302), overdue action items (TVF404), missing minutes (TVF403),
  minutes not sent (TVF406), no annual evaluation (TVF405), leader term ended (TVF401),
  repealed laws and sections (TVF203, TVF205), law sections amended since approval (TVF206),
  suspect references (TVF103) and references to retired documents (TVF102);
* what the checks do not report: review dates and action-item deadlines within the window
  (``within_days``);
* one ``git log`` over the handbook (:func:`tverrfaglig.vcs.last_changes`) for documents not
  changed for more than ``stale_months`` months. In a shallow clone, outside git, and for files
  git does not know, the date falls back to the front matter (the later of ``valid_from`` and
  the last ``changes`` entry), and the report says so.

Items are ordered most urgent first: overdue, then due soon, then the rest; within the overdue
group the most overdue first, within "due soon" the soonest first. Each document (or action
item) is listed once per kind. Nothing here prints or writes; the renderers are in
:mod:`tverrfaglig.render.outdated`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, TypeVar

from . import vcs
from .checks import SEND_WITHIN_DAYS, UNSILENCEABLE, approved_on, scan_path
from .checks.cache import CheckCache, digest, open_cache
from .checks.summary import Summary
from .config import Config, load_config
from .confirmations import Readable, coverage
from .confirmations.store import load_all as load_confirmations
from .document import HANDBOOK_TYPES, Document, as_date, parse_document
from .findings import Finding, Report, Severity
from .handbook import read_file
from .i18n import N_, _, language, ngettext
from .meetings import (
    ActionItem,
    Network,
    build_networks,
    current_action_items,
    first_meeting,
    last_evaluation,
    school_year,
)
from .outdated_cache import OutdatedCache, open_outdated_cache
from .revisions import add_months
from .workers import chunk_size, forked_map, worker_count

T = TypeVar("T")

OVERDUE = "overdue"
DUE = "due"
NOTICE = "notice"
URGENCIES = (OVERDUE, DUE, NOTICE)
URGENCY_NO = {
    OVERDUE: N_("forfalt"),
    DUE: N_("forfaller snart"),
    NOTICE: N_("bør følges opp"),
}  # translated by render.outdated


class Kind(NamedTuple):
    urgency: str
    label: str  # for people: marked with N_, translated with _() where it is shown
    code: str | None  # the check code it comes from, None for what tvf outdated adds


# In display order within each urgency group.
KINDS: dict[str, Kind] = {
    "review_overdue": Kind(OVERDUE, N_("Revisjonsdatoen er passert"), "TVF301"),
    "changed_unapproved": Kind(OVERDUE, N_("Endret uten ny godkjenning"), "TVF302"),
    "action_item_overdue": Kind(OVERDUE, N_("Oppfølgingspunkt over fristen"), "TVF404"),
    "minutes_missing": Kind(OVERDUE, N_("Referat mangler"), "TVF403"),
    "meeting_missed": Kind(OVERDUE, N_("Planlagt møte uten saksliste eller referat"), None),
    "minutes_not_sent": Kind(OVERDUE, N_("Referat ikke sendt"), "TVF406"),
    "evaluation_overdue": Kind(OVERDUE, N_("Årlig evaluering mangler"), "TVF405"),
    "leader_term_ended": Kind(OVERDUE, N_("Lederperioden er ute"), "TVF401"),
    "review_due": Kind(DUE, N_("Revisjonsdatoen nærmer seg"), None),
    "action_item_due": Kind(DUE, N_("Oppfølgingspunkt med frist snart"), None),
    "repealed_law": Kind(NOTICE, N_("Viser til opphevet lov"), "TVF203"),
    "repealed_section": Kind(NOTICE, N_("Viser til opphevet paragraf"), "TVF205"),
    "law_amended": Kind(NOTICE, N_("Lovparagraf endret etter godkjenning"), "TVF206"),
    "suspect_reference": Kind(NOTICE, N_("Mistenkelig referanse"), "TVF103"),
    "retired_reference": Kind(NOTICE, N_("Viser til utgått dokument"), "TVF102"),
    "stale": Kind(NOTICE, N_("Ikke endret på lenge"), None),
    "confirmations_low": Kind(NOTICE, N_("For få lesebekreftelser"), None),
}
CODE_KIND = {kind.code: name for name, kind in KINDS.items() if kind.code is not None}
_KIND_RANK = {name: i for i, name in enumerate(KINDS)}
_URGENCY_RANK = {name: i for i, name in enumerate(URGENCIES)}

GIT_OK = "ok"
GIT_SHALLOW = "shallow"
GIT_NO_REPOSITORY = "no-repository"
GIT_NO_COMMITS = "no-commits"
FRONT_MATTER = "front_matter"  # the source of a last-changed date when git cannot give it
NO_OWNER = N_("Uten ansvarlig")  # translate with _()

SHALLOW_NOTE = N_(
    "Repoet er en grunn klone (shallow): git-historikken er ufullstendig, så «sist endret» er "
    "hentet fra front matter (den siste datoen i endringsloggen, changes, eller valid_from), "
    "ikke fra git. Hent hele historikken med «git fetch --unshallow» (i GitHub Actions: "
    "fetch-depth: 0) for å få datoene fra git."
)
NO_REPOSITORY_NOTE = N_(
    "Håndboka ligger ikke i et git-repo, så «sist endret» er hentet fra front matter (den "
    "siste datoen i endringsloggen, changes, eller valid_from)."
)
NO_COMMITS_NOTE = N_(
    "Git-repoet har ingen commits ennå, så «sist endret» er hentet fra front matter (den "
    "siste datoen i endringsloggen, changes, eller valid_from)."
)


# --- The report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutdatedItem:
    """One thing to act on. ``days_overdue`` counts from ``due`` (or, for a change without
    approval, from ``last_changed``); ``days_left`` is set for what falls due within the
    window; ``age_days`` for documents not changed for a long time."""

    kind: str
    path: str
    line: int | None
    id: str | None
    title: str
    owner: str | None
    message: str
    due: dt.date | None = None
    days_overdue: int | None = None
    days_left: int | None = None
    last_changed: dt.date | None = None
    last_changed_by: str | None = None
    last_changed_source: str | None = None  # "git" or "front_matter"
    age_days: int | None = None
    network: str | None = None
    action: str = ""  # what to do, in one sentence (the table's «Hva må gjøres»)

    @property
    def urgency(self) -> str:
        return KINDS[self.kind].urgency

    @property
    def code(self) -> str | None:
        return KINDS[self.kind].code

    @property
    def label(self) -> str:
        """What kind of item this is, in the language in use."""
        return _(KINDS[self.kind].label)

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def sort_key(self) -> tuple[int, int, int, str, int]:
        urgency = _URGENCY_RANK[self.urgency]
        if self.urgency == OVERDUE:
            # Most overdue first; an unknown age last in the group.
            first = -self.days_overdue if self.days_overdue is not None else 1 << 30
            second = _KIND_RANK[self.kind]
        elif self.urgency == DUE:
            first = self.days_left if self.days_left is not None else 1 << 30
            second = _KIND_RANK[self.kind]
        else:
            first = _KIND_RANK[self.kind]
            second = -self.age_days if self.age_days is not None else 0
        return (urgency, first, second, self.path, self.line or 0)

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "label": self.label,
            "urgency": self.urgency,
            "code": self.code,
            "due": _iso(self.due),
            "days_overdue": self.days_overdue,
            "days_left": self.days_left,
            "last_changed": _iso(self.last_changed),
            "last_changed_by": self.last_changed_by,
            "last_changed_source": self.last_changed_source,
            "age_days": self.age_days,
            "path": self.path,
            "line": self.line,
            "id": self.id,
            "title": self.title,
            "owner": self.owner,
            "network": self.network,
            "message": self.message,
            "action": self.action,
        }


@dataclass(frozen=True)
class OutdatedReport:
    """Everything ``tvf outdated`` found, most urgent first."""

    items: tuple[OutdatedItem, ...]
    today: dt.date
    within_days: int
    stale_months: int
    documents: int
    git: str  # ok, shallow, no-repository, no-commits
    notes: tuple[str, ...]
    title: str
    municipality: str | None = None

    def count(self, urgency: str) -> int:
        return sum(1 for item in self.items if item.urgency == urgency)

    @property
    def exit_code(self) -> int:
        """1 when anything is overdue (for a scheduled CI job), else 0."""
        return 1 if self.count(OVERDUE) else 0

    def by_owner(self) -> list[tuple[str | None, list[OutdatedItem]]]:
        """One list per owner, owners alphabetically, items without an owner last; each list
        keeps the report's order (most urgent first)."""
        groups: dict[str | None, list[OutdatedItem]] = {}
        for item in self.items:
            groups.setdefault(item.owner, []).append(item)
        return sorted(
            groups.items(), key=lambda group: (group[0] is None, (group[0] or "").casefold())
        )

    def as_json(self, *, by_owner: bool = False) -> dict[str, object]:
        data: dict[str, object] = {
            "today": self.today.isoformat(),
            "within_days": self.within_days,
            "stale_months": self.stale_months,
            "documents": self.documents,
            "git": self.git,
            "notes": list(self.notes),
            "summary": {urgency: self.count(urgency) for urgency in URGENCIES},
            "items": [item.as_json() for item in self.items],
        }
        if by_owner:
            data["by_owner"] = [
                {"owner": owner, "items": [i.as_json() for i in items]}
                for owner, items in self.by_owner()
            ]
        return data


# --- Reading the handbook once -----------------------------------------------------------------


class DocInfo(NamedTuple):
    """What the report needs of one document; small, so it travels cheaply between processes."""

    path: str
    type: str | None
    id: str | None
    status: str | None
    title: str
    owner: str | None
    review_by: dt.date | None
    review_line: int | None
    front_date: dt.date | None  # approved_on: valid_from or the last changes entry
    readable: Readable | None = None  # what reading confirmations need (in force only)

    @classmethod
    def of(cls, doc: Document) -> DocInfo:
        owner = doc.get("owner")
        return cls(
            doc.path,
            doc.type,
            doc.id,
            doc.status,
            doc.title,
            owner.strip() if isinstance(owner, str) and owner.strip() else None,
            as_date(doc.get("review_by")),
            doc.line_of("review_by"),
            approved_on(doc),
            Readable.of(doc),
        )

    def kept(self) -> KeptInfo:
        """What :meth:`from_kept` needs besides the document's summary, in built-in values."""
        applies = self.readable.applies_to if self.readable is not None else None
        review = self.review_by.toordinal() if self.review_by is not None else None
        return (self.owner, review, self.review_line, applies)

    @classmethod
    def from_kept(cls, summary: Summary, kept: KeptInfo) -> DocInfo:
        """The DocInfo :meth:`of` made of the document whose summary is ``summary`` (the fields
        they share are made alike), from what :meth:`kept` gave."""
        owner, review, line, applies = kept
        readable = None
        if applies is not None and summary.id and summary.version is not None:
            readable = Readable(summary.id, summary.title, summary.path, summary.version, applies)
        return cls(
            summary.path,
            summary.type,
            summary.id,
            summary.status,
            summary.title,
            owner,
            dt.date.fromordinal(review) if review is not None else None,
            line,
            summary.approved_on,
            readable,
        )


#: A DocInfo as the cache keeps it (:meth:`DocInfo.kept`): owner, review date (a day number),
#: its line, and the services it applies to when reading confirmations count it.
KeptInfo = tuple[str | None, int | None, int | None, tuple[str, ...] | None]


class _Scan(NamedTuple):
    report: Report
    infos: list[DocInfo]
    networks: dict[str, Network]


def _scan(
    root: Path,
    config: Config,
    today: dt.date,
    jobs: int | None,
    meanwhile: Callable[[], T],
    *,
    cache: CheckCache | None = None,
    kept: OutdatedCache | None = None,
) -> tuple[_Scan, T]:
    """Every finding of ``tvf check`` (the same engine, :func:`~tverrfaglig.checks.scan_path`,
    in worker processes on large handbooks), each document's :class:`DocInfo`, and the
    networks with their meetings.

    ``meanwhile`` runs in this process while the workers read and check (the ``git log``: it
    waits on git, so both proceed at once). With the check ``cache``, only the files it does
    not know are read and checked; the DocInfo of the others comes from ``kept`` when it was
    made from the same bytes, else the file is read again (:func:`_infos`).
    """
    waited: list[T] = []
    scan = scan_path(
        root,
        config,
        today=today,
        jobs=jobs,
        extra=DocInfo.of,
        meanwhile=lambda: waited.append(meanwhile()),
        cache=cache,
    )
    ignore = config.ignore - UNSILENCEABLE
    report = Report.build(
        (f for f in scan.findings if f.code not in ignore), documents=scan.documents
    )
    networks = build_networks(s.document for s in scan.summaries if s.document is not None)
    infos = _infos(root, scan.summaries, scan.extras, scan.digests, kept)
    return _Scan(report, infos, networks), waited[0]


def _infos(
    root: Path,
    summaries: list[Summary],
    made: Sequence[DocInfo | None],
    digests: dict[str, bytes],
    kept: OutdatedCache | None,
) -> list[DocInfo]:
    """The DocInfo of every document: as a worker made it, or (when the check cache answered
    for the file) as kept for the same bytes, or else read again, in worker processes when
    there are many (after a ``tvf check`` filled the check cache but not this one)."""
    infos: list[DocInfo | None] = []
    missing: list[int] = []
    for summary, info in zip(summaries, made, strict=True):
        content = digests.get(summary.path)
        if info is None and kept is not None:
            fields = kept.info(summary.path, content)
            if fields is not None:
                info = DocInfo.from_kept(summary, fields)
        elif info is not None and kept is not None and content is not None:
            kept.keep_info(summary.path, content, info.kept())
        if info is None:
            missing.append(len(infos))
        infos.append(info)
    if missing:
        jobs = worker_count(None, len(missing))
        size = chunk_size(len(missing), jobs)
        chunks = [missing[i : i + size] for i in range(0, len(missing), size)]
        parts = [[summaries[i].path for i in chunk] for chunk in chunks]
        with forked_map(_read_infos, parts, state=root, jobs=jobs) as results:
            for chunk, result in zip(chunks, results, strict=True):
                for index, (info, content) in zip(chunk, result, strict=True):
                    summary = summaries[index]
                    if info is None:  # changed since the scan read it: what the scan knew
                        info = DocInfo.from_kept(summary, (None, None, None, None))
                    elif kept is not None and content is not None:
                        kept.keep_info(summary.path, content, info.kept())
                    infos[index] = info
    return [info for info in infos if info is not None]


def _read_infos(root: Path, rels: list[str]) -> list[tuple[DocInfo | None, bytes | None]]:
    """Read, parse and make the DocInfo of each file (None when it has no front matter now),
    with the digest of the bytes it was made from."""
    done: list[tuple[DocInfo | None, bytes | None]] = []
    for rel in rels:
        data, _stat, _problems = read_file(rel, root / rel)
        doc = parse_document(rel, data)[0] if data is not None else None
        if data is None or doc is None or doc.meta is None:
            done.append((None, None))
        else:
            done.append((DocInfo.of(doc), digest(data)))
    return done


# --- Last changed ------------------------------------------------------------------------------


class LastChange(NamedTuple):
    date: dt.date
    author: str | None
    source: str  # "git" or "front_matter"


def _git_dates(root: Path, kept: OutdatedCache | None = None) -> tuple[str, dict[str, vcs.Change]]:
    """The state of the repository and, when its history can be trusted, the newest commit of
    every file (one ``git log``; with ``kept``, the answer kept for the same HEAD). Git is asked
    directly (:func:`vcs.head`, :func:`vcs.last_changes`); GitPython only says what is wrong
    when that fails."""
    head = vcs.head(root)
    if head is not None:  # else the slow way below says what is wrong, or that there is none
        if head.shallow:
            return GIT_SHALLOW, {}
        if kept is None:
            return GIT_OK, vcs.last_changes(root)
        key = (root.resolve().as_posix(), head.commit)
        changes = kept.changes(key)
        if changes is None:
            changes = vcs.last_changes(root)
            kept.keep_changes(key, changes)
        return GIT_OK, changes
    repo = vcs.repository(root)
    if repo is None:
        return GIT_NO_REPOSITORY, {}
    if not vcs.has_commits(repo):
        return GIT_NO_COMMITS, {}
    if vcs.is_shallow(repo):
        # The oldest commit of a shallow clone seems to add every file: its dates are wrong.
        return GIT_SHALLOW, {}
    return GIT_OK, vcs.last_changes(root)


def _last_change(info: DocInfo, changes: Mapping[str, vcs.Change]) -> LastChange | None:
    change = changes.get(info.path)
    if change is not None:
        return LastChange(change.date.date(), change.author, "git")
    if info.front_date is not None:
        return LastChange(info.front_date, None, FRONT_MATTER)
    return None


# --- Building the items ------------------------------------------------------------------------


def leader_label(network: Network) -> str:
    """Who acts for a network: the leader's role and name, e.g. ``Rektor, Kanebogen skole
    (Kari Nordmann)``."""
    leader = network.leader
    if leader.role and leader.name:
        return f"{leader.role} ({leader.name})"
    return leader.role or leader.name or _("Leder av {network}").format(network=network.title)


@dataclass
class _Context:
    today: dt.date
    infos: dict[str, DocInfo]
    networks: dict[str, Network]
    changes: Mapping[str, vcs.Change]
    by_path: dict[str, Network] = dataclasses.field(default_factory=dict)
    documents: dict[str, Document] = dataclasses.field(default_factory=dict)
    items_at: dict[tuple[str, int], ActionItem] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        for network in self.networks.values():
            docs = [
                network.document,
                *(d for _, d in network.agendas),
                *(d for _, d in network.minutes),
                *(i.document for i in network.inputs),
            ]
            for doc in docs:
                self.by_path.setdefault(doc.path, network)
                self.documents.setdefault(doc.path, doc)
            for item in current_action_items(network):
                self.items_at[(item.path, item.line)] = item

    def owner(self, path: str) -> str | None:
        network = self.by_path.get(path)
        if network is not None:
            return leader_label(network)
        info = self.infos.get(path)
        return info.owner if info is not None else None

    def base(self, kind: str, path: str, line: int | None, message: str) -> OutdatedItem:
        info = self.infos.get(path)
        network = self.by_path.get(path)
        if network is not None:
            doc_id: str | None = network.slug
            title = self.documents[path].title or network.title
        else:
            doc_id = info.id if info is not None else None
            title = info.title if info is not None else ""
        return OutdatedItem(
            kind=kind,
            path=path,
            line=line,
            id=doc_id,
            title=title,
            owner=self.owner(path),
            message=message,
            network=network.slug if network is not None else None,
        )


def _overdue(item: OutdatedItem, due: dt.date | None, today: dt.date) -> OutdatedItem:
    if due is None:
        return item
    return dataclasses.replace(item, due=due, days_overdue=(today - due).days)


def _from_finding(finding: Finding, ctx: _Context) -> OutdatedItem | None:
    kind = CODE_KIND.get(finding.code)
    if kind is None:
        return None
    today = ctx.today
    item = ctx.base(kind, finding.path, finding.line, finding.message)
    network = ctx.by_path.get(finding.path)
    doc = ctx.documents.get(finding.path)
    if kind == "review_overdue":
        info = ctx.infos.get(finding.path)
        return _overdue(item, info.review_by if info else None, today)
    if kind == "changed_unapproved":
        info = ctx.infos.get(finding.path)
        change = ctx.changes.get(finding.path)
        # The commit that changed it, when git has one after the approval (else: uncommitted).
        if (
            change is not None
            and info is not None
            and (info.front_date is None or change.date.date() > info.front_date)
        ):
            changed = change.date.date()
            return dataclasses.replace(
                item,
                last_changed=changed,
                last_changed_by=change.author,
                last_changed_source="git",
                days_overdue=(today - changed).days,
            )
        return item
    if kind == "action_item_overdue":
        action = ctx.items_at.get((finding.path, finding.line or 0))
        if action is None:
            return item
        return _overdue(
            dataclasses.replace(item, title=action.text, owner=action.owner), action.deadline, today
        )
    if kind == "minutes_missing" and doc is not None:
        day = as_date(doc.get("date"))
        title = doc.title or _("Møtet {date}").format(date=day)
        return _overdue(dataclasses.replace(item, title=title), day, today)
    if kind == "minutes_not_sent" and doc is not None:
        day = as_date(doc.get("date"))
        return _overdue(item, day + dt.timedelta(days=SEND_WITHIN_DAYS) if day else None, today)
    if kind == "evaluation_overdue" and network is not None:
        since = last_evaluation(network, today + dt.timedelta(days=1)) or first_meeting(network)
        return _overdue(item, add_months(since, 12) if since else None, today)
    if kind == "leader_term_ended" and network is not None:
        return _overdue(item, network.leader.term_end, today)
    return item


def _due_reviews(ctx: _Context, within_days: int) -> Iterator[OutdatedItem]:
    """Handbook documents (not retired) whose review date is today or within the window."""
    today = ctx.today
    last = today + dt.timedelta(days=within_days)
    for info in ctx.infos.values():
        if (
            info.type not in HANDBOOK_TYPES
            or info.status == "retired"
            or info.review_by is None
            or not today <= info.review_by <= last
        ):
            continue
        left = (info.review_by - today).days
        name = info.id or info.path
        message = _(
            "Revisjonsdatoen {date} er {when}: revider dokumentet og godkjenn det på nytt "
            "med tvf stamp {name}."
        ).format(date=info.review_by, when=_in_days(left), name=name)
        item = ctx.base("review_due", info.path, info.review_line, message)
        yield dataclasses.replace(item, due=info.review_by, days_left=left)


def _due_action_items(ctx: _Context, within_days: int) -> Iterator[OutdatedItem]:
    """Open action items whose deadline is today or within the window."""
    today = ctx.today
    last = today + dt.timedelta(days=within_days)
    for network in ctx.networks.values():
        for action in current_action_items(network):
            if action.done or not today <= action.deadline <= last:
                continue
            left = (action.deadline - today).days
            message = _(
                "Oppfølgingspunktet «{text}» (ansvar: {owner}) har frist {deadline}, {when}."
            ).format(
                text=action.text, owner=action.owner, deadline=action.deadline, when=_in_days(left)
            )
            item = ctx.base("action_item_due", action.path, action.line, message)
            yield dataclasses.replace(
                item, title=action.text, owner=action.owner, due=action.deadline, days_left=left
            )


def _missed_meetings(ctx: _Context) -> Iterator[OutdatedItem]:
    """Planned meetings of this school year whose date has passed with neither an agenda nor
    minutes: the meeting was not held, or it was not recorded."""
    start, _end = school_year(ctx.today)
    for network in ctx.networks.values():
        written = {day for day, _doc in (*network.agendas, *network.minutes)}
        missed = [
            day for day in network.planned_dates if start <= day < ctx.today and day not in written
        ]
        doc = network.document
        for day in missed:
            message = _(
                "Møtet {date} står i planned_meetings, men det finnes verken saksliste "
                "eller referat fra det."
            ).format(date=day)
            item = ctx.base("meeting_missed", doc.path, doc.line_of("planned_meetings"), message)
            yield _overdue(item, day, ctx.today)


#: What to do about each kind of item (``OutdatedItem.action``), as one sentence; filled in
#: with ``name`` (the document), ``date`` (the item's date), ``network`` and ``path``.
_TODO: dict[str, str] = {
    "review_overdue": N_("Revider dokumentet, og godkjenn det på nytt med tvf stamp {name}."),
    "review_due": N_(
        "Revider dokumentet innen {date}, og godkjenn det på nytt med tvf stamp {name}."
    ),
    "changed_unapproved": N_(
        "Gå gjennom endringene (tvf history {name}), og godkjenn dem med tvf stamp {name}, "
        "eller sett teksten tilbake."
    ),
    "action_item_overdue": N_(
        "Gjør det, og kryss av [x] i neste referat; eller gi punktet ny frist der."
    ),
    "action_item_due": N_("Gjør det innen {date}, og kryss av [x] i neste referat."),
    "minutes_missing": N_("Skriv referatet: tvf minutes new --network {network} --date {date}."),
    "meeting_missed": N_(
        "Finn en ny dato og lag saksliste (tvf agenda new --network {network} --date "
        "ÅÅÅÅ-MM-DD), eller ta datoen ut av planned_meetings."
    ),
    "minutes_not_sent": N_(
        "Send referatet, og merk det som sendt: tvf minutes sent --network {network} --date {date}."
    ),
    "evaluation_overdue": N_(
        "Sett årlig evaluering på sakslisten til neste møte (tvf agenda new --network {network} "
        "tar den med), og før den inn i referatet."
    ),
    "leader_term_ended": N_(
        "Velg leder for neste år, og før inn navn og ny periode (leader: name, role, "
        "term_start, term_end) i {path}."
    ),
    "repealed_law": N_(
        "Vis til loven som gjelder nå (tvf show {name} viser henvisningene), og godkjenn "
        "dokumentet på nytt."
    ),
    "repealed_section": N_(
        "Vis til loven som gjelder nå (tvf show {name} viser henvisningene), og godkjenn "
        "dokumentet på nytt."
    ),
    "law_amended": N_(
        "Les lovendringen, og godkjenn dokumentet på nytt med tvf stamp {name} når det stemmer "
        "med loven."
    ),
    "suspect_reference": N_(
        "Les dokumentet mot endringene i det det viser til, og godkjenn det på nytt med tvf "
        "stamp {name}."
    ),
    "retired_reference": N_(
        "Vis til dokumentet som erstatter det utgåtte, og godkjenn på nytt med tvf stamp {name}."
    ),
    "confirmations_low": N_(
        "Minn enhetene i meldingen på å lese {name}, og hent inn lesebekreftelsene med tvf "
        "confirmations import."
    ),
}
_TODO_OTHERWISE = N_(
    "Gå gjennom dokumentet: stemmer det, godkjenn det på nytt med tvf stamp {name}; er det ikke "
    "i bruk, sett status: retired."
)


def _todo(item: OutdatedItem, ctx: _Context) -> str:
    """What must be done about ``item``, in one sentence (not the item again)."""
    network = ctx.by_path.get(item.path)
    day = item.due
    if item.kind == "minutes_not_sent":  # the date of the meeting, not of the item
        document = ctx.documents.get(item.path)
        day = as_date(document.get("date")) if document is not None else None
    return _(_TODO.get(item.kind, _TODO_OTHERWISE)).format(
        name=item.id or item.path,
        date=day,
        network=network.slug if network is not None else "",
        path=item.path,
    )


def _in_days(left: int) -> str:
    """``i dag``, ``i morgen`` or ``om 5 dager``: when something falls due."""
    if left == 0:
        return _("i dag")
    if left == 1:
        return _("i morgen")
    return ngettext("om {n} dag", "om {n} dager", left).format(n=left)


def _months_between(earlier: dt.date, later: dt.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def _stale(ctx: _Context, stale_months: int) -> Iterator[OutdatedItem]:
    """Handbook documents (not retired) not changed for more than ``stale_months`` months."""
    cutoff = add_months(ctx.today, -stale_months)
    for info in ctx.infos.values():
        if info.type not in HANDBOOK_TYPES or info.status == "retired":
            continue
        last = _last_change(info, ctx.changes)
        if last is None or last.date >= cutoff:
            continue
        months = _months_between(last.date, ctx.today)
        name = info.id or info.path
        if last.source == "git" and last.author:
            what = ngettext(
                "Ikke endret i git på {n} måned (sist {date} av {author}).",
                "Ikke endret i git på {n} måneder (sist {date} av {author}).",
                months,
            )
        elif last.source == "git":
            what = ngettext(
                "Ikke endret i git på {n} måned (sist {date}).",
                "Ikke endret i git på {n} måneder (sist {date}).",
                months,
            )
        else:
            what = ngettext(
                "Ingen endring registrert på {n} måned: den siste datoen i front matter er {date}.",
                "Ingen endring registrert på {n} måneder: den siste datoen i front "
                "matter er {date}.",
                months,
            )
        message = " ".join(
            (
                what.format(n=months, date=last.date, author=last.author),
                _(
                    "Gå gjennom dokumentet: stemmer det fortsatt, godkjenn det på nytt med tvf "
                    "stamp "
                    "{name}; er det ikke i bruk, sett status: retired."
                ).format(name=name),
            )
        )
        item = ctx.base("stale", info.path, None, message)
        yield dataclasses.replace(
            item,
            last_changed=last.date,
            last_changed_by=last.author,
            last_changed_source=last.source,
            age_days=(ctx.today - last.date).days,
        )


def _low_confirmations(ctx: _Context, root: Path, config: Config) -> Iterator[OutdatedItem]:
    """Documents in force that too few of the employees who must read them have confirmed
    (``[confirmations] threshold``), with the units to remind. Only with ``[confirmations]``
    and units in ``tvf.toml``."""
    if config.confirmations is None or not config.units:
        return
    report = coverage(config, (i.readable for i in ctx.infos.values()), load_confirmations(root))
    for doc in report.below():
        units = ", ".join(
            _("{unit} ({confirmed} av {required})").format(
                unit=u.unit, confirmed=u.counted, required=u.required
            )
            for u in doc.to_remind(report.threshold)
        )
        message = _(
            "{confirmed} av {required} ({percent} %) har bekreftet at de har lest "
            "versjon {version}; terskelen er {threshold} %. Minn disse enhetene på "
            "det: {units}."
        ).format(
            confirmed=doc.confirmed,
            required=doc.required,
            percent=doc.share_percent,
            version=doc.version,
            threshold=report.threshold,
            units=units,
        )
        yield ctx.base("confirmations_low", doc.path, None, message)


def _merge(items: Iterable[OutdatedItem]) -> list[OutdatedItem]:
    """Each document once per kind (each action item once): the first item keeps its place and
    line, and the messages of the others are added to it."""
    merged: dict[tuple[str, str, int | None], OutdatedItem] = {}
    for item in items:
        line = item.line if item.kind in ("action_item_overdue", "action_item_due") else None
        key = (item.kind, item.path, line)
        first = merged.get(key)
        if first is None:
            merged[key] = item
        elif item.message not in first.message:
            merged[key] = dataclasses.replace(first, message=f"{first.message} {item.message}")
    return sorted(merged.values(), key=OutdatedItem.sort_key)


def outdated(
    root: Path,
    *,
    today: dt.date,
    within_days: int = 60,
    stale_months: int = 24,
    jobs: int | None = None,
    cache: bool = False,
) -> OutdatedReport:
    """What is out of date in the handbook at ``root``, most urgent first.

    ``cache``: take what each unchanged file gave last time from the cache of ``tvf check``,
    and the ``git log`` from the last run at the same HEAD (:mod:`tverrfaglig.outdated_cache`),
    and update both; the report is the same."""
    if within_days < 0:
        raise ValueError("within_days must be 0 or more")
    if stale_months < 1:
        raise ValueError("stale_months must be 1 or more")
    config = load_config(root)
    store = kept = None
    if cache:
        store = open_cache(root, today=today, language=language())
        kept = open_outdated_cache(root, store.salt)
    scan, (git_state, changes) = _scan(
        root, config, today, jobs, functools.partial(_git_dates, root, kept), cache=store, kept=kept
    )
    if kept is not None:
        kept.save()
    infos = {info.path: info for info in scan.infos}
    ctx = _Context(today, infos, scan.networks, changes)

    items: list[OutdatedItem] = []
    for finding in scan.report.findings:
        item = _from_finding(finding, ctx)
        if item is not None:
            items.append(item)
    items.extend(_due_reviews(ctx, within_days))
    items.extend(_due_action_items(ctx, within_days))
    items.extend(_missed_meetings(ctx))
    items.extend(_stale(ctx, stale_months))
    items.extend(_low_confirmations(ctx, root, config))
    items = [dataclasses.replace(item, action=_todo(item, ctx)) for item in items]
    return OutdatedReport(
        items=tuple(_merge(items)),
        today=today,
        within_days=within_days,
        stale_months=stale_months,
        documents=scan.report.documents,
        git=git_state,
        notes=tuple(_notes(git_state, infos.values(), changes, scan.report)),
        title=config.title,
        municipality=config.municipality,
    )


def _notes(
    git_state: str, infos: Iterable[DocInfo], changes: Mapping[str, vcs.Change], report: Report
) -> Iterator[str]:
    if git_state == GIT_SHALLOW:
        yield _(SHALLOW_NOTE)
    elif git_state == GIT_NO_REPOSITORY:
        yield _(NO_REPOSITORY_NOTE)
    elif git_state == GIT_NO_COMMITS:
        yield _(NO_COMMITS_NOTE)
    handbook_docs = [i for i in infos if i.type in HANDBOOK_TYPES and i.status != "retired"]
    if git_state == GIT_OK:
        untracked = sum(1 for i in handbook_docs if i.path not in changes)
        if untracked:
            yield ngettext(
                "{n} dokument er ikke committet i git; for dem er «sist endret» "
                "hentet fra front matter.",
                "{n} dokumenter er ikke committet i git; for dem er «sist endret» "
                "hentet fra front matter.",
                untracked,
            ).format(n=untracked)
    if git_state != GIT_OK or any(i.path not in changes for i in handbook_docs):
        undated = sum(1 for i in handbook_docs if i.path not in changes and i.front_date is None)
        if undated:
            yield ngettext(
                "{n} dokument har verken git-historikk, valid_from eller "
                "endringslogg, så alderen kan ikke vurderes.",
                "{n} dokumenter har verken git-historikk, valid_from eller "
                "endringslogg, så alderen kan ikke vurderes.",
                undated,
            ).format(n=undated)
    errors = [
        f for f in report.findings if f.severity is Severity.ERROR and f.code not in CODE_KIND
    ]
    if errors:
        yield ngettext(
            "tvf check finner {n} feil som ikke er med her, og som kan gjøre listen "
            "ufullstendig: kjør tvf check.",
            "tvf check finner {n} feil som ikke er med her, og som kan gjøre listen "
            "ufullstendig: kjør tvf check.",
            len(errors),
        ).format(n=len(errors))


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
