"""What makes a text safe to show (see :mod:`.console`): identity numbers masked and control
characters escaped. Only the standard library and :mod:`tverrfaglig.pii`, so the text report
can be written without rich (:func:`.report.plain_human`)."""

from __future__ import annotations

import re

from ..pii import mask

# C0 controls and DEL, C1 controls, the Unicode line and paragraph separators, and the
# bidirectional embeddings, overrides and isolates (which can make text read backwards).
_UNSAFE = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE_RE = re.compile(f"[{_UNSAFE}]")
# For echo: the same, but newline and tab are the formats' own, and so is CR before LF (CSV).
_UNSAFE_PLAIN_RE = re.compile(
    "\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_char(char: str) -> str:
    """How one unsafe character is shown: ``\\n``, ``\\r``, ``\\t``, ``\\x1b``, ``\\u202e``."""
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """``text`` masked and with every control character escaped: one line, safe to show."""
    return _UNSAFE_RE.sub(lambda m: escape_char(m.group()), mask(text))


def formatted(text: str) -> str:
    """``text`` in a format of its own (JSON, CSV, …) masked and with the control characters
    escaped that are not the format's own (newlines, tabs and CRLF line ends are kept)."""
    return _UNSAFE_PLAIN_RE.sub(lambda m: escape_char(m.group()), mask(text))
