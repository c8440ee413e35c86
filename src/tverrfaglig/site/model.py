"""The site model: which documents get which pages, at which URLs.

Every handbook document with a valid ID gets ``dokumenter/<ID>.html``; every network
``nettverk/<slug>.html``, and each of its agendas and minutes ``nettverk/<slug>/<file>.html``.
A document that cannot have a page (no usable ID, a clash, a meeting of an unknown network) is
noted in :attr:`Site.skipped`. The references between pages are gathered here once, both ways.

``tvf build`` makes the model from the small summaries ``tvf check`` keeps of each document
(:meth:`Site.from_summaries`), not from the documents themselves: a handbook document's entry
holds a *light* document with only what lists show of it (type, ID, status, title, code), and
the digest of its file's bytes; a page that is rendered reads its whole document
(:func:`full_document`). Networks and meeting documents are few and kept whole.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..checks import SLUG_RE, references
from ..checks.cache import digest as content_digest
from ..checks.summary import Summary
from ..document import HANDBOOK_TYPES, ID_RE, MEETING_TYPES, NETWORK_TYPE, Document, parse_document
from ..document import as_date as _as_date
from ..errors import TvfError
from ..handbook import Handbook, read_file
from ..i18n import _
from ..laws import LawRegistry
from ..queries import id_sort_key
from .labels import long_date, type_label

#: Where the handbook's own files that documents link to or show (images, PDF forms) are
#: copied, under their path in the handbook: ``filer/vedlegg/skjema.pdf``.
FILES_DIR = "filer"


@dataclass
class Entry:
    """A document that has a page."""

    doc: Document
    kind: str
    key: str
    url: str
    title: str
    #: The digest of the file's bytes that were checked (:func:`..checks.cache.digest`); empty
    #: when the entry holds the whole document read by :func:`..handbook.load_handbook`.
    digest: bytes = b""
    #: False: ``doc`` is a light document (see the module); the page reads the whole one.
    whole: bool = True
    #: The entry's place in reading order (:func:`_reading_order`), worked out once.
    order: tuple[int, str, tuple[int, tuple[int, ...], int], str] | None = None
    #: ``doc.is_handbook_document``, asked once (it is asked for every link to the entry).
    handbook: bool = field(init=False)

    def __post_init__(self) -> None:
        self.handbook = self.doc.is_handbook_document

    @property
    def label(self) -> str:
        """What a list shows above or beside the title: the ID, or what kind of page it is."""
        if self.handbook:
            return self.key
        if self.kind == NETWORK_TYPE:
            return type_label(NETWORK_TYPE)
        date = _as_date(self.doc.get("date"))
        return f"{type_label(self.kind, '')} {long_date(date)}".strip()


@dataclass
class Site:
    """Which documents of the handbook get which pages, and the references between them."""

    handbook: Handbook
    today: dt.date
    by_id: dict[str, Entry] = field(default_factory=dict)
    networks: dict[str, Entry] = field(default_factory=dict)
    meetings: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    by_path: dict[str, Entry] = field(default_factory=dict)
    incoming: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    outgoing: dict[str, list[str]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    _sorted: dict[str, list[Entry]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, handbook: Handbook, today: dt.date) -> Site:
        """The model of a loaded handbook (every document in memory)."""
        sources = [
            (doc, b"", None if doc.meta is None else [ref for ref, _line in references(doc)])
            for doc in handbook.documents
        ]
        return cls._made(handbook, today, sources)

    @classmethod
    def from_summaries(
        cls,
        handbook: Handbook,
        today: dt.date,
        files: list[str],
        summaries: list[Summary],
        digests: dict[str, bytes],
        unreadable: set[str],
    ) -> Site:
        """The model made from what ``tvf check`` kept of each file (``files`` in the order
        found; ``unreadable``: those that are no document at all, an empty or unreadable file):
        light documents for handbook documents (see the module), whole ones for the others."""
        by_path = {s.path: s for s in summaries}
        sources: list[tuple[Document, bytes, list[str] | None]] = []
        for rel in files:
            summary = by_path.get(rel)
            if summary is None:
                if rel not in unreadable:  # read, but its front matter could not be
                    sources.append((Document(path=rel, text=""), b"", None))
                continue
            doc = summary.document if summary.document is not None else light_document(summary)
            refs = [ref for ref, _line in summary.references]
            sources.append((doc, digests.get(rel, b""), refs))
        site = cls._made(handbook, today, sources)
        for entry in site.by_id.values():
            entry.whole = False
        return site

    @classmethod
    def _made(
        cls,
        handbook: Handbook,
        today: dt.date,
        sources: list[tuple[Document, bytes, list[str] | None]],
    ) -> Site:
        site = cls(handbook, today)
        meeting_docs: list[tuple[Document, bytes]] = []
        refs_of: dict[str, list[str]] = {}
        for doc, digest, refs in sources:
            if doc.meta is None:
                site.skipped.append(_("{path}: front matter kan ikke leses").format(path=doc.path))
                continue
            refs_of[doc.path] = refs or []
            kind = doc.type
            if kind in HANDBOOK_TYPES:
                site._add_document(doc, digest)
            elif kind == NETWORK_TYPE:
                site._add_network(doc, digest)
            elif kind in MEETING_TYPES:
                meeting_docs.append((doc, digest))
            # Other types (a network's inputs for its next agenda, say) are not published.
        for doc, digest in meeting_docs:
            site._add_meeting(doc, digest)
        for entries in site.meetings.values():
            entries.sort(key=lambda e: (_date_key(e.doc.get("date")), e.doc.path), reverse=True)
        # Every entry once in reading order (a stable sort, so equal keys keep the order of
        # by_path): the pages that refer to a document are then found in reading order, and
        # no list of them needs sorting (that was one sort per document).
        by_id = site.by_id
        incoming = site.incoming
        for entry in sorted(site.by_path.values(), key=_reading_order):
            refs = list(dict.fromkeys(refs_of[entry.doc.path]))
            site.outgoing[entry.doc.path] = refs
            for ref in refs:
                target = by_id.get(ref)
                if target is not None and target is not entry:
                    incoming[ref].append(entry)
        return site

    def _add_document(self, doc: Document, digest: bytes) -> None:
        doc_id = doc.id
        if doc_id is None or not ID_RE.match(doc_id):
            self.skipped.append(_("{path}: mangler gyldig dokument-ID").format(path=doc.path))
        elif doc_id in self.by_id:
            self.skipped.append(
                _("{path}: ID-en {id} brukes også i {other}").format(
                    path=doc.path, id=doc_id, other=self.by_id[doc_id].doc.path
                )
            )
        else:
            entry = Entry(
                doc,
                doc.type or "",
                doc_id,
                f"dokumenter/{doc_id}.html",
                doc.title or doc_id,
                digest,
            )
            self.by_id[doc_id] = entry
            self.by_path[doc.path] = entry

    def _add_network(self, doc: Document, digest: bytes) -> None:
        slug = doc.id
        if slug is None or not SLUG_RE.match(slug):
            self.skipped.append(_("{path}: mangler gyldig nettverks-ID").format(path=doc.path))
        elif slug in self.networks:
            self.skipped.append(
                _("{path}: nettverks-ID-en {id} brukes også i {other}").format(
                    path=doc.path, id=slug, other=self.networks[slug].doc.path
                )
            )
        else:
            entry = Entry(
                doc, NETWORK_TYPE, slug, f"nettverk/{slug}.html", doc.title or slug, digest
            )
            self.networks[slug] = entry
            self.by_path[doc.path] = entry

    def _add_meeting(self, doc: Document, digest: bytes) -> None:
        slug = doc.get("network")
        network = self.networks.get(slug) if isinstance(slug, str) else None
        if network is None:
            self.skipped.append(
                _("{path}: nettverket «{network}» finnes ikke").format(path=doc.path, network=slug)
            )
            return
        taken = {e.key for e in self.meetings[network.key]}
        stem = re.sub(r"[^a-z0-9-]+", "-", PurePosixPath(doc.path).stem.lower()).strip("-")
        stem = stem or "mote"
        key, n = stem, 2
        while key in taken:
            key, n = f"{stem}-{n}", n + 1
        kind = doc.type or "minutes"
        date = _as_date(doc.get("date"))
        title = doc.title or (f"{type_label(kind)} {long_date(date)}" if date else type_label(kind))
        entry = Entry(doc, kind, key, f"nettverk/{network.key}/{key}.html", title, digest)
        self.meetings[network.key].append(entry)
        self.by_path[doc.path] = entry

    def documents(self, kind: str) -> list[Entry]:
        """The documents of one type in reading order: by ID, and measures by code (sorted
        once a build: the model does not change while pages are rendered)."""
        if not self._sorted:
            by_kind: dict[str, list[Entry]] = defaultdict(list)
            for entry in sorted(self.by_id.values(), key=_reading_order):
                by_kind[entry.kind].append(entry)
            self._sorted.update(by_kind)
            self._sorted[""] = []  # sorted, even when the handbook has no documents
        return list(self._sorted.get(kind, ()))

    @property
    def laws(self) -> LawRegistry:
        return self.handbook.laws


def whole_document(root: Path, entry: Entry) -> Document:
    """The whole document of ``entry``, read again from its file: the bytes that were checked
    (by their digest), or :class:`TvfError` when the file changed while the site was built (it
    must not be published unchecked)."""
    if entry.whole:
        return entry.doc
    rel = entry.doc.path
    data, _stat, _problems = read_file(rel, root / rel)
    doc = None
    if data is not None and content_digest(data) == entry.digest:
        doc, _problems = parse_document(rel, data)
    if doc is None or doc.meta is None:
        raise TvfError(
            _("{path} ble endret mens nettstedet ble bygd.").format(path=rel),
            hint=_("Bygg på nytt når filen er lagret."),
        )
    return doc


def light_document(summary: Summary) -> Document:
    """A handbook document as lists show it: only its type, ID, status, title and code."""
    meta = {
        key: value
        for key, value in (
            ("type", summary.type),
            ("id", summary.id),
            ("status", summary.status),
            ("title", summary.title or None),
            ("code", summary.code),
        )
        if value is not None
    }
    return Document(path=summary.path, text="", meta=meta)


_KIND_ORDER = {kind: i for i, kind in enumerate((*HANDBOOK_TYPES, NETWORK_TYPE, *MEETING_TYPES))}


def _reading_order(entry: Entry) -> tuple[int, str, tuple[int, tuple[int, ...], int], str]:
    """Handbook documents by type and ID (measures by code), then networks, then meetings
    (worked out once per entry)."""
    if entry.order is None:
        entry.order = _order_of(entry)
    return entry.order


def _order_of(entry: Entry) -> tuple[int, str, tuple[int, tuple[int, ...], int], str]:
    code = entry.doc.get("code") if entry.kind == "measure" else None
    return (
        _KIND_ORDER.get(entry.kind, 99),
        code if isinstance(code, str) else "\uffff",
        id_sort_key(entry.key) if entry.handbook else (0, (), 0),
        entry.key if entry.handbook else entry.doc.path,
    )


def _date_key(value: object) -> dt.date:
    return _as_date(value) or dt.date.min
