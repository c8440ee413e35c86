"""tvf stamp, on real files and real git repositories in tmp_path. The fingerprint is tested in
test_fingerprint.py, the checks it feeds (TVF302, TVF103) in checks/test_fingerprints.py and
tvf check --changed-since in checks/test_engine.py."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tverrfaglig.checks import check
from tverrfaglig.cli import app
from tverrfaglig.document import parse_document
from tverrfaglig.errors import TvfError
from tverrfaglig.fingerprint import STAMP_KEYS, fingerprint
from tverrfaglig.frontmatter_edit import split
from tverrfaglig.handbook import load_handbook
from tverrfaglig.pii import contains_national_id
from tverrfaglig.revisions import StampRefused, add_months, bump_version, stamp

from helpers import TODAY, codes, doc_text, handbook, meta

GOLDEN = Path(__file__).parent / "golden" / "stamp"
BY = "Kari Nordmann"
runner = CliRunner()


def git(cwd: Path, *args: str, date: str | None = None) -> str:
    env = dict(os.environ)
    if date is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+01:00"
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env
    ).stdout


def commit(repo: Path, message: str, date: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def read_meta(path: Path) -> dict[str, object]:
    doc, problems = parse_document(path.name, path.read_bytes())
    assert doc is not None and doc.meta is not None and not problems
    return doc.meta


def two_documents(root: Path) -> Path:
    """A references B; both approved, neither stamped by tvf."""
    return handbook(
        root,
        {
            "prosedyrer/a.md": doc_text(meta("IV.7-2", references=["IV.7-3"]), "Se IV.7-3.\n"),
            "vedlegg/b.md": doc_text(meta("IV.7-3", type="attachment")),
        },
    )


@pytest.mark.parametrize(
    ("old", "major", "new"),
    [
        ("1.0", False, "1.1"),
        ("1.9", False, "1.10"),
        ("1.9", True, "2.0"),
        ("0.3", True, "1.0"),
    ],
)
def test_bump_version(old: str, major: bool, new: str) -> None:
    assert bump_version(old, major=major) == new


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 25), 24) == dt.date(2028, 11, 25)
    assert add_months(dt.date(2028, 2, 29), 12) == dt.date(2029, 2, 28)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 11, 25), 3, dt.date(2027, 2, 25)),  # across a year end, not 12n
        (dt.date(2026, 12, 31), 2, dt.date(2027, 2, 28)),  # ... onto a short month
        (dt.date(2026, 10, 15), 15, dt.date(2028, 1, 15)),  # more than a year, not 12n
        (dt.date(2027, 2, 25), -3, dt.date(2026, 11, 25)),  # back across a year end
        (dt.date(2026, 1, 31), -1, dt.date(2025, 12, 31)),
        (dt.date(2026, 12, 1), 1, dt.date(2027, 1, 1)),  # December + 1
        (dt.date(2027, 1, 1), -1, dt.date(2026, 12, 1)),  # January - 1
    ],
)
def test_add_months_across_a_year_end(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


# --- Golden files: byte preservation ------------------------------------------------------------


@pytest.mark.parametrize(
    "case", sorted(p.name.removesuffix(".in.md") for p in GOLDEN.glob("*.in.md"))
)
def test_stamp_golden_files(case: str, tmp_path: Path) -> None:
    source = (GOLDEN / f"{case}.in.md").read_bytes()
    root = handbook(tmp_path / "hb", {f"dokumenter/{case}.md": source})
    [result] = stamp(
        [f"dokumenter/{case}.md"],
        root=root,
        by="Åse Øvrebø",
        date=dt.date(2026, 11, 25),
        summary="Revidert: nye frister (høring)",
        today=TODAY,
        cwd=root,
    )
    written = (root / "dokumenter" / f"{case}.md").read_bytes()
    golden = GOLDEN / f"{case}.out.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(written)
    assert written == golden.read_bytes()
    assert result.written
    # The stamped file checks clean of revision findings.
    report = check(load_handbook(root), today=TODAY)
    assert not {"TVF302", "TVF001", "TVF003"} & set(codes(report)), report.findings


# --- tvf stamp ------------------------------------------------------------------------------------


def test_stamp_sets_every_field_and_check_is_quiet(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(
                meta("IV.7-2", status="draft", approved_by=None, valid_from=None, review_by=None)
            )
        },
    )
    [result] = stamp(["IV.7-2"], root=root, by=BY, summary="Første", today=TODAY)
    data = read_meta(root / "a.md")
    assert data["version"] == "1.1" and data["status"] == "approved"
    assert data["approved_by"] == BY
    assert data["valid_from"] == TODAY and data["review_by"] == dt.date(2028, 11, 25)
    assert data["changes"] == [{"version": "1.1", "date": TODAY, "by": BY, "summary": "Første"}]
    assert data["fingerprint"] == result.fingerprint
    assert codes(check(load_handbook(root), today=TODAY)) == []


def test_options_major_date_review_by_and_interval(tmp_path: Path) -> None:
    toml = '[handbook]\ntitle = "T"\nreview_interval_months = 12\n'
    root = handbook(
        tmp_path / "hb",
        {"a.md": doc_text(meta("IV.7-2")), "b.md": doc_text(meta("IV.7-3"))},
        toml=toml,
    )
    stamp(
        ["IV.7-2"],
        root=root,
        by=BY,
        major=True,
        date=dt.date(2027, 1, 31),
        today=TODAY,
        summary="x",
    )
    assert read_meta(root / "a.md")["version"] == "2.0"
    assert read_meta(root / "a.md")["review_by"] == dt.date(2028, 1, 31)
    stamp(["IV.7-3"], root=root, by=BY, review_by=dt.date(2027, 6, 1), today=TODAY, summary="x")
    assert read_meta(root / "b.md")["review_by"] == dt.date(2027, 6, 1)
    with pytest.raises(TvfError, match="må være etter"):
        stamp(["IV.7-3"], root=root, by=BY, review_by=TODAY, today=TODAY, summary="x")


def test_by_defaults_to_git_user_name(git_repo: Path) -> None:
    root = two_documents(git_repo / "hb")
    [result] = stamp(["IV.7-2"], root=root, today=TODAY, summary="x")
    assert result.approved_by == "Test Koordinator"


def test_no_name_anywhere_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty.gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    root = two_documents(tmp_path / "hb")
    result = runner.invoke(app, ["stamp", "IV.7-2", "-H", str(root), "--today", "2026-11-25"])
    assert result.exit_code == 2
    assert "Vet ikke hvem som godkjenner" in result.output
    assert "--by NAVN" in result.output


def test_outside_git_stamp_works_with_by_and_writes_a_default_summary(tmp_path: Path) -> None:
    root = two_documents(tmp_path / "hb")
    [result] = stamp(["IV.7-2"], root=root, by=BY, today=TODAY)
    assert result.summary == "Første godkjenning."
    [again] = stamp(["IV.7-2"], root=root, by=BY, today=TODAY)
    assert again.summary == "Godkjent på nytt." and again.version == "1.2"


def test_stamp_in_a_repository_without_commits(git_repo: Path) -> None:
    root = two_documents(git_repo / "hb")
    [result] = stamp(["IV.7-2"], root=root, by=BY, today=TODAY)
    assert result.summary == "Første godkjenning."


def test_summary_is_the_commits_since_the_last_stamp(git_repo: Path) -> None:
    root = two_documents(git_repo / "hb")
    commit(git_repo, "Legg inn rutinen", "2026-01-10")
    [first] = stamp(["IV.7-2"], root=root, by=BY, today=dt.date(2026, 2, 1))
    assert first.summary == "Legg inn rutinen"
    commit(git_repo, "Godkjent IV.7-2", "2026-02-01")
    path = root / "prosedyrer" / "a.md"
    path.write_text(path.read_text(encoding="utf-8") + "Ny frist.\n", encoding="utf-8")
    commit(git_repo, "Ny frist for svar", "2026-03-01")
    (root / "vedlegg" / "b.md").write_text(
        doc_text(meta("IV.7-3", title="Annet")), encoding="utf-8"
    )
    commit(git_repo, "Endre bare vedlegget", "2026-03-02")
    path.write_text(path.read_text(encoding="utf-8") + "Skrivefeil rettet.\n", encoding="utf-8")
    commit(git_repo, "Rett skrivefeil", "2026-03-03")
    [second] = stamp(["IV.7-2"], root=root, by=BY, today=dt.date(2026, 4, 1))
    assert second.summary == "Ny frist for svar; Rett skrivefeil"


def test_edits_on_the_day_of_the_stamp_but_before_it_are_not_counted_again(git_repo: Path) -> None:
    root = two_documents(git_repo / "hb")
    commit(git_repo, "Skriv rutinen", "2026-02-01")
    stamp(["IV.7-2"], root=root, by=BY, today=dt.date(2026, 2, 1), summary="Godkjent i møte")
    commit(git_repo, "Godkjent IV.7-2", "2026-02-01")
    [result] = stamp(["IV.7-2"], root=root, by=BY, today=dt.date(2026, 2, 2))
    assert result.summary == "Godkjent på nytt."


def test_stamp_by_path_relative_to_cwd_or_root(tmp_path: Path) -> None:
    root = two_documents(tmp_path / "hb")
    [result] = stamp(["vedlegg/b.md"], root=root, by=BY, today=TODAY, summary="x", cwd=tmp_path)
    assert result.id == "IV.7-3"
    [result] = stamp(
        ["hb/prosedyrer/a.md"], root=root, by=BY, today=TODAY, summary="x", cwd=tmp_path
    )
    assert result.id == "IV.7-2"
    with pytest.raises(TvfError, match=r"Fant ikke dokumentet «IV\.7-99»"):
        stamp(["IV.7-99"], root=root, by=BY, today=TODAY)


def test_dry_run_shows_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    root = two_documents(tmp_path / "hb")
    before = (root / "prosedyrer" / "a.md").read_bytes()
    result = runner.invoke(
        app,
        [
            "stamp",
            "IV.7-2",
            "-H",
            str(root),
            "--by",
            BY,
            "--dry-run",
            "--today",
            "2026-11-25",
            "-m",
            "Ny frist",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (root / "prosedyrer" / "a.md").read_bytes() == before
    assert "--- a/prosedyrer/a.md\n+++ b/prosedyrer/a.md\n" in result.output
    assert "-version: '1.0'\n+version: '1.1'\n" in result.output
    assert '+changes:\n+  - version: "1.1"\n+    date: 2026-11-25\n' in result.output
    assert "Tørrkjøring: ingen filer er endret." in result.output
    assert sorted(p.name for p in (root / "prosedyrer").iterdir()) == ["a.md"]


def test_cli_stamp_reports_what_it_did(tmp_path: Path) -> None:
    root = two_documents(tmp_path / "hb")
    result = runner.invoke(
        app,
        [
            "stamp",
            "IV.7-2",
            "IV.7-3",
            "-H",
            str(root),
            "--by",
            BY,
            "--date",
            "2026-12-01",
            "-m",
            "Revidert",
            "--today",
            "2026-11-25",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (
        "Godkjent IV.7-2 «Dokument IV.7-2» (prosedyrer/a.md): versjon 1.0 → 1.1, godkjent "
        "av Kari Nordmann, gyldig fra 2026-12-01, revideres innen 2028-12-01. Endringer: "
        "Revidert"
    ) in result.output
    assert "Godkjent IV.7-3" in result.output
    bad = runner.invoke(app, ["stamp", "IV.7-2", "-H", str(root), "--by", BY, "--date", "1.12."])
    assert bad.exit_code == 2 and "--date «1.12.» er ikke en dato" in bad.output


# --- Refusals ---------------------------------------------------------------------------------


def test_document_with_schema_errors_is_refused_with_its_findings(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta("IV.7-2", owner=None, version="1"))})
    before = (root / "a.md").read_bytes()
    result = runner.invoke(app, ["stamp", "IV.7-2", "-H", str(root), "--by", BY])
    assert result.exit_code == 1
    assert "a.md:2  TVF002 feil  Feltet «owner» mangler." in result.output
    assert "TVF003" in result.output
    assert (
        "Godkjenner ikke: 1 av 1 dokumenter kan ikke godkjennes. Ingen filer er endret."
        in result.output
    )
    assert (root / "a.md").read_bytes() == before


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ({"a.md": "ingen front matter\n"}, "TVF001"),
        ({"a.md": doc_text(meta("IV.7-2")), "b.md": doc_text(meta("IV.7-2"))}, "TVF005"),
        ({"a.md": doc_text(meta("IV.7-2"), "Fnr 01010112345? Nei: 13097248022.\n")}, "TVF501"),
    ],
)
def test_unreadable_duplicate_and_personal_data_documents_are_refused(
    tmp_path: Path, files: dict[str, str], code: str
) -> None:
    root = handbook(tmp_path / "hb", files)
    target = "a.md" if code == "TVF001" else "IV.7-2"
    with pytest.raises(StampRefused) as refused:
        stamp([target], root=root, by=BY, today=TODAY, cwd=root)
    assert code in {f.code for f in refused.value.findings}
    assert (root / "a.md").read_text(encoding="utf-8") == files["a.md"]


def test_retired_and_network_documents_are_refused(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(meta("IV.7-2", status="retired")),
            "n.md": doc_text(
                {
                    "type": "network",
                    "id": "sentrum",
                    "title": "Sentrum",
                    "leader": {"name": "A", "role": "B", "term_start": TODAY, "term_end": TODAY},
                }
            ),
        },
    )
    with pytest.raises(StampRefused) as refused:
        stamp(["IV.7-2"], root=root, by=BY, today=TODAY)
    assert "er utgått (retired) og kan ikke godkjennes" in refused.value.reasons[0]
    with pytest.raises(StampRefused) as refused:
        stamp(["n.md"], root=root, by=BY, today=TODAY, cwd=root)
    assert "bare håndbokdokumenter" in refused.value.reasons[0]


def test_personal_data_in_the_summary_or_name_is_refused(tmp_path: Path) -> None:
    root = two_documents(tmp_path / "hb")
    with pytest.raises(TvfError, match="fødselsnummer"):
        stamp(["IV.7-2"], root=root, by=BY, summary="Gjelder 13097248022", today=TODAY)
    with pytest.raises(TvfError, match="fødselsnummer"):
        stamp(["IV.7-2"], root=root, by="13097248022", summary="x", today=TODAY)


def test_several_documents_all_or_none_when_one_is_invalid(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {"a.md": doc_text(meta("IV.7-2")), "b.md": doc_text(meta("IV.7-3", owner=None))},
    )
    before = {p.name: p.read_bytes() for p in root.glob("*.md")}
    result = runner.invoke(app, ["stamp", "IV.7-2", "IV.7-3", "-H", str(root), "--by", BY])
    assert result.exit_code == 1
    assert "1 av 2 dokumenter" in result.output
    assert {p.name: p.read_bytes() for p in root.glob("*.md")} == before


def test_a_crash_during_the_writes_leaves_every_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(meta("IV.7-2")),
            "b.md": doc_text(meta("IV.7-3")),
            "c.md": doc_text(meta("IV.7-4")),
        },
    )
    before = {p.name: p.read_bytes() for p in root.glob("*.md")}
    real_replace = os.replace
    calls: list[str] = []

    def replace_that_fails_the_second_time(src: str | Path, dst: str | Path) -> None:
        calls.append(Path(dst).name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_that_fails_the_second_time)
    with pytest.raises(TvfError, match="Ingen filer er endret") as failure:
        stamp(["IV.7-2", "IV.7-3", "IV.7-4"], root=root, by=BY, summary="x", today=TODAY)
    assert "No space left on device" in failure.value.message
    monkeypatch.setattr(os, "replace", real_replace)
    # a.md was replaced, then put back; b.md failed; c.md was never touched.
    assert calls == ["a.md", "b.md", "a.md"]
    assert {p.name: p.read_bytes() for p in root.glob("*.md")} == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".")] == []


def test_a_file_changed_while_stamping_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = two_documents(tmp_path / "hb")
    path = root / "prosedyrer" / "a.md"
    from tverrfaglig import revisions

    real = revisions._prepare

    def prepare_then_someone_saves(plan: revisions._Plan, **kwargs: object) -> None:
        real(plan, **kwargs)  # type: ignore[arg-type]
        path.write_text(
            path.read_text(encoding="utf-8") + "Lagret i en editor.\n", encoding="utf-8"
        )

    monkeypatch.setattr(revisions, "_prepare", prepare_then_someone_saves)
    with pytest.raises(TvfError, match="ble endret mens tvf stamp kjørte"):
        stamp(["IV.7-2"], root=root, by=BY, summary="x", today=TODAY)
    assert path.read_text(encoding="utf-8").endswith("Lagret i en editor.\n")


def test_file_mode_is_kept(tmp_path: Path) -> None:
    root = two_documents(tmp_path / "hb")
    path = root / "prosedyrer" / "a.md"
    path.chmod(0o640)
    stamp(["IV.7-2"], root=root, by=BY, summary="x", today=TODAY)
    assert path.stat().st_mode & 0o777 == 0o640


# --- Property: stamp() on disk changes nothing but the stamping keys -----------------------------

TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cn", "Co"), blacklist_characters="\x00\ufeff"),
    min_size=1,
    max_size=10,
)
NAMES = TEXT.filter(lambda t: bool(t.strip()))
COMMENT = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Cn", "Co"), blacklist_characters="\ufeff"
    ),
    max_size=10,
)


def _yaml_scalar(value: object, style: str) -> str:
    """Written by PyYAML, not by the code under test; plain only when it loads back."""
    if style == "plain":
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        try:
            if yaml.safe_load(f"k: {text}\n") == {"k": value} and text == text.strip():
                return text
        except (yaml.YAMLError, ValueError):
            pass
        style = '"'
    value = value.isoformat() if isinstance(value, dt.date) else value
    dumped = yaml.safe_dump(value, default_style=style, allow_unicode=True, width=10**6)
    return str(dumped).removesuffix("\n").removesuffix("\n...")


@st.composite
def valid_documents(draw: st.DrawFn) -> tuple[bytes, str]:
    """A valid draft procedure: required keys, some stamping keys, extra keys, comments, blank
    lines and quoting styles in any order, LF or CRLF, and an arbitrary body."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    style = st.sampled_from(["plain", "'", '"'])
    quoted = st.sampled_from(["'", '"'])  # a plain 1.0 is a number: TVF003, refused
    version = f"{draw(st.integers(0, 9))}.{draw(st.integers(0, 9))}"
    entries: list[list[str]] = [
        ["id: IV.7-2"],
        ["type: procedure"],
        [f"title: {_yaml_scalar(draw(NAMES), draw(style))}"],
        [f"owner: {_yaml_scalar(draw(NAMES), draw(style))}"],
        [f"status: {_yaml_scalar('draft', draw(style))}"],
        [f"version: {_yaml_scalar(version, draw(quoted))}"],
    ]
    if draw(st.booleans()):
        entries.append([f"approved_by: {_yaml_scalar(draw(NAMES), draw(style))}"])
    if draw(st.booleans()):
        entries.append([f"valid_from: {_yaml_scalar(dt.date(2025, 1, 2), draw(style))}"])
        entries.append([f"review_by: {_yaml_scalar(dt.date(2027, 1, 2), draw(style))}"])
    if draw(st.booleans()):
        s = draw(style)
        entries.append(
            [
                "changes:",
                f"  - version: {_yaml_scalar('0.1', draw(quoted))}",
                f"    date: {_yaml_scalar(dt.date(2025, 1, 2), s)}",
                f"    by: {_yaml_scalar(draw(NAMES), s)}",
                f"    summary: {_yaml_scalar(draw(NAMES), s)}",
            ]
        )
    for i in range(draw(st.integers(0, 3))):
        entries.append([f"extra_{i}: {_yaml_scalar(draw(TEXT), draw(style))}"])
    order = draw(st.permutations(range(len(entries))))
    lines: list[str] = []
    for index in order:
        if draw(st.booleans()):
            lines.append("# " + draw(COMMENT))
        if draw(st.booleans()):
            lines.append("")
        entry = list(entries[index])
        if draw(st.booleans()):
            entry[0] += "  # " + draw(COMMENT)
        lines.extend(entry)
    body = draw(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
    text = "---" + newline + "".join(line + newline for line in lines) + "---" + newline + body
    return text.encode("utf-8"), newline


def _non_stamping_lines(front: list[str]) -> list[str]:
    """The front matter's lines less those of the stamping keys, each key's lines taken from
    YAML's own marks (a quoted value may span lines, blank ones included).

    The marks are used as character offsets, not line numbers: YAML also breaks lines at a lone
    LF inside a CRLF file and at NEL, LS and PS (U+0085, U+2028, U+2029), which are not line
    ends of the file."""
    text = "\n".join(front)
    node = yaml.compose(text)
    assert isinstance(node, yaml.MappingNode)
    starts = list(itertools.accumulate((len(line) + 1 for line in front[:-1]), initial=0))
    dropped: set[int] = set()
    for key, value in node.value:
        if key.value in STAMP_KEYS:
            first = bisect.bisect_right(starts, key.start_mark.index) - 1
            last = (
                bisect.bisect_right(starts, max(value.end_mark.index - 1, key.start_mark.index)) - 1
            )
            dropped.update(range(first, last + 1))
    return [line for number, line in enumerate(front) if number not in dropped]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@example(
    (
        b"---\nid: IV.7-2\ntype: procedure\ntitle: T\nowner: O\nstatus: draft\n"
        b"version: '1.0'\napproved_by: '0\n\n  '\n# etter\nextra_0: x\n---\nTekst\n",
        "\n",
    )
)
@example(
    (
        b"---\nid: IV.7-2\ntype: procedure\ntitle: '0\xc2\x85  '\nowner: \"0\"\nstatus: draft\n"
        b"version: '0.0'\n---\n",
        "\n",
    )
)
@given(valid_documents())
def test_stamp_on_disk_changes_only_the_stamping_keys(case: tuple[bytes, str]) -> None:
    data, newline = case
    assume(not contains_national_id(data.decode("utf-8")))
    with tempfile.TemporaryDirectory() as folder:
        root = handbook(Path(folder) / "hb", {"a.md": data})
        [result] = stamp(["IV.7-2"], root=root, by=BY, summary="Ny: frist", today=TODAY)
        new = (root / "a.md").read_bytes()
        report = check(load_handbook(root), today=TODAY)
    assert "TVF302" not in codes(report) and "TVF001" not in codes(report)
    old_text, new_text = data.decode("utf-8"), new.decode("utf-8")
    old_parts, new_parts = split(old_text), split(new_text)
    assert new_text[new_parts.end :] == old_text[old_parts.end :]  # the body, byte for byte
    old_front = old_text[old_parts.start : old_parts.end].split(newline)
    new_front = new_text[new_parts.start : new_parts.end].split(newline)
    assert _non_stamping_lines(new_front) == _non_stamping_lines(old_front)
    before, after = read_meta_text(old_text), read_meta_text(new_text)
    assert {k: v for k, v in after.items() if k not in STAMP_KEYS} == {
        k: v for k, v in before.items() if k not in STAMP_KEYS
    }
    assert (
        after["fingerprint"]
        == result.fingerprint
        == fingerprint(before, old_text[old_parts.body :])
    )


def read_meta_text(text: str) -> dict[str, object]:
    doc, _ = parse_document("a.md", text.encode("utf-8"))
    assert doc is not None and doc.meta is not None
    return doc.meta


# --- Issue 14: who approves, the first version, references not in force -------------------------

BODY_TOML = (
    '[handbook]\ntitle = "Testhåndbok"\nmunicipality = "Testby kommune"\n'
    'approving_body = "Forebyggende forum"\n'
)


def test_the_approver_defaults_to_the_approving_body_not_the_git_user(git_repo: Path) -> None:
    root = handbook(git_repo / "hb", {"prosedyrer/a.md": doc_text(meta("IV.7-2"))}, toml=BODY_TOML)
    [result] = stamp(["IV.7-2"], root=root, today=TODAY, summary="x")
    assert result.approved_by == "Forebyggende forum"
    assert read_meta(root / "prosedyrer/a.md")["approved_by"] == "Forebyggende forum"
    [by_hand] = stamp(["IV.7-2"], root=root, by="Kommunestyret", today=TODAY, summary="x")
    assert by_hand.approved_by == "Kommunestyret"


def test_the_first_approval_of_a_draft_gives_version_1_0(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "prosedyrer/a.md": doc_text(meta("IV.7-2", status="draft", version="0.1")),
            "prosedyrer/b.md": doc_text(meta("IV.7-3", status="draft", version="0.4")),
            "prosedyrer/c.md": doc_text(meta("IV.7-4", status="draft", version="1.2")),
        },
    )
    results = stamp(["IV.7-2", "IV.7-3", "IV.7-4"], root=root, by=BY, today=TODAY)
    assert [(r.old_version, r.version) for r in results] == [
        ("0.1", "1.0"),
        ("0.4", "1.0"),
        ("1.2", "1.3"),
    ]
    assert bump_version("0.3", first_approval=True) == "1.0"
    assert bump_version("0.3") == "0.4"


def not_in_force(root: Path) -> Path:
    return handbook(
        root,
        {
            "prosedyrer/a.md": doc_text(meta("IV.7-2", references=["IV.7-3", "IV.7-4"])),
            "vedlegg/b.md": doc_text(
                meta("IV.7-3", type="attachment", status="draft", version="0.2", title="Utkastet")
            ),
            "vedlegg/c.md": doc_text(
                meta("IV.7-4", type="attachment", status="retired", title="Det gamle")
            ),
        },
        toml=BODY_TOML,
    )


def test_stamping_a_document_that_refers_to_a_draft_or_retired_one_asks_first(
    tmp_path: Path,
) -> None:
    root = not_in_force(tmp_path / "hb")
    path = root / "prosedyrer/a.md"
    before = path.read_bytes()
    args = ["stamp", "IV.7-2", "-H", str(root), "--today", "2026-11-25"]
    refused = runner.invoke(app, args, input="n\n")
    assert refused.exit_code == 1
    assert "IV.7-2 viser til IV.7-3 «Utkastet», som er et utkast (ikke godkjent)" in refused.stderr
    assert "IV.7-2 viser til IV.7-4 «Det gamle», som er utgått (retired)" in refused.stderr
    assert "Godkjenne likevel?" in refused.stderr
    assert "Ingen filer er endret" in refused.stderr
    assert path.read_bytes() == before
    accepted = runner.invoke(app, args, input="j\n")
    assert accepted.exit_code == 0, accepted.output
    assert read_meta(path)["version"] == "1.1"


def test_stamp_yes_approves_with_the_warning_shown(tmp_path: Path) -> None:
    root = not_in_force(tmp_path / "hb")
    result = runner.invoke(
        app, ["stamp", "IV.7-2", "-H", str(root), "--today", "2026-11-25", "--yes"]
    )
    assert result.exit_code == 0, result.output
    assert "som er et utkast" in result.stderr and "Godkjenne likevel" not in result.stderr
    assert "godkjent av Forebyggende forum" in result.stdout
    # Approving the draft together with the document that refers to it: nothing to warn about.
    root2 = not_in_force(tmp_path / "hb2")
    (root2 / "vedlegg/c.md").unlink()
    (root2 / "prosedyrer/a.md").write_text(
        doc_text(meta("IV.7-2", references=["IV.7-3"])), encoding="utf-8"
    )
    [a, b] = stamp(
        ["IV.7-2", "IV.7-3"],
        root=root2,
        today=TODAY,
        confirm=lambda warnings: pytest.fail(f"asked: {warnings}") or False,
    )
    assert a.warnings == () and b.version == "1.0"
