"""tools/gen_registry.py: the shipped law data is what the generator makes of the shared dump.

The shared data (``../shared/lovdata`` beside the repository) is Lovdata's open data (NLOD 2.0);
the facts asserted here are read from it.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOVDATA = ROOT.parent / "shared" / "lovdata"
SHIPPED = ROOT / "src" / "tverrfaglig" / "data" / "lovdata.json"
GENERATOR = ROOT / "tools" / "gen_registry.py"

pytestmark = pytest.mark.skipif(
    not LOVDATA.is_dir(), reason=f"the shared law data is not at {LOVDATA}"
)


def load_generator() -> ModuleType:
    """tools/gen_registry.py as a module (tools/ is not a package)."""
    if "gen_registry" in sys.modules:
        return sys.modules["gen_registry"]
    spec = importlib.util.spec_from_file_location("gen_registry", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_registry"] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("registry") / "lovdata.json"
    assert load_generator().main([str(LOVDATA), "--output", str(out), "--quiet"]) == 0
    return out.read_bytes()


@pytest.fixture(scope="module")
def registry(generated: bytes) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(generated)
    return data


@pytest.fixture(scope="module")
def entries(registry: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in registry["entries"]}


def sections(entry: dict[str, Any]) -> dict[str, str | None]:
    return {number: heading for number, heading, _chapter in entry["sections"]}


def articles(entry: dict[str, Any]) -> dict[str, str | None]:
    return {number: heading for number, heading, _chapter in entry["articles"]}


# --- The shipped file ----------------------------------------------------------------------------


def test_shipped_data_is_what_the_generator_makes(generated: bytes) -> None:
    assert SHIPPED.read_bytes() == generated, "run `make registry` to regenerate"


def test_generating_twice_gives_the_same_bytes(generated: bytes, tmp_path: Path) -> None:
    again = tmp_path / "again.json"
    load_generator().main([str(LOVDATA), "--output", str(again), "--quiet"])
    assert again.read_bytes() == generated


def test_one_entry_a_line_sorted_by_id(generated: bytes, registry: dict[str, Any]) -> None:
    lines = generated.decode("utf-8").splitlines()
    assert lines[1] == '"entries":['
    assert lines[-1] == "]}"
    assert len(lines) == len(registry["entries"]) + 3
    ids = [entry["id"] for entry in registry["entries"]]
    assert ids == sorted(ids)


def test_header_dates_licence_and_sources(registry: dict[str, Any]) -> None:
    assert registry["data_date"] == {"laws": "2026-05-02", "regulations": "2026-05-05"}
    assert registry["license"] == "NLOD 2.0, Lovdata"
    assert registry["generator"] == "tools/gen_registry.py"
    notes = registry["source_notes"]
    assert set(notes) == {"sections-2026-05-02.json", "historical-and-regulations.json"}
    assert any("Statistics Norway" in note for note in notes["historical-and-regulations.json"])


# --- Laws in force -------------------------------------------------------------------------------


def test_opplaeringslova_2023_has_the_duty_to_cooperate(entries: dict[str, Any]) -> None:
    law = entries["LOV-2023-06-09-30"]
    assert law["kind"] == "law" and law["repealed"] is False
    assert law["completeness"] == "complete"
    assert law["in_force"] == "2024-08-01"
    assert sections(law)["24-1"] == "Samarbeid og samordning"
    assert "15-8" not in sections(law)


def test_barnevernsloven_2021_has_15_8_and_no_99_1(entries: dict[str, Any]) -> None:
    law = entries["LOV-2021-06-18-97"]
    assert sections(law)["15-8"] == "Samarbeid og samordning"
    assert "99-1" not in sections(law)
    assert law["source"].startswith("sections-2026-05-02.json: Lovdata open data")


def test_section_numbers_are_normalised_like_tvf(entries: dict[str, Any]) -> None:
    assert sections(entries["LOV-2005-06-17-64"])["2b"] == "Samarbeid og samordning"
    assert "7-2a" in sections(entries["LOV-2011-06-24-30"])
    assert "4A-1" in sections(entries["LOV-1999-07-02-63"])  # Lovdata writes "§ 4a-1"


def test_a_section_keeps_its_law_order_and_its_chapter(entries: dict[str, Any]) -> None:
    rows = entries["LOV-2005-06-17-64"]["sections"]
    numbers = [number for number, _heading, _chapter in rows]
    assert numbers.index("2") < numbers.index("2a") < numbers.index("2b") < numbers.index("3")
    chapter = {number: chapter for number, _heading, chapter in rows}
    assert chapter["2b"] == "Kapittel I. Barnehagens formål og innhold"


def test_forvaltningsloven_2025_is_present_and_not_yet_in_force(entries: dict[str, Any]) -> None:
    law = entries["LOV-2025-06-20-81"]
    # The data's date_in_force is "Kongen bestemmer": no date yet.
    assert law["in_force"] is None
    assert law["in_force_text"] == "Kongen bestemmer"
    assert len(law["sections"]) == 100
    assert entries["LOV-1967-02-10"]["in_force"] == "1970-01-01"


def test_last_change_as_the_data_has_it(entries: dict[str, Any]) -> None:
    law = entries["LOV-1967-02-10"]
    assert law["last_changed"] == "2026-01-01"
    assert law["last_changed_by"] == "lov/2025-04-25-12 fra 2026-01-01"


# --- Conventions ---------------------------------------------------------------------------------


def test_barnekonvensjonen_is_a_convention_with_article_12(entries: dict[str, Any]) -> None:
    convention = entries["LOV-1999-05-21-30/bkn"]
    assert convention["kind"] == "convention"
    assert convention["part_of"] == "LOV-1999-05-21-30"
    assert (
        convention["title"] == "FNs konvensjon om barnets rettigheter med protokoller "
        "(norsk oversettelse)"
    )
    assert "12" in articles(convention) and "3" in articles(convention)


def test_emk_article_8_and_protocol_articles(entries: dict[str, Any]) -> None:
    emk = articles(entries["LOV-1999-05-21-30/emkn"])
    assert "8" in emk
    assert emk["P1-2"] == "Rett til utdanning"
    assert not entries["LOV-1999-05-21-30/emkn"]["title"].endswith("1")  # footnote mark


def test_gdpr_is_a_convention_with_article_9(entries: dict[str, Any]) -> None:
    gdpr = entries["LOV-2018-06-15-38/gdpr"]
    assert gdpr["kind"] == "convention" and gdpr["part_of"] == "LOV-2018-06-15-38"
    assert articles(gdpr)["9"] == "Behandling av særlige kategorier av personopplysninger"
    assert len(gdpr["articles"]) == 99


def test_articles_leave_the_host_law(entries: dict[str, Any]) -> None:
    assert list(sections(entries["LOV-1999-05-21-30"])) == ["1", "2", "3", "4", "5", "6"]
    popl = sections(entries["LOV-2018-06-15-38"])
    assert "12a" in popl and not any("/" in number for number in popl)


# --- Regulations ---------------------------------------------------------------------------------


def test_regulation_on_habilitation_has_18_sections(entries: dict[str, Any]) -> None:
    regulation = entries["FOR-2011-12-16-1256"]
    assert regulation["kind"] == "regulation" and regulation["repealed"] is False
    assert sections(regulation)["16"] == "Koordinator i kommunen"
    # The 2026 text ends at § 18; § 19 of older versions is not in the data.
    assert "19" not in sections(regulation)


def test_new_opplaeringsforskrift_in_force_date_comes_from_the_source_notes(
    entries: dict[str, Any],
) -> None:
    assert entries["FOR-2024-06-03-900"]["in_force"] == "2024-08-01"
    assert entries["FOR-2024-06-03-900"]["last_changed"] == "2026-01-01"


def test_rammeplan_has_no_numbered_sections(entries: dict[str, Any]) -> None:
    assert entries["FOR-2017-04-24-487"]["sections"] == []


# --- Repealed acts and renumbering ---------------------------------------------------------------


def test_repealed_acts_are_partial_with_their_successor(entries: dict[str, Any]) -> None:
    old = entries["LOV-1998-07-17-61"]
    assert old["repealed"] is True and old["repealed_on"] == "2024-08-01"
    assert old["completeness"] == "partial"
    assert old["replaced_by"] == "LOV-2023-06-09-30"
    assert entries["LOV-1992-07-17-100"]["replaced_by"] == "LOV-2021-06-18-97"
    assert entries["FOR-2006-06-23-724"]["replaced_by"] == "FOR-2024-06-03-900"
    # Neither the data nor lovdata.md states these successors.
    for law_id in ("LOV-1995-05-05-19", "LOV-1991-12-13-81", "LOV-1982-11-19-66"):
        assert entries[law_id]["replaced_by"] is None
        assert entries[law_id]["renumbered"] == {}
    # kommuneloven 1992: the generator states its successor (the 2018 act's § 31-2 names
    # «kommuneloven av 1992»); the data says «Repealed: unknown», so the act ends on the
    # successor's date in force, and the entry's note says so.
    kommuneloven = entries["LOV-1992-09-25-107"]
    assert kommuneloven["replaced_by"] == "LOV-2018-06-22-83"
    assert kommuneloven["repealed_on"] == entries["LOV-2018-06-22-83"]["in_force"] == "2019-11-01"
    assert "repealed_on: the date_in_force of LOV-2018-06-22-83" in kommuneloven["note"]
    assert kommuneloven["renumbered"]


def test_opplaeringslova_15_8_is_now_24_1_by_identical_heading(entries: dict[str, Any]) -> None:
    old = entries["LOV-1998-07-17-61"]
    assert sections(old)["15-8"] == "Samarbeid og samordning"
    moved = old["renumbered"]["15-8"]
    assert moved["to"] == "LOV-2023-06-09-30" and moved["section"] == "24-1"
    assert moved["basis"] == "identical-heading"
    assert moved["shared_with"] == ["4A-14"]  # the old act's adult-education duty
    assert "not in the data's table" in moved["source"]


def test_barnevernloven_3_2_is_now_15_8(entries: dict[str, Any]) -> None:
    moved = entries["LOV-1992-07-17-100"]["renumbered"]["3-2"]
    assert (moved["to"], moved["section"], moved["basis"]) == (
        "LOV-2021-06-18-97",
        "15-8",
        "identical-heading",
    )
    assert moved["shared_with"] == []


def test_stated_rows_name_statistics_norway(entries: dict[str, Any]) -> None:
    renumbered = entries["LOV-1992-07-17-100"]["renumbered"]
    stated = {old: item for old, item in renumbered.items() if item["basis"] == "stated"}
    assert len(stated) == 9
    assert all(item["source"].startswith("statisticsnorway/") for item in stated.values())
    assert stated["4-4"]["section"] == "3-1 til 3-5"
    assert (stated["4-15"]["from_part"], stated["4-15"]["section"], stated["4-15"]["to_part"]) == (
        "tredje ledd",
        "8-3",
        "fjerde ledd",
    )


def test_old_numbering_keys_are_normalised(entries: dict[str, Any]) -> None:
    renumbered = entries["LOV-1998-07-17-61"]["renumbered"]
    assert renumbered["9A-11"]["section"] == "13-1"  # "§ 9 A-11" Bortvising
    assert renumbered["13-3f"]["section"] == "28-9"


def test_every_renumbered_target_exists_in_the_successor(entries: dict[str, Any]) -> None:
    for entry in entries.values():
        for item in entry.get("renumbered", {}).values():
            targets = sections(entries[item["to"]])
            assert all(end in targets for end in item["section"].split(" til "))


def test_a_label_that_only_repeats_the_article_number_is_no_heading(
    entries: dict[str, Any],
) -> None:
    # barnekonvensjonen's articles are headed "Art 12." in Lovdata's text: no heading.
    assert articles(entries["LOV-1999-05-21-30/bkn"])["12"] is None
    assert articles(entries["LOV-1999-05-21-30/emkn"])["8"] == (
        "Retten til respekt for privatliv og familieliv"
    )
