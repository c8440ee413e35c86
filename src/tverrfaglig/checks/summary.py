"""What the checks across documents know of each document, gathered once per document.

A :class:`Summary` is small, so it travels cheaply from the worker processes; an
:class:`Index` holds the look-ups built from all of them. :func:`references` (the document IDs
a document refers to) and :func:`approved_on` are the facts the summaries are made of; the
site, the queries and ``tvf outdated`` use them too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

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
        # Once for every file of every run: the fields are read straight from the front matter
        # (the same values as the properties of Document and references() give; held to them in
        # tests/test_speed_equivalence.py).
        get = (doc.meta or {}).get
        kind = get("type")
        kind = kind if isinstance(kind, str) else None
        ident = get("id")
        ident = ident if isinstance(ident, str) else None
        status = get("status")
        title = get("title")
        code = get("code")
        version = get("version")
        handbook = kind in HANDBOOK_TYPES
        key_lines = doc.key_lines
        return cls(
            path=doc.path,
            type=kind,
            id=ident,
            status=status if isinstance(status, str) else None,
            title=title if isinstance(title, str) else "",
            code=code if isinstance(code, str) else None,
            line_of_id=key_lines.get("id"),
            line_of_code=key_lines.get("code"),
            references=_references(doc, get, kind, ident if handbook else None),
            document=None if handbook else doc,
            approved_on=_approved_on(get),
            version=version if isinstance(version, str) else None,
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


def _references(
    doc: Document, get: Callable[[str], Any], kind: str | None, own: str | None
) -> tuple[tuple[str, int | None], ...]:
    """:func:`references` as a tuple, from the front matter's ``get`` and the document's type
    and own ID (None unless it is a handbook document)."""
    found: list[tuple[str, int | None]] = []
    refs = get("references")
    if isinstance(refs, list):
        lines = doc.item_lines.get("references", ())
        key_line = doc.key_lines.get("references")
        found.extend(
            (ref.strip(), lines[i] if i < len(lines) else key_line)
            for i, ref in enumerate(refs)
            if isinstance(ref, str)
        )
    mandate = get("mandate")
    if kind == NETWORK_TYPE and isinstance(mandate, str):
        found.append((mandate.strip(), doc.key_lines.get("mandate")))
    found.extend((ref, line) for ref, line in doc.body_ids() if ref != own)
    return tuple(found)


def approved_on(doc: Document) -> dt.date | None:
    """When the document was last approved: the later of ``valid_from`` and the date of the
    last ``changes`` entry (None when it has neither)."""
    return _approved_on(doc.get)


def _approved_on(get: Callable[[str], Any]) -> dt.date | None:
    valid_from = as_date(get("valid_from"))
    changes = get("changes")
    if isinstance(changes, list) and changes and isinstance(changes[-1], dict):
        last = as_date(changes[-1].get("date"))
        if last is not None:
            return last if valid_from is None else max(valid_from, last)
    return valid_from
