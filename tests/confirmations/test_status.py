"""tvf confirmations status and forget, and what tvf stamp does to confirmations."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.confirmations.store import load

from .conftest import ROWS, UNITS_TOML, commit, excel_csv, row

runner = CliRunner()


def tvf(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "-H", str(root)])
    return result.exit_code, result.output


@pytest.fixture
def confirmed(root: Path, tmp_path: Path) -> Path:
    """The handbook with ROWS imported and committed."""
    export = tmp_path / "svar.csv"
    export.write_bytes(excel_csv(ROWS))
    tvf(root, "confirmations", "import", str(export))
    commit(root, "Lesebekreftelser")
    return root


def test_status_counts_per_unit_without_names(confirmed: Path) -> None:
    code, output = tvf(confirmed, "confirmations", "status", "--format", "json")
    assert code == 0, output
    data = json.loads(output)
    assert data["threshold"] == 80
    assert data["data_date"] == "2026-11-21T08:30"
    by_doc = {d["id"]: d for d in data["documents"]}
    assert by_doc["IV.7-2"]["units"] == [
        {"unit": "Kanebogen skole", "required": 4, "confirmed": 1, "missing": 3, "percent": 25},
        {"unit": "Helsestasjonen", "required": 2, "confirmed": 1, "missing": 1, "percent": 50},
    ]
    assert (by_doc["IV.7-2"]["confirmed"], by_doc["IV.7-2"]["required"]) == (2, 6)
    # IV.7.1-5 applies to schools only
    assert [u["unit"] for u in by_doc["IV.7.1-5"]["units"]] == ["Kanebogen skole"]
    assert "Nordmann" not in output and "Hansen" not in output


def test_status_names_only_with_names_and_only_those_missing(confirmed: Path) -> None:
    code, output = tvf(
        confirmed,
        "confirmations",
        "status",
        "IV.7-2",
        "--unit",
        "helsestasjonen",
        "--names",
        "--format",
        "json",
    )
    assert code == 0, output
    [doc] = json.loads(output)["documents"]
    assert doc["units"] == [
        {
            "unit": "Helsestasjonen",
            "required": 2,
            "confirmed": 1,
            "missing": 1,
            "percent": 50,
            "missing_names": ["Ola Nordmann"],
        }
    ]


def test_status_table_csv_and_markdown(confirmed: Path) -> None:
    code, output = tvf(confirmed, "confirmations", "status")
    assert code == 0, output
    assert "Terskel: 80 %. Dataene er fra 2026-11-21 08:30." in output
    assert "Kanebogen skole" in output
    assert "2 dokumenter under terskelen." in output
    code, output = tvf(confirmed, "confirmations", "status", "--format", "csv")
    assert output.startswith("\ufeffid;title;version;unit;required;confirmed;missing;percent")
    rows = list(csv.reader(io.StringIO(output.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][:4] == ["IV.7-2", "Dokument IV.7-2", "2.0", "Kanebogen skole"]
    code, output = tvf(confirmed, "confirmations", "status", "--format", "markdown")
    assert "| Helsestasjonen | 1 | 2 | 1 | 50 % |" in output


def test_status_errors_are_explained(confirmed: Path) -> None:
    code, output = tvf(confirmed, "confirmations", "status", "IV.7-404")
    assert code == 2
    assert "tvf: IV.7-404 er ikke et godkjent dokument i håndboka." in output
    code, output = tvf(confirmed, "confirmations", "status", "--unit", "Rådhuset")
    assert code == 2
    assert "Ukjent enhet «Rådhuset»" in output
    (confirmed / "tvf.toml").write_text(UNITS_TOML.split("[confirmations]")[0], encoding="utf-8")
    code, output = tvf(confirmed, "confirmations", "status")
    assert code == 2
    assert "[[units]]" in output


def test_forget_deletes_a_person_everywhere(confirmed: Path) -> None:
    code, output = tvf(confirmed, "confirmations", "forget", "per hansen", "--dry-run")
    assert "Ville slettet 2 lesebekreftelser i 2 filer." in output
    assert len(load(confirmed, "IV.7-2").confirmations) == 2
    code, output = tvf(confirmed, "confirmations", "forget", "Per Hansen")
    assert code == 0, output
    assert "Slettet 2 lesebekreftelser i 2 filer." in output
    assert "historikken" in output
    for path in (confirmed / "lesebekreftelser").iterdir():
        assert "Per Hansen" not in path.read_text(encoding="utf-8")
    assert [c.name for c in load(confirmed, "IV.7-2").confirmations] == ["Kari Nordmann"]


def test_a_major_stamp_moves_confirmations_to_history_a_minor_keeps_them(
    confirmed: Path, tmp_path: Path
) -> None:
    code, output = tvf(
        confirmed,
        "stamp",
        "IV.7-2",
        "--by",
        "Forum",
        "-m",
        "Liten endring",
        "--today",
        "2026-12-01",
    )
    assert code == 0, output
    assert "lesebekreftelse" not in output
    assert len(load(confirmed, "IV.7-2").confirmations) == 2  # 2.1 keeps 2.0's
    code, output = tvf(
        confirmed,
        "stamp",
        "IV.7-2",
        "--major",
        "--by",
        "Forum",
        "-m",
        "Ny",
        "--today",
        "2026-12-02",
    )
    assert code == 0, output
    assert (
        "2 lesebekreftelser gjelder ikke den nye versjonen og er flyttet til historikken "
        "i lesebekreftelser/IV.7-2.yaml." in output
    )
    record = load(confirmed, "IV.7-2")
    assert (len(record.confirmations), len(record.history)) == (0, 2)
    # a confirmation of 3.0 counts again
    export = tmp_path / "ny.csv"
    export.write_bytes(
        excel_csv([row(1, "Kari Nordmann", "IV.7-2", "3.0", "Helsestasjonen", "03.12.2026 10:00")])
    )
    tvf(confirmed, "confirmations", "import", str(export))
    assert [c.version for c in load(confirmed, "IV.7-2").confirmations] == ["3.0"]


def test_every_stamp_asks_again_when_minor_keeps_is_false(confirmed: Path) -> None:
    toml = (confirmed / "tvf.toml").read_text(encoding="utf-8")
    (confirmed / "tvf.toml").write_text(
        toml.replace("threshold = 80", "threshold = 80\nminor_keeps = false"), encoding="utf-8"
    )
    code, output = tvf(
        confirmed,
        "stamp",
        "IV.7-2",
        "--by",
        "Forum",
        "-m",
        "Liten endring",
        "--today",
        "2026-12-01",
        "--dry-run",
    )
    assert code == 0, output
    assert "ville blitt flyttet" in output
    assert len(load(confirmed, "IV.7-2").confirmations) == 2
    tvf(
        confirmed,
        "stamp",
        "IV.7-2",
        "--by",
        "Forum",
        "-m",
        "Liten endring",
        "--today",
        "2026-12-01",
    )
    assert len(load(confirmed, "IV.7-2").history) == 2


@pytest.mark.slow
def test_the_installed_tvf_imports_an_export(root: Path, tmp_path: Path) -> None:
    export = tmp_path / "svar.csv"
    export.write_bytes(excel_csv(ROWS[:3]))
    exe = Path(sys.executable).parent / "tvf"
    done = subprocess.run(
        [str(exe), "confirmations", "import", str(export), "-H", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "3 nye lesebekreftelser" in done.stdout
    status = subprocess.run(
        [str(exe), "confirmations", "status", "IV.7.1-5", "-f", "json", "-H", str(root)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(status.stdout)["documents"][0]["confirmed"] == 1
