"""The checks of ``tvf check``: one small function per concern, each yielding findings.

Checks read a loaded :class:`~tverrfaglig.handbook.Handbook` and never print or write. The
codes and their meaning are the contract's table (``handbook-format.md`` section 6).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from ..config import Config, load_config
from ..document import (
    ALL_TYPES,
    HANDBOOK_TYPES,
    ID_RE,
    MEETING_TYPES,
    NETWORK_TYPE,
    Document,
    as_date,
)
from ..findings import Finding, Report, error, warning
from ..handbook import Handbook, discover, read_document
from ..i18n import N_, _, ngettext
from ..laws import (
    Amendment,
    Citation,
    LawRegistry,
    find_citations,
    law_label,
    load_registry,
    parse_legal_basis,
)
from ..pii import find_national_ids
from ..revisions import affected_paths, approved_on, check_fingerprint, check_suspect_references
from ..vcs import changed_files
from ..workers import chunk_size, forked_map, worker_count
from .networks import check_networks
from .schema import text_list

STATUSES = ("draft", "approved", "retired")
#: Status values in Norwegian (translate with ``_()`` where shown).
STATUS_NO = {"draft": N_("utkast"), "approved": N_("godkjent"), "retired": N_("utgått")}
VERSION_RE = re.compile(r"^[0-9]+\.[0-9]+$")
CODE_RE = re.compile(r"^V[0-9]{2}$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FINGERPRINT_RE = re.compile(r"^sha256:[0-9a-f]{64}$")
UNSILENCEABLE = frozenset({"TVF501"})  # personal data is never hidden by [check] ignore


class Summary(NamedTuple):
    """What the checks across documents need of one document: small, so it travels cheaply
    between processes. Networks and meeting documents keep the whole document (they are few)."""

    path: str
    type: str | None
    id: str | None
    status: str | None
    title: str
    code: str | None
    line_of_id: int | None
    line_of_code: int | None
    references: tuple[tuple[str, int | None], ...]
    document: Document | None = None
    approved_on: dt.date | None = None  # TVF103: valid_from or the last changes entry's date
    version: str | None = None

    @classmethod
    def of(cls, doc: Document) -> Summary:
        code = doc.get("code")
        return cls(
            path=doc.path, type=doc.type, id=doc.id, status=doc.status, title=doc.title,
            code=code if isinstance(code, str) else None,
            line_of_id=doc.line_of("id"), line_of_code=doc.line_of("code"),
            references=tuple(references(doc)),
            document=None if doc.is_handbook_document else doc,
            approved_on=approved_on(doc),
            version=doc.get("version") if isinstance(doc.get("version"), str) else None,
        )

    @property
    def is_handbook_document(self) -> bool:
        return self.type in HANDBOOK_TYPES


@dataclass
class Index:
    """Look-ups for the checks across documents, built once per run."""

    by_id: dict[str, Summary] = field(default_factory=dict)
    networks: dict[str, Summary] = field(default_factory=dict)

    @classmethod
    def build(cls, summaries: Iterable[Summary]) -> Index:
        index = cls()
        for summary in summaries:
            if summary.id is None:
                continue
            if summary.is_handbook_document:
                index.by_id.setdefault(summary.id, summary)
            elif summary.type == NETWORK_TYPE:
                index.networks.setdefault(summary.id, summary)
        return index


def check(handbook: Handbook, *, today: dt.date | None = None) -> Report:
    """Run every check on a loaded handbook and return the report."""
    today = dt.date.today() if today is None else today
    findings: list[Finding] = list(handbook.load_findings)
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


# --- Schema: TVF002, TVF003, TVF004 -------------------------------------------------------


def check_schema(doc: Document) -> Iterator[Finding]:
    kind = doc.get("type")
    if kind is None:
        yield error("TVF002", doc.path, 2, _("Feltet «type» mangler (procedure, attachment, "
                                             "measure, plan, network, agenda, minutes eller "
                                             "input)."))
        return
    if kind not in ALL_TYPES:
        yield error("TVF003", doc.path, doc.line_of("type"),
                    _("Ukjent type «{kind}»: bruk en av {types}.").format(
                        kind=kind, types=", ".join(ALL_TYPES)))
        return
    if kind in HANDBOOK_TYPES:
        yield from _check_handbook_document(doc)
    elif kind == NETWORK_TYPE:
        yield from _check_network(doc)
    else:
        yield from _check_meeting(doc)


def _require(doc: Document, *keys: str, approved: bool = False) -> Iterator[Finding]:
    """TVF002 for each key that is missing or blank (``approved``: required by that status)."""
    for key in keys:
        value = doc.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            message = (_("Feltet «{key}» mangler (påkrevd når status er approved).") if approved
                       else _("Feltet «{key}» mangler."))
            yield error("TVF002", doc.path, doc.line_of(key) or 2, message.format(key=key))


def _check_handbook_document(doc: Document) -> Iterator[Finding]:
    yield from _require(doc, "id", "title", "type", "status", "version", "owner")
    status = doc.get("status")
    if status is not None and status not in STATUSES:
        yield error("TVF003", doc.path, doc.line_of("status"),
                    _("Ukjent status «{status}»: bruk draft (utkast), approved (godkjent) "
                      "eller retired (utgått).").format(status=status))
    if status == "approved":
        yield from _require(doc, "approved_by", "valid_from", "review_by",
                            approved=True)

    doc_id = doc.get("id")
    if doc_id is not None and not (isinstance(doc_id, str) and ID_RE.match(doc_id)):
        yield error("TVF004", doc.path, doc.line_of("id"),
                    _("Dokument-ID «{id}» har feil form: den skal se ut som IV.7-2 eller "
                      "IV.7.1-5 (romertall, punktum og tall, bindestrek, løpenummer)."
                      ).format(id=doc_id))
    code = doc.get("code")
    if code is not None:
        if doc.type != "measure":
            yield error("TVF003", doc.path, doc.line_of("code"),
                        _("Feltet «code» brukes bare på tiltak (type: measure)."))
        elif not (isinstance(code, str) and CODE_RE.match(code)):
            yield error("TVF003", doc.path, doc.line_of("code"),
                        _("Tiltakskoden «{code}» har feil form: skriv V og to sifre, "
                          "f.eks. V01.").format(code=code))
    version = doc.get("version")
    if version is not None and not (isinstance(version, str) and VERSION_RE.match(version)):
        message = (_("Versjonen «{version}» har feil form: den skal være tekst som \"1.0\". "
                     "Skriv den i anførselstegn, f.eks. version: \"1.0\", ellers leser YAML "
                     "den som et tall.") if isinstance(version, int | float)
                   else _("Versjonen «{version}» har feil form: den skal være tekst som "
                          "\"1.0\"."))
        yield error("TVF003", doc.path, doc.line_of("version"), message.format(version=version))
    for key in ("title", "owner", "approved_by"):
        value = doc.get(key)
        if value is not None and not isinstance(value, str):
            yield error("TVF003", doc.path, doc.line_of(key),
                        _("Feltet «{key}» må være tekst.").format(key=key))
    yield from _check_dates(doc, "valid_from", "review_by")
    valid_from, review_by = as_date(doc.get("valid_from")), as_date(doc.get("review_by"))
    if valid_from and review_by and review_by < valid_from:
        yield error("TVF003", doc.path, doc.line_of("review_by"),
                    _("review_by ({review_by}) er før valid_from ({valid_from}).").format(
                        review_by=review_by, valid_from=valid_from))
    yield from text_list(doc, "applies_to")
    yield from text_list(doc, "references")
    if doc.get("legal_basis") is not None and not isinstance(doc.get("legal_basis"), list):
        yield error("TVF003", doc.path, doc.line_of("legal_basis"),
                    _("Feltet «legal_basis» må være en liste av lovhenvisninger."))
    source = doc.get("source")
    if source is not None and not (isinstance(source, str)
                                   and source.startswith(("http://", "https://"))):
        yield error("TVF003", doc.path, doc.line_of("source"),
                    _("Feltet «source» må være en nettadresse (https://…)."))
    fingerprint = doc.get("fingerprint")
    if fingerprint is not None and not (isinstance(fingerprint, str)
                                        and FINGERPRINT_RE.match(fingerprint)):
        yield error("TVF003", doc.path, doc.line_of("fingerprint"),
                    _("Feltet «fingerprint» har feil form: det skal være "
                      "sha256:<64 heks-sifre>, skrevet av tvf stamp."))
    yield from _check_changes(doc)


def _check_dates(doc: Document, *keys: str, within: dict[str, object] | None = None,
                 key_prefix: str = "", line: int | None = None) -> Iterator[Finding]:
    source = doc.meta if within is None else within
    for key in keys:
        value = source.get(key) if source is not None else None
        if value is None or as_date(value) is not None:
            continue
        message = (_("«{key}: {value}» har klokkeslett; skriv bare datoen (skriv ÅÅÅÅ-MM-DD, "
                     "f.eks. 2026-09-01).") if isinstance(value, dt.datetime)
                   else _("«{key}: {value}» er ikke en dato (skriv ÅÅÅÅ-MM-DD, "
                          "f.eks. 2026-09-01)."))
        yield error("TVF003", doc.path, line or doc.line_of(key),
                    message.format(key=f"{key_prefix}{key}", value=value))


def _check_changes(doc: Document) -> Iterator[Finding]:
    changes = doc.get("changes")
    if changes is None:
        return
    if not isinstance(changes, list):
        yield error("TVF003", doc.path, doc.line_of("changes"),
                    _("Feltet «changes» må være en liste av {version, date, by, summary}."))
        return
    for i, entry in enumerate(changes):
        line = doc.line_of("changes", i)
        if not isinstance(entry, dict):
            yield error("TVF003", doc.path, line,
                        _("Punkt {n} i «changes» må ha feltene version, date, by og "
                          "summary.").format(n=i + 1))
            continue
        missing = [k for k in ("version", "date", "by", "summary") if k not in entry]
        if missing:
            yield error("TVF002", doc.path, line,
                        _("Punkt {n} i «changes» mangler {fields}.").format(
                            n=i + 1, fields=", ".join(missing)))
        yield from _check_dates(doc, "date", within=entry, key_prefix="changes: ", line=line)


def _check_network(doc: Document) -> Iterator[Finding]:
    yield from _require(doc, "id", "title", "leader")
    slug = doc.get("id")
    if slug is not None and not (isinstance(slug, str) and SLUG_RE.match(slug)):
        yield error("TVF004", doc.path, doc.line_of("id"),
                    _("Nettverks-ID «{id}» har feil form: bruk små bokstaver, sifre og "
                      "bindestrek, f.eks. sentrum.").format(id=slug))
    leader = doc.get("leader")
    if leader is not None:
        if not isinstance(leader, dict):
            yield error("TVF003", doc.path, doc.line_of("leader"),
                        _("Feltet «leader» må ha name, role, term_start og term_end."))
        else:
            for key in ("name", "role", "term_start", "term_end"):
                if leader.get(key) in (None, ""):
                    yield error("TVF002", doc.path, doc.line_of("leader"),
                                _("Leder mangler «{key}».").format(key=key))
            yield from _check_dates(doc, "term_start", "term_end", within=leader,
                                    key_prefix="leader: ", line=doc.line_of("leader"))
    members = doc.get("members")
    if members is not None:
        if not isinstance(members, list):
            yield error("TVF003", doc.path, doc.line_of("members"),
                        _("Feltet «members» må være en liste av {service, name}."))
        else:
            for i, member in enumerate(members):
                if not (isinstance(member, dict) and isinstance(member.get("service"), str)):
                    yield error("TVF003", doc.path, doc.line_of("members", i),
                                _("Medlem {n} må ha «service» (tjenesten) og gjerne "
                                  "«name».").format(n=i + 1))
    per_year = doc.get("meetings_per_year")
    if per_year is not None and (isinstance(per_year, bool) or not isinstance(per_year, int)
                                 or per_year < 1):
        yield error("TVF003", doc.path, doc.line_of("meetings_per_year"),
                    _("Feltet «meetings_per_year» må være et helt tall større enn 0."))
    report_to = doc.get("report_to")
    if report_to is not None and not isinstance(report_to, str):
        yield error("TVF003", doc.path, doc.line_of("report_to"),
                    _("Feltet «report_to» må være tekst."))
    mandate = doc.get("mandate")
    if mandate is not None and not (isinstance(mandate, str) and ID_RE.match(mandate)):
        yield error("TVF004", doc.path, doc.line_of("mandate"),
                    _("«mandate: {mandate}» er ikke en dokument-ID (f.eks. IV.7-15).").format(
                        mandate=mandate))


def _check_meeting(doc: Document) -> Iterator[Finding]:
    yield from _require(doc, "network", "date")
    yield from _check_dates(doc, "date")
    network = doc.get("network")
    if network is not None and not (isinstance(network, str) and SLUG_RE.match(network)):
        yield error("TVF004", doc.path, doc.line_of("network"),
                    _("«network: {network}» er ikke en nettverks-ID (f.eks. sentrum).").format(
                        network=network))


# --- Uniqueness: TVF005 ------------------------------------------------------------------

DUPLICATE = {
    "id": N_("Dokument-ID {value} brukes også i {path}; den må være unik."),
    "code": N_("Tiltakskoden {value} brukes også i {path}; den må være unik."),
    "network": N_("Nettverks-ID {value} brukes også i {path}; den må være unik."),
}


def check_unique(summaries: Iterable[Summary]) -> Iterator[Finding]:
    """Duplicate document IDs, measure codes and network ids; the first file keeps its claim."""
    seen: dict[tuple[str, str], Summary] = {}
    for summary in summaries:
        keys: list[tuple[str, str, int | None]] = []
        if summary.is_handbook_document and summary.id:
            keys.append(("id", summary.id, summary.line_of_id))
            if summary.type == "measure" and summary.code:
                keys.append(("code", summary.code, summary.line_of_code))
        elif summary.type == NETWORK_TYPE and summary.id:
            keys.append(("network", summary.id, summary.line_of_id))
        for space, value, line in keys:
            first = seen.setdefault((space, value), summary)
            if first is not summary:
                yield error("TVF005", summary.path, line,
                            _(DUPLICATE[space]).format(value=value, path=first.path))


# --- References: TVF101, TVF102 -----------------------------------------------------------


def references(doc: Document) -> Iterator[tuple[str, int | None]]:
    """Every document ID this document refers to, with its line: front matter, then body."""
    refs = doc.get("references")
    if isinstance(refs, list):
        for i, ref in enumerate(refs):
            if isinstance(ref, str):
                yield ref.strip(), doc.line_of("references", i)
    mandate = doc.get("mandate")
    if doc.type == NETWORK_TYPE and isinstance(mandate, str):
        yield mandate.strip(), doc.line_of("mandate")
    own = doc.id if doc.is_handbook_document else None
    for ref, line in doc.body_ids():
        if ref != own:
            yield ref, line


def check_references(summary: Summary, index: Index) -> Iterator[Finding]:
    retired_self = summary.status == "retired"
    for ref, line in summary.references:
        if not ID_RE.match(ref):
            yield error("TVF004", summary.path, line,
                        _("Referansen «{ref}» er ikke en dokument-ID (f.eks. IV.7-2).").format(
                            ref=ref))
            continue
        target = index.by_id.get(ref)
        if target is None:
            yield error("TVF101", summary.path, line,
                        _("Referanse til {ref}, som ikke finnes i håndboka.").format(ref=ref))
        elif target.status == "retired" and not retired_self:
            yield warning("TVF102", summary.path, line,
                          _("Referanse til {ref} «{title}», som er utgått (retired). "
                            "Vis til dokumentet som erstatter det.").format(
                              ref=ref, title=target.title))
    doc = summary.document
    if doc is not None and doc.type in MEETING_TYPES:
        network = doc.get("network")
        if isinstance(network, str) and SLUG_RE.match(network) and network not in index.networks:
            yield error("TVF101", doc.path, doc.line_of("network"),
                        _("Nettverket «{network}» finnes ikke i håndboka.").format(
                            network=network))


# --- Law citations: TVF201–TVF204 -----------------------------------------------------------


def citations(doc: Document, laws: LawRegistry, today: dt.date,
              on_problem: Callable[[str, int | None], None] | None = None) -> list[Citation]:
    """The law citations of a document: ``legal_basis`` entries, then the body text."""
    found: list[Citation] = []
    basis = doc.get("legal_basis")
    if isinstance(basis, list):
        for i, entry in enumerate(basis):
            line = doc.line_of("legal_basis", i)
            parsed = parse_legal_basis(entry, line, laws, today)
            if isinstance(parsed, str):
                if on_problem is not None:
                    on_problem(parsed, line)
            else:
                found.append(parsed)
    found.extend(find_citations(doc.body, doc.body_line, laws, today))
    return found


def check_citations(doc: Document, laws: LawRegistry, today: dt.date) -> Iterator[Finding]:
    problems: list[Finding] = []

    def on_problem(message: str, line: int | None) -> None:
        problems.append(error("TVF003", doc.path, line, message))

    cited = citations(doc, laws, today, on_problem)
    yield from problems
    retired = doc.status == "retired"
    reported: set[tuple[str, str]] = set()  # (law, section): TVF205/TVF206 once per document
    for cite in cited:
        law = cite.law
        if law is None:
            yield error("TVF201", doc.path, cite.line,
                        _("«{law}» (i «{text}») er ikke i lovregisteret. Rett navnet, eller "
                          "legg loven til i håndbokas laws.yaml.").format(
                              law=cite.law_text, text=cite.text))
            continue
        if law.sections is not None:
            for section in cite.sections:
                if section not in law.sections:
                    yield error("TVF202", doc.path, cite.line,
                                _("{law} har ingen § {section} ifølge lovregisteret "
                                  "(i «{text}»).").format(law=law.short_name, section=section,
                                                          text=cite.text))
        if law.chapters is not None and cite.chapter is not None \
                and cite.chapter not in law.chapters:
            yield error("TVF202", doc.path, cite.line,
                        _("{law} har ikke kapittel {chapter} ifølge lovregisteret "
                          "(i «{text}»).").format(law=law.short_name, chapter=cite.chapter,
                                                  text=cite.text))
        if retired:
            continue
        if law.is_repealed(today):
            yield warning("TVF203", doc.path, cite.line, _repealed_message(cite, laws))
        yield from check_cited_sections(doc, cite, reported)
        for note in cite.nonstandard:
            yield warning("TVF204", doc.path, cite.line,
                          _("Lovhenvisningen er skrevet på en uvanlig måte: {note}.").format(
                              note=note))


def check_cited_sections(doc: Document, cite: Citation, reported: set[tuple[str, str]]
                         ) -> Iterator[Finding]:
    """TVF205 (a repealed section) and TVF206 (a section amended after the document's
    ``valid_from``), when the registry has the section details from Lovdata."""
    law = cite.law
    if law is None or not law.section_info:
        return
    valid_from = as_date(doc.get("valid_from"))
    for name in cite.sections:
        section = law.section(name)
        if section is None or (law.id, name) in reported:
            continue
        reported.add((law.id, name))
        if section.repealed:
            yield warning("TVF205", doc.path, cite.line, _section_repealed_message(
                law.short_name, name, section.amendments, cite.text, law.url()))
            continue
        later = (section.amended_after(valid_from)
                 if valid_from is not None and section.amendments else ())
        if later:
            others = len(later) - 1
            more = (" " + ngettext("(og {n} endring til)", "(og {n} endringer til)",
                                   others).format(n=others) if others else "")
            titled = f" «{section.title}»" if section.title else ""
            yield warning("TVF206", doc.path, cite.line,
                          _("{law} § {section}{title} er {change}{more}, etter at dokumentet "
                            "ble gyldig ({valid_from}). Les paragrafen på nytt ({url}); "
                            "stemmer dokumentet fortsatt, godkjenn det på nytt med tvf stamp."
                            ).format(law=law.short_name, section=name, title=titled,
                                     change=later[-1].describe(), more=more,
                                     valid_from=valid_from, url=law.url(section=name)))


def _section_repealed_message(law: str, section: str, amendments: Iterable[Amendment],
                              text: str, url: str) -> str:
    """TVF205's message, naming the repealing law and date when the registry knows them."""
    repeal = next((a for a in amendments if a.kind == "opphevet"), None)
    if repeal is None:
        message = _("{law} § {section} er opphevet, men «{text}» viser til den. Finn "
                    "bestemmelsen som gjelder nå ({url}), og rett henvisningen.")
    elif repeal.date is None:
        message = _("{law} § {section} er opphevet ved {by}, men «{text}» viser til den. Finn "
                    "bestemmelsen som gjelder nå ({url}), og rett henvisningen.")
    else:
        message = _("{law} § {section} er opphevet ved {by} fra {date}, men «{text}» viser til "
                    "den. Finn bestemmelsen som gjelder nå ({url}), og rett henvisningen.")
    by = law_label(repeal.law) if repeal is not None else ""
    date = repeal.date.isoformat() if repeal is not None and repeal.date else ""
    return message.format(law=law, section=section, text=text, url=url, by=by, date=date)


def _repealed_message(cite: Citation, laws: LawRegistry) -> str:
    law = cite.law
    assert law is not None
    replacement = laws.by_id(law.replaced_by) if law.replaced_by else None
    if replacement is not None:
        message = _("«{text}» viser til {title} ({id}), som er opphevet fra {repealed}; den er "
                    "erstattet av {replacement} ({replacement_id}).")
    elif law.replaced_by:
        message = _("«{text}» viser til {title} ({id}), som er opphevet fra {repealed}; den er "
                    "erstattet av {replacement}.")
    else:
        message = _("«{text}» viser til {title} ({id}), som er opphevet fra {repealed}.")
    return message.format(
        text=cite.text, title=law.title, id=law.id, repealed=law.repealed,
        replacement=replacement.title if replacement is not None else law.replaced_by,
        replacement_id=replacement.id if replacement is not None else "")


# --- Review dates: TVF301 ---------------------------------------------------------------


def check_review(doc: Document, today: dt.date) -> Iterator[Finding]:
    if not doc.is_handbook_document or doc.status == "retired":
        return
    review_by = as_date(doc.get("review_by"))
    if review_by is not None and review_by < today:
        days = (today - review_by).days
        # The same Norwegian for one day and many (as it always was); English has both forms.
        yield warning("TVF301", doc.path, doc.line_of("review_by"), ngettext(
            "Revisjonsdatoen {date} er passert ({days} dager siden). Revider dokumentet og "
            "godkjenn det på nytt med tvf stamp.",
            "Revisjonsdatoen {date} er passert ({days} dager siden). Revider dokumentet og "
            "godkjenn det på nytt med tvf stamp.", days).format(date=review_by, days=days))


# --- Personal data: TVF501 --------------------------------------------------------------------


def check_pii(doc: Document) -> Iterator[Finding]:
    for hit in find_national_ids(doc.text):
        yield error("TVF501", doc.path, hit.line,
                    _("Mulig {kind} ({masked}). Håndboka skal aldri inneholde opplysninger "
                      "som identifiserer et barn eller en person: fjern nummeret, og slett det "
                      "fra git-historikken om det er delt.").format(kind=hit.label,
                                                                   masked=hit.masked))
