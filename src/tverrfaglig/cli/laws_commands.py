"""``tvf laws``: the law registry, importing it from Lovdata, and what the handbook cites."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from ..config import find_handbook
from ..errors import TvfError
from ..i18n import N_, _
from ..laws import LOVDATA_ARCHIVE as ARCHIVE_NAME
from ..laws import LOVDATA_ARCHIVE_URL as ARCHIVE_URL
from ..render.console import console, echo
from ..render.laws import (
    cited_json,
    cited_markdown,
    cited_table,
    law_overview_json,
    laws_json,
    laws_table,
    render_import,
    render_law_overview,
)
from .common import (
    FormatOption,
    HandbookOption,
    TableFormat,
    TodayOption,
    handle_errors,
    load,
    parse_today,
)

laws_app = typer.Typer(
    help=N_("Lovregisteret: pakkens lover slått sammen med håndbokas laws.yaml."),
    invoke_without_command=True,
    rich_markup_mode=None,
)


class CitedFormat(enum.StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


@laws_app.callback()
@handle_errors
def laws_command(
    ctx: typer.Context,
    handbook: HandbookOption = None,
    output_format: FormatOption = TableFormat.table,
    today: TodayOption = None,
) -> None:
    """List the law registry (the help text is the Typer's ``help``)."""
    if ctx.invoked_subcommand is not None:
        return
    laws = load(handbook).laws
    day = parse_today(today)
    if output_format is TableFormat.json:
        echo(laws_json(laws, day))
    else:
        console().print(laws_table(laws, day))


@laws_app.command("import", help=N_(
    "Skriv håndbokas laws.yaml fra Lovdatas åpne data (NLOD 2.0): ID, tittel, korttittel, "
    "ikrafttredelse, siste endring, kapitler og paragrafer med tittel, opphevede paragrafer og "
    "endringene notert under hver. Navn i registeret beholdes."))
@handle_errors
def import_command(
    archive: Annotated[str | None, typer.Argument(
        metavar=N_("ARKIV"), show_default=False,
        # The archive name and URL are written out (ARCHIVE_NAME, ARCHIVE_URL): a msgid is
        # a literal, and the help text is translated when it is shown.
        help=N_("gjeldende-lover.tar.bz2 fra Lovdata, en mappe med nl-*.xml-filene fra det, "
                "eller en http(s)-adresse til arkivet."))] = None,
    url: Annotated[bool, typer.Option(
        "--url", help=N_("Hent arkivet fra Lovdatas åpne data (https://api.lovdata.no/v1/"
                         "publicData/get/gjeldende-lover.tar.bz2); krever nett."))
    ] = False,
    everything: Annotated[bool, typer.Option(
        "--all", help=N_("Ta med alle lovene i arkivet, ikke bare dem håndboka viser til "
                         "eller har i laws.yaml."))] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=N_("Les arkivet og vis hva som ville blitt skrevet, men skriv "
                             "ingenting."))
    ] = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Write the handbook's laws.yaml from Lovdata's open data."""
    if url == (archive is not None):
        raise TvfError(_("Oppgi enten ARKIV eller --url."),
                       hint=_("For eksempel: tvf laws import {archive}").format(
                           archive=ARCHIVE_NAME))
    from ..laws.lovdata import import_laws  # only here: it is not needed by the other commands

    source: Path | str = ARCHIVE_URL if url else archive or ""
    if isinstance(source, str) and not source.startswith(("http://", "https://")):
        source = Path(source)
    result = import_laws(find_handbook(handbook), source, everything=everything,
                         dry_run=dry_run, today=parse_today(today))
    render_import(result, console())


@laws_app.command("show", help=N_(
    "Vis én lov: paragrafene med titler, og hvilke dokumenter som viser til hver."))
@handle_errors
def show_command(
    name: Annotated[str, typer.Argument(
        metavar=N_("LOV"), help=N_("Navn, forkortelse, Lovdata-ID eller Lovdata-lenke, "
                                   "f.eks. bhl eller LOV-2005-06-17-64."))],
    handbook: HandbookOption = None,
    output_format: FormatOption = TableFormat.table,
    today: TodayOption = None,
) -> None:
    """Show one law: its sections with titles, and the documents citing each."""
    from ..laws.queries import law_overview

    day = parse_today(today)
    overview = law_overview(load(handbook), name, today=day)
    if output_format is TableFormat.json:
        echo(law_overview_json(overview, day))
    else:
        render_law_overview(overview, console(), day)


@laws_app.command("cited", help=N_(
    "List alle lover, kapitler og paragrafer håndboka viser til, med lenke til Lovdata og "
    "dokumentene som viser til dem (utgåtte dokumenter er ikke med)."))
@handle_errors
def cited_command(
    handbook: HandbookOption = None,
    output_format: Annotated[CitedFormat, typer.Option(
        "--format", "-f", help=N_("table, json eller markdown (til en revisjonsrapport)."))
    ] = CitedFormat.table,
    today: TodayOption = None,
) -> None:
    """List every law, chapter and section the handbook cites, with Lovdata links."""
    from ..laws.queries import cited_provisions

    day = parse_today(today)
    book = load(handbook)
    provisions = cited_provisions(book, today=day)
    if output_format is CitedFormat.json:
        echo(cited_json(provisions, day))
    elif output_format is CitedFormat.markdown:
        title = ", ".join(p for p in (book.config.title, book.config.municipality) if p)
        echo(cited_markdown(provisions, day, title), nl=False)
    else:
        console().print(cited_table(provisions, day))


def register(app: typer.Typer) -> None:
    app.add_typer(laws_app, name="laws")
