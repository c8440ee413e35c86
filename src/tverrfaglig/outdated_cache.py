"""What ``tvf outdated`` keeps between runs, beside the cache of ``tvf check``.

``tvf outdated`` takes the findings and summaries of the documents from the cache of
``tvf check`` (:mod:`tverrfaglig.checks.cache`: keyed by each file's bytes). Two things of its
own are kept next to it, in ``outdated/`` beside the check cache's ``check/`` folder:

* ``docs.pickle``: what :class:`~tverrfaglig.outdated.DocInfo` needs of each document beyond
  its summary in the check cache (owner, review date and its line, the services it applies
  to), keyed by the path *and* the BLAKE2 digest of the file's bytes that the check cache
  recorded for it, so an edited file is read again even when ``tvf check`` (not
  ``tvf outdated``) saw it first;
* ``git.pickle``: the newest commit of every file (:func:`tverrfaglig.vcs.last_changes`),
  keyed by the commit HEAD names and the handbook's folder: a new commit, a checkout or a
  reset is a new key, so the ``git log`` runs again. Edits in the working tree do not change
  what ``git log`` says (it reads committed history), and reach the report through the
  documents' own digests.

Both files carry the check cache's *salt* (tvf's version and code, Python, ``tvf.toml``,
``laws.yaml``, the templates, the date and the language): when it differs, they are not used.
As with the check cache, a file is written through a temporary file and a rename, is never
trusted when it is cut short, altered or of another version, and is unpickled with only the
classes it holds allowed: it holds none (only tuples, lists, dicts, text, bytes, whole
numbers and None; dates as day numbers). A cache that cannot be read or written only makes a
run slower.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .checks.cache import cache_folder, load_framed, write_framed
from .vcs import Change

if TYPE_CHECKING:
    from .outdated import KeptInfo

FOLDER_NAME = "outdated"
MAGIC = b"tvf-outdated-cache 1\n"
DOCS = "docs.pickle"
GIT = "git.pickle"

#: What identifies a ``git log`` answer: the handbook folder and the commit HEAD names.
GitKey = tuple[str, str]


@dataclass
class OutdatedCache:
    """The kept :class:`DocInfo` of each document and the kept ``git log`` of one handbook;
    :meth:`save` writes what changed."""

    folder: Path | None
    salt: bytes
    docs: dict[str, tuple[bytes, KeptInfo]] = field(default_factory=dict)
    git_key: GitKey | None = None
    git_changes: dict[str, Change] = field(default_factory=dict)
    fresh_docs: dict[str, tuple[bytes, KeptInfo]] = field(default_factory=dict)
    docs_dirty: bool = False
    git_dirty: bool = False

    def info(self, rel: str, content: bytes | None) -> KeptInfo | None:
        """What was kept of ``rel`` when it was made from bytes with the digest ``content``."""
        kept = self.docs.get(rel)
        if kept is None or content is None or kept[0] != content or not _well_formed(kept[1]):
            return None
        self.fresh_docs[rel] = kept
        return kept[1]

    def keep_info(self, rel: str, content: bytes, info: KeptInfo) -> None:
        self.fresh_docs[rel] = (content, info)
        if self.docs.get(rel) != (content, info):
            self.docs_dirty = True

    def changes(self, key: GitKey) -> dict[str, Change] | None:
        """The kept ``git log`` answer for ``key``, or None."""
        return self.git_changes if self.git_key == key else None

    def keep_changes(self, key: GitKey, changes: dict[str, Change]) -> None:
        self.git_key, self.git_changes, self.git_dirty = key, changes, True

    def save(self) -> None:
        """Write what changed (documents gone since are dropped); never raises."""
        if self.folder is None:
            return
        if self.docs_dirty or self.docs.keys() != self.fresh_docs.keys():
            with contextlib.suppress(Exception):
                _write(self.folder / DOCS, self.salt, self.fresh_docs)
        if self.git_dirty:
            with contextlib.suppress(Exception):
                _write(self.folder / GIT, self.salt, (self.git_key, *_flat(self.git_changes)))


_TEXT = (str, type(None))
_NUMBER = (int, type(None))


def _well_formed(kept: object) -> bool:
    """Whether ``kept`` has the shape of a :data:`~tverrfaglig.outdated.KeptInfo` (checked
    for each document a run uses, so with the cheapest tests)."""
    if type(kept) is not tuple or len(kept) != 4:
        return False
    owner, review, line, applies = kept
    return (
        isinstance(owner, _TEXT)
        and isinstance(review, _NUMBER)
        and isinstance(line, _NUMBER)
        and (applies is None or (type(applies) is tuple and all(type(a) is str for a in applies)))
    )


def outdated_folder(root: Path) -> Path:
    """The folder of ``tvf outdated``'s cache: beside the check cache's own."""
    return cache_folder(root).parent / FOLDER_NAME


def open_outdated_cache(root: Path, salt: bytes) -> OutdatedCache:
    """The cache of the handbook at ``root`` for ``salt`` (the check cache's), empty when there
    is none or it cannot be trusted."""
    folder = outdated_folder(root)
    cache = OutdatedCache(folder=folder, salt=salt)
    docs = _read(folder / DOCS, salt)
    if isinstance(docs, dict):
        cache.docs = docs
    git = _read(folder / GIT, salt)
    with contextlib.suppress(Exception):  # anything odd: not trusted
        key, commits, paths = cast(tuple[object, object, object], git)
        changes = _unflat(commits, paths)
        if isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) for k in key):
            cache.git_key, cache.git_changes = key, changes
    return cache


def _flat(changes: dict[str, Change]) -> tuple[list[tuple[str, str, str, str]], dict[str, int]]:
    """The commits (each once) as text, and each path's commit by its place in that list."""
    commits: list[tuple[str, str, str, str]] = []
    place: dict[str, int] = {}
    paths: dict[str, int] = {}
    for path, change in changes.items():
        index = place.get(change.commit)
        if index is None:
            index = place[change.commit] = len(commits)
            commits.append((change.date.isoformat(), change.author, change.subject, change.commit))
        paths[path] = index
    return commits, paths


def _unflat(commits: object, paths: object) -> dict[str, Change]:
    if not isinstance(commits, list) or not isinstance(paths, dict):
        raise TypeError("not a kept git log")
    made = [
        Change(dt.datetime.fromisoformat(date), author, subject, sha)
        for date, author, subject, sha in commits
    ]
    return {path: made[index] for path, index in paths.items()}


def _read(path: Path, salt: bytes) -> object:
    return load_framed(path, salt, magic=MAGIC, unpickler=_Unpickler)


def _write(path: Path, salt: bytes, value: object) -> None:
    write_framed(path, salt, value, magic=MAGIC)


class _Unpickler(pickle.Unpickler):
    """No classes at all: the cache holds only built-in values, so a class in it means the file
    is not ours (and a planted file cannot run code)."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
