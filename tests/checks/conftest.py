"""Fixtures shared by the tests of the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import doc_text, handbook, meta


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    """A clean handbook of two documents that refer to each other and cite two laws."""
    return handbook(
        tmp_path / "hb",
        {
            "prosedyrer/a.md": doc_text(
                meta("IV.7-2", references=["IV.7.1-5"], legal_basis=["barnehageloven § 2 b"]),
                "Se IV.7.1-5 og helse- og omsorgstjenesteloven § 3-4.\n",
            ),
            "vedlegg/b.md": doc_text(meta("IV.7.1-5", type="attachment")),
        },
    )
