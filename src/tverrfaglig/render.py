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
from .i18n import N_, _, ngettext
from .laws import LawRegistry
from .queries import LIST_KEYS, DocumentView, row
from .report_formats import display_path

if TYPE_CHECKING:  # tverrfaglig.lovdata is imported only by the tvf laws commands
    from .lovdata import CitedProvision, CitingDocument, ImportResult, LawOverview

# Labels in Norwegian, translated with ``_()`` where they are shown.
TYPE_NO = {"procedure": N_("prosedyre"), "attachment": N_("vedlegg"), "measure": N_("tiltak"),
           "plan": N_("plan"), "network": N_("nettverk"), "agenda": N_("saksliste"),
           "minutes": N_("referat")}
SEVERITY_NO = {Severity.ERROR: N_("feil"), Severity.WARNING: N_("advarsel")}
STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def _documents(count: int) -> str:
    return ngettext("{n} dokument", "{n} dokumenter", count).format(n=count)


def _laws(count: int) -> str:
    return ngettext("{n} lov", "{n} lover", count).format(n=count)


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
            line.append(f" {_(SEVERITY_NO[finding.severity]):<8} ",
                        style=STYLE[finding.severity])
            line.append(finding.message)
            console.print(line)
        console.print()
    console.print(summary(report))


def summary(report: Report) -> Text:
    docs = _documents(report.documents)
    if not report.findings:
        return Text("✔ " + _("Ingen funn i {documents}.").format(documents=docs),
                    style="bold green")
    errors = ngettext("{n} feil", "{n} feil", report.errors).format(n=report.errors)
    warnings = ngettext("{n} advarsel", "{n} advarsler", report.warnings).format(
        n=report.warnings)
    files = ngettext("{n} fil", "{n} filer", len(report.files)).format(n=len(report.files))
    if report.errors and report.warnings:
        text = _("{errors} og {warnings} i {files} ({documents} sjekket).").format(
            errors=errors, warnings=warnings, files=files, documents=docs)
    else:
        text = _("{findings} i {files} ({documents} sjekket).").format(
            findings=errors if report.errors else warnings, files=files, documents=docs)
    style = "bold red" if report.errors else "bold yellow"
    mark = "✖" if report.errors else "!"
    return Text(f"{mark} {text}", style=style)


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
    headers = {"id": "ID", "code": _("Kode"), "title": _("Tittel"), "type": _("Type"),
               "status": _("Status"), "owner": _("Ansvarlig"),
               "review_by": _("Revideres innen")}
    for key in LIST_KEYS:
        table.add_column(headers[key], overflow="fold")
    for doc in docs:
        values = row(doc)
        kind, status = values["type"] or "", values["status"] or ""
        values["type"] = _(TYPE_NO[kind]) if kind in TYPE_NO else values["type"]
        values["status"] = _(STATUS_NO[status]) if status in STATUS_NO else values["status"]
        table.add_row(*(Text(value or "") for value in values.values()))
    table.caption = _documents(len(docs))
    return table


def _with_value(label: str, value: str) -> str:
    """``godkjent (approved)``: the label with the front-matter value, unless the label in the
    language in use already is that value (``approved`` in English)."""
    shown = _(label)
    return shown if shown == value and shown != label else f"{shown} ({value})"


def render_show(view: DocumentView, console: Console, today: dt.date) -> None:
    doc = view.document
    console.print(Text(f"{doc.id}  {doc.title}", style="bold"))
    console.print(Text(doc.path, style="dim"))
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")
    labels = [("type", _("Type")), ("code", _("Kode")), ("status", _("Status")),
              ("version", _("Versjon")), ("owner", _("Ansvarlig")),
              ("approved_by", _("Godkjent av")), ("valid_from", _("Gyldig fra")),
              ("review_by", _("Revideres innen")), ("applies_to", _("Gjelder for")),
              ("source", _("Kilde"))]
    for key, label in labels:
        value = doc.get(key)
        if value is None:
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif key == "status" and value in STATUS_NO:
            value = _with_value(STATUS_NO[value], value)
        elif key == "type" and value in TYPE_NO:
            value = _with_value(TYPE_NO[value], value)
        meta.add_row(label, Text(str(value)))
    console.print(meta)

    none = "  " + _("(ingen)")
    console.print(Text("\n" + _("Viser til"), style="bold"))
    if not view.references:
        console.print(none)
    for ref in view.references:
        text = Text(f"  {ref.id}  ")
        if ref.title is None:
            text.append(_("finnes ikke"), style="red")
        else:
            text.append(ref.title)
        console.print(text)

    console.print(Text("\n" + _("Referert fra"), style="bold"))
    if not view.referenced_by:
        console.print(none)
    for ref in view.referenced_by:
        console.print(Text(f"  {ref.id}  {ref.title}  ({ref.path})"))

    console.print(Text("\n" + _("Lovhenvisninger"), style="bold"))
    if not view.citations:
        console.print(none)
    for cite in view.citations:
        text = Text(f"  {cite.text}")
        if cite.law is None:
            text.append("  " + _("(ukjent lov)"), style="red")
            console.print(text)
            continue
        if cite.link:
            text.append(f"  {cite.link}", style="cyan")
        if cite.law.is_repealed(today):
            repealed = (_("(opphevet {date}, erstattet av {law})") if cite.law.replaced_by
                        else _("(opphevet {date})")).format(date=cite.law.repealed,
                                                            law=cite.law.replaced_by)
            text.append("  " + repealed, style="yellow")
        console.print(text)


def laws_table(laws: LawRegistry, *, today_repealed: set[str]) -> Table:
    table = Table(header_style="bold")
    for header in ("ID", _("Navn og forkortelser"), _("Tittel"), _("Status")):
        table.add_column(header, overflow="fold")
    for law in laws:
        status = (Text(_("opphevet"), style="yellow") if law.id in today_repealed
                  else Text(_("i kraft")))
        if law.id in today_repealed and law.replaced_by:
            status.append(f" → {law.replaced_by}")
        table.add_row(law.id, ", ".join(law.names), law.title, status)
    table.caption = _laws(len(laws))
    return table


# --- tvf laws import / cited / show ---------------------------------------------------------


def render_import(result: ImportResult, console: Console) -> None:
    """What ``tvf laws import`` read and wrote."""
    archive = result.archive
    read = (_("Lest {source}, datert {date}: {files} lovfiler, {parsed} av dem tolket "
              "({seconds} s).") if archive.date
            else _("Lest {source}: {files} lovfiler, {parsed} av dem tolket ({seconds} s)."))
    console.print(Text(read.format(source=archive.source, date=archive.date,
                                   files=archive.files, parsed=archive.parsed,
                                   seconds=f"{result.seconds:.1f}"), style="bold"))
    table = Table(header_style="bold")
    for header in ("ID", _("Navn"), _("Paragrafer"), _("Kapitler"), _("I kraft"),
                   _("Sist endret"), _("I registeret")):
        table.add_column(header, overflow="fold")
    imported = set(result.imported)
    added = set(result.added)
    for law in result.laws:
        if law.id not in imported:
            continue
        repealed = sum(1 for s in law.section_info if s.repealed)
        sections = str(len(law.section_info)) + (
            " " + _("({n} opphevet)").format(n=repealed) if repealed else "")
        table.add_row(law.id, law.short_name, sections, str(len(law.chapter_info)),
                      str(law.in_force or ""), str(law.last_change or ""),
                      Text(_("ny"), style="green") if law.id in added else _("oppdatert"))
    table.caption = ngettext("{n} lov fra Lovdata", "{n} lover fra Lovdata",
                             len(imported)).format(n=len(imported))
    console.print(table)
    from .lovdata import law_id_of

    for skipped in archive.skipped:
        law_id = law_id_of(skipped.name)
        what = f"{skipped.name} ({law_id})" if law_id else skipped.name
        console.print(Text(_("Hoppet over {file}: {reason}. Oppføringen i registeret står "
                             "som før.").format(file=what, reason=skipped.reason),
                           style="yellow"))
    for law_id in result.missing:
        console.print(Text(_("{law} er ikke i arkivet (opphevet, eller ikke en lov i kraft); "
                             "oppføringen i registeret står som før.").format(law=law_id),
                           style="yellow"))
    count = len(result.laws)
    if result.written:
        console.print(Text("✔ " + ngettext("Skrev {file} med {n} lov.",
                                           "Skrev {file} med {n} lover.", count).format(
                               file=result.path.name, n=count), style="bold green"))
    else:
        console.print(Text(ngettext(
            "Prøvekjøring: {file} er ikke skrevet ({n} lov ville blitt skrevet).",
            "Prøvekjøring: {file} er ikke skrevet ({n} lover ville blitt skrevet).",
            count).format(file=result.path.name, n=count), style="bold"))


def _documents_text(documents: Sequence[CitingDocument]) -> str:
    return ", ".join(doc.label for doc in documents)


def cited_table(provisions: Sequence[CitedProvision], today: dt.date) -> Table:
    """``tvf laws cited``: every cited law, chapter and section with its Lovdata link."""
    table = Table(header_style="bold")
    for header in (_("Lov"), _("Hjemmel"), _("Tittel"), "Lovdata", _("Dokumenter"),
                   _("Merknad")):
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
    table.caption = _("{references} til {laws}").format(
        references=ngettext("{n} henvisning", "{n} henvisninger", len(provisions)).format(
            n=len(provisions)),
        laws=_laws(len(laws)))
    return table


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def cited_markdown(provisions: Sequence[CitedProvision], today: dt.date, title: str) -> str:
    """``tvf laws cited --format markdown``: one table per law, for an audit report."""
    lines = ["# " + _("Lovgrunnlaget – {title}").format(title=_md(title)), "",
             _("Lovene, kapitlene og paragrafene som dokumentene i håndboka viser til, med "
               "lenker til Lovdata (utgåtte dokumenter er ikke med)."), ""]
    header = "| " + " | ".join((_("Hjemmel"), _("Tittel"), _("Dokumenter"), _("Merknad"))) + " |"
    for _key, group in groupby(provisions, key=lambda p: p.law.id if p.law else p.law_text):
        items = list(group)
        law = items[0].law
        heading = (f"{law.short_name} ({law.id})" if law
                   else _("{law} (ukjent lov)").format(law=items[0].law_text))
        lines += [f"## {_md(heading)}", ""]
        if law is not None:
            lines += [f"{_md(law.title)}. <{law.url()}>", ""]
        lines += [header, "|---|---|---|---|"]
        for provision in items:
            label = (f"[{provision.label}]({provision.url})" if provision.url
                     else provision.label)
            lines.append(f"| {label} | {_md(provision.title)} | "
                         f"{_md(_documents_text(provision.documents))} | "
                         f"{_md(provision.status(today))} |")
        lines.append("")
    if not provisions:
        lines += [_("Ingen dokumenter viser til lover."), ""]
    return "\n".join(lines)


def render_law_overview(overview: LawOverview, console: Console, today: dt.date) -> None:
    """``tvf laws show``: a law, its sections with titles, and which documents cite each."""
    law = overview.law
    console.print(Text(f"{law.short_name}  {law.title}", style="bold"))
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    rows = [("ID", law.id), ("Lovdata", law.url()),
            (_("Korttittel"), " – ".join(p for p in (law.short_title, law.abbreviation) if p)),
            (_("Navn"), ", ".join(law.names)),
            (_("I kraft fra"), str(law.in_force or "")),
            (_("Sist endret"), " ".join(p for p in (str(law.last_change or ""),
                                                     f"({law.last_changed_by})"
                                                     if law.last_changed_by else "") if p))]
    if law.repealed:
        repealed = (_("{date}, erstattet av {law}").format(date=law.repealed,
                                                           law=law.replaced_by)
                    if law.replaced_by else str(law.repealed))
        rows.append((_("Opphevet"), repealed))
    for label, value in rows:
        if value:
            meta.add_row(label, Text(value))
    console.print(meta)
    console.print()
    if overview.sections:
        table = Table(header_style="bold")
        for header in ("§", _("Tittel"), _("Kapittel"), _("Sist endret"), _("Vist til fra")):
            table.add_column(header, overflow="fold")
        for use in overview.sections:
            section = use.section
            last = section.last_amendment
            title = Text(section.title, style="dim" if section.repealed else "")
            table.add_row(f"§ {section.name}", title, section.chapter or "",
                          str(last.date) if last else "", _documents_text(use.documents))
        cited = sum(1 for use in overview.sections if use.documents)
        table.caption = _("{sections}, {cited} med henvisninger fra håndboka").format(
            sections=ngettext("{n} paragraf", "{n} paragrafer", len(overview.sections)).format(
                n=len(overview.sections)), cited=cited)
        console.print(table)
    elif law.is_repealed(today):
        console.print(Text(_("Paragrafene i loven er ikke kjent i lovregisteret: loven er "
                             "opphevet, og Lovdatas åpne data har bare lovene som gjelder."),
                           style="yellow"))
    else:
        console.print(Text(_("Paragrafene i loven er ikke kjent i lovregisteret; hent dem fra "
                             "Lovdata med tvf laws import."), style="yellow"))
    others = [p for p in overview.cited
              if p.section is None or not overview.sections or p.status(today)]
    if others:
        console.print(Text("\n" + _("Håndboka viser til"), style="bold"))
        for provision in others:
            status = provision.status(today)
            text = Text(f"  {provision.label}  ")
            text.append(provision.url or "", style="cyan")
            text.append(f"  {_documents_text(provision.documents)}")
            if status:
                text.append(f"  ({status})", style="yellow")
            console.print(text)
    elif not any(use.documents for use in overview.sections):
        console.print(Text("\n" + _("Ingen dokumenter i håndboka viser til denne loven.")))
