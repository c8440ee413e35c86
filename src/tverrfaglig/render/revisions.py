"""``tvf stamp`` and ``tvf history``: what was (or would be) approved, why stamping was
refused, and one document's history as a table or JSON."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..findings import Severity
from ..i18n import N_, _, ngettext
from ..revisions import DocumentHistory, StampRefused, StampResult
from .console import echo, print_error
from .text import json_text

# Translated when they are shown.
GIT_NOTES = {
    "no-repository": N_(
        "Håndboka ligger ikke i et git-repo, så det finnes ingen "
        "git-historikk; under står bare endringsloggen (changes) fra "
        "dokumentet."
    ),
    "no-commits": N_(
        "Git-repoet har ingen commits ennå, så det finnes ingen git-historikk; "
        "under står bare endringsloggen (changes) fra dokumentet."
    ),
    "untracked": N_(
        "Filen er ikke committet i git ennå, så den har ingen git-historikk; "
        "under står bare endringsloggen (changes) fra dokumentet."
    ),
}
SHALLOW_NOTE = N_(
    "Repoet er en grunn klone (shallow): eldre commits kan mangle. Hent dem "
    "med git fetch --unshallow."
)


# --- tvf stamp -------------------------------------------------------------------------------


def summary_line(result: StampResult, *, dry_run: bool) -> str:
    if dry_run:
        line = _(
            "Ville godkjent {id} «{title}» ({path}): versjon {old_version} → {version}, "
            "godkjent av {approved_by}, gyldig fra {valid_from}, revideres innen "
            "{review_by}. Endringer: {summary}"
        )
    else:
        line = _(
            "Godkjent {id} «{title}» ({path}): versjon {old_version} → {version}, "
            "godkjent av {approved_by}, gyldig fra {valid_from}, revideres innen "
            "{review_by}. Endringer: {summary}"
        )
    return line.format(
        id=result.id,
        title=result.title,
        path=result.path,
        old_version=result.old_version,
        version=result.version,
        approved_by=result.approved_by,
        valid_from=result.valid_from,
        review_by=result.review_by,
        summary=result.summary,
    )


def print_reference_warnings(warnings: Sequence[str], err: Console) -> None:
    """The references to drafts and retired documents found before approving."""
    for warning in warnings:
        err.print(_("Advarsel: {warning}").format(warning=warning), markup=False, style="yellow")


def render_stamped(results: list[StampResult], out: Console, *, dry_run: bool) -> None:
    """One line per approved document; on a dry run each diff first (as plain text, through
    ``echo``) and the warnings about references to drafts and retired documents, then
    a closing line."""
    if dry_run:
        print_reference_warnings([w for r in results for w in r.warnings], out)
    for result in results:
        if dry_run:
            echo(result.diff, nl=False)
        out.print(summary_line(result, dry_run=dry_run), markup=False)
        if result.to_history:
            out.print(_moved_line(result, dry_run=dry_run), markup=False)
    if dry_run:
        out.print(_("Tørrkjøring: ingen filer er endret."), markup=False)


def _moved_line(result: StampResult, *, dry_run: bool) -> str:
    """How many reading confirmations a new version made history (docs/confirmations.md)."""
    if dry_run:
        moved = ngettext(
            "{n} lesebekreftelse gjelder ikke den nye versjonen og ville blitt flyttet "
            "til historikken i lesebekreftelser/{id}.yaml.",
            "{n} lesebekreftelser gjelder ikke den nye versjonen og ville blitt flyttet "
            "til historikken i lesebekreftelser/{id}.yaml.",
            result.to_history,
        )
    else:
        moved = ngettext(
            "{n} lesebekreftelse gjelder ikke den nye versjonen og er flyttet til historikken "
            "i lesebekreftelser/{id}.yaml.",
            "{n} lesebekreftelser gjelder ikke den nye versjonen og er flyttet til "
            "historikken i lesebekreftelser/{id}.yaml.",
            result.to_history,
        )
    return moved.format(n=result.to_history, id=result.id)


def print_refusal(refused: StampRefused, err: Console) -> None:
    """The findings and reasons that stopped ``tvf stamp``, then the refusal itself."""
    for finding in refused.findings:
        where = f"{finding.path}:{finding.line}" if finding.line else finding.path
        kind = _("feil") if finding.severity is Severity.ERROR else _("advarsel")
        err.print(f"  {where}  {finding.code} {kind}  {finding.message}", markup=False)
    for reason in refused.reasons:
        err.print(f"  {reason}", markup=False)
    print_error(refused, err)


# --- tvf history -----------------------------------------------------------------------------


def history_json(result: DocumentHistory) -> str:
    return json_text(result.as_json())


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
        table.add_row(
            entry.date.isoformat(),
            kind,
            entry.version or "",
            entry.author,
            Text(entry.text),
            (entry.commit or "")[:7],
            style="green" if entry.kind == "stamp" else None,
        )
    if not result.entries:
        out.print(_("Ingen historikk: ingen commits og ingen endringslogg."))
        return
    out.print(table)
