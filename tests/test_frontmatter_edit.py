"""Byte-preserving front-matter edits: examples, refusals and a property-based test."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from decimal import Decimal
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
    Parts,
    SetValue,
    _verify,
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


# --- Mutation testing (make mutants): refusals, rare shapes and the check after every edit ----

HINT = "tvf har ikke endret filen. Rett front matter for hånd, eller meld fra om feilen."
ITEM2 = {"version": "1.1", "by": "Kari Nordmann", "summary": "Nye frister"}


@pytest.mark.parametrize(
    ("text", "edits", "message"),
    [
        (
            "ingen front matter\n",
            {"status": SetValue("approved")},
            "Filen har ingen front matter (første linje må være «---»).",
        ),
        (
            "---\nid: IV.7-2\n",
            {"status": SetValue("approved")},
            "Front matter er ikke avsluttet med en linje «---».",
        ),
        (
            "---\n- a\n---\n",
            {"status": SetValue("approved")},
            "Front matter er ikke felt med navn og verdi.",
        ),
        (
            "---\n{id: IV.7-2}\n---\n",
            {"status": SetValue("approved")},
            "Front matter står i flow-stil ({…}); tvf kan bare redigere vanlige "
            "«navn: verdi»-linjer.",
        ),
        (
            "---\n? status\n:\n---\n",
            {"status": SetValue("approved")},
            "Fant ikke kolon etter feltet «status».",
        ),
        (
            "---\nstatus:\n- a\n-\n---\n",
            {"status": SetValue("approved")},
            "Den siste posten i lista er tom.",
        ),
        (
            "---\nid: &a IV.7-2\nversion: *a\n---\n",
            {"version": SetValue("1.1")},
            "Feltet «version» er et YAML-alias (*navn); skriv verdien direkte.",
        ),
        (
            "---\nold: &c [{version: '1.0'}]\nchanges: *c\n---\n",
            {"changes": AppendItem(ITEM2)},
            "Feltet «changes» er et YAML-alias (*navn).",
        ),
        (
            "---\nchanges: tekst\n---\n",
            {"changes": AppendItem(ITEM2)},
            "Feltet «changes» er ikke en liste.",
        ),
        (
            "---\nchanges:\n-\n  version: '1.0'\n---\n",
            {"changes": AppendItem(ITEM2)},
            "Uvanlig innrykk i lista «changes».",
        ),
        (
            "---\nversion: 1\nversion: 2\n---\n",
            {"version": SetValue("1.1")},
            "Feltet «version» står to ganger.",
        ),
    ],
)
def test_each_refusal_names_the_file_and_says_what_is_wrong(
    text: str, edits: dict[str, Edit], message: str
) -> None:
    with pytest.raises(FrontMatterEditError) as caught:
        edit_front_matter(text, edits, path="prosedyrer/a.md")
    assert caught.value.message == f"prosedyrer/a.md: {message}"
    assert caught.value.hint == HINT
    with pytest.raises(FrontMatterEditError) as caught:
        edit_front_matter(text, edits)
    assert caught.value.message == message


def test_invalid_yaml_is_refused_with_the_parser_message() -> None:
    with pytest.raises(FrontMatterEditError) as caught:
        edit_front_matter("---\nid: [IV.7-2\n---\n", {"status": SetValue("x")}, path="a.md")
    assert caught.value.message.startswith("a.md: Front matter er ikke gyldig YAML: ")
    assert "flow sequence" in caught.value.message


def test_split_finds_the_fences_and_the_body() -> None:
    assert split("---\nid: x\n---\nbody\n") == Parts(4, 10, 14, "\n")
    assert split("---\r\nid: x\r\n---\r\nbody") == Parts(5, 12, 17, "\r\n")
    assert split("---\n---\nbody") == Parts(4, 4, 8, "\n")  # an empty front matter
    assert split("---\nid: x\n...\nbody") == Parts(4, 10, 14, "\n")  # YAML's end marker
    assert split("---\nid: x\n---") == Parts(4, 10, 13, "\n")  # no line break at the end
    assert split("---  \nid: x\n---  \n") == Parts(6, 12, 18, "\n")  # spaces after a fence


def test_closing_fence_at_the_very_end_and_the_end_marker() -> None:
    assert (
        edit_front_matter("---\nid: x\n---", {"status": SetValue("draft")})
        == "---\nid: x\nstatus: draft\n---"
    )
    assert (
        edit_front_matter("---\nid: x\n...\nTekst", {"status": SetValue("draft")})
        == "---\nid: x\nstatus: draft\n...\nTekst"
    )
    assert (
        edit_front_matter("---\n---\nTekst", {"changes": AppendItem(ITEM2)})
        == '---\nchanges:\n  - version: "1.1"\n    by: Kari Nordmann\n    summary: Nye frister\n'
        "---\nTekst"
    )


def test_spaces_before_the_colon_are_kept() -> None:
    text = "---\nstatus  : draft\nreview_by  :\nchanges :\n---\n"
    new = edit_front_matter(
        text,
        {"status": SetValue("approved"), "review_by": SetValue(DAY), "changes": AppendItem(ITEM2)},
    )
    assert new == (
        "---\nstatus  : approved\nreview_by  : 2026-11-25\nchanges :\n"
        '  - version: "1.1"\n    by: Kari Nordmann\n    summary: Nye frister\n---\n'
    )


@pytest.mark.parametrize("null", ["null", "Null", "NULL", "~"])
def test_append_to_every_spelling_of_null(null: str) -> None:
    text = f"---\nchanges: {null}  # tom\nid: x\n---\n"
    assert edit_front_matter(text, {"changes": AppendItem(ITEM2)}) == (
        "---\nchanges:  # tom\n"
        '  - version: "1.1"\n    by: Kari Nordmann\n    summary: Nye frister\nid: x\n---\n'
    )


def test_a_new_list_in_an_indented_front_matter_is_indented_too() -> None:
    text = "---\n  id: IV.7-2\n---\n"
    assert edit_front_matter(text, {"changes": AppendItem(ITEM2)}) == (
        "---\n  id: IV.7-2\n  changes:\n"
        '    - version: "1.1"\n      by: Kari Nordmann\n      summary: Nye frister\n---\n'
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("changes: [ ]", 'changes: [ {version: "1.1", by: Kari Nordmann, summary: Nye frister}]'),
        (
            "changes: [{version: '1.0'},]",
            "changes: [{version: '1.0'}, "
            '{version: "1.1", by: Kari Nordmann, summary: Nye frister}]',
        ),
        (
            "changes: [{version: '1.0'} ]",
            "changes: [{version: '1.0'} , "
            '{version: "1.1", by: Kari Nordmann, summary: Nye frister}]',
        ),
    ],
)
def test_append_to_flow_lists_with_spaces_and_a_trailing_comma(before: str, after: str) -> None:
    text = f"---\n{before}  # logg\nid: x\n---\n"
    assert (
        edit_front_matter(text, {"changes": AppendItem(ITEM2)})
        == f"---\n{after}  # logg\nid: x\n---\n"
    )


def test_a_flow_item_quotes_what_flow_style_cannot_hold_plain() -> None:
    item = {"version": "1.1", "summary": "Frister, ansvar (nytt)"}
    text = "---\nchanges: []\n---\n"
    assert edit_front_matter(text, {"changes": AppendItem(item)}) == (
        '---\nchanges: [{version: "1.1", summary: "Frister, ansvar (nytt)"}]\n---\n'
    )


def test_append_to_a_block_list_of_flow_mappings() -> None:
    text = "---\nchanges:\n  -  {version: '1.0', by: X}\n---\n"
    assert edit_front_matter(text, {"changes": AppendItem(ITEM2)}) == (
        "---\nchanges:\n  -  {version: '1.0', by: X}\n"
        '  -  {version: "1.1", by: Kari Nordmann, summary: Nye frister}\n---\n'
    )


def test_appended_item_copies_double_quotes_but_not_a_block_scalar_style() -> None:
    text = '---\nchanges:\n- version: "1.0"\n  by: "X"\n  summary: |\n    Y\n  tags: [a]\n---\n'
    new = edit_front_matter(text, {"changes": AppendItem({**ITEM2, "tags": "b"})})
    assert new == (
        '---\nchanges:\n- version: "1.0"\n  by: "X"\n  summary: |\n    Y\n  tags: [a]\n'
        '- version: "1.1"\n  by: "Kari Nordmann"\n  summary: Nye frister\n  tags: b\n---\n'
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("approved_by: 'Ola\n  Nordmann'\n", "approved_by: 'Kari'\n"),
        ('approved_by: "Ola\n  Nordmann"  # leder\n', 'approved_by: "Kari"  # leder\n'),
        ("approved_by: Ola\n  Nordmann\n", "approved_by: Kari\n"),
        (
            "approved_by: |\n  Ola\n  Nordmann\n  \n\n# neste\n",
            "approved_by: Kari\n  \n\n# neste\n",
        ),
        ("approved_by:\n  - Ola\n  - Per\n", "approved_by: Kari\n"),
        ("approved_by: [Ola, Per]  # to\n", "approved_by: Kari  # to\n"),
        ("approved_by:\n  a: 1\n  b:\n# neste\n", "approved_by: Kari\n# neste\n"),
        ("approved_by:\n  a: 1\n  b: 2  # to\n", "approved_by: Kari  # to\n"),
    ],
)
def test_set_replaces_a_value_of_any_shape_whole(before: str, after: str) -> None:
    text = f"---\nid: x\n{before}owner: y\n---\n"
    assert (
        edit_front_matter(text, {"approved_by": SetValue("Kari")})
        == f"---\nid: x\n{after}owner: y\n---\n"
    )


def test_set_a_multi_line_value_in_a_crlf_file() -> None:
    text = "---\r\napproved_by: 'Ola\r\n  Nordmann'\r\nid: x\r\n---\r\n"
    assert (
        edit_front_matter(text, {"approved_by": SetValue("Kari")})
        == "---\r\napproved_by: 'Kari'\r\nid: x\r\n---\r\n"
    )


@pytest.mark.parametrize(
    ("value", "style", "text"),
    [
        (True, None, "true"),
        (False, None, "false"),
        (None, None, "null"),
        (True, "'", "true"),
        (None, '"', "null"),
        (5, "'", "5"),
        ("a, b", None, "a, b"),
        ("a\ufeffb", None, '"a\\uFEFFb"'),
    ],
)
def test_render_scalar_keeps_the_type_and_writes_plain_when_it_can(
    value: Any, style: str | None, text: str
) -> None:
    assert render_scalar(value, style) == text


def test_render_scalar_in_flow_style_quotes_flow_indicators() -> None:
    assert render_scalar("a, b", flow=True) == '"a, b"'
    assert render_scalar("Kari Nordmann", flow=True) == "Kari Nordmann"


def test_double_quoted_escapes() -> None:
    assert double_quoted('Xa"b\\c') == '"Xa\\"b\\\\c"'
    assert double_quoted("a\nb\tc\rd") == '"a\\nb\\tc\\rd"'
    assert double_quoted("\x07\x85\u2028\ufeff") == '"\\x07\\x85\\u2028\\uFEFF"'
    assert double_quoted("æ\u0100\U0001f600") == '"æ\u0100\U0001f600"'


def test_plain_turns_every_yaml_value_into_json_data() -> None:
    assert plain(None) is None
    assert plain(("a", 1)) == ["a", 1]
    assert plain([1, "a", dt.date(2026, 1, 2)]) == [1, "a", "2026-01-02"]
    assert plain({1, "a"}) == ["a", 1]  # sorted by repr: "'a'" before "1"
    assert plain(frozenset({"b", "a"})) == ["a", "b"]
    assert plain(b"\x00\xff") == "AP8="
    assert plain(float("inf")) == ".inf"
    assert plain(float("-inf")) == "-.inf"
    assert plain(float("nan")) == ".nan"
    assert plain(1.5) == 1.5
    assert plain(True) is True
    assert plain(dt.datetime(2026, 1, 2, 3, 4)) == "2026-01-02T03:04:00"
    assert plain({1: dt.date(2026, 1, 2)}) == {"1": "2026-01-02"}
    assert plain(Decimal("1.50")) == "1.50"  # anything else: its text


OLD = "---\nid: IV.7-2\nversion: '1.0'\nowner: x\n---\nTekst\n"


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("---\nid: [\n---\nTekst\n", "Redigeringen ville gitt ugyldig front matter."),
        (
            "---\nid: IV.7-2\nversion: '1.0'\nowner: x\n---\nTekst\n",
            "Redigeringen ga ikke de verdiene den skulle.",
        ),
        (
            "---\nid: IV.7-2\nversion: '1.1'\nowner: y\n---\nTekst\n",
            "Redigeringen ga ikke de verdiene den skulle.",
        ),
        (
            "---\nversion: '1.1'\nowner: x\nid: IV.7-2\n---\nTekst\n",
            "Redigeringen ville endret rekkefølgen på feltene.",
        ),
        (
            "---\nid: IV.7-2\nversion: '1.1'\nowner: x\n---\nTekst!\n",
            "Redigeringen ville endret teksten etter front matter.",
        ),
        (
            "---  \nid: IV.7-2\nversion: '1.1'\nowner: x\n---\nTekst\n",
            "Redigeringen ville endret teksten etter front matter.",
        ),
    ],
)
def test_verify_refuses_a_wrong_result(new: str, message: str) -> None:
    with pytest.raises(FrontMatterEditError, match=re.escape(message)) as caught:
        _verify(OLD, new, {"version": SetValue("1.1")})
    if message.endswith("."):
        assert caught.value.message == message


def test_verify_accepts_the_right_result_and_expects_appended_items() -> None:
    right = "---\nid: IV.7-2\nversion: '1.1'\nowner: x\n---\nTekst\n"
    _verify(OLD, right, {"version": SetValue("1.1")})
    with_list = "---\nid: IV.7-2\nversion: '1.0'\nowner: x\nchanges:\n  - by: K\n---\nTekst\n"
    _verify(OLD, with_list, {"changes": AppendItem({"by": "K"})})
    with pytest.raises(FrontMatterEditError, match="ga ikke de verdiene"):
        _verify(OLD, with_list, {"changes": AppendItem({"by": "L"})})
    # A key that was not a list becomes a list of the one item.
    old_text = "---\nid: IV.7-2\nchanges: x\n---\n"
    _verify(
        old_text,
        "---\nid: IV.7-2\nchanges:\n  - by: K\n---\n",
        {"changes": AppendItem({"by": "K"})},
    )
    # An old front matter that is not valid still lets a valid result through.
    _verify("---\nid: [\n---\n", "---\nid: x\n---\n", {"id": SetValue("x")})


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("approved_by:   Ola  # c\n", "approved_by:   Kari  # c\n"),  # one line: spacing kept
        ("approved_by:   'Ola\n  Nordmann'\n", "approved_by: 'Kari'\n"),  # from the colon
        ("approved_by:   'Ola\r  Nordmann'\n", "approved_by: 'Kari'\n"),  # a lone CR breaks too
        ("approved_by:   |\n  Ola\n", "approved_by: Kari\n"),
        ("approved_by:   >\n  Ola\n", "approved_by: Kari\n"),
    ],
)
def test_a_value_on_one_line_keeps_its_spacing_and_a_longer_one_is_replaced_from_the_colon(
    before: str, after: str
) -> None:
    text = f"---\n{before}id: x\n---\n"
    assert edit_front_matter(text, {"approved_by": SetValue("Kari")}) == f"---\n{after}id: x\n---\n"


def test_only_whitespace_is_trimmed_from_the_end_of_a_block_scalar() -> None:
    text = "---\napproved_by: |\n  Ola X\n\n# neste\nid: x\n---\n"
    assert (
        edit_front_matter(text, {"approved_by": SetValue("Kari")})
        == "---\napproved_by: Kari\n\n# neste\nid: x\n---\n"
    )


def test_a_front_matter_with_a_complex_key_is_refused_not_written() -> None:
    """tvf reads only text keys, so the check after the edit refuses the result."""
    text = "---\n? [a, b]\n: x\nstatus: draft\n---\n"
    with pytest.raises(FrontMatterEditError) as caught:
        edit_front_matter(text, {"status": SetValue("approved")})
    assert caught.value.message == "Redigeringen ville gitt ugyldig front matter."


# --- Mutation testing, second round: the shapes the first round's survivors pointed at ---------

NEW_ITEM = '- version: "1.1"\n  by: Kari Nordmann\n  summary: Nye frister\n'


def test_an_item_is_appended_after_a_last_value_that_is_a_block_scalar() -> None:
    """Where the last item ends is found through its last value, here a block scalar whose
    trailing blank line and comment belong to what follows."""
    text = "---\nchanges:\n- by: X\n  summary: |\n    Y\n\n    Z\n\n# neste\nid: x\n---\n"
    assert edit_front_matter(text, {"changes": AppendItem(ITEM2)}) == (
        f"---\nchanges:\n- by: X\n  summary: |\n    Y\n\n    Z\n{NEW_ITEM}\n# neste\nid: x\n---\n"
    )


def test_an_item_is_appended_after_a_last_item_that_is_a_block_scalar() -> None:
    text = "---\nchanges:\n- >\n  Y\n\n# neste\nid: x\n---\n"
    assert edit_front_matter(text, {"changes": AppendItem(ITEM2)}) == (
        f"---\nchanges:\n- >\n  Y\n{NEW_ITEM}\n# neste\nid: x\n---\n"
    )


def test_an_item_is_appended_after_a_last_item_whose_last_value_is_empty() -> None:
    text = "---\nchanges:\n- by: X\n  summary:   # ingen\n\nid: x\n---\n"
    assert edit_front_matter(text, {"changes": AppendItem(ITEM2)}) == (
        f"---\nchanges:\n- by: X\n  summary:   # ingen\n{NEW_ITEM}\nid: x\n---\n"
    )


@pytest.mark.parametrize(
    ("first", "line_break"),
    [("---\r\n", "\n"), ("---\n", "\r\n")],
    ids=["crlf-file-lf-line", "lf-file-crlf-line"],
)
def test_a_null_list_in_a_file_of_mixed_line_endings(first: str, line_break: str) -> None:
    """The item goes before the line break that ends «changes: ~», whichever it is; its own
    lines end the way the file's first line does."""
    nl = first[3:]
    text = f"{first}changes: ~{line_break}id: x{nl}---{nl}"
    item_lines = "".join(
        nl + line
        for line in ['  - version: "1.1"', "    by: Kari Nordmann", "    summary: Nye frister"]
    )
    assert edit_front_matter(text, {"changes": AppendItem(ITEM2)}) == (
        f"{first}changes:{item_lines}{line_break}id: x{nl}---{nl}"
    )


def test_append_to_an_explicitly_tagged_null() -> None:
    text = "---\nchanges: !!null  # tom\nid: x\n---\n"
    assert edit_front_matter(text, {"changes": AppendItem(ITEM2)}) == (
        "---\nchanges:  # tom\n  " + NEW_ITEM.replace("\n  ", "\n    ") + "id: x\n---\n"
    )


def test_a_quoted_null_is_text_not_an_empty_list() -> None:
    with pytest.raises(FrontMatterEditError, match="er ikke en liste"):
        edit_front_matter("---\nchanges: 'null'\n---\n", {"changes": AppendItem(ITEM2)})


def test_a_value_that_starts_or_ends_with_a_no_break_space_is_quoted() -> None:
    """YAML would keep the no-break space of a plain value, but it is invisible: quoted, it
    shows."""
    assert render_scalar("\u00a0Kari") == '"\u00a0Kari"'
    assert render_scalar("Kari\u00a0") == '"Kari\u00a0"'
    assert render_scalar("Kari\u00a0Nordmann") == "Kari\u00a0Nordmann"


def test_a_front_matter_fence_alone_is_not_closed() -> None:
    for text in ("---", "---\n", "---\r\n"):
        with pytest.raises(FrontMatterEditError) as caught:
            split(text)
        assert caught.value.message == "Front matter er ikke avsluttet med en linje «---»."


def test_verify_refuses_a_result_with_the_right_values_and_a_problem() -> None:
    """A byte-order mark is a problem tvf check reports, though the values are read."""
    right = "\ufeff---\nid: IV.7-2\nversion: '1.1'\nowner: x\n---\nTekst\n"
    doc, problems = parse_document("x.md", right.encode())
    assert doc is not None and doc.meta is not None and problems
    with pytest.raises(FrontMatterEditError) as caught:
        _verify(OLD, right, {"version": SetValue("1.1")})
    assert caught.value.message == "Redigeringen ville gitt ugyldig front matter."


def test_a_value_that_is_a_list_ending_in_a_block_scalar_is_replaced_whole() -> None:
    """The end of a block list is the end of its last item (not of its second), here a block
    scalar whose trailing blank line and comment belong to what follows."""
    text = "---\napproved_by:\n  - Ola\n  - Per\n  - |\n    Kari\n\n# neste\nid: x\n---\n"
    assert (
        edit_front_matter(text, {"approved_by": SetValue("Kari")})
        == "---\napproved_by: Kari\n\n# neste\nid: x\n---\n"
    )


def test_an_item_is_appended_after_a_nested_list_of_three() -> None:
    text = "---\nchanges:\n- by: X\n  tags:\n  - a\n  - b\n  - c\nid: x\n---\n"
    assert edit_front_matter(text, {"changes": AppendItem(ITEM2)}) == (
        f"---\nchanges:\n- by: X\n  tags:\n  - a\n  - b\n  - c\n{NEW_ITEM}id: x\n---\n"
    )
