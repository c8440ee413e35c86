"""Old numbering (handbook-format.md, section 4.1; TVF207): a name shared by a repealed law and
its successor (``opplæringslova``, ``bvl``, ``oppll``) means the law in force, but a citation may
use the repealed law's numbering.

:func:`old_numbering` tells when the cited section is not in the law in force and was in the
repealed one (or the repealed law's ``renumbered`` table maps it); :func:`before_successor`
tells when a document approved before the successor came into force cites the shared name. Both
name the successor's section when the data knows it (``renumbered``).

Decisions (docs/laws.md):

- an identical-heading match counts as a source, and the message says so («samme
  overskrift»);
- a match whose heading other old sections share too (``shared_with``) is still named, but
  the message says it is weaker and names the other sections;
- a section missing from a *partial* list of the repealed law (rebuilt from its amendments)
  proves nothing: then tvf says TVF202 as for any section the law in force does not have.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .model import Law, Renumbering

if TYPE_CHECKING:
    from .registry import LawRegistry


@dataclass(frozen=True, slots=True)
class OldNumbering:
    """A section cited by a shared name, read as the repealed law's: its heading there (when
    the data has it) and where it went (when the data says)."""

    law: Law  # the law in force the name means
    old_law: Law  # the repealed law sharing the name
    section: str
    heading: str
    renumbering: Renumbering | None

    @property
    def new_section(self) -> str | None:
        return self.renumbering.section if self.renumbering is not None else None


def _old(registry: LawRegistry, law: Law, law_text: str, section: str) -> OldNumbering | None:
    old_law = registry.predecessor(law, law_text) if law_text else None
    if old_law is None:
        return None
    details = old_law.section(section)
    renumbering = old_law.renumbering(section)
    if details is None and renumbering is None:
        return None
    if renumbering is not None and renumbering.law != law.id:
        renumbering = None
    return OldNumbering(law, old_law, section, details.title if details else "", renumbering)


def old_numbering(
    registry: LawRegistry, law: Law, law_text: str, section: str
) -> OldNumbering | None:
    """The repealed law's section when ``law_text`` is a name ``law`` shares with the law it
    replaced, the section is not in ``law`` (whose section list is known and complete) and the
    repealed law had it; else None."""
    if law.sections is None or not law.complete or section in law.sections:
        return None
    return _old(registry, law, law_text, section)


def before_successor(
    registry: LawRegistry, law: Law, law_text: str, section: str, valid_from: date | None
) -> tuple[OldNumbering | None, date] | None:
    """When a document valid from ``valid_from`` cites a name ``law`` shares with the law it
    replaced, and ``law`` came into force after that day: the repealed law's section (if the
    data knows it, else None) and the day ``law`` came into force."""
    dated = _dated(registry, law, law_text, valid_from)
    if dated is None:
        return None
    return _old(registry, law, law_text, section), dated[1]


def dated_predecessor(
    registry: LawRegistry, law: Law, law_text: str, valid_from: date | None
) -> Law | None:
    """The repealed law a name ``law`` shares with it means in a document valid from
    ``valid_from``, when ``law`` came into force after that day (handbook-format.md, 4.1: a
    bare «opplæringslova» in a 2012 circular is the 1998 act); else None."""
    dated = _dated(registry, law, law_text, valid_from)
    return None if dated is None else dated[0]


def _dated(
    registry: LawRegistry, law: Law, law_text: str, valid_from: date | None
) -> tuple[Law, date] | None:
    """The repealed law sharing the name and the day ``law`` came into force, when that day is
    after ``valid_from``."""
    if valid_from is None or not law_text:
        return None
    old_law = registry.predecessor(law, law_text)
    start = registry.successor_start(law)
    if old_law is None or start is None or valid_from >= start:
        return None
    return old_law, start


def old_chapter(registry: LawRegistry, law: Law, law_text: str, chapter: str) -> Law | None:
    """The repealed law sharing the name ``law_text`` when ``chapter`` is not among the
    chapters of ``law`` (a complete list) and the repealed law had it: in its chapter list, or,
    where its list is partial, as the chapter of a section numbered «<chapter>-<n>» (old
    opplæringslova § 9A-4 is in chapter 9 A); else None."""
    if law.chapters is None or not law.complete or chapter in law.chapters:
        return None
    old_law = registry.predecessor(law, law_text) if law_text else None
    if old_law is None:
        return None
    if old_law.chapters is not None and chapter in old_law.chapters:
        return old_law
    prefix = f"{chapter.casefold()}-"
    if any(s.casefold().startswith(prefix) for s in old_law.sections or ()):
        return old_law
    return None


def cited_as(
    registry: LawRegistry,
    law: Law,
    law_text: str,
    section: str | None,
    valid_from: date | None,
    chapter: str | None = None,
) -> OldNumbering | Law | None:
    """How tvf reports a citation of ``law`` by the name ``law_text`` (TVF207), the one rule
    ``tvf check``, ``laws cited`` and ``laws find`` share: the repealed law's section when the
    citation uses its numbering (:func:`old_numbering`) or the document is older than ``law``
    (:func:`dated_predecessor`; the section's heading there when the data has it); for a
    chapter the repealed law had and ``law`` lacks (:func:`old_chapter`), or a chapter or whole
    law (``section`` None) of an older document, the repealed law itself; None when the
    citation means ``law``."""
    if section is not None:
        old = old_numbering(registry, law, law_text, section)
        if old is not None:
            return old
    elif chapter is not None:
        by_chapter = old_chapter(registry, law, law_text, chapter)
        if by_chapter is not None:
            return by_chapter
    old_law = dated_predecessor(registry, law, law_text, valid_from)
    if old_law is None:
        return None
    if section is None:
        return old_law
    found = _old(registry, law, law_text, section)
    return found or OldNumbering(law, old_law, section, "", None)
