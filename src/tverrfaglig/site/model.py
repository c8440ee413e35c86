"""The site model: which documents get which pages, at which URLs.

Every handbook document with a valid ID gets ``dokumenter/<ID>.html``; every network
``nettverk/<slug>.html``, and each of its agendas and minutes ``nettverk/<slug>/<file>.html``.
A document that cannot have a page (no usable ID, a clash, a meeting of an unknown network) is
noted in :attr:`Site.skipped`. The references between pages are gathered here once, both ways.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..checks import SLUG_RE, references
from ..document import HANDBOOK_TYPES, ID_RE, MEETING_TYPES, NETWORK_TYPE, Document
from ..document import as_date as _as_date
from ..handbook import Handbook
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

    @property
    def label(self) -> str:
        """What a list shows above or beside the title: the ID, or what kind of page it is."""
        if self.doc.is_handbook_document:
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

    @classmethod
    def build(cls, handbook: Handbook, today: dt.date) -> Site:
        site = cls(handbook, today)
        meeting_docs: list[Document] = []
        for doc in handbook.documents:
            if doc.meta is None:
                site.skipped.append(_("{path}: front matter kan ikke leses").format(path=doc.path))
            elif doc.is_handbook_document:
                site._add_document(doc)
            elif doc.type == NETWORK_TYPE:
                site._add_network(doc)
            elif doc.type in MEETING_TYPES:
                meeting_docs.append(doc)
            # Other types (a network's inputs for its next agenda, say) are not published.
        for doc in meeting_docs:
            site._add_meeting(doc)
        for entries in site.meetings.values():
            entries.sort(key=lambda e: (_date_key(e.doc.get("date")), e.doc.path), reverse=True)
        for entry in site.by_path.values():
            refs = list(dict.fromkeys(ref for ref, _line in references(entry.doc)))
            site.outgoing[entry.doc.path] = refs
            for ref in refs:
                if ref in site.by_id and site.by_id[ref] is not entry:
                    site.incoming[ref].append(entry)
        for sources in site.incoming.values():
            sources.sort(key=_reading_order)
        return site

    def _add_document(self, doc: Document) -> None:
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
                doc, doc.type or "", doc_id, f"dokumenter/{doc_id}.html", doc.title or doc_id
            )
            self.by_id[doc_id] = entry
            self.by_path[doc.path] = entry

    def _add_network(self, doc: Document) -> None:
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
            entry = Entry(doc, NETWORK_TYPE, slug, f"nettverk/{slug}.html", doc.title or slug)
            self.networks[slug] = entry
            self.by_path[doc.path] = entry

    def _add_meeting(self, doc: Document) -> None:
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
        entry = Entry(doc, kind, key, f"nettverk/{network.key}/{key}.html", title)
        self.meetings[network.key].append(entry)
        self.by_path[doc.path] = entry

    def documents(self, kind: str) -> list[Entry]:
        """The documents of one type in reading order: by ID, and measures by code."""
        return sorted((e for e in self.by_id.values() if e.kind == kind), key=_reading_order)

    @property
    def laws(self) -> LawRegistry:
        return self.handbook.laws


_KIND_ORDER = {kind: i for i, kind in enumerate((*HANDBOOK_TYPES, NETWORK_TYPE, *MEETING_TYPES))}


def _reading_order(entry: Entry) -> tuple[int, str, tuple[int, tuple[int, ...], int], str]:
    """Handbook documents by type and ID (measures by code), then networks, then meetings."""
    code = entry.doc.get("code") if entry.kind == "measure" else None
    return (
        _KIND_ORDER.get(entry.kind, 99),
        code if isinstance(code, str) else "\uffff",
        id_sort_key(entry.key) if entry.doc.is_handbook_document else (0, (), 0),
        entry.key if entry.doc.is_handbook_document else entry.doc.path,
    )


def _date_key(value: object) -> dt.date:
    return _as_date(value) or dt.date.min
