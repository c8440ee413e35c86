"""Every git call tvf makes lives here (the only module that imports git).

Git is asked in one pass for the whole handbook, never once per file: a handbook of 10,000
documents must not start 10,000 processes. Commands about one named document (``tvf stamp``,
``tvf history``) make one call per document they are given.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import TvfError
from .i18n import _

if TYPE_CHECKING:
    import git  # GitPython is imported where it is used: it takes longer than a warm report


@dataclass(frozen=True, slots=True)
class Change:
    """A commit that touched a file (for :func:`last_changes`, the newest one)."""

    date: dt.datetime
    author: str
    subject: str
    commit: str


def repository(path: Path) -> git.Repo | None:
    """The git repository that holds ``path``, or None when it is not in one. A ``.git`` that
    git cannot open is a :class:`TvfError`, never taken for "no repository"."""
    import git

    try:
        return git.Repo(path, search_parent_directories=True)
    except git.NoSuchPathError:
        return None
    except git.InvalidGitRepositoryError:
        marker = next(
            (
                folder / ".git"
                for folder in (path.absolute(), *path.absolute().parents)
                if (folder / ".git").exists()
            ),
            None,
        )
        if marker is None:
            return None
        raise _corrupt(marker.parent) from None
    except git.GitCommandNotFound:
        raise TvfError(
            _("Fant ikke git."), hint=_("Installer git, og kjør tvf i et git-repo.")
        ) from None


def _corrupt(folder: Path) -> TvfError:
    return TvfError(
        _("Git-repoet i {folder} er ødelagt, så tvf kan ikke lese historikken.").format(
            folder=folder
        ),
        hint=_(
            "Kjør «git fsck» der for å se hva som er galt, eller hent repoet på nytt med git clone."
        ),
    )


def has_commits(repo: git.Repo) -> bool:
    """Whether HEAD names a commit: False in a new repository without commits; a
    :class:`TvfError` when HEAD or its branch names a commit git cannot read (a corrupt
    repository is never taken for an empty one)."""
    if repo.head.is_valid():
        return True
    git_dir = Path(repo.git_dir)
    if not repo.head.is_detached:
        ref = repo.head.reference.path
        packed = git_dir / "packed-refs"
        recorded = (git_dir / ref).exists() or (
            packed.exists() and f" {ref}\n" in packed.read_text(encoding="utf-8", errors="replace")
        )
        if not recorded:
            return False
    raise _corrupt(Path(repo.working_tree_dir or git_dir))


def is_shallow(repo: git.Repo) -> bool:
    return (Path(repo.git_dir) / "shallow").exists()


_SEP = "\x1f"
_MARK = "\x1e"


@dataclass(frozen=True, slots=True)
class Head:
    """The commit HEAD names, and whether the repository is a shallow clone."""

    commit: str
    shallow: bool


def head(path: Path) -> Head | None:
    """HEAD of the repository that holds the folder ``path``, from one ``git rev-parse`` (a few
    milliseconds, without GitPython). None when git cannot say: no repository, no commits, a
    corrupt one, no git; :func:`repository` and :func:`has_commits` then say which."""
    try:
        done = subprocess.run(
            [
                "git",
                "rev-parse",
                "--is-shallow-repository",
                "--verify",
                "--quiet",
                "HEAD^{commit}",
            ],
            cwd=path,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except (OSError, ValueError):
        return None
    lines = done.stdout.split()
    if done.returncode != 0 or len(lines) != 2 or lines[0] not in ("true", "false"):
        return None
    if not re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", lines[1]):
        return None
    return Head(lines[1], lines[0] == "true")


def last_changes(root: Path) -> dict[str, Change]:
    """The newest commit of every file under ``root``, keyed by path relative to ``root``.

    One ``git log`` over the folder, run directly (without GitPython, whose import alone takes
    about 90 ms); when that fails (no repository, no commits, a corrupt one, no git) the way
    through GitPython says which. Files git does not know are absent; outside a repository the
    result is empty.
    """
    try:
        done = subprocess.run(
            # names relative to ``root``, as the way below makes them
            _last_log("--relative", "--", "."),
            cwd=root,
            capture_output=True,
            check=False,
        )
    except (OSError, ValueError):
        done = None
    if done is not None and done.returncode == 0:
        return _changes(done.stdout.decode("utf-8", "surrogateescape"), "")
    return _last_changes_through_gitpython(root)


def _last_log(*args: str) -> list[str]:
    """The ``git log`` command of :func:`last_changes`, with ``args`` at the end."""
    return [
        "git",
        "-c",
        "core.quotepath=off",
        "log",
        _LAST_FORMAT,
        "--name-only",
        "--no-renames",
        *args,
    ]


_LAST_FORMAT = f"--format={_MARK}%H{_SEP}%aI{_SEP}%an{_SEP}%s"


def _last_changes_through_gitpython(root: Path) -> dict[str, Change]:
    import git

    repo = repository(root)
    if repo is None or not has_commits(repo):
        return {}
    top = Path(repo.working_tree_dir or root).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    prefix = "" if prefix == "." else f"{prefix}/"
    try:
        out = repo.git.execute(_last_log("--", root.resolve().as_posix()))
    except git.GitCommandError as exc:
        raise TvfError(
            _("git log feilet: {problem}").format(problem=exc.stderr.strip() or exc),
            hint=_("Er dette et git-repo, og er git installert?"),
        ) from None
    return _changes(out, prefix)


def _changes(out: str, prefix: str) -> dict[str, Change]:
    """The newest commit of each file in the output of :func:`last_changes`' ``git log``, for
    the names under ``prefix`` (without it)."""
    changes: dict[str, Change] = {}
    for record in out.split(_MARK):
        if not record:
            continue
        header, _sep, files = record.partition("\n")
        sha, date, author, subject = header.split(_SEP, 3)
        change = Change(dt.datetime.fromisoformat(date), author, subject, sha)
        if prefix:
            for name in files.splitlines():
                if name and name.startswith(prefix):
                    changes.setdefault(name[len(prefix) :], change)
        else:
            for name in files.splitlines():
                if name:
                    changes.setdefault(name, change)
    return changes


def init_repository(path: Path) -> None:
    """Make ``path`` a new git repository (``git init``)."""
    import git

    try:
        git.Repo.init(path)
    except git.GitCommandError as exc:
        raise TvfError(
            _("git init feilet i {path}: {problem}").format(
                path=path, problem=exc.stderr.strip() or exc
            )
        ) from None
    except git.GitCommandNotFound:
        raise TvfError(_("Fant ikke git."), hint=_("Installer git, eller bruk --no-git.")) from None


# --- Revisions (tvf stamp, tvf history, tvf check --changed-since) ---------------------------

_LOG_FORMAT = f"--format={_MARK}%H{_SEP}%aI{_SEP}%an{_SEP}%s"
# A line a stamp adds to a file: the commits that add one are approvals, not edits.
_STAMP_LINE = re.compile(r"^\+\s*fingerprint\s*:", re.M)


def _git(repo: git.Repo, *args: str) -> str:
    import git

    try:
        return str(repo.git.execute(["git", "-c", "core.quotepath=off", *args]))
    except git.GitCommandError as exc:
        stderr = exc.stderr.strip() if isinstance(exc.stderr, str) else ""
        raise TvfError(
            _("git {command} feilet: {problem}").format(command=args[0], problem=stderr or exc),
            hint=_("Er dette et git-repo, og er git installert?"),
        ) from None


def _relative(repo: git.Repo, path: Path) -> str:
    top = Path(repo.working_tree_dir or path).resolve()
    return path.resolve().relative_to(top).as_posix()


def _parse_log(out: str) -> list[tuple[Change, str]]:
    """Commits from ``git log`` with :data:`_LOG_FORMAT` (newest first, git's order), each with
    the text git printed after its header (the patch, when asked for)."""
    changes = []
    for record in out.split(_MARK):
        if not record.strip():
            continue
        header, _sep, patch = record.partition("\n")
        sha, date, author, subject = header.split(_SEP, 3)
        changes.append((Change(dt.datetime.fromisoformat(date), author, subject, sha), patch))
    return changes


def user_name(path: Path) -> str | None:
    """git's ``user.name`` as seen from ``path`` (a folder), or None when it is not set."""
    import git

    try:
        name = git.Git(str(path)).execute(["git", "config", "--get", "user.name"])
    except (git.GitCommandError, git.GitCommandNotFound):
        return None
    name = str(name).strip()
    return name or None


def commits_since(path: Path, since: dt.date | None) -> list[Change]:
    """The commits that changed the file ``path`` since its last stamp, oldest first.

    One ``git log --follow`` for the file, from the start of the day ``since`` (the date of the
    last ``changes`` entry; all history when None), merges left out. A commit that adds a
    ``fingerprint:`` line recorded a stamp: it and the commits before it are left out too, so
    edits made earlier on the day of the last stamp do not count twice. Empty outside git.
    """
    repo = repository(path.parent)
    if repo is None or not has_commits(repo):
        return []
    args = [
        "log",
        "--follow",
        "--no-merges",
        _LOG_FORMAT,
        "--patch",
        "--unified=0",
        "--no-color",
        "--no-ext-diff",
    ]
    if since is not None:
        args.append(f"--since={since.isoformat()} 00:00:00")
    out = _git(repo, *args, "--", _relative(repo, path))
    since_stamp: list[Change] = []
    for change, patch in reversed(_parse_log(out)):
        if _STAMP_LINE.search(patch):
            since_stamp.clear()
        else:
            since_stamp.append(change)
    return since_stamp


@dataclass(frozen=True, slots=True)
class FileHistory:
    """The commits of one file, newest first. ``state`` says why there may be none:
    ``ok``, ``no-repository`` (not in git), ``no-commits`` (a repository without commits) or
    ``untracked`` (git has no commit of this file)."""

    state: str
    commits: tuple[Change, ...] = ()
    shallow: bool = False


def file_history(path: Path) -> FileHistory:
    """The git history of one file in ONE ``git log --follow`` call."""
    repo = repository(path.parent)
    if repo is None:
        return FileHistory("no-repository")
    if not has_commits(repo):
        return FileHistory("no-commits", shallow=is_shallow(repo))
    out = _git(repo, "log", "--follow", _LOG_FORMAT, "--", _relative(repo, path))
    commits = tuple(change for change, _patch in _parse_log(out))
    return FileHistory("ok" if commits else "untracked", commits, is_shallow(repo))


@dataclass(frozen=True, slots=True)
class ChangedFiles:
    """The files under a handbook root that differ from a revision (paths relative to the
    root), and the old bytes of the changed Markdown files that existed at that revision."""

    base: str
    paths: frozenset[str]
    previous: dict[str, bytes]


def changed_files(root: Path, rev: str) -> ChangedFiles:
    """Files under ``root`` changed since ``rev``: committed, staged, unstaged and untracked.

    When ``rev`` and HEAD have diverged (a pull request against a branch that moved on), the
    comparison starts at their merge base, so only this side's changes count.
    """
    import git

    repo = repository(root)
    if repo is None:
        raise TvfError(
            _("--changed-since krever et git-repo, men håndboka ligger ikke i et."),
            hint=_("Kjør tvf check uten --changed-since."),
        )
    head = has_commits(repo)  # a corrupt repository is said before "no such revision"
    if rev.startswith("-"):
        raise TvfError(
            _("«{rev}» er ikke en git-revisjon.").format(rev=rev),
            hint=_("Oppgi en commit, en gren eller en tag (f.eks. origin/main)."),
        )
    try:
        base = str(repo.git.rev_parse("--verify", "--quiet", f"{rev}^{{commit}}")).strip()
    except git.GitCommandError:
        hint = (
            _(
                "Repoet er en grunn klone (shallow), så eldre commits mangler: hent dem med "
                "«git fetch --unshallow», eller bruk fetch-depth: 0 i actions/checkout."
            )
            if is_shallow(repo)
            else _("Oppgi en commit, en gren eller en tag som finnes (f.eks. origin/main).")
        )
        raise TvfError(
            _("Fant ikke revisjonen «{rev}» i git-repoet.").format(rev=rev), hint=hint
        ) from None
    if head:
        # No common ancestor (or it is cut off in a shallow clone): compare with rev itself.
        with contextlib.suppress(git.GitCommandError):
            base = str(repo.git.merge_base(base, "HEAD")).strip() or base
    prefix = _relative(repo, root)
    prefix = "" if prefix == "." else f"{prefix}/"
    scope = root.resolve().as_posix()
    diff = _git(repo, "diff", "--name-only", "--no-renames", "-z", base, "--", scope)
    untracked = _git(repo, "ls-files", "--others", "--exclude-standard", "-z", "--", scope)
    names = {n for n in (diff + "\0" + untracked).split("\0") if n.startswith(prefix)}
    tree = repo.commit(base).tree
    previous: dict[str, bytes] = {}
    for name in sorted(names):
        if not name.endswith(".md"):
            continue
        try:
            blob = tree / name
        except KeyError:
            continue  # new since rev
        if isinstance(blob, git.Blob):
            previous[name[len(prefix) :]] = blob.data_stream.read()
    return ChangedFiles(base, frozenset(n[len(prefix) :] for n in names), previous)
