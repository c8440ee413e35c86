"""The engine of ``tvf check`` and ``tvf outdated``: discovery, worker processes and scanning.

The rules are in the modules next to this one, by concern (:mod:`.registry` lists them); the
engine runs those that need one document in :func:`check_document`, and those that compare
documents in :func:`check_across`, over the small :class:`~.summary.Summary` of each
document. Checks read a loaded :class:`~tverrfaglig.handbook.Handbook` and never print or
write. The codes and their meaning are the contract's table (``handbook-format.md``
section 6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from ..config import Config, load_config
from ..document import MEETING_TYPES, Document, parse_document
from ..findings import Finding, Report
from ..handbook import Handbook, discover, read_document
from ..laws import LawRegistry, load_registry
from ..vcs import ChangedFiles, changed_files
from ..workers import chunk_size, forked_map, worker_count
from .citations import check_citations
from .fingerprints import check_fingerprint, check_suspect_references
from .identity import check_unique
from .networks import check_networks
from .personal_data import TVF501, check_config, check_pii
from .references import check_references
from .review import check_review
from .schema import check_schema
from .summary import Index, Summary

UNSILENCEABLE = frozenset({TVF501.code})  # personal data is never hidden by [check] ignore
CONFIG_FILES = frozenset({"tvf.toml", "laws.yaml"})  # a change to these concerns every document


def check(handbook: Handbook, *, today: dt.date | None = None) -> Report:
    """Run every check on a loaded handbook and return the report."""
    today = dt.date.today() if today is None else today
    findings: list[Finding] = [*handbook.load_findings, *check_config(handbook.config.root)]
    summaries = []
    for doc in handbook.documents:
        findings.extend(check_document(doc, handbook.laws, today))
        if doc.meta is not None:
            summaries.append(Summary.of(doc))
    findings.extend(check_across(summaries, today))
    return _report(findings, len(handbook.documents), handbook.config)


def check_path(root: Path, *, today: dt.date | None = None, jobs: int | None = None,
               changed_since: str | None = None,
               progress: Callable[[int, int], None] | None = None) -> Report:
    """Check the handbook at ``root`` without keeping it in memory: the same findings as
    :func:`check`, but each file is read, parsed and checked in a worker process when the
    handbook is large, and only small summaries come back for the checks across documents.

    With ``changed_since`` (a git revision) only the findings in documents changed since it,
    and in documents that refer to those, are reported (see ``docs/revisions.md``).
    ``progress(advance, total)`` is called after each batch of files with its size."""
    today = dt.date.today() if today is None else today
    config = load_config(root)
    changed = None if changed_since is None else changed_files(root, changed_since)
    scan: Scan[None] = scan_path(root, config, today=today, jobs=jobs, progress=progress)
    findings, documents = scan.findings, scan.documents
    scope = None if changed is None else affected_paths(scan.summaries, changed)
    if scope is not None:  # None: a change to tvf.toml or laws.yaml concerns every document
        findings = [f for f in findings if f.path in scope]
        documents = sum(1 for rel in scan.files if rel in scope)
    return _report(findings, documents, config)


T = TypeVar("T")


@dataclass
class Scan(Generic[T]):
    """Every finding of ``tvf check`` for a handbook (before ``[check] ignore``), the summary of
    each document, and what ``extra`` made of each document, in path order."""

    findings: list[Finding]
    summaries: list[Summary]
    extras: list[T]
    documents: int
    files: list[str]


def scan_path(root: Path, config: Config, *, today: dt.date, jobs: int | None = None,
              extra: Callable[[Document], T] | None = None,
              meanwhile: Callable[[], object] | None = None,
              progress: Callable[[int, int], None] | None = None) -> Scan[T]:
    """Read, parse and check every file of the handbook once, in worker processes (one per
    core) from :data:`PARALLEL_FROM` files. ``extra(doc)``, a module-level function, is kept
    for every readable document (``tvf outdated`` takes its dates this way); ``meanwhile()``
    runs here while the workers work (it may wait on git)."""
    laws, findings = load_registry(root)
    findings.extend(check_config(root))
    files: list[tuple[str, Path]] = []
    for rel, path, problem in discover(root, config.exclude):
        if problem is None:
            files.append((rel, path))
        else:
            findings.append(problem)
    jobs = worker_count(jobs, len(files))
    size = chunk_size(len(files), jobs)
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    results: list[_Part[T]] = []
    # The registry reaches the workers by fork, not pickled with every chunk: with the section
    # details from Lovdata (tvf laws import) it is large.
    work = _Work(laws=laws, today=today, extra=extra)
    with forked_map(_check_chunk, chunks, state=work, jobs=jobs) as parts:
        if meanwhile is not None:
            meanwhile()
        for chunk, part in zip(chunks, parts, strict=True):
            results.append(part)
            if progress is not None:
                progress(len(chunk), len(files))
    summaries: list[Summary] = []
    extras: list[T] = []
    documents = 0
    for part in results:
        findings.extend(part.findings)
        summaries.extend(part.summaries)
        extras.extend(part.extras)
        documents += part.documents
    findings.extend(check_across(summaries, today))
    return Scan(findings, summaries, extras, documents, [rel for rel, _path in files])


@dataclass
class _Part(Generic[T]):
    findings: list[Finding]
    summaries: list[Summary]
    extras: list[T]
    documents: int


@dataclass(frozen=True)
class _Work(Generic[T]):
    """What every piece of :func:`scan_path` is checked with."""

    laws: LawRegistry
    today: dt.date
    extra: Callable[[Document], T] | None


def _check_chunk(work: _Work[T], files: list[tuple[str, Path]]) -> _Part[T]:
    return _check_files(files, laws=work.laws, today=work.today, extra=work.extra)


def _check_files(files: list[tuple[str, Path]], *, laws: LawRegistry, today: dt.date,
                 extra: Callable[[Document], T] | None = None) -> _Part[T]:
    part: _Part[T] = _Part([], [], [], 0)
    for rel, path in files:
        doc, problems = read_document(rel, path)
        part.findings.extend(problems)
        if doc is None:
            continue
        part.documents += 1
        part.findings.extend(check_document(doc, laws, today))
        if doc.meta is not None:
            part.summaries.append(Summary.of(doc))
            if extra is not None:
                part.extras.append(extra(doc))
    return part


def _report(findings: Iterable[Finding], documents: int, config: Config) -> Report:
    ignore = config.ignore - UNSILENCEABLE
    return Report.build((f for f in findings if f.code not in ignore), documents=documents)


def check_document(doc: Document, laws: LawRegistry, today: dt.date) -> Iterator[Finding]:
    """The checks that need only this one document."""
    yield from check_pii(doc)
    if doc.meta is None:
        return
    yield from check_schema(doc)
    yield from check_citations(doc, laws, today)
    yield from check_review(doc, today)
    yield from check_fingerprint(doc)


def check_across(summaries: list[Summary], today: dt.date | None = None) -> Iterator[Finding]:
    """The checks that compare documents with each other."""
    today = dt.date.today() if today is None else today
    index = Index.build(summaries)
    yield from check_unique(summaries)
    for summary in summaries:
        yield from check_references(summary, index)
        yield from check_suspect_references(summary, index.by_id)
    yield from check_networks((s.document for s in summaries), today)


# --- tvf check --changed-since ------------------------------------------------------------------


def affected_paths(summaries: Iterable[Summary], changed: ChangedFiles
                   ) -> frozenset[str] | None:
    """The documents whose findings ``tvf check --changed-since`` reports: those changed since
    the revision, those that refer to a changed document (by its ID now or at the revision),
    meeting documents of a changed network, and documents sharing an ID with a changed one.
    None (everything) when ``tvf.toml`` or ``laws.yaml`` changed."""
    if changed.paths & CONFIG_FILES:
        return None
    summaries = list(summaries)
    ids = {s.id for s in summaries if s.path in changed.paths and s.id}
    for rel, data in changed.previous.items():
        old, _problems = parse_document(rel, data)
        if old is not None and old.id:
            ids.add(old.id)
    scope = set(changed.paths)
    for s in summaries:
        network = s.document.get("network") if s.document is not None else None
        if s.id in ids or any(ref in ids for ref, _line in s.references) \
                or (s.type in MEETING_TYPES and network in ids):
            scope.add(s.path)
    return frozenset(scope)
