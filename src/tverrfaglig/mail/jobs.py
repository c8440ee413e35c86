"""Which messages each command sends: ``agenda send``, ``minutes send``, ``outdated --mail``.

Each function returns a :class:`Batch`: one message per recipient (so each can be recorded as
sent on its own), and the people tvf has no address for. Addresses come from the network file
(``email`` of the leader and of each member) and from ``[mail.addresses]`` in ``tvf.toml``
(owners, the minutes' recipient, anyone else by name).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import icalendar

from ..calendar_plan import PRODID, TIMEZONE, _oslo_timezone
from ..document import Document
from ..errors import TvfError
from ..export import ExportFormat, render, source_of
from ..handbook import Handbook
from ..i18n import _, language, long_date, weekday_name
from ..meetings import Network, agenda_on, get_network, minutes_on, networks
from ..outdated import OutdatedReport, leader_label
from ..render.outdated import render_markdown
from .message import Attachment, Outgoing, build
from .sender import BatchResult
from .settings import MailSettings, valid_address


@dataclass(frozen=True)
class Recipient:
    name: str
    address: str | None


@dataclass(frozen=True)
class Batch:
    messages: tuple[Outgoing, ...]
    missing: tuple[str, ...]  # who has no e-mail address
    document: str | None = None  # the agenda or minutes sent
    date: dt.date | None = None


def require_settings(handbook: Handbook) -> MailSettings:
    settings = handbook.config.mail
    if settings is None:
        raise TvfError(
            _("tvf.toml har ingen [mail], så tvf vet ikke hvilken e-posttjener den skal bruke."),
            hint=_("Legg til [mail] med host, sender og user; se docs/mail.md."),
        )
    return settings


def _member_recipients(network: Network) -> list[Recipient]:
    people = []
    leader = network.leader
    if leader.name or leader.email:
        people.append(Recipient(leader.name or leader_label(network), leader.email))
    for member in network.members:
        name = f"{member.service}: {member.name}" if member.name else member.service
        email = member.email
        if email is None and member.name and member.name == leader.name:
            email = leader.email  # the leader listed as a member too
        people.append(Recipient(name, email))
    return people


def _unique(
    people: Iterable[Recipient], settings: MailSettings
) -> tuple[list[Recipient], list[str]]:
    """People with an address (each address once), and the names without one."""
    seen: set[str] = set()
    found: list[Recipient] = []
    missing: list[str] = []
    for person in people:
        address = person.address or settings.address_of(person.name)
        if address is None:
            missing.append(person.name)
            continue
        if not valid_address(address):
            raise TvfError(
                _("«{address}» ({name}) er ikke en e-postadresse.").format(
                    address=address, name=person.name
                ),
                hint=_("Rett feltet email i nettverksfilen eller [mail.addresses] i tvf.toml."),
            )
        if address.casefold() not in seen:
            seen.add(address.casefold())
            found.append(Recipient(person.name, address))
    return found, missing


def _attachment(handbook: Handbook, doc: Document, fmt: ExportFormat) -> Attachment:
    source = source_of(doc)
    return Attachment(
        f"{source.name}.{fmt.value}", render(source, fmt, root=handbook.root), fmt.value
    )


def invitation(
    network: Network,
    day: dt.date,
    people: Iterable[Recipient],
    *,
    settings: MailSettings,
    now: dt.datetime,
    start: dt.time | None,
    minutes: int,
    description: str,
) -> bytes:
    """An iCalendar invitation (``METHOD:REQUEST``) to the meeting, for Outlook and others.

    The UID is the one ``tvf meetings plan`` gives the same meeting, so accepting the
    invitation updates the event imported from the plan instead of adding a second one."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "REQUEST")
    if start is not None:
        cal.add_component(_oslo_timezone())
    event = icalendar.Event()
    event.add("uid", f"tvf-{network.slug}-{day:%Y%m%d}@tverrfaglig")
    event.add("sequence", 0)
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("summary", _("Møte i {network}").format(network=network.title))
    if start is None:
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
    else:
        begins = dt.datetime.combine(day, start)
        event.add("dtstart", begins, parameters={"TZID": TIMEZONE})
        event.add("dtend", begins + dt.timedelta(minutes=minutes), parameters={"TZID": TIMEZONE})
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("description", description)
    organizer = icalendar.vCalAddress(f"mailto:{_address_only(settings.sender)}")
    organizer.params["cn"] = icalendar.vText(network.leader.name or network.title)
    event.add("organizer", organizer)
    for person in people:
        attendee = icalendar.vCalAddress(f"mailto:{person.address}")
        attendee.params["cn"] = icalendar.vText(person.name)
        attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = icalendar.vText("NEEDS-ACTION")
        attendee.params["rsvp"] = icalendar.vText("TRUE")
        event.add("attendee", attendee, encode=False)
    cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def _address_only(sender: str) -> str:
    from email.utils import parseaddr

    return parseaddr(sender)[1] or sender


def _greeting_body(intro: str, document: Document, network: Network) -> str:
    leader = network.leader
    signature = ", ".join(p for p in (leader.name, leader.role) if p) or network.title
    hello, regards = _("Hei!"), _("Hilsen")
    return (
        f"{hello}\n\n{intro}\n\n{regards}  \n{signature}\n\n---\n\n"
        f"{source_of(document).body.strip()}\n"
    )


def agenda_batch(
    handbook: Handbook,
    slug: str,
    *,
    date: dt.date | None,
    today: dt.date,
    fmt: ExportFormat,
    now: dt.datetime,
    start: dt.time | None = None,
    minutes: int = 120,
) -> Batch:
    """The agenda to every member (and the leader), with the file and an invitation."""
    settings = require_settings(handbook)
    network = get_network(handbook, slug)
    if date is None:
        coming = [day for day, _doc in network.agendas if day >= today]
        if not coming:
            raise TvfError(
                _(
                    "Nettverket {network} har ingen saksliste fra i dag av; oppgi "
                    "møtet med --date ÅÅÅÅ-MM-DD."
                ).format(network=network.slug),
                hint=_("Lag den med tvf agenda new --network {network}.").format(
                    network=network.slug
                ),
            )
        date = coming[0]
    doc = agenda_on(network, date)
    if doc is None:
        raise TvfError(
            _("Fant ingen saksliste for nettverket {network} datert {date}.").format(
                network=network.slug, date=date
            ),
            hint=_("Lag den med tvf agenda new --network {network} --date {date}.").format(
                network=network.slug, date=date
            ),
        )
    people, missing = _unique(_member_recipients(network), settings)
    if not people:
        raise _nobody(network)
    attachment = _attachment(handbook, doc, fmt)
    when = f"{weekday_name(date)} {long_date(date)}"
    subject = _("Saksliste: {network}, {date}").format(network=network.title, date=when)
    intro = _(
        "Her er sakslisten til møtet i {network} {date}. Den er også vedlagt som "
        "{format}-fil, og møteinvitasjonen kan legges rett i kalenderen. Innspill til "
        "sakslisten sendes til leder."
    ).format(network=network.title, date=when, format=fmt.value.upper())
    body = _greeting_body(intro, doc, network)
    ics = invitation(
        network,
        date,
        people,
        settings=settings,
        now=now,
        start=start,
        minutes=minutes,
        description=subject,
    )
    key = f"agenda:{network.slug}:{date}"
    messages = tuple(
        _with_invitation_text(
            build(
                key=key,
                sender=settings.sender,
                recipient=p.address or "",
                name=p.name,
                subject=subject,
                body=body,
                attachments=[attachment],
                invitation=ics,
                now=now,
                language=language(),
            ),
            ics,
        )
        for p in people
    )
    return Batch(messages, tuple(missing), doc.path, date)


def _with_invitation_text(message: Outgoing, ics: bytes) -> Outgoing:
    return dataclasses.replace(message, text=f"{message.text}\n{ics.decode('utf-8')}")


def _nobody(network: Network) -> TvfError:
    return TvfError(
        _("Ingen i nettverket {network} har en e-postadresse, så ingenting er sendt.").format(
            network=network.slug
        ),
        hint=_(
            "Skriv email for leder og medlemmer i {path}, eller legg navnene i "
            "[mail.addresses] i tvf.toml."
        ).format(path=network.document.path),
    )


def minutes_batch(
    handbook: Handbook,
    slug: str,
    *,
    date: dt.date | None,
    today: dt.date,
    fmt: ExportFormat,
    now: dt.datetime,
) -> Batch:
    """The minutes to the recipient (``report_to``) and every member."""
    settings = require_settings(handbook)
    network = get_network(handbook, slug)
    if date is None:
        held = [day for day, doc in network.minutes if day <= today and doc.get("sent") is None]
        if not held:
            raise TvfError(
                _(
                    "Nettverket {network} har ingen referater som ikke er sendt; oppgi "
                    "møtet med --date ÅÅÅÅ-MM-DD."
                ).format(network=network.slug)
            )
        date = held[-1]
    doc = minutes_on(network, date)
    if doc is None:
        raise TvfError(
            _("Fant ikke referat fra {date} for nettverket {network}.").format(
                date=date, network=network.slug
            ),
            hint=_("Lag det med tvf minutes new --network {network} --date {date}.").format(
                network=network.slug, date=date
            ),
        )
    recipient = network.recipient(handbook.config)
    people, missing = _unique([Recipient(recipient, None), *_member_recipients(network)], settings)
    if not people:
        raise _nobody(network)
    attachment = _attachment(handbook, doc, fmt)
    subject = _("Referat: {network}, {date}").format(network=network.title, date=long_date(date))
    intro = _(
        "Her er referatet fra møtet i {network} {date}, også vedlagt som {format}-fil. "
        "Referatet sendes til {recipient} og til nettverkets medlemmer."
    ).format(
        network=network.title, date=long_date(date), format=fmt.value.upper(), recipient=recipient
    )
    body = _greeting_body(intro, doc, network)
    key = f"minutes:{network.slug}:{date}"
    messages = tuple(
        build(
            key=key,
            sender=settings.sender,
            recipient=p.address or "",
            name=p.name,
            subject=subject,
            body=body,
            attachments=[attachment],
            now=now,
            language=language(),
        )
        for p in people
    )
    return Batch(messages, tuple(missing), doc.path, date)


def owner_addresses(handbook: Handbook, settings: MailSettings) -> Callable[[str], str | None]:
    """Look an owner up: ``[mail.addresses]``, then the networks' leaders (as ``tvf outdated``
    names them) and members."""
    known: dict[str, str] = {}
    for network in networks(handbook).values():
        leader = network.leader
        if leader.email:
            for name in (leader_label(network), leader.name, leader.role):
                if name:
                    known.setdefault(" ".join(name.split()).casefold(), leader.email)

    def lookup(owner: str) -> str | None:
        return settings.address_of(owner) or known.get(" ".join(owner.split()).casefold())

    return lookup


def outdated_batch(handbook: Handbook, report: OutdatedReport, *, now: dt.datetime) -> Batch:
    """One digest to each owner of what they must act on, grouped and sorted as the report."""
    settings = require_settings(handbook)
    lookup = owner_addresses(handbook, settings)
    messages: list[Outgoing] = []
    missing: list[str] = []
    for owner, items in report.by_owner():
        if owner is None:
            missing.append(_("(uten ansvarlig)"))
            continue
        address = lookup(owner)
        if address is None:
            missing.append(owner)
            continue
        part = dataclasses.replace(report, items=tuple(items))
        intro = _(
            "Hei!\n\nDette er punktene i håndboka der du står som ansvarlig, og som må "
            "følges opp. Listen er laget av tvf outdated."
        )
        body = f"{intro}\n\n{render_markdown(part, by_owner=True)}"
        subject = _("Håndboka: {n} punkter å følge opp ({date})").format(
            n=len(items), date=long_date(report.today)
        )
        messages.append(
            build(
                key=f"outdated:{report.today}",
                sender=settings.sender,
                recipient=address,
                name=owner,
                subject=subject,
                body=body,
                now=now,
                language=language(),
            )
        )
    return Batch(tuple(messages), tuple(missing))


def deliver(
    handbook: Handbook,
    batch: Batch,
    *,
    dry_run: bool,
    eml: Path,
    resend: bool,
    now: Callable[[], dt.datetime],
) -> BatchResult:
    """Send ``batch`` through the handbook's ``[mail]`` server, or with ``dry_run`` write it as
    .eml files in ``eml`` and send nothing."""
    from .sender import send_batch, write_eml

    if dry_run:
        return BatchResult((), (), write_eml(batch.messages, eml))
    return send_batch(
        batch.messages, require_settings(handbook), handbook.root, now=now, resend=resend
    )
