"""A law named as a legal basis without a section (issue 13, «whole-law»): «Forskriften er
hjemlet i lov om kommunale helse- og omsorgstjenester m.m. (helse- og omsorgstjenesteloven) og
lov om vern mot smittsomme sykdommer (smittevernloven)», «tjenester etter
helse- og omsorgstjenesteloven», or a line of a list headed «Lovgrunnlag»/«Aktuelt lovverk».

The body scan (:func:`~tverrfaglig.laws.parser.find_citations`) leaves a law named without a
section alone, since most such names are only the subject of a sentence. These few cues say
that the text rests on the law, so the law is cited as a whole, as in ``legal_basis``. Only a
registry name counts (never an unknown «…loven»), and not a law the same text already cites
with a section, chapter or article (a formal citation followed by its sections is counted
through them). :func:`find_body_citations` is what ``tvf check``, ``tvf laws find`` and the
corpus score read a body with.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from .parser import Citation, find_citations

if TYPE_CHECKING:
    from .registry import LawRegistry

# What is said right before a law that the text rests on (searched for only when
# _may_have_cue says a body may hold one).
_CUE_RE = re.compile(
    r"(?<!\w)(?:(?:hjemlet|hjemla|heimla|heimlet)\s+i|i\s+medhold\s+av|med\s+(?:hjemmel|heimel)"
    r"\s+i|(?:tjenester|tenester)\s+etter|sikret\s+i|sikra\s+i|i\s*følge)\s+",
    re.IGNORECASE,
)
# A heading of a list of laws, on a line of its own.
_HEADING_RE = re.compile(
    r"^[ \t]*(?:lovgrunnlag|aktuelt\s+lovverk|aktuelle\s+lover|lover|lovverk|lover\s+og\s+"
    r"forskrifter|regelverk|laws)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# Whether a body may hold a cue or a heading: substring searches (no generator), far cheaper
# than the regular expressions, so that a body with none costs next to nothing.


def _may_have_cue(body: str) -> bool:
    return (
        "jeml" in body
        or "eiml" in body
        or "jemmel" in body
        or "eimel" in body
        or "medhold" in body
        or "nester etter" in body
        or "følge " in body
        or "ikret " in body
        or "ikra " in body
    )


# A Lovdata page's title copied as a link's text, on a line of its own: «Lov om pasient- og
# brukerrettigheter (pasient- og brukerrettighetsloven) - Lovdata».
_LOVDATA_TITLE_RE = re.compile(r"[ \t]*[-–][ \t]*Lovdata[ \t]*(?:\n|\Z)")


def _lovdata_title_lines(body: str) -> list[int]:
    """Where each line that ends «- Lovdata» starts its text (after a bullet)."""
    starts: list[int] = []
    pos = body.find("Lovdata")
    while pos >= 0:
        line_start = body.rfind("\n", 0, pos) + 1
        bullet = _BULLET_RE.match(body, line_start)
        starts.append(bullet.end() if bullet else line_start)
        pos = body.find("Lovdata", pos + 7)
    return starts


# A line that is a law's title and its short name in brackets, in a list of what a service
# rests on: «Lov om behandlingsmåten i forvaltningssaker (forvaltningsloven)» (Nordre Land
# kommune's service pages). Only with the short name: a title alone may be a heading.
_TITLE_LINE_RE = re.compile(
    r"^[ \t]*(?:[-*•–][ \t]+)?(?=(?:lov|forskrift)\s+om\s)[^\n]{8,160}\)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_LINE_END_RE = re.compile(r"[ \t]*(?:\n|\Z)")


def _title_lines(body: str) -> list[int]:
    """Where each line that is a law's title with its short name in brackets starts its text
    (after a bullet)."""
    starts: list[int] = []
    for match in _TITLE_LINE_RE.finditer(body):
        bullet = _BULLET_RE.match(body, match.start())
        starts.append(bullet.end() if bullet else match.start())
    return starts


def _may_have_heading(body: str) -> bool:
    return (
        "\nLov" in body
        or "\nlov" in body
        or "\nAktuel" in body
        or "\nRegelv" in body
        or "\nLaws" in body
        or (_HEADING_RE.match(body) is not None)
    )


# After a law: its short name in brackets, then «og»/«eller»/a comma and the next law.
_BRACKETS_RE = re.compile(r"\s*\([^()\n]{1,80}\)")
_AND_RE = re.compile(r"\s*(?:,|\bog\b|\beller\b)\s*", re.IGNORECASE)
# The next name glued to this one where a list lost its line break (parser._GLUE_BEFORE):
# «Helse- og omsorgstjenestelovenHelsepersonelloven».
_GLUED_RE = re.compile(r"(?<=(?-i:[a-zæøå]))(?=(?-i:[A-ZÆØÅ][a-zæøå]))")
# A unit right after the name: the parser's business (a section, chapter or article).
_UNIT_AFTER_RE = re.compile(r"\s*(?:§|kap(?:ittel|\.)|art(?:ikkel|\.)?\s*\d)", re.IGNORECASE)
_BULLET_RE = re.compile(r"[ \t]*(?:[-*•–][ \t]+)?")
_LIST_LINE_SLACK = 80  # what a list line may hold besides the name («- Lovdata», a title)
_LINE_TAIL = 12  # what may follow a listed law on its line: «- Lovdata», «(PDF)»


# A regulation named by its full title («forskrift om habilitering og rehabilitering,
# individuell plan og koordinator»): where a title such as this stands, the text cites the
# regulation, whatever comes before it. Not a title that goes on («forskrift om miljørettet
# helsevern i barnehager og skoler» is another regulation than «forskrift om miljørettet
# helsevern»), and not a regulation being made («fastsatt forskrift om …»).
_REGULATION_TITLE_RE = re.compile(
    r"(?:(?<!\w)|(?<=(?-i:[a-zæøå]))(?=(?-i:F)))forskrift\s+om\s", re.IGNORECASE
)
_TITLE_GOES_ON_RE = re.compile(
    r"\s+(?:i|for|ved|om|til|av|med|på|frå|fra|etter|under|innen|innenfor)\s", re.IGNORECASE
)
_MADE_BEFORE_RE = re.compile(
    r"(?<!\w)(?:fastsatt|fastsatte|fastsett|fastsette|fastset|vedtatt|vedtok|gitt|gav|ga|gi"
    r"|utarbeidet|utarbeidd)\s+(?:\d{1,2}\.\s*[^\W\d_]+\.?\s+\d{4}\s+)?"
    r"(?:en\s+|ei\s+|ein\s+|ny\s+)?\Z",
    re.IGNORECASE,
)
_MADE_BACK = 48  # how far before a title «fastsatt 1. mars 2006 (en) » is looked for
# A regulation's own heading: its title on a line, and on the next how it was made, as Lovdata
# and copies of it print it («Forskrift om foreldrebetaling i barnehager⏎Fastsatt ved kgl.res.
# 16. desember 2005 med hjemmel i …»).
_OWN_HEADING_RE = re.compile(
    r"[ \t.]*\n[ \t]*(?:hjemmel:\s*)?(?:fastsatt|fastsett|fastset)(?!\w)", re.IGNORECASE
)


def find_body_citations(
    body: str, first_line: int, registry: LawRegistry, today: date
) -> list[Citation]:
    """The citations of a body: :func:`find_citations`, then the laws it names as a legal
    basis without a section (:func:`basis_citations`) and the regulations it names by their
    full title (:func:`regulation_titles`), in that order."""
    found = find_citations(body, first_line, registry, today)
    tails = _law_word_tails(body)
    found += basis_citations(body, first_line, registry, today, found, tails)
    regulation_title = "orskrift om" in body or "ORSKRIFT OM" in body
    if regulation_title:
        found += regulation_titles(body, first_line, registry, today, found)
    if "brackets" in tails:
        found += source_in_brackets(body, first_line, registry, today, found)
    if (regulation_title or "title" in tails) and _YEAR_ANY_RE.search(body):
        found += titles_with_year(body, first_line, registry, today, found)
    return found


def _law_word_tails(body: str) -> set[str]:
    """What follows the words of a law in ``body``, from one pass over its «ov»s (each
    substring search is a scan of the whole body, about 3,000 instructions for 1.5 KB):
    ``pair`` for «…loven og»/«…lova og», ``brackets`` for «…loven)»/«…lova)», ``title`` for
    «lov om»."""
    tails: set[str] = set()
    pos = body.find("ov")
    while pos >= 0:
        after = body[pos + 2 : pos + 10]
        if after.startswith(("en og ", "a og ")):
            tails.add("pair")
        elif after.startswith(("en)", "a)")):
            tails.add("brackets")
        elif after.startswith(" om ") and pos and body[pos - 1] in "lL":
            tails.add("title")
        pos = body.find("ov", pos + 2)
    return tails


# A law's title with the year of the act: «Den avløser dermed lov om barneverntjenester fra
# 1992» (Juridika Innsikt). The year must be the act's own (its Lovdata ID's).
_TITLE_START_RE = re.compile(r"(?<!\w)(?:lov|forskrift)\s+om\s", re.IGNORECASE)
_YEAR_ANY_RE = re.compile(r" (?:fra|av|frå) [12]\d{3}")
_YEAR_AFTER_RE = re.compile(r"\s+(?:fra|av|frå)\s+(\d{4})(?!\w|\s*nr)", re.IGNORECASE)


def titles_with_year(
    body: str, first_line: int, registry: LawRegistry, today: date, found: list[Citation]
) -> list[Citation]:
    """The laws ``body`` names by title and the act's year, each once, that ``found`` does not
    already cite."""
    cited = {cite.law.id for cite in found if cite.law is not None}
    pattern = registry.mention_pattern
    result: list[Citation] = []
    for start in (m.start() for m in _TITLE_START_RE.finditer(body)):
        match = pattern.match(body, start)
        if match is None or match.group("name") is None:
            continue
        year = _YEAR_AFTER_RE.match(body, match.end())
        if year is None:
            continue
        law = registry.resolve(match.group(0).rstrip("."), today)
        if law is None or law.id in cited or law.id[4:8] != year[1]:
            continue
        cited.add(law.id)
        text = " ".join(body[start : year.end()].split())
        result.append(Citation(text, first_line + body.count("\n", 0, start), text, law))
    return result


def _title_starts(body: str) -> list[int]:
    """Where «forskrift om» starts in ``body``: substring searches, then the expression at
    each (a scan of the whole body with it costs far more)."""
    starts: list[int] = []
    for needle in ("orskrift", "ORSKRIFT"):
        pos = body.find(needle, 1)
        while pos > 0:
            start = pos - 1
            if body[start] in "fF" and _REGULATION_TITLE_RE.match(body, start):
                starts.append(start)
            pos = body.find(needle, pos + len(needle))
    return sorted(starts)


def regulation_titles(
    body: str,
    first_line: int,
    registry: LawRegistry,
    today: date,
    found: list[Citation],
) -> list[Citation]:
    """The registry's regulations ``body`` names by a full title «forskrift om …» without a
    section, each once, that ``found`` does not already cite; not a repealed one."""
    cited = {cite.law.id for cite in found if cite.law is not None}
    pattern = registry.glued_mention_pattern
    result: list[Citation] = []
    for start in _title_starts(body):
        match = pattern.match(body, start)
        if match is None or match.group("name") is None:
            continue
        end = match.end()
        if _UNIT_AFTER_RE.match(body, end) or _TITLE_GOES_ON_RE.match(body, end):
            continue
        if _MADE_BEFORE_RE.search(body, max(0, start - _MADE_BACK), start):
            continue
        if _OWN_HEADING_RE.match(body, end):
            continue
        name = match.group(0).rstrip(".")
        law = registry.resolve(name, today)
        if law is None or law.kind != "regulation" or law.id in cited:
            continue
        if law.repealed is not None and law.repealed <= today:
            # A repealed regulation's title is often its successor's too («forskrift om
            # rammeplan for barnehagens innhold og oppgaver», 2006 and 2017): not told apart.
            continue
        cited.add(law.id)
        line = first_line + body.count("\n", 0, start)
        result.append(Citation(" ".join(name.split()), line, name, law))
    return result


def basis_citations(
    body: str,
    first_line: int,
    registry: LawRegistry,
    today: date,
    found: list[Citation],
    tails: set[str] | None = None,
) -> list[Citation]:
    """The laws ``body`` names as a legal basis with no section, each once, that ``found``
    (the body's other citations) does not already cite. ``tails``: :func:`_law_word_tails`
    of ``body``, when known."""
    if tails is None:
        tails = _law_word_tails(body)
    starts: dict[int, bool] = {}
    if _may_have_cue(body):
        starts.update((m.end(), False) for m in _CUE_RE.finditer(body))
    if _may_have_heading(body):
        for heading in _HEADING_RE.finditer(body):
            starts.update(dict.fromkeys(_list_lines(body, heading.end()), True))
    if "pair" in tails:
        starts.update(dict.fromkeys(_law_pairs(body, registry), False))
    lovdata_titles: set[int] = set()
    if "Lovdata" in body:
        lovdata_titles.update(_lovdata_title_lines(body))
    if "brackets" in tails:
        lovdata_titles.update(_title_lines(body))
    starts.update(dict.fromkeys(lovdata_titles, True))
    if not starts:
        return []
    cited = {cite.law.id for cite in found if cite.law is not None}
    pattern = registry.glued_mention_pattern
    result: list[Citation] = []
    for start, listed in sorted(starts.items()):
        pos = start
        while True:
            match = pattern.match(body, pos)
            if match is None:
                break
            end = match.end()
            if _UNIT_AFTER_RE.match(body, end):
                break
            if match.group("name") is None:
                # An unknown «…loven» in a list after a cue («gitt i medhold av legeloven og
                # sykehusloven»): not cited (tvf cannot tell it), but the list goes on.
                joined = _AND_RE.match(body, end)
                if listed or match.group("unknown") is None or joined is None:
                    break
                if joined.end() == end:
                    break
                pos = joined.end()
                continue
            if start in lovdata_titles:
                after = _BRACKETS_RE.match(body, end)
                if not _LOVDATA_TITLE_RE.match(body, after.end() if after else end) and not (
                    after is not None and _LINE_END_RE.match(body, after.end())
                ):
                    break
            elif listed and not _ends_the_line(body, end) and not _glued_name(body, end, pattern):
                break
            name = match.group(0).rstrip(".")
            law = registry.resolve(name, today)
            if law is not None and law.id not in cited:
                cited.add(law.id)
                line = first_line + body.count("\n", 0, match.start())
                result.append(Citation(name, line, name, law))
            after = _BRACKETS_RE.match(body, end)
            end = after.end() if after else end
            if _GLUED_RE.match(body, end):
                pos = end
                continue
            joined = _AND_RE.match(body, end)
            if joined is None or joined.end() == end:
                break
            pos = joined.end()
    return result


# Two laws named together, «<law> og <law>»: the text says what rests on both («Både
# Kommunehelsetjenesteloven og Sosialtjenesteloven har bestemmelser om rettskrav»,
# «Personopplysningsloven og personvernforordningen artikkel 6 – 11 og 21 gjev utfyllande
# informasjon»). Found from the «og» after a name's usual ending; the names are then read
# from the first (basis_citations).
_PAIR_NEEDLES = ("loven og ", "lova og ")
_PAIR_BACK = 90  # how far before the «og» the first name may start


_WORD_START_RE = re.compile(r"(?<![\w-])\w")


def _law_pairs(body: str, registry: LawRegistry) -> list[int]:
    """Where each first law of a pair «<law> og <law>» starts. The pattern is tried only at
    the starts of the words before the «og» (and compiled only when a body has one)."""
    starts: list[int] = []
    for needle in _PAIR_NEEDLES:
        pos = body.find(needle)
        while pos >= 0:
            pattern = registry.mention_pattern
            name_end = pos + len(needle) - 4  # before « og »
            second = pattern.match(body, name_end + 4)
            if second is not None and second["name"] is not None:
                for word in _WORD_START_RE.finditer(body, max(0, name_end - _PAIR_BACK), name_end):
                    first = pattern.match(body, word.start(), name_end)
                    if first is not None and first.end() == name_end and first["name"] is not None:
                        starts.append(first.start())
                        break
            pos = body.find(needle, pos + len(needle))
    return starts


def _glued_name(body: str, end: int, pattern: re.Pattern[str]) -> bool:
    """Whether another registry name is glued to the one ending at ``end``."""
    if _GLUED_RE.match(body, end) is None:
        return False
    match = pattern.match(body, end)
    return match is not None and match.group("name") is not None


# A law's name alone in brackets after a statement, as its source: «Alle barnehager skal ha
# vedtekter (barnehageloven)». Not a short name given to the law named right before the
# brackets («Lov om barnehager (barnehageloven)», «Forskrift om rammeplan … (rammeplanen)»).
_SOURCE_IN_BRACKETS_RE = re.compile(r"\(([^\W\d_][^()\n]{2,60}?)\)")
_TITLE_BACK = 160  # how far before the brackets a title of the same law is looked for


def source_in_brackets(
    body: str, first_line: int, registry: LawRegistry, today: date, found: list[Citation]
) -> list[Citation]:
    """The laws ``body`` names alone in brackets as the source of what it says, each once,
    that ``found`` does not already cite."""
    cited = {cite.law.id for cite in found if cite.law is not None}
    result: list[Citation] = []
    for match in _SOURCE_IN_BRACKETS_RE.finditer(body):
        name = match[1].strip()
        law = registry.resolve(name, today)
        if law is None or law.id in cited or law.kind == "convention":
            continue
        start = match.start()
        before = body[max(0, start - _TITLE_BACK) : start].rstrip()
        if any(m.end() == len(before) for m in registry.mention_pattern.finditer(before)):
            continue  # «Lov om barnehager (barnehageloven)»: a name for the law just named
        cited.add(law.id)
        line = first_line + body.count("\n", 0, start)
        result.append(Citation(name, line, name, law))
    return result


def _ends_the_line(body: str, end: int) -> bool:
    """Whether a listed name is the line: at most its short name in brackets and a few
    characters («- Lovdata», «(PDF)») follow it."""
    after = _BRACKETS_RE.match(body, end)
    end = after.end() if after else end
    line_end = body.find("\n", end)
    rest = body[end : len(body) if line_end < 0 else line_end]
    return len(rest.strip()) <= _LINE_TAIL


def _list_lines(body: str, start: int) -> list[int]:
    """Where each line of the list after a heading starts its text (after a bullet), up to a
    blank line; only lines short enough to be a law's name or title and holding no «§»."""
    starts: list[int] = []
    pos = start + 1 if body.startswith("\n", start) else start
    while pos < len(body):
        end = body.find("\n", pos)
        end = len(body) if end < 0 else end
        line = body[pos:end]
        if not line.strip():
            break
        bullet = _BULLET_RE.match(body, pos)
        text_start = bullet.end() if bullet else pos
        if "§" not in line and len(line.strip()) <= _LIST_LINE_SLACK + 40:
            starts.append(text_start)
        pos = end + 1
    return starts
