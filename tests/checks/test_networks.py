"""The TVF4xx checks of networks and meetings, and the form of the meeting fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tverrfaglig.checks import check, check_path
from tverrfaglig.findings import Finding, Severity
from tverrfaglig.handbook import load_handbook

from helpers import TODAY, codes, doc_text, handbook, meta, run_check

BUNDLED = Path(__file__).resolve().parents[2] / "handbook"
NET = "nettverk/sentrum"
D = dt.date.fromisoformat
SENT = {"date": D("2026-09-20"), "to": "Samarbeidsgruppa"}


def network(**fields: Any) -> str:
    data: dict[str, Any] = {
        "type": "network",
        "id": "sentrum",
        "title": "Tverrfaglig nettverk Sentrum",
        "leader": {
            "name": "Kari Nordmann",
            "role": "Rektor",
            "term_start": D("2026-08-01"),
            "term_end": D("2027-07-31"),
        },
        "members": [{"service": "Skole", "name": "Kari Nordmann"}],
        "meetings_per_year": 3,
        "planned_meetings": [D("2026-09-10"), D("2027-01-14"), D("2027-04-22")],
        "mandate": "IV.7-15",
    }
    for key, value in fields.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return doc_text(data, "# Sentrum\n")


def meeting(kind: str, day: str, body: str = "Tekst.\n", **fields: Any) -> str:
    return doc_text({"type": kind, "network": "sentrum", "date": D(day), **fields}, body)


def book(
    tmp_path: Path,
    docs: dict[str, str] | None = None,
    toml: str | None = None,
    **network_fields: Any,
) -> Path:
    """A clean network: a September meeting with sent minutes and two planned meetings."""
    files: dict[str, str | bytes] = {
        "prosedyrer/mandat.md": doc_text(meta("IV.7-15")),
        f"{NET}/nettverk.md": network(**network_fields),
        f"{NET}/2026-09-10-saksliste.md": meeting("agenda", "2026-09-10"),
        f"{NET}/2026-09-10-referat.md": meeting("minutes", "2026-09-10", sent=SENT),
        **(docs or {}),
    }
    if toml is None:
        return handbook(tmp_path / "hb", files)
    return handbook(tmp_path / "hb", files, toml)


def found(root: Path, code: str, today: dt.date = TODAY) -> list[Finding]:
    return [f for f in run_check(root, today).findings if f.code == code]


def test_clean_network_has_no_findings(tmp_path: Path) -> None:
    assert run_check(book(tmp_path)).findings == ()


def test_bundled_handbook_has_no_network_findings_today() -> None:
    report = check(load_handbook(BUNDLED), today=TODAY)
    assert report.findings == ()


# --- TVF401 ----------------------------------------------------------------------------------


def test_tvf401_leader_term_ended(tmp_path: Path) -> None:
    leader = {
        "name": "Kari Nordmann",
        "role": "Rektor",
        "term_start": D("2025-08-01"),
        "term_end": D("2026-07-31"),
    }
    root = book(tmp_path, leader=leader)
    [finding] = found(root, "TVF401")
    assert finding.severity is Severity.WARNING
    assert finding.path == f"{NET}/nettverk.md" and finding.line == 5
    assert "2026-07-31" in finding.message and "Kari Nordmann" in finding.message
    assert found(root, "TVF401", today=D("2026-07-31")) == []


# --- TVF402 ----------------------------------------------------------------------------------


def test_tvf402_too_few_meetings_this_school_year(tmp_path: Path) -> None:
    root = book(tmp_path, planned_meetings=None)
    [finding] = found(root, "TVF402")
    assert finding.severity is Severity.WARNING
    assert "2026–2027" in finding.message and "1 møte holdt" in finding.message
    assert finding.line == 13  # meetings_per_year


def test_tvf402_counts_documents_and_planned_dates_from_today(tmp_path: Path) -> None:
    root = book(tmp_path)
    assert found(root, "TVF402") == []
    # A planned date that has passed without any document does not count.
    assert [f.message for f in found(root, "TVF402", today=D("2027-01-15"))] != []
    fewer = book(tmp_path / "b", meetings_per_year=1, planned_meetings=None)
    assert found(fewer, "TVF402") == []


def test_tvf402_counts_agendas_and_minutes_of_the_school_year_only(tmp_path: Path) -> None:
    root = book(
        tmp_path,
        planned_meetings=None,
        docs={
            f"{NET}/2026-06-01-referat.md": meeting("minutes", "2026-06-01", sent=SENT),
            f"{NET}/2027-01-14-saksliste.md": meeting("agenda", "2027-01-14"),
        },
    )
    [finding] = found(root, "TVF402")
    assert "2 møter" in finding.message and "2026-06-01" not in finding.message


# --- TVF403 ----------------------------------------------------------------------------------


def test_tvf403_past_meeting_without_minutes(tmp_path: Path) -> None:
    root = book(tmp_path, docs={f"{NET}/2026-11-05-saksliste.md": meeting("agenda", "2026-11-05")})
    [finding] = found(root, "TVF403")
    assert finding.path == f"{NET}/2026-11-05-saksliste.md" and finding.line == 4
    assert "tvf minutes new --network sentrum --date 2026-11-05" in finding.message
    assert found(root, "TVF403", today=D("2026-11-05")) == []  # the meeting is today


# --- TVF404 ----------------------------------------------------------------------------------

ITEMS = """\
- [ ] Kartlegge fravær (ansvar: Skole, frist: 2026-11-01)
- [ ] Lage plan (ansvar: PPT, frist: 2027-02-01)
- [x] Ferdig (ansvar: NAV, frist: 2026-10-01)
"""


def test_tvf404_overdue_open_items(tmp_path: Path) -> None:
    root = book(
        tmp_path,
        docs={f"{NET}/2026-09-10-referat.md": meeting("minutes", "2026-09-10", ITEMS, sent=SENT)},
    )
    [finding] = found(root, "TVF404")
    assert finding.severity is Severity.WARNING
    assert finding.line == 9 and "Kartlegge fravær" in finding.message
    assert "2026-11-01" in finding.message


def test_tvf404_quiet_when_newer_minutes_close_the_item(tmp_path: Path) -> None:
    root = book(
        tmp_path,
        docs={
            f"{NET}/2026-09-10-referat.md": meeting("minutes", "2026-09-10", ITEMS, sent=SENT),
            f"{NET}/2026-11-05-saksliste.md": meeting("agenda", "2026-11-05"),
            f"{NET}/2026-11-05-referat.md": meeting(
                "minutes",
                "2026-11-05",
                "- [x] kartlegge  fravær (ansvar: skole, frist: 2026-11-01)\n",
                sent=SENT,
            ),
        },
    )
    assert found(root, "TVF404") == []


def test_tvf404_reports_the_newest_mention(tmp_path: Path) -> None:
    root = book(
        tmp_path,
        docs={
            f"{NET}/2026-09-10-referat.md": meeting("minutes", "2026-09-10", ITEMS, sent=SENT),
            f"{NET}/2026-11-05-saksliste.md": meeting("agenda", "2026-11-05"),
            f"{NET}/2026-11-05-referat.md": meeting(
                "minutes",
                "2026-11-05",
                "- [ ] Kartlegge fravær (ansvar: Skole, frist: 2026-11-20)\n",
                sent=SENT,
            ),
        },
    )
    [finding] = found(root, "TVF404")
    assert finding.path == f"{NET}/2026-11-05-referat.md" and "2026-11-20" in finding.message


# --- TVF405 ----------------------------------------------------------------------------------


def test_tvf405_no_evaluation_for_a_network_older_than_a_year(tmp_path: Path) -> None:
    old = {f"{NET}/2025-09-11-referat.md": meeting("minutes", "2025-09-11", sent=SENT)}
    root = book(tmp_path, docs=old)
    [finding] = found(root, "TVF405")
    assert finding.path == f"{NET}/nettverk.md" and "ingen evaluering" in finding.message
    evaluated = book(
        tmp_path / "b",
        docs={
            **old,
            f"{NET}/2026-04-23-referat.md": meeting(
                "minutes", "2026-04-23", sent=SENT, evaluation=True
            ),
        },
    )
    assert found(evaluated, "TVF405") == []
    [late] = found(evaluated, "TVF405", today=D("2027-04-24"))
    assert "siste evaluering var 2026-04-23" in late.message


def test_tvf405_quiet_for_a_young_network(tmp_path: Path) -> None:
    assert found(book(tmp_path), "TVF405") == []  # first meeting 2026-09-10


# --- TVF406 ----------------------------------------------------------------------------------


def test_tvf406_minutes_not_sent(tmp_path: Path) -> None:
    root = book(
        tmp_path,
        docs={
            f"{NET}/2026-09-10-referat.md": meeting("minutes", "2026-09-10"),
            f"{NET}/2026-11-20-saksliste.md": meeting("agenda", "2026-11-20"),
            f"{NET}/2026-11-20-referat.md": meeting("minutes", "2026-11-20"),
        },
    )
    [finding] = found(root, "TVF406")
    assert finding.path == f"{NET}/2026-09-10-referat.md"
    assert "76 dager" in finding.message
    assert "tvf minutes sent --network sentrum --date 2026-09-10" in finding.message
    assert found(root, "TVF406", today=D("2026-09-24")) == []  # 14 days: not yet


# --- TVF407, TVF408 --------------------------------------------------------------------------


def test_tvf407_task_lines_not_in_the_contract_form(tmp_path: Path) -> None:
    body = (
        "- [ ] Uten ansvar\n- [ ] Dato (ansvar: Skole, frist: snart)\n- [ ] Ok (ansvar: A, "
        "frist: 2027-01-01)\n"
    )
    root = book(
        tmp_path,
        docs={f"{NET}/2026-09-10-referat.md": meeting("minutes", "2026-09-10", body, sent=SENT)},
    )
    assert [(f.line, f.severity) for f in found(root, "TVF407")] == [
        (9, Severity.WARNING),
        (10, Severity.WARNING),
    ]


def test_tvf408_two_agendas_for_one_meeting(tmp_path: Path) -> None:
    root = book(tmp_path, docs={f"{NET}/kopi.md": meeting("agenda", "2026-09-10")})
    [finding] = found(root, "TVF408")
    assert finding.path == f"{NET}/kopi.md" and "2026-09-10-saksliste.md" in finding.message


# --- Fields: TVF002, TVF003, TVF101 ------------------------------------------------------------


def test_input_is_a_document_type(tmp_path: Path) -> None:
    root = book(
        tmp_path,
        docs={
            f"{NET}/innspill/a.md": doc_text(
                {"type": "input", "network": "sentrum", "date": D("2026-11-20"), "from": "PPT"},
                "Sak\n",
            )
        },
    )
    assert run_check(root).findings == ()


@pytest.mark.parametrize(
    ("fields", "body", "code", "line"),
    [
        ({"placed_on": "snart"}, "Sak\n", "TVF003", 5),
        ({"from": ["PPT"]}, "Sak\n", "TVF003", 5),
        ({}, "\n", "TVF002", 6),
        ({"network": "nord"}, "Sak\n", "TVF101", 3),
        ({"date": None}, "Sak\n", "TVF002", 2),
    ],
)
def test_input_fields(
    tmp_path: Path, fields: dict[str, Any], body: str, code: str, line: int
) -> None:
    front: dict[str, Any] = {"type": "input", "network": "sentrum", "date": D("2026-11-20")}
    for key, value in fields.items():
        if value is None:
            front.pop(key)
        else:
            front[key] = value
    root = book(tmp_path, docs={f"{NET}/innspill/a.md": doc_text(front, body)})
    assert [(f.code, f.line) for f in run_check(root).findings] == [(code, line)]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"sent": "i går"}, "TVF003"),
        ({"sent": {"date": D("2026-09-20")}}, "TVF002"),
        ({"sent": {"date": "i går", "to": "X"}}, "TVF003"),
        ({"evaluation": "ja"}, "TVF003"),
        ({"present": "alle"}, "TVF003"),
        ({"absent": [{"Skole": "Kari"}]}, "TVF003"),
        ({"user_representatives": "Elevrådet"}, "TVF003"),
    ],
)
def test_minutes_fields(tmp_path: Path, fields: dict[str, Any], code: str) -> None:
    root = book(
        tmp_path,
        docs={
            f"{NET}/2026-09-10-referat.md": meeting(
                "minutes", "2026-09-10", **{"sent": SENT, **fields}
            )
        },
    )
    assert codes(run_check(root)) == [code]


def test_planned_meetings_must_be_dates(tmp_path: Path) -> None:
    root = book(tmp_path, planned_meetings=[D("2026-09-10"), "januar", D("2027-04-22")])
    findings = run_check(root).findings
    assert [(f.code, f.line) for f in findings if f.code == "TVF003"] == [("TVF003", 16)]


def test_ignore_silences_network_codes(tmp_path: Path) -> None:
    toml = '[handbook]\ntitle = "T"\n[check]\nignore = ["TVF402"]\n'
    root = book(tmp_path, toml=toml, planned_meetings=None)
    assert run_check(root).findings == ()


def test_worker_processes_give_the_same_network_findings(tmp_path: Path) -> None:
    docs = {
        f"{NET}/2026-09-10-referat.md": meeting("minutes", "2026-09-10", ITEMS),
        f"{NET}/2026-11-05-saksliste.md": meeting("agenda", "2026-11-05"),
    }
    docs.update({f"prosedyrer/p{i}.md": doc_text(meta(f"IV.8-{i}")) for i in range(30)})
    root = book(tmp_path, planned_meetings=None, docs=docs)
    sequential = run_check(root)
    assert {"TVF402", "TVF403", "TVF404", "TVF406"} <= set(codes(sequential))
    assert check_path(root, today=TODAY, jobs=2) == sequential


def test_tvf405_an_evaluation_exactly_twelve_months_old_is_late(tmp_path: Path) -> None:
    evaluated = book(
        tmp_path,
        docs={
            f"{NET}/2025-09-11-referat.md": meeting("minutes", "2025-09-11", sent=SENT),
            f"{NET}/2026-04-23-referat.md": meeting(
                "minutes", "2026-04-23", sent=SENT, evaluation=True
            ),
        },
    )
    assert found(evaluated, "TVF405", today=D("2027-04-22")) == []
    [late] = found(evaluated, "TVF405", today=D("2027-04-23"))
    assert "siste evaluering var 2026-04-23" in late.message
