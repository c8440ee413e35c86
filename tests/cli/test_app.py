"""The ``tvf`` group (cli/__init__.py): the version and the help."""

from __future__ import annotations

from typer.testing import CliRunner

from tverrfaglig.cli import app

runner = CliRunner()


def test_version_and_help() -> None:
    assert runner.invoke(app, ["--version"]).output.startswith("tvf ")
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("check", "list", "show", "laws"):
        assert command in result.output
