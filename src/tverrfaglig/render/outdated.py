"""``tvf outdated``: the report as a table for people, JSON, CSV (for a spreadsheet) and
Markdown (for an e-mail).

Every renderer here refuses a report that would hold what looks like a national identity
number (:func:`tverrfaglig.pii.guard`), before anything is written, so a caller of the library
cannot print one either.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from json.encoder import encode_basestring

from rich.console import Console, Group, RenderableType
from rich.control import strip_control_codes
from rich.table import Table
from rich.text import Text

from .. import i18n
from ..i18n import _, ngettext
from ..outdated import (
    NO_OWNER,
    OVERDUE,
    URGENCIES,
    URGENCY_NO,
    OutdatedItem,
    OutdatedReport,
)
from ..pii import contains_national_id, guard
from .console import printable
from .text import _JSON_UNSAFE, json_text, markdown_escape

URGENCY_STYLE = {OVERDUE: "bold red", "due": "yellow", "notice": "cyan"}


def refuse_personal_data(text: str) -> str:
    """``text``, unless it holds what looks like a national identity number: then the
    :class:`~tverrfaglig.errors.TvfError` that says the report is not printed."""
    guard(
        text,
        _(
            "Rapporten ville inneholdt det som ser ut som et fødselsnummer (TVF501), så "
            "den er ikke skrevet ut."
        ),
        hint=_("Kjør tvf check for å finne dokumentet, og fjern nummeret."),
    )
    return text


def note_lines(report: OutdatedReport) -> list[str]:
    """The report's notes as ``Merk: …`` lines (for standard error beside CSV)."""
    return [_("Merk: {note}").format(note=note) for note in report.notes]


def urgency_text(urgency: str) -> str:
    """``forfalt``, ``forfaller snart`` or ``bør følges opp``, in the language in use."""
    return _(URGENCY_NO[urgency])


def when_text(item: OutdatedItem) -> str:
    """The date column in words: ``frist 2026-01-01, 328 dager over``."""
    if item.days_left is not None and item.due is not None:
        if not item.days_left:
            return _("frist {date}, i dag").format(date=item.due)
        return ngettext(
            "frist {date}, om {n} dag", "frist {date}, om {n} dager", item.days_left
        ).format(date=item.due, n=item.days_left)
    if item.due is not None and item.days_overdue is not None:
        if item.kind in ("minutes_missing", "meeting_missed"):
            return ngettext(
                "møtet {date}, {n} dag siden", "møtet {date}, {n} dager siden", item.days_overdue
            ).format(date=item.due, n=item.days_overdue)
        return ngettext(
            "frist {date}, {n} dag over", "frist {date}, {n} dager over", item.days_overdue
        ).format(date=item.due, n=item.days_overdue)
    if item.last_changed is not None and item.days_overdue is not None:
        return ngettext(
            "endret {date}, {n} dag siden", "endret {date}, {n} dager siden", item.days_overdue
        ).format(date=item.last_changed, n=item.days_overdue)
    if item.last_changed is not None:
        return _("sist endret {date}").format(date=item.last_changed)
    return ""


def render_json(report: OutdatedReport, *, by_owner: bool = False) -> str:
    data = report.as_json(by_owner=by_owner)
    # Refused on the text itself: json_text would only mask the number.
    refuse_personal_data(json.dumps(data, ensure_ascii=False))
    if contains_national_id("\0".join(_texts(data))):
        return json_text(data)  # masks what the refusal above let through
    # Nothing to mask: the same text as json_text, made faster (json's C encoder does not indent).
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", indented_json(data))


def _texts(value: object) -> Iterator[str]:
    """Every text in ``value`` (keys too) and every whole number as text: what json_text masks.
    Joined with NUL, which no identity number can span or touch, they hold a number exactly
    when one of them does."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, int) and not isinstance(value, bool):
        yield str(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def indented_json(value: object, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, byte for byte, for the values a
    report holds (dicts with text keys, lists, text, whole numbers, truth values, None),
    several times faster: each text is encoded by json's C function, not its Python encoder."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    inner = "\n" + "  " * (level + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = [
            # json writes a key that is not text as the text of its JSON (1 → "1").
            f"{inner}{encode_basestring(key if isinstance(key, str) else json.dumps(key))}: "
            f"{indented_json(item, level + 1)}"
            for key, item in value.items()
        ]
        return "{" + ",".join(parts) + "\n" + "  " * level + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        parts = [inner + indented_json(item, level + 1) for item in value]
        return "[" + ",".join(parts) + "\n" + "  " * level + "]"
    return json.dumps(value, ensure_ascii=False)  # anything else: as json writes it


CSV_FIELDS = (
    "urgency",
    "kind",
    "label",
    "code",
    "due",
    "days_overdue",
    "days_left",
    "last_changed",
    "last_changed_by",
    "last_changed_source",
    "age_days",
    "id",
    "title",
    "owner",
    "network",
    "path",
    "line",
    "message",
    "action",
)


def render_csv(report: OutdatedReport, *, by_owner: bool = False) -> str:
    """One row per item with a header row; grouped by owner with ``by_owner``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    items: Sequence[OutdatedItem] = (
        [i for _owner, group in report.by_owner() for i in group] if by_owner else report.items
    )
    for item in items:
        row = item.as_json()
        writer.writerow({key: "" if row.get(key) is None else row[key] for key in CSV_FIELDS})
    return refuse_personal_data(out.getvalue())


md = markdown_escape


def item_name(item: OutdatedItem) -> str:
    """``IV.7-2 «Tittel»``, or ``nettverk kanebogen «Tekst»`` for what concerns a network."""
    doc_id = _("nettverk {name}").format(name=item.network) if item.network else item.id or ""
    title = _("«{title}»").format(title=item.title) if item.title else ""
    return " ".join(p for p in (doc_id, title) if p)


def _md_item(item: OutdatedItem, *, show_owner: bool, show_urgency: bool) -> str:
    name = item_name(item)
    parts = [f"**{md(item.label)}**"]
    if show_urgency:
        parts[0] += f" ({urgency_text(item.urgency)})"
    head = (
        f"{parts[0]}: {md(name)} (`{item.location}`)" if name else f"{parts[0]}: `{item.location}`"
    )
    when = when_text(item)
    lines = [f"- {head}" + (f", {when}" if when else "") + "."]
    lines.append(f"  {md(item.message)}")
    if show_owner:
        lines.append("  " + _("Ansvarlig: {owner}.").format(owner=md(item.owner or _(NO_OWNER))))
    return "\n".join(lines)


def render_markdown(report: OutdatedReport, *, by_owner: bool = False) -> str:
    """A report a coordinator can paste into an e-mail."""
    heading = _("Utdatert i håndboka")
    if report.municipality:
        heading = _("Utdatert i håndboka – {municipality}").format(municipality=report.municipality)
    out = [f"# {heading}", ""]
    out.append(
        _(
            "{title}, per {date}. Med: revisjonsdatoer og frister de neste {days} dagene, "
            "og dokumenter som ikke er endret på mer enn {months} måneder."
        ).format(
            title=md(report.title),
            date=i18n.long_date(report.today),
            days=report.within_days,
            months=report.stale_months,
        )
    )
    out.append("")
    note_label = _("Merk:")
    for note in report.notes:
        out += [f"> **{note_label}** {md(note)}", ""]
    counts = [f"{report.count(u)} {urgency_text(u)}" for u in URGENCIES]
    out += ["**" + _("Oppsummering:") + f"** {', '.join(counts)}.", ""]
    if not report.items:
        out += [_("Ingenting er utdatert."), ""]
        return refuse_personal_data("\n".join(out))
    if by_owner:
        for owner, items in report.by_owner():
            out += [f"## {md(owner or _(NO_OWNER))} ({len(items)})", ""]
            out += [_md_item(i, show_owner=False, show_urgency=True) for i in items]
            out.append("")
    else:
        for urgency in URGENCIES:
            items = [i for i in report.items if i.urgency == urgency]
            if not items:
                continue
            out += [f"## {urgency_text(urgency).capitalize()} ({len(items)})", ""]
            out += [_md_item(i, show_owner=True, show_urgency=False) for i in items]
            out.append("")
    return refuse_personal_data("\n".join(out))


# --- The table -------------------------------------------------------------------------------


TABLE_LIMIT = 200  # more items than this are listed, not tabulated (rich tables are slow)


def render_outdated_table(report: OutdatedReport, out: Console, *, by_owner: bool) -> None:
    """Notes, then the items as a table (one per owner with ``by_owner``), then a summary.

    Beyond :data:`TABLE_LIMIT` items the same information is printed as a list, three lines
    per item, which a terminal shows at once instead of after seconds of table layout.
    Refused, before anything is printed, when the report holds what looks like a national
    identity number."""
    # The report's text as JSON, to look for personal data (what render_json refuses).
    refuse_personal_data(json.dumps(report.as_json(), ensure_ascii=False))
    for note in report.notes:
        out.print(Text(_("Merk: {note}").format(note=note), style="yellow"))
    if report.notes:
        out.print()
    if not report.items:
        out.print(
            Text(
                "✔ "
                + ngettext(
                    "Ingenting er utdatert ({n} dokument).",
                    "Ingenting er utdatert ({n} dokumenter).",
                    report.documents,
                ).format(n=report.documents),
                style="bold green",
            )
        )
        return
    as_list = len(report.items) > TABLE_LIMIT
    if as_list:
        out.print(
            Text(
                _(
                    "{n} punkter er for mange for en tabell, så de vises som en liste. "
                    "--format csv gir et regneark."
                ).format(n=len(report.items)),
                style="dim",
            )
        )
        out.print()
    groups: list[tuple[str, list[OutdatedItem]]]
    if by_owner:
        groups = [(owner or _(NO_OWNER), items) for owner, items in report.by_owner()]
    elif as_list:
        groups = [
            (urgency_text(u).capitalize(), [i for i in report.items if i.urgency == u])
            for u in URGENCIES
        ]
    else:
        groups = [("", list(report.items))]
    for heading, items in groups:
        if not items:
            continue
        if heading:
            out.print(Text(f"{heading} ({len(items)})", style="bold underline"))
        if as_list and out.is_terminal:
            out.print(Group(*_listing(items, show_owner=not by_owner, show_urgency=by_owner)))
        elif as_list:  # no colours in a pipe or file: the same text, without rich's line handling
            lines = _plain_listing(items, show_owner=not by_owner, show_urgency=by_owner)
            # strip_control_codes: what rich.Text does to every text it is given
            out.file.write("".join(printable(strip_control_codes(line)) + "\n" for line in lines))
        else:
            out.print(_table(items, show_owner=not by_owner))
        out.print()
    counts = ", ".join(f"{report.count(u)} {urgency_text(u)}" for u in URGENCIES)
    overdue = report.count(OVERDUE)
    style = "bold red" if overdue else "bold yellow"
    summary = ngettext(
        "{counts} ({n} dokument).", "{counts} ({n} dokumenter).", report.documents
    ).format(counts=counts, n=report.documents)
    out.print(Text(f"{'✖' if overdue else '!'} {summary}", style=style))


def _listing(items: list[OutdatedItem], *, show_owner: bool, show_urgency: bool) -> list[Text]:
    """The items as lines: a head line, the message, and the owner (one text a line)."""
    lines = []
    for item in items:
        head = Text("  ")
        if show_urgency:
            head.append(urgency_text(item.urgency), style=URGENCY_STYLE[item.urgency])
            head.append("  ")
        head.append(item.label, style="bold")
        when = when_text(item)
        if when:
            head.append(f"  {when}")
        head.append(f"  {item_name(item)}  ")
        head.append(item.location, style="cyan")
        lines += [head, Text(f"    {item.message}")]
        if show_owner:
            lines.append(
                Text(
                    "    " + _("Ansvarlig: {owner}").format(owner=item.owner or _(NO_OWNER)),
                    style="dim",
                )
            )
    return lines


def _plain_listing(
    items: list[OutdatedItem], *, show_owner: bool, show_urgency: bool
) -> Iterator[str]:
    """The lines of :func:`_listing` as plain text, without making rich texts of them."""
    for item in items:
        head = "  "
        if show_urgency:
            head += urgency_text(item.urgency) + "  "
        head += item.label
        when = when_text(item)
        if when:
            head += f"  {when}"
        yield f"{head}  {item_name(item)}  {item.location}"
        yield f"    {item.message}"
        if show_owner:
            yield "    " + _("Ansvarlig: {owner}").format(owner=item.owner or _(NO_OWNER))


def _table(items: tuple[OutdatedItem, ...] | list[OutdatedItem], *, show_owner: bool) -> Table:
    """Four columns (three with ``--by owner``) that read well in a terminal 100 columns wide:
    what and when (the status first, in its colour), the document, who acts, and what to do.
    Words wrap whole; only paths, which have no spaces, are folded."""
    table = Table(header_style="bold", padding=(0, 1), expand=True)
    table.add_column(_("Status og hva"), ratio=3, min_width=16)
    table.add_column(_("Dokument"), ratio=3, min_width=14, overflow="fold")
    if show_owner:
        table.add_column(_("Ansvarlig"), ratio=2, min_width=10)
    table.add_column(_("Hva må gjøres"), ratio=4, min_width=20)
    for item in items:
        what: list[RenderableType] = [
            Text(urgency_text(item.urgency), style=URGENCY_STYLE[item.urgency]),
            Text(item.label),
        ]
        when = when_text(item)
        if when:
            what.append(Text(when, style="dim"))
        document = Group(Text(item_name(item)), Text(item.location, style="dim"))
        row: list[RenderableType] = [Group(*what), document]
        if show_owner:
            row.append(Text(item.owner or _(NO_OWNER)))
        row.append(Text(item.action or item.message))
        table.add_row(*row, end_section=True)
    return table
