"""``tvf laws`` through typer's CliRunner (import, cited and show: tests/test_lovdata.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app

from helpers import three_documents

runner = CliRunner()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return three_documents(tmp_path / "hb")


def test_laws_lists_the_merged_registry(book: Path) -> None:
    (book / "laws.yaml").write_text(
        "- id: LOV-2020-11-06-127\n  title: Lov om integrering (integreringsloven)\n"
        "  names: [integreringsloven]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["laws", "-H", str(book), "-f", "json", "--today", "2026-11-25"])
    assert result.exit_code == 0
    laws = {law["id"]: law for law in json.loads(result.stdout)}
    assert laws["LOV-2020-11-06-127"]["names"] == ["integreringsloven"]
    assert laws["LOV-1998-07-17-61"]["in_force"] is False
    assert laws["LOV-1998-07-17-61"]["replaced_by"] == "LOV-2023-06-09-30"
    table = runner.invoke(app, ["laws", "-H", str(book)])
    assert "barnehageloven" in table.output
