"""``tvf build``: the handbook as a static website."""

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import N_
from .common import HandbookOption, TodayOption, handle_errors, parse_today

DEFAULT_OUT = Path("site")

BUILD_HELP = N_(
    "Bygg håndboka som et statisk nettsted (HTML) for intranettet.\n\n"
    "Nekter å publisere når tvf check finner feil (exit-status 1), med mindre --force er gitt. "
    "Bare sider som er endret, skrives på nytt; sider for slettede dokumenter fjernes."
)


@handle_errors
def build_command(
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help=N_("Mappen nettstedet skrives til."), file_okay=False),
    ] = DEFAULT_OUT,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=N_(
                "Bygg selv om tvf check finner feil (men aldri med et mulig "
                "fødselsnummer i håndboka)."
            ),
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help=N_("Vis hva som ville blitt skrevet og fjernet, uten å skrive noe.")
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help=N_(
                "Antall prosesser som lager sider (standard: én per kjerne for store håndbøker)."
            ),
            show_default=False,
        ),
    ] = None,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Build the handbook as a static website (help text: BUILD_HELP)."""
    from ..config import find_handbook
    from ..render.build import render_build
    from ..render.console import console
    from ..site import build_site  # markdown-it and the templates: loaded only for tvf build

    result = build_site(
        find_handbook(handbook),
        out,
        force=force,
        today=parse_today(today),
        dry_run=dry_run,
        jobs=jobs,
    )
    render_build(result, out, console())


def register(app: typer.Typer) -> None:
    app.command("build", help=BUILD_HELP)(build_command)
