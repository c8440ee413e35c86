"""``tvf export``: any handbook or meeting document as a Word file or a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..export import ExportFormat
from ..i18n import N_, _
from .common import HandbookOption, handle_errors, load

ExportFormatOption = Annotated[
    ExportFormat,
    typer.Option("--format", "-f", help=N_("docx (Word) eller pdf."), show_default=False),
]


@handle_errors
def export_command(
    target: Annotated[
        str,
        typer.Argument(metavar=N_("STI|ID"), help=N_("Dokumentets ID (f.eks. IV.7-15) eller sti.")),
    ],
    output_format: ExportFormatOption,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar=N_("FIL"),
            help=N_(
                "Filen som skrives (erstattes om den finnes). Standard: dokumentets filnavn "
                "med .docx eller .pdf, i mappen du står i."
            ),
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    handbook: HandbookOption = None,
) -> None:
    """Write one document as .docx or .pdf."""
    from ..export import export
    from ..render.console import console

    path = export(load(handbook), target, output_format, output)
    console().print(_("Skrev {path}.").format(path=path), markup=False)


def register(app: typer.Typer) -> None:
    app.command(
        "export",
        help=N_(
            "Skriv et dokument fra håndboka (prosedyre, vedlegg, saksliste, referat …) som "
            "Word-fil (.docx) eller PDF. Overskrifter, lister, oppgavelister, tabeller og lenker "
            "kommer med; PDF-en er tagget og søkbar. Word-stilene kan overstyres med "
            "templates/reference.docx i håndboka."
        ),
    )(export_command)
