"""Reference rules (TVF101, TVF102)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tverrfaglig.findings import Severity

from helpers import codes, doc_text, handbook, meta, run_check


def findings_of(root: Path, code: str):  # type: ignore[no-untyped-def]
    return [f for f in run_check(root).findings if f.code == code]


def test_tvf101_missing_reference_in_front_matter_and_body(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(meta(references=["IV.7-404"]), "Linje\nse V.3.4-9\n"),
        },
    )
    found = findings_of(root, "TVF101")
    assert [(f.line, f.severity) for f in found] == [(12, Severity.ERROR), (15, Severity.ERROR)]
    assert "IV.7-404" in found[0].message


def test_tvf101_own_id_in_body_is_not_a_reference(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta(), "# IV.7-2 Tittel\n")})
    assert run_check(root).findings == ()


def test_tvf101_meeting_of_unknown_network(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {"m.md": doc_text({"type": "minutes", "network": "sentrum", "date": dt.date(2026, 9, 1)})},
    )
    assert codes(run_check(root)) == ["TVF101"]


def test_tvf102_reference_to_retired_document(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(meta(references=["IV.7-3"])),
            "b.md": doc_text(meta("IV.7-3", status="retired")),
            "c.md": doc_text(meta("IV.7-4", status="retired", references=["IV.7-3"])),
        },
    )
    found = findings_of(root, "TVF102")
    assert [(f.path, f.severity) for f in found] == [("a.md", Severity.WARNING)]
