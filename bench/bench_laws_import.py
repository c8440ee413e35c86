#!/usr/bin/env python3
"""Benchmark ``tvf laws import`` on a synthetic Lovdata archive of 750 laws.

Not a test: a standalone script for the lead and for profiling. It writes a synthetic
``gjeldende-lover.tar.bz2`` in Lovdata's real format (one law a file, ``nl/nl-YYYYMMDD-NNN.xml``,
one line of XHTML that is well-formed XML: the header's ``dt``/``dd`` pairs, nested
``section.section`` chapters, ``article.legalArticle`` sections with headings, ledd, lists,
amendment notes and repealed sections), sized like the real one (most files a few KB, a share
of tens of KB, a few hundreds of KB), then times, as subprocesses of the installed ``tvf``:

1. ``tvf laws import ARCHIVE --all --dry-run``: every law parsed;
2. ``tvf laws import ARCHIVE``: only the laws a handbook cites (the usual case);
3. ``tvf check`` on a large synthetic handbook (``bench_check.py``'s, ``--docs``), without and
   then with the ``laws.yaml`` that step 2 wrote (section details for the cited laws), and last
   with the ``laws.yaml`` of ``tvf laws import --all`` (every law, every section).

    python bench/bench_laws_import.py                    # 750 laws, 10,000 documents, 5 runs
    python bench/bench_laws_import.py --laws 200 --docs 2000 --repeat 3
    python bench/bench_laws_import.py --archive-only --keep /tmp/lov   # just write the archive

The laws of the field (the IDs of tvf's default registry that are in force) get realistic
chapters and sections, including every section ``bench_check.py``'s handbook cites, with
amendments dated before its ``valid_from`` (2026-01-01), so ``tvf check`` stays clean with
the imported registry. Output is deterministic for given ``--laws``.

Only the standard library is used (and bench_check.py, next to this script).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_check

SEED = 20251108
ARCHIVE_NAME = "gjeldende-lover.tar.bz2"
ARCHIVE_MTIME = 1762560000  # 2025-11-08

# (ID, title, short title, chapters, sections per chapter, sections that must exist)
FIELD_LAWS = (
    (
        "LOV-2011-06-24-30",
        "Lov om kommunale helse- og omsorgstjenester m.m. (helse- og omsorgstjenesteloven)",
        "Helse- og omsorgstjenesteloven – hol",
        13,
        12,
        ("3-1", "3-4", "7-1", "7-2a"),
    ),
    (
        "LOV-2023-06-09-30",
        "Lov om grunnskoleopplæringa og den vidaregåande opplæringa (opplæringslova)",
        "Opplæringslova",
        29,
        8,
        ("24-1",),
    ),
    (
        "LOV-2005-06-17-64",
        "Lov om barnehager (barnehageloven)",
        "Barnehageloven – bhl",
        9,
        6,
        ("2b",),
    ),
    (
        "LOV-1999-07-02-63",
        "Lov om pasient- og brukerrettigheter (pasient- og brukerrettighetsloven)",
        "Pasient- og brukerrettighetsloven – pbrl",
        9,
        8,
        (),
    ),
    (
        "LOV-1999-07-02-64",
        "Lov om helsepersonell m.v. (helsepersonelloven)",
        "Helsepersonelloven – hpl",
        13,
        6,
        ("33",),
    ),
    (
        "LOV-2021-06-18-97",
        "Lov om barnevern (barnevernsloven)",
        "Barnevernsloven – bvl",
        17,
        8,
        ("13-2", "15-8"),
    ),
    (
        "LOV-2011-06-24-29",
        "Lov om folkehelsearbeid (folkehelseloven)",
        "Folkehelseloven – fhl",
        6,
        5,
        (),
    ),
    (
        "LOV-1967-02-10",
        "Lov om behandlingsmåten i forvaltningssaker (forvaltningsloven)",
        "Forvaltningsloven – fvl",
        10,
        6,
        ("13",),
    ),
    (
        "LOV-2018-06-15-38",
        "Lov om behandling av personopplysninger (personopplysningsloven)",
        "Personopplysningsloven",
        9,
        4,
        (),
    ),
    (
        "LOV-2009-12-18-131",
        "Lov om sosiale tjenester i arbeids- og velferdsforvaltningen (sosialtjenesteloven)",
        "Sosialtjenesteloven – sotjl",
        8,
        6,
        (),
    ),
    (
        "LOV-1999-07-02-61",
        "Lov om spesialisthelsetjenesten m.m. (spesialisthelsetjenesteloven)",
        "Spesialisthelsetjenesteloven – sphl",
        10,
        6,
        (),
    ),
)
# Laws whose sections are numbered 1, 2, … (not 3-4):
FLAT_LAWS = {"LOV-1967-02-10", "LOV-1999-07-02-64", "LOV-2005-06-17-64"}
WORDS = tuple(
    [
        "kommunen",
        "skal",
        "sørge",
        "for",
        "at",
        "personer",
        "som",
        "oppholder",
        "seg",
        "i",
        "kommunen",
        "tilbys",
        "nødvendige",
        "tjenester",
        "ansvaret",
        "omfatter",
        "alle",
        "pasient-",
        "og",
        "brukergrupper",
        "herunder",
        "personer",
        "med",
        "somatisk",
        "eller",
        "psykisk",
        "sykdom",
        "skade",
        "eller",
        "lidelse",
        "rusmiddelproblem",
        "sosiale",
        "problemer",
        "eller",
        "nedsatt",
        "funksjonsevne",
        "departementet",
        "kan",
        "gi",
        "forskrift",
        "om",
        "innholdet",
        "i",
        "tjenestene",
        "samarbeid",
        "samordning",
        "barnet",
        "eleven",
        "foresatte",
        "opplysninger",
        "taushetsplikt",
        "vedtak",
        "klage",
        "tilsyn",
        "fylkesmannen",
        "statsforvalteren",
        "plikt",
        "rett",
        "krav",
        "etter",
        "denne",
        "lov",
        "første",
        "andre",
        "ledd",
    ]
)
MONTHS = ("jan", "feb", "mars", "april", "mai", "juni", "juli", "aug", "sep", "okt", "nov", "des")


def law_file_name(law_id: str) -> str:
    """``LOV-2005-06-17-64`` → ``nl-20050617-064.xml``; no number → ``-000``."""
    parts = law_id.removeprefix("LOV-").split("-")
    number = int(parts[3]) if len(parts) > 3 else 0
    return f"nl-{parts[0]}{parts[1]}{parts[2]}-{number:03d}.xml"


def text(rng: random.Random, words: int) -> str:
    out = " ".join(rng.choice(WORDS) for _ in range(words))
    return escape(out[0].upper() + out[1:] + ".")


def lovdata_date(day: tuple[int, int, int]) -> str:
    year, month, dd = day
    return f"{dd} {MONTHS[month - 1]} {year}"


def amendment_note(rng: random.Random, before: int) -> str:
    """One ``changesToParent`` note naming one or two amending laws."""
    acts = []
    for _ in range(rng.choice((1, 1, 1, 2))):
        year = rng.randint(1990, before)
        month, dd, nr = rng.randint(1, 12), rng.randint(1, 28), rng.randint(1, 150)
        act = (
            f'<a href="lov/{year}-{month:02d}-{dd:02d}-{nr}">'
            f"{lovdata_date((year, month, dd))} nr. {nr}</a>"
        )
        in_force = lovdata_date((min(year + 1, before), rng.randint(1, 12), 1))
        acts.append(f"{act} (i kraft {in_force})")
    verb = rng.choice(("Endret", "Endret", "Tilføyd"))
    return (
        f'<article class="changesToParent">{verb} ved '
        f"{'lover' if len(acts) > 1 else 'lov'} {', '.join(acts)}.</article>"
    )


def section_xml(
    rng: random.Random,
    law_path: str,
    name: str,
    position: str,
    words: int,
    repealed: bool,
    before: int,
) -> str:
    value = f"§ {name}"
    if name[-1].isalpha():
        value = f"§ {name[:-1]} {name[-1]}"
    title = "(Opphevet)" if repealed else text(rng, rng.randint(2, 5))[:-1]
    head = (
        f'<article class="legalArticle" data-name="§{name}" '
        f'data-lovdata-URL="NL/lov/{law_path}/§{name}" id="{position}">'
        f'<h3 class="legalArticleHeader"><span class="legalArticleValue">{value}</span>. '
        f'<span class="legalArticleTitle">{title}</span></h3>'
    )
    body = []
    if repealed:
        body.append(
            f'<article class="changesToParent">Opphevet ved lov '
            f"{lovdata_date((before - 3, 6, 1))} nr. 12 (i kraft 1 jan {before - 2})."
            "</article>"
        )
    else:
        left, ledd = words, 1
        while left > 0:
            size = min(left, rng.randint(30, 120))
            item = f'<article class="legalP" id="{position}-ledd-{ledd}">{text(rng, size)}'
            if rng.random() < 0.2:
                items = "".join(
                    f'<li data-name="{c})"><article class="listArticle">'
                    f'<article class="legalP">{text(rng, 12)}</article></article></li>'
                    for c in "abc"
                )
                item += f'<ol class="defaultList" type="a">{items}</ol>'
            body.append(item + "</article>")
            left -= size
            ledd += 1
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            body.append(amendment_note(rng, before))
    return head + "".join(body) + "</article>"


def law_xml(
    rng: random.Random,
    law_id: str,
    title: str,
    short: str,
    chapters: list[tuple[str, list[str]]],
    words: int,
    before: int = 2025,
) -> str:
    """One law file, one line, well-formed XML."""
    law_path = law_id.removeprefix("LOV-")
    number = law_path.split("-")
    head_pairs = [
        ("legacyID", "Datokode", law_id),
        ("dokid", "DokumentID", f"NL/lov/{law_path}"),
        ("refid", "RefID", f"lov/{law_path}"),
        ("ministry", "Departement", "<ul><li>Helse- og omsorgsdepartementet</li></ul>"),
        ("dateInForce", "I kraft fra", f"{int(number[0]) + 1}-01-01"),
        ("lastChangeInForce", "Ikrafttredelse av siste endring", f"{before - 1}-07-01"),
        (
            "lastChangedBy",
            "Sist endret",
            f'<a href="lov/{before - 1}-06-21-46">LOV-{before - 1}-06-21-46</a>',
        ),
        ("titleShort", "Korttittel", escape(short)),
        ("title", "Tittel", escape(title)),
    ]
    header = "".join(
        f'<dt class="{c}">{label}</dt><dd class="{c}">{value}</dd>'
        for c, label, value in head_pairs
    )
    total = sum(len(sections) for _, sections in chapters) or 1
    parts = []
    for i, (chapter, sections) in enumerate(chapters, start=1):
        articles = "".join(
            section_xml(
                rng,
                law_path,
                name,
                f"kapittel-{i}-paragraf-{j}",
                words // total,
                rng.random() < 0.04,
                before,
            )
            for j, name in enumerate(sections, start=1)
        )
        parts.append(
            f'<section class="section" data-name="kap{chapter}" id="kapittel-{i}" '
            f'data-lovdata-URL="NL/lov/{law_path}/KAPITTEL_{i}">'
            f"<h2>Kapittel {chapter}. {text(rng, 4)[:-1]}</h2>{articles}</section>"
        )
    return (
        '<!DOCTYPE html><html lang="no"><head><meta charset="utf-8"/>'
        f"<title>{escape(title)}</title></head><body>"
        f'<header class="documentHeader" id="hode"><dl class="data-document-key-info">'
        f"{header}</dl></header>"
        f'<main class="documentBody" id="dokument" data-lovdata-URL="NL/lov/{law_path}">'
        f"<h1>{escape(title)}</h1>{''.join(parts)}</main></body></html>"
    )


def field_chapters(
    law_id: str, chapters: int, per_chapter: int, required: Sequence[str]
) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    flat = law_id in FLAT_LAWS
    number = 1
    for c in range(1, chapters + 1):
        sections = []
        for s in range(1, per_chapter + 1):
            sections.append(str(number) if flat else f"{c}-{s}")
            number += 1
        out.append((str(c), sections))
    for name in required:
        if not any(name in sections for _, sections in out):
            chapter = name.split("-")[0] if "-" in name else out[-1][0]
            target = next((secs for c, secs in out if c == chapter), out[-1][1])
            base = name.rstrip("abcdefghijklmnopqrstuvwxyz")
            target.insert(target.index(base) + 1 if base in target else len(target), name)
    return out


def write_archive(path: Path, laws: int = 750) -> tuple[int, int]:
    """Write the synthetic archive; return (files, uncompressed bytes)."""
    rng = random.Random(SEED)
    entries: list[tuple[str, str]] = []
    for law_id, title, short, chapters, per_chapter, required in FIELD_LAWS:
        spec = field_chapters(law_id, chapters, per_chapter, required)
        words = sum(len(s) for _, s in spec) * 180
        entries.append((law_file_name(law_id), law_xml(rng, law_id, title, short, spec, words)))
    used = {e[0] for e in entries}
    while len(entries) < laws:
        year = rng.randint(1902, 2025)
        law_id = (
            f"LOV-{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}-{rng.randint(1, 140)}"
        )
        name = law_file_name(law_id)
        if name in used:
            continue
        used.add(name)
        size = rng.random()
        if size < 0.6:  # small: a few KB
            chapters, per_chapter, words = 1, rng.randint(3, 12), rng.randint(400, 1500)
        elif size < 0.9:  # medium: tens of KB
            chapters, per_chapter = rng.randint(3, 8), rng.randint(4, 10)
            words = rng.randint(4000, 12000)
        else:  # large: hundreds of KB
            chapters, per_chapter = rng.randint(10, 25), rng.randint(6, 14)
            words = rng.randint(25000, 60000)
        word = rng.choice(WORDS)
        spec = [
            (str(c), [f"{c}-{s}" for s in range(1, per_chapter + 1)])
            for c in range(1, chapters + 1)
        ]
        title = f"Lov om {word} ({word}loven)"
        entries.append(
            (name, law_xml(rng, law_id, title, f"{word.capitalize()}loven", spec, words))
        )
    entries.sort()
    total = 0
    with tarfile.open(path, "w:bz2") as tar:
        for name, xml in entries:
            data = xml.encode("utf-8")
            total += len(data)
            info = tarfile.TarInfo(f"nl/{name}")
            info.size = len(data)
            info.mtime = ARCHIVE_MTIME
            tar.addfile(info, io.BytesIO(data))
    return len(entries), total


def run(cmd: Sequence[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False)
    return time.perf_counter() - start, done


def timed(cmd: Sequence[str], repeat: int, label: str) -> list[float]:
    times = []
    for _ in range(repeat):
        seconds, done = run(cmd)
        if done.returncode != 0:
            print(f"FEIL: {label} (exit-status {done.returncode})", file=sys.stderr)
            print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
            sys.exit(1)
        times.append(seconds)
    return times


def check_findings(tvf: str, root: Path) -> int:
    _, done = run([tvf, "check", "--handbook", str(root), "--format", "json"])
    return len(json.loads(done.stdout))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--laws", type=int, default=750, help="antall lover i arkivet (750)")
    parser.add_argument(
        "--docs", type=int, default=10_000, help="dokumenter i håndboka for tvf check (10000)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="antall kjøringer av hver (5)")
    parser.add_argument("--keep", type=Path, help="skriv arkiv og håndbok hit og behold dem")
    parser.add_argument("--archive-only", action="store_true", help="bare skriv arkivet")
    parser.add_argument("--tvf", help="sti til tvf (standard: ved siden av python, så PATH)")
    args = parser.parse_args(argv)
    if args.laws < len(FIELD_LAWS) or args.repeat < 1 or args.docs < 1:
        parser.error(f"--laws må være minst {len(FIELD_LAWS)}, --docs og --repeat minst 1")

    with tempfile.TemporaryDirectory(prefix="tvf-bench-laws-") as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        archive = base / ARCHIVE_NAME
        start = time.perf_counter()
        files, size = write_archive(archive, args.laws)
        print(
            f"Skrev {archive} ({files} lover, {size / 1e6:.1f} MB XML, "
            f"{archive.stat().st_size / 1e6:.1f} MB bz2) på {time.perf_counter() - start:.1f} s"
        )
        if args.archive_only:
            return 0

        tvf = bench_check.find_tvf(args.tvf)
        handbook = base / "handbook"
        bench_check.write(handbook, args.docs)
        importing_all = timed(
            [
                tvf,
                "laws",
                "import",
                str(archive),
                "--all",
                "--dry-run",
                "--handbook",
                str(handbook),
            ],
            args.repeat,
            "import --all",
        )
        check_before = timed(
            [tvf, "check", "--handbook", str(handbook)], args.repeat, "check uten laws.yaml"
        )
        importing = timed(
            [tvf, "laws", "import", str(archive), "--handbook", str(handbook)],
            args.repeat,
            "import",
        )
        laws_yaml = handbook / "laws.yaml"
        check_after = timed(
            [tvf, "check", "--handbook", str(handbook)], args.repeat, "check med laws.yaml"
        )
        findings = check_findings(tvf, handbook)
        yaml_size = laws_yaml.stat().st_size
        timed(
            [tvf, "laws", "import", str(archive), "--all", "--handbook", str(handbook)],
            1,
            "import --all",
        )
        yaml_all_size = laws_yaml.stat().st_size
        check_all = timed(
            [tvf, "check", "--handbook", str(handbook)],
            args.repeat,
            "check med laws.yaml fra --all",
        )
        findings += check_findings(tvf, handbook)

    print()
    print(f"lover i arkivet:  {files} ({size / 1e6:.1f} MB XML)")
    print(f"dokumenter:       {args.docs}")
    print(f"maskin:           {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPU-er")
    print(f"python:           {platform.python_implementation()} {platform.python_version()}")
    print(f"kjøringer:        {args.repeat}")
    print(
        f"laws.yaml:        {yaml_size / 1000:.0f} KB med de siterte lovene, "
        f"{yaml_all_size / 1e6:.1f} MB med alle"
    )
    for label, times in (
        ("import --all", importing_all),
        ("import (siterte)", importing),
        ("check uten", check_before),
        ("check med", check_after),
        ("check med --all", check_all),
    ):
        print(f"{label + ':':<18}min {min(times):.3f} s, median {statistics.median(times):.3f} s")
    print(f"funn med laws.yaml: {findings}")
    return 0 if findings == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
