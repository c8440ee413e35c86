"""The rule registry: every code is declared once, fires, is documented with its severity in
docs/check.md, and is the catalogue that reports (SARIF) name their rules from."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tverrfaglig.checks import CODES, describe, rules
from tverrfaglig.checks.registry import MODULES, Rule, rule
from tverrfaglig.cli import app
from tverrfaglig.findings import Finding, Severity

from helpers import TODAY, TVF_TOML, doc_text, handbook, meta, run_check, valid_number

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "tverrfaglig"
D = dt.date.fromisoformat
NET = "nettverk/sentrum"
SENT = {"date": D("2026-09-20"), "to": "Samarbeidsgruppa"}


# --- One minimal handbook per code, in which the code fires ------------------------------------


def network(**fields: Any) -> str:
    data: dict[str, Any] = {
        "type": "network",
        "id": "sentrum",
        "title": "Nettverk Sentrum",
        "leader": {
            "name": "Kari Nordmann",
            "role": "Rektor",
            "term_start": D("2026-08-01"),
            "term_end": D("2027-07-31"),
        },
        "meetings_per_year": 1,
    }
    data.update(fields)
    return doc_text(data, "# Sentrum\n")


def meeting(kind: str, day: str, body: str = "Tekst.\n", **fields: Any) -> str:
    return doc_text({"type": kind, "network": "sentrum", "date": D(day), **fields}, body)


def with_network(**files: str) -> dict[str, str]:
    """A network with one meeting this school year, its minutes sent, and ``files``."""
    return {
        f"{NET}/nettverk.md": network(),
        f"{NET}/2026-09-10-saksliste.md": meeting("agenda", "2026-09-10"),
        f"{NET}/2026-09-10-referat.md": meeting("minutes", "2026-09-10", sent=SENT),
        **{f"{NET}/{name}.md": text for name, text in files.items()},
    }


LAWS_WITH_SECTIONS = """\
- id: LOV-2005-06-17-64
  sections:
  - "2b | Samarbeid og samordning | kap. 1 | tilføyd ved LOV-2021-06-11-78 fra 2022-08-01"
  - "3 | (Opphevet)"
"""
UNITS_TOML = (
    TVF_TOML
    + """
[[units]]
name = "Sentrum skole"
services = ["Skole"]
employees = 10
"""
)
TERM_ENDED = {
    "name": "Kari Nordmann",
    "role": "Rektor",
    "term_start": D("2025-08-01"),
    "term_end": D("2026-07-31"),
}
CHANGES = [{"version": "1.0", "date": D("2026-06-01"), "by": "X", "summary": "Y"}]

FIRING: dict[str, Callable[[], dict[str, str]]] = {
    "TVF001": lambda: {"a.md": ""},
    "TVF002": lambda: {"a.md": doc_text(meta(owner=None))},
    "TVF003": lambda: {"a.md": doc_text(meta(version=1.0))},
    "TVF004": lambda: {"a.md": doc_text(meta("4.7-2"))},
    "TVF005": lambda: {"a.md": doc_text(meta()), "b.md": doc_text(meta())},
    "TVF006": lambda: {"a.md": doc_text(meta()), ".a.md.k3j2_x.tvf-tmp": doc_text(meta())},
    "TVF101": lambda: {"a.md": doc_text(meta(references=["IV.7-404"]))},
    "TVF102": lambda: {
        "a.md": doc_text(meta(references=["IV.7-3"])),
        "b.md": doc_text(meta("IV.7-3", status="retired")),
    },
    "TVF103": lambda: {
        "a.md": doc_text(meta(references=["IV.7-3"])),
        "b.md": doc_text(meta("IV.7-3", changes=CHANGES)),
    },
    "TVF201": lambda: {"a.md": doc_text(meta(legal_basis=["tullelova § 3"]))},
    "TVF202": lambda: {
        "laws.yaml": LAWS_WITH_SECTIONS,
        "a.md": doc_text(meta(legal_basis=["barnehageloven § 99"])),
    },
    "TVF203": lambda: {"a.md": doc_text(meta(legal_basis=["LOV-1998-07-17-61 § 15-8"]))},
    "TVF204": lambda: {"a.md": doc_text(meta(legal_basis=["opplæringslova § 15.8"]))},
    "TVF205": lambda: {
        "laws.yaml": LAWS_WITH_SECTIONS,
        "a.md": doc_text(meta(legal_basis=["barnehageloven § 3"])),
    },
    "TVF206": lambda: {
        "laws.yaml": LAWS_WITH_SECTIONS,
        "a.md": doc_text(meta(legal_basis=["barnehageloven § 2 b"], valid_from=D("2020-01-01"))),
    },
    # Issue 13 (contract 4.1), with the shipped law data and no import: the 1998 act's
    # numbering under the name of the 2023 act; a § with no law; an article that does not exist.
    "TVF207": lambda: {"a.md": doc_text(meta(legal_basis=["opplæringslova § 15-8"]))},
    "TVF208": lambda: {"a.md": doc_text(meta(), "Dette følger av jf. § 4.\n")},
    "TVF209": lambda: {"a.md": doc_text(meta(legal_basis=["barnekonvensjonen artikkel 99"]))},
    "TVF301": lambda: {"a.md": doc_text(meta(review_by=D("2026-11-24")))},
    "TVF302": lambda: {"a.md": doc_text(meta(fingerprint="sha256:" + "0" * 64))},
    "TVF401": lambda: {**with_network(), f"{NET}/nettverk.md": network(leader=TERM_ENDED)},
    "TVF402": lambda: {**with_network(), f"{NET}/nettverk.md": network(meetings_per_year=3)},
    "TVF403": lambda: with_network(**{"2026-11-05-saksliste": meeting("agenda", "2026-11-05")}),
    "TVF404": lambda: {
        **with_network(),
        f"{NET}/2026-09-10-referat.md": meeting(
            "minutes",
            "2026-09-10",
            "- [ ] Kartlegge (ansvar: Skole, frist: 2026-11-01)\n",
            sent=SENT,
        ),
    },
    "TVF405": lambda: with_network(
        **{"2025-09-11-referat": meeting("minutes", "2025-09-11", sent=SENT)}
    ),
    "TVF406": lambda: {
        **with_network(),
        f"{NET}/2026-09-10-referat.md": meeting("minutes", "2026-09-10"),
    },
    "TVF407": lambda: {
        **with_network(),
        f"{NET}/2026-09-10-referat.md": meeting(
            "minutes", "2026-09-10", "- [ ] Uten ansvar\n", sent=SENT
        ),
    },
    "TVF408": lambda: with_network(kopi=meeting("agenda", "2026-09-10")),
    "TVF501": lambda: {"a.md": doc_text(meta(), f"Barnet {valid_number(14, 3, 15)}.\n")},
    "TVF502": lambda: {"a.md": doc_text(meta(), "Ola (8B) har mye fravær.\n")},
    "TVF601": lambda: {
        "tvf.toml": UNITS_TOML,
        "a.md": doc_text(meta(applies_to=["Skole", "Helsestasjonen"])),
    },
}


def test_every_registered_code_has_a_firing_case() -> None:
    assert sorted(FIRING) == sorted(rules())


@pytest.mark.parametrize("code", sorted(FIRING))
def test_the_code_fires_with_its_registered_severity(code: str, tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", FIRING[code]())
    fired = [f for f in run_check(root, TODAY).findings if f.code == code]
    assert fired, f"{code} did not fire"
    assert {f.severity for f in fired} == {rules()[code].severity}


# --- The registry ------------------------------------------------------------------------------


def test_every_rule_module_declares_rules_and_every_rule_is_in_one_of_them() -> None:
    declared: dict[str, list[str]] = {}
    for name in MODULES:
        text = (SOURCE / "checks" / f"{name}.py").read_text(encoding="utf-8")
        declared[name] = re.findall(r'^(TVF\d{3}) = rule\(\s*"\1",', text, re.M)
        assert declared[name], f"checks/{name}.py declares no rule"
    everywhere = [code for codes in declared.values() for code in codes]
    assert sorted(everywhere) == list(rules())  # each code declared once, in a listed module


def test_a_code_cannot_be_declared_twice() -> None:
    with pytest.raises(ValueError, match="TVF101 is declared twice"):
        rule("TVF101", Severity.WARNING, "x")


def test_a_rule_makes_findings_with_its_own_severity() -> None:
    tvf102 = rules()["TVF102"]
    assert isinstance(tvf102, Rule)
    assert tvf102("a.md", 3, "m") == Finding("TVF102", Severity.WARNING, "a.md", 3, "m")


def test_the_catalogue_is_derived_from_the_registry() -> None:
    derived = {code: (str(r.severity), r.description) for code, r in rules().items()}
    assert derived == CODES
    assert list(CODES) == sorted(CODES)
    assert describe("TVF101") == "Referanse til et dokument som ikke finnes"
    assert describe("TVF999") == "TVF999"


def test_the_checks_make_findings_only_from_rules() -> None:
    """In checks/ no finding is made by code and severity; outside it, every finding made so
    (while files and the law registry are read) has the severity of the code's rule."""
    made = re.compile(r'\b(error|warning)\(\s*"(TVF\d{3})"')
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        found = made.findall(text)
        if path.parent.name == "checks":
            assert found == [], path
            assert not re.search(r"from \.\.findings import .*\b(error|warning)\b", text), path
        for severity, code in found:
            assert code in rules(), f"{path}: {code} is not registered"
            assert rules()[code].severity == severity, f"{path}: {code} as {severity}"


# --- docs/check.md documents every code with its severity ---------------------------------------


def documented() -> dict[str, str]:
    """code → severity from the table in docs/check.md (a row may be a range, TVF401–TVF408)."""
    table: dict[str, str] = {}
    text = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    for first, last, severity in re.findall(
        r"^\| (TVF\d{3})(?:[–-](TVF\d{3}))? \| (error|warning) \|", text, re.M
    ):
        for number in range(int(first[3:]), int((last or first)[3:]) + 1):
            table[f"TVF{number:03d}"] = severity
    return table


def test_every_code_is_documented_in_check_md_with_its_severity() -> None:
    registered = {code: str(r.severity) for code, r in rules().items()}
    assert documented() == registered


# --- SARIF names its rules from the registry ----------------------------------------------------


def test_sarif_rules_are_the_registry(tmp_path: Path) -> None:
    runner = CliRunner()
    seen: dict[str, tuple[str, str]] = {}
    for code, files in FIRING.items():
        root = handbook(tmp_path / code, files())
        result = runner.invoke(
            app, ["check", "-H", str(root), "-f", "sarif", "--today", TODAY.isoformat()]
        )
        assert result.exit_code in (0, 1), result.output
        run = json.loads(result.output)["runs"][0]
        levels = {r["ruleId"]: r["level"] for r in run["results"]}
        for entry in run["tool"]["driver"]["rules"]:
            seen[entry["id"]] = (levels[entry["id"]], entry["shortDescription"]["text"])
    assert seen == {code: (str(r.severity), describe(code)) for code, r in rules().items()}
