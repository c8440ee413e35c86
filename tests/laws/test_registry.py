"""Tests for the law registry: the default one, looking laws up, and loading a handbook's
(tverrfaglig.laws.registry)."""

from __future__ import annotations

import datetime as dt
from datetime import date
from pathlib import Path

import pytest

from law_fixtures import (
    BEFORE_REFORMS,
    BHL,
    BVL_1992,
    BVL_2021,
    DEFAULT_IDS,
    FVL_1967,
    FVL_2025,
    HOL,
    HPL,
    OPPL_1998,
    OPPL_2023,
    PBRL,
)
from tverrfaglig.laws.model import Law
from tverrfaglig.laws.registry import LawRegistry, load_registry

from helpers import TODAY

# --- The default registry --------------------------------------------------------------------


def test_default_registry_has_all_laws_in_order(registry: LawRegistry) -> None:
    assert list(registry.laws) == DEFAULT_IDS
    assert [law.id for law in registry] == DEFAULT_IDS
    assert len(registry) == len(DEFAULT_IDS)


def test_default_registry_is_parsed_once() -> None:
    assert LawRegistry.default() is LawRegistry.default()


def test_default_registry_facts(registry: LawRegistry) -> None:
    old = registry.by_id(OPPL_1998)
    assert old is not None
    assert old.repealed == date(2024, 8, 1)
    assert old.replaced_by == OPPL_2023
    assert old.names[:4] == ("opplæringslova", "opplæringsloven", "oppll", "oppl")
    bvl = registry.by_id(BVL_1992)
    assert bvl is not None and bvl.repealed == date(2023, 1, 1) and bvl.replaced_by == BVL_2021
    new_fvl = registry.by_id(FVL_2025)
    assert new_fvl is not None and new_fvl.names == ()
    assert new_fvl.short_name == FVL_2025
    # Issue 13: the sections come from the shipped law data (data/lovdata.json), complete for
    # the laws in force, partial for the repealed acts; laws the data lacks have none.
    hol = registry.by_id("LOV-2011-06-24-30")
    assert hol is not None and hol.complete and hol.section("7-2a") is not None
    assert hol.section("7-2a").title == "Barnekoordinator"  # type: ignore[union-attr]
    assert old.sections is not None and not old.complete and "15-8" in old.sections
    assert registry.by_id("LOV-1814-05-17").sections is None  # type: ignore[union-attr]
    assert {law.kind for law in registry} == {"law", "regulation", "convention"}
    assert all(
        law.title.startswith(("Lov om", "Forskrift", "Kongeriket", "Almindelig borgerlig"))
        or law.kind == "convention"
        for law in registry
    )


def test_load_registry_without_handbook_is_the_default(tmp_path: Path) -> None:
    assert load_registry(None) == (LawRegistry.default(), [])
    assert load_registry(tmp_path) == (LawRegistry.default(), [])


def test_unreadable_laws_yaml(tmp_path: Path) -> None:
    (tmp_path / "laws.yaml").write_bytes(b"- id: \xff\xfe\n")
    laws, findings = load_registry(tmp_path)
    assert [(f.code, f.path) for f in findings] == [("TVF001", "laws.yaml")]
    assert list(laws.laws) == DEFAULT_IDS


# --- Looking laws up -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("law_id", "expected"),
    [
        (OPPL_1998, OPPL_1998),
        ("lov-1998-07-17-61", OPPL_1998),
        ("Lov-1967-02-10", FVL_1967),
        (" LOV-2005-06-17-64 ", BHL),
        ("LOV-2000-01-01-1", None),
        ("barnehageloven", None),
    ],
)
def test_by_id(registry: LawRegistry, law_id: str, expected: str | None) -> None:
    law = registry.by_id(law_id)
    assert (law.id if law else None) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("barnehageloven", BHL),
        ("Barnehageloven", BHL),
        ("BHL", BHL),
        ("Bvl", BVL_2021),
        ("bvl.", BVL_2021),
        ("oppll.", OPPL_2023),
        ("Oppll", OPPL_2023),
        ("opplæringsloven", OPPL_2023),
        ("hol", HOL),
        ("Helse- og omsorgstjenesteloven", HOL),
        ("helse-  og\nomsorgstjenesteloven", HOL),
        ("pasient- og brukerrettighetsloven", PBRL),
        ("pasientrettighetsloven", PBRL),
        ("psykisk helsevernloven", "LOV-1999-07-02-62"),
        ("forvaltningsloven", FVL_1967),
        ("barnehagelovens", BHL),
        ("Lov om barnehager (barnehageloven)", BHL),
        (OPPL_1998, OPPL_1998),
        ("lov-1992-07-17-100", BVL_1992),
        (FVL_2025, FVL_2025),
        ("https://lovdata.no/lov/1998-07-17-61", OPPL_1998),
        ("https://lovdata.no/lov/2005-06-17-64/§2b", BHL),
        ("https://lovdata.no/lov/2005-06-17-64/%C2%A72b", BHL),
        ("http://www.lovdata.no/dokument/NL/lov/1999-07-02-64/KAPITTEL_5", HPL),
        ("lovdata.no/lov/1967-02-10", FVL_1967),
        ("xyzloven", None),
        ("barnevern", None),
        ("", None),
        ("   ", None),
        ("LOV-2000-01-01-1", None),
        ("https://lovdata.no/forskrift/2006-06-28-724", None),
        ("https://example.org/lov/1998-07-17-61", None),
    ],
)
def test_resolve(registry: LawRegistry, token: str, expected: str | None) -> None:
    law = registry.resolve(token, TODAY)
    assert (law.id if law else None) == expected


def test_shared_name_means_the_law_in_force(registry: LawRegistry) -> None:
    def resolved(token: str, today: date) -> str | None:
        law = registry.resolve(token, today)
        return law.id if law else None

    assert resolved("opplæringslova", TODAY) == OPPL_2023
    assert resolved("opplæringslova", BEFORE_REFORMS) == OPPL_1998
    assert resolved("oppll", date(2024, 7, 31)) == OPPL_1998
    assert resolved("oppll", date(2024, 8, 1)) == OPPL_2023
    assert resolved("bvl", TODAY) == BVL_2021
    assert resolved("bvl", BEFORE_REFORMS) == BVL_1992
    # An ID picks the other one.
    assert resolved(OPPL_1998, TODAY) == OPPL_1998


def test_a_name_of_only_a_repealed_law_means_that_law(registry: LawRegistry) -> None:
    law = registry.resolve("barnevernloven", TODAY)
    assert law is not None and law.id == BVL_1992
    assert law.is_repealed(TODAY)
    assert not law.is_repealed(BEFORE_REFORMS)
    successor = registry.by_id(BVL_2021)
    assert successor is not None and not successor.is_repealed(TODAY)


def test_all_sharing_a_name_repealed_means_the_one_repealed_last() -> None:
    laws = LawRegistry(
        [
            Law("LOV-1990-01-01-1", "Lov A", ("felles",), repealed=date(2010, 1, 1)),
            Law("LOV-1980-01-01-1", "Lov B", ("felles",), repealed=date(2015, 1, 1)),
            Law("LOV-1970-01-01-1", "Lov C", ("felles",), repealed=date(2000, 1, 1)),
        ]
    )
    law = laws.resolve("felles", TODAY)
    assert law is not None and law.id == "LOV-1980-01-01-1"
    law = laws.resolve("felles", date(2012, 1, 1))
    assert law is not None and law.id == "LOV-1980-01-01-1"  # the only one in force then


def test_a_successor_is_in_force_from_its_predecessors_repeal_whatever_the_order() -> None:
    new = Law("LOV-2023-06-09-30", "Ny lov", ("lova",))
    old = Law(
        "LOV-1998-07-17-61",
        "Gammel lov",
        ("lova",),
        repealed=date(2024, 8, 1),
        replaced_by="LOV-2023-06-09-30",
    )
    for order in ([new, old], [old, new]):
        laws = LawRegistry(order)
        assert getattr(laws.resolve("lova", BEFORE_REFORMS), "id", None) == old.id
        assert getattr(laws.resolve("lova", TODAY), "id", None) == new.id


def test_a_law_not_yet_in_force_does_not_take_a_shared_name(tmp_path: Path) -> None:
    (tmp_path / "laws.yaml").write_text(
        "- id: LOV-2026-06-01-1\n  title: Lov om det nye (nylova)\n  names: [nylova]\n"
        "  in_force: 2030-01-01\n"
        "- id: LOV-2010-01-01-1\n  title: Lov om det gamle (nylova)\n  names: [nylova]\n",
        encoding="utf-8",
    )
    registry, findings = load_registry(tmp_path)
    assert findings == []
    assert registry.resolve("nylova", TODAY).id == "LOV-2010-01-01-1"  # type: ignore[union-attr]
    later = registry.resolve("nylova", dt.date(2030, 1, 1))
    assert later is not None and later.id == "LOV-2026-06-01-1"
