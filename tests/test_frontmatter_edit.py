"""Byte-preserving front-matter edits: examples, refusals and a property-based test."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tverrfaglig.document import parse_document
from tverrfaglig.fingerprint import STAMP_KEYS
from tverrfaglig.frontmatter_edit import (
    AppendItem,
    Edit,
    FrontMatterEditError,
    SetValue,
    double_quoted,
    edit_front_matter,
    plain,
    render_scalar,
    split,
)

DAY = dt.date(2026, 11, 25)
ITEM = {"version": "1.1", "date": DAY, "by": "Kari Nordmann", "summary": "Nye frister: 14 dager"}
STAMP: dict[str, Edit] = {
    "version": SetValue("1.1"),
    "status": SetValue("approved"),
    "approved_by": SetValue("Kari Nordmann"),
    "valid_from": SetValue(DAY),
    "review_by": SetValue(dt.date(2028, 11, 25)),
    "changes": AppendItem(ITEM),
    "fingerprint": SetValue("sha256:" + "ab" * 32),
}


def meta_of(text: str) -> dict[str, Any]:
    doc, problems = parse_document("x.md", text.encode("utf-8"))
    assert doc is not None and doc.meta is not None and not problems, problems
    return doc.meta


def test_values_keep_their_quoting_and_trailing_comments() -> None:
    text = (
        "---\nid: IV.7-2\nversion: '1.0'  # enkel\nstatus: \"draft\" # dobbel\n"
        "approved_by: Ola\nowner: x\n---\nbody\n"
    )
    new = edit_front_matter(
        text,
        {
            "version": SetValue("1.1"),
            "status": SetValue("approved"),
            "approved_by": SetValue("Kari: leder"),
        },
    )
    assert new == (
        "---\nid: IV.7-2\nversion: '1.1'  # enkel\nstatus: \"approved\" # dobbel\n"
        'approved_by: "Kari: leder"\nowner: x\n---\nbody\n'
    )


def test_absent_keys_are_added_at_the_end_in_the_order_given() -> None:
    text = "---\nid: IV.7-2\n# siste kommentar\n---\nbody"
    new = edit_front_matter(text, {"b": SetValue("2"), "a": SetValue(DAY)})
    assert new == '---\nid: IV.7-2\n# siste kommentar\nb: "2"\na: 2026-11-25\n---\nbody'


def test_crlf_is_kept_for_new_and_edited_lines() -> None:
    text = (
        '---\r\nid: IV.7-2\r\nversion: "1.0"\r\nchanges:\r\n  - version: "1.0"\r\n'
        "    date: 2025-01-01\r\n    by: X\r\n    summary: Y\r\n---\r\nA\r\nB"
    )
    new = edit_front_matter(text, STAMP)
    assert "\n" not in new.replace("\r\n", "")
    assert new.endswith("---\r\nA\r\nB")
    assert '  - version: "1.1"\r\n    date: 2026-11-25\r\n' in new


def test_append_to_block_list_copies_indentation_and_quoting() -> None:
    text = (
        "---\nchanges:\n-   version: '1.0'\n    date: 2025-01-01\n    by: X\n"
        "    summary: 'Y'\n\n# neste\nid: IV.7-2\n---\n"
    )
    new = edit_front_matter(text, {"changes": AppendItem(ITEM)})
    assert new == (
        "---\nchanges:\n-   version: '1.0'\n    date: 2025-01-01\n    by: X\n"
        "    summary: 'Y'\n-   version: '1.1'\n    date: 2026-11-25\n"
        "    by: Kari Nordmann\n    summary: 'Nye frister: 14 dager'\n\n# neste\n"
        "id: IV.7-2\n---\n"
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "changes: []\n",
            'changes: [{version: "1.1", date: 2026-11-25, by: Kari Nordmann, '
            'summary: "Nye frister: 14 dager"}]\n',
        ),
        (
            "changes: [{version: '1.0', date: 2025-01-01, by: X, summary: Y}]\n",
            "changes: [{version: '1.0', date: 2025-01-01, by: X, summary: Y}, {version: \"1.1\", "
            'date: 2026-11-25, by: Kari Nordmann, summary: "Nye frister: 14 dager"}]\n',
        ),
        (
            "changes:  # logg\n",
            'changes:  # logg\n  - version: "1.1"\n    date: 2026-11-25\n'
            '    by: Kari Nordmann\n    summary: "Nye frister: 14 dager"\n',
        ),
        (
            "changes: ~\n",
            'changes:\n  - version: "1.1"\n    date: 2026-11-25\n'
            '    by: Kari Nordmann\n    summary: "Nye frister: 14 dager"\n',
        ),
    ],
)
def test_append_to_flow_empty_and_null_lists(before: str, after: str) -> None:
    text = f"---\nid: IV.7-2\n{before}owner: x\n---\n"
    assert (
        edit_front_matter(text, {"changes": AppendItem(ITEM)})
        == f"---\nid: IV.7-2\n{after}owner: x\n---\n"
    )


def test_multi_line_and_empty_values_are_replaced_whole() -> None:
    text = (
        "---\napproved_by: >-\n  Forebyggende\n  forum\n\nstatus:\n"
        "review_by:  # senere\nid: IV.7-2\n---\n"
    )
    new = edit_front_matter(
        text,
        {"approved_by": SetValue("Ola"), "status": SetValue("draft"), "review_by": SetValue(DAY)},
    )
    assert new == (
        "---\napproved_by: Ola\n\nstatus: draft\nreview_by: 2026-11-25  # senere\nid: IV.7-2\n---\n"
    )


def test_indented_top_level_mapping_gets_indented_new_keys() -> None:
    text = "---\n  id: IV.7-2\n  owner: x\n---\n"
    new = edit_front_matter(text, {"status": SetValue("approved")})
    assert new == "---\n  id: IV.7-2\n  owner: x\n  status: approved\n---\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\n{id: IV.7-2}\n---\n", "flow-stil"),
        ("---\nid: &a IV.7-2\nversion: *a\n---\n", "alias"),
        ("---\nchanges: tekst\n---\n", "ikke en liste"),
        ("ingen front matter\n", "ingen front matter"),
        ("---\nid: IV.7-2\n", "ikke avsluttet"),
        ("---\n- a\n---\n", "navn og verdi"),
        ("---\nversion: 1\nversion: 2\n---\n", "to ganger"),
    ],
)
def test_unsafe_shapes_are_refused(text: str, message: str) -> None:
    with pytest.raises(FrontMatterEditError, match=message):
        edit_front_matter(
            text, {"version": SetValue("1.1"), "changes": AppendItem(ITEM)}, path="a.md"
        )


def test_an_anchor_that_an_edit_would_break_is_refused_not_written() -> None:
    text = "---\nversion: &v '1.0'\nold_version: *v\n---\n"
    with pytest.raises(FrontMatterEditError, match="ugyldig front matter"):
        edit_front_matter(text, {"version": SetValue("1.1")})


@pytest.mark.parametrize(
    "value",
    [
        "enkel",
        "1.1",
        "yes",
        "null",
        "2026-13-45",
        "a: b",
        "a #b",
        "- x",
        "'q'",
        '"q"',
        "  pad",
        "tab\there",
        "ny\nlinje",
        "\x07bell",
        "\u2028sep",
        "æøå «»",
        "👩‍👧",
        "\\back",
        "%tag",
        "@at",
        "`tick`",
        "{x}",
        "[x]",
        "*star",
        "&amp",
        "!bang",
        "|pipe",
        ">gt",
        "?q",
        "~",
        "",
    ],
)
@pytest.mark.parametrize("style", [None, "'", '"'])
def test_rendered_scalars_load_back_to_the_same_string(value: str, style: str | None) -> None:
    rendered = render_scalar(value, style)
    assert "\n" not in rendered
    assert yaml.safe_load(f"k: {rendered}  # c\n") == {"k": value}
    flow = render_scalar(value, style, flow=True)
    assert yaml.safe_load(f"[{{k: {flow}}}]") == [{"k": value}]


def test_double_quoted_escapes_only_what_it_must() -> None:
    assert double_quoted('a"b\\c\x00') == '"a\\"b\\\\c\\x00"'
    assert double_quoted("ære") == '"ære"'


# --- Property: stamping changes only the stamping keys ----------------------------------------

# Scalars and bodies: anything a text file can hold (YAML escapes what it must in scalars).
SAFE_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TEXTS = st.text(
    st.characters(blacklist_categories=("Cs", "Cn", "Co"), blacklist_characters="\x00\ufeff"),
    min_size=1,
    max_size=12,
)
# Comments hold text as written: no line breaks and nothing YAML forbids unescaped.
COMMENTS = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Cn", "Co"), blacklist_characters="\ufeff"
    ),
    max_size=12,
)


def _scalar(value: Any, style: str) -> str:
    """Render with PyYAML's own emitter (independent of the code under test)."""
    if style == "plain":
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        try:
            if (
                yaml.safe_load(f"k: {text}\n") == {"k": value}
                and text == text.strip()
                and "\n" not in text
                and "\r" not in text
            ):
                return text
        except (yaml.YAMLError, ValueError):
            pass
        style = '"'
    if isinstance(value, dt.date):
        value = value.isoformat()
    out = yaml.safe_dump(value, default_style=style, allow_unicode=True, width=10**6)
    return str(out).removesuffix("\n").removesuffix("\n...")


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    """A front matter of top-level entries in random styles, plus comments and blank lines,
    with some stamping keys missing; returns (text, newline, the trailing comments)."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines: list[str] = []
    tails: list[str] = []
    keys = ["id", "title", "owner", "note", *STAMP_KEYS]
    present = draw(st.lists(st.sampled_from(keys), unique=True, min_size=1))
    for key in present:
        if draw(st.booleans()):
            lines.append("#" + draw(COMMENTS))
        if draw(st.booleans()):
            lines.append("")
        style = draw(st.sampled_from(["plain", "'", '"']))
        comment = draw(st.one_of(st.none(), COMMENTS))
        tail = "" if comment is None else "  #" + comment
        tails.append(tail)
        if key == "changes":
            kind = draw(st.sampled_from(["block", "flow", "empty"]))
            if kind == "empty":
                lines.append(f"changes:{tail}")
            elif kind == "flow":
                lines.append(f"changes: []{tail}")
            else:
                lines.append(f"changes:{tail}")
                dash = " " * draw(st.integers(0, 3))
                for i in range(draw(st.integers(1, 2))):
                    lines.append(f"{dash}- version: {_scalar(f'1.{i}', style)}")
                    lines.append(f"{dash}  date: {_scalar(dt.date(2025, 1, 1 + i), style)}")
                    lines.append(f"{dash}  by: {_scalar(draw(TEXTS), style)}")
                    lines.append(f"{dash}  summary: {_scalar(draw(TEXTS), style)}")
                    if draw(st.booleans()):
                        lines.append(f"{dash}  # {draw(COMMENTS)}")
            continue
        if key in ("valid_from", "review_by"):
            value: Any = draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
        elif key == "version":
            value = f"{draw(st.integers(0, 20))}.{draw(st.integers(0, 20))}"
        else:
            value = draw(TEXTS)
        lines.append(f"{key}: {_scalar(value, style)}{tail}")
    if draw(st.booleans()):
        lines.append("# slutt")
    body = draw(st.text(SAFE_CHARS, max_size=80))
    text = "---" + newline + "".join(line + newline for line in lines) + "---" + newline + body
    return text, newline, tails


def _last_index(node: yaml.Node) -> int:
    """The index of the last character of a value's own text (not the comments after it)."""
    if isinstance(node, yaml.SequenceNode) and node.value and node.flow_style is not True:
        return _last_index(node.value[-1])
    if isinstance(node, yaml.MappingNode) and node.value and node.flow_style is not True:
        return _last_index(node.value[-1][1])
    if isinstance(node, yaml.ScalarNode) and node.value == "" and node.style is None:
        return node.start_mark.index  # a null: its end mark points past what follows
    return max(node.end_mark.index - 1, node.start_mark.index)


def _without_stamping_entries(front_lines: list[str], newline: str) -> list[str]:
    """Drop the lines of stamping entries: the key line, the indented or ``-`` lines after
    it, and every line inside its value (a quoted scalar may span blank lines, and may hold
    bare line feeds in a CRLF file). Comment lines at column 0 and blank lines between
    entries are kept."""
    starts = list(
        itertools.accumulate((len(line) + len(newline) for line in front_lines[:-1]), initial=0)
    )
    inside_value: set[int] = set()
    node = yaml.compose(newline.join(front_lines), Loader=yaml.SafeLoader)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value in STAMP_KEYS:
                first = bisect.bisect_right(starts, key.start_mark.index) - 1
                last = bisect.bisect_right(starts, _last_index(value)) - 1
                inside_value.update(range(first, max(first, last) + 1))
    kept, inside = [], False
    for number, line in enumerate(front_lines):
        top = re.match(r"([A-Za-z_]+):", line)
        if top:
            inside = top.group(1) in STAMP_KEYS
            if inside:
                continue
        elif number in inside_value or (inside and line.startswith((" ", "-"))):
            continue
        kept.append(line)
    return kept


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_stamping_changes_only_the_stamping_keys(case: tuple[str, str, list[str]]) -> None:
    text, newline, tails = case
    old = split(text)
    new_text = edit_front_matter(text, STAMP)
    new = split(new_text)
    # The body and the opening fence: identical, byte for byte.
    assert new_text[new.end :] == text[old.end :]
    assert new_text[: new.start] == text[: old.start]
    # Every other line, comment and blank line: identical and in the same order.
    old_lines = text[old.start : old.end].split(newline)
    new_lines = new_text[new.start : new.end].split(newline)
    assert _without_stamping_entries(new_lines, newline) == _without_stamping_entries(
        old_lines, newline
    )
    # Comments on the stamping keys' own lines survive too.
    for tail in tails:
        assert tail + newline in new_text[new.start : new.end]
    # No bare LF sneaks into a CRLF file (a replaced stamping value may take some away;
    # the ones in other lines are kept, as the line comparison above shows).
    if newline == "\r\n":
        assert new_text[: new.end].replace("\r\n", "").count("\n") <= text[: old.end].replace(
            "\r\n", ""
        ).count("\n")
    # And the values: the other keys as they were, the stamping keys as stamped.
    before, after = meta_of(text), meta_of(new_text)
    assert plain({k: v for k, v in after.items() if k not in STAMP_KEYS}) == plain(
        {k: v for k, v in before.items() if k not in STAMP_KEYS}
    )
    assert after["version"] == "1.1" and after["status"] == "approved"
    assert plain(after["changes"][-1]) == plain(ITEM)
    old_changes = before.get("changes") or []
    assert plain(after["changes"][:-1]) == plain(old_changes)
