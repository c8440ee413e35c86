"""Documents people open: Markdown from the handbook as Word (.docx) and PDF.

``tvf export``, ``tvf agenda new --format``, ``tvf minutes new --format``, ``tvf audit
--format`` and the attachments of ``tvf agenda send`` / ``tvf minutes send`` all come through
:func:`render`: the text passes the personal-data guard first, then becomes a .docx
(python-docx, :mod:`.docx`) or a tagged PDF (WeasyPrint, :mod:`.pdf`). The choice and the
measurements behind it are in docs/export.md.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import TvfError
from ..files import write_atomic
from ..i18n import _, language
from ..pii import guard
from ..resources import packaged_templates

if TYPE_CHECKING:  # the package is imported by the CLI at start-up: keep it light
    from ..document import Document
    from ..handbook import Handbook

REFERENCE_DOCX = "reference.docx"


class ExportFormat(enum.StrEnum):
    docx = "docx"
    pdf = "pdf"


@dataclass(frozen=True)
class Source:
    """What one exported file is made from: a title (or None when the body starts with a
    level-1 heading) and a Markdown body."""

    title: str | None
    body: str
    name: str  # the file stem of the result, e.g. 2027-01-14-saksliste


def reference_docx(root: Path | None) -> Path:
    """The Word styles to use: the handbook's ``templates/reference.docx``, else tvf's."""
    from ..templating import HANDBOOK_TEMPLATES  # Jinja2 only when a file is exported

    if root is not None:
        own = root / HANDBOOK_TEMPLATES / REFERENCE_DOCX
        if own.is_file():
            return own
    return packaged_templates() / REFERENCE_DOCX


def source_of(doc: Document) -> Source:
    """The exported form of a handbook or meeting document: the body, with the title (and for
    a handbook document its ID, version and owner) first unless the body has its own title."""
    from .markdown import starts_with_heading

    body = doc.body
    stem = Path(doc.path).stem
    if starts_with_heading(body):
        return Source(None, body, stem)
    if doc.is_handbook_document:
        facts = [doc.id or ""]
        if doc.get("version") is not None:
            facts.append(_("versjon {version}").format(version=doc.get("version")))
        if isinstance(doc.get("owner"), str):
            facts.append(_("ansvarlig: {owner}").format(owner=doc.get("owner")))
        line = " · ".join(f for f in facts if f)
        if line:
            body = f"*{line}*\n\n{body}"
    return Source(doc.title, body, stem)


def refuse_personal_data(text: str, name: str) -> None:
    """The one guard (:func:`tverrfaglig.pii.guard`) on everything that goes into a file."""
    guard(
        text,
        _(
            "{name} inneholder det som ser ut som et {kind} ({masked}), linje {line} "
            "(TVF501). Ingenting er skrevet eller sendt."
        ),
        hint=_(
            "Dokumenter fra håndboka skal aldri inneholde opplysninger som identifiserer "
            "et barn. Fjern nummeret (tvf check viser hvor det står)."
        ),
        name=name,
    )


def render(source: Source, fmt: ExportFormat | str, *, root: Path | None) -> bytes:
    """The bytes of ``source`` as a .docx or a PDF, after the personal-data guard."""
    refuse_personal_data(f"{source.title or ''}\n{source.body}", source.name)
    lang = language()
    if ExportFormat(fmt) is ExportFormat.docx:
        from .docx import build_docx

        return build_docx(
            source.body,
            title=source.title,
            reference=reference_docx(root),
            language="en-GB" if lang == "en" else "nb-NO",
        )
    from .pdf import build_pdf

    return build_pdf(source.body, title=source.title, language=lang)


def find_document(handbook: Handbook, target: str) -> Document:
    """The document named by ``target``: an ID (``IV.7-15``, a network's id) or a path,
    relative to the working folder or to the handbook."""
    by_id = [d for d in handbook.documents if d.meta is not None and d.id == target]
    if by_id:
        return by_id[0]
    candidates = [Path(target), handbook.root / target]
    root = handbook.root.resolve()
    for candidate in candidates:
        try:
            rel = candidate.resolve().relative_to(root).as_posix()
        except (ValueError, OSError):
            continue
        found = next((d for d in handbook.documents if d.path == rel), None)
        if found is not None:
            return found
    raise TvfError(
        _("Fant ikke «{target}» i håndboka: verken en ID eller en fil i den.").format(
            target=target
        ),
        hint=_("Oppgi en ID (se tvf list) eller stien til en .md-fil i håndboka."),
    )


def write_file(path: Path, data: bytes) -> None:
    """Write an exported file (replacing one of the same name) through a temporary file."""
    if path.is_dir():
        raise TvfError(
            _("{path} er en mappe.").format(path=path),
            hint=_("Oppgi et filnavn, f.eks. saksliste.docx."),
        )
    write_atomic(path, data)


def export(handbook: Handbook, target: str, fmt: ExportFormat, output: Path | None) -> Path:
    """Write one handbook or meeting document as .docx or PDF; return the file written.

    Without ``output`` the file is named after the document, in the working folder."""
    doc = find_document(handbook, target)
    source = source_of(doc)
    path = output if output is not None else Path(f"{source.name}.{fmt.value}")
    data = render(source, fmt, root=handbook.root)
    write_file(path, data)
    return path
