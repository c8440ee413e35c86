"""``tvf outdated`` (what is out of date, and who must act) and ``tvf audit`` (tilsynsrapport)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from ..audit import audit, write_report
from ..config import find_handbook
from ..i18n import N_, _
from ..limits import MAX_DAYS, MAX_MONTHS
from ..outdated import outdated
from ..render.audit import render_audit
from ..render.console import console, echo
from ..render.outdated import (
    note_lines,
    render_csv,
    render_json,
    render_markdown,
    render_outdated_table,
)
from .common import HandbookOption, TodayOption, handle_errors, parse_count, parse_today


class OutdatedFormat(enum.StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class GroupBy(enum.StrEnum):
    owner = "owner"


class AuditFormat(enum.StrEnum):
    markdown = "markdown"
    html = "html"


@handle_errors
def outdated_command(
    within: Annotated[int, typer.Option(
        "--within", metavar=N_("DAGER"),
        help=N_("Ta med revisjonsdatoer og frister for oppfølgingspunkter de neste DAGER "
                "dagene (0–36525)."))
    ] = 60,
    stale_months: Annotated[int, typer.Option(
        "--stale-months", metavar="N",
        help=N_("Ta med dokumenter som ikke er endret i git på mer enn N måneder "
                "(1–1200)."))] = 24,
    by: Annotated[GroupBy | None, typer.Option(
        "--by",
        help=N_("owner: én liste per ansvarlig (dokumentets owner; for nettverk lederen)."),
        show_default=False)] = None,
    output_format: Annotated[OutdatedFormat, typer.Option(
        "--format", "-f",
        help=N_("table, json, markdown (til e-post) eller csv (til regneark)."))
    ] = OutdatedFormat.table,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """List what is out of date, most urgent first (the help text is in register)."""
    within = parse_count(within, "--within", lowest=0, highest=MAX_DAYS)
    stale_months = parse_count(stale_months, "--stale-months", lowest=1, highest=MAX_MONTHS)
    report = outdated(find_handbook(handbook), today=parse_today(today), within_days=within,
                      stale_months=stale_months)
    by_owner = by is GroupBy.owner
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


@handle_errors
def audit_command(
    output_format: Annotated[AuditFormat | None, typer.Option(
        "--format", "-f",
        help=N_("markdown (standard) eller html (én selvstendig fil). Uten --format velges "
                "html når --output slutter på .html."), show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar=N_("FIL"),
        help=N_("Skriv rapporten til FIL (erstattes om den finnes) i stedet for til standard "
                "ut. Lenkene går da fra FIL til dokumentene."),
        show_default=False, dir_okay=False)] = None,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Audit readiness report (the help text is in register)."""
    fmt = output_format
    if fmt is None:
        html = output is not None and output.suffix.lower() in (".html", ".htm")
        fmt = AuditFormat.html if html else AuditFormat.markdown
    root = find_handbook(handbook)
    report = audit(root, today=parse_today(today))
    base = Path.cwd() if output is None else output.absolute().parent
    text = render_audit(report, fmt.value, link_base=base)
    if output is None:
        echo(text, nl=False)
        return
    write_report(output, text)
    console().print(_("Skrev tilsynsrapporten til {path} ({summary}).").format(
        path=output, summary=report.summary_text()), markup=False)


def register(app: typer.Typer) -> None:
    app.command("outdated", help=N_(
        "List det som er utdatert, mest haster først: passerte og nære revisjonsdatoer, "
        "oppfølgingspunkter over fristen, manglende referater, opphevede lover, mistenkelige "
        "referanser, dokumenter endret uten godkjenning og dokumenter som ikke er endret på "
        "lenge. Exit-status 1 når noe er forfalt (for en planlagt CI-jobb), 0 ellers, 2 ved "
        "feil."))(outdated_command)
    app.command("audit", help=N_(
        "Tilsynsrapport: hvert kriterium statsforvalteren så etter i tilsynet med tverrfaglig "
        "samarbeid, vurdert som oppfylt, delvis oppfylt eller ikke oppfylt ut fra håndboka, med "
        "lenker til dokumentasjonen og hva som mangler."))(audit_command)
