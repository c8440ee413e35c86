"""``tvf stamp`` and ``tvf history``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..config import find_handbook
from ..errors import TvfError
from ..findings import Severity
from ..i18n import N_, _, ngettext
from ..revisions import DocumentHistory, StampRefused, StampResult, history, stamp
from .common import (
    FormatOption,
    HandbookOption,
    TableFormat,
    TodayOption,
    console,
    handle_errors,
    parse_today,
)

# Translated when they are shown.
GIT_NOTES = {
    "no-repository": N_("Håndboka ligger ikke i et git-repo, så det finnes ingen "
                        "git-historikk; under står bare endringsloggen (changes) fra "
                        "dokumentet."),
    "no-commits": N_("Git-repoet har ingen commits ennå, så det finnes ingen git-historikk; "
                     "under står bare endringsloggen (changes) fra dokumentet."),
    "untracked": N_("Filen er ikke committet i git ennå, så den har ingen git-historikk; "
                    "under står bare endringsloggen (changes) fra dokumentet."),
}
SHALLOW_NOTE = N_("Repoet er en grunn klone (shallow): eldre commits kan mangle. Hent dem "
                  "med git fetch --unshallow.")


def _date_option(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise TvfError(_("{option} «{value}» er ikke en dato; skriv ÅÅÅÅ-MM-DD.").format(
            option=option, value=value)) from None


@handle_errors
def stamp_command(
    targets: Annotated[list[str], typer.Argument(
        metavar=N_("ID|STI..."), help=N_("Dokumentene som skal godkjennes: dokument-ID "
                                         "(IV.7-2), tiltakskode (V01) eller sti til filen."),
        show_default=False)],
    major: Annotated[bool, typer.Option(
        "--major", help=N_("Øk hovedversjonen (1.4 → 2.0) i stedet for underversjonen "
                           "(1.4 → 1.5)."))] = False,
    by: Annotated[str | None, typer.Option(
        "--by", metavar=N_("NAVN"),
        help=N_("Hvem som godkjenner (standard: git config user.name)."),
        show_default=False)] = None,
    date: Annotated[str | None, typer.Option(
        "--date", metavar=N_("ÅÅÅÅ-MM-DD"), help=N_("Gyldig fra (standard: i dag)."),
        show_default=False)] = None,
    review_by: Annotated[str | None, typer.Option(
        "--review-by", metavar=N_("ÅÅÅÅ-MM-DD"), help=N_(
            "Revideres innen (standard: gyldig fra pluss review_interval_months fra tvf.toml)."),
        show_default=False)] = None,
    message: Annotated[str | None, typer.Option(
        "--message", "-m", metavar=N_("SAMMENDRAG"), help=N_(
            "Sammendrag til endringsloggen (standard: emnene til git-commitene som har endret "
            "filen siden forrige godkjenning)."),
        show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=N_("Vis endringene som en diff, men skriv ingenting."))] = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Approve documents (the help text is the command's ``help``)."""
    root = find_handbook(handbook)
    try:
        results = stamp(targets, root=root, major=major, by=by,
                        date=_date_option(date, "--date"),
                        review_by=_date_option(review_by, "--review-by"),
                        summary=message, today=parse_today(today), dry_run=dry_run)
    except StampRefused as refused:
        _print_refusal(refused, Console(stderr=True, highlight=False, soft_wrap=True))
        raise typer.Exit(refused.exit_code) from None
    out = console()
    for result in results:
        if dry_run:
            typer.echo(result.diff, nl=False)
        out.print(_summary_line(result, dry_run=dry_run), markup=False)
        if result.to_history:
            moved = ngettext(
                "{n} lesebekreftelse gjelder ikke den nye versjonen og er flyttet til historikken "
                "i lesebekreftelser/{id}.yaml.",
                "{n} lesebekreftelser gjelder ikke den nye versjonen og er flyttet til "
                "historikken i lesebekreftelser/{id}.yaml.", result.to_history)
            if dry_run:
                moved = ngettext(
                    "{n} lesebekreftelse gjelder ikke den nye versjonen og ville blitt flyttet "
                    "til historikken i lesebekreftelser/{id}.yaml.",
                    "{n} lesebekreftelser gjelder ikke den nye versjonen og ville blitt flyttet "
                    "til historikken i lesebekreftelser/{id}.yaml.", result.to_history)
            out.print(moved.format(n=result.to_history, id=result.id), markup=False)
    if dry_run:
        out.print(_("Tørrkjøring: ingen filer er endret."), markup=False)


def _summary_line(result: StampResult, *, dry_run: bool) -> str:
    if dry_run:
        line = _("Ville godkjent {id} «{title}» ({path}): versjon {old_version} → {version}, "
                 "godkjent av {approved_by}, gyldig fra {valid_from}, revideres innen "
                 "{review_by}. Endringer: {summary}")
    else:
        line = _("Godkjent {id} «{title}» ({path}): versjon {old_version} → {version}, "
                 "godkjent av {approved_by}, gyldig fra {valid_from}, revideres innen "
                 "{review_by}. Endringer: {summary}")
    return line.format(id=result.id, title=result.title, path=result.path,
                       old_version=result.old_version, version=result.version,
                       approved_by=result.approved_by, valid_from=result.valid_from,
                       review_by=result.review_by, summary=result.summary)


def _print_refusal(refused: StampRefused, err: Console) -> None:
    for finding in refused.findings:
        where = f"{finding.path}:{finding.line}" if finding.line else finding.path
        kind = _("feil") if finding.severity is Severity.ERROR else _("advarsel")
        err.print(f"  {where}  {finding.code} {kind}  {finding.message}", markup=False)
    for reason in refused.reasons:
        err.print(f"  {reason}", markup=False)
    err.print(f"tvf: {refused.message}", style="bold red", markup=False)
    if refused.hint:
        err.print(refused.hint, markup=False)


@handle_errors
def history_command(
    doc_id: Annotated[str, typer.Argument(
        metavar="ID",
        help=N_("Dokument-ID (f.eks. IV.7-2), tiltakskode (V01) eller sti til filen."))],
    handbook: HandbookOption = None,
    output_format: FormatOption = TableFormat.table,
) -> None:
    """Show one document's history (the help text is the command's ``help``)."""
    result = history(find_handbook(handbook), doc_id)
    if output_format is TableFormat.json:
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    render_history(result, console())


def render_history(result: DocumentHistory, out: Console) -> None:
    title = f"{result.id}  {result.title}" if result.id else result.title
    out.print(Text(title, style="bold"))
    out.print(Text(result.path, style="dim"))
    if result.git in GIT_NOTES:
        out.print(Text(_(GIT_NOTES[result.git]), style="yellow"))
    if result.shallow:
        out.print(Text(_(SHALLOW_NOTE), style="yellow"))
    table = Table(header_style="bold")
    for header in (_("Dato"), _("Hva"), _("Versjon"), _("Av"), _("Beskrivelse"), _("Commit")):
        table.add_column(header, overflow="fold")
    for entry in result.entries:
        kind = _("godkjent") if entry.kind == "stamp" else _("endret")
        table.add_row(entry.date.isoformat(), kind, entry.version or "", entry.author,
                      Text(entry.text), (entry.commit or "")[:7],
                      style="green" if entry.kind == "stamp" else None)
    if not result.entries:
        out.print(_("Ingen historikk: ingen commits og ingen endringslogg."))
        return
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command("stamp", help=N_(
        "Godkjenn dokumenter: ny versjon, status approved, godkjent av, gyldig fra, revideres "
        "innen, en linje i endringsloggen og nytt fingeravtrykk. Alle eller ingen skrives."
    ))(stamp_command)
    app.command("history", help=N_(
        "Vis historikken til ett dokument: git-commitene som har endret filen (dato, forfatter, "
        "emne) flettet med godkjenningene i endringsloggen, nyeste først."))(history_command)
