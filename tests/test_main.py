"""The entry point (__main__.py): signals end tvf cleanly, with no temporary file left."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import doc_text, handbook, meta

DOCUMENTS = 1500


def _drafts(root: Path) -> dict[str, bytes]:
    docs = {
        f"prosedyrer/p{i:04d}.md": doc_text(
            meta(f"IV.{i}-1", status="draft", approved_by=None, valid_from=None, review_by=None)
        )
        for i in range(1, DOCUMENTS + 1)
    }
    handbook(root, docs)
    return {rel: (root / rel).read_bytes() for rel in docs}


def _temporaries(root: Path) -> list[str]:
    return [p.name for p in (root / "prosedyrer").iterdir() if p.name.startswith(".")]


def _default_sigint() -> None:
    # A shell starts a background job (``make test &``, ``nohup``) with SIGINT ignored, and a
    # child inherits that: Python then installs no KeyboardInterrupt for it, and Ctrl-C, as a
    # user at a terminal sends it, could never be tested. The child gets the terminal's default.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _stamp(root: Path, before: dict[str, bytes], stderr: int) -> subprocess.Popen[bytes]:
    tvf = Path(sys.executable).parent / "tvf"
    return subprocess.Popen(
        [
            str(tvf),
            "stamp",
            "--by",
            "Forebyggende forum",
            "-m",
            "Ny",
            "--today",
            "2026-11-25",
            "-H",
            str(root),
            *sorted(before),
        ],
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        preexec_fn=_default_sigint,
    )


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_during_stamp_leaves_no_temporary_file(tmp_path: Path, sig: signal.Signals) -> None:
    # On a loaded machine this test may not be scheduled between seeing the first temporary
    # file and sending the signal while stamp finishes all 1,500 files: then the signal meets
    # a process that has ended, and nothing was tested. That run must have stamped every file
    # (exit 0, no temporary file); the test tries again, and fails if no attempt was signalled.
    for attempt in range(5):
        root = tmp_path / f"hb{attempt}"
        before = _drafts(root)
        run = _stamp(root, before, subprocess.PIPE)
        deadline = time.monotonic() + 120
        while not _temporaries(root):  # send the signal while stamp writes its temporary files
            assert run.poll() is None, "stamp ended before it wrote anything"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        os.kill(run.pid, sig)
        _out, err = run.communicate(timeout=120)
        assert "Traceback" not in err.decode()
        assert _temporaries(root) == []
        after = {rel: (root / rel).read_bytes() for rel in before}
        if run.returncode == 0:  # ended before the signal came: all stamped, none left
            assert all(after[rel] != before[rel] for rel in before)
            continue
        assert run.returncode == 128 + sig, err
        assert after == before  # all or none: stopped before the renames, nothing changed
        return
    pytest.fail("stamp ended before the signal in every attempt: the machine is too busy")


@pytest.mark.slow
def test_temporary_files_left_by_a_killed_stamp_are_reported_by_check(tmp_path: Path) -> None:
    """SIGKILL cannot be cleaned up after: `tvf check` then names what was left (TVF006)."""
    for attempt in range(5):  # as above: a busy machine may let stamp finish first
        root = tmp_path / f"hb{attempt}"
        before = _drafts(root)
        run = _stamp(root, before, subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while len(_temporaries(root)) < 3:
            assert run.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=60)
        left = _temporaries(root)
        if left:
            break
        assert run.returncode == 0  # ended before the signal came
    assert left, "stamp ended before the signal in every attempt: the machine is too busy"
    tvf = Path(sys.executable).parent / "tvf"
    result = subprocess.run(
        [str(tvf), "check", "-H", str(root), "--format", "json", "--today", "2026-11-25"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    findings = json.loads(result.stdout)
    reported = sorted(f["path"] for f in findings if f["code"] == "TVF006")
    assert reported == sorted(f"prosedyrer/{name}" for name in left)
    assert all(f["severity"] == "warning" for f in findings if f["code"] == "TVF006")


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_output_in_another_encoding_than_utf8_never_crashes(encoding: str) -> None:
    """A pipe or console in latin-1 or ASCII gets ``\\u2714`` for «✔», not a traceback."""
    tvf = Path(sys.executable).parent / "tvf"
    bundled = Path(__file__).resolve().parents[1] / "handbook"
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    for args in (["check"], ["list"], ["laws", "cited", "--format", "json"]):
        run = subprocess.run(
            [str(tvf), *args, "-H", str(bundled), "--today", "2026-11-25"]
            if args == ["check"]
            else [str(tvf), *args, "-H", str(bundled)],
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        assert b"Traceback" not in run.stderr
        if "json" not in args:
            run.stdout.decode(encoding)  # every byte is in the stream's own encoding
    assert (
        "\\u2714"
        in subprocess.run(
            [str(tvf), "check", "-H", str(bundled), "--today", "2026-11-25"],
            capture_output=True,
            env=env,
            text=True,
            encoding=encoding,
            check=False,
        ).stdout
    )
    # click writes UTF-8 to a stream that says it is ASCII, and the stream's encoding otherwise.
    cited = json.loads(run.stdout.decode("utf-8" if encoding == "ascii" else encoding))
    assert any(entry["law_name"] for entry in cited)
