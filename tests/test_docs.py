"""Documentation kept honest by tests (after sqlite-utils' tests/test_docs.py)."""

from __future__ import annotations

import re
from pathlib import Path

import typer
from typer.core import TyperGroup

from tverrfaglig.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_paths(group: TyperGroup, prefix: str = "tvf") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        paths.append(path)
        if isinstance(command, TyperGroup):
            paths.extend(command_paths(command, path))
    return paths


def test_every_command_is_in_the_readme() -> None:
    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    missing = [path for path in command_paths(root) if f"`{path}" not in README]
    assert missing == []


def test_readme_shows_the_two_setup_commands() -> None:
    assert "make run" in README and "make test" in README
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_check_code_is_documented() -> None:
    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in (ROOT / "src" / "tverrfaglig").rglob("*.py"))
    codes = set(re.findall(r'"(TVF\d{3})"', source))
    docs = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    undocumented = sorted(code for code in codes if f"| {code} |" not in docs)
    assert undocumented == []
