"""Generate the shipped law registry data (src/tverrfaglig/data/lovdata.json) from Lovdata's data.

Usage: ``python tools/gen_registry.py [FOLDER] [--output FILE]`` (``make registry``). FOLDER is
the shared law data, ``../shared/lovdata`` beside the repository by default, holding:

- ``sections-YYYY-MM-DD.json``: the laws in force from Lovdata's open data
  (``gjeldende-lover.tar.bz2`` of that date), every section with its heading and chapter path;
  the newest such file is read;
- ``historical-and-regulations.json``: regulations (forskrifter) in force, repealed acts with
  PARTIAL section lists, and a ``renumbering`` table (old section → new section), each entry
  naming its source, plus ``source_notes``.

The output is one JSON object: the facts about the data first (``data_date``, ``license``,
``source_notes``, ``generator``, ``schema``), then ``entries``, one entry a line, sorted by
``id``. Every entry is ``kind`` ``law``, ``regulation`` or ``convention``; see
docs/registry-data.md for the fields. The same input always gives the same bytes.

Choices made here, where the data leaves room:

- Section numbers are normalised by tvf's own rule (:func:`tverrfaglig.laws.normalise_section`):
  ``§ 2 b`` → ``2b``, ``§ 9 A-11`` → ``9A-11``. A section is ``[number, heading, chapter]``,
  the chapter being the last element of the data's chapter path (or null).
- Articles of a convention or EU regulation that a law incorporates (menneskerettsloven's
  ``bkn/a12``, personopplysningsloven's ``gdpr/a9``) leave the law's section list and form
  an entry of kind ``convention`` with the ID ``<law id>/<prefix>`` (``LOV-1999-05-21-30/bkn``),
  the prefix kept exactly as in Lovdata's links (``https://lovdata.no/lov/1999-05-21-30/bkn/a12``).
  Its title is the data's first chapter-path element of its articles (the annex heading,
  without ``Vedlegg N.``), its articles are ``[number, heading, chapter]`` with ``a12`` → ``12``
  and a protocol's ``p1/a2`` → ``P1-2``, and the chapter is the last path element after the
  title. Footnote marks that Lovdata's text glues to these headings (``…Freedoms1``) are removed,
  and a heading that only repeats the article's label (``Art 12.``) is null.
- ``renumbered`` on a repealed entry maps an old section to its successor's section. The data's
  rows with an upstream source (Statistics Norway's code list) have basis ``stated``; rows the
  data found by identical headings, and the identical headings found here, have basis
  ``identical-heading``. Identical means equal after folding case and spaces and dropping a
  final full stop; the heading must be unique in the successor, and when several old sections
  share it, each of them maps to it and names the others in ``shared_with`` (old
  opplæringslova § 4A-14 and § 15-8 both match § 24-1 «Samarbeid og samordning»).
  A stated row wins over a heading match for the same old section.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tverrfaglig.laws import normalise_section

Json = dict[str, Any]
Row = list[str | None]

GENERATOR = "tools/gen_registry.py"
SCHEMA = 1
LICENSE = "NLOD 2.0, Lovdata"
LICENSE_URL = "https://data.norge.no/nlod/no/2.0"
REPO = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = REPO.parent / "shared" / "lovdata"
DEFAULT_OUTPUT = REPO / "src" / "tverrfaglig" / "data" / "lovdata.json"
HISTORICAL_FILE = "historical-and-regulations.json"
SECTIONS_GLOB = "sections-*.json"
STATED = "stated"
IDENTICAL_HEADING = "identical-heading"
DATA_HEADING_SOURCE = "identical heading"

# Successors stated in ../shared/lovdata.md (its table of the laws of this field), and one the
# sections data states: kommuneloven 2018 § 31-2 «Overgangsregler for interkommunale styrer etter
# § 27 i kommuneloven av 1992» carries on the act of 1992 under the same name and title («Lov om
# kommuner og fylkeskommuner (kommuneloven)»). The data's renumbering rows state successors too;
# the two must agree.
STATED_SUCCESSORS = {
    "LOV-1998-07-17-61": "LOV-2023-06-09-30",
    "LOV-1992-07-17-100": "LOV-2021-06-18-97",
    "LOV-1992-09-25-107": "LOV-2018-06-22-83",
}

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FILE_DATE_RE = re.compile(r"sections-(\d{4}-\d{2}-\d{2})\.json")
_ARCHIVE_DATE_RE = re.compile(r"archive_last_modified (\d{4}-\d{2}-\d{2})")
_NOTE_IN_FORCE_RE = re.compile(
    r"\b((?:LOV|FOR)-\d{4}-\d{2}-\d{2}(?:-\d+)?)\b[^.]*?\bin force (\d{4}-\d{2}-\d{2})"
)
_REPEALED_ON_RE = re.compile(r"\bRepealed: (\d{4}-\d{2}-\d{2})")
# A section reference with an optional part: "§ 4-15 tredje ledd", "§ 9 A-11", "§ 3-2 a".
_REF_RE = re.compile(
    r"§\s*(?P<number>\d+(?:\s?[A-Za-z])?(?:-\d+)?(?:\s?[A-Za-z](?!\w))?)(?:\s+(?P<part>\D.*))?"
)
_RANGE_RE = re.compile(r"§§\s*(?P<first>.+?)\s+(?:til|–|-)\s+(?P<last>.+)")
_ARTICLE_RE = re.compile(r"(?:p(?P<protocol>\d+)/)?a(?P<article>\d+)")
_ANNEX_RE = re.compile(r"Vedlegg \d+\.\s*")
# A "heading" that only restates the article's number ("Art 12."): barnekonvensjonen's articles
# have no headings in Lovdata's text.
_ARTICLE_LABEL_RE = re.compile(r"Art(?:ikkel|icle)?\.?\s*(\d+)\s*\.?", re.IGNORECASE)
_FOOTNOTE_RE = re.compile(r"(?<=[^\W\d_]|\))\d+$")


@dataclass(frozen=True)
class Dump:
    """The two input files, read."""

    sections_file: str
    sections: Json
    historical: Json


@dataclass(frozen=True)
class Renumbering:
    """One old section → new section correspondence."""

    from_law: str
    old: str
    from_part: str | None
    to_law: str
    section: str
    to_part: str | None
    basis: str
    source: str
    # Other old sections with the same heading (an identical-heading match only).
    shared_with: tuple[str, ...] = ()

    def as_json(self) -> Json:
        return {
            "basis": self.basis,
            "from_part": self.from_part,
            "section": self.section,
            "shared_with": list(self.shared_with),
            "source": self.source,
            "to": self.to_law,
            "to_part": self.to_part,
        }


# --- Reading -----------------------------------------------------------------------------------


def newest_sections_file(folder: Path) -> Path:
    """The ``sections-YYYY-MM-DD.json`` of the latest date in ``folder``."""
    candidates = sorted(p for p in folder.glob(SECTIONS_GLOB) if _FILE_DATE_RE.fullmatch(p.name))
    if not candidates:
        raise SystemExit(f"no {SECTIONS_GLOB} in {folder}")
    return candidates[-1]


def read_dump(folder: Path) -> Dump:
    sections_path = newest_sections_file(folder)
    return Dump(
        sections_file=sections_path.name,
        sections=json.loads(sections_path.read_text(encoding="utf-8")),
        historical=json.loads((folder / HISTORICAL_FILE).read_text(encoding="utf-8")),
    )


# --- Small normalisations ----------------------------------------------------------------------


def section_number(ref: str) -> str:
    """tvf's section name of a data ``ref`` (``"§ 9 A-11"`` → ``"9A-11"``)."""
    number = normalise_section(ref)
    if number is None:
        raise ValueError(f"not a section: {ref!r}")
    return number


def split_ref(ref: str) -> tuple[str, str | None]:
    """A single section with an optional part: ``"§ 4-15 tredje ledd"`` → ``("4-15", "tredje
    ledd")``; a range ``"§§ 3-1 til 3-5"`` → ``("3-1 til 3-5", None)``."""
    ranged = _RANGE_RE.fullmatch(ref.strip())
    if ranged is not None:
        return f"{section_number(ranged['first'])} til {section_number(ranged['last'])}", None
    match = _REF_RE.fullmatch(ref.strip())
    if match is None:
        raise ValueError(f"not a section reference: {ref!r}")
    return section_number(match["number"]), match["part"]


def text_or_none(text: str | None) -> str | None:
    return text if text else None


def without_footnote(text: str) -> str:
    """``"Fundamental Freedoms1"`` → ``"Fundamental Freedoms"`` (Lovdata's footnote marks)."""
    return _FOOTNOTE_RE.sub("", text)


def heading_key(heading: str) -> str:
    """What two headings must share to be identical: case, spaces and a final stop folded."""
    return " ".join(heading.split()).rstrip(".").casefold()


def iso_date(value: str | None) -> str | None:
    return value if value is not None and _DATE_RE.fullmatch(value) else None


def chapter_of(path: Sequence[str]) -> str | None:
    return path[-1] if path else None


def section_rows(raw_sections: Iterable[Json]) -> list[Row]:
    rows: list[Row] = []
    for raw in raw_sections:
        rows.append(
            [section_number(raw["ref"]), text_or_none(raw["heading"]), chapter_of(raw["path"])]
        )
    duplicates = [n for n, count in Counter(row[0] for row in rows).items() if count > 1]
    if duplicates:
        raise ValueError(f"sections listed twice: {duplicates}")
    return rows


# --- Conventions -------------------------------------------------------------------------------


def is_article(raw: Json) -> bool:
    return "/" in raw["ref"]


def article_number(sub_ref: str) -> str:
    """``"a12"`` → ``"12"``; a protocol's ``"p1/a2"`` → ``"P1-2"``."""
    match = _ARTICLE_RE.fullmatch(sub_ref)
    if match is None:
        raise ValueError(f"not an article: {sub_ref!r}")
    if match["protocol"] is None:
        return match["article"]
    return f"P{match['protocol']}-{match['article']}"


def convention_title(annex_heading: str) -> str:
    """``"Vedlegg 8. FNs konvensjon … (norsk oversettelse)"`` → ``"FNs konvensjon … (…)"``."""
    return _ANNEX_RE.sub("", without_footnote(annex_heading), count=1)


def article_heading(heading: str | None, sub_ref: str) -> str | None:
    """The heading, or None when it is only the label ``"Art 12."`` of the article itself."""
    label = _ARTICLE_LABEL_RE.fullmatch(heading or "")
    if label is not None and sub_ref.endswith(f"a{label[1]}"):
        return None
    return text_or_none(heading)


def article_row(raw: Json) -> Row:
    sub_ref = raw["ref"].split("/", 1)[1]
    below_title = [without_footnote(part) for part in raw["path"][1:]]
    return [
        article_number(sub_ref),
        article_heading(raw["heading"], sub_ref),
        chapter_of(below_title),
    ]


def convention_entries(law_id: str, articles: Sequence[Json], source: str) -> list[Json]:
    """One ``convention`` entry per article prefix (``bkn``, ``gdpr``…) of a law."""
    by_prefix: dict[str, list[Json]] = {}
    for raw in articles:
        by_prefix.setdefault(raw["ref"].split("/", 1)[0], []).append(raw)
    entries = []
    for prefix, raws in by_prefix.items():
        entries.append(
            {
                "articles": [article_row(raw) for raw in raws],
                "completeness": "complete",
                "id": f"{law_id}/{prefix}",
                "kind": "convention",
                "part_of": law_id,
                "repealed": False,
                "source": source,
                "title": convention_title(raws[0]["path"][0]),
            }
        )
    return entries


# --- Laws and regulations ----------------------------------------------------------------------


def kind_of(entry_id: str) -> str:
    return "regulation" if entry_id.startswith("FOR-") else "law"


def upstream_of(sections: Json) -> str:
    """The sections file's upstream, without its licence and scope notes."""
    return str(sections["source"]).split(" (", 1)[0]


def in_force_law_entries(dump: Dump) -> list[Json]:
    source = f"{dump.sections_file}: {upstream_of(dump.sections)}"
    entries: list[Json] = []
    for raw in dump.sections["laws"]:
        articles = [s for s in raw["sections"] if is_article(s)]
        in_force = iso_date(raw["date_in_force"])
        entries.append(
            {
                "completeness": "complete",
                "id": raw["id"],
                "in_force": in_force,
                "in_force_text": None if in_force else raw["date_in_force"],
                "kind": kind_of(raw["id"]),
                "last_changed": raw.get("last_change_in_force"),
                "last_changed_by": raw.get("last_changed_by"),
                "note": None,
                "repealed": False,
                "repealed_on": None,
                "replaced_by": None,
                "sections": section_rows(s for s in raw["sections"] if not is_article(s)),
                "short_title": text_or_none(raw["short_title"]),
                "source": source,
                "title": raw["title"],
            }
        )
        entries.extend(convention_entries(raw["id"], articles, source))
    return entries


def in_force_dates_from_notes(notes: Iterable[str]) -> dict[str, str]:
    """In-force dates that a source note states (``FOR-2024-06-03-900 … in force 2024-08-01``)."""
    dates: dict[str, str] = {}
    for note in notes:
        for match in _NOTE_IN_FORCE_RE.finditer(note):
            dates[match[1]] = match[2]
    return dates


def historical_entries(dump: Dump) -> list[Json]:
    notes = dump.historical["source_notes"]
    noted_in_force = in_force_dates_from_notes(notes)
    entries = []
    for raw in dump.historical["laws"]:
        repealed = raw["status"] != "in force"
        note = raw.get("note")
        repealed_on = _REPEALED_ON_RE.search(note) if note else None
        entries.append(
            {
                "completeness": raw.get("completeness", "complete"),
                "id": raw["id"],
                "in_force": noted_in_force.get(raw["id"]),
                "in_force_text": None,
                "kind": kind_of(raw["id"]),
                "last_changed": raw.get("version_date"),
                "last_changed_by": None,
                "note": note,
                "repealed": repealed,
                "repealed_on": repealed_on[1] if repealed_on else None,
                "replaced_by": None,
                "sections": section_rows(raw["sections"]),
                "short_title": text_or_none(raw["short_title"]),
                "source": f"{HISTORICAL_FILE}: {raw['source']}",
                "title": raw["title"],
            }
        )
    return entries


# --- Renumbering -------------------------------------------------------------------------------


def data_rows(dump: Dump) -> list[Renumbering]:
    """The data's renumbering table, one :class:`Renumbering` a row."""
    rows = []
    for raw in dump.historical["renumbering"]:
        old, from_part = split_ref(raw["from_ref"])
        section, to_part = split_ref(raw["to_ref"])
        stated = raw["source"] != DATA_HEADING_SOURCE
        rows.append(
            Renumbering(
                from_law=raw["from_law"],
                old=old,
                from_part=from_part,
                to_law=raw["to_law"],
                section=section,
                to_part=to_part,
                basis=STATED if stated else IDENTICAL_HEADING,
                source=raw["source"] if stated else "",
            )
        )
    return rows


def successors(rows: Iterable[Renumbering]) -> dict[str, str]:
    """Each repealed entry's successor: from lovdata.md and from the data's rows, which agree."""
    found = dict(STATED_SUCCESSORS)
    for row in rows:
        if found.setdefault(row.from_law, row.to_law) != row.to_law:
            raise ValueError(
                f"{row.from_law} has two successors: {found[row.from_law]}, {row.to_law}"
            )
    return found


def unique_headings(rows: Iterable[Row]) -> dict[str, str]:
    """Heading key → section number, for the headings only one section has."""
    numbers: dict[str, list[str]] = {}
    for number, heading, _chapter in rows:
        if heading is not None and number is not None:
            numbers.setdefault(heading_key(heading), []).append(number)
    return {key: found[0] for key, found in numbers.items() if len(found) == 1}


def heading_matches(old: Json, new: Json) -> list[tuple[str, str, str]]:
    """``(old section, new section, heading)`` for each old heading unique in ``new``."""
    targets = unique_headings(new["sections"])
    matches = []
    for number, heading, _chapter in old["sections"]:
        if heading is not None and number is not None and heading_key(heading) in targets:
            matches.append((number, targets[heading_key(heading)], heading))
    return matches


def heading_source(heading: str, in_data: bool) -> str:
    found = (
        "matched by tvf; also in the data's table"
        if in_data
        else ("matched by tvf; not in the data's table")
    )
    return f"identical heading «{heading}» ({found})"


@dataclass
class RenumberingReport:
    """What the script says about ``renumbered``."""

    counts: Counter[tuple[str, str]]
    data_only: list[Renumbering]
    tvf_only: list[tuple[str, str, str]]
    shared_old_headings: list[tuple[str, str, str]]
    overridden: list[tuple[str, str, str]]
    missing_targets: list[str]


def renumbered_for(
    old: Json, new: Json, rows: Sequence[Renumbering], report: RenumberingReport
) -> dict[str, Json]:
    """The ``renumbered`` mapping of one repealed entry: heading matches, then the data's rows."""
    mapping = heading_renumberings(old, new, rows, report)
    add_data_heading_rows(mapping, rows, report)
    add_stated_rows(mapping, rows, report)
    check_targets(old["id"], mapping.values(), new, report)
    for item in mapping.values():
        report.counts[(old["id"], item.basis)] += 1
    return {number: item.as_json() for number, item in mapping.items()}


def heading_renumberings(
    old: Json, new: Json, rows: Sequence[Renumbering], report: RenumberingReport
) -> dict[str, Renumbering]:
    """The identical headings of ``old`` and ``new``, found here."""
    matches = heading_matches(old, new)
    in_data = {(r.old, r.section) for r in rows if r.basis == IDENTICAL_HEADING}
    sharing: dict[str, list[str]] = {}
    for number, _section, heading in matches:
        sharing.setdefault(heading_key(heading), []).append(number)
    mapping: dict[str, Renumbering] = {}
    for number, section, heading in matches:
        shared_with = tuple(n for n in sharing[heading_key(heading)] if n != number)
        mapping[number] = Renumbering(
            from_law=old["id"],
            old=number,
            from_part=None,
            to_law=new["id"],
            section=section,
            to_part=None,
            basis=IDENTICAL_HEADING,
            source=heading_source(heading, (number, section) in in_data),
            shared_with=shared_with,
        )
        if (number, section) not in in_data:
            report.tvf_only.append((old["id"], number, section))
        if shared_with:
            report.shared_old_headings.append((old["id"], number, section))
    return mapping


def add_data_heading_rows(
    mapping: dict[str, Renumbering], rows: Sequence[Renumbering], report: RenumberingReport
) -> None:
    """The data's identical-heading rows not found here (none today) are kept, and said so."""
    found = {(item.old, item.section) for item in mapping.values()}
    for row in rows:
        if row.basis == IDENTICAL_HEADING and (row.old, row.section) not in found:
            report.data_only.append(row)
            mapping.setdefault(
                row.old, replace(row, source=f"{DATA_HEADING_SOURCE} (the data's table only)")
            )


def add_stated_rows(
    mapping: dict[str, Renumbering], rows: Sequence[Renumbering], report: RenumberingReport
) -> None:
    """A stated row wins over a heading match for the same old section."""
    for row in rows:
        if row.basis != STATED:
            continue
        earlier = mapping.get(row.old)
        if earlier is not None and earlier.basis == STATED:
            raise ValueError(f"{row.from_law} § {row.old} is stated twice")
        if earlier is not None and earlier.section != row.section:
            report.overridden.append((row.from_law, row.old, earlier.section))
        mapping[row.old] = row


def check_targets(
    old_id: str, items: Iterable[Renumbering], new: Json, report: RenumberingReport
) -> None:
    known = {row[0] for row in new["sections"]}
    for item in items:
        for end in item.section.split(" til "):
            if end not in known:
                report.missing_targets.append(f"{old_id} § {item.old} → {new['id']} § {end}")


def add_renumbered(entries: dict[str, Json], dump: Dump) -> RenumberingReport:
    rows = data_rows(dump)
    report = RenumberingReport(Counter(), [], [], [], [], [])
    successor_of = successors(rows)
    for entry in entries.values():
        if not entry["repealed"]:
            continue
        entry["replaced_by"] = successor_of.get(entry["id"])
        entry["renumbered"] = {}
        if entry["replaced_by"] is not None:
            new = entries[entry["replaced_by"]]
            if entry["repealed_on"] is None and new["in_force"] is not None:
                # The data says «Repealed: unknown»: the act ended when its successor came
                # into force (the successor's date_in_force in Lovdata's data).
                entry["repealed_on"] = new["in_force"]
                entry["note"] = (
                    f"{entry['note'] or ''} repealed_on: the date_in_force of {new['id']}, "
                    "which replaced it."
                ).strip()
            own_rows = [r for r in rows if r.from_law == entry["id"]]
            entry["renumbered"] = renumbered_for(entry, new, own_rows, report)
    unknown = {r.from_law for r in rows} - {e["id"] for e in entries.values() if e["repealed"]}
    if unknown:
        raise ValueError(f"renumbering rows for entries that are not repealed: {sorted(unknown)}")
    return report


# --- The registry ------------------------------------------------------------------------------


def header(dump: Dump) -> Json:
    notes = dump.historical["source_notes"]
    archive = next((m[1] for m in map(_ARCHIVE_DATE_RE.search, notes) if m), None)
    laws_date = _FILE_DATE_RE.fullmatch(dump.sections_file)
    return {
        "data_date": {"laws": laws_date[1] if laws_date else None, "regulations": archive},
        "generator": GENERATOR,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "schema": SCHEMA,
        "source_notes": {dump.sections_file: [dump.sections["source"]], HISTORICAL_FILE: notes},
    }


def build(dump: Dump) -> tuple[Json, list[Json], RenumberingReport]:
    """The header, the entries sorted by ID, and what to report about ``renumbered``."""
    entries: dict[str, Json] = {}
    for entry in in_force_law_entries(dump) + historical_entries(dump):
        if entries.setdefault(entry["id"], entry) is not entry:
            raise ValueError(f"{entry['id']} is in the data twice")
    report = add_renumbered(entries, dump)
    return header(dump), [entries[key] for key in sorted(entries)], report


def _line(value: Json) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def render(head: Json, entries: Sequence[Json]) -> str:
    """``{header…,"entries":[`` then one entry a line, then ``]}``."""
    lines = ",\n".join(_line(entry) for entry in entries)
    return f'{_line(head)[:-1]},\n"entries":[\n{lines}\n]}}\n'


# --- Command line ------------------------------------------------------------------------------


def summary(entries: Sequence[Json], report: RenumberingReport) -> list[str]:
    kinds = Counter((e["kind"], e["repealed"]) for e in entries)
    sections = sum(len(e.get("sections", ())) for e in entries)
    articles = sum(len(e.get("articles", ())) for e in entries)
    lines = [
        f"laws: {kinds[('law', False)]} in force or to come, {kinds[('law', True)]} repealed; "
        f"regulations: {kinds[('regulation', False)]} in force, "
        f"{kinds[('regulation', True)]} repealed; conventions: "
        f"{kinds[('convention', False)]}; {sections} sections, {articles} articles"
    ]
    for (law, basis), count in sorted(report.counts.items()):
        lines.append(f"renumbered {law}: {count} {basis}")
    lines.append(
        f"identical headings found by tvf and not in the data's table: "
        f"{len(report.tvf_only)}; in the data's table and not found by tvf: "
        f"{len(report.data_only)}"
    )
    shared = set(report.shared_old_headings)
    lines += listed(
        "tvf only",
        [
            line + (" (old heading shared by several old sections)" if item in shared else "")
            for item, line in zip(report.tvf_only, fmt(report.tvf_only), strict=True)
        ],
    )
    lines += listed("data only", [f"{r.from_law} § {r.old}" for r in report.data_only])
    lines.append(f"identical headings where several old sections share the heading: {len(shared)}")
    lines += listed("heading match overridden by a stated row", fmt(report.overridden))
    lines += listed("target not in the successor's section list", report.missing_targets)
    return lines


def listed(title: str, items: Sequence[str]) -> list[str]:
    return [f"  {title}: {item}" for item in items]


def fmt(items: Iterable[tuple[str, str, str]]) -> list[str]:
    return [f"{law} § {old} → § {new}" for law, old, new in items]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=DEFAULT_FOLDER,
        help="the shared law data (default: ../shared/lovdata beside the repo)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where to write (default: src/tverrfaglig/data/lovdata.json)",
    )
    parser.add_argument("--quiet", action="store_true", help="do not print the summary")
    args = parser.parse_args(argv)
    head, entries, report = build(read_dump(args.folder))
    args.output.write_text(render(head, entries), encoding="utf-8")
    if not args.quiet:
        print(f"wrote {args.output} ({args.output.stat().st_size} bytes)")
        print("\n".join(summary(entries, report)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
