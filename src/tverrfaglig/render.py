"""Renderers: a :class:`~tverrfaglig.findings.Report` (and the list/show views) as text.

Renderers only format; they decide nothing. Human output uses rich; machine output (JSON,
GitHub annotations) is plain text with a stable shape.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .checks import STATUS_NO
from .document import Document
from .findings import Report, Severity
from .laws import LawRegistry
from .queries import LIST_KEYS, DocumentView, row

TYPE_NO = {"procedure": "prosedyre", "attachment": "vedlegg", "measure": "tiltak",
           "plan": "plan", "network": "nettverk", "agenda": "saksliste", "minutes": "referat"}
SEVERITY_NO = {Severity.ERROR: "feil", Severity.WARNING: "advarsel"}
STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def render_human(report: Report, console: Console) -> None:
    """Findings grouped by file, each as ``path:line``, then a one-line summary."""
    for path, group in groupby(report.findings, key=lambda f: f.path):
        console.print(Text(path, style="bold underline"))
        findings = list(group)
        locations = [f"{path}:{f.line}" if f.line else path for f in findings]
        width = max(len(location) for location in locations)
        for finding, location in zip(findings, locations, strict=True):
            line = Text("  ")
            line.append(location.ljust(width), style="cyan")
            line.append("  ")
            line.append(finding.code, style=STYLE[finding.severity])
            line.append(f" {SEVERITY_NO[finding.severity]:<8} ", style=STYLE[finding.severity])
            line.append(finding.message)
            console.print(line)
        console.print()
    console.print(summary(report))


def summary(report: Report) -> Text:
    docs = _plural(report.documents, "dokument", "dokumenter")
    if not report.findings:
        return Text(f"✔ Ingen funn i {docs}.", style="bold green")
    parts = []
    if report.errors:
        parts.append(_plural(report.errors, "feil", "feil"))
    if report.warnings:
        parts.append(_plural(report.warnings, "advarsel", "advarsler"))
    files = _plural(len(report.files), "fil", "filer")
    style = "bold red" if report.errors else "bold yellow"
    mark = "✖" if report.errors else "!"
    return Text(f"{mark} {' og '.join(parts)} i {files} ({docs} sjekket).", style=style)


def render_json(report: Report) -> str:
    """The contract's JSON: one array of {code, severity, path, line, message}."""
    return json.dumps([f.as_json() for f in report.findings], ensure_ascii=False, indent=2)


def render_github(report: Report, root: Path, cwd: Path | None = None) -> str:
    """GitHub Actions workflow commands, one ``::error``/``::warning`` line per finding.

    Paths are made relative to the working directory (the repository root in Actions) so the
    annotations land on the right file in a pull request.
    """
    base = Path.cwd() if cwd is None else cwd
    lines = []
    for finding in report.findings:
        level = "error" if finding.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_property(_display_path(root / finding.path, base))}"]
        if finding.line:
            props.append(f"line={finding.line}")
        props.append(f"title={finding.code}")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(finding.message)}")
    return "\n".join(lines)


def _display_path(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def documents_table(docs: Sequence[Document]) -> Table:
    table = Table(show_lines=False, header_style="bold")
    headers = {"id": "ID", "code": "Kode", "title": "Tittel", "type": "Type",
               "status": "Status", "owner": "Ansvarlig", "review_by": "Revideres innen"}
    for key in LIST_KEYS:
        table.add_column(headers[key], overflow="fold")
    for doc in docs:
        values = row(doc)
        values["type"] = TYPE_NO.get(values["type"] or "", values["type"])
        values["status"] = STATUS_NO.get(values["status"] or "", values["status"])
        table.add_row(*(Text(value or "") for value in values.values()))
    table.caption = _plural(len(docs), "dokument", "dokumenter")
    return table


def render_show(view: DocumentView, console: Console, today: dt.date) -> None:
    doc = view.document
    console.print(Text(f"{doc.id}  {doc.title}", style="bold"))
    console.print(Text(doc.path, style="dim"))
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")
    labels = [("type", "Type"), ("code", "Kode"), ("status", "Status"), ("version", "Versjon"),
              ("owner", "Ansvarlig"), ("approved_by", "Godkjent av"), ("valid_from", "Gyldig fra"),
              ("review_by", "Revideres innen"), ("applies_to", "Gjelder for"), ("source", "Kilde")]
    for key, label in labels:
        value = doc.get(key)
        if value is None:
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif key == "status" and value in STATUS_NO:
            value = f"{STATUS_NO[value]} ({value})"
        elif key == "type" and value in TYPE_NO:
            value = f"{TYPE_NO[value]} ({value})"
        meta.add_row(label, Text(str(value)))
    console.print(meta)

    console.print(Text("\nViser til", style="bold"))
    if not view.references:
        console.print("  (ingen)")
    for ref in view.references:
        text = Text(f"  {ref.id}  ")
        if ref.title is None:
            text.append("finnes ikke", style="red")
        else:
            text.append(ref.title)
        console.print(text)

    console.print(Text("\nReferert fra", style="bold"))
    if not view.referenced_by:
        console.print("  (ingen)")
    for ref in view.referenced_by:
        console.print(Text(f"  {ref.id}  {ref.title}  ({ref.path})"))

    console.print(Text("\nLovhenvisninger", style="bold"))
    if not view.citations:
        console.print("  (ingen)")
    for cite in view.citations:
        text = Text(f"  {cite.text}")
        if cite.law is None:
            text.append("  (ukjent lov)", style="red")
            console.print(text)
            continue
        if cite.link:
            text.append(f"  {cite.link}", style="cyan")
        if cite.law.is_repealed(today):
            replaced = f", erstattet av {cite.law.replaced_by}" if cite.law.replaced_by else ""
            text.append(f"  (opphevet {cite.law.repealed}{replaced})", style="yellow")
        console.print(text)


def laws_table(laws: LawRegistry, *, today_repealed: set[str]) -> Table:
    table = Table(header_style="bold")
    for header in ("ID", "Navn og forkortelser", "Tittel", "Status"):
        table.add_column(header, overflow="fold")
    for law in laws:
        status = Text("opphevet", style="yellow") if law.id in today_repealed else Text("i kraft")
        if law.id in today_repealed and law.replaced_by:
            status.append(f" → {law.replaced_by}")
        table.add_row(law.id, ", ".join(law.names), law.title, status)
    table.caption = _plural(len(laws), "lov", "lover")
    return table
