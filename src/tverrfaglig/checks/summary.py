"""What the checks across documents know of each document, gathered once per document.

A :class:`Summary` is small, so it travels cheaply from the worker processes; an
:class:`Index` holds the look-ups built from all of them. :func:`references` (the document IDs
a document refers to) and :func:`approved_on` are the facts the summaries are made of; the
site, the queries and ``tvf outdated`` use them too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from ..document import HANDBOOK_TYPES, ID_RE, NETWORK_TYPE, Document, as_date


class Summary(NamedTuple):
    """What the checks across documents need of one document: small, so it travels cheaply
    between processes. Networks and meeting documents keep the whole document (they are few)."""

    path: str
    type: str | None
    id: str | None
    status: str | None
    title: str
    code: str | None
    line_of_id: int | None
    line_of_code: int | None
    references: tuple[tuple[str, int | None], ...]
    document: Document | None = None
    approved_on: dt.date | None = None  # TVF103: valid_from or the last changes entry's date
    version: str | None = None

    @classmethod
    def of(cls, doc: Document) -> Summary:
        code = doc.get("code")
        return cls(
            path=doc.path,
            type=doc.type,
            id=doc.id,
            status=doc.status,
            title=doc.title,
            code=code if isinstance(code, str) else None,
            line_of_id=doc.line_of("id"),
            line_of_code=doc.line_of("code"),
            references=tuple(references(doc)),
            document=None if doc.is_handbook_document else doc,
            approved_on=approved_on(doc),
            version=doc.get("version") if isinstance(doc.get("version"), str) else None,
        )

    @property
    def is_handbook_document(self) -> bool:
        return self.type in HANDBOOK_TYPES


@dataclass
class Index:
    """Look-ups for the checks across documents, built once per run."""

    by_id: dict[str, Summary] = field(default_factory=dict)
    networks: dict[str, Summary] = field(default_factory=dict)
    #: The keys of ``by_id`` that have the form of a document ID (:data:`~..document.ID_RE`):
    #: a reference to one of them needs no other look-up.
    valid_ids: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, summaries: Iterable[Summary]) -> Index:
        index = cls()
        for summary in summaries:
            if summary.id is None:
                continue
            if summary.is_handbook_document:
                index.by_id.setdefault(summary.id, summary)
            elif summary.type == NETWORK_TYPE:
                index.networks.setdefault(summary.id, summary)
        index.valid_ids = {key for key in index.by_id if ID_RE.match(key)}
        return index


def references(doc: Document) -> Iterator[tuple[str, int | None]]:
    """Every document ID this document refers to, with its line: front matter, then body."""
    refs = doc.get("references")
    if isinstance(refs, list):
        for i, ref in enumerate(refs):
            if isinstance(ref, str):
                yield ref.strip(), doc.line_of("references", i)
    mandate = doc.get("mandate")
    if doc.type == NETWORK_TYPE and isinstance(mandate, str):
        yield mandate.strip(), doc.line_of("mandate")
    own = doc.id if doc.is_handbook_document else None
    for ref, line in doc.body_ids():
        if ref != own:
            yield ref, line


def approved_on(doc: Document) -> dt.date | None:
    """When the document was last approved: the later of ``valid_from`` and the date of the
    last ``changes`` entry (None when it has neither)."""
    dates = [as_date(doc.get("valid_from"))]
    changes = doc.get("changes")
    if isinstance(changes, list) and changes and isinstance(changes[-1], dict):
        dates.append(as_date(changes[-1].get("date")))
    known = [d for d in dates if d is not None]
    return max(known) if known else None
