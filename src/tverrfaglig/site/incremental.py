"""Rebuilding only the pages that changed.

A page of a document is a function of: its document (the file's text, its URL and title), the
build's *salt* (tvf's own code and version, ``tvf.toml``, ``laws.yaml``, the templates, the
reading confirmations, the date counted as today and the language), its last commit in git, and
the answers to what it looked up in the rest of the site while it was rendered: the documents it
names (by ID or by a link to their file), the pages that refer to it, the meetings of a
network, the network of a meeting, and whether a file it links to is in the handbook.

While a page is rendered, :class:`Deps` records those look-ups. The next build asks the same
questions of the new site (:func:`answer`); when the salt, the document and every answer are
the same, the page would be rendered to the same bytes, so it is not rendered: its file is kept
(when it is still the file this build wrote, by size and modification time), with the search
text and the linked files recorded for it. Anything else renders the page again.

The records live in the output folder (:data:`CACHE`), beside the manifest: a pickle of plain
data only (tuples, lists, dicts, strings and numbers; it is read with an unpickler that refuses
every class and function, so it can never run code), faster to read and write than the JSON
it was before (``bench/README.md``). A record that cannot be read, or holds anything of
another type, is ignored, so a damaged cache only makes the build slower.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks.cache import salt as check_salt
from ..document import NETWORK_TYPE
from ..resources import packaged_templates

CACHE = ".tvf-site-cache.pickle"
VERSION = 2

#: A look-up a page made while it was rendered: (kind, name), e.g. ("id", "IV.7-2").
Dep = tuple[str, str]


@dataclass
class Record:
    """What the build knows of a page it rendered earlier."""

    key: str
    deps: str  # its look-ups, packed (:func:`pack`)
    stat: tuple[int, int]  # size and modification time (ns) of the file it wrote
    text: str  # the page's text for the search index
    linked: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    applies_to: list[str] = field(default_factory=list)  # a measure's groups, for the catalogue

    def to_raw(self) -> tuple[Any, ...]:
        return (
            self.key,
            self.deps,
            self.stat,
            self.text,
            tuple(self.linked),
            tuple(self.broken),
            tuple(self.applies_to),
        )

    @classmethod
    def from_raw(cls, raw: Any) -> Record | None:
        """The record of :meth:`to_raw`; None when ``raw`` is not one (of the right types)."""
        try:
            key, deps, stat, text, linked, broken, applies_to = raw
            size, mtime = stat
        except (TypeError, ValueError):
            return None
        if not (
            type(key) is str
            and type(text) is str
            and type(size) is int
            and type(mtime) is int
            and type(deps) is str
            and type(linked) is tuple
            and type(broken) is tuple
            and type(applies_to) is tuple
        ):
            return None
        if (linked or broken or applies_to) and not _strings(linked + broken + applies_to):
            return None  # (most pages link to no file: nothing more to look at)
        return cls(key, deps, (size, mtime), text, list(linked), list(broken), list(applies_to))


#: Between the look-ups of a page, and between the kind and the name of one, in :func:`pack`.
DEP_SEP, KIND_SEP = "\x1e", "\x1f"


def pack(deps: list[Dep]) -> str:
    """A page's look-ups as one string, cheap to store and to read back: ``kind\\x1fname``
    joined by ``\\x1e``. (A name holding either separator reads back as other look-ups,
    whose answers differ: the page is then only rendered again.)"""
    return DEP_SEP.join(f"{kind}{KIND_SEP}{name}" for kind, name in deps)


def _strings(items: tuple[Any, ...]) -> bool:
    return all(type(x) is str for x in items)


def build_salt(root: Path, *, today: dt.date, language: str) -> str:
    """Everything besides a page's own document and look-ups that its bytes depend on."""
    h = hashlib.blake2b(digest_size=20)
    h.update(check_salt(root, today=today, language=language))
    folders = [packaged_templates() / "site", root / "lesebekreftelser"]
    for folder in folders:
        h.update(f"\0{folder}\0".encode())
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            with contextlib.suppress(OSError):
                st = path.stat()
                h.update(
                    f"{path.relative_to(folder).as_posix()}\0{st.st_size}\0"
                    f"{st.st_mtime_ns}\0".encode()
                )
    return h.hexdigest()


def load(out: Path, salt: str) -> dict[str, Record]:
    """The records of the previous build into ``out``; empty when it was built with another
    salt, or the cache is missing or damaged."""
    try:
        with (out / CACHE).open("rb") as handle:
            data = _Unpickler(handle).load()
    except Exception:  # a damaged cache of any kind is only not used
        return {}
    if (
        not isinstance(data, tuple)
        or len(data) != 3
        or data[0] != VERSION
        or data[1] != salt
        or not isinstance(data[2], dict)
    ):
        return {}
    records = {}
    for url, raw in data[2].items():
        record = Record.from_raw(raw)
        if record is not None and isinstance(url, str):
            records[url] = record
    return records


def dump(salt: str, records: dict[str, Record]) -> bytes:
    pages = {url: records[url].to_raw() for url in sorted(records)}
    return pickle.dumps((VERSION, salt, pages), protocol=pickle.HIGHEST_PROTOCOL)


class _Unpickler(pickle.Unpickler):
    """Plain data only (tuples, lists, dicts, strings, numbers): a file naming any class or
    function is not a cache of ours, so unpickling it can never run code."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the site cache")


def file_stat(path: str | Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)  # noqa: PTH116 - a string path: 10,000 Path objects cost more
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def fingerprint(salt: str, own: str, answers: list[str]) -> str:
    """The salt, the page's own facts and its answers, hashed (joined by NUL first: one
    encoding and one update instead of one per answer)."""
    joined = "\0".join((salt, own, *answers)) if answers else f"{salt}\0{own}"
    return hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def entry_facts(entry: Any) -> str:
    """What a page shows of another page it links to (see ``Pages._link`` and the body's
    links): URL, label, title, status, kind and code."""
    if entry is None:
        return "-"
    doc = entry.doc
    code = doc.get("code") if entry.kind == "measure" else None
    return repr(
        (
            entry.url,
            entry.label,
            entry.title,
            doc.status,
            entry.kind,
            code if isinstance(code, str) else None,
        )
    )


def meeting_facts(entry: Any) -> str:
    """What a network's page shows of one of its meetings: all of it comes from the meeting's
    document (date, title, kind, open action items), so the document's text stands for it."""
    return repr((entry.url, entry.key, entry.title, entry.kind, entry.doc.text))


def own_facts(entry: Any, network: Any, change: Any) -> str:
    """The page's own document (the digest of its bytes, or its text) and where it stands."""
    doc = entry.doc
    kind = "document" if entry.handbook else (NETWORK_TYPE if network is None else "meeting")
    last = None if change is None else (change.date.isoformat(), change.subject, change.commit)
    own = entry.digest.hex() if entry.digest else doc.text
    return repr((kind, entry.url, entry.key, entry.title, entry.kind, doc.path, last, own))
