"""``tvf check`` run without typer (tverrfaglig/quick_check.py) is byte for byte, exit code for
exit code, what typer's command prints; every shape it does not parse goes to typer."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import git
from tverrfaglig import quick_check
from tverrfaglig.findings import Finding, Report, Severity
from tverrfaglig.render.console import SafeConsole
from tverrfaglig.render.report import plain_human, render_human

from helpers import doc_text, meta, three_documents

#: typer's own ``tvf check``: the app run directly, not through tverrfaglig.__main__.
TYPER = (
    "import json, os, sys\nfrom tverrfaglig.cli import app\n"
    "sys.argv = ['tvf', *json.loads(os.environ['ARGS'])]\napp()\n"
)
#: tvf's entry point as the installed ``tvf`` runs it; says whether typer was imported.
ENTRY = (
    "import atexit, json, os, sys\n"
    "atexit.register(lambda: open(os.environ['TYPER_OUT'], 'w').write(str('typer' in "
    "sys.modules)))\n"
    "from tverrfaglig.__main__ import main\n"
    "sys.argv = ['tvf', *json.loads(os.environ['ARGS'])]\nmain()\n"
)


def run(code: str, args: list[str], tmp: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, "ARGS": json.dumps(args), "TYPER_OUT": str(tmp / "typer"), **env}
    environ.pop("COLUMNS", None)  # as in a CI log: rich's own width, which soft wrap ignores
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=environ, check=False, cwd=tmp
    )


def both(
    args: list[str], tmp: Path, *, quick: bool = True, progress: bool = False, **env: str
) -> bytes:
    """Run ``tvf`` with ``args`` both ways; assert the same bytes and exit code, and whether
    typer was left out; return the output. With a ``progress`` bar (its animation is timed)
    standard error is not compared."""
    by_typer = run(TYPER, args, tmp, **env)
    by_entry = run(ENTRY, args, tmp, **env)
    assert b"Traceback" not in by_typer.stderr + by_entry.stderr
    assert (by_entry.returncode, by_entry.stdout) == (by_typer.returncode, by_typer.stdout)
    if not progress:
        assert by_entry.stderr == by_typer.stderr
    assert (tmp / "typer").read_text(encoding="utf-8") == str(not quick)
    return by_entry.stdout + by_entry.stderr


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return three_documents(tmp_path / "hb")


def _findings(book: Path) -> None:
    """Errors and warnings in several files, one of them with a name a terminal would obey."""
    (book / "vedlegg/c.md").write_text(
        doc_text(meta("IV.7.1-6", references=["IV.7-99"])), encoding="utf-8"
    )
    (book / "vedlegg/rar \x1b[31mø.md").write_text(
        doc_text(meta("IV.7.1-7", references=["IV.7-98", "IV.7-97"])), encoding="utf-8"
    )
    (book / "x.md").write_text("ingen front matter\n", encoding="utf-8")


def test_a_clean_handbook_is_checked_without_typer(book: Path, tmp_path: Path) -> None:
    out = both(["check", "-H", str(book), "--today", "2026-11-25"], tmp_path)
    assert out == "✔ Ingen funn i 3 dokumenter.\n".encode()
    both(["check", "-H", str(book), "--today", "2026-11-25"], tmp_path)  # replayed


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--strict"],
        ["--no-cache", "--jobs", "1"],
        ["-f", "text", "-j", "2", "--strict", "--no-cache"],
        ["--format=text", "--jobs=1"],
        ["--today", "1.6.27"],
        ["--format", "json"],
        ["-f", "github", "--strict"],
    ],
)
def test_findings_are_printed_the_same(book: Path, tmp_path: Path, options: list[str]) -> None:
    _findings(book)
    today = [] if "--today" in options else ["--today", "2027-06-01"]
    out = both(["check", *options, f"--handbook={book}", *today], tmp_path)
    assert b"TVF101" in out and b"TVF301" in out
    assert (b"\\u001b[31m" if "json" in options else b"\\x1b[31m") in out


@pytest.mark.parametrize("output_format", ["json", "github"])
def test_machine_formats_of_a_clean_handbook(
    book: Path, tmp_path: Path, output_format: str
) -> None:
    out = both(["check", "-H", str(book), "-f", output_format, "--today", "2026-11-25"], tmp_path)
    assert out == (b"[]\n" if output_format == "json" else b"")


def test_english_and_tvf_today(book: Path, tmp_path: Path) -> None:
    _findings(book)
    out = both(["check", "-H", str(book)], tmp_path, LANG="en_GB.UTF-8", TVF_TODAY="2027-06-01")
    assert b"error" in out and b"feil" not in out


def test_only_warnings_exit_0_or_1_with_strict(book: Path, tmp_path: Path) -> None:
    args = ["check", "-H", str(book), "--today", "2027-06-01"]
    assert b"advarsel" in both(args, tmp_path)
    both([*args, "--strict"], tmp_path)


def test_paths_are_from_the_repository_root(tmp_path: Path, git_repo: Path) -> None:
    book = three_documents(git_repo / "docs" / "hb")
    _findings(book)
    out = both(["check", "-H", "repo/docs/hb", "--today", "2027-06-01"], tmp_path)
    assert b"docs/hb/vedlegg/c.md:" in out
    git(git_repo, "add", ".")
    git(git_repo, "commit", "--quiet", "-m", "Håndboka")
    (book / "vedlegg/c.md").write_text(doc_text(meta("IV.7.1-6")), encoding="utf-8")
    since = ["--changed-since", "HEAD", "--today", "2027-06-01"]
    assert b"vedlegg/c.md" not in both(["check", "-H", "repo/docs/hb", *since], tmp_path)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--today", "ikke-en-dato"],  # a refusal: typer prints it
        ["check", "--today", "2026-11-25", "-H", "finnes-ikke"],
        ["check", "--format", "sarif", "--today", "2027-06-01"],
        ["check", "-f", "junit", "--today", "2027-06-01"],
        ["check", "--jobs", "0"],
        ["check", "-j", "x"],
        ["check", "--bogus"],
        ["check", "--strict", "--strict"],
        ["check", "--lang", "en", "--today", "2027-06-01"],
        ["check", "--help"],
        ["check", "-fjson", "--today", "2027-06-01"],
        ["check", "--handbook"],
        ["check", "--changed-since", "finnes-ikke", "--today", "2027-06-01"],
    ],
)
def test_other_shapes_go_to_typer(book: Path, tmp_path: Path, args: list[str]) -> None:
    _findings(book)
    if "finnes-ikke" not in args and "--handbook" not in args:
        args = [*args, "-H", str(book)]
    both(args, tmp_path, quick=False)


def test_an_empty_tvf_today_and_a_terminal_go_to_typer(book: Path, tmp_path: Path) -> None:
    args = ["check", "-H", str(book)]
    both(args, tmp_path, quick=False, TVF_TODAY="")
    both(args, tmp_path, quick=False, progress=True, FORCE_COLOR="1")
    both(args, tmp_path, quick=False, progress=True, TTY_COMPATIBLE="1")
    both(args, tmp_path, quick=True, TTY_COMPATIBLE="0")


def test_parse() -> None:
    assert quick_check.parse(["check"]) == {"format": "text"}
    assert quick_check.parse(["check", "-H", "x", "--jobs=3", "--strict", "--today", "1.2.27"]) == {
        "handbook": "x",
        "format": "text",
        "jobs": 3,
        "strict": True,
        "today": "1.2.27",
    }
    for args in (
        [],
        ["list"],
        ["--lang", "en", "check"],
        ["check", "-H"],
        ["check", "-H", ""],
        ["check", "-H", "-x"],
        ["check", "-H=x"],
        ["check", "--strict=1"],
        ["check", "--"],
        ["check", "-j", "01"],
        ["check", "--format", "TEXT"],
        ["check", "-f", "sarif"],
        ["check", "--format", "junit"],
        ["check", "-H", "a", "--handbook", "b"],
    ):
        assert quick_check.parse(args) is None, args


def test_a_closed_pipe_exits_1_as_with_typer(book: Path, tmp_path: Path) -> None:
    _findings(book)
    args = ["check", "-H", str(book), "--today", "2027-06-01"]
    codes = []
    for code in (TYPER, ENTRY):
        environ = {**os.environ, "ARGS": json.dumps(args), "TYPER_OUT": str(tmp_path / "typer")}
        read, write = os.pipe()
        os.close(read)
        proc = subprocess.run(
            [sys.executable, "-c", code], stdout=write, stderr=subprocess.PIPE, env=environ
        )
        os.close(write)
        codes.append((proc.returncode, proc.stderr))
    assert codes[0] == codes[1]
    assert codes[0][0] == 1


_TEXT = st.text(
    st.characters(max_codepoint=0x2100, exclude_categories=["Cs"]), max_size=30
) | st.sampled_from(["Fødselsnummer 01017012345 står her.", "a\tb\nc\r", "\u202eevil", "æøå  "])
_FINDING = st.builds(
    Finding,
    code=st.sampled_from(["TVF001", "TVF101", "TVF501"]),
    severity=st.sampled_from(list(Severity)),
    path=st.sampled_from(["a.md", "vedlegg/b.md", "c\x1b.md", "lang/" + "x" * 150 + ".md"]),
    line=st.none() | st.integers(1, 12000),
    message=_TEXT,
)


@settings(max_examples=300, deadline=None)
@given(findings=st.lists(_FINDING, max_size=8), documents=st.integers(0, 3))
def test_plain_text_is_what_rich_prints_without_a_terminal(
    findings: list[Finding], documents: int
) -> None:
    findings.sort(key=lambda f: f.path)
    report = Report(
        findings=tuple(findings),
        documents=documents,
        files=tuple(sorted({f.path for f in findings})),
    )
    out = io.StringIO()
    console = SafeConsole(file=out, highlight=False, soft_wrap=True)
    console.width = 160
    assert not console.is_terminal
    render_human(report, console)
    assert plain_human(report) == out.getvalue()


def test_the_date_is_today_without_today(book: Path, tmp_path: Path) -> None:
    assert dt.date.today() < dt.date(2099, 1, 1)
    both(["check", "-H", str(book)], tmp_path)
