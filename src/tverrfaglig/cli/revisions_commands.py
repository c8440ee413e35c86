"""``tvf stamp`` and ``tvf history``."""

from collections.abc import Sequence
from typing import Annotated

import typer

from ..i18n import N_, _
from .common import (
    FormatOption,
    HandbookOption,
    TableFormat,
    TodayOption,
    handle_errors,
    parse_date,
    parse_today,
)

#: Answers that mean yes, in either language.
YES = frozenset({"j", "ja", "y", "yes"})


@handle_errors
def stamp_command(
    targets: Annotated[
        list[str],
        typer.Argument(
            metavar=N_("ID|STI..."),
            help=N_(
                "Dokumentene som skal godkjennes: dokument-ID "
                "(IV.7-2), tiltakskode (V01) eller sti til filen."
            ),
            show_default=False,
        ),
    ],
    major: Annotated[
        bool,
        typer.Option(
            "--major",
            help=N_("Øk hovedversjonen (1.4 → 2.0) i stedet for underversjonen (1.4 → 1.5)."),
        ),
    ] = False,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar=N_("NAVN"),
            help=N_(
                "Hvem som godkjenner (standard: approving_body i tvf.toml, ellers git config "
                "user.name)."
            ),
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar=N_("ÅÅÅÅ-MM-DD"),
            help=N_("Gyldig fra (standard: i dag)."),
            show_default=False,
        ),
    ] = None,
    review_by: Annotated[
        str | None,
        typer.Option(
            "--review-by",
            metavar=N_("ÅÅÅÅ-MM-DD"),
            help=N_(
                "Revideres innen (standard: gyldig fra pluss review_interval_months fra tvf.toml)."
            ),
            show_default=False,
        ),
    ] = None,
    message: Annotated[
        str | None,
        typer.Option(
            "--message",
            "-m",
            metavar=N_("SAMMENDRAG"),
            help=N_(
                "Sammendrag til endringsloggen (standard: emnene til git-commitene som har endret "
                "filen siden forrige godkjenning)."
            ),
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("Vis endringene som en diff, men skriv ingenting."))
    ] = False,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help=N_(
                "Godkjenn uten å spørre, også når et dokument viser til et "
                "utkast eller et utgått dokument (advarselen vises likevel)."
            ),
        ),
    ] = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Approve documents (the help text is the command's ``help``)."""
    from ..config import find_handbook
    from ..render.console import console, error_console
    from ..render.revisions import print_reference_warnings, print_refusal, render_stamped
    from ..revisions import StampRefused, stamp

    root = find_handbook(handbook)

    def confirm(warnings: Sequence[str]) -> bool:
        print_reference_warnings(warnings, error_console())
        if yes:
            return True
        answer: str = typer.prompt(
            _("Godkjenne likevel? [j/N]"), default="", show_default=False, err=True
        )
        return answer.strip().casefold() in YES

    try:
        results = stamp(
            targets,
            root=root,
            major=major,
            by=by,
            date=parse_date(date, "--date"),
            review_by=parse_date(review_by, "--review-by"),
            summary=message,
            today=parse_today(today),
            dry_run=dry_run,
            confirm=None if dry_run else confirm,
        )
    except StampRefused as refused:
        print_refusal(refused, error_console())
        raise typer.Exit(refused.exit_code) from None
    render_stamped(results, console(), dry_run=dry_run)


@handle_errors
def history_command(
    doc_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=N_("Dokument-ID (f.eks. IV.7-2), tiltakskode (V01) eller sti til filen."),
        ),
    ],
    handbook: HandbookOption = None,
    output_format: FormatOption = TableFormat.table,
) -> None:
    """Show one document's history (the help text is the command's ``help``)."""
    from ..config import find_handbook
    from ..render.console import console, echo
    from ..render.revisions import history_json, render_history
    from ..revisions import history

    result = history(find_handbook(handbook), doc_id)
    if output_format is TableFormat.json:
        echo(history_json(result))
        return
    render_history(result, console())


def register(app: typer.Typer) -> None:
    app.command(
        "stamp",
        help=N_(
            "Godkjenn dokumenter: ny versjon, status approved, godkjent av, gyldig fra, revideres "
            "innen, en linje i endringsloggen og nytt fingeravtrykk. Alle eller ingen skrives."
        ),
    )(stamp_command)
    app.command(
        "history",
        help=N_(
            "Vis historikken til ett dokument: git-commitene som har endret filen (dato, "
            "forfatter, "
            "emne) flettet med godkjenningene i endringsloggen, nyeste først."
        ),
    )(history_command)
