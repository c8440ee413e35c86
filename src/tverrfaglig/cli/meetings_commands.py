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
from ..i18n import N_, _, long_date, ngettext, weekday_name
from ..meetings import get_network, networks, overview
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
    "--network", "-n", metavar="ID",
    help=N_("Nettverkets ID, f.eks. kanebogen (se tvf network list)."), show_default=False)]
DateOption = Annotated[str | None, typer.Option(
    "--date", "-d", metavar=N_("ÅÅÅÅ-MM-DD"), help=N_("Møtedatoen."), show_default=False)]
OutputOption = Annotated[str | None, typer.Option(
    "--output", "-o", metavar=N_("FIL"), help=N_("Skriv til denne filen i stedet; «-» skriver "
                                                 "til skjermen og endrer ingenting."),
    show_default=False)]
DocFormatOption = Annotated[str, typer.Option(
    "--format", "-f", metavar="md|docx|pdf",
    help=N_("md skriver bare Markdown-filen; docx eller pdf skriver også en Word-fil eller "
            "PDF med samme navn ved siden av."))]
DryRunOption = Annotated[bool, typer.Option(
    "--dry-run", help=N_("Vis hva som ville blitt skrevet, uten å skrive."))]

# Input, not output: --weekday takes the Norwegian names in every language, and the English ones.
WEEKDAYS = {"mandag": 0, "tirsdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4,
            "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4}


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise TvfError(_("{option} «{value}» er ikke en dato; skriv ÅÅÅÅ-MM-DD.").format(
            option=option, value=value)) from None


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _warn_meeting_day(day: dt.date) -> None:
    from ..calendar_plan import why_not_a_meeting_day

    reason = why_not_a_meeting_day(day)
    if reason is not None:
        _err().print(_("Merk: {date} er {reason}.").format(date=long_date(day), reason=reason),
                     style="yellow", markup=False)


def _check_doc_format(value: str, output: str | None) -> str:
    fmt = value.strip().lower()
    if fmt not in ("md", "docx", "pdf"):
        raise TvfError(_("--format «{value}» er ukjent; velg md, docx eller pdf.").format(
            value=value))
    if fmt != "md" and output == "-":
        raise TvfError(_("--format {format} kan ikke skrives til skjermen (--output -).").format(
            format=fmt))
    return fmt


def _write_beside(book: Any, result: Written, fmt: str, output: str | None) -> None:
    """With --format docx|pdf: the written Markdown document, also as .docx or PDF."""
    if fmt == "md":
        return
    from ..document import parse_document
    from ..export import ExportFormat, render, source_of, write_file

    markdown = Path(output) if output is not None else book.root / result.path
    doc, _problems = parse_document(result.path, result.text.encode("utf-8"))
    assert doc is not None  # the writers refuse a document that does not parse
    target = markdown.with_suffix(f".{fmt}")
    write_file(target, render(source_of(doc), ExportFormat(fmt), root=book.root))
    console().print(_("Skrev {path}.").format(path=target), markup=False)


def _print_written(result: Written) -> None:
    if not result.written:
        typer.echo(result.text, nl=False)


# --- tvf network ---------------------------------------------------------------------------------

network_app = typer.Typer(help=N_("Nettverkene: leder, medlemmer, møter og oppfølgingspunkter."),
                          no_args_is_help=True, rich_markup_mode=None)


@network_app.command("list", help=N_(
    "List nettverkene: leder, møter dette skoleåret, åpne oppfølgingspunkter og innspill."))
@handle_errors
def network_list(
    handbook: HandbookOption = None,
    output_format: FormatOption = TableFormat.table,
    today: TodayOption = None,
) -> None:
    """List the networks."""
    book = load(handbook)
    day = parse_today(today)
    views = [overview(n, day, n.recipient(book.config))
             for _slug, n in sorted(networks(book).items())]
    if output_format is TableFormat.json:
        typer.echo(json.dumps(views, ensure_ascii=False, indent=2))
        return
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    title_column = 1
    for index, column in enumerate((_("ID"), _("Tittel"), _("Leder"), _("Lederperiode til"),
                                    _("Møter i skoleåret"), _("Neste møte"), _("Åpne punkter"),
                                    _("Innspill"))):
        table.add_column(column, no_wrap=index != title_column)
    for view in views:
        leader = view["leader"]
        overdue = sum(1 for i in view["open_items"] if i["overdue"])
        open_items = str(len(view["open_items"]))
        if overdue:
            open_items = _("{n} ({overdue} forfalt)").format(n=open_items, overdue=overdue)
        table.add_row(
            view["id"], view["title"], leader["name"] or "–",
            Text(leader["term_end"] or "–", style="red" if leader["term_ended"] else ""),
            _("{held} av {per_year}").format(held=len(view["meetings"]),
                                             per_year=view["meetings_per_year"]),
            view["next_meeting"] or "–",
            open_items,
            str(len(view["pending_inputs"])),
        )
    console().print(table)


@network_app.command("show", help=N_(
    "Vis ett nettverk: leder og periode, medlemmer, møter, oppfølgingspunkter og innspill."))
@handle_errors
def network_show(
    slug: Annotated[str, typer.Argument(
        metavar="ID", help=N_("Nettverkets ID, f.eks. kanebogen."))],
    handbook: HandbookOption = None,
    output_format: FormatOption = TableFormat.table,
    today: TodayOption = None,
) -> None:
    """Show one network."""
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
    out.print(_("Fil: {path}").format(path=view["path"]), markup=False)
    leader = view["leader"]
    term = f"{leader['term_start'] or '?'} – {leader['term_end'] or '?'}"
    line = Text(_("Leder: {name}").format(name=leader["name"] or _("ikke valgt")))
    if leader["role"]:
        line.append(f", {leader['role']}")
    line.append(f" ({term})")
    if leader["term_ended"]:
        line.append("  " + _("perioden er ute"), style="bold red")
    out.print(line)
    out.print(_("Referat sendes til: {recipient}").format(recipient=view["report_to"]),
              markup=False)

    out.print(Text("\n" + _("Medlemmer"), style="bold"))
    for member in view["members"]:
        out.print(f"  {member['service']}: {member['name'] or '–'}", markup=False)

    out.print(Text("\n" + _("Møter skoleåret {school_year} ({held} av {per_year})").format(
        school_year=view["school_year"], held=len(view["meetings"]),
        per_year=view["meetings_per_year"]), style="bold"))
    if not view["meetings"]:
        out.print("  " + _("ingen holdt eller planlagt"), markup=False)
    # Columns as wide as the longest weekday and status in the language in use, plus one.
    week = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(7)]
    weekday_width = max(len(weekday_name(d)) for d in week) + 1
    status_width = max(len(_(s)) for s in (N_("holdt"), N_("planlagt"))) + 1
    for meeting in view["meetings"]:
        parts = []
        if meeting["agenda"]:
            parts.append(_("saksliste"))
        if meeting["minutes"]:
            parts.append(_("referat (sendt)") if meeting["sent"] else _("referat (ikke sendt)"))
        if not parts:
            parts.append(_("ingen saksliste ennå"))
        day = dt.date.fromisoformat(meeting["date"])
        out.print(f"  {meeting['date']}  {weekday_name(day):<{weekday_width}} "
                  f"{_(meeting['status']):<{status_width}} {', '.join(parts)}", markup=False)

    out.print(Text("\n" + _("Åpne oppfølgingspunkter ({n})").format(n=len(view["open_items"])),
                   style="bold"))
    for item in view["open_items"]:
        text = Text("  " + _("{deadline}  {text} (ansvar: {owner})").format(
            deadline=item["deadline"], text=item["text"], owner=item["owner"]))
        if item["overdue"]:
            text.append("  " + _("forfalt"), style="bold red")
        out.print(text)
    out.print(Text("\n" + _("Innspill til neste saksliste ({n})").format(
        n=len(view["pending_inputs"])), style="bold"))
    for item in view["pending_inputs"]:
        if item["from"]:
            line_text = _("{date}  {text} (fra {sender})").format(
                date=item["date"] or "?", text=item["text"], sender=item["from"])
        else:
            line_text = f"{item['date'] or '?'}  {item['text']}"
        out.print("  " + line_text, markup=False)

    if view["last_evaluation"]:
        evaluation = _("siste {date}").format(date=view["last_evaluation"])
    else:
        evaluation = _("ingen registrert")
    if view["evaluation_due"]:
        evaluation_line = _("Årlig evaluering: {evaluation}  bør settes på sakslisten").format(
            evaluation=evaluation)
    else:
        evaluation_line = _("Årlig evaluering: {evaluation}").format(evaluation=evaluation)
    out.print("\n" + evaluation_line, markup=False)
    invited = "; ".join(f"{r['date']}: {', '.join(r['names'])}"
                        for r in view["user_representatives"]) or _("ingen invitert ennå")
    out.print(_("Brukerrepresentanter skoleåret {school_year}: {invited}").format(
        school_year=view["school_year"], invited=invited), markup=False)


# --- tvf agenda ---------------------------------------------------------------------------------

agenda_app = typer.Typer(help=N_("Innspill og sakslister til nettverksmøtene."),
                         no_args_is_help=True, rich_markup_mode=None)


@agenda_app.command("add", help=N_(
    "Meld inn en sak (innspill) til nettverkets neste saksliste.\n\n"
    "Innspillet lagres som en fil i nettverkets mappe (innspill/) og settes på sakslisten av "
    "tvf agenda new. Tekst med fødselsnummer avvises, og ingenting skrives."))
@handle_errors
def agenda_add(
    text: Annotated[str, typer.Argument(metavar=N_("TEKST"), help=N_("Saken, på systemnivå."))],
    network: NetworkOption,
    sender: Annotated[str | None, typer.Option(
        "--from", metavar=N_("NAVN"), help=N_("Hvem innspillet kommer fra (tjeneste eller "
                                              "rolle)."),
        show_default=False)] = None,
    dry_run: DryRunOption = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """File an input for the network's next agenda."""
    from ..meeting_docs import add_input

    result = add_input(load(handbook), network, text, sender=sender, today=parse_today(today),
                       dry_run=dry_run)
    if dry_run:
        console().print(_("Ville skrevet {path}:").format(path=result.path) + "\n", markup=False)
        typer.echo(result.text, nl=False)
        return
    console().print(_("Skrev innspillet {path}. Det kommer på neste saksliste "
                      "(tvf agenda new --network {network}).").format(path=result.path,
                                                                      network=network),
                    markup=False)


@agenda_app.command("new", help=N_(
    "Lag sakslisten til nettverkets neste møte.\n\n"
    "Tar med innspillene som ikke er satt på en saksliste (og merker dem), åpne "
    "oppfølgingspunkter fra referatene, godkjenning av forrige referat, årlig evaluering når "
    "den ikke er holdt de siste tolv månedene, og invitasjon av brukerrepresentanter når ingen "
    "er invitert dette skoleåret. Uten --date brukes neste dato i planned_meetings. "
    "Skriver aldri over en fil."))
@handle_errors
def agenda_new(
    network: NetworkOption,
    date: DateOption = None,
    invite: Annotated[list[str] | None, typer.Option(
        "--invite", metavar=N_("RÅD"), help=N_("Brukerrepresentanter som er invitert til møtet, "
                                               "f.eks. «Elevrådet ved Kanebogen skole»; kan "
                                               "gjentas."), show_default=False)] = None,
    output: OutputOption = None,
    doc_format: DocFormatOption = "md",
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Write the agenda for the network's next meeting."""
    from ..meeting_docs import STDOUT, new_agenda

    fmt = _check_doc_format(doc_format, output)
    book = load(handbook)
    result = new_agenda(book, network, date=_date(date, "--date"),
                        today=parse_today(today), invite=invite or (), output=output)
    if output == STDOUT:
        _print_written(result)
        return
    out = console()
    out.print(_("Skrev {path}.").format(path=result.path), markup=False)
    _write_beside(book, result, fmt, output)
    if result.placed:
        out.print(ngettext("Satte {n} innspill på sakslisten: {paths}.",
                           "Satte {n} innspill på sakslisten: {paths}.", len(result.placed)
                           ).format(n=len(result.placed), paths=", ".join(result.placed)),
                  markup=False)
    out.print(_("Send sakslisten til medlemmene. Etter møtet: tvf minutes new --network "
                "{network} --date {date}").format(network=network, date=result.date),
              markup=False)
    if result.date is not None:
        _warn_meeting_day(result.date)


# --- tvf minutes --------------------------------------------------------------------------------

minutes_app = typer.Typer(help=N_("Referater fra nettverksmøtene."), no_args_is_help=True,
                          rich_markup_mode=None)


@minutes_app.command("new", help=N_(
    "Lag referatskjelettet fra møtets saksliste.\n\n"
    "Hvert punkt på sakslisten får plass til drøfting og vedtak; åpne oppfølgingspunkter "
    "følger med som oppgavelinjer; medlemmene står som til stede. Uten --date brukes siste "
    "saksliste fram til i dag som mangler referat. Skriver aldri over en fil."))
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

    fmt = _check_doc_format(doc_format, output)
    book = load(handbook)
    result = new_minutes(book, network, date=_date(date, "--date"),
                         today=parse_today(today), output=output)
    if output == STDOUT:
        _print_written(result)
        return
    console().print(_("Skrev {path}. Når referatet er sendt: tvf minutes sent "
                      "--network {network} --date {date}").format(
                          path=result.path, network=network, date=result.date), markup=False)
    _write_beside(book, result, fmt, output)


@minutes_app.command("sent", help=N_(
    "Merk et referat som sendt: skriver sent (dato og mottaker) i referatets front matter.\n\n"
    "Uten --date: det ene referatet som ikke er merket som sendt. Datoen for sendingen er i "
    "dag (--today)."))
@handle_errors
def minutes_sent(
    network: NetworkOption,
    date: DateOption = None,
    to: Annotated[str | None, typer.Option(
        "--to", metavar=N_("MOTTAKER"), help=N_("Hvem referatet ble sendt til (standard: "
                                                "nettverkets report_to, ellers "
                                                "[minutes].recipient i tvf.toml)."),
        show_default=False)] = None,
    dry_run: DryRunOption = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Mark minutes as sent (writes ``sent`` into their front matter)."""
    day = parse_today(today)
    from ..meeting_docs import mark_sent

    result = mark_sent(load(handbook), network, date=_date(date, "--date"), today=day, to=to,
                       dry_run=dry_run)
    if dry_run:
        console().print(_("Ville merket {path} som sendt {date}:").format(
            path=result.path, date=day) + "\n", markup=False)
        typer.echo(result.text, nl=False)
        return
    console().print(_("Merket {path} som sendt {date}.").format(path=result.path, date=day),
                    markup=False)


# --- tvf meetings --------------------------------------------------------------------------------

meetings_app = typer.Typer(help=N_("Møteplan for nettverkene."), no_args_is_help=True,
                           rich_markup_mode=None)


@meetings_app.command("plan", help=N_(
    "Foreslå møtedatoer for et skoleår, spredt jevnt på hverdager.\n\n"
    "Datoene unngår helger, offentlige helligdager og skoleferiene (høst, jul, vinter, påske), "
    "og kan skrives til en .ics-fil. Før datoene inn i nettverkets planned_meetings, så regner "
    "tvf check og tvf agenda new med dem."))
@handle_errors
def meetings_plan(
    network: NetworkOption,
    year: Annotated[int, typer.Option(
        "--year", "-y", metavar=N_("ÅÅÅÅ"), help=N_("Skoleåret som starter i august dette året."),
        show_default=False)],
    ics: Annotated[Path | None, typer.Option(
        "--ics", metavar=N_("FIL"), help=N_("Skriv møtene til en iCalendar-fil (.ics) som "
                                            "Outlook kan importere."), show_default=False)] = None,
    weekday: Annotated[str | None, typer.Option(
        "--weekday", metavar=N_("UKEDAG"), help=N_("Legg alle møtene på denne ukedagen "
                                                   "(mandag–fredag)."),
        show_default=False)] = None,
    start: Annotated[str | None, typer.Option(
        "--time", metavar=N_("TT:MM"), help=N_("Klokkeslett for møtene i kalenderfilen (ellers "
                                               "heldagshendelser)."), show_default=False)] = None,
    duration: Annotated[int, typer.Option(
        "--duration", metavar=N_("MINUTTER"), min=15, max=600,
        help=N_("Møtenes lengde i kalenderfilen."))] = 120,
    output_format: FormatOption = TableFormat.table,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Suggest meeting dates for a school year, and optionally write an .ics file."""
    from ..calendar_plan import calendar, plan_meetings, write_file

    book = load(handbook)
    target = get_network(book, network)
    day_of_week = None
    if weekday is not None:
        day_of_week = WEEKDAYS.get(weekday.strip().casefold())
        if day_of_week is None:
            raise TvfError(_("--weekday «{value}» er ikke en hverdag; skriv mandag, tirsdag, "
                             "onsdag, torsdag eller fredag.").format(value=weekday))
    begins = None
    if start is not None:
        try:
            begins = dt.time.fromisoformat(start.strip())
        except ValueError:
            raise TvfError(_("--time «{value}» er ikke et klokkeslett; skriv TT:MM, "
                             "f.eks. 12:30.").format(value=start)) from None
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
    out.print(_("Forslag til møter for {network}, skoleåret {school_year}:").format(
        network=target.title, school_year=plan.school_year), markup=False)
    for meeting in plan.meetings:
        out.print(f"  {meeting.date}  {meeting.label}", markup=False)
    out.print("\n" + _("Før datoene inn i {path}:").format(path=target.document.path)
              + f"\n  {plan.yaml_snippet()}", markup=False)
    if ics is not None:
        out.print(ngettext("Skrev {path} ({n} møte).", "Skrev {path} ({n} møter).",
                           len(plan.meetings)).format(path=ics, n=len(plan.meetings)),
                  markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(network_app, name="network")
    app.add_typer(agenda_app, name="agenda")
    app.add_typer(minutes_app, name="minutes")
    app.add_typer(meetings_app, name="meetings")
