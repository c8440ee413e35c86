"""``tvf outdated`` (what is out of date, and who must act) and ``tvf audit`` (tilsynsrapport)."""

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import N_, _
from .common import HandbookOption, TodayOption, english, handle_errors, parse_count, parse_today

if TYPE_CHECKING:
    from ..audit import AuditReport
    from ..outdated import OutdatedReport


class OutdatedFormat(enum.StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class GroupBy(enum.StrEnum):
    owner = "owner"
    ansvarlig = "ansvarlig"


class AuditFormat(enum.StrEnum):
    markdown = "markdown"
    html = "html"
    docx = "docx"
    pdf = "pdf"


@handle_errors
def outdated_command(
    within: Annotated[
        int,
        typer.Option(
            "--within",
            metavar=N_("DAGER"),
            help=N_(
                "Ta med revisjonsdatoer og frister for oppfølgingspunkter de neste DAGER "
                "dagene (0–36525)."
            ),
        ),
    ] = 60,
    stale_months: Annotated[
        int,
        typer.Option(
            "--stale-months",
            metavar="N",
            help=N_("Ta med dokumenter som ikke er endret i git på mer enn N måneder (1–1200)."),
        ),
    ] = 24,
    by: Annotated[
        GroupBy | None,
        typer.Option(
            "--by",
            help=N_(
                "owner (eller ansvarlig): én liste per ansvarlig (dokumentets owner; for et "
                "oppfølgingspunkt den som har ansvar for det; ellers nettverkets leder)."
            ),
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutdatedFormat,
        typer.Option(
            "--format",
            "-f",
            help=N_("table, json, markdown (til e-post) eller csv (til regneark)."),
        ),
    ] = OutdatedFormat.table,
    mail: Annotated[
        bool,
        typer.Option(
            "--mail",
            help=N_(
                "Send hver ansvarlig én e-post med det de må følge opp, gruppert og "
                "sortert som rapporten (adresser: [mail.addresses] i tvf.toml og "
                "nettverkenes email)."
            ),
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help=N_("Med --mail: send ingenting, skriv e-postene som .eml-filer i --eml-mappen."),
        ),
    ] = False,
    eml: Annotated[
        Path,
        typer.Option(
            "--eml", metavar=N_("MAPPE"), help=N_("Mappen for .eml-filene med --dry-run.")
        ),
    ] = Path("tvf-epost"),
    resend: Annotated[
        bool,
        typer.Option(
            "--resend", help=N_("Med --mail: send også til dem som alt har fått dagens e-post.")
        ),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help=N_(
                "Ikke bruk hurtigbufferen: les og sjekk hver fil og hele git-historikken på "
                "nytt (og la bufferen være som den er)."
            ),
        ),
    ] = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """List what is out of date, most urgent first (the help text is in register)."""
    from ..config import find_handbook
    from ..limits import MAX_DAYS, MAX_MONTHS
    from ..outdated import outdated
    from ..render.console import console, echo
    from ..render.outdated import (
        note_lines,
        render_csv,
        render_json,
        render_markdown,
        render_outdated_table,
    )

    within = parse_count(within, "--within", lowest=0, highest=MAX_DAYS)
    stale_months = parse_count(stale_months, "--stale-months", lowest=1, highest=MAX_MONTHS)
    report = outdated(
        find_handbook(handbook),
        today=parse_today(today),
        within_days=within,
        stale_months=stale_months,
        cache=not no_cache,
    )
    if mail:
        _mail_owners(report, handbook, dry_run=dry_run, eml=eml, resend=resend)
        raise typer.Exit(report.exit_code)
    by_owner = by is not None and english(by.value) == GroupBy.owner
    # Each renderer refuses a report that would show a national identity number.
    if output_format is OutdatedFormat.table:
        render_outdated_table(report, console(), by_owner=by_owner)
        raise typer.Exit(report.exit_code)
    if output_format is OutdatedFormat.json:
        text = render_json(report, by_owner=by_owner) + "\n"
    elif output_format is OutdatedFormat.csv:
        text = render_csv(report, by_owner=by_owner)
        for line in note_lines(report):  # CSV has no room for notes: stderr
            echo(line, err=True)
    else:
        text = render_markdown(report, by_owner=by_owner)
    echo(text, nl=False)
    raise typer.Exit(report.exit_code)


def _mail_owners(
    report: "OutdatedReport", handbook: Path | None, *, dry_run: bool, eml: Path, resend: bool
) -> None:
    """tvf outdated --mail: each owner one digest (docs/mail.md)."""
    from ..mail.jobs import outdated_batch
    from ..render.console import console
    from .common import load
    from .mail_commands import deliver, now

    book = load(handbook)
    batch = outdated_batch(book, report, now=now())
    if not batch.messages and not batch.missing:
        console().print(_("Ingenting er utdatert, så ingen e-post er sendt."), markup=False)
        return
    deliver(book, batch, dry_run=dry_run, eml=eml, resend=resend)


@handle_errors
def audit_command(
    output_format: Annotated[
        AuditFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=N_(
                "markdown (standard), html (én selvstendig fil), docx (Word) eller pdf; docx og "
                "pdf krever --output. Uten --format velges etter endelsen på --output."
            ),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar=N_("FIL"),
            help=N_(
                "Skriv rapporten til FIL (erstattes om den finnes) i stedet for til standard "
                "ut. Lenkene går da fra FIL til dokumentene."
            ),
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Audit readiness report (the help text is in register)."""
    from ..audit import audit, write_report
    from ..config import find_handbook
    from ..render.audit import render_audit
    from ..render.console import console, echo

    fmt = output_format
    if fmt is None:
        suffix = output.suffix.lower() if output is not None else ""
        html = suffix in (".html", ".htm")
        by_suffix = {".docx": AuditFormat.docx, ".pdf": AuditFormat.pdf}
        fmt = AuditFormat.html if html else by_suffix.get(suffix, AuditFormat.markdown)
    root = find_handbook(handbook)
    report = audit(root, today=parse_today(today))
    base = Path.cwd() if output is None else output.absolute().parent
    if fmt in (AuditFormat.docx, AuditFormat.pdf):
        _audit_document(report, fmt, output, root, base)
        return
    text = render_audit(report, fmt.value, link_base=base)
    if output is None:
        echo(text, nl=False)
        return
    write_report(output, text)
    console().print(
        _("Skrev tilsynsrapporten til {path} ({summary}).").format(
            path=output, summary=report.summary_text()
        ),
        markup=False,
    )


def _audit_document(
    report: "AuditReport", fmt: AuditFormat, output: Path | None, root: Path, base: Path
) -> None:
    """tvf audit --format docx|pdf: the Markdown report as a Word file or a PDF."""
    from ..errors import TvfError
    from ..export import ExportFormat, Source, render, write_file
    from ..render.audit import render_audit
    from ..render.console import console

    if output is None:
        raise TvfError(
            _("--format {format} skriver en fil: oppgi den med --output.").format(format=fmt.value),
            hint=_("For eksempel --output tilsyn.{suffix}.").format(suffix=fmt.value),
        )
    text = render_audit(report, "markdown", link_base=base)
    write_file(output, render(Source(None, text, output.stem), ExportFormat(fmt.value), root=root))
    console().print(
        _("Skrev tilsynsrapporten til {path} ({summary}).").format(
            path=output, summary=report.summary_text()
        ),
        markup=False,
    )


def register(app: typer.Typer) -> None:
    app.command(
        "outdated",
        help=N_(
            "List det som er utdatert, mest haster først: passerte og nære revisjonsdatoer, "
            "oppfølgingspunkter over fristen, manglende referater, opphevede lover, mistenkelige "
            "referanser, dokumenter endret uten godkjenning og dokumenter som ikke er endret på "
            "lenge. Exit-status 1 når noe er forfalt (for en planlagt CI-jobb), 0 ellers, 2 ved "
            "feil."
        ),
    )(outdated_command)
    app.command(
        "audit",
        help=N_(
            "Tilsynsrapport: hvert kriterium statsforvalteren så etter i tilsynet med tverrfaglig "
            "samarbeid, vurdert som oppfylt, delvis oppfylt eller ikke oppfylt ut fra håndboka, "
            "med "
            "lenker til dokumentasjonen og hva som mangler."
        ),
    )(audit_command)
