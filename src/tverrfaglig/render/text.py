"""Small text helpers the renderers share: JSON text, Markdown escaping, counted nouns."""

from __future__ import annotations

import json
import re

from ..i18n import ngettext
from ..pii import mask

_MD_SPECIAL_RE = re.compile(r"[\\`*<>|]|\](?=\()|(?<![0-9A-Za-zÆØÅæøå])_|_(?![0-9A-Za-zÆØÅæøå])")


# What json.dumps leaves as it is but must not reach a terminal: DEL, C1 controls, the Unicode
# line separators and bidirectional overrides (json.dumps escapes the C0 controls itself).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _masked(value: object) -> object:
    """``value`` with every national identity number in its texts, keys and whole numbers
    masked (:func:`tverrfaglig.pii.mask`); a masked number becomes text."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, int) and not isinstance(value, bool):
        masked = mask(str(value))
        return value if masked == str(value) else masked
    if isinstance(value, dict):
        return {_masked(k) if isinstance(k, str) else k: _masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(v) for v in value]
    return value


def json_text(value: object) -> str:
    """``value`` as the JSON every ``--format json`` prints: UTF-8 as it is, indented by two;
    identity numbers masked and control characters escaped (``\\u0085``), as on screen."""
    text = json.dumps(_masked(value), ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def markdown_escape(text: str) -> str:
    """Text safe inside Markdown (also in a table cell), with as few backslashes as possible,
    so it still reads well as plain text: backslash, backtick, ``*``, angle brackets, ``|``,
    ``]`` before ``(`` (a link), and ``_`` unless it is inside a word (review_by)."""
    return _MD_SPECIAL_RE.sub(lambda m: "\\" + m.group(), text)


def count_documents(count: int) -> str:
    """``1 dokument``, ``3 dokumenter`` in the language in use."""
    return ngettext("{n} dokument", "{n} dokumenter", count).format(n=count)
