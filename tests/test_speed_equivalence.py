"""Speed-only changes held to the code they replaced: the same results, byte for byte.

``find_child_mentions`` skips a text in which no word may be a name before it looks at the
lines word by word, and ``parse_document`` finds the closing fence without splitting the whole
file into lines. Each is compared here with the way it was done before (kept below as the
reference), over hand-picked edge cases and over text made by hypothesis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tverrfaglig import yamlio
from tverrfaglig.checks.citations import citations
from tverrfaglig.child_mentions import (
    _WORD,
    ChildMention,
    _mention,
    find_child_mentions,
    first_names,
)
from tverrfaglig.document import _FENCE, Document, _load_front_matter, parse_document
from tverrfaglig.findings import Finding
from tverrfaglig.i18n import using
from tverrfaglig.laws import load_registry, parse_legal_basis

TODAY = dt.date(2026, 6, 1)


def mentions_before(text: str) -> Iterator[ChildMention]:
    """find_child_mentions before the pre-filter: every line, word by word."""
    names = first_names()
    fence = False
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence:
            continue
        found = _mention(_WORD.findall(line), names)
        if found is not None:
            yield ChildMention(number, *found)


NAMES = sorted(first_names())
WORDS = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(["Per", "Liv", "Dag", "per", "liv", "ola", "OLA", "xOla", "Olav", "Kari-Anne"]),
    st.sampled_from(["8B", "10A", "3.", "trinn", "12", "år", "(14)", "9-åring", "ADHD", "angst"]),
    st.sampled_from(["og", "i", "på", "skolen", "barnet", "-", "*", "#", "1.", "```", "~~~"]),
    st.text(alphabet="«»\"'()[]{},.;:!?*_ \u00a0\u2003\t\r\x0b\x1cabØÅæ", max_size=4),
)
PUNCT = st.sampled_from(["", "«", "»", "(", ")", ",", ".", ":", "!", "?", "*", "_", '"', "'", "["])


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        parts.append(draw(PUNCT) + draw(WORDS) + draw(PUNCT))
        parts.append(draw(st.sampled_from([" ", " ", "\n", "\u00a0", "\u2003", "\t", "", "\r\n"])))
    return "".join(parts)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Ola (8B) på skolen",
        "«Ola» (8B)",
        "_Ola_, 12 år",
        "xOla 8B",
        "Ola\u00a08B",
        "Ola\u20038B",
        "Olav 8B",
        "Per 8B. Vi så at Per har angst",
        "```\nOla 8B\n```\nKari 10A",
        "Ola-8B",
        "ingen navn her: 8B, 12 år, ADHD",
    ],
)
def test_child_mentions_are_those_found_word_by_word(text: str) -> None:
    assert list(find_child_mentions(text)) == list(mentions_before(text))


@settings(max_examples=800, deadline=None)
@given(texts())
def test_child_mentions_are_those_found_word_by_word_on_made_up_text(text: str) -> None:
    assert list(find_child_mentions(text)) == list(mentions_before(text))


def parse_before(path: str, data: bytes) -> tuple[Document | None, list[Finding]]:
    """parse_document's fences found as before: the whole file split into lines."""
    text = data.decode("utf-8")
    doc = Document(path=path, text=text)
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        return doc, ["no front matter"]  # type: ignore[list-item]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (_FENCE, "...")), None)
    if end is None:
        return doc, ["not closed"]  # type: ignore[list-item]
    doc.body = "\n".join(lines[end + 1 :])
    doc.body_line = end + 2
    meta, problems = _load_front_matter(path, "\n".join(lines[1:end]), doc)
    doc.meta = meta
    return doc, problems


def same_parse(text: str) -> None:
    data = text.encode("utf-8")
    if not data.strip() or text.startswith("\ufeff"):
        return  # decided before the fences are looked for, unchanged
    new, new_findings = parse_document("a.md", data)
    old, old_findings = parse_before("a.md", data)
    assert new is not None and old is not None
    assert (new.body, new.body_line, new.meta, new.key_lines, new.item_lines) == (
        old.body,
        old.body_line,
        old.meta,
        old.key_lines,
        old.item_lines,
    )
    if old_findings and isinstance(old_findings[0], str):
        assert [f.code for f in new_findings] == ["TVF001"]
        assert new_findings[0].message.startswith(
            "Front matter mangler" if old_findings[0] == "no front matter" else "Front matter er"
        )
    else:
        assert new_findings == old_findings


@pytest.mark.parametrize(
    "text",
    [
        "---",
        "---\n",
        "---\n---",
        "---\n---\n",
        "---\n...\nbody",
        "--- \t\nid: IV.1-1\n---  \n# T\n",
        "---\r\nid: IV.1-1\r\n---\r\nbody\r\n",
        "---\nid: IV.1-1\ntitle: x\n",
        "----\nid: x\n---\n",
        "---\nid: x\n--- x\n---\nbody\n---\nmore",
        "x\n---\nid: x\n---\n",
        "---\n\n\n---\n\n\nbody",
        "---\nid: x\n---",
    ],
)
def test_the_fences_are_found_as_before(text: str) -> None:
    same_parse(text)


LINES = st.sampled_from(
    [
        "---",
        "--- ",
        "---\t",
        "...",
        "....",
        "----",
        "- ---",
        "id: IV.1-1",
        "title: Tittel",
        "references:",
        "  - IV.2-1",
        "",
        " ",
        "# Overskrift",
        "tekst\r",
        "valid_from: 2026-01-01",
    ]
)


@settings(max_examples=800, deadline=None)
@given(st.lists(LINES, max_size=12), st.booleans())
def test_the_fences_are_found_as_before_in_made_up_files(lines: list[str], newline: bool) -> None:
    same_parse("\n".join(lines) + ("\n" if newline else ""))


def test_a_scalar_read_again_is_the_same_value() -> None:
    first = yamlio.load_simple("a: 2026-01-01\nb: ja\nc: 1.0\nd: null\ne: tekst\n")
    again = yamlio.load_simple("a: 2026-01-01\nb: ja\nc: 1.0\nd: null\ne: tekst\n")
    assert first == again
    assert first is not None
    assert [type(v).__name__ for v in first[0].values()] == [
        "date",
        "str",
        "float",
        "NoneType",
        "str",
    ]


def test_legal_basis_entries_read_again_give_what_the_parser_gives(tmp_path: Path) -> None:
    laws, _problems = load_registry(tmp_path)
    entries = ["barnehageloven § 2 b", "ikke en lov", "opplæringslova §§ 24-1 og 24-2", "§"]
    lines = "".join(f"  - {entry}\n" for entry in entries)
    data = f"---\nid: IV.1-1\nlegal_basis:\n{lines}---\nTekst.\n".encode()
    doc, _findings = parse_document("a.md", data)
    assert doc is not None
    for language in ("nb", "en", "nb"):
        with using(language):
            for _round in range(2):
                problems: list[tuple[str, int | None]] = []
                found = citations(doc, laws, TODAY, lambda m, n, seen=problems: seen.append((m, n)))
                expected = [parse_legal_basis(e, 4 + i, laws, TODAY) for i, e in enumerate(entries)]
                assert problems == [
                    (e, 4 + i) for i, e in enumerate(expected) if isinstance(e, str)
                ]
                assert problems  # a message, in the language in use
                assert found == [e for e in expected if not isinstance(e, str)]
                assert found
