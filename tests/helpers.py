"""Helpers for building handbooks in tmp_path (after copier's tests/helpers.py)."""

from __future__ import annotations

import datetime as dt
import html.parser
import os
import posixpath
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
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


def handbook(
    root: Path, docs: Mapping[str, str | bytes] | None = None, toml: str = TVF_TOML
) -> Path:
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


# --- the site (tvf build) --------------------------------------------------------------------

BUNDLED = Path(__file__).resolve().parents[1] / "handbook"

SCRIPT_BODY = (
    "# Veileder\n\nFør teksten: <script>alert(1)</script> og <b>fet</b>.\n\n"
    "<img src=x onerror=alert(2)>\n\n[klikk](javascript:alert(3))\n"
)


def small_handbook(root: Path) -> Path:
    """A handbook with one of everything the site shows. Clean: no errors, some warnings."""
    return handbook(
        root,
        {
            "prosedyrer/iv-7-2.md": doc_text(
                meta(
                    "IV.7-2",
                    title="Forpliktende samarbeid",
                    version="2.0",
                    applies_to=["Skole", "Barnehage"],
                    references=["IV.7.1-5"],
                    legal_basis=["barnehageloven § 2 b", "LOV-1998-07-17-61 § 15-8"],
                    changes=[
                        {
                            "version": "1.0",
                            "date": dt.date(2025, 1, 1),
                            "by": "Forum",
                            "summary": "Første versjon.",
                        },
                        {
                            "version": "2.0",
                            "date": dt.date(2026, 1, 1),
                            "by": "Forum",
                            "summary": "Ny fremgangsmåte <i>med</i> samtykke.",
                        },
                    ],
                ),
                "# Forpliktende samarbeid\n\n## Fremgangsmåte\n\n"
                "Bruk veilederen IV.7.1-5. Se også helsepersonelloven § 21 og "
                "[vedlegget](../vedlegg/iv-7-1-5.md).\n\n"
                "| Trinn | Hvem |\n|---|---|\n| 1 | Leder |\n\n"
                "- [ ] Avklare samtykke\n- [x] Kalle inn\n",
            ),
            "vedlegg/iv-7-1-5.md": doc_text(
                meta(
                    "IV.7.1-5",
                    title="Veileder <i>for</i> samarbeid",
                    type="attachment",
                    owner="PPT",
                ),
                SCRIPT_BODY,
            ),
            "tiltak/v01.md": doc_text(
                meta(
                    "IV.7.1-11",
                    title="Centrum fritidsklubb",
                    type="measure",
                    code="V01",
                    status="draft",
                    applies_to=["Skole", "Kultur og fritid"],
                )
            ),
            "tiltak/v02.md": doc_text(
                meta(
                    "IV.7.1-12",
                    title="Familieråd",
                    type="measure",
                    code="V02",
                    applies_to=["Barneverntjenesten"],
                )
            ),
            "planer/plan.md": doc_text(meta("I.5-1", title="Strategisk plan", type="plan")),
            "nettverk/sentrum/nettverk.md": doc_text(
                {
                    "type": "network",
                    "id": "sentrum",
                    "title": "Tverrfaglig nettverk Sentrum",
                    "leader": {
                        "name": "Kari Nordmann",
                        "role": "Rektor",
                        "term_start": dt.date(2026, 8, 1),
                        "term_end": dt.date(2027, 7, 31),
                    },
                    "members": [
                        {"service": "Skole", "name": "Kari Nordmann"},
                        {"service": "PPT", "name": "PP-rådgiver"},
                    ],
                    "meetings_per_year": 3,
                    "mandate": "IV.7-2",
                },
                "# Tverrfaglig nettverk Sentrum\n\nNettverket følger mandatet.\n",
            ),
            "nettverk/sentrum/2026-09-17-referat.md": doc_text(
                {
                    "type": "minutes",
                    "network": "sentrum",
                    "date": dt.date(2026, 9, 17),
                    "title": "Referat fra møte i Sentrum",
                },
                "## Oppfølgingspunkter\n\n"
                "- [ ] Kartlegge fravær (ansvar: Skole, frist: 2027-02-01)\n"
                "- [x] Sende referatet (ansvar: Leder, frist: 2026-10-01)\n",
            ),
        },
    )


def site_text(site: Path, rel: str) -> str:
    """The text of the file ``rel`` of the built site in ``site``."""
    return (site / rel).read_text(encoding="utf-8")


class _Links(html.parser.HTMLParser):
    """Every href and src of a page, with the tag."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # tag, attribute, value

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.links.append((tag, name, value))


def links_of(text: str) -> list[tuple[str, str, str]]:
    parser = _Links()
    parser.feed(text)
    return parser.links


def assert_links_resolve(site: Path) -> int:
    """Every relative link of every page names a file of the site; nothing is loaded from
    elsewhere. Returns the number of links checked."""
    checked = 0
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        for tag, attr, value in links_of(page.read_text(encoding="utf-8")):
            if value.startswith(("https://", "http://")):
                assert tag == "a", f"{rel}: <{tag} {attr}={value}> loads from elsewhere"
                continue
            if value.startswith("data:"):
                continue  # embedded (the empty favicon), loads nothing
            assert not value.startswith(("/", "//")), f"{rel}: {value} is not relative"
            assert ":" not in value.split("/")[0], f"{rel}: {value} is not a page of the site"
            target = unquote(value.split("#")[0].split("?")[0])
            if not target:
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            assert (site / resolved).is_file(), f"{rel}: {value} → {resolved} does not exist"
            checked += 1
    return checked


def three_documents(root: Path) -> Path:
    """Three valid documents that refer to each other and cite a law: the CLI tests' handbook."""
    return handbook(
        root,
        {
            "prosedyrer/a.md": doc_text(
                meta(
                    "IV.7-2",
                    title="Forpliktende samarbeid",
                    references=["IV.7.1-5"],
                    legal_basis=["barnehageloven § 2 b"],
                ),
                "Se IV.7.1-5.\n",
            ),
            "vedlegg/b.md": doc_text(
                meta(
                    "IV.7.1-5",
                    title="Veileder",
                    type="attachment",
                    owner="PPT",
                    review_by=dt.date(2027, 3, 1),
                )
            ),
            "tiltak/v01.md": doc_text(
                meta(
                    "IV.7.1-11",
                    title="Centrum fritidsklubb",
                    type="measure",
                    code="V01",
                    status="draft",
                )
            ),
        },
    )


REPO = Path(__file__).resolve().parents[1]
#: Test tools from npm (tests/node/package.json), installed by ``npm ci`` in .ci/run.
NODE_TOOLS = REPO / "tests" / "node"


def require_tool(what: str, path: Path | None, install: str) -> Path:
    """``path`` when it exists; else fail in CI (``CI`` set), skip elsewhere, saying how to
    install ``what``."""
    if path is not None and path.exists():
        return path
    reason = f"{what} mangler; installer med: {install}"
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def node_module(name: str) -> Path:
    """The folder of the npm package ``name`` under tests/node/node_modules (and node)."""
    require_tool("node", Path(shutil.which("node") or "/nonexistent"), "apt-get install nodejs")
    return require_tool(
        f"npm-pakken {name}",
        NODE_TOOLS / "node_modules" / name,
        f"npm ci --prefix {NODE_TOOLS.relative_to(REPO)}",
    )


def installed_tvf() -> str:
    """The ``tvf`` command installed next to this Python (or on the PATH)."""
    candidate = Path(sys.executable).parent / "tvf"
    found = str(candidate) if candidate.exists() else shutil.which("tvf")
    if found is None:
        pytest.fail("the tvf command is not installed next to this Python")
    return found
