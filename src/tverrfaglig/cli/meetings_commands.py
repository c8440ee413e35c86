"""``tvf network``, ``tvf agenda``, ``tvf minutes`` and ``tvf meetings``: the networks' rhythm."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..errors import TvfError
from ..meetings import date_no, get_network, networks, overview, weekday_no
from .common import (
    FormatOption,
    HandbookOption,
    TableFormat,
    TodayOption,
    console,
    handle_errors,
    load,
    parse_today,
)

if TYPE_CHECKING:
    from ..meeting_docs import Written

# The calendar (icalendar, holidays) and the writers (Jinja2) are imported inside the commands
# that use them, so that every other tvf command starts without them.

NetworkOption = Annotated[str, typer.Option(
    "--network", "-n", metavar="ID", help="Nettverkets ID, f.eks. kanebogen (se tvf network list).",
    show_default=False)]
DateOption = Annotated[str | None, typer.Option(
    "--date", "-d", metavar="ÅÅÅÅ-MM-DD", help="Møtedatoen.", show_default=False)]
OutputOption = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="FIL", help="Skriv til denne filen i stedet; «-» skriver til "
    "skjermen og endrer ingenting.", show_default=False)]
DryRunOption = Annotated[bool, typer.Option(
    "--dry-run", help="Vis hva som ville blitt skrevet, uten å skrive.")]

WEEKDAYS = {"mandag": 0, "tirsdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4}


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise TvfError(f"{option} «{value}» er ikke en dato; skriv ÅÅÅÅ-MM-DD.") from None


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _warn_meeting_day(day: dt.date) -> None:
    from ..calendar_plan import why_not_a_meeting_day

    reason = why_not_a_meeting_day(day)
    if reason is not None:
        _err().print(f"Merk: {date_no(day)} er {reason}.", style="yellow", markup=False)


def _print_written(result: Written) -> None:
    if not result.written:
        typer.echo(result.text, nl=False)


# --- tvf network ---------------------------------------------------------------------------------

network_app = typer.Typer(help="Nettverkene: leder, medlemmer, møter og oppfølgingspunkter.",
                          no_args_is_help=True, rich_markup_mode=None)


@network_app.command("list")
@handle_errors
def network_list(
    handbook: HandbookOption = None,
    output_format: FormatOption = TableFormat.table,
    today: TodayOption = None,
) -> None:
    """List nettverkene: leder, møter dette skoleåret, åpne oppfølgingspunkter og innspill."""
    book = load(handbook)
    day = parse_today(today)
    views = [overview(n, day, n.recipient(book.config))
             for _, n in sorted(networks(book).items())]
    if output_format is TableFormat.json:
        typer.echo(json.dumps(views, ensure_ascii=False, indent=2))
        return
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for column in ("ID", "Tittel", "Leder", "Lederperiode til", "Møter i skoleåret",
                   "Neste møte", "Åpne punkter", "Innspill"):
        table.add_column(column, no_wrap=column != "Tittel")
    for view in views:
        leader = view["leader"]
        overdue = sum(1 for i in view["open_items"] if i["overdue"])
        table.add_row(
            view["id"], view["title"], leader["name"] or "–",
            Text(leader["term_end"] or "–", style="red" if leader["term_ended"] else ""),
            f"{len(view['meetings'])} av {view['meetings_per_year']}",
            view["next_meeting"] or "–",
            f"{len(view['open_items'])}" + (f" ({overdue} forfalt)" if overdue else ""),
            str(len(view["pending_inputs"])),
        )
    console().print(table)


@network_app.command("show")
@handle_errors
def network_show(
    slug: Annotated[str, typer.Argument(metavar="ID", help="Nettverkets ID, f.eks. kanebogen.")],
    handbook: HandbookOption = None,
    output_format: FormatOption = TableFormat.table,
    today: TodayOption = None,
) -> None:
    """Vis ett nettverk: leder og periode, medlemmer, møter, oppfølgingspunkter og innspill."""
    book = load(handbook)
    day = parse_today(today)
    network = get_network(book, slug)
    view = overview(network, day, network.recipient(book.config))
    if output_format is TableFormat.json:
        typer.echo(json.dumps(view, ensure_ascii=False, indent=2))
        return
    _render_network(view, console())


def _render_network(view: dict[str, Any], out: Console) -> None:
    out.print(Text(f"{view['title']} ({view['id']})", style="bold"))
    out.print(f"Fil: {view['path']}", markup=False)
    leader = view["leader"]
    term = f"{leader['term_start'] or '?'} – {leader['term_end'] or '?'}"
    line = Text(f"Leder: {leader['name'] or 'ikke valgt'}")
    if leader["role"]:
        line.append(f", {leader['role']}")
    line.append(f" ({term})")
    if leader["term_ended"]:
        line.append("  perioden er ute", style="bold red")
    out.print(line)
    out.print(f"Referat sendes til: {view['report_to']}", markup=False)

    out.print(Text("\nMedlemmer", style="bold"))
    for member in view["members"]:
        out.print(f"  {member['service']}: {member['name'] or '–'}", markup=False)

    out.print(Text(f"\nMøter skoleåret {view['school_year']} "
                   f"({len(view['meetings'])} av {view['meetings_per_year']})", style="bold"))
    if not view["meetings"]:
        out.print("  ingen holdt eller planlagt", markup=False)
    for meeting in view["meetings"]:
        parts = []
        if meeting["agenda"]:
            parts.append("saksliste")
        if meeting["minutes"]:
            parts.append("referat (sendt)" if meeting["sent"] else "referat (ikke sendt)")
        if not parts:
            parts.append("ingen saksliste ennå")
        day = dt.date.fromisoformat(meeting["date"])
        out.print(f"  {meeting['date']}  {weekday_no(day):<8} {meeting['status']:<9} "
                  f"{', '.join(parts)}", markup=False)

    out.print(Text(f"\nÅpne oppfølgingspunkter ({len(view['open_items'])})", style="bold"))
    for item in view["open_items"]:
        text = Text(f"  {item['deadline']}  {item['text']} (ansvar: {item['owner']})")
        if item["overdue"]:
            text.append("  forfalt", style="bold red")
        out.print(text)
    out.print(Text(f"\nInnspill til neste saksliste ({len(view['pending_inputs'])})",
                   style="bold"))
    for item in view["pending_inputs"]:
        sender = f" (fra {item['from']})" if item["from"] else ""
        out.print(f"  {item['date'] or '?'}  {item['text']}{sender}", markup=False)

    evaluation = (f"siste {view['last_evaluation']}" if view["last_evaluation"]
                  else "ingen registrert")
    due = "  bør settes på sakslisten" if view["evaluation_due"] else ""
    out.print(f"\nÅrlig evaluering: {evaluation}{due}", markup=False)
    invited = "; ".join(f"{r['date']}: {', '.join(r['names'])}"
                        for r in view["user_representatives"]) or "ingen invitert ennå"
    out.print(f"Brukerrepresentanter skoleåret {view['school_year']}: {invited}", markup=False)


# --- tvf agenda ---------------------------------------------------------------------------------

agenda_app = typer.Typer(help="Innspill og sakslister til nettverksmøtene.",
                         no_args_is_help=True, rich_markup_mode=None)


@agenda_app.command("add")
@handle_errors
def agenda_add(
    text: Annotated[str, typer.Argument(metavar="TEKST", help="Saken, på systemnivå.")],
    network: NetworkOption,
    sender: Annotated[str | None, typer.Option(
        "--from", metavar="NAVN", help="Hvem innspillet kommer fra (tjeneste eller rolle).",
        show_default=False)] = None,
    dry_run: DryRunOption = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Meld inn en sak (innspill) til nettverkets neste saksliste.

    Innspillet lagres som en fil i nettverkets mappe (innspill/) og settes på sakslisten av
    tvf agenda new. Tekst med fødselsnummer avvises, og ingenting skrives.
    """
    from ..meeting_docs import add_input

    result = add_input(load(handbook), network, text, sender=sender, today=parse_today(today),
                       dry_run=dry_run)
    if dry_run:
        console().print(f"Ville skrevet {result.path}:\n", markup=False)
        typer.echo(result.text, nl=False)
        return
    console().print(f"Skrev innspillet {result.path}. Det kommer på neste saksliste "
                    f"(tvf agenda new --network {network}).", markup=False)


@agenda_app.command("new")
@handle_errors
def agenda_new(
    network: NetworkOption,
    date: DateOption = None,
    invite: Annotated[list[str] | None, typer.Option(
        "--invite", metavar="RÅD", help="Brukerrepresentanter som er invitert til møtet, f.eks. "
        "«Elevrådet ved Kanebogen skole»; kan gjentas.", show_default=False)] = None,
    output: OutputOption = None,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Lag sakslisten til nettverkets neste møte.

    Tar med innspillene som ikke er satt på en saksliste (og merker dem), åpne
    oppfølgingspunkter fra referatene, godkjenning av forrige referat, årlig evaluering når
    den ikke er holdt de siste tolv månedene, og invitasjon av brukerrepresentanter når ingen
    er invitert dette skoleåret. Uten --date brukes neste dato i planned_meetings.
    Skriver aldri over en fil.
    """
    from ..meeting_docs import STDOUT, new_agenda

    result = new_agenda(load(handbook), network, date=_date(date, "--date"),
                        today=parse_today(today), invite=invite or (), output=output)
    if output == STDOUT:
        _print_written(result)
        return
    out = console()
    out.print(f"Skrev {result.path}.", markup=False)
    if result.placed:
        out.print(f"Satte {len(result.placed)} innspill på sakslisten: "
                  f"{', '.join(result.placed)}.", markup=False)
    out.print(f"Send sakslisten til medlemmene. Etter møtet: tvf minutes new --network "
              f"{network} --date {result.date}", markup=False)
    if result.date is not None:
        _warn_meeting_day(result.date)


# --- tvf minutes --------------------------------------------------------------------------------

minutes_app = typer.Typer(help="Referater fra nettverksmøtene.", no_args_is_help=True,
                          rich_markup_mode=None)


@minutes_app.command("new")
@handle_errors
def minutes_new(
    network: NetworkOption,
    date: DateOption = None,
    output: OutputOption = None,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Lag referatskjelettet fra møtets saksliste.

    Hvert punkt på sakslisten får plass til drøfting og vedtak; åpne oppfølgingspunkter
    følger med som oppgavelinjer; medlemmene står som til stede. Uten --date brukes siste
    saksliste fram til i dag som mangler referat. Skriver aldri over en fil.
    """
    from ..meeting_docs import STDOUT, new_minutes

    result = new_minutes(load(handbook), network, date=_date(date, "--date"),
                         today=parse_today(today), output=output)
    if output == STDOUT:
        _print_written(result)
        return
    console().print(f"Skrev {result.path}. Når referatet er sendt: tvf minutes sent "
                    f"--network {network} --date {result.date}", markup=False)


@minutes_app.command("sent")
@handle_errors
def minutes_sent(
    network: NetworkOption,
    date: DateOption = None,
    to: Annotated[str | None, typer.Option(
        "--to", metavar="MOTTAKER", help="Hvem referatet ble sendt til (standard: nettverkets "
        "report_to, ellers [minutes].recipient i tvf.toml).", show_default=False)] = None,
    dry_run: DryRunOption = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Merk et referat som sendt: skriver sent (dato og mottaker) i referatets front matter.

    Uten --date: det ene referatet som ikke er merket som sendt. Datoen for sendingen er i
    dag (--today).
    """
    day = parse_today(today)
    from ..meeting_docs import mark_sent

    result = mark_sent(load(handbook), network, date=_date(date, "--date"), today=day, to=to,
                       dry_run=dry_run)
    if dry_run:
        console().print(f"Ville merket {result.path} som sendt {day}:\n", markup=False)
        typer.echo(result.text, nl=False)
        return
    console().print(f"Merket {result.path} som sendt {day}.", markup=False)


# --- tvf meetings --------------------------------------------------------------------------------

meetings_app = typer.Typer(help="Møteplan for nettverkene.", no_args_is_help=True,
                           rich_markup_mode=None)


@meetings_app.command("plan")
@handle_errors
def meetings_plan(
    network: NetworkOption,
    year: Annotated[int, typer.Option(
        "--year", "-y", metavar="ÅÅÅÅ", help="Skoleåret som starter i august dette året.",
        show_default=False)],
    ics: Annotated[Path | None, typer.Option(
        "--ics", metavar="FIL", help="Skriv møtene til en iCalendar-fil (.ics) som Outlook kan "
        "importere.", show_default=False)] = None,
    weekday: Annotated[str | None, typer.Option(
        "--weekday", metavar="UKEDAG", help="Legg alle møtene på denne ukedagen "
        "(mandag–fredag).", show_default=False)] = None,
    start: Annotated[str | None, typer.Option(
        "--time", metavar="TT:MM", help="Klokkeslett for møtene i kalenderfilen (ellers "
        "heldagshendelser).", show_default=False)] = None,
    duration: Annotated[int, typer.Option(
        "--duration", metavar="MINUTTER", min=15, max=600,
        help="Møtenes lengde i kalenderfilen.")] = 120,
    output_format: FormatOption = TableFormat.table,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Foreslå møtedatoer for et skoleår, spredt jevnt på hverdager.

    Datoene unngår helger, offentlige helligdager og skoleferiene (høst, jul, vinter, påske),
    og kan skrives til en .ics-fil. Før datoene inn i nettverkets planned_meetings, så regner
    tvf check og tvf agenda new med dem.
    """
    from ..calendar_plan import calendar, plan_meetings, write_file

    book = load(handbook)
    target = get_network(book, network)
    day_of_week = None
    if weekday is not None:
        day_of_week = WEEKDAYS.get(weekday.strip().casefold())
        if day_of_week is None:
            raise TvfError(f"--weekday «{weekday}» er ikke en hverdag; skriv mandag, tirsdag, "
                           "onsdag, torsdag eller fredag.")
    begins = None
    if start is not None:
        try:
            begins = dt.time.fromisoformat(start.strip())
        except ValueError:
            raise TvfError(f"--time «{start}» er ikke et klokkeslett; skriv TT:MM, "
                           "f.eks. 12:30.") from None
    plan = plan_meetings(target, year, weekday=day_of_week)
    if ics is not None:
        write_file(ics, calendar(plan, recipient=target.recipient(book.config),
                                 today=parse_today(today), start=begins, minutes=duration))
    if output_format is TableFormat.json:
        typer.echo(json.dumps({"network": target.slug, "school_year": plan.school_year,
                               "dates": [str(d) for d in plan.dates],
                               "ics": str(ics) if ics else None}, ensure_ascii=False, indent=2))
        return
    out = console()
    out.print(f"Forslag til møter for {target.title}, skoleåret {plan.school_year}:",
              markup=False)
    for meeting in plan.meetings:
        out.print(f"  {meeting.date}  {meeting.label}", markup=False)
    out.print(f"\nFør datoene inn i {target.document.path}:\n  {plan.yaml_snippet()}",
              markup=False)
    if ics is not None:
        out.print(f"Skrev {ics} ({len(plan.meetings)} møter).", markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(network_app, name="network")
    app.add_typer(agenda_app, name="agenda")
    app.add_typer(minutes_app, name="minutes")
    app.add_typer(meetings_app, name="meetings")
