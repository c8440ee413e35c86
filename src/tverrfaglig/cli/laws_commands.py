"""``tvf laws``: the law registry, importing it from Lovdata, and what the handbook cites."""

import enum
from pathlib import Path
from typing import Annotated

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

#: Where ``--url`` fetches the archive; None: Lovdata's address (``laws.LOVDATA_ARCHIVE_URL``,
#: looked up when it is needed, so the law package is not imported for every command).
ARCHIVE_URL: str | None = None

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
    from ..render.console import echo

    if ctx.invoked_subcommand is not None:
        return
    from ..render.console import console
    from ..render.laws import laws_json, laws_table

    laws = load(handbook).laws
    day = parse_today(today)
    if output_format is TableFormat.json:
        echo(laws_json(laws, day))
    else:
        console().print(laws_table(laws, day))


@laws_app.command(
    "import",
    help=N_(
        "Skriv håndbokas laws.yaml fra Lovdatas åpne data (NLOD 2.0): ID, tittel, korttittel, "
        "ikrafttredelse, siste endring, kapitler og paragrafer med tittel, opphevede paragrafer og "
        "endringene notert under hver. Navn i registeret beholdes."
    ),
)
@handle_errors
def import_command(
    archive: Annotated[
        str | None,
        typer.Argument(
            metavar=N_("ARKIV"),
            show_default=False,
            # The archive name and URL are written out (ARCHIVE_NAME, ARCHIVE_URL): a msgid is
            # a literal, and the help text is translated when it is shown.
            help=N_(
                "gjeldende-lover.tar.bz2 (eller gjeldende-sentrale-forskrifter.tar.bz2 for "
                "forskriftene) fra Lovdata, en mappe med nl-*.xml- eller sf-*.xml-filene fra "
                "det, eller en http(s)-adresse til arkivet."
            ),
        ),
    ] = None,
    url: Annotated[
        bool,
        typer.Option(
            "--url",
            help=N_(
                "Hent arkivet fra Lovdatas åpne data (https://api.lovdata.no/v1/"
                "publicData/get/gjeldende-lover.tar.bz2); krever nett."
            ),
        ),
    ] = False,
    everything: Annotated[
        bool,
        typer.Option(
            "--all",
            help=N_(
                "Ta med alle lovene i arkivet, ikke bare dem håndboka viser til "
                "eller har i laws.yaml."
            ),
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help=N_("Les arkivet og vis hva som ville blitt skrevet, men skriv ingenting."),
        ),
    ] = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Write the handbook's laws.yaml from Lovdata's open data."""
    from .. import laws

    if url == (archive is not None):
        raise TvfError(
            _("Oppgi enten ARKIV eller --url."),
            hint=_("For eksempel: tvf laws import {archive}").format(archive=laws.LOVDATA_ARCHIVE),
        )
    from ..config import find_handbook
    from ..laws.lovdata import import_laws  # only here: it is not needed by the other commands
    from ..render.console import console
    from ..render.laws import render_import

    address = ARCHIVE_URL or laws.LOVDATA_ARCHIVE_URL
    source: Path | str = address if url else archive or ""
    if isinstance(source, str) and not source.startswith(("http://", "https://")):
        source = Path(source)
    result = import_laws(
        find_handbook(handbook),
        source,
        everything=everything,
        dry_run=dry_run,
        today=parse_today(today),
    )
    render_import(result, console())


@laws_app.command(
    "show", help=N_("Vis én lov: paragrafene med titler, og hvilke dokumenter som viser til hver.")
)
@handle_errors
def show_command(
    name: Annotated[
        str,
        typer.Argument(
            metavar=N_("LOV"),
            help=N_(
                "Navn, forkortelse, Lovdata-ID eller Lovdata-lenke, "
                "f.eks. bhl eller LOV-2005-06-17-64."
            ),
        ),
    ],
    handbook: HandbookOption = None,
    output_format: FormatOption = TableFormat.table,
    today: TodayOption = None,
) -> None:
    """Show one law: its sections with titles, and the documents citing each."""
    from ..laws.queries import law_overview
    from ..render.console import console, echo
    from ..render.laws import law_overview_json, render_law_overview

    day = parse_today(today)
    overview = law_overview(load(handbook), name, today=day)
    if output_format is TableFormat.json:
        echo(law_overview_json(overview, day))
    else:
        render_law_overview(overview, console(), day)


@laws_app.command(
    "cited",
    help=N_(
        "List alle lover, kapitler og paragrafer håndboka viser til, med lenke til Lovdata og "
        "dokumentene som viser til dem (utgåtte dokumenter er ikke med)."
    ),
)
@handle_errors
def cited_command(
    handbook: HandbookOption = None,
    output_format: Annotated[
        CitedFormat,
        typer.Option(
            "--format", "-f", help=N_("table, json eller markdown (til en revisjonsrapport).")
        ),
    ] = CitedFormat.table,
    today: TodayOption = None,
) -> None:
    """List every law, chapter and section the handbook cites, with Lovdata links."""
    from ..laws.queries import cited_provisions
    from ..render.console import console, echo
    from ..render.laws import cited_json, cited_markdown, cited_table

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


@laws_app.command(
    "find",
    help=N_(
        "Finn lovhenvisningene i en hvilken som helst tekst (et utkast, en e-post): én linje per "
        "henvisning med lov, bestemmelse, overskrift, merknad og Lovdata-lenke. Exit-status 1 "
        "når en lov er ukjent, opphevet eller nummereringen er gammel."
    ),
)
@handle_errors
def find_command(
    file: Annotated[
        str,
        typer.Argument(
            metavar=N_("FIL"), help=N_("Teksten som skal leses; - (standard) leser fra stdin.")
        ),
    ] = "-",
    handbook: HandbookOption = None,
    output_format: FormatOption = TableFormat.table,
    today: TodayOption = None,
    valid_from: Annotated[
        str | None,
        typer.Option(
            "--valid-from",
            metavar=N_("ÅÅÅÅ-MM-DD"),
            help=N_(
                "Datoen teksten ble gyldig, som valid_from i et dokument: et navn en opphevet "
                "lov deler med loven som avløste den, betyr da den opphevede loven når teksten "
                "er eldre enn den nye loven (TVF207)."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Find the law citations in any text."""
    import sys

    from ..config import find_handbook
    from ..laws import load_registry
    from ..laws.queries import find_in_text
    from ..render.console import echo
    from ..render.laws import cited_json, found_lines

    day = parse_today(today)
    if file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TvfError(
                _("Kan ikke lese {path}: {error}.").format(path=file, error=exc)
            ) from exc
    root = find_handbook(Path(handbook)) if handbook is not None else _optional_root()
    registry, _problems = load_registry(root)
    provisions = find_in_text(
        text,
        registry,
        path=file,
        today=day,
        valid_from=parse_date(valid_from, "--valid-from"),
    )
    if output_format is TableFormat.json:
        echo(cited_json(provisions, day))
    else:
        echo(found_lines(provisions, day), nl=False)
    if any(p.status(day) for p in provisions):
        raise typer.Exit(1)


def _optional_root() -> Path | None:
    """The handbook around the working directory, if there is one (for its laws.yaml)."""
    from ..config import find_handbook

    try:
        return find_handbook(None)
    except TvfError:
        return None


def register(app: typer.Typer) -> None:
    app.add_typer(laws_app, name="laws")
