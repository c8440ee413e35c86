"""Services rule (TVF601): ``applies_to`` names a service no unit in ``tvf.toml`` belongs to.

Who must read a document follows from its ``applies_to`` and the ``[[units]]`` of
``tvf.toml`` (each with the services it belongs to), so a service written differently there
and in a document means nobody is asked to read it. The rule is silent while ``tvf.toml`` has
no units: then there is nothing to compare with.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..document import Document
from ..findings import Finding, Severity
from ..i18n import N_, _
from .registry import rule

TVF601 = rule(
    "TVF601",
    Severity.ERROR,
    N_("applies_to nevner en tjeneste som ingen enhet i tvf.toml hører til"),
)


def _key(service: str) -> str:
    return " ".join(service.split()).casefold()


def check_services(doc: Document, services: frozenset[str]) -> Iterator[Finding]:
    if not services or not doc.is_handbook_document:
        return
    values = doc.get("applies_to")
    if not isinstance(values, list):
        return  # not a list: TVF003 says so
    known = {_key(s): s for s in services}
    for i, value in enumerate(values):
        if not isinstance(value, str) or _key(value) in known:
            continue
        close = difflib.get_close_matches(_key(value), list(known), n=1)
        suggestion = (
            " " + _("Mente du «{service}»?").format(service=known[close[0]]) if close else ""
        )
        yield TVF601(
            doc.path,
            doc.line_of("applies_to", i),
            _(
                "«{value}» i applies_to er ingen kjent tjeneste: ingen enhet i "
                "[[units]] i tvf.toml hører til den, så ingen blir bedt om å lese "
                "dokumentet.{suggestion} Kjente tjenester: {known}."
            ).format(
                value=value,
                suggestion=suggestion,
                known=", ".join(sorted(services, key=str.casefold)),
            ),
        )
