"""Tests for tvf outdated: what is out of date, in order, once, in every format.

The handbook lives in a real git repository in tmp_path whose commits have set dates
(GIT_AUTHOR_DATE / GIT_COMMITTER_DATE), so the documents' last-changed dates are known.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig import outdated as outdated_module
from tverrfaglig import vcs
from tverrfaglig.checks import check
from tverrfaglig.cli import app
from tverrfaglig.config import load_config
from tverrfaglig.handbook import load_handbook
from tverrfaglig.outdated import SHALLOW_NOTE, OutdatedReport, outdated
from tverrfaglig.render.outdated import render_json, render_markdown
from tverrfaglig.revisions import fingerprint

from helpers import TODAY, build_tree, doc_text, handbook, meta, valid_number

runner = CliRunner()

NETWORK = doc_text(
    {
        "type": "network",
        "id": "sentrum",
        "title": "Nettverk Sentrum",
        "leader": {
            "name": "Kari Nordmann",
            "role": "Rektor",
            "term_start": dt.date(2026, 8, 1),
            "term_end": dt.date(2027, 7, 31),
        },
        "members": [{"service": "Skole", "name": "Kari Nordmann"}, {"service": "PPT"}],
        "planned_meetings": [dt.date(2026, 9, 10), dt.date(2026, 11, 5), dt.date(2027, 3, 4)],
        "mandate": "IV.7-6",
    },
    "# Nettverk Sentrum\n",
)
MINUTES = doc_text(
    {
        "type": "minutes",
        "network": "sentrum",
        "date": dt.date(2026, 9, 10),
        "title": "Referat 10. september",
        "sent": {"date": dt.date(2026, 9, 12), "to": "Samarbeidsgruppa"},
    },
    "# Referat\n\n- [ ] Kartlegge fravær (ansvar: Skole, frist: 2026-10-01)\n"
    "- [ ] Planlegge foreldremøte (ansvar: PPT, frist: 2026-12-10)\n"
    "- [x] Invitere elevrådet (ansvar: Leder, frist: 2026-09-20)\n",
)
AGENDA = doc_text(
    {
        "type": "agenda",
        "network": "sentrum",
        "date": dt.date(2026, 11, 5),
        "title": "Saksliste 5. november",
    },
    "## 1. Godkjenning\n",
)


def changed_document() -> str:
    """An approved document whose body changed after it was stamped (TVF302)."""
    front = meta("IV.7-8", title="Endret", valid_from=dt.date(2026, 3, 1))
    front["fingerprint"] = fingerprint(front, "Godkjent tekst.\n")
    return doc_text(front, "Godkjent tekst, og en endring ingen har godkjent.\n")


# Committed 2023-05-01 and never again: stale by git and by its front matter.
OLD_FILES = {
    "prosedyrer/stale.md": doc_text(meta("IV.7-7", title="Gammel", valid_from=dt.date(2023, 5, 1))),
}
# valid_from long ago, but edited in git on 2026-09-01: stale only by the front-matter dates.
EDITED_V1 = doc_text(meta("IV.7-10", title="Redigert", valid_from=dt.date(2024, 1, 1)), "Før.\n")
EDITED_V2 = doc_text(meta("IV.7-10", title="Redigert", valid_from=dt.date(2024, 1, 1)), "Nå.\n")
FILES = {
    "prosedyrer/overdue.md": doc_text(
        meta("IV.7-1", title="Forfalt", review_by=dt.date(2026, 6, 1))
    ),
    "prosedyrer/overdue2.md": doc_text(
        meta("IV.7-3", title="Forfalt igjen", review_by=dt.date(2026, 10, 15))
    ),
    "prosedyrer/due.md": doc_text(meta("IV.7-2", title="Snart", review_by=dt.date(2027, 1, 10))),
    "prosedyrer/later.md": doc_text(meta("IV.7-11", title="Senere", review_by=dt.date(2027, 6, 1))),
    "prosedyrer/repealed.md": doc_text(
        meta("IV.7-4", title="Opphevet", legal_basis=["barnevernloven § 3-2"]),
        "Se også barnevernloven § 4-4 om tiltak.\n",
    ),
    "prosedyrer/suspect.md": doc_text(meta("IV.7-5", title="Mistenkelig", references=["IV.7-6"])),
    "prosedyrer/target.md": doc_text(
        meta("IV.7-6", title="Mandat", valid_from=dt.date(2026, 6, 1))
    ),
    "prosedyrer/retired.md": doc_text(meta("IV.7-9", title="Utgått", status="retired")),
    "prosedyrer/refs-retired.md": doc_text(
        meta("IV.7-12", title="Viser til utgått", references=["IV.7-9"])
    ),
    "prosedyrer/changed.md": changed_document(),
    "nettverk/sentrum/nettverk.md": NETWORK,
    "nettverk/sentrum/2026-09-10-referat.md": MINUTES,
    "nettverk/sentrum/2026-11-05-saksliste.md": AGENDA,
}
# (kind, path) most urgent first: overdue by days overdue, due soon by days left, the rest by
# kind.
EXPECTED = [
    ("review_overdue", "prosedyrer/overdue.md"),  # 177 days
    ("action_item_overdue", "nettverk/sentrum/2026-09-10-referat.md"),  # 55 days
    ("review_overdue", "prosedyrer/overdue2.md"),  # 41 days
    ("changed_unapproved", "prosedyrer/changed.md"),  # changed 2026-11-01: 24 days
    ("minutes_missing", "nettverk/sentrum/2026-11-05-saksliste.md"),  # 20 days
    ("action_item_due", "nettverk/sentrum/2026-09-10-referat.md"),  # in 15 days
    ("review_due", "prosedyrer/due.md"),  # in 46 days
    ("repealed_law", "prosedyrer/repealed.md"),
    ("suspect_reference", "prosedyrer/suspect.md"),
    ("retired_reference", "prosedyrer/refs-retired.md"),
    ("stale", "prosedyrer/stale.md"),
]
TITLES = [
    "Forfalt",
    "Kartlegge fravær",
    "Forfalt igjen",
    "Endret",
    "Saksliste 5. november",
    "Planlegge foreldremøte",
    "Snart",
    "Opphevet",
    "Mistenkelig",
    "Viser til utgått",
    "Gammel",
]


def commit(repo: Path, message: str, date: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{date}T12:00:00+01:00",
        "GIT_COMMITTER_DATE": f"{date}T12:00:00+01:00",
    }
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@pytest.fixture
def book(git_repo: Path) -> Path:
    """A handbook in the sub-folder hb/ of a git repository with three dated commits."""
    root = handbook(git_repo / "hb", {**OLD_FILES, "prosedyrer/edited.md": EDITED_V1})
    commit(git_repo, "Første versjon", "2023-05-01")
    changed = FILES["prosedyrer/changed.md"]
    approved = changed.replace(
        "Godkjent tekst, og en endring ingen har godkjent.", "Godkjent tekst."
    )
    build_tree(
        root, {**FILES, "prosedyrer/changed.md": approved, "prosedyrer/edited.md": EDITED_V2}
    )
    commit(git_repo, "Legg inn rutinene og nettverket", "2026-09-01")
    build_tree(root, {"prosedyrer/changed.md": changed})
    commit(git_repo, "Endre teksten uten godkjenning", "2026-11-01")
    return root


def kinds_and_paths(report: OutdatedReport) -> list[tuple[str, str]]:
    return [(item.kind, item.path) for item in report.items]


# --- The library ---------------------------------------------------------------------------------


def test_lists_each_item_once_most_urgent_first(book: Path) -> None:
    report = outdated(book, today=TODAY)
    assert kinds_and_paths(report) == EXPECTED
    assert [item.title for item in report.items] == TITLES
    assert report.git == "ok" and report.notes == ()
    assert report.exit_code == 1
    assert (report.count("overdue"), report.count("due"), report.count("notice")) == (5, 2, 4)


def test_items_carry_dates_owners_and_codes(book: Path) -> None:
    items = {(i.kind, i.path): i for i in outdated(book, today=TODAY).items}
    review = items[("review_overdue", "prosedyrer/overdue.md")]
    assert (review.due, review.days_overdue, review.code) == (dt.date(2026, 6, 1), 177, "TVF301")
    assert (review.id, review.owner) == ("IV.7-1", "Enhet for oppvekst")
    assert review.line == 10  # the review_by line
    due = items[("review_due", "prosedyrer/due.md")]
    assert (due.due, due.days_left, due.code) == (dt.date(2027, 1, 10), 46, None)
    action = items[("action_item_overdue", "nettverk/sentrum/2026-09-10-referat.md")]
    assert (action.due, action.days_overdue, action.code) == (dt.date(2026, 10, 1), 55, "TVF404")
    assert action.owner == "Skole"  # whoever the item names (ansvar), not the leader
    assert (action.id, action.network) == ("sentrum", "sentrum")
    assert "ansvar: Skole" in action.message
    missing = items[("minutes_missing", "nettverk/sentrum/2026-11-05-saksliste.md")]
    assert (missing.due, missing.days_overdue, missing.code) == (dt.date(2026, 11, 5), 20, "TVF403")
    changed = items[("changed_unapproved", "prosedyrer/changed.md")]
    assert (changed.last_changed, changed.days_overdue, changed.last_changed_by) == (
        dt.date(2026, 11, 1),
        24,
        "Test Koordinator",
    )
    repealed = items[("repealed_law", "prosedyrer/repealed.md")]
    # Two citations of the repealed law, one item; the message names the replacement.
    assert repealed.message.count("LOV-2021-06-18-97") == 2
    assert "erstattet av Lov om barnevern (barnevernsloven)" in repealed.message
    stale = items[("stale", "prosedyrer/stale.md")]
    assert (stale.last_changed, stale.last_changed_source) == (dt.date(2023, 5, 1), "git")
    assert stale.age_days == (TODAY - dt.date(2023, 5, 1)).days
    assert "42 måneder" in stale.message and "Test Koordinator" in stale.message


def test_window_and_stale_months_are_options(book: Path) -> None:
    wide = outdated(book, today=TODAY, within_days=365, stale_months=60)
    paths = kinds_and_paths(wide)
    assert ("review_due", "prosedyrer/later.md") in paths
    assert not any(kind == "stale" for kind, _ in paths)
    narrow = outdated(book, today=TODAY, within_days=0, stale_months=1)
    assert not any(item.urgency == "due" for item in narrow.items)
    stale = {path for kind, path in kinds_and_paths(narrow) if kind == "stale"}
    assert "prosedyrer/edited.md" in stale  # changed 2026-09-01, more than a month ago
    assert "prosedyrer/retired.md" not in stale  # retired documents are not maintained


def test_nothing_overdue_means_exit_status_zero(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb", {"a.md": doc_text(meta("IV.7-2", review_by=dt.date(2027, 1, 1)))}
    )
    report = outdated(root, today=TODAY)
    assert [item.kind for item in report.items] == ["review_due"]
    assert report.exit_code == 0


def test_findings_are_those_of_tvf_check_in_one_or_more_processes(book: Path) -> None:
    """outdated runs the checks itself (to read each file once); it must find what check does."""
    expected = check(load_handbook(book), today=TODAY).findings
    config = load_config(book)
    for jobs in (1, 2):
        scan, extra = outdated_module._scan(book, config, TODAY, jobs, lambda: "git")
        assert scan.report.findings == expected
        assert extra == "git"


def test_git_is_asked_once_for_the_whole_handbook(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []
    real = vcs.last_changes

    def counting(root: Path) -> dict[str, vcs.Change]:
        calls.append(root)
        return real(root)

    def per_file(path: Path) -> vcs.FileHistory:  # pragma: no cover - must not be called
        raise AssertionError("git per file")

    monkeypatch.setattr(vcs, "last_changes", counting)
    monkeypatch.setattr(vcs, "file_history", per_file)
    outdated(book, today=TODAY)
    assert calls == [book]


# --- Shallow clones and handbooks outside git ----------------------------------------------------


def test_shallow_clone_says_so_and_falls_back_to_front_matter(book: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", f"file://{book.parent}", str(clone)],
        check=True,
        capture_output=True,
    )
    report = outdated(clone / "hb", today=TODAY)
    assert report.git == "shallow"
    assert report.notes[0] == SHALLOW_NOTE
    stale = {i.path: i for i in report.items if i.kind == "stale"}
    # edited.md changed in git in 2026, but the clone cannot know: its valid_from (2024) counts.
    assert set(stale) == {"prosedyrer/stale.md", "prosedyrer/edited.md"}
    assert {i.last_changed_source for i in stale.values()} == {"front_matter"}
    assert stale["prosedyrer/edited.md"].last_changed == dt.date(2024, 1, 1)
    assert "siste datoen i front matter er 2024-01-01" in stale["prosedyrer/edited.md"].message
    changed = next(i for i in report.items if i.kind == "changed_unapproved")
    assert changed.last_changed is None and changed.days_overdue is None
    # the note is in every format
    assert "grunn klone" in render_markdown(report)
    assert json.loads(render_json(report))["notes"] == [SHALLOW_NOTE]
    assert json.loads(render_json(report))["git"] == "shallow"
    result = runner.invoke(
        app, ["outdated", "--handbook", str(clone / "hb"), "--today", TODAY.isoformat()]
    )
    assert "grunn klone (shallow)" in result.output
    csv_run = runner.invoke(
        app,
        [
            "outdated",
            "--handbook",
            str(clone / "hb"),
            "--format",
            "csv",
            "--today",
            TODAY.isoformat(),
        ],
    )
    assert "front_matter" in csv_run.stdout  # the source of each date is a column
    assert csv_run.stderr == f"Merk: {SHALLOW_NOTE}\n"  # and the note goes to stderr
    assert list(csv.DictReader(io.StringIO(csv_run.stdout)))  # the CSV stays valid
    assert "grunn klone" in render_markdown(report, by_owner=True)


def test_outside_git_the_front_matter_dates_are_used(book: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kopi"
    shutil.copytree(book, copy)
    report = outdated(copy, today=TODAY)
    assert report.git == "no-repository"
    assert "ikke i et git-repo" in report.notes[0]
    assert {i.path for i in report.items if i.kind == "stale"} == {
        "prosedyrer/stale.md",
        "prosedyrer/edited.md",
    }


def test_uncommitted_documents_use_their_front_matter_and_are_noted(book: Path) -> None:
    build_tree(
        book,
        {
            "prosedyrer/new.md": doc_text(
                meta("IV.7-20", title="Ny", valid_from=dt.date(2020, 1, 1))
            )
        },
    )
    report = outdated(book, today=TODAY)
    assert report.git == "ok"
    assert report.notes == (
        "1 dokument er ikke committet i git; for dem er «sist endret» hentet fra front matter.",
    )
    new = next(i for i in report.items if i.path == "prosedyrer/new.md")
    assert (new.kind, new.last_changed_source) == ("stale", "front_matter")


# --- Formats --------------------------------------------------------------------------------------


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["outdated", "--handbook", str(root), "--today", TODAY.isoformat(), *args]
    )
    return result.exit_code, result.output


def test_json_format(book: Path) -> None:
    status, out = cli(book, "--format", "json")
    assert status == 1
    data = json.loads(out)
    assert [(i["kind"], i["path"]) for i in data["items"]] == EXPECTED
    assert data["summary"] == {"overdue": 5, "due": 2, "notice": 4}
    first = data["items"][0]
    assert first["urgency"] == "overdue" and first["code"] == "TVF301"
    assert first["due"] == "2026-06-01" and first["days_overdue"] == 177
    assert set(first) >= {
        "kind",
        "urgency",
        "due",
        "path",
        "id",
        "title",
        "owner",
        "message",
        "code",
        "age_days",
        "last_changed",
    }


def test_csv_format(book: Path) -> None:
    status, out = cli(book, "--format", "csv")
    assert status == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["kind"], r["path"]) for r in rows] == EXPECTED
    assert rows[0]["due"] == "2026-06-01" and rows[0]["owner"] == "Enhet for oppvekst"
    assert out.splitlines()[0].startswith("urgency,kind,label,code,due")


def test_markdown_format(book: Path) -> None:
    status, out = cli(book, "--format", "markdown")
    assert status == 1
    assert out.startswith("# Utdatert i håndboka – Testby kommune\n")
    locations = re.findall(r"\(`([^`:]+)(?::\d+)?`\)", out)
    assert [(loc) for loc in locations] == [path for _, path in EXPECTED]
    assert "## Forfalt (5)" in out and "## Forfaller snart (2)" in out
    assert "## Bør følges opp (4)" in out
    assert "**Oppsummering:** 5 forfalt, 2 forfaller snart, 4 bør følges opp." in out


def test_table_format(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # no title is wrapped
    status, out = cli(book)
    assert status == 1
    positions = [out.find(f"«{title}»") for title in TITLES]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    lines = out.splitlines()
    rows = [
        lines[n + 1].split("│")[1].strip()
        for n, line in enumerate(lines)
        if line.startswith(("┡", "├"))
    ]
    assert rows == ["forfalt"] * 5 + ["forfaller snart"] * 2 + ["bør følges opp"] * 4
    assert "✖ 5 forfalt, 2 forfaller snart, 4 bør følges opp (15 dokumenter)." in out


def test_a_long_report_is_listed_not_tabulated(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tverrfaglig.render import outdated as render_outdated

    monkeypatch.setattr(render_outdated, "TABLE_LIMIT", 3)
    status, out = cli(book)
    assert status == 1
    assert "11 punkter er for mange for en tabell" in out
    positions = [out.find(f"«{title}»") for title in TITLES]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


def test_by_owner_gives_each_owner_one_list(book: Path) -> None:
    _, out = cli(book, "--by", "owner", "--format", "json")
    groups = json.loads(out)["by_owner"]
    owners = [g["owner"] for g in groups]
    # Action items go to whoever they name (ansvar); the meeting's own business to the leader.
    assert owners == ["Enhet for oppvekst", "PPT", "Rektor (Kari Nordmann)", "Skole"]
    leader = [(i["kind"], i["path"]) for i in groups[2]["items"]]
    assert leader == [("minutes_missing", "nettverk/sentrum/2026-11-05-saksliste.md")]
    assert [i["kind"] for i in groups[3]["items"]] == ["action_item_overdue"]
    assert sum(len(g["items"]) for g in groups) == len(EXPECTED)

    _, markdown = cli(book, "--by", "owner", "--format", "markdown")
    assert markdown.count("## Enhet for oppvekst (8)") == 1
    assert markdown.count("## Rektor (Kari Nordmann) (1)") == 1
    assert cli(book, "--by", "ansvarlig", "--format", "markdown")[1] == markdown
    _, table = cli(book, "--by", "owner")
    assert table.count("Enhet for oppvekst (8)") == 1
    _, rows = cli(book, "--by", "owner", "--format", "csv")
    owners_in_rows = [r["owner"] for r in csv.DictReader(io.StringIO(rows))]
    assert owners_in_rows == sorted(owners_in_rows)


# --- Errors ---------------------------------------------------------------------------------------


def test_bad_options_exit_2(book: Path, tmp_path: Path) -> None:
    assert cli(book, "--within", "-1")[0] == 2
    assert cli(book, "--stale-months", "0")[0] == 2
    assert cli(book, "--format", "pdf")[0] == 2
    result = runner.invoke(app, ["outdated", "--handbook", str(tmp_path / "finnes-ikke")])
    assert result.exit_code == 2 and "finnes ikke" in result.output
    result = runner.invoke(app, ["outdated", "--handbook", str(book), "--today", "i går"])
    assert result.exit_code == 2 and "ÅÅÅÅ-MM-DD" in result.output


def test_a_report_with_a_national_identity_number_is_refused(tmp_path: Path) -> None:
    number = valid_number(15, 5)
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(
                meta("IV.7-2", title=f"Oppfølging av {number}", review_by=dt.date(2026, 1, 1))
            )
        },
    )
    for fmt in ("table", "json", "csv", "markdown"):
        status, out = cli(root, "--format", fmt)
        assert status == 2, fmt
        assert number not in out and "fødselsnummer" in out


def test_network_deadlines_are_overdue_and_owned_by_the_leader(tmp_path: Path) -> None:
    network = NETWORK.replace("2027-07-31", "2026-07-31")  # the leader's term has ended
    minutes = doc_text(
        {
            "type": "minutes",
            "network": "sentrum",
            "date": dt.date(2025, 9, 1),
            "title": "Referat 1. september 2025",
        },
        "# Referat\n",
    )  # never sent
    root = handbook(
        tmp_path / "hb",
        {
            "prosedyrer/target.md": FILES["prosedyrer/target.md"],
            "nettverk/sentrum/nettverk.md": network,
            "nettverk/sentrum/2025-09-01-referat.md": minutes,
        },
    )
    report = outdated(root, today=TODAY)
    found = {(i.kind, i.code, i.due, i.days_overdue) for i in report.items}
    assert found == {
        ("minutes_not_sent", "TVF406", dt.date(2025, 9, 15), 436),
        ("evaluation_overdue", "TVF405", dt.date(2026, 9, 1), 85),
        ("leader_term_ended", "TVF401", dt.date(2026, 7, 31), 117),
        # The planned meetings of 10 September and 5 November have neither agenda nor minutes.
        ("meeting_missed", None, dt.date(2026, 9, 10), 76),
    }
    assert [i.kind for i in report.items] == [
        "minutes_not_sent",
        "leader_term_ended",
        "evaluation_overdue",
        "meeting_missed",
    ]
    assert {i.owner for i in report.items} == {"Rektor (Kari Nordmann)"}
    assert report.exit_code == 1


def test_errors_found_by_check_are_noted(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta("IV.7-2")), "b.md": "ingen\n"})
    report = outdated(root, today=TODAY)
    assert report.items == ()
    assert report.notes[-1].startswith("tvf check finner 1 feil som ikke er med her")


# --- Issue 14: who must act, what to do, and meetings that did not happen ------------------------


def test_missed_planned_meetings_are_listed_with_the_leader_to_act(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "prosedyrer/target.md": FILES["prosedyrer/target.md"],
            "nettverk/sentrum/nettverk.md": NETWORK,
            "nettverk/sentrum/2026-09-10-referat.md": MINUTES,
        },
    )
    [missed] = [i for i in outdated(root, today=TODAY).items if i.kind == "meeting_missed"]
    assert (missed.due, missed.days_overdue, missed.urgency) == (
        dt.date(2026, 11, 5),
        20,
        "overdue",
    )
    assert missed.path == "nettverk/sentrum/nettverk.md" and missed.line is not None
    assert "Møtet 2026-11-05 står i planned_meetings" in missed.message
    assert missed.owner == "Rektor (Kari Nordmann)"
    assert "tvf agenda new --network sentrum" in missed.action
    assert "meeting_missed" not in {
        i.kind for i in outdated(root, today=dt.date(2026, 11, 5)).items
    }
    status, out = cli(root, "--format", "json")
    assert status == 1 and "meeting_missed" in out


def test_what_to_do_says_what_to_do_not_the_item_again(book: Path) -> None:
    for item in outdated(book, today=TODAY).items:
        assert item.action and item.action != item.message
        assert item.title not in item.action
    items = {(i.kind, i.path): i for i in outdated(book, today=TODAY).items}
    assert items[("review_overdue", "prosedyrer/overdue.md")].action == (
        "Revider dokumentet, og godkjenn det på nytt med tvf stamp IV.7-1."
    )
    assert items[("minutes_missing", "nettverk/sentrum/2026-11-05-saksliste.md")].action == (
        "Skriv referatet: tvf minutes new --network sentrum --date 2026-11-05."
    )
    due = items[("action_item_due", "nettverk/sentrum/2026-09-10-referat.md")]
    assert due.owner == "PPT"
    assert due.action == "Gjør det innen 2026-12-10, og kryss av [x] i neste referat."


def test_the_table_reads_well_in_a_terminal_100_columns_wide(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    _, out = cli(book)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    header = next(line for line in lines if line.startswith("┃"))
    assert [h.strip() for h in header.strip("┃").split("┃")] == [
        "Status og hva",
        "Dokument",
        "Ansvarlig",
        "Hva må gjøres",
    ]
    cells = " ".join(line.split("│")[4] for line in lines if line.startswith("│"))
    # What to do, with whole words: no word of the column is cut in two.
    assert "Revider dokumentet, og godkjenn det på nytt med tvf stamp IV.7-1." in " ".join(
        cells.split()
    )
    owners = " ".join(
        " ".join(line.split("│")[3].split()) for line in lines if line.startswith("│")
    )
    assert "Skole" in owners and "PPT" in owners


# --- Boundaries of one day (issue 15) -------------------------------------------------------------


def test_the_review_window_includes_its_last_day_and_not_the_next(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "last.md": doc_text(meta("IV.7-2", review_by=TODAY + dt.timedelta(days=30))),
            "after.md": doc_text(meta("IV.7-3", review_by=TODAY + dt.timedelta(days=31))),
            "today.md": doc_text(meta("IV.7-4", review_by=TODAY)),
        },
    )
    report = outdated(root, today=TODAY, within_days=30)
    due = {i.path: i.days_left for i in report.items if i.kind == "review_due"}
    assert due == {"last.md": 30, "today.md": 0}
    assert [
        i.kind for i in outdated(root, today=TODAY, within_days=0).items if i.path == "today.md"
    ] == ["review_due"]


def test_the_stale_cut_off_is_exactly_n_months(tmp_path: Path) -> None:
    cutoff = dt.date(2024, 11, 25)  # TODAY (2026-11-25) minus 24 months
    root = handbook(
        tmp_path / "hb",
        {
            "on.md": doc_text(meta("IV.7-2", valid_from=cutoff, review_by=dt.date(2028, 1, 1))),
            "before.md": doc_text(
                meta(
                    "IV.7-3",
                    valid_from=cutoff - dt.timedelta(days=1),
                    review_by=dt.date(2028, 1, 1),
                )
            ),
        },
    )
    report = outdated(root, today=TODAY, stale_months=24)
    stale = {i.path: i.age_days for i in report.items if i.kind == "stale"}
    assert set(stale) == {"before.md"}
