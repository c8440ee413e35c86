"""``tvf build``: the handbook as a static website.

:func:`build_site` checks the handbook, refuses to publish one with errors (unless forced), and
writes plain HTML pages that work from any folder of an intranet, or from ``file://``:

- ``index.html``: the handbook's title, municipality and purpose, a search field and the
  sections (procedures, attachments, measures, plans, networks);
- ``dokumenter/<ID>.html``: one page per handbook document, with its metadata, change log,
  "sist endret" from git, references both ways and every law citation linked to Lovdata;
- ``tiltak.html``: the measures catalogue (V01–V23) by target group (``applies_to``);
- ``nettverk/<slug>.html``: one page per network, and ``nettverk/<slug>/<file>.html`` for
  each of its agendas and minutes;
- ``sok.html`` with ``sok-indeks.json`` (and the same index as ``sok-indeks.js``, which a
  browser can load from ``file://`` where it may not fetch JSON): the client-side search;
- ``static/``: one stylesheet and one small script; nothing is loaded from elsewhere.

Pages are rendered with the packaged Jinja2 templates under ``templates/site/`` (a handbook's
own ``templates/site/`` overrides them) with autoescaping, and Markdown bodies with
markdown-it-py with raw HTML disabled, so no text from a document can inject markup or script.

The build is incremental: a file whose bytes are unchanged is not written again, every file is
written through a temporary file and ``os.replace``, and the pages of deleted documents are
removed (the build remembers what it wrote in ``.tvf-site.json``; it never deletes anything
else).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import posixpath
import re
import time
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup, escape
from mdit_py_plugins.tasklists import tasklists_plugin

from . import i18n, vcs
from .checks import SLUG_RE, STATUS_NO, check, citations, references
from .config import CONFIG_NAME
from .document import BODY_ID_RE, HANDBOOK_TYPES, ID_RE, MEETING_TYPES, NETWORK_TYPE, Document
from .document import as_date as _as_date
from .errors import TvfError
from .files import default_mode, write_atomic
from .findings import Finding, Report, Severity
from .handbook import Handbook, load_handbook
from .i18n import N_, _, ngettext
from .laws import Citation, LawRegistry, find_citations
from .pii import guard
from .queries import id_sort_key
from .resources import packaged_templates
from .templating import environment, render
from .workers import chunk_size, forked_map, worker_count

SITE_TEMPLATES = "site"
STATIC_DIR = "static"
MANIFEST = ".tvf-site.json"
SEARCH_JSON = "sok-indeks.json"
#: Where the handbook's own files that documents link to or show (images, PDF forms) are
#: copied, under their path in the handbook: ``filer/vedlegg/skjema.pdf``.
FILES_DIR = "filer"
SEARCH_JS = "sok-indeks.js"
SEARCH_JS_GLOBAL = "TVF_SOKEINDEKS"
SEARCH_TEXT_LIMIT = 20_000  # characters of body text per document in the search index

# (type, anchor) of the start page's sections, in order; the heading is _type_label(type, count=2).
# The anchors are part of published links and stay Norwegian in every language.
SECTIONS = (
    ("procedure", "prosedyrer"),
    ("attachment", "vedlegg"),
    ("measure", "tiltak"),
    ("plan", "planer"),
)
NO_GROUP = N_("Uten målgruppe")
MISSING = N_("finnes ikke")
MISSING_CLASS = "finnes-ikke"
MAX_LISTED_ERRORS = 10


class BuildRefused(TvfError):
    """The handbook has errors, so it is not published. Exit status 1, as for ``tvf check``."""

    exit_code = 1


@dataclass(frozen=True)
class BuildResult:
    """What a build did. Paths are relative to ``out_dir``, with ``/``."""

    out_dir: Path
    report: Report
    pages: int
    files: tuple[str, ...]
    written: tuple[str, ...]
    removed: tuple[str, ...]
    skipped: tuple[str, ...] = ()
    broken_links: tuple[str, ...] = ()  # links and images to files the handbook does not have
    dry_run: bool = False
    seconds: float = 0.0

    @property
    def unchanged(self) -> int:
        return len(self.files) - len(self.written)


# --- The build ------------------------------------------------------------------------------


def build_site(handbook_root: Path, out_dir: Path, *, force: bool = False,
               today: dt.date | None = None, dry_run: bool = False,
               jobs: int | None = None) -> BuildResult:
    """Check the handbook at ``handbook_root`` and write its website to ``out_dir``.

    Raises :class:`BuildRefused` when the check finds errors (unless ``force``) or a possible
    national identity number (always), and :class:`TvfError` when ``out_dir`` cannot be used.
    With ``dry_run`` nothing is written; the result says what would be. ``jobs`` is the
    number of processes that render pages (default: one per core for large handbooks).
    """
    started = time.perf_counter()
    today = dt.date.today() if today is None else today
    root = handbook_root.resolve()
    handbook = load_handbook(root)
    report = check(handbook, today=today)
    _refuse_if_unpublishable(report, force=force)
    purpose = _purpose(root, handbook)
    out = _output_folder(out_dir, root)

    site = _Site.build(handbook, today)
    output = _Output(out, dry_run=dry_run)
    pages = _Pages(site, purpose, vcs.last_changes(root))
    pages.render_entries(output, jobs=jobs)
    for rel, text in pages.render_summaries():
        output.put(rel, text.encode("utf-8"))
    index = json.dumps(pages.search_index(), ensure_ascii=False, separators=(",", ":"))
    output.put(SEARCH_JSON, index.encode("utf-8"))
    output.put(SEARCH_JS, f"window.{SEARCH_JS_GLOBAL}={index};\n".encode())
    for rel, data in _static_files(root):
        output.put(rel, data)
    for rel in sorted(pages.linked):
        output.put(f"{FILES_DIR}/{rel}", _read_linked(root, rel))
    removed = output.finish()
    return BuildResult(
        out_dir=out, report=report, pages=pages.count, files=tuple(output.files),
        written=tuple(output.written), removed=removed, skipped=tuple(site.skipped),
        broken_links=tuple(sorted(pages.broken)), dry_run=dry_run,
        seconds=time.perf_counter() - started,
    )


def _refuse_if_unpublishable(report: Report, *, force: bool) -> None:
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    personal = [f for f in errors if f.code == "TVF501"]
    if personal:
        raise BuildRefused(
            _("Håndboka publiseres ikke: den kan inneholde et fødselsnummer eller D-/H-nummer, "
              "heller ikke med --force.") + "\n" + _finding_lines(personal),
            hint=_("Fjern nummeret (og slett det fra git-historikken om det er delt), og bygg på "
                   "nytt. tvf check viser hvor."),
        )
    if errors and not force:
        files = len({f.path for f in errors})
        in_files = ngettext("{n} fil", "{n} filer", files).format(n=files)
        raise BuildRefused(
            ngettext("Håndboka har {n} feil i {files}, så den publiseres ikke:",
                     "Håndboka har {n} feil i {files}, så den publiseres ikke:",
                     len(errors)).format(n=len(errors), files=in_files)
            + "\n" + _finding_lines(errors),
            hint=_("Rett feilene (tvf check viser alle), eller bygg likevel med --force."),
        )


def _finding_lines(findings: Sequence[Finding]) -> str:
    lines = []
    for finding in findings[:MAX_LISTED_ERRORS]:
        where = finding.path if finding.line is None else f"{finding.path}:{finding.line}"
        lines.append(f"  {where}  {finding.code}  {finding.message}")
    if len(findings) > MAX_LISTED_ERRORS:
        lines.append("  " + _("… og {n} til.").format(n=len(findings) - MAX_LISTED_ERRORS))
    return "\n".join(lines)


def _output_folder(out_dir: Path, root: Path) -> Path:
    out = out_dir.resolve()
    if out == root or root.is_relative_to(out):
        raise TvfError(
            _("Kan ikke bygge nettstedet i {out}: mappen er håndboka eller en mappe over "
              "den.").format(out=out_dir),
            hint=_("Velg en egen mappe med --out, f.eks. --out site."),
        )
    if out.exists() and not out.is_dir():
        raise TvfError(
            _("Kan ikke bygge nettstedet i {out}: det er en fil, ikke en mappe.").format(
                out=out_dir),
            hint=_("Velg en annen mappe med --out."))
    return out


def _purpose(root: Path, handbook: Handbook) -> str:
    """The purpose on the start page, as Markdown: ``[site] purpose`` in tvf.toml; else the
    section «Formål» (or «Om håndboka», «Hva håndboka er») of the handbook's README.md, or its
    first paragraph; else a sentence made from the title."""
    text = _configured_purpose(root) or _readme_purpose(root)
    config = handbook.config
    if not text and config.municipality:
        text = _("{title} i {municipality}: prosedyrer, vedlegg, tiltak, planer og nettverk for "
                 "tverrfaglig samarbeid om barn og unge.").format(
                     title=config.title, municipality=config.municipality)
    elif not text:
        text = _("{title}: prosedyrer, vedlegg, tiltak, planer og nettverk for tverrfaglig "
                 "samarbeid om barn og unge.").format(title=config.title)
    guard(text, _("Håndboka publiseres ikke: formålsteksten (fra tvf.toml eller README.md) "
                  "kan inneholde et fødselsnummer eller D-/H-nummer."),
          hint=_("Fjern nummeret og bygg på nytt."), refusal=BuildRefused)
    return text


def _configured_purpose(root: Path) -> str | None:
    path = root / CONFIG_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None  # load_config has read it already; this cannot normally happen
    table = data.get("site", {})
    if not isinstance(table, dict):
        raise TvfError(_("{path}: [site] må være en tabell.").format(path=path))
    purpose = table.get("purpose")
    if purpose is not None and not isinstance(purpose, str):
        raise TvfError(_("{path}: [site] purpose må være tekst.").format(path=path),
                       hint=_('Skriv for eksempel purpose = "Håndboka samler …".'))
    return purpose.strip() if purpose else None


_PURPOSE_HEADINGS = re.compile(r"^(formål|om håndboka|hva håndboka er)\b", re.IGNORECASE)


def _readme_purpose(root: Path) -> str | None:
    try:
        text = (root / "README.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.splitlines()
    start = next((i + 1 for i, line in enumerate(lines)
                  if line.startswith("#") and _PURPOSE_HEADINGS.match(line.lstrip("#").strip())),
                 None)
    if start is None:
        start = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    paragraph: list[str] = []
    for line in lines[start:]:
        if line.startswith("#") or (not line.strip() and paragraph):
            break
        if line.strip():
            paragraph.append(line.strip())
    return " ".join(paragraph) or None


# --- The model: which documents get which pages ---------------------------------------------


@dataclass
class _Entry:
    """A document that has a page."""

    doc: Document
    kind: str
    key: str
    url: str
    title: str

    @property
    def label(self) -> str:
        """What a list shows above or beside the title: the ID, or what kind of page it is."""
        if self.doc.is_handbook_document:
            return self.key
        if self.kind == NETWORK_TYPE:
            return _type_label(NETWORK_TYPE)
        date = _as_date(self.doc.get("date"))
        return f"{_type_label(self.kind, '')} {_long_date(date)}".strip()


@dataclass
class _Site:
    handbook: Handbook
    today: dt.date
    by_id: dict[str, _Entry] = field(default_factory=dict)
    networks: dict[str, _Entry] = field(default_factory=dict)
    meetings: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))
    by_path: dict[str, _Entry] = field(default_factory=dict)
    incoming: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))
    outgoing: dict[str, list[str]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, handbook: Handbook, today: dt.date) -> _Site:
        site = cls(handbook, today)
        meeting_docs: list[Document] = []
        for doc in handbook.documents:
            if doc.meta is None:
                site.skipped.append(_("{path}: front matter kan ikke leses").format(
                    path=doc.path))
            elif doc.is_handbook_document:
                site._add_document(doc)
            elif doc.type == NETWORK_TYPE:
                site._add_network(doc)
            elif doc.type in MEETING_TYPES:
                meeting_docs.append(doc)
            # Other types (a network's inputs for its next agenda, say) are not published.
        for doc in meeting_docs:
            site._add_meeting(doc)
        for entries in site.meetings.values():
            entries.sort(key=lambda e: (_date_key(e.doc.get("date")), e.doc.path), reverse=True)
        for entry in site.by_path.values():
            refs = list(dict.fromkeys(ref for ref, _line in references(entry.doc)))
            site.outgoing[entry.doc.path] = refs
            for ref in refs:
                if ref in site.by_id and site.by_id[ref] is not entry:
                    site.incoming[ref].append(entry)
        for sources in site.incoming.values():
            sources.sort(key=_reading_order)
        return site

    def _add_document(self, doc: Document) -> None:
        doc_id = doc.id
        if doc_id is None or not ID_RE.match(doc_id):
            self.skipped.append(_("{path}: mangler gyldig dokument-ID").format(path=doc.path))
        elif doc_id in self.by_id:
            self.skipped.append(_("{path}: ID-en {id} brukes også i {other}").format(
                path=doc.path, id=doc_id, other=self.by_id[doc_id].doc.path))
        else:
            entry = _Entry(doc, doc.type or "", doc_id, f"dokumenter/{doc_id}.html",
                           doc.title or doc_id)
            self.by_id[doc_id] = entry
            self.by_path[doc.path] = entry

    def _add_network(self, doc: Document) -> None:
        slug = doc.id
        if slug is None or not SLUG_RE.match(slug):
            self.skipped.append(_("{path}: mangler gyldig nettverks-ID").format(path=doc.path))
        elif slug in self.networks:
            self.skipped.append(_("{path}: nettverks-ID-en {id} brukes også i {other}").format(
                path=doc.path, id=slug, other=self.networks[slug].doc.path))
        else:
            entry = _Entry(doc, NETWORK_TYPE, slug, f"nettverk/{slug}.html", doc.title or slug)
            self.networks[slug] = entry
            self.by_path[doc.path] = entry

    def _add_meeting(self, doc: Document) -> None:
        slug = doc.get("network")
        network = self.networks.get(slug) if isinstance(slug, str) else None
        if network is None:
            self.skipped.append(_("{path}: nettverket «{network}» finnes ikke").format(
                path=doc.path, network=slug))
            return
        taken = {e.key for e in self.meetings[network.key]}
        stem = re.sub(r"[^a-z0-9-]+", "-", PurePosixPath(doc.path).stem.lower()).strip("-")
        stem = stem or "mote"
        key, n = stem, 2
        while key in taken:
            key, n = f"{stem}-{n}", n + 1
        kind = doc.type or "minutes"
        date = _as_date(doc.get("date"))
        title = doc.title or (f"{_type_label(kind)} {_long_date(date)}" if date
                              else _type_label(kind))
        entry = _Entry(doc, kind, key, f"nettverk/{network.key}/{key}.html", title)
        self.meetings[network.key].append(entry)
        self.by_path[doc.path] = entry

    def documents(self, kind: str) -> list[_Entry]:
        """The documents of one type in reading order: by ID, and measures by code."""
        return sorted((e for e in self.by_id.values() if e.kind == kind), key=_reading_order)

    @property
    def laws(self) -> LawRegistry:
        return self.handbook.laws


_KIND_ORDER = {kind: i for i, kind in enumerate((*HANDBOOK_TYPES, NETWORK_TYPE, *MEETING_TYPES))}


def _reading_order(entry: _Entry) -> tuple[int, str, tuple[int, tuple[int, ...], int], str]:
    """Handbook documents by type and ID (measures by code), then networks, then meetings."""
    code = entry.doc.get("code") if entry.kind == "measure" else None
    return (_KIND_ORDER.get(entry.kind, 99), code if isinstance(code, str) else "\uffff",
            id_sort_key(entry.key) if entry.doc.is_handbook_document else (0, (), 0),
            entry.key if entry.doc.is_handbook_document else entry.doc.path)


def _date_key(value: object) -> dt.date:
    return _as_date(value) or dt.date.min


# --- Markdown -------------------------------------------------------------------------------


@dataclass
class _LinkContext:
    """What the link rule needs while one body is rendered."""

    site: _Site
    root: str  # from this page to the site root: "", "../" or "../../"
    path: str  # the document's file, relative to the handbook root
    own_id: str | None
    linked: set[str] = field(default_factory=set)  # handbook files to copy into FILES_DIR
    broken: set[str] = field(default_factory=set)  # links to files that are not there


def _markdown() -> MarkdownIt:
    """CommonMark with tables and task lists; raw HTML is shown as text, never passed on."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.use(tasklists_plugin)
    md.core.ruler.push("tvf_links", _link_rule)
    return md


def _link_rule(state: StateCore) -> None:
    """Turn document IDs and law citations in running text into links, and links to a
    handbook file (``../vedlegg/x.md``) into links to its page."""
    context = state.env.get("tvf")
    if not isinstance(context, _LinkContext):
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        depth = 0
        for token in block.children:
            if token.type == "link_open":
                depth += 1
                _rewrite_file_link(token, context)
            elif token.type == "image":
                _rewrite_local_file(token, "src", context)
            elif token.type == "link_close":
                depth -= 1
            if token.type == "text" and depth == 0 and token.content:
                children.extend(_link_text(token, context))
            else:
                children.append(token)
        block.children = children


def _rewrite_file_link(token: Token, context: _LinkContext) -> None:
    """Point a link to a handbook document (``../vedlegg/x.md``) at that document's page, and
    a link to any other file of the handbook at its copy (:func:`_rewrite_local_file`)."""
    local = _local_target(token.attrGet("href"))
    if local is None:
        return
    target, fragment = local
    if not target.endswith(".md"):
        _rewrite_local_file(token, "href", context)
        return
    entry = context.site.by_path.get(_beside(context, target))
    if entry is not None:
        token.attrSet("href", context.root + entry.url + (f"#{fragment}" if fragment else ""))


def _local_target(href: object) -> tuple[str, str] | None:
    """``(path, fragment)`` of a link relative to the page's document; ``None`` for links
    elsewhere (``https:``, ``mailto:``), anchors on the page and absolute paths."""
    if not isinstance(href, str) or not href or ":" in href or href.startswith(("#", "/", "?")):
        return None
    target, _hash, fragment = href.partition("#")
    return target, fragment


def _beside(context: _LinkContext, target: str) -> str:
    """``target``, relative to the document being rendered, as a path in the handbook."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(context.path), target))


def _rewrite_local_file(token: Token, attr: str, context: _LinkContext) -> None:
    """Point a link or image to a file of the handbook (``bilder/flyt.png``,
    ``../vedlegg/skjema.pdf``, relative to the document) at its copy in the site's
    ``filer/``, and note the file for copying. A file that is not in the handbook (missing,
    outside it, hidden, or a symbolic link out of it) is not copied but noted as broken."""
    local = _local_target(token.attrGet(attr))
    if local is None:
        return
    target = unquote(local[0].partition("?")[0])
    if not target:
        return
    rel = _beside(context, target)
    if not _is_handbook_file(context.site.handbook.root, rel):
        context.broken.add(_("{path}: {target} finnes ikke i håndboka").format(
            path=context.path, target=target))
        return
    context.linked.add(rel)
    token.attrSet(attr, f"{context.root}{FILES_DIR}/{quote(rel)}"
                        + (f"#{local[1]}" if local[1] else ""))


def _is_handbook_file(root: Path, rel: str) -> bool:
    """``rel`` is a regular file inside the handbook (``root``, already resolved by
    :func:`build_site`), not hidden (``.git``) and not reached through a symbolic link that
    leads out of it."""
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or ".." in parts or any(p.startswith(".") for p in parts):
        return False
    path = root / rel
    try:
        return path.is_file() and path.resolve().is_relative_to(root)
    except OSError:
        return False


def _read_linked(root: Path, rel: str) -> bytes:
    try:
        return (root / rel).read_bytes()
    except OSError as exc:
        raise TvfError(_("Kan ikke lese {path}: {reason}.").format(
            path=root / rel, reason=exc.strerror)) from None


_SPACES = re.compile(r"\s+")


def _link_text(token: Token, context: _LinkContext) -> list[Token]:
    text = token.content
    spans: list[tuple[int, int, dict[str, str], str | None]] = []  # start, end, attrs, note
    taken = 0
    site = context.site
    for cite in find_citations(text, 1, site.laws, site.today):
        link = cite.link
        pattern = re.escape(cite.text).replace(r"\ ", r"\s+")
        match = re.compile(pattern).search(text, taken)
        if link is None or not link.startswith(("https://", "http://")) or match is None:
            continue
        attrs = {"href": link, "class": "lov"}
        note = None
        law = cite.law
        if law is not None and law.is_repealed(site.today):
            attrs["class"] = "lov opphevet"
            attrs["title"] = _("Opphevet fra {date}").format(date=_long_date(law.repealed))
            note = _("opphevet")
        elif law is not None:
            attrs["title"] = law.title
        spans.append((match.start(), match.end(), attrs, note))
        taken = match.end()
    if "-" in text:
        for match in BODY_ID_RE.finditer(text):
            ref = match.group()
            entry = site.by_id.get(ref)
            if entry is None or ref == context.own_id:
                continue
            if any(s < match.end() and match.start() < e for s, e, _attrs, _note in spans):
                continue
            spans.append((match.start(), match.end(),
                          {"href": context.root + entry.url, "title": entry.title,
                           "class": "dok"}, None))
    if not spans:
        return [token]
    spans.sort(key=lambda s: s[0])
    out: list[Token] = []
    pos = 0
    for start, end, attrs, note in spans:
        if start > pos:
            out.append(_text(text[pos:start]))
        opening = Token("link_open", "a", 1)
        for name, value in attrs.items():
            opening.attrSet(name, value)
        out.extend((opening, _text(text[start:end]), Token("link_close", "a", -1)))
        if note:
            out.extend((_text(" "), _html(f'<span class="merknad">({escape(note)})</span>')))
        pos = end
    if pos < len(text):
        out.append(_text(text[pos:]))
    return out


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _html(content: str) -> Token:
    """Markup tvf writes itself (a constant, or escaped); document text never goes here."""
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def _fit_headings(tokens: list[Token], title: str) -> list[Token]:
    """The page has one ``<h1>``, the title: drop a body's leading ``# Title`` that repeats
    it, and show any other ``#`` heading of the body as ``<h2>``."""
    if (len(tokens) >= 3 and tokens[0].type == "heading_open" and tokens[0].tag == "h1"
            and _SPACES.sub(" ", tokens[1].content).strip().casefold()
            == _SPACES.sub(" ", title).strip().casefold()):
        tokens = tokens[3:]
    for token in tokens:
        if token.tag == "h1" and token.type in ("heading_open", "heading_close"):
            token.tag = "h2"
    return tokens


def _plain_text(tokens: Iterable[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            parts.extend(c.content for c in token.children
                         if c.type in ("text", "code_inline") and c.content)
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
    return _SPACES.sub(" ", " ".join(parts)).strip()


# --- The pages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Link:
    """A link in a list: ``label`` is the ID (or a network's name), ``title`` the title,
    ``note`` a status worth a badge (utkast, utgått, finnes ikke) in the language in use, and
    ``note_class`` the badge's CSS class (Norwegian in every language: utkast, finnes-ikke)."""

    url: str
    label: str
    title: str = ""
    note: str = ""
    code: str = ""
    note_class: str = ""


class _Pages:
    """Renders every page of one site, and the search index."""

    def __init__(self, site: _Site, purpose: str, changes: dict[str, vcs.Change]) -> None:
        self.site = site
        self.purpose = purpose
        self.changes = changes
        self.md = _markdown()
        self.env = environment(site.handbook.root, autoescape=True)
        self.env.filters["dato"] = _long_date
        self.texts_js = _script_texts()
        self.count = 0
        self.texts: dict[str, str] = {}
        self.linked: set[str] = set()  # files of the handbook that pages link to or show
        self.broken: set[str] = set()  # links and images to files the handbook does not have
        config = site.handbook.config
        self.info = {"title": config.title, "municipality": config.municipality or "",
                     "coordinator": config.coordinator or ""}

    def entries(self) -> list[tuple[_Entry, _Entry | None]]:
        """Every document that has a page, with the network of a meeting."""
        found: list[tuple[_Entry, _Entry | None]] = [(e, None) for e in self.site.by_id.values()]
        for network in self.site.networks.values():
            found.append((network, None))
            found.extend((meeting, network) for meeting in self.site.meetings[network.key])
        return found

    def render_entry(self, entry: _Entry, network: _Entry | None) -> tuple[str, str]:
        if entry.doc.is_handbook_document:
            return self._page(entry.url, "document.html.j2", self._document(entry))
        if network is None:
            return self._page(entry.url, "network.html.j2", self._network(entry))
        return self._page(entry.url, "meeting.html.j2", self._meeting(entry, network))

    def render_entries(self, output: _Output, *, jobs: int | None) -> None:
        """Render and write the page of every document; in worker processes (forked, so they
        share this object without copying it) when the handbook is large."""
        entries = self.entries()
        jobs = worker_count(jobs, len(entries))
        if jobs == 1:
            _render_range(self, output, 0, len(entries))
            return
        size = chunk_size(len(entries), jobs)
        ranges = [(i, min(i + size, len(entries))) for i in range(0, len(entries), size)]
        with forked_map(_render_forked, ranges, state=(self, output), jobs=jobs) as parts:
            results = list(parts)
        for files, written, texts, linked, broken in results:
            output.files.extend(files)
            output.written.extend(written)
            self.texts.update(texts)
            self.linked.update(linked)
            self.broken.update(broken)
            self.count += len(files)

    def render_summaries(self) -> Iterator[tuple[str, str]]:
        """The pages made from the whole handbook: catalogue, search and start page."""
        yield self._page("tiltak.html", "measures.html.j2", self._measures())
        yield self._page("sok.html", "search.html.j2", {})
        yield self._page("index.html", "index.html.j2", self._start())

    def _page(self, url: str, template: str, context: dict[str, Any]) -> tuple[str, str]:
        self.count += 1
        root = "../" * url.count("/")
        context = {"site": self.info, "root": root, "page": url, "script_texts": self.texts_js,
                   **context}
        return url, render(self.env, f"{SITE_TEMPLATES}/{template}", context)

    def _body(self, entry: _Entry) -> Markup:
        root = "../" * entry.url.count("/")
        env = {"tvf": _LinkContext(self.site, root, entry.doc.path,
                                   entry.key if entry.doc.is_handbook_document else None,
                                   self.linked, self.broken)}
        tokens = _fit_headings(self.md.parse(entry.doc.body, env), entry.title)
        self.texts[entry.url] = _plain_text(tokens)[:SEARCH_TEXT_LIMIT]
        return Markup(self.md.renderer.render(tokens, self.md.options, env))

    def _link(self, entry: _Entry, root: str) -> _Link:
        note = note_class = ""
        status = entry.doc.status
        if entry.doc.is_handbook_document and status in ("draft", "retired"):
            note, note_class = _status_label(status), _status_class(status)
        return _Link(root + entry.url, entry.label, entry.title, note,
                     _str(entry.doc.get("code")) if entry.kind == "measure" else "", note_class)

    def _references(self, entry: _Entry, root: str) -> tuple[list[_Link], list[_Link]]:
        outgoing = []
        for ref in self.site.outgoing.get(entry.doc.path, ()):
            target = self.site.by_id.get(ref)
            if target is None:
                outgoing.append(_Link("", ref, "", _(MISSING), note_class=MISSING_CLASS))
            elif target is not entry:
                outgoing.append(self._link(target, root))
        incoming = []
        if entry.doc.is_handbook_document:
            incoming = [self._link(source, root) for source in self.site.incoming[entry.key]]
        return outgoing, incoming

    def _last_change(self, entry: _Entry) -> dict[str, str] | None:
        change = self.changes.get(entry.doc.path)
        if change is None:
            return None
        return {"date": _long_date(change.date.date()), "iso": change.date.date().isoformat(),
                "subject": change.subject, "commit": change.commit[:10]}

    def _citations(self, doc: Document) -> list[dict[str, Any]]:
        site = self.site
        problems: list[str] = []
        found = citations(doc, site.laws, site.today,
                          lambda message, line: problems.append(message))
        shown: dict[str, dict[str, Any]] = {}
        for cite in found:
            key = _SPACES.sub(" ", cite.text).casefold()
            if key not in shown:
                shown[key] = self._citation(cite)
        basis = doc.get("legal_basis")
        if problems and isinstance(basis, list):
            for entry in basis:
                if isinstance(entry, str) and entry.strip():
                    shown.setdefault(entry.casefold(), {"text": entry, "url": "", "law": "",
                                                        "note": _("ikke gjenkjent"),
                                                        "repealed": False})
        return list(shown.values())

    def _citation(self, cite: Citation) -> dict[str, Any]:
        """``note`` says what is special about the citation; ``repealed`` is true when its
        law is repealed (the page marks the link)."""
        law = cite.law
        link = cite.link or ""
        if not link.startswith(("https://", "http://")):
            link = ""
        if law is None:
            return {"text": cite.text, "url": link, "law": "", "note": _("ukjent lov"),
                    "repealed": False}
        note = ""
        repealed = law.is_repealed(self.site.today)
        if repealed:
            successor = self.site.laws.by_id(law.replaced_by) if law.replaced_by else None
            if successor is not None:
                note = _("opphevet {date}, erstattet av {law}").format(
                    date=_long_date(law.repealed), law=successor.short_name)
            else:
                note = _("opphevet {date}").format(date=_long_date(law.repealed))
        return {"text": cite.text, "url": link, "law": law.title, "note": note,
                "repealed": repealed}

    def _document(self, entry: _Entry) -> dict[str, Any]:
        from .confirmations.site import page_context as confirmations_page

        doc = entry.doc
        outgoing, incoming = self._references(entry, "../")
        status = doc.status or ""
        review = _as_date(doc.get("review_by"))
        changes = []
        raw_changes = doc.get("changes")
        if isinstance(raw_changes, list):
            for change in raw_changes:
                if isinstance(change, dict):
                    changes.append({
                        "version": _str(change.get("version")),
                        "date": _long_date(_as_date(change.get("date")))
                        or _str(change.get("date")),
                        "by": _str(change.get("by")), "summary": _str(change.get("summary")),
                    })
        changes.reverse()  # newest first; the file keeps them newest last
        source = doc.get("source")
        return {
            "doc": {
                "id": entry.key, "title": entry.title, "type": entry.kind,
                "type_label": _type_label(entry.kind),
                "code": _str(doc.get("code")), "version": _str(doc.get("version")),
                "status": status, "status_label": _status_label(status),
                "status_class": _status_class(status),
                "owner": _str(doc.get("owner")), "approved_by": _str(doc.get("approved_by")),
                "valid_from": _long_date(_as_date(doc.get("valid_from"))),
                "review_by": _long_date(review),
                "review_passed": bool(review and review < self.site.today
                                      and status != "retired"),
                "applies_to": _str_list(doc.get("applies_to")),
                "source": source if isinstance(source, str)
                and source.startswith(("https://", "http://")) else "",
            },
            "section": _section_of(entry.kind),
            "body": self._body(entry),
            "changes": changes,
            "last_change": self._last_change(entry),
            "references": outgoing,
            "referenced_by": incoming,
            "citations": self._citations(doc),
            # The «Jeg har lest» link and the counts per unit (never names), or None.
            "confirmations": confirmations_page(self.site.handbook.root,
                                                self.site.handbook.config, doc),
        }

    def _network(self, entry: _Entry) -> dict[str, Any]:
        doc = entry.doc
        leader = doc.get("leader") if isinstance(doc.get("leader"), dict) else {}
        start, end = _as_date(leader.get("term_start")), _as_date(leader.get("term_end"))
        members = []
        raw_members = doc.get("members")
        if isinstance(raw_members, list):
            for member in raw_members:
                if isinstance(member, dict):
                    members.append({"service": _str(member.get("service")),
                                    "name": _str(member.get("name"))})
        per_year = doc.get("meetings_per_year", 3)
        mandate_id = doc.get("mandate")
        mandate = self.site.by_id.get(mandate_id) if isinstance(mandate_id, str) else None
        report_to = doc.get("report_to")
        outgoing, _incoming = self._references(entry, "../")
        meetings = []
        for meeting in self.site.meetings[entry.key]:
            date = _as_date(meeting.doc.get("date"))
            meetings.append({
                "url": meeting.url.removeprefix("nettverk/"), "title": meeting.title,
                "type_label": _type_label(meeting.kind),
                "date": _long_date(date), "iso": date.isoformat() if date else "",
                "open_items": _open_items(meeting.doc.body),
            })
        planned = doc.get("planned_meetings")
        upcoming = sorted(d for d in (_as_date(v) for v in planned) if d and d >= self.site.today
                          ) if isinstance(planned, list) else []
        return {
            "network": {
                "slug": entry.key, "title": entry.title,
                "planned": [{"date": _long_date(d), "iso": d.isoformat()} for d in upcoming],
                "leader": {"name": _str(leader.get("name")), "role": _str(leader.get("role")),
                           "term": _term(start, end)},
                "members": members,
                "meetings_per_year": per_year if isinstance(per_year, int) else 3,
                "report_to": report_to if isinstance(report_to, str)
                else self.site.handbook.config.minutes_recipient,
            },
            "mandate": self._link(mandate, "../") if mandate else None,
            "mandate_id": mandate_id if isinstance(mandate_id, str) else "",
            "meetings": meetings,
            "body": self._body(entry),
            "last_change": self._last_change(entry),
            "references": [r for r in outgoing if mandate is None or r.label != mandate.key],
        }

    def _meeting(self, entry: _Entry, network: _Entry) -> dict[str, Any]:
        date = _as_date(entry.doc.get("date"))
        outgoing, _incoming = self._references(entry, "../../")
        return {
            "meeting": {"title": entry.title, "type_label": _type_label(entry.kind, ""),
                        "date": _long_date(date), "iso": date.isoformat() if date else ""},
            "network": {"title": network.title, "url": f"../{network.key}.html"},
            "body": self._body(entry),
            "last_change": self._last_change(entry),
            "references": outgoing,
        }

    def _measures(self) -> dict[str, Any]:
        groups: dict[str, list[dict[str, str]]] = defaultdict(list)
        measures = self.site.documents("measure")
        no_group = _(NO_GROUP)
        for entry in measures:
            if entry.doc.status == "retired":
                continue
            draft = entry.doc.status == "draft"
            item = {"url": entry.url, "id": entry.key, "code": _str(entry.doc.get("code")),
                    "title": entry.title,
                    "note": _status_label("draft") if draft else "",
                    "note_class": _status_class("draft") if draft else ""}
            for group in _str_list(entry.doc.get("applies_to")) or [no_group]:
                groups[group].append(item)
        ordered = sorted(groups, key=lambda g: (g == no_group, _norwegian_key(g)))
        return {
            "groups": [{"name": g, "anchor": f"gruppe-{i + 1}", "measures": groups[g]}
                       for i, g in enumerate(ordered)],
            "count": sum(1 for e in measures if e.doc.status != "retired"),
        }

    def _start(self) -> dict[str, Any]:
        sections = []
        retired: list[_Link] = []
        for kind, anchor in SECTIONS:
            links: list[_Link] = []
            for entry in self.site.documents(kind):
                link = self._link(entry, "")
                (retired if entry.doc.status == "retired" else links).append(link)
            sections.append({"kind": kind, "label": _type_label(kind, count=2), "anchor": anchor,
                             "links": links})
        networks = [_Link(n.url, n.title, n.title) for n in
                    sorted(self.site.networks.values(), key=lambda n: _norwegian_key(n.title))]
        purpose = self.md.render(self.purpose)  # Markdown without HTML: safe
        return {"purpose": Markup(purpose), "sections": sections, "networks": networks,
                "retired": retired, "total": len(self.site.by_id)}

    def search_index(self) -> dict[str, Any]:
        """Every page a reader can search for, in the order of the start page."""
        items = []
        for kind, _anchor in SECTIONS:
            for entry in self.site.documents(kind):
                items.append(self._search_item(entry))
        for network in self.site.networks.values():
            items.append(self._search_item(network))
            items.extend(self._search_item(m) for m in self.site.meetings[network.key])
        return {"versjon": 1, "dokumenter": items}

    def _search_item(self, entry: _Entry) -> dict[str, str]:
        doc = entry.doc
        return {
            "id": entry.key if doc.is_handbook_document or entry.kind == NETWORK_TYPE else "",
            "kode": _str(doc.get("code")),
            "tittel": entry.title,
            "type": _type_label(entry.kind),
            "status": _status_label(doc.status or "", "") if doc.is_handbook_document else "",
            "url": entry.url,
            "tekst": self.texts.get(entry.url, ""),
        }


def _render_range(pages: _Pages, output: _Output, start: int, end: int) -> None:
    for entry, network in pages.entries()[start:end]:
        rel, text = pages.render_entry(entry, network)
        output.put(rel, text.encode("utf-8"))


def _render_forked(state: tuple[_Pages, _Output], bounds: tuple[int, int]
                   ) -> tuple[list[str], list[str], dict[str, str], list[str], list[str]]:
    """In a worker: render pages ``start:end`` and return what the parent must know."""
    pages, output = state
    for collected in (pages.texts, pages.linked, pages.broken, output.files, output.written):
        collected.clear()
    _render_range(pages, output, *bounds)
    return (list(output.files), list(output.written), dict(pages.texts), sorted(pages.linked),
            sorted(pages.broken))


def _section_of(kind: str) -> dict[str, str]:
    for section_kind, anchor in SECTIONS:
        if section_kind == kind:
            return {"label": _type_label(kind, count=2), "anchor": anchor}
    return {"label": "", "anchor": ""}


def _open_items(body: str) -> int:
    return len(re.findall(r"^\s*[-*+] \[ \]", body, re.MULTILINE))


def _str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _str_list(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [str(v) for v in value if isinstance(v, str | int | float) and str(v).strip()]


def _long_date(value: dt.date | None) -> str:
    """A date as people read it: 1. september 2025 (1 September 2025 in English); "" for none."""
    if value is None:
        return ""
    return i18n.long_date(value)


def _term(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return _("{start} – {end}").format(start=_long_date(start), end=_long_date(end))
    if start:
        return _("fra {date}").format(date=_long_date(start))
    if end:
        return _("til {date}").format(date=_long_date(end))
    return ""


def _type_label(kind: str, default: str | None = None, *, count: int = 1) -> str:
    """What a document of type ``kind`` is called, translated: ``Prosedyre`` (count 1, the
    label of one document) or ``Prosedyrer`` (count 2, a section's heading). Norwegian often
    has one word for both (``Vedlegg``) where English has two (Attachment, Attachments), so the
    pairs are plural messages. ``default`` (else ``kind``) for a type without a name."""
    match kind:
        case "procedure":
            return ngettext("Prosedyre", "Prosedyrer", count)
        case "attachment":
            return ngettext("Vedlegg", "Vedlegg", count)
        case "measure":
            return ngettext("Tiltak", "Tiltak", count)
        case "plan":
            return ngettext("Plan", "Planer", count)
        case "network":
            return ngettext("Nettverk", "Nettverk", count)
        case "agenda":
            return ngettext("Saksliste", "Sakslister", count)
        case "minutes":
            return ngettext("Referat", "Referater", count)
    return kind if default is None else default


def _status_label(status: str, default: str | None = None) -> str:
    """A status as a reader sees it (utkast, godkjent, utgått), translated."""
    label = STATUS_NO.get(status)
    if label is None:
        return status if default is None else default
    return _(label)


def _status_class(status: str) -> str:
    """The CSS class of a status badge: the Norwegian word (untranslated) in every language."""
    return STATUS_NO.get(status, status).replace(" ", "-")


def _script_texts() -> dict[str, str]:
    """The words the search script shows, in the language in use; the templates write them
    into every page (``script_texts``), so the script itself holds no text."""
    return {
        "noIndex": _("Fant ikke søkeindeksen."),
        "noHits": _("Ingen treff."),
        # {n} is replaced by the script; Norwegian and English both use one form for 1.
        "oneHit": ngettext("{n} treff.", "{n} treff.", 1),
        "manyHits": ngettext("{n} treff.", "{n} treff.", 2),
        "approved": _status_label("approved"),
    }


_NORWEGIAN_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def _norwegian_key(text: str) -> str:
    """Sort as the Norwegian alphabet does: … x y z æ ø å."""
    return text.casefold().translate(_NORWEGIAN_ORDER)


# --- Static files ------------------------------------------------------------------------


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
                    raise TvfError(_("Kan ikke lese {path}: {reason}.").format(
                        path=path, reason=exc.strerror)) from None


# --- Writing ---------------------------------------------------------------------------------


class _Output:
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

    def _write(self, path: Path, data: bytes) -> None:
        write_atomic(path, data, mode=self.mode,
                     hint=_("Sjekk at mappen kan skrives til, eller velg en annen med --out."))

    def finish(self) -> tuple[str, ...]:
        """Remove the files of the previous build that this one did not write, then record
        this build's files in the manifest."""
        current = set(self.files)
        removed = sorted(rel for rel in self._previous() if rel not in current)
        manifest = json.dumps({"generator": "tvf build", "files": sorted(current)},
                              ensure_ascii=False, indent=1) + "\n"
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
        self._write(path, data)
        return tuple(removed)

    def _previous(self) -> list[str]:
        try:
            data = json.loads((self.out / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return []
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, list):
            return []
        safe = []
        for rel in files:
            if not isinstance(rel, str) or not rel:
                continue
            parts = PurePosixPath(rel).parts
            if rel.startswith("/") or ".." in parts or "\\" in rel:
                continue  # never delete outside the output folder
            safe.append(rel)
        return safe

    def _prune(self, folder: Path) -> None:
        """Remove folders this build emptied, up to (not including) the output folder."""
        while folder != self.out and folder.is_relative_to(self.out):
            try:
                folder.rmdir()
            except OSError:
                return
            folder = folder.parent
