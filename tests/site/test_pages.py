"""The pages (tverrfaglig.site.pages): what the start page, document, network and meeting pages,
the measures catalogue and the search index show, that every link resolves, and that worker
processes render the same site.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import git
from tverrfaglig.site import build_site
from tverrfaglig.site.search import read_index

from helpers import TODAY, assert_links_resolve, doc_text, meta, site_text, small_handbook


def test_every_link_resolves_and_nothing_is_external(site: Path) -> None:
    assert assert_links_resolve(site) > 50


def test_start_page_has_title_municipality_purpose_and_sections(site: Path) -> None:
    page = site_text(site, "index.html")
    assert "<h1>Testhåndbok</h1>" in page
    assert "Testby kommune" in page
    assert "tverrfaglig samarbeid om barn og unge" in page  # the purpose made from the title
    for section in ("Prosedyrer", "Vedlegg", "Tiltak", "Planer", "Nettverk"):
        assert f"<h2>{section}</h2>" in page
    assert 'href="dokumenter/IV.7-2.html"' in page
    assert 'href="nettverk/sentrum.html"' in page
    assert 'href="tiltak.html"' in page
    assert 'status-utkast">utkast</span>' in page  # V01 is a draft


def test_document_page_shows_its_facts_in_norwegian(site: Path) -> None:
    page = site_text(site, "dokumenter/IV.7-2.html")
    assert "<h1>Forpliktende samarbeid</h1>" in page
    assert page.count("<h1>") == 1  # the body's own "# Title" is not repeated
    for label, value in (
        ("Dokument-ID", "IV.7-2"),
        ("Versjon", "2.0"),
        ("Ansvarlig", "Enhet for oppvekst"),
        ("Godkjent av", "Forebyggende forum"),
        ("Gyldig fra", "1. januar 2026"),
        ("Revideres innen", "1. januar 2028"),
        ("Gjelder for", "Skole, Barnehage"),
    ):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in page, label
    assert 'status-godkjent">godkjent</span>' in page
    assert "<h2>Endringslogg</h2>" in page
    # newest first, and the summary is escaped
    assert page.index("<td>2.0</td>") < page.index("<td>1.0</td>")
    assert "Ny fremgangsmåte &lt;i&gt;med&lt;/i&gt; samtykke." in page
    assert "Sist endret" not in page  # not in git


def test_draft_and_retired_documents_say_so(tmp_path: Path) -> None:
    root = small_handbook(tmp_path / "hb")
    (root / "vedlegg/gammel.md").write_text(
        doc_text(meta("IV.7.1-9", title="Gammel veileder", type="attachment", status="retired")),
        encoding="utf-8",
    )
    build_site(root, tmp_path / "site", today=TODAY)
    assert "<strong>Utkast.</strong>" in site_text(tmp_path / "site", "dokumenter/IV.7.1-11.html")
    assert "<strong>Utgått.</strong>" in site_text(tmp_path / "site", "dokumenter/IV.7.1-9.html")
    start = site_text(tmp_path / "site", "index.html")
    retired = start[start.index("Utgåtte dokumenter") :]
    assert "dokumenter/IV.7.1-9.html" in retired


def test_review_date_passed_is_shown(book: Path, tmp_path: Path) -> None:
    build_site(book, tmp_path / "site", today=dt.date(2028, 6, 1))
    assert "Revisjonsdatoen er passert" in site_text(tmp_path / "site", "dokumenter/IV.7-2.html")


def test_missing_reference_is_shown_under_force(tmp_path: Path) -> None:
    root = small_handbook(tmp_path / "hb")
    (root / "vedlegg/x.md").write_text(
        doc_text(meta("IV.7.1-7", type="attachment", references=["IV.7-99"])), encoding="utf-8"
    )
    build_site(root, tmp_path / "site", today=TODAY, force=True)
    page = site_text(tmp_path / "site", "dokumenter/IV.7.1-7.html")
    assert "IV.7-99" in page and "finnes ikke" in page
    assert "IV.7-99.html" not in page


# --- Law citations --------------------------------------------------------------------------


def test_every_citation_links_to_lovdata_and_repealed_laws_are_marked(site: Path) -> None:
    page = site_text(site, "dokumenter/IV.7-2.html")
    laws = page[
        page.index('id="lovhenvisninger"') : page.index("</section>", page.index("lovhenvisninger"))
    ]
    assert (
        '<a class="lov" href="https://lovdata.no/lov/2005-06-17-64/§2b">barnehageloven '
        "§ 2 b</a>" in laws
    )
    assert 'href="https://lovdata.no/lov/1998-07-17-61/§15-8"' in laws
    assert "opphevet 1. august 2024, erstattet av opplæringslova" in laws
    assert 'href="https://lovdata.no/lov/1999-07-02-64/§21"' in laws  # from the body
    # ... and the body's citation is a link where it stands
    body = page[page.index('<div class="tekst">') :]
    assert '<a href="https://lovdata.no/lov/1999-07-02-64/§21" class="lov"' in body


# --- Measures, networks and the search index -------------------------------------------------


def test_measures_catalogue_groups_by_target_group(site: Path) -> None:
    page = site_text(site, "tiltak.html")
    groups = [part.split("</h2>")[0] for part in page.split("<h2>")[1:]]
    assert groups == ["Barneverntjenesten", "Kultur og fritid", "Skole"]
    skole = page[page.index("<h2>Skole</h2>") :]
    assert 'href="dokumenter/IV.7.1-11.html"' in skole and "V01" in skole
    assert page.count('href="dokumenter/IV.7.1-11.html"') == 2  # Skole and Kultur og fritid


def test_network_page_has_leader_members_plan_mandate_and_minutes(site: Path) -> None:
    page = site_text(site, "nettverk/sentrum.html")
    assert "<dt>Leder</dt><dd>Kari Nordmann, Rektor</dd>" in page
    assert "1. august 2026 – 31. juli 2027" in page
    assert "<td>PPT</td><td>PP-rådgiver</td>" in page
    assert "3 møter i året" in page
    assert '<a href="../dokumenter/IV.7-2.html">IV.7-2 Forpliktende samarbeid</a>' in page
    assert 'href="sentrum/2026-09-17-referat.html"' in page
    assert "1 åpne punkter" in page or "1 åpent punkt" in page
    minutes = site_text(site, "nettverk/sentrum/2026-09-17-referat.html")
    assert 'href="../sentrum.html"' in minutes
    assert "Kartlegge fravær" in minutes and "task-list-item-checkbox" in minutes


def test_search_index_holds_titles_ids_and_text(site: Path) -> None:
    index = read_index(site)
    by_url = {d["url"]: d for d in index.docs}
    doc = by_url["dokumenter/IV.7-2.html"]
    assert doc["id"] == "IV.7-2" and doc["tittel"] == "Forpliktende samarbeid"
    assert doc["type"] == "Prosedyre" and doc["status"] == "godkjent"
    assert "Bruk veilederen IV.7.1-5" in doc["utdrag"]
    assert index.pages_with("veilederen") == ["dokumenter/IV.7-2.html"]
    assert "dokumenter/IV.7-2.html" in index.pages_with("IV.7.1-5")
    assert by_url["dokumenter/IV.7.1-11.html"]["kode"] == "V01"
    assert by_url["nettverk/sentrum.html"]["type"] == "Nettverk"
    minutes = "nettverk/sentrum/2026-09-17-referat.html"
    assert minutes in index.pages_with("kartlegge") and minutes in index.pages_with("fravær")


# --- Git ------------------------------------------------------------------------------------


def test_last_changed_comes_from_git(git_repo: Path, tmp_path: Path) -> None:
    root = small_handbook(git_repo / "hb")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Første", "--date", "2026-03-04T10:00:00+01:00")
    env_date = "2026-05-06T10:00:00+02:00"
    path = root / "planer/plan.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMer.\n", encoding="utf-8")
    git(git_repo, "commit", "-q", "-am", "Andre", "--date", env_date)
    build_site(root, tmp_path / "site", today=TODAY)
    plan = site_text(tmp_path / "site", "dokumenter/I.5-1.html")
    other = site_text(tmp_path / "site", "dokumenter/IV.7-2.html")
    assert '<dt>Sist endret</dt><dd><time datetime="2026-05-06">6. mai 2026</time></dd>' in plan
    assert '<time datetime="2026-03-04">4. mars 2026</time>' in other


# --- Worker processes ---------------------------------------------------------------------


def test_worker_processes_build_the_same_site(book: Path, tmp_path: Path) -> None:
    one = build_site(book, tmp_path / "one", today=TODAY, jobs=1)
    two = build_site(book, tmp_path / "two", today=TODAY, jobs=2)
    assert sorted(one.files) == sorted(two.files) and one.pages == two.pages
    for rel in one.files:
        assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes(), rel
    again = build_site(book, tmp_path / "two", today=TODAY, jobs=2)
    assert again.written == ()


def test_linked_files_are_copied_when_pages_render_in_worker_processes(tmp_path: Path) -> None:
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("worker processes need fork")
    root = small_handbook(tmp_path / "hb")
    (root / "vedlegg/skjema.pdf").write_bytes(b"%PDF-1.4")
    page = root / "prosedyrer/iv-7-2.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n[Skjema](../vedlegg/skjema.pdf) "
        "[Borte](../vedlegg/borte.pdf)\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = build_site(root, out, today=TODAY, jobs=2)
    assert (out / "filer/vedlegg/skjema.pdf").read_bytes() == b"%PDF-1.4"
    assert result.broken_links == (
        "prosedyrer/iv-7-2.md: ../vedlegg/borte.pdf finnes ikke i håndboka",
    )
    assert os.access(out / "filer/vedlegg/skjema.pdf", os.R_OK)
