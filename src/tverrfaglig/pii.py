"""Find Norwegian national identity numbers (fødselsnummer) in text, for check TVF501.

A handbook must never hold a person's identity number. This module finds the 11-digit numbers
that look like one, written in the ways people write them:

* together, ``DDMMYYIIIKK`` (date, individual number, two check digits);
* as 6 + 5 digits with one space, non-breaking space or hyphen between (``DDMMYY IIIKK``,
  ``DDMMYY-IIIKK``);
* in groups of 3, 3, 3 and 2 digits with single spaces (``150 312 582 16``);
* with a dotted date, then a space and the 5 digits (``15.03.12 58216``).

A number is not part of a longer run of digits, and not glued to an underscore or to letters
(``DOK`` right before the digits makes them a code, not a number; so does a letter right
after), except the words that name such a number: ``fnr15031258216``, ``pnr15031258216``
and the like (:data:`PREFIXES`) count. A candidate counts only when both mod-11 check digits
are right and its first six digits are a plausible date ``DDMMYY``:

* fødselsnummer: day 1–31 and month 1–12, the day valid for the month (29 February is always
  allowed: the century lives in the individual number, and erring on the side of a finding is
  the safe choice here);
* D-nummer: day + 40;
* H-nummer: month + 40;
* syntetisk testnummer (Skatteetaten's Tenor): month + 80, alone or with day + 40.

Numbers with a wrong checksum are ignored. A hit never carries the whole number: only its first
two digits, the rest masked with ``*``.

The scan is one compiled regular expression over the text; line numbers are counted only when
there is a hit, so text without 11 digits in a row costs a single regex pass.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from .errors import TvfError
from .i18n import N_, _

__all__ = ["NationalIdHit", "contains_national_id", "find_national_ids", "guard", "mask"]

# The kinds are data (``NationalIdHit.kind`` is always Norwegian); ``hit.label`` is the kind in
# the language in use, for messages.
FODSELSNUMMER: Final = N_("fødselsnummer")
D_NUMMER: Final = N_("D-nummer")
H_NUMMER: Final = N_("H-nummer")
SYNTETISK: Final = N_("syntetisk testnummer")

# One compiled pattern finds the candidates. It starts with a plain digit class, not with the
# look-behind, so that the regex engine skips quickly from digit to digit (about three times
# faster on ordinary text); the look-behind right after the first digit then checks the character
# before it: no letter, digit or underscore. ``[0-9]``, not ``\d``: only ASCII digits make a
# number. ``\w`` stays Unicode-aware, so digits right after "ø" are glued to a letter too.
_CANDIDATE: Final = re.compile(
    r"[0-9](?<![\d_][0-9])(?:"
    r"[0-9]{5}[ \u00a0-]?[0-9]{5}"  # DDMMYYIIIKK, DDMMYY IIIKK, DDMMYY-IIIKK
    r"|[0-9]{2}[ \u00a0][0-9]{3}[ \u00a0][0-9]{3}[ \u00a0][0-9]{2}"  # 150 312 582 16
    r"|[0-9]\.[0-9]{2}\.[0-9]{2}[ \u00a0][0-9]{5}"  # 15.03.12 58216
    r")(?!\w)"
)
#: Words that, glued to the digits, name them as an identity number (``fnr15031258216``).
PREFIXES: Final = frozenset(
    {
        "fnr",
        "fødselsnr",
        "fødselsnummer",
        "fnummer",
        "pnr",
        "personnr",
        "personnummer",
        "dnr",
        "hnr",
        "idnr",
    }
)
_WORD_BEFORE: Final = re.compile(r"([^\W\d_]+)\Z")
# How far back a prefix is looked for: as far as the longest one reaches.
_LONGEST_PREFIX: Final = max(map(len, PREFIXES))

_K1_WEIGHTS: Final = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS: Final = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
# Days per month; February allows 29 (see the module docstring).
_DAYS_IN_MONTH: Final = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# The kind of number by how many times 40 is added to the day and to the month as written.
_KINDS: Final = {
    (0, 0): FODSELSNUMMER,
    (1, 0): D_NUMMER,
    (0, 1): H_NUMMER,
    (0, 2): SYNTETISK,
    (1, 2): SYNTETISK,
}


@dataclass(frozen=True, slots=True)
class NationalIdHit:
    """A possible national identity number: where it is, what kind, and a masked form.

    ``line`` is 1-based within the text that was scanned. ``masked`` keeps the first two digits
    and any separator, e.g. ``"12**** *****"``; it never shows the whole number.
    """

    line: int
    kind: str
    masked: str

    @property
    def label(self) -> str:
        """The kind of number in the language in use, for messages."""
        return _(self.kind)


def _check_digit(digits: tuple[int, ...], weights: tuple[int, ...]) -> int:
    """The mod-11 check digit over the first ``len(weights)`` of ``digits``: 0–9, or 10, which
    no written digit matches (a number whose check digit computes to 10 is never valid)."""
    total: int = sum(map(operator.mul, digits, weights))  # map stops at the last weight
    return (11 - total % 11) % 11


def _checksum_ok(digits: tuple[int, ...]) -> bool:
    return (
        _check_digit(digits, _K1_WEIGHTS) == digits[9]
        and _check_digit(digits, _K2_WEIGHTS) == digits[10]
    )


def _kind(day: int, month: int) -> str | None:
    """The kind of number whose date part is ``day``/``month`` as written, or None."""
    day_offset, day = divmod(day, 40)
    month_offset, month = divmod(month, 40)
    if not 1 <= month <= 12 or not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        return None
    return _KINDS.get((day_offset, month_offset))


def _classify(number: str) -> str | None:
    """The kind of a national identity number given as 11 ASCII digits, or None."""
    digits = tuple(int(c) for c in number)
    if not _checksum_ok(digits):
        return None
    return _kind(digits[0] * 10 + digits[1], digits[2] * 10 + digits[3])


def _mask(written: str) -> str:
    """The first two digits, every other digit as ``*``, separators kept."""
    return written[:2] + "".join("*" if c.isdigit() else c for c in written[2:])


def _stands_alone(text: str, start: int) -> bool:
    """Whether the candidate at ``start`` is not glued to a word, unless that word names it
    (:data:`PREFIXES`)."""
    if not text[start - 1].isalpha():
        return True
    word = _WORD_BEFORE.search(text, max(0, start - _LONGEST_PREFIX), start)
    return (
        word is not None
        and word[1].lower() in PREFIXES
        and (word.start() == 0 or not text[word.start() - 1].isalnum())
    )


def _numbers(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Every checksum-valid national identity number in ``text``: its match and its kind."""
    for match in _CANDIDATE.finditer(text):
        start = match.start()
        if start and not _stands_alone(text, start):
            continue
        kind = _classify("".join(c for c in match.group() if c.isdigit()))  # no separators
        if kind is not None:
            yield match, kind


def find_national_ids(text: str) -> Iterator[NationalIdHit]:
    """Yield every checksum-valid national identity number in ``text``, in order."""
    line = 1
    counted_to = 0
    for match, kind in _numbers(text):
        start = match.start()
        line += text.count("\n", counted_to, start)
        counted_to = start
        yield NationalIdHit(line=line, kind=kind, masked=_mask(match.group()))


def mask(text: str) -> str:
    """``text`` with every national identity number in it masked as in a finding (the first
    two digits, the rest ``*``, separators kept): the same length, so it can stand in for the
    text wherever it is shown. The renderers' way out to the screen
    (:mod:`tverrfaglig.render.console`) passes everything through this."""
    parts: list[str] = []
    done = 0
    for match, _kind in _numbers(text):
        parts += [text[done : match.start()], _mask(match.group())]
        done = match.end()
    return "".join(parts) + text[done:]


def contains_national_id(text: str) -> bool:
    """True when ``text`` holds at least one checksum-valid national identity number."""
    return next(find_national_ids(text), None) is not None


def guard(
    text: str, message: str, *, hint: str, refusal: type[TvfError] = TvfError, **fields: object
) -> None:
    """The one guard on every way out of tvf: refuse ``text`` when it holds what looks like a
    national identity number, before anything is written, printed or sent.

    Every writer and renderer of user-visible output calls this. ``message`` is a whole
    sentence in the language in use and may name the hit with ``{kind}``, ``{masked}`` and
    ``{line}`` (never the whole number), and with the other ``fields`` given; ``refusal`` is
    the error raised (a :class:`TvfError`). Braces meant literally are doubled, as for
    :meth:`str.format`."""
    hit = next(find_national_ids(text), None)
    if hit is not None:
        raise refusal(
            message.format(**fields, kind=hit.label, masked=hit.masked, line=hit.line), hint=hint
        )
