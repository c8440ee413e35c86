"""``tvf build`` in a real browser: headless Chromium (Debian's ``chromium``) through
Playwright, against the built site served on localhost.

These tests need ``/usr/bin/chromium``. In CI (``CI`` set) a missing one is a failure:
``.ci/run`` installs it. On a developer's machine without it they are skipped, with the
command that installs it (``apt-get install -y chromium``). Screenshots at phone
width (390 px) and desktop width (1280 px) are kept in ``test-artifacts/site/``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route

from tverrfaglig.site import build_site
from tverrfaglig.site.search import SEARCH_DIR, read_index

from browsers import ARTIFACTS, DESKTOP, PHONE, open_page, screenshot, serve
from helpers import BUNDLED, TODAY, small_handbook

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("browser")
    out = base / "site"
    build_site(small_handbook(base / "hb"), out, today=TODAY)
    with serve(out) as url:
        yield url


@pytest.fixture(scope="module")
def bundled_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("bundled") / "site"
    build_site(BUNDLED, out, today=TODAY)
    with serve(out) as url:
        yield url


def test_search_by_id_and_click_the_result(browser: Browser, site_url: str) -> None:
    with open_page(browser) as page:
        page.goto(site_url + "index.html")
        page.fill("#sok-forside", "IV.7.1-5")
        first = page.locator("#sok-forside ~ .sok-treff a").first
        first.wait_for()
        assert "IV.7.1-5" in first.inner_text()
        assert "Veileder <i>for</i> samarbeid" in first.inner_text()  # text, not markup
        first.click()
        page.wait_for_url("**/dokumenter/IV.7.1-5.html")
        assert page.locator("h1").inner_text() == "Veileder <i>for</i> samarbeid"


def test_search_by_measure_code_and_text_on_the_search_page(
    browser: Browser, site_url: str
) -> None:
    with open_page(browser) as page:
        page.goto(site_url + "sok.html?q=v01")
        first = page.locator(".sok-alle a").first
        first.wait_for()
        assert "Centrum fritidsklubb" in first.inner_text()
        page.fill("#sok-side", "kartlegge fravær")
        page.locator(".sok-alle a", has_text="Referat fra møte i Sentrum").wait_for()
        assert page.locator(".sok-status").inner_text() == "1 treff."


def test_follow_reference_links_both_ways(browser: Browser, site_url: str) -> None:
    with open_page(browser) as page:
        page.goto(site_url + "dokumenter/IV.7-2.html")
        page.locator(".henvisninger a[href$='IV.7.1-5.html']").click()
        page.wait_for_url("**/dokumenter/IV.7.1-5.html")
        back = page.locator(".henvisninger div", has_text="Referert fra").locator(
            "a[href$='IV.7-2.html']"
        )
        back.click()
        page.wait_for_url("**/dokumenter/IV.7-2.html")
        assert page.locator("h1").inner_text() == "Forpliktende samarbeid"
        # an ID in the running text is a link too
        page.locator(".tekst a.dok", has_text="IV.7.1-5").click()
        page.wait_for_url("**/dokumenter/IV.7.1-5.html")


def test_follow_a_lovdata_link(browser: Browser, site_url: str) -> None:
    with open_page(browser) as page:
        visited: list[str] = []

        def lovdata(route: Route) -> None:  # no network in tests: answer for Lovdata
            visited.append(route.request.url)
            route.fulfill(
                status=200,
                content_type="text/html",
                body="<title>Lovdata</title><h1>Barnehageloven § 2 b</h1>",
            )

        page.route("https://lovdata.no/**", lovdata)
        page.goto(site_url + "dokumenter/IV.7-2.html")
        link = page.locator("#lovhenvisninger a", has_text="barnehageloven § 2 b")
        assert link.get_attribute("href") == "https://lovdata.no/lov/2005-06-17-64/§2b"
        repealed = page.locator("#lovhenvisninger li", has_text="15-8")
        assert "opphevet 1. august 2024" in repealed.inner_text()
        link.click()
        page.wait_for_url("https://lovdata.no/**")
        assert visited == ["https://lovdata.no/lov/2005-06-17-64/%C2%A72b"]


def test_script_in_a_body_shows_as_text(browser: Browser, site_url: str) -> None:
    with open_page(browser) as page:  # fails on any dialog
        page.goto(site_url + "dokumenter/IV.7.1-5.html")
        text = page.locator(".tekst").inner_text()
        assert "<script>alert(1)</script>" in text
        assert "<img src=x onerror=alert(2)>" in text
        assert page.locator(".tekst script, .tekst img, .tekst b").count() == 0
        page.get_by_text("<script>alert(1)</script>", exact=False).wait_for()
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.TVF_SOK") in ("undefined", "object")


def test_search_works_from_file_url(browser: Browser, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(small_handbook(tmp_path / "hb"), out, today=TODAY)
    with open_page(browser) as page:
        page.goto((out / "index.html").as_uri())
        page.fill("#sok-forside", "familieråd")
        page.locator("#sok-forside ~ .sok-treff a", has_text="Familieråd").click()
        page.wait_for_url("**/dokumenter/IV.7.1-12.html")


#: (query, what the results must be): the first result's page, or every page the Python side of
#: the index finds in the text (no title holds these words, so the results are exactly those).
SEARCHES = [
    ("IV.7-11", "first", "dokumenter/IV.7-11.html"),  # an ID
    ("familieråd", "first", "dokumenter/IV.7.1-16.html"),  # a title
    ("taushetsplikt", "text", "taushetsplikt"),  # a word of the text
    ("barnevernet", "text", "barnevernet"),  # an inflected form: «barnevern» in the text
    ("Rutinene", "text", "rutinene"),  # «rutine», «rutiner»
]


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_sharded_search_finds_ids_titles_text_and_inflected_forms(
    browser: Browser, tmp_path: Path, scheme: str
) -> None:
    """The bundled handbook's search page, from ``file:`` and over http: each query loads
    ``sok/meta.js`` and only the word shards and excerpts it needs, and finds what the index
    holds; results show an excerpt with the words marked, built as text."""
    out = tmp_path / "site"
    build_site(BUNDLED, out, today=TODAY)
    index = read_index(out)
    all_files = len(list((out / SEARCH_DIR).iterdir()))
    with contextlib.ExitStack() as stack:
        base = (out.as_uri() + "/") if scheme == "file" else stack.enter_context(serve(out))
        for query, kind, expected in SEARCHES:
            page = stack.enter_context(open_page(browser))
            loaded: list[str] = []
            page.on("request", lambda r, loaded=loaded: loaded.append(r.url))
            page.goto(base + "sok.html?q=" + query)
            page.wait_for_function("document.querySelector('.sok-status').textContent !== ''")
            found = [
                h.removeprefix(base)
                for h in page.eval_on_selector_all(".sok-alle a", "els => els.map(a => a.href)")
            ]
            if kind == "first":
                assert found[0] == expected, query
            else:
                assert sorted(found) == sorted(index.pages_with(expected)) != [], query
                assert page.locator(".sok-alle .treff-utdrag").count() == len(found)
            shards = [u for u in loaded if f"/{SEARCH_DIR}/" in u]
            assert shards[0].endswith("/sok/meta.js") and 1 < len(shards) < all_files / 4
            assert page.locator(".sok-alle script, .sok-alle img").count() == 0


def test_phone_and_desktop_layouts(browser: Browser, site_url: str, bundled_url: str) -> None:
    """Screenshots of the test site and of the bundled handbook, at both widths. On a phone
    nothing may be wider than the screen."""
    pages = {
        "forside": bundled_url + "index.html",
        "dokument": bundled_url + "dokumenter/IV.7-2.html",
        "tiltak": bundled_url + "tiltak.html",
        "nettverk": bundled_url + "nettverk/kanebogen.html",
        "referat": bundled_url + "nettverk/kanebogen/2026-09-17-referat.html",
        "test-dokument": site_url + "dokumenter/IV.7-2.html",
        "test-script": site_url + "dokumenter/IV.7.1-5.html",
    }
    for label, viewport in (("telefon", PHONE), ("pc", DESKTOP)):
        with open_page(browser, viewport) as page:
            for name, url in pages.items():
                page.goto(url)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"], f"{name}: {width}px wide at {label}"
                screenshot(page, f"{label}-{name}")
            page.goto(bundled_url + "index.html")
            page.fill("#sok-forside", "barnevern")
            page.locator("#sok-forside ~ .sok-treff a").first.wait_for()
            screenshot(page, f"{label}-sok")


def test_print_stylesheet(browser: Browser, bundled_url: str) -> None:
    with open_page(browser) as page:
        page.goto(bundled_url + "dokumenter/IV.7-2.html")
        page.emulate_media(media="print")
        assert page.locator("header.topp").is_hidden()
        assert page.locator("footer.bunn").is_hidden()
        assert page.locator("dl.meta").is_visible()
        screenshot(page, "utskrift-dokument")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(ARTIFACTS / "utskrift-dokument.pdf"), format="A4")
