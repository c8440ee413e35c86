"""Checks of one field's form (TVF003), shared by the schema checks of every document type."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..findings import Finding, error
from ..i18n import _


def text_list(doc: Document, key: str) -> Iterator[Finding]:
    """The field, when present, must be a list of texts."""
    value = doc.get(key)
    if value is None:
        return
    if not isinstance(value, list):
        yield error("TVF003", doc.path, doc.line_of(key),
                    _("Feltet «{key}» må være en liste av tekster.").format(key=key))
        return
    for i, item in enumerate(value):
        if not isinstance(item, str):
            yield error("TVF003", doc.path, doc.line_of(key, i),
                        _("Punkt {n} i «{key}» må være tekst, ikke «{item}». Skriv det i "
                          "anførselstegn om det har kolon.").format(n=i + 1, key=key,
                                                                    item=item))
