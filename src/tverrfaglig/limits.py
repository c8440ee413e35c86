"""The range of dates and spans of time tvf accepts, so that date arithmetic never leaves the
calendar (Python's dates end at year 9999) and never raises a traceback.

Every way a date or a span enters tvf is bounded here: the date options (``--today``,
``--date``, ``--review-by``; :func:`tverrfaglig.cli.common.parse_date`), ``--within`` and
``--stale-months`` of ``tvf outdated``, ``review_interval_months`` in ``tvf.toml``
(:func:`tverrfaglig.config.load_config`) and the dates in front matter
(:func:`tverrfaglig.document.as_date`: a date outside the range is TVF003). With every date in
``EARLIEST``–``LATEST`` and every span at most a hundred years, any sum or difference tvf makes
stays between the years 1800 and 3100. ``docs/cli.md`` and ``docs/check.md`` state the limits.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

#: The first and the last date tvf works with.
EARLIEST: Final = dt.date(1900, 1, 1)
LATEST: Final = dt.date(2999, 12, 31)
#: The longest span in months (``--stale-months``, ``review_interval_months``): 100 years.
MAX_MONTHS: Final = 1200
#: The longest span in days (``--within``): 100 years.
MAX_DAYS: Final = 36_525


def in_range(day: dt.date) -> bool:
    """Whether ``day`` is one tvf works with (:data:`EARLIEST`–:data:`LATEST`)."""
    return EARLIEST <= day <= LATEST
