"""``tvf check``, ``tvf list`` and ``tvf show`` through typer's CliRunner: exit codes,
discovery of the handbook, filters, and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app

from helpers import handbook, three_documents

runner = CliRunner()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return three_documents(tmp_path / "hb")


def test_check_clean_exit_0(book: Path) -> None:
    result = runner.invoke(app, ["check", "--handbook", str(book), "--today", "2026-11-25"])
    assert result.exit_code == 0, result.output
    assert "Ingen funn i 3 dokumenter" in result.output


def test_warnings_exit_0_but_1_under_strict(book: Path) -> None:
    args = ["check", "--handbook", str(book), "--today", "2027-06-01"]
    assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, [*args, "--strict"])
    assert result.exit_code == 1
    assert "TVF301" in result.output


@pytest.mark.parametrize("args", [["--handbook", "/finnes/ikke"], ["--format", "xml"]])
def test_cannot_run_exit_2(book: Path, args: list[str]) -> None:
    result = runner.invoke(
        app, ["check", *args] if args[0] != "--format" else ["check", "-H", str(book), *args]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_missing_tvf_toml_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["check", "--handbook", str(tmp_path)])
    assert result.exit_code == 2
    assert "tvf.toml" in result.stderr


def test_bad_tvf_toml_exit_2_with_line(tmp_path: Path) -> None:
    handbook(tmp_path, toml="[handbook]\ntitle = T\n")
    result = runner.invoke(app, ["check", "--handbook", str(tmp_path)])
    assert result.exit_code == 2
    assert "tvf.toml" in result.stderr and "line 2" in result.stderr


def test_no_handbook_found_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "Fant ingen håndbok" in result.stderr


def test_discovery_upward_and_handbook_fallback(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(book / "vedlegg")
    assert runner.invoke(app, ["check", "--today", "2026-11-25"]).exit_code == 0
    parent = book.parent
    book.rename(parent / "handbook")
    monkeypatch.chdir(parent)
    result = runner.invoke(app, ["list", "-f", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 3


def test_list_table_and_filters(book: Path) -> None:
    result = runner.invoke(app, ["list", "-H", str(book)])
    assert result.exit_code == 0
    assert "Forpliktende samarbeid" in result.output
    result = runner.invoke(app, ["list", "-H", str(book), "--type", "measure", "-f", "json"])
    assert json.loads(result.stdout) == [
        {
            "id": "IV.7.1-11",
            "code": "V01",
            "title": "Centrum fritidsklubb",
            "type": "measure",
            "status": "draft",
            "owner": "Enhet for oppvekst",
            "review_by": "2028-01-01",
        }
    ]
    result = runner.invoke(app, ["list", "-H", str(book), "--owner", "ppt", "-f", "json"])
    assert [d["id"] for d in json.loads(result.stdout)] == ["IV.7.1-5"]
    result = runner.invoke(app, ["list", "-H", str(book), "--status", "approved", "-f", "json"])
    assert [d["id"] for d in json.loads(result.stdout)] == ["IV.7-2", "IV.7.1-5"]


def test_show_references_both_ways_and_law_links(book: Path) -> None:
    result = runner.invoke(app, ["show", "IV.7-2", "-H", str(book)])
    assert result.exit_code == 0, result.output
    assert "IV.7.1-5  Veileder" in result.output
    assert "https://lovdata.no/lov/2005-06-17-64/§2b" in result.output
    result = runner.invoke(app, ["show", "IV.7.1-5", "-H", str(book)])
    assert "Referert fra" in result.output
    assert "IV.7-2  Forpliktende samarbeid  (prosedyrer/a.md)" in result.output


def test_show_by_measure_code_and_unknown_id(book: Path) -> None:
    assert "Centrum fritidsklubb" in runner.invoke(app, ["show", "V01", "-H", str(book)]).output
    result = runner.invoke(app, ["show", "IV.9-9", "-H", str(book)])
    assert result.exit_code == 2
    assert "Fant ikke dokumentet «IV.9-9»" in result.stderr


@pytest.mark.parametrize(
    ("norwegian", "english"),
    [
        (
            ["--type", "prosedyre", "--status", "godkjent"],
            ["--type", "procedure", "--status", "approved"],
        ),
        (
            ["-t", "vedlegg", "-t", "tiltak", "-s", "utkast"],
            ["-t", "attachment", "-t", "measure", "-s", "draft"],
        ),
        (["--status", "utgått"], ["--status", "retired"]),
    ],
)
def test_list_takes_the_norwegian_values_it_shows(
    book: Path, norwegian: list[str], english: list[str]
) -> None:
    args = ["list", "--handbook", str(book), "--format", "json"]
    no = runner.invoke(app, [*args, *norwegian])
    en = runner.invoke(app, [*args, *english])
    assert no.exit_code == 0, no.output
    assert json.loads(no.stdout) == json.loads(en.stdout)
