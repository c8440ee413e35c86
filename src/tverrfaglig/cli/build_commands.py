"""``tvf build``: the handbook as a static website."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import i18n
from ..config import find_handbook
from ..i18n import N_, _, ngettext
from .common import HandbookOption, TodayOption, console, handle_errors, parse_today

if TYPE_CHECKING:
    from ..site import BuildResult

DEFAULT_OUT = Path("site")

BUILD_HELP = N_(
    "Bygg håndboka som et statisk nettsted (HTML) for intranettet.\n\n"
    "Nekter å publisere når tvf check finner feil (exit-status 1), med mindre --force er gitt. "
    "Bare sider som er endret, skrives på nytt; sider for slettede dokumenter fjernes."
)


@handle_errors
def build_command(
    out: Annotated[Path, typer.Option(
        "--out", "-o", help=N_("Mappen nettstedet skrives til."), file_okay=False)] = DEFAULT_OUT,
    force: Annotated[bool, typer.Option(
        "--force", help=N_("Bygg selv om tvf check finner feil (men aldri med et mulig "
                           "fødselsnummer i håndboka)."))] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=N_("Vis hva som ville blitt skrevet og fjernet, uten å skrive noe."))
    ] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help=N_("Antall prosesser som lager sider (standard: én per "
                                       "kjerne for store håndbøker)."), show_default=False)
    ] = None,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Build the handbook as a static website (help text: BUILD_HELP)."""
    from ..site import build_site  # markdown-it and the templates: loaded only for tvf build

    result = build_site(find_handbook(handbook), out, force=force, today=parse_today(today),
                        dry_run=dry_run, jobs=jobs)
    _print_result(result, out)


def _print_result(result: BuildResult, out: Path) -> None:
    con = console()
    report = result.report
    if report.errors:
        if result.dry_run:
            text = ngettext("Advarsel: tvf check fant {n} feil; ville bygd likevel fordi "
                            "--force er gitt.",
                            "Advarsel: tvf check fant {n} feil; ville bygd likevel fordi "
                            "--force er gitt.", report.errors)
        else:
            text = ngettext("Advarsel: tvf check fant {n} feil; bygd likevel fordi --force "
                            "er gitt.",
                            "Advarsel: tvf check fant {n} feil; bygd likevel fordi --force "
                            "er gitt.", report.errors)
        con.print(text.format(n=report.errors), style="bold yellow", markup=False)
    elif report.warnings:
        con.print(ngettext("tvf check: {n} advarsel (se tvf check).",
                           "tvf check: {n} advarsler (se tvf check).",
                           report.warnings).format(n=report.warnings), markup=False)
    for skipped in result.skipped:
        con.print(_("Uten side: {reason}").format(reason=skipped), style="yellow", markup=False)
    for broken in result.broken_links:
        con.print(_("Lenke til en fil som mangler: {problem}").format(problem=broken),
                  style="yellow", markup=False)
    seconds = _decimal(result.seconds)
    pages = ngettext("{n} side", "{n} sider", result.pages).format(n=result.pages)
    files = ngettext("{n} fil", "{n} filer", len(result.written)).format(n=len(result.written))
    if result.dry_run:
        summary = _("Ville bygd {pages} i {out}/ på {seconds} s: {files} ville blitt skrevet, "
                    "{unchanged} uendret, {removed} ville blitt fjernet.")
    else:
        summary = _("Bygde {pages} i {out}/ på {seconds} s: {files} skrevet, {unchanged} "
                    "uendret, {removed} fjernet.")
    con.print(summary.format(pages=pages, out=out, seconds=seconds, files=files,
                             unchanged=result.unchanged, removed=len(result.removed)),
              markup=False)
    if result.dry_run:
        for rel in result.written:
            con.print("  " + _("skriv  {path}").format(path=rel), markup=False)
        for rel in result.removed:
            con.print("  " + _("fjern  {path}").format(path=rel), markup=False)
    else:
        con.print(_("Åpne {path} i en nettleser, eller legg mappen på intranettet.").format(
            path=out / "index.html"), markup=False)


def _decimal(seconds: float) -> str:
    """Seconds with two decimals: a decimal comma in Norwegian, a point in English."""
    text = f"{seconds:.2f}"
    return text if i18n.language() == "en" else text.replace(".", ",")


def register(app: typer.Typer) -> None:
    app.command("build", help=BUILD_HELP)(build_command)
