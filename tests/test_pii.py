"""Tests for tverrfaglig.pii: finding national identity numbers (TVF501).

Every number here is built by :func:`make_number` from a made-up date and individual number;
no real person's number is written down anywhere in this file.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tverrfaglig import pii
from tverrfaglig.errors import TvfError
from tverrfaglig.pii import NationalIdHit, contains_national_id, find_national_ids

from helpers import K1_WEIGHTS, K2_WEIGHTS, check_digit, make_number, valid_number


def break_checksum(number: str) -> str:
    """The same number with its last check digit changed, so that it is no longer valid."""
    return number[:10] + str((int(number[10]) + 1) % 10)


def hits(text: str) -> list[NationalIdHit]:
    return list(find_national_ids(text))


FNR = valid_number(17, 5, 84)
D_NR = valid_number(17 + 40, 5, 84)
H_NR = valid_number(17, 5 + 40, 84)
TENOR = valid_number(17, 5 + 80, 84)
TENOR_D = valid_number(17 + 40, 5 + 80, 84)


# --- the kinds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        (FNR, "fødselsnummer"),
        (D_NR, "D-nummer"),
        (H_NR, "H-nummer"),
        (TENOR, "syntetisk testnummer"),
        (TENOR_D, "syntetisk testnummer"),
    ],
)
def test_each_kind_is_found(number: str, kind: str) -> None:
    assert hits(f"Barnets nummer er {number}.") == [
        NationalIdHit(line=1, kind=kind, masked=number[:2] + "*" * 9)
    ]
    assert contains_national_id(number)


@pytest.mark.parametrize(
    ("day", "month"),
    [(1, 1), (31, 1), (29, 2), (30, 4), (31, 12), (1, 12)],
)
def test_date_edges_that_are_valid(day: int, month: int) -> None:
    assert contains_national_id(valid_number(day, month))
    assert contains_national_id(valid_number(day + 40, month))
    assert contains_national_id(valid_number(day, month + 40))
    assert contains_national_id(valid_number(day, month + 80))


@pytest.mark.parametrize(
    ("day", "month"),
    [
        (0, 5),  # no day 0
        (32, 1),  # no 32nd
        (30, 2),  # no 30 February
        (31, 4),  # April has 30 days
        (31, 6),
        (31, 9),
        (31, 11),
        (15, 0),  # no month 0
        (15, 13),  # no month 13
        (15, 40),  # month + 40 starts at 41
        (15, 53),  # H-number month 13
        (15, 80),
        (15, 93),  # synthetic month 13
        (35, 5),  # neither a day nor a D-number day
        (40, 5),
        (72, 5),  # D-number day 32
        (70, 2),  # D-number 30 February
        (57, 45),  # D and H at once is no kind of number
        (99, 99),
    ],
)
def test_invalid_date_is_ignored(day: int, month: int) -> None:
    number = valid_number(day, month)
    assert hits(number) == []
    assert not contains_national_id(f"nr. {number}")


# --- separators and boundaries -----------------------------------------------------------------


@pytest.mark.parametrize("separator", [" ", "\u00a0", "-"])
def test_six_plus_five_with_one_separator(separator: str) -> None:
    written = FNR[:6] + separator + FNR[6:]
    assert hits(f"fnr: {written}") == [
        NationalIdHit(line=1, kind="fødselsnummer", masked=FNR[:2] + "****" + separator + "*****")
    ]


def test_masked_form_of_the_example_in_the_contract() -> None:
    number = valid_number(12, 3)
    assert number.startswith("12")
    assert [h.masked for h in hits(number[:6] + " " + number[6:])] == ["12**** *****"]


@pytest.mark.parametrize(
    "written",
    [
        FNR[:6] + "  " + FNR[6:],  # two spaces
        FNR[:6] + "--" + FNR[6:],
        FNR[:6] + "\t" + FNR[6:],
        FNR[:6] + "\n" + FNR[6:],
        FNR[:6] + "." + FNR[6:],
        FNR[:5] + " " + FNR[5:],  # 5 + 6
        FNR[:4] + " " + FNR[4:8] + " " + FNR[8:],
    ],
)
def test_other_ways_of_writing_are_not_candidates(written: str) -> None:
    assert hits(written) == []


def test_wrong_checksum_is_ignored() -> None:
    assert hits(break_checksum(FNR)) == []
    k1_broken = FNR[:9] + str((int(FNR[9]) + 1) % 10) + FNR[10]
    assert hits(k1_broken) == []


def test_computed_check_digit_ten_is_never_valid() -> None:
    """When k1 would be 10 no number exists; none of the ten candidates may be found."""
    nine = next(
        f"170584{i:03d}" for i in range(1000) if check_digit(f"170584{i:03d}", K1_WEIGHTS) is None
    )
    for k1 in range(10):
        for k2 in range(10):
            assert hits(f"{nine}{k1}{k2}") == []


def test_first_check_digit_is_tested_on_its_own() -> None:
    """A wrong k1 with a k2 that is right for the wrong k1: only the k1 test can refuse it."""
    nine = FNR[:9]
    for k1 in range(10):
        if str(k1) == FNR[9]:
            continue
        k2 = check_digit(nine + str(k1), K2_WEIGHTS)
        if k2 is not None:
            assert hits(f"{nine}{k1}{k2}") == [], f"{nine}{k1}{k2}"


def test_computed_second_check_digit_ten_is_never_valid() -> None:
    """When k2 would be 10 no number exists, whatever the last digit is."""
    ten = [
        nine + str(k1)
        for i in range(1000)
        if (k1 := check_digit(nine := f"170584{i:03d}", K1_WEIGHTS)) is not None
        and check_digit(nine + str(k1), K2_WEIGHTS) is None
    ]
    assert ten, "some individual number of 17.05.84 has k2 = 10"
    for ten_digits in ten:
        for last in range(10):
            assert hits(f"{ten_digits}{last}") == []


@pytest.mark.parametrize(
    ("written", "masked"),
    [
        (f"{FNR[:3]} {FNR[3:6]} {FNR[6:9]} {FNR[9:]}", f"{FNR[:2]}* *** *** **"),
        (
            f"{FNR[:3]}\u00a0{FNR[3:6]}\u00a0{FNR[6:9]}\u00a0{FNR[9:]}",
            f"{FNR[:2]}*\u00a0***\u00a0***\u00a0**",
        ),
        (f"{FNR[:2]}.{FNR[2:4]}.{FNR[4:6]} {FNR[6:]}", f"{FNR[:2]}.**.** *****"),
    ],
)
def test_grouped_and_dotted_forms_are_found(written: str, masked: str) -> None:
    """«150 312 582 16» and «15.03.12 58216», as people write numbers on forms."""
    found = hits(f"Eleven har fnr. {written}, se vedlegg.")
    assert [(h.kind, h.masked) for h in found] == [("fødselsnummer", masked)]


@pytest.mark.parametrize("prefix", ["fnr", "Fnr", "FNR", "pnr", "fødselsnr", "personnummer", "dnr"])
def test_glued_to_a_word_that_names_the_number_is_found(prefix: str) -> None:
    assert [h.masked for h in hits(f"({prefix}{FNR})")] == [FNR[:2] + "*" * 9]


@pytest.mark.parametrize("text", ["xfnr" + FNR, "fnrx" + FNR, "øfnr" + FNR, "sakfnr" + FNR])
def test_a_prefix_inside_a_longer_word_is_still_a_code(text: str) -> None:
    assert hits(text) == []


@pytest.mark.parametrize(
    "text",
    [
        f"{FNR[:3]} {FNR[3:6]} {FNR[6:9]} {FNR[9:]}1",  # the last group has three digits
        f"1{FNR[:3]} {FNR[3:6]} {FNR[6:9]} {FNR[9:]}",
        f"{FNR[:2]}.{FNR[2:4]}.{FNR[4:6]}{FNR[6:]}1",
        f"{FNR[:2]}.{FNR[2:4]}.20{FNR[4:6]} {FNR[6:]}",  # a four-digit year is a date
        "Møtet 12.01.26 kl. 10.30 i rom 1 02 133 44.",
    ],
)
def test_near_misses_of_the_grouped_forms_are_not_numbers(text: str) -> None:
    assert hits(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "1" + FNR,  # a 12-digit run
        FNR + "0",
        "47" + FNR + "99",
        FNR[:6] + " " + FNR[6:] + "0",  # the 5 after the separator are 6
        "9" + FNR[:6] + "-" + FNR[6:],
    ],
)
def test_longer_run_of_digits_is_ignored(text: str) -> None:
    assert hits(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "abc" + FNR,
        FNR + "abc",
        "DOK" + FNR,
        "fnr_" + FNR,
        "ø" + FNR,  # letters outside ASCII are letters too
        FNR + "å",
        "https://example.no/sak/id" + FNR,
        "DOK00215",
        "IV.7-2",
    ],
)
def test_glued_to_letters_is_ignored(text: str) -> None:
    assert hits(text) == []


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", ""),
        ("(", ")"),
        ("«", "»"),
        ("**", "**"),
        ("`", "`"),
        ("fnr:", "."),
        ("| ", " |"),
        ("https://example.no/sak/", "/"),
        ("\u00a0", "\u00a0"),
    ],
)
def test_found_next_to_punctuation(before: str, after: str) -> None:
    assert [h.kind for h in hits(before + FNR + after)] == ["fødselsnummer"]


def test_non_ascii_digits_do_not_make_a_number() -> None:
    arabic_indic = FNR.translate({ord(str(d)): chr(0x0660 + d) for d in range(10)})
    assert hits(arabic_indic) == []


# --- lines and many hits -----------------------------------------------------------------------


def test_line_numbers_are_one_based_and_count_every_hit() -> None:
    text = "\n".join(
        [
            "---",
            "title: Test",
            "---",
            f"Første: {FNR}",
            "",
            f"Andre {D_NR} og tredje {H_NR[:6]}-{H_NR[6:]} på samme linje",
            "ugyldig: " + break_checksum(TENOR),
            "",
            TENOR,
        ]
    )
    assert [(h.line, h.kind) for h in hits(text)] == [
        (4, "fødselsnummer"),
        (6, "D-nummer"),
        (6, "H-nummer"),
        (9, "syntetisk testnummer"),
    ]


def test_crlf_line_endings() -> None:
    assert [h.line for h in hits(f"a\r\nb\r\n{FNR}\r\n")] == [3]


def test_text_without_numbers() -> None:
    assert hits("") == []
    assert not contains_national_id("Se IV.7-2 og barnehageloven § 2 b, telefon 77 00 00 00.")


def test_contains_stops_at_the_first_hit() -> None:
    assert contains_national_id(f"{FNR} {D_NR}")


def test_hit_is_frozen() -> None:
    hit = hits(FNR)[0]
    with pytest.raises(AttributeError):
        hit.kind = "x"  # type: ignore[misc]


def test_masking_never_reveals_more_than_two_digits() -> None:
    for number in (FNR, D_NR, H_NR, TENOR, TENOR_D):
        for written in (number, number[:6] + " " + number[6:], number[:6] + "-" + number[6:]):
            (hit,) = hits(written)
            assert hit.masked[:2] == number[:2]
            assert set(hit.masked[2:]) <= {"*", " ", "-"}
            assert sum(c.isdigit() for c in hit.masked) == 2
            assert number not in hit.masked
            assert len(hit.masked) == len(written)


def test_ordinary_text_with_dates_times_and_phone_numbers_has_no_national_id() -> None:
    """The text bench/bench_scanners.py times (10,000 documents of it)."""
    document = (
        "Barnet følges opp av helsesykepleier og skolen, se IV.7-2 og "
        "barnehageloven § 2 b. Møte 12. januar 2026 kl. 10.30, tlf. 77 00 00 00. "
    ) * 15
    assert not contains_national_id(document)


# --- property ----------------------------------------------------------------------------------


def _plausible_date(day: int, month: int) -> bool:
    days = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    return 1 <= month <= 12 and 1 <= day <= days[month - 1]


@st.composite
def generated_numbers(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(["fødselsnummer", "D-nummer", "H-nummer", "syntetisk testnummer"]))
    day = draw(st.integers(1, 31))
    month = draw(st.integers(1, 12))
    assume(_plausible_date(day, month))
    year = draw(st.integers(0, 99))
    individual = draw(st.integers(0, 999))
    if kind == "D-nummer":
        day += 40
    elif kind == "H-nummer":
        month += 40
    elif kind == "syntetisk testnummer":
        month += 80
        if draw(st.booleans()):
            day += 40
    number = make_number(day, month, year, individual)
    assume(number is not None)
    assert number is not None
    return number, kind


# Text around the number: anything, but it must not glue a digit or letter to the number.
_filler = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)


@given(
    generated=generated_numbers(),
    separator=st.sampled_from(["", " ", "\u00a0", "-"]),
    before=_filler,
    after=_filler,
)
def test_property_generated_number_is_found_and_masked(
    generated: tuple[str, str], separator: str, before: str, after: str
) -> None:
    number, kind = generated
    if before and (before[-1].isalnum() or before[-1] == "_"):
        before += " "
    if after and (after[0].isalnum() or after[0] == "_"):
        after = " " + after
    written = number[:6] + separator + number[6:]
    text = before + written + after

    masked = number[:2] + "".join("*" if c.isdigit() else c for c in written[2:])
    found = hits(text)
    mine = [h for h in found if h.masked == masked and h.line == before.count("\n") + 1]
    assert mine, f"{kind} not found in {text!r}"
    assert kind in {h.kind for h in mine}
    for hit in found:
        assert number[2:] not in hit.masked
        assert sum(c.isdigit() for c in hit.masked) == 2


def test_mask_masks_every_number_as_a_finding_shows_it_and_nothing_else() -> None:
    number = valid_number(15, 3, 12)
    grouped = f"{number[:3]} {number[3:6]} {number[6:9]} {number[9:]}"
    text = f"Se {number}, fnr{number}, {grouped} og {number[:6]}-{number[6:]}.\nDOK{number} 123"
    masked = pii.mask(text)
    assert masked == (
        f"Se {number[:2]}*********, fnr{number[:2]}*********, "
        f"{number[:2]}* *** *** ** og {number[:2]}****-*****.\nDOK{number} 123"
    )
    assert len(masked) == len(text)
    assert [hit.masked for hit in pii.find_national_ids(text)] == [
        m
        for m in (
            f"{number[:2]}*********",
            f"{number[:2]}*********",
            f"{number[:2]}* *** *** **",
            f"{number[:2]}****-*****",
        )
    ]
    assert pii.mask("ingen nummer her") == "ingen nummer her"


# --- Mutation testing (make mutants): the edges of each rule ----------------------------------


def test_a_synthetic_d_number_has_day_plus_40_and_month_plus_80() -> None:
    first = valid_number(1 + 40, 3 + 80)  # day 41: the 1st
    last = valid_number(31 + 40, 3 + 80)  # day 71: the 31st of March
    assert [h.kind for h in find_national_ids(f"{first} {last}")] == ["syntetisk testnummer"] * 2
    assert list(find_national_ids(valid_number(31 + 40, 4 + 80))) == []  # 31 April


def test_a_number_with_a_name_glued_in_front_counts_only_as_a_whole_word() -> None:
    assert [h.masked for h in find_national_ids(f"fnr{FNR}")] == [FNR[:2] + "*" * 9]
    assert list(find_national_ids(f"9fnr{FNR}")) == []  # the word is glued to a digit
    assert list(find_national_ids(f" 9fnr{FNR}")) == []
    assert list(find_national_ids(f"xfnr{FNR}")) == []


def test_a_code_before_a_number_does_not_hide_the_number() -> None:
    assert [h.line for h in find_national_ids(f"DOK{FNR} {FNR}")] == [1]
    assert pii.mask(f"DOK{FNR} {FNR}") == f"DOK{FNR} {FNR[:2]}*********"


def test_the_line_counts_a_line_feed_at_the_very_start() -> None:
    assert [h.line for h in find_national_ids(f"\n{FNR}\n\n{FNR}")] == [2, 4]


def test_guard_refuses_with_the_message_filled_in_and_the_hint() -> None:
    class Refused(TvfError):
        pass

    pii.guard("ingen nummer", "aldri {kind}", hint="h")  # nothing to refuse
    with pytest.raises(Refused) as refused:
        pii.guard(
            f"a\n{FNR}",
            "{what}: {kind} {masked} på linje {line}.",
            hint="Fjern det.",
            refusal=Refused,
            what="Referatet",
        )
    assert refused.value.message == f"Referatet: fødselsnummer {FNR[:2]}********* på linje 2."
    assert refused.value.hint == "Fjern det."
    with pytest.raises(TvfError) as plain:
        pii.guard(FNR, "Nei.", hint="")
    assert type(plain.value) is TvfError
