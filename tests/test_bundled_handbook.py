"""The bundled handbook is clean and whole, checked through the installed ``tvf`` too."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tverrfaglig.checks import check
from tverrfaglig.handbook import load_handbook
from tverrfaglig.queries import list_documents

from helpers import installed_tvf

BUNDLED = Path(__file__).resolve().parents[1] / "handbook"


def test_bundled_handbook_has_no_errors() -> None:
    report = check(load_handbook(BUNDLED))
    assert report.errors == 0, [f for f in report.findings]


def test_bundled_handbook_holds_the_index_of_the_source() -> None:
    book = load_handbook(BUNDLED)
    ids = {d.id for d in list_documents(book)}
    index = {
        "I.5-1",
        "IV.7-2",
        "IV.7-5",
        "IV.7-8",
        "IV.7-11",
        "IV.7-13",
        "IV.7-14",
        "IV.7.1-1",
        "IV.7.1-5",
        "IV.7.1-6",
        "IV.7.1-7",
        "IV.7.1-8",
        "IV.7.1-9",
        "V.3.4-1",
        "V.5.1-3",
    }
    assert index <= ids
    codes = {d.get("code") for d in list_documents(book, types=["measure"])}
    assert codes == {f"V{n:02d}" for n in range(1, 24)}
    networks = list_documents(book, types=["network"])
    assert len(networks) >= 2
    mandate = [d for d in list_documents(book, types=["procedure"]) if "mandat" in d.title.lower()]
    assert mandate, "the network mandate of the source must be a procedure"


def test_bundled_handbook_cites_the_laws_of_the_sources() -> None:
    book = load_handbook(BUNDLED)
    text = "\n".join(
        json.dumps(d.get("legal_basis", []), ensure_ascii=False) for d in book.documents
    )
    for law in (
        "helse- og omsorgstjenesteloven",
        "opplæringslova",
        "barnehageloven",
        "pasient- og brukerrettighetsloven",
        "helsepersonelloven",
        "barnevernsloven",
    ):
        assert law in text.lower(), law


@pytest.mark.slow
def test_installed_tvf_checks_the_bundled_handbook_as_a_subprocess(tmp_path: Path) -> None:
    result = subprocess.run(
        [installed_tvf(), "check", "--handbook", str(BUNDLED), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    assert [f for f in findings if f["severity"] == "error"] == []


@pytest.mark.slow
def test_installed_tvf_reports_bad_input_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "tvf.toml").write_text('[handbook]\ntitle = "T"\n', encoding="utf-8")
    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbf---\nid: IV.7-2\n: [\n---\n")
    result = subprocess.run(
        [installed_tvf(), "check"], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(r"a\.md:1\s+TVF001", result.stdout)
    missing = subprocess.run(
        [installed_tvf(), "check", "--handbook", str(tmp_path / "nei")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert "finnes ikke" in missing.stderr
