"""The corpus of real citation passages (issue 13) is well-formed.

Only the file is checked here: every entry has a text and a source, names forms the scorer
knows, and labels citations with documented law keys and at most one unit. How well tvf's
parser does on the corpus is measured with tools/citation_corpus.py, not asserted here.
"""

from __future__ import annotations

import importlib.util
import sys
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
