"""tvf meetings plan: dates on working days outside holidays, and an .ics that parses."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import holidays
import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tverrfaglig.calendar_plan import (
    calendar,
    easter_break,
    plan_meetings,
    school_holiday,
    why_not_a_meeting_day,
)
from tverrfaglig.cli import app
from tverrfaglig.document import parse_document
from tverrfaglig.errors import TvfError
from tverrfaglig.meetings import Network, build_networks

from helpers import TODAY, doc_text, handbook, meta

runner = CliRunner()
GOLDEN = Path(__file__).parent / "golden" / "meetings"


def make_network(per_year: int = 3) -> Network:
    front: dict[str, Any] = {
        "type": "network",
        "id": "sentrum",
        "title": "Tverrfaglig nettverk Sentrum",
        "leader": {
            "name": "Kari Nordmann",
            "role": "Rektor",
            "term_start": "2026-08-01",
            "term_end": "2027-07-31",
        },
        "meetings_per_year": per_year,
    }
    doc, _ = parse_document("nettverk/sentrum/nettverk.md", doc_text(front).encode())
    assert doc is not None
    return build_networks([doc])["sentrum"]


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return handbook(
        tmp_path / "hb",
        {
            "prosedyrer/mandat.md": doc_text(meta("IV.7-15")),
            "nettverk/sentrum/nettverk.md": doc_text(
                {
                    "type": "network",
                    "id": "sentrum",
                    "title": "Tverrfaglig nettverk Sentrum",
                    "leader": {
                        "name": "Kari Nordmann",
                        "role": "Rektor",
                        "term_start": "2026-08-01",
                        "term_end": "2027-07-31",
                    },
                    "meetings_per_year": 3,
                    "mandate": "IV.7-15",
                }
            ),
        },
    )


def assert_good_meeting_days(dates: tuple[dt.date, ...], year: int) -> None:
    norway = holidays.country_holidays("NO", years=[year, year + 1])
    assert list(dates) == sorted(set(dates))
    for day in dates:
        assert dt.date(year, 8, 1) <= day <= dt.date(year + 1, 7, 31)
        assert day.weekday() < 5, day
        assert day not in norway, day
        assert school_holiday(day) is None, day


def test_three_meetings_spread_over_the_school_year() -> None:
    plan = plan_meetings(make_network(), 2026)
    assert plan.dates == (dt.date(2026, 9, 10), dt.date(2027, 1, 14), dt.date(2027, 5, 20))
    assert plan.school_year == "2026–2027"
    assert plan.yaml_snippet() == "planned_meetings: [2026-09-10, 2027-01-14, 2027-05-20]"
    assert_good_meeting_days(plan.dates, 2026)


def test_dates_move_off_holidays_and_keep_the_weekday() -> None:
    plan = plan_meetings(make_network(4), 2026, weekday=1)  # tirsdag
    assert all(d.weekday() == 1 for d in plan.dates)
    assert_good_meeting_days(plan.dates, 2026)
    # The even spread put the third meeting in the winter break (week 9); it moved.
    third = plan.meetings[2]
    assert school_holiday(third.target) == "vinterferie"
    assert third.date != third.target


@settings(max_examples=60, deadline=None)
@given(
    year=st.integers(2020, 2045),
    per_year=st.integers(1, 8),
    weekday=st.one_of(st.none(), st.integers(0, 4)),
)
def test_every_plan_avoids_weekends_and_holidays(
    year: int, per_year: int, weekday: int | None
) -> None:
    plan = plan_meetings(make_network(per_year), year, weekday=weekday)
    assert len(plan.dates) == per_year
    assert_good_meeting_days(plan.dates, year)


def test_school_holidays_as_tvf_defines_them() -> None:
    assert easter_break(2027) == (dt.date(2027, 3, 22), dt.date(2027, 3, 29))
    assert school_holiday(dt.date(2026, 10, 1)) == "høstferie"  # week 40
    assert school_holiday(dt.date(2026, 12, 18)) == "juleferie"
    assert school_holiday(dt.date(2027, 1, 4)) == "juleferie"
    assert school_holiday(dt.date(2027, 1, 5)) is None
    assert school_holiday(dt.date(2027, 3, 4)) == "vinterferie"  # week 9
    assert school_holiday(dt.date(2027, 3, 24)) == "påskeferie"
    assert why_not_a_meeting_day(dt.date(2027, 5, 17)) == "helligdag (Andre pinsedag; Grunnlovsdag)"
    assert why_not_a_meeting_day(dt.date(2027, 1, 16)) == "lørdag"
    assert why_not_a_meeting_day(dt.date(2027, 1, 14)) is None


def test_bad_input_is_refused() -> None:
    with pytest.raises(TvfError):
        plan_meetings(make_network(), 1999)
    with pytest.raises(TvfError):
        plan_meetings(make_network(), 2026, weekday=5)


def events(data: bytes) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return [c for c in cal.walk() if c.name == "VEVENT"]


def test_ics_parses_with_one_event_per_meeting(book: Path) -> None:
    ics = book.parent / "sentrum.ics"
    result = runner.invoke(
        app,
        [
            "meetings",
            "plan",
            "-H",
            str(book),
            "--network",
            "sentrum",
            "--year",
            "2026",
            "--ics",
            str(ics),
            "--today",
            "2026-08-20",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "torsdag 14. januar 2027" in result.stdout
    assert "planned_meetings: [2026-09-10, 2027-01-14, 2027-05-20]" in result.stdout
    data = ics.read_bytes()
    path = GOLDEN / "plan.ics"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert data.replace(b"\r\n", b"\n") == path.read_bytes().replace(b"\r\n", b"\n")
    assert data.count(b"\r\n") == data.count(b"\n")  # RFC 5545 line endings
    found = events(data)
    assert len(found) == 3
    norway = holidays.country_holidays("NO", years=[2026, 2027])
    uids = set()
    for event in found:
        start = event.decoded("dtstart")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        assert start not in norway and start.weekday() < 5
        assert str(event["summary"]) == "Møte i Tverrfaglig nettverk Sentrum"
        assert event.decoded("dtstamp") == dt.datetime(2026, 8, 20, tzinfo=dt.UTC)
        uids.add(str(event["uid"]))
    assert len(uids) == 3
    assert [p.name for p in book.parent.iterdir() if p.name.startswith(".")] == []


def test_ics_with_a_time_of_day_has_the_oslo_timezone() -> None:
    plan = plan_meetings(make_network(), 2026, weekday=3)
    data = calendar(
        plan, recipient="Samarbeidsgruppa", today=TODAY, start=dt.time(12, 30), minutes=90
    )
    cal = icalendar.Calendar.from_ical(data)
    assert [c["tzid"] for c in cal.walk() if c.name == "VTIMEZONE"] == ["Europe/Oslo"]
    first = events(data)[0]
    start, end = first.decoded("dtstart"), first.decoded("dtend")
    assert (start.hour, start.minute, str(start.tzinfo)) == (12, 30, "Europe/Oslo")
    assert end - start == dt.timedelta(minutes=90)
    assert "Referatet sendes til Samarbeidsgruppa" in str(first["description"])


def test_plan_json_and_options(book: Path) -> None:
    result = runner.invoke(
        app,
        [
            "meetings",
            "plan",
            "-H",
            str(book),
            "-n",
            "sentrum",
            "-y",
            "2027",
            "--weekday",
            "Onsdag",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["school_year"] == "2027–2028"
    assert all(dt.date.fromisoformat(d).weekday() == 2 for d in data["dates"])
    bad = runner.invoke(
        app,
        ["meetings", "plan", "-H", str(book), "-n", "sentrum", "-y", "2027", "--weekday", "lørdag"],
    )
    assert bad.exit_code == 2 and "hverdag" in bad.stderr
    bad = runner.invoke(
        app,
        ["meetings", "plan", "-H", str(book), "-n", "sentrum", "-y", "2027", "--time", "halv ett"],
    )
    assert bad.exit_code == 2 and "TT:MM" in bad.stderr
    missing = book.parent / "finnes-ikke" / "x.ics"
    bad = runner.invoke(
        app,
        ["meetings", "plan", "-H", str(book), "-n", "sentrum", "-y", "2027", "--ics", str(missing)],
    )
    assert bad.exit_code == 2 and "finnes ikke" in bad.stderr


def test_a_school_year_under_way_gets_no_dates_in_the_past(book: Path) -> None:
    result = runner.invoke(
        app,
        [
            "meetings",
            "plan",
            "-H",
            str(book),
            "-n",
            "sentrum",
            "-y",
            "2026",
            "-f",
            "json",
            "--today",
            "2026-11-25",
        ],
    )
    assert result.exit_code == 0, result.output
    dates = [dt.date.fromisoformat(d) for d in json.loads(result.stdout)["dates"]]
    assert dates and all(d > dt.date(2026, 11, 25) for d in dates)
    assert len(dates) == 3  # none held yet, and the rest of the year holds three
    assert_good_meeting_days(tuple(dates), 2026)
    # A meeting already held counts: two more are proposed, both after today.
    (book / "nettverk/sentrum/2026-09-17-referat.md").write_text(
        doc_text({"type": "minutes", "network": "sentrum", "date": dt.date(2026, 9, 17)}),
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        [
            "meetings",
            "plan",
            "-H",
            str(book),
            "-n",
            "sentrum",
            "-y",
            "2026",
            "-f",
            "json",
            "--today",
            "2026-11-25",
        ],
    )
    later = [dt.date.fromisoformat(d) for d in json.loads(result.stdout)["dates"]]
    assert len(later) == 2 and all(d > dt.date(2026, 11, 25) for d in later)
    # In March only what the rest of the year holds; after 20 May none, and a hint.
    march = runner.invoke(
        app,
        [
            "meetings",
            "plan",
            "-H",
            str(book),
            "-n",
            "sentrum",
            "-y",
            "2026",
            "-f",
            "json",
            "--today",
            "2027-03-01",
        ],
    )
    assert all(
        dt.date.fromisoformat(d) > dt.date(2027, 3, 1) for d in json.loads(march.stdout)["dates"]
    )
    june = runner.invoke(
        app,
        [
            "meetings",
            "plan",
            "-H",
            str(book),
            "-n",
            "sentrum",
            "-y",
            "2026",
            "--today",
            "2027-06-01",
        ],
    )
    assert june.exit_code == 2 and "--year 2027" in june.stderr
