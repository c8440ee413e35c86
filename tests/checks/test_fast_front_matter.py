"""The fast path for front matter (:func:`tverrfaglig.yamlio.load_simple`) against the exact one
(the node tree): where the fast path answers, it gives the same values, key lines and item
lines, over the FIRING handbooks, the bundled handbook, the synthetic handbook of the benchmark
and generated front matter. Where it does not answer, the exact path reads the file."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tverrfaglig import yamlio
from tverrfaglig.document import Document, _load_front_matter_exactly, parse_document

from .test_registry import FIRING

ROOT = Path(__file__).resolve().parents[2]


def _bench_check() -> Any:
    spec = importlib.util.spec_from_file_location("bench_check", ROOT / "bench" / "bench_check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_check", module)
    spec.loader.exec_module(module)
    return module


def typed(value: Any) -> Any:
    """The value with the type of every scalar, so 1, 1.0 and True differ and NaN is NaN."""
    if isinstance(value, dict):
        return {"dict": [(typed(k), typed(v)) for k, v in value.items()]}
    if isinstance(value, list):
        return {"list": [typed(v) for v in value]}
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def block_of(text: str) -> str | None:
    """The front-matter block of a file's text as parse_document cuts it (None: none)."""
    lines = text.removeprefix("\ufeff").split("\n")
    if lines[0].rstrip() != "---":
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    return None if end is None else "\n".join(lines[1:end])


def same(block: str) -> bool:
    """Assert that the fast path, when it answers, agrees with the exact one; True when it
    answered."""
    fast = yamlio.load_simple(block, 2)
    if fast is None:
        return False
    doc = Document(path="a.md", text="")
    meta, findings = _load_front_matter_exactly("a.md", block, doc)
    assert findings == [], block
    assert meta is not None, block
    data, key_lines, item_lines = fast
    assert typed(data) == typed(meta), block
    assert list(key_lines.items()) == list(doc.key_lines.items()), block
    assert item_lines == doc.item_lines, block
    return True


@pytest.mark.parametrize("code", sorted(FIRING))
def test_the_firing_handbooks(code: str) -> None:
    for name, text in FIRING[code]().items():
        if name.endswith(".md") or ".md." in name:
            block = block_of(text)
            if block is not None:
                same(block)


def test_the_bundled_handbook() -> None:
    files = sorted((ROOT / "handbook").rglob("*.md"))
    blocks = [b for b in (block_of(p.read_text(encoding="utf-8")) for p in files) if b]
    answered = sum(same(block) for block in blocks)
    # The networks and minutes (nested mappings) go the exact way; the documents do not.
    assert answered >= len(blocks) - 6, f"{answered} of {len(blocks)}"


def test_the_synthetic_handbook_takes_the_fast_path() -> None:
    bench = _bench_check()
    import random

    rng = random.Random(1)
    for i in range(50):
        block = block_of(bench.document(rng, i, 1000))
        assert block is not None and same(block)


def test_the_parsed_document_is_the_same_either_way() -> None:
    text = (
        "---\nid: IV.7-2\ntitle: 'T: x'\nversion: \"1.0\"\nvalid_from: 2026-01-01\n"
        "review_by: 2026-13-45\nn: 12:30\nflag: yes\nnothing:\n# note\nempty: []\n"
        "references:\n  - IV.7-5\n\n  - IV.7-8 # not a comment? yes, a comment\n"
        "legal_basis:\n- barnehageloven § 2 b\n---\nse IV.7-5\n"
    )
    # The comment after an item is not plain: the whole block goes the exact way.
    block = block_of(text)
    assert block is not None and yamlio.load_simple(block) is None
    simple = text.replace(" # not a comment? yes, a comment", "")
    block = block_of(simple)
    assert block is not None and same(block)
    doc, findings = parse_document("a.md", simple.encode())
    assert findings == [] and doc is not None
    assert doc.line_of("references", 1) == 15 and doc.line_of("legal_basis", 0) == 17
    assert doc.get("flag") is True and doc.get("n") == 750 and doc.get("empty") == []


@pytest.mark.parametrize(
    "block",
    [
        "a: &x 1\nb: *x",  # anchors and aliases
        "a: {b: 1,\n  c: 2}",  # a flow mapping over two lines
        "a: 1\na: 2",  # a key written twice (TVF001)
        "a:\tb",  # a tab
        "a: 'it''s'",  # a quote inside quotes
        'a: "x\\ty"',  # an escape
        "a: [b, c]",  # a flow sequence
        "a: b\n  c",  # a continuation line
        "a: |\n  b",  # a block scalar
        "a:\n  b: 1",  # a nested mapping
        "a:\n  - b: 1",  # a list of mappings
        "a: b: c",  # not YAML
        "yes: 1",  # a key that is not a string
        "a: !!str 1",  # a tag
        "a: 1\r\nb: 2",  # a carriage return
        "a: 1" + "2" * 5000,  # a number too long
        "a: =",  # the value tag
        "a:\n  - x\n - y",  # items at two indents
        "# only a comment",
        "",
    ],
)
def test_what_the_fast_path_leaves_to_the_exact_one(block: str) -> None:
    assert yamlio.load_simple(block) is None


# --- Generated front matter ------------------------------------------------------------------

WORDS = [
    "id",
    "title",
    "references",
    "a-b",
    "_x",
    "æ",
    "yes",
    "No",
    "null",
    "on",
    "~",
    "2026",
    "2026-01-01",
    "2026-13-45",
    "2026-01-01 10:00",
    "2026-01-01T10:00:00Z",
    "12:30",
    "1.0",
    ".5",
    ".inf",
    ".NaN",
    "0x1F",
    "0o17",
    "1_000",
    "+1",
    "-1",
    "1e3",
    "=",
    "<<",
    "IV.7-2",
    "barnehageloven § 2 b",
    "TRUE",
    "Off",
    "y",
    "n",
    "http://x.no/a#b",
    "a:b",
    "a #b",
    "a# b",
    "...",
    "---",
    "-x",
    "?x",
    ":x",
    "x:",
]
CHARS = "aZ09 -:#'\"[]{}&*!|>%@`,?._~\\/\tæ§\u00a0\u2028\x85\ufeff\x7f\r"

CLEAN = "abZ09 .-:#/§æ_'\"+"  # mostly what front matter holds: the fast path answers often
scalars = st.one_of(
    st.sampled_from(WORDS),
    st.text(CHARS, min_size=1, max_size=8),
    st.text(CLEAN, min_size=1, max_size=10),
    st.builds(lambda w: f'"{w}"', st.sampled_from(WORDS)),
    st.builds(lambda w: f"'{w}'", st.text(CHARS, max_size=6)),
)
clean_scalars = st.one_of(
    st.sampled_from(WORDS),
    st.text(CLEAN, min_size=1, max_size=10),
    st.builds(lambda w: f'"{w}"', st.text(CLEAN, max_size=6)),
)
keys = st.one_of(st.sampled_from(WORDS[:12]), st.text("abz_-9æ:", min_size=1, max_size=4))
clean_keys = st.one_of(
    st.sampled_from(["id", "title", "type", "references", "a-b", "_x", "on"]),
    st.from_regex(r"[a-z_][a-z0-9_-]{0,5}", fullmatch=True),
)
spaces = st.sampled_from(["", " ", "  ", "    "])
lines = st.one_of(
    st.builds(lambda k, s, v: f"{k}:{s or ' '}{v}", keys, spaces, scalars),
    st.builds(lambda k, s: f"{k}:{s}", keys, spaces),
    st.builds(lambda k: f"{k}: []", keys),
    st.builds(lambda i, v, s: f"{i}-{s or ' '}{v}", spaces, scalars, spaces),
    st.builds(lambda i, v: f"{i}# {v}", spaces, scalars),
    spaces,
    st.builds(lambda i, v: f"{i}{v}", spaces, scalars),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(lines, min_size=1, max_size=10))
def test_generated_front_matter(block_lines: list[str]) -> None:
    same("\n".join(block_lines))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(clean_keys, st.one_of(clean_scalars, st.lists(clean_scalars, max_size=3))),
        min_size=1,
        max_size=8,
    ),
    spaces,
)
def test_generated_plain_front_matter(fields: list[tuple[str, Any]], indent: str) -> None:
    """Front matter in the plain form (mostly): keys with a value or a list."""
    out: list[str] = []
    for key, value in fields:
        if isinstance(value, list):
            out.append(f"{key}:")
            out.extend(f"{indent}- {item}" for item in value)
        else:
            out.append(f"{key}: {value}")
    same("\n".join(out))
