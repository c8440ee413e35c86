"""tvf outdated's cache (outdated_cache.py, beside tvf check's): the report is the same with it
and without it, cold, warm and after every kind of change (a document, a commit, a reset, a
shallow clone); a cache that cannot be trusted is not; --no-cache leaves it alone.

Real git repositories and real files; git's own answer is counted, never faked.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checks.test_registry import FIRING
from tverrfaglig import outdated_cache, vcs, workers
from tverrfaglig.checks import cache as check_cache
from tverrfaglig.cli import app
from tverrfaglig.outdated import outdated

from helpers import TODAY, build_tree, doc_text, handbook, meta

runner = CliRunner()
HOUR_AGO = time.time() - 3600


def commit(repo: Path, message: str, date: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{date}T12:00:00+01:00",
        "GIT_COMMITTER_DATE": f"{date}T12:00:00+01:00",
    }
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def git_out(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def age(root: Path) -> None:
    """Make every file look written an hour ago (older than the racy window of the cache)."""
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts and ".tvf-cache" not in path.parts:
            os.utime(path, (HOUR_AGO, HOUR_AGO))


def as_json(root: Path, *args: str) -> dict[str, object]:
    result = runner.invoke(
        app,
        ["outdated", "-H", str(root), "--today", TODAY.isoformat(), "--format", "json", *args],
    )
    assert result.exit_code in (0, 1), result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def same_with_and_without(root: Path) -> dict[str, object]:
    """The report with the cache (filling or using it) is the report without it."""
    expected = as_json(root, "--no-cache")
    assert as_json(root) == expected
    return expected


class GitLogs:
    """How many times tvf ran the whole-handbook ``git log`` (the real one)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = vcs.last_changes

        def counting(root: Path) -> dict[str, vcs.Change]:
            self.calls += 1
            return real(root)

        monkeypatch.setattr(vcs, "last_changes", counting)


@pytest.fixture
def book(git_repo: Path) -> Path:
    """hb/ in a git repository: one document committed in 2023 (stale), one in 2026."""
    root = handbook(
        git_repo / "hb",
        {
            "prosedyrer/gammel.md": doc_text(
                meta("IV.7-1", title="Gammel", valid_from=dt.date(2023, 5, 1))
            ),
        },
    )
    commit(git_repo, "Første", "2023-05-01")
    build_tree(
        root,
        {
            "prosedyrer/ny.md": doc_text(
                meta("IV.7-2", title="Ny", owner="Rektor", review_by=dt.date(2027, 6, 1))
            )
        },
    )
    commit(git_repo, "Andre", "2026-09-01")
    return root


def items(data: dict[str, object]) -> list[tuple[str, str]]:
    listed = data["items"]
    assert isinstance(listed, list)
    return [(i["kind"], i["path"]) for i in listed]


# --- The same report ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(FIRING))
def test_the_report_is_the_same_with_the_cache_for_every_check_code(
    code: str, git_repo: Path
) -> None:
    root = handbook(git_repo / "hb", FIRING[code]())
    commit(git_repo, "Håndboka", "2024-01-15")
    age(root)
    cold = same_with_and_without(root)
    assert as_json(root) == cold  # warm: everything from the cache
    assert (
        outdated(root, today=TODAY, cache=True).as_json()
        == outdated(root, today=TODAY, cache=False).as_json()
    )


def test_outdated_after_tvf_check_reads_only_what_it_lacks(book: Path) -> None:
    """tvf check filled its cache; outdated's own is empty: the same report, then warm."""
    age(book)
    expected = as_json(book, "--no-cache")
    assert runner.invoke(app, ["check", "-H", str(book), "--today", "2026-11-25"]).exit_code == 0
    assert not outdated_cache.outdated_folder(book).exists()
    assert as_json(book) == expected
    kept = outdated_cache.open_outdated_cache(
        book, check_cache.salt(book, today=TODAY, language="nb")
    )
    assert sorted(kept.docs) == ["prosedyrer/gammel.md", "prosedyrer/ny.md"]
    assert as_json(book) == expected


def test_a_warm_run_asks_git_nothing_but_head(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    logs = GitLogs(monkeypatch)
    first = as_json(book)
    assert logs.calls == 1
    assert as_json(book) == first
    assert logs.calls == 1  # the same HEAD: the log is the one kept
    assert as_json(book, "--no-cache") == first
    assert logs.calls == 2


@pytest.mark.parametrize("processes", [False, True], ids=["here", "in-workers"])
def test_an_edit_seen_first_by_tvf_check_still_reaches_the_report(
    book: Path, processes: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The owner and the review date are not in tvf check's summaries: outdated keeps them by
    the file's bytes, so an edit that `tvf check` cached first is read again here (in worker
    processes when many are missing)."""
    if processes:
        monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    age(book)
    assert ("review_due", "prosedyrer/ny.md") not in items(as_json(book))
    doc = book / "prosedyrer/ny.md"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(
        text.replace("owner: Rektor", "owner: Styrer").replace(
            "review_by: 2027-06-01", "review_by: 2027-01-10"
        ),
        encoding="utf-8",
    )
    assert runner.invoke(app, ["check", "-H", str(book), "--today", "2026-11-25"]).exit_code == 0
    data = same_with_and_without(book)
    due = [i for i in data["items"] if i["kind"] == "review_due"]  # type: ignore[attr-defined]
    assert [(i["path"], i["owner"], i["due"]) for i in due] == [
        ("prosedyrer/ny.md", "Styrer", "2027-01-10")
    ]


def test_a_new_commit_a_reset_and_an_uncommitted_edit(
    book: Path, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = GitLogs(monkeypatch)
    before = same_with_and_without(book)
    assert ("stale", "prosedyrer/gammel.md") in items(before)
    old_head = git_out(git_repo, "rev-parse", "HEAD")
    # Touched in a new commit: no longer stale.
    gammel = book / "prosedyrer/gammel.md"
    gammel.write_text(gammel.read_text(encoding="utf-8") + "\nNy setning.\n", encoding="utf-8")
    commit(git_repo, "Oppdater", "2026-11-20")
    calls = logs.calls
    after = same_with_and_without(book)
    assert logs.calls == calls + 2  # HEAD moved: git log again (and once more without cache)
    assert ("stale", "prosedyrer/gammel.md") not in items(after)
    # Back to the old commit: stale again, never the newer answer.
    subprocess.run(["git", "reset", "-q", "--hard", old_head], cwd=git_repo, check=True)
    assert as_json(book) == before
    # An edit in the working tree is not a commit: the last commit's date still counts.
    gammel.write_text(gammel.read_text(encoding="utf-8") + "\nUtkast.\n", encoding="utf-8")
    assert items(same_with_and_without(book)) == items(before)


def test_a_shallow_clone_and_a_folder_outside_git(book: Path, tmp_path: Path) -> None:
    as_json(book)  # the cache of the full repository
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{book.parent}", str(clone)],
        check=True,
        capture_output=True,
    )
    for _ in range(2):
        assert same_with_and_without(clone / "hb")["git"] == "shallow"
    plain = tmp_path / "plain"
    subprocess.run(["cp", "-r", str(book), str(plain)], check=True)
    for _ in range(2):
        assert same_with_and_without(plain)["git"] == "no-repository"


def test_tvf_or_its_settings_changing_is_a_new_cache(book: Path) -> None:
    """The cache carries the check cache's salt (tvf's code and version, tvf.toml, laws.yaml,
    templates, today, language): another salt finds nothing."""
    as_json(book)
    folder = outdated_cache.outdated_folder(book)
    salt = check_cache.salt(book, today=TODAY, language="nb")
    kept = outdated_cache.open_outdated_cache(book, salt)
    assert kept.docs and kept.git_key is not None
    other = outdated_cache.open_outdated_cache(book, bytes(20))
    assert not other.docs and other.git_key is None
    assert folder == check_cache.cache_folder(book).parent / "outdated"


# --- A cache that cannot be trusted -------------------------------------------------------------


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty", "planted"])
def test_a_damaged_cache_is_never_trusted(
    damage: str, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(book)
    expected = as_json(book)
    folder = outdated_cache.outdated_folder(book)
    files = sorted(folder.glob("*.pickle"))
    assert [f.name for f in files] == ["docs.pickle", "git.pickle"]
    for path in files:
        data = path.read_bytes()
        if damage == "truncated":
            path.write_bytes(data[: len(data) // 2])
        elif damage == "flipped":
            path.write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))
        elif damage == "garbage":
            path.write_bytes(os.urandom(len(data)))
        elif damage == "empty":
            path.write_bytes(b"")
        else:  # well formed, with a valid digest, but a pickle that would run code: refused
            payload = pickle.dumps((("x", "y"), [], {"prosedyrer/ny.md": os.system}))
            head = data[: len(outdated_cache.MAGIC) + 20]
            path.write_bytes(head + check_cache.digest(payload) + payload)
    logs = GitLogs(monkeypatch)
    assert as_json(book) == expected
    assert logs.calls == 1, "a damaged cache was used"
    assert as_json(book) == expected  # and it was written again, whole
    assert logs.calls == 1


def test_kept_values_of_the_wrong_shape_are_not_used(book: Path) -> None:
    age(book)
    expected = as_json(book)
    folder = outdated_cache.outdated_folder(book)
    path = folder / "docs.pickle"
    data = path.read_bytes()
    head = len(outdated_cache.MAGIC)
    docs = pickle.loads(data[head + 40 :])
    docs = {rel: (content, (1, "x", None)) for rel, (content, _info) in docs.items()}
    payload = pickle.dumps(docs)
    path.write_bytes(data[: head + 20] + check_cache.digest(payload) + payload)
    assert as_json(book) == expected


def test_no_cache_neither_reads_nor_writes_it(book: Path) -> None:
    as_json(book, "--no-cache")
    assert not outdated_cache.outdated_folder(book).exists()
    as_json(book)
    assert sorted(p.name for p in outdated_cache.outdated_folder(book).iterdir()) == [
        "docs.pickle",
        "git.pickle",
    ]


def test_the_cache_lives_in_tvf_cache_when_the_handbook_has_one(book: Path) -> None:
    (book / ".tvf-cache").mkdir()
    same_with_and_without(book)
    assert (book / ".tvf-cache" / "outdated" / "git.pickle").is_file()
    assert as_json(book)["documents"] == 2  # the cache is never taken for a document


def test_a_cache_that_cannot_be_written_only_costs_time(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-folder"))
    expected = as_json(book, "--no-cache")
    assert as_json(book) == expected
    assert as_json(book) == expected
