"""``tvf build``: the static website (tverrfaglig.site), without a browser.

Pages exist, links resolve both ways, law citations link to Lovdata, text from documents is
escaped, the build refuses a handbook with errors, and it is incremental.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import json
import os
import posixpath
import stat
from pathlib import Path
from urllib.parse import unquote

import pytest
from typer.testing import CliRunner

from conftest import git
from tverrfaglig.cli import app
from tverrfaglig.errors import TvfError
from tverrfaglig.handbook import load_handbook
from tverrfaglig.site import BuildRefused, build_site
from tverrfaglig.site.output import MANIFEST, SEARCH_JS, SEARCH_JSON

from helpers import TODAY, doc_text, handbook, meta

BUNDLED = Path(__file__).resolve().parents[1] / "handbook"
runner = CliRunner()

SCRIPT_BODY = (
    "# Veileder\n\nFør teksten: <script>alert(1)</script> og <b>fet</b>.\n\n"
    "<img src=x onerror=alert(2)>\n\n[klikk](javascript:alert(3))\n"
)


def small_handbook(root: Path) -> Path:
    """A handbook with one of everything the site shows. Clean: no errors, some warnings."""
    return handbook(root, {
        "prosedyrer/iv-7-2.md": doc_text(
            meta("IV.7-2", title="Forpliktende samarbeid", version="2.0",
                 applies_to=["Skole", "Barnehage"], references=["IV.7.1-5"],
                 legal_basis=["barnehageloven § 2 b", "LOV-1998-07-17-61 § 15-8"],
                 changes=[
                     {"version": "1.0", "date": dt.date(2025, 1, 1), "by": "Forum",
                      "summary": "Første versjon."},
                     {"version": "2.0", "date": dt.date(2026, 1, 1), "by": "Forum",
                      "summary": "Ny fremgangsmåte <i>med</i> samtykke."},
                 ]),
            "# Forpliktende samarbeid\n\n## Fremgangsmåte\n\n"
            "Bruk veilederen IV.7.1-5. Se også helsepersonelloven § 21 og "
            "[vedlegget](../vedlegg/iv-7-1-5.md).\n\n"
            "| Trinn | Hvem |\n|---|---|\n| 1 | Leder |\n\n"
            "- [ ] Avklare samtykke\n- [x] Kalle inn\n",
        ),
        "vedlegg/iv-7-1-5.md": doc_text(
            meta("IV.7.1-5", title="Veileder <i>for</i> samarbeid", type="attachment",
                 owner="PPT"),
            SCRIPT_BODY,
        ),
        "tiltak/v01.md": doc_text(meta("IV.7.1-11", title="Centrum fritidsklubb", type="measure",
                                       code="V01", status="draft",
                                       applies_to=["Skole", "Kultur og fritid"])),
        "tiltak/v02.md": doc_text(meta("IV.7.1-12", title="Familieråd", type="measure",
                                       code="V02", applies_to=["Barneverntjenesten"])),
        "planer/plan.md": doc_text(meta("I.5-1", title="Strategisk plan", type="plan")),
        "nettverk/sentrum/nettverk.md": doc_text(
            {"type": "network", "id": "sentrum", "title": "Tverrfaglig nettverk Sentrum",
             "leader": {"name": "Kari Nordmann", "role": "Rektor",
                        "term_start": dt.date(2026, 8, 1), "term_end": dt.date(2027, 7, 31)},
             "members": [{"service": "Skole", "name": "Kari Nordmann"},
                         {"service": "PPT", "name": "PP-rådgiver"}],
             "meetings_per_year": 3, "mandate": "IV.7-2"},
            "# Tverrfaglig nettverk Sentrum\n\nNettverket følger mandatet.\n",
        ),
        "nettverk/sentrum/2026-09-17-referat.md": doc_text(
            {"type": "minutes", "network": "sentrum", "date": dt.date(2026, 9, 17),
             "title": "Referat fra møte i Sentrum"},
            "## Oppfølgingspunkter\n\n"
            "- [ ] Kartlegge fravær (ansvar: Skole, frist: 2027-02-01)\n"
            "- [x] Sende referatet (ansvar: Leder, frist: 2026-10-01)\n",
        ),
    })


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return small_handbook(tmp_path / "hb")


@pytest.fixture
def site(book: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build_site(book, out, today=TODAY)
    return out


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


class _Links(html.parser.HTMLParser):
    """Every href and src of a page, with the tag."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # tag, attribute, value

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.links.append((tag, name, value))


def links_of(text: str) -> list[tuple[str, str, str]]:
    parser = _Links()
    parser.feed(text)
    return parser.links


def assert_links_resolve(site: Path) -> int:
    """Every relative link of every page names a file of the site; nothing is loaded from
    elsewhere. Returns the number of links checked."""
    checked = 0
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        for tag, attr, value in links_of(page.read_text(encoding="utf-8")):
            if value.startswith(("https://", "http://")):
                assert tag == "a", f"{rel}: <{tag} {attr}={value}> loads from elsewhere"
                continue
            if value.startswith("data:"):
                continue  # embedded (the empty favicon), loads nothing
            assert not value.startswith(("/", "//")), f"{rel}: {value} is not relative"
            assert ":" not in value.split("/")[0], f"{rel}: {value} is not a page of the site"
            target = unquote(value.split("#")[0].split("?")[0])
            if not target:
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            assert (site / resolved).is_file(), f"{rel}: {value} → {resolved} does not exist"
            checked += 1
    return checked


# --- Pages ----------------------------------------------------------------------------------


def test_pages_exist_with_stable_urls(site: Path) -> None:
    for rel in ("index.html", "sok.html", "tiltak.html", "dokumenter/IV.7-2.html",
                "dokumenter/IV.7.1-5.html", "dokumenter/IV.7.1-11.html", "dokumenter/I.5-1.html",
                "nettverk/sentrum.html", "nettverk/sentrum/2026-09-17-referat.html",
                "static/tvf.css", "static/sok.js", SEARCH_JSON, SEARCH_JS, MANIFEST):
        assert (site / rel).is_file(), rel


def test_every_link_resolves_and_nothing_is_external(site: Path) -> None:
    assert assert_links_resolve(site) > 50


def test_start_page_has_title_municipality_purpose_and_sections(site: Path) -> None:
    page = read(site, "index.html")
    assert "<h1>Testhåndbok</h1>" in page
    assert "Testby kommune" in page
    assert "tverrfaglig samarbeid om barn og unge" in page  # the purpose made from the title
    for section in ("Prosedyrer", "Vedlegg", "Tiltak", "Planer", "Nettverk"):
        assert f"<h2>{section}</h2>" in page
    assert 'href="dokumenter/IV.7-2.html"' in page
    assert 'href="nettverk/sentrum.html"' in page
    assert 'href="tiltak.html"' in page
    assert 'status-utkast">utkast</span>' in page  # V01 is a draft


def test_purpose_from_tvf_toml_or_readme(tmp_path: Path) -> None:
    root = small_handbook(tmp_path / "hb")
    (root / "README.md").write_text(
        "# Om denne mappen\n\nFor vedlikeholdere.\n\n## Formål\n\nHåndboka hjelper *alle* "
        "ansatte\nå samarbeide.\n\nAndre avsnitt.\n", encoding="utf-8")
    (root / "tvf.toml").write_text(
        '[handbook]\ntitle = "Testhåndbok"\nexclude = ["README.md"]\n', encoding="utf-8")
    build_site(root, tmp_path / "a", today=TODAY)
    page = read(tmp_path / "a", "index.html")
    assert "<p>Håndboka hjelper <em>alle</em> ansatte å samarbeide.</p>" in page
    assert "Andre avsnitt" not in page and "vedlikeholdere" not in page

    (root / "tvf.toml").write_text(
        '[handbook]\ntitle = "Testhåndbok"\nexclude = ["README.md"]\n\n'
        '[site]\npurpose = "Felles rutiner for <b>alle</b>."\n', encoding="utf-8")
    build_site(root, tmp_path / "b", today=TODAY)
    page = read(tmp_path / "b", "index.html")
    assert "Felles rutiner for &lt;b&gt;alle&lt;/b&gt;." in page


def test_document_page_shows_its_facts_in_norwegian(site: Path) -> None:
    page = read(site, "dokumenter/IV.7-2.html")
    assert "<h1>Forpliktende samarbeid</h1>" in page
    assert page.count("<h1>") == 1  # the body's own "# Title" is not repeated
    for label, value in (("Dokument-ID", "IV.7-2"), ("Versjon", "2.0"),
                         ("Ansvarlig", "Enhet for oppvekst"),
                         ("Godkjent av", "Forebyggende forum"),
                         ("Gyldig fra", "1. januar 2026"), ("Revideres innen", "1. januar 2028"),
                         ("Gjelder for", "Skole, Barnehage")):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in page, label
    assert 'status-godkjent">godkjent</span>' in page
    assert "<h2>Endringslogg</h2>" in page
    # newest first, and the summary is escaped
    assert page.index("<td>2.0</td>") < page.index("<td>1.0</td>")
    assert "Ny fremgangsmåte &lt;i&gt;med&lt;/i&gt; samtykke." in page
    assert "Sist endret" not in page  # not in git


def test_markdown_tables_and_task_lists(site: Path) -> None:
    page = read(site, "dokumenter/IV.7-2.html")
    assert "<table>" in page and "<th>Trinn</th>" in page
    assert 'class="task-list-item-checkbox" disabled="disabled" type="checkbox"' in page
    assert 'checked="checked"' in page


def test_draft_and_retired_documents_say_so(tmp_path: Path) -> None:
    root = small_handbook(tmp_path / "hb")
    (root / "vedlegg/gammel.md").write_text(
        doc_text(meta("IV.7.1-9", title="Gammel veileder", type="attachment",
                      status="retired")), encoding="utf-8")
    build_site(root, tmp_path / "site", today=TODAY)
    assert "<strong>Utkast.</strong>" in read(tmp_path / "site", "dokumenter/IV.7.1-11.html")
    assert "<strong>Utgått.</strong>" in read(tmp_path / "site", "dokumenter/IV.7.1-9.html")
    start = read(tmp_path / "site", "index.html")
    retired = start[start.index("Utgåtte dokumenter"):]
    assert "dokumenter/IV.7.1-9.html" in retired


def test_review_date_passed_is_shown(book: Path, tmp_path: Path) -> None:
    build_site(book, tmp_path / "site", today=dt.date(2028, 6, 1))
    assert "Revisjonsdatoen er passert" in read(tmp_path / "site", "dokumenter/IV.7-2.html")


# --- References both ways --------------------------------------------------------------------


def _section(page: str, heading: str) -> str:
    start = page.index(f"<h2>{heading}</h2>")
    return page[start:page.index("</div>", start)]


def test_references_link_both_ways(site: Path) -> None:
    source = read(site, "dokumenter/IV.7-2.html")
    target = read(site, "dokumenter/IV.7.1-5.html")
    assert 'href="../dokumenter/IV.7.1-5.html"' in _section(source, "Viser til")
    referred = _section(target, "Referert fra")
    assert 'href="../dokumenter/IV.7-2.html"' in referred
    assert "Forpliktende samarbeid" in referred


def test_network_mandate_counts_as_a_reference_back(site: Path) -> None:
    referred = _section(read(site, "dokumenter/IV.7-2.html"), "Referert fra")
    assert '<a href="../nettverk/sentrum.html"><span class="dok-id">Nettverk</span>' \
           '<span class="dok-tittel">Tverrfaglig nettverk Sentrum</span></a>' in referred


def test_ids_in_the_body_and_links_to_files_become_page_links(site: Path) -> None:
    page = read(site, "dokumenter/IV.7-2.html")
    body = page[page.index('<div class="tekst">'):page.index("</div>", page.index('"tekst"'))]
    assert '<a href="../dokumenter/IV.7.1-5.html" title="Veileder &lt;i&gt;for&lt;/i&gt; ' \
           'samarbeid" class="dok">IV.7.1-5</a>' in body
    assert '<a href="../dokumenter/IV.7.1-5.html">vedlegget</a>' in body


def test_missing_reference_is_shown_under_force(tmp_path: Path) -> None:
    root = small_handbook(tmp_path / "hb")
    (root / "vedlegg/x.md").write_text(doc_text(meta("IV.7.1-7", type="attachment",
                                                     references=["IV.7-99"])),
                                       encoding="utf-8")
    build_site(root, tmp_path / "site", today=TODAY, force=True)
    page = read(tmp_path / "site", "dokumenter/IV.7.1-7.html")
    assert "IV.7-99" in page and "finnes ikke" in page
    assert "IV.7-99.html" not in page


# --- Law citations --------------------------------------------------------------------------


def test_every_citation_links_to_lovdata_and_repealed_laws_are_marked(site: Path) -> None:
    page = read(site, "dokumenter/IV.7-2.html")
    laws = page[page.index('id="lovhenvisninger"'):page.index("</section>",
                                                               page.index("lovhenvisninger"))]
    assert '<a class="lov" href="https://lovdata.no/lov/2005-06-17-64/§2b">barnehageloven ' \
           '§ 2 b</a>' in laws
    assert 'href="https://lovdata.no/lov/1998-07-17-61/§15-8"' in laws
    assert "opphevet 1. august 2024, erstattet av opplæringslova" in laws
    assert 'href="https://lovdata.no/lov/1999-07-02-64/§21"' in laws  # from the body
    # ... and the body's citation is a link where it stands
    body = page[page.index('<div class="tekst">'):]
    assert '<a href="https://lovdata.no/lov/1999-07-02-64/§21" class="lov"' in body


def test_repealed_law_in_the_body_is_marked_where_it_stands(tmp_path: Path) -> None:
    root = small_handbook(tmp_path / "hb")
    (root / "vedlegg/x.md").write_text(doc_text(
        meta("IV.7.1-7", type="attachment"),
        "Etter barnevernloven § 3-2 (LOV-1992-07-17-100 § 3-2) skulle tjenesten samarbeide.\n"),
        encoding="utf-8")
    build_site(root, tmp_path / "site", today=TODAY)
    page = read(tmp_path / "site", "dokumenter/IV.7.1-7.html")
    assert 'href="https://lovdata.no/lov/1992-07-17-100/§3-2" class="lov opphevet"' in page
    assert '<span class="merknad">(opphevet)</span>' in page


# --- Escaping: no text from a document becomes markup --------------------------------------------


def test_script_in_a_body_is_text(site: Path) -> None:
    page = read(site, "dokumenter/IV.7.1-5.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;fet&lt;/b&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<script>alert" not in page and "<img" not in page and "<b>fet" not in page
    assert "javascript:" not in page.replace("[klikk](javascript:alert(3))", "")
    assert "Veileder &lt;i&gt;for&lt;/i&gt; samarbeid" in page
    assert page.count("<script") == 1  # only the site's own search script


def test_script_in_the_search_index_stays_data(site: Path) -> None:
    index = json.loads(read(site, SEARCH_JSON))
    doc = next(d for d in index["dokumenter"] if d["id"] == "IV.7.1-5")
    assert "<script>alert(1)</script>" in doc["tekst"]  # data, shown with textContent
    wrapped = read(site, SEARCH_JS)
    assert wrapped.startswith("window.TVF_SOKEINDEKS=")
    assert json.loads(wrapped.removeprefix("window.TVF_SOKEINDEKS=").rstrip(";\n")) == index


def test_search_index_holds_titles_ids_and_text(site: Path) -> None:
    index = json.loads(read(site, SEARCH_JSON))
    by_url = {d["url"]: d for d in index["dokumenter"]}
    doc = by_url["dokumenter/IV.7-2.html"]
    assert doc["id"] == "IV.7-2" and doc["tittel"] == "Forpliktende samarbeid"
    assert doc["type"] == "Prosedyre" and doc["status"] == "godkjent"
    assert "Bruk veilederen IV.7.1-5" in doc["tekst"]
    assert by_url["dokumenter/IV.7.1-11.html"]["kode"] == "V01"
    assert by_url["nettverk/sentrum.html"]["type"] == "Nettverk"
    assert "Kartlegge fravær" in by_url["nettverk/sentrum/2026-09-17-referat.html"]["tekst"]


# --- Measures and networks -----------------------------------------------------------------


def test_measures_catalogue_groups_by_target_group(site: Path) -> None:
    page = read(site, "tiltak.html")
    groups = [part.split("</h2>")[0] for part in page.split("<h2>")[1:]]
    assert groups == ["Barneverntjenesten", "Kultur og fritid", "Skole"]
    skole = page[page.index("<h2>Skole</h2>"):]
    assert 'href="dokumenter/IV.7.1-11.html"' in skole and "V01" in skole
    assert page.count('href="dokumenter/IV.7.1-11.html"') == 2  # Skole and Kultur og fritid


def test_network_page_has_leader_members_plan_mandate_and_minutes(site: Path) -> None:
    page = read(site, "nettverk/sentrum.html")
    assert "<dt>Leder</dt><dd>Kari Nordmann, Rektor</dd>" in page
    assert "1. august 2026 – 31. juli 2027" in page
    assert "<td>PPT</td><td>PP-rådgiver</td>" in page
    assert "3 møter i året" in page
    assert '<a href="../dokumenter/IV.7-2.html">IV.7-2 Forpliktende samarbeid</a>' in page
    assert 'href="sentrum/2026-09-17-referat.html"' in page
    assert "1 åpne punkter" in page or "1 åpent punkt" in page
    minutes = read(site, "nettverk/sentrum/2026-09-17-referat.html")
    assert 'href="../sentrum.html"' in minutes
    assert "Kartlegge fravær" in minutes and "task-list-item-checkbox" in minutes


# --- Refusing to publish --------------------------------------------------------------------


def test_refuses_a_handbook_with_errors_and_writes_nothing(book: Path, tmp_path: Path) -> None:
    (book / "vedlegg/x.md").write_text(doc_text(meta("IV.7.1-7", references=["IV.7-99"])),
                                       encoding="utf-8")
    out = tmp_path / "site"
    with pytest.raises(BuildRefused) as info:
        build_site(book, out, today=TODAY)
    assert info.value.exit_code == 1
    assert "1 feil i 1 fil" in info.value.message
    assert "vedlegg/x.md:" in info.value.message and "TVF101" in info.value.message
    assert "--force" in (info.value.hint or "")
    assert not out.exists()
    result = build_site(book, out, today=TODAY, force=True)
    assert result.report.errors == 1
    assert (out / "dokumenter/IV.7.1-7.html").is_file()


def test_national_id_is_never_published_not_even_with_force(book: Path, tmp_path: Path) -> None:
    (book / "vedlegg/x.md").write_text(
        doc_text(meta("IV.7.1-7", type="attachment"), "Barnet 01010150074 ble meldt.\n"),
        encoding="utf-8")
    with pytest.raises(BuildRefused) as info:
        build_site(book, tmp_path / "site", today=TODAY, force=True)
    assert "heller ikke med --force" in info.value.message
    assert "01010150074" not in str(info.value)
    assert not (tmp_path / "site").exists()


def test_refuses_the_handbook_folder_as_output(book: Path) -> None:
    with pytest.raises(TvfError, match="mappen er håndboka"):
        build_site(book, book, today=TODAY)
    with pytest.raises(TvfError, match="mappen er håndboka"):
        build_site(book, book.parent, today=TODAY)


def test_documents_without_a_usable_id_get_no_page_under_force(book: Path,
                                                                tmp_path: Path) -> None:
    (book / "vedlegg/x.md").write_text(doc_text(meta("../../etc-1", type="attachment")),
                                       encoding="utf-8")
    result = build_site(book, tmp_path / "site", today=TODAY, force=True)
    assert any("vedlegg/x.md" in s for s in result.skipped)
    assert not list((tmp_path).rglob("etc-1*"))


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


def test_changed_document_rewrites_only_the_pages_that_show_it(book: Path,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(book, out, today=TODAY)
    path = book / "planer/plan.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nNy setning.\n", encoding="utf-8")
    result = build_site(book, out, today=TODAY)
    assert set(result.written) == {"dokumenter/I.5-1.html", SEARCH_JSON, SEARCH_JS}


def test_deleted_document_loses_its_page_and_other_files_stay(book: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(book, out, today=TODAY)
    (out / "egen-fil.txt").write_text("min", encoding="utf-8")
    (book / "planer/plan.md").unlink()
    result = build_site(book, out, today=TODAY)
    assert result.removed == ("dokumenter/I.5-1.html",)
    assert not (out / "dokumenter/I.5-1.html").exists()
    assert (out / "egen-fil.txt").read_text(encoding="utf-8") == "min"
    assert "dokumenter/I.5-1.html" not in read(out, "index.html")
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


def test_manifest_cannot_make_the_build_delete_outside_the_site(book: Path,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "site"
    victim = tmp_path / "offer.txt"
    victim.write_text("bli", encoding="utf-8")
    out.mkdir()
    (out / MANIFEST).write_text(json.dumps({"files": ["../offer.txt", str(victim)]}),
                                encoding="utf-8")
    build_site(book, out, today=TODAY)
    assert victim.read_text(encoding="utf-8") == "bli"


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
    plan = read(tmp_path / "site", "dokumenter/I.5-1.html")
    other = read(tmp_path / "site", "dokumenter/IV.7-2.html")
    assert '<dt>Sist endret</dt><dd><time datetime="2026-05-06">6. mai 2026</time></dd>' in plan
    assert '<time datetime="2026-03-04">4. mars 2026</time>' in other


# --- Templates, the bundled handbook and the CLI --------------------------------------------


def test_handbook_templates_override_the_packaged_ones(book: Path, tmp_path: Path) -> None:
    (book / "templates/site/static").mkdir(parents=True)
    (book / "templates/site/static/tvf.css").write_text("body { color: red }\n",
                                                        encoding="utf-8")
    build_site(book, tmp_path / "site", today=TODAY)
    assert read(tmp_path / "site", "static/tvf.css") == "body { color: red }\n"
    assert (tmp_path / "site/static/sok.js").is_file()


def test_bundled_handbook_builds_whole(tmp_path: Path) -> None:
    """Its speed is measured by bench/bench_build.py."""
    out = tmp_path / "site"
    result = build_site(BUNDLED, out, today=TODAY)
    assert result.report.errors == 0
    assert result.skipped == ()
    docs = load_handbook(BUNDLED).documents
    published = [d for d in docs if d.is_handbook_document or d.type in ("network", "agenda",
                                                                        "minutes")]
    assert result.pages == len(published) + 3  # and the start page, catalogue and search
    assert assert_links_resolve(out) > 500
    page = read(out, "dokumenter/IV.7-2.html")
    assert 'href="https://lovdata.no/lov/2005-06-17-64/§2b"' in page
    catalogue = read(out, "tiltak.html")
    for code in (f"V{n:02d}" for n in range(1, 24)):
        assert f'<span class="dok-kode">{code}</span>' in catalogue, code


def test_cli_build(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    args = ["build", "--handbook", str(book), "--out", str(out), "--today", "2026-11-25"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"sider i {out}/" in result.output and "0 uendret" in result.output
    again = runner.invoke(app, args)
    assert "0 filer skrevet" in again.output and "0 fjernet" in again.output


def test_cli_refusal_exits_1_with_the_findings(book: Path, tmp_path: Path) -> None:
    (book / "vedlegg/x.md").write_text(doc_text(meta("IV.7.1-7", references=["IV.7-99"])),
                                       encoding="utf-8")
    args = ["build", "-H", str(book), "-o", str(tmp_path / "site"), "--today", "2026-11-25"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "publiseres ikke" in result.output and "TVF101" in result.output
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0
    assert "tvf check fant 1 feil; bygd likevel fordi --force er gitt" in forced.output


def test_cli_dry_run_lists_what_it_would_write(book: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "-H", str(book), "-o", str(tmp_path / "site"),
                                 "--dry-run", "--today", "2026-11-25"])
    assert result.exit_code == 0, result.output
    assert "skriv  index.html" in result.output
    assert not (tmp_path / "site").exists()


def test_worker_processes_build_the_same_site(book: Path, tmp_path: Path) -> None:
    one = build_site(book, tmp_path / "one", today=TODAY, jobs=1)
    two = build_site(book, tmp_path / "two", today=TODAY, jobs=2)
    assert sorted(one.files) == sorted(two.files) and one.pages == two.pages
    for rel in one.files:
        assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes(), rel
    again = build_site(book, tmp_path / "two", today=TODAY, jobs=2)
    assert again.written == ()


# --- Files the documents link to --------------------------------------------------------------


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


def test_images_and_linked_files_of_the_handbook_are_copied(tmp_path: Path) -> None:
    root = small_handbook(tmp_path / "hb")
    (root / "prosedyrer/bilder").mkdir()
    (root / "prosedyrer/bilder/flytskjema å.png").write_bytes(PNG)
    (root / "vedlegg/skjema.pdf").write_bytes(b"%PDF-1.4 skjema")
    page = root / "prosedyrer/iv-7-2.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n![Flytskjema](<bilder/flytskjema å.png>)\n\n"
                    "Fyll ut [skjemaet (PDF)](../vedlegg/skjema.pdf#side=2).\n",
                    encoding="utf-8")
    out = tmp_path / "site"
    result = build_site(root, out, today=TODAY)
    assert result.broken_links == ()
    assert (out / "filer/prosedyrer/bilder/flytskjema å.png").read_bytes() == PNG
    assert (out / "filer/vedlegg/skjema.pdf").read_bytes() == b"%PDF-1.4 skjema"
    html = read(out, "dokumenter/IV.7-2.html")
    assert 'src="../filer/prosedyrer/bilder/flytskjema%20%C3%A5.png"' in html
    assert 'href="../filer/vedlegg/skjema.pdf#side=2"' in html
    assert_links_resolve(out)

    # The link goes, and so does the copy.
    page.write_text(page.read_text(encoding="utf-8").replace("![Flytskjema]", "Flytskjema "),
                    encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8").replace(
        "(<bilder/flytskjema å.png>)", ""), encoding="utf-8")
    again = build_site(root, out, today=TODAY)
    assert "filer/prosedyrer/bilder/flytskjema å.png" in again.removed
    assert not (out / "filer/prosedyrer/bilder").exists()


def test_links_to_missing_or_outside_files_are_reported_not_copied(tmp_path: Path) -> None:
    root = small_handbook(tmp_path / "hb")
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("utenfor håndboka\n", encoding="utf-8")
    (root / "vedlegg/lenke.txt").symlink_to(secret)
    (root / ".git-notat.txt").write_text("skjult\n", encoding="utf-8")
    page = root / "prosedyrer/iv-7-2.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n![Mangler](bilder/finnes-ikke.png)\n\n[Ut](../../hemmelig.txt) "
                    "[Lenket](../vedlegg/lenke.txt) [Skjult](../.git-notat.txt) "
                    "[Nett](https://example.org/skjema.pdf) [Anker](#fremgangsmate)\n",
                    encoding="utf-8")
    out = tmp_path / "site"
    result = build_site(root, out, today=TODAY)
    assert result.broken_links == (
        "prosedyrer/iv-7-2.md: ../../hemmelig.txt finnes ikke i håndboka",
        "prosedyrer/iv-7-2.md: ../.git-notat.txt finnes ikke i håndboka",
        "prosedyrer/iv-7-2.md: ../vedlegg/lenke.txt finnes ikke i håndboka",
        "prosedyrer/iv-7-2.md: bilder/finnes-ikke.png finnes ikke i håndboka",
    )
    assert not (out / "filer").exists()
    html = read(out, "dokumenter/IV.7-2.html")
    assert 'href="https://example.org/skjema.pdf"' in html

    cli = runner.invoke(app, ["build", "--handbook", str(root), "--out", str(tmp_path / "s2"),
                              "--today", TODAY.isoformat()])
    assert cli.exit_code == 0, cli.output
    assert ("Lenke til en fil som mangler: prosedyrer/iv-7-2.md: bilder/finnes-ikke.png "
            "finnes ikke i håndboka") in cli.output


def test_linked_files_are_copied_when_pages_render_in_worker_processes(tmp_path: Path) -> None:
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("worker processes need fork")
    root = small_handbook(tmp_path / "hb")
    (root / "vedlegg/skjema.pdf").write_bytes(b"%PDF-1.4")
    page = root / "prosedyrer/iv-7-2.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Skjema](../vedlegg/skjema.pdf) "
                    "[Borte](../vedlegg/borte.pdf)\n", encoding="utf-8")
    out = tmp_path / "site"
    result = build_site(root, out, today=TODAY, jobs=2)
    assert (out / "filer/vedlegg/skjema.pdf").read_bytes() == b"%PDF-1.4"
    assert result.broken_links == (
        "prosedyrer/iv-7-2.md: ../vedlegg/borte.pdf finnes ikke i håndboka",)
    assert os.access(out / "filer/vedlegg/skjema.pdf", os.R_OK)
