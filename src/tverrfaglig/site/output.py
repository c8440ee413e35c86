"""Writing the site into the output folder: the pages, the search index, the static files and
copies of the handbook's files that pages link to.

The build is incremental: a file whose bytes are unchanged is not written again, every file is
written through a temporary file and ``os.replace``, and the files of an earlier build that this
one did not write are removed (the build remembers what it wrote in ``.tvf-site.json``; it never
deletes anything else).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..errors import TvfError
from ..files import TEMP_SUFFIX, default_mode, signals_held, write_atomic
from ..i18n import _
from ..resources import packaged_templates
from .model import FILES_DIR

if TYPE_CHECKING:
    from .search import SearchIndex

SITE_TEMPLATES = "site"
STATIC_DIR = "static"
MANIFEST = ".tvf-site.json"
_SERIAL = itertools.count()  # temporary file names, unique within a process


class Output:
    """Writes files into the output folder: only when their bytes changed, each through a
    temporary file in the same folder and ``os.replace``; removes what an earlier build wrote
    and this one did not."""

    def __init__(self, out: Path, *, dry_run: bool) -> None:
        self.out = out
        self.dry_run = dry_run
        self.files: list[str] = []
        self.written: list[str] = []
        self.mode = default_mode()  # mkstemp would give 0600; a web server must read the pages

    def put(self, rel: str, data: bytes) -> None:
        self.files.append(rel)
        path = self.out / rel
        with contextlib.suppress(OSError):
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                return
        self.written.append(rel)
        if not self.dry_run:
            self._write(path, data)

    def keep(self, rel: str) -> None:
        """``rel`` is a file of this build, and is already as it should be."""
        self.files.append(rel)

    def put_cache(self, name: str, data: bytes) -> None:
        """A file of the build itself (not of the site, not in the manifest): written when
        its bytes changed, flushed to disk."""
        if self.dry_run:
            return
        path = self.out / name
        with contextlib.suppress(OSError):
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                return
        write_atomic(
            path,
            data,
            mode=self.mode,
            hint=_("Sjekk at mappen kan skrives til, eller velg en annen med --out."),
        )

    def put_search_index(self, index: SearchIndex) -> None:
        """The files of the search index (:mod:`.search`), each a script that ``sok.js`` loads
        with a script tag, which a browser runs from ``file://`` too; made from the previous
        build's cache of the index where that is quicker (:data:`.search.CACHE`)."""
        from .search import CACHE

        cache = None
        with contextlib.suppress(OSError):
            cache = (self.out / CACHE).read_bytes()
        files, cache = index.files(cache)
        for rel, data in files.items():
            self.put(rel, data)
        self.put_cache(CACHE, cache)

    def put_static_files(self, root: Path) -> None:
        """The stylesheet and script (``templates/site/static/``) into ``static/``."""
        for rel, data in _static_files(root):
            self.put(rel, data)

    def put_linked_files(self, root: Path, linked: Iterable[str]) -> None:
        """Copy the handbook's files that pages link to or show (``linked``, paths in the
        handbook at ``root``) into ``filer/``."""
        for rel in sorted(linked):
            self.put(f"{FILES_DIR}/{rel}", _read_linked(root, rel))

    def _write(self, path: Path, data: bytes) -> None:
        """Write ``data`` to ``path`` through a hidden temporary file beside it and
        ``os.replace``, so a reader sees the old file or the new one, never half of one.

        Unlike :func:`..files.write_atomic`, the file is not flushed to disk (``fsync``) one by
        one: that took most of a large build's time, and the site can always be built again.
        After a crash a page may be empty or old; the next build sees its bytes differ and
        writes it again (the manifest, written last, is flushed)."""
        temp = path.parent / f".{path.name}.{os.getpid()}-{next(_SERIAL)}{TEMP_SUFFIX}"
        hint = _("Sjekk at mappen kan skrives til, eller velg en annen med --out.")
        with signals_held():  # the temporary file never outlives an interrupt
            try:
                try:
                    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                except FileNotFoundError:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except OSError as exc:
                raise TvfError(
                    _("Kan ikke skrive i {folder}: {reason}.").format(
                        folder=path.parent, reason=exc.strerror
                    ),
                    hint=hint,
                ) from None
            try:
                try:
                    os.fchmod(fd, self.mode)
                    view = memoryview(data)
                    while view:
                        view = view[os.write(fd, view) :]
                finally:
                    os.close(fd)
                temp.replace(path)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    temp.unlink()
                raise TvfError(
                    _("Kan ikke skrive {path}: {reason}.").format(path=path, reason=exc.strerror),
                    hint=hint,
                ) from None

    def finish(self) -> tuple[str, ...]:
        """Remove the files of the previous build that this one did not write, then record
        this build's files in the manifest."""
        current = set(self.files)
        removed = sorted(rel for rel in self._previous() - current if _inside(rel))
        manifest = (
            json.dumps(
                {"generator": "tvf build", "files": sorted(current)}, ensure_ascii=False, indent=1
            )
            + "\n"
        )
        if self.dry_run:
            return tuple(removed)
        for rel in removed:
            path = self.out / rel
            with contextlib.suppress(FileNotFoundError):
                if path.is_file() or path.is_symlink():
                    path.unlink()
            self._prune(path.parent)
        path = self.out / MANIFEST
        data = manifest.encode("utf-8")
        with contextlib.suppress(OSError):
            if path.read_bytes() == data:
                return tuple(removed)
        write_atomic(
            path,
            data,
            mode=self.mode,  # flushed to disk, unlike the pages
            hint=_("Sjekk at mappen kan skrives til, eller velg en annen med --out."),
        )
        return tuple(removed)

    def _previous(self) -> set[str]:
        """The files the manifest of the last build lists (not yet checked by :func:`_inside`:
        most are this build's files too, and only the others are removed)."""
        try:
            data = json.loads((self.out / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return set()
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, list):
            return set()
        return {rel for rel in files if isinstance(rel, str) and rel}

    def _prune(self, folder: Path) -> None:
        """Remove folders this build emptied, up to (not including) the output folder."""
        while folder != self.out and folder.is_relative_to(self.out):
            try:
                folder.rmdir()
            except OSError:
                return
            folder = folder.parent


def _inside(rel: str) -> bool:
    """``rel`` (from a manifest) names a file inside the output folder: a build never deletes
    anything outside it."""
    return not rel.startswith("/") and "\\" not in rel and ".." not in PurePosixPath(rel).parts


# --- Static files and copies of the handbook's files ----------------------------------------------


def _static_files(root: Path) -> Iterator[tuple[str, bytes]]:
    """The files of ``templates/site/static/``: the handbook's own first, then tvf's."""
    seen: set[str] = set()
    for base in (root / "templates", packaged_templates()):
        folder = base / SITE_TEMPLATES / STATIC_DIR
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.is_file() and not path.name.startswith(".") and path.name not in seen:
                seen.add(path.name)
                try:
                    yield f"{STATIC_DIR}/{path.name}", path.read_bytes()
                except OSError as exc:
                    raise TvfError(
                        _("Kan ikke lese {path}: {reason}.").format(path=path, reason=exc.strerror)
                    ) from None


def _read_linked(root: Path, rel: str) -> bytes:
    try:
        return (root / rel).read_bytes()
    except OSError as exc:
        raise TvfError(
            _("Kan ikke lese {path}: {reason}.").format(path=root / rel, reason=exc.strerror)
        ) from None
