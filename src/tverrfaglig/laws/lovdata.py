"""Lovdata's open data: importing the laws in force into the handbook's law registry
(``tvf laws import``).

Lovdata publishes every law in force as ``gjeldende-lover.tar.bz2`` (NLOD 2.0). Each law is one
file ``nl/nl-YYYYMMDD-NNN.xml``: one line of HTML that is also well-formed XML, with a header of
``dt``/``dd`` pairs named by class (``legacyID``, ``title``, ``titleShort``, ``dateInForce``,
``lastChangeInForce``, ``lastChangedBy``) and a body of nested ``section.section`` elements
(``data-name="kap4A"``, ``"del1"``) holding the sections, ``article.legalArticle`` with
``data-name="§2b"``. Amendment notes (``article.changesToParent``) stand inside the section they
concern. See ``../shared/lovdata.md``.

How it is read, and why:

- the archive is streamed (``tarfile`` mode ``r|bz2``), never unpacked to disk; members whose
  file name shows a law that is not wanted are not even parsed;
- each file is parsed with :mod:`xml.etree.ElementTree` (the C parser); only the structure is
  walked, not the text of every paragraph;
- a section's name comes from ``data-name`` (or the heading's ``legalArticleValue``), never
  from the positional ``id`` attribute; a chapter's ``KAPITTEL_N`` anchor is read from its
  ``data-lovdata-URL``, never computed from its number;
- a file that cannot be parsed is reported by name and skipped; the registry is written to a
  temporary file in the handbook and moved into place, so nothing half-written is left.
"""

from __future__ import annotations

import bz2
import datetime as dt
import html.entities
import http.client
import queue
import re
import tarfile
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import IO, Any

from ..config import Config, load_config
from ..errors import TvfError
from ..files import write_atomic
from ..handbook import load_handbook
from ..i18n import N_, _, ngettext
from .model import (
    LOVDATA_ARCHIVE,
    LOVDATA_ARCHIVE_URL,
    LOVDATA_REGULATIONS_ARCHIVE,
    MONTH_NAMES,
    Amendment,
    Chapter,
    Law,
    Section,
    canonical_doc_id,
    is_repealed_title,
    normalise_chapter,
    normalise_section,
)
from .queries import cited_law_ids
from .registry import LAWS_FILE, listed_ids, load_registry, read_registry_text
from .registry_file import parse_entries, registry_yaml

ARCHIVE_NAME = LOVDATA_ARCHIVE
ARCHIVE_URL = LOVDATA_ARCHIVE_URL
REGULATIONS_ARCHIVE_NAME = LOVDATA_REGULATIONS_ARCHIVE
# The largest archive member tvf reads. Lovdata's largest files are a few MB; anything larger is
# not a law or a regulation, and is refused before it is read (a small bzip2 file can unpack to
# gigabytes). MAX_QUEUED_BYTES bounds what waits between the reading and the parsing thread.
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_QUEUED_BYTES = 64 * 1024 * 1024
LICENCE = N_("Norsk lisens for offentlige data (NLOD 2.0), https://data.norge.no/nlod/no/2.0")
URL_TIMEOUT = 30.0

# A law (nl-20050617-064.xml) or a central regulation (sf-20111216-1256.xml).
_FILE_RE = re.compile(r"(nl|sf)-(\d{4})(\d{2})(\d{2})-(\d{3,4})(-[a-z]+)?\.xml")
_FILE_PREFIXES = ("nl-", "sf-")
_FILE_PATTERNS = ("nl-*.xml", "sf-*.xml")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that may hold sections further down; the text of a law is never walked.
_CONTAINERS = frozenset({"html", "body", "main", "div", "section", "article"})
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DOTTED_DATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_LAW_ID_RE = re.compile(r"(?:LOV|FOR)-\d{4}-\d{2}-\d{2}(?:-\d+)?", re.IGNORECASE)
# A law or regulation as Lovdata links it: "lov/2025-04-25-12", "forskrift/2025-11-28-2361".
_REF_RE = re.compile(
    r"(?<![\w/])(lov|forskrift)/(\d{4}-\d{2}-\d{2}(?:-\d+)?)(?![\w-])", re.IGNORECASE
)
_HEADER_TEXT_RE = re.compile(r"§\s*([^.]+?)\s*\.\s*(.*)")
_CHAPTER_HEADING_RE = re.compile(
    r"(?:kapittel|kap\.?)\s*[0-9IVXLC]+\s*[A-Za-z]?\s*[.:]?\s*", re.IGNORECASE
)
# "jan" → 1 …: the first three letters of each Norwegian month name, as notes abbreviate them.
_MONTHS = {name[:3]: number for number, name in enumerate(MONTH_NAMES, 1)}
_MONTH = r"(?:jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)[a-zæøå]*\.?"
# One amendment note: verbs, the kind of act (only laws are recorded), the acts ("11 juni 2021
# nr. 78") and, in parentheses after an act, when it took effect ("(i kraft 1 aug 2022)").
_NOTE_TOKEN_RE = re.compile(
    r"(?P<paren>\([^()]*\))"
    r"|(?P<ikr>(?<!\w)(?:ikr\.?|i\s+kraft)(?!\w)(?P<ikr_pending>\s+(?:fr[aå]\s+)?den\s+tid)?)"
    r"|(?P<verb>endret|endra|tilføyd|tilføydd|tilføyet|opphevet|oppheva"
    r"|endres|endrast|tilføyes|tilføyast|oppheves|opphevast|vert)(?!\w)"
    r"|(?P<kind>lov(?:er|ene|a)?|forskrift(?:er|ene|a)?|res\.?|vedtak)(?!\w)"
    rf"|(?<!\d)(?P<d>\d{{1,2}})\.?\s+(?P<m>{_MONTH})\s+(?P<y>\d{{4}})"
    r"(?:\s+nr\.?\s*(?P<nr>\d+))?",
    re.IGNORECASE,
)
_TEXT_DATE_RE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\.?\s+({_MONTH})\s+(\d{{4}})|(\d{{4}})-(\d{{2}})-(\d{{2}})"
    r"|(\d{1,2})\.(\d{1,2})\.(\d{4})",
    re.IGNORECASE,
)
_VERBS = {
    "endret": "endret",
    "endra": "endret",
    "tilføyd": "tilføyd",
    "tilføydd": "tilføyd",
    "tilføyet": "tilføyd",
    "opphevet": "opphevet",
    "oppheva": "opphevet",
}
# An amendment passed but not in force when the file was made: "Endres ved lov …", nynorsk
# "Vert endra ved lov …" ("vert" makes the verb after it one of these).
_PENDING_VERBS = {
    "endres": "endret",
    "endrast": "endret",
    "tilføyes": "tilføyd",
    "tilføyast": "tilføyd",
    "oppheves": "opphevet",
    "opphevast": "opphevet",
}
# In a note's parentheses: in force at a time yet to be set ("i kraft frå den tid Kongen
# bestemmer"), or explicitly not in force; and the date an act took effect ("i kraft 1 aug
# 2022", "ikr. 1 jan 2010 iflg. res. …").
_NOT_IN_FORCE_RE = re.compile(
    r"den\s+tid(?:en)?\s|ikke\s+i\s+kraft|ikkje\s+i\s+kraft", re.IGNORECASE
)
_IN_FORCE_DATE_RE = re.compile(
    r"(?:i\s+kraft|ikr\.?)\s+(?:fr[aå]\s+(?:og\s+med\s+)?)?(?:" + _TEXT_DATE_RE.pattern + ")",
    re.IGNORECASE,
)
# The first paragraph of a repealed section: "(Opphevet)", "Opphevet ved lov 19 des 2008 nr.
# 110.", nynorsk "(Oppheva)". The whole paragraph, so "Opphevet vedtak …" is not one.
_REPEAL_MARK_RE = re.compile(
    r"\(?\s*(?:opphevet|oppheva)(?:\s+(?:ved|med)\s+[^()]*?)?\s*\.?\s*\)?\s*\.?",
    re.IGNORECASE,
)


class LovdataError(ValueError):
    """A file that cannot be read as a law (the message is in the language in use)."""


# --- One law ---------------------------------------------------------------------------------


def law_id_of(filename: str) -> str | None:
    """The Lovdata ID of an archive file name: ``nl-20050617-064.xml`` → ``LOV-2005-06-17-64``,
    ``nl-19670210-000.xml`` → ``LOV-1967-02-10`` (000 means the act has no number), a
    regulation's ``sf-20111216-1256.xml`` → ``FOR-2011-12-16-1256``. A variant
    (``nl-18140517-000-nn.xml``, nynorsk) has the ID of its law."""
    match = _FILE_RE.fullmatch(PurePosixPath(filename).name)
    if match is None:
        return None
    folder, year, month, day, number, _variant = match.groups()
    suffix = f"-{int(number)}" if int(number) else ""
    prefix = "FOR" if folder == "sf" else "LOV"
    return f"{prefix}-{year}-{month}-{day}{suffix}"


def parse_law(data: bytes, filename: str = "") -> Law:
    """Read one law file of the archive. Raises :class:`LovdataError` when it is not one."""
    root = _parse_xml(data)
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    header = _header(root, ns)
    raw_id = header.get("legacyID", "")
    found = _LAW_ID_RE.search(raw_id)
    law_id = found[0].upper() if found else law_id_of(filename)
    if law_id is None:
        raise LovdataError(
            _("mangler Lovdata-ID (legacyID i hodet, eller et filnavn som nl-20050617-064.xml)")
        )
    law_id = _strip_zero_number(law_id)
    title = header.get("title") or _first_text(root, ns, ("title", "h1"))
    if not title:
        raise LovdataError(_("{law} mangler tittel").format(law=law_id))
    short, abbreviation = _split_short_title(header.get("titleShort", ""))
    changed_by = header.get("lastChangedBy", "")
    changer = _changer_id(changed_by)
    body = next(root.iter(f"{ns}main"), None)
    kind = "regulation" if law_id.startswith("FOR-") else "law"
    walker = _Walker(ns, law_id, regulation=kind == "regulation")
    walker.walk(body if body is not None else root, None)
    if not walker.sections and body is None:
        raise LovdataError(_("{law} har ingen lovtekst (main.documentBody)").format(law=law_id))
    return Law(
        id=law_id,
        title=title,
        names=_names(short, abbreviation),
        short_title=short,
        abbreviation=abbreviation,
        in_force=_first_date(header.get("dateInForce", "")),
        # "<a href="lov/2025-04-25-12">lov/2025-04-25-12</a> fra 2026-01-01" also dates it
        last_change=(_first_date(header.get("lastChangeInForce", "")) or _changed_from(changed_by)),
        last_changed_by=changer,
        kind=kind,
        section_info=tuple(walker.sections),
        chapter_info=tuple(walker.chapters),
        sections=frozenset(s.name for s in walker.sections),
        chapters=frozenset(c.name for c in walker.chapters),
    )


def _changer_id(text: str) -> str | None:
    """The law or regulation in a header's ``lastChangedBy``, as Lovdata writes it (a link
    ``lov/2025-04-25-12`` followed by ``fra 2026-01-01``) or as an ID (``LOV-2025-04-25-12``)."""
    found = _LAW_ID_RE.search(text)
    if found is not None:
        return canonical_doc_id(_strip_zero_number(found[0].upper()))
    ref = _REF_RE.search(text)
    if ref is None:
        return None
    prefix = "LOV" if ref[1].lower() == "lov" else "FOR"
    return canonical_doc_id(f"{prefix}-{ref[2]}")


def _changed_from(text: str) -> dt.date | None:
    """The date in a header's ``lastChangedBy`` after the act: ``… fra 2026-01-01``."""
    match = re.search(r"\bfr[aå]\s+(.+)", text)
    return _first_date(match[1]) if match else None


def _parse_xml(data: bytes) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        if "undefined entity" not in str(exc):
            raise LovdataError(_("er ikke gyldig XML ({error})").format(error=exc)) from None
    # HTML's named entities (&nbsp;) are not XML's: write them as numbers and try once more.
    fixed = _ENTITY_RE.sub(_numeric_entity, data)
    try:
        return ET.fromstring(fixed)
    except ET.ParseError as exc:
        raise LovdataError(_("er ikke gyldig XML ({error})").format(error=exc)) from None


_ENTITY_RE = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})


def _numeric_entity(match: re.Match[bytes]) -> bytes:
    name = match[1]
    code = html.entities.name2codepoint.get(name.decode("ascii"))
    if name in _XML_ENTITIES or code is None:
        return match[0]
    return b"&#%d;" % code


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _header(root: ET.Element, ns: str) -> dict[str, str]:
    """The ``dd`` values of the document header by class; the first of each class wins."""
    values: dict[str, str] = {}
    header = next(root.iter(f"{ns}header"), None)
    if header is None:
        return values
    for dd in header.iter(f"{ns}dd"):
        for name in _classes(dd):
            if name not in values:
                items = [_text(li) for li in dd.iter(f"{ns}li")]
                values[name] = ", ".join(i for i in items if i) if items else _text(dd)
    return values


def _first_text(root: ET.Element, ns: str, tags: Iterable[str]) -> str:
    for tag in tags:
        element = next(root.iter(f"{ns}{tag}"), None)
        if element is not None and _text(element):
            return _text(element)
    return ""


def _strip_zero_number(law_id: str) -> str:
    """``LOV-1967-02-10-0`` → ``LOV-1967-02-10`` (Lovdata's number 000 means none)."""
    head, _dash, number = law_id.rpartition("-")
    if law_id.count("-") == 4 and number.isdigit():
        return head if int(number) == 0 else f"{head}-{int(number)}"
    return law_id


def _split_short_title(text: str) -> tuple[str | None, str | None]:
    """``"Barnehageloven – bhl"`` → ``("Barnehageloven", "bhl")``."""
    text = " ".join(text.split())
    if not text:
        return None, None
    for dash in (" – ", " - ", " — "):
        if dash in text:
            short, _dash, abbreviation = text.partition(dash)
            return short.strip() or None, abbreviation.strip() or None
    return text, None


def _names(short: str | None, abbreviation: str | None) -> tuple[str, ...]:
    """Names for a law new to the registry: its short title (``Barnehageloven`` →
    ``barnehageloven``) when it is a name, not a description, and its abbreviation."""
    names: list[str] = []
    if short and not short.lower().startswith(("lov ", "lov om", "lova ")) and len(short) <= 60:
        first, rest = short[:1], short[1:]
        word = rest.split(" ")[0]
        names.append(first.lower() + rest if word == word.lower() else short)
    if abbreviation:
        names.append(abbreviation)
    return tuple(dict.fromkeys(names))


def _first_date(text: str) -> dt.date | None:
    for pattern, order in ((_ISO_DATE_RE, (0, 1, 2)), (_DOTTED_DATE_RE, (2, 1, 0))):
        match = pattern.search(text)
        if match is not None:
            parts = match.groups()
            try:
                return dt.date(int(parts[order[0]]), int(parts[order[1]]), int(parts[order[2]]))
            except ValueError:
                continue
    return None


def _text_date(text: str) -> dt.date | None:
    """The first date in running text: ``1 aug 2022``, ``2022-08-01`` or ``01.08.2022``."""
    for match in _TEXT_DATE_RE.finditer(text):
        g = match.groups()
        try:
            if g[0] is not None:
                return dt.date(int(g[2]), _MONTHS[g[1][:3].lower()], int(g[0]))
            if g[3] is not None:
                return dt.date(int(g[3]), int(g[4]), int(g[5]))
            return dt.date(int(g[8]), int(g[7]), int(g[6]))
        except (ValueError, KeyError):
            continue
    return None


def parse_amendments(note: str, own_id: str = "", *, regulations: bool = False) -> list[Amendment]:
    """The laws an amendment note names, with what they did and when it took effect.

    ``"Endret ved lov 11 juni 2021 nr. 78 (i kraft 1 aug 2022)."`` gives
    ``Amendment("LOV-2021-06-11-78", date(2022, 8, 1), "endret")``. When no in-force date
    follows an act, its date is the act's own. An amendment not in force yet has no date: one
    whose in-force time is still to be set (``(i kraft frå den tid Kongen bestemmer)``), and one
    told in the present tense (``Endres ved lov …``, ``Vert endra ved lov …``) unless the note
    gives its in-force date. An in-force note (``Ikr. 1 jan 2004 iflg. res. …``) dates the act
    before it; it is not an act. Regulations (``forskrift``) are left out, unless
    ``regulations`` (the notes of a regulation, amended by other regulations: ``FOR-…``).
    """
    # [id, act's date, kind, in-force date read, in-force date, pending]
    found: list[list[Any]] = []
    verb = "endret"
    pending = after_vert = False
    is_act, prefix = True, "LOV"
    in_force_next = False  # after "ikr."/"i kraft" outside parentheses: the next date is one
    last: list[Any] | None = None
    for match in _NOTE_TOKEN_RE.finditer(note):
        paren, ikr, found_verb, kind = match.group("paren", "ikr", "verb", "kind")
        if paren is not None:
            if last is not None and not last[3]:
                _read_in_force(last, paren)
            last = None
        elif ikr is not None:
            if match.group("ikr_pending"):  # "ikr. fra den tid Kongen bestemmer"
                if last is not None and not last[3]:
                    last[3], last[4], last[5] = True, None, True
            else:
                in_force_next = True
        elif found_verb is not None:
            word = found_verb.lower()
            in_force_next = False
            if word == "vert":
                after_vert = True
                continue
            if word in _PENDING_VERBS:
                verb, pending = _PENDING_VERBS[word], True
            else:
                verb, pending = _VERBS[word], after_vert
            after_vert = False
        elif kind is not None:
            word = kind[:3].lower()
            in_force_next = False
            is_act = word == "lov" or (regulations and word == "for")
            prefix = "LOV" if word == "lov" else "FOR"
        else:
            day_text, month, year, number = match.group("d", "m", "y", "nr")
            try:
                day = dt.date(int(year), _MONTHS[month[:3].lower()], int(day_text))
            except (ValueError, KeyError):
                continue
            if in_force_next:  # an in-force date, never an act
                in_force_next = False
                if last is not None and not last[3]:
                    last[3], last[4], last[5] = True, day, False
                continue
            if not is_act:
                continue
            suffix = f"-{int(number)}" if number and int(number) else ""
            law_id = f"{prefix}-{day.isoformat()}{suffix}"
            if law_id != own_id:
                last = [law_id, day, verb, False, None, pending]
                found.append(last)
    unique: dict[tuple[str, str], Amendment] = {}
    for law_id, act_day, kind, read, in_force, is_pending in found:
        took_effect = in_force if read else (None if is_pending else act_day)
        if (law_id, kind) not in unique:
            unique[(law_id, kind)] = Amendment(law_id, took_effect, kind)
    return list(unique.values())


def _read_in_force(act: list[Any], paren: str) -> None:
    """What a note's parentheses after an act say of when it took effect: a date (``i kraft 1
    aug 2022``, ``ikr. 1 jan 2010 iflg. res. …``, or a date alone), or not yet (``i kraft frå
    den tid Kongen bestemmer``, even when the parentheses go on to name another act's date)."""
    if _NOT_IN_FORCE_RE.search(paren):
        act[3], act[4], act[5] = True, None, True
        return
    match = _IN_FORCE_DATE_RE.search(paren)
    day: dt.date | None = None
    if match is not None:
        day = _text_date(match[0])
    elif _TEXT_DATE_RE.fullmatch(paren.strip("() .")):
        day = _text_date(paren)
    if day is not None:
        act[3], act[4], act[5] = True, day, False


class _Walker:
    """Collects the chapters and sections of a law's body in document order."""

    def __init__(self, ns: str, law_id: str, *, regulation: bool = False) -> None:
        self.ns = ns
        self.law_id = law_id
        self.regulation = regulation
        self.sections: list[Section] = []
        self.chapters: list[Chapter] = []
        self._seen_sections: set[str] = set()
        self._seen_chapters: set[str] = set()

    def walk(self, element: ET.Element, chapter: str | None) -> None:
        for child in element:
            tag = _local(child.tag)
            if tag not in _CONTAINERS:
                continue
            classes = _classes(child)
            if tag == "article" and "legalArticle" in classes:
                self._article(child, chapter)
            elif tag == "section" and "section" in classes:
                self.walk(child, self._chapter(child) or chapter)
            elif tag != "article" or not {"changesToParent", "legalP"} & set(classes):
                self.walk(child, chapter)

    def _chapter(self, element: ET.Element) -> str | None:
        data_name = element.get("data-name") or ""
        name = normalise_chapter(data_name[3:]) if data_name.lower().startswith("kap") else None
        if name is None:  # a part (del1), an appendix, or a chapter named in another way
            return None
        if name in self._seen_chapters:
            return name
        self._seen_chapters.add(name)
        title = ""
        for child in element:
            if _local(child.tag) in _HEADINGS:
                title = _CHAPTER_HEADING_RE.sub("", _text(child), count=1).strip()
                break
        url = element.get("data-lovdata-URL") or ""
        last = url.rstrip("/").rpartition("/")[2]
        anchor = last.upper() if last.upper().startswith("KAPITTEL_") else None
        self.chapters.append(Chapter(name, title, anchor))
        return name

    def _article(self, element: ET.Element, chapter: str | None) -> None:
        ns = self.ns
        header = None
        for child in element:
            if _local(child.tag) in _HEADINGS:
                header = child
                break
        value = title = ""
        if header is not None:
            for span in header.iter(f"{ns}span"):
                classes = _classes(span)
                if "legalArticleValue" in classes and not value:
                    value = _text(span)
                elif "legalArticleTitle" in classes and not title:
                    title = _text(span)
            if not value:
                match = _HEADER_TEXT_RE.match(_text(header))
                if match is not None:
                    value, title = match[1], title or match[2]
        data_name = (element.get("data-name") or "").lstrip("§").strip()
        raw = data_name or value.lstrip("§").strip()
        name = normalise_section(raw) if raw else None
        if name is None or name in self._seen_sections:  # not a §, e.g. an article "art1"
            return
        self._seen_sections.add(name)
        repealed = bool(title) and is_repealed_title(title)
        title = title.strip() if repealed else title.strip().rstrip(".").strip()
        notes: list[str] = []
        first_text: str | None = None
        for article in element.iter(f"{ns}article"):
            kind = article.get("class") or ""
            if "changesToParent" in kind:
                notes.append(_text(article))
            elif first_text is None and "egalP" in kind:  # legalP, numberedLegalP
                first_text = _text(article)
        # Repealed in the first paragraph, whatever the title: "(Opphevet)", "Opphevet ved
        # lov 19 des 2008 nr. 110.", "(Oppheva)".
        if first_text and _REPEAL_MARK_RE.fullmatch(first_text):
            repealed = True
        amendments: dict[tuple[str, str], Amendment] = {}
        for note in notes:
            for amendment in parse_amendments(note, self.law_id, regulations=self.regulation):
                amendments.setdefault((amendment.law, amendment.kind), amendment)
        self.sections.append(Section(name, title, repealed, chapter, tuple(amendments.values())))


# --- Reading an archive or a folder ------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read, and why (in the language in use)."""

    name: str
    reason: str


@dataclass
class ArchiveLaws:
    """What was read from an archive or a folder."""

    source: str
    laws: dict[str, Law] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    files: int = 0  # law files in the archive (read or not)
    parsed: int = 0
    date: dt.date | None = None  # the newest file's date: when Lovdata made the archive
    _variants: set[str] = field(default_factory=set, repr=False)  # laws read from a variant

    def add(self, name: str, data: bytes) -> None:
        """Parse one file; a file that is not a law is recorded as skipped."""
        self.parsed += 1
        try:
            law = parse_law(data, name)
        except LovdataError as exc:
            self.skipped.append(Skipped(name, str(exc)))
            return
        variant = _FILE_RE.fullmatch(name) is None or name.count("-") > 2
        if law.id not in self.laws or (law.id in self._variants and not variant):
            self.laws[law.id] = law  # the file without a suffix wins over a variant
            if variant:
                self._variants.add(law.id)
            else:
                self._variants.discard(law.id)

    def saw(self, mtime: float) -> None:
        """Note a law file's modification time (the archive's date is the newest)."""
        if mtime > 0:
            day = dt.datetime.fromtimestamp(mtime, dt.UTC).date()
            self.date = day if self.date is None else max(self.date, day)


def _wanted(name: str, wanted: Collection[str] | None) -> bool:
    if wanted is None:
        return True
    law_id = law_id_of(name)
    return law_id is None or law_id in wanted


_Item = tuple[str, bytes] | BaseException | None


def _too_large(source: str, name: str, size: int, limit: int) -> TvfError:
    return TvfError(
        _(
            "{name} i {source} er {size} MB utpakket; tvf leser ikke filer over {limit} MB "
            "(Lovdatas største filer er noen få MB)."
        ).format(name=name, source=source, size=_megabytes(size), limit=_megabytes(limit)),
        hint=_(
            "Dette er ikke {archive} eller {regulations} slik Lovdata lager dem. Last ned "
            "arkivet på nytt fra Lovdata. Ingenting er skrevet."
        ).format(archive=ARCHIVE_NAME, regulations=REGULATIONS_ARCHIVE_NAME),
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}" if size >= 1024 * 1024 else f"{size / (1024 * 1024):.2f}"


def _is_document(name: str) -> bool:
    return name.startswith(_FILE_PREFIXES) and name.endswith(".xml")


def read_archive(
    stream: IO[bytes],
    source: str,
    wanted: Collection[str] | None = None,
    *,
    max_bytes: int = MAX_MEMBER_BYTES,
) -> ArchiveLaws:
    """Read the laws of a ``gjeldende-lover.tar.bz2`` (or the regulations of a
    ``gjeldende-sentrale-forskrifter.tar.bz2``) from a stream (a file or an HTTP response),
    without unpacking it. ``wanted``: the IDs to read (None: all).

    A member larger than ``max_bytes`` stops the import (:class:`TvfError`, naming it) before
    any of it is read: its size is in the tar header, and only that much is ever read.

    A thread decompresses and hands the wanted files over while this one parses them: bz2
    releases the GIL, so the two overlap (about a third faster for the whole archive). At most
    32 files and :data:`MAX_QUEUED_BYTES` wait between the two.
    """
    result = ArchiveLaws(source)
    counts = ArchiveLaws(source)  # files and date, kept by the reading thread
    items: queue.Queue[_Item] = queue.Queue(maxsize=32)
    stop = threading.Event()
    room = threading.Condition()
    queued = [0]  # bytes waiting in ``items``

    def put(item: _Item) -> None:
        size = len(item[1]) if isinstance(item, tuple) else 0
        with room:
            while queued[0] and queued[0] + size > MAX_QUEUED_BYTES and not stop.is_set():
                room.wait(timeout=0.1)
            queued[0] += size
        while not stop.is_set():
            try:
                items.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def read() -> None:
        try:
            # bz2.BZ2File, not tarfile's "r|bz2": that one decompresses each block of input
            # whole, and a few hundred bytes can unpack to hundreds of MB in one piece.
            with bz2.BZ2File(stream) as unpacked, tarfile.open(fileobj=unpacked, mode="r|") as tar:
                for member in tar:
                    if stop.is_set():
                        return
                    name = PurePosixPath(member.name).name
                    if member.size > max_bytes:  # any member: skipping it would unpack it
                        put(_too_large(source, member.name, member.size, max_bytes))
                        return
                    if not (member.isfile() and _is_document(name)):
                        continue
                    counts.files += 1
                    counts.saw(member.mtime)
                    if _wanted(name, wanted):
                        extracted = tar.extractfile(member)
                        if extracted is not None:
                            put((name, extracted.read(max_bytes + 1)))
            put(None)
        except BaseException as exc:  # handed to the parsing thread, which raises it
            put(exc)

    reader = threading.Thread(target=read, name="tvf-lovdata-reader", daemon=True)
    reader.start()
    try:
        while (item := items.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            with room:
                queued[0] -= len(item[1])
                room.notify()
            result.add(*item)
    except (tarfile.TarError, EOFError, OSError, http.client.HTTPException, ValueError) as exc:
        raise TvfError(
            _("{source} kan ikke leses som et tar.bz2-arkiv fra Lovdata: {error}.").format(
                source=source, error=exc
            ),
            hint=_(
                "Last ned {archive} på nytt, eller bruk tvf laws import --url. "
                "Ingenting er skrevet."
            ).format(archive=ARCHIVE_NAME),
        ) from None
    finally:
        stop.set()
        reader.join()
    result.files, result.date = counts.files, counts.date
    return result


def read_folder(
    folder: Path, wanted: Collection[str] | None = None, *, max_bytes: int = MAX_MEMBER_BYTES
) -> ArchiveLaws:
    """Read the ``nl-*.xml`` (and ``sf-*.xml``) files of a folder (and its subfolders, such as
    ``nl/``). A file larger than ``max_bytes`` stops the import, as in an archive."""
    result = ArchiveLaws(folder.name)
    paths = sorted({p for pattern in _FILE_PATTERNS for p in folder.rglob(pattern)})
    for path in paths:
        if not path.is_file():
            continue
        result.files += 1
        if not _wanted(path.name, wanted):
            continue
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise _too_large(folder.name, str(path.relative_to(folder)), size, max_bytes)
            with path.open("rb") as file:
                data = file.read(max_bytes + 1)
            result.saw(path.stat().st_mtime)
        except OSError as exc:
            result.skipped.append(
                Skipped(path.name, _("kan ikke leses ({error})").format(error=exc.strerror))
            )
            continue
        result.add(path.name, data)
    return result


def read_url(
    url: str, wanted: Collection[str] | None = None, timeout: float = URL_TIMEOUT
) -> ArchiveLaws:
    """Fetch the archive from ``url`` and read it as it arrives (nothing is stored on disk)."""
    request = urllib.request.Request(url, headers={"User-Agent": "tvf (tverrfaglig)"})
    hint = _(
        "Har maskinen nettilgang? Uten nett: last ned {archive} fra {url} på en annen "
        "maskin og kjør tvf laws import STI-TIL-ARKIVET. Ingenting er skrevet."
    ).format(archive=ARCHIVE_NAME, url=ARCHIVE_URL)
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise TvfError(
            _("Lovdata svarte {code} ({reason}) for {url}.").format(
                code=exc.code, reason=exc.reason, url=url
            ),
            hint=hint,
        ) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise TvfError(
            _("Kunne ikke hente arkivet fra {url}: {reason}.").format(url=url, reason=reason),
            hint=hint,
        ) from None
    with response:
        name = PurePosixPath(urllib.request.url2pathname(url.partition("?")[0])).name
        return read_archive(response, name or ARCHIVE_NAME, wanted)


def read_source(source: Path | str, wanted: Collection[str] | None = None) -> ArchiveLaws:
    """An archive file, a folder of ``nl-*.xml`` files, or an ``http(s)://`` address."""
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        return read_url(source, wanted)
    path = Path(source)
    if path.is_dir():
        return read_folder(path, wanted)
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise TvfError(
            _("Kan ikke åpne {path}: {error}.").format(path=path, error=exc.strerror),
            hint=_(
                "Oppgi stien til {archive} eller en mappe med nl-*.xml, eller bruk --url."
            ).format(archive=ARCHIVE_NAME),
        ) from None
    with stream:
        return read_archive(stream, path.name, wanted)


# --- Importing into the handbook ----------------------------------------------------------------


@dataclass
class ImportResult:
    """What ``tvf laws import`` did (or would do, with ``dry_run``)."""

    path: Path
    archive: ArchiveLaws
    laws: list[Law]  # written, in file order
    imported: list[str]  # IDs updated from the archive
    added: list[str]  # of those, IDs new to the registry
    missing: list[str]  # wanted IDs the archive does not have (unreadable files aside)
    text: str
    written: bool
    seconds: float


def import_laws(
    root: Path,
    source: Path | str,
    *,
    everything: bool = False,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> ImportResult:
    """Update the handbook's ``laws.yaml`` from Lovdata's archive (a file, a folder of its
    ``nl-*.xml`` files, or an ``http(s)://`` address).

    Only the laws the handbook cites or lists in its ``laws.yaml`` are read (all with
    ``everything``). The file keeps every entry it had and the names of every law (from the
    handbook and from tvf's default registry); the facts come from Lovdata. It is written to a
    temporary file and moved into place, and only when it reads back without problems.
    """
    started = time.perf_counter()
    today = dt.date.today() if today is None else today
    config = load_config(root)
    registry, problems = load_registry(root)
    if problems:
        first = problems[0]
        where = f"{LAWS_FILE}:{first.line}" if first.line else LAWS_FILE
        raise TvfError(
            f"{where}: {first.message}",
            hint=_(
                "Rett {path} først (tvf check viser alle feilene), så ingen "
                "håndskrevne oppføringer går tapt. Ingenting er skrevet."
            ).format(path=LAWS_FILE),
        )
    listed = _listed_ids(root)
    wanted = None
    if not everything:  # with --all, the documents need not be read
        wanted = set(cited_law_ids(load_handbook(root, config), today)) | set(listed)
        if not wanted:
            raise TvfError(
                _(
                    "Håndboka viser ikke til noen lover, og laws.yaml har ingen "
                    "oppføringer: det er ingenting å hente."
                ),
                hint=_("Bruk --all for å hente alle lovene i arkivet."),
            )
    archive = read_source(source, wanted)
    if not archive.laws:
        message = (
            _("Fant ikke noen lover i {source}{skipped}: {files} lovfiler i arkivet.")
            if everything
            else _(
                "Fant ikke noen av lovene håndboka viser til i {source}{skipped}: {files} "
                "lovfiler i arkivet."
            )
        )
        skipped = (
            ngettext(
                " ({n} fil kunne ikke leses)", " ({n} filer kunne ikke leses)", len(archive.skipped)
            ).format(n=len(archive.skipped))
            if archive.skipped
            else ""
        )
        raise TvfError(
            message.format(source=archive.source, skipped=skipped, files=archive.files),
            hint=_("Er dette {archive} fra Lovdata? Ingenting er skrevet.").format(
                archive=ARCHIVE_NAME
            ),
        )

    merged: dict[str, Law] = {}
    for law_id in listed:
        law = registry.by_id(law_id)
        if law is not None:
            merged[law_id] = law
    order = {law_id: i for i, law_id in enumerate(registry.laws)}
    incoming = sorted(archive.laws, key=lambda i: (order.get(i, len(order)), i))
    added: list[str] = []
    for law_id in incoming:
        base = registry.by_id(law_id)
        fresh = archive.laws[law_id]
        if base is None:
            added.append(law_id)
            merged[law_id] = fresh
        else:
            merged[law_id] = replace(
                fresh, names=base.names, repealed=base.repealed, replaced_by=base.replaced_by
            )
    unreadable = {law_id_of(skipped.name) for skipped in archive.skipped}
    missing = [
        law_id
        for law_id in (wanted or ())
        if law_id not in archive.laws and law_id not in unreadable
    ]
    missing.sort(key=lambda i: (order.get(i, len(order)), i))

    text = registry_yaml(
        merged.values(), _header_text(config, archive, source, today, everything, len(merged))
    )
    _registry, findings = read_registry_text(text)
    if findings:  # a bug in tvf, not in the user's input
        raise RuntimeError(f"tvf wrote a {LAWS_FILE} it cannot read: {findings[0].message}")
    path = root / LAWS_FILE
    if not dry_run:
        write_atomic(path, text)
    return ImportResult(
        path=path,
        archive=archive,
        laws=list(merged.values()),
        imported=incoming,
        added=added,
        missing=missing,
        text=text,
        written=not dry_run,
        seconds=time.perf_counter() - started,
    )


def _listed_ids(root: Path) -> list[str]:
    """The IDs in the handbook's ``laws.yaml``, in file order: its laws
    (:func:`~tverrfaglig.laws.registry.listed_ids`) and its regulations (``FOR-…``), so that an
    import keeps them."""
    ids = listed_ids(root)
    try:
        text = (root / LAWS_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ids
    entries, _problems = parse_entries(text, LAWS_FILE)
    every: list[str] = []
    for entry, _node in entries:
        raw = entry.get("id")
        law_id = canonical_doc_id(raw) if isinstance(raw, str) else None
        if law_id is not None and law_id not in every:
            every.append(law_id)
    return every + [law_id for law_id in ids if law_id not in every]


def _header_text(
    config: Config,
    archive: ArchiveLaws,
    source: Path | str,
    today: dt.date,
    everything: bool,
    count: int,
) -> str:
    owner = config.municipality or config.title
    fetched = _(" (hentet fra {url})").format(url=source) if isinstance(source, str) else ""
    dated = _(", datert {date}").format(date=archive.date.isoformat()) if archive.date else ""
    scope = (
        _("alle lovene i arkivet (--all) og lovene som sto her fra før")
        if everything
        else _("lovene håndboka viser til eller hadde her fra før")
    )
    return "\n".join(
        [
            _("Lovregisteret for {owner}, skrevet av «tvf laws import» {date}.").format(
                owner=owner, date=today.isoformat()
            ),
            "",
            _("Kilde: Lovdata, {source}{dated}{fetched}.").format(
                source=archive.source, dated=dated, fetched=fetched
            ),
            _("Lisens: {licence}.").format(licence=_(LICENCE)),
            ngettext("{count} lov: {scope}.", "{count} lover: {scope}.", count).format(
                count=count, scope=scope
            ),
            "",
            # One paragraph of a comment, kept as its lines (a msgid with newlines).
            *_(
                "Navn og forkortelser (names) er beholdt fra registeret; de andre feltene kommer "
                "fra\n"
                "Lovdata og skrives over ved neste import. Kapitler står som «navn | tittel | "
                "anker»,\n"
                "paragrafer som «navn | tittel | kapittel | endringer» (se docs/laws.md)."
            ).splitlines(),
        ]
    )
