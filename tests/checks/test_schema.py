"""Schema rules (TVF001–TVF004): required fields and the form of every field."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import doc_text, handbook, meta, run_check


def findings_of(root: Path, code: str):  # type: ignore[no-untyped-def]
    return [f for f in run_check(root).findings if f.code == code]


# --- TVF001 ---------------------------------------------------------------------------------------


def test_tvf001_fires_for_broken_files_and_does_not_hide_others(clean: Path) -> None:
    handbook(
        clean,
        {
            "tom.md": "",
            "liste.md": "---\n- a\n---\n",
            "yaml.md": "---\nid: IV.7-9\ntitle: [\n---\n",
            "latin1.md": b"---\ntitle: bl\xe5\n---\n",
            "ref.md": doc_text(meta("IV.7-3", references=["IV.7-404"])),
        },
    )
    report = run_check(clean)
    by_path = {f.path: f.code for f in report.findings}
    assert by_path == {
        "tom.md": "TVF001",
        "liste.md": "TVF001",
        "yaml.md": "TVF001",
        "latin1.md": "TVF001",
        "ref.md": "TVF101",
    }
    assert report.exit_code() == 1


# --- TVF002 / TVF003 / TVF004 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"title": None}, "title"),
        ({"owner": None}, "owner"),
        ({"version": None}, "version"),
        ({"approved_by": None}, "approved_by"),
        ({"review_by": None}, "review_by"),
    ],
)
def test_tvf002_required_field_missing(
    tmp_path: Path, fields: dict[str, None], missing: str
) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta(**fields))})
    found = findings_of(root, "TVF002")
    assert len(found) == 1
    assert missing in found[0].message


def test_tvf002_quiet_for_draft_without_approval_fields(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {"a.md": doc_text(meta(status="draft", approved_by=None, valid_from=None, review_by=None))},
    )
    assert run_check(root).findings == ()


def test_tvf003_wrong_forms_point_at_their_lines(tmp_path: Path) -> None:
    text = (
        "---\nid: IV.7-2\ntitle: T\ntype: procedure\nstatus: godkjent\nversion: 1.0\n"
        "owner: O\napproved_by: A\nvalid_from: 1. mars 2026\nreview_by: 2026-13-45\n---\n"
    )
    root = handbook(tmp_path / "hb", {"a.md": text})
    found = {f.line: f.message for f in findings_of(root, "TVF003")}
    assert set(found) == {5, 6, 9, 10}
    assert "anførselstegn" in found[6]
    assert "ÅÅÅÅ-MM-DD" in found[9]


def test_tvf003_unknown_type_and_quoted_iso_date_is_fine(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(meta(type="rutine")),
            "b.md": doc_text(meta("IV.7-3", valid_from="2026-01-01")),
        },
    )
    assert [(f.code, f.path) for f in run_check(root).findings] == [("TVF003", "a.md")]


def test_tvf004_bad_id_and_bad_reference(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(meta("4.7-2")),
            "b.md": doc_text(meta("IV.7-3", references=["se IV.7-2"])),
        },
    )
    assert {(f.path, f.line) for f in findings_of(root, "TVF004")} == {("a.md", 2), ("b.md", 12)}


def test_tvf004_a_lower_case_id_or_reference_is_not_accepted(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(meta("iv.7-2")),
            "b.md": doc_text(meta("IV.7-3", references=["iv.7-2"])),
        },
    )
    assert {(f.path, f.line) for f in findings_of(root, "TVF004")} == {("a.md", 2), ("b.md", 12)}
    assert findings_of(root, "TVF101") == []  # not taken for a reference to IV.7-2


def test_not_a_list_of_texts_points_at_the_item_and_says_which(tmp_path: Path) -> None:
    text = doc_text(meta("IV.7-2", applies_to=["Skole", {"Barnehage": "alle"}, "PPT"]))
    root = handbook(
        tmp_path / "hb", {"a.md": text, "b.md": doc_text(meta("IV.7-3", applies_to="Skole"))}
    )
    lines = text.splitlines()
    item_line = next(i for i, line in enumerate(lines, 1) if "Barnehage" in line)
    key_line = next(
        i
        for i, line in enumerate((root / "b.md").read_text(encoding="utf-8").splitlines(), 1)
        if "applies_to" in line
    )
    found = sorted((f.path, f.line, f.message) for f in findings_of(root, "TVF003"))
    assert found == [
        (
            "a.md",
            item_line,
            "Punkt 2 i «applies_to» må være tekst, ikke «{'Barnehage': 'alle'}». "
            "Skriv det i anførselstegn om det har kolon.",
        ),
        ("b.md", key_line, "Feltet «applies_to» må være en liste av tekster."),
    ]
