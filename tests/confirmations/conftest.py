"""A handbook in a real git repository with units, and exports written as Excel writes them."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from helpers import TVF_TOML, doc_text, handbook, meta

UNITS_TOML = (
    TVF_TOML
    + """
[confirmations]
form_url = "https://forms.office.com/r/AbC123?dokument={id}&versjon={version}"
threshold = 80

[[units]]
name = "Kanebogen skole"
services = ["Skole"]
employees = 4

[[units]]
name = "Helsestasjonen"
services = ["Helsestasjon og skolehelsetjeneste"]
names = ["Kari Nordmann", "Ola Nordmann"]
"""
)

HEADERS = [
    "ID",
    "Starttidspunkt",
    "Fullføringstidspunkt",
    "E-post",
    "Navn",
    "Dokument",
    "Versjon",
    "Enhet",
]


def row(
    number: int, name: str, document: str, version: str, unit: str, when: str = "20.11.2026 14:05"
) -> list[str]:
    """A row as Microsoft Forms exports it (the response number, times, e-mail, answers)."""
    return [str(number), when, when, "anonymous", name, document, version, unit]


ROWS = [
    row(1, "Kari Nordmann", "IV.7-2", "2.0", "Helsestasjonen"),
    row(2, "Per Hansen", "IV.7-2", "2.0", "Kanebogen skole", "21.11.2026 08:30"),
    row(3, "Per Hansen", "IV.7.1-5", "1.1", "kanebogen  skole"),
    row(4, "Lise Berg", "IV.7-99", "1.0", "Kanebogen skole"),
]


def excel_csv(rows: Sequence[Sequence[str]], headers: Sequence[str] = HEADERS) -> bytes:
    """CSV as Excel writes «CSV UTF-8 (semikolondelt)» in Norway: BOM, semicolons, CRLF."""
    lines = [";".join(headers), *(";".join(r) for r in rows)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def write_xlsx(
    path: Path, rows: Sequence[Sequence[object]], headers: Sequence[str] = HEADERS
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(headers))
    for r in rows:
        sheet.append(list(r))
    book.save(path)
    return path


def commit(repo: Path, message: str) -> None:
    for args in (["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def root(git_repo: Path) -> Path:
    """IV.7-2 (version 2.0, for schools and the health station) and IV.7.1-5 (1.1, for
    schools), committed."""
    handbook(
        git_repo,
        {
            "prosedyrer/iv-7-2.md": doc_text(
                meta(
                    "IV.7-2",
                    version="2.0",
                    applies_to=["Skole", "Helsestasjon og skolehelsetjeneste"],
                    changes=[
                        {"version": "1.0", "date": dt.date(2025, 1, 1), "by": "X", "summary": "Y"},
                        {"version": "2.0", "date": dt.date(2026, 1, 1), "by": "X", "summary": "Z"},
                    ],
                )
            ),
            "vedlegg/iv-7-1-5.md": doc_text(
                meta("IV.7.1-5", type="attachment", version="1.1", applies_to=["Skole"])
            ),
        },
        UNITS_TOML,
    )
    commit(git_repo, "Håndboka")
    return git_repo
