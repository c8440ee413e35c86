"""Every git call tvf makes lives here (the only module that imports git).

Git is asked in one pass for the whole handbook, never once per file: a handbook of 10,000
documents must not start 10,000 processes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import git

from .errors import TvfError


@dataclass(frozen=True, slots=True)
class Change:
    """The newest commit that touched a file."""

    date: dt.datetime
    author: str
    subject: str
    commit: str


def repository(path: Path) -> git.Repo | None:
    """The git repository that holds ``path``, or None when it is not in one."""
    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    except git.GitCommandNotFound:
        raise TvfError("Fant ikke git.", hint="Installer git, og kjør tvf i et git-repo.") \
            from None


def is_shallow(repo: git.Repo) -> bool:
    return (Path(repo.git_dir) / "shallow").exists()


_SEP = "\x1f"
_MARK = "\x1e"


def last_changes(root: Path) -> dict[str, Change]:
    """The newest commit of every file under ``root``, keyed by path relative to ``root``.

    One ``git log`` over the folder. Files git does not know are absent; outside a repository
    the result is empty.
    """
    repo = repository(root)
    if repo is None or not repo.head.is_valid():
        return {}
    top = Path(repo.working_tree_dir or root).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    prefix = "" if prefix == "." else f"{prefix}/"
    try:
        out = repo.git.execute([
            "git", "-c", "core.quotepath=off", "log",
            f"--format={_MARK}%H{_SEP}%aI{_SEP}%an{_SEP}%s", "--name-only", "--no-renames",
            "--", root.resolve().as_posix(),
        ])
    except git.GitCommandError as exc:
        raise TvfError(f"git log feilet: {exc.stderr.strip() or exc}",
                       hint="Er dette et git-repo, og er git installert?") from None
    changes: dict[str, Change] = {}
    for record in out.split(_MARK):
        if not record:
            continue
        header, _, files = record.partition("\n")
        sha, date, author, subject = header.split(_SEP, 3)
        change = Change(dt.datetime.fromisoformat(date), author, subject, sha)
        for name in files.splitlines():
            if name and name.startswith(prefix):
                changes.setdefault(name[len(prefix):], change)
    return changes


def init_repository(path: Path) -> None:
    """Make ``path`` a new git repository (``git init``)."""
    try:
        git.Repo.init(path)
    except git.GitCommandError as exc:
        raise TvfError(f"git init feilet i {path}: {exc.stderr.strip() or exc}") from None
    except git.GitCommandNotFound:
        raise TvfError("Fant ikke git.", hint="Installer git, eller bruk --no-git.") from None
