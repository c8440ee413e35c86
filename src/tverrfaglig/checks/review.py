"""Review rule (TVF301): a handbook document past its ``review_by`` date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..document import Document, as_date
from ..findings import Finding, Severity
from ..i18n import N_, ngettext
from .registry import rule

TVF301 = rule("TVF301", Severity.WARNING, N_("Revisjonsdatoen er passert"))


def check_review(doc: Document, today: dt.date) -> Iterator[Finding]:
    if not doc.is_handbook_document or doc.status == "retired":
        return
    review_by = as_date(doc.get("review_by"))
    if review_by is not None and review_by < today:
        days = (today - review_by).days
        # The same Norwegian for one day and many (as it always was); English has both forms.
        yield TVF301(
            doc.path,
            doc.line_of("review_by"),
            ngettext(
                "Revisjonsdatoen {date} er passert ({days} dager siden). Revider dokumentet og "
                "godkjenn det på nytt med tvf stamp.",
                "Revisjonsdatoen {date} er passert ({days} dager siden). Revider dokumentet og "
                "godkjenn det på nytt med tvf stamp.",
                days,
            ).format(date=review_by, days=days),
        )
