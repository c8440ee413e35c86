"""Revision rules (TVF302, TVF103) on files stamped with tvf stamp, in tmp_path and in
real git repositories."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from tverrfaglig.checks import check, check_path
from tverrfaglig.handbook import load_handbook
from tverrfaglig.revisions import stamp

from helpers import TODAY, codes, doc_text, handbook, meta

BY = "Kari Nordmann"


def git(cwd: Path, *args: str, date: str | None = None) -> str:
    env = dict(os.environ)
    if date is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+01:00"
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env
    ).stdout


def commit(repo: Path, message: str, date: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def two_documents(root: Path) -> Path:
    """A references B; both approved, neither stamped by tvf."""
    return handbook(
        root,
        {
            "prosedyrer/a.md": doc_text(meta("IV.7-2", references=["IV.7-3"]), "Se IV.7-3.\n"),
            "vedlegg/b.md": doc_text(meta("IV.7-3", type="attachment")),
        },
    )


def both_checks(root: Path, today: dt.date = TODAY) -> list[str]:
    """The codes from check() and check_path(), which must agree."""
    sequential = check(load_handbook(root), today=today)
    parallel = check_path(root, today=today, jobs=1)
    assert sequential.findings == parallel.findings
    return codes(sequential)


def test_stamp_edit_check_restamp_quiet_then_suspect_reference(git_repo: Path) -> None:
    root = two_documents(git_repo / "hb")
    commit(git_repo, "Første versjon", "2026-01-01")
    assert both_checks(root) == []  # approved without fingerprint: silent (made before tvf)

    stamp(["IV.7-2", "IV.7-3"], root=root, by=BY, today=dt.date(2026, 2, 1), summary="Første")
    commit(git_repo, "Godkjenn", "2026-02-01")
    assert both_checks(root) == []

    a = root / "prosedyrer" / "a.md"
    a.write_text(
        a.read_text(encoding="utf-8").replace("Se IV.7-3.", "Se IV.7-3 og ring."), encoding="utf-8"
    )
    commit(git_repo, "Be folk ringe", "2026-02-10")
    report = check(load_handbook(root), today=TODAY)
    assert codes(report) == ["TVF302"]
    [finding] = report.findings
    assert finding.path == "prosedyrer/a.md"
    assert (
        finding.line
        == list(a.read_text(encoding="utf-8").splitlines()).index(
            next(
                line
                for line in a.read_text(encoding="utf-8").splitlines()
                if line.startswith("fingerprint:")
            )
        )
        + 1
    )
    assert "godkjenn dem med «tvf stamp IV.7-2»" in finding.message

    stamp(["IV.7-2"], root=root, by=BY, today=dt.date(2026, 3, 1))
    assert both_checks(root) == []

    stamp(["IV.7-3"], root=root, by=BY, today=dt.date(2026, 4, 1), summary="Ny frist")
    report = check(load_handbook(root), today=TODAY)
    assert codes(report) == ["TVF103"]
    [finding] = report.findings
    assert finding.path == "prosedyrer/a.md"
    assert finding.line == read_line(a, "- IV.7-3")  # the first reference, reported once
    assert (
        "IV.7-3 «Dokument IV.7-3» ble godkjent på nytt 2026-04-01 (versjon 1.2)" in finding.message
    )
    assert "etter at dette dokumentet ble godkjent 2026-03-01" in finding.message
    assert "godkjenn det på nytt med «tvf stamp IV.7-2»" in finding.message

    stamp(["IV.7-2"], root=root, by=BY, today=dt.date(2026, 4, 2), summary="Lest mot IV.7-3")
    assert both_checks(root) == []


def read_line(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_tvf302_is_reported_on_crlf_checkouts_only_when_content_changed(tmp_path: Path) -> None:
    root = two_documents(tmp_path / "hb")
    stamp(["IV.7-2", "IV.7-3"], root=root, by=BY, summary="x", today=TODAY)
    b = root / "vedlegg" / "b.md"
    b.write_bytes(b.read_bytes().replace(b"\n", b"\r\n"))  # as a Windows checkout would
    assert both_checks(root) == []
    b.write_bytes(b.read_bytes().replace(b"owner: Enhet for oppvekst", b"owner: PPT"))
    assert both_checks(root) == ["TVF302"]


def test_tvf103_only_between_approved_documents_with_dates(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(meta("IV.7-2", references=["IV.7-3", "IV.7-4"])),
            "draft.md": doc_text(meta("IV.7-5", status="draft", references=["IV.7-3"])),
            "b.md": doc_text(meta("IV.7-3", valid_from=dt.date(2026, 6, 1))),
            "c.md": doc_text(meta("IV.7-4", status="draft", valid_from=dt.date(2026, 6, 1))),
        },
    )
    report = check(load_handbook(root), today=TODAY)
    assert [(f.code, f.path) for f in report.findings] == [("TVF103", "a.md")]


def test_tvf103_uses_the_last_changes_entry_when_it_is_later(tmp_path: Path) -> None:
    changes = [{"version": "1.0", "date": dt.date(2026, 8, 1), "by": "X", "summary": "Y"}]
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(meta("IV.7-2", references=["IV.7-3"], valid_from=dt.date(2026, 7, 1))),
            "b.md": doc_text(meta("IV.7-3", changes=changes)),
        },
    )
    assert both_checks(root) == ["TVF103"]
