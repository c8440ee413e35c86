"""Every check code fires where it should and stays quiet where it should not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tverrfaglig.findings import Severity

from helpers import (
    TODAY,
    codes,
    doc_text,
    handbook,
    meta,
    run_check,
    valid_number,  # the tests' own generator of synthetic numbers
)


def findings_of(root: Path, code: str):  # type: ignore[no-untyped-def]
    return [f for f in run_check(root).findings if f.code == code]


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return handbook(tmp_path / "hb", {
        "prosedyrer/a.md": doc_text(meta("IV.7-2", references=["IV.7.1-5"],
                                         legal_basis=["barnehageloven § 2 b"]),
                                    "Se IV.7.1-5 og helse- og omsorgstjenesteloven § 3-4.\n"),
        "vedlegg/b.md": doc_text(meta("IV.7.1-5", type="attachment")),
    })


def test_clean_handbook_has_no_findings(clean: Path) -> None:
    report = run_check(clean)
    assert report.findings == ()
    assert report.documents == 2
    assert report.exit_code() == 0


# --- TVF001 ---------------------------------------------------------------------------------


def test_tvf001_fires_for_broken_files_and_does_not_hide_others(clean: Path) -> None:
    handbook(clean, {
        "tom.md": "",
        "liste.md": "---\n- a\n---\n",
        "yaml.md": "---\nid: IV.7-9\ntitle: [\n---\n",
        "latin1.md": b"---\ntitle: bl\xe5\n---\n",
        "ref.md": doc_text(meta("IV.7-3", references=["IV.7-404"])),
    })
    report = run_check(clean)
    by_path = {f.path: f.code for f in report.findings}
    assert by_path == {"tom.md": "TVF001", "liste.md": "TVF001", "yaml.md": "TVF001",
                       "latin1.md": "TVF001", "ref.md": "TVF101"}
    assert report.exit_code() == 1


def test_tvf001_symlink_out_of_the_handbook_is_not_followed(clean: Path, tmp_path: Path) -> None:
    outside = tmp_path / "hemmelig.md"
    outside.write_text(doc_text(meta("IV.7-77")), encoding="utf-8")
    (clean / "lenke.md").symlink_to(outside)
    (clean / "mappe").symlink_to(tmp_path, target_is_directory=True)
    found = findings_of(clean, "TVF001")
    assert {f.path for f in found} == {"lenke.md", "mappe"}
    assert all("lenke ut av håndboka" in f.message for f in found)


def test_symlink_inside_the_handbook_is_read(clean: Path) -> None:
    (clean / "alias.md").symlink_to(clean / "vedlegg" / "b.md")
    assert codes(run_check(clean)) == ["TVF005"]  # the same document twice


def test_hidden_templates_and_excluded_files_are_not_documents(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {
        "README.md": "# Les meg\n",
        ".utkast/x.md": "ingen front matter",
        "templates/agenda.md": "ingen front matter",
        "utkast/y.md": "ingen front matter",
        "nettverk/README.md": "ingen front matter",
        "a.md": doc_text(meta()),
    }, toml='[handbook]\ntitle = "T"\nexclude = ["README.md", "utkast/**", "**/README.md"]\n')
    report = run_check(root)
    assert report.findings == ()
    assert report.documents == 1


# --- TVF002 / TVF003 / TVF004 -----------------------------------------------------------------


@pytest.mark.parametrize(("fields", "missing"), [
    ({"title": None}, "title"),
    ({"owner": None}, "owner"),
    ({"version": None}, "version"),
    ({"approved_by": None}, "approved_by"),
    ({"review_by": None}, "review_by"),
])
def test_tvf002_required_field_missing(tmp_path: Path, fields: dict[str, None],
                                       missing: str) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta(**fields))})
    found = findings_of(root, "TVF002")
    assert len(found) == 1
    assert missing in found[0].message


def test_tvf002_quiet_for_draft_without_approval_fields(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta(
        status="draft", approved_by=None, valid_from=None, review_by=None))})
    assert run_check(root).findings == ()


def test_tvf003_wrong_forms_point_at_their_lines(tmp_path: Path) -> None:
    text = ("---\nid: IV.7-2\ntitle: T\ntype: procedure\nstatus: godkjent\nversion: 1.0\n"
            "owner: O\napproved_by: A\nvalid_from: 1. mars 2026\nreview_by: 2026-13-45\n---\n")
    root = handbook(tmp_path / "hb", {"a.md": text})
    found = {f.line: f.message for f in findings_of(root, "TVF003")}
    assert set(found) == {5, 6, 9, 10}
    assert "anførselstegn" in found[6]
    assert "ÅÅÅÅ-MM-DD" in found[9]


def test_tvf003_unknown_type_and_quoted_iso_date_is_fine(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {
        "a.md": doc_text(meta(type="rutine")),
        "b.md": doc_text(meta("IV.7-3", valid_from="2026-01-01")),
    })
    assert [(f.code, f.path) for f in run_check(root).findings] == [("TVF003", "a.md")]


def test_tvf004_bad_id_and_bad_reference(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {
        "a.md": doc_text(meta("4.7-2")),
        "b.md": doc_text(meta("IV.7-3", references=["se IV.7-2"])),
    })
    assert {(f.path, f.line) for f in findings_of(root, "TVF004")} == {("a.md", 2), ("b.md", 12)}


# --- TVF005 ------------------------------------------------------------------------------


def test_tvf005_duplicates(tmp_path: Path) -> None:
    network = {"type": "network", "title": "N", "leader": {
        "name": "Kari Nordmann", "role": "Rektor", "term_start": dt.date(2026, 8, 1),
        "term_end": dt.date(2027, 7, 31)}}
    root = handbook(tmp_path / "hb", {
        "a.md": doc_text(meta("IV.7-2")),
        "b.md": doc_text(meta("IV.7-2")),
        "t1.md": doc_text(meta("IV.7.1-11", type="measure", code="V01")),
        "t2.md": doc_text(meta("IV.7.1-12", type="measure", code="V01")),
        "n1.md": doc_text({"id": "sentrum", **network}),
        "n2.md": doc_text({"id": "sentrum", **network}),
    })
    found = {f.path: f.message for f in findings_of(root, "TVF005")}
    assert set(found) == {"b.md", "t2.md", "n2.md"}
    assert "a.md" in found["b.md"]


def test_tvf005_quiet_when_ids_are_unique(clean: Path) -> None:
    assert findings_of(clean, "TVF005") == []


# --- TVF101 / TVF102 ----------------------------------------------------------------------


def test_tvf101_missing_reference_in_front_matter_and_body(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {
        "a.md": doc_text(meta(references=["IV.7-404"]), "Linje\nse V.3.4-9\n"),
    })
    found = findings_of(root, "TVF101")
    assert [(f.line, f.severity) for f in found] == [(12, Severity.ERROR), (15, Severity.ERROR)]
    assert "IV.7-404" in found[0].message


def test_tvf101_own_id_in_body_is_not_a_reference(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta(), "# IV.7-2 Tittel\n")})
    assert run_check(root).findings == ()


def test_tvf101_meeting_of_unknown_network(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"m.md": doc_text(
        {"type": "minutes", "network": "sentrum", "date": dt.date(2026, 9, 1)})})
    assert codes(run_check(root)) == ["TVF101"]


def test_tvf102_reference_to_retired_document(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {
        "a.md": doc_text(meta(references=["IV.7-3"])),
        "b.md": doc_text(meta("IV.7-3", status="retired")),
        "c.md": doc_text(meta("IV.7-4", status="retired", references=["IV.7-3"])),
    })
    found = findings_of(root, "TVF102")
    assert [(f.path, f.severity) for f in found] == [("a.md", Severity.WARNING)]


# --- TVF201–TVF204 ------------------------------------------------------------------------


def test_tvf201_unknown_law_in_legal_basis_and_body(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(
        meta(legal_basis=["tullelova § 3"]), "Etter fantasiloven § 12 skal vi …\n")})
    found = findings_of(root, "TVF201")
    assert len(found) == 2
    assert {f.line for f in found} == {12, 14}


def test_tvf202_section_the_registry_says_does_not_exist(tmp_path: Path) -> None:
    laws = "- id: LOV-2005-06-17-64\n  sections: ['1', '2', '2a', '2b']\n"
    root = handbook(tmp_path / "hb", {
        "laws.yaml": laws,
        "a.md": doc_text(meta(legal_basis=["barnehageloven § 2 b", "barnehageloven § 99"])),
    })
    found = findings_of(root, "TVF202")
    assert len(found) == 1
    assert "99" in found[0].message


def test_tvf203_repealed_law_names_its_replacement(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(
        meta(legal_basis=["LOV-1998-07-17-61 § 15-8"]), "Jf. barnevernloven § 3-2.\n")})
    found = findings_of(root, "TVF203")
    assert [f.severity for f in found] == [Severity.WARNING, Severity.WARNING]
    assert "LOV-2023-06-09-30" in found[0].message
    assert "LOV-2021-06-18-97" in found[1].message


def test_tvf203_quiet_for_laws_in_force(clean: Path) -> None:
    assert findings_of(clean, "TVF203") == []


def test_tvf204_nonstandard_section(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb",
                    {"a.md": doc_text(meta(legal_basis=["opplæringslova § 15.8"]))})
    found = findings_of(root, "TVF204")
    assert len(found) == 1
    assert "15-8" in found[0].message


def test_tvf003_legal_basis_entry_not_understood(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta(legal_basis=[42]))})
    assert codes(run_check(root)) == ["TVF003"]


# --- TVF301 -------------------------------------------------------------------------------


def test_tvf301_review_date_passed(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {
        "a.md": doc_text(meta(review_by=dt.date(2026, 11, 24))),
        "b.md": doc_text(meta("IV.7-3", review_by=TODAY)),
        "c.md": doc_text(meta("IV.7-4", status="retired", review_by=dt.date(2020, 1, 1))),
    })
    found = findings_of(root, "TVF301")
    assert [(f.path, f.severity) for f in found] == [("a.md", Severity.WARNING)]


def test_check_ignore_silences_codes_but_never_personal_data(tmp_path: Path) -> None:
    number = valid_number(1, 1, 90)
    root = handbook(tmp_path / "hb", {
        "a.md": doc_text(meta(valid_from=dt.date(2018, 1, 1), review_by=dt.date(2020, 1, 1)),
                         f"Nummer {number}\n"),
    }, toml='[handbook]\ntitle = "T"\n[check]\nignore = ["TVF301", "TVF501"]\n')
    assert codes(run_check(root)) == ["TVF501"]


# --- TVF501 -------------------------------------------------------------------------------


def test_tvf501_finds_and_masks_a_national_id(tmp_path: Path) -> None:
    number = valid_number(14, 3, 15)
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    root = handbook(tmp_path / "hb", {
        "a.md": doc_text(meta(), f"Linje én\nBarnet {number} ble meldt.\nIkke {wrong}.\n"),
    })
    report = run_check(root)
    assert [(f.code, f.line) for f in report.findings] == [("TVF501", 13)]
    assert number not in report.findings[0].message
    assert number[2:] not in report.findings[0].message


# --- The parallel path gives the same report -----------------------------------------------


def test_check_path_in_worker_processes_equals_check(tmp_path: Path) -> None:
    from tverrfaglig.checks import check_path

    docs: dict[str, str | bytes] = {}
    for i in range(60):
        refs = [f"IV.7-{(i + 1) % 60}", f"IV.7-{i + 100}" if i % 7 == 0 else "IV.7-0"]
        fields = {"references": refs, "legal_basis": ["barnevernloven § 3-2"] if i % 5 == 0
                  else ["hol § 3-4"]}
        if i % 11 == 0:
            fields["version"] = 2.0
        docs[f"d/{i:03d}.md"] = doc_text(meta(f"IV.7-{i}", **fields), f"Se IV.7-{i + 200}.\n")
    docs["d/dup.md"] = doc_text(meta("IV.7-3"))
    docs["d/broken.md"] = "---\n: [\n---\n"
    root = handbook(tmp_path / "hb", docs)
    sequential = run_check(root)
    parallel = check_path(root, today=TODAY, jobs=2)
    assert parallel == sequential
    assert {"TVF001", "TVF003", "TVF005", "TVF101", "TVF203"} <= set(codes(parallel))


def test_check_path_reports_progress_per_batch(tmp_path: Path) -> None:
    from tverrfaglig.checks import check_path

    root = handbook(tmp_path / "hb", {f"d/{i:03d}.md": doc_text(meta(f"IV.7-{i}"))
                                      for i in range(600)})
    calls: list[tuple[int, int]] = []
    check_path(root, today=TODAY, jobs=1, progress=lambda step, total: calls.append((step, total)))
    assert sum(step for step, _ in calls) == 600
    assert {total for _, total in calls} == {600}
    assert len(calls) > 1
