"""What the site calls things, in the language in use: document types, statuses, dates.

The CSS classes of statuses and the sort order of names stay Norwegian in every language.
"""

from __future__ import annotations

import datetime as dt

from .. import i18n
from ..checks import STATUS_NO
from ..i18n import _, ngettext


def long_date(value: dt.date | None) -> str:
    """A date as people read it: 1. september 2025 (1 September 2025 in English); "" for none."""
    if value is None:
        return ""
    return i18n.long_date(value)


def term(start: dt.date | None, end: dt.date | None) -> str:
    """A period (a network leader's term) as people read it; "" when neither end is known."""
    if start and end:
        return _("{start} – {end}").format(start=long_date(start), end=long_date(end))
    if start:
        return _("fra {date}").format(date=long_date(start))
    if end:
        return _("til {date}").format(date=long_date(end))
    return ""


def type_label(kind: str, default: str | None = None, *, count: int = 1) -> str:
    """What a document of type ``kind`` is called, translated: ``Prosedyre`` (count 1, the
    label of one document) or ``Prosedyrer`` (count 2, a section's heading). Norwegian often
    has one word for both (``Vedlegg``) where English has two (Attachment, Attachments), so the
    pairs are plural messages. ``default`` (else ``kind``) for a type without a name."""
    match kind:
        case "procedure":
            return ngettext("Prosedyre", "Prosedyrer", count)
        case "attachment":
            return ngettext("Vedlegg", "Vedlegg", count)
        case "measure":
            return ngettext("Tiltak", "Tiltak", count)
        case "plan":
            return ngettext("Plan", "Planer", count)
        case "network":
            return ngettext("Nettverk", "Nettverk", count)
        case "agenda":
            return ngettext("Saksliste", "Sakslister", count)
        case "minutes":
            return ngettext("Referat", "Referater", count)
    return kind if default is None else default


def status_label(status: str, default: str | None = None) -> str:
    """A status as a reader sees it (utkast, godkjent, utgått), translated."""
    label = STATUS_NO.get(status)
    if label is None:
        return status if default is None else default
    return _(label)


def status_class(status: str) -> str:
    """The CSS class of a status badge: the Norwegian word (untranslated) in every language."""
    return STATUS_NO.get(status, status).replace(" ", "-")


_NORWEGIAN_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def norwegian_key(text: str) -> str:
    """Sort as the Norwegian alphabet does: … x y z æ ø å."""
    return text.casefold().translate(_NORWEGIAN_ORDER)
