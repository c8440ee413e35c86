"""The template factory: sandbox limits on a handbook's own templates (templating.py)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.errors import TvfError
from tverrfaglig.templating import environment, render

from helpers import build_tree

BUNDLED = Path(__file__).resolve().parents[1] / "handbook"

# Each would hang tvf, exhaust its memory or end in a traceback without the limits.
HOSTILE = {
    "range": "{% for i in range(100000000) %}x{% endfor %}",
    "recursion": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}",
    "repeat": "{{ 'a' * 1000000000 }}",
    "list": "{{ ([0] * 1000000000) | length }}",
    "power": "{{ 2 ** 100000000 }}",
    "nested loops": "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx"
    "{% endfor %}{% endfor %}",
}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_template_is_a_clear_error_naming_it(tmp_path: Path, source: str) -> None:
    build_tree(tmp_path, {"templates/egen.md.j2": source})
    started = time.monotonic()
    with pytest.raises(TvfError) as raised:
        render(environment(tmp_path), "egen.md.j2", {})
    assert "egen.md.j2" in raised.value.message
    assert time.monotonic() - started < 10


def test_ordinary_use_of_the_operators_still_works(tmp_path: Path) -> None:
    build_tree(
        tmp_path,
        {"templates/egen.md.j2": "{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ [1] * 2 }} {{ 3 * 4 }}\n"},
    )
    assert render(environment(tmp_path), "egen.md.j2", {}) == "ababab 1024 [1, 1] 12\n"


def test_agenda_with_a_hostile_handbook_template_exits_2(tmp_path: Path) -> None:
    """Through the real CLI: the handbook's own agenda template is the hostile one."""
    book = tmp_path / "handbook"
    shutil.copytree(BUNDLED, book)
    (book / "templates").mkdir(exist_ok=True)
    (book / "templates" / "agenda.md.j2").write_text(HOSTILE["recursion"], encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "agenda",
            "new",
            "--network",
            "kanebogen",
            "--date",
            "2027-01-12",
            "--output",
            "-",
            "--handbook",
            str(book),
        ],
    )
    assert result.exit_code == 2, result.output
    assert "agenda.md.j2" in result.output
    assert "Traceback" not in result.output
