"""The fixtures of the site's tests: a small handbook with one of everything, and its site."""

from __future__ import annotations

from pathlib import Path

import pytest

from tverrfaglig.site import build_site

from helpers import TODAY, small_handbook


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return small_handbook(tmp_path / "hb")


@pytest.fixture
def site(book: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build_site(book, out, today=TODAY)
    return out
