"""The website's part: the «Jeg har lest» link and the counts on a document's page.

The link opens the form the municipality configured (``[confirmations] form_url``) with the
document's ID and version filled in, so no server of tvf's is needed: ``{id}`` and
``{version}`` in the address are replaced (URL-encoded), and an address without them gets
``dokument=…&versjon=…`` added. The page shows counts per unit only, never a name.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from ..config import Config
from ..document import Document
from . import store
from .coverage import Readable, document_coverage


def form_link(template: str, doc_id: str, version: str) -> str:
    """The form's address with the document's ID and version filled in."""
    if "{id}" in template or "{version}" in template:
        return template.replace("{id}", quote(doc_id, safe="")).replace(
            "{version}", quote(version, safe="")
        )
    joiner = "&" if "?" in template else "?"
    return f"{template}{joiner}dokument={quote(doc_id, safe='')}&versjon={quote(version, safe='')}"


def page_context(root: Path, config: Config, doc: Document) -> dict[str, object] | None:
    """What the document page shows of reading confirmations (None: nothing to show)."""
    settings = config.confirmations
    readable = Readable.of(doc)
    if settings is None or readable is None:
        return None
    context: dict[str, object] = {
        "form_url": form_link(settings.form_url, readable.id, readable.version)
        if settings.form_url
        else "",
        "version": readable.version,
        "threshold": settings.threshold,
        "coverage": None,
    }
    if config.units:
        result = document_coverage(
            readable, config.units, store.load(root, readable.id), minor_keeps=settings.minor_keeps
        )
        if result.units:
            context["coverage"] = {
                "confirmed": result.confirmed,
                "required": result.required,
                "percent": result.share_percent,
                "below": result.below(settings.threshold),
                "units": [
                    {
                        "unit": u.unit,
                        "confirmed": u.counted,
                        "required": u.required,
                        "percent": u.share_percent,
                    }
                    for u in result.units
                ],
            }
    return context
