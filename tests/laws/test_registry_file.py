"""Tests for laws.yaml: reading, checking and merging its entries, and writing it
(tverrfaglig.laws.registry_file)."""

from __future__ import annotations

import datetime as dt
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from law_fixtures import (
    BHL,
    DEFAULT_IDS,
    FVL_1967,
    FVL_2025,
    OPPL_1998,
    OPPL_2023,
    body_cite,
    write_laws,
)
from tverrfaglig.findings import Severity
from tverrfaglig.laws.model import Amendment, Chapter, Law, Section, is_repealed_title
from tverrfaglig.laws.parser import find_citations
from tverrfaglig.laws.registry import LawRegistry, load_registry, read_registry_text
from tverrfaglig.laws.registry_file import registry_yaml

from helpers import TODAY

# --- A handbook's laws.yaml ------------------------------------------------------------------


HANDBOOK_LAWS = """\
# Håndbokas egne lover
- id: LOV-1998-07-17-61
  sections: ["15-8", "15-9"]

- id: LOV-2005-06-17-64
  names: [barnehageloven, bhl, barnehagelova, bhgl]
  chapters: [1, 2, 3, 4a, v]

- id: LOV-1999-03-26-17
  title: Lov om husleieavtaler (husleieloven)
  names: [husleieloven, husleigelova, hl]
"""


def test_handbook_laws_add_and_override(tmp_path: Path) -> None:
    laws, findings = load_registry(write_laws(tmp_path, HANDBOOK_LAWS))
    assert findings == []
    # Issue 13 moved barnelova and then vergemålsloven into the default registry: the added
    # law is now husleieloven.
    assert list(laws.laws) == [*DEFAULT_IDS, "LOV-1999-03-26-17"]
    old = laws.by_id(OPPL_1998)
    assert old is not None
    assert old.sections == frozenset({"15-8", "15-9"})
    default_old = LawRegistry.default().by_id(OPPL_1998)
    assert default_old is not None
    assert old.title == default_old.title and old.names == default_old.names
    assert old.repealed == date(2024, 8, 1) and old.replaced_by == OPPL_2023
    # The default registry is left alone (since issue 13 it has the data's partial list).
    assert default_old.sections is not None and default_old.sections != old.sections
    bhl = laws.by_id(BHL)
    assert bhl is not None and bhl.names[1] == "bhl"
    assert bhl.chapters == frozenset({"1", "2", "3", "4A", "V"})
    added = laws.resolve("Husleigelova", TODAY)
    assert added is not None and added.id == "LOV-1999-03-26-17"
    assert added.title == "Lov om husleieavtaler (husleieloven)"
    assert body_cite("husleieloven § 9-2", laws).law == added
    assert find_citations("husleieloven § 9-2", 1, LawRegistry.default(), TODAY)[0].law is None


def test_handbook_override_can_repeal_and_unrepeal(tmp_path: Path) -> None:
    text = (
        "- id: lov-1967-02-10\n  repealed: 2026-01-01\n  replaced_by: LOV-2025-06-20-81\n"
        "- id: LOV-2025-06-20-81\n  names: [forvaltningsloven, fvl]\n"
        "- id: LOV-1998-07-17-61\n  repealed: null\n  replaced_by: null\n"
    )
    laws, findings = load_registry(write_laws(tmp_path, text))
    assert findings == []
    assert getattr(laws.resolve("fvl", TODAY), "id", None) == FVL_2025
    assert getattr(laws.resolve("fvl", date(2025, 12, 31)), "id", None) == FVL_1967
    old = laws.by_id(OPPL_1998)
    assert old is not None and old.repealed is None and not old.is_repealed(TODAY)


def test_registry_sections_come_from_a_handbook(tmp_path: Path) -> None:
    root = write_laws(tmp_path, '- id: LOV-1998-07-17-61\n  sections: ["15-8", "2 b", 3]\n')
    laws, findings = load_registry(root)
    assert findings == []
    cite = body_cite("LOV-1998-07-17-61 § 15-8", laws)
    assert cite.law is not None and cite.law.sections == frozenset({"15-8", "2b", "3"})


def test_empty_laws_yaml_is_fine(tmp_path: Path) -> None:
    for text in ("", "# bare en kommentar\n", "[]\n"):
        laws, findings = load_registry(write_laws(tmp_path, text))
        assert findings == []
        assert list(laws.laws) == DEFAULT_IDS


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        # not valid YAML
        ("- id: LOV-2000-01-01-1\n  title: a: b\n", "TVF001", 2),
        ("- id: LOV-2000-01-01-1\n  title: Ny\n  names: [a, b\n", "TVF001", 3),
        ("- id: LOV-2000-01-01-1\n\ttitle: Ny\n", "TVF001", 2),
        ("- a\n---\n- b\n", "TVF001", 2),
        ("- !!python/object/apply:os.system [ls]\n", "TVF001", 1),
        # not a list
        ("id: LOV-2000-01-01-1\ntitle: Ny\n", "TVF001", 1),
        ("bare tekst\n", "TVF001", 1),
        # an entry without id, or a new one without title
        ("- id: LOV-2000-01-01-3\n  title: Ny\n- title: Uten id\n  names: [x]\n", "TVF002", 3),
        ("- id:\n  title: Tom id\n", "TVF002", 1),
        ("- id: LOV-2000-01-01-1\n  names: [nylov]\n", "TVF002", 1),
        # keys of the wrong form
        ("- id: LOV-2000-01-01-1\n  title: Ny\n  repealed: 2024-02-30\n", "TVF003", 3),
        ("- id: LOV-2000-01-01-1\n  title: Ny\n  repealed: i fjor\n", "TVF003", 3),
        ("- id: LOV-1998-07-17-61\n  repealed: [2024]\n", "TVF003", 2),
        ("- id: LOV-2000-13-01-1\n  title: Ny\n", "TVF003", 1),
        ("- title: Ny\n  id: Barneloven\n", "TVF003", 2),
        ("- id: 2000\n  title: Ny\n", "TVF003", 1),
        ("- id: LOV-2000-01-01-1\n  title: Ny\n  names: nylov\n", "TVF003", 3),
        ("- id: LOV-2000-01-01-1\n  title: Ny\n  names: [nylov, [x]]\n", "TVF003", 3),
        ("- id: LOV-2000-01-01-1\n  title: Ny\n  names: ['']\n", "TVF003", 3),
        ("- id: LOV-2000-01-01-1\n  title: [Ny]\n", "TVF003", 2),
        ("- id: LOV-1998-07-17-61\n  sections: [15.8]\n", "TVF003", 2),
        ('- id: LOV-1998-07-17-61\n  sections: ["15-8", tre]\n', "TVF003", 2),
        ('- id: LOV-1998-07-17-61\n  sections: "15-8"\n', "TVF003", 2),
        ("- id: LOV-1998-07-17-61\n  chapters: [fem]\n", "TVF003", 2),
        ("- id: LOV-1998-07-17-61\n  replaced_by: den nye\n", "TVF003", 2),
        ("- LOV-2000-01-01-1\n", "TVF003", 1),
    ],
)
def test_broken_laws_yaml(tmp_path: Path, text: str, code: str, line: int) -> None:
    laws, findings = load_registry(write_laws(tmp_path, text))
    assert [(f.code, f.line) for f in findings] == [(code, line)]
    finding = findings[0]
    assert finding.path == "laws.yaml"
    assert finding.severity is Severity.ERROR
    assert "laws.yaml" in finding.message
    # The bad entry is skipped; the default laws are all there, unchanged.
    assert list(laws.laws)[: len(DEFAULT_IDS)] == DEFAULT_IDS
    assert laws.by_id("LOV-2000-01-01-1") is None
    assert laws.by_id(OPPL_1998) == LawRegistry.default().by_id(OPPL_1998)


def test_bad_entries_are_skipped_and_good_ones_kept(tmp_path: Path) -> None:
    text = (
        "- id: LOV-2000-01-01-1\n"
        "  title: God lov\n"
        "  names: [godloven]\n"
        "- title: Uten id\n"
        "- id: LOV-2000-01-01-2\n"
        "  title: Dårlig dato\n"
        "  repealed: 2024-13-01\n"
        "- id: LOV-1998-07-17-61\n"
        '  sections: ["15-8"]\n'
    )
    laws, findings = load_registry(write_laws(tmp_path, text))
    assert [(f.code, f.line) for f in findings] == [("TVF002", 4), ("TVF003", 7)]
    assert laws.by_id("LOV-2000-01-01-1") is not None
    assert laws.by_id("LOV-2000-01-01-2") is None
    old = laws.by_id(OPPL_1998)
    assert old is not None and old.sections == frozenset({"15-8"})


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.dates(),
    st.text(max_size=20),
    st.sampled_from(["LOV-2000-01-01-1", "lov-1998-07-17-61", "2024-08-01", "15-8", "4A"]),
    st.lists(st.one_of(st.text(max_size=10), st.integers(), st.none()), max_size=4),
)
ENTRIES = st.one_of(
    st.dictionaries(
        st.sampled_from(
            ["id", "title", "names", "repealed", "replaced_by", "sections", "chapters", "x"]
        ),
        VALUES,
    ),
    VALUES,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(st.lists(ENTRIES, max_size=5), ENTRIES))
def test_load_registry_never_raises_on_structured_input(tmp_path: Path, data: object) -> None:
    write_laws(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    laws, findings = load_registry(tmp_path)
    assert len(laws) >= len(DEFAULT_IDS)
    assert all(f.path == "laws.yaml" and f.code in {"TVF001", "TVF002", "TVF003"} for f in findings)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=120))
def test_load_registry_never_raises_on_any_text(tmp_path: Path, text: str) -> None:
    write_laws(tmp_path, text)
    laws, findings = load_registry(tmp_path)
    assert len(laws) >= len(DEFAULT_IDS)
    assert all(f.line is None or f.line >= 1 for f in findings)


# --- Sections and chapters in detail ---------------------------------------------------------


def test_plain_section_lists_still_work_and_mix_with_details(tmp_path: Path) -> None:
    (tmp_path / "laws.yaml").write_text(
        f'- id: {BHL}\n  sections: ["1", 2, {{name: 2b, title: Samarbeid}}]\n'
        "  chapters: [1, {name: 4a, anchor: kapittel_5}]\n",
        encoding="utf-8",
    )
    registry, findings = load_registry(tmp_path)
    assert findings == []
    bhl = registry.by_id(BHL)
    assert bhl is not None
    assert bhl.sections == frozenset({"1", "2", "2b"})
    assert bhl.section("2b") == Section("2b", "Samarbeid")
    assert bhl.chapters == frozenset({"1", "4A"})
    assert bhl.chapter_by_anchor("KAPITTEL_5") == Chapter("4A", "", "KAPITTEL_5")


def test_section_rows_are_read(tmp_path: Path) -> None:
    (tmp_path / "laws.yaml").write_text(
        f"- id: {BHL}\n  sections:\n"
        "    - '2b | Samarbeid og samordning | kap. 1 | tilføyd ved LOV-2021-06-11-78 fra "
        "2022-08-01; endret ved lov-2023-12-01-90'\n"
        "    - '3 | (Oppheva) | kapittel 2'\n"
        "    - '4 |'\n"
        "    - '5'\n"
        "  chapters: ['1 | Formål og innhold | KAPITTEL_1', '2', 4a |]\n",
        encoding="utf-8",
    )
    registry, findings = load_registry(tmp_path)
    assert findings == []
    bhl = registry.by_id(BHL)
    assert bhl is not None
    assert bhl.section_info == (
        Section(
            "2b",
            "Samarbeid og samordning",
            False,
            "1",
            (
                Amendment("LOV-2021-06-11-78", dt.date(2022, 8, 1), "tilføyd"),
                Amendment("LOV-2023-12-01-90", None, "endret"),
            ),
        ),
        Section("3", "(Oppheva)", True, "2"),
        Section("4"),
        Section("5"),
    )
    assert bhl.chapter_info == (
        Chapter("1", "Formål og innhold", "KAPITTEL_1"),
        Chapter("2"),
        Chapter("4A"),
    )


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("  sections: [{title: Uten navn}]", "må ha «name»"),
        ("  sections: [{name: tre}]", "«tre» er ikke gyldig"),
        ("  sections: [{name: '2', repealed: kanskje}]", "true eller false"),
        ("  sections: [{name: '2', amended: [{date: 2022-08-01}]}]", "«by»"),
        ("  sections: [{name: '2', amended: [{by: LOV-2021-06-11-78, date: snart}]}]", "«date»"),
        ("  chapters: [{name: '5', anchor: kap5}]", "KAPITTEL_5"),
        ("  sections: ['tre | Tittel']", "«tre» er ikke en paragraf"),
        ("  sections: ['2 | Tittel | kap. ?']", "«kap. ?» er ikke et kapittel"),
        ("  sections: ['2 | Tittel | kap. 1 | endret av noen']", "må se ut som «endret ved"),
        (
            "  sections: ['2 | Tittel | | endret ved LOV-2021-06-11-78 fra snart']",
            "må se ut som «endret ved",
        ),
        ("  chapters: ['5 | Tittel | kap5']", "KAPITTEL_5"),
        ("  in_force: snart", "«in_force»"),
        ("  last_changed_by: forskrift", "«last_changed_by»"),
    ],
)
def test_bad_section_details_are_tvf003(tmp_path: Path, entry: str, problem: str) -> None:
    (tmp_path / "laws.yaml").write_text(f"- id: {BHL}\n{entry}\n", encoding="utf-8")
    registry, findings = load_registry(tmp_path)
    assert [f.code for f in findings] == ["TVF003"]
    assert problem in findings[0].message
    assert registry.by_id(BHL) == LawRegistry.default().by_id(BHL)  # the entry is skipped


# --- Writing the registry --------------------------------------------------------------------


def test_registry_yaml_round_trips_awkward_text() -> None:
    # An ID new to the registry: since issue 13 the shipped data has more of barnehageloven
    # (short title, in-force date) than this entry, and an entry adds to what it overrides.
    law = Law(
        id="LOV-2005-06-17-99",
        title="Lov om: «barnehager» # og 'sånt', [m.m.] {x}",
        names=("yes", "bhl.", "3-4", "Barnehageloven"),
        short_title="No",
        abbreviation="null",
        in_force=dt.date(2006, 1, 1),
        last_change=dt.date(2024, 8, 1),
        last_changed_by="LOV-2023-06-09-30",
        repealed=dt.date(2030, 1, 1),
        replaced_by="LOV-2029-01-01-1",
        chapter_info=(Chapter("1", "Formål: og innhold", "KAPITTEL_1"), Chapter("IV")),
        section_info=(
            Section(
                "2b",
                "Samarbeid, og samordning",
                False,
                "1",
                (
                    Amendment("LOV-2021-06-11-78", dt.date(2022, 8, 1), "tilføyd"),
                    Amendment("LOV-2013-06-21-85", None),
                ),
            ),
            Section("3", "(Opphevet)", True, "IV"),
            Section("12A-1", "true"),
        ),
    )
    text = registry_yaml([law], "Linje én\n\nLinje tre")
    assert text.startswith("# Linje én\n#\n# Linje tre\n\n- id: LOV-2005-06-17-99\n")
    registry, findings = read_registry_text(text)
    assert findings == []
    assert registry.by_id(law.id) == law


def test_a_registry_with_many_sections_loads_whole(tmp_path: Path) -> None:
    """A registry with section details for ten laws (1,500 sections) reads back whole. How
    fast it loads is measured by bench/bench_laws_import.py, not here (no timed unit tests)."""
    laws = [
        Law(
            id=f"LOV-2011-06-24-{n}",
            title=f"Lov {n}",
            names=(f"lov{n}",),
            section_info=tuple(
                Section(
                    f"{c}-{s}",
                    "Kommunens plikt til samarbeid og samordning",
                    False,
                    str(c),
                    (
                        Amendment("LOV-2021-06-11-78", dt.date(2022, 8, 1)),
                        Amendment("LOV-2013-06-21-85", dt.date(2013, 7, 1)),
                    ),
                )
                for c in range(1, 16)
                for s in range(1, 11)
            ),
            chapter_info=tuple(Chapter(str(c), f"Kapittel {c}") for c in range(1, 16)),
        )
        for n in range(1, 11)
    ]
    (tmp_path / "laws.yaml").write_text(registry_yaml(laws), encoding="utf-8")
    registry, findings = load_registry(tmp_path)
    assert findings == [] and len(registry.by_id("LOV-2011-06-24-1").section_info) == 150  # type: ignore[union-attr]
    assert yaml.safe_load((tmp_path / "laws.yaml").read_text(encoding="utf-8"))[0]["id"]


NEW = "LOV-2005-06-17-99"  # not in the shipped data, so the entry is the whole law
_TITLES = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="|"),
        max_size=40,
    )
    .map(lambda text: " ".join(text.split()))
    .filter(lambda text: not is_repealed_title(text))
)


@settings(max_examples=200, deadline=None)
@given(title=_TITLES, section_title=_TITLES, chapter_title=_TITLES, short=_TITLES)
def test_registry_yaml_round_trips_any_text(
    title: str, section_title: str, chapter_title: str, short: str
) -> None:
    law = Law(
        id=NEW,
        title=title or "Lov",
        names=("navn",),
        short_title=short or None,
        section_info=(
            Section(
                "2b",
                section_title,
                False,
                "1",
                (Amendment("LOV-2021-06-11-78", dt.date(2022, 8, 1)),),
            ),
        ),
        chapter_info=(Chapter("1", chapter_title, "KAPITTEL_1"),),
    )
    registry, findings = read_registry_text(registry_yaml([law]))
    assert findings == []
    assert registry.by_id(NEW) == law
