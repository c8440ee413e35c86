"""Review rule (TVF301)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tverrfaglig.findings import Severity

from helpers import TODAY, doc_text, handbook, meta, run_check


def findings_of(root: Path, code: str):  # type: ignore[no-untyped-def]
    return [f for f in run_check(root).findings if f.code == code]


def test_tvf301_review_date_passed(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(meta(review_by=dt.date(2026, 11, 24))),
            "b.md": doc_text(meta("IV.7-3", review_by=TODAY)),
            "c.md": doc_text(meta("IV.7-4", status="retired", review_by=dt.date(2020, 1, 1))),
        },
    )
    found = findings_of(root, "TVF301")
    assert [(f.path, f.severity) for f in found] == [("a.md", Severity.WARNING)]
