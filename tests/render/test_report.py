"""The check report as text (grouped by file), JSON (the contract) and GitHub annotations,
through ``tvf check``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app

from helpers import doc_text, meta, three_documents

runner = CliRunner()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return three_documents(tmp_path / "hb")


def test_check_errors_exit_1_grouped_by_file(book: Path) -> None:
    (book / "vedlegg/c.md").write_text(
        doc_text(meta("IV.7.1-6", references=["IV.7-99"])), encoding="utf-8"
    )
    result = runner.invoke(app, ["check", "--handbook", str(book), "--today", "2026-11-25"])
    assert result.exit_code == 1
    assert "vedlegg/c.md\n  vedlegg/c.md:12  TVF101 feil" in result.output
    assert "1 feil i 1 fil (4 dokumenter sjekket)" in result.output


def test_json_format_is_the_contract(book: Path) -> None:
    (book / "x.md").write_text("ingen front matter\n", encoding="utf-8")
    result = runner.invoke(
        app, ["check", "-H", str(book), "--format", "json", "--today", "2027-06-01"]
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data == [
        {
            "code": "TVF301",
            "severity": "warning",
            "path": "vedlegg/b.md",
            "line": 10,
            "message": data[0]["message"],
        },
        {
            "code": "TVF001",
            "severity": "error",
            "path": "x.md",
            "line": 1,
            "message": data[1]["message"],
        },
    ]


def test_json_is_an_empty_array_when_clean(book: Path) -> None:
    result = runner.invoke(app, ["check", "-H", str(book), "-f", "json", "--today", "2026-11-25"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_github_annotations(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (book / "vedlegg/c.md").write_text(
        doc_text(meta("IV.7.1-6", references=["IV.7-99"])), encoding="utf-8"
    )
    subprocess.run(["git", "init", "-q", str(book.parent)], check=True)  # paths from its root
    monkeypatch.chdir(book / "vedlegg")
    result = runner.invoke(
        app, ["check", "-f", "github", "--today", "2027-06-01"], env={"TVF_HANDBOOK": str(book)}
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::warning file=hb/vedlegg/b.md,line=10,title=TVF301::")
    assert lines[1].startswith("::error file=hb/vedlegg/c.md,line=12,title=TVF101::Referanse til")


def test_a_newline_in_a_message_cannot_start_another_workflow_command(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field holding a newline and a workflow command stays inside its one annotation."""
    (book / "vedlegg/c.md").write_text(
        '---\nid: IV.7.1-6\ntitle: x\ntype: "a\\n::error file=INJ,line=1::INJECTED\\r%"\n'
        "---\nTekst.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(book)
    result = runner.invoke(app, ["check", "-H", ".", "-f", "github", "--today", "2026-11-25"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    injected = next(line for line in lines if "INJ" in line)
    assert "a%0A::error file=INJ,line=1::INJECTED%0D%25" in injected
    assert injected.startswith("::error file=vedlegg/c.md,line=")
