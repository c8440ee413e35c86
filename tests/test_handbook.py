"""Discovering and reading the handbook's files (handbook.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import doc_text, handbook, meta

TVF = Path(sys.executable).parent / "tvf"


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["check", "--format", "json", "--today", "2026-11-25"],
        ["list"],
        ["outdated", "--today", "2026-11-25"],
        ["build", "--force", "--today", "2026-11-25"],
    ],
)
def test_fifo_named_md_is_reported_not_read(tmp_path: Path, command: list[str]) -> None:
    """A FIFO (and a link to one) named *.md would block any reader forever."""
    root = handbook(tmp_path / "hb", {"prosedyrer/a.md": doc_text(meta("IV.7-2"))})
    os.mkfifo(root / "prosedyrer" / "kø.md")
    (root / "lenke.md").symlink_to(root / "prosedyrer" / "kø.md")
    result = subprocess.run(
        [str(TVF), *command, "-H", str(root)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    if command[0] == "check":
        assert result.returncode == 1
        found = {(f["code"], f["path"]) for f in json.loads(result.stdout)}
        assert found == {("TVF001", "prosedyrer/kø.md"), ("TVF001", "lenke.md")}
        assert all("vanlig fil" in f["message"] for f in json.loads(result.stdout))
