""":meth:`Summary.of` reads the fields straight from the front matter, for speed: held here to
the way it was made before (kept below as the reference: the properties of ``Document`` and
:func:`references`), over the FIRING handbooks, the bundled handbook, the synthetic handbook of
the benchmark and made-up front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tverrfaglig.checks.summary import Summary, approved_on, references
from tverrfaglig.document import BODY_ID_RE, Document, _body_id_spans, as_date, parse_document

from .test_fast_front_matter import _bench_check
from .test_registry import FIRING

ROOT = Path(__file__).resolve().parents[2]


def summary_before(doc: Document) -> Summary:
    code = doc.get("code")
    return Summary(
        path=doc.path,
        type=doc.type,
        id=doc.id,
        status=doc.status,
        title=doc.title,
        code=code if isinstance(code, str) else None,
        line_of_id=doc.line_of("id"),
        line_of_code=doc.line_of("code"),
        references=tuple(references(doc)),
        document=None if doc.is_handbook_document else doc,
        approved_on=approved_before(doc),
        version=doc.get("version") if isinstance(doc.get("version"), str) else None,
    )


def approved_before(doc: Document) -> dt.date | None:
    dates = [as_date(doc.get("valid_from"))]
    changes = doc.get("changes")
    if isinstance(changes, list) and changes and isinstance(changes[-1], dict):
        dates.append(as_date(changes[-1].get("date")))
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def same(path: str, text: str) -> None:
    doc, _findings = parse_document(path, text.encode("utf-8", errors="surrogatepass"))
    if doc is None or doc.meta is None:
        return
    assert Summary.of(doc) == summary_before(doc), text
    assert approved_on(doc) == approved_before(doc)


@pytest.mark.parametrize("code", sorted(FIRING))
def test_the_firing_handbooks(code: str) -> None:
    for name, text in FIRING[code]().items():
        if name.endswith(".md"):
            same(name, text)


def test_the_bundled_handbook() -> None:
    for path in sorted((ROOT / "handbook").rglob("*.md")):
        same(path.name, path.read_text(encoding="utf-8"))


def test_the_synthetic_handbook() -> None:
    import random

    bench = _bench_check()
    rng = random.Random(2)
    for i in range(30):
        same(f"d{i}.md", bench.document(rng, i, 1000))


VALUES: Any = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.sampled_from(["IV.7-2", "IV.7-5", " IV.7-8 ", "x", "", "procedure", "network", "minutes"]),
    st.sampled_from(["2026-01-01", "2025-12-31", "2026-13-45", "1.0"]),
    st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)).map(dt.date.isoformat),
)
KEYS = st.sampled_from(
    ["id", "type", "status", "title", "code", "version", "valid_from", "mandate", "owner"]
)


def _yaml(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if not isinstance(value, str) else f'"{value}"' if value else "''"


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(KEYS, VALUES, max_size=8),
    st.lists(VALUES, max_size=4) | st.none(),
    st.lists(st.tuples(st.sampled_from(["2026-02-01", "2024-05-05", "x"]), st.booleans())),
    st.sampled_from(["", "Se IV.7-2 og IV.7-5.\n", "IV.7-2\n\nIV.9-1 og IV.7-2-3\n"]),
)
def test_made_up_front_matter(
    fields: dict[str, object],
    refs: list[object] | None,
    changes: list[tuple[str, bool]],
    body: str,
) -> None:
    lines = ["---", *(f"{key}: {_yaml(value)}" for key, value in fields.items())]
    if refs is not None:
        lines += ["references:", *(f"  - {_yaml(ref)}" for ref in refs)]
    if changes:
        lines.append("changes:")
        for date, dated in changes:
            lines.append(f"  - date: {date}" if dated else "  - summary: x")
    lines += ["---", body]
    same("a.md", "\n".join(lines))


# --- Document.body_ids: the expression tried only before a hyphen and a digit -----------------


def spans_before(body: str) -> list[tuple[int, int]]:
    return [match.span() for match in BODY_ID_RE.finditer(body)]


@pytest.mark.parametrize(
    "body",
    [
        "",
        "IV.7-2",
        "Se IV.7-2, IV.7-5 og XIV.10.3-12.",
        "aIV.7-2 IV.7-2a IV.7-2-3 IV.7-2.4 IV.7-2.x /IV.7-2 -IV.7-2 .IV.7-2 _IV.7-2",
        "IV..7-2 IV.-2 IV-2 I-2 IV.7- IV.7-x -2 --2 IV.7--2",
        "IV.7-2IV.7-3 IV.7-2\nIV.7-3 (IV.7-4) «IV.7-5» IV.7-6.",
        "helse- og omsorgstjenesteloven § 3-4, - punkt, XIV-1 ØIV.7-2 éIV.7-2 IV.7-2ø",
        "MCIV.7-2 ICIV.7-2 VV.1-1 C-1 L.1.1.1.1-99999",
    ],
)
def test_body_ids_are_those_finditer_finds(body: str) -> None:
    assert list(_body_id_spans(body)) == spans_before(body)


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["I", "V", "X", "C", "L", "IV", ".", "-", "7", "12", "0", " ", "\n", "a", "ø", "_", "/"]
        ),
        max_size=40,
    ).map("".join)
)
def test_body_ids_are_those_finditer_finds_in_made_up_text(body: str) -> None:
    assert list(_body_id_spans(body)) == spans_before(body)
    doc = Document(path="a.md", text=body, body=body, body_line=5)
    lines = [5 + body.count("\n", 0, start) for start, _end in spans_before(body)]
    assert list(doc.body_ids()) == [
        (body[start:end], line)
        for (start, end), line in zip(spans_before(body), lines, strict=True)
    ]
