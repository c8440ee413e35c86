"""The one parser of the date options (``--today``, ``--from``, …) of every command, outside
the command line's package so that :mod:`tverrfaglig.quick_check` can use it without typer."""

from __future__ import annotations

import datetime as dt

from .dates import parse_user_date
from .errors import TvfError
from .i18n import _
from .limits import EARLIEST, LATEST, in_range


def parse_date(value: str | None, option: str) -> dt.date | None:
    """The date given to ``option`` (``ÅÅÅÅ-MM-DD``, or as Norwegians write it: ``15.02.2027``,
    ``15.2.27``; spaces around it allowed), or None when the option was not given. Every date
    option of every command is read here."""
    if value is None:
        return None
    day = parse_user_date(value)
    if day is None:
        raise TvfError(
            _("{option} «{value}» er ikke en dato; skriv ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ.").format(
                option=option, value=value
            )
        )
    if not in_range(day):
        raise TvfError(
            _(
                "{option} {value} er utenfor datoene tvf regner med ({earliest} til {latest})."
            ).format(option=option, value=day, earliest=EARLIEST, latest=LATEST)
        )
    return day


def parse_today(value: str | None) -> dt.date:
    """``--today`` (or ``TVF_TODAY``), else the date today."""
    return parse_date(value, "--today") or dt.date.today()
