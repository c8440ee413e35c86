"""child_mentions: text that looks like it names a child (TVF502)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.checks import check
from tverrfaglig.child_mentions import find_child_mentions, first_names
from tverrfaglig.cli import app
from tverrfaglig.handbook import load_handbook

from helpers import TODAY, doc_text, handbook, meta

runner = CliRunner()
BUNDLED = Path(__file__).resolve().parents[1] / "handbook"


def test_the_names_are_statistics_norways_from_the_faker_package() -> None:
    names = first_names()
    assert len(names) == 200
    assert {"Ola", "Kari", "Nora", "Emma", "Sondre", "Åse"} <= names


@pytest.mark.parametrize(
    ("text", "name", "marker"),
    [
        ("Ola (8B) på Kanebogen skole har mye fravær, mor drikker", "Ola", "8B"),
        ("Kari i 3. trinn har fått ADHD-diagnose", "Kari", "3. trinn"),
        ("Nora, 12 år, sliter på skolen", "Nora", "12 år"),
        ("Sondre (14) ble mobbet i friminuttet", "Sondre", "(14)"),
        ("Emma er en 9-åring", "Emma", "9-åring"),
        ("Vi snakket om at Per har angst", "Per", "angst"),
        ("Ida i 10A trenger oppfølging", "Ida", "10A"),
    ],
)
def test_a_first_name_next_to_a_class_an_age_or_a_diagnosis(
    text: str, name: str, marker: str
) -> None:
    [mention] = find_child_mentions(text)
    assert (mention.line, mention.name, mention.marker) == (1, name, marker)


@pytest.mark.parametrize(
    "text",
    [
        "Elever i 8B har mye fravær",  # a class, no name
        "Per i dag har 8. trinn mye fravær",  # «Per» is a word at a sentence's start
        "Liv og helse i 7. klasse",  # so is «Liv»
        "Barn 7–12 år med psykiske utfordringer",  # an age, no name
        "Kari Nordmann leder nettverket",  # a name, nothing about a child
        "Ola har mye fravær.\n\n8B har også det",  # the name and the class on different lines
        "```\nOla (8B)\n```",  # code
    ],
)
def test_what_is_not_a_mention(text: str) -> None:
    assert list(find_child_mentions(text)) == []


def test_the_bundled_handbook_has_no_false_positives() -> None:
    report = check(load_handbook(BUNDLED), today=TODAY)
    assert [f for f in report.findings if f.code == "TVF502"] == []


def test_tvf502_warns_on_inputs_agendas_minutes_and_documents(tmp_path: Path) -> None:
    network = {
        "type": "network",
        "id": "sentrum",
        "title": "Sentrum",
        "leader": {
            "name": "Kari Nordmann",
            "role": "Rektor",
            "term_start": dt.date(2026, 8, 1),
            "term_end": dt.date(2027, 7, 31),
        },
        "planned_meetings": [dt.date(2026, 9, 10), dt.date(2027, 1, 14), dt.date(2027, 4, 22)],
    }
    root = handbook(
        tmp_path / "hb",
        {
            "prosedyrer/a.md": doc_text(meta(), "# Rutine\n\nEksempel: Emma (9) i 4. trinn.\n"),
            "nettverk/sentrum/nettverk.md": doc_text(network),
            "nettverk/sentrum/2026-09-10-saksliste.md": doc_text(
                {"type": "agenda", "network": "sentrum", "date": dt.date(2026, 9, 10)},
                "## 1. Sondre i 8B\n",
            ),
            "nettverk/sentrum/2026-09-10-referat.md": doc_text(
                {
                    "type": "minutes",
                    "network": "sentrum",
                    "date": dt.date(2026, 9, 10),
                    "sent": {"date": dt.date(2026, 9, 11), "to": "X"},
                },
                "Tekst.\n\nNora, 12 år, ble nevnt.\n",
            ),
            "nettverk/sentrum/innspill/2026-11-01-innspill-001.md": doc_text(
                {"type": "input", "network": "sentrum", "date": dt.date(2026, 11, 1)},
                "Ola (8B) har mye fravær\n",
            ),
        },
    )
    found = {
        (f.path, f.line)
        for f in check(load_handbook(root), today=TODAY).findings
        if f.code == "TVF502"
    }

    def line_of(path: str, text: str) -> tuple[str, int]:
        lines = (root / path).read_text(encoding="utf-8").split("\n")
        return path, next(n for n, line in enumerate(lines, start=1) if text in line)

    assert found == {
        line_of("prosedyrer/a.md", "Emma (9)"),
        line_of("nettverk/sentrum/2026-09-10-saksliste.md", "Sondre i 8B"),
        line_of("nettverk/sentrum/2026-09-10-referat.md", "Nora, 12 år"),
        line_of("nettverk/sentrum/innspill/2026-11-01-innspill-001.md", "Ola (8B)"),
    }
    result = runner.invoke(app, ["check", "-H", str(root), "--today", TODAY.isoformat()])
    assert "TVF502" in result.output and "«Ola» står ved «8B»" in result.output


def test_agenda_add_warns_and_never_names_the_file_from_the_text(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "nettverk/sentrum/nettverk.md": doc_text(
                {"type": "network", "id": "sentrum", "title": "Sentrum"}
            )
        },
    )
    result = runner.invoke(
        app,
        [
            "agenda",
            "add",
            "-H",
            str(root),
            "-n",
            "sentrum",
            "Ola (8B) på Kanebogen skole har mye fravær, mor drikker",
            "--today",
            TODAY.isoformat(),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Advarsel (TVF502): «Ola» står ved «8B»" in result.output
    [written] = (root / "nettverk/sentrum/innspill").iterdir()
    assert written.name == f"{TODAY}-innspill-001.md"
