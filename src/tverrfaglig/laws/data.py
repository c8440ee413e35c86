"""The shipped law data (``data/lovdata.json``, made by ``tools/gen_registry.py`` from Lovdata's
open data; docs/registry-data.md): every section with its heading, for the laws, regulations and
conventions of this field, and the renumbering tables of the repealed acts.

:func:`data_laws` reads it once into :class:`~tverrfaglig.laws.model.Law` objects; the default
registry (:mod:`tverrfaglig.laws.registry`) merges the hand-curated names of ``data/laws.yaml``
into them. The facts (IDs, titles, dates, sections, headings, renumberings) come from the data
only; ``laws.yaml`` adds names, and laws the data does not cover.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .model import Chapter, Law, Renumbering, Section, normalise_chapter, registry_id

DATA_FILE = "lovdata.json"

_CHAPTER_RE = re.compile(
    r"(?:kapittel|kap\.?)\s+(?P<name>\d+\s?[A-Za-z]?(?![\w])|[IVXLC]+(?![\w]))\.?\s*(?P<title>.*)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LawData:
    """The shipped data: its laws (in the file's order) and the facts about it."""

    laws: tuple[Law, ...]
    dates: dict[str, str]  # "laws" and "regulations": the dates of Lovdata's archives
    license: str
    license_url: str

    @property
    def date_text(self) -> str:
        """``2026-05-02`` or ``2026-05-02 / 2026-05-05`` (laws / regulations)."""
        days = sorted(set(self.dates.values()))
        return " / ".join(days)


def _day(text: object) -> date | None:
    if not isinstance(text, str):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@functools.lru_cache(maxsize=1024)
def _chapter(path: object) -> tuple[str | None, str]:
    """The chapter name and title in the data's chapter text (``Kapittel I. Barnehagens
    formål og innhold`` → ``I``)."""
    if not isinstance(path, str):
        return None, ""
    match = _CHAPTER_RE.match(path.strip())
    if match is None:
        return None, ""
    return normalise_chapter(match["name"]), match["title"].strip()


def _law(entry: dict[str, Any], dates: dict[str, str]) -> Law | None:
    law_id = registry_id(str(entry.get("id", "")))
    if law_id is None:
        return None
    kind = str(entry.get("kind") or "law")
    rows = entry.get("articles") if kind == "convention" else entry.get("sections")
    sections: list[Section] = []
    chapters: dict[str, Chapter] = {}
    for number, heading, chapter_path in rows or ():
        chapter = None
        if kind != "convention":
            chapter, title = _chapter(chapter_path)
            if chapter is not None:
                chapters.setdefault(chapter, Chapter(chapter, title))
        sections.append(Section(str(number), heading or "", False, chapter))
    renumbered = tuple(
        Renumbering(
            old=old,
            law=str(row["to"]),
            section=str(row["section"]),
            basis=str(row["basis"]),
            source=str(row.get("source") or ""),
            shared_with=tuple(row.get("shared_with") or ()),
            from_part=row.get("from_part"),
            to_part=row.get("to_part"),
        )
        for old, row in (entry.get("renumbered") or {}).items()
    )
    complete = entry.get("completeness") != "partial"
    day = dates.get("regulations" if kind == "regulation" else "laws", "")
    source = f"{entry.get('source') or 'Lovdata'}" + (f" ({day})" if day and complete else "")
    repealed = _day(entry.get("repealed_on")) if entry.get("repealed") else None
    return Law(
        id=law_id,
        title=" ".join(str(entry.get("title") or law_id).split()),
        names=(),
        repealed=repealed,
        replaced_by=registry_id(entry["replaced_by"]) if entry.get("replaced_by") else None,
        short_title=entry.get("short_title"),
        in_force=_day(entry.get("in_force")),
        section_info=tuple(sections),
        # A partial list holds only the chapters some amendment named: not a chapter list.
        chapter_info=tuple(chapters.values()) if complete else (),
        kind=kind,
        complete=complete,
        part_of=registry_id(entry["part_of"]) if entry.get("part_of") else None,
        renumbered=renumbered,
        data_source=source,
    )


@functools.cache
def law_data() -> LawData:
    """The shipped data, read once (a few milliseconds)."""
    resource = importlib.resources.files("tverrfaglig") / "data" / DATA_FILE
    raw = json.loads(resource.read_text(encoding="utf-8"))
    dates = {str(k): str(v) for k, v in (raw.get("data_date") or {}).items()}
    laws = tuple(law for entry in raw.get("entries", ()) if (law := _law(entry, dates)))
    return LawData(laws, dates, str(raw.get("license", "")), str(raw.get("license_url", "")))
