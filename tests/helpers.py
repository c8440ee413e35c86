"""Helpers for building handbooks in tmp_path (after copier's tests/helpers.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from tverrfaglig.checks import check
from tverrfaglig.findings import Report
from tverrfaglig.handbook import load_handbook

TODAY = dt.date(2026, 11, 25)
TVF_TOML = '[handbook]\ntitle = "Testhåndbok"\nmunicipality = "Testby kommune"\n'


def build_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``{relative path: text or bytes}`` under ``root`` and return ``root``."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def meta(doc_id: str = "IV.7-2", **fields: Any) -> dict[str, Any]:
    """Front matter of a valid, approved procedure; ``fields`` override (None removes)."""
    data: dict[str, Any] = {
        "id": doc_id,
        "title": f"Dokument {doc_id}",
        "type": "procedure",
        "status": "approved",
        "version": "1.0",
        "owner": "Enhet for oppvekst",
        "approved_by": "Forebyggende forum",
        "valid_from": dt.date(2026, 1, 1),
        "review_by": dt.date(2028, 1, 1),
    }
    for key, value in fields.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def doc_text(front: Mapping[str, Any], body: str = "Tekst.\n") -> str:
    dumped = yaml.safe_dump(dict(front), sort_keys=False, allow_unicode=True)
    return f"---\n{dumped}---\n{body}"


def handbook(root: Path, docs: Mapping[str, str | bytes] | None = None,
             toml: str = TVF_TOML) -> Path:
    """A handbook folder with ``tvf.toml`` and the given files."""
    root.mkdir(parents=True, exist_ok=True)
    return build_tree(root, {"tvf.toml": toml, **(docs or {})})


def run_check(root: Path, today: dt.date = TODAY) -> Report:
    return check(load_handbook(root), today=today)


def codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


# --- synthetic national identity numbers (the tests' own generator) ---------------------------

K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    check = (11 - remainder) % 11
    return None if check == 10 else check


def make_number(day: int, month: int, year: int, individual: int) -> str | None:
    """An 11-digit number with correct check digits, or None when no such number exists.

    ``day`` and ``month`` are written as given, so pass ``day + 40`` for a D-number,
    ``month + 40`` for an H-number and ``month + 80`` for a synthetic test number.
    """
    nine = f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}"
    k1 = check_digit(nine, K1_WEIGHTS)
    if k1 is None:
        return None
    k2 = check_digit(nine + str(k1), K2_WEIGHTS)
    if k2 is None:
        return None
    return f"{nine}{k1}{k2}"


def valid_number(day: int, month: int, year: int = 87, start: int = 100) -> str:
    """The first valid number for this date part, trying individual numbers from ``start``."""
    for individual in range(start, 1000):
        number = make_number(day, month, year, individual)
        if number is not None:
            return number
    raise AssertionError("no valid individual number")  # pragma: no cover


def small_handbook(root: Path) -> Path:
    """Three valid documents that refer to each other and cite a law: the CLI tests' handbook."""
    return handbook(root, {
        "prosedyrer/a.md": doc_text(
            meta("IV.7-2", title="Forpliktende samarbeid", references=["IV.7.1-5"],
                 legal_basis=["barnehageloven § 2 b"]),
            "Se IV.7.1-5.\n"),
        "vedlegg/b.md": doc_text(meta("IV.7.1-5", title="Veileder", type="attachment",
                                      owner="PPT", review_by=dt.date(2027, 3, 1))),
        "tiltak/v01.md": doc_text(meta("IV.7.1-11", title="Centrum fritidsklubb", type="measure",
                                       code="V01", status="draft")),
    })
