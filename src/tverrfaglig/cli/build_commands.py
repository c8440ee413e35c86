"""``tvf build``: the handbook as a static website."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..config import find_handbook
from .common import HandbookOption, TodayOption, console, handle_errors, parse_today

if TYPE_CHECKING:
    from ..site import BuildResult

DEFAULT_OUT = Path("site")


@handle_errors
def build_command(
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Mappen nettstedet skrives til.", file_okay=False)] = DEFAULT_OUT,
    force: Annotated[bool, typer.Option(
        "--force", help="Bygg selv om tvf check finner feil (men aldri med et mulig "
        "fødselsnummer i håndboka).")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Vis hva som ville blitt skrevet og fjernet, uten å skrive noe.")
    ] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Antall prosesser som lager sider (standard: én per kjerne "
        "for store håndbøker).", show_default=False)] = None,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Bygg håndboka som et statisk nettsted (HTML) for intranettet.

    Nekter å publisere når tvf check finner feil (exit-status 1), med mindre --force er gitt.
    Bare sider som er endret, skrives på nytt; sider for slettede dokumenter fjernes.
    """
    from ..site import build_site  # markdown-it and the templates: loaded only for tvf build

    result = build_site(find_handbook(handbook), out, force=force, today=parse_today(today),
                        dry_run=dry_run, jobs=jobs)
    _print_result(result, out)


def _print_result(result: BuildResult, out: Path) -> None:
    con = console()
    report = result.report
    if report.errors:
        built = "ville bygd" if result.dry_run else "bygd"
        con.print(f"Advarsel: tvf check fant {report.errors} feil; {built} likevel fordi "
                  "--force er gitt.", style="bold yellow", markup=False)
    elif report.warnings:
        con.print(f"tvf check: {report.warnings} "
                  f"{'advarsel' if report.warnings == 1 else 'advarsler'} (se tvf check).",
                  markup=False)
    for skipped in result.skipped:
        con.print(f"Uten side: {skipped}", style="yellow", markup=False)
    verb = "Ville bygd" if result.dry_run else "Bygde"
    written = "ville blitt skrevet" if result.dry_run else "skrevet"
    removed = "ville blitt fjernet" if result.dry_run else "fjernet"
    seconds = f"{result.seconds:.2f}".replace(".", ",")  # Norwegian decimal comma
    con.print(
        f"{verb} {result.pages} sider i {out}/ på {seconds} s: {len(result.written)} filer "
        f"{written}, {result.unchanged} uendret, {len(result.removed)} {removed}.",
        markup=False,
    )
    if result.dry_run:
        for rel in result.written:
            con.print(f"  skriv  {rel}", markup=False)
        for rel in result.removed:
            con.print(f"  fjern  {rel}", markup=False)
    else:
        con.print(f"Åpne {out / 'index.html'} i en nettleser, eller legg mappen på intranettet.",
                  markup=False)


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)
