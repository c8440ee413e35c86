"""Back-references and laws named by ID or formal citation, read whole: «denne lova» (the text's
own act: TVF208), «dennes», «loven», «forskriften», «forordningen» (the GDPR when nothing came
before), «forskrift til …», and an amending act that a later «§» does not refer to
(handbook-format.md 4.1: continuation, regulations).

Written from the mutants of ``_mention`` that survived ``make mutants`` (docs/testing.md).
"""

from __future__ import annotations

from datetime import date

import pytest

from law_fixtures import BHL, cited_fields
from tverrfaglig.laws.registry import LawRegistry

TODAY = date(2026, 6, 1)
HABF = "FOR-2011-12-16-1256"  # habiliteringsforskriften
GDPR = "LOV-2018-06-15-38/gdpr"


Whole = tuple[str, str, str | None, tuple[str, ...], tuple[str, ...], bool]
# What each citation is compared by, in the order of Whole.
FIELDS = "text law_text law sections articles unresolved"


def whole(registry: LawRegistry, body: str) -> list[Whole]:
    return cited_fields(registry, body, FIELDS, TODAY)  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # «denne lova», «denne forskrifta»: the text's own act, never the law before it
        (
            "Barnehageloven gjelder. Denne lova § 3 er ny.",
            [("Denne lova § 3", "", None, ("3",), (), True)],
        ),
        (
            "Barnehageloven gjelder. Denne forskrifta gjelder også, jf. § 3.",
            [("§ 3", "", None, ("3",), (), True)],
        ),
        (
            "Denne lova gjelder. Loven § 3 sier noe.",
            [("Loven § 3", "", None, ("3",), (), True)],
        ),
        # «dennes» may be a regulation; «loven» may not
        (
            "Habiliteringsforskriften gjelder. Etter dennes § 16 skal det være en koordinator.",
            [("dennes § 16", "Habiliteringsforskriften", HABF, ("16",), (), False)],
        ),
        (
            "Habiliteringsforskriften gjelder. Etter loven § 3 skal det gjøres.",
            [("loven § 3", "", None, ("3",), (), True)],
        ),
        # «loven» refers to barnehageloven, skipping the regulation between; a later «§»
        # refers to «loven» (the last law or regulation before it)
        (
            "Barnehageloven gjelder. Loven § 2 b sier noe.",
            [("Loven § 2 b", "Barnehageloven", BHL, ("2b",), (), False)],
        ),
        (
            "Barnehageloven gjelder. Habiliteringsforskriften og loven gjelder, jf. § 16.",
            [("§ 16", "Barnehageloven", BHL, ("16",), (), False)],
        ),
        # an unknown regulation is no law «loven» can mean, but a «§» after both refers to
        # «loven»: TVF208
        (
            "Xyzforskriften gjelder. Loven gjelder også, jf. § 3.",
            [("§ 3", "", None, ("3",), (), True)],
        ),
        # «forordningen» with nothing before it: the GDPR, also for a later article
        (
            "Etter forordningen artikkel 6 skal det være et rettslig grunnlag.",
            [("forordningen artikkel 6", "forordningen", GDPR, (), ("6",), False)],
        ),
        (
            "Etter forordningen artikkel 6 og etter artikkel 9 skal det være et rettslig grunnlag.",
            [
                ("forordningen artikkel 6", "forordningen", GDPR, (), ("6",), False),
                ("artikkel 9", "forordningen", GDPR, (), ("9",), False),
            ],
        ),
    ],
)
def test_a_back_reference(registry: LawRegistry, body: str, expected: list[Whole]) -> None:
    assert whole(registry, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an ID the registry lacks: «forskriften» refers to a FOR- ID, «loven» to a LOV- ID
        (
            "FOR-2099-01-01-1 gjelder. Forskriften § 3 sier noe.",
            [
                ("FOR-2099-01-01-1", "FOR-2099-01-01-1", None, (), (), False),
                ("Forskriften § 3", "FOR-2099-01-01-1", None, ("3",), (), False),
            ],
        ),
        (
            "LOV-2099-01-01-1 gjelder. Loven § 3 sier noe.",
            [
                ("LOV-2099-01-01-1", "LOV-2099-01-01-1", None, (), (), False),
                ("Loven § 3", "LOV-2099-01-01-1", None, ("3",), (), False),
            ],
        ),
        # an amending act («ved lov …», also at the very start) is cited as a whole law, but
        # a later «§» is not its
        (
            "Ved lov 19. juni 2020 nr. 89 ble § 8 opphevet.",
            [
                ("lov 19. juni 2020 nr. 89", "LOV-2020-06-19-89", None, (), (), False),
                ("§ 8", "", None, ("8",), (), True),
            ],
        ),
        # «forskrift til <unknown law>»: a regulation tvf does not know, by its title
        (
            "Forskrift til xyzloven gjelder. Se § 3.",
            [("§ 3", "Forskrift til xyzloven", None, ("3",), (), False)],
        ),
        (
            "Etter forskrift til xyzloven § 3 skal det gjøres.",
            [("forskrift til xyzloven § 3", "forskrift til xyzloven", None, ("3",), (), False)],
        ),
    ],
)
def test_a_law_by_id_formal_citation_or_title(
    registry: LawRegistry, body: str, expected: list[Whole]
) -> None:
    assert whole(registry, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a name right after a formal citation of a law that has it is that law (the 1998
        # act, not the act in force that shares the name); the formal citation is not cited
        # again as a whole, the law being cited with a section in the paragraph
        (
            "Lov 17. juli 1998 nr. 61 om grunnskolen og den vidaregåande opplæringa "
            "(opplæringslova) gjelder. Se § 15-8.",
            [("§ 15-8", "opplæringslova", "LOV-1998-07-17-61", ("15-8",), (), False)],
        ),
        # an unknown «…loven» is a law «loven» refers to; «…forskriften»/«…forskrifta» a
        # regulation «forskriften»/«forskrifta» refers to
        (
            "Xyzloven gjelder. Loven § 3 sier noe.",
            [("Loven § 3", "Xyzloven", None, ("3",), (), False)],
        ),
        (
            "Xyzforskriften gjelder. Forskriften § 3 sier noe.",
            [("Forskriften § 3", "Xyzforskriften", None, ("3",), (), False)],
        ),
        (
            "Xyzforskrifta gjelder. Forskrifta § 3 sier noe.",
            [("Forskrifta § 3", "Xyzforskrifta", None, ("3",), (), False)],
        ),
    ],
)
def test_the_kind_of_law_a_reference_back_may_mean(
    registry: LawRegistry, body: str, expected: list[Whole]
) -> None:
    assert whole(registry, body) == expected
