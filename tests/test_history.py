"""tvf history: the git history of one file merged with its change log."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.revisions import history, stamp

from helpers import doc_text, handbook, meta

runner = CliRunner()
BY = "Kari Nordmann"


def commit(repo: Path, message: str, when: str, author: str = "Test Koordinator") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for args in (
        ["add", "-A"],
        ["commit", "-q", "-m", message, "--author", f"{author} <a@example.invalid>"],
    ):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@pytest.fixture
def book(git_repo: Path) -> Path:
    root = handbook(git_repo / "hb", {"prosedyrer/a.md": doc_text(meta("IV.7-2"), "Tekst.\n")})
    commit(git_repo, "Legg inn rutinen", "2026-01-10T09:00:00+01:00")
    stamp(["IV.7-2"], root=root, by=BY, today=dt.date(2026, 2, 1), summary="Godkjent i forum")
    commit(git_repo, "Godkjenn IV.7-2", "2026-02-01T15:00:00+01:00", author="Ola Leder")
    path = root / "prosedyrer" / "a.md"
    path.write_text(path.read_text(encoding="utf-8") + "Mer.\n", encoding="utf-8")
    commit(git_repo, "Ny frist", "2026-03-05T10:30:00+01:00")
    return root


def test_history_merges_commits_and_changes_newest_first(book: Path) -> None:
    result = history(book, "IV.7-2")
    assert result.git == "ok" and not result.shallow
    assert [(e.date.isoformat(), e.kind, e.author, e.text, e.version) for e in result.entries] == [
        ("2026-03-05", "commit", "Test Koordinator", "Ny frist", None),
        ("2026-02-01", "stamp", BY, "Godkjent i forum", "1.1"),
        ("2026-02-01", "commit", "Ola Leder", "Godkjenn IV.7-2", None),
        ("2026-01-10", "commit", "Test Koordinator", "Legg inn rutinen", None),
    ]
    assert all(len(e.commit or "") == 40 for e in result.entries if e.kind == "commit")


def test_history_table(book: Path) -> None:
    result = runner.invoke(app, ["history", "IV.7-2", "-H", str(book)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "IV.7-2  Dokument IV.7-2"
    assert lines[1] == "prosedyrer/a.md"
    header = next(line for line in lines if "Dato" in line)
    for column in ("Dato", "Hva", "Versjon", "Av", "Beskrivelse", "Commit"):
        assert column in header
    rows = [line for line in lines if line.startswith("│ 20")]
    assert "godkjent" in rows[1] and "1.1" in rows[1] and "Godkjent i forum" in rows[1]
    assert "endret" in rows[0] and "Ny frist" in rows[0]


def test_history_json(book: Path) -> None:
    result = runner.invoke(app, ["history", "prosedyrer/a.md", "-H", str(book), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["id"] == "IV.7-2" and data["path"] == "prosedyrer/a.md" and data["git"] == "ok"
    first, second = data["entries"][:2]
    assert first["kind"] == "commit" and first["time"] == "2026-03-05T10:30:00+01:00"
    assert first["text"] == "Ny frist" and len(first["commit"]) == 40
    assert second == {
        "kind": "stamp",
        "date": "2026-02-01",
        "time": None,
        "author": BY,
        "text": "Godkjent i forum",
        "version": "1.1",
        "commit": None,
    }


def test_history_is_one_git_log_call_and_follows_renames(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = book.parent
    (book / "arkiv").mkdir()
    subprocess.run(["git", "mv", "hb/prosedyrer/a.md", "hb/arkiv/a.md"], cwd=repo, check=True)
    commit(repo, "Flytt rutinen", "2026-04-01T08:00:00+01:00")
    trace = tmp_path / "trace.txt"
    monkeypatch.setenv("GIT_TRACE", str(trace))  # git writes every command it runs here
    result = history(book, "IV.7-2")
    logs = [
        line
        for line in trace.read_text(encoding="utf-8").splitlines()
        if "built-in: git log" in line or "built-in: git 'log'" in line
    ]
    assert len(logs) == 1, logs
    assert "--follow" in logs[0]
    assert [e.text for e in result.entries if e.kind == "commit"] == [
        "Flytt rutinen",
        "Ny frist",
        "Godkjenn IV.7-2",
        "Legg inn rutinen",
    ]


def test_outside_git_history_says_so_and_shows_the_change_log(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta("IV.7-2"))})
    stamp(["IV.7-2"], root=root, by=BY, today=dt.date(2026, 2, 1), summary="Første")
    result = runner.invoke(app, ["history", "IV.7-2", "-H", str(root)])
    assert result.exit_code == 0, result.output
    assert "Håndboka ligger ikke i et git-repo, så det finnes ingen git-historikk" in result.output
    assert "Første" in result.output
    data = json.loads(
        runner.invoke(app, ["history", "IV.7-2", "-H", str(root), "-f", "json"]).output
    )
    assert data["git"] == "no-repository" and [e["kind"] for e in data["entries"]] == ["stamp"]


def test_repository_without_commits_and_untracked_files(git_repo: Path) -> None:
    root = handbook(
        git_repo / "hb", {"a.md": doc_text(meta("IV.7-2")), "b.md": doc_text(meta("IV.7-3"))}
    )
    result = runner.invoke(app, ["history", "IV.7-2", "-H", str(root)])
    assert "Git-repoet har ingen commits ennå" in result.output
    assert "Ingen historikk" in result.output
    subprocess.run(["git", "add", "hb/tvf.toml", "hb/a.md"], cwd=git_repo, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "Første"], cwd=git_repo, check=True)
    assert history(root, "IV.7-2").git == "ok"
    result = runner.invoke(app, ["history", "IV.7-3", "-H", str(root)])
    assert "Filen er ikke committet i git ennå" in result.output


def test_shallow_clone_is_pointed_out(book: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{book.parent}", str(clone)], check=True
    )
    result = runner.invoke(app, ["history", "IV.7-2", "-H", str(clone / "hb")])
    assert result.exit_code == 0, result.output
    assert "grunn klone (shallow)" in result.output
    assert history(clone / "hb", "IV.7-2").shallow


def test_unknown_document(book: Path) -> None:
    result = runner.invoke(app, ["history", "IV.7-99", "-H", str(book)])
    assert result.exit_code == 2
    assert "Fant ikke dokumentet «IV.7-99»" in result.output
