"""Personal data rule (TVF501)."""

from __future__ import annotations

from pathlib import Path

from helpers import (
    doc_text,
    handbook,
    meta,
    run_check,
    valid_number,  # the tests' own generator of synthetic numbers
)


def test_tvf501_finds_and_masks_a_national_id(tmp_path: Path) -> None:
    number = valid_number(14, 3, 15)
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(meta(), f"Linje én\nBarnet {number} ble meldt.\nIkke {wrong}.\n"),
        },
    )
    report = run_check(root)
    assert [(f.code, f.line) for f in report.findings] == [("TVF501", 13)]
    assert number not in report.findings[0].message
    assert number[2:] not in report.findings[0].message
