"""Option values read without pydantic (cli/coercion.py) are exactly what typer makes of them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer._click import Context
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param

from tverrfaglig.cli import app
from tverrfaglig.cli.coercion import QuickCoercion
from tverrfaglig.cli.language import _walk

VALUES: tuple[Any, ...] = (
    None,
    "",
    "text",
    "  text ",
    "0",
    "1",
    "-3",
    "12",
    "15",
    "600",
    "601",
    "1e3",
    "5_0",
    " 7",
    "json",
    "JSON",
    "table",
    "owner",
    "nope",
    ".",
    "handbook",
    "/nonexistent/folder",
    "README.md",
)


def params() -> list[tuple[Any, Any]]:
    root = typer.main.get_command(app)
    return [
        (command, param)
        for command in _walk(root)
        for param in command.params
        if getattr(param, "type_descriptor", None) is not None
    ]


def outcome(coerce: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", coerce(value, param=param, ctx=ctx)
    except BadParameter as exc:
        return "error", exc.format_message()


@pytest.mark.parametrize(
    ("command", "param"), params(), ids=lambda item: getattr(item, "name", "?")
)
def test_quick_coercion_gives_typers_values_and_messages(
    command: Any, param: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "handbook").mkdir()
    (tmp_path / "README.md").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    ctx = Context(command)
    real = build_runtime_param(param.type_descriptor)
    quick = QuickCoercion(param.type_descriptor)
    values = list(VALUES)
    if param.multiple or param.nargs == -1:
        values = [None, (), ("a", "b")]
    default = param.default
    if default is not None and not callable(default):
        values.append(default)
    for value in values:
        assert outcome(quick.coerce, value, param, ctx) == outcome(
            real.coerce, value, param, ctx
        ), (param.name, value)


def test_tvf_check_does_not_import_pydantic_git_or_multiprocessing() -> None:
    """Start-up: a small handbook is checked without the libraries it does not need."""
    code = (
        "import sys\nfrom tverrfaglig.__main__ import main\n"
        "sys.argv = ['tvf', 'check', '--handbook', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pydantic', 'git', 'multiprocessing', 'jinja2', "
        "'markdown_it') if m in sys.modules))"
    )
    handbook = Path(__file__).resolve().parents[2] / "handbook"
    done = subprocess.run(
        [sys.executable, "-c", code, str(handbook)], capture_output=True, text=True, check=False
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_tvf_help_imports_no_library_code() -> None:
    code = (
        "import sys\nfrom tverrfaglig.__main__ import main\nsys.argv = ['tvf', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('tverrfaglig.checks', "
        "'tverrfaglig.laws', 'yaml', 'rich', 'pydantic', 'git'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr
