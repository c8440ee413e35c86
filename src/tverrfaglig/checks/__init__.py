"""The checks of ``tvf check``."""

from __future__ import annotations

from .engine import (
    SLUG_RE,
    STATUS_NO,
    UNSILENCEABLE,
    Scan,
    Summary,
    check,
    check_across,
    check_document,
    check_path,
    citations,
    references,
    scan_path,
)
from .networks import SEND_WITHIN_DAYS
from .registry import CODES, describe
