"""Laws as tvf knows them: :class:`Law`, its :class:`Section` and :class:`Chapter` objects with
their :class:`Amendment` notes, and the names of sections, chapters and laws written as Lovdata
writes them (:func:`normalise_section`, :func:`normalise_chapter`, :func:`canonical_id`).

A law may carry what ``tvf laws import`` reads from Lovdata's open data (see
:mod:`tverrfaglig.laws.lovdata` and ``docs/laws.md``): its sections with titles, repeal marks and
amendments, its chapters with Lovdata's positional ``KAPITTEL_N`` anchors, its in-force date and
last change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..i18n import N_, _

LOVDATA_LAW = "https://lovdata.no/lov/"
LOVDATA_REGULATION = "https://lovdata.no/forskrift/"
# Lovdata's open data: the laws in force, read by ``tvf laws import`` (tverrfaglig.laws.lovdata).
LOVDATA_ARCHIVE = "gjeldende-lover.tar.bz2"
LOVDATA_ARCHIVE_URL = "https://api.lovdata.no/v1/publicData/get/gjeldende-lover.tar.bz2"
# The central regulations in force (``sf/sf-YYYYMMDD-NNNN.xml``), read the same way.
LOVDATA_REGULATIONS_ARCHIVE = "gjeldende-sentrale-forskrifter.tar.bz2"

# A Lovdata ID (``2005-06-17-64``, ``LOV-1967-02-10``) and a chapter's positional anchor.
ID_BODY = r"\d{4}-\d{2}-\d{2}(?:-\d+)?"
ID_PARTS_RE = re.compile(r"(?i:lov-)?(\d{4})-(\d{2})-(\d{2})(?:-(\d+))?")
ANCHOR_RE = re.compile(r"KAPITTEL_\d+(?:-\d+)*", re.IGNORECASE)
_NATURAL_RE = re.compile(r"(\d+)|(\D+)")
_NORMALISE_SECTION_RE = re.compile(r"§*\s*(\d+)(?:\s*([A-Za-z])?\s*[-–.]\s*(\d+))?\s?([A-Za-z])?")
_NORMALISE_CHAPTER_RE = re.compile(
    r"(?:kap(?:ittel|\.)?\s*)?(?:(\d+)\s?([A-Za-z])?|([IVXLC]+))", re.IGNORECASE
)
_REPEALED_TITLE_RE = re.compile(r"\(?\s*(?:opphevet|oppheva)\s*\.?\s*\)?\.?", re.IGNORECASE)


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


def canonical_id(text: str, *, prefix: bool = True) -> str | None:
    """``LOV-yyyy-mm-dd[-n]`` with an upper-case prefix, or None when ``text`` is not an ID.

    The number loses leading zeros, and a zero number is none (Lovdata's ``nl-19670210-000``).
    With ``prefix=False`` the ``LOV-`` may be left out (as in Lovdata URLs).
    """
    text = text.strip()
    match = ID_PARTS_RE.fullmatch(text)
    if match is None or (prefix and not text.upper().startswith("LOV-")):
        return None
    year, month, day, number = match.groups()
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return None
    suffix = f"-{int(number)}" if number and int(number) else ""
    return f"LOV-{year}-{month}-{day}{suffix}"


DOC_ID_RE = re.compile(r"(lov|for)-(\d{4})-(\d{2})-(\d{2})(?:-(\d+))?", re.IGNORECASE)


def canonical_doc_id(text: str) -> str | None:
    """A law's or a regulation's Lovdata ID with an upper-case prefix (``LOV-2005-06-17-64``,
    ``FOR-2011-12-16-1256``), or None. For a law it is what :func:`canonical_id` gives."""
    match = DOC_ID_RE.fullmatch(text.strip())
    if match is None:
        return None
    prefix, year, month, day, number = match.groups()
    if prefix.upper() == "LOV":
        return canonical_id(text)
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return None
    suffix = f"-{int(number)}" if number and int(number) else ""
    return f"FOR-{year}-{month}-{day}{suffix}"


# Any registry ID: a law (``LOV-…``), a regulation (``FOR-…``), or a convention a law
# incorporates (``LOV-1999-05-21-30/bkn``: the law's ID and Lovdata's prefix for the annex).
_REGISTRY_ID_RE = re.compile(
    r"(?P<kind>lov|for)-(?P<body>\d{4}-\d{2}-\d{2}(?:-\d+)?)(?:/(?P<part>[a-z]+))?", re.IGNORECASE
)


def registry_id(text: str) -> str | None:
    """Any ID the registry uses, canonical: ``LOV-…`` (as :func:`canonical_id`), ``FOR-…`` for
    a regulation, ``LOV-…/bkn`` for a convention in a law; None when ``text`` is none of them."""
    match = _REGISTRY_ID_RE.fullmatch(text.strip())
    if match is None:
        return None
    law_id = canonical_id("LOV-" + match["body"])
    if law_id is None:
        return None
    if match["kind"].upper() == "FOR":
        law_id = "FOR" + law_id[3:]
    return f"{law_id}/{match['part'].lower()}" if match["part"] else law_id


def name_key(name: str) -> str:
    """How names are compared: lower case, single spaces, no trailing dot."""
    key = " ".join(name.split()).lower()
    return key[:-1].rstrip() if key.endswith(".") else key


def natural_key(name: str) -> tuple[tuple[int, str], ...]:
    """Sort section and chapter names as a reader expects: 2 < 2a < 10 < 10-1."""
    return tuple((int(num), "") if num else (-1, text) for num, text in _NATURAL_RE.findall(name))


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
MONTH_NAMES = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)


def law_label(law_id: str) -> str:
    """A law ID as people read it: ``LOV-2021-06-11-78`` → ``lov 11. juni 2021 nr. 78
    (LOV-2021-06-11-78)``; anything else is returned as it is."""
    match = ID_PARTS_RE.fullmatch(law_id)
    regulation = match is None and law_id.upper().startswith("FOR-")
    if regulation:  # FOR-2011-12-08-1218: forskrift 8. desember 2011 nr. 1218
        match = ID_PARTS_RE.fullmatch(law_id[4:])
    if match is None:
        return law_id
    year, month, day, number = match.groups()
    if not 1 <= int(month) <= 12:
        return law_id
    act = "forskrift" if regulation else "lov"
    text = f"{act} {int(day)}. {MONTH_NAMES[int(month) - 1]} {year}"
    return f"{text} nr. {int(number)} ({law_id})" if number else f"{text} ({law_id})"


def is_repealed_title(title: str) -> bool:
    """Whether a section title is Lovdata's mark of a repealed section: "(Opphevet)",
    "(Oppheva)"."""
    return _REPEALED_TITLE_RE.fullmatch(title.strip()) is not None


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
class Renumbering:
    """Where a section of a repealed law went in its successor (``renumbered`` in the law data,
    docs/registry-data.md): the successor's ``law`` and ``section`` (``"24-1"``, or a range
    ``"3-1 til 3-5"``), the ``basis`` (``stated`` by a published source, or
    ``identical-heading``), the ``source`` in words, and the other old sections with the same
    heading (``shared_with``: a weaker match)."""

    old: str
    law: str
    section: str
    basis: str
    source: str = ""
    shared_with: tuple[str, ...] = ()
    from_part: str | None = None
    to_part: str | None = None


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
    kind: str = "law"  # "law", "regulation" (a FOR- ID) or "convention"; section 4.1
    # False when the section list is known to be partial (a repealed act rebuilt from its
    # amendments): a section missing from it may still have existed.
    complete: bool = True
    part_of: str | None = None  # a convention: the law that incorporates it
    renumbered: tuple[Renumbering, ...] = ()
    data_source: str | None = None  # where the section data comes from (with its date)
    _section_map: dict[str, Section] = field(init=False, repr=False, compare=False, hash=False)

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
        return (
            found if found is not None else self._section_map.get(normalise_section(name) or name)
        )

    def chapter_by_anchor(self, anchor: str) -> Chapter | None:
        """The chapter whose Lovdata anchor is ``anchor`` (``KAPITTEL_5``), when known."""
        wanted = anchor.upper()
        return next((c for c in self.chapter_info if c.anchor and c.anchor.upper() == wanted), None)

    def renumbering(self, section: str) -> Renumbering | None:
        """Where ``section`` of this (repealed) law went in its successor, when known."""
        return next((r for r in self.renumbered if r.old == section), None)

    @property
    def year(self) -> str:
        """The year in the ID (``LOV-1998-07-17-61`` → ``1998``), to tell laws apart."""
        return self.id[4:8]

    def url(
        self, section: str | None = None, chapter: str | None = None, article: str | None = None
    ) -> str:
        """Lovdata's short link: ``https://lovdata.no/lov/1998-07-17-61/§15-8``, ``…/kap4A``;
        ``https://lovdata.no/forskrift/2011-12-16-1256/§19`` for a regulation;
        ``https://lovdata.no/lov/1999-05-21-30/bkn/a12`` for a convention's article.

        Chapters are linked by name (``kap5``), never as ``KAPITTEL_N``, which counts chapters
        by position.
        """
        if self.id.startswith("FOR-"):
            base = LOVDATA_REGULATION + self.id.removeprefix("FOR-")
        else:
            base = LOVDATA_LAW + self.id.removeprefix("LOV-")
        if article:
            name = "".join(article.split())
            protocol = re.fullmatch(r"P(\d+)-(\d+)", name, re.IGNORECASE)
            return f"{base}/p{protocol[1]}/a{protocol[2]}" if protocol else f"{base}/a{name}"
        if section:
            return f"{base}/§{normalise_section(section) or ''.join(section.split())}"
        if chapter:
            return f"{base}/kap{normalise_chapter(chapter) or ''.join(chapter.split())}"
        return base
