"""``tvf outdated``'s renderers (render/outdated.py): Markdown escaping, CSV, and the refusal of
a report that would show a national identity number, also when called as a library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.errors import TvfError
from tverrfaglig.outdated import outdated
from tverrfaglig.render import outdated as outdated_module
from tverrfaglig.render.outdated import (
    render_csv,
    render_json,
    render_markdown,
    render_outdated_table,
)

from helpers import TODAY, doc_text, handbook, meta, valid_number

runner = CliRunner()


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["outdated", "--handbook", str(root), "--today", TODAY.isoformat(), *args]
    )
    return result.exit_code, result.output


def test_markdown_escapes_text_from_documents(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(
                meta(
                    "IV.7-2",
                    title="Ny *rutine* [se](https://example.invalid) `kode` <b>",
                    review_by=dt.date(2027, 1, 1),
                )
            )
        },
    )
    out = render_markdown(outdated(root, today=TODAY))
    assert r"«Ny \*rutine\* [se\](https://example.invalid) \`kode\` \<b\>»" in out


def test_render_csv_has_a_header_even_when_empty(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta("IV.7-2"))})
    report = outdated(root, today=TODAY)
    assert report.items == ()
    assert render_csv(report).splitlines() == [",".join(outdated_module.CSV_FIELDS)]
    assert "Ingenting er utdatert." in render_markdown(report)
    status, out = cli(root)
    assert status == 0 and "Ingenting er utdatert" in out


def test_every_renderer_refuses_a_national_identity_number(tmp_path: Path) -> None:
    number = valid_number(15, 5)
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(
                meta("IV.7-2", title=f"Oppfølging av {number}", review_by=dt.date(2026, 1, 1))
            )
        },
    )
    report = outdated(root, today=TODAY)
    for render in (render_json, render_csv, render_markdown):
        for by_owner in (False, True):
            with pytest.raises(TvfError, match="fødselsnummer") as refused:
                render(report, by_owner=by_owner)
            assert number not in str(refused.value)
    console = Console(record=True, width=200)
    with pytest.raises(TvfError, match="fødselsnummer"):
        render_outdated_table(report, console, by_owner=False)
    assert console.export_text() == ""  # nothing printed before the refusal
