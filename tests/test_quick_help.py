"""``tvf --help`` printed from ``help.json`` without loading the command line
(tverrfaglig/quick_help.py) is byte for byte what typer prints, in both languages; in a narrow
terminal typer prints it itself."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HELP_JSON = ROOT / "src" / "tverrfaglig" / "help.json"

#: typer's own --help: the app run directly, not through tverrfaglig.__main__.
TYPER = "import sys\nfrom tverrfaglig.cli import app\nsys.argv = ['tvf', '--help']\napp()\n"
#: tvf's entry point, as the installed ``tvf`` runs it.
ENTRY = "import sys\nfrom tverrfaglig.__main__ import main\nsys.argv = ['tvf', '--help']\nmain()\n"


def environment(**values: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "TVF_LANG", "COLUMNS")
    }
    return {**env, "LANG": "C.UTF-8", **values}


def run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=False)


def test_help_json_is_up_to_date() -> None:
    path = ROOT / "tools" / "generate_docs.py"
    spec = importlib.util.spec_from_file_location("generate_docs_quick_help", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert HELP_JSON.read_text(encoding="utf-8") == module.quick_help(), (
        "src/tverrfaglig/help.json is out of date with the program: run `make docs`."
    )


@pytest.mark.parametrize(
    "language", [{}, {"TVF_LANG": "en"}, {"LANG": "en_GB.UTF-8"}], ids=["nb", "TVF_LANG", "LANG"]
)
@pytest.mark.parametrize("columns", ["80", "200", "60"])
def test_tvf_help_is_what_typer_prints(language: dict[str, str], columns: str) -> None:
    env = environment(COLUMNS=columns, **language)
    quick, typer = run(ENTRY, env), run(TYPER, env)
    assert quick.returncode == typer.returncode == 0, quick.stderr + typer.stderr
    assert quick.stdout == typer.stdout
    assert quick.stderr == typer.stderr == b""


def test_tvf_help_loads_no_command_line_in_a_wide_terminal() -> None:
    code = (
        "import sys\nfrom tverrfaglig.__main__ import main\nsys.argv = ['tvf', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('typer', 'tverrfaglig.cli'))))\n"
    )
    done = run(code, environment(COLUMNS="100"))
    assert done.stdout.decode().strip().splitlines()[-1] == "[]", done.stdout + done.stderr
    narrow = run(code, environment(COLUMNS="60"))
    assert "typer" in narrow.stdout.decode().strip().splitlines()[-1]


def test_tvf_help_without_its_file_is_typers(tmp_path: Path) -> None:
    """A broken or missing help.json only costs time."""
    code = (
        "import sys\nfrom tverrfaglig import quick_help\n"
        f"quick_help.HELP_FILE = {str(tmp_path / 'missing.json')!r}\n"
        "from tverrfaglig.__main__ import main\nsys.argv = ['tvf', '--help']\nmain()\n"
    )
    env = environment(COLUMNS="100")
    assert run(code, env).stdout == run(TYPER, env).stdout
    (tmp_path / "missing.json").write_text("{not json", encoding="utf-8")
    assert run(code, env).stdout == run(TYPER, env).stdout
