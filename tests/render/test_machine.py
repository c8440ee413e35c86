"""SARIF 2.1.0 and JUnit XML reports of tvf check, checked by the tools that read them: the
official SARIF schema and Microsoft's SARIF Multitool (tests/render/sarif, installed with
``npm ci`` by .ci/run), the Jenkins xUnit schema junit-10.xsd (vendored here, with its source)
and junitparser; and the one path rule every report of tvf check follows."""

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
        subprocess.run(
            [npm, "pack", SCHEMA_PACKAGE, "--silent"],
            cwd=work,
            check=True,
            capture_output=True,
            timeout=600,
        )
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


def git_init(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return folder


@pytest.fixture
def book(tmp_path: Path) -> Path:
    git_init(tmp_path / "repo")
    return handbook(
        tmp_path / "repo" / "hb",
        {
            "a.md": doc_text(meta(references=["IV.7-404"], legal_basis=["barnevernloven § 3-2"])),
            "b.md": "ingen front matter\n",
        },
    )


def test_sarif_is_valid_against_the_official_schema(
    book: Path, sarif_schema: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(book.parent)
    result = runner.invoke(app, ["check", "-H", "hb", "-f", "sarif", "--today", "2026-11-25"])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    errors = list(jsonschema.Draft202012Validator(sarif_schema).iter_errors(log))
    assert errors == [], [e.message for e in errors]
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["TVF001", "TVF101", "TVF203"]
    found = {
        (r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in run["results"]
    }
    assert found == {
        ("TVF101", "error", "hb/a.md"),
        ("TVF203", "warning", "hb/a.md"),
        ("TVF001", "error", "hb/b.md"),
    }


def test_sarif_of_a_clean_handbook_is_valid_and_empty(
    tmp_path: Path, sarif_schema: dict[str, object]
) -> None:
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
    assert set(cases) == {"TVF101 hb/a.md:12", "TVF203 hb/a.md:14", "TVF001 hb/b.md:1"}
    assert cases["TVF101 hb/a.md:12"].find("failure") is not None
    assert cases["TVF203 hb/a.md:14"].find("failure") is None
    strict = runner.invoke(app, ["check", "-H", str(book), "-f", "junit", "--strict"])
    assert ET.fromstring(strict.stdout).get("failures") == "3"


def test_junit_of_a_clean_handbook_has_one_passing_case(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta())})
    result = runner.invoke(app, ["check", "-H", str(root), "-f", "junit"])
    suites = ET.fromstring(result.stdout)
    assert suites.get("tests") == "1" and suites.get("failures") == "0"


# --- The real clients --------------------------------------------------------------------------

SARIF_DIR = Path(__file__).parent / "sarif"
MULTITOOL = SARIF_DIR / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
JUNIT_XSD = Path(__file__).parent / "junit-10.xsd"
# File names a Norwegian handbook will have: a space, æ/ø/å, and the characters URIs reserve.
ODD_NAMES = ("prosedyrer/søknad om tiltak.md", "vedlegg/a,b:c%d.md", "Å ø.md")


@pytest.fixture
def odd_book(tmp_path: Path) -> Path:
    """A handbook in the folder ``handbook`` of a git repository, with findings in files
    whose names need percent-encoding in a URI."""
    git_init(tmp_path / "repo")
    return handbook(
        tmp_path / "repo" / "handbook",
        {
            ODD_NAMES[0]: doc_text(meta("IV.7-3", references=["IV.7-404"])),
            ODD_NAMES[1]: doc_text(
                meta("IV.7-4", type="attachment", legal_basis=["barnevernloven § 3-2"])
            ),
            ODD_NAMES[2]: "ingen front matter\n",
        },
    )


def multitool() -> Path:
    if not MULTITOOL.exists():
        if os.environ.get("CI"):
            pytest.fail("the SARIF Multitool is not installed: npm ci in tests/render/sarif")
        pytest.skip("the SARIF Multitool is not installed (cd tests/render/sarif && npm ci)")
    return MULTITOOL


@pytest.mark.slow
@pytest.mark.parametrize("rule_kind", ["Sarif", "Gh"])
def test_the_sarif_multitool_finds_no_error_or_warning(
    odd_book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rule_kind: str
) -> None:
    elsewhere = tmp_path / "elsewhere"  # run from outside the repository
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = runner.invoke(
        app, ["check", "-H", str(odd_book), "-f", "sarif", "--today", "2026-11-25"]
    )
    assert result.exit_code == 1
    sarif = tmp_path / "tvf.sarif"
    sarif.write_text(result.stdout, encoding="utf-8")
    out = tmp_path / "validation.sarif"
    done = subprocess.run(
        [
            str(multitool()),
            "validate",
            str(sarif),
            "--output",
            str(out),
            "--log",
            "ForceOverwrite",
            "--rule-kind",
            rule_kind,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    validation = json.loads(out.read_text(encoding="utf-8-sig"))
    complaints = [
        (r["ruleId"], r["message"].get("text") or r["message"].get("arguments"))
        for r in validation["runs"][0].get("results", [])
        if r.get("level", "warning") in ("error", "warning")
    ]
    assert complaints == [], done.stdout
    log = json.loads(result.stdout)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {
        "handbook/prosedyrer/s%C3%B8knad%20om%20tiltak.md",
        "handbook/vedlegg/a%2Cb%3Ac%25d.md",
        "handbook/%C3%85%20%C3%B8.md",
    }


def test_sarif_names_rules_and_the_base_of_its_uris(odd_book: Path) -> None:
    result = runner.invoke(
        app, ["check", "-H", str(odd_book), "-f", "sarif", "--today", "2026-11-25"]
    )
    run = json.loads(result.stdout)["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == odd_book.parent.resolve().as_uri() + "/"
    assert run["tool"]["driver"]["informationUri"].startswith("https://")
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["name"] != rule["id"] and rule["name"][0].isupper()
        assert rule["fullDescription"]["text"] and rule["help"]["text"]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert {loc["uriBaseId"] for loc in locations} == {"SRCROOT"}


def test_every_rule_has_a_readable_name_of_its_own() -> None:
    from tverrfaglig.checks.registry import rules
    from tverrfaglig.render.machine import rule_name

    names = [rule_name(code) for code in rules()]
    assert len(set(names)) == len(names)
    assert all(name.isidentifier() and name[0].isupper() for name in names)
    assert rule_name("TVF999") == "TVF999"  # an unknown code: described as itself


def junit_output(book: Path, *args: str) -> str:
    result = runner.invoke(
        app, ["check", "-H", str(book), "-f", "junit", "--today", "2026-11-25", *args]
    )
    assert result.exit_code == 1
    return result.stdout


def test_junit_is_valid_against_jenkins_junit_10_xsd(odd_book: Path) -> None:
    import xmlschema

    schema = xmlschema.XMLSchema(str(JUNIT_XSD))
    for args in ((), ("--strict",)):
        text = junit_output(odd_book, *args)
        errors = [str(e.reason) for e in schema.iter_errors(text)]
        assert errors == []
    # The version of tvf before this fix: file and line on testcase are rejected.
    old = text.replace("<testcase ", '<testcase file="a.md" line="1" ', 1)
    assert not schema.is_valid(old)


def test_junit_is_read_by_junitparser(odd_book: Path, tmp_path: Path) -> None:
    from junitparser import Failure, JUnitXml

    path = tmp_path / "tvf-junit.xml"
    path.write_text(junit_output(odd_book), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    cases = [case for suite in xml for case in suite]
    assert xml.tests == len(cases) == 3
    failed = {case.name: case for case in cases if any(isinstance(r, Failure) for r in case.result)}
    assert set(failed) == {
        "TVF101 handbook/prosedyrer/søknad om tiltak.md:12",
        "TVF001 handbook/Å ø.md:1",
    }
    assert {case.classname for case in cases} == {f"handbook/{name}" for name in ODD_NAMES}


def test_junit_is_well_formed_whatever_a_value_holds(tmp_path: Path) -> None:
    import xmlschema

    root = handbook(
        tmp_path / "hb",
        {
            "a.md": '---\nid: IV.7-2\ntitle: "x"\ntype: "\\x07\\x00\\x1b[31m"\n---\nTekst.\n',
        },
    )
    result = runner.invoke(app, ["check", "-H", str(root), "-f", "junit"])
    assert result.exit_code == 1
    suites = ET.fromstring(result.stdout)  # well-formed: parses at all
    message = next(suites.iter("failure")).get("message") or ""
    assert "\\x07\\x00\\x1b[31m" in "".join(
        f.get("message") or "" for f in suites.iter("failure")
    ), message
    assert xmlschema.XMLSchema(str(JUNIT_XSD)).is_valid(result.stdout)


def test_every_format_names_a_file_the_same_way(
    odd_book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the repository root with --handbook handbook, and from anywhere else: text,
    GitHub, SARIF and JUnit give the path from the repository root; JSON keeps the contract's
    path from the handbook root (docs/ci.md)."""
    from urllib.parse import unquote

    expected = {f"handbook/{name}" for name in ODD_NAMES}
    for cwd, handbook_option in (
        (odd_book.parent, "handbook"),
        (odd_book / "vedlegg", str(odd_book)),
    ):
        monkeypatch.chdir(cwd)

        def run(fmt: str, option: str = handbook_option) -> str:
            result = runner.invoke(app, ["check", "-H", option, "-f", fmt, "--today", "2026-11-25"])
            assert result.exit_code == 1, result.output
            return result.stdout

        text = run("text")
        assert {
            line
            for line in text.splitlines()
            if line and not line.startswith(" ") and "sjekket" not in line
        } == expected
        github = {line.split("file=")[1].split(",line=")[0] for line in run("github").splitlines()}
        assert {
            g.replace("%2C", ",").replace("%3A", ":").replace("%25", "%") for g in github
        } == expected
        sarif = json.loads(run("sarif"))["runs"][0]["results"]
        assert {
            unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in sarif
        } == expected
        junit = ET.fromstring(run("junit"))
        assert {case.get("classname") for case in junit.iter("testcase")} == expected
        assert {f["path"] for f in json.loads(run("json"))} == set(ODD_NAMES)
