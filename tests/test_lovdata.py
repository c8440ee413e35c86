"""Importing laws from Lovdata's open data (tverrfaglig.lovdata), the section checks it enables
(TVF202, TVF205, TVF206) and ``tvf laws import / show / cited``.

The fixtures are written here in the archive's real format: one law a file
(``nl/nl-YYYYMMDD-NNN.xml``), one line of XHTML that is well-formed XML, the header's
``dt``/``dd`` pairs by class, nested ``section.section`` chapters, ``article.legalArticle`` with
``data-name`` and ``data-lovdata-URL``, headings with ``legalArticleValue`` and
``legalArticleTitle``, repealed sections and ``changesToParent`` amendment notes; packed into a
``.tar.bz2`` in tmp_path.
"""

from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import tarfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tverrfaglig.checks import check_path
from tverrfaglig.cli import app
from tverrfaglig.errors import TvfError
from tverrfaglig.handbook import load_handbook
from tverrfaglig.laws import (
    Amendment,
    Chapter,
    Law,
    LawRegistry,
    Section,
    find_citations,
    is_repealed_title,
    load_registry,
    parse_legal_basis,
    read_registry_text,
    registry_yaml,
)
from tverrfaglig.lovdata import (
    ARCHIVE_URL,
    LovdataError,
    cited_provisions,
    import_laws,
    law_id_of,
    law_overview,
    parse_amendments,
    parse_law,
    read_source,
)

from helpers import TODAY, codes, doc_text, handbook, meta, run_check

runner = CliRunner()

BHL = "LOV-2005-06-17-64"
HOL = "LOV-2011-06-24-30"
PBRL = "LOV-1999-07-02-63"
FVL = "LOV-1967-02-10"
OPPL_1998 = "LOV-1998-07-17-61"
EXTRA = "LOV-2009-06-19-100"  # in the archive, cited by no one
ARCHIVE_MTIME = 1762560000  # 2025-11-08


# --- Writing fixtures in Lovdata's format ------------------------------------------------------


@dataclass
class Art:
    """A section (legalArticle) to write."""

    name: str  # as in data-name without "§", e.g. "2b"
    value: str  # the heading's legalArticleValue, e.g. "§ 2 b"
    title: str
    notes: Sequence[str] = ()
    text: str = "Kommunen skal sørge for samarbeid."
    position: str = "x"  # the positional id attribute, deliberately misleading
    data_name: bool = True


@dataclass
class Kap:
    data_name: str  # "kap4A", "del1"
    heading: str
    anchor: str  # KAPITTEL_N, positional
    items: Sequence[Art | Kap] = field(default_factory=list)


def header(pairs: Mapping[str, str]) -> str:
    return "".join(f'<dt class="{key}">{key}</dt><dd class="{key}">{value}</dd>'
                   for key, value in pairs.items())


def article_xml(law_path: str, art: Art) -> str:
    name_attr = f' data-name="§{art.name}"' if art.data_name else ""
    notes = "".join(f'<article class="changesToParent">{note}</article>' for note in art.notes)
    return (
        f'<article class="legalArticle"{name_attr} data-lovdata-URL="NL/lov/{law_path}/§{art.name}"'
        f' id="{art.position}"><h3 class="legalArticleHeader">'
        f'<span class="legalArticleValue">{escape(art.value)}</span>. '
        f'<span class="legalArticleTitle">{escape(art.title)}</span></h3>'
        f'<article class="legalP" id="{art.position}-ledd-1">{escape(art.text)}</article>'
        f"{notes}</article>"
    )


def items_xml(law_path: str, items: Sequence[Art | Kap]) -> str:
    out = []
    for item in items:
        if isinstance(item, Art):
            out.append(article_xml(law_path, item))
        else:
            out.append(
                f'<section class="section" data-name="{item.data_name}" id="kapittel-9" '
                f'data-lovdata-URL="NL/lov/{law_path}/{item.anchor}">'
                f"<h2>{escape(item.heading)}</h2>{items_xml(law_path, item.items)}</section>"
            )
    return "".join(out)


def law_xml(law_id: str, title: str, short: str, items: Sequence[Art | Kap], *,
            in_force: str = "2006-01-01", last_change: str = "2024-08-01",
            changed_by: str = "LOV-2023-06-09-30") -> str:
    """One law file: one line of XHTML that is well-formed XML, as in the archive."""
    law_path = law_id.removeprefix("LOV-")
    pairs = {
        "legacyID": law_id,
        "dokid": f"NL/lov/{law_path}",
        "refid": f"lov/{law_path}",
        "ministry": "<ul><li>Kunnskapsdepartementet</li></ul>",
        "dateInForce": in_force,
        "lastChangeInForce": last_change,
        "lastChangedBy": f'<a href="lov/{changed_by[4:]}">{changed_by}</a>',
        "titleShort": escape(short),
        "title": escape(title),
    }
    return (
        '<!DOCTYPE html><html lang="no"><head><meta charset="utf-8"/>'
        f"<title>{escape(title)}</title></head><body>"
        '<header class="documentHeader" id="hode"><dl class="data-document-key-info">'
        f"{header(pairs)}</dl></header>"
        f'<main class="documentBody" id="dokument" data-lovdata-URL="NL/lov/{law_path}">'
        f"<h1>{escape(title)}</h1>{items_xml(law_path, items)}</main></body></html>"
    )


def bhl_xml() -> str:
    return law_xml(BHL, "Lov om barnehager (barnehageloven)", "Barnehageloven – bhl", [
        Kap("kap1", "Kapittel 1. Barnehagens formål og innhold", "KAPITTEL_1", [
            Art("1", "§ 1", "Formål", position="kapittel-1-paragraf-1"),
            Art("2", "§ 2", "Barnehagens innhold", position="kapittel-1-paragraf-2"),
            Art("2b", "§ 2 b", "Samarbeid og samordning", position="kapittel-1-paragraf-3",
                notes=["Tilføyd ved <a href=\"lov/2021-06-11-78\">lov 11 juni 2021 nr. 78</a>"
                       " (i kraft 1 aug 2022)."]),
        ]),
        Kap("kap2", "Kapittel 2. Barnehagens eier", "KAPITTEL_2", [
            Art("3", "§ 3", "(Opphevet)", text="",
                notes=["Opphevet ved lov 9 juni 2023 nr. 30 (i kraft 1 aug 2024)."]),
            Art("7", "§ 7", "Barnehageeiers ansvar",
                notes=["Endret ved lover 19 juni 2009 nr. 45 (ikr. 1 jan 2010 iflg. res. "
                       "19 juni 2009 nr. 600), 21 juni 2013 nr. 85 (i kraft 1 juli 2013), "
                       "forskrift 1 des 2022 nr. 2100."]),
        ]),
    ])


def hol_xml() -> str:
    return law_xml(HOL, "Lov om kommunale helse- og omsorgstjenester m.m. "
                        "(helse- og omsorgstjenesteloven)",
                   "Helse- og omsorgstjenesteloven – hol", [
        Kap("del1", "Del 1. Innledende bestemmelser", "KAPITTEL_1", [
            Kap("kap3", "Kapittel 3. Kommunens ansvar", "KAPITTEL_1-1", [
                Art("3-1", "§ 3-1", "Kommunens overordnede ansvar for helse- og "
                    "omsorgstjenester"),
                Art("3-4", "§ 3-4", "Kommunens plikt til samarbeid og samordning",
                    notes=["Endret ved lov 11 juni 2021 nr. 78 (i kraft 1 aug 2022)."]),
            ]),
        ]),
        Kap("kap7", "Kapittel 7. Individuell plan, koordinator og barnekoordinator",
            "KAPITTEL_2", [
            Art("7-1", "§ 7-1", "Individuell plan"),
            Art("7-2a", "§ 7-2 a", "Barnekoordinator",
                notes=["Tilføyd ved lov 11 juni 2021 nr. 78 (i kraft 1 aug 2022)."]),
        ]),
    ], in_force="2012-01-01", last_change="2025-07-01", changed_by="LOV-2025-06-20-90")


def pbrl_xml() -> str:
    chapters = [Kap(f"kap{n}", f"Kapittel {n}. Tittel {n}", f"KAPITTEL_{i}",
                    [Art(f"{n}-1", f"§ {n}-1", f"Paragraf {n}-1")])
                for i, n in enumerate(["1", "2", "3", "4", "4A"], start=1)]
    return law_xml(PBRL, "Lov om pasient- og brukerrettigheter (pasient- og "
                         "brukerrettighetsloven)", "Pasient- og brukerrettighetsloven – pbrl",
                   chapters)


def fvl_xml() -> str:
    return law_xml(FVL, "Lov om behandlingsmåten i forvaltningssaker (forvaltningsloven)",
                   "Forvaltningsloven – fvl", [
        Kap("kapII", "Kapittel II. Om ugildhet", "KAPITTEL_2", [
            Art("6", "§ 6", "(ugildhetsgrunner)"),
        ]),
        Kap("kapIII", "Kapittel III. Alminnelige regler om saksforberedelse", "KAPITTEL_3", [
            Art("13", "§ 13", "(taushetsplikt)"),
            Art("13a", "§ 13 a", "(Oppheva)"),
        ]),
    ], in_force="1970-01-01")


def extra_xml() -> str:
    return law_xml(EXTRA, "Lov om forvaltning av naturens mangfold (naturmangfoldloven)",
                   "Naturmangfoldloven – nml", [Art("1", "§ 1", "Formål")],
                   in_force="2009-07-01")


def good_files() -> dict[str, str | bytes]:
    return {
        "nl-20050617-064.xml": bhl_xml(),
        "nl-20110624-030.xml": hol_xml(),
        "nl-19990702-063.xml": pbrl_xml(),
        "nl-19670210-000.xml": fvl_xml(),
        "nl-20090619-100.xml": extra_xml(),
    }


def pack(path: Path, files: Mapping[str, str | bytes]) -> Path:
    """A ``.tar.bz2`` with the files under ``nl/``, as Lovdata packs them."""
    with tarfile.open(path, "w:bz2") as tar:
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            info = tarfile.TarInfo(f"nl/{name}")
            info.size = len(data)
            info.mtime = ARCHIVE_MTIME
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The good laws and one malformed file (a cited law, cut off mid-tag)."""
    files = good_files()
    files["nl-19990702-064.xml"] = law_xml("LOV-1999-07-02-64", "Lov om helsepersonell m.v. "
                                           "(helsepersonelloven)", "Helsepersonelloven – hpl",
                                           [Art("33", "§ 33", "Opplysningsplikt")])[:700]
    return pack(tmp_path / "gjeldende-lover.tar.bz2", files)


def body_citing() -> str:
    return ("Barnehagen samarbeider etter barnehageloven § 2 b og helse- og "
            "omsorgstjenesteloven § 3-4. Se også [pasientrettighetene]"
            "(https://lovdata.no/dokument/NL/lov/1999-07-02-63/KAPITTEL_5).\n")


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return handbook(tmp_path / "hb", {
        "prosedyrer/a.md": doc_text(
            meta("IV.7-2", title="Forpliktende samarbeid", valid_from=dt.date(2020, 1, 1),
                 legal_basis=["barnehageloven § 2 b", "forvaltningsloven § 13",
                              "helsepersonelloven § 33"]),
            body_citing()),
        "prosedyrer/b.md": doc_text(
            meta("IV.7-5", title="Individuell plan", valid_from=dt.date(2023, 1, 1),
                 legal_basis=["helse- og omsorgstjenesteloven § 7-2 a",
                              "LOV-1998-07-17-61 § 15-8"])),
    })


def hand_written(book: Path) -> None:
    (book / "laws.yaml").write_text(
        "# Håndskrevet\n"
        f"- id: {BHL}\n  names: [barnehageloven, bhl, barnehagelova, bhgl, Bhg-loven]\n"
        "- id: LOV-2099-01-01-1\n  title: Lov om framtida (framtidslova)\n"
        "  names: [framtidslova]\n",
        encoding="utf-8")


# --- Reading one law -------------------------------------------------------------------------


def test_law_id_of_file_names() -> None:
    assert law_id_of("nl/nl-20050617-064.xml") == BHL
    assert law_id_of("nl-19670210-000.xml") == FVL
    assert law_id_of("nl-20230609-030.xml") == "LOV-2023-06-09-30"
    assert law_id_of("sf-20050617-064.xml") is None
    assert law_id_of("README") is None


def test_parse_law_reads_the_header() -> None:
    law = parse_law(bhl_xml().encode(), "nl-20050617-064.xml")
    assert law.id == BHL
    assert law.title == "Lov om barnehager (barnehageloven)"
    assert (law.short_title, law.abbreviation) == ("Barnehageloven", "bhl")
    assert law.names == ("barnehageloven", "bhl")
    assert law.in_force == dt.date(2006, 1, 1)
    assert law.last_change == dt.date(2024, 8, 1)
    assert law.last_changed_by == "LOV-2023-06-09-30"


def test_parse_law_reads_sections_from_data_name_not_the_positional_id() -> None:
    law = parse_law(bhl_xml().encode())
    assert [s.name for s in law.section_info] == ["1", "2", "2b", "3", "7"]
    assert law.sections == frozenset({"1", "2", "2b", "3", "7"})
    two_b = law.section("2 b")
    assert two_b is not None
    assert two_b.title == "Samarbeid og samordning"
    assert two_b.chapter == "1"
    assert two_b.amendments == (Amendment("LOV-2021-06-11-78", dt.date(2022, 8, 1), "tilføyd"),)
    assert not two_b.repealed
    repealed = law.section("3")
    assert repealed is not None and repealed.repealed and repealed.title == "(Opphevet)"
    assert repealed.amendments[0].kind == "opphevet"
    seven = law.section("7")
    assert seven is not None
    assert seven.amendments == (
        Amendment("LOV-2009-06-19-45", dt.date(2010, 1, 1), "endret"),
        Amendment("LOV-2013-06-21-85", dt.date(2013, 7, 1), "endret"),
    )  # the regulation (forskrift) is left out


def test_parse_law_reads_nested_chapters_and_their_anchors() -> None:
    hol = parse_law(hol_xml().encode())
    assert [(c.name, c.title, c.anchor) for c in hol.chapter_info] == [
        ("3", "Kommunens ansvar", "KAPITTEL_1-1"),
        ("7", "Individuell plan, koordinator og barnekoordinator", "KAPITTEL_2"),
    ]
    assert hol.section("7-2a") is not None and hol.section("7-2a").chapter == "7"  # type: ignore[union-attr]
    pbrl = parse_law(pbrl_xml().encode())
    four_a = pbrl.chapter_by_anchor("KAPITTEL_5")
    assert four_a is not None and four_a.name == "4A"  # position 5, chapter 4A
    fvl = parse_law(fvl_xml().encode())
    assert fvl.chapters == frozenset({"II", "III"})
    oppheva = fvl.section("13a")
    assert oppheva is not None and oppheva.repealed  # nynorsk "(Oppheva)"
    assert fvl.section("13") is not None and not fvl.section("13").repealed  # type: ignore[union-attr]


def test_section_name_falls_back_to_the_heading() -> None:
    xml = law_xml(BHL, "Lov om barnehager (barnehageloven)", "Barnehageloven – bhl", [
        Art("2b", "§ 2 b", "Samarbeid og samordning", data_name=False, position="paragraf-9"),
    ])
    assert [s.name for s in parse_law(xml.encode()).section_info] == ["2b"]


def test_html_entities_are_read() -> None:
    xml = bhl_xml().replace("Barnehagens innhold", "Barnehagens&nbsp;innhold")
    law = parse_law(xml.encode())
    assert law.section("2") is not None and law.section("2").title == "Barnehagens innhold"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body><main", "ikke gyldig XML"),
        (b"", "ikke gyldig XML"),
        (b"<html><head><title>Uten ID</title></head><body><main/></body></html>",
         "mangler Lovdata-ID"),
    ],
)
def test_parse_law_rejects_what_is_not_a_law(data: bytes, message: str) -> None:
    with pytest.raises(LovdataError, match=message):
        parse_law(data)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Endret ved lov 11 juni 2021 nr. 78 (i kraft 1 aug 2022).",
         [("LOV-2021-06-11-78", dt.date(2022, 8, 1), "endret")]),
        ("Tilføyd ved lov 11 juni 2021 nr. 78, endret ved lov 1 des 2023 nr. 90.",
         [("LOV-2021-06-11-78", dt.date(2021, 6, 11), "tilføyd"),
          ("LOV-2023-12-01-90", dt.date(2023, 12, 1), "endret")]),
        ("Endra ved lov 17 juni 2016 nr. 50 (i kraft 1 juli 2016 iflg. res. 17 juni 2016 "
         "nr. 678).", [("LOV-2016-06-17-50", dt.date(2016, 7, 1), "endret")]),
        ("Endret ved lov 10 feb 1967 (i kraft 01.01.1970).",
         [("LOV-1967-02-10", dt.date(1970, 1, 1), "endret")]),
        ("Endret ved forskrift 1 des 2022 nr. 2100.", []),
        ("Oppheva ved lov 9 juni 2023 nr. 30 (ikr. 1 aug 2024).",
         [("LOV-2023-06-09-30", dt.date(2024, 8, 1), "opphevet")]),
    ],
)
def test_parse_amendments(note: str, expected: list[tuple[str, dt.date, str]]) -> None:
    assert [(a.law, a.date, a.kind) for a in parse_amendments(note)] == expected


# --- Reading archives and folders ------------------------------------------------------------


def test_read_archive_streams_and_skips_a_malformed_file(archive: Path) -> None:
    result = read_source(archive)
    assert sorted(result.laws) == sorted([BHL, HOL, PBRL, FVL, EXTRA])
    assert result.files == 6
    assert [s.name for s in result.skipped] == ["nl-19990702-064.xml"]
    assert "ikke gyldig XML" in result.skipped[0].reason
    assert result.date == dt.date(2025, 11, 8)


def test_read_archive_parses_only_the_wanted_laws(archive: Path) -> None:
    result = read_source(archive, {BHL, "LOV-1999-07-02-64"})
    assert list(result.laws) == [BHL]
    assert result.parsed == 2 and result.files == 6
    assert [s.name for s in result.skipped] == ["nl-19990702-064.xml"]


def test_read_folder_gives_the_same_laws(tmp_path: Path, archive: Path) -> None:
    folder = tmp_path / "unpacked"
    with tarfile.open(archive, "r:bz2") as tar:
        tar.extractall(folder, filter="data")
    from_folder = read_source(folder)
    from_archive = read_source(archive)
    assert from_folder.laws == from_archive.laws
    assert [s.name for s in from_folder.skipped] == ["nl-19990702-064.xml"]


@pytest.mark.parametrize("content", [b"not bzip2 at all", b""])
def test_a_broken_archive_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "gjeldende-lover.tar.bz2"
    path.write_bytes(content)
    with pytest.raises(TvfError, match=r"kan ikke leses som et tar\.bz2-arkiv") as info:
        read_source(path)
    assert "Ingenting er skrevet" in str(info.value)


def test_a_missing_archive_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TvfError, match="Kan ikke åpne"):
        read_source(tmp_path / "finnes-ikke.tar.bz2")


# --- Importing into a handbook ---------------------------------------------------------------


def test_import_writes_the_cited_laws_with_a_header(book: Path, archive: Path) -> None:
    hand_written(book)
    result = import_laws(book, archive, today=TODAY)
    assert result.written
    text = (book / "laws.yaml").read_text(encoding="utf-8")
    head = text.split("\n- id:")[0]
    assert "tvf laws import» 2026-11-25" in head
    assert "Lovdata, gjeldende-lover.tar.bz2, datert 2025-11-08" in head
    assert "NLOD 2.0" in head
    assert all(line.startswith("#") or not line for line in head.splitlines())
    # The cited laws in the archive, and the hand-written entries; not the uncited law.
    assert set(result.imported) == {BHL, HOL, PBRL, FVL}
    assert EXTRA not in text
    assert "LOV-2099-01-01-1" in text  # a hand-written entry Lovdata does not have is kept
    # Not in the archive: a repealed law; a law Lovdata does not have (the malformed file of
    # LOV-1999-07-02-64 is reported as skipped instead).
    assert result.missing == [OPPL_1998, "LOV-2099-01-01-1"]
    assert [s.name for s in result.archive.skipped] == ["nl-19990702-064.xml"]

    registry, findings = load_registry(book)
    assert findings == []
    bhl = registry.by_id(BHL)
    assert bhl is not None
    assert bhl.names == ("barnehageloven", "bhl", "barnehagelova", "bhgl", "Bhg-loven")
    assert bhl.section("2b") == Section("2b", "Samarbeid og samordning", False, "1", (
        Amendment("LOV-2021-06-11-78", dt.date(2022, 8, 1), "tilføyd"),))
    assert bhl.in_force == dt.date(2006, 1, 1) and bhl.last_change == dt.date(2024, 8, 1)
    hol = registry.by_id(HOL)
    assert hol is not None
    assert hol.names == LawRegistry.default().by_id(HOL).names  # type: ignore[union-attr]
    assert hol.chapter_by_anchor("KAPITTEL_1-1") == Chapter("3", "Kommunens ansvar",
                                                            "KAPITTEL_1-1")
    framtid = registry.by_id("LOV-2099-01-01-1")
    assert framtid is not None and framtid.names == ("framtidslova",)
    old = registry.by_id(OPPL_1998)
    assert old is not None and old.sections is None  # not in the archive: left as it was
    assert list(book.glob(".laws.yaml*")) == []  # no temporary file left


def test_import_all_adds_every_law_with_names_from_lovdata(book: Path, archive: Path) -> None:
    result = import_laws(book, archive, everything=True, today=TODAY)
    assert EXTRA in result.added
    registry, findings = load_registry(book)
    assert findings == []
    extra = registry.by_id(EXTRA)
    assert extra is not None and extra.names == ("naturmangfoldloven", "nml")
    assert registry.resolve("nml", TODAY) is extra
    cite = find_citations("Se naturmangfoldloven § 1.", 1, registry, TODAY)
    assert [c.law for c in cite] == [extra]


def test_import_is_idempotent(book: Path, archive: Path) -> None:
    import_laws(book, archive, today=TODAY)
    first = (book / "laws.yaml").read_text(encoding="utf-8")
    import_laws(book, archive, today=TODAY)
    assert (book / "laws.yaml").read_text(encoding="utf-8") == first


def test_dry_run_writes_nothing(book: Path, archive: Path) -> None:
    result = import_laws(book, archive, dry_run=True, today=TODAY)
    assert not result.written and "- id: LOV-2005-06-17-64" in result.text
    assert not (book / "laws.yaml").exists()


def test_a_broken_laws_yaml_is_not_overwritten(book: Path, archive: Path) -> None:
    (book / "laws.yaml").write_text("- id: LOV-2005-06-17-64\n  names: [bhl\n",
                                    encoding="utf-8")
    before = (book / "laws.yaml").read_bytes()
    with pytest.raises(TvfError, match=r"laws\.yaml:\d+") as info:
        import_laws(book, archive, today=TODAY)
    assert "Ingenting er skrevet" in str(info.value)
    assert (book / "laws.yaml").read_bytes() == before


def test_a_broken_archive_leaves_laws_yaml_alone(book: Path, tmp_path: Path) -> None:
    hand_written(book)
    before = (book / "laws.yaml").read_bytes()
    good = pack(tmp_path / "good.tar.bz2", good_files()).read_bytes()
    cut = tmp_path / "cut.tar.bz2"
    cut.write_bytes(good[: len(good) // 2])  # a download that stopped half-way
    with pytest.raises(TvfError):
        import_laws(book, cut, today=TODAY)
    assert (book / "laws.yaml").read_bytes() == before
    assert sorted(p.name for p in book.iterdir()) == ["laws.yaml", "prosedyrer", "tvf.toml"]


def test_an_archive_without_the_cited_laws_is_refused(book: Path, tmp_path: Path) -> None:
    other = pack(tmp_path / "other.tar.bz2", {"nl-20090619-100.xml": extra_xml()})
    with pytest.raises(TvfError, match="Fant ikke noen av lovene"):
        import_laws(book, other, today=TODAY)
    assert not (book / "laws.yaml").exists()


def test_import_from_an_unreachable_url_says_so(book: Path) -> None:
    with pytest.raises(TvfError, match=r"Kunne ikke hente arkivet fra http://127\.0\.0\.1:9/") \
            as info:
        import_laws(book, "http://127.0.0.1:9/", today=TODAY)
    assert "nettilgang" in str(info.value)
    assert not (book / "laws.yaml").exists()


@pytest.fixture
def served(archive: Path) -> Iterator[str]:
    """The archive served over HTTP on localhost (a real server, no network needed)."""
    data = archive.read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if not self.path.endswith("gjeldende-lover.tar.bz2"):
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_import_from_a_url_streams_the_archive(book: Path, served: str) -> None:
    result = import_laws(book, f"{served}/v1/publicData/get/gjeldende-lover.tar.bz2",
                         today=TODAY)
    assert set(result.imported) == {BHL, HOL, PBRL, FVL}
    assert f"(hentet fra {served}/v1/publicData/get/gjeldende-lover.tar.bz2)" in result.text
    with pytest.raises(TvfError, match="svarte 404"):
        import_laws(book, f"{served}/annet", today=TODAY)


# --- The registry file ---------------------------------------------------------------------


def test_registry_yaml_round_trips_awkward_text() -> None:
    law = Law(
        id="LOV-2005-06-17-64",
        title="Lov om: «barnehager» # og 'sånt', [m.m.] {x}",
        names=("yes", "bhl.", "3-4", "Barnehageloven"),
        short_title="No",
        abbreviation="null",
        in_force=dt.date(2006, 1, 1),
        last_change=dt.date(2024, 8, 1),
        last_changed_by="LOV-2023-06-09-30",
        repealed=dt.date(2030, 1, 1),
        replaced_by="LOV-2029-01-01-1",
        chapter_info=(Chapter("1", "Formål: og innhold", "KAPITTEL_1"), Chapter("IV")),
        section_info=(
            Section("2b", "Samarbeid, og samordning", False, "1",
                    (Amendment("LOV-2021-06-11-78", dt.date(2022, 8, 1), "tilføyd"),
                     Amendment("LOV-2013-06-21-85", None))),
            Section("3", "(Opphevet)", True, "IV"),
            Section("12A-1", "true"),
        ),
    )
    text = registry_yaml([law], "Linje én\n\nLinje tre")
    assert text.startswith("# Linje én\n#\n# Linje tre\n\n- id: LOV-2005-06-17-64\n")
    registry, findings = read_registry_text(text)
    assert findings == []
    assert registry.by_id(law.id) == law


def test_plain_section_lists_still_work_and_mix_with_details(tmp_path: Path) -> None:
    (tmp_path / "laws.yaml").write_text(
        f"- id: {BHL}\n  sections: [\"1\", 2, {{name: 2b, title: Samarbeid}}]\n"
        "  chapters: [1, {name: 4a, anchor: kapittel_5}]\n", encoding="utf-8")
    registry, findings = load_registry(tmp_path)
    assert findings == []
    bhl = registry.by_id(BHL)
    assert bhl is not None
    assert bhl.sections == frozenset({"1", "2", "2b"})
    assert bhl.section("2b") == Section("2b", "Samarbeid")
    assert bhl.chapters == frozenset({"1", "4A"})
    assert bhl.chapter_by_anchor("KAPITTEL_5") == Chapter("4A", "", "KAPITTEL_5")


def test_section_rows_are_read(tmp_path: Path) -> None:
    (tmp_path / "laws.yaml").write_text(
        f"- id: {BHL}\n  sections:\n"
        "    - '2b | Samarbeid og samordning | kap. 1 | tilføyd ved LOV-2021-06-11-78 fra "
        "2022-08-01; endret ved lov-2023-12-01-90'\n"
        "    - '3 | (Oppheva) | kapittel 2'\n"
        "    - '4 |'\n"
        "    - '5'\n"
        "  chapters: ['1 | Formål og innhold | KAPITTEL_1', '2', 4a |]\n", encoding="utf-8")
    registry, findings = load_registry(tmp_path)
    assert findings == []
    bhl = registry.by_id(BHL)
    assert bhl is not None
    assert bhl.section_info == (
        Section("2b", "Samarbeid og samordning", False, "1",
                (Amendment("LOV-2021-06-11-78", dt.date(2022, 8, 1), "tilføyd"),
                 Amendment("LOV-2023-12-01-90", None, "endret"))),
        Section("3", "(Oppheva)", True, "2"),
        Section("4"),
        Section("5"),
    )
    assert bhl.chapter_info == (Chapter("1", "Formål og innhold", "KAPITTEL_1"), Chapter("2"),
                                Chapter("4A"))


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("  sections: [{title: Uten navn}]", "må ha «name»"),
        ("  sections: [{name: tre}]", "«tre» er ikke gyldig"),
        ("  sections: [{name: '2', repealed: kanskje}]", "true eller false"),
        ("  sections: [{name: '2', amended: [{date: 2022-08-01}]}]", "«by»"),
        ("  sections: [{name: '2', amended: [{by: LOV-2021-06-11-78, date: snart}]}]",
         "«date»"),
        ("  chapters: [{name: '5', anchor: kap5}]", "KAPITTEL_5"),
        ("  sections: ['tre | Tittel']", "«tre» er ikke en paragraf"),
        ("  sections: ['2 | Tittel | kap. ?']", "«kap. ?» er ikke et kapittel"),
        ("  sections: ['2 | Tittel | kap. 1 | endret av noen']", "må se ut som «endret ved"),
        ("  sections: ['2 | Tittel | | endret ved LOV-2021-06-11-78 fra snart']",
         "må se ut som «endret ved"),
        ("  chapters: ['5 | Tittel | kap5']", "KAPITTEL_5"),
        ("  in_force: snart", "«in_force»"),
        ("  last_changed_by: forskrift", "«last_changed_by»"),
    ],
)
def test_bad_section_details_are_tvf003(tmp_path: Path, entry: str, problem: str) -> None:
    (tmp_path / "laws.yaml").write_text(f"- id: {BHL}\n{entry}\n", encoding="utf-8")
    registry, findings = load_registry(tmp_path)
    assert [f.code for f in findings] == ["TVF003"]
    assert problem in findings[0].message
    assert registry.by_id(BHL) == LawRegistry.default().by_id(BHL)  # the entry is skipped


def test_a_law_not_yet_in_force_does_not_take_a_shared_name(tmp_path: Path) -> None:
    (tmp_path / "laws.yaml").write_text(
        "- id: LOV-2026-06-01-1\n  title: Lov om det nye (nylova)\n  names: [nylova]\n"
        "  in_force: 2030-01-01\n"
        "- id: LOV-2010-01-01-1\n  title: Lov om det gamle (nylova)\n  names: [nylova]\n",
        encoding="utf-8")
    registry, findings = load_registry(tmp_path)
    assert findings == []
    assert registry.resolve("nylova", TODAY).id == "LOV-2010-01-01-1"  # type: ignore[union-attr]
    later = registry.resolve("nylova", dt.date(2030, 1, 1))
    assert later is not None and later.id == "LOV-2026-06-01-1"


# --- Checks with sections known --------------------------------------------------------------


def imported(book: Path, archive: Path) -> Path:
    import_laws(book, archive, today=TODAY)
    return book


def add_doc(book: Path, rel: str, body: str | None = None, **fields: object) -> None:
    path = book / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(doc_text(meta(**fields), body or "Tekst.\n"), encoding="utf-8")


def findings_of(book: Path, path: str) -> list[tuple[str, str]]:
    report = run_check(book)
    return [(f.code, f.message) for f in report.findings if f.path == path]


def test_sections_and_chapters_are_checked_against_lovdata(book: Path, archive: Path) -> None:
    imported(book, archive)
    add_doc(book, "vedlegg/c.md", doc_id="IV.7.1-5", type="attachment",
            valid_from=dt.date(2025, 1, 1),
            legal_basis=["barnehageloven § 99", "hol § 3-1", "pbrl kapittel 4A",
                         "pbrl kapittel 9", "fvl kapittel III", "fvl kap. IX"],
            body=None)
    found = findings_of(book, "vedlegg/c.md")
    assert [code for code, _ in found] == ["TVF202", "TVF202", "TVF202"]
    messages = " | ".join(message for _, message in found)
    assert "§ 99" in messages and "kapittel 9" in messages and "kapittel IX" in messages


def test_a_repealed_section_is_tvf205(book: Path, archive: Path) -> None:
    imported(book, archive)
    add_doc(book, "vedlegg/c.md", doc_id="IV.7.1-5", type="attachment",
            valid_from=dt.date(2025, 1, 1), legal_basis=["barnehageloven § 3"],
            body=None)
    add_doc(book, "vedlegg/d.md", "Se fvl § 13 a.\n", doc_id="IV.7.1-6", type="attachment",
            valid_from=dt.date(2025, 1, 1))
    (code, message), = findings_of(book, "vedlegg/c.md")
    assert code == "TVF205"
    assert message.startswith("barnehageloven § 3 er opphevet ved lov 9. juni 2023 nr. 30 "
                              "(LOV-2023-06-09-30) fra 2024-08-01, men «barnehageloven § 3» "
                              "viser til den.")
    assert [c for c, _ in findings_of(book, "vedlegg/d.md")] == ["TVF205"]


def test_a_section_amended_after_valid_from_is_tvf206(book: Path, archive: Path) -> None:
    imported(book, archive)
    found = findings_of(book, "prosedyrer/a.md")  # valid_from 2020-01-01
    assert [code for code, _ in found] == ["TVF206", "TVF206"]  # bhl § 2 b, hol § 3-4
    message = found[0][1]
    assert message.startswith("barnehageloven § 2b «Samarbeid og samordning» er tilføyd ved "
                              "lov 11. juni 2021 nr. 78 (LOV-2021-06-11-78) fra 2022-08-01")
    assert "etter at dokumentet ble gyldig (2020-01-01)" in message
    assert "https://lovdata.no/lov/2005-06-17-64/§2b" in message
    # valid_from 2023-01-01 is after hol § 7-2 a was added (2022-08-01): no warning.
    assert [c for c, _ in findings_of(book, "prosedyrer/b.md")] == ["TVF203"]


def test_tvf206_once_per_section_and_not_for_retired_or_undated(book: Path,
                                                                 archive: Path) -> None:
    imported(book, archive)
    add_doc(book, "vedlegg/c.md", "Etter barnehageloven § 2 b og bhl § 2b.\n",
            doc_id="IV.7.1-5", type="attachment", valid_from=dt.date(2021, 1, 1),
            legal_basis=["barnehageloven § 2 b"])
    assert [c for c, _ in findings_of(book, "vedlegg/c.md")] == ["TVF206"]
    add_doc(book, "vedlegg/d.md", "Etter barnehageloven § 2 b.\n", doc_id="IV.7.1-6",
            type="attachment", status="retired", valid_from=dt.date(2021, 1, 1))
    add_doc(book, "vedlegg/e.md", "Etter barnehageloven § 2 b.\n", doc_id="IV.7.1-7",
            type="attachment", status="draft", valid_from=None, approved_by=None,
            review_by=None)
    assert findings_of(book, "vedlegg/d.md") == []
    assert findings_of(book, "vedlegg/e.md") == []


def test_both_check_paths_agree_with_sections_known(book: Path, archive: Path) -> None:
    imported(book, archive)
    add_doc(book, "vedlegg/c.md", doc_id="IV.7.1-5", type="attachment",
            valid_from=dt.date(2019, 1, 1),
            legal_basis=["barnehageloven § 3", "barnehageloven § 99", "bhl § 7"])
    sequential = run_check(book)
    parallel = check_path(book, today=TODAY, jobs=2)
    assert sequential.findings == parallel.findings
    assert set(codes(sequential)) >= {"TVF202", "TVF205", "TVF206"}


def test_kapittel_links_resolve_to_the_chapter_and_link_short(book: Path,
                                                              archive: Path) -> None:
    imported(book, archive)
    registry, _ = load_registry(book)
    cite, = find_citations(body_citing(), 1, registry, TODAY)[2:]
    assert cite.chapter == "4A"
    assert cite.link == "https://lovdata.no/lov/1999-07-02-63/kap4A"
    parsed = parse_legal_basis("https://lovdata.no/dokument/NL/lov/1999-07-02-63/KAPITTEL_5",
                               None, registry, TODAY)
    assert not isinstance(parsed, str) and parsed.chapter == "4A"
    # Without the anchors from Lovdata, the position is never turned into a chapter.
    default = LawRegistry.default()
    cite, = find_citations(body_citing(), 1, default, TODAY)[2:]
    assert cite.chapter is None


# --- Views -----------------------------------------------------------------------------------


def test_cited_provisions_lists_every_cited_section(book: Path, archive: Path) -> None:
    imported(book, archive)
    provisions = cited_provisions(load_handbook(book), today=TODAY)
    rows = [(p.law.id if p.law else p.law_text, p.label, [d.id for d in p.documents])
            for p in provisions]
    assert rows == [
        (HOL, "§ 3-4", ["IV.7-2"]),
        (HOL, "§ 7-2a", ["IV.7-5"]),
        (OPPL_1998, "§ 15-8", ["IV.7-5"]),
        (BHL, "§ 2b", ["IV.7-2"]),
        (PBRL, "kapittel 4A", ["IV.7-2"]),
        ("LOV-1999-07-02-64", "§ 33", ["IV.7-2"]),
        (FVL, "§ 13", ["IV.7-2"]),
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
        ("1", []), ("2", []), ("2b", ["IV.7-2"]), ("3", []), ("7", [])]
    hpl = law_overview(hb, "hpl", today=TODAY)  # its file was malformed: sections unknown
    assert not hpl.sections_known and hpl.sections == []
    assert [(p.label, [d.id for d in p.documents]) for p in hpl.cited] == [("§ 33", ["IV.7-2"])]
    with pytest.raises(TvfError, match="Fant ikke loven «ukjentloven»"):
        law_overview(hb, "ukjentloven", today=TODAY)


# --- The CLI ---------------------------------------------------------------------------------


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--today", "2026-11-25"])
    return result.exit_code, result.output


def test_cli_import(book: Path, archive: Path) -> None:
    code, output = invoke("laws", "import", str(archive), "--handbook", str(book))
    assert code == 0, output
    assert "Lest gjeldende-lover.tar.bz2, datert 2025-11-08: 6 lovfiler, 5 av dem tolket" \
        in output
    assert "Hoppet over nl-19990702-064.xml (LOV-1999-07-02-64): er ikke gyldig XML" in output
    assert "LOV-1998-07-17-61 er ikke i arkivet" in output
    assert "✔ Skrev laws.yaml med 4 lover." in output
    assert (book / "laws.yaml").is_file()


def test_cli_import_dry_run_and_all(book: Path, archive: Path) -> None:
    code, output = invoke("laws", "import", str(archive), "--all", "--dry-run",
                          "--handbook", str(book))
    assert code == 0, output
    assert "Prøvekjøring: laws.yaml er ikke skrevet (5 lover" in output
    assert not (book / "laws.yaml").exists()


def test_cli_import_needs_exactly_one_source(book: Path, archive: Path) -> None:
    code, output = invoke("laws", "import", "--handbook", str(book))
    assert code == 2 and "Oppgi enten ARKIV eller --url" in output
    code, output = invoke("laws", "import", str(archive), "--url", "--handbook", str(book))
    assert code == 2 and "Oppgi enten ARKIV eller --url" in output


def test_cli_import_without_network(book: Path) -> None:
    code, output = invoke("laws", "import", "http://127.0.0.1:9/", "--handbook", str(book))
    assert code == 2
    assert "tvf: Kunne ikke hente arkivet fra http://127.0.0.1:9/" in output
    assert "Har maskinen nettilgang?" in output
    assert ARCHIVE_URL in output
    assert "Traceback" not in output


def test_cli_show_and_cited(book: Path, archive: Path) -> None:
    invoke("laws", "import", str(archive), "--handbook", str(book))
    code, output = invoke("laws", "show", "barnehageloven", "--handbook", str(book))
    assert code == 0, output
    assert "§ 2b" in output and "Samarbeid og samordning" in output and "IV.7-2" in output
    assert "(Opphevet)" in output
    code, output = invoke("laws", "show", "hpl", "--handbook", str(book))
    assert code == 0, output
    assert "Paragrafene i loven er ikke kjent" in output
    assert "§ 33" in output and "https://lovdata.no/lov/1999-07-02-64/§33" in output
    code, output = invoke("laws", "show", "bhl", "-f", "json", "--handbook", str(book))
    data = json.loads(output)
    assert data["id"] == BHL and data["sections_known"]
    assert data["sections"][2]["cited_by"][0]["id"] == "IV.7-2"

    code, output = invoke("laws", "cited", "--handbook", str(book))
    assert code == 0, output
    assert "https://lovdata.no/lov/1999-07-02-63/kap4A" in output
    code, output = invoke("laws", "cited", "-f", "json", "--handbook", str(book))
    data = json.loads(output)
    assert {"law": BHL, "section": "2b", "url": "https://lovdata.no/lov/2005-06-17-64/§2b",
            "title": "Samarbeid og samordning"}.items() <= data[3].items()
    code, output = invoke("laws", "cited", "-f", "markdown", "--handbook", str(book))
    assert "## barnehageloven (LOV-2005-06-17-64)" in output
    assert "| [§ 2b](https://lovdata.no/lov/2005-06-17-64/§2b) | Samarbeid og samordning | " \
           "IV.7-2 |  |" in output
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


def test_a_registry_with_many_sections_loads_whole(tmp_path: Path) -> None:
    """A registry with section details for ten laws (1,500 sections) reads back whole. How
    fast it loads is measured by bench/bench_laws_import.py, not here (no timed unit tests)."""
    laws = [Law(id=f"LOV-2011-06-24-{n}", title=f"Lov {n}", names=(f"lov{n}",),
                section_info=tuple(
                    Section(f"{c}-{s}", "Kommunens plikt til samarbeid og samordning", False,
                            str(c), (Amendment("LOV-2021-06-11-78", dt.date(2022, 8, 1)),
                                     Amendment("LOV-2013-06-21-85", dt.date(2013, 7, 1))))
                    for c in range(1, 16) for s in range(1, 11)),
                chapter_info=tuple(Chapter(str(c), f"Kapittel {c}") for c in range(1, 16)))
            for n in range(1, 11)]
    (tmp_path / "laws.yaml").write_text(registry_yaml(laws), encoding="utf-8")
    registry, findings = load_registry(tmp_path)
    assert findings == [] and len(registry.by_id("LOV-2011-06-24-1").section_info) == 150  # type: ignore[union-attr]
    assert yaml.safe_load((tmp_path / "laws.yaml").read_text(encoding="utf-8"))[0]["id"]


def test_a_variant_file_does_not_win_over_the_law_itself(tmp_path: Path) -> None:
    nynorsk = bhl_xml().replace("Samarbeid og samordning", "Samarbeid og samordning (nn)")
    path = pack(tmp_path / "a.tar.bz2", {"nl-20050617-064-nn.xml": nynorsk,
                                         "nl-20050617-064.xml": bhl_xml()})
    assert law_id_of("nl-20050617-064-nn.xml") == BHL
    law = read_source(path).laws[BHL]
    assert law.section("2b").title == "Samarbeid og samordning"  # type: ignore[union-attr]


def test_a_law_cited_by_an_unknown_id_is_imported(book: Path, archive: Path) -> None:
    add_doc(book, "vedlegg/c.md", "Se https://lovdata.no/lov/2009-06-19-100/§1.\n",
            doc_id="IV.7.1-5", type="attachment")
    assert "TVF201" in codes(run_check(book))
    result = import_laws(book, archive, today=TODAY)
    assert EXTRA in result.added
    assert "TVF201" not in codes(run_check(book))


def test_cli_import_url_fetches_from_lovdatas_address(book: Path, served: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """``--url`` reads from ARCHIVE_URL; here pointed at a local server (the tests must not
    depend on the network, nor download from Lovdata)."""
    from tverrfaglig.cli import laws_commands

    address = f"{served}/v1/publicData/get/gjeldende-lover.tar.bz2"
    monkeypatch.setattr(laws_commands, "ARCHIVE_URL", address)
    code, output = invoke("laws", "import", "--url", "--handbook", str(book))
    assert code == 0, output
    assert f"hentet fra {address}" in (book / "laws.yaml").read_text(encoding="utf-8")


def test_a_handbook_citing_no_laws_needs_all(tmp_path: Path, archive: Path) -> None:
    empty = handbook(tmp_path / "tom", {"prosedyrer/a.md": doc_text(meta("IV.7-2"))})
    with pytest.raises(TvfError, match="viser ikke til noen lover") as info:
        import_laws(empty, archive, today=TODAY)
    assert "--all" in str(info.value)
    result = import_laws(empty, archive, everything=True, today=TODAY)
    assert len(result.laws) == 5


def test_articles_and_parts_that_are_not_sections_or_chapters_are_left_out(
        tmp_path: Path) -> None:
    xml = law_xml(BHL, "Lov om barnehager (barnehageloven)", "Barnehageloven – bhl", [
        Kap("del1", "Del 1. Innledning", "KAPITTEL_1", [
            Kap("kap1", "Kapittel 1. Formål", "KAPITTEL_1-1", [Art("1", "§ 1", "Formål")]),
        ]),
        Kap("vedlegg1", "Vedlegg 1. Konvensjonen", "KAPITTEL_2", [
            Art("art1", "Artikkel 1", "Definisjoner"),
        ]),
    ])
    law = parse_law(xml.encode())
    assert [s.name for s in law.section_info] == ["1"]
    assert [c.name for c in law.chapter_info] == ["1"]
    registry, findings = read_registry_text(registry_yaml([law]))
    assert findings == [] and registry.by_id(BHL).section_info == law.section_info  # type: ignore[union-attr]


_TITLES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="|"),
    max_size=40,
).map(lambda text: " ".join(text.split())).filter(lambda text: not is_repealed_title(text))


@settings(max_examples=200, deadline=None)
@given(title=_TITLES, section_title=_TITLES, chapter_title=_TITLES, short=_TITLES)
def test_registry_yaml_round_trips_any_text(title: str, section_title: str,
                                           chapter_title: str, short: str) -> None:
    law = Law(id=BHL, title=title or "Lov", names=("navn",), short_title=short or None,
              section_info=(Section("2b", section_title, False, "1",
                                    (Amendment("LOV-2021-06-11-78", dt.date(2022, 8, 1)),)),),
              chapter_info=(Chapter("1", chapter_title, "KAPITTEL_1"),))
    registry, findings = read_registry_text(registry_yaml([law]))
    assert findings == []
    assert registry.by_id(BHL) == law
