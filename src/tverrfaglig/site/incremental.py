"""Rebuilding only the pages that changed.

A page of a document is a function of: its document (the file's bytes, its file and its last
commit in git), the build's *salt* (tvf's own code and version, ``tvf.toml``, ``laws.yaml``, the
templates, the reading confirmations, the date counted as today and the language), and the
answers to what it looked up in the rest of the site while it was rendered: the documents it
names (by ID or by a link to their file), the pages that refer to it, the meetings of a
network, the network of a meeting, and whether a file it links to is in the handbook.

While a page is rendered, the build records those look-ups, and the digest of each answer.
The next build does not ask every page's questions again: an answer about documents can only
have changed when a document it is about changed, appeared or went (its page's own key differs,
or the page is new or gone), so only the look-ups such a document decides (its ID, its file,
the «who refers to me» of each document it names: :attr:`Record.about`) are asked again, with
every look-up of a file, a network or a network's meetings (few, and answered from outside the
documents). A page is rendered again when its own key differs, or one of its look-ups is
answered otherwise; every other page is kept as it is (when its file is still the file the last
build wrote, by size and modification time), with the search text and the linked files recorded
for it, and is not looked at further.

The records and the answers live in the output folder (:data:`CACHE_FILES`: the answers, and
the records in shards, so that a build which renders a few pages rewrites a few files), beside
the manifest: pickles of plain data only (tuples, lists, dicts, strings, bytes and numbers;
read with an unpickler that refuses every class and function, so they can never run code),
faster to read and write than the JSON they were before (``bench/README.md``). A record that
cannot be read, or holds anything of another type, is ignored, so a damaged cache only makes
the build slower.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import pickle
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks.cache import salt as check_salt
from ..resources import packaged_templates

CACHE = ".tvf-site-cache.pickle"
VERSION = 5

#: A look-up a page made while it was rendered: (kind, name), e.g. ("id", "IV.7-2").
Dep = tuple[str, str]


@dataclass
class Record:
    """What the build knows of a page it rendered earlier."""

    #: The page's own inputs: for a document's page :func:`own_key`; for a page made from the
    #: whole handbook, the fingerprint of what it shows (:func:`fingerprint`).
    key: str
    deps: str  # its look-ups, packed (:func:`pack`)
    stat: tuple[int, int]  # size and modification time (ns) of the file it wrote
    text: str  # the page's text for the search index
    linked: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    applies_to: list[str] = field(default_factory=list)  # a measure's groups, for the catalogue
    about: str = ""  # the look-ups its document decides, packed (see the module)
    text_hash: str = ""  # :func:`.search.text_hash` of ``text``

    def to_raw(self) -> tuple[Any, ...]:
        return (
            self.key,
            self.deps,
            self.stat,
            self.text,
            tuple(self.linked),
            tuple(self.broken),
            tuple(self.applies_to),
            self.about,
            self.text_hash,
        )

    @classmethod
    def from_raw(cls, raw: Any) -> Record | None:
        """The record of :meth:`to_raw`; None when ``raw`` is not one (of the right types)."""
        try:
            key, deps, stat, text, linked, broken, applies_to, about, text_hash = raw
            size, mtime = stat
        except (TypeError, ValueError):
            return None
        if not (
            type(key) is str
            and type(text) is str
            and type(size) is int
            and type(mtime) is int
            and type(deps) is str
            and type(about) is str
            and type(text_hash) is str
            and type(linked) is tuple
            and type(broken) is tuple
            and type(applies_to) is tuple
        ):
            return None
        if (linked or broken or applies_to) and not only_strings(linked, broken, applies_to):
            return None  # (most pages link to no file: nothing more to look at)
        return cls(
            key,
            deps,
            (size, mtime),
            text,
            list(linked),
            list(broken),
            list(applies_to),
            about,
            text_hash,
        )


#: Between the look-ups of a page, and between the kind and the name of one, in :func:`pack`.
DEP_SEP, KIND_SEP = "\x1e", "\x1f"


def pack(deps: list[Dep]) -> str:
    """A page's look-ups as one string, cheap to store and to read back: ``kind\\x1fname``
    joined by ``\\x1e``. (A name holding either separator reads back as other look-ups,
    whose answers differ: the page is then only rendered again.)"""
    return DEP_SEP.join(f"{kind}{KIND_SEP}{name}" for kind, name in deps)


def only_strings(*collections: Iterable[object]) -> bool:
    """Every item of every collection is a ``str`` (not a subclass): read back from a cache."""
    return all(type(item) is str for items in collections for item in items)


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


#: What the last build recorded: its records by URL, and the digest of the answer to each
#: look-up (packed, as in :attr:`Record.deps`) that one of its pages made.
Previous = tuple[dict[str, Record], dict[str, bytes]]

#: The records are kept in this many files beside :data:`CACHE` (which holds the answers), each
#: URL in the one its CRC-32 picks: a build that renders a few pages rewrites a few files, not
#: the text of every page (17 MB for 10,000 pages).
SHARDS = 16
#: Every file of the cache, :data:`CACHE` first.
CACHE_FILES = (CACHE, *(CACHE.replace(".pickle", f"-{n:02}.pickle") for n in range(SHARDS)))


def load(out: Path, salt: str) -> Previous:
    """The records and answers of the previous build into ``out``; empty when it was built
    with another salt, or the cache is missing or damaged (a shard that is: without its
    records, whose pages are then rendered again)."""
    answers = _load(out / CACHE, salt)
    if not isinstance(answers, dict) or not all(
        type(k) is str and type(v) is bytes for k, v in answers.items()
    ):
        return {}, {}
    records = {}
    for name in CACHE_FILES[1:]:
        pages = _load(out / name, salt)
        if not isinstance(pages, dict):
            continue
        for url, raw in pages.items():
            record = Record.from_raw(raw)
            if record is not None and isinstance(url, str):
                records[url] = record
    return records, answers


def _load(path: Path, salt: str) -> Any:
    """What one file of the cache holds; None when it is missing, damaged or of another
    build's salt."""
    try:
        data = plain_data(path.read_bytes())
    except Exception:  # a damaged cache of any kind is only not used
        return None
    if isinstance(data, tuple) and len(data) == 3 and data[0] == VERSION and data[1] == salt:
        return data[2]
    return None


def dump(
    salt: str, records: dict[str, Record], previous: dict[str, Record], answers: dict[str, bytes]
) -> dict[str, bytes]:
    """The files of the cache to write by name: the answers, and each shard of the records
    that differs from ``previous`` (the records the cache holds now)."""
    files = {CACHE: _dumped(salt, dict(sorted(answers.items())))}
    now, before = _shards(records), _shards(previous)
    for name, shard, old in zip(CACHE_FILES[1:], now, before, strict=True):
        if shard != old:
            files[name] = _dumped(salt, {url: shard[url].to_raw() for url in sorted(shard)})
    return files


def _shards(records: dict[str, Record]) -> list[dict[str, Record]]:
    shards: list[dict[str, Record]] = [{} for _ in range(SHARDS)]
    for url, record in records.items():
        shards[zlib.crc32(url.encode("utf-8", "surrogatepass")) % SHARDS][url] = record
    return shards


def _dumped(salt: str, data: object) -> bytes:
    return pickle.dumps((VERSION, salt, data), protocol=pickle.HIGHEST_PROTOCOL)


def plain_data(pickled: bytes) -> Any:
    """Unpickle plain data only (see :class:`_Unpickler`); raises on anything else."""
    return _Unpickler(io.BytesIO(pickled)).load()


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


def answer_digest(answer: str) -> bytes:
    """What is recorded of an answer to a look-up: enough to tell that it changed."""
    return hashlib.blake2b(answer.encode("utf-8", "surrogatepass"), digest_size=12).digest()


def fingerprint(salt: str, own: str, answers: list[str]) -> str:
    """The salt, a page's own facts and its answers, hashed (joined by NUL first: one
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


def own_key(entry: Any, change: Any) -> str:
    """A page's own document: its file, its last commit (which decides the commit's date and
    subject the page shows) and the digest of its bytes (or its text, for a whole document read
    without one). Its URL, title, type and the kind of page are all made from these."""
    doc = entry.doc
    own = entry.digest.hex() if entry.digest else doc.text
    return f"{doc.path}\0{'' if change is None else change.commit}\0{own}"
