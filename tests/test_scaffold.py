"""tvf init and tvf new: valid results, next free IDs, prompts, and nothing overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.findings import Severity

from helpers import TODAY, doc_text, handbook, meta, run_check

runner = CliRunner()
ANSWERS = ("--recipient", "Oppvekstledelsen v/ leder", "--approving-body", "Oppvekstutvalget")


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [*args, "--today", TODAY.isoformat()], input=input)


def test_init_makes_a_valid_handbook_and_a_git_repository(tmp_path: Path) -> None:
    root = tmp_path / "ny"
    result = invoke("init", str(root), "--municipality", "Testby kommune", *ANSWERS)
    assert result.exit_code == 0, result.output
    assert (root / ".git").is_dir()
    for name in (
        "tvf.toml",
        "laws.yaml",
        "README.md",
        "templates/README.md",
        "nettverk/eksempel/nettverk.md",
    ):
        assert (root / name).is_file(), name
    for folder in ("prosedyrer", "vedlegg", "tiltak", "planer", "nettverk"):
        assert (root / folder).is_dir()
    assert "Testby kommune" in (root / "tvf.toml").read_text(encoding="utf-8")
    assert (root / ".gitignore").read_text(encoding="utf-8") == ".tvf-cache/\n"
    report = run_check(root)
    assert report.errors == 0, report.findings
    assert report.documents == 3


def test_init_inside_a_repository_makes_no_new_one(git_repo: Path) -> None:
    result = invoke(
        "init", str(git_repo / "handbook"), "--municipality", "Testby kommune", *ANSWERS
    )
    assert result.exit_code == 0
    assert not (git_repo / "handbook" / ".git").exists()
    assert "git-repo" not in result.output


def test_init_refuses_an_existing_handbook_and_existing_files(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb")
    before = (root / "tvf.toml").read_bytes()
    result = invoke("init", str(root), "--municipality", "X", *ANSWERS)
    assert result.exit_code == 2
    assert "finnes allerede en håndbok" in result.stderr
    assert (root / "tvf.toml").read_bytes() == before
    other = tmp_path / "annen"
    (other / "prosedyrer").mkdir(parents=True)
    (other / "README.md").write_text("min egen\n", encoding="utf-8")
    result = invoke("init", str(other), "--municipality", "X", *ANSWERS)
    assert result.exit_code == 2
    assert "README.md" in result.stderr
    assert (other / "README.md").read_text(encoding="utf-8") == "min egen\n"
    assert not (other / "tvf.toml").exists()


def test_init_requires_the_municipality(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert not (tmp_path / "x").exists()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return handbook(
        tmp_path / "hb",
        {
            "prosedyrer/a.md": doc_text(meta("IV.7-14")),
            "prosedyrer/b.md": doc_text(meta("IV.7-2")),
            "tiltak/v22.md": doc_text(meta("IV.7.1-30", type="measure", code="V22")),
            "tiltak/v23.md": doc_text(meta("IV.7.1-36", type="measure", code="V23")),
        },
    )


def test_new_procedure_gets_the_next_free_id_in_its_chapter(book: Path) -> None:
    result = invoke(
        "new",
        "procedure",
        "-H",
        str(book),
        "--chapter",
        "IV.7",
        "--title",
        "Samarbeid: skole og «barnevern»",
        "--owner",
        "Oppvekst",
        "--no-input",
    )
    assert result.exit_code == 0, result.output
    path = book / "prosedyrer" / "iv-7-15-samarbeid-skole-og-barnevern.md"
    assert str(path) in result.output
    report = run_check(book)
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []
    listed = runner.invoke(app, ["list", "-H", str(book), "-f", "json"])
    titles = {d["id"]: d["title"] for d in json.loads(listed.stdout)}
    assert titles["IV.7-15"] == "Samarbeid: skole og «barnevern»"


def test_new_measure_gets_the_next_code_and_the_usual_chapter(book: Path) -> None:
    result = invoke(
        "new", "measure", "-H", str(book), "--title", "Ny klubb", "--owner", "Kultur", "--no-input"
    )
    assert result.exit_code == 0, result.output
    assert "IV.7.1-37 (V24)" in result.output
    assert run_check(book).errors == 0


def test_new_asks_for_what_is_missing(book: Path) -> None:
    result = invoke("new", "attachment", "-H", str(book), input="IV.9\nSkjema\nPPT\n")
    assert result.exit_code == 0, result.output
    assert (book / "vedlegg" / "iv-9-1-skjema.md").is_file()


def test_new_without_input_names_what_is_missing(book: Path) -> None:
    result = invoke("new", "procedure", "-H", str(book), "--chapter", "IV.7", "--no-input")
    assert result.exit_code == 2
    assert "--title" in result.stderr


def test_new_refuses_a_used_id_and_a_bad_chapter(book: Path) -> None:
    result = invoke(
        "new",
        "procedure",
        "-H",
        str(book),
        "--id",
        "IV.7-2",
        "--title",
        "T",
        "--owner",
        "O",
        "--no-input",
    )
    assert result.exit_code == 2
    assert "allerede i bruk" in result.stderr
    result = invoke(
        "new",
        "procedure",
        "-H",
        str(book),
        "--chapter",
        "7",
        "--title",
        "T",
        "--owner",
        "O",
        "--no-input",
    )
    assert result.exit_code == 2


def test_new_dry_run_writes_nothing(book: Path) -> None:
    before = sorted(p.name for p in book.rglob("*"))
    result = invoke(
        "new",
        "plan",
        "-H",
        str(book),
        "--chapter",
        "I.5",
        "--title",
        "Plan",
        "--owner",
        "O",
        "--no-input",
        "--dry-run",
    )
    assert result.exit_code == 0
    assert result.stdout.startswith('---\nid: "I.5-1"')
    assert sorted(p.name for p in book.rglob("*")) == before


def test_new_network(book: Path) -> None:
    result = invoke(
        "new",
        "network",
        "-H",
        str(book),
        "--slug",
        "sentrum",
        "--title",
        "Sentrum",
        "--leader-name",
        "Kari Nordmann",
        "--leader-role",
        "Rektor",
        "--mandate",
        "IV.7-2",
        "--no-input",
    )
    assert result.exit_code == 0, result.output
    assert (book / "nettverk" / "sentrum" / "nettverk.md").is_file()
    assert run_check(book).errors == 0
    again = invoke(
        "new",
        "network",
        "-H",
        str(book),
        "--slug",
        "sentrum",
        "--title",
        "S",
        "--leader-name",
        "K",
        "--leader-role",
        "R",
        "--no-input",
    )
    assert again.exit_code == 2


def test_a_handbook_template_overrides_the_bundled_one(book: Path) -> None:
    (book / "templates" / "new").mkdir(parents=True)
    (book / "templates" / "new" / "document.md.j2").write_text(
        "---\nid: {{ id | yaml }}\ntitle: {{ title | yaml }}\ntype: {{ type }}\n"
        'status: draft\nversion: "0.1"\nowner: {{ owner | yaml }}\n---\nEgen mal.\n',
        encoding="utf-8",
    )
    result = invoke(
        "new",
        "procedure",
        "-H",
        str(book),
        "--chapter",
        "IV.7",
        "--title",
        "T",
        "--owner",
        "O",
        "--no-input",
        "--dry-run",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("Egen mal.\n")


def test_a_broken_handbook_template_is_a_clear_error(book: Path) -> None:
    (book / "templates" / "new").mkdir(parents=True)
    (book / "templates" / "new" / "document.md.j2").write_text(
        "---\nid: {{ id }}\n{{ finnes_ikke }}\n---\n", encoding="utf-8"
    )
    result = invoke(
        "new",
        "procedure",
        "-H",
        str(book),
        "--chapter",
        "IV.7",
        "--title",
        "T",
        "--owner",
        "O",
        "--no-input",
    )
    assert result.exit_code == 2
    assert "document.md.j2" in result.stderr and "linje 3" in result.stderr
    assert not list((book / "prosedyrer").glob("iv-7-15*"))


def test_init_leaves_an_existing_gitignore_as_it_is(tmp_path: Path) -> None:
    root = tmp_path / "ny"
    root.mkdir()
    (root / ".gitignore").write_text("min/\n", encoding="utf-8")
    result = invoke(
        "init",
        str(root),
        "--municipality",
        "Testby kommune",
        "--no-git",
        "--recipient",
        "Oppvekstledelsen",
        "--approving-body",
        "Oppvekstutvalget",
    )
    assert result.exit_code == 0, result.output
    assert (root / ".gitignore").read_text(encoding="utf-8") == "min/\n"


@pytest.mark.parametrize(
    ("norwegian", "english"),
    [("prosedyre", "procedure"), ("vedlegg", "attachment"), ("tiltak", "measure")],
)
def test_new_takes_the_norwegian_type_names(book: Path, norwegian: str, english: str) -> None:
    args = [
        "-H",
        str(book),
        "--chapter",
        "IV.7",
        "--title",
        "Ny",
        "--owner",
        "O",
        "--no-input",
        "--dry-run",
    ]
    no = invoke("new", norwegian, *args)
    assert no.exit_code == 0, no.output
    assert no.stdout == invoke("new", english, *args).stdout
    assert f"type: {english}" in no.stdout


def test_new_nettverk_makes_a_network(book: Path) -> None:
    result = invoke(
        "new",
        "nettverk",
        "-H",
        str(book),
        "--slug",
        "sentrum",
        "--title",
        "Sentrum",
        "--leader-name",
        "Kari Nordmann",
        "--leader-role",
        "Rektor",
        "--no-input",
    )
    assert result.exit_code == 0, result.output
    assert (book / "nettverk" / "sentrum" / "nettverk.md").is_file()


# --- Issue 14: tvf init asks, and a new handbook is clean ----------------------------------------


def test_init_asks_for_the_minutes_recipient_and_the_approving_body(tmp_path: Path) -> None:
    root = tmp_path / "ny"
    result = invoke(
        "init",
        str(root),
        "--municipality",
        "Testby kommune",
        "--no-git",
        input="Oppvekstledelsen v/ leder\nOppvekstutvalget\n",
    )
    assert result.exit_code == 0, result.output
    assert "Hvem skal nettverkenes referater sendes til" in result.output
    assert "Hvilket organ godkjenner dokumentene" in result.output
    toml = (root / "tvf.toml").read_text(encoding="utf-8")
    assert 'recipient = "Oppvekstledelsen v/ leder"' in toml
    assert 'approving_body = "Oppvekstutvalget"' in toml
    assert "Tverrfaglig samarbeidsgruppe" not in toml and "Harstad" not in toml
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "## Godkjenning av dokumenter" in readme and "tvf stamp" in readme
    assert "Dokumentene godkjennes av Oppvekstutvalget" in readme
    assert "## Slik jobber nettverkene" in readme and "tvf minutes sent" in readme
    assert "Referatene sendes til Oppvekstledelsen v/ leder." in readme


def test_init_without_input_names_what_is_missing(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "ny"), "--municipality", "Testby kommune", "--no-input")
    assert result.exit_code == 2 and "--recipient" in result.stderr
    assert not (tmp_path / "ny").exists()


@pytest.mark.parametrize("day", ["2026-08-01", "2026-11-25", "2027-03-15", "2027-06-10"])
def test_a_new_handbook_passes_check_strict_any_day_of_the_year(tmp_path: Path, day: str) -> None:
    root = tmp_path / "ny"
    made = runner.invoke(
        app,
        [
            "init",
            str(root),
            "--municipality",
            "Testby kommune",
            "--no-git",
            *ANSWERS,
            "--today",
            day,
        ],
    )
    assert made.exit_code == 0, made.output
    checked = runner.invoke(app, ["check", "--strict", "-H", str(root), "--today", day])
    assert checked.exit_code == 0, checked.output
    network = (root / "nettverk/eksempel/nettverk.md").read_text(encoding="utf-8")
    planned = network.split("planned_meetings: [", 1)[1].split("]", 1)[0].split(", ")
    assert all(date > day for date in planned)
    # Stamping a document of the new handbook is approved by the body it names.
    stamped = runner.invoke(app, ["stamp", "I.1-1", "-H", str(root), "--today", day, "--yes"])
    assert stamped.exit_code == 0, stamped.output
    assert "godkjent av Oppvekstutvalget" in stamped.stdout
