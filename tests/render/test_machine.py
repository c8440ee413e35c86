"""SARIF 2.1.0 (valid against the official schema) and JUnit XML reports of tvf check."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app

from helpers import doc_text, handbook, meta

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
SCHEMA_CACHE = ROOT / ".cache" / "sarif-2.1.0.json"
# The official SARIF 2.1.0 schema ships in Microsoft's SARIF Multitool package on the npm
# registry; tests fetch it once into .cache/ (git-ignored).
SCHEMA_PACKAGE = "@microsoft/sarif-multitool-linux@5.7.0"


@pytest.fixture(scope="session")
def sarif_schema() -> dict[str, object]:
    if not SCHEMA_CACHE.exists():
        npm = shutil.which("npm")
        if npm is None:
            if os.environ.get("CI"):
                pytest.fail("npm is needed in CI to fetch the SARIF schema")
            pytest.skip("npm is not installed, so the SARIF schema cannot be fetched")
        work = SCHEMA_CACHE.parent / "npm"
        work.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "pack", SCHEMA_PACKAGE, "--silent"], cwd=work, check=True,
                       capture_output=True, timeout=600)
        archive = next(work.glob("*.tgz"))
        with tarfile.open(archive) as tar:
            member = tar.extractfile("package/sarif-2.1.0.json")
            assert member is not None
            data = member.read()
        tmp = SCHEMA_CACHE.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(SCHEMA_CACHE)
        shutil.rmtree(work)
    schema: dict[str, object] = json.loads(SCHEMA_CACHE.read_text(encoding="utf-8"))
    return schema


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return handbook(tmp_path / "repo" / "hb", {
        "a.md": doc_text(meta(references=["IV.7-404"],
                              legal_basis=["barnevernloven § 3-2"])),
        "b.md": "ingen front matter\n",
    })


def test_sarif_is_valid_against_the_official_schema(book: Path, sarif_schema: dict[str, object],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(book.parent)
    result = runner.invoke(app, ["check", "-H", "hb", "-f", "sarif", "--today", "2026-11-25"])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    errors = list(jsonschema.Draft202012Validator(sarif_schema).iter_errors(log))
    assert errors == [], [e.message for e in errors]
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["TVF001", "TVF101", "TVF203"]
    found = {(r["ruleId"], r["level"],
              r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
             for r in run["results"]}
    assert found == {("TVF101", "error", "hb/a.md"), ("TVF203", "warning", "hb/a.md"),
                     ("TVF001", "error", "hb/b.md")}


def test_sarif_of_a_clean_handbook_is_valid_and_empty(tmp_path: Path,
                                                      sarif_schema: dict[str, object]) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta())})
    result = runner.invoke(app, ["check", "-H", str(root), "-f", "sarif"])
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    jsonschema.Draft202012Validator(sarif_schema).validate(log)
    assert log["runs"][0]["results"] == []


def test_junit_report(book: Path) -> None:
    result = runner.invoke(app, ["check", "-H", str(book), "-f", "junit", "--today", "2026-11-25"])
    assert result.exit_code == 1
    suites = ET.fromstring(result.stdout)
    assert suites.get("tests") == "3" and suites.get("failures") == "2"
    cases = {case.get("name"): case for case in suites.iter("testcase")}
    assert set(cases) == {"TVF101 a.md:12", "TVF203 a.md:14", "TVF001 b.md:1"}
    assert cases["TVF101 a.md:12"].find("failure") is not None
    assert cases["TVF203 a.md:14"].find("failure") is None
    strict = runner.invoke(app, ["check", "-H", str(book), "-f", "junit", "--strict"])
    assert ET.fromstring(strict.stdout).get("failures") == "3"


def test_junit_of_a_clean_handbook_has_one_passing_case(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta())})
    result = runner.invoke(app, ["check", "-H", str(root), "-f", "junit"])
    suites = ET.fromstring(result.stdout)
    assert suites.get("tests") == "1" and suites.get("failures") == "0"
