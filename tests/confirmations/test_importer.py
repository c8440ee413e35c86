"""tvf confirmations import: .xlsx and Excel's CSV, column mapping, problems by row, no
duplicates, no identity numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.config import load_config
from tverrfaglig.confirmations import import_file, parse_map
from tverrfaglig.confirmations.store import load
from tverrfaglig.errors import TvfError

from .conftest import HEADERS, ROWS, excel_csv, row, write_xlsx
from helpers import valid_number

runner = CliRunner()


def imported(root: Path, file: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["confirmations", "import", str(file), "-H", str(root), *extra])
    return result.exit_code, result.output


def test_an_excel_csv_is_imported_and_a_bad_row_reported_by_number(
    root: Path, tmp_path: Path
) -> None:
    export = tmp_path / "svar.csv"
    export.write_bytes(excel_csv(ROWS))
    code, output = imported(root, export)
    assert code == 1, output  # one row could not be imported
    assert "Leste 4 rader fra svar.csv: 3 nye lesebekreftelser" in output
    assert "Rad 5: ukjent dokument «IV.7-99»; raden er ikke tatt inn." in output
    assert "Kari" not in output and "Per Hansen" not in output  # no names in a CI log
    text = (root / "lesebekreftelser" / "IV.7-2.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[2:] == [
        "id: IV.7-2",
        "confirmations:",
        '- {version: "2.0", name: "Kari Nordmann", unit: "Helsestasjonen", '
        'time: "2026-11-20T14:05"}',
        '- {version: "2.0", name: "Per Hansen", unit: "Kanebogen skole", time: "2026-11-21T08:30"}',
        "history: []",
    ]
    assert yaml.safe_load(text)["id"] == "IV.7-2"
    # the unit as tvf.toml spells it, whatever the form said
    assert load(root, "IV.7.1-5").confirmations[0].unit == "Kanebogen skole"


def test_importing_the_same_export_again_adds_nothing(root: Path, tmp_path: Path) -> None:
    export = tmp_path / "svar.csv"
    export.write_bytes(excel_csv(ROWS))
    imported(root, export)
    before = {p.name: p.read_bytes() for p in (root / "lesebekreftelser").iterdir()}
    code, output = imported(root, export)
    assert code == 1, output  # row 5 names an unknown document again
    assert (
        "0 nye lesebekreftelser, 0 til historikken (en eldre hovedversjon), 3 registrert "
        "fra før" in output
    )
    after = {p.name: p.read_bytes() for p in (root / "lesebekreftelser").iterdir()}
    assert after == before


def test_an_xlsx_written_by_openpyxl_with_real_dates_and_numbers(
    root: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        [
            1,
            dt.datetime(2026, 11, 20, 14, 5, 31),
            dt.datetime(2026, 11, 20, 14, 6, 2),
            "anonymous",
            "Ola Nordmann",
            "IV.7-2 Forpliktende samarbeid",
            2.0,
            "Helsestasjonen",
        ],
        [2, None, "22.11.2026 09:15", None, "Per Hansen", "IV.7-2", "2,0", "Kanebogen skole"],
    ]
    export = write_xlsx(tmp_path / "Lesebekreftelse(1-2).xlsx", rows)
    result = import_file(root, load_config(root), export)
    assert (result.rows, result.added, result.problems) == (2, 2, [])
    times = {c.name: c.time for c in load(root, "IV.7-2").confirmations}
    assert times == {
        "Ola Nordmann": dt.datetime(2026, 11, 20, 14, 6),
        "Per Hansen": dt.datetime(2026, 11, 22, 9, 15),
    }


def test_columns_with_other_headers_are_mapped(root: Path, tmp_path: Path) -> None:
    headers = [
        "Tidsstempel",
        "Hvem er du?",
        "Hvilken rutine har du lest?",
        "Versjon",
        "Hvor jobber du?",
    ]
    export = write_xlsx(
        tmp_path / "svar.xlsx",
        [["20.11.2026 14:05", "Kari Nordmann", "IV.7-2", "2.0", "Helsestasjonen"]],
        headers,
    )
    code, output = imported(root, export)
    assert code == 2
    assert "fant ingen kolonne for document" in output
    assert "--map" in output
    code, output = imported(
        root,
        export,
        "--map",
        "document=Hvilken rutine har du lest?",
        "--map",
        "name=Hvem er du?",
        "--map",
        "unit=Hvor jobber du?",
        "--map",
        "time=Tidsstempel",
    )
    assert code == 0, output
    assert "1 nye lesebekreftelser" in output


def test_unknown_versions_units_and_times_are_reported_by_row(root: Path, tmp_path: Path) -> None:
    export = tmp_path / "svar.csv"
    export.write_bytes(
        excel_csv(
            [
                row(1, "A B", "IV.7-2", "3.0", "Helsestasjonen"),
                row(2, "C D", "IV.7-2", "2.0", "Rådhuset"),
                row(3, "E F", "IV.7-2", "2.0", "Helsestasjonen", "i går"),
                row(4, "", "IV.7-2", "2.0", "Helsestasjonen"),
                row(5, "G H", "IV.7-2", "2.0", "Helsestasjonen"),
            ]
        )
    )
    result = import_file(root, load_config(root), export)
    assert [(p.row, p.message) for p in result.problems] == [
        (2, "IV.7-2 har ingen versjon «3.0» (gjeldende versjon er 2.0)"),
        (3, "ukjent enhet «Rådhuset»; enhetene står i [[units]] i tvf.toml"),
        (4, "tidspunktet «i går» er ikke en dato (dd.mm.åååå tt:mm)"),
        (5, "navnet mangler"),
    ]
    assert result.added == 1


def test_an_older_major_version_goes_to_the_history(root: Path, tmp_path: Path) -> None:
    export = tmp_path / "svar.csv"
    export.write_bytes(
        excel_csv([row(1, "Kari Nordmann", "IV.7-2", "1.0", "Helsestasjonen", "03.02.2025 09:12")])
    )
    result = import_file(root, load_config(root), export)
    assert (result.added, result.history) == (0, 1)
    assert load(root, "IV.7-2").history[0].version == "1.0"


def test_a_file_with_an_identity_number_is_refused_whole(root: Path, tmp_path: Path) -> None:
    number = valid_number(14, 3, 15)
    rows = [
        *ROWS[:2],
        [
            *row(3, "Lise Berg", "IV.7-2", "2.0", "Kanebogen skole")[:3],
            number,
            *row(3, "Lise Berg", "IV.7-2", "2.0", "Kanebogen skole")[4:],
        ],
    ]
    export = tmp_path / "svar.csv"
    export.write_bytes(excel_csv(rows))
    code, output = imported(root, export)
    assert code == 2
    assert "svar.csv, rad 4: inneholder det som kan være et fødselsnummer" in output
    assert number not in output
    assert not (root / "lesebekreftelser").exists()


def test_windows_1252_csv_from_plain_excel_is_read(root: Path, tmp_path: Path) -> None:
    text = "\r\n".join(
        [";".join(HEADERS), ";".join(row(1, "Bjørn Ås", "IV.7-2", "2.0", "Kanebogen skole"))]
    )
    export = tmp_path / "svar.csv"
    export.write_bytes(text.encode("cp1252"))
    result = import_file(root, load_config(root), export)
    assert result.added == 1
    assert load(root, "IV.7-2").confirmations[0].name == "Bjørn Ås"


def test_dry_run_writes_nothing(root: Path, tmp_path: Path) -> None:
    export = tmp_path / "svar.csv"
    export.write_bytes(excel_csv(ROWS[:2]))
    code, output = imported(root, export, "--dry-run")
    assert code == 0
    assert "Ville skrevet lesebekreftelser/IV.7-2.yaml" in output
    assert not (root / "lesebekreftelser").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("svar.txt", b"x", "tvf leser .xlsx og .csv"),
        ("svar.xlsx", b"not a zip", "er ikke en Excel-arbeidsbok"),
        ("svar.csv", b"", "er tom"),
    ],
)
def test_unreadable_files_are_errors_not_tracebacks(
    root: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    export = tmp_path / name
    export.write_bytes(content)
    code, output = imported(root, export)
    assert code == 2
    assert message in output


def test_a_bad_map_option_is_explained() -> None:
    with pytest.raises(TvfError, match="FELT=Kolonneoverskrift"):
        parse_map(["dokument"])
    assert parse_map(["Document = Rutine"]) == {"document": "Rutine"}
