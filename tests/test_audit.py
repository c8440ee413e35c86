"""Tests for tvf audit: the tilsynsrapport and the rules behind each criterion."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from typer.testing import CliRunner

from tverrfaglig.audit import (
    CANNOT_JUDGE,
    MET,
    NOT_MET,
    PARTLY,
    AuditReport,
    audit,
)
from tverrfaglig.cli import app
from tverrfaglig.render.audit import render_audit

from helpers import TODAY, build_tree, doc_text, handbook, meta, valid_number

runner = CliRunner()
GOLDEN = Path(__file__).parent / "golden" / "audit"
TOML = (
    '[handbook]\ntitle = "Testhåndbok"\nmunicipality = "Testby kommune"\n'
    'coordinator = "Koordinator for samarbeidsgruppa"\n'
)
SERVICES = ["Skole", "Barnehage", "Helsestasjon"]

DOCS = {
    "prosedyrer/samarbeid.md": doc_text(
        meta(
            "IV.7-2",
            title="Forpliktende samarbeid",
            applies_to=SERVICES,
            legal_basis=[
                "helse- og omsorgstjenesteloven § 3-4",
                "opplæringslova § 24-1",
                "barnehageloven § 2 b",
                "barnevernsloven § 15-8",
            ],
        )
    ),
    "prosedyrer/ip.md": doc_text(
        meta(
            "IV.7-5",
            title="Individuell plan – koordinator",
            owner="Koordinerende enhet",
            legal_basis=[
                "helse- og omsorgstjenesteloven § 7-1",
                "helse- og omsorgstjenesteloven § 7-2 a",
            ],
        ),
        "Koordinator kaller inn til ansvarsgruppe.\n",
    ),
    "prosedyrer/bekymring.md": doc_text(
        meta(
            "IV.7-8",
            title="Opplysningsplikt til barneverntjenesten",
            owner="Barneverntjenesten",
            legal_basis=["barnevernsloven § 13-2"],
        )
    ),
    "prosedyrer/mandat.md": doc_text(
        meta("IV.7-15", title="Mandat for tverrfaglige nettverk"),
        "Nettverkene inviterer elevrådet: brukermedvirkning.\n",
    ),
    "tiltak/ppt.md": doc_text(
        meta("IV.7.1-19", title="PPT", type="measure", code="V01", owner="PPT")
    ),
    "nettverk/sentrum/nettverk.md": doc_text(
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
            "members": [
                {"service": "Skole", "name": "Kari Nordmann"},
                {"service": "PPT", "name": "PP-rådgiver"},
            ],
            "planned_meetings": [dt.date(2026, 9, 10), dt.date(2027, 1, 14), dt.date(2027, 4, 22)],
            "mandate": "IV.7-15",
        },
        "# Nettverk Sentrum\n",
    ),
    # The network's first meeting: more than a year ago, so the evaluation is due.
    "nettverk/sentrum/2025-09-15-referat.md": doc_text(
        {
            "type": "minutes",
            "network": "sentrum",
            "date": dt.date(2025, 9, 15),
            "title": "Referat 15. september 2025",
            "sent": {"date": dt.date(2025, 9, 20), "to": "Samarbeidsgruppa"},
        },
        "# Referat\n",
    ),
    "nettverk/sentrum/2026-09-10-referat.md": doc_text(
        {
            "type": "minutes",
            "network": "sentrum",
            "date": dt.date(2026, 9, 10),
            "title": "Referat 10. september 2026",
            "sent": {"date": dt.date(2026, 9, 14), "to": "Samarbeidsgruppa"},
        },
        "# Referat\n",
    ),
    "nettverk/sentrum/2027-01-14-saksliste.md": doc_text(
        {
            "type": "agenda",
            "network": "sentrum",
            "date": dt.date(2027, 1, 14),
            "title": "Saksliste 14. januar 2027",
            "user_representatives": ["Elevrådet"],
        },
        "## 1. Godkjenning\n",
    ),
    "nettverk/sentrum/innspill/2026-10-01-fravaer.md": doc_text(
        {"type": "input", "network": "sentrum", "date": dt.date(2026, 10, 1), "from": "Skole"},
        "Felles rutine for fravær.\n",
    ),
    "nettverk/sentrum/innspill/2026-10-15-sprak.md": doc_text(
        {"type": "input", "network": "sentrum", "date": dt.date(2026, 10, 15), "from": "PPT"},
        "Språkkartlegging i barnehagene.\n",
    ),
}
EVALUATION = {
    "nettverk/sentrum/2026-04-20-referat.md": doc_text(
        {
            "type": "minutes",
            "network": "sentrum",
            "date": dt.date(2026, 4, 20),
            "title": "Referat 20. april 2026",
            "evaluation": True,
            "sent": {"date": dt.date(2026, 4, 24), "to": "Samarbeidsgruppa"},
        },
        "# Referat\n\n## Evaluering\n\nNettverket evaluerte arbeidet.\n",
    )
}
# The best a handbook can score: a criterion with a part the handbook cannot show (4, 5, 9, 10)
# is never met, only partly.
ALL_MET = {
    "organisering": MET,
    "moter_rapportering": MET,
    "kjennskap": CANNOT_JUDGE,
    "rutiner": PARTLY,
    "ikke_personavhengig": PARTLY,
    "ansvarsgrupper_koordinator": MET,
    "koordinering": MET,
    "evaluering": MET,
    "fanger_opp_behov": PARTLY,
    "brukermedvirkning": PARTLY,
}


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return handbook(tmp_path / "hb", {**DOCS, **EVALUATION}, toml=TOML)


def statuses(root: Path) -> dict[str, str]:
    return audit(root, today=TODAY).statuses()


def changed(before: dict[str, str], after: dict[str, str]) -> dict[str, tuple[str, str]]:
    return {k: (before[k], after[k]) for k in before if before[k] != after[k]}


# --- Scores ---------------------------------------------------------------------------------------


def test_a_complete_handbook_meets_every_criterion_it_can_judge(book: Path) -> None:
    report = audit(book, today=TODAY)
    assert report.statuses() == ALL_MET
    assert [c.number for c in report.criteria] == list(range(1, 11))
    assert report.summary_text() == (
        "5 oppfylt, 4 delvis oppfylt, 1 kan ikke vurderes ut fra håndboka"
    )
    assert (report.documents, report.networks) == (5, 1)


def test_removing_and_adding_the_evaluation_changes_only_criterion_8(book: Path) -> None:
    before = statuses(book)
    evaluation = book / "nettverk/sentrum/2026-04-20-referat.md"
    evaluation.unlink()
    after = statuses(book)
    assert changed(before, after) == {"evaluering": (MET, NOT_MET)}
    criterion = audit(book, today=TODAY).criterion("evaluering")
    assert any("ingen evaluering de siste tolv månedene" in m.text for m in criterion.missing)
    build_tree(book, EVALUATION)
    assert statuses(book) == before


def test_an_evaluation_not_yet_due_is_partly_met(tmp_path: Path) -> None:
    docs = {k: v for k, v in DOCS.items() if "2025-09-15" not in k}
    root = handbook(tmp_path / "hb", docs, toml=TOML)
    criterion = audit(root, today=TODAY).criterion("evaluering")
    assert criterion.status == PARTLY
    assert "ikke forfalt" in criterion.missing[0].text


def test_removing_and_adding_minutes_changes_only_criterion_2(book: Path) -> None:
    before = statuses(book)
    minutes = book / "nettverk/sentrum/2026-09-10-referat.md"
    text = minutes.read_text(encoding="utf-8")
    minutes.unlink()  # the school year now has 2 of 3 meetings (TVF402)
    after = statuses(book)
    assert changed(before, after) == {"moter_rapportering": (MET, PARTLY)}
    missing = audit(book, today=TODAY).criterion("moter_rapportering").missing
    assert any("2 møter holdt eller planlagt" in m.text for m in missing)
    minutes.write_text(text, encoding="utf-8")
    assert statuses(book) == before


def test_a_meeting_without_minutes_and_minutes_not_sent(book: Path) -> None:
    build_tree(
        book,
        {
            "nettverk/sentrum/2026-11-05-saksliste.md": doc_text(
                {"type": "agenda", "network": "sentrum", "date": dt.date(2026, 11, 5)},
                "## 1. Sak\n",
            )
        },
    )
    criterion = audit(book, today=TODAY).criterion("moter_rapportering")
    assert criterion.status == PARTLY
    assert any("ikke referat" in m.text for m in criterion.missing)
    assert any(
        link.path == "nettverk/sentrum/2026-11-05-saksliste.md"
        for m in criterion.missing
        for link in m.links
    )


def test_without_minutes_in_the_last_year_meetings_are_not_met(tmp_path: Path) -> None:
    docs = {k: v for k, v in DOCS.items() if "referat" not in k}
    root = handbook(tmp_path / "hb", docs, toml=TOML)
    assert audit(root, today=TODAY).criterion("moter_rapportering").status == NOT_MET


def test_cooperation_duties_and_the_law_that_replaced_one(book: Path) -> None:
    build_tree(
        book,
        {
            "prosedyrer/samarbeid.md": doc_text(
                meta(
                    "IV.7-2",
                    title="Forpliktende samarbeid",
                    applies_to=SERVICES,
                    legal_basis=["helse- og omsorgstjenesteloven § 3-4", "barnevernloven § 3-2"],
                )
            )
        },
    )
    criterion = audit(book, today=TODAY).criterion("rutiner")
    assert criterion.status == PARTLY
    assert criterion.reason == "Gjeldende rutiner viser til 1 av 4 samarbeidsplikter."
    texts = [m.text for m in criterion.missing]
    assert "opplæringslova § 24-1: ingen rutine viser til samarbeidsplikten." in texts
    assert (
        "Viser fortsatt til barnevernloven (1992) § 3-2, som er erstattet av "
        "barnevernsloven § 15-8."
    ) in texts
    assert criterion.not_judged is not None and "kjent blant de ansatte" in criterion.not_judged


def test_an_overdue_review_makes_documents_not_current(book: Path) -> None:
    build_tree(
        book,
        {
            "prosedyrer/ip.md": doc_text(
                meta(
                    "IV.7-5",
                    title="Individuell plan – koordinator",
                    review_by=dt.date(2026, 1, 1),
                    legal_basis=["helse- og omsorgstjenesteloven § 7-1"],
                ),
                "Koordinator kaller inn til ansvarsgruppe.\n",
            ),
        },
    )
    report = audit(book, today=TODAY)
    groups = report.criterion("ansvarsgrupper_koordinator")
    assert groups.status == PARTLY  # the only IP and coordinator routine is out of date
    assert len(groups.missing) == 3
    assert all("de som finnes, er ikke gjeldende" in m.text for m in groups.missing)
    organisation = report.criterion("organisering")
    assert organisation.status == PARTLY  # 4 of 5 approved documents are current: 80 %
    assert any(
        m.text == "IV.7-5 revisjonsdatoen 2026-01-01 er passert." for m in organisation.missing
    )


def test_leader_terms_and_overdue_action_items(book: Path) -> None:
    network = book / "nettverk/sentrum/nettverk.md"
    network.write_text(
        network.read_text(encoding="utf-8").replace("2027-07-31", "2026-07-31"), encoding="utf-8"
    )
    criterion = audit(book, today=TODAY).criterion("ikke_personavhengig")
    assert criterion.status == PARTLY
    assert any("gikk ut 2026-07-31" in m.text for m in criterion.missing)


def test_user_representatives(book: Path) -> None:
    (book / "nettverk/sentrum/2027-01-14-saksliste.md").unlink()
    criterion = audit(book, today=TODAY).criterion("brukermedvirkning")
    assert criterion.status == NOT_MET
    assert criterion.evidence  # the mandate still mentions brukermedvirkning


def test_an_empty_handbook_meets_nothing(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta("IV.7-2", status="draft"))})
    report = audit(root, today=TODAY)
    assert set(report.statuses().values()) == {NOT_MET, CANNOT_JUDGE}
    assert report.criterion("kjennskap").status == CANNOT_JUDGE
    assert any("Ingen koordinator" in m.text for m in report.criterion("koordinering").missing)


def test_errors_in_the_handbook_are_noted(book: Path) -> None:
    build_tree(book, {"prosedyrer/feil.md": "ingen front matter\n"})
    report = audit(book, today=TODAY)
    assert report.notes and "tvf check finner 1 feil" in report.notes[0]


# --- Rendering ------------------------------------------------------------------------------------


def links_in(text: str, pattern: str) -> list[str]:
    return [unquote(m) for m in re.findall(pattern, text)]


def test_markdown_report(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapporter" / "tilsyn.md"
    out.parent.mkdir()
    result = runner.invoke(
        app, ["audit", "--handbook", str(book), "--today", TODAY.isoformat(), "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Skrev tilsynsrapporten" in result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Tilsynsrapport: tverrfaglig samarbeid – Testby kommune\n")
    assert "| 8 | [Evaluering av samarbeidsstrukturene](#8-evaluering) | oppfylt |" in text
    assert "**Vurdering: kan ikke vurderes ut fra håndboka.**" in text
    assert "Kan ikke vurderes ut fra håndboka: Om rutinene er kjent" in text
    links = links_in(text, r"\]\(([^)#]+)\)")
    assert links and all(link.startswith("../hb/") for link in links)
    assert all((out.parent / link).is_file() for link in links)
    assert not [p for p in out.parent.iterdir() if p.name != "tilsyn.md"]  # no temp file left


def test_markdown_golden(book: Path) -> None:
    text = render_audit(audit(book, today=TODAY), "markdown", link_base=book)
    path = GOLDEN / "tilsyn.md"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


def test_html_report_is_self_contained_and_escaped(book: Path, tmp_path: Path) -> None:
    build_tree(
        book,
        {
            "prosedyrer/mandat.md": doc_text(
                meta("IV.7-15", title="Mandat <script>alert(1)</script> & co")
            )
        },
    )
    out = tmp_path / "tilsyn.html"
    result = runner.invoke(
        app, ["audit", "--handbook", str(book), "--today", TODAY.isoformat(), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "<link" not in html and "src=" not in html and "@import" not in html
    assert not re.search(r"(href|src)=\"(https?:)?//", html)
    hrefs = [h for h in links_in(html, r'href="([^"#]+)"')]
    assert hrefs and all((tmp_path / h).is_file() for h in hrefs)
    assert '<span class="status met">oppfylt</span>' in html


def test_markdown_to_stdout_links_relative_to_the_working_directory(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(book.parent)
    result = runner.invoke(app, ["audit", "--handbook", "hb", "--today", TODAY.isoformat()])
    assert result.exit_code == 0
    assert "[IV.7-5 Individuell plan – koordinator](hb/prosedyrer/ip.md)" in result.output
    html = runner.invoke(
        app, ["audit", "--handbook", "hb", "--format", "html", "--today", TODAY.isoformat()]
    ).output
    assert '<a href="hb/prosedyrer/ip.md">IV.7-5 Individuell plan – koordinator</a>' in html


def test_output_replaces_an_existing_file(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "tilsyn.md"
    out.write_text("gammel rapport\n", encoding="utf-8")
    out.chmod(0o640)
    result = runner.invoke(
        app, ["audit", "-H", str(book), "-o", str(out), "--today", TODAY.isoformat()]
    )
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Tilsynsrapport")
    assert out.stat().st_mode & 0o777 == 0o640


def test_output_problems_exit_2_and_write_nothing(book: Path, tmp_path: Path) -> None:
    missing = tmp_path / "finnes-ikke" / "tilsyn.md"
    result = runner.invoke(app, ["audit", "-H", str(book), "-o", str(missing)])
    assert result.exit_code == 2 and "finnes ikke" in result.output
    assert not missing.parent.exists()
    folder = tmp_path / "mappe"
    folder.mkdir()
    result = runner.invoke(app, ["audit", "-H", str(book), "-o", str(folder)])
    assert result.exit_code == 2
    result = runner.invoke(app, ["audit", "-H", str(book), "--format", "pdf"])
    assert result.exit_code == 2


def test_a_national_identity_number_is_never_written(book: Path, tmp_path: Path) -> None:
    number = valid_number(3, 4)
    build_tree(
        book,
        {
            "prosedyrer/ip.md": doc_text(
                meta(
                    "IV.7-5",
                    title=f"Individuell plan for {number}",
                    legal_basis=["helse- og omsorgstjenesteloven § 7-1"],
                )
            )
        },
    )
    out = tmp_path / "tilsyn.md"
    result = runner.invoke(
        app, ["audit", "-H", str(book), "-o", str(out), "--today", TODAY.isoformat()]
    )
    assert result.exit_code == 2
    assert "fødselsnummer" in result.output and number not in result.output
    assert not out.exists() and list(tmp_path.glob(".tilsyn*")) == []


def test_the_bundled_handbook(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parents[1] / "handbook"
    report: AuditReport = audit(root, today=TODAY)
    assert report.statuses()["kjennskap"] == CANNOT_JUDGE
    assert report.criterion("ansvarsgrupper_koordinator").status == MET
    # All four duties are cited, but whether the routines are known cannot be judged.
    assert report.criterion("rutiner").status == PARTLY
    assert report.criterion("evaluering").status == PARTLY  # the networks are new
    text = render_audit(report, "html", link_base=root)
    assert "Harstad kommune" in text


# --- Issue 14: the audit never claims what the handbook does not show ----------------------------


def test_a_criterion_whose_evidence_is_partly_unknown_is_never_met(book: Path) -> None:
    report = audit(book, today=TODAY)
    for criterion in report.criteria:
        if criterion.not_judged:
            assert criterion.status != MET, criterion.key
    routines = report.criterion("rutiner")
    assert routines.status == PARTLY
    assert "kan ikke vurderes ut fra håndboka, så det er ikke oppfylt" in routines.reason
    assert "Om rutinene er kjent blant de ansatte" in routines.reason
    assert "aldri oppfylt" in routines.rule
    assert report.criterion("ansvarsgrupper_koordinator").status == MET  # fully judgeable


def test_a_minutes_skeleton_nobody_filled_in_is_no_evaluation(book: Path) -> None:
    skeleton = (
        "# Referat\n\n## 4. Årlig evaluering av nettverkets arbeid\n\n**Drøfting:**\n\n"
        "**Vedtak:**\n\n## 5. Eventuelt\n\n**Drøfting:**\n\n**Vedtak:** Ingen saker.\n"
    )
    path = book / "nettverk/sentrum/2026-04-20-referat.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.split("---\n", 2)[0] + "---\n" + text.split("---\n", 2)[1] + "---\n" + skeleton,
        encoding="utf-8",
    )
    criterion = audit(book, today=TODAY).criterion("evaluering")
    assert criterion.status == NOT_MET
    assert any("evalueringspunktet er ikke fylt ut" in m.text for m in criterion.missing)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "**Vedtak:**\n\n## 5.",
            "**Vedtak:** Nettverket fortsetter med fravær som hovedsak.\n\n## 5.",
        ),
        encoding="utf-8",
    )
    assert audit(book, today=TODAY).criterion("evaluering").status == MET


def test_invited_attended_and_decided_are_reported_apart(book: Path) -> None:
    text = " ".join(
        e.text for e in audit(book, today=TODAY).criterion("brukermedvirkning").evidence
    )
    assert "invitert: Elevrådet (møtet 2027-01-14)" in text
    assert "møtte" not in text  # an invitation is no attendance
    # Minutes that record who came, and a decision to invite the youth council.
    build_tree(
        book,
        {
            "nettverk/sentrum/2026-09-10-referat.md": doc_text(
                {
                    "type": "minutes",
                    "network": "sentrum",
                    "date": dt.date(2026, 9, 10),
                    "title": "Referat 10. september 2026",
                    "user_representatives": ["FAU"],
                    "sent": {"date": dt.date(2026, 9, 14), "to": "Samarbeidsgruppa"},
                },
                "# Referat\n\n- [ ] Invitere ungdomsrådet til aprilmøtet (ansvar: Leder, "
                "frist: 2027-03-01)\n",
            )
        },
    )
    criterion = audit(book, today=TODAY).criterion("brukermedvirkning")
    text = " ".join(e.text for e in criterion.evidence)
    assert "FAU møtte på møtet 2026-09-10 (referatet)" in text
    assert (
        "vedtatt å invitere, men ikke registrert som invitert ennå: Invitere ungdomsrådet "
        "til aprilmøtet"
    ) in text
    # Only a decision, no invitation: partly, and it says what is missing.
    (book / "nettverk/sentrum/2027-01-14-saksliste.md").unlink()
    build_tree(
        book,
        {
            "nettverk/sentrum/2026-09-10-referat.md": doc_text(
                {
                    "type": "minutes",
                    "network": "sentrum",
                    "date": dt.date(2026, 9, 10),
                    "title": "Referat",
                    "sent": {"date": dt.date(2026, 9, 14), "to": "S"},
                },
                "# Referat\n\n## 3. Brukermedvirkning\n\n**Vedtak:** Leder inviterer elevrådet til "
                "januarmøtet.\n",
            )
        },
    )
    criterion = audit(book, today=TODAY).criterion("brukermedvirkning")
    assert criterion.status == PARTLY
    assert any("bare vedtatt å invitere" in m.text for m in criterion.missing)


def test_a_document_changed_after_approval_is_no_current_evidence(book: Path) -> None:
    from tverrfaglig.fingerprint import fingerprint

    front = meta(
        "IV.7-8",
        title="Opplysningsplikt til barneverntjenesten",
        owner="Barneverntjenesten",
        legal_basis=["barnevernsloven § 13-2"],
    )
    front["fingerprint"] = fingerprint(front, "Godkjent tekst.\n")
    build_tree(book, {"prosedyrer/bekymring.md": doc_text(front, "Endret uten godkjenning.\n")})
    report = audit(book, today=TODAY)
    needs = report.criterion("fanger_opp_behov")
    assert all("IV.7-8" not in link.label for e in needs.evidence for link in e.links)
    assert any("IV.7-8" in link.label for e in needs.missing for link in e.links)
    assert any(
        "IV.7-8 er endret etter at det ble godkjent (TVF302)" in m.text
        for m in report.criterion("organisering").missing
    )


def test_each_criterion_names_its_source(book: Path) -> None:
    report = audit(book, today=TODAY)
    sources = {c.key: c.source for c in report.criteria}
    assert sources["brukermedvirkning"].startswith("Fafo-rapporten «Trøbbel i grenseflatene»")
    assert {s for k, s in sources.items() if k != "brukermedvirkning"} == {
        "Statsforvalterens tilsyn: «Hva så vi etter i tilsynet?»"
    }
    text = render_audit(report, "markdown", link_base=book)
    assert text.count("*Kilde:*") == 10
    assert "suksessfaktorene i Fafo-rapporten" in text
    html = render_audit(report, "html", link_base=book)
    assert html.count('class="kilde"') == 10


# --- Regressions the suite did not catch (issue 15) -------------------------------------------


def test_a_document_edited_after_approval_is_not_current_evidence(book: Path) -> None:
    """TVF302 (the fingerprint no longer matches): the document does not count as current,
    and the report says why."""
    before = audit(book, today=TODAY)
    assert before.criterion("ansvarsgrupper_koordinator").status == MET
    build_tree(
        book,
        {
            "prosedyrer/ip.md": doc_text(
                meta(
                    "IV.7-5",
                    title="Individuell plan – koordinator",
                    owner="Koordinerende enhet",
                    legal_basis=["helse- og omsorgstjenesteloven § 7-1"],
                    fingerprint="sha256:" + "0" * 64,
                ),
                "Koordinator kaller inn til ansvarsgruppe.\n",
            ),
        },
    )
    report = audit(book, today=TODAY)
    assert report.criterion("ansvarsgrupper_koordinator").status == PARTLY
    organisation = report.criterion("organisering")
    assert organisation.status == PARTLY
    assert any(
        m.text == "IV.7-5 er endret etter at det ble godkjent (TVF302)."
        for m in organisation.missing
    )


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (dt.date(2027, 4, 19), MET),  # the evaluation of 2026-04-20 is within a year
        (dt.date(2027, 4, 20), NOT_MET),  # exactly twelve months old: no longer
    ],
)
def test_within_a_year_ends_twelve_months_after(book: Path, today: dt.date, status: str) -> None:
    assert audit(book, today=today).criterion("evaluering").status == status
