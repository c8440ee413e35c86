"""The git layer (vcs.py): a corrupt repository is said to be corrupt, never taken for an
empty one or for no repository at all."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import git
from tverrfaglig.cli import app

from helpers import doc_text, handbook, meta

runner = CliRunner()


@pytest.fixture
def book(git_repo: Path) -> Path:
    root = handbook(git_repo / "hb", {"prosedyrer/a.md": doc_text(meta("IV.7-2"))})
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "Første")
    return root


def _garble_head(repo: Path) -> None:
    (repo / ".git" / "HEAD").write_text("ikke en ref\n", encoding="utf-8")


def _lose_objects(repo: Path) -> None:
    shutil.rmtree(repo / ".git" / "objects")
    (repo / ".git" / "objects").mkdir()


def _garble_objects(repo: Path) -> None:
    for path in (repo / ".git" / "objects").rglob("*"):
        if path.is_file():
            path.chmod(0o644)
            path.write_bytes(b"xx")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "HEAD": _garble_head,
    "objects lost": _lose_objects,
    "objects garbled": _garble_objects,
}
COMMANDS = {
    "history": ["history", "IV.7-2"],
    "outdated": ["outdated", "--today", "2026-11-25"],
    "check --changed-since": ["check", "--changed-since", "HEAD", "--today", "2026-11-25"],
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_corrupt_repository_is_reported(
    book: Path, damage: Callable[[Path], None], command: list[str]
) -> None:
    damage(book.parent)
    result = runner.invoke(app, [*command, "-H", str(book)])
    assert result.exit_code == 2, result.output
    assert "ødelagt" in result.output or "feilet" in result.output, result.output
    assert "Traceback" not in result.output


def test_new_repository_without_commits_is_not_corrupt(git_repo: Path) -> None:
    root = handbook(git_repo / "hb", {"prosedyrer/a.md": doc_text(meta("IV.7-2"))})
    result = runner.invoke(app, ["history", "IV.7-2", "-H", str(root)])
    assert result.exit_code == 0, result.output
    assert "Git-repoet har ingen commits ennå" in result.output


def test_folder_outside_any_repository_is_not_corrupt(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"prosedyrer/a.md": doc_text(meta("IV.7-2"))})
    result = runner.invoke(app, ["outdated", "-H", str(root), "--today", "2026-11-25"])
    assert result.exit_code in (0, 1), result.output
    assert "ødelagt" not in result.output
