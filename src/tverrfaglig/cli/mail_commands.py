"""``tvf agenda send`` and ``tvf minutes send``: the documents by e-mail (docs/mail.md).

``tvf outdated --mail`` lives with ``tvf outdated`` and uses :func:`deliver` from here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import TvfError
from ..export import ExportFormat
from ..i18n import N_, _
from .common import HandbookOption, TodayOption, handle_errors, load, parse_date, parse_today
from .meetings_commands import DateOption, NetworkOption, agenda_app, minutes_app

if TYPE_CHECKING:
    from ..handbook import Handbook
    from ..mail.jobs import Batch
    from ..mail.sender import BatchResult

DEFAULT_EML_DIR = Path("tvf-epost")

AttachOption = Annotated[
    ExportFormat, typer.Option("--format", "-f", help=N_("Vedlegget: docx (Word) eller pdf."))
]
MailDryRunOption = Annotated[
    bool,
    typer.Option(
        "--dry-run", help=N_("Send ingenting: skriv e-postene som .eml-filer i --eml-mappen.")
    ),
]
EmlOption = Annotated[
    Path,
    typer.Option("--eml", metavar=N_("MAPPE"), help=N_("Mappen for .eml-filene med --dry-run.")),
]
ResendOption = Annotated[
    bool,
    typer.Option(
        "--resend", help=N_("Send også til dem som alt har fått e-posten (ellers hoppes de over).")
    ),
]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def deliver(
    handbook: Handbook, batch: Batch, *, dry_run: bool, eml: Path, resend: bool
) -> BatchResult:
    """Send ``batch`` (or write it as .eml files), and show what happened (render/mail.py)."""
    from ..mail.jobs import deliver as deliver_batch
    from ..render.console import console
    from ..render.mail import render_delivery, render_missing

    out = console()
    render_missing(batch, out)
    result = deliver_batch(handbook, batch, dry_run=dry_run, eml=eml, resend=resend, now=now)
    render_delivery(result, out, dry_run=dry_run, eml=eml)
    return result


@handle_errors
def agenda_send(
    network: NetworkOption,
    date: DateOption = None,
    attach: AttachOption = ExportFormat.docx,
    start: Annotated[
        str | None,
        typer.Option(
            "--time",
            metavar=N_("TT:MM"),
            help=N_("Når møtet begynner (ellers en heldagshendelse i invitasjonen)."),
            show_default=False,
        ),
    ] = None,
    duration: Annotated[
        int,
        typer.Option(
            "--duration",
            metavar=N_("MINUTTER"),
            min=15,
            max=600,
            help=N_("Møtets lengde i invitasjonen."),
        ),
    ] = 120,
    dry_run: MailDryRunOption = False,
    eml: EmlOption = DEFAULT_EML_DIR,
    resend: ResendOption = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """E-mail the agenda to the members, with the file and an invitation."""
    from ..mail.jobs import agenda_batch

    begins = None
    if start is not None:
        try:
            begins = dt.time.fromisoformat(start.strip())
        except ValueError:
            raise TvfError(
                _("--time «{value}» er ikke et klokkeslett; skriv TT:MM, f.eks. 12:30.").format(
                    value=start
                )
            ) from None
    book = load(handbook)
    batch = agenda_batch(
        book,
        network,
        date=parse_date(date, "--date"),
        today=parse_today(today),
        fmt=attach,
        now=now(),
        start=begins,
        minutes=duration,
    )
    deliver(book, batch, dry_run=dry_run, eml=eml, resend=resend)


@handle_errors
def minutes_send(
    network: NetworkOption,
    date: DateOption = None,
    attach: AttachOption = ExportFormat.pdf,
    dry_run: MailDryRunOption = False,
    eml: EmlOption = DEFAULT_EML_DIR,
    resend: ResendOption = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """E-mail the minutes to the recipient and the members, and record them as sent."""
    from ..mail.jobs import minutes_batch
    from ..meeting_docs import mark_sent

    book = load(handbook)
    day = parse_today(today)
    batch = minutes_batch(
        book, network, date=parse_date(date, "--date"), today=day, fmt=attach, now=now()
    )
    deliver(book, batch, dry_run=dry_run, eml=eml, resend=resend)
    if dry_run or batch.date is None:
        return
    from ..meetings import get_network, minutes_on
    from ..render.console import console

    doc = minutes_on(get_network(book, network), batch.date)
    if doc is not None and doc.get("sent") is None:
        result = mark_sent(book, network, date=batch.date, today=day)
        console().print(
            _("Merket {path} som sendt {date}.").format(path=result.path, date=day), markup=False
        )


def register(app: typer.Typer) -> None:
    del app  # the commands belong to the agenda and minutes groups
    agenda_app.command(
        "send",
        help=N_(
            "Send sakslisten på e-post til nettverkets leder og medlemmer: teksten i e-posten, "
            "sakslisten som vedlegg (docx eller pdf) og en møteinvitasjon (.ics) som Outlook "
            "godtar. Uten --date: første saksliste fra i dag av. Det som alt er sendt, sendes "
            "ikke igjen."
        ),
    )(agenda_send)
    minutes_app.command(
        "send",
        help=N_(
            "Send referatet på e-post til mottakeren (report_to) og medlemmene, med referatet som "
            "vedlegg, og merk det som sendt (som tvf minutes sent). Det som alt er sendt, sendes "
            "ikke igjen."
        ),
    )(minutes_send)
