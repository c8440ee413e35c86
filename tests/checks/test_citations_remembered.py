"""check_citations works out what each citation gives once and remembers it (by the citation
without its line, the document's valid_from and status, the day and the language): the
findings are those of a run that remembers nothing, for every citation code's firing handbook,
in documents that share citations but differ in status, valid_from and language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tverrfaglig.checks.citations import _findings, check_citations
from tverrfaglig.handbook import load_handbook
from tverrfaglig.i18n import using

from .test_registry import FIRING
from helpers import doc_text, handbook, meta

CITATION_CODES = sorted(code for code in FIRING if code.startswith("TVF2"))
TODAY = dt.date(2026, 11, 25)


def _fresh(doc, laws, today):  # type: ignore[no-untyped-def]
    _findings.clear()
    return list(check_citations(doc, laws, today))


@pytest.mark.parametrize("code", CITATION_CODES)
def test_remembered_findings_are_those_worked_out_afresh(code: str, tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", FIRING[code]())
    loaded = load_handbook(root)
    docs = [d for d in loaded.documents if d.meta is not None]
    expected = [_fresh(doc, loaded.laws, TODAY) for doc in docs]
    _findings.clear()
    for _round in range(2):  # the second round takes everything from what was remembered
        assert [list(check_citations(d, loaded.laws, TODAY)) for d in docs] == expected
    assert any(expected), code


def test_shared_citations_in_documents_that_differ(tmp_path: Path) -> None:
    body = "Se barnevernloven § 3-2, opplæringslova § 15-8 og tulleloven § 4.\n§ 9 gjelder også.\n"
    basis = ["barnevernloven § 3-2", "opplæringslova § 15.8", "tulleloven § 4"]
    files = {
        f"{i}.md": doc_text(
            meta(
                f"IV.7-{i}",
                status=status,
                valid_from=valid_from,
                legal_basis=basis,
            ),
            "\n" * i + body,  # the same citations on other lines
        )
        for i, (status, valid_from) in enumerate(
            [
                ("approved", "2020-01-01"),
                ("retired", "2020-01-01"),
                ("approved", "2024-09-01"),
                ("draft", "2020-01-01"),
                ("approved", "2020-01-01"),
            ],
            start=1,
        )
    }
    root = handbook(tmp_path / "hb", files)
    loaded = load_handbook(root)
    docs = loaded.documents
    for language in ("nb", "en", "nb"):
        with using(language):
            expected = [_fresh(doc, loaded.laws, TODAY) for doc in docs]
            _findings.clear()
            got = [list(check_citations(d, loaded.laws, TODAY)) for d in docs]
            got_again = [list(check_citations(d, loaded.laws, TODAY)) for d in docs]
        assert got == expected == got_again
    lines = {f.line for found in expected for f in found}
    assert len(lines) > 5  # the findings are on each document's own lines
    assert {f.code for found in expected for f in found} >= {"TVF201", "TVF203", "TVF204"}
