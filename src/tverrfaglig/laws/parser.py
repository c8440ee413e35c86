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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..i18n import _
from ..yamlio import describe
from .model import (
    ANCHOR_RE,
    ID_BODY,
    MONTH_NAMES,
    Law,
    canonical_id,
    name_key,
    normalise_chapter,
    normalise_section,
    registry_id,
)
from .renumbering import old_numbering

if TYPE_CHECKING:
    from .registry import LawRegistry

# --- Regular-expression building blocks --------------------------------------------------------

# A section letter ends the section: not followed by a letter or digit, nor by a dot and a
# lower-case letter ("§ 4 m.fl." is § 4; "§ 2 b.Samarbeid" is § 2 b).
_LETTER_END = r"(?!\w)(?!\.(?-i:[a-zæøå]))"
# A lone "i" after a space is the preposition ("§ 3-4 i loven").
_SPACED_LETTER = r"[ \u00a0](?![iI](?!\w))"
# A dash inside a section: hyphen, en dash, and the Unicode hyphens real PDFs carry
# («§ 1‐4», U+2010).
_DASH = "[-–\u2010\u2011\u2212]"
# The chapter letter of «§ 9A-4», also written «§ 9 A-4» (a capital only, and only before the
# dash: «§ 9 A-4» is § 9A-4, «§ 2 a» stays § 2a).
_CHAPTER_LETTER = r"(?:[A-Za-z]|[ \u00a0](?-i:[A-Z])(?=" + _DASH + r"\d))"
_SEC = (
    rf"\d+(?:{_CHAPTER_LETTER}?{_DASH}\d+|\.\d+)?"
    rf"(?:(?<=\d)[A-Za-z]{_LETTER_END}|{_SPACED_LETTER}[A-Za-z]{_LETTER_END})?"
    # «§ § 1-1-1-3» (a translated table of contents) is no section
    rf"(?!\w)(?!{_DASH}\d)"
)
_SEC_SEP = r"(?:\s*,\s*(?:og\s+|eller\s+)?|\s+(?:og|eller|til)\s+|\s+[–-]\s+)"
_CHAP = (
    rf"(?:\d+(?:(?<=\d)[A-Za-z]{_LETTER_END}|{_SPACED_LETTER}[A-Za-z]{_LETTER_END})?(?!\w)"
    r"|(?-i:[IVXLC]+)(?!\w))"
)
_SEC_PARTS_RE = re.compile(
    rf"(?P<n>\d+)(?:(?P<cl>{_CHAPTER_LETTER})?(?P<dash>{_DASH})(?P<m>\d+)|\.(?P<dm>\d+))?"
    rf"(?:(?<=\d)(?P<l1>[A-Za-z]){_LETTER_END}|{_SPACED_LETTER}(?P<l2>[A-Za-z]){_LETTER_END})?"
    r"(?!\w)"
)
# The keyword and what follows it, at the start of the text after a law.
# An article number ends at a non-word character, or where a capitalised word is glued to it
# («artikkel 12Grunnloven § 104», a lost space or a footnote).
_ART_END = r"(?:(?!\w)|(?=(?-i:[A-ZÆØÅ][a-zæøå]{2})))"
_ART = rf"\d+{_ART_END}(?:\s*(?:[-–]|til|og|,)\s*\d+{_ART_END})*"
# «§ 3-4 og 7-2a»: after one «§», more sections with a dash joined by «og»/«eller», when the
# first one has a dash too, each ending a clause or followed by a word that goes on with the
# citation. (A plain number after one «§» is not a section: «hol § 2 og 3» cites § 2 only.)
_SEC_DASHED = rf"(?=\d+{_CHAPTER_LETTER}?{_DASH}\d)"
_AFTER_MORE = (
    r"(?=\s*(?:[,;:)\]»”\n]|\Z)|\.(?=\s+(?-i:[A-ZÆØÅ])|[ \t]*\n|\s*\Z)"
    r"|\s+(?:i|og|eller|jf\.?|jfr\.?|om|første|andre|annet|tredje|fjerde|femte|sjette|bokstav"
    r"|nr\.?|ledd)(?!\w))"
)
_SEC1 = rf"(?:{_SEC_DASHED}{_SEC}(?:\s+(?:og|eller)\s+{_SEC_DASHED}{_SEC}{_AFTER_MORE})*|{_SEC})"
# Between a law and its unit: «(helsepersonelloven) - Kapittel 5», «§ 1-1: …», and a page's
# breadcrumbs «GDPR » Kapittel II».
_TAIL = (
    rf"(?:(?:\)\s*)?\s*(?:[-–:»]\s*)?§§\s*(?P<secs>{_SEC}(?:{_SEC_SEP}{_SEC})*)"
    rf"|(?:\)\s*)?\s*(?:[-–:»]\s*)?(?:§|(?<!\w)paragraf(?:en)?\s)\s*(?P<sec1>{_SEC1})"
    rf"|(?:\)\s*)?\s*(?:[-–:»]\s*)?(?<!\w)(?:kapittel|kapitel|kap\.?)\s*(?P<chap>{_CHAP})"
    rf"|\s*(?<!\w)(?:artikkel|artikel|art\.?)\s*(?P<art>{_ART}))"
)
_TAIL_RE = re.compile(_TAIL, re.IGNORECASE)
_KEYWORD_RE = re.compile(
    r"§|(?<!\w)kap(?:ittel|itel|\.|(?=\s*(?:\d|(?-i:[IVXLC])(?!\w))))"
    r"|(?<!\w)art(?:ikkel|ikel|\.|(?=\s*\d))",
    re.IGNORECASE,
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
# What a Lovdata ID («LOV-2005-06-17-64», «lov-2005-06-17-64») or a formal citation («lov 17.
# juli 1998 nr. 61», «LOV 2005-06-17 NR 64») must contain (_WHOLE_RE).
_WHOLE_TRIGGERS = ("OV-", "ov-", "OR-", "or-", " nr", " Nr", " NR")
# The keywords' words as texts write them («kapittel», «Kap.», «ARTIKKEL», «paragraf»), found
# with ``str.find`` (_keyword_positions).
_KEYWORD_WORDS = ("kap", "Kap", "KAP", "art", "Art", "ART", "paragraf", "Paragraf", "PARAGRAF")
# What any citation must contain: a keyword, «lovdata», or one of _WHOLE_TRIGGERS.
_TRIGGERS = ("§", *_KEYWORD_WORDS, "ovdata", "OVDATA", *_WHOLE_TRIGGERS)


def names_pattern(keys: Iterable[str]) -> str:
    """The names (compared as :func:`name_key` gives them) as one pattern that prefers the
    longest name, like an alternation longest first, but factored as a trie: the registry has
    some 250 names and titles, many sharing their start («lov om …», «forskrift om …»), and
    the regular expression engine tries the alternatives of a plain alternation one by one at
    every place it looks (issue 13: twice as fast on the bench handbook)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for key in set(keys):
        if not key:
            continue
        node = trie
        for token in _name_tokens(key):
            node = node.setdefault(token, {})
        node[""] = {}
    return _trie_pattern(trie) if trie else r"(?!)"


def _name_tokens(key: str) -> list[str]:
    """A name as pattern pieces: each character escaped, any whitespace between words, and
    ``pasient-og`` for ``pasient- og``."""
    tokens: list[str] = []
    words = key.split()
    for i, word in enumerate(words):
        tokens.extend(re.escape(char) for char in word)
        if i < len(words) - 1:
            tokens.append(r"\s*" if word.endswith("-") else r"\s+")
    return tokens


def _trie_pattern(node: dict) -> str:  # type: ignore[type-arg]
    ends = "" in node
    branches = [token + _trie_pattern(child) for token, child in sorted(node.items()) if token]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


_MONTH_RE = (
    r"(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november"
    r"|desember|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|des)"
)
# A law or regulation cited formally by date and number: «lov 17. juli 1998 nr. 61»,
# «forskrift 22. juni 2022 nr. 1110», the old Lovdata heading «LOV 2005-06-17 nr 64».
_FORMAL = (
    r"(?P<formal>(?P<fkind>lov|forskrift)(?:en|a)?\s+(?:av\s+)?"
    rf"(?:(?P<fd>\d{{1,2}})\.?\s*(?P<fm>{_MONTH_RE})\.?\s+(?P<fy>\d{{4}})"
    r"|(?P<fiso>\d{4}-\d{2}-\d{2}))\s+nr\.?\s*(?P<fn>\d+))"
)
# Words that refer back to a law named earlier in the paragraph (handbook-format.md, 4.1:
# continuation): «samme lov», «nevnte lov», «loven», «lovens», «dennes», «forskrifta», …
_REF = (
    r"(?P<ref>(?:samme|nevnte|nemnde|sistnevnte|denne)\s+lov(?:en|a)?(?:s)?"
    r"|lov(?:en|a)s?|dennes|forskrift(?:a|en)s?|konvensjonens?|forordningens?)"
)
# A law named with its era: «ny opplæringslov», «tidligere opplæringslov», «den gamle
# barnevernloven»; «ny lov» alone refers back to the law last named «ny …» in the paragraph.
_ERA_NEW = ("ny", "nye")
# «gjeldende barnevernlov», «dagens opplæringslov»: the law in force when the text was written,
# which is what the name alone means (a shared name is read with the document's date, 4.1).
_ERA_NOW = ("gjeldende", "gjeldande", "dagens")
_ERA = (
    r"(?P<era>ny|nye|tidligere|tidlegare|gamle|forrige|opphevede|oppheva|gjeldende|gjeldande"
    r"|dagens)\s+"
    r"(?P<eralaw>(?:[^\W\d_]{3,})?lov(?:en|a)?)"
)
# «forskrift til <law>» that the registry does not know: a regulation, never the law.
_REGULATION_OF = r"(?P<regof>forskrift(?:a|en)?\s+til\s+[^\W\d_]{3,}(?:loven|lova))"
_ID = rf"(?P<lid>(?:lov|for)-{ID_BODY})"
# «…loven»/«…lova» the registry does not know; also hyphenated at a line break
# («regnskaps-loven»).
# A regulation the same way: «journalforskriften § 4».
_UNKNOWN = r"(?P<unknown>[^\W\d_]{3,}(?:-?lov(?:en|a)|forskrift(?:en|a)))"


# Two names glued together where a list lost its line break («Helse- og
# omsorgstjenestelovenHelsepersonelloven», «… skolehelsetjenestenForskrift om …», a web page
# copied as text): a registry name may start right after a lower-case letter and end right
# before a capital that starts a word, when the case changes there (never inside a word).
_GLUE_BEFORE = r"(?P<glue>(?<=(?-i:[a-zæøå]))(?=(?-i:[A-ZÆØÅ])))"
_GLUE_AFTER = r"(?(name)(?<=(?-i:[a-zæøå]))(?=(?-i:[A-ZÆØÅ][a-zæøå]{2}))|(?!))"


def _law_alternatives(names: str, glue: bool = False) -> str:
    """A law as the body names it, in the order tried at one place: a registry name (the
    longest first), a Lovdata ID, a formal citation, an unknown «forskrift til …», a
    back-reference, an unknown «…loven»; then a genitive «s» and a full stop. With ``glue``
    (the mentions: lists of laws, titles), a registry name may be glued to the words around it
    (:data:`_GLUE_BEFORE`); a citation's law never is (the fast scan looks for it after a
    word's start)."""
    if not glue:
        return (
            rf"(?<![^\W\d]|-)(?:(?P<name>{names})|{_ID}|{_FORMAL}|{_REGULATION_OF}|{_ERA}"
            rf"|{_REF}|{_UNKNOWN})"
            r"(?:(?<=[^\W\d_]{3})s)?(?:(?<=[^\W\d_])\d{1,3}\)?(?=\s*§))?(?!\w)\.?"
        )
    return (
        rf"(?:(?<![^\W\d]|-)|{_GLUE_BEFORE})"
        rf"(?:(?P<name>{names})|{_ID}|{_FORMAL}|{_REGULATION_OF}|{_ERA}|{_REF}|{_UNKNOWN})"
        r"(?(glue)(?(name)|(?!))|)"
        r"(?:(?<=[^\W\d_]{3})s)?(?:(?<=[^\W\d_])\d{1,3}\)?(?=\s*§))?"
        rf"(?:(?!\w)|{_GLUE_AFTER})\.?"
    )


def body_regex(names: str) -> re.Pattern[str]:
    """The one regular expression that finds citations in a body, for a registry whose names
    are ``names`` (:func:`names_pattern`)."""
    return re.compile(
        rf"{_MD_LINK}|(?P<url>{_URL})|{_law_alternatives(names)}{_TAIL}", re.IGNORECASE
    )


def mention_regex(names: str, glue: bool = False) -> re.Pattern[str]:
    """A law named anywhere (with or without a section after it): what a later «§ 10», «samme
    lov» or «artikkel 3» in the same paragraph may refer to. With ``glue``, also a registry
    name glued to the words around it (matched at a known place, in a list of laws: trying it
    at every place of a paragraph costs about a fifth more)."""
    return re.compile(_law_alternatives(names, glue=glue), re.IGNORECASE)


def prefix_regex(names: str) -> re.Pattern[str]:
    """A known name (of ``names``) or a Lovdata ID at the start of a text."""
    return re.compile(rf"(?:{names}|(?:lov|for)-{ID_BODY})(?!\w)\.?", re.IGNORECASE)


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
    articles: tuple[str, ...] = ()
    # A section sign with no law that can be told (TVF208): ``law`` is None, and so is the law
    # in ``law_text`` (which then holds what referred to it, if anything: «denne lova»).
    unresolved: bool = False
    qualifier: str = ""  # «første ledd», «nr. 1 bokstav e»: kept as written

    def headings(self) -> list[tuple[str, str]]:
        """Each cited section or article with its heading in the registry (``("§ 2b",
        "Samarbeid og samordning")``), where the registry knows one: so that a reader sees
        what the citation points at (issue 13)."""
        law = self.law
        if law is None:
            return []
        found: list[tuple[str, str]] = []
        for prefix, names in (("§ ", self.sections), (_("artikkel "), self.articles)):
            for name in names:
                details = law.section(name)
                if details is not None and details.title:
                    found.append((prefix + name, details.title))
        return found

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
        if self.articles:
            return self.law.url(article=self.articles[0])
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
    # The section first: «…/kap5#§33» is § 33 (in chapter 5), as «…/KAPITTEL_3#§3-4» is § 3-4.
    section = normalise_section(segment[1:]) if segment.startswith("§") else None
    if section is None and fragment.startswith("§"):
        section = normalise_section(fragment[1:].partition("/")[0])
    chapter = None
    if (
        section is None
        and match["form"] is None
        and segment[:3].lower() == "kap"
        and not _KAPITTEL_RE.match(segment)
    ):
        chapter = normalise_chapter(segment[3:])
    anchor = None
    if section is None and chapter is None:
        found = ANCHOR_RE.fullmatch(segment) or ANCHOR_RE.fullmatch(fragment)
        anchor = found[0].upper() if found else None
    return UrlParts(law_id, section, chapter, anchor)


# An item of a section list: one section, or a range (first, last) to expand with the law.
Item = tuple[str, str | None]


def _section_name(match: re.Match[str]) -> str:
    """The normalised section a match of ``_SEC_PARTS_RE`` names."""
    name = match["n"]
    if match["m"] is not None:
        name += (match["cl"] or "").strip().upper() + "-" + match["m"]
    elif match["dm"] is not None:
        name += "-" + match["dm"]
    return name + (match["l1"] or match["l2"] or "").lower()


def _read_items(text: str, double: bool) -> tuple[list[Item], tuple[str, ...]]:
    """The sections and ranges in a section list (``15-8``; ``13-1 og 13-2``; ``3-1 til 3-4``;
    ``13 til 13 e``; ``13–13 e``), and notes on non-standard forms.

    ``double`` says the list followed ``§§``: then a lone ``A–B`` or ``A-B`` may be a range
    (``§§ 13–13 e``, ``§§ 31-33``); :func:`_sections_for` decides with the law's sections.
    """
    items: list[Item] = []
    notes: list[str] = []
    previous_end = 0
    for match in _SEC_PARTS_RE.finditer(text):
        name = _section_name(match)
        between = text[previous_end : match.start()]
        previous_end = match.end()
        if (
            items
            and items[-1][1] is None
            and (_TIL_RE.search(between) or (double and re.fullmatch(r"\s+[–-]\s+", between)))
        ):
            first = items.pop()[0]
            items.append((first, name))
            continue
        if match["dm"] is not None or (match["dash"] == "–" and not double):
            written = " ".join(match[0].split())
            notes.append(_("«§ {written}» leses som «§ {name}»").format(written=written, name=name))
        if (name, None) not in items:
            items.append((name, None))
    return items, tuple(notes)


# «til» as the _TAIL pattern reads it: in any case («§§ 3-1 TIL 3-4» is a range).
_TIL_RE = re.compile(r"(?<!\w)til(?!\w)", re.IGNORECASE)
_ARTICLE_RANGE_RE = re.compile(r"[-–]|til", re.IGNORECASE)
_PAIR_RE = re.compile(r"(\d+)-(\d+)([a-z]?)")


def _lone_range(name: str, law: Law | None) -> tuple[str, str] | None:
    """``13-13e`` after ``§§`` as the range 13 … 13 e, when that is what it must be: the law
    has both ends and no section ``13-13e``; or, when its sections are not known, the second
    number is larger (``§§ 31-33``, but ``§§ 2-1`` is the section 2-1)."""
    match = _PAIR_RE.fullmatch(name)
    if match is None:
        return None
    first, last = match[1], match[2] + match[3]
    if law is not None and law.sections is not None:
        if name in law.sections or not (first in law.sections and last in law.sections):
            return None
        return first, last
    if int(match[2]) > int(match[1]) or (match[2] == match[1] and match[3]):
        return first, last
    return None


def _sections_for(items: list[Item], law: Law | None, double: bool = False) -> tuple[str, ...]:
    """The sections a list cites: ranges expanded with the law's section list when it is known
    (and holds both ends), else their two ends."""
    if double and len(items) == 1 and items[0][1] is None and "-" in items[0][0]:
        lone = _lone_range(items[0][0], law)
        if lone is not None:
            items = [lone]
    found: list[str] = []
    for first, last in items:
        if last is None:
            span = [first]
        else:
            names = [section.name for section in law.section_info] if law is not None else []
            # the law's sections from first to last; their two ends when it lacks one, or
            # when they are in the wrong order (the slice is empty)
            span = (
                first in names
                and last in names
                and names[names.index(first) : names.index(last) + 1]
            ) or [first, last]
        found.extend(name for name in span if name not in found)
    return tuple(found)


def _read_articles(text: str) -> list[Item]:
    """``6``, ``6 og 9``, ``6 – 11 og 21``: articles and ranges of articles."""
    items: list[Item] = []
    for separator, number in re.findall(r"(\D*?)(\d+)", text):
        if items and items[-1][1] is None and _ARTICLE_RANGE_RE.search(separator):
            items[-1] = (items[-1][0], number)
        else:
            items.append((number, None))
    return items


def _tail_parts(
    match: re.Match[str], law: Law | None = None
) -> tuple[tuple[str, ...], str | None, tuple[str, ...], tuple[str, ...]]:
    """Sections, chapter, articles and notes from a match that has the groups of ``_TAIL``."""
    for group, double in (("secs", True), ("sec1", False)):
        text = match[group]
        if text is not None:
            items, notes = _read_items(text, double)
            return _sections_for(items, law, double), None, (), notes
    if match["art"] is not None:
        return (), None, _sections_for(_read_articles(match["art"]), law), ()
    return (), normalise_chapter(match["chap"]), (), ()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _link_citation(url: str, text: str, line: int | None, registry: LawRegistry) -> Citation | None:
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


_GLUED_HYPHEN_RE = re.compile(r"-(?=\S)")


def _resolve_name(registry: LawRegistry, name: str, today: date) -> Law | None:
    """The law a name found in a text means: as written; else with each hyphen glued to the
    next word spaced («pasient-og brukerrettighetsloven»: the name pattern lets the hyphen that
    ends a word of «pasient- og …» touch the next word) or dropped («opplærings-lova», a word
    broken at a line end)."""
    law = registry.resolve(name, today)
    if law is None and "-" in name:
        law = registry.resolve(_GLUED_HYPHEN_RE.sub("- ", name), today) or registry.resolve(
            name.replace("-", ""), today
        )
    return law


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
        law = _resolve_name(registry, prefix[0], today)
        if law is not None:
            return prefix[0], law
    for inner in _PARENTHESES_RE.findall(text):
        law = registry.resolve(inner, today)
        if law is not None:
            return text, law
    return text, None


def _unresolved(text: str, line: int | None, tail: re.Match[str], qualifier: str) -> Citation:
    """A section sign (or article) with no law that can be told: TVF208."""
    sections, chapter, articles, notes = _tail_parts(tail)
    return Citation(
        text=text,
        line=line,
        law_text="",
        law=None,
        sections=sections,
        chapter=chapter,
        articles=articles,
        nonstandard=notes,
        unresolved=True,
        qualifier=qualifier,
    )


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
            example=example, what=describe(entry)
        )
    text = _one_line(entry)
    if not text:
        return _("En hjemmel i «legal_basis» er tom; skriv loven og paragrafen, {example}.").format(
            example=example
        )
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
        formal = _WHOLE_RE.fullmatch(text.rstrip(". "))
        if formal is not None and formal["formal"] is not None:
            law_id = _formal_id(formal)
            if law_id is not None:
                return Citation(text=text, line=line, law_text=law_id, law=registry.by_id(law_id))
        law_text, law = _resolve_law_text(registry, text, today)
        return Citation(text=text, line=line, law_text=law_text, law=law)
    law_text = text[: keyword.start()].rstrip(" ,;:-–")
    tail = _TAIL_RE.match(text, keyword.start())
    if tail is None:
        if keyword[0] == "§":
            return _("Forstår ikke paragrafen i «{text}»; skriv {example}.").format(
                text=text, example=example
            )
        if keyword[0].lower().startswith("a"):
            law_text, law = _resolve_law_text(registry, text, today)
            return Citation(text=text, line=line, law_text=law_text, law=law)
        return _(
            "Forstår ikke kapittelet i «{text}»; skriv for eksempel "
            "«helsepersonelloven kapittel 5»."
        ).format(text=text)
    qualifier = _QUALIFIER_RE.match(text, tail.end())
    after = qualifier.end() if qualifier else tail.end()
    qualifier_text = _one_line(qualifier[0]).strip(" ,") if qualifier else ""
    if not law_text or _LEAD_WORD_RE.fullmatch(law_text):
        # «§ 2-12 i opplæringslova» (reverse order), or a section with no law (TVF208).
        reverse = _REVERSE_RE.match(text, after)
        rest = text[reverse.end() :].strip(" .") if reverse else ""
        if not rest:
            return _unresolved(text, line, tail, qualifier_text)
        law_text, law = _resolve_law_text(registry, rest, today)
    else:
        law_text, law = _resolve_law_text(registry, law_text, today)
        if law is None:
            formal = _WHOLE_RE.fullmatch(law_text)
            if formal is not None:
                law_id = registry_id(formal["lid"]) if formal["lid"] else _formal_id(formal)
                if law_id is not None:
                    law_text, law = law_id, registry.by_id(law_id)
    sections, chapter, articles, notes = _tail_parts(tail, law)
    return Citation(
        text=text,
        line=line,
        law_text=law_text,
        law=law,
        sections=sections,
        chapter=chapter,
        articles=articles,
        nonstandard=notes,
        qualifier=qualifier_text,
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
_LAW_WORD_ENDINGS = ("loven", "lova", "lovens", "lovas", "forskriften", "forskrifta")
# The back-references (_REF) by their last word, with how far back they may start.
_REF_WORDS = dict.fromkeys(
    (
        "loven",
        "lova",
        "lovens",
        "lovas",
        "lov",
        "lovs",
        "dennes",
        "forskrifta",
        "forskriften",
        "forskriftas",
        "forskriftens",
        "konvensjonen",
        "konvensjonens",
        "forordningen",
        "forordningens",
    ),
    30,
)


@dataclass(frozen=True, slots=True)
class ScanInfo:
    back: int  # how far before its keyword any name citation may start
    # The last word of each name (and its genitive) → how far before the keyword a name that
    # ends in it may start; None: every keyword is searched ``back`` characters back.
    final_words: dict[str, int] | None
    # The conventions by their names in capitals («BK», «GDPR»), which may be glued to an
    # article's number (:data:`_GLUED_ARTICLE_RE`).
    abbreviations: dict[str, Law]


def scan_info(registry: LawRegistry) -> ScanInfo:
    """What the fast body scan needs to know about the names of ``registry``."""
    keys = list(registry.name_keys())
    back = max(2 * max((len(key) for key in keys), default=0) + 20, 60)
    abbreviations = {
        name: law
        for law in registry
        if law.kind == "convention"
        for name in law.names
        if name in _GLUED_ABBREVIATIONS
    }
    words: dict[str, int] = dict(_REF_WORDS)
    for key in keys:
        last = re.sub(r"[^\w]+$", "", key.split()[-1]) if key else ""
        if not last:
            return ScanInfo(back, None, abbreviations)
        last = re.split(r"[^\w]", last)[-1]
        reach = 2 * len(key) + 12
        for word in (last, last + "s") if last.endswith(("loven", "lova")) else (last,):
            words[word] = max(words.get(word, 0), reach)
    return ScanInfo(back, words, abbreviations)


# The conventions whose capitals texts glue to an article's number. Only these three: each
# name is a search through every body (about 3,000 instructions for 1.5 KB), and «SP» is also a
# party's name.
_GLUED_ABBREVIATIONS = ("BK", "EMK", "GDPR")
# A convention's name in capitals glued to an article's number, as notes and reference lists
# write it: «jf. BK12» (a thesis on barnevernloven), «GDPR A6, GDPR A9» (the style of NAV's
# reference lists). Not «BK 12», nor a number that goes on («BK1.2», «BK12a»).
_GLUED_ARTICLE_RE = re.compile(
    r"(?<![\w-])(?P<abbr>[A-ZÆØÅ]{2,5})(?: A)?(?P<art>[1-9]\d{0,2})(?![\w\u00a0-]|[.,]\d)"
)


def _glued_articles(
    body: str, registry: LawRegistry, line_at: Callable[[int], int]
) -> list[tuple[int, Citation]]:
    """The articles ``body`` cites as a convention's capitals glued to the number."""
    conventions = registry.scan_info.abbreviations
    if not any(name in body for name in conventions):
        return []
    found: list[tuple[int, Citation]] = []
    for match in _GLUED_ARTICLE_RE.finditer(body):
        law = conventions.get(match["abbr"])
        if law is None:
            continue
        found.append(
            (
                match.start(),
                Citation(
                    text=match[0],
                    line=line_at(match.start()),
                    law_text=match["abbr"],
                    law=law,
                    articles=(match["art"],),
                ),
            )
        )
    return found


def _last_word(body: str, keyword: int) -> str:
    """The word (letters, digits, «_») right before ``keyword``, after at most a dash, colon
    or «»» and a closing parenthesis and a full stop (``loven``, ``loven.``, ``loven)``,
    ``loven -``), within 60 characters of it; without a regular expression: searching one
    back from the keyword costs a backtracking scan per start position."""
    text = body[max(0, keyword - 60) : keyword].rstrip()
    if text.endswith(("-", "–", ":", "»")):
        text = text[:-1].rstrip()
    if text.endswith(")"):
        text = text[:-1]
    if text.endswith("."):
        text = text[:-1]
    end = j = len(text)
    while j and (text[j - 1].isalnum() or text[j - 1] == "_"):
        j -= 1
    return text[j:end]


def _search_back(body: str, keyword: int, info: ScanInfo) -> int | None:
    """How far before the keyword at ``keyword`` to search for a citation; None when the word
    before it cannot end a law name, a Lovdata ID or an unknown ``…loven`` (a cheap test
    that skips "jf. § 3" and "og kapittel 2"). A word the names do not end in but that may
    end a citation (an unknown «…loven», also «forskrift til …loven»; a number, as in
    «LOV-2005-06-17-64» or «lov 17. juli 1998 nr. 61»; a name glued to digits,
    «12Grunnloven», a footnote «ligningsloven10)») is searched the whole reach back."""
    if info.final_words is None:
        return info.back
    word = _last_word(body, keyword).lower()
    reach = info.final_words.get(word)
    if reach is not None:
        return reach
    if word.endswith(_LAW_WORD_ENDINGS) or any(char.isdigit() for char in word):
        return info.back
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


_WORD_KEYWORD_RE = re.compile(
    r"(?<![^\W_])(?:kap(?:ittel|itel|\.|\s*(?:\d|(?-i:[IVXLC])(?!\w)))"
    r"|art(?:ikkel|ikel|\.|\s*\d)|paragraf(?:en)?\s+\d)",
    re.IGNORECASE,
)


def _keyword_positions(body: str) -> list[int]:
    """Where «§», «kapittel»/«kap.», «artikkel»/«art.» and «paragraf N» start in ``body``, in
    order. The words are looked for with ``str.find`` in the three cases texts write them
    (:data:`_KEYWORD_WORDS`; a regular expression over the whole body takes three times as
    long), and each place found is then checked."""
    words = (i for i in _positions(body, _KEYWORD_WORDS) if _WORD_KEYWORD_RE.match(body, i))
    return sorted([*_positions(body, ("§",)), *words])


def _is_link(match: re.Match[str]) -> bool:
    return match["url"] is not None or match["mdurl"] is not None


def _citation_matches(body: str, registry: LawRegistry, keywords: list[int]) -> list[re.Match[str]]:
    """The matches of ``registry.body_pattern`` in ``body``, in order, as ``finditer`` finds
    them, but searching only near the places a citation must contain: Lovdata links, and the
    ``keywords`` (:func:`_keyword_positions`)."""
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


_LEAD_WORD_RE = re.compile(r"(?:jf\.?|jfr\.?|se|etter|og)", re.IGNORECASE)
_QUALIFIER_RE = re.compile(
    r"(?:\s*,?\s*(?:(?:første|andre|annet|tredje|fjerde|femte|sjette|sjuande|sjuende|åttende"
    r"|\d+\.?)\s+(?:ledd|punktum|pkt\.?)|(?:nr\.?|bokstav|pkt\.?|punkt|litra|para\.?|ledd)\s*\d*\s?[a-zæøå]?\)?"
    r"(?=[\s,.;:)]|\Z)|flg\.?|ff\.?))+",
    re.IGNORECASE,
)
_REVERSE_RE = re.compile(
    r"\s*,?\s+i\s+(?:(?:den|det|ny|nye|gjeldende|gjeldande)\s+)?", re.IGNORECASE
)
# A section that starts a compound word, with its law after it: «de tidligere § 27-styrene
# etter kommuneloven (1992)» (regjeringen.no: Veileder om interkommunalt samarbeid).
_COMPOUND_REVERSE_RE = re.compile(
    r"-[^\W\d_]{3,}\s+(?:etter|i)\s+(?:(?:den|det|ny|nye|gjeldende|gjeldande)\s+)?",
    re.IGNORECASE,
)
# «§ 3 i denne avtalen», «§ 5 i vedtektene»: a document's own paragraphs, not a law's.
_OWN_TEXT_RE = re.compile(
    r"\s*,?\s+i\s+(?:(?:denne|dette|disse|vår|vårt|våre)\s+(?!lov|forskrift)\w+"
    r"|(?:avtalen|avtala|vedtektene|vedtektane|reglementet|retningslinjene|instruksen"
    r"|samarbeidsavtalen|mandatet|rutinen|planen|rapporten|utkastet)(?!\w))",
    re.IGNORECASE,
)
_GENITIVE_BEFORE_RE = re.compile(r"(?<![\w-])([^\W\d_]{3,}s)\s*\Z")
# Words ending in «s» that are no genitive: «mens § 13-3 annet ledd …».
_NOT_GENITIVE = frozenset(("mens", "hvis", "tross", "pluss", "minus", "dels", "stikk"))
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")
# An ID may be glued to the word before it when copied from Lovdata's page header
# («DatoLOV-2011-06-24-30», «EndrerLOV-1982-11-19-66»): only in capitals, after a lower-case
# letter.
_WHOLE_RE = re.compile(
    rf"(?:(?<![\w/-])|(?<=[a-zæøå])(?=(?-i:LOV|FOR)-\d))(?:{_ID}|{_FORMAL})(?!\w)",
    re.IGNORECASE,
)
# A formal citation may be the end of a name: «Pasientjournalforskriften 1. mars 2019 nr. 168»
# is «forskriften 1. mars 2019 nr. 168». Found from its literal start (far cheaper than trying
# a look-behind at every place of the body), then read with the same pattern.
_GLUED_FORMAL_START_RE = re.compile(r"(?:forskrift|lov)(?:en|a)\s+(?:av\s+)?\d", re.IGNORECASE)
_GLUED_WHOLE_RE = re.compile(rf"(?:{_ID}|{_FORMAL})(?!\w)", re.IGNORECASE)


def _whole_matches(body: str) -> list[re.Match[str]]:
    """The Lovdata IDs and formal citations of ``body`` (:data:`_WHOLE_RE`), also those at
    the end of a name, by position."""
    glued = [
        match
        for start in (m.start() for m in _GLUED_FORMAL_START_RE.finditer(body))
        if body[start - 3 : start].isalpha()  # empty, so not alphabetic, when start < 3
        and (match := _GLUED_WHOLE_RE.match(body, start)) is not None
    ]
    return sorted([*_WHOLE_RE.finditer(body), *glued], key=lambda match: match.start())


GDPR = "LOV-2018-06-15-38/gdpr"
_REF_KINDS = {"forskrift": "regulation", "konvensjon": "convention", "forordning": "convention"}


@dataclass(slots=True)
class _Mention:
    """A law named in a paragraph: where, which (None: unknown), and as what text."""

    start: int
    end: int
    law: Law | None
    law_text: str
    kind: str  # law, regulation or convention (an unknown law counts as a law)
    unresolved: bool = False
    era_new: bool = False  # named «ny …» («ny opplæringslov»), what «ny lov» refers to
    ref: bool = False  # a back-reference («loven», «samme lov»), not a law named


def _no_law(match: re.Match[str], kind: str) -> _Mention:
    """A reference to a law that cannot be told («denne lova», «loven» with no law before it):
    a unit that refers to it is TVF208. Only where it starts and its kind are read."""
    return _Mention(match.start(), match.start(), None, "", kind, unresolved=True)


_AMENDED_BY_RE = re.compile(r"(?<!\w)(?:med|ved)\s+\Z", re.IGNORECASE)


# A month by the first three letters of its name or abbreviation («sept», «des.»).
_MONTH_NUMBERS = {name[:3]: number for number, name in enumerate(MONTH_NAMES, 1)}


def _formal_id(match: re.Match[str]) -> str | None:
    """The Lovdata ID of a formal citation («lov 17. juli 1998 nr. 61» → LOV-1998-07-17-61);
    None for a date that does not exist."""
    if match["fiso"] is not None:
        day = match["fiso"]
    else:
        month = _MONTH_NUMBERS[match["fm"][:3].lower()]
        day = f"{match['fy']}-{month:02d}-{int(match['fd']):02d}"
    return registry_id(f"{match['fkind'][:3]}-{day}-{match['fn']}")  # LOV- or FOR-


def _ref_kind(text: str) -> str:
    word = text.lower()
    return next((kind for stem, kind in _REF_KINDS.items() if stem in word), "law")


#: How many of a paragraph's mentions before a reference («samme lov», «ny lov § 2») it looks
#: back through. Real paragraphs name a handful of laws; a paragraph of thousands of references
#: (generated or hostile text: «ny lov § 2 » 15,000 times took 9 s, growing with the square of
#: its length) would otherwise be read in quadratic time.
LOOK_BACK = 64


def _just_before(mentions: list[_Mention], pos: int) -> list[_Mention]:
    """The last :data:`LOOK_BACK` of a paragraph's ``mentions`` (in order of their start) that
    start before ``pos``."""
    i = bisect.bisect_left(mentions, pos, key=_mention_start)
    return mentions[max(0, i - LOOK_BACK) : i]


def _mention_start(mention: _Mention) -> int:
    return mention.start


def _antecedent(mentions: list[_Mention], before: int, kinds: tuple[str, ...]) -> _Mention | None:
    for mention in reversed(mentions):
        if mention.start < before and mention.kind in kinds:
            return mention
    return None


class _Paragraphs:
    """The paragraphs of a body and the laws named in each, found when first asked for."""

    def __init__(self, body: str, registry: LawRegistry, today: date) -> None:
        self.body = body
        self.registry = registry
        self.today = today
        self._breaks: list[int] | None = None
        self._mentions: dict[int, list[_Mention]] = {}

    @property
    def breaks(self) -> list[int]:
        if self._breaks is None:
            self._breaks = [m.end() for m in _PARAGRAPH_BREAK_RE.finditer(self.body)]
        return self._breaks

    def bounds(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.breaks, pos)
        start = self.breaks[k - 1] if k else 0
        end = self.breaks[k] if k < len(self.breaks) else len(self.body)
        return start, end

    def mentions(self, pos: int) -> list[_Mention]:
        start, end = self.bounds(pos)
        if start not in self._mentions:
            self._mentions[start] = self._find(start, end)
        return self._mentions[start]

    def _find(self, start: int, end: int) -> list[_Mention]:
        found: list[_Mention] = []
        for match in self.registry.mention_pattern.finditer(self.body, start, end):
            mention = _mention(match, self.registry, self.today, found[-LOOK_BACK:])
            if (
                mention is not None
                and mention.unresolved
                and match["ref"] is not None
                and start  # not the first paragraph
                and all(m.law is None or m.ref for m in found)
            ):
                # «… (helse- og omsorgstjenesteloven).\n\nMed unntak av § 3-5 … trådte loven i
                # kraft»: a paragraph that names no law refers back to the one before it.
                earlier = _reference(match, self.registry, self.mentions(start - 1))
                if not earlier.unresolved:
                    mention = earlier
            if mention is not None:
                found.append(mention)
        return found


def _reference(match: re.Match[str], registry: LawRegistry, before: list[_Mention]) -> _Mention:
    """The law a back-reference («loven», «samme lov», «forskrifta», «dennes») refers to: the
    one named last before it in ``before``, of its kind."""
    ref = match["ref"].lower()
    kind = _ref_kind(ref)
    if ref.split()[0] == "denne":  # «denne lova»: the text's own (draft) act
        return _no_law(match, kind)
    earlier = _antecedent(
        before,
        match.start(),
        (kind,) if kind != "law" else ("law", "regulation") if ref == "dennes" else ("law",),
    )
    if earlier is None and "forordning" in ref:
        gdpr = registry.by_id(GDPR)  # «forordningen» in this field: the GDPR
        if gdpr is not None:
            return _Mention(match.start(), match.end(), gdpr, "forordningen", gdpr.kind)
    if earlier is None:
        return _no_law(match, kind)
    return _Mention(
        match.start(),
        match.end(),
        earlier.law,
        earlier.law_text,
        earlier.kind,
        earlier.unresolved,
        ref=True,
    )


def _mention(
    match: re.Match[str], registry: LawRegistry, today: date, before: list[_Mention]
) -> _Mention | None:
    """The law a match of the law alternatives names; a back-reference takes the law named
    last before it in ``before`` (of its kind)."""
    if match["ref"] is not None:
        return _reference(match, registry, before)
    if match["era"] is not None:
        return _era_mention(match, registry, today, before)
    text = _one_line(match[0]).rstrip(".")
    if match["lid"] is not None or match["formal"] is not None:
        law_id = registry_id(match["lid"]) if match["lid"] else _formal_id(match)
        if law_id is None:
            return None
        law = registry.by_id(law_id)
        # an ID names a law or a regulation (FOR-), known or not (a convention's has a part)
        kind = "regulation" if law_id.startswith("FOR") else "law"
        if _AMENDED_BY_RE.search(match.string, max(0, match.start() - 20), match.start()):
            # «§ 6 a ble føyd til med lov 11. juni 2021 nr. 78»: an amending act, which a
            # later «§ 8» does not refer to.
            kind = "amendment"
        return _Mention(match.start(), match.end(), law, law_id, kind)
    if match["regof"] is not None:
        return _Mention(match.start(), match.end(), None, _one_line(match["regof"]), "regulation")
    name = match["name"] or match["unknown"]
    law = _resolve_name(registry, name, today)
    if law is not None and before:
        # «Lov 17. juli 1998 nr. 61 om … (Opplæringslova)»: a name right after a formal
        # citation or ID of a law that has it means that law.
        previous = before[-1]
        if (
            previous.law is not None
            and match.start() - previous.end < 200
            and any(name_key(name) == name_key(text) for name in previous.law.names)
        ):
            law = previous.law
    kind = (
        law.kind
        if law is not None
        else "regulation"
        if name.lower().endswith(("forskriften", "forskrifta"))
        else "law"
    )
    return _Mention(match.start(), match.end(), law, _one_line(name), kind)


# A law or regulation the registry does not know, by its title right before a «§»: «lov om
# ekteskap § 26», «Forskrift om familiebarnehager - § 1». The title is words (a comma or «m.m.»
# allowed), at most ten, ending in a word that can end a title (not «og», «jf.», «i» …).
_UNKNOWN_TITLE_RE = re.compile(
    r"(?<![\w-])(?P<title>(?:lov|forskrift)\s+om\s+(?:(?:m\.m\.|m\.v\.|mv\.|[^\W\d_][\w-]*,?)\s+)"
    r"{0,9}?(?P<last>[^\W\d_][\w-]*))\s*(?:[-–:]\s*)?\Z",
    re.IGNORECASE,
)
_NOT_TITLE_END = frozenset(
    [
        "og",
        "eller",
        "samt",
        "jf",
        "jfr",
        "se",
        "etter",
        "i",
        "med",
        "til",
        "av",
        "for",
        "som",
        "der",
        "hvor",
        "men",
        "at",
        "om",
        "på",
        "ved",
        "fra",
        "under",
        "mot",
        "blant",
        "annet",
        "ny",
        "nye",
        "nr",
        "kap",
        "kapittel",
        "paragraf",
        "eks",
        "bl",
    ]
)


def _unknown_title(body: str, keyword: int, tail: re.Match[str]) -> _Mention | None:
    """The unknown law or regulation whose title ends right before the «§» at ``keyword``."""
    if tail["art"] is not None:
        return None
    start = max(body.rfind("\n", 0, keyword) + 1, keyword - 160)
    found = _UNKNOWN_TITLE_RE.search(body[start:keyword])
    if found is None or found["last"].lower() in _NOT_TITLE_END:
        return None
    # Only the title is read: the mention is in no list of mentions, and no law is known.
    return _Mention(keyword, keyword, None, _one_line(found["title"]), "law")


_SENTENCE_END_RE = re.compile(r"[.!?](?:\s+(?-i:[A-ZÆØÅ])|\s*\n)|\n\s*\n|§")


def _sentence_ends(body: str, start: int, end: int) -> bool:
    """Whether a sentence ends, or a section sign stands, between ``start`` and the word at
    ``end`` (whose capital may be what shows the sentence ended: «… . Kapittel 19»)."""
    return _SENTENCE_END_RE.search(body, start, end + 1) is not None


def _has_section(law: Law | None, section: str) -> bool:
    """Whether the section list of ``law`` (complete, or a repealed act's partial one) holds
    ``section``."""
    return law is not None and law.sections is not None and section in law.sections


def _first_section_lacking(mention: _Mention, tail: re.Match[str]) -> str | None:
    """The first section of ``tail`` when the law of ``mention`` has a complete section list
    without it; else None (it has it, or tvf cannot tell)."""
    law = mention.law
    if law is None or law.sections is None or not law.complete:
        return None
    first = _SEC_PARTS_RE.search(tail["sec1"] or tail["secs"] or "")
    if first is None:
        return None
    section = _section_name(first)
    return None if section in law.sections else section


def _law_that_has_it(
    keyword: int,
    tail: re.Match[str],
    chosen: _Mention | None,
    mentions: list[_Mention],
    registry: LawRegistry,
) -> _Mention | None:
    """The law a «§» with no law right before it refers to, checked against section lists.

    The law cited last before it (``chosen``) stays, unless its section list is known whole,
    lacks the section (nor had the repealed law sharing its name the section: TVF207), and
    another law named in the paragraph has it: «Det følger av forvaltningsloven § 17 … Etter
    § 4-3 annet ledd skal undersøkelsen … regulert i barnevernloven».
    """
    if chosen is None or chosen.law is None:
        return chosen
    section = _first_section_lacking(chosen, tail)
    if section is None:
        return chosen
    if old_numbering(registry, chosen.law, chosen.law_text, section) is not None:
        return chosen
    others = [m for m in mentions if m.law is not chosen.law]
    others.sort(key=lambda m: abs(m.start - keyword))  # the nearest first
    return next((m for m in others if _has_section(m.law, section)), chosen)


def _chapter_continuation(
    body: str, keyword: int, tail: re.Match[str], mentions: list[_Mention], line: int
) -> Citation | None:
    """«Kommuneloven kapittel 18 har regler for … og kapittel 19 har regler for …»: a chapter
    with no law before it cites the law whose chapter was cited last before it in the same
    sentence (no section sign between); any other chapter with no law is a text's own."""
    for mention in reversed(mentions):
        if mention.start >= keyword:
            continue
        if mention.law is None or keyword - mention.end > 200:
            return None
        cited = _TAIL_RE.match(body, mention.end)
        if cited is None or cited["chap"] is None:
            return None
        if _sentence_ends(body, cited.end(), keyword):
            return None
        return Citation(
            text=_one_line(body[keyword : tail.end()]),
            line=line,
            law_text=mention.law_text,
            law=mention.law,
            chapter=normalise_chapter(tail["chap"]),
        )
    return None


def _repeated_chapter(
    body: str,
    keyword: int,
    tail: re.Match[str],
    found: list[tuple[int, Citation]],
    paragraphs: _Paragraphs,
    line: int,
) -> Citation | None:
    """«Kapittel 12 i ny opplæringslov (Kapittel 12 erstatter deler av kapittel 9 A …)»: a
    chapter with no law that repeats the number of the chapter cited last before it in the same
    paragraph cites it again; any other chapter with no law stays the text's own."""
    start = paragraphs.bounds(keyword)[0]
    last = max(
        ((pos, cite) for pos, cite in found if start <= pos < keyword and cite.chapter),
        key=lambda pair: pair[0],
        default=None,
    )
    if last is None or last[1].law is None:
        return None
    cited = last[1]
    chapter = normalise_chapter(tail["chap"])
    if chapter != cited.chapter:
        return None
    return Citation(
        text=_one_line(body[keyword : tail.end()]),
        line=line,
        law_text=cited.law_text,
        law=cited.law,
        chapter=chapter,
    )


_DRAFT_RE = re.compile(r"(?<!\w)(?:forslag|framlegg|utkast)\s+til\s+\Z", re.IGNORECASE)


def _era_mention(
    match: re.Match[str], registry: LawRegistry, today: date, before: list[_Mention]
) -> _Mention:
    """«ny opplæringslov» (the law in force), «tidligere opplæringslov» (the repealed law that
    shared the name), «ny lov» (the law last named «ny …» in the paragraph). The word is
    always a law («…lov», «…loven», «…lova»)."""
    era = match["era"].lower()
    new = era in _ERA_NEW
    word = match["eralaw"]
    if new and _DRAFT_RE.search(match.string, max(0, match.start() - 20), match.start()):
        # «Barnevernslovutvalget har i sitt forslag til ny barnevernlov …»: a draft act.
        return _no_law(match, "law")
    if word.lower() in ("lov", "loven", "lova"):
        earlier = next((m for m in reversed(before) if m.era_new and m.law is not None), None)
        if earlier is None or not new:
            return _no_law(match, "law")
        return _Mention(match.start(), match.end(), earlier.law, earlier.law_text, "law")
    text = _one_line(match.string[match.start("era") : match.end("eralaw")])
    for ending in ("", "en", "a"):
        name = word + ending
        law = registry.resolve(name, today)
        if law is not None:
            break
    else:
        return _Mention(match.start(), match.end(), None, text, "law", era_new=new)
    if era in _ERA_NOW:
        # The name as written, so that a shared name is read as of the document's date.
        return _Mention(match.start(), match.end(), law, name, "law")
    if not new:
        law = registry.predecessor(law, name) or (law if law.repealed is not None else None)
    elif law.replaced_by is not None:
        law = registry.by_id(law.replaced_by) or law  # «den nye barnevernloven»: the successor
    return _Mention(match.start(), match.end(), law, text, "law", era_new=new)


def _loose_unit(
    body: str,
    keyword: int,
    paragraphs: _Paragraphs,
    registry: LawRegistry,
    line: int,
    found: list[tuple[int, Citation]],
) -> Citation | None:
    """A «§», chapter or article with no law right before it: reverse order («§ 2-12 i
    opplæringslova»), continuation («jf. § 10» after a law in the paragraph, a chapter cited
    again), a document's own paragraph or chapter (quiet), or a section sign with no law
    (TVF208). ``found``: the citations found so far, by position."""
    tail = _TAIL_RE.match(body, keyword)
    if tail is None:
        return None
    end = tail.end()
    qualifier = _QUALIFIER_RE.match(body, end)
    after = qualifier.end() if qualifier else end
    qualifier_text = _one_line(qualifier[0]).strip(" ,") if qualifier else ""
    if _OWN_TEXT_RE.match(body, after):
        return None
    mentions = paragraphs.mentions(keyword)
    law_mention: _Mention | None = None
    token = max(body.rfind(" ", 0, keyword), body.rfind("\n", 0, keyword)) + 1
    if "/" in body[token:keyword]:
        return None  # a § inside a link or path (lovdata.no/forskrift/…/§3)
    reverse = _REVERSE_RE.match(body, after) or _COMPOUND_REVERSE_RE.match(body, after)
    if reverse is not None:
        # «i ny opplæringslov»: the era word is part of the name, not of «i»
        law_mention = next((m for m in mentions if after < m.start <= reverse.end()), None)
        if law_mention is not None and law_mention.unresolved and tail["chap"] is not None:
            return None  # «kapittel 5 i loven» with no law before it: a text's own chapter
    if law_mention is None and tail["art"] is not None:
        direct = re.match(r"\s+", body[after : after + 2])
        start = after + (direct.end() if direct else 0)
        law_mention = next(
            (m for m in mentions if m.start == start and m.kind == "convention"), None
        )
    if law_mention is None:
        if tail["chap"] is not None:
            # A report's own chapters: only «<law> kapittel N» cites one, and «og kapittel 19»
            # right after it in the same sentence (continuation).
            return _chapter_continuation(body, keyword, tail, mentions, line) or _repeated_chapter(
                body, keyword, tail, found, paragraphs, line
            )
        line_start = max(body.rfind("\n", 0, keyword), paragraphs.bounds(keyword)[0] - 1) + 1
        if not body[line_start:keyword].strip(" \t>#*_-") and tail["art"] is None:
            return None  # «§ 3 Formål»: a heading of a text's own paragraphs
        if tail["art"] is None and _NOW_BEFORE_RE.search(body, max(0, keyword - 12), keyword):
            # «dagens § 2-1 … etter barnevernloven»: the law named after it in the sentence,
            # also when another law was named before it; with none after it, «dagens» is
            # read as a genitive (below: quiet)
            law_mention = _named_after(body, end, mentions, ("law", "regulation"))
        genitive = _GENITIVE_BEFORE_RE.search(body, max(0, keyword - 40), keyword)
        if (
            law_mention is None
            and genitive is not None
            and genitive[1].lower() not in _NOT_GENITIVE
        ):
            return None  # «avtalens § 3», «vedtektenes § 5»
        law_mention = law_mention or _unknown_title(body, keyword, tail)
        if law_mention is None:
            kinds = ("convention",) if tail["art"] is not None else ("law", "regulation")
            law_mention = _antecedent(mentions, keyword, kinds)
            if law_mention is None and tail["art"] is None:
                # «Kommunestyret skal videre etter § 4a-2 …» in the paragraph after one that
                # cited kommunehelsetjenesteloven: the law cited last in the paragraph before,
                # when this paragraph names no law at all.
                start = paragraphs.bounds(keyword)[0]
                if start > 0 and all(m.law is None or m.ref for m in mentions):
                    earlier = _antecedent(paragraphs.mentions(start - 2), start, kinds)
                    # Not a section the law's complete list lacks («Se § 5 nedenfor» after a
                    # paragraph citing a law with no § 5): that stays TVF208.
                    if earlier is not None and _first_section_lacking(earlier, tail) is None:
                        law_mention = earlier
            if tail["art"] is None:
                law_mention = _law_that_has_it(keyword, tail, law_mention, mentions, registry)
    text = _one_line(body[keyword:after]).rstrip(" ,")
    if law_mention is None or law_mention.unresolved:
        return _unresolved(text, line, tail, qualifier_text)
    law = law_mention.law
    sections, chapter, articles, notes = _tail_parts(tail, law)
    return Citation(
        text=text,
        line=line,
        law_text=law_mention.law_text,
        law=law,
        sections=sections,
        chapter=chapter,
        articles=articles,
        nonstandard=notes,
        qualifier=qualifier_text,
    )


# «dagens § 2-1 …»: the section of the law in force, named later in the sentence.
_NOW_BEFORE_RE = re.compile(r"(?<!\w)(?:dagens|gjeldende|gjeldande)\s+\Z", re.IGNORECASE)


def _named_after(
    body: str, end: int, mentions: list[_Mention], kinds: tuple[str, ...]
) -> _Mention | None:
    """The first law named after ``end`` in the same sentence, with no other section between
    («Oppheve dagens § 2-1 tredje ledd om at kommunestyret kan legge oppgaver etter
    barnevernloven til et folkevalgt organ»)."""
    for mention in mentions:
        if mention.start < end or mention.law is None or mention.ref or mention.kind not in kinds:
            continue
        if _sentence_ends(body, end, mention.start):
            return None
        return mention
    return None


_INTERRUPTION_RE = re.compile(r"\s*,\s*(?:jf|jfr)\.?\s+", re.IGNORECASE)
_RESUMED_RE = re.compile(
    rf"(?:\s*,\s*(?:og\s+|eller\s+)?{_SEC_DASHED}{_SEC})+(?:\s+(?:og|eller)\s+{_SEC_DASHED}{_SEC})?",
    re.IGNORECASE,
)


def _dashed(sections: Iterable[str]) -> bool:
    return all("-" in section for section in sections)


def _resumed_lists(
    body: str, by_start: dict[int, tuple[int, Citation, bool]], line_at: Callable[[int], int]
) -> list[tuple[int, Citation]]:
    """A «§§» list that goes on after a citation of another law put in it: «barnevernloven
    §§ 1-4, 4-3, jf. fvl. § 17, 6-1, 6-3, 6-3 a, 2-1» (6-1 … 2-1 are barnevernloven's). Only
    when the list's sections have a dash, the one put in has none, and so do the ones after."""
    found: list[tuple[int, Citation]] = []
    for end, cite, double in by_start.values():
        if not double or cite.law is None or not _dashed(cite.sections):
            continue
        between = _INTERRUPTION_RE.match(body, end)
        inner = by_start.get(between.end()) if between is not None else None
        if inner is None or inner[1].law is cite.law or _dashed(inner[1].sections):
            continue
        rest = _RESUMED_RE.match(body, inner[0])
        if rest is None:
            continue
        items, notes = _read_items(rest[0], False)
        start = rest.start() + len(rest[0]) - len(rest[0].lstrip(" ,\n"))
        found.append(
            (
                start,
                Citation(
                    text=_one_line(body[start : rest.end()]),
                    line=line_at(start),
                    law_text=cite.law_text,
                    law=cite.law,
                    sections=tuple(name for name, _last in items),  # no «til» in it
                    nonstandard=notes,
                ),
            )
        )
    return found


# A bill's commentary on one of its sections starts with a line «Til § 1-5» (Prop. … L,
# «Merknader til de enkelte bestemmelsene»); the text under it names the act.
_COMMENTARY_RE = re.compile(r"(?:\A|\n)[ \t]*Til[ \t]+\Z")
_COMMENTARY_AHEAD = 400
_NEXT_COMMENTARY_RE = re.compile(r"\n[ \t]*Til[ \t]+§")


def _commentary_law(
    body: str, keyword: int, registry: LawRegistry, today: date
) -> tuple[str, Law] | None:
    """The law of a bill's commentary heading «Til § N» (a line of its own start) that names no
    law: the first registry law the commentary under it names without a unit (a section,
    chapter or article after it, or «§ … i» before it, makes it another citation); None when
    the heading is no such line or no such law follows before the next heading."""
    if not _COMMENTARY_RE.search(body, max(0, keyword - 12), keyword):
        return None
    line_end = body.find("\n", keyword)
    if line_end < 0:
        return None
    end = min(len(body), line_end + _COMMENTARY_AHEAD)
    following = _NEXT_COMMENTARY_RE.search(body, line_end, end)
    end = following.start() if following is not None else end
    for match in registry.mention_pattern.finditer(body, line_end, end):
        name = match["name"]
        if name is None:
            continue
        if _TAIL_RE.match(body, match.end()) is not None:
            continue
        if _REVERSE_BEFORE_RE.search(body, max(0, match.start() - 40), match.start()):
            continue
        law = _resolve_name(registry, name, today)
        if law is not None:
            return _one_line(name), law
    return None


_REVERSE_BEFORE_RE = re.compile(r"§[^§\n]{0,25}\si\s+\Z")


# Markdown emphasis with underscores on one line, «_kapittel 5 i barnehageloven_»: an opening
# «_» not after a letter or digit and a closing one not before one (CommonMark: «_» inside a
# word emphasises nothing, as in «KAPITTEL_3»). The body is read with both as spaces, as
# «*…*» is read: the patterns count «_» as a letter, so a name, section or keyword touching
# one would not be found. Inside, a «_» can only stand within a word («KAPITTEL_5»): an opening
# «_» looks no further than the next «_» that could open or close, so the scan stays linear on
# a line of openers that close nothing («_a _a _a …»: quadratic, 58 s for 120,000 characters,
# when it looked to the line's end).
_EMPHASIS_RE = re.compile(
    r"(?<![^\W_])_(?=[^\s_])((?:[^\n_]|(?<=[^\W_])_(?=[^\W_]))*[^\s_])_(?![^\W_])"
)


class _LineCounter:
    """The line of a position in a body, counting the newlines from the position asked last
    when it is not further on: each pass over a body asks in order, so a body is counted a few
    times in all, not once per citation from its start (quadratic: 100,000 citations on one
    line)."""

    def __init__(self, body: str, first_line: int) -> None:
        self.body = body
        self.first_line = first_line
        self.pos = 0
        self.line = first_line

    def __call__(self, pos: int) -> int:
        if pos < self.pos:
            self.pos, self.line = 0, self.first_line
        self.line += self.body.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def find_citations(
    body: str, first_line: int, registry: LawRegistry, today: date
) -> list[Citation]:
    """The law citations in a Markdown body; ``first_line`` is the file line of body line 1.

    Every form of handbook-format.md, section 4.1: a known name, abbreviation, title, Lovdata
    ID or formal citation followed by ``§``, ``§§``, ``kapittel``/``kap.`` or
    ``artikkel``/``art.`` (also in the genitive); a word ending in ``-loven``/``-lova`` followed
    by the same (an unknown law); Lovdata law links; reverse order («§ 2-12 i
    opplæringslova»); back-references and continuation within a paragraph («samme lov § 2-7»,
    «jf. § 10»); a «§» with no law that can be told (``unresolved``, TVF208); and a Lovdata ID
    or formal citation on its own (the whole law). A law name alone is not a citation.
    """

    if "_" in body:
        body = _EMPHASIS_RE.sub(r" \1 ", body)

    line_at = _LineCounter(body, first_line)

    if not any(trigger in body for trigger in _TRIGGERS):
        return [cite for _pos, cite in _glued_articles(body, registry, line_at)]
    found: list[tuple[int, Citation]] = []
    paragraphs = _Paragraphs(body, registry, today)
    whole = _whole_matches(body) if any(trigger in body for trigger in _WHOLE_TRIGGERS) else []
    has_whole = bool(whole)
    keywords = _keyword_positions(body)
    matches = _citation_matches(body, registry, keywords)
    claimed: list[tuple[int, int]] = []
    cited_laws: dict[int, set[str]] = {}  # paragraph start → IDs cited with a unit
    by_start: dict[int, tuple[int, Citation, bool]] = {}  # name citations with sections

    for match in matches:
        start = match.start()
        claimed.append((start, match.end()))
        url = match["mdurl"] or match["url"]
        if url is not None:
            cite = _link_citation(url, match[0], line_at(start), registry)
            if cite is None:
                continue
            if match["mdurl"] is not None and not cite.sections and cite.chapter is None:
                inner = find_citations(match["mdtext"], first_line, registry, today)
                for other in inner:
                    if other.sections or other.chapter is not None:
                        cite = replace(
                            cite,
                            sections=other.sections,
                            chapter=other.chapter,
                            nonstandard=other.nonstandard,
                        )
                        break
            found.append((start, cite))
            continue
        earlier = (
            _just_before(paragraphs.mentions(start), start)
            if match["ref"] is not None or match["era"] is not None
            else []
        )
        mention = _mention(match, registry, today, earlier)
        if mention is None:
            continue
        qualifier = _QUALIFIER_RE.match(body, match.end())
        qualifier_text = _one_line(qualifier[0]).strip(" ,") if qualifier else ""
        if mention.unresolved:
            sections, chapter, articles, notes = _tail_parts(match)
            found.append(
                (
                    start,
                    Citation(
                        text=_one_line(match[0]),
                        line=line_at(start),
                        law_text="",
                        law=None,
                        sections=sections,
                        chapter=chapter,
                        articles=articles,
                        nonstandard=notes,
                        unresolved=True,
                        qualifier=qualifier_text,
                    ),
                )
            )
            continue
        sections, chapter, articles, notes = _tail_parts(match, mention.law)
        if mention.law is not None and has_whole:
            cited_laws.setdefault(paragraphs.bounds(start)[0], set()).add(mention.law.id)
        cite = Citation(
            text=_one_line(match[0]),
            line=line_at(start),
            law_text=mention.law_text,
            law=mention.law,
            sections=sections,
            chapter=chapter,
            articles=articles,
            nonstandard=notes,
            qualifier=qualifier_text,
        )
        found.append((start, cite))
        if sections:
            by_start[start] = (match.end(), cite, match["secs"] is not None)
    for resumed in _resumed_lists(body, by_start, line_at):
        found.append(resumed)

    claimed_starts = [span[0] for span in claimed]

    def is_claimed(pos: int) -> bool:
        k = bisect.bisect_right(claimed_starts, pos) - 1
        return k >= 0 and pos < claimed[k][1]

    loose_end = 0
    for keyword in keywords:
        if keyword < loose_end or is_claimed(keyword):
            continue
        tail = _TAIL_RE.match(body, keyword)
        loose_end = tail.end() if tail is not None else keyword + 1
        cite = _loose_unit(body, keyword, paragraphs, registry, line_at(keyword), found)
        if cite is not None and cite.unresolved and cite.sections:
            heading_law = _commentary_law(body, keyword, registry, today)
            if heading_law is not None:
                cite = replace(cite, law=heading_law[1], law_text=heading_law[0], unresolved=False)
        if cite is not None:
            if cite.law is not None and has_whole:
                cited_laws.setdefault(paragraphs.bounds(keyword)[0], set()).add(cite.law.id)
            found.append((keyword, cite))
    found.extend(_glued_articles(body, registry, line_at))
    if has_whole:
        for match in whole:
            if is_claimed(match.start()):
                continue
            law_id = registry_id(match["lid"]) if match["lid"] else _formal_id(match)
            if law_id is None:
                continue
            law = registry.by_id(law_id)
            if law_id in cited_laws.get(paragraphs.bounds(match.start())[0], set()) or (
                law is not None
                and law.id in cited_laws.get(paragraphs.bounds(match.start())[0], set())
            ):
                continue
            found.append(
                (
                    match.start(),
                    Citation(
                        text=_one_line(match[0]),
                        line=line_at(match.start()),
                        law_text=law_id,
                        law=law,
                    ),
                )
            )
    found.sort(key=lambda pair: pair[0])
    return [cite for _pos, cite in found]
