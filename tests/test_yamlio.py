"""Tests for reading YAML as tvf reads it (tverrfaglig.yamlio), shared by front matter and
laws.yaml."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
import yaml

from tverrfaglig import yamlio

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcde", "bcdef", strict=True)
)


def test_load_gives_the_node_tree_and_the_value() -> None:
    node, data = yamlio.load("id: IV.7-2\nlegal_basis: [a, b]\nn: 3\n")
    assert isinstance(node, yaml.MappingNode)
    assert data == {"id": "IV.7-2", "legal_basis": ["a", "b"], "n": 3}
    assert yamlio.load("") == (None, None)
    assert yamlio.load("# bare en kommentar\n") == (None, None)


@pytest.mark.parametrize("text", ["2026-13-45", "2024-02-30", "2026-01-01 25:00:00"])
def test_an_impossible_date_stays_a_string(text: str) -> None:
    assert yamlio.load(f"d: {text}\n")[1] == {"d": text}


def test_dates_are_dates() -> None:
    assert yamlio.load("d: 2026-01-02\n")[1] == {"d": dt.date(2026, 1, 2)}


def test_aliases_are_shared_and_limited() -> None:
    _node, data = yamlio.load("a: &x [1, 2]\nb: *x\n")
    assert data == {"a": [1, 2], "b": [1, 2]} and data["a"] is data["b"]
    with pytest.raises(yamlio.TooLarge):
        yamlio.load(LAUGHS)
    with pytest.raises(yamlio.TooLarge):
        yamlio.load(LAUGHS, max_nodes=100)
    assert len(yamlio.load(LAUGHS, max_nodes=None)[1]["f"]) == 10


def test_a_recursive_alias_is_refused_unless_unlimited() -> None:
    with pytest.raises(yamlio.TooLarge):
        yamlio.load("a: &a [*a]\n")
    data = yamlio.load("a: &a [*a]\n", max_nodes=None)[1]
    assert data["a"][0] is data["a"]


def test_bad_yaml_raises_with_its_place() -> None:
    with pytest.raises(yaml.MarkedYAMLError):
        yamlio.load("a: b: c\n")
    with pytest.raises(yaml.YAMLError):
        yamlio.load("- !!python/object/apply:os.system [ls]\n")


def test_key_lines() -> None:
    node = yaml.compose(
        "# kommentar\nid: x\nliste:\n  - a\nid: y\n? [k]\n: v\n", Loader=yamlio.Loader
    )
    keys = [(key, line) for key, line, _value in yamlio.key_lines(node)]
    assert keys == [("id", 2), ("liste", 3), ("id", 5)]  # a key that is not text is left out
    assert [line for _k, line, _v in yamlio.key_lines(node, offset=2)] == [3, 4, 6]
    _key, _line, value = list(yamlio.key_lines(node))[1]
    assert isinstance(value, yaml.SequenceNode) and yamlio.line(value.value[0]) == 4
    sequence, _data = yamlio.load("- a\n")
    assert sequence is not None and list(yamlio.key_lines(sequence)) == []


def error_of(text: str) -> yaml.MarkedYAMLError:
    with pytest.raises(yaml.MarkedYAMLError) as info:
        yamlio.load(text)
    return info.value


def test_error_line() -> None:
    assert yamlio.error_line(error_of("a: 1\nb: c: d\n")) == 2
    assert yamlio.error_line(error_of("a: 1\nb: c: d\n"), offset=2) == 3
    unclosed = "a: 1\nb: [1, 2\n"  # noticed at the end of the text, begun on line 2
    assert yamlio.error_line(error_of(unclosed)) == 3
    assert yamlio.error_line(error_of(unclosed), text=unclosed) == 2
    assert yamlio.error_line(error_of(unclosed), offset=2, text=unclosed) == 3
    assert yamlio.error_line(yaml.MarkedYAMLError(problem="?")) is None
    assert yamlio.error_line(yaml.MarkedYAMLError(problem="?"), text=unclosed) == 2


def test_as_date() -> None:
    assert yamlio.as_date(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
    assert yamlio.as_date(" 2026-01-02 ") == dt.date(2026, 1, 2)
    assert yamlio.as_date("2026-02-30") is None
    assert yamlio.as_date("20260102") is None
    assert yamlio.as_date(20260102) is None
    assert yamlio.as_date(dt.datetime(2026, 1, 2, 10, 0)) is None
    assert yamlio.as_date(dt.datetime(2026, 1, 2, 10, 0), timestamps=True) == dt.date(2026, 1, 2)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("bhl", "«bhl»"),
        (" ", "tom tekst"),
        (None, "en tom verdi"),
        (True, "en sannhetsverdi"),
        (3, "et tall"),
        (1.5, "et tall"),
        (dt.date(2026, 1, 2), "en dato"),
        ([1], "en liste"),
        ({"a": 1}, "en tabell (nøkkel: verdi)"),
        ({1}, "en verdi av typen set"),
    ],
)
def test_describe(value: object, text: str) -> None:
    assert yamlio.describe(value) == text


def test_without_libyaml_pyyamls_own_loader_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML built without libyaml has no CSafeLoader: the pure-Python loader is used."""
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    spec = importlib.util.spec_from_file_location(
        "tverrfaglig._yamlio_without_libyaml", Path(yamlio.__file__)
    )
    assert spec is not None and spec.loader is not None
    pure = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pure)
    assert issubclass(pure.Loader, yaml.SafeLoader)
    text = "id: IV.7-2\nd: 2026-13-45\nv: 2026-01-02\nx: &x b\nl: [a, *x]\n"
    node, data = pure.load(text)
    assert (
        data
        == yamlio.load(text)[1]
        == {"id": "IV.7-2", "d": "2026-13-45", "v": dt.date(2026, 1, 2), "x": "b", "l": ["a", "b"]}
    )
    assert [(k, line) for k, line, _v in pure.key_lines(node)] == [
        ("id", 1),
        ("d", 2),
        ("v", 3),
        ("x", 4),
        ("l", 5),
    ]


def test_the_characters_the_fast_path_leaves_to_the_exact_way_every_code_point() -> None:
    """``_NOT_SIMPLE_CHAR`` is the complement of every character libyaml accepts less the tab,
    the carriage return, NEL, LS, PS and the BOM, as it was first written: checked on every
    code point."""
    import re

    accepted = re.compile(
        "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    )
    every = "".join(map(chr, range(0x110000)))
    found = [m.start() for m in yamlio._NOT_SIMPLE_CHAR.finditer(every)]
    assert found == [m.start() for m in accepted.finditer(every)]
    assert {0x09, 0x0D, 0x85, 0x2028, 0x2029, 0xFEFF} <= set(found)
    assert 0x0A not in found
