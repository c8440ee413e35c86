"""``tvf check``, ``tvf list`` and ``tvf show``."""

import enum
from typing import Annotated

import typer

from ..i18n import N_, _
from .common import (
    FormatOption,
    HandbookOption,
    TableFormat,
    TodayOption,
    english,
    handle_errors,
    load,
    parse_today,
    progress_bar,
)


class ListType(enum.StrEnum):
    procedure = "procedure"
    attachment = "attachment"
    measure = "measure"
    plan = "plan"
    network = "network"
    prosedyre = "prosedyre"
    vedlegg = "vedlegg"
    tiltak = "tiltak"
    nettverk = "nettverk"


class ListStatus(enum.StrEnum):
    draft = "draft"
    approved = "approved"
    retired = "retired"
    utkast = "utkast"
    godkjent = "godkjent"
    utgått = "utgått"


class CheckFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


@handle_errors
def check_command(
    handbook: HandbookOption = None,
    output_format: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help=N_(
                "text (for folk), json (kontrakten), github (annotasjoner), "
                "sarif (SARIF 2.1.0 for code scanning) eller junit "
                "(testrapport for GitLab)."
            ),
        ),
    ] = CheckFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help=N_("Advarsler gir også exit-status 1."))
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help=N_("Antall prosesser (standard: én per kjerne for store håndbøker)."),
            show_default=False,
        ),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REV",
            help=N_(
                "Vis bare funn i dokumenter som er endret siden git-revisjonen REV (f.eks. "
                "origin/main), og i dokumenter som viser til dem."
            ),
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help=N_(
                "Ikke bruk hurtigbufferen: les og sjekk hver fil på nytt (og "
                "la bufferen være som den er)."
            ),
        ),
    ] = False,
    today: TodayOption = None,
) -> None:
    """Check the whole handbook (``tvf check``)."""
    from ..checks import check_path
    from ..config import find_handbook
    from ..render.console import echo
    from ..render.report import render_github, render_human, render_json

    root = find_handbook(handbook)
    with progress_bar(_("Sjekker dokumentene")) as progress:
        report = check_path(
            root,
            today=parse_today(today),
            jobs=jobs,
            changed_since=changed_since,
            progress=progress,
            cache=not no_cache,
        )
    if output_format is CheckFormat.json:
        echo(render_json(report))
    elif output_format is CheckFormat.github:
        text = render_github(report, root)
        if text:
            echo(text)
    elif output_format is CheckFormat.sarif:
        from ..render.machine import render_sarif

        echo(render_sarif(report, root))
    elif output_format is CheckFormat.junit:
        from ..render.machine import render_junit

        echo(render_junit(report, root, strict=strict))
    else:
        from ..render.console import console

        render_human(report, console(), root)
    raise typer.Exit(report.exit_code(strict=strict))


@handle_errors
def list_command(
    handbook: HandbookOption = None,
    doc_type: Annotated[
        list[ListType] | None,
        typer.Option(
            "--type",
            "-t",
            help=N_(
                "Bare denne typen (procedure, attachment, measure, plan, "
                "network, eller prosedyre, vedlegg, tiltak, nettverk); kan "
                "gjentas."
            ),
        ),
    ] = None,
    status: Annotated[
        ListStatus | None,
        typer.Option(
            "--status",
            "-s",
            help=N_(
                "Bare denne statusen (draft, approved, retired, eller utkast, godkjent, utgått)."
            ),
        ),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner", "-o", help=N_("Bare dokumenter der ansvarlig inneholder denne teksten.")
        ),
    ] = None,
    output_format: FormatOption = TableFormat.table,
) -> None:
    """List the handbook's documents (``tvf list``)."""
    from ..queries import list_documents
    from ..render.console import console, echo
    from ..render.handbook import documents_json, documents_table

    docs = list_documents(
        load(handbook),
        types=[english(t.value) for t in doc_type or ()],
        status=english(status.value) if status else None,
        owner=owner,
    )
    if output_format is TableFormat.json:
        echo(documents_json(docs))
    else:
        console().print(documents_table(docs))


@handle_errors
def show_command(
    doc_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=N_("Dokument-ID (f.eks. IV.7-2), tiltakskode (V01) eller nettverks-ID."),
        ),
    ],
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Show one document with its references and law citations (``tvf show``)."""
    from ..queries import show
    from ..render.console import console
    from ..render.handbook import render_show

    day = parse_today(today)
    render_show(show(load(handbook), doc_id, today=day), console(), day)


def register(app: typer.Typer) -> None:
    app.command(
        "check",
        help=N_(
            "Sjekk hele håndboka. Exit-status 0: i orden, 1: feil funnet, 2: kunne ikke kjøre."
        ),
    )(check_command)
    app.command(
        "list",
        help=N_("List dokumentene: ID, kode, tittel, type, status, ansvarlig og revisjonsdato."),
    )(list_command)
    app.command(
        "show",
        help=N_(
            "Vis ett dokument: metadata, referanser begge veier og lovhenvisninger med lenker."
        ),
    )(show_command)
