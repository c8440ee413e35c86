"""A name shared by a repealed law and its successor, read with the citing document's date
(handbook-format.md, 4.1; TVF207): ``tvf check``, ``tvf laws cited`` and ``tvf laws find``
apply one rule (``laws.renumbering.cited_as``) to ``legal_basis`` and body text alike.

The sentences are quoted from the texts of the citation corpus (tests/laws/corpus/
citations.yaml), each with its source; only the documents around them are made up.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from law_fixtures import invoke
from tverrfaglig.handbook import load_handbook
from tverrfaglig.laws.queries import cited_provisions

from helpers import doc_text, handbook, meta, run_check

# Udir-10-2012 «Skolepersonalets opplysningsplikt til barneverntjenesten», pkt. 1
# (Utdanningsdirektoratet): § 15-3 was the 1998 act's duty to inform the child welfare
# service; in the act of 2023, § 15-3 is about spelling in teaching materials.
UDIR_2012 = (
    "For skolepersonalet ved offentlige skoler er opplysningsplikten særskilt regulert i "
    "opplæringsloven § 15-3.\n"
)
# A document title from before 2024 (docplayer.me): chapter 9 A, the pupils' school
# environment, was the 1998 act's.
CHAPTER_9A = "Svar på spørsmål om kapittel 9 A i opplæringsloven\n"
OLD_ACT_URL = "https://lovdata.no/lov/1998-07-17-61/§15-3"


def tvf207(root: Path) -> list[str]:
    return [f.message for f in run_check(root).findings if f.code == "TVF207"]


def test_a_body_citation_in_a_document_older_than_the_act_is_the_repealed_act(
    tmp_path: Path,
) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "old.md": doc_text(meta("I.1-1", valid_from=dt.date(2012, 8, 1)), UDIR_2012),
            "new.md": doc_text(meta("I.1-2", valid_from=dt.date(2025, 1, 1)), UDIR_2012),
        },
    )
    (message,) = tvf207(root)
    assert "Dokumentet ble gyldig 2012-08-01, før opplæringslova (2023)" in message
    assert "opplæringslova (1998) § 15-3 «Opplysningsplikt til barnevernet»" in message


def test_a_chapter_in_an_older_document_is_the_repealed_acts_not_an_unknown_one(
    tmp_path: Path,
) -> None:
    root = handbook(
        tmp_path / "hb",
        {"old.md": doc_text(meta("I.1-1", valid_from=dt.date(2017, 1, 1)), CHAPTER_9A)},
    )
    report = run_check(root)
    found = [(f.code, f.message) for f in report.findings if f.code in ("TVF202", "TVF207")]
    assert [code for code, _ in found] == ["TVF207"]
    assert "mente trolig den opphevede opplæringslova (1998)" in found[0][1]
    assert "«kapittel 9 A» mente trolig" in found[0][1]


def test_the_same_chapter_in_a_newer_document_is_a_chapter_the_act_lacks(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {"new.md": doc_text(meta("I.1-2", valid_from=dt.date(2025, 1, 1)), CHAPTER_9A)},
    )
    codes = [f.code for f in run_check(root).findings if f.code in ("TVF202", "TVF207")]
    assert codes == ["TVF202"]


def test_a_whole_law_in_legal_basis_of_an_older_document(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "old.md": doc_text(
                meta("I.1-1", valid_from=dt.date(2020, 1, 1), legal_basis=["opplæringslova"])
            ),
            "new.md": doc_text(
                meta("I.1-2", valid_from=dt.date(2025, 1, 1), legal_basis=["opplæringslova"])
            ),
        },
    )
    (message,) = tvf207(root)
    assert message.startswith("Dokumentet ble gyldig 2020-01-01, før opplæringslova (2023)")


def test_laws_cited_reports_what_check_reports(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "old.md": doc_text(meta("I.1-1", valid_from=dt.date(2012, 8, 1)), UDIR_2012),
            "new.md": doc_text(meta("I.1-2", valid_from=dt.date(2025, 1, 1)), UDIR_2012),
        },
    )
    provisions = cited_provisions(load_handbook(root), today=dt.date(2026, 11, 25))
    by_doc = {p.documents[0].id: p for p in provisions if p.section == "15-3"}
    assert by_doc["I.1-1"].old is not None and by_doc["I.1-1"].url == OLD_ACT_URL
    assert by_doc["I.1-1"].title == "Opplysningsplikt til barnevernet"
    assert by_doc["I.1-2"].old is None
    assert by_doc["I.1-2"].url == "https://lovdata.no/lov/2023-06-09-30/§15-3"
    code, output = invoke("laws", "cited", "-f", "json", "--handbook", str(root))
    cited = [c for c in json.loads(output) if c["section"] == "15-3"]
    assert code == 0
    assert {(c["status"], c["url"]) for c in cited} == {
        ("gammel nummerering", OLD_ACT_URL),
        (None, "https://lovdata.no/lov/2023-06-09-30/§15-3"),
    }


def test_laws_find_reads_a_text_with_the_date_it_is_given(tmp_path: Path) -> None:
    text = tmp_path / "utkast.txt"
    text.write_text(UDIR_2012, encoding="utf-8")
    code, output = invoke("laws", "find", str(text))
    assert code == 0 and "2023-06-09-30/§15-3" in output
    code, output = invoke("laws", "find", str(text), "--valid-from", "2012-08-01")
    assert code == 1
    assert "«Opplysningsplikt til barnevernet» [gammel nummerering]" in output
    assert OLD_ACT_URL in output
    code, output = invoke("laws", "find", str(text), "--valid-from", "2012-13-01")
    assert code != 0 and "--valid-from «2012-13-01» er ikke en dato" in output
