"""Networks and their meetings: the model behind ``tvf network``, ``agenda``, ``minutes``.

A network (``type: network``) meets a few times a school year. Around it live three kinds of
documents, tied to it by their ``network`` field (section 3 of the contract, extended in
``docs/meetings.md``):

* agendas (``type: agenda``, ``date``): ``YYYY-MM-DD-saksliste.md`` in the network's folder;
* minutes (``type: minutes``, ``date``): ``YYYY-MM-DD-referat.md``, holding the action items as
  task lines ``- [ ] text (ansvar: X, frist: YYYY-MM-DD)``;
* inputs (``type: input``, ``date``, ``from``, ``placed_on`` once on an agenda): the items that
  members send the leader for the next agenda, in the folder's ``innspill/``.

Everything here is a pure function of the documents and of "today": reading, never writing
(writing lives in :mod:`tverrfaglig.meeting_docs`), and never printing. The checks in
:mod:`tverrfaglig.checks.networks` and the commands both build on it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TypedDict

from .config import Config
from .dates import parse_user_date
from .document import INPUT_TYPE, NETWORK_TYPE, Document, as_date
from .errors import TvfError
from .handbook import Handbook
from .i18n import N_, _, long_date, weekday_name

DEFAULT_MEETINGS_PER_YEAR = 3
SCHOOL_YEAR_START_MONTH = 8  # a school year runs from 1 August to 31 July
INPUTS_DIR = "innspill"
INPUT_STEM = "innspill"  # inputs are <date>-innspill-NNN.md, never named from their text
AGENDA_SUFFIX = "saksliste"
MINUTES_SUFFIX = "referat"
#: The councils a network may invite user representatives from (translate with ``_``).
USER_COUNCILS = (N_("elevrådet"), N_("foreldreutvalget (FAU)"), N_("ungdomsrådet"))


# --- Dates ---------------------------------------------------------------------------------


def date_no(day: dt.date) -> str:
    """``14. januar 2027`` (``14 January 2027`` in English): :func:`i18n.long_date`.

    Kept for the modules that import it; new code calls :func:`tverrfaglig.i18n.long_date`.
    """
    return long_date(day)


def weekday_no(day: dt.date) -> str:
    """``torsdag`` (``Thursday`` in English): :func:`i18n.weekday_name`."""
    return weekday_name(day)


def school_year_start(day: dt.date) -> dt.date:
    """1 August of the school year that ``day`` falls in."""
    year = day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1
    return dt.date(year, SCHOOL_YEAR_START_MONTH, 1)


def school_year(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day (1 August, 31 July) of the school year of ``day``."""
    start = school_year_start(day)
    return start, dt.date(start.year + 1, SCHOOL_YEAR_START_MONTH, 1) - dt.timedelta(days=1)


def school_year_label(day: dt.date) -> str:
    """``2026–2027`` for any day of that school year."""
    start = school_year_start(day)
    return f"{start.year}–{start.year + 1}"


def twelve_months_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


# --- The model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Leader:
    name: str | None
    role: str | None
    term_start: dt.date | None
    term_end: dt.date | None
    email: str | None = None  # for tvf agenda send / minutes send (docs/mail.md)


@dataclass(frozen=True)
class Member:
    service: str
    name: str | None
    email: str | None = None


@dataclass(frozen=True)
class ActionItem:
    """One mention of an action item: a task line in one set of minutes."""

    text: str
    owner: str
    deadline: dt.date
    done: bool
    path: str
    line: int
    meeting: dt.date  # the date of the minutes that mention it

    @property
    def key(self) -> tuple[str, str]:
        """What makes two task lines the same item: the text and the owner, case and spacing
        ignored. The deadline may change when an item is carried forward."""
        return (" ".join(self.text.split()).casefold(), " ".join(self.owner.split()).casefold())

    def overdue(self, today: dt.date) -> bool:
        return not self.done and self.deadline < today

    def task_line(self) -> str:
        """The item in the contract's form, as ``tvf minutes new`` writes it."""
        mark = "x" if self.done else " "
        return f"- [{mark}] {self.text} (ansvar: {self.owner}, frist: {self.deadline})"


@dataclass(frozen=True)
class TaskProblem:
    """A task line in minutes that is not in the contract's form (check TVF407)."""

    path: str
    line: int
    message: str


@dataclass(frozen=True)
class Input:
    """An input (innspill) for a coming agenda."""

    document: Document
    date: dt.date | None
    sender: str | None
    placed_on: dt.date | None

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def text(self) -> str:
        """The body as one line: an input is one agenda item."""
        return " ".join(self.document.body.split())

    @property
    def pending(self) -> bool:
        return "placed_on" not in (self.document.meta or {})


@dataclass(frozen=True)
class Meeting:
    """One meeting date of a network, with what is written about it."""

    date: dt.date
    agenda: Document | None
    minutes: Document | None
    planned: bool  # listed in the network's planned_meetings

    def kind(self, today: dt.date) -> str:
        """``holdt`` (before today) or ``planlagt`` (today or later), always in Norwegian: it is
        the ``status`` value of the JSON output. Show it to people with ``_(kind)``."""
        return N_("holdt") if self.date < today else N_("planlagt")


@dataclass(frozen=True)
class Appointment:
    """When and where a planned meeting is held: an entry of ``planned_meetings`` written as
    ``{date: 2027-01-14, time: "12.00–14.00", place: "Kanebogen skole"}``."""

    date: dt.date
    time: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class Network:
    """A network with its meeting documents, each list sorted by date (then path)."""

    document: Document
    slug: str
    title: str
    leader: Leader
    members: tuple[Member, ...]
    meetings_per_year: int
    report_to: str | None
    mandate: str | None
    planned_dates: tuple[dt.date, ...]
    agendas: tuple[tuple[dt.date, Document], ...]
    minutes: tuple[tuple[dt.date, Document], ...]
    inputs: tuple[Input, ...]
    appointments: tuple[Appointment, ...] = ()  # time and place of planned meetings

    def appointment(self, day: dt.date) -> Appointment:
        """The time and place planned for the meeting on ``day`` (none known: both None)."""
        return next((a for a in self.appointments if a.date == day), Appointment(day))

    @property
    def folder(self) -> str:
        """Where new agendas, minutes and inputs go (relative to the handbook root).

        The network document's folder when it is ``…/<slug>/nettverk.md`` (the suggested
        layout) or the folder is named after the slug; otherwise a folder named after the
        slug beside the network document, so two networks never share a folder.
        """
        path = PurePosixPath(self.document.path)
        parent = path.parent
        if parent.name == self.slug or path.stem in ("nettverk", "index"):
            return parent.as_posix()
        return (parent / self.slug).as_posix()

    def recipient(self, config: Config) -> str:
        """Who receives the minutes: ``report_to``, else ``[minutes].recipient``."""
        return self.report_to or config.minutes_recipient


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _leader(value: object) -> Leader:
    data = value if isinstance(value, dict) else {}
    return Leader(
        _text(data.get("name")),
        _text(data.get("role")),
        as_date(data.get("term_start")),
        as_date(data.get("term_end")),
        _text(data.get("email")),
    )


def _members(value: object) -> tuple[Member, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        Member(item["service"].strip(), _text(item.get("name")), _text(item.get("email")))
        for item in value
        if isinstance(item, dict) and _text(item.get("service"))
    )


def planned_date(value: object) -> dt.date | None:
    """The date of a ``planned_meetings`` entry: a date, or ``{date, time, place}``."""
    return as_date(value.get("date") if isinstance(value, dict) else value)


def _dates(value: object) -> tuple[dt.date, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(sorted({d for d in (planned_date(v) for v in value) if d is not None}))


def _appointments(value: object) -> tuple[Appointment, ...]:
    if not isinstance(value, list):
        return ()
    found = []
    for entry in value:
        day = planned_date(entry)
        if day is not None and isinstance(entry, dict):
            found.append(Appointment(day, _text(entry.get("time")), _text(entry.get("place"))))
    return tuple(sorted(found, key=lambda a: a.date))


def build_networks(documents: Iterable[Document]) -> dict[str, Network]:
    """Every network by slug, with its agendas, minutes and inputs.

    A meeting document belongs to the network named in its ``network`` field, wherever it
    lies; documents without a valid ``date`` are left out (the schema check reports them).
    When two networks share a slug the first keeps it (TVF005 reports the other).
    """
    docs = [d for d in documents if d.meta is not None]
    networks: dict[str, Document] = {}
    for doc in docs:
        if doc.type == NETWORK_TYPE and doc.id is not None:
            networks.setdefault(doc.id, doc)
    agendas: dict[str, list[tuple[dt.date, Document]]] = {slug: [] for slug in networks}
    minutes: dict[str, list[tuple[dt.date, Document]]] = {slug: [] for slug in networks}
    inputs: dict[str, list[Input]] = {slug: [] for slug in networks}
    for doc in docs:
        slug = doc.get("network")
        if not isinstance(slug, str) or slug not in networks:
            continue
        day = as_date(doc.get("date"))
        if doc.type == "agenda" and day is not None:
            agendas[slug].append((day, doc))
        elif doc.type == "minutes" and day is not None:
            minutes[slug].append((day, doc))
        elif doc.type == INPUT_TYPE:
            sender = doc.get("from")
            inputs[slug].append(
                Input(
                    doc,
                    day,
                    sender.strip() if isinstance(sender, str) else None,
                    as_date(doc.get("placed_on")),
                )
            )

    def by_date(items: list[tuple[dt.date, Document]]) -> tuple[tuple[dt.date, Document], ...]:
        return tuple(sorted(items, key=lambda item: (item[0], item[1].path)))

    result: dict[str, Network] = {}
    for slug, doc in networks.items():
        per_year = doc.get("meetings_per_year", DEFAULT_MEETINGS_PER_YEAR)
        if isinstance(per_year, bool) or not isinstance(per_year, int) or per_year < 1:
            per_year = DEFAULT_MEETINGS_PER_YEAR
        result[slug] = Network(
            document=doc,
            slug=slug,
            title=doc.title or slug,
            leader=_leader(doc.get("leader")),
            members=_members(doc.get("members")),
            meetings_per_year=per_year,
            report_to=_text(doc.get("report_to")),
            mandate=_text(doc.get("mandate")),
            planned_dates=_dates(doc.get("planned_meetings")),
            agendas=by_date(agendas[slug]),
            minutes=by_date(minutes[slug]),
            inputs=tuple(sorted(inputs[slug], key=lambda i: (i.date or dt.date.min, i.path))),
            appointments=_appointments(doc.get("planned_meetings")),
        )
    return result


def networks(handbook: Handbook) -> dict[str, Network]:
    return build_networks(handbook.documents)


def get_network(handbook: Handbook, slug: str) -> Network:
    """The network ``slug``, or a :class:`TvfError` that lists the networks there are."""
    found = networks(handbook)
    if slug in found:
        return found[slug]
    known = ", ".join(sorted(found)) or _("ingen")
    raise TvfError(
        _("Fant ikke nettverket «{slug}» i håndboka (nettverk: {known}).").format(
            slug=slug, known=known
        ),
        hint=_("Se nettverkene med tvf network list."),
    )


# --- Action items ---------------------------------------------------------------------------

_TASK_RE = re.compile(r"^\s{0,3}[-*+]\s+\[(?P<mark>[ xX])\]\s+(?P<rest>.*?)\s*$")
_TRAILER_RE = re.compile(r"^(?P<text>.*?)\s*\((?P<fields>[^()]*)\)$")
_FIELD_SPLIT_RE = re.compile(r",\s*(?=(?:ansvar|frist)\s*:)", re.IGNORECASE)
_FIELD_RE = re.compile(r"^\s*(?P<key>ansvar|frist)\s*:\s*(?P<value>.*?)\s*$", re.IGNORECASE)
# The form of a task line's trailer; "ansvar" and "frist" are the words tvf reads, in every
# language (translate the rest with ``_``).
_FORM = N_("(ansvar: tjeneste eller rolle, frist: ÅÅÅÅ-MM-DD)")


def _body_lines(doc: Document) -> Iterator[tuple[int, str]]:
    """Body lines with their file line numbers, outside fenced code and HTML comments."""
    fence: str | None = None
    in_comment = False
    for offset, line in enumerate(doc.body.split("\n")):
        stripped = line.strip()
        if in_comment:
            in_comment = "-->" not in stripped
            continue
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        if stripped.startswith("<!--"):
            in_comment = "-->" not in stripped[4:]
            continue
        yield doc.body_line + offset, line


def parse_action_items(
    doc: Document, meeting: dt.date
) -> tuple[list[ActionItem], list[TaskProblem]]:
    """The task lines of one set of minutes: action items, and lines not in the form."""
    items: list[ActionItem] = []
    problems: list[TaskProblem] = []
    for line_no, line in _body_lines(doc):
        task = _TASK_RE.match(line)
        if task is None:
            continue
        rest = task.group("rest")
        trailer = _TRAILER_RE.match(rest)
        fields: dict[str, str] = {}
        if trailer is not None:
            for part in _FIELD_SPLIT_RE.split(trailer.group("fields")):
                field = _FIELD_RE.match(part)
                if field is not None:
                    fields[field.group("key").lower()] = field.group("value")
        if trailer is None or not fields:
            problems.append(
                TaskProblem(
                    doc.path,
                    line_no,
                    _(
                        "Oppgavelinjen «{text}» mangler {form} til slutt, så den følges ikke opp."
                    ).format(text=_short(rest), form=_(_FORM)),
                )
            )
            continue
        missing = [k for k in ("ansvar", "frist") if not fields.get(k)]
        if missing:
            if len(missing) == 2:
                message = _("Oppgavelinjen «{text}» mangler ansvar og frist; skriv {form}.")
            elif missing[0] == "ansvar":
                message = _("Oppgavelinjen «{text}» mangler ansvar; skriv {form}.")
            else:
                message = _("Oppgavelinjen «{text}» mangler frist; skriv {form}.")
            problems.append(
                TaskProblem(doc.path, line_no, message.format(text=_short(rest), form=_(_FORM)))
            )
            continue
        deadline = parse_user_date(fields["frist"])
        if deadline is None:
            problems.append(
                TaskProblem(
                    doc.path,
                    line_no,
                    _(
                        "Fristen «{deadline}» i «{text}» er ikke en dato; skriv ÅÅÅÅ-MM-DD eller "
                        "DD.MM.ÅÅÅÅ, f.eks. 2027-02-01 eller 01.02.2027."
                    ).format(deadline=fields["frist"], text=_short(rest)),
                )
            )
            continue
        text = trailer.group("text").strip() if trailer else rest
        if not text:
            problems.append(
                TaskProblem(
                    doc.path, line_no, _("Oppgavelinjen har ansvar og frist, men ingen tekst.")
                )
            )
            continue
        items.append(
            ActionItem(
                text,
                fields["ansvar"],
                deadline,
                task.group("mark") != " ",
                doc.path,
                line_no,
                meeting,
            )
        )
    return items, problems


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def action_items(network: Network, before: dt.date | None = None) -> list[ActionItem]:
    """Every task line in the network's minutes (dated before ``before``), oldest first."""
    found: list[ActionItem] = []
    for day, doc in network.minutes:
        if before is None or day < before:
            found.extend(parse_action_items(doc, day)[0])
    return found


def current_action_items(network: Network, before: dt.date | None = None) -> list[ActionItem]:
    """Each action item once, as its newest mention says: the newest minutes that name an
    item decide whether it is done and what its deadline is."""
    latest: dict[tuple[str, str], ActionItem] = {}
    for item in action_items(network, before):
        latest.pop(item.key, None)  # keep the order of the newest mentions
        latest[item.key] = item
    return list(latest.values())


def open_action_items(network: Network, before: dt.date | None = None) -> list[ActionItem]:
    """The items not done, by deadline: what the next agenda follows up."""
    return sorted(
        (i for i in current_action_items(network, before) if not i.done),
        key=lambda i: (i.deadline, i.text.casefold()),
    )


# --- Inputs, evaluation, user representatives ------------------------------------------------


def pending_inputs(network: Network) -> list[Input]:
    """Inputs not yet placed on an agenda, oldest first."""
    return [i for i in network.inputs if i.pending]


#: The labels of the minutes skeleton under each item (``**Drøfting:**``, ``**Vedtak:**``), in
#: both of tvf's languages: a section with nothing but these is not filled in.
SKELETON_LABELS = ("**Drøfting:**", "**Vedtak:**", "**Discussion:**", "**Decision:**")
_EVALUATION_HEADING = re.compile(r"^#{2,6}\s.*(evaluer|evaluat)", re.IGNORECASE)


def evaluation_section(doc: Document) -> str | None:
    """The text under the minutes' evaluation item (a heading with «evaluering»), outside
    comments, or None when the minutes have no such item."""
    lines: list[str] | None = None
    for _line_no, line in _body_lines(doc):
        if line.startswith("#"):
            if lines is not None:
                break
            if _EVALUATION_HEADING.match(line):
                lines = []
            continue
        if lines is not None:
            lines.append(line)
    return None if lines is None else "\n".join(lines)


def records_evaluation(doc: Document) -> bool:
    """Whether minutes record the annual evaluation: ``evaluation: true``, and, when the
    minutes have an evaluation item, that item filled in (a decision after ``**Vedtak:**``, or
    any text when it has no such label). A skeleton nobody filled in is no evaluation."""
    if doc.get("evaluation") is not True:
        return False
    section = evaluation_section(doc)
    if section is None:
        return True
    for label in ("**Vedtak:**", "**Decision:**"):
        if label in section:
            return bool(section.split(label, 1)[1].strip())
    text = section
    for label in SKELETON_LABELS:
        text = text.replace(label, "")
    return bool(text.strip())


def evaluations(network: Network) -> list[dt.date]:
    """Dates of the minutes that record the annual evaluation (:func:`records_evaluation`)."""
    return [day for day, doc in network.minutes if records_evaluation(doc)]


def last_evaluation(network: Network, before: dt.date) -> dt.date | None:
    held = [day for day in evaluations(network) if day < before]
    return held[-1] if held else None


def evaluation_due(network: Network, on: dt.date) -> bool:
    """True when no evaluation was held in the twelve months before ``on``."""
    last = last_evaluation(network, on)
    return last is None or last <= twelve_months_before(on)


def first_meeting(network: Network) -> dt.date | None:
    days = [day for day, _doc in (*network.agendas, *network.minutes)]
    return min(days) if days else None


def evaluation_overdue(network: Network, today: dt.date) -> bool:
    """True when the network has met for more than a year without an evaluation in the last
    twelve months (check TVF405). A network younger than a year is not yet late."""
    first = first_meeting(network)
    if first is None or first > twelve_months_before(today):
        return False
    last = last_evaluation(network, today + dt.timedelta(days=1))
    return last is None or last <= twelve_months_before(today)


INVITED = "invited"  # on an agenda's user_representatives, or an action item to invite, ticked
ATTENDED = "attended"  # on the minutes' user_representatives: they came
DECIDED = "decided"  # an open action item to invite, or a decision (Vedtak) to invite
_INVITE_RE = re.compile(r"\binvit", re.IGNORECASE)
_COUNCIL_RE = re.compile(
    r"elevråd|foreldre|\bFAU\b|ungdomsråd|brukerrepresentant|"
    r"brukerutvalg|pupils'|parents'|youth council",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Representation:
    """What a network's documents say about user representatives at one meeting: invited,
    attended and decided are different facts, kept apart."""

    date: dt.date
    names: tuple[str, ...]  # the councils, or the text of the action item or decision
    kinds: frozenset[str]  # INVITED, ATTENDED, DECIDED
    path: str


def _is_invitation(text: str) -> bool:
    return bool(_INVITE_RE.search(text) and _COUNCIL_RE.search(text))


def representations(network: Network, start: dt.date, end: dt.date) -> list[Representation]:
    """User representatives invited to, attending, or decided on for meetings from ``start``
    to ``end``, oldest first; each invitation once (one action item is one invitation however
    many minutes mention it; the same councils on an agenda and its minutes are one entry
    with both kinds)."""
    found: dict[tuple[dt.date, tuple[str, ...]], tuple[set[str], str]] = {}

    def add(day: dt.date, names: tuple[str, ...], kind: str, path: str) -> None:
        key = (day, tuple(n.casefold() for n in names))
        kinds, _first = found.setdefault(key, (set(), path))
        kinds.add(kind)
        labels[key] = names

    labels: dict[tuple[dt.date, tuple[str, ...]], tuple[str, ...]] = {}
    for kind, documents in ((INVITED, network.agendas), (ATTENDED, network.minutes)):
        for day, doc in documents:
            names = doc.get("user_representatives")
            if start <= day <= end and isinstance(names, list):
                listed = tuple(n.strip() for n in names if isinstance(n, str) and n.strip())
                if listed:
                    add(day, listed, kind, doc.path)
    for item in current_action_items(network):
        if start <= item.meeting <= end and _is_invitation(item.text):
            add(item.meeting, (item.text,), INVITED if item.done else DECIDED, item.path)
    for day, doc in network.minutes:
        if not start <= day <= end:
            continue
        for _line_no, line in _body_lines(doc):
            for label in ("**Vedtak:**", "**Decision:**"):
                if label in line:
                    decision = line.split(label, 1)[1].strip()
                    if decision and _is_invitation(decision):
                        add(day, (decision,), DECIDED, doc.path)
    return [
        Representation(key[0], labels[key], frozenset(kinds), path)
        for key, (kinds, path) in sorted(found.items(), key=lambda e: e[0])
    ]


def invited_representatives(network: Network, on: dt.date) -> list[tuple[dt.date, list[str]]]:
    """The user representatives invited, attending or decided on in ``on``'s school year."""
    start, end = school_year(on)
    return [(r.date, list(r.names)) for r in representations(network, start, end)]


def user_representatives_due(network: Network, on: dt.date) -> bool:
    """True when nobody from the pupils', parents' or youth councils is invited to any meeting
    of ``on``'s school year (the school year starts 1 August)."""
    return not invited_representatives(network, on)


# --- Meetings -------------------------------------------------------------------------------


def meetings(network: Network, today: dt.date) -> list[Meeting]:
    """Every meeting date: agendas and minutes, and planned dates from today on."""
    by_date: dict[dt.date, dict[str, Document]] = {}
    for day, doc in network.agendas:
        by_date.setdefault(day, {}).setdefault("agenda", doc)
    for day, doc in network.minutes:
        by_date.setdefault(day, {}).setdefault("minutes", doc)
    planned = set(network.planned_dates)
    for day in planned:
        if day >= today:
            by_date.setdefault(day, {})
    return [
        Meeting(day, docs.get("agenda"), docs.get("minutes"), day in planned)
        for day, docs in sorted(by_date.items())
    ]


#: The part of a school year meetings are planned in (month, day): from the first target date
#: of ``tvf meetings plan`` to the last (:mod:`.calendar_plan` uses the same).
MEETING_SEASON = ((9, 10), (5, 20))


def expected_meetings_from(per_year: int, day: dt.date) -> int:
    """How many of ``per_year`` meetings fit in the part of ``day``'s school year from ``day``
    on: in proportion to the days left of the meeting season, rounded up."""
    year = school_year_start(day).year
    first = dt.date(year, *MEETING_SEASON[0])
    last = dt.date(year + 1, *MEETING_SEASON[1])
    if day <= first:
        return per_year
    if day > last:
        return 0
    return math.ceil(per_year * (last - day).days / (last - first).days)


def started(network: Network) -> dt.date | None:
    """When the network started: its first agenda or minutes, else its leader's first term."""
    first = first_meeting(network)
    return first or network.leader.term_start


def expected_meetings(network: Network, today: dt.date) -> int:
    """The meetings the network should hold in today's school year (TVF402): all of
    ``meetings_per_year``, or for a network that started during the year, those the rest of
    the year held from its start."""
    begun = started(network)
    if begun is None or begun <= school_year_start(today):
        return network.meetings_per_year
    return expected_meetings_from(network.meetings_per_year, begun)


def meeting_dates(network: Network) -> list[dt.date]:
    """Every date the network meets or plans to: planned dates, agendas and minutes."""
    return sorted(
        {
            *network.planned_dates,
            *(d for d, _doc in network.agendas),
            *(d for d, _doc in network.minutes),
        }
    )


def next_meeting_after(network: Network, day: dt.date) -> dt.date | None:
    """The first meeting date (planned, or with an agenda or minutes) after ``day``."""
    return next((d for d in meeting_dates(network) if d > day), None)


def term_over(network: Network, day: dt.date) -> bool:
    """True when the leader's term has ended before ``day``: a leader must be chosen."""
    end = network.leader.term_end
    return end is not None and end < day


def election_due(network: Network, day: dt.date) -> bool:
    """True when the meeting on ``day`` must choose the leader for the next year: it is the
    last meeting of the leader's term (no meeting after it up to ``term_end``), or the term
    has already ended."""
    end = network.leader.term_end
    if end is None:
        return False
    if day > end:
        return True
    return not any(day < d <= end for d in meeting_dates(network))


def last_meeting_of_school_year(network: Network, day: dt.date) -> bool:
    """True when no meeting is planned (or written) after ``day`` in its school year."""
    _start, end = school_year(day)
    return not any(day < d <= end for d in meeting_dates(network))


def evaluation_on_agenda(network: Network, day: dt.date) -> bool:
    """Whether the agenda of the meeting on ``day`` gets the annual evaluation: when none was
    held in the twelve months before it, on the last meeting of the school year, or on any
    meeting once the evaluation is overdue (the network has met for more than a year)."""
    if not evaluation_due(network, day):
        return False
    return last_meeting_of_school_year(network, day) or evaluation_overdue(network, day)


def meetings_this_school_year(network: Network, today: dt.date) -> list[Meeting]:
    """Meetings held or planned in today's school year (what TVF402 counts)."""
    start, end = school_year(today)
    return [m for m in meetings(network, today) if start <= m.date <= end]


def next_planned_date(network: Network, today: dt.date) -> dt.date | None:
    """The first planned date from today on that has no agenda yet."""
    with_agenda = {day for day, _doc in network.agendas}
    return next((d for d in network.planned_dates if d >= today and d not in with_agenda), None)


def previous_minutes(network: Network, before: dt.date) -> tuple[dt.date, Document] | None:
    earlier = [m for m in network.minutes if m[0] < before]
    return earlier[-1] if earlier else None


def agenda_on(network: Network, day: dt.date) -> Document | None:
    return next((doc for d, doc in network.agendas if d == day), None)


def minutes_on(network: Network, day: dt.date) -> Document | None:
    return next((doc for d, doc in network.minutes if d == day), None)


@dataclass(frozen=True)
class AgendaItem:
    """A numbered item (``## 3. Title``) of an agenda, as ``tvf minutes new`` reads it."""

    number: int
    title: str


_ITEM_RE = re.compile(r"^##\s+(?P<number>\d+)\.\s+(?P<title>.+?)\s*#*\s*$")


def agenda_items(doc: Document) -> list[AgendaItem]:
    """The numbered level-2 headings of an agenda, in order."""
    items = []
    for _line_no, line in _body_lines(doc):
        match = _ITEM_RE.match(line)
        if match is not None:
            items.append(AgendaItem(int(match.group("number")), match.group("title")))
    return items


# --- Views for tvf network list / show --------------------------------------------------------


class LeaderView(TypedDict):
    name: str | None
    role: str | None
    term_start: str | None
    term_end: str | None
    term_ended: bool
    election_meeting: str | None  # the meeting that chooses the next leader


class MemberView(TypedDict):
    service: str
    name: str | None


class MeetingView(TypedDict):
    date: str
    status: str  # held or planned, in Norwegian (a message ID)
    agenda: str | None
    minutes: str | None
    sent: bool | None
    planned: bool


class ActionItemView(TypedDict):
    text: str
    owner: str
    deadline: str
    overdue: bool
    path: str
    line: int


# "from" is a keyword, so this one is declared the functional way.
InputView = TypedDict(
    "InputView", {"text": str, "from": str | None, "date": str | None, "path": str}
)


class RepresentativesView(TypedDict):
    date: str
    names: list[str]
    kinds: list[str]  # invited, attended, decided


class NetworkOverview(TypedDict):
    """What ``tvf network list`` and ``show`` tell about a network: JSON-ready, with dates as
    ISO text; the keys are the JSON's."""

    id: str
    title: str
    path: str
    folder: str
    leader: LeaderView
    members: list[MemberView]
    meetings_per_year: int
    school_year: str
    meetings: list[MeetingView]
    next_meeting: str | None
    open_items: list[ActionItemView]
    pending_inputs: list[InputView]
    last_evaluation: str | None
    evaluation_due: bool
    user_representatives: list[RepresentativesView]
    report_to: str


def overview(network: Network, today: dt.date, recipient: str) -> NetworkOverview:
    """What ``tvf network show`` tells about a network, JSON-ready (dates as ISO text)."""
    leader = network.leader
    this_year = meetings_this_school_year(network, today)
    last = last_evaluation(network, today + dt.timedelta(days=1))
    start, end = school_year(today)
    invited = representations(network, start, end)
    upcoming = [m.date for m in meetings(network, today) if m.date >= today]
    return {
        "id": network.slug,
        "title": network.title,
        "path": network.document.path,
        "folder": network.folder,
        "leader": {
            "name": leader.name,
            "role": leader.role,
            "term_start": _iso(leader.term_start),
            "term_end": _iso(leader.term_end),
            "term_ended": leader.term_end is not None and leader.term_end < today,
            "election_meeting": _iso(
                next(
                    (d for d in meeting_dates(network) if d >= today and election_due(network, d)),
                    None,
                )
            ),
        },
        "members": [{"service": m.service, "name": m.name} for m in network.members],
        "meetings_per_year": network.meetings_per_year,
        "school_year": school_year_label(today),
        "meetings": [
            {
                "date": str(m.date),
                "status": m.kind(today),
                "agenda": m.agenda.path if m.agenda else None,
                "minutes": m.minutes.path if m.minutes else None,
                "sent": (m.minutes.get("sent") is not None) if m.minutes else None,
                "planned": m.planned,
            }
            for m in this_year
        ],
        "next_meeting": _iso(upcoming[0]) if upcoming else None,
        "open_items": [
            {
                "text": i.text,
                "owner": i.owner,
                "deadline": str(i.deadline),
                "overdue": i.overdue(today),
                "path": i.path,
                "line": i.line,
            }
            for i in open_action_items(network)
        ],
        "pending_inputs": [
            {
                "text": i.text,
                "from": i.sender,
                "date": _iso(i.date),
                "path": i.path,
            }
            for i in pending_inputs(network)
        ],
        "last_evaluation": _iso(last),
        "evaluation_due": last is None or last <= twelve_months_before(today),
        "user_representatives": [
            {"date": str(r.date), "names": list(r.names), "kinds": sorted(r.kinds)} for r in invited
        ],
        "report_to": recipient,
    }


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
