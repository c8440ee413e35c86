"""Parsing single files: front matter, line numbers and every kind of bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.document import as_date, parse_document

from helpers import doc_text, handbook, meta


def parse(text: str | bytes):  # type: ignore[no-untyped-def]
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_document("a.md", data)


def test_valid_document_keeps_key_and_item_lines() -> None:
    doc, findings = parse(
        "---\nid: IV.7-2\ntitle: T\nreferences:\n  - IV.7-5\n  - IV.7-8\n"
        "---\nFørste linje\nse IV.7.1-5 her\n"
    )
    assert findings == []
    assert doc is not None and doc.meta is not None
    assert doc.line_of("id") == 2
    assert doc.line_of("references", 1) == 6
    assert doc.body_line == 8
    assert list(doc.body_ids()) == [("IV.7.1-5", 9)]


def test_crlf_line_endings_are_read() -> None:
    doc, findings = parse("---\r\nid: IV.7-2\r\ntitle: T\r\n---\r\nse IV.7-5\r\n")
    assert findings == []
    assert doc is not None and doc.id == "IV.7-2"
    assert list(doc.body_ids()) == [("IV.7-5", 5)]


def test_body_ids_ignore_lookalikes() -> None:
    doc, _ = parse(
        "---\nid: I.1-1\n---\nLOV-1998-07-17-61, §15-8, DOK00215, CV-1x, "
        "IV.7-2. Og (IV.7.1-11) samt IV.7-2.3\n"
    )
    assert doc is not None
    assert [ref for ref, _ in doc.body_ids()] == ["IV.7-2", "IV.7.1-11"]


def test_empty_file() -> None:
    doc, findings = parse(b"")
    assert doc is None
    assert [(f.code, f.line) for f in findings] == [("TVF001", None)]
    assert "tom" in findings[0].message


def test_not_utf8_names_the_line() -> None:
    doc, findings = parse(b"---\nid: IV.7-2\ntitle: Bl\xe5b\xe6r\n---\n")
    assert [(f.code, f.line) for f in findings] == [("TVF001", 3)]
    assert "UTF-8" in findings[0].message
    assert doc is not None and doc.meta is None  # kept for the personal-data scan only


def test_bom_is_reported_but_the_file_is_still_read() -> None:
    doc, findings = parse("\ufeff---\nid: IV.7-2\n---\n")
    assert [(f.code, f.line) for f in findings] == [("TVF001", 1)]
    assert "BOM" in findings[0].message
    assert doc is not None and doc.id == "IV.7-2"


def test_missing_front_matter() -> None:
    _, findings = parse("# Bare en overskrift\n")
    assert [(f.code, f.line) for f in findings] == [("TVF001", 1)]


def test_unterminated_front_matter() -> None:
    _, findings = parse("---\nid: IV.7-2\n")
    assert [f.code for f in findings] == ["TVF001"]
    assert "avsluttet" in findings[0].message


def test_yaml_syntax_error_reports_the_file_line() -> None:
    _, findings = parse("---\nid: IV.7-2\ntitle: T\nowner: [unclosed\nstatus: approved\n---\n")
    assert [f.code for f in findings] == ["TVF001"]
    assert findings[0].line in (5, 6)  # libyaml notices the missing ] at the next key


def test_bad_indentation_line() -> None:
    _, findings = parse("---\nid: IV.7-2\ntitle: T\n  bad: indent\n---\n")
    assert findings[0].code == "TVF001"
    assert findings[0].line == 4


def test_front_matter_that_is_a_list_or_a_scalar() -> None:
    for block, word in (("- id: IV.7-2\n- title: T\n", "liste"), ("bare tekst\n", "verdi")):
        doc, findings = parse(f"---\n{block}---\n")
        assert [(f.code, f.line) for f in findings] == [("TVF001", 2)]
        assert word in findings[0].message
        assert doc is not None and doc.meta is None


def test_empty_front_matter() -> None:
    _, findings = parse("---\n---\nTekst\n")
    assert [f.code for f in findings] == ["TVF001"]


def test_duplicate_key_is_reported_with_both_lines() -> None:
    _, findings = parse("---\nid: IV.7-2\ntitle: A\ntitle: B\n---\n")
    assert [(f.code, f.line) for f in findings] == [("TVF001", 4)]
    assert "linje 3" in findings[0].message


def test_impossible_date_stays_text() -> None:
    doc, findings = parse("---\nvalid_from: 2026-13-45\n---\n")
    assert findings == []
    assert doc is not None and doc.get("valid_from") == "2026-13-45"


def test_as_date() -> None:
    assert as_date(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
    assert as_date("2026-01-02") == dt.date(2026, 1, 2)
    assert as_date("1. mars 2026") is None
    assert as_date(dt.datetime(2026, 1, 2, 10, 0)) is None
    assert as_date(20260102) is None


def test_small_aliases_are_read() -> None:
    doc, findings = parse("---\nid: IV.7-2\nowner: &o Oppvekst\nx: [*o, *o]\n---\n")
    assert findings == []
    assert doc is not None and doc.get("x") == ["Oppvekst", "Oppvekst"]


def test_billion_laughs_and_recursive_aliases_are_refused() -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(12)
    )
    for block in (laughs, "self: &s [*s]\n"):
        doc, findings = parse(f"---\nid: IV.7-2\n{block}---\n")
        assert [(f.code, f.line) for f in findings] == [("TVF001", 2)]
        assert "alias" in findings[0].message
        assert doc is not None and doc.meta is None


def test_deep_nesting_is_a_finding_not_a_crash() -> None:
    _, findings = parse("---\nid: IV.7-2\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n")
    assert [f.code for f in findings] == ["TVF001"]


HUGE = "9" * 5000  # Python refuses to convert more than 4,300 digits to int


def test_huge_integer_is_tvf003_on_its_line() -> None:
    text = f"---\nid: IV.7-2\ntitle: T\nbig: {HUGE}\n---\nTekst.\n"
    doc, findings = parse_document("a.md", text.encode())
    assert doc is not None and doc.meta is None
    assert [(f.code, f.line) for f in findings] == [("TVF003", 4)]
    assert "5000 sifre" in findings[0].message


@pytest.mark.parametrize(
    "command",
    [["check"], ["list"], ["outdated"], ["show", "IV.7-3"], ["audit"], ["build", "--force"]],
)
def test_huge_integer_never_hides_the_other_files(tmp_path: Path, command: list[str]) -> None:
    """One broken file never stops a command: the others are still read and reported."""
    root = handbook(
        tmp_path / "hb",
        {
            "p/a.md": f"---\nid: IV.7-2\nbig: {HUGE}\n---\nTekst.\n",
            "p/b.md": doc_text(meta("IV.7-3", references=["IV.9-9"])),
        },
    )
    extra = ["--out", str(tmp_path / "site")] if command[0] == "build" else []
    result = CliRunner().invoke(
        app,
        [*command, *extra, "-H", str(root), "--today", "2026-11-25"]
        if command[0] not in ("list", "show")
        else [*command, "-H", str(root)],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    if command == ["check"]:
        assert "TVF003" in result.output and "TVF101" in result.output
