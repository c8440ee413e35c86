"""The site model (tverrfaglig.site.model): which documents get pages at which stable URLs, which
get none, and the references between pages, both ways.
"""

from __future__ import annotations

from pathlib import Path

from tverrfaglig.site import build_site
from tverrfaglig.site.output import MANIFEST
from tverrfaglig.site.search import META

from helpers import TODAY, doc_text, meta, site_text


def test_pages_exist_with_stable_urls(site: Path) -> None:
    for rel in (
        "index.html",
        "sok.html",
        "tiltak.html",
        "dokumenter/IV.7-2.html",
        "dokumenter/IV.7.1-5.html",
        "dokumenter/IV.7.1-11.html",
        "dokumenter/I.5-1.html",
        "nettverk/sentrum.html",
        "nettverk/sentrum/2026-09-17-referat.html",
        "static/tvf.css",
        "static/sok.js",
        META,
        MANIFEST,
    ):
        assert (site / rel).is_file(), rel


def test_documents_without_a_usable_id_get_no_page_under_force(book: Path, tmp_path: Path) -> None:
    (book / "vedlegg/x.md").write_text(
        doc_text(meta("../../etc-1", type="attachment")), encoding="utf-8"
    )
    result = build_site(book, tmp_path / "site", today=TODAY, force=True)
    assert any("vedlegg/x.md" in s for s in result.skipped)
    assert not list((tmp_path).rglob("etc-1*"))


# --- References both ways --------------------------------------------------------------------


def _section(page: str, heading: str) -> str:
    start = page.index(f"<h2>{heading}</h2>")
    return page[start : page.index("</div>", start)]


def test_references_link_both_ways(site: Path) -> None:
    source = site_text(site, "dokumenter/IV.7-2.html")
    target = site_text(site, "dokumenter/IV.7.1-5.html")
    assert 'href="../dokumenter/IV.7.1-5.html"' in _section(source, "Viser til")
    referred = _section(target, "Referert fra")
    assert 'href="../dokumenter/IV.7-2.html"' in referred
    assert "Forpliktende samarbeid" in referred


def test_network_mandate_counts_as_a_reference_back(site: Path) -> None:
    referred = _section(site_text(site, "dokumenter/IV.7-2.html"), "Referert fra")
    assert (
        '<a href="../nettverk/sentrum.html"><span class="dok-id">Nettverk</span>'
        '<span class="dok-tittel">Tverrfaglig nettverk Sentrum</span></a>' in referred
    )


def test_reading_order_keys_are_those_of_tvf_list() -> None:
    from tverrfaglig.queries import id_sort_key
    from tverrfaglig.site.model import id_sort_key as _id_key  # the key the site sorts by

    ids = ["IV.7-2", "IV.7-11", "IX.1.2-3", "XL.3-1", "V-1", "I.10.2-7", "bad", "IV.x-1", "MCM.1-1"]
    assert [_id_key(i) for i in ids] == [id_sort_key(i) for i in ids]
    assert [_id_key(i) for i in ids] == [id_sort_key(i) for i in ids]  # remembered: the same


def test_referred_from_lists_follow_reading_order(book: Path, tmp_path: Path) -> None:
    """Each «Referert fra» list is in reading order (by type, then ID) however the files lie."""
    ids = ["IV.7-11", "IX.1-1", "V.2-3"]
    for n, doc_id in enumerate(ids):  # file names in another order than the IDs
        (book / "prosedyrer" / f"a{n}.md").write_text(
            doc_text(meta(doc_id), "Se IV.7.1-5.\n"), encoding="utf-8"
        )
    out = tmp_path / "ut"
    build_site(book, out, today=TODAY, force=True)
    referred = _section(site_text(out, "dokumenter/IV.7.1-5.html"), "Referert fra")
    found = [
        referred.index(f"dokumenter/{i}.html") for i in ["IV.7-2", "IV.7-11", "V.2-3", "IX.1-1"]
    ]
    assert found == sorted(found)
