"""Markdown bodies (tverrfaglig.site.markdown): tables and task lists, IDs, law citations and
links to the handbook's files rewritten where they stand, and no text from a document becoming
markup.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.site import build_site
from tverrfaglig.site.markdown import _local_target, fit_headings, markdown_parser, plain_text

from helpers import TODAY, doc_text, meta, site_text, small_handbook

runner = CliRunner()


def test_markdown_tables_and_task_lists(site: Path) -> None:
    page = site_text(site, "dokumenter/IV.7-2.html")
    assert "<table>" in page and "<th>Trinn</th>" in page
    assert 'class="task-list-item-checkbox" disabled="disabled" type="checkbox"' in page
    assert 'checked="checked"' in page


def test_ids_in_the_body_and_links_to_files_become_page_links(site: Path) -> None:
    page = site_text(site, "dokumenter/IV.7-2.html")
    body = page[page.index('<div class="tekst">') : page.index("</div>", page.index('"tekst"'))]
    assert (
        '<a href="../dokumenter/IV.7.1-5.html" title="Veileder &lt;i&gt;for&lt;/i&gt; '
        'samarbeid" class="dok">IV.7.1-5</a>' in body
    )
    assert '<a href="../dokumenter/IV.7.1-5.html">vedlegget</a>' in body


def test_repealed_law_in_the_body_is_marked_where_it_stands(tmp_path: Path) -> None:
    root = small_handbook(tmp_path / "hb")
    (root / "vedlegg/x.md").write_text(
        doc_text(
            meta("IV.7.1-7", type="attachment"),
            "Etter barnevernloven § 3-2 (LOV-1992-07-17-100 § 3-2) skulle tjenesten samarbeide.\n",
        ),
        encoding="utf-8",
    )
    build_site(root, tmp_path / "site", today=TODAY)
    page = site_text(tmp_path / "site", "dokumenter/IV.7.1-7.html")
    assert 'href="https://lovdata.no/lov/1992-07-17-100/§3-2" class="lov opphevet"' in page
    assert '<span class="merknad">(opphevet)</span>' in page


def test_script_in_a_body_is_text(site: Path) -> None:
    page = site_text(site, "dokumenter/IV.7.1-5.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;fet&lt;/b&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<script>alert" not in page and "<img" not in page and "<b>fet" not in page
    assert "javascript:" not in page.replace("[klikk](javascript:alert(3))", "")
    assert "Veileder &lt;i&gt;for&lt;/i&gt; samarbeid" in page
    assert page.count("<script") == 1  # only the site's own search script


def test_links_to_missing_or_outside_files_are_reported_not_copied(tmp_path: Path) -> None:
    root = small_handbook(tmp_path / "hb")
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("utenfor håndboka\n", encoding="utf-8")
    (root / "vedlegg/lenke.txt").symlink_to(secret)
    (root / ".git-notat.txt").write_text("skjult\n", encoding="utf-8")
    page = root / "prosedyrer/iv-7-2.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n![Mangler](bilder/finnes-ikke.png)\n\n[Ut](../../hemmelig.txt) "
        "[Lenket](../vedlegg/lenke.txt) [Skjult](../.git-notat.txt) "
        "[Nett](https://example.org/skjema.pdf) [Anker](#fremgangsmate)\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = build_site(root, out, today=TODAY)
    assert result.broken_links == (
        "prosedyrer/iv-7-2.md: ../../hemmelig.txt finnes ikke i håndboka",
        "prosedyrer/iv-7-2.md: ../.git-notat.txt finnes ikke i håndboka",
        "prosedyrer/iv-7-2.md: ../vedlegg/lenke.txt finnes ikke i håndboka",
        "prosedyrer/iv-7-2.md: bilder/finnes-ikke.png finnes ikke i håndboka",
    )
    assert not (out / "filer").exists()
    html = site_text(out, "dokumenter/IV.7-2.html")
    assert 'href="https://example.org/skjema.pdf"' in html

    cli = runner.invoke(
        app,
        [
            "build",
            "--handbook",
            str(root),
            "--out",
            str(tmp_path / "s2"),
            "--today",
            TODAY.isoformat(),
        ],
    )
    assert cli.exit_code == 0, cli.output
    assert (
        "Lenke til en fil som mangler: prosedyrer/iv-7-2.md: bilder/finnes-ikke.png "
        "finnes ikke i håndboka"
    ) in cli.output


# --- The parts, without a build -------------------------------------------------------------


def test_the_title_heading_is_dropped_and_other_h1_become_h2() -> None:
    md = markdown_parser()
    tokens = fit_headings(
        md.parse("#  Forpliktende   samarbeid\n\nTekst.\n\n# Del\n\n`kode`\n"),
        "Forpliktende samarbeid",
    )
    assert md.renderer.render(tokens, md.options, {}) == (
        "<p>Tekst.</p>\n<h2>Del</h2>\n<p><code>kode</code></p>\n"
    )
    assert plain_text(tokens) == "Tekst. Del kode"


def test_only_relative_links_are_local() -> None:
    assert _local_target("../vedlegg/x.md#trinn") == ("../vedlegg/x.md", "trinn")
    assert _local_target("bilder/flyt.png") == ("bilder/flyt.png", "")
    for href in (
        "https://lovdata.no/",
        "mailto:post@example.org",
        "#trinn",
        "/etc/passwd",
        "?q=1",
        "",
        None,
    ):
        assert _local_target(href) is None, href


def test_a_bodys_only_h1_is_its_title_even_in_a_shorter_form() -> None:
    md = markdown_parser()
    tokens = fit_headings(
        md.parse("# Opplysningsplikt ved omsorgssvikt\n\nTekst.\n\n## Del\n"),
        "Opplysningsplikt til barneverntjenesten ved omsorgssvikt",
    )
    assert md.renderer.render(tokens, md.options, {}) == "<p>Tekst.</p>\n<h2>Del</h2>\n"
    sections = fit_headings(md.parse("# Formål\n\nA.\n\n# Ansvar\n\nB.\n"), "Rutine")
    assert md.renderer.render(sections, md.options, {}) == (
        "<h2>Formål</h2>\n<p>A.</p>\n<h2>Ansvar</h2>\n<p>B.</p>\n"
    )


def test_task_list_check_boxes_are_named_by_their_label() -> None:
    html = markdown_parser().render("- [ ] Kartlegge *fravær*\n")
    assert (
        '<li class="task-list-item"><label><input class="task-list-item-checkbox" '
        'disabled="disabled" type="checkbox"> Kartlegge <em>fravær</em></label></li>'
    ) in html
