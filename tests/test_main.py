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


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_during_stamp_leaves_no_temporary_file(tmp_path: Path, sig: signal.Signals) -> None:
    root = tmp_path / "hb"
    before = _drafts(root)
    tvf = Path(sys.executable).parent / "tvf"
    run = subprocess.Popen(
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
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not _temporaries(root):  # send the signal while stamp writes its temporary files
        assert run.poll() is None, "stamp ended before it wrote anything"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.kill(run.pid, sig)
    _out, err = run.communicate(timeout=120)
    assert run.returncode == 128 + sig, err
    assert "Traceback" not in err.decode()
    assert _temporaries(root) == []
    after = {rel: (root / rel).read_bytes() for rel in before}
    assert after == before  # all or none: stopped before the renames, nothing changed


@pytest.mark.slow
def test_temporary_files_left_by_a_killed_stamp_are_reported_by_check(tmp_path: Path) -> None:
    """SIGKILL cannot be cleaned up after: `tvf check` then names what was left (TVF006)."""
    root = tmp_path / "hb"
    before = _drafts(root)
    tvf = Path(sys.executable).parent / "tvf"
    run = subprocess.Popen(
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
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while len(_temporaries(root)) < 3:
        assert run.poll() is None and time.monotonic() < deadline
        time.sleep(0.005)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=60)
    left = _temporaries(root)
    assert left
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
