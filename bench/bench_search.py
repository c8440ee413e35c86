#!/usr/bin/env python3
"""Measure the site's search (``sok.js`` and its index under ``sok/``) on a built site: the
index on disk, the bytes a browser fetches for a first search and for later ones, the time to
an answer, what a few queries find, and, with ``--pagefind``, the same for Pagefind.

Not a test: a standalone script. It needs a site built by ``tvf build`` (for 10,000
documents: ``python bench/bench_check.py --docs 10000 --generate-only --keep /tmp/hb10k``,
then ``tvf build --handbook /tmp/hb10k --out /tmp/site10k --force``), Playwright and Debian's
Chromium; ``--pagefind`` needs the PyPI package ``pagefind[extended]`` (its binary).

    python bench/bench_search.py --site /tmp/site10k
    python bench/bench_search.py --site /tmp/site10k --handbook /tmp/hb10k   # + build time
    python bench/bench_search.py --site /tmp/site-bundled --words            # + stemming table

``--handbook`` builds the site again in this process and times making the index, beside
writing the same texts as the one JSON file of the former index (the floor of any index that
holds the text), in the same run. ``--words`` compares, for inflected Norwegian words, the
pages the index finds with the pages whose text holds the word as a substring (the former
search).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import http.server
import json
import os
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
#: Norwegian queries: an exact ID, a title, an inflected form (stemming), two words of text.
QUERIES = ["IV.3.938-1", "psykisk helse ungdom 2938", "barnehagene", "helsesykepleier avklare"]
#: Inflected forms for --words: does the index find what the text holds?
WORDS = [
    "barnehagene",
    "barnehagen",
    "foreldrene",
    "tiltakene",
    "tjenestene",
    "skolen",
    "kommunens",
    "samarbeidet",
    "helsesykepleieren",
    "veilederne",
    "meldingen",
    "rutinene",
    "barnevernet",
    "ungdommer",
    "vedtaket",
]
PAGEFIND_ARGS = [
    "--root-selector",
    "main",
    "--force-language",
    "no",
    "--exclude-selectors",
    ".sti,.henvisninger,.endringer,.lover",
]


def size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    return sum(p.stat().st_size for p in files), len(files)


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def wait_for_answer(page: Page, query: str) -> list[object]:
    deadline = time.monotonic() + 120
    while not page.evaluate("!!document.querySelector('.sok-status')?.textContent"):
        if time.monotonic() > deadline:
            raise TimeoutError(query)
        page.wait_for_timeout(10)
    count = page.evaluate("document.querySelector('.sok-status').textContent")
    hits = [
        href.rsplit("/", 1)[-1]
        for href in page.eval_on_selector_all(
            ".sok-treff a", "els => els.slice(0, 5).map(a => a.href)"
        )
    ]
    return [count, hits]


def ours_first(page: Page, base: str, query: str) -> list[object]:
    """A search from a fresh page: ``sok.html?q=…``."""
    page.goto(base + "sok.html?q=" + query)
    return wait_for_answer(page, query)


def ours_later(page: Page, query: str) -> list[object]:
    """A search typed into the search page's field after an earlier one."""
    page.evaluate("document.querySelector('.sok-status').textContent = ''")
    page.fill("#sok-side", query)
    return wait_for_answer(page, query)


PAGEFIND_JS = """async ([base, query]) => {
  const pf = await import(base + 'pagefind/pagefind.js');
  await pf.init();
  const found = await pf.search(query);
  const data = await Promise.all(found.results.slice(0, 5).map(r => r.data()));
  return [found.results.length, data.map(d => d.url.split('/').pop())];
}"""


def pagefind(page: Page, base: str, query: str) -> tuple[int, list[str]]:
    page.goto(base + "index.html")
    count, urls = page.evaluate(PAGEFIND_JS, [base, query])
    return count, urls


class Fetched:
    """Bytes and number of responses a page receives while in a ``with`` block."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.bytes = 0
        self.files = 0
        self.index_bytes = 0

    def count(self, response: Any) -> None:
        with contextlib.suppress(Exception):  # a redirect or an aborted request has no body
            body = len(response.body())
            self.bytes += body
            self.files += 1
            if "/sok/" in response.url:
                self.index_bytes += body

    def __enter__(self) -> Fetched:
        self.page.on("response", self.count)
        return self

    def __exit__(self, *exc: object) -> None:
        self.page.remove_listener("response", self.count)


def index_on_disk(site: Path) -> None:
    folder = site / "sok"
    kinds = {"meta": "meta.js", "ord": "ord-*.js", "utdrag": "utdrag-*.js"}
    total, files = size(folder)
    parts = ", ".join(
        f"{name} {sum(p.stat().st_size for p in folder.glob(pattern)) / 1e6:.3f} MB"
        f" ({len(list(folder.glob(pattern)))})"
        for name, pattern in kinds.items()
    )
    print(f"index on disk: {total / 1e6:.3f} MB ({total} bytes) in {files} files: {parts}")
    print(f"  largest file: {max(p.stat().st_size for p in folder.iterdir()) / 1e3:.0f} KB")


def time_build(handbook: Path, site: Path) -> None:
    """Build the site in this process, clean and after one page changed, and time making the
    index beside writing the same texts as the former one-file index, in the same run."""
    from tverrfaglig.site import build_site, search

    files = search.SearchIndex.files
    timings: list[tuple[float, float, float, float]] = []

    def timed(index: search.SearchIndex, cache: bytes | None = None) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        made = files(index, cache)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        index_wall = time.perf_counter() - wall
        index_cpu = time.process_time() - cpu  # and the worker processes':
        index_cpu += after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
        # The floor of an index that holds the text: the former sok-indeks.json (texts only).
        wall, cpu = time.perf_counter(), time.process_time()
        data = json.dumps(index.texts, ensure_ascii=False, separators=(",", ":"))
        (site / ".bench-floor.json").write_bytes(data.encode())
        timings.append(
            (index_wall, index_cpu, time.perf_counter() - wall, time.process_time() - cpu)
        )
        (site / ".bench-floor.json").unlink()
        return made

    search.SearchIndex.files = timed  # type: ignore[method-assign]
    try:
        for path in (site / search.CACHE, site / ".tvf-site.json"):
            path.unlink(missing_ok=True)  # a clean build
        build_site(handbook, site, force=True)
        changed = next(handbook.rglob("*.md"))
        original = changed.read_bytes()
        changed.write_bytes(original + "\nEn ny setning om barnehagelærere.\n".encode())
        try:
            build_site(handbook, site, force=True)
        finally:
            changed.write_bytes(original)
        build_site(handbook, site, force=True)
    finally:
        search.SearchIndex.files = files  # type: ignore[method-assign]
    for label, (wall, cpu, floor_wall, floor_cpu) in zip(
        ("clean", "one page changed", "changed back"), timings, strict=False
    ):
        print(
            f"making the index ({label}): {wall:.2f} s wall, {cpu:.2f} s CPU (with workers);"
            " writing the texts"
            f" as one JSON file (the former index's floor): {floor_wall:.2f} s wall,"
            f" {floor_cpu:.2f} s CPU; ratio (CPU) {cpu / max(floor_cpu, 1e-9):.1f}"
        )


def page_text(site: Path, url: str) -> str:
    """The body of a page (what the index holds of it), from its HTML."""
    page = (site / url).read_text(encoding="utf-8")
    found = re.search(r'<div class="tekst">\n(.*?)\n  </div>', page, re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))) if found else ""


def compare_words(site: Path) -> None:
    from tverrfaglig.site.search import fold, read_index, stem

    index = read_index(site)
    texts = {d["url"]: fold(page_text(site, d["url"])) for d in index.docs}
    print(f"{'word':<20} {'stem':<16} {'substring':>9} {'index':>6}  found only by the index")
    for word in WORDS:
        old = {url for url, text in texts.items() if word in text}
        new = set(index.pages_with(word))
        print(
            f"{word:<20} {stem(word):<16} {len(old):>9} {len(new):>6}  "
            f"{len(new - old)} (missed by the index: {len(old - new)})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--handbook", type=Path, help="build --site from this handbook first")
    parser.add_argument("--words", action="store_true", help="the stemming table")
    parser.add_argument("--pagefind", action="store_true", help="measure Pagefind too")
    args = parser.parse_args()
    site: Path = args.site
    print(f"load: {os.getloadavg()}")
    if args.handbook:
        time_build(args.handbook, site)
    docs = len(list((site / "dokumenter").glob("*.html")))
    print(f"site: {site} ({docs} document pages)")
    index_on_disk(site)
    if args.words:
        compare_words(site)

    if args.pagefind:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(site), "--silent", *PAGEFIND_ARGS],
            check=True,
        )
        total, files = size(site / "pagefind")
        print(
            f"pagefind: indexed in {time.perf_counter() - started:.1f} s; "
            f"{total / 1e6:.1f} MB in {files} files"
        )

    server, base = serve(site)
    results: dict[str, dict[str, object]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            # First searches: each in a fresh browser context (empty cache).
            for query in QUERIES:
                context = browser.new_context()
                page = context.new_page()
                page.goto(base + "index.html")
                with Fetched(page) as fetched:
                    start = time.perf_counter()
                    hits = ours_first(page, base, query)
                    seconds = time.perf_counter() - start
                results.setdefault(query, {})["ours"] = hits
                print(
                    f"first search {query!r}: {fetched.index_bytes / 1e6:.3f} MB of index "
                    f"({fetched.bytes / 1e6:.3f} MB in {fetched.files} responses with the page)"
                    f" in {seconds:.2f} s"
                )
                context.close()
            # Later searches: typed one after another into one page.
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "sok.html")
            for query in ["barnevern", *QUERIES, "tiltak skole", "IV.7"]:
                with Fetched(page) as fetched:
                    start = time.perf_counter()
                    hits = ours_later(page, query)
                    seconds = time.perf_counter() - start
                print(
                    f"then {query!r}: {fetched.index_bytes / 1e6:.3f} MB in {fetched.files} "
                    f"files, {seconds:.2f} s: {hits[0]}"
                )
            context.close()
            if args.pagefind:
                # Pagefind compiles WebAssembly, which the site's policy forbids; bypass it.
                context = browser.new_context(bypass_csp=True)
                page = context.new_page()
                for query in QUERIES:
                    with Fetched(page) as fetched:
                        results[query]["pagefind"] = pagefind(page, base, query)
                    print(f"pagefind {query!r}: fetched {fetched.bytes / 1e6:.2f} MB")
                context.close()
            # From file: (the site opened from the disk).
            page = browser.new_context().new_page()
            page.goto((site / "sok.html").as_uri() + "?q=" + QUERIES[0])
            print(f"ours from file: {wait_for_answer(page, QUERIES[0])}")
            browser.close()
    finally:
        server.shutdown()
    print(json.dumps(results, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
