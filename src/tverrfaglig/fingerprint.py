"""The approval fingerprint of a document (the contract's section 5).

``tvf stamp`` writes it (:mod:`tverrfaglig.revisions`) and ``tvf check`` compares it (TVF302,
:mod:`tverrfaglig.checks.fingerprints`). It is defined precisely in ``docs/revisions.md`` so
other tools can recompute it: ``sha256:`` + the hex SHA-256 of the canonical JSON of the front
matter without the stamping keys, a line feed, and the body with its line endings made ``\\n``
and its trailing whitespace removed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from .frontmatter_edit import plain

# The keys tvf stamp writes; the fingerprint covers every other key (contract section 5).
STAMP_KEYS = (
    "version",
    "status",
    "approved_by",
    "valid_from",
    "review_by",
    "changes",
    "fingerprint",
)
FINGERPRINT_RE = re.compile(r"^sha256:[0-9a-f]{64}$")


def canonical_front_matter(meta: Mapping[str, Any]) -> bytes:
    """The front matter without the stamping keys as canonical JSON (UTF-8, sorted keys, no
    spaces, dates as ``YYYY-MM-DD``). NaN and the infinities are text already (:func:`plain`
    writes them as YAML does), so the JSON never holds a bare ``NaN``."""
    data = {str(k): plain(v) for k, v in meta.items() if k not in STAMP_KEYS}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def canonical_body(body: str) -> bytes:
    """The body with CRLF and lone CR made LF and trailing whitespace removed, as UTF-8."""
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    return body.rstrip(" \t\n").encode()


def fingerprint(meta: Mapping[str, Any], body: str) -> str:
    """``sha256:<hex>`` of the canonical front matter, a line feed and the canonical body."""
    digest = hashlib.sha256(canonical_front_matter(meta) + b"\n" + canonical_body(body))
    return f"sha256:{digest.hexdigest()}"
