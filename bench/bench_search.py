#!/usr/bin/env python3
"""Compare the site's own search (``sok.js`` + ``sok-indeks.json``) with Pagefind on a built
site: index size, indexing time, bytes a browser fetches for the first search, what each
finds for a few queries, and whether it works from ``file:``.

Not a test: a standalone script. It needs a site built by ``tvf build`` (for 10,000
documents: ``python bench/bench_check.py --docs 10000 --generate-only --keep /tmp/hb10k``,
then ``tvf build --handbook /tmp/hb10k --out /tmp/site10k --force``), the PyPI package
``pagefind[extended]`` (its binary; ``pip install 'pagefind[extended]'``), Playwright and
Debian's Chromium.

    python bench/bench_search.py --site /tmp/site10k
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
#: Norwegian queries: an exact ID, a title, an inflected form (stemming), two words of text.
QUERIES = ["IV.3.938-1", "psykisk helse ungdom 2938", "barnehagene", "helsesykepleier avklare"]
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


def ours(page: Page, base: str, query: str) -> list[object]:
    page.goto(base + "sok.html?q=" + query)
    deadline = time.monotonic() + 120
    while not page.evaluate(
        "!!(document.querySelector('.sok-status')?.textContent"
        " || document.querySelector('.sok-treff a'))"
    ):
        if time.monotonic() > deadline:
            raise TimeoutError(query)
        page.wait_for_timeout(50)
    count = page.evaluate("document.querySelector('.sok-status')?.textContent || ''")
    hits = [
        href.rsplit("/", 1)[-1]
        for href in page.eval_on_selector_all(
            ".sok-treff a", "els => els.slice(0, 5).map(a => a.href)"
        )
    ]
    return [count, hits]


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


def fetched(page: Page, action: object) -> int:
    """Bytes of every response while ``action()`` runs."""
    total = [0]

    def count(response: object) -> None:
        with contextlib.suppress(Exception):  # a redirect or an aborted request has no body
            total[0] += len(response.body())  # type: ignore[attr-defined]

    page.on("response", count)
    action()  # type: ignore[operator]
    page.remove_listener("response", count)
    return total[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    args = parser.parse_args()
    site: Path = args.site
    docs = len(list((site / "dokumenter").glob("*.html")))
    print(f"site: {site} ({docs} document pages)")
    own = size(site / "sok-indeks.json")
    print(f"ours: sok-indeks.json {own[0] / 1e6:.1f} MB (and the same again as sok-indeks.js)")

    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--silent", *PAGEFIND_ARGS],
        check=True,
    )
    seconds = time.perf_counter() - started
    total, files = size(site / "pagefind")
    fragments = size(site / "pagefind" / "fragment")
    index = size(site / "pagefind" / "index")
    print(
        f"pagefind: indexed in {seconds:.1f} s; {total / 1e6:.1f} MB in {files} files "
        f"(fragments {fragments[0] / 1e6:.1f} MB, index {index[0] / 1e6:.1f} MB "
        f"in {index[1]} chunks)"
    )

    server, base = serve(site)
    results: dict[str, dict[str, object]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            # Pagefind compiles WebAssembly, which the site's policy forbids; bypass it here.
            for name, bypass in (("ours", False), ("pagefind", True)):
                context = browser.new_context(bypass_csp=bypass)
                page = context.new_page()
                for number, query in enumerate(QUERIES):
                    holder: dict[str, object] = {}

                    def run(
                        query: str = query,
                        holder: dict[str, object] = holder,
                        page: Page = page,
                        name: str = name,
                    ) -> None:
                        start = time.perf_counter()
                        holder["hits"] = (
                            ours(page, base, query)
                            if name == "ours"
                            else pagefind(page, base, query)
                        )
                        holder["seconds"] = round(time.perf_counter() - start, 2)

                    holder["bytes"] = fetched(page, run)
                    results.setdefault(query, {})[name] = holder
                    if number == 0:
                        print(
                            f"{name}: first search fetched {holder['bytes'] / 1e6:.2f} MB "
                            f"in {holder['seconds']} s"
                        )
                context.close()
            # From file: (the site opened from the disk).
            page = browser.new_context(bypass_csp=True).new_page()
            page.goto((site / "index.html").as_uri())
            try:
                page.evaluate(PAGEFIND_JS, [(site.as_uri() + "/"), "barnehage"])
                print("pagefind from file: works")
            except Exception as error:
                print(f"pagefind from file: fails: {str(error).splitlines()[0][:200]}")
            browser.close()
    finally:
        server.shutdown()
    print(json.dumps(results, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
