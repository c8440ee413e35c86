"""TVF601: applies_to names a service that no unit in tvf.toml belongs to."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tverrfaglig.cli import app

from helpers import TVF_TOML, codes, doc_text, handbook, meta, run_check

UNITS = (
    TVF_TOML
    + """
[confirmations]
services = ["Fastleger"]

[[units]]
name = "Kanebogen skole"
services = ["Skole", "Skole og SFO"]
employees = 30

[[units]]
name = "Helsestasjonen"
services = ["Helsestasjon og skolehelsetjeneste"]
names = ["Kari Nordmann", "Ola Nordmann"]
"""
)


def test_known_services_are_silent_and_matched_without_case_or_spacing(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(
                meta(
                    applies_to=[
                        "Skole",
                        "skole  og SFO",
                        "Helsestasjon og skolehelsetjeneste",
                        "Fastleger",
                    ]
                )
            )
        },
        UNITS,
    )
    assert codes(run_check(root)) == []


def test_an_unknown_service_is_an_error_on_its_line_with_a_suggestion(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb", {"a.md": doc_text(meta(applies_to=["Skole", "Skolen"]))}, UNITS
    )
    [finding] = run_check(root).findings
    assert finding.code == "TVF601"
    assert finding.line == 13  # the second entry of the list
    assert "«Skolen»" in finding.message
    assert "Mente du «Skole»?" in finding.message


def test_without_units_there_is_nothing_to_check_against(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta(applies_to=["Hva som helst"]))})
    assert codes(run_check(root)) == []


def test_the_cli_reports_it_in_check_and_json(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta(applies_to=["PPT"]))}, UNITS)
    result = CliRunner().invoke(app, ["check", "-H", str(root), "-f", "json"])
    assert result.exit_code == 1
    assert '"code": "TVF601"' in result.output
