"""The CLI through typer's CliRunner: exit codes, formats, discovery, list, show and laws."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app

from helpers import doc_text, handbook, meta

runner = CliRunner()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return handbook(tmp_path / "hb", {
        "prosedyrer/a.md": doc_text(
            meta("IV.7-2", title="Forpliktende samarbeid", references=["IV.7.1-5"],
                 legal_basis=["barnehageloven § 2 b"]),
            "Se IV.7.1-5.\n"),
        "vedlegg/b.md": doc_text(meta("IV.7.1-5", title="Veileder", type="attachment",
                                      owner="PPT", review_by=dt.date(2027, 3, 1))),
        "tiltak/v01.md": doc_text(meta("IV.7.1-11", title="Centrum fritidsklubb", type="measure",
                                       code="V01", status="draft")),
    })


def test_check_clean_exit_0(book: Path) -> None:
    result = runner.invoke(app, ["check", "--handbook", str(book), "--today", "2026-11-25"])
    assert result.exit_code == 0, result.output
    assert "Ingen funn i 3 dokumenter" in result.output


def test_check_errors_exit_1_grouped_by_file(book: Path) -> None:
    (book / "vedlegg/c.md").write_text(doc_text(meta("IV.7.1-6", references=["IV.7-99"])),
                                       encoding="utf-8")
    result = runner.invoke(app, ["check", "--handbook", str(book), "--today", "2026-11-25"])
    assert result.exit_code == 1
    assert "vedlegg/c.md\n  vedlegg/c.md:12  TVF101 feil" in result.output
    assert "1 feil i 1 fil (4 dokumenter sjekket)" in result.output


def test_warnings_exit_0_but_1_under_strict(book: Path) -> None:
    args = ["check", "--handbook", str(book), "--today", "2027-06-01"]
    assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, [*args, "--strict"])
    assert result.exit_code == 1
    assert "TVF301" in result.output


def test_json_format_is_the_contract(book: Path) -> None:
    (book / "x.md").write_text("ingen front matter\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "-H", str(book), "--format", "json",
                                 "--today", "2027-06-01"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data == [
        {"code": "TVF301", "severity": "warning", "path": "vedlegg/b.md", "line": 10,
         "message": data[0]["message"]},
        {"code": "TVF001", "severity": "error", "path": "x.md", "line": 1,
         "message": data[1]["message"]},
    ]


def test_json_is_an_empty_array_when_clean(book: Path) -> None:
    result = runner.invoke(app, ["check", "-H", str(book), "-f", "json", "--today", "2026-11-25"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_github_annotations(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (book / "vedlegg/c.md").write_text(doc_text(meta("IV.7.1-6", references=["IV.7-99"])),
                                       encoding="utf-8")
    monkeypatch.chdir(book.parent)
    result = runner.invoke(app, ["check", "-f", "github", "--today", "2027-06-01"],
                           env={"TVF_HANDBOOK": "hb"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::warning file=hb/vedlegg/b.md,line=10,title=TVF301::")
    assert lines[1].startswith("::error file=hb/vedlegg/c.md,line=12,title=TVF101::Referanse til")


@pytest.mark.parametrize("args", [["--handbook", "/finnes/ikke"], ["--format", "xml"]])
def test_cannot_run_exit_2(book: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["check", *args] if args[0] != "--format"
                           else ["check", "-H", str(book), *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_missing_tvf_toml_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["check", "--handbook", str(tmp_path)])
    assert result.exit_code == 2
    assert "tvf.toml" in result.stderr


def test_bad_tvf_toml_exit_2_with_line(tmp_path: Path) -> None:
    handbook(tmp_path, toml='[handbook]\ntitle = T\n')
    result = runner.invoke(app, ["check", "--handbook", str(tmp_path)])
    assert result.exit_code == 2
    assert "tvf.toml" in result.stderr and "line 2" in result.stderr


def test_no_handbook_found_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "Fant ingen håndbok" in result.stderr


def test_discovery_upward_and_handbook_fallback(book: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
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
    assert json.loads(result.stdout) == [{
        "id": "IV.7.1-11", "code": "V01", "title": "Centrum fritidsklubb", "type": "measure",
        "status": "draft", "owner": "Enhet for oppvekst", "review_by": "2028-01-01"}]
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


def test_laws_lists_the_merged_registry(book: Path) -> None:
    (book / "laws.yaml").write_text(
        "- id: LOV-2020-11-06-127\n  title: Lov om integrering (integreringsloven)\n"
        "  names: [integreringsloven]\n", encoding="utf-8")
    result = runner.invoke(app, ["laws", "-H", str(book), "-f", "json", "--today", "2026-11-25"])
    assert result.exit_code == 0
    laws = {law["id"]: law for law in json.loads(result.stdout)}
    assert laws["LOV-2020-11-06-127"]["names"] == ["integreringsloven"]
    assert laws["LOV-1998-07-17-61"]["in_force"] is False
    assert laws["LOV-1998-07-17-61"]["replaced_by"] == "LOV-2023-06-09-30"
    table = runner.invoke(app, ["laws", "-H", str(book)])
    assert "barnehageloven" in table.output


def test_version_and_help() -> None:
    assert runner.invoke(app, ["--version"]).output.startswith("tvf ")
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("check", "list", "show", "laws"):
        assert command in result.output
