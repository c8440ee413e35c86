"""Dates as people write them: ISO (``2027-02-15``) and Norwegian (``15.02.2027``, ``15.2.27``).

Every date a user types (date options, the ``frist:`` of an action item) is read here; tvf
always writes the ISO form.
"""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
# Norwegian: day.month.year, with one or two digits for day and month, two or four for the
# year (a two-digit year is 20YY); a trailing full stop is allowed ("15.2.27.").
_NORWEGIAN = re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})\.?")


def parse_user_date(text: str) -> dt.date | None:
    """The date in ``text`` (spaces around it allowed), or None when it is not a valid date in
    ISO or Norwegian form."""
    value = text.strip()
    match = _ISO.fullmatch(value) or _NORWEGIAN.fullmatch(value)
    if match is None:
        return None
    year = int(match.group("year"))
    if len(match.group("year")) == 2:
        year += 2000
    try:
        return dt.date(year, int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None
