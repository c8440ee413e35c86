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
import functools
import operator
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from ..config import Config, load_config
from ..findings import Finding, Report
from ..workers import collector_paused, forked_map, guided_pieces, worker_count

# The rules, the documents and the law registry are imported when a file is checked, not with
# the engine: a warm run replayed from the cache needs none of them (see _rules()).
if TYPE_CHECKING:
    from ..document import Document
    from ..handbook import Handbook
    from ..laws import LawRegistry
    from ..vcs import ChangedFiles  # git is imported only for --changed-since
    from .cache import CheckCache, Listing, Outcome, Stat
    from .summary import Summary

#: Personal data is never hidden by [check] ignore (the code of .personal_data.TVF501).
UNSILENCEABLE = frozenset({"TVF501"})
CONFIG_FILES = frozenset({"tvf.toml", "laws.yaml"})  # a change to these concerns every document


class _Rules(NamedTuple):
    """The rule functions, imported on first use."""

    check_pii: Callable[[Document], Iterable[Finding]]
    check_child_mentions: Callable[[Document], Iterable[Finding]]
    check_schema: Callable[[Document], Iterable[Finding]]
    check_citations: Callable[[Document, LawRegistry, dt.date], Iterable[Finding]]
    check_review: Callable[[Document, dt.date], Iterable[Finding]]
    check_fingerprint: Callable[[Document], Iterable[Finding]]
    check_services: Callable[[Document, frozenset[str]], Iterable[Finding]]


@functools.cache
def _rules() -> _Rules:
    from .citations import check_citations
    from .fingerprints import check_fingerprint
    from .personal_data import check_child_mentions, check_pii
    from .review import check_review
    from .schema import check_schema
    from .services import check_services

    return _Rules(
        check_pii,
        check_child_mentions,
        check_schema,
        check_citations,
        check_review,
        check_fingerprint,
        check_services,
    )


def parse_document(path: str, data: bytes) -> tuple[Document | None, list[Finding]]:
    """:func:`tverrfaglig.document.parse_document`, imported when a file is parsed."""
    from ..document import parse_document as parse

    return parse(path, data)


_PARSE_LAZILY = parse_document


def check(handbook: Handbook, *, today: dt.date | None = None) -> Report:
    """Run every check on a loaded handbook and return the report."""
    from .personal_data import check_config
    from .summary import Summary

    today = dt.date.today() if today is None else today
    findings: list[Finding] = [*handbook.load_findings, *check_config(handbook.config.root)]
    summaries = []
    for doc in handbook.documents:
        findings.extend(check_document(doc, handbook.laws, today, handbook.config.services))
        if doc.meta is not None:
            summaries.append(Summary.of(doc))
    findings.extend(check_across(summaries, today))
    return _report(findings, len(handbook.documents), handbook.config)


def check_path(
    root: Path,
    *,
    today: dt.date | None = None,
    jobs: int | None = None,
    changed_since: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache: bool = False,
) -> Report:
    """Check the handbook at ``root`` without keeping it in memory: the same findings as
    :func:`check`, but each file is read, parsed and checked in a worker process when the
    handbook is large, and only small summaries come back for the checks across documents.

    With ``changed_since`` (a git revision) only the findings in documents changed since it,
    and in documents that refer to those, are reported (see ``docs/revisions.md``).
    ``progress(advance, total)`` is called after each batch of files with its size.
    ``cache``: take what each unchanged file gave last time from the handbook's cache, and
    update it (:mod:`.cache`); the report is the same."""
    today = dt.date.today() if today is None else today
    config = load_config(root)
    changed = None
    if changed_since is not None:
        from ..vcs import changed_files

        changed = changed_files(root, changed_since)
    store = None
    listing = None
    if cache:
        from ..i18n import language
        from .cache import open_cache

        store = open_cache(root, today=today, language=language())
        if changed is None:
            replayed = store.replay(root)
            if isinstance(replayed, tuple):  # nothing the last run looked at has changed
                findings_then, documents_then = replayed
                return _report(findings_then, documents_then, config)
            listing = replayed
    scan: Scan[None] = scan_path(
        root, config, today=today, jobs=jobs, progress=progress, cache=store, listing=listing
    )
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
    #: With a cache: the BLAKE2 digest of each file's bytes (:func:`.cache.digest`), by path.
    digests: dict[str, bytes] = field(default_factory=dict)


def scan_path(
    root: Path,
    config: Config,
    *,
    today: dt.date,
    jobs: int | None = None,
    extra: Callable[[Document], T] | None = None,
    meanwhile: Callable[[], object] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache: CheckCache | None = None,
    listing: Listing | None = None,
) -> Scan[T]:
    """Read, parse and check every file of the handbook once, in worker processes (one per
    core) from :data:`PARALLEL_FROM` files. ``extra(doc)``, a module-level function, is kept
    for every readable document (``tvf outdated`` takes its dates this way); ``meanwhile()``
    runs here while the workers work (it may wait on git).

    With a ``cache``, a file whose bytes were checked before is taken from it, only the others
    are read and checked, and the cache is saved after; the checks across documents always run
    on every summary (:mod:`.cache`), and the whole run is recorded for
    :meth:`.cache.CheckCache.replay`. ``extra`` is then None for a file taken from the cache
    (the caller keeps its own, by :attr:`Scan.digests`). With a ``listing`` from it (no folder
    changed since the last run), the files are not listed again and their stats are those in
    the listing."""
    from ..handbook import Walked, discover
    from ..laws import load_registry
    from .personal_data import check_config

    started = time.time()  # before anything is looked at: what changes from now is newer
    laws, findings = load_registry(root)
    findings.extend(check_config(root))
    files: list[tuple[str, str | None]] = []
    problems: list[Finding] = []  # of listing the folders
    stats: list[os.stat_result | None] | None = None
    walked = Walked() if cache is not None else None
    if cache is None or listing is None:
        for rel, path, problem in discover(root, config.exclude, walked=walked):
            if problem is None:
                files.append((rel, path))
            else:
                problems.append(problem)
    else:
        assert walked is not None
        walked.folders.extend(listing.folders)
        files = [(rel, None) for rel in listing.files]  # a path is made only to read the file
        stats = listing.stats
        problems = listing.problems
    findings.extend(problems)
    digests: dict[str, bytes] = {}
    outcomes: list[_Outcome[T] | None] = [None] * len(files)
    # For the record of the run: how each file looked and the digest of its bytes.
    seen: list[tuple[Stat, bytes] | None] = [None] * len(files)
    todo: list[_Todo] = []
    if cache is not None:  # the cache's module is imported only when there is one
        from .cache import Entry, stat_of

        cache.load_entries()
    for index, (rel, listed) in enumerate(files):
        known = None
        if cache is not None:
            st: os.stat_result | None
            if stats is not None:
                st = stats[index]
            else:
                try:
                    st = os.stat(_file_path(root, rel) if listed is None else listed)  # noqa: PTH116
                except OSError:
                    st = None
            entry = None if st is None else cache.lookup(rel, stat_of(st))
            if entry is not None:
                assert st is not None
                cache.keep(rel, entry)
                digests[rel] = entry.digest
                outcomes[index] = _Outcome(entry.outcome)
                seen[index] = (stat_of(st), entry.digest)
                continue
            old = cache.entries.get(rel)
            known = None if old is None else old.digest
        todo.append((index, rel, _file_path(root, rel) if listed is None else listed, known))
    jobs = worker_count(jobs, len(todo))
    chunks = guided_pieces(todo, jobs)
    # The registry reaches the workers by fork, not pickled with every chunk: with the section
    # details from Lovdata (tvf laws import) it is large.
    work = _Work(
        laws=laws, today=today, extra=extra, cached=cache is not None, services=config.services
    )
    if jobs > 1:  # imported once, here, not in every worker
        _rules()
        from ..document import parse_document as _parse  # noqa: F401
        from .summary import Summary as _Summary  # noqa: F401
    # This process checks pieces too (here=True): one fork fewer, and half the results are
    # never pickled. The cyclic garbage collector rests meanwhile (the workers inherit that).
    with (
        collector_paused(),
        forked_map(_check_chunk, chunks, state=work, jobs=jobs, here=True) as parts,
    ):
        if meanwhile is not None:
            meanwhile()
        if progress is not None and len(todo) < len(files):
            progress(len(files) - len(todo), len(files))
        for chunk, part in zip(chunks, parts, strict=True):
            for (index, rel, _path, _known), (outcome, made, stat, content) in zip(
                chunk, part, strict=True
            ):
                if cache is not None and stat is not None:
                    if outcome is None:  # the bytes the cache knows: its outcome stands
                        outcome = cache.entries[rel].outcome
                    cache.keep(rel, Entry(stat, content, outcome), changed=True)
                    seen[index] = (stat, content)
                    digests[rel] = content
                assert outcome is not None
                outcomes[index] = _Outcome(outcome, made)
            if progress is not None:
                progress(len(chunk), len(files))
    summaries: list[Summary] = []
    extras: list[T] = []
    documents = 0
    for gave in outcomes:
        assert gave is not None
        own, summary, counted = gave.outcome
        findings.extend(own)
        documents += counted
        if summary is not None:
            summaries.append(summary)
            if extra is not None:
                extras.append(gave.extra)  # type: ignore[arg-type]
    findings.extend(check_across(summaries, today))
    if cache is not None:
        cache.save()
        assert walked is not None
        cache.record(
            started,
            walked,
            [rel for rel, _path in files],
            seen,
            findings,
            documents,
            problems,
        )
    return Scan(findings, summaries, extras, documents, [rel for rel, _path in files], digests)


#: A file for a worker: its place in the list, its names, and the digest of its bytes when it
#: was last checked (None: not in the cache).
_Todo = tuple[int, str, str, bytes | None]


class _Outcome(NamedTuple, Generic[T]):
    """What a file gave (see :data:`.cache.Outcome`), with what ``extra`` made of it."""

    outcome: Outcome
    extra: T | None = None


#: What a worker gives back for a file: its outcome (None: the bytes are those the cache knows,
#: so the cache's outcome stands), what ``extra`` made of it, and with a cache the file's stat
#: and the digest of its bytes. Plain tuples: they are pickled back to the parent.
_Done = tuple["Outcome | None", "T | None", "Stat | None", bytes]


@dataclass(frozen=True)
class _Work(Generic[T]):
    """What every piece of :func:`scan_path` is checked with."""

    laws: LawRegistry
    today: dt.date
    extra: Callable[[Document], T] | None
    cached: bool = False
    services: frozenset[str] = frozenset()  # what tvf.toml names, for TVF601


def _check_chunk(work: _Work[T], files: list[_Todo]) -> list[_Done[T]]:
    from ..handbook import read_file
    from .summary import Summary

    parse = parse_document
    if parse is _PARSE_LAZILY:  # not replaced (a test counts the files parsed by replacing it)
        from ..document import parse_document as parse
    of = Summary.of
    laws, today, services, extra = work.laws, work.today, work.services, work.extra
    if work.cached:
        from .cache import digest, stat_of
    done: list[_Done[T]] = []
    for _index, rel, path, known in files:
        stat: Stat | None = None
        content = b""
        problems: list[Finding] = []
        data: bytes | None
        st: os.stat_result | None
        try:
            data, st = _read(path)
        except OSError:  # read_file says what is wrong (TVF001), as it does everywhere
            data, st, problems = read_file(rel, path)
        if work.cached and data is not None and st is not None:
            stat, content = stat_of(st), digest(data)
            if content == known:
                done.append((None, None, stat, content))
                continue
        if data is None:
            done.append(((tuple(problems), None, False), None, None, b""))
            continue
        doc, problems = parse(rel, data)
        summary = None
        made = None
        if doc is not None:
            problems.extend(check_document(doc, laws, today, services))
            if doc.meta is not None:
                summary = of(doc)
                if extra is not None:
                    made = extra(doc)
        done.append(((tuple(problems), summary, doc is not None), made, stat, content))
    return done


def _file_path(root: Path, rel: str) -> str:
    """The path of the file ``rel`` under ``root`` as :func:`~tverrfaglig.handbook.discover`
    gives it: text, not a :class:`~pathlib.Path` (about 4 µs less a file)."""
    return os.path.join(root, rel)  # noqa: PTH118


def _read(path: str) -> tuple[bytes, os.stat_result]:
    """A file's bytes and its stat, taken just before they were read (what
    :func:`tverrfaglig.handbook.read_file` gives, with the fewest calls: about 3 µs less a
    file than ``open().read()``)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        stat = os.fstat(fd)
        data = os.read(fd, stat.st_size + 1)
        if len(data) > stat.st_size or len(data) >= 1 << 30:  # it grew, or is huge: to the end
            parts = [data]
            while more := os.read(fd, 1 << 16):
                parts.append(more)
            data = b"".join(parts)
    finally:
        os.close(fd)
    return data, stat


def _report(findings: Iterable[Finding], documents: int, config: Config) -> Report:
    ignore = config.ignore - UNSILENCEABLE
    return Report.build((f for f in findings if f.code not in ignore), documents=documents)


def check_document(
    doc: Document, laws: LawRegistry, today: dt.date, services: frozenset[str] = frozenset()
) -> Iterator[Finding]:
    """The checks that need only this one document (``services``: those ``tvf.toml``
    names, for TVF601)."""
    rules = _rules()
    yield from rules.check_pii(doc)
    if doc.meta is None:
        return
    yield from rules.check_child_mentions(doc)
    yield from rules.check_schema(doc)
    yield from rules.check_citations(doc, laws, today)
    yield from rules.check_review(doc, today)
    yield from rules.check_fingerprint(doc)
    yield from rules.check_services(doc, services)


def check_across(summaries: list[Summary], today: dt.date | None = None) -> Iterator[Finding]:
    """The checks that compare documents with each other."""
    from .fingerprints import check_suspect_references
    from .identity import check_unique
    from .references import check_references
    from .summary import Index

    today = dt.date.today() if today is None else today
    index = Index.build(summaries)
    yield from check_unique(summaries)
    by_id = index.by_id
    # Two tests that let most documents skip the rules below (which would find nothing): all
    # its references name documents that exist and are not retired (TVF004/TVF101/TVF102
    # cannot fire, and a network or meeting document always goes through), and it was
    # approved no earlier than any document it could refer to (TVF103 cannot fire).
    good = {key for key in index.valid_ids if by_id[key].status != "retired"}
    dates = [s.approved_on for s in by_id.values() if s.status == "approved" and s.approved_on]
    latest = max(dates) if dates else None
    first = operator.itemgetter(0)
    for summary in summaries:
        if summary.document is not None or not good.issuperset(map(first, summary.references)):
            yield from check_references(summary, index)
        mine = summary.approved_on
        if latest is not None and mine is not None and mine < latest:
            yield from check_suspect_references(summary, by_id)
    documents = [s.document for s in summaries if s.document is not None]
    if documents:  # networks, meetings, inputs: most handbooks at the scale that counts have none
        from .networks import check_networks

        yield from check_networks(documents, today)


# --- tvf check --changed-since ------------------------------------------------------------------


def affected_paths(summaries: Iterable[Summary], changed: ChangedFiles) -> frozenset[str] | None:
    """The documents whose findings ``tvf check --changed-since`` reports: those changed since
    the revision, those that refer to a changed document (by its ID now or at the revision),
    meeting documents of a changed network, and documents sharing an ID with a changed one.
    None (everything) when ``tvf.toml`` or ``laws.yaml`` changed."""
    from ..document import MEETING_TYPES

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
        if (
            s.id in ids
            or any(ref in ids for ref, _line in s.references)
            or (s.type in MEETING_TYPES and network in ids)
        ):
            scope.add(s.path)
    return frozenset(scope)
