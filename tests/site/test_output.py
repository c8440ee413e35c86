"""Writing the output folder (tverrfaglig.site.output): incremental and atomic writes, the
manifest, the search index files, the static files and copies of the files pages link to.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

from tverrfaglig.site import build_site
from tverrfaglig.site.output import MANIFEST
from tverrfaglig.site.search import META, SEARCH_DIR, read_index

from helpers import TODAY, assert_links_resolve, site_text, small_handbook

# --- Incremental, atomic writes -------------------------------------------------------------


def test_second_build_writes_nothing(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build_site(book, out, today=TODAY)
    assert len(first.written) == len(first.files) > 10
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    second = build_site(book, out, today=TODAY)
    assert second.written == () and second.removed == ()
    assert second.unchanged == len(second.files)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == mtimes


def test_changed_document_rewrites_only_the_pages_that_show_it(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(book, out, today=TODAY)
    path = book / "planer/plan.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nNy setning.\n", encoding="utf-8")
    result = build_site(book, out, today=TODAY)
    pages = {rel for rel in result.written if not rel.startswith(SEARCH_DIR + "/")}
    assert pages == {"dokumenter/I.5-1.html"} and META in result.written


def test_deleted_document_loses_its_page_and_other_files_stay(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(book, out, today=TODAY)
    (out / "egen-fil.txt").write_text("min", encoding="utf-8")
    (book / "planer/plan.md").unlink()
    result = build_site(book, out, today=TODAY)
    pages = tuple(rel for rel in result.removed if not rel.startswith(SEARCH_DIR + "/"))
    assert pages == ("dokumenter/I.5-1.html",)  # and search index files named by their content
    assert not (out / "dokumenter/I.5-1.html").exists()
    assert (out / "egen-fil.txt").read_text(encoding="utf-8") == "min"
    assert "dokumenter/I.5-1.html" not in site_text(out, "index.html")
    (book / "nettverk/sentrum/2026-09-17-referat.md").unlink()
    build_site(book, out, today=TODAY)
    assert not (out / "nettverk/sentrum").exists()  # emptied folders go too


def test_files_are_readable_by_a_web_server_and_no_temp_files_remain(site: Path) -> None:
    for path in site.rglob("*"):
        assert not path.name.endswith(".tmp"), path
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) & 0o044 == 0o044, path


def test_dry_run_writes_nothing(book: Path, tmp_path: Path) -> None:
    result = build_site(book, tmp_path / "site", today=TODAY, dry_run=True)
    assert result.dry_run and "index.html" in result.written
    assert not (tmp_path / "site").exists()


def test_manifest_cannot_make_the_build_delete_outside_the_site(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    victim = tmp_path / "offer.txt"
    victim.write_text("bli", encoding="utf-8")
    out.mkdir()
    (out / MANIFEST).write_text(
        json.dumps({"files": ["../offer.txt", str(victim)]}), encoding="utf-8"
    )
    build_site(book, out, today=TODAY)
    assert victim.read_text(encoding="utf-8") == "bli"


# --- The search index, static files and the files the documents link to -------------------


def test_script_in_the_search_index_stays_data(site: Path) -> None:
    doc = next(d for d in read_index(site).docs if d["id"] == "IV.7.1-5")
    assert "<script>alert(1)</script>" in doc["utdrag"]  # data, shown with textContent
    for path in (site / SEARCH_DIR).iterdir():  # each file only hands its data to sok.js
        assert path.read_text(encoding="utf-8").startswith("window.TVF_SOK."), path


def test_handbook_templates_override_the_packaged_ones(book: Path, tmp_path: Path) -> None:
    (book / "templates/site/static").mkdir(parents=True)
    (book / "templates/site/static/tvf.css").write_text("body { color: red }\n", encoding="utf-8")
    build_site(book, tmp_path / "site", today=TODAY)
    assert site_text(tmp_path / "site", "static/tvf.css") == "body { color: red }\n"
    assert (tmp_path / "site/static/sok.js").is_file()


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


def test_images_and_linked_files_of_the_handbook_are_copied(tmp_path: Path) -> None:
    root = small_handbook(tmp_path / "hb")
    (root / "prosedyrer/bilder").mkdir()
    (root / "prosedyrer/bilder/flytskjema å.png").write_bytes(PNG)
    (root / "vedlegg/skjema.pdf").write_bytes(b"%PDF-1.4 skjema")
    page = root / "prosedyrer/iv-7-2.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n![Flytskjema](<bilder/flytskjema å.png>)\n\n"
        "Fyll ut [skjemaet (PDF)](../vedlegg/skjema.pdf#side=2).\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = build_site(root, out, today=TODAY)
    assert result.broken_links == ()
    assert (out / "filer/prosedyrer/bilder/flytskjema å.png").read_bytes() == PNG
    assert (out / "filer/vedlegg/skjema.pdf").read_bytes() == b"%PDF-1.4 skjema"
    html = site_text(out, "dokumenter/IV.7-2.html")
    assert 'src="../filer/prosedyrer/bilder/flytskjema%20%C3%A5.png"' in html
    assert 'href="../filer/vedlegg/skjema.pdf#side=2"' in html
    assert_links_resolve(out)

    # The link goes, and so does the copy.
    page.write_text(
        page.read_text(encoding="utf-8").replace("![Flytskjema]", "Flytskjema "), encoding="utf-8"
    )
    page.write_text(
        page.read_text(encoding="utf-8").replace("(<bilder/flytskjema å.png>)", ""),
        encoding="utf-8",
    )
    again = build_site(root, out, today=TODAY)
    assert "filer/prosedyrer/bilder/flytskjema å.png" in again.removed
    assert not (out / "filer/prosedyrer/bilder").exists()
