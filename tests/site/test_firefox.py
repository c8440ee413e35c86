"""The site from ``file:`` in Firefox (Debian's firefox-esr, over WebDriver BiDi): the
Content-Security-Policy lets the site's own stylesheet and search script load, and the search
finds a document, with nothing in the console. Chromium's side is in test_browser.py
(``test_search_works_from_file_url``, which fails on any console error)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tverrfaglig.site import build_site
from tverrfaglig.site.search import SEARCH_DIR, read_index

from browsers import serve
from firefox_bidi import FIREFOX, Firefox, firefox
from helpers import BUNDLED, TODAY, require_tool

pytestmark = pytest.mark.browser

TOP_BAR = "getComputedStyle(document.querySelector('.topp')).backgroundColor"
RULES = (
    "Array.from(document.styleSheets).reduce((n, sheet) => {"
    " try { return n + sheet.cssRules.length } catch (e) { return n } }, 0)"
)


@pytest.fixture(scope="module")
def browser_ff() -> Iterator[Firefox]:
    require_tool("Debians firefox-esr", FIREFOX, "apt-get install -y firefox-esr")
    with firefox() as session:
        yield session


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("firefox") / "site"
    build_site(BUNDLED, out, today=TODAY)
    return out


def test_the_stylesheet_loads_from_file(browser_ff: Firefox, site: Path) -> None:
    for page in (
        "index.html",
        "dokumenter/IV.7-11.html",
        "nettverk/kanebogen/2026-09-17-referat.html",
    ):
        browser_ff.open((site / page).as_uri())
        assert browser_ff.evaluate(RULES) > 50, page
        assert browser_ff.evaluate(TOP_BAR) == "rgb(13, 59, 102)", page
    assert browser_ff.log == []


def test_search_finds_a_document_from_file(browser_ff: Firefox, site: Path) -> None:
    browser_ff.open((site / "sok.html").as_uri() + "?q=IV.7-11")
    first = browser_ff.wait_for("document.querySelector('.sok-treff a')?.href")
    assert first == (site / "dokumenter" / "IV.7-11.html").as_uri()
    browser_ff.open((site / "index.html").as_uri())
    browser_ff.evaluate(
        "const field = document.querySelector('#sok-forside');"
        "field.value = 'barnevern'; field.dispatchEvent(new Event('input'));"
    )
    assert browser_ff.wait_for("document.querySelectorAll('.sok-treff a').length") > 0
    assert browser_ff.log == []


#: (query, the first result or every page the index finds for a word of the text).
SEARCHES = [
    ("IV.7-11", "first", "dokumenter/IV.7-11.html"),  # an ID
    ("familieråd", "first", "dokumenter/IV.7.1-16.html"),  # a title
    ("taushetsplikt", "text", "taushetsplikt"),  # a word of the text
    ("barnevernet", "text", "barnevernet"),  # an inflected form: «barnevern» in the text
]
RESULTS = (
    "document.querySelector('.sok-status').textContent &&"
    " JSON.stringify(Array.from(document.querySelectorAll('.sok-alle a'), a => a.href))"
)


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_sharded_search_finds_ids_titles_text_and_inflected_forms(
    browser_ff: Firefox, site: Path, scheme: str
) -> None:
    """The index is loaded shard by shard (classic scripts under ``sok/``) from ``file:`` and
    over http, and finds an ID, a title, a word of the text and an inflected form."""
    index = read_index(site)
    with contextlib.ExitStack() as stack:
        base = (site.as_uri() + "/") if scheme == "file" else stack.enter_context(serve(site))
        for query, kind, expected in SEARCHES:
            browser_ff.open(base + "sok.html?q=" + query)
            found = [h.removeprefix(base) for h in json.loads(browser_ff.wait_for(RESULTS))]
            if kind == "first":
                assert found[0] == expected, query
            else:
                assert sorted(found) == sorted(index.pages_with(expected)) != [], query
            scripts = browser_ff.evaluate(
                "Array.from(document.scripts, s => s.src).filter(s => s.includes('/sok/')).length"
            )
            assert 1 < scripts < len(list((site / SEARCH_DIR).iterdir())) / 4
    assert browser_ff.log == []


def test_over_http_the_policy_lets_in_the_sites_files_and_blocks_others(
    browser_ff: Firefox, site: Path
) -> None:
    """As on the intranet: the page's policy is enforced, lets the site's own stylesheet and
    script in, and a stricter copy of it is seen blocking them (so the log would show a
    block of ours). From ``file:`` Firefox ESR does not hold the site's own files to the
    page's policy at all (even ``style-src 'none'`` loads them), so the policy needs no
    ``file:`` source and is the same for both."""
    page = (site / "sok.html").read_text(encoding="utf-8")
    strict = page.replace(
        "default-src 'self';", "default-src 'self'; style-src 'none'; script-src 'none';"
    )
    assert strict != page
    copy = site / "streng.html"
    copy.write_text(strict, encoding="utf-8")
    try:
        with serve(site) as url:
            browser_ff.open(url + "sok.html?q=IV.7-11")
            assert browser_ff.evaluate(RULES) > 50
            assert browser_ff.wait_for("document.querySelectorAll('.sok-treff a').length") > 0
            assert browser_ff.log == []
            browser_ff.open(url + "streng.html?q=IV.7-11")
            assert browser_ff.evaluate(RULES) == 0
            blocked = "\n".join(browser_ff.log)
            assert "blocked a style (style-src-elem)" in blocked and "static/tvf.css" in blocked
            assert "blocked a script (script-src-elem)" in blocked and "static/sok.js" in blocked
            browser_ff.open((site / "streng.html").as_uri())
            assert browser_ff.evaluate(RULES) > 50  # file: ignores the policy for its files
    finally:
        copy.unlink()
        browser_ff.log.clear()
