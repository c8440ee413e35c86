"""The fixtures of the site's tests: a small handbook with one of everything, and its site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tverrfaglig.site import build_site

from browsers import launch_chromium
from helpers import TODAY, small_handbook


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return small_handbook(tmp_path / "hb")


@pytest.fixture
def site(book: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build_site(book, out, today=TODAY)
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium through Playwright, shared by the browser tests."""
    yield from launch_chromium()
