#!/usr/bin/env python3
"""Benchmark a cold ``tvf check`` on a large synthetic handbook, side by side with the floor.

Not a test: a standalone script for the lead and for profiling. It writes a valid handbook
of N documents (default 10,000) to a temporary folder, or to ``--keep DIR`` (or takes one made
before, ``--existing DIR``), then runs in rounds, each command once per round as a subprocess:
the floor (``bench/floor.py``: one process that reads every file, parses its front matter
with libyaml's C loader and resolves IDs and references), ``tvf check --no-cache`` (cold),
``tvf check --no-cache --format json`` and ``tvf check --no-cache --jobs 1``, and with
``--compare TVF`` the cold check of another tvf (the code before a change, say). It prints
for each the median and minimum wall-clock seconds, the median CPU seconds (user and system,
with the worker processes), the median of its ratio to the floor in the same round, and the
load average before and after. The handbook is clean by construction, so every run must exit
0 and the JSON output must be ``[]``; when it is not, the script prints the first findings and
exits 1; the outputs of ``--compare`` must be byte for byte those of tvf.

    python bench/bench_check.py                       # 10,000 documents, 5 rounds
    python bench/bench_check.py --docs 2000 --repeat 3
    python bench/bench_check.py --generate-only --keep /tmp/hb   # for profiling
    python bench/bench_check.py --existing /tmp/hb --compare "python -m tverrfaglig"

Each document is a ``procedure`` with the required front matter, three ``references`` and one
``legal_basis`` citation, and a body of about 200 words with two more references ("se IV.1.2-1")
and one more citation ("helse- og omsorgstjenesteloven § 3-4"): five references and two
citations per document, and no 11-digit numbers. Output is deterministic for a given ``--docs``.

Only the standard library is used, so the script runs with any Python 3.11.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

FOLDERS = ("prosedyrer", "vedlegg", "tiltak")
FILES_PER_SUBFOLDER = 100
SEED = 20260101

SERVICES = (
    "barnehage",
    "skole",
    "helsestasjon",
    "skolehelsetjenesten",
    "PPT",
    "barneverntjenesten",
    "NAV",
    "kultur og fritid",
    "psykisk helse og rus",
    "fysioterapitjenesten",
)
OWNERS = (
    "Oppvekstsjef",
    "Kommunalsjef helse og omsorg",
    "Leder for helsestasjon og skolehelsetjeneste",
    "Leder for PPT",
    "Barnevernleder",
    "Rektor",
    "Styrer",
)
APPROVERS = ("Kommunedirektør", "Kommunalsjef oppvekst", "Kommunalsjef helse og omsorg")
TOPICS = (
    "samarbeid med foresatte",
    "overgang fra barnehage til skole",
    "bekymring for et barn",
    "skolefravær",
    "tverrfaglig møte",
    "individuell plan",
    "barnekoordinator",
    "taushetsplikt og samtykke",
    "oppfølging etter skadehendelse",
    "kartlegging av språk",
    "psykisk helse hos ungdom",
    "rus og forebygging",
)
TITLE_KINDS = ("Rutine for", "Veileder for", "Sjekkliste for", "Prosedyre for")
HEADINGS = ("Formål", "Gjelder for", "Ansvar", "Fremgangsmåte", "Dokumentasjon", "Oppfølging")
# Filler words: lower-case Norwegian, no digits, no "§", no law names or abbreviations, so the
# body holds exactly the references and citation the generator puts in it.
WORD_LIST = """
    barnet barn unge familien foresatte tjenestene samarbeid samordning tiltak tidlig
    innsats helhetlig oppfølging kontaktlærer helsesykepleier møtet referat avtale
    samtykke bekymring kartlegging ansvarlig leder tjenesten skal bør kan må drøfte
    vurdere dokumentere informere involvere sikre avklare og i med for til på om etter ved
    når som det den de alle hver felles rett hjelp tid plan mål behov rutiner nettverket
    koordinator fagområde systemnivå individnivå skolen barnehagen helsestasjonen
"""
WORDS = tuple(WORD_LIST.split())
BODY_WORDS = 200


def document_id(i: int) -> str:
    """The ID of document ``i``: unique, and of the form ``^[IVXLC]+(\\.[0-9]+)*-[0-9]+$``."""
    return f"IV.{i // 1000 + 1}.{i % 1000 + 1}-1"


def document_path(i: int) -> str:
    folder = FOLDERS[i % len(FOLDERS)]
    sub = (i // len(FOLDERS)) // FILES_PER_SUBFOLDER
    return f"{folder}/{sub:03d}/dokument-{i:05d}.md"


def pick_references(rng: random.Random, i: int, n: int, k: int = 5) -> list[str]:
    """``k`` distinct IDs of other documents (fewer when the handbook is smaller)."""
    others = n - 1
    chosen = rng.sample(range(others), min(k, others))
    return [document_id(j if j < i else j + 1) for j in chosen]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, words: int) -> list[str]:
    out: list[str] = []
    while words > 0:
        length = min(words, rng.randint(8, 16))
        out.append(sentence(rng, length))
        words -= length
    return out


def body(rng: random.Random, text_refs: Sequence[str]) -> str:
    """About BODY_WORDS words under headings, with the given references and one citation."""
    headings = rng.sample(HEADINGS, 4)
    per_section = BODY_WORDS // len(headings)
    sections: list[str] = []
    for n, heading in enumerate(headings):
        sentences = paragraph(rng, per_section - 8)
        if n == 0 and text_refs:
            sentences.insert(1, f"Se {text_refs[0]} for sammenhengen med andre rutiner.")
        if n == 1:
            sentences.append(
                "Kommunen har plikt til samarbeid etter helse- og omsorgstjenesteloven § 3-4."
            )
        if n == 2 and len(text_refs) > 1:
            bullets = "\n".join(f"- {s}" for s in sentences[:3])
            rest = " ".join(sentences[3:])
            sections.append(
                f"## {heading}\n\n{bullets}\n- Les også rutinen (se {text_refs[1]}) "
                f"før møtet.\n\n{rest}\n"
            )
            continue
        sections.append(f"## {heading}\n\n{' '.join(sentences)}\n")
    return "\n".join(sections)


def document(rng: random.Random, i: int, n: int) -> str:
    refs = pick_references(rng, i, n)
    front_refs, text_refs = refs[:3], refs[3:]
    title = f"{rng.choice(TITLE_KINDS)} {rng.choice(TOPICS)} ({i + 1})"
    applies_to = rng.sample(SERVICES, 3)
    lines = [
        "---",
        f"id: {document_id(i)}",
        f'title: "{title}"',
        "type: procedure",
        "status: approved",
        'version: "1.0"',
        f"owner: {rng.choice(OWNERS)}",
        f"approved_by: {rng.choice(APPROVERS)}",
        "valid_from: 2026-01-01",
        "review_by: 2099-01-01",
        "applies_to:",
        *(f"  - {service}" for service in applies_to),
    ]
    if front_refs:
        lines += ["references:", *(f"  - {ref}" for ref in front_refs)]
    else:
        lines.append("references: []")
    lines += ["legal_basis:", "  - barnehageloven § 2 b", "---", ""]
    return "\n".join(lines) + f"# {title}\n\n" + body(rng, text_refs)


def generate(root: Path, n: int) -> None:
    """Write a synthetic handbook of ``n`` documents to ``root`` (created if missing)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "tvf.toml").write_text('[handbook]\ntitle = "Syntetisk håndbok"\n', encoding="utf-8")
    rng = random.Random(SEED)
    made: set[Path] = set()
    for i in range(n):
        path = root / document_path(i)
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(document(rng, i, n), encoding="utf-8")


def write(root: Path, n: int) -> None:
    start = time.perf_counter()
    generate(root, n)
    print(f"Skrev {n} dokumenter til {root} på {time.perf_counter() - start:.2f} s")


def find_tvf(explicit: str | None) -> str:
    if explicit:
        return explicit
    name = "tvf.exe" if os.name == "nt" else "tvf"
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which("tvf")
    if found:
        return found
    sys.exit("Fant ikke kommandoen tvf. Installer pakken (pip install -e .) eller bruk --tvf.")


# As an installed tvf runs: with its bytecode written (pip compiles it on install), so a
# PYTHONDONTWRITEBYTECODE in the environment would make every run compile every module again.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: Sequence[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall-clock and CPU seconds (user and system, with the processes it waited for)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        cmd, capture_output=True, text=True, encoding="utf-8", check=False, env=ENV
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return seconds, cpu, done


def fail(what: str, done: subprocess.CompletedProcess[str]) -> NoReturn:
    print(f"FEIL: {what} (exit-status {done.returncode})", file=sys.stderr)
    try:
        findings = json.loads(done.stdout)
    except ValueError:
        findings = None
    if isinstance(findings, list):
        print(f"{len(findings)} funn; de første:", file=sys.stderr)
        for finding in findings[:10]:
            print(f"  {json.dumps(finding, ensure_ascii=False)}", file=sys.stderr)
    else:
        print("\n".join(done.stdout.splitlines()[:20]), file=sys.stderr)
    if done.stderr.strip():
        print("\n".join(done.stderr.splitlines()[-20:]), file=sys.stderr)
    sys.exit(1)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def measure(
    commands: dict[str, list[str]], repeat: int, json_names: set[str]
) -> dict[str, tuple[list[float], list[float], list[float]]]:
    """Wall seconds, CPU seconds and the ratio to the floor of the same round, per command."""
    results: dict[str, tuple[list[float], list[float], list[float]]] = {
        name: ([], [], []) for name in commands
    }
    outputs: dict[str, str] = {}
    for cmd in commands.values():  # once first, unmeasured: each writes its bytecode
        run(cmd)
    for _ in range(repeat):
        floor = 0.0
        for name, cmd in commands.items():
            seconds, cpu, done = run(cmd)
            if done.returncode != 0:
                fail(" ".join(cmd), done)
            if name in json_names:
                try:
                    findings = json.loads(done.stdout)
                except ValueError:
                    fail("--format json skrev ikke gyldig JSON", done)
                if findings != []:
                    fail("den syntetiske håndboka skal ikke ha funn", done)
            if name == "floor":
                floor = seconds
            wall, cpus, ratios = results[name]
            wall.append(seconds)
            cpus.append(cpu)
            ratios.append(seconds / floor if floor else float("nan"))
            outputs[name] = done.stdout
    if "sammenligning" in outputs and outputs["sammenligning"] != outputs["kald"]:
        print("FEIL: --compare skrev ikke det samme som tvf", file=sys.stderr)
        sys.exit(1)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=10_000, help="antall dokumenter (10000)")
    parser.add_argument("--repeat", type=int, default=5, help="antall runder (5)")
    parser.add_argument("--keep", type=Path, help="skriv håndboka hit og behold den")
    parser.add_argument("--existing", type=Path, help="mål på en håndbok laget før")
    parser.add_argument("--generate-only", action="store_true", help="bare skriv håndboka")
    parser.add_argument("--tvf", help="sti til tvf (standard: ved siden av python, så PATH)")
    parser.add_argument("--compare", help="en annen tvf (en kommando) å måle i de samme rundene")
    args = parser.parse_args(argv)
    if args.docs < 1 or args.repeat < 1:
        parser.error("--docs og --repeat må være minst 1")

    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"{args.keep} finnes og er ikke tom")
    if args.generate_only:
        root = args.keep or Path(tempfile.mkdtemp(prefix="tvf-bench-")) / "handbook"
        write(root, args.docs)
        return 0

    tvf = find_tvf(args.tvf)
    floor_script = str(Path(__file__).resolve().parent / "floor.py")
    with tempfile.TemporaryDirectory(prefix="tvf-bench-") as tmp:
        if args.existing:
            root = args.existing
        else:
            root = args.keep or Path(tmp) / "handbook"
            write(root, args.docs)
        cold = [tvf, "check", "--handbook", str(root), "--no-cache"]
        commands = {
            "floor": [sys.executable, floor_script, str(root)],
            "kald": cold,
            "kald json": [*cold, "--format", "json"],
            "kald --jobs 1": [*cold, "--jobs", "1"],
        }
        if args.compare:
            commands["sammenligning"] = [
                *args.compare.split(),
                "check",
                "--handbook",
                str(root),
                "--no-cache",
            ]
        load_before = _load()
        results = measure(commands, args.repeat, {"kald json"})
        load_after = _load()
    documents = sum(1 for _ in root.rglob("*.md")) if args.existing else args.docs

    print()
    print(f"dokumenter:      {documents}")
    print(f"maskin:          {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPU-er")
    print(f"python:          {platform.python_implementation()} {platform.python_version()}")
    print(f"tvf:             {tvf}")
    print(f"runder:          {args.repeat}")
    print(f"last:            {load_before} før, {load_after} etter (1, 5, 15 min)")
    for name, (wall, cpu, ratios) in results.items():
        ratio = "" if name == "floor" else f", {statistics.median(ratios):.2f} × gulvet"
        print(
            f"{name + ':':<17}median {statistics.median(wall):.3f} s (min {min(wall):.3f} s), "
            f"CPU {statistics.median(cpu):.3f} s{ratio}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
