"""Loading a whole handbook: discovering its files and reading each one once."""

from __future__ import annotations

import operator
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, load_config
from .document import Document, parse_document
from .files import temp_target
from .findings import Finding, error, warning
from .i18n import _

if TYPE_CHECKING:  # the laws are imported when a handbook is loaded, not to list its files
    from .laws import LawRegistry

TEMPLATES_DIR = "templates"


@dataclass
class Handbook:
    """A loaded handbook: its settings, its documents and what went wrong reading them."""

    config: Config
    documents: list[Document]
    laws: LawRegistry
    load_findings: list[Finding] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.config.root


def load_handbook(root: Path, config: Config | None = None) -> Handbook:
    """Read every document under ``root``. Bad files become findings; nothing raises for them."""
    from .laws import load_registry

    config = load_config(root) if config is None else config
    laws, findings = load_registry(root)
    documents: list[Document] = []
    for rel, path, problem in discover(root, config.exclude):
        if problem is not None:
            findings.append(problem)
            continue
        doc, problems = read_document(rel, path)
        findings.extend(problems)
        if doc is not None:
            documents.append(doc)
    return Handbook(config=config, documents=documents, laws=laws, load_findings=findings)


def read_document(rel: str, path: str | Path) -> tuple[Document | None, list[Finding]]:
    """Read and parse one file; a file that cannot be read is a TVF001 finding."""
    data, _stat, problems = read_file(rel, path)
    if data is None:
        return None, problems
    return parse_document(rel, data)


def read_file(
    rel: str, path: str | Path
) -> tuple[bytes | None, os.stat_result | None, list[Finding]]:
    """One file's bytes and how it looked just before they were read (its stat, for the cache
    of ``tvf check``); a file that cannot be read is a TVF001 finding."""
    try:
        with open(path, "rb") as handle:  # noqa: PTH123 - a path from discover() is a str
            stat = os.fstat(handle.fileno())
            data = handle.read()
    except OSError as exc:
        return (
            None,
            None,
            [
                error(
                    "TVF001",
                    rel,
                    None,
                    _("Filen kan ikke leses: {reason}.").format(reason=exc.strerror),
                )
            ],
        )
    return data, stat, []


def _not_regular(rel: str) -> Finding:
    return error(
        "TVF001",
        rel,
        None,
        _("Ikke en vanlig fil (en FIFO, en socket eller en enhet), så den leses ikke."),
    )


@dataclass
class Walked:
    """What :func:`discover` saw on its way (for the cache of ``tvf check``): each folder it
    listed with its stat taken just before (None when it could not be read), and whether any
    entry was a symbolic link."""

    folders: list[tuple[str, os.stat_result | None]] = field(default_factory=list)
    links: bool = False


def discover(
    root: Path, exclude: tuple[str, ...] = (), *, walked: Walked | None = None
) -> Iterator[tuple[str, str, Finding | None]]:
    """Yield ``(relative path, path, problem)`` for each document file, sorted by path. The path
    is the one :func:`os.scandir` made (a ``str``, under ``root`` as it was given): making a
    :class:`~pathlib.Path` for each of 10,000 files cost 40-60 ms at load 4 before the work of
    ``tvf check`` could be shared, and turning it back into text 2-3 µs a file in the workers.

    Skipped: hidden files and folders (a temporary file that an interrupted write left
    behind is yielded with a TVF006 warning), the root's ``templates/`` and the ``exclude`` globs.
    Symbolic links are never followed out of the handbook: such a link is yielded with a
    TVF001 finding instead. Links to folders are not walked at all. A ``*.md`` that is not a
    regular file (a FIFO, a socket, a device) is yielded with a TVF001 finding, never read.
    """
    patterns = [_glob_to_regex(p) for p in exclude]
    real_root = root.resolve()
    stack = [(os.fspath(root), "")]
    found: list[tuple[str, str, Finding | None]] = []
    while stack:
        folder, prefix = stack.pop()
        if walked is not None:
            try:
                walked.folders.append((prefix, os.stat(folder)))  # noqa: PTH116 - a str
            except OSError:
                walked.folders.append((prefix, None))
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            found.append(
                (
                    prefix or ".",
                    folder,
                    error(
                        "TVF001",
                        prefix or ".",
                        None,
                        _("Mappen kan ikke leses: {reason}.").format(reason=exc.strerror),
                    ),
                )
            )
            continue
        for entry in entries:
            if entry.name.startswith("."):
                target = temp_target(entry.name)
                if target is not None and entry.is_file(follow_symlinks=False):
                    rel = f"{prefix}{entry.name}"
                    found.append(
                        (
                            rel,
                            entry.path,
                            warning(
                                "TVF006",
                                rel,
                                None,
                                _(
                                    "Midlertidig fil fra en skriving av {target} som ble avbrutt "
                                    "(tvf ble "
                                    "stoppet mens den skrev). Slett den når ingen tvf kjører."
                                ).format(target=f"{prefix}{target}"),
                            ),
                        )
                    )
                continue
            rel = f"{prefix}{entry.name}"
            if patterns and any(p.match(rel) for p in patterns):
                continue
            path = entry.path
            if entry.is_symlink():
                if walked is not None:
                    walked.links = True
                link = Path(path)  # few files are links: the Path is made for them alone
                problem = _check_link(link, rel, real_root)
                if problem is not None:
                    if entry.name.endswith(".md") or _is_dir(link):
                        found.append((rel, path, problem))
                    continue
                if not entry.name.endswith(".md") or _is_dir(link):
                    continue
                found.append((rel, path, None if link.is_file() else _not_regular(rel)))
            elif entry.is_dir():
                if not (prefix == "" and entry.name == TEMPLATES_DIR):
                    stack.append((path, f"{rel}/"))
            elif entry.name.endswith(".md"):
                # A FIFO, socket or device named *.md is never opened: reading it could hang.
                found.append((rel, path, None if entry.is_file() else _not_regular(rel)))
    found.sort(key=operator.itemgetter(0))
    yield from found


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _check_link(path: Path, rel: str, real_root: Path) -> Finding | None:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return error(
            "TVF001",
            rel,
            None,
            _("Symbolsk lenke som ikke peker på noe (eller går i ring); den hoppes over."),
        )
    if not target.is_relative_to(real_root):
        return error(
            "TVF001",
            rel,
            None,
            _(
                "Symbolsk lenke ut av håndboka (til {target}); tvf følger den ikke. "
                "Legg filen i håndboka i stedet."
            ).format(target=target),
        )
    return None


def _glob_to_regex(pattern: str) -> re.Pattern[str]:
    """A glob relative to the root: ``*`` stays in one folder, ``**`` crosses folders."""
    out = []
    i = 0
    pattern = pattern.strip().lstrip("/").removeprefix("./")
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    if pattern.endswith("/"):
        out.append(".*")
    return re.compile("".join(out) + r"\Z")
