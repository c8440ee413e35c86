"""``tvf laws``: the law registry, what ``tvf laws import`` did, the provisions the handbook
cites (``tvf laws cited``) and one law (``tvf laws show``), as tables, JSON or Markdown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..i18n import _, ngettext
from ..laws import LawRegistry
from .text import json_text

if TYPE_CHECKING:  # the import and the queries are imported only by the tvf laws commands
    from ..laws.lovdata import ImportResult
    from ..laws.queries import CitedProvision, CitingDocument, LawOverview


def _laws(count: int) -> str:
    return ngettext("{n} lov", "{n} lover", count).format(n=count)


# --- tvf laws -------------------------------------------------------------------------------


def repealed_laws(laws: LawRegistry, today: dt.date) -> set[str]:
    """The IDs of the laws repealed by ``today``."""
    return {law.id for law in laws if law.is_repealed(today)}


def laws_json(laws: LawRegistry, today: dt.date) -> str:
    """``tvf laws --format json``: every law in the merged registry."""
    repealed = repealed_laws(laws, today)
    return json_text(
        [
            {
                "id": law.id,
                "title": law.title,
                "names": list(law.names),
                "repealed": law.repealed.isoformat() if law.repealed else None,
                "replaced_by": law.replaced_by,
                "in_force": law.id not in repealed,
                "url": law.url(),
                "short_title": law.short_title,
                "abbreviation": law.abbreviation,
                "in_force_from": law.in_force.isoformat() if law.in_force else None,
                "last_change": law.last_change.isoformat() if law.last_change else None,
                "sections": len(law.sections) if law.sections is not None else None,
            }
            for law in laws
        ]
    )


def laws_table(laws: LawRegistry, today: dt.date) -> Table:
    """``tvf laws``: every law in the merged registry, in force or repealed by ``today``."""
    today_repealed = repealed_laws(laws, today)
    table = Table(header_style="bold")
    for header in ("ID", _("Navn og forkortelser"), _("Tittel"), _("Status")):
        table.add_column(header, overflow="fold")
    for law in laws:
        status = (
            Text(_("opphevet"), style="yellow") if law.id in today_repealed else Text(_("i kraft"))
        )
        if law.id in today_repealed and law.replaced_by:
            status.append(f" → {law.replaced_by}")
        table.add_row(law.id, ", ".join(law.names), law.title, status)
    table.caption = _laws(len(laws))
    return table


# --- tvf laws import / cited / show ---------------------------------------------------------


def render_import(result: ImportResult, console: Console) -> None:
    """What ``tvf laws import`` read and wrote."""
    archive = result.archive
    read = (
        _("Lest {source}, datert {date}: {files} lovfiler, {parsed} av dem tolket ({seconds} s).")
        if archive.date
        else _("Lest {source}: {files} lovfiler, {parsed} av dem tolket ({seconds} s).")
    )
    console.print(
        Text(
            read.format(
                source=archive.source,
                date=archive.date,
                files=archive.files,
                parsed=archive.parsed,
                seconds=f"{result.seconds:.1f}",
            ),
            style="bold",
        )
    )
    table = Table(header_style="bold")
    for header in (
        "ID",
        _("Navn"),
        _("Paragrafer"),
        _("Kapitler"),
        _("I kraft"),
        _("Sist endret"),
        _("I registeret"),
    ):
        table.add_column(header, overflow="fold")
    imported = set(result.imported)
    added = set(result.added)
    for law in result.laws:
        if law.id not in imported:
            continue
        repealed = sum(1 for s in law.section_info if s.repealed)
        sections = str(len(law.section_info)) + (
            " " + _("({n} opphevet)").format(n=repealed) if repealed else ""
        )
        table.add_row(
            law.id,
            law.short_name,
            sections,
            str(len(law.chapter_info)),
            str(law.in_force or ""),
            str(law.last_change or ""),
            Text(_("ny"), style="green") if law.id in added else _("oppdatert"),
        )
    table.caption = ngettext("{n} lov fra Lovdata", "{n} lover fra Lovdata", len(imported)).format(
        n=len(imported)
    )
    console.print(table)
    from ..laws.lovdata import law_id_of

    for skipped in archive.skipped:
        law_id = law_id_of(skipped.name)
        what = f"{skipped.name} ({law_id})" if law_id else skipped.name
        console.print(
            Text(
                _("Hoppet over {file}: {reason}. Oppføringen i registeret står som før.").format(
                    file=what, reason=skipped.reason
                ),
                style="yellow",
            )
        )
    for law_id in result.missing:
        console.print(
            Text(
                _(
                    "{law} er ikke i arkivet (opphevet, eller ikke en lov i kraft); "
                    "oppføringen i registeret står som før."
                ).format(law=law_id),
                style="yellow",
            )
        )
    count = len(result.laws)
    if result.written:
        console.print(
            Text(
                "✔ "
                + ngettext(
                    "Skrev {file} med {n} lov.", "Skrev {file} med {n} lover.", count
                ).format(file=result.path.name, n=count),
                style="bold green",
            )
        )
    else:
        console.print(
            Text(
                ngettext(
                    "Prøvekjøring: {file} er ikke skrevet ({n} lov ville blitt skrevet).",
                    "Prøvekjøring: {file} er ikke skrevet ({n} lover ville blitt skrevet).",
                    count,
                ).format(file=result.path.name, n=count),
                style="bold",
            )
        )


def _documents_text(documents: Sequence[CitingDocument]) -> str:
    return ", ".join(doc.label for doc in documents)


def cited_table(provisions: Sequence[CitedProvision], today: dt.date) -> Table:
    """``tvf laws cited``: every cited law, chapter and section with its Lovdata link."""
    table = Table(header_style="bold")
    for header in (_("Lov"), _("Hjemmel"), _("Tittel"), "Lovdata", _("Dokumenter"), _("Merknad")):
        table.add_column(header, overflow="fold")
    previous = None
    for provision in provisions:
        law = law_name(provision)
        status = provision.status(today)
        table.add_row(
            law if law != previous else "",
            provision.label,
            provision.title,
            Text(provision.url or "", style="cyan"),
            _documents_text(provision.documents),
            Text(status, style="yellow" if status else ""),
        )
        previous = law
    laws = {p.law.id if p.law else p.law_text for p in provisions}
    table.caption = _("{references} til {laws}").format(
        references=ngettext("{n} henvisning", "{n} henvisninger", len(provisions)).format(
            n=len(provisions)
        ),
        laws=_laws(len(laws)),
    )
    return table


def law_name(provision: CitedProvision) -> str:
    """The law of a provision as people read it: its short name, the text that named an
    unknown law, or «(ingen lov)» for a section sign with no law."""
    if provision.law is not None:
        return provision.law.short_name if provision.law.names else provision.law.title
    return provision.law_text or _("(ingen lov)")


def found_lines(provisions: Sequence[CitedProvision], today: dt.date) -> str:
    """``tvf laws find``: one line per provision: where, the law and provision, its heading,
    what is wrong with it (if anything) and its Lovdata link."""
    lines: list[str] = []
    for provision in provisions:
        where = provision.documents[0].line if provision.documents else None
        parts = [
            f"{where}:" if where is not None else "-:",
            f"{law_name(provision)} {provision.label}",
        ]
        if provision.title:
            parts.append(f"«{provision.title}»")
        status = provision.status_text(today)
        if status:
            parts.append(f"[{status}]")
        if provision.url:
            parts.append(provision.url)
        lines.append(" ".join(parts))
    if not provisions:
        lines.append(_("Ingen lovhenvisninger funnet."))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def cited_markdown(provisions: Sequence[CitedProvision], today: dt.date, title: str) -> str:
    """``tvf laws cited --format markdown``: one table per law, for an audit report."""
    lines = [
        "# " + _("Lovgrunnlaget – {title}").format(title=_md(title)),
        "",
        _(
            "Lovene, kapitlene og paragrafene som dokumentene i håndboka viser til, med "
            "lenker til Lovdata (utgåtte dokumenter er ikke med)."
        ),
        "",
    ]
    header = "| " + " | ".join((_("Hjemmel"), _("Tittel"), _("Dokumenter"), _("Merknad"))) + " |"
    for _key, group in groupby(provisions, key=lambda p: p.law.id if p.law else p.law_text):
        items = list(group)
        law = items[0].law
        heading = (
            f"{law.short_name} ({law.id})"
            if law
            else _("{law} (ukjent lov)").format(law=items[0].law_text)
        )
        lines += [f"## {_md(heading)}", ""]
        if law is not None:
            lines += [f"{_md(law.title)}. <{law.url()}>", ""]
        lines += [header, "|---|---|---|---|"]
        for provision in items:
            label = f"[{provision.label}]({provision.url})" if provision.url else provision.label
            lines.append(
                f"| {label} | {_md(provision.title)} | "
                f"{_md(_documents_text(provision.documents))} | "
                f"{_md(provision.status(today))} |"
            )
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
    rows = [
        ("ID", law.id),
        ("Lovdata", law.url()),
        (_("Korttittel"), " – ".join(p for p in (law.short_title, law.abbreviation) if p)),
        (_("Navn"), ", ".join(law.names)),
        (_("I kraft fra"), str(law.in_force or "")),
        (
            _("Sist endret"),
            " ".join(
                p
                for p in (
                    str(law.last_change or ""),
                    f"({law.last_changed_by})" if law.last_changed_by else "",
                )
                if p
            ),
        ),
    ]
    if law.repealed:
        repealed = (
            _("{date}, erstattet av {law}").format(date=law.repealed, law=law.replaced_by)
            if law.replaced_by
            else str(law.repealed)
        )
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
            table.add_row(
                f"§ {section.name}",
                title,
                section.chapter or "",
                str(last.date) if last else "",
                _documents_text(use.documents),
            )
        cited = sum(1 for use in overview.sections if use.documents)
        table.caption = _("{sections}, {cited} med henvisninger fra håndboka").format(
            sections=ngettext("{n} paragraf", "{n} paragrafer", len(overview.sections)).format(
                n=len(overview.sections)
            ),
            cited=cited,
        )
        console.print(table)
    elif law.is_repealed(today):
        console.print(
            Text(
                _(
                    "Paragrafene i loven er ikke kjent i lovregisteret: loven er "
                    "opphevet, og Lovdatas åpne data har bare lovene som gjelder."
                ),
                style="yellow",
            )
        )
    else:
        console.print(
            Text(
                _(
                    "Paragrafene i loven er ikke kjent i lovregisteret; hent dem fra "
                    "Lovdata med tvf laws import."
                ),
                style="yellow",
            )
        )
    others = [
        p for p in overview.cited if p.section is None or not overview.sections or p.status(today)
    ]
    if others:
        console.print()
        console.print(Text(_("Håndboka viser til"), style="bold"))
        for provision in others:
            status = provision.status(today)
            text = Text(f"  {provision.label}  ")
            text.append(provision.url or "", style="cyan")
            text.append(f"  {_documents_text(provision.documents)}")
            if status:
                text.append(f"  ({status})", style="yellow")
            console.print(text)
    elif not any(use.documents for use in overview.sections):
        console.print()
        console.print(Text(_("Ingen dokumenter i håndboka viser til denne loven.")))


def cited_json(provisions: Sequence[CitedProvision], today: dt.date) -> str:
    """``tvf laws cited --format json``."""
    return json_text([p.as_json(today) for p in provisions])


def law_overview_json(overview: LawOverview, today: dt.date) -> str:
    """``tvf laws show --format json``."""
    return json_text(overview.as_json(today))
