"""WCAG 2.1 AA on every page of the bundled handbook's site, as axe-core judges it.

axe-core (the npm package, installed by ``npm ci --prefix tests/node`` in .ci/run) runs in
Debian's Chromium through Playwright on every page, at desktop width (1366 px) and on a phone
(390 px), with the rules tagged wcag2a, wcag2aa, wcag21a and wcag21aa. The script is evaluated
in the page by Playwright (not added as a ``<script>``), so the site's Content-Security-Policy
stays as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tverrfaglig.site import build_site

from browsers import PHONE, serve
from helpers import BUNDLED, TODAY, node_module

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"pc": {"width": 1366, "height": 768}, "telefon": PHONE}


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    out = tmp_path_factory.mktemp("a11y") / "site"
    build_site(BUNDLED, out, today=TODAY)
    with serve(out) as url:
        yield out, url


def pages_of(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def axe_violations(page: Page, source: str) -> list[str]:
    page.evaluate(source + "\n;0")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}: {node['html'][:160]}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_axe_finds_nothing_on_any_page(
    browser: Browser, bundled_site: tuple[Path, str], width: str
) -> None:
    source = (node_module("axe-core") / "axe.min.js").read_text(encoding="utf-8")
    site, url = bundled_site
    pages = pages_of(site)
    assert len(pages) >= 46
    context = browser.new_context(viewport=WIDTHS[width])  # type: ignore[arg-type]
    try:
        page = context.new_page()
        found = {}
        for rel in pages:
            page.goto(url + rel)
            if problems := axe_violations(page, source):
                found[rel] = problems
    finally:
        context.close()
    assert found == {}


def test_axe_sees_a_violation_when_there_is_one(browser: Browser, tmp_path: Path) -> None:
    """The check really runs: a page with a check box without a name fails it."""
    source = (node_module("axe-core") / "axe.min.js").read_text(encoding="utf-8")
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="nb"><title>x</title><main>'
        '<input type="checkbox"></main></html>',
        encoding="utf-8",
    )
    page = browser.new_page()
    try:
        page.goto(bad.as_uri())
        assert [problem.split(" ")[0] for problem in axe_violations(page, source)] == ["label"]
    finally:
        page.close()


def test_on_a_phone_the_text_starts_on_the_first_screen(
    browser: Browser, bundled_site: tuple[Path, str]
) -> None:
    """At 390 × 844 the metadata box leaves the body's first paragraph on the first screen,
    two lines of it at least, on every document page."""
    site, url = bundled_site
    page = browser.new_page(viewport=PHONE)  # type: ignore[arg-type]
    late = {}
    try:
        for rel in pages_of(site):
            if not rel.startswith("dokumenter/"):
                continue
            page.goto(url + rel)
            top = page.evaluate(
                "document.querySelector('.tekst p')?.getBoundingClientRect().top ?? 0"
            )
            if top + 2 * 27 > PHONE["height"]:
                late[rel] = round(top)
    finally:
        page.close()
    assert late == {}


def test_the_title_is_shown_once_on_every_document_page(
    browser: Browser, bundled_site: tuple[Path, str]
) -> None:
    site, url = bundled_site
    page = browser.new_page()
    twice = {}
    try:
        for rel in pages_of(site):
            if not rel.startswith("dokumenter/"):
                continue
            page.goto(url + rel)
            headings = page.locator("h1, h2, h3").all_inner_texts()
            title = page.locator("h1").inner_text()
            if headings.count(title) != 1 or page.locator("h1").count() != 1:
                twice[rel] = headings[:3]
    finally:
        page.close()
    assert twice == {}


@pytest.mark.parametrize("width", list(WIDTHS))
def test_axe_finds_nothing_in_search_results(
    browser: Browser, bundled_site: tuple[Path, str], width: str
) -> None:
    """The results as the sharded index shows them: on the search page (every result with its
    excerpt and marked words) and in the start page's drop-down list."""
    source = (node_module("axe-core") / "axe.min.js").read_text(encoding="utf-8")
    _site, url = bundled_site
    context = browser.new_context(viewport=WIDTHS[width])  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(url + "sok.html?q=barnevernet")
        page.locator(".sok-alle .treff-utdrag").first.wait_for()
        assert axe_violations(page, source) == []
        page.goto(url + "index.html")
        page.fill("#sok-forside", "familieråd")
        page.locator("#sok-forside ~ .sok-treff a").first.wait_for()
        assert axe_violations(page, source) == []
    finally:
        context.close()
