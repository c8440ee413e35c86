"""The registry's file, ``laws.yaml``: reading its entries (each checked, and merged into the
laws by ``id``) and writing it.

An entry is a mapping with ``id``, ``title``, ``names`` and what else tvf knows of the law
(docs/laws.md). What ``tvf laws import`` reads from Lovdata is written compactly: a section is
one row, ``"2b | Samarbeid og samordning | kap. 1 | tilføyd ved LOV-2021-06-11-78 fra
2022-08-01"`` (name, title, chapter, amendments), a chapter ``"4A | Helsehjelp … | KAPITTEL_5"``
(name, title, anchor). :func:`registry_yaml` writes what :func:`parse_entries` and
:func:`merge_entries` read back to the same laws.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import yaml

from .. import yamlio
from ..findings import Finding, error
from ..i18n import _
from ..yamlio import as_date, describe
from .model import (
    ANCHOR_RE,
    Amendment,
    Chapter,
    Law,
    Section,
    canonical_doc_id,
    is_repealed_title,
    name_key,
    natural_key,
    normalise_chapter,
    normalise_section,
    registry_id,
)

# --- Reading the registry ------------------------------------------------------------------

KINDS = ("law", "regulation", "convention")  # handbook-format.md, section 4.1

Entries = list[tuple[dict[Any, Any], yaml.Node]]


def parse_entries(text: str, path: str) -> tuple[Entries, list[Finding]]:
    """The entries of a laws.yaml with their nodes (for line numbers), or a TVF001 finding."""
    try:
        # No limit on aliases: an imported registry holds far more values than a front matter.
        node, data = yamlio.load(text, max_nodes=None)
    except yaml.MarkedYAMLError as exc:
        line = yamlio.error_line(exc, text=text)
        problem = exc.problem or exc.context or _("ukjent feil")
        return [], [
            error(
                "TVF001",
                path,
                line,
                _("{path} er ikke gyldig YAML: {problem}.").format(path=path, problem=problem),
            )
        ]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        return [], [
            error(
                "TVF001",
                path,
                None,
                _("{path} er ikke gyldig YAML: {problem}.").format(path=path, problem=exc),
            )
        ]
    if data is None:
        return [], []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        return [], [
            error(
                "TVF001",
                path,
                yamlio.line(node) if node is not None else None,
                _(
                    "{path} må være en liste av lover (én «- id: LOV-…» per lov), ikke {what}."
                ).format(path=path, what=describe(data)),
            )
        ]
    entries: Entries = []
    findings: list[Finding] = []
    for item, item_node in zip(data, node.value, strict=False):
        if not isinstance(item, dict):
            findings.append(
                error(
                    "TVF003",
                    path,
                    yamlio.line(item_node),
                    _(
                        "Hver lov i {path} må være en tabell med «id», «title» og «names», "
                        "ikke {what}."
                    ).format(path=path, what=describe(item)),
                )
            )
            continue
        entries.append((item, item_node))
    return entries, findings


def _string_list(value: object) -> tuple[list[str] | None, str]:
    """A list of strings (whole numbers allowed, as for ``sections: [3, 4]``), or None and
    what is wrong with it (for a message, in the language in use)."""
    if not isinstance(value, list):
        return None, _("ikke {what}").format(what=describe(value))
    items: list[str] = []
    for item in value:
        if isinstance(item, float):
            return None, _("{value} må stå i anførselstegn").format(value=item)
        if isinstance(item, bool) or not isinstance(item, str | int):
            return None, _("{what} er ikke tekst").format(what=describe(item))
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
            bad(
                "title",
                _("«{key}» for {law} i {path} må være tekst, ikke {what}.").format(
                    key="title", law=law_id, path=path, what=describe(title)
                ),
            )
    if "names" in entry:
        names, problem = _string_list(entry["names"])
        if names is not None and any(not name_key(name) for name in names):
            names, problem = None, _("et navn er tomt")
        if names is None:
            bad(
                "names",
                _(
                    "«names» for {law} i {path} må være en liste av navn og forkortelser, "
                    "for eksempel [opplæringslova, oppll] ({problem})."
                ).format(law=law_id, path=path, problem=problem),
            )
        else:
            values["names"] = tuple(" ".join(name.split()) for name in names)
    if "repealed" in entry:
        raw = entry["repealed"]
        repealed = as_date(raw, timestamps=True)
        if raw is None:
            values["repealed"] = None
        elif repealed is None:
            bad(
                "repealed",
                _(
                    "«{key}» for {law} i {path} må være en dato (åååå-mm-dd), ikke «{value}»."
                ).format(key="repealed", law=law_id, path=path, value=raw),
            )
        else:
            values["repealed"] = repealed
    if "replaced_by" in entry:
        raw = entry["replaced_by"]
        successor = registry_id(raw) if isinstance(raw, str) else None
        if raw is None:
            values["replaced_by"] = None
        elif successor is None:
            bad(
                "replaced_by",
                _(
                    "«replaced_by» for {law} i {path} må være en Lovdata-ID som "
                    "LOV-2023-06-09-30, ikke «{value}»."
                ).format(law=law_id, path=path, value=raw),
            )
        else:
            values["replaced_by"] = successor
    if "kind" in entry:
        raw = entry["kind"]
        if raw in KINDS:
            values["kind"] = raw
        else:
            bad(
                "kind",
                _("«kind» for {law} i {path} må være {kinds}, ikke «{value}».").format(
                    law=law_id, path=path, kinds=", ".join(KINDS), value=raw
                ),
            )
    for key in ("short_title", "abbreviation"):
        if key in entry:
            raw = entry[key]
            if raw is None or (isinstance(raw, str) and raw.strip()):
                values[key] = " ".join(raw.split()) if raw is not None else None
            else:
                bad(
                    key,
                    _("«{key}» for {law} i {path} må være tekst, ikke {what}.").format(
                        key=key, law=law_id, path=path, what=describe(raw)
                    ),
                )
    for key in ("in_force", "last_change"):
        if key in entry:
            raw = entry[key]
            day = as_date(raw, timestamps=True)
            if raw is not None and day is None:
                bad(
                    key,
                    _(
                        "«{key}» for {law} i {path} må være en dato (åååå-mm-dd), ikke «{value}»."
                    ).format(key=key, law=law_id, path=path, value=raw),
                )
            else:
                values[key] = day
    if "last_changed_by" in entry:
        raw = entry["last_changed_by"]
        changer = canonical_doc_id(raw) if isinstance(raw, str) else None
        if raw is not None and changer is None:
            bad(
                "last_changed_by",
                _(
                    "«last_changed_by» for {law} i {path} må være en "
                    "Lovdata-ID som LOV-2021-06-11-78 eller "
                    "FOR-2011-12-08-1218, ikke «{value}»."
                ).format(law=law_id, path=path, value=raw),
            )
        else:
            values["last_changed_by"] = changer
    for key, info_key, reader, what in (
        ("sections", "section_info", _section_item, _('paragrafer, for eksempel ["2b", "15-8"]')),
        ("chapters", "chapter_info", _chapter_item, _('kapitler, for eksempel ["5", "4A", "V"]')),
    ):
        if key not in entry:
            continue
        raw = entry[key]
        if raw is None:
            values[key] = None
            values[info_key] = ()
            continue
        if not isinstance(raw, list):
            bad(
                key,
                _("«{key}» for {law} i {path} må være en liste av {what} (ikke {value}).").format(
                    key=key, law=law_id, path=path, what=what, value=describe(raw)
                ),
            )
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
            bad(
                key,
                _("«{key}» for {law} i {path} må være en liste av {what} ({problem}).").format(
                    key=key, law=law_id, path=path, what=what, problem=problem
                ),
            )
            continue
        values[key] = frozenset(part.name for part in parts)
        values[info_key] = tuple(parts) if detailed else ()
        if key == "sections":  # the handbook's sections replace the shipped data's
            values["complete"] = True
            values["data_source"] = None
    return values, findings


def _name_of(value: object, normalise: Any) -> tuple[str | None, str]:
    """A section or chapter name (text or a whole number), normalised; or None and why not."""
    if isinstance(value, float):
        return None, _("{value} må stå i anførselstegn").format(value=value)
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None, _("{what} er ikke tekst").format(what=describe(value))
    name: str | None = normalise(str(value))
    if name is None:
        return None, _("«{value}» er ikke gyldig").format(value=value)
    return name, ""


_CHANGE_RE = re.compile(
    r"\s*(?P<kind>[^\W\d_]+)\s+ved\s+(?P<law>\S+)(?:\s+fra\s+(?P<date>\S+))?\s*"
)
ROW_SEPARATOR = " | "


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
        return None, _("«{name}» er ikke en paragraf (i «{row}»)").format(name=raw_name, row=row)
    chapter = None
    if raw_chapter:
        chapter = normalise_chapter(raw_chapter)
        if chapter is None:
            return None, _("«{name}» er ikke et kapittel (i «{row}»)").format(
                name=raw_chapter, row=row
            )
    amendments: list[Amendment] = []
    for change in changes.strip(" |").split(";") if changes.strip(" |") else ():
        match = _CHANGE_RE.fullmatch(change)
        law = canonical_doc_id(match["law"]) if match else None
        day = as_date(match["date"], timestamps=True) if match and match["date"] else None
        if match is None or law is None or (match["date"] and day is None):
            return None, _(
                "endringen «{change}» for § {name} må se ut som «endret ved "
                "LOV-2021-06-11-78 fra 2022-08-01»"
            ).format(change=change.strip(), name=name)
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
            item=describe(item), problem=problem
        ) if "name" in item else (_("hver paragraf med detaljer må ha «name»"))
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
            return None, _("«chapter» for § {name}: {problem}").format(name=name, problem=problem)
    amendments: list[Amendment] = []
    raw = item.get("amended") or []
    if not isinstance(raw, list):
        return None, _("«amended» for § {name} må være en liste").format(name=name)
    for change in raw:
        by = change.get("by") if isinstance(change, dict) else None
        law = canonical_doc_id(by) if isinstance(by, str) else None
        if law is None or not isinstance(change, dict):
            return None, _(
                "hver endring av § {name} må ha «by» (en Lovdata-ID som LOV-2021-06-11-78)"
            ).format(name=name)
        day = as_date(change.get("date"), timestamps=True)
        if change.get("date") is not None and day is None:
            return None, _("«date» i en endring av § {name} må være en dato (åååå-mm-dd)").format(
                name=name
            )
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
        item = {
            "name": fields[0],
            "title": " ".join(fields[1].split()),
            "anchor": fields[2] or None,
        }
    if not isinstance(item, dict):
        name, problem = _name_of(item, normalise_chapter)
        return (Chapter(name) if name is not None else None), problem
    name, problem = _name_of(item.get("name"), normalise_chapter)
    if name is None:
        return None, _("«name» i {item}: {problem}").format(
            item=describe(item), problem=problem
        ) if "name" in item else (_("hvert kapittel med detaljer må ha «name»"))
    title = item.get("title", "")
    anchor = item.get("anchor")
    if not isinstance(title, str):
        return None, _("«title» for kapittel {name} må være tekst").format(name=name)
    if anchor is not None and not (isinstance(anchor, str) and ANCHOR_RE.fullmatch(anchor)):
        return None, _("«anchor» for kapittel {name} må se ut som KAPITTEL_5").format(name=name)
    return Chapter(name, " ".join(title.split()), anchor.upper() if anchor else None), ""


def _first_key_lines(node: yaml.Node) -> dict[str, int]:
    """The line of each key of an entry (of its first, when it is written twice)."""
    lines: dict[str, int] = {}
    for key, line, _value in yamlio.key_lines(node):
        lines.setdefault(key, line)
    return lines


def merge_entries(laws: dict[str, Law], entries: Entries, path: str) -> list[Finding]:
    """Add or override laws by ``id``; bad entries are skipped and reported."""
    findings: list[Finding] = []
    for entry, node in entries:
        entry_line = yamlio.line(node)
        lines = _first_key_lines(node)
        if "id" not in entry or entry["id"] is None:
            message = _(
                "En lov i {path} mangler «id» (en Lovdata-ID som LOV-2005-06-17-64)."
            ).format(path=path)
            findings.append(error("TVF002", path, entry_line, message))
            continue
        raw_id = entry["id"]
        law_id = registry_id(raw_id) if isinstance(raw_id, str) else None
        if law_id is None:
            findings.append(
                error(
                    "TVF003",
                    path,
                    lines.get("id", entry_line),
                    _(
                        "«id» i {path} må være en Lovdata-ID som LOV-1998-07-17-61, "
                        "LOV-1967-02-10 eller FOR-2011-12-16-1256, ikke «{value}»."
                    ).format(path=path, value=raw_id),
                )
            )
            continue
        values, problems = _entry_values(entry, lines, entry_line, law_id, path)
        existing = laws.get(law_id)
        if existing is None and "title" not in entry:
            message = _("Den nye loven {law} i {path} mangler «title».").format(
                law=law_id, path=path
            )
            problems.append(error("TVF002", path, entry_line, message))
        if problems:
            findings.extend(problems)
            continue
        if existing is not None:
            laws[law_id] = replace(existing, **values)
        else:
            values.setdefault("names", ())
            if law_id.startswith("FOR-"):  # a regulation's ID says what it is
                values.setdefault("kind", "regulation")
            laws[law_id] = Law(id=law_id, **values)
    return findings


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
        f"{change.kind} ved {change.law}"
        + (f" fra {change.date.isoformat()}" if change.date else "")
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
    if law.kind != "law":
        lines.append(f"  kind: {law.kind}")
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
        lines.append(f"  chapters: {_yaml_list(sorted(law.chapters, key=natural_key))}")
    if law.section_info:
        lines.append("  sections:")
        lines.extend(f"    - {_section_yaml(section)}" for section in law.section_info)
    elif law.sections is not None:
        lines.append(f"  sections: {_yaml_list(sorted(law.sections, key=natural_key))}")
    return "\n".join(lines) + "\n"


def registry_yaml(laws: Iterable[Law], header: str = "") -> str:
    """A whole ``laws.yaml``: the header (each line made a comment), then one entry per law,
    separated by blank lines. :func:`load_registry` reads it back to the same laws."""
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    entries = "\n".join(law_yaml(law) for law in laws)
    return f"{comment}\n{entries}" if comment else entries
