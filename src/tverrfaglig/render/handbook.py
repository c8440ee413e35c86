"""``tvf list`` and ``tvf show``: the handbook's documents as a table or JSON, and one document
with its references and law citations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..checks import STATUS_NO
from ..document import Document
from ..i18n import N_, _
from ..queries import LIST_KEYS, DocumentView, row
from .text import count_documents, json_text

# Labels in Norwegian, translated with ``_()`` where they are shown.
TYPE_NO = {
    "procedure": N_("prosedyre"),
    "attachment": N_("vedlegg"),
    "measure": N_("tiltak"),
    "plan": N_("plan"),
    "network": N_("nettverk"),
    "agenda": N_("saksliste"),
    "minutes": N_("referat"),
}


def documents_json(docs: Sequence[Document]) -> str:
    """``tvf list --format json``: the list columns of each document."""
    return json_text([row(d) for d in docs])


def documents_table(docs: Sequence[Document]) -> Table:
    table = Table(show_lines=False, header_style="bold")
    headers = {
        "id": "ID",
        "code": _("Kode"),
        "title": _("Tittel"),
        "type": _("Type"),
        "status": _("Status"),
        "owner": _("Ansvarlig"),
        "review_by": _("Revideres innen"),
    }
    for key in LIST_KEYS:
        table.add_column(headers[key], overflow="fold")
    for doc in docs:
        values = row(doc)
        kind, status = values["type"] or "", values["status"] or ""
        values["type"] = _(TYPE_NO[kind]) if kind in TYPE_NO else values["type"]
        values["status"] = _(STATUS_NO[status]) if status in STATUS_NO else values["status"]
        table.add_row(*(Text(value or "") for value in values.values()))
    table.caption = count_documents(len(docs))
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
    labels = [
        ("type", _("Type")),
        ("code", _("Kode")),
        ("status", _("Status")),
        ("version", _("Versjon")),
        ("owner", _("Ansvarlig")),
        ("approved_by", _("Godkjent av")),
        ("valid_from", _("Gyldig fra")),
        ("review_by", _("Revideres innen")),
        ("applies_to", _("Gjelder for")),
        ("source", _("Kilde")),
    ]
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
    console.print()
    console.print(Text(_("Viser til"), style="bold"))
    if not view.references:
        console.print(none)
    for ref in view.references:
        text = Text(f"  {ref.id}  ")
        if ref.title is None:
            text.append(_("finnes ikke"), style="red")
        else:
            text.append(ref.title)
        console.print(text)

    console.print()

    console.print(Text(_("Referert fra"), style="bold"))
    if not view.referenced_by:
        console.print(none)
    for ref in view.referenced_by:
        console.print(Text(f"  {ref.id}  {ref.title}  ({ref.path})"))

    console.print()

    console.print(Text(_("Lovhenvisninger"), style="bold"))
    if not view.citations:
        console.print(none)
    for cite in view.citations:
        text = Text(f"  {cite.text}")
        if cite.law is None:
            text.append(
                "  " + (_("(ingen lov)") if cite.unresolved else _("(ukjent lov)")), style="red"
            )
            console.print(text)
            continue
        for label, heading in cite.headings():
            text.append(
                f"  {label} «{heading}»"
                if len(cite.sections) + len(cite.articles) > 1
                else f"  «{heading}»"
            )
        if cite.link:
            text.append(f"  {cite.link}", style="cyan")
        if cite.law.is_repealed(today):
            repealed = (
                _("(opphevet {date}, erstattet av {law})")
                if cite.law.replaced_by
                else _("(opphevet {date})")
            ).format(date=cite.law.repealed, law=cite.law.replaced_by)
            text.append("  " + repealed, style="yellow")
        console.print(text)
