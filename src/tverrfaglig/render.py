"""Renderers: a :class:`~tverrfaglig.findings.Report` (and the list/show views) as text.

Renderers only format; they decide nothing. Human output uses rich; machine output (JSON,
GitHub annotations) is plain text with a stable shape.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .checks import STATUS_NO
from .document import Document
from .findings import Report, Severity
from .laws import LawRegistry
from .queries import LIST_KEYS, DocumentView, row
from .report_formats import display_path

if TYPE_CHECKING:  # tverrfaglig.lovdata is imported only by the tvf laws commands
    from .lovdata import CitedProvision, CitingDocument, ImportResult, LawOverview

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
        props = [f"file={_escape_property(display_path(root / finding.path, base))}"]
        if finding.line:
            props.append(f"line={finding.line}")
        props.append(f"title={finding.code}")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(finding.message)}")
    return "\n".join(lines)


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


# --- tvf laws import / cited / show ---------------------------------------------------------


def render_import(result: ImportResult, console: Console) -> None:
    """What ``tvf laws import`` read and wrote."""
    archive = result.archive
    dated = f", datert {archive.date}" if archive.date else ""
    console.print(Text(f"Lest {archive.source}{dated}: {archive.files} lovfiler, "
                       f"{archive.parsed} av dem tolket ({result.seconds:.1f} s).",
                       style="bold"))
    table = Table(header_style="bold")
    for header in ("ID", "Navn", "Paragrafer", "Kapitler", "I kraft", "Sist endret",
                   "I registeret"):
        table.add_column(header, overflow="fold")
    imported = set(result.imported)
    added = set(result.added)
    for law in result.laws:
        if law.id not in imported:
            continue
        repealed = sum(1 for s in law.section_info if s.repealed)
        sections = str(len(law.section_info)) + (f" ({repealed} opphevet)" if repealed else "")
        table.add_row(law.id, law.short_name, sections, str(len(law.chapter_info)),
                      str(law.in_force or ""), str(law.last_change or ""),
                      Text("ny", style="green") if law.id in added else "oppdatert")
    table.caption = _plural(len(imported), "lov", "lover") + " fra Lovdata"
    console.print(table)
    from .lovdata import law_id_of

    for skipped in archive.skipped:
        law_id = law_id_of(skipped.name)
        what = f"{skipped.name} ({law_id})" if law_id else skipped.name
        console.print(Text(f"Hoppet over {what}: {skipped.reason}. Oppføringen i registeret "
                           "står som før.", style="yellow"))
    for law_id in result.missing:
        console.print(Text(f"{law_id} er ikke i arkivet (opphevet, eller ikke en lov i kraft); "
                           "oppføringen i registeret står som før.", style="yellow"))
    if result.written:
        console.print(Text(f"✔ Skrev {result.path.name} med "
                           f"{_plural(len(result.laws), 'lov', 'lover')}.", style="bold green"))
    else:
        console.print(Text(f"Prøvekjøring: {result.path.name} er ikke skrevet "
                           f"({_plural(len(result.laws), 'lov', 'lover')} ville blitt skrevet).",
                           style="bold"))


def _documents_text(documents: Sequence[CitingDocument]) -> str:
    return ", ".join(doc.label for doc in documents)


def cited_table(provisions: Sequence[CitedProvision], today: dt.date) -> Table:
    """``tvf laws cited``: every cited law, chapter and section with its Lovdata link."""
    table = Table(header_style="bold")
    for header in ("Lov", "Hjemmel", "Tittel", "Lovdata", "Dokumenter", "Merknad"):
        table.add_column(header, overflow="fold")
    previous = None
    for provision in provisions:
        law = provision.law.short_name if provision.law else provision.law_text
        status = provision.status(today)
        table.add_row(law if law != previous else "", provision.label, provision.title,
                      Text(provision.url or "", style="cyan"),
                      _documents_text(provision.documents),
                      Text(status, style="yellow" if status else ""))
        previous = law
    laws = {p.law.id if p.law else p.law_text for p in provisions}
    table.caption = (f"{_plural(len(provisions), 'henvisning', 'henvisninger')} til "
                     f"{_plural(len(laws), 'lov', 'lover')}")
    return table


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def cited_markdown(provisions: Sequence[CitedProvision], today: dt.date, title: str) -> str:
    """``tvf laws cited --format markdown``: one table per law, for an audit report."""
    lines = [f"# Lovgrunnlaget – {_md(title)}", "",
             "Lovene, kapitlene og paragrafene som dokumentene i håndboka viser til, med lenker "
             "til Lovdata (utgåtte dokumenter er ikke med).", ""]
    for _key, group in groupby(provisions, key=lambda p: p.law.id if p.law else p.law_text):
        items = list(group)
        law = items[0].law
        heading = f"{law.short_name} ({law.id})" if law else f"{items[0].law_text} (ukjent lov)"
        lines += [f"## {_md(heading)}", ""]
        if law is not None:
            lines += [f"{_md(law.title)}. <{law.url()}>", ""]
        lines += ["| Hjemmel | Tittel | Dokumenter | Merknad |", "|---|---|---|---|"]
        for provision in items:
            label = (f"[{provision.label}]({provision.url})" if provision.url
                     else provision.label)
            lines.append(f"| {label} | {_md(provision.title)} | "
                         f"{_md(_documents_text(provision.documents))} | "
                         f"{_md(provision.status(today))} |")
        lines.append("")
    if not provisions:
        lines += ["Ingen dokumenter viser til lover.", ""]
    return "\n".join(lines)


def render_law_overview(overview: LawOverview, console: Console, today: dt.date) -> None:
    """``tvf laws show``: a law, its sections with titles, and which documents cite each."""
    law = overview.law
    console.print(Text(f"{law.short_name}  {law.title}", style="bold"))
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    rows = [("ID", law.id), ("Lovdata", law.url()),
            ("Korttittel", " – ".join(p for p in (law.short_title, law.abbreviation) if p)),
            ("Navn", ", ".join(law.names)),
            ("I kraft fra", str(law.in_force or "")),
            ("Sist endret", " ".join(p for p in (str(law.last_change or ""),
                                                  f"({law.last_changed_by})"
                                                  if law.last_changed_by else "") if p))]
    if law.repealed:
        replaced = f", erstattet av {law.replaced_by}" if law.replaced_by else ""
        rows.append(("Opphevet", f"{law.repealed}{replaced}"))
    for label, value in rows:
        if value:
            meta.add_row(label, Text(value))
    console.print(meta)
    console.print()
    if overview.sections:
        table = Table(header_style="bold")
        for header in ("§", "Tittel", "Kapittel", "Sist endret", "Vist til fra"):
            table.add_column(header, overflow="fold")
        for use in overview.sections:
            section = use.section
            last = section.last_amendment
            title = Text(section.title, style="dim" if section.repealed else "")
            table.add_row(f"§ {section.name}", title, section.chapter or "",
                          str(last.date) if last else "", _documents_text(use.documents))
        cited = sum(1 for use in overview.sections if use.documents)
        table.caption = (f"{_plural(len(overview.sections), 'paragraf', 'paragrafer')}, "
                         f"{cited} med henvisninger fra håndboka")
        console.print(table)
    elif law.is_repealed(today):
        console.print(Text("Paragrafene i loven er ikke kjent i lovregisteret: loven er "
                           "opphevet, og Lovdatas åpne data har bare lovene som gjelder.",
                           style="yellow"))
    else:
        console.print(Text("Paragrafene i loven er ikke kjent i lovregisteret; hent dem fra "
                           "Lovdata med tvf laws import.", style="yellow"))
    others = [p for p in overview.cited
              if p.section is None or not overview.sections or p.status(today)]
    if others:
        console.print(Text("\nHåndboka viser til", style="bold"))
        for provision in others:
            status = provision.status(today)
            text = Text(f"  {provision.label}  ")
            text.append(provision.url or "", style="cyan")
            text.append(f"  {_documents_text(provision.documents)}")
            if status:
                text.append(f"  ({status})", style="yellow")
            console.print(text)
    elif not any(use.documents for use in overview.sections):
        console.print(Text("\nIngen dokumenter i håndboka viser til denne loven."))
