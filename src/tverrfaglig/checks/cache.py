"""The cache of ``tvf check``: what each file gave last time, keyed by its content.

For every file the cache keeps what :func:`.engine.scan_path` made of it alone: the findings
of reading it and of the checks that need only that document, and its
:class:`~.summary.Summary`. The checks across documents are always run again, from the
summaries. A file is taken from the cache when its bytes are the ones checked last time: when
its size, modification time and inode are those recorded, and were recorded long enough after
the file was written (git's "racily clean" rule, :data:`RACY_SECONDS`); otherwise its bytes are
read and their BLAKE2 hash compared with the one recorded.

Everything else the results depend on is the cache's *salt*: tvf's own files (its version, its
code and its law data), Python's version, the handbook's ``tvf.toml``, ``laws.yaml`` and
``templates/``, the date counted as today and the language. When the salt differs, the cache
is not used (and is replaced after the run).

A run that checked files also records itself (:meth:`CheckCache.record`): every folder it
listed and every file it read, with their size, modification time, change time and inode, and
all its findings. The next run first tries to *replay* that record (:meth:`CheckCache.replay`):
when every folder and file still looks the same (a file added, removed or renamed changes its
folder's modification time; a file written, or touched back to an old time, changes its own
change time), the findings are those of the record, without listing the folders, reading a
file or importing the checks. A file recorded within :data:`RACY_SECONDS` of the run is read
and compared with its recorded digest; a folder that recent, or a symbolic link anywhere,
means no record.

Where it lives: ``.tvf-cache/`` in the handbook when that folder exists (``tvf init`` puts it
in ``.gitignore``), else ``$XDG_CACHE_HOME/tvf/`` (``~/.cache/tvf/`` without it), one file per
handbook folder. It is written through a temporary file and a rename, so two runs sharing it
each see a whole cache; a cache that is unreadable, cut short, altered or of another version
is never trusted: it only makes the run as slow as one without it. It is unpickled with only
the classes of the cache allowed, so a planted file cannot run code.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import pickle
import sys
import time
import zlib
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..findings import Finding

if TYPE_CHECKING:
    from ..handbook import Walked
    from .summary import Summary

    #: What a file gave: its findings (reading it and its own checks), its summary (None when
    #: it has no readable front matter) and whether it counts as a document.
    Outcome = tuple[tuple[Finding, ...], Summary | None, bool]

#: The folder in a handbook that holds its cache instead of the user's cache folder.
LOCAL_DIR = ".tvf-cache"
FOLDER_NAME = "check"
MAGIC = b"tvf-check-cache 2\n"
#: A file modified this close to when its state was recorded is read again: a change within
#: the same tick of the file system's clock would not show in its modification time.
RACY_SECONDS = 2.0

_PACKAGE = Path(__file__).resolve().parent.parent  # src/tverrfaglig

#: How a file or folder looked: (size, modification time in ns, change time in ns, inode). The
#: change time is set by every write and by setting the modification time (``touch``,
#: ``os.utime``), and no tool can set it back.
Stat = tuple[int, int, int, int]
#: The file of the record of the last run, next to the shards.
RUN_FILE = "run.pickle"


@dataclass
class Entry:
    stat: Stat
    digest: bytes
    outcome: Outcome


@dataclass
class Listing:
    """The handbook's files as the last run listed them, when no folder has changed since (so
    listing them again would give the same): the folders with their stats now, the files in
    path order with their stats now (None: could not be looked at), and the findings of
    listing them (TVF006, TVF001 for what is not a regular file)."""

    folders: list[tuple[str, os.stat_result]]
    files: list[str]
    stats: list[os.stat_result | None]
    problems: list[Finding]


@dataclass
class CheckCache:
    """The cache of one handbook for one salt, in :data:`SHARDS` files by path, so a run
    that checked a few files rewrites only their shards; :meth:`save` writes what changed."""

    folder: Path | None
    salt: bytes
    entries: dict[str, Entry] = field(default_factory=dict)
    #: When each shard's stats were recorded (time.time()); None: the shard was not read.
    written_at: list[float | None] = field(default_factory=lambda: [None] * SHARDS)
    fresh: dict[str, Entry] = field(default_factory=dict)
    dirty: set[int] = field(default_factory=set)
    loaded: bool = False
    shards: dict[str, int] = field(default_factory=dict)  # the shard of each entry read

    def load_entries(self) -> None:
        """Read the shards (once)."""
        if self.loaded or self.folder is None:
            self.loaded = True
            return
        self.loaded = True
        for index in range(SHARDS):
            loaded = _read(self.folder / f"{index:02x}.pickle", self.salt)
            if loaded is not None:
                self.written_at[index], entries = loaded
                for rel, entry in entries.items():
                    if shard(rel) == index:
                        self.entries[rel] = entry
                        self.shards[rel] = index

    def replay(self, root: Path) -> tuple[list[Finding], int] | Listing | None:
        """The findings and the number of documents of the last run recorded for this salt
        (:meth:`record`), when no folder or file it looked at has changed since. When only
        files changed (no folder did), the :class:`Listing` of the handbook's files instead,
        which holds as it was recorded; None when a folder changed or there is no record."""
        if self.folder is None:
            return None
        raw = load_framed(self.folder / RUN_FILE, self.salt)
        try:
            (started, counts, folders, files, stats, racy, findings, documents, problems) = raw
            if not (isinstance(started, float) and isinstance(documents, int)):
                return None
            if not all(isinstance(f, Finding) for f in (*findings, *problems)):
                return None
            base = os.fspath(root)
            now = array("q")
            walked = []
            for rel in folders.split("\0") if counts[0] else ():
                st = os.stat(os.path.join(base, rel) if rel else base)  # noqa: PTH116, PTH118
                now.extend((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
                walked.append((rel, st))
            if now.tobytes() != stats[: len(now) * now.itemsize]:
                return None  # a folder changed: a file may have come or gone
            names = files.split("\0") if counts[1] else []
            seen: list[os.stat_result | None] = []
            for rel in names:
                try:
                    st = os.stat(os.path.join(base, rel))  # noqa: PTH116, PTH118
                except OSError:
                    seen.append(None)
                    now.extend((-1, -1, -1, -1))
                    continue
                seen.append(st)
                now.extend((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
            listing = Listing(walked, names, seen, list(problems))
            if now.tobytes() != stats:
                return listing
            for index, known in racy.items():  # written too close to the run: compare bytes
                with open(os.path.join(base, names[index]), "rb") as handle:  # noqa: PTH118, PTH123
                    if digest(handle.read()) != known:
                        return listing
            return list(findings), documents
        except Exception:  # a record that is odd: check the ordinary way
            return None

    def record(
        self,
        started: float,
        walked: Walked,
        files: list[str],
        seen: list[tuple[Stat, bytes] | None],
        findings: list[Finding],
        documents: int,
        problems: list[Finding],
    ) -> None:
        """Record the run that began at ``started`` (time.time()) for :meth:`replay`: the
        folders ``walked`` saw, ``files`` with how each looked before it was read and the
        digest of its bytes (``seen``), every finding, and those of listing the folders
        (``problems``). Without a record (it is removed) when anything cannot be told apart
        by its stat: a symbolic link, a folder or file that could not be looked at, a folder
        changed too close to ``started``. Never raises."""
        if self.folder is None:
            return
        path = self.folder / RUN_FILE
        limit = int((started - RACY_SECONDS) * 1e9)
        stats = array("q")
        usable = not walked.links
        for _rel, st in walked.folders:
            if st is None or max(st.st_mtime_ns, st.st_ctime_ns) >= limit:
                usable = False
                break
            stats.extend(stat_of(st))
        racy: dict[int, bytes] = {}
        for index, item in enumerate(seen):
            if not usable or item is None:
                usable = False
                break
            stat, known = item
            stats.extend(stat)
            if max(stat[1], stat[2]) >= limit:
                racy[index] = known
        with contextlib.suppress(Exception):
            if not usable:
                path.unlink(missing_ok=True)
                return
            write_framed(
                path,
                self.salt,
                (
                    started,
                    (len(walked.folders), len(files)),  # "".split() is [""], not []
                    "\0".join(rel for rel, _st in walked.folders),
                    "\0".join(files),
                    stats.tobytes(),
                    racy,
                    tuple(findings),
                    documents,
                    tuple(problems),
                ),
            )

    def lookup(self, rel: str, stat: Stat) -> Entry | None:
        """The entry for ``rel`` when its recorded stat is ``stat`` and trustworthy."""
        entry = self.entries.get(rel)
        if entry is None or entry.stat != stat:
            return None
        index = self.shards.get(rel)
        written_at = self.written_at[shard(rel) if index is None else index]
        if written_at is None or max(stat[1], stat[2]) / 1e9 >= written_at - RACY_SECONDS:
            return None  # written too close to when it was recorded: compare the bytes
        return entry

    def keep(self, rel: str, entry: Entry, *, changed: bool = False) -> None:
        """Remember ``entry`` for the next run; ``changed``: it is not the one read."""
        self.fresh[rel] = entry
        if changed:
            self.dirty.add(shard(rel))

    def save(self) -> None:
        """Write the shards whose entries changed (files gone since are dropped); never
        raises: a cache that cannot be written only makes the next run slower."""
        if self.folder is None:
            return
        gone = self.entries.keys() - self.fresh.keys()
        dirty = self.dirty | {shard(rel) for rel in gone}
        dirty |= {i for i, at in enumerate(self.written_at) if at is None}
        if not dirty:
            return
        parts: list[dict[str, Entry]] = [{} for _ in range(SHARDS)]
        for rel, entry in self.fresh.items():
            index = self.shards.get(rel)
            if index is None:
                index = shard(rel)
            if index in dirty:
                parts[index][rel] = entry
        with contextlib.suppress(Exception):
            for index in sorted(dirty):
                _write(self.folder / f"{index:02x}.pickle", self.salt, parts[index])


#: How many files a handbook's cache is kept in.
SHARDS = 32


def shard(rel: str) -> int:
    """Which of the :data:`SHARDS` files holds ``rel`` (stable between runs)."""
    return zlib.crc32(rel.encode("utf-8", "surrogateescape")) % SHARDS


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def stat_of(st: os.stat_result) -> Stat:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


# --- Where, and the salt -----------------------------------------------------------------------


def cache_folder(root: Path) -> Path:
    """The folder of the cache of the handbook at ``root``."""
    local = root / LOCAL_DIR
    if local.is_dir():
        return local / FOLDER_NAME
    base = os.environ.get("XDG_CACHE_HOME") or ""
    folder = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    name = hashlib.blake2b(os.fsencode(root.resolve()), digest_size=12).hexdigest()
    return folder / "tvf" / name / FOLDER_NAME


def salt(root: Path, *, today: dt.date, language: str) -> bytes:
    """Everything besides a file's own bytes that its findings depend on, hashed."""
    h = hashlib.blake2b(digest_size=20)
    h.update(
        f"{sys.version}\0{pickle.HIGHEST_PROTOCOL}\0{today.isoformat()}\0{language}\0".encode()
    )
    # tvf itself: its version, code and law data (a changed source file counts, so a
    # development checkout never trusts a cache made by other code).
    for path in sorted(_PACKAGE.rglob("*")):
        if "__pycache__" in path.parts or path.suffix in (".pyc", ".pyo"):
            continue
        with contextlib.suppress(OSError):
            st = path.stat()
            h.update(
                f"{path.relative_to(_PACKAGE).as_posix()}\0{st.st_size}\0"
                f"{st.st_mtime_ns}\0".encode()
            )
    for name in ("tvf.toml", "laws.yaml"):
        _hash_file(h, root / name, name)
    templates = root / "templates"
    if templates.is_dir():
        for template in sorted(p for p in templates.rglob("*") if p.is_file()):
            _hash_file(h, template, template.relative_to(root).as_posix())
    return h.digest()


def _hash_file(h: Any, path: Path, name: str) -> None:
    try:
        data = path.read_bytes()
    except OSError:
        h.update(f"{name}\0-\0".encode())
        return
    h.update(f"{name}\0{len(data)}\0".encode())
    h.update(data)


# --- Reading and writing -----------------------------------------------------------------------


def open_cache(root: Path, *, today: dt.date, language: str) -> CheckCache:
    """The cache of the handbook at ``root`` (empty when there is none or it cannot be
    trusted). Its shards are read by :meth:`CheckCache.load_entries`, when a run needs them."""
    folder = cache_folder(root)
    return CheckCache(folder=folder, salt=salt(root, today=today, language=language))


def load_framed(
    path: Path,
    salt: bytes,
    *,
    magic: bytes = MAGIC,
    unpickler: type[pickle.Unpickler] | None = None,
) -> Any:
    """What a cache file holds, or None when it is missing, of another magic or salt, cut
    short, altered, or holds anything ``unpickler`` refuses (by default: anything but the
    classes of the check cache). ``tvf outdated``'s cache is framed the same way."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(magic) + 40
    if len(data) < head or not data.startswith(magic):
        return None
    if data[len(magic) : len(magic) + 20] != salt:
        return None
    payload = data[head:]
    if digest(payload) != data[len(magic) + 20 : head]:
        return None  # cut short or altered
    try:
        return (unpickler or _Unpickler)(io.BytesIO(payload)).load()
    except Exception:  # anything odd in a cache is a reason not to trust it, never an error
        return None


def _read(path: Path, salt: bytes) -> tuple[float, dict[str, Entry]] | None:
    loaded = load_framed(path, salt)
    if loaded is None:
        return None
    try:
        written_at, raw = loaded
        if not isinstance(written_at, float):
            return None
        return written_at, {
            rel: Entry(stat, dig, outcome) for rel, (stat, dig, outcome) in raw.items()
        }
    except Exception:  # anything odd in a cache is a reason not to trust it, never an error
        return None


def _write(path: Path, salt: bytes, entries: dict[str, Entry]) -> None:
    raw = {rel: (e.stat, e.digest, e.outcome) for rel, e in entries.items()}
    write_framed(path, salt, (time.time(), raw))


def write_framed(path: Path, salt: bytes, value: object, *, magic: bytes = MAGIC) -> None:
    """Write ``value`` as :func:`load_framed` reads it: atomically, never leaving a temporary
    file behind."""
    import tempfile

    from ..files import TEMP_SUFFIX, signals_held

    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    with signals_held():  # an interrupt never leaves the temporary file behind
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
        temp = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(magic + salt + digest(payload))
                out.write(payload)
            temp.replace(path)  # atomic: another run sees the old cache or this one
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise


_ALLOWED = {
    ("tverrfaglig.findings", "Finding"),
    ("tverrfaglig.findings", "Severity"),
    ("tverrfaglig.checks.summary", "Summary"),
    ("tverrfaglig.document", "Document"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
}


class _Unpickler(pickle.Unpickler):
    """Only the classes a cache holds; anything else means the file is not a cache of ours."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return super().find_class(module, name)
