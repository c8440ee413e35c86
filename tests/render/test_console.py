"""The way out to the screen (render/console.py): no control character or newline from a file
name or a value reaches the terminal unescaped (issue 15, item 4), and no national identity
number is shown unmasked by any command (item 11)."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.render.console import SafeConsole, echo, printable
from tverrfaglig.render.text import json_text

from helpers import doc_text, handbook, meta, small_handbook, valid_number

runner = CliRunner()
FORGED = "a\n::warning file=INJ,line=1::INJECTED\n.md"


def no_forged_lines(output: str) -> None:
    """Nothing GitHub Actions would read as a workflow command, no terminal escape."""
    for line in output.splitlines():
        assert not line.lstrip().startswith("::"), line
    assert "\x1b" not in output and "\r" not in output


def test_printable_escapes_every_control_character() -> None:
    assert (
        printable("a\nb\r\tc\x1b[31m\x00\x85\u2028\u202e")
        == "a\\nb\\r\\tc\\x1b[31m\\x00\\x85\\u2028\\u202e"
    )
    assert printable("Søknad om tiltak – «ok»") == "Søknad om tiltak – «ok»"


def test_the_console_keeps_styles_on_the_right_characters() -> None:
    out = SafeConsole(file=io.StringIO(), force_terminal=True, color_system="standard", width=200)
    text = Text("x\ny ")
    text.append("RED", style="red")
    out.print(text)
    written = out.file.getvalue()  # type: ignore[attr-defined]
    assert "x\\ny " in written and "\x1b[31mRED" in written
    assert written.count("\n") == 1


def test_check_text_cannot_forge_annotations_from_a_file_name(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {FORGED: "ingen front matter\n"})
    result = runner.invoke(app, ["check", "-H", str(root)])
    assert result.exit_code == 1
    no_forged_lines(result.stdout)
    assert "a\\n::warning file=INJ,line=1::INJECTED\\n.md:1" in result.stdout


def test_check_text_cannot_forge_annotations_or_escapes_from_a_value(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {"a.md": '---\nid: IV.7-2\ntitle: x\ntype: "\\x1b[31m\\n::error::x"\n---\nTekst.\n'},
    )
    result = runner.invoke(app, ["check", "-H", str(root)])
    assert result.exit_code == 1
    no_forged_lines(result.stdout)
    assert "«\\x1b[31m\\n::error::x»" in result.stdout


def test_every_human_output_escapes_values(tmp_path: Path) -> None:
    root = small_handbook(tmp_path / "hb")
    page = root / "prosedyrer/iv-7-2.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "title: Forpliktende samarbeid", 'title: "Forpliktende\\n::error::x\\x1b[31m"'
        ),
        encoding="utf-8",
    )
    network = root / "nettverk/sentrum/nettverk.md"
    network.write_text(
        network.read_text(encoding="utf-8").replace(
            "title: Tverrfaglig nettverk Sentrum", 'title: "Sentrum\\n::error::y\\x1b[2J"'
        ),
        encoding="utf-8",
    )
    for command in (
        ["list"],
        ["show", "IV.7-2"],
        ["show", "IV.7.1-5"],
        ["network", "list"],
        ["network", "show", "sentrum"],
        ["history", "IV.7-2"],
        ["outdated", "--today", "2028-06-01"],
        ["laws", "cited"],
        ["check", "--today", "2028-06-01"],
        ["show", "IV.7-404"],
    ):
        result = runner.invoke(app, [*command, "-H", str(root)])
        assert result.exit_code in (0, 1, 2), (command, result.output)
        no_forged_lines(result.stdout)
        no_forged_lines(result.stderr)


def test_a_long_outdated_listing_escapes_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tverrfaglig.render import outdated

    monkeypatch.setattr(outdated, "TABLE_LIMIT", 0)  # the listing, not the table
    root = handbook(
        tmp_path / "hb",
        {"a.md": doc_text(meta(title="x\n::error::z\x1b[31m", review_by=dt.date(2026, 1, 1)))},
    )
    result = runner.invoke(app, ["outdated", "-H", str(root), "--today", "2026-11-25"])
    assert result.exit_code == 1, result.output
    no_forged_lines(result.stdout)
    assert "x\\n::error::z\\x1b[31m" in result.stdout


def test_a_refusal_escapes_the_path_it_names(tmp_path: Path) -> None:
    missing = tmp_path / "x\n::error::w"
    result = runner.invoke(app, ["check", "-H", str(missing)])
    assert result.exit_code == 2
    no_forged_lines(result.stderr)
    assert "x\\n::error::w" in result.stderr


def test_echo_keeps_lines_and_escapes_the_rest(capsys: pytest.CaptureFixture[str]) -> None:
    echo("a,b\r\nc\x1b[31m\td\re")
    assert capsys.readouterr().out == "a,b\r\nc\\x1b[31m\td\\re\n"


# --- Identity numbers on screen (item 11) -----------------------------------------------------

NUMBER = valid_number(15, 3)


@pytest.fixture
def with_number(tmp_path: Path) -> Path:
    root = small_handbook(tmp_path / "repo")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "-c",
            "user.name=Test",
            "-c",
            "user.email=t@t",
            "commit",
            "-qm",
            f"Rettet for {NUMBER}",
        ],
        check=True,
    )
    page = root / "prosedyrer/iv-7-2.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        .replace("title: Forpliktende samarbeid", f"title: Forpliktende samarbeid {NUMBER}")
        .replace("owner: ", f"owner: fnr{NUMBER} "),
        encoding="utf-8",
    )
    network = root / "nettverk/sentrum/nettverk.md"
    network.write_text(
        network.read_text(encoding="utf-8").replace(
            "name: PP-rådgiver", f"name: PP-rådgiver {NUMBER[:6]} {NUMBER[6:]}"
        ),
        encoding="utf-8",
    )
    return root


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["list", "--format", "json"],
        ["show", "IV.7-2"],
        ["network", "list"],
        ["network", "list", "--format", "json"],
        ["network", "show", "sentrum"],
        ["network", "show", "sentrum", "--format", "json"],
        ["history", "IV.7-2"],
        ["history", "IV.7-2", "--format", "json"],
        ["laws", "cited"],
        ["laws", "cited", "--format", "json"],
        ["check"],
        ["check", "-f", "json"],
        ["check", "-f", "github"],
        ["check", "-f", "sarif"],
        ["check", "-f", "junit"],
    ],
)
def test_no_command_shows_an_identity_number(with_number: Path, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "-H", str(with_number)])
    assert result.exit_code in (0, 1, 2), result.output
    for shown in (result.stdout, result.stderr):
        digits = "".join(c for c in shown if c.isdigit() or c == "\n")
        assert NUMBER not in digits.replace(" ", "") and NUMBER not in shown
        assert f"{NUMBER[:6]} {NUMBER[6:]}" not in shown
    if "json" in command:
        json.loads(result.stdout)  # still JSON


def test_json_masks_numbers_and_keeps_json() -> None:
    value = {"a": f"x {NUMBER}", "n": int(NUMBER), "m": 12345678901, NUMBER: [True, 1]}
    data = json.loads(json_text(value))
    assert data == {
        "a": f"x {NUMBER[:2]}*********",
        "n": f"{NUMBER[:2]}*********",
        "m": 12345678901,
        f"{NUMBER[:2]}*********": [True, 1],
    }


def test_check_scans_tvf_toml(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {"a.md": doc_text(meta())},
        toml=f'[handbook]\ntitle = "T"\n\n[minutes]\nrecipient = "Leder {NUMBER}"\n',
    )
    result = runner.invoke(app, ["check", "-H", str(root), "-f", "json"])
    assert result.exit_code == 1
    found = [f for f in json.loads(result.stdout) if f["code"] == "TVF501"]
    assert [(f["path"], f["line"]) for f in found] == [("tvf.toml", 5)]
    assert NUMBER not in result.stdout
    from tverrfaglig.checks.engine import check
    from tverrfaglig.handbook import load_handbook

    report = check(load_handbook(root), today=dt.date(2026, 11, 25))
    assert [(f.path, f.line) for f in report.findings if f.code == "TVF501"] == [("tvf.toml", 5)]


def test_console_output_is_masked(capsys: pytest.CaptureFixture[str]) -> None:
    out = SafeConsole(file=io.StringIO(), width=200)
    out.print(Text(f"a {NUMBER} b", style="bold"))
    out.print(f"c {NUMBER}", markup=False)
    assert out.file.getvalue() == f"a {NUMBER[:2]}********* b\nc {NUMBER[:2]}*********\n"  # type: ignore[attr-defined]
    assert isinstance(out, Console)
