"""The windows the citation parser looks back or ahead in, at their exact edges, and the
articles glued to a convention's capitals, read whole.

Each window is tested with a constructed text whose words reach exactly to its edge and one
character past it: a mutant that widens or narrows a window by one character reads one of the
two differently. Written from the survivors of ``make mutants`` (docs/testing.md, «Fourth
round»).
"""

from __future__ import annotations

from datetime import date

import pytest

from law_fixtures import BVL_1992, BVL_2021, OPPL_2023, cited_fields
from tverrfaglig.laws.parser import parse_legal_basis
from tverrfaglig.laws.registry import LawRegistry

TODAY = date(2026, 6, 1)
BKN = "LOV-1999-05-21-30/bkn"  # barnekonvensjonen
EMKN = "LOV-1999-05-21-30/emkn"
GDPR = "LOV-2018-06-15-38/gdpr"
BHL = "LOV-2005-06-17-64"

FIELDS = "text line law_text law sections chapter articles qualifier unresolved"


def whole(registry: LawRegistry, body: str, first_line: int = 1) -> list[tuple[object, ...]]:
    return cited_fields(registry, body, FIELDS, TODAY, first_line)


def padded(word: str, width: int) -> str:
    """``word`` and spaces, ``width`` characters in all."""
    return word + " " * (width - len(word))


def test_articles_glued_to_a_conventions_capitals(registry: LawRegistry) -> None:
    body = (
        "Uttaleretten.\n\nSe bvl § 6-3, jf. BK12 og EMK8.\n"
        "Personopplysningsloven (2018) GDPR A6, GDPR A9"
    )
    assert whole(registry, body, 10) == [
        ("bvl § 6-3", 12, "bvl", BVL_2021, ("6-3",), None, (), "", False),
        ("BK12", 12, "BK", BKN, (), None, ("12",), "", False),
        ("EMK8", 12, "EMK", EMKN, (), None, ("8",), "", False),
        ("GDPR A6", 13, "GDPR", GDPR, (), None, ("6",), "", False),
        ("GDPR A9", 13, "GDPR", GDPR, (), None, ("9",), "", False),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # no trigger of a citation at all: only the glued article
        ("Uttaleretten, jf. BK12.", [("BK12", 1, "BK", BKN, (), None, ("12",), "", False)]),
        # all three conventions' capitals
        (
            "jf. BK12, EMK8 og GDPR A6",
            [
                ("BK12", 1, "BK", BKN, (), None, ("12",), "", False),
                ("EMK8", 1, "EMK", EMKN, (), None, ("8",), "", False),
                ("GDPR A6", 1, "GDPR", GDPR, (), None, ("6",), "", False),
            ],
        ),
        # one convention's capitals only, among capitals that name none
        ("NOU2016 og EMK8", [("EMK8", 1, "EMK", EMKN, (), None, ("8",), "", False)]),
        # in order with the citations around it
        (
            "BK3 og barnehageloven § 2 b",
            [
                ("BK3", 1, "BK", BKN, (), None, ("3",), "", False),
                ("barnehageloven § 2 b", 1, "barnehageloven", BHL, ("2b",), None, (), "", False),
            ],
        ),
    ],
)
def test_a_glued_article_alone_or_among_others(
    registry: LawRegistry, body: str, expected: list[tuple[object, ...]]
) -> None:
    assert whole(registry, body) == expected


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        # «forslag til» and spaces, 20 characters before «ny barnevernlov»: a draft act
        (20, [("§ 1-1", 1, "", None, ("1-1",), None, (), "", True)]),
        (21, [("§ 1-1", 1, "ny barnevernlov", BVL_2021, ("1-1",), None, (), "", False)]),
    ],
)
def test_a_draft_is_looked_for_20_characters_back(
    registry: LawRegistry, width: int, expected: list[tuple[object, ...]]
) -> None:
    body = f"Utvalget har i sitt {padded('forslag til', width)}ny barnevernlov § 1-1 foreslått."
    assert whole(registry, body) == expected


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (
            12,
            [
                (
                    "§ 2-1 tredje ledd",
                    1,
                    "barnevernloven",
                    BVL_1992,
                    ("2-1",),
                    None,
                    (),
                    "tredje ledd",
                    False,
                )
            ],
        ),
        (13, [("§ 2-1 tredje ledd", 1, "", None, ("2-1",), None, (), "tredje ledd", True)]),
    ],
)
def test_todays_section_is_looked_for_12_characters_back(
    registry: LawRegistry, width: int, expected: list[tuple[object, ...]]
) -> None:
    body = (
        f"Oppheve {padded('gjeldende', width)}§ 2-1 tredje ledd om oppgaver etter barnevernloven."
    )
    assert whole(registry, body) == expected


@pytest.mark.parametrize(
    ("width", "law_text", "unresolved"),
    [
        # «ved» and spaces, 20 characters before the act: an amending act, which «§ 8» is not of
        (20, "", True),
        (21, "LOV-2021-06-11-78", False),
    ],
)
def test_an_amending_act_is_looked_for_20_characters_back(
    registry: LawRegistry, width: int, law_text: str, unresolved: bool
) -> None:
    body = f"§ 6 a ble føyd til {padded('ved', width)}lov 11. juni 2021 nr. 78. Se § 8."
    assert whole(registry, body) == [
        (
            "lov 11. juni 2021 nr. 78",
            1,
            "LOV-2021-06-11-78",
            None,
            (),
            None,
            (),
            "",
            False,
        ),
        ("§ 8", 1, law_text, None, ("8",), None, (), "", unresolved),
    ]


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        # a line «Til» and spaces, 12 characters before the «§»: a bill's commentary heading
        (12, [("§ 1-5", 2, "opplæringslova", OPPL_2023, ("1-5",), None, (), "", False)]),
        (13, [("§ 1-5", 2, "", None, ("1-5",), None, (), "", True)]),
    ],
)
def test_a_commentary_heading_is_looked_for_12_characters_back(
    registry: LawRegistry, width: int, expected: list[tuple[object, ...]]
) -> None:
    body = (
        f"Merknader{padded(chr(10) + 'Til', width)}§ 1-5\nBestemmelsen viderefører opplæringslova."
    )
    assert whole(registry, body) == expected


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        # «§ 2 i» and spaces, 40 characters before the law under a commentary heading: the law
        # of that reverse citation, not the heading's
        (
            40,
            [
                ("§ 1-5", 1, "", None, ("1-5",), None, (), "", True),
                ("§ 2", 2, "opplæringslova", OPPL_2023, ("2",), None, (), "", False),
            ],
        ),
        (
            41,
            [
                ("§ 1-5", 1, "opplæringslova", OPPL_2023, ("1-5",), None, (), "", False),
                ("§ 2", 2, "opplæringslova", OPPL_2023, ("2",), None, (), "", False),
            ],
        ),
    ],
)
def test_a_reverse_citation_under_a_commentary_heading_is_looked_for_40_characters_back(
    registry: LawRegistry, width: int, expected: list[tuple[object, ...]]
) -> None:
    body = f"Til § 1-5\n{padded('§ 2 i', width)}opplæringslova gjelder."
    assert whole(registry, body) == expected


def unknown_title(length: int) -> str:
    """The title of a law tvf does not know, ``length`` characters long."""
    title = "lov om " + " ".join(["abcdefghijklmnop"] * 8) + " barn"
    return title + "e" * (length - len(title))


@pytest.mark.parametrize(
    ("length", "law_text", "unresolved"),
    [
        # a title that starts 160 characters before the «§» (its space included) is read
        (159, unknown_title(159), False),
        (160, "", True),
    ],
)
def test_an_unknown_title_is_looked_for_160_characters_back(
    registry: LawRegistry, length: int, law_text: str, unresolved: bool
) -> None:
    body = f"Se:\n{unknown_title(length)} § 3"
    assert whole(registry, body) == [("§ 3", 2, law_text, None, ("3",), None, (), "", unresolved)]


def test_an_unknown_title_is_looked_for_on_the_line_of_the_section_sign(
    registry: LawRegistry,
) -> None:
    body = "Første linje.\nlov om\nxyzbarn § 26 gjelder."
    assert whole(registry, body) == [("§ 26", 3, "", None, ("26",), None, (), "", True)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the word before the «§» is what may be a path, not a word further back
        (
            "Se og/eller § 3 i barnehageloven.",
            [("§ 3", 1, "barnehageloven", BHL, ("3",), None, (), "", False)],
        ),
        ("Lenke: /§ 3 i barnehageloven.", []),
        # an article with a convention right after it, at most two spaces apart
        (
            "Se artikkel 12  barnekonvensjonen om dette.",
            [("artikkel 12", 1, "barnekonvensjonen", BKN, (), None, ("12",), "", False)],
        ),
        (
            "Se artikkel 12   barnekonvensjonen om dette.",
            [("artikkel 12", 1, "", None, (), None, ("12",), "", True)],
        ),
        # «dagens § 2-1 … etter loven»: a reference back is not the law named after it
        ("Barnevernloven gjelder. Oppheve dagens § 2-1 om oppgaver etter loven.", []),
    ],
)
def test_what_stands_right_before_or_after_a_loose_unit(
    registry: LawRegistry, body: str, expected: list[tuple[object, ...]]
) -> None:
    assert whole(registry, body) == expected


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        # a letter glued to an ID makes it no ID
        ("lov-2005-06-17-64X", ("lov-2005-06-17-64X", None, (), "", False)),
        ("lov-2005-06-17-64", ("lov-2005-06-17-64", BHL, (), "", False)),
        ("lov 17. juli 1998 nr. 61.", ("LOV-1998-07-17-61", "LOV-1998-07-17-61", (), "", False)),
        # what stands before the «§», and after «i», is the law as written
        ("instruks X § 3", ("instruks X", None, ("3",), "", False)),
        ("§ 2 i X", ("X", None, ("2",), "", False)),
        (
            "helsepersonelloven § 33 bokstav X",
            ("helsepersonelloven", "LOV-1999-07-02-64", ("33",), "bokstav X", False),
        ),
    ],
)
def test_a_legal_basis_entry_with_a_capital_x_at_an_edge(
    registry: LawRegistry, entry: str, expected: tuple[object, ...]
) -> None:
    cite = parse_legal_basis(entry, 3, registry, TODAY)
    assert not isinstance(cite, str)
    law = cite.law.id if cite.law else None
    assert (cite.text, cite.line) == (entry, 3)
    assert (cite.law_text, law, cite.sections, cite.qualifier, cite.unresolved) == expected


def test_a_markdown_link_whose_text_is_long(registry: LawRegistry) -> None:
    """The «[» of a Markdown link is looked for up to 320 characters before its «lovdata»
    (a text of at most 300 characters)."""
    url = "https://lovdata.no/lov/2005-06-17-64/§2b"
    link = f"[{'x' * 285}]({url})"
    assert whole(registry, f"Se {link} her.") == [(link, 1, url, BHL, ("2b",), None, (), "", False)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the qualifier without the comma before it, after a law and after a loose «§»
        (
            "Etter barnehageloven § 2, første ledd og jf. § 3, andre ledd skal det.",
            [
                (
                    "barnehageloven § 2",
                    1,
                    "barnehageloven",
                    BHL,
                    ("2",),
                    None,
                    (),
                    "første ledd",
                    False,
                ),
                (
                    "§ 3, andre ledd",
                    1,
                    "barnehageloven",
                    BHL,
                    ("3",),
                    None,
                    (),
                    "andre ledd",
                    False,
                ),
            ],
        ),
        (
            "Etter helsepersonelloven § 33 bokstav X og jf. § 32 bokstav X skal det.",
            [
                (
                    "helsepersonelloven § 33",
                    1,
                    "helsepersonelloven",
                    "LOV-1999-07-02-64",
                    ("33",),
                    None,
                    (),
                    "bokstav X",
                    False,
                ),
                (
                    "§ 32 bokstav X",
                    1,
                    "helsepersonelloven",
                    "LOV-1999-07-02-64",
                    ("32",),
                    None,
                    (),
                    "bokstav X",
                    False,
                ),
            ],
        ),
        # «forordningen» (the GDPR) and a chapter after it in the same sentence
        (
            "Etter forordningen kapittel II og kapittel III skal det.",
            [
                ("forordningen kapittel II", 1, "forordningen", GDPR, (), "II", (), "", False),
                ("kapittel III", 1, "forordningen", GDPR, (), "III", (), "", False),
            ],
        ),
    ],
)
def test_qualifiers_and_chapters_read_whole(
    registry: LawRegistry, body: str, expected: list[tuple[object, ...]]
) -> None:
    assert whole(registry, body) == expected


def test_a_resumed_list_read_whole(registry: LawRegistry) -> None:
    body = (
        "Etter barnevernloven §§ 1-4, 4-3, jf. fvl. § 17, 6-1, 6–3 og 2-1 skal det.\nNeste linje."
    )
    assert cited_fields(registry, body, "text line law_text law sections nonstandard", TODAY) == [
        ("barnevernloven §§ 1-4, 4-3", 1, "barnevernloven", BVL_1992, ("1-4", "4-3"), ()),
        ("fvl. § 17", 1, "fvl", "LOV-1967-02-10", ("17",), ()),
        (
            "6-1, 6–3 og 2-1",
            1,
            "barnevernloven",
            BVL_1992,
            ("6-1", "6-3", "2-1"),
            ("«§ 6–3» leses som «§ 6-3»",),
        ),
    ]
    # not a list whose sections have no dash
    body = "Etter barnevernloven §§ 1, 2, jf. fvl. § 17, 6-1, 6-3 skal det."
    assert [cite[0] for cite in whole(registry, body)] == ["barnevernloven §§ 1, 2", "fvl. § 17"]


@pytest.mark.parametrize(
    ("distance", "expected"),
    [
        # a name less than 200 characters after a formal citation of a law that has it is that
        # law (the 1998 act), which is then not cited again as a whole
        (
            199,
            [("§ 15-8", 1, "opplæringslova", "LOV-1998-07-17-61", ("15-8",), None, (), "", False)],
        ),
        (
            200,
            [
                (
                    "Lov 17. juli 1998 nr. 61",
                    1,
                    "LOV-1998-07-17-61",
                    "LOV-1998-07-17-61",
                    (),
                    None,
                    (),
                    "",
                    False,
                ),
                ("§ 15-8", 1, "opplæringslova", OPPL_2023, ("15-8",), None, (), "", False),
            ],
        ),
    ],
)
def test_a_name_after_a_formal_citation_is_looked_for_200_characters_on(
    registry: LawRegistry, distance: int, expected: list[tuple[object, ...]]
) -> None:
    body = f"Lov 17. juli 1998 nr. 61 {'a' * (distance - 2)} opplæringslova. Se § 15-8."
    assert whole(registry, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a formal citation at the end of a name of three letters, at the very start of a body
        (
            "Abcforskriften 1. mars 2019 nr. 168 gjelder.",
            [
                (
                    "forskriften 1. mars 2019 nr. 168",
                    1,
                    "FOR-2019-03-01-168",
                    "FOR-2019-03-01-168",
                    (),
                    None,
                    (),
                    "",
                    False,
                )
            ],
        ),
        # «forskriften» with no regulation before it refers to none, and a «§» after it is
        # not of the law before it either
        # «denne lova» (the text's own act) is the law a later «§» refers to, not the one before
        (
            "Barnehageloven gjelder. Denne lova gjelder også, jf. § 3.",
            [("§ 3", 1, "", None, ("3",), None, (), "", True)],
        ),
        (
            "Barnehageloven gjelder. Forskriften § 3 sier noe. Jf. § 4.",
            [
                ("Forskriften § 3", 1, "", None, ("3",), None, (), "", True),
                ("§ 4", 1, "", None, ("4",), None, (), "", True),
            ],
        ),
    ],
)
def test_a_glued_formal_citation_and_a_regulation_that_cannot_be_told(
    registry: LawRegistry, body: str, expected: list[tuple[object, ...]]
) -> None:
    assert whole(registry, body) == expected


def test_a_formal_citation_with_a_letter_glued_to_its_number_in_legal_basis(
    registry: LawRegistry,
) -> None:
    cite = parse_legal_basis("lov 17. juli 1998 nr. 61X", 3, registry, TODAY)
    assert not isinstance(cite, str)
    assert (cite.law_text, cite.law) == ("lov 17. juli 1998 nr. 61X", None)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a genitive («avtalens § 3»: a text's own) is looked for 40 characters back
        (f"Se {padded('avtalens', 40)}§ 3.", []),
        (f"Se {padded('avtalens', 41)}§ 3.", [("§ 3", 1, "", None, ("3",), None, (), "", True)]),
        # «gjeldende» at the very start of a body
        (
            "Gjeldende § 2-1 tredje ledd om oppgaver etter barnevernloven.",
            [
                (
                    "§ 2-1 tredje ledd",
                    1,
                    "barnevernloven",
                    BVL_1992,
                    ("2-1",),
                    None,
                    (),
                    "tredje ledd",
                    False,
                )
            ],
        ),
        # a word before the «§» on its line makes it no heading, even a capital X
        (
            "X § 3 gjelder.",
            [("§ 3", 1, "", None, ("3",), None, (), "", True)],
        ),
        # only the word right before the «§» may be a path, not one on an earlier line
        (
            "Linje\nog/eller\njf.§ 3 i barnehageloven.",
            [("§ 3", 3, "barnehageloven", BHL, ("3",), None, (), "", False)],
        ),
    ],
)
def test_what_stands_before_a_loose_section_on_its_line(
    registry: LawRegistry, body: str, expected: list[tuple[object, ...]]
) -> None:
    assert whole(registry, body) == expected
