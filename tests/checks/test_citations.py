"""Law citation rules (TVF201–TVF204; TVF205 and TVF206 are in tests/test_lovdata.py), and
TVF003 for a `legal_basis` entry that is not understood."""

from __future__ import annotations

from pathlib import Path

from tverrfaglig.findings import Severity

from helpers import codes, doc_text, handbook, meta, run_check


def findings_of(root: Path, code: str):  # type: ignore[no-untyped-def]
    return [f for f in run_check(root).findings if f.code == code]


def test_tvf201_unknown_law_in_legal_basis_and_body(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(
                meta(legal_basis=["tullelova § 3"]), "Etter fantasiloven § 12 skal vi …\n"
            )
        },
    )
    found = findings_of(root, "TVF201")
    assert len(found) == 2
    assert {f.line for f in found} == {12, 14}


def test_tvf202_section_the_registry_says_does_not_exist(tmp_path: Path) -> None:
    laws = "- id: LOV-2005-06-17-64\n  sections: ['1', '2', '2a', '2b']\n"
    root = handbook(
        tmp_path / "hb",
        {
            "laws.yaml": laws,
            "a.md": doc_text(meta(legal_basis=["barnehageloven § 2 b", "barnehageloven § 99"])),
        },
    )
    found = findings_of(root, "TVF202")
    assert len(found) == 1
    assert "99" in found[0].message


def test_tvf203_repealed_law_names_its_replacement(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(
                meta(legal_basis=["LOV-1998-07-17-61 § 15-8"]), "Jf. barnevernloven § 3-2.\n"
            )
        },
    )
    found = findings_of(root, "TVF203")
    assert [f.severity for f in found] == [Severity.WARNING, Severity.WARNING]
    assert "LOV-2023-06-09-30" in found[0].message
    assert "LOV-2021-06-18-97" in found[1].message


def test_tvf203_quiet_for_laws_in_force(clean: Path) -> None:
    assert findings_of(clean, "TVF203") == []


def test_tvf204_nonstandard_section(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb", {"a.md": doc_text(meta(legal_basis=["opplæringslova § 15.8"]))}
    )
    found = findings_of(root, "TVF204")
    assert len(found) == 1
    assert "15-8" in found[0].message


def test_tvf003_legal_basis_entry_not_understood(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta(legal_basis=[42]))})
    assert codes(run_check(root)) == ["TVF003"]
