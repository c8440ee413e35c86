"""What the handbook cites of the laws (tverrfaglig.laws.queries): ``tvf laws cited`` and
``tvf laws show``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from law_fixtures import BHL, FVL_1967, HOL, OPPL_1998, PBRL, imported, invoke
from tverrfaglig.errors import TvfError
from tverrfaglig.handbook import load_handbook
from tverrfaglig.laws.queries import cited_provisions, law_overview
from tverrfaglig.laws.registry import LawRegistry

from helpers import TODAY

# --- Views -----------------------------------------------------------------------------------


def test_cited_provisions_lists_every_cited_section(book: Path, archive: Path) -> None:
    imported(book, archive)
    provisions = cited_provisions(load_handbook(book), today=TODAY)
    rows = [
        (p.law.id if p.law else p.law_text, p.label, [d.id for d in p.documents])
        for p in provisions
    ]
    assert rows == [
        (HOL, "§ 3-4", ["IV.7-2"]),
        (HOL, "§ 7-2a", ["IV.7-5"]),
        (OPPL_1998, "§ 15-8", ["IV.7-5"]),
        (BHL, "§ 2b", ["IV.7-2"]),
        (PBRL, "kapittel 4A", ["IV.7-2"]),
        ("LOV-1999-07-02-64", "§ 33", ["IV.7-2"]),
        (FVL_1967, "§ 13", ["IV.7-2"]),
    ]
    bhl = provisions[3]
    assert bhl.title == "Samarbeid og samordning"
    assert bhl.url == "https://lovdata.no/lov/2005-06-17-64/§2b"
    assert provisions[2].status(TODAY) == "loven er opphevet"
    assert all("KAPITTEL" not in (p.url or "") for p in provisions)


def test_law_overview_with_and_without_sections(book: Path, archive: Path) -> None:
    imported(book, archive)
    hb = load_handbook(book)
    overview = law_overview(hb, "bhl", today=TODAY)
    assert [(u.section.name, [d.id for d in u.documents]) for u in overview.sections] == [
        ("1", []),
        ("2", []),
        ("2b", ["IV.7-2"]),
        ("3", []),
        ("7", []),
    ]
    # Its file was malformed: its sections stay those of the shipped data (issue 13; before,
    # the default registry had none and they were unknown).
    hpl = law_overview(hb, "hpl", today=TODAY)
    default_hpl = LawRegistry.default().by_id("LOV-1999-07-02-64")
    assert default_hpl is not None and hpl.sections_known
    assert [u.section for u in hpl.sections] == list(default_hpl.section_info)
    barnelova = law_overview(hb, "barnelova", today=TODAY)  # not in the data: unknown
    assert not barnelova.sections_known and barnelova.sections == []
    assert [(p.label, [d.id for d in p.documents]) for p in hpl.cited] == [("§ 33", ["IV.7-2"])]
    with pytest.raises(TvfError, match="Fant ikke loven «ukjentloven»"):
        law_overview(hb, "ukjentloven", today=TODAY)


# --- The CLI ---------------------------------------------------------------------------------


def test_cli_show_and_cited(book: Path, archive: Path) -> None:
    invoke("laws", "import", str(archive), "--handbook", str(book))
    code, output = invoke("laws", "show", "barnehageloven", "--handbook", str(book))
    assert code == 0, output
    assert "§ 2b" in output and "Samarbeid og samordning" in output and "IV.7-2" in output
    assert "(Opphevet)" in output
    code, output = invoke("laws", "show", "hpl", "--handbook", str(book))
    assert code == 0, output
    assert "Opplysningsplikt til barnevernet" in output  # the shipped heading of § 33
    code, output = invoke("laws", "show", "hpl", "-f", "json", "--handbook", str(book))
    cited = json.loads(output)["cited"]
    assert [(c["section"], c["url"]) for c in cited] == [
        ("33", "https://lovdata.no/lov/1999-07-02-64/§33")
    ]
    code, output = invoke("laws", "show", "barnelova", "--handbook", str(book))
    assert code == 0, output
    assert "Paragrafene i loven er ikke kjent" in output
    code, output = invoke("laws", "show", "bhl", "-f", "json", "--handbook", str(book))
    data = json.loads(output)
    assert data["id"] == BHL and data["sections_known"]
    assert data["sections"][2]["cited_by"][0]["id"] == "IV.7-2"

    code, output = invoke("laws", "cited", "--handbook", str(book))
    assert code == 0, output
    assert "https://lovdata.no/lov/1999-07-02-63/kap4A" in output
    code, output = invoke("laws", "cited", "-f", "json", "--handbook", str(book))
    data = json.loads(output)
    assert {
        "law": BHL,
        "section": "2b",
        "url": "https://lovdata.no/lov/2005-06-17-64/§2b",
        "title": "Samarbeid og samordning",
    }.items() <= data[3].items()
    code, output = invoke("laws", "cited", "-f", "markdown", "--handbook", str(book))
    assert "## barnehageloven (LOV-2005-06-17-64)" in output
    assert (
        "| [§ 2b](https://lovdata.no/lov/2005-06-17-64/§2b) | Samarbeid og samordning | "
        "IV.7-2 |  |" in output
    )
    assert "KAPITTEL" not in output


def test_cli_laws_without_subcommand_still_lists(book: Path, archive: Path) -> None:
    invoke("laws", "import", str(archive), "--handbook", str(book))
    code, output = invoke("laws", "--handbook", str(book), "--format", "json")
    assert code == 0, output
    bhl = next(law for law in json.loads(output) if law["id"] == BHL)
    assert bhl["sections"] == 5 and bhl["in_force_from"] == "2006-01-01"


def test_tvf_show_links_the_short_form(book: Path, archive: Path) -> None:
    invoke("laws", "import", str(archive), "--handbook", str(book))
    code, output = invoke("show", "IV.7-2", "--handbook", str(book))
    assert code == 0, output
    assert "KAPITTEL_5)  https://lovdata.no/lov/1999-07-02-63/kap4A" in output
    assert output.count("KAPITTEL_5") == 1  # only in the citation as written
