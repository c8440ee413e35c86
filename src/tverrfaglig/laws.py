"""The law registry and the law-citation parser (handbook-format.md, section 4).

The registry is YAML: the package ships a default one (``data/laws.yaml``) and a handbook's own
``laws.yaml`` adds to it or overrides entries by ``id`` (:func:`load_registry`). A citation is
``<law> § <section>``, ``<law> §§ <section>, <section> og <section>``, ``<law> kapittel <n>``
(also ``kap. <n>``) or ``<law>`` alone (``legal_basis`` only), where ``<law>`` is a name or
abbreviation from the registry, a Lovdata ID or a Lovdata URL.

:func:`parse_legal_basis` reads one ``legal_basis`` entry; :func:`find_citations` finds the
citations in a Markdown body. Neither judges a citation: the checks turn a
:class:`Citation` into findings (TVF201–TVF204).

Where the contract is silent, this module reads citations the way a careful user would expect:

- a genitive law name counts (``barnehagelovens § 2 b``);
- ``§ 15–8`` (en dash) is read as ``§ 15-8`` and noted as non-standard, like ``§ 15.8``;
- a letter followed by a dot and a lower-case letter is an abbreviation, not a section letter
  (``§ 4 m.fl.`` is § 4), and ``§§ 3-1 til 3-4`` cites both ends of the range;
- a Markdown link to Lovdata, ``[opplæringslova § 15-8](https://lovdata.no/lov/1998-07-17-61)``,
  is one citation: the link picks the law, and the sections come from the link, or from the
  link text when the link has none;
- a Lovdata link whose fragment names a section (``…/KAPITTEL_3#§3-4``) cites that section;
- a name may be written with a line break inside it, and ``pasient-og`` equals ``pasient- og``;
- :meth:`LawRegistry.resolve` also knows each law's full title;
- when two laws share a name and more than one is in force, the first in registry order wins;
  a law named as ``replaced_by`` of another is in force only from the other's repeal date.

A law may also carry what ``tvf laws import`` reads from Lovdata's open data (see
:mod:`tverrfaglig.lovdata` and ``docs/laws.md``): its sections with titles, repeal marks and
amendments (:class:`Section`, :class:`Amendment`), its chapters with Lovdata's positional
``KAPITTEL_N`` anchors (:class:`Chapter`), its in-force date and last change. In ``laws.yaml``
a section is one row, ``"2b | Samarbeid og samordning | kap. 1 | tilføyd ved
LOV-2021-06-11-78 fra 2022-08-01"`` (:func:`registry_yaml` writes them); a law whose
``in_force`` date has not come does not take a name it shares with a law in force.
"""

from __future__ import annotations

import bisect
import functools
import importlib.resources
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from .findings import Finding, error
from .i18n import N_, _

LAWS_FILE = "laws.yaml"
LOVDATA_LAW = "https://lovdata.no/lov/"
# Lovdata's open data: the laws in force, read by ``tvf laws import`` (tverrfaglig.lovdata).
LOVDATA_ARCHIVE = "gjeldende-lover.tar.bz2"
LOVDATA_ARCHIVE_URL = "https://api.lovdata.no/v1/publicData/get/gjeldende-lover.tar.bz2"

# --- Regular-expression building blocks --------------------------------------------------------

_ID_BODY = r"\d{4}-\d{2}-\d{2}(?:-\d+)?"
_ID_PARTS_RE = re.compile(r"(?i:lov-)?(\d{4})-(\d{2})-(\d{2})(?:-(\d+))?")
# A section letter ends the section: not followed by a letter or digit, nor by a dot and a
# lower-case letter ("§ 4 m.fl." is § 4; "§ 2 b.Samarbeid" is § 2 b).
_LETTER_END = r"(?!\w)(?!\.(?-i:[a-zæøå]))"
# A lone "i" after a space is the preposition ("§ 3-4 i loven").
_SPACED_LETTER = r"[ \u00a0](?![iI](?!\w))"
_SEC = (
    r"\d+(?:[A-Za-z]?[-–]\d+|\.\d+)?"
    rf"(?:(?<=\d)[A-Za-z]{_LETTER_END}|{_SPACED_LETTER}[A-Za-z]{_LETTER_END})?"
    r"(?!\w)"
)
_SEC_SEP = r"(?:\s*,\s*(?:og\s+|eller\s+)?|\s+(?:og|eller|til)\s+)"
_CHAP = (
    rf"(?:\d+(?:(?<=\d)[A-Za-z]{_LETTER_END}|{_SPACED_LETTER}[A-Za-z]{_LETTER_END})?(?!\w)"
    r"|(?-i:[IVXLC]+)(?!\w))"
)
_SEC_PARTS_RE = re.compile(
    r"(?P<n>\d+)(?:(?P<cl>[A-Za-z])?(?P<dash>[-–])(?P<m>\d+)|\.(?P<dm>\d+))?"
    rf"(?:(?<=\d)(?P<l1>[A-Za-z]){_LETTER_END}|{_SPACED_LETTER}(?P<l2>[A-Za-z]){_LETTER_END})?"
    r"(?!\w)"
)
# The keyword and what follows it, at the start of the text after a law.
_TAIL = (
    rf"(?:\s*§§\s*(?P<secs>{_SEC}(?:{_SEC_SEP}{_SEC})*)"
    rf"|\s*§\s*(?P<sec1>{_SEC})"
    rf"|\s*(?<!\w)(?:kapittel|kap\.?)\s*(?P<chap>{_CHAP}))"
)
_TAIL_RE = re.compile(_TAIL, re.IGNORECASE)
_KEYWORD_RE = re.compile(
    r"§|(?<!\w)kap(?:ittel|\.|(?=\s*(?:\d|(?-i:[IVXLC])(?!\w))))", re.IGNORECASE
)
# A Lovdata law link: lovdata.no/lov/<id>… or lovdata.no/dokument/NL/lov/<id>….
_URL = (
    r"(?<![\w./@-])(?:https?://)?(?:www\.)?lovdata\.no/(?:dokument/NL/)?lov/"
    rf"{_ID_BODY}(?![\d])[^\s<>()\[\]{{}}\"'`|«»“”‘’]*(?<![.,;:!?*_])"
)
_URL_RE = re.compile(_URL, re.IGNORECASE)
_URL_PARTS_RE = re.compile(
    r"(?:https?://)?(?:www\.)?lovdata\.no/(?P<form>dokument/NL/)?lov/"
    rf"(?P<id>{_ID_BODY})(?P<rest>(?:[/?#].*)?)",
    re.IGNORECASE | re.DOTALL,
)
_URL_LIKE_RE = re.compile(r"(?:https?://|www\.|lovdata\.no/)", re.IGNORECASE)
_MD_LINK = (
    r"\[(?P<mdtext>[^\[\]\n]{1,300})\]\(\s*<?(?P<mdurl>" + _URL + r")>?"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
)
_KAPITTEL_RE = re.compile(r"KAPITTEL_\d+", re.IGNORECASE)
_ANCHOR_RE = re.compile(r"KAPITTEL_\d+(?:-\d+)*", re.IGNORECASE)
_NORMALISE_SECTION_RE = re.compile(
    r"§*\s*(\d+)(?:\s*([A-Za-z])?\s*[-–.]\s*(\d+))?\s?([A-Za-z])?"
)
_NORMALISE_CHAPTER_RE = re.compile(
    r"(?:kap(?:ittel|\.)?\s*)?(?:(\d+)\s?([A-Za-z])?|([IVXLC]+))", re.IGNORECASE
)
_KAP_TRIGGER_RE = re.compile(r"kap(?:ittel|\.|\s*(?:\d|(?-i:[IVXLC])))", re.IGNORECASE)
_TRIGGERS = ("§", "kap", "Kap", "KAP", "ovdata", "OVDATA")


# --- Sections, chapters and IDs ----------------------------------------------------------------


def normalise_section(text: str) -> str | None:
    """The section name as Lovdata writes it in links: ``"2 b"`` → ``"2b"``, ``"7-2 a"`` →
    ``"7-2a"``, ``"4a-1"`` → ``"4A-1"``; ``None`` when ``text`` is not a section.

    A leading ``§`` and spaces are allowed; ``15.8`` and ``15–8`` are read as ``15-8``.
    """
    match = _NORMALISE_SECTION_RE.fullmatch(text.strip())
    if match is None:
        return None
    number, chapter_letter, sub, letter = match.groups()
    name = number
    if sub is not None:
        name += (chapter_letter or "").upper() + "-" + sub
    elif chapter_letter is not None:
        return None
    return name + (letter or "").lower()


def normalise_chapter(text: str) -> str | None:
    """The chapter name as Lovdata writes it: ``"5"`` → ``"5"``, ``"4a"`` → ``"4A"``,
    ``"v"`` → ``"V"``; ``None`` when ``text`` is not a chapter."""
    match = _NORMALISE_CHAPTER_RE.fullmatch(text.strip())
    if match is None:
        return None
    number, letter, roman = match.groups()
    if roman is not None:
        return roman.upper()
    return number + (letter or "").upper()


def _canonical_id(text: str, *, prefix: bool = True) -> str | None:
    """``LOV-yyyy-mm-dd[-n]`` with an upper-case prefix, or None when ``text`` is not an ID.

    The number loses leading zeros, and a zero number is none (Lovdata's ``nl-19670210-000``).
    With ``prefix=False`` the ``LOV-`` may be left out (as in Lovdata URLs).
    """
    text = text.strip()
    match = _ID_PARTS_RE.fullmatch(text)
    if match is None or (prefix and not text.upper().startswith("LOV-")):
        return None
    year, month, day, number = match.groups()
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return None
    suffix = f"-{int(number)}" if number and int(number) else ""
    return f"LOV-{year}-{month}-{day}{suffix}"


def _name_key(name: str) -> str:
    """How names are compared: lower case, single spaces, no trailing dot."""
    key = " ".join(name.split()).lower()
    return key[:-1].rstrip() if key.endswith(".") else key


# --- Laws ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Amendment:
    """An amendment noted under a section (Lovdata's ``changesToParent``): the amending law, the
    date it took effect (in force from, when the note says so; else the date of the amending
    law) and what it did (``endret``, ``tilføyd`` or ``opphevet``)."""

    law: str
    date: date | None = None
    kind: str = "endret"

    def describe(self) -> str:
        """``endret ved lov 11. juni 2021 nr. 78 (LOV-2021-06-11-78) fra 2022-08-01``, in the
        language in use (the law stays as Norwegian law is cited)."""
        undated, dated = _AMENDMENT_TEXTS.get(self.kind, _AMENDMENT_OTHER)
        law = law_label(self.law)
        if self.date is None:
            return _(undated).format(kind=self.kind, law=law)
        return _(dated).format(kind=self.kind, law=law, date=self.date.isoformat())

    def by_text(self) -> str:
        """What :meth:`describe` says after the kind: ``ved lov 11. juni 2021 nr. 78
        (LOV-2021-06-11-78) fra 2022-08-01``, in the language in use."""
        law = law_label(self.law)
        if self.date is None:
            return _("ved {law}").format(law=law)
        return _("ved {law} fra {date}").format(law=law, date=self.date.isoformat())


# What an amendment did, as a whole phrase per kind (the kinds are Lovdata's words and stay
# Norwegian in laws.yaml; these are only how they are told).
_AMENDMENT_TEXTS = {
    "endret": (N_("endret ved {law}"), N_("endret ved {law} fra {date}")),
    "tilføyd": (N_("tilføyd ved {law}"), N_("tilføyd ved {law} fra {date}")),
    "opphevet": (N_("opphevet ved {law}"), N_("opphevet ved {law} fra {date}")),
}
_AMENDMENT_OTHER = (N_("{kind} ved {law}"), N_("{kind} ved {law} fra {date}"))

# The month names of a Norwegian law's citation ("lov 11. juni 2021 nr. 78"): part of how the
# law is cited, so Norwegian in every language (not i18n.month_name).
_MONTH_NAMES = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
                "september", "oktober", "november", "desember")


def law_label(law_id: str) -> str:
    """A law ID as people read it: ``LOV-2021-06-11-78`` → ``lov 11. juni 2021 nr. 78
    (LOV-2021-06-11-78)``; anything else is returned as it is."""
    match = _ID_PARTS_RE.fullmatch(law_id)
    if match is None:
        return law_id
    year, month, day, number = match.groups()
    if not 1 <= int(month) <= 12:
        return law_id
    text = f"lov {int(day)}. {_MONTH_NAMES[int(month) - 1]} {year}"
    return f"{text} nr. {int(number)} ({law_id})" if number else f"{text} ({law_id})"


@dataclass(frozen=True, slots=True)
class Section:
    """A section (paragraf) of a law as Lovdata has it. ``name`` is normalised (``"2b"``,
    ``"7-2a"``); ``repealed`` when its title is "(Opphevet)"/"(Oppheva)"; ``chapter`` is the
    name of the chapter it stands in; ``amendments`` in the order they are noted."""

    name: str
    title: str = ""
    repealed: bool = False
    chapter: str | None = None
    amendments: tuple[Amendment, ...] = ()

    @property
    def last_amendment(self) -> Amendment | None:
        dated = [a for a in self.amendments if a.date is not None]
        return max(dated, key=lambda a: a.date or date.min) if dated else None

    def amended_after(self, day: date) -> tuple[Amendment, ...]:
        """The amendments that took effect after ``day``, oldest first."""
        later = [a for a in self.amendments if a.date is not None and a.date > day]
        return tuple(sorted(later, key=lambda a: a.date or date.min))


@dataclass(frozen=True, slots=True)
class Chapter:
    """A chapter of a law: its name (``"5"``, ``"4A"``, ``"V"``), title and Lovdata's positional
    anchor (``KAPITTEL_5``), read from the data, never computed from the name."""

    name: str
    title: str = ""
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Law:
    """One law of the registry. ``sections``/``chapters`` are None when not known.

    The details (``section_info``, ``chapter_info``, ``in_force``, ``last_change``, …) come from
    Lovdata's open data through ``tvf laws import``; ``sections``/``chapters`` are then the names
    of the sections and chapters in them (repealed sections included).
    """

    id: str
    title: str
    names: tuple[str, ...]
    repealed: date | None = None
    replaced_by: str | None = None
    sections: frozenset[str] | None = None
    chapters: frozenset[str] | None = None
    short_title: str | None = None
    abbreviation: str | None = None
    in_force: date | None = None
    last_change: date | None = None
    last_changed_by: str | None = None
    section_info: tuple[Section, ...] = ()
    chapter_info: tuple[Chapter, ...] = ()
    _section_map: dict[str, Section] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        by_name: dict[str, Section] = {}
        for section in self.section_info:
            by_name.setdefault(section.name, section)
        object.__setattr__(self, "_section_map", by_name)
        if self.section_info:
            object.__setattr__(self, "sections", frozenset(by_name))
        if self.chapter_info:
            object.__setattr__(self, "chapters", frozenset(c.name for c in self.chapter_info))

    @property
    def short_name(self) -> str:
        return self.names[0] if self.names else self.id

    def is_repealed(self, today: date) -> bool:
        return self.repealed is not None and self.repealed <= today

    def section(self, name: str) -> Section | None:
        """The details of a section (``"2 b"`` or ``"2b"``), or None when not known."""
        found = self._section_map.get(name)
        return found if found is not None else self._section_map.get(
            normalise_section(name) or name)

    def chapter_by_anchor(self, anchor: str) -> Chapter | None:
        """The chapter whose Lovdata anchor is ``anchor`` (``KAPITTEL_5``), when known."""
        wanted = anchor.upper()
        return next((c for c in self.chapter_info if c.anchor and c.anchor.upper() == wanted),
                    None)

    def url(self, section: str | None = None, chapter: str | None = None) -> str:
        """Lovdata's short link: ``https://lovdata.no/lov/1998-07-17-61/§15-8``, ``…/kap4A``.

        Chapters are linked by name (``kap5``), never as ``KAPITTEL_N``, which counts chapters
        by position.
        """
        base = LOVDATA_LAW + self.id.removeprefix("LOV-")
        if section:
            return f"{base}/§{normalise_section(section) or ''.join(section.split())}"
        if chapter:
            return f"{base}/kap{normalise_chapter(chapter) or ''.join(chapter.split())}"
        return base


class LawRegistry:
    """The laws by ID, in registry order. Treat it as immutable: lookups are cached."""

    def __init__(self, laws: Iterable[Law]) -> None:
        self.laws: dict[str, Law] = {law.id: law for law in laws}
        self._by_name: dict[str, tuple[Law, ...]] = {}
        self._by_title: dict[str, tuple[Law, ...]] = {}
        for law in self.laws.values():
            for name in law.names:
                key = _name_key(name)
                if key and law not in self._by_name.get(key, ()):
                    self._by_name[key] = (*self._by_name.get(key, ()), law)
            title_key = _name_key(law.title)
            self._by_title[title_key] = (*self._by_title.get(title_key, ()), law)
        # A law that replaces another is in force from the other's repeal date.
        self._starts: dict[str, date] = {}
        for law in self.laws.values():
            if law.replaced_by and law.repealed:
                successor = _canonical_id(law.replaced_by) or law.replaced_by
                start = self._starts.get(successor, law.repealed)
                self._starts[successor] = min(start, law.repealed)
        self._body_re: re.Pattern[str] | None = None
        self._prefix_re: re.Pattern[str] | None = None
        self._scan_info: _ScanInfo | None = None

    @classmethod
    def default(cls) -> LawRegistry:
        """The registry packaged with tvf (``data/laws.yaml``), parsed once."""
        return _default_registry()

    def __iter__(self) -> Iterator[Law]:
        return iter(self.laws.values())

    def __len__(self) -> int:
        return len(self.laws)

    def __repr__(self) -> str:
        return f"LawRegistry({len(self.laws)} laws)"

    def by_id(self, law_id: str) -> Law | None:
        """The law with this Lovdata ID (``lov-`` in any case), or None."""
        canonical = _canonical_id(law_id)
        return self.laws.get(canonical if canonical is not None else law_id.strip())

    def resolve(self, token: str, today: date) -> Law | None:
        """The law a name, abbreviation (with or without a trailing dot), full title, Lovdata ID
        or Lovdata URL means on ``today``; None when the registry does not know it.

        When several laws share a name, the name means the one in force on ``today``; when none
        is, the one repealed last.
        """
        text = " ".join(token.split())
        if not text:
            return None
        if _URL_LIKE_RE.match(text):
            parts = _parse_lovdata_url(text)
            return self.by_id(parts.law_id) if parts is not None else None
        if _ID_PARTS_RE.fullmatch(text):
            law_id = _canonical_id(text, prefix=False)
            return self.laws.get(law_id) if law_id is not None else None
        key = _name_key(text)
        laws = self._by_name.get(key) or self._by_title.get(key)
        if not laws and key.endswith(("lovens", "lovas")):  # genitive: barnehagelovens
            laws = self._by_name.get(key[:-1])
        return self._pick(laws, today) if laws else None

    def _in_force(self, law: Law, today: date) -> bool:
        start = self._starts.get(law.id)
        if law.in_force is not None and law.in_force > today:
            return False
        return not law.is_repealed(today) and (start is None or start <= today)

    def _pick(self, laws: tuple[Law, ...], today: date) -> Law:
        for law in laws:
            if self._in_force(law, today):
                return law
        repealed = [law for law in laws if law.is_repealed(today)]
        if repealed:
            return max(repealed, key=lambda law: law.repealed or date.min)
        return laws[0]

    def _names_pattern(self) -> str:
        keys = {_name_key(name) for law in self.laws.values() for name in law.names}
        patterns = [_name_pattern(key) for key in sorted(keys, key=lambda k: (-len(k), k)) if key]
        return "|".join(patterns) if patterns else r"(?!)"

    @property
    def body_pattern(self) -> re.Pattern[str]:
        """The one regular expression that finds citations in a body (compiled once)."""
        if self._body_re is None:
            law = (
                rf"(?<![\w-])(?:(?P<name>{self._names_pattern()})|(?P<lid>lov-{_ID_BODY})"
                r"|(?P<unknown>[^\W\d_]{3,}(?:loven|lova)))"
                r"(?:(?<=loven)s|(?<=lova)s)?(?!\w)\.?"
            )
            self._body_re = re.compile(
                rf"{_MD_LINK}|(?P<url>{_URL})|{law}{_TAIL}", re.IGNORECASE
            )
        return self._body_re

    @property
    def scan_info(self) -> _ScanInfo:
        """What the fast body scan needs to know about the names (computed once)."""
        if self._scan_info is None:
            self._scan_info = _scan_info(self)
        return self._scan_info

    @property
    def prefix_pattern(self) -> re.Pattern[str]:
        """A known name or a Lovdata ID at the start of a text."""
        if self._prefix_re is None:
            self._prefix_re = re.compile(
                rf"(?:{self._names_pattern()}|lov-{_ID_BODY})(?!\w)\.?", re.IGNORECASE
            )
        return self._prefix_re


def _name_pattern(key: str) -> str:
    """A name as a pattern: any whitespace between words, ``pasient-og`` for ``pasient- og``."""
    words = key.split()
    parts: list[str] = []
    for i, word in enumerate(words):
        parts.append(re.escape(word))
        if i < len(words) - 1:
            parts.append(r"\s*" if word.endswith("-") else r"\s+")
    return "".join(parts)


# --- Citations -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Citation:
    """One law citation, from ``legal_basis`` or a body. ``law`` is None for an unknown law."""

    text: str
    line: int | None
    law_text: str
    law: Law | None
    sections: tuple[str, ...] = ()
    chapter: str | None = None
    nonstandard: tuple[str, ...] = ()
    url: str | None = None

    @property
    def link(self) -> str | None:
        """A Lovdata link for the citation: the law's short link to the first section or the
        chapter; a ``KAPITTEL_N`` link as written (its N is a position, not a chapter)."""
        if self.law is None:
            return self.url
        if (
            self.url is not None
            and not self.sections
            and self.chapter is None
            and _KAPITTEL_RE.search(unquote(self.url))
        ):
            return self.url
        if self.sections:
            return self.law.url(section=self.sections[0])
        if self.chapter is not None:
            return self.law.url(chapter=self.chapter)
        return self.law.url()


@dataclass(frozen=True, slots=True)
class _UrlParts:
    law_id: str
    section: str | None
    chapter: str | None
    anchor: str | None = None  # KAPITTEL_N as written: a position, resolved only from data


def _parse_lovdata_url(url: str) -> _UrlParts | None:
    """The law, section and chapter of a Lovdata law link; None for any other link.

    ``KAPITTEL_N`` (path or fragment) gives no chapter: N counts chapters by position. It is
    kept as ``anchor``, for a registry that knows each chapter's anchor from Lovdata's data.
    """
    text = unquote(url.strip())
    if "\ufffd" in text:  # "%A7" written in Latin-1
        text = unquote(url.strip(), encoding="latin-1")
    match = _URL_PARTS_RE.match(text)
    if match is None:
        return None
    law_id = _canonical_id(match["id"], prefix=False)
    if law_id is None:
        return None
    rest = match["rest"]
    rest, _hash, fragment = rest.partition("#")
    rest = rest.partition("?")[0]
    segment = rest.strip("/").partition("/")[0]
    section = chapter = None
    if segment.startswith("§"):
        section = normalise_section(segment[1:])
    elif match["form"] is None and segment[:3].lower() == "kap" and not _KAPITTEL_RE.match(segment):
        chapter = normalise_chapter(segment[3:])
    if section is None and chapter is None and fragment.startswith("§"):
        section = normalise_section(fragment[1:].partition("/")[0])
    anchor = None
    if section is None and chapter is None:
        found = _ANCHOR_RE.fullmatch(segment) or _ANCHOR_RE.fullmatch(fragment)
        anchor = found[0].upper() if found else None
    return _UrlParts(law_id, section, chapter, anchor)


def _read_sections(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The normalised sections in a section list, and notes on non-standard forms."""
    sections: list[str] = []
    notes: list[str] = []
    for match in _SEC_PARTS_RE.finditer(text):
        name = match["n"]
        if match["m"] is not None:
            name += (match["cl"] or "").upper() + "-" + match["m"]
        elif match["dm"] is not None:
            name += "-" + match["dm"]
        name += (match["l1"] or match["l2"] or "").lower()
        if match["dm"] is not None or match["dash"] == "–":
            written = " ".join(match[0].split())
            notes.append(_("«§ {written}» leses som «§ {name}»").format(written=written,
                                                                      name=name))
        if name not in sections:
            sections.append(name)
    return tuple(sections), tuple(notes)


def _tail_parts(
    match: re.Match[str],
) -> tuple[tuple[str, ...], str | None, tuple[str, ...]]:
    """Sections, chapter and notes from a match that has the groups of ``_TAIL``."""
    sections_text = match["secs"] or match["sec1"]
    if sections_text is not None:
        sections, notes = _read_sections(sections_text)
        return sections, None, notes
    chapter_text = match["chap"]
    return (), normalise_chapter(chapter_text) if chapter_text else None, ()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _link_citation(
    url: str, text: str, line: int | None, registry: LawRegistry
) -> Citation | None:
    parts = _parse_lovdata_url(url)
    if parts is None:
        return None
    law = registry.by_id(parts.law_id)
    chapter = parts.chapter
    if chapter is None and parts.anchor is not None and law is not None:
        known = law.chapter_by_anchor(parts.anchor)
        chapter = known.name if known is not None else None
    return Citation(
        text=_one_line(text),
        line=line,
        law_text=url,
        law=law,
        sections=(parts.section,) if parts.section else (),
        chapter=chapter,
        url=url,
    )


def _describe(value: object) -> str:
    if isinstance(value, str):
        return f"«{value}»" if value.strip() else _("tom tekst")
    if value is None:
        return _("en tom verdi")
    if isinstance(value, bool):
        return _("en sannhetsverdi")
    if isinstance(value, int | float):
        return _("et tall")
    if isinstance(value, date):
        return _("en dato")
    if isinstance(value, list | tuple):
        return _("en liste")
    if isinstance(value, dict):
        return _("en tabell (nøkkel: verdi)")
    return _("en verdi av typen {type}").format(type=type(value).__name__)


_PARENTHESES_RE = re.compile(r"\(([^()]+)\)")


def _resolve_law_text(registry: LawRegistry, text: str, today: date) -> tuple[str, Law | None]:
    """The law a ``legal_basis`` entry names, and the part of ``text`` that names it.

    The whole text first (a name, ID or title); then a known name or ID at its start
    (``barnehageloven (om samarbeid)``); then a name in parentheses, as in Lovdata's titles
    (``Lov om barnehager (barnehageloven) - Lovdata``).
    """
    law = registry.resolve(text, today)
    if law is not None:
        return text, law
    prefix = registry.prefix_pattern.match(text)
    if prefix is not None:
        law = registry.resolve(prefix[0], today)
        if law is not None:
            return prefix[0], law
    for inner in _PARENTHESES_RE.findall(text):
        law = registry.resolve(inner, today)
        if law is not None:
            return text, law
    return text, None


def parse_legal_basis(
    entry: object, line: int | None, registry: LawRegistry, today: date
) -> Citation | str:
    """One entry of ``legal_basis``: a :class:`Citation`, or a message (for TVF003, in the
    language in use) when the entry is not text or cannot be read as a citation at all.

    Text after the section is allowed (``barnehageloven § 2 b Samarbeid og samordning``). An
    unknown law gives ``Citation(law=None)``.
    """
    example = _("for eksempel «barnehageloven § 2 b» eller «opplæringslova §§ 24-1 og 24-2»")
    if not isinstance(entry, str):
        return _("Hver hjemmel i «legal_basis» må være tekst ({example}), ikke {what}.").format(
            example=example, what=_describe(entry))
    text = _one_line(entry)
    if not text:
        return _("En hjemmel i «legal_basis» er tom; skriv loven og paragrafen, {example}."
                 ).format(example=example)
    if _URL_LIKE_RE.match(text):
        url_match = _URL_RE.match(text)
        cite = _link_citation(url_match[0], text, line, registry) if url_match else None
        if cite is None:
            return _(
                "«{text}» er ikke en lenke til en lov på Lovdata "
                "(https://lovdata.no/lov/… eller https://lovdata.no/dokument/NL/lov/…)."
            ).format(text=text)
        return cite
    keyword = _KEYWORD_RE.search(text)
    if keyword is None:
        law_text, law = _resolve_law_text(registry, text, today)
        return Citation(text=text, line=line, law_text=law_text, law=law)
    law_text = text[: keyword.start()].rstrip(" ,;:-–")
    if not law_text:
        return _("«{text}» mangler loven foran «{keyword}»; skriv {example}.").format(
            text=text, keyword=keyword[0], example=example)
    tail = _TAIL_RE.match(text, keyword.start())
    if tail is None:
        if keyword[0] == "§":
            return _("Forstår ikke paragrafen i «{text}»; skriv {example}.").format(
                text=text, example=example)
        return _(
            "Forstår ikke kapittelet i «{text}»; skriv for eksempel "
            "«helsepersonelloven kapittel 5»."
        ).format(text=text)
    sections, chapter, notes = _tail_parts(tail)
    law_text, law = _resolve_law_text(registry, law_text, today)
    return Citation(
        text=text,
        line=line,
        law_text=law_text,
        law=law,
        sections=sections,
        chapter=chapter,
        nonstandard=notes,
    )


# The body pattern is slow to run over whole bodies (many names, case-insensitive), so it runs
# only near the places a citation must contain: "§", "kapittel"/"kap.", and "lovdata". A name
# citation starts at most ``_ScanInfo.back`` characters before its "§" or "kap", and only when
# the word right before the keyword can end a law's name; a Lovdata link starts at most
# _URL_BACK characters before "lovdata", a Markdown link to one at its "[" on the same line.
_URL_BACK = 12  # "https://www."
_MD_TEXT_MAX = 300  # as in _MD_LINK
_LINK_AHEAD = 400
_NAME_AHEAD = 40
_LAST_WORD_RE = re.compile(r"(\w+)\.?\s*\Z")
_LAW_WORD_ENDINGS = ("loven", "lova", "lovens", "lovas")


@dataclass(frozen=True, slots=True)
class _ScanInfo:
    back: int  # how far before its keyword any name citation may start
    # The last word of each name (and its genitive) → how far before the keyword a name that
    # ends in it may start; None: every keyword is searched ``back`` characters back.
    final_words: dict[str, int] | None


def _scan_info(registry: LawRegistry) -> _ScanInfo:
    keys = [_name_key(name) for law in registry for name in law.names]
    back = max(2 * max((len(key) for key in keys), default=0) + 20, 60)
    words: dict[str, int] = {}
    for key in keys:
        last = key.split()[-1] if key else ""
        if not last or not (last[-1].isalnum() or last[-1] == "_"):
            return _ScanInfo(back, None)
        last = re.split(r"[^\w]", last)[-1]
        reach = 2 * len(key) + 12
        for word in (last, last + "s") if last.endswith(("loven", "lova")) else (last,):
            words[word] = max(words.get(word, 0), reach)
    return _ScanInfo(back, words)


def _search_back(body: str, keyword: int, info: _ScanInfo) -> int | None:
    """How far before the keyword at ``keyword`` to search for a citation; None when the word
    before it cannot end a law name, a Lovdata ID or an unknown ``…loven`` (a cheap test
    that skips "jf. § 3" and "og kapittel 2")."""
    if info.final_words is None:
        return info.back
    match = _LAST_WORD_RE.search(body, max(0, keyword - 60), keyword)
    if match is None:
        return None
    word = match[1].lower()
    reach = info.final_words.get(word)
    if reach is not None:
        return reach
    if word.isdigit():  # LOV-yyyy-mm-dd-n
        return 40
    if word.endswith(_LAW_WORD_ENDINGS) and len(word) >= 7:
        return len(word) + 12
    return None


def _positions(body: str, needles: Iterable[str]) -> list[int]:
    found: list[int] = []
    for needle in needles:
        i = body.find(needle)
        while i != -1:
            found.append(i)
            i = body.find(needle, i + 1)
    return sorted(found)


def _search_at(
    pattern: re.Pattern[str], body: str, start: int, last: int, ahead: int
) -> re.Match[str] | None:
    """The first match that starts in ``[start, last]``.

    Searches only up to ``last + ahead``, then matches again without that limit at the start
    found, so that a long citation is read whole.
    """
    while start <= last:
        probe = pattern.search(body, start, last + ahead)
        if probe is None or probe.start() > last:
            return None
        whole = pattern.match(body, probe.start())
        if whole is not None:
            return whole
        start = probe.start() + 1
    return None


def _is_link(match: re.Match[str]) -> bool:
    return match["url"] is not None or match["mdurl"] is not None


def _citation_matches(body: str, registry: LawRegistry) -> list[re.Match[str]]:
    """The matches of ``registry.body_pattern`` in ``body``, in order, as ``finditer`` finds
    them, but searching only near the places a citation must contain."""
    pattern = registry.body_pattern
    info = registry.scan_info
    # Links first: a Markdown link to Lovdata holds the citation in its text.
    links: list[re.Match[str]] = []
    if "ovdata" in body or "OVDATA" in body:
        pos = 0
        for p in _positions(body, ("lovdata", "Lovdata", "LOVDATA")):
            line_start = body.rfind("\n", 0, p) + 1
            bracket = body.rfind("[", max(line_start, p - _MD_TEXT_MAX - 20), p)
            start = max(pos, p - _URL_BACK if bracket == -1 else min(bracket, p - _URL_BACK))
            while p >= pos:
                match = _search_at(pattern, body, start, p, _LINK_AHEAD)
                if match is None:
                    break
                if _is_link(match):
                    links.append(match)
                    pos = match.end()
                    break
                start = match.end()
    link_starts = [m.start() for m in links]

    def in_link(i: int) -> bool:
        k = bisect.bisect_right(link_starts, i) - 1
        return k >= 0 and i < links[k].end()

    keywords = _positions(body, ("§",))
    if "kap" in body or "Kap" in body or "KAP" in body:
        keywords = sorted(
            keywords
            + [
                i
                for i in _positions(body, ("kap", "Kap", "KAP"))
                if (i == 0 or not (body[i - 1].isalnum() or body[i - 1] == "_"))
                and _KAP_TRIGGER_RE.match(body, i)
            ]
        )
    names: list[re.Match[str]] = []
    pos = 0
    for p in keywords:
        if p < pos or in_link(p):
            continue
        back = _search_back(body, p, info)
        if back is None:
            continue
        start = max(pos, p - back)
        while p >= pos:
            match = _search_at(pattern, body, start, p, _NAME_AHEAD)
            if match is None:
                break
            start = match.end()
            if not _is_link(match) and not in_link(match.start()):
                names.append(match)
                pos = match.end()
    return sorted(links + names, key=lambda m: m.start())


def find_citations(
    body: str, first_line: int, registry: LawRegistry, today: date
) -> list[Citation]:
    """The law citations in a Markdown body; ``first_line`` is the file line of body line 1.

    A known name, abbreviation or Lovdata ID followed by ``§``, ``§§``, ``kapittel`` or
    ``kap.``; a word ending in ``-loven``/``-lova`` followed by the same (an unknown law); and
    Lovdata law links. A law name alone is not a citation.
    """
    if not any(trigger in body for trigger in _TRIGGERS):
        return []
    found: list[Citation] = []
    resolved: dict[str, Law | None] = {}
    line = first_line
    counted = 0
    for match in _citation_matches(body, registry):
        start = match.start()
        line += body.count("\n", counted, start)
        counted = start
        url = match["mdurl"] or match["url"]
        if url is not None:
            cite = _link_citation(url, match[0], line, registry)
            if cite is None:
                continue
            if match["mdurl"] is not None and not cite.sections and cite.chapter is None:
                inner = find_citations(match["mdtext"], line, registry, today)
                for other in inner:
                    if other.sections or other.chapter is not None:
                        cite = replace(
                            cite,
                            sections=other.sections,
                            chapter=other.chapter,
                            nonstandard=other.nonstandard,
                        )
                        break
            found.append(cite)
            continue
        law_text = match["name"] or match["lid"] or match["unknown"]
        key = law_text.lower()
        if key not in resolved:
            resolved[key] = registry.resolve(law_text, today)
        sections, chapter, notes = _tail_parts(match)
        found.append(
            Citation(
                text=_one_line(match[0]),
                line=line,
                law_text=_one_line(law_text),
                law=resolved[key],
                sections=sections,
                chapter=chapter,
                nonstandard=notes,
            )
        )
    return found


# --- Loading the registry ------------------------------------------------------------------


try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # PyYAML without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """Safe YAML whose impossible dates (``2024-02-30``) stay strings instead of failing."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


_Entries = list[tuple[dict[Any, Any], yaml.Node]]


def _parse_yaml(text: str, path: str) -> tuple[_Entries, list[Finding]]:
    """The entries of a laws.yaml with their nodes (for line numbers), or a TVF001 finding."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        line = _error_line(exc, text)
        problem = exc.problem or exc.context or _("ukjent feil")
        return [], [error("TVF001", path, line, _("{path} er ikke gyldig YAML: {problem}."
                                                  ).format(path=path, problem=problem))]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        return [], [error("TVF001", path, None, _("{path} er ikke gyldig YAML: {problem}."
                                                  ).format(path=path, problem=exc))]
    finally:
        loader.dispose()
    if data is None:
        return [], []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        return [], [
            error(
                "TVF001",
                path,
                _line(node) if node is not None else None,
                _("{path} må være en liste av lover (én «- id: LOV-…» per lov), "
                  "ikke {what}.").format(path=path, what=_describe(data)),
            )
        ]
    entries: _Entries = []
    findings: list[Finding] = []
    for item, item_node in zip(data, node.value, strict=False):
        if not isinstance(item, dict):
            findings.append(
                error(
                    "TVF003",
                    path,
                    _line(item_node),
                    _("Hver lov i {path} må være en tabell med «id», «title» og «names», "
                      "ikke {what}.").format(path=path, what=_describe(item)),
                )
            )
            continue
        entries.append((item, item_node))
    return entries, findings


def _error_line(exc: yaml.MarkedYAMLError, text: str) -> int | None:
    """The line of a YAML error: where the parser noticed it, or, when that is the end of the
    file (an unclosed bracket or quote), where the unfinished construct began."""
    last = len(text.splitlines()) or 1
    for mark in (exc.problem_mark, exc.context_mark):
        if mark is not None and int(mark.line) + 1 <= last:
            return int(mark.line) + 1
    return last


def _key_lines(node: yaml.Node) -> dict[str, int]:
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                lines.setdefault(str(key_node.value), _line(key_node))
    return lines


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _string_list(value: object) -> tuple[list[str] | None, str]:
    """A list of strings (whole numbers allowed, as for ``sections: [3, 4]``), or None and
    what is wrong with it (for a message, in the language in use)."""
    if not isinstance(value, list):
        return None, _("ikke {what}").format(what=_describe(value))
    items: list[str] = []
    for item in value:
        if isinstance(item, float):
            return None, _("{value} må stå i anførselstegn").format(value=item)
        if isinstance(item, bool) or not isinstance(item, str | int):
            return None, _("{what} er ikke tekst").format(what=_describe(item))
        items.append(str(item))
    return items, ""


def _entry_values(
    entry: dict[Any, Any], lines: dict[str, int], entry_line: int, law_id: str, path: str
) -> tuple[dict[str, Any], list[Finding]]:
    """The given keys of one entry as :class:`Law` field values, and TVF003 findings."""
    values: dict[str, Any] = {}
    findings: list[Finding] = []

    def bad(key: str, message: str) -> None:
        findings.append(error("TVF003", path, lines.get(key, entry_line), message))

    if "title" in entry:
        title = entry["title"]
        if isinstance(title, str) and title.strip():
            values["title"] = " ".join(title.split())
        else:
            bad("title", _("«{key}» for {law} i {path} må være tekst, ikke {what}.").format(
                key="title", law=law_id, path=path, what=_describe(title)))
    if "names" in entry:
        names, problem = _string_list(entry["names"])
        if names is not None and any(not _name_key(name) for name in names):
            names, problem = None, _("et navn er tomt")
        if names is None:
            bad(
                "names",
                _("«names» for {law} i {path} må være en liste av navn og forkortelser, "
                  "for eksempel [opplæringslova, oppll] ({problem}).").format(
                    law=law_id, path=path, problem=problem),
            )
        else:
            values["names"] = tuple(" ".join(name.split()) for name in names)
    if "repealed" in entry:
        raw = entry["repealed"]
        repealed = _as_date(raw)
        if raw is None:
            values["repealed"] = None
        elif repealed is None:
            bad(
                "repealed",
                _("«{key}» for {law} i {path} må være en dato (åååå-mm-dd), "
                  "ikke «{value}».").format(key="repealed", law=law_id, path=path, value=raw),
            )
        else:
            values["repealed"] = repealed
    if "replaced_by" in entry:
        raw = entry["replaced_by"]
        successor = _canonical_id(raw) if isinstance(raw, str) else None
        if raw is None:
            values["replaced_by"] = None
        elif successor is None:
            bad(
                "replaced_by",
                _("«replaced_by» for {law} i {path} må være en Lovdata-ID som "
                  "LOV-2023-06-09-30, ikke «{value}».").format(law=law_id, path=path,
                                                               value=raw),
            )
        else:
            values["replaced_by"] = successor
    for key in ("short_title", "abbreviation"):
        if key in entry:
            raw = entry[key]
            if raw is None or (isinstance(raw, str) and raw.strip()):
                values[key] = " ".join(raw.split()) if raw is not None else None
            else:
                bad(key, _("«{key}» for {law} i {path} må være tekst, ikke {what}.").format(
                    key=key, law=law_id, path=path, what=_describe(raw)))
    for key in ("in_force", "last_change"):
        if key in entry:
            raw = entry[key]
            day = _as_date(raw)
            if raw is not None and day is None:
                bad(key, _("«{key}» for {law} i {path} må være en dato (åååå-mm-dd), "
                           "ikke «{value}».").format(key=key, law=law_id, path=path, value=raw))
            else:
                values[key] = day
    if "last_changed_by" in entry:
        raw = entry["last_changed_by"]
        changer = _canonical_id(raw) if isinstance(raw, str) else None
        if raw is not None and changer is None:
            bad("last_changed_by", _("«last_changed_by» for {law} i {path} må være en "
                                     "Lovdata-ID som LOV-2021-06-11-78, ikke «{value}»."
                                     ).format(law=law_id, path=path, value=raw))
        else:
            values["last_changed_by"] = changer
    for key, info_key, reader, what in (
        ("sections", "section_info", _section_item,
         _("paragrafer, for eksempel [\"2b\", \"15-8\"]")),
        ("chapters", "chapter_info", _chapter_item,
         _("kapitler, for eksempel [\"5\", \"4A\", \"V\"]")),
    ):
        if key not in entry:
            continue
        raw = entry[key]
        if raw is None:
            values[key] = None
            values[info_key] = ()
            continue
        if not isinstance(raw, list):
            bad(key, _("«{key}» for {law} i {path} må være en liste av {what} "
                       "(ikke {value}).").format(key=key, law=law_id, path=path, what=what,
                                                 value=_describe(raw)))
            continue
        parts: list[Any] = []
        detailed = False
        problem = ""
        for item in raw:
            if isinstance(item, dict) or _is_row(item):
                detailed = True
            part, problem = reader(item)
            if part is None:
                break
            parts.append(part)
        if problem:
            bad(key, _("«{key}» for {law} i {path} må være en liste av {what} ({problem})."
                       ).format(key=key, law=law_id, path=path, what=what, problem=problem))
            continue
        values[key] = frozenset(part.name for part in parts)
        values[info_key] = tuple(parts) if detailed else ()
    return values, findings


def _name_of(value: object, normalise: Any) -> tuple[str | None, str]:
    """A section or chapter name (text or a whole number), normalised; or None and why not."""
    if isinstance(value, float):
        return None, _("{value} må stå i anførselstegn").format(value=value)
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None, _("{what} er ikke tekst").format(what=_describe(value))
    name: str | None = normalise(str(value))
    if name is None:
        return None, _("«{value}» er ikke gyldig").format(value=value)
    return name, ""


_REPEALED_TITLE_RE = re.compile(r"\(?\s*(?:opphevet|oppheva)\s*\.?\s*\)?\.?", re.IGNORECASE)
_CHANGE_RE = re.compile(
    r"\s*(?P<kind>[^\W\d_]+)\s+ved\s+(?P<law>\S+)(?:\s+fra\s+(?P<date>\S+))?\s*"
)
ROW_SEPARATOR = " | "


def is_repealed_title(title: str) -> bool:
    """Whether a section title is Lovdata's mark of a repealed section: "(Opphevet)",
    "(Oppheva)"."""
    return _REPEALED_TITLE_RE.fullmatch(title.strip()) is not None


def _is_row(item: object) -> bool:
    return isinstance(item, str) and "|" in item


def _section_row(row: str) -> tuple[Section | None, str]:
    """A section written as one row: ``"2b | Samarbeid og samordning | kap. 1 | tilføyd ved
    LOV-2021-06-11-78 fra 2022-08-01"``: name, title, chapter and amendments (separated by
    ";"), the last ones optional. A title "(Opphevet)" or "(Oppheva)" marks it repealed."""
    fields = [field.strip() for field in row.split("|")]
    fields += [""] * (4 - len(fields))
    raw_name, title, raw_chapter, changes = fields[0], fields[1], fields[2], "|".join(fields[3:])
    name = normalise_section(raw_name)
    if name is None:
        return None, _("«{name}» er ikke en paragraf (i «{row}»)").format(name=raw_name,
                                                                           row=row)
    chapter = None
    if raw_chapter:
        chapter = normalise_chapter(raw_chapter)
        if chapter is None:
            return None, _("«{name}» er ikke et kapittel (i «{row}»)").format(
                name=raw_chapter, row=row)
    amendments: list[Amendment] = []
    for change in changes.strip(" |").split(";") if changes.strip(" |") else ():
        match = _CHANGE_RE.fullmatch(change)
        law = _canonical_id(match["law"]) if match else None
        day = _as_date(match["date"]) if match and match["date"] else None
        if match is None or law is None or (match["date"] and day is None):
            return None, _("endringen «{change}» for § {name} må se ut som «endret ved "
                           "LOV-2021-06-11-78 fra 2022-08-01»").format(change=change.strip(),
                                                                      name=name)
        amendments.append(Amendment(law, day, match["kind"].lower()))
    title = " ".join(title.split())
    return Section(name, title, is_repealed_title(title), chapter, tuple(amendments)), ""


def _section_item(item: object) -> tuple[Section | None, str]:
    """One item of ``sections``: a name (``"2b"``), a row (``"2b | Samarbeid og samordning |
    kap. 1 | tilføyd ved LOV-2021-06-11-78 fra 2022-08-01"``), or a mapping
    ``{name, title, chapter, repealed, amended}``."""
    if _is_row(item):
        return _section_row(str(item))
    if not isinstance(item, dict):
        name, problem = _name_of(item, normalise_section)
        return (Section(name) if name is not None else None), problem
    name, problem = _name_of(item.get("name"), normalise_section)
    if name is None:
        return None, _("«name» i {item}: {problem}").format(
            item=_describe(item), problem=problem) if "name" in item else (
            _("hver paragraf med detaljer må ha «name»"))
    title = item.get("title", "")
    if not isinstance(title, str):
        return None, _("«title» for § {name} må være tekst").format(name=name)
    repealed = item.get("repealed", False)
    if not isinstance(repealed, bool):
        return None, _("«repealed» for § {name} må være true eller false").format(name=name)
    chapter = None
    if item.get("chapter") is not None:
        chapter, problem = _name_of(item["chapter"], normalise_chapter)
        if chapter is None:
            return None, _("«chapter» for § {name}: {problem}").format(name=name,
                                                                        problem=problem)
    amendments: list[Amendment] = []
    raw = item.get("amended") or []
    if not isinstance(raw, list):
        return None, _("«amended» for § {name} må være en liste").format(name=name)
    for change in raw:
        by = change.get("by") if isinstance(change, dict) else None
        law = _canonical_id(by) if isinstance(by, str) else None
        if law is None or not isinstance(change, dict):
            return None, _("hver endring av § {name} må ha «by» (en Lovdata-ID som "
                           "LOV-2021-06-11-78)").format(name=name)
        day = _as_date(change.get("date"))
        if change.get("date") is not None and day is None:
            return None, _("«date» i en endring av § {name} må være en dato (åååå-mm-dd)"
                           ).format(name=name)
        kind = change.get("kind", "endret")
        if not isinstance(kind, str) or not kind.strip():
            return None, _("«kind» i en endring av § {name} må være tekst").format(name=name)
        amendments.append(Amendment(law, day, kind.strip()))
    return Section(name, " ".join(title.split()), repealed, chapter, tuple(amendments)), ""


def _chapter_item(item: object) -> tuple[Chapter | None, str]:
    """One item of ``chapters``: a name (``"4A"``), a row (``"4A | Helsehjelp til pasienter
    uten samtykkekompetanse | KAPITTEL_5"``: name, title, anchor) or ``{name, title, anchor}``.
    """
    if _is_row(item):
        fields = [field.strip() for field in str(item).split("|")] + ["", ""]
        item = {"name": fields[0], "title": " ".join(fields[1].split()),
                "anchor": fields[2] or None}
    if not isinstance(item, dict):
        name, problem = _name_of(item, normalise_chapter)
        return (Chapter(name) if name is not None else None), problem
    name, problem = _name_of(item.get("name"), normalise_chapter)
    if name is None:
        return None, _("«name» i {item}: {problem}").format(
            item=_describe(item), problem=problem) if "name" in item else (
            _("hvert kapittel med detaljer må ha «name»"))
    title = item.get("title", "")
    anchor = item.get("anchor")
    if not isinstance(title, str):
        return None, _("«title» for kapittel {name} må være tekst").format(name=name)
    if anchor is not None and not (isinstance(anchor, str) and _ANCHOR_RE.fullmatch(anchor)):
        return None, _("«anchor» for kapittel {name} må se ut som KAPITTEL_5").format(name=name)
    return Chapter(name, " ".join(title.split()), anchor.upper() if anchor else None), ""


def _merge_entries(
    laws: dict[str, Law], entries: _Entries, path: str
) -> list[Finding]:
    """Add or override laws by ``id``; bad entries are skipped and reported."""
    findings: list[Finding] = []
    for entry, node in entries:
        entry_line = _line(node)
        lines = _key_lines(node)
        if "id" not in entry or entry["id"] is None:
            message = _("En lov i {path} mangler «id» (en Lovdata-ID som LOV-2005-06-17-64)."
                        ).format(path=path)
            findings.append(error("TVF002", path, entry_line, message))
            continue
        raw_id = entry["id"]
        law_id = _canonical_id(raw_id) if isinstance(raw_id, str) else None
        if law_id is None:
            findings.append(
                error(
                    "TVF003",
                    path,
                    lines.get("id", entry_line),
                    _("«id» i {path} må være en Lovdata-ID som LOV-1998-07-17-61 eller "
                      "LOV-1967-02-10, ikke «{value}».").format(path=path, value=raw_id),
                )
            )
            continue
        values, problems = _entry_values(entry, lines, entry_line, law_id, path)
        existing = laws.get(law_id)
        if existing is None and "title" not in entry:
            message = _("Den nye loven {law} i {path} mangler «title».").format(law=law_id,
                                                                             path=path)
            problems.append(error("TVF002", path, entry_line, message))
        if problems:
            findings.extend(problems)
            continue
        if existing is not None:
            laws[law_id] = replace(existing, **values)
        else:
            values.setdefault("names", ())
            laws[law_id] = Law(id=law_id, **values)
    return findings


def _read_registry_text(
    text: str, path: str, base: Iterable[Law] = ()
) -> tuple[LawRegistry, list[Finding]]:
    laws = {law.id: law for law in base}
    entries, findings = _parse_yaml(text, path)
    findings.extend(_merge_entries(laws, entries, path))
    return LawRegistry(laws.values()), findings


def read_registry_text(text: str, path: str = LAWS_FILE) -> tuple[LawRegistry, list[Finding]]:
    """The default registry with the entries of a ``laws.yaml`` text merged in (as
    :func:`load_registry` reads a handbook's file), and the problems found."""
    return _read_registry_text(text, path, LawRegistry.default())


@functools.cache
def _default_registry() -> LawRegistry:
    resource = importlib.resources.files("tverrfaglig") / "data" / LAWS_FILE
    registry, findings = _read_registry_text(resource.read_text(encoding="utf-8"), LAWS_FILE)
    if findings:  # a packaging bug, not a user error
        raise RuntimeError(f"the packaged {LAWS_FILE} is broken: {findings[0].message}")
    return registry


def load_registry(root: Path | None) -> tuple[LawRegistry, list[Finding]]:
    """The default registry with the handbook's ``laws.yaml`` (if any) merged in by ``id``.

    Problems become findings on ``laws.yaml`` (TVF001–TVF003); bad entries are skipped, good
    ones kept. Never raises on bad input.
    """
    default = LawRegistry.default()
    if root is None:
        return default, []
    path = root / LAWS_FILE
    if not path.is_file():
        return default, []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return default, [error("TVF001", LAWS_FILE, None, _("Kan ikke lese {path}: {error}."
                                                            ).format(path=LAWS_FILE, error=exc))]
    return _read_registry_text(text, LAWS_FILE, default)


def listed_ids(root: Path) -> list[str]:
    """The IDs of the laws in the handbook's own ``laws.yaml``, in file order (none when there is
    no such file or it cannot be read; :func:`load_registry` reports the problems)."""
    path = root / LAWS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    entries, _problems = _parse_yaml(text, LAWS_FILE)
    ids: list[str] = []
    for entry, _node in entries:
        raw = entry.get("id")
        law_id = _canonical_id(raw) if isinstance(raw, str) else None
        if law_id is not None and law_id not in ids:
            ids.append(law_id)
    return ids


# --- Writing the registry ------------------------------------------------------------------

# A plain YAML scalar that reads back as the same string, also inside a flow mapping: starts
# with a letter or "(", holds no YAML indicator that matters there, and is not a YAML 1.1
# boolean or null.
_PLAIN_RE = re.compile(r"[^\W\d_(][^:#\[\]{},\"'`\n\t]*(?<! )|\([^:#\[\]{},\"'`\n\t]*(?<! )")
_YAML_WORDS = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null"])


def _yaml_str(text: str) -> str:
    if _PLAIN_RE.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _yaml_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(_yaml_str(item) for item in items) + "]"


def _row(fields: list[str]) -> str:
    """Fields as one quoted row, ``"2b | Samarbeid og samordning | kap. 1"``; a row always has
    a separator (``"1 |"``), so it stays a row, not a bare name."""
    while len(fields) > 1 and not fields[-1]:
        fields.pop()
    text = ROW_SEPARATOR.join(f.replace("|", "/") for f in fields)
    return json.dumps(text if len(fields) > 1 else f"{text} |", ensure_ascii=False)


def _section_yaml(section: Section) -> str:
    changes = "; ".join(
        f"{change.kind} ved {change.law}" + (f" fra {change.date.isoformat()}" if change.date
                                             else "")
        for change in section.amendments
    )
    title = section.title
    if section.repealed and not is_repealed_title(title):
        title = "(Opphevet)"  # a row marks a repealed section by its title, as Lovdata does
    chapter = f"kap. {section.chapter}" if section.chapter else ""
    return _row([section.name, title, chapter, changes])


def _chapter_yaml(chapter: Chapter) -> str:
    return _row([chapter.name, chapter.title, chapter.anchor or ""])


def law_yaml(law: Law) -> str:
    """One law as an entry of ``laws.yaml`` (readable block style; one line per section)."""
    lines = [f"- id: {law.id}", f"  title: {_yaml_str(law.title)}"]
    if law.short_title:
        lines.append(f"  short_title: {_yaml_str(law.short_title)}")
    if law.abbreviation:
        lines.append(f"  abbreviation: {_yaml_str(law.abbreviation)}")
    lines.append(f"  names: {_yaml_list(law.names)}")
    for key in ("in_force", "last_change", "repealed"):
        value = getattr(law, key)
        if value is not None:
            lines.append(f"  {key}: {value.isoformat()}")
    for key in ("last_changed_by", "replaced_by"):
        value = getattr(law, key)
        if value is not None:
            lines.append(f"  {key}: {value}")
    if law.chapter_info:
        lines.append("  chapters:")
        lines.extend(f"    - {_chapter_yaml(chapter)}" for chapter in law.chapter_info)
    elif law.chapters is not None:
        lines.append(f"  chapters: {_yaml_list(sorted(law.chapters, key=_natural_key))}")
    if law.section_info:
        lines.append("  sections:")
        lines.extend(f"    - {_section_yaml(section)}" for section in law.section_info)
    elif law.sections is not None:
        lines.append(f"  sections: {_yaml_list(sorted(law.sections, key=_natural_key))}")
    return "\n".join(lines) + "\n"


def registry_yaml(laws: Iterable[Law], header: str = "") -> str:
    """A whole ``laws.yaml``: the header (each line made a comment), then one entry per law,
    separated by blank lines. :func:`load_registry` reads it back to the same laws."""
    comment = "".join(
        f"# {line}".rstrip() + "\n" for line in header.splitlines()
    )
    entries = "\n".join(law_yaml(law) for law in laws)
    return f"{comment}\n{entries}" if comment else entries


_NATURAL_RE = re.compile(r"(\d+)|(\D+)")


def _natural_key(name: str) -> tuple[tuple[int, str], ...]:
    """Sort section and chapter names as a reader expects: 2 < 2a < 10 < 10-1."""
    return tuple((int(num), "") if num else (-1, text) for num, text in _NATURAL_RE.findall(name))
