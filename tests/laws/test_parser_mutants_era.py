"""A law named with its era («ny opplæringslov», «tidligere barnevernlov», «gjeldende
offentleglov», «ny lov»), read whole: the law, the text it is cited by and what a later «§»
refers to (handbook-format.md 4.1: continuation and shared names).

Written from the mutants of ``_era_mention`` that survived ``make mutants`` (docs/testing.md).
"""

from __future__ import annotations

from datetime import date

import pytest

from law_fixtures import BHL, BVL_1992, OPPL_2023, cited_fields
from tverrfaglig.laws.registry import LawRegistry

TODAY = date(2026, 6, 1)
KHTL = "LOV-1982-11-19-66"  # kommunehelsetjenesteloven, repealed 2012, no successor by name
OFFL = "LOV-2006-05-19-16"  # offentleglova (no name «offentlegloven»)


Cited = tuple[str, str, str | None, tuple[str, ...], bool]
# What each citation is compared by, in the order of Cited.
FIELDS = "text law_text law sections unresolved"


def cited(registry: LawRegistry, body: str) -> list[Cited]:
    return cited_fields(registry, body, FIELDS, TODAY)  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A draft act is no law (TVF208), also at the very start of a body.
        (
            "Forslag til ny barnevernlov § 3 gjelder ikke ennå.",
            [("§ 3", "", None, ("3",), True)],
        ),
        # … and a later «§» refers to the draft, not to the law named before it.
        (
            "Etter barnehageloven § 2 skal kommunen samarbeide. Forslag til ny barnevernlov "
            "sier i § 15 at dette skal gjelde.",
            [
                ("barnehageloven § 2", "barnehageloven", BHL, ("2",), False),
                ("§ 15", "", None, ("15",), True),
            ],
        ),
        (
            "Barnehageloven gjelder. Forslag til ny barnevernlov gjelder fra 2027, se § 3.",
            [("§ 3", "", None, ("3",), True)],
        ),
        # «ny lov» with no law named «ny …» before it: not barnehageloven.
        (
            "Barnehageloven gjelder. Ny lov gjelder fra 2027, se § 3.",
            [("§ 3", "", None, ("3",), True)],
        ),
        (
            "Barnehageloven gjelder. Ny lov § 3 er ikke vedtatt.",
            [("Ny lov § 3", "", None, ("3",), True)],
        ),
    ],
)
def test_a_draft_or_a_new_law_not_named_is_no_law(
    registry: LawRegistry, body: str, expected: list[Cited]
) -> None:
    assert cited(registry, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Ny opplæringslov trådte i kraft i 2024. Etter den nye loven gjelder § 15-8.",
        "Ny opplæringslov trådte i kraft i 2024. Etter den nye lova gjelder § 15-8.",
        "Ny opplæringslov trådte i kraft i 2024. Etter ny lov gjelder § 15-8.",
        # «ny lov» is the law named «ny …», not barnehageloven named after it
        "Ny opplæringslov gjelder. Barnehageloven også. Etter ny lov gjelder § 15-8.",
    ],
)
def test_the_new_law_refers_back_to_the_law_named_new(registry: LawRegistry, body: str) -> None:
    assert cited(registry, body) == [("§ 15-8", "Ny opplæringslov", OPPL_2023, ("15-8",), False)]


def test_a_name_after_ny_lov_is_read_as_itself(registry: LawRegistry) -> None:
    body = "Ny opplæringslov gjelder. Etter ny lov og opplæringslova gjelder § 15-8."
    assert cited(registry, body) == [("§ 15-8", "opplæringslova", OPPL_2023, ("15-8",), False)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # gjeldende: the law in force, with the name as written
        ("Gjeldende offentleglov § 3 gjelder.", ("§ 3", "offentleglova", OFFL, ("3",), False)),
        (
            "Innsyn etter gjeldende offentleglov gjelder. Se § 3.",
            ("§ 3", "offentleglova", OFFL, ("3",), False),
        ),
        (
            "Barnehageloven gjelder. Gjeldende barnevernlov også. Se § 4-1.",
            ("§ 4-1", "barnevernloven", BVL_1992, ("4-1",), False),
        ),
        # tidligere: the repealed law that shared the name, or the law itself when it is
        # repealed, or no law tvf knows
        (
            "Barnehageloven gjelder. Etter tidligere barnevernlov gjaldt noe annet, se § 4-12.",
            ("§ 4-12", "tidligere barnevernlov", BVL_1992, ("4-12",), False),
        ),
        (
            "Barnehageloven gjelder. Etter den gamle barnevernloven gjaldt noe annet, se § 4-12.",
            ("§ 4-12", "gamle barnevernloven", BVL_1992, ("4-12",), False),
        ),
        (
            "Barnehageloven gjelder. Etter tidligere kommunehelsetjenestelov gjaldt noe annet, "
            "se § 1-3.",
            ("§ 1-3", "tidligere kommunehelsetjenestelov", KHTL, ("1-3",), False),
        ),
        (
            "Etter tidligere kommunehelsetjenestelov § 1-3 gjaldt dette.",
            ("§ 1-3", "tidligere kommunehelsetjenestelov", KHTL, ("1-3",), False),
        ),
        # barnehageloven is in force and replaced no law of that name: an unknown law
        (
            "Barnehageloven gjelder. Tidligere barnehagelov gjaldt før, se § 3.",
            ("§ 3", "Tidligere barnehagelov", None, ("3",), False),
        ),
        (
            "Etter tidligere barnehagelov § 3 gjaldt dette.",
            ("§ 3", "tidligere barnehagelov", None, ("3",), False),
        ),
        # a law the registry does not have at all
        (
            "Barnehageloven gjelder. Etter tidligere skolelov gjaldt noe annet, se § 7.",
            ("§ 7", "tidligere skolelov", None, ("7",), False),
        ),
        (
            "Etter tidligere skolelov § 7 var dette annerledes.",
            ("§ 7", "tidligere skolelov", None, ("7",), False),
        ),
    ],
)
def test_a_law_named_with_its_era_and_a_section_after_it(
    registry: LawRegistry, body: str, expected: Cited
) -> None:
    assert cited(registry, body) == [expected]
