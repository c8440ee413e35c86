"""``tvf confirmations import|status|forget``: reading confirmations (lesebekreftelser)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import TvfError
from ..i18n import N_, _
from .common import HandbookOption, handle_errors

confirmations_app = typer.Typer(
    help=N_("Lesebekreftelser: hvem som har lest gjeldende versjon av rutinene."),
    no_args_is_help=True,
    rich_markup_mode=None,
)


class StatusFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help=N_("Vis hva som ville skjedd, men skriv ingenting."))
]


@confirmations_app.command(
    "import",
    help=N_(
        "Les lesebekreftelser fra en eksport fra Microsoft Forms eller Excel (.xlsx eller .csv) "
        "inn "
        "i lesebekreftelser/ i håndboka. Kolonnene finnes ut fra overskriften (Dokument, Versjon, "
        "Navn, Enhet, Fullføringstidspunkt); --map for andre overskrifter. Det som alt er "
        "registrert, legges ikke til igjen. Exit-status 1 når noen rader ikke kunne tas inn."
    ),
)
@handle_errors
def import_command(
    file: Annotated[
        Path, typer.Argument(metavar=N_("FIL"), help=N_("Eksporten: .xlsx eller .csv."))
    ],
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar=N_("FELT=OVERSKRIFT"),
            show_default=False,
            help=N_(
                "Kolonnen for et felt (document, version, name, unit, time) når overskriften er "
                'en annen, f.eks. --map "document=Hvilken rutine har du lest?". Kan gjentas.'
            ),
        ),
    ] = None,
    dry_run: DryRunOption = False,
    handbook: HandbookOption = None,
) -> None:
    from ..config import find_handbook, load_config
    from ..confirmations import import_file, parse_map
    from ..render.confirmations import render_import
    from ..render.console import console

    root = find_handbook(handbook)
    result = import_file(
        root, load_config(root), file, mapping=parse_map(mapping or []), dry_run=dry_run
    )
    render_import(result, console(), dry_run=dry_run)
    if result.problems:
        raise typer.Exit(1)


@confirmations_app.command(
    "status",
    help=N_(
        "Vis hvor mange i hver enhet som har bekreftet at de har lest gjeldende versjon av hvert "
        "dokument. Som antall per enhet; navn bare med --names."
    ),
)
@handle_errors
def status_command(
    doc_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID", help=N_("Bare dette dokumentet, f.eks. IV.7-2."), show_default=False
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar=N_("ENHET"),
            help=N_("Bare denne enheten (navnet fra tvf.toml)."),
            show_default=False,
        ),
    ] = None,
    names: Annotated[
        bool,
        typer.Option(
            "--names",
            help=N_(
                "Vis navnene på dem som ikke har bekreftet (for enheter som har "
                "names i tvf.toml). Personopplysninger: ikke i CI-logger."
            ),
        ),
    ] = False,
    output_format: Annotated[
        StatusFormat,
        typer.Option("--format", "-f", help=N_("table, json, csv (til regneark) eller markdown.")),
    ] = StatusFormat.table,
    handbook: HandbookOption = None,
) -> None:
    from ..config import find_handbook
    from ..confirmations import handbook_coverage
    from ..confirmations.coverage import select
    from ..handbook import load_handbook
    from ..pii import guard
    from ..render import confirmations as render
    from ..render.console import console, echo

    root = find_handbook(handbook)
    book = load_handbook(root)
    config = book.config
    if not config.units:
        raise TvfError(
            _("tvf.toml har ingen enheter, så tvf vet ikke hvem som skal lese hva."),
            hint=_(
                "Legg inn enhetene som [[units]] med name, services og employees "
                "(se docs/confirmations.md)."
            ),
        )
    report = handbook_coverage(root, config, book.documents)
    if doc_id is not None and all(d.id != doc_id for d in report.documents):
        raise TvfError(
            _("{id} er ikke et godkjent dokument i håndboka.").format(id=doc_id),
            hint=_("Lesebekreftelser gjelder godkjente dokumenter; se tvf list."),
        )
    if unit is not None and all(u.name.casefold() != unit.casefold() for u in config.units):
        raise TvfError(
            _("Ukjent enhet «{unit}».").format(unit=unit),
            hint=_("Enhetene i tvf.toml: {units}.").format(
                units=", ".join(u.name for u in config.units)
            ),
        )
    report = select(report, doc_id=doc_id, unit=unit)
    if output_format is StatusFormat.json:
        text = render.render_json(report, names=names) + "\n"
    elif output_format is StatusFormat.csv:
        text = render.render_csv(report, names=names)
    else:
        text = render.render_markdown(report, names=names)
    guard(
        text,
        _(
            "Rapporten ville inneholdt det som ser ut som et fødselsnummer, så den er "
            "ikke skrevet ut."
        ),
        hint=_("Rett navnene i tvf.toml."),
    )
    if output_format is StatusFormat.table:
        render.render_table(report, console(), names=names)
    else:
        echo(text, nl=False)


@confirmations_app.command(
    "forget",
    help=N_(
        "Slett alle lesebekreftelsene til en person (retten til sletting). Endringen må committes; "
        "navnet finnes fortsatt i git-historikken til det er skrevet om."
    ),
)
@handle_errors
def forget_command(
    name: Annotated[str, typer.Argument(metavar=N_("NAVN"), help=N_("Personens navn."))],
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar=N_("ENHET"),
            help=N_("Bare bekreftelsene fra denne enheten."),
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    handbook: HandbookOption = None,
) -> None:
    from ..config import find_handbook
    from ..confirmations import forget
    from ..render.confirmations import render_forget
    from ..render.console import console

    done = forget(find_handbook(handbook), name, unit=unit, dry_run=dry_run)
    render_forget(done, console(), dry_run=dry_run)


def register(app: typer.Typer) -> None:
    app.add_typer(confirmations_app, name="confirmations")
