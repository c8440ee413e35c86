"""The ``tvf`` command line: each command parses its options, calls one library function and
prints the result. User errors (:class:`TvfError`) are caught in one place and exit with 2."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console

from . import __version__
from .checks import check as run_check
from .config import find_handbook
from .errors import TvfError
from .handbook import Handbook, load_handbook
from .queries import list_documents, row, show
from .render import (
    documents_table,
    laws_table,
    render_github,
    render_human,
    render_json,
    render_show,
)

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="tvf",
    help="tvf holder håndboka for tverrfaglig samarbeid i orden: skjema, ID-er, referanser, "
         "lovhenvisninger og revisjonsdatoer.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

HandbookOption = Annotated[
    Path | None,
    typer.Option("--handbook", "-H", help="Mappen med håndboka (der tvf.toml ligger). "
                 "Ellers: TVF_HANDBOOK, nærmeste mappe oppover med tvf.toml, eller ./handbook/.",
                 show_default=False),
]
TodayOption = Annotated[
    str | None,
    typer.Option("--today", envvar="TVF_TODAY", metavar="ÅÅÅÅ-MM-DD",
                 help="Datoen som regnes som i dag (for reproduserbare kjøringer).",
                 show_default=False),
]


class CheckFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"


class TableFormat(enum.StrEnum):
    table = "table"
    json = "json"


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Print a :class:`TvfError` in red on stderr and exit 2; let real bugs through."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except TvfError as exc:
            err = Console(stderr=True, highlight=False, soft_wrap=True)
            err.print(f"tvf: {exc.message}", style="bold red", markup=False)
            if exc.hint:
                err.print(exc.hint, markup=False)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise TvfError(f"--today «{value}» er ikke en dato; skriv ÅÅÅÅ-MM-DD.") from None


def _load(handbook: Path | None) -> Handbook:
    return load_handbook(find_handbook(handbook))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tvf {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Vis versjonen og avslutt.")] = False,
) -> None:
    """tvf: verktøy for håndboka for tverrfaglig samarbeid."""


@app.command("check")
@handle_errors
def check_command(
    handbook: HandbookOption = None,
    output_format: Annotated[CheckFormat, typer.Option(
        "--format", "-f", help="text (for folk), json (kontrakten) eller github (annotasjoner)."
    )] = CheckFormat.text,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Advarsler gir også exit-status 1.")] = False,
    today: TodayOption = None,
) -> None:
    """Sjekk hele håndboka. Exit-status 0: i orden, 1: feil funnet, 2: kunne ikke kjøre."""
    book = _load(handbook)
    report = run_check(book, today=_today(today))
    if output_format is CheckFormat.json:
        typer.echo(render_json(report))
    elif output_format is CheckFormat.github:
        text = render_github(report, book.root)
        if text:
            typer.echo(text)
    else:
        render_human(report, _console())
    raise typer.Exit(report.exit_code(strict=strict))


@app.command("list")
@handle_errors
def list_command(
    handbook: HandbookOption = None,
    doc_type: Annotated[list[str] | None, typer.Option(
        "--type", "-t", help="Bare denne typen (procedure, attachment, measure, plan, network); "
        "kan gjentas.")] = None,
    status: Annotated[str | None, typer.Option(
        "--status", "-s", help="Bare denne statusen (draft, approved, retired).")] = None,
    owner: Annotated[str | None, typer.Option(
        "--owner", "-o", help="Bare dokumenter der ansvarlig inneholder denne teksten.")] = None,
    output_format: Annotated[TableFormat, typer.Option(
        "--format", "-f", help="table eller json.")] = TableFormat.table,
) -> None:
    """List dokumentene: ID, kode, tittel, type, status, ansvarlig og revisjonsdato."""
    docs = list_documents(_load(handbook), types=doc_type or (), status=status, owner=owner)
    if output_format is TableFormat.json:
        typer.echo(json.dumps([row(d) for d in docs], ensure_ascii=False, indent=2))
    else:
        _console().print(documents_table(docs))


@app.command("show")
@handle_errors
def show_command(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="Dokument-ID (f.eks. IV.7-2), "
                                          "tiltakskode (V01) eller nettverks-ID.")],
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Vis ett dokument: metadata, referanser begge veier og lovhenvisninger med lenker."""
    view = show(_load(handbook), doc_id, today=_today(today))
    render_show(view, _console())


@app.command("laws")
@handle_errors
def laws_command(
    handbook: HandbookOption = None,
    output_format: Annotated[TableFormat, typer.Option(
        "--format", "-f", help="table eller json.")] = TableFormat.table,
    today: TodayOption = None,
) -> None:
    """List lovregisteret: pakkens lover slått sammen med håndbokas laws.yaml."""
    laws = _load(handbook).laws
    day = _today(today)
    repealed = {law.id for law in laws if law.is_repealed(day)}
    if output_format is TableFormat.json:
        typer.echo(json.dumps([
            {"id": law.id, "title": law.title, "names": list(law.names),
             "repealed": law.repealed.isoformat() if law.repealed else None,
             "replaced_by": law.replaced_by, "in_force": law.id not in repealed,
             "url": law.url()}
            for law in laws
        ], ensure_ascii=False, indent=2))
    else:
        _console().print(laws_table(laws, today_repealed=repealed))
