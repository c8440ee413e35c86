"""cli/common.py: the one parser of date options (--today, --date, --review-by)."""

from __future__ import annotations

import datetime as dt

import pytest

from tverrfaglig.cli.common import parse_date, parse_today
from tverrfaglig.errors import TvfError


def test_a_date_option_is_an_iso_date_or_absent() -> None:
    assert parse_date(None, "--date") is None
    assert parse_date("2026-11-25", "--date") == dt.date(2026, 11, 25)
    assert parse_date(" 2026-11-25 ", "--review-by") == dt.date(2026, 11, 25)
    assert parse_today("2026-11-25") == dt.date(2026, 11, 25)
    assert parse_today(None) == dt.date.today()


@pytest.mark.parametrize("option", ["--today", "--date", "--review-by"])
def test_a_bad_date_names_the_option(option: str) -> None:
    with pytest.raises(TvfError) as error:
        parse_today("i går") if option == "--today" else parse_date("i går", option)
    assert error.value.message == (
        f"{option} «i går» er ikke en dato; skriv ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ."
    )


@pytest.mark.parametrize("text", ["15.02.2027", "15.2.27", "15.2.2027", " 15.02.27. "])
def test_a_date_option_takes_norwegian_dates(text: str) -> None:
    assert parse_date(text, "--date") == dt.date(2027, 2, 15)


@pytest.mark.parametrize("text", ["31.02.2027", "15.13.27", "15.2", "2027-2-15", "15/2/27"])
def test_an_impossible_norwegian_date_is_refused(text: str) -> None:
    with pytest.raises(TvfError):
        parse_date(text, "--date")
