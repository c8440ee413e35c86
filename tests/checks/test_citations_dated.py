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

import pytest

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


@pytest.mark.parametrize("valid_from", [dt.date(2017, 1, 1), dt.date(2025, 1, 1), None])
def test_a_chapter_only_the_repealed_act_had_is_its_chapter(
    tmp_path: Path, valid_from: dt.date | None
) -> None:
    """Chapter 9 A is not in the act of 2023 (its chapter list is complete) and was in the act
    of 1998 (its § 9A-4 is in the data): TVF207, whatever the document's date, not TVF202."""
    front = meta("I.1-1", valid_from=valid_from)
    root = handbook(tmp_path / "hb", {"a.md": doc_text(front, CHAPTER_9A)})
    found = [(f.code, f.message) for f in run_check(root).findings if f.code.startswith("TVF20")]
    assert found == [
        (
            "TVF207",
            "opplæringslova kapittel 9A finnes ikke i opplæringslova (2023); den opphevede "
            "opplæringslova (1998) hadde et kapittel 9A. Finn kapitlet som gjelder nå, og rett "
            "henvisningen.",
        )
    ]


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
