"""The pages of the site: what each kind of page shows, rendered with its template.

Pages are rendered with the packaged Jinja2 templates under ``templates/site/`` (a handbook's
own ``templates/site/`` overrides them) with autoescaping: the start page, one page per
handbook document, per network and per meeting, the measures catalogue and the search page;
and the search index made from them. Large handbooks are rendered in worker processes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from .. import vcs
from ..checks import citations
from ..document import Document
from ..document import as_date as _as_date
from ..i18n import N_, _, ngettext
from ..laws import Citation
from ..templating import environment, render
from ..workers import chunk_size, forked_map, worker_count
from .incremental import (
    DEP_SEP,
    KIND_SEP,
    Dep,
    Previous,
    Record,
    answer_digest,
    entry_facts,
    file_stat,
    fingerprint,
    meeting_facts,
    own_key,
    pack,
)
from .labels import long_date, norwegian_key, status_class, status_label, term, type_label
from .markdown import (
    SPACES,
    LinkContext,
    fit_headings,
    is_handbook_file,
    markdown_parser,
    plain_text,
)
from .model import Entry, Site, whole_document
from .output import SITE_TEMPLATES, Output
from .search import SearchIndex, build_index, text_hash

SEARCH_TEXT_LIMIT = 20_000  # characters of body text per document in the search index
#: The kinds of look-up whose answers only documents decide (see :meth:`Pages._about`).
_ABOUT_DOCUMENTS = (f"id{KIND_SEP}", f"path{KIND_SEP}", f"in{KIND_SEP}")

# (type, anchor) of the start page's sections, in order; the heading is type_label(type, count=2).
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


class Pages:
    """Renders every page of one site, and the search index."""

    def __init__(
        self,
        site: Site,
        purpose: str,
        changes: dict[str, vcs.Change],
        *,
        salt: str = "",
        previous: Previous = ({}, {}),
    ) -> None:
        self.site = site
        self.salt = salt
        # What the last build recorded of each page, and of the answers to their look-ups.
        self.previous, self.answered = previous
        self.records: dict[str, Record] = {}  # what this build knows of each page
        self.answers: dict[str, bytes] = {}  # digests of the answers asked in this build
        self.rendered = 0  # pages rendered (the others were kept as they were)
        self.deps: list[Dep] | None = None  # the look-ups of the page being rendered
        self._answers: dict[str, str] = {}  # the site's answers, each asked once a build
        self._entry_facts: dict[str, str] = {}  # by URL
        self.purpose = purpose
        self.changes = changes
        self.md = markdown_parser()
        self.env = environment(site.handbook.root, autoescape=True)
        self.env.filters["dato"] = long_date
        self.texts_js = _script_texts()
        self.count = 0
        self.texts: dict[str, str] = {}
        self.applies_to: dict[str, list[str]] = {}  # the groups of each measure
        self.linked: set[str] = set()  # files of the handbook that pages link to or show
        self.broken: set[str] = set()  # links and images to files the handbook does not have
        config = site.handbook.config
        self.info = {
            "title": config.title,
            "municipality": config.municipality or "",
            "coordinator": config.coordinator or "",
        }

    def entries(self) -> list[tuple[Entry, Entry | None]]:
        """Every document that has a page, with the network of a meeting."""
        found: list[tuple[Entry, Entry | None]] = [(e, None) for e in self.site.by_id.values()]
        for network in self.site.networks.values():
            found.append((network, None))
            found.extend((meeting, network) for meeting in self.site.meetings[network.key])
        return found

    def render_entry(self, entry: Entry, network: Entry | None) -> tuple[str, str, list[Dep]]:
        """The page of one document, and what it looked up in the rest of the site."""
        self.deps = []
        light = entry.doc
        entry.doc = whole_document(self.site.handbook.root, entry)
        try:
            if entry.doc.is_handbook_document:
                rel, text = self._page(entry.url, "document.html.j2", self._document(entry))
            elif network is None:
                rel, text = self._page(entry.url, "network.html.j2", self._network(entry))
            else:
                self.deps.append(("network", network.key))
                rel, text = self._page(entry.url, "meeting.html.j2", self._meeting(entry, network))
            if entry.kind == "measure":
                self.applies_to[entry.url] = _str_list(entry.doc.get("applies_to"))
            return rel, text, list(dict.fromkeys(self.deps))
        finally:
            self.deps = None
            entry.doc = light

    def render_entries(self, output: Output, *, jobs: int | None) -> None:
        """Write the page of every document: render the pages whose document or look-ups
        changed since the last build (:mod:`.incremental`) and keep the others; render in
        worker processes (forked, so they share this object without copying it) when many
        pages must be rendered."""
        entries = self.entries()
        owns = [own_key(entry, self.changes.get(entry.doc.path)) for entry, _net in entries]
        changed = self._changed_answers(entries, owns)
        todo = [
            i
            for i, (entry, _network) in enumerate(entries)
            if not self._keep(entry, owns[i], changed, output)
        ]
        jobs = worker_count(jobs, len(todo))
        if jobs == 1:
            _render_some(self, output, todo)
            return
        # Compiled once here, not once in each worker: a forked worker inherits them.
        for template in ("document.html.j2", "network.html.j2", "meeting.html.j2"):
            self._template(template)
        size = chunk_size(len(todo), jobs)
        pieces = [todo[i : i + size] for i in range(0, len(todo), size)]
        with forked_map(_render_forked, pieces, state=(self, output), jobs=jobs) as parts:
            results = list(parts)
        for files, written, texts, linked, broken, records, answers in results:
            output.files.extend(files)
            output.written.extend(written)
            self.texts.update(texts)
            self.applies_to.update(
                (url, r.applies_to) for url, r in records.items() if r.applies_to
            )
            self.linked.update(linked)
            self.broken.update(broken)
            self.records.update(records)
            self.answers.update(answers)
            self.count += len(files)
            self.rendered += len(files)

    def _keep(self, entry: Entry, own: str, changed: set[str], output: Output) -> bool:
        """Keep the page of the last build when it would be rendered to the same bytes (its
        own document is the same, and none of its look-ups is answered otherwise) and its file
        is the one that build wrote."""
        record = self.previous.get(entry.url)
        if (
            record is None
            or record.key != own
            or (changed and not changed.isdisjoint(record.deps.split(DEP_SEP)))
            or file_stat(f"{output.out}/{entry.url}") != record.stat
        ):
            return False
        output.keep(entry.url)
        self.texts[entry.url] = record.text
        if entry.kind == "measure":
            self.applies_to[entry.url] = record.applies_to
        self.linked.update(record.linked)
        self.broken.update(record.broken)
        self.records[entry.url] = record
        self.count += 1
        return True

    def _changed_answers(
        self, entries: list[tuple[Entry, Entry | None]], owns: list[str]
    ) -> set[str]:
        """The look-ups (packed) of the last build whose answers differ now. Only those that
        can have changed are asked again (:mod:`.incremental`): the ones a document decides
        (:meth:`_about`) whose page is new, gone or has another own key, in its old and its new
        form, and every look-up that is not about documents."""
        answered = self.answered
        if not answered:
            return set()
        suspects = {dep for dep in answered if not dep.startswith(_ABOUT_DOCUMENTS)}
        previous = self.previous
        for (entry, _network), own in zip(entries, owns, strict=True):
            record = previous.get(entry.url)
            if record is None or record.key != own:
                suspects.update(self._about(entry))
                if record is not None and record.about:
                    suspects.update(record.about.split(DEP_SEP))
        urls = {entry.url for entry, _network in entries}
        for url, record in previous.items():
            if url not in urls and record.about:
                suspects.update(record.about.split(DEP_SEP))
        changed = set()
        for dep in suspects:
            known = answered.get(dep)
            if known is not None and self._answer_digest(dep) != known:
                changed.add(dep)
        return changed

    def _about(self, entry: Entry) -> list[str]:
        """The look-ups (packed) whose answers this entry's document decides: its file, its ID,
        and who refers to each document it names."""
        path = entry.doc.path
        about = [f"path{KIND_SEP}{path}"]
        if entry.handbook:
            about.append(f"id{KIND_SEP}{entry.key}")
        about.extend(f"in{KIND_SEP}{ref}" for ref in self.site.outgoing.get(path, ()))
        return about

    def _answer_digest(self, dep: str) -> bytes:
        """The digest of what the site answers now to a look-up a page made
        (``kind\\x1fname``), asked once a build."""
        known = self.answers.get(dep)
        if known is None:
            answer = self._answers.get(dep)
            if answer is None:
                answer = self._answers[dep] = self._ask(dep)
            known = self.answers[dep] = answer_digest(answer)
        return known

    def answers_to_record(self) -> dict[str, bytes]:
        """The digests of the answers to every look-up of this build's pages, for the next
        build: asked in this build, or (for a page that was kept, whose answers are the same)
        as the last build recorded them."""
        deps: set[str] = set()
        for record in self.records.values():
            if record.deps:
                deps.update(record.deps.split(DEP_SEP))
        answered = self.answered
        return {
            dep: self.answers.get(dep) or answered.get(dep) or self._answer_digest(dep)
            for dep in deps
        }

    def _facts(self, entry: Entry | None) -> str:
        """:func:`.incremental.entry_facts`, worked out once a build for each entry."""
        if entry is None:
            return "-"
        known = self._entry_facts.get(entry.url)
        if known is None:
            known = self._entry_facts[entry.url] = entry_facts(entry)
        return known

    def _ask(self, dep: str) -> str:
        kind, _sep, name = dep.partition(KIND_SEP)
        site = self.site
        if kind == "id":
            return self._facts(site.by_id.get(name))
        if kind == "path":
            return self._facts(site.by_path.get(name))
        if kind == "in":  # facts are reprs, so no fact holds the separator (never empty)
            return f"[{DEP_SEP.join([self._facts(e) for e in site.incoming.get(name, ())])}]"
        if kind == "meetings":
            return repr([meeting_facts(m) for m in site.meetings.get(name, ())])
        if kind == "network":
            return self._facts(site.networks.get(name))
        if kind == "file":
            return repr(is_handbook_file(site.handbook.root, name))
        return "?"

    def _record(self, kind: str, name: str) -> None:
        if self.deps is not None:
            self.deps.append((kind, name))

    def render_summaries(self, output: Output) -> None:
        """Write the pages made from the whole handbook: catalogue, search and start page.
        Each is rendered only when what it shows (its context) differs from the last build's,
        or its file is not the one that build wrote (as for the pages of documents)."""
        for url, template, context in (
            ("tiltak.html", "measures.html.j2", self._measures()),
            ("sok.html", "search.html.j2", {}),
            ("index.html", "index.html.j2", self._start()),
        ):
            key = fingerprint(self.salt, f"{url}\0{template}", [repr(context)])
            record = self.previous.get(url)
            if (
                record is not None
                and record.key == key
                and file_stat(output.out / url) == record.stat
            ):
                self.count += 1
                output.keep(url)
                self.records[url] = record
                continue
            rel, text = self._page(url, template, context)
            output.put(rel, text.encode("utf-8"))
            stat = file_stat(output.out / rel) if not output.dry_run else None
            self.records[url] = Record(key, "", stat or (-1, -1), "")

    def _page(self, url: str, template: str, context: dict[str, Any]) -> tuple[str, str]:
        self.count += 1
        root = "../" * url.count("/")
        context = {
            "site": self.info,
            "root": root,
            "page": url,
            "script_texts": self.texts_js,
            **context,
        }
        return url, render(self.env, f"{SITE_TEMPLATES}/{template}", context)

    def _template(self, name: str) -> None:
        """Load (compile) a page template now; one that cannot be loaded is reported when a
        page is rendered with it."""
        with contextlib.suppress(jinja2.TemplateError):
            self.env.get_template(f"{SITE_TEMPLATES}/{name}")

    def _body(self, entry: Entry) -> Markup:
        root = "../" * entry.url.count("/")
        env = {
            "tvf": LinkContext(
                self.site,
                root,
                entry.doc.path,
                entry.key if entry.doc.is_handbook_document else None,
                self.linked,
                self.broken,
                self.deps,
            )
        }
        tokens = fit_headings(self.md.parse(entry.doc.body, env), entry.title)
        self.texts[entry.url] = plain_text(tokens)[:SEARCH_TEXT_LIMIT]
        return Markup(self.md.renderer.render(tokens, self.md.options, env))

    def _link(self, entry: Entry, root: str) -> _Link:
        note = note_class = ""
        status = entry.doc.status
        if entry.handbook and status in ("draft", "retired"):
            note, note_class = status_label(status), status_class(status)
        return _Link(
            root + entry.url,
            entry.label,
            entry.title,
            note,
            _str(entry.doc.get("code")) if entry.kind == "measure" else "",
            note_class,
        )

    def _references(self, entry: Entry, root: str) -> tuple[list[_Link], list[_Link]]:
        outgoing = []
        for ref in self.site.outgoing.get(entry.doc.path, ()):
            self._record("id", ref)
            target = self.site.by_id.get(ref)
            if target is None:
                outgoing.append(_Link("", ref, "", _(MISSING), note_class=MISSING_CLASS))
            elif target is not entry:
                outgoing.append(self._link(target, root))
        incoming = []
        if entry.handbook:
            self._record("in", entry.key)
            incoming = [self._link(source, root) for source in self.site.incoming[entry.key]]
        return outgoing, incoming

    def _last_change(self, entry: Entry) -> dict[str, str] | None:
        change = self.changes.get(entry.doc.path)
        if change is None:
            return None
        return {
            "date": long_date(change.date.date()),
            "iso": change.date.date().isoformat(),
            "subject": change.subject,
            "commit": change.commit[:10],
        }

    def _citations(self, doc: Document) -> list[dict[str, Any]]:
        site = self.site
        problems: list[str] = []
        found = citations(
            doc, site.laws, site.today, lambda message, line: problems.append(message)
        )
        shown: dict[str, dict[str, Any]] = {}
        for cite in found:
            key = SPACES.sub(" ", cite.text).casefold()
            if key not in shown:
                shown[key] = self._citation(cite)
        basis = doc.get("legal_basis")
        if problems and isinstance(basis, list):
            for entry in basis:
                if isinstance(entry, str) and entry.strip():
                    shown.setdefault(
                        entry.casefold(),
                        {
                            "text": entry,
                            "url": "",
                            "law": "",
                            "note": _("ikke gjenkjent"),
                            "repealed": False,
                        },
                    )
        return list(shown.values())

    def _citation(self, cite: Citation) -> dict[str, Any]:
        """``note`` says what is special about the citation; ``repealed`` is true when its
        law is repealed (the page marks the link)."""
        law = cite.law
        link = cite.link or ""
        if not link.startswith(("https://", "http://")):
            link = ""
        if law is None:
            return {
                "text": cite.text,
                "url": link,
                "law": "",
                "note": _("ingen lov") if cite.unresolved else _("ukjent lov"),
                "repealed": False,
                "headings": [],
            }
        note = ""
        repealed = law.is_repealed(self.site.today)
        if repealed:
            successor = self.site.laws.by_id(law.replaced_by) if law.replaced_by else None
            if successor is not None:
                note = _("opphevet {date}, erstattet av {law}").format(
                    date=long_date(law.repealed), law=successor.short_name
                )
            else:
                note = _("opphevet {date}").format(date=long_date(law.repealed))
        headings = [
            heading if len(cite.headings()) == 1 else f"{label} {heading}"
            for label, heading in cite.headings()
        ]
        return {
            "text": cite.text,
            "url": link,
            "law": law.title,
            "note": note,
            "repealed": repealed,
            "headings": headings,
        }

    def _document(self, entry: Entry) -> dict[str, Any]:
        from ..confirmations.site import page_context as confirmations_page

        doc = entry.doc
        outgoing, incoming = self._references(entry, "../")
        status = doc.status or ""
        review = _as_date(doc.get("review_by"))
        changes = []
        raw_changes = doc.get("changes")
        if isinstance(raw_changes, list):
            for change in raw_changes:
                if isinstance(change, dict):
                    changes.append(
                        {
                            "version": _str(change.get("version")),
                            "date": long_date(_as_date(change.get("date")))
                            or _str(change.get("date")),
                            "by": _str(change.get("by")),
                            "summary": _str(change.get("summary")),
                        }
                    )
        changes.reverse()  # newest first; the file keeps them newest last
        source = doc.get("source")
        return {
            "doc": {
                "id": entry.key,
                "title": entry.title,
                "type": entry.kind,
                "type_label": type_label(entry.kind),
                "code": _str(doc.get("code")),
                "version": _str(doc.get("version")),
                "status": status,
                "status_label": status_label(status),
                "status_class": status_class(status),
                "owner": _str(doc.get("owner")),
                "approved_by": _str(doc.get("approved_by")),
                "valid_from": long_date(_as_date(doc.get("valid_from"))),
                "review_by": long_date(review),
                "review_passed": bool(review and review < self.site.today and status != "retired"),
                "applies_to": _str_list(doc.get("applies_to")),
                "source": source
                if isinstance(source, str) and source.startswith(("https://", "http://"))
                else "",
            },
            "section": _section_of(entry.kind),
            "body": self._body(entry),
            "changes": changes,
            "last_change": self._last_change(entry),
            "references": outgoing,
            "referenced_by": incoming,
            "citations": self._citations(doc),
            # The «Jeg har lest» link and the counts per unit (never names), or None.
            "confirmations": confirmations_page(
                self.site.handbook.root, self.site.handbook.config, doc
            ),
        }

    def _network(self, entry: Entry) -> dict[str, Any]:
        doc = entry.doc
        leader = doc.get("leader") if isinstance(doc.get("leader"), dict) else {}
        start, end = _as_date(leader.get("term_start")), _as_date(leader.get("term_end"))
        members = []
        raw_members = doc.get("members")
        if isinstance(raw_members, list):
            for member in raw_members:
                if isinstance(member, dict):
                    members.append(
                        {"service": _str(member.get("service")), "name": _str(member.get("name"))}
                    )
        per_year = doc.get("meetings_per_year", 3)
        mandate_id = doc.get("mandate")
        if isinstance(mandate_id, str):
            self._record("id", mandate_id)
        mandate = self.site.by_id.get(mandate_id) if isinstance(mandate_id, str) else None
        report_to = doc.get("report_to")
        outgoing, _incoming = self._references(entry, "../")
        meetings = []
        self._record("meetings", entry.key)
        for meeting in self.site.meetings[entry.key]:
            date = _as_date(meeting.doc.get("date"))
            meetings.append(
                {
                    "url": meeting.url.removeprefix("nettverk/"),
                    "title": meeting.title,
                    "type_label": type_label(meeting.kind),
                    "date": long_date(date),
                    "iso": date.isoformat() if date else "",
                    "open_items": _open_items(meeting.doc.body),
                }
            )
        planned = doc.get("planned_meetings")
        upcoming = (
            sorted(
                d
                for d in (_as_date(v.get("date") if isinstance(v, dict) else v) for v in planned)
                if d and d >= self.site.today
            )
            if isinstance(planned, list)
            else []
        )
        return {
            "network": {
                "slug": entry.key,
                "title": entry.title,
                "planned": [{"date": long_date(d), "iso": d.isoformat()} for d in upcoming],
                "leader": {
                    "name": _str(leader.get("name")),
                    "role": _str(leader.get("role")),
                    "term": term(start, end),
                },
                "members": members,
                "meetings_per_year": per_year if isinstance(per_year, int) else 3,
                "report_to": report_to
                if isinstance(report_to, str)
                else self.site.handbook.config.minutes_recipient,
            },
            "mandate": self._link(mandate, "../") if mandate else None,
            "mandate_id": mandate_id if isinstance(mandate_id, str) else "",
            "meetings": meetings,
            "body": self._body(entry),
            "last_change": self._last_change(entry),
            "references": [r for r in outgoing if mandate is None or r.label != mandate.key],
        }

    def _meeting(self, entry: Entry, network: Entry) -> dict[str, Any]:
        date = _as_date(entry.doc.get("date"))
        outgoing, _incoming = self._references(entry, "../../")
        return {
            "meeting": {
                "title": entry.title,
                "type_label": type_label(entry.kind, ""),
                "date": long_date(date),
                "iso": date.isoformat() if date else "",
            },
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
            item = {
                "url": entry.url,
                "id": entry.key,
                "code": _str(entry.doc.get("code")),
                "title": entry.title,
                "note": status_label("draft") if draft else "",
                "note_class": status_class("draft") if draft else "",
            }
            for group in self.applies_to.get(entry.url) or [no_group]:
                groups[group].append(item)
        ordered = sorted(groups, key=lambda g: (g == no_group, norwegian_key(g)))
        return {
            "groups": [
                {"name": g, "anchor": f"gruppe-{i + 1}", "measures": groups[g]}
                for i, g in enumerate(ordered)
            ],
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
            sections.append(
                {"kind": kind, "label": type_label(kind, count=2), "anchor": anchor, "links": links}
            )
        networks = [
            _Link(n.url, n.title, n.title)
            for n in sorted(self.site.networks.values(), key=lambda n: norwegian_key(n.title))
        ]
        purpose = self.md.render(self.purpose)  # Markdown without HTML: safe
        return {
            "purpose": Markup(purpose),
            "sections": sections,
            "networks": networks,
            "retired": retired,
            "total": len(self.site.by_id),
        }

    def search_index(self) -> SearchIndex:
        """The search index of every page a reader can search for (:mod:`.search`)."""
        hashes = {url: record.text_hash for url, record in self.records.items()}
        return build_index(self.site, self.texts, hashes)


def _render_some(pages: Pages, output: Output, indexes: list[int]) -> None:
    """Render and write the pages of ``pages.entries()[i]`` for each ``i`` in ``indexes``,
    and record what each depends on."""
    entries = pages.entries()
    all_linked, all_broken = pages.linked, pages.broken
    try:
        for i in indexes:
            entry, network = entries[i]
            pages.linked, pages.broken = set(), set()
            rel, html, looked_up = pages.render_entry(entry, network)
            output.put(rel, html.encode("utf-8"))
            stat = file_stat(output.out / rel) if not output.dry_run else None
            text = pages.texts.get(rel, "")  # for the search index
            for dep in looked_up:
                pages._answer_digest(f"{dep[0]}{KIND_SEP}{dep[1]}")
            pages.records[rel] = Record(
                own_key(entry, pages.changes.get(entry.doc.path)),
                pack(looked_up),
                stat or (-1, -1),
                text,
                sorted(pages.linked),
                sorted(pages.broken),
                pages.applies_to.get(rel, []),
                DEP_SEP.join(pages._about(entry)),
                text_hash(text),
            )
            all_linked.update(pages.linked)
            all_broken.update(pages.broken)
            pages.rendered += 1
    finally:
        pages.linked, pages.broken = all_linked, all_broken


def _render_forked(
    state: tuple[Pages, Output], indexes: list[int]
) -> tuple[
    list[str],
    list[str],
    dict[str, str],
    list[str],
    list[str],
    dict[str, Record],
    dict[str, bytes],
]:
    """In a worker: render some pages and return what the parent must know."""
    pages, output = state
    for collected in (
        pages.texts,
        pages.linked,
        pages.broken,
        output.files,
        output.written,
        pages.records,
        pages.answers,
    ):
        collected.clear()
    _render_some(pages, output, indexes)
    return (
        list(output.files),
        list(output.written),
        dict(pages.texts),
        sorted(pages.linked),
        sorted(pages.broken),
        dict(pages.records),
        dict(pages.answers),
    )


def _section_of(kind: str) -> dict[str, str]:
    for section_kind, anchor in SECTIONS:
        if section_kind == kind:
            return {"label": type_label(kind, count=2), "anchor": anchor}
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


def _script_texts() -> dict[str, str]:
    """The words the search script shows, in the language in use; the templates write them
    into every page (``script_texts``), so the script itself holds no text."""
    return {
        "noIndex": _("Fant ikke søkeindeksen."),
        "noHits": _("Ingen treff."),
        # {n} is replaced by the script; Norwegian and English both use one form for 1.
        "oneHit": ngettext("{n} treff.", "{n} treff.", 1),
        "manyHits": ngettext("{n} treff.", "{n} treff.", 2),
        "approved": status_label("approved"),
    }
