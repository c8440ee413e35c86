"""A reading confirmation (lesebekreftelse): who confirmed having read which version of a
document, from which unit, and when. Nothing more is kept: a name is personal data.

Which confirmations count for the version in force: those of that very version, and, when
``[confirmations] minor_keeps`` is true (the default), those of an earlier minor version of the
same major version (1.2 counts for 1.4, not for 2.0). A major version asks again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

VERSION_RE = re.compile(r"^([0-9]+)\.([0-9]+)$")


def fold(text: str) -> str:
    """Names, units and services compare without case and with spaces collapsed."""
    return " ".join(text.split()).casefold()


def parse_version(version: str) -> tuple[int, int] | None:
    match = VERSION_RE.match(version)
    return (int(match[1]), int(match[2])) if match else None


def counts_for(confirmed: str, current: str, *, minor_keeps: bool = True) -> bool:
    """Whether a confirmation of version ``confirmed`` counts for the version ``current``."""
    if confirmed == current:
        return True
    old, new = parse_version(confirmed), parse_version(current)
    if not minor_keeps or old is None or new is None:
        return False
    return old[0] == new[0] and old <= new


def is_known_version(version: str, current: str) -> bool:
    """A version the document has had: a well-formed version no later than the current one."""
    old, new = parse_version(version), parse_version(current)
    return old is not None and new is not None and old <= new


@dataclass(frozen=True)
class Confirmation:
    """One employee's confirmation of one version of one document."""

    version: str
    name: str
    unit: str
    time: dt.datetime  # local time, to the minute, as the form recorded it

    @property
    def key(self) -> tuple[str, str, str]:
        """The same person (name and unit) confirming the same version is one confirmation."""
        return self.version, fold(self.name), fold(self.unit)

    def sort_key(self) -> tuple[tuple[int, int], dt.datetime, str, str]:
        return (parse_version(self.version) or (0, 0), self.time, fold(self.unit), fold(self.name))
