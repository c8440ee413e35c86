"""Small text helpers the renderers share: JSON text, Markdown escaping, counted nouns."""

from __future__ import annotations

import json
import re

from ..i18n import ngettext

_MD_SPECIAL_RE = re.compile(
    r"[\\`*<>|]|\](?=\()|(?<![0-9A-Za-zÆØÅæøå])_|_(?![0-9A-Za-zÆØÅæøå])")


def json_text(value: object) -> str:
    """``value`` as the JSON every ``--format json`` prints: UTF-8 as it is, indented by two."""
    return json.dumps(value, ensure_ascii=False, indent=2)


def markdown_escape(text: str) -> str:
    """Text safe inside Markdown (also in a table cell), with as few backslashes as possible,
    so it still reads well as plain text: backslash, backtick, ``*``, angle brackets, ``|``,
    ``]`` before ``(`` (a link), and ``_`` unless it is inside a word (review_by)."""
    return _MD_SPECIAL_RE.sub(lambda m: "\\" + m.group(), text)


def count_documents(count: int) -> str:
    """``1 dokument``, ``3 dokumenter`` in the language in use."""
    return ngettext("{n} dokument", "{n} dokumenter", count).format(n=count)
