"""Shared by the tests of tverrfaglig.laws (tests/laws/): the laws of tvf's default registry, a
handbook's own laws.yaml, and Lovdata's archive.

The archive is written in its real format: one law a file (``nl/nl-YYYYMMDD-NNN.xml``), one line
of XHTML that is well-formed XML, the header's ``dt``/``dd`` pairs by class, nested
``section.section`` chapters, ``article.legalArticle`` with ``data-name`` and
``data-lovdata-URL``, headings with ``legalArticleValue`` and ``legalArticleTitle``, repealed
sections and ``changesToParent`` amendment notes; packed into a ``.tar.bz2`` in tmp_path.
"""

from __future__ import annotations

import io
import tarfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.laws.lovdata import import_laws
from tverrfaglig.laws.parser import Citation, find_citations
from tverrfaglig.laws.registry import LawRegistry

from helpers import TODAY, doc_text, meta, run_check

BEFORE_REFORMS = date(2020, 1, 1)
HOL = "LOV-2011-06-24-30"
OPPL_1998 = "LOV-1998-07-17-61"
OPPL_2023 = "LOV-2023-06-09-30"
BHL = "LOV-2005-06-17-64"
PBRL = "LOV-1999-07-02-63"
HPL = "LOV-1999-07-02-64"
BVL_1992 = "LOV-1992-07-17-100"
BVL_2021 = "LOV-2021-06-18-97"
FVL_1967 = "LOV-1967-02-10"
FVL_2025 = "LOV-2025-06-20-81"
EXTRA = "LOV-2009-06-19-100"  # in the archive, cited by no one
ARCHIVE_MTIME = 1762560000  # 2025-11-08

DEFAULT_IDS = [
    HOL,
    OPPL_1998,
    OPPL_2023,
    BHL,
    PBRL,
    HPL,
    BVL_1992,
    BVL_2021,
    "LOV-2011-06-24-29",
    FVL_1967,
    FVL_2025,
    "LOV-2018-06-15-38",
    "LOV-2009-12-18-131",
    "LOV-1999-07-02-61",
    "LOV-1999-07-02-62",
    "LOV-2018-06-22-83",
    # Issue 13: the laws, repealed acts, conventions and regulations of the shipped law data
    # (data/lovdata.json) and the laws handbooks cite that the data lacks, in laws.yaml order.
    "LOV-1995-08-04-53",
    "LOV-1999-05-21-30",
    "LOV-1991-12-13-81",
    "LOV-1982-11-19-66",
    "LOV-1992-09-25-107",
    "LOV-1995-05-05-19",
    "LOV-1999-05-21-30/bkn",
    "LOV-1999-05-21-30/emkn",
    "LOV-1999-05-21-30/spn",
    "LOV-1999-05-21-30/oskn",
    "LOV-1999-05-21-30/kdkn",
    "LOV-1999-05-21-30/crpdn",
    "LOV-2018-06-15-38/gdpr",
    "FOR-2011-12-16-1256",
    "FOR-2018-10-19-1584",
    "FOR-2006-06-23-724",
    "FOR-2024-06-03-900",
    "FOR-2017-04-24-487",
    "FOR-2019-03-01-168",
    "FOR-2022-12-20-2358",
    "FOR-2022-12-22-2474",
    "LOV-1814-05-17",
    "LOV-1981-04-08-7",
    "LOV-2003-07-04-84",
    "LOV-2005-05-20-28",
    "LOV-2017-06-16-51",
    "LOV-2003-07-04-80",
    "LOV-2020-11-06-127",
    "LOV-2006-06-16-20",
    "LOV-2009-06-19-44",
    "LOV-1997-06-19-62",
    "FOR-2022-06-22-1110",
    "FOR-2016-10-28-1250",
    "FOR-2012-06-28-692",
    "FOR-2017-03-07-282",
    # Other laws real texts cite (laws.yaml, «Other laws real texts cite»)
    "LOV-1902-05-22-10",
    "LOV-2010-03-26-9",
    "LOV-1927-04-22-3",
    "LOV-1980-06-13-24",
    "LOV-1957-07-06-26",
    "LOV-2009-06-19-65",
    "LOV-2002-06-07-19",
    "LOV-2010-05-28-16",
    "LOV-1983-06-03-54",
    "LOV-1991-07-04-47",
    "LOV-1994-08-05-55",
    "LOV-2005-06-17-62",
    "LOV-2008-06-27-71",
    "LOV-2006-05-19-16",
    "LOV-2005-06-17-90",
    "LOV-2008-05-15-35",
    "LOV-2016-05-27-14",
    "LOV-1998-07-17-56",
    "LOV-1979-05-18-18",
    "LOV-2002-06-21-34",
    "LOV-2001-06-15-93",
    "LOV-1969-06-19-57",
    "LOV-2013-06-21-61",
    "FOR-2003-04-25-486",
    "FOR-2005-12-16-1555",
    "FOR-2011-12-16-1251",
    "FOR-2005-12-16-1478",
    "FOR-2023-03-28-449",
    "FOR-1995-12-01-928",
    "FOR-2000-12-21-1385",
    "FOR-2006-03-01-266",
    # then the data's other entries (the English texts of the conventions)
    "LOV-1999-05-21-30/bke",
    "LOV-1999-05-21-30/crpde",
    "LOV-1999-05-21-30/emke",
    "LOV-1999-05-21-30/kdke",
    "LOV-1999-05-21-30/oske",
    "LOV-1999-05-21-30/spe",
]


# --- Citations and a handbook's laws.yaml ----------------------------------------------------


def write_laws(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "laws.yaml").write_text(text, encoding="utf-8")
    return root


def cite_ids(cites: list[Citation]) -> list[str | None]:
    return [c.law.id if c.law else None for c in cites]


def cited_fields(
    registry: LawRegistry, body: str, fields: str, today: date, first_line: int = 1
) -> list[tuple[object, ...]]:
    """The citations ``find_citations`` finds in ``body``, each as the tuple of the attributes
    named in ``fields`` (separated by spaces); ``law`` stands for the law's ID (None when the
    law is not known). The mutation tests compare every field they name, word for word."""
    names = fields.split()
    return [
        tuple((c.law.id if c.law else None) if n == "law" else getattr(c, n) for n in names)
        for c in find_citations(body, first_line, registry, today)
    ]


def only(cites: list[Citation]) -> Citation:
    assert len(cites) == 1, cites
    return cites[0]


def body_cite(text: str, registry: LawRegistry, today: date = TODAY) -> Citation:
    return only(find_citations(text, 1, registry, today))


# --- Writing fixtures in Lovdata's format ----------------------------------------------------


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
    return "".join(
        f'<dt class="{key}">{key}</dt><dd class="{key}">{value}</dd>'
        for key, value in pairs.items()
    )


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


def law_xml(
    law_id: str,
    title: str,
    short: str,
    items: Sequence[Art | Kap],
    *,
    in_force: str = "2006-01-01",
    last_change: str = "2024-08-01",
    changed_by: str = "LOV-2023-06-09-30",
) -> str:
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
    return law_xml(
        BHL,
        "Lov om barnehager (barnehageloven)",
        "Barnehageloven – bhl",
        [
            Kap(
                "kap1",
                "Kapittel 1. Barnehagens formål og innhold",
                "KAPITTEL_1",
                [
                    Art("1", "§ 1", "Formål", position="kapittel-1-paragraf-1"),
                    Art("2", "§ 2", "Barnehagens innhold", position="kapittel-1-paragraf-2"),
                    Art(
                        "2b",
                        "§ 2 b",
                        "Samarbeid og samordning",
                        position="kapittel-1-paragraf-3",
                        notes=[
                            'Tilføyd ved <a href="lov/2021-06-11-78">lov 11 juni 2021 nr. 78</a>'
                            " (i kraft 1 aug 2022)."
                        ],
                    ),
                ],
            ),
            Kap(
                "kap2",
                "Kapittel 2. Barnehagens eier",
                "KAPITTEL_2",
                [
                    Art(
                        "3",
                        "§ 3",
                        "(Opphevet)",
                        text="",
                        notes=["Opphevet ved lov 9 juni 2023 nr. 30 (i kraft 1 aug 2024)."],
                    ),
                    Art(
                        "7",
                        "§ 7",
                        "Barnehageeiers ansvar",
                        notes=[
                            "Endret ved lover 19 juni 2009 nr. 45 (ikr. 1 jan 2010 iflg. res. "
                            "19 juni 2009 nr. 600), 21 juni 2013 nr. 85 (i kraft 1 juli 2013), "
                            "forskrift 1 des 2022 nr. 2100."
                        ],
                    ),
                ],
            ),
        ],
    )


def hol_xml() -> str:
    return law_xml(
        HOL,
        "Lov om kommunale helse- og omsorgstjenester m.m. (helse- og omsorgstjenesteloven)",
        "Helse- og omsorgstjenesteloven – hol",
        [
            Kap(
                "del1",
                "Del 1. Innledende bestemmelser",
                "KAPITTEL_1",
                [
                    Kap(
                        "kap3",
                        "Kapittel 3. Kommunens ansvar",
                        "KAPITTEL_1-1",
                        [
                            Art(
                                "3-1",
                                "§ 3-1",
                                "Kommunens overordnede ansvar for helse- og omsorgstjenester",
                            ),
                            Art(
                                "3-4",
                                "§ 3-4",
                                "Kommunens plikt til samarbeid og samordning",
                                notes=["Endret ved lov 11 juni 2021 nr. 78 (i kraft 1 aug 2022)."],
                            ),
                        ],
                    ),
                ],
            ),
            Kap(
                "kap7",
                "Kapittel 7. Individuell plan, koordinator og barnekoordinator",
                "KAPITTEL_2",
                [
                    Art("7-1", "§ 7-1", "Individuell plan"),
                    Art(
                        "7-2a",
                        "§ 7-2 a",
                        "Barnekoordinator",
                        notes=["Tilføyd ved lov 11 juni 2021 nr. 78 (i kraft 1 aug 2022)."],
                    ),
                ],
            ),
        ],
        in_force="2012-01-01",
        last_change="2025-07-01",
        changed_by="LOV-2025-06-20-90",
    )


def pbrl_xml() -> str:
    chapters = [
        Kap(
            f"kap{n}",
            f"Kapittel {n}. Tittel {n}",
            f"KAPITTEL_{i}",
            [Art(f"{n}-1", f"§ {n}-1", f"Paragraf {n}-1")],
        )
        for i, n in enumerate(["1", "2", "3", "4", "4A"], start=1)
    ]
    return law_xml(
        PBRL,
        "Lov om pasient- og brukerrettigheter (pasient- og brukerrettighetsloven)",
        "Pasient- og brukerrettighetsloven – pbrl",
        chapters,
    )


def fvl_xml() -> str:
    return law_xml(
        FVL_1967,
        "Lov om behandlingsmåten i forvaltningssaker (forvaltningsloven)",
        "Forvaltningsloven – fvl",
        [
            Kap(
                "kapII",
                "Kapittel II. Om ugildhet",
                "KAPITTEL_2",
                [
                    Art("6", "§ 6", "(ugildhetsgrunner)"),
                ],
            ),
            Kap(
                "kapIII",
                "Kapittel III. Alminnelige regler om saksforberedelse",
                "KAPITTEL_3",
                [
                    Art("13", "§ 13", "(taushetsplikt)"),
                    Art("13a", "§ 13 a", "(Oppheva)"),
                ],
            ),
        ],
        in_force="1970-01-01",
    )


def extra_xml() -> str:
    return law_xml(
        EXTRA,
        "Lov om forvaltning av naturens mangfold (naturmangfoldloven)",
        "Naturmangfoldloven – nml",
        [Art("1", "§ 1", "Formål")],
        in_force="2009-07-01",
    )


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


def body_citing() -> str:
    return (
        "Barnehagen samarbeider etter barnehageloven § 2 b og helse- og "
        "omsorgstjenesteloven § 3-4. Se også [pasientrettighetene]"
        "(https://lovdata.no/dokument/NL/lov/1999-07-02-63/KAPITTEL_5).\n"
    )


# --- A handbook with laws imported -----------------------------------------------------------


def hand_written(book: Path) -> None:
    (book / "laws.yaml").write_text(
        "# Håndskrevet\n"
        f"- id: {BHL}\n  names: [barnehageloven, bhl, barnehagelova, bhgl, Bhg-loven]\n"
        "- id: LOV-2099-01-01-1\n  title: Lov om framtida (framtidslova)\n"
        "  names: [framtidslova]\n",
        encoding="utf-8",
    )


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


runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--today", "2026-11-25"])
    return result.exit_code, result.output
