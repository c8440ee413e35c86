"""The cache of tvf check (checks/cache.py): the report is the same with it and without it,
for every check code, cold, warm and after a change; a cache that cannot be trusted is not."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.checks import cache as cache_module
from tverrfaglig.checks import check_path, engine
from tverrfaglig.cli import app
from tverrfaglig.findings import Report

from .test_registry import FIRING
from helpers import TODAY, doc_text, handbook, meta

HOUR_AGO = time.time() - 3600


def report(root: Path, *, cache: bool, today: dt.date = TODAY) -> Report:
    return check_path(root, today=today, jobs=1, cache=cache)


def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed from now on (a file taken from the cache is not parsed)."""
    seen: list[str] = []
    real = engine.parse_document

    def counting(rel: str, data: bytes):  # type: ignore[no-untyped-def]
        seen.append(rel)
        return real(rel, data)

    monkeypatch.setattr(engine, "parse_document", counting)
    return seen


def age(root: Path) -> None:
    """Make every file look written an hour ago (older than the racy window)."""
    for path in root.rglob("*"):
        if path.is_file() and ".tvf-cache" not in path.parts:
            os.utime(path, (HOUR_AGO, HOUR_AGO))


def documents(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.md") if not p.name.startswith("."))


@pytest.mark.parametrize("code", sorted(FIRING))
@pytest.mark.parametrize("old_files", [False, True], ids=["just-written", "an-hour-old"])
def test_the_report_is_the_same_with_the_cache_cold_warm_and_after_a_change(
    code: str, old_files: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = handbook(tmp_path / "hb", FIRING[code]())
    if old_files:
        age(root)
    expected = report(root, cache=False)
    assert code in {f.code for f in expected.findings}
    assert report(root, cache=True) == expected  # cold: fills the cache
    seen = parsed(monkeypatch)
    assert report(root, cache=True) == expected  # warm
    assert seen == [], "a file whose bytes are cached was parsed again"

    # One file changed: only it is parsed again, and the report is the one without a cache.
    changed = documents(root)[0]
    changed.write_bytes(changed.read_bytes() + b"\nEn ny linje.\n")
    if old_files:
        os.utime(changed, (HOUR_AGO + 60, HOUR_AGO + 60))
    after = report(root, cache=False)
    seen.clear()
    assert report(root, cache=True) == after
    assert seen == [changed.relative_to(root).as_posix()]
    assert report(root, cache=True) == after

    # A file removed and one added.
    changed.unlink()
    (root / "ny.md").write_text(doc_text(meta("IV.9-9")), encoding="utf-8")
    assert report(root, cache=True) == report(root, cache=False)


def test_a_change_to_tvf_toml_laws_yaml_templates_today_or_language_is_not_taken_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = handbook(tmp_path / "hb", FIRING["TVF202"]())
    age(root)
    report(root, cache=True)
    seen = parsed(monkeypatch)
    # The handbook's own section list for the law replaces the shipped one: § 99 now exists.
    (root / "laws.yaml").write_text(
        '- id: LOV-2005-06-17-64\n  sections: ["99 | Prøve"]\n', encoding="utf-8"
    )
    assert report(root, cache=True) == report(root, cache=False)
    assert "TVF202" not in {f.code for f in report(root, cache=True).findings}
    assert seen, "laws.yaml changed, but the documents were not checked again"
    (root / "templates").mkdir()  # an empty folder holds no template: nothing changes
    for change in (
        lambda: (root / "templates" / "x.md.j2").write_text("x", encoding="utf-8"),
        lambda: (root / "tvf.toml").write_text(
            (root / "tvf.toml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
        ),
    ):
        report(root, cache=True)
        change()
        seen.clear()
        report(root, cache=True)
        assert seen, "the cache was used after a change it depends on"
    report(root, cache=True)
    seen.clear()
    assert report(root, cache=True, today=TODAY + dt.timedelta(days=1)) == report(
        root, cache=False, today=TODAY + dt.timedelta(days=1)
    )
    assert seen


def test_findings_are_cached_in_the_language_they_were_made_in(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", FIRING["TVF101"]())
    runner = CliRunner()
    args = ["check", "--handbook", str(root), "--today", TODAY.isoformat()]
    nb = runner.invoke(app, args).output
    en = runner.invoke(app, [*args, "--lang", "en"]).output
    assert nb != en
    assert runner.invoke(app, args).output == nb
    assert runner.invoke(app, [*args, "--lang", "en"]).output == en
    assert runner.invoke(app, [*args, "--no-cache", "--lang", "en"]).output == en


def shards(root: Path) -> list[Path]:
    return sorted(cache_module.cache_folder(root).glob("*.pickle"))


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty", "foreign-pickle"])
def test_a_damaged_cache_is_never_trusted(
    damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)  # so the run is recorded too
    root = handbook(tmp_path / "hb", FIRING["TVF101"]())
    age(root)
    expected = report(root, cache=False)
    report(root, cache=True)
    files = shards(root)
    assert len(files) == cache_module.SHARDS + 1  # the shards and the record of the run
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
        else:  # a well-formed file whose pickle would run code: refused, never run
            payload = pickle.dumps((1.0, {"a.md": ((0, 0, 0), b"", os.system)}))
            head = data[: len(cache_module.MAGIC) + 20]
            path.write_bytes(head + cache_module.digest(payload) + payload)
    seen = parsed(monkeypatch)
    assert report(root, cache=True) == expected
    assert seen, "a damaged cache was used"
    seen.clear()
    assert report(root, cache=True) == expected  # and it was written again, whole
    assert seen == []


def test_the_cache_is_in_the_user_cache_folder_or_in_tvf_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta())})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_module.cache_folder(root).is_relative_to(tmp_path / "xdg" / "tvf")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_module.cache_folder(root).is_relative_to(Path.home() / ".cache" / "tvf")
    (root / ".tvf-cache").mkdir()
    assert cache_module.cache_folder(root) == root / ".tvf-cache" / "check"
    report(root, cache=True)
    assert shards(root)
    # The cache folder is hidden, so it is never taken for part of the handbook.
    assert report(root, cache=True) == report(root, cache=False)
    assert report(root, cache=False).documents == 1


def test_no_cache_neither_reads_nor_writes_it(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta())})
    result = CliRunner().invoke(app, ["check", "--handbook", str(root), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert not cache_module.cache_folder(root).exists()
    result = CliRunner().invoke(app, ["check", "--handbook", str(root)])
    assert result.exit_code == 0, result.output
    assert shards(root)


def test_a_cache_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = handbook(tmp_path / "hb", FIRING["TVF101"]())
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-folder"))
    assert report(root, cache=True) == report(root, cache=False)


def test_two_runs_sharing_a_cache_each_write_it_whole(tmp_path: Path) -> None:
    """Writes go through a temporary file and a rename: a run that reads while another
    writes sees one whole cache or the other, never a mix; a leftover temporary file of an
    interrupted write is ignored."""
    root = handbook(tmp_path / "hb", FIRING["TVF005"]())
    expected = report(root, cache=False)
    report(root, cache=True)
    folder = cache_module.cache_folder(root)
    (folder / ".00.pickle.x1y2.tvf-tmp").write_bytes(b"half a cache")
    assert report(root, cache=True) == expected
    assert not [
        p
        for p in folder.iterdir()
        if p.name.endswith(".tvf-tmp") and p.name != ".00.pickle.x1y2.tvf-tmp"
    ]


# --- The record of the last run (CheckCache.record and .replay) ------------------------------


def replays(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each run from now on was replayed from the record of the last one."""
    seen: list[bool] = []
    real = cache_module.CheckCache.replay

    def spying(self, root):  # type: ignore[no-untyped-def]
        result = real(self, root)
        seen.append(isinstance(result, tuple))  # the findings; else a listing or None
        return result

    monkeypatch.setattr(cache_module.CheckCache, "replay", spying)
    return seen


@pytest.fixture
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Folders and files written by the test just before a run count as settled (else every
    folder a test makes is too new for the run to be recorded)."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)


@pytest.mark.parametrize("code", sorted(FIRING))
def test_a_replayed_run_reports_what_a_run_without_the_cache_does(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_racy_window: None
) -> None:
    root = handbook(tmp_path / "hb", FIRING[code]())
    expected = report(root, cache=False)
    assert code in {f.code for f in expected.findings}
    assert report(root, cache=True) == expected  # cold: records the run
    replayed, seen = replays(monkeypatch), parsed(monkeypatch)
    assert report(root, cache=True) == expected
    assert replayed == [True] and seen == []


def test_a_file_rewritten_with_the_same_size_and_modification_time_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_racy_window: None
) -> None:
    """The stat the cache compares includes the change time, which no tool can set back."""
    root = handbook(
        tmp_path / "hb",
        {"a.md": doc_text(meta("IV.1-1")), "b.md": doc_text(meta("IV.1-2"), "Se IV.1-1.\n")},
    )
    age(root)
    clean = report(root, cache=True)
    assert clean.findings == [] or "TVF101" not in {f.code for f in clean.findings}
    b = root / "b.md"
    before = b.stat()
    b.write_bytes(b.read_bytes().replace(b"Se IV.1-1.", b"Se IV.1-9."))  # same size
    os.utime(b, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (b.stat().st_size, b.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    replayed = replays(monkeypatch)
    after = report(root, cache=True)
    assert replayed == [False]
    assert after == report(root, cache=False)
    assert "TVF101" in {f.code for f in after.findings}


@pytest.mark.parametrize("change", ["added", "removed", "renamed", "added-in-subfolder"])
def test_a_file_added_removed_or_renamed_is_seen_by_its_folder(
    change: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_racy_window: None
) -> None:
    root = handbook(
        tmp_path / "hb",
        {"a.md": doc_text(meta("IV.1-1")), "del/b.md": doc_text(meta("IV.1-2"), "Se IV.1-1.\n")},
    )
    report(root, cache=True)
    if change == "added":
        (root / "c.md").write_text(doc_text(meta("IV.1-1")), encoding="utf-8")  # TVF005
    elif change == "removed":
        (root / "a.md").unlink()  # TVF101 in b.md
    elif change == "renamed":
        (root / "del" / "b.md").rename(root / "del" / "c.md")
    else:
        (root / "del" / "c.md").write_text(doc_text(meta("IV.1-1")), encoding="utf-8")
    replayed = replays(monkeypatch)
    assert report(root, cache=True) == report(root, cache=False)
    assert replayed == [False]
    replayed.clear()
    assert report(root, cache=True) == report(root, cache=False)
    assert replayed[0] is True  # the run after the change was recorded in its turn


def test_a_file_written_within_the_racy_window_is_compared_by_its_bytes(
    tmp_path: Path, no_racy_window: None
) -> None:
    """A file whose recorded stat is too close to the start of the run is read again at
    replay and its digest compared: a write in the same tick of the file system's clock as
    the stat would not show in the stat."""
    from tverrfaglig.handbook import Walked

    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta("IV.1-1"))})
    a = root / "a.md"
    time.sleep(0.05)
    a.write_bytes(a.read_bytes())  # a's change time is now later than its folder's
    store = cache_module.open_cache(root, today=TODAY, language="nb")
    # The run "started" just before a's last change: a is racy, its folder is not.
    started = a.stat().st_ctime_ns / 1e9 - 0.001

    def record(data: bytes) -> None:
        walked = Walked(folders=[("", root.stat())])
        stat = cache_module.stat_of(a.stat())
        store.record(started, walked, ["a.md"], [(stat, cache_module.digest(data))], [], 1, [])

    record(a.read_bytes())
    assert store.replay(root) == ([], 1)
    record(b"other bytes, as if the file had changed in the same tick as its stat")
    again = store.replay(root)
    assert isinstance(again, cache_module.Listing) and again.files == ["a.md"]


def test_a_symbolic_link_in_the_handbook_means_no_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_racy_window: None
) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta("IV.1-1"))})
    (root / "b.md").symlink_to(root / "a.md")
    report(root, cache=True)
    assert not (cache_module.cache_folder(root) / cache_module.RUN_FILE).exists()
    replayed = replays(monkeypatch)
    assert report(root, cache=True) == report(root, cache=False)
    assert replayed == [False]


def test_when_no_folder_changed_the_files_are_not_listed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_racy_window: None
) -> None:
    """A changed file in folders that did not change: the files are those of the record
    (with the findings of listing them, here TVF006), only the changed one is read."""
    from tverrfaglig import handbook as handbook_module

    root = handbook(
        tmp_path / "hb",
        {
            "p/a.md": doc_text(meta("IV.1-1")),
            "p/b.md": doc_text(meta("IV.1-2"), "Se IV.1-1.\n"),
            "p/.a.md.x1y2.tvf-tmp": "half a file",  # TVF006, found by listing the folder
        },
    )
    age(root)
    report(root, cache=True)
    b = root / "p" / "b.md"
    b.write_bytes(b.read_bytes().replace(b"Se IV.1-1.", b"Se IV.1-3."))
    listed: list[Path] = []
    real = handbook_module.discover

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        listed.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(handbook_module, "discover", counting)
    seen = parsed(monkeypatch)
    after = report(root, cache=True)
    assert listed == [] and seen == ["p/b.md"]
    monkeypatch.setattr(handbook_module, "discover", real)
    assert after == report(root, cache=False)
    assert {"TVF006", "TVF101"} <= {f.code for f in after.findings}


def test_a_replayed_run_imports_neither_the_rules_nor_the_laws(tmp_path: Path) -> None:
    """Start-up: ``tvf check`` on the bundled handbook (its files are old enough to be
    recorded), run twice; the second run replays the first, without the law registry, the
    rules, the document parser or YAML."""
    handbook_root = Path(__file__).resolve().parents[2] / "handbook"
    code = (
        "import sys\nfrom tverrfaglig.__main__ import main\n"
        "sys.argv = ['tvf', 'check', '--handbook', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('tverrfaglig.laws', "
        "'tverrfaglig.document', 'yaml', 'tverrfaglig.checks.citations', "
        "'tverrfaglig.checks.schema', 'tverrfaglig.meetings'))))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def run() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", code, str(handbook_root)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert "Ingen funn i 46 dokumenter" in done.stdout, done.stdout + done.stderr
        return done.stdout.strip().splitlines()

    first = run()
    assert first[-1] != "[]"  # the first run checked every file
    assert run()[-1] == "[]"
