"""``tvf network``, ``tvf agenda``, ``tvf minutes`` and ``tvf meetings``: the networks' rhythm."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import TvfError
from ..i18n import N_, _
from .common import (
    FormatOption,
    HandbookOption,
    TableFormat,
    TodayOption,
    handle_errors,
    load,
    parse_date,
    parse_today,
)

if TYPE_CHECKING:
    from ..handbook import Handbook
    from ..meeting_docs import Written

# What a command uses (the meetings, the renderers and rich; the calendar with icalendar and
# holidays; the writers with Jinja2) is imported inside it, so that every other tvf command
# starts without them.

NetworkOption = Annotated[
    str,
    typer.Option(
        "--network",
        "-n",
        metavar="ID",
        help=N_("Nettverkets ID, f.eks. kanebogen (se tvf network list)."),
        show_default=False,
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", "-d", metavar=N_("ÅÅÅÅ-MM-DD"), help=N_("Møtedatoen."), show_default=False
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar=N_("FIL"),
        help=N_("Skriv til denne filen i stedet; «-» skriver til skjermen og endrer ingenting."),
        show_default=False,
    ),
]
DocFormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="md|docx|pdf",
        help=N_(
            "md skriver bare Markdown-filen; docx eller pdf skriver også en Word-fil eller "
            "PDF med samme navn ved siden av."
        ),
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help=N_("Vis hva som ville blitt skrevet, uten å skrive."))
]

# Input, not output: --weekday takes the Norwegian names in every language, and the English ones.
WEEKDAYS = {
    "mandag": 0,
    "tirsdag": 1,
    "onsdag": 2,
    "torsdag": 3,
    "fredag": 4,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
}


def _check_doc_format(value: str, output: str | None) -> str:
    fmt = value.strip().lower()
    if fmt not in ("md", "docx", "pdf"):
        raise TvfError(
            _("--format «{value}» er ukjent; velg md, docx eller pdf.").format(value=value)
        )
    if fmt != "md" and output == "-":
        raise TvfError(
            _("--format {format} kan ikke skrives til skjermen (--output -).").format(format=fmt)
        )
    return fmt


def _write_beside(book: "Handbook", result: "Written", fmt: str, output: str | None) -> None:
    """With --format docx|pdf: the written Markdown document, also as .docx or PDF."""
    if fmt == "md":
        return
    from ..document import parse_document
    from ..export import ExportFormat, render, source_of, write_file
    from ..render.console import console

    markdown = Path(output) if output is not None else book.root / result.path
    doc, _problems = parse_document(result.path, result.text.encode("utf-8"))
    assert doc is not None  # the writers refuse a document that does not parse
    target = markdown.with_suffix(f".{fmt}")
    write_file(target, render(source_of(doc), ExportFormat(fmt), root=book.root))
    console().print(_("Skrev {path}.").format(path=target), markup=False)


# --- tvf network ---------------------------------------------------------------------------------

network_app = typer.Typer(
    help=N_("Nettverkene: leder, medlemmer, møter og oppfølgingspunkter."),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@network_app.command(
    "list",
    help=N_("List nettverkene: leder, møter dette skoleåret, åpne oppfølgingspunkter og innspill."),
)
@handle_errors
def network_list(
    handbook: HandbookOption = None,
    output_format: FormatOption = TableFormat.table,
    today: TodayOption = None,
) -> None:
    """List the networks."""
    from ..meetings import networks, overview
    from ..render.console import console, echo
    from ..render.meetings import networks_json, networks_table

    book = load(handbook)
    day = parse_today(today)
    views = [
        overview(n, day, n.recipient(book.config)) for _slug, n in sorted(networks(book).items())
    ]
    if output_format is TableFormat.json:
        echo(networks_json(views))
        return
    console().print(networks_table(views))


@network_app.command(
    "show",
    help=N_(
        "Vis ett nettverk: leder og periode, medlemmer, møter, oppfølgingspunkter og innspill."
    ),
)
@handle_errors
def network_show(
    slug: Annotated[
        str, typer.Argument(metavar="ID", help=N_("Nettverkets ID, f.eks. kanebogen."))
    ],
    handbook: HandbookOption = None,
    output_format: FormatOption = TableFormat.table,
    today: TodayOption = None,
) -> None:
    """Show one network."""
    from ..meetings import get_network, overview
    from ..render.console import console, echo
    from ..render.meetings import networks_json, render_network

    book = load(handbook)
    day = parse_today(today)
    network = get_network(book, slug)
    view = overview(network, day, network.recipient(book.config))
    if output_format is TableFormat.json:
        echo(networks_json(view))
        return
    render_network(view, console())


# --- tvf agenda ---------------------------------------------------------------------------------

agenda_app = typer.Typer(
    help=N_("Innspill og sakslister til nettverksmøtene."),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@agenda_app.command(
    "add",
    help=N_(
        "Meld inn en sak (innspill) til nettverkets neste saksliste.\n\n"
        "Innspillet lagres som en fil i nettverkets mappe (innspill/) og settes på sakslisten av "
        "tvf agenda new. Tekst med fødselsnummer avvises, og ingenting skrives."
    ),
)
@handle_errors
def agenda_add(
    text: Annotated[str, typer.Argument(metavar=N_("TEKST"), help=N_("Saken, på systemnivå."))],
    network: NetworkOption,
    sender: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar=N_("NAVN"),
            help=N_("Hvem innspillet kommer fra (tjeneste eller rolle)."),
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """File an input for the network's next agenda."""
    from ..meeting_docs import add_input
    from ..render.console import console
    from ..render.meetings import render_input

    result = add_input(
        load(handbook), network, text, sender=sender, today=parse_today(today), dry_run=dry_run
    )
    render_input(result, network, console(), dry_run=dry_run)


@agenda_app.command(
    "new",
    help=N_(
        "Lag sakslisten til nettverkets neste møte.\n\n"
        "Tar med innspillene som ikke er satt på en saksliste (og merker dem), åpne "
        "oppfølgingspunkter fra referatene, godkjenning av forrige referat, årlig evaluering når "
        "den ikke er holdt de siste tolv månedene, og invitasjon av brukerrepresentanter når ingen "
        "er invitert dette skoleåret. Uten --date brukes neste dato i planned_meetings. "
        "Skriver aldri over en fil."
    ),
)
@handle_errors
def agenda_new(
    network: NetworkOption,
    date: DateOption = None,
    invite: Annotated[
        list[str] | None,
        typer.Option(
            "--invite",
            metavar=N_("RÅD"),
            help=N_(
                "Brukerrepresentanter som er invitert til møtet, "
                "f.eks. «Elevrådet ved Kanebogen skole»; kan "
                "gjentas."
            ),
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    doc_format: DocFormatOption = "md",
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Write the agenda for the network's next meeting."""
    from ..meeting_docs import STDOUT, new_agenda
    from ..render.console import console, error_console
    from ..render.meetings import print_text, render_agenda

    fmt = _check_doc_format(doc_format, output)
    book = load(handbook)
    result = new_agenda(
        book,
        network,
        date=parse_date(date, "--date"),
        today=parse_today(today),
        invite=invite or (),
        output=output,
    )
    if output == STDOUT:
        print_text(result)
        return
    render_agenda(result, network, console(), error_console())
    _write_beside(book, result, fmt, output)


# --- tvf minutes --------------------------------------------------------------------------------

minutes_app = typer.Typer(
    help=N_("Referater fra nettverksmøtene."), no_args_is_help=True, rich_markup_mode=None
)


@minutes_app.command(
    "new",
    help=N_(
        "Lag referatskjelettet fra møtets saksliste.\n\n"
        "Hvert punkt på sakslisten får plass til drøfting og vedtak; åpne oppfølgingspunkter "
        "følger med som oppgavelinjer; medlemmene står som til stede. Uten --date brukes siste "
        "saksliste fram til i dag som mangler referat. Skriver aldri over en fil."
    ),
)
@handle_errors
def minutes_new(
    network: NetworkOption,
    date: DateOption = None,
    output: OutputOption = None,
    doc_format: DocFormatOption = "md",
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Write the minutes skeleton from the meeting's agenda."""
    from ..meeting_docs import STDOUT, new_minutes
    from ..render.console import console
    from ..render.meetings import print_text, render_minutes

    fmt = _check_doc_format(doc_format, output)
    book = load(handbook)
    result = new_minutes(
        book, network, date=parse_date(date, "--date"), today=parse_today(today), output=output
    )
    if output == STDOUT:
        print_text(result)
        return
    render_minutes(result, network, console())
    _write_beside(book, result, fmt, output)


@minutes_app.command(
    "sent",
    help=N_(
        "Merk et referat som sendt: skriver sent (dato og mottaker) i referatets front matter.\n\n"
        "Uten --date: det ene referatet som ikke er merket som sendt. Datoen for sendingen er i "
        "dag (--today)."
    ),
)
@handle_errors
def minutes_sent(
    network: NetworkOption,
    date: DateOption = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar=N_("MOTTAKER"),
            help=N_(
                "Hvem referatet ble sendt til (standard: "
                "nettverkets report_to, ellers "
                "[minutes].recipient i tvf.toml)."
            ),
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Mark minutes as sent (writes ``sent`` into their front matter)."""
    from ..render.console import console
    from ..render.meetings import render_sent

    day = parse_today(today)
    from ..meeting_docs import mark_sent

    result = mark_sent(
        load(handbook), network, date=parse_date(date, "--date"), today=day, to=to, dry_run=dry_run
    )
    render_sent(result, day, console(), dry_run=dry_run)


# --- tvf meetings --------------------------------------------------------------------------------

meetings_app = typer.Typer(
    help=N_("Møteplan for nettverkene."), no_args_is_help=True, rich_markup_mode=None
)


@meetings_app.command(
    "plan",
    help=N_(
        "Foreslå møtedatoer for et skoleår, spredt jevnt på hverdager.\n\n"
        "Datoene unngår helger, offentlige helligdager og skoleferiene (høst, jul, vinter, påske), "
        "og kan skrives til en .ics-fil. For et skoleår som er i gang, foreslås bare datoer etter "
        "i dag. Før datoene inn i nettverkets planned_meetings, så regner tvf check og tvf agenda "
        "new med dem."
    ),
)
@handle_errors
def meetings_plan(
    network: NetworkOption,
    year: Annotated[
        int,
        typer.Option(
            "--year",
            "-y",
            metavar=N_("ÅÅÅÅ"),
            help=N_("Skoleåret som starter i august dette året."),
            show_default=False,
        ),
    ],
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics",
            metavar=N_("FIL"),
            help=N_("Skriv møtene til en iCalendar-fil (.ics) som Outlook kan importere."),
            show_default=False,
        ),
    ] = None,
    weekday: Annotated[
        str | None,
        typer.Option(
            "--weekday",
            metavar=N_("UKEDAG"),
            help=N_("Legg alle møtene på denne ukedagen (mandag–fredag)."),
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--time",
            metavar=N_("TT:MM"),
            help=N_("Klokkeslett for møtene i kalenderfilen (ellers heldagshendelser)."),
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
            help=N_("Møtenes lengde i kalenderfilen."),
        ),
    ] = 120,
    output_format: FormatOption = TableFormat.table,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Suggest meeting dates for a school year, and optionally write an .ics file."""
    from ..calendar_plan import calendar, plan_meetings, write_file
    from ..meetings import get_network
    from ..render.console import console, echo
    from ..render.meetings import plan_json, render_plan

    book = load(handbook)
    target = get_network(book, network)
    day_of_week = None
    if weekday is not None:
        day_of_week = WEEKDAYS.get(weekday.strip().casefold())
        if day_of_week is None:
            raise TvfError(
                _(
                    "--weekday «{value}» er ikke en hverdag; skriv mandag, tirsdag, "
                    "onsdag, torsdag eller fredag."
                ).format(value=weekday)
            )
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
    day = parse_today(today)
    plan = plan_meetings(target, year, weekday=day_of_week, today=day)
    if ics is not None:
        write_file(
            ics,
            calendar(
                plan,
                recipient=target.recipient(book.config),
                today=day,
                start=begins,
                minutes=duration,
            ),
        )
    if output_format is TableFormat.json:
        echo(plan_json(plan, target, ics))
        return
    render_plan(plan, target, ics, console())


def register(app: typer.Typer) -> None:
    app.add_typer(network_app, name="network")
    app.add_typer(agenda_app, name="agenda")
    app.add_typer(minutes_app, name="minutes")
    app.add_typer(meetings_app, name="meetings")
