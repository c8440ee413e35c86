"""Importing laws from Lovdata's open data (tverrfaglig.laws.lovdata): reading one law, an archive
or a folder, ``tvf laws import``, and the section checks an import enables (TVF202, TVF205,
TVF206). The archive is written by law_fixtures.py.
"""

from __future__ import annotations

import bz2
import datetime as dt
import http.server
import io
import subprocess
import sys
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from law_fixtures import (
    BHL,
    EXTRA,
    FVL_1967,
    HOL,
    OPPL_1998,
    PBRL,
    Art,
    Kap,
    add_doc,
    bhl_xml,
    extra_xml,
    findings_of,
    fvl_xml,
    good_files,
    hand_written,
    hol_xml,
    imported,
    invoke,
    law_xml,
    pack,
    pbrl_xml,
)
from tverrfaglig.checks import check_path
from tverrfaglig.errors import TvfError
from tverrfaglig.laws.lovdata import (
    ARCHIVE_URL,
    LovdataError,
    import_laws,
    law_id_of,
    parse_amendments,
    parse_law,
    read_archive,
    read_folder,
    read_source,
)
from tverrfaglig.laws.model import Amendment, Chapter, Section
from tverrfaglig.laws.parser import find_citations
from tverrfaglig.laws.registry import LawRegistry, load_registry, read_registry_text
from tverrfaglig.laws.registry_file import registry_yaml

from helpers import TODAY, codes, doc_text, handbook, meta, run_check

# --- Reading one law -------------------------------------------------------------------------


def test_law_id_of_file_names() -> None:
    assert law_id_of("nl/nl-20050617-064.xml") == BHL
    assert law_id_of("nl-19670210-000.xml") == FVL_1967
    assert law_id_of("nl-20230609-030.xml") == "LOV-2023-06-09-30"
    assert law_id_of("sf/sf-20111216-1256.xml") == "FOR-2011-12-16-1256"
    assert law_id_of("sf-20050608-0538.xml") == "FOR-2005-06-08-538"
    assert law_id_of("xx-20050617-064.xml") is None
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
    xml = law_xml(
        BHL,
        "Lov om barnehager (barnehageloven)",
        "Barnehageloven – bhl",
        [
            Art("2b", "§ 2 b", "Samarbeid og samordning", data_name=False, position="paragraf-9"),
        ],
    )
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
        (
            b"<html><head><title>Uten ID</title></head><body><main/></body></html>",
            "mangler Lovdata-ID",
        ),
    ],
)
def test_parse_law_rejects_what_is_not_a_law(data: bytes, message: str) -> None:
    with pytest.raises(LovdataError, match=message):
        parse_law(data)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "Endret ved lov 11 juni 2021 nr. 78 (i kraft 1 aug 2022).",
            [("LOV-2021-06-11-78", dt.date(2022, 8, 1), "endret")],
        ),
        (
            "Tilføyd ved lov 11 juni 2021 nr. 78, endret ved lov 1 des 2023 nr. 90.",
            [
                ("LOV-2021-06-11-78", dt.date(2021, 6, 11), "tilføyd"),
                ("LOV-2023-12-01-90", dt.date(2023, 12, 1), "endret"),
            ],
        ),
        (
            "Endra ved lov 17 juni 2016 nr. 50 (i kraft 1 juli 2016 iflg. res. 17 juni 2016 "
            "nr. 678).",
            [("LOV-2016-06-17-50", dt.date(2016, 7, 1), "endret")],
        ),
        (
            "Endret ved lov 10 feb 1967 (i kraft 01.01.1970).",
            [("LOV-1967-02-10", dt.date(1970, 1, 1), "endret")],
        ),
        ("Endret ved forskrift 1 des 2022 nr. 2100.", []),
        (
            "Oppheva ved lov 9 juni 2023 nr. 30 (ikr. 1 aug 2024).",
            [("LOV-2023-06-09-30", dt.date(2024, 8, 1), "opphevet")],
        ),
        # Not in force yet: no date, whatever other act the parentheses go on to name
        # (the note quoted in issue 13).
        (
            "Endra ved lov 21 juni 2024 nr. 40 (i kraft frå den tid Kongen bestemmer, endring "
            "vert endra ved lov 29 nov 2024 nr. 73).",
            [("LOV-2024-06-21-40", None, "endret")],
        ),
        (
            "Vert endra ved lov 21 juni 2024 nr. 40 (i kraft frå den tid Kongen bestemmer, "
            "endring vert endra ved lov 29 nov 2024 nr. 73).",
            [("LOV-2024-06-21-40", None, "endret")],
        ),
        # A real note (helsepersonelloven § 18, as Helsedirektoratet quotes Lovdata): the
        # second act is pending, and "Endres" is not "Tilføyd".
        (
            "Tilføyd ved lov 24 juni 2011 nr. 30 (ikr. 1 jan 2012 iflg. res. 16 des 2011 nr. "
            "1252). Endres ved lov 16 juni 2017 nr. 55 (ikr. fra den tid Kongen bestemmer).",
            [
                ("LOV-2011-06-24-30", dt.date(2012, 1, 1), "tilføyd"),
                ("LOV-2017-06-16-55", None, "endret"),
            ],
        ),
        (
            "Endres ved lov 19 juni 2026 nr. 48 (i kraft fra den tid Kongen bestemmer).",
            [("LOV-2026-06-19-48", None, "endret")],
        ),
        ("Oppheves ved lov 1 des 2025 nr. 5.", [("LOV-2025-12-01-5", None, "opphevet")]),
        # Passed with a date set: the date counts (TVF206 warns before it takes effect).
        (
            "Vert endra ved lov 12 juni 2026 nr. 22 (i kraft 1 juli 2028).",
            [("LOV-2026-06-12-22", dt.date(2028, 7, 1), "endret")],
        ),
        # An in-force note by royal resolution dates the act before it; it is no act.
        (
            "Endret ved lov 19 des 2003 nr. 124. Ikr. 1 jan 2004 iflg. res. 19 des 2003 nr. 1500.",
            [("LOV-2003-12-19-124", dt.date(2004, 1, 1), "endret")],
        ),
        ("Ikr. 1 jan 2004 iflg. res. 19 des 2003 nr. 1500.", []),
        (
            "Tilføyd ved lov 17 des 2003 nr. 105, i kraft 1 jan 2004 iflg. res. 12 des 2003 nr. "
            "1460.",
            [("LOV-2003-12-17-105", dt.date(2004, 1, 1), "tilføyd")],
        ),
    ],
)
def test_parse_amendments(note: str, expected: list[tuple[str, dt.date | None, str]]) -> None:
    assert [(a.law, a.date, a.kind) for a in parse_amendments(note)] == expected


def test_articles_and_parts_that_are_not_sections_or_chapters_are_left_out(tmp_path: Path) -> None:
    xml = law_xml(
        BHL,
        "Lov om barnehager (barnehageloven)",
        "Barnehageloven – bhl",
        [
            Kap(
                "del1",
                "Del 1. Innledning",
                "KAPITTEL_1",
                [
                    Kap("kap1", "Kapittel 1. Formål", "KAPITTEL_1-1", [Art("1", "§ 1", "Formål")]),
                ],
            ),
            Kap(
                "vedlegg1",
                "Vedlegg 1. Konvensjonen",
                "KAPITTEL_2",
                [
                    Art("art1", "Artikkel 1", "Definisjoner"),
                ],
            ),
        ],
    )
    law = parse_law(xml.encode())
    assert [s.name for s in law.section_info] == ["1"]
    assert [c.name for c in law.chapter_info] == ["1"]
    registry, findings = read_registry_text(registry_yaml([law]))
    assert findings == [] and registry.by_id(BHL).section_info == law.section_info  # type: ignore[union-attr]


# --- Reading archives and folders ------------------------------------------------------------


def test_read_archive_streams_and_skips_a_malformed_file(archive: Path) -> None:
    result = read_source(archive)
    assert sorted(result.laws) == sorted([BHL, HOL, PBRL, FVL_1967, EXTRA])
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


def test_a_variant_file_does_not_win_over_the_law_itself(tmp_path: Path) -> None:
    nynorsk = bhl_xml().replace("Samarbeid og samordning", "Samarbeid og samordning (nn)")
    path = pack(
        tmp_path / "a.tar.bz2",
        {"nl-20050617-064-nn.xml": nynorsk, "nl-20050617-064.xml": bhl_xml()},
    )
    assert law_id_of("nl-20050617-064-nn.xml") == BHL
    law = read_source(path).laws[BHL]
    assert law.section("2b").title == "Samarbeid og samordning"  # type: ignore[union-attr]


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
    assert set(result.imported) == {BHL, HOL, PBRL, FVL_1967}
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
    assert bhl.section("2b") == Section(
        "2b",
        "Samarbeid og samordning",
        False,
        "1",
        (Amendment("LOV-2021-06-11-78", dt.date(2022, 8, 1), "tilføyd"),),
    )
    assert bhl.in_force == dt.date(2006, 1, 1) and bhl.last_change == dt.date(2024, 8, 1)
    hol = registry.by_id(HOL)
    assert hol is not None
    assert hol.names == LawRegistry.default().by_id(HOL).names  # type: ignore[union-attr]
    assert hol.chapter_by_anchor("KAPITTEL_1-1") == Chapter("3", "Kommunens ansvar", "KAPITTEL_1-1")
    framtid = registry.by_id("LOV-2099-01-01-1")
    assert framtid is not None and framtid.names == ("framtidslova",)
    old = registry.by_id(OPPL_1998)
    # Not in the archive: left as it was (since issue 13, the shipped data's partial list).
    assert old is not None and old == LawRegistry.default().by_id(OPPL_1998)
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
    (book / "laws.yaml").write_text("- id: LOV-2005-06-17-64\n  names: [bhl\n", encoding="utf-8")
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
    with pytest.raises(
        TvfError, match=r"Kunne ikke hente arkivet fra http://127\.0\.0\.1:9/"
    ) as info:
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
    result = import_laws(book, f"{served}/v1/publicData/get/gjeldende-lover.tar.bz2", today=TODAY)
    assert set(result.imported) == {BHL, HOL, PBRL, FVL_1967}
    assert f"(hentet fra {served}/v1/publicData/get/gjeldende-lover.tar.bz2)" in result.text
    with pytest.raises(TvfError, match="svarte 404"):
        import_laws(book, f"{served}/annet", today=TODAY)


def test_a_law_cited_by_an_unknown_id_is_imported(book: Path, archive: Path) -> None:
    add_doc(
        book,
        "vedlegg/c.md",
        "Se https://lovdata.no/lov/2009-06-19-100/§1.\n",
        doc_id="IV.7.1-5",
        type="attachment",
    )
    assert "TVF201" in codes(run_check(book))
    result = import_laws(book, archive, today=TODAY)
    assert EXTRA in result.added
    assert "TVF201" not in codes(run_check(book))


def test_a_handbook_citing_no_laws_needs_all(tmp_path: Path, archive: Path) -> None:
    empty = handbook(tmp_path / "tom", {"prosedyrer/a.md": doc_text(meta("IV.7-2"))})
    with pytest.raises(TvfError, match="viser ikke til noen lover") as info:
        import_laws(empty, archive, today=TODAY)
    assert "--all" in str(info.value)
    result = import_laws(empty, archive, everything=True, today=TODAY)
    assert len(result.laws) == 5


# --- tvf laws import -------------------------------------------------------------------------


def test_cli_import(book: Path, archive: Path) -> None:
    code, output = invoke("laws", "import", str(archive), "--handbook", str(book))
    assert code == 0, output
    assert "Lest gjeldende-lover.tar.bz2, datert 2025-11-08: 6 lovfiler, 5 av dem tolket" in output
    assert "Hoppet over nl-19990702-064.xml (LOV-1999-07-02-64): er ikke gyldig XML" in output
    assert "LOV-1998-07-17-61 er ikke i arkivet" in output
    assert "✔ Skrev laws.yaml med 4 lover." in output
    assert (book / "laws.yaml").is_file()


def test_cli_import_dry_run_and_all(book: Path, archive: Path) -> None:
    code, output = invoke(
        "laws", "import", str(archive), "--all", "--dry-run", "--handbook", str(book)
    )
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


def test_cli_import_url_fetches_from_lovdatas_address(
    book: Path, served: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--url`` reads from ARCHIVE_URL; here pointed at a local server (the tests must not
    depend on the network, nor download from Lovdata)."""
    from tverrfaglig.cli import laws_commands

    address = f"{served}/v1/publicData/get/gjeldende-lover.tar.bz2"
    monkeypatch.setattr(laws_commands, "ARCHIVE_URL", address)
    code, output = invoke("laws", "import", "--url", "--handbook", str(book))
    assert code == 0, output
    assert f"hentet fra {address}" in (book / "laws.yaml").read_text(encoding="utf-8")


# --- Checks with sections known --------------------------------------------------------------


def test_sections_and_chapters_are_checked_against_lovdata(book: Path, archive: Path) -> None:
    imported(book, archive)
    add_doc(
        book,
        "vedlegg/c.md",
        doc_id="IV.7.1-5",
        type="attachment",
        valid_from=dt.date(2025, 1, 1),
        legal_basis=[
            "barnehageloven § 99",
            "hol § 3-1",
            "pbrl kapittel 4A",
            "pbrl kapittel 9",
            "fvl kapittel III",
            "fvl kap. IX",
        ],
        body=None,
    )
    found = findings_of(book, "vedlegg/c.md")
    assert [code for code, _ in found] == ["TVF202", "TVF202", "TVF202"]
    messages = " | ".join(message for _, message in found)
    assert "§ 99" in messages and "kapittel 9" in messages and "kapittel IX" in messages


def test_a_repealed_section_is_tvf205(book: Path, archive: Path) -> None:
    imported(book, archive)
    add_doc(
        book,
        "vedlegg/c.md",
        doc_id="IV.7.1-5",
        type="attachment",
        valid_from=dt.date(2025, 1, 1),
        legal_basis=["barnehageloven § 3"],
        body=None,
    )
    add_doc(
        book,
        "vedlegg/d.md",
        "Se fvl § 13 a.\n",
        doc_id="IV.7.1-6",
        type="attachment",
        valid_from=dt.date(2025, 1, 1),
    )
    ((code, message),) = findings_of(book, "vedlegg/c.md")
    assert code == "TVF205"
    assert message.startswith(
        "barnehageloven § 3 er opphevet ved lov 9. juni 2023 nr. 30 "
        "(LOV-2023-06-09-30) fra 2024-08-01, men «barnehageloven § 3» "
        "viser til den."
    )
    assert [c for c, _ in findings_of(book, "vedlegg/d.md")] == ["TVF205"]


def test_a_section_amended_after_valid_from_is_tvf206(book: Path, archive: Path) -> None:
    imported(book, archive)
    found = findings_of(book, "prosedyrer/a.md")  # valid_from 2020-01-01
    assert [code for code, _ in found] == ["TVF206", "TVF206"]  # bhl § 2 b, hol § 3-4
    message = found[0][1]
    assert message.startswith(
        "barnehageloven § 2b «Samarbeid og samordning» er tilføyd ved "
        "lov 11. juni 2021 nr. 78 (LOV-2021-06-11-78) fra 2022-08-01"
    )
    assert "etter at dokumentet ble gyldig (2020-01-01)" in message
    assert "https://lovdata.no/lov/2005-06-17-64/§2b" in message
    # valid_from 2023-01-01 is after hol § 7-2 a was added (2022-08-01): no warning.
    assert [c for c, _ in findings_of(book, "prosedyrer/b.md")] == ["TVF203"]


def test_tvf206_once_per_section_and_not_for_retired_or_undated(book: Path, archive: Path) -> None:
    imported(book, archive)
    add_doc(
        book,
        "vedlegg/c.md",
        "Etter barnehageloven § 2 b og bhl § 2b.\n",
        doc_id="IV.7.1-5",
        type="attachment",
        valid_from=dt.date(2021, 1, 1),
        legal_basis=["barnehageloven § 2 b"],
    )
    assert [c for c, _ in findings_of(book, "vedlegg/c.md")] == ["TVF206"]
    add_doc(
        book,
        "vedlegg/d.md",
        "Etter barnehageloven § 2 b.\n",
        doc_id="IV.7.1-6",
        type="attachment",
        status="retired",
        valid_from=dt.date(2021, 1, 1),
    )
    add_doc(
        book,
        "vedlegg/e.md",
        "Etter barnehageloven § 2 b.\n",
        doc_id="IV.7.1-7",
        type="attachment",
        status="draft",
        valid_from=None,
        approved_by=None,
        review_by=None,
    )
    assert findings_of(book, "vedlegg/d.md") == []
    assert findings_of(book, "vedlegg/e.md") == []


def test_both_check_paths_agree_with_sections_known(book: Path, archive: Path) -> None:
    imported(book, archive)
    add_doc(
        book,
        "vedlegg/c.md",
        doc_id="IV.7.1-5",
        type="attachment",
        valid_from=dt.date(2019, 1, 1),
        legal_basis=["barnehageloven § 3", "barnehageloven § 99", "bhl § 7"],
    )
    sequential = run_check(book)
    parallel = check_path(book, today=TODAY, jobs=2)
    assert sequential.findings == parallel.findings
    assert set(codes(sequential)) >= {"TVF202", "TVF205", "TVF206"}


# --- Real files from Lovdata's archive (tests/laws/data, see its README) ----------------------

DATA = Path(__file__).parent / "data"
TANNHL = "LOV-1983-06-03-54"
ALKOHOLFORSKRIFTEN = "FOR-2005-06-08-538"


def test_a_real_header_names_the_last_amending_law_as_lovdata_links_it() -> None:
    # <dd class="lastChangedBy"><a href="lov/2025-06-20-74">lov/2025-06-20-74</a> fra 2026-07-01
    law = parse_law((DATA / "nl-19830603-054.xml").read_bytes(), "nl-19830603-054.xml")
    assert law.id == TANNHL
    assert (law.short_title, law.abbreviation) == ("Tannhelsetjenesteloven", "tannhl")
    assert law.in_force == dt.date(1984, 1, 1)
    assert law.last_change == dt.date(2026, 7, 1)
    assert law.last_changed_by == "LOV-2025-06-20-74"
    assert law.kind == "law"


def test_last_changed_by_as_a_link_also_dates_the_change() -> None:
    # The form quoted in issue 13, with no lastChangeInForce beside it.
    text = law_xml(
        BHL,
        "Lov om barnehager (barnehageloven)",
        "Barnehageloven – bhl",
        [Art("1", "§ 1", "Formål")],
    )
    text = text.replace(
        '<a href="lov/2023-06-09-30">LOV-2023-06-09-30</a>',
        '<a href="lov/2025-04-25-12">lov/2025-04-25-12</a> fra 2026-01-01',
    )
    text = text.replace('<dd class="lastChangeInForce">2024-08-01</dd>', "")
    law = parse_law(text.encode())
    assert (law.last_changed_by, law.last_change) == ("LOV-2025-04-25-12", dt.date(2026, 1, 1))


def test_a_real_law_gives_sections_repeals_and_amendments() -> None:
    law = parse_law((DATA / "nl-19830603-054.xml").read_bytes(), "nl-19830603-054.xml")
    assert [(c.name, c.title, c.anchor) for c in law.chapter_info] == [
        ("1", "Alminnelige bestemmelser", "KAPITTEL_1"),
        ("6", "Forskjellige bestemmelser", "KAPITTEL_6"),
        ("7", "Overgangsbestemmelser", "KAPITTEL_7"),
    ]
    assert [s.name for s in law.section_info] == ["1-1", "1-3", "1-3a", "6-3", "6-4", "7-1", "7-4"]
    s13 = law.section("1-3")
    assert s13 is not None and not s13.repealed
    assert s13.amendments == (
        Amendment("LOV-1989-06-02-26", dt.date(1989, 6, 2), "endret"),
        Amendment("LOV-2003-06-06-37", dt.date(2003, 7, 1), "endret"),
        Amendment("LOV-2014-12-19-90", dt.date(2015, 1, 1), "endret"),
        Amendment("LOV-2024-06-21-43", dt.date(2024, 7, 1), "endret"),
        Amendment("LOV-2025-06-20-73", dt.date(2025, 7, 1), "endret"),
    )
    s64 = law.section("6-4")
    assert s64 is not None and s64.repealed
    assert s64.amendments == (Amendment("LOV-1986-05-16-21", dt.date(1986, 5, 16), "opphevet"),)
    s71 = law.section("7-1")
    assert s71 is not None and s71.repealed
    assert s71.amendments == (Amendment("LOV-1997-01-10-7", dt.date(1997, 3, 1), "opphevet"),)


@pytest.mark.parametrize(
    "first",
    [
        "(Opphevet)",
        "Opphevet ved lov 19 des 2008 nr. 110.",
        "(Opphevet ved lov 19 des 2008 nr. 110)",
        "(Oppheva)",
        "Oppheva ved lov 9 juni 2023 nr. 30.",
    ],
)
def test_a_section_repealed_in_its_first_paragraph_is_repealed(first: str) -> None:
    law = parse_law(
        law_xml(
            BHL,
            "Lov om barnehager (barnehageloven)",
            "Barnehageloven – bhl",
            [
                Art("4", "§ 4", "Samarbeid med foreldre", text=first),
                Art(
                    "5",
                    "§ 5",
                    "Opphevelse av vedtak",
                    text="Opphevet vedtak skal sendes til foreldrene.",
                ),
            ],
        ).encode()
    )
    repealed = law.section("4")
    kept = law.section("5")
    assert repealed is not None and repealed.repealed
    assert kept is not None and not kept.repealed
    # Written as Lovdata marks it, and read back as repealed.
    assert '"4 | (Opphevet)' in registry_yaml([law])
    registry, problems = read_registry_text(registry_yaml([law]))
    assert problems == []
    again = registry.by_id(BHL)
    assert again is not None
    assert [s.name for s in again.section_info if s.repealed] == ["4"]


def test_a_section_repealed_in_its_first_paragraph_is_tvf205(book: Path, tmp_path: Path) -> None:
    files = good_files()
    files["nl-20050617-064.xml"] = law_xml(
        BHL,
        "Lov om barnehager (barnehageloven)",
        "Barnehageloven – bhl",
        [
            Art(
                "2b",
                "§ 2 b",
                "Samarbeid og samordning",
                text="(Opphevet)",
                notes=["Opphevet ved lov 9 juni 2023 nr. 30 (i kraft 1 aug 2024)."],
            )
        ],
    )
    imported(book, pack(tmp_path / "a.tar.bz2", files))
    found = findings_of(book, "prosedyrer/a.md")
    assert next(code for code, _ in found if code.startswith("TVF20")) == "TVF205"


def pending_archive(tmp_path: Path) -> Path:
    files = good_files()
    files["nl-20050617-064.xml"] = law_xml(
        BHL,
        "Lov om barnehager (barnehageloven)",
        "Barnehageloven – bhl",
        [
            Art(
                "2b",
                "§ 2 b",
                "Samarbeid og samordning",
                notes=[
                    "Vert endra ved lov 21 juni 2024 nr. 40 (i kraft frå den tid Kongen "
                    "bestemmer, endring vert endra ved lov 29 nov 2024 nr. 73)."
                ],
            ),
            Art(
                "7",
                "§ 7",
                "Barnehageeiers ansvar",
                notes=[
                    "Endret ved lov 19 des 2003 nr. 124. Ikr. 1 jan 2004 iflg. res. 19 des 2003 "
                    "nr. 1500."
                ],
            ),
        ],
    )
    return pack(tmp_path / "pending.tar.bz2", files)


def test_an_amendment_not_in_force_is_written_without_a_date(book: Path, tmp_path: Path) -> None:
    imported(book, pending_archive(tmp_path))
    text = (book / "laws.yaml").read_text(encoding="utf-8")
    assert '"2b | Samarbeid og samordning |  | endret ved LOV-2024-06-21-40"' in text
    assert "LOV-2024-11-29" not in text
    assert "LOV-2004-01-01" not in text  # an in-force note is no law
    assert '"7 | Barnehageeiers ansvar |  | endret ved LOV-2003-12-19-124 fra 2004-01-01"' in text


def test_tvf206_does_not_count_an_amendment_not_in_force(book: Path, tmp_path: Path) -> None:
    imported(book, pending_archive(tmp_path))
    add_doc(
        book,
        "vedlegg/c.md",
        "Etter barnehageloven § 2 b og § 7.\n",
        doc_id="IV.7.1-5",
        type="attachment",
        valid_from=dt.date(2021, 1, 1),
        legal_basis=["barnehageloven § 2 b", "barnehageloven § 7"],
    )
    assert [c for c, _ in findings_of(book, "vedlegg/c.md")] == []


def test_the_checks_count_only_dated_amendments() -> None:
    section = Section(
        "2b",
        "Samarbeid",
        amendments=(
            Amendment("LOV-2024-06-21-40", None, "endret"),
            Amendment("LOV-2021-06-11-78", dt.date(2022, 8, 1), "tilføyd"),
        ),
    )
    assert section.amended_after(dt.date(2020, 1, 1)) == (section.amendments[1],)
    assert section.last_amendment == section.amendments[1]


# --- Regulations (gjeldende-sentrale-forskrifter.tar.bz2) -----------------------------------


def pack_regulations(path: Path, files: dict[str, bytes]) -> Path:
    """A ``.tar.bz2`` with the files under ``sf/``, as Lovdata packs its regulations."""
    with tarfile.open(path, "w:bz2") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"sf/{name}")
            info.size = len(data)
            info.mtime = 1762560000
            tar.addfile(info, io.BytesIO(data))
    return path


def test_a_real_regulation_is_read_as_a_regulation() -> None:
    law = parse_law((DATA / "sf-20050608-0538.xml").read_bytes(), "sf-20050608-0538.xml")
    assert law.id == ALKOHOLFORSKRIFTEN
    assert law.kind == "regulation"
    assert law.title == "Forskrift om omsetning av alkoholholdig drikk mv. (alkoholforskriften)"
    assert law.names == ("alkoholforskriften",)
    assert law.in_force == dt.date(2005, 7, 1)
    assert (law.last_changed_by, law.last_change) == ("FOR-2025-11-28-2361", dt.date(2026, 1, 1))
    s12 = law.section("1-2")
    assert s12 is not None and s12.repealed
    assert s12.amendments == (Amendment("FOR-2011-12-08-1218", dt.date(2012, 1, 1), "opphevet"),)
    s23 = law.section("2-3")
    assert s23 is not None
    assert s23.amendments == (
        Amendment("FOR-2005-06-21-665", dt.date(2005, 7, 1), "endret"),
        Amendment("FOR-2011-12-08-1218", dt.date(2012, 1, 1), "endret"),
    )
    assert law.url(section="2-2") == "https://lovdata.no/forskrift/2005-06-08-538/§2-2"


def test_import_reads_the_regulations_archive(book: Path, tmp_path: Path) -> None:
    archive = pack_regulations(
        tmp_path / "gjeldende-sentrale-forskrifter.tar.bz2",
        {"sf-20050608-0538.xml": (DATA / "sf-20050608-0538.xml").read_bytes()},
    )
    result = import_laws(book, archive, everything=True, today=TODAY)
    assert result.imported == [ALKOHOLFORSKRIFTEN]
    text = (book / "laws.yaml").read_text(encoding="utf-8")
    assert f"- id: {ALKOHOLFORSKRIFTEN}\n" in text
    assert "  kind: regulation\n" in text
    assert "  last_changed_by: FOR-2025-11-28-2361\n" in text
    assert '"1-2 | (Opphevet) | kap. 1 | opphevet ved FOR-2011-12-08-1218 fra 2012-01-01"' in text
    registry, problems = load_registry(book)
    assert problems == []
    regulation = registry.by_id(ALKOHOLFORSKRIFTEN)
    assert regulation is not None and regulation.kind == "regulation"
    assert regulation.section("2-3") is not None
    # A later import of the laws keeps the regulation the file lists, and reads it again.
    import_laws(book, archive, today=TODAY)
    assert f"- id: {ALKOHOLFORSKRIFTEN}\n" in (book / "laws.yaml").read_text(encoding="utf-8")
    laws_archive = pack(tmp_path / "gjeldende-lover.tar.bz2", good_files())
    import_laws(book, laws_archive, today=TODAY)
    again, problems = load_registry(book)
    assert problems == []
    kept = again.by_id(ALKOHOLFORSKRIFTEN)
    assert kept is not None and kept.kind == "regulation" and kept.section("1-2") is not None


def test_a_folder_of_regulations_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "forskrifter" / "sf"
    folder.mkdir(parents=True)
    (folder / "sf-20050608-0538.xml").write_bytes((DATA / "sf-20050608-0538.xml").read_bytes())
    laws = read_source(tmp_path / "forskrifter")
    assert list(laws.laws) == [ALKOHOLFORSKRIFTEN]


def test_kind_is_read_and_checked_in_laws_yaml() -> None:
    registry, problems = read_registry_text(
        "- id: FOR-2011-12-16-1256\n  title: Forskrift om habilitering\n"
        "  names: [habiliteringsforskriften]\n"
        "- id: LOV-2099-01-01-1\n  title: Lov om framtida\n  kind: regulation\n"
        "- id: LOV-2099-01-01-2\n  title: Lov om noe\n  kind: lov\n"
    )
    assert [p.code for p in problems] == ["TVF003"]
    assert "«kind»" in problems[0].message
    regulation = registry.by_id("FOR-2011-12-16-1256")
    assert regulation is not None and regulation.kind == "regulation"
    assert regulation.url() == "https://lovdata.no/forskrift/2011-12-16-1256"
    other = registry.by_id("LOV-2099-01-01-1")
    assert other is not None and other.kind == "regulation"


# --- A member too large to be a law (issue 15, point 8) --------------------------------------

BOMB_BYTES = 200 * 1024 * 1024


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A .tar.bz2 of about 250 bytes holding one law file of 200 MB of zeros (compressed a
    piece at a time, so the test itself stays small)."""
    path = tmp_path_factory.mktemp("bomb") / "gjeldende-lover.tar.bz2"
    info = tarfile.TarInfo("nl/nl-20050617-064.xml")
    info.size = BOMB_BYTES
    compressor = bz2.BZ2Compressor(9)
    parts = [compressor.compress(info.tobuf(format=tarfile.GNU_FORMAT))]
    chunk = bytes(4 * 1024 * 1024)
    parts += [compressor.compress(chunk) for _ in range(BOMB_BYTES // len(chunk))]
    parts += [compressor.compress(bytes(2 * tarfile.RECORDSIZE)), compressor.flush()]
    path.write_bytes(b"".join(parts))
    return path


def test_a_member_over_the_limit_is_refused_quickly_in_little_memory(
    bomb: Path, book: Path
) -> None:
    assert bomb.stat().st_size < 2000
    script = (
        "import resource, sys, time\n"
        "from typer.testing import CliRunner\n"
        "from tverrfaglig.cli import app\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "start = time.perf_counter()\n"
        "result = CliRunner().invoke(app, ['laws', 'import', sys.argv[1], '--all',\n"
        "                                  '--handbook', sys.argv[2]])\n"
        "seconds = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "print(result.exit_code, peak - before, f'{seconds:.2f}')\n"
        "print(result.output)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(bomb), str(book)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    first, _, output = done.stdout.partition("\n")
    code, growth_mb, seconds = first.split()
    assert code == "2", done.stdout + done.stderr
    assert "nl/nl-20050617-064.xml" in output and "200 MB" in output
    assert "over 50 MB" in output and "Ingenting er skrevet" in output
    # The peak grows by less than the member: read whole it would be 200 MB and more (666 MB
    # before the fix). Measured as growth, since a forked child's peak starts at its parent's.
    assert int(growth_mb) < 100
    # A hang guard, not a timing: it takes about 1.3 s on an idle machine (docs/laws.md); the
    # unit tests run on a busy CI machine, and bench/ is where speed is measured.
    assert float(seconds) < 60
    assert not (book / "laws.yaml").exists()


def test_the_limit_applies_to_every_member_and_to_a_folder(tmp_path: Path) -> None:
    archive = pack(tmp_path / "a.tar.bz2", {"nl-20050617-064.xml": bhl_xml(), "README": "x" * 5000})
    with pytest.raises(TvfError, match=r"nl/README i a\.tar\.bz2"), archive.open("rb") as stream:
        read_archive(stream, archive.name, max_bytes=4000)
    folder = tmp_path / "nl"
    folder.mkdir()
    (folder / "nl-20050617-064.xml").write_text(bhl_xml(), encoding="utf-8")
    with pytest.raises(TvfError, match=r"nl-20050617-064\.xml i nl er"):
        read_folder(folder, max_bytes=1000)
    assert list(read_folder(folder).laws) == [BHL]


def test_psykisk_helsevernloven_is_phvl_as_on_lovdata(registry: LawRegistry) -> None:
    law = registry.resolve("phvl", TODAY)
    assert law is not None and law.id == "LOV-1999-07-02-62"
    assert registry.resolve("phlvl", TODAY) is None  # a misspelling, not Lovdata's


def test_an_amendment_on_the_valid_from_date_is_known_to_the_document(
    book: Path, archive: Path
) -> None:
    """bhl § 2 b was added from 2022-08-01: a document valid from that day knew it; one valid
    from the day before did not (TVF206)."""
    imported(book, archive)
    add_doc(
        book,
        "vedlegg/on.md",
        "Etter barnehageloven § 2 b.\n",
        doc_id="IV.7.1-5",
        type="attachment",
        valid_from=dt.date(2022, 8, 1),
    )
    add_doc(
        book,
        "vedlegg/before.md",
        "Etter barnehageloven § 2 b.\n",
        doc_id="IV.7.1-6",
        type="attachment",
        valid_from=dt.date(2022, 7, 31),
    )
    assert [c for c, _ in findings_of(book, "vedlegg/on.md")] == []
    assert [c for c, _ in findings_of(book, "vedlegg/before.md")] == ["TVF206"]
