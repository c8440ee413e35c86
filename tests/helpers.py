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
