"""Writing a network's meeting documents: inputs, agendas, minutes, and marking minutes sent.

The model (:mod:`tverrfaglig.meetings`) decides what goes on an agenda; this module renders it
through the handbook's templates and writes files safely:

* a new file is written to a temporary file in the same folder and then linked into place,
  so an existing file is never overwritten and a failed run leaves nothing behind;
* a template error, a broken front matter or a national identity number in the result stops
  the run before anything is written;
* front-matter edits (``placed_on`` on an input, ``sent`` on minutes) only add lines before
  the closing ``---``: every other byte of the file stays as it was.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from .child_mentions import ChildMention, find_child_mentions
from .document import INPUT_TYPE, Document, parse_document
from .errors import TvfError
from .files import FileExists, write_atomic
from .handbook import Handbook
from .i18n import N_, _, long_date, weekday_name
from .meetings import (
    AGENDA_SUFFIX,
    INPUT_STEM,
    INPUTS_DIR,
    MINUTES_SUFFIX,
    USER_COUNCILS,
    ActionItem,
    Input,
    Network,
    agenda_items,
    agenda_on,
    election_due,
    evaluation_on_agenda,
    get_network,
    last_evaluation,
    minutes_on,
    next_meeting_after,
    next_planned_date,
    open_action_items,
    pending_inputs,
    previous_minutes,
    school_year_label,
    term_over,
    user_representatives_due,
)
from .pii import guard
from .templating import environment, render

AGENDA_TEMPLATE = "agenda.md.j2"
MINUTES_TEMPLATE = "minutes.md.j2"
STDOUT = "-"


@dataclass(frozen=True)
class Written:
    """What a command wrote (or, with ``--output -`` or ``--dry-run``, would write)."""

    path: str  # relative to the handbook root when inside it, else as given
    text: str
    written: bool  # False for --output - and --dry-run
    placed: tuple[str, ...] = ()  # inputs marked as placed on the agenda
    date: dt.date | None = None  # the meeting's date, for agendas and minutes
    closed: tuple[ActionItem, ...] = ()  # action items ticked (tvf minutes sent)
    child_mentions: tuple[ChildMention, ...] = ()  # what may name a child (TVF502)


# --- Files -------------------------------------------------------------------------------------


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _env(root: Path) -> SandboxedEnvironment:
    env = environment(root)
    env.filters.setdefault("yaml", _json)
    return env


def _display(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


_NEVER_OVERWRITE = N_(
    "Slett eller gi nytt navn til filen først, eller bruk --output - for å se resultatet."
)


def write_new(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``; never replace an existing file."""
    write_atomic(path, data, new=True, hint=_(_NEVER_OVERWRITE))


def insert_front_matter(data: bytes, lines: Sequence[str], *, where: str | None = None) -> bytes:
    """``data`` with ``lines`` added at the end of its front matter, nothing else changed.

    The new lines use the file's own line ending (``\\n`` or ``\\r\\n``). ``where`` names the
    file in errors (default: "the file").
    """
    where = where or _("filen")
    parts = data.splitlines(keepends=True)
    if not parts or parts[0].removeprefix(b"\xef\xbb\xbf").rstrip() != b"---":
        raise TvfError(
            _("{where} har ingen front matter (første linje er ikke «---»).").format(where=where)
        )
    closing = next((i for i in range(1, len(parts)) if parts[i].rstrip() in (b"---", b"...")), None)
    if closing is None:
        raise TvfError(_("{where}: front matter er ikke avsluttet med «---».").format(where=where))
    newline = b"\r\n" if parts[0].endswith(b"\r\n") else b"\n"
    added = [line.encode("utf-8") + newline for line in lines]
    return b"".join([*parts[:closing], *added, *parts[closing:]])


def _add_keys(
    root: Path,
    doc: Document,
    lines: Sequence[str],
    key: str,
    before: Callable[[bytes], bytes] | None = None,
) -> bytes:
    """The bytes of ``doc`` with ``lines`` added, checked to parse with ``key`` set; ``before``
    may change the file's bytes first (ticking a task line in the body)."""
    path = root / doc.path
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TvfError(
            _("{path} kan ikke leses: {reason}.").format(path=doc.path, reason=exc.strerror)
        ) from None
    if before is not None:
        data = before(data)
    new = insert_front_matter(data, lines, where=doc.path)
    parsed, problems = parse_document(doc.path, new)
    if parsed is None or parsed.meta is None or key not in parsed.meta or problems:
        raise TvfError(
            _(
                "Kunne ikke legge «{key}» til front matter i {path} uten å ødelegge "
                "filen; rett filen (se tvf check) og prøv igjen."
            ).format(key=key, path=doc.path)
        )
    return new


def _refuse_personal_data(text: str, what: str) -> None:
    """Stop when ``text`` holds a national identity number; ``what`` (translated) names it."""
    guard(
        text,
        _(
            "{what} inneholder det som ser ut som et {kind} ({masked}), linje {line} "
            "(TVF501). Ingenting er skrevet."
        ),
        hint=_(
            "Nettverket arbeider på systemnivå: innspill, sakslister og referater skal "
            "aldri inneholde opplysninger som identifiserer et barn. Fjern nummeret."
        ),
        what=what,
    )


def _check_rendered(text: str, name: str, template: str) -> None:
    doc, problems = parse_document(name, text.encode("utf-8"))
    if doc is None or doc.meta is None or problems:
        first = problems[0].message if problems else _("ingen front matter")
        raise TvfError(
            _("Malen {template} ga et dokument som ikke kan leses: {problem}").format(
                template=template, problem=first
            ),
            hint=_(
                "Rett håndbokas egen mal i templates/, eller fjern den for å bruke malen som "
                "følger med tvf."
            ),
        )


# --- Shared context ----------------------------------------------------------------------------


def _network_context(handbook: Handbook, network: Network, day: dt.date) -> dict[str, Any]:
    leader = network.leader
    term = None
    if leader.term_start and leader.term_end:
        term = f"{long_date(leader.term_start)}–{long_date(leader.term_end)}"
    elif leader.term_end:
        term = _("til {date}").format(date=long_date(leader.term_end))
    over = term_over(network, day)
    appointment = network.appointment(day)
    return {
        "handbook": {"title": handbook.config.title, "municipality": handbook.config.municipality},
        "network": {
            "slug": network.slug,
            "title": network.title,
            "mandate": network.mandate,
            "folder": network.folder,
        },
        # After the term has ended the old leader is not named: a leader must be chosen.
        "leader": {
            "name": None if over else leader.name,
            "role": None if over else leader.role,
            "term_start": str(leader.term_start) if leader.term_start else None,
            "term_end": str(leader.term_end) if leader.term_end else None,
            "term": None if over else term,
            "term_over": over,
            "term_end_text": long_date(leader.term_end) if leader.term_end else None,
        },
        "time": appointment.time,
        "place": appointment.place,
        "members": [{"service": m.service, "name": m.name} for m in network.members],
        "recipient": network.recipient(handbook.config),
        "date": str(day),
        "date_text": long_date(day),
        "weekday": weekday_name(day),
    }


def _item_context(item: ActionItem, today: dt.date) -> dict[str, Any]:
    return {
        "text": item.text,
        "owner": item.owner,
        "deadline": str(item.deadline),
        "deadline_text": long_date(item.deadline),
        "overdue": item.overdue(today),
        "raised": str(item.meeting),
        "path": item.path,
        "line": item.task_line(),
    }


def _input_context(item: Input) -> dict[str, Any]:
    return {
        "text": item.text,
        "sender": item.sender,
        "path": item.path,
        "date": str(item.date) if item.date else None,
        "date_text": long_date(item.date) if item.date else None,
    }


# --- tvf agenda add ----------------------------------------------------------------------------


def slugify(text: str, limit: int = 48) -> str:
    """A file-name part from free text: ``Økt fravær på 8. trinn`` → ``okt-fravaer-pa-8-trinn``."""
    letters: dict[str, str | int | None] = {"æ": "ae", "ø": "o", "å": "a"}
    lowered = text.casefold().translate(str.maketrans(letters))
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug or "innspill"


def add_input(
    handbook: Handbook,
    slug: str,
    text: str,
    *,
    sender: str | None,
    today: dt.date,
    dry_run: bool = False,
) -> Written:
    """File an input for the network's next agenda, in ``<folder>/innspill/``."""
    network = get_network(handbook, slug)
    body = text.strip()
    if not body:
        raise TvfError(
            _(
                "Innspillet er tomt: skriv saken som tekst, f.eks. "
                'tvf agenda add --network sentrum "Økt fravær på 8. trinn".'
            )
        )
    sender = sender.strip() if sender and sender.strip() else None
    _refuse_personal_data(body if sender is None else f"{body}\n{sender}", _("Innspillet"))
    lines = ["---", f"type: {INPUT_TYPE}", f"network: {network.slug}", f"date: {today}"]
    if sender is not None:
        lines.append(f"from: {_json(sender)}")
    lines += ["---", body, ""]
    content = "\n".join(lines)
    path = _file_input(handbook.root / network.folder / INPUTS_DIR, today, content, dry_run=dry_run)
    return Written(
        _display(handbook.root, path),
        content,
        written=not dry_run,
        child_mentions=tuple(find_child_mentions(body)),
    )


def _file_input(folder: Path, today: dt.date, content: str, *, dry_run: bool) -> Path:
    """Write an input as ``<date>-innspill-NNN.md`` with the first free number, and return its
    path. The name never comes from the input's text: an input may name a child. The file is
    created exclusively, so two ``agenda add`` at once each get a number of their own."""
    for number in itertools.count(1):
        path = folder / f"{today}-{INPUT_STEM}-{number:03d}.md"
        if path.exists():
            continue
        if dry_run:
            return path
        try:
            write_new(path, content.encode("utf-8"))
        except FileExists:  # another tvf took this number meanwhile
            continue
        return path
    raise AssertionError("unreachable")  # pragma: no cover


# --- tvf agenda new ----------------------------------------------------------------------------


def agenda_context(
    handbook: Handbook, network: Network, day: dt.date, today: dt.date, invite: Sequence[str] = ()
) -> dict[str, Any]:
    """Everything ``agenda.md.j2`` gets (documented in docs/meetings.md)."""
    context = _network_context(handbook, network, day)
    previous = previous_minutes(network, day)
    last = last_evaluation(network, day)
    invited = [name.strip() for name in invite if name.strip()]
    councils = [_(council) for council in USER_COUNCILS]
    context.update(
        {
            "title": _("Saksliste – {network}, {date}").format(
                network=network.title, date=long_date(day)
            ),
            "today": str(today),
            "previous_minutes": None
            if previous is None
            else {
                "date": str(previous[0]),
                "date_text": long_date(previous[0]),
                "path": previous[1].path,
            },
            "open_items": [_item_context(i, today) for i in open_action_items(network, day)],
            "inputs": [_input_context(i) for i in pending_inputs(network)],
            "evaluation": {
                "due": evaluation_on_agenda(network, day),
                "last": str(last) if last else None,
                "last_text": long_date(last) if last else None,
            },
            "election": {"due": election_due(network, day), "term_over": term_over(network, day)},
            "user_representatives": {
                "due": not invited and user_representatives_due(network, day),
                "school_year": school_year_label(day),
                "councils": councils,
                "councils_text": _("{councils} og {last}").format(
                    councils=", ".join(councils[:-1]), last=councils[-1]
                ),
                "invited": invited,
            },
        }
    )
    return context


def _meeting_date(network: Network, date: dt.date | None, today: dt.date) -> dt.date:
    if date is not None:
        return date
    planned = next_planned_date(network, today)
    if planned is None:
        raise TvfError(
            _(
                "Oppgi møtedatoen med --date ÅÅÅÅ-MM-DD: nettverket {network} har "
                "ingen planlagte møter uten saksliste fra i dag av (planned_meetings)."
            ).format(network=network.slug),
            hint=_("Foreslå datoer med tvf meetings plan --network {network}.").format(
                network=network.slug
            ),
        )
    return planned


def new_agenda(
    handbook: Handbook,
    slug: str,
    *,
    date: dt.date | None,
    today: dt.date,
    invite: Sequence[str] = (),
    output: str | None = None,
) -> Written:
    """Write the agenda for the network's meeting on ``date`` (or the next planned one).

    Pending inputs are marked ``placed_on: <date>`` once the agenda is written. With
    ``output="-"`` nothing is written or marked: the caller prints the text.
    """
    network = get_network(handbook, slug)
    day = _meeting_date(network, date, today)
    existing = agenda_on(network, day)
    if existing is not None and output != STDOUT:
        raise TvfError(
            _(
                "Nettverket {network} har allerede en saksliste for {date}: {path}. "
                "tvf skriver aldri over den."
            ).format(network=network.slug, date=day, path=existing.path),
            hint=_("Rediger den filen, eller bruk --output - for å se en ny."),
        )
    target = (
        handbook.root / network.folder / f"{day}-{AGENDA_SUFFIX}.md"
        if output is None
        else Path(output)
    )
    pending = pending_inputs(network)
    for item in pending:
        _refuse_personal_data(item.document.text, _("Innspillet {path}").format(path=item.path))
    text = render(
        _env(handbook.root), AGENDA_TEMPLATE, agenda_context(handbook, network, day, today, invite)
    )
    _refuse_personal_data(text, _("Sakslisten"))
    name = _display(handbook.root, target) if output != STDOUT else f"{day}-{AGENDA_SUFFIX}.md"
    _check_rendered(text, name, AGENDA_TEMPLATE)
    if output == STDOUT:
        return Written(name, text, written=False, date=day)
    marks = {
        item.path: _add_keys(handbook.root, item.document, [f"placed_on: {day}"], "placed_on")
        for item in pending
    }
    write_new(target, text.encode("utf-8"))
    for path, data in marks.items():
        write_atomic(handbook.root / path, data)
    return Written(name, text, written=True, placed=tuple(marks), date=day)


# --- tvf minutes new ---------------------------------------------------------------------------


def _meeting_to_record(network: Network, today: dt.date) -> dt.date:
    with_minutes = {day for day, _doc in network.minutes}
    held = [day for day, _doc in network.agendas if day <= today and day not in with_minutes]
    if not held:
        raise TvfError(
            _(
                "Oppgi møtedatoen med --date ÅÅÅÅ-MM-DD: nettverket {network} har "
                "ingen saksliste fra i dag eller tidligere som mangler referat."
            ).format(network=network.slug)
        )
    return held[-1]


def minutes_context(
    handbook: Handbook, network: Network, day: dt.date, agenda: Document, today: dt.date
) -> dict[str, Any]:
    """Everything ``minutes.md.j2`` gets (documented in docs/meetings.md)."""
    context = _network_context(handbook, network, day)
    representatives = agenda.get("user_representatives")
    following = next_meeting_after(network, day)
    after = network.appointment(following) if following is not None else None
    context.update(
        {
            "title": _("Referat – {network}, {date}").format(
                network=network.title, date=long_date(day)
            ),
            "today": str(today),
            "agenda": {"path": agenda.path},
            "items": [{"number": i.number, "title": i.title} for i in agenda_items(agenda)],
            "open_items": [_item_context(i, today) for i in open_action_items(network, day)],
            "present": [f"{m.service}: {m.name}" if m.name else m.service for m in network.members],
            "evaluation": agenda.get("evaluation") is True,
            # Invited on the agenda: whether they came is for the minutes to say.
            "invited": [r for r in representatives if isinstance(r, str)]
            if isinstance(representatives, list)
            else [],
            "next_meeting": None
            if following is None or after is None
            else {
                "date": str(following),
                "date_text": long_date(following),
                "weekday": weekday_name(following),
                "time": after.time,
                "place": after.place,
            },
        }
    )
    return context


def new_minutes(
    handbook: Handbook,
    slug: str,
    *,
    date: dt.date | None,
    today: dt.date,
    output: str | None = None,
) -> Written:
    """Write the minutes skeleton for the meeting on ``date`` from that meeting's agenda."""
    network = get_network(handbook, slug)
    day = date if date is not None else _meeting_to_record(network, today)
    existing = minutes_on(network, day)
    if existing is not None and output != STDOUT:
        raise TvfError(
            _(
                "Nettverket {network} har allerede referat fra {date}: {path}. "
                "tvf skriver aldri over det."
            ).format(network=network.slug, date=day, path=existing.path)
        )
    agenda = agenda_on(network, day)
    if agenda is None:
        raise TvfError(
            _(
                "Fant ingen saksliste for nettverket {network} datert {date}; "
                "referatet bygger på den."
            ).format(network=network.slug, date=day),
            hint=_(
                "Lag den med tvf agenda new --network {network} --date {date}, "
                "eller oppgi datoen for et møte som har saksliste."
            ).format(network=network.slug, date=day),
        )
    target = (
        handbook.root / network.folder / f"{day}-{MINUTES_SUFFIX}.md"
        if output is None
        else Path(output)
    )
    text = render(
        _env(handbook.root),
        MINUTES_TEMPLATE,
        minutes_context(handbook, network, day, agenda, today),
    )
    _refuse_personal_data(text, _("Referatet"))
    name = _display(handbook.root, target) if output != STDOUT else f"{day}-{MINUTES_SUFFIX}.md"
    _check_rendered(text, name, MINUTES_TEMPLATE)
    if output == STDOUT:
        return Written(name, text, written=False, date=day)
    write_new(target, text.encode("utf-8"))
    return Written(name, text, written=True, date=day)


# --- tvf minutes sent --------------------------------------------------------------------------


def mark_sent(
    handbook: Handbook,
    slug: str,
    *,
    date: dt.date | None,
    today: dt.date,
    to: str | None = None,
    dry_run: bool = False,
) -> Written:
    """Record in the minutes' front matter that they were sent today, and to whom."""
    network = get_network(handbook, slug)
    if date is None:
        unsent = [
            (day, doc) for day, doc in network.minutes if day <= today and doc.get("sent") is None
        ]
        if not unsent:
            raise TvfError(
                _("Nettverket {network} har ingen referater som ikke er merket som sendt.").format(
                    network=network.slug
                )
            )
        if len(unsent) > 1:
            listed = ", ".join(str(day) for day, _doc in unsent)
            raise TvfError(
                _(
                    "Flere referater er ikke merket som sendt ({dates}); oppgi hvilket "
                    "med --date ÅÅÅÅ-MM-DD."
                ).format(dates=listed)
            )
        date = unsent[0][0]
    doc = minutes_on(network, date)
    if doc is None:
        raise TvfError(
            _("Fant ikke referat fra {date} for nettverket {network}.").format(
                date=date, network=network.slug
            ),
            hint=_("Se møtene med tvf network show {network}.").format(network=network.slug),
        )
    sent = doc.get("sent")
    if sent is not None:
        when = sent.get("date", "?") if isinstance(sent, dict) else sent
        whom = sent.get("to", "?") if isinstance(sent, dict) else "?"
        raise TvfError(
            _("{path} er allerede merket som sendt ({date} til {recipient}).").format(
                path=doc.path, date=when, recipient=whom
            ),
            hint=_("Rett feltet «sent» i filen om det er feil."),
        )
    if today < date:
        raise TvfError(
            _("Referatet fra {date} kan ikke være sendt før møtet (i dag er {today}).").format(
                date=date, today=today
            )
        )
    recipient = (to or "").strip() or network.recipient(handbook.config)
    _refuse_personal_data(recipient, _("Mottakeren"))
    closing = send_minutes_items(network, date)
    ticked: dict[str, bytes] = {}
    for item in closing:
        if item.path != doc.path:
            ticked[item.path] = tick(
                ticked.get(item.path) or _read(handbook.root, item.path), item.line
            )
    own = [item for item in closing if item.path == doc.path]
    data = _add_keys(
        handbook.root,
        doc,
        ["sent:", f"  date: {today}", f"  to: {_json(recipient)}"],
        "sent",
        before=lambda raw: _tick_all(raw, [i.line for i in own]),
    )
    if not dry_run:
        write_atomic(handbook.root / doc.path, data)
        for path, changed in ticked.items():
            write_atomic(handbook.root / path, changed)
    return Written(
        doc.path, data.decode("utf-8"), written=not dry_run, date=date, closed=tuple(closing)
    )


#: The leader's own action item to send the minutes: «Sende referatet til …» and the like.
_SEND_MINUTES = re.compile(r"\bsend\w*\b.*\breferat|\breferat\w*\b.*\bsend", re.IGNORECASE)


def send_minutes_items(network: Network, date: dt.date) -> list[ActionItem]:
    """The open action items, in minutes up to ``date``, that ask the leader to send the
    minutes: ``tvf minutes sent`` ticks them."""
    leader = network.leader
    owners = {
        "leder",
        "leiar",
        "leader",
        "nettverksleder",
        *(n.casefold() for n in (leader.name, leader.role) if n),
    }
    return [
        item
        for item in open_action_items(network)
        if item.meeting <= date
        and _SEND_MINUTES.search(item.text)
        and " ".join(item.owner.split()).casefold() in owners
    ]


def _read(root: Path, path: str) -> bytes:
    try:
        return (root / path).read_bytes()
    except OSError as exc:
        raise TvfError(
            _("{path} kan ikke leses: {reason}.").format(path=path, reason=exc.strerror)
        ) from None


def tick(data: bytes, line: int) -> bytes:
    """``data`` with the task line at ``line`` (1-based) ticked: ``[ ]`` becomes ``[x]``, and
    nothing else changes."""
    lines = data.splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(b"[ ]", b"[x]", 1)
    return b"".join(lines)


def _tick_all(data: bytes, numbers: Sequence[int]) -> bytes:
    for number in numbers:
        data = tick(data, number)
    return data
