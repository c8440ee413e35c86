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

The records live in the output folder (:data:`CACHE`), beside the manifest: a pickle of plain
data only (tuples, lists, dicts, strings, bytes and numbers; it is read with an unpickler that
refuses every class and function, so it can never run code), faster to read and write than the
JSON it was before (``bench/README.md``). A record that cannot be read, or holds anything of
another type, is ignored, so a damaged cache only makes the build slower.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks.cache import salt as check_salt
from ..resources import packaged_templates

CACHE = ".tvf-site-cache.pickle"
VERSION = 3

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
        )

    @classmethod
    def from_raw(cls, raw: Any) -> Record | None:
        """The record of :meth:`to_raw`; None when ``raw`` is not one (of the right types)."""
        try:
            key, deps, stat, text, linked, broken, applies_to, about = raw
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
            and type(linked) is tuple
            and type(broken) is tuple
            and type(applies_to) is tuple
        ):
            return None
        if (linked or broken or applies_to) and not _strings(linked + broken + applies_to):
            return None  # (most pages link to no file: nothing more to look at)
        return cls(
            key, deps, (size, mtime), text, list(linked), list(broken), list(applies_to), about
        )


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


#: What the last build recorded: its records by URL, and the digest of the answer to each
#: look-up (packed, as in :attr:`Record.deps`) that one of its pages made.
Previous = tuple[dict[str, Record], dict[str, bytes]]


def load(out: Path, salt: str) -> Previous:
    """The records and answers of the previous build into ``out``; empty when it was built
    with another salt, or the cache is missing or damaged."""
    try:
        data = plain_data((out / CACHE).read_bytes())
    except Exception:  # a damaged cache of any kind is only not used
        return {}, {}
    if (
        not isinstance(data, tuple)
        or len(data) != 4
        or data[0] != VERSION
        or data[1] != salt
        or not isinstance(data[2], dict)
        or not isinstance(data[3], dict)
    ):
        return {}, {}
    records = {}
    for url, raw in data[2].items():
        record = Record.from_raw(raw)
        if record is not None and isinstance(url, str):
            records[url] = record
    answers = data[3]
    if not all(type(k) is str and type(v) is bytes for k, v in answers.items()):
        return {}, {}
    return records, answers


def dump(salt: str, records: dict[str, Record], answers: dict[str, bytes]) -> bytes:
    pages = {url: records[url].to_raw() for url in sorted(records)}
    return pickle.dumps(
        (VERSION, salt, pages, dict(sorted(answers.items()))), protocol=pickle.HIGHEST_PROTOCOL
    )


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
