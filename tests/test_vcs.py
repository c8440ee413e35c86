"""The git layer (vcs.py): a corrupt repository is said to be corrupt, never taken for an
empty one or for no repository at all."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import git
from tverrfaglig import vcs
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


# --- last_changes: git asked directly, the same answer as through GitPython --------------------


@pytest.mark.parametrize("where", ["hb", "", "a/b"])
def test_last_changes_directly_is_what_gitpython_gave(git_repo: Path, where: str) -> None:
    root = git_repo / where if where else git_repo
    root.mkdir(parents=True, exist_ok=True)
    outside = git_repo / "utenfor.md"
    files = {
        "prosedyrer/a.md": "a",
        "prosedyrer/bø å.md": "b",
        "tiltak/c d.md": "c",
        "tiltak/«sitat».md": "d",
    }
    for number in range(4):
        for rel, text in files.items():
            if number == 0 or (number + len(rel)) % 2:
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).write_text(f"{text} {number}\n", encoding="utf-8")
        outside.write_text(f"{number}\n", encoding="utf-8")
        git(git_repo, "add", "-A")
        git(git_repo, "commit", "-q", "-m", f"Endring {number}: æøå")
    git(git_repo, "mv", str(root / "tiltak" / "c d.md"), str(root / "tiltak" / "flyttet.md"))
    git(git_repo, "commit", "-q", "-m", "Flyttet")
    direct = vcs.last_changes(root)
    assert direct == vcs._last_changes_through_gitpython(root)
    assert set(direct) >= {"prosedyrer/a.md", "prosedyrer/bø å.md", "tiltak/flyttet.md"}
    assert ("utenfor.md" in direct) == (where == "")


def test_last_changes_outside_a_repository_and_without_commits(tmp_path: Path) -> None:
    assert vcs.last_changes(tmp_path) == {}
    git(tmp_path, "init", "--quiet")
    assert vcs.last_changes(tmp_path) == {}
