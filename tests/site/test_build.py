"""``tvf build`` as a whole (tverrfaglig.site.build): the purpose on the start page, the refusal
to publish a handbook with errors or a national identity number, the bundled handbook, and the
command line.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.errors import TvfError
from tverrfaglig.handbook import load_handbook
from tverrfaglig.site import BuildRefused, build_site

from helpers import BUNDLED, TODAY, assert_links_resolve, doc_text, meta, site_text, small_handbook

runner = CliRunner()


def test_purpose_from_tvf_toml_or_readme(tmp_path: Path) -> None:
    root = small_handbook(tmp_path / "hb")
    (root / "README.md").write_text(
        "# Om denne mappen\n\nFor vedlikeholdere.\n\n## Formål\n\nHåndboka hjelper *alle* "
        "ansatte\nå samarbeide.\n\nAndre avsnitt.\n",
        encoding="utf-8",
    )
    (root / "tvf.toml").write_text(
        '[handbook]\ntitle = "Testhåndbok"\nexclude = ["README.md"]\n', encoding="utf-8"
    )
    build_site(root, tmp_path / "a", today=TODAY)
    page = site_text(tmp_path / "a", "index.html")
    assert "<p>Håndboka hjelper <em>alle</em> ansatte å samarbeide.</p>" in page
    assert "Andre avsnitt" not in page and "vedlikeholdere" not in page

    (root / "tvf.toml").write_text(
        '[handbook]\ntitle = "Testhåndbok"\nexclude = ["README.md"]\n\n'
        '[site]\npurpose = "Felles rutiner for <b>alle</b>."\n',
        encoding="utf-8",
    )
    build_site(root, tmp_path / "b", today=TODAY)
    page = site_text(tmp_path / "b", "index.html")
    assert "Felles rutiner for &lt;b&gt;alle&lt;/b&gt;." in page


# --- Refusing to publish --------------------------------------------------------------------


def test_refuses_a_handbook_with_errors_and_writes_nothing(book: Path, tmp_path: Path) -> None:
    (book / "vedlegg/x.md").write_text(
        doc_text(meta("IV.7.1-7", references=["IV.7-99"])), encoding="utf-8"
    )
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
        encoding="utf-8",
    )
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


def test_the_garbage_collector_runs_again_after_a_build_and_after_a_refusal(
    book: Path, tmp_path: Path
) -> None:
    # The build turns Python's cyclic collector off while it runs (speed); it must never
    # leave it off for the rest of the process, whether the build ends well or is refused.
    assert gc.isenabled()
    build_site(book, tmp_path / "site", today=TODAY)
    assert gc.isenabled()
    (book / "vedlegg/x.md").write_text(
        doc_text(meta("IV.7.1-7", references=["IV.7-99"])), encoding="utf-8"
    )
    with pytest.raises(BuildRefused):
        build_site(book, tmp_path / "site", today=TODAY)
    assert gc.isenabled()
    gc.disable()
    try:  # and a caller that had turned it off finds it off
        build_site(book, tmp_path / "site", today=TODAY, force=True)
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- The bundled handbook and the CLI ---------------------------------------------------------


def test_bundled_handbook_builds_whole(tmp_path: Path) -> None:
    """Its speed is measured by bench/bench_build.py."""
    out = tmp_path / "site"
    result = build_site(BUNDLED, out, today=TODAY)
    assert result.report.errors == 0
    assert result.skipped == ()
    docs = load_handbook(BUNDLED).documents
    published = [
        d for d in docs if d.is_handbook_document or d.type in ("network", "agenda", "minutes")
    ]
    assert result.pages == len(published) + 3  # and the start page, catalogue and search
    assert assert_links_resolve(out) > 500
    page = site_text(out, "dokumenter/IV.7-2.html")
    assert 'href="https://lovdata.no/lov/2005-06-17-64/§2b"' in page
    catalogue = site_text(out, "tiltak.html")
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
    (book / "vedlegg/x.md").write_text(
        doc_text(meta("IV.7.1-7", references=["IV.7-99"])), encoding="utf-8"
    )
    args = ["build", "-H", str(book), "-o", str(tmp_path / "site"), "--today", "2026-11-25"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "publiseres ikke" in result.output and "TVF101" in result.output
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0
    assert "tvf check fant 1 feil; bygd likevel fordi --force er gitt" in forced.output


def test_cli_dry_run_lists_what_it_would_write(book: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "build",
            "-H",
            str(book),
            "-o",
            str(tmp_path / "site"),
            "--dry-run",
            "--today",
            "2026-11-25",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "skriv  index.html" in result.output
    assert not (tmp_path / "site").exists()
