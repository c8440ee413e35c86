"""Reading YAML as tvf reads it: a document's front matter (:mod:`tverrfaglig.document`) and a
handbook's ``laws.yaml`` (:mod:`tverrfaglig.laws.registry_file`).

- libyaml's C loader when PyYAML has it, else PyYAML's own (the same values, only slower);
- an impossible date (``2026-13-45``) stays a string, so the caller can say which field has the
  wrong form, with its line, instead of the whole text failing to load;
- :func:`load` keeps the node tree, so messages can point at the line of a key or list item
  (:func:`key_lines`, :func:`line`, :func:`error_line`);
- values are built without PyYAML's overhead, and aliases (``*name``) that unfold into a huge or
  endless value (a "billion laughs") are refused (:data:`MAX_EXPANDED_NODES`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, TypeVar

import yaml

from .i18n import _

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # PyYAML without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class Loader(_BaseLoader):
    """Safe YAML (libyaml's C loader when there is one) whose impossible dates stay strings."""


def _timestamp(loader: Loader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


class NumberTooLong(ValueError):
    """A whole number with more digits than Python converts (``sys.get_int_max_str_digits``):
    a YAML problem of one file, never a crash of the whole run. ``line`` is 0-based in the
    text, as YAML's marks are."""

    def __init__(self, line: int, digits: int) -> None:
        super().__init__(f"{digits} digits")
        self.line = line
        self.digits = digits


def _int(loader: Loader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        digits = sum(c.isdigit() for c in str(node.value))
        raise NumberTooLong(node.start_mark.line, digits) from None


Loader.add_constructor("tag:yaml.org,2002:int", _int)

# A text larger than this once its aliases are unfolded is refused (the default of load()).
MAX_EXPANDED_NODES = 10_000

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class TooLarge(Exception):
    """Aliases that unfold into a huge (or endless) value: a "billion laughs" text."""


class _SharedNode(Exception):
    """The text uses an alias (``*name``): leave it to PyYAML, which shares the value."""


def load(text: str, *, max_nodes: int | None = MAX_EXPANDED_NODES) -> tuple[yaml.Node | None, Any]:
    """The node tree of a one-document YAML text (None when it is empty) and its value.

    Raises :class:`yaml.YAMLError` (:class:`yaml.MarkedYAMLError` with the place) for bad YAML,
    :class:`RecursionError` for too deep nesting, and :class:`TooLarge` when aliases unfold into
    more than ``max_nodes`` values (``None``: no limit).
    """
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        return node, (_construct(loader, node, max_nodes) if node is not None else None)
    finally:
        loader.dispose()


def _construct(loader: Loader, node: yaml.Node, max_nodes: int | None) -> Any:
    try:
        return _build(loader, node, set())
    except _SharedNode:
        if max_nodes is not None:
            _expanded_size(node, {}, set(), max_nodes)
        return loader.construct_document(node)


def _build(loader: Loader, node: yaml.Node, seen: set[int]) -> Any:
    """Construct a node's value; strings, lists and plain mappings without PyYAML's overhead.

    YAML for tvf is mostly strings, so this is about twice as fast as the constructor. Anything
    else (numbers, dates, merge keys, odd keys) goes to the loader, which gives the same result.
    A node met twice means an alias; then the caller falls back to PyYAML for the whole text,
    so aliases stay shared (no exponential expansion) and recursive ones work.
    """
    if id(node) in seen:
        raise _SharedNode
    seen.add(id(node))
    tag = node.tag
    if tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    if tag == _SEQ and isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, seen) for item in node.value]
    if tag == _MAP and isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag != _STR:
                return loader.construct_object(node, deep=True)
            result[key_node.value] = _build(loader, value_node, seen)
        return result
    return loader.construct_object(node, deep=True)


def _expanded_size(node: yaml.Node, sizes: dict[int, int], path: set[int], limit: int) -> int:
    """How many values the node holds once every alias is unfolded; raise past the limit."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in path:
        raise TooLarge(_("rekursivt alias"))
    path.add(key)
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(item, sizes, path, limit) for item in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(
            _expanded_size(k, sizes, path, limit) + _expanded_size(v, sizes, path, limit)
            for k, v in node.value
        )
    path.discard(key)
    if size > limit:
        raise TooLarge(_("over {n} verdier når aliasene foldes ut").format(n=limit))
    sizes[key] = size
    return size


# --- Lines -----------------------------------------------------------------------------------


def line(node: yaml.Node, offset: int = 1) -> int:
    """The line a node starts on; ``offset`` is the line of the text's first line."""
    return int(node.start_mark.line) + offset


def key_lines(node: yaml.Node, offset: int = 1) -> Iterator[tuple[str, int, yaml.Node]]:
    """The keys of a mapping node in the order written, a key written twice each time: the
    key, the line it stands on and its value's node. Nothing for any other node."""
    if not isinstance(node, yaml.MappingNode):
        return
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            yield str(key_node.value), line(key_node, offset), value_node


def error_line(
    exc: yaml.MarkedYAMLError, offset: int = 1, *, text: str | None = None
) -> int | None:
    """The line of a YAML error: where the parser noticed it, else where the construct it was
    reading began; None when the error has no place.

    With ``text`` (the text that was read), a place past its last line (an unclosed bracket or
    quote noticed at the end of the file) gives where the unfinished construct began, and the
    last line when that is not known either.
    """
    last = None if text is None else len(text.splitlines()) or 1
    for mark in (exc.problem_mark, exc.context_mark):
        if mark is not None and (last is None or int(mark.line) + 1 <= last):
            return int(mark.line) + offset
    return None if last is None else last + offset - 1


# --- Values ----------------------------------------------------------------------------------


def as_date(value: object, *, timestamps: bool = False) -> dt.date | None:
    """An ISO date from YAML: a date value, or a string of the form YYYY-MM-DD.

    A timestamp (``2026-01-02 10:00``) is not a date, unless ``timestamps``: then its day.
    """
    if isinstance(value, dt.datetime):
        return value.date() if timestamps else None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def describe(value: object) -> str:
    """What kind of YAML value ``value`` is, for a message (in the language in use): the text
    itself in «», "en tom verdi", "et tall", "en liste", …"""
    if isinstance(value, str):
        return f"«{value}»" if value.strip() else _("tom tekst")
    if value is None:
        return _("en tom verdi")
    if isinstance(value, bool):
        return _("en sannhetsverdi")
    if isinstance(value, int | float):
        return _("et tall")
    if isinstance(value, dt.date):
        return _("en dato")
    if isinstance(value, list | tuple):
        return _("en liste")
    if isinstance(value, dict):
        return _("en tabell (nøkkel: verdi)")
    return _("en verdi av typen {type}").format(type=type(value).__name__)


# --- The fast path: plain front matter without a node tree ----------------------------------
#
# Most front matter is a flat mapping: top-level keys at column 0 with one-line values, and
# lists of one-line items. For such a block the values and the lines of keys and items are
# found with one pass over its lines, without libyaml and without a node tree: a plain
# scalar's type is decided by the same implicit resolvers and built by the same constructors
# the loader uses, and quoted scalars are taken only when they hold no escape and no quote.
# Anything else (anchors, aliases, tags, flow collections, block scalars, nested mappings,
# continuation lines, comments after a value, tabs, carriage returns, characters YAML does not
# print, duplicate keys, keys that are not strings) makes :func:`load_simple` answer None, and
# the caller reads the block the exact way. tests/test_fast_front_matter.py holds the two to
# the same values and lines.

# The characters outside what libyaml accepts, and the tab, the carriage return, the line
# breaks that are not "\n" (NEL, LS, PS) and the BOM: a block with any of them goes the exact
# way. Written as the few ranges it holds rather than as the complement of what is accepted:
# the same characters (tests/test_yamlio.py checks every code point), but compiled in about
# 1 ms instead of 7, before the work is shared between processes.
_NOT_SIMPLE_CHAR = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
# A plain scalar starting with one of these is an indicator (or might be) in YAML.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_SCALAR_CONSTRUCTORS = frozenset(
    {
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp",
    }
)
_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
_constructed: dict[str, object] = {}  # plain scalars that are not strings, by their text


_T = TypeVar("_T")


def _remember(memo: dict[str, _T], text: str, value: _T, limit: int = 4096) -> _T:
    """Keep ``value`` in ``memo`` under ``text`` and give it back; a memo that has grown past
    ``limit`` is emptied first, so memory stays bounded on any input. Only values that are never
    changed are kept: None, bools, numbers, dates, strings and tuples of them."""
    if len(memo) > limit:
        memo.clear()
    memo[text] = value
    return value


_constructor: Any = None


class _NotSimple(Exception):
    """A value :func:`load_simple` does not read itself."""


def _plain(text: str) -> object:
    """The value of a one-line plain scalar, as the loader would build it."""
    resolvers = _resolvers.get(text[0])
    if resolvers is None:
        table = Loader.yaml_implicit_resolvers
        resolvers = _resolvers[text[0]] = [*table.get(text[0], []), *table.get(None, [])]
    for resolved, regexp in resolvers:
        if regexp.match(text):
            tag = resolved
            break
    else:
        return text
    if text in _constructed:
        return _constructed[text]
    if tag not in _SCALAR_CONSTRUCTORS:
        raise _NotSimple
    global _constructor
    if _constructor is None:
        _constructor = yaml.constructor.SafeConstructor()
    try:
        value = Loader.yaml_constructors[tag](_constructor, yaml.ScalarNode(tag, text))
    except Exception:  # a number too long, say: the exact way reports it
        raise _NotSimple from None
    return _remember(_constructed, text, value)


def _scalar(text: str) -> object:
    """The value of a one-line scalar (plain, or quoted without escapes and inner quotes)."""
    known = _scalars.get(text, _scalars)
    if known is not _scalars:
        return known
    return _remember(_scalars, text, _read_scalar(text))


# Scalars already read, by their text: most values of front matter recur from file to file.
_scalars: dict[str, object] = {}


def _read_scalar(text: str) -> object:
    first = text[0]
    if first == '"' or first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != first or first in inner or "\\" in inner:
            raise _NotSimple
        return inner
    if first in _INDICATORS or ": " in text or " #" in text or text[-1] == ":":
        raise _NotSimple
    return _plain(text)


# Keys already read (their value as a plain scalar), by their text.
_keys: dict[str, object] = {}


def _key(text: str) -> object:
    return _remember(_keys, text, _plain(text))


# What one line of a block is, as :func:`load_simple` reads it: a key with its value (or with
# _OPEN: no value, a list may follow), an item of a list with its indent, or nothing (a blank
# line or a comment); _NOT_SIMPLE for a line it leaves to the exact way. Remembered by the
# line's text: most lines of front matter (``type: procedure``, ``  - skole``) recur from file
# to file.
_ONE_LINE = re.compile(r"([A-Za-z_][\w-]*):(?: +(.*))?|( *)- +(.*)| *(?:#.*)?")
_OPEN: Any = object()  # a key without a value
_EMPTY: Any = object()  # a key whose value is []
_NOT_SIMPLE = ("!",)
_SKIP = ("",)
_lines: dict[str, tuple[Any, ...]] = {}


def _line(line: str) -> tuple[Any, ...]:
    """What ``line`` is (see above), remembered."""
    known = _lines.get(line)
    if known is not None:
        return known
    return _remember(_lines, line, _read_line(line), limit=8192)


def _read_line(line: str) -> tuple[Any, ...]:
    match = _ONE_LINE.fullmatch(line)
    if match is None:
        return _NOT_SIMPLE  # a line of another form
    key, value, item_indent, item = match.groups()
    try:
        if item is not None:
            if not item.strip(" "):
                return _NOT_SIMPLE
            return ("-", item_indent, _scalar(item.rstrip(" ")))
        if key is None:
            return _SKIP  # a blank line or a comment
        if not isinstance(_keys.get(key) or _key(key), str):
            return _NOT_SIMPLE  # a key that is not text
        value = value.rstrip(" ") if value else value
        if not value:
            return (":", key, _OPEN)
        if value == "[]":
            return (":", key, _EMPTY)
        return (":", key, _scalar(value))
    except _NotSimple:
        return _NOT_SIMPLE


def load_simple(
    text: str, offset: int = 1
) -> tuple[dict[str, Any], dict[str, int], dict[str, tuple[int, ...]]] | None:
    """A flat front-matter block read without a node tree: its value, the line of each key
    and the lines of the items of each list (``offset``: the line of the text's first line),
    the same as :func:`load` and :func:`key_lines` give. None when the block is not of the
    plain form this reads (see above) or holds no key: then read it with :func:`load`."""
    if _NOT_SIMPLE_CHAR.search(text) is not None:
        return None
    data: dict[str, Any] = {}
    keys: dict[str, int] = {}
    items: dict[str, tuple[int, ...]] = {}
    open_key: str | None = None  # a key written without a value: its list may follow
    values: list[object] = []
    lines: list[int] = []
    indent: str | None = None  # the indent of the open key's items
    number = offset - 1
    for line in text.split("\n"):
        number += 1
        read = _lines.get(line) or _line(line)
        kind = read[0]
        if kind == "-":
            if open_key is None:
                return None
            if indent is None:
                indent = read[1]
            elif read[1] != indent:
                return None
            values.append(read[2])
            lines.append(number)
        elif kind == ":":
            if open_key is not None and indent is not None:
                data[open_key], items[open_key] = values, tuple(lines)
            key = read[1]
            if key in keys:
                return None  # a key written twice (TVF001)
            keys[key] = number
            open_key, indent = None, None
            value = read[2]
            if value is _OPEN:
                open_key, values, lines = key, [], []
                data[key] = None
            elif value is _EMPTY:
                data[key], items[key] = [], ()
            else:
                data[key] = value
        elif kind == "!":
            return None
    if not keys:
        return None
    if open_key is not None and indent is not None:
        data[open_key], items[open_key] = values, tuple(lines)
    return data, keys, items
