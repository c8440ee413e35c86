"""``tvf export`` and ``--format docx|pdf``: read back with real readers (python-docx,
poppler's ``pdftotext``/``pdfinfo``/``pdftoppm``), never by looking at our own output."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.export import Source, render

from helpers import TODAY, doc_text, handbook, meta

runner = CliRunner()
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "export"

BODY = """\
# Rutine for samarbeid – «Kanebogen»

Innledning med **fet** og *kursiv* tekst, og en lenke til
[Lovdata](https://lovdata.no/lov/1998-07-17-61/§15-8). Ærlig, østlig og å.

## Punktliste

- Skole og barnehage
- Helsestasjon
  - skolehelsetjenesten

## Nummerert

1. Første steg
2. Andre steg

## Oppgaver

- [ ] Kartlegge fravær i 8. trinn (ansvar: Skole, frist: 2027-02-01)
- [x] Sende ut årshjulet (ansvar: Leder, frist: 2026-09-20)

## Tabell

| Tjeneste | Kontakt |
|---|---|
| PPT | PP-rådgiver |
| Helsestasjon | Helsesykepleier på Åsen |
"""


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        reason = f"{tool} mangler (Debians poppler-utils); .ci/run installerer det."
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return handbook(
        tmp_path / "hb",
        {
            "prosedyrer/rutine.md": doc_text(meta("IV.7-3", title="Rutine"), BODY),
            "prosedyrer/uten-tittel.md": doc_text(
                meta("IV.7-4", title="Plan for åpning", version="2.1"), "Tekst om ærfugl.\n"
            ),
        },
    )


def test_docx_keeps_headings_lists_tasks_tables_links_and_letters(
    book: Path, tmp_path: Path
) -> None:
    out = tmp_path / "rutine.docx"
    result = runner.invoke(
        app, ["export", "IV.7-3", "--format", "docx", "-o", str(out), "--handbook", str(book)]
    )
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert paragraphs[0] == ("Heading 1", "Rutine for samarbeid – «Kanebogen»")
    assert ("Heading 2", "Punktliste") in paragraphs
    assert ("List Bullet", "Skole og barnehage") in paragraphs
    assert ("List Bullet 2", "skolehelsetjenesten") in paragraphs
    assert ("List Number", "Første steg") in paragraphs
    assert (
        "List Paragraph",
        "☐ Kartlegge fravær i 8. trinn (ansvar: Skole, frist: 2027-02-01)",
    ) in paragraphs
    assert (
        "List Paragraph",
        "☒ Sende ut årshjulet (ansvar: Leder, frist: 2026-09-20)",
    ) in paragraphs
    assert any("Ærlig, østlig og å." in text for _style, text in paragraphs)
    intro = next(p for p in document.paragraphs if p.text.startswith("Innledning"))
    assert [r.text for r in intro.runs if r.bold] == ["fet"]
    assert [r.text for r in intro.runs if r.italic] == ["kursiv"]
    assert "Lovdata" in intro.text  # the link's text is part of the paragraph
    links = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert links == ["https://lovdata.no/lov/1998-07-17-61/%C2%A715-8"]
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Tjeneste", "Kontakt"],
        ["PPT", "PP-rådgiver"],
        ["Helsestasjon", "Helsesykepleier på Åsen"],
    ]
    assert document.core_properties.language == "nb-NO"


def test_docx_title_and_facts_when_the_body_has_no_heading(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    result = runner.invoke(
        app,
        [
            "export",
            "prosedyrer/uten-tittel.md",
            "-f",
            "docx",
            "-o",
            str(out),
            "--handbook",
            str(book),
        ],
    )
    assert result.exit_code == 0, result.output
    texts = [(p.style.name, p.text) for p in docx.Document(str(out)).paragraphs if p.text]
    assert texts[0] == ("Title", "Plan for åpning")
    assert texts[1][1] == "IV.7-4 · versjon 2.1 · ansvarlig: Enhet for oppvekst"


def test_a_reference_document_in_the_handbook_sets_the_styles(book: Path, tmp_path: Path) -> None:
    reference = docx.Document()
    reference.styles["Heading 1"].font.name = "Comic Sans MS"
    (book / "templates").mkdir()
    reference.save(str(book / "templates" / "reference.docx"))
    data = render(Source(None, BODY, "x"), "docx", root=book)
    out = tmp_path / "x.docx"
    out.write_bytes(data)
    assert docx.Document(str(out)).styles["Heading 1"].font.name == "Comic Sans MS"
    shipped = render(Source(None, BODY, "x"), "docx", root=tmp_path)
    with zipfile.ZipFile(out) as ours:
        assert b"Comic Sans" in ours.read("word/styles.xml")
    assert b"Comic Sans" not in shipped


def test_pdf_is_tagged_searchable_and_has_norwegian_letters(book: Path, tmp_path: Path) -> None:
    pdftotext, pdfinfo = poppler("pdftotext"), poppler("pdfinfo")
    out = tmp_path / "rutine.pdf"
    result = runner.invoke(
        app, ["export", "IV.7-3", "--format", "pdf", "-o", str(out), "--handbook", str(book)]
    )
    assert result.exit_code == 0, result.output
    info = subprocess.run([pdfinfo, str(out)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    text = subprocess.run(
        [pdftotext, str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "Rutine for samarbeid – «Kanebogen»",
        "Ærlig, østlig og å.",
        "☐ Kartlegge fravær i 8. trinn",
        "☒ Sende ut årshjulet",
        "1. Første steg",
        "Helsesykepleier på Åsen",
        "Lovdata",
    ):
        assert expected in text
    structure = subprocess.run(
        [pdfinfo, "-struct", str(out)], capture_output=True, text=True, check=True
    ).stdout
    for tag in ("H1", "H2", "L", "LI", "Table", "Link"):
        assert f"{tag} " in structure or f"{tag}\n" in structure


def test_pdf_page_renders_to_an_image(book: Path, tmp_path: Path) -> None:
    """The first page as a PNG (test-artifacts/export/rutine-1.png), to look at."""
    pdftoppm = poppler("pdftoppm")
    out = tmp_path / "rutine.pdf"
    out.write_bytes(render(Source(None, BODY, "rutine"), "pdf", root=book))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", str(out), str(ARTIFACTS / "rutine")],
        check=True,
    )
    from PIL import Image  # Pillow comes with WeasyPrint

    with Image.open(next(ARTIFACTS.glob("rutine-1*.png"))) as image:
        assert image.size in ((413, 585), (414, 585))  # A4 at 50 dpi
        grey = image.convert("L")
        top = grey.crop((0, 0, image.size[0], image.size[1] // 3))
        dark = sum(top.point(lambda value: 255 if value < 128 else 0).histogram()[255:])
    assert dark > 500  # the heading and the first lines are printed, not a blank page


def test_agenda_new_and_minutes_new_write_docx_and_pdf_beside_the_markdown(tmp_path: Path) -> None:
    from test_meetings import NET, NEXT
    from test_meetings import book as meetings_book

    root = meetings_book.__wrapped__(tmp_path)  # type: ignore[attr-defined]
    args = ["--network", "sentrum", "--handbook", str(root), "--today", TODAY.isoformat()]
    result = runner.invoke(app, ["agenda", "new", "--date", NEXT, "--format", "docx", *args])
    assert result.exit_code == 0, result.output
    agenda = docx.Document(str(root / NET / f"{NEXT}-saksliste.docx"))
    assert agenda.paragraphs[0].text.startswith("Saksliste – Tverrfaglig nettverk Sentrum")
    result = runner.invoke(
        app, ["minutes", "new", "--date", NEXT, "--format", "pdf", *args, "--today", NEXT]
    )
    assert result.exit_code == 0, result.output
    assert (root / NET / f"{NEXT}-referat.pdf").read_bytes().startswith(b"%PDF-")
    result = runner.invoke(
        app, ["agenda", "new", "--date", "2027-04-22", "--format", "pdf", "--output", "-", *args]
    )
    assert result.exit_code == 2
    assert "kan ikke skrives til skjermen" in result.output


def test_audit_as_docx_and_pdf(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "tilsyn.docx"
    result = runner.invoke(
        app, ["audit", "-o", str(out), "--handbook", str(book), "--today", TODAY.isoformat()]
    )
    assert result.exit_code == 0, result.output
    assert docx.Document(str(out)).paragraphs[0].style.name == "Heading 1"
    result = runner.invoke(app, ["audit", "--format", "pdf", "--handbook", str(book)])
    assert result.exit_code == 2
    assert "--output" in result.output


def test_export_refuses_an_identity_number_and_writes_nothing(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {"prosedyrer/a.md": doc_text(meta("IV.7-5"), "Eleven 15031258216 har fravær.\n")},
    )
    out = tmp_path / "a.pdf"
    result = runner.invoke(
        app, ["export", "IV.7-5", "-f", "pdf", "-o", str(out), "--handbook", str(root)]
    )
    assert result.exit_code == 2
    assert "fødselsnummer (15*********)" in result.output
    assert "15031258216" not in result.output
    assert not out.exists()


def test_export_of_an_unknown_document_says_how_to_name_one(book: Path) -> None:
    result = runner.invoke(app, ["export", "IV.9-99", "-f", "docx", "--handbook", str(book)])
    assert result.exit_code == 2
    assert "Fant ikke «IV.9-99»" in result.output
