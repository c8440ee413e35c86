"""``tvf COMMAND …`` builds only that command (cli.narrowed, used by __main__): its help,
usage errors and results are those of the whole app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from tverrfaglig.cli import app, narrowed

ROOT = Path(__file__).resolve().parents[2]


def names() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


def invoke(args: list[str], *, narrow: bool) -> tuple[int, str]:
    runner = CliRunner()
    if narrow:
        with narrowed(args):
            result = runner.invoke(app, args, prog_name="tvf")
    else:
        result = runner.invoke(app, args, prog_name="tvf")
    return result.exit_code, result.output


@pytest.mark.parametrize("name", names())
def test_a_narrowed_command_helps_and_fails_as_in_the_whole_app(name: str) -> None:
    for args in ([name, "--help"], [name, "--no-such-option"], [name, "--lang", "en", "--help"]):
        assert invoke(args, narrow=True) == invoke(args, narrow=False), args


def test_narrowing_builds_one_command_and_puts_the_app_back() -> None:
    every = list(app.registered_commands), list(app.registered_groups)
    with narrowed(["check", "--handbook", "x"]):
        assert len(app.registered_commands) + len(app.registered_groups) == 1
    with narrowed(["laws", "show", "x"]):
        assert [g.name for g in app.registered_groups] == ["laws"]
        assert app.registered_commands == []
    assert (app.registered_commands, app.registered_groups) == every
    for args in ([], ["--version"], ["chek"], ["--lang", "en", "check"]):
        with narrowed(args):
            assert (app.registered_commands, app.registered_groups) == every


def test_tvf_check_through_the_entry_point(tmp_path: Path) -> None:
    """The installed entry point (narrowed) reports the bundled handbook as the app does."""
    env_code = (
        "import sys\nfrom tverrfaglig.__main__ import main\n"
        "sys.argv = ['tvf', *sys.argv[1:]]\nmain()\n"
    )
    args = ["check", "--handbook", str(ROOT / "handbook"), "--no-cache", "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-c", env_code, *args], capture_output=True, text=True, check=False
    )
    code, output = invoke(args, narrow=False)
    assert (done.returncode, done.stdout) == (code, output)
