"""Networks and meetings: inputs, agendas, minutes, action items, and the commands around them."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.document import parse_document
from tverrfaglig.errors import TvfError
from tverrfaglig.handbook import load_handbook
from tverrfaglig.meeting_docs import add_input, insert_front_matter, slugify
from tverrfaglig.meetings import (
    agenda_items,
    evaluation_due,
    get_network,
    open_action_items,
    parse_action_items,
    pending_inputs,
    school_year,
    school_year_label,
    user_representatives_due,
)

from helpers import TODAY, TVF_TOML, doc_text, handbook, meta, run_check, valid_number

runner = CliRunner()
GOLDEN = Path(__file__).parent / "golden" / "meetings"
NET = "nettverk/sentrum"
NEXT = "2027-01-14"

NETWORK = {
    "type": "network",
    "id": "sentrum",
    "title": "Tverrfaglig nettverk Sentrum",
    "leader": {
        "name": "Kari Nordmann",
        "role": "Rektor, Sentrum ungdomsskole",
        "term_start": dt.date(2026, 8, 1),
        "term_end": dt.date(2027, 7, 31),
    },
    "members": [
        {"service": "Skole", "name": "Kari Nordmann"},
        {"service": "Helsestasjon og skolehelsetjeneste", "name": "Helsesykepleier"},
        {"service": "PPT"},
    ],
    "meetings_per_year": 3,
    "mandate": "IV.7-15",
}
SENT = {"date": dt.date(2026, 9, 20), "to": "Samarbeidsgruppa"}

SEPTEMBER_ITEMS = """\
# Referat 10. september

## Oppfølgingspunkter

- [ ] Kartlegge fravær i 8. trinn (ansvar: Skole, frist: 2026-10-01)
- [x] Sende ut årshjulet (ansvar: Leder, frist: 2026-09-20)
- [ ] Lage plan for temauke om psykisk helse (ansvar: Helsestasjonen, frist: 2027-02-01)
- [ ] Oversikt over fritidstilbud (ansvar: Kultur og fritid, frist: 2026-11-01)
"""
NOVEMBER_ITEMS = """\
# Referat 5. november

## Oppfølgingspunkter

- [ ] Kartlegge fravær i 8. trinn (ansvar: Skole, frist: 2026-12-01)
- [x] Lage plan for temauke om psykisk helse (ansvar: Helsestasjonen, frist: 2027-02-01)
- [ ] Invitere elevrådet til et møte (ansvar: Leder, frist: 2027-01-15)
"""
INPUTS = {
    "2026-11-10-rutine.md": ("PPT", "Felles rutine ved bekymringsfullt fravær"),
    "2026-11-12-maler.md": (
        "SLT",
        "Maler i tekst: {{ 7*7 }} og {% if true %}ja{% endif %} skal stå som de er",
    ),
    "2026-11-20-leksehjelp.md": (None, "Erfaringer med leksehjelp på biblioteket"),
}
OPEN = [
    "Oversikt over fritidstilbud",
    "Kartlegge fravær i 8. trinn",
    "Invitere elevrådet til et møte",
]


def input_text(day: str, sender: str | None, text: str) -> str:
    front = {"type": "input", "network": "sentrum", "date": dt.date.fromisoformat(day)}
    if sender:
        front["from"] = sender
    return doc_text(front, text + "\n")


def meeting(kind: str, day: str, body: str = "Tekst.\n", **fields: object) -> str:
    front = {"type": kind, "network": "sentrum", "date": dt.date.fromisoformat(day), **fields}
    return doc_text(front, body)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A network with two past meetings (agendas and minutes) and three pending inputs."""
    docs: dict[str, str | bytes] = {
        "prosedyrer/mandat.md": doc_text(meta("IV.7-15", title="Mandat tverrfaglige nettverk")),
        f"{NET}/nettverk.md": doc_text(NETWORK, "# Sentrum\n"),
        f"{NET}/2026-09-10-saksliste.md": meeting("agenda", "2026-09-10"),
        f"{NET}/2026-09-10-referat.md": meeting(
            "minutes", "2026-09-10", SEPTEMBER_ITEMS, sent=SENT
        ),
        f"{NET}/2026-11-05-saksliste.md": meeting("agenda", "2026-11-05"),
        f"{NET}/2026-11-05-referat.md": meeting("minutes", "2026-11-05", NOVEMBER_ITEMS, sent=SENT),
    }
    for name, (sender, text) in INPUTS.items():
        docs[f"{NET}/innspill/{name}"] = input_text(name[:10], sender, text)
    return handbook(tmp_path / "hb", docs)


def invoke(*args: str, today: dt.date = TODAY):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [*args, "--today", today.isoformat()])


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


def section(text: str, heading: str) -> list[str]:
    """The list lines under the level-2 heading that contains ``heading``."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("## ") and heading in line)
    found = []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        if line.startswith("- "):
            found.append(line)
    return found


def headings(text: str) -> list[str]:
    return [
        line.split(". ", 1)[1]
        for line in text.split("\n")
        if line.startswith("## ") and ". " in line
    ]


# --- The model -------------------------------------------------------------------------------


def test_school_year_starts_in_august() -> None:
    assert school_year(dt.date(2026, 8, 1)) == (dt.date(2026, 8, 1), dt.date(2027, 7, 31))
    assert school_year(dt.date(2027, 7, 31)) == (dt.date(2026, 8, 1), dt.date(2027, 7, 31))
    assert school_year_label(dt.date(2027, 1, 14)) == "2026–2027"


def test_open_items_follow_the_newest_mention(book: Path) -> None:
    network = get_network(load_handbook(book), "sentrum")
    items = open_action_items(network)
    assert [i.text for i in items] == OPEN
    assert [str(i.deadline) for i in items] == ["2026-11-01", "2026-12-01", "2027-01-15"]
    assert items[1].path.endswith("2026-11-05-referat.md")  # the newest mention
    assert [i.overdue(TODAY) for i in items] == [True, False, False]
    # As of the November meeting, only the September minutes count.
    before = open_action_items(network, before=dt.date(2026, 11, 5))
    assert {i.text for i in before} == {
        "Kartlegge fravær i 8. trinn",
        "Oversikt over fritidstilbud",
        "Lage plan for temauke om psykisk helse",
    }


def test_task_lines_in_every_form_and_the_ones_that_are_not(tmp_path: Path) -> None:
    body = """\
* [X] Ferdig (frist: 2026-10-01, ansvar: PPT)
   - [ ] Innrykket (Ansvar: NAV, Frist: 2026-12-01)
- [ ] Uten ansvar og frist
- [ ] Feil dato (ansvar: Skole, frist: 1. desember)
- [ ] Mangler frist (ansvar: Skole)
- [ ] Med (parentes) i teksten (ansvar: Helsestasjon og skolehelsetjeneste, frist: 2027-01-01)
```
- [ ] I kodeblokk (ansvar: X, frist: ikke-dato)
```
<!--
- [ ] I kommentar (ansvar: X, frist: ikke-dato)
-->
- vanlig punkt (ansvar: X, frist: 2026-01-01)
"""
    doc, _ = parse_document("m.md", meeting("minutes", "2026-11-05", body).encode())
    assert doc is not None
    items, problems = parse_action_items(doc, dt.date(2026, 11, 5))
    assert [(i.text, i.owner, str(i.deadline), i.done) for i in items] == [
        ("Ferdig", "PPT", "2026-10-01", True),
        ("Innrykket", "NAV", "2026-12-01", False),
        ("Med (parentes) i teksten", "Helsestasjon og skolehelsetjeneste", "2027-01-01", False),
    ]
    assert [p.line for p in problems] == [doc.body_line + 2, doc.body_line + 3, doc.body_line + 4]
    assert "mangler (ansvar" in problems[0].message
    assert "ÅÅÅÅ-MM-DD" in problems[1].message
    assert "mangler frist" in problems[2].message


def test_slugify_makes_safe_file_names() -> None:
    assert slugify("Økt fravær på 8. trinn!") == "okt-fravaer-pa-8-trinn"
    assert slugify("{{ }} / ..") == "innspill"
    assert len(slugify("ord " * 40)) <= 48


def test_insert_front_matter_keeps_every_other_byte() -> None:
    data = b"---\r\ntype: input # kommentar\r\nnetwork: 'sentrum'\r\n---\r\nTekst \r\n"
    new = insert_front_matter(data, ["placed_on: 2027-01-14"])
    assert new == (
        b"---\r\ntype: input # kommentar\r\nnetwork: 'sentrum'\r\n"
        b"placed_on: 2027-01-14\r\n---\r\nTekst \r\n"
    )
    with pytest.raises(TvfError):
        insert_front_matter(b"ingen front matter\n", ["x: 1"])


# --- tvf agenda new -----------------------------------------------------------------------------


def test_agenda_carries_open_items_inputs_and_approval(book: Path) -> None:
    result = invoke("agenda", "new", "-H", str(book), "--network", "sentrum", "--date", NEXT)
    assert result.exit_code == 0, result.output
    text = (book / NET / f"{NEXT}-saksliste.md").read_text(encoding="utf-8")
    golden("agenda.md", text)
    assert [line.split(" – ")[0][2:] for line in section(text, "Oppfølgingspunkter")] == OPEN
    assert section(text, "Oppfølgingspunkter")[0].endswith("**(forfalt)**")
    assert "forfalt" not in "".join(section(text, "Oppfølgingspunkter")[1:])
    assert headings(text) == [
        "Godkjenning av innkalling og saksliste",
        "Godkjenning av referat fra møtet 5. november 2026",
        "Runde fra tjenestene",  # a standing item: members bring their services' experience
        "Oppfølgingspunkter fra tidligere møter",
        *(text for _, text in INPUTS.values()),
        # No later meeting is planned this school year or term: the last one evaluates and
        # chooses the next leader.
        "Årlig evaluering av nettverkets arbeid",
        "Valg av leder for neste år",
        # No point on inviting user representatives: «Invitere elevrådet til et møte» is an
        # open action item, a decision to invite.
        "Eventuelt",
    ]
    # Template syntax inside an input is data: it appears literally, never evaluated.
    assert "{{ 7*7 }} og {% if true %}ja{% endif %}" in text
    assert "49" not in text
    doc, problems = parse_document("a.md", text.encode())
    assert problems == [] and doc is not None
    assert doc.meta == {
        "type": "agenda",
        "network": "sentrum",
        "date": dt.date(2027, 1, 14),
        "title": "Saksliste – Tverrfaglig nettverk Sentrum, 14. januar 2027",
        "evaluation": True,
    }
    assert "Kari Nordmann, Rektor, Sentrum ungdomsskole" in text
    assert "- PPT\n" in text  # a member without a name
    assert "Tverrfaglig samarbeidsgruppe barn og unge v/ leder" in text  # [minutes] default
    assert run_check(book).errors == 0


def test_agenda_marks_inputs_placed_byte_for_byte(book: Path) -> None:
    path = book / NET / "innspill" / "2026-11-10-rutine.md"
    path.write_bytes(
        "---\r\ntype: input   # innspill\r\nnetwork: sentrum\r\ndate: 2026-11-10\r\n"
        "from: 'PPT'\r\n---\r\nFelles rutine ved bekymringsfullt fravær\r\n".encode()
    )
    before = path.read_bytes()
    result = invoke("agenda", "new", "-H", str(book), "--network", "sentrum", "--date", NEXT)
    assert result.exit_code == 0, result.output
    assert "Satte 3 innspill på sakslisten" in result.output
    assert path.read_bytes() == before.replace(
        b"---\r\nFelles", b"placed_on: 2027-01-14\r\n---\r\nFelles"
    )
    network = get_network(load_handbook(book), "sentrum")
    assert pending_inputs(network) == []
    assert {str(i.placed_on) for i in network.inputs} == {NEXT}


def test_next_agenda_does_not_repeat_placed_inputs(book: Path) -> None:
    assert invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT).exit_code == 0
    added = invoke(
        "agenda",
        "add",
        "-H",
        str(book),
        "-n",
        "sentrum",
        "Nytt innspill om skolevei",
        "--from",
        "Kultur og fritid",
    )
    assert added.exit_code == 0, added.output
    result = invoke(
        "agenda", "new", "-H", str(book), "-n", "sentrum", "-d", "2027-04-22", "--output", "-"
    )
    assert result.exit_code == 0, result.output
    for _, text in INPUTS.values():
        assert text not in result.stdout
    assert "## 5. Nytt innspill om skolevei" in result.stdout
    assert "Innspill fra Kultur og fritid, meldt inn 25. november 2026." in result.stdout
    # Printing changes nothing: the new input is still pending, no file was written.
    assert not (book / NET / "2027-04-22-saksliste.md").exists()
    assert len(pending_inputs(get_network(load_handbook(book), "sentrum"))) == 1


def test_agenda_never_overwrites(book: Path) -> None:
    target = book / NET / f"{NEXT}-saksliste.md"
    target.write_text("mitt eget utkast\n", encoding="utf-8")
    result = invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT)
    assert result.exit_code == 2
    assert "finnes allerede" in result.stderr
    assert target.read_text(encoding="utf-8") == "mitt eget utkast\n"
    assert len(pending_inputs(get_network(load_handbook(book), "sentrum"))) == 3
    # An existing agenda for the date: a fresh one can still be printed.
    target.write_text(meeting("agenda", NEXT), encoding="utf-8")
    result = invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT)
    assert result.exit_code == 2 and "har allerede en saksliste" in result.stderr
    preview = invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT, "-o", "-")
    assert preview.exit_code == 0 and "## 1. Godkjenning" in preview.stdout
    # An agenda for that date under another name counts too.
    target.unlink()
    (book / NET / "annen.md").write_text(meeting("agenda", NEXT), encoding="utf-8")
    result = invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT)
    assert result.exit_code == 2
    assert "annen.md" in result.stderr


def test_agenda_date_from_the_plan_or_an_error_asking_for_it(book: Path) -> None:
    result = invoke("agenda", "new", "-H", str(book), "-n", "sentrum")
    assert result.exit_code == 2
    assert "--date" in result.stderr
    network = book / NET / "nettverk.md"
    network.write_text(
        doc_text(
            {
                **NETWORK,
                "planned_meetings": [
                    dt.date(2026, 9, 10),
                    dt.date(2027, 1, 14),
                    dt.date(2027, 4, 22),
                ],
            }
        ),
        encoding="utf-8",
    )
    result = invoke("agenda", "new", "-H", str(book), "-n", "sentrum")
    assert result.exit_code == 0, result.output
    assert (book / NET / "2027-01-14-saksliste.md").exists()
    result = invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "--output", "-")
    assert "date: 2027-04-22" in result.stdout


def test_agenda_for_an_unknown_network_lists_the_known_ones(book: Path) -> None:
    result = invoke("agenda", "new", "-H", str(book), "-n", "nord", "-d", NEXT)
    assert result.exit_code == 2
    assert "nord" in result.stderr and "sentrum" in result.stderr


def test_agenda_warns_about_a_public_holiday(book: Path) -> None:
    result = invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "-d", "2027-05-17")
    assert result.exit_code == 0
    assert "helligdag" in result.stderr


def test_template_error_leaves_no_file_and_names_template_and_line(book: Path) -> None:
    (book / "templates").mkdir()
    (book / "templates" / "agenda.md.j2").write_text(
        "---\ntype: agenda\n{{ finnes_ikke }}\n---\n", encoding="utf-8"
    )
    inputs_before = {p: p.read_bytes() for p in (book / NET / "innspill").iterdir()}
    result = invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT)
    assert result.exit_code == 2
    assert "agenda.md.j2" in result.stderr and "linje 3" in result.stderr
    assert "Traceback" not in result.output
    assert not (book / NET / f"{NEXT}-saksliste.md").exists()
    assert {p: p.read_bytes() for p in (book / NET / "innspill").iterdir()} == inputs_before
    assert [p.name for p in (book / NET).iterdir() if p.name.startswith(".")] == []


def test_handbook_template_overrides_and_a_broken_result_is_refused(book: Path) -> None:
    (book / "templates").mkdir()
    override = book / "templates" / "agenda.md.j2"
    override.write_text(
        "---\ntype: agenda\nnetwork: {{ network.slug }}\ndate: {{ date }}\n---\n"
        "Egen mal for {{ network.title }}\n",
        encoding="utf-8",
    )
    result = invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT, "-o", "-")
    assert result.stdout.endswith("Egen mal for Tverrfaglig nettverk Sentrum\n")
    override.write_text("Ingen front matter {{ date }}\n", encoding="utf-8")
    result = invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT)
    assert result.exit_code == 2
    assert "ikke kan leses" in result.stderr
    assert not (book / NET / f"{NEXT}-saksliste.md").exists()


def test_invited_representatives_go_in_the_front_matter(book: Path) -> None:
    result = invoke(
        "agenda",
        "new",
        "-H",
        str(book),
        "-n",
        "sentrum",
        "-d",
        NEXT,
        "--invite",
        "Elevrådet ved Sentrum ungdomsskole",
        "--invite",
        "FAU",
    )
    assert result.exit_code == 0, result.output
    text = (book / NET / f"{NEXT}-saksliste.md").read_text(encoding="utf-8")
    assert 'user_representatives:\n  - "Elevrådet ved Sentrum ungdomsskole"\n  - "FAU"\n' in text
    assert "Invitasjon av brukerrepresentanter" not in text
    # The rest of the school year needs no such point; the next school year does.
    network = get_network(load_handbook(book), "sentrum")
    assert not user_representatives_due(network, dt.date(2027, 6, 10))
    assert user_representatives_due(network, dt.date(2027, 8, 20))


# --- Evaluation and user representatives appear and disappear on the right dates --------------


def evaluated(tmp_path: Path, **minutes_fields: object) -> Path:
    return handbook(
        tmp_path / "hb",
        {
            "prosedyrer/mandat.md": doc_text(meta("IV.7-15")),
            f"{NET}/nettverk.md": doc_text(NETWORK),
            f"{NET}/2026-04-23-referat.md": meeting(
                "minutes", "2026-04-23", sent=SENT, **minutes_fields
            ),
        },
    )


@pytest.mark.parametrize(
    ("day", "due"),
    [
        ("2026-04-23", True),  # the meeting itself has not yet evaluated
        ("2026-04-24", False),
        ("2027-04-22", False),  # still within twelve months
        ("2027-04-23", True),  # twelve months have passed
    ],
)
def test_evaluation_point_appears_after_twelve_months(tmp_path: Path, day: str, due: bool) -> None:
    root = evaluated(tmp_path, evaluation=True)
    network = get_network(load_handbook(root), "sentrum")
    assert evaluation_due(network, dt.date.fromisoformat(day)) is due
    result = invoke(
        "agenda",
        "new",
        "-H",
        str(root),
        "-n",
        "sentrum",
        "-d",
        day,
        "-o",
        "-",
        today=dt.date(2026, 4, 1),
    )
    assert result.exit_code == 0, result.output
    assert ("Årlig evaluering" in result.stdout) is due
    assert ("evaluation: true" in result.stdout) is due


def test_evaluation_point_without_any_evaluation(tmp_path: Path) -> None:
    root = evaluated(tmp_path)  # minutes without evaluation: true
    network = get_network(load_handbook(root), "sentrum")
    assert evaluation_due(network, dt.date(2026, 5, 1))


@pytest.mark.parametrize(
    ("day", "due"),
    [
        ("2026-07-31", True),  # the school year before: nobody invited then
        ("2026-08-01", False),  # the school year starts 1 August
        ("2027-07-31", False),
        ("2027-08-01", True),  # a new school year
    ],
)
def test_user_representative_point_per_school_year(tmp_path: Path, day: str, due: bool) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "prosedyrer/mandat.md": doc_text(meta("IV.7-15")),
            f"{NET}/nettverk.md": doc_text(NETWORK),
            f"{NET}/2026-10-01-saksliste.md": meeting(
                "agenda", "2026-10-01", user_representatives=["Ungdomsrådet"]
            ),
        },
    )
    result = invoke(
        "agenda",
        "new",
        "-H",
        str(root),
        "-n",
        "sentrum",
        "-d",
        day,
        "-o",
        "-",
        today=dt.date(2026, 7, 1),
    )
    assert result.exit_code == 0, result.output
    assert ("Invitasjon av brukerrepresentanter" in result.stdout) is due


# --- tvf agenda add ---------------------------------------------------------------------------


def test_agenda_add_files_an_input(book: Path) -> None:
    result = invoke(
        "agenda",
        "add",
        "-H",
        str(book),
        "-n",
        "sentrum",
        "Økt fravær på 9. trinn: {{ x }}",
        "--from",
        "Skole: Kari",
    )
    assert result.exit_code == 0, result.output
    path = book / NET / "innspill" / "2026-11-25-innspill-001.md"
    assert path.read_text(encoding="utf-8") == (
        '---\ntype: input\nnetwork: sentrum\ndate: 2026-11-25\nfrom: "Skole: Kari"\n---\n'
        "Økt fravær på 9. trinn: {{ x }}\n"
    )
    again = invoke(
        "agenda", "add", "-H", str(book), "-n", "sentrum", "Økt fravær på 9. trinn: {{ x }}"
    )
    assert again.exit_code == 0
    assert (path.parent / "2026-11-25-innspill-002.md").exists()
    assert run_check(book).errors == 0


def test_input_file_name_never_comes_from_its_text(book: Path) -> None:
    """An input may name a child; its words must never become a file name."""
    result = invoke(
        "agenda",
        "add",
        "-H",
        str(book),
        "-n",
        "sentrum",
        "Ola (8B) på Kanebogen skole: mor drikker",
    )
    assert result.exit_code == 0, result.output
    names = [p.name for p in (book / NET / "innspill").iterdir()]
    assert "2026-11-25-innspill-001.md" in names
    assert not any("ola" in name.lower() or "drikker" in name for name in names)


def _senders(paths: set[Path]) -> set[object]:
    senders = set()
    for path in paths:
        doc, problems = parse_document(path.name, path.read_bytes())
        assert doc is not None and not problems
        senders.add(doc.get("from"))
    return senders


def test_concurrent_agenda_adds_file_every_input(book: Path) -> None:
    """Two writers adding 50 inputs each at the same time: all 100 are filed, none refused."""
    before = set((book / NET / "innspill").iterdir())
    start = threading.Barrier(2)

    def writer(first: int) -> None:
        start.wait()
        for i in range(first, first + 50):
            add_input(
                load_handbook(book), "sentrum", "Samme sak", sender=f"Tjeneste {i}", today=TODAY
            )

    with ThreadPoolExecutor(2) as pool:
        for done in [pool.submit(writer, 0), pool.submit(writer, 50)]:
            done.result()
    filed = set((book / NET / "innspill").iterdir()) - before
    assert _senders(filed) == {f"Tjeneste {i}" for i in range(100)}


@pytest.mark.slow
def test_concurrent_agenda_add_processes_file_every_input(book: Path) -> None:
    """20 `tvf agenda add` processes started at once all file their input."""
    tvf = Path(sys.executable).parent / "tvf"
    before = set((book / NET / "innspill").iterdir())
    runs = [
        subprocess.Popen(
            [
                str(tvf),
                "agenda",
                "add",
                "-H",
                str(book),
                "-n",
                "sentrum",
                "Samme sak",
                "--from",
                f"Tjeneste {i}",
                "--today",
                "2026-11-25",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for i in range(20)
    ]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0] * 20, errors
    filed = set((book / NET / "innspill").iterdir()) - before
    assert _senders(filed) == {f"Tjeneste {i}" for i in range(20)}


def test_agenda_add_dry_run_writes_nothing(book: Path) -> None:
    result = invoke("agenda", "add", "-H", str(book), "-n", "sentrum", "Sak", "--dry-run")
    assert result.exit_code == 0
    assert "type: input" in result.stdout
    assert len(list((book / NET / "innspill").iterdir())) == 3


@pytest.mark.parametrize("where", ["text", "from"])
def test_agenda_add_refuses_a_national_id_and_writes_nothing(book: Path, where: str) -> None:
    number = valid_number(17, 5, 84)
    text, sender = ("Eleven", f"Mor {number}") if where == "from" else (f"Elev {number}", "PPT")
    result = invoke("agenda", "add", "-H", str(book), "-n", "sentrum", text, "--from", sender)
    assert result.exit_code == 2
    assert "TVF501" in result.stderr
    assert number not in result.output and number[2:] not in result.output
    assert len(list((book / NET / "innspill").iterdir())) == 3


def test_agenda_new_refuses_a_pending_input_with_a_national_id(book: Path) -> None:
    number = valid_number(3, 2, 11)
    (book / NET / "innspill" / "x.md").write_text(
        input_text("2026-11-21", None, f"Elev {number}"), encoding="utf-8"
    )
    result = invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT)
    assert result.exit_code == 2
    assert "TVF501" in result.stderr and "x.md" in result.stderr
    assert number not in result.output
    assert not (book / NET / f"{NEXT}-saksliste.md").exists()


def test_agenda_add_refuses_empty_text(book: Path) -> None:
    result = invoke("agenda", "add", "-H", str(book), "-n", "sentrum", "   ")
    assert result.exit_code == 2
    assert "tomt" in result.stderr


# --- tvf minutes new / sent ----------------------------------------------------------------------


def test_minutes_skeleton_from_the_agenda(book: Path) -> None:
    assert (
        invoke(
            "agenda", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT, "--invite", "Elevrådet"
        ).exit_code
        == 0
    )
    day = dt.date(2027, 1, 14)
    result = invoke("minutes", "new", "-H", str(book), "-n", "sentrum", today=day)
    assert result.exit_code == 0, result.output
    text = (book / NET / f"{NEXT}-referat.md").read_text(encoding="utf-8")
    golden("minutes.md", text)
    agenda_doc, _ = parse_document("a.md", (book / NET / f"{NEXT}-saksliste.md").read_bytes())
    doc, problems = parse_document("m.md", text.encode())
    assert problems == [] and doc is not None and agenda_doc is not None
    assert headings(text) == [i.title for i in agenda_items(agenda_doc)]
    assert text.count("**Vedtak:**") == len(agenda_items(agenda_doc))
    items, task_problems = parse_action_items(doc, day)
    assert task_problems == []
    assert [i.text for i in items] == [i for i in OPEN]
    assert not any(i.done for i in items)
    assert doc.get("present") == [
        "Skole: Kari Nordmann",
        "Helsestasjon og skolehelsetjeneste: Helsesykepleier",
        "PPT",
    ]
    assert doc.get("absent") == []
    assert doc.get("evaluation") is True
    # Invited is not attended: the minutes say who came.
    assert doc.get("user_representatives") == []
    assert "**Inviterte brukerrepresentanter:** Elevrådet" in text
    assert "Tverrfaglig samarbeidsgruppe barn og unge v/ leder" in text
    again = invoke("minutes", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT, today=day)
    assert again.exit_code == 2 and "allerede" in again.stderr


def test_ticking_items_in_the_new_minutes_closes_them(book: Path) -> None:
    invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT)
    invoke("minutes", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT)
    path = book / NET / f"{NEXT}-referat.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "- [ ] Oversikt over fritidstilbud", "- [x] Oversikt over fritidstilbud"
        ),
        encoding="utf-8",
    )
    network = get_network(load_handbook(book), "sentrum")
    assert [i.text for i in open_action_items(network)] == OPEN[1:]


def test_minutes_need_an_agenda(book: Path) -> None:
    result = invoke("minutes", "new", "-H", str(book), "-n", "sentrum", "-d", "2026-12-01")
    assert result.exit_code == 2
    assert "tvf agenda new --network sentrum --date 2026-12-01" in result.stderr
    result = invoke("minutes", "new", "-H", str(book), "-n", "sentrum")
    assert result.exit_code == 2
    assert "--date" in result.stderr


def test_minutes_sent_records_date_and_recipient(book: Path) -> None:
    invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT)
    invoke("minutes", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT)
    path = book / NET / f"{NEXT}-referat.md"
    before = path.read_bytes()
    later = dt.date(2027, 1, 20)
    dry = invoke("minutes", "sent", "-H", str(book), "-n", "sentrum", "--dry-run", today=later)
    assert dry.exit_code == 0 and "sent:" in dry.stdout
    assert path.read_bytes() == before
    result = invoke("minutes", "sent", "-H", str(book), "-n", "sentrum", today=later)
    assert result.exit_code == 0, result.output
    added = (
        b'sent:\n  date: 2027-01-20\n  to: "Tverrfaglig samarbeidsgruppe barn og unge v/ leder"\n'
    )
    closing = before.index(b"\n---\n", 4) + 1
    assert path.read_bytes() == before[:closing] + added + before[closing:]
    doc, _ = parse_document("m.md", path.read_bytes())
    assert doc is not None and doc.get("sent") == {
        "date": later,
        "to": "Tverrfaglig samarbeidsgruppe barn og unge v/ leder",
    }
    again = invoke("minutes", "sent", "-H", str(book), "-n", "sentrum", "-d", NEXT, today=later)
    assert again.exit_code == 2 and "allerede merket som sendt (2027-01-20" in again.stderr


def test_minutes_sent_with_recipient_and_ambiguity(book: Path) -> None:
    for day in ("2026-09-10", "2026-11-05"):
        path = book / NET / f"{day}-referat.md"
        path.write_text(
            path.read_text(encoding="utf-8").replace("sent:", "sendt_ikke:"), encoding="utf-8"
        )
    result = invoke("minutes", "sent", "-H", str(book), "-n", "sentrum")
    assert result.exit_code == 2
    assert "2026-09-10, 2026-11-05" in result.stderr
    result = invoke(
        "minutes",
        "sent",
        "-H",
        str(book),
        "-n",
        "sentrum",
        "-d",
        "2026-11-05",
        "--to",
        "Leder av samarbeidsgruppa",
    )
    assert result.exit_code == 0, result.output
    assert 'to: "Leder av samarbeidsgruppa"' in (book / NET / "2026-11-05-referat.md").read_text(
        encoding="utf-8"
    )
    early = invoke(
        "minutes",
        "sent",
        "-H",
        str(book),
        "-n",
        "sentrum",
        "-d",
        "2026-09-10",
        today=dt.date(2026, 9, 1),
    )
    assert early.exit_code == 2 and "før møtet" in early.stderr


# --- tvf network list / show ---------------------------------------------------------------------


def test_network_show_tells_leader_members_meetings_and_items(book: Path) -> None:
    result = invoke("network", "show", "sentrum", "-H", str(book))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Leder: Kari Nordmann, Rektor, Sentrum ungdomsskole (2026-08-01 – 2027-07-31)" in out
    assert "  Helsestasjon og skolehelsetjeneste: Helsesykepleier" in out
    assert "Møter skoleåret 2026–2027 (2 av 3)" in out
    assert "2026-11-05  torsdag  holdt     saksliste, referat (sendt)" in out
    assert "2026-11-01  Oversikt over fritidstilbud (ansvar: Kultur og fritid)  forfalt" in out
    assert "Innspill til neste saksliste (3)" in out
    data = json.loads(invoke("network", "show", "sentrum", "-H", str(book), "-f", "json").stdout)
    assert data["leader"]["term_end"] == "2027-07-31" and not data["leader"]["term_ended"]
    assert [m["date"] for m in data["meetings"]] == ["2026-09-10", "2026-11-05"]
    assert [i["text"] for i in data["open_items"]] == OPEN
    assert len(data["pending_inputs"]) == 3
    assert data["report_to"] == "Tverrfaglig samarbeidsgruppe barn og unge v/ leder"


def test_network_list(book: Path) -> None:
    result = invoke("network", "list", "-H", str(book))
    assert result.exit_code == 0, result.output
    assert "sentrum" in result.stdout and "2 av 3" in result.stdout
    assert "3 (1 forfalt)" in result.stdout
    data = json.loads(invoke("network", "list", "-H", str(book), "-f", "json").stdout)
    assert [n["id"] for n in data] == ["sentrum"]
    unknown = invoke("network", "show", "nord", "-H", str(book))
    assert unknown.exit_code == 2 and "sentrum" in unknown.stderr


def test_network_folder_for_a_network_file_outside_its_own_folder(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "prosedyrer/mandat.md": doc_text(meta("IV.7-15")),
            "nettverk/sentrum.md": doc_text(NETWORK),
        },
    )
    network = get_network(load_handbook(root), "sentrum")
    assert network.folder == "nettverk/sentrum"
    result = invoke("agenda", "add", "-H", str(root), "-n", "sentrum", "Sak")
    assert result.exit_code == 0
    assert (root / "nettverk/sentrum/innspill/2026-11-25-innspill-001.md").exists()


@pytest.mark.slow
def test_installed_tvf_previews_the_bundled_networks_next_agenda(tmp_path: Path) -> None:
    bundled = Path(__file__).resolve().parents[1] / "handbook"
    tvf = Path(sys.executable).parent / "tvf"
    result = subprocess.run(
        [
            str(tvf),
            "agenda",
            "new",
            "--handbook",
            str(bundled),
            "--network",
            "kanebogen",
            "--output",
            "-",
            "--today",
            "2026-11-25",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "date: 2027-01-14" in result.stdout  # the next date in planned_meetings
    assert "Erfaringer fra halloween-kvelden i bydelen" in result.stdout
    assert "Godkjenning av referat fra møtet 17. september 2026" in result.stdout


# --- Issue 14: the network year ----------------------------------------------------------------


def test_action_item_deadlines_as_norwegians_write_them_are_stored_in_iso(book: Path) -> None:
    path = book / NET / "2026-11-05-referat.md"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("(ansvar: Leder, frist: 2027-01-15)", "(ansvar: Leder, frist: 15.1.27)")
        .replace("(ansvar: Skole, frist: 2026-12-01)", "(ansvar: Skole, frist: 01.12.2026)"),
        encoding="utf-8",
    )
    network = get_network(load_handbook(book), "sentrum")
    deadlines = {i.text: i.deadline for i in open_action_items(network)}
    assert deadlines["Invitere elevrådet til et møte"] == dt.date(2027, 1, 15)
    assert deadlines["Kartlegge fravær i 8. trinn"] == dt.date(2026, 12, 1)
    assert "TVF407" not in [f.code for f in run_check(book).findings]
    invoke("agenda", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT)
    invoke("minutes", "new", "-H", str(book), "-n", "sentrum", "-d", NEXT)
    minutes = (book / NET / f"{NEXT}-referat.md").read_text(encoding="utf-8")
    assert "(ansvar: Leder, frist: 2027-01-15)" in minutes
    assert "(ansvar: Skole, frist: 2026-12-01)" in minutes


def year_network(
    tmp_path: Path,
    *,
    term_end: dt.date = dt.date(2027, 7, 31),
    planned: list[object] | None = None,
    docs: dict[str, str] | None = None,
) -> Path:
    """The network of the mandate's year: three planned meetings, a leader for one year."""
    front = {
        **NETWORK,
        "leader": {**NETWORK["leader"], "term_end": term_end},  # type: ignore
        "planned_meetings": planned
        or [dt.date(2026, 9, 10), dt.date(2027, 1, 14), dt.date(2027, 4, 22)],
    }
    return handbook(
        tmp_path / "hb",
        {
            "prosedyrer/mandat.md": doc_text(meta("IV.7-15", title="Mandat")),
            f"{NET}/nettverk.md": doc_text(front, "# Sentrum\n"),
            f"{NET}/2026-09-10-saksliste.md": meeting("agenda", "2026-09-10"),
            f"{NET}/2026-09-10-referat.md": meeting(
                "minutes", "2026-09-10", "# Referat\n", sent=SENT
            ),
            **(docs or {}),
        },
    )


def agenda_text(root: Path, day: str, today: dt.date = TODAY) -> str:
    result = invoke(
        "agenda", "new", "-H", str(root), "-n", "sentrum", "-d", day, "--output", "-", today=today
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_last_agenda_of_a_term_elects_the_next_leader(tmp_path: Path) -> None:
    root = year_network(tmp_path)
    assert "Valg av leder for neste år" not in headings(agenda_text(root, "2027-01-14"))
    april = agenda_text(root, "2027-04-22")
    assert "Valg av leder for neste år" in headings(april)
    assert "Dette er det siste møtet i lederperioden" in april
    assert "Kari Nordmann" in april  # still the leader in April
    shown = invoke("network", "show", "sentrum", "-H", str(root))
    assert (
        "Lederperiode: 2026-08-01 – 2027-07-31; leder for neste år velges på møtet "
        "2027-04-22" in shown.stdout
    )


def test_after_the_term_the_plan_and_agendas_do_not_name_the_old_leader(tmp_path: Path) -> None:
    root = year_network(tmp_path, term_end=dt.date(2026, 12, 31))
    text = agenda_text(root, "2027-01-14", today=dt.date(2027, 1, 5))
    assert "Kari Nordmann, Rektor" not in text and "leder 1. august" not in text
    assert (
        "**Leder:** ikke valgt: lederperioden gikk ut 31. desember 2026, og nettverket må "
        "velge leder for neste år."
    ) in text
    assert "Valg av leder for neste år" in headings(text)
    assert "Lederperioden er ute." in text
    ics = tmp_path / "plan.ics"
    planned = invoke(
        "meetings",
        "plan",
        "-H",
        str(root),
        "-n",
        "sentrum",
        "-y",
        "2026",
        "--ics",
        str(ics),
        today=dt.date(2026, 8, 20),
    )
    assert planned.exit_code == 0, planned.output
    unfolded = ics.read_text(encoding="utf-8").replace("\r\n ", "")
    events = unfolded.split("BEGIN:VEVENT")[1:]
    assert "Leder: Kari Nordmann" in events[0]  # September: her term
    assert all("Kari Nordmann" not in e and "må velges" in e for e in events[1:])


@pytest.mark.parametrize(
    ("first", "day", "expected"),
    [
        ("2026-09-10", "2027-01-14", False),  # a young network: not in January
        ("2026-09-10", "2027-04-22", True),  # the last meeting of the school year
        ("2025-09-11", "2027-01-14", True),  # met for more than a year: overdue, first meeting
    ],
)
def test_the_evaluation_is_on_the_agenda_when_it_is_due(
    tmp_path: Path, first: str, day: str, expected: bool
) -> None:
    docs = (
        {}
        if first == "2026-09-10"
        else {f"{NET}/{first}-referat.md": meeting("minutes", first, "# Referat\n", sent=SENT)}
    )
    root = year_network(tmp_path, docs=docs)
    text = agenda_text(root, day)
    assert ("Årlig evaluering av nettverkets arbeid" in headings(text)) is expected
    assert ("evaluation: true" in text) is expected


def test_a_ticked_or_decided_invitation_counts_and_is_shown_once(tmp_path: Path) -> None:
    body = (
        "# Referat\n\n- [x] Invitere elevrådet til januarmøtet (ansvar: Leder, frist: 2026-12-01)\n"
    )
    root = year_network(
        tmp_path,
        docs={
            f"{NET}/2026-09-10-referat.md": meeting(
                "minutes", "2026-09-10", body.replace("[x]", "[ ]"), sent=SENT
            ),
            f"{NET}/2026-11-05-saksliste.md": meeting("agenda", "2026-11-05"),
            f"{NET}/2026-11-05-referat.md": meeting("minutes", "2026-11-05", body, sent=SENT),
        },
    )
    assert "Invitasjon av brukerrepresentanter" not in headings(agenda_text(root, "2027-01-14"))
    data = json.loads(invoke("network", "show", "sentrum", "-H", str(root), "-f", "json").stdout)
    assert data["user_representatives"] == [
        {
            "date": "2026-11-05",
            "names": ["Invitere elevrådet til januarmøtet"],
            "kinds": ["invited"],
        }
    ]
    shown = invoke("network", "show", "sentrum", "-H", str(root)).stdout
    assert shown.count("Invitere elevrådet til januarmøtet") == 1
    assert "(invitert)" in shown


def test_minutes_stand_alone_with_who_came_and_the_next_meeting(tmp_path: Path) -> None:
    planned = [
        dt.date(2026, 9, 10),
        {"date": dt.date(2027, 1, 14), "time": "12.00–14.00", "place": "Sentrum skole"},
        {"date": dt.date(2027, 4, 22), "time": "09.00–11.00", "place": "Biblioteket"},
    ]
    root = year_network(tmp_path, planned=planned)
    assert run_check(root).errors == 0
    agenda = agenda_text(root, "2027-01-14")
    assert "- **Tid:** 12.00–14.00\n- **Sted:** Sentrum skole\n" in agenda
    assert "Runde fra tjenestene" in headings(agenda)
    invoke(
        "agenda",
        "new",
        "-H",
        str(root),
        "-n",
        "sentrum",
        "-d",
        "2027-01-14",
        "--invite",
        "Elevrådet",
    )
    result = invoke("minutes", "new", "-H", str(root), "-n", "sentrum", "-d", "2027-01-14")
    assert result.exit_code == 0, result.output
    text = (root / NET / "2027-01-14-referat.md").read_text(encoding="utf-8")
    assert (
        "**Til stede:** Skole: Kari Nordmann; Helsestasjon og skolehelsetjeneste: "
        "Helsesykepleier; PPT"
    ) in text
    assert "**Forfall:**" in text
    assert "**Neste møte:** torsdag 22. april 2027, 09.00–11.00, Biblioteket" in text
    assert "- **Tid:** 12.00–14.00\n- **Sted:** Sentrum skole\n" in text
    assert "## 2. Runde fra tjenestene" in text or "## 3. Runde fra tjenestene" in text
    bad = year_network(tmp_path / "bad", planned=[{"date": "snart", "sted": "x"}])
    assert "TVF003" in [f.code for f in run_check(bad).findings]


def test_minutes_sent_ticks_the_leaders_own_send_the_minutes_item(tmp_path: Path) -> None:
    body = (
        "# Referat\n\n- [ ] Sende referatet til samarbeidsgruppa (ansvar: Leder, "
        "frist: 2026-09-24)\n- [ ] Sende ut årshjulet (ansvar: Leder, frist: 2026-10-01)\n"
        "- [ ] Sende referatet videre til rektorene (ansvar: Skole, frist: 2026-10-01)\n"
    )
    root = year_network(
        tmp_path, docs={f"{NET}/2026-09-10-referat.md": meeting("minutes", "2026-09-10", body)}
    )
    path = root / NET / "2026-09-10-referat.md"
    before = path.read_bytes()
    result = invoke("minutes", "sent", "-H", str(root), "-n", "sentrum", today=dt.date(2026, 9, 12))
    assert result.exit_code == 0, result.output
    assert "Krysset av «Sende referatet til samarbeidsgruppa» (ansvar: Leder)" in result.stdout
    after = path.read_bytes()
    assert b"- [x] Sende referatet til samarbeidsgruppa" in after
    assert b"- [ ] Sende ut \xc3\xa5rshjulet" in after  # not about the minutes
    assert b"- [ ] Sende referatet videre til rektorene (ansvar: Skole" in after  # not the leader's
    assert (
        after.replace(b"- [x] Sende referatet til", b"- [ ] Sende referatet til")
        == before[: before.index(b"\n---\n", 4) + 1]
        + after[before.index(b"\n---\n", 4) + 1 :].split(b"---\n", 1)[0]
        + b"---\n"
        + before[before.index(b"\n---\n", 4) + 5 :]
    )
    network = get_network(load_handbook(root), "sentrum")
    assert [i.text for i in open_action_items(network)] == [
        "Sende referatet videre til rektorene",
        "Sende ut årshjulet",
    ]


# --- report_to: the network's own recipient wins over the handbook's (issue 15) -----------------


def test_a_networks_report_to_wins_over_the_handbook_recipient(tmp_path: Path) -> None:
    toml = TVF_TOML + '\n[minutes]\nrecipient = "Samarbeidsgruppa for hele kommunen"\n'
    root = handbook(
        tmp_path / "hb",
        {
            "prosedyrer/mandat.md": doc_text(meta("IV.7-15")),
            f"{NET}/nettverk.md": doc_text({**NETWORK, "report_to": "Rektor i Sentrum"}),
            f"{NET}/2026-11-05-referat.md": meeting("minutes", "2026-11-05"),
        },
        toml,
    )
    data = json.loads(invoke("network", "show", "sentrum", "-H", str(root), "-f", "json").stdout)
    assert data["report_to"] == "Rektor i Sentrum"
    shown = invoke("network", "show", "sentrum", "-H", str(root))
    assert "Referat sendes til: Rektor i Sentrum" in shown.stdout
    minutes = invoke(
        "minutes", "new", "-H", str(root), "-n", "sentrum", "-d", "2026-11-05", "-o", "-"
    )
    assert "Samarbeidsgruppa for hele kommunen" not in minutes.stdout
    sent = invoke("minutes", "sent", "-H", str(root), "-n", "sentrum", "-d", "2026-11-05")
    assert sent.exit_code == 0, sent.output
    assert 'to: "Rektor i Sentrum"' in (root / NET / "2026-11-05-referat.md").read_text(
        encoding="utf-8"
    )
    # Without report_to the handbook's recipient is used.
    (root / NET / "nettverk.md").write_text(doc_text(NETWORK), encoding="utf-8")
    data = json.loads(invoke("network", "show", "sentrum", "-H", str(root), "-f", "json").stdout)
    assert data["report_to"] == "Samarbeidsgruppa for hele kommunen"
