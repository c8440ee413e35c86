"""Read-only views of a handbook for ``tvf list``, ``tvf show`` and ``tvf laws``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .checks import citations, references
from .document import HANDBOOK_TYPES, NETWORK_TYPE, Document, as_date
from .errors import TvfError
from .handbook import Handbook
from .i18n import _
from .laws import Citation

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
LIST_KEYS = ("id", "code", "title", "type", "status", "owner", "review_by")


@lru_cache(maxsize=4096)  # a handbook has few distinct chapters; the site sorts thousands of IDs
def roman_value(text: str) -> int:
    total = 0
    for char, nxt in zip(text, [*text[1:], ""], strict=True):
        value = ROMAN.get(char, 0)
        total += -value if nxt and ROMAN.get(nxt, 0) > value else value
    return total


def id_sort_key(doc_id: str) -> tuple[int, tuple[int, ...], int]:
    """Sort IDs as a reader expects: IV.7-2 before IV.7-11, IV before V."""
    head, _sep, serial = doc_id.rpartition("-")
    roman, *numbers = head.split(".")
    try:
        return (roman_value(roman), tuple(int(n) for n in numbers), int(serial))
    except ValueError:
        return (10**6, (), 0)


def row(doc: Document) -> dict[str, str | None]:
    """The ``tvf list`` columns of a document, as JSON-ready strings."""
    review = as_date(doc.get("review_by"))
    code = doc.get("code")
    owner = doc.get("owner")
    return {
        "id": doc.id,
        "code": code if isinstance(code, str) else None,
        "title": doc.title,
        "type": doc.type,
        "status": doc.status,
        "owner": owner if isinstance(owner, str) else None,
        "review_by": review.isoformat() if review else None,
    }


def list_documents(
    handbook: Handbook,
    *,
    types: Iterable[str] = (),
    status: str | None = None,
    owner: str | None = None,
) -> list[Document]:
    """Handbook documents (or networks, with ``types=["network"]``), sorted by ID."""
    wanted = set(types) or set(HANDBOOK_TYPES)
    needle = owner.casefold() if owner else None
    chosen = [
        doc
        for doc in handbook.documents
        if doc.type in wanted
        and doc.id is not None
        and (status is None or doc.status == status)
        and (needle is None or needle in str(doc.get("owner", "")).casefold())
    ]
    return sorted(chosen, key=lambda d: (id_sort_key(d.id or ""), d.id or ""))


@dataclass(frozen=True)
class Reference:
    id: str
    title: str | None  # None when the target does not exist
    path: str | None
    line: int | None


@dataclass(frozen=True)
class DocumentView:
    """What ``tvf show`` tells about one document."""

    document: Document
    references: tuple[Reference, ...]
    referenced_by: tuple[Reference, ...]
    citations: tuple[Citation, ...]


def show(handbook: Handbook, doc_id: str, *, today: dt.date | None = None) -> DocumentView:
    today = dt.date.today() if today is None else today
    wanted = doc_id.strip()
    by_id: dict[str, Document] = {}
    for doc in handbook.documents:
        if doc.id is not None and (doc.is_handbook_document or doc.type == NETWORK_TYPE):
            by_id.setdefault(doc.id, doc)
    found = by_id.get(wanted) or next(
        (d for d in handbook.documents if d.get("code") == wanted.upper()), None
    )
    if found is None:
        raise TvfError(
            _("Fant ikke dokumentet «{id}» i håndboka.").format(id=doc_id),
            hint=_("Se alle dokumentene med tvf list."),
        )
    doc = found
    outgoing: dict[str, Reference] = {}
    for ref, line in references(doc):
        target = by_id.get(ref)
        outgoing.setdefault(
            ref,
            Reference(ref, target.title if target else None, target.path if target else None, line),
        )
    incoming: dict[str, list[Reference]] = defaultdict(list)
    for other in handbook.documents:
        if other is doc or other.meta is None:
            continue
        for ref, line in references(other):
            if ref == doc.id:
                incoming[other.path].append(
                    Reference(other.id or other.path, other.title, other.path, line)
                )
    return DocumentView(
        document=doc,
        references=tuple(outgoing.values()),
        referenced_by=tuple(
            sorted((refs[0] for refs in incoming.values()), key=lambda r: (id_sort_key(r.id), r.id))
        ),
        citations=tuple(citations(doc, handbook.laws, today)),
    )
