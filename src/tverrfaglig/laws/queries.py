"""What the handbook cites of the laws: ``tvf laws cited`` (:func:`cited_provisions`), ``tvf laws
show`` (:func:`law_overview`), and the laws ``tvf laws import`` fetches (:func:`cited_law_ids`).

Retired documents are left out of the views; the citations are the ones ``tvf check`` reads
(:func:`tverrfaglig.checks.citations`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from ..checks import citations
from ..document import Document, as_date
from ..errors import TvfError
from ..handbook import Handbook
from ..i18n import N_, _
from ..queries import id_sort_key
from .basis import find_body_citations
from .model import ID_PARTS_RE, Amendment, Law, Section, natural_key
from .parser import Citation
from .registry import LawRegistry
from .renumbering import OldNumbering, cited_as

# --- The laws the handbook cites ---------------------------------------------------------------


def cited_law_ids(handbook: Handbook, today: dt.date) -> list[str]:
    """The IDs of the laws the handbook's documents cite, known to the registry or not (an
    unknown law cited by ID or Lovdata link counts too), in order of first citation."""
    found: dict[str, None] = {}
    for doc in handbook.documents:
        if doc.meta is None:
            continue
        for cite in citations(doc, handbook.laws, today):
            if cite.law is not None:
                found.setdefault(cite.law.id)
                continue
            law_id = _law_id_in(cite.law_text)
            if law_id is not None:
                found.setdefault(law_id)
    return list(found)


def _law_id_in(text: str) -> str | None:
    """The ID in a law written as ``LOV-2009-06-19-100`` or as a Lovdata link."""
    match = ID_PARTS_RE.search(text)
    if match is None or not (text.upper().startswith("LOV-") or "lovdata" in text.lower()):
        return None
    year, month, day, number = match.groups()
    suffix = f"-{int(number)}" if number and int(number) else ""
    return f"LOV-{year}-{month}-{day}{suffix}"


# --- Which sections the handbook rests on -----------------------------------------------------


@dataclass(frozen=True)
class CitingDocument:
    """A document that cites a provision, and the line of its (first) citation."""

    id: str | None
    title: str
    path: str
    line: int | None

    @property
    def label(self) -> str:
        return self.id or self.path

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "path": self.path, "line": self.line}


# The values of CitedProvision.status (and of "status" in JSON): Norwegian in every language.
UNKNOWN_LAW = N_("ukjent lov")
NOT_FOUND = N_("finnes ikke")
REPEALED = N_("opphevet")
LAW_REPEALED = N_("loven er opphevet")
RENUMBERED = N_("gammel nummerering")
NO_LAW = N_("ingen lov")


@dataclass
class CitedProvision:
    """A law, chapter or section the handbook cites, with the documents citing it."""

    law: Law | None
    law_text: str
    section: str | None = None
    chapter: str | None = None
    documents: list[CitingDocument] = field(default_factory=list)
    article: str | None = None
    old: OldNumbering | None = None  # the section is the repealed law's (TVF207)
    unresolved: bool = False  # a section sign with no law (TVF208)

    @property
    def details(self) -> Section | None:
        if self.law is None:
            return None
        if self.article is not None:
            return self.law.section(self.article)
        return self.law.section(self.section) if self.section else None

    @property
    def label(self) -> str:
        """``§ 2b``, ``artikkel 12``, ``kapittel 4A`` or ``hele loven``, in the language in
        use."""
        if self.article is not None:
            return _("artikkel {article}").format(article=self.article)
        if self.section is not None:
            return f"§ {self.section}"
        if self.chapter is not None:
            return _("kapittel {chapter}").format(chapter=self.chapter)
        return _("hele loven")

    @property
    def title(self) -> str:
        if self.law is None:
            return ""
        if self.old is not None:
            return self.old.heading
        details = self.details
        if details is not None:
            return details.title
        if self.chapter is not None:
            chapter = next((c for c in self.law.chapter_info if c.name == self.chapter), None)
            return chapter.title if chapter else ""
        return self.law.title if self.section is None and self.article is None else ""

    @property
    def url(self) -> str | None:
        if self.law is None:
            return None
        if self.old is not None:
            return self.old.old_law.url(section=self.section)
        return self.law.url(section=self.section, chapter=self.chapter, article=self.article)

    def status(self, today: dt.date) -> str:
        """What is wrong with citing it ("" when nothing is): ``ukjent lov``, ``finnes ikke``,
        ``opphevet`` or ``loven er opphevet``, always in Norwegian (the values of ``status`` in
        the JSON output); :meth:`status_text` says it in the language in use."""
        law = self.law
        if self.unresolved:
            return NO_LAW
        if law is None:
            return UNKNOWN_LAW
        if self.old is not None:
            return RENUMBERED
        if (
            law.complete
            and law.sections is not None
            and any(
                unit is not None and unit not in law.sections
                for unit in (self.section, self.article)
            )
        ):
            return NOT_FOUND
        if (
            self.chapter is not None
            and law.chapters is not None
            and self.chapter not in law.chapters
        ):
            return NOT_FOUND
        details = self.details
        if details is not None and details.repealed:
            return REPEALED
        if law.is_repealed(today):
            return LAW_REPEALED
        return ""

    def status_text(self, today: dt.date) -> str:
        """:meth:`status` in the language in use, for people."""
        status = self.status(today)
        return _(status) if status else ""

    def as_json(self, today: dt.date) -> dict[str, object]:
        """One provision as handbook-format.md, section 4.1 gives it."""
        details = self.details
        last = details.last_amendment if details is not None else None
        law = self.law
        return {
            "law": law.id if law else None,
            "law_name": (law.short_name if law.names else law.title)
            if law
            else (self.law_text or None),
            "kind": law.kind if law else None,
            "section": self.section,
            "chapter": self.chapter,
            "article": self.article,
            "title": self.title or None,
            "url": self.url,
            "status": self.status(today) or None,
            "last_amended": _amendment_json(last) if last else None,
            "documents": [doc.as_json() for doc in self.documents],
        }


def _amendment_json(amendment: Amendment) -> dict[str, object]:
    return {
        "law": amendment.law,
        "date": amendment.date.isoformat() if amendment.date else None,
        "kind": amendment.kind,
    }


def cited_provisions(handbook: Handbook, *, today: dt.date | None = None) -> list[CitedProvision]:
    """Every law, chapter and section the handbook's documents cite (retired documents left
    out), with the documents citing each: grouped by law in registry order, whole laws first,
    then chapters, then sections in natural order; unknown laws last."""
    today = dt.date.today() if today is None else today
    pairs = (
        (CitingDocument(doc.id, doc.title, doc.path, None), cite, as_date(doc.get("valid_from")))
        for doc in _citing_documents(handbook.documents)
        for cite in citations(doc, handbook.laws, today)
    )
    return provisions_of(pairs, handbook.laws)


def find_in_text(
    text: str,
    registry: LawRegistry,
    *,
    path: str = "-",
    today: dt.date | None = None,
    valid_from: dt.date | None = None,
) -> list[CitedProvision]:
    """The citations in any text (``tvf laws find``): each provision once, with the line of
    its first citation, in the order of ``laws cited``. ``valid_from`` dates the text as a
    document's ``valid_from`` does (a shared name in an older text is the repealed law)."""
    today = dt.date.today() if today is None else today
    citing = CitingDocument(None, "", path, None)
    return provisions_of(
        ((citing, cite, valid_from) for cite in find_body_citations(text, 1, registry, today)),
        registry,
    )


def provisions_of(
    pairs: Iterable[tuple[CitingDocument, Citation, dt.date | None]], registry: LawRegistry
) -> list[CitedProvision]:
    """Citations grouped by provision, with the documents citing each (as ``laws cited``).
    Each citation comes with its document's ``valid_from``: a name shared by a repealed law
    and its successor is reported as ``tvf check`` reports it (:func:`cited_as`, TVF207)."""
    found: dict[tuple[str, str, str | None, str | None], CitedProvision] = {}
    for citing, cite, valid_from in pairs:
        if cite.unresolved:
            law_key = "?"
        else:
            law_key = cite.law.id if cite.law else " ".join(cite.law_text.split()).lower()
        parts: list[tuple[str, str | None]] = (
            [("article", a) for a in cite.articles]
            or [("section", s) for s in cite.sections]
            or [("chapter", cite.chapter)]
        )
        for unit, number in parts:
            law = cite.law
            meant = (
                cited_as(
                    registry,
                    law,
                    cite.law_text,
                    number if unit == "section" else None,
                    valid_from,
                    number if unit == "chapter" else None,
                )
                if law is not None and unit != "article"
                else None
            )
            old = meant if isinstance(meant, OldNumbering) else None
            if isinstance(meant, Law):  # a chapter or a whole law of an older document
                law = meant
            key = (
                law.id if law is not None else law_key,
                unit,
                number,
                old.old_law.id if old is not None else None,
            )
            provision = found.get(key)
            if provision is None:
                provision = found[key] = CitedProvision(
                    law,
                    cite.law_text,
                    number if unit == "section" else None,
                    number if unit == "chapter" else None,
                    article=number if unit == "article" else None,
                    old=old,
                    unresolved=cite.unresolved,
                )
            if not any(d.path == citing.path for d in provision.documents):
                provision.documents.append(replace(citing, line=cite.line))
    order = {law_id: i for i, law_id in enumerate(registry.laws)}

    def rank(p: CitedProvision) -> tuple[Any, ...]:
        law_rank = (0, order.get(p.law.id, len(order)), p.law.id) if p.law else (1, 0, p.law_text)
        kind = (
            2
            if p.section is not None or p.article is not None
            else 1
            if p.chapter is not None
            else 0
        )
        return (*law_rank, kind, natural_key(p.section or p.article or p.chapter or ""))

    provisions = sorted(found.values(), key=rank)
    for provision in provisions:
        provision.documents.sort(key=lambda d: (d.id is None, id_sort_key(d.id or ""), d.label))
    return provisions


def _citing_documents(documents: Iterable[Document]) -> Iterator[Document]:
    for doc in documents:
        if doc.meta is not None and doc.status != "retired":
            yield doc


@dataclass
class SectionUse:
    """A section of a law with the documents citing it."""

    section: Section
    url: str
    documents: list[CitingDocument]


@dataclass
class LawOverview:
    """What ``tvf laws show`` tells about one law."""

    law: Law
    sections: list[SectionUse]  # every section, when the registry knows them
    cited: list[CitedProvision]  # what the handbook cites of this law
    in_force: bool

    @property
    def sections_known(self) -> bool:
        return bool(self.law.section_info) or self.law.sections is not None

    @property
    def unknown(self) -> list[CitedProvision]:
        """Cited sections and chapters that the law does not have."""
        return [p for p in self.cited if p.status(dt.date.min) == NOT_FOUND]

    def as_json(self, today: dt.date) -> dict[str, object]:
        law = self.law
        return {
            "id": law.id,
            "title": law.title,
            "short_title": law.short_title,
            "abbreviation": law.abbreviation,
            "names": list(law.names),
            "in_force": law.in_force.isoformat() if law.in_force else None,
            "in_force_now": self.in_force,
            "last_change": law.last_change.isoformat() if law.last_change else None,
            "last_changed_by": law.last_changed_by,
            "repealed": law.repealed.isoformat() if law.repealed else None,
            "replaced_by": law.replaced_by,
            "url": law.url(),
            "sections_known": self.sections_known,
            "chapters": [
                {"name": c.name, "title": c.title, "url": law.url(chapter=c.name)}
                for c in law.chapter_info
            ],
            "sections": [
                {
                    "name": use.section.name,
                    "title": use.section.title,
                    "chapter": use.section.chapter,
                    "repealed": use.section.repealed,
                    "url": use.url,
                    "amendments": [_amendment_json(a) for a in use.section.amendments],
                    "cited_by": [d.as_json() for d in use.documents],
                }
                for use in self.sections
            ],
            "cited": [p.as_json(today) for p in self.cited],
        }


def law_overview(handbook: Handbook, name: str, *, today: dt.date | None = None) -> LawOverview:
    """A law (by name, abbreviation, ID or Lovdata link) with its sections and the documents
    citing each. Raises :class:`TvfError` when the registry does not know it."""
    today = dt.date.today() if today is None else today
    law = handbook.laws.resolve(name, today)
    if law is None:
        raise TvfError(
            _("Fant ikke loven «{name}» i lovregisteret.").format(name=name),
            hint=_("Se lovene med tvf laws, eller bruk en Lovdata-ID som LOV-2005-06-17-64."),
        )
    cited = [
        p
        for p in cited_provisions(handbook, today=today)
        if p.law is not None and p.law.id == law.id
    ]
    by_section = {p.section: p.documents for p in cited if p.section is not None}
    known = law.section_info or tuple(
        Section(name) for name in sorted(law.sections or (), key=natural_key)
    )
    sections = [SectionUse(s, law.url(section=s.name), by_section.get(s.name, [])) for s in known]
    in_force = not law.is_repealed(today) and (law.in_force is None or law.in_force <= today)
    return LawOverview(law, sections, cited, in_force)
