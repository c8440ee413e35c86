"""The corpus of real citation passages (issue 13) is well-formed.

Only the file is checked here: every entry has a text and a source, names forms the scorer
knows, and labels citations with documented law keys and at most one unit. How well tvf's
parser does on the corpus is measured with tools/citation_corpus.py, not asserted here.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "laws" / "corpus" / "citations.yaml"

# The law keys the brief asks the corpus to use; the header may document more.
BRIEF_KEYS = {
    "opplæringslova-1998", "opplæringslova-2023", "barnevernloven-1992", "barnevernsloven-2021",
    "barnehageloven", "helse-og-omsorgstjenesteloven", "pasient-og-brukerrettighetsloven",
    "helsepersonelloven", "forvaltningsloven", "folkehelseloven", "personopplysningsloven",
    "sosialtjenesteloven", "spesialisthelsetjenesteloven", "psykisk-helsevernloven",
    "kommuneloven", "politiloven", "menneskerettsloven", "grunnloven", "barneloven",
    "privatskolelova", "straffeloven", "likestillings-og-diskrimineringsloven",
    "integreringsloven", "introduksjonsloven", "arbeids-og-velferdsforvaltningsloven",
    "krisesenterlova", "familievernkontorloven", "barnekonvensjonen", "emk", "gdpr",
    "forskrift-habilitering", "forskrift-helsestasjon", "forskrift-opplæringslova-2006",
    "opplæringsforskrifta-2024", "rammeplan-barnehage", "pasientjournalforskriften",
}  # fmt: skip


def _load_tool() -> ModuleType:
    """tools/citation_corpus.py is a script, not part of the package: load it by path."""
    path = ROOT / "tools" / "citation_corpus.py"
    spec = importlib.util.spec_from_file_location("citation_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("citation_corpus", module)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data, "the corpus is a non-empty YAML list"
    return data


def test_the_file_starts_with_the_documented_header() -> None:
    first = CORPUS.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Real citation passages, quoted from public Norwegian documents")


def test_the_header_documents_the_law_keys_of_the_brief() -> None:
    documented = tool.documented_law_keys(CORPUS)
    assert sorted(BRIEF_KEYS - documented) == []


def test_every_entry_has_a_text_and_a_source(entries: list[dict[str, Any]]) -> None:
    bad = [
        number
        for number, entry in enumerate(entries, start=1)
        if not (isinstance(entry.get("text"), str) and entry["text"].strip())
        or not (isinstance(entry.get("source"), str) and entry["source"].strip())
    ]
    assert bad == [], f"entries without text or source: {bad}"


def test_every_entry_names_known_forms(entries: list[dict[str, Any]]) -> None:
    unknown = {
        (number, form)
        for number, entry in enumerate(entries, start=1)
        for form in entry.get("forms") or ["<none>"]
        if form not in tool.FORMS
    }
    assert sorted(unknown) == []


def test_every_label_uses_a_documented_law_and_at_most_one_unit(
    entries: list[dict[str, Any]],
) -> None:
    documented = tool.documented_law_keys(CORPUS)
    problems = []
    for number, entry in enumerate(entries, start=1):
        for label in entry.get("citations") or []:
            law = label.get("law")
            if law is not None and law not in documented:
                problems.append(f"entry {number}: undocumented law key {law!r}")
            units = [unit for unit in ("section", "chapter", "article") if label.get(unit)]
            if len(units) > 1:
                problems.append(f"entry {number}: {label} has more than one unit")
            if law is None and not units:
                problems.append(f"entry {number}: law: null without a unit")
    assert problems == []


def test_passages_without_citations_are_marked_quiet(entries: list[dict[str, Any]]) -> None:
    unmarked = [
        number
        for number, entry in enumerate(entries, start=1)
        if not entry.get("citations") and "quiet" not in (entry.get("forms") or [])
    ]
    assert unmarked == []


def test_the_loader_accepts_the_whole_file() -> None:
    """load_corpus checks everything above and more (field names, quoting, ranges, duplicates)."""
    passages = tool.load_corpus(CORPUS)
    assert passages


def test_every_written_date_comes_from_the_source_line(entries: list[dict[str, Any]]) -> None:
    """``written`` is taken only from what the source line states (the file's header says
    how): its year is written there, in full or as a session's or circular's two digits
    («(1998-99)», «F-08-06», «letter of 24.04.06»)."""
    unsourced = []
    for number, entry in enumerate(entries, start=1):
        written = entry.get("written")
        if written is None:
            continue
        year = str(written if isinstance(written, int) else written.year)
        if year not in entry["source"] and not re.search(rf"\D{year[2:]}\b", entry["source"]):
            unsourced.append((number, written))
    assert unsourced == []


def test_written_dates_are_read_as_the_last_day_they_can_mean() -> None:
    passages = {p.text: p for p in tool.load_corpus(CORPUS)}
    dated = [p for p in passages.values() if p.written is not None]
    assert len(dated) >= 100
    # «Prop. 57 L (2022–2023)»: the session's later year, read as its last day.
    prop = next(p for p in dated if p.source.startswith("Prop. 57 L (2022–2023)"))
    assert prop.written == 2023 and prop.written_by == date(2023, 12, 31)
    # «(20.02.2024)»: a day is that day.
    day = next(p for p in dated if "(20.02.2024)" in p.source)
    assert day.written_by == date(2024, 2, 20)


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("'2023'", "written must be a year (2023) or a day (2024-02-20), not '2023'"),
        ("true", "written must be a year (2023) or a day (2024-02-20), not True"),
        ("1700", "written 1700 is outside"),
        ("2023-02-30", "not readable as YAML: day is out of range for month"),
        ("2023-02-03 10:00:00", "written must be a year or a day, not a time"),
    ],
)
def test_a_bad_written_date_is_refused(tmp_path: Path, written: str, problem: str) -> None:
    header = "\n".join(
        line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    )
    text = (
        f"{header}\n"
        '- text: "Kommunen skal sørgje for samarbeid, jf. opplæringslova § 13-3 d."\n'
        '  source: "Prop. 57 L (2022–2023), pkt. 20.2"\n'
        f"  written: {written}\n"
        "  forms: [plain]\n"
        "  citations:\n"
        '    - {law: opplæringslova-1998, section: "13-3d"}\n'
    )
    path = tmp_path / "citations.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(tool.CorpusError) as raised:
        tool.load_corpus(path)
    assert problem in str(raised.value)
