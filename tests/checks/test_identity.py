"""Identity rule (TVF005): document IDs, measure codes and network ids are unique."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import doc_text, handbook, meta, run_check


def findings_of(root: Path, code: str):  # type: ignore[no-untyped-def]
    return [f for f in run_check(root).findings if f.code == code]


def test_tvf005_duplicates(tmp_path: Path) -> None:
    network = {
        "type": "network",
        "title": "N",
        "leader": {
            "name": "Kari Nordmann",
            "role": "Rektor",
            "term_start": dt.date(2026, 8, 1),
            "term_end": dt.date(2027, 7, 31),
        },
    }
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(meta("IV.7-2")),
            "b.md": doc_text(meta("IV.7-2")),
            "t1.md": doc_text(meta("IV.7.1-11", type="measure", code="V01")),
            "t2.md": doc_text(meta("IV.7.1-12", type="measure", code="V01")),
            "n1.md": doc_text({"id": "sentrum", **network}),
            "n2.md": doc_text({"id": "sentrum", **network}),
        },
    )
    found = {f.path: f.message for f in findings_of(root, "TVF005")}
    assert set(found) == {"b.md", "t2.md", "n2.md"}
    assert "a.md" in found["b.md"]


def test_tvf005_quiet_when_ids_are_unique(clean: Path) -> None:
    assert findings_of(clean, "TVF005") == []
