"""Writing files safely: temporary file and rename, modes, and never overwriting new files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tverrfaglig.errors import TvfError
from tverrfaglig.files import default_mode, write_atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_mode_open_would_give(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a" / "ny.md", "tekst\n", new=True)
        assert mode(tmp_path / "a" / "ny.md") == 0o644 == default_mode()
    finally:
        os.umask(old)
    assert (tmp_path / "a" / "ny.md").read_text(encoding="utf-8") == "tekst\n"
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["ny.md"]  # no temporary file left


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("før\n", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, b"etter\n")
    assert path.read_bytes() == b"etter\n"
    assert mode(path) == 0o640


def test_new_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("min\n", encoding="utf-8")
    with pytest.raises(TvfError, match="finnes allerede"):
        write_atomic(path, "annen\n", new=True)
    assert path.read_text(encoding="utf-8") == "min\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.md"]


def test_a_failed_rename_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.md"
    path.write_text("original\n", encoding="utf-8")

    def crash(self: Path, target: Path) -> Path:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(TvfError, match="Kan ikke skrive"):
        write_atomic(path, "ny\n")
    assert path.read_text(encoding="utf-8") == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.md"]
