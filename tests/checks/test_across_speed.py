"""check_across lets a document skip the reference rules when they cannot fire (every reference
names a document that exists and is not retired; approved no earlier than any document it could
refer to): held here to the loop it replaced, over the FIRING handbooks and made-up handbooks
with missing, malformed and retired targets and approvals on many dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tverrfaglig.checks.engine import check_across
from tverrfaglig.checks.fingerprints import check_suspect_references
from tverrfaglig.checks.identity import check_unique
from tverrfaglig.checks.networks import check_networks
from tverrfaglig.checks.references import check_references
from tverrfaglig.checks.summary import Index, Summary
from tverrfaglig.findings import Finding
from tverrfaglig.handbook import load_handbook

from .test_registry import FIRING
from helpers import doc_text, handbook, meta

TODAY = dt.date(2026, 11, 25)


def across_before(summaries: list[Summary], today: dt.date) -> Iterator[Finding]:
    index = Index.build(summaries)
    yield from check_unique(summaries)
    for summary in summaries:
        yield from check_references(summary, index)
        yield from check_suspect_references(summary, index.by_id)
    yield from check_networks((s.document for s in summaries), today)


def summaries_of(root: Path) -> list[Summary]:
    loaded = load_handbook(root)
    return [Summary.of(doc) for doc in loaded.documents if doc.meta is not None]


@pytest.mark.parametrize("code", sorted(FIRING))
def test_the_firing_handbooks(code: str, tmp_path: Path) -> None:
    summaries = summaries_of(handbook(tmp_path / "hb", FIRING[code]()))
    assert list(check_across(summaries, TODAY)) == list(across_before(summaries, TODAY))


IDS = [f"IV.7-{n}" for n in range(1, 7)]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["approved", "draft", "retired"]),
            st.sampled_from(["2024-01-01", "2025-06-01", "2026-01-01", None]),
            st.lists(st.sampled_from([*IDS, "IV.9-9", "ikke-en-id", "IV.7-1 "]), max_size=4),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_made_up_handbooks(documents: list[tuple[str, str | None, list[str]]]) -> None:
    import tempfile

    files = {}
    for number, (status, valid_from, refs) in enumerate(documents, start=1):
        fields: dict[str, object] = {"status": status, "references": refs}
        if valid_from is not None:
            fields["valid_from"] = valid_from
        elif status == "approved":
            fields["status"] = "draft"
        files[f"d{number}.md"] = doc_text(meta(IDS[number - 1], **fields))
    with tempfile.TemporaryDirectory() as tmp:
        summaries = summaries_of(handbook(Path(tmp) / "hb", files))
    assert list(check_across(summaries, TODAY)) == list(across_before(summaries, TODAY))


def test_a_handbook_where_every_reference_rule_fires(tmp_path: Path) -> None:
    files = {
        "a.md": doc_text(
            meta(
                "IV.7-1",
                valid_from="2024-01-01",
                references=["IV.7-2", "IV.7-3", "IV.9-9", "ikke-en-id"],
            )
        ),
        "b.md": doc_text(meta("IV.7-2", valid_from="2026-01-01", references=["IV.7-1"])),
        "c.md": doc_text(meta("IV.7-3", status="retired", valid_from="2020-01-01")),
    }
    summaries = summaries_of(handbook(tmp_path / "hb", files))
    found = list(check_across(summaries, TODAY))
    assert found == list(across_before(summaries, TODAY))
    assert {f.code for f in found} >= {"TVF004", "TVF101", "TVF102", "TVF103"}
