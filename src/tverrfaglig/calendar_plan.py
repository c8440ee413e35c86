"""``tvf meetings plan``: meeting dates for a school year, and an iCalendar file of them.

A network meets ``meetings_per_year`` times a school year (1 August to 31 July). The plan
spreads the meetings evenly between about 10 September and 20 May, then moves each date to the
nearest day that is

* a working day (Monday to Friday, or the chosen ``weekday``),
* not a Norwegian public holiday (the ``holidays`` package's ``Norway``), and
* not in a school holiday as tvf defines them simply, since every county sets its own:
  the autumn break (ISO week 40), Christmas (18 December to 4 January), the winter break
  (ISO weeks 8 to 10, the weeks the counties choose between) and Easter (the Monday before
  Maundy Thursday to Easter Monday).

The iCalendar file has one VEVENT per meeting with a stable UID, so importing a revised plan
into Outlook updates the events instead of doubling them. Its text (the events' summary and
description, the reasons a day is poor) follows the language in use.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import holidays
import icalendar

from .errors import TvfError
from .files import write_atomic
from .i18n import _, language, long_date, weekday_name
from .meetings import (
    Network,
    expected_meetings_from,
    meetings_this_school_year,
    school_year_label,
    school_year_start,
    term_over,
)

FIRST_TARGET = (9, 10)  # month, day of the first meeting's target date
LAST_TARGET = (5, 20)  # month, day of the last meeting's target date (next calendar year)
AUTUMN_BREAK_WEEKS = frozenset({40})
WINTER_BREAK_WEEKS = frozenset({8, 9, 10})
CHRISTMAS = ((12, 18), (1, 4))  # from 18 December to 4 January
MAX_SHIFT_DAYS = 45
TIMEZONE = "Europe/Oslo"
PRODID = "-//tvf//Tverrfaglig samarbeid//NO"
#: The ``holidays`` package's language for holiday names shown in each of tvf's languages.
HOLIDAY_LANGUAGES = {"nb": "no", "en": "en_US"}


@dataclass(frozen=True)
class PlannedMeeting:
    date: dt.date
    target: dt.date  # where the even spread put it, before moving to an allowed day

    @property
    def label(self) -> str:
        return f"{weekday_name(self.date)} {long_date(self.date)}"


@dataclass(frozen=True)
class MeetingPlan:
    network: Network
    year: int
    meetings: tuple[PlannedMeeting, ...]

    @property
    def school_year(self) -> str:
        return school_year_label(dt.date(self.year, 8, 1))

    @property
    def dates(self) -> tuple[dt.date, ...]:
        return tuple(m.date for m in self.meetings)

    def yaml_snippet(self) -> str:
        """The line to put in the network's front matter."""
        return f"planned_meetings: [{', '.join(str(d) for d in self.dates)}]"


# --- Which days are free for a meeting ------------------------------------------------------


@functools.cache
def public_holidays(year: int, names: str = "no") -> dict[dt.date, str]:
    """Norwegian public holidays of ``year`` with their names in the ``holidays`` package's
    language ``names`` (Norwegian by default; :func:`easter_break` reads those)."""
    found: dict[dt.date, str] = dict(
        holidays.country_holidays("NO", years=year, language=names).items()
    )
    return found


def easter_break(year: int) -> tuple[dt.date, dt.date]:
    """Monday of Holy Week to Easter Monday in ``year``."""
    sunday = next(d for d, name in public_holidays(year).items() if name == "Første påskedag")
    return sunday - dt.timedelta(days=6), sunday + dt.timedelta(days=1)


def school_holiday(day: dt.date) -> str | None:
    """The school holiday ``day`` falls in (as tvf defines them), or None."""
    week = day.isocalendar().week
    if day.month in (9, 10) and week in AUTUMN_BREAK_WEEKS:
        return _("høstferie")
    (from_month, from_day), (to_month, to_day) = CHRISTMAS
    if (day.month, day.day) >= (from_month, from_day) or (day.month, day.day) <= (to_month, to_day):
        return _("juleferie")
    if day.month in (2, 3) and week in WINTER_BREAK_WEEKS:
        return _("vinterferie")
    start, end = easter_break(day.year)
    if start <= day <= end:
        return _("påskeferie")
    return None


def why_not_a_meeting_day(day: dt.date) -> str | None:
    """Why ``day`` is a poor meeting day (weekend, public holiday, school holiday), or None."""
    if day.weekday() >= 5:
        return weekday_name(day)
    if day in public_holidays(day.year):
        names = public_holidays(day.year, HOLIDAY_LANGUAGES.get(language(), "no"))
        return _("helligdag ({name})").format(name=names[day])
    return school_holiday(day)


# --- The plan -------------------------------------------------------------------------------


def plan_meetings(
    network: Network, year: int, *, weekday: int | None = None, today: dt.date | None = None
) -> MeetingPlan:
    """``meetings_per_year`` dates in the school year starting in August of ``year``.

    ``weekday`` (0 = Monday … 4 = Friday) keeps every meeting on that day of the week. For a
    school year already under way on ``today``, only dates after today are proposed: the
    meetings not yet held, as many as the rest of the year holds
    (:func:`expected_meetings_from`), spread over what is left of it.
    """
    count = network.meetings_per_year
    if (
        today is not None
        and school_year_start(today).year == year
        and today >= dt.date(year, *FIRST_TARGET)
    ):
        held = [m for m in meetings_this_school_year(network, today) if m.date <= today]
        count = min(
            max(0, count - len(held)), expected_meetings_from(network.meetings_per_year, today)
        )
    return MeetingPlan(network, year, propose_dates(count, year, weekday=weekday, today=today))


def propose_dates(
    count: int, year: int, *, weekday: int | None = None, today: dt.date | None = None
) -> tuple[PlannedMeeting, ...]:
    """``count`` dates spread evenly over the school year starting in August of ``year``, or
    over what is left of it after ``today``; each moved to the nearest allowed day, never to
    today or earlier."""
    if not 2000 <= year <= 2100:
        raise TvfError(
            _("Skoleåret {year} er utenfor det tvf planlegger (2000–2100).").format(year=year)
        )
    if weekday is not None and not 0 <= weekday <= 4:
        raise TvfError(_("Møtedagen må være en hverdag (mandag til fredag)."))
    first = dt.date(year, *FIRST_TARGET)
    last = dt.date(year + 1, *LAST_TARGET)
    earliest = None
    if today is not None and today >= first:
        if today >= last:
            raise TvfError(
                _(
                    "Skoleåret {school_year} er nesten over ({today}); tvf foreslår "
                    "ingen møtedatoer som er passert."
                ).format(school_year=school_year_label(first), today=today),
                hint=_("Planlegg neste skoleår med --year {year}.").format(year=year + 1),
            )
        earliest = today + dt.timedelta(days=1)
        first = earliest + dt.timedelta(days=(last - earliest).days // (2 * max(count, 1)))
    span = (last - first).days
    targets: list[dt.date] = []
    if count == 1:
        targets = [first + dt.timedelta(days=span // 2)]
    elif count > 1:
        targets = [first + dt.timedelta(days=round(i * span / (count - 1))) for i in range(count)]
    chosen: list[PlannedMeeting] = []
    taken: set[dt.date] = set()
    for target in targets:
        day = _nearest_free_day(target, weekday, taken, earliest)
        taken.add(day)
        chosen.append(PlannedMeeting(day, target))
    chosen.sort(key=lambda m: m.date)
    return tuple(chosen)


def _nearest_free_day(
    target: dt.date, weekday: int | None, taken: set[dt.date], earliest: dt.date | None = None
) -> dt.date:
    for shift in range(MAX_SHIFT_DAYS + 1):
        for day in (target + dt.timedelta(days=shift), target - dt.timedelta(days=shift)):
            if day in taken or (weekday is not None and day.weekday() != weekday):
                continue
            if earliest is not None and day < earliest:
                continue
            if why_not_a_meeting_day(day) is None:
                return day
    raise TvfError(
        _("Fant ingen ledig møtedag innen {days} dager fra {date}.").format(
            days=MAX_SHIFT_DAYS, date=target
        ),
        hint=_("Velg en annen ukedag, eller færre møter i året (meetings_per_year)."),
    )


# --- iCalendar -------------------------------------------------------------------------------


def _oslo_timezone() -> icalendar.Timezone:
    """Europe/Oslo with the yearly rules, in the form Outlook writes itself."""
    tz = icalendar.Timezone()
    tz.add("tzid", TIMEZONE)
    for kind, name, start, month, offsets in (
        (icalendar.TimezoneStandard, "CET", dt.datetime(1970, 10, 25, 3), 10, (2, 1)),
        (icalendar.TimezoneDaylight, "CEST", dt.datetime(1970, 3, 29, 2), 3, (1, 2)),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        part.add("tzoffsetfrom", dt.timedelta(hours=offsets[0]))
        part.add("tzoffsetto", dt.timedelta(hours=offsets[1]))
        tz.add_component(part)
    return tz


def calendar(
    plan: MeetingPlan,
    *,
    recipient: str,
    today: dt.date,
    start: dt.time | None = None,
    minutes: int = 120,
) -> bytes:
    """The plan as an iCalendar file: all-day events, or timed ones from ``start``."""
    network = plan.network
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{network.title} {plan.school_year}")
    if start is not None:
        cal.add("x-wr-timezone", TIMEZONE)
        cal.add_component(_oslo_timezone())
    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)
    leader = network.leader
    who = ", ".join(p for p in (leader.name, leader.role) if p) or _("lederen")
    total = len(plan.meetings)
    for number, meeting in enumerate(plan.meetings, start=1):
        event = icalendar.Event()
        event.add("uid", f"tvf-{network.slug}-{meeting.date:%Y%m%d}@tverrfaglig")
        event.add("dtstamp", stamp)
        event.add("summary", _("Møte i {network}").format(network=network.title))
        if start is None:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        else:
            begins = dt.datetime.combine(meeting.date, start)
            event.add("dtstart", begins, parameters={"TZID": TIMEZONE})
            event.add(
                "dtend", begins + dt.timedelta(minutes=minutes), parameters={"TZID": TIMEZONE}
            )
        # After the leader's term the old leader is not named: a leader must be chosen.
        chair = (
            _("må velges (lederperioden gikk ut {date})").format(date=leader.term_end)
            if term_over(network, meeting.date)
            else who
        )
        event.add(
            "description",
            _(
                "Møte {number} av {total} i skoleåret {school_year}. Leder: {leader}. Innspill til "
                "sakslisten sendes til leder, som sender ut sakslisten før møtet. Referatet sendes "
                "til {recipient}."
            ).format(
                number=number,
                total=total,
                school_year=plan.school_year,
                leader=chair,
                recipient=recipient,
            ),
        )
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` safely (a temporary file and a rename); the folder must exist,
    so a mistyped path is an error rather than a new folder."""
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise TvfError(
            _("Mappen {folder} finnes ikke; lag den først, eller velg en annen fil.").format(
                folder=folder
            )
        )
    write_atomic(path, data)
