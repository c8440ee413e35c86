"""``tvf confirmations status`` as a table, JSON, CSV and Markdown.

One row per document and unit. Names appear only with ``names=True`` (``--names``), and only
as the names a unit lists in ``tvf.toml`` that have not confirmed; by default every count is a
number, so the output can go into a CI log or an e-mail.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..confirmations.coverage import CoverageReport, DocumentCoverage, UnitCoverage
from ..confirmations.importer import ImportResult
from ..confirmations.store import Forgotten
from ..i18n import _, ngettext


def rows(report: CoverageReport) -> Iterator[tuple[DocumentCoverage, UnitCoverage]]:
    for doc in report.documents:
        for unit in doc.units:
            yield doc, unit


def data_date_text(report: CoverageReport) -> str:
    if report.data_date is None:
        return _("ingen lesebekreftelser registrert")
    return report.data_date.strftime("%Y-%m-%d %H:%M")


def render_json(report: CoverageReport, *, names: bool = False) -> str:
    return json.dumps(
        {
            "threshold": report.threshold,
            "data_date": report.data_date.isoformat(timespec="minutes")
            if report.data_date
            else None,
            "documents": [d.as_json(names=names) for d in report.documents],
        },
        ensure_ascii=False,
        indent=2,
    )


def render_csv(report: CoverageReport, *, names: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")  # as Excel reads it in Norway
    header = ["id", "title", "version", "unit", "required", "confirmed", "missing", "percent"]
    writer.writerow([*header, "missing_names"] if names else header)
    for doc, unit in rows(report):
        row: list[object] = [
            doc.id,
            doc.title,
            doc.version,
            unit.unit,
            unit.required,
            unit.counted,
            unit.missing,
            unit.share_percent,
        ]
        if names:
            row.append(", ".join(unit.missing_names))
        writer.writerow(row)
    return "\ufeff" + out.getvalue()


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def render_markdown(report: CoverageReport, *, names: bool = False) -> str:
    lines = [
        "# " + _("Lesebekreftelser"),
        "",
        _("Terskel: {threshold} %. Dataene er fra {date}.").format(
            threshold=report.threshold, date=data_date_text(report)
        ),
        "",
    ]
    for doc in report.documents:
        lines.append(f"## {_md(doc.id)} {_md(doc.title)}")
        lines.append("")
        lines.append(
            _("Versjon {version}: {confirmed} av {required} har bekreftet ({percent} %).").format(
                version=doc.version,
                confirmed=doc.confirmed,
                required=doc.required,
                percent=doc.share_percent,
            )
        )
        lines.append("")
        if not doc.units:
            lines.extend([_("Ingen enhet skal lese dokumentet."), ""])
            continue
        header = [_("Enhet"), _("Bekreftet"), _("Ansatte"), _("Mangler"), _("Andel")]
        if names:
            header.append(_("Ikke bekreftet"))
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for unit in doc.units:
            cells = [
                _md(unit.unit),
                str(unit.counted),
                str(unit.required),
                str(unit.missing),
                f"{unit.share_percent} %",
            ]
            if names:
                cells.append(_md(", ".join(unit.missing_names)))
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def render_table(report: CoverageReport, out: Console, *, names: bool) -> None:
    """The coverage as a rich table: one row per document and unit, red below the threshold."""
    out.print(
        _("Terskel: {threshold} %. Dataene er fra {date}.").format(
            threshold=report.threshold, date=data_date_text(report)
        ),
        markup=False,
    )
    table = Table()
    for header in (
        _("Dokument"),
        _("Versjon"),
        _("Enhet"),
        _("Bekreftet"),
        _("Ansatte"),
        _("Mangler"),
        _("Andel"),
    ):
        table.add_column(header)
    if names:
        table.add_column(_("Ikke bekreftet"))
    for doc, unit in rows(report):
        cells = [
            f"{doc.id} {doc.title}",
            doc.version,
            unit.unit,
            str(unit.counted),
            str(unit.required),
            str(unit.missing),
            f"{unit.share_percent} %",
        ]
        if names:
            cells.append(", ".join(unit.missing_names))
        low = unit.required and unit.share_percent < report.threshold
        table.add_row(*(Text(c) for c in cells), style="red" if low else None)
    out.print(table)
    below = report.below()
    out.print(
        ngettext(
            "{n} dokument under terskelen.", "{n} dokumenter under terskelen.", len(below)
        ).format(n=len(below)),
        markup=False,
    )


def render_import(result: ImportResult, out: Console, *, dry_run: bool) -> None:
    """What ``tvf confirmations import`` read and wrote; the skipped rows by number (no names)."""
    out.print(
        ngettext(
            "Leste {rows} rad fra {file}: {added} nye lesebekreftelser, {history} til historikken "
            "(en eldre hovedversjon), {already} registrert fra før.",
            "Leste {rows} rader fra {file}: {added} nye lesebekreftelser, {history} til "
            "historikken (en eldre hovedversjon), {already} registrert fra før.",
            result.rows,
        ).format(
            rows=result.rows,
            file=result.file,
            added=result.added,
            history=result.history,
            already=result.already,
        ),
        markup=False,
    )
    for problem in result.problems:
        out.print(
            Text(
                _("Rad {row}: {problem}; raden er ikke tatt inn.").format(
                    row=problem.row, problem=problem.message
                ),
                style="yellow",
            )
        )
    for path in result.files:
        out.print(
            (_("Ville skrevet {path}") if dry_run else _("Skrev {path}")).format(path=path),
            markup=False,
        )
    if dry_run:
        out.print(_("Tørrkjøring: ingen filer er endret."), markup=False)


def render_forget(done: Forgotten, out: Console, *, dry_run: bool) -> None:
    """How many confirmations ``tvf confirmations forget`` deleted, and in which files."""
    text = ngettext(
        "Slettet {n} lesebekreftelse i {files} fil.",
        "Slettet {n} lesebekreftelser i {files} filer.",
        done.removed,
    )
    if dry_run:
        text = ngettext(
            "Ville slettet {n} lesebekreftelse i {files} fil.",
            "Ville slettet {n} lesebekreftelser i {files} filer.",
            done.removed,
        )
    out.print(text.format(n=done.removed, files=len(done.files)), markup=False)
    for path in done.files:
        out.print(f"  {path}", markup=False)
    if done.removed and not dry_run:
        out.print(
            _(
                "Commit endringen. Navnet finnes fortsatt i tidligere commits; se "
                "docs/confirmations.md for hvordan det fjernes fra historikken."
            ),
            markup=False,
        )
