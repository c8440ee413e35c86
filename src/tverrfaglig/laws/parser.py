"""The law-citation parser (handbook-format.md, section 4).

A citation is ``<law> § <section>``, ``<law> §§ <section>, <section> og <section>``,
``<law> kapittel <n>`` (also ``kap. <n>``) or ``<law>`` alone (``legal_basis`` only), where
``<law>`` is a name or abbreviation from the registry (:mod:`tverrfaglig.laws.registry`), a Lovdata
ID or a Lovdata URL.

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
- a name may be written with a line break inside it, and ``pasient-og`` equals ``pasient- og``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..i18n import _
from ..yamlio import describe
from .model import (
    ANCHOR_RE,
    ID_BODY,
    Law,
    canonical_id,
    name_key,
    normalise_chapter,
    normalise_section,
)

if TYPE_CHECKING:
    from .registry import LawRegistry

# --- Regular-expression building blocks --------------------------------------------------------

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
    rf"{ID_BODY}(?![\d])[^\s<>()\[\]{{}}\"'`|«»“”‘’]*(?<![.,;:!?*_])"
)
_URL_RE = re.compile(_URL, re.IGNORECASE)
_URL_PARTS_RE = re.compile(
    r"(?:https?://)?(?:www\.)?lovdata\.no/(?P<form>dokument/NL/)?lov/"
    rf"(?P<id>{ID_BODY})(?P<rest>(?:[/?#].*)?)",
    re.IGNORECASE | re.DOTALL,
)
URL_LIKE_RE = re.compile(r"(?:https?://|www\.|lovdata\.no/)", re.IGNORECASE)
_MD_LINK = (
    r"\[(?P<mdtext>[^\[\]\n]{1,300})\]\(\s*<?(?P<mdurl>" + _URL + r")>?"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
)
_KAPITTEL_RE = re.compile(r"KAPITTEL_\d+", re.IGNORECASE)
_KAP_TRIGGER_RE = re.compile(r"kap(?:ittel|\.|\s*(?:\d|(?-i:[IVXLC])))", re.IGNORECASE)
_TRIGGERS = ("§", "kap", "Kap", "KAP", "ovdata", "OVDATA")


def names_pattern(keys: Iterable[str]) -> str:
    """The names (compared as :func:`name_key` gives them) as one alternation, longest first."""
    ordered = sorted(set(keys), key=lambda k: (-len(k), k))
    patterns = [_name_pattern(key) for key in ordered if key]
    return "|".join(patterns) if patterns else r"(?!)"


def body_regex(names: str) -> re.Pattern[str]:
    """The one regular expression that finds citations in a body, for a registry whose names
    are ``names`` (:func:`names_pattern`)."""
    law = (
        rf"(?<![\w-])(?:(?P<name>{names})|(?P<lid>lov-{ID_BODY})"
        r"|(?P<unknown>[^\W\d_]{3,}(?:loven|lova)))"
        r"(?:(?<=loven)s|(?<=lova)s)?(?!\w)\.?"
    )
    return re.compile(rf"{_MD_LINK}|(?P<url>{_URL})|{law}{_TAIL}", re.IGNORECASE)


def prefix_regex(names: str) -> re.Pattern[str]:
    """A known name (of ``names``) or a Lovdata ID at the start of a text."""
    return re.compile(rf"(?:{names}|lov-{ID_BODY})(?!\w)\.?", re.IGNORECASE)


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
class UrlParts:
    law_id: str
    section: str | None
    chapter: str | None
    anchor: str | None = None  # KAPITTEL_N as written: a position, resolved only from data


def parse_lovdata_url(url: str) -> UrlParts | None:
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
    law_id = canonical_id(match["id"], prefix=False)
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
        found = ANCHOR_RE.fullmatch(segment) or ANCHOR_RE.fullmatch(fragment)
        anchor = found[0].upper() if found else None
    return UrlParts(law_id, section, chapter, anchor)


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
    parts = parse_lovdata_url(url)
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
            example=example, what=describe(entry))
    text = _one_line(entry)
    if not text:
        return _("En hjemmel i «legal_basis» er tom; skriv loven og paragrafen, {example}."
                 ).format(example=example)
    if URL_LIKE_RE.match(text):
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
# citation starts at most ``ScanInfo.back`` characters before its "§" or "kap", and only when
# the word right before the keyword can end a law's name; a Lovdata link starts at most
# _URL_BACK characters before "lovdata", a Markdown link to one at its "[" on the same line.
_URL_BACK = 12  # "https://www."
_MD_TEXT_MAX = 300  # as in _MD_LINK
_LINK_AHEAD = 400
_NAME_AHEAD = 40
_LAST_WORD_RE = re.compile(r"(\w+)\.?\s*\Z")
_LAW_WORD_ENDINGS = ("loven", "lova", "lovens", "lovas")


@dataclass(frozen=True, slots=True)
class ScanInfo:
    back: int  # how far before its keyword any name citation may start
    # The last word of each name (and its genitive) → how far before the keyword a name that
    # ends in it may start; None: every keyword is searched ``back`` characters back.
    final_words: dict[str, int] | None


def scan_info(registry: LawRegistry) -> ScanInfo:
    """What the fast body scan needs to know about the names of ``registry``."""
    keys = [name_key(name) for law in registry for name in law.names]
    back = max(2 * max((len(key) for key in keys), default=0) + 20, 60)
    words: dict[str, int] = {}
    for key in keys:
        last = key.split()[-1] if key else ""
        if not last or not (last[-1].isalnum() or last[-1] == "_"):
            return ScanInfo(back, None)
        last = re.split(r"[^\w]", last)[-1]
        reach = 2 * len(key) + 12
        for word in (last, last + "s") if last.endswith(("loven", "lova")) else (last,):
            words[word] = max(words.get(word, 0), reach)
    return ScanInfo(back, words)


def _search_back(body: str, keyword: int, info: ScanInfo) -> int | None:
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
