"""The engine: discovery, the `[check] ignore` filter, worker processes and
`tvf check --changed-since`."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from tverrfaglig.cli import app

from helpers import (
    TODAY,
    codes,
    doc_text,
    handbook,
    meta,
    run_check,
    valid_number,  # the tests' own generator of synthetic numbers
)

runner = CliRunner()


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


def findings_of(root: Path, code: str):  # type: ignore[no-untyped-def]
    return [f for f in run_check(root).findings if f.code == code]


def test_clean_handbook_has_no_findings(clean: Path) -> None:
    report = run_check(clean)
    assert report.findings == ()
    assert report.documents == 2
    assert report.exit_code() == 0


# --- Discovery ------------------------------------------------------------------------------------


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
    root = handbook(
        tmp_path / "hb",
        {
            "README.md": "# Les meg\n",
            ".utkast/x.md": "ingen front matter",
            "templates/agenda.md": "ingen front matter",
            "utkast/y.md": "ingen front matter",
            "nettverk/README.md": "ingen front matter",
            "a.md": doc_text(meta()),
        },
        toml='[handbook]\ntitle = "T"\nexclude = ["README.md", "utkast/**", "**/README.md"]\n',
    )
    report = run_check(root)
    assert report.findings == ()
    assert report.documents == 1


# --- [check] ignore -------------------------------------------------------------------------------


def test_check_ignore_silences_codes_but_never_personal_data(tmp_path: Path) -> None:
    number = valid_number(1, 1, 90)
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(
                meta(valid_from=dt.date(2018, 1, 1), review_by=dt.date(2020, 1, 1)),
                f"Nummer {number}\n",
            ),
        },
        toml='[handbook]\ntitle = "T"\n[check]\nignore = ["TVF301", "TVF501"]\n',
    )
    assert codes(run_check(root)) == ["TVF501"]


# --- The parallel path gives the same report ------------------------------------------------------


def test_check_path_in_worker_processes_equals_check(tmp_path: Path) -> None:
    from tverrfaglig.checks import check_path

    docs: dict[str, str | bytes] = {}
    for i in range(60):
        refs = [f"IV.7-{(i + 1) % 60}", f"IV.7-{i + 100}" if i % 7 == 0 else "IV.7-0"]
        fields = {
            "references": refs,
            "legal_basis": ["barnevernloven § 3-2"] if i % 5 == 0 else ["hol § 3-4"],
        }
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

    root = handbook(
        tmp_path / "hb", {f"d/{i:03d}.md": doc_text(meta(f"IV.7-{i}")) for i in range(600)}
    )
    calls: list[tuple[int, int]] = []
    check_path(root, today=TODAY, jobs=1, progress=lambda step, total: calls.append((step, total)))
    assert sum(step for step, _ in calls) == 600
    assert {total for _, total in calls} == {600}
    assert len(calls) > 1


# --- tvf check --changed-since --------------------------------------------------------------------


def changed_book(git_repo: Path) -> Path:
    root = handbook(
        git_repo / "hb",
        {
            "a.md": doc_text(meta("IV.7-2", references=["IV.7-3"])),
            "b.md": doc_text(meta("IV.7-3")),
            "c.md": doc_text(meta("IV.7-4", references=["IV.7-99"])),  # an old error (TVF101)
        },
    )
    commit(git_repo, "Første", "2026-01-01")
    git(git_repo, "tag", "base")
    return root


def run_changed(root: Path, rev: str) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(
        app,
        ["check", "-H", str(root), "--changed-since", rev, "-f", "json", "--today", "2026-11-25"],
    )
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def test_changed_since_reports_changed_documents_and_their_referrers(git_repo: Path) -> None:
    root = changed_book(git_repo)
    assert run_changed(root, "base") == (0, [])  # nothing changed: the old error is not shown
    b = root / "b.md"
    b.write_text(b.read_text(encoding="utf-8").replace("IV.7-3", "IV.7-30"), encoding="utf-8")
    commit(git_repo, "Nytt nummer", "2026-02-01")
    status, findings = run_changed(root, "base")
    assert status == 1
    # a.md refers to the old ID of the changed b.md; c.md's old error stays out of the report.
    assert [(f["code"], f["path"]) for f in findings] == [("TVF101", "a.md")]
    whole = runner.invoke(app, ["check", "-H", str(root), "-f", "json", "--today", "2026-11-25"])
    assert {f["path"] for f in json.loads(whole.output)} == {"a.md", "c.md"}


def test_changed_since_counts_uncommitted_and_new_files(git_repo: Path) -> None:
    root = changed_book(git_repo)
    (root / "d.md").write_text(doc_text(meta("IV.7-5", owner=None)), encoding="utf-8")
    status, findings = run_changed(root, "HEAD")
    assert status == 1 and [(f["code"], f["path"]) for f in findings] == [("TVF002", "d.md")]
    result = runner.invoke(
        app, ["check", "-H", str(root), "--changed-since", "HEAD", "--today", "2026-11-25"]
    )
    assert "1 feil i 1 fil (1 dokument sjekket)" in result.output


def test_changed_since_with_changed_settings_reports_everything(git_repo: Path) -> None:
    root = changed_book(git_repo)
    toml = root / "tvf.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'coordinator = "Ny"\n', encoding="utf-8")
    _, findings = run_changed(root, "base")
    assert [f["path"] for f in findings] == ["c.md"]


def test_changed_since_unknown_revision_outside_git_and_shallow(
    git_repo: Path, tmp_path: Path
) -> None:
    root = changed_book(git_repo)
    result = runner.invoke(app, ["check", "-H", str(root), "--changed-since", "nope"])
    assert result.exit_code == 2
    assert "Fant ikke revisjonen «nope»" in result.output
    outside = handbook(tmp_path / "outside", {"a.md": doc_text(meta())})
    result = runner.invoke(app, ["check", "-H", str(outside), "--changed-since", "HEAD"])
    assert result.exit_code == 2 and "krever et git-repo" in result.output

    (root / "b.md").write_text(doc_text(meta("IV.7-3", title="Ny")), encoding="utf-8")
    commit(git_repo, "Andre", "2026-02-01")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{git_repo}", str(shallow))
    result = runner.invoke(
        app,
        [
            "check",
            "-H",
            str(shallow / "hb"),
            "--changed-since",
            git(git_repo, "rev-parse", "base").strip(),
        ],
    )
    assert result.exit_code == 2
    assert "grunn klone (shallow)" in result.output and "fetch-depth: 0" in result.output


def test_a_file_that_cannot_be_read_when_its_turn_comes_is_a_finding(tmp_path: Path) -> None:
    """Listed, then gone (or a folder) when a worker reads it: TVF001 with the reason, as
    read_file says it, with and without the cache; never a traceback."""
    from tverrfaglig.checks import engine
    from tverrfaglig.laws import load_registry

    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta("IV.7-2"))})
    (root / "mappe.md").mkdir()
    laws, _problems = load_registry(root)
    for cached in (False, True):
        work = engine._Work(laws=laws, today=TODAY, extra=None, cached=cached)
        todo = [
            (0, "a.md", root / "a.md", None),
            (1, "borte.md", root / "borte.md", None),
            (2, "mappe.md", root / "mappe.md", None),
        ]
        done = engine._check_chunk(work, todo)
        assert done[0][0] is not None and done[0][0][2] is True  # read and parsed
        for outcome, _made, stat, _digest in done[1:]:
            assert outcome is not None and stat is None
            (finding,) = outcome[0]
            assert finding.code == "TVF001"
            assert "kan ikke leses" in finding.message


def test_read_gives_the_whole_file_and_its_stat(tmp_path: Path) -> None:
    from tverrfaglig.checks.engine import _read

    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 10)
    data, stat = _read(path)
    assert data == b"x" * 10 and stat.st_size == 10
    path.write_bytes(b"y" * 300_000)
    data, stat = _read(path)
    assert data == b"y" * 300_000


def test_the_collector_rests_only_while_the_files_are_checked(tmp_path: Path) -> None:
    import gc

    from tverrfaglig.checks import check_path, engine

    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta("IV.7-2"))})
    states: list[bool] = []
    original = engine._check_chunk

    def spy(work, files):  # type: ignore[no-untyped-def]
        states.append(gc.isenabled())
        return original(work, files)

    engine._check_chunk = spy  # type: ignore[assignment]
    try:
        assert gc.isenabled()
        check_path(root, today=TODAY, jobs=1)
        assert gc.isenabled()  # on again after
        gc.disable()
        check_path(root, today=TODAY, jobs=1)
        assert not gc.isenabled()  # as it was
    finally:
        gc.enable()
        engine._check_chunk = original  # type: ignore[assignment]
    assert states == [False, False]
